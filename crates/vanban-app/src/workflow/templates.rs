//! Templates in the database: an organisation keeps its own (a document saved as a template,
//! "Lưu làm mẫu"), listed with the shipped ones, and a new document starts from either with
//! today's organisation, unit and signer filled in from the directory.

use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;
use vanban_core::{Document, DocumentType, exchange};
use vanban_store::{
    BodyId, DocumentId, DocumentRecord, NewTemplate, Person, Role, Stamp, StoreError, TemplateInfo,
};

use super::{Action, Result, Which, Workflow};
use crate::Error;
use crate::templates;

/// The longest template name accepted, in characters.
pub const TEMPLATE_NAME_MAX: usize = 120;

/// Where a template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateOrigin {
    /// Shipped with VănBản (`templates/documents/`).
    Shipped,
    /// Saved by the organisation, kept in its database.
    Organisation,
}

/// A template as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateEntry {
    /// What `new --template` takes.
    pub name: String,
    /// What it is for, in Vietnamese.
    pub title: String,
    /// The type of the document it starts.
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    /// Shipped or the organisation's own.
    pub origin: TemplateOrigin,
    /// Who saved it (an organisation's template).
    pub saved_by: Option<String>,
    /// When (an organisation's template).
    pub saved_at: Option<DateTime<FixedOffset>>,
}

impl TemplateEntry {
    /// The templates shipped with the app, as a list shows them.
    pub fn shipped() -> Vec<TemplateEntry> {
        templates::SHIPPED
            .iter()
            .map(|t| TemplateEntry {
                name: t.name.to_owned(),
                title: t.title.to_owned(),
                doc_type: t.document().doc_type,
                origin: TemplateOrigin::Shipped,
                saved_by: None,
                saved_at: None,
            })
            .collect()
    }

    fn of(info: TemplateInfo) -> Option<TemplateEntry> {
        Some(TemplateEntry {
            doc_type: DocumentType::from_slug(&info.doc_type)?,
            name: info.name,
            title: info.title,
            origin: TemplateOrigin::Organisation,
            saved_by: Some(info.person),
            saved_at: Some(info.at),
        })
    }
}

/// The line a list shows for a document saved as a template: its type and subject.
pub fn template_title(doc: &Document) -> String {
    let name = doc.doc_type.info().name;
    let subject = doc.subject.split_whitespace().collect::<Vec<_>>().join(" ");
    if subject.is_empty() {
        name.to_owned()
    } else if doc.doc_type.subject_is_vv() {
        format!("{name}: V/v {subject}")
    } else {
        format!("{name}: {subject}")
    }
}

impl Workflow {
    /// Who a new document by `login` is from on `today`, as the directory knows it: the
    /// person's body (name, parent, place, address), the person's initials, and the body's
    /// signer — its head (a signer without a delegation in force), or else the first signer,
    /// with "KT. <head>" when a delegation covers today. The unit is given by the caller (the
    /// store does not expose a person's unit yet).
    pub fn organisation(
        &self,
        login: &str,
        today: chrono::NaiveDate,
        unit: Option<String>,
    ) -> Result<crate::templates::Organisation> {
        use vanban_core::model::{Agency, Authority};
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let mut org = crate::templates::Organisation {
            unit,
            drafter: Some(crate::templates::initials(&person.name)),
            year: Some(today.year()),
            ..Default::default()
        };
        let Some(body_id) = person.body else {
            return Ok(org);
        };
        if let Some(body) = self.store.body(body_id)? {
            org.issuing_body = Some(Agency {
                name: body.name.clone(),
                abbreviation: Some(body.abbreviation.clone()),
                short_name: Some(body.name.clone()),
            });
            org.parent_body = body.parent_name.clone().map(|name| Agency {
                name,
                abbreviation: None,
                short_name: None,
            });
            org.place = Some(body.place.clone());
            org.address_line = body.address_line.clone();
        }
        let mut signers = Vec::new();
        for p in self.store.people()? {
            if p.body == Some(body_id) && p.has(Role::Signer) {
                let delegation = self
                    .store
                    .delegations_to(p.id)?
                    .into_iter()
                    .find(|d| d.body == body_id && d.covers(today));
                signers.push((p, delegation));
            }
        }
        signers.sort_by_key(|(p, d)| (d.is_some(), p.id));
        if let Some((p, delegation)) = signers.into_iter().next() {
            let title = p.titles.first().cloned().unwrap_or_default();
            org.signer = Some(match delegation {
                Some(d) => crate::templates::Signer {
                    authority: vec![Authority {
                        kind: d.kind,
                        of: d.of.clone(),
                    }],
                    title,
                    name: p.name,
                    head_title: d.of,
                },
                None => crate::templates::Signer {
                    authority: Vec::new(),
                    head_title: title.clone(),
                    title,
                    name: p.name,
                },
            });
        }
        Ok(org)
    }

