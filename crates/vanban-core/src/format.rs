//! The decree's formatting rules as functions (nd30.md §4, §6, §7, §9): number padding, the
//! date line, the ký hiệu, the "Kèm theo" line, recipient punctuation, authority lines.

use crate::doctype::DocumentType;
use crate::model::{
    ArchiveLine, CalendarDate, DateStyle, DrafterCodeStyle, Frequency, IssueDate, LegalReference,
    Recipient, RecipientEntry, Recipients, SignatureBlock, TaskTime,
};
use crate::numbering::roman;
use crate::text::upper;

/// The gap printed where a draft's number or day is still to be filled in.
pub const BLANK: &str = "      ";

/// The outgoing number: two digits below 10 ("01" … "09"), as is from 10 on.
pub fn pad_number(n: u32) -> String {
    format!("{n:02}")
}

/// The day as printed: two digits below 10.
pub fn day(d: u8) -> String {
    format!("{d:02}")
}

/// The month as printed: January and February with a leading zero ("01", "02"), the others
/// without ("3" … "12").
pub fn month(m: u8) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// A part of the document that the registry fills in when it issues: the number and the parts
/// of the date. Before issue they print as blanks; a document signed before issue keeps a
/// fixed-width space for each, and the agency's signature writes the values into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The outgoing number ("12").
    Number,
    /// The day of the date ("05").
    Day,
    /// The month ("3", "01").
    Month,
    /// The year ("2025").
    Year,
}

/// A piece of a line that holds fields: fixed text, or a field with its value when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text printed as it is.
    Text(String),
    /// A field, with the value printed for it (`None`: still blank).
    Field(Field, Option<String>),
}

/// The line as printed: each blank field as [`BLANK`].
pub fn join(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Field(_, Some(v)) => v.as_str(),
            Piece::Field(_, None) => BLANK,
        })
        .collect()
}

fn text(s: impl Into<String>) -> Piece {
    Piece::Text(s.into())
}

fn date_fields(date: Option<IssueDate>) -> [Piece; 3] {
    let (d, m, y) = match date {
        None => (None, None, None),
        Some(date) => (date.day, date.month, Some(date.year)),
    };
    [
        Piece::Field(Field::Day, d.map(day)),
        Piece::Field(Field::Month, m.map(month)),
        Piece::Field(Field::Year, y.map(|y| y.to_string())),
    ]
}

/// "ngày 05 tháng 10 năm 2022" as pieces.
pub fn date_words_pieces(date: Option<IssueDate>) -> Vec<Piece> {
    let [d, m, y] = date_fields(date);
    vec![text("ngày "), d, text(" tháng "), m, text(" năm "), y]
}

/// "ngày 05 tháng 10 năm 2022", with blanks for the parts a draft has not filled in.
pub fn date_words(date: Option<IssueDate>) -> String {
    join(&date_words_pieces(date))
}

/// The date line of the header (ô 4) as pieces.
pub fn date_line_pieces(place: &str, date: Option<IssueDate>) -> Vec<Piece> {
    let mut pieces = vec![text(format!("{place}, "))];
    pieces.extend(date_words_pieces(date));
    pieces
}

/// The date line of the header (ô 4): "Lạng Sơn, ngày 05 tháng 10 năm 2022".
pub fn date_line(place: &str, date: Option<IssueDate>) -> String {
    join(&date_line_pieces(place, date))
}

/// A date in a citation: "10/6/2022", "06/01/2022" (same padding as the date line).
pub fn numeric_date(date: CalendarDate) -> String {
    format!("{}/{}/{}", day(date.day), month(date.month), date.year)
}

/// A partly known date in numeric form as pieces: "05/3/2025".
pub fn numeric_issue_date_pieces(date: Option<IssueDate>) -> Vec<Piece> {
    let [d, m, y] = date_fields(date);
    vec![d, text("/"), m, text("/"), y]
}

/// A partly known date in numeric form: "     /01/2025".
pub fn numeric_issue_date(date: Option<IssueDate>) -> String {
    join(&numeric_issue_date_pieces(date))
}

