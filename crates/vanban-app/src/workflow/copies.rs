//! Copies of issued documents (docs/copies.md; Nghị định 30, Điều 25–27, 32; Phụ lục I phần
//! II): sao y (the whole document), sao lục (from a sao y), trích sao (chosen parts laid out in
//! full form), each numbered in the body's copy register.
//!
//! - Who: the registry clerk of the body makes, seals and signs the copy for the agency; the
//!   copy is signed by the head (a signer of the body without a delegation) or by a person the
//!   directory names in the body's `copy_signers`.
//! - Electronic: the agency's signature with the body's key, its visible text at the top right
//!   of page 1 ("SAO Y; <body>; dd/mm/yyyy; hh:mm:ss +07:00"), no image. A sao y is an
//!   incremental update of the issued signed PDF (its signatures stay valid); a sao lục one of
//!   the sao y's PDF (its note a line lower); a trích sao is a new PDF.
//! - Paper: the copy block after the last content, from the same layout tree (PDF, DOCX).
//! - A failure before the number is taken uses none: everything that can fail is done first.

use vanban_core::copies::{self, CopyKind};
use vanban_core::format;
use vanban_core::model::{Authority, IssueDate, SignatureBlock};
use vanban_render::copy::{CopyBlock, CopyRegisterForm};
use vanban_render::pdf::PdfKind;
use vanban_sign::{SignOptions, Signer};
use vanban_store::{CopyEntry, DocumentId, NewCopy, Person, Role, SignatureStage, Stamp, State};

use super::{Result, Which, Workflow};
use crate::Error;
use crate::export::ExportFormat;

/// What a copy is made as.
pub enum CopyForm<'a> {
    /// On paper: the file (PDF or DOCX) to print, with the copy block.
    Paper(ExportFormat),
    /// Electronic, signed by the agency with this key (the body's).
    Electronic(&'a dyn Signer),
}

/// A copy asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifyRequest {
    /// The issued document.
    pub document: DocumentId,
    /// Sao y, sao lục or trích sao.
    pub kind: CopyKind,
    /// The parts a trích sao keeps: the model's paths (`body.sections[1]`, `appendices[0]`).
    pub parts: Vec<String>,
    /// Who signs the copy (a login); `None`: the first person who may.
    pub signer: Option<String>,
    /// For a sao lục: the sao y it is made from ("01/SY-UBND"); `None`: the latest.
    pub from_copy: Option<String>,
    /// Nơi nhận of the copy, one line each; empty: "- Lưu: VT.".
    pub recipients: Vec<String>,
}

/// A copy made: its register entry and its file.
#[derive(Debug, Clone)]
pub struct Certified {
    /// The line of the copy register.
    pub entry: CopyEntry,
    /// The file: the signed PDF, or the paper copy's PDF or DOCX.
    pub bytes: Vec<u8>,
}

/// What the copy form offers for an issued document.
#[derive(Debug, Clone)]
pub struct CopyChoices {
    /// Who may sign its copies today (the head first).
    pub signers: Vec<Person>,
    /// The parts a trích sao may keep (headings of the first two levels, appendices).
    pub parts: Vec<copies::Extractable>,
    /// The copies already made of it, oldest first (a sao lục is made from one of its sao y).
    pub copies: Vec<CopyEntry>,
}

const ACTION: &str = "sao văn bản";

/// Copies are made of issued documents only.
fn only_issued(record: &vanban_store::DocumentRecord) -> Result<()> {
    if record.state == State::Issued {
        return Ok(());
    }
    Err(Error::WrongState {
        document: record.id,
        action: ACTION,
        state: record.state,
        allowed: "đã ban hành",
    })
}

impl Workflow {
    /// The people of `body` who may sign its copies: the head (a signer acting in their own
    /// name on `day`), then those the directory names.
    pub fn copy_signers(
        &self,
        body: vanban_store::BodyId,
        day: chrono::NaiveDate,
    ) -> Result<Vec<Person>> {
        let mut heads = Vec::new();
        for p in self.store.people()? {
            if p.body == Some(body) && p.has(Role::Signer) {
                let delegated = (self.store.delegations_to(p.id)?.iter())
                    .any(|d| d.body == body && d.covers(day));
                if !delegated {
                    heads.push(p);
                }
            }
        }
        for login in self.store.copy_signers(body)? {
            if heads.iter().all(|h| h.login != login)
                && let Some(p) = self.store.person(&login)?
            {
                heads.push(p);
            }
        }
        Ok(heads)
    }

