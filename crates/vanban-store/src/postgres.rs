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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use postgres::error::SqlState;
use postgres::types::{ToSql, Type};
use postgres::{Client, Statement};

use crate::Result;
use crate::db::{Cell, Param, Rows, Tx, Value};
use crate::error::StoreError;
use vanban_core::fold::query_words;

/// The newest schema version this build reads and writes (refinery's version number).
pub const SCHEMA_VERSION: i64 = 10;

/// Key of the advisory lock held while the schema is brought up to date, so that two
/// computers starting at once do not both create it. "VBN1", as SQLite's application id.
const MIGRATION_LOCK: i64 = 0x5642_4E31;

/// How many of the newest documents whose subject matches search ranks.
const CANDIDATES: i64 = 1000;

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
        let (server, detail) = (server.to_owned(), db.message().to_owned());
        // SQLSTATEs: VB001, a trigger's refusal; 57P01-03, the server shutting down or starting;
        // 53100, 53200, disk or memory full; 40001, 40P01, 55P03, 57014, a transaction that
        // collided or waited too long; 42501, 25006, no right to write.
        return match db.code().code() {
            "VB001" => StoreError::Frozen(crate::sqlite::frozen_reason(&detail)),
            "57P01" | "57P02" | "57P03" => StoreError::ConnectionLost { server, at_commit },
            "53100" | "53200" => StoreError::DiskFull,
            "40001" | "40P01" | "55P03" | "57014" => StoreError::Busy,
            "42501" | "25006" => StoreError::ReadOnly {
                path: PathBuf::from(server),
                detail,
            },
            code => StoreError::Database(format!("{code}: {detail}")),
        };
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

/// A connection to the server, with the statements it prepared.
pub(crate) struct Pg {
    client: Client,
    server: String,
    statements: HashMap<String, Statement>,
}

impl Pg {
    pub(crate) fn create(settings: &ServerSettings) -> Result<Pg> {
        let mut pg = Pg::connect(settings)?;
        pg.with_schema_lock(|pg| match pg.read(contents)? {
            Contents::Empty => migrate(pg),
            Contents::VanBan(_) => Err(StoreError::AlreadyExists(PathBuf::from(&pg.server))),
            Contents::Foreign => Err(StoreError::ForeignDatabase(pg.server.clone())),
        })?;
        Ok(pg)
    }

    pub(crate) fn open(settings: &ServerSettings) -> Result<Pg> {
        let mut pg = Pg::connect(settings)?;
        let version = match pg.read(contents)? {
            Contents::Empty => return Err(StoreError::Missing(PathBuf::from(&pg.server))),
            Contents::Foreign => return Err(StoreError::ForeignDatabase(pg.server)),
            Contents::VanBan(v) => v,
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: PathBuf::from(&pg.server),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            pg.with_schema_lock(migrate)?;
        }
        Ok(pg)
    }

    fn connect(settings: &ServerSettings) -> Result<Pg> {
        Ok(Pg {
            client: settings.connect()?,
            server: settings.shown().to_owned(),
            statements: HashMap::new(),
        })
    }

    /// Runs `f` holding the advisory lock of the schema ([`MIGRATION_LOCK`]), so that two
    /// computers starting at once do not both bring it up to date.
    fn with_schema_lock(&mut self, f: impl FnOnce(&mut Pg) -> Result<()>) -> Result<()> {
        let lock = |pg: &mut Pg, sql| pg.read(|tx| tx.exec(sql, &[&MIGRATION_LOCK]));
        lock(self, "SELECT pg_advisory_lock($1)")?;
        let result = f(self);
        lock(self, "SELECT pg_advisory_unlock($1)")?;
        result
    }

    pub(crate) fn server(&self) -> &str {
        &self.server
    }

    fn tx(&mut self) -> PgTx<'_> {
        PgTx {
            client: &mut self.client,
            statements: &mut self.statements,
            server: &self.server,
        }
    }

    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        f(&mut Tx::Pg(self.tx()))
    }

    pub(crate) fn snapshot<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", f)
    }

    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.run("BEGIN", f)
    }

    /// A transaction: a broken connection rolls it back on the server, and a failure of the
    /// commit itself is reported as such (the change may or may not be saved).
    fn run<T>(&mut self, begin: &str, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.client.batch_execute(begin).or_db(&self.server)?;
        let result = f(&mut Tx::Pg(self.tx()));
        match result {
            Ok(value) => {
                self.client
                    .batch_execute("COMMIT")
                    .map_err(|e| map_error(&self.server, e, true))?;
                Ok(value)
            }
            Err(e) => {
                // Nothing to do when the connection is gone: the server rolled back.
                let _ = self.client.batch_execute("ROLLBACK");
                Err(e)
            }
        }
    }
}

