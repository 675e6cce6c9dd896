//! The checks the app runs for the user as they write: each problem is a
//! [`Diagnostic`] with a severity, a stable code, the path of the field it concerns, a
//! Vietnamese message and, where possible, a hint. Validation problems are data, not errors.

use serde::Serialize;
use serde_json::Value;

use crate::format::{is_valid_abbreviation, numeric_date};
use crate::model::{
    Block, CalendarDate, Content, Document, IssueDate, LegalReference, LevelStyle, Numbering,
    NumberingScheme, RecipientEntry, Section, SectionRole, Task, TaskNode, TaskTime,
};
use crate::numbering::{self, Flow, walk_content};
use crate::text::{ToneStyle, is_nfc, tone_style, words};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document must not be issued like this.
    Error,
    /// Worth a look; the document can still be issued.
    Warning,
}

/// What kind of problem; stable, for programs and the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// A required part is empty or missing.
    MissingPart,
    /// A date that does not exist (30/02, month 13…).
    ImpossibleDate,
    /// A number, ký hiệu or issue date that breaks the decree's rules.
    NumberingRule,
    /// A cited document's number or date looks wrong.
    Reference,
    /// A unit with tasks or duties is not among the recipients.
    UnitNotRecipient,
    /// A task without a lead unit.
    TaskWithoutLead,
    /// A task without a time.
    TaskWithoutTime,
    /// The body does not end with "./.".
    MissingEndMark,
    /// Headings numbered or ordered in a way the decree does not expect.
    HeadingOrder,
    /// Text not in Unicode NFC.
    NotNfc,
    /// Both tone-mark placements ("hoà" and "hòa") in one document.
    MixedToneMarks,
    /// The body does not mention an appendix.
    AppendixNotCited,
    /// A signer block that breaks the decree's rules.
    Signature,
    /// A blank left to fill ("…", "...", "___", "[…]").
    Blank,
    /// A heading not in the capitals the decree gives its level.
    HeadingCase,
    /// A line that does not fit its column in the lines the decree expects.
    DoesNotFit,
    /// The text refers to a section ("mục 3.1.1", "Điều 4") the document does not have.
    CrossReference,
}

/// When the checks run: while drafting, blanks left to fill are warnings; when the document is
/// signed, issued or exported as issued, they are errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Drafting and review.
    Draft,
    /// Signing, issuing, exporting an issued document.
    Final,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How bad.
    pub severity: Severity,
    /// What kind.
    pub code: Code,
    /// The field, section or row, as a path into the document's JSON
    /// (`body[1].subsections[0].title`, `tasks[0].tasks[2].lead`).
    pub path: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What to do about it, in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// Everything validation found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The problems, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when nothing blocks issuing the document.
    pub fn is_ok(&self) -> bool {
        self.errors() == 0
    }
}

struct Checker {
    out: Vec<Diagnostic>,
}

impl Checker {
    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) {
        self.out.push(Diagnostic {
            severity,
            code,
            path: path.into(),
            message: message.into(),
            hint: hint.map(str::to_owned),
        });
    }
    fn error(
        &mut self,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) {
        self.push(Severity::Error, code, path, message, hint);
    }
    fn warning(
        &mut self,
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        hint: Option<&str>,
    ) {
        self.push(Severity::Warning, code, path, message, hint);
    }
    fn required(&mut self, path: &str, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.error(Code::MissingPart, path, format!("Chưa nhập {what}."), None);
        }
    }
}

/// Runs every check on a document: a document with a number (issued) is checked as final,
/// any other as a draft.
pub fn validate(doc: &Document) -> Report {
    let stage = if doc.header.number.is_some() {
        Stage::Final
    } else {
        Stage::Draft
    };
    validate_at(doc, stage)
}

/// Runs every check on a document at a stage (see [`Stage`]).
pub fn validate_at(doc: &Document, stage: Stage) -> Report {
    let mut c = Checker { out: Vec::new() };
    header(doc, &mut c);
    title(doc, &mut c);
    legal_basis(doc, &mut c);
    body(doc, &mut c);
    tasks(doc, &mut c);
    units_receive_the_document(doc, &mut c);
    closing(doc, &mut c);
    type_rules(doc, &mut c);
    signature(doc, &mut c);
    appendices(doc, &mut c);
    text_rules(doc, &mut c);
    blanks(doc, stage, &mut c);
    heading_case(doc, &mut c);
    cross_references(doc, &mut c);
    Report { diagnostics: c.out }
}

/// The marks a template or a draft leaves where the writer still has to fill in: "…", "...",
/// "___", "[…]" / "[...]". Dots right after a word, a number or a closing quote or bracket
/// ("cơ quan...)", "Long An”…") are an ellipsis ending an enumeration, as published
/// documents write it, not a blank.
pub fn blank_in(text: &str) -> Option<&'static str> {
    if text.contains("[…]") || text.contains("[...]") {
        return Some("[…]");
    }
    if text.contains("___") {
        return Some("___");
    }
    let ends_enumeration = |before: &str| {
        before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '”' | '"' | '’' | ')' | '.'))
    };
    for (mark, name) in [("…", "…"), ("...", "...")] {
        let mut from = 0;
        while let Some(at) = text[from..].find(mark) {
            let at = from + at;
            if !ends_enumeration(&text[..at]) {
                return Some(name);
            }
            from = at + mark.len();
            // "...." or "……": the rest of one run of dots.
            while text[from..].starts_with('.') || text[from..].starts_with('…') {
                from += text[from..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    None
}

fn blanks(doc: &Document, stage: Stage, c: &mut Checker) {
    let Ok(value) = serde_json::to_value(doc) else {
        return;
    };
    let mut texts: Vec<(String, &str)> = Vec::new();
    collect_strings(&value, String::new(), &mut texts);
    for (path, text) in texts {
        let Some(mark) = blank_in(text) else {
            continue;
        };
        // A styled span ("title[1].text") reports the text it belongs to.
        let path = match path.strip_suffix(".text").and_then(|p| p.rsplit_once('[')) {
            Some((head, index))
                if index.trim_end_matches(']').parse::<usize>().is_ok()
                    && (head.ends_with(']')
                        || [".text", ".title", "closing", "contact", "closing_clause"]
                            .iter()
                            .any(|f| head.ends_with(f))) =>
            {
                head.to_owned()
            }
            _ => path,
        };
        let message = format!("Còn chỗ trống “{mark}” chưa điền.");
        let hint = Some("Điền nội dung thay cho dấu “…”, hoặc xóa chỗ trống.");
        match stage {
            Stage::Draft => c.warning(Code::Blank, path, message, hint),
            Stage::Final => c.error(
                Code::Blank,
                path,
                format!("{message} Văn bản ký, ban hành không được còn chỗ trống."),
                hint,
            ),
        }
    }
}

/// True when every letter of the text is a capital (and it has letters).
fn all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|ch| ch.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|ch| !ch.is_lowercase())
}

/// The decree prints a mục ("I. NHỮNG KẾT QUẢ …") in capitals and khoản, điểm, articles in
/// ordinary case; "Phần", "Chương" and "Mục" titles are set in capitals by the layout.
fn heading_case(doc: &Document, c: &mut Checker) {
    let mut check = |numbering: &Numbering, content: &Content, base: &str| {
        walk_content(content, numbering, base, &mut |flow| {
            let Flow::Heading(h) = flow else { return };
            let title = h.section.title.text();
            if title.trim().is_empty() || h.style.label_on_own_line() {
                return;
            }
            let words = title.split_whitespace().count();
            if h.style == LevelStyle::Roman && !all_caps(&title) {
                c.warning(
                    Code::HeadingCase,
                    format!("{}.title", h.path),
                    format!(
                        "Đề mục “{} {}” phải viết in hoa (Nghị định 30: số La Mã và tên mục in hoa, đậm).",
                        h.label, title
                    ),
                    Some("Viết tên mục bằng chữ in hoa, ví dụ “I. MỤC ĐÍCH, YÊU CẦU”."),
                );
            } else if h.style != LevelStyle::Roman && h.depth > 1 && words >= 2 && all_caps(&title)
            {
                c.warning(
                    Code::HeadingCase,
                    format!("{}.title", h.path),
                    format!(
                        "Đề mục “{} {}” viết in hoa; Nghị định 30 chỉ viết in hoa tên mục cấp I, II…, các cấp dưới viết thường.",
                        h.label, title
                    ),
                    Some("Viết thường, chỉ viết hoa chữ cái đầu và tên riêng."),
                );
            }
        });
    };
    check(&doc.numbering, &doc.body, "body");
    if let Some(a) = &doc.attachment {
        check(&a.numbering, &a.body, "attachment.body");
    }
}

/// "mục 3.1.1, phần III", "tại mục II", "Điều 4", "khoản 2 Điều 3" in the text must name a
/// section the document has (the numbers are computed, so a moved section changes them).
fn cross_references(doc: &Document, c: &mut Checker) {
    let content = &doc.body;
    let numbering = &doc.numbering;
    let heads = numbering::headings(content, numbering, "body");
    if heads.is_empty() {
        return;
    }
    let keys: Vec<String> = heads
        .iter()
        .map(|h| numbering::reference_key(&h.label))
        .collect();
    walk_content(content, numbering, "body", &mut |flow| {
        let (path, texts) = match flow {
            Flow::Heading(h) => (format!("{}.title", h.path), vec![&h.section.title]),
            Flow::Block { block, path, .. } => (path, block.texts()),
        };
        for t in texts {
            for (word, label) in references_in(&t.text()) {
                let key = numbering::reference_key(&label);
                // Only references in the numbering's own style are checked ("mục 3.1.1" in a
                // decimal part, "phần III" in a Roman one); "Điều 4 Luật …" names another
                // document when the text has no articles.
                let looks_own = heads.iter().any(|h| {
                    let k = numbering::reference_key(&h.label);
                    same_shape(&k, &key)
                });
                if !looks_own || keys.contains(&key) {
                    continue;
                }
                // "Điều 5 của Luật …", "khoản 2 Điều 3 Nghị định …" name another document.
                if matches!(word, "điều" | "khoản")
                    && heads.iter().all(|h| h.style != LevelStyle::Article)
                {
                    continue;
                }
                c.warning(
                    Code::CrossReference,
                    path.clone(),
                    format!("Văn bản nhắc đến “{word} {label}” nhưng không có đề mục nào được đánh số “{label}”."),
                    Some("Kiểm tra số đề mục được nhắc đến: số đề mục do ứng dụng tự đánh theo thứ tự."),
                );
            }
        }
    });
}

/// Whether two reference keys have the same shape (both Roman, or both numbers: "3.1.1" is
/// checked in a text whose headings are numbered "1.", "2.").
fn same_shape(a: &str, b: &str) -> bool {
    let roman = |s: &str| !s.is_empty() && s.chars().all(|ch| "ivxlcdm".contains(ch));
    let decimal = |s: &str| {
        !s.is_empty()
            && s.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit()))
    };
    (roman(a) && roman(b)) || (decimal(a) && decimal(b))
}

