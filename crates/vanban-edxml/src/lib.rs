//! The national document exchange package: edXML messages of QCVN 102:2016/BTTTT (amended by
//! SĐ1:2022), as agencies exchange them over the national document axis and the provincial
//! LGSPs. A document message ([`Package`]: the header of the document, the trace of who sent
//! it, the signed PDF and its appendix files base64-encoded) and a status message
//! ([`StatusMessage`]: a recipient says it received, refused, accepted, assigned, is handling,
//! finished… a document).
//!
//! Bytes in, bytes out: no file, no clock, no network. [`write`] and [`write_status`] give the
//! message's bytes; [`read`] reads either kind back, refusing what is malformed or hostile (a
//! DTD or an entity, too deep a tree, an attachment over the size [`Limits`] allow, a file name
//! that would leave the folder it is extracted to) with an [`EdxmlError`] whose message is
//! Vietnamese and names the element. Element names and their order are those of the public
//! sample messages; see `docs/edxml.md`.

mod read;
mod write;

pub use read::{Limits, read};
pub use write::{write, write_status};

/// The namespace of every element of the message.
pub const NAMESPACE: &str = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

/// A sending or receiving agency (`From`, `To`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Organ {
    /// Its organ id (mã định danh, QĐ 20/2020/QĐ-TTg): "000.00.00.G22".
    pub organ_id: String,
    /// The agency in charge of it.
    pub organization_in_charge: Option<String>,
    /// Its name.
    pub organ_name: String,
    /// Its address.
    pub organ_add: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Telephone.
    pub telephone: Option<String>,
    /// Fax.
    pub fax: Option<String>,
    /// Website.
    pub website: Option<String>,
}

/// The document's number and symbol (`Code`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Code {
    /// The number ("12").
    pub number: String,
    /// The symbol ("KH-UBND").
    pub notation: String,
}

/// The document's type (`DocumentType`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocType {
    /// The code of the type (`Type`; see `docs/edxml.md` for the table followed).
    pub code: String,
    /// `TypeDetail`, when given.
    pub detail: Option<String>,
    /// The type's name ("Kế hoạch").
    pub name: String,
}

/// Who signed (`SignerInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signer {
    /// The authority ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH").
    pub competence: String,
    /// The title ("PHÓ CHỦ TỊCH").
    pub position: String,
    /// The name.
    pub full_name: String,
}

/// `OtherInfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OtherInfo {
    /// 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ.
    pub priority: u8,
    /// Where it circulates.
    pub sphere_of_promulgation: Option<String>,
    /// The drafter's code (the Lưu line's initials).
    pub typer_notation: Option<String>,
    /// How many copies were issued.
    pub promulgation_amount: Option<u32>,
    /// How many pages.
    pub page_amount: Option<u32>,
    /// The appendixes' titles.
    pub appendixes: Vec<String>,
}

/// `MessageHeader` of a document message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageHeader {
    /// The sender.
    pub from: Organ,
    /// The recipients.
    pub to: Vec<Organ>,
    /// "OrganId,yyyy/MM/dd,Number/Notation".
    pub document_id: String,
    /// Number and symbol.
    pub code: Code,
    /// `PromulgationInfo/Place`.
    pub place: String,
    /// `PromulgationInfo/PromulgationDate`, "yyyy/MM/dd".
    pub promulgation_date: String,
    /// Type.
    pub doc_type: DocType,
    /// The trích yếu.
    pub subject: String,
    /// `Content`, when given.
    pub content: Option<String>,
    /// Who signed.
    pub signer: Signer,
    /// "yyyy/MM/dd", when the document sets a deadline for answering.
    pub due_date: Option<String>,
    /// The other recipients, as printed (Nơi nhận other than `To`).
    pub to_places: Vec<String>,
    /// `OtherInfo`.
    pub other: OtherInfo,
    /// 1 not a directive, 2 a directive, 3 a report on a directive (QCVN; see `docs/edxml.md`).
    pub steering_type: String,
}

/// One hop of the message (`TraceHeaderList/TraceHeader`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceHeader {
    /// Who handled it.
    pub organ_id: String,
    /// "yyyy/MM/dd HH:mm:ss".
    pub timestamp: String,
}