/// Statements on the server's connection.
pub(crate) struct PgTx<'a> {
    client: &'a mut Client,
    statements: &'a mut HashMap<String, Statement>,
    server: &'a str,
}

/// A value as the type the server gave its placeholder: integers at the width of their column.
fn bind<'v>(
    value: Value<'v>,
    ty: &Type,
) -> std::result::Result<Box<dyn ToSql + Sync + 'v>, String> {
    let wrong = || format!("giá trị không hợp kiểu {ty}");
    Ok(match (value, ty) {
        (Value::Null, &Type::INT2) => Box::new(None::<i16>),
        (Value::Null, &Type::INT4) => Box::new(None::<i32>),
        (Value::Null, &Type::INT8) => Box::new(None::<i64>),
        (Value::Null, &Type::BOOL) => Box::new(None::<bool>),
        (Value::Null, &Type::BYTEA) => Box::new(None::<Vec<u8>>),
        (Value::Null, _) => Box::new(None::<String>),
        (Value::Int(i), &Type::INT2) => Box::new(i16::try_from(i).map_err(|_| wrong())?),
        (Value::Int(i), &Type::INT4) => Box::new(i32::try_from(i).map_err(|_| wrong())?),
        (Value::Int(i), &Type::INT8) => Box::new(i),
        // SQLite's booleans are 0 and 1 (a copy from a file).
        (Value::Int(i), &Type::BOOL) => Box::new(i != 0),
        (Value::Bool(b), _) => Box::new(b),
        (Value::Text(s), _) => Box::new(s.into_owned()),
        (Value::Bytes(b), _) => Box::new(b.into_owned()),
        (Value::Int(_), _) => return Err(wrong()),
    })
}

fn cell(row: &postgres::Row, i: usize) -> std::result::Result<Cell, postgres::Error> {
    let ty = row.columns()[i].type_();
    let int = |v: Option<i64>| v.map_or(Value::Null, Value::Int);
    Ok(match *ty {
        Type::INT2 => int(row.try_get::<_, Option<i16>>(i)?.map(i64::from)),
        Type::INT4 => int(row.try_get::<_, Option<i32>>(i)?.map(i64::from)),
        Type::INT8 => int(row.try_get::<_, Option<i64>>(i)?),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map_or(Value::Null, Value::Bool),
        Type::BYTEA => row
            .try_get::<_, Option<Vec<u8>>>(i)?
            .map_or(Value::Null, |b| Value::Bytes(b.into())),
        _ => row
            .try_get::<_, Option<String>>(i)?
            .map_or(Value::Null, |t| Value::Text(t.into())),
    })
}

