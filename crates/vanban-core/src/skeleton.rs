//! New documents with the parts every document of their type has, left empty for the user to
//! fill; validation lists what is still missing.

use crate::doctype::DocumentType;
use crate::model::{
    Agency, ArchiveLine, Content, Document, Header, LegalBasis, Numbering, NumberingScheme,
    Recipients, Section, SectionRole, SignatureBlock,
};
use crate::richtext::RichText;

fn section(title: &str, role: Option<SectionRole>, subsections: Vec<Section>) -> Section {
    Section {
        role,
        subsections,
        ..Section::new(RichText::plain(title))
    }
}

/// The usual sections of a type: for a kế hoạch, "I. MỤC ĐÍCH, YÊU CẦU" (1. Mục đích, 2. Yêu
/// cầu), "II. NỘI DUNG", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN".
pub fn usual_sections(doc_type: DocumentType) -> Vec<Section> {
    match doc_type {
        DocumentType::KeHoach | DocumentType::ChuongTrinh | DocumentType::PhuongAn => vec![
            section(
                "MỤC ĐÍCH, YÊU CẦU",
                Some(SectionRole::Purpose),
                vec![
                    section("Mục đích", None, vec![]),
                    section("Yêu cầu", None, vec![]),
                ],
            ),
            section("NỘI DUNG", Some(SectionRole::Content), vec![]),
            section("KINH PHÍ", Some(SectionRole::Funding), vec![]),
            section(
                "TỔ CHỨC THỰC HIỆN",
                Some(SectionRole::Implementation),
                vec![],
            ),
        ],
        DocumentType::ToTrinh => vec![
            section("SỰ CẦN THIẾT", None, vec![]),
            section("NỘI DUNG ĐỀ XUẤT", Some(SectionRole::Content), vec![]),
            section("KIẾN NGHỊ", None, vec![]),
        ],
        DocumentType::HuongDan => vec![
            section("MỤC ĐÍCH, YÊU CẦU", Some(SectionRole::Purpose), vec![]),
            section("NỘI DUNG HƯỚNG DẪN", Some(SectionRole::Content), vec![]),
            section(
                "TỔ CHỨC THỰC HIỆN",
                Some(SectionRole::Implementation),
                vec![],
            ),
        ],
        // Three articles: what is decided, when it takes effect, who carries it out.
        DocumentType::QuyetDinh => vec![
            section("", None, vec![]),
            section("Quyết định này có hiệu lực kể từ ngày ký.", None, vec![]),
            section("", None, vec![]),
        ],
        DocumentType::BaoCao => vec![
            section("KẾT QUẢ THỰC HIỆN", Some(SectionRole::Content), vec![]),
            section("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", None, vec![]),
            section("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", None, vec![]),
            section("KIẾN NGHỊ, ĐỀ XUẤT", None, vec![]),
        ],
        _ => Vec::new(),
    }
}

/// A new, empty document of a type: the header, the usual sections and the closing parts,
/// every field the user must fill left blank.
pub fn new_document(doc_type: DocumentType) -> Document {
    Document {
        doc_type,
        header: Header {
            parent_body: None,
            issuing_body: Agency {
                name: String::new(),
                abbreviation: None,
                short_name: None,
            },
            unit_abbreviation: None,
            place: String::new(),
            number: None,
            date: None,
            secrecy: None,
            urgency: None,
            circulation: None,
            address_line: None,
        },
        subject: String::new(),
        // A decision names its issuing authority under the subject (Mẫu 1.2).
        issuing_authority: doc_type.enacting_line().map(|_| String::new()),
        addressees: Vec::new(),
        legal_basis: LegalBasis::default(),
        numbering: match doc_type {
            DocumentType::QuyetDinh | DocumentType::QuyChe | DocumentType::QuyDinh => {
                NumberingScheme::Articles.into()
            }
            DocumentType::CongVan => NumberingScheme::ArabicLetter.into(),
            _ => Numbering::default(),
        },
        body: Content {
            blocks: Vec::new(),
            sections: usual_sections(doc_type),
            after: Vec::new(),
        },
        tasks: Vec::new(),
        contact: None,
        closing: RichText::plain(""),
        recipients: Recipients {
            entries: Vec::new(),
            archive: ArchiveLine::default(),
        },
        signature: SignatureBlock {
            authority: Vec::new(),
            title: String::new(),
            name: String::new(),
        },
        appendices: Vec::new(),
        attachment: None,
    }
}
