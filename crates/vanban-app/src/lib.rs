//! The application API: the use cases of VănBản over the domain (and, as they arrive, the
//! store, the renderers and the signer). The `vanban` command, the desktop shell and the
//! end-to-end tests all call these functions; none of them holds logic of its own.

use std::path::{Path, PathBuf};

use serde::Serialize;
use vanban_core::exchange::{self, ReadError};
use vanban_core::validate::{self, Report};
use vanban_core::{Document, DocumentType};
use vanban_render::fonts;
use vanban_render::metrics::{FontFiles, Metrics};
use vanban_render::pdf::{Created, PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

pub mod connection;
pub mod drafting;
pub mod export;
pub mod library;
pub mod preview;
pub mod templates;
pub mod typeface;
pub mod workflow;

/// The signing crate, for the fronts: the keys they open (token choices, key ids) and the
/// tokens a PKCS#11 module offers ([`sign::list_tokens`]).
pub use vanban_sign as sign;

/// Why a use case could not be carried out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The file could not be read from disk.
    #[error("Không đọc được tệp {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The style sheet is not usable.
    #[error("{path}: {source}")]
    Style {
        /// The style sheet file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: vanban_render::style::StyleError,
    },
    /// The document has errors that would make a malformed official document.
    #[error("Văn bản còn {} lỗi, chưa xuất được; chạy `vanban validate` để xem từng lỗi.", .0.errors())]
    Invalid(Report),
    /// The PDF could not be produced.
    #[error(transparent)]
    Pdf(#[from] vanban_render::pdf::PdfError),
    /// The DOCX could not be produced.
    #[error(transparent)]
    Docx(#[from] vanban_render::docx::DocxError),
    /// The document has no appendix of that number.
    #[error("Văn bản không có phụ lục {index} (văn bản có {count} phụ lục).")]
    NoAppendix {
        /// 1-based, as asked.
        index: usize,
        /// How many there are.
        count: usize,
    },
    /// The file is not a usable document.
    #[error("{path}: {source}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: ReadError,
    },
    /// The settings file cannot be read.
    #[error(
        "Tệp thiết lập {path} không đọc được: {detail}. Hãy sửa hoặc xóa tệp này rồi thiết lập lại."
    )]
    Settings {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// No shipped template has this name and no template file is there.
    #[error("Không có mẫu “{name}”. Các mẫu có sẵn: {known}; hoặc đường dẫn tới tệp mẫu .json.")]
    UnknownTemplate {
        /// What was asked for.
        name: String,
        /// The shipped templates' names.
        known: String,
    },
}

impl AppError {
    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Io { .. } => "io",
            AppError::Style { .. } => "style",
            AppError::Invalid(_) => "invalid-document",
            AppError::Docx(_) => "docx",
            AppError::Pdf(_) => "pdf",
            AppError::NoAppendix { .. } => "no-appendix",
            AppError::Format { source, .. } => source.code(),
            AppError::UnknownTemplate { .. } => "unknown-template",
            AppError::Settings { .. } => "settings",
        }
    }

    /// The error as `{ code, message }` for machine-readable output.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

/// An error as programs and the UI receive it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorPayload {
    /// Stable code.
    pub code: &'static str,
    /// Vietnamese message.
    pub message: String,
}

/// Reads a document file as it is, without changing its text.
pub fn open_document(path: &Path) -> Result<Document, AppError> {
    let bytes = read_limited(path)?;
    exchange::from_bytes(&bytes).map_err(|source| AppError::Format {
        path: path.to_owned(),
        source,
    })
}

