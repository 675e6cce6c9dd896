import { describe, expect, it } from "vitest";
import type { DocumentRow } from "./bindings";
import { choices, filterRows } from "./listfilter";

const row = (id: number, docType: string, updatedAt: string, owner = "chuyenvien"): DocumentRow => ({
  id,
  docType,
  subject: "",
  state: "draft",
  owner,
  updatedAt,
  numberSymbol: null,
});

describe("list filters", () => {
  const rows = [row(1, "ke-hoach", "2025-03-01T08:00:00+07:00"), row(2, "cong-van", "2026-01-02T08:00:00+07:00", "vanphong"), row(3, "ke-hoach", "2026-05-01T08:00:00+07:00")];
  const unitOf = (login: string) => ({ chuyenvien: "Phòng Chuyển đổi số", vanphong: "Văn phòng Sở" })[login] ?? null;

  it("keeps the rows of the chosen type and year", () => {
    expect(filterRows(rows, { docType: "ke-hoach", year: "" }).map((r) => r.id)).toEqual([1, 3]);
    expect(filterRows(rows, { docType: "ke-hoach", year: "2026" }).map((r) => r.id)).toEqual([3]);
    expect(filterRows(rows, { docType: "", year: "" })).toHaveLength(3);
  });

  it("offers the types, years and drafting units present, newest year first", () => {
    expect(choices(rows, unitOf)).toEqual({ types: ["cong-van", "ke-hoach"], years: ["2026", "2025"], units: ["Phòng Chuyển đổi số", "Văn phòng Sở"] });
  });

  it("keeps the rows drafted in the chosen unit", () => {
    expect(filterRows(rows, { docType: "", year: "", unit: "Văn phòng Sở" }, unitOf).map((r) => r.id)).toEqual([2]);
    expect(filterRows(rows, { docType: "", year: "", unit: "" }, unitOf)).toHaveLength(3);
  });
});
