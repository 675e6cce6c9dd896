//! The shapes of starting and drafting a document: types, templates, files read, citations, pasted
//! references, drafted duties, recipient groups. Each is made from a library type by a `From`, so a
//! change on either side fails to compile rather than drifting.

use serde::{Deserialize, Serialize};

use crate::document::views::{DocumentJson, DocumentParts};

/// A draft read from an existing file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReadDocumentView {
    /// The new draft's id.
    pub id: i64,
    /// What the reader could not place or had to guess, each with where it stood in the file
    /// ("trang 2, dòng 40: …").
    pub notes: Vec<String>,
}

/// A part of the model crossing as its JSON (a legal reference, an authority line, a drafted
/// document); the UI types it with `ui/src/lib/document.ts`.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(transparent)]
pub struct ModelJson(#[specta(type = serde_json::Value)] pub serde_json::Value);

impl ModelJson {
    pub(crate) fn of(value: &impl Serialize) -> ModelJson {
        ModelJson(serde_json::to_value(value).unwrap_or(serde_json::Value::Null))
    }
}

/// One pasted legal reference, read or not.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PastedReferenceView {
    /// Read: a `LegalReference` of the model.
    Parsed {
        /// The reference.
        reference: ModelJson,
    },
    /// Not readable.
    Failed {
        /// The text as pasted.
        text: String,
        /// Why, in Vietnamese.
        message: String,
    },
}

impl From<&vanban_app::drafting::PastedReference> for PastedReferenceView {
    fn from(p: &vanban_app::drafting::PastedReference) -> Self {
        use vanban_app::drafting::PastedReference;
        match p {
            PastedReference::Parsed { reference } => PastedReferenceView::Parsed {
                reference: ModelJson::of(reference),
            },
            PastedReference::Failed { text, message } => PastedReferenceView::Failed {
                text: text.clone(),
                message: message.clone(),
            },
        }
    }
}

/// The duties drafted from the task table.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftedDutiesView {
    /// The document with the duties added.
    pub document: DocumentJson,
    /// Units that gained a section.
    pub added: Vec<String>,
    /// Units that already had one (left as they were).
    pub kept: Vec<String>,
}

impl From<vanban_app::drafting::DraftedDuties> for DraftedDutiesView {
    fn from(d: vanban_app::drafting::DraftedDuties) -> Self {
        DraftedDutiesView {
            document: DocumentJson(d.document),
            added: d.added,
            kept: d.kept,
        }
    }
}

/// Where a template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateOriginView {
    /// Shipped with VănBản.
    Shipped,
    /// The organisation's own, in the database.
    Organisation,
}

/// A template to start a document from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    /// Its name (what starts a document from it).
    pub name: String,
    /// What it is for.
    pub title: String,
    /// The type slug of the document it starts ("cong-van").
    pub doc_type: String,
    /// The type's name ("Công văn").
    pub type_name: String,
    /// Shipped or the organisation's own.
    pub origin: TemplateOriginView,
    /// Who saved it (the organisation's).
    pub saved_by: Option<String>,
    /// When, RFC 3339 (the organisation's).
    pub saved_at: Option<String>,
}

impl From<&vanban_app::workflow::TemplateEntry> for TemplateView {
    fn from(t: &vanban_app::workflow::TemplateEntry) -> Self {
        use vanban_app::workflow::TemplateOrigin;
        TemplateView {
            name: t.name.clone(),
            title: t.title.clone(),
            doc_type: t.doc_type.slug().to_owned(),
            type_name: t.doc_type.info().name.to_owned(),
            origin: match t.origin {
                TemplateOrigin::Shipped => TemplateOriginView::Shipped,
                TemplateOrigin::Organisation => TemplateOriginView::Organisation,
            },
            saved_by: t.saved_by.clone(),
            saved_at: t.saved_at.map(|at| at.to_rfc3339()),
        }
    }
}

impl From<&vanban_app::workflow::store::TemplateInfo> for TemplateView {
    fn from(t: &vanban_app::workflow::store::TemplateInfo) -> Self {
        let doc_type = vanban_core::DocumentType::from_slug(&t.doc_type);
        TemplateView {
            name: t.name.clone(),
            title: t.title.clone(),
            doc_type: t.doc_type.clone(),
            type_name: doc_type
                .map(|d| d.info().name.to_owned())
                .unwrap_or_else(|| t.doc_type.clone()),
            origin: TemplateOriginView::Organisation,
            saved_by: Some(t.person.clone()),
            saved_at: Some(t.at.to_rfc3339()),
        }
    }
}

/// A document type a new blank document may have, with what its form shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentTypeView {
    /// Slug ("cong-van").
    pub slug: String,
    /// Name ("Công văn").
    pub name: String,
    /// The parts this type has.
    pub parts: DocumentParts,
}

impl From<vanban_core::DocumentType> for DocumentTypeView {
    fn from(t: vanban_core::DocumentType) -> Self {
        DocumentTypeView {
            slug: t.slug().to_owned(),
            name: t.info().name.to_owned(),
            parts: t.into(),
        }
    }
}

/// A document of the library of cited documents.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CitationView {
    /// Its number and symbol ("505/QĐ-TTg"), which picks it.
    pub number: String,
    /// The citation in full, as a first citation writes it.
    pub text: String,
}

/// A document changed by the shell (a citation or a recipient group added), and how many
/// lines were added.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChangedDocumentView {
    /// The document with the change.
    pub document: DocumentJson,
    /// Lines added (0: everything was already there).
    pub added: u32,
}

/// Where a recipient group goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum GroupPlaceView {
    /// "Kính gửi".
    Addressees,
    /// Nơi nhận.
    Recipients,
}
