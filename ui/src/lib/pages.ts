// The preview's pages as images. Each page's SVG becomes a blob URL kept under the page's key
// (a hash from the shell); after an edit the shell sends only the pages whose key the UI does
// not hold, and the others keep their image, so a keystroke redraws one page, not nineteen.

export interface ShownPage {
  key: string;
  url: string;
  /** Width over height, so the page keeps its place while its image loads. */
  ratio: number;
  /** The page holds a paragraph marked for the reviewer (see `MARK_FILL`). */
  marked: boolean;
}

/** The background the shell's template gives a paragraph a reviewer has not seen yet
 * (templates/nd30.typ); a page whose SVG has it holds such a paragraph. */
export const MARK_FILL = "#fff1a8";

const A4 = 210 / 297;

/** The page's width over height from the SVG's viewBox (A4 portrait when it has none). */
export function aspectRatio(svg: string): number {
  const m = /<svg\b[^>]*\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  const w = Number(m?.[1]);
  const h = Number(m?.[2]);
  return w > 0 && h > 0 ? w / h : A4;
}

export interface SentPage {
  key: string;
  svg: string | null;
}

export interface Urls {
  create(svg: string): string;
  revoke(url: string): void;
}

export const blobUrls: Urls = {
  create: (svg) => URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" })),
  revoke: (url) => URL.revokeObjectURL(url),
};

type Image = { url: string; ratio: number; marked: boolean };

export class PageImages {
  #urls: Urls;
  #byKey = new Map<string, Image>();

  constructor(urls: Urls = blobUrls) {
    this.#urls = urls;
  }

  /** The keys of the pages held, for the shell to leave out. */
  keys(): string[] {
    return [...this.#byKey.keys()];
  }

  /**
   * The pages to show for an answer of the shell; `null` when it left out a page that is not
   * held (then ask again with no keys). Images no longer shown are released.
   */
  apply(pages: readonly SentPage[]): ShownPage[] | null {
    const next = new Map<string, Image>();
    const created: string[] = [];
    const shown: ShownPage[] = [];
    for (const p of pages) {
      let image = this.#byKey.get(p.key) ?? next.get(p.key);
      if (image === undefined && p.svg !== null) {
        image = { url: this.#urls.create(p.svg), ratio: aspectRatio(p.svg), marked: p.svg.includes(MARK_FILL) };
        created.push(image.url);
      }
      if (image === undefined) {
        created.forEach((u) => this.#urls.revoke(u));
        return null;
      }
      next.set(p.key, image);
      shown.push({ key: p.key, ...image });
    }
    for (const [key, image] of this.#byKey) if (!next.has(key)) this.#urls.revoke(image.url);
    this.#byKey = next;
    return shown;
  }

  /** The URLs of pages in `shown` that were not shown before (to decode before showing). */
  static added(before: readonly ShownPage[], shown: readonly ShownPage[]): string[] {
    const old = new Set(before.map((p) => p.url));
    return shown.filter((p) => !old.has(p.url)).map((p) => p.url);
  }

  /** Releases every image. */
  clear(): void {
    for (const image of this.#byKey.values()) this.#urls.revoke(image.url);
    this.#byKey.clear();
  }
}
