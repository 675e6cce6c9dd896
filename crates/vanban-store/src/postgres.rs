//! The shared store: one PostgreSQL database on a department's server, for many computers at
//! once. The same tables, keys and database rules as the SQLite file (`migrations-postgres/`,
//! run by refinery), and the same guarantees, obtained the server's way:
//!
//! - a write locks the rows it reads before it decides anything (`SELECT … FOR UPDATE` on the
//!   document; on the register's row when issuing), so two clerks issuing from one register
//!   take their numbers one after the other, and a state change is a compare-and-set;
//! - every write appends to the audit record after locking its head row, so the chain is
//!   extended by one transaction at a time;
//! - a broken connection rolls the open transaction back on the server: no number is used up
//!   by an issue that did not commit, and the client says so ([`StoreError::ConnectionLost`]).
//!
//! The synchronous `postgres` client is used (the app is synchronous; it runs the async client
//! on a private runtime), with TLS through `native-tls`: the operating system's own TLS and
//! certificate store on Windows and macOS — where a body's IT installs its internal root
//! certificate — and OpenSSL on Linux. The password never comes from the address.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use postgres::error::SqlState;
use postgres::{Client, GenericClient, IsolationLevel, Row};
use vanban_core::format::pad_number;
use vanban_core::model::AuthorityKind;

use crate::audit::{self, GENESIS, Verification, row_hash, sha256_hex};
use crate::error::StoreError;
use crate::fold::query_words;
use crate::keyed::Keyed;
use crate::types::*;
use crate::{Result, Store};

/// The newest schema version this build reads and writes (refinery's version number).
pub const SCHEMA_VERSION: i64 = 5;

/// Key of the advisory lock held while the schema is brought up to date, so that two
/// computers starting at once do not both create it. "VBN1", as SQLite's application id.
const MIGRATION_LOCK: i64 = 0x5642_4E31;

const INITIAL: &str = include_str!("../migrations-postgres/V1__initial.sql");
const SIGNATURES: &str = include_str!("../migrations-postgres/V2__signatures.sql");
const TEMPLATES: &str = include_str!("../migrations-postgres/V3__templates.sql");
const PINS: &str = include_str!("../migrations-postgres/V4__pins.sql");
const STYLE: &str = include_str!("../migrations-postgres/V5__style.sql");

/// How long connecting may take before the server is reported unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the server is and how to log in: a `postgres://user@host:port/database` address
/// (with `?sslmode=disable|prefer|require`; `prefer` when not given), the password kept apart
/// from the address, and an extra root certificate for servers with an internal CA.
#[derive(Clone)]
pub struct ServerSettings {
    config: postgres::Config,
    shown: String,
    root_certificate: Option<PathBuf>,
}

impl std::fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerSettings")
            .field("server", &self.shown)
            .field("root_certificate", &self.root_certificate)
            .finish_non_exhaustive()
    }
}

/// Whether a database location names a server rather than a file.
pub fn is_server_address(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

impl ServerSettings {
    /// Reads an address. Refuses one with a password in it: an address is typed on command
    /// lines and kept in their history.
    pub fn from_address(address: &str) -> Result<ServerSettings> {
        if !is_server_address(address) {
            return Err(StoreError::BadAddress {
                detail: format!("“{address}” không bắt đầu bằng postgres://"),
            });
        }
        let config: postgres::Config = address.parse().map_err(|e| StoreError::BadAddress {
            detail: format!("{e}"),
        })?;
        let shown = shown(&config);
        if config.get_password().is_some() {
            return Err(StoreError::PasswordInAddress { server: shown });
        }
        if config.get_user().is_none() {
            return Err(StoreError::BadAddress {
                detail: "thiếu tên người dùng (postgres://người_dùng@…)".into(),
            });
        }
        let mut config = config;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("vanban");
        Ok(ServerSettings {
            config,
            shown,
            root_certificate: None,
        })
    }

    /// The address with the settings of the environment, as PostgreSQL's own tools read them:
    /// the password from `PGPASSWORD`, or from the file named by `password_file` (the first
    /// line); an extra root certificate (PEM) from `PGSSLROOTCERT`.
    pub fn from_environment(address: &str, password_file: Option<&Path>) -> Result<ServerSettings> {
        let mut settings = ServerSettings::from_address(address)?;
        if let Some(file) = password_file {
            settings.password_from_file(file)?;
        } else if let Ok(password) = std::env::var("PGPASSWORD") {
            settings.password(&password);
        }
        if let Some(cert) = std::env::var_os("PGSSLROOTCERT").filter(|c| !c.is_empty()) {
            settings.root_certificate(PathBuf::from(cert));
        }
        Ok(settings)
    }

    /// Sets the password.
    pub fn password(&mut self, password: &str) -> &mut Self {
        self.config.password(password);
        self
    }

    /// Reads the password from the first line of a file.
    pub fn password_from_file(&mut self, file: &Path) -> Result<&mut Self> {
        let text = std::fs::read_to_string(file).map_err(|e| StoreError::ReadOnly {
            path: file.to_owned(),
            detail: format!("không đọc được tệp mật khẩu: {e}"),
        })?;
        let password = text.lines().next().unwrap_or_default().to_owned();
        Ok(self.password(&password))
    }

    /// Trusts the root certificate (PEM) of a file besides the system's.
    pub fn root_certificate(&mut self, pem: PathBuf) -> &mut Self {
        self.root_certificate = Some(pem);
        self
    }

    /// The server as shown in messages: user, host, port, database; never the password.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The same server with another database.
    pub fn with_database(&self, database: &str) -> ServerSettings {
        let mut other = self.clone();
        other.config.dbname(database);
        other.shown = shown(&other.config);
        other
    }

    /// The database's name.
    pub fn database(&self) -> &str {
        self.config
            .get_dbname()
            .or(self.config.get_user())
            .unwrap_or("postgres")
    }

    fn connect(&self) -> Result<Client> {
        let mut tls = native_tls::TlsConnector::builder();
        if let Some(path) = &self.root_certificate {
            let pem = std::fs::read(path).map_err(|e| {
                StoreError::Tls(format!("không đọc được tệp {}: {e}", path.display()))
            })?;
            let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| {
                StoreError::Tls(format!("{} không phải chứng thư PEM: {e}", path.display()))
            })?;
            tls.add_root_certificate(cert);
        }
        let tls = tls.build().map_err(|e| StoreError::Tls(e.to_string()))?;
        let tls = postgres_native_tls::MakeTlsConnector::new(tls);
        self.config
            .connect(tls)
            .map_err(|e| connect_error(&self.shown, e))
    }
}

fn shown(config: &postgres::Config) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("");
    let db = config.get_dbname().unwrap_or(user);
    format!("postgres://{user}@{host}:{port}/{db}")
}

/// An error while connecting: unreachable, refused login, TLS, or a missing database.
fn connect_error(server: &str, e: postgres::Error) -> StoreError {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            return StoreError::LoginRefused {
                server: server.to_owned(),
                detail: db.message().to_owned(),
            };
        }
        if *code == SqlState::INVALID_CATALOG_NAME {
            return StoreError::Missing(PathBuf::from(server));
        }
        return map_error(server, e, false);
    }
    let detail = source_chain(&e);
    if detail.contains("password missing") {
        return StoreError::LoginRefused {
            server: server.to_owned(),
            detail: "máy chủ đòi mật khẩu mà chưa có (PGPASSWORD hoặc --db-password-file)".into(),
        };
    }
    if detail.contains("tls") || detail.contains("TLS") || detail.contains("certificate") {
        return StoreError::Tls(detail);
    }
    StoreError::ServerUnreachable {
        server: server.to_owned(),
        detail,
    }
}

fn source_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.dedup();
    parts.join(": ")
}

/// A failure of a statement. `at_commit`: the failure came while committing.
fn map_error(server: &str, e: postgres::Error, at_commit: bool) -> StoreError {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        if code.code() == "VB001" {
            return StoreError::Frozen(
                db.message()
                    .split("vanban:")
                    .nth(1)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            );
        }
        if *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
        {
            return StoreError::ConnectionLost {
                server: server.to_owned(),
                at_commit,
            };
        }
        if *code == SqlState::DISK_FULL || *code == SqlState::OUT_OF_MEMORY {
            return StoreError::DiskFull;
        }
        if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::LOCK_NOT_AVAILABLE
            || *code == SqlState::QUERY_CANCELED
        {
            return StoreError::Busy;
        }
        if *code == SqlState::INSUFFICIENT_PRIVILEGE || *code == SqlState::READ_ONLY_SQL_TRANSACTION
        {
            return StoreError::ReadOnly {
                path: PathBuf::from(server),
                detail: db.message().to_owned(),
            };
        }
        return StoreError::Database(format!("{}: {}", code.code(), db.message()));
    }
    let io = std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>());
    if e.is_closed() || io {
        return StoreError::ConnectionLost {
            server: server.to_owned(),
            at_commit,
        };
    }
    StoreError::Database(source_chain(&e))
}

trait OrStore<T> {
    fn or_db(self, server: &str) -> Result<T>;
}

impl<T> OrStore<T> for std::result::Result<T, postgres::Error> {
    fn or_db(self, server: &str) -> Result<T> {
        self.map_err(|e| map_error(server, e, false))
    }
}

/// The PostgreSQL implementation of [`Store`]: one connection.
pub struct PgStore {
    // Reads take `&self` in the trait; the client needs `&mut` for every query.
    client: RefCell<Client>,
    server: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("server", &self.server)
            .finish()
    }
}

