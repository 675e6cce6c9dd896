//! The outgoing register: issuing (the number, the entry, the issued revision, the state, in
//! one transaction) and the distribution of issued documents.

use chrono::Datelike;
use vanban_core::format::pad_number;

use super::{append_audit, expect_state, insert_revision, locked_document, person_id};
use crate::db::from_row;
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(RegisterDetails: type_and_subject, signer, recipients, file_copy, copies);

from_row!(RegisterEntry: register, register_name, body, year, number, symbol, number_symbol, issued_on, document, revision, doc_type, details, clerk, first_sent_on);

from_row!(Distribution: document, recipient, channel, sent_on, note, person, organ_id);

pub(crate) const DISTRIBUTION_SELECT: &str = "SELECT x.document_id, x.recipient, x.channel, \
     x.sent_on, x.note, p.login, x.organ_id FROM distributions x \
     JOIN people p ON p.id = x.person_id";

/// The columns of a [`RegisterEntry`], for a `WHERE` to follow.
const ENTRY_SELECT: &str = "SELECT e.register_id, r.name, e.body_id, e.year, e.number, \
     e.symbol, e.number_symbol, e.issued_on, e.document_id, e.revision_no, e.doc_type, \
     e.type_and_subject, e.signer, e.recipients, e.file_copy, e.copies, p.login, \
     (SELECT MIN(sent_on) FROM distributions x WHERE x.document_id = e.document_id) \
     FROM register_entries e JOIN registers r ON r.id = e.register_id \
     JOIN people p ON p.id = e.clerk_id";

impl Store {
    /// Issues a signed document: in one transaction takes the next number of the register for
    /// the year of `request.issued_on`, stores the issued revision that `content` builds for
    /// that number, writes the register entry and moves the document to [`State::Issued`].
    /// A failure leaves no trace: no number is used up.
    pub fn issue(
        &mut self,
        request: &IssueRequest,
        content: &dyn Fn(u32) -> RevisionContent,
        stamp: &Stamp,
    ) -> Result<RegisterEntry> {
        let nothing = NewTracking::default();
        Ok(self.issue_tracked(request, content, &nothing, stamp)?.0)
    }