/// The references to sections in a text: ("mục", "3.1.1"), ("phần", "III"), ("điều", "4").
fn references_in(text: &str) -> Vec<(&'static str, String)> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for word in ["mục", "phần", "điều", "khoản"] {
        for (at, _) in lower.match_indices(word) {
            // A whole word: not inside "tiểu mục" is fine, but not "mụcx".
            if lower[..at]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric())
            {
                continue;
            }
            let rest = &lower[at + word.len()..];
            let Some(rest) = rest.strip_prefix(' ') else {
                continue;
            };
            let label: String = rest
                .chars()
                .take_while(|ch| ch.is_ascii_digit() || *ch == '.' || "ivxlcdm".contains(*ch))
                .collect();
            let label = label.trim_end_matches('.').to_owned();
            let is_number = label.chars().any(|ch| ch.is_ascii_digit())
                || (!label.is_empty() && label.chars().all(|ch| "ivxlcdm".contains(ch)) && {
                    // Roman numerals stand alone: "phần III," not "mục chi tiết".
                    let after = rest[label.len()..].chars().next();
                    after.is_none_or(|ch| !ch.is_alphabetic())
                });
            if is_number {
                out.push((word, label.to_uppercase()));
            }
        }
    }
    out
}

fn header(doc: &Document, c: &mut Checker) {
    let h = &doc.header;
    c.required(
        "header.issuing_body.name",
        &h.issuing_body.name,
        "tên cơ quan ban hành",
    );
    match h.issuing_body.abbreviation.as_deref() {
        None | Some("") => c.error(
            Code::MissingPart,
            "header.issuing_body.abbreviation",
            "Chưa nhập tên viết tắt của cơ quan ban hành, nên không tạo được ký hiệu văn bản.",
            Some("Ví dụ: “UBND” cho ký hiệu KH-UBND."),
        ),
        Some(a) if !is_valid_abbreviation(a) => c.error(
            Code::NumberingRule,
            "header.issuing_body.abbreviation",
            format!("Tên viết tắt “{a}” chỉ được gồm chữ và số, không có dấu cách, “/” hay “-”."),
            Some("Các nhóm chữ trong ký hiệu do ứng dụng nối bằng “-”."),
        ),
        Some(_) => {}
    }
    if let Some(parent) = &h.parent_body {
        c.required(
            "header.parent_body.name",
            &parent.name,
            "tên cơ quan chủ quản",
        );
    }
    if doc.doc_type.info().abbreviation.is_none() {
        match h.unit_abbreviation.as_deref() {
            None | Some("") => c.error(
                Code::MissingPart,
                "header.unit_abbreviation",
                format!(
                    "{} cần tên viết tắt của đơn vị soạn thảo hoặc lĩnh vực để tạo ký hiệu.",
                    doc.doc_type.info().name
                ),
                Some("Ví dụ: “VX” cho ký hiệu UBND-VX."),
            ),
            Some(a) if !is_valid_abbreviation(a) => c.error(
                Code::NumberingRule,
                "header.unit_abbreviation",
                format!(
                    "Tên viết tắt “{a}” chỉ được gồm chữ và số, không có dấu cách, “/” hay “-”."
                ),
                None,
            ),
            Some(_) => {}
        }
    }
    c.required("header.place", &h.place, "địa danh");
    if h.number == Some(0) {
        c.error(
            Code::NumberingRule,
            "header.number",
            "Số văn bản bắt đầu từ 01, không có số 0.",
            None,
        );
    }
    if let Some(date) = h.date {
        issue_date(date, c);
        if h.number.is_some() && date.complete().is_none() {
            c.error(
                Code::NumberingRule,
                "header.date",
                "Văn bản đã có số thì phải có đủ ngày, tháng, năm ban hành.",
                Some("Văn thư cấp số và ngày cùng lúc khi ban hành."),
            );
        }
    } else if h.number.is_some() {
        c.error(
            Code::NumberingRule,
            "header.date",
            "Văn bản đã có số nhưng chưa có ngày ban hành.",
            Some("Văn thư cấp số và ngày cùng lúc khi ban hành."),
        );
    }
}

fn issue_date(date: IssueDate, c: &mut Checker) {
    if let Some(m) = date.month
        && !(1..=12).contains(&m)
    {
        c.error(
            Code::ImpossibleDate,
            "header.date.month",
            format!("Tháng {m} không tồn tại."),
            None,
        );
        return;
    }
    match (date.month, date.day) {
        (None, Some(_)) => c.error(
            Code::ImpossibleDate,
            "header.date",
            "Có ngày nhưng chưa có tháng ban hành.",
            Some("Nhập tháng, hoặc để trống cả ngày."),
        ),
        (Some(m), Some(d)) if !CalendarDate::new(date.year, m, d).is_valid() => c.error(
            Code::ImpossibleDate,
            "header.date.day",
            format!("Ngày {d} tháng {m} năm {} không tồn tại.", date.year),
            None,
        ),
        _ => {}
    }
}

