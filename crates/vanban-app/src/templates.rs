//! Templates: partial documents (type, usual sections, boilerplate sentences, default
//! recipients) that a new document starts from. The shipped ones are `vanban/1` files in
//! `templates/documents/`, built into the program; an organisation's own are files of the same
//! format. A new document from a template gets today's organisation, unit and signer from the
//! directory through an [`Organisation`] (see `Workflow::organisation`).

use std::path::Path;

use vanban_core::Document;
use vanban_core::model::{Agency, Authority, IssueDate, Recipient, RecipientEntry, SignatureBlock};
use vanban_core::text::upper;

use crate::Error;

/// A template shipped with VănBản.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// What `vanban new --template` takes ("ke-hoach-to-chuc-su-kien").
    pub name: &'static str,
    /// What it is for, in Vietnamese.
    pub title: &'static str,
    json: &'static str,
}

macro_rules! shipped {
    ($( $name:literal => $title:literal ),* $(,)?) => {
        /// The shipped templates, in the order they are listed.
        pub const SHIPPED: &[Template] = &[$(
            Template {
                name: $name,
                title: $title,
                json: include_str!(concat!("../../../templates/documents/", $name, ".json")),
            },
        )*];
    };
}

shipped! {
    "ke-hoach" => "Kế hoạch (mục đích, yêu cầu; nội dung; kinh phí; tổ chức thực hiện)",
    "ke-hoach-to-chuc-su-kien" => "Kế hoạch tổ chức sự kiện (các giai đoạn, thời hạn, chỉ tiêu; phụ lục tiến độ)",
    "cong-van-huong-dan" => "Công văn hướng dẫn (Kính gửi các sở, ngành và UBND cấp huyện)",
    "quyet-dinh-ban-hanh-ke-hoach" => "Quyết định ban hành kế hoạch (ba điều)",
    "bao-cao-ket-qua-thuc-hien-ke-hoach" => "Báo cáo kết quả thực hiện kế hoạch",
    "giay-moi" => "Giấy mời",
}

impl Template {
    /// The template's document. The shipped files are checked by a test, so reading them
    /// cannot fail at run time.
    pub fn document(&self) -> Document {
        match vanban_core::exchange::from_str(self.json) {
            Ok(doc) => doc,
            Err(e) => unreachable!("shipped template {} is checked by a test: {e}", self.name),
        }
    }
}

/// A shipped template by name.
pub fn shipped(name: &str) -> Option<&'static Template> {
    SHIPPED.iter().find(|t| t.name == name)
}

