//! The embedded store: one SQLite file (bundled SQLite, WAL, foreign keys on, a busy timeout),
//! versioned migrations with `rusqlite_migration`.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction: the write lock is taken at the start, so
//! two processes never both read "the next number is 12" — the second waits for the first to
//! commit (up to the busy timeout) and then reads 13. `synchronous = FULL` makes each commit
//! durable before the call returns, so a revision reported as saved survives a crash.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};
use rusqlite_migration::{M, Migrations};
use vanban_core::format::pad_number;
use vanban_core::model::AuthorityKind;

use crate::audit::{self, GENESIS, Verification, row_hash, sha256_hex};
use crate::error::StoreError;
use crate::fold::{fold, fts_query};
use crate::keyed::Keyed;
use crate::types::*;
use crate::{Result, Store};

/// The application id written in the database header ("VBN1"), which tells a VănBản database
/// from any other SQLite file.
pub const APPLICATION_ID: i64 = 0x5642_4E31;

/// How long a write waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_initial.sql")),
        M::up(include_str!("../migrations/0002_signatures.sql")),
        M::up(include_str!("../migrations/0003_templates.sql")),
        M::up(include_str!("../migrations/0004_pins.sql")),
        M::up(include_str!("../migrations/0005_style.sql")),
    ])
});

/// The newest schema version this build reads and writes (the number of entries above: the
/// list is positional, SQLite's user_version counts the entries applied).
pub const SCHEMA_VERSION: i64 = 5;

/// The SQLite implementation of [`Store`].
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Creates a new database file. Refuses when a non-empty file is already there: nothing is
    /// ever overwritten.
    pub fn create(path: &Path) -> Result<SqliteStore> {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        let mut store = SqliteStore {
            conn,
            path: path.to_owned(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database, bringing its schema up to date. Refuses — without writing
    /// anything — a missing file, a file that is not a database, another application's
    /// database, and a database from a newer VănBản.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        match std::fs::metadata(path) {
            Err(_) => return Err(StoreError::Missing(path.to_owned())),
            Ok(m) if m.len() == 0 => return Err(StoreError::Missing(path.to_owned())),
            Ok(_) => {}
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        // Read the header before changing anything (the journal mode is a write).
        let probe = (|| -> rusqlite::Result<(i64, i64, i64)> {
            let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let objects: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            Ok((app, version, objects))
        })();
        let (app, version, objects) = probe.map_err(|e| open_error(path, e))?;
        if app != APPLICATION_ID {
            if objects == 0 && version == 0 {
                return Err(StoreError::Missing(path.to_owned()));
            }
            return Err(StoreError::Foreign(path.to_owned()));
        }
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_owned(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let mut store = SqliteStore {
            conn,
            path: path.to_owned(),
        };
        store.configure()?;
        if version < SCHEMA_VERSION {
            store.migrate()?;
        }
        Ok(store)
    }

    /// A database in memory, for tests and trials.
    pub fn in_memory() -> Result<SqliteStore> {
        let conn =
            Connection::open_in_memory().map_err(|e| open_error(Path::new(":memory:"), e))?;
        let mut store = SqliteStore {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs SQL as it is, for tests that check what the database itself refuses.
    pub fn execute_raw(&mut self, sql: &str) -> Result<usize> {
        self.conn
            .execute(sql, [])
            .map_err(|e| map_error(&self.path, e))
    }

    /// The connection, for the copy to a server ([`crate::migrate`]).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// SQLite's own check of the file: `["ok"]` when sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        let conn = &self.conn;
        (|| -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            let _mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            Ok(())
        })()
        .map_err(|e| open_error(&path, e))
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        MIGRATIONS.to_latest(&mut self.conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => open_error(&path, err),
            other => StoreError::Database(other.to_string()),
        })
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        map_error(&self.path, e)
    }

    fn write(&mut self) -> Result<Transaction<'_>> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| map_error(&path, e))
    }
}

/// An error while opening: the file's nature matters most here.
fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    match sqlite_code(&e) {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase {
                path: path.to_owned(),
                detail: e.to_string(),
            }
        }
        _ => map_error(path, e),
    }
}

fn sqlite_code(e: &rusqlite::Error) -> Option<ErrorCode> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    }
}

fn map_error(path: &Path, e: rusqlite::Error) -> StoreError {
    let detail = e.to_string();
    match sqlite_code(&e) {
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
        Some(ErrorCode::DiskFull) => StoreError::DiskFull,
        Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied) => StoreError::ReadOnly {
            path: path.to_owned(),
            detail,
        },
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase {
                path: path.to_owned(),
                detail,
            }
        }
        Some(ErrorCode::ConstraintViolation) if detail.contains("vanban:") => StoreError::Frozen(
            detail
                .split("vanban:")
                .nth(1)
                .unwrap_or_default()
                .trim()
                .to_owned(),
        ),
        _ => StoreError::Database(detail),
    }
}

fn parse_time(s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|_| StoreError::Corrupt(format!("thời điểm “{s}”")))
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("ngày “{s}”")))
}

fn parse_state(s: &str) -> Result<State> {
    State::parse(s).ok_or_else(|| StoreError::Corrupt(format!("trạng thái “{s}”")))
}

fn time_text(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

fn json_list<T: serde::de::DeserializeOwned>(s: &str) -> Result<Vec<T>> {
    serde_json::from_str(s).map_err(|_| StoreError::Corrupt(format!("danh sách “{s}”")))
}

fn authority_text(kind: AuthorityKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn authority_parse(s: &str) -> Result<AuthorityKind> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("thẩm quyền ký “{s}”")))
}

/// The Vietnamese name of a move, for messages.
fn move_label(from: State, to: State) -> &'static str {
    match (from, to) {
        (State::Draft, State::InReview) => "trình duyệt",
        (_, State::Draft) => "trả lại",
        (_, State::Approved) => "duyệt",
        (_, State::Signed) => "ký",
        (_, State::Issued) => "ban hành",
        (_, State::Discarded) => "hủy",
        _ => "chuyển trạng thái",
    }
}

/// The audit name of a move.
fn move_action(from: State, to: State) -> &'static str {
    match (from, to) {
        (State::Draft, State::InReview) => "submit",
        (_, State::Draft) => "return",
        (_, State::Approved) => "approve",
        (_, State::Signed) => "sign",
        (_, State::Issued) => "issue",
        (_, State::Discarded) => "discard",
        _ => "change-state",
    }
}

// Reading rows, inside or outside a transaction (a Transaction derefs to a Connection).

struct RawDocument {
    id: i64,
    body: i64,
    owner: i64,
    owner_login: String,
    doc_type: String,
    subject: String,
    state: String,
    current: u32,
    approved: Option<u32>,
    signed: Option<u32>,
    signed_by: Option<i64>,
    issued: Option<u32>,
    copied_from: Option<i64>,
    created_at: String,
    updated_at: String,
}

const DOCUMENT_COLUMNS: &str = "d.id, d.body_id, d.owner_id, p.login, d.doc_type, d.subject, \
     d.state, d.current_revision, d.approved_revision, d.signed_revision, d.signed_by, \
     d.issued_revision, d.copied_from, d.created_at, d.updated_at";

fn read_document(conn: &Connection, id: DocumentId) -> rusqlite::Result<Option<RawDocument>> {
    conn.prepare_cached(&format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents d JOIN people p ON p.id = d.owner_id \
         WHERE d.id = ?1"
    ))?
    .query_row([id], |r| {
        Ok(RawDocument {
            id: r.get(0)?,
            body: r.get(1)?,
            owner: r.get(2)?,
            owner_login: r.get(3)?,
            doc_type: r.get(4)?,
            subject: r.get(5)?,
            state: r.get(6)?,
            current: r.get(7)?,
            approved: r.get(8)?,
            signed: r.get(9)?,
            signed_by: r.get(10)?,
            issued: r.get(11)?,
            copied_from: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
        })
    })
    .optional()
}

impl RawDocument {
    fn into_record(self) -> Result<DocumentRecord> {
        Ok(DocumentRecord {
            id: self.id,
            body: self.body,
            owner: self.owner,
            owner_login: self.owner_login,
            doc_type: self.doc_type,
            subject: self.subject,
            state: parse_state(&self.state)?,
            current_revision: self.current,
            approved_revision: self.approved,
            signed_revision: self.signed,
            signed_by: self.signed_by,
            issued_revision: self.issued,
            copied_from: self.copied_from,
            created_at: parse_time(&self.created_at)?,
            updated_at: parse_time(&self.updated_at)?,
        })
    }
}

fn person_id(conn: &Connection, login: &str) -> Result<PersonId> {
    conn.query_row("SELECT id FROM people WHERE login = ?1", [login], |r| {
        r.get(0)
    })
    .optional()
    .map_err(|e| StoreError::Database(e.to_string()))?
    .ok_or_else(|| StoreError::NotInDirectory {
        what: "người dùng",
        key: login.to_owned(),
    })
}

