//! Recognising the parts of an administrative document in a sequence of paragraphs and
//! tables: header, title, preamble, body, recipients, signer, appendices.

use vanban_core::model::{
    Agency, Appendix, AppendixContent, ArchiveLine, Attachment, Authority, AuthorityKind,
    BasisParagraph, Block, ClosingPlacement, Content, DateStyle, DocumentGroup, DrafterCodeStyle,
    IssueDate, LegalBasis, Level, LevelStyle, ListItem, Numbering, NumberingLevels,
    NumberingScheme, Orientation, Recipient, RecipientEntry, RecipientGroup, Recipients, Section,
    SectionRole, SignatureBlock, TableCell, TaskNode, TextTable,
};
use vanban_core::plain::{QUOC_HIEU, TIEU_NGU};
use vanban_core::{DocumentType, RichText, Span};

use crate::source::{Align, Item, Para, drop_prefix, rich_of};
use crate::tasks;
use crate::{Diagnostic, Options, Origin, Reading, Severity};

// ---------------------------------------------------------------------------------------
// Text helpers

fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_upper_text(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['“', '"', '(', '\'', '‘'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_rule(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '_' | '-' | '–' | '—' | '=' | '.'))
}

/// The document type whose title line this is ("KẾ HOẠCH").
fn title_type(s: &str) -> Option<DocumentType> {
    // Cheap test first: a title line is a few words in capitals.
    if s.len() > 60 || s.chars().any(char::is_lowercase) {
        return None;
    }
    let t = squash(s);
    DocumentType::ALL
        .iter()
        .copied()
        .find(|d| d.title_line().is_some_and(|l| l == t))
}

// ---------------------------------------------------------------------------------------
// Markers

/// How a paragraph starts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    /// "I." — the number.
    Roman(u32),
    /// "1." — the number.
    Arabic(u32),
    /// "1.1." — the numbers.
    Decimal(Vec<u32>),
    /// "a)" — the 1-based letter index.
    Letter(u32),
    /// "Điều 1." — the number.
    Article(u32),
    /// "-", "+", "*", "•", "–", "(1)", "1)" — the marker as printed.
    List(String),
}

impl Mark {
    fn kind(&self) -> Kind {
        match self {
            Mark::Roman(_) => Kind::Roman,
            Mark::Arabic(_) => Kind::Arabic,
            Mark::Decimal(v) => Kind::Decimal(v.len()),
            Mark::Letter(_) => Kind::Letter,
            Mark::Article(_) => Kind::Article,
            Mark::List(_) => Kind::List,
        }
    }
    fn number(&self) -> u32 {
        match self {
            Mark::Roman(n) | Mark::Arabic(n) | Mark::Letter(n) | Mark::Article(n) => *n,
            Mark::Decimal(v) => v.last().copied().unwrap_or(1),
            Mark::List(_) => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Roman,
    Arabic,
    Decimal(usize),
    Letter,
    Article,
    List,
}

fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    let value = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let chars: Vec<u32> = s.chars().map(value).collect();
    let mut total = 0;
    for (i, v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|n| n > v) {
            total -= *v as i32;
        } else {
            total += *v as i32;
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0)
}

fn letter_index(s: &str) -> Option<u32> {
    vanban_core::numbering::LETTERS
        .iter()
        .position(|l| *l == s)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The marker a paragraph starts with and its length in characters (with the space after).
fn mark_of(text: &str) -> Option<(Mark, usize)> {
    let t = text.trim_start();
    let lead = 0;
    let first_word: &str = t.split(char::is_whitespace).next().unwrap_or("");
    let word_len = first_word.chars().count();
    let rest_starts =
        t[first_word.len()..].starts_with(char::is_whitespace) || t.len() == first_word.len();
    let with = |m: Mark, n: usize| Some((m, lead + n));
    // Bullets.
    for b in ["-", "+", "*", "•", "–", "o"] {
        if first_word == b && rest_starts && t.len() > first_word.len() {
            return with(Mark::List(b.to_owned()), word_len + 1);
        }
    }
    if let Some(c) = t.chars().next()
        && matches!(c, '-' | '+' | '•' | '–')
        && t.chars()
            .nth(1)
            .is_some_and(|n| n.is_alphabetic() || n == '“')
        && c != '-'
    {
        return with(Mark::List(c.to_string()), 1);
    }
    if !rest_starts {
        // "Điều 1." is two words.
        return None;
    }
    if first_word == "Điều" {
        let second = t[first_word.len()..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let n = second.trim_end_matches(['.', ':']);
        if (second.ends_with('.') || second.ends_with(':') || second.len() == n.len())
            && let Ok(v) = n.parse::<u32>()
        {
            let skip = t[first_word.len()..].find(second).unwrap_or(0) + first_word.len();
            let len = t[..skip + second.len()].chars().count();
            return with(Mark::Article(v), len + 1);
        }
        return None;
    }
    // "(1)"
    if let Some(inner) = first_word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        && !inner.is_empty()
        && inner.len() <= 3
        && (inner.bytes().all(|b| b.is_ascii_digit()) || letter_index(inner).is_some())
    {
        return with(Mark::List(first_word.to_owned()), word_len + 1);
    }
    if let Some(inner) = first_word.strip_suffix(')') {
        if let Some(n) = letter_index(inner) {
            return with(Mark::Letter(n), word_len + 1);
        }
        if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
            return with(Mark::List(first_word.to_owned()), word_len + 1);
        }
        return None;
    }
    let Some(body) = first_word.strip_suffix('.') else {
        // "1.1" without the final dot.
        if first_word.contains('.')
            && first_word
                .split('.')
                .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let v: Vec<u32> = first_word
                .split('.')
                .filter_map(|p| p.parse().ok())
                .collect();
            if v.len() >= 2 {
                return with(Mark::Decimal(v), word_len + 1);
            }
        }
        return None;
    };
    if let Some(n) = roman_value(body) {
        return with(Mark::Roman(n), word_len + 1);
    }
    let parts: Vec<&str> = body.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let v: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        return match v.len() {
            1 => with(Mark::Arabic(v[0]), word_len + 1),
            _ => with(Mark::Decimal(v), word_len + 1),
        };
    }
    None
}

// ---------------------------------------------------------------------------------------
// Joining lines into paragraphs

fn is_para_start(text: &str) -> bool {
    let t = text.trim_start();
    mark_of(t).is_some()
        || t.starts_with("Nơi nhận")
        || t.starts_with("Kính gửi")
        || t.starts_with("Căn cứ ")
        || is_appendix_heading(t)
        || is_rule(t)
}

/// A web address broken at a line's end ("…/folders/11YY" + "8dZo4?usp=sharing"): the next
/// line starts with the rest of it, in ASCII with an address's characters (a digit, "/", "?",
/// "=", "_", "%", "&", "#").
fn url_goes_on(last_word: &str, next_line: &str) -> bool {
    let in_address = last_word.contains("://") || last_word.starts_with("www.");
    let rest = next_line.split_whitespace().next().unwrap_or("");
    in_address
        && !last_word.ends_with([',', ';', ')', '.'])
        && !rest.is_empty()
        && rest.is_ascii()
        && rest
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '/' | '?' | '=' | '_' | '%' | '&' | '#'))
}

/// Joins the lines of PDF and text sources into paragraphs; whole paragraphs (DOCX) and
/// tables pass through.
fn join_lines(items: &[Item]) -> Vec<Item> {
    // How long a full line is around each line: portrait pages and landscape appendices hold
    // lines of different lengths, so it is measured over the neighbouring lines.
    let lens: Vec<Option<usize>> = items
        .iter()
        .map(|i| match i {
            Item::Para(p) if p.line => Some(p.text().trim().chars().count()),
            _ => None,
        })
        .collect();
    let full_at = |idx: usize| {
        const AROUND: usize = 30;
        let mut near: Vec<usize> = lens
            [idx.saturating_sub(AROUND)..(idx + AROUND + 1).min(lens.len())]
            .iter()
            .flatten()
            .copied()
            .filter(|&l| l > 0)
            .collect();
        near.sort_unstable();
        near.get(near.len().saturating_mul(85) / 100)
            .copied()
            .unwrap_or(80)
            .max(20)
    };
    let mut out: Vec<Item> = Vec::new();
    let mut open = false;
    let mut prev_full = false;
    for (idx, item) in items.iter().enumerate() {
        let Item::Para(p) = item else {
            out.push(item.clone());
            open = false;
            continue;
        };
        if !p.line {
            out.push(item.clone());
            open = false;
            continue;
        }
        let text = p.text();
        let t = text.trim();
        // "(7) …" at the start of a line after a full line goes on with the enumeration.
        let inline_enumeration =
            prev_full && matches!(mark_of(t), Some((Mark::List(m), _)) if m.ends_with(')'));
        if open
            && (!is_para_start(t) || inline_enumeration)
            && let Some(Item::Para(prev)) = out.last_mut()
        {
            // "136/KH-" + "UBND": a number and symbol broken at its hyphen joins up.
            let prev_text = prev.text();
            let last_word = prev_text.split_whitespace().last().unwrap_or("");
            let glued = (last_word.len() > 1
                && last_word.ends_with('-')
                && last_word.contains('/')
                && t.chars().next().is_some_and(char::is_uppercase))
                || url_goes_on(last_word, t);
            if !glued {
                prev.spans.push(Span::plain(" "));
            } else if let Some(last) = prev.spans.last_mut() {
                let trimmed = last.text.trim_end().len();
                last.text.truncate(trimmed);
            }
            prev.spans.extend(p.spans.iter().cloned());
        } else {
            out.push(item.clone());
        }
        // Does the paragraph go on after this line?
        let next_para = items.get(idx + 1).and_then(|i| match i {
            Item::Para(n) if n.line => Some(n),
            _ => None,
        });
        let next = next_para.map(Para::text);
        let next_indented = next_para.and_then(|n| n.indent).is_some_and(|i| i > 1.0);
        let Some(next) = next else {
            open = false;
            continue;
        };
        let n = next.trim();
        let len = t.chars().count();
        // A line is short when the next line's first word would have fitted on it.
        let next_word = n.split_whitespace().next().map_or(0, |w| w.chars().count());
        let short = match p.room {
            // About half an em a letter, and a space.
            Some(room) => room > next_word as f32 * 0.55 + 0.5,
            // A text line is counted in letters, which vary in width: one without a closing
            // mark is taken as cut short only when clearly so.
            None => {
                let slack = if t.ends_with(['.', ':', ';', '!', '?', ',']) {
                    95
                } else {
                    90
                };
                (len + 1 + next_word) * 100 < full_at(idx) * slack
            }
        };
        let ends_sentence = t.ends_with(['.', ':', ';', '!', '?']);
        let mark = mark_of(t);
        let heading_like = matches!(
            mark,
            Some((Mark::Roman(_) | Mark::Arabic(_) | Mark::Decimal(_), _))
        );
        let whole_para_text = match out.last() {
            Some(Item::Para(prev)) => prev.text(),
            _ => String::new(),
        };
        let last_word = t.split_whitespace().last().unwrap_or("");
        let broken_symbol =
            last_word.len() > 1 && last_word.ends_with('-') && last_word.contains('/');
        let continues_lower = n.chars().next().is_some_and(char::is_lowercase)
            && !t.ends_with(['.', ':', ';'])
            && mark_of(n).is_none();
        // A heading in capitals wrapped onto a second line in capitals.
        let caps_wrap = is_upper_text(&whole_para_text)
            && is_upper_text(n)
            && mark_of(n).is_none()
            && !t.ends_with(['.', ':', ';']);
        // A legal basis ("Căn cứ …", "Thực hiện …") ends with ";", "," or "." (or the lead-in's
        // ":"): one cut short before a
        // capitalised name ("của Thủ tướng" / "Chính phủ …") goes on.
        let basis_goes_on = ["Căn cứ ", "Thực hiện "]
            .iter()
            .any(|lead| whole_para_text.trim_start().starts_with(lead))
            && !t.ends_with(['.', ':', ';', ','])
            && !is_para_start(n);
        prev_full = p.room.is_some() && !short;
        open = (broken_symbol || continues_lower || caps_wrap || basis_goes_on)
            || !(short
                || next_indented
                || (ends_sentence && starts_upper(n) && p.room.is_none())
                || (heading_like && !t.ends_with([',', ';', ':', '.']) && starts_upper(n))
                || (is_upper_text(&whole_para_text) && !is_upper_text(n))
                || t.ends_with("./."));
    }
    out
}

// ---------------------------------------------------------------------------------------
// The builder

struct Builder {
    diags: Vec<Diagnostic>,
}

impl Builder {
    fn note(&mut self, severity: Severity, origin: Origin, path: Option<&str>, msg: String) {
        self.diags.push(Diagnostic {
            severity,
            message: msg,
            origin,
            path: path.map(str::to_owned),
        });
    }
}

