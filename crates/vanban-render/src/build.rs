//! Document + style sheet → layout tree. Every text comes from the formatting rules of
//! `vanban-core` (numbers, dates, ký hiệu, recipient lines, authority lines, "Kèm theo"), so
//! the layout's text is the document's plain text (`vanban_core::plain`), laid out.

use vanban_core::format;
use vanban_core::model::{
    AppendixContent, Attachment, Block as ModelBlock, Content, Document, LevelStyle, ListItem,
    ListMarker, Numbering, Orientation, RecipientEntry, Secrecy, TaskNode, TextTable, Urgency,
};
use vanban_core::numbering::{self, Flow, walk_content};
use vanban_core::plain::{self, PreambleParagraph};
use vanban_core::text::{to_nfc, upper};
use vanban_core::{RichText, Span};

use crate::layout::{
    Block, Indent, Layout, PageSection, Paragraph, Role, Rule, Run, Table, TableCell, TableKind,
    TableRow, VerticalMerge,
};
use crate::metrics::Metrics;
use crate::style::StyleSheet;

/// Cell padding Word and Typst leave on each side of a table cell (0.19 cm).
const CELL_PADDING_MM: f32 = 1.9;

struct Builder<'s, 'm, 'f> {
    style: &'s StyleSheet,
    metrics: &'m mut Metrics<'f>,
}

fn runs_of(text: &RichText) -> Vec<Run> {
    text.spans()
        .iter()
        .map(|Span { text, bold, italic }| Run {
            text: to_nfc(text),
            bold: *bold,
            italic: *italic,
            line_break_after: false,
            field: None,
        })
        .collect()
}

pub(crate) fn para(role: Role, text: &str) -> Block {
    Block::Paragraph(Paragraph::new(role, to_nfc(text)))
}

/// A paragraph whose text may hold line breaks (`\n`), kept as breaks inside one paragraph.
fn lines_para(role: Role, text: &str) -> Paragraph {
    let parts: Vec<&str> = text.split('\n').collect();
    let n = parts.len();
    Paragraph {
        role,
        runs: parts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Run {
                line_break_after: i + 1 < n,
                ..Run::plain(to_nfc(t.trim()))
            })
            .collect(),
        width_mm: None,
        keep_with_next: false,
        indent: None,
    }
}