fn body_id(conn: &Connection, abbreviation: &str) -> Result<BodyId> {
    conn.query_row(
        "SELECT id FROM bodies WHERE abbreviation = ?1",
        [abbreviation],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| StoreError::Database(e.to_string()))?
    .ok_or_else(|| StoreError::NotInDirectory {
        what: "cơ quan",
        key: abbreviation.to_owned(),
    })
}

fn append_audit(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    action: &str,
    document: Option<DocumentId>,
    revision_hash: Option<&str>,
    details: &serde_json::Value,
) -> rusqlite::Result<AuditRow> {
    let (seq, prev): (i64, String) = tx
        .prepare_cached("SELECT seq, hash FROM audit_head WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let mut row = AuditRow {
        seq: seq + 1,
        at: time_text(&stamp.at),
        actor: stamp.person.clone(),
        action: action.to_owned(),
        document,
        revision_hash: revision_hash.map(str::to_owned),
        details: details.to_string(),
        prev_hash: prev,
        hash: String::new(),
    };
    row.hash = row_hash(&row);
    tx.prepare_cached(
        "INSERT INTO audit (seq, at, actor, action, document_id, revision_hash, details, \
         prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.document,
        row.revision_hash,
        row.details,
        row.prev_hash,
        row.hash
    ])?;
    tx.prepare_cached(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
    )?
    .execute(params![row.seq, row.hash])?;
    Ok(row)
}

fn insert_revision(
    tx: &Transaction<'_>,
    document: DocumentId,
    no: u32,
    author: PersonId,
    stamp: &Stamp,
    content: &RevisionContent,
) -> rusqlite::Result<String> {
    let hash = sha256_hex(content.json.as_bytes());
    tx.prepare_cached(
        "INSERT INTO revisions (document_id, no, author_id, at, content_hash, doc_type, subject, \
         content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        document,
        no,
        author,
        time_text(&stamp.at),
        hash,
        content.doc_type,
        content.subject,
        content.json
    ])?;
    Ok(hash)
}

fn index_for_search(
    tx: &Transaction<'_>,
    document: DocumentId,
    content: &RevisionContent,
) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM search WHERE rowid = ?1")?
        .execute([document])?;
    tx.prepare_cached("INSERT INTO search (rowid, subject, content) VALUES (?1, ?2, ?3)")?
        .execute(params![
            document,
            fold(&content.subject),
            fold(&content.text)
        ])?;
    Ok(())
}

fn record_state(
    tx: &Transaction<'_>,
    document: DocumentId,
    (from, to): (Option<State>, State),
    revision: u32,
    person: PersonId,
    stamp: &Stamp,
    note: Option<&str>,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO state_changes (document_id, from_state, to_state, revision_no, person_id, \
         at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        document,
        from.map(State::as_str),
        to.as_str(),
        revision,
        person,
        time_text(&stamp.at),
        note
    ])?;
    Ok(())
}

fn revision_hash(conn: &Connection, document: DocumentId, no: u32) -> rusqlite::Result<String> {
    conn.prepare_cached("SELECT content_hash FROM revisions WHERE document_id = ?1 AND no = ?2")?
        .query_row(params![document, no], |r| r.get(0))
}

const SUMMARY_SELECT: &str = "SELECT d.id, d.doc_type, d.subject, d.state, p.login, \
     d.updated_at, e.number_symbol FROM documents d JOIN people p ON p.id = d.owner_id \
     LEFT JOIN register_entries e ON e.document_id = d.id";

type RawSummary = (i64, String, String, String, String, String, Option<String>);

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawSummary> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn summary(raw: RawSummary) -> Result<DocumentSummary> {
    let (id, doc_type, subject, state, owner, updated_at, number_symbol) = raw;
    Ok(DocumentSummary {
        id,
        doc_type,
        subject,
        state: parse_state(&state)?,
        owner,
        updated_at: parse_time(&updated_at)?,
        number_symbol,
    })
}

/// The state change of [`Store::change_state`], inside the caller's transaction.
fn apply_state_change(
    tx: &Transaction<'_>,
    path: &Path,
    change: &StateChange,
    stamp: &Stamp,
) -> Result<()> {
    if !change.from.can_move_to(change.to) || change.to == State::Issued {
        // Issuing goes through `issue`, which numbers and registers the document.
        return Err(StoreError::NoSuchMove {
            from: change.from,
            to: change.to,
        });
    }
    let e = |err: rusqlite::Error| map_error(path, err);
    let person = person_id(tx, &stamp.person)?;
    let doc = read_document(tx, change.document)
        .map_err(e)?
        .ok_or(StoreError::NoDocument(change.document))?
        .into_record()?;
    if doc.state != change.from {
        return Err(StoreError::WrongState {
            document: change.document,
            action: move_label(change.from, change.to),
            expected: change.from,
            actual: doc.state,
        });
    }
    if change.revision != doc.current_revision {
        return Err(StoreError::NotCurrentRevision {
            document: change.document,
            given: change.revision,
            current: doc.current_revision,
        });
    }
    let (approved, signed, signed_by) = match change.to {
        State::Approved => (Some(change.revision), None, None),
        State::Signed => (doc.approved_revision, Some(change.revision), Some(person)),
        _ => (None, None, None),
    };
    let changed = tx
        .prepare_cached(
            "UPDATE documents SET state = ?1, approved_revision = ?2, signed_revision = ?3, \
             signed_by = ?4, updated_at = ?5 WHERE id = ?6 AND state = ?7",
        )
        .and_then(|mut s| {
            s.execute(params![
                change.to.as_str(),
                approved,
                signed,
                signed_by,
                time_text(&stamp.at),
                change.document,
                change.from.as_str()
            ])
        })
        .map_err(e)?;
    if changed != 1 {
        return Err(StoreError::Database(format!(
            "văn bản {} không đổi được trạng thái",
            change.document
        )));
    }
    record_state(
        tx,
        change.document,
        (Some(change.from), change.to),
        change.revision,
        person,
        stamp,
        change.note.as_deref(),
    )
    .map_err(e)?;
    let hash = revision_hash(tx, change.document, change.revision).map_err(e)?;
    let details = serde_json::json!({
        "from": change.from.as_str(),
        "to": change.to.as_str(),
        "revision": change.revision,
        "note": change.note,
    });
    append_audit(
        tx,
        stamp,
        move_action(change.from, change.to),
        Some(change.document),
        Some(&hash),
        &details,
    )
    .map_err(e)?;
    Ok(())
}

/// Writes (or replaces) the signing material of a person or body.
fn put_signing_material(
    tx: &Transaction<'_>,
    kind: &str,
    id: i64,
    certificate: Option<&str>,
    image: Option<&[u8]>,
    seal_diameter_mm: Option<u16>,
) -> rusqlite::Result<()> {
    if certificate.is_none() && image.is_none() && seal_diameter_mm.is_none() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO signing_material (owner_kind, owner_id, certificate, image_png, \
         seal_diameter_mm) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (owner_kind, owner_id) DO \
         UPDATE SET certificate = excluded.certificate, image_png = excluded.image_png, \
         seal_diameter_mm = excluded.seal_diameter_mm",
        params![kind, id, certificate, image, seal_diameter_mm],
    )?;
    Ok(())
}

/// Keeps a signed PDF and records its hash in the audit chain.
fn insert_signed_pdf(
    tx: &Transaction<'_>,
    path: &Path,
    pdf: &NewSignedPdf,
    stamp: &Stamp,
) -> Result<()> {
    let e = |err: rusqlite::Error| map_error(path, err);
    let person = person_id(tx, &stamp.person)?;
    let hash = sha256_hex(&pdf.pdf);
    tx.execute(
        "INSERT INTO signed_pdfs (document_id, revision_no, stage, sha256, pdf, person_id, at, \
         style_toml) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            pdf.document,
            pdf.revision,
            pdf.stage.as_str(),
            hash,
            pdf.pdf,
            person,
            time_text(&stamp.at),
            pdf.style_toml
        ],
    )
    .map_err(e)?;
    append_audit(
        tx,
        stamp,
        match pdf.stage {
            SignatureStage::Signer => "signed-pdf",
            SignatureStage::Agency => "agency-signed-pdf",
        },
        Some(pdf.document),
        None,
        &serde_json::json!({
            "revision": pdf.revision,
            "sha256": hash,
            "bytes": pdf.pdf.len(),
            "signed_with": pdf.signed_with,
        }),
    )
    .map_err(e)?;
    Ok(())
}

