//! Digital signatures on stored documents (docs/decree.md §6, docs/workflow.md §Signatures).
//!
//! - [`Workflow::sign_digitally`]: the signer signs the approved revision. Its PDF is laid out
//!   with the number and date in fixed-width blanks; the signer's image (from the directory)
//!   goes between the authority lines and the name. The signed PDF is kept with the state
//!   change, in one transaction.
//! - [`Workflow::issue_digitally`]: the registry clerk issues it: the number and date are taken
//!   from the register as for any document, then written into the blanks and sealed with the
//!   body's seal image over the left third of the signer's, as a second update of the same
//!   file carrying the agency's signature. The signer's signature stays valid. Should the
//!   second step fail after the number was taken, running it again completes it.
//!
//! The keys come in as [`Signer`]s: a PKCS#12 file opened with the password the person typed
//! ([`Workflow::key_of`]), or a hardware token opened with its PIN ([`Workflow::token_of`]: its
//! certificate must be the one the directory sets, when it sets one); nothing here stores a
//! password or a PIN. What signed (certificate, serial number, token) goes into the record: the
//! note of the signing and the audit of each signed file.

use std::path::{Path, PathBuf};

use vanban_render::style::StyleSheet;
use vanban_sign::{
    Appearance, Certificate, CertificateFile, Pkcs11Signer, Pkcs12Signer, SignOptions, Signer,
    TokenChoice,
};
use vanban_store::{
    Directory, DocumentId, DocumentRecord, NewSignedPdf, Owner, RegisterEntry, RegisterId,
    SignatureStage, SignedPdf, Stamp, State, StateChange, StoreError,
};

use super::{Action, Result, Which, Workflow};
use crate::Error;

/// Reads the files a directory names for signing — certificates and images, relative to the
/// directory file's folder — checking each: a certificate path must be a file (kept as an
/// absolute path; its key stays in it), an image must be a PNG (kept in the database).
pub fn load_signing_files(dir: &mut Directory, base: &Path) -> Result<(), Error> {
    let resolve = |field: String, rel: &str| -> Result<PathBuf, Error> {
        let path = base.join(rel);
        if path.is_file() {
            Ok(std::fs::canonicalize(&path).unwrap_or(path))
        } else {
            Err(bad_file(
                &field,
                &path,
                "không có tệp này (đường dẫn tính từ thư mục của tệp danh bạ)",
            ))
        }
    };
    let image = |field: String, rel: &str| -> Result<Vec<u8>, Error> {
        let path = resolve(field.clone(), rel)?;
        let bytes = std::fs::read(&path).map_err(|e| bad_file(&field, &path, &e.to_string()))?;
        vanban_sign::png_size(&bytes).map_err(|e| bad_file(&field, &path, &e.to_string()))?;
        Ok(bytes)
    };
    for (i, b) in dir.bodies.iter_mut().enumerate() {
        if let Some(rel) = b.certificate.clone() {
            let path = resolve(format!("bodies[{i}].certificate"), &rel)?;
            b.certificate = Some(path.to_string_lossy().into_owned());
        }
        if let Some(rel) = b.seal_image.clone() {
            b.seal_png = Some(image(format!("bodies[{i}].seal_image"), &rel)?);
        }
        if let Some(d) = b.seal_diameter_mm
            && !(10..=80).contains(&d)
        {
            return Err(bad_file(
                &format!("bodies[{i}].seal_diameter_mm"),
                base,
                &format!("đường kính con dấu {d} mm không hợp lý (cần từ 10 đến 80 mm)"),
            ));
        }
    }
    for (i, p) in dir.people.iter_mut().enumerate() {
        if let Some(rel) = p.certificate.clone() {
            let path = resolve(format!("people[{i}].certificate"), &rel)?;
            p.certificate = Some(path.to_string_lossy().into_owned());
        }
        if let Some(rel) = p.signature_image.clone() {
            p.signature_png = Some(image(format!("people[{i}].signature_image"), &rel)?);
        }
    }
    Ok(())
}

fn bad_file(field: &str, path: &Path, detail: &str) -> Error {
    Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("tệp danh bạ, mục {field}: {detail}"),
        ),
    }
}