/// Reads at most one byte more than the format allows, so a huge file is refused without
/// being loaded whole.
fn read_limited(path: &Path) -> Result<Vec<u8>, AppError> {
    use std::io::Read;
    let io = |source| AppError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(exchange::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// Reads a document file and runs every check on it.
pub fn validate_file(path: &Path) -> Result<Report, AppError> {
    open_document(path).map(|doc| check(&doc))
}

/// Every check on a document: the decree's rules (a document with a number as issued, any
/// other as a draft), the cited documents against the shipped library, and whether the
/// header's lines fit their column (warnings only, so nothing the library or the fonts lack
/// can block an export).
pub fn check(doc: &Document) -> Report {
    let stage = if doc.header.number.is_some() {
        validate::Stage::Final
    } else {
        validate::Stage::Draft
    };
    check_at(doc, stage)
}

/// [`check`] at a stage: [`validate::Stage::Final`] for signing, issuing and exporting an
/// issued document (blanks left to fill are errors then).
pub fn check_at(doc: &Document, stage: validate::Stage) -> Report {
    let mut report = validate::validate_at(doc, stage);
    report
        .diagnostics
        .extend(library::Library::shipped().check(doc));
    if let Ok(mut metrics) = Metrics::new(vanban_render::fonts::liberation_serif()) {
        report.diagnostics.extend(vanban_render::fit::check(
            doc,
            &StyleSheet::nd30(),
            &mut metrics,
        ));
    }
    report
}

/// A new document of a type, with its usual sections and every field to fill left blank.
pub fn new_document(doc_type: DocumentType) -> Document {
    vanban_core::skeleton::new_document(doc_type)
}

/// Reads a style sheet file, or gives the decree's default one.
pub fn style_sheet(path: Option<&Path>) -> Result<StyleSheet, AppError> {
    match path {
        None => Ok(StyleSheet::nd30()),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| AppError::Io {
                path: path.to_owned(),
                source,
            })?;
            StyleSheet::from_toml(&text).map_err(|source| AppError::Style {
                path: path.to_owned(),
                source,
            })
        }
    }
}

/// A document as DOCX bytes. Refuses a document that validation finds errors in: the app never
/// produces a malformed official document.
pub fn docx_bytes(doc: &Document, sheet: &StyleSheet) -> Result<Vec<u8>, AppError> {
    docx_bytes_in(doc, sheet, fonts::liberation_serif())
}

/// [`docx_bytes`] with rule lengths measured in the given typeface.
pub fn docx_bytes_in(
    doc: &Document,
    sheet: &StyleSheet,
    typeface: FontFiles<'_>,
) -> Result<Vec<u8>, AppError> {
    let (_, layout) = checked_layout(doc, sheet, typeface)?;
    Ok(vanban_render::docx::write(&layout, sheet)?)
}

/// A document as PDF bytes, typeset by Typst; refuses a document with errors like
/// [`docx_bytes`].
pub fn pdf_bytes(
    doc: &Document,
    sheet: &StyleSheet,
    kind: PdfKind,
    created: Created,
) -> Result<Vec<u8>, AppError> {
    pdf_bytes_in(doc, sheet, kind, created, fonts::liberation_serif())
}

/// [`pdf_bytes`] typeset in the given typeface (see [`typeface`]).
pub fn pdf_bytes_in(
    doc: &Document,
    sheet: &StyleSheet,
    kind: PdfKind,
    created: Created,
    typeface: FontFiles<'_>,
) -> Result<Vec<u8>, AppError> {
    let (doc, layout) = checked_layout(doc, sheet, typeface)?;
    let mut typesetter = Typesetter::new(typeface)?;
    Ok(typesetter.pdf(&layout, sheet, &title_of(&doc), kind, Some(created))?)
}

/// Where the signer's signature image goes on the document's PDF (the same layout as
/// [`pdf_bytes`]); `None` when it has no signature block.
pub fn signature_spot(
    doc: &Document,
    sheet: &StyleSheet,
) -> Result<Option<vanban_render::pdf::SignatureSpot>, AppError> {
    let typeface = fonts::liberation_serif();
    let (doc, layout) = checked_layout(doc, sheet, typeface)?;
    let mut typesetter = Typesetter::new(typeface)?;
    Ok(typesetter.signature_spot(&layout, sheet, &title_of(&doc))?)
}

