//! Layout tree → PDF and SVG pages, typeset in-process by Typst.
//!
//! The tree is written as one Typst *value* (dictionaries, arrays, strings, lengths) and handed
//! to the template `templates/nd30.typ`, which draws it. User text enters only as string
//! literals, escaped here, so nothing a user types can change the layout or run code.
//!
//! [`Typesetter`] keeps a Typst world alive between calls: after an edit only the changed
//! source is replaced and Typst's memoisation reuses the rest, which is what makes the live
//! preview cheap.

use std::fmt::Write as _;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::layout::{Align, Block, Layout, Paragraph, Role, Table, TableKind, VerticalMerge};
use crate::metrics::FontFiles;
use crate::style::StyleSheet;

mod marginals;
mod redraw;

/// The template, shipped with the crate.
pub const TEMPLATE: &str = include_str!("../../../templates/nd30.typ");

/// Why a PDF or a preview could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// Typst refused the generated source (a defect of the generator or the template).
    #[error("Không dàn trang được văn bản: {0}")]
    Typeset(String),
    /// The fonts could not be loaded.
    #[error("Không nạp được phông chữ: {0}")]
    Fonts(String),
    /// The PDF writer failed.
    #[error("Không ghi được PDF: {0}")]
    Export(String),
}

/// Which PDF to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PdfKind {
    /// A plain, tagged PDF.
    #[default]
    Standard,
    /// PDF/A-2b, for archiving.
    ArchivalA2b,
}

/// When a PDF was made, as its metadata records it (UTC). Given by the caller: the renderer
/// reads no clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute.
    pub minute: u8,
    /// Second.
    pub second: u8,
}

/// A Typst world serving the template, the generated document and the fonts from memory.
struct MemoryWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    template: Source,
    /// The parts of the main file, by their path (see [`Markup`]).
    parts: std::collections::HashMap<FileId, Source>,
}

impl MemoryWorld {
    /// Serves `parts` from now on: a part already served is kept as it is (with what Typst
    /// knows of it), the others are read anew, and those no longer imported are dropped.
    fn set_parts(&mut self, parts: Vec<(String, String)>) {
        let mut old = std::mem::take(&mut self.parts);
        for (path, text) in parts {
            let id = file_id(&path);
            let source = old.remove(&id).unwrap_or_else(|| Source::new(id, text));
            self.parts.insert(id, source);
        }
    }
}