/// Whether a row answers a query (inside the caller's transaction).
fn exists(
    tx: &Transaction<'_>,
    sql: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<bool> {
    Ok(tx.query_row(sql, params, |_| Ok(())).optional()?.is_some())
}

fn unit_id(tx: &Transaction<'_>, body: BodyId, abbreviation: &str) -> Result<i64> {
    tx.query_row(
        "SELECT id FROM units WHERE body_id = ?1 AND abbreviation = ?2",
        params![body, abbreviation],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| StoreError::Database(e.to_string()))?
    .ok_or_else(|| StoreError::NotInDirectory {
        what: "đơn vị",
        key: abbreviation.to_owned(),
    })
}

/// The key of a delegation, as messages show it.
fn delegation_key(d: &DelegationSpec) -> String {
    format!(
        "{} {}. {} từ {}",
        d.to,
        authority_text(d.kind),
        d.of,
        d.valid_from
    )
}

/// Deletes the delegation `d` names; false when there is none.
fn delete_delegation(tx: &Transaction<'_>, d: &DelegationSpec) -> Result<bool> {
    let body = body_id(tx, &d.body)?;
    let to = person_id(tx, &d.to)?;
    let n = tx
        .execute(
            "DELETE FROM delegations WHERE body_id = ?1 AND delegate_id = ?2 AND kind = ?3 \
             AND of_title = ?4 AND valid_from = ?5",
            params![
                body,
                to,
                authority_text(d.kind),
                d.of,
                d.valid_from.to_string()
            ],
        )
        .map_err(|e| StoreError::Database(e.to_string()))?;
    Ok(n > 0)
}

/// One directory edit inside the caller's transaction.
fn apply_edit(tx: &Transaction<'_>, path: &Path, edit: &DirectoryEdit) -> Result<()> {
    let db = |e: rusqlite::Error| map_error(path, e);
    let taken = |what: &'static str, key: &str| StoreError::AlreadyInDirectory {
        what,
        key: key.to_owned(),
    };
    let missing = |what: &'static str, key: &str| StoreError::NotInDirectory {
        what,
        key: key.to_owned(),
    };
    match edit {
        DirectoryEdit::PutBody {
            abbreviation,
            name,
            parent_name,
            place,
        } => {
            let n = tx
                .execute(
                    "UPDATE bodies SET name = ?1, parent_name = ?2, place = ?3 \
                     WHERE abbreviation = ?4",
                    params![name, parent_name, place, abbreviation],
                )
                .map_err(db)?;
            if n == 0 {
                return Err(missing("cơ quan", abbreviation));
            }
        }
        DirectoryEdit::PutUnit { previous, unit } => {
            let body = body_id(tx, &unit.body)?;
            put_keyed(
                tx,
                path,
                &Keyed::UNIT,
                body,
                previous.as_deref(),
                &unit.abbreviation,
                params![unit.abbreviation, unit.name, unit.active],
            )?;
        }
        DirectoryEdit::PutPerson { previous, person } => {
            let body = person.body.as_deref().map(|b| body_id(tx, b)).transpose()?;
            let unit = match (body, person.unit.as_deref()) {
                (Some(body), Some(unit)) => Some(unit_id(tx, body, unit)?),
                _ => None,
            };
            let clash = previous.as_deref() != Some(person.login.as_str())
                && exists(tx, "SELECT 1 FROM people WHERE login = ?1", [&person.login])
                    .map_err(db)?;
            if clash {
                return Err(taken("người dùng", &person.login));
            }
            let roles: Vec<&str> = person.roles.iter().map(|r| r.as_str()).collect();
            let titles = serde_json::to_string(&person.titles).unwrap_or_default();
            let roles = serde_json::to_string(&roles).unwrap_or_default();
            match previous {
                Some(prev) => {
                    let n = tx
                        .execute(
                            "UPDATE people SET login = ?1, name = ?2, titles = ?3, roles = ?4, \
                             body_id = ?5, unit_id = ?6 WHERE login = ?7",
                            params![person.login, person.name, titles, roles, body, unit, prev],
                        )
                        .map_err(db)?;
                    if n == 0 {
                        return Err(missing("người dùng", prev));
                    }
                }
                None => {
                    tx.execute(
                        "INSERT INTO people (login, name, titles, roles, body_id, unit_id) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![person.login, person.name, titles, roles, body, unit],
                    )
                    .map_err(db)?;
                }
            }
        }
        DirectoryEdit::PutDelegation {
            previous,
            delegation: d,
        } => {
            if let Some(prev) = previous
                && !delete_delegation(tx, prev)?
            {
                return Err(missing("ủy quyền", &delegation_key(prev)));
            }
            let body = body_id(tx, &d.body)?;
            let from = d.from.as_deref().map(|l| person_id(tx, l)).transpose()?;
            let to = person_id(tx, &d.to)?;
            let clash = exists(
                tx,
                "SELECT 1 FROM delegations WHERE delegate_id = ?1 AND kind = ?2 \
                 AND of_title = ?3 AND valid_from = ?4",
                params![to, authority_text(d.kind), d.of, d.valid_from.to_string()],
            )
            .map_err(db)?;
            if clash {
                return Err(taken("ủy quyền", &delegation_key(d)));
            }
            tx.execute(
                "INSERT INTO delegations (body_id, delegator_id, delegate_id, kind, of_title, \
                 valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    body,
                    from,
                    to,
                    authority_text(d.kind),
                    d.of,
                    d.valid_from.to_string(),
                    d.valid_to.map(|v| v.to_string())
                ],
            )
            .map_err(db)?;
        }
        DirectoryEdit::RemoveDelegation { delegation } => {
            if !delete_delegation(tx, delegation)? {
                return Err(missing("ủy quyền", &delegation_key(delegation)));
            }
        }
        DirectoryEdit::PutRecipientGroup { previous, group } => {
            let body = body_id(tx, &group.body)?;
            let members = serde_json::to_string(&group.members).unwrap_or_default();
            put_keyed(
                tx,
                path,
                &Keyed::GROUP,
                body,
                previous.as_deref(),
                &group.name,
                params![group.name, members],
            )?;
        }
        DirectoryEdit::RemoveRecipientGroup { body, name } => {
            let body = body_id(tx, body)?;
            let n = tx
                .execute(
                    "DELETE FROM recipient_groups WHERE body_id = ?1 AND name = ?2",
                    params![body, name],
                )
                .map_err(db)?;
            if n == 0 {
                return Err(missing("nhóm nơi nhận", name));
            }
        }
        DirectoryEdit::PutRegister { previous, register } => {
            let body = body_id(tx, &register.body)?;
            if let Some(t) = register
                .types
                .iter()
                .find(|t| vanban_core::DocumentType::from_slug(t).is_none())
            {
                return Err(missing("loại văn bản", t));
            }
            let types = serde_json::to_string(&register.types).unwrap_or_default();
            put_keyed(
                tx,
                path,
                &Keyed::REGISTER,
                body,
                previous.as_deref(),
                &register.name,
                params![register.name, types, register.secret],
            )?;
        }
        DirectoryEdit::PutSigningMaterial {
            body,
            person,
            material: m,
        } => {
            let body = body_id(tx, body)?;
            let owner = match person {
                Some(login) => {
                    let id = tx
                        .query_row(
                            "SELECT id FROM people WHERE login = ?1 AND body_id = ?2",
                            params![login, body],
                            |r| r.get::<_, i64>(0),
                        )
                        .optional()
                        .map_err(db)?;
                    ("person", id.ok_or_else(|| missing("người dùng", login))?)
                }
                None => ("body", body),
            };
            tx.execute(
                "DELETE FROM signing_material WHERE owner_kind = ?1 AND owner_id = ?2",
                params![owner.0, owner.1],
            )
            .map_err(db)?;
            put_signing_material(
                tx,
                owner.0,
                owner.1,
                m.certificate.as_deref(),
                m.image_png.as_deref(),
                m.seal_diameter_mm,
            )
            .map_err(db)?;
        }
    }
    Ok(())
}

/// Adds an entry of `kind` to `body`, or changes the one whose key was `previous`: its
/// columns (the key's among them, its new value `key`) are set to `values`. A key another entry of the body already has is refused, and so is a `previous` that names
/// none.
fn put_keyed(
    tx: &Transaction<'_>,
    path: &Path,
    kind: &Keyed,
    body: BodyId,
    previous: Option<&str>,
    key: &str,
    values: &[&dyn rusqlite::ToSql],
) -> Result<()> {
    let db = |e: rusqlite::Error| map_error(path, e);
    let mark = |i: usize| format!("?{i}");
    if previous != Some(key)
        && exists(tx, &kind.select_sql(mark), params![body, key]).map_err(db)?
    {
        return Err(StoreError::AlreadyInDirectory {
            what: kind.what,
            key: key.to_owned(),
        });
    }
    let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
    match previous {
        Some(prev) => {
            all.extend([&body as &dyn rusqlite::ToSql, &prev]);
            if tx
                .execute(&kind.update_sql(mark), all.as_slice())
                .map_err(db)?
                == 0
            {
                return Err(StoreError::NotInDirectory {
                    what: kind.what,
                    key: prev.to_owned(),
                });
            }
        }
        None => {
            all.insert(0, &body);
            tx.execute(&kind.insert_sql(mark), all.as_slice())
                .map_err(db)?;
        }
    }
    Ok(())
}