fn title(doc: &Document, c: &mut Checker) {
    c.required("subject", &doc.subject, "trích yếu nội dung");
    if doc.doc_type.subject_is_vv() && doc.addressees.is_empty() {
        c.error(
            Code::MissingPart,
            "addressees",
            "Công văn phải có nơi nhận ở dòng “Kính gửi”.",
            None,
        );
    }
    for (i, a) in doc.addressees.iter().enumerate() {
        c.required(&format!("addressees[{i}].name"), &a.name, "tên nơi nhận");
    }
}

fn legal_basis(doc: &Document, c: &mut Checker) {
    for (pi, p) in doc.legal_basis.paragraphs.iter().enumerate() {
        let base = format!("legal_basis.paragraphs[{pi}]");
        c.required(
            &format!("{base}.lead"),
            &p.lead,
            "từ mở đầu (“Căn cứ”, “Thực hiện”…)",
        );
        if p.groups.iter().all(Vec::is_empty) {
            c.error(
                Code::MissingPart,
                format!("{base}.groups"),
                "Đoạn căn cứ chưa có văn bản nào.",
                None,
            );
        }
        for (gi, group) in p.groups.iter().enumerate() {
            for (ri, r) in group.iter().enumerate() {
                reference(doc, r, &format!("{base}.groups[{gi}][{ri}]"), c);
            }
        }
    }
}

fn reference(doc: &Document, r: &LegalReference, path: &str, c: &mut Checker) {
    c.required(
        &format!("{path}.doc_type"),
        &r.doc_type,
        "loại văn bản được viện dẫn",
    );
    if let Some(number) = &r.number
        && (number.trim().is_empty()
            || number.chars().any(char::is_whitespace)
            || !number.contains('/'))
    {
        c.warning(
            Code::Reference,
            format!("{path}.number"),
            format!("Số, ký hiệu “{number}” không đúng dạng thường gặp."),
            Some("Viết liền, không dấu cách, ví dụ “1588/QĐ-TTg”, “20/2023/QH15”, “21-NQ/TU”."),
        );
    }
    if let Some(date) = r.date {
        if !date.is_valid() {
            c.error(
                Code::ImpossibleDate,
                format!("{path}.date"),
                format!(
                    "Ngày {}/{}/{} của văn bản được viện dẫn không tồn tại.",
                    date.day, date.month, date.year
                ),
                None,
            );
        } else if let Some(own) = doc
            .header
            .date
            .and_then(IssueDate::complete)
            .filter(|d| d.is_valid())
            && date > own
        {
            c.warning(
                Code::Reference,
                format!("{path}.date"),
                format!(
                    "Văn bản được viện dẫn ban hành ngày {}, sau ngày của chính văn bản này ({}).",
                    numeric_date(date),
                    numeric_date(own)
                ),
                None,
            );
        }
    }
}

fn body(doc: &Document, c: &mut Checker) {
    if doc.body.is_empty() {
        c.error(Code::MissingPart, "body", "Văn bản chưa có nội dung.", None);
    }
    sections(&doc.numbering, &doc.body, "body", c);
    for (i, a) in doc.appendices.iter().enumerate() {
        if let crate::model::AppendixContent::Text { text } = &a.content {
            sections(
                a.numbering.as_ref().unwrap_or(&doc.numbering),
                text,
                &format!("appendices[{i}].content.text"),
                c,
            );
        }
    }
    // The usual order of a plan's parts.
    let mut last: Option<(usize, SectionRole)> = None;
    for (i, s) in doc.body.sections.iter().enumerate() {
        if let Some(role) = s.role {
            if let Some((_, prev)) = last
                && role_rank(role) < role_rank(prev)
            {
                c.warning(
                        Code::HeadingOrder,
                        format!("body.sections[{i}]"),
                        format!(
                            "Phần “{}” đứng sau phần “{}”; thứ tự thường dùng là mục đích, nội dung, kinh phí, tổ chức thực hiện.",
                            s.title.text(),
                            role_name(prev)
                        ),
                        None,
                    );
            }
            last = Some((i, role));
        }
    }
}

fn role_rank(r: SectionRole) -> u8 {
    match r {
        SectionRole::Purpose => 0,
        SectionRole::Content => 1,
        SectionRole::Funding => 2,
        SectionRole::Implementation => 3,
    }
}

fn role_name(r: SectionRole) -> &'static str {
    match r {
        SectionRole::Purpose => "Mục đích, yêu cầu",
        SectionRole::Content => "Nội dung",
        SectionRole::Funding => "Kinh phí",
        SectionRole::Implementation => "Tổ chức thực hiện",
    }
}

fn sections(numbering: &Numbering, content: &Content, base: &str, c: &mut Checker) {
    // The previous sibling's number, by parent path, to check numbers set by hand.
    let mut previous: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    walk_content(content, numbering, base, &mut |flow| match flow {
        Flow::Heading(h) => {
            let path = h.path.as_str();
            let s = h.section;
            if s.title.is_blank() {
                let message = if h.style == LevelStyle::Article {
                    format!("{} chưa có nội dung.", h.label.trim_end_matches('.'))
                } else {
                    "Đề mục chưa có tên.".to_owned()
                };
                c.error(Code::MissingPart, format!("{path}.title"), message, None);
            }
            let parent = path.rsplit_once('[').map_or("", |(p, _)| p).to_owned();
            let before = previous.insert(parent, h.number);
            if s.number_from.is_some() && h.style.is_numbered() {
                let expected = before.map_or(1, |n| n.saturating_add(1));
                let first_of_running_level = before.is_none() && h.number != 1;
                if h.number != expected && !first_of_running_level {
                    let mut chain = h.chain.clone();
                    if let Some(last) = chain.last_mut() {
                        *last = expected;
                    }
                    c.warning(
                        Code::HeadingOrder,
                        format!("{path}.number_from"),
                        format!(
                            "Đề mục được đánh số “{}” nhưng theo thứ tự phải là “{}”.",
                            h.label,
                            numbering::level_label(h.style, expected, &chain)
                        ),
                        Some("Bỏ số đặt tay để ứng dụng tự đánh số liên tục."),
                    );
                }
            }
            if matches!(h.style, LevelStyle::Dash | LevelStyle::Plus) {
                c.warning(
                    Code::HeadingOrder,
                    path.to_owned(),
                    "Đề mục dưới mức điểm a), b)… không có kiểu đánh số theo Nghị định 30.",
                    Some("Dùng danh sách gạch đầu dòng “-”, “+” thay cho đề mục cấp 4, hoặc chọn cách đánh số cho cấp này."),
                );
            }
        }
        Flow::Block { block, path, .. } => {
            if let Block::Paragraph { text } = block
                && text.is_blank()
            {
                c.warning(
                    Code::MissingPart,
                    format!("{path}.text"),
                    "Đoạn văn trống.",
                    None,
                );
            }
        }
    });
}

fn task_path(path: &[usize]) -> String {
    let mut s = String::from("tasks");
    for (i, p) in path.iter().enumerate() {
        if i > 0 {
            s.push_str(".tasks");
        }
        s.push_str(&format!("[{p}]"));
    }
    s
}

/// Visits every task with its JSON path.
fn each_task<'a>(nodes: &'a [TaskNode], f: &mut impl FnMut(String, &'a Task)) {
    fn go<'a>(nodes: &'a [TaskNode], idx: &mut Vec<usize>, f: &mut impl FnMut(String, &'a Task)) {
        for (i, node) in nodes.iter().enumerate() {
            idx.push(i);
            match node {
                TaskNode::Task(t) => f(task_path(idx), t),
                TaskNode::Group { tasks, .. } => go(tasks, idx, f),
            }
            idx.pop();
        }
    }
    go(nodes, &mut Vec::new(), f);
}