impl Builder<'_, '_, '_> {
    /// Width of a paragraph's longest line as the role sets it.
    fn line_width_mm(&mut self, role: Role, text: &str) -> f32 {
        let p = role.props(self.style);
        text.split('\n')
            .map(|line| {
                self.metrics
                    .width_mm(line.trim(), p.size_pt, p.bold, p.italic)
            })
            .fold(0.0, f32::max)
    }

    /// The header's first row: the bodies with their rule on the left, the national title and
    /// motto with theirs on the right.
    fn title_row(&mut self, doc: &Document) -> (Vec<Block>, Vec<Block>) {
        let h = &doc.header;
        let s = self.style;
        let left_inner = s.header.left_column_mm - 2.0 * CELL_PADDING_MM;
        let mut left = Vec::new();
        if let Some(parent) = &h.parent_body {
            left.push(Block::Paragraph(lines_para(
                Role::CoQuanChuQuan,
                &upper(&parent.name),
            )));
        }
        let issuer = upper(&h.issuing_body.name);
        left.push(Block::Paragraph(lines_para(Role::CoQuanBanHanh, &issuer)));
        let name_width = self
            .line_width_mm(Role::CoQuanBanHanh, &issuer)
            .min(left_inner);
        left.push(Block::Rule(Rule {
            length_mm: name_width * s.header.issuer_rule,
            role: Role::CoQuanBanHanh,
        }));

        let mut right = vec![
            para(Role::QuocHieu, plain::QUOC_HIEU),
            para(Role::TieuNgu, plain::TIEU_NGU),
        ];
        let motto = self.line_width_mm(Role::TieuNgu, plain::TIEU_NGU);
        right.push(Block::Rule(Rule {
            length_mm: motto,
            role: Role::TieuNgu,
        }));
        (left, right)
    }

    /// The signer's block alone in the closing's right column (an attached document has no
    /// Nơi nhận).
    fn signer_block(&self, doc: &Document, left: Vec<Block>) -> Block {
        let s = self.style;
        let mut right: Vec<Block> = format::authority_lines(&doc.signature)
            .into_iter()
            .map(|line| para(Role::ChuKyThamQuyen, &line))
            .collect();
        right.push(para(Role::ChuKyHoTen, doc.signature.name.trim()));
        Block::Table(Table {
            kind: TableKind::Closing,
            columns_mm: vec![s.closing.left_column_mm, s.closing.right_column_mm],
            header_rows: 0,
            rows: vec![TableRow {
                cells: vec![TableCell::new(left), TableCell::new(right)],
                cant_split: true,
            }],
        })
    }

    /// The document a decision issues, on pages of its own (Mẫu 1.3): the header without a
    /// number row, its type name and subject, "(Kèm theo Quyết định số …)", its text and the
    /// decision's signer. Its pages are numbered from 1 like an appendix's.
    fn attachment(&mut self, doc: &Document, a: &Attachment) -> PageSection {
        let s = self.style;
        let (left, right) = self.title_row(doc);
        let mut blocks = vec![Block::Table(Table {
            kind: TableKind::Header,
            columns_mm: vec![s.header.left_column_mm, s.header.right_column_mm],
            header_rows: 0,
            rows: vec![TableRow {
                cells: vec![TableCell::new(left), TableCell::new(right)],
                cant_split: true,
            }],
        })];
        if let Some(title) = a.doc_type.title_line() {
            blocks.push(para(Role::TenLoai, &title));
        }
        blocks.push(Block::Paragraph(lines_para(Role::TrichYeu, &a.subject)));
        let kem_theo = plain::attachment_kem_theo(doc);
        blocks.push(para(Role::KemTheo, &kem_theo));
        let width = self
            .line_width_mm(Role::KemTheo, &kem_theo)
            .min(s.text_width_mm(false));
        blocks.push(Block::Rule(Rule {
            length_mm: width * s.header.subject_rule,
            role: Role::KemTheo,
        }));
        self.content(doc, &a.numbering, &a.body, &mut blocks);
        if let Some(closing) = a.closing.as_ref().filter(|c| !c.is_blank()) {
            blocks.push(Block::Paragraph(Paragraph {
                role: Role::Body,
                runs: runs_of(closing),
                width_mm: None,
                keep_with_next: false,
                indent: None,
            }));
        }
        keep_last_lines_with_signature(&mut blocks);
        blocks.push(self.signer_block(doc, vec![para(Role::NoiNhan, "")]));
        PageSection {
            landscape: false,
            restart_numbering: true,
            first_page_footer: None,
            blocks,
        }
    }

    fn header(&mut self, doc: &Document) -> Vec<Block> {
        let h = &doc.header;
        let s = self.style;
        let mut blocks = Vec::new();
        if let Some(mark) = &h.circulation {
            blocks.push(para(Role::LuuHanh, &upper(mark)));
        }
        let (left, right) = self.title_row(doc);
        let mut left2 = vec![para(
            Role::SoKyHieu,
            &format::number_line(h.number, &plain::document_symbol(doc)),
        )];
        if doc.doc_type.subject_is_vv() {
            left2.push(Block::Paragraph(lines_para(
                Role::Vv,
                &format!("V/v {}", doc.subject),
            )));
        }
        if let Some(secrecy) = h.secrecy {
            left2.push(para(Role::DoMat, secrecy_text(secrecy)));
        }
        if let Some(urgency) = h.urgency {
            let mut stamp = Paragraph::new(Role::DoKhan, urgency_text(urgency));
            stamp.width_mm = Some(urgency_width_mm(urgency));
            left2.push(Block::Paragraph(stamp));
        }
        let right2 = vec![para(
            Role::DiaDanhNgay,
            &format::date_line(&h.place, h.date),
        )];

        blocks.push(Block::Table(Table {
            kind: TableKind::Header,
            columns_mm: vec![s.header.left_column_mm, s.header.right_column_mm],
            header_rows: 0,
            rows: vec![
                TableRow {
                    cells: vec![TableCell::new(left), TableCell::new(right)],
                    cant_split: true,
                },
                TableRow {
                    cells: vec![TableCell::new(left2), TableCell::new(right2)],
                    cant_split: true,
                },
            ],
        }));
        blocks
    }

    fn title(&mut self, doc: &Document, blocks: &mut Vec<Block>) {
        if let Some(title) = doc.doc_type.title_line() {
            blocks.push(para(Role::TenLoai, &title));
            blocks.push(Block::Paragraph(lines_para(Role::TrichYeu, &doc.subject)));
            let width = self
                .line_width_mm(Role::TrichYeu, &doc.subject)
                .min(self.style.text_width_mm(false));
            blocks.push(Block::Rule(Rule {
                length_mm: width * self.style.header.subject_rule,
                role: Role::TrichYeu,
            }));
        }
        if let Some(authority) = &doc.issuing_authority {
            blocks.push(Block::Paragraph(lines_para(
                Role::ThamQuyenBanHanh,
                &upper(authority.trim()),
            )));
        }
        self.addressees(doc, blocks);
    }

    /// "Kính gửi" (ô 9a), centred as a block under the title area: one addressee on the
    /// label's line; several on lines of their own whose dashes stand under the colon (a
    /// hanging indent as wide as "Kính gửi").
    fn addressees(&mut self, doc: &Document, blocks: &mut Vec<Block>) {
        let lines = format::addressee_lines(&doc.addressees);
        if lines.is_empty() {
            return;
        }
        let text_width = self.style.text_width_mm(false);
        let label = self.line_width_mm(Role::KinhGui, "Kính gửi");
        let (hanging, widest) = if lines.len() == 1 {
            (0.0, self.line_width_mm(Role::KinhGui, &lines[0]))
        } else {
            let widest = lines[1..]
                .iter()
                .map(|l| self.line_width_mm(Role::KinhGui, l))
                .fold(0.0, f32::max);
            (label, label + widest)
        };
        // Centred under the title area; a block too wide for that starts at a sixth of the
        // line (ô 9a's place in the diagram is centre-right) and its long lines wrap under
        // their dashes.
        let centred = ((text_width - widest) / 2.0).max(0.0);
        let start = if lines.len() == 1 {
            centred
        } else {
            centred.max(text_width / 6.0)
        };
        let n = lines.len();
        blocks.push(Block::Paragraph(Paragraph {
            role: Role::KinhGui,
            runs: lines
                .iter()
                .enumerate()
                .map(|(i, l)| Run {
                    line_break_after: i + 1 < n,
                    ..Run::plain(to_nfc(l))
                })
                .collect(),
            width_mm: None,
            keep_with_next: false,
            indent: Some(Indent {
                left_mm: start + hanging,
                hanging_mm: hanging,
            }),
        }));
    }

    fn preamble(&mut self, doc: &Document, blocks: &mut Vec<Block>) {
        for p in plain::preamble_paragraphs(doc) {
            match p {
                PreambleParagraph::Basis {
                    citations,
                    clause: None,
                    ..
                } => blocks.push(para(Role::CanCu, &citations)),
                PreambleParagraph::Basis {
                    citations,
                    clause: Some(clause),
                    join,
                } => {
                    // The citations keep the italic of a legal basis; the clause that follows
                    // in the same paragraph is ordinary body text.
                    let mut runs = vec![Run {
                        italic: true,
                        ..Run::plain(format!("{}{join}", to_nfc(&citations)))
                    }];
                    runs.extend(runs_of(&clause));
                    blocks.push(Block::Paragraph(Paragraph {
                        role: Role::Body,
                        runs,
                        width_mm: None,
                        keep_with_next: false,
                        indent: None,
                    }));
                }
                PreambleParagraph::Clause(clause) => {
                    blocks.push(Block::Paragraph(Paragraph {
                        role: Role::Body,
                        runs: runs_of(&clause),
                        width_mm: None,
                        keep_with_next: false,
                        indent: None,
                    }));
                }
            }
        }
    }

    fn content(
        &mut self,
        doc: &Document,
        numbering: &Numbering,
        content: &Content,
        blocks: &mut Vec<Block>,
    ) {
        let articles = numbering.level_at(1).map(|l| l.style) == Some(LevelStyle::Article);
        let text_width = self.style.text_width_mm(false);
        walk_content(content, numbering, "", &mut |flow| match flow {
            Flow::Heading(h) => {
                let section = h.section;
                let leaf = section.blocks.is_empty()
                    && section.subsections.is_empty()
                    && section.after.is_empty();
                if h.style.label_on_own_line() {
                    // "Phần I" on its line, the title centred in capitals under it.
                    blocks.push(para(Role::PartLabel, &h.label));
                    let mut title = runs_of(&section.title);
                    for r in &mut title {
                        r.text = upper(&r.text);
                    }
                    blocks.push(Block::Paragraph(Paragraph {
                        role: Role::PartTitle,
                        runs: title,
                        width_mm: None,
                        keep_with_next: false,
                        indent: None,
                    }));
                    return;
                }
                let role = heading_role(h.style, h.depth, articles, leaf);
                let mut runs = Vec::new();
                if !h.label.is_empty() {
                    runs.push(Run {
                        bold: role == Role::Dieu,
                        ..Run::plain(format!("{} ", h.label))
                    });
                }
                let mut title = runs_of(&section.title);
                if role == Role::Dieu
                    && !(section.subsections.is_empty() && section.blocks.is_empty())
                {
                    // An article with khoản under it has a title, bold like its number (nd30.md
                    // §5); an article that is one paragraph keeps its text upright.
                    title.iter_mut().for_each(|r| r.bold = true);
                }
                runs.extend(title);
                blocks.push(Block::Paragraph(Paragraph {
                    role,
                    runs,
                    width_mm: None,
                    keep_with_next: false,
                    indent: None,
                }));
            }
            Flow::Block { block, .. } => model_block(doc, block, text_width, blocks),
        });
    }

    /// A line of Nơi nhận: "- " flush left and, when the line wraps, the rest under the text
    /// (a hanging indent as wide as the dash and its space).
    fn recipient_line(&mut self, text: &str) -> Block {
        let mut p = Paragraph::new(Role::NoiNhan, to_nfc(text));
        if text.starts_with("- ") {
            let dash = self.line_width_mm(Role::NoiNhan, "-")
                + self.line_width_mm(Role::NoiNhan, "- x")
                - self.line_width_mm(Role::NoiNhan, "-x");
            p.indent = Some(Indent {
                left_mm: dash,
                hanging_mm: dash,
            });
        }
        Block::Paragraph(p)
    }

    fn closing(&mut self, doc: &Document, blocks: &mut Vec<Block>) {
        let s = self.style;
        let mut left = vec![para(Role::NoiNhanLabel, "Nơi nhận:")];
        let lines = format::recipient_lines(&doc.recipients, !doc.addressees.is_empty());
        let mut i = 0;
        if !doc.addressees.is_empty() {
            left.push(self.recipient_line(&lines[0].text));
            i = 1;
        }
        for entry in &doc.recipients.entries {
            match entry {
                RecipientEntry::Single(_) => {
                    left.push(self.recipient_line(&lines[i].text));
                    i += 1;
                }
                RecipientEntry::Group(g) => {
                    // The bracketed lines and, beside them, the group's label.
                    let members: Vec<Block> = lines[i..i + g.members.len()]
                        .iter()
                        .map(|l| self.recipient_line(&l.text))
                        .collect();
                    i += g.members.len();
                    let label_width = s.closing.left_column_mm * 0.3;
                    left.push(Block::Table(Table {
                        kind: TableKind::RecipientGroup,
                        columns_mm: vec![s.closing.left_column_mm - label_width, label_width],
                        header_rows: 0,
                        rows: vec![TableRow {
                            cells: vec![
                                TableCell::new(members),
                                TableCell {
                                    v_center: true,
                                    ..TableCell::new(vec![para(Role::NoiNhan, &g.label)])
                                },
                            ],
                            cant_split: true,
                        }],
                    }));
                }
            }
        }
        if let Some(archive) = lines.last() {
            left.push(self.recipient_line(&archive.text));
        }

        blocks.push(self.signer_block(doc, left));
    }

    fn appendix(&mut self, doc: &Document, index: usize) -> PageSection {
        let appendix = &doc.appendices[index];
        let landscape = appendix.orientation == Orientation::Landscape;
        let mut blocks = vec![
            para(
                Role::PhuLucSo,
                &numbering::appendix_label(index, doc.appendices.len()),
            ),
            Block::Paragraph(lines_para(Role::PhuLucTen, &upper(&appendix.title))),
        ];
        let kem_theo = plain::kem_theo(doc, appendix);
        blocks.push(para(Role::KemTheo, &kem_theo));
        let width = self
            .line_width_mm(Role::KemTheo, &kem_theo)
            .min(self.style.text_width_mm(landscape));
        blocks.push(Block::Rule(Rule {
            length_mm: width * self.style.header.subject_rule,
            role: Role::KemTheo,
        }));
        let text_width = self.style.text_width_mm(landscape);
        match &appendix.content {
            AppendixContent::Text { text } => {
                self.content(
                    doc,
                    appendix.numbering.as_ref().unwrap_or(&doc.numbering),
                    text,
                    &mut blocks,
                );
            }
            AppendixContent::Documents { groups } => {
                let rows = plain::document_rows(groups);
                let number_width = 15.0;
                let mut table_rows = vec![header_row(&rows[0])];
                let mut r = 1;
                for group in groups {
                    if group.title.is_some() {
                        let row = &rows[r];
                        table_rows.push(TableRow {
                            cells: vec![
                                TableCell::new(vec![bold_number(&row[0])]),
                                TableCell::new(vec![para(Role::TableGroup, &row[1])]),
                            ],
                            cant_split: true,
                        });
                        r += 1;
                    }
                    for _ in &group.entries {
                        let row = &rows[r];
                        table_rows.push(TableRow {
                            cells: vec![
                                TableCell::new(vec![para(Role::TableNumber, &row[0])]),
                                TableCell::new(cell_paragraphs(Role::TableCell, &row[1])),
                            ],
                            cant_split: true,
                        });
                        r += 1;
                    }
                }
                blocks.push(Block::Table(Table {
                    kind: TableKind::Grid,
                    columns_mm: vec![number_width, text_width - number_width],
                    header_rows: 1,
                    rows: table_rows,
                }));
            }
            AppendixContent::Tasks => blocks.push(Block::Table(task_table(doc, text_width))),
        }
        PageSection {
            landscape,
            restart_numbering: true,
            first_page_footer: None,
            blocks,
        }
    }
}

