// Rows of a table the user edits (tasks, recipients, legal references, appendices): add after,
// delete, move up or down. In place, on the editor's state proxy; each gives the index the
// row ends at, for the focus to follow it.
import type { Document, Section, TaskNode } from "./document";

/** Moves row `i` by `delta`; the new index, or null at an end. */
export function moveRow<T>(list: T[], i: number, delta: -1 | 1): number | null {
  const j = i + delta;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return null;
  const [row] = list.splice(i, 1);
  list.splice(j, 0, row as T);
  return j;
}

/** Deletes row `i`; the index to focus after (the row that took its place, or the last). */
export function deleteRow<T>(list: T[], i: number): number | null {
  if (i < 0 || i >= list.length) return null;
  list.splice(i, 1);
  return list.length === 0 ? null : Math.min(i, list.length - 1);
}

/** Inserts `row` after `i` (at the end when `i` is null); its index. */
export function insertRow<T>(list: T[], i: number | null, row: T): number {
  const at = i === null ? list.length : i + 1;
  list.splice(at, 0, row);
  return at;
}

/** A new task row. */
export function emptyTask(): TaskNode {
  return { kind: "task", content: [""], lead: [], cooperating: [], time: null, target: null };
}

/** The printed numbers of the task table: groups 1, 2, … and their tasks 1.1, 1.2, …; a task
 * that continues the one above shares its number. */
export function taskNumbers(nodes: readonly TaskNode[], prefix = ""): string[] {
  const out: string[] = [];
  let n = 0;
  for (const node of nodes) {
    if (!(node.kind === "task" && node.continues_previous && n > 0)) n++;
    out.push(prefix + String(n));
  }
  return out;
}

/** Adds or removes `unit` from a list of units, keeping the order they were chosen in. */
export function toggleUnit(units: readonly string[] | undefined, unit: string): string[] {
  const list = [...(units ?? [])];
  const at = list.indexOf(unit);
  if (at >= 0) list.splice(at, 1);
  else list.push(unit);
  return list;
}

function sectionsHaveTasks(sections: readonly Section[] | undefined): boolean {
  return (sections ?? []).some(
    (s) => (s.blocks ?? []).some((b) => b.kind === "tasks") || sectionsHaveTasks(s.subsections),
  );
}

/** Where the task table is printed: "body" (as text in a section), "appendix", or null when
 * nowhere yet. */
export function tasksPlacement(doc: Document): "body" | "appendix" | null {
  if ((doc.body.blocks ?? []).some((b) => b.kind === "tasks") || sectionsHaveTasks(doc.body.sections)) return "body";
  if ((doc.appendices ?? []).some((a) => a.content.kind === "tasks")) return "appendix";
  return null;
}

/** Makes sure the task table is printed somewhere: when it is nowhere, it goes at the end of
 * the section "Nội dung" (the first section when there is none). Gives the section's index, or
 * null when nothing was changed. */
export function placeTasks(doc: Document): number | null {
  if (tasksPlacement(doc) !== null) return null;
  doc.body.sections ??= [];
  const sections = doc.body.sections;
  let i = sections.findIndex((s) => s.role === "content");
  if (i < 0) i = 0;
  if (!sections[i]) sections.push({ title: "NỘI DUNG", role: "content" });
  const s = sections[i]!;
  s.blocks = [...(s.blocks ?? []), { kind: "tasks" }];
  return i;
}
