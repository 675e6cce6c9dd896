//! Writing a message with quick-xml's writer: every text goes through its escaping, every
//! element in the order of the public samples (`docs/edxml.md`).

use base64::Engine as _;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::{
    Business, EdxmlError, NAMESPACE, Organ, Package, ResponseFor, StaffInfo, StatusMessage,
};

type W = Writer<Vec<u8>>;
type R = Result<(), EdxmlError>;

fn io(e: std::io::Error) -> EdxmlError {
    EdxmlError::Xml(e.to_string())
}

fn open(w: &mut W, name: &str) -> R {
    w.write_event(Event::Start(BytesStart::new(name)))
        .map_err(io)
}

fn open_with(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> R {
    let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
    w.write_event(Event::Start(start)).map_err(io)
}

fn close(w: &mut W, name: &str) -> R {
    w.write_event(Event::End(BytesEnd::new(name))).map_err(io)
}

fn leaf(w: &mut W, name: &str, text: &str) -> R {
    w.create_element(name)
        .write_text_content(BytesText::new(text))
        .map(|_| ())
        .map_err(io)
}

fn opt_leaf(w: &mut W, name: &str, text: Option<&str>) -> R {
    match text {
        Some(t) => leaf(w, name, t),
        None => Ok(()),
    }
}

fn organ(w: &mut W, name: &str, o: &Organ) -> R {
    open(w, name)?;
    leaf(w, "OrganId", &o.organ_id)?;
    opt_leaf(
        w,
        "OrganizationInCharge",
        o.organization_in_charge.as_deref(),
    )?;
    leaf(w, "OrganName", &o.organ_name)?;
    opt_leaf(w, "OrganAdd", o.organ_add.as_deref())?;
    opt_leaf(w, "Email", o.email.as_deref())?;
    opt_leaf(w, "Telephone", o.telephone.as_deref())?;
    opt_leaf(w, "Fax", o.fax.as_deref())?;
    opt_leaf(w, "Website", o.website.as_deref())?;
    close(w, name)
}

fn staff(w: &mut W, s: &StaffInfo) -> R {
    open(w, "StaffInfo")?;
    opt_leaf(w, "Department", s.department.as_deref())?;
    opt_leaf(w, "Staff", s.staff.as_deref())?;
    opt_leaf(w, "Email", s.email.as_deref())?;
    opt_leaf(w, "Mobile", s.mobile.as_deref())?;
    close(w, "StaffInfo")
}

fn business(w: &mut W, b: &Business) -> R {
    open(w, "Bussiness")?;
    leaf(w, "BussinessDocType", &b.doc_type)?;
    leaf(w, "BussinessDocReason", &b.reason)?;
    leaf(w, "DocumentId", &b.document_id)?;
    if let Some(s) = &b.staff {
        staff(w, s)?;
    }
    leaf(w, "Paper", &b.paper)?;
    close(w, "Bussiness")
}

fn start_message(w: &mut W) -> R {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    open_with(w, "edXML", &[("xmlns", NAMESPACE)])?;
    open(w, "edXMLEnvelope")?;
    open(w, "edXMLHeader")
}

fn finish(w: W) -> Vec<u8> {
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// The bytes of a document message: `edXML/edXMLEnvelope/edXMLHeader` (`MessageHeader`,
/// `TraceHeaderList`), `edXMLBody/edXMLManifest` (a `Reference` per attachment), then
/// `AttachmentEncoded` (each file base64-encoded). UTF-8, indented by two spaces.
pub fn write(package: &Package) -> Result<Vec<u8>, EdxmlError> {
    let h = &package.header;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let w = &mut w;
    start_message(w)?;
    open(w, "MessageHeader")?;
    organ(w, "From", &h.from)?;
    for to in &h.to {
        organ(w, "To", to)?;
    }
    leaf(w, "DocumentId", &h.document_id)?;
    open(w, "Code")?;
    leaf(w, "CodeNumber", &h.code.number)?;
    leaf(w, "CodeNotation", &h.code.notation)?;
    close(w, "Code")?;
    open(w, "PromulgationInfo")?;
    leaf(w, "Place", &h.place)?;
    leaf(w, "PromulgationDate", &h.promulgation_date)?;
    close(w, "PromulgationInfo")?;
    open(w, "DocumentType")?;
    leaf(w, "Type", &h.doc_type.code)?;
    opt_leaf(w, "TypeDetail", h.doc_type.detail.as_deref())?;
    leaf(w, "TypeName", &h.doc_type.name)?;
    close(w, "DocumentType")?;
    leaf(w, "Subject", &h.subject)?;
    opt_leaf(w, "Content", h.content.as_deref())?;
    open(w, "SignerInfo")?;
    leaf(w, "Competence", &h.signer.competence)?;
    leaf(w, "Position", &h.signer.position)?;
    leaf(w, "FullName", &h.signer.full_name)?;
    close(w, "SignerInfo")?;
    opt_leaf(w, "DueDate", h.due_date.as_deref())?;
    open(w, "ToPlaces")?;
    for p in &h.to_places {
        leaf(w, "Place", p)?;
    }
    close(w, "ToPlaces")?;
    let o = &h.other;
    open(w, "OtherInfo")?;
    leaf(w, "Priority", &o.priority.to_string())?;
    opt_leaf(
        w,
        "SphereOfPromulgation",
        o.sphere_of_promulgation.as_deref(),
    )?;
    opt_leaf(w, "TyperNotation", o.typer_notation.as_deref())?;
    let amount = o.promulgation_amount.map(|n| n.to_string());
    opt_leaf(w, "PromulgationAmount", amount.as_deref())?;
    let pages = o.page_amount.map(|n| n.to_string());
    opt_leaf(w, "PageAmount", pages.as_deref())?;
    open(w, "Appendixes")?;
    for a in &o.appendixes {
        leaf(w, "Appendix", a)?;
    }
    close(w, "Appendixes")?;
    close(w, "OtherInfo")?;
    leaf(w, "SteeringType", &h.steering_type)?;
    close(w, "MessageHeader")?;
    open(w, "TraceHeaderList")?;
    for t in &package.trace {
        open(w, "TraceHeader")?;
        leaf(w, "OrganId", &t.organ_id)?;
        leaf(w, "Timestamp", &t.timestamp)?;
        close(w, "TraceHeader")?;
    }
    if let Some(b) = &package.business {
        business(w, b)?;
    }
    close(w, "TraceHeaderList")?;
    close(w, "edXMLHeader")?;
    open(w, "edXMLBody")?;
    open_with(w, "edXMLManifest", &[("version", "1.0")])?;
    for a in &package.attachments {
        open(w, "Reference")?;
        leaf(w, "ContentId", &a.content_id)?;
        leaf(w, "ContentType", &a.content_type)?;
        opt_leaf(w, "Description", a.description.as_deref())?;
        leaf(w, "AttachmentName", &a.name)?;
        close(w, "Reference")?;
    }
    close(w, "edXMLManifest")?;
    close(w, "edXMLBody")?;
    close(w, "edXMLEnvelope")?;
    open(w, "AttachmentEncoded")?;
    for a in &package.attachments {
        open(w, "Attachment")?;
        leaf(w, "ContentId", &a.content_id)?;
        leaf(w, "AttachmentName", &a.name)?;
        opt_leaf(w, "Description", a.description.as_deref())?;
        leaf(w, "ContentType", &a.content_type)?;
        let encoded = base64::engine::general_purpose::STANDARD.encode(&a.bytes);
        leaf(w, "ContentTransferEncoded", &encoded)?;
        close(w, "Attachment")?;
    }
    close(w, "AttachmentEncoded")?;
    close(w, "edXML")?;
    Ok(finish(std::mem::replace(w, Writer::new(Vec::new()))))
}

fn response_for(w: &mut W, r: &ResponseFor) -> R {
    open(w, "ResponseFor")?;
    leaf(w, "OrganId", &r.organ_id)?;
    leaf(w, "Code", &r.code)?;
    leaf(w, "PromulgationDate", &r.promulgation_date)?;
    leaf(w, "DocumentId", &r.document_id)?;
    close(w, "ResponseFor")
}

/// The bytes of a status message: `edXML/edXMLEnvelope/edXMLHeader/Status` with
/// `ResponseFor`, `From`, `StatusCode`, `Description`, `Timestamp`, `StaffInfo`, and an empty
/// `edXMLBody`.
pub fn write_status(status: &StatusMessage) -> Result<Vec<u8>, EdxmlError> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let w = &mut w;
    start_message(w)?;
    open(w, "Status")?;
    response_for(w, &status.response_for)?;
    organ(w, "From", &status.from)?;
    leaf(w, "StatusCode", status.code.code())?;
    opt_leaf(w, "Description", status.description.as_deref())?;
    leaf(w, "Timestamp", &status.timestamp)?;
    if let Some(s) = &status.staff {
        staff(w, s)?;
    }
    close(w, "Status")?;
    close(w, "edXMLHeader")?;
    w.write_event(Event::Empty(BytesStart::new("edXMLBody")))
        .map_err(io)?;
    close(w, "edXMLEnvelope")?;
    close(w, "edXML")?;
    Ok(finish(std::mem::replace(w, Writer::new(Vec::new()))))
}
