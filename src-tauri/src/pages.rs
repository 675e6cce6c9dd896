//! The `vanban-page:` scheme: the live preview's page pictures, served to the window by their
//! content key and width (`vanban-page://localhost/KEY-WIDTH.png`;
//! `http://vanban-page.localhost/KEY-WIDTH.png` on Windows).
//!
//! The preview command answers with keys only; the window asks for the pictures of the pages
//! it shows, as PNGs as wide as it shows them in device pixels, and WebKit may drop a picture it
//! no longer shows and ask again. A key names what a page looks like, so the same URL is always
//! the same picture and may be cached for good. The picture is drawn on the first request (see
//! `PageStore::png`), off the main thread.
//!
//! Why a raster and not SVG: the page is only ever shown at the width asked for (the preview
//! has no zoom of its own), and on Long An's first page the window spent 90–210 ms parsing and
//! drawing the 432 KB SVG of one changed page against ~14 ms for the shell to draw the PNG.

use tauri::http::{Response, StatusCode, header};
use vanban_render::pdf::{PageKey, PageStore};

/// The scheme's name, as the UI and the CSP (`img-src`) spell it.
pub const SCHEME: &str = "vanban-page";

/// The key and width a request's path (`/KEY-WIDTH.png`) names.
fn parse(path: &str) -> Option<(PageKey, u32)> {
    let name = path.trim_start_matches('/').strip_suffix(".png")?;
    let (key, width) = name.split_once('-')?;
    Some((key.parse().ok()?, width.parse().ok()?))
}

/// The answer to a request for `path`.
pub fn respond(store: &PageStore, path: &str) -> Response<Vec<u8>> {
    let png = parse(path).and_then(|(key, width)| store.png(key, width));
    let built = match png {
        Some(png) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "image/png")
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(png.to_vec()),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(
                "Không có trang này trong bản xem trước."
                    .as_bytes()
                    .to_vec(),
            ),
    };
    // The headers above are constants, so building cannot fail; an empty answer if it did.
    built.unwrap_or_else(|_| Response::new(Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The width and height a PNG's header gives.
    fn png_size(png: &[u8]) -> (u32, u32) {
        let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
        (be(16), be(20))
    }

    #[test]
    fn a_page_of_the_preview_is_served_by_its_key_at_the_width_asked_and_nothing_else_is() {
        let store = PageStore::default();
        let mut preview = vanban_app::preview::Preview::with_store(
            vanban_render::style::StyleSheet::nd30(),
            store.clone(),
        )
        .expect("preview");
        let doc = vanban_app::new_document(vanban_core::DocumentType::KeHoach);
        let keys = preview.keys_marked(&doc, &[]).expect("keys");
        let key = keys.pages[0].key.to_string();
        let ok = respond(&store, &format!("/{key}-760.png"));
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/png");
        assert!(ok.body().starts_with(b"\x89PNG\r\n\x1a\n"));
        // A4 portrait drawn 760 pixels wide: 1075 high.
        assert_eq!(png_size(ok.body()), (760, 1075));
        let wide = respond(&store, &format!("/{key}-1520.png"));
        assert_eq!(png_size(wide.body()), (1520, 2150));
        for bad in [
            "/".to_owned(),
            "/nope".to_owned(),
            "/../etc/passwd".to_owned(),
            format!("/{key}"),
            format!("/{key}-760"),
            format!("/{key}-x.png"),
            format!("/{key}0-760.png"),
        ] {
            assert_eq!(
                respond(&store, &bad).status(),
                StatusCode::NOT_FOUND,
                "{bad}"
            );
        }
    }
}