fn flatten_tables(items: &[Item]) -> Vec<Para> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Para(p) => out.push(p.clone()),
            Item::Table(t) => {
                // Column by column: a header table's left column, then its right column.
                let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
                for c in 0..width {
                    for row in &t.rows {
                        if let Some(cell) = row.get(c) {
                            for p in cell {
                                let mut p = p.clone();
                                p.column = Some(u8::try_from(c.min(1)).unwrap_or(1));
                                out.push(p);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn para_text(item: &Item) -> Option<String> {
    match item {
        Item::Para(p) => Some(squash(&p.text())),
        Item::Table(_) => None,
    }
}

fn is_appendix_heading(t: &str) -> bool {
    let t = t.trim_start();
    if t.len() > 40 || !(t.starts_with('P') || t.starts_with('p')) {
        return false;
    }
    let s = squash(t);
    let up = s.to_uppercase();
    up == "PHỤ LỤC"
        || (up.starts_with("PHỤ LỤC ")
            && up["PHỤ LỤC ".len()..]
                .split_whitespace()
                .next()
                .is_some_and(|w| roman_value(w).is_some() || w.parse::<u32>().is_ok())
            && s.split_whitespace().count() <= 3)
}

fn is_noi_nhan(t: &str) -> bool {
    let s = squash(t);
    s.starts_with("Nơi nhận")
}

fn authority_of(t: &str) -> Option<Authority> {
    let s = squash(t);
    for (p, k) in [
        ("TM.", AuthorityKind::ThayMat),
        ("KT.", AuthorityKind::KyThay),
        ("TL.", AuthorityKind::ThuaLenh),
        ("TUQ.", AuthorityKind::ThuaUyQuyen),
        ("Q.", AuthorityKind::Quyen),
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            let rest = rest.trim();
            if is_upper_text(rest) {
                return Some(Authority {
                    kind: k,
                    of: rest.to_owned(),
                });
            }
        }
    }
    None
}

const SIGNER_TITLES: [&str; 12] = [
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỦ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "TỔNG GIÁM ĐỐC",
    "CỤC TRƯỞNG",
    "BÍ THƯ",
    "THỨ TRƯỞNG",
];

fn looks_like_signer_title(t: &str) -> bool {
    let s = squash(t);
    is_upper_text(&s)
        && s.split_whitespace().count() <= 12
        && (SIGNER_TITLES.iter().any(|k| s.contains(k)) || s.starts_with("PHÓ "))
}

fn looks_like_person_name(t: &str) -> bool {
    let s = squash(t);
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_lowercase() || c == '.')
        })
}

/// Reads the document out of the items.
pub fn build(items: Vec<Item>, options: &Options) -> Reading {
    let mut b = Builder { diags: Vec::new() };
    let mut doc = vanban_core::skeleton::new_document(options.doc_type.unwrap_or_default_type());
    doc.body = Content::default();
    doc.issuing_authority = None;

    // 1. Where the title is: the type line, or a công văn's "V/v" line.
    let limit = items.len().min(80);
    let flat_head: Vec<Para> = flatten_tables(&items[..limit]);
    let title_at = items[..limit]
        .iter()
        .position(|i| para_text(i).is_some_and(|t| title_type(&t).is_some()));
    let vv_in_head = flat_head
        .iter()
        .position(|p| squash(&p.text()).starts_with("V/v"));
    let (head_end, doc_type) = match (title_at, vv_in_head) {
        (Some(i), _) => (
            i,
            para_text(&items[i])
                .and_then(|t| title_type(&t))
                .unwrap_or(DocumentType::KeHoach),
        ),
        (None, Some(_)) => {
            // The header (with the V/v line) ends where the body's first paragraph starts.
            let end = items[..limit]
                .iter()
                .position(|i| {
                    para_text(i).is_some_and(|t| {
                        t.starts_with("Kính gửi")
                            || t.starts_with("Căn cứ")
                            || mark_of(&t).is_some()
                    })
                })
                .unwrap_or(0);
            (end, DocumentType::CongVan)
        }
        (None, None) => {
            b.note(
                Severity::Warning,
                Origin::default(),
                Some("type"),
                "Không thấy dòng tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH…) hay dòng “V/v” ở đầu văn bản; phần đầu được đọc như nội dung.".into(),
            );
            (0, DocumentType::KeHoach)
        }
    };
    doc.doc_type = options.doc_type.unwrap_or(doc_type);
    if options.doc_type.is_none() {
        doc.numbering = vanban_core::skeleton::new_document(doc.doc_type).numbering;
    }

    // 2. Header.
    let head = flatten_tables(&items[..head_end]);
    let header_found = read_header(&mut b, &mut doc, &head);

    // 3. Title and subject.
    let mut i = match title_at {
        Some(t) => t + 1,
        None => head_end,
    };
    if title_at.is_some() {
        let mut subject: Vec<String> = Vec::new();
        while let Some(item) = items.get(i) {
            let Some(t) = para_text(item) else { break };
            if t.is_empty() {
                i += 1;
                continue;
            }
            if is_rule(&t) {
                i += 1;
                break;
            }
            let p = match item {
                Item::Para(p) => p,
                Item::Table(_) => break,
            };
            let stop = t.starts_with("Căn cứ")
                || t.starts_with("Thực hiện")
                || t.starts_with("Kính gửi")
                || t.starts_with("Theo đề nghị")
                || t.starts_with("(Kèm theo")
                || mark_of(&t).is_some()
                || (!subject.is_empty() && is_upper_text(&t))
                || (!p.line && !subject.is_empty() && p.align != Align::Center)
                || (p.line && subject.len() >= 4)
                || (!p.line && !subject.is_empty() && p.align != Align::Center);
            if stop {
                break;
            }
            subject.push(t);
            i += 1;
        }
        doc.subject = squash(&subject.join(" "));
        if doc.subject.is_empty() {
            b.note(
                Severity::Warning,
                items.get(i).map(Item::origin).unwrap_or_default(),
                Some("subject"),
                "Không thấy trích yếu nội dung dưới tên loại văn bản.".into(),
            );
        }
        // A decision's issuing authority: a line in capitals under the subject.
        if doc.doc_type.enacting_line().is_some()
            && let Some(t) = items.get(i).and_then(para_text)
            && is_upper_text(&t)
            && t != doc.doc_type.enacting_line().unwrap_or_default()
        {
            doc.issuing_authority = Some(t);
            i += 1;
        }
    }

    // 4. Where the body ends: "Nơi nhận" (or the signer's lines when there is none).
    let rest = &items[i..];
    let noi_nhan = rest
        .iter()
        .position(|it| para_text(it).is_some_and(|t| is_noi_nhan(&t)))
        .or_else(|| {
            rest.iter().position(|it| match it {
                Item::Table(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .flatten()
                    .any(|p| is_noi_nhan(&p.text())),
                _ => false,
            })
        });
    let body_end = match noi_nhan {
        Some(n) => i + n,
        None => {
            // The first authority line ("TM. …") followed by a name.
            rest.iter()
                .position(|it| para_text(it).is_some_and(|t| authority_of(&t).is_some()))
                .map(|n| i + n)
                .unwrap_or(items.len())
        }
    };
    let body_items = join_lines(&items[i..body_end]);
    let mut k = 0;

    // Addressees (Kính gửi).
    if let Some(Item::Para(p)) = body_items.get(k) {
        let t = squash(&p.text());
        if let Some(rest) = t.strip_prefix("Kính gửi") {
            let rest = rest.trim_start_matches(':').trim();
            k += 1;
            let mut names: Vec<String> = Vec::new();
            if !rest.is_empty() {
                // "- A; - B." written in one paragraph with line breaks.
                names.extend(rest.split("; - ").map(|s| {
                    s.trim_start_matches("- ")
                        .trim_end_matches(['.', ';'])
                        .trim()
                        .to_owned()
                }));
            }
            while let Some(Item::Para(p)) = body_items.get(k) {
                let t = squash(&p.text());
                let Some(entry) = t.strip_prefix("- ") else {
                    break;
                };
                if t.chars().count() > 160 {
                    break;
                }
                names.push(entry.trim_end_matches(['.', ';']).trim().to_owned());
                k += 1;
                if t.ends_with('.') {
                    break;
                }
            }
            doc.addressees = names
                .into_iter()
                .filter(|n| !n.is_empty())
                .map(recipient_of)
                .collect();
        }
    }

    // 5. Preamble (a công văn has none: "Thực hiện …" is its first paragraph).
    if !doc.doc_type.subject_is_vv() {
        k = read_preamble(&mut b, &mut doc, &body_items, k);
    }

    // 6. The body.
    let body_slice = &body_items[k..];
    let (content, numbering, closing, contact) = read_content(&mut b, &mut doc, body_slice, true);
    doc.body = content;
    if let Some(n) = numbering {
        doc.numbering = n;
    }
    match closing {
        Some(c) => doc.closing = c,
        None => {
            if !doc.body.is_empty() {
                b.note(
                    Severity::Info,
                    body_items.last().map(Item::origin).unwrap_or_default(),
                    Some("closing"),
                    "Không thấy câu kết thúc nội dung (đoạn cuối trước Nơi nhận).".into(),
                );
            }
        }
    }
    doc.contact = contact;

    // 7. Recipients and signer, then appendices (or the attached document).
    // Appendices (and an attached document) start at their heading after the signer; their
    // tables stay tables.
    let noi_nhan_at = noi_nhan.map(|n| i + n).unwrap_or(body_end);
    let appendix_at = items[noi_nhan_at..]
        .iter()
        .position(|it| para_text(it).is_some_and(|t| is_appendix_heading(&t)))
        .map(|n| noi_nhan_at + n)
        .unwrap_or(items.len())
        .max(body_end);
    let tail = flatten_tables(&items[body_end..appendix_at]);
    let after = read_recipients_and_signature(&mut b, &mut doc, &tail);
    let mut rest: Vec<Item> = tail[after..].iter().cloned().map(Item::Para).collect();
    rest.extend(items[appendix_at..].iter().cloned());
    read_after_signature(&mut b, &mut doc, &rest);

    if !header_found {
        infer_header(&mut b, &mut doc);
    }
    cover_units(&mut b, &mut doc);
    vanban_core::normalize::to_nfc_document(&mut doc);
    Reading {
        document: doc,
        diagnostics: b.diags,
    }
}

trait DefaultType {
    fn unwrap_or_default_type(self) -> DocumentType;
}

impl DefaultType for Option<DocumentType> {
    fn unwrap_or_default_type(self) -> DocumentType {
        self.unwrap_or(DocumentType::KeHoach)
    }
}

fn recipient_of(text: String) -> Recipient {
    let t = text.trim().trim_end_matches([';', '.']).trim().to_owned();
    // "(b/c)", "(để b/c)", "(t/h)" at the end.
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        let inner = &t[open + 1..t.len() - 1];
        if inner.chars().count() <= 12 && !inner.contains(' ')
            || inner.contains("/") && inner.len() < 16
        {
            return Recipient {
                name: t[..open].trim().to_owned(),
                note: Some(inner.trim().to_owned()),
                includes: Vec::new(),
            };
        }
    }
    Recipient {
        name: t,
        note: None,
        includes: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Units with duties among the recipients

fn fold_initial(w: &str) -> Option<char> {
    w.chars()
        .next()
        .map(|c| unicode_like::base(c.to_uppercase().next().unwrap_or(c)))
}

/// True when a recipient line's part names the unit, abbreviations allowed: "Đài PT&TH Long
/// An" names "Đài Phát thanh và Truyền hình Long An", "Trung tâm PVHCC tỉnh" names "Trung tâm
/// Phục vụ hành chính công tỉnh".
fn names_unit(part: &str, unit: &str) -> bool {
    let r: Vec<&str> = part.split_whitespace().collect();
    let u: Vec<&str> = unit.split_whitespace().collect();
    let (mut i, mut j) = (0, 0);
    while i < r.len() && j < u.len() {
        if r[i].to_lowercase() == u[j].to_lowercase() {
            i += 1;
            j += 1;
            continue;
        }
        let letters: Vec<char> = r[i]
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(unicode_like::base)
            .collect();
        if letters.len() < 2
            || !r[i]
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            return false;
        }
        for l in letters {
            while j < u.len() && u[j] == "và" && l != 'V' {
                j += 1;
            }
            if j < u.len() && fold_initial(u[j]) == Some(l) {
                j += 1;
            } else {
                return false;
            }
        }
        i += 1;
    }
    i == r.len() && j == u.len()
}

/// Recipient lines that stand for a group ("Các sở, ngành tỉnh", "UBND các huyện, thành phố")
/// or abbreviate a name are given the units with duties they cover, so that the check "every
/// unit with a duty receives the document" holds for what the published document meant.
fn cover_units(b: &mut Builder, doc: &mut vanban_core::Document) {
    use vanban_core::validate::unit_key;
    let mut units: Vec<String> = Vec::new();
    fn walk(nodes: &[TaskNode], out: &mut Vec<String>) {
        for n in nodes {
            match n {
                TaskNode::Group { tasks, .. } => walk(tasks, out),
                TaskNode::Task(t) => out.extend(t.lead.iter().chain(&t.cooperating).cloned()),
            }
        }
    }
    walk(&doc.tasks, &mut units);
    let mut known: Vec<String> = vec![
        unit_key(&doc.header.issuing_body.name),
        unit_key(doc.header.issuing_body.short_name.as_deref().unwrap_or("")),
    ];
    let recipients: Vec<&mut Recipient> = doc
        .recipients
        .entries
        .iter_mut()
        .flat_map(|e| match e {
            RecipientEntry::Single(r) => vec![r],
            RecipientEntry::Group(g) => g.members.iter_mut().collect(),
        })
        .collect();
    let mut recipients = recipients;
    for r in recipients.iter() {
        known.push(unit_key(&r.name));
    }
    // Each recipient line's key and its parts' keys, made once.
    let recipient_keys: Vec<(String, Vec<String>)> = recipients
        .iter()
        .map(|r| {
            (
                unit_key(&r.name),
                r.name.split([';']).map(|p| unit_key(p.trim())).collect(),
            )
        })
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for unit in units {
        let key = unit_key(&unit);
        if key.is_empty() || known.contains(&key) || seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let lower = key.as_str();
        let covers =
            |(r, (rl, part_keys)): &(&mut &mut Recipient, &(String, Vec<String>))| -> bool {
                let name = r.name.as_str();
                let parts = name.split([';']).map(str::trim);
                let by_name = parts
                    .zip(part_keys)
                    .any(|(p, pk)| *pk == key || names_unit(p, &unit));
                let group = (lower.starts_with("sở ") && rl.starts_with("các sở"))
                || ((lower.contains("cấp huyện") || lower.contains("huyện,") || lower.ends_with("huyện"))
                    && rl.contains("các huyện"))
                // "CVP, các PCVP. UBND tỉnh": the office of the body named after it.
                || (lower.starts_with("văn phòng ")
                    && (rl.contains("cvp") || rl.starts_with("vp "))
                    && rl.ends_with(lower.trim_start_matches("văn phòng ").trim()));
                by_name || group
            };
        if let Some((r, _)) = recipients
            .iter_mut()
            .zip(&recipient_keys)
            .find(|x| covers(x))
        {
            r.includes.push(unit.trim().to_owned());
            b.note(
                Severity::Info,
                Origin::default(),
                Some("recipients"),
                format!(
                    "“{}” có nhiệm vụ và được coi là thuộc dòng nơi nhận “{}”.",
                    unit.trim(),
                    r.name
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Header

const BODY_STARTS: [&str; 22] = [
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "SỞ ",
    "BỘ ",
    "BAN ",
    "PHÒNG ",
    "TRUNG TÂM",
    "CỤC ",
    "CHI CỤC",
    "TỔNG CỤC",
    "VĂN PHÒNG",
    "HỘI ĐỒNG",
    "TRƯỜNG ",
    "VIỆN ",
    "BỆNH VIỆN",
    "CÔNG AN",
    "THANH TRA",
    "ĐẢNG ỦY",
    "TỈNH ỦY",
    "HUYỆN ỦY",
    "BAN CHỈ ĐẠO",
];

fn starts_body(s: &str) -> bool {
    BODY_STARTS.iter().any(|b| s.starts_with(b))
}

/// Initials of a body's name as ký hiệu use them ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" → "STTTT").
fn initials(name: &str) -> String {
    let up = name.to_uppercase();
    if up.starts_with("ỦY BAN NHÂN DÂN") || up.starts_with("UỶ BAN NHÂN DÂN") {
        return "UBND".into();
    }
    up.split_whitespace()
        .filter(|w| !matches!(*w, "VÀ" | "CỦA" | "-" | "–"))
        .take_while(|w| !matches!(*w, "TỈNH" | "HUYỆN" | "THÀNH" | "XÃ" | "QUẬN"))
        .filter_map(|w| w.chars().next())
        .map(|c| match c {
            'Đ' => 'Đ',
            c => strip_accent(c),
        })
        .collect()
}

fn strip_accent(c: char) -> char {
    use unicode_like::base;
    base(c)
}

mod unicode_like {
    /// The base letter of an upper-case Vietnamese letter.
    pub fn base(c: char) -> char {
        const GROUPS: [(&str, char); 5] = [
            ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'A'),
            ("ÈÉẺẼẸÊỀẾỂỄỆ", 'E'),
            ("ÌÍỈĨỊ", 'I'),
            ("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'O'),
            ("ÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ", 'U'),
        ];
        for (set, b) in GROUPS {
            if set.contains(c) {
                // Y is in the U row only to save a line.
                if "ỲÝỶỸỴ".contains(c) {
                    return 'Y';
                }
                return b;
            }
        }
        c
    }
}

/// Reads the header block; returns whether an issuing body was found.
fn read_header(b: &mut Builder, doc: &mut vanban_core::Document, head: &[Para]) -> bool {
    let mut body_lines: Vec<(String, bool)> = Vec::new();
    for p in head {
        let mut t = squash(&p.text());
        for cut in [
            QUOC_HIEU,
            TIEU_NGU,
            "Độc lập – Tự do – Hạnh phúc",
            "Độc lập - Tự do -  Hạnh phúc",
        ] {
            if let Some(at) = t.find(cut) {
                t = format!("{} {}", &t[..at], &t[at + cut.len()..]);
            }
        }
        let t = squash(&t);
        if t.is_empty() || is_rule(&t) {
            continue;
        }
        // "Số: 136/KH-UBND" and maybe the date line after it.
        let mut rest = t.as_str();
        if let Some(after) = rest
            .strip_prefix("Số:")
            .or_else(|| rest.strip_prefix("Số "))
        {
            let after = after.trim();
            let symbol_word = after.split_whitespace().next().unwrap_or("");
            let (symbol_word, tail) = if symbol_word.contains('/') {
                (symbol_word, after[symbol_word.len()..].trim())
            } else {
                // "Số:      /KH-UBND": the blank number of a draft.
                let w = after
                    .split_whitespace()
                    .find(|w| w.starts_with('/'))
                    .unwrap_or("");
                let at = after.find(w).map(|a| a + w.len()).unwrap_or(0);
                (w, after[at..].trim())
            };
            read_symbol(doc, symbol_word);
            rest = tail;
        }
        if rest.is_empty() {
            continue;
        }
        if let Some(at) = rest.find(", ngày") {
            doc.header.place = rest[..at].trim().to_owned();
            doc.header.date = issue_date(&rest[at + 2..]);
            continue;
        }
        if let Some(vv) = rest.strip_prefix("V/v") {
            let vv = vv.trim();
            if doc.subject.is_empty() {
                doc.subject = vv.to_owned();
            } else {
                doc.subject = format!("{} {vv}", doc.subject);
            }
            continue;
        }
        match rest {
            "MẬT" => doc.header.secrecy = Some(vanban_core::model::Secrecy::Mat),
            "TỐI MẬT" => doc.header.secrecy = Some(vanban_core::model::Secrecy::ToiMat),
            "TUYỆT MẬT" => doc.header.secrecy = Some(vanban_core::model::Secrecy::TuyetMat),
            "KHẨN" => doc.header.urgency = Some(vanban_core::model::Urgency::Khan),
            "THƯỢNG KHẨN" => {
                doc.header.urgency = Some(vanban_core::model::Urgency::ThuongKhan)
            }
            "HỎA TỐC" | "HOẢ TỐC" => {
                doc.header.urgency = Some(vanban_core::model::Urgency::HoaToc)
            }
            _ if is_upper_text(rest) => body_lines.push((rest.to_owned(), p.all_bold())),
            _ if !doc.subject.is_empty() && p.column != Some(1) => {
                // The V/v subject wrapped onto further lines.
                doc.subject = format!("{} {rest}", doc.subject);
            }
            _ => b.note(
                Severity::Warning,
                p.origin,
                None,
                format!("Dòng “{rest}” ở phần đầu văn bản không nhận ra được, đã bỏ qua."),
            ),
        }
    }
    if body_lines.is_empty() {
        return false;
    }
    // Bodies: a new one starts at a line that starts like a body name; with bold known, the
    // bold lines are the issuing body.
    let mut bodies: Vec<(Vec<String>, bool)> = Vec::new();
    for (line, bold) in body_lines {
        match bodies.last_mut() {
            Some((lines, was_bold)) if !starts_body(&line) && *was_bold == bold => lines.push(line),
            Some((lines, was_bold)) if !starts_body(&line) && bold && !*was_bold => {
                // Bold starts the issuing body even without a keyword.
                let _ = (lines, was_bold);
                bodies.push((vec![line], bold));
            }
            Some((lines, _)) if !starts_body(&line) => lines.push(line),
            _ => bodies.push((vec![line], bold)),
        }
    }
    let name = |lines: &[String]| lines.join(" ");
    let issuing = bodies.pop().map(|(l, _)| name(&l)).unwrap_or_default();
    if !bodies.is_empty() {
        let parent: Vec<String> = bodies.into_iter().flat_map(|(l, _)| l).collect();
        doc.header.parent_body = Some(Agency {
            name: name(&parent),
            abbreviation: None,
            short_name: None,
        });
    }
    doc.header.issuing_body.name = issuing;
    if doc.header.issuing_body.abbreviation.is_none() {
        doc.header.issuing_body.abbreviation = Some(initials(&doc.header.issuing_body.name));
    }
    true
}

/// "136/KH-UBND" or "12/UBND-VX": number, and the abbreviations.
fn read_symbol(doc: &mut vanban_core::Document, word: &str) {
    let word = word.trim_end_matches(['.', ',', ';']);
    let Some((num, symbol)) = word.split_once('/') else {
        return;
    };
    doc.header.number = num.parse().ok().filter(|n| *n > 0);
    let parts: Vec<&str> = symbol.split('-').filter(|p| !p.is_empty()).collect();
    let type_abbr = doc.doc_type.info().abbreviation;
    match parts.as_slice() {
        [t, body, ..] if Some(*t) == type_abbr => {
            doc.header.issuing_body.abbreviation = Some((*body).to_owned());
        }
        [t, body, ..]
            if DocumentType::ALL
                .iter()
                .any(|d| d.info().abbreviation == Some(*t)) =>
        {
            doc.header.issuing_body.abbreviation = Some((*body).to_owned());
        }
        [body, unit] => {
            doc.header.issuing_body.abbreviation = Some((*body).to_owned());
            doc.header.unit_abbreviation = Some((*unit).to_owned());
        }
        [body] => doc.header.issuing_body.abbreviation = Some((*body).to_owned()),
        _ => {}
    }
}

/// "ngày 20 tháng 9 năm 2022" (blanks allowed) as an issue date.
fn issue_date(s: &str) -> Option<IssueDate> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let after = |w: &str| {
        words
            .iter()
            .position(|x| *x == w)
            .and_then(|i| words.get(i + 1))
            .and_then(|n| n.trim_end_matches(['.', ',']).parse::<i64>().ok())
    };
    let year = i32::try_from(after("năm")?).ok()?;
    let month = after("tháng").and_then(|m| u8::try_from(m).ok());
    let day = after("ngày").and_then(|d| u8::try_from(d).ok());
    Some(IssueDate {
        year,
        month,
        day: if month.is_some() { day } else { None },
    })
}

/// A header copied without its header block: the issuing body from the signer's "TM." line
/// or the preamble's closing clause, the place from the text.
fn infer_header(b: &mut Builder, doc: &mut vanban_core::Document) {
    let clause = doc
        .legal_basis
        .closing_clause
        .as_ref()
        .map(|c| c.text().into_owned())
        .unwrap_or_default();
    let basis_text: Vec<String> = doc
        .legal_basis
        .paragraphs
        .iter()
        .flat_map(|p| p.groups.iter().flatten())
        .filter_map(|r| r.subject.clone())
        .collect();
    let all_text = format!(
        "{} | {} | {} | {}",
        doc.subject,
        clause,
        doc.closing.text(),
        basis_text.join(" | ")
    );
    // The province or city named in the text: "tỉnh Lạng Sơn", each field on its own.
    let fields: Vec<String> = [
        doc.subject.clone(),
        clause.clone(),
        doc.closing.text().into_owned(),
    ]
    .into_iter()
    .chain(basis_text.iter().cloned())
    .collect();
    let place = fields.iter().find_map(|text| {
        ["tỉnh ", "thành phố "].iter().find_map(|p| {
            let mut from = 0;
            while let Some(at) = text[from..].find(p) {
                let start = from + at + p.len();
                let mut words = Vec::new();
                for w in text[start..].split_whitespace().take(3) {
                    let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
                    if !bare.chars().next().is_some_and(char::is_uppercase) {
                        break;
                    }
                    words.push(bare);
                    if bare.len() != w.len() {
                        break;
                    }
                }
                if !words.is_empty() {
                    return Some(words.join(" "));
                }
                from = start;
            }
            None
        })
    });
    let place = place.filter(|p| !p.is_empty());
    let level = if all_text.contains("thành phố ") && !all_text.contains("tỉnh ") {
        "THÀNH PHỐ"
    } else {
        "TỈNH"
    };
    // Who issues: the clause's subject ("Ủy ban nhân dân tỉnh ban hành…"), or TM.'s collective.
    let verbs = [
        " ban hành",
        " xây dựng",
        " triển khai",
        " hướng dẫn",
        " thông báo",
    ];
    let from_clause = verbs
        .iter()
        .filter_map(|v| clause.find(v).map(|at| clause[..at].trim().to_owned()))
        .min_by_key(String::len)
        .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 10);
    let tm = doc
        .signature
        .authority
        .iter()
        .find(|a| a.kind == AuthorityKind::ThayMat)
        .map(|a| a.of.clone());
    let mut name = match (&from_clause, &tm) {
        (_, Some(tm)) => tm.clone(),
        (Some(c), None) => c
            .replacen("UBND", "Ủy ban nhân dân", 1)
            .trim_end_matches(" tỉnh")
            .trim_end_matches(" thành phố")
            .to_uppercase(),
        (None, None) => String::new(),
    };
    if name.is_empty() {
        b.note(
            Severity::Warning,
            Origin::default(),
            Some("header.issuing_body.name"),
            "Không thấy phần đầu văn bản (cơ quan ban hành, số, ngày) và không suy ra được cơ quan ban hành; hãy nhập tay.".into(),
        );
        return;
    }
    let is_people_committee =
        name.starts_with("ỦY BAN NHÂN DÂN") || name.starts_with("UỶ BAN NHÂN DÂN");
    if let Some(place) = &place {
        if is_people_committee && !name.contains(&place.to_uppercase()) {
            name = format!("{name} {level} {}", place.to_uppercase());
        } else if name.starts_with("SỞ ") && doc.header.parent_body.is_none() {
            doc.header.parent_body = Some(Agency {
                name: format!("UBND {level} {}", place.to_uppercase()),
                abbreviation: None,
                short_name: None,
            });
        }
        if doc.header.place.is_empty() {
            doc.header.place = place.clone();
        }
    }
    doc.header.issuing_body.name = name.clone();
    if doc.header.issuing_body.abbreviation.is_none() {
        doc.header.issuing_body.abbreviation = Some(initials(&name));
    }
    b.note(
        Severity::Info,
        Origin::default(),
        Some("header"),
        format!(
            "Văn bản không có phần đầu (cơ quan ban hành, số, ngày): cơ quan ban hành “{name}”{} được suy ra từ nội dung; hãy kiểm tra.",
            place.map(|p| format!(", địa danh “{p}”")).unwrap_or_default()
        ),
    );
}

// ---------------------------------------------------------------------------------------
// Preamble

const BASIS_LEADS: [&str; 4] = ["Căn cứ", "Thực hiện", "Theo đề nghị của", "Xét đề nghị của"];

fn read_preamble(
    b: &mut Builder,
    doc: &mut vanban_core::Document,
    items: &[Item],
    mut k: usize,
) -> usize {
    let mut basis = LegalBasis::default();
    while let Some(Item::Para(p)) = items.get(k) {
        let text = squash(&p.text());
        let Some(lead) = BASIS_LEADS
            .iter()
            .find(|l| text.starts_with(*l) && text[l.len()..].starts_with(' '))
        else {
            break;
        };
        let body = text[lead.len()..].trim();
        if lead.starts_with("Theo đề nghị") || lead.starts_with("Xét đề nghị") {
            if *lead == "Theo đề nghị của" {
                basis.proposal = Some(body.trim_end_matches(['.', ';', ',']).trim().to_owned());
                k += 1;
                continue;
            }
            break;
        }
        // Split off a closing clause at the end of the paragraph.
        let (refs_text, clause) = split_clause(body);
        let mut groups: Vec<Vec<vanban_core::model::LegalReference>> = Vec::new();
        let mut failed = false;
        for g in tasks::split_top(refs_text, ';') {
            let g = g.trim().trim_end_matches(['.', ',', ';']).trim();
            if g.is_empty() {
                continue;
            }
            let mut refs = Vec::new();
            for part in split_refs(g) {
                match vanban_core::citation::parse(part) {
                    Ok(r) => refs.push(r),
                    Err(e) => {
                        failed = true;
                        b.note(
                            Severity::Warning,
                            p.origin,
                            Some("legal_basis"),
                            format!("Không đọc được trích dẫn “{part}”: {e}"),
                        );
                    }
                }
            }
            if !refs.is_empty() {
                groups.push(refs);
            }
        }
        let (groups, words) = if failed || groups.is_empty() {
            // Words that are no reference ("Căn cứ tình hình thực tế của địa phương;") are
            // kept as written after the lead, when the paragraph ends as a basis does;
            // otherwise the preamble ends here and the paragraph is body text.
            let words = refs_text.trim().trim_end_matches(['.', ';', ',']).trim();
            let ends_as_basis = clause.is_some() || text.ends_with([';', '.']);
            if words.is_empty() || !ends_as_basis || text.ends_with("./.") {
                break;
            }
            b.note(
                Severity::Info,
                p.origin,
                Some("legal_basis"),
                "Căn cứ này được giữ nguyên văn (không tách thành trích dẫn văn bản).".into(),
            );
            (Vec::new(), Some(RichText::plain(words)))
        } else {
            (groups, None)
        };
        basis.paragraphs.push(BasisParagraph {
            lead: (*lead).to_owned(),
            groups,
            text: words,
        });
        k += 1;
        if let Some((c, placement)) = clause {
            basis.closing_clause = Some(RichText::plain(c));
            basis.closing_placement = placement;
            break;
        }
    }
    // A clause in its own paragraph: "UBND tỉnh ban hành Kế hoạch …, cụ thể như sau:".
    if basis.closing_clause.is_none()
        && let Some(Item::Para(p)) = items.get(k)
    {
        let t = squash(&p.text());
        let enacting = doc
            .doc_type
            .enacting_line()
            .is_some_and(|l| t.replace(' ', "") == l.replace(' ', ""));
        if mark_of(&t).is_none()
            && !enacting
            && t.ends_with(':')
            && (!basis.paragraphs.is_empty() || t.contains("như sau"))
            && t.chars().count() < 600
        {
            basis.closing_clause = Some(p.rich());
            basis.closing_placement = ClosingPlacement::OwnParagraph;
            k += 1;
        }
    }
    // A decision's enacting line.
    if let Some(line) = doc.doc_type.enacting_line()
        && let Some(Item::Para(p)) = items.get(k)
        && squash(&p.text()).replace(' ', "") == line.replace(' ', "")
    {
        k += 1;
    }
    doc.legal_basis = basis;
    k
}

/// Splits "refs, UBND tỉnh ban hành … như sau:" into the references and the clause, with how
/// they are joined: after a comma or semicolon, or as a new sentence ("… điện tử. Sở … như
/// sau:").
fn split_clause(body: &str) -> (&str, Option<(String, ClosingPlacement)>) {
    if !body.trim_end().ends_with(':') {
        return (body, None);
    }
    let mut depth = 0i32;
    let mut prev = ' ';
    for (at, ch) in body.char_indices() {
        match ch {
            '“' | '(' => depth += 1,
            '”' | ')' => depth = (depth - 1).max(0),
            ',' | ';' | '.' if depth == 0 => {
                let tail = &body[at + 1..];
                let new_sentence = ch == '.';
                // A sentence ends after a word in lower case ("điện tử."), not after a number
                // ("ngày 14/7.") or an abbreviation ("TP.").
                if new_sentence && (!tail.starts_with(' ') || !prev.is_lowercase()) {
                    prev = ch;
                    continue;
                }
                let tail = tail.trim();
                if starts_upper(tail)
                    && vanban_core::citation::parse(tail)
                        .map(|r| r.number.is_none())
                        .unwrap_or(true)
                {
                    let placement = if new_sentence {
                        ClosingPlacement::NewSentence
                    } else {
                        ClosingPlacement::SameParagraph
                    };
                    return (&body[..at], Some((tail.to_owned(), placement)));
                }
            }
            _ => {}
        }
        prev = ch;
    }
    (body, None)
}

/// Splits a group of references at ", " where a new reference with a number starts.
fn split_refs(g: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (at, ch) in g.char_indices() {
        match ch {
            '“' | '(' => depth += 1,
            '”' | ')' => depth = (depth - 1).max(0),
            ',' if depth == 0 => {
                let tail = g[at + 1..].trim_start();
                let new_ref = starts_upper(tail)
                    && vanban_core::citation::parse(
                        &tail
                            .split_whitespace()
                            .take(4)
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                    .is_ok_and(|r| r.number.is_some());
                if new_ref {
                    parts.push(g[start..at].trim());
                    start = at + 1;
                }
            }
            _ => {}
        }
    }
    parts.push(g[start..].trim());
    parts
}

// ---------------------------------------------------------------------------------------
// Body

/// A section under construction, with the kinds of number its subsections use level by
/// level (kept for the top-level sections only).
struct Open {
    kind: Kind,
    section: Section,
    levels: Vec<Kind>,
}

fn role_of(title: &str) -> Option<SectionRole> {
    let up = title.to_uppercase();
    if up.starts_with("MỤC ĐÍCH") || up.starts_with("MỤC TIÊU") {
        Some(SectionRole::Purpose)
    } else if up.starts_with("KINH PHÍ") {
        Some(SectionRole::Funding)
    } else if up.starts_with("TỔ CHỨC THỰC HIỆN") {
        Some(SectionRole::Implementation)
    } else if up.starts_with("NỘI DUNG") || up.starts_with("NHIỆM VỤ") {
        Some(SectionRole::Content)
    } else {
        None
    }
}

/// A paragraph that sums up the whole text ("Trên đây là …"): it and what follows it stand
/// after the last section, not inside it.
fn sums_up(t: &str) -> bool {
    t.starts_with("Trên đây là") || t.starts_with("Trên đây, ")
}

/// A paragraph about carrying out a part as a whole ("Trong quá trình thực hiện, nếu có vướng
/// mắc…"), written after the part's subsections: it closes the top-level part.
fn closes_part(t: &str) -> bool {
    t.starts_with("Trong quá trình thực hiện")
        || t.starts_with("Trong quá trình triển khai")
        || t.starts_with("Trong quá trình tổ chức thực hiện")
}

/// The closing sentence of a body: it ends with the decree's end mark "./.".
fn is_closing_sentence(t: &str) -> bool {
    t.trim_end().ends_with("/.")
}

/// A heading's title without the bold (and italic) its level is printed in: a title all in
/// bold is the heading's look, not words the author set apart.
fn heading_title(title: RichText, kind: Kind) -> RichText {
    if !matches!(kind, Kind::Roman | Kind::Arabic | Kind::Decimal(_)) {
        return title;
    }
    let words = || title.0.iter().filter(|s| !s.text.trim().is_empty());
    let all_bold = words().all(|s| s.bold);
    let all_italic = words().all(|s| s.italic);
    if !all_bold {
        return title;
    }
    let spans: Vec<Span> = title
        .0
        .iter()
        .map(|s| Span {
            text: s.text.clone(),
            bold: false,
            italic: s.italic && !all_italic,
        })
        .collect();
    rich_of(&spans)
}

fn level_style(kind: Kind) -> LevelStyle {
    match kind {
        Kind::Roman => LevelStyle::Roman,
        Kind::Arabic => LevelStyle::Arabic,
        Kind::Decimal(_) => LevelStyle::Decimal,
        Kind::Letter => LevelStyle::Letter,
        Kind::Article => LevelStyle::Article,
        Kind::List => LevelStyle::Dash,
    }
}

/// Where the blocks read go now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Into the deepest open section (or before the first one).
    Open,
    /// After the subsections of the open section at this depth.
    SectionAfter(usize),
    /// After all sections.
    ContentAfter,
}

/// Reads numbered sections, paragraphs, lists and tables. Returns the content, the numbering
/// its markers use, the closing sentence and the contact line (for the body).
fn read_content(
    b: &mut Builder,
    doc: &mut vanban_core::Document,
    items: &[Item],
    is_body: bool,
) -> (
    Content,
    Option<Numbering>,
    Option<RichText>,
    Option<RichText>,
) {
    let mut items: Vec<Item> = items.iter().filter(|i| !i.is_blank()).cloned().collect();
    // The closing sentence: the last paragraph, when it is not a numbered one or a list item
    // and ends with "./." (a letter ending "…trực tuyến)." has none: its last paragraphs stay
    // text after the sections).
    let mut closing = None;
    let mut contact = None;
    if is_body && let Some(Item::Para(p)) = items.last() {
        let t = squash(&p.text());
        if mark_of(&t).is_none() && is_closing_sentence(&t) {
            closing = Some(p.rich());
            items.pop();
            if let Some(Item::Para(p)) = items.last() {
                let t = squash(&p.text());
                if t.starts_with("Đầu mối") {
                    contact = Some(p.rich());
                    items.pop();
                }
            }
        }
    }

    let mut kinds: Vec<Kind> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut content = Content::default();
    // The kinds of number under each top-level section, level by level.
    let mut section_levels: Vec<Vec<Kind>> = Vec::new();
    let mut place = Place::Open;
    fn target<'a>(
        stack: &'a mut [Open],
        content: &'a mut Content,
        place: Place,
    ) -> &'a mut Vec<Block> {
        match place {
            Place::ContentAfter => &mut content.after,
            Place::SectionAfter(d) if d < stack.len() => &mut stack[d].section.after,
            _ => match stack.last_mut() {
                Some(o) => &mut o.section.blocks,
                None => &mut content.blocks,
            },
        }
    }
    fn close_to(
        stack: &mut Vec<Open>,
        content: &mut Content,
        levels: &mut Vec<Vec<Kind>>,
        depth: usize,
    ) {
        while stack.len() > depth {
            let Some(o) = stack.pop() else { break };
            match stack.last_mut() {
                Some(parent) => parent.section.subsections.push(o.section),
                None => {
                    content.sections.push(o.section);
                    levels.push(o.levels);
                }
            }
        }
    }
    let mut top_kind: Option<Kind> = None;
    for item in &items {
        let p = match item {
            Item::Table(t) => {
                let blocks = table_blocks(b, doc, t);
                target(&mut stack, &mut content, place).extend(blocks);
                continue;
            }
            Item::Para(p) => p,
        };
        let text = p.text();
        let mark = if place == Place::ContentAfter {
            // Nothing is numbered after the text is summed up.
            None
        } else {
            mark_of(&text)
        };
        let Some((mark, len)) = mark else {
            let rich = p.rich();
            if rich.is_blank() {
                continue;
            }
            let t = squash(&text);
            if place != Place::ContentAfter && !stack.is_empty() && sums_up(&t) {
                place = Place::ContentAfter;
            } else if place == Place::Open && stack.len() > 1 && closes_part(&t) {
                place = Place::SectionAfter(0);
            }
            target(&mut stack, &mut content, place).push(Block::Paragraph { text: rich });
            continue;
        };
        let rest = rich_of(&drop_prefix(&p.spans, len));
        if let Mark::List(m) = &mark {
            push_list_item(
                b,
                p.origin,
                target(&mut stack, &mut content, place),
                m,
                rest,
            );
            continue;
        }
        let kind = mark.kind();
        let depth = match kinds.iter().position(|k| *k == kind) {
            Some(d) => d,
            None => {
                // A new kind goes one level under the current section.
                let d = stack.len();
                kinds.truncate(d);
                kinds.push(kind);
                d
            }
        };
        if let Place::SectionAfter(a) = place {
            place = Place::Open;
            if depth > a {
                // A numbered part after the closing words: they were the last subsection's
                // text after all.
                let moved = std::mem::take(&mut stack[a].section.after);
                if let Some(o) = stack.last_mut() {
                    o.section.blocks.extend(moved);
                }
            }
        }
        close_to(&mut stack, &mut content, &mut section_levels, depth);
        kinds.truncate(depth + 1);
        if depth == 0 {
            top_kind.get_or_insert(kind);
        }
        // The number the tree gives, and the printed one.
        let siblings = match stack.last() {
            Some(o) => o.section.subsections.len(),
            None => content.sections.len(),
        };
        let expected = u32::try_from(siblings + 1).unwrap_or(u32::MAX);
        let printed = mark.number();
        let title = heading_title(rest, kind);
        let role = if depth == 0 {
            role_of(&title.text())
        } else {
            None
        };
        if depth > 0
            && let Some(top) = stack.first_mut()
            && top.levels.len() == depth - 1
        {
            top.levels.push(kind);
        }
        stack.push(Open {
            kind,
            section: Section {
                title,
                number_from: (printed != expected && printed > 0).then_some(printed),
                role,
                units: Vec::new(),
                blocks: Vec::new(),
                subsections: Vec::new(),
                after: Vec::new(),
                numbering: None,
            },
            levels: Vec::new(),
        });
        let _ = &stack.last().map(|o| o.kind);
    }
    close_to(&mut stack, &mut content, &mut section_levels, 0);
    let numbering = numbering_of(&mut content, &section_levels, top_kind);
    (content, numbering, closing, contact)
}

/// The numbering of a text from the kinds of number its sections use: the top level's kind
/// and the levels under it that most top-level sections use, as a usual scheme when it is
/// one; a section whose subsections are numbered otherwise ("3.1.", "3.1.1." under "III."
/// when the other parts use "1.", "a)") gets its own numbering.
fn numbering_of(
    content: &mut Content,
    section_levels: &[Vec<Kind>],
    top: Option<Kind>,
) -> Option<Numbering> {
    let top = top?;
    // Level by level, the kind most top-level sections use under the levels chosen so far.
    let mut common: Vec<Kind> = Vec::new();
    loop {
        let i = common.len();
        let mut counts: Vec<(LevelStyle, Kind, usize)> = Vec::new();
        for l in section_levels {
            let agrees = l.len() > i
                && l[..i]
                    .iter()
                    .zip(&common)
                    .all(|(a, b)| level_style(*a) == level_style(*b));
            if !agrees {
                continue;
            }
            match counts.iter_mut().find(|c| c.0 == level_style(l[i])) {
                Some(c) => c.2 += 1,
                None => counts.push((level_style(l[i]), l[i], 1)),
            }
        }
        let best = counts.iter().map(|c| c.2).max().unwrap_or(0);
        match counts.iter().find(|c| c.2 == best && best > 0) {
            Some(c) => common.push(c.1),
            None => break,
        }
    }
    let mut all = vec![top];
    all.extend(common);
    let numbering = match scheme_of(&all) {
        Some(scheme) => Numbering::Scheme(scheme),
        None => Numbering::Levels(NumberingLevels {
            levels: all.iter().map(|k| Level::from(level_style(*k))).collect(),
        }),
    };
    // A section numbered otherwise below it gets its own numbering.
    for (s, l) in content.sections.iter_mut().zip(section_levels) {
        let differs = l
            .iter()
            .enumerate()
            .any(|(i, k)| numbering.level_or_fallback(i + 2).style != level_style(*k));
        if differs {
            s.numbering = Some(Numbering::Levels(NumberingLevels {
                levels: l.iter().map(|k| Level::from(level_style(*k))).collect(),
            }));
        }
    }
    Some(numbering)
}

fn scheme_of(kinds: &[Kind]) -> Option<NumberingScheme> {
    use Kind::*;
    let k: Vec<Kind> = kinds.to_vec();
    match k.as_slice() {
        [Roman] | [Roman, Arabic] | [Roman, Arabic, Letter] => {
            Some(NumberingScheme::RomanArabicLetter)
        }
        [Roman, Arabic, Decimal(2)] | [Roman, Arabic, Decimal(2), Decimal(3)] => {
            Some(NumberingScheme::RomanDecimal)
        }
        [Arabic, Decimal(2)] | [Arabic, Decimal(2), Decimal(3)] => Some(NumberingScheme::Decimal),
        [Arabic] | [Arabic, Letter] => Some(NumberingScheme::ArabicLetter),
        [Article] | [Article, Arabic] | [Article, Arabic, Letter] => {
            Some(NumberingScheme::Articles)
        }
        _ => None,
    }
}

fn push_list_item(
    _b: &mut Builder,
    _origin: Origin,
    blocks: &mut Vec<Block>,
    marker: &str,
    text: RichText,
) {
    use vanban_core::model::ListMarker;
    let item = |text| ListItem {
        text,
        items_marker: None,
        items: Vec::new(),
    };
    // "+" under a "-" item is its sub-item.
    if marker == "+"
        && let Some(Block::List {
            marker: None,
            items,
            ..
        }) = blocks.last_mut()
        && let Some(last) = items.last_mut()
    {
        last.items.push(item(text));
        return;
    }
    let (kind, number) = marker_kind(marker);
    // Items with another marker under an item that announces them ("… gồm:"), or going on
    // with such sub-items: the item's own list.
    if let Some(Block::List {
        marker: outer,
        items,
        ..
    }) = blocks.last_mut()
        && *outer != kind
        && let Some(last) = items.last_mut()
    {
        // Numbered sub-items "(1)", "1)" under a bulleted item; a bullet after a numbered
        // item is a list of its own.
        let opens = last.items.is_empty()
            && last.text.text().trim_end().ends_with(':')
            && outer.is_none_or(|m| {
                !matches!(
                    m,
                    ListMarker::NumberInParens
                        | ListMarker::NumberParen
                        | ListMarker::NumberDot
                        | ListMarker::LetterParen
                )
            })
            && number == Some(1);
        let goes_on = !last.items.is_empty() && last.items_marker == kind && kind.is_some();
        if opens || goes_on {
            last.items_marker = kind;
            last.items.push(item(text));
            return;
        }
    }
    match blocks.last_mut() {
        Some(Block::List { marker, items, .. }) if *marker == kind => items.push(item(text)),
        _ => blocks.push(Block::List {
            marker: kind,
            start: number.filter(|n| *n != 1),
            items: vec![item(text)],
        }),
    }
}

/// A list marker as printed, as the model's marker (none for "-") and its number.
fn marker_kind(marker: &str) -> (Option<vanban_core::model::ListMarker>, Option<u32>) {
    use vanban_core::model::ListMarker;
    match marker {
        "-" => (None, None),
        "+" => (Some(ListMarker::Plus), None),
        "*" => (Some(ListMarker::Star), None),
        "•" | "o" => (Some(ListMarker::Bullet), None),
        "–" => (Some(ListMarker::EnDash), None),
        m if m.starts_with('(') => (
            Some(ListMarker::NumberInParens),
            m.trim_matches(['(', ')']).parse::<u32>().ok(),
        ),
        m => (
            Some(ListMarker::NumberParen),
            m.trim_end_matches(')').parse::<u32>().ok(),
        ),
    }
}

/// A table in the text: a task table becomes the document's tasks; any other table is kept
/// as paragraphs, row by row.
fn table_blocks(
    b: &mut Builder,
    doc: &mut vanban_core::Document,
    t: &crate::source::Table,
) -> Vec<Block> {
    if let Some(tasks) = task_table(doc, t) {
        doc.tasks.extend(tasks);
        return vec![Block::Tasks];
    }
    b.note(
        Severity::Info,
        t.origin,
        None,
        "Bảng này không phải bảng nhiệm vụ; được giữ thành bảng trong nội dung.".into(),
    );
    vec![Block::Table(text_table(t))]
}

/// A table of text as it stands: a cell's paragraphs with their runs, a cell spanning columns
/// with its span; a first row all in bold is its heading row (printed bold again).
fn text_table(t: &crate::source::Table) -> TextTable {
    let mut rows: Vec<Vec<TableCell>> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let spans = t.spans.get(r);
        let mut cells = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            let span = spans.and_then(|s| s.get(c)).copied().unwrap_or(1);
            if span == 0 {
                // Covered by the cell before it.
                continue;
            }
            cells.push(TableCell {
                paragraphs: cell
                    .iter()
                    .map(Para::rich)
                    .filter(|p| !p.is_blank())
                    .collect(),
                span: (span > 1).then_some(span),
            });
        }
        rows.push(cells);
    }
    let bold_row = |row: &[TableCell]| {
        row.iter()
            .flat_map(|c| &c.paragraphs)
            .any(|p| !p.is_blank())
            && row
                .iter()
                .flat_map(|c| &c.paragraphs)
                .flat_map(|p| &p.0)
                .all(|s| s.bold || s.text.trim().is_empty())
    };
    // Heading rows: as the source marks them, or a first row all in bold. Their bold is the
    // heading's look, printed again.
    let header_rows = match t.header_rows {
        Some(n) => n,
        None => u32::from(rows.len() > 1 && rows.first().is_some_and(|r| bold_row(r))),
    };
    for row in rows.iter_mut().take(header_rows as usize) {
        if bold_row(row) {
            for p in row.iter_mut().flat_map(|c| &mut c.paragraphs) {
                for s in &mut p.0 {
                    s.bold = false;
                }
            }
        }
    }
    TextTable {
        header_rows,
        widths: t.widths.clone(),
        rows,
    }
}

fn task_table(doc: &vanban_core::Document, t: &crate::source::Table) -> Option<Vec<TaskNode>> {
    let header: Vec<String> = t
        .rows
        .first()?
        .iter()
        .map(|c| c.iter().map(|p| p.text()).collect::<Vec<_>>().join(" "))
        .collect();
    let cols = tasks::header_columns(&header)?;
    // Repeated header rows (a table broken across pages) are skipped.
    let rows: Vec<Vec<crate::source::Cell>> = t.rows[1..]
        .iter()
        .filter(|r| {
            let cells: Vec<String> = r
                .iter()
                .map(|c| c.iter().map(|p| p.text()).collect::<Vec<_>>().join(" "))
                .collect();
            tasks::header_columns(&cells).is_none()
                && !cells.iter().all(|c| {
                    c.trim().chars().all(|ch| {
                        ch.is_ascii_digit() || ch == '(' || ch == ')' || ch.is_whitespace()
                    })
                })
        })
        .cloned()
        .collect();
    let year = doc.header.date.map(|d| d.year);
    Some(tasks::rows_to_tasks(&rows, &cols, year))
}

// ---------------------------------------------------------------------------------------
// Recipients and signer

/// Splits a line of the text at a wide gap (two columns side by side).
fn split_gap(t: &str) -> (String, Option<String>) {
    if let Some(at) = t.trim_end().find("   ") {
        let left = t[..at].trim();
        let right = t[at..].trim();
        if !right.is_empty() && !left.is_empty() {
            return (left.to_owned(), Some(right.to_owned()));
        }
    }
    (t.trim().to_owned(), None)
}

/// Reads Nơi nhận and the signer; returns how many paragraphs of `tail` were used.
fn read_recipients_and_signature(
    b: &mut Builder,
    doc: &mut vanban_core::Document,
    tail: &[Para],
) -> usize {
    let mut entries: Vec<(String, Option<String>, Origin)> = Vec::new(); // (text, label)
    // The bracket a line is in, when the source says so (a DOCX bracket table).
    let mut explicit: Vec<Option<String>> = Vec::new();
    let mut sig_lines: Vec<(String, Origin)> = Vec::new();
    let mut archive: Option<String> = None;
    let mut i = 0;
    let mut in_recipients = false;
    let mut done_recipients = false;
    while i < tail.len() {
        let p = &tail[i];
        let raw = p.text();
        let t = squash(&raw);
        if t.is_empty() {
            i += 1;
            continue;
        }
        if is_appendix_heading(&t) || (title_type(&t).is_some() && !sig_lines.is_empty()) {
            break;
        }
        if is_noi_nhan(&t) {
            in_recipients = true;
            let after = t
                .trim_start_matches("Nơi nhận")
                .trim_start_matches(':')
                .trim();
            if !after.is_empty() {
                sig_lines.push((after.to_owned(), p.origin));
            }
            i += 1;
            continue;
        }
        let (left, right) = if p.line {
            split_gap(&raw)
        } else {
            (t.clone(), None)
        };
        let in_right_column = p.column == Some(1);
        if in_recipients && !done_recipients && in_right_column && !p.line {
            // DOCX: the signer's cell, after the recipients' cell.
        } else if in_recipients && !done_recipients && in_right_column {
            route_right(&mut entries, &mut sig_lines, t.clone(), p.origin);
            i += 1;
            continue;
        }
        if in_recipients && !done_recipients && !in_right_column {
            if let Some(entry) = left.strip_prefix("-").map(str::trim) {
                if entry.starts_with("Lưu") {
                    archive = Some(entry.to_owned());
                    done_recipients = true;
                } else {
                    // "TT Tỉnh ủy; Báo cáo": a bracket's label printed on the line, after the
                    // entry's own ";".
                    let (entry, label) = match entry.rsplit_once("; ") {
                        Some((e, l))
                            if !l.ends_with([';', '.'])
                                && l.split_whitespace().count() <= 4
                                && starts_upper(l) =>
                        {
                            (e.to_owned(), Some(l.trim().to_owned()))
                        }
                        _ => (entry.to_owned(), None),
                    };
                    entries.push((entry, label, p.origin));
                    explicit.push(p.group.clone());
                }
                if let Some(r) = right {
                    route_right(&mut entries, &mut sig_lines, r, p.origin);
                }
                i += 1;
                continue;
            }
            // A bracket's label on a line of its own, well right of the entries (PDF).
            if p.indent.is_some_and(|x| x > 6.0)
                && left.split_whitespace().count() <= 4
                && starts_upper(&left)
                && authority_of(&left).is_none()
                && !looks_like_signer_title(&left)
                && !looks_like_person_name(&left)
                && let Some(last) = entries.last_mut()
            {
                last.1 = Some(left.clone());
                i += 1;
                continue;
            }
            if let Some(last) = entries.last_mut()
                && !last.0.ends_with(';')
                && !looks_like_signer_title(&left)
                && authority_of(&left).is_none()
            {
                // A recipient line wrapped (and what looked like a label on its first line
                // was the start of the wrapped text).
                if let Some(label) = last.1.take() {
                    last.0.push_str("; ");
                    last.0.push_str(&label);
                }
                last.0.push(' ');
                last.0.push_str(&left);
                if let Some(r) = right {
                    route_right(&mut entries, &mut sig_lines, r, p.origin);
                }
                i += 1;
                continue;
            }
            if archive.is_none()
                && let Some(last) = entries.last_mut()
                && last.0.ends_with(';')
                && !looks_like_signer_title(&left)
                && authority_of(&left).is_none()
                && !looks_like_person_name(&left)
                && left.chars().count() < 60
                && !is_upper_text(&left)
            {
                last.0.push(' ');
                last.0.push_str(&left);
                i += 1;
                continue;
            }
        }
        // Signer lines.
        sig_lines.push((t.clone(), p.origin));
        i += 1;
        if looks_like_person_name(&t) && sig_lines.len() >= 2 {
            // The name ends the block, unless recipients follow (DOCX right column first).
            let more_recipients = tail[i..]
                .iter()
                .any(|q| is_noi_nhan(&q.text()) || squash(&q.text()).starts_with("- Lưu"));
            if !more_recipients {
                break;
            }
        }
    }
    // Recipients.
    let mut recipient_entries: Vec<RecipientEntry> = Vec::new();
    explicit.resize(entries.len(), None);
    let mut labels: Vec<(String, bool)> = Vec::new(); // (label, guessed)
    let mut grouped: Vec<Option<usize>> = vec![None; entries.len()];
    for k in 0..entries.len() {
        if let Some(l) = &explicit[k] {
            match (k.checked_sub(1).and_then(|j| grouped[j]), k.checked_sub(1)) {
                (Some(gi), Some(j)) if explicit[j].as_ref() == Some(l) => grouped[k] = Some(gi),
                _ => {
                    labels.push((l.clone(), false));
                    grouped[k] = Some(labels.len() - 1);
                }
            }
        }
    }
    let mut group_start = 0;
    for k in 0..entries.len() {
        let Some(label) = entries[k].1.clone() else {
            continue;
        };
        if grouped[k].is_some() || k < group_start {
            continue;
        }
        // The label stands beside the middle line of its bracket.
        let offset = k.saturating_sub(group_start);
        let size = (2 * offset + 2).min(entries.len() - group_start);
        labels.push((label, true));
        let gi = labels.len() - 1;
        for g in grouped.iter_mut().skip(group_start).take(size) {
            if g.is_none() {
                *g = Some(gi);
            }
        }
        group_start += size;
    }
    let mut k = 0;
    while k < entries.len() {
        match grouped[k] {
            Some(gi) => {
                let mut members = Vec::new();
                while k < entries.len() && grouped[k] == Some(gi) {
                    members.push(recipient_of(entries[k].0.clone()));
                    k += 1;
                }
                if labels[gi].1 {
                    b.note(
                        Severity::Info,
                        entries[k - 1].2,
                        Some("recipients"),
                        format!(
                            "Nhóm nơi nhận “{}” được đoán theo vị trí của nhãn; hãy kiểm tra các dòng trong nhóm.",
                            labels[gi].0
                        ),
                    );
                }
                recipient_entries.push(RecipientEntry::Group(RecipientGroup {
                    label: labels[gi].0.clone(),
                    members,
                }));
            }
            None => {
                let r = recipient_of(entries[k].0.clone());
                if vanban_core::validate::unit_key(&r.name) != "như trên" {
                    recipient_entries.push(RecipientEntry::Single(r));
                }
                k += 1;
            }
        }
    }
    doc.recipients = Recipients {
        entries: recipient_entries,
        archive: archive.map(|a| archive_of(&a)).unwrap_or_default(),
    };
    if !in_recipients {
        b.note(
            Severity::Warning,
            tail.first().map(|p| p.origin).unwrap_or_default(),
            Some("recipients"),
            "Không thấy phần “Nơi nhận”.".into(),
        );
    }
    // Signer.
    let mut sig = SignatureBlock {
        authority: Vec::new(),
        title: String::new(),
        name: String::new(),
    };
    let mut title_lines: Vec<String> = Vec::new();
    for (line, origin) in &sig_lines {
        if let Some(a) = authority_of(line) {
            sig.authority.push(a);
        } else if is_upper_text(line) && sig.name.is_empty() {
            title_lines.push(line.clone());
        } else if looks_like_person_name(line) && sig.name.is_empty() {
            sig.name = line.clone();
        } else if line.starts_with('(') || line.to_lowercase().contains("đã ký") {
            b.note(
                Severity::Info,
                *origin,
                Some("signature"),
                format!("Dòng “{line}” ở chỗ ký được bỏ qua."),
            );
        } else {
            b.note(
                Severity::Warning,
                *origin,
                Some("signature"),
                format!("Dòng “{line}” ở khối chữ ký không nhận ra được."),
            );
            if sig.name.is_empty() && title_lines.is_empty() {
                continue;
            }
            if sig.name.is_empty() {
                sig.name = line.clone();
            }
        }
    }
    sig.title = title_lines.join(" ");
    if sig.name.is_empty() {
        b.note(
            Severity::Warning,
            sig_lines.last().map(|l| l.1).unwrap_or_default(),
            Some("signature.name"),
            "Không thấy họ tên người ký.".into(),
        );
    }
    doc.signature = sig;
    i
}

fn route_right(
    entries: &mut [(String, Option<String>, Origin)],
    sig: &mut Vec<(String, Origin)>,
    right: String,
    origin: Origin,
) {
    if authority_of(&right).is_some()
        || looks_like_signer_title(&right)
        || looks_like_person_name(&right)
        || is_upper_text(&right)
    {
        sig.push((right, origin));
    } else if let Some(last) = entries.last_mut() {
        last.1 = Some(right);
    }
}

/// "Lưu: VT, KGVX(HTHT)." / "Lưu: VT, CNTT. KV (01)." as an archive line.
fn archive_of(text: &str) -> ArchiveLine {
    let t = text
        .trim_start_matches("Lưu")
        .trim_start_matches(':')
        .trim();
    let t = t.trim_end_matches('.').trim();
    let mut line = ArchiveLine::default();
    // The drafter's code as a sentence of its own after the units (ô 12): "VT, CNTT. KV (01)"
    // (spaced) or "VT, TCCB 02. PL.(300)" (the decree's specimen).
    let (t, code) = match t.split_once(". ") {
        Some((head, code)) if code.chars().count() <= 24 => (head.trim(), Some(code.trim())),
        _ => (t, None),
    };
    if let Some(code) = code {
        let (name, issued) = match code.strip_suffix(')').and_then(|c| c.rsplit_once('(')) {
            Some((name, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (name, n.parse().ok())
            }
            _ => (code, None),
        };
        line.issued_copies = issued;
        line.code_style = if issued.is_some() && name.ends_with('.') {
            DrafterCodeStyle::Specimen
        } else {
            DrafterCodeStyle::Spaced
        };
        let name = name.trim().trim_end_matches('.').trim();
        if !name.is_empty() {
            line.drafter = Some(name.to_owned());
        }
    }
    let mut parts: Vec<String> = t.split(',').map(|s| s.trim().to_owned()).collect();
    if parts.first().is_some_and(|p| p == "VT") {
        parts.remove(0);
    }
    // Copies: "(01)" or a trailing number.
    if let Some(last) = parts.last_mut() {
        let l = last.trim_end_matches('.').trim().to_owned();
        let words: Vec<&str> = l.split_whitespace().collect();
        if words.len() >= 2 {
            let n = words[words.len() - 1].trim_matches(['(', ')']);
            if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() {
                line.copies = n.parse().ok();
                *last = words[..words.len() - 1].join(" ");
            }
        } else {
            *last = l;
        }
    }
    if line.drafter.is_none()
        && let Some(last) = parts.last_mut()
        && last.ends_with(')')
        && let Some(open) = last.find('(')
    {
        let d = last[open + 1..last.len() - 1].to_owned();
        if !d.is_empty() && !d.bytes().all(|b| b.is_ascii_digit()) {
            line.drafter = Some(d);
            *last = last[..open].trim().to_owned();
        }
    }
    line.units = parts.into_iter().filter(|p| !p.is_empty()).collect();
    line
}

// ---------------------------------------------------------------------------------------
// Appendices and the attached document

fn read_after_signature(b: &mut Builder, doc: &mut vanban_core::Document, rest: &[Item]) {
    let heading_at = |from: usize| {
        rest[from..]
            .iter()
            .position(|it| para_text(it).is_some_and(|t| is_appendix_heading(&t)))
            .map(|e| from + e)
            .unwrap_or(rest.len())
    };
    let mut i = 0;
    while i < rest.len() {
        let Some(t) = para_text(&rest[i]) else {
            if let Item::Table(table) = &rest[i] {
                b.note(
                    Severity::Warning,
                    table.origin,
                    Some("body.after"),
                    "Bảng in sau khối chữ ký không thuộc phụ lục nào; đã giữ lại ở cuối phần \
                     nội dung (trước chữ ký): hãy xem lại vị trí của bảng."
                        .into(),
                );
                doc.body.after.push(Block::Table(text_table(table)));
            }
            i += 1;
            continue;
        };
        if is_appendix_heading(&t) {
            let end = heading_at(i + 1);
            read_appendix(b, doc, &rest[i + 1..end]);
            i = end;
            continue;
        }
        if let Some(t_type) = title_type(&t)
            && doc.attachment.is_none()
        {
            let end = heading_at(i + 1);
            let paras = flatten_tables(&rest[i + 1..end]);
            read_attachment(b, doc, t_type, &paras);
            i = end;
            continue;
        }
        // The header an attached document repeats on its title page (the bodies' names, the
        // national title and motto): printed again from the document's own header.
        let names = [
            Some(doc.header.issuing_body.name.as_str()),
            doc.header.parent_body.as_ref().map(|p| p.name.as_str()),
        ];
        let up = t.to_uppercase();
        let repeated_header = t == QUOC_HIEU
            || t == TIEU_NGU
            || (is_upper_text(&t)
                && names
                    .iter()
                    .flatten()
                    .any(|n| squash(&n.to_uppercase()).contains(&up)));
        if repeated_header {
            b.note(
                Severity::Info,
                rest[i].origin(),
                None,
                format!(
                    "Dòng “{}” là phần đầu lặp lại của văn bản kèm theo; được in lại từ phần đầu văn bản.",
                    short(&t)
                ),
            );
        } else if !t.is_empty()
            && !is_rule(&t)
            && let Item::Para(p) = &rest[i]
        {
            // Nothing is lost: the paragraph stays, in order, at the end of the body, and the
            // clerk is told where it was.
            b.note(
                Severity::Warning,
                p.origin,
                Some("body.after"),
                format!(
                    "Đoạn “{}” in sau khối chữ ký không thuộc phụ lục nào; đã giữ lại ở cuối \
                     phần nội dung (trước chữ ký): hãy xem lại vị trí của đoạn.",
                    short(&t)
                ),
            );
            doc.body.after.push(Block::Paragraph { text: p.rich() });
        }
        i += 1;
    }
}

fn short(t: &str) -> String {
    let mut s: String = t.chars().take(60).collect();
    if t.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn cell_texts(row: &[crate::source::Cell]) -> Vec<String> {
    row.iter()
        .map(|c| squash(&c.iter().map(Para::text).collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Title in capitals, "(Kèm theo …)", then a list of documents, the tasks or text.
fn read_appendix(b: &mut Builder, doc: &mut vanban_core::Document, items: &[Item]) {
    let mut i = 0;
    let mut title: Vec<String> = Vec::new();
    while let Some(t) = items.get(i).and_then(para_text) {
        if is_upper_text(&t) && !t.starts_with('(') && mark_of(&t).is_none() {
            title.push(t);
            i += 1;
        } else {
            break;
        }
    }
    let mut date_style = DateStyle::Words;
    if let Some(t) = items.get(i).and_then(para_text)
        && t.starts_with("(Kèm theo")
    {
        let mut kem = t.clone();
        i += 1;
        while !kem.ends_with(')')
            && let Some(more) = items.get(i).and_then(para_text)
        {
            kem.push(' ');
            kem.push_str(&more);
            i += 1;
        }
        if kem.contains('/') && !kem.contains("tháng") {
            date_style = DateStyle::Numeric;
        }
        read_kem_theo(doc, &kem);
    }
    while items
        .get(i)
        .and_then(para_text)
        .is_some_and(|t| is_rule(&t))
    {
        i += 1;
    }
    let body = &items[i..];
    let joined = join_lines(body);
    let texts: Vec<String> = joined.iter().filter_map(para_text).collect();
    let first_table = match joined.first() {
        Some(Item::Table(t)) if joined.len() == 1 || joined[1..].iter().all(Item::is_blank) => {
            Some(t)
        }
        _ => None,
    };
    let mut appendix_numbering = None;
    let content = if let Some(t) = first_table
        && t.rows.first().is_some_and(|r| {
            cell_texts(r)
                .iter()
                .map(|c| c.replace(' ', ""))
                .collect::<Vec<_>>()
                == ["STT", "Vănbản"]
        }) {
        let lines: Vec<Item> = t.rows[1..]
            .iter()
            .flat_map(|r| {
                let cells = cell_texts(r);
                // "1." | "Quyết định …", or a group row "I" | "Văn bản của Trung ương".
                let mut paras: Vec<Item> = Vec::new();
                let mut first = cells.first().cloned().unwrap_or_default();
                let rest: Vec<&crate::source::Cell> = r.iter().skip(1).collect();
                let mut texts: Vec<String> = rest
                    .iter()
                    .flat_map(|c| c.iter().map(|p| squash(&p.text())))
                    .filter(|t| !t.is_empty())
                    .collect();
                if texts.is_empty() {
                    texts.push(String::new());
                }
                if !first.is_empty() && !first.ends_with('.') && first.parse::<u32>().is_ok() {
                    first.push('.');
                }
                for (k, t) in texts.into_iter().enumerate() {
                    let line = if k == 0 { format!("{first} {t}") } else { t };
                    paras.push(Item::Para(Para::line(line.trim(), t_origin(r))));
                }
                paras
            })
            .collect();
        documents_list(&lines)
    } else if texts
        .first()
        .is_some_and(|t| t.replace(' ', "") == "STTVănbản")
    {
        documents_list(&joined[1..])
    } else if let Some(t) = first_table
        && let Some(tasks) = task_table(doc, t)
    {
        doc.tasks.extend(tasks);
        AppendixContent::Tasks
    } else if let Some(tasks) = text_task_table(b, doc, body) {
        doc.tasks.extend(tasks);
        AppendixContent::Tasks
    } else {
        let (content, numbering, _, _) = read_content(b, doc, &joined, false);
        appendix_numbering = numbering.filter(|s| *s != doc.numbering);
        AppendixContent::Text { text: content }
    };
    let orientation = if matches!(content, AppendixContent::Tasks) {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    doc.appendices.push(Appendix {
        title: title.join(" "),
        orientation,
        numbering: appendix_numbering,
        reference_date_style: date_style,
        content,
    });
}

fn t_origin(row: &[crate::source::Cell]) -> Origin {
    row.iter()
        .flatten()
        .next()
        .map(|p| p.origin)
        .unwrap_or_default()
}

/// "(Kèm theo Kế hoạch số 136/KH-UBND ngày …/01/2025 của UBND tỉnh Long An)": what it says
/// about the document itself.
fn read_kem_theo(doc: &mut vanban_core::Document, kem: &str) {
    let inner = kem
        .trim_start_matches("(Kèm theo")
        .trim_end_matches(')')
        .trim();
    if let Some(at) = inner.rfind(" của ") {
        let who = inner[at + " của ".len()..].trim();
        if doc.header.issuing_body.short_name.is_none() && !who.is_empty() {
            doc.header.issuing_body.short_name = Some(who.to_owned());
        }
    }
    if let Some(at) = inner.find(" số ") {
        let after = &inner[at + " số ".len()..];
        let words: Vec<&str> = after.split_whitespace().collect();
        if let Some(sym) = words.iter().find(|w| w.contains('/'))
            && (doc.header.issuing_body.abbreviation.is_none() || doc.header.number.is_none())
        {
            let keep_abbr = doc.header.issuing_body.abbreviation.clone();
            read_symbol(doc, sym);
            if keep_abbr.is_some() {
                doc.header.issuing_body.abbreviation = keep_abbr;
            }
        }
        if doc.header.date.is_none()
            && let Some(d) = after.find("ngày")
        {
            let date_words: Vec<&str> = after[d + "ngày".len()..].split_whitespace().collect();
            // "…/01/2025" (day left blank) or "05/3/2026".
            if let Some(w) = date_words.first() {
                let parts: Vec<&str> = w.split('/').collect();
                if parts.len() == 3
                    && let (Ok(m), Ok(y)) = (parts[1].parse::<u8>(), parts[2].parse::<i32>())
                {
                    doc.header.date = Some(IssueDate {
                        year: y,
                        month: Some(m),
                        day: parts[0].parse().ok(),
                    });
                } else if let Some(date) = issue_date(&after[d..]) {
                    doc.header.date = Some(date);
                }
            }
        }
    }
}

/// A list of documents: "I Văn bản của Trung ương" group rows and numbered entries.
fn documents_list(items: &[Item]) -> AppendixContent {
    let mut groups: Vec<DocumentGroup> = Vec::new();
    for it in items {
        let Some(t) = para_text(it) else { continue };
        if t.replace(' ', "") == "STTVănbản" {
            continue;
        }
        let first = t.split_whitespace().next().unwrap_or("");
        if roman_value(first.trim_end_matches('.')).is_some() && t.len() > first.len() {
            groups.push(DocumentGroup {
                title: Some(t[first.len()..].trim().to_owned()),
                entries: Vec::new(),
            });
            continue;
        }
        if groups.is_empty() {
            groups.push(DocumentGroup {
                title: None,
                entries: Vec::new(),
            });
        }
        let Some(g) = groups.last_mut() else { continue };
        match mark_of(&t) {
            Some((Mark::Arabic(_), len)) => {
                let rest: String = t.chars().skip(len).collect();
                g.entries.push(vec![RichText::plain(rest.trim())]);
            }
            _ => match g.entries.last_mut() {
                Some(e) => e.push(RichText::plain(t)),
                None => g.entries.push(vec![RichText::plain(t)]),
            },
        }
    }
    AppendixContent::Documents { groups }
}

/// Words a unit's name starts with, for telling the unit columns of a flattened task table
/// from the task's text.
const UNIT_STARTS: [&str; 24] = [
    "Sở ",
    "Các sở",
    "UBND",
    "Ủy ban",
    "Báo ",
    "Đài ",
    "Văn phòng",
    "Trung tâm",
    "Tỉnh Đoàn",
    "Công an",
    "Bảo hiểm",
    "Ban ",
    "Hội ",
    "Liên đoàn",
    "Cục ",
    "Bưu điện",
    "Ngân hàng",
    "Phòng ",
    "Các cơ quan",
    "Các đơn vị",
    "Các doanh nghiệp",
    "Đoàn ",
    "Viện ",
    "Trường ",
];

const TIME_STARTS: [&str; 9] = [
    "Thường xuyên",
    "Hàng ",
    "Hằng ",
    "Quý ",
    "Tháng ",
    "Trước ",
    "Năm ",
    "Ngày ",
    "Từ ",
];

fn starts_unit(t: &str) -> bool {
    UNIT_STARTS.iter().any(|u| t.starts_with(u))
}

/// Where a time phrase starts in a line ("Truyền thông Thường xuyên" → 13).
fn time_at(t: &str) -> Option<usize> {
    TIME_STARTS
        .iter()
        .filter_map(|w| {
            if t.starts_with(w) {
                Some(0)
            } else {
                t.find(&format!(" {w}")).map(|at| at + 1)
            }
        })
        .min()
}

/// The first row's number: "1.1" alone, or "2 Title" / "2. Title" for a group.
fn row_start(t: &str) -> Option<(String, Option<String>)> {
    let first = t.split_whitespace().next()?;
    let num = first.trim_end_matches('.');
    let is_num = !num.is_empty()
        && num
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    if !is_num {
        return None;
    }
    let rest = t[first.len()..].trim();
    if rest.is_empty() {
        return Some((num.to_owned(), None));
    }
    (!num.contains('.') && starts_upper(rest)).then(|| (num.to_owned(), Some(rest.to_owned())))
}

/// The cells of a flattened task row: content, lead, cooperating units, notes; and the time.
fn classify_row(pieces: Vec<(String, bool)>) -> ([Vec<String>; 4], Vec<String>) {
    let mut cells: [Vec<String>; 4] = Default::default();
    let mut time: Vec<String> = Vec::new();
    let mut col = 0usize; // 0 content, 1 lead, 2 coop, 3 time, 4 notes
    let mut prev_open = true;
    for (line, forced) in pieces {
        let mut line = line;
        if col < 3 {
            let new_unit_cell =
                starts_unit(&line) && (forced || !prev_open) && (col == 0 || !line.is_empty());
            if col == 0 && new_unit_cell && !cells[0].is_empty() {
                col = 1;
            } else if (col == 1 || col == 2) && new_unit_cell {
                col += 1;
            }
            if (1..=3).contains(&col)
                && let Some(at) = time_at(&line)
            {
                let (units, t) = line.split_at(at);
                if !units.trim().is_empty() {
                    cells[col.min(2)].push(units.trim().to_owned());
                }
                let t = t.trim();
                // The time cell's own text, then what follows it on the line (notes).
                let (t, rest) = match tasks::time(t, None) {
                    _ if t.ends_with("Quý") || t.ends_with("đến") => {
                        (t.to_owned(), String::new())
                    }
                    Some(vanban_core::model::TaskTime::Text { .. }) | None => split_time_phrase(t),
                    Some(_) => (t.to_owned(), String::new()),
                };
                time.push(t.clone());
                col = 3;
                prev_open = t.ends_with("Quý") || t.ends_with("đến");
                if !rest.is_empty() {
                    cells[3].push(rest);
                    col = 4;
                }
                continue;
            }
        }
        match col {
            0..=2 => cells[col].push(line.clone()),
            3 if prev_open => {
                time.push(std::mem::take(&mut line));
                prev_open = false;
                continue;
            }
            _ => {
                col = 4;
                cells[3].push(line.clone());
            }
        }
        prev_open = ends_open(&line);
    }
    (cells, time)
}

/// "Thường xuyên Giới thiệu …" → the time words and the rest.
fn split_time_phrase(t: &str) -> (String, String) {
    let words: Vec<&str> = t.split_whitespace().collect();
    for n in (1..=words.len().min(8)).rev() {
        let head = words[..n].join(" ");
        if matches!(tasks::time(&head, None), Some(tt) if !matches!(tt, vanban_core::model::TaskTime::Text { .. }))
        {
            return (head, words[n..].join(" "));
        }
    }
    (t.to_owned(), String::new())
}

/// Cuts a row's text before every unit name that does not continue a list of units.
fn split_at_units(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    for k in 1..words.len() {
        let (at, _) = words[k];
        let prev = words[k - 1].1;
        if at <= start || !starts_unit(&text[at..]) {
            continue;
        }
        let continues = prev.ends_with(';')
            || matches!(
                prev,
                "và" | "của"
                    | "các"
                    | "với"
                    | "cho"
                    | "tại"
                    | "trên"
                    | "về"
                    | "qua"
                    | "phòng"
                    | "tâm"
            );
        if !continues && text[start..at].split_whitespace().count() >= 3 {
            out.push(text[start..at].trim().to_owned());
            start = at;
        }
    }
    out.push(text[start..].trim().to_owned());
    out.retain(|s| !s.is_empty());
    out
}

/// Splits a line where a unit's name starts right after the end of another cell's text: after
/// a closing quote, bracket or full stop, or after a word not followed by ";" or ",".
fn split_run_together(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    for k in 1..words.len() {
        let (at, _) = words[k];
        let prev = words[k - 1].1;
        let rest = &line[at..];
        if !starts_unit(rest) || at <= start {
            continue;
        }
        let after_end = prev.ends_with(['”', ')', '.']);
        let after_word = !prev.ends_with([';', ',', ':'])
            && !matches!(
                prev,
                "và" | "của" | "các" | "với" | "cho" | "tại" | "trên" | "về" | "qua"
            )
            && prev.chars().next().is_some_and(char::is_lowercase)
            && words[..k]
                .iter()
                .any(|(_, w)| starts_unit(w) || w.chars().next().is_some_and(char::is_uppercase));
        let enough = line[start..at].split_whitespace().count() >= 3
            && !matches!(prev, "phòng" | "tâm" | "ban" | "đoàn" | "hội");
        if enough && (after_end || after_word) {
            out.push(line[start..at].trim().to_owned());
            start = at;
        }
    }
    out.push(line[start..].trim().to_owned());
    out.retain(|s| !s.is_empty());
    out
}

fn ends_open(t: &str) -> bool {
    let last = t.split_whitespace().last().unwrap_or("");
    t.ends_with([';', ',', '-', '('])
        || matches!(
            last,
            "và" | "của" | "các" | "tại" | "trên" | "về" | "với" | "cho"
        )
}

/// A task table flattened into lines (text copied from a PDF): rows start at their number
/// ("1.1", "2 Title"); a row's cells follow one another: the task's text, then the lead and
/// cooperating units (each starting like a unit's name), the time (a time phrase) and notes.
fn text_task_table(
    b: &mut Builder,
    doc: &mut vanban_core::Document,
    items: &[Item],
) -> Option<Vec<TaskNode>> {
    let lines: Vec<(String, Origin)> = items
        .iter()
        .filter_map(|i| para_text(i).map(|t| (t, i.origin())))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let head_end = lines
        .iter()
        .take(14)
        .position(|(t, _)| t.starts_with("Ghi chú") || t.ends_with("Ghi chú"))?;
    let head: String = lines[..=head_end]
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if !(head.contains("nhiệm vụ") && head.contains("chủ trì") && head.contains("st")) {
        return None;
    }
    let header_lines: Vec<String> = lines[..=head_end].iter().map(|(t, _)| t.clone()).collect();
    // Rows: (number, group title) and their lines.
    let mut rows: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    let mut i = head_end + 1;
    while i < lines.len() {
        let t = &lines[i].0;
        // A header repeated on a new page.
        if header_lines.first() == Some(t)
            && lines[i..].len() >= header_lines.len()
            && lines[i..i + header_lines.len()]
                .iter()
                .map(|(l, _)| l)
                .eq(header_lines.iter())
        {
            i += header_lines.len();
            continue;
        }
        match row_start(t) {
            Some((n, title)) => rows.push((n, title, Vec::new())),
            None => match rows.last_mut() {
                Some(r) => r.2.push(t.clone()),
                None => return None,
            },
        }
        i += 1;
    }
    if rows.is_empty() {
        return None;
    }
    let origin = lines[0].1;
    let cell = |lines: &[String]| -> crate::source::Cell {
        // Paragraphs of a cell: a "- " line starts a new one.
        let mut paras: Vec<String> = Vec::new();
        for l in lines {
            match paras.last_mut() {
                Some(p) if !l.starts_with("- ") && !l.starts_with("+ ") => {
                    p.push(' ');
                    p.push_str(l);
                }
                _ => paras.push(l.clone()),
            }
        }
        paras.iter().map(|p| Para::line(p, origin)).collect()
    };
    let mut table_rows: Vec<Vec<crate::source::Cell>> = Vec::new();
    let header: Vec<crate::source::Cell> = [
        "STT",
        "Nhiệm vụ, công việc",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian triển khai",
        "Ghi chú",
    ]
    .iter()
    .map(|h| vec![Para::line(h, origin)])
    .collect();
    table_rows.push(header);
    for (n, title, body) in rows {
        if let Some(title) = title {
            let mut full = vec![title];
            full.extend(body);
            table_rows.push(vec![
                vec![Para::line(&n, origin)],
                cell(&full),
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
            ]);
            continue;
        }
        // Split the row's lines into its cells.
        // Cells printed side by side run together on a line: "…cấp xã” UBND cấp huyện Các sở".
        let mut pieces: Vec<(String, bool)> = Vec::new();
        for line in &body {
            for (k, p) in split_run_together(line).into_iter().enumerate() {
                pieces.push((p, k > 0));
            }
        }
        let (mut cells, mut time) = classify_row(pieces);
        if cells[1].is_empty() || time.is_empty() {
            // The copy interleaved the cells: cut the row's whole text at every unit name.
            let whole = body.join(" ");
            let mut pieces: Vec<(String, bool)> = Vec::new();
            for (k, p) in split_at_units(&whole).into_iter().enumerate() {
                pieces.push((p, k > 0));
            }
            (cells, time) = classify_row(pieces);
        }
        table_rows.push(vec![
            vec![Para::line(&n, origin)],
            cell(&cells[0]),
            cell(&cells[1]),
            cell(&cells[2]),
            vec![Para::line(&time.join(" "), origin)],
            cell(&cells[3]),
        ]);
    }
    b.note(
        Severity::Warning,
        origin,
        Some("tasks"),
        "Bảng nhiệm vụ được đọc từ chữ đã mất đường kẻ bảng: các cột được đoán theo nội dung (tên đơn vị, thời gian); hãy kiểm tra từng dòng.".into(),
    );
    let table = crate::source::Table {
        rows: table_rows,
        origin,
        ..Default::default()
    };
    task_table(doc, &table)
}

fn read_attachment(
    b: &mut Builder,
    doc: &mut vanban_core::Document,
    t: DocumentType,
    paras: &[Para],
) {
    let mut i = 0;
    let mut subject = Vec::new();
    while i < paras.len() {
        let s = squash(&paras[i].text());
        if s.starts_with("(Kèm theo") || is_rule(&s) || mark_of(&s).is_some() || subject.len() >= 4
        {
            break;
        }
        subject.push(s);
        i += 1;
    }
    if let Some(s) = paras.get(i).map(|p| squash(&p.text()))
        && s.starts_with("(Kèm theo")
    {
        i += 1;
        while i < paras.len() && !squash(&paras[i - 1].text()).ends_with(')') {
            i += 1;
        }
    }
    while i < paras.len() && is_rule(&paras[i].text()) {
        i += 1;
    }
    // The decision's signer is printed again at the end: drop those lines.
    let mut end = paras.len();
    let sig_lines = super_signature_lines(&doc.signature);
    while end > i && sig_lines.contains(&squash(&paras[end - 1].text())) {
        end -= 1;
    }
    let body: Vec<Item> = paras[i..end].iter().cloned().map(Item::Para).collect();
    let joined = join_lines(&body);
    let mut items = joined;
    let mut closing = None;
    // A text that ends with "./." needs no closing sentence of its own; a last unnumbered
    // paragraph without it is the closing sentence.
    if let Some(Item::Para(p)) = items.last()
        && !squash(&p.text()).ends_with("./.")
        && mark_of(&p.text()).is_none()
        && items
            .iter()
            .any(|i| para_text(i).is_some_and(|t| mark_of(&t).is_some()))
    {
        closing = Some(p.rich());
        items.pop();
    }
    let (content, numbering, _, _) = read_content(b, doc, &items, false);
    doc.attachment = Some(Attachment {
        doc_type: t,
        subject: squash(&subject.join(" ")),
        numbering: numbering.unwrap_or_default(),
        body: content,
        closing,
    });
}

fn super_signature_lines(s: &SignatureBlock) -> Vec<String> {
    let mut v = vanban_core::format::authority_lines(s);
    v.push(s.name.clone());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_recognised() {
        assert_eq!(mark_of("I. MỤC ĐÍCH").map(|m| m.0), Some(Mark::Roman(1)));
        assert_eq!(mark_of("IV. KINH PHÍ").map(|m| m.0), Some(Mark::Roman(4)));
        assert_eq!(
            mark_of("3. Sở Tài chính").map(|m| m.0),
            Some(Mark::Arabic(3))
        );
        assert_eq!(
            mark_of("3.1.1. Hội thi").map(|m| m.0),
            Some(Mark::Decimal(vec![3, 1, 1]))
        );
        assert_eq!(mark_of("đ) Hình thức").map(|m| m.0), Some(Mark::Letter(5)));
        assert_eq!(
            mark_of("- Tổ chức").map(|m| m.0),
            Some(Mark::List("-".into()))
        );
        assert_eq!(
            mark_of("(1) Phản ánh").map(|m| m.0),
            Some(Mark::List("(1)".into()))
        );
        assert_eq!(
            mark_of("Điều 2. Quyết định").map(|m| m.0),
            Some(Mark::Article(2))
        );
        assert_eq!(mark_of("2022 trên địa bàn"), None);
        assert_eq!(mark_of("Kinh phí"), None);
    }

    #[test]
    fn archive_lines_are_read() {
        let a = archive_of("Lưu: VT, KGVX(HTHT).");
        assert_eq!(a.units, vec!["KGVX".to_owned()]);
        assert_eq!(a.drafter.as_deref(), Some("HTHT"));
        // The drafter's code as a sentence of its own, with the copies issued (ô 12).
        let a = archive_of("Lưu: VT, CNTT. KV (01).");
        assert_eq!(a.units, vec!["CNTT".to_owned()]);
        assert_eq!(a.drafter.as_deref(), Some("KV"));
        assert_eq!(a.issued_copies, Some(1));
        assert_eq!(a.code_style, DrafterCodeStyle::Spaced);
        assert_eq!(
            vanban_core::format::archive_text(&a),
            "Lưu: VT, CNTT. KV (01)."
        );
        let a = archive_of("Lưu: VT, TCCB 02. PL.(300).");
        assert_eq!(a.units, vec!["TCCB".to_owned()]);
        assert_eq!((a.copies, a.issued_copies), (Some(2), Some(300)));
        assert_eq!(a.code_style, DrafterCodeStyle::Specimen);
        assert_eq!(
            vanban_core::format::archive_text(&a),
            "Lưu: VT, TCCB 02. PL.(300)."
        );
    }

    #[test]
    fn the_closing_clause_is_split_from_the_last_reference() {
        let (refs, clause) = split_clause(
            "Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        );
        assert!(refs.ends_with("quốc gia"));
        assert_eq!(
            clause,
            Some((
                "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:".to_owned(),
                ClosingPlacement::SameParagraph
            ))
        );
        // A new sentence after the reference; a dot after a number or an abbreviation is none.
        let (refs, clause) = split_clause(
            "Kế hoạch số 142/KH-UBND ngày 14/7/2025 của UBND tỉnh về chính quyền số và Chính phủ điện tử. Sở Thông tin và Truyền thông xây dựng Kế hoạch như sau:",
        );
        assert!(refs.ends_with("Chính phủ điện tử"));
        assert_eq!(clause.map(|c| c.1), Some(ClosingPlacement::NewSentence));
        let (_, clause) =
            split_clause("Quyết định số 1/QĐ-UBND của UBND TP. Hồ Chí Minh về việc như sau:");
        assert_eq!(clause, None);
    }

    fn para(text: &str) -> Item {
        Item::Para(Para {
            spans: vec![Span::plain(text)],
            ..Para::default()
        })
    }

    fn body_of(lines: &[&str]) -> (Content, Option<RichText>) {
        let items: Vec<Item> = lines.iter().map(|l| para(l)).collect();
        let mut b = Builder { diags: Vec::new() };
        let mut doc = vanban_core::skeleton::new_document(DocumentType::CongVan);
        let (content, _, closing, _) = read_content(&mut b, &mut doc, &items, true);
        (content, closing)
    }

    #[test]
    fn paragraphs_after_the_sections_stay_after_them() {
        // A letter summed up after its numbered parts, ending without "./.".
        let (c, closing) = body_of(&[
            "1. Về đăng ký",
            "Các cơ quan đăng ký trước.",
            "2. Về an toàn",
            "- Không chia sẻ đường dẫn.",
            "Trên đây là hướng dẫn.",
            "Giao Phòng theo dõi.",
            "(Tài liệu đăng tải tại chuyên mục).",
        ]);
        assert_eq!(closing, None);
        assert_eq!(c.sections.len(), 2);
        assert_eq!(c.after.len(), 3);
        assert_eq!(c.sections[1].blocks.len(), 1);
        // A note on carrying out a part closes the part, after its subsections.
        let (c, closing) = body_of(&[
            "I. TỔ CHỨC THỰC HIỆN",
            "1. Sở Thông tin",
            "Chủ trì.",
            "2. Các sở",
            "Phối hợp.",
            "Trong quá trình thực hiện, nếu có vướng mắc, phản ánh về Sở.",
            "Trên đây là Kế hoạch./.",
        ]);
        assert!(closing.is_some());
        assert_eq!(c.sections[0].after.len(), 1);
        assert_eq!(c.sections[0].subsections[1].blocks.len(), 1);
    }

    #[test]
    fn basis_words_that_are_no_reference_are_kept_as_written() {
        let items: Vec<Item> = [
            "Căn cứ tình hình thực tế của địa phương;",
            "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia;",
            "UBND tỉnh ban hành Kế hoạch như sau:",
            "I. MỤC ĐÍCH",
        ]
        .iter()
        .map(|l| para(l))
        .collect();
        let mut b = Builder { diags: Vec::new() };
        let mut doc = vanban_core::skeleton::new_document(DocumentType::KeHoach);
        let k = read_preamble(&mut b, &mut doc, &items, 0);
        assert_eq!(k, 3);
        let basis = &doc.legal_basis;
        assert_eq!(basis.paragraphs.len(), 2);
        assert_eq!(
            basis.paragraphs[0].text,
            Some(RichText::plain("tình hình thực tế của địa phương"))
        );
        assert_eq!(basis.paragraphs[1].groups.len(), 1);
        assert!(basis.closing_clause.is_some());
    }

    #[test]
    fn a_part_numbered_otherwise_gets_its_own_numbering() {
        let items: Vec<Item> = [
            "I. MỤC ĐÍCH",
            "1. Mục đích",
            "2. Yêu cầu",
            "II. NỘI DUNG",
            "3.1. Các hoạt động",
            "3.1.1. Khai mạc",
            "a) Hướng dẫn",
            "III. TỔ CHỨC",
            "1. Sở",
        ]
        .iter()
        .map(|l| para(l))
        .collect();
        let mut b = Builder { diags: Vec::new() };
        let mut doc = vanban_core::skeleton::new_document(DocumentType::KeHoach);
        let (c, numbering, _, _) = read_content(&mut b, &mut doc, &items, false);
        assert_eq!(
            numbering,
            Some(Numbering::Scheme(NumberingScheme::RomanArabicLetter))
        );
        assert_eq!(c.sections[0].numbering, None);
        assert_eq!(
            c.sections[1].numbering,
            Some(Numbering::Levels(NumberingLevels {
                levels: vec![
                    LevelStyle::Decimal.into(),
                    LevelStyle::Decimal.into(),
                    LevelStyle::Letter.into()
                ]
            }))
        );
        assert!(b.diags.is_empty());
    }
}
