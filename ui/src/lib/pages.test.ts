import { expect, it } from "vitest";
import { addedNear, shownPages } from "./pages";

const url = (key: string) => `vanban-page://localhost/${key}`;

it("gives each page its URL by key and its shape from its size", () => {
  const shown = shownPages(
    [
      { key: "a", widthPt: 595.28, heightPt: 841.89, marked: false },
      { key: "b", widthPt: 841.89, heightPt: 595.28, marked: true },
    ],
    url,
  );
  expect(shown.map((p) => p.url)).toEqual(["vanban-page://localhost/a", "vanban-page://localhost/b"]);
  expect(shown[0]?.ratio).toBeCloseTo(210 / 297, 3);
  expect(shown[1]?.ratio).toBeCloseTo(297 / 210, 3);
  expect(shown.map((p) => p.marked)).toEqual([false, true]);
});

it("a page without a size is shown as A4 portrait", () => {
  expect(shownPages([{ key: "x", widthPt: 0, heightPt: 0, marked: false }], url)[0]?.ratio).toBeCloseTo(210 / 297, 3);
  expect(shownPages([{ key: "y", widthPt: null, heightPt: null, marked: false }], url)[0]?.ratio).toBeCloseTo(210 / 297, 3);
});

it("only new pages in or near view are loaded before the swap", () => {
  const before = shownPages(
    ["a", "b", "c"].map((key) => ({ key, widthPt: 1, heightPt: 1, marked: false })),
    url,
  );
  const after = shownPages(
    ["a", "b2", "c2"].map((key) => ({ key, widthPt: 1, heightPt: 1, marked: false })),
    url,
  );
  expect(addedNear(before, after, new Set([0, 1]))).toEqual(["vanban-page://localhost/b2"]);
  expect(addedNear(before, after, new Set([0]))).toEqual([]);
});
