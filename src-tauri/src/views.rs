//! The shapes that cross to the UI, with their TypeScript types generated from here (the
//! library's own types carry no `specta::Type`). Each is made from a library type by a `From`,
//! so a change on either side fails to compile rather than drifting.

use serde::{Deserialize, Serialize};
use vanban_app::workflow::store::{
    DocumentRecord, DocumentSummary, Person, RegisterEntry, RevisionInfo, State, StateChangeRecord,
};
use vanban_core::Document;

/// A document of the `vanban/1` model, as its JSON (the `document` of the exchange format).
/// The UI types it with `ui/src/lib/document.ts`, generated from `docs/vanban-1.schema.json`.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct DocumentJson(#[specta(type = serde_json::Value)] pub Document);

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentState {
    /// Dự thảo.
    Draft,
    /// Chờ duyệt.
    InReview,
    /// Đã duyệt.
    Approved,
    /// Đã ký.
    Signed,
    /// Đã ban hành.
    Issued,
    /// Đã hủy.
    Discarded,
}

impl From<State> for DocumentState {
    fn from(s: State) -> Self {
        match s {
            State::Draft => DocumentState::Draft,
            State::InReview => DocumentState::InReview,
            State::Approved => DocumentState::Approved,
            State::Signed => DocumentState::Signed,
            State::Issued => DocumentState::Issued,
            State::Discarded => DocumentState::Discarded,
        }
    }
}

impl From<DocumentState> for State {
    fn from(s: DocumentState) -> Self {
        match s {
            DocumentState::Draft => State::Draft,
            DocumentState::InReview => State::InReview,
            DocumentState::Approved => State::Approved,
            DocumentState::Signed => State::Signed,
            DocumentState::Issued => State::Issued,
            DocumentState::Discarded => State::Discarded,
        }
    }
}

/// What the current person may do with a document now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentAction {
    /// Edit and save revisions.
    Save,
    /// Trình duyệt.
    Submit,
    /// Trả lại.
    Return,
    /// Duyệt.
    Approve,
    /// Ký.
    Sign,
    /// Ban hành.
    Issue,
}

impl DocumentAction {
    /// Every action, in the order of the buttons.
    pub const ALL: [DocumentAction; 6] = [
        DocumentAction::Save,
        DocumentAction::Submit,
        DocumentAction::Return,
        DocumentAction::Approve,
        DocumentAction::Sign,
        DocumentAction::Issue,
    ];

    /// The use case it names.
    pub fn workflow(self) -> vanban_app::workflow::Action {
        use vanban_app::workflow::Action;
        match self {
            DocumentAction::Save => Action::Save,
            DocumentAction::Submit => Action::Submit,
            DocumentAction::Return => Action::Return,
            DocumentAction::Approve => Action::Approve,
            DocumentAction::Sign => Action::Sign,
            DocumentAction::Issue => Action::Issue,
        }
    }
}

/// A person who may use the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Titles ("GIÁM ĐỐC").
    pub titles: Vec<String>,
    /// Roles, in Vietnamese ("người duyệt").
    pub roles: Vec<String>,
}

impl From<&Person> for PersonView {
    fn from(p: &Person) -> Self {
        PersonView {
            login: p.login.clone(),
            name: p.name.clone(),
            titles: p.titles.clone(),
            roles: p.roles.iter().map(|r| r.label().to_owned()).collect(),
        }
    }
}

/// A line of the document list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentRow {
    /// Id.
    pub id: i64,
    /// Type slug ("ke-hoach").
    pub doc_type: String,
    /// Trích yếu.
    pub subject: String,
    /// State.
    pub state: DocumentState,
    /// Who drafts it (login).
    pub owner: String,
    /// Last change, RFC 3339.
    pub updated_at: String,
    /// Number and symbol once issued ("01/KH-STTTT").
    pub number_symbol: Option<String>,
}

impl From<&DocumentSummary> for DocumentRow {
    fn from(d: &DocumentSummary) -> Self {
        DocumentRow {
            id: d.id,
            doc_type: d.doc_type.clone(),
            subject: d.subject.clone(),
            state: d.state.into(),
            owner: d.owner.clone(),
            updated_at: d.updated_at.to_rfc3339(),
            number_symbol: d.number_symbol.clone(),
        }
    }
}