/// What a database on the server holds.
enum Contents {
    /// No table at all.
    Empty,
    /// VănBản's tables at a schema version.
    VanBan(i64),
    /// Tables of something else.
    Foreign,
}

fn contents(client: &mut Client, server: &str) -> Result<Contents> {
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
            &[],
        )
        .or_db(server)?
        .get(0);
    if tables == 0 {
        return Ok(Contents::Empty);
    }
    let ours: bool = client
        .query_one(
            "SELECT to_regclass('vanban_meta') IS NOT NULL \
             AND to_regclass('refinery_schema_history') IS NOT NULL",
            &[],
        )
        .or_db(server)?
        .get(0);
    if !ours {
        return Ok(Contents::Foreign);
    }
    let app: Option<i64> = client
        .query_opt("SELECT application_id FROM vanban_meta WHERE id = 1", &[])
        .or_db(server)?
        .map(|r| r.get(0));
    if app != Some(crate::sqlite::APPLICATION_ID) {
        return Ok(Contents::Foreign);
    }
    let version: Option<i32> = client
        .query_one("SELECT max(version) FROM refinery_schema_history", &[])
        .or_db(server)?
        .get(0);
    Ok(Contents::VanBan(i64::from(version.unwrap_or(0))))
}

impl PgStore {
    /// Creates VănBản's tables in an empty database on the server. Refuses a database that
    /// already has VănBản's tables or anybody else's.
    pub fn create(settings: &ServerSettings) -> Result<PgStore> {
        let mut client = settings.connect()?;
        let server = settings.shown().to_owned();
        lock_schema(&mut client, &server)?;
        let result = match contents(&mut client, &server)? {
            Contents::Empty => migrate(&mut client, &server),
            Contents::VanBan(_) => Err(StoreError::AlreadyExists(PathBuf::from(&server))),
            Contents::Foreign => Err(StoreError::ForeignDatabase(server.clone())),
        };
        unlock_schema(&mut client, &server)?;
        result?;
        Ok(PgStore {
            client: RefCell::new(client),
            server,
        })
    }

    /// Connects to a VănBản database on the server, bringing its schema up to date. Refuses —
    /// without writing anything — an empty database (`vanban init` first), another
    /// application's, and one written by a newer VănBản.
    pub fn open(settings: &ServerSettings) -> Result<PgStore> {
        let mut client = settings.connect()?;
        let server = settings.shown().to_owned();
        let version = match contents(&mut client, &server)? {
            Contents::Empty => return Err(StoreError::Missing(PathBuf::from(&server))),
            Contents::Foreign => return Err(StoreError::ForeignDatabase(server)),
            Contents::VanBan(v) => v,
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: PathBuf::from(&server),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            lock_schema(&mut client, &server)?;
            let result = migrate(&mut client, &server);
            unlock_schema(&mut client, &server)?;
            result?;
        }
        Ok(PgStore {
            client: RefCell::new(client),
            server,
        })
    }

    /// The server, as shown in messages.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The server's id of this connection (`pg_backend_pid()`), for the tests that cut it.
    pub fn backend_pid(&self) -> Result<i32> {
        Ok(self
            .client
            .borrow_mut()
            .query_one("SELECT pg_backend_pid()", &[])
            .or_db(&self.server)?
            .get(0))
    }

    /// Runs SQL as it is, for tests that check what the database itself refuses.
    pub fn execute_raw(&mut self, sql: &str) -> Result<u64> {
        self.client.get_mut().execute(sql, &[]).or_db(&self.server)
    }

    /// True when no person, body, document or audit row is stored yet.
    pub fn is_empty(&self) -> Result<bool> {
        let row = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT NOT EXISTS (SELECT 1 FROM people) AND NOT EXISTS (SELECT 1 FROM bodies) \
                 AND NOT EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM audit)",
                &[],
            )
            .or_db(&self.server)?;
        Ok(row.get(0))
    }

    pub(crate) fn client_mut(&mut self) -> &mut Client {
        self.client.get_mut()
    }

    fn transaction<T>(
        &mut self,
        f: impl FnOnce(&mut postgres::Transaction<'_>, &str) -> Result<T>,
    ) -> Result<T> {
        let server = self.server.clone();
        let client = self.client.get_mut();
        let mut tx = client.transaction().or_db(&server)?;
        let value = f(&mut tx, &server)?;
        tx.commit().map_err(|e| map_error(&server, e, true))?;
        Ok(value)
    }
}

fn lock_schema(client: &mut Client, server: &str) -> Result<()> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
        .or_db(server)?;
    Ok(())
}

fn unlock_schema(client: &mut Client, server: &str) -> Result<()> {
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
        .or_db(server)?;
    Ok(())
}

fn migrate(client: &mut Client, server: &str) -> Result<()> {
    let migrations = [
        ("V1__initial", INITIAL),
        ("V2__signatures", SIGNATURES),
        ("V3__templates", TEMPLATES),
        ("V4__pins", PINS),
        ("V5__style", STYLE),
    ]
    .into_iter()
    .map(|(name, sql)| refinery::Migration::unapplied(name, sql))
    .collect::<std::result::Result<Vec<_>, _>>()
    .map_err(|e| StoreError::Database(e.to_string()))?;
    refinery::Runner::new(&migrations)
        .set_grouped(true)
        .run(client)
        .map_err(|e| {
            let detail = source_chain(&e);
            match e.kind() {
                refinery::error::Kind::Connection(_, source) => match source
                    .downcast_ref::<postgres::Error>()
                    .and_then(|p| p.as_db_error())
                {
                    Some(db) if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE => {
                        StoreError::ReadOnly {
                            path: PathBuf::from(server),
                            detail,
                        }
                    }
                    _ => StoreError::Database(detail),
                },
                _ => StoreError::Database(detail),
            }
        })?;
    Ok(())
}

// Conversions --------------------------------------------------------------------------------

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

/// A stored revision or copy count (BIGINT) as the `u32` of the model.
fn small(v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("số “{v}”")))
}

fn small_opt(v: Option<i64>) -> Result<Option<u32>> {
    v.map(small).transpose()
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

/// Folded words one space apart: what the search table holds and what PostgreSQL's parser
/// splits exactly where the query is split.
pub fn search_text(text: &str) -> String {
    query_words(text).join(" ")
}

/// A `to_tsquery('simple', …)` that needs every word, the last one as a prefix. Words hold
/// only letters and digits, so no user text is read as query syntax.
pub fn ts_query(text: &str) -> Option<String> {
    let words = query_words(text);
    let last = words.len().checked_sub(1)?;
    let parts: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last {
                format!("{w}:*")
            } else {
                w.clone()
            }
        })
        .collect();
    Some(parts.join(" & "))
}

// Reading rows -------------------------------------------------------------------------------

const DOCUMENT_COLUMNS: &str = "d.id, d.body_id, d.owner_id, p.login, d.doc_type, d.subject, \
     d.state, d.current_revision, d.approved_revision, d.signed_revision, d.signed_by, \
     d.issued_revision, d.copied_from, d.created_at, d.updated_at";

fn document_from_row(r: &Row) -> Result<DocumentRecord> {
    Ok(DocumentRecord {
        id: r.get(0),
        body: r.get(1),
        owner: r.get(2),
        owner_login: r.get(3),
        doc_type: r.get(4),
        subject: r.get(5),
        state: parse_state(r.get(6))?,
        current_revision: small(r.get(7))?,
        approved_revision: small_opt(r.get(8))?,
        signed_revision: small_opt(r.get(9))?,
        signed_by: r.get(10),
        issued_revision: small_opt(r.get(11))?,
        copied_from: r.get(12),
        created_at: parse_time(r.get(13))?,
        updated_at: parse_time(r.get(14))?,
    })
}

/// A document; with `lock`, its row stays locked until the transaction ends.
fn read_document(
    c: &mut impl GenericClient,
    server: &str,
    id: DocumentId,
    lock: bool,
) -> Result<Option<DocumentRecord>> {
    let sql = format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents d JOIN people p ON p.id = d.owner_id \
         WHERE d.id = $1{}",
        if lock { " FOR UPDATE OF d" } else { "" }
    );
    c.query_opt(&sql, &[&id])
        .or_db(server)?
        .map(|r| document_from_row(&r))
        .transpose()
}

fn locked_document(
    c: &mut impl GenericClient,
    server: &str,
    id: DocumentId,
) -> Result<DocumentRecord> {
    read_document(c, server, id, true)?.ok_or(StoreError::NoDocument(id))
}

fn person_id(c: &mut impl GenericClient, server: &str, login: &str) -> Result<PersonId> {
    c.query_opt("SELECT id FROM people WHERE login = $1", &[&login])
        .or_db(server)?
        .map(|r| r.get(0))
        .ok_or_else(|| StoreError::NotInDirectory {
            what: "người dùng",
            key: login.to_owned(),
        })
}

fn body_id(c: &mut impl GenericClient, server: &str, abbreviation: &str) -> Result<BodyId> {
    c.query_opt(
        "SELECT id FROM bodies WHERE abbreviation = $1",
        &[&abbreviation],
    )
    .or_db(server)?
    .map(|r| r.get(0))
    .ok_or_else(|| StoreError::NotInDirectory {
        what: "cơ quan",
        key: abbreviation.to_owned(),
    })
}

