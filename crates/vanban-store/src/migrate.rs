//! Moving a single-user SQLite file to the shared server (`vanban db migrate --from FILE --to
//! postgres://…`): every table copied row for row with its ids, in one transaction on the
//! server, the audit chain verified there before the commit — the copy is whole or nothing.
//! A target that already holds VănBản data is refused, so the copy never runs twice into it.

use postgres::types::ToSql;
use rusqlite::types::Value;
use serde::Serialize;

use crate::audit;
use crate::error::StoreError;
use crate::postgres::{PgStore, ServerSettings, search_text};
use crate::sqlite::SqliteStore;
use crate::{Result, Store};

/// How a column is typed on the server.
#[derive(Clone, Copy)]
enum Kind {
    /// BIGINT.
    Big,
    /// INTEGER.
    Int,
    /// TEXT.
    Text,
    /// BOOLEAN (0/1 in SQLite).
    Bool,
    /// BYTEA (a BLOB in SQLite).
    Bytes,
}

use Kind::{Big, Bool, Bytes, Int, Text};

/// The tables in an order that satisfies their references, with their columns.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "bodies",
        &[
            ("id", Big),
            ("abbreviation", Text),
            ("name", Text),
            ("parent_name", Text),
            ("place", Text),
            ("address_line", Text),
        ],
    ),
    (
        "units",
        &[
            ("id", Big),
            ("body_id", Big),
            ("abbreviation", Text),
            ("name", Text),
            ("active", Bool),
        ],
    ),
    (
        "people",
        &[
            ("id", Big),
            ("login", Text),
            ("name", Text),
            ("titles", Text),
            ("roles", Text),
            ("body_id", Big),
            ("unit_id", Big),
        ],
    ),
    (
        "delegations",
        &[
            ("id", Big),
            ("body_id", Big),
            ("delegator_id", Big),
            ("delegate_id", Big),
            ("kind", Text),
            ("of_title", Text),
            ("valid_from", Text),
            ("valid_to", Text),
        ],
    ),
    (
        "recipient_groups",
        &[
            ("id", Big),
            ("body_id", Big),
            ("name", Text),
            ("members", Text),
        ],
    ),
    (
        "registers",
        &[
            ("id", Big),
            ("body_id", Big),
            ("name", Text),
            ("doc_types", Text),
            ("secret", Bool),
        ],
    ),
    (
        "documents",
        &[
            ("id", Big),
            ("body_id", Big),
            ("owner_id", Big),
            ("doc_type", Text),
            ("subject", Text),
            ("state", Text),
            ("current_revision", Big),
            ("approved_revision", Big),
            ("signed_revision", Big),
            ("signed_by", Big),
            ("issued_revision", Big),
            ("copied_from", Big),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    ),
    (
        "revisions",
        &[
            ("document_id", Big),
            ("no", Big),
            ("author_id", Big),
            ("at", Text),
            ("content_hash", Text),
            ("doc_type", Text),
            ("subject", Text),
            ("content", Text),
        ],
    ),
    (
        "state_changes",
        &[
            ("id", Big),
            ("document_id", Big),
            ("from_state", Text),
            ("to_state", Text),
            ("revision_no", Big),
            ("person_id", Big),
            ("at", Text),
            ("note", Text),
        ],
    ),
    (
        "comments",
        &[
            ("id", Big),
            ("document_id", Big),
            ("revision_no", Big),
            ("anchor", Text),
            ("text", Text),
            ("person_id", Big),
            ("at", Text),
        ],
    ),
    (
        "register_entries",
        &[
            ("id", Big),
            ("register_id", Big),
            ("body_id", Big),
            ("year", Int),
            ("number", Big),
            ("symbol", Text),
            ("number_symbol", Text),
            ("issued_on", Text),
            ("document_id", Big),
            ("revision_no", Big),
            ("doc_type", Text),
            ("type_and_subject", Text),
            ("signer", Text),
            ("recipients", Text),
            ("file_copy", Text),
            ("copies", Big),
            ("clerk_id", Big),
        ],
    ),
    (
        "distributions",
        &[
            ("id", Big),
            ("document_id", Big),
            ("recipient", Text),
            ("channel", Text),
            ("sent_on", Text),
            ("note", Text),
            ("person_id", Big),
            ("at", Text),
        ],
    ),
    (
        "signing_material",
        &[
            ("owner_kind", Text),
            ("owner_id", Big),
            ("certificate", Text),
            ("image_png", Bytes),
            ("seal_diameter_mm", Int),
        ],
    ),
    (
        "signed_pdfs",
        &[
            ("id", Big),
            ("document_id", Big),
            ("revision_no", Big),
            ("stage", Text),
            ("sha256", Text),
            ("pdf", Bytes),
            ("person_id", Big),
            ("at", Text),
            ("style_toml", Text),
        ],
    ),
    ("pins", &[("person_id", Big), ("hash", Text)]),
    (
        "templates",
        &[
            ("id", Big),
            ("body_id", Big),
            ("name", Text),
            ("doc_type", Text),
            ("title", Text),
            ("content", Text),
            ("person_id", Big),
            ("at", Text),
        ],
    ),
    (
        "style_profiles",
        &[
            ("body_id", Big),
            ("toml", Text),
            ("person_id", Big),
            ("at", Text),
        ],
    ),
    (
        "audit",
        &[
            ("seq", Big),
            ("at", Text),
            ("actor", Text),
            ("action", Text),
            ("document_id", Big),
            ("revision_hash", Text),
            ("details", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
    ),
];

/// What was copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopySummary {
    /// Rows per table, in the order copied.
    pub tables: Vec<(String, u64)>,
    /// Rows of the audit record verified on the server.
    pub audit_rows: usize,
    /// The hash of the last audit row, the same on both sides.
    pub audit_head: String,
}

/// A value read from SQLite, typed for the server.
enum Cell {
    Big(Option<i64>),
    Int(Option<i32>),
    Text(Option<String>),
    Bool(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

impl Cell {
    fn read(table: &str, column: &str, kind: Kind, value: Value) -> Result<Cell> {
        let bad = || StoreError::Corrupt(format!("cột {table}.{column} của tệp nguồn"));
        Ok(match (kind, value) {
            (Big, Value::Null) => Cell::Big(None),
            (Big, Value::Integer(i)) => Cell::Big(Some(i)),
            (Int, Value::Null) => Cell::Int(None),
            (Int, Value::Integer(i)) => Cell::Int(Some(i32::try_from(i).map_err(|_| bad())?)),
            (Text, Value::Null) => Cell::Text(None),
            (Text, Value::Text(t)) => Cell::Text(Some(t)),
            (Bool, Value::Null) => Cell::Bool(None),
            (Bool, Value::Integer(i)) => Cell::Bool(Some(i != 0)),
            (Bytes, Value::Null) => Cell::Bytes(None),
            (Bytes, Value::Blob(b)) => Cell::Bytes(Some(b)),
            _ => return Err(bad()),
        })
    }

    fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Cell::Big(v) => v,
            Cell::Int(v) => v,
            Cell::Text(v) => v,
            Cell::Bool(v) => v,
            Cell::Bytes(v) => v,
        }
    }
}

fn sqlite_error(from: &SqliteStore, e: rusqlite::Error) -> StoreError {
    StoreError::NotADatabase {
        path: from.path().to_owned(),
        detail: e.to_string(),
    }
}

/// Copies everything of the SQLite database `from` into the server database of `to` (empty,
/// or without any table yet), then checks the audit chain on the server. Refuses a source whose
/// audit chain is already broken, and a target that holds VănBản data.
pub fn sqlite_to_postgres(from: &SqliteStore, to: &ServerSettings) -> Result<CopySummary> {
    let source_check = from.verify_audit()?;
    if !source_check.is_intact() {
        let problems: Vec<String> = source_check.problems.iter().map(|p| p.message()).collect();
        return Err(StoreError::Corrupt(format!(
            "nhật ký của tệp nguồn {} không nguyên vẹn ({}); không chép",
            from.path().display(),
            problems.join("; ")
        )));
    }
    let mut target = match PgStore::create(to) {
        Ok(store) => store,
        Err(StoreError::AlreadyExists(_)) => {
            let store = PgStore::open(to)?;
            if !store.is_empty()? {
                return Err(StoreError::NotEmpty(to.shown().to_owned()));
            }
            store
        }
        Err(e) => return Err(e),
    };
    let server = to.shown().to_owned();
    let pg = |e: postgres::Error| StoreError::Database(format!("{server}: {e}"));
    let conn = from.connection();
    let client = target.client_mut();
    let mut tx = client.transaction().map_err(pg)?;
    // Another copy running at the same moment waits here, then finds the target not empty.
    tx.batch_execute("LOCK TABLE audit_head IN EXCLUSIVE MODE")
        .map_err(pg)?;
    let busy: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM audit)",
            &[],
        )
        .map_err(pg)?
        .get(0);
    if busy {
        return Err(StoreError::NotEmpty(server.clone()));
    }
    // The rule that no revision is added to an issued document would refuse the copy of the
    // issued revisions themselves; it is off for this transaction only (ALTER TABLE locks the
    // table, so nobody else writes a revision meanwhile).
    tx.batch_execute("ALTER TABLE revisions DISABLE TRIGGER no_revision_after_issue")
        .map_err(pg)?;
    let mut summary = CopySummary {
        tables: Vec::new(),
        audit_rows: 0,
        audit_head: String::new(),
    };
    for (table, columns) in TABLES {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let select = format!("SELECT {} FROM {table}", names.join(", "));
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            placeholders.join(", ")
        );
        let statement = tx.prepare(&insert).map_err(pg)?;
        let mut stmt = conn.prepare(&select).map_err(|e| sqlite_error(from, e))?;
        let mut rows = stmt.query([]).map_err(|e| sqlite_error(from, e))?;
        let mut count = 0u64;
        while let Some(row) = rows.next().map_err(|e| sqlite_error(from, e))? {
            let mut cells = Vec::with_capacity(columns.len());
            for (i, (column, kind)) in columns.iter().enumerate() {
                let value: Value = row.get(i).map_err(|e| sqlite_error(from, e))?;
                cells.push(Cell::read(table, column, *kind, value)?);
            }
            let params: Vec<&(dyn ToSql + Sync)> = cells.iter().map(Cell::as_sql).collect();
            tx.execute(&statement, &params).map_err(pg)?;
            count += 1;
        }
        if names[0] == "id" {
            tx.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .map_err(pg)?;
        }
        summary.tables.push(((*table).to_owned(), count));
    }
    tx.batch_execute("ALTER TABLE revisions ENABLE TRIGGER no_revision_after_issue")
        .map_err(pg)?;
    // The search index: the file's folded text, split into the server's words.
    {
        let mut stmt = conn
            .prepare("SELECT rowid, subject, content FROM search")
            .map_err(|e| sqlite_error(from, e))?;
        let mut rows = stmt.query([]).map_err(|e| sqlite_error(from, e))?;
        let insert = tx
            .prepare("INSERT INTO search (document_id, subject, content) VALUES ($1, $2, $3)")
            .map_err(pg)?;
        let mut count = 0u64;
        while let Some(row) = rows.next().map_err(|e| sqlite_error(from, e))? {
            let id: i64 = row.get(0).map_err(|e| sqlite_error(from, e))?;
            let subject: String = row.get(1).map_err(|e| sqlite_error(from, e))?;
            let content: String = row.get(2).map_err(|e| sqlite_error(from, e))?;
            tx.execute(
                &insert,
                &[&id, &search_text(&subject), &search_text(&content)],
            )
            .map_err(pg)?;
            count += 1;
        }
        summary.tables.push(("search".to_owned(), count));
    }
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .map_err(|e| sqlite_error(from, e))?;
    if let Some((seq, hash)) = &head {
        tx.execute(
            "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
            &[seq, hash],
        )
        .map_err(pg)?;
    }
    // Verify on the server, inside the transaction: a copy that does not verify is not kept.
    let rows = crate::postgres::read_audit_rows(&mut tx, &server)?;
    let copied = audit::verify(&rows, head.clone());
    if !copied.is_intact() || copied.head != source_check.head {
        let problems: Vec<String> = copied.problems.iter().map(|p| p.message()).collect();
        return Err(StoreError::Corrupt(format!(
            "nhật ký chép sang máy chủ không khớp với tệp nguồn ({}); không giữ bản chép",
            problems.join("; ")
        )));
    }
    tx.commit().map_err(pg)?;
    summary.audit_rows = copied.rows;
    summary.audit_head = copied.head;
    Ok(summary)
}
