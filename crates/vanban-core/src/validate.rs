//! The checks the app runs for the user as they write: each problem is a
//! [`Diagnostic`] with a severity, a stable code, the path of the field it concerns, a
//! Vietnamese message and, where possible, a hint. Validation problems are data, not errors.

use serde::Serialize;
use serde_json::Value;

use crate::format::{is_valid_abbreviation, numeric_date};
use crate::model::{
    Block, CalendarDate, Document, IssueDate, LegalReference, NumberingScheme, RecipientEntry,
    Section, SectionRole, Task, TaskNode, TaskTime,
};
use crate::numbering::{self, sibling_numbers, walk_sections};
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

/// Runs every check on a document.
pub fn validate(doc: &Document) -> Report {
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
    Report { diagnostics: c.out }
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
    sections(doc.numbering, &doc.body.sections, "body.sections", c);
    for (i, a) in doc.appendices.iter().enumerate() {
        if let crate::model::AppendixContent::Text { text } = &a.content {
            sections(
                doc.numbering,
                &text.sections,
                &format!("appendices[{i}].content.text.sections"),
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

fn sections(scheme: NumberingScheme, list: &[Section], base: &str, c: &mut Checker) {
    fn go(scheme: NumberingScheme, list: &[Section], base: &str, depth: usize, c: &mut Checker) {
        let numbers = sibling_numbers(list);
        for (i, s) in list.iter().enumerate() {
            let path = format!("{base}[{i}]");
            if s.title.is_blank() {
                let message = if scheme == NumberingScheme::Articles && depth == 0 {
                    format!("Điều {} chưa có nội dung.", numbers[i])
                } else {
                    "Đề mục chưa có tên.".to_owned()
                };
                c.error(Code::MissingPart, format!("{path}.title"), message, None);
            }
            if let Some(from) = s.number_from {
                let expected = if i == 0 { 1 } else { numbers[i - 1] + 1 };
                if from != expected {
                    let label = |k: u32| {
                        let mut p = vec![1; depth];
                        p.push(k);
                        numbering::section_label(scheme, &p)
                    };
                    c.warning(
                        Code::HeadingOrder,
                        format!("{path}.number_from"),
                        format!(
                            "Đề mục được đánh số “{}” nhưng theo thứ tự phải là “{}”.",
                            label(from),
                            label(expected)
                        ),
                        Some("Bỏ số đặt tay để ứng dụng tự đánh số liên tục."),
                    );
                }
            }
            let max_depth = match scheme {
                NumberingScheme::RomanArabicLetter | NumberingScheme::Articles => 3,
                NumberingScheme::ArabicLetter => 2,
                _ => usize::MAX,
            };
            if depth >= max_depth {
                c.warning(
                    Code::HeadingOrder,
                    path.to_string(),
                    "Đề mục dưới mức điểm a), b)… không có kiểu đánh số theo Nghị định 30.",
                    Some("Dùng danh sách gạch đầu dòng “-”, “+” thay cho đề mục cấp 4."),
                );
            }
            for (bi, block) in s.blocks.iter().enumerate() {
                if let Block::Paragraph { text } = block
                    && text.is_blank()
                {
                    c.warning(
                        Code::MissingPart,
                        format!("{path}.blocks[{bi}].text"),
                        "Đoạn văn trống.",
                        None,
                    );
                }
            }
            go(
                scheme,
                &s.subsections,
                &format!("{path}.subsections"),
                depth + 1,
                c,
            );
        }
    }
    go(scheme, list, base, 0, c);
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
fn last_body_text(content: &crate::model::Content) -> Option<String> {
    fn of_blocks(blocks: &[Block]) -> Option<String> {
        blocks.iter().rev().find_map(|b| match b {
            Block::Paragraph { text } => Some(text.text().into_owned()),
            Block::List { items } => {
                let mut last = items.last()?;
                while let Some(inner) = last.items.last() {
                    last = inner;
                }
                Some(last.text.text().into_owned())
            }
            Block::Tasks => None,
        })
    }
    fn of_section(s: &Section) -> Option<String> {
        s.subsections
            .last()
            .and_then(of_section)
            .or_else(|| of_blocks(&s.blocks))
            .or_else(|| Some(s.title.text().into_owned()))
    }
    content
        .sections
        .last()
        .and_then(of_section)
        .or_else(|| of_blocks(&content.blocks))
}

fn closing(doc: &Document, c: &mut Checker) {
    let text = doc.closing.text();
    let body_ends = last_body_text(&doc.body).is_some_and(|t| t.trim_end().ends_with("./."));
    if text.trim().is_empty() && body_ends {
        // The body's last paragraph (a quyết định's last article) closes the text.
    } else if text.trim().is_empty() {
        c.error(
            Code::MissingPart,
            "closing",
            "Chưa có câu kết thúc nội dung văn bản.",
            (doc.numbering == NumberingScheme::Articles).then_some(
                "Văn bản trình bày theo điều: kết thúc điều cuối cùng bằng “./.” thay cho câu kết.",
            ),
        );
    } else if !text.trim_end().ends_with("./.") {
        c.error(
            Code::MissingEndMark,
            "closing",
            "Nội dung văn bản phải kết thúc bằng dấu “./.”.",
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
    if doc.numbering != NumberingScheme::Articles {
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
    let articles = sibling_numbers(&doc.body.sections);
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
fn collect_text(content: &crate::model::Content, out: &mut String) {
    fn blocks(list: &[Block], out: &mut String) {
        for b in list {
            match b {
                Block::Paragraph { text } => {
                    out.push_str(&text.text());
                    out.push('\n');
                }
                Block::List { items } => {
                    fn all(items: &[crate::model::ListItem], out: &mut String) {
                        for i in items {
                            out.push_str(&i.text.text());
                            out.push('\n');
                            all(&i.items, out);
                        }
                    }
                    all(items, out);
                }
                Block::Tasks => {}
            }
        }
    }
    blocks(&content.blocks, out);
    walk_sections(&content.sections, &mut |_, s| {
        out.push_str(&s.title.text());
        out.push('\n');
        blocks(&s.blocks, out);
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
    sections(a.numbering, &a.body.sections, "attachment.body.sections", c);
    let end = match a.closing.as_ref().filter(|t| !t.is_blank()) {
        Some(t) => Some(t.text().into_owned()),
        None => last_body_text(&a.body),
    };
    if !a.body.is_empty() && !end.is_some_and(|t| t.trim_end().ends_with("./.")) {
        c.error(
            Code::MissingEndMark,
            "attachment.closing",
            "Văn bản kèm theo phải kết thúc bằng dấu “./.”.",
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
    let mut all_blocks: Vec<&Block> = doc.body.blocks.iter().collect();
    walk_sections(&doc.body.sections, &mut |_, s| {
        body_text.push_str(&s.title.text());
        body_text.push('\n');
        all_blocks.extend(s.blocks.iter());
    });
    {
        for b in all_blocks {
            match b {
                Block::Paragraph { text } => body_text.push_str(&text.text()),
                Block::List { items } => {
                    fn all(items: &[crate::model::ListItem], out: &mut String) {
                        for i in items {
                            out.push_str(&i.text.text());
                            out.push('\n');
                            all(&i.items, out);
                        }
                    }
                    all(items, &mut body_text);
                }
                Block::Tasks => {}
            }
            body_text.push('\n');
        }
    }
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
        doc.numbering = NumberingScheme::Articles;
        let article = |t: &str| Section {
            title: RichText::plain(t),
            number_from: None,
            role: None,
            units: vec![],
            blocks: vec![],
            subsections: vec![],
        };
        doc.body = Content {
            blocks: vec![],
            sections: vec![
                article("Ban hành kèm theo Quyết định này Kế hoạch …"),
                article("Quyết định này có hiệu lực kể từ ngày ký."),
                article("Chánh Văn phòng Sở chịu trách nhiệm thi hành Quyết định này./."),
            ],
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
        assert!(has(&doc, Code::MissingPart, "closing"));
    }

    #[test]
    fn the_plan_a_decision_issues_needs_a_subject_a_text_and_its_end_mark() {
        let mut doc = decision();
        let plan = Attachment {
            doc_type: crate::DocumentType::KeHoach,
            subject: "Chuyển đổi số năm 2025".into(),
            numbering: NumberingScheme::default(),
            body: Content {
                blocks: vec![Block::Paragraph {
                    text: RichText::plain("Triển khai các nhiệm vụ chuyển đổi số./."),
                }],
                sections: vec![],
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
        assert_eq!(qd.numbering, NumberingScheme::Articles);
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
        assert_eq!(cv.numbering, NumberingScheme::ArabicLetter);
    }

    #[test]
    fn a_decision_needs_its_authority_bases_and_articles() {
        let mut doc = decision();
        doc.issuing_authority = None;
        doc.legal_basis.paragraphs.clear();
        doc.numbering = NumberingScheme::RomanArabicLetter;
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