/// Why a ký hiệu cannot be formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SymbolError {
    /// The issuing body has no abbreviation.
    #[error("the issuing body has no abbreviation")]
    MissingIssuerAbbreviation,
    /// A công văn needs the drafting unit's abbreviation.
    #[error("a công văn needs the drafting unit's abbreviation")]
    MissingUnitAbbreviation,
    /// An abbreviation holds a space, a slash or a hyphen.
    #[error("abbreviation `{0}` may hold only letters and digits")]
    BadAbbreviation(String),
}

/// Whether an abbreviation may stand in a ký hiệu: letters (Vietnamese included) and digits,
/// no spaces, "/" or "-" (those separate the parts), and "&" as in "PT&TH".
pub fn is_valid_abbreviation(abbr: &str) -> bool {
    !abbr.is_empty() && abbr.chars().all(|c| c.is_alphanumeric() || c == '&')
}

/// The ký hiệu: "KH-UBND" for typed documents, "UBND-VX" for công văn (nd30.md §4).
pub fn symbol(
    doc_type: DocumentType,
    issuer: Option<&str>,
    unit: Option<&str>,
) -> Result<String, SymbolError> {
    let issuer = issuer
        .filter(|s| !s.is_empty())
        .ok_or(SymbolError::MissingIssuerAbbreviation)?;
    let check = |a: &str| {
        if is_valid_abbreviation(a) {
            Ok(())
        } else {
            Err(SymbolError::BadAbbreviation(a.to_owned()))
        }
    };
    check(issuer)?;
    match doc_type.info().abbreviation {
        Some(type_abbr) => Ok(format!("{type_abbr}-{issuer}")),
        None => {
            let unit = unit
                .filter(|s| !s.is_empty())
                .ok_or(SymbolError::MissingUnitAbbreviation)?;
            check(unit)?;
            Ok(format!("{issuer}-{unit}"))
        }
    }
}

/// "12/KH-UBND" as pieces.
pub fn number_and_symbol_pieces(number: Option<u32>, symbol: &str) -> Vec<Piece> {
    vec![
        Piece::Field(Field::Number, number.map(pad_number)),
        text(format!("/{symbol}")),
    ]
}

/// "12/KH-UBND", or "      /KH-UBND" before the number is given.
pub fn number_and_symbol(number: Option<u32>, symbol: &str) -> String {
    join(&number_and_symbol_pieces(number, symbol))
}

/// "Số: 12/KH-UBND" (ô 3) as pieces.
pub fn number_line_pieces(number: Option<u32>, symbol: &str) -> Vec<Piece> {
    let mut pieces = vec![text("Số: ")];
    pieces.extend(number_and_symbol_pieces(number, symbol));
    pieces
}

/// "Số: 12/KH-UBND" (ô 3).
pub fn number_line(number: Option<u32>, symbol: &str) -> String {
    join(&number_line_pieces(number, symbol))
}

/// The reference line under an appendix title: "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05
/// tháng 3 năm 2026 của UBND tỉnh Long An)".
pub fn kem_theo_line(
    doc_type: DocumentType,
    number: Option<u32>,
    symbol: &str,
    date: Option<IssueDate>,
    style: DateStyle,
    issuer: &str,
) -> String {
    join(&kem_theo_pieces(
        doc_type, number, symbol, date, style, issuer,
    ))
}

/// The "(Kèm theo …)" line as pieces.
pub fn kem_theo_pieces(
    doc_type: DocumentType,
    number: Option<u32>,
    symbol: &str,
    date: Option<IssueDate>,
    style: DateStyle,
    issuer: &str,
) -> Vec<Piece> {
    let mut pieces = vec![text(format!("(Kèm theo {} số ", doc_type.info().name))];
    pieces.extend(number_and_symbol_pieces(number, symbol));
    pieces.push(text(" "));
    match style {
        DateStyle::Words => pieces.extend(date_words_pieces(date)),
        DateStyle::Numeric => {
            pieces.push(text("ngày "));
            pieces.extend(numeric_issue_date_pieces(date));
        }
    }
    pieces.push(text(format!(" của {issuer})")));
    pieces
}

