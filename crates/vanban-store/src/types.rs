//! The values the store reads and writes.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
pub use vanban_core::directory::{
    AddressSpec, Attach, BodySpec, DelegationSpec, Directory, OrganSpec, PersonSpec,
    RecipientGroupSpec, RegisterSpec, SmtpSpec, SmtpTls, UnitSpec,
};
use vanban_core::model::AuthorityKind;
pub use vanban_core::workflow::{Role, Stamp, State};

/// Id of a document.
pub type DocumentId = i64;
/// Id of a person.
pub type PersonId = i64;
/// Id of an issuing body.
pub type BodyId = i64;
/// Id of a register.
pub type RegisterId = i64;

// The directory ---------------------------------------------------------------------------------

/// Whose signing material: a person's (the signer) or a body's (the agency).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Owner {
    /// A person.
    Person(PersonId),
    /// A body.
    Body(BodyId),
}

/// What a person signs with, or a body seals with, as the directory sets it. In an audit
/// record the image is named by its SHA-256, not written out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SigningMaterial {
    /// The PKCS#12 file's path (absolute, as resolved at import).
    pub certificate: Option<String>,
    /// The signature image (a person's) or the seal image (a body's), PNG.
    #[serde(rename = "image_sha256", serialize_with = "digest_of_image")]
    pub image_png: Option<Vec<u8>>,
    /// The seal's diameter in millimetres (bodies).
    pub seal_diameter_mm: Option<u16>,
}

fn digest_of_image<S: serde::Serializer>(
    image: &Option<Vec<u8>>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match image {
        Some(bytes) => serializer.serialize_some(&crate::audit::sha256_hex(bytes)),
        None => serializer.serialize_none(),
    }
}

/// Which signature a signed PDF carries last (kept as its serde name, "signer" or "agency").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStage {
    /// The signer's, on the approved revision, number and date blank.
    Signer,
    /// The agency's, added at issue with the number, date and seal.
    Agency,
}

/// A signed PDF to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignedPdf {
    /// The document.
    pub document: DocumentId,
    /// The revision the PDF shows.
    pub revision: u32,
    /// Whose signature it adds.
    pub stage: SignatureStage,
    /// The file.
    pub pdf: Vec<u8>,
    /// What signed it — the certificate's name and serial number, and the hardware token when
    /// the key is on one —, written into the audit record; `None` when the caller does not say.
    pub signed_with: Option<String>,
    /// The style sheet the file was laid out with, as TOML (kept so that at issue the number
    /// and date land in its blank fields); `None`: the decree's default sheet.
    pub style_toml: Option<String>,
}

/// A signed PDF as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedPdf {
    /// The document.
    pub document: DocumentId,
    /// The revision the PDF shows.
    pub revision: u32,
    /// Whose signature it adds.
    pub stage: SignatureStage,
    /// SHA-256 of the file, hex (also in the audit record).
    pub sha256: String,
    /// The file.
    pub pdf: Vec<u8>,
    /// Login of who signed.
    pub person: String,
    /// When, RFC 3339.
    pub at: String,
    /// The style sheet the file was laid out with, as TOML; `None`: the decree's default.
    pub style_toml: Option<String>,
}

