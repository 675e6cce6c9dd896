import { expect, it } from "vitest";
import { MARK_FILL, PageImages, aspectRatio, type Urls } from "./pages";

function fakeUrls() {
  let n = 0;
  const live = new Set<string>();
  const urls: Urls = {
    create: (svg) => {
      const u = `blob:${++n}:${svg}`;
      live.add(u);
      return u;
    },
    revoke: (u) => void live.delete(u),
  };
  return { urls, live };
}

it("keeps the images of unchanged pages and releases replaced ones", () => {
  const { urls, live } = fakeUrls();
  const images = new PageImages(urls);
  const first = images.apply([
    { key: "a", svg: "<svg>1</svg>" },
    { key: "b", svg: "<svg>2</svg>" },
  ]);
  expect(first?.map((p) => p.key)).toEqual(["a", "b"]);
  expect(images.keys()).toEqual(["a", "b"]);
  const second = images.apply([
    { key: "a2", svg: "<svg>1*</svg>" },
    { key: "b", svg: null },
  ]);
  expect(second?.[1]?.url).toBe(first?.[1]?.url);
  expect(live.size).toBe(2);
  expect(live.has(first?.[0]?.url ?? "")).toBe(false);
});

it("asks again when a left-out page is not held", () => {
  const { urls, live } = fakeUrls();
  const images = new PageImages(urls);
  expect(images.apply([{ key: "x", svg: "<svg/>" }, { key: "y", svg: null }])).toBeNull();
  expect(live.size).toBe(0);
});

it("shows two identical pages with one image", () => {
  const { urls, live } = fakeUrls();
  const images = new PageImages(urls);
  const shown = images.apply([
    { key: "blank", svg: "<svg/>" },
    { key: "blank", svg: "<svg/>" },
  ]);
  expect(shown).toHaveLength(2);
  expect(live.size).toBe(1);
  images.clear();
  expect(live.size).toBe(0);
});

it("reads the page's proportions from the SVG", () => {
  const portrait = '<svg class="typst-doc" viewBox="0 0 595.2756 841.8898" width="595.2756pt">';
  expect(aspectRatio(portrait)).toBeCloseTo(595.2756 / 841.8898);
  expect(aspectRatio('<svg viewBox="0 0 841.89 595.28">')).toBeGreaterThan(1);
  expect(aspectRatio("<svg>")).toBeCloseTo(210 / 297);
});

it("names the pages that need decoding before they are shown", () => {
  const before = [{ key: "a", url: "u1", ratio: 1, marked: false }];
  const after = [
    { key: "a", url: "u1", ratio: 1, marked: false },
    { key: "b", url: "u2", ratio: 1, marked: false },
  ];
  expect(PageImages.added(before, after)).toEqual(["u2"]);
});

it("tells the pages holding a paragraph marked for the reviewer", () => {
  const { urls } = fakeUrls();
  const shown = new PageImages(urls).apply([
    { key: "1", svg: '<svg><path fill="#000000"/></svg>' },
    { key: "2", svg: `<svg><path fill="${MARK_FILL}"/></svg>` },
  ]);
  expect(shown?.map((p) => p.marked)).toEqual([false, true]);
});