fn tasks(doc: &Document, c: &mut Checker) {
    each_task(&doc.tasks, &mut |path, t| {
        if t.content.iter().all(|p| p.is_blank()) {
            c.error(
                Code::MissingPart,
                format!("{path}.content"),
                "Nhiệm vụ chưa có nội dung.",
                None,
            );
        }
        if t.lead.iter().all(|u| u.trim().is_empty()) {
            c.error(
                Code::TaskWithoutLead,
                format!("{path}.lead"),
                "Nhiệm vụ chưa có đơn vị chủ trì.",
                Some("Chọn đơn vị chịu trách nhiệm chính."),
            );
        }
        match &t.time {
            None => c.error(
                Code::TaskWithoutTime,
                format!("{path}.time"),
                "Nhiệm vụ chưa có thời gian thực hiện.",
                Some("Chọn một ngày, hạn chót, khoảng quý, tần suất (“Thường xuyên”, “Hàng tuần”) hoặc ghi bằng chữ."),
            ),
            Some(time) => task_time(time, &format!("{path}.time"), c),
        }
    });
    fn groups(nodes: &[TaskNode], base: &str, c: &mut Checker) {
        for (i, node) in nodes.iter().enumerate() {
            if let TaskNode::Group { title, tasks } = node {
                let path = format!("{base}[{i}]");
                if title.is_blank() {
                    c.error(
                        Code::MissingPart,
                        format!("{path}.title"),
                        "Nhóm nhiệm vụ chưa có tên.",
                        None,
                    );
                }
                if tasks.is_empty() {
                    c.warning(
                        Code::MissingPart,
                        format!("{path}.tasks"),
                        "Nhóm nhiệm vụ chưa có nhiệm vụ nào.",
                        None,
                    );
                }
                groups(tasks, &format!("{path}.tasks"), c);
            }
        }
    }
    groups(&doc.tasks, "tasks", c);
}

fn task_time(t: &TaskTime, path: &str, c: &mut Checker) {
    let bad_date = |d: &CalendarDate, c: &mut Checker| {
        if !d.is_valid() {
            c.error(
                Code::ImpossibleDate,
                format!("{path}.date"),
                format!("Ngày {}/{}/{} không tồn tại.", d.day, d.month, d.year),
                None,
            );
        }
    };
    match t {
        TaskTime::Date { date } => bad_date(date, c),
        TaskTime::Deadline { date, hour, minute } => {
            bad_date(date, c);
            if hour.is_some_and(|h| h > 23) || minute.is_some_and(|m| m > 59) {
                c.error(
                    Code::ImpossibleDate,
                    format!("{path}.hour"),
                    "Giờ phải từ 0 đến 23, phút từ 0 đến 59.",
                    None,
                );
            }
            if minute.is_some() && hour.is_none() {
                c.error(
                    Code::ImpossibleDate,
                    format!("{path}.hour"),
                    "Có phút nhưng chưa có giờ.",
                    None,
                );
            }
        }
        TaskTime::Quarters { from, to, .. } => {
            if !(1..=4).contains(from) || !(1..=4).contains(to) {
                c.error(
                    Code::ImpossibleDate,
                    path.to_owned(),
                    "Quý phải từ I đến IV.",
                    None,
                );
            } else if from > to {
                c.error(
                    Code::ImpossibleDate,
                    path.to_owned(),
                    "Quý bắt đầu đứng sau quý kết thúc.",
                    None,
                );
            }
        }
        TaskTime::Months {
            from_month,
            from_year,
            to_month,
            to_year,
        } => {
            if !(1..=12).contains(from_month) || !(1..=12).contains(to_month) {
                c.error(
                    Code::ImpossibleDate,
                    path.to_owned(),
                    "Tháng phải từ 1 đến 12.",
                    None,
                );
            } else if (from_year, from_month) > (to_year, to_month) {
                c.error(
                    Code::ImpossibleDate,
                    path.to_owned(),
                    "Tháng bắt đầu đứng sau tháng kết thúc.",
                    None,
                );
            }
        }
        TaskTime::Frequency { .. } => {}
        TaskTime::Text { text } => {
            if text.trim().is_empty() {
                c.error(
                    Code::TaskWithoutTime,
                    path.to_owned(),
                    "Thời gian thực hiện để trống.",
                    None,
                );
            }
        }
    }
}

/// A unit name reduced for matching: lower case, single spaces, no parenthesised remark and
/// no end punctuation ("Văn phòng UBND tỉnh (Ban Biên tập …)" → "văn phòng ubnd tỉnh").
pub fn unit_key(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in name.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.extend(ch.to_lowercase()),
            _ => {}
        }
    }
    let out = crate::text::to_nfc(&out);
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == ';' || c == '.' || c == ',' || c == ':' || c.is_whitespace())
        .to_owned()
}

fn units_receive_the_document(doc: &Document, c: &mut Checker) {
    let mut known: Vec<String> = Vec::new();
    let add = |r: &crate::model::Recipient, known: &mut Vec<String>| {
        known.push(unit_key(&r.name));
        known.extend(r.includes.iter().map(|u| unit_key(u)));
    };
    for r in &doc.addressees {
        add(r, &mut known);
    }
    for entry in &doc.recipients.entries {
        match entry {
            RecipientEntry::Single(r) => add(r, &mut known),
            RecipientEntry::Group(g) => g.members.iter().for_each(|r| add(r, &mut known)),
        }
    }
    // The issuing body itself keeps the file copy ("Lưu: VT").
    let body = &doc.header.issuing_body;
    known.push(unit_key(&body.name.replace('\n', " ")));
    if let Some(short) = &body.short_name {
        known.push(unit_key(short));
    }
    if let Some(abbr) = &body.abbreviation {
        known.push(unit_key(abbr));
    }
    let receives = |unit: &str| known.iter().any(|k| *k == unit_key(unit));
    let message =
        |unit: &str, what: &str| format!("“{}” {what} nhưng không có trong Nơi nhận.", unit.trim());
    let hint = Some(
        "Thêm đơn vị vào Nơi nhận, hoặc ghi nó vào mục “bao gồm” của dòng nơi nhận chung (ví dụ “Các sở, ban, ngành tỉnh”).",
    );
    each_task(&doc.tasks, &mut |path, t| {
        for (i, u) in t.lead.iter().enumerate() {
            if !u.trim().is_empty() && !receives(u) {
                c.error(
                    Code::UnitNotRecipient,
                    format!("{path}.lead[{i}]"),
                    message(u, "chủ trì nhiệm vụ"),
                    hint,
                );
            }
        }
        for (i, u) in t.cooperating.iter().enumerate() {
            if !u.trim().is_empty() && !receives(u) {
                c.error(
                    Code::UnitNotRecipient,
                    format!("{path}.cooperating[{i}]"),
                    message(u, "phối hợp thực hiện nhiệm vụ"),
                    hint,
                );
            }
        }
    });
    each_section(&doc.body.sections, "body.sections", &mut |path, s| {
        for (i, u) in s.units.iter().enumerate() {
            if !receives(u) {
                c.error(
                    Code::UnitNotRecipient,
                    format!("{path}.units[{i}]"),
                    message(u, "được giao nhiệm vụ"),
                    hint,
                );
            }
        }
    });
}

/// Visits every section with its JSON path.
fn each_section<'a>(list: &'a [Section], base: &str, f: &mut impl FnMut(&str, &'a Section)) {
    for (i, s) in list.iter().enumerate() {
        let path = format!("{base}[{i}]");
        f(&path, s);
        each_section(&s.subsections, &format!("{path}.subsections"), f);
    }
}

/// The text of the body's last paragraph in reading order (the last article of a quyết định
/// ends the body with "./." when there is no closing sentence).
fn last_body_text(content: &Content, numbering: &Numbering) -> Option<String> {
    let mut last = None;
    walk_content(content, numbering, "", &mut |flow| match flow {
        Flow::Heading(h) => last = Some(h.section.title.text().into_owned()),
        Flow::Block { block, .. } => {
            if let Some(t) = block.texts().last() {
                last = Some(t.text().into_owned());
            }
        }
    });
    last
}

