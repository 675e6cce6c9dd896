//! The page numbers and section footers, finished after layout.
//!
//! The decree puts the page number centred in the top margin from a section's second page on
//! (the document's first page, and an appendix's, have none), and a section's footer is on its
//! first page only. Asked of Typst (`context`, `counter(page)`, `query`), that makes Typst lay
//! the document out a second time, to learn which page each header falls on. On a cold compile
//! the second layout is almost all cache hits (Long An: 104.1 against 102.4 ms, median of 8
//! alternated runs), but after a keystroke it is ~2 ms of the preview's ~13 (`keys_marked`,
//! median of 6 alternated runs of 60 keystrokes: 13.3 → 11.1 ms). So the template gives every
//! page of a section the same header, with 0 for the number, and the
//! same footer; here, once the pages are laid out, a section's first page loses its header and
//! its other pages their footer, and each header's 0 becomes the page's own number (Typst's
//! count of the page, which the template restarts at 1 where a section says so), centred where
//! the 0 was centred.

use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem, GroupItem, Point};
use typst::model::Document as _;
use typst::pdf::ArtifactElem;
use typst::text::{Glyph, TextItem};
use typst_layout::{Page, PagedDocument};

/// The number the template writes in every header.
const PLACEHOLDER: &str = "0";

/// `document` with its headers and footers where they belong and each page's number written.
pub(super) fn finish(document: PagedDocument) -> PagedDocument {
    // The document's first page begins a section whatever the marks say.
    let mut firsts = section_starts(&document);
    firsts.push(0);
    let pages = document
        .pages()
        .iter()
        .enumerate()
        .map(|(i, page)| finished(page, firsts.contains(&i)))
        .collect();
    PagedDocument::new(pages, document.info().clone())
}

/// The pages (from 0) where a section begins: those of the template's `<vb-section-start>`
/// marks.
fn section_starts(document: &PagedDocument) -> Vec<usize> {
    super::marks(document, "vb-section-start")
        .into_iter()
        .map(|(_, at)| at.page.get() - 1)
        .collect()
}

/// Which of the page's marginals an item of its frame belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Header,
    Footer,
    Other,
}

/// The page with the header taken off (a section's first page) or the footer taken off and the
/// number written (its other pages).
fn finished(page: &Page, first: bool) -> Page {
    let frame = &page.frame;
    let half = frame.height() / 2.0;
    let number = page.number.to_string();
    let mut out = like(frame);
    // The items of a marginal inlined into the page lie between its artifact's start and end.
    let mut open: Option<(Location, Part)> = None;
    for (at, item) in frame.items() {
        let part = match (open, item) {
            (Some((location, part)), FrameItem::Tag(Tag::End(end, ..))) => {
                if location == *end {
                    open = None;
                }
                part
            }
            (Some((_, part)), _) => part,
            (None, FrameItem::Tag(Tag::Start(content, _))) if content.is::<ArtifactElem>() => {
                let part = if at.y < half {
                    Part::Header
                } else {
                    Part::Footer
                };
                open = content.location().map(|l| (l, part));
                part
            }
            (None, FrameItem::Group(group)) if is_marginal(&group.frame) => {
                if at.y < half {
                    Part::Header
                } else {
                    Part::Footer
                }
            }
            (None, _) => Part::Other,
        };
        match part {
            Part::Header if first => {}
            Part::Footer if !first => {}
            Part::Header => {
                let (at, item) = renumbered(*at, item, &number);
                out.push(at, item);
            }
            _ => out.push(*at, item.clone()),
        }
    }
    Page {
        frame: out,
        ..page.clone()
    }
}

/// An empty frame of the same size, kind and baseline as `frame`.
fn like(frame: &Frame) -> Frame {
    let mut out = Frame::new(frame.size(), frame.kind());
    if frame.has_baseline() {
        out.set_baseline(frame.baseline());
    }
    out
}

/// Whether a group is a marginal laid out as a frame of its own: it starts with an artifact.
fn is_marginal(frame: &Frame) -> bool {
    matches!(
        frame.items().next(),
        Some((_, FrameItem::Tag(Tag::Start(content, _)))) if content.is::<ArtifactElem>()
    )
}

/// A header's item at `at` with the placeholder number written as `number`, centred where the
/// placeholder was.
fn renumbered(at: Point, item: &FrameItem, number: &str) -> (Point, FrameItem) {
    match item {
        FrameItem::Text(text) if text.text == PLACEHOLDER => {
            let new = with_text(text, number);
            let shift = (text.width() - new.width()) / 2.0;
            (Point::new(at.x + shift, at.y), FrameItem::Text(new))
        }
        FrameItem::Group(group) => {
            let mut frame = like(&group.frame);
            for (inner_at, inner) in group.frame.items() {
                let (inner_at, inner) = renumbered(*inner_at, inner, number);
                frame.push(inner_at, inner);
            }
            let group = GroupItem {
                frame,
                ..group.clone()
            };
            (at, FrameItem::Group(group))
        }
        other => (at, other.clone()),
    }
}

/// `item` saying `text` instead, in the same font, size and colour: one glyph per character,
/// advanced by the font's own widths (the template turns kerning off).
fn with_text(item: &TextItem, text: &str) -> TextItem {
    let Some(model) = item.glyphs.first() else {
        return item.clone();
    };
    let font = &item.font;
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let id = font.ttf().glyph_index(c).map_or(0, |g| g.0);
            let end = i + c.len_utf8();
            Glyph {
                id,
                x_advance: font.x_advance(id).unwrap_or(model.x_advance),
                range: u16::try_from(i).unwrap_or(u16::MAX)..u16::try_from(end).unwrap_or(u16::MAX),
                ..model.clone()
            }
        })
        .collect();
    TextItem {
        text: text.into(),
        glyphs,
        ..item.clone()
    }
}
