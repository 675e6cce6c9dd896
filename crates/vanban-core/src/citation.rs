//! Reading a legal reference written the usual way into a [`LegalReference`], so that users can
//! paste citations instead of filling five fields:
//!
//! "Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ phê duyệt Đề án …"
//! → type "Quyết định", number "1588/QĐ-TTg", date 2024-12-17, issuer "Thủ tướng Chính phủ",
//! subject "phê duyệt Đề án …".
//!
//! The parser never panics, whatever the input (see the fuzz target `citation` and the property
//! tests below).

use crate::model::{CalendarDate, LegalReference};
use crate::text::to_nfc;

/// Why a text could not be read as a reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CitationError {
    /// Nothing but white space.
    #[error("Trích dẫn trống.")]
    Empty,
    /// Does not start with a known document type.
    #[error(
        "Không nhận ra loại văn bản ở đầu “{start}”; trích dẫn phải bắt đầu bằng loại văn bản (Luật, Nghị định, Quyết định, Kế hoạch…)."
    )]
    UnknownType {
        /// The first words of the text.
        start: String,
    },
    /// "số" is not followed by a number and symbol.
    #[error("Sau chữ “số” phải là số và ký hiệu văn bản, ví dụ “1588/QĐ-TTg”.")]
    MissingNumber,
    /// A date that is not written dd/mm/yyyy or "dd tháng mm năm yyyy".
    #[error("Không đọc được ngày “{text}”; hãy viết dạng ngày/tháng/năm, ví dụ 17/12/2024.")]
    BadDate {
        /// The date as written.
        text: String,
    },
    /// Only a type, with nothing to identify the document.
    #[error("Trích dẫn chỉ có loại văn bản “{doc_type}”, thiếu số hiệu hoặc tên văn bản.")]
    Incomplete {
        /// The type found.
        doc_type: String,
    },
}

/// Types a citation may start with, longest first so that "Nghị quyết liên tịch" wins over
/// "Nghị quyết".
const TYPES: &[&str] = &[
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Hiến pháp",
    "Bộ luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Chỉ thị",
    "Quy chế",
    "Quy định",
    "Thông cáo",
    "Thông báo",
    "Hướng dẫn",
    "Chương trình",
    "Kế hoạch",
    "Phương án",
    "Đề án",
    "Dự án",
    "Báo cáo",
    "Biên bản",
    "Tờ trình",
    "Hợp đồng",
    "Công văn",
    "Công điện",
    "Kết luận",
    "Văn bản",
    "Luật",
    "Lệnh",
];

/// Words that start the subject after the issuer ("… của UBND tỉnh về …").
const SUBJECT_STARTS: &[&str] = &[
    "về",
    "phê duyệt",
    "ban hành",
    "thực hiện",
    "triển khai",
    "quy định",
    "hướng dẫn",
    "sửa đổi",
    "bổ sung",
    "tiếp tục",
    "thúc đẩy",
    "tổ chức",
    "công bố",
    "giao",
    "phân công",
    "kiện toàn",
    "thành lập",
    "đẩy mạnh",
    "tăng cường",
    "chỉ đạo",
];