fn file_id(path: &str) -> FileId {
    // The paths are constants of this module or `/p/<hex>.typ`, always valid.
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.template.id() {
            Ok(self.template.clone())
        } else if let Some(part) = self.parts.get(&id) {
            Ok(part.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets layout trees in the family of the fonts it is given (the bundled Liberation Serif,
/// or the system's Times New Roman); keep one alive for the live preview.
pub struct Typesetter {
    world: MemoryWorld,
    /// The family of the fonts given, as the template asks for it.
    family: String,
}

impl Typesetter {
    /// A typesetter with the four faces of the body typeface.
    pub fn new(fonts: FontFiles<'_>) -> Result<Typesetter, PdfError> {
        let mut loaded = Vec::new();
        for data in [fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic] {
            let font = Font::new(Bytes::new(data.to_vec()), 0)
                .ok_or_else(|| PdfError::Fonts("tệp phông chữ không hợp lệ".into()))?;
            loaded.push(font);
        }
        let family = loaded[0].info().family.clone();
        let book = FontBook::from_fonts(&loaded);
        Ok(Typesetter {
            family,
            world: MemoryWorld {
                library: LazyHash::new(Library::builder().build()),
                book: LazyHash::new(book),
                fonts: loaded,
                main: Source::new(file_id("/main.typ"), String::new()),
                template: Source::new(file_id("/nd30.typ"), TEMPLATE.to_owned()),
                parts: std::collections::HashMap::new(),
            },
        })
    }

    /// Lays the tree out into pages.
    pub fn typeset(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
    ) -> Result<PagedDocument, PdfError> {
        self.typeset_drawing(layout, sheet, title, Draw::Whole)
    }

    /// [`Typesetter::typeset`] with the paragraphs whose text is in `marks` on a light
    /// background (what changed for a reviewer); the same pages otherwise.
    pub fn typeset_marked(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
        marks: &Marks,
    ) -> Result<PagedDocument, PdfError> {
        if marks.is_empty() {
            return self.typeset(layout, sheet, title);
        }
        self.typeset_drawing(layout, sheet, title, Draw::Marked(marks))
    }

    fn typeset_drawing(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
        draw: Draw,
    ) -> Result<PagedDocument, PdfError> {
        let markup = markup(layout, sheet, title, &self.family, draw);
        // Editing the text (rather than making a new source) lets Typst reparse and relayout
        // only what changed.
        edit_source(&mut self.world.main, &markup.main);
        self.world.set_parts(markup.parts);
        let result = typst::compile::<PagedDocument>(&self.world);
        result
            .output
            .map(marginals::finish)
            .map_err(|errors| PdfError::Typeset(describe(&errors)))
    }

    /// The PDF of a layout; PDF/A needs `created`.
    pub fn pdf(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
        kind: PdfKind,
        created: Option<Created>,
    ) -> Result<Vec<u8>, PdfError> {
        self.typeset_pdf(layout, sheet, title, kind, created)?
            .write()
    }

    /// [`Typesetter::pdf`] up to the writing, which [`TypesetPdf::write`] does.
    pub fn typeset_pdf(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
        kind: PdfKind,
        created: Option<Created>,
    ) -> Result<TypesetPdf, PdfError> {
        Ok(TypesetPdf {
            document: self.typeset(layout, sheet, title)?,
            kind,
            created,
        })
    }

    /// A PDF of the same pages as `layout`'s but showing only the values of its fields (a
    /// layout made by [`crate::fields::with_fields`]): every other mark is laid out, so the
    /// values land where the blanks are, and hidden. Drawn over the pages of the signed blank
    /// document, it fills in the number and date.
    pub fn fields_pdf(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
    ) -> Result<Vec<u8>, PdfError> {
        let document = self.typeset_drawing(layout, sheet, title, Draw::FieldsOnly)?;
        typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
            .map_err(|errors| PdfError::Export(describe(&errors)))
    }

    /// A one-page PDF the size of the document's first page showing only `text` in 10 pt
    /// upright type at the top right, in the top margin, right-aligned with the text: the
    /// agency's signature on an appendix sent as a file of its own (Nghị định 30, Phụ lục I:
    /// no image; the number and the time of signing). Drawn over that file's first page.
    pub fn corner_note_pdf(
        &mut self,
        sheet: &StyleSheet,
        landscape: bool,
        text: &str,
    ) -> Result<Vec<u8>, PdfError> {
        self.corner_note_pdf_on_line(sheet, landscape, text, 0)
    }

    /// [`Typesetter::corner_note_pdf`] `line` lines (of 12 pt) lower: a second agency note on
    /// the same page (the sao lục's under the sao y's) stays readable.
    pub fn corner_note_pdf_on_line(
        &mut self,
        sheet: &StyleSheet,
        landscape: bool,
        text: &str,
        line: u8,
    ) -> Result<Vec<u8>, PdfError> {
        let p = &sheet.page;
        let source = format!(
            "#set page(paper: \"a4\", flipped: {landscape}, margin: 0pt)\n\
             #set text(font: {}, size: 10pt, lang: \"vi\", top-edge: \"ascender\", bottom-edge: \"descender\")\n\
             #place(top + right, dx: -{}, dy: {}, text({}))\n",
            string_literal(&self.family),
            mm(p.margin_right_mm),
            mm(p.margin_top_mm / 2.0 - 2.0 + f32::from(line) * 12.0 * 25.4 / 72.0),
            string_literal(text),
        );
        self.world.main.replace(&source);
        let document = typst::compile::<PagedDocument>(&self.world)
            .output
            .map_err(|errors| PdfError::Typeset(describe(&errors)))?;
        typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
            .map_err(|errors| PdfError::Export(describe(&errors)))
    }

    /// Where the signer's signature image goes: see [`SignatureSpot`]. `None` when the
    /// document has no signature block.
    pub fn signature_spot(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
    ) -> Result<Option<SignatureSpot>, PdfError> {
        let document = self.typeset(layout, sheet, title)?;
        Ok(signature_spot(&document, sheet))
    }

    /// SVG images of the pages, for the live preview.
    pub fn svg_pages(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
    ) -> Result<Vec<String>, PdfError> {
        let document = self.typeset(layout, sheet, title)?;
        let options = typst_svg::SvgOptions::default();
        Ok(document
            .pages()
            .iter()
            .map(|page| typst_svg::svg(page, &options))
            .collect())
    }

    /// The pages of a live preview: each page's content key, size and whether it holds a
    /// marked paragraph. The pages themselves go into `store`, which draws a page's SVG only
    /// when it is first asked for (see [`PageStore::svg`]): after a keystroke, pages that look
    /// as before keep their key and their drawing, and pages nobody looks at are never drawn.
    pub fn preview_pages(
        &mut self,
        layout: &Layout,
        sheet: &StyleSheet,
        title: &str,
        marks: &Marks,
        store: &PageStore,
    ) -> Result<Vec<PageInfo>, PdfError> {
        let document = self.typeset_marked(layout, sheet, title, marks)?;
        let mut infos = Vec::with_capacity(document.pages().len());
        let mut pages = Vec::with_capacity(document.pages().len());
        for page in document.pages() {
            let key = page_picture_hash(page);
            let size = page.frame.size();
            infos.push(PageInfo {
                key: PageKey(key),
                width_pt: size.x.to_pt(),
                height_pt: size.y.to_pt(),
                marked: has_fill(&page.frame, MARK_FILL),
            });
            pages.push((key, page.clone()));
        }
        store.keep(pages);
        Ok(infos)
    }

    /// Drops Typst's memo cache entries unused for `max_age` compilations, so that a long
    /// session's memory stays flat.
    pub fn evict_cache(max_age: usize) {
        typst::comemo::evict(max_age);
    }
}

/// A hash of what a page looks like: its frames' glyphs, shapes, images and links at their
/// places, without the source spans and introspection tags that Typst keeps beside them (the
/// document reaches Typst as one generated source, so an edit early in it shifts the spans of
/// every later page although those pages look the same).
fn page_picture_hash(page: &typst_layout::Page) -> u128 {
    use std::hash::{Hash, Hasher};
    use typst::layout::{Frame, FrameItem};

    struct Picture<'a>(&'a typst_layout::Page);

    impl Hash for Picture<'_> {
        fn hash<H: Hasher>(&self, h: &mut H) {
            frame(&self.0.frame, h);
            self.0.bleed.hash(h);
            self.0.fill.hash(h);
            self.0.number.hash(h);
        }
    }

    fn frame<H: Hasher>(f: &Frame, h: &mut H) {
        f.size().hash(h);
        for (at, item) in f.items() {
            at.hash(h);
            match item {
                FrameItem::Group(g) => {
                    0u8.hash(h);
                    g.transform.hash(h);
                    g.clip.hash(h);
                    frame(&g.frame, h);
                }
                other => hash_item(other, h),
            }
        }
    }

    typst::utils::hash128(&Picture(page))
}

/// Hashes what an item other than a group draws (nothing for an introspection tag).
fn hash_item<H: std::hash::Hasher>(item: &typst::layout::FrameItem, h: &mut H) {
    use std::hash::Hash;
    use typst::layout::FrameItem;
    match item {
        // Groups are walked by the callers (with their transforms and clips).
        FrameItem::Group(_) => {}
        FrameItem::Text(t) => {
            1u8.hash(h);
            t.font.hash(h);
            t.size.hash(h);
            t.fill.hash(h);
            t.stroke.hash(h);
            t.text.hash(h);
            hash_glyphs(&t.glyphs, h);
        }
        FrameItem::Shape(shape, _) => {
            2u8.hash(h);
            shape.hash(h);
        }
        FrameItem::Image(image, size, _) => {
            3u8.hash(h);
            image.hash(h);
            size.hash(h);
        }
        FrameItem::Link(dest, size) => {
            4u8.hash(h);
            dest.hash(h);
            size.hash(h);
        }
        FrameItem::Tag(_) => {}
    }
}

/// Hashes glyphs (each one's id, advances, offsets and text range) a few dozen at a time, as
/// bytes: one write to the hasher per batch rather than seven per glyph, which is where the
/// hashing of a page's text spent its time.
fn hash_glyphs<H: std::hash::Hasher>(glyphs: &[typst::text::Glyph], h: &mut H) {
    const SIZE: usize = 2 + 4 * 8 + 2 * 2;
    const BATCH: usize = 32;
    let mut buf = [0u8; SIZE * BATCH];
    for batch in glyphs.chunks(BATCH) {
        let mut at = 0;
        let mut put = |bytes: &[u8]| {
            buf[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        };
        for g in batch {
            put(&g.id.to_le_bytes());
            for em in [g.x_advance, g.x_offset, g.y_advance, g.y_offset] {
                put(&em.get().to_bits().to_le_bytes());
            }
            put(&g.range.start.to_le_bytes());
            put(&g.range.end.to_le_bytes());
        }
        h.write(&buf[..at]);
    }
}

/// The background of a paragraph marked for a reviewer (the template's `marked` fill).
const MARK_FILL: [u8; 4] = [0xff, 0xf1, 0xa8, 0xff];

/// Whether a shape in the frame is filled with `rgba`.
fn has_fill(f: &typst::layout::Frame, rgba: [u8; 4]) -> bool {
    use typst::layout::FrameItem;
    use typst::visualize::Paint;
    f.items().any(|(_, item)| match item {
        FrameItem::Group(g) => has_fill(&g.frame, rgba),
        FrameItem::Shape(shape, _) => {
            matches!(&shape.fill, Some(Paint::Solid(c)) if c.to_vec4_u8() == rgba)
        }
        _ => false,
    })
}

/// What a page of a preview looks like, as a key: two pages with the same key look the same
/// (their glyphs, shapes and images at the same places), whatever the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageKey(pub u128);

impl std::fmt::Display for PageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl std::str::FromStr for PageKey {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<PageKey, Self::Err> {
        u128::from_str_radix(s, 16).map(PageKey)
    }
}

/// A page of a live preview, as [`Typesetter::preview_pages`] lays it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageInfo {
    /// What it looks like (its picture is [`PageStore::svg`] of this key).
    pub key: PageKey,
    /// Width in points.
    pub width_pt: f64,
    /// Height in points.
    pub height_pt: f64,
    /// It holds a paragraph marked for a reviewer.
    pub marked: bool,
}

/// The pages of the last two previews by key, each drawn as SVG when first asked for and then
/// kept until it is in neither preview. Cloning gives another handle on the same pages, for
/// the threads that serve them to the window while the next preview is typeset.
#[derive(Clone, Default)]
pub struct PageStore {
    inner: std::sync::Arc<std::sync::Mutex<Pages>>,
    /// Told when a picture being drawn is done (see [`Pages::drawing`]).
    done: std::sync::Arc<std::sync::Condvar>,
}

#[derive(Default)]
struct Pages {
    /// The last preview's pages.
    current: std::collections::HashMap<u128, Stored>,
    /// The one before's, for a picture asked for just as the next preview came out.
    previous: std::collections::HashMap<u128, Stored>,
    /// The last preview's pages in order, by key.
    order: Vec<u128>,
    drawn: u64,
    /// How many of the pictures drawn were drawn from the picture before a change.
    redrawn: u64,
    /// The pictures being drawn now, by key and width in pixels (0 for SVG): a second request
    /// for one of them waits for it rather than drawing it again (the shell draws the pages in
    /// view while its answer travels, and the window then asks for them).
    drawing: std::collections::HashSet<(u128, u32)>,
}

impl Pages {
    /// The page of `key` in the last preview or the one before.
    fn find(&self, key: u128) -> Option<&Stored> {
        self.current.get(&key).or_else(|| self.previous.get(&key))
    }

    fn find_mut(&mut self, key: u128) -> Option<&mut Stored> {
        match self.current.get_mut(&key) {
            Some(stored) => Some(stored),
            None => self.previous.get_mut(&key),
        }
    }
}

struct Stored {
    page: typst_layout::Page,
    svg: Option<std::sync::Arc<str>>,
    /// The last PNG drawn, with its width in pixels.
    png: Option<(u32, std::sync::Arc<[u8]>)>,
    /// The page in the same place of the preview before, when it looked different: the page
    /// this one was edited from, whose picture it can be drawn from (see [`redraw`]).
    was: Option<u128>,
}

impl std::fmt::Debug for PageStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pages = self.lock();
        f.debug_struct("PageStore")
            .field("pages", &pages.current.len())
            .field("drawn", &pages.drawn)
            .finish()
    }
}

