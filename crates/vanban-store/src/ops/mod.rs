//! Every operation of the store, written once over [`Tx`] and grouped by aggregate: each is a
//! method of [`crate::Store`] in the module of what it reads or changes. An operation that
//! changes something runs in one write transaction and appends its audit row in it.
//!
//! Following plans (`tasks`): the tracked tasks an issue creates, reports, followers.
//! Copies (`copies`): the copy register of sao y, sao lục and trích sao, who signs copies.
//!
//! Adding an operation: a method in its aggregate's module (and a migration under
//! `migrations/` and `migrations-postgres/` when it needs a table), nothing else.

mod audit;
mod copies;
mod directory;
mod documents;
mod email;
mod exchange;
mod register;
mod search;
mod signatures;
mod style;
mod tasks;
mod templates;

use crate::Result;
use crate::db::{Tx, from_row};
use crate::error::StoreError;
use crate::types::*;

pub(crate) use audit::{append_audit, verify};

/// The id of a person by login.
pub(crate) fn person_id(tx: &mut Tx<'_>, login: &str) -> Result<PersonId> {
    let id = tx.opt("SELECT id FROM people WHERE login = $1", &[&login])?;
    id.ok_or_else(|| StoreError::not_in_directory("người dùng", login))
}

/// The id of a body by abbreviation.
pub(crate) fn body_id(tx: &mut Tx<'_>, abbreviation: &str) -> Result<BodyId> {
    let id = tx.opt(
        "SELECT id FROM bodies WHERE abbreviation = $1",
        &[&abbreviation],
    )?;
    id.ok_or_else(|| StoreError::not_in_directory("cơ quan", abbreviation))
}

/// Refuses a body id that names no body.
pub(crate) fn known_body(tx: &mut Tx<'_>, body: BodyId) -> Result<()> {
    if tx.exists("SELECT 1 FROM bodies WHERE id = $1", &[&body])? {
        return Ok(());
    }
    Err(StoreError::not_in_directory("cơ quan", body))
}

from_row!(DocumentRecord: id, body, owner, owner_login, doc_type, subject, state, current_revision, approved_revision, signed_revision, signed_by, issued_revision, copied_from, created_at, updated_at);

/// A document's record; with `lock`, its row stays locked until the transaction ends (on the
/// server: a second writer of the same document waits here, then sees this one's change).
pub(crate) fn read_document(
    tx: &mut Tx<'_>,
    id: DocumentId,
    lock: bool,
) -> Result<Option<DocumentRecord>> {
    let lock = if lock { tx.lock("d") } else { String::new() };
    tx.opt(
        &format!(
            "SELECT d.id, d.body_id, d.owner_id, p.login, d.doc_type, d.subject, d.state, \
             d.current_revision, d.approved_revision, d.signed_revision, d.signed_by, \
             d.issued_revision, d.copied_from, d.created_at, d.updated_at \
             FROM documents d JOIN people p ON p.id = d.owner_id WHERE d.id = $1{lock}"
        ),
        &[&id],
    )
}

/// A document that must exist, locked until the transaction ends.
pub(crate) fn locked_document(tx: &mut Tx<'_>, id: DocumentId) -> Result<DocumentRecord> {
    read_document(tx, id, true)?.ok_or(StoreError::NoDocument(id))
}

/// Refuses a document that is not in `expected` for `action`.
pub(crate) fn expect_state(
    doc: &DocumentRecord,
    expected: State,
    action: &'static str,
) -> Result<()> {
    if doc.state == expected {
        Ok(())
    } else {
        Err(StoreError::WrongState {
            document: doc.id,
            action,
            expected,
            actual: doc.state,
        })
    }
}

/// Writes a revision; the SHA-256 of its JSON.
pub(crate) fn insert_revision(
    tx: &mut Tx<'_>,
    (document, no): (DocumentId, u32),
    author: PersonId,
    stamp: &Stamp,
    content: &RevisionContent,
) -> Result<String> {
    let hash = crate::audit::sha256_hex(content.json.as_bytes());
    tx.exec(
        "INSERT INTO revisions (document_id, no, author_id, at, content_hash, doc_type, subject, \
         content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &document,
            &no,
            &author,
            &stamp.at,
            &hash,
            &content.doc_type,
            &content.subject,
            &content.json,
        ],
    )?;
    tx.index(document, &content.subject, &content.text)?;
    Ok(hash)
}

/// Records a move of the state diagram.
pub(crate) fn record_state(
    tx: &mut Tx<'_>,
    document: DocumentId,
    (from, to): (Option<State>, State),
    (revision, person): (u32, PersonId),
    stamp: &Stamp,
    note: Option<&str>,
) -> Result<()> {
    tx.exec(
        "INSERT INTO state_changes (document_id, from_state, to_state, revision_no, person_id, \
         at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[&document, &from, &to, &revision, &person, &stamp.at, &note],
    )?;
    Ok(())
}

/// The content hash of a revision.
pub(crate) fn revision_hash(
    tx: &mut Tx<'_>,
    document: DocumentId,
    no: u32,
) -> Result<Option<String>> {
    tx.opt(
        "SELECT content_hash FROM revisions WHERE document_id = $1 AND no = $2",
        &[&document, &no],
    )
}
