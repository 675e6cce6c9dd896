import { describe, expect, it } from "vitest";
import type { DiffLineView } from "./bindings";
import { changeCount, changeRows, fieldForLine, wordDiff } from "./changes";

const same = (text: string): DiffLineView => ({ kind: "same", text });
const added = (text: string): DiffLineView => ({ kind: "added", text });
const removed = (text: string): DiffLineView => ({ kind: "removed", text });

/** The rows as a reviewer reads them: "+ …[changed]…", "- …", "… 3 dòng không đổi". */
const read = (lines: DiffLineView[], context = 1) =>
  changeRows(lines, context).map((r) => {
    if (r.kind === "folded") return `… ${r.count}`;
    if (r.kind === "same") return `  ${r.text}`;
    return (r.kind === "added" ? "+ " : "- ") + r.pieces.map((p) => (p.changed ? `[${p.text}]` : p.text)).join("");
  });

describe("review changes", () => {
  it("marks the words that changed in a rewritten line", () => {
    expect(read([same("I. MỤC ĐÍCH"), removed("Thời gian: Quý I"), added("Thời gian: Quý II năm 2025"), same("II. NỘI DUNG")])).toEqual([
      "  I. MỤC ĐÍCH",
      "- Thời gian: Quý [I]",
      "+ Thời gian: Quý [II năm 2025]",
      "  II. NỘI DUNG",
    ]);
  });

  it("folds long unchanged runs and keeps one line of context", () => {
    const lines = [same("a"), same("b"), same("c"), added("mới"), same("d"), same("e"), same("f")];
    expect(read(lines)).toEqual(["… 2", "  c", "+ [mới]", "  d", "… 2"]);
  });

  it("shows extra removed or added lines whole", () => {
    expect(read([removed("x y"), removed("z"), added("x w")], 0)).toEqual(["- x [y]", "- [z]", "+ x [w]"]);
  });

  it("nothing changed: one folded row", () => {
    expect(read([same("a"), same("b")])).toEqual(["… 2"]);
    expect(changeCount([same("a"), added("b"), removed("c"), added("d")])).toEqual({ added: 2, removed: 1 });
  });

  it("joining the pieces gives the lines back", () => {
    const d = wordDiff("Sở Tài chính chủ trì, phối hợp", "Sở Tư pháp chủ trì; phối hợp");
    expect(d.removed.map((p) => p.text).join("")).toBe("Sở Tài chính chủ trì, phối hợp");
    expect(d.added.map((p) => p.text).join("")).toBe("Sở Tư pháp chủ trì; phối hợp");
  });
});

describe("from a change to its field", () => {
  const fields = [
    { path: "subject", value: "Tuyên truyền chuyển đổi số" },
    { path: "body.sections[0].subsections[1]", value: "Yêu cầu" },
    { path: "body.sections[0].subsections[1].blocks[0].text", value: "Bảo đảm thiết thực,\nhiệu quả." },
  ];

  it("finds the paragraph that holds the line", () => {
    expect(fieldForLine("Bảo đảm thiết thực, hiệu quả.", fields)).toBe("body.sections[0].subsections[1].blocks[0].text");
  });

  it("finds a heading's title inside its numbered line", () => {
    expect(fieldForLine("2. Yêu cầu", fields)).toBe("body.sections[0].subsections[1]");
  });

  it("gives nothing for a line no field holds", () => {
    expect(fieldForLine("Nơi nhận:", fields)).toBeNull();
    expect(fieldForLine("  ", fields)).toBeNull();
  });
});