fn closing(doc: &Document, c: &mut Checker) {
    // The decree's samples end the text with "./." but its rules (Phụ lục I) do not require
    // the mark, and published documents without it are valid: a warning, never a refusal.
    let text = doc.closing.text();
    let last_body = last_body_text(&doc.body, &doc.numbering);
    if text.trim().is_empty() {
        match last_body {
            // The body's last paragraph (a quyết định's last article) closes the text.
            Some(t) if t.trim_end().ends_with("./.") => {}
            Some(_) => c.warning(
                Code::MissingEndMark,
                "closing",
                "Nội dung văn bản chưa kết thúc bằng dấu “./.” như các mẫu của Nghị định 30.",
                Some(if doc.numbering == NumberingScheme::Articles.into() {
                    "Văn bản trình bày theo điều: kết thúc điều cuối cùng bằng “./.”."
                } else {
                    "Thêm “./.” vào cuối đoạn cuối cùng, hoặc nhập câu kết, ví dụ “…báo cáo khi có yêu cầu./.”."
                }),
            ),
            // An empty body is reported by the body's check.
            None => {}
        }
    } else if !text.trim_end().ends_with("./.") {
        c.warning(
            Code::MissingEndMark,
            "closing",
            "Nội dung văn bản chưa kết thúc bằng dấu “./.” như các mẫu của Nghị định 30.",
            Some("Thêm “./.” vào cuối câu kết, ví dụ “…báo cáo khi có yêu cầu./.”."),
        );
    }
    let r = &doc.recipients;
    if r.entries.is_empty() && doc.addressees.is_empty() {
        c.error(
            Code::MissingPart,
            "recipients.entries",
            "Chưa có nơi nhận.",
            None,
        );
    }
    for (i, entry) in r.entries.iter().enumerate() {
        if let RecipientEntry::Single(one) = entry
            && unit_key(&one.name) == "như trên"
        {
            c.warning(
                Code::MissingPart,
                format!("recipients.entries[{i}].name"),
                if doc.addressees.is_empty() {
                    "“Như trên” chỉ dùng khi văn bản có “Kính gửi”, nhưng văn bản chưa có ai ở “Kính gửi”."
                } else {
                    "Dòng “- Như trên;” được ứng dụng tự in đầu Nơi nhận khi có “Kính gửi”; bỏ dòng nhập tay để không in hai lần."
                },
                None,
            );
        }
        match entry {
            RecipientEntry::Single(one) => c.required(
                &format!("recipients.entries[{i}].name"),
                &one.name,
                "tên nơi nhận",
            ),
            RecipientEntry::Group(g) => {
                c.required(
                    &format!("recipients.entries[{i}].label"),
                    &g.label,
                    "nhãn của nhóm nơi nhận",
                );
                if g.members.is_empty() {
                    c.error(
                        Code::MissingPart,
                        format!("recipients.entries[{i}].members"),
                        "Nhóm nơi nhận chưa có ai.",
                        None,
                    );
                }
                for (j, m) in g.members.iter().enumerate() {
                    c.required(
                        &format!("recipients.entries[{i}].members[{j}].name"),
                        &m.name,
                        "tên nơi nhận",
                    );
                }
            }
        }
    }
    for (i, u) in r.archive.units.iter().enumerate() {
        if !is_valid_abbreviation(u) {
            c.warning(
                Code::NumberingRule,
                format!("recipients.archive.units[{i}]"),
                format!("Dòng “Lưu” ghi tên viết tắt của đơn vị soạn thảo; “{u}” có dấu cách hoặc ký tự lạ."),
                None,
            );
        }
    }
}

/// What each type of Phụ lục III needs beyond the common parts (công văn 1.5, quyết định 1.2
/// and 1.3, nghị quyết 1.1).
fn type_rules(doc: &Document, c: &mut Checker) {
    let t = doc.doc_type;
    let name = t.info().name;
    if !doc.addressees.is_empty() && !t.may_have_addressees() {
        c.warning(
            Code::MissingPart,
            "addressees",
            format!("{name} không có dòng “Kính gửi”; Nghị định 30 chỉ dùng “Kính gửi” cho công văn, tờ trình và báo cáo gửi cấp trên."),
            Some("Chuyển các cơ quan này sang Nơi nhận."),
        );
    }
    if t == crate::DocumentType::ToTrinh && doc.addressees.is_empty() {
        c.warning(
            Code::MissingPart,
            "addressees",
            "Tờ trình gửi cấp trên nhưng chưa có dòng “Kính gửi”.",
            Some("Thêm cơ quan, người có thẩm quyền xem xét vào “Kính gửi”."),
        );
    }
    if t.subject_is_vv() {
        let subject = doc.subject.trim_start().to_lowercase();
        if subject.starts_with("v/v") || subject.starts_with("về việc") {
            c.warning(
                Code::MissingPart,
                "subject",
                "Trích yếu công văn bắt đầu bằng “V/v”: ứng dụng tự in “V/v” trước trích yếu.",
                Some("Bỏ “V/v” hoặc “Về việc” ở đầu trích yếu."),
            );
        }
    }
    if t == crate::DocumentType::GiayMoi {
        // Mẫu 1.7: an invitation says when and where.
        let mut text = String::new();
        collect_text(&doc.body, &mut text);
        let text = text.to_lowercase();
        for (word, what) in [("thời gian", "thời gian"), ("địa điểm", "địa điểm")] {
            if !text.contains(word) {
                c.warning(
                    Code::MissingPart,
                    "body",
                    format!("Giấy mời chưa ghi {what}."),
                    Some("Thêm một dòng “Thời gian: … giờ …, ngày …” và một dòng “Địa điểm: …”."),
                );
            }
        }
    }
    let enacting = t.enacting_line();
    match (&doc.issuing_authority, enacting) {
        (None, Some(_)) => c.error(
            Code::MissingPart,
            "issuing_authority",
            format!("{name} phải có dòng thẩm quyền ban hành dưới trích yếu (ví dụ “GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG”, “ỦY BAN NHÂN DÂN TỈNH”)."),
            None,
        ),
        (Some(a), Some(_)) => c.required("issuing_authority", a, "thẩm quyền ban hành"),
        (Some(_), None) => c.warning(
            Code::MissingPart,
            "issuing_authority",
            format!("{name} không có dòng thẩm quyền ban hành; dòng này chỉ có ở quyết định và nghị quyết."),
            None,
        ),
        (None, None) => {}
    }
    if let Some(a) = &doc.attachment {
        attachment(doc, a, c);
    }
    if enacting.is_none() {
        return;
    }
    if doc.legal_basis.paragraphs.is_empty() {
        c.error(
            Code::MissingPart,
            "legal_basis.paragraphs",
            format!("{name} phải có căn cứ ban hành (“Căn cứ …;”)."),
            None,
        );
    }
    if doc.numbering.level_at(1).map(|l| l.style) != Some(LevelStyle::Article) {
        c.error(
            Code::HeadingOrder,
            "numbering",
            format!(
                "Nội dung {} trình bày theo điều: “Điều 1.”, khoản “1.”, điểm “a)”.",
                name.to_lowercase()
            ),
            Some("Chọn cách đánh số “articles”."),
        );
    }
    if doc.body.sections.is_empty() {
        c.error(
            Code::MissingPart,
            "body.sections",
            format!("{name} chưa có điều nào."),
            None,
        );
    }
    if !doc.body.blocks.is_empty() {
        c.warning(
            Code::HeadingOrder,
            "body.blocks",
            format!(
                "Nội dung {} nằm trong các điều; đoạn văn trước “Điều 1.” không đúng mẫu.",
                name.to_lowercase()
            ),
            None,
        );
    }
    // "- Như Điều 3;" must name an article the decision has.
    let articles: Vec<u32> = numbering::headings(&doc.body, &doc.numbering, "body")
        .iter()
        .filter(|h| h.style == LevelStyle::Article)
        .map(|h| h.number)
        .collect();
    for (i, entry) in doc.recipients.entries.iter().enumerate() {
        if let RecipientEntry::Single(r) = entry
            && let Some(n) = r.name.trim().strip_prefix("Như Điều ")
            && let Ok(n) = n.trim_end_matches([';', '.']).trim().parse::<u32>()
            && !articles.contains(&n)
        {
            c.error(
                Code::MissingPart,
                format!("recipients.entries[{i}].name"),
                format!(
                    "Nơi nhận “Như Điều {n}” nhưng {} không có Điều {n}.",
                    name.to_lowercase()
                ),
                None,
            );
        }
    }
}

