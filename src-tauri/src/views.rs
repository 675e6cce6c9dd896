//! The shapes that cross to the UI, with their TypeScript types generated from here (the
//! library's own types carry no `specta::Type`). Each is made from a library type by a `From`,
//! so a change on either side fails to compile rather than drifting.

use serde::{Deserialize, Serialize};
use vanban_app::Error;
use vanban_app::workflow::EntryProblem;
use vanban_app::workflow::chrono::NaiveDate;
use vanban_app::workflow::store::{
    DelegationSpec, Directory, DirectoryEdit, DocumentRecord, DocumentSummary, Person, PersonSpec,
    RecipientGroupSpec, RegisterEntry, RegisterSpec, RevisionInfo, Role, State, StateChangeRecord,
    UnitSpec,
};
use vanban_core::Document;
use vanban_core::model::AuthorityKind;

use crate::error::CommandError;

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
    /// Role codes: drafter, reviewer, signer, registry-clerk, admin (the UI names them, and
    /// decides what to offer by them, never by a label).
    pub roles: Vec<String>,
    /// Their unit's name ("Phòng Chuyển đổi số"), when recorded.
    pub unit: Option<String>,
    /// Whether picking them asks for their PIN.
    pub has_pin: bool,
}

impl From<&Person> for PersonView {
    fn from(p: &Person) -> Self {
        PersonView {
            login: p.login.clone(),
            name: p.name.clone(),
            titles: p.titles.clone(),
            roles: p.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            unit: p.unit.clone(),
            has_pin: p.has_pin,
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
    /// The parts its type has, so the form shows only those.
    pub parts: DocumentParts,
    /// What digital signing needs and has: whether to ask for a certificate's password.
    pub signing: SigningView,
}

/// Digital signatures of an open document, as the buttons need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SigningView {
    /// The signer signed it digitally (a signed PDF is kept): issuing it needs the body's key.
    pub signed_digitally: bool,
    /// How the current person's key is opened to sign it, when they may sign it now (both
    /// false: Ký records a signature on paper).
    pub my_key: KeySourcesView,
    /// How the body's key is opened to issue it, when the current person may issue it now
    /// and it was signed digitally.
    pub body_key: KeySourcesView,
}

/// The ways a key can be opened: the directory's PKCS#12 file with its password, or a USB
/// token with its PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeySourcesView {
    /// The directory sets a .p12 file.
    pub file: bool,
    /// A USB token may be used (the directory sets its certificate file, or none).
    pub token: bool,
}

impl From<vanban_app::workflow::KeySources> for KeySourcesView {
    fn from(k: vanban_app::workflow::KeySources) -> Self {
        KeySourcesView {
            file: k.file,
            token: k.token,
        }
    }
}

/// The key a digital signature is made with, as the signing prompt collected it. The secret
/// crosses once and is wiped after use (`flows::KeySecret`); `Debug` never shows it.
#[derive(Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeyInput {
    /// The directory's PKCS#12 file, with its password.
    File {
        /// The file's password.
        password: String,
    },
    /// A USB token, through the PKCS#11 module chosen in the settings.
    #[serde(rename_all = "camelCase")]
    Token {
        /// The token's label; none: the only one inserted.
        token: Option<String>,
        /// Its user PIN.
        pin: String,
        /// The key's id (`CKA_ID`, hex) when the token holds several.
        key_id: Option<String>,
    },
}

impl std::fmt::Debug for KeyInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyInput::File { .. } => f.write_str("KeyInput::File { password: <hidden> }"),
            KeyInput::Token { token, key_id, .. } => f
                .debug_struct("KeyInput::Token")
                .field("token", token)
                .field("key_id", key_id)
                .finish_non_exhaustive(),
        }
    }
}

/// The USB tokens the chosen PKCS#11 module sees, for the signing prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TokensView {
    /// The module, once chosen.
    pub module: Option<String>,
    /// Its slots, in its order (none while no module is chosen or when it cannot be loaded).
    pub slots: Vec<SlotView>,
    /// Why the module cannot be used, when it cannot (moved, uninstalled, not PKCS#11).
    pub error: Option<CommandError>,
}

/// A slot of the module and the token in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotView {
    /// The slot's description (for a smart card, its reader).
    pub description: String,
    /// The token inserted; none: the slot is empty.
    pub token: Option<TokenView>,
}

