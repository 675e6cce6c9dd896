//! The national exchange package (edXML, QCVN 102:2016/BTTTT) of an issued document: made from
//! the issued revision, the register entry, the directory (the body's organ id, the recipients'
//! organs) and the document's PDF — the agency-signed file once signed digitally, else the PDF
//! `vanban export` writes —, with each appendix as its own signed file when the body's key is
//! given; sent through a [`Transport`]; recorded as a distribution per recipient. A status
//! message a recipient sends back is recorded against that recipient's distribution, each
//! message a new row (`docs/edxml.md`).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use vanban_core::Document;
use vanban_core::directory::check_organ_id;
use vanban_core::model::{RecipientEntry, Urgency};
use vanban_edxml::{
    Attachment, Business, Code, DocType, MessageHeader, Organ, OtherInfo, Package, Signer,
    StaffInfo, StatusMessage, TraceHeader,
};
use vanban_render::pdf::{Created, PdfKind};
use vanban_sign::Signer as KeySigner;
use vanban_store::{
    Distribution, DistributionStatus, DocumentId, NewDistributionStatus, OrganSpec, Stamp, State,
    StoreError,
};

use super::{Action, Result, Which, Workflow};
use crate::Error;
use crate::export::{ExportFormat, ExportOptions, Exporter};
use crate::transport::Transport;

/// What sending a package did.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The package as sent.
    pub package: Package,
    /// Its size in bytes.
    pub bytes: usize,
    /// Where it went.
    pub destination: String,
    /// The distributions recorded, one per recipient.
    pub distributions: Vec<Distribution>,
}

/// "yyyy/MM/dd".
fn slash_date(d: NaiveDate) -> String {
    d.format("%Y/%m/%d").to_string()
}

/// "yyyy/MM/dd HH:mm:ss" in the stamp's (Vietnam's) time.
fn timestamp(at: DateTime<FixedOffset>) -> String {
    at.format("%Y/%m/%d %H:%M:%S").to_string()
}

/// The three parts of a DocumentId ("000.00.00.G22,2025/03/05,01/KH-UBND"): the sender's organ
/// id, the day of issue, the number and symbol.
pub fn split_document_id(id: &str) -> Option<(String, NaiveDate, String)> {
    let mut parts = id.splitn(3, ',');
    let organ = parts.next()?.trim().to_owned();
    let date = NaiveDate::parse_from_str(parts.next()?.trim(), "%Y/%m/%d").ok()?;
    let number = parts.next()?.trim().to_owned();
    (!organ.is_empty() && !number.is_empty()).then_some((organ, date, number))
}

/// The document's type as the package names it. `Type` 1 is an administrative document
/// (văn bản hành chính) for every type of the decree; `TypeName` the type's name.
fn doc_type(doc: &Document) -> DocType {
    DocType {
        code: "1".into(),
        detail: None,
        name: doc.doc_type.info().name.into(),
    }
}

/// 1 not a directive, 2 a directive (a chỉ thị), 3 a report on a directive.
fn steering_type(doc: &Document) -> String {
    match doc.doc_type {
        vanban_core::DocumentType::ChiThi => "2".into(),
        _ => "1".into(),
    }
}

fn priority(doc: &Document) -> u8 {
    match doc.header.urgency {
        None => 0,
        Some(Urgency::Khan) => 1,
        Some(Urgency::ThuongKhan) => 2,
        Some(Urgency::HoaToc) => 3,
    }
}

/// Nơi nhận as printed, but for the recipients in `To`.
fn to_places(doc: &Document, to: &[OrganSpec]) -> Vec<String> {
    let named = |n: &str| to.iter().any(|o| o.name == n);
    let mut out = Vec::new();
    for e in &doc.recipients.entries {
        match e {
            RecipientEntry::Single(r) => {
                if !named(&r.name) {
                    out.push(r.name.clone());
                }
            }
            RecipientEntry::Group(g) if g.members.is_empty() => out.push(g.label.clone()),
            RecipientEntry::Group(g) => out.extend(
                (g.members.iter())
                    .filter(|m| !named(&m.name))
                    .map(|m| m.name.clone()),
            ),
        }
    }
    out
}

/// Reads an edXML message from a file, its size checked before it is read (the limits of
/// [`vanban_edxml::Limits::default`]): a document package or a status message.
pub fn read_edxml_file(file: &std::path::Path) -> Result<vanban_edxml::Message> {
    let io = |source| Error::Io {
        path: file.to_path_buf(),
        source,
    };
    let limits = vanban_edxml::Limits::default();
    let size = std::fs::metadata(file).map_err(io)?.len();
    if usize::try_from(size).map_or(true, |s| s > limits.message_bytes) {
        return Err(vanban_edxml::EdxmlError::TooLarge {
            what: format!("tệp {} ({size} byte)", file.display()),
            limit: format!("{} MiB", limits.message_bytes >> 20),
        }
        .into());
    }
    let bytes = std::fs::read(file).map_err(io)?;
    Ok(vanban_edxml::read(&bytes, &limits)?)
}

