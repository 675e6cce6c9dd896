//! Documents as DOCX and PDF files. There is one way to export: an [`ExportOptions`] value
//! (the format, the style sheet, the creation time) given to an [`Exporter`], which keeps the
//! font metrics and one Typst typesetter (its fonts parsed, its template compiled and Typst's
//! memo cache warm) for every document it writes, so that the second and later documents of a
//! batch pay none of the cold start. [`bytes`] and [`to_file`] are the same for one document in
//! the bundled typeface. A stored document is exported by
//! [`Workflow::export_stored`](crate::workflow::Workflow::export_stored), over these.
//!
//! Every export refuses a document that validation finds errors in ([`Error::Invalid`]): the
//! app never produces a malformed official document.
//!
//! The PDFs of signing and issuing (the document with its number and date in blanks, those
//! values alone, an appendix alone, a corner note) are laid out here too, the same way.

use std::path::Path;

use vanban_core::validate;
use vanban_core::{Document, validate::Report};
use vanban_render::fonts;
use vanban_render::layout::Layout;
use vanban_render::metrics::{FontFiles, Metrics};
use vanban_render::pdf::{Created, PdfError, PdfKind, SignatureSpot, TypesetPdf, Typesetter};
use vanban_render::style::StyleSheet;

use crate::{Error, Result, write_atomic};

/// How many typesettings an unused entry of Typst's memo cache survives in a batch: the
/// template's entries are used by every document and stay; a finished document's go.
const CACHE_AGE: usize = 4;

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Word document.
    Docx,
    /// PDF.
    Pdf(PdfKind),
}

impl ExportFormat {
    /// The file extension: "pdf" or "docx".
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf(_) => "pdf",
            ExportFormat::Docx => "docx",
        }
    }
}

/// How to export a document.
#[derive(Debug, Clone, Copy)]
pub struct ExportOptions<'a> {
    /// DOCX or PDF (standard or PDF/A).
    pub format: ExportFormat,
    /// The style sheet; none: the decree's default (for a stored document: its body's
    /// profile).
    pub sheet: Option<&'a StyleSheet>,
    /// The creation time written into a PDF's metadata (see [`crate::clock::pdf_created`]).
    pub created: Created,
}

impl ExportOptions<'_> {
    /// Exporting to `format` with the decree's default style sheet.
    pub fn new(format: ExportFormat, created: Created) -> ExportOptions<'static> {
        ExportOptions {
            format,
            sheet: None,
            created,
        }
    }
}

/// A document as the bytes of a file, in the bundled typeface: [`Exporter::bytes`] for one
/// document.
pub fn bytes(doc: &Document, options: &ExportOptions<'_>) -> Result<Vec<u8>> {
    Exporter::new(fonts::liberation_serif())?.bytes(doc, options)
}

/// Writes the file of a document to `output`, atomically (see [`write_atomic`]), in the
/// bundled typeface: [`Exporter::to_file`] for one document.
pub fn to_file(doc: &Document, output: &Path, options: &ExportOptions<'_>) -> Result<()> {
    Exporter::new(fonts::liberation_serif())?.to_file(doc, output, options)
}

/// Writes DOCX and PDF files of documents, one after the other, sharing its fonts and
/// typesetter.
pub struct Exporter<'a> {
    typeface: FontFiles<'a>,
    metrics: Metrics<'a>,
    /// Made at the first PDF (a batch of DOCX files needs no Typst).
    typesetter: Option<Typesetter>,
}

impl std::fmt::Debug for Exporter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exporter").finish_non_exhaustive()
    }
}