/// The document of a template: a shipped one by name, or an organisation's own template file.
pub fn load(name_or_path: &str) -> Result<Document, Error> {
    if let Some(t) = shipped(name_or_path) {
        return Ok(t.document());
    }
    let path = Path::new(name_or_path);
    if path.extension().is_some_and(|e| e == "json") || path.exists() {
        return crate::open_document(path);
    }
    Err(Error::UnknownTemplate {
        name: name_or_path.to_owned(),
        known: SHIPPED
            .iter()
            .map(|t| t.name)
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// A template made from a document ("save as template"): everything it says — type, sections,
/// boilerplate, recipients, signer — without what belongs to that one issue: the number, the
/// date, the secrecy and urgency marks.
pub fn from_document(doc: &Document) -> Document {
    let mut t = doc.clone();
    t.header.number = None;
    t.header.date = None;
    t.header.secrecy = None;
    t.header.urgency = None;
    t
}

/// Who a new document is from, as the directory knows it today.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Organisation {
    /// The issuing body, its name as the directory writes it.
    pub issuing_body: Option<Agency>,
    /// Its parent body.
    pub parent_body: Option<Agency>,
    /// The place of the date line.
    pub place: Option<String>,
    /// The address line (ô 13).
    pub address_line: Option<String>,
    /// The drafting unit's abbreviation (the "Lưu" line; a công văn's ký hiệu).
    pub unit: Option<String>,
    /// The drafter's initials, after the unit in the "Lưu" line.
    pub drafter: Option<String>,
    /// Who signs, and the head's title (for a decision's authority line).
    pub signer: Option<Signer>,
    /// This year.
    pub year: Option<i32>,
}

/// The signer a template is filled with.
#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    /// Authority lines (KT. GIÁM ĐỐC for a deputy).
    pub authority: Vec<Authority>,
    /// The signer's own title.
    pub title: String,
    /// Full name.
    pub name: String,
    /// The head's title ("GIÁM ĐỐC"), for "GIÁM ĐỐC SỞ …" under a decision's subject.
    pub head_title: String,
}

/// The initials of a Vietnamese name, in capitals ("Nguyễn Văn An" → "NVA").
pub fn initials(name: &str) -> String {
    upper(
        &name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect::<String>(),
    )
}

/// "GIÁM ĐỐC" → "Giám đốc": a title as running text writes it.
fn sentence_case(title: &str) -> String {
    let lower = title.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Fills what a template leaves blank with the organisation's values; what the template (or
/// the user) already wrote is kept.
pub fn fill(doc: &mut Document, org: &Organisation) {
    let h = &mut doc.header;
    if let Some(body) = &org.issuing_body
        && h.issuing_body.name.trim().is_empty()
    {
        h.issuing_body = body.clone();
        if h.parent_body.is_none() {
            h.parent_body = org.parent_body.clone();
        }
        if h.address_line.is_none() {
            h.address_line = org.address_line.clone();
        }
    }
    if let Some(place) = &org.place
        && h.place.trim().is_empty()
    {
        h.place = place.clone();
    }
    if h.date.is_none()
        && let Some(year) = org.year
    {
        h.date = Some(IssueDate {
            year,
            month: None,
            day: None,
        });
    }
    if let Some(unit) = &org.unit {
        if doc.doc_type.info().abbreviation.is_none() && h.unit_abbreviation.is_none() {
            h.unit_abbreviation = Some(unit.clone());
        }
        let archive = &mut doc.recipients.archive;
        if archive.units.is_empty() {
            archive.units.push(unit.clone());
        }
    }
    if let Some(drafter) = &org.drafter
        && doc.recipients.archive.drafter.is_none()
    {
        doc.recipients.archive.drafter = Some(drafter.clone());
    }
    if let Some(signer) = &org.signer {
        let s = &mut doc.signature;
        if s.name.trim().is_empty() && s.title.trim().is_empty() {
            *s = SignatureBlock {
                authority: signer.authority.clone(),
                title: signer.title.clone(),
                name: signer.name.clone(),
            };
        }
        if let Some(authority) = &mut doc.issuing_authority
            && authority.trim().is_empty()
            && let Some(body) = &org.issuing_body
        {
            *authority = format!("{} {}", sentence_case(&signer.head_title), body.name);
        }
    }
}

/// Where a recipient group goes in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupPlace {
    /// The "Kính gửi" lines (ô 9a).
    Addressees,
    /// Nơi nhận (ô 9b).
    Recipients,
}

/// The lines a recipient group of the directory gives: one line with the group's name that
/// covers its members (so the check that every unit with tasks receives the document still
/// sees them), or one line per member, in the group's order.
pub fn group_lines(name: &str, members: &[String], expand: bool) -> Vec<Recipient> {
    if expand {
        members
            .iter()
            .map(|m| Recipient {
                name: m.clone(),
                note: None,
                includes: Vec::new(),
            })
            .collect()
    } else {
        vec![Recipient {
            name: name.to_owned(),
            note: None,
            includes: members.to_vec(),
        }]
    }
}

/// Adds a recipient group to a document, after the lines already there; a line the document
/// already has (same name) is not added twice. Returns how many lines were added.
pub fn insert_group(
    doc: &mut Document,
    name: &str,
    members: &[String],
    expand: bool,
    place: GroupPlace,
) -> usize {
    let key = |n: &str| vanban_core::validate::unit_key(n);
    let mut added = 0;
    for line in group_lines(name, members, expand) {
        let present = match place {
            GroupPlace::Addressees => doc
                .addressees
                .iter()
                .any(|a| key(&a.name) == key(&line.name)),
            GroupPlace::Recipients => doc.recipients.entries.iter().any(|e| match e {
                RecipientEntry::Single(r) => key(&r.name) == key(&line.name),
                RecipientEntry::Group(g) => {
                    g.members.iter().any(|r| key(&r.name) == key(&line.name))
                }
            }),
        };
        if present {
            continue;
        }
        match place {
            GroupPlace::Addressees => doc.addressees.push(line),
            GroupPlace::Recipients => doc.recipients.entries.push(RecipientEntry::Single(line)),
        }
        added += 1;
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_reads_and_is_named_after_its_file() {
        for t in SHIPPED {
            let doc = t.document();
            assert!(
                !doc.body.is_empty(),
                "{}: a template brings the usual sections",
                t.name
            );
        }
        assert_eq!(SHIPPED.len(), 6);
    }

    #[test]
    fn a_group_goes_in_as_one_line_covering_its_members_or_expanded() {
        let members = vec![
            "UBND thành phố Lạng Sơn".to_owned(),
            "UBND huyện Cao Lộc".to_owned(),
        ];
        let mut doc = shipped("cong-van-huong-dan").expect("shipped").document();
        let before = doc.addressees.len();
        // The template already has "UBND các huyện, thành phố": not added twice.
        let n = insert_group(
            &mut doc,
            "UBND các huyện, thành phố",
            &members,
            false,
            GroupPlace::Addressees,
        );
        assert_eq!((n, doc.addressees.len()), (0, before));
        let n = insert_group(
            &mut doc,
            "UBND các huyện, thành phố",
            &members,
            true,
            GroupPlace::Recipients,
        );
        assert_eq!(n, 2);
        let names: Vec<String> = doc
            .recipients
            .entries
            .iter()
            .filter_map(|e| match e {
                RecipientEntry::Single(r) => Some(r.name.clone()),
                RecipientEntry::Group(_) => None,
            })
            .collect();
        assert_eq!(names, members);
        let one = group_lines("Các sở, ban, ngành tỉnh", &members, false);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].includes, members);
    }

    #[test]
    fn a_document_saved_as_a_template_loses_its_number_date_and_marks_only() {
        let mut doc = shipped("giay-moi").expect("shipped").document();
        doc.header.number = Some(12);
        doc.header.date = Some(IssueDate {
            year: 2025,
            month: Some(3),
            day: Some(5),
        });
        doc.header.urgency = Some(vanban_core::model::Urgency::Khan);
        doc.subject = "Dự hội nghị".into();
        let t = from_document(&doc);
        assert_eq!(
            (t.header.number, t.header.date, t.header.urgency),
            (None, None, None)
        );
        assert_eq!(t.subject, "Dự hội nghị");
        assert_eq!(t.body, doc.body);
    }

    #[test]
    fn initials_of_a_vietnamese_name() {
        assert_eq!(initials("Nguyễn Văn An"), "NVA");
        assert_eq!(initials("đặng thị ánh"), "ĐTÁ");
    }
}
