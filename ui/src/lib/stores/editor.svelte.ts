// The document open in the editor: its content as the user edits it, autosave, the live
// preview and the checks, and the workflow actions on it.
import { tick } from "svelte";
import { api, type DiagnosticView, type DocumentAction, type OpenDocument } from "../api";
import { Autosave, Latest } from "../autosave";
import { fail } from "./notices.svelte";

/** Quiet time after the last keystroke before a new revision is saved. */
export const AUTOSAVE_MS = 1500;

export const editor = $state<{
  open: OpenDocument | null;
  dirty: boolean;
  saving: boolean;
  savedRevision: number | null;
  savedAt: string | null;
  pages: string[];
  text: string;
  diagnostics: DiagnosticView[];
  /** Layout and drawing time in the shell, ms. */
  renderMs: number;
  /** From a keystroke to its preview on screen, ms. */
  latencyMs: number | null;
  busy: boolean;
}>({
  open: null,
  dirty: false,
  saving: false,
  savedRevision: null,
  savedAt: null,
  pages: [],
  text: "",
  diagnostics: [],
  renderMs: 0,
  latencyMs: null,
  busy: false,
});

const latest = new Latest();
let previewRunning = false;
let previewWanted = false;
let oldestUnshownEdit: number | null = null;

const autosave = new Autosave({
  delayMs: AUTOSAVE_MS,
  save: async () => {
    const open = editor.open;
    if (!open || !canEdit()) return;
    const rev = await api.saveDocument(open.id, $state.snapshot(open.document));
    editor.savedRevision = rev.no;
    editor.savedAt = rev.at;
    open.revision = rev.no;
  },
  onError: fail,
  onChange: ({ dirty, saving }) => {
    editor.dirty = dirty;
    editor.saving = saving;
  },
});

export function can(action: DocumentAction): boolean {
  return editor.open?.allowed.includes(action) ?? false;
}

export function canEdit(): boolean {
  return can("save");
}

export async function openDocument(id: number): Promise<void> {
  await closeDocument();
  const open = await api.loadDocument(id);
  editor.open = open;
  editor.savedRevision = open.revision;
  editor.savedAt = null;
  editor.pages = [];
  editor.diagnostics = [];
  editor.latencyMs = null;
  requestPreview();
}

/** Saves what is pending and closes the document. */
export async function closeDocument(): Promise<void> {
  await autosave.flush();
  autosave.cancel();
  editor.open = null;
}

/** The content was edited: save later, preview now. */
export function edited(): void {
  if (!editor.open || !canEdit()) return;
  oldestUnshownEdit ??= performance.now();
  autosave.touch();
  requestPreview();
}

/** Saves a new revision now (the "Lưu" button, Ctrl+S). */
export async function saveNow(): Promise<void> {
  await autosave.flush();
}

/** Previews at once when no preview is being made, else right after the one in progress, so
 * the pages follow typing as closely as the typesetter allows without piling up requests. */
export function requestPreview(): void {
  previewWanted = true;
  if (!previewRunning) void runPreview();
}

async function runPreview(): Promise<void> {
  previewRunning = true;
  try {
    while (previewWanted && editor.open) {
      previewWanted = false;
      const ticket = latest.next();
      const since = oldestUnshownEdit;
      oldestUnshownEdit = null;
      try {
        const out = await api.previewDocument($state.snapshot(editor.open.document));
        if (!latest.isCurrent(ticket) || !editor.open) continue;
        editor.pages = out.pages;
        editor.text = out.text;
        editor.diagnostics = out.diagnostics;
        editor.renderMs = out.millis;
        await tick();
        if (since !== null) editor.latencyMs = Math.round(performance.now() - since);
      } catch (e) {
        fail(e);
      }
    }
  } finally {
    previewRunning = false;
  }
}

type Step = (id: number) => Promise<OpenDocument>;

/** Runs a workflow step after saving what is pending; the document is reloaded from its result. */
async function step(run: Step): Promise<boolean> {
  const open = editor.open;
  if (!open) return false;
  editor.busy = true;
  try {
    await autosave.flush();
    if (autosave.dirty) return false; // the save failed and was reported; keep the text
    const next = await run(open.id);
    editor.open = next;
    editor.savedRevision = next.revision;
    requestPreview();
    return true;
  } catch (e) {
    fail(e);
    return false;
  } finally {
    editor.busy = false;
  }
}

export const submit = () => step(api.submit);
export const approve = () => step(api.approve);
export const sign = () => step(api.sign);
export const returnToDraft = (reason: string) =>
  step((id) => api.returnToDraft(id, reason));

/** Ban hành; gives the number and symbol. */
export async function issue(): Promise<string | null> {
  const open = editor.open;
  if (!open) return null;
  editor.busy = true;
  try {
    const issued = await api.issue(open.id);
    editor.open = await api.loadDocument(open.id);
    editor.savedRevision = editor.open.revision;
    requestPreview();
    return issued.numberSymbol;
  } catch (e) {
    fail(e);
    return null;
  } finally {
    editor.busy = false;
  }
}

/** Xuất PDF/DOCX through the system's save dialog; gives the path, or null if cancelled. */
export async function exportAs(format: "pdf" | "docx"): Promise<string | null> {
  const open = editor.open;
  if (!open) return null;
  editor.busy = true;
  try {
    await autosave.flush();
    return await api.exportDocument(open.id, format);
  } catch (e) {
    fail(e);
    return null;
  } finally {
    editor.busy = false;
  }
}