fn read_certificate_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::CertificateFile {
        path: path.to_owned(),
        detail: e.to_string(),
    })
}

/// The certificate a directory file holds when it is a certificate file (DER or PEM) rather
/// than a PKCS#12 file with a key.
fn certificate_in_file(bytes: &[u8]) -> Option<Certificate> {
    match CertificateFile::read(bytes) {
        Ok(CertificateFile::Certificate(cert)) => Some(*cert),
        _ => None,
    }
}

/// A certificate as the record names it: its holder and serial number.
fn describe(cert: &Certificate) -> String {
    format!("“{}”, số sê-ri {}", cert.subject_name(), cert.serial_hex())
}

/// What signed, for the record: the certificate, and the hardware token when the key is on one.
fn signed_with(key: &dyn Signer) -> String {
    let cert = key
        .certificate_chain()
        .first()
        .map(describe)
        .unwrap_or_default();
    match key.token_label() {
        Some(token) => format!("Ký số bằng chứng thư {cert}, trên thiết bị ký số “{token}”"),
        None => format!("Ký số bằng chứng thư {cert}"),
    }
}

/// How the key of a person or body can be opened, as the directory sets it: what a front
/// offers when it asks for the key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeySources {
    /// The directory sets a PKCS#12 file: its password opens it.
    pub file: bool,
    /// A USB token may be used: the directory sets the token's certificate file (.cer/.pem) to
    /// compare it with, or no certificate at all but the image a digital signature shows (the
    /// signature or the seal; the token's certificate is then named in the record).
    pub token: bool,
}

impl KeySources {
    /// Neither: the person signs on paper, the body issues without a digital signature.
    pub fn none(self) -> bool {
        !self.file && !self.token
    }
}

impl Workflow {
    /// Where the directory keeps the certificate of a person or body (a PKCS#12 file), if it
    /// has one: a front asks for its password only then.
    pub fn certificate_of(&self, owner: Owner) -> Result<Option<PathBuf>> {
        Ok(self
            .store
            .signing_material(owner)?
            .and_then(|m| m.certificate)
            .map(PathBuf::from))
    }

    /// Opens the certificate the directory sets for a person or body with `password`.
    pub fn key_of(&self, owner: Owner, who: &str, password: &str) -> Result<Pkcs12Signer> {
        let path = self
            .certificate_of(owner)?
            .ok_or_else(|| Error::NoCertificate {
                who: who.to_owned(),
            })?;
        let bytes = read_certificate_file(&path)?;
        if certificate_in_file(&bytes).is_some() {
            return Err(Error::CertificateWithoutKey {
                who: who.to_owned(),
                path,
            });
        }
        Ok(Pkcs12Signer::from_pkcs12(&bytes, password)?)
    }

    /// Opens the key of a person or body on a hardware token, through the PKCS#11 `module`,
    /// with `pin`. When the directory sets a certificate for them, the token's must be that one
    /// (the same DER): a certificate file (.cer/.crt/.pem/.der) is compared before the PIN is
    /// tried; a PKCS#12 file cannot be read without its password, so it is refused. Without
    /// one in the directory, the token's certificate is used (and named in the record).
    pub fn token_of(
        &self,
        owner: Owner,
        who: &str,
        module: &Path,
        choice: &TokenChoice,
        pin: &str,
    ) -> Result<Pkcs11Signer> {
        let expected = match self.certificate_of(owner)? {
            None => None,
            Some(path) => {
                let bytes = read_certificate_file(&path)?;
                let Some(cert) = certificate_in_file(&bytes) else {
                    return Err(Error::CertificateNotComparable {
                        who: who.to_owned(),
                        path,
                    });
                };
                Some((path, cert))
            }
        };
        let signer = Pkcs11Signer::open(module, choice, pin)?;
        if let Some((path, expected)) = expected {
            let on_token = signer.certificate_chain().first();
            if on_token.is_none_or(|c| c.der() != expected.der()) {
                return Err(Error::TokenCertificateMismatch {
                    who: who.to_owned(),
                    path,
                    on_token: on_token.map(describe).unwrap_or_default(),
                    in_directory: describe(&expected),
                });
            }
        }
        Ok(signer)
    }