fn append_audit(
    c: &mut impl GenericClient,
    server: &str,
    stamp: &Stamp,
    action: &str,
    document: Option<DocumentId>,
    revision_hash: Option<&str>,
    details: &serde_json::Value,
) -> Result<AuditRow> {
    // The head row is locked until the commit: the next writer appends after this row.
    let head = c
        .query_one(
            "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
            &[],
        )
        .or_db(server)?;
    let (seq, prev): (i64, String) = (head.get(0), head.get(1));
    let mut row = AuditRow {
        seq: seq + 1,
        at: time_text(&stamp.at),
        actor: stamp.person.clone(),
        action: action.to_owned(),
        document,
        revision_hash: revision_hash.map(str::to_owned),
        details: details.to_string(),
        prev_hash: if seq == 0 { GENESIS.to_owned() } else { prev },
        hash: String::new(),
    };
    row.hash = row_hash(&row);
    c.execute(
        "INSERT INTO audit (seq, at, actor, action, document_id, revision_hash, details, \
         prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &row.seq,
            &row.at,
            &row.actor,
            &row.action,
            &row.document,
            &row.revision_hash,
            &row.details,
            &row.prev_hash,
            &row.hash,
        ],
    )
    .or_db(server)?;
    c.execute(
        "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
        &[&row.seq, &row.hash],
    )
    .or_db(server)?;
    Ok(row)
}

fn insert_revision(
    c: &mut impl GenericClient,
    server: &str,
    (document, no): (DocumentId, u32),
    author: PersonId,
    stamp: &Stamp,
    content: &RevisionContent,
) -> Result<String> {
    let hash = sha256_hex(content.json.as_bytes());
    c.execute(
        "INSERT INTO revisions (document_id, no, author_id, at, content_hash, doc_type, subject, \
         content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &document,
            &i64::from(no),
            &author,
            &time_text(&stamp.at),
            &hash,
            &content.doc_type,
            &content.subject,
            &content.json,
        ],
    )
    .or_db(server)?;
    Ok(hash)
}

fn index_for_search(
    c: &mut impl GenericClient,
    server: &str,
    document: DocumentId,
    content: &RevisionContent,
) -> Result<()> {
    c.execute(
        "INSERT INTO search (document_id, subject, content) VALUES ($1, $2, $3) \
         ON CONFLICT (document_id) DO UPDATE SET subject = excluded.subject, \
         content = excluded.content",
        &[
            &document,
            &search_text(&content.subject),
            &search_text(&content.text),
        ],
    )
    .or_db(server)?;
    Ok(())
}

fn record_state(
    c: &mut impl GenericClient,
    server: &str,
    document: DocumentId,
    (from, to): (Option<State>, State),
    (revision, person): (u32, PersonId),
    stamp: &Stamp,
    note: Option<&str>,
) -> Result<()> {
    c.execute(
        "INSERT INTO state_changes (document_id, from_state, to_state, revision_no, person_id, \
         at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &document,
            &from.map(State::as_str),
            &to.as_str(),
            &i64::from(revision),
            &person,
            &time_text(&stamp.at),
            &note,
        ],
    )
    .or_db(server)?;
    Ok(())
}

fn revision_hash(
    c: &mut impl GenericClient,
    server: &str,
    document: DocumentId,
    no: u32,
) -> Result<Option<String>> {
    Ok(c.query_opt(
        "SELECT content_hash FROM revisions WHERE document_id = $1 AND no = $2",
        &[&document, &i64::from(no)],
    )
    .or_db(server)?
    .map(|r| r.get(0)))
}

const SUMMARY_SELECT: &str = "SELECT d.id, d.doc_type, d.subject, d.state, p.login, \
     d.updated_at, e.number_symbol FROM documents d JOIN people p ON p.id = d.owner_id \
     LEFT JOIN register_entries e ON e.document_id = d.id";

fn summary(r: &Row) -> Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0),
        doc_type: r.get(1),
        subject: r.get(2),
        state: parse_state(r.get(3))?,
        owner: r.get(4),
        updated_at: parse_time(r.get(5))?,
        number_symbol: r.get(6),
    })
}

fn person_from_row(r: &Row) -> Result<Person> {
    Ok(Person {
        id: r.get(0),
        login: r.get(1),
        name: r.get(2),
        titles: json_list(r.get(3))?,
        roles: json_list(r.get(4))?,
        body: r.get(5),
        unit: r.get(6),
        has_pin: r.get(7),
    })
}

/// The state change of [`Store::change_state`], inside the caller's transaction.
fn apply_state_change(
    tx: &mut impl GenericClient,
    s: &str,
    change: &StateChange,
    stamp: &Stamp,
) -> Result<()> {
    if !change.from.can_move_to(change.to) || change.to == State::Issued {
        return Err(StoreError::NoSuchMove {
            from: change.from,
            to: change.to,
        });
    }
    let person = person_id(tx, s, &stamp.person)?;
    let doc = locked_document(tx, s, change.document)?;
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
    tx.execute(
        "UPDATE documents SET state = $1, approved_revision = $2, signed_revision = $3, \
         signed_by = $4, updated_at = $5 WHERE id = $6",
        &[
            &change.to.as_str(),
            &approved.map(i64::from),
            &signed.map(i64::from),
            &signed_by,
            &time_text(&stamp.at),
            &change.document,
        ],
    )
    .or_db(s)?;
    record_state(
        tx,
        s,
        change.document,
        (Some(change.from), change.to),
        (change.revision, person),
        stamp,
        change.note.as_deref(),
    )?;
    let hash = revision_hash(tx, s, change.document, change.revision)?;
    let details = serde_json::json!({
        "from": change.from.as_str(),
        "to": change.to.as_str(),
        "revision": change.revision,
        "note": change.note,
    });
    append_audit(
        tx,
        s,
        stamp,
        move_action(change.from, change.to),
        Some(change.document),
        hash.as_deref(),
        &details,
    )?;
    Ok(())
}

/// Writes (or replaces) the signing material of a person or body.
fn put_signing_material(
    tx: &mut impl GenericClient,
    s: &str,
    (kind, id): (&str, i64),
    certificate: Option<&str>,
    image: Option<&[u8]>,
    seal_diameter_mm: Option<u16>,
) -> Result<()> {
    if certificate.is_none() && image.is_none() && seal_diameter_mm.is_none() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO signing_material (owner_kind, owner_id, certificate, image_png, \
         seal_diameter_mm) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner_kind, owner_id) DO \
         UPDATE SET certificate = excluded.certificate, image_png = excluded.image_png, \
         seal_diameter_mm = excluded.seal_diameter_mm",
        &[
            &kind,
            &id,
            &certificate,
            &image,
            &seal_diameter_mm.map(i32::from),
        ],
    )
    .or_db(s)?;
    Ok(())
}

/// Keeps a signed PDF and records its hash in the audit chain.
fn insert_signed_pdf(
    tx: &mut impl GenericClient,
    s: &str,
    pdf: &NewSignedPdf,
    stamp: &Stamp,
) -> Result<()> {
    let person = person_id(tx, s, &stamp.person)?;
    let hash = sha256_hex(&pdf.pdf);
    tx.execute(
        "INSERT INTO signed_pdfs (document_id, revision_no, stage, sha256, pdf, person_id, at, \
         style_toml) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &pdf.document,
            &i64::from(pdf.revision),
            &pdf.stage.as_str(),
            &hash,
            &pdf.pdf,
            &person,
            &time_text(&stamp.at),
            &pdf.style_toml,
        ],
    )
    .or_db(s)?;
    append_audit(
        tx,
        s,
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
    )?;
    Ok(())
}

