// What changed since the reviewer last decided: the shell's line diff of the text a reader
// sees, turned into what the review pane shows — changed lines with a little context around
// them, long runs of unchanged text folded, and inside a line that was rewritten the words that
// differ marked.
import type { DiffLineView } from "./bindings";

/** A piece of a line: unchanged, or the part that changed. */
export interface Piece {
  text: string;
  changed: boolean;
}

/** One row of the review pane. */
export type ChangeRow =
  | { kind: "same"; text: string }
  | { kind: "added" | "removed"; pieces: Piece[] }
  | { kind: "folded"; count: number };

/** Words and the spaces between them, so that joining the tokens gives the line back. */
function tokens(line: string): string[] {
  return line.match(/\s+|[^\s]+/g) ?? [];
}

/** The words of `a` and `b` marked changed where they differ (longest common subsequence). */
export function wordDiff(a: string, b: string): { removed: Piece[]; added: Piece[] } {
  const x = tokens(a);
  const y = tokens(b);
  const n = x.length;
  const m = y.length;
  // Beyond this the lines are shown changed as a whole.
  if (n * m > 250_000) {
    return { removed: [{ text: a, changed: true }], added: [{ text: b, changed: true }] };
  }
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const removed: Piece[] = [];
  const added: Piece[] = [];
  const push = (list: Piece[], text: string, changed: boolean) => {
    const last = list[list.length - 1];
    if (last && last.changed === changed) last.text += text;
    else list.push({ text, changed });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      push(removed, x[i]!, false);
      push(added, y[j]!, false);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      push(added, y[j++]!, true);
    } else {
      push(removed, x[i++]!, true);
    }
  }
  return { removed, added };
}

/**
 * The rows of the review pane: every added and removed line, `context` unchanged lines before
 * and after each change, and the unchanged lines between as one folded row. A removed line
 * followed by an added one is a rewritten line: its changed words are marked.
 */
export function changeRows(lines: readonly DiffLineView[], context = 1): ChangeRow[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === "same") return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const rows: ChangeRow[] = [];
  let folded = 0;
  const flush = () => {
    if (folded > 0) rows.push({ kind: "folded", count: folded });
    folded = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!keep[i]) {
      folded++;
      continue;
    }
    flush();
    if (l.kind === "same") {
      rows.push({ kind: "same", text: l.text });
      continue;
    }
    // A run of removed lines followed by a run of added ones: pair them up.
    let r = i;
    while (r < lines.length && lines[r]!.kind === "removed") r++;
    let a = r;
    while (a < lines.length && lines[a]!.kind === "added") a++;
    const removed = lines.slice(i, r).map((x) => x.text);
    const added = lines.slice(r, a).map((x) => x.text);
    const pairs = Math.min(removed.length, added.length);
    const outRemoved: ChangeRow[] = [];
    const outAdded: ChangeRow[] = [];
    removed.forEach((t, k) => {
      if (k < pairs) {
        const d = wordDiff(t, added[k]!);
        outRemoved.push({ kind: "removed", pieces: d.removed });
        outAdded.push({ kind: "added", pieces: d.added });
      } else outRemoved.push({ kind: "removed", pieces: [{ text: t, changed: true }] });
    });
    added.slice(pairs).forEach((t) => outAdded.push({ kind: "added", pieces: [{ text: t, changed: true }] }));
    rows.push(...outRemoved, ...outAdded);
    i = a - 1;
  }
  flush();
  return rows;
}

/** How many lines were added and removed. */
export function changeCount(lines: readonly DiffLineView[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
  };
}

/** A form field: its document path and its text. */
export interface FieldText {
  path: string;
  value: string;
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The form field a changed line comes from: a field whose text holds the whole line (a
 * paragraph), else the longest field text the line holds (a heading printed with its number,
 * "2. Yêu cầu", comes from the title field "Yêu cầu"). Null when none does.
 */
export function fieldForLine(line: string, fields: readonly FieldText[]): string | null {
  const l = squash(line);
  if (!l) return null;
  const whole = fields.find((f) => squash(f.value).includes(l));
  if (whole) return whole.path;
  let best: FieldText | null = null;
  for (const f of fields) {
    const v = squash(f.value);
    if (v.length >= 3 && l.includes(v) && (!best || v.length > squash(best.value).length)) best = f;
  }
  return best?.path ?? null;
}
