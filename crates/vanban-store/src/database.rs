//! Either store behind one type, for the fronts that open "the database" wherever it is: a file
//! path opens the embedded SQLite store, a `postgres://` address the shared server.

use std::path::PathBuf;

use crate::audit::Verification;
use crate::postgres::{PgStore, ServerSettings};
use crate::sqlite::SqliteStore;
use crate::types::*;
use crate::{Result, Store};

/// Where the database is.
#[derive(Debug, Clone)]
pub enum Location {
    /// An SQLite file.
    File(PathBuf),
    /// A database on a PostgreSQL server.
    Server(Box<ServerSettings>),
}

impl Location {
    /// The location as shown to people: the path, or the server address without password.
    pub fn shown(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Server(settings) => settings.shown().to_owned(),
        }
    }
}

/// The store of a [`Location`]: the embedded file or the shared server.
#[derive(Debug)]
pub enum Database {
    /// The embedded SQLite file.
    Sqlite(SqliteStore),
    /// The shared PostgreSQL server.
    Postgres(PgStore),
}

impl Database {
    /// Opens an existing database (see [`SqliteStore::open`], [`PgStore::open`]).
    pub fn open(location: &Location) -> Result<Database> {
        Ok(match location {
            Location::File(path) => Database::Sqlite(SqliteStore::open(path)?),
            Location::Server(settings) => Database::Postgres(PgStore::open(settings)?),
        })
    }

    /// Creates a new database (see [`SqliteStore::create`], [`PgStore::create`]).
    pub fn create(location: &Location) -> Result<Database> {
        Ok(match location {
            Location::File(path) => Database::Sqlite(SqliteStore::create(path)?),
            Location::Server(settings) => Database::Postgres(PgStore::create(settings)?),
        })
    }
}

impl Store for Database {
    fn export_directory(&self) -> Result<Directory> {
        match self {
            Database::Sqlite(s) => s.export_directory(),
            Database::Postgres(s) => s.export_directory(),
        }
    }

    fn import_directory(&mut self, directory: &Directory, stamp: &Stamp) -> Result<ImportSummary> {
        match self {
            Database::Sqlite(s) => s.import_directory(directory, stamp),
            Database::Postgres(s) => s.import_directory(directory, stamp),
        }
    }

    fn edit_directory(&mut self, edit: &DirectoryEdit, stamp: &Stamp) -> Result<()> {
        match self {
            Database::Sqlite(s) => s.edit_directory(edit, stamp),
            Database::Postgres(s) => s.edit_directory(edit, stamp),
        }
    }

    fn pin_hash(&self, login: &str) -> Result<Option<String>> {
        match self {
            Database::Sqlite(s) => s.pin_hash(login),
            Database::Postgres(s) => s.pin_hash(login),
        }
    }

    fn set_pin(&mut self, login: &str, hash: Option<&str>, stamp: &Stamp) -> Result<()> {
        match self {
            Database::Sqlite(s) => s.set_pin(login, hash, stamp),
            Database::Postgres(s) => s.set_pin(login, hash, stamp),
        }
    }

    fn person(&self, login: &str) -> Result<Option<Person>> {
        match self {
            Database::Sqlite(s) => s.person(login),
            Database::Postgres(s) => s.person(login),
        }
    }

    fn people(&self) -> Result<Vec<Person>> {
        match self {
            Database::Sqlite(s) => s.people(),
            Database::Postgres(s) => s.people(),
        }
    }

    fn body(&self, id: BodyId) -> Result<Option<Body>> {
        match self {
            Database::Sqlite(s) => s.body(id),
            Database::Postgres(s) => s.body(id),
        }
    }

    fn registers(&self, body: BodyId) -> Result<Vec<Register>> {
        match self {
            Database::Sqlite(s) => s.registers(body),
            Database::Postgres(s) => s.registers(body),
        }
    }