/// A token as it describes itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TokenView {
    /// Its label (what a signature names it by).
    pub label: String,
    /// Who made it.
    pub manufacturer: String,
    /// Its model.
    pub model: String,
    /// Its serial number.
    pub serial: String,
    /// It was initialised; a blank token cannot sign.
    pub initialized: bool,
    /// Its PIN is locked.
    pub pin_locked: bool,
    /// One more wrong PIN locks it.
    pub pin_final_try: bool,
}

impl From<&vanban_app::sign::TokenSlot> for SlotView {
    fn from(s: &vanban_app::sign::TokenSlot) -> Self {
        SlotView {
            description: s.description.clone(),
            token: s.token.as_ref().map(|t| TokenView {
                label: t.label.clone(),
                manufacturer: t.manufacturer.clone(),
                model: t.model.clone(),
                serial: t.serial.clone(),
                initialized: t.initialized,
                pin_locked: t.pin_locked,
                pin_final_try: t.pin_final_try,
            }),
        }
    }
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
        comments: &[vanban_app::workflow::store::Comment],
        distributions: &[vanban_app::workflow::store::Distribution],
        signing: SigningView,
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
            parts: doc.doc_type.into(),
            id: record.id,
            state: record.state.into(),
            owner: record.owner_login.clone(),
            revision: record.current_revision,
            created_at: record.created_at.to_rfc3339(),
            document: DocumentJson(doc),
            allowed,
            note,
            comments: comments.iter().map(CommentView::from).collect(),
            distributions: distributions.iter().map(DistributionView::from).collect(),
            signing,
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

/// A draft read from an existing file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReadDocumentView {
    /// The new draft's id.
    pub id: i64,
    /// What the reader could not place or had to guess, each with where it stood in the file
    /// ("trang 2, dòng 40: …").
    pub notes: Vec<String>,
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

/// The pages of the live preview.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreviewView {
    /// The pages in order; after an edit usually only one or two have a new key.
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

/// A part of the model crossing as its JSON (a legal reference, an authority line, a drafted
/// document); the UI types it with `ui/src/lib/document.ts`.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(transparent)]
pub struct ModelJson(#[specta(type = serde_json::Value)] pub serde_json::Value);

impl ModelJson {
    fn of(value: &impl Serialize) -> ModelJson {
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

/// A unit of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UnitView {
    /// "VP".
    pub abbreviation: String,
    /// "Văn phòng Sở".
    pub name: String,
    /// Still offered in the pickers.
    pub active: bool,
}

/// A recipient group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RecipientGroupView {
    /// Its name.
    pub name: String,
    /// Its recipients, as printed.
    pub members: Vec<String>,
}

/// A way to sign: who, under which title and authority lines.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SignerView {
    /// Login.
    pub login: String,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Authority lines (`Authority[]` of the model).
    pub authority: ModelJson,
}

/// An outgoing register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RegisterView {
    /// Name.
    pub name: String,
    /// Type slugs; empty for all.
    pub types: Vec<String>,
    /// For secret documents.
    pub secret: bool,
}

/// A delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DelegationView {
    /// Who signs (login).
    pub to: String,
    /// "KT.", "TL.", …
    pub prefix: String,
    /// For which head.
    pub of: String,
    /// First day, YYYY-MM-DD.
    pub valid_from: String,
    /// Last day.
    pub valid_to: Option<String>,
}

/// The body as the directory records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BodyView {
    /// "STTTT".
    pub abbreviation: String,
    /// Name.
    pub name: String,
    /// The body above it.
    pub parent_name: Option<String>,
    /// Place name.
    pub place: String,
}

/// The directory of the current person's body.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryView {
    /// The body.
    pub body: Option<BodyView>,
    /// Units.
    pub units: Vec<UnitView>,
    /// People.
    pub people: Vec<PersonView>,
    /// Recipient groups.
    pub recipient_groups: Vec<RecipientGroupView>,
    /// Registers.
    pub registers: Vec<RegisterView>,
    /// Delegations.
    pub delegations: Vec<DelegationView>,
    /// Ways to sign.
    pub signers: Vec<SignerView>,
    /// The body's entries as the administrator edits them; none for everybody else.
    pub entries: Option<DirectoryEntriesView>,
}