/// Every text of a body, headings included, one per line.
fn collect_text(content: &Content, out: &mut String) {
    walk_content(content, &Numbering::default(), "", &mut |flow| {
        let texts = match flow {
            Flow::Heading(h) => vec![&h.section.title],
            Flow::Block { block, .. } => block.texts(),
        };
        for t in texts {
            out.push_str(&t.text());
            out.push('\n');
        }
    });
}

/// The document a decision issues (Mẫu 1.3).
fn attachment(doc: &Document, a: &crate::model::Attachment, c: &mut Checker) {
    if doc.doc_type.enacting_line().is_none() {
        c.warning(
            Code::MissingPart,
            "attachment",
            format!(
                "{} không ban hành văn bản kèm theo; chỉ quyết định (hoặc nghị quyết) ban hành, phê duyệt văn bản khác.",
                doc.doc_type.info().name
            ),
            None,
        );
    }
    c.required(
        "attachment.subject",
        &a.subject,
        "trích yếu của văn bản kèm theo",
    );
    if a.body.is_empty() {
        c.error(
            Code::MissingPart,
            "attachment.body",
            "Văn bản kèm theo chưa có nội dung.",
            None,
        );
    }
    sections(&a.numbering, &a.body, "attachment.body", c);
    let end = match a.closing.as_ref().filter(|t| !t.is_blank()) {
        Some(t) => Some(t.text().into_owned()),
        None => last_body_text(&a.body, &a.numbering),
    };
    if !a.body.is_empty() && !end.is_some_and(|t| t.trim_end().ends_with("./.")) {
        c.warning(
            Code::MissingEndMark,
            "attachment.closing",
            "Văn bản kèm theo chưa kết thúc bằng dấu “./.” như các mẫu của Nghị định 30.",
            Some("Thêm câu kết có “./.”, hoặc kết thúc đoạn cuối bằng “./.”."),
        );
    }
}

fn signature(doc: &Document, c: &mut Checker) {
    let s = &doc.signature;
    c.required("signature.title", &s.title, "chức vụ của người ký");
    c.required("signature.name", &s.name, "họ tên người ký");
    for (i, a) in s.authority.iter().enumerate() {
        c.required(
            &format!("signature.authority[{i}].of"),
            &a.of,
            "tập thể hoặc chức danh sau thẩm quyền ký",
        );
        if a.kind == crate::model::AuthorityKind::ThayMat && i != 0 {
            c.error(
                Code::Signature,
                format!("signature.authority[{i}]"),
                "“TM.” phải là dòng thẩm quyền đầu tiên.",
                None,
            );
        }
    }
}

fn appendices(doc: &Document, c: &mut Checker) {
    if doc.appendices.is_empty() {
        return;
    }
    let mut body_text = String::new();
    collect_text(&doc.body, &mut body_text);
    body_text.push_str(&doc.closing.text());
    let count = doc.appendices.len();
    for (i, a) in doc.appendices.iter().enumerate() {
        let path = format!("appendices[{i}]");
        c.required(&format!("{path}.title"), &a.title, "tên phụ lục");
        let label = numbering::appendix_label(i, count);
        let cited = body_text.match_indices(&label).any(|(at, _)| {
            // "Phụ lục I" must not count as a mention of "Phụ lục II".
            !body_text[at + label.len()..].starts_with(['I', 'V', 'X'])
        });
        if !cited {
            c.warning(
                Code::AppendixNotCited,
                path.clone(),
                format!("Nội dung văn bản chưa nhắc đến “{label}”."),
                Some("Nghị định 30 yêu cầu nội dung văn bản phải viện dẫn từng phụ lục kèm theo."),
            );
        }
        if let crate::model::AppendixContent::Tasks = a.content
            && doc.tasks.is_empty()
        {
            c.error(
                Code::MissingPart,
                format!("{path}.content"),
                "Phụ lục bảng nhiệm vụ nhưng văn bản chưa có nhiệm vụ nào.",
                None,
            );
        }
    }
}

/// Unicode and tone-mark rules over every text of the document, found through its JSON form
/// so that each one is reported with the path the file uses.
fn text_rules(doc: &Document, c: &mut Checker) {
    let Ok(value) = serde_json::to_value(doc) else {
        return;
    };
    let mut texts: Vec<(String, &str)> = Vec::new();
    collect_strings(&value, String::new(), &mut texts);
    let mut styles: Vec<(ToneStyle, String, String)> = Vec::new();
    for (path, text) in &texts {
        if !is_nfc(text) {
            c.error(
                Code::NotNfc,
                path.clone(),
                "Văn bản có chữ tiếng Việt ở dạng tổ hợp (NFD), không đúng chuẩn TCVN 6909:2001 (NFC).",
                Some("Thường gặp khi dán từ PDF hoặc máy Mac; ứng dụng sẽ tự chuyển khi nhập."),
            );
        }
        for w in words(text) {
            if let Some(style) = tone_style(w) {
                styles.push((style, w.to_owned(), path.clone()));
            }
        }
    }
    let old = styles.iter().filter(|s| s.0 == ToneStyle::Old).count();
    let new = styles.len() - old;
    if old > 0 && new > 0 {
        let minority = if old <= new {
            ToneStyle::Old
        } else {
            ToneStyle::New
        };
        let example = |style: ToneStyle| {
            styles
                .iter()
                .find(|s| s.0 == style)
                .map(|s| s.1.clone())
                .unwrap_or_default()
        };
        let (ex_old, ex_new) = (example(ToneStyle::Old), example(ToneStyle::New));
        for (_, word, path) in styles.iter().filter(|s| s.0 == minority).take(20) {
            c.warning(
                Code::MixedToneMarks,
                path.clone(),
                format!(
                    "Cách bỏ dấu không thống nhất: “{word}” khác với phần lớn văn bản (“{}”: {old} từ kiểu “{ex_old}”, {new} từ kiểu “{ex_new}”).",
                    if minority == ToneStyle::Old { &ex_new } else { &ex_old },
                ),
                Some("Dùng một kiểu bỏ dấu trong cả văn bản (ví dụ “hòa”, “thủy”, “khỏe”)."),
            );
        }
    }
}