/// Whether a row answers a query.
fn exists(
    c: &mut impl GenericClient,
    s: &str,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<bool> {
    Ok(c.query_opt(sql, params).or_db(s)?.is_some())
}

fn unit_id(c: &mut impl GenericClient, s: &str, body: BodyId, abbreviation: &str) -> Result<i64> {
    c.query_opt(
        "SELECT id FROM units WHERE body_id = $1 AND abbreviation = $2",
        &[&body, &abbreviation],
    )
    .or_db(s)?
    .map(|r| r.get(0))
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
fn delete_delegation(c: &mut impl GenericClient, s: &str, d: &DelegationSpec) -> Result<bool> {
    let body = body_id(c, s, &d.body)?;
    let to = person_id(c, s, &d.to)?;
    let n = c
        .execute(
            "DELETE FROM delegations WHERE body_id = $1 AND delegate_id = $2 AND kind = $3 \
             AND of_title = $4 AND valid_from = $5",
            &[
                &body,
                &to,
                &authority_text(d.kind),
                &d.of,
                &d.valid_from.to_string(),
            ],
        )
        .or_db(s)?;
    Ok(n > 0)
}

/// One directory edit inside the caller's transaction.
fn apply_edit(tx: &mut impl GenericClient, s: &str, edit: &DirectoryEdit) -> Result<()> {
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
                    "UPDATE bodies SET name = $1, parent_name = $2, place = $3 \
                     WHERE abbreviation = $4",
                    &[name, parent_name, place, abbreviation],
                )
                .or_db(s)?;
            if n == 0 {
                return Err(missing("cơ quan", abbreviation));
            }
        }
        DirectoryEdit::PutUnit { previous, unit } => {
            let body = body_id(tx, s, &unit.body)?;
            put_keyed(
                tx,
                s,
                &Keyed::UNIT,
                body,
                previous.as_deref(),
                &unit.abbreviation,
                &[&unit.abbreviation, &unit.name, &unit.active],
            )?;
        }
        DirectoryEdit::PutPerson { previous, person } => {
            let body = person
                .body
                .as_deref()
                .map(|b| body_id(tx, s, b))
                .transpose()?;
            let unit = match (body, person.unit.as_deref()) {
                (Some(body), Some(unit)) => Some(unit_id(tx, s, body, unit)?),
                _ => None,
            };
            if previous.as_deref() != Some(person.login.as_str())
                && exists(
                    tx,
                    s,
                    "SELECT 1 FROM people WHERE login = $1",
                    &[&person.login],
                )?
            {
                return Err(taken("người dùng", &person.login));
            }
            let roles: Vec<&str> = person.roles.iter().map(|r| r.as_str()).collect();
            let titles = serde_json::to_string(&person.titles).unwrap_or_default();
            let roles = serde_json::to_string(&roles).unwrap_or_default();
            match previous {
                Some(prev) => {
                    let n = tx
                        .execute(
                            "UPDATE people SET login = $1, name = $2, titles = $3, roles = $4, \
                             body_id = $5, unit_id = $6 WHERE login = $7",
                            &[
                                &person.login,
                                &person.name,
                                &titles,
                                &roles,
                                &body,
                                &unit,
                                prev,
                            ],
                        )
                        .or_db(s)?;
                    if n == 0 {
                        return Err(missing("người dùng", prev));
                    }
                }
                None => {
                    tx.execute(
                        "INSERT INTO people (login, name, titles, roles, body_id, unit_id) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                        &[&person.login, &person.name, &titles, &roles, &body, &unit],
                    )
                    .or_db(s)?;
                }
            }
        }
        DirectoryEdit::PutDelegation {
            previous,
            delegation: d,
        } => {
            if let Some(prev) = previous
                && !delete_delegation(tx, s, prev)?
            {
                return Err(missing("ủy quyền", &delegation_key(prev)));
            }
            let body = body_id(tx, s, &d.body)?;
            let from = d.from.as_deref().map(|l| person_id(tx, s, l)).transpose()?;
            let to = person_id(tx, s, &d.to)?;
            if exists(
                tx,
                s,
                "SELECT 1 FROM delegations WHERE delegate_id = $1 AND kind = $2 \
                 AND of_title = $3 AND valid_from = $4",
                &[
                    &to,
                    &authority_text(d.kind),
                    &d.of,
                    &d.valid_from.to_string(),
                ],
            )? {
                return Err(taken("ủy quyền", &delegation_key(d)));
            }
            tx.execute(
                "INSERT INTO delegations (body_id, delegator_id, delegate_id, kind, of_title, \
                 valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &body,
                    &from,
                    &to,
                    &authority_text(d.kind),
                    &d.of,
                    &d.valid_from.to_string(),
                    &d.valid_to.map(|v| v.to_string()),
                ],
            )
            .or_db(s)?;
        }
        DirectoryEdit::RemoveDelegation { delegation } => {
            if !delete_delegation(tx, s, delegation)? {
                return Err(missing("ủy quyền", &delegation_key(delegation)));
            }
        }
        DirectoryEdit::PutRecipientGroup { previous, group } => {
            let body = body_id(tx, s, &group.body)?;
            let members = serde_json::to_string(&group.members).unwrap_or_default();
            put_keyed(
                tx,
                s,
                &Keyed::GROUP,
                body,
                previous.as_deref(),
                &group.name,
                &[&group.name, &members],
            )?;
        }
        DirectoryEdit::RemoveRecipientGroup { body, name } => {
            let body = body_id(tx, s, body)?;
            let n = tx
                .execute(
                    "DELETE FROM recipient_groups WHERE body_id = $1 AND name = $2",
                    &[&body, name],
                )
                .or_db(s)?;
            if n == 0 {
                return Err(missing("nhóm nơi nhận", name));
            }
        }
        DirectoryEdit::PutRegister { previous, register } => {
            let body = body_id(tx, s, &register.body)?;
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
                s,
                &Keyed::REGISTER,
                body,
                previous.as_deref(),
                &register.name,
                &[&register.name, &types, &register.secret],
            )?;
        }
        DirectoryEdit::PutSigningMaterial {
            body,
            person,
            material: m,
        } => {
            let body = body_id(tx, s, body)?;
            let owner = match person {
                Some(login) => {
                    let id: Option<i64> = tx
                        .query_opt(
                            "SELECT id FROM people WHERE login = $1 AND body_id = $2",
                            &[login, &body],
                        )
                        .or_db(s)?
                        .map(|r| r.get(0));
                    ("person", id.ok_or_else(|| missing("người dùng", login))?)
                }
                None => ("body", body),
            };
            tx.execute(
                "DELETE FROM signing_material WHERE owner_kind = $1 AND owner_id = $2",
                &[&owner.0, &owner.1],
            )
            .or_db(s)?;
            put_signing_material(
                tx,
                s,
                owner,
                m.certificate.as_deref(),
                m.image_png.as_deref(),
                m.seal_diameter_mm,
            )?;
        }
    }
    Ok(())
}

