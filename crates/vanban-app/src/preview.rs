//! The live preview: the real pages of a document being edited, typeset by the same layout
//! tree and Typst template as the PDF, as SVG images, with the checks of the same model.
//!
//! A [`Preview`] keeps one Typst world, the font metrics and the style sheet alive between
//! calls, so that after a keystroke only what changed is laid out again. Unlike an export it
//! accepts a document with errors: a draft is previewed while it is being written.
//!
//! [`Preview::keys_marked`] answers with each page's content key and size only; the pictures
//! are drawn when asked for, from the [`PageStore`] (the desktop serves them to its window by
//! key), so that a page that looks as before is never drawn or sent again and a page nobody
//! scrolls to is never drawn at all.

use vanban_core::Document;
use vanban_render::fonts;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{Marks, PageInfo, PageStore, PdfError, Typesetter, mark_key};
use vanban_render::style::StyleSheet;

use crate::Error;

/// How many compilations an unused entry of Typst's memo cache survives: enough to keep the
/// pages of the document being edited warm, few enough that a long session's memory stays flat.
const CACHE_AGE: usize = 8;
/// The cache is looked through once every this many previews (each look walks every entry:
/// 1–2 ms on Long An, more when entries go), so an entry goes after `CACHE_AGE` previews
/// unused, give or take this many.
const EVICT_EVERY: usize = 4;

/// How much text the first pages of a document just opened are typeset from
/// ([`Preview::first_keys`]): about two and a half pages of body text at 14 pt.
const FIRST_PAGES_CHARS: usize = 6_000;

/// The title the preview's pages are typeset with, the same for every document and edit. The
/// title is document metadata (a PDF's), never drawn; but Typst keeps it as a style over all
/// the content, so a title taken from the subject would make every page's layout new at each
/// keystroke in the subject (Long An: ~100 ms a keystroke instead of ~15).
const PREVIEW_TITLE: &str = "VănBản";

/// The pages of a document as a reader will see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewPages {
    /// One SVG image per page, in order.
    pub pages: Vec<String>,
    /// The text of the pages in reading order (what a screen reader announces for the
    /// images, and what a search in the preview finds).
    pub text: String,
}

/// The pages of a document by key (see [`PageStore`]), with their text.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewKeys {
    /// The pages in order.
    pub pages: Vec<PageInfo>,
    /// The text of the pages in reading order.
    pub text: String,
}

/// Makes preview pages; keep one alive for the whole editing session.
pub struct Preview {
    typesetter: Typesetter,
    /// The last previews' pages, drawn when asked for.
    store: PageStore,
    metrics: Metrics<'static>,
    sheet: StyleSheet,
    /// [`Preview::warm`] was done, or a document was previewed.
    warmed: bool,
    /// Previews made since Typst's memo cache was last looked through.
    since_evict: usize,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview").finish_non_exhaustive()
    }
}

impl Preview {
    /// A preview with the decree's style sheet and the shipped typeface.
    pub fn new() -> Result<Preview, Error> {
        Self::with_sheet(StyleSheet::nd30())
    }

    /// A preview with a given style sheet.
    pub fn with_sheet(sheet: StyleSheet) -> Result<Preview, Error> {
        Self::with_store(sheet, PageStore::default())
    }

    /// A preview putting its pages into `store` (a handle the caller keeps to serve them).
    pub fn with_store(sheet: StyleSheet, store: PageStore) -> Result<Preview, Error> {
        let typesetter = Typesetter::new(fonts::liberation_serif())?;
        let metrics = Metrics::new(fonts::liberation_serif())
            .map_err(|e| Error::Pdf(PdfError::Fonts(e.to_string())))?;
        Ok(Preview {
            typesetter,
            store,
            metrics,
            sheet,
            warmed: false,
            since_evict: 0,
        })
    }

    /// Lays out with `sheet` from now on (the body's style profile, changed on the settings
    /// screen). Pages laid out with another sheet look different and so have other keys.
    pub fn use_sheet(&mut self, sheet: &StyleSheet) {
        if *sheet != self.sheet {
            self.sheet = sheet.clone();
        }
    }

    /// The store the pages go into.
    pub fn store(&self) -> &PageStore {
        &self.store
    }

    /// The pages of `doc` as it is now, errors and all. The text is normalised to NFC first,
    /// as it will be when saved.
    pub fn pages(&mut self, doc: &Document) -> Result<PreviewPages, Error> {
        self.pages_marked(doc, &[])
    }