    fn units(&self, body: BodyId) -> Result<Vec<Unit>> {
        match self {
            Database::Sqlite(s) => s.units(body),
            Database::Postgres(s) => s.units(body),
        }
    }

    fn recipient_groups(&self, body: BodyId) -> Result<Vec<RecipientGroup>> {
        match self {
            Database::Sqlite(s) => s.recipient_groups(body),
            Database::Postgres(s) => s.recipient_groups(body),
        }
    }

    fn delegations_to(&self, person: PersonId) -> Result<Vec<Delegation>> {
        match self {
            Database::Sqlite(s) => s.delegations_to(person),
            Database::Postgres(s) => s.delegations_to(person),
        }
    }

    fn create_document(&mut self, new: &NewDocument, stamp: &Stamp) -> Result<DocumentRecord> {
        match self {
            Database::Sqlite(s) => s.create_document(new, stamp),
            Database::Postgres(s) => s.create_document(new, stamp),
        }
    }

    fn save_revision(
        &mut self,
        document: DocumentId,
        base: u32,
        content: &RevisionContent,
        stamp: &Stamp,
    ) -> Result<RevisionInfo> {
        match self {
            Database::Sqlite(s) => s.save_revision(document, base, content, stamp),
            Database::Postgres(s) => s.save_revision(document, base, content, stamp),
        }
    }

    fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>> {
        match self {
            Database::Sqlite(s) => s.document(id),
            Database::Postgres(s) => s.document(id),
        }
    }

    fn revision(&self, document: DocumentId, no: u32) -> Result<Option<Revision>> {
        match self {
            Database::Sqlite(s) => s.revision(document, no),
            Database::Postgres(s) => s.revision(document, no),
        }
    }

    fn revisions(&self, document: DocumentId) -> Result<Vec<RevisionInfo>> {
        match self {
            Database::Sqlite(s) => s.revisions(document),
            Database::Postgres(s) => s.revisions(document),
        }
    }

    fn change_state(&mut self, change: &StateChange, stamp: &Stamp) -> Result<DocumentRecord> {
        match self {
            Database::Sqlite(s) => s.change_state(change, stamp),
            Database::Postgres(s) => s.change_state(change, stamp),
        }
    }

    fn history(&self, document: DocumentId) -> Result<Vec<StateChangeRecord>> {
        match self {
            Database::Sqlite(s) => s.history(document),
            Database::Postgres(s) => s.history(document),
        }
    }

    fn add_comment(&mut self, comment: &NewComment, stamp: &Stamp) -> Result<Comment> {
        match self {
            Database::Sqlite(s) => s.add_comment(comment, stamp),
            Database::Postgres(s) => s.add_comment(comment, stamp),
        }
    }

    fn comments(&self, document: DocumentId) -> Result<Vec<Comment>> {
        match self {
            Database::Sqlite(s) => s.comments(document),
            Database::Postgres(s) => s.comments(document),
        }
    }

    fn signing_material(&self, owner: Owner) -> Result<Option<SigningMaterial>> {
        match self {
            Database::Sqlite(s) => s.signing_material(owner),
            Database::Postgres(s) => s.signing_material(owner),
        }
    }

    fn sign_with_pdf(
        &mut self,
        change: &StateChange,
        pdf: &NewSignedPdf,
        stamp: &Stamp,
    ) -> Result<DocumentRecord> {
        match self {
            Database::Sqlite(s) => s.sign_with_pdf(change, pdf, stamp),
            Database::Postgres(s) => s.sign_with_pdf(change, pdf, stamp),
        }
    }

    fn add_signed_pdf(&mut self, pdf: &NewSignedPdf, stamp: &Stamp) -> Result<()> {
        match self {
            Database::Sqlite(s) => s.add_signed_pdf(pdf, stamp),
            Database::Postgres(s) => s.add_signed_pdf(pdf, stamp),
        }
    }

