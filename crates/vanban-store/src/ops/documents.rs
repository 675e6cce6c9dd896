//! Documents, their revisions, their moves through the workflow and the comments on them.

use super::{
    append_audit, expect_state, insert_revision, locked_document, person_id, read_document,
    record_state, revision_hash,
};
use crate::db::{Tx, from_row};
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(DocumentSummary: id, doc_type, subject, state, owner, updated_at, number_symbol);

/// The columns of a [`DocumentSummary`], for a `WHERE` or a `JOIN` to follow.
pub(crate) const SUMMARY_SELECT: &str = "SELECT d.id, d.doc_type, d.subject, d.state, \
     p.login, d.updated_at, e.number_symbol FROM documents d JOIN people p ON p.id = d.owner_id \
     LEFT JOIN register_entries e ON e.document_id = d.id";

/// The state change of [`Store::change_state`], inside the caller's transaction.
pub(crate) fn apply_state_change(
    tx: &mut Tx<'_>,
    change: &StateChange,
    stamp: &Stamp,
) -> Result<()> {
    let StateChange {
        document: id,
        from,
        to,
        revision,
        ref note,
    } = *change;
    if !from.can_move_to(to) || to == State::Issued {
        // Issuing goes through `issue`, which numbers and registers the document.
        return Err(StoreError::NoSuchMove { from, to });
    }
    let person = person_id(tx, &stamp.person)?;
    let doc = locked_document(tx, id)?;
    expect_state(&doc, from, from.move_label(to))?;
    let current = doc.current_revision;
    if revision != current {
        return Err(StoreError::NotCurrentRevision {
            document: id,
            given: revision,
            current,
        });
    }
    let (approved, signed, signed_by) = match to {
        State::Approved => (Some(revision), None, None),
        State::Signed => (doc.approved_revision, Some(revision), Some(person)),
        _ => (None, None, None),
    };
    let changed = tx.exec(
        "UPDATE documents SET state = $1, approved_revision = $2, signed_revision = $3, \
         signed_by = $4, updated_at = $5 WHERE id = $6 AND state = $7",
        &[&to, &approved, &signed, &signed_by, &stamp.at, &id, &from],
    )?;
    if changed != 1 {
        let message = format!("văn bản {id} không đổi được trạng thái");
        return Err(StoreError::Database(message));
    }
    let note = note.as_deref();
    record_state(tx, id, (Some(from), to), (revision, person), stamp, note)?;
    let hash = revision_hash(tx, id, revision)?;
    let details = serde_json::json!({
        "from": from.as_str(),
        "to": to.as_str(),
        "revision": revision,
        "note": note,
    });
    let action = from.move_action(to);
    append_audit(tx, stamp, action, Some(id), hash.as_deref(), &details)?;
    Ok(())
}

/// A document's record after a change in this transaction.
pub(crate) fn reread(tx: &mut Tx<'_>, id: DocumentId) -> Result<DocumentRecord> {
    read_document(tx, id, false)?.ok_or(StoreError::NoDocument(id))
}

from_row!(RevisionInfo: document, no, author, at, content_hash);

from_row!(Revision: info, json);

from_row!(StateChangeRecord: from, to, revision, person, at, note);

from_row!(Comment: id, document, revision, anchor, text, person, at);

const COMMENT_SELECT: &str = "SELECT c.id, c.document_id, c.revision_no, c.anchor, c.text, \
     p.login, c.at FROM comments c JOIN people p ON p.id = c.person_id";

const REVISION_COLUMNS: &str = "SELECT r.document_id, r.no, p.login, r.at, r.content_hash";

impl Store {
    /// Creates a document in [`State::Draft`] with its first revision.
    pub fn create_document(&mut self, new: &NewDocument, stamp: &Stamp) -> Result<DocumentRecord> {
        self.write(|tx| {
            let owner = person_id(tx, &stamp.person)?;
            super::known_body(tx, new.body)?;
            let c = &new.content;
            let id: DocumentId = tx.one(
                "INSERT INTO documents (body_id, owner_id, doc_type, subject, state, \
                 current_revision, copied_from, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'draft', 1, $5, $6, $6) RETURNING id",
                &[
                    &new.body,
                    &owner,
                    &c.doc_type,
                    &c.subject,
                    &new.copied_from,
                    &stamp.at,
                ],
            )?;
            let hash = insert_revision(tx, (id, 1), owner, stamp, c)?;
            record_state(tx, id, (None, State::Draft), (1, owner), stamp, None)?;
            let details = serde_json::json!({ "revision": 1, "copied_from": new.copied_from });
            append_audit(tx, stamp, "create", Some(id), Some(&hash), &details)?;
            reread(tx, id)
        })
    }

