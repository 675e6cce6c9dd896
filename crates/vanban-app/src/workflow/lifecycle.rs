//! The life of a document (`docs/workflow.md`): create, save a revision, submit, comment,
//! return, approve, sign, issue, discard, copy as a new draft, record distribution. Each use
//! case checks who may do it and from which state ([`Workflow::may_act`]), then calls the
//! store.

use chrono::Datelike;
use vanban_core::exchange;
use vanban_core::model::{AuthorityKind, IssueDate};
use vanban_core::validate;
use vanban_core::{Document, format, plain, tracking};
use vanban_store::{
    Comment, DocumentId, DocumentRecord, IssueRequest, NewComment, NewDistribution, NewDocument,
    NewTracking, Person, RegisterDetails, RegisterEntry, RegisterId, RevisionContent, RevisionInfo,
    Stamp, State, StateChange, StoreError,
};

use super::{Action, Result, Which, Workflow};
use crate::Error;

/// What a stored revision holds, prepared for the store.
pub(super) fn content_of(doc: &Document) -> RevisionContent {
    RevisionContent {
        json: exchange::to_string(doc),
        doc_type: doc.doc_type.slug().to_owned(),
        subject: doc.subject.clone(),
        text: plain::to_string(&plain::plain_text(doc)),
    }
}

impl Workflow {
    /// Creates a document from a model: its first revision, in the acting person's body. Empty
    /// header fields (issuing body, parent body, place, address) are filled from the directory.
    pub fn create(&mut self, stamp: &Stamp, doc: &Document) -> Result<DocumentRecord> {
        self.create_from(stamp, doc, None)
    }

    fn create_from(
        &mut self,
        stamp: &Stamp,
        doc: &Document,
        copied_from: Option<DocumentId>,
    ) -> Result<DocumentRecord> {
        let person = self.actor(stamp)?;
        let action = if copied_from.is_some() {
            Action::CopyAsNew
        } else {
            Action::Create
        };
        self.may_act(&person, action, None)?;
        let body_id = person.body.ok_or_else(|| Error::NotAllowed {
            person: person.login.clone(),
            action: action.label(),
            reason: "người này chưa thuộc cơ quan nào trong danh bạ".into(),
        })?;
        let mut doc = doc.clone();
        vanban_core::normalize::to_nfc_document(&mut doc);
        if let Some(body) = self.store.body(body_id)? {
            fill_header(&mut doc, &body);
        }
        Ok(self.store.create_document(
            &NewDocument {
                body: body_id,
                content: content_of(&doc),
                copied_from,
            },
            stamp,
        )?)
    }