impl<'a> Exporter<'a> {
    /// An exporter typesetting in `typeface` (the bundled one, or the system's Times New Roman:
    /// see [`crate::typeface`]).
    pub fn new(typeface: FontFiles<'a>) -> Result<Exporter<'a>> {
        let metrics =
            Metrics::new(typeface).map_err(|e| Error::Pdf(PdfError::Fonts(e.to_string())))?;
        Ok(Exporter {
            typeface,
            metrics,
            typesetter: None,
        })
    }

    /// The file of a document as bytes; a document with errors is refused
    /// ([`Error::Invalid`]) like every export.
    pub fn bytes(&mut self, doc: &Document, options: &ExportOptions<'_>) -> Result<Vec<u8>> {
        self.prepare(doc, options)?.finish()
    }

    /// [`Exporter::bytes`] up to the last step, which [`Prepared::finish`] does without the
    /// exporter (on another thread, while this one prepares the next document).
    pub fn prepare(&mut self, doc: &Document, options: &ExportOptions<'_>) -> Result<Prepared> {
        let default;
        let sheet = match options.sheet {
            Some(sheet) => sheet,
            None => {
                default = StyleSheet::nd30();
                &default
            }
        };
        // What the documents before this one left in Typst's memo cache and no later one used
        // goes before this one is typeset, not after: an export of one document (a process of
        // its own) does not look through the cache for nothing (~1 ms on Long An).
        if self.typesetter.is_some() {
            Typesetter::evict_cache(CACHE_AGE);
        }
        // The checks (4–7 ms on Long An) run beside the typesetting, on another thread; a
        // document with errors is refused whatever the typesetting gave.
        let (prepared, report) = std::thread::scope(|s| {
            let checks = s.spawn(|| validate::validate(doc));
            let prepared = self.prepare_unchecked(doc, sheet, options.format, options.created);
            (prepared, checks.join())
        });
        accepted(report.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))?;
        prepared
    }

    /// [`Exporter::prepare`] without the checks: the document in NFC, laid out, and written
    /// (DOCX) or typeset (PDF).
    fn prepare_unchecked(
        &mut self,
        doc: &Document,
        sheet: &StyleSheet,
        format: ExportFormat,
        created: Created,
    ) -> Result<Prepared> {
        let doc = nfc(doc);
        let layout = vanban_render::layout(&doc, sheet, &mut self.metrics);
        match format {
            ExportFormat::Docx => Ok(Prepared(Step::Done(vanban_render::docx::write(
                &layout, sheet,
            )?))),
            ExportFormat::Pdf(kind) => {
                let typesetter = match &mut self.typesetter {
                    Some(t) => t,
                    None => self.typesetter.insert(Typesetter::new(self.typeface)?),
                };
                let typeset =
                    typesetter.typeset_pdf(&layout, sheet, &title_of(&doc), kind, Some(created))?;
                Ok(Prepared(Step::Typeset(Box::new(typeset))))
            }
        }
    }

    /// Writes the file of a document to `output`, atomically (see [`write_atomic`]).
    pub fn to_file(
        &mut self,
        doc: &Document,
        output: &Path,
        options: &ExportOptions<'_>,
    ) -> Result<()> {
        let bytes = self.bytes(doc, options)?;
        write_atomic(output, &bytes)
    }
}

/// A document's file up to its last step ([`Exporter::prepare`]): a DOCX written, a PDF
/// typeset but not yet written.
#[derive(Debug)]
pub struct Prepared(Step);

#[derive(Debug)]
enum Step {
    Done(Vec<u8>),
    Typeset(Box<TypesetPdf>),
}

impl Prepared {
    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        match self.0 {
            Step::Done(bytes) => Ok(bytes),
            Step::Typeset(typeset) => Ok(typeset.write()?),
        }
    }
}

/// The document's title for PDF metadata: "Kế hoạch Tổ chức …".
pub fn title_of(doc: &Document) -> String {
    format!(
        "{} {}",
        doc.doc_type.info().name,
        doc.subject.replace('\n', " ")
    )
}

/// The document normalised to NFC, when validation finds no error in it.
fn checked(doc: &Document) -> Result<Document> {
    accepted(validate::validate(doc))?;
    Ok(nfc(doc))
}

/// A document's checks as an export takes them: refused ([`Error::Invalid`]) when they found
/// an error.
fn accepted(report: Report) -> Result<()> {
    if report.is_ok() {
        Ok(())
    } else {
        Err(Error::Invalid {
            action: "xuất",
            report,
        })
    }
}

/// The document normalised to NFC, as it is exported.
fn nfc(doc: &Document) -> Document {
    let mut doc = doc.clone();
    vanban_core::normalize::to_nfc_document(&mut doc);
    doc
}

/// Validates, normalises to NFC and lays out a document in the bundled typeface, for the PDFs
/// of signing.
fn checked_layout(doc: &Document, sheet: &StyleSheet) -> Result<(Document, Layout)> {
    let doc = checked(doc)?;
    let mut metrics = Metrics::new(fonts::liberation_serif())
        .map_err(|e| Error::Pdf(PdfError::Fonts(e.to_string())))?;
    let layout = vanban_render::layout(&doc, sheet, &mut metrics);
    Ok((doc, layout))
}

