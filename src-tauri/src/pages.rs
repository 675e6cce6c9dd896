//! The `vanban-page:` scheme: the live preview's page pictures, served to the window by their
//! content key (`vanban-page://localhost/KEY`; `http://vanban-page.localhost/KEY` on Windows).
//!
//! The preview command answers with keys only; the window asks for the pictures of the pages
//! it shows, and WebKit may drop a picture it no longer shows and ask again. A key names what a
//! page looks like, so the same URL is always the same picture and may be cached for good. The
//! picture is an SVG drawn on the first request (see `PageStore::svg`), off the main thread.

use tauri::http::{Response, StatusCode, header};
use vanban_render::pdf::{PageKey, PageStore};

/// The scheme's name, as the UI and the CSP (`img-src`) spell it.
pub const SCHEME: &str = "vanban-page";

/// The answer to a request for `path` (`/KEY`).
pub fn respond(store: &PageStore, path: &str) -> Response<Vec<u8>> {
    let svg = path
        .trim_start_matches('/')
        .parse::<PageKey>()
        .ok()
        .and_then(|key| store.svg(key));
    let built = match svg {
        Some(svg) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "image/svg+xml")
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(svg.as_bytes().to_vec()),
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

    #[test]
    fn a_page_of_the_preview_is_served_by_its_key_and_nothing_else_is() {
        let store = PageStore::default();
        let mut preview = vanban_app::preview::Preview::with_store(
            vanban_render::style::StyleSheet::nd30(),
            store.clone(),
        )
        .expect("preview");
        let doc = vanban_app::new_document(vanban_core::DocumentType::KeHoach);
        let keys = preview.keys_marked(&doc, &[]).expect("keys");
        let key = keys.pages[0].key.to_string();
        let ok = respond(&store, &format!("/{key}"));
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/svg+xml");
        assert!(ok.body().starts_with(b"<svg"));
        for bad in ["/", "/nope", "/../etc/passwd", &format!("/{key}0")] {
            assert_eq!(
                respond(&store, bad).status(),
                StatusCode::NOT_FOUND,
                "{bad}"
            );
        }
    }
}
