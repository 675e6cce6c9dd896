//! Where VănBản keeps its documents: the [`Store`] trait — the operations the workflow needs,
//! not a generic key-value API — its embedded SQLite implementation ([`sqlite::SqliteStore`]),
//! its PostgreSQL implementation for a department's shared server ([`postgres::PgStore`]), and
//! [`Database`], either of them behind one type.
//!
//! What the store guarantees on its own, whatever the caller does:
//!
//! - every save is a new revision; revisions, register entries and audit rows are never changed
//!   or deleted, and an issued document is frozen (database triggers refuse it);
//! - a state change happens only from the state the caller saw (compare and set), so two people
//!   acting at once cannot both move a document; a save names the revision it was edited from,
//!   and is refused when somebody saved another one since;
//! - issuing takes the next number of the register in the same transaction that writes the
//!   register entry, the issued revision and the state; number + symbol is unique per body and
//!   year as a database constraint;
//! - every change appends one row to the audit record in the same transaction, each row
//!   carrying the SHA-256 of the row before it ([`audit`]).
//!
//! Who may do what is the application's business (`vanban-app`); the store checks only what
//! keeps its data consistent.

pub mod audit;
mod database;
mod error;
pub mod fold;
mod keyed;
pub mod migrate;
pub mod postgres;
pub mod sqlite;
mod types;