/// One change an administrator makes to the directory from the directory screen, saved in
/// one transaction with its audit row. Entries are named by the keys of a directory file (a
/// unit's abbreviation, a person's login, a group's or register's name within the body); a
/// `previous` key names the entry being changed, none adds a new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "edit", rename_all = "kebab-case")]
pub enum DirectoryEdit {
    /// Changes the body's own details: its name, the body above it, its place name. Its
    /// abbreviation — the key of its ký hiệu in every register — stays.
    PutBody {
        /// The body's abbreviation.
        abbreviation: String,
        /// Full name.
        name: String,
        /// The body above it, printed over its name.
        parent_name: Option<String>,
        /// Place name of the date line.
        place: String,
    },
    /// Adds a unit, or changes the unit whose abbreviation was `previous` (renames it, or
    /// stops offering it: `active` false).
    PutUnit {
        /// The unit's abbreviation before the change.
        previous: Option<String>,
        /// The unit as it is to be.
        unit: UnitSpec,
    },
    /// Adds a person, or changes the person whose login was `previous`. Their certificate
    /// and signature image are left as they are (a directory file sets them).
    PutPerson {
        /// The login before the change.
        previous: Option<String>,
        /// The person as they are to be.
        person: PersonSpec,
    },
    /// Adds a delegation, or replaces `previous`.
    PutDelegation {
        /// The delegation before the change.
        previous: Option<DelegationSpec>,
        /// The delegation as it is to be.
        delegation: DelegationSpec,
    },
    /// Removes a delegation (to end one on a day, set its last day instead).
    RemoveDelegation {
        /// The delegation.
        delegation: DelegationSpec,
    },
    /// Adds a recipient group, or changes the group whose name was `previous`.
    PutRecipientGroup {
        /// The group's name before the change.
        previous: Option<String>,
        /// The group as it is to be, members in order.
        group: RecipientGroupSpec,
    },
    /// Removes a recipient group (documents keep the recipients they were given).
    RemoveRecipientGroup {
        /// The body's abbreviation.
        body: String,
        /// The group's name.
        name: String,
    },
    /// Adds a register, or changes the register whose name was `previous` (its entries stay).
    PutRegister {
        /// The register's name before the change.
        previous: Option<String>,
        /// The register as it is to be.
        register: RegisterSpec,
    },
    /// Sets what a person of the body signs with (certificate, signature image), or what the
    /// body itself seals with (certificate, seal image and diameter), replacing what was set;
    /// all of it empty removes it.
    PutSigningMaterial {
        /// The body's abbreviation.
        body: String,
        /// The person's login; none for the body's own.
        person: Option<String>,
        /// What is to be set.
        material: SigningMaterial,
    },
}

impl DirectoryEdit {
    /// The name of the edit in the audit record.
    pub fn action(&self) -> &'static str {
        match self {
            DirectoryEdit::PutBody { .. } => "directory-body",
            DirectoryEdit::PutUnit { .. } => "directory-unit",
            DirectoryEdit::PutPerson { .. } => "directory-person",
            DirectoryEdit::PutDelegation { .. } => "directory-delegation",
            DirectoryEdit::RemoveDelegation { .. } => "directory-delegation-remove",
            DirectoryEdit::PutRecipientGroup { .. } => "directory-group",
            DirectoryEdit::RemoveRecipientGroup { .. } => "directory-group-remove",
            DirectoryEdit::PutRegister { .. } => "directory-register",
            DirectoryEdit::PutSigningMaterial { .. } => "directory-signing-material",
        }
    }
}

/// What an import added or changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Bodies.
    pub bodies: usize,
    /// Units.
    pub units: usize,
    /// People.
    pub people: usize,
    /// Delegations.
    pub delegations: usize,
    /// Recipient groups.
    pub recipient_groups: usize,
    /// Registers.
    pub registers: usize,
}

/// A body as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// Id.
    pub id: BodyId,
    /// Abbreviation.
    pub abbreviation: String,
    /// Name.
    pub name: String,
    /// Parent body's name.
    pub parent_name: Option<String>,
    /// Place name.
    pub place: String,
    /// Address line.
    pub address_line: Option<String>,
    /// Organ id (QĐ 20/2020/QĐ-TTg), for the edXML package.
    pub organ_id: Option<String>,
    /// The body's own e-mail address.
    pub email: Option<String>,
}

/// A unit (phòng, ban) as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// Its body.
    pub body: BodyId,
    /// Abbreviation ("VP").
    pub abbreviation: String,
    /// Name ("Văn phòng Sở").
    pub name: String,
    /// Whether the unit is still offered in the forms' pickers; a unit that was dissolved or
    /// merged is kept (documents and people name it) but no longer offered.
    pub active: bool,
}

