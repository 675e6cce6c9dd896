//! The document as plain text, in reading order: what a reader sees on the pages, without
//! layout. Used to compare a document with a published text word for word, and as the text
//! every rendered output must contain.

use crate::format;
use crate::model::{
    AppendixContent, Block, ClosingPlacement, Content, Document, ListItem, ListMarker, Numbering,
    TaskNode,
};
use crate::numbering::{self, Flow, walk_content, walk_tasks};
use crate::richtext::RichText;
use crate::text::upper;

/// The national title (Quốc hiệu).
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The motto (Tiêu ngữ), with hyphens as the decree writes them.
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Which part of the document a block belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Header of page 1: bodies, number, national title, date.
    Header,
    /// Type name, subject and addressees.
    Title,
    /// The legal basis.
    Preamble,
    /// The numbered body, contact line and closing sentence.
    Body,
    /// Nơi nhận.
    Recipients,
    /// The signer block.
    Signature,
    /// The document a decision issues, after the decision (Mẫu 1.3).
    Attachment,
    /// Appendix number `n` (0-based).
    Appendix(usize),
}

/// A line of text or a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlainContent {
    /// One paragraph or line.
    Line(String),
    /// A table: rows of cells, the header row first.
    Table(Vec<Vec<String>>),
}

/// A block of the plain text with the part it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainBlock {
    /// Where it is.
    pub part: Part,
    /// What it says.
    pub content: PlainContent,
}

/// The header row of a task table.
pub const TASK_TABLE_HEADER: [&str; 6] = [
    "STT",
    "Nhiệm vụ, công việc",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian triển khai",
    "Ghi chú",
];

/// The header row of a list of documents.
pub const DOCUMENT_LIST_HEADER: [&str; 2] = ["STT", "Văn bản"];

struct Out {
    blocks: Vec<PlainBlock>,
    part: Part,
}

impl Out {
    fn line(&mut self, s: impl Into<String>) {
        self.blocks.push(PlainBlock {
            part: self.part,
            content: PlainContent::Line(s.into()),
        });
    }
}

/// The ký hiệu of the document, or the bare type abbreviation when the header lacks what it
/// needs (validation reports that separately).
pub fn document_symbol(doc: &Document) -> String {
    let h = &doc.header;
    format::symbol(
        doc.doc_type,
        h.issuing_body.abbreviation.as_deref(),
        h.unit_abbreviation.as_deref(),
    )
    .unwrap_or_else(|_| {
        doc.doc_type
            .info()
            .abbreviation
            .unwrap_or_default()
            .to_owned()
    })
}

/// The whole document as plain blocks.
pub fn plain_text(doc: &Document) -> Vec<PlainBlock> {
    let mut out = Out {
        blocks: Vec::new(),
        part: Part::Header,
    };
    header(doc, &mut out);
    out.part = Part::Title;
    if let Some(title) = doc.doc_type.title_line() {
        out.line(title);
        out.line(doc.subject.clone());
    }
    if let Some(authority) = &doc.issuing_authority {
        out.line(upper(authority.trim()));
    }
    for line in format::addressee_lines(&doc.addressees) {
        out.line(line);
    }
    out.part = Part::Preamble;
    preamble(doc, &mut out);
    if let Some(line) = doc.doc_type.enacting_line() {
        out.line(line);
    }
    out.part = Part::Body;
    content(&doc.numbering, doc, &doc.body, &mut out);
    if let Some(contact) = &doc.contact {
        out.line(contact.text());
    }
    if !doc.closing.is_blank() {
        out.line(doc.closing.text());
    }
    out.part = Part::Recipients;
    out.line("Nơi nhận:");
    for line in format::recipient_lines(&doc.recipients, !doc.addressees.is_empty()) {
        out.line(line.text);
        if let Some(label) = line.group_label {
            out.line(label);
        }
    }
    out.part = Part::Signature;
    for line in format::authority_lines(&doc.signature) {
        out.line(line);
    }
    out.line(doc.signature.name.clone());
    if let Some(a) = &doc.attachment {
        out.part = Part::Attachment;
        let h = &doc.header;
        if let Some(parent) = &h.parent_body {
            out.line(upper(&parent.name.replace('\n', " ")));
        }
        out.line(upper(&h.issuing_body.name.replace('\n', " ")));
        out.line(QUOC_HIEU);
        out.line(TIEU_NGU);
        if let Some(title) = a.doc_type.title_line() {
            out.line(title);
        }
        out.line(a.subject.clone());
        out.line(attachment_kem_theo(doc));
        content(&a.numbering, doc, &a.body, &mut out);
        if let Some(closing) = a.closing.as_ref().filter(|c| !c.is_blank()) {
            out.line(closing.text());
        }
        for line in format::authority_lines(&doc.signature) {
            out.line(line);
        }
        out.line(doc.signature.name.clone());
    }
    let count = doc.appendices.len();
    for (i, appendix) in doc.appendices.iter().enumerate() {
        out.part = Part::Appendix(i);
        out.line(numbering::appendix_label(i, count));
        out.line(upper(&appendix.title));
        out.line(kem_theo(doc, appendix));
        match &appendix.content {
            AppendixContent::Text { text } => content(
                appendix.numbering.as_ref().unwrap_or(&doc.numbering),
                doc,
                text,
                &mut out,
            ),
            AppendixContent::Documents { groups } => {
                let rows = document_rows(groups);
                out.blocks.push(PlainBlock {
                    part: out.part,
                    content: PlainContent::Table(rows),
                });
            }
            AppendixContent::Tasks => {
                let rows = task_rows(&doc.tasks);
                out.blocks.push(PlainBlock {
                    part: out.part,
                    content: PlainContent::Table(rows),
                });
            }
        }
    }
    out.blocks
}