/// A document opened in the editor.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OpenDocument {
    /// Id.
    pub id: i64,
    /// State.
    pub state: DocumentState,
    /// Who drafts it (login).
    pub owner: String,
    /// The revision shown.
    pub revision: u32,
    /// The content.
    pub document: DocumentJson,
    /// What the current person may do with it now.
    pub allowed: Vec<DocumentAction>,
    /// The last move of the document, when it came with a note (the reason of a return).
    pub note: Option<StateNote>,
}

/// A note left with a change of state: why a document was returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StateNote {
    /// Who (login).
    pub person: String,
    /// When, RFC 3339.
    pub at: String,
    /// The state it moved from.
    pub from: Option<DocumentState>,
    /// The text.
    pub text: String,
}

impl OpenDocument {
    /// The view of a loaded document; `last` is its latest change of state.
    pub fn new(
        record: &DocumentRecord,
        doc: Document,
        allowed: Vec<DocumentAction>,
        last: Option<&StateChangeRecord>,
    ) -> Self {
        let note = last.and_then(|c| {
            c.note.as_ref().map(|text| StateNote {
                person: c.person.clone(),
                at: c.at.to_rfc3339(),
                from: c.from.map(Into::into),
                text: text.clone(),
            })
        });
        OpenDocument {
            id: record.id,
            state: record.state.into(),
            owner: record.owner_login.clone(),
            revision: record.current_revision,
            document: DocumentJson(doc),
            allowed,
            note,
        }
    }
}

/// A saved revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RevisionView {
    /// 1, 2, …
    pub no: u32,
    /// When, RFC 3339.
    pub at: String,
}

impl From<&RevisionInfo> for RevisionView {
    fn from(r: &RevisionInfo) -> Self {
        RevisionView {
            no: r.no,
            at: r.at.to_rfc3339(),
        }
    }
}

/// A problem found by the checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DiagnosticView {
    /// "error" or "warning".
    pub severity: Severity,
    /// Stable code ("missing-part").
    pub code: String,
    /// The field, as a path into the document (`body.sections[1].title`).
    pub path: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What to do, in Vietnamese.
    #[serde(default)]
    pub hint: Option<String>,
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed before issuing.
    Error,
    /// Worth a look.
    Warning,
}

impl From<&vanban_core::validate::Diagnostic> for DiagnosticView {
    fn from(d: &vanban_core::validate::Diagnostic) -> Self {
        DiagnosticView {
            severity: match d.severity {
                vanban_core::validate::Severity::Error => Severity::Error,
                vanban_core::validate::Severity::Warning => Severity::Warning,
            },
            // The code's stable name is its serde form ("missing-part").
            code: serde_json::to_value(d.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            path: d.path.clone(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// One page of the live preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewPage {
    /// A hash of the page's SVG: the same key means the same picture.
    pub key: String,
    /// The SVG, left out when the UI said it already has this key.
    pub svg: Option<String>,
}

/// The pages of the live preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewView {
    /// The pages in order; after an edit usually only one or two carry their SVG.
    pub pages: Vec<PreviewPage>,
    /// The pages' text in reading order, for screen readers.
    pub text: String,
    /// What the checks found.
    pub diagnostics: Vec<DiagnosticView>,
    /// Time spent laying out and drawing, in milliseconds.
    pub millis: u32,
}

/// A document just issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IssuedView {
    /// "01/KH-STTTT".
    pub number_symbol: String,
    /// The issue date, YYYY-MM-DD.
    pub issued_on: String,
}

impl From<&RegisterEntry> for IssuedView {
    fn from(e: &RegisterEntry) -> Self {
        IssuedView {
            number_symbol: e.number_symbol.clone(),
            issued_on: e.issued_on.to_string(),
        }
    }
}

/// Export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// PDF.
    Pdf,
    /// Word.
    Docx,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Docx => "docx",
        }
    }
}