/// The PDF a signer signs before issue: the number and date in fixed-width blanks (see
/// `vanban_render::fields`), and where the signature image goes.
pub fn pdf_for_signing(
    doc: &Document,
    sheet: &StyleSheet,
    created: Created,
) -> Result<(Vec<u8>, Option<vanban_render::pdf::SignatureSpot>), AppError> {
    let typeface = fonts::liberation_serif();
    let (doc, mut layout) = checked_layout(doc, sheet, typeface)?;
    vanban_render::fields::with_fields(&mut layout, &doc);
    let mut typesetter = Typesetter::new(typeface)?;
    let title = title_of(&doc);
    let pdf = typesetter.pdf(&layout, sheet, &title, PdfKind::Standard, Some(created))?;
    let spot = typesetter.signature_spot(&layout, sheet, &title)?;
    Ok((pdf, spot))
}

/// The values of the number and date of an issued document alone, on pages laid out like
/// [`pdf_for_signing`]'s: drawn over the signed PDF at issue.
pub fn fields_pdf(doc: &Document, sheet: &StyleSheet) -> Result<Vec<u8>, AppError> {
    let typeface = fonts::liberation_serif();
    let (doc, mut layout) = checked_layout(doc, sheet, typeface)?;
    vanban_render::fields::with_fields(&mut layout, &doc);
    let mut typesetter = Typesetter::new(typeface)?;
    Ok(typesetter.fields_pdf(&layout, sheet, &title_of(&doc))?)
}