fn secrecy_text(s: Secrecy) -> &'static str {
    match s {
        Secrecy::Mat => "MẬT",
        Secrecy::ToiMat => "TỐI MẬT",
        Secrecy::TuyetMat => "TUYỆT MẬT",
    }
}

fn urgency_text(u: Urgency) -> &'static str {
    match u {
        Urgency::Khan => "KHẨN",
        Urgency::ThuongKhan => "THƯỢNG KHẨN",
        Urgency::HoaToc => "HỎA TỐC",
    }
}

/// The size of the pre-made urgency stamps (nd30.md §8): 30, 40 and 20 mm wide, 8 mm high.
fn urgency_width_mm(u: Urgency) -> f32 {
    match u {
        Urgency::HoaToc => 30.0,
        Urgency::ThuongKhan => 40.0,
        Urgency::Khan => 20.0,
    }
}

/// The paragraph role of a heading: "Điều N." an article; khoản and điểm of articles body
/// text; Roman parts the first level's look (bold); then bold, bold italic and italic by
/// depth for headings with text under them, each level apart from the next. A điểm ("a)",
/// "1)", "(1)") or a deep heading that is its whole text (a `leaf`) is body text with its
/// label, as the decree prints khoản and điểm without a title.
fn heading_role(style: LevelStyle, depth: usize, articles: bool, leaf: bool) -> Role {
    let pointlike = matches!(
        style,
        LevelStyle::Letter | LevelStyle::NumberParen | LevelStyle::NumberInParens
    );
    match style {
        LevelStyle::Article => Role::Dieu,
        _ if articles => Role::Point,
        LevelStyle::Roman | LevelStyle::Part | LevelStyle::Chapter | LevelStyle::Section => {
            Role::Heading1
        }
        LevelStyle::Dash | LevelStyle::Plus | LevelStyle::None if leaf => Role::ListItem,
        _ if depth == 1 => Role::Heading1,
        _ if leaf && (pointlike || depth >= 3) => Role::Point,
        _ if depth == 2 && !pointlike => Role::Heading2,
        _ if depth <= 3 => Role::Heading3,
        _ => Role::Heading4,
    }
}