    /// Saves a new revision of one's own draft, edited from revision `base`. When somebody
    /// saved another revision since (the same person on another computer), the save is
    /// refused with [`StoreError::RevisionConflict`]: nothing is overwritten, and the caller
    /// still holds its text.
    pub fn save_from(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        base: u32,
        doc: &Document,
    ) -> Result<RevisionInfo> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.may_act(&person, Action::Save, Some(&record))?;
        let mut doc = doc.clone();
        vanban_core::normalize::to_nfc_document(&mut doc);
        Ok(self
            .store
            .save_revision(id, base, &content_of(&doc), stamp)?)
    }

    /// Saves a new revision of one's own draft on top of its current revision, whatever that
    /// is: for a caller that does not know which revision its text came from. A front that
    /// keeps a document open for editing uses [`Workflow::save_from`].
    pub fn save(&mut self, stamp: &Stamp, id: DocumentId, doc: &Document) -> Result<RevisionInfo> {
        let base = self.loaded(id)?.current_revision;
        self.save_from(stamp, id, base, doc)
    }

    fn move_to(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        action: Action,
        to: State,
        note: Option<String>,
    ) -> Result<DocumentRecord> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.may_act(&person, action, Some(&record))?;
        Ok(self.store.change_state(
            &StateChange {
                document: id,
                from: record.state,
                to,
                revision: record.current_revision,
                note,
            },
            stamp,
        )?)
    }

    /// Submits one's own draft for review.
    pub fn submit(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        self.move_to(stamp, id, Action::Submit, State::InReview, None)
    }

    /// Approves the current revision (exactly that one: its hash is recorded).
    pub fn approve(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        self.move_to(stamp, id, Action::Approve, State::Approved, None)
    }

    /// Returns a document in review, or approved, to its drafter, with the reason.
    pub fn return_to_draft(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        reason: &str,
    ) -> Result<DocumentRecord> {
        if reason.trim().is_empty() {
            return Err(Error::ReasonRequired);
        }
        self.move_to(
            stamp,
            id,
            Action::Return,
            State::Draft,
            Some(reason.trim().to_owned()),
        )
    }

    /// Discards one's own draft (kept, never deleted).
    pub fn discard(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        self.move_to(stamp, id, Action::Discard, State::Discarded, None)
    }

    /// Signs the approved revision. Only the signer named in the document's signature block
    /// may sign; an authority line KT., TL., TUQ. or Q. needs a delegation of that kind to the
    /// signer, in force on the day. (The cryptographic signature joins this step in a later
    /// issue.)
    pub fn sign(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        let (_, record, _) = self.may_sign(stamp, id)?;
        Ok(self.store.change_state(
            &StateChange {
                document: id,
                from: record.state,
                to: State::Signed,
                revision: record.current_revision,
                note: None,
            },
            stamp,
        )?)
    }

    /// The checks of [`Workflow::sign`]: who signs, the document, its approved revision.
    pub(super) fn may_sign(
        &self,
        stamp: &Stamp,
        id: DocumentId,
    ) -> Result<(Person, DocumentRecord, Document)> {
        let person = self.actor(stamp)?;
        let (record, _, doc) = self.load_document(id, Which::Current)?;
        self.may_act(&person, Action::Sign, Some(&record))?;
        let refuse = |reason: String| Error::NotAllowed {
            person: person.login.clone(),
            action: Action::Sign.label(),
            reason,
        };
        if name_key(&doc.signature.name) != name_key(&person.name) {
            return Err(refuse(format!(
                "văn bản ghi người ký là “{}”, không phải {}",
                doc.signature.name, person.name
            )));
        }
        // A signed text is final: no blank may be left in it ("…", "___").
        let report = validate::validate_at(&doc, validate::Stage::Final);
        if !report.is_ok() {
            return Err(Error::Invalid {
                action: "ký",
                report,
            });
        }
        let day = stamp.at.date_naive();
        let delegations = self.store.delegations_to(person.id)?;
        for authority in &doc.signature.authority {
            if authority.kind == AuthorityKind::ThayMat {
                continue;
            }
            let found = delegations.iter().any(|d| {
                d.kind == authority.kind
                    && d.body == record.body
                    && name_key(&d.of) == name_key(&authority.of)
                    && d.covers(day)
            });
            if !found {
                return Err(refuse(format!(
                    "không có ủy quyền “{} {}” cho {} còn hiệu lực ngày {}",
                    authority.kind.prefix(),
                    authority.of,
                    person.name,
                    day.format("%d/%m/%Y")
                )));
            }
        }
        Ok((person, record, doc))
    }

    /// Adds a comment to the current revision, anchored to a part of it (`body.sections[1]`,
    /// `tasks[0]`, or "" for the whole document).
    pub fn comment(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        anchor: &str,
        text: &str,
    ) -> Result<Comment> {
        let person = self.actor(stamp)?;
        let (record, revision, _) = self.load_document(id, Which::Current)?;
        self.may_act(&person, Action::Comment, Some(&record))?;
        if text.trim().is_empty() {
            return Err(Error::EmptyComment);
        }
        let anchor = anchor.trim();
        if !anchor.is_empty() {
            let value: serde_json::Value = serde_json::from_str(&revision.json)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if resolve(&value["document"], anchor).is_none() {
                return Err(Error::NoSuchPart {
                    anchor: anchor.to_owned(),
                    revision: record.current_revision,
                });
            }
        }
        Ok(self.store.add_comment(
            &NewComment {
                document: id,
                revision: record.current_revision,
                anchor: anchor.to_owned(),
                text: text.trim().to_owned(),
            },
            stamp,
        )?)
    }

    /// Issues a signed document: the next number of the register (chosen by type and secrecy,
    /// or given), today's date, the register entry and the tracked tasks of its task rows (see
    /// `workflow::tasks`), all in one transaction. Refuses a document that would be malformed
    /// once numbered.
    /// A document the signer signed digitally is issued with the agency's signature instead:
    /// [`Workflow::issue_digitally`].
    pub fn issue(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        register: Option<RegisterId>,
    ) -> Result<RegisterEntry> {
        if !self.store.signed_pdfs(id)?.is_empty() {
            self.may_act(&self.actor(stamp)?, Action::Issue, Some(&self.loaded(id)?))?;
            return Err(Error::AgencyKeyNeeded(id));
        }
        self.issue_unsigned_or_paper(stamp, id, register)
    }

    /// Numbers, dates and registers a signed document (the part of issuing that does not
    /// depend on how it was signed).
    pub(super) fn issue_unsigned_or_paper(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        register: Option<RegisterId>,
    ) -> Result<RegisterEntry> {
        let person = self.actor(stamp)?;
        let (record, _, doc) = self.load_document(id, Which::Current)?;
        self.may_act(&person, Action::Issue, Some(&record))?;
        let body = self
            .store
            .body(record.body)?
            .ok_or(StoreError::NotInDirectory {
                what: "cơ quan",
                key: record.body.to_string(),
            })?;
        let found = doc
            .header
            .issuing_body
            .abbreviation
            .clone()
            .unwrap_or_default();
        if found != body.abbreviation {
            return Err(Error::WrongBody {
                found,
                expected: body.abbreviation,
            });
        }
        let day = stamp.at.date_naive();
        let date = IssueDate {
            year: day.year(),
            month: Some(day.month() as u8),
            day: Some(day.day() as u8),
        };
        let numbered = |n: u32| {
            let mut d = doc.clone();
            d.header.number = Some(n);
            d.header.date = Some(date);
            d
        };
        // An issued text is final, as a signed one: no blank may be left in it.
        let report = validate::validate_at(&numbered(1), validate::Stage::Final);
        if !report.is_ok() {
            return Err(Error::Invalid {
                action: "ban hành",
                report,
            });
        }
        let secret = doc.header.secrecy.is_some();
        let slug = doc.doc_type.slug();
        let candidates: Vec<_> = self
            .store
            .registers(record.body)?
            .into_iter()
            .filter(|r| r.covers(slug, secret))
            .collect();
        let register = match register {
            Some(id) => {
                candidates
                    .iter()
                    .find(|r| r.id == id)
                    .ok_or_else(|| Error::NoRegister {
                        what: format!(
                            "{} ({}) trong sổ số {id}",
                            doc.doc_type.info().name,
                            if secret { "mật" } else { "không mật" }
                        ),
                    })?
                    .id
            }
            None => match candidates.as_slice() {
                [one] => one.id,
                [] => {
                    return Err(Error::NoRegister {
                        what: format!(
                            "{} ({})",
                            doc.doc_type.info().name,
                            if secret { "mật" } else { "không mật" }
                        ),
                    });
                }
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .map(|r| format!("{}: {}", r.id, r.name))
                        .collect();
                    return Err(Error::AmbiguousRegister(names.join("; ")));
                }
            },
        };
        let symbol = plain::document_symbol(&doc);
        let lines = format::recipient_lines(&doc.recipients, !doc.addressees.is_empty());
        let recipients: Vec<String> = lines
            .iter()
            .take(lines.len().saturating_sub(1))
            .map(|l| {
                l.text
                    .trim_start_matches("- ")
                    .trim_end_matches([';', '.'])
                    .to_owned()
            })
            .collect();
        let details = RegisterDetails {
            type_and_subject: format!(
                "{} {}",
                doc.doc_type.info().name,
                doc.subject.replace('\n', " ")
            ),
            signer: doc.signature.name.clone(),
            recipients: recipients.join("; "),
            file_copy: format::archive_text(&doc.recipients.archive)
                .trim_start_matches("Lưu: ")
                .to_owned(),
            copies: doc.recipients.archive.issued_copies,
        };
        // The task rows are followed from the issue on, created in its transaction.
        let tracking = NewTracking {
            rows: tracking::tracked_rows(&doc, day.year()),
            replaces: self.replaced_plan(&record, &doc)?,
        };
        let (entry, _) = self.store.issue_tracked(
            &IssueRequest {
                document: id,
                register,
                issued_on: day,
                symbol,
                details,
            },
            &|n| content_of(&numbered(n)),
            &tracking,
            stamp,
        )?;
        Ok(entry)
    }

    /// The issued plan a document replaces: the one it was copied from as a new draft, when
    /// that one is issued, of the same type and about the same subject (a revised plan keeps
    /// its subject; a plan started from last year's gets its own). Its tasks' history moves to
    /// the new plan's matching rows at issue.
    fn replaced_plan(&self, record: &DocumentRecord, doc: &Document) -> Result<Option<DocumentId>> {
        let Some(from) = record.copied_from else {
            return Ok(None);
        };
        let Some(original) = self.store.document(from)? else {
            return Ok(None);
        };
        let same = original.state == State::Issued
            && original.body == record.body
            && original.doc_type == doc.doc_type.slug()
            && name_key(&original.subject) == name_key(&doc.subject);
        Ok(same.then_some(from))
    }

    /// Records that an issued document was sent.
    pub fn record_distribution(
        &mut self,
        stamp: &Stamp,
        distribution: &NewDistribution,
    ) -> Result<vanban_store::Distribution> {
        let person = self.actor(stamp)?;
        let record = self.loaded(distribution.document)?;
        self.may_act(&person, Action::Distribute, Some(&record))?;
        Ok(self.store.record_distribution(distribution, stamp)?)
    }

    /// Starts a new draft from any document (a discarded one, or an issued one to be replaced):
    /// number and date cleared, linked to the original.
    pub fn copy_as_new_draft(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        let (_, _, mut doc) = self.load_document(id, Which::Current)?;
        doc.header.number = None;
        doc.header.date = doc.header.date.map(|d| IssueDate {
            year: d.year,
            month: None,
            day: None,
        });
        self.create_from(stamp, &doc, Some(id))
    }
}