    /// [`Preview::pages`] with the paragraphs whose text is one of `marked` (lines of the
    /// reader's text, as the review's changes give them) on a light background: what a
    /// reviewer has not seen yet, shown in the pages themselves.
    pub fn pages_marked(
        &mut self,
        doc: &Document,
        marked: &[String],
    ) -> Result<PreviewPages, Error> {
        let keys = self.keys_marked(doc, marked)?;
        let pages = keys
            .pages
            .iter()
            .map(|p| {
                self.store.svg(p.key).ok_or_else(|| {
                    Error::Pdf(PdfError::Typeset(format!("trang {} không còn", p.key)))
                })
            })
            .map(|svg| svg.map(|s| s.to_string()))
            .collect::<Result<_, _>>()?;
        Ok(PreviewPages {
            pages,
            text: keys.text,
        })
    }

    /// The pages of `doc` (with `marked` as in [`Preview::pages_marked`]) by key and size, put
    /// into the store; their pictures are drawn when first asked for.
    pub fn keys_marked(&mut self, doc: &Document, marked: &[String]) -> Result<PreviewKeys, Error> {
        let (doc, layout) = self.laid_out(doc);
        let pages = self.typeset_keys(&layout, marked)?;
        let text = vanban_core::plain::to_string(&vanban_core::plain::plain_text(&doc));
        Ok(PreviewKeys { pages, text })
    }

    /// The first pages of a long document just opened, typeset from its beginning alone
    /// (about two pages of text: see [`Layout::beginning`]), to show while the whole is
    /// typeset (Long An after warm-up: its first 2 pages in 12–18 ms, the whole in 96–133).
    /// The pages are the document's own, with the same keys. Empty when the document is that
    /// short anyway.
    ///
    /// [`Layout::beginning`]: vanban_render::layout::Layout::beginning
    pub fn first_keys(
        &mut self,
        doc: &Document,
        marked: &[String],
    ) -> Result<Vec<PageInfo>, Error> {
        let (_, layout) = self.laid_out(doc);
        let Some(beginning) = layout.beginning(FIRST_PAGES_CHARS) else {
            return Ok(Vec::new());
        };
        let mut pages = self.typeset_keys(&beginning.layout, marked)?;
        if !beginning.whole_section {
            // The last page of a beginning may still fill up with what follows.
            pages.pop();
        }
        Ok(pages)
    }

    /// `doc` in NFC, as it will be saved, and its layout tree.
    fn laid_out(&mut self, doc: &Document) -> (Document, vanban_render::layout::Layout) {
        let mut doc = doc.clone();
        vanban_core::normalize::to_nfc_document(&mut doc);
        let layout = vanban_render::layout(&doc, &self.sheet, &mut self.metrics);
        (doc, layout)
    }

    /// The pages of `layout` into the store, by key.
    fn typeset_keys(
        &mut self,
        layout: &vanban_render::layout::Layout,
        marked: &[String],
    ) -> Result<Vec<PageInfo>, Error> {
        let marks: Marks = marked.iter().map(|l| mark_key(l)).collect();
        let pages = self.typesetter.preview_pages(
            layout,
            &self.sheet,
            PREVIEW_TITLE,
            &marks,
            &self.store,
        )?;
        self.since_evict += 1;
        if self.since_evict >= EVICT_EVERY {
            Typesetter::evict_cache(CACHE_AGE / EVICT_EVERY);
            self.since_evict = 0;
        }
        self.warmed = true;
        Ok(pages)
    }

    /// Typesets a blank plan once, so that Typst has read the fonts and compiled the template
    /// before the first document is previewed (call it on a thread of its own at start).
    pub fn warm(&mut self) -> Result<(), Error> {
        if !self.warmed {
            self.keys_marked(
                &crate::new_document(vanban_core::DocumentType::KeHoach),
                &[],
            )?;
            self.warmed = true;
        }
        Ok(())
    }