fn model_block(doc: &Document, block: &ModelBlock, text_width: f32, out: &mut Vec<Block>) {
    match block {
        ModelBlock::Paragraph { text } => {
            out.push(Block::Paragraph(Paragraph {
                role: Role::Body,
                runs: runs_of(text),
                width_mm: None,
                keep_with_next: false,
                indent: None,
            }));
        }
        ModelBlock::List {
            marker,
            start,
            items,
        } => list_items(items, *marker, start.unwrap_or(1), 0, out),
        ModelBlock::Table(t) => out.push(Block::Table(text_table(t, text_width))),
        ModelBlock::Tasks => {
            numbering::walk_tasks(&doc.tasks, &mut |path, node| {
                let label = path.map(|p| format!("{}. ", numbering::task_label(p)));
                let mut runs: Vec<Run> = label.into_iter().map(Run::plain).collect();
                match node {
                    TaskNode::Group { title, .. } => runs.extend(runs_of(title)),
                    TaskNode::Task(t) => {
                        for (i, c) in t.content.iter().enumerate() {
                            if i > 0 {
                                runs.push(Run::plain(" "));
                            }
                            runs.extend(runs_of(c));
                        }
                    }
                }
                out.push(Block::Paragraph(Paragraph {
                    role: Role::Body,
                    runs,
                    width_mm: None,
                    keep_with_next: false,
                    indent: None,
                }));
            });
        }
    }
}