impl PageStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, Pages> {
        // The map stays consistent whatever a panicking holder did: every change is one insert.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The SVG of the page of `key`, drawn now if it was not yet; `None` when no recent
    /// preview has such a page.
    pub fn svg(&self, key: PageKey) -> Option<std::sync::Arc<str>> {
        self.picture(
            (key, 0),
            |stored| stored.svg.clone(),
            |_, stored| stored.page.clone(),
            |page| Some(typst_svg::svg(&page, &typst_svg::SvgOptions::default()).into()),
            |stored, svg| stored.svg = Some(svg),
        )
    }

    /// The page of `key` as a PNG `width_px` pixels wide (clamped to 64–4096), drawn now
    /// unless the last one drawn has that width; `None` when no recent preview has such a
    /// page. On screen at its own size a raster is what WebKit shows anyway, and it costs the
    /// window a tenth of the SVG's time: no SVG document of thousands of glyphs to parse and
    /// keep (measured on Long An's page 1: see ARCHITECTURE.md). A page edited from one
    /// whose picture at that width was drawn is drawn from that picture, only where the two
    /// differ (see [`redraw`]).
    pub fn png(&self, key: PageKey, width_px: u32) -> Option<std::sync::Arc<[u8]>> {
        let width_px = width_px.clamp(64, 4096);
        let png_of = |stored: &Stored| match &stored.png {
            Some((w, png)) if *w == width_px => Some(png.clone()),
            _ => None,
        };
        self.picture(
            (key, width_px),
            png_of,
            |pages, stored| {
                let before = stored
                    .was
                    .and_then(|was| pages.find(was))
                    .and_then(|old| Some((old.page.clone(), png_of(old)?)));
                (stored.page.clone(), before)
            },
            |(page, before)| {
                if let Some((old, old_png)) = before
                    && let Some(png) = redraw::png(&old, &old_png, &page, width_px)
                {
                    self.lock().redrawn += 1;
                    return Some(png.into());
                }
                page_png(&page, width_px).map(Into::into)
            },
            |stored, png| stored.png = Some((width_px, png)),
        )
    }