/// A named list of recipients as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipientGroup {
    /// Its body.
    pub body: BodyId,
    /// Name ("Các sở, ban, ngành tỉnh").
    pub name: String,
    /// The recipients, as printed.
    pub members: Vec<String>,
}

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Id.
    pub id: PersonId,
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Titles.
    pub titles: Vec<String>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Their body.
    pub body: Option<BodyId>,
    /// The name of their unit within the body, when recorded.
    pub unit: Option<String>,
    /// Whether they set a PIN (asked for when they pick who they are in the desktop app).
    pub has_pin: bool,
}

impl Person {
    /// Whether the person has a role.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A delegation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delegation {
    /// The body.
    pub body: BodyId,
    /// Who signs.
    pub delegate: PersonId,
    /// With which authority.
    pub kind: AuthorityKind,
    /// For which head.
    pub of: String,
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day.
    pub valid_to: Option<NaiveDate>,
}

impl Delegation {
    /// Whether it is in force on a day.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// A register as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Register {
    /// Id.
    pub id: RegisterId,
    /// The body.
    pub body: BodyId,
    /// Name.
    pub name: String,
    /// Type slugs; empty for all.
    pub types: Vec<String>,
    /// For secret documents.
    pub secret: bool,
}

impl Register {
    /// Whether a document of this type and secrecy goes in this register.
    pub fn covers(&self, doc_type: &str, secret: bool) -> bool {
        self.secret == secret && (self.types.is_empty() || self.types.iter().any(|t| t == doc_type))
    }
}

// Documents -------------------------------------------------------------------------------------

/// The content of one revision as the application prepared it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionContent {
    /// The document as `vanban/1` JSON (the exchange format).
    pub json: String,
    /// The type slug.
    pub doc_type: String,
    /// Trích yếu.
    pub subject: String,
    /// The text a reader sees, for search.
    pub text: String,
}

/// A new document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// The body it is drafted in.
    pub body: BodyId,
    /// Its first revision.
    pub content: RevisionContent,
    /// The document it was copied from.
    pub copied_from: Option<DocumentId>,
}

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRecord {
    /// Id.
    pub id: DocumentId,
    /// The body.
    pub body: BodyId,
    /// Who created it (and edits it as a draft).
    pub owner: PersonId,
    /// The owner's login.
    pub owner_login: String,
    /// Type slug of the current revision.
    pub doc_type: String,
    /// Subject of the current revision.
    pub subject: String,
    /// State.
    pub state: State,
    /// The latest revision's number.
    pub current_revision: u32,
    /// The revision that was approved, while approved, signed or issued.
    pub approved_revision: Option<u32>,
    /// The revision that was signed.
    pub signed_revision: Option<u32>,
    /// Who signed.
    pub signed_by: Option<PersonId>,
    /// The issued revision (with number and date).
    pub issued_revision: Option<u32>,
    /// The document it was copied from.
    pub copied_from: Option<DocumentId>,
    /// When it was created.
    pub created_at: DateTime<FixedOffset>,
    /// When it last changed.
    pub updated_at: DateTime<FixedOffset>,
}

/// A revision without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionInfo {
    /// The document.
    pub document: DocumentId,
    /// 1, 2, …
    pub no: u32,
    /// The author's login.
    pub author: String,
    /// When it was saved.
    pub at: DateTime<FixedOffset>,
    /// SHA-256 of the JSON, in hex.
    pub content_hash: String,
}

/// A revision with its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Number, author, time, hash.
    pub info: RevisionInfo,
    /// The `vanban/1` JSON.
    pub json: String,
}

/// A requested move of the state diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateChange {
    /// The document.
    pub document: DocumentId,
    /// The state the caller saw.
    pub from: State,
    /// The new state.
    pub to: State,
    /// The revision the move is about (the one approved, signed…): must be the current one.
    pub revision: u32,
    /// Why (required by the application for a return).
    pub note: Option<String>,
}

/// A state change as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateChangeRecord {
    /// Previous state (none for creation).
    pub from: Option<State>,
    /// New state.
    pub to: State,
    /// The revision it concerned.
    pub revision: u32,
    /// Who.
    pub person: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// Note.
    pub note: Option<String>,
}