/// Appendix `index` (0-based) of a document as a PDF of its own, as it is laid out after the
/// main text (its own page numbers); and whether its pages are landscape.
pub fn appendix_pdf(
    doc: &Document,
    sheet: &StyleSheet,
    index: usize,
    created: Created,
) -> Result<(Vec<u8>, bool), AppError> {
    let typeface = fonts::liberation_serif();
    let (doc, mut layout) = checked_layout(doc, sheet, typeface)?;
    if index >= doc.appendices.len() {
        return Err(AppError::NoAppendix {
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
    let mut typesetter = Typesetter::new(typeface)?;
    let title = format!("{} — {}", title_of(&doc), doc.appendices[index].title);
    let pdf = typesetter.pdf(&layout, sheet, &title, PdfKind::Standard, Some(created))?;
    Ok((pdf, landscape))
}

/// The agency's note for an appendix sent as its own file, alone on a page (see
/// `Typesetter::corner_note_pdf`).
pub fn corner_note_pdf(
    sheet: &StyleSheet,
    landscape: bool,
    text: &str,
) -> Result<Vec<u8>, AppError> {
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    Ok(typesetter.corner_note_pdf(sheet, landscape, text)?)
}

/// The document's title for PDF metadata: "Kế hoạch Tổ chức …".
pub fn title_of(doc: &Document) -> String {
    format!(
        "{} {}",
        doc.doc_type.info().name,
        doc.subject.replace('\n', " ")
    )
}

/// Validates, normalises to NFC and lays out a document.
fn checked_layout(
    doc: &Document,
    sheet: &StyleSheet,
    typeface: FontFiles<'_>,
) -> Result<(Document, vanban_render::layout::Layout), AppError> {
    let report = validate::validate(doc);
    if !report.is_ok() {
        return Err(AppError::Invalid(report));
    }
    let mut doc = doc.clone();
    vanban_core::normalize::to_nfc_document(&mut doc);
    let mut metrics = Metrics::new(typeface)
        .map_err(|e| AppError::Docx(vanban_render::docx::DocxError::Pack(e.to_string())))?;
    let layout = vanban_render::layout(&doc, sheet, &mut metrics);
    Ok((doc, layout))
}

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Word document.
    Docx,
    /// PDF.
    Pdf(PdfKind),
}

/// Exports a document file, written atomically: the target is replaced only once the new file
/// is complete on disk.
pub fn export_file(
    input: &Path,
    output: &Path,
    style: Option<&Path>,
    format: ExportFormat,
    now: Created,
    typeface: FontFiles<'_>,
) -> Result<(), AppError> {
    let doc = open_document(input)?;
    export_document_in(&doc, output, style, format, now, typeface)
}

/// Exports a document (from a file or the database) the same way as [`export_file`], in the
/// bundled typeface.
pub fn export_document(
    doc: &Document,
    output: &Path,
    style: Option<&Path>,
    format: ExportFormat,
    now: Created,
) -> Result<(), AppError> {
    export_document_in(doc, output, style, format, now, fonts::liberation_serif())
}

/// [`export_document`] in the given typeface (the bundled one, or the system's Times New Roman:
/// see [`typeface`]).
pub fn export_document_in(
    doc: &Document,
    output: &Path,
    style: Option<&Path>,
    format: ExportFormat,
    now: Created,
    typeface: FontFiles<'_>,
) -> Result<(), AppError> {
    export_with_sheet(doc, output, &style_sheet(style)?, format, now, typeface)
}

/// [`export_document_in`] with a style sheet already read (a body's profile).
pub fn export_with_sheet(
    doc: &Document,
    output: &Path,
    sheet: &StyleSheet,
    format: ExportFormat,
    now: Created,
    typeface: FontFiles<'_>,
) -> Result<(), AppError> {
    let bytes = match format {
        ExportFormat::Docx => docx_bytes_in(doc, sheet, typeface)?,
        ExportFormat::Pdf(kind) => pdf_bytes_in(doc, sheet, kind, now, typeface)?,
    };
    write_atomic(output, &bytes)
}

/// The outgoing register printed as the decree's form, as DOCX or PDF bytes, with the body's
/// style sheet.
pub fn register_bytes(
    forms: &[vanban_render::register::RegisterForm],
    sheet: &StyleSheet,
    format: ExportFormat,
    now: Created,
) -> Result<Vec<u8>, AppError> {
    let layout = vanban_render::register::layout(forms, sheet);
    Ok(match format {
        ExportFormat::Docx => vanban_render::docx::write(&layout, sheet)?,
        ExportFormat::Pdf(kind) => {
            let title = match forms.first() {
                Some(f) => format!("Sổ đăng ký văn bản đi năm {} – {}", f.year, f.body),
                None => "Sổ đăng ký văn bản đi".to_owned(),
            };
            Typesetter::new(fonts::liberation_serif())?.pdf(
                &layout,
                sheet,
                &title,
                kind,
                Some(now),
            )?
        }
    })
}

/// Writes a file so that a crash or power cut leaves either the old file or the new one, never
/// a half-written one: write a temporary file beside it, flush it to disk, rename it over the
/// target, flush the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let io = |source| AppError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            // Not every platform can sync a directory; the rename is done either way.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

/// The JSON Schema of the exchange format.
pub fn schema() -> String {
    exchange::schema()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: with the plan a decision issues (a page section of its own), "appendix 1"
    /// was that plan.
    #[test]
    fn an_appendix_of_a_decision_that_issues_a_plan_is_the_appendix() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/quyet-dinh-ban-hanh-ke-hoach-stttt-2025.json");
        let mut doc = open_document(&path).expect("fixture");
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
        let created = Created {
            year: 2025,
            month: 3,
            day: 5,
            hour: 9,
            minute: 0,
            second: 0,
        };
        let (pdf, _) =
            appendix_pdf(&doc, &StyleSheet::nd30(), 0, created).expect("the appendix alone");
        let mut preview = preview::Preview::new().expect("preview");
        assert_eq!(
            preview.pages(&doc).expect("pages").pages.len(),
            3,
            "decision, plan, appendix"
        );
        let dir = std::env::temp_dir().join(format!("vanban-app-appendix-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("pl.pdf");
        std::fs::write(&file, &pdf).expect("write");
        let out = std::process::Command::new("pdftotext")
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        std::fs::remove_dir_all(&dir).ok();
        let words = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(words.starts_with("Phụ lục DANH MỤC NHIỆM VỤ"), "{words}");
        assert!(!words.contains("KẾ HOẠCH"), "{words}");
    }
}