    fn signed_pdfs(&self, document: DocumentId) -> Result<Vec<SignedPdf>> {
        match self {
            Database::Sqlite(s) => s.signed_pdfs(document),
            Database::Postgres(s) => s.signed_pdfs(document),
        }
    }

    fn issue(
        &mut self,
        request: &IssueRequest,
        content: &dyn Fn(u32) -> RevisionContent,
        stamp: &Stamp,
    ) -> Result<RegisterEntry> {
        match self {
            Database::Sqlite(s) => s.issue(request, content, stamp),
            Database::Postgres(s) => s.issue(request, content, stamp),
        }
    }

    fn register_entries(&self, year: i32, body: Option<BodyId>) -> Result<Vec<RegisterEntry>> {
        match self {
            Database::Sqlite(s) => s.register_entries(year, body),
            Database::Postgres(s) => s.register_entries(year, body),
        }
    }

    fn record_distribution(
        &mut self,
        distribution: &NewDistribution,
        stamp: &Stamp,
    ) -> Result<Distribution> {
        match self {
            Database::Sqlite(s) => s.record_distribution(distribution, stamp),
            Database::Postgres(s) => s.record_distribution(distribution, stamp),
        }
    }

    fn distributions(&self, document: DocumentId) -> Result<Vec<Distribution>> {
        match self {
            Database::Sqlite(s) => s.distributions(document),
            Database::Postgres(s) => s.distributions(document),
        }
    }

    fn list_documents(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>> {
        match self {
            Database::Sqlite(s) => s.list_documents(query),
            Database::Postgres(s) => s.list_documents(query),
        }
    }

    fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>> {
        match self {
            Database::Sqlite(s) => s.search(text, limit),
            Database::Postgres(s) => s.search(text, limit),
        }
    }

    fn record_event(&mut self, event: &Event, stamp: &Stamp) -> Result<AuditRow> {
        match self {
            Database::Sqlite(s) => s.record_event(event, stamp),
            Database::Postgres(s) => s.record_event(event, stamp),
        }
    }

    fn audit_rows(&self) -> Result<Vec<AuditRow>> {
        match self {
            Database::Sqlite(s) => s.audit_rows(),
            Database::Postgres(s) => s.audit_rows(),
        }
    }

    fn verify_audit(&self) -> Result<Verification> {
        match self {
            Database::Sqlite(s) => s.verify_audit(),
            Database::Postgres(s) => s.verify_audit(),
        }
    }

    fn save_template(&mut self, template: &NewTemplate, stamp: &Stamp) -> Result<TemplateInfo> {
        match self {
            Database::Sqlite(s) => s.save_template(template, stamp),
            Database::Postgres(s) => s.save_template(template, stamp),
        }
    }

    fn templates(&self, body: BodyId) -> Result<Vec<TemplateInfo>> {
        match self {
            Database::Sqlite(s) => s.templates(body),
            Database::Postgres(s) => s.templates(body),
        }
    }

    fn template(&self, body: BodyId, name: &str) -> Result<Option<StoredTemplate>> {
        match self {
            Database::Sqlite(s) => s.template(body, name),
            Database::Postgres(s) => s.template(body, name),
        }
    }

    fn delete_template(&mut self, body: BodyId, name: &str, stamp: &Stamp) -> Result<()> {
        match self {
            Database::Sqlite(s) => s.delete_template(body, name, stamp),
            Database::Postgres(s) => s.delete_template(body, name, stamp),
        }
    }

    fn style_profile(&self, body: BodyId) -> Result<Option<String>> {
        match self {
            Database::Sqlite(s) => s.style_profile(body),
            Database::Postgres(s) => s.style_profile(body),
        }
    }

    fn set_style_profile(&mut self, body: BodyId, toml: Option<&str>, stamp: &Stamp) -> Result<()> {
        match self {
            Database::Sqlite(s) => s.set_style_profile(body, toml, stamp),
            Database::Postgres(s) => s.set_style_profile(body, toml, stamp),
        }
    }
}