fn collect_strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_strings(item, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                collect_strings(item, p, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::richtext::RichText;

    /// A small plan with nothing wrong in it.
    fn plan() -> Document {
        let mut doc = crate::skeleton::new_document(crate::DocumentType::KeHoach);
        doc.header.parent_body = Some(Agency {
            name: "UBND TỈNH LẠNG SƠN".into(),
            abbreviation: None,
            short_name: None,
        });
        doc.header.issuing_body = Agency {
            name: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG".into(),
            abbreviation: Some("STTTT".into()),
            short_name: Some("Sở Thông tin và Truyền thông".into()),
        };
        doc.header.place = "Lạng Sơn".into();
        doc.subject = "Tổ chức Ngày Chuyển đổi số năm 2025".into();
        for s in &mut doc.body.sections {
            s.blocks.push(Block::Paragraph {
                text: RichText::plain("Nội dung."),
            });
        }
        doc.tasks = vec![TaskNode::Task(Task {
            content: vec![RichText::plain("Tuyên truyền trên báo")],
            lead: vec!["Báo Lạng Sơn".into()],
            cooperating: vec!["Sở Tài chính".into()],
            time: Some(TaskTime::Quarters {
                from: 1,
                to: 4,
                year: None,
            }),
            target: None,
            notes: vec![],
            continues_previous: false,
        })];
        doc.closing = RichText::plain("Đề nghị các đơn vị thực hiện./.");
        doc.recipients.entries = vec![
            RecipientEntry::Single(Recipient {
                name: "Báo Lạng Sơn".into(),
                note: None,
                includes: vec![],
            }),
            RecipientEntry::Single(Recipient {
                name: "Các sở, ban, ngành tỉnh".into(),
                note: None,
                includes: vec!["Sở Tài chính".into()],
            }),
        ];
        doc.recipients.archive.units = vec!["VP".into()];
        doc.signature = SignatureBlock {
            authority: vec![],
            title: "GIÁM ĐỐC".into(),
            name: "Nguyễn Văn A".into(),
        };
        doc
    }

    fn codes(doc: &Document) -> Vec<(Severity, Code, String)> {
        validate(doc)
            .diagnostics
            .into_iter()
            .map(|d| (d.severity, d.code, d.path))
            .collect()
    }

    fn has(doc: &Document, code: Code, path: &str) -> bool {
        codes(doc).iter().any(|(_, c, p)| *c == code && p == path)
    }

    #[test]
    fn the_sample_plan_is_clean() {
        assert_eq!(codes(&plan()), vec![]);
    }

    #[test]
    fn a_body_must_end_with_the_end_mark() {
        let mut doc = plan();
        doc.closing = RichText::plain("Đề nghị các đơn vị thực hiện.");
        assert!(has(&doc, Code::MissingEndMark, "closing"));
        // A published text without the mark is valid: a warning with the hint, not an error.
        let report = validate(&doc);
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.code == Code::MissingEndMark)
            .expect("the end mark is reported");
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.hint.as_deref().is_some_and(|h| h.contains("./.")));
        doc.closing = RichText::plain("");
        assert!(has(&doc, Code::MissingEndMark, "closing"));
        assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    }

    #[test]
    fn a_unit_with_a_task_must_receive_the_document() {
        let mut doc = plan();
        doc.recipients.entries.remove(1);
        assert!(has(&doc, Code::UnitNotRecipient, "tasks[0].cooperating[0]"));
        // A remark in parentheses and a different case still match.
        let mut doc = plan();
        if let TaskNode::Task(t) = &mut doc.tasks[0] {
            t.lead = vec!["báo lạng sơn (Ban biên tập)".into()];
        }
        assert!(!has(&doc, Code::UnitNotRecipient, "tasks[0].lead[0]"));
    }

    #[test]
    fn tasks_need_a_lead_and_a_time_that_exists() {
        let mut doc = plan();
        if let TaskNode::Task(t) = &mut doc.tasks[0] {
            t.lead.clear();
            t.time = Some(TaskTime::Deadline {
                date: CalendarDate::new(2025, 4, 31),
                hour: Some(25),
                minute: None,
            });
        }
        assert!(has(&doc, Code::TaskWithoutLead, "tasks[0].lead"));
        assert!(has(&doc, Code::ImpossibleDate, "tasks[0].time.date"));
        assert!(has(&doc, Code::ImpossibleDate, "tasks[0].time.hour"));
        if let TaskNode::Task(t) = &mut doc.tasks[0] {
            t.time = None;
        }
        assert!(has(&doc, Code::TaskWithoutTime, "tasks[0].time"));
    }

    #[test]
    fn a_number_needs_a_full_date_and_no_zero() {
        let mut doc = plan();
        doc.header.number = Some(0);
        doc.header.date = Some(IssueDate {
            year: 2025,
            month: Some(1),
            day: None,
        });
        assert!(has(&doc, Code::NumberingRule, "header.number"));
        assert!(has(&doc, Code::NumberingRule, "header.date"));
        doc.header.number = Some(3);
        doc.header.date = Some(IssueDate {
            year: 2025,
            month: Some(13),
            day: Some(1),
        });
        assert!(has(&doc, Code::ImpossibleDate, "header.date.month"));
    }

    #[test]
    fn an_abbreviation_with_a_hyphen_cannot_make_a_symbol() {
        let mut doc = plan();
        doc.header.issuing_body.abbreviation = Some("UB-ND".into());
        assert!(has(
            &doc,
            Code::NumberingRule,
            "header.issuing_body.abbreviation"
        ));
    }

    #[test]
    fn a_skipped_heading_number_is_a_warning() {
        let mut doc = plan();
        doc.body.sections[3].number_from = Some(6);
        let found = codes(&doc);
        assert!(
            found.contains(&(
                Severity::Warning,
                Code::HeadingOrder,
                "body.sections[3].number_from".into()
            )),
            "{found:?}"
        );
        let d = validate(&doc)
            .diagnostics
            .into_iter()
            .find(|d| d.code == Code::HeadingOrder)
            .expect("warning");
        assert!(
            d.message.contains("VI.") && d.message.contains("IV."),
            "{}",
            d.message
        );
    }

    #[test]
    fn implementation_before_purpose_is_out_of_order() {
        let mut doc = plan();
        doc.body.sections.swap(0, 3);
        assert!(has(&doc, Code::HeadingOrder, "body.sections[3]"));
    }

    #[test]
    fn decomposed_text_and_mixed_tone_marks() {
        let mut doc = plan();
        doc.subject = "Ho\u{0300}a nhập".into();
        assert!(has(&doc, Code::NotNfc, "subject"));
        let mut doc = plan();
        doc.subject = "Hòa nhập, thủy lợi và sức khỏe".into();
        doc.closing = RichText::plain("Đề nghị các đơn vị hoà nhập./.");
        let found = codes(&doc);
        assert!(
            found.contains(&(Severity::Warning, Code::MixedToneMarks, "closing".into())),
            "{found:?}"
        );
        assert_eq!(
            found
                .iter()
                .filter(|(_, c, _)| *c == Code::MixedToneMarks)
                .count(),
            1
        );
    }

    #[test]
    fn a_reference_with_an_impossible_date_is_an_error() {
        let mut doc = plan();
        doc.legal_basis.paragraphs.push(BasisParagraph {
            text: None,
            lead: "Căn cứ".into(),
            groups: vec![vec![LegalReference {
                doc_type: "Quyết định".into(),
                number: Some("1/QĐ-UBND".into()),
                date: Some(CalendarDate::new(2024, 2, 30)),
                issuer: None,
                subject: None,
            }]],
        });
        assert!(has(
            &doc,
            Code::ImpossibleDate,
            "legal_basis.paragraphs[0].groups[0][0].date"
        ));
    }

    #[test]
    fn an_appendix_the_body_never_mentions() {
        let mut doc = plan();
        doc.appendices.push(Appendix {
            title: "Danh mục".into(),
            orientation: Orientation::Portrait,
            numbering: None,
            reference_date_style: DateStyle::Words,
            content: AppendixContent::Tasks,
        });
        assert!(has(&doc, Code::AppendixNotCited, "appendices[0]"));
        doc.body.sections[1].blocks.push(Block::Paragraph {
            text: RichText::plain("Nhiệm vụ tại Phụ lục kèm theo."),
        });
        assert!(!has(&doc, Code::AppendixNotCited, "appendices[0]"));
    }

    #[test]
    fn a_cong_van_needs_addressees_and_a_unit_abbreviation() {
        let mut doc = plan();
        doc.doc_type = crate::DocumentType::CongVan;
        assert!(has(&doc, Code::MissingPart, "addressees"));
        assert!(has(&doc, Code::MissingPart, "header.unit_abbreviation"));
    }

    #[test]
    fn a_cong_van_subject_is_not_prefixed_twice_and_nhu_tren_is_not_typed() {
        let mut doc = plan();
        doc.doc_type = crate::DocumentType::CongVan;
        doc.header.unit_abbreviation = Some("CNTT".into());
        doc.addressees = vec![Recipient {
            name: "Bộ Nội vụ".into(),
            note: None,
            includes: vec![],
        }];
        doc.subject = "V/v nâng bậc lương".into();
        doc.recipients.entries.insert(
            0,
            RecipientEntry::Single(Recipient {
                name: "Như trên".into(),
                note: None,
                includes: vec![],
            }),
        );
        assert!(has(&doc, Code::MissingPart, "subject"));
        assert!(has(&doc, Code::MissingPart, "recipients.entries[0].name"));
        assert!(!has(&doc, Code::MissingPart, "addressees"));
    }

    #[test]
    fn kinh_gui_belongs_to_cong_van_to_trinh_and_bao_cao_only() {
        let mut doc = plan();
        doc.addressees = vec![Recipient {
            name: "UBND tỉnh".into(),
            note: None,
            includes: vec![],
        }];
        assert!(has(&doc, Code::MissingPart, "addressees"));
        doc.doc_type = crate::DocumentType::ToTrinh;
        assert!(!has(&doc, Code::MissingPart, "addressees"));
        // A tờ trình goes up: without Kính gửi it is worth a look.
        doc.addressees.clear();
        let found = codes(&doc);
        assert!(
            found.contains(&(Severity::Warning, Code::MissingPart, "addressees".into())),
            "{found:?}"
        );
    }

    /// A quyết định with its authority, a basis and three articles.
    fn decision() -> Document {
        let mut doc = plan();
        doc.doc_type = crate::DocumentType::QuyetDinh;
        doc.issuing_authority = Some("Giám đốc Sở Thông tin và Truyền thông".into());
        doc.legal_basis.paragraphs.push(BasisParagraph {
            text: None,
            lead: "Căn cứ".into(),
            groups: vec![vec![LegalReference {
                doc_type: "Quyết định".into(),
                number: Some("06/2021/QĐ-UBND".into()),
                date: Some(CalendarDate::new(2021, 3, 5)),
                issuer: Some("UBND tỉnh".into()),
                subject: None,
            }]],
        });
        doc.legal_basis.proposal = Some("Chánh Văn phòng Sở".into());
        doc.numbering = NumberingScheme::Articles.into();
        let article = |t: &str| Section::new(RichText::plain(t));
        doc.body = Content {
            blocks: vec![],
            sections: vec![
                article("Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025."),
                article("Quyết định này có hiệu lực kể từ ngày ký."),
                article("Chánh Văn phòng Sở chịu trách nhiệm thi hành Quyết định này./."),
            ],
            after: vec![],
        };
        doc.closing = RichText::plain("");
        doc.tasks.clear();
        doc.recipients.entries = vec![RecipientEntry::Single(Recipient {
            name: "Như Điều 3".into(),
            note: None,
            includes: vec![],
        })];
        doc
    }

    #[test]
    fn a_decision_ends_with_its_last_article_and_names_existing_articles() {
        let doc = decision();
        assert_eq!(
            codes(&doc),
            vec![],
            "a complete decision has nothing to report"
        );
        let mut doc = decision();
        doc.recipients.entries = vec![RecipientEntry::Single(Recipient {
            name: "Như Điều 4".into(),
            note: None,
            includes: vec![],
        })];
        assert!(has(&doc, Code::MissingPart, "recipients.entries[0].name"));
        let mut doc = decision();
        doc.body.sections[2].title = RichText::plain("Chánh Văn phòng Sở chịu trách nhiệm.");
        assert!(has(&doc, Code::MissingEndMark, "closing"));
    }

    #[test]
    fn the_plan_a_decision_issues_needs_a_subject_a_text_and_its_end_mark() {
        let mut doc = decision();
        let plan = Attachment {
            doc_type: crate::DocumentType::KeHoach,
            subject: "Chuyển đổi số năm 2025".into(),
            numbering: Numbering::default(),
            body: Content {
                blocks: vec![Block::Paragraph {
                    text: RichText::plain("Triển khai các nhiệm vụ chuyển đổi số./."),
                }],
                sections: vec![],
                after: vec![],
            },
            closing: None,
        };
        doc.attachment = Some(plan.clone());
        assert_eq!(codes(&doc), vec![]);
        doc.attachment = Some(Attachment {
            subject: String::new(),
            closing: Some(RichText::plain("Không có dấu kết")),
            ..plan.clone()
        });
        assert!(has(&doc, Code::MissingPart, "attachment.subject"));
        assert!(has(&doc, Code::MissingEndMark, "attachment.closing"));
        let mut other = plan_with_attachment(plan);
        other.doc_type = crate::DocumentType::KeHoach;
        assert!(has(&other, Code::MissingPart, "attachment"));
    }

    fn plan_with_attachment(a: Attachment) -> Document {
        let mut doc = plan();
        doc.attachment = Some(a);
        doc
    }

    #[test]
    fn an_invitation_says_when_and_where() {
        let mut doc = plan();
        doc.doc_type = crate::DocumentType::GiayMoi;
        doc.body = Content {
            blocks: vec![Block::Paragraph {
                text: RichText::plain("Sở trân trọng kính mời: Lãnh đạo các phòng."),
            }],
            sections: vec![],
            after: vec![],
        };
        let when_where = codes(&doc)
            .into_iter()
            .filter(|(s, c, p)| *s == Severity::Warning && *c == Code::MissingPart && p == "body")
            .count();
        assert_eq!(when_where, 2);
        doc.body.blocks.push(Block::Paragraph {
            text: RichText::plain("Thời gian: 08 giờ 00, ngày 10/3/2025. Địa điểm: Hội trường Sở."),
        });
        assert!(!has(&doc, Code::MissingPart, "body"));
    }

    #[test]
    fn new_decisions_and_letters_start_with_their_own_numbering() {
        let qd = crate::skeleton::new_document(crate::DocumentType::QuyetDinh);
        assert_eq!(qd.numbering, NumberingScheme::Articles.into());
        assert_eq!(qd.body.sections.len(), 3);
        let report = validate(&qd);
        let article = report
            .diagnostics
            .iter()
            .find(|d| d.path == "body.sections[2].title")
            .expect("Điều 3 is empty");
        assert_eq!(article.message, "Điều 3 chưa có nội dung.");
        assert!(has(&qd, Code::MissingPart, "issuing_authority"));
        let cv = crate::skeleton::new_document(crate::DocumentType::CongVan);
        assert_eq!(cv.numbering, NumberingScheme::ArabicLetter.into());
    }

    #[test]
    fn a_decision_needs_its_authority_bases_and_articles() {
        let mut doc = decision();
        doc.issuing_authority = None;
        doc.legal_basis.paragraphs.clear();
        doc.numbering = NumberingScheme::RomanArabicLetter.into();
        assert!(has(&doc, Code::MissingPart, "issuing_authority"));
        assert!(has(&doc, Code::MissingPart, "legal_basis.paragraphs"));
        assert!(has(&doc, Code::HeadingOrder, "numbering"));
        let mut doc = decision();
        doc.body.sections.clear();
        doc.body.blocks.push(Block::Paragraph {
            text: RichText::plain("Quyết định./."),
        });
        assert!(has(&doc, Code::MissingPart, "body.sections"));
        // A plan has no authority line.
        let mut doc = plan();
        doc.issuing_authority = Some("GIÁM ĐỐC".into());
        assert!(has(&doc, Code::MissingPart, "issuing_authority"));
    }

    #[test]
    fn tm_must_come_first() {
        let mut doc = plan();
        doc.signature.authority = vec![
            Authority {
                kind: AuthorityKind::KyThay,
                of: "CHỦ TỊCH".into(),
            },
            Authority {
                kind: AuthorityKind::ThayMat,
                of: "ỦY BAN NHÂN DÂN".into(),
            },
        ];
        assert!(has(&doc, Code::Signature, "signature.authority[1]"));
    }
}