fn header(doc: &Document, out: &mut Out) {
    let h = &doc.header;
    if let Some(parent) = &h.parent_body {
        out.line(upper(&parent.name.replace('\n', " ")));
    }
    out.line(upper(&h.issuing_body.name.replace('\n', " ")));
    out.line(format::number_line(h.number, &document_symbol(doc)));
    if doc.doc_type.subject_is_vv() {
        out.line(format!("V/v {}", doc.subject));
    }
    out.line(QUOC_HIEU);
    out.line(TIEU_NGU);
    out.line(format::date_line(&h.place, h.date));
}

/// A paragraph of the preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreambleParagraph {
    /// "Căn cứ …;" — the citations with their end punctuation, and the closing clause when it
    /// follows them in the same paragraph.
    Basis {
        /// The lead word and the citations, ending with ";", "." or ",".
        citations: String,
        /// The closing clause printed after them.
        clause: Option<RichText>,
        /// What stands between the citations and the clause: a space, or nothing when the
        /// clause is written with its own join.
        join: &'static str,
    },
    /// The closing clause in a paragraph of its own.
    Clause(RichText),
}

/// The preamble's paragraphs: citations joined by ", " within a group and "; " between
/// groups; each paragraph ends with ";", the last with "." when nothing follows, or ", " and
/// the closing clause.
pub fn preamble_paragraphs(doc: &Document) -> Vec<PreambleParagraph> {
    let basis = &doc.legal_basis;
    // The first citation of a document is written in full, later ones by type and number.
    let mut cited: Vec<&str> = Vec::new();
    let mut leads: Vec<String> = Vec::new();
    for p in &basis.paragraphs {
        let mut groups: Vec<String> = Vec::new();
        for g in &p.groups {
            let mut refs: Vec<String> = Vec::new();
            for r in g {
                refs.push(match r.number.as_deref() {
                    Some(n) if cited.contains(&n) => format::short_reference_text(r),
                    Some(n) => {
                        cited.push(n);
                        format::reference_text(r)
                    }
                    None => format::reference_text(r),
                });
            }
            groups.push(refs.join(", "));
        }
        let mut line = p.lead.trim().to_owned();
        for part in [
            groups.join("; "),
            p.text
                .as_ref()
                .map(|t| t.text().trim().to_owned())
                .unwrap_or_default(),
        ] {
            if !part.is_empty() {
                line.push(' ');
                line.push_str(&part);
            }
        }
        leads.push(line);
    }
    if let Some(proposal) = &basis.proposal {
        leads.push(format!("Theo đề nghị của {}", proposal.trim()));
    }
    let n = leads.len();
    let mut out = Vec::new();
    for (i, mut citations) in leads.into_iter().enumerate() {
        let last = i + 1 == n;
        let mut clause = None;
        let mut join = " ";
        match (&basis.closing_clause, basis.closing_placement) {
            (None, _) if last => citations.push('.'),
            (Some(c), placement) if last && placement != ClosingPlacement::OwnParagraph => {
                match placement {
                    ClosingPlacement::SameParagraph => citations.push(','),
                    ClosingPlacement::NewSentence => citations.push('.'),
                    ClosingPlacement::AsWritten | ClosingPlacement::OwnParagraph => join = "",
                }
                clause = Some(c.clone());
            }
            _ => citations.push(';'),
        }
        out.push(PreambleParagraph::Basis {
            citations,
            clause,
            join,
        });
    }
    if let Some(clause) = &basis.closing_clause
        && (basis.closing_placement == ClosingPlacement::OwnParagraph || n == 0)
    {
        out.push(PreambleParagraph::Clause(clause.clone()));
    }
    out
}