fn list_items(
    items: &[ListItem],
    marker: Option<ListMarker>,
    start: u32,
    depth: usize,
    out: &mut Vec<Block>,
) {
    let marker = marker.unwrap_or_else(|| numbering::default_list_marker(depth));
    for (i, item) in items.iter().enumerate() {
        let n = start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        let mut runs = vec![Run::plain(format!(
            "{} ",
            numbering::list_marker(marker, n)
        ))];
        runs.extend(runs_of(&item.text));
        out.push(Block::Paragraph(Paragraph {
            role: Role::ListItem,
            runs,
            width_mm: None,
            keep_with_next: false,
            indent: None,
        }));
        list_items(&item.items, item.items_marker, 1, depth + 1, out);
    }
}

/// A table of the text: a grid at the text's width, the header rows bold and repeated.
fn text_table(t: &TextTable, text_width: f32) -> Table {
    let columns = t
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.span.unwrap_or(1).max(1) as usize)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let weights: Vec<f32> = (0..columns)
        .map(|i| t.widths.get(i).copied().unwrap_or(1).max(1) as f32)
        .collect();
    let total: f32 = weights.iter().sum();
    let columns_mm = weights.iter().map(|w| w / total * text_width).collect();
    let header_rows = t.header_rows as usize;
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| TableRow {
            cells: row
                .iter()
                .map(|cell| {
                    let role = if r < header_rows {
                        Role::TableHeader
                    } else {
                        Role::TableCell
                    };
                    let mut paragraphs: Vec<Block> = cell
                        .paragraphs
                        .iter()
                        .map(|p| {
                            Block::Paragraph(Paragraph {
                                role,
                                runs: runs_of(p),
                                width_mm: None,
                                keep_with_next: false,
                                indent: None,
                            })
                        })
                        .collect();
                    if paragraphs.is_empty() {
                        paragraphs.push(para(role, ""));
                    }
                    TableCell {
                        span: cell.span.unwrap_or(1).max(1) as usize,
                        ..TableCell::new(paragraphs)
                    }
                })
                .collect(),
            cant_split: true,
        })
        .collect();
    Table {
        kind: TableKind::Grid,
        columns_mm,
        header_rows,
        rows,
    }
}