    /// A picture of the page of `key` at `width` (0 for SVG): the one `held` finds, else the
    /// one being drawn once it is done, else one drawn by `draw` without the lock (so other
    /// pages are served meanwhile) from what `take` took under it, and then kept by `keep`.
    fn picture<T: Clone, D>(
        &self,
        (key, width): (PageKey, u32),
        held: impl Fn(&Stored) -> Option<T>,
        take: impl FnOnce(&Pages, &Stored) -> D,
        draw: impl FnOnce(D) -> Option<T>,
        keep: impl FnOnce(&mut Stored, T),
    ) -> Option<T> {
        let page = {
            let mut pages = self.lock();
            while pages.drawing.contains(&(key.0, width)) {
                pages = self
                    .done
                    .wait(pages)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            let stored = pages.find(key.0)?;
            if let Some(picture) = held(stored) {
                return Some(picture);
            }
            let taken = take(&pages, stored);
            pages.drawing.insert((key.0, width));
            taken
        };
        // Whatever `draw` does (even panic), the waiting requests are let go.
        let _drawing = Drawing {
            store: self,
            what: (key.0, width),
        };
        let picture = draw(page)?;
        let mut pages = self.lock();
        pages.drawn += 1;
        if let Some(stored) = pages.find_mut(key.0) {
            keep(stored, picture.clone());
        }
        Some(picture)
    }

    /// How many page pictures were drawn since the store was made.
    pub fn drawn(&self) -> u64 {
        self.lock().drawn
    }

    /// How many of those were drawn from the picture of the page they were edited from, only
    /// where the two differ.
    pub fn redrawn(&self) -> u64 {
        self.lock().redrawn
    }

    /// How many pages it holds (the last two previews', each once).
    pub fn len(&self) -> usize {
        let pages = self.lock();
        pages.current.len()
            + pages
                .previous
                .keys()
                .filter(|k| !pages.current.contains_key(k))
                .count()
    }

    /// Whether it holds no page.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every page (the document was closed).
    pub fn clear(&self) {
        let mut pages = self.lock();
        pages.current.clear();
        pages.previous.clear();
        pages.order.clear();
    }

    /// The pages of a new preview: a page already held keeps its drawing, a new one remembers
    /// the page in its place before; the preview before the last is forgotten.
    fn keep(&self, new: Vec<(u128, typst_layout::Page)>) {
        let mut pages = self.lock();
        let pages = &mut *pages;
        let mut current = std::collections::HashMap::with_capacity(new.len());
        let mut order = Vec::with_capacity(new.len());
        for (i, (key, page)) in new.into_iter().enumerate() {
            let held = pages.find(key);
            let svg = held.and_then(|s| s.svg.clone());
            let png = held.and_then(|s| s.png.clone());
            let was = pages.order.get(i).copied().filter(|&before| before != key);
            current.insert(
                key,
                Stored {
                    page,
                    svg,
                    png,
                    was,
                },
            );
            order.push(key);
        }
        pages.order = order;
        pages.previous = std::mem::replace(&mut pages.current, current);
    }
}

/// A document typeset for a PDF, not yet written ([`Typesetter::typeset_pdf`]). Writing it
/// needs no typesetter, so a batch writes each PDF on another thread while the next document
/// is typeset.
pub struct TypesetPdf {
    document: PagedDocument,
    kind: PdfKind,
    created: Option<Created>,
}

impl std::fmt::Debug for TypesetPdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypesetPdf")
            .field("pages", &self.document.pages().len())
            .field("kind", &self.kind)
            .finish()
    }
}

