import { expect, it } from "vitest";
import { roman, sectionLabel } from "./numbering";

it("writes Roman numerals", () => {
  expect([1, 4, 9, 14, 40, 2026].map(roman)).toEqual(["I", "IV", "IX", "XIV", "XL", "MMXXVI"]);
});

it("labels sections like the decree's usual plan style", () => {
  expect(sectionLabel(undefined, [0])).toBe("I.");
  expect(sectionLabel(undefined, [3])).toBe("IV.");
  expect(sectionLabel("roman-arabic-letter", [0, 1])).toBe("2.");
  expect(sectionLabel("roman-arabic-letter", [0, 1, 4])).toBe("đ)");
  expect(sectionLabel("roman-decimal", [1, 0, 2])).toBe("1.3.");
  expect(sectionLabel("decimal", [1, 0])).toBe("2.1.");
  expect(sectionLabel("arabic-letter", [1, 0])).toBe("a)");
  expect(sectionLabel("articles", [2])).toBe("Điều 3.");
  expect(sectionLabel("articles", [2, 1])).toBe("2.");
  expect(sectionLabel("articles", [2, 1, 4])).toBe("đ)");
});
