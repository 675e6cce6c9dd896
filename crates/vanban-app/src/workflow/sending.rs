//! Sending an issued document by e-mail (`docs/email.md`): to each recipient of its Nơi nhận
//! that has an address in the directory, one message — the number and subject as its subject,
//! a short Vietnamese text, the signed PDF and each appendix's file attached (or the edXML
//! package, for an organ whose entry asks for it) — through a [`Mailer`]. Each message is
//! recorded before the SMTP transaction (its Message-ID chosen then) and after it (sent, with a
//! distribution; or failed, with the reason), so an interrupted batch resumes without sending
//! anything twice. The body's registry clerk's.

use std::collections::HashMap;
use std::time::SystemTime;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use password_hash::rand_core::{OsRng, RngCore};
use serde::Serialize;
use vanban_core::Document;
use vanban_core::model::{Recipient, RecipientEntry};
use vanban_core::validate::unit_key;
use vanban_render::pdf::Created;
use vanban_sign::Signer as KeySigner;
use vanban_store::{Attach, Body, DocumentId, EmailSend, Role, SmtpSpec, Stamp, StoreError};

use super::{Action, Result, Which, Workflow};
use crate::Error;
use crate::export::Exporter;
use crate::mail::{MailError, Mailer, check_smtp};

/// A recipient of a document's e-mail: a line of Nơi nhận, or a unit a line covers
/// (`includes`), with the address the directory gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailRecipient {
    /// As printed ("Sở Tài chính").
    pub name: String,
    /// Its address, when the directory has one.
    pub email: Option<String>,
    /// What its message carries.
    pub attach: Attach,
    /// Its organ id, when it is an exchange organ (for an edXML package).
    pub organ_id: Option<String>,
}

/// Where a recipient stands, from the latest record of its messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum EmailState {
    /// Nothing sent yet.
    NotSent,
    /// The directory has no address for it.
    NoAddress,
    /// Sent: the server accepted the message.
    Sent {
        /// Its Message-ID.
        message_id: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// The last attempt failed.
    Failed {
        /// The Message-ID the retry keeps.
        message_id: String,
        /// Why.
        error: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// Attempted, and its outcome never recorded (the program stopped during the SMTP
    /// transaction): it may have arrived. Not sent again unless named with `--to`.
    Unknown {
        /// The Message-ID a resend keeps (so the recipient's mail system can tell it is the
        /// same message).
        message_id: String,
        /// When it was attempted.
        at: DateTime<FixedOffset>,
    },
}

/// A recipient and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailStatus {
    /// The recipient.
    pub recipient: EmailRecipient,
    /// Where it stands.
    #[serde(flatten)]
    pub state: EmailState,
}

/// What sending did for one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum EmailOutcome {
    /// Sent now.
    Sent {
        /// Its Message-ID.
        message_id: String,
    },
    /// Not sent: the server refused it or the connection failed (recorded; a later run
    /// retries it).
    Failed {
        /// Its Message-ID.
        message_id: String,
        /// Why.
        error: String,
    },
    /// Skipped: already sent.
    AlreadySent {
        /// The Message-ID it was sent with.
        message_id: String,
    },
    /// Skipped: no address in the directory.
    NoAddress,
    /// Skipped: an earlier attempt's outcome is unknown (it may have arrived); name it with
    /// `--to` to send it again.
    Unknown {
        /// The earlier attempt's Message-ID.
        message_id: String,
    },
    /// Not attempted: the batch stopped when the connection to the server was lost.
    NotAttempted {
        /// Why.
        reason: String,
    },
}

impl EmailOutcome {
    /// True when the recipient did not get the document in this run or an earlier one
    /// (failed, unknown, not attempted) — the CLI's exit code 1. No address is not a failure.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            EmailOutcome::Failed { .. }
                | EmailOutcome::Unknown { .. }
                | EmailOutcome::NotAttempted { .. }
        )
    }
}

/// One recipient's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailResult {
    /// The recipient.
    pub recipient: EmailRecipient,
    /// What happened.
    #[serde(flatten)]
    pub outcome: EmailOutcome,
}

/// What a batch needs besides the document and its recipients.
pub struct EmailRequest<'a> {
    /// Only these recipients (names as printed); empty for all. A recipient whose earlier
    /// attempt's outcome is unknown is sent again only when named here.
    pub only: &'a [String],
    /// The PDF's creation time when it is exported (a document not signed digitally).
    pub created: Created,
    /// The body's key: each appendix travels as its own signed file.
    pub appendix_key: Option<&'a dyn KeySigner>,
}

