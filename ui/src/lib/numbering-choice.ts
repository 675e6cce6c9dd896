// Choosing how headings are numbered, in the form: the document's (or the attached document's)
// numbering — a usual scheme, or "Tùy chỉnh theo cấp" with a style per level — and a section's
// own numbering for its subsections. The form shows a choice and level selects; these turn
// them into the model's `Numbering` and back. Numbering never touches the sections' texts.
import type { Level, LevelStyle, Numbering, NumberingLevels, Section } from "./document";
import { inheritedLevels, LEVEL_STYLES, SCHEMES, type SchemeName, sectionLabel, treeDepth } from "./numbering";

/** The choice value of "Tùy chỉnh theo cấp". */
export const CUSTOM = "custom";
/** What the choice select holds: a usual scheme, or custom levels. */
export type NumberingChoice = SchemeName | typeof CUSTOM;

/** The usual schemes as the form names them, with what they print. */
export const SCHEME_LABELS: Record<SchemeName, string> = {
  "roman-arabic-letter": "I., 1., a) — kế hoạch, báo cáo (thường dùng)",
  "roman-decimal": "I., 1., 1.1., 1.1.1.",
  decimal: "1., 1.1., 1.1.1.",
  "arabic-letter": "1., a) — công văn, văn bản ngắn",
  articles: "Điều 1., khoản 1., điểm a) — quyết định, quy chế",
};

export const CUSTOM_LABEL = "Tùy chỉnh theo cấp";

/** The choices in the order the select lists them. */
export const NUMBERING_CHOICES: [NumberingChoice, string][] = [
  ...SCHEMES.map((s): [NumberingChoice, string] => [s, SCHEME_LABELS[s]]),
  [CUSTOM, CUSTOM_LABEL],
];

/** Each level style with an example of what it prints. */
export const LEVEL_STYLE_LABELS: Record<LevelStyle, string> = {
  roman: "I, II, III",
  arabic: "1., 2.",
  decimal: "1.1., 1.2. (mang số cấp trên)",
  letter: "a), b)",
  "number-in-parens": "(1), (2)",
  "number-paren": "1), 2)",
  article: "Điều 1.",
  part: "Phần I",
  chapter: "Chương I",
  section: "Mục 1",
  dash: "-",
  plus: "+",
  none: "không đánh số",
};

/** The level styles in the order the select lists them (the brief's, most used first). */
export const LEVEL_STYLE_ORDER: LevelStyle[] = [
  "roman", "arabic", "decimal", "letter", "number-in-parens", "number-paren",
  "article", "part", "chapter", "section", "dash", "plus", "none",
];
// Every style of the model is offered.
if (LEVEL_STYLE_ORDER.length !== LEVEL_STYLES.length) throw new Error("a level style is missing from the form");

/** The choice a numbering shows as; a document without one uses the usual plan scheme. */
export function choiceOf(n: Numbering | null | undefined): NumberingChoice {
  if (n === null || n === undefined) return "roman-arabic-letter";
  return typeof n === "string" ? n : CUSTOM;
}

/** A level's style and whether it runs on across parents. */
export function levelParts(l: Level): { style: LevelStyle; continues: boolean } {
  return typeof l === "string" ? { style: l, continues: false } : { style: l.style, continues: l.continues ?? false };
}

function level(style: LevelStyle, continues: boolean): Level {
  return continues ? { style, continues: true } : style;
}

/** The levels a usual scheme gives, `count` of them: what "Tùy chỉnh" starts from. */
export function schemeLevels(n: Numbering | null | undefined, count: number): NumberingLevels {
  return { levels: inheritedLevels([], n, [], Math.max(1, count)) };
}

/** How many levels the form offers first for a tree: as deep as the tree, at least `min`. */
export function levelCount(tree: readonly Section[] | undefined, min = 3): number {
  return Math.max(min, treeDepth(tree));
}

/**
 * The document's numbering after the person picks `choice`: a usual scheme by name, or, for
 * "Tùy chỉnh", levels that print what the current numbering prints (`count` levels), kept as
 * they are when already custom.
 */
export function chooseNumbering(current: Numbering | null | undefined, choice: NumberingChoice, count: number): Numbering {
  if (choice !== CUSTOM) return choice;
  if (current && typeof current !== "string") return current;
  return schemeLevels(current, count);
}

/** A section's own numbering when the person ticks "Đánh số mục con riêng": levels that
 * print what its subsections have now, as deep as they go (one level at least). */
export function ownNumbering(
  tree: readonly Section[],
  numbering: Numbering | null | undefined,
  at: readonly number[],
  section: Section,
): NumberingLevels {
  return { levels: inheritedLevels(tree, numbering, at, Math.max(1, treeDepth(section.subsections))) };
}

/** The levels with level `i` (0 = the first) in `style`, its run-on kept. */
export function withLevelStyle(n: NumberingLevels, i: number, style: LevelStyle): NumberingLevels {
  return { levels: n.levels.map((l, k) => (k === i ? level(style, levelParts(l).continues) : l)) };
}

/** The levels with level `i` running on across parents (Điều 1–3 in Chương I, Điều 4 in
 * Chương II) or starting again at 1 under each parent. */
export function withLevelContinues(n: NumberingLevels, i: number, continues: boolean): NumberingLevels {
  return { levels: n.levels.map((l, k) => (k === i ? level(levelParts(l).style, continues) : l)) };
}

/** What usually comes under a level of `style`. */
export function nextStyle(style: LevelStyle | undefined): LevelStyle {
  switch (style) {
    case "roman": case "article": return "arabic";
    case "arabic": return "letter";
    case "decimal": return "decimal";
    case "letter": return "dash";
    case "part": return "chapter";
    case "chapter": return "section";
    case "section": return "article";
    case "dash": return "plus";
    case undefined: return "roman";
    default: return "dash";
  }
}

/** The levels with one more at the bottom, in the style that usually comes there. */
export function withLevelAdded(n: NumberingLevels): NumberingLevels {
  const last = n.levels[n.levels.length - 1];
  return { levels: [...n.levels, nextStyle(last === undefined ? undefined : levelParts(last).style)] };
}

/** The levels without the last one; one level stays. */
export function withLevelRemoved(n: NumberingLevels): NumberingLevels {
  return n.levels.length > 1 ? { levels: n.levels.slice(0, -1) } : n;
}

/** What a numbering prints for the first heading of each level, `count` levels down: "I. → 1. → a)". */
export function numberingExample(n: Numbering | null | undefined, count: number): string {
  const out: string[] = [];
  for (let d = 1; d <= count; d++) out.push(sectionLabel(n, Array(d).fill(0)) || "(không số)");
  return out.join(" → ");
}
