//! The package as a reader of it checks it: every fixture of `tests/fixtures/edxml/` read,
//! written again and read back equal (round trip); the writer's elements in the order of the
//! public sample messages; what is malformed or hostile refused with its reason.

use std::path::{Path, PathBuf};

use vanban_edxml::{
    Attachment, EdxmlError, Limits, Message, Package, StatusCode, read, write, write_status,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/edxml")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).expect("fixture")
}

fn all_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "edxml"))
        .map(|p| {
            let name = p
                .file_name()
                .expect("present")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect();
    out.sort();
    out
}

fn document(bytes: &[u8]) -> Package {
    match read(bytes, &Limits::default()) {
        Ok(Message::Document(p)) => *p,
        other => panic!("not a document message: {other:?}"),
    }
}

#[test]
fn every_good_fixture_reads_writes_and_reads_back_equal() {
    let mut read_ok = 0;
    for (name, bytes) in all_fixtures() {
        let good = !(name.starts_with("hostile") || name.starts_with("malformed"));
        let message = read(&bytes, &Limits::default());
        assert_eq!(message.is_ok(), good, "{name}: {message:?}");
        let again = match message {
            Ok(Message::Document(p)) => read(&write(&p).expect("write"), &Limits::default()),
            Ok(Message::Status(s)) => read(&write_status(&s).expect("write"), &Limits::default()),
            Err(_) => continue,
        };
        assert_eq!(
            again.expect("read back"),
            read(&bytes, &Limits::default()).expect("present"),
            "{name}"
        );
        read_ok += 1;
    }
    assert!(read_ok >= 4, "the good fixtures");
}

#[test]
fn a_document_fixture_gives_every_field() {
    let p = document(&fixture("document-cong-van.edxml"));
    let h = &p.header;
    assert_eq!(h.from.organ_id, "000.00.21.H40");
    assert_eq!(h.to[0].organ_id, "000.00.00.H40");
    assert_eq!(h.document_id, "000.00.21.H40,2025/04/02,15/STTTT-VP");
    assert_eq!(
        (h.code.number.as_str(), h.code.notation.as_str()),
        ("15", "STTTT-VP")
    );
    assert_eq!(h.promulgation_date, "2025/04/02");
    assert_eq!(h.doc_type.name, "Công văn");
    assert!(h.subject.contains("quý I & kế hoạch"), "{}", h.subject);
    assert_eq!(h.signer.full_name, "Nguyễn Văn Ví Dụ");
    assert_eq!(h.due_date.as_deref(), Some("2025/04/15"));
    assert_eq!(h.other.priority, 1);
    assert_eq!(h.other.page_amount, Some(2));
    assert_eq!(h.other.appendixes, ["Danh mục sản phẩm tuyên truyền"]);
    assert_eq!(h.steering_type, "3");
    assert_eq!(p.trace[0].timestamp, "2025/04/02 10:15:00");
    assert_eq!(p.attachments.len(), 2);
    assert!(p.attachments[0].bytes.starts_with(b"%PDF-1.4"));
    assert_eq!(p.attachments[1].bytes, "Phụ lục I: danh mục\n".as_bytes());
}

/// The names of the elements a writer's output opens, in order, with their depth.
fn element_order(bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let doc = roxmltree::Document::parse(text).expect("xml");
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

fn position(order: &[String], name: &str) -> usize {
    order
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn the_writer_puts_the_elements_in_the_order_of_the_samples() {
    let p = document(&fixture("document-cong-van.edxml"));
    let bytes = write(&p).expect("write");
    let text = std::str::from_utf8(&bytes).expect("present");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(text.contains("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"));
    let order = element_order(&bytes);
    let header = [
        "edXML",
        "edXMLEnvelope",
        "edXMLHeader",
        "MessageHeader",
        "From",
        "To",
        "DocumentId",
        "Code",
        "CodeNumber",
        "CodeNotation",
        "PromulgationInfo",
        "Place",
        "PromulgationDate",
        "DocumentType",
        "Type",
        "TypeName",
        "Subject",
        "SignerInfo",
        "Competence",
        "Position",
        "FullName",
        "DueDate",
        "ToPlaces",
        "OtherInfo",
        "Priority",
        "PageAmount",
        "Appendixes",
        "Appendix",
        "SteeringType",
        "TraceHeaderList",
        "TraceHeader",
        "Timestamp",
        "Bussiness",
        "edXMLBody",
        "edXMLManifest",
        "Reference",
        "AttachmentName",
        "AttachmentEncoded",
        "Attachment",
        "ContentTransferEncoded",
    ];
    let mut last = 0;
    for name in header {
        let at = order[last..]
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} not after position {last}: {order:?}"));
        last += at;
    }
    // Inside From: OrganId, then OrganizationInCharge, OrganName, OrganAdd, Email, Telephone.
    let from = position(&order, "From");
    assert_eq!(
        order[from + 1..from + 7],
        [
            "OrganId",
            "OrganizationInCharge",
            "OrganName",
            "OrganAdd",
            "Email",
            "Telephone"
        ]
    );
    // A manifest reference: ContentId, ContentType, Description, AttachmentName.
    let r = position(&order, "Reference");
    assert_eq!(
        order[r + 1..r + 5],
        ["ContentId", "ContentType", "Description", "AttachmentName"]
    );
}

fn refused(bytes: &[u8], limits: &Limits) -> EdxmlError {
    match read(bytes, limits) {
        Err(e) => e,
        Ok(m) => panic!("read: {m:?}"),
    }
}

#[test]
fn hostile_and_malformed_packages_are_refused_naming_why() {
    let l = Limits::default();
    let e = refused(&fixture("hostile-entity-expansion.edxml"), &l);
    assert_eq!(e.code(), "edxml-entity", "{e}");
    assert!(e.to_string().contains("DTD"), "{e}");
    let e = refused(&fixture("hostile-external-entity.edxml"), &l);
    assert_eq!(e.code(), "edxml-entity", "{e}");
    assert!(e.to_string().contains("&xxe;"), "{e}");
    let e = refused(&fixture("hostile-path-traversal.edxml"), &l);
    assert_eq!(e.code(), "edxml-unsafe-name", "{e}");
    assert!(e.to_string().contains("../../thoat-ra-ngoai.sh"), "{e}");
    let e = refused(&fixture("malformed-truncated.edxml"), &l);
    assert_eq!(e.code(), "edxml-malformed", "{e}");
    let e = refused(&fixture("malformed-priority.edxml"), &l);
    assert!(
        e.to_string().contains("MessageHeader/OtherInfo/Priority"),
        "{e}"
    );
    let e = refused(b"<html><body/></html>", &l);
    assert_eq!(e.code(), "edxml-not-edxml", "{e}");
    // Too deep.
    let deep = format!(
        "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">{}{}</edXML>",
        "<a>".repeat(100),
        "</a>".repeat(100)
    );
    assert_eq!(refused(deep.as_bytes(), &l).code(), "edxml-too-large");
}

#[test]
fn an_attachment_over_the_limit_is_refused_before_it_is_decoded() {
    let mut p = document(&fixture("document-cong-van.edxml"));
    p.attachments = vec![Attachment {
        content_id: "cid:x".into(),
        name: "lon.pdf".into(),
        description: None,
        content_type: "application/pdf".into(),
        bytes: vec![0; 4096],
    }];
    let bytes = write(&p).expect("write");
    let small = Limits {
        attachment_bytes: 1024,
        ..Limits::default()
    };
    let e = refused(&bytes, &small);
    assert_eq!(e.code(), "edxml-too-large", "{e}");
    assert!(
        e.to_string().contains("lon.pdf") || e.to_string().contains("ContentTransferEncoded"),
        "{e}"
    );
    assert!(read(&bytes, &Limits::default()).is_ok());
}

#[test]
fn a_refusal_without_its_reason_is_refused() {
    let bytes = fixture("status-02-long-an.edxml");
    let Message::Status(s) = read(&bytes, &Limits::default()).expect("read") else {
        panic!("a status");
    };
    assert_eq!(s.code, StatusCode::Refused);
    let text = String::from_utf8(bytes)
        .expect("present")
        .replace("<Description>Gửi nhầm nơi nhận</Description>", "");
    let e = refused(text.as_bytes(), &Limits::default());
    assert!(e.to_string().contains("Status/Description"), "{e}");
}