/// The recipients of a document as Nơi nhận prints them: each line (each member of a bracketed
/// group), or — for a line the directory has no address for — the units it covers.
fn printed(doc: &Document) -> Vec<&Recipient> {
    let mut out = Vec::new();
    for e in &doc.recipients.entries {
        match e {
            RecipientEntry::Single(r) => out.push(r),
            RecipientEntry::Group(g) => out.extend(g.members.iter()),
        }
    }
    out
}

/// The message's subject: "Số 01/KH-UBND — Kế hoạch Tuyên truyền …".
fn subject_line(doc: &Document, number_symbol: &str) -> String {
    let name = doc.doc_type.info().name;
    if doc.doc_type == vanban_core::DocumentType::CongVan {
        format!("Số {number_symbol} — {}", doc.subject)
    } else {
        format!("Số {number_symbol} — {name} {}", doc.subject)
    }
}

fn new_message_id(document: DocumentId, sender: &str) -> String {
    let domain = sender.rsplit_once('@').map_or("vanban.invalid", |(_, d)| d);
    format!(
        "<{:016x}{:08x}.{document}.vanban@{domain}>",
        OsRng.next_u64(),
        OsRng.next_u32()
    )
}

impl Workflow {
    /// The body of the acting person, for the SMTP settings' use cases: administrators and
    /// registry clerks.
    fn smtp_body(&self, stamp: &Stamp) -> Result<Body> {
        let person = self.actor(stamp)?;
        let not_allowed = |reason: &str| Error::NotAllowed {
            person: person.login.clone(),
            action: "xem hoặc sửa cài đặt thư điện tử",
            reason: reason.into(),
        };
        if !person.has(Role::Admin) && !person.has(Role::RegistryClerk) {
            return Err(not_allowed(
                "chỉ quản trị hoặc văn thư của cơ quan làm được việc này",
            ));
        }
        let body = person
            .body
            .ok_or_else(|| not_allowed("người này không thuộc cơ quan nào"))?;
        Ok((self.store.body(body)?).ok_or(StoreError::NoDocument(body))?)
    }

    /// The SMTP settings of the acting person's body (administrators and registry clerks).
    pub fn smtp_settings(&self, stamp: &Stamp) -> Result<Option<SmtpSpec>> {
        let body = self.smtp_body(stamp)?;
        Ok(self.store.smtp_settings(body.id)?)
    }

