//! The shapes of an open document, the list, the checks, the preview, comments and reviews. Each is
//! made from a library type by a `From`, so a change on either side fails to compile rather than
//! drifting.

use serde::{Deserialize, Serialize};
use vanban_app::workflow::OpenedDocument;
use vanban_app::workflow::store::{DocumentSummary, RevisionInfo, State};
use vanban_core::Document;

use crate::signing::views::SigningView;

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
    /// Hủy dự thảo.
    Discard,
}

impl DocumentAction {
    /// The action a use case names, when it is one of the buttons.
    pub fn from_workflow(a: vanban_app::workflow::Action) -> Option<DocumentAction> {
        DocumentAction::ALL.into_iter().find(|d| d.workflow() == a)
    }

    /// Every action, in the order of the buttons.
    pub const ALL: [DocumentAction; 7] = [
        DocumentAction::Save,
        DocumentAction::Submit,
        DocumentAction::Return,
        DocumentAction::Approve,
        DocumentAction::Sign,
        DocumentAction::Issue,
        DocumentAction::Discard,
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
            DocumentAction::Discard => Action::Discard,
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
    /// When the document was created, RFC 3339: with the id, it tells this document from one
    /// of the same id in another database (the editor's local copy of unsaved text is kept
    /// under both).
    pub created_at: String,
    /// The content.
    pub document: DocumentJson,
    /// What the current person may do with it now.
    pub allowed: Vec<DocumentAction>,
    /// The last move of the document, when it came with a note (the reason of a return).
    pub note: Option<StateNote>,
    /// The comments of the reviewers, oldest first.
    pub comments: Vec<CommentView>,
    /// Where the issued document was sent.
    pub distributions: Vec<DistributionView>,
    /// What the recipients of its edXML packages answered, oldest first.
    pub statuses: Vec<crate::exchange::views::DistributionStatusView>,
    /// The parts its type has, so the form shows only those.
    pub parts: DocumentParts,
    /// What digital signing needs and has: whether to ask for a certificate's password.
    pub signing: SigningView,
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

impl From<OpenedDocument> for OpenDocument {
    fn from(o: OpenedDocument) -> Self {
        let note = o.history.states.last().and_then(|c| {
            c.note.as_ref().map(|text| StateNote {
                person: c.person.clone(),
                at: c.at.to_rfc3339(),
                from: c.from.map(Into::into),
                text: text.clone(),
            })
        });
        let record = &o.record;
        OpenDocument {
            parts: o.document.doc_type.into(),
            id: record.id,
            state: record.state.into(),
            owner: record.owner_login.clone(),
            revision: record.current_revision,
            created_at: record.created_at.to_rfc3339(),
            allowed: o
                .allowed
                .iter()
                .copied()
                .filter_map(DocumentAction::from_workflow)
                .collect(),
            note,
            comments: o.history.comments.iter().map(CommentView::from).collect(),
            distributions: o
                .history
                .distributions
                .iter()
                .map(DistributionView::from)
                .collect(),
            statuses: (o.history.statuses.iter())
                .map(crate::exchange::views::DistributionStatusView::from)
                .collect(),
            signing: SigningView {
                signed_digitally: o.signed_digitally,
                my_key: o.my_key.map(Into::into).unwrap_or_default(),
                body_key: o.body_key.map(Into::into).unwrap_or_default(),
            },
            document: DocumentJson(o.document),
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

/// One page of the live preview: its picture is served by key at `vanban-page://localhost/KEY`
/// (see `crate::pages`), so that only keys cross the IPC.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewPage {
    /// What the page looks like: the same key means the same picture.
    pub key: String,
    /// Width in points.
    pub width_pt: f64,
    /// Height in points.
    pub height_pt: f64,
    /// The page holds a paragraph marked for the reviewer.
    pub marked: bool,
}

impl From<&vanban_render::pdf::PageInfo> for PreviewPage {
    fn from(p: &vanban_render::pdf::PageInfo) -> Self {
        PreviewPage {
            key: p.key.to_string(),
            width_pt: p.width_pt,
            height_pt: p.height_pt,
            marked: p.marked,
        }
    }
}

/// The pages of the live preview.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewView {
    /// The pages in order; after an edit usually only one or two have a new key.
    pub pages: Vec<PreviewPage>,
    /// The pages' text in reading order, for screen readers.
    pub text: String,
    /// Time spent laying out and drawing, in milliseconds.
    pub millis: u32,
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

/// A comment on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CommentView {
    /// Id.
    pub id: i64,
    /// The revision commented on.
    pub revision: u32,
    /// The part it is about (`body.sections[1]`), "" for the whole document.
    pub anchor: String,
    /// The text.
    pub text: String,
    /// Who (login).
    pub person: String,
    /// When, RFC 3339.
    pub at: String,
}

impl From<&vanban_app::workflow::store::Comment> for CommentView {
    fn from(c: &vanban_app::workflow::store::Comment) -> Self {
        CommentView {
            id: c.id,
            revision: c.revision,
            anchor: c.anchor.clone(),
            text: c.text.clone(),
            person: c.person.clone(),
            at: c.at.to_rfc3339(),
        }
    }
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", content = "text", rename_all = "kebab-case")]
pub enum DiffLineView {
    /// In both.
    Same(String),
    /// Only in the older revision.
    Removed(String),
    /// Only in the newer one.
    Added(String),
}

/// What changed since the reviewer last approved or returned the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ReviewChangesView {
    /// The revision they decided on.
    pub since: u32,
    /// The revision shown now.
    pub current: u32,
    /// The lines.
    pub lines: Vec<DiffLineView>,
}

impl From<&vanban_app::workflow::ReviewChanges> for ReviewChangesView {
    fn from(r: &vanban_app::workflow::ReviewChanges) -> Self {
        use vanban_app::workflow::DiffLine;
        ReviewChangesView {
            since: r.since,
            current: r.current,
            lines: r
                .lines
                .iter()
                .map(|l| match l {
                    DiffLine::Same(t) => DiffLineView::Same(t.clone()),
                    DiffLine::Removed(t) => DiffLineView::Removed(t.clone()),
                    DiffLine::Added(t) => DiffLineView::Added(t.clone()),
                })
                .collect(),
        }
    }
}

/// A record that an issued document was sent to a recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DistributionView {
    /// To whom.
    pub recipient: String,
    /// How ("Trục liên thông", "Bưu điện"…).
    pub channel: String,
    /// When, YYYY-MM-DD.
    pub sent_on: String,
    /// Note.
    pub note: Option<String>,
    /// Who recorded it (login).
    pub person: String,
    /// The recipient's organ id, when it was sent as an edXML package.
    pub organ_id: Option<String>,
}

impl From<&vanban_app::workflow::store::Distribution> for DistributionView {
    fn from(d: &vanban_app::workflow::store::Distribution) -> Self {
        DistributionView {
            recipient: d.recipient.clone(),
            channel: d.channel.clone(),
            sent_on: d.sent_on.to_string(),
            note: d.note.clone(),
            person: d.person.clone(),
            organ_id: d.organ_id.clone(),
        }
    }
}

/// The parts a type of document has (asked of `DocumentType`), so the form shows only those.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentParts {
    /// The title line ("QUYẾT ĐỊNH"); none for a công văn.
    pub title_line: Option<String>,
    /// The subject is printed "V/v …" under the number (công văn).
    pub subject_is_vv: bool,
    /// It may carry "Kính gửi" (công văn; tờ trình, báo cáo sent upwards).
    pub may_have_addressees: bool,
    /// The line that opens its articles ("QUYẾT ĐỊNH:"), for a decision; then it has an
    /// issuing authority line, "Theo đề nghị của …" and articles.
    pub enacting_line: Option<String>,
    /// Its ký hiệu has a type abbreviation ("KH"); without one (công văn) the drafting unit's
    /// abbreviation follows the body's.
    pub type_abbreviation: Option<String>,
}

impl From<vanban_core::DocumentType> for DocumentParts {
    fn from(t: vanban_core::DocumentType) -> Self {
        DocumentParts {
            title_line: t.title_line(),
            subject_is_vv: t.subject_is_vv(),
            may_have_addressees: t.may_have_addressees(),
            enacting_line: t.enacting_line().map(str::to_owned),
            type_abbreviation: t.info().abbreviation.map(str::to_owned),
        }
    }
}