impl TypesetPdf {
    /// The PDF's bytes.
    pub fn write(&self) -> Result<Vec<u8>, PdfError> {
        let (document, kind, created) = (&self.document, self.kind, self.created);
        let standards = match kind {
            PdfKind::Standard => typst_pdf::PdfStandards::default(),
            PdfKind::ArchivalA2b => typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
                .map_err(|e| PdfError::Export(e.message().to_string()))?,
        };
        let timestamp = created
            .and_then(|c| {
                Datetime::from_ymd_hms(c.year, c.month, c.day, c.hour, c.minute, c.second)
            })
            .map(typst_pdf::Timestamp::new_utc);
        let options = typst_pdf::PdfOptions {
            standards,
            timestamp,
            ..typst_pdf::PdfOptions::default()
        };
        typst_pdf::pdf(document, &options).map_err(|errors| PdfError::Export(describe(&errors)))
    }
}

/// Makes `source`'s text `new`, as edits Typst reparses in place. The main file gives each
/// import and each section a line of its own, so when the lines are as many as before, each
/// changed line is edited alone (from its first to its last changed character) and Typst
/// reparses that line only. One edit spanning them all, as `Source::replace` makes, would reach
/// from the first changed line to the last and make Typst parse everything between again
/// (when the whole document was one file: 5–11 ms on Long An, against well under one).
fn edit_source(source: &mut Source, new: &str) {
    /// More changed lines than this: one replacement (each edit rescans the text after it).
    const MAX_EDITS: usize = 32;
    let old = source.text();
    if old.lines().count() != new.lines().count() {
        source.replace(new);
        return;
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut at = 0;
    for (was, now) in old.split_inclusive('\n').zip(new.split_inclusive('\n')) {
        if was != now {
            if edits.len() == MAX_EDITS {
                source.replace(new);
                return;
            }
            let (prefix, suffix) = changed_part(was, now);
            edits.push((
                at + prefix..at + was.len() - suffix,
                now[prefix..now.len() - suffix].to_owned(),
            ));
        }
        at += was.len();
    }
    // The last first, so that the earlier ranges still hold.
    for (range, with) in edits.into_iter().rev() {
        source.edit(range, &with);
    }
}

/// How many bytes at the start and at the end of `was` and `now` are the same (on character
/// boundaries, and not overlapping).
fn changed_part(was: &str, now: &str) -> (usize, usize) {
    let mut prefix = was
        .bytes()
        .zip(now.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !was.is_char_boundary(prefix) || !now.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = was[prefix..]
        .bytes()
        .rev()
        .zip(now[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !was.is_char_boundary(was.len() - suffix) || !now.is_char_boundary(now.len() - suffix) {
        suffix -= 1;
    }
    (prefix, suffix)
}

/// A picture being drawn: when it is dropped, the picture is no longer marked as being drawn
/// and the requests waiting for it go on.
struct Drawing<'a> {
    store: &'a PageStore,
    what: (u128, u32),
}

impl Drop for Drawing<'_> {
    fn drop(&mut self) {
        self.store.lock().drawing.remove(&self.what);
        self.store.done.notify_all();
    }
}

/// A page as an opaque PNG `width_px` pixels wide (the page is white, so the alpha channel
/// carries nothing).
fn page_png(page: &typst_layout::Page, width_px: u32) -> Option<Vec<u8>> {
    let width_pt = page.frame.width().to_pt().max(1.0);
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(width_px) / width_pt),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    encode_png(
        pixmap.width(),
        pixmap.height(),
        opaque_pixels(pixmap.data().chunks_exact(4)),
    )
}

/// Opaque pixels (RGB, or RGBA whose alpha is ignored) as PNG encodes them: a picture in
/// black and white only (most pages: no red, no marked paragraph) in grey, a third of the
/// colour picture's bytes to compress and for the window to read (Long An's page 1: 149 KB
/// against 411 KB, encoded in 1.2 ms against 2.5 ms).
fn opaque_pixels<'a>(pixels: impl Iterator<Item = &'a [u8]> + Clone) -> (png::ColorType, Vec<u8>) {
    if pixels.clone().all(|px| px[0] == px[1] && px[1] == px[2]) {
        (png::ColorType::Grayscale, pixels.map(|px| px[0]).collect())
    } else {
        (
            png::ColorType::Rgb,
            pixels.flat_map(|px| [px[0], px[1], px[2]]).collect(),
        )
    }
}

/// Pixels (8 bits, grey or RGB) as a PNG compressed for speed: it is made on a keystroke and
/// read once.
fn encode_png(
    width: u32,
    height: u32,
    (color, data): (png::ColorType, Vec<u8>),
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // Writing to memory fails only on a size PNG cannot hold, which a clamped width cannot give.
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&data).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// The place of the signer's handwritten signature (Nghị định 30, ô 7c): between the last
/// authority line (TM./KT. and the title) and the signer's name, across the signature block's
/// column, as laid out. In PDF points from the page's lower-left corner, as PDF annotations
/// are placed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignatureSpot {
    /// The 1-based page of the signature block.
    pub page: u32,
    /// Left edge of the block's column.
    pub left: f64,
    /// Right edge of the block's column.
    pub right: f64,
    /// The bottom of the last authority line.
    pub top: f64,
    /// The top of the name line.
    pub bottom: f64,
}

/// The template's `metadata` marks labelled `label` in the laid-out document, in order, each
/// with its value and where it is.
fn marks(
    document: &PagedDocument,
    label: &str,
) -> Vec<(
    typst::foundations::Value,
    typst::introspection::PagedPosition,
)> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern(label)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|mark| {
            let value = mark.to_packed::<MetadataElem>()?.value.clone();
            Some((value, introspector.position(mark.location()?)?))
        })
        .collect()
}