/// Where the signer's signature image goes on the document's PDF (the same layout as an
/// export's); `None` when it has no signature block.
pub fn signature_spot(doc: &Document, sheet: &StyleSheet) -> Result<Option<SignatureSpot>> {
    let (doc, layout) = checked_layout(doc, sheet)?;
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    Ok(typesetter.signature_spot(&layout, sheet, &title_of(&doc))?)
}

/// The PDF a signer signs before issue: the number and date in fixed-width blanks (see
/// `vanban_render::fields`), and where the signature image goes.
pub fn pdf_for_signing(
    doc: &Document,
    sheet: &StyleSheet,
    created: Created,
) -> Result<(Vec<u8>, Option<SignatureSpot>)> {
    let (doc, mut layout) = checked_layout(doc, sheet)?;
    vanban_render::fields::with_fields(&mut layout, &doc);
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    let title = title_of(&doc);
    let pdf = typesetter.pdf(&layout, sheet, &title, PdfKind::Standard, Some(created))?;
    let spot = typesetter.signature_spot(&layout, sheet, &title)?;
    Ok((pdf, spot))
}

/// The values of the number and date of an issued document alone, on pages laid out like
/// [`pdf_for_signing`]'s: drawn over the signed PDF at issue.
pub fn fields_pdf(doc: &Document, sheet: &StyleSheet) -> Result<Vec<u8>> {
    let (doc, mut layout) = checked_layout(doc, sheet)?;
    vanban_render::fields::with_fields(&mut layout, &doc);
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    Ok(typesetter.fields_pdf(&layout, sheet, &title_of(&doc))?)
}

/// Appendix `index` (0-based) of a document as a PDF of its own, as it is laid out after the
/// main text (its own page numbers); and whether its pages are landscape.
pub fn appendix_pdf(
    doc: &Document,
    sheet: &StyleSheet,
    index: usize,
    created: Created,
) -> Result<(Vec<u8>, bool)> {
    let (doc, mut layout) = checked_layout(doc, sheet)?;
    if index >= doc.appendices.len() {
        return Err(Error::NoAppendix {
            index: index + 1,
            count: doc.appendices.len(),
        });
    }
    // The main text comes first, then the document a decision issues (when there is one),
    // then one section per appendix.
    let first_appendix = 1 + usize::from(doc.attachment.is_some());
    let section = layout.sections.swap_remove(first_appendix + index);
    let landscape = section.landscape;
    layout.sections = vec![section];
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    let title = format!("{} — {}", title_of(&doc), doc.appendices[index].title);
    let pdf = typesetter.pdf(&layout, sheet, &title, PdfKind::Standard, Some(created))?;
    Ok((pdf, landscape))
}

/// The agency's note for an appendix sent as its own file, alone on a page (see
/// `Typesetter::corner_note_pdf`).
pub fn corner_note_pdf(sheet: &StyleSheet, landscape: bool, text: &str) -> Result<Vec<u8>> {
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    Ok(typesetter.corner_note_pdf(sheet, landscape, text)?)
}

/// The agency's note `line` lines below the first (see `Typesetter::corner_note_pdf_on_line`).
pub fn corner_note_pdf_on_line(
    sheet: &StyleSheet,
    landscape: bool,
    text: &str,
    line: u8,
) -> Result<Vec<u8>> {
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    Ok(typesetter.corner_note_pdf_on_line(sheet, landscape, text, line)?)
}

