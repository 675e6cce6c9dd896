//! The shapes of the exchange package's screens: an agency of the exchange directory, a
//! package written, a message read. Each is made from a library type, so a change on either
//! side fails to compile rather than drifting.

use serde::Serialize;
use vanban_app::edxml::{Package, StatusCode, StatusMessage};
use vanban_app::workflow::store::{DistributionStatus, OrganSpec};

use crate::document::views::OpenDocument;

/// An agency a body sends packages to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganView {
    /// Its organ id ("000.00.21.H40").
    pub organ_id: String,
    /// Its name.
    pub name: String,
    /// Its e-mail address, when known.
    pub email: Option<String>,
}

impl From<&OrganSpec> for OrganView {
    fn from(o: &OrganSpec) -> Self {
        OrganView {
            organ_id: o.organ_id.clone(),
            name: o.name.clone(),
            email: o.email.clone(),
        }
    }
}

/// A package written and recorded as sent.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackageSentView {
    /// The file.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u32,
    /// The names of the files it carries.
    pub attachments: Vec<String>,
    /// The document as it is now (its distributions).
    pub document: OpenDocument,
}

/// A file carried by a document package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackageFileView {
    /// Its name.
    pub name: String,
    /// Its size in bytes.
    pub bytes: u32,
}

/// A message read from a file: a document package (shown), or a status message (recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum EdxmlMessageView {
    /// A document sent to us.
    #[serde(rename_all = "camelCase")]
    Document {
        /// The sender: name (organ id).
        from: String,
        /// "12/KH-UBND".
        number_symbol: String,
        /// The day of issue as written.
        promulgation_date: String,
        /// Its subject.
        subject: String,
        /// Who signed it.
        signer: String,
        /// The files it carries.
        files: Vec<PackageFileView>,
    },
    /// A recipient's answer, recorded.
    #[serde(rename_all = "camelCase")]
    Status {
        /// The document it is about (our id).
        document: i64,
        /// The recipient: name (organ id).
        from: String,
        /// "03".
        code: String,
        /// Its meaning ("đã tiếp nhận").
        label: String,
        /// The reason of a refusal, or the description.
        description: Option<String>,
    },
}

impl EdxmlMessageView {
    /// A document package, shown.
    pub fn document(p: &Package) -> Self {
        let h = &p.header;
        EdxmlMessageView::Document {
            from: format!("{} ({})", h.from.organ_name, h.from.organ_id),
            number_symbol: format!("{}/{}", h.code.number, h.code.notation),
            promulgation_date: h.promulgation_date.clone(),
            subject: h.subject.clone(),
            signer: [
                h.signer.competence.as_str(),
                h.signer.position.as_str(),
                h.signer.full_name.as_str(),
            ]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
            files: (p.attachments.iter())
                .map(|a| PackageFileView {
                    name: a.name.clone(),
                    bytes: u32::try_from(a.bytes.len()).unwrap_or(u32::MAX),
                })
                .collect(),
        }
    }

    /// A status message, as recorded.
    pub fn status(m: &StatusMessage, recorded: &DistributionStatus) -> Self {
        EdxmlMessageView::Status {
            document: recorded.document,
            from: format!("{} ({})", m.from.organ_name, m.from.organ_id),
            code: recorded.code.clone(),
            label: StatusCode::from_code(&recorded.code)
                .map_or_else(String::new, |c| c.label().to_owned()),
            description: recorded.description.clone(),
        }
    }
}

/// A status message recorded for a recipient of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DistributionStatusView {
    /// The recipient's organ id.
    pub organ_id: String,
    /// "03".
    pub code: String,
    /// Its meaning ("đã tiếp nhận").
    pub label: String,
    /// The reason of a refusal, or the description.
    pub description: Option<String>,
    /// The message's time as written ("2025/03/07 08:30:00").
    pub reported_at: String,
    /// Who handled it there.
    pub staff: Option<String>,
}

impl From<&DistributionStatus> for DistributionStatusView {
    fn from(s: &DistributionStatus) -> Self {
        DistributionStatusView {
            organ_id: s.organ_id.clone(),
            code: s.code.clone(),
            label: StatusCode::from_code(&s.code)
                .map_or_else(String::new, |c| c.label().to_owned()),
            description: s.description.clone(),
            reported_at: s.reported_at.clone(),
            staff: s.staff.clone(),
        }
    }
}