/// Reads one reference.
pub fn parse(input: &str) -> Result<LegalReference, CitationError> {
    let text = to_nfc(input);
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err(CitationError::Empty);
    }
    let (doc_type, mut i) = match_type(&words).ok_or_else(|| CitationError::UnknownType {
        start: words.iter().take(4).copied().collect::<Vec<_>>().join(" "),
    })?;
    let mut reference = LegalReference {
        doc_type,
        number: None,
        date: None,
        issuer: None,
        subject: None,
    };

    // "số 1588/QĐ-TTg", or the number straight after the type.
    if words.get(i).is_some_and(|w| w.eq_ignore_ascii_case("số")) {
        let number = words
            .get(i + 1)
            .filter(|w| looks_like_number(w))
            .ok_or(CitationError::MissingNumber)?;
        reference.number = Some(trim_trailing(number).to_owned());
        i += 2;
    } else if words.get(i).is_some_and(|w| looks_like_number(w)) {
        reference.number = Some(trim_trailing(words[i]).to_owned());
        i += 1;
    }

    // "ngày 17/12/2024" or "ngày 17 tháng 12 năm 2024".
    if let Some((date, used)) = date_at(&words, i)? {
        reference.date = Some(date);
        i += used;
    }

    // "của <issuer> <subject>", or directly the subject.
    let rest = &words[i.min(words.len())..];
    if rest.first() == Some(&"của") {
        let after = &rest[1..];
        let split = subject_start(after).unwrap_or(after.len());
        let mut issuer_words = &after[..split];
        // A date written after the issuer: "… của UBND tỉnh ngày 18/6/2024".
        if reference.date.is_none()
            && let Some(pos) = issuer_words.iter().position(|w| *w == "ngày")
            && let Some((date, used)) = date_at(issuer_words, pos)?
            && pos + used == issuer_words.len()
        {
            reference.date = Some(date);
            issuer_words = &issuer_words[..pos];
        }
        reference.issuer = clause(issuer_words);
        reference.subject = clause(&after[split..]);
    } else {
        reference.subject = clause(rest);
    }

    if reference.number.is_none() && reference.subject.is_none() && reference.issuer.is_none() {
        return Err(CitationError::Incomplete {
            doc_type: reference.doc_type,
        });
    }
    Ok(reference)
}

/// Reads a pasted list of references separated by ";" or new lines, each on its own; quotes
/// and parentheses are respected ("Đề án “A; B”" stays whole).
pub fn parse_list(input: &str) -> Vec<Result<LegalReference, CitationError>> {
    split_list(input)
        .into_iter()
        .map(|part| {
            let part = part.trim();
            let part = part
                .strip_prefix("Căn cứ")
                .or_else(|| part.strip_prefix("Thực hiện"))
                .unwrap_or(part);
            parse(part)
        })
        .collect()
}