impl PgTx<'_> {
    /// The prepared statement of `sql` (prepared once per connection) and its bound values.
    fn prepare(&mut self, sql: &str) -> Result<Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql).or_db(self.server)?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    fn run<T>(
        &mut self,
        statement: &Statement,
        params: &[&dyn Param],
        f: impl FnOnce(&mut Client, &[&(dyn ToSql + Sync)]) -> std::result::Result<T, postgres::Error>,
    ) -> Result<std::result::Result<T, postgres::Error>> {
        let bound = params
            .iter()
            .zip(statement.params())
            .map(|(p, ty)| bind(p.value(), ty))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(StoreError::Database)?;
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| &**b as _).collect();
        Ok(f(&mut *self.client, &refs))
    }

    pub(crate) fn exec(&mut self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        let statement = self.prepare(sql)?;
        self.run(&statement, params, |c, p| c.execute(&statement, p))?
            .or_db(self.server)
    }

    pub(crate) fn query(&mut self, sql: &str, params: &[&dyn Param]) -> Result<Rows> {
        let statement = self.prepare(sql)?;
        self.rows(&statement, params)
    }

    fn rows(&mut self, statement: &Statement, params: &[&dyn Param]) -> Result<Rows> {
        let rows = self
            .run(statement, params, |c, p| c.query(statement, p))?
            .or_db(self.server)?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| cell(row, i))
                    .collect::<std::result::Result<Vec<_>, _>>()
            })
            .collect::<std::result::Result<Vec<_>, _>>()
            .or_db(self.server)
    }

    /// Runs statements as they are (test support).
    #[cfg(feature = "test-support")]
    pub(crate) fn batch(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql).or_db(self.server)
    }

    /// One row per document in `search`: the folded subject and text, whose vectors the
    /// server computes (`words`, `subject_words`).
    pub(crate) fn index(&mut self, document: i64, subject: &str, text: &str) -> Result<()> {
        self.exec(
            "INSERT INTO search (document_id, subject, content) VALUES ($1, $2, $3) \
             ON CONFLICT (document_id) DO UPDATE SET subject = excluded.subject, \
             content = excluded.content",
            &[&document, &search_text(subject), &search_text(text)],
        )?;
        Ok(())
    }

    /// Documents matching every word (see [`crate::Store::search`]): with `subject`, the best
    /// `limit` by `ts_rank` among the newest [`CANDIDATES`] whose subject matches; otherwise
    /// the newest `limit` whose subject or text matches. Prepared afresh each time, so that the
    /// server plans it for these words: for common words it walks the documents from the
    /// newest and stops, for rare ones it reads the index.
    pub(crate) fn hits(&mut self, words: &[String], subject: bool, n: u32) -> Result<Rows> {
        let query = ts_query(words);
        if !subject {
            let statement = (self.client)
                .prepare(
                    "SELECT document_id FROM search \
                     WHERE words @@ to_tsquery('simple'::regconfig, $1) \
                     ORDER BY document_id DESC LIMIT $2",
                )
                .or_db(self.server)?;
            return self.rows(&statement, &[&query, &n]);
        }
        let statement = (self.client)
            .prepare(
                "SELECT document_id FROM (SELECT document_id, subject_words FROM search \
                 WHERE subject_words @@ to_tsquery('simple'::regconfig, $1) \
                 ORDER BY document_id DESC LIMIT $3) c ORDER BY ts_rank(subject_words, \
                 to_tsquery('simple'::regconfig, $1)) DESC, document_id LIMIT $2",
            )
            .or_db(self.server)?;
        self.rows(&statement, &[&query, &n, &CANDIDATES])
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

fn contents(tx: &mut Tx<'_>) -> Result<Contents> {
    let tables: i64 = tx.one(
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
        &[],
    )?;
    if tables == 0 {
        return Ok(Contents::Empty);
    }
    let ours: bool = tx.one(
        "SELECT to_regclass('vanban_meta') IS NOT NULL \
         AND to_regclass('refinery_schema_history') IS NOT NULL",
        &[],
    )?;
    if !ours {
        return Ok(Contents::Foreign);
    }
    let app: Option<i64> = tx.opt("SELECT application_id FROM vanban_meta WHERE id = 1", &[])?;
    if app != Some(crate::sqlite::APPLICATION_ID) {
        return Ok(Contents::Foreign);
    }
    let version: Option<i32> = tx.one("SELECT max(version) FROM refinery_schema_history", &[])?;
    Ok(Contents::VanBan(i64::from(version.unwrap_or(0))))
}

/// Brings the schema up to date (`migrations-postgres/`, in one transaction).
fn migrate(pg: &mut Pg) -> Result<()> {
    macro_rules! migration {
        ($name:literal) => {
            (
                $name,
                include_str!(concat!("../migrations-postgres/", $name, ".sql")),
            )
        };
    }
    let migrations = [
        migration!("V1__initial"),
        migration!("V2__signatures"),
        migration!("V3__templates"),
        migration!("V4__pins"),
        migration!("V5__style"),
        migration!("V6__search_subject"),
        migration!("V7__tracking"),
        migration!("V8__copies"),
        migration!("V9__edxml"),
        migration!("V10__email"),
    ]
    .into_iter()
    .map(|(name, sql)| refinery::Migration::unapplied(name, sql))
    .collect::<std::result::Result<Vec<_>, _>>()
    .map_err(|e| StoreError::Database(e.to_string()))?;
    let run = refinery::Runner::new(&migrations).set_grouped(true);
    run.run(&mut pg.client).map_err(|e| {
        let detail = source_chain(&e);
        let refused = match e.kind() {
            refinery::error::Kind::Connection(_, source) => (source.downcast_ref())
                .and_then(postgres::Error::code)
                .is_some_and(|code| *code == SqlState::INSUFFICIENT_PRIVILEGE),
            _ => false,
        };
        if refused {
            let path = PathBuf::from(&pg.server);
            return StoreError::ReadOnly { path, detail };
        }
        StoreError::Database(detail)
    })?;
    Ok(())
}

/// Folded words one space apart: what the search table holds and what PostgreSQL's parser
/// splits exactly where the query is split.
pub fn search_text(text: &str) -> String {
    query_words(text).join(" ")
}

/// A `to_tsquery('simple', …)` that needs every word, the last one as a prefix. Words hold
/// only letters and digits, so no user text is read as query syntax.
fn ts_query(words: &[String]) -> String {
    crate::db::every_word(words, str::to_owned, |w| format!("{w}:*"), " & ")
}