    /// The acting person's key on a hardware token (see [`Workflow::token_of`]).
    pub fn token_for_signing(
        &self,
        stamp: &Stamp,
        module: &Path,
        choice: &TokenChoice,
        pin: &str,
    ) -> Result<Pkcs11Signer> {
        let person = self.actor(stamp)?;
        self.token_of(Owner::Person(person.id), &person.name, module, choice, pin)
    }

    /// The key, on a hardware token, of the body that issues document `id` (see
    /// [`Workflow::token_of`]).
    pub fn token_for_issuing(
        &self,
        stamp: &Stamp,
        id: DocumentId,
        module: &Path,
        choice: &TokenChoice,
        pin: &str,
    ) -> Result<Pkcs11Signer> {
        let (body, name) = self.issuing_body(stamp, id)?;
        self.token_of(body, &name, module, choice, pin)
    }

    /// How the key of a person or body can be opened (see [`KeySources`]). A certificate file
    /// that cannot be read counts as a PKCS#12 file: opening it then says what is wrong.
    pub fn key_sources(&self, owner: Owner) -> Result<KeySources> {
        let material = self.store.signing_material(owner)?.unwrap_or_default();
        Ok(match material.certificate.map(PathBuf::from) {
            Some(path) => {
                let comparable = read_certificate_file(&path)
                    .is_ok_and(|bytes| certificate_in_file(&bytes).is_some());
                KeySources {
                    file: !comparable,
                    token: comparable,
                }
            }
            None => KeySources {
                file: false,
                token: material.image_png.is_some(),
            },
        })
    }

    /// How the acting person's key can be opened, to sign.
    pub fn signing_key_sources(&self, stamp: &Stamp) -> Result<KeySources> {
        let person = self.actor(stamp)?;
        self.key_sources(Owner::Person(person.id))
    }

    /// How the key of the body that issues document `id` can be opened.
    pub fn issuing_key_sources(&self, stamp: &Stamp, id: DocumentId) -> Result<KeySources> {
        self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.key_sources(Owner::Body(record.body))
    }

    /// Whether the directory sets a certificate for the acting person: then signing is digital
    /// unless they say they signed on paper.
    pub fn signer_has_certificate(&self, stamp: &Stamp) -> Result<bool> {
        let person = self.actor(stamp)?;
        Ok(self.certificate_of(Owner::Person(person.id))?.is_some())
    }

    /// The acting person's key, from the certificate the directory sets for them.
    pub fn key_for_signing(&self, stamp: &Stamp, password: &str) -> Result<Pkcs12Signer> {
        let person = self.actor(stamp)?;
        self.key_of(Owner::Person(person.id), &person.name, password)
    }

    /// The body that issues document `id`, and its name for messages.
    fn issuing_body(&self, stamp: &Stamp, id: DocumentId) -> Result<(Owner, String)> {
        self.actor(stamp)?;
        let record = self.loaded(id)?;
        let name = self
            .store
            .body(record.body)?
            .map(|b| b.name)
            .unwrap_or_default();
        Ok((Owner::Body(record.body), name))
    }

    /// The key of the body that issues document `id`, from the directory.
    pub fn key_for_issuing(
        &self,
        stamp: &Stamp,
        id: DocumentId,
        password: &str,
    ) -> Result<Pkcs12Signer> {
        let (body, name) = self.issuing_body(stamp, id)?;
        self.key_of(body, &name, password)
    }

    /// The signed PDFs of a document: the signer's, then the agency's.
    pub fn signed_pdfs(&self, id: DocumentId) -> Result<Vec<SignedPdf>> {
        Ok(self.store.signed_pdfs(id)?)
    }

    /// The latest signed PDF of a document (the agency's once issued), if it was signed
    /// digitally.
    pub fn signed_pdf(&self, id: DocumentId) -> Result<Option<SignedPdf>> {
        Ok(self.store.signed_pdfs(id)?.pop())
    }

