//! The copy block of a paper copy (Nghị định 30, Phụ lục I phần II.II; Mẫu 3.1), added to a
//! document's layout tree right after the end of its last page's content: a solid line across
//! the text width, the kind of copy, the copying body and the copy's number and symbol beside
//! the place and date, then Nơi nhận beside the signer's authority, title, signature space
//! and name. Both outputs (PDF and DOCX) draw it from the tree like the rest.

use vanban_core::text::to_nfc;

use crate::build::para;
use crate::layout::{Block, Layout, Rule, Table, TableCell, TableKind, TableRow};
use crate::layout::{Paragraph, Role};
use crate::style::StyleSheet;

/// What a copy block shows, as printed (the caller formats numbers and dates with core's
/// rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyBlock {
    /// "SAO Y", "SAO LỤC" or "TRÍCH SAO".
    pub kind: String,
    /// The body above the copying body, if any.
    pub parent_body: Option<String>,
    /// The copying body.
    pub body: String,
    /// "Số: 01/SY-UBND".
    pub number_line: String,
    /// "Long An, ngày 05 tháng 3 năm 2025".
    pub date_line: String,
    /// Authority lines and the title ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    pub authority: Vec<String>,
    /// The signer's name.
    pub name: String,
    /// The recipient lines ("- Như trên;", "- Lưu: VT.").
    pub recipients: Vec<String>,
}

/// Appends `block` after the last content of `layout` (its last page section).
pub fn append(layout: &mut Layout, block: &CopyBlock, sheet: &StyleSheet) {
    let Some(section) = layout.sections.last_mut() else {
        return;
    };
    let width = sheet.text_width_mm(section.landscape);
    let blocks = &mut section.blocks;
    blocks.push(Block::Rule(Rule {
        length_mm: width,
        role: Role::Body,
    }));
    blocks.push(Block::Paragraph(Paragraph {
        keep_with_next: true,
        ..Paragraph::new(Role::HinhThucSao, to_nfc(&block.kind).to_uppercase())
    }));
    let mut left = Vec::new();
    if let Some(parent) = &block.parent_body {
        left.push(para(Role::CoQuanChuQuan, &parent.to_uppercase()));
    }
    left.push(para(Role::CoQuanBanHanh, &block.body.to_uppercase()));
    left.push(para(Role::SoKyHieu, &block.number_line));
    let right = vec![para(Role::DiaDanhNgay, &block.date_line)];
    let columns = vec![sheet.header.left_column_mm, sheet.header.right_column_mm];
    blocks.push(Block::Table(Table {
        kind: TableKind::Header,
        columns_mm: columns,
        header_rows: 0,
        rows: vec![TableRow {
            cells: vec![TableCell::new(left), TableCell::new(right)],
            cant_split: true,
        }],
    }));
    let mut left = vec![para(Role::NoiNhanLabel, "Nơi nhận:")];
    left.extend(block.recipients.iter().map(|r| para(Role::NoiNhan, r)));
    let mut right: Vec<Block> = (block.authority.iter())
        .map(|line| para(Role::ChuKyThamQuyen, &line.to_uppercase()))
        .collect();
    right.push(para(Role::ChuKyHoTen, block.name.trim()));
    blocks.push(Block::Table(Table {
        kind: TableKind::Closing,
        columns_mm: vec![sheet.closing.left_column_mm, sheet.closing.right_column_mm],
        header_rows: 0,
        rows: vec![TableRow {
            cells: vec![TableCell::new(left), TableCell::new(right)],
            cant_split: true,
        }],
    }));
}

/// The columns of the copy register (sổ sao văn bản), in order.
pub const REGISTER_COLUMNS: [&str; 8] = [
    "Số, ký hiệu bản sao",
    "Ngày sao",
    "Hình thức sao",
    "Số, ký hiệu văn bản được sao",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký bản sao",
    "Nơi nhận bản sao",
    "Ghi chú",
];

const REGISTER_WEIGHTS: [f32; 8] = [13.0, 9.0, 9.0, 13.0, 26.0, 13.0, 11.0, 8.0];

/// A body's copy register of one year, printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRegisterForm {
    /// The parent body, if any.
    pub parent_body: Option<String>,
    /// The copying body.
    pub body: String,
    /// The year.
    pub year: i32,
    /// One row per copy, each cell as printed in the order of [`REGISTER_COLUMNS`].
    pub rows: Vec<[String; 8]>,
}

/// The copy register as a printed form: like the outgoing register's (landscape pages, the
/// header row repeated, rows that do not split), drawn by the same form table.
pub fn register_layout(form: &CopyRegisterForm, sheet: &StyleSheet) -> Layout {
    let mut blocks = Vec::new();
    if let Some(parent) = &form.parent_body {
        blocks.push(para(Role::CoQuanChuQuan, &parent.to_uppercase()));
    }
    blocks.push(para(Role::CoQuanBanHanh, &form.body.to_uppercase()));
    blocks.push(para(Role::TenLoai, "SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN"));
    blocks.push(para(Role::TrichYeu, &format!("Năm {}", form.year)));
    blocks.push(crate::register::form_table(
        sheet,
        &REGISTER_WEIGHTS,
        &REGISTER_COLUMNS,
        form.rows.iter().map(|row| {
            row.iter().enumerate().map(|(k, text)| {
                let role = if matches!(k, 0 | 1 | 3) {
                    Role::TableNumber
                } else {
                    Role::TableCell
                };
                (role, text.clone())
            })
        }),
    ));
    Layout {
        sections: vec![crate::layout::PageSection {
            landscape: true,
            restart_numbering: false,
            first_page_footer: None,
            blocks,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::PageSection;

    #[test]
    fn the_block_follows_the_last_content_under_a_full_width_line() {
        let sheet = StyleSheet::nd30();
        let mut layout = Layout {
            sections: vec![PageSection {
                landscape: false,
                restart_numbering: false,
                first_page_footer: None,
                blocks: vec![para(Role::Body, "Nội dung")],
            }],
        };
        let block = CopyBlock {
            kind: "Sao y".into(),
            parent_body: None,
            body: "Ủy ban nhân dân tỉnh Long An".into(),
            number_line: "Số: 01/SY-UBND".into(),
            date_line: "Long An, ngày 05 tháng 3 năm 2025".into(),
            authority: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: "Phạm Tấn Hòa".into(),
            recipients: vec!["- Như trên;".into()],
        };
        append(&mut layout, &block, &sheet);
        let blocks = &layout.sections[0].blocks;
        assert!(
            matches!(blocks[1], Block::Rule(r) if (r.length_mm - sheet.text_width_mm(false)).abs() < 0.01)
        );
        assert!(
            matches!(&blocks[2], Block::Paragraph(p) if p.role == Role::HinhThucSao && p.text() == "SAO Y")
        );
        assert_eq!(blocks.len(), 5);
    }
}
