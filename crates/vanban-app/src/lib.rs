//! The application API: the use cases of VănBản, written once for the `vanban` command and the
//! desktop shell, which hold no logic of their own.
//!
//! - Files: [`open_document`], [`validate`] (every check), [`new_document`], [`style_sheet`],
//!   [`write_atomic`]; exporting DOCX and PDF in [`export`].
//! - The database: [`workflow::Workflow`], one method per use case.
//! - What both fronts decide alike: the clock ([`clock`]) and where the database is
//!   ([`connection`]).
//! - One error type, [`Error`], each with a stable [`Error::code`].

use std::path::{Path, PathBuf};

use vanban_core::exchange;
use vanban_core::validate::{self as core_validate, Report};
use vanban_core::{Document, DocumentType};
use vanban_render::metrics::Metrics;
use vanban_render::style::StyleSheet;

pub mod clock;
pub mod connection;
pub mod drafting;
mod error;
pub mod export;
pub mod library;
pub mod mail;
pub mod preview;
pub mod templates;
pub mod transport;
pub mod typeface;
pub mod workflow;

pub use error::{Error, ErrorPayload, Result};

pub use vanban_edxml as edxml;
/// The signing crate, for the fronts: the keys they open (token choices, key ids) and the
/// tokens a PKCS#11 module offers ([`sign::list_tokens`]).
pub use vanban_sign as sign;

/// Reads a document file as it is, without changing its text.
pub fn open_document(path: &Path) -> Result<Document> {
    let bytes = read_limited(path)?;
    exchange::from_bytes(&bytes).map_err(|source| Error::Format {
        path: path.to_owned(),
        source,
    })
}

/// Reads at most one byte more than the format allows, so a huge file is refused without
/// being loaded whole.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
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

/// Reads a document file and runs every check on it ([`validate`]).
pub fn validate_file(path: &Path) -> Result<Report> {
    open_document(path).map(|doc| validate(&doc))
}

/// Every check on a document, as the check panel and `vanban validate` show it: the decree's
/// rules (a document with a number as issued, any other as a draft), the cited documents
/// against the shipped library, and whether the header's lines fit their column (warnings
/// only, so nothing the library or the fonts lack can block an export).
pub fn validate(doc: &Document) -> Report {
    let stage = if doc.header.number.is_some() {
        core_validate::Stage::Final
    } else {
        core_validate::Stage::Draft
    };
    validate_at(doc, stage)
}

/// [`validate`] at a stage: [`core_validate::Stage::Final`] for signing, issuing and exporting
/// an issued document (blanks left to fill are errors then).
pub fn validate_at(doc: &Document, stage: core_validate::Stage) -> Report {
    let mut report = core_validate::validate_at(doc, stage);
    report
        .diagnostics
        .extend(library::Library::shipped().citation_warnings(doc));
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
pub fn style_sheet(path: Option<&Path>) -> Result<StyleSheet> {
    match path {
        None => Ok(StyleSheet::nd30()),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
            StyleSheet::from_toml(&text).map_err(|source| Error::StyleFile {
                path: path.to_owned(),
                source,
            })
        }
    }
}

/// Writes a file so that a crash or power cut leaves either the old file or the new one, never
/// a half-written one: write a temporary file beside it, flush it to disk, rename it over the
/// target, flush the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |source| Error::Io {
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
