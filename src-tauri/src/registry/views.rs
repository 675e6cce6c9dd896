//! The shapes of the registry clerk's work: a document issued, the outgoing register. Each is made
//! from a library type by a `From`, so a change on either side fails to compile rather than
//! drifting.

use serde::{Deserialize, Serialize};
use vanban_app::workflow::store::RegisterEntry;

use crate::document::views::OpenDocument;

/// A document just issued, with the document as it is now.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IssuedView {
    /// "01/KH-STTTT".
    pub number_symbol: String,
    /// The issue date, YYYY-MM-DD.
    pub issued_on: String,
    /// The document, issued.
    pub document: OpenDocument,
}

impl IssuedView {
    /// The view of the register entry of an issued document, and the document.
    pub fn new(e: &RegisterEntry, document: OpenDocument) -> Self {
        IssuedView {
            number_symbol: e.number_symbol.clone(),
            issued_on: e.issued_on.to_string(),
            document,
        }
    }
}

/// A line of the outgoing register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RegisterEntryView {
    /// The register's name.
    pub register_name: String,
    /// "01/KH-STTTT".
    pub number_symbol: String,
    /// YYYY-MM-DD.
    pub issued_on: String,
    /// The document's id.
    pub document: i64,
    /// Type and subject as the register prints them.
    pub type_and_subject: String,
    /// Who signed.
    pub signer: String,
    /// Where it goes.
    pub recipients: String,
    /// Who keeps the file copy.
    pub file_copy: String,
    /// Number of copies.
    pub copies: Option<u32>,
    /// The first day it was sent, once recorded.
    pub first_sent_on: Option<String>,
}

impl From<&RegisterEntry> for RegisterEntryView {
    fn from(e: &RegisterEntry) -> Self {
        RegisterEntryView {
            register_name: e.register_name.clone(),
            number_symbol: e.number_symbol.clone(),
            issued_on: e.issued_on.to_string(),
            document: e.document,
            type_and_subject: e.details.type_and_subject.clone(),
            signer: e.details.signer.clone(),
            recipients: e.details.recipients.clone(),
            file_copy: e.details.file_copy.clone(),
            copies: e.details.copies,
            first_sent_on: e.first_sent_on.map(|d| d.to_string()),
        }
    }
}

/// The register's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum RegisterFileFormat {
    /// The printed form, PDF.
    Pdf,
    /// The printed form, Word.
    Docx,
    /// A table.
    Csv,
}

impl RegisterFileFormat {
    /// The use case's format.
    pub fn format(self) -> vanban_app::workflow::RegisterFormat {
        use vanban_app::workflow::RegisterFormat;
        match self {
            RegisterFileFormat::Pdf => RegisterFormat::Pdf,
            RegisterFileFormat::Docx => RegisterFormat::Docx,
            RegisterFileFormat::Csv => RegisterFormat::Csv,
        }
    }

    /// The file extension, and the dialog filter's label.
    pub fn extension(self) -> (&'static str, &'static str) {
        match self {
            RegisterFileFormat::Pdf => ("pdf", "Tệp PDF"),
            RegisterFileFormat::Docx => ("docx", "Tài liệu Word"),
            RegisterFileFormat::Csv => ("csv", "Bảng CSV"),
        }
    }
}