/// Adds an entry of `kind` to `body`, or changes the one whose key was `previous`: its
/// columns (the key's among them, its new value `key`) are set to `values`. A key another
/// entry of the body already has is refused, and so is a `previous` that names none.
fn put_keyed(
    tx: &mut impl GenericClient,
    s: &str,
    kind: &Keyed,
    body: BodyId,
    previous: Option<&str>,
    key: &str,
    values: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<()> {
    let mark = |i: usize| format!("${i}");
    if previous != Some(key) && exists(tx, s, &kind.select_sql(mark), &[&body, &key])? {
        return Err(StoreError::AlreadyInDirectory {
            what: kind.what,
            key: key.to_owned(),
        });
    }
    let mut all = values.to_vec();
    match previous {
        Some(prev) => {
            all.extend([&body as &(dyn postgres::types::ToSql + Sync), &prev]);
            if tx.execute(&kind.update_sql(mark), &all).or_db(s)? == 0 {
                return Err(StoreError::NotInDirectory {
                    what: kind.what,
                    key: prev.to_owned(),
                });
            }
        }
        None => {
            all.insert(0, &body);
            tx.execute(&kind.insert_sql(mark), &all).or_db(s)?;
        }
    }
    Ok(())
}

impl Store for PgStore {
    fn import_directory(&mut self, dir: &Directory, stamp: &Stamp) -> Result<ImportSummary> {
        self.transaction(|tx, s| {
            let mut summary = ImportSummary::default();
            for b in &dir.bodies {
                tx.execute(
                    "INSERT INTO bodies (abbreviation, name, parent_name, place, address_line) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (abbreviation) DO UPDATE SET \
                     name = excluded.name, parent_name = excluded.parent_name, \
                     place = excluded.place, address_line = excluded.address_line",
                    &[
                        &b.abbreviation,
                        &b.name,
                        &b.parent_name,
                        &b.place,
                        &b.address_line,
                    ],
                )
                .or_db(s)?;
                let id = body_id(tx, s, &b.abbreviation)?;
                put_signing_material(
                    tx,
                    s,
                    ("body", id),
                    b.certificate.as_deref(),
                    b.seal_png.as_deref(),
                    b.seal_diameter_mm,
                )?;
                summary.bodies += 1;
            }
            for u in &dir.units {
                let body = body_id(tx, s, &u.body)?;
                tx.execute(
                    "INSERT INTO units (body_id, abbreviation, name, active) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (body_id, abbreviation) DO UPDATE SET \
                     name = excluded.name, active = excluded.active",
                    &[&body, &u.abbreviation, &u.name, &u.active],
                )
                .or_db(s)?;
                summary.units += 1;
            }
            for p in &dir.people {
                let body = p.body.as_deref().map(|b| body_id(tx, s, b)).transpose()?;
                let unit: Option<i64> = match (body, p.unit.as_deref()) {
                    (Some(body), Some(unit)) => Some(
                        tx.query_opt(
                            "SELECT id FROM units WHERE body_id = $1 AND abbreviation = $2",
                            &[&body, &unit],
                        )
                        .or_db(s)?
                        .map(|r| r.get(0))
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
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (login) DO UPDATE SET \
                     name = excluded.name, titles = excluded.titles, roles = excluded.roles, \
                     body_id = excluded.body_id, unit_id = excluded.unit_id",
                    &[
                        &p.login,
                        &p.name,
                        &serde_json::to_string(&p.titles).unwrap_or_default(),
                        &serde_json::to_string(&roles).unwrap_or_default(),
                        &body,
                        &unit,
                    ],
                )
                .or_db(s)?;
                let id = person_id(tx, s, &p.login)?;
                put_signing_material(
                    tx,
                    s,
                    ("person", id),
                    p.certificate.as_deref(),
                    p.signature_png.as_deref(),
                    None,
                )?;
                summary.people += 1;
            }
            for d in &dir.delegations {
                let body = body_id(tx, s, &d.body)?;
                let from = d.from.as_deref().map(|l| person_id(tx, s, l)).transpose()?;
                let to = person_id(tx, s, &d.to)?;
                tx.execute(
                    "INSERT INTO delegations (body_id, delegator_id, delegate_id, kind, \
                     of_title, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (delegate_id, kind, of_title, valid_from) DO UPDATE SET \
                     body_id = excluded.body_id, delegator_id = excluded.delegator_id, \
                     valid_to = excluded.valid_to",
                    &[
                        &body,
                        &from,
                        &to,
                        &authority_text(d.kind),
                        &d.of,
                        &d.valid_from.to_string(),
                        &d.valid_to.map(|v| v.to_string()),
                    ],
                )
                .or_db(s)?;
                summary.delegations += 1;
            }
            for g in &dir.recipient_groups {
                let body = body_id(tx, s, &g.body)?;
                tx.execute(
                    "INSERT INTO recipient_groups (body_id, name, members) VALUES ($1, $2, $3) \
                     ON CONFLICT (body_id, name) DO UPDATE SET members = excluded.members",
                    &[
                        &body,
                        &g.name,
                        &serde_json::to_string(&g.members).unwrap_or_default(),
                    ],
                )
                .or_db(s)?;
                summary.recipient_groups += 1;
            }
            for r in &dir.registers {
                let body = body_id(tx, s, &r.body)?;
                for t in &r.types {
                    if vanban_core::DocumentType::from_slug(t).is_none() {
                        return Err(StoreError::NotInDirectory {
                            what: "loại văn bản",
                            key: t.clone(),
                        });
                    }
                }
                tx.execute(
                    "INSERT INTO registers (body_id, name, doc_types, secret) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (body_id, name) DO UPDATE SET \
                     doc_types = excluded.doc_types, secret = excluded.secret",
                    &[
                        &body,
                        &r.name,
                        &serde_json::to_string(&r.types).unwrap_or_default(),
                        &r.secret,
                    ],
                )
                .or_db(s)?;
                summary.registers += 1;
            }
            let details = serde_json::to_value(summary).unwrap_or_default();
            append_audit(tx, s, stamp, "directory-import", None, None, &details)?;
            Ok(summary)
        })
    }

    fn export_directory(&self) -> Result<Directory> {
        let mut c = self.client.borrow_mut();
        let s = self.server.as_str();
        // One snapshot for the whole directory.
        let mut tx = c
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .or_db(s)?;
        let bodies = tx
            .query(
                "SELECT b.abbreviation, b.name, b.parent_name, b.place, b.address_line, \
                 m.certificate, m.seal_diameter_mm FROM bodies b LEFT JOIN signing_material m \
                 ON m.owner_kind = 'body' AND m.owner_id = b.id ORDER BY b.id",
                &[],
            )
            .or_db(s)?
            .iter()
            .map(|r| {
                Ok(BodySpec {
                    abbreviation: r.get(0),
                    name: r.get(1),
                    parent_name: r.get(2),
                    place: r.get(3),
                    address_line: r.get(4),
                    // The certificate's path as stored; images stay in the database.
                    certificate: r.get(5),
                    seal_diameter_mm: r
                        .get::<_, Option<i32>>(6)
                        .map(|d| {
                            u16::try_from(d)
                                .map_err(|_| StoreError::Corrupt(format!("đường kính dấu {d}")))
                        })
                        .transpose()?,
                    ..BodySpec::default()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let units = tx
            .query(
                "SELECT b.abbreviation, u.abbreviation, u.name, u.active FROM units u \
                 JOIN bodies b ON b.id = u.body_id ORDER BY u.id",
                &[],
            )
            .or_db(s)?
            .iter()
            .map(|r| UnitSpec {
                body: r.get(0),
                abbreviation: r.get(1),
                name: r.get(2),
                active: r.get(3),
            })
            .collect();
        let people = tx
            .query(
                "SELECT p.login, p.name, p.titles, p.roles, b.abbreviation, u.abbreviation, \
                 m.certificate FROM people p LEFT JOIN bodies b ON b.id = p.body_id \
                 LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN signing_material m \
                 ON m.owner_kind = 'person' AND m.owner_id = p.id ORDER BY p.id",
                &[],
            )
            .or_db(s)?
            .iter()
            .map(|r| {
                Ok(PersonSpec {
                    login: r.get(0),
                    name: r.get(1),
                    titles: json_list(r.get(2))?,
                    roles: json_list(r.get(3))?,
                    body: r.get(4),
                    unit: r.get(5),
                    certificate: r.get(6),
                    ..PersonSpec::default()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let delegations = tx
            .query(
                "SELECT b.abbreviation, f.login, t.login, d.kind, d.of_title, d.valid_from, \
                 d.valid_to FROM delegations d JOIN bodies b ON b.id = d.body_id \
                 LEFT JOIN people f ON f.id = d.delegator_id \
                 JOIN people t ON t.id = d.delegate_id ORDER BY d.id",
                &[],
            )
            .or_db(s)?
            .iter()
            .map(|r| {
                Ok(DelegationSpec {
                    body: r.get(0),
                    from: r.get(1),
                    to: r.get(2),
                    kind: authority_parse(r.get(3))?,
                    of: r.get(4),
                    valid_from: parse_date(r.get(5))?,
                    valid_to: r.get::<_, Option<&str>>(6).map(parse_date).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let recipient_groups = tx
            .query(
                "SELECT b.abbreviation, g.name, g.members FROM recipient_groups g \
                 JOIN bodies b ON b.id = g.body_id ORDER BY g.id",
                &[],
            )
            .or_db(s)?
            .iter()
            .map(|r| {
                Ok(RecipientGroupSpec {
                    body: r.get(0),
                    name: r.get(1),
                    members: json_list(r.get(2))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let registers = tx
            .query(
                "SELECT b.abbreviation, r.name, r.doc_types, r.secret FROM registers r \
                 JOIN bodies b ON b.id = r.body_id ORDER BY r.id",
                &[],
            )
            .or_db(s)?
            .iter()
            .map(|r| {
                Ok(RegisterSpec {
                    body: r.get(0),
                    name: r.get(1),
                    types: json_list(r.get(2))?,
                    secret: r.get(3),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        tx.commit().or_db(s)?;
        Ok(Directory {
            bodies,
            units,
            people,
            delegations,
            recipient_groups,
            registers,
        })
    }

    fn edit_directory(&mut self, edit: &DirectoryEdit, stamp: &Stamp) -> Result<()> {
        self.transaction(|tx, s| {
            apply_edit(tx, s, edit)?;
            let details = serde_json::to_value(edit).unwrap_or_default();
            append_audit(tx, s, stamp, edit.action(), None, None, &details)?;
            Ok(())
        })
    }

    fn pin_hash(&self, login: &str) -> Result<Option<String>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT n.hash FROM pins n JOIN people p ON p.id = n.person_id WHERE p.login = $1",
                &[&login],
            )
            .or_db(&self.server)?
            .map(|r| r.get(0)))
    }

    fn set_pin(&mut self, login: &str, hash: Option<&str>, stamp: &Stamp) -> Result<()> {
        self.transaction(|tx, s| {
            let person = person_id(tx, s, login)?;
            let action = match hash {
                Some(hash) => {
                    tx.execute(
                        "INSERT INTO pins (person_id, hash) VALUES ($1, $2) \
                         ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash",
                        &[&person, &hash],
                    )
                    .or_db(s)?;
                    "pin-set"
                }
                None => {
                    tx.execute("DELETE FROM pins WHERE person_id = $1", &[&person])
                        .or_db(s)?;
                    "pin-clear"
                }
            };
            let details = serde_json::json!({ "person": login });
            append_audit(tx, s, stamp, action, None, None, &details)?;
            Ok(())
        })
    }

    fn person(&self, login: &str) -> Result<Option<Person>> {
        self.client
            .borrow_mut()
            .query_opt(
                "SELECT p.id, p.login, p.name, p.titles, p.roles, p.body_id, u.name, \
                 EXISTS (SELECT 1 FROM pins WHERE person_id = p.id) FROM people p \
                 LEFT JOIN units u ON u.id = p.unit_id WHERE p.login = $1",
                &[&login],
            )
            .or_db(&self.server)?
            .map(|r| person_from_row(&r))
            .transpose()
    }

    fn people(&self) -> Result<Vec<Person>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT p.id, p.login, p.name, p.titles, p.roles, p.body_id, u.name, \
                 EXISTS (SELECT 1 FROM pins WHERE person_id = p.id) FROM people p \
                 LEFT JOIN units u ON u.id = p.unit_id ORDER BY p.login",
                &[],
            )
            .or_db(&self.server)?
            .iter()
            .map(person_from_row)
            .collect()
    }

    fn body(&self, id: BodyId) -> Result<Option<Body>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT id, abbreviation, name, parent_name, place, address_line FROM bodies \
                 WHERE id = $1",
                &[&id],
            )
            .or_db(&self.server)?
            .map(|r| Body {
                id: r.get(0),
                abbreviation: r.get(1),
                name: r.get(2),
                parent_name: r.get(3),
                place: r.get(4),
                address_line: r.get(5),
            }))
    }

    fn registers(&self, body: BodyId) -> Result<Vec<Register>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT id, body_id, name, doc_types, secret FROM registers WHERE body_id = $1 \
                 ORDER BY id",
                &[&body],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(Register {
                    id: r.get(0),
                    body: r.get(1),
                    name: r.get(2),
                    types: json_list(r.get(3))?,
                    secret: r.get(4),
                })
            })
            .collect()
    }

    fn units(&self, body: BodyId) -> Result<Vec<Unit>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT body_id, abbreviation, name, active FROM units WHERE body_id = $1 \
                 ORDER BY name",
                &[&body],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(Unit {
                    body: r.get(0),
                    abbreviation: r.get(1),
                    name: r.get(2),
                    active: r.get(3),
                })
            })
            .collect()
    }

    fn recipient_groups(&self, body: BodyId) -> Result<Vec<RecipientGroup>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT body_id, name, members FROM recipient_groups WHERE body_id = $1 \
                 ORDER BY name",
                &[&body],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(RecipientGroup {
                    body: r.get(0),
                    name: r.get(1),
                    members: json_list(r.get(2))?,
                })
            })
            .collect()
    }

    fn delegations_to(&self, person: PersonId) -> Result<Vec<Delegation>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT body_id, delegate_id, kind, of_title, valid_from, valid_to \
                 FROM delegations WHERE delegate_id = $1 ORDER BY id",
                &[&person],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(Delegation {
                    body: r.get(0),
                    delegate: r.get(1),
                    kind: authority_parse(r.get(2))?,
                    of: r.get(3),
                    valid_from: parse_date(r.get(4))?,
                    valid_to: r.get::<_, Option<&str>>(5).map(parse_date).transpose()?,
                })
            })
            .collect()
    }

    fn create_document(&mut self, new: &NewDocument, stamp: &Stamp) -> Result<DocumentRecord> {
        self.transaction(|tx, s| {
            let owner = person_id(tx, s, &stamp.person)?;
            let body_exists: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM bodies WHERE id = $1)",
                    &[&new.body],
                )
                .or_db(s)?
                .get(0);
            if !body_exists {
                return Err(StoreError::NotInDirectory {
                    what: "cơ quan",
                    key: new.body.to_string(),
                });
            }
            let at = time_text(&stamp.at);
            let id: DocumentId = tx
                .query_one(
                    "INSERT INTO documents (body_id, owner_id, doc_type, subject, state, \
                     current_revision, copied_from, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, 'draft', 1, $5, $6, $6) RETURNING id",
                    &[
                        &new.body,
                        &owner,
                        &new.content.doc_type,
                        &new.content.subject,
                        &new.copied_from,
                        &at,
                    ],
                )
                .or_db(s)?
                .get(0);
            let hash = insert_revision(tx, s, (id, 1), owner, stamp, &new.content)?;
            record_state(tx, s, id, (None, State::Draft), (1, owner), stamp, None)?;
            index_for_search(tx, s, id, &new.content)?;
            let details = serde_json::json!({ "revision": 1, "copied_from": new.copied_from });
            append_audit(tx, s, stamp, "create", Some(id), Some(&hash), &details)?;
            read_document(tx, s, id, false)?.ok_or(StoreError::NoDocument(id))
        })
    }

    fn save_revision(
        &mut self,
        document: DocumentId,
        base: u32,
        content: &RevisionContent,
        stamp: &Stamp,
    ) -> Result<RevisionInfo> {
        self.transaction(|tx, s| {
            let author = person_id(tx, s, &stamp.person)?;
            // Locked: a second client saving at the same moment waits here, then sees this
            // revision as the current one and gets the conflict.
            let doc = locked_document(tx, s, document)?;
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
                    .query_one(
                        "SELECT p.login FROM revisions r JOIN people p ON p.id = r.author_id \
                         WHERE r.document_id = $1 AND r.no = $2",
                        &[&document, &i64::from(doc.current_revision)],
                    )
                    .or_db(s)?
                    .get(0);
                return Err(StoreError::RevisionConflict {
                    document,
                    base,
                    current: doc.current_revision,
                    author,
                });
            }
            let no = doc.current_revision + 1;
            let hash = insert_revision(tx, s, (document, no), author, stamp, content)?;
            tx.execute(
                "UPDATE documents SET current_revision = $1, doc_type = $2, subject = $3, \
                 updated_at = $4 WHERE id = $5",
                &[
                    &i64::from(no),
                    &content.doc_type,
                    &content.subject,
                    &time_text(&stamp.at),
                    &document,
                ],
            )
            .or_db(s)?;
            index_for_search(tx, s, document, content)?;
            let details = serde_json::json!({ "revision": no });
            append_audit(tx, s, stamp, "save", Some(document), Some(&hash), &details)?;
            Ok(RevisionInfo {
                document,
                no,
                author: stamp.person.clone(),
                at: stamp.at,
                content_hash: hash,
            })
        })
    }

    fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>> {
        read_document(&mut *self.client.borrow_mut(), &self.server, id, false)
    }

    fn revision(&self, document: DocumentId, no: u32) -> Result<Option<Revision>> {
        self.client
            .borrow_mut()
            .query_opt(
                "SELECT p.login, r.at, r.content_hash, r.content FROM revisions r \
                 JOIN people p ON p.id = r.author_id WHERE r.document_id = $1 AND r.no = $2",
                &[&document, &i64::from(no)],
            )
            .or_db(&self.server)?
            .map(|r| {
                Ok(Revision {
                    info: RevisionInfo {
                        document,
                        no,
                        author: r.get(0),
                        at: parse_time(r.get(1))?,
                        content_hash: r.get(2),
                    },
                    json: r.get(3),
                })
            })
            .transpose()
    }

    fn revisions(&self, document: DocumentId) -> Result<Vec<RevisionInfo>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT r.no, p.login, r.at, r.content_hash FROM revisions r \
                 JOIN people p ON p.id = r.author_id WHERE r.document_id = $1 ORDER BY r.no",
                &[&document],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(RevisionInfo {
                    document,
                    no: small(r.get(0))?,
                    author: r.get(1),
                    at: parse_time(r.get(2))?,
                    content_hash: r.get(3),
                })
            })
            .collect()
    }

    fn change_state(&mut self, change: &StateChange, stamp: &Stamp) -> Result<DocumentRecord> {
        self.transaction(|tx, s| {
            apply_state_change(tx, s, change, stamp)?;
            read_document(tx, s, change.document, false)?
                .ok_or(StoreError::NoDocument(change.document))
        })
    }

    fn signing_material(&self, owner: Owner) -> Result<Option<SigningMaterial>> {
        let (kind, id) = match owner {
            Owner::Person(id) => ("person", id),
            Owner::Body(id) => ("body", id),
        };
        self.client
            .borrow_mut()
            .query_opt(
                "SELECT certificate, image_png, seal_diameter_mm FROM signing_material \
                 WHERE owner_kind = $1 AND owner_id = $2",
                &[&kind, &id],
            )
            .or_db(&self.server)?
            .map(|r| {
                Ok(SigningMaterial {
                    certificate: r.get(0),
                    image_png: r.get(1),
                    seal_diameter_mm: r
                        .get::<_, Option<i32>>(2)
                        .map(|d| {
                            u16::try_from(d)
                                .map_err(|_| StoreError::Corrupt(format!("đường kính dấu {d}")))
                        })
                        .transpose()?,
                })
            })
            .transpose()
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
        self.transaction(|tx, s| {
            apply_state_change(tx, s, change, stamp)?;
            insert_signed_pdf(tx, s, pdf, stamp)?;
            read_document(tx, s, change.document, false)?
                .ok_or(StoreError::NoDocument(change.document))
        })
    }

    fn add_signed_pdf(&mut self, pdf: &NewSignedPdf, stamp: &Stamp) -> Result<()> {
        self.transaction(|tx, s| {
            let doc = locked_document(tx, s, pdf.document)?;
            if doc.state != State::Issued {
                return Err(StoreError::WrongState {
                    document: pdf.document,
                    action: "lưu bản ký số của cơ quan",
                    expected: State::Issued,
                    actual: doc.state,
                });
            }
            insert_signed_pdf(tx, s, pdf, stamp)
        })
    }

    fn signed_pdfs(&self, document: DocumentId) -> Result<Vec<SignedPdf>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT x.revision_no, x.stage, x.sha256, x.pdf, p.login, x.at, x.style_toml \
                 FROM signed_pdfs x JOIN people p ON p.id = x.person_id \
                 WHERE x.document_id = $1 ORDER BY x.id",
                &[&document],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                let stage: &str = r.get(1);
                Ok(SignedPdf {
                    document,
                    revision: small(r.get(0))?,
                    stage: SignatureStage::parse(stage)
                        .ok_or_else(|| StoreError::Corrupt(format!("giai đoạn ký “{stage}”")))?,
                    sha256: r.get(2),
                    pdf: r.get(3),
                    person: r.get(4),
                    at: r.get(5),
                    style_toml: r.get(6),
                })
            })
            .collect()
    }

    fn history(&self, document: DocumentId) -> Result<Vec<StateChangeRecord>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT s.from_state, s.to_state, s.revision_no, p.login, s.at, s.note \
                 FROM state_changes s JOIN people p ON p.id = s.person_id \
                 WHERE s.document_id = $1 ORDER BY s.id",
                &[&document],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(StateChangeRecord {
                    from: r.get::<_, Option<&str>>(0).map(parse_state).transpose()?,
                    to: parse_state(r.get(1))?,
                    revision: small(r.get(2))?,
                    person: r.get(3),
                    at: parse_time(r.get(4))?,
                    note: r.get(5),
                })
            })
            .collect()
    }

    fn add_comment(&mut self, comment: &NewComment, stamp: &Stamp) -> Result<Comment> {
        self.transaction(|tx, s| {
            let person = person_id(tx, s, &stamp.person)?;
            let hash = revision_hash(tx, s, comment.document, comment.revision)?.ok_or(
                StoreError::NoRevision {
                    document: comment.document,
                    no: comment.revision,
                },
            )?;
            let id: i64 = tx
                .query_one(
                    "INSERT INTO comments (document_id, revision_no, anchor, text, person_id, at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    &[
                        &comment.document,
                        &i64::from(comment.revision),
                        &comment.anchor,
                        &comment.text,
                        &person,
                        &time_text(&stamp.at),
                    ],
                )
                .or_db(s)?
                .get(0);
            let details = serde_json::json!({
                "revision": comment.revision,
                "anchor": comment.anchor,
                "text": comment.text,
            });
            append_audit(
                tx,
                s,
                stamp,
                "comment",
                Some(comment.document),
                Some(&hash),
                &details,
            )?;
            Ok(Comment {
                id,
                document: comment.document,
                revision: comment.revision,
                anchor: comment.anchor.clone(),
                text: comment.text.clone(),
                person: stamp.person.clone(),
                at: stamp.at,
            })
        })
    }

    fn comments(&self, document: DocumentId) -> Result<Vec<Comment>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT c.id, c.revision_no, c.anchor, c.text, p.login, c.at FROM comments c \
                 JOIN people p ON p.id = c.person_id WHERE c.document_id = $1 ORDER BY c.id",
                &[&document],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(Comment {
                    id: r.get(0),
                    document,
                    revision: small(r.get(1))?,
                    anchor: r.get(2),
                    text: r.get(3),
                    person: r.get(4),
                    at: parse_time(r.get(5))?,
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
        self.transaction(|tx, s| {
            let clerk = person_id(tx, s, &stamp.person)?;
            let doc = locked_document(tx, s, request.document)?;
            if doc.state != State::Signed {
                return Err(StoreError::WrongState {
                    document: request.document,
                    action: "ban hành",
                    expected: State::Signed,
                    actual: doc.state,
                });
            }
            // The register's row is locked until the commit: the next clerk of this register
            // waits here, then reads the number this transaction wrote.
            let register = tx
                .query_opt(
                    "SELECT body_id, name FROM registers WHERE id = $1 FOR UPDATE",
                    &[&request.register],
                )
                .or_db(s)?
                .map(|r| (r.get::<_, i64>(0), r.get::<_, String>(1)));
            let register_name = match register {
                Some((body, name)) if body == doc.body => name,
                _ => {
                    return Err(StoreError::NotInDirectory {
                        what: "sổ văn bản đi của cơ quan ban hành văn bản",
                        key: request.register.to_string(),
                    });
                }
            };
            let number: i64 = tx
                .query_one(
                    "SELECT COALESCE(MAX(number), 0) + 1 FROM register_entries \
                     WHERE register_id = $1 AND year = $2",
                    &[&request.register, &year],
                )
                .or_db(s)?
                .get(0);
            let number = small(number)?;
            let issued = content(number);
            let no = doc.current_revision + 1;
            let hash = insert_revision(tx, s, (request.document, no), clerk, stamp, &issued)?;
            let number_symbol = format!("{}/{}", pad_number(number), request.symbol);
            let d = &request.details;
            let inserted = tx.execute(
                "INSERT INTO register_entries (register_id, body_id, year, number, symbol, \
                 number_symbol, issued_on, document_id, revision_no, doc_type, type_and_subject, \
                 signer, recipients, file_copy, copies, clerk_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                &[
                    &request.register,
                    &doc.body,
                    &year,
                    &i64::from(number),
                    &request.symbol,
                    &number_symbol,
                    &request.issued_on.to_string(),
                    &request.document,
                    &i64::from(no),
                    &issued.doc_type,
                    &d.type_and_subject,
                    &d.signer,
                    &d.recipients,
                    &d.file_copy,
                    &d.copies.map(i64::from),
                    &clerk,
                ],
            );
            if let Err(err) = inserted {
                let duplicate = err.as_db_error().is_some_and(|db| {
                    *db.code() == SqlState::UNIQUE_VIOLATION
                        && db.constraint() == Some("register_entries_number_symbol_unique")
                });
                if duplicate {
                    return Err(StoreError::DuplicateNumber {
                        number_symbol,
                        year,
                    });
                }
                return Err(map_error(s, err, false));
            }
            tx.execute(
                "UPDATE documents SET state = 'issued', issued_revision = $1, \
                 current_revision = $1, doc_type = $2, subject = $3, updated_at = $4 \
                 WHERE id = $5",
                &[
                    &i64::from(no),
                    &issued.doc_type,
                    &issued.subject,
                    &time_text(&stamp.at),
                    &request.document,
                ],
            )
            .or_db(s)?;
            record_state(
                tx,
                s,
                request.document,
                (Some(State::Signed), State::Issued),
                (no, clerk),
                stamp,
                None,
            )?;
            index_for_search(tx, s, request.document, &issued)?;
            let details = serde_json::json!({
                "register": register_name,
                "number_symbol": number_symbol,
                "issued_on": request.issued_on.to_string(),
                "revision": no,
            });
            append_audit(
                tx,
                s,
                stamp,
                "issue",
                Some(request.document),
                Some(&hash),
                &details,
            )?;
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
        })
    }

    fn register_entries(&self, year: i32, body: Option<BodyId>) -> Result<Vec<RegisterEntry>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT e.register_id, r.name, e.body_id, e.year, e.number, e.symbol, \
                 e.number_symbol, e.issued_on, e.document_id, e.revision_no, e.doc_type, \
                 e.type_and_subject, e.signer, e.recipients, e.file_copy, e.copies, p.login, \
                 (SELECT MIN(sent_on) FROM distributions x WHERE x.document_id = e.document_id) \
                 FROM register_entries e JOIN registers r ON r.id = e.register_id \
                 JOIN people p ON p.id = e.clerk_id \
                 WHERE e.year = $1 AND ($2::BIGINT IS NULL OR e.body_id = $2) \
                 ORDER BY e.body_id, e.register_id, e.number",
                &[&year, &body],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(RegisterEntry {
                    register: r.get(0),
                    register_name: r.get(1),
                    body: r.get(2),
                    year: r.get(3),
                    number: small(r.get(4))?,
                    symbol: r.get(5),
                    number_symbol: r.get(6),
                    issued_on: parse_date(r.get(7))?,
                    document: r.get(8),
                    revision: small(r.get(9))?,
                    doc_type: r.get(10),
                    details: RegisterDetails {
                        type_and_subject: r.get(11),
                        signer: r.get(12),
                        recipients: r.get(13),
                        file_copy: r.get(14),
                        copies: small_opt(r.get(15))?,
                    },
                    clerk: r.get(16),
                    first_sent_on: r.get::<_, Option<&str>>(17).map(parse_date).transpose()?,
                })
            })
            .collect()
    }

    fn record_distribution(
        &mut self,
        distribution: &NewDistribution,
        stamp: &Stamp,
    ) -> Result<Distribution> {
        self.transaction(|tx, s| {
            let person = person_id(tx, s, &stamp.person)?;
            let doc = locked_document(tx, s, distribution.document)?;
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
                 person_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &distribution.document,
                    &distribution.recipient,
                    &distribution.channel,
                    &distribution.sent_on.to_string(),
                    &distribution.note,
                    &person,
                    &time_text(&stamp.at),
                ],
            )
            .or_db(s)?;
            let hash = match doc.issued_revision {
                Some(no) => revision_hash(tx, s, distribution.document, no)?,
                None => None,
            };
            let details = serde_json::json!({
                "recipient": distribution.recipient,
                "channel": distribution.channel,
                "sent_on": distribution.sent_on.to_string(),
                "note": distribution.note,
            });
            append_audit(
                tx,
                s,
                stamp,
                "distribute",
                Some(distribution.document),
                hash.as_deref(),
                &details,
            )?;
            Ok(Distribution {
                document: distribution.document,
                recipient: distribution.recipient.clone(),
                channel: distribution.channel.clone(),
                sent_on: distribution.sent_on,
                note: distribution.note.clone(),
                person: stamp.person.clone(),
            })
        })
    }

    fn distributions(&self, document: DocumentId) -> Result<Vec<Distribution>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT x.recipient, x.channel, x.sent_on, x.note, p.login FROM distributions x \
                 JOIN people p ON p.id = x.person_id WHERE x.document_id = $1 ORDER BY x.id",
                &[&document],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(Distribution {
                    document,
                    recipient: r.get(0),
                    channel: r.get(1),
                    sent_on: parse_date(r.get(2))?,
                    note: r.get(3),
                    person: r.get(4),
                })
            })
            .collect()
    }

    fn list_documents(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>> {
        self.client
            .borrow_mut()
            .query(
                &format!(
                    "{SUMMARY_SELECT} WHERE ($1::TEXT IS NULL OR d.state = $1) \
                     ORDER BY d.updated_at DESC, d.id DESC LIMIT $2 OFFSET $3"
                ),
                &[
                    &query.state.map(State::as_str),
                    &i64::from(query.limit),
                    &i64::from(query.offset),
                ],
            )
            .or_db(&self.server)?
            .iter()
            .map(summary)
            .collect()
    }

    fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>> {
        let Some(query) = ts_query(text) else {
            return Ok(Vec::new());
        };
        self.client
            .borrow_mut()
            .query(
                &format!(
                    "{SUMMARY_SELECT} JOIN (SELECT document_id, ts_rank(words, q) AS rank \
                     FROM search, to_tsquery('simple'::regconfig, $1) q WHERE words @@ q \
                     ORDER BY rank DESC, document_id LIMIT $2) m ON m.document_id = d.id \
                     ORDER BY m.rank DESC, d.id"
                ),
                &[&query, &i64::from(limit)],
            )
            .or_db(&self.server)?
            .iter()
            .map(summary)
            .collect()
    }

    fn record_event(&mut self, event: &Event, stamp: &Stamp) -> Result<AuditRow> {
        self.transaction(|tx, s| {
            person_id(tx, s, &stamp.person)?;
            if let Some(doc) = event.document
                && read_document(tx, s, doc, false)?.is_none()
            {
                return Err(StoreError::NoDocument(doc));
            }
            append_audit(
                tx,
                s,
                stamp,
                &event.action,
                event.document,
                event.revision_hash.as_deref(),
                &event.details,
            )
        })
    }

    fn audit_rows(&self) -> Result<Vec<AuditRow>> {
        read_audit_rows(&mut *self.client.borrow_mut(), &self.server)
    }

    fn verify_audit(&self) -> Result<Verification> {
        let mut client = self.client.borrow_mut();
        let s = &self.server;
        // One snapshot for the rows and the head, so a row appended meanwhile is not taken
        // for a mismatch.
        let mut tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .or_db(s)?;
        let rows = read_audit_rows(&mut tx, s)?;
        let head = tx
            .query_one("SELECT seq, hash FROM audit_head WHERE id = 1", &[])
            .or_db(s)?;
        let head: (i64, String) = (head.get(0), head.get(1));
        tx.commit().or_db(s)?;
        // Head (0, genesis) is the head of an empty record.
        let head = (head.0 > 0 || !rows.is_empty()).then_some(head);
        Ok(audit::verify(&rows, head))
    }

    fn save_template(&mut self, template: &NewTemplate, stamp: &Stamp) -> Result<TemplateInfo> {
        self.transaction(|tx, s| {
            let person = person_id(tx, s, &stamp.person)?;
            if tx
                .query_opt("SELECT id FROM bodies WHERE id = $1", &[&template.body])
                .or_db(s)?
                .is_none()
            {
                return Err(StoreError::NotInDirectory {
                    what: "cơ quan",
                    key: template.body.to_string(),
                });
            }
            // A second save of the same name waits for the first one's commit on the unique
            // index, then inserts nothing.
            let inserted = tx
                .query_opt(
                    "INSERT INTO templates (body_id, name, doc_type, title, content, person_id, at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (body_id, name) DO NOTHING \
                     RETURNING id",
                    &[
                        &template.body,
                        &template.name,
                        &template.doc_type,
                        &template.title,
                        &template.json,
                        &person,
                        &time_text(&stamp.at),
                    ],
                )
                .or_db(s)?;
            if inserted.is_none() {
                return Err(StoreError::DuplicateTemplate(template.name.clone()));
            }
            let details = template_details(
                template.body,
                &template.name,
                &template.doc_type,
                &template.json,
            );
            append_audit(tx, s, stamp, "template-save", None, None, &details)?;
            Ok(TemplateInfo {
                body: template.body,
                name: template.name.clone(),
                doc_type: template.doc_type.clone(),
                title: template.title.clone(),
                person: stamp.person.clone(),
                at: stamp.at,
            })
        })
    }

    fn templates(&self, body: BodyId) -> Result<Vec<TemplateInfo>> {
        self.client
            .borrow_mut()
            .query(
                "SELECT t.name, t.doc_type, t.title, p.login, t.at FROM templates t \
                 JOIN people p ON p.id = t.person_id WHERE t.body_id = $1 ORDER BY t.name",
                &[&body],
            )
            .or_db(&self.server)?
            .iter()
            .map(|r| {
                Ok(TemplateInfo {
                    body,
                    name: r.get(0),
                    doc_type: r.get(1),
                    title: r.get(2),
                    person: r.get(3),
                    at: parse_time(r.get(4))?,
                })
            })
            .collect()
    }

    fn template(&self, body: BodyId, name: &str) -> Result<Option<StoredTemplate>> {
        self.client
            .borrow_mut()
            .query_opt(
                "SELECT t.name, t.doc_type, t.title, p.login, t.at, t.content FROM templates t \
                 JOIN people p ON p.id = t.person_id WHERE t.body_id = $1 AND t.name = $2",
                &[&body, &name],
            )
            .or_db(&self.server)?
            .map(|r| {
                Ok(StoredTemplate {
                    info: TemplateInfo {
                        body,
                        name: r.get(0),
                        doc_type: r.get(1),
                        title: r.get(2),
                        person: r.get(3),
                        at: parse_time(r.get(4))?,
                    },
                    json: r.get(5),
                })
            })
            .transpose()
    }

    fn delete_template(&mut self, body: BodyId, name: &str, stamp: &Stamp) -> Result<()> {
        self.transaction(|tx, s| {
            person_id(tx, s, &stamp.person)?;
            let Some(row) = tx
                .query_opt(
                    "DELETE FROM templates WHERE body_id = $1 AND name = $2 \
                     RETURNING doc_type, content",
                    &[&body, &name],
                )
                .or_db(s)?
            else {
                return Err(StoreError::NoTemplate(name.to_owned()));
            };
            let doc_type: String = row.get(0);
            let json: String = row.get(1);
            let details = template_details(body, name, &doc_type, &json);
            append_audit(tx, s, stamp, "template-delete", None, None, &details)?;
            Ok(())
        })
    }

    fn style_profile(&self, body: BodyId) -> Result<Option<String>> {
        Ok(self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT toml FROM style_profiles WHERE body_id = $1",
                &[&body],
            )
            .or_db(&self.server)?
            .map(|r| r.get(0)))
    }

    fn set_style_profile(&mut self, body: BodyId, toml: Option<&str>, stamp: &Stamp) -> Result<()> {
        self.transaction(|tx, s| {
            let person = person_id(tx, s, &stamp.person)?;
            if tx
                .query_opt("SELECT id FROM bodies WHERE id = $1", &[&body])
                .or_db(s)?
                .is_none()
            {
                return Err(StoreError::NotInDirectory {
                    what: "cơ quan",
                    key: body.to_string(),
                });
            }
            match toml {
                Some(text) => tx.execute(
                    "INSERT INTO style_profiles (body_id, toml, person_id, at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (body_id) DO UPDATE SET \
                     toml = excluded.toml, person_id = excluded.person_id, at = excluded.at",
                    &[&body, &text, &person, &time_text(&stamp.at)],
                ),
                None => tx.execute("DELETE FROM style_profiles WHERE body_id = $1", &[&body]),
            }
            .or_db(s)?;
            let details = style_profile_details(body, toml);
            append_audit(tx, s, stamp, "style-profile", None, None, &details)?;
            Ok(())
        })
    }
}

