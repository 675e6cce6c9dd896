//! Layout tree → DOCX (docx-rs). Every role becomes a named paragraph style, so the user sees
//! "Nội dung", "Nơi nhận", "Quốc hiệu"… in Word's style list and can go on editing the file as
//! a normal document.
//!
//! docx-rs cannot mark a table row as a header row (`w:tblHeader`); the generated document.xml
//! is passed once through quick-xml to add it ([`mark_header_rows`]).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footer, Header, LineSpacing, LineSpacingType,
    PageMargin, PageNum, PageNumType, PageOrientationType, Paragraph as DParagraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run as DRun, RunFonts, Section,
    SpecialIndentType, Style, StyleType, Table as DTable, TableCell as DCell, TableCellBorder,
    TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType, TableRow as DRow,
    VAlignType, VMergeType, WidthType,
};

use crate::layout::{
    Align, Block, Layout, PageSection, Paragraph, Role, Rule, Table, TableKind, VerticalMerge,
};
use crate::style::StyleSheet;

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// docx-rs could not pack the parts.
    #[error("Không đóng gói được tệp DOCX: {0}")]
    Pack(String),
    /// The generated XML could not be read back for the header-row pass.
    #[error("Không xử lý được document.xml: {0}")]
    Xml(String),
}

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f32 = 56.692_913;
const A4_W: u32 = 11_906;
const A4_H: u32 = 16_838;
/// Cell padding on each side, as Word sets it by default (0.19 cm).
const CELL_PADDING_MM: f32 = 1.9;
/// Style of the empty paragraphs that draw a rule.
const RULE_STYLE: &str = "VBDuongKe";

fn twips(mm: f32) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

fn twips_u(mm: f32) -> usize {
    twips(mm).max(0) as usize
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn fonts(family: &str) -> RunFonts {
    RunFonts::new()
        .ascii(family)
        .hi_ansi(family)
        .east_asia(family)
        .cs(family)
}

fn role_style(role: Role, sheet: &StyleSheet) -> Style {
    let p = role.props(sheet);
    let mut style = Style::new(role.style_id(), StyleType::Paragraph)
        .name(role.name())
        .fonts(fonts(&sheet.font.family))
        .size(half_points(p.size_pt))
        .color(if p.red { "FF0000" } else { "000000" })
        .align(match p.align {
            Align::Left => AlignmentType::Left,
            Align::Center => AlignmentType::Center,
            Align::Right => AlignmentType::Right,
            Align::Justify => AlignmentType::Both,
        })
        .line_spacing(
            LineSpacing::new()
                .before((p.space_before_pt * 20.0).round() as u32)
                .after((p.space_after_pt * 20.0).round() as u32)
                .line((p.line_spacing * 240.0).round() as i32)
                .line_rule(LineSpacingType::Auto),
        );
    if p.first_line_indent_mm > 0.0 {
        style = style.indent(
            None,
            Some(SpecialIndentType::FirstLine(twips(p.first_line_indent_mm))),
            None,
            None,
        );
    }
    if p.bold {
        style = style.bold();
    }

    if p.italic {
        style = style.italic();
    }
    style.paragraph_property = style
        .paragraph_property
        .keep_next(p.keep_with_next)
        .widow_control(true);
    if p.boxed {
        let side = |pos| {
            ParagraphBorder::new(pos)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000")
        };
        style.paragraph_property = style.paragraph_property.set_borders(
            ParagraphBorders::with_empty()
                .set(side(ParagraphBorderPosition::Top))
                .set(side(ParagraphBorderPosition::Left))
                .set(side(ParagraphBorderPosition::Bottom))
                .set(side(ParagraphBorderPosition::Right)),
        );
    }
    style
}

fn rule_style(sheet: &StyleSheet) -> Style {
    Style::new(RULE_STYLE, StyleType::Paragraph)
        .name("Đường kẻ")
        .fonts(fonts(&sheet.font.family))
        .size(2)
        .align(AlignmentType::Center)
        .line_spacing(
            LineSpacing::new()
                .before(60)
                .after(120)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        )
}

thread_local! {
    /// The next paragraph id of the document being written on this thread ([`write`] starts it
    /// at 1). docx-rs numbers paragraphs from a counter of its own that runs on across
    /// documents, so the same document written twice would differ in its ids.
    static NEXT_PARAGRAPH_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// A paragraph with the next id of the document being written.
fn new_paragraph() -> DParagraph {
    let id = NEXT_PARAGRAPH_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    DParagraph::new().id(format!("{id:08x}"))
}

fn paragraph(p: &Paragraph, container_mm: f32) -> DParagraph {
    let mut out = new_paragraph().style(p.role.style_id());
    if p.keep_with_next {
        out = out.keep_next(true);
    }
    if let Some(width) = p.width_mm {
        // A box of the stamp's width, centred in its column.
        let side = twips(((container_mm - width) / 2.0).max(0.0));
        out = out.indent(Some(side), None, Some(side), None);
    }
    if let Some(indent) = p.indent {
        let hanging =
            (indent.hanging_mm > 0.0).then(|| SpecialIndentType::Hanging(twips(indent.hanging_mm)));
        out = out.indent(Some(twips(indent.left_mm)), hanging, None, None);
    }
    for run in &p.runs {
        let mut r = DRun::new();
        if !run.text.is_empty() {
            r = r.add_text(&run.text);
        }
        if run.bold {
            r = r.bold();
        }
        if run.italic {
            r = r.italic();
        }
        if run.line_break_after {
            r = r.add_break(BreakType::TextWrapping);
        }
        out = out.add_run(r);
    }
    out
}

/// A rule: an empty paragraph whose top border, between indents, is `length` long.
fn rule(rule: &Rule, container_mm: f32) -> DParagraph {
    let side = ((container_mm - rule.length_mm) / 2.0).max(0.0);
    new_paragraph()
        .style(RULE_STYLE)
        .indent(Some(twips(side)), None, Some(twips(side)), None)
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(BorderType::Single)
                    .size(6)
                    .space(1)
                    .color("000000"),
            ),
        )
}