/// A new comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    /// The document.
    pub document: DocumentId,
    /// The revision commented on.
    pub revision: u32,
    /// Where: a field path into the document (`body.sections[1]`, `tasks[0]`), or "" for the
    /// whole document.
    pub anchor: String,
    /// What.
    pub text: String,
}

/// A comment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// Id.
    pub id: i64,
    /// The document.
    pub document: DocumentId,
    /// The revision.
    pub revision: u32,
    /// The anchor path.
    pub anchor: String,
    /// The text.
    pub text: String,
    /// Who.
    pub person: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

// The register ----------------------------------------------------------------------------------

/// What the registry clerk's "issue" needs besides the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRequest {
    /// The document, which must be signed.
    pub document: DocumentId,
    /// The register.
    pub register: RegisterId,
    /// The issue date (its year picks the number series).
    pub issued_on: NaiveDate,
    /// The ký hiệu ("KH-STTTT").
    pub symbol: String,
    /// What the register form shows for this document.
    pub details: RegisterDetails,
}

/// The columns of the register form that come from the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegisterDetails {
    /// Tên loại và trích yếu nội dung.
    pub type_and_subject: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận.
    pub recipients: String,
    /// Đơn vị, người nhận bản lưu.
    pub file_copy: String,
    /// Số lượng bản.
    pub copies: Option<u32>,
}

/// A line of the outgoing register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterEntry {
    /// The register.
    pub register: RegisterId,
    /// The register's name.
    pub register_name: String,
    /// The body.
    pub body: BodyId,
    /// The year of the series.
    pub year: i32,
    /// The number (1, 2, …).
    pub number: u32,
    /// The ký hiệu.
    pub symbol: String,
    /// "01/KH-STTTT".
    pub number_symbol: String,
    /// The issue date.
    pub issued_on: NaiveDate,
    /// The document.
    pub document: DocumentId,
    /// Its issued revision.
    pub revision: u32,
    /// The document type slug.
    pub doc_type: String,
    /// The columns from the document.
    pub details: RegisterDetails,
    /// The clerk who issued it.
    pub clerk: String,
    /// The first day it was sent, once a distribution is recorded.
    pub first_sent_on: Option<NaiveDate>,
}

/// A new distribution record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDistribution {
    /// The issued document.
    pub document: DocumentId,
    /// To whom.
    pub recipient: String,
    /// How ("bưu điện", "hệ thống", "email").
    pub channel: String,
    /// When it was sent.
    pub sent_on: NaiveDate,
    /// Note.
    pub note: Option<String>,
}

/// A distribution as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Distribution {
    /// The document.
    pub document: DocumentId,
    /// To whom.
    pub recipient: String,
    /// How.
    pub channel: String,
    /// When.
    pub sent_on: NaiveDate,
    /// Note.
    pub note: Option<String>,
    /// Who recorded it.
    pub person: String,
    /// The recipient's organ id, when it was sent as an edXML package.
    pub organ_id: Option<String>,
}

/// A status message received from a recipient of an edXML package (QCVN 102:2016 StatusCode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDistributionStatus {
    /// The document it is about.
    pub document: DocumentId,
    /// The recipient that sent it.
    pub organ_id: String,
    /// The code ("03").
    pub code: String,
    /// Its description (the reason of a refusal).
    pub description: Option<String>,
    /// The message's Timestamp, as written.
    pub reported_at: String,
    /// Who handled it there.
    pub staff: Option<String>,
}

/// A status of a distribution as stored: one row per message, never overwritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistributionStatus {
    /// The document.
    pub document: DocumentId,
    /// The recipient.
    pub organ_id: String,
    /// The code ("03").
    pub code: String,
    /// Its description.
    pub description: Option<String>,
    /// The message's Timestamp.
    pub reported_at: String,
    /// Who handled it there.
    pub staff: Option<String>,
    /// Who recorded it here.
    pub person: String,
    /// When it was recorded here.
    pub at: DateTime<FixedOffset>,
}