/// The file of a copy (docs/copies.md): an issued document (or the part a trích sao keeps)
/// laid out as an export would, followed, on paper, by the copy blocks after its last content
/// (a sao lục of a paper sao y: the sao y's, then its own). Not validated again: it reproduces
/// a document checked when it was issued. Also whether its first page is landscape.
pub fn copy_file(
    doc: &Document,
    sheet: &StyleSheet,
    blocks: &[vanban_render::copy::CopyBlock],
    format: ExportFormat,
    created: Created,
) -> Result<Vec<u8>> {
    let mut doc = doc.clone();
    vanban_core::normalize::to_nfc_document(&mut doc);
    let mut metrics = Metrics::new(fonts::liberation_serif())
        .map_err(|e| Error::Pdf(PdfError::Fonts(e.to_string())))?;
    let mut layout = vanban_render::layout(&doc, sheet, &mut metrics);
    for block in blocks {
        vanban_render::copy::append(&mut layout, block, sheet);
    }
    match format {
        ExportFormat::Docx => Ok(vanban_render::docx::write(&layout, sheet)?),
        ExportFormat::Pdf(kind) => {
            let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
            Ok(typesetter.pdf(&layout, sheet, &title_of(&doc), kind, Some(created))?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Document {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(name);
        crate::open_document(&path).expect("fixture")
    }

    fn long_an() -> Document {
        fixture("ke-hoach-long-an-tuyen-truyen-cds-2025.json")
    }

    const CREATED: Created = Created {
        year: 2025,
        month: 3,
        day: 4,
        hour: 5,
        minute: 6,
        second: 7,
    };

    const PDF: ExportFormat = ExportFormat::Pdf(PdfKind::Standard);

    #[test]
    fn one_exporter_writes_the_same_files_as_an_export_each() {
        let doc = long_an();
        let pdf = ExportOptions::new(PDF, CREATED);
        let mut exporter = Exporter::new(fonts::liberation_serif()).expect("exporter");
        let first = exporter.bytes(&doc, &pdf).expect("first");
        let mut letter = crate::new_document(vanban_core::DocumentType::CongVan);
        letter.subject = "Về việc thử".into();
        // Another document between the two, through the same typesetter.
        let _ = exporter.bytes(&letter, &pdf);
        let again = exporter.bytes(&doc, &pdf).expect("again");
        let alone = bytes(&doc, &pdf).expect("alone");
        assert_eq!(first, alone, "a warm typesetter writes the same PDF");
        assert_eq!(again, alone);
        let docx = ExportOptions::new(ExportFormat::Docx, CREATED);
        assert_eq!(
            exporter.bytes(&doc, &docx).expect("docx"),
            bytes(&doc, &docx).expect("docx alone"),
            "the shared metrics measure the same rules"
        );
    }

    #[test]
    fn a_document_with_errors_is_refused_and_the_next_one_is_exported() {
        let pdf = ExportOptions::new(PDF, CREATED);
        let mut exporter = Exporter::new(fonts::liberation_serif()).expect("exporter");
        let empty = crate::new_document(vanban_core::DocumentType::KeHoach);
        assert!(matches!(
            exporter.bytes(&empty, &pdf),
            Err(Error::Invalid { .. })
        ));
        let out = exporter.bytes(&long_an(), &pdf).expect("pdf");
        assert!(out.starts_with(b"%PDF-"));
    }

    /// Regression: with the plan a decision issues (a page section of its own), "appendix 1"
    /// was that plan.
    #[test]
    fn an_appendix_of_a_decision_that_issues_a_plan_is_the_appendix() {
        let mut doc = fixture("quyet-dinh-ban-hanh-ke-hoach-stttt-2025.json");
        doc.body.sections[0].title = vanban_core::RichText::plain(
            "Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025 và Phụ lục.",
        );
        doc.appendices.push(vanban_core::model::Appendix {
            title: "Danh mục nhiệm vụ".into(),
            orientation: vanban_core::model::Orientation::Portrait,
            numbering: None,
            reference_date_style: vanban_core::model::DateStyle::Words,
            content: vanban_core::model::AppendixContent::Text {
                text: vanban_core::model::Content {
                    blocks: vec![vanban_core::model::Block::Paragraph {
                        text: vanban_core::RichText::plain("Nhiệm vụ thứ nhất."),
                    }],
                    sections: vec![],
                    after: vec![],
                },
            },
        });
        let (pdf, _) =
            appendix_pdf(&doc, &StyleSheet::nd30(), 0, CREATED).expect("the appendix alone");
        let mut preview = crate::preview::Preview::new().expect("preview");
        assert_eq!(
            preview.pages(&doc).expect("pages").pages.len(),
            3,
            "decision, plan, appendix"
        );
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("pl.pdf");
        std::fs::write(&file, &pdf).expect("write");
        let out = std::process::Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let words = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(words.starts_with("Phụ lục DANH MỤC NHIỆM VỤ"), "{words}");
        assert!(!words.contains("KẾ HOẠCH"), "{words}");
    }
}