fn table(t: &Table) -> DTable {
    let rows: Vec<DRow> = t
        .rows
        .iter()
        .map(|row| {
            let mut column = 0;
            let cells: Vec<DCell> = row
                .cells
                .iter()
                .map(|cell| {
                    let width: f32 = t.columns_mm
                        [column..(column + cell.span).min(t.columns_mm.len())]
                        .iter()
                        .sum();
                    column += cell.span;
                    let inner = width - 2.0 * CELL_PADDING_MM;
                    let mut c = DCell::new().width(twips_u(width), WidthType::Dxa);
                    let mut last_was_table = true;
                    for block in &cell.blocks {
                        match block {
                            Block::Paragraph(p) => {
                                c = c.add_paragraph(paragraph(p, inner));
                                last_was_table = false;
                            }
                            Block::Rule(r) => {
                                c = c.add_paragraph(rule(r, inner));
                                last_was_table = false;
                            }
                            Block::Table(nested) => {
                                c = c.add_table(table(nested));
                                last_was_table = true;
                            }
                        }
                    }
                    if last_was_table {
                        // A cell must end with a paragraph.
                        c = c.add_paragraph(new_paragraph().style(RULE_STYLE));
                    }
                    if cell.span > 1 {
                        c = c.grid_span(cell.span);
                    }
                    match cell.merge {
                        VerticalMerge::None => {}
                        VerticalMerge::Start => c = c.vertical_merge(VMergeType::Restart),
                        VerticalMerge::Continue => c = c.vertical_merge(VMergeType::Continue),
                    }
                    if cell.v_center {
                        c = c.vertical_align(VAlignType::Center);
                    }
                    if t.kind == TableKind::RecipientGroup && column == t.columns_mm.len() {
                        // The bracket: a line on the left of the label.
                        c = c.set_borders(
                            TableCellBorders::with_empty().set(
                                TableCellBorder::new(TableCellBorderPosition::Left)
                                    .border_type(BorderType::Single)
                                    .size(6)
                                    .color("000000"),
                            ),
                        );
                    }
                    c
                })
                .collect();
            let r = DRow::new(cells);
            if row.cant_split { r.cant_split() } else { r }
        })
        .collect();
    let grid: Vec<usize> = t.columns_mm.iter().map(|w| twips_u(*w)).collect();
    let total: usize = grid.iter().sum();
    let base = if t.kind.has_borders() {
        DTable::new(rows)
    } else {
        DTable::without_borders(rows)
    };
    let table = base
        .set_grid(grid)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    if t.kind == TableKind::RecipientGroup {
        // Nested in the Nơi nhận column: its lines start where the other lines start.
        table.margins(TableCellMargins::new().margin(0, 0, 0, 0))
    } else {
        table
    }
}