// Finding documents -----------------------------------------------------------------------------

/// Which documents to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Only documents in this state.
    pub state: Option<State>,
    /// Page size.
    pub limit: u32,
    /// Documents to skip.
    pub offset: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            state: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// A line of a document list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    /// Id.
    pub id: DocumentId,
    /// Type slug.
    pub doc_type: String,
    /// Subject.
    pub subject: String,
    /// State.
    pub state: State,
    /// Owner's login.
    pub owner: String,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
    /// Number and symbol once issued.
    pub number_symbol: Option<String>,
}

// Templates -------------------------------------------------------------------------------------

/// A document template an organisation saves for its own people ("Lưu làm mẫu").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTemplate {
    /// The body it belongs to.
    pub body: BodyId,
    /// Its name, unique within the body ("cong-van-chuyen-doi-so").
    pub name: String,
    /// The type slug of its document.
    pub doc_type: String,
    /// What it is for, as listed ("Công văn: V/v hướng dẫn chuyển đổi số").
    pub title: String,
    /// The document as `vanban/1` JSON.
    pub json: String,
}

/// A stored template, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateInfo {
    /// The body it belongs to.
    pub body: BodyId,
    /// Its name, unique within the body.
    pub name: String,
    /// The type slug of its document.
    pub doc_type: String,
    /// What it is for.
    pub title: String,
    /// Who saved it (login).
    pub person: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// A stored template with its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTemplate {
    /// Name, type, title, who and when.
    pub info: TemplateInfo,
    /// The document as `vanban/1` JSON.
    pub json: String,
}

// The audit record ------------------------------------------------------------------------------

/// An event recorded in the audit record only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// What happened ("export").
    pub action: String,
    /// The document.
    pub document: Option<DocumentId>,
    /// The content hash of the revision concerned.
    pub revision_hash: Option<String>,
    /// Details as JSON.
    pub details: serde_json::Value,
}

/// A row of the audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    /// 1, 2, … without gaps.
    pub seq: i64,
    /// When, RFC 3339.
    pub at: String,
    /// Who (login).
    pub actor: String,
    /// What ("create", "save", "submit", "issue", …).
    pub action: String,
    /// The document.
    pub document: Option<DocumentId>,
    /// The revision's content hash.
    pub revision_hash: Option<String>,
    /// Details as JSON text.
    pub details: String,
    /// The previous row's hash (64 zeros for the first row).
    pub prev_hash: String,
    /// This row's hash.
    pub hash: String,
}

// Following plans ---------------------------------------------------------------------------------

pub use vanban_core::tracking::{RowGroup, Schedule, Status, TrackedRow};

/// Id of a tracked task.
pub type TaskId = i64;

/// The tasks an issue starts to follow: the task rows of the issued document, and the issued
/// plan it replaces, if any, whose tasks' history moves to the matching rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewTracking {
    /// The document's task rows, in the order of its table.
    pub rows: Vec<TrackedRow>,
    /// The issued plan this one replaces (it was copied from it as a new draft).
    pub replaces: Option<DocumentId>,
}

/// What became of the tasks of a replaced plan when the new one was issued.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CarriedOver {
    /// Tasks created for the new plan.
    pub created: usize,
    /// Tasks of the old plan matched by a row of the new one (same text, or same number and
    /// lead), their reports copied to it.
    pub matched: usize,
    /// Reports copied to the new plan's tasks.
    pub reports: usize,
    /// Tasks of the old plan that no row of the new one matches and that nobody reported on:
    /// no longer followed.
    pub withdrawn: usize,
    /// Tasks of the old plan that no row matches but that have reports: still followed, under
    /// the old plan's number, so that no report is lost from sight.
    pub kept: usize,
}

/// Why a person may report on a task: the unit they report for, or as the plan's follower.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    /// For a lead unit (đơn vị chủ trì): its reports set the task's progress and may close it.
    Lead,
    /// For a cooperating unit (đơn vị phối hợp): its part, in the history.
    Cooperating,
    /// As the person assigned to follow the plan (Điều 24).
    Follower,
}