/// A citation as written in running text: "Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ
/// tướng Chính phủ về Ngày Chuyển đổi số quốc gia".
pub fn reference_text(r: &LegalReference) -> String {
    let mut out = r.doc_type.clone();
    if let Some(number) = &r.number {
        out.push_str(" số ");
        out.push_str(number);
    }
    if let Some(date) = r.date {
        out.push_str(" ngày ");
        out.push_str(&numeric_date(date));
    }
    if let Some(issuer) = &r.issuer {
        out.push_str(" của ");
        out.push_str(issuer);
    }
    if let Some(subject) = &r.subject {
        out.push(' ');
        out.push_str(subject);
    }
    out
}

/// A later citation of a document already cited in full: "Quyết định số 505/QĐ-TTg" (type
/// and number only, nd30.md §5). A document without a number (a law) is always cited by name.
pub fn short_reference_text(r: &LegalReference) -> String {
    match &r.number {
        Some(number) => format!("{} số {number}", r.doc_type),
        None => reference_text(r),
    }
}

/// The text of one recipient line without its marker and end punctuation.
fn recipient_text(r: &Recipient) -> String {
    let name = r.name.trim().trim_end_matches([';', '.', ',']).trim_end();
    match &r.note {
        Some(note) => format!("{name} ({})", note.trim().trim_matches(['(', ')'])),
        None => name.to_owned(),
    }
}

/// The "Lưu" line without the leading "- ", always ending with ".": "Lưu: VT, KGVX(HTHT).",
/// "Lưu: VT, TCCB 02. PL.(300)." (the decree's specimen), "Lưu: VT, CNTT. KV (01)." (the
/// spaced style). Counts are padded like numbers ("01").
pub fn archive_text(a: &ArchiveLine) -> String {
    let clean = |s: &str| s.trim().trim_end_matches(['.', ',', ';']).trim().to_owned();
    let drafter = a.drafter.as_deref().map(clean).filter(|d| !d.is_empty());
    let spaced = a.code_style == DrafterCodeStyle::Spaced;
    // The drafter is a code of its own after the units (ô 12) when copies issued are given or
    // the spaced style is chosen; otherwise in parentheses after the last unit.
    let code_apart = a.issued_copies.is_some() || spaced;
    let mut units: Vec<String> = a
        .units
        .iter()
        .map(|u| clean(u))
        .filter(|u| !u.is_empty())
        .collect();
    if let Some(drafter) = drafter.as_ref().filter(|_| !code_apart) {
        match units.last_mut() {
            Some(last) => last.push_str(&format!("({drafter})")),
            None => units.push(drafter.clone()),
        }
    }
    let mut parts = vec!["VT".to_owned()];
    parts.extend(units);
    let mut line = format!("Lưu: {}", parts.join(", "));
    if let Some(copies) = a.copies {
        line.push(' ');
        line.push_str(&pad_number(copies));
    }
    if code_apart && (drafter.is_some() || a.issued_copies.is_some()) {
        line.push_str(". ");
        let code = drafter.as_deref().map(upper).unwrap_or_default();
        line.push_str(&code);
        if let Some(issued) = a.issued_copies {
            if spaced && !code.is_empty() {
                line.push(' ');
            } else if !spaced && !code.is_empty() {
                line.push('.');
            }
            line.push_str(&format!("({})", pad_number(issued)));
        }
    }
    line.push('.');
    line
}

/// One printed line of the Nơi nhận list, with the label of a bracketed group beside the
/// middle line of its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientLine {
    /// "- UBND tỉnh (B/c);"
    pub text: String,
    /// The label of the group this line is the middle of ("Báo cáo").
    pub group_label: Option<String>,
    /// Whether the line belongs to a bracketed group.
    pub in_group: bool,
}