    /// Appends a revision to a document that is still a draft; refuses any other state.
    /// `base` is the revision the caller edited: when somebody saved another revision since,
    /// the save is refused with [`StoreError::RevisionConflict`] (never a silent overwrite).
    pub fn save_revision(
        &mut self,
        document: DocumentId,
        base: u32,
        content: &RevisionContent,
        stamp: &Stamp,
    ) -> Result<RevisionInfo> {
        self.write(|tx| {
            let author = person_id(tx, &stamp.person)?;
            // Locked: a second client saving at the same moment waits here, then sees this
            // revision as the current one and gets the conflict.
            let doc = locked_document(tx, document)?;
            expect_state(&doc, State::Draft, "lưu bản sửa")?;
            let current = doc.current_revision;
            if current != base {
                let author = tx.one(
                    "SELECT p.login FROM revisions r JOIN people p ON p.id = r.author_id \
                     WHERE r.document_id = $1 AND r.no = $2",
                    &[&document, &current],
                )?;
                return Err(StoreError::RevisionConflict {
                    document,
                    base,
                    current,
                    author,
                });
            }
            let no = current + 1;
            let hash = insert_revision(tx, (document, no), author, stamp, content)?;
            tx.exec(
                "UPDATE documents SET current_revision = $1, doc_type = $2, subject = $3, \
                 updated_at = $4 WHERE id = $5 AND state = 'draft' AND current_revision = $6",
                &[
                    &no,
                    &content.doc_type,
                    &content.subject,
                    &stamp.at,
                    &document,
                    &current,
                ],
            )?;
            let details = serde_json::json!({ "revision": no });
            append_audit(tx, stamp, "save", Some(document), Some(&hash), &details)?;
            Ok(RevisionInfo {
                document,
                no,
                author: stamp.person.clone(),
                at: stamp.at,
                content_hash: hash,
            })
        })
    }

    /// A document's record.
    pub fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>> {
        self.read(|tx| read_document(tx, id, false))
    }

    /// One revision, with its content.
    pub fn revision(&self, document: DocumentId, no: u32) -> Result<Option<Revision>> {
        self.opt(
            &format!(
                "{REVISION_COLUMNS}, r.content FROM revisions r JOIN people p \
                 ON p.id = r.author_id WHERE r.document_id = $1 AND r.no = $2"
            ),
            &[&document, &no],
        )
    }

    /// Every revision of a document, oldest first, without content.
    pub fn revisions(&self, document: DocumentId) -> Result<Vec<RevisionInfo>> {
        self.all(
            &format!(
                "{REVISION_COLUMNS} FROM revisions r JOIN people p ON p.id = r.author_id \
                 WHERE r.document_id = $1 ORDER BY r.no"
            ),
            &[&document],
        )
    }

    /// Moves a document from `change.from` to `change.to`, if it is still in `change.from`
    /// and the move is one of [`State::can_move_to`].
    pub fn change_state(&mut self, change: &StateChange, stamp: &Stamp) -> Result<DocumentRecord> {
        self.write(|tx| {
            apply_state_change(tx, change, stamp)?;
            reread(tx, change.document)
        })
    }

    /// The states a document went through, oldest first.
    pub fn history(&self, document: DocumentId) -> Result<Vec<StateChangeRecord>> {
        self.all(
            "SELECT s.from_state, s.to_state, s.revision_no, p.login, s.at, s.note \
             FROM state_changes s JOIN people p ON p.id = s.person_id \
             WHERE s.document_id = $1 ORDER BY s.id",
            &[&document],
        )
    }

    /// Adds a comment anchored to a part of a revision.
    pub fn add_comment(&mut self, comment: &NewComment, stamp: &Stamp) -> Result<Comment> {
        let NewComment {
            document,
            revision,
            ref anchor,
            ref text,
        } = *comment;
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let hash = revision_hash(tx, document, revision)?;
            let no = revision;
            let hash = hash.ok_or(StoreError::NoRevision { document, no })?;
            let id: i64 = tx.one(
                "INSERT INTO comments (document_id, revision_no, anchor, text, person_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                &[&document, &revision, anchor, text, &person, &stamp.at],
            )?;
            let details = serde_json::json!({ "revision": no, "anchor": anchor, "text": text });
            append_audit(tx, stamp, "comment", Some(document), Some(&hash), &details)?;
            tx.one(&format!("{COMMENT_SELECT} WHERE c.id = $1"), &[&id])
        })
    }

    /// The comments on a document, oldest first.
    pub fn comments(&self, document: DocumentId) -> Result<Vec<Comment>> {
        self.all(
            &format!("{COMMENT_SELECT} WHERE c.document_id = $1 ORDER BY c.id"),
            &[&document],
        )
    }

    /// A page of documents, most recently changed first.
    pub fn list_documents(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>> {
        self.all(
            &format!(
                "{SUMMARY_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR d.state = $1) \
                 ORDER BY d.updated_at DESC, d.id DESC LIMIT $2 OFFSET $3"
            ),
            &[&query.state, &query.limit, &query.offset],
        )
    }
}
