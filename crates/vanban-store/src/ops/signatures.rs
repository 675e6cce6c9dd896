//! What people sign and bodies seal with, and the signed PDFs kept with the documents.

use super::documents::{apply_state_change, reread};
use super::{append_audit, expect_state, locked_document, person_id};
use crate::audit::sha256_hex;
use crate::db::{Tx, from_row};
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(SigningMaterial: certificate, image_png, seal_diameter_mm);

from_row!(SignedPdf: document, revision, stage, sha256, pdf, person, at, style_toml);

/// How an owner is kept: its kind ("person", "body") and id.
pub(crate) fn owner_key(owner: Owner) -> (&'static str, i64) {
    match owner {
        Owner::Person(id) => ("person", id),
        Owner::Body(id) => ("body", id),
    }
}

/// Writes (or replaces) the signing material of a person or body; nothing when it is empty.
pub(crate) fn put_signing_material(
    tx: &mut Tx<'_>,
    owner: Owner,
    certificate: Option<&str>,
    image: Option<&[u8]>,
    seal_diameter_mm: Option<u16>,
) -> Result<()> {
    if certificate.is_none() && image.is_none() && seal_diameter_mm.is_none() {
        return Ok(());
    }
    let (kind, id) = owner_key(owner);
    tx.exec(
        "INSERT INTO signing_material (owner_kind, owner_id, certificate, image_png, \
         seal_diameter_mm) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner_kind, owner_id) DO \
         UPDATE SET certificate = excluded.certificate, image_png = excluded.image_png, \
         seal_diameter_mm = excluded.seal_diameter_mm",
        &[&kind, &id, &certificate, &image, &seal_diameter_mm],
    )?;
    Ok(())
}

/// Keeps a signed PDF and records its hash in the audit chain.
fn insert_signed_pdf(tx: &mut Tx<'_>, pdf: &NewSignedPdf, stamp: &Stamp) -> Result<()> {
    let person = person_id(tx, &stamp.person)?;
    let hash = sha256_hex(&pdf.pdf);
    tx.exec(
        "INSERT INTO signed_pdfs (document_id, revision_no, stage, sha256, pdf, person_id, at, \
         style_toml) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &pdf.document,
            &pdf.revision,
            &pdf.stage,
            &hash,
            &pdf.pdf,
            &person,
            &stamp.at,
            &pdf.style_toml,
        ],
    )?;
    let action = match pdf.stage {
        SignatureStage::Signer => "signed-pdf",
        SignatureStage::Agency => "agency-signed-pdf",
    };
    let details = serde_json::json!({
        "revision": pdf.revision,
        "sha256": hash,
        "bytes": pdf.pdf.len(),
        "signed_with": pdf.signed_with,
    });
    append_audit(tx, stamp, action, Some(pdf.document), None, &details)?;
    Ok(())
}

impl Store {
    /// What the directory says a person signs with or a body seals with.
    pub fn signing_material(&self, owner: Owner) -> Result<Option<SigningMaterial>> {
        let (kind, id) = owner_key(owner);
        self.opt(
            "SELECT certificate, image_png, seal_diameter_mm FROM signing_material \
             WHERE owner_kind = $1 AND owner_id = $2",
            &[&kind, &id],
        )
    }

    /// Moves an approved document to [`State::Signed`] (as [`Store::change_state`]) and keeps
    /// the signer's signed PDF, in one transaction: no signed state without its file.
    pub fn sign_with_pdf(
        &mut self,
        change: &StateChange,
        pdf: &NewSignedPdf,
        stamp: &Stamp,
    ) -> Result<DocumentRecord> {
        if change.to != State::Signed || pdf.document != change.document {
            return Err(StoreError::NoSuchMove {
                from: change.from,
                to: change.to,
            });
        }
        self.write(|tx| {
            apply_state_change(tx, change, stamp)?;
            insert_signed_pdf(tx, pdf, stamp)?;
            reread(tx, change.document)
        })
    }

    /// Keeps the agency's signed PDF of an issued document (once per document).
    pub fn add_signed_pdf(&mut self, pdf: &NewSignedPdf, stamp: &Stamp) -> Result<()> {
        self.write(|tx| {
            let doc = locked_document(tx, pdf.document)?;
            expect_state(&doc, State::Issued, "lưu bản ký số của cơ quan")?;
            insert_signed_pdf(tx, pdf, stamp)
        })
    }

    /// The signed PDFs of a document: the signer's, then the agency's.
    pub fn signed_pdfs(&self, document: DocumentId) -> Result<Vec<SignedPdf>> {
        self.all(
            "SELECT x.document_id, x.revision_no, x.stage, x.sha256, x.pdf, p.login, x.at, \
             x.style_toml FROM signed_pdfs x JOIN people p ON p.id = x.person_id \
             WHERE x.document_id = $1 ORDER BY x.id",
            &[&document],
        )
    }
}