    /// Signs the approved revision with `key`: the same checks as [`Workflow::sign`], then the
    /// PDF with the signer's image, kept with the state change.
    pub fn sign_digitally(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        key: &dyn Signer,
    ) -> Result<DocumentRecord> {
        let (person, record, doc) = self.may_sign(stamp, id)?;
        let image = self
            .store
            .signing_material(Owner::Person(person.id))?
            .and_then(|m| m.image_png)
            .ok_or_else(|| Error::NoImage {
                what: "ảnh chữ ký",
                who: person.name.clone(),
                field: "people[].signature_image",
            })?;
        // The body's sheet, kept with the signed file: the number and date are drawn into its
        // blanks at issue with this same sheet, whatever the profile is by then.
        let sheet = self.body_style(record.body)?;
        let (pdf, spot) =
            crate::export::pdf_for_signing(&doc, &sheet, crate::clock::pdf_created(stamp.at))?;
        let spot = spot.ok_or(Error::NoSignatureBlock(id))?;
        let appearance = Appearance::signature_between(
            spot.page,
            (spot.left, spot.right),
            (spot.top, spot.bottom),
            image,
        )?;
        let options = SignOptions {
            signing_time: stamp.at,
            reason: Some(format!("{} ký văn bản", person.name)),
            location: Some(doc.header.place.clone()).filter(|p| !p.is_empty()),
            appearance: Some(appearance),
            overlay: None,
        };
        let signed = vanban_sign::sign_pdf(&pdf, key, &options)?;
        Ok(self.store.sign_with_pdf(
            &StateChange {
                document: id,
                from: record.state,
                to: State::Signed,
                revision: record.current_revision,
                note: Some(signed_with(key)),
            },
            &NewSignedPdf {
                document: id,
                revision: record.current_revision,
                stage: SignatureStage::Signer,
                pdf: signed,
                signed_with: Some(signed_with(key)),
                style_toml: Some(sheet.to_toml()),
            },
            stamp,
        )?)
    }

    /// Issues a document the signer signed digitally: the number and date from the register
    /// (as [`Workflow::issue`]), then the agency's signature with `key`, writing them into
    /// the signed PDF with the body's seal. On a document already issued whose agency
    /// signature is missing (the second step failed), completes it with the same number.
    pub fn issue_digitally(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        register: Option<RegisterId>,
        key: &dyn Signer,
    ) -> Result<RegisterEntry> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        let files = self.store.signed_pdfs(id)?;
        let signer_pdf = files
            .iter()
            .find(|f| f.stage == SignatureStage::Signer)
            .ok_or(Error::NotSignedDigitally(id))?;
        if files.iter().any(|f| f.stage == SignatureStage::Agency) {
            return Err(Error::WrongState {
                document: id,
                action: Action::Issue.label(),
                state: record.state,
                allowed: "đã ký và chưa ban hành",
            });
        }
        // Everything that could still fail is checked before a number is taken.
        let seal = self
            .store
            .signing_material(Owner::Body(record.body))?
            .unwrap_or_default();
        let body_name = self
            .store
            .body(record.body)?
            .map(|b| b.name)
            .unwrap_or_default();
        let (Some(seal_png), Some(diameter)) = (seal.image_png, seal.seal_diameter_mm) else {
            return Err(Error::NoImage {
                what: "ảnh con dấu (và đường kính)",
                who: body_name,
                field: "bodies[].seal_image, bodies[].seal_diameter_mm",
            });
        };
        let certificate =
            key.certificate_chain()
                .first()
                .ok_or(vanban_sign::SignError::InvalidCertificate(
                    "chuỗi chứng thư trống".into(),
                ))?;
        if !certificate.valid_at(stamp.at) {
            let (from, to) = certificate.validity();
            return Err(vanban_sign::SignError::CertificateExpired {
                subject: certificate.subject_name(),
                not_before: from.to_rfc3339(),
                not_after: to.to_rfc3339(),
            }
            .into());
        }
        let (signature_page, signature_rect) = *vanban_sign::signature_widgets(&signer_pdf.pdf)?
            .first()
            .ok_or(Error::NotSignedDigitally(id))?;
        // The sheet the signer's file was laid out with, so that the fields land in its blanks.
        let sheet = match &signer_pdf.style_toml {
            Some(text) => StyleSheet::from_toml(text).map_err(Error::StoredStyle)?,
            None => StyleSheet::nd30(),
        };
        let signer_pdf = signer_pdf.pdf.clone();

