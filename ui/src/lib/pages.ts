// The preview's pages. The shell answers a preview with each page's key (a hash of what the
// page looks like), size and mark; the picture itself is served by the shell's `vanban-page:`
// scheme at the key's URL, as a PNG as wide as the page is shown in device pixels, and loaded by
// the webview only for pages in or near view. The same key is the same picture, so after a
// keystroke only the pages whose key changed load again.

export interface ShownPage {
  key: string;
  url: string;
  /** Width over height, so the page keeps its place and size while its picture loads (or
   * while it is far from view and not loaded at all). */
  ratio: number;
  /** The page holds a paragraph marked for the reviewer. */
  marked: boolean;
}

export interface SentPage {
  key: string;
  /** In points; null when the shell could not give a finite size (the page then shows as A4). */
  widthPt: number | null;
  heightPt: number | null;
  marked: boolean;
}

const A4 = 210 / 297;

/** The URL of a page's picture `widthPx` device pixels wide: `vanban-page://localhost/KEY-W.png`
 * (on Windows `http://vanban-page.localhost/KEY-W.png`), as Tauri spells a custom scheme for the
 * platform. */
export function pageUrl(key: string, widthPx: number): string {
  const name = `${key}-${widthPx}.png`;
  const internals = (globalThis as { __TAURI_INTERNALS__?: { convertFileSrc(p: string, s: string): string } })
    .__TAURI_INTERNALS__;
  return internals ? internals.convertFileSrc(name, "vanban-page") : `vanban-page://localhost/${name}`;
}

/** The widest a page is shown, in CSS pixels (`.page` in app.css). */
export const PAGE_MAX_CSS_PX = 760;
/** Picture widths come in steps of this many pixels, so that a small resize of the window does
 * not draw every page again. */
const WIDTH_STEP = 40;

/** The width in device pixels to draw pages at, for a page shown `cssWidth` CSS pixels wide on
 * a screen of `ratio` device pixels per CSS pixel: rounded up to a step, within 64–4096. */
export function pixelWidth(cssWidth: number, ratio: number): number {
  const css = Math.min(PAGE_MAX_CSS_PX, Number.isFinite(cssWidth) && cssWidth > 0 ? cssWidth : PAGE_MAX_CSS_PX);
  const px = Math.ceil((css * (Number.isFinite(ratio) && ratio > 0 ? ratio : 1)) / WIDTH_STEP) * WIDTH_STEP;
  return Math.min(4096, Math.max(64, px));
}

/** The pages to show for an answer of the shell. */
export function shownPages(pages: readonly SentPage[], url: (key: string) => string): ShownPage[] {
  return pages.map((p) => ({
    key: p.key,
    url: url(p.key),
    ratio: p.widthPt && p.heightPt && p.widthPt > 0 && p.heightPt > 0 ? p.widthPt / p.heightPt : A4,
    marked: p.marked,
  }));
}

/** The indices of pages of `shown` that are new (not in `before` under the same key) and among
 * `near` (the pages in or near view), whose pictures to load before the swap. */
export function addedNear(before: readonly ShownPage[], shown: readonly ShownPage[], near: ReadonlySet<number>): string[] {
  const old = new Set(before.map((p) => p.key));
  return shown.filter((p, i) => near.has(i) && !old.has(p.key)).map((p) => p.url);
}

/** The preview's text for screen readers, line by line, each line with its line break (so the
 * lines joined are the text). Shown as one element per line, a keystroke changes one line's
 * node, and WebKit lays out that line again: as one text node, Long An's 38,742 characters were
 * laid out again at every keystroke, 12–15 ms of the window's main thread. */
export function readerLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
