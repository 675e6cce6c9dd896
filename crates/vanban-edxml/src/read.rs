//! Reading a message: quick-xml's namespace-aware reader builds a small tree under the
//! [`Limits`] (size, depth, number of elements, attachment size), refusing a DTD and every
//! entity but XML's five and character references; then the fields are taken from the tree by
//! their element names, in whatever order the sender wrote them.

use base64::Engine as _;
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::{
    Attachment, Business, Code, DocType, EdxmlError, Message, MessageHeader, NAMESPACE, Organ,
    OtherInfo, Package, ResponseFor, Signer, StaffInfo, StatusCode, StatusMessage, TraceHeader,
    safe_file_name,
};

/// How much a message may hold; over it, [`read`] refuses the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole message, in bytes.
    pub message_bytes: usize,
    /// One attachment, decoded, in bytes.
    pub attachment_bytes: usize,
    /// All attachments together, decoded, in bytes.
    pub total_attachment_bytes: usize,
    /// How many attachments.
    pub attachments: usize,
    /// How many elements.
    pub elements: usize,
    /// How deep elements nest.
    pub depth: usize,
    /// The text of one element other than an attachment's content, in bytes.
    pub text_bytes: usize,
}

impl Default for Limits {
    /// 128 MiB a message, 48 MiB an attachment and 96 MiB all of them, 64 attachments, 100,000
    /// elements 32 deep, 64 KiB of text in any other element.
    fn default() -> Self {
        Limits {
            message_bytes: 128 << 20,
            attachment_bytes: 48 << 20,
            total_attachment_bytes: 96 << 20,
            attachments: 64,
            elements: 100_000,
            depth: 32,
            text_bytes: 64 << 10,
        }
    }
}

fn mib(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} byte")
    }
}