/// Who handled a message at the sender (`StaffInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffInfo {
    /// The unit.
    pub department: Option<String>,
    /// The person.
    pub staff: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
}

/// What the message does to the document (`TraceHeaderList/Bussiness`, spelt as the samples).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Business {
    /// 0 new, 1 revoke, 2 update, 3 replace.
    pub doc_type: String,
    /// Why ("Văn bản điện tử mới").
    pub reason: String,
    /// The DocumentId it concerns.
    pub document_id: String,
    /// 0 electronic only, 1 a paper copy follows.
    pub paper: String,
    /// Who sent it.
    pub staff: Option<StaffInfo>,
}

/// A file carried by the message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    /// "cid:…", as the manifest refers to it.
    pub content_id: String,
    /// The file's name.
    pub name: String,
    /// What it is ("Văn bản đã ký số", "Phụ lục I").
    pub description: Option<String>,
    /// The MIME type ("application/pdf").
    pub content_type: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A document message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    /// `MessageHeader`.
    pub header: MessageHeader,
    /// `TraceHeaderList/TraceHeader`, oldest first.
    pub trace: Vec<TraceHeader>,
    /// `TraceHeaderList/Bussiness`.
    pub business: Option<Business>,
    /// The files, in the manifest's order.
    pub attachments: Vec<Attachment>,
}

/// The document a status message answers (`ResponseFor`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseFor {
    /// The sender of the document.
    pub organ_id: String,
    /// "Number/Notation".
    pub code: String,
    /// "yyyy/MM/dd".
    pub promulgation_date: String,
    /// The document's DocumentId.
    pub document_id: String,
}

/// What a recipient says of a document (`StatusCode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusCode {
    /// 01: the software received it.
    Arrived,
    /// 02: refused (with a reason).
    Refused,
    /// 03: accepted into the incoming register.
    Accepted,
    /// 04: assigned to someone.
    Assigned,
    /// 05: being handled.
    InProgress,
    /// 06: finished.
    Done,
    /// 13: the sender withdraws it.
    Withdrawn,
    /// 15: agrees to the withdrawal or update.
    WithdrawalAgreed,
    /// 16: refuses the withdrawal or update.
    WithdrawalRefused,
}

impl StatusCode {
    /// Every code, in order.
    pub const ALL: [StatusCode; 9] = [
        StatusCode::Arrived,
        StatusCode::Refused,
        StatusCode::Accepted,
        StatusCode::Assigned,
        StatusCode::InProgress,
        StatusCode::Done,
        StatusCode::Withdrawn,
        StatusCode::WithdrawalAgreed,
        StatusCode::WithdrawalRefused,
    ];

    /// The code as written ("03").
    pub fn code(self) -> &'static str {
        match self {
            StatusCode::Arrived => "01",
            StatusCode::Refused => "02",
            StatusCode::Accepted => "03",
            StatusCode::Assigned => "04",
            StatusCode::InProgress => "05",
            StatusCode::Done => "06",
            StatusCode::Withdrawn => "13",
            StatusCode::WithdrawalAgreed => "15",
            StatusCode::WithdrawalRefused => "16",
        }
    }

    /// The code read from a message ("03", also "3").
    pub fn from_code(code: &str) -> Option<StatusCode> {
        let code = code.trim();
        let code = if code.len() == 1 {
            format!("0{code}")
        } else {
            code.to_owned()
        };
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Its meaning, in Vietnamese.
    pub fn label(self) -> &'static str {
        match self {
            StatusCode::Arrived => "đã đến",
            StatusCode::Refused => "từ chối tiếp nhận",
            StatusCode::Accepted => "đã tiếp nhận",
            StatusCode::Assigned => "phân công",
            StatusCode::InProgress => "đang xử lý",
            StatusCode::Done => "hoàn thành",
            StatusCode::Withdrawn => "lấy lại",
            StatusCode::WithdrawalAgreed => "đồng ý lấy lại/cập nhật",
            StatusCode::WithdrawalRefused => "từ chối lấy lại/cập nhật",
        }
    }
}