    /// [`Store::issue`], creating in the same transaction the tracked tasks of the document's
    /// task rows (and carrying over the tasks of the plan it replaces): a plan is followed from
    /// the moment it has a number, or not issued at all.
    pub fn issue_tracked(
        &mut self,
        request: &IssueRequest,
        content: &dyn Fn(u32) -> RevisionContent,
        tracking: &NewTracking,
        stamp: &Stamp,
    ) -> Result<(RegisterEntry, CarriedOver)> {
        let year = request.issued_on.year();
        if !(1900..=9999).contains(&year) {
            return Err(StoreError::BadDate(request.issued_on.to_string()));
        }
        self.write(|tx| {
            let clerk = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, request.document)?;
            expect_state(&doc, State::Signed, "ban hành")?;
            // The register's row stays locked until the commit (SQLite: the whole database,
            // from BEGIN IMMEDIATE): the next clerk of this register waits here, then reads
            // the number this transaction wrote.
            let lock = tx.lock("registers");
            let register: Option<(i64, String)> = tx.opt(
                &format!("SELECT body_id, name FROM registers WHERE id = $1{lock}"),
                &[&request.register],
            )?;
            let register_name = match register {
                Some((body, name)) if body == doc.body => name,
                _ => {
                    let what = "sổ văn bản đi của cơ quan ban hành văn bản";
                    return Err(StoreError::not_in_directory(what, request.register));
                }
            };
            let number: u32 = tx.one(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM register_entries \
                 WHERE register_id = $1 AND year = $2",
                &[&request.register, &year],
            )?;
            let issued = content(number);
            let no = doc.current_revision + 1;
            let hash = insert_revision(tx, (request.document, no), clerk, stamp, &issued)?;
            let number_symbol = format!("{}/{}", pad_number(number), request.symbol);
            let d = &request.details;
            let inserted = tx.exec(
                "INSERT INTO register_entries (register_id, body_id, year, number, symbol, \
                 number_symbol, issued_on, document_id, revision_no, doc_type, type_and_subject, \
                 signer, recipients, file_copy, copies, clerk_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
                 ON CONFLICT (body_id, year, number_symbol) DO NOTHING",
                &[
                    &request.register,
                    &doc.body,
                    &year,
                    &number,
                    &request.symbol,
                    &number_symbol,
                    &request.issued_on,
                    &request.document,
                    &no,
                    &issued.doc_type,
                    &d.type_and_subject,
                    &d.signer,
                    &d.recipients,
                    &d.file_copy,
                    &d.copies,
                    &clerk,
                ],
            )?;
            // The same number and symbol from another register of the body.
            if inserted == 0 {
                return Err(StoreError::DuplicateNumber {
                    number_symbol,
                    year,
                });
            }
            tx.exec(
                "UPDATE documents SET state = 'issued', issued_revision = $1, \
                 current_revision = $1, doc_type = $2, subject = $3, updated_at = $4 \
                 WHERE id = $5 AND state = 'signed'",
                &[
                    &no,
                    &issued.doc_type,
                    &issued.subject,
                    &stamp.at,
                    &request.document,
                ],
            )?;
            let moved = (Some(State::Signed), State::Issued);
            super::record_state(tx, request.document, moved, (no, clerk), stamp, None)?;
            let carried = super::tasks::create_tracked(tx, request.document, doc.body, tracking)?;
            let mut details = serde_json::json!({
                "register": register_name,
                "number_symbol": number_symbol,
                "issued_on": request.issued_on.to_string(),
                "revision": no,
            });
            if !tracking.rows.is_empty() || tracking.replaces.is_some() {
                details["tracked_tasks"] = serde_json::json!(carried);
                details["replaces"] = serde_json::json!(tracking.replaces);
            }
            let document = Some(request.document);
            append_audit(tx, stamp, "issue", document, Some(&hash), &details)?;
            let entry = tx.one(
                &format!("{ENTRY_SELECT} WHERE e.document_id = $1"),
                &[&request.document],
            )?;
            Ok((entry, carried))
        })
    }

    /// The register entries of a year, by register and number.
    pub fn register_entries(&self, year: i32, body: Option<BodyId>) -> Result<Vec<RegisterEntry>> {
        self.all(
            &format!(
                "{ENTRY_SELECT} WHERE e.year = $1 \
                 AND (CAST($2 AS BIGINT) IS NULL OR e.body_id = $2) \
                 ORDER BY e.body_id, e.register_id, e.number"
            ),
            &[&year, &body],
        )
    }

    /// Records that an issued document was sent to a recipient.
    pub fn record_distribution(
        &mut self,
        distribution: &NewDistribution,
        stamp: &Stamp,
    ) -> Result<Distribution> {
        let n = distribution;
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, n.document)?;
            expect_state(&doc, State::Issued, "ghi nhận gửi văn bản")?;
            let id: i64 = tx.one(
                "INSERT INTO distributions (document_id, recipient, channel, sent_on, note, \
                 person_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    &n.document,
                    &n.recipient,
                    &n.channel,
                    &n.sent_on,
                    &n.note,
                    &person,
                    &stamp.at,
                ],
            )?;
            let hash = match doc.issued_revision {
                Some(no) => super::revision_hash(tx, n.document, no)?,
                None => None,
            };
            let details = serde_json::json!({
                "recipient": n.recipient,
                "channel": n.channel,
                "sent_on": n.sent_on.to_string(),
                "note": n.note,
            });
            let (document, hash) = (Some(n.document), hash.as_deref());
            append_audit(tx, stamp, "distribute", document, hash, &details)?;
            tx.one(&format!("{DISTRIBUTION_SELECT} WHERE x.id = $1"), &[&id])
        })
    }

    /// Where a document was sent, oldest first.
    pub fn distributions(&self, document: DocumentId) -> Result<Vec<Distribution>> {
        self.all(
            &format!("{DISTRIBUTION_SELECT} WHERE x.document_id = $1 ORDER BY x.id"),
            &[&document],
        )
    }
}