fn preamble(doc: &Document, out: &mut Out) {
    for p in preamble_paragraphs(doc) {
        match p {
            PreambleParagraph::Basis {
                citations,
                clause: Some(c),
                join,
            } => out.line(format!("{citations}{join}{}", c.text())),
            PreambleParagraph::Basis {
                citations,
                clause: None,
                ..
            } => out.line(citations),
            PreambleParagraph::Clause(c) => out.line(c.text()),
        }
    }
}

/// How running text names the issuing body, for the "(Kèm theo …)" lines.
pub fn issuer_in_text(doc: &Document) -> String {
    let body = &doc.header.issuing_body;
    body.short_name
        .clone()
        .unwrap_or_else(|| body.name.replace('\n', " "))
}

/// The "(Kèm theo …)" line of an appendix.
pub fn kem_theo(doc: &Document, appendix: &crate::model::Appendix) -> String {
    format::join(&kem_theo_pieces(doc, appendix))
}

/// The "(Kèm theo …)" line of an appendix, as pieces (the number and date as fields).
pub fn kem_theo_pieces(doc: &Document, appendix: &crate::model::Appendix) -> Vec<format::Piece> {
    format::kem_theo_pieces(
        doc.doc_type,
        doc.header.number,
        &document_symbol(doc),
        doc.header.date,
        appendix.reference_date_style,
        &issuer_in_text(doc),
    )
}

/// The line under an attached document's subject: "(Kèm theo Quyết định số 87/QĐ-STTTT ngày
/// 06 tháng 02 năm 2025 của Giám đốc Sở Thông tin và Truyền thông)" — the decision's issuing
/// authority, or its body.
pub fn attachment_kem_theo(doc: &Document) -> String {
    format::join(&attachment_kem_theo_pieces(doc))
}

/// The attached document's "(Kèm theo …)" line as pieces (the decision's number and date as
/// fields, filled in at issue like the header's).
pub fn attachment_kem_theo_pieces(doc: &Document) -> Vec<format::Piece> {
    let issuer = doc
        .issuing_authority
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map_or_else(|| issuer_in_text(doc), str::to_owned);
    format::kem_theo_pieces(
        doc.doc_type,
        doc.header.number,
        &document_symbol(doc),
        doc.header.date,
        crate::model::DateStyle::Words,
        &issuer,
    )
}

fn content(numbering: &Numbering, doc: &Document, c: &Content, out: &mut Out) {
    walk_content(c, numbering, "", &mut |flow| match flow {
        Flow::Heading(h) => {
            let title = h.section.title.text();
            if h.style.label_on_own_line() {
                out.line(h.label);
                out.line(title.into_owned());
            } else if h.label.is_empty() {
                out.line(title.into_owned());
            } else {
                out.line(format!("{} {title}", h.label));
            }
        }
        Flow::Block { block, .. } => self::block(doc, block, out),
    });
}

fn block(doc: &Document, block: &Block, out: &mut Out) {
    match block {
        Block::Paragraph { text } => out.line(text.text()),
        Block::List {
            marker,
            start,
            items,
        } => list_items(items, *marker, start.unwrap_or(1), 0, out),
        Block::Table(t) => {
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|cell| {
                            cell.paragraphs
                                .iter()
                                .map(|p| p.text().into_owned())
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .collect()
                })
                .collect();
            out.blocks.push(PlainBlock {
                part: out.part,
                content: PlainContent::Table(rows),
            });
        }
        Block::Tasks => {
            walk_tasks(&doc.tasks, &mut |path, node| {
                let label = path.map(numbering::task_label);
                let text = match node {
                    TaskNode::Group { title, .. } => title.text().into_owned(),
                    TaskNode::Task(t) => t
                        .content
                        .iter()
                        .map(|c| c.text())
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                match label {
                    Some(l) => out.line(format!("{l}. {text}")),
                    None => out.line(text),
                }
            });
        }
    }
}

