import { expect, it } from "vitest";
import { addedNear, pageUrl, pixelWidth, readerLines, shownPages } from "./pages";

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

it("a page's picture is asked for by key and width, outside Tauri as the scheme's own URL", () => {
  expect(pageUrl("0f3a", 760)).toBe("vanban-page://localhost/0f3a-760.png");
});

it("pages are drawn as wide as they are shown in device pixels, in steps, within bounds", () => {
  // The page at its widest (760 CSS px) on a plain screen and on a 1.5× one.
  expect(pixelWidth(760, 1)).toBe(760);
  expect(pixelWidth(760, 1.5)).toBe(1160);
  // A narrower pane: rounded up to the next step, so a pixel more or less draws nothing again.
  expect(pixelWidth(601, 1)).toBe(640);
  expect(pixelWidth(620, 1)).toBe(640);
  // Never wider than the page is shown; nonsense sizes fall back to the widest.
  expect(pixelWidth(2000, 1)).toBe(760);
  expect(pixelWidth(0, 1)).toBe(760);
  expect(pixelWidth(Number.NaN, 2)).toBe(1520);
  expect(pixelWidth(10, 1)).toBe(64);
  expect(pixelWidth(760, 8)).toBe(4096);
});

it("gives the reader's text line by line, the lines joined being the text", () => {
  const text = "KẾ HOẠCH\nTuyên truyền về chuyển đổi số\n\nI. MỤC ĐÍCH\tYÊU CẦU\n";
  expect(readerLines(text)).toEqual(["KẾ HOẠCH\n", "Tuyên truyền về chuyển đổi số\n", "\n", "I. MỤC ĐÍCH\tYÊU CẦU\n"]);
  for (const t of [text, "", "một dòng không xuống dòng", "a\nb", "\n\n"]) expect(readerLines(t).join("")).toBe(t);
});