impl From<&vanban_app::workflow::BodyDirectory> for DirectoryView {
    fn from(d: &vanban_app::workflow::BodyDirectory) -> Self {
        DirectoryView {
            body: d.body.as_ref().map(|b| BodyView {
                abbreviation: b.abbreviation.clone(),
                name: b.name.clone(),
                parent_name: b.parent_name.clone(),
                place: b.place.clone(),
            }),
            units: d
                .units
                .iter()
                .map(|u| UnitView {
                    abbreviation: u.abbreviation.clone(),
                    name: u.name.clone(),
                    active: u.active,
                })
                .collect(),
            people: d.people.iter().map(PersonView::from).collect(),
            recipient_groups: d
                .recipient_groups
                .iter()
                .map(|g| RecipientGroupView {
                    name: g.name.clone(),
                    members: g.members.clone(),
                })
                .collect(),
            registers: d
                .registers
                .iter()
                .map(|r| RegisterView {
                    name: r.name.clone(),
                    types: r.types.clone(),
                    secret: r.secret,
                })
                .collect(),
            delegations: d
                .delegations
                .iter()
                .map(|x| DelegationView {
                    to: x.to.clone(),
                    prefix: x.kind.prefix().to_owned(),
                    of: x.of.clone(),
                    valid_from: x.valid_from.to_string(),
                    valid_to: x.valid_to.map(|d| d.to_string()),
                })
                .collect(),
            signers: d
                .signers
                .iter()
                .map(|s| SignerView {
                    login: s.login.clone(),
                    name: s.name.clone(),
                    title: s.title.clone(),
                    authority: ModelJson::of(&s.authority),
                })
                .collect(),
            entries: None,
        }
    }
}

/// A person as the administrator edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonEntry {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Titles ("GIÁM ĐỐC").
    pub titles: Vec<String>,
    /// Their unit's abbreviation.
    pub unit: Option<String>,
    /// Role names: drafter, reviewer, signer, registry-clerk, admin.
    pub roles: Vec<String>,
}

/// A delegation as the administrator edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DelegationInput {
    /// Who delegates (login), when recorded.
    pub from: Option<String>,
    /// Who signs (login).
    pub to: String,
    /// KT, TL, TUQ, Q or TM.
    pub kind: String,
    /// For which head ("GIÁM ĐỐC").
    pub of: String,
    /// First day, YYYY-MM-DD.
    pub valid_from: String,
    /// Last day, YYYY-MM-DD; none for open-ended.
    pub valid_to: Option<String>,
}

/// The roles a person may have, with their Vietnamese names, in the order of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RoleChoice {
    /// "drafter".
    pub code: String,
    /// "chuyên viên soạn thảo".
    pub label: String,
}

/// The body's entries, as the directory screen edits them (administrators only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryEntriesView {
    /// The body's abbreviation, which every edit names.
    pub body: String,
    /// Units, with those no longer offered.
    pub units: Vec<UnitView>,
    /// People.
    pub people: Vec<PersonEntry>,
    /// Delegations.
    pub delegations: Vec<DelegationInput>,
    /// Recipient groups, members in order.
    pub recipient_groups: Vec<RecipientGroupView>,
    /// Registers.
    pub registers: Vec<RegisterView>,
    /// The roles to choose from.
    pub roles: Vec<RoleChoice>,
    /// The document types a register may cover: slug and Vietnamese name.
    pub doc_types: Vec<RoleChoice>,
    /// What the body seals with and each person signs with, for those who have something set.
    pub signing: Vec<SigningMaterialView>,
}

/// A certificate file set for someone, as the directory screen shows it (read again from this
/// computer on each showing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CertificateFileView {
    /// The file's full path.
    pub path: String,
    /// Its name alone.
    pub file_name: String,
    /// A PKCS#12 file (certificate and key under a password): the password is asked at signing.
    pub pkcs12: bool,
    /// The holder, for a certificate file (the key on a token).
    pub holder: Option<String>,
    /// Last day of validity, dd/mm/yyyy, for a certificate file.
    pub valid_to: Option<String>,
    /// Why it cannot be used now, in Vietnamese.
    pub problem: Option<String>,
}

impl From<vanban_app::workflow::CertificateInfo> for CertificateFileView {
    fn from(c: vanban_app::workflow::CertificateInfo) -> Self {
        CertificateFileView {
            file_name: std::path::Path::new(&c.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| c.path.clone()),
            path: c.path,
            pkcs12: c.pkcs12,
            holder: c.holder,
            valid_to: c.valid_to,
            problem: c.problem,
        }
    }
}