    /// Sets (or, with `None`, removes) the SMTP settings of the administrator's body; checked
    /// first (a refusal names the field: `smtp.host`, `smtp.tls`…). Returns them as stored.
    pub fn set_smtp_settings(
        &mut self,
        stamp: &Stamp,
        smtp: Option<SmtpSpec>,
    ) -> Result<Option<SmtpSpec>> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        let body = self.smtp_body(stamp)?;
        let mut smtp = smtp;
        if let Some(s) = &mut smtp {
            check_smtp("smtp", s)?;
        }
        self.store
            .set_smtp_settings(body.id, smtp.as_ref(), stamp)?;
        Ok(self.store.smtp_settings(body.id)?)
    }

    /// The SMTP settings of the body that issued document `id` (for the fronts to connect);
    /// [`Error::NoSmtpServer`] when it has none.
    pub fn document_smtp_settings(&self, id: DocumentId) -> Result<SmtpSpec> {
        let record = self.loaded(id)?;
        match self.store.smtp_settings(record.body)? {
            Some(s) => Ok(s),
            None => {
                let body = (self.store.body(record.body)?).ok_or(StoreError::NoDocument(id))?;
                Err(Error::NoSmtpServer(body.name))
            }
        }
    }

    /// The recipients of issued document `id` and their addresses, in the order of Nơi nhận:
    /// a line's name is looked up in the body's address book, then its exchange organs (with
    /// an e-mail), then the bodies of the directory; a line with no address that covers units
    /// (`includes`) stands for them, each looked up the same way. Names are compared without
    /// case, spacing, the tone marks' encoding or a parenthesised note.
    pub fn email_recipients(&self, id: DocumentId) -> Result<Vec<EmailRecipient>> {
        let record = self.loaded(id)?;
        let (_, _, doc) = self.load_document(id, Which::Issued)?;
        let mut book: HashMap<String, EmailRecipient> = HashMap::new();
        let mut put = |name: &str, r: EmailRecipient| {
            book.entry(unit_key(name)).or_insert(r);
        };
        for a in self.store.addresses(record.body)? {
            put(
                &a.name,
                EmailRecipient {
                    name: a.name.clone(),
                    email: Some(a.email.clone()),
                    attach: Attach::Pdf,
                    organ_id: None,
                },
            );
        }
        for o in self.store.organs(record.body)? {
            if let Some(email) = o.email.clone().filter(|e| !e.trim().is_empty()) {
                put(
                    &o.name,
                    EmailRecipient {
                        name: o.name.clone(),
                        email: Some(email),
                        attach: o.attach.unwrap_or_default(),
                        organ_id: Some(o.organ_id.clone()),
                    },
                );
            }
        }
        for (name, email) in self.store.body_addresses()? {
            put(
                &name,
                EmailRecipient {
                    name: name.clone(),
                    email: Some(email),
                    attach: Attach::Pdf,
                    organ_id: None,
                },
            );
        }
        let lookup = |name: &str| {
            book.get(&unit_key(name)).map(|r| EmailRecipient {
                name: name.to_owned(),
                ..r.clone()
            })
        };
        let mut out: Vec<EmailRecipient> = Vec::new();
        let mut push = |r: EmailRecipient| {
            if !out.iter().any(|x| unit_key(&x.name) == unit_key(&r.name)) {
                out.push(r);
            }
        };
        for line in printed(&doc) {
            if let Some(r) = lookup(&line.name) {
                push(r);
            } else if line.includes.is_empty() {
                push(EmailRecipient {
                    name: line.name.clone(),
                    email: None,
                    attach: Attach::Pdf,
                    organ_id: None,
                });
            } else {
                for unit in &line.includes {
                    push(lookup(unit).unwrap_or_else(|| EmailRecipient {
                        name: unit.clone(),
                        email: None,
                        attach: Attach::Pdf,
                        organ_id: None,
                    }));
                }
            }
        }
        Ok(out)
    }

    /// Where each recipient of issued document `id` stands: from the latest record of its
    /// messages (sent, failed, unknown), else not sent or without an address.
    pub fn email_status(&self, id: DocumentId) -> Result<Vec<EmailStatus>> {
        let rows = self.store.email_sends(id)?;
        Ok((self.email_recipients(id)?.into_iter())
            .map(|r| {
                let state = state_of(&r, &rows);
                EmailStatus {
                    recipient: r,
                    state,
                }
            })
            .collect())
    }

    /// The number and symbol of issued document `id` and its day of issue.
    fn issued_number(
        &self,
        id: DocumentId,
        body: i64,
        doc: &Document,
    ) -> Result<(String, NaiveDate)> {
        let issued_on = doc
            .header
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(d.year, u32::from(d.month?), u32::from(d.day?)))
            .ok_or(StoreError::NoDocument(id))?;
        let entry = (self.store.register_entries(issued_on.year(), Some(body))?)
            .into_iter()
            .find(|e| e.document == id)
            .ok_or(StoreError::NoDocument(id))?;
        Ok((entry.number_symbol, issued_on))
    }

    /// Sends issued document `id` by e-mail to each recipient with an address (or only those
    /// `request.only` names), through `mailer`; the body's registry clerk's. Recipients already
    /// sent are skipped, and so are those whose earlier attempt's outcome is unknown unless
    /// named. The mailer's login is checked before anything is recorded: a wrong password
    /// sends and records nothing. A refused message is recorded failed and the batch goes on;
    /// a lost connection records the message failed and stops the batch (the rest not
    /// attempted, sent by the next run).
    pub fn send_email(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        request: &EmailRequest<'_>,
        exporter: &mut Exporter<'_>,
        mailer: &mut dyn Mailer,
    ) -> Result<Vec<EmailResult>> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.may_act(&person, Action::Distribute, Some(&record))?;
        let body = (self.store.body(record.body)?).ok_or(StoreError::NoDocument(id))?;
        let smtp = self.store.smtp_settings(record.body)?;
        let sender = (smtp.as_ref().map(|s| s.sender.clone()))
            .or_else(|| body.email.clone())
            .ok_or_else(|| Error::NoSender(body.name.clone()))?;
        let sender_name = (smtp.as_ref().and_then(|s| s.sender_name.clone()))
            .unwrap_or_else(|| body.name.clone());
        let from = Mailbox::new(
            Some(sender_name),
            sender.parse().map_err(|_| Error::SmtpSettings {
                field: "smtp.sender".into(),
                detail: format!("“{sender}” không phải địa chỉ thư điện tử hợp lệ."),
            })?,
        );
        let recipients = self.email_recipients(id)?;
        let named = |r: &EmailRecipient| {
            request
                .only
                .iter()
                .any(|n| unit_key(n) == unit_key(&r.name))
        };
        for n in request.only {
            if !recipients.iter().any(|r| unit_key(&r.name) == unit_key(n)) {
                return Err(Error::UnknownEmailRecipient {
                    name: n.clone(),
                    known: (recipients.iter())
                        .map(|r| r.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                });
            }
        }
        let rows = self.store.email_sends(id)?;
        // What each recipient gets: a result now, or a message to send (with the Message-ID a
        // retry keeps).
        let mut plan: Vec<(EmailRecipient, Option<EmailOutcome>, Option<String>)> = Vec::new();
        for r in recipients {
            if !request.only.is_empty() && !named(&r) {
                continue;
            }
            let (now, keep) = match state_of(&r, &rows) {
                EmailState::NoAddress => (Some(EmailOutcome::NoAddress), None),
                EmailState::Sent { message_id, .. } => {
                    (Some(EmailOutcome::AlreadySent { message_id }), None)
                }
                EmailState::Unknown { message_id, .. } if !named(&r) => {
                    (Some(EmailOutcome::Unknown { message_id }), None)
                }
                EmailState::Unknown { message_id, .. } | EmailState::Failed { message_id, .. } => {
                    (None, Some(message_id))
                }
                EmailState::NotSent => (None, None),
            };
            plan.push((r, now, keep));
        }
        if plan.iter().all(|(_, now, _)| now.is_some()) {
            return Ok(plan
                .into_iter()
                .filter_map(|(recipient, now, _)| {
                    now.map(|outcome| EmailResult { recipient, outcome })
                })
                .collect());
        }

        // What the messages carry, made before anything is sent or recorded.
        let (_, _, doc) = self.load_document(id, Which::Issued)?;
        let (number_symbol, issued_on) = self.issued_number(id, record.body, &doc)?;
        let stem = number_symbol.replace('/', "-");
        let pdf_type = ContentType::parse("application/pdf").map_err(|e| Error::SmtpSettings {
            field: "email".into(),
            detail: e.to_string(),
        })?;
        let mut files: Vec<(String, Vec<u8>, ContentType)> = Vec::new();
        if plan
            .iter()
            .any(|(r, now, _)| now.is_none() && r.attach == Attach::Pdf)
        {
            files.push((
                format!("{stem}.pdf"),
                self.exchange_pdf(id, request.created, exporter)?,
                pdf_type.clone(),
            ));
            if let Some(key) = request.appendix_key {
                for i in 0..doc.appendices.len() {
                    files.push((
                        format!("{stem}-phu-luc-{}.pdf", i + 1),
                        self.appendix_file(stamp, id, i, key)?,
                        pdf_type.clone(),
                    ));
                }
            }
        }
        let mut packages: HashMap<String, Vec<u8>> = HashMap::new();
        for (r, now, _) in &plan {
            if let (None, Attach::Edxml, Some(o)) = (now, r.attach, &r.organ_id) {
                let package = self.edxml_package(
                    stamp,
                    id,
                    std::slice::from_ref(o),
                    request.created,
                    exporter,
                    request.appendix_key,
                )?;
                packages.insert(o.clone(), vanban_edxml::write(&package)?);
            }
        }
        let subject = subject_line(&doc, &number_symbol);
        let day = issued_on.format("%d/%m/%Y");

        match mailer.check() {
            Ok(()) => {}
            Err(MailError::Login(reply) | MailError::Refused(reply)) => {
                return Err(Error::MailLogin {
                    server: mailer.destination(),
                    reply,
                });
            }
            Err(MailError::Connection(detail)) => {
                return Err(Error::MailConnect {
                    server: mailer.destination(),
                    detail,
                });
            }
        }

        let mut out = Vec::with_capacity(plan.len());
        let mut stopped: Option<String> = None;
        for (r, now, keep) in plan {
            if let Some(outcome) = now {
                out.push(EmailResult {
                    recipient: r,
                    outcome,
                });
                continue;
            }
            if let Some(reason) = &stopped {
                out.push(EmailResult {
                    recipient: r,
                    outcome: EmailOutcome::NotAttempted {
                        reason: reason.clone(),
                    },
                });
                continue;
            }
            let email = r.email.clone().unwrap_or_default();
            let message_id = keep.unwrap_or_else(|| new_message_id(id, &sender));
            let text = format!(
                "Kính gửi: {name}\n\n{body} gửi {kind} số {number_symbol} ngày {day} về việc: {subj}.\n\n{carried}\n\nVăn thư {body}\n{sender}\n",
                name = r.name,
                body = body.name,
                kind = doc.doc_type.info().name.to_lowercase(),
                subj = doc.subject,
                carried = if r.attach == Attach::Edxml {
                    "Gói tin liên thông edXML (QCVN 102:2016/BTTTT) của văn bản được đính kèm thư này."
                } else {
                    "Văn bản điện tử (tệp PDF có chữ ký số) và các phụ lục được đính kèm thư này."
                },
            );
            let message = match build_message(
                &from,
                &r,
                &subject,
                &message_id,
                stamp.at,
                text,
                &files,
                r.organ_id
                    .as_ref()
                    .and_then(|o| packages.get(o))
                    .map(|p| (format!("{stem}.edxml"), p)),
            ) {
                Ok(m) => m,
                Err(error) => {
                    let (row, _) = self.store.record_email_outcome(
                        id,
                        &r.name,
                        &email,
                        &message_id,
                        Some(&error),
                        stamp,
                    )?;
                    out.push(EmailResult {
                        recipient: r,
                        outcome: EmailOutcome::Failed {
                            message_id: row.message_id,
                            error,
                        },
                    });
                    continue;
                }
            };
            self.store
                .record_email_attempt(id, &r.name, &email, &message_id, stamp)?;
            let sent = mailer.send(&message);
            let error = match &sent {
                Ok(()) => None,
                Err(e) => Some(e.to_string()),
            };
            self.store.record_email_outcome(
                id,
                &r.name,
                &email,
                &message_id,
                error.as_deref(),
                stamp,
            )?;
            let outcome = match sent {
                Ok(()) => EmailOutcome::Sent { message_id },
                Err(e) => {
                    if matches!(e, MailError::Connection(_) | MailError::Login(_)) {
                        stopped = Some(format!(
                            "lô thư dừng lại sau lỗi với {}: {e}; chạy lại lệnh để gửi tiếp",
                            r.name
                        ));
                    }
                    EmailOutcome::Failed {
                        message_id,
                        error: e.to_string(),
                    }
                }
            };
            out.push(EmailResult {
                recipient: r,
                outcome,
            });
        }
        Ok(out)
    }
}

