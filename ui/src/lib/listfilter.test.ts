import { describe, expect, it } from "vitest";
import type { DocumentRow } from "./bindings";
import { choices, filterRows } from "./listfilter";

const row = (id: number, docType: string, updatedAt: string): DocumentRow => ({
  id,
  docType,
  subject: "",
  state: "draft",
  owner: "chuyenvien",
  updatedAt,
  numberSymbol: null,
});

describe("list filters", () => {
  const rows = [row(1, "ke-hoach", "2025-03-01T08:00:00+07:00"), row(2, "cong-van", "2026-01-02T08:00:00+07:00"), row(3, "ke-hoach", "2026-05-01T08:00:00+07:00")];

  it("keeps the rows of the chosen type and year", () => {
    expect(filterRows(rows, { docType: "ke-hoach", year: "" }).map((r) => r.id)).toEqual([1, 3]);
    expect(filterRows(rows, { docType: "ke-hoach", year: "2026" }).map((r) => r.id)).toEqual([3]);
    expect(filterRows(rows, { docType: "", year: "" })).toHaveLength(3);
  });

  it("offers the types and years present, newest year first", () => {
    expect(choices(rows)).toEqual({ types: ["cong-van", "ke-hoach"], years: ["2026", "2025"] });
  });
});