/// What a person signs with (`login`), or the body seals with (no login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SigningMaterialView {
    /// The person's login; none for the body.
    pub login: Option<String>,
    /// The certificate file.
    pub certificate: Option<CertificateFileView>,
    /// The signature or seal image, as a `data:image/png;base64,` address.
    pub image: Option<String>,
    /// The seal's diameter in millimetres.
    pub seal_diameter_mm: Option<u16>,
}

/// A PNG as an address an `<img>` shows.
pub fn png_data_url(png: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// The PNG of an address made by [`png_data_url`] (or bare base64).
fn png_from_data_url(url: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let b64 = url.strip_prefix("data:image/png;base64,").unwrap_or(url);
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()
}

impl SigningMaterialView {
    /// The view of a stored entry; its certificate file read now.
    pub fn new(
        login: Option<String>,
        m: &vanban_app::workflow::store::SigningMaterial,
        now: vanban_app::workflow::chrono::DateTime<vanban_app::workflow::chrono::FixedOffset>,
    ) -> Self {
        SigningMaterialView {
            login,
            certificate: m
                .certificate
                .as_deref()
                .map(|p| vanban_app::workflow::certificate_info(p, now).into()),
            image: m.image_png.as_deref().map(png_data_url),
            seal_diameter_mm: m.seal_diameter_mm,
        }
    }
}

/// Which file the directory screen asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum SigningFileKind {
    /// A certificate: PKCS#12 (.p12, .pfx) or a certificate alone (.cer, .crt, .pem).
    Certificate,
    /// A person's signature image (PNG).
    Signature,
    /// The body's seal image (PNG).
    Seal,
}

/// A file chosen in the open dialog for the directory screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PickedFileView {
    /// The certificate chosen.
    pub certificate: Option<CertificateFileView>,
    /// The image chosen, as a `data:image/png;base64,` address.
    pub image: Option<String>,
}

impl DirectoryEntriesView {
    /// The entries of the administrator's body (`Workflow::own_directory`), with what its
    /// people and the body sign with.
    pub fn new(d: &Directory, signing: Vec<SigningMaterialView>) -> Self {
        DirectoryEntriesView {
            body: d
                .bodies
                .first()
                .map(|b| b.abbreviation.clone())
                .unwrap_or_default(),
            units: d
                .units
                .iter()
                .map(|u| UnitView {
                    abbreviation: u.abbreviation.clone(),
                    name: u.name.clone(),
                    active: u.active,
                })
                .collect(),
            people: d
                .people
                .iter()
                .map(|p| PersonEntry {
                    login: p.login.clone(),
                    name: p.name.clone(),
                    titles: p.titles.clone(),
                    unit: p.unit.clone(),
                    roles: p.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                })
                .collect(),
            delegations: d
                .delegations
                .iter()
                .map(|x| DelegationInput {
                    from: x.from.clone(),
                    to: x.to.clone(),
                    kind: x.kind.prefix().trim_end_matches('.').to_owned(),
                    of: x.of.clone(),
                    valid_from: x.valid_from.to_string(),
                    valid_to: x.valid_to.map(|d| d.to_string()),
                })
                .collect(),
            recipient_groups: d
                .recipient_groups
                .iter()
                .map(|g| RecipientGroupView {
                    name: g.name.clone(),
                    members: g.members.clone(),
                })
                .collect(),
            registers: d
                .registers
                .iter()
                .map(|r| RegisterView {
                    name: r.name.clone(),
                    types: r.types.clone(),
                    secret: r.secret,
                })
                .collect(),
            roles: Role::ALL
                .iter()
                .map(|r| RoleChoice {
                    code: r.as_str().to_owned(),
                    label: r.label().to_owned(),
                })
                .collect(),
            doc_types: vanban_core::DocumentType::ALL
                .iter()
                .map(|t| RoleChoice {
                    code: t.slug().to_owned(),
                    label: t.info().name.to_owned(),
                })
                .collect(),
            signing,
        }
    }
}