fn list_items(
    items: &[ListItem],
    marker: Option<ListMarker>,
    start: u32,
    depth: usize,
    out: &mut Out,
) {
    let marker = marker.unwrap_or_else(|| numbering::default_list_marker(depth));
    for (i, item) in items.iter().enumerate() {
        let n = start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        out.line(format!(
            "{} {}",
            numbering::list_marker(marker, n),
            item.text.text()
        ));
        list_items(&item.items, item.items_marker, 1, depth + 1, out);
    }
}

/// The rows of a task table, header first: number, content, lead, cooperating units, time,
/// notes.
pub fn task_rows(tasks: &[TaskNode]) -> Vec<Vec<String>> {
    let mut rows = vec![TASK_TABLE_HEADER.map(String::from).to_vec()];
    walk_tasks(tasks, &mut |path, node| {
        let label = path.map(numbering::task_label).unwrap_or_default();
        match node {
            TaskNode::Group { title, .. } => rows.push(vec![
                label,
                title.text().into_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]),
            TaskNode::Task(t) => {
                let paragraphs = |ps: &[crate::richtext::RichText]| {
                    ps.iter()
                        .map(|p| p.text().into_owned())
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let mut content = paragraphs(&t.content);
                if let Some(target) = &t.target {
                    content.push_str(&format!("\nChỉ tiêu: {target}"));
                }
                rows.push(vec![
                    label,
                    content,
                    t.lead.join("; "),
                    t.cooperating.join("; "),
                    t.time.as_ref().map(format::task_time).unwrap_or_default(),
                    paragraphs(&t.notes),
                ]);
            }
        }
    });
    rows
}

/// The rows of a list of documents, header first: number ("I" for a group, "1." for an
/// entry) and text (an entry's paragraphs joined by new lines).
pub fn document_rows(groups: &[crate::model::DocumentGroup]) -> Vec<Vec<String>> {
    let mut rows = vec![DOCUMENT_LIST_HEADER.map(String::from).to_vec()];
    for (gi, group) in groups.iter().enumerate() {
        if let Some(title) = &group.title {
            rows.push(vec![
                numbering::roman(u32::try_from(gi + 1).unwrap_or(u32::MAX)),
                title.clone(),
            ]);
        }
        for (ei, entry) in group.entries.iter().enumerate() {
            let text: Vec<String> = entry.iter().map(|p| p.text().into_owned()).collect();
            rows.push(vec![format!("{}.", ei + 1), text.join("\n")]);
        }
    }
    rows
}

/// The plain text as one string: lines, and table rows with cells separated by tabs.
pub fn to_string(blocks: &[PlainBlock]) -> String {
    let mut s = String::new();
    for block in blocks {
        match &block.content {
            PlainContent::Line(line) => {
                s.push_str(line);
                s.push('\n');
            }
            PlainContent::Table(rows) => {
                for row in rows {
                    s.push_str(&row.join("\t"));
                    s.push('\n');
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BasisParagraph, CalendarDate, LegalReference};

    #[test]
    fn a_document_cited_again_is_cited_by_type_and_number() {
        let mut doc = crate::skeleton::new_document(crate::DocumentType::KeHoach);
        let qd505 = LegalReference {
            doc_type: "Quyết định".into(),
            number: Some("505/QĐ-TTg".into()),
            date: Some(CalendarDate::new(2022, 4, 22)),
            issuer: Some("Thủ tướng Chính phủ".into()),
            subject: Some("về Ngày Chuyển đổi số quốc gia".into()),
        };
        let law = LegalReference {
            doc_type: "Luật".into(),
            number: None,
            date: None,
            issuer: None,
            subject: Some("Giao dịch điện tử".into()),
        };
        doc.legal_basis.paragraphs = vec![
            BasisParagraph {
                lead: "Căn cứ".into(),
                groups: vec![vec![law.clone()], vec![qd505.clone()]],
                text: None,
            },
            BasisParagraph {
                lead: "Thực hiện".into(),
                groups: vec![vec![qd505, law]],
                text: None,
            },
        ];
        let lines: Vec<String> = preamble_paragraphs(&doc)
            .into_iter()
            .map(|p| match p {
                PreambleParagraph::Basis { citations, .. } => citations,
                PreambleParagraph::Clause(c) => c.text().into_owned(),
            })
            .collect();
        assert_eq!(
            lines,
            [
                "Căn cứ Luật Giao dịch điện tử; Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia;",
                "Thực hiện Quyết định số 505/QĐ-TTg, Luật Giao dịch điện tử."
            ]
        );
    }
}