/// Fills the header's empty fields from the directory's body — only when the document is that
/// body's own (its issuing body blank or the same name): a plan of another body, imported to be
/// reused, keeps the header it has, and never gains this body's parent or place.
fn fill_header(doc: &mut Document, body: &vanban_store::Body) {
    let h = &mut doc.header;
    if h.issuing_body.name.trim().is_empty() {
        h.issuing_body.name = body.name.clone();
    } else if name_key(&h.issuing_body.name) != name_key(&body.name) {
        return;
    }
    if h.issuing_body
        .abbreviation
        .as_deref()
        .is_none_or(|a| a.trim().is_empty())
    {
        h.issuing_body.abbreviation = Some(body.abbreviation.clone());
    }
    if h.parent_body.is_none()
        && let Some(parent) = &body.parent_name
    {
        h.parent_body = Some(vanban_core::model::Agency {
            name: parent.clone(),
            abbreviation: None,
            short_name: None,
        });
    }
    if h.place.trim().is_empty() {
        h.place = body.place.clone();
    }
    if h.address_line.is_none() {
        h.address_line = body.address_line.clone();
    }
}

/// Names compared without regard to case, spacing or Unicode form.
pub(super) fn name_key(s: &str) -> String {
    vanban_core::text::to_nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Follows a path like `body.sections[1].subsections[0]` into a JSON value.
fn resolve<'a>(value: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut v = value;
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            v = v.get(name)?;
        }
        let mut rest = indexes;
        while let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            let index: usize = r[..close].parse().ok()?;
            v = v.get(index)?;
            rest = &r[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reaches_sections_and_rows() {
        let v = serde_json::json!({"body": {"sections": [{"title": "a"}, {"title": "b"}]}, "tasks": [1]});
        assert_eq!(
            resolve(&v, "body.sections[1].title"),
            Some(&serde_json::json!("b"))
        );
        assert_eq!(resolve(&v, "tasks[0]"), Some(&serde_json::json!(1)));
        assert_eq!(resolve(&v, "tasks[3]"), None);
        assert_eq!(resolve(&v, "body.sections[x]"), None);
        assert_eq!(resolve(&v, "nothing"), None);
    }

    #[test]
    fn the_header_is_filled_from_the_directory_only_for_the_bodys_own_documents() {
        let body = vanban_store::Body {
            name: "Sở Thông tin và Truyền thông".into(),
            abbreviation: "STTTT".into(),
            parent_name: Some("UBND tỉnh Lạng Sơn".into()),
            place: "Lạng Sơn".into(),
            id: vanban_store::BodyId::default(),
            address_line: None,
            organ_id: None,
            email: None,
        };
        // A blank header gets the body's name, abbreviation, parent and place.
        let mut own = crate::new_document(vanban_core::DocumentType::KeHoach);
        fill_header(&mut own, &body);
        assert_eq!(own.header.issuing_body.name, "Sở Thông tin và Truyền thông");
        assert_eq!(
            own.header.issuing_body.abbreviation.as_deref(),
            Some("STTTT")
        );
        assert_eq!(
            own.header.parent_body.map(|p| p.name).as_deref(),
            Some("UBND tỉnh Lạng Sơn")
        );
        assert_eq!(own.header.place, "Lạng Sơn");
        // The same name written in capitals is still the body's own.
        let mut caps = crate::new_document(vanban_core::DocumentType::KeHoach);
        caps.header.issuing_body.name = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG".into();
        fill_header(&mut caps, &body);
        assert_eq!(caps.header.place, "Lạng Sơn");
        // Another body's plan keeps its header: no parent, place or abbreviation added.
        let mut other = crate::new_document(vanban_core::DocumentType::KeHoach);
        other.header.issuing_body.name = "ỦY BAN NHÂN DÂN TỈNH LONG AN".into();
        fill_header(&mut other, &body);
        assert_eq!(other.header.parent_body, None);
        assert_eq!(other.header.place, "");
        assert_eq!(other.header.issuing_body.abbreviation, None);
    }
}