/// Reads the template's `<vb-signature>` marks from the laid-out document.
fn signature_spot(document: &PagedDocument, sheet: &StyleSheet) -> Option<SignatureSpot> {
    use typst::foundations::Value;
    let mut authority_end = None;
    let mut name_start = None;
    let mut name_ends = (None, None);
    for (what, at) in marks(document, "vb-signature") {
        let Value::Str(what) = what else {
            continue;
        };
        match what.as_str() {
            "VBThamQuyenKy/end" => authority_end = Some(at),
            "VBHoTenNguoiKy/start" => name_start = Some(at),
            "name/left" => name_ends.0 = Some(at.point.x.to_pt()),
            "name/right" => {
                name_ends.1 = Some(at.point.x.to_pt());
                // The first signature block is the document's own; a document a decision
                // issues repeats the signer after it, and is signed with the decision
                // (docs/decree.md §6.5: no separate signature in the same file).
                break;
            }
            _ => {}
        }
    }
    let name = name_start?;
    let page = document.pages().get(name.page.get() - 1)?;
    let height = page.frame.height().to_pt();
    // Without authority lines the image sits in the signature space above the name.
    let top_y = match authority_end {
        Some(a) if a.page == name.page => a.point.y.to_pt(),
        _ => name.point.y.to_pt() - f64::from(sheet.closing.signature_space_mm) * 72.0 / 25.4,
    };
    // The block's lines are centred in the column: the name's middle is the column's middle.
    // The column is the cell's width less its insets.
    let inset = 1.9 * 72.0 / 25.4;
    let column = f64::from(sheet.closing.right_column_mm) * 72.0 / 25.4 - 2.0 * inset;
    let centre = match name_ends {
        (Some(l), Some(r)) => (l + r) / 2.0,
        _ => name.point.x.to_pt() + column / 2.0,
    };
    Some(SignatureSpot {
        page: u32::try_from(name.page.get()).ok()?,
        left: centre - column / 2.0,
        right: centre + column / 2.0,
        top: height - top_y,
        bottom: height - name.point.y.to_pt(),
    })
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A Typst string literal: every character that means something inside a string is escaped,
/// and control characters are written as `\u{…}`.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn mm(v: f32) -> String {
    format!("{:.3}mm", v.max(0.0))
}

fn pt(v: f32) -> String {
    format!("{:.2}pt", v.max(0.0))
}

/// Line height of Liberation Serif (and Times New Roman) at "single" in Word, from the hhea
/// metrics Word uses: (ascender 1825 + descender 443 + line gap 87) / 2048 units per em.
const WORD_SINGLE_EM: f32 = (1825.0 + 443.0 + 87.0) / 2048.0;
/// Typst's line box with `top-edge: "ascender"`, `bottom-edge: "descender"`, which Typst takes
/// from the OS/2 typographic metrics: (1420 + 442) / 2048.
const TYPST_BOX_EM: f32 = (1420.0 + 442.0) / 2048.0;
/// What Word puts under the descender of a line at single spacing (hhea descender 443 + gap
/// 87 against the typographic descender 442).
const WORD_BELOW_EM: f32 = (443.0 + 87.0 - 442.0) / 2048.0;

fn roles(sheet: &StyleSheet) -> String {
    let mut out = String::from("(");
    for role in Role::ALL {
        let p = role.props(sheet);
        // Word spaces lines `line_spacing` × the single line height; Typst's line box is
        // smaller, so the difference goes between lines (leading) and, for the first line,
        // above the paragraph, with Word's small remainder below the last line.
        let leading = (p.line_spacing * WORD_SINGLE_EM - TYPST_BOX_EM).max(0.0);
        let pad_bottom = WORD_BELOW_EM.min(leading);
        let pad_top = leading - pad_bottom;
        let _ = write!(
            out,
            "{}: (size: {}, bold: {}, italic: {}, align: \"{}\", indent: {}, before: {}, after: {}, leading: {:.3}em, pad-top: {:.3}em, pad-bottom: {:.3}em, keep: {}, boxed: {}, red: {}), ",
            role.style_id(),
            pt(p.size_pt),
            p.bold,
            p.italic,
            match p.align {
                Align::Left => "left",
                Align::Center => "center",
                Align::Right => "right",
                Align::Justify => "justify",
            },
            mm(p.first_line_indent_mm),
            pt(p.space_before_pt),
            pt(p.space_after_pt),
            leading,
            pad_top,
            pad_bottom,
            p.keep_with_next,
            p.boxed,
            p.red,
        );
    }
    out.push(')');
    out
}

/// What the template draws: the whole page, or only the values of the fields (every other
/// mark laid out the same but hidden), for the update that fills them in, or the whole page
/// with some paragraphs marked for a reviewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draw<'a> {
    /// Everything.
    Whole,
    /// The field values only (see [`crate::fields`]).
    FieldsOnly,
    /// Everything, with a light background behind each paragraph whose text (words joined by
    /// single spaces, see [`mark_key`]) is in the set — the lines a reviewer has not seen yet.
    /// The background changes no measure: the pages are laid out as without it.
    Marked(&'a Marks),
}

/// The texts of the paragraphs to mark in a preview, as [`mark_key`] writes them.
pub type Marks = std::collections::HashSet<String>;

