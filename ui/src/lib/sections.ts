// Editing the tree of numbered sections: add, delete, move up/down, indent, outdent. A section
// is addressed by its indexes from the top (`[1, 0]` = the first subsection of the second
// section); its number ("II.", "1.", "a)") follows from that position, so every edit renumbers
// the whole tree. A section that is moved loses its forced `number_from`, which would otherwise
// keep the old number at the new place. The functions change the tree in place (the editor
// holds it in a Svelte state proxy) and give the new address of the section they moved.
import type { Numbering, Section } from "./document";
import { labels, sectionLabel } from "./numbering";

export type SectionAddress = readonly number[];

/** The list that holds the section at `at` (the top list for a top-level section). */
function siblings(tree: Section[], at: SectionAddress): Section[] | null {
  let list = tree;
  for (const i of at.slice(0, -1)) {
    const s = list[i];
    if (!s) return null;
    s.subsections ??= [];
    list = s.subsections;
  }
  return list;
}

/** The section at `at`, or null. */
export function sectionAt(tree: Section[], at: SectionAddress): Section | null {
  const list = siblings(tree, at);
  const i = at[at.length - 1];
  return list && i !== undefined ? (list[i] ?? null) : null;
}

/** A new empty section. */
export function emptySection(): Section {
  return { title: "" };
}

function loose(s: Section): Section {
  delete s.number_from;
  return s;
}

/** Adds an empty section right after the one at `at`, at the same level; gives its address. */
export function addAfter(tree: Section[], at: SectionAddress): number[] {
  const list = siblings(tree, at);
  const i = at[at.length - 1];
  if (!list || i === undefined) return addAtEnd(tree);
  list.splice(i + 1, 0, emptySection());
  return [...at.slice(0, -1), i + 1];
}

/** Adds an empty section at the end of the top level; gives its address. */
export function addAtEnd(tree: Section[]): number[] {
  tree.push(emptySection());
  return [tree.length - 1];
}

/** Adds an empty subsection at the end of the section at `at`; gives its address. */
export function addChild(tree: Section[], at: SectionAddress): number[] | null {
  const s = sectionAt(tree, at);
  if (!s) return null;
  s.subsections = [...(s.subsections ?? []), emptySection()];
  return [...at, s.subsections.length - 1];
}

/** Deletes the section at `at` with its subsections; gives the removed section. */
export function remove(tree: Section[], at: SectionAddress): Section | null {
  const list = siblings(tree, at);
  const i = at[at.length - 1];
  if (!list || i === undefined || !list[i]) return null;
  return list.splice(i, 1)[0] ?? null;
}

/** Moves the section one place up (-1) or down (+1) among its siblings; null at an end. */
export function move(tree: Section[], at: SectionAddress, delta: -1 | 1): number[] | null {
  const list = siblings(tree, at);
  const i = at[at.length - 1];
  if (!list || i === undefined) return null;
  const j = i + delta;
  if (j < 0 || j >= list.length || !list[i]) return null;
  const [s] = list.splice(i, 1);
  list.splice(j, 0, loose(s!));
  return [...at.slice(0, -1), j];
}

/** Makes the section the last subsection of the sibling above it; null for a first child. */
export function indent(tree: Section[], at: SectionAddress): number[] | null {
  const list = siblings(tree, at);
  const i = at[at.length - 1];
  if (!list || i === undefined || i === 0 || !list[i]) return null;
  const above = list[i - 1]!;
  const [s] = list.splice(i, 1);
  above.subsections = [...(above.subsections ?? []), loose(s!)];
  return [...at.slice(0, -1), i - 1, above.subsections.length - 1];
}

/** Makes the section a sibling of its parent, right after it; its later siblings stay with
 * the parent. Null for a top-level section. */
export function outdent(tree: Section[], at: SectionAddress): number[] | null {
  if (at.length < 2) return null;
  const parentAt = at.slice(0, -1);
  const parent = sectionAt(tree, parentAt);
  const outer = siblings(tree, parentAt);
  const i = at[at.length - 1]!;
  const p = parentAt[parentAt.length - 1]!;
  if (!parent?.subsections?.[i] || !outer) return null;
  const [s] = parent.subsections.splice(i, 1);
  outer.splice(p + 1, 0, loose(s!));
  return [...parentAt.slice(0, -1), p + 1];
}

/** The path of a section in the document, as the checks and comments name it. */
export function sectionPath(at: SectionAddress, root = "body"): string {
  return root + "." + at.map((i, d) => (d === 0 ? `sections[${i}]` : `subsections[${i}]`)).join(".");
}

/** One line of the outline: a section's address, number and title. */
export interface OutlineEntry {
  at: number[];
  path: string;
  label: string;
  title: string;
}

/** Every section in reading order with its number by the document's numbering (sections'
 * own numbering included; numbers set by hand left out, which only the renderer applies). */
export function outline(tree: Section[], scheme: Numbering | null | undefined): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const printed = labels(tree, scheme, false);
  const walk = (list: Section[], prefix: number[]) =>
    list.forEach((s, i) => {
      const at = [...prefix, i];
      out.push({ at, path: sectionPath(at), label: printed.get(at.join(",")) ?? sectionLabel(scheme, at), title: plain(s.title) });
      walk(s.subsections ?? [], at);
    });
  walk(tree, []);
  return out;
}

function plain(t: Section["title"]): string {
  return typeof t === "string" ? t : t.map((x) => (typeof x === "string" ? x : x.text)).join("");
}