fn page_number_header() -> Header {
    Header::new().add_paragraph(
        new_paragraph()
            .style(Role::SoTrang.style_id())
            .add_page_num(PageNum::new()),
    )
}

fn margins(sheet: &StyleSheet) -> PageMargin {
    let p = &sheet.page;
    PageMargin::new()
        .top(twips(p.margin_top_mm))
        .bottom(twips(p.margin_bottom_mm))
        .left(twips(p.margin_left_mm))
        .right(twips(p.margin_right_mm))
        .header(twips(p.header_distance_mm))
        .footer(twips(p.header_distance_mm))
        .gutter(0)
}

fn section_content(section: &PageSection, sheet: &StyleSheet) -> Vec<Child> {
    let width = sheet.text_width_mm(section.landscape);
    section
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => Child::Paragraph(Box::new(paragraph(p, width))),
            Block::Rule(r) => Child::Paragraph(Box::new(rule(r, width))),
            Block::Table(t) => Child::Table(Box::new(table(t))),
        })
        .collect()
}

enum Child {
    Paragraph(Box<DParagraph>),
    Table(Box<DTable>),
}

fn first_footer(section: &PageSection) -> Footer {
    match &section.first_page_footer {
        Some(p) => Footer::new().add_paragraph(
            paragraph(p, 0.0).set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Top)
                        .val(BorderType::Single)
                        .size(6)
                        .space(1)
                        .color("000000"),
                ),
            ),
        ),
        None => Footer::new(),
    }
}

/// Writes the layout as a DOCX file.
pub fn write(layout: &Layout, sheet: &StyleSheet) -> Result<Vec<u8>, DocxError> {
    NEXT_PARAGRAPH_ID.with(|next| next.set(1));
    let mut docx = Docx::new()
        .default_fonts(fonts(&sheet.font.family))
        .default_size(half_points(sheet.sizes.body))
        .add_style(rule_style(sheet));
    for role in Role::ALL {
        docx = docx.add_style(role_style(role, sheet));
    }
    let (last, earlier) = layout
        .sections
        .split_last()
        .ok_or_else(|| DocxError::Pack("empty layout".into()))?;
    for s in earlier {
        let (w, h, orient) = page(s.landscape);
        let mut section = Section::new()
            .page_size(docx_rs::PageSize::new().width(w).height(h).orient(orient))
            .page_margin(margins(sheet))
            .title_pg();
        // docx-rs 0.4.22 keeps only one of a section's own headers and footers (its
        // add_section rebuilds the section and drops the others), so an earlier section gets
        // at most its first-page footer here, and the page-number headers of the last section
        // are referenced from it afterwards ([`share_headers`]).
        if s.first_page_footer.is_some() {
            section = section.first_footer(first_footer(s));
        }
        if s.restart_numbering {
            section = section.page_num_type(PageNumType::new().start(1));
        }
        for child in section_content(s, sheet) {
            section = match child {
                Child::Paragraph(p) => section.add_paragraph(*p),
                Child::Table(t) => section.add_table(*t),
            };
        }
        docx = docx.add_section(section);
    }
    let (w, h, orient) = page(last.landscape);
    docx = docx
        .page_size(w, h)
        .page_orient(orient)
        .page_margin(margins(sheet))
        .header(page_number_header())
        .first_header(Header::new())
        .first_footer(first_footer(last))
        .title_pg();
    if last.restart_numbering {
        docx = docx.page_num_type(PageNumType::new().start(1));
    }
    for child in section_content(last, sheet) {
        docx = match child {
            Child::Paragraph(p) => docx.add_paragraph(*p),
            Child::Table(t) => docx.add_table(*t),
        };
    }

    let header_rows = header_rows_in_order(layout);
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document, &header_rows)?;
    xml.document = share_headers(&xml.document)?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

fn page(landscape: bool) -> (u32, u32, PageOrientationType) {
    if landscape {
        (A4_H, A4_W, PageOrientationType::Landscape)
    } else {
        (A4_W, A4_H, PageOrientationType::Portrait)
    }
}

