//! The embedded database: one SQLite file (bundled SQLite, WAL, foreign keys on, a busy
//! timeout), versioned migrations with `rusqlite_migration`.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction: the write lock is taken at the start, so
//! two processes never both read "the next number is 12" — the second waits for the first to
//! commit (up to the busy timeout) and then reads 13. `synchronous = FULL` makes each commit
//! durable before the call returns, so a revision reported as saved survives a crash.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

use vanban_core::fold::fold;

use crate::Result;
use crate::db::{Cell, Param, Rows, Tx, Value};
use crate::error::StoreError;

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
        M::up(include_str!("../migrations/0006_search_subject.sql")),
        M::up(include_str!("../migrations/0007_tracking.sql")),
        M::up(include_str!("../migrations/0008_copies.sql")),
        M::up(include_str!("../migrations/0009_edxml.sql")),
        M::up(include_str!("../migrations/0010_email.sql")),
    ])
});

/// The newest schema version this build reads and writes (the number of entries above: the
/// list is positional, SQLite's user_version counts the entries applied).
pub const SCHEMA_VERSION: i64 = 10;

/// How many of the newest documents whose subject matches search ranks.
const CANDIDATES: i64 = 1000;

/// An open SQLite file.
pub(crate) struct Lite {
    conn: Connection,
    path: PathBuf,
}

impl Lite {
    pub(crate) fn create(path: &Path) -> Result<Lite> {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| map_error(path, e))?;
        Lite::ready(conn, path, true)
    }

    pub(crate) fn open(path: &Path) -> Result<Lite> {
        if !std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| map_error(path, e))?;
        // Read the header before changing anything (the journal mode is a write).
        let probe = (|| -> rusqlite::Result<(i64, i64, i64)> {
            let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let objects: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            Ok((app, version, objects))
        })();
        let (app, version, objects) = probe.map_err(|e| map_error(path, e))?;
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
        Lite::ready(conn, path, version < SCHEMA_VERSION)
    }

    pub(crate) fn in_memory() -> Result<Lite> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| map_error(path, e))?;
        Lite::ready(conn, path, true)
    }

    /// Sets the connection up and brings the schema up to date.
    fn ready(mut conn: Connection, path: &Path, migrate: bool) -> Result<Lite> {
        (|| -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            let _mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            conn.pragma_update(None, "synchronous", "FULL")
        })()
        .map_err(|e| map_error(path, e))?;
        if migrate {
            MIGRATIONS.to_latest(&mut conn).map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => map_error(path, err),
                other => StoreError::Database(other.to_string()),
            })?;
        }
        Ok(Lite {
            conn,
            path: path.to_owned(),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        f(&mut Tx::Lite(LiteTx {
            conn: &self.conn,
            path: &self.path,
        }))
    }

    pub(crate) fn snapshot<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Deferred, f)
    }

    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Immediate, f)
    }

    fn run<T>(
        &mut self,
        behavior: TransactionBehavior,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        let path = &self.path;
        let tx = self
            .conn
            .transaction_with_behavior(behavior)
            .map_err(|e| map_error(path, e))?;
        let value = f(&mut Tx::Lite(LiteTx { conn: &tx, path }))?;
        tx.commit().map_err(|e| map_error(path, e))?;
        Ok(value)
    }
}

/// Statements on an SQLite connection, in or out of its transaction.
pub(crate) struct LiteTx<'a> {
    conn: &'a Connection,
    path: &'a Path,
}

/// The statement with SQLite's placeholders: `$1` is written `?1`.
fn placeholders(sql: &str) -> String {
    sql.replace('$', "?")
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Bool(b) => ValueRef::Integer(i64::from(*b)),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Bytes(b) => ValueRef::Blob(b.as_ref()),
        }))
    }
}

fn cell(value: ValueRef<'_>) -> Result<Cell> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(r) => Value::Text(r.to_string().into()),
        ValueRef::Text(t) => Value::Text(
            String::from_utf8(t.to_vec())
                .map_err(|_| StoreError::Corrupt("văn bản không phải UTF-8".into()))?
                .into(),
        ),
        ValueRef::Blob(b) => Value::Bytes(b.to_vec().into()),
    })
}