impl Capacity {
    /// The Vietnamese name.
    pub const fn label(self) -> &'static str {
        match self {
            Capacity::Lead => "đơn vị chủ trì",
            Capacity::Cooperating => "đơn vị phối hợp",
            Capacity::Follower => "người theo dõi",
        }
    }
}

/// What a report points at as the product of the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ReportAttachment {
    /// A document kept in this database.
    Document {
        /// Its id.
        id: DocumentId,
    },
    /// A file, kept by its name and SHA-256 (the file itself stays where it is).
    File {
        /// The file's name.
        name: String,
        /// SHA-256 of its bytes, lower-case hex.
        sha256: String,
    },
    /// Another body's document, by its number and symbol ("123/UBND-VX").
    Reference {
        /// The number and symbol.
        number_symbol: String,
    },
}

/// A report on a task, as the application checked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// The task.
    pub task: TaskId,
    /// Why the person may report.
    pub capacity: Capacity,
    /// The unit reported for, as the task names it (none for the follower).
    pub unit: Option<String>,
    /// How far the work is, 0–100.
    pub percent: u8,
    /// What was done.
    pub note: String,
    /// Whether this report says the task is done.
    pub done: bool,
    /// What the work produced.
    pub attachments: Vec<ReportAttachment>,
}

/// A report as kept: never changed, a later report is a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskReport {
    /// Id.
    pub id: i64,
    /// The task.
    pub task: TaskId,
    /// Who (login).
    pub person: String,
    /// Their full name.
    pub person_name: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The day it counts for (Vietnam's date of `at`).
    pub on_day: NaiveDate,
    /// Why they could report.
    pub capacity: Capacity,
    /// The unit reported for.
    pub unit: Option<String>,
    /// 0–100.
    pub percent: u8,
    /// What was done.
    pub note: String,
    /// Whether it says the task is done.
    pub done: bool,
    /// What the work produced.
    pub attachments: Vec<ReportAttachment>,
    /// The report of the replaced plan's task this one was copied from.
    pub carried_from: Option<i64>,
}

/// A tracked task with where it stands on the day asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackedTask {
    /// Id.
    pub id: TaskId,
    /// The issued plan (any document with a task table).
    pub plan: DocumentId,
    /// Its body.
    pub body: BodyId,
    /// Its number and symbol ("01/KH-UBND").
    pub plan_number: String,
    /// Its subject.
    pub plan_subject: String,
    /// Its issue date.
    pub plan_issued_on: NaiveDate,
    /// The row's place in the plan's model ("tasks[1].tasks[2]").
    pub row_path: String,
    /// The row's number as printed ("2.3").
    pub number: String,
    /// The groups the row is in, outermost first.
    pub groups: Vec<RowGroup>,
    /// What is to be done.
    pub text: String,
    /// Đơn vị chủ trì.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    pub cooperating: Vec<String>,
    /// The time as printed in the plan.
    pub time: String,
    /// When it is due.
    pub schedule: Schedule,
    /// Reports so far.
    pub reports: u32,
    /// How far the work is: the last report of a lead unit or the follower, else the last
    /// report of anyone (0 with none).
    pub percent: u8,
    /// The day it was reported done, when the last word of a lead unit or the follower is
    /// "done".
    pub done_on: Option<NaiveDate>,
    /// The last report's time.
    pub last_report_at: Option<DateTime<FixedOffset>>,
    /// Where it stands on the day asked about (computed, never stored).
    pub status: Status,
}

/// Which tracked tasks to list, and on which day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskQuery {
    /// The day the status is computed for.
    pub today: NaiveDate,
    /// Only this body's plans.
    pub body: Option<BodyId>,
    /// Only this plan's tasks.
    pub plan: Option<DocumentId>,
    /// Only tasks naming one of these units (lead or cooperating), as unit keys
    /// (`vanban_core::validate::unit_key`).
    pub units: Vec<String>,
    /// Only tasks in these statuses (all when empty).
    pub statuses: Vec<Status>,
    /// Only tasks not done that fall due within this many days (today included).
    pub due_within: Option<u32>,
    /// At most this many tasks, after sorting.
    pub limit: Option<usize>,
}

