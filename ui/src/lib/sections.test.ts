import { describe, expect, it } from "vitest";
import type { Section } from "./document";
import { addAfter, addChild, indent, move, outdent, outline, remove, sectionPath } from "./sections";

const tree = (): Section[] => [
  { title: "MỤC ĐÍCH, YÊU CẦU", subsections: [{ title: "Mục đích" }, { title: "Yêu cầu" }] },
  { title: "NỘI DUNG", subsections: [{ title: "Tuyên truyền" }] },
  { title: "KINH PHÍ" },
  { title: "TỔ CHỨC THỰC HIỆN", number_from: 4 },
];

/** What the user sees in the outline: "I. MỤC ĐÍCH…", "1. Mục đích", … */
const shown = (t: Section[]) => outline(t, "roman-arabic-letter").map((e) => `${e.label} ${e.title}`);

describe("section tree", () => {
  it("numbers the tree in the official style", () => {
    expect(shown(tree())).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "2. Yêu cầu",
      "II. NỘI DUNG",
      "1. Tuyên truyền",
      "III. KINH PHÍ",
      "IV. TỔ CHỨC THỰC HIỆN",
    ]);
  });

  it("adds a section after another and renumbers the ones below", () => {
    const t = tree();
    const at = addAfter(t, [0]);
    expect(at).toEqual([1]);
    t[1]!.title = "CĂN CỨ";
    expect(shown(t).filter((l) => /^[IVX]+\./.test(l))).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "II. CĂN CỨ",
      "III. NỘI DUNG",
      "IV. KINH PHÍ",
      "V. TỔ CHỨC THỰC HIỆN",
    ]);
  });

  it("adds a subsection at the end of a section", () => {
    const t = tree();
    const at = addChild(t, [1]);
    expect(at).toEqual([1, 1]);
    t[1]!.subsections![1]!.title = "Hội nghị";
    expect(shown(t)).toContain("2. Hội nghị");
    expect(sectionPath(at!)).toBe("body.sections[1].subsections[1]");
  });

  it("moves a section up and down, dropping a forced number", () => {
    const t = tree();
    expect(move(t, [3], -1)).toEqual([2]);
    expect(t[2]!.number_from).toBeUndefined();
    expect(shown(t)).toContain("III. TỔ CHỨC THỰC HIỆN");
    expect(shown(t)).toContain("IV. KINH PHÍ");
    expect(move(t, [0], -1)).toBeNull();
    expect(move(t, [3], 1)).toBeNull();
    expect(move(t, [0, 0], 1)).toEqual([0, 1]);
    expect(shown(t).slice(1, 3)).toEqual(["1. Yêu cầu", "2. Mục đích"]);
  });

  it("indents a section under the one above and outdents it back", () => {
    const t = tree();
    expect(indent(t, [2])).toEqual([1, 1]);
    expect(shown(t)).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Mục đích",
      "2. Yêu cầu",
      "II. NỘI DUNG",
      "1. Tuyên truyền",
      "2. KINH PHÍ",
      "III. TỔ CHỨC THỰC HIỆN",
    ]);
    expect(indent(t, [0])).toBeNull();
    expect(outdent(t, [1, 1])).toEqual([2]);
    expect(shown(t)).toEqual(shown(tree()));
    expect(outdent(t, [0])).toBeNull();
  });

  it("outdenting a middle child leaves the later ones with the parent", () => {
    const t = tree();
    expect(outdent(t, [0, 0])).toEqual([1]);
    expect(shown(t).slice(0, 4)).toEqual(["I. MỤC ĐÍCH, YÊU CẦU", "1. Yêu cầu", "II. Mục đích", "III. NỘI DUNG"]);
  });

  it("deletes a section with its subsections", () => {
    const t = tree();
    expect(remove(t, [0])?.title).toBe("MỤC ĐÍCH, YÊU CẦU");
    expect(shown(t)[0]).toBe("I. NỘI DUNG");
    expect(remove(t, [9])).toBeNull();
  });

  it("numbers a third level with letters and decimal schemes with dots", () => {
    const t: Section[] = [{ title: "A", subsections: [{ title: "B", subsections: [{ title: "C" }, { title: "D" }] }] }];
    expect(shown(t)).toEqual(["I. A", "1. B", "a) C", "b) D"]);
    expect(outline(t, "roman-decimal").map((e) => e.label)).toEqual(["I.", "1.", "1.1.", "1.2."]);
  });
});
