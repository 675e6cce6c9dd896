//! Moving a single-user SQLite file to the shared server (`vanban db migrate --from FILE --to
//! postgres://…`): every table copied row for row with its ids, in one transaction on the
//! server, the audit chain verified there before the commit — the copy is whole or nothing.
//! A target that already holds VănBản data is refused, so the copy never runs twice into it.

use serde::Serialize;

use crate::db::{Param, Value};
use crate::error::StoreError;
use crate::postgres::ServerSettings;
use crate::{Result, Store};

/// The tables in an order that satisfies their references. Both schemas have the same columns
/// in the same order; they are read from the file (the types are the server's: each value is
/// bound at its column's width).
const TABLES: &[&str] = &[
    "bodies",
    "units",
    "people",
    "delegations",
    "recipient_groups",
    "registers",
    "documents",
    "revisions",
    "state_changes",
    "comments",
    "register_entries",
    "distributions",
    "signing_material",
    "signed_pdfs",
    "pins",
    "templates",
    "style_profiles",
    "tracked_tasks",
    "task_units",
    "task_reports",
    "plan_followers",
    "copy_signers",
    "copies",
    "organs",
    "distribution_statuses",
    "smtp_settings",
    "addresses",
    "email_sends",
    "audit",
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

/// Copies everything of the SQLite database `from` into the server database of `to` (empty,
/// or without any table yet), then checks the audit chain on the server. Refuses a source whose
/// audit chain is already broken, and a target that holds VănBản data.
pub fn sqlite_to_postgres(from: &Store, to: &ServerSettings) -> Result<CopySummary> {
    let Some(path) = from.path() else {
        return Err(StoreError::Database(
            "nguồn để chép phải là một tệp SQLite".into(),
        ));
    };
    let source_check = from.verify_audit()?;
    if !source_check.is_intact() {
        let problems: Vec<String> = source_check.problems.iter().map(|p| p.message()).collect();
        return Err(StoreError::Corrupt(format!(
            "nhật ký của tệp nguồn {} không nguyên vẹn ({}); không chép",
            path.display(),
            problems.join("; ")
        )));
    }
    let mut target = match Store::create_server(to) {
        Err(StoreError::AlreadyExists(_)) => Store::open_server(to)?,
        other => other?,
    };
    let server = to.shown().to_owned();
    from.read(|src| {
        target.write(|dst| {
            // Another copy running at the same moment waits here, then finds the target not
            // empty.
            dst.exec("LOCK TABLE audit_head IN EXCLUSIVE MODE", &[])?;
            let busy: bool = dst.one(
                "SELECT EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM bodies) \
                 OR EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM audit)",
                &[],
            )?;
            if busy {
                return Err(StoreError::NotEmpty(server.clone()));
            }
            // The rule that no revision is added to an issued document would refuse the copy
            // of the issued revisions themselves; it is off for this transaction only (ALTER
            // TABLE locks the table, so nobody else writes a revision meanwhile).
            dst.exec(
                "ALTER TABLE revisions DISABLE TRIGGER no_revision_after_issue",
                &[],
            )?;
            let mut tables = Vec::new();
            for table in TABLES {
                let names: Vec<String> =
                    src.all("SELECT name FROM pragma_table_info($1)", &[table])?;
                let (columns, count) = (names.join(", "), names.len());
                let select = format!("SELECT {columns} FROM {table}");
                let marks: Vec<String> = (1..=count).map(|i| format!("${i}")).collect();
                let insert = format!(
                    "INSERT INTO {table} ({columns}) VALUES ({})",
                    marks.join(", ")
                );
                let rows = src.rows(&select)?;
                for row in &rows {
                    let params: Vec<&dyn Param> = row.iter().map(|c| c as &dyn Param).collect();
                    dst.exec(&insert, &params)?;
                }
                if columns.starts_with("id,") {
                    dst.exec(
                        &format!(
                            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                             COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                        ),
                        &[],
                    )?;
                }
                tables.push(((*table).to_owned(), rows.len() as u64));
            }
            dst.exec(
                "ALTER TABLE revisions ENABLE TRIGGER no_revision_after_issue",
                &[],
            )?;
            // The search index: the file's folded text, split into the server's words.
            let search = src.rows("SELECT rowid, subject, content FROM search")?;
            for row in &search {
                if let [Value::Int(id), Value::Text(subject), Value::Text(content)] = row.as_slice()
                {
                    dst.index(*id, subject, content)?;
                }
            }
            tables.push(("search".to_owned(), search.len() as u64));
            let head: Option<(i64, String)> =
                src.opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])?;
            if let Some((seq, hash)) = &head {
                dst.exec(
                    "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1",
                    &[seq, hash],
                )?;
            }
            // Verify on the server, inside the transaction: a copy that does not verify is not
            // kept.
            let copied = crate::ops::verify(dst)?;
            if !copied.is_intact() || copied.head != source_check.head {
                let problems: Vec<String> = copied.problems.iter().map(|p| p.message()).collect();
                return Err(StoreError::Corrupt(format!(
                    "nhật ký chép sang máy chủ không khớp với tệp nguồn ({}); không giữ bản chép",
                    problems.join("; ")
                )));
            }
            Ok(CopySummary {
                tables,
                audit_rows: copied.rows,
                audit_head: copied.head,
            })
        })
    })
}
