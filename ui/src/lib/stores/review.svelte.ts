// The review of the open document: what changed since the current person last approved or
// returned it, and the comments anchored to its parts.
import { api, type ReviewChangesView } from "../api";
import { editor, requestPreview } from "./editor.svelte";

export const review = $state<{
  changes: ReviewChangesView | null;
  forId: number | null;
  /** The form fields an added or rewritten line comes from, marked in the form. */
  changedPaths: string[];
}>({
  changes: null,
  forId: null,
  changedPaths: [],
});

/** Loads the changes for the open document (none when this person never decided on it). */
export async function loadChanges(): Promise<void> {
  const open = editor.open;
  if (!open) return;
  const changes = await api.reviewChanges(open.id);
  if (editor.open?.id !== open.id) return;
  review.changes = changes;
  review.forId = open.id;
  review.changedPaths = [];
  // What was added or rewritten since, marked in the pages too.
  const marked = (changes?.lines ?? []).filter((l) => l.kind === "added").map((l) => l.text);
  if (marked.length || editor.marked.length) {
    editor.marked = marked;
    requestPreview();
  }
}

/** Adds a comment on `anchor` (a part's path, "" for the whole document). */
export async function addComment(anchor: string, text: string): Promise<void> {
  const open = editor.open;
  if (!open) return;
  const comment = await api.comment(open.id, anchor, text);
  if (editor.open?.id === open.id) editor.open.comments = [...editor.open.comments, comment];
}