impl LiteTx<'_> {
    fn err(&self, e: rusqlite::Error) -> StoreError {
        map_error(self.path, e)
    }

    fn run(&self, sql: &str, params: &[&dyn Param]) -> rusqlite::Result<usize> {
        let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
        self.conn
            .prepare_cached(&placeholders(sql))?
            .execute(rusqlite::params_from_iter(values.iter()))
    }

    pub(crate) fn exec(&mut self, sql: &str, params: &[&dyn Param]) -> Result<u64> {
        let n = self.run(sql, params).map_err(|e| self.err(e))?;
        Ok(n as u64)
    }

    pub(crate) fn query(&mut self, sql: &str, params: &[&dyn Param]) -> Result<Rows> {
        let values: Vec<Value<'_>> = params.iter().map(|p| p.value()).collect();
        let mut stmt = self
            .conn
            .prepare_cached(&placeholders(sql))
            .map_err(|e| self.err(e))?;
        let width = stmt.column_count();
        let err = |e| map_error(self.path, e);
        let mut rows = (stmt.query(rusqlite::params_from_iter(values.iter()))).map_err(err)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(err)? {
            let cells = (0..width).map(|i| cell(row.get_ref(i).map_err(err)?));
            out.push(cells.collect::<Result<Vec<_>>>()?);
        }
        Ok(out)
    }

    /// Runs statements as they are (test support).
    #[cfg(feature = "test-support")]
    pub(crate) fn batch(&mut self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql).map_err(|e| self.err(e))
    }

    /// Documents matching every word (see [`crate::Store::search`]): with `subject`, the best
    /// `limit` by FTS5's bm25 among the newest [`CANDIDATES`] whose subject matches (found by
    /// walking the index from its highest rowid, then ranking only from the last of them on);
    /// otherwise the newest `limit` whose subject or text matches. The prefix indexes of both
    /// tables find the last, unfinished word as fast as a whole one.
    pub(crate) fn hits(&mut self, words: &[String], subject: bool, n: u32) -> Result<Rows> {
        let (query, limit) = (fts_query(words), n);
        if !subject {
            return self.query(
                "SELECT rowid FROM search WHERE search MATCH $1 ORDER BY rowid DESC LIMIT $2",
                &[&query, &limit],
            );
        }
        let oldest = self.query(
            "SELECT rowid FROM search_subject WHERE search_subject MATCH $1 \
             ORDER BY rowid DESC LIMIT 1 OFFSET $2",
            &[&query, &(CANDIDATES - 1)],
        )?;
        let oldest = crate::db::ids(oldest).first().copied().unwrap_or(i64::MIN);
        self.query(
            "SELECT rowid FROM search_subject WHERE search_subject MATCH $1 AND rowid >= $2 \
             ORDER BY rank LIMIT $3",
            &[&query, &oldest, &limit],
        )
    }

    /// Two FTS5 tables, rowid = document id: `search` (subject and text) and `search_subject`.
    pub(crate) fn index(&mut self, document: i64, subject: &str, text: &str) -> Result<()> {
        let (subject, text) = (fold(subject), fold(text));
        for sql in [
            "DELETE FROM search WHERE rowid = $1",
            "DELETE FROM search_subject WHERE rowid = $1",
        ] {
            self.exec(sql, &[&document])?;
        }
        self.exec(
            "INSERT INTO search (rowid, subject, content) VALUES ($1, $2, $3)",
            &[&document, &subject, &text],
        )?;
        self.exec(
            "INSERT INTO search_subject (rowid, subject) VALUES ($1, $2)",
            &[&document, &subject],
        )?;
        Ok(())
    }
}

/// An FTS5 query that needs every word, the last one as a prefix (so a search grows as it is
/// typed). Each word is a quoted string, so no user text is read as FTS5 syntax (words hold
/// only letters and digits: never a quote).
fn fts_query(words: &[String]) -> String {
    let (quoted, prefix) = (|w: &str| format!("\"{w}\""), |w: &str| format!("\"{w}\"*"));
    crate::db::every_word(words, quoted, prefix, " ")
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
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
        Some(ErrorCode::DiskFull) => StoreError::DiskFull,
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly {
                path: path.to_owned(),
                detail,
            }
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::NotADatabase {
            path: path.to_owned(),
            detail,
        },
        // The triggers refuse with "vanban: what may not change".
        Some(ErrorCode::ConstraintViolation) if detail.contains("vanban:") => {
            StoreError::Frozen(frozen_reason(&detail))
        }
        _ => StoreError::Database(detail),
    }
}

/// What a trigger's refusal says after "vanban:".
pub(crate) fn frozen_reason(message: &str) -> String {
    message
        .split("vanban:")
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use vanban_core::fold::query_words;

    use super::*;

    #[test]
    fn fts_syntax_in_a_query_is_only_text() {
        assert_eq!(
            fts_query(&query_words("chuyển \"đổi\" OR số*")),
            "\"chuyen\" \"doi\" \"or\" \"so\"*"
        );
        assert!(query_words(" -*- ").is_empty());
    }
}