    /// The copy register of the acting person's body for a year.
    pub fn copy_register(&self, stamp: &Stamp, year: i32) -> Result<Vec<CopyEntry>> {
        let person = self.actor(stamp)?;
        Ok(self.store.copy_entries(year, person.body)?)
    }

    /// The copy register of the acting person's body for a year, printed as a form (PDF or
    /// DOCX) like the outgoing register.
    pub fn copy_register_bytes(
        &self,
        stamp: &Stamp,
        year: i32,
        format: ExportFormat,
        created: vanban_render::pdf::Created,
    ) -> Result<Vec<u8>> {
        let person = self.actor(stamp)?;
        let entries = self.store.copy_entries(year, person.body)?;
        let body = match person.body {
            Some(b) => self.store.body(b)?,
            None => None,
        };
        let form = CopyRegisterForm {
            parent_body: body.as_ref().and_then(|b| b.parent_name.clone()),
            body: body.as_ref().map(|b| b.name.clone()).unwrap_or_default(),
            year,
            rows: entries
                .iter()
                .map(|e| {
                    let kind = CopyKind::parse(&e.kind)
                        .map_or_else(|| e.kind.clone(), |k| k.label().to_owned());
                    let form = if e.form == "paper" {
                        ""
                    } else {
                        "bản điện tử"
                    };
                    [
                        e.number_symbol.clone(),
                        format::numeric_date(e.made_on.into()),
                        kind,
                        e.original.clone(),
                        e.type_and_subject.clone(),
                        e.signer.lines().last().unwrap_or_default().to_owned(),
                        e.recipients.replace('\n', "; "),
                        [form, &e.parts.join(", ")]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect(),
        };
        let sheet = match person.body {
            Some(b) => self.body_style(b)?,
            None => vanban_render::style::StyleSheet::nd30(),
        };
        let layout = vanban_render::copy::register_layout(&form, &sheet);
        Ok(match format {
            ExportFormat::Docx => vanban_render::docx::write(&layout, &sheet)?,
            ExportFormat::Pdf(kind) => {
                let mut t =
                    vanban_render::pdf::Typesetter::new(vanban_render::fonts::liberation_serif())?;
                t.pdf(
                    &layout,
                    &sheet,
                    &format!("Sổ đăng ký bản sao văn bản năm {year}"),
                    kind,
                    Some(created),
                )?
            }
        })
    }

    /// What the copy form offers for issued document `id` on the stamp's day.
    pub fn copy_choices(&self, stamp: &Stamp, id: DocumentId) -> Result<CopyChoices> {
        let record = self.loaded(id)?;
        only_issued(&record)?;
        let (_, _, issued) = self.load_document(id, Which::Issued)?;
        Ok(CopyChoices {
            signers: self.copy_signers(record.body, stamp.at.date_naive())?,
            parts: copies::extractable(&issued, 2),
            copies: self.store.copies_of(id)?,
        })
    }

    /// The copies made of a document, oldest first.
    pub fn copies_of(&self, id: DocumentId) -> Result<Vec<CopyEntry>> {
        self.loaded(id)?;
        Ok(self.store.copies_of(id)?)
    }

    /// Makes a copy of an issued document (see the module's description) and registers it.
    pub fn certify(
        &mut self,
        stamp: &Stamp,
        request: &CertifyRequest,
        form: CopyForm<'_>,
    ) -> Result<Certified> {
        let id = request.document;
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        if !person.has(Role::RegistryClerk) || person.body != Some(record.body) {
            return Err(Error::NotAllowed {
                person: person.login.clone(),
                action: ACTION,
                reason: "chỉ văn thư của cơ quan mới làm bản sao, đóng dấu và ký số bản sao của \
                         cơ quan (Nghị định 30/2020/NĐ-CP, Điều 32)"
                    .into(),
            });
        }
        only_issued(&record)?;
        let today = stamp.at.date_naive();
        let signer = self.copy_signer(record.body, request.signer.as_deref(), today)?;
        let (_, _, issued) = self.load_document(id, Which::Issued)?;
        let original = self.register_entry_of(id)?;
        let body = self
            .store
            .body(record.body)?
            .ok_or(vanban_store::StoreError::NoDocument(id))?;
        let sheet = self.document_style(id)?;
        let source = match request.kind {
            CopyKind::SaoLuc => Some(self.sao_y_of(id, request.from_copy.as_deref())?),
            _ => None,
        };
        let content = match request.kind {
            CopyKind::TrichSao => copies::extract(&issued, &request.parts)?,
            _ => issued.clone(),
        };
        let signer_lines = {
            let mut lines = format::authority_lines(&signer.0);
            lines.push(signer.0.name.clone());
            lines
        };
        let recipients = if request.recipients.is_empty() {
            vec!["- Lưu: VT.".to_owned()]
        } else {
            request.recipients.clone()
        };
        let symbol = copies::copy_symbol(request.kind, &body.abbreviation);
        let date = IssueDate {
            year: chrono::Datelike::year(&today),
            month: Some(chrono::Datelike::month(&today) as u8),
            day: Some(chrono::Datelike::day(&today) as u8),
        };
        let block = |kind: CopyKind,
                     number_symbol: &str,
                     date: IssueDate,
                     lines: &[String],
                     to: &[String]| {
            let (name, authority) = lines
                .split_last()
                .map_or((String::new(), Vec::new()), |(n, a)| {
                    (n.clone(), a.to_vec())
                });
            CopyBlock {
                kind: kind.label().to_owned(),
                parent_body: body.parent_name.clone(),
                body: body.name.clone(),
                number_line: format!("Số: {number_symbol}"),
                date_line: format::date_line(&body.place, Some(date)),
                authority,
                name,
                recipients: to.to_vec(),
            }
        };
        let created = crate::clock::pdf_created(stamp.at);

        let mut new_copy = NewCopy {
            document: id,
            kind: request.kind.as_str().to_owned(),
            symbol: symbol.clone(),
            made_on: today,
            source_copy: source.as_ref().map(|s| s.id),
            electronic: matches!(form, CopyForm::Electronic(_)),
            parts: match request.kind {
                CopyKind::TrichSao => request.parts.clone(),
                _ => Vec::new(),
            },
            original: original.number_symbol.clone(),
            type_and_subject: crate::export::title_of(&content),
            signer: signer_lines.join("\n"),
            recipients: recipients.join("\n"),
            pdf: None,
        };
        match form {
            CopyForm::Electronic(key) => {
                let note = copies::electronic_note(request.kind, &body.name, stamp.at);
                let (base, line) = match request.kind {
                    CopyKind::TrichSao => {
                        let pdf = crate::export::copy_file(
                            &content,
                            &sheet,
                            &[],
                            ExportFormat::Pdf(PdfKind::Standard),
                            created,
                        )?;
                        (pdf, 0)
                    }
                    CopyKind::SaoLuc => match source.as_ref().map(|s| self.store.copy_pdf(s.id)) {
                        Some(Ok(Some(pdf))) => (pdf, 1),
                        Some(Err(e)) => return Err(e.into()),
                        _ => (self.agency_pdf(id)?, 0),
                    },
                    CopyKind::SaoY => (self.agency_pdf(id)?, 0),
                };
                let overlay = crate::export::corner_note_pdf_on_line(&sheet, false, &note, line)?;
                let options = SignOptions {
                    signing_time: stamp.at,
                    reason: Some(format!(
                        "{} văn bản số {}",
                        capitalised(request.kind),
                        original.number_symbol
                    )),
                    location: Some(body.place.clone()).filter(|p| !p.is_empty()),
                    appearance: None,
                    overlay: Some(overlay),
                };
                let signed = vanban_sign::sign_pdf(&base, key, &options)?;
                new_copy.pdf = Some(signed.clone());
                let entry = self.store.register_copy(&new_copy, stamp)?;
                Ok(Certified {
                    entry,
                    bytes: signed,
                })
            }
            CopyForm::Paper(format) => {
                // The blocks above this copy's: a sao lục of a paper sao y shows the sao y's.
                let mut blocks = Vec::new();
                if let Some(s) = source.as_ref().filter(|s| s.form == "paper") {
                    let lines: Vec<String> = s.signer.lines().map(str::to_owned).collect();
                    let to: Vec<String> = s.recipients.lines().map(str::to_owned).collect();
                    let made = IssueDate {
                        year: chrono::Datelike::year(&s.made_on),
                        month: Some(chrono::Datelike::month(&s.made_on) as u8),
                        day: Some(chrono::Datelike::day(&s.made_on) as u8),
                    };
                    blocks.push(block(CopyKind::SaoY, &s.number_symbol, made, &lines, &to));
                }
                // Laid out once with a number of the same width before the number is taken:
                // a copy that cannot be made uses no number.
                blocks.push(block(
                    request.kind,
                    &format!("..../{symbol}"),
                    date,
                    &signer_lines,
                    &recipients,
                ));
                crate::export::copy_file(&content, &sheet, &blocks, format, created)?;
                let entry = self.store.register_copy(&new_copy, stamp)?;
                if let Some(last) = blocks.last_mut() {
                    last.number_line = format!("Số: {}", entry.number_symbol);
                }
                let bytes = crate::export::copy_file(&content, &sheet, &blocks, format, created)?;
                Ok(Certified { entry, bytes })
            }
        }
    }

    /// The person who signs a copy and their signature block, checked against Điều 27.
    fn copy_signer(
        &self,
        body: vanban_store::BodyId,
        login: Option<&str>,
        day: chrono::NaiveDate,
    ) -> Result<(SignatureBlock, Person)> {
        let allowed = self.copy_signers(body, day)?;
        let person = match login {
            None => allowed
                .into_iter()
                .next()
                .ok_or_else(|| Error::NotAllowed {
                    person: "Cơ quan".into(),
                    action: ACTION,
                    reason: "danh bạ chưa có thủ trưởng (người ký không theo ủy quyền) hay người \
                         được thủ trưởng giao ký bản sao (copy_signers của cơ quan; Nghị định \
                         30/2020/NĐ-CP, Điều 27)"
                        .into(),
                })?,
            Some(login) => match allowed.into_iter().find(|p| p.login == login) {
                Some(p) => p,
                None => {
                    let known = self.store.person(login)?;
                    let who = known.map_or_else(|| login.to_owned(), |p| p.name);
                    return Err(Error::NotAllowed {
                        person: who,
                        action: "ký bản sao",
                        reason: "không phải thủ trưởng cơ quan và không được thủ trưởng giao ký \
                                 bản sao trong danh bạ (copy_signers; Nghị định 30/2020/NĐ-CP, \
                                 Điều 27)"
                            .into(),
                    });
                }
            },
        };
        let delegation = (self.store.delegations_to(person.id)?.into_iter())
            .find(|d| d.body == body && d.covers(day));
        let block = SignatureBlock {
            authority: delegation
                .map(|d| {
                    vec![Authority {
                        kind: d.kind,
                        of: d.of,
                    }]
                })
                .unwrap_or_default(),
            title: person.titles.first().cloned().unwrap_or_default(),
            name: person.name.clone(),
        };
        Ok((block, person))
    }

    /// The sao y a sao lục is made from: the one numbered `which`, or the latest.
    fn sao_y_of(&self, id: DocumentId, which: Option<&str>) -> Result<CopyEntry> {
        let found = (self.store.copies_of(id)?.into_iter()).rfind(|c| {
            c.kind == CopyKind::SaoY.as_str() && which.is_none_or(|w| c.number_symbol == w.trim())
        });
        found.ok_or_else(|| Error::NoSaoY {
            document: id,
            which: which.map(|w| format!("số {w} ")).unwrap_or_default(),
        })
    }

    /// The issued document's PDF with the agency's signature.
    fn agency_pdf(&self, id: DocumentId) -> Result<Vec<u8>> {
        (self.store.signed_pdfs(id)?.into_iter())
            .find(|f| f.stage == SignatureStage::Agency)
            .map(|f| f.pdf)
            .ok_or(Error::NotSignedDigitally(id))
    }
}

/// "Sao y", "Sao lục", "Trích sao", for the signature's reason.
fn capitalised(kind: CopyKind) -> &'static str {
    match kind {
        CopyKind::SaoY => "Sao y",
        CopyKind::SaoLuc => "Sao lục",
        CopyKind::TrichSao => "Trích sao",
    }
}