/// The audit record, oldest first, read through a connection or a transaction.
pub(crate) fn read_audit_rows(c: &mut impl GenericClient, server: &str) -> Result<Vec<AuditRow>> {
    Ok(c.query(
        "SELECT seq, at, actor, action, document_id, revision_hash, details, prev_hash, hash \
         FROM audit ORDER BY seq",
        &[],
    )
    .or_db(server)?
    .iter()
    .map(|r| AuditRow {
        seq: r.get(0),
        at: r.get(1),
        actor: r.get(2),
        action: r.get(3),
        document: r.get(4),
        revision_hash: r.get(5),
        details: r.get(6),
        prev_hash: r.get(7),
        hash: r.get(8),
    })
    .collect())
}

/// Throwaway databases on a test server, one per test store, dropped afterwards.
pub mod scratch {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// The test server named by `VANBAN_TEST_PG` (its password in `PGPASSWORD`). Without it:
    /// on CI (`CI=true`) a failure — the PostgreSQL tests must run there — and elsewhere `None`
    /// with a notice on stderr, so the SQLite half of a suite still runs.
    pub fn test_server(test: &str) -> Option<ServerSettings> {
        match std::env::var("VANBAN_TEST_PG") {
            Ok(address) if !address.is_empty() => Some(
                ServerSettings::from_environment(&address, None)
                    .unwrap_or_else(|e| panic!("VANBAN_TEST_PG: {e}")),
            ),
            _ if std::env::var("CI").is_ok_and(|v| v == "true") => panic!(
                "{test}: VANBAN_TEST_PG is not set; on CI the PostgreSQL tests must run \
                 (./x test starts a server)"
            ),
            _ => {
                eprintln!(
                    "note: {test}: PostgreSQL part skipped: VANBAN_TEST_PG is not set \
                     (./x test starts a throwaway server)"
                );
                None
            }
        }
    }

