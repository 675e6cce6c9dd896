import { describe, expect, it } from "vitest";
import { parseVnDate, todayIso, vnDate } from "./dates";

describe("vnDate", () => {
  it("writes an ISO date day first", () => {
    expect(vnDate("2025-03-05")).toBe("05/03/2025");
    expect(vnDate(null)).toBe("");
    expect(vnDate("Quý I")).toBe("Quý I");
  });
});

describe("parseVnDate", () => {
  it("reads the day first, with or without leading zeros and with any usual separator", () => {
    for (const t of ["5/3/2025", "05/03/2025", " 5-3-2025 ", "5.3.2025", "05 / 03 / 2025", "2025-03-05"]) {
      expect(parseVnDate(t)).toEqual({ iso: "2025-03-05", error: null });
    }
  });
  it("never reads the month first: 12/01 is the 12th of January", () => {
    expect(parseVnDate("12/01/2026").iso).toBe("2026-01-12");
  });
  it("takes empty as no date", () => {
    expect(parseVnDate("  ")).toEqual({ iso: null, error: null });
  });
  it("refuses days that do not exist, naming them", () => {
    expect(parseVnDate("31/04/2025")).toEqual({ iso: null, error: "Không có ngày 31/04/2025." });
    expect(parseVnDate("29/02/2025").error).toBe("Không có ngày 29/02/2025.");
    expect(parseVnDate("29/02/2024").iso).toBe("2024-02-29");
    expect(parseVnDate("5/13/2025").error).toBe("Không có ngày 05/13/2025.");
  });
  it("refuses other writings saying how to write a date", () => {
    for (const t of ["5/3/25", "ngày 5 tháng 3", "2025/03/05"]) {
      expect(parseVnDate(t).error).toMatch(/ngày\/tháng\/năm/);
    }
  });
});

describe("todayIso", () => {
  it("is the local day", () => {
    expect(todayIso(new Date(2026, 10, 23, 23, 59))).toBe("2026-11-23");
  });
});