pub use database::{Database, Location};
pub use error::StoreError;
pub use types::*;

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The operations of the workflow on persistent data. One implementation per database (SQLite,
/// PostgreSQL); both pass the same test suite.
pub trait Store {
    // The directory ---------------------------------------------------------------------------

    /// Adds or updates bodies, units, people, delegations, recipient groups and registers, all
    /// in one transaction (all or nothing). Entries are matched by their natural keys (a body's
    /// abbreviation, a person's login, a register's name within its body).
    fn import_directory(&mut self, directory: &Directory, stamp: &Stamp) -> Result<ImportSummary>;

    /// The whole directory as a directory file holds it — what `import_directory` reads back —
    /// so that a province can hand one directory to every department. A store that cannot do
    /// this yet says so.
    fn export_directory(&self) -> Result<Directory> {
        Err(StoreError::Database(
            "kho dữ liệu này chưa hỗ trợ xuất danh bạ".into(),
        ))
    }

    /// Applies one change of the directory made on the directory screen, in one transaction
    /// with its audit row (the change as JSON). A `previous` key that names nothing is
    /// [`StoreError::NotInDirectory`]; a new key that another entry has is
    /// [`StoreError::AlreadyInDirectory`].
    fn edit_directory(&mut self, edit: &DirectoryEdit, stamp: &Stamp) -> Result<()>;

    /// The hash of a person's PIN (a PHC string such as `$argon2id$v=19$…`), when they have
    /// one. The PIN itself is never stored.
    fn pin_hash(&self, login: &str) -> Result<Option<String>>;

    /// Sets (`Some`) or removes (`None`) the hash of a person's PIN, with an audit row that
    /// names the person and never holds the hash.
    fn set_pin(&mut self, login: &str, hash: Option<&str>, stamp: &Stamp) -> Result<()>;

    /// A person by login.
    fn person(&self, login: &str) -> Result<Option<Person>>;

    /// Everybody in the directory, by login.
    fn people(&self) -> Result<Vec<Person>>;

    /// A body by id.
    fn body(&self, id: BodyId) -> Result<Option<Body>>;

    /// The registers of a body.
    fn registers(&self, body: BodyId) -> Result<Vec<Register>>;

    /// The units of a body, by name.
    fn units(&self, body: BodyId) -> Result<Vec<Unit>>;

    /// The recipient groups of a body, by name.
    fn recipient_groups(&self, body: BodyId) -> Result<Vec<RecipientGroup>>;

    /// The delegations recorded for a person (as the one who signs).
    fn delegations_to(&self, person: PersonId) -> Result<Vec<Delegation>>;

    // Documents and revisions -----------------------------------------------------------------

    /// Creates a document in [`State::Draft`] with its first revision.
    fn create_document(&mut self, new: &NewDocument, stamp: &Stamp) -> Result<DocumentRecord>;

    /// Appends a revision to a document that is still a draft; refuses any other state.
    /// `base` is the revision the caller edited: when somebody saved another revision since,
    /// the save is refused with [`StoreError::RevisionConflict`] (never a silent overwrite).
    fn save_revision(
        &mut self,
        document: DocumentId,
        base: u32,
        content: &RevisionContent,
        stamp: &Stamp,
    ) -> Result<RevisionInfo>;

    /// A document's record.
    fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>>;

    /// One revision, with its content.
    fn revision(&self, document: DocumentId, no: u32) -> Result<Option<Revision>>;

    /// Every revision of a document, oldest first, without content.
    fn revisions(&self, document: DocumentId) -> Result<Vec<RevisionInfo>>;

    /// Moves a document from `change.from` to `change.to`, if it is still in `change.from`
    /// and the move is one of [`State::can_move_to`].
    fn change_state(&mut self, change: &StateChange, stamp: &Stamp) -> Result<DocumentRecord>;

    /// The states a document went through, oldest first.
    fn history(&self, document: DocumentId) -> Result<Vec<StateChangeRecord>>;

    /// Adds a comment anchored to a part of a revision.
    fn add_comment(&mut self, comment: &NewComment, stamp: &Stamp) -> Result<Comment>;

    /// The comments on a document, oldest first.
    fn comments(&self, document: DocumentId) -> Result<Vec<Comment>>;

    // Signatures ------------------------------------------------------------------------------

    /// What the directory says a person signs with or a body seals with.
    fn signing_material(&self, owner: Owner) -> Result<Option<SigningMaterial>>;

    /// Moves an approved document to [`State::Signed`] (as [`Store::change_state`]) and keeps
    /// the signer's signed PDF, in one transaction: no signed state without its file.
    fn sign_with_pdf(
        &mut self,
        change: &StateChange,
        pdf: &NewSignedPdf,
        stamp: &Stamp,
    ) -> Result<DocumentRecord>;

    /// Keeps the agency's signed PDF of an issued document (once per document).
    fn add_signed_pdf(&mut self, pdf: &NewSignedPdf, stamp: &Stamp) -> Result<()>;

    /// The signed PDFs of a document: the signer's, then the agency's.
    fn signed_pdfs(&self, document: DocumentId) -> Result<Vec<SignedPdf>>;

    // The register ----------------------------------------------------------------------------

    /// Issues a signed document: in one transaction takes the next number of the register for
    /// the year of `request.issued_on`, stores the issued revision that `content` builds for
    /// that number, writes the register entry and moves the document to [`State::Issued`].
    /// A failure leaves no trace: no number is used up.
    fn issue(
        &mut self,
        request: &IssueRequest,
        content: &dyn Fn(u32) -> RevisionContent,
        stamp: &Stamp,
    ) -> Result<RegisterEntry>;

    /// The register entries of a year, by register and number.
    fn register_entries(&self, year: i32, body: Option<BodyId>) -> Result<Vec<RegisterEntry>>;

    /// Records that an issued document was sent to a recipient.
    fn record_distribution(
        &mut self,
        distribution: &NewDistribution,
        stamp: &Stamp,
    ) -> Result<Distribution>;

    /// Where a document was sent, oldest first.
    fn distributions(&self, document: DocumentId) -> Result<Vec<Distribution>>;

    // Finding documents -----------------------------------------------------------------------

    /// A page of documents, most recently changed first.
    fn list_documents(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>>;

    /// Documents whose subject or text contains every word of `text`, accents and "đ" ignored,
    /// best match first.
    fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>>;

    // Templates -------------------------------------------------------------------------------

    /// Keeps a document template of a body; refused with [`StoreError::DuplicateTemplate`]
    /// when the body already has one of that name (nothing is overwritten). Audited.
    fn save_template(&mut self, template: &NewTemplate, stamp: &Stamp) -> Result<TemplateInfo>;

    /// The templates of a body, by name, without their content.
    fn templates(&self, body: BodyId) -> Result<Vec<TemplateInfo>>;

    /// One template of a body, with its content.
    fn template(&self, body: BodyId, name: &str) -> Result<Option<StoredTemplate>>;

    /// Deletes a template of a body ([`StoreError::NoTemplate`] when there is none). Audited,
    /// with the hash of the content that was deleted.
    fn delete_template(&mut self, body: BodyId, name: &str, stamp: &Stamp) -> Result<()>;

    // Style profiles --------------------------------------------------------------------------

    /// The style profile of a body: the TOML text of its style sheet, `None` when it uses the
    /// decree's default sheet.
    fn style_profile(&self, body: BodyId) -> Result<Option<String>>;

    /// Keeps (`Some`) or clears (`None`) the style profile of a body, in one transaction with
    /// an audit row (`style-profile`) holding the text's SHA-256 (none when cleared). The
    /// store keeps the text as given; the caller checks it against the decree first.
    fn set_style_profile(&mut self, body: BodyId, toml: Option<&str>, stamp: &Stamp) -> Result<()>;

    // The audit record ------------------------------------------------------------------------

    /// Appends an event that changes nothing else (an export, a print).
    fn record_event(&mut self, event: &Event, stamp: &Stamp) -> Result<AuditRow>;

    /// The audit record, oldest first.
    fn audit_rows(&self) -> Result<Vec<AuditRow>>;

    /// Checks the chain of the audit record: every row's hash, every link, no row missing at
    /// the start, in the middle or at the end.
    fn verify_audit(&self) -> Result<audit::Verification>;
}
