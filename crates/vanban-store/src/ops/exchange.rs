//! The national exchange package (edXML): the organs a body sends packages to, the
//! distributions a package records, and the status messages recipients send back (kept one
//! row per message, never overwritten).

use chrono::NaiveDate;

use super::register::DISTRIBUTION_SELECT;
use super::{append_audit, expect_state, locked_document, person_id};
use crate::db::from_row;
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(DistributionStatus: document, organ_id, code, description, reported_at, staff, person, at);

const STATUS_SELECT: &str = "SELECT s.document_id, s.organ_id, s.code, s.description, \
     s.reported_at, s.staff, p.login, s.at FROM distribution_statuses s \
     JOIN people p ON p.id = s.person_id";

const ORGAN_SELECT: &str = "SELECT b.abbreviation, o.organ_id, o.name, o.address, o.email, \
     o.telephone, o.attach FROM organs o JOIN bodies b ON b.id = o.body_id";

impl Store {
    /// The organ of `body`'s exchange directory with that organ id.
    pub fn organ(&self, body: BodyId, organ_id: &str) -> Result<Option<OrganSpec>> {
        self.opt(
            &format!("{ORGAN_SELECT} WHERE o.body_id = $1 AND o.organ_id = $2"),
            &[&body, &organ_id],
        )
    }

    /// The organs of `body`'s exchange directory, by organ id.
    pub fn organs(&self, body: BodyId) -> Result<Vec<OrganSpec>> {
        self.all(
            &format!("{ORGAN_SELECT} WHERE o.body_id = $1 ORDER BY o.organ_id"),
            &[&body],
        )
    }

    /// Records, in one transaction, that an issued document was sent as an edXML package to
    /// each of `organs` (a distribution each, channel "edXML", with the organ id).
    pub fn record_package(
        &mut self,
        document: DocumentId,
        organs: &[OrganSpec],
        sent_on: NaiveDate,
        note: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Vec<Distribution>> {
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, document)?;
            expect_state(&doc, State::Issued, "gửi gói tin liên thông")?;
            let hash = match doc.issued_revision {
                Some(no) => super::revision_hash(tx, document, no)?,
                None => None,
            };
            let mut out = Vec::with_capacity(organs.len());
            for o in organs {
                let id: i64 = tx.one(
                    "INSERT INTO distributions (document_id, recipient, channel, sent_on, note, \
                     person_id, at, organ_id) VALUES ($1, $2, 'edXML', $3, $4, $5, $6, $7) \
                     RETURNING id",
                    &[
                        &document,
                        &o.name,
                        &sent_on,
                        &note,
                        &person,
                        &stamp.at,
                        &o.organ_id,
                    ],
                )?;
                let details = serde_json::json!({
                    "recipient": o.name,
                    "organ_id": o.organ_id,
                    "channel": "edXML",
                    "sent_on": sent_on.to_string(),
                    "note": note,
                });
                append_audit(
                    tx,
                    stamp,
                    "distribute",
                    Some(document),
                    hash.as_deref(),
                    &details,
                )?;
                out.push(tx.one(&format!("{DISTRIBUTION_SELECT} WHERE x.id = $1"), &[&id])?);
            }
            Ok(out)
        })
    }

    /// The issued document that a package's DocumentId names: the body with that organ id, the
    /// number and symbol ("12/KH-UBND") and the day of issue.
    pub fn document_by_exchange_id(
        &self,
        organ_id: &str,
        number_symbol: &str,
        issued_on: NaiveDate,
    ) -> Result<Option<DocumentId>> {
        self.opt(
            "SELECT e.document_id FROM register_entries e JOIN bodies b ON b.id = e.body_id \
             WHERE b.organ_id = $1 AND e.number_symbol = $2 AND e.issued_on = $3",
            &[&organ_id, &number_symbol, &issued_on],
        )
    }

    /// Records a status message of a recipient a package was sent to: a new row (the earlier
    /// ones stay), with its audit row. A recipient the document was not sent to as a package
    /// is [`StoreError::NotDistributed`].
    pub fn record_distribution_status(
        &mut self,
        status: &NewDistributionStatus,
        stamp: &Stamp,
    ) -> Result<DistributionStatus> {
        let s = status;
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, s.document)?;
            expect_state(&doc, State::Issued, "ghi nhận trạng thái xử lý")?;
            let sent = tx.exists(
                "SELECT 1 FROM distributions WHERE document_id = $1 AND organ_id = $2",
                &[&s.document, &s.organ_id],
            )?;
            if !sent {
                return Err(StoreError::NotDistributed {
                    document: s.document,
                    organ_id: s.organ_id.clone(),
                });
            }
            let id: i64 = tx.one(
                "INSERT INTO distribution_statuses (document_id, organ_id, code, description, \
                 reported_at, staff, person_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 RETURNING id",
                &[
                    &s.document,
                    &s.organ_id,
                    &s.code,
                    &s.description,
                    &s.reported_at,
                    &s.staff,
                    &person,
                    &stamp.at,
                ],
            )?;
            let details = serde_json::json!({
                "organ_id": s.organ_id,
                "code": s.code,
                "description": s.description,
                "reported_at": s.reported_at,
                "staff": s.staff,
            });
            append_audit(
                tx,
                stamp,
                "distribution-status",
                Some(s.document),
                None,
                &details,
            )?;
            tx.one(&format!("{STATUS_SELECT} WHERE s.id = $1"), &[&id])
        })
    }

    /// Every status message recorded for a document, oldest first.
    pub fn distribution_statuses(&self, document: DocumentId) -> Result<Vec<DistributionStatus>> {
        self.all(
            &format!("{STATUS_SELECT} WHERE s.document_id = $1 ORDER BY s.id"),
            &[&document],
        )
    }
}