/// The number of a group row, in bold like the group's title.
fn bold_number(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        role: Role::TableNumber,
        runs: vec![Run {
            bold: true,
            ..Run::plain(to_nfc(text))
        }],
        width_mm: None,
        keep_with_next: false,
        indent: None,
    })
}

pub(crate) fn cell_paragraphs(role: Role, text: &str) -> Vec<Block> {
    text.split('\n').map(|line| para(role, line)).collect()
}

pub(crate) fn header_row(cells: &[String]) -> TableRow {
    TableRow {
        cells: cells
            .iter()
            .map(|c| TableCell {
                v_center: true,
                ..TableCell::new(vec![para(Role::TableHeader, c)])
            })
            .collect(),
        cant_split: true,
    }
}

/// The task table: STT, content, lead, cooperating units, time, notes; the header row repeats
/// on every page, no row breaks across pages, a group is one row spanning the text columns.
fn task_table(doc: &Document, text_width: f32) -> Table {
    let fractions = [0.05, 0.35, 0.16, 0.16, 0.12, 0.16];
    let columns_mm: Vec<f32> = fractions.iter().map(|f| f * text_width).collect();
    let rows = plain::task_rows(&doc.tasks);
    let mut table_rows = vec![header_row(&rows[0])];
    let mut data = rows[1..].iter();
    let mut previous_row: Option<usize> = None;
    numbering::walk_tasks(&doc.tasks, &mut |path, node| {
        let Some(row) = data.next() else { return };
        match node {
            TaskNode::Group { .. } => {
                table_rows.push(TableRow {
                    cells: vec![
                        TableCell::new(vec![bold_number(&row[0])]),
                        TableCell {
                            span: 5,
                            ..TableCell::new(vec![para(Role::TableGroup, &row[1])])
                        },
                    ],
                    cant_split: true,
                });
                previous_row = None;
            }
            TaskNode::Task(_) => {
                let number = if path.is_none() {
                    // Continues the task above: merge the number cell with it.
                    if let Some(prev) = previous_row
                        && let Some(cell) = table_rows[prev].cells.first_mut()
                        && cell.merge == VerticalMerge::None
                    {
                        cell.merge = VerticalMerge::Start;
                    }
                    TableCell {
                        merge: VerticalMerge::Continue,
                        ..TableCell::new(vec![para(Role::TableNumber, "")])
                    }
                } else {
                    TableCell::new(vec![para(Role::TableNumber, &row[0])])
                };
                let mut cells = vec![number];
                cells.push(TableCell::new(cell_paragraphs(Role::TableCell, &row[1])));
                for text in &row[2..4] {
                    cells.push(TableCell::new(cell_paragraphs(Role::TableCell, text)));
                }
                cells.push(TableCell {
                    v_center: true,
                    ..TableCell::new(vec![para(Role::TableNumber, &row[4])])
                });
                cells.push(TableCell::new(cell_paragraphs(Role::TableCell, &row[5])));
                table_rows.push(TableRow {
                    cells,
                    cant_split: true,
                });
                if path.is_some() {
                    previous_row = Some(table_rows.len() - 1);
                }
            }
        }
    });
    Table {
        kind: TableKind::Grid,
        columns_mm,
        header_rows: 1,
        rows: table_rows,
    }
}

