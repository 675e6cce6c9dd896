// Lists in the form: the marker printed before each item ("-", "+", "a)", "(1)" …), the first
// number of a numbered list that continues another, and the items edited as lines of text —
// one line per item, a line indented by two spaces per level being a sub-item of the line
// above. Reading the lines back keeps what was not retyped: a line unchanged keeps its
// bold/italic, an item keeps the marker chosen for its sub-items.
import type { Block, ListItem, ListMarker } from "./document";
import { letter } from "./numbering";
import { plainText } from "./richtext";

export type ListBlock = Extract<Block, { kind: "list" }>;

export const LIST_MARKERS: ListMarker[] = [
  "dash", "plus", "star", "bullet", "en-dash",
  "number-dot", "number-paren", "number-in-parens", "letter-paren",
];

/** What each marker prints, as the select shows it. */
export const LIST_MARKER_LABELS: Record<ListMarker, string> = {
  dash: "-",
  plus: "+",
  star: "*",
  bullet: "•",
  "en-dash": "–",
  "number-dot": "1., 2., 3.",
  "number-paren": "1), 2), 3)",
  "number-in-parens": "(1), (2), (3)",
  "letter-paren": "a), b), c)",
};

/** The marker a list at `depth` (0 = a list of the text, 1 = inside an item) has when none is
 * chosen: "-", then "+", then "•". */
export function defaultMarker(depth: number): ListMarker {
  return depth === 0 ? "dash" : depth === 1 ? "plus" : "bullet";
}

/** Whether the marker counts (1., a), (1)), so that a first number means something. */
export function isNumbered(marker: ListMarker | null | undefined): boolean {
  return marker === "number-dot" || marker === "number-paren" || marker === "number-in-parens" || marker === "letter-paren";
}

/** The marker of item number `n`. */
export function markerText(marker: ListMarker, n: number): string {
  switch (marker) {
    case "number-dot": return `${n}.`;
    case "number-paren": return `${n})`;
    case "number-in-parens": return `(${n})`;
    case "letter-paren": return `${letter(n)})`;
    default: return LIST_MARKER_LABELS[marker];
  }
}

/** The select's value for a marker: "" for the default. */
export function markerChoice(marker: ListMarker | null | undefined): ListMarker | "" {
  return marker ?? "";
}

/** Sets the list's marker ("" back to the default); the items and their texts stay as they
 * are, and so does a first number (kept for when a numbered marker comes back). */
export function setMarker(block: ListBlock, choice: ListMarker | "" | null): void {
  if (choice) block.marker = choice;
  else delete block.marker;
}

/** Sets the marker of an item's sub-items ("" back to the default). */
export function setItemsMarker(item: ListItem, choice: ListMarker | "" | null): void {
  if (choice) item.items_marker = choice;
  else delete item.items_marker;
}

/** A first number as typed: empty for 1, else a whole number from 1; refused with a message. */
export function parseStart(typed: string): { start: number | null; error: string | null } {
  const t = typed.trim();
  if (t === "") return { start: null, error: null };
  if (!/^\d+$/.test(t)) return { start: null, error: "Số bắt đầu phải là một số nguyên (1, 2, 3 …)." };
  const n = Number(t);
  if (n < 1) return { start: null, error: "Số bắt đầu phải từ 1 trở lên." };
  if (n > 4_294_967_295) return { start: null, error: "Số bắt đầu quá lớn." };
  return { start: n === 1 ? null : n, error: null };
}

/** Sets the first number (null or 1: from 1). */
export function setStart(block: ListBlock, start: number | null): void {
  if (start === null || start === 1) delete block.start;
  else block.start = start;
}

const INDENT = "  ";

/** The items as lines: sub-items indented by two spaces per level. */
export function listText(items: readonly ListItem[]): string {
  const lines: string[] = [];
  const walk = (list: readonly ListItem[], depth: number) => {
    for (const item of list) {
      lines.push(INDENT.repeat(depth) + plainText(item.text));
      walk(item.items ?? [], depth + 1);
    }
  };
  walk(items, 0);
  return lines.join("\n");
}

/**
 * The items from lines as typed: each line an item, two leading spaces per level making it a
 * sub-item of the line above (never more than one level below it; further spaces stay in the
 * text). Writing the result back with `listText` gives the lines as typed, so the field does
 * not change under the cursor. An item at a place that had one keeps that item's other fields
 * (the marker of its sub-items) and, when its text is unchanged, its styled text.
 */
export function parseListText(text: string, previous: readonly ListItem[] = []): ListItem[] {
  const top: ListItem[] = [];
  // The open items by depth: stack[d] is the last item at depth d, with its place in the old list.
  const stack: { item: ListItem; old: ListItem | undefined }[] = [];
  for (const line of text.split("\n")) {
    let spaces = 0;
    while (line[spaces] === " ") spaces++;
    const depth = Math.min(Math.floor(spaces / INDENT.length), stack.length);
    const body = line.slice(depth * INDENT.length);
    stack.length = depth;
    const parent = stack[depth - 1];
    const siblings = parent ? (parent.item.items ??= []) : top;
    const oldSiblings = parent ? (parent.old?.items ?? []) : previous;
    const old = oldSiblings[siblings.length];
    const item: ListItem = { text: body };
    if (old) {
      if (plainText(old.text) === body) item.text = old.text;
      if (old.items_marker) item.items_marker = old.items_marker;
    }
    siblings.push(item);
    stack.push({ item, old });
  }
  return top;
}

/** Every item that has sub-items, with its path under the list (`items[0].items[2]`), its
 * depth (0 for the list's own items) and its text: where the form offers the sub-items' marker. */
export function itemsWithSubitems(items: readonly ListItem[]): { path: string; depth: number; item: ListItem }[] {
  const out: { path: string; depth: number; item: ListItem }[] = [];
  const walk = (list: readonly ListItem[], prefix: string, depth: number) =>
    list.forEach((item, i) => {
      const path = `${prefix}items[${i}]`;
      if ((item.items ?? []).length) out.push({ path, depth, item });
      walk(item.items ?? [], `${path}.`, depth + 1);
    });
  walk(items, "", 0);
  return out;
}

/** Items, and sub-items depth first, counted. */
export function itemCount(items: readonly ListItem[]): number {
  return items.reduce((n, i) => n + 1 + itemCount(i.items ?? []), 0);
}