/// A status message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    /// The document it is about.
    pub response_for: ResponseFor,
    /// The recipient that sends it.
    pub from: Organ,
    /// What it says.
    pub code: StatusCode,
    /// Its description; the reason of a refusal (02), which must not be empty.
    pub description: Option<String>,
    /// "yyyy/MM/dd HH:mm:ss".
    pub timestamp: String,
    /// Who handled it there.
    pub staff: Option<StaffInfo>,
}

/// A message read by [`read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A document with its files.
    Document(Box<Package>),
    /// A recipient's status.
    Status(Box<StatusMessage>),
}

/// Why a message could not be written or read. Messages are Vietnamese and name the element.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EdxmlError {
    /// Not well-formed XML.
    #[error("Gói tin edXML không phải XML hợp lệ ({0}).")]
    Xml(String),
    /// A DTD or an entity other than XML's five: never expanded, the message is refused.
    #[error(
        "Gói tin edXML có khai báo DTD hoặc thực thể (“{0}”); không đọc để tránh bị khai thác (mở rộng thực thể, đọc tệp ngoài)."
    )]
    Entity(String),
    /// Bigger than the limits allow.
    #[error("Gói tin edXML quá lớn: {what} vượt giới hạn {limit}.")]
    TooLarge {
        /// What ("tệp đính kèm “a.pdf”", "số phần tử").
        what: String,
        /// The limit, in words.
        limit: String,
    },
    /// Not an edXML message (another root, another namespace).
    #[error("Không phải gói tin edXML của QCVN 102:2016: {0}.")]
    NotEdxml(String),
    /// A required element is missing or empty.
    #[error("Gói tin edXML thiếu phần tử {0} (hoặc để trống).")]
    Missing(String),
    /// An element's value is not what it should be.
    #[error("Phần tử {element} của gói tin edXML không hợp lệ: {reason}.")]
    Invalid {
        /// The element's path ("MessageHeader/OtherInfo/Priority").
        element: String,
        /// Why.
        reason: String,
    },
    /// An attachment's name would not stay a plain file name in the folder it is extracted to.
    #[error(
        "Tên tệp đính kèm “{0}” không an toàn (có đường dẫn, “..”, ký tự điều khiển hoặc để trống); không trích xuất."
    )]
    UnsafeName(String),
}

impl EdxmlError {
    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            EdxmlError::Xml(_) => "edxml-malformed",
            EdxmlError::Entity(_) => "edxml-entity",
            EdxmlError::TooLarge { .. } => "edxml-too-large",
            EdxmlError::NotEdxml(_) => "edxml-not-edxml",
            EdxmlError::Missing(_) => "edxml-missing",
            EdxmlError::Invalid { .. } => "edxml-invalid",
            EdxmlError::UnsafeName(_) => "edxml-unsafe-name",
        }
    }
}

/// The name an attachment may be extracted under: its own name when it is a plain file name
/// (no folder part, not "." or "..", no control character, at most 255 bytes); otherwise
/// [`EdxmlError::UnsafeName`]. Never a path: what is returned has no `/` nor `\`.
pub fn safe_file_name(name: &str) -> Result<&str, EdxmlError> {
    let bad = name.trim().is_empty()
        || name.len() > 255
        || name == "."
        || name == ".."
        || name.contains(['/', '\\', ':'])
        || name.chars().any(char::is_control)
        || name.starts_with('.') && name.trim_start_matches('.').is_empty();
    if bad {
        return Err(EdxmlError::UnsafeName(name.chars().take(200).collect()));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_read_back() {
        for c in StatusCode::ALL {
            assert_eq!(StatusCode::from_code(c.code()), Some(c));
        }
        assert_eq!(StatusCode::from_code("3"), Some(StatusCode::Accepted));
        assert_eq!(StatusCode::from_code("07"), None);
    }

    #[test]
    fn names_with_a_path_are_refused() {
        for bad in [
            "",
            "..",
            "../x.pdf",
            "a/b.pdf",
            "a\\b.pdf",
            "C:x.pdf",
            "x\u{0}.pdf",
            "...",
        ] {
            assert!(safe_file_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(safe_file_name("Phụ lục I.pdf"), Ok("Phụ lục I.pdf"));
    }
}