/// The body's last paragraph stays on the page of the signature block that follows it (with
/// widow control, at least its last two lines), so the last page never holds Nơi nhận and
/// the signature alone.
fn keep_last_lines_with_signature(blocks: &mut [Block]) {
    if let Some(Block::Paragraph(p)) = blocks.last_mut() {
        p.keep_with_next = true;
    }
}

/// Lays a document out under a style sheet.
pub fn layout(doc: &Document, style: &StyleSheet, metrics: &mut Metrics<'_>) -> Layout {
    let mut b = Builder { style, metrics };
    let mut blocks = b.header(doc);
    b.title(doc, &mut blocks);
    b.preamble(doc, &mut blocks);
    if let Some(line) = doc.doc_type.enacting_line() {
        blocks.push(para(Role::QuyetDinh, line));
    }
    b.content(doc, &doc.numbering, &doc.body, &mut blocks);
    if let Some(contact) = &doc.contact {
        blocks.push(Block::Paragraph(Paragraph {
            role: Role::Body,
            runs: runs_of(contact),
            width_mm: None,
            keep_with_next: false,
            indent: None,
        }));
    }
    if !doc.closing.is_blank() {
        blocks.push(Block::Paragraph(Paragraph {
            role: Role::Body,
            runs: runs_of(&doc.closing),
            width_mm: None,
            keep_with_next: false,
            indent: None,
        }));
    }
    keep_last_lines_with_signature(&mut blocks);
    b.closing(doc, &mut blocks);
    let first_page_footer = doc
        .header
        .address_line
        .as_deref()
        .map(|a| Paragraph::new(Role::DiaChi, to_nfc(a)));
    let mut sections = vec![PageSection {
        landscape: false,
        restart_numbering: false,
        first_page_footer,
        blocks,
    }];
    if let Some(a) = &doc.attachment {
        sections.push(b.attachment(doc, a));
    }
    for i in 0..doc.appendices.len() {
        sections.push(b.appendix(doc, i));
    }
    Layout { sections }
}
