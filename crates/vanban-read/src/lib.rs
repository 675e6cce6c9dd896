//! Reading an existing document — a Word file, a born-digital PDF or text copied from one —
//! into the structured [`Document`] of `vanban-core`.
//!
//! Pure: bytes in, a document and diagnostics out; no file, clock or network access, and no
//! panic on any input (see the fuzz target `read`).
//!
//! Every format is first turned into the same sequence of [`source::Item`]s (paragraphs or
//! lines with bold/italic runs, and tables), each knowing where it came from (page, paragraph
//! or line). [`build`] then recognises the parts of an administrative document in it: header,
//! type and subject, legal bases, numbered sections, lists, task tables, recipients, signer and
//! appendices. Whatever it cannot place is kept, in order, as paragraphs and reported as a
//! [`Diagnostic`], so no text is ever lost.

use serde::Serialize;
use vanban_core::{Document, DocumentType};

mod build;
mod content;
mod docx;
mod grid;
mod pdf;
pub mod source;
mod tasks;
mod text;

pub use text::is_bare_link;

/// The formats [`read`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Office Open XML (.docx), written by Word, LibreOffice or VănBản.
    Docx,
    /// PDF with a text layer.
    Pdf,
    /// Plain text (UTF-8), e.g. copied from a published PDF.
    Text,
}

impl Format {
    /// The format of a file from its first bytes: PDF and zip signatures, otherwise text.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"%PDF") || bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
            Format::Pdf
        } else if bytes.starts_with(b"PK\x03\x04") {
            Format::Docx
        } else {
            Format::Text
        }
    }

    /// The format named by a file name's extension.
    pub fn from_extension(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// What the caller knows beforehand.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The document type, when the reader should not guess it from the title line.
    pub doc_type: Option<DocumentType>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// Not a zip file, or no `word/document.xml` inside.
    #[error("Tệp Word (.docx) bị hỏng hoặc không phải tệp .docx: {0}")]
    Docx(String),
    /// The PDF could not be parsed.
    #[error("Tệp PDF bị hỏng hoặc không đọc được: {0}")]
    Pdf(String),
    /// A PDF whose pages carry no text: a scan.
    #[error(
        "Tệp PDF không có lớp chữ (có thể là bản quét thành ảnh), nên không đọc được nội dung. Hãy dùng tệp Word hoặc bản PDF xuất trực tiếp từ phần mềm soạn thảo, hoặc nhận dạng chữ (OCR) trước."
    )]
    ScannedPdf,
    /// The text is not UTF-8 (or UTF-16 with a byte order mark).
    #[error("Tệp văn bản không ở mã UTF-8 nên không đọc được tiếng Việt.")]
    Encoding,
    /// Nothing to read.
    #[error("Tệp không có chữ nào.")]
    Empty,
}

impl ReadError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Docx(_) => "docx",
            ReadError::Pdf(_) => "pdf",
            ReadError::ScannedPdf => "scanned-pdf",
            ReadError::Encoding => "encoding",
            ReadError::Empty => "empty",
        }
    }
}

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Text was kept but not placed where it belongs, or a part could not be found.
    Warning,
    /// Something the reader guessed, to be checked.
    Info,
}

/// Where a piece of the source came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The page, 1-based, when the source has pages (PDF, text with form feeds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The paragraph (DOCX) or line (PDF, text), 1-based.
    pub paragraph: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.page {
            Some(p) => write!(f, "trang {p}, dòng {}", self.paragraph),
            None => write!(f, "đoạn {}", self.paragraph),
        }
    }
}

/// Something the reader could not place or had to guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// What happened, in Vietnamese.
    pub message: String,
    /// Where in the source.
    pub origin: Origin,
    /// The field of the document it went to, as a path into its JSON, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A read document and what the reader has to say about it.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The document.
    pub document: Document,
    /// The diagnostics, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Drops a line holding only an address already written in the text before it: the link
/// targets a PDF copy prints after a page ("https://dx.gov.vn/" after "… (https://dx.gov.vn)").
fn drop_link_targets(items: &mut Vec<source::Item>) {
    fn bare(t: &str) -> &str {
        t.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ';' | ',' | '.' | '“' | '”'))
            .trim_start_matches("mailto:")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/')
    }
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    items.retain(|item| {
        let source::Item::Para(p) = item else {
            return true;
        };
        let text = p.text();
        let t = text.trim();
        if is_bare_link(t) && seen.contains(bare(t)) {
            return false;
        }
        for word in t.split_whitespace() {
            if word.contains("://") || word.contains('@') || word.contains("www.") {
                // "địa chỉ:https://…" glued to a word: from the scheme on.
                let from = word.find("http").unwrap_or(0);
                seen.insert(bare(&word[from..]).to_owned());
            }
        }
        true
    });
}

/// Reads a document in the given format.
pub fn read(bytes: &[u8], format: Format, options: &Options) -> Result<Reading, ReadError> {
    let mut items = match format {
        Format::Docx => docx::items(bytes)?,
        Format::Pdf => pdf::items(bytes)?,
        Format::Text => text::items(bytes)?,
    };
    // Empty paragraphs carry nothing (a text's blank lines, Word's spacing paragraphs).
    items.retain(|i| !i.is_blank());
    drop_link_targets(&mut items);
    if items.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(build::build(items, options))
}
