//! Sending issued documents by e-mail: a body's SMTP settings (never a password), the address
//! book of recipients as printed in Nơi nhận, and the record of each message — one row when it
//! is attempted (with its Message-ID, before the SMTP transaction), one when its outcome is
//! known (sent, with a distribution in the same transaction; or failed, with the reason). Rows
//! are never changed nor deleted (by trigger): the latest row of a recipient is where it stands.

use super::register::DISTRIBUTION_SELECT;
use super::{append_audit, expect_state, locked_document, person_id};
use crate::db::{Tx, from_row};
use crate::types::*;
use crate::{Result, Store};

pub(crate) const SMTP_SELECT: &str = "SELECT s.host, s.port, s.tls, s.username, s.sender, \
     s.sender_name FROM smtp_settings s JOIN bodies b ON b.id = s.body_id";

pub(crate) const ADDRESS_SELECT: &str = "SELECT b.abbreviation, a.name, a.email FROM addresses a \
     JOIN bodies b ON b.id = a.body_id";

const SEND_SELECT: &str = "SELECT s.document_id, s.recipient, s.email, s.message_id, s.outcome, \
     s.error, p.login, s.at FROM email_sends s JOIN people p ON p.id = s.person_id";

from_row!(EmailSend: document, recipient, email, message_id, outcome, error, person, at);

/// Writes a body's SMTP settings over the ones it had.
pub(crate) fn put_smtp(tx: &mut Tx<'_>, body: BodyId, s: &SmtpSpec) -> Result<()> {
    tx.exec(
        "INSERT INTO smtp_settings (body_id, host, port, tls, username, sender, sender_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (body_id) DO UPDATE SET \
         host = excluded.host, port = excluded.port, tls = excluded.tls, \
         username = excluded.username, sender = excluded.sender, \
         sender_name = excluded.sender_name",
        &[
            &body,
            &s.host,
            &s.port(),
            &s.tls,
            &s.user,
            &s.sender,
            &s.sender_name,
        ],
    )?;
    Ok(())
}

impl Store {
    /// A body's SMTP settings, when it has some.
    pub fn smtp_settings(&self, body: BodyId) -> Result<Option<SmtpSpec>> {
        self.opt(&format!("{SMTP_SELECT} WHERE s.body_id = $1"), &[&body])
    }

    /// Sets (or, with `None`, removes) a body's SMTP settings, with its audit row.
    pub fn set_smtp_settings(
        &mut self,
        body: BodyId,
        smtp: Option<&SmtpSpec>,
        stamp: &Stamp,
    ) -> Result<()> {
        self.write(|tx| {
            super::known_body(tx, body)?;
            match smtp {
                Some(s) => put_smtp(tx, body, s)?,
                None => {
                    tx.exec("DELETE FROM smtp_settings WHERE body_id = $1", &[&body])?;
                }
            }
            let details = serde_json::json!({ "body": body, "smtp": smtp });
            append_audit(tx, stamp, "smtp-settings", None, None, &details)?;
            Ok(())
        })
    }

    /// The address book of a body, in the directory's order.
    pub fn addresses(&self, body: BodyId) -> Result<Vec<AddressSpec>> {
        self.all(
            &format!("{ADDRESS_SELECT} WHERE a.body_id = $1 ORDER BY a.id"),
            &[&body],
        )
    }

    /// The bodies that have an e-mail address: their name and address.
    pub fn body_addresses(&self) -> Result<Vec<(String, String)>> {
        self.all(
            "SELECT name, email FROM bodies WHERE email IS NOT NULL ORDER BY id",
            &[],
        )
    }

    /// Records that a message of issued document `document` is about to be sent to
    /// `recipient` at `email` with Message-ID `message_id`: a row written before the SMTP
    /// transaction starts, so that an interrupted batch knows what may have left.
    pub fn record_email_attempt(
        &mut self,
        document: DocumentId,
        recipient: &str,
        email: &str,
        message_id: &str,
        stamp: &Stamp,
    ) -> Result<EmailSend> {
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, document)?;
            expect_state(&doc, State::Issued, "gửi thư điện tử")?;
            insert_send(
                tx, document, recipient, email, message_id, "attempt", None, person, stamp,
            )
        })
    }

    /// Records the outcome of an attempt: sent — with a distribution (channel "Thư điện tử",
    /// the address and Message-ID as its note) and an audit row, in one transaction — or
    /// failed with the reason (`error`).
    #[allow(clippy::too_many_arguments)] // one row: the document, the recipient, the outcome
    pub fn record_email_outcome(
        &mut self,
        document: DocumentId,
        recipient: &str,
        email: &str,
        message_id: &str,
        error: Option<&str>,
        stamp: &Stamp,
    ) -> Result<(EmailSend, Option<Distribution>)> {
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, document)?;
            expect_state(&doc, State::Issued, "gửi thư điện tử")?;
            let outcome = if error.is_some() { "failed" } else { "sent" };
            let row = insert_send(
                tx, document, recipient, email, message_id, outcome, error, person, stamp,
            )?;
            let details = serde_json::json!({
                "recipient": recipient,
                "email": email,
                "message_id": message_id,
                "outcome": outcome,
                "error": error,
            });
            if error.is_some() {
                append_audit(tx, stamp, "email-failed", Some(document), None, &details)?;
                return Ok((row, None));
            }
            let hash = match doc.issued_revision {
                Some(no) => super::revision_hash(tx, document, no)?,
                None => None,
            };
            let note = format!("{email}, Message-ID {message_id}");
            let id: i64 = tx.one(
                "INSERT INTO distributions (document_id, recipient, channel, sent_on, note, \
                 person_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    &document,
                    &recipient,
                    &EMAIL_CHANNEL,
                    &stamp.at.date_naive(),
                    &note,
                    &person,
                    &stamp.at,
                ],
            )?;
            append_audit(
                tx,
                stamp,
                "distribute",
                Some(document),
                hash.as_deref(),
                &details,
            )?;
            let d = tx.one(&format!("{DISTRIBUTION_SELECT} WHERE x.id = $1"), &[&id])?;
            Ok((row, Some(d)))
        })
    }

    /// Every e-mail row of a document, oldest first.
    pub fn email_sends(&self, document: DocumentId) -> Result<Vec<EmailSend>> {
        self.all(
            &format!("{SEND_SELECT} WHERE s.document_id = $1 ORDER BY s.id"),
            &[&document],
        )
    }
}

#[allow(clippy::too_many_arguments)] // the columns of one row
fn insert_send(
    tx: &mut Tx<'_>,
    document: DocumentId,
    recipient: &str,
    email: &str,
    message_id: &str,
    outcome: &str,
    error: Option<&str>,
    person: PersonId,
    stamp: &Stamp,
) -> Result<EmailSend> {
    let id: i64 = tx.one(
        "INSERT INTO email_sends (document_id, recipient, email, message_id, outcome, error, \
         person_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        &[
            &document,
            &recipient,
            &email,
            &message_id,
            &outcome,
            &error,
            &person,
            &stamp.at,
        ],
    )?;
    tx.one(&format!("{SEND_SELECT} WHERE s.id = $1"), &[&id])
}