    /// How many page pictures were drawn since the preview was made (pages unchanged by an
    /// edit are not drawn again).
    pub fn pages_drawn(&self) -> u64 {
        self.store.drawn()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_core::DocumentType;

    /// The 19-page Long An plan of the test fixtures.
    fn long_an() -> Document {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
        crate::open_document(&path).expect("Long An plan")
    }

    #[test]
    fn an_empty_plan_from_the_template_has_pages_and_errors() {
        let doc = crate::new_document(DocumentType::KeHoach);
        let mut preview = Preview::new().expect("preview");
        let out = preview.pages(&doc).expect("pages");
        assert!(!out.pages.is_empty());
        assert!(out.pages[0].starts_with("<svg"), "{}", &out.pages[0][..40]);
        assert!(out.text.contains("MỤC ĐÍCH, YÊU CẦU"), "{}", out.text);
        assert!(crate::validate(&doc).errors() > 0);
    }

    #[test]
    fn a_line_the_reviewer_has_not_seen_is_marked_in_its_page_and_nothing_moves() {
        let doc = long_an();
        let mut preview = Preview::new().expect("preview");
        let plain = preview.pages(&doc).expect("pages");
        // A body paragraph, as the review's line diff gives it.
        let line = plain
            .text
            .lines()
            .find(|l| l.contains("Nhằm góp phần nâng cao nhận thức"))
            .expect("a body paragraph")
            .to_owned();
        let marked = preview
            .pages_marked(&doc, std::slice::from_ref(&line))
            .expect("marked pages");
        assert_eq!(
            marked.pages.len(),
            plain.pages.len(),
            "no page added or lost"
        );
        assert_eq!(marked.text, plain.text);
        let with_mark: Vec<usize> = (0..marked.pages.len())
            .filter(|&i| marked.pages[i].contains("#fff1a8"))
            .collect();
        assert!(
            (1..=2).contains(&with_mark.len()),
            "the paragraph's page(s): {with_mark:?}"
        );
        for i in 0..plain.pages.len() {
            if !with_mark.contains(&i) {
                assert_eq!(marked.pages[i], plain.pages[i], "page {} changed", i + 1);
            }
        }
        assert!(!plain.pages.iter().any(|p| p.contains("#fff1a8")));
    }

    #[test]
    fn the_first_pages_of_a_long_document_are_its_own_and_a_short_one_has_none() {
        let doc = long_an();
        let mut preview = Preview::new().expect("preview");
        let first = preview.first_keys(&doc, &[]).expect("first pages");
        let whole = Preview::new()
            .expect("preview")
            .keys_marked(&doc, &[])
            .expect("keys");
        assert!(
            (1..=3).contains(&first.len()),
            "{} first pages of {}",
            first.len(),
            whole.pages.len()
        );
        assert_eq!(first[..], whole.pages[..first.len()]);
        let short = crate::new_document(DocumentType::KeHoach);
        assert_eq!(preview.first_keys(&short, &[]).expect("first pages"), []);
    }

    #[test]
    fn an_edit_shows_in_the_next_preview() {
        let mut doc = crate::new_document(DocumentType::KeHoach);
        let mut preview = Preview::new().expect("preview");
        let before = preview.pages(&doc).expect("pages");
        doc.subject = "Tuyên truyền chuyển đổi số năm 2026".into();
        let after = preview.pages(&doc).expect("pages");
        assert_ne!(before.pages[0], after.pages[0]);
        assert!(after.text.contains("Tuyên truyền chuyển đổi số năm 2026"));
    }

    #[test]
    fn after_an_edit_only_the_pages_it_changed_are_drawn_again() {
        let mut doc = long_an();
        let mut preview = Preview::new().expect("preview");
        let before = preview.pages(&doc).expect("pages");
        let drawn = preview.pages_drawn();
        assert_eq!(drawn, before.pages.len() as u64);
        // A letter added to the subject, on page 1.
        doc.subject.push('a');
        let after = preview.pages(&doc).expect("pages");
        let changed = before
            .pages
            .iter()
            .zip(&after.pages)
            .filter(|(a, b)| a != b)
            .count() as u64;
        assert!(
            changed >= 1 && changed < after.pages.len() as u64 / 2,
            "{changed}"
        );
        assert_eq!(preview.pages_drawn() - drawn, changed);
        // The pages taken from the cache are exactly the ones a fresh preview draws.
        let fresh = Preview::new().expect("preview").pages(&doc).expect("pages");
        assert_eq!(fresh.pages, after.pages);
    }

    #[test]
    fn an_edit_near_the_end_keeps_every_page_before_it_and_nothing_is_drawn_until_asked() {
        let mut doc = long_an();
        let mut preview = Preview::new().expect("preview");
        let before = preview.keys_marked(&doc, &[]).expect("keys");
        assert_eq!(
            preview.pages_drawn(),
            0,
            "no picture drawn before it is asked for"
        );
        let n = before.pages.len();
        assert!(n > 10, "{n} pages");
        // A paragraph added at the very end: after the last appendix's text (the plan's
        // appendices follow its signature block).
        match &mut doc.appendices.last_mut().expect("an appendix").content {
            vanban_core::model::AppendixContent::Text { text } => {
                text.after.push(vanban_core::model::Block::Paragraph {
                    text: "Đoạn thêm ở cuối phụ lục.".into(),
                })
            }
            other => panic!("the last appendix is text: {other:?}"),
        }
        let after = preview.keys_marked(&doc, &[]).expect("keys");
        assert_eq!(after.pages.len(), n);
        let first_changed = (0..n)
            .find(|&i| before.pages[i].key != after.pages[i].key)
            .expect("a page changed");
        assert!(first_changed >= n / 2, "page {} changed", first_changed + 1);
        let last = after.pages[first_changed];
        let svg = preview.store().svg(last.key).expect("the page is served");
        assert!(svg.starts_with("<svg"));
        assert_eq!(preview.pages_drawn(), 1);
        let again = preview.store().svg(last.key).expect("again");
        assert_eq!(again, svg);
        assert_eq!(preview.pages_drawn(), 1, "drawn once");
        // A4 portrait, in points.
        assert!(
            (after.pages[0].width_pt - 595.3).abs() < 0.5,
            "{:?}",
            after.pages[0]
        );
        assert!(
            (after.pages[0].height_pt - 841.9).abs() < 0.5,
            "{:?}",
            after.pages[0]
        );
        assert!(preview.store().svg("0".parse().expect("a key")).is_none());
    }

    /// The shell draws the pages in view as soon as a preview is typeset, and the window asks
    /// for the same pictures a moment later: each is drawn once, and every request gets it.
    #[test]
    fn a_page_asked_for_by_several_threads_at_once_is_drawn_once() {
        let doc = crate::new_document(vanban_core::DocumentType::KeHoach);
        let mut preview = Preview::new().expect("preview");
        let keys = preview.keys_marked(&doc, &[]).expect("keys");
        let key = keys.pages[0].key;
        let pngs: Vec<_> = std::thread::scope(|s| {
            let asks: Vec<_> = (0..6)
                .map(|_| s.spawn(|| preview.store().png(key, 760).expect("served")))
                .collect();
            asks.into_iter()
                .map(|a| a.join().expect("no panic"))
                .collect()
        });
        assert_eq!(preview.pages_drawn(), 1, "drawn once");
        assert!(pngs[0].starts_with(b"\x89PNG"));
        assert!(
            pngs.iter().all(|p| *p == pngs[0]),
            "the same picture for all"
        );
        // Another width is another picture.
        assert_ne!(preview.store().png(key, 400).expect("400 wide"), pngs[0]);
        assert_eq!(preview.pages_drawn(), 2);
    }

    #[test]
    fn a_page_is_flagged_marked_exactly_when_its_picture_has_the_mark() {
        let doc = long_an();
        let mut preview = Preview::new().expect("preview");
        let line = preview
            .pages(&doc)
            .expect("pages")
            .text
            .lines()
            .find(|l| l.contains("Nhằm góp phần nâng cao nhận thức"))
            .expect("a body paragraph")
            .to_owned();
        let keys = preview
            .keys_marked(&doc, std::slice::from_ref(&line))
            .expect("keys");
        assert!(keys.pages.iter().any(|p| p.marked));
        for p in &keys.pages {
            let svg = preview.store().svg(p.key).expect("svg");
            assert_eq!(p.marked, svg.contains("#fff1a8"), "{p:?}");
        }
    }

    #[test]
    fn decomposed_text_is_previewed_as_composed() {
        let mut doc = crate::new_document(DocumentType::KeHoach);
        // "Việt" typed with combining marks, as some keyboards and PDFs produce it.
        doc.subject = "Vie\u{0323}\u{0302}t".into();
        let out = Preview::new().expect("preview").pages(&doc).expect("pages");
        assert!(out.text.contains("Việt"));
    }

    #[test]
    fn every_fixture_previews() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut preview = Preview::new().expect("preview");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let doc = crate::open_document(&path).expect("fixture");
                let out = preview.pages(&doc).expect("pages");
                // The plans run over several pages; the quyết định fits on one.
                assert!(!out.pages.is_empty(), "{}", path.display());
                assert!(out.text.contains(&doc.signature.name), "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 3);
    }
}