/// One change of the directory screen (administrators only), in the body `body` of the
/// command; `previous` names the entry changed, none adds one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(tag = "edit", rename_all = "kebab-case")]
pub enum DirectoryEditInput {
    /// The body's own details changed (its abbreviation stays).
    PutBody {
        /// Full name.
        name: String,
        /// The body above it (empty: none).
        parent_name: Option<String>,
        /// Place name of the date line.
        place: String,
    },
    /// A unit added or changed (renamed, no longer offered).
    PutUnit {
        /// Its abbreviation before.
        previous: Option<String>,
        /// As it is to be.
        unit: UnitView,
    },
    /// A person added or changed.
    PutPerson {
        /// Their login before.
        previous: Option<String>,
        /// As they are to be.
        person: PersonEntry,
    },
    /// A delegation added or changed.
    PutDelegation {
        /// As it was.
        previous: Option<DelegationInput>,
        /// As it is to be.
        delegation: DelegationInput,
    },
    /// A delegation removed.
    RemoveDelegation {
        /// The delegation.
        delegation: DelegationInput,
    },
    /// A recipient group added or changed.
    PutRecipientGroup {
        /// Its name before.
        previous: Option<String>,
        /// As it is to be.
        group: RecipientGroupView,
    },
    /// A recipient group removed.
    RemoveRecipientGroup {
        /// Its name.
        name: String,
    },
    /// A register added or changed.
    PutRegister {
        /// Its name before.
        previous: Option<String>,
        /// As it is to be.
        register: RegisterView,
    },
    /// What a person signs with, or the body seals with (no person), set as a whole.
    PutSigningMaterial {
        /// The person's login; none for the body.
        person: Option<String>,
        /// The certificate file's full path.
        certificate: Option<String>,
        /// The image, as a `data:image/png;base64,` address.
        image: Option<String>,
        /// The seal's diameter in millimetres (the body only).
        seal_diameter_mm: Option<u16>,
    },
}

fn entry_problem(field: &str, message: &str) -> Error {
    Error::DirectoryEntry(EntryProblem {
        field: field.to_owned(),
        message: message.to_owned(),
    })
}

impl DelegationInput {
    fn spec(self, body: &str) -> Result<DelegationSpec, Error> {
        let date = |s: &str, field: &str, what: &str| {
            if s.trim().is_empty() {
                return Err(entry_problem(
                    field,
                    &format!("{what} không được để trống."),
                ));
            }
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| entry_problem(field, &format!("{what} không phải ngày hợp lệ.")))
        };
        let kind: AuthorityKind = serde_json::from_value(serde_json::Value::String(
            self.kind.trim().trim_end_matches('.').to_owned(),
        ))
        .map_err(|_| entry_problem("kind", "Hãy chọn thẩm quyền ký (KT., TL., TUQ., Q.)."))?;
        Ok(DelegationSpec {
            body: body.to_owned(),
            from: self.from.filter(|f| !f.trim().is_empty()),
            to: self.to,
            kind,
            of: self.of,
            valid_from: date(&self.valid_from, "valid_from", "Ngày bắt đầu ủy quyền")?,
            valid_to: match self.valid_to.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(d) => Some(date(d, "valid_to", "Ngày kết thúc ủy quyền")?),
            },
        })
    }
}

