import { describe, expect, it } from "vitest";
import type { ListItem } from "./document";
import { blockField, newBlock } from "./blocks";
import {
  LIST_MARKER_LABELS,
  LIST_MARKERS,
  type ListBlock,
  defaultMarker,
  isNumbered,
  itemsWithSubitems,
  listText,
  markerChoice,
  markerText,
  parseListText,
  parseStart,
  setItemsMarker,
  setMarker,
  setStart,
} from "./lists";

const duties = (): ListBlock => ({
  kind: "list",
  items: [
    { text: [{ text: "Sở Tài chính", bold: true }, " bố trí kinh phí;"] },
    { text: "Các sở, ngành:", items_marker: "plus", items: [{ text: "Xây dựng kế hoạch;" }, { text: "Báo cáo kết quả." }] },
    { text: "UBND các huyện." },
  ],
});

const texts = (items: readonly ListItem[]): string => listText(items);

describe("list markers", () => {
  it("offers every marker with what it prints, “-” being the default", () => {
    expect(LIST_MARKERS.map((m) => LIST_MARKER_LABELS[m])).toEqual(["-", "+", "*", "•", "–", "1., 2., 3.", "1), 2), 3)", "(1), (2), (3)", "a), b), c)"]);
    expect([0, 1, 2].map(defaultMarker)).toEqual(["dash", "plus", "bullet"]);
    expect(markerChoice(undefined)).toBe("");
    expect(markerText("letter-paren", 5)).toBe("đ)");
    expect(markerText("number-in-parens", 3)).toBe("(3)");
    expect(isNumbered("dash")).toBe(false);
    expect(isNumbered("number-dot")).toBe(true);
  });

  it("changing a list's marker keeps every item's text, sub-items and styles", () => {
    const block = duties();
    const before = structuredClone(block.items);
    setMarker(block, "letter-paren");
    expect(block.marker).toBe("letter-paren");
    expect(block.items).toEqual(before);
    setMarker(block, "");
    expect("marker" in block).toBe(false);
    expect(block.items).toEqual(before);
  });

  it("a numbered list continuing another starts from the number typed; the start survives a marker change", () => {
    const block = duties();
    setMarker(block, "number-dot");
    setStart(block, 4);
    expect(block.start).toBe(4);
    setMarker(block, "dash");
    setMarker(block, "number-dot");
    expect(block.start).toBe(4);
    setStart(block, 1);
    expect("start" in block).toBe(false);
  });

  it("sets and clears the marker of an item's sub-items", () => {
    const block = duties();
    expect(itemsWithSubitems(block.items).map((e) => e.path)).toEqual(["items[1]"]);
    setItemsMarker(block.items[1]!, "number-paren");
    expect(block.items[1]!.items_marker).toBe("number-paren");
    setItemsMarker(block.items[1]!, "");
    expect("items_marker" in block.items[1]!).toBe(false);
    expect(block.items[1]!.items!.length).toBe(2);
  });
});

describe("the first number as typed", () => {
  it("takes a whole number from 1, empty meaning 1", () => {
    expect(parseStart("")).toEqual({ start: null, error: null });
    expect(parseStart(" 4 ")).toEqual({ start: 4, error: null });
    expect(parseStart("1")).toEqual({ start: null, error: null });
  });

  it("refuses 0, negatives and what is not a number, with a Vietnamese message", () => {
    expect(parseStart("0").error).toBe("Số bắt đầu phải từ 1 trở lên.");
    expect(parseStart("-2").error).toBe("Số bắt đầu phải là một số nguyên (1, 2, 3 …).");
    expect(parseStart("ba").error).toBe("Số bắt đầu phải là một số nguyên (1, 2, 3 …).");
    expect(parseStart("2.5").error).not.toBeNull();
    expect(parseStart("99999999999").error).toBe("Số bắt đầu quá lớn.");
  });
});

describe("a list edited as lines", () => {
  it("shows sub-items indented by two spaces", () => {
    expect(texts(duties().items)).toBe("Sở Tài chính bố trí kinh phí;\nCác sở, ngành:\n  Xây dựng kế hoạch;\n  Báo cáo kết quả.\nUBND các huyện.");
  });

  it("reads back what is shown without losing styles or the sub-items' marker", () => {
    const block = duties();
    expect(parseListText(texts(block.items), block.items)).toEqual(block.items);
  });

  it("gives back every line as typed, whatever the spaces, so the field does not jump", () => {
    for (const typed of ["a\n b", "a\n  b", "a\n   b", "a\n      b", "  a\nb", "a\n  b\n    c\n  d\ne", "", "a\n\n"]) {
      expect(texts(parseListText(typed))).toBe(typed);
    }
    expect(parseListText("a\n      b")).toEqual([{ text: "a", items: [{ text: "    b" }] }]);
  });

  it("a line typed with two spaces becomes a sub-item; an edited line loses only its own style", () => {
    const block = duties();
    const items = parseListText("Sở Tài chính bố trí kinh phí năm 2026;\nCác sở, ngành:\n  Xây dựng kế hoạch;\n  Báo cáo kết quả.\nUBND các huyện.\n  Tổ chức thực hiện.", block.items);
    expect(items[0]!.text).toBe("Sở Tài chính bố trí kinh phí năm 2026;");
    expect(items[1]!.items_marker).toBe("plus");
    expect(items[2]!.items).toEqual([{ text: "Tổ chức thực hiện." }]);
  });
});

describe("new blocks", () => {
  it("a new list has one empty item; the focus goes to its lines or a paragraph's text", () => {
    expect(newBlock("list")).toEqual({ kind: "list", items: [{ text: "" }] });
    expect(blockField("body.after", 0, newBlock("paragraph"))).toBe("body.after[0].text");
    expect(blockField("body.sections[2].after", 1, newBlock("list"))).toBe("body.sections[2].after[1]");
  });
});