        let entry = if record.state == State::Issued {
            self.check_clerk(&person, &record)?;
            self.register_entry_of(id)?
        } else {
            self.issue_unsigned_or_paper(stamp, id, register)?
        };
        let (_, _, issued) = self.load_document(id, Which::Issued)?;
        let fields = crate::export::fields_pdf(&issued, &sheet)?;
        let signer_image = Appearance {
            page: signature_page,
            rect: signature_rect,
            png: Vec::new(),
        };
        let options = SignOptions {
            signing_time: stamp.at,
            reason: Some(format!("Ban hành văn bản số {}", entry.number_symbol)),
            location: Some(issued.header.place.clone()).filter(|p| !p.is_empty()),
            appearance: Some(Appearance::seal_over(
                &signer_image,
                f32::from(diameter),
                seal_png,
            )?),
            overlay: Some(fields),
        };
        let sealed = vanban_sign::sign_pdf(&signer_pdf, key, &options)?;
        let revision = self.loaded(id)?.current_revision;
        self.store.add_signed_pdf(
            &NewSignedPdf {
                document: id,
                revision,
                stage: SignatureStage::Agency,
                pdf: sealed,
                signed_with: Some(signed_with(key)),
                style_toml: None,
            },
            stamp,
        )?;
        Ok(entry)
    }

    /// Appendix `index` (0-based) of an issued document as a file of its own, with the
    /// agency's signature as the decree shows it there: no image, the 10 pt note "Số: …;
    /// dd/mm/yyyy; hh:mm:ss +07:00" at the top right of its first page.
    pub fn appendix_file(
        &self,
        stamp: &Stamp,
        id: DocumentId,
        index: usize,
        key: &dyn Signer,
    ) -> Result<Vec<u8>> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.check_clerk(&person, &record)?;
        if record.state != State::Issued {
            return Err(Error::WrongState {
                document: id,
                action: "xuất phụ lục thành tệp riêng",
                state: record.state,
                allowed: "đã ban hành",
            });
        }
        let (_, _, issued) = self.load_document(id, Which::Issued)?;
        let sheet = self.document_style(id)?;
        let (pdf, landscape) = crate::export::appendix_pdf(
            &issued,
            &sheet,
            index,
            crate::clock::pdf_created(stamp.at),
        )?;
        let entry = self.register_entry_of(id)?;
        let note = format!(
            "Số: {}; {}; {}",
            entry.number_symbol,
            stamp.at.format("%d/%m/%Y"),
            stamp.at.format("%H:%M:%S %:z")
        );
        let options = SignOptions {
            signing_time: stamp.at,
            reason: Some(format!(
                "Phụ lục {} kèm theo văn bản số {}",
                index + 1,
                entry.number_symbol
            )),
            location: Some(issued.header.place.clone()).filter(|p| !p.is_empty()),
            appearance: None,
            overlay: Some(crate::export::corner_note_pdf(&sheet, landscape, &note)?),
        };
        Ok(vanban_sign::sign_pdf(&pdf, key, &options)?)
    }

    /// The registry clerk's rights over an issued document of their body (for completing an
    /// interrupted digital issue).
    pub(super) fn check_clerk(
        &self,
        person: &vanban_store::Person,
        record: &DocumentRecord,
    ) -> Result<()> {
        if !person.has(vanban_store::Role::RegistryClerk) || person.body != Some(record.body) {
            return Err(Error::NotAllowed {
                person: person.login.clone(),
                action: Action::Issue.label(),
                reason: "chỉ văn thư của cơ quan ban hành mới ban hành".into(),
            });
        }
        Ok(())
    }

    /// The register entry of an issued document.
    pub(super) fn register_entry_of(&self, id: DocumentId) -> Result<RegisterEntry> {
        let record = self.loaded(id)?;
        let (_, _, issued) = self.load_document(id, Which::Issued)?;
        let year = issued
            .header
            .date
            .map(|d| d.year)
            .ok_or(StoreError::NoDocument(id))?;
        self.store
            .register_entries(year, Some(record.body))?
            .into_iter()
            .find(|e| e.document == id)
            .ok_or_else(|| StoreError::NoDocument(id).into())
    }
}