/// The Nơi nhận lines: "- Như trên;" first when the document has addressees, every line
/// "- …;" and the last "- Lưu: VT, ….".
pub fn recipient_lines(recipients: &Recipients, has_addressees: bool) -> Vec<RecipientLine> {
    let mut lines = Vec::new();
    if has_addressees {
        lines.push(RecipientLine {
            text: "- Như trên;".into(),
            group_label: None,
            in_group: false,
        });
    }
    for entry in &recipients.entries {
        match entry {
            RecipientEntry::Single(r) => lines.push(RecipientLine {
                text: format!("- {};", recipient_text(r)),
                group_label: None,
                in_group: false,
            }),
            RecipientEntry::Group(g) => {
                let middle = g.members.len().saturating_sub(1) / 2;
                for (i, r) in g.members.iter().enumerate() {
                    lines.push(RecipientLine {
                        text: format!("- {};", recipient_text(r)),
                        group_label: (i == middle).then(|| g.label.clone()),
                        in_group: true,
                    });
                }
            }
        }
    }
    lines.push(RecipientLine {
        text: format!("- {}", archive_text(&recipients.archive)),
        group_label: None,
        in_group: false,
    });
    lines
}

/// The "Kính gửi" lines (ô 9a): one addressee on the label's line, several as "- …;" lines
/// ending with ".".
pub fn addressee_lines(addressees: &[Recipient]) -> Vec<String> {
    match addressees {
        [] => Vec::new(),
        [one] => vec![format!("Kính gửi: {}.", recipient_text(one))],
        many => {
            let mut lines = vec!["Kính gửi:".to_owned()];
            for (i, r) in many.iter().enumerate() {
                let end = if i + 1 == many.len() { '.' } else { ';' };
                lines.push(format!("- {}{end}", recipient_text(r)));
            }
            lines
        }
    }
}

/// The signer block's lines above the signature, in capitals: "TM. ỦY BAN NHÂN DÂN",
/// "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
pub fn authority_lines(s: &SignatureBlock) -> Vec<String> {
    let mut lines: Vec<String> = s
        .authority
        .iter()
        .map(|a| format!("{} {}", a.kind.prefix(), upper(a.of.trim())))
        .collect();
    lines.push(upper(s.title.trim()));
    lines
}

/// A task's time as printed in a table cell: "Quý I đến Quý IV", "Trước 17h00 ngày 11/5/2022".
pub fn task_time(t: &TaskTime) -> String {
    match t {
        TaskTime::Date { date } => format!("Ngày {}", numeric_date(*date)),
        TaskTime::Deadline { date, hour, minute } => match hour {
            Some(h) => format!(
                "Trước {h}h{:02} ngày {}",
                minute.unwrap_or(0),
                numeric_date(*date)
            ),
            None => format!("Trước ngày {}", numeric_date(*date)),
        },
        TaskTime::Quarters { from, to, year } => {
            let q = |n: u8| format!("Quý {}", roman(u32::from(n)));
            let mut s = if from == to {
                q(*from)
            } else {
                format!("{} đến {}", q(*from), q(*to))
            };
            if let Some(y) = year {
                s.push_str(&format!(" năm {y}"));
            }
            s
        }
        TaskTime::Months {
            from_month,
            from_year,
            to_month,
            to_year,
        } => format!(
            "Tháng {}/{from_year} đến tháng {}/{to_year}",
            month(*from_month),
            month(*to_month)
        ),
        TaskTime::Frequency { every } => frequency(*every).to_owned(),
        TaskTime::Text { text } => text.clone(),
    }
}

