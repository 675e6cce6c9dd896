import { describe, expect, it } from "vitest";
import type { StyleEntryView } from "./bindings";
import { changedValues, checkValue, formatNumber, groupEntries, initialValues, problems } from "./style";

const entry = (key: string, group: string, value: number, min: number, max: number, choices: number[] = []): StyleEntryView => ({
  key,
  group,
  label: { "sizes.body": "Cỡ chữ phần nội dung", "page.margin_left_mm": "Lề trái", "body.first_line_indent_cm": "Lùi đầu dòng" }[key] ?? key,
  unit: "pt",
  value,
  min,
  max,
  choices,
  allowed: { "sizes.body": "13–14 pt", "page.margin_left_mm": "30–35 mm", "body.first_line_indent_cm": "1 cm hoặc 1,27 cm" }[key] ?? "",
});

const entries: [StyleEntryView, StyleEntryView, StyleEntryView, StyleEntryView] = [
  entry("sizes.body", "Cỡ chữ", 14, 13, 14),
  entry("closing.signature_space_mm", "Phần cuối", 25, 15, 50),
  entry("page.margin_left_mm", "Trang", 30, 30, 35),
  entry("body.first_line_indent_cm", "Đoạn văn", 1, 1, 1.27, [1, 1.27]),
];

describe("style profile form", () => {
  it("groups the values in the decree's order", () => {
    expect(groupEntries(entries).map((g) => g.name)).toEqual(["Trang", "Cỡ chữ", "Đoạn văn", "Phần cuối"]);
    expect(groupEntries(entries)[1]?.entries.map((e) => e.key)).toEqual(["sizes.body"]);
  });

  it("refuses a value outside its range naming the field in Vietnamese", () => {
    expect(checkValue(entries[0], 16)).toBe("Cỡ chữ phần nội dung: 16 nằm ngoài khoảng Nghị định 30 cho phép (13–14 pt).");
    expect(checkValue(entries[0], 13)).toBe("");
    expect(checkValue(entries[0], 13.5)).toBe("");
    expect(checkValue(entries[0], null)).toContain("nhập một số");
    expect(checkValue(entries[3], 1.1)).toContain("1,1 nằm ngoài");
    expect(checkValue(entries[3], 1.27)).toBe("");
  });

  it("lists every refused value and sends only the changed ones", () => {
    const values = { ...initialValues(entries), "sizes.body": 16, "page.margin_left_mm": 35 };
    expect(Object.keys(problems(entries, values))).toEqual(["sizes.body"]);
    values["sizes.body"] = 13;
    expect(problems(entries, values)).toEqual({});
    expect(changedValues(entries, values)).toEqual([
      { key: "sizes.body", value: 13 },
      { key: "page.margin_left_mm", value: 35 },
    ]);
    expect(changedValues(entries, initialValues(entries))).toEqual([]);
  });

  it("writes numbers with a decimal comma", () => {
    expect(formatNumber(1.27)).toBe("1,27");
    expect(formatNumber(0.4000000059604645)).toBe("0,4");
    expect(formatNumber(14)).toBe("14");
  });
});