/// Where a recipient stands from the rows recorded for it (the latest wins).
fn state_of(r: &EmailRecipient, rows: &[EmailSend]) -> EmailState {
    let latest = rows.iter().rev().find(|s| s.recipient == r.name);
    match latest {
        Some(s) if s.outcome == "sent" => EmailState::Sent {
            message_id: s.message_id.clone(),
            at: s.at,
        },
        Some(s) if s.outcome == "failed" => EmailState::Failed {
            message_id: s.message_id.clone(),
            error: s.error.clone().unwrap_or_default(),
            at: s.at,
        },
        Some(s) => EmailState::Unknown {
            message_id: s.message_id.clone(),
            at: s.at,
        },
        None if r.email.is_none() => EmailState::NoAddress,
        None => EmailState::NotSent,
    }
}

/// One message, built by lettre; an error is the reason, in words.
#[allow(clippy::too_many_arguments)] // the parts of one message
fn build_message(
    from: &Mailbox,
    to: &EmailRecipient,
    subject: &str,
    message_id: &str,
    at: DateTime<FixedOffset>,
    text: String,
    files: &[(String, Vec<u8>, ContentType)],
    package: Option<(String, &Vec<u8>)>,
) -> std::result::Result<Message, String> {
    let email = to.email.as_deref().unwrap_or_default();
    let address = email
        .parse()
        .map_err(|_| format!("địa chỉ “{email}” trong danh bạ không hợp lệ; quản trị cần sửa"))?;
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(text));
    match package {
        Some((name, bytes)) if to.attach == Attach::Edxml => {
            let xml = ContentType::parse("application/xml").map_err(|e| e.to_string())?;
            parts = parts.singlepart(Attachment::new(name).body(bytes.clone(), xml));
        }
        _ => {
            for (name, bytes, kind) in files {
                parts = parts
                    .singlepart(Attachment::new(name.clone()).body(bytes.clone(), kind.clone()));
            }
        }
    }
    Message::builder()
        .from(from.clone())
        .to(Mailbox::new(Some(to.name.clone()), address))
        .subject(subject)
        .message_id(Some(message_id.to_owned()))
        .date(SystemTime::from(at))
        .multipart(parts)
        .map_err(|e| format!("không tạo được thư: {e}"))
}