/// The Vietnamese words for a frequency.
pub fn frequency(f: Frequency) -> &'static str {
    match f {
        Frequency::Continuous => "Thường xuyên",
        Frequency::Daily => "Hàng ngày",
        Frequency::Weekly => "Hàng tuần",
        Frequency::Monthly => "Hàng tháng",
        Frequency::Quarterly => "Hàng quý",
        Frequency::Yearly => "Hàng năm",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Authority, AuthorityKind, RecipientGroup};
    use proptest::prelude::*;

    fn r(name: &str) -> Recipient {
        Recipient {
            name: name.into(),
            note: None,
            includes: vec![],
        }
    }

    #[test]
    fn the_decree_examples() {
        let d = IssueDate {
            year: 2020,
            month: Some(1),
            day: Some(5),
        };
        assert_eq!(
            date_line("Hà Nội", Some(d)),
            "Hà Nội, ngày 05 tháng 01 năm 2020"
        );
        let d = IssueDate {
            year: 2019,
            month: Some(6),
            day: Some(29),
        };
        assert_eq!(
            date_line("Thành phố Hồ Chí Minh", Some(d)),
            "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
        );
        assert_eq!(number_line(Some(15), "QĐ-BNV"), "Số: 15/QĐ-BNV");
        assert_eq!(number_line(Some(5), "BNV-VP"), "Số: 05/BNV-VP");
        assert_eq!(
            symbol(DocumentType::CongVan, Some("UBND"), Some("VX")).as_deref(),
            Ok("UBND-VX")
        );
        assert_eq!(
            symbol(DocumentType::KeHoach, Some("UBND"), None).as_deref(),
            Ok("KH-UBND")
        );
        assert_eq!(
            symbol(DocumentType::CongVan, Some("UBND"), None),
            Err(SymbolError::MissingUnitAbbreviation)
        );
    }

    #[test]
    fn a_draft_keeps_blanks_for_number_and_date() {
        let line = number_line(None, "KH-UBND");
        assert!(line.starts_with("Số: ") && line.ends_with("/KH-UBND"));
        assert_eq!(
            line.split_whitespace().collect::<Vec<_>>(),
            ["Số:", "/KH-UBND"]
        );
        let d = IssueDate {
            year: 2025,
            month: None,
            day: None,
        };
        assert_eq!(
            date_words(Some(d)).split_whitespace().collect::<Vec<_>>(),
            ["ngày", "tháng", "năm", "2025"]
        );
    }

    #[test]
    fn kem_theo_line_names_the_plan() {
        let d = IssueDate {
            year: 2026,
            month: Some(3),
            day: Some(5),
        };
        assert_eq!(
            kem_theo_line(
                DocumentType::KeHoach,
                Some(12),
                "KH-UBND",
                Some(d),
                DateStyle::Words,
                "Ủy ban nhân dân tỉnh Long An"
            ),
            "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Long An)"
        );
        let partial = IssueDate {
            year: 2025,
            month: Some(1),
            day: None,
        };
        let line = kem_theo_line(
            DocumentType::KeHoach,
            None,
            "KH-UBND",
            Some(partial),
            DateStyle::Numeric,
            "UBND tỉnh Long An",
        );
        assert_eq!(
            line.split_whitespace().collect::<Vec<_>>().join(" "),
            "(Kèm theo Kế hoạch số /KH-UBND ngày /01/2025 của UBND tỉnh Long An)"
        );
    }

    #[test]
    fn recipient_punctuation() {
        let recipients = Recipients {
            entries: vec![
                RecipientEntry::Single(Recipient {
                    name: "UBND tỉnh".into(),
                    note: Some("B/c".into()),
                    includes: vec![],
                }),
                RecipientEntry::Group(RecipientGroup {
                    label: "Báo cáo".into(),
                    members: vec![r("TT Tỉnh ủy;"), r("TT HĐND tỉnh"), r("Chủ tịch")],
                }),
            ],
            archive: ArchiveLine {
                units: vec!["KGVX".into()],
                drafter: Some("HTHT".into()),
                ..Default::default()
            },
        };
        let lines = recipient_lines(&recipients, true);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "- Như trên;",
                "- UBND tỉnh (B/c);",
                "- TT Tỉnh ủy;",
                "- TT HĐND tỉnh;",
                "- Chủ tịch;",
                "- Lưu: VT, KGVX(HTHT)."
            ]
        );
        assert_eq!(lines[3].group_label.as_deref(), Some("Báo cáo"));
        let one = addressee_lines(&[r("Bộ Nội vụ")]);
        assert_eq!(one, ["Kính gửi: Bộ Nội vụ."]);
        let two = addressee_lines(&[r("Bộ Nội vụ"), r("Bộ Tài chính")]);
        assert_eq!(two, ["Kính gửi:", "- Bộ Nội vụ;", "- Bộ Tài chính."]);
    }

    #[test]
    fn archive_with_copies_and_drafter_code() {
        let a = ArchiveLine {
            code_style: DrafterCodeStyle::Specimen,
            units: vec!["TCCB".into()],
            drafter: Some("pl".into()),
            copies: Some(2),
            issued_copies: Some(300),
        };
        assert_eq!(archive_text(&a), "Lưu: VT, TCCB 02. PL.(300).");
        let letter = ArchiveLine {
            code_style: DrafterCodeStyle::Spaced,
            units: vec!["CNTT".into()],
            drafter: Some("KV".into()),
            copies: None,
            issued_copies: Some(1),
        };
        assert_eq!(archive_text(&letter), "Lưu: VT, CNTT. KV (01).");
        let no_count = ArchiveLine {
            issued_copies: None,
            ..letter.clone()
        };
        assert_eq!(archive_text(&no_count), "Lưu: VT, CNTT. KV.");
        let specimen_small = ArchiveLine {
            code_style: DrafterCodeStyle::Specimen,
            ..letter
        };
        assert_eq!(archive_text(&specimen_small), "Lưu: VT, CNTT. KV.(01).");
    }

    #[test]
    fn authority_lines_in_capitals() {
        let s = SignatureBlock {
            authority: vec![
                Authority {
                    kind: AuthorityKind::ThayMat,
                    of: "Ủy ban nhân dân".into(),
                },
                Authority {
                    kind: AuthorityKind::KyThay,
                    of: "Chủ tịch".into(),
                },
            ],
            title: "Phó Chủ tịch".into(),
            name: "Dương Xuân Huyên".into(),
        };
        assert_eq!(
            authority_lines(&s),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
    }

    #[test]
    fn task_times() {
        assert_eq!(
            task_time(&TaskTime::Quarters {
                from: 1,
                to: 4,
                year: None
            }),
            "Quý I đến Quý IV"
        );
        assert_eq!(
            task_time(&TaskTime::Deadline {
                date: CalendarDate::new(2022, 5, 11),
                hour: Some(17),
                minute: None
            }),
            "Trước 17h00 ngày 11/5/2022"
        );
        assert_eq!(
            task_time(&TaskTime::Frequency {
                every: Frequency::Weekly
            }),
            "Hàng tuần"
        );
    }

    proptest! {
        #[test]
        fn numbers_below_ten_get_one_leading_zero(n in 0u32..100_000) {
            let s = pad_number(n);
            prop_assert_eq!(s.parse::<u32>().ok(), Some(n));
            prop_assert_eq!(s.len(), n.to_string().len().max(2));
        }

        #[test]
        fn only_january_and_february_are_padded(y in 1900i32..2200, m in 1u8..=12, d in 1u8..=28) {
            let line = date_words(Some(IssueDate { year: y, month: Some(m), day: Some(d) }));
            let words: Vec<&str> = line.split(' ').collect();
            prop_assert_eq!(words[1].len(), 2);
            prop_assert_eq!(words[1].parse::<u8>().ok(), Some(d));
            prop_assert_eq!(words[3].starts_with('0'), m <= 2);
            prop_assert_eq!(words[3].parse::<u8>().ok(), Some(m));
            prop_assert_eq!(words[5].parse::<i32>().ok(), Some(y));
        }

        #[test]
        fn symbols_join_two_parts_without_spaces(issuer in "[A-ZĐ]{1,6}", unit in "[A-ZĐ]{1,6}", i in 0usize..29) {
            let t = DocumentType::ALL[i];
            let s = symbol(t, Some(&issuer), Some(&unit)).expect("valid abbreviations");
            prop_assert!(!s.contains(' '));
            let parts: Vec<&str> = s.split('-').collect();
            prop_assert_eq!(parts.len(), 2);
            prop_assert_eq!(parts[if t.info().abbreviation.is_some() { 1 } else { 0 }], issuer.as_str());
        }

        #[test]
        fn every_recipient_line_ends_with_a_semicolon_but_the_last(names in proptest::collection::vec("[a-zA-Zà-ỹ ]{1,20}[a-z];?", 0..8)) {
            let recipients = Recipients {
                entries: names.iter().map(|n| RecipientEntry::Single(r(n))).collect(),
                archive: ArchiveLine { units: vec!["VP".into()], ..Default::default() },
            };
            let lines = recipient_lines(&recipients, false);
            let (last, rest) = lines.split_last().expect("the Lưu line is always there");
            prop_assert!(last.text.starts_with("- Lưu: VT") && last.text.ends_with('.'));
            for line in rest {
                prop_assert!(line.text.starts_with("- ") && line.text.ends_with(';') && !line.text.ends_with(";;"));
            }
        }
    }
}