impl TaskQuery {
    /// Every task followed, on `today`.
    pub fn on(today: NaiveDate) -> TaskQuery {
        TaskQuery {
            today,
            body: None,
            plan: None,
            units: Vec::new(),
            statuses: Vec::new(),
            due_within: None,
            limit: None,
        }
    }
}

/// The person assigned to follow a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Follower {
    /// The plan.
    pub plan: DocumentId,
    /// Their login.
    pub login: String,
    /// Their full name.
    pub name: String,
    /// Who assigned them.
    pub assigned_by: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

// Copies ---------------------------------------------------------------------------------------

/// A copy to register (sao y, sao lục, trích sao): the next number of the body's copy series
/// for the year of `made_on` is taken when it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCopy {
    /// The copied document, which must be issued.
    pub document: DocumentId,
    /// The kind ("sao-y", "sao-luc", "trich-sao"; `vanban_core::copies::CopyKind::as_str`).
    pub kind: String,
    /// The abbreviation of the kind ("SY", "SL", "TrS") and the body's: "SY-UBND".
    pub symbol: String,
    /// The day of the copy (its year picks the series).
    pub made_on: NaiveDate,
    /// The sao y a sao lục is made from.
    pub source_copy: Option<i64>,
    /// Paper, or electronic with the agency's signature.
    pub electronic: bool,
    /// The parts a trích sao keeps, as the model's paths.
    pub parts: Vec<String>,
    /// The original's number and symbol.
    pub original: String,
    /// Tên loại và trích yếu nội dung of the original.
    pub type_and_subject: String,
    /// Who signs the copy, as printed (authority, title, name).
    pub signer: String,
    /// Nơi nhận of the copy.
    pub recipients: String,
    /// The signed PDF of an electronic copy.
    pub pdf: Option<Vec<u8>>,
}

/// A line of the copy register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyEntry {
    /// Id of the copy.
    pub id: i64,
    /// The copying body.
    pub body: BodyId,
    /// The year of the series.
    pub year: i32,
    /// The number (1, 2, …).
    pub number: u32,
    /// The kind ("sao-y", "sao-luc", "trich-sao").
    pub kind: String,
    /// "SY-UBND".
    pub symbol: String,
    /// "01/SY-UBND".
    pub number_symbol: String,
    /// The day of the copy.
    pub made_on: NaiveDate,
    /// The copied document.
    pub document: DocumentId,
    /// The sao y a sao lục was made from.
    pub source_copy: Option<i64>,
    /// "paper" or "electronic".
    pub form: String,
    /// The parts a trích sao keeps.
    pub parts: Vec<String>,
    /// The original's number and symbol.
    pub original: String,
    /// Tên loại và trích yếu nội dung.
    pub type_and_subject: String,
    /// Who signed the copy.
    pub signer: String,
    /// Nơi nhận.
    pub recipients: String,
    /// The registry clerk who made it.
    pub clerk: String,
    /// SHA-256 of the electronic copy's PDF.
    pub sha256: Option<String>,
}

// E-mail ------------------------------------------------------------------------------------------

/// The channel of a distribution made by e-mail.
pub const EMAIL_CHANNEL: &str = "Thư điện tử";

/// One row of the record of a document's e-mails: an attempt (before the SMTP transaction), or
/// the outcome of one. Never changed: the latest row of a recipient is where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailSend {
    /// The document.
    pub document: DocumentId,
    /// The recipient as printed in Nơi nhận.
    pub recipient: String,
    /// The address it was sent to.
    pub email: String,
    /// The message's Message-ID ("<…@…>"), chosen before the attempt and kept by its retries.
    pub message_id: String,
    /// `attempt`, `sent` or `failed`.
    pub outcome: String,
    /// Why it failed (the server's reply, or the connection's error).
    pub error: Option<String>,
    /// Who sent it.
    pub person: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}