fn page_count(pdf: &[u8]) -> Option<u32> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    u32::try_from(doc.get_pages().len()).ok()
}

impl Workflow {
    /// The PDF an issued document's package carries: the agency-signed file once signed
    /// digitally, else the issued revision exported as `vanban export` does (the body's style
    /// profile, `created` as its creation time).
    pub fn exchange_pdf(
        &self,
        id: DocumentId,
        created: Created,
        exporter: &mut Exporter<'_>,
    ) -> Result<Vec<u8>> {
        if let Some(signed) = self.signed_pdf(id)? {
            return Ok(signed.pdf);
        }
        let (_, _, doc) = self.load_document(id, Which::Issued)?;
        let sheet = self.document_style(id)?;
        let options = ExportOptions {
            format: ExportFormat::Pdf(PdfKind::Standard),
            sheet: Some(&sheet),
            created,
        };
        exporter.bytes(&doc, &options)
    }

    /// The edXML package of issued document `id` to the organs `to` (organ ids of the body's
    /// exchange directory); the registry clerk's. With `appendix_key` (the body's key), each
    /// appendix is carried as its own signed file too. Refuses a document not issued, an organ
    /// id of the wrong shape or not in the directory, a body without an organ id.
    pub fn edxml_package(
        &self,
        stamp: &Stamp,
        id: DocumentId,
        to: &[String],
        created: Created,
        exporter: &mut Exporter<'_>,
        appendix_key: Option<&dyn KeySigner>,
    ) -> Result<Package> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.may_act(&person, Action::Distribute, Some(&record))?;
        if to.is_empty() {
            return Err(Error::NoRecipient);
        }
        let body = (self.store.body(record.body)?).ok_or(StoreError::NoDocument(id))?;
        let from_id = body
            .organ_id
            .clone()
            .ok_or_else(|| Error::NoOrganId(body.name.clone()))?;
        let mut organs = Vec::with_capacity(to.len());
        for o in to {
            check_organ_id("--to", o)?;
            let organ = self
                .store
                .organ(record.body, o)?
                .ok_or_else(|| Error::UnknownOrgan {
                    organ_id: o.clone(),
                    body: body.name.clone(),
                })?;
            if !organs
                .iter()
                .any(|x: &OrganSpec| x.organ_id == organ.organ_id)
            {
                organs.push(organ);
            }
        }
        let (_, _, doc) = self.load_document(id, Which::Issued)?;
        let issued_on = doc
            .header
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(d.year, u32::from(d.month?), u32::from(d.day?)))
            .ok_or(StoreError::NoDocument(id))?;
        let entry = (self
            .store
            .register_entries(issued_on.year(), Some(record.body))?)
        .into_iter()
        .find(|e| e.document == id)
        .ok_or(StoreError::NoDocument(id))?;
        let number = vanban_core::format::pad_number(entry.number);
        let document_id = format!(
            "{from_id},{},{}",
            slash_date(issued_on),
            entry.number_symbol
        );
        let pdf = self.exchange_pdf(id, created, exporter)?;
        let stem = entry.number_symbol.replace('/', "-");
        let mut attachments = vec![Attachment {
            content_id: format!("cid:{stem}"),
            name: format!("{stem}.pdf"),
            description: Some(format!("Văn bản số {}", entry.number_symbol)),
            content_type: "application/pdf".into(),
            bytes: pdf.clone(),
        }];
        if let Some(key) = appendix_key {
            for (i, _) in doc.appendices.iter().enumerate() {
                let file = self.appendix_file(stamp, id, i, key)?;
                attachments.push(Attachment {
                    content_id: format!("cid:{stem}-phu-luc-{}", i + 1),
                    name: format!("{stem}-phu-luc-{}.pdf", i + 1),
                    description: Some(format!(
                        "Phụ lục {}",
                        vanban_core::numbering::roman(u32::try_from(i + 1).unwrap_or(u32::MAX))
                    )),
                    content_type: "application/pdf".into(),
                    bytes: file,
                });
            }
        }
        let organ = |o: &OrganSpec| Organ {
            organ_id: o.organ_id.clone(),
            organ_name: o.name.clone(),
            organ_add: o.address.clone(),
            email: o.email.clone(),
            telephone: o.telephone.clone(),
            ..Organ::default()
        };
        let competence = (doc.signature.authority.iter())
            .map(|a| format!("{} {}", a.kind.prefix(), a.of))
            .collect::<Vec<_>>()
            .join(", ");
        let header = MessageHeader {
            from: Organ {
                organ_id: from_id.clone(),
                organization_in_charge: body.parent_name.clone(),
                organ_name: body.name.clone(),
                organ_add: body.address_line.clone(),
                ..Organ::default()
            },
            to: organs.iter().map(organ).collect(),
            document_id: document_id.clone(),
            code: Code {
                number,
                notation: entry.symbol.clone(),
            },
            place: doc.header.place.clone(),
            promulgation_date: slash_date(issued_on),
            doc_type: doc_type(&doc),
            subject: doc.subject.clone(),
            content: None,
            signer: Signer {
                competence,
                position: doc.signature.title.clone(),
                full_name: doc.signature.name.clone(),
            },
            due_date: None,
            to_places: to_places(&doc, &organs),
            other: OtherInfo {
                priority: priority(&doc),
                sphere_of_promulgation: doc.header.circulation.clone(),
                typer_notation: doc.recipients.archive.drafter.clone(),
                promulgation_amount: doc.recipients.archive.issued_copies,
                page_amount: page_count(&pdf),
                appendixes: doc.appendices.iter().map(|a| a.title.clone()).collect(),
            },
            steering_type: steering_type(&doc),
        };
        Ok(Package {
            header,
            trace: vec![TraceHeader {
                organ_id: from_id,
                timestamp: timestamp(stamp.at),
            }],
            business: Some(Business {
                doc_type: "0".into(),
                reason: "Văn bản điện tử mới".into(),
                document_id,
                paper: "0".into(),
                staff: Some(StaffInfo {
                    department: Some(body.name.clone()),
                    staff: Some(person.name.clone()),
                    ..StaffInfo::default()
                }),
            }),
            attachments,
        })
    }

    /// Makes the package of [`Workflow::edxml_package`], sends it through `transport`, then
    /// records a distribution (channel "edXML", with the organ id) per recipient in one
    /// transaction. A failed send records nothing.
    #[allow(clippy::too_many_arguments)] // one use case: the document, its recipients, how
    pub fn send_edxml(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        to: &[String],
        created: Created,
        exporter: &mut Exporter<'_>,
        appendix_key: Option<&dyn KeySigner>,
        transport: &mut dyn Transport,
    ) -> Result<Sent> {
        let package = self.edxml_package(stamp, id, to, created, exporter, appendix_key)?;
        let bytes = vanban_edxml::write(&package)?;
        let organ_ids: Vec<String> = (package.header.to.iter())
            .map(|o| o.organ_id.clone())
            .collect();
        transport.send(&bytes, &organ_ids)?;
        let record = self.loaded(id)?;
        let organs = (organ_ids.iter())
            .map(|o| {
                self.store
                    .organ(record.body, o)?
                    .ok_or_else(|| StoreError::NoDocument(id).into())
            })
            .collect::<Result<Vec<_>>>()?;
        let destination = transport.destination();
        let note = format!("gói tin edXML: {destination}");
        let distributions =
            (self.store).record_package(id, &organs, stamp.at.date_naive(), Some(&note), stamp)?;
        Ok(Sent {
            package,
            bytes: bytes.len(),
            destination,
            distributions,
        })
    }

    /// Records a recipient's status message against its distribution of the document it
    /// answers (found by its DocumentId: this database's body with that organ id, the number
    /// and symbol, the day). The registry clerk's; each message is a new row.
    pub fn receive_status(
        &mut self,
        stamp: &Stamp,
        status: &StatusMessage,
    ) -> Result<DistributionStatus> {
        let person = self.actor(stamp)?;
        check_organ_id("Status/From/OrganId", &status.from.organ_id)?;
        let given = &status.response_for.document_id;
        let (organ, date, number) = split_document_id(given)
            .ok_or_else(|| Error::UnknownExchangeDocument(given.clone()))?;
        let id = (self.store.document_by_exchange_id(&organ, &number, date)?)
            .ok_or_else(|| Error::UnknownExchangeDocument(given.clone()))?;
        let record = self.loaded(id)?;
        if record.state != State::Issued {
            return Err(Error::UnknownExchangeDocument(given.clone()));
        }
        self.may_act(&person, Action::Distribute, Some(&record))?;
        let staff =
            (status.staff.as_ref()).and_then(|s| s.staff.clone().or_else(|| s.department.clone()));
        Ok(self.store.record_distribution_status(
            &NewDistributionStatus {
                document: id,
                organ_id: status.from.organ_id.clone(),
                code: status.code.code().into(),
                description: status.description.clone(),
                reported_at: status.timestamp.clone(),
                staff,
            },
            stamp,
        )?)
    }

    /// The agencies the body that issued document `id` sends packages to (its exchange
    /// directory), by organ id.
    pub fn exchange_organs(&self, id: DocumentId) -> Result<Vec<OrganSpec>> {
        let record = self.loaded(id)?;
        Ok(self.store.organs(record.body)?)
    }

    /// Every status message recorded for a document, oldest first.
    pub fn distribution_statuses(&self, id: DocumentId) -> Result<Vec<DistributionStatus>> {
        Ok(self.store.distribution_statuses(id)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_id_splits_into_its_three_parts() {
        let (o, d, n) =
            split_document_id("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT").expect("present");
        assert_eq!(o, "000.00.00.G22");
        assert_eq!(d, NaiveDate::from_ymd_opt(2015, 9, 30).expect("present"));
        assert_eq!(n, "7816/VPCP-TTĐT");
        assert!(split_document_id("9fbfbad2-f1f8-4256-a2eb-50fb1061cddb").is_none());
    }
}