/// The parts of a pasted list, as [`parse_list`] cuts them: at ";" or a new line outside
/// quotes and parentheses.
pub fn split_list(input: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (at, ch) in input.char_indices() {
        match ch {
            '“' | '(' | '«' => depth += 1,
            '”' | ')' | '»' => depth = (depth - 1).max(0),
            ';' | '\n' if depth == 0 => {
                parts.push(&input[start..at]);
                start = at + ch.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&input[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

fn match_type(words: &[&str]) -> Option<(String, usize)> {
    for t in TYPES {
        let parts: Vec<&str> = t.split(' ').collect();
        if words.len() >= parts.len() && parts.iter().zip(words).all(|(p, w)| same_word(p, w)) {
            return Some(((*t).to_owned(), parts.len()));
        }
    }
    None
}

fn same_word(expected: &str, word: &str) -> bool {
    expected.to_lowercase() == word.to_lowercase()
}

fn looks_like_number(w: &str) -> bool {
    let w = trim_trailing(w);
    w.chars().next().is_some_and(|c| c.is_ascii_digit()) && (w.contains('/') || w.contains('-'))
}

/// Words joined back into a clause without its end punctuation; nothing when that leaves
/// nothing.
fn clause(words: &[&str]) -> Option<String> {
    let text = words.join(" ");
    let text = trim_trailing(&text);
    (!text.is_empty()).then(|| text.to_owned())
}

/// Without the punctuation (and the spaces around it) that ends a clause.
fn trim_trailing(s: &str) -> &str {
    s.trim_end_matches(|c: char| matches!(c, ',' | ';' | '.' | ':') || c.is_whitespace())
}

fn subject_start(words: &[&str]) -> Option<usize> {
    (1..words.len()).find(|&k| {
        SUBJECT_STARTS.iter().any(|start| {
            let parts: Vec<&str> = start.split(' ').collect();
            words.len() >= k + parts.len() && parts.iter().zip(&words[k..]).all(|(p, w)| p == w)
        })
    })
}

/// A date at `words[i]` ("ngày" then the date); how many words it took.
fn date_at(words: &[&str], i: usize) -> Result<Option<(CalendarDate, usize)>, CitationError> {
    if words.get(i) != Some(&"ngày") {
        return Ok(None);
    }
    let Some(first) = words.get(i + 1) else {
        return Err(CitationError::BadDate {
            text: String::new(),
        });
    };
    let first = trim_trailing(first);
    // dd/mm/yyyy or dd-mm-yyyy
    let parts: Vec<&str> = first.split(['/', '-', '.']).collect();
    if parts.len() == 3 {
        return numeric(parts[0], parts[1], parts[2])
            .map(|d| Some((d, 2)))
            .ok_or_else(|| CitationError::BadDate {
                text: first.to_owned(),
            });
    }
    // dd tháng mm năm yyyy
    if let (Some(t), Some(m), Some(n), Some(y)) = (
        words.get(i + 2),
        words.get(i + 3),
        words.get(i + 4),
        words.get(i + 5),
    ) && *t == "tháng"
        && *n == "năm"
    {
        let y = trim_trailing(y);
        return numeric(first, m, y)
            .map(|d| Some((d, 6)))
            .ok_or_else(|| CitationError::BadDate {
                text: format!("{first} tháng {m} năm {y}"),
            });
    }
    Err(CitationError::BadDate {
        text: first.to_owned(),
    })
}

fn numeric(d: &str, m: &str, y: &str) -> Option<CalendarDate> {
    let small = |s: &str| -> Option<u8> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(CalendarDate {
        year: y.parse().ok()?,
        month: small(m)?,
        day: small(d)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::reference_text;
    use proptest::prelude::*;

    #[test]
    fn a_decision_of_the_prime_minister() {
        let r = parse("Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ phê duyệt Đề án “Tuyên truyền, phổ biến”")
            .expect("parses");
        assert_eq!(r.doc_type, "Quyết định");
        assert_eq!(r.number.as_deref(), Some("1588/QĐ-TTg"));
        assert_eq!(r.date, Some(CalendarDate::new(2024, 12, 17)));
        assert_eq!(r.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(
            r.subject.as_deref(),
            Some("phê duyệt Đề án “Tuyên truyền, phổ biến”")
        );
    }

    #[test]
    fn a_subject_that_cites_another_document_keeps_it() {
        let text = "Quyết định số 1092/QĐ-BTTTT ngày 16/6/2022 của Bộ trưởng Bộ Thông tin và Truyền thông phê duyệt Kế hoạch triển khai Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia";
        let r = parse(text).expect("parses");
        assert_eq!(
            r.issuer.as_deref(),
            Some("Bộ trưởng Bộ Thông tin và Truyền thông")
        );
        assert_eq!(r.date, Some(CalendarDate::new(2022, 6, 16)));
        assert_eq!(reference_text(&r), text);
    }

    #[test]
    fn a_party_resolution_and_a_plan_without_number() {
        let r = parse("Nghị quyết số 21-NQ/TU của Ban Thường vụ Tỉnh ủy về chuyển đổi số")
            .expect("parses");
        assert_eq!(r.number.as_deref(), Some("21-NQ/TU"));
        assert_eq!(r.issuer.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
        let r = parse("Kế hoạch chuyển đổi số năm 2022").expect("parses");
        assert_eq!(
            (r.number, r.subject.as_deref()),
            (None, Some("chuyển đổi số năm 2022"))
        );
    }

    #[test]
    fn a_law_and_a_date_in_words() {
        let r = parse("Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023").expect("parses");
        assert_eq!(r.doc_type, "Luật");
        assert_eq!(
            r.subject.as_deref(),
            Some("Giao dịch điện tử ngày 22 tháng 6 năm 2023")
        );
        let r = parse(
            "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư",
        )
        .expect("parses");
        assert_eq!(r.date, Some(CalendarDate::new(2020, 3, 5)));
    }

    #[test]
    fn a_date_after_the_issuer() {
        let r =
            parse("Quyết định số 16/2024/QĐ-UBND của UBND tỉnh ngày 18/6/2024").expect("parses");
        assert_eq!(r.issuer.as_deref(), Some("UBND tỉnh"));
        assert_eq!(r.date, Some(CalendarDate::new(2024, 6, 18)));
    }

    #[test]
    fn trailing_punctuation_and_spaces_are_dropped() {
        // Found by the fuzzer: "lệnh\t nh\t ;" kept a space before the semicolon.
        let r = parse("lệnh\t nh\t ;").expect("parses");
        assert_eq!(r.subject.as_deref(), Some("nh"));
        assert_eq!(reference_text(&r), "Lệnh nh");
    }

    #[test]
    fn a_lone_semicolon_is_no_subject() {
        // Found by the fuzzer: "lệnh 0/000p ;" gave an empty subject and a trailing space.
        let r = parse("lệnh 0/000p ;").expect("parses");
        assert_eq!(
            (r.number.as_deref(), r.subject.as_deref()),
            (Some("0/000p"), None)
        );
        assert_eq!(reference_text(&r), "Lệnh số 0/000p");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse("   "), Err(CitationError::Empty));
        assert!(matches!(
            parse("Theo ý kiến chỉ đạo"),
            Err(CitationError::UnknownType { .. })
        ));
        assert_eq!(
            parse("Quyết định số ngày 1/1/2020"),
            Err(CitationError::MissingNumber)
        );
        assert!(matches!(
            parse("Quyết định số 1/QĐ-TTg ngày mùng một"),
            Err(CitationError::BadDate { .. })
        ));
        assert!(matches!(
            parse("Nghị định"),
            Err(CitationError::Incomplete { .. })
        ));
    }

    #[test]
    fn an_impossible_date_is_read_and_left_to_validation() {
        let r =
            parse("Quyết định số 1/QĐ-UBND ngày 30/02/2024 của UBND tỉnh").expect("shape is right");
        assert_eq!(r.date.map(CalendarDate::is_valid), Some(false));
    }

    #[test]
    fn a_pasted_list_splits_on_semicolons_outside_quotes() {
        let list = parse_list(
            "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày “A; B”;\nKế hoạch số 136/KH-UBND ngày 10/6/2022 của UBND tỉnh",
        );
        assert_eq!(list.len(), 2);
        assert!(list.iter().all(Result::is_ok));
    }

    fn issuer() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Thủ tướng Chính phủ".to_owned()),
            Just("UBND tỉnh".to_owned()),
            Just("Bộ trưởng Bộ Thông tin và Truyền thông".to_owned()),
            Just("Ban Thường vụ Tỉnh ủy".to_owned()),
            Just("Chính phủ".to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = parse(&s);
            let _ = parse_list(&s);
        }

        #[test]
        fn never_panics_on_citation_like_text(s in "(Quyết định|Luật|Kế hoạch)( số| ngày| của| về|[0-9/-]{1,12}|[a-zà-ỹ]{1,6}| tháng| năm){0,12}") {
            let _ = parse(&s);
        }

        #[test]
        fn written_references_read_back(
            t in 0usize..TYPES.len(),
            n in 1u32..20000,
            sym in "[A-ZĐ]{1,4}-[A-Z][A-Za-z]{1,5}",
            (y, m, d) in (1990i32..2030, 1u8..=12, 1u8..=28),
            who in issuer(),
            subject in prop_oneof![Just(None), Just(Some("về chuyển đổi số".to_owned())), Just(Some("phê duyệt Đề án “Tuyên truyền”".to_owned()))],
        ) {
            let r = LegalReference {
                doc_type: TYPES[t].to_owned(),
                number: Some(format!("{n}/{sym}")),
                date: Some(CalendarDate::new(y, m, d)),
                issuer: Some(who),
                subject,
            };
            let text = reference_text(&r);
            prop_assert_eq!(parse(&text), Ok(r));
        }
    }
}