    /// The person and the body they belong to; refused for someone outside any body.
    fn member(&self, login: &str, action: &'static str) -> Result<(Person, BodyId)> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let body = person.body.ok_or_else(|| Error::NotAllowed {
            person: person.login.clone(),
            action,
            reason: "người này chưa thuộc cơ quan nào trong danh bạ".into(),
        })?;
        Ok((person, body))
    }

    /// The shipped templates, then the organisation's own (by name) of the person's body.
    pub fn templates(&self, login: &str) -> Result<Vec<TemplateEntry>> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let mut out = TemplateEntry::shipped();
        if let Some(body) = person.body {
            out.extend(
                self.store
                    .templates(body)?
                    .into_iter()
                    .filter_map(TemplateEntry::of),
            );
        }
        Ok(out)
    }

    /// The document of a template by name: a shipped one, or one of the person's body.
    pub fn template_document(&self, login: &str, name: &str) -> Result<Document> {
        if let Some(t) = templates::shipped(name) {
            return Ok(t.document());
        }
        let (_, body) = self.member(login, "dùng mẫu văn bản")?;
        let stored = self
            .store
            .template(body, name)?
            .ok_or_else(|| StoreError::NoTemplate(name.to_owned()))?;
        exchange::from_str(&stored.json).map_err(Error::StoredDocument)
    }

    /// Keeps a document as a template of the person's body ("Lưu làm mẫu"): everything it says
    /// but the number, the date and the marks (see [`templates::from_document`]). Anyone of the
    /// body may; the name must be new in the body and not a shipped template's.
    pub fn save_template(
        &mut self,
        stamp: &Stamp,
        name: &str,
        doc: &Document,
    ) -> Result<TemplateInfo> {
        let (_, body) = self.member(&stamp.person, "lưu mẫu văn bản")?;
        let name = check_template_name(name)?;
        let mut template = templates::from_document(doc);
        vanban_core::normalize::to_nfc_document(&mut template);
        Ok(self.store.save_template(
            &NewTemplate {
                body,
                name,
                doc_type: template.doc_type.slug().to_owned(),
                title: template_title(&template),
                json: exchange::to_string(&template),
            },
            stamp,
        )?)
    }

    /// Keeps a stored document (its current revision, in any state) as a template of the
    /// person's body; the document must be of that body.
    pub fn save_document_as_template(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        name: &str,
    ) -> Result<TemplateInfo> {
        let (person, body) = self.member(&stamp.person, "lưu mẫu văn bản")?;
        let (record, _, doc) = self.load_document(id, Which::Current)?;
        if record.body != body {
            return Err(Error::NotAllowed {
                person: person.login,
                action: "lưu mẫu văn bản",
                reason: "văn bản không thuộc cơ quan của người này".into(),
            });
        }
        self.save_template(stamp, name, &doc)
    }

    /// Deletes a template of the person's body: the one who saved it, or an administrator.
    pub fn delete_template(&mut self, stamp: &Stamp, name: &str) -> Result<()> {
        let (person, body) = self.member(&stamp.person, "xóa mẫu văn bản")?;
        let stored = self
            .store
            .template(body, name)?
            .ok_or_else(|| StoreError::NoTemplate(name.to_owned()))?;
        if stored.info.person != person.login && !person.has(Role::Admin) {
            return Err(Error::NotAllowed {
                person: person.login,
                action: "xóa mẫu văn bản",
                reason: format!(
                    "chỉ người đã lưu mẫu ({}) hoặc quản trị mới được xóa",
                    stored.info.person
                ),
            });
        }
        Ok(self.store.delete_template(body, name, stamp)?)
    }

    /// A new document from a template (shipped or the body's own) with the organisation of the
    /// day filled in: body, place, year, the drafting unit (`unit`, else the person's own unit
    /// in the directory), the drafter's initials and the signer.
    pub fn create_from_template(
        &mut self,
        stamp: &Stamp,
        name: &str,
        unit: Option<String>,
    ) -> Result<DocumentRecord> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::Create, None)?;
        let mut doc = self.template_document(&stamp.person, name)?;
        let unit = match unit {
            Some(u) => Some(u),
            None => self.unit_abbreviation(&person)?,
        };
        let org = self.organisation(&stamp.person, stamp.at.date_naive(), unit)?;
        templates::fill(&mut doc, &org);
        self.create(stamp, &doc)
    }

    /// The abbreviation of the person's unit, as the directory records it.
    pub(super) fn unit_abbreviation(&self, person: &Person) -> Result<Option<String>> {
        let (Some(body), Some(unit)) = (person.body, person.unit.as_deref()) else {
            return Ok(None);
        };
        Ok(self
            .store
            .units(body)?
            .into_iter()
            .find(|u| u.name == unit || u.abbreviation == unit)
            .map(|u| u.abbreviation))
    }
}

/// A template's name, trimmed; refused when empty, too long, or a shipped template's.
fn check_template_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let refuse = |reason: String| Error::TemplateName {
        name: name.clone(),
        reason,
    };
    if name.is_empty() {
        return Err(Error::TemplateName {
            name: String::new(),
            reason: "tên mẫu không được để trống".into(),
        });
    }
    if name.chars().count() > TEMPLATE_NAME_MAX {
        return Err(refuse(format!("tên mẫu dài quá {TEMPLATE_NAME_MAX} ký tự")));
    }
    if templates::shipped(&name).is_some() {
        return Err(refuse("trùng tên một mẫu có sẵn của VănBản".into()));
    }
    Ok(name)
}