#[derive(Debug, Default)]
struct Node {
    name: String,
    in_namespace: bool,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn opt(&self, name: &str) -> Option<String> {
        let t = self.child(name)?.text.trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    fn req(&self, name: &str, path: &str) -> Result<String, EdxmlError> {
        self.opt(name)
            .ok_or_else(|| EdxmlError::Missing(format!("{path}/{name}")))
    }

    fn node(&self, name: &str, path: &str) -> Result<&Node, EdxmlError> {
        self.child(name)
            .ok_or_else(|| EdxmlError::Missing(format!("{path}/{name}")))
    }
}

const CONTENT: &str = "ContentTransferEncoded";

fn xml_error(e: impl std::fmt::Display) -> EdxmlError {
    EdxmlError::Xml(e.to_string())
}

/// Builds the tree of the message, refusing what is malformed or over the limits.
fn tree(bytes: &[u8], limits: &Limits) -> Result<Node, EdxmlError> {
    if bytes.len() > limits.message_bytes {
        return Err(EdxmlError::TooLarge {
            what: format!("tệp ({})", mib(bytes.len())),
            limit: mib(limits.message_bytes),
        });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| EdxmlError::Xml(format!("không phải văn bản UTF-8: {e}")))?;
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut elements = 0usize;
    // An attachment's text may be as long as its base64 with a line break every 64 characters.
    let content_limit = limits.attachment_bytes.div_ceil(3) * 4 * 66 / 64 + 1024;
    loop {
        let (ns, event) = reader.read_resolved_event().map_err(xml_error)?;
        let in_namespace =
            matches!(ns, ResolveResult::Bound(n) if n.as_ref() == NAMESPACE.as_bytes());
        match event {
            Event::Start(e) => {
                elements += 1;
                if elements > limits.elements || stack.len() >= limits.depth {
                    return Err(EdxmlError::TooLarge {
                        what: "số phần tử hoặc độ sâu lồng nhau".into(),
                        limit: format!("{} phần tử, sâu {}", limits.elements, limits.depth),
                    });
                }
                if root.is_some() {
                    return Err(EdxmlError::Xml("có hơn một phần tử gốc".into()));
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.push(Node {
                    name,
                    in_namespace,
                    ..Node::default()
                });
            }
            Event::Empty(e) => {
                elements += 1;
                if elements > limits.elements || stack.len() >= limits.depth {
                    return Err(EdxmlError::TooLarge {
                        what: "số phần tử hoặc độ sâu lồng nhau".into(),
                        limit: format!("{} phần tử, sâu {}", limits.elements, limits.depth),
                    });
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let node = Node {
                    name,
                    in_namespace,
                    ..Node::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None if root.is_none() => root = Some(node),
                    None => return Err(EdxmlError::Xml("có hơn một phần tử gốc".into())),
                }
            }
            Event::End(_) => {
                let Some(node) = stack.pop() else {
                    return Err(EdxmlError::Xml("thẻ đóng không có thẻ mở".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::Text(t) => {
                let s = t.decode().map_err(xml_error)?;
                push_text(&mut stack, &s, limits, content_limit)?;
            }
            Event::CData(t) => {
                let s = t.decode().map_err(xml_error)?;
                push_text(&mut stack, &s, limits, content_limit)?;
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().map_err(xml_error)? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(xml_error)?;
                        match name.as_ref() {
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "amp" => "&".into(),
                            "apos" => "'".into(),
                            "quot" => "\"".into(),
                            other => return Err(EdxmlError::Entity(format!("&{other};"))),
                        }
                    }
                };
                push_text(&mut stack, &s, limits, content_limit)?;
            }
            Event::DocType(_) => return Err(EdxmlError::Entity("<!DOCTYPE …>".into())),
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(EdxmlError::Xml(
            "tệp kết thúc khi còn phần tử chưa đóng".into(),
        ));
    }
    root.ok_or_else(|| EdxmlError::Xml("tệp không có phần tử nào".into()))
}

fn push_text(
    stack: &mut [Node],
    s: &str,
    limits: &Limits,
    content_limit: usize,
) -> Result<(), EdxmlError> {
    let Some(node) = stack.last_mut() else {
        if s.trim().is_empty() {
            return Ok(());
        }
        return Err(EdxmlError::Xml("có chữ ngoài phần tử gốc".into()));
    };
    let limit = if node.name == CONTENT {
        content_limit
    } else {
        limits.text_bytes
    };
    if node.text.len() + s.len() > limit {
        return Err(EdxmlError::TooLarge {
            what: format!("nội dung phần tử {}", node.name),
            limit: mib(limit),
        });
    }
    node.text.push_str(s);
    Ok(())
}

/// Reads a document message or a status message. Whatever it refuses, it refuses whole.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Message, EdxmlError> {
    let root = tree(bytes, limits)?;
    match root.name.as_str() {
        "edXML" | "edXMLEnvelope" if root.in_namespace => {}
        // A status message as the axis's SOAP form carries it.
        "Envelope" => {
            let status = (root.child("Header").and_then(|h| h.child("Status")))
                .ok_or_else(|| EdxmlError::Missing("Envelope/Header/Status".into()))?;
            return status_message(status).map(|s| Message::Status(Box::new(s)));
        }
        other => {
            return Err(EdxmlError::NotEdxml(format!(
                "phần tử gốc là “{other}”, không phải edXML trong không gian tên {NAMESPACE}"
            )));
        }
    }
    let envelope = match root.name.as_str() {
        "edXMLEnvelope" => &root,
        _ => root.node("edXMLEnvelope", "edXML")?,
    };
    let header = envelope.node("edXMLHeader", "edXMLEnvelope")?;
    if let Some(status) = header.child("Status") {
        return status_message(status).map(|s| Message::Status(Box::new(s)));
    }
    let message = header.node("MessageHeader", "edXMLHeader")?;
    let header_fields = message_header(message)?;
    let (trace, business) = match header.child("TraceHeaderList") {
        Some(list) => trace_list(list)?,
        None => (Vec::new(), None),
    };
    let encoded = (root.child("AttachmentEncoded")).or_else(|| envelope.child("AttachmentEncoded"));
    let attachments = match encoded {
        Some(node) => attachments(node, limits)?,
        None => Vec::new(),
    };
    if let Some(manifest) = envelope
        .child("edXMLBody")
        .and_then(|b| b.child("edXMLManifest"))
    {
        for r in manifest.all("Reference") {
            let Some(id) = r.opt("ContentId") else {
                continue;
            };
            if !attachments.iter().any(|a| same_cid(&a.content_id, &id)) {
                return Err(EdxmlError::Invalid {
                    element: "edXMLManifest/Reference/ContentId".into(),
                    reason: format!("“{id}” không có tệp tương ứng trong AttachmentEncoded"),
                });
            }
        }
    }
    Ok(Message::Document(Box::new(Package {
        header: header_fields,
        trace,
        business,
        attachments,
    })))
}

fn same_cid(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.trim().trim_start_matches("cid:").to_owned();
    strip(a) == strip(b)
}

fn organ(node: &Node, path: &str) -> Result<Organ, EdxmlError> {
    Ok(Organ {
        organ_id: node.req("OrganId", path)?,
        organization_in_charge: node.opt("OrganizationInCharge"),
        organ_name: node.opt("OrganName").unwrap_or_default(),
        organ_add: node.opt("OrganAdd"),
        email: node.opt("Email"),
        telephone: node.opt("Telephone"),
        fax: node.opt("Fax"),
        website: node.opt("Website"),
    })
}

fn number<T: std::str::FromStr>(
    node: &Node,
    name: &str,
    path: &str,
) -> Result<Option<T>, EdxmlError> {
    node.opt(name)
        .map(|t| {
            t.parse().map_err(|_| EdxmlError::Invalid {
                element: format!("{path}/{name}"),
                reason: format!("“{t}” không phải một số"),
            })
        })
        .transpose()
}

fn message_header(m: &Node) -> Result<MessageHeader, EdxmlError> {
    const P: &str = "MessageHeader";
    let from = organ(m.node("From", P)?, "MessageHeader/From")?;
    let to = (m.all("To"))
        .map(|t| organ(t, "MessageHeader/To"))
        .collect::<Result<Vec<_>, _>>()?;
    let code = m.node("Code", P)?;
    let info = m.node("PromulgationInfo", P)?;
    let doc_type = m.child("DocumentType");
    let signer = m.child("SignerInfo");
    let other = m.child("OtherInfo");
    let text = |n: Option<&Node>, name: &str| n.and_then(|n| n.opt(name)).unwrap_or_default();
    let other_info = match other {
        None => OtherInfo::default(),
        Some(o) => {
            const PO: &str = "MessageHeader/OtherInfo";
            let priority: u8 = number(o, "Priority", PO)?.unwrap_or(0);
            if priority > 4 {
                return Err(EdxmlError::Invalid {
                    element: format!("{PO}/Priority"),
                    reason: format!("độ khẩn {priority} không có (0 đến 4)"),
                });
            }
            OtherInfo {
                priority,
                sphere_of_promulgation: o.opt("SphereOfPromulgation"),
                typer_notation: o.opt("TyperNotation"),
                promulgation_amount: number(o, "PromulgationAmount", PO)?,
                page_amount: number(o, "PageAmount", PO)?,
                appendixes: (o.child("Appendixes").into_iter())
                    .flat_map(|a| a.all("Appendix"))
                    .map(|a| a.text.trim().to_owned())
                    .filter(|a| !a.is_empty())
                    .collect(),
            }
        }
    };
    Ok(MessageHeader {
        from,
        to,
        document_id: m.req("DocumentId", P)?,
        code: Code {
            number: code.opt("CodeNumber").unwrap_or_default(),
            notation: code.req("CodeNotation", "MessageHeader/Code")?,
        },
        place: info.opt("Place").unwrap_or_default(),
        promulgation_date: info.req("PromulgationDate", "MessageHeader/PromulgationInfo")?,
        doc_type: DocType {
            code: text(doc_type, "Type"),
            detail: doc_type.and_then(|d| d.opt("TypeDetail")),
            name: text(doc_type, "TypeName"),
        },
        subject: m.req("Subject", P)?,
        content: m.opt("Content"),
        signer: Signer {
            competence: text(signer, "Competence"),
            position: text(signer, "Position"),
            full_name: text(signer, "FullName"),
        },
        due_date: m.opt("DueDate"),
        to_places: (m.child("ToPlaces").into_iter())
            .flat_map(|p| p.all("Place"))
            .map(|p| p.text.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect(),
        other: other_info,
        steering_type: m.opt("SteeringType").unwrap_or_default(),
    })
}

fn staff(node: &Node) -> Option<StaffInfo> {
    let s = node.child("StaffInfo")?;
    Some(StaffInfo {
        department: s.opt("Department"),
        staff: s.opt("Staff"),
        email: s.opt("Email"),
        mobile: s.opt("Mobile"),
    })
}

fn trace_list(list: &Node) -> Result<(Vec<TraceHeader>, Option<Business>), EdxmlError> {
    const P: &str = "TraceHeaderList/TraceHeader";
    let trace = (list.all("TraceHeader"))
        .map(|t| {
            Ok(TraceHeader {
                organ_id: t.req("OrganId", P)?,
                timestamp: t.req("Timestamp", P)?,
            })
        })
        .collect::<Result<Vec<_>, EdxmlError>>()?;
    let business = list.child("Bussiness").map(|b| Business {
        doc_type: b.opt("BussinessDocType").unwrap_or_default(),
        reason: b.opt("BussinessDocReason").unwrap_or_default(),
        document_id: b.opt("DocumentId").unwrap_or_default(),
        paper: b.opt("Paper").unwrap_or_default(),
        staff: staff(b),
    });
    Ok((trace, business))
}

fn attachments(node: &Node, limits: &Limits) -> Result<Vec<Attachment>, EdxmlError> {
    const P: &str = "AttachmentEncoded/Attachment";
    let mut out = Vec::new();
    let mut total = 0usize;
    for a in node.all("Attachment") {
        if out.len() >= limits.attachments {
            return Err(EdxmlError::TooLarge {
                what: "số tệp đính kèm".into(),
                limit: format!("{} tệp", limits.attachments),
            });
        }
        let name = a.req("AttachmentName", P)?;
        safe_file_name(&name)?;
        let encoded: String = (a.node(CONTENT, P)?.text.chars())
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let decoded_len = encoded.len() / 4 * 3;
        if decoded_len > limits.attachment_bytes {
            return Err(EdxmlError::TooLarge {
                what: format!("tệp đính kèm “{name}”"),
                limit: mib(limits.attachment_bytes),
            });
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_bytes())
            .map_err(|e| EdxmlError::Invalid {
                element: format!("{P}/{CONTENT}"),
                reason: format!("nội dung của “{name}” không phải base64 ({e})"),
            })?;
        total += bytes.len();
        if total > limits.total_attachment_bytes {
            return Err(EdxmlError::TooLarge {
                what: "tổng các tệp đính kèm".into(),
                limit: mib(limits.total_attachment_bytes),
            });
        }
        let content_id = a.req("ContentId", P)?;
        if out
            .iter()
            .any(|o: &Attachment| same_cid(&o.content_id, &content_id))
        {
            return Err(EdxmlError::Invalid {
                element: format!("{P}/ContentId"),
                reason: format!("“{content_id}” có hai lần"),
            });
        }
        if out.iter().any(|o: &Attachment| o.name == name) {
            return Err(EdxmlError::Invalid {
                element: format!("{P}/AttachmentName"),
                reason: format!("hai tệp cùng tên “{name}”"),
            });
        }
        out.push(Attachment {
            content_id,
            name,
            description: a.opt("Description"),
            content_type: a
                .opt("ContentType")
                .unwrap_or_else(|| "application/octet-stream".into()),
            bytes,
        });
    }
    Ok(out)
}

fn status_message(s: &Node) -> Result<StatusMessage, EdxmlError> {
    const P: &str = "Status";
    let r = s.node("ResponseFor", P)?;
    const PR: &str = "Status/ResponseFor";
    let raw = s.req("StatusCode", P)?;
    let code = StatusCode::from_code(&raw).ok_or_else(|| EdxmlError::Invalid {
        element: "Status/StatusCode".into(),
        reason: format!("mã “{raw}” không có (01, 02, 03, 04, 05, 06, 13, 15, 16)"),
    })?;
    let description = s.opt("Description");
    if code == StatusCode::Refused && description.is_none() {
        return Err(EdxmlError::Missing(
            "Status/Description (lý do từ chối của mã 02)".into(),
        ));
    }
    Ok(StatusMessage {
        response_for: ResponseFor {
            organ_id: r.req("OrganId", PR)?,
            code: r.opt("Code").unwrap_or_default(),
            promulgation_date: r.opt("PromulgationDate").unwrap_or_default(),
            document_id: r.req("DocumentId", PR)?,
        },
        from: organ(s.node("From", P)?, "Status/From")?,
        code,
        description,
        timestamp: s.req("Timestamp", P)?,
        staff: staff(s),
    })
}
