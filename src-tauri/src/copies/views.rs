//! The shapes of the copy form and the copy register: the kinds and forms of a copy as the UI
//! sends them, what the form offers (signers, parts, earlier copies), a copy made, a line of
//! the register. Each is made from a library type by a `From`, so a change on either side
//! fails to compile rather than drifting.

use serde::{Deserialize, Serialize};
use vanban_app::export::ExportFormat;
use vanban_app::workflow::CopyChoices;
use vanban_app::workflow::store::CopyEntry;
use vanban_core::copies::{CopyKind, Extractable};
use vanban_render::pdf::PdfKind;

/// The kind of a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum CopyKindInput {
    /// Sao y: the whole document.
    SaoY,
    /// Sao lục: from a sao y.
    SaoLuc,
    /// Trích sao: chosen parts.
    TrichSao,
}

impl From<CopyKindInput> for CopyKind {
    fn from(k: CopyKindInput) -> Self {
        match k {
            CopyKindInput::SaoY => CopyKind::SaoY,
            CopyKindInput::SaoLuc => CopyKind::SaoLuc,
            CopyKindInput::TrichSao => CopyKind::TrichSao,
        }
    }
}

impl CopyKindInput {
    /// As in file names ("sao-y").
    pub fn slug(self) -> &'static str {
        CopyKind::from(self).as_str()
    }
}

/// What a copy is made as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum CopyFileForm {
    /// An electronic copy: the PDF signed with the body's key.
    Electronic,
    /// A paper copy to print, as PDF.
    PaperPdf,
    /// A paper copy to print, as Word.
    PaperDocx,
}

impl CopyFileForm {
    /// The file a paper copy is printed from; none for an electronic copy.
    pub fn paper_format(self) -> Option<ExportFormat> {
        match self {
            CopyFileForm::Electronic => None,
            CopyFileForm::PaperPdf => Some(ExportFormat::Pdf(PdfKind::Standard)),
            CopyFileForm::PaperDocx => Some(ExportFormat::Docx),
        }
    }

    /// The file extension, and the dialog filter's label.
    pub fn extension(self) -> (&'static str, &'static str) {
        match self {
            CopyFileForm::Electronic | CopyFileForm::PaperPdf => ("pdf", "Tệp PDF"),
            CopyFileForm::PaperDocx => ("docx", "Tài liệu Word"),
        }
    }
}

/// A copy asked for in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CertifyInput {
    /// Sao y, sao lục or trích sao.
    pub kind: CopyKindInput,
    /// Electronic, or paper as PDF or DOCX.
    pub form: CopyFileForm,
    /// For a trích sao: the parts kept (paths of [`PartChoice`]).
    pub parts: Vec<String>,
    /// Who signs the copy (a login); none: the head.
    pub signer: Option<String>,
    /// For a sao lục: the sao y it is made from ("01/SY-UBND"); none: the latest.
    pub from_copy: Option<String>,
    /// Nơi nhận of the copy, one line each; none: "- Lưu: VT.".
    pub recipients: Vec<String>,
}

/// A person who may sign copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CopySignerView {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// First title ("CHỦ TỊCH").
    pub title: String,
}

/// A part a trích sao may keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartChoice {
    /// The model's path ("body.sections[1]").
    pub path: String,
    /// As printed ("II. NỘI DUNG THỰC HIỆN").
    pub label: String,
    /// 1 for the top level and appendices, 2 below.
    pub depth: u32,
}

impl From<&Extractable> for PartChoice {
    fn from(p: &Extractable) -> Self {
        PartChoice {
            path: p.path.clone(),
            label: p.label.clone(),
            depth: u32::try_from(p.depth).unwrap_or(u32::MAX),
        }
    }
}

/// What the copy form offers for a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CopyChoicesView {
    /// Who may sign its copies today, the head first.
    pub signers: Vec<CopySignerView>,
    /// The parts a trích sao may keep.
    pub parts: Vec<PartChoice>,
    /// The copies made of it, oldest first.
    pub copies: Vec<CopyEntryView>,
}

impl From<&CopyChoices> for CopyChoicesView {
    fn from(c: &CopyChoices) -> Self {
        CopyChoicesView {
            signers: (c.signers.iter())
                .map(|p| CopySignerView {
                    login: p.login.clone(),
                    name: p.name.clone(),
                    title: p.titles.first().cloned().unwrap_or_default(),
                })
                .collect(),
            parts: c.parts.iter().map(Into::into).collect(),
            copies: c.copies.iter().map(Into::into).collect(),
        }
    }
}

/// A copy just made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CertifiedView {
    /// "01/SY-UBND".
    pub number_symbol: String,
    /// YYYY-MM-DD.
    pub made_on: String,
    /// Where the file was written.
    pub path: String,
}

/// A line of the copy register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CopyEntryView {
    /// "01/SY-UBND".
    pub number_symbol: String,
    /// YYYY-MM-DD.
    pub made_on: String,
    /// "SAO Y", "SAO LỤC", "TRÍCH SAO".
    pub kind: String,
    /// An electronic copy (else on paper).
    pub electronic: bool,
    /// The copied document.
    pub document: i64,
    /// The original's number and symbol.
    pub original: String,
    /// Type and subject.
    pub type_and_subject: String,
    /// Who signed the copy (the name).
    pub signer: String,
    /// Nơi nhận, one line each.
    pub recipients: Vec<String>,
    /// The parts a trích sao keeps.
    pub parts: Vec<String>,
}

impl From<&CopyEntry> for CopyEntryView {
    fn from(e: &CopyEntry) -> Self {
        CopyEntryView {
            number_symbol: e.number_symbol.clone(),
            made_on: e.made_on.to_string(),
            kind: CopyKind::parse(&e.kind).map_or_else(|| e.kind.clone(), |k| k.label().to_owned()),
            electronic: e.form != "paper",
            document: e.document,
            original: e.original.clone(),
            type_and_subject: e.type_and_subject.clone(),
            signer: e.signer.lines().last().unwrap_or_default().to_owned(),
            recipients: e.recipients.lines().map(str::to_owned).collect(),
            parts: e.parts.clone(),
        }
    }
}

/// The printed forms of a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum PrintFormat {
    /// PDF.
    Pdf,
    /// Word.
    Docx,
}

impl PrintFormat {
    /// The export format.
    pub fn format(self) -> ExportFormat {
        match self {
            PrintFormat::Pdf => ExportFormat::Pdf(PdfKind::Standard),
            PrintFormat::Docx => ExportFormat::Docx,
        }
    }

    /// The file extension, and the dialog filter's label.
    pub fn extension(self) -> (&'static str, &'static str) {
        match self {
            PrintFormat::Pdf => ("pdf", "Tệp PDF"),
            PrintFormat::Docx => ("docx", "Tài liệu Word"),
        }
    }
}