/// How a paragraph's text is compared with a line of the reader's text: its words joined by
/// single spaces.
pub fn mark_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn paragraph(p: &Paragraph, draw: Draw, out: &mut String) {
    let ghost = draw == Draw::FieldsOnly;
    let marked = match draw {
        Draw::Marked(marks) => {
            let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
            marks.contains(&mark_key(&text))
        }
        _ => false,
    };
    let _ = write!(
        out,
        "(kind: \"p\", role: \"{}\", ghost: {ghost}, marked: {marked}, keep: {}, width: ",
        p.role.style_id(),
        p.keep_with_next
    );
    match p.width_mm {
        Some(w) => out.push_str(&mm(w)),
        None => out.push_str("none"),
    }
    out.push_str(", indent: ");
    match p.indent {
        Some(i) => {
            let _ = write!(
                out,
                "(left: {}, hanging: {})",
                mm(i.left_mm),
                mm(i.hanging_mm)
            );
        }
        None => out.push_str("none"),
    }
    out.push_str(", runs: (");
    for r in &p.runs {
        let field = match r.field {
            Some(f) => format!(
                "(width: {:.2}em, align: \"{}\")",
                f.width_em,
                match f.align {
                    Align::Left | Align::Justify => "left",
                    Align::Center => "center",
                    Align::Right => "right",
                }
            ),
            None => "none".to_owned(),
        };
        let _ = write!(
            out,
            "(text: {}, b: {}, i: {}, br: {}, field: {field}, hide: {}), ",
            run_text(&r.text),
            r.bold,
            r.italic,
            r.line_break_after,
            ghost && r.field.is_none(),
        );
    }
    out.push_str("))");
}

/// A run's text as the template takes it: a string, or, when a word holds a "/", an array of
/// the text between such words (strings) and each such word as a one-element array, which the
/// template keeps whole on its line (Typst would break after the "/", Word does not). The
/// words are those between single spaces, as Word sees them.
fn run_text(text: &str) -> String {
    if !text.contains('/') {
        return string_literal(text);
    }
    let mut out = String::from("(");
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        if word.contains('/') {
            if !plain.is_empty() {
                out.push_str(&string_literal(&plain));
                out.push_str(", ");
                plain.clear();
            }
            let _ = write!(out, "({},), ", string_literal(word));
        } else {
            plain.push_str(word);
        }
    }
    if !plain.is_empty() {
        out.push_str(&string_literal(&plain));
        out.push_str(", ");
    }
    out.push(')');
    out
}

/// Writes the table's value into `item`, its rows into parts (which `item` then imports).
fn table(t: &Table, draw: Draw, item: &mut Item, parts: &mut Parts) {
    let kind = match t.kind {
        TableKind::Header | TableKind::Closing => "plain",
        TableKind::RecipientGroup => "group",
        TableKind::Grid => "grid",
    };
    let columns: Vec<String> = t.columns_mm.iter().map(|w| mm(*w)).collect();
    let _ = write!(
        item.text,
        "(kind: \"table\", kind-of: \"{kind}\", ghost: {}, header-rows: {}, columns: ({},), rows: ",
        draw == Draw::FieldsOnly,
        t.header_rows,
        columns.join(", ")
    );
    // The rows go into parts of their own, as the blocks do (see `markup`): an edit in a row
    // of a long table makes Typst read that part again, not the whole table.
    let mut rows = Vec::with_capacity(t.rows.len());
    for (ri, row) in t.rows.iter().enumerate() {
        let mut row_value = Item::default();
        row_value.text.push('(');
        for (ci, cell) in row.cells.iter().enumerate() {
            if cell.merge == VerticalMerge::Continue {
                continue;
            }
            // A merged run becomes one cell spanning the rows it covers.
            let rowspan = if cell.merge == VerticalMerge::Start {
                1 + t.rows[ri + 1..]
                    .iter()
                    .take_while(|r| {
                        r.cells
                            .get(ci)
                            .is_some_and(|c| c.merge == VerticalMerge::Continue)
                    })
                    .count()
            } else {
                1
            };
            let _ = write!(
                row_value.text,
                "(span: {}, rowspan: {rowspan}, vcenter: {}, blocks: (",
                cell.span, cell.v_center
            );
            for b in &cell.blocks {
                block(b, draw, &mut row_value, parts);
                row_value.text.push_str(", ");
            }
            row_value.text.push_str(")), ");
        }
        row_value.text.push(')');
        rows.push(row_value);
    }
    let (rows, imports) = parts.array(rows);
    item.text.push_str(&rows);
    item.text.push(')');
    item.imports.extend(imports);
}

/// One value of a part (a block, a table row) and the parts its tables' rows are in, which
/// the file holding it imports.
#[derive(Default)]
struct Item {
    text: String,
    imports: Vec<String>,
}

fn block(b: &Block, draw: Draw, item: &mut Item, parts: &mut Parts) {
    match b {
        Block::Paragraph(p) => paragraph(p, draw, &mut item.text),
        Block::Rule(r) => {
            let _ = write!(
                item.text,
                "(kind: \"rule\", ghost: {}, length: {})",
                draw == Draw::FieldsOnly,
                mm(r.length_mm)
            );
        }
        Block::Table(t) => table(t, draw, item, parts),
    }
}

/// The generated Typst sources of one layout: the main file, and the parts it (or a part)
/// imports, each an array of blocks or table rows.
///
/// A document is long (Long An: 147 KB of source) and Typst evaluates a file whole: one file
/// was evaluated again on every keystroke (6–8 ms of the compile on Long An). A part's name is
/// the hash of its text, so a part that did not change is the same file as before, which
/// Typst does not evaluate again; only the part holding the edit is new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    /// The main file: the imports, the page settings and roles, and the call to the template.
    pub main: String,
    /// The parts, by path (`/p/<hash>.typ`), with their text.
    pub parts: Vec<(String, String)>,
}

impl Markup {
    /// The bytes of all the sources.
    pub fn len(&self) -> usize {
        self.main.len() + self.parts.iter().map(|(_, t)| t.len()).sum::<usize>()
    }

