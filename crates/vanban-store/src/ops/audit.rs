//! The audit record: appended in the transaction of every change, read and verified.

use crate::audit::{self, GENESIS, Verification, row_hash};
use crate::db::{Tx, from_row};
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(AuditRow: seq, at, actor, action, document, revision_hash, details, prev_hash, hash);

/// Appends a row after the head, which stays locked until the commit on the server (the next
/// writer appends after this row).
pub(crate) fn append_audit(
    tx: &mut Tx<'_>,
    stamp: &Stamp,
    action: &str,
    document: Option<DocumentId>,
    revision_hash: Option<&str>,
    details: &serde_json::Value,
) -> Result<AuditRow> {
    let lock = tx.lock("audit_head");
    let (seq, prev): (i64, String) = tx
        .opt(
            &format!("SELECT seq, hash FROM audit_head WHERE id = 1{lock}"),
            &[],
        )?
        .unwrap_or((0, GENESIS.to_owned()));
    let mut row = AuditRow {
        seq: seq + 1,
        at: stamp.at.to_rfc3339(),
        actor: stamp.person.clone(),
        action: action.to_owned(),
        document,
        revision_hash: revision_hash.map(str::to_owned),
        details: details.to_string(),
        prev_hash: prev,
        hash: String::new(),
    };
    row.hash = row_hash(&row);
    tx.exec(
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
    )?;
    tx.exec(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        &[&row.seq, &row.hash],
    )?;
    Ok(row)
}

/// The audit record, oldest first.
pub(crate) fn read_audit_rows(tx: &mut Tx<'_>) -> Result<Vec<AuditRow>> {
    tx.all(
        "SELECT seq, at, actor, action, document_id, revision_hash, details, prev_hash, hash \
         FROM audit ORDER BY seq",
        &[],
    )
}

/// The rows and the recorded head of the audit record, verified.
pub(crate) fn verify(tx: &mut Tx<'_>) -> Result<Verification> {
    let rows = read_audit_rows(tx)?;
    let head: Option<(i64, String)> =
        tx.opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])?;
    // A head at 0 (the server's first row) is the head of an empty record.
    let head = head.filter(|(seq, _)| *seq > 0 || !rows.is_empty());
    Ok(audit::verify(&rows, head))
}

impl Store {
    /// Appends an event that changes nothing else (an export, a print).
    pub fn record_event(&mut self, event: &Event, stamp: &Stamp) -> Result<AuditRow> {
        self.write(|tx| {
            super::person_id(tx, &stamp.person)?;
            if let Some(doc) = event.document
                && super::read_document(tx, doc, false)?.is_none()
            {
                return Err(StoreError::NoDocument(doc));
            }
            let hash = event.revision_hash.as_deref();
            append_audit(
                tx,
                stamp,
                &event.action,
                event.document,
                hash,
                &event.details,
            )
        })
    }

    /// The audit record, oldest first.
    pub fn audit_rows(&self) -> Result<Vec<AuditRow>> {
        self.read(read_audit_rows)
    }

    /// Checks the chain of the audit record: every row's hash, every link, no row missing at
    /// the start, in the middle or at the end (rows and head read in one snapshot, so a row
    /// appended meanwhile is not taken for a mismatch).
    pub fn verify_audit(&self) -> Result<Verification> {
        self.snapshot(verify)
    }
}