    /// An empty database on the server, dropped when this value is.
    #[derive(Debug)]
    pub struct ScratchDatabase {
        admin: ServerSettings,
        settings: ServerSettings,
    }

    static COUNTER: AtomicUsize = AtomicUsize::new(0);

    impl ScratchDatabase {
        /// Creates an empty database named after the test and this process.
        pub fn new(admin: &ServerSettings, test: &str) -> Result<ScratchDatabase> {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let clean: String = test
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .take(30)
                .collect();
            let name = format!("vb_{clean}_{}_{n}", std::process::id());
            let mut client = admin.connect()?;
            // One statement per call: DROP and CREATE DATABASE refuse to run in a transaction,
            // and several statements in one call make one.
            client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .or_db(admin.shown())?;
            client
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .or_db(admin.shown())?;
            Ok(ScratchDatabase {
                admin: admin.clone(),
                settings: admin.with_database(&name),
            })
        }

        /// Where it is.
        pub fn settings(&self) -> &ServerSettings {
            &self.settings
        }

        /// Its address, without password.
        pub fn address(&self) -> &str {
            self.settings.shown()
        }
    }

    impl Drop for ScratchDatabase {
        fn drop(&mut self) {
            if let Ok(mut client) = self.admin.connect() {
                let _ = client.batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.settings.database()
                ));
            }
        }
    }
}