impl DirectoryEditInput {
    /// The change in the body `body`, as the use case takes it; a date or a role that cannot
    /// be read is refused naming its field.
    pub fn into_edit(self, body: &str) -> Result<DirectoryEdit, Error> {
        let body = body.to_owned();
        Ok(match self {
            DirectoryEditInput::PutBody {
                name,
                parent_name,
                place,
            } => DirectoryEdit::PutBody {
                abbreviation: body,
                name,
                parent_name,
                place,
            },
            DirectoryEditInput::PutUnit { previous, unit } => DirectoryEdit::PutUnit {
                previous,
                unit: UnitSpec {
                    body,
                    abbreviation: unit.abbreviation,
                    name: unit.name,
                    active: unit.active,
                },
            },
            DirectoryEditInput::PutPerson { previous, person } => DirectoryEdit::PutPerson {
                previous,
                person: PersonSpec {
                    login: person.login,
                    name: person.name,
                    titles: person.titles,
                    roles: person
                        .roles
                        .iter()
                        .map(|code| {
                            Role::ALL
                                .into_iter()
                                .find(|r| r.as_str() == code)
                                .ok_or_else(|| entry_problem("roles", "Vai trò không hợp lệ."))
                        })
                        .collect::<Result<_, _>>()?,
                    body: Some(body),
                    unit: person.unit.filter(|u| !u.is_empty()),
                    ..PersonSpec::default()
                },
            },
            DirectoryEditInput::PutDelegation {
                previous,
                delegation,
            } => DirectoryEdit::PutDelegation {
                previous: previous.map(|p| p.spec(&body)).transpose()?,
                delegation: delegation.spec(&body)?,
            },
            DirectoryEditInput::RemoveDelegation { delegation } => {
                DirectoryEdit::RemoveDelegation {
                    delegation: delegation.spec(&body)?,
                }
            }
            DirectoryEditInput::PutRecipientGroup { previous, group } => {
                DirectoryEdit::PutRecipientGroup {
                    previous,
                    group: RecipientGroupSpec {
                        body,
                        name: group.name,
                        members: group.members,
                    },
                }
            }
            DirectoryEditInput::RemoveRecipientGroup { name } => {
                DirectoryEdit::RemoveRecipientGroup { body, name }
            }
            DirectoryEditInput::PutRegister { previous, register } => DirectoryEdit::PutRegister {
                previous,
                register: RegisterSpec {
                    body,
                    name: register.name,
                    types: register.types,
                    secret: register.secret,
                },
            },
            DirectoryEditInput::PutSigningMaterial {
                person,
                certificate,
                image,
                seal_diameter_mm,
            } => DirectoryEdit::PutSigningMaterial {
                body,
                person,
                material: vanban_app::workflow::store::SigningMaterial {
                    certificate,
                    image_png: image
                        .map(|i| {
                            png_from_data_url(&i)
                                .ok_or_else(|| entry_problem("image", "Ảnh không đọc được."))
                        })
                        .transpose()?,
                    seal_diameter_mm,
                },
            },
        })
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
}

impl From<&vanban_app::workflow::store::Distribution> for DistributionView {
    fn from(d: &vanban_app::workflow::store::Distribution) -> Self {
        DistributionView {
            recipient: d.recipient.clone(),
            channel: d.channel.clone(),
            sent_on: d.sent_on.to_string(),
            note: d.note.clone(),
            person: d.person.clone(),
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

/// Where the database is, as the start and settings screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    /// The file path or the server address (never with a password), as typed.
    pub database: String,
    /// It is a PostgreSQL server.
    pub server: bool,
    /// The root certificate trusted for the server, when one is set.
    pub root_certificate: Option<String>,
    /// `VANBAN_DB` chose it: it wins over the settings at every start.
    pub from_environment: bool,
    /// Why it is not open, when it is not (the code `db-password-needed` while a server's
    /// password has not been typed).
    pub error: Option<CommandError>,
}

impl From<(crate::state::Place, Option<CommandError>)> for ConnectionView {
    fn from((place, error): (crate::state::Place, Option<CommandError>)) -> Self {
        ConnectionView {
            server: place.connection.is_server(),
            database: place.connection.database,
            root_certificate: place
                .connection
                .root_certificate
                .map(|c| c.display().to_string()),
            from_environment: place.from_environment,
            error,
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

/// One value of the body's style profile, as the settings form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StyleEntryView {
    /// The key (`sizes.body`): what a refusal's `detail` names.
    pub key: String,
    /// The group of the form: Trang, Cỡ chữ, Đoạn văn, Phần đầu, Phần cuối.
    pub group: String,
    /// What it is, in Vietnamese.
    pub label: String,
    /// Its unit (mm, pt, cm, dòng, phần).
    pub unit: String,
    /// The value now.
    pub value: f32,
    /// The smallest allowed.
    pub min: f32,
    /// The largest allowed.
    pub max: f32,
    /// The only values allowed, when the decree names them (the first-line indent); else
    /// empty.
    pub choices: Vec<f32>,
    /// The allowed values in words ("13–14 pt").
    pub allowed: String,
}

/// The style profile of the person's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StyleProfileView {
    /// Every value, in the form's order.
    pub entries: Vec<StyleEntryView>,
    /// The body chose its own values (false: the decree's default sheet).
    pub custom: bool,
    /// The person may change them (the body's administrator).
    pub may_edit: bool,
}

impl From<vanban_app::workflow::StyleProfile> for StyleProfileView {
    fn from(p: vanban_app::workflow::StyleProfile) -> Self {
        StyleProfileView {
            entries: p
                .entries
                .into_iter()
                .map(|e| StyleEntryView {
                    key: e.key.to_owned(),
                    group: e.group.to_owned(),
                    label: e.label.to_owned(),
                    unit: e.unit.to_owned(),
                    value: e.value,
                    min: e.min,
                    max: e.max,
                    choices: e.choices,
                    allowed: e.allowed.to_owned(),
                })
                .collect(),
            custom: p.custom,
            may_edit: p.may_edit,
        }
    }
}

/// One value of the settings form to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct StyleValueInput {
    /// The key (`sizes.body`).
    pub key: String,
    /// The value typed.
    pub value: f32,
}
