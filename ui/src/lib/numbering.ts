// The numbers the form shows beside section titles, following the document's numbering (a
// usual scheme by name, or a style per level, and a section's own numbering for its
// subsections), as the Rust model computes them (vanban_core::numbering::walk_content); the
// printed numbers come from the Rust model, these only help find one's way in the form.
import type { Level, LevelStyle, Numbering, Section } from "./document";

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

export function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Vietnamese letters for điểm: a, b, c, d, đ, e, … (no f, j, w, z). */
const LETTERS = [..."abcdđeghiklmnopqrstuvxy"];

export function letter(n: number): string {
  let out = "";
  while (n > 0) {
    n -= 1;
    out = LETTERS[n % LETTERS.length] + out;
    n = Math.floor(n / LETTERS.length);
  }
  return out;
}

/** The usual schemes, by name. */
export type SchemeName = "roman-arabic-letter" | "roman-decimal" | "decimal" | "arabic-letter" | "articles";

export const SCHEMES: SchemeName[] = ["roman-arabic-letter", "roman-decimal", "decimal", "arabic-letter", "articles"];

export const LEVEL_STYLES: LevelStyle[] = [
  "roman", "arabic", "decimal", "letter", "number-paren", "number-in-parens",
  "article", "part", "chapter", "section", "dash", "plus", "none",
];

/** The style of level `depth` (1 = top) of a usual scheme. */
export function schemeStyle(scheme: SchemeName, depth: number): LevelStyle {
  switch (scheme) {
    case "roman-arabic-letter":
      return (["roman", "arabic", "letter"] as LevelStyle[])[depth - 1] ?? "dash";
    case "roman-decimal":
      return depth === 1 ? "roman" : depth === 2 ? "arabic" : "decimal";
    case "decimal":
      return depth === 1 ? "arabic" : "decimal";
    case "arabic-letter":
      return (["arabic", "letter"] as LevelStyle[])[depth - 1] ?? "dash";
    case "articles":
      return (["article", "arabic", "letter"] as LevelStyle[])[depth - 1] ?? "dash";
  }
}

function levelOf(l: Level): { style: LevelStyle; continues: boolean } {
  return typeof l === "string" ? { style: l, continues: false } : { style: l.style, continues: l.continues ?? false };
}

/** The level at `depth` (1 = first covered), or undefined when chosen levels stop before it. */
export function levelAt(n: Numbering | null | undefined, depth: number): { style: LevelStyle; continues: boolean } | undefined {
  const numbering = n ?? "roman-arabic-letter";
  if (typeof numbering === "string") return { style: schemeStyle(numbering, depth), continues: false };
  const l = numbering.levels[depth - 1];
  return l === undefined ? undefined : levelOf(l);
}

function fallback(n: Numbering | null | undefined, depth: number): { style: LevelStyle; continues: boolean } {
  const found = levelAt(n, depth);
  if (found) return found;
  const last = n && typeof n !== "string" ? n.levels[n.levels.length - 1] : undefined;
  return { style: last !== undefined && levelOf(last).style === "decimal" ? "decimal" : "dash", continues: false };
}

/** The numberings in force, innermost last, each with the depth above its first level. */
type Stack = [number, Numbering | null | undefined][];

/** The level at `depth` under the numberings of `stack`: the innermost that says, else the
 * outermost's fallback. */
function levelIn(stack: Stack, depth: number): { style: LevelStyle; continues: boolean } {
  for (const [base, n] of [...stack].reverse()) {
    const found = levelAt(n, depth - base);
    if (found) return found;
  }
  return fallback(stack[0]?.[1], depth);
}

/**
 * The levels the subsections of the section at `at` get when it has no numbering of its own
 * (the document's, or an enclosing section's), `count` levels down: what a section's own
 * numbering starts from, so that choosing one changes no number until a level is changed.
 */
export function inheritedLevels(
  tree: readonly Section[],
  numbering: Numbering | null | undefined,
  at: readonly number[],
  count: number,
): Level[] {
  const stack: Stack = [[0, numbering]];
  let list = tree;
  at.slice(0, -1).forEach((i, k) => {
    const s = list[i];
    if (s?.numbering) stack.push([k + 1, s.numbering]);
    list = s?.subsections ?? [];
  });
  const out: Level[] = [];
  for (let d = 1; d <= count; d++) {
    const l = levelIn(stack, at.length + d);
    out.push(l.continues ? { style: l.style, continues: true } : l.style);
  }
  return out;
}

/** How many levels of sections hang below `list` (0 for none, 1 for sections without
 * subsections). */
export function treeDepth(list: readonly Section[] | undefined): number {
  return (list ?? []).reduce((m, s) => Math.max(m, 1 + treeDepth(s.subsections)), 0);
}

/** A label from a level's style, the number and the decimal chain ("3.1.1."). */
export function levelLabel(style: LevelStyle, n: number, chain: readonly number[]): string {
  switch (style) {
    case "roman": return `${roman(n)}.`;
    case "arabic": return `${n}.`;
    case "decimal": return chain.length ? `${chain.join(".")}.` : `${n}.`;
    case "letter": return `${letter(n)})`;
    case "number-paren": return `${n})`;
    case "number-in-parens": return `(${n})`;
    case "article": return `Điều ${n}.`;
    case "part": return `Phần ${roman(n)}`;
    case "chapter": return `Chương ${roman(n)}`;
    case "section": return `Mục ${n}`;
    case "dash": return "-";
    case "plus": return "+";
    case "none": return "";
  }
}

/** Every section's label, keyed by its indexes joined with ","; `byHand` false leaves out
 * the numbers set by hand (the form's outline shows the sequence). */
export function labels(
  tree: readonly Section[],
  numbering: Numbering | null | undefined,
  byHand = true,
): Map<string, string> {
  const out = new Map<string, string>();
  const stack: Stack = [[0, numbering]];
  const last: number[] = [];
  const level = (depth: number) => levelIn(stack, depth);
  const go = (list: readonly Section[], depth: number, at: number[], parentChain: number[]) => {
    if (!list.length) return;
    const l = level(depth);
    let next = (l.continues ? (last[depth] ?? 0) : 0) + 1;
    list.forEach((s, i) => {
      const n = (byHand ? s.number_from : undefined) ?? next;
      next = n + 1;
      last[depth] = n;
      const chain = l.style === "decimal" ? [...parentChain, n] : [n];
      const here = [...at, i];
      out.set(here.join(","), levelLabel(l.style, n, chain));
      if (s.numbering) stack.push([depth, s.numbering]);
      go(s.subsections ?? [], depth + 1, here, chain);
      if (s.numbering) stack.pop();
    });
  };
  go(tree, 1, [], []);
  return out;
}

/**
 * The label of a section at `indexes` (0-based, outermost first): "I.", "1.", "a)", "1.2.",
 * "3.1.1."; with the section tree, numbers set by hand, levels that run on and sections'
 * own numbering count too.
 */
export function sectionLabel(
  numbering: Numbering | null | undefined,
  indexes: readonly number[],
  tree?: readonly Section[],
): string {
  if (tree) {
    const found = labels(tree, numbering).get(indexes.join(","));
    if (found !== undefined) return found;
  }
  const ns = indexes.map((i) => i + 1);
  let chain: number[] = [];
  let label = "";
  ns.forEach((n, k) => {
    const style = fallback(numbering, k + 1).style;
    chain = style === "decimal" ? [...chain, n] : [n];
    label = levelLabel(style, n, chain);
  });
  return label;
}