/// The number of repeating header rows of every table, in the order the tables open in the
/// document (a nested table comes right after the table that holds it).
fn header_rows_in_order(layout: &Layout) -> Vec<usize> {
    fn visit(blocks: &[Block], out: &mut Vec<usize>) {
        for b in blocks {
            if let Block::Table(t) = b {
                out.push(t.header_rows);
                for row in &t.rows {
                    for cell in &row.cells {
                        visit(&cell.blocks, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for s in &layout.sections {
        visit(&s.blocks, &mut out);
    }
    out
}

/// Gives every earlier section the header references of the last one (the page-number header
/// and the empty first-page header), which docx-rs cannot attach to them itself.
pub fn share_headers(document: &[u8]) -> Result<Vec<u8>, DocxError> {
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::{Reader, Writer};

    let err = |e: &dyn std::fmt::Display| DocxError::Xml(e.to_string());
    // The last section's header references.
    let mut reader = Reader::from_reader(document);
    let mut buf = Vec::new();
    let mut sections = 0usize;
    let mut refs: Vec<BytesStart<'static>> = Vec::new();
    let mut in_section = false;
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| err(&e))? {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:sectPr" => {
                sections += 1;
                in_section = true;
                refs.clear();
            }
            Event::End(e) if e.name().as_ref() == b"w:sectPr" => in_section = false,
            Event::Empty(e) if in_section && e.name().as_ref() == b"w:headerReference" => {
                refs.push(e.into_owned())
            }
            _ => {}
        }
        buf.clear();
    }
    if sections <= 1 || refs.is_empty() {
        return Ok(document.to_vec());
    }
    let mut reader = Reader::from_reader(document);
    let mut writer = Writer::new(Vec::with_capacity(document.len() + 512));
    let mut seen = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| err(&e))?;
        let is_earlier_section = matches!(&event, Event::Start(e) if e.name().as_ref() == b"w:sectPr")
            && {
                seen += 1;
                seen < sections
            };
        match event {
            Event::Eof => break,
            other => writer.write_event(other).map_err(|e| err(&e))?,
        }
        if is_earlier_section {
            for r in &refs {
                writer
                    .write_event(Event::Empty(r.clone()))
                    .map_err(|e| err(&e))?;
            }
        }
        buf.clear();
    }
    Ok(writer.into_inner())
}

/// Adds `<w:tblHeader/>` to the first rows of each table, as counted by `header_rows`
/// (one entry per `w:tbl`, in document order).
pub fn mark_header_rows(document: &[u8], header_rows: &[usize]) -> Result<Vec<u8>, DocxError> {
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::{Reader, Writer};

    if header_rows.iter().all(|n| *n == 0) {
        return Ok(document.to_vec());
    }
    let mut reader = Reader::from_reader(document);
    let mut writer = Writer::new(Vec::with_capacity(document.len() + 256));
    // For each open table: (rows left to mark, rows seen).
    let mut tables: Vec<usize> = Vec::new();
    let mut next_table = 0usize;
    let mut in_header_row = false;
    let mut buf = Vec::new();
    let err = |e: &dyn std::fmt::Display| DocxError::Xml(e.to_string());
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| err(&e))?;
        match &event {
            Event::Start(e) if e.name().as_ref() == b"w:tbl" => {
                tables.push(header_rows.get(next_table).copied().unwrap_or(0));
                next_table += 1;
            }
            Event::End(e) if e.name().as_ref() == b"w:tbl" => {
                tables.pop();
            }
            Event::Start(e) if e.name().as_ref() == b"w:tr" => {
                if let Some(left) = tables.last_mut() {
                    in_header_row = *left > 0;
                    *left = left.saturating_sub(1);
                }
            }
            _ => {}
        }
        match event {
            Event::Eof => break,
            Event::Empty(e) if in_header_row && e.name().as_ref() == b"w:trPr" => {
                writer
                    .write_event(Event::Start(e.to_owned()))
                    .map_err(|e| err(&e))?;
                writer
                    .write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                    .map_err(|e| err(&e))?;
                writer
                    .write_event(Event::End(e.to_end().into_owned()))
                    .map_err(|e| err(&e))?;
                in_header_row = false;
            }
            Event::Start(e) if in_header_row && e.name().as_ref() == b"w:trPr" => {
                writer
                    .write_event(Event::Start(e.to_owned()))
                    .map_err(|e| err(&e))?;
                writer
                    .write_event(Event::Empty(BytesStart::new("w:tblHeader")))
                    .map_err(|e| err(&e))?;
                in_header_row = false;
            }
            other => writer.write_event(other).map_err(|e| err(&e))?,
        }
        buf.clear();
    }
    Ok(writer.into_inner())
}
