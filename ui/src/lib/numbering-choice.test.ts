import { describe, expect, it } from "vitest";
import type { Numbering, NumberingLevels, Section } from "./document";
import { EditHistory } from "./history";
import { labels, sectionLabel } from "./numbering";
import {
  CUSTOM,
  LEVEL_STYLE_LABELS,
  LEVEL_STYLE_ORDER,
  NUMBERING_CHOICES,
  choiceOf,
  chooseNumbering,
  levelCount,
  numberingExample,
  ownNumbering,
  withLevelAdded,
  withLevelContinues,
  withLevelRemoved,
  withLevelStyle,
} from "./numbering-choice";

/** A plan whose part III is numbered 3.1., 3.1.1. in the published text. */
const plan = (): Section[] => [
  { title: "MỤC ĐÍCH, YÊU CẦU", subsections: [{ title: "Mục đích" }, { title: "Yêu cầu" }] },
  { title: "NỘI DUNG", subsections: [{ title: "Tuyên truyền", subsections: [{ title: "Trên báo" }] }] },
  {
    title: "NHIỆM VỤ, GIẢI PHÁP",
    subsections: [{ title: "Hạ tầng", subsections: [{ title: "Mạng" }, { title: "Máy chủ" }] }, { title: "Nhân lực" }],
  },
];

/** The labels a person reads beside the titles, in reading order. */
const shown = (tree: Section[], n: Numbering | null | undefined) => [...labels(tree, n, false).values()];

describe("choosing the document's numbering", () => {
  it("offers the usual schemes and “Tùy chỉnh theo cấp”, each level style with an example", () => {
    expect(NUMBERING_CHOICES.map(([, l]) => l)).toContain("Tùy chỉnh theo cấp");
    expect(NUMBERING_CHOICES.map(([v]) => v)).toEqual(["roman-arabic-letter", "roman-decimal", "decimal", "arabic-letter", "articles", CUSTOM]);
    expect(LEVEL_STYLE_ORDER.map((s) => LEVEL_STYLE_LABELS[s])).toEqual([
      "I, II, III", "1., 2.", "1.1., 1.2. (mang số cấp trên)", "a), b)", "(1), (2)", "1), 2)",
      "Điều 1.", "Phần I", "Chương I", "Mục 1", "-", "+", "không đánh số",
    ]);
  });

  it("a document without numbering shows the usual plan scheme", () => {
    expect(choiceOf(undefined)).toBe("roman-arabic-letter");
    expect(choiceOf("articles")).toBe("articles");
    expect(choiceOf({ levels: ["roman"] })).toBe(CUSTOM);
    expect(numberingExample(undefined, 3)).toBe("I. → 1. → a)");
  });

  it("choosing “Tùy chỉnh” keeps every number as it was until a level is changed", () => {
    const tree = plan();
    const before = shown(tree, "roman-decimal");
    const custom = chooseNumbering("roman-decimal", CUSTOM, levelCount(tree));
    expect(custom).toEqual({ levels: ["roman", "arabic", "decimal"] });
    expect(shown(tree, custom)).toEqual(before);
    // Already custom: the levels stay as chosen.
    expect(chooseNumbering(custom, CUSTOM, 5)).toBe(custom);
    expect(chooseNumbering(custom, "decimal", 5)).toBe("decimal");
  });

  it("a level changed to “Phần I” and another added number the tree level by level", () => {
    let n = chooseNumbering(undefined, CUSTOM, 2);
    if (typeof n === "string") throw new Error("custom levels expected");
    n = withLevelStyle(n, 0, "part");
    n = withLevelAdded(n);
    expect(n.levels).toEqual(["part", "arabic", "letter"]);
    expect(numberingExample(n, 3)).toBe("Phần I → 1. → a)");
    expect(withLevelRemoved(withLevelRemoved(withLevelRemoved(n))).levels).toEqual(["part"]);
  });

  it("articles that run on across chapters: Điều 3 in Chương II follows Điều 2 in Chương I", () => {
    const tree: Section[] = [
      { title: "QUY ĐỊNH CHUNG", subsections: [{ title: "Phạm vi" }, { title: "Đối tượng" }] },
      { title: "QUY ĐỊNH CỤ THỂ", subsections: [{ title: "Trách nhiệm" }] },
    ];
    const n: NumberingLevels = { levels: ["chapter", "article"] };
    let levels = withLevelContinues(n, 1, true);
    expect(levels.levels[1]).toEqual({ style: "article", continues: true });
    expect(sectionLabel(levels, [1, 0], tree)).toBe("Điều 3.");
    levels = withLevelStyle(levels, 1, "section");
    expect(levels.levels[1]).toEqual({ style: "section", continues: true });
    levels = withLevelContinues(levels, 1, false);
    expect(sectionLabel(levels, [1, 0], tree)).toBe("Mục 1");
    expect(sectionLabel(n, [1, 0], tree)).toBe("Điều 1.");
  });
});

describe("a section's own numbering", () => {
  it("ticking “Đánh số mục con riêng” on part III keeps its numbers, then “Tùy chỉnh” gives 3.1., 3.1.1.", () => {
    const tree = plan();
    const before = shown(tree, undefined);
    const part3 = tree[2]!;
    const own = ownNumbering(tree, undefined, [2], part3);
    expect(own.levels).toEqual(["arabic", "letter"]);
    part3.numbering = own;
    expect(shown(tree, undefined)).toEqual(before);

    part3.numbering = withLevelStyle(withLevelStyle(own, 0, "decimal"), 1, "decimal");
    expect(sectionLabel(undefined, [2], tree)).toBe("III.");
    expect(sectionLabel(undefined, [2, 0], tree)).toBe("3.1.");
    expect(sectionLabel(undefined, [2, 0, 0], tree)).toBe("3.1.1.");
    expect(sectionLabel(undefined, [2, 0, 1], tree)).toBe("3.1.2.");
    expect(sectionLabel(undefined, [2, 1], tree)).toBe("3.2.");
    // The other parts keep the document's numbering.
    expect(sectionLabel(undefined, [1, 0], tree)).toBe("1.");
    expect(sectionLabel(undefined, [1, 0, 0], tree)).toBe("a)");
    // Every title is still there.
    expect(part3.subsections!.map((s) => s.title)).toEqual(["Hạ tầng", "Nhân lực"]);
  });

  it("a subsection under a section with its own numbering starts from that numbering", () => {
    const tree = plan();
    tree[2]!.numbering = { levels: ["decimal", "number-in-parens"] };
    expect(ownNumbering(tree, undefined, [2, 0], tree[2]!.subsections![0]!).levels).toEqual(["number-in-parens"]);
  });

  it("undo brings the previous numbering back", () => {
    const h = new EditHistory<{ numbering?: Numbering }>();
    const doc: { numbering?: Numbering } = { numbering: "roman-decimal" };
    h.reset(structuredClone(doc));
    h.seal();
    doc.numbering = chooseNumbering(doc.numbering, CUSTOM, 3);
    h.record(structuredClone(doc), 0);
    h.seal();
    doc.numbering = withLevelStyle(doc.numbering as NumberingLevels, 0, "chapter");
    h.record(structuredClone(doc), 10);
    expect(h.undo()).toEqual({ numbering: { levels: ["roman", "arabic", "decimal"] } });
    expect(h.undo()).toEqual({ numbering: "roman-decimal" });
  });
});
