// The preview's page pictures in the window. A changed page's picture is loaded and decoded
// before the swap (`preload`), and that very image element is what the page then shows
// (`picture`): setting the new URL on the page's own `<img>` instead made WebKit ask the shell
// for the picture a second time and decode it again (its memory cache, sized for a document
// viewer, does not keep it), so the old picture stayed on screen 19–40 ms after the preview
// said it was updated (Long An, traced in the shell).

/** Pictures decoded ahead of a swap, by URL, until a page takes them. */
const decoded = new Map<string, HTMLImageElement>();

/** Loads and decodes the pictures at `urls`, for the pages about to show them; what an earlier
 * call decoded and no page took is dropped. A failure only means the picture loads when shown. */
export async function preload(urls: string[]): Promise<void> {
  if (typeof Image === "undefined") return;
  for (const img of decoded.values()) release(img);
  decoded.clear();
  await Promise.all(
    urls.map(async (url) => {
      const img = new Image();
      img.decoding = "sync";
      img.src = url;
      try {
        await img.decode();
        decoded.set(url, img);
      } catch {
        // Loaded when the page shows it.
      }
    }),
  );
}

/** Lets WebKit drop a picture no longer shown now, rather than when the garbage collector finds
 * its element: a detached image keeps its decoded pixels (3.3 MB for a page 760 pixels wide)
 * until then. */
function release(img: HTMLImageElement): void {
  img.removeAttribute("src");
}

export interface PictureOf {
  url: string;
  alt: string;
}

/** Svelte action: `node` shows the picture at `url` as its one `<img>`: the element `preload`
 * decoded when there is one (shown at once), else its own `<img>` given the new URL (WebKit keeps
 * the old picture until the new one is loaded, so the page never shows blank). */
export function picture(node: HTMLElement, p: PictureOf) {
  const show = ({ url, alt }: PictureOf): void => {
    const current = node.querySelector("img");
    const ready = decoded.get(url);
    decoded.delete(url);
    if (current?.getAttribute("src") === url) {
      current.alt = alt;
      if (ready) release(ready);
    } else if (ready) {
      ready.alt = alt;
      if (current) {
        current.replaceWith(ready);
        release(current);
      } else node.append(ready);
    } else if (current) {
      current.alt = alt;
      current.src = url;
    } else {
      const img = new Image();
      img.decoding = "sync";
      img.alt = alt;
      img.src = url;
      node.append(img);
    }
  };
  show(p);
  return {
    update: show,
    // The page went far from view.
    destroy: () => {
      const img = node.querySelector("img");
      if (img) release(img);
    },
  };
}