    /// Whether there is no source at all (never: the main file always calls the template).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The parts being written (see [`Markup`]).
#[derive(Default)]
struct Parts {
    files: Vec<(String, String)>,
}

impl Parts {
    /// An expression for the array of `items`, split into parts where the content says (an
    /// item whose text hashes to a multiple of `CUT`, or `MAX` items), so that inserting or
    /// removing an item changes the part it is in and leaves the others as they were; with
    /// the imports that expression needs.
    fn array(&mut self, items: Vec<Item>) -> (String, Vec<String>) {
        const CUT: u64 = 8;
        const MAX: usize = 24;
        let mut terms = Vec::new();
        let mut imports = Vec::new();
        let mut group: Vec<Item> = Vec::new();
        let count = items.len();
        for (i, item) in items.into_iter().enumerate() {
            let cut = fnv(&item.text).is_multiple_of(CUT);
            group.push(item);
            if cut || group.len() == MAX || i + 1 == count {
                let (name, alias) = self.file(std::mem::take(&mut group));
                imports.push(format!("#import \"{name}\": b as {alias}\n"));
                terms.push(alias);
            }
        }
        if terms.is_empty() {
            return ("()".to_owned(), imports);
        }
        (format!("({})", terms.join(" + ")), imports)
    }

    /// Writes one part holding `items`, named by its text; its path and the name it is
    /// imported as.
    fn file(&mut self, items: Vec<Item>) -> (String, String) {
        let mut text = String::new();
        for item in &items {
            for import in &item.imports {
                text.push_str(import);
            }
        }
        text.push_str("#let b = (\n");
        for item in &items {
            text.push_str("  ");
            text.push_str(&item.text);
            text.push_str(",\n");
        }
        text.push_str(")\n");
        let hash = typst::utils::hash128(&text);
        let name = format!("/p/{hash:032x}.typ");
        let alias = format!("p{:016x}", hash >> 64);
        if !self.files.iter().any(|(n, _)| *n == name) {
            self.files.push((name.clone(), text));
        }
        (name, alias)
    }
}

/// FNV-1a: a hash of a part's item that is the same in every run and build, to cut parts at.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The Typst sources for a layout: the tree as a value, and a call to the template.
pub fn markup(
    layout: &Layout,
    sheet: &StyleSheet,
    title: &str,
    family: &str,
    draw: Draw,
) -> Markup {
    let p = &sheet.page;
    let mut parts = Parts::default();
    let mut imports = Vec::new();
    let mut out = String::with_capacity(16 * 1024);
    let _ = writeln!(out, "  title: {},", string_literal(title));
    let _ = writeln!(out, "  font: {},", string_literal(family));
    let _ = writeln!(
        out,
        "  margin: (top: {}, bottom: {}, left: {}, right: {}),",
        mm(p.margin_top_mm),
        mm(p.margin_bottom_mm),
        mm(p.margin_left_mm),
        mm(p.margin_right_mm)
    );
    let _ = writeln!(out, "  roles: {},", roles(sheet));
    let _ = writeln!(out, "  ghost: {},", draw == Draw::FieldsOnly);
    out.push_str("  sections: (\n");
    for (i, s) in layout.sections.iter().enumerate() {
        let _ = write!(
            out,
            "    (index: {i}, landscape: {}, restart: {}, footer: ",
            s.landscape, s.restart_numbering
        );
        match &s.first_page_footer {
            Some(f) => paragraph(f, draw, &mut out),
            None => out.push_str("none"),
        }
        let blocks = s
            .blocks
            .iter()
            .map(|b| {
                let mut item = Item::default();
                block(b, draw, &mut item, &mut parts);
                item
            })
            .collect();
        let (blocks, needed) = parts.array(blocks);
        imports.extend(needed);
        let _ = writeln!(out, ", blocks: {blocks}),");
    }
    out.push_str("  ),\n))\n");
    let mut main = String::from("#import \"nd30.typ\": render\n");
    for import in imports {
        main.push_str(&import);
    }
    main.push_str("#render((\n");
    main.push_str(&out);
    Markup {
        main,
        parts: parts.files,
    }
}

#[cfg(test)]
mod tests {
    /// Whatever changed (lines edited here and there, in multi-byte text, lines added or
    /// removed, many lines), the source's text is then exactly the new text.
    #[test]
    fn a_source_edited_line_by_line_holds_exactly_the_new_text() {
        use typst::syntax::Source;
        let base: Vec<String> = (0..60)
            .map(|i| format!("      {{(kind: \"p\", text: \"Đoạn {i} ở đây\")}},\n"))
            .collect();
        let text = |lines: &[String]| format!("#let x = (\n{})\n", lines.concat());
        let mut source = Source::detached(text(&base));
        let mut cases: Vec<Vec<String>> = Vec::new();
        let mut one = base.clone();
        one[3] = one[3].replace("Đoạn 3", "Đoạn 3ă");
        cases.push(one.clone());
        // Two lines apart, the later one shorter, multi-byte characters at the edges.
        one[40] = one[40].replace("ở đây", "ờ");
        one[5] = one[5].replace("Đoạn", "Ðoạn");
        cases.push(one.clone());
        let mut added = one.clone();
        added.insert(10, "      {(kind: \"rule\")},\n".into());
        cases.push(added.clone());
        added.remove(0);
        cases.push(added.clone());
        let many: Vec<String> = added.iter().map(|l| l.replace("Đoạn", "Mục")).collect();
        cases.push(many);
        cases.push(base.clone());
        for lines in cases {
            let new = text(&lines);
            super::edit_source(&mut source, &new);
            assert_eq!(source.text(), new);
            assert!(source.root().errors_and_warnings().0.is_empty());
        }
    }

    use super::*;

    #[test]
    fn string_literals_escape_what_typst_reads() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny\u{7}"), r#""x\u{a}y\u{7}""#);
        assert_eq!(string_literal("#[]$*@<_`"), "\"#[]$*@<_`\"");
    }
}
