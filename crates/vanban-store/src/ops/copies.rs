//! The copy register (sao y, sao lục, trích sao; Nghị định 30, Điều 25–27): one number series
//! per body and year shared by the three kinds, taken in the transaction that writes the copy,
//! and who the directory says may sign copies.

use chrono::Datelike;
use vanban_core::format::pad_number;

use super::{append_audit, expect_state, locked_document, person_id};
use crate::audit::sha256_hex;
use crate::db::{Json, Tx, from_row};
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(CopyEntry: id, body, year, number, kind, symbol, number_symbol, made_on, document, source_copy, form, parts, original, type_and_subject, signer, recipients, clerk, sha256);

const COPY_SELECT: &str = "SELECT c.id, c.body_id, c.year, c.number, c.kind, c.symbol, \
     c.number_symbol, c.made_on, c.document_id, c.source_copy_id, c.form, c.parts, c.original, \
     c.type_and_subject, c.signer, c.recipients, p.login, c.sha256 \
     FROM copies c JOIN people p ON p.id = c.clerk_id";

/// Replaces the copy signers of a body with the people of `logins`.
pub(crate) fn put_copy_signers(tx: &mut Tx<'_>, body: BodyId, logins: &[String]) -> Result<()> {
    tx.exec("DELETE FROM copy_signers WHERE body_id = $1", &[&body])?;
    for login in logins {
        let person = person_id(tx, login)?;
        tx.exec(
            "INSERT INTO copy_signers (body_id, person_id) VALUES ($1, $2) \
             ON CONFLICT (body_id, person_id) DO NOTHING",
            &[&body, &person],
        )?;
    }
    Ok(())
}

impl Store {
    /// Registers a copy of an issued document: in one transaction takes the next number of the
    /// body's copy series for the year of `copy.made_on` (under the body row's lock: two clerks
    /// never get the same number, a failure uses none up), writes the entry with the electronic
    /// copy's PDF, and its audit row.
    pub fn register_copy(&mut self, copy: &NewCopy, stamp: &Stamp) -> Result<CopyEntry> {
        let year = copy.made_on.year();
        if !(1900..=9999).contains(&year) {
            return Err(StoreError::BadDate(copy.made_on.to_string()));
        }
        self.write(|tx| {
            let clerk = person_id(tx, &stamp.person)?;
            let doc = locked_document(tx, copy.document)?;
            expect_state(&doc, State::Issued, "sao văn bản")?;
            // The body's row stays locked until the commit (SQLite: the whole database): the
            // next copy of this body waits here, then reads the number this one wrote.
            let lock = tx.lock("bodies");
            let body: Option<i64> = tx.opt(
                &format!("SELECT id FROM bodies WHERE id = $1{lock}"),
                &[&doc.body],
            )?;
            let body = body.ok_or_else(|| StoreError::not_in_directory("cơ quan", doc.body))?;
            if let Some(source) = copy.source_copy {
                let from: Option<(i64, String)> = tx.opt(
                    "SELECT document_id, kind FROM copies WHERE id = $1",
                    &[&source],
                )?;
                if !matches!(&from, Some((d, k)) if *d == copy.document && k == "sao-y") {
                    return Err(StoreError::not_in_directory(
                        "bản sao y của văn bản này",
                        source,
                    ));
                }
            }
            let number: u32 = tx.one(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM copies \
                 WHERE body_id = $1 AND year = $2",
                &[&body, &year],
            )?;
            let number_symbol = format!("{}/{}", pad_number(number), copy.symbol);
            let form = if copy.electronic {
                "electronic"
            } else {
                "paper"
            };
            let hash = copy.pdf.as_deref().map(sha256_hex);
            let id: i64 = tx.one(
                "INSERT INTO copies (body_id, year, number, kind, symbol, number_symbol, made_on, \
                 document_id, source_copy_id, form, parts, original, type_and_subject, signer, \
                 recipients, clerk_id, at, sha256, pdf) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
                 $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
                &[
                    &body,
                    &year,
                    &number,
                    &copy.kind,
                    &copy.symbol,
                    &number_symbol,
                    &copy.made_on,
                    &copy.document,
                    &copy.source_copy,
                    &form,
                    &Json(&copy.parts),
                    &copy.original,
                    &copy.type_and_subject,
                    &copy.signer,
                    &copy.recipients,
                    &clerk,
                    &stamp.at,
                    &hash,
                    &copy.pdf,
                ],
            )?;
            let details = serde_json::json!({
                "kind": copy.kind,
                "number_symbol": number_symbol,
                "made_on": copy.made_on.to_string(),
                "form": form,
                "parts": copy.parts,
                "source_copy": copy.source_copy,
                "sha256": hash,
            });
            let revision = match doc.issued_revision {
                Some(no) => super::revision_hash(tx, copy.document, no)?,
                None => None,
            };
            let document = Some(copy.document);
            append_audit(tx, stamp, "copy", document, revision.as_deref(), &details)?;
            tx.one(&format!("{COPY_SELECT} WHERE c.id = $1"), &[&id])
        })
    }

    /// The copy register of a year, by body and number.
    pub fn copy_entries(&self, year: i32, body: Option<BodyId>) -> Result<Vec<CopyEntry>> {
        self.all(
            &format!(
                "{COPY_SELECT} WHERE c.year = $1 \
                 AND (CAST($2 AS BIGINT) IS NULL OR c.body_id = $2) \
                 ORDER BY c.body_id, c.number"
            ),
            &[&year, &body],
        )
    }

    /// The copies made of a document, oldest first.
    pub fn copies_of(&self, document: DocumentId) -> Result<Vec<CopyEntry>> {
        self.all(
            &format!("{COPY_SELECT} WHERE c.document_id = $1 ORDER BY c.id"),
            &[&document],
        )
    }

    /// The signed PDF of an electronic copy.
    pub fn copy_pdf(&self, copy: i64) -> Result<Option<Vec<u8>>> {
        let pdf: Option<Option<Vec<u8>>> =
            self.opt("SELECT pdf FROM copies WHERE id = $1", &[&copy])?;
        Ok(pdf.flatten())
    }

    /// The logins of the people the directory names to sign a body's copies.
    pub fn copy_signers(&self, body: BodyId) -> Result<Vec<String>> {
        self.all(
            "SELECT p.login FROM copy_signers c JOIN people p ON p.id = c.person_id \
             WHERE c.body_id = $1 ORDER BY p.id",
            &[&body],
        )
    }
}