impl Store for SqliteStore {
    fn import_directory(&mut self, dir: &Directory, stamp: &Stamp) -> Result<ImportSummary> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let mut summary = ImportSummary::default();
        for b in &dir.bodies {
            tx.execute(
                "INSERT INTO bodies (abbreviation, name, parent_name, place, address_line) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (abbreviation) DO UPDATE SET \
                 name = excluded.name, parent_name = excluded.parent_name, \
                 place = excluded.place, address_line = excluded.address_line",
                params![
                    b.abbreviation,
                    b.name,
                    b.parent_name,
                    b.place,
                    b.address_line
                ],
            )
            .map_err(e)?;
            let id = body_id(&tx, &b.abbreviation)?;
            put_signing_material(
                &tx,
                "body",
                id,
                b.certificate.as_deref(),
                b.seal_png.as_deref(),
                b.seal_diameter_mm,
            )
            .map_err(e)?;
            summary.bodies += 1;
        }
        for u in &dir.units {
            let body = body_id(&tx, &u.body)?;
            tx.execute(
                "INSERT INTO units (body_id, abbreviation, name, active) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (body_id, abbreviation) DO UPDATE SET name = excluded.name, \
                 active = excluded.active",
                params![body, u.abbreviation, u.name, u.active],
            )
            .map_err(e)?;
            summary.units += 1;
        }
        for p in &dir.people {
            let body = p.body.as_deref().map(|b| body_id(&tx, b)).transpose()?;
            let unit: Option<i64> = match (body, p.unit.as_deref()) {
                (Some(body), Some(unit)) => Some(
                    tx.query_row(
                        "SELECT id FROM units WHERE body_id = ?1 AND abbreviation = ?2",
                        params![body, unit],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(e)?
                    .ok_or_else(|| StoreError::NotInDirectory {
                        what: "đơn vị",
                        key: unit.to_owned(),
                    })?,
                ),
                _ => None,
            };
            let roles: Vec<&str> = p.roles.iter().map(|r| r.as_str()).collect();
            tx.execute(
                "INSERT INTO people (login, name, titles, roles, body_id, unit_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (login) DO UPDATE SET \
                 name = excluded.name, titles = excluded.titles, roles = excluded.roles, \
                 body_id = excluded.body_id, unit_id = excluded.unit_id",
                params![
                    p.login,
                    p.name,
                    serde_json::to_string(&p.titles).unwrap_or_default(),
                    serde_json::to_string(&roles).unwrap_or_default(),
                    body,
                    unit
                ],
            )
            .map_err(e)?;
            let id = person_id(&tx, &p.login)?;
            put_signing_material(
                &tx,
                "person",
                id,
                p.certificate.as_deref(),
                p.signature_png.as_deref(),
                None,
            )
            .map_err(e)?;
            summary.people += 1;
        }
        for d in &dir.delegations {
            let body = body_id(&tx, &d.body)?;
            let from = d.from.as_deref().map(|l| person_id(&tx, l)).transpose()?;
            let to = person_id(&tx, &d.to)?;
            tx.execute(
                "INSERT INTO delegations (body_id, delegator_id, delegate_id, kind, of_title, \
                 valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (delegate_id, kind, of_title, valid_from) DO UPDATE SET \
                 body_id = excluded.body_id, delegator_id = excluded.delegator_id, \
                 valid_to = excluded.valid_to",
                params![
                    body,
                    from,
                    to,
                    authority_text(d.kind),
                    d.of,
                    d.valid_from.to_string(),
                    d.valid_to.map(|v| v.to_string())
                ],
            )
            .map_err(e)?;
            summary.delegations += 1;
        }
        for g in &dir.recipient_groups {
            let body = body_id(&tx, &g.body)?;
            tx.execute(
                "INSERT INTO recipient_groups (body_id, name, members) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (body_id, name) DO UPDATE SET members = excluded.members",
                params![
                    body,
                    g.name,
                    serde_json::to_string(&g.members).unwrap_or_default()
                ],
            )
            .map_err(e)?;
            summary.recipient_groups += 1;
        }
        for r in &dir.registers {
            let body = body_id(&tx, &r.body)?;
            for t in &r.types {
                if vanban_core::DocumentType::from_slug(t).is_none() {
                    return Err(StoreError::NotInDirectory {
                        what: "loại văn bản",
                        key: t.clone(),
                    });
                }
            }
            tx.execute(
                "INSERT INTO registers (body_id, name, doc_types, secret) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (body_id, name) DO UPDATE SET doc_types = excluded.doc_types, \
                 secret = excluded.secret",
                params![
                    body,
                    r.name,
                    serde_json::to_string(&r.types).unwrap_or_default(),
                    r.secret
                ],
            )
            .map_err(e)?;
            summary.registers += 1;
        }
        let details = serde_json::to_value(summary).unwrap_or_default();
        append_audit(&tx, stamp, "directory-import", None, None, &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(summary)
    }

    fn edit_directory(&mut self, edit: &DirectoryEdit, stamp: &Stamp) -> Result<()> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        apply_edit(&tx, &path, edit)?;
        let details = serde_json::to_value(edit).unwrap_or_default();
        append_audit(&tx, stamp, edit.action(), None, None, &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(())
    }

    fn pin_hash(&self, login: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached(
                "SELECT n.hash FROM pins n JOIN people p ON p.id = n.person_id WHERE p.login = ?1",
            )
            .and_then(|mut s| s.query_row([login], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    fn set_pin(&mut self, login: &str, hash: Option<&str>, stamp: &Stamp) -> Result<()> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let person = person_id(&tx, login)?;
        let action = match hash {
            Some(hash) => {
                tx.execute(
                    "INSERT INTO pins (person_id, hash) VALUES (?1, ?2) \
                     ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash",
                    params![person, hash],
                )
                .map_err(e)?;
                "pin-set"
            }
            None => {
                tx.execute("DELETE FROM pins WHERE person_id = ?1", [person])
                    .map_err(e)?;
                "pin-clear"
            }
        };
        let details = serde_json::json!({ "person": login });
        append_audit(&tx, stamp, action, None, None, &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(())
    }

    fn person(&self, login: &str) -> Result<Option<Person>> {
        let raw = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.login, p.name, p.titles, p.roles, p.body_id, u.name, \
                 EXISTS (SELECT 1 FROM pins WHERE person_id = p.id) FROM people p \
                 LEFT JOIN units u ON u.id = p.unit_id WHERE p.login = ?1",
            )
            .and_then(|mut s| {
                s.query_row([login], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, bool>(7)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| self.err(e))?;
        raw.map(person_from_raw).transpose()
    }

    fn people(&self) -> Result<Vec<Person>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.login, p.name, p.titles, p.roles, p.body_id, u.name, \
                 EXISTS (SELECT 1 FROM pins WHERE person_id = p.id) FROM people p \
                 LEFT JOIN units u ON u.id = p.unit_id ORDER BY p.login",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<i64>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, bool>(7)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter().map(person_from_raw).collect()
    }

    fn body(&self, id: BodyId) -> Result<Option<Body>> {
        self.conn
            .prepare_cached(
                "SELECT id, abbreviation, name, parent_name, place, address_line FROM bodies \
                 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok(Body {
                        id: r.get(0)?,
                        abbreviation: r.get(1)?,
                        name: r.get(2)?,
                        parent_name: r.get(3)?,
                        place: r.get(4)?,
                        address_line: r.get(5)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    fn registers(&self, body: BodyId) -> Result<Vec<Register>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT id, body_id, name, doc_types, secret FROM registers WHERE body_id = ?1 \
                 ORDER BY id",
            )
            .and_then(|mut s| {
                s.query_map([body], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, bool>(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(id, body, name, types, secret)| {
                Ok(Register {
                    id,
                    body,
                    name,
                    types: json_list(&types)?,
                    secret,
                })
            })
            .collect()
    }

    fn export_directory(&self) -> Result<Directory> {
        let e = |err: rusqlite::Error| self.err(err);
        let c = &self.conn;
        let bodies = c
            .prepare_cached(
                "SELECT b.abbreviation, b.name, b.parent_name, b.place, b.address_line, \
                 m.certificate, m.seal_diameter_mm FROM bodies b LEFT JOIN signing_material m \
                 ON m.owner_kind = 'body' AND m.owner_id = b.id ORDER BY b.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(BodySpec {
                        abbreviation: r.get(0)?,
                        name: r.get(1)?,
                        parent_name: r.get(2)?,
                        place: r.get(3)?,
                        address_line: r.get(4)?,
                        // The certificate's path as stored (absolute); images are kept in
                        // the database only and are not written back as files.
                        certificate: r.get(5)?,
                        seal_diameter_mm: r.get(6)?,
                        ..BodySpec::default()
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(e)?;
        let units = c
            .prepare_cached(
                "SELECT b.abbreviation, u.abbreviation, u.name, u.active FROM units u \
                 JOIN bodies b ON b.id = u.body_id ORDER BY u.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(UnitSpec {
                        body: r.get(0)?,
                        abbreviation: r.get(1)?,
                        name: r.get(2)?,
                        active: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(e)?;
        let people = c
            .prepare_cached(
                "SELECT p.login, p.name, p.titles, p.roles, b.abbreviation, u.abbreviation, \
                 m.certificate FROM people p LEFT JOIN bodies b ON b.id = p.body_id \
                 LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN signing_material m \
                 ON m.owner_kind = 'person' AND m.owner_id = p.id ORDER BY p.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(e)?
            .into_iter()
            .map(|(login, name, titles, roles, body, unit, certificate)| {
                let corrupt = |what: &str| StoreError::Corrupt(format!("{what} của {login}"));
                Ok(PersonSpec {
                    titles: serde_json::from_str(&titles).map_err(|_| corrupt("chức danh"))?,
                    roles: serde_json::from_str(&roles).map_err(|_| corrupt("vai trò"))?,
                    login,
                    name,
                    body,
                    unit,
                    certificate,
                    ..PersonSpec::default()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let delegations = c
            .prepare_cached(
                "SELECT b.abbreviation, f.login, t.login, d.kind, d.of_title, d.valid_from, \
                 d.valid_to FROM delegations d JOIN bodies b ON b.id = d.body_id \
                 LEFT JOIN people f ON f.id = d.delegator_id \
                 JOIN people t ON t.id = d.delegate_id ORDER BY d.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(e)?
            .into_iter()
            .map(|(body, from, to, kind, of, valid_from, valid_to)| {
                Ok(DelegationSpec {
                    body,
                    from,
                    to,
                    kind: authority_parse(&kind)?,
                    of,
                    valid_from: parse_date(&valid_from)?,
                    valid_to: valid_to.as_deref().map(parse_date).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let recipient_groups = c
            .prepare_cached(
                "SELECT b.abbreviation, g.name, g.members FROM recipient_groups g \
                 JOIN bodies b ON b.id = g.body_id ORDER BY g.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(e)?
            .into_iter()
            .map(|(body, name, members)| {
                Ok(RecipientGroupSpec {
                    members: serde_json::from_str(&members)
                        .map_err(|_| StoreError::Corrupt(format!("nhóm nơi nhận {name}")))?,
                    body,
                    name,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let registers = c
            .prepare_cached(
                "SELECT b.abbreviation, r.name, r.doc_types, r.secret FROM registers r \
                 JOIN bodies b ON b.id = r.body_id ORDER BY r.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, bool>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(e)?
            .into_iter()
            .map(|(body, name, types, secret)| {
                Ok(RegisterSpec {
                    types: serde_json::from_str(&types)
                        .map_err(|_| StoreError::Corrupt(format!("sổ {name}")))?,
                    body,
                    name,
                    secret,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Directory {
            bodies,
            units,
            people,
            delegations,
            recipient_groups,
            registers,
        })
    }

    fn units(&self, body: BodyId) -> Result<Vec<Unit>> {
        self.conn
            .prepare_cached(
                "SELECT body_id, abbreviation, name, active FROM units WHERE body_id = ?1 \
                 ORDER BY name",
            )
            .and_then(|mut s| {
                s.query_map([body], |r| {
                    Ok(Unit {
                        body: r.get(0)?,
                        abbreviation: r.get(1)?,
                        name: r.get(2)?,
                        active: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))
    }

    fn recipient_groups(&self, body: BodyId) -> Result<Vec<RecipientGroup>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT body_id, name, members FROM recipient_groups WHERE body_id = ?1 \
                 ORDER BY name",
            )
            .and_then(|mut s| {
                s.query_map([body], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(body, name, members)| {
                Ok(RecipientGroup {
                    body,
                    name,
                    members: json_list(&members)?,
                })
            })
            .collect()
    }

    fn delegations_to(&self, person: PersonId) -> Result<Vec<Delegation>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT body_id, delegate_id, kind, of_title, valid_from, valid_to \
                 FROM delegations WHERE delegate_id = ?1 ORDER BY id",
            )
            .and_then(|mut s| {
                s.query_map([person], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(body, delegate, kind, of, from, to)| {
                Ok(Delegation {
                    body,
                    delegate,
                    kind: authority_parse(&kind)?,
                    of,
                    valid_from: parse_date(&from)?,
                    valid_to: to.as_deref().map(parse_date).transpose()?,
                })
            })
            .collect()
    }

    fn create_document(&mut self, new: &NewDocument, stamp: &Stamp) -> Result<DocumentRecord> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let owner = person_id(&tx, &stamp.person)?;
        let body_exists: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM bodies WHERE id = ?1)",
                [new.body],
                |r| r.get(0),
            )
            .map_err(e)?;
        if !body_exists {
            return Err(StoreError::NotInDirectory {
                what: "cơ quan",
                key: new.body.to_string(),
            });
        }
        let at = time_text(&stamp.at);
        tx.prepare_cached(
            "INSERT INTO documents (body_id, owner_id, doc_type, subject, state, \
             current_revision, copied_from, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, 'draft', 1, ?5, ?6, ?6)",
        )
        .and_then(|mut s| {
            s.execute(params![
                new.body,
                owner,
                new.content.doc_type,
                new.content.subject,
                new.copied_from,
                at
            ])
        })
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        let hash = insert_revision(&tx, id, 1, owner, stamp, &new.content).map_err(e)?;
        record_state(&tx, id, (None, State::Draft), 1, owner, stamp, None).map_err(e)?;
        index_for_search(&tx, id, &new.content).map_err(e)?;
        let details = serde_json::json!({ "revision": 1, "copied_from": new.copied_from });
        append_audit(&tx, stamp, "create", Some(id), Some(&hash), &details).map_err(e)?;
        let record = read_document(&tx, id)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(id))?
            .into_record()?;
        tx.commit().map_err(e)?;
        Ok(record)
    }

    fn save_revision(
        &mut self,
        document: DocumentId,
        base: u32,
        content: &RevisionContent,
        stamp: &Stamp,
    ) -> Result<RevisionInfo> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let author = person_id(&tx, &stamp.person)?;
        let doc = read_document(&tx, document)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(document))?
            .into_record()?;
        if doc.state != State::Draft {
            return Err(StoreError::WrongState {
                document,
                action: "lưu bản sửa",
                expected: State::Draft,
                actual: doc.state,
            });
        }
        if doc.current_revision != base {
            let author: String = tx
                .query_row(
                    "SELECT p.login FROM revisions r JOIN people p ON p.id = r.author_id \
                     WHERE r.document_id = ?1 AND r.no = ?2",
                    params![document, doc.current_revision],
                    |r| r.get(0),
                )
                .map_err(e)?;
            return Err(StoreError::RevisionConflict {
                document,
                base,
                current: doc.current_revision,
                author,
            });
        }
        let no = doc.current_revision + 1;
        let hash = insert_revision(&tx, document, no, author, stamp, content).map_err(e)?;
        tx.prepare_cached(
            "UPDATE documents SET current_revision = ?1, doc_type = ?2, subject = ?3, \
             updated_at = ?4 WHERE id = ?5 AND state = 'draft' AND current_revision = ?6",
        )
        .and_then(|mut s| {
            s.execute(params![
                no,
                content.doc_type,
                content.subject,
                time_text(&stamp.at),
                document,
                doc.current_revision
            ])
        })
        .map_err(e)?;
        index_for_search(&tx, document, content).map_err(e)?;
        let details = serde_json::json!({ "revision": no });
        append_audit(&tx, stamp, "save", Some(document), Some(&hash), &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(RevisionInfo {
            document,
            no,
            author: stamp.person.clone(),
            at: stamp.at,
            content_hash: hash,
        })
    }

    fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>> {
        read_document(&self.conn, id)
            .map_err(|e| self.err(e))?
            .map(RawDocument::into_record)
            .transpose()
    }

    fn revision(&self, document: DocumentId, no: u32) -> Result<Option<Revision>> {
        let raw = self
            .conn
            .prepare_cached(
                "SELECT p.login, r.at, r.content_hash, r.content FROM revisions r \
                 JOIN people p ON p.id = r.author_id WHERE r.document_id = ?1 AND r.no = ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![document, no], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .optional()
            })
            .map_err(|e| self.err(e))?;
        raw.map(|(author, at, hash, json)| {
            Ok(Revision {
                info: RevisionInfo {
                    document,
                    no,
                    author,
                    at: parse_time(&at)?,
                    content_hash: hash,
                },
                json,
            })
        })
        .transpose()
    }

    fn revisions(&self, document: DocumentId) -> Result<Vec<RevisionInfo>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT r.no, p.login, r.at, r.content_hash FROM revisions r \
                 JOIN people p ON p.id = r.author_id WHERE r.document_id = ?1 ORDER BY r.no",
            )
            .and_then(|mut s| {
                s.query_map([document], |r| {
                    Ok((
                        r.get::<_, u32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(no, author, at, hash)| {
                Ok(RevisionInfo {
                    document,
                    no,
                    author,
                    at: parse_time(&at)?,
                    content_hash: hash,
                })
            })
            .collect()
    }

    fn change_state(&mut self, change: &StateChange, stamp: &Stamp) -> Result<DocumentRecord> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        apply_state_change(&tx, &path, change, stamp)?;
        let record = read_document(&tx, change.document)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(change.document))?
            .into_record()?;
        tx.commit().map_err(e)?;
        Ok(record)
    }

    fn signing_material(&self, owner: Owner) -> Result<Option<SigningMaterial>> {
        let (kind, id) = match owner {
            Owner::Person(id) => ("person", id),
            Owner::Body(id) => ("body", id),
        };
        self.conn
            .prepare_cached(
                "SELECT certificate, image_png, seal_diameter_mm FROM signing_material \
                 WHERE owner_kind = ?1 AND owner_id = ?2",
            )
            .and_then(|mut st| {
                st.query_row(params![kind, id], |r| {
                    Ok(SigningMaterial {
                        certificate: r.get(0)?,
                        image_png: r.get(1)?,
                        seal_diameter_mm: r.get(2)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    fn sign_with_pdf(
        &mut self,
        change: &StateChange,
        pdf: &NewSignedPdf,
        stamp: &Stamp,
    ) -> Result<DocumentRecord> {
        if change.to != State::Signed || pdf.document != change.document {
            return Err(StoreError::NoSuchMove {
                from: change.from,
                to: change.to,
            });
        }
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        apply_state_change(&tx, &path, change, stamp)?;
        insert_signed_pdf(&tx, &path, pdf, stamp)?;
        let record = read_document(&tx, change.document)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(change.document))?
            .into_record()?;
        tx.commit().map_err(e)?;
        Ok(record)
    }

    fn add_signed_pdf(&mut self, pdf: &NewSignedPdf, stamp: &Stamp) -> Result<()> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let doc = read_document(&tx, pdf.document)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(pdf.document))?
            .into_record()?;
        if doc.state != State::Issued {
            return Err(StoreError::WrongState {
                document: pdf.document,
                action: "lưu bản ký số của cơ quan",
                expected: State::Issued,
                actual: doc.state,
            });
        }
        insert_signed_pdf(&tx, &path, pdf, stamp)?;
        tx.commit().map_err(e)?;
        Ok(())
    }

    fn signed_pdfs(&self, document: DocumentId) -> Result<Vec<SignedPdf>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT x.revision_no, x.stage, x.sha256, x.pdf, p.login, x.at, x.style_toml \
                 FROM signed_pdfs x JOIN people p ON p.id = x.person_id \
                 WHERE x.document_id = ?1 ORDER BY x.id",
            )
            .and_then(|mut st| {
                st.query_map([document], |r| {
                    Ok((
                        r.get::<_, u32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Vec<u8>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(revision, stage, sha256, pdf, person, at, style_toml)| {
                Ok(SignedPdf {
                    document,
                    revision,
                    stage: SignatureStage::parse(&stage)
                        .ok_or_else(|| StoreError::Corrupt(format!("giai đoạn ký “{stage}”")))?,
                    sha256,
                    pdf,
                    person,
                    at,
                    style_toml,
                })
            })
            .collect()
    }

    fn history(&self, document: DocumentId) -> Result<Vec<StateChangeRecord>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT s.from_state, s.to_state, s.revision_no, p.login, s.at, s.note \
                 FROM state_changes s JOIN people p ON p.id = s.person_id \
                 WHERE s.document_id = ?1 ORDER BY s.id",
            )
            .and_then(|mut s| {
                s.query_map([document], |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(from, to, revision, person, at, note)| {
                Ok(StateChangeRecord {
                    from: from.as_deref().map(parse_state).transpose()?,
                    to: parse_state(&to)?,
                    revision,
                    person,
                    at: parse_time(&at)?,
                    note,
                })
            })
            .collect()
    }

    fn add_comment(&mut self, comment: &NewComment, stamp: &Stamp) -> Result<Comment> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let person = person_id(&tx, &stamp.person)?;
        let hash = revision_hash(&tx, comment.document, comment.revision)
            .optional()
            .map_err(e)?
            .ok_or(StoreError::NoRevision {
                document: comment.document,
                no: comment.revision,
            })?;
        tx.execute(
            "INSERT INTO comments (document_id, revision_no, anchor, text, person_id, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                comment.document,
                comment.revision,
                comment.anchor,
                comment.text,
                person,
                time_text(&stamp.at)
            ],
        )
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        let details = serde_json::json!({
            "revision": comment.revision,
            "anchor": comment.anchor,
            "text": comment.text,
        });
        append_audit(
            &tx,
            stamp,
            "comment",
            Some(comment.document),
            Some(&hash),
            &details,
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(Comment {
            id,
            document: comment.document,
            revision: comment.revision,
            anchor: comment.anchor.clone(),
            text: comment.text.clone(),
            person: stamp.person.clone(),
            at: stamp.at,
        })
    }

    fn comments(&self, document: DocumentId) -> Result<Vec<Comment>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.revision_no, c.anchor, c.text, p.login, c.at FROM comments c \
                 JOIN people p ON p.id = c.person_id WHERE c.document_id = ?1 ORDER BY c.id",
            )
            .and_then(|mut s| {
                s.query_map([document], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, u32>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(id, revision, anchor, text, person, at)| {
                Ok(Comment {
                    id,
                    document,
                    revision,
                    anchor,
                    text,
                    person,
                    at: parse_time(&at)?,
                })
            })
            .collect()
    }

    fn issue(
        &mut self,
        request: &IssueRequest,
        content: &dyn Fn(u32) -> RevisionContent,
        stamp: &Stamp,
    ) -> Result<RegisterEntry> {
        let year = request.issued_on.year();
        if !(1900..=9999).contains(&year) {
            return Err(StoreError::BadDate(request.issued_on.to_string()));
        }
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        // BEGIN IMMEDIATE: from here to the commit no other writer runs, so the number read
        // below is still the next one when the entry is written. (A PostgreSQL store takes
        // the same guarantee from `SELECT … FOR UPDATE` on the register's row.)
        let tx = self.write()?;
        let clerk = person_id(&tx, &stamp.person)?;
        let doc = read_document(&tx, request.document)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(request.document))?
            .into_record()?;
        if doc.state != State::Signed {
            return Err(StoreError::WrongState {
                document: request.document,
                action: "ban hành",
                expected: State::Signed,
                actual: doc.state,
            });
        }
        let register: Option<(i64, String)> = tx
            .query_row(
                "SELECT body_id, name FROM registers WHERE id = ?1",
                [request.register],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(e)?;
        let register_name = match register {
            Some((body, name)) if body == doc.body => name,
            _ => {
                return Err(StoreError::NotInDirectory {
                    what: "sổ văn bản đi của cơ quan ban hành văn bản",
                    key: request.register.to_string(),
                });
            }
        };
        let number: u32 = tx
            .query_row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM register_entries \
                 WHERE register_id = ?1 AND year = ?2",
                params![request.register, year],
                |r| r.get(0),
            )
            .map_err(e)?;
        let issued = content(number);
        let no = doc.current_revision + 1;
        let hash = insert_revision(&tx, request.document, no, clerk, stamp, &issued).map_err(e)?;
        let number_symbol = format!("{}/{}", pad_number(number), request.symbol);
        let d = &request.details;
        let inserted = tx.execute(
            "INSERT INTO register_entries (register_id, body_id, year, number, symbol, \
             number_symbol, issued_on, document_id, revision_no, doc_type, type_and_subject, \
             signer, recipients, file_copy, copies, clerk_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            params![
                request.register,
                doc.body,
                year,
                number,
                request.symbol,
                number_symbol,
                request.issued_on.to_string(),
                request.document,
                no,
                issued.doc_type,
                d.type_and_subject,
                d.signer,
                d.recipients,
                d.file_copy,
                d.copies,
                clerk
            ],
        );
        if let Err(err) = inserted {
            if sqlite_code(&err) == Some(ErrorCode::ConstraintViolation)
                && err.to_string().contains("number_symbol")
            {
                return Err(StoreError::DuplicateNumber {
                    number_symbol,
                    year,
                });
            }
            return Err(e(err));
        }
        let at = time_text(&stamp.at);
        tx.execute(
            "UPDATE documents SET state = 'issued', issued_revision = ?1, current_revision = ?1, \
             doc_type = ?2, subject = ?3, updated_at = ?4 WHERE id = ?5 AND state = 'signed'",
            params![no, issued.doc_type, issued.subject, at, request.document],
        )
        .map_err(e)?;
        record_state(
            &tx,
            request.document,
            (Some(State::Signed), State::Issued),
            no,
            clerk,
            stamp,
            None,
        )
        .map_err(e)?;
        index_for_search(&tx, request.document, &issued).map_err(e)?;
        let details = serde_json::json!({
            "register": register_name,
            "number_symbol": number_symbol,
            "issued_on": request.issued_on.to_string(),
            "revision": no,
        });
        append_audit(
            &tx,
            stamp,
            "issue",
            Some(request.document),
            Some(&hash),
            &details,
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(RegisterEntry {
            register: request.register,
            register_name,
            body: doc.body,
            year,
            number,
            symbol: request.symbol.clone(),
            number_symbol,
            issued_on: request.issued_on,
            document: request.document,
            revision: no,
            doc_type: issued.doc_type,
            details: request.details.clone(),
            clerk: stamp.person.clone(),
            first_sent_on: None,
        })
    }

    fn register_entries(&self, year: i32, body: Option<BodyId>) -> Result<Vec<RegisterEntry>> {
        type Raw = (
            (i64, String, i64, i32, u32, String, String, String),
            (
                i64,
                u32,
                String,
                String,
                String,
                String,
                String,
                Option<u32>,
            ),
            (String, Option<String>),
        );
        let raws: Vec<Raw> = self
            .conn
            .prepare_cached(
                "SELECT e.register_id, r.name, e.body_id, e.year, e.number, e.symbol, \
                 e.number_symbol, e.issued_on, e.document_id, e.revision_no, e.doc_type, \
                 e.type_and_subject, e.signer, e.recipients, e.file_copy, e.copies, p.login, \
                 (SELECT MIN(sent_on) FROM distributions x WHERE x.document_id = e.document_id) \
                 FROM register_entries e JOIN registers r ON r.id = e.register_id \
                 JOIN people p ON p.id = e.clerk_id \
                 WHERE e.year = ?1 AND (?2 IS NULL OR e.body_id = ?2) \
                 ORDER BY e.body_id, e.register_id, e.number",
            )
            .and_then(|mut s| {
                s.query_map(params![year, body], |r| {
                    Ok((
                        (
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(7)?,
                        ),
                        (
                            r.get(8)?,
                            r.get(9)?,
                            r.get(10)?,
                            r.get(11)?,
                            r.get(12)?,
                            r.get(13)?,
                            r.get(14)?,
                            r.get(15)?,
                        ),
                        (r.get(16)?, r.get(17)?),
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(a, b, c)| {
                let (register, register_name, body, year, number, symbol, number_symbol, on) = a;
                let (document, revision, doc_type, type_and_subject, signer, recipients, file, n) =
                    b;
                let (clerk, sent) = c;
                Ok(RegisterEntry {
                    register,
                    register_name,
                    body,
                    year,
                    number,
                    symbol,
                    number_symbol,
                    issued_on: parse_date(&on)?,
                    document,
                    revision,
                    doc_type,
                    details: RegisterDetails {
                        type_and_subject,
                        signer,
                        recipients,
                        file_copy: file,
                        copies: n,
                    },
                    clerk,
                    first_sent_on: sent.as_deref().map(parse_date).transpose()?,
                })
            })
            .collect()
    }

    fn record_distribution(
        &mut self,
        distribution: &NewDistribution,
        stamp: &Stamp,
    ) -> Result<Distribution> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let person = person_id(&tx, &stamp.person)?;
        let doc = read_document(&tx, distribution.document)
            .map_err(e)?
            .ok_or(StoreError::NoDocument(distribution.document))?
            .into_record()?;
        if doc.state != State::Issued {
            return Err(StoreError::WrongState {
                document: distribution.document,
                action: "ghi nhận gửi văn bản",
                expected: State::Issued,
                actual: doc.state,
            });
        }
        tx.execute(
            "INSERT INTO distributions (document_id, recipient, channel, sent_on, note, \
             person_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                distribution.document,
                distribution.recipient,
                distribution.channel,
                distribution.sent_on.to_string(),
                distribution.note,
                person,
                time_text(&stamp.at)
            ],
        )
        .map_err(e)?;
        let hash = doc
            .issued_revision
            .map(|no| revision_hash(&tx, distribution.document, no))
            .transpose()
            .map_err(e)?;
        let details = serde_json::json!({
            "recipient": distribution.recipient,
            "channel": distribution.channel,
            "sent_on": distribution.sent_on.to_string(),
            "note": distribution.note,
        });
        append_audit(
            &tx,
            stamp,
            "distribute",
            Some(distribution.document),
            hash.as_deref(),
            &details,
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(Distribution {
            document: distribution.document,
            recipient: distribution.recipient.clone(),
            channel: distribution.channel.clone(),
            sent_on: distribution.sent_on,
            note: distribution.note.clone(),
            person: stamp.person.clone(),
        })
    }

    fn distributions(&self, document: DocumentId) -> Result<Vec<Distribution>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT x.recipient, x.channel, x.sent_on, x.note, p.login FROM distributions x \
                 JOIN people p ON p.id = x.person_id WHERE x.document_id = ?1 ORDER BY x.id",
            )
            .and_then(|mut s| {
                s.query_map([document], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(recipient, channel, sent_on, note, person)| {
                Ok(Distribution {
                    document,
                    recipient,
                    channel,
                    sent_on: parse_date(&sent_on)?,
                    note,
                    person,
                })
            })
            .collect()
    }

    fn list_documents(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>> {
        let raws = self
            .conn
            .prepare_cached(&format!(
                "{SUMMARY_SELECT} WHERE (?1 IS NULL OR d.state = ?1) \
                 ORDER BY d.updated_at DESC, d.id DESC LIMIT ?2 OFFSET ?3"
            ))
            .and_then(|mut s| {
                s.query_map(
                    params![query.state.map(State::as_str), query.limit, query.offset],
                    summary_row,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter().map(summary).collect()
    }

    fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let raws = self
            .conn
            .prepare_cached(&format!(
                "{SUMMARY_SELECT} JOIN (SELECT rowid AS id, rank FROM search \
                 WHERE search MATCH ?1 ORDER BY rank LIMIT ?2) m ON m.id = d.id ORDER BY m.rank"
            ))
            .and_then(|mut s| {
                s.query_map(params![query, limit], summary_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter().map(summary).collect()
    }

    fn record_event(&mut self, event: &Event, stamp: &Stamp) -> Result<AuditRow> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        person_id(&tx, &stamp.person)?;
        if let Some(doc) = event.document
            && read_document(&tx, doc).map_err(e)?.is_none()
        {
            return Err(StoreError::NoDocument(doc));
        }
        let row = append_audit(
            &tx,
            stamp,
            &event.action,
            event.document,
            event.revision_hash.as_deref(),
            &event.details,
        )
        .map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(row)
    }

    fn audit_rows(&self) -> Result<Vec<AuditRow>> {
        self.conn
            .prepare_cached(
                "SELECT seq, at, actor, action, document_id, revision_hash, details, prev_hash, \
                 hash FROM audit ORDER BY seq",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(AuditRow {
                        seq: r.get(0)?,
                        at: r.get(1)?,
                        actor: r.get(2)?,
                        action: r.get(3)?,
                        document: r.get(4)?,
                        revision_hash: r.get(5)?,
                        details: r.get(6)?,
                        prev_hash: r.get(7)?,
                        hash: r.get(8)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))
    }

    fn verify_audit(&self) -> Result<Verification> {
        let rows = self.audit_rows()?;
        let head: Option<(i64, String)> = self
            .conn
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(audit::verify(&rows, head))
    }

    fn save_template(&mut self, template: &NewTemplate, stamp: &Stamp) -> Result<TemplateInfo> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let person = person_id(&tx, &stamp.person)?;
        let body: Option<i64> = tx
            .query_row(
                "SELECT id FROM bodies WHERE id = ?1",
                [template.body],
                |r| r.get(0),
            )
            .optional()
            .map_err(e)?;
        if body.is_none() {
            return Err(StoreError::NotInDirectory {
                what: "cơ quan",
                key: template.body.to_string(),
            });
        }
        let inserted = tx
            .execute(
                "INSERT INTO templates (body_id, name, doc_type, title, content, person_id, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (body_id, name) DO NOTHING",
                params![
                    template.body,
                    template.name,
                    template.doc_type,
                    template.title,
                    template.json,
                    person,
                    time_text(&stamp.at)
                ],
            )
            .map_err(e)?;
        if inserted == 0 {
            return Err(StoreError::DuplicateTemplate(template.name.clone()));
        }
        let details = template_details(
            template.body,
            &template.name,
            &template.doc_type,
            &template.json,
        );
        append_audit(&tx, stamp, "template-save", None, None, &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(TemplateInfo {
            body: template.body,
            name: template.name.clone(),
            doc_type: template.doc_type.clone(),
            title: template.title.clone(),
            person: stamp.person.clone(),
            at: stamp.at,
        })
    }

    fn templates(&self, body: BodyId) -> Result<Vec<TemplateInfo>> {
        let raws = self
            .conn
            .prepare_cached(
                "SELECT t.name, t.doc_type, t.title, p.login, t.at FROM templates t \
                 JOIN people p ON p.id = t.person_id WHERE t.body_id = ?1 ORDER BY t.name",
            )
            .and_then(|mut s| {
                s.query_map([body], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.err(e))?;
        raws.into_iter()
            .map(|(name, doc_type, title, person, at)| {
                Ok(TemplateInfo {
                    body,
                    name,
                    doc_type,
                    title,
                    person,
                    at: parse_time(&at)?,
                })
            })
            .collect()
    }

    fn template(&self, body: BodyId, name: &str) -> Result<Option<StoredTemplate>> {
        let raw = self
            .conn
            .query_row(
                "SELECT t.name, t.doc_type, t.title, p.login, t.at, t.content FROM templates t \
                 JOIN people p ON p.id = t.person_id WHERE t.body_id = ?1 AND t.name = ?2",
                params![body, name],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        raw.map(|(name, doc_type, title, person, at, json)| {
            Ok(StoredTemplate {
                info: TemplateInfo {
                    body,
                    name,
                    doc_type,
                    title,
                    person,
                    at: parse_time(&at)?,
                },
                json,
            })
        })
        .transpose()
    }

    fn delete_template(&mut self, body: BodyId, name: &str, stamp: &Stamp) -> Result<()> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        person_id(&tx, &stamp.person)?;
        let found: Option<(String, String)> = tx
            .query_row(
                "SELECT doc_type, content FROM templates WHERE body_id = ?1 AND name = ?2",
                params![body, name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(e)?;
        let Some((doc_type, json)) = found else {
            return Err(StoreError::NoTemplate(name.to_owned()));
        };
        tx.execute(
            "DELETE FROM templates WHERE body_id = ?1 AND name = ?2",
            params![body, name],
        )
        .map_err(e)?;
        let details = template_details(body, name, &doc_type, &json);
        append_audit(&tx, stamp, "template-delete", None, None, &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(())
    }

    fn style_profile(&self, body: BodyId) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT toml FROM style_profiles WHERE body_id = ?1",
                [body],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    fn set_style_profile(&mut self, body: BodyId, toml: Option<&str>, stamp: &Stamp) -> Result<()> {
        let path = self.path.clone();
        let e = |err: rusqlite::Error| map_error(&path, err);
        let tx = self.write()?;
        let person = person_id(&tx, &stamp.person)?;
        let found: Option<i64> = tx
            .query_row("SELECT id FROM bodies WHERE id = ?1", [body], |r| r.get(0))
            .optional()
            .map_err(e)?;
        if found.is_none() {
            return Err(StoreError::NotInDirectory {
                what: "cơ quan",
                key: body.to_string(),
            });
        }
        match toml {
            Some(text) => tx.execute(
                "INSERT INTO style_profiles (body_id, toml, person_id, at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (body_id) DO UPDATE SET \
                 toml = excluded.toml, person_id = excluded.person_id, at = excluded.at",
                params![body, text, person, time_text(&stamp.at)],
            ),
            None => tx.execute("DELETE FROM style_profiles WHERE body_id = ?1", [body]),
        }
        .map_err(e)?;
        let details = style_profile_details(body, toml);
        append_audit(&tx, stamp, "style-profile", None, None, &details).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(())
    }
}

/// A person's row: id, login, name, titles, roles, body, unit name.
type PersonRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    bool,
);

fn person_from_raw(
    (id, login, name, titles, roles, body, unit, has_pin): PersonRow,
) -> Result<Person> {
    Ok(Person {
        id,
        login,
        name,
        titles: json_list(&titles)?,
        roles: json_list(&roles)?,
        body,
        unit,
        has_pin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            person: "admin".into(),
            at: DateTime::parse_from_rfc3339("2025-03-05T09:00:00+07:00").expect("time"),
        }
    }

    fn directory() -> Directory {
        Directory {
            bodies: vec![BodySpec {
                abbreviation: "STTTT".into(),
                name: "Sở Thông tin và Truyền thông".into(),
                parent_name: None,
                place: "Lạng Sơn".into(),
                address_line: None,
                ..Default::default()
            }],
            people: vec![PersonSpec {
                login: "admin".into(),
                name: "Quản trị".into(),
                titles: vec![],
                roles: vec![Role::Admin, Role::Drafter],
                body: Some("STTTT".into()),
                unit: None,
                ..Default::default()
            }],
            ..Directory::default()
        }
    }

    fn content(text: &str) -> RevisionContent {
        RevisionContent {
            json: format!("{{\"text\": \"{text}\"}}"),
            doc_type: "ke-hoach".into(),
            subject: "Thử".into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_exported_directory_is_the_imported_one() {
        let mut dir = directory();
        dir.bodies[0].parent_name = Some("UBND tỉnh Lạng Sơn".into());
        dir.units.push(UnitSpec {
            body: "STTTT".into(),
            abbreviation: "CNTT".into(),
            name: "Phòng Công nghệ thông tin".into(),
            active: true,
        });
        dir.people.push(PersonSpec {
            login: "pgd".into(),
            name: "Hoàng Văn Tuấn".into(),
            titles: vec!["PHÓ GIÁM ĐỐC".into()],
            roles: vec![Role::Signer],
            body: Some("STTTT".into()),
            unit: Some("CNTT".into()),
            ..Default::default()
        });
        dir.delegations.push(DelegationSpec {
            body: "STTTT".into(),
            from: None,
            to: "pgd".into(),
            kind: AuthorityKind::KyThay,
            of: "GIÁM ĐỐC".into(),
            valid_from: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
            valid_to: None,
        });
        dir.recipient_groups.push(RecipientGroupSpec {
            body: "STTTT".into(),
            name: "UBND các huyện, thành phố".into(),
            members: vec![
                "UBND thành phố Lạng Sơn".into(),
                "UBND huyện Cao Lộc".into(),
            ],
        });
        dir.registers.push(RegisterSpec {
            body: "STTTT".into(),
            name: "Sổ văn bản đi".into(),
            types: vec!["cong-van".into()],
            secret: false,
        });
        let mut store = SqliteStore::in_memory().expect("store");
        store.import_directory(&dir, &stamp()).expect("import");
        assert_eq!(store.export_directory().expect("export"), dir);
        // Importing the export into another store gives the same directory again.
        let mut other = SqliteStore::in_memory().expect("store");
        other
            .import_directory(&store.export_directory().expect("export"), &stamp())
            .expect("import");
        assert_eq!(other.export_directory().expect("export"), dir);
    }

    #[test]
    fn a_full_disk_cancels_the_save_and_keeps_what_was_there() {
        let mut store = SqliteStore::in_memory().expect("store");
        store
            .import_directory(&directory(), &stamp())
            .expect("directory");
        let doc = store
            .create_document(
                &NewDocument {
                    body: 1,
                    content: content("một"),
                    copied_from: None,
                },
                &stamp(),
            )
            .expect("create");
        let pages: i64 = store
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .expect("page count");
        // SQLite reports a database that reached its size limit exactly as a full disk.
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .expect("limit");
        let big = "x".repeat(1 << 20);
        let err = store
            .save_revision(doc.id, 1, &content(&big), &stamp())
            .expect_err("no room");
        assert!(matches!(err, StoreError::DiskFull), "{err:?}");
        assert!(err.to_string().contains("Đĩa đã đầy"), "{err}");
        let after = store.document(doc.id).expect("read").expect("doc");
        assert_eq!(after.current_revision, 1);
        assert!(store.verify_audit().expect("verify").is_intact());
    }

    #[test]
    fn the_database_refuses_to_change_an_issued_revision_even_in_raw_sql() {
        let mut store = SqliteStore::in_memory().expect("store");
        store
            .import_directory(&directory(), &stamp())
            .expect("directory");
        let doc = store
            .create_document(
                &NewDocument {
                    body: 1,
                    content: content("một"),
                    copied_from: None,
                },
                &stamp(),
            )
            .expect("create");
        for sql in [
            "UPDATE revisions SET content = 'x'",
            "DELETE FROM revisions",
            "UPDATE audit SET actor = 'x'",
            "DELETE FROM audit",
            "DELETE FROM documents",
        ] {
            let err = store.conn.execute(sql, []).expect_err(sql);
            assert!(err.to_string().contains("vanban:"), "{sql}: {err}");
        }
        let _ = doc;
    }
}
