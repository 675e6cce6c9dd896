//! The outgoing register as the decree's printed form (Sổ đăng ký văn bản đi, Phụ lục IV):
//! the body's name, the title and year, then one bordered row per issued document under the
//! ten columns of the form, on landscape pages whose header row repeats. It is a [`Layout`]
//! like any document, so the DOCX and PDF writers print it unchanged.

use crate::build::{cell_paragraphs, header_row, para};
use crate::layout::{Block, Layout, PageSection, Role, Table, TableCell, TableKind, TableRow};
use crate::style::StyleSheet;
use vanban_core::text::to_nfc;

/// The ten columns of the form, in its order.
pub const COLUMNS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// Relative widths of the columns: the subject and the recipients get the room.
const WEIGHTS: [f32; 10] = [15.0, 10.0, 24.0, 11.0, 18.0, 11.0, 6.0, 9.0, 8.0, 8.0];

/// One register, one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterForm {
    /// The parent body (cơ quan chủ quản), if any.
    pub parent_body: Option<String>,
    /// The issuing body that keeps the register.
    pub body: String,
    /// The register's name ("Sổ văn bản đi").
    pub register_name: String,
    /// The year.
    pub year: i32,
    /// The entries, in number order.
    pub rows: Vec<RegisterRow>,
}

/// One line of the register; every field as it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRow {
    /// "01/KH-STTTT".
    pub number_symbol: String,
    /// "02/3/2026".
    pub date: String,
    /// "Kế hoạch Truyền thông …".
    pub type_and_subject: String,
    /// The signer's name.
    pub signer: String,
    /// Recipients, one per line.
    pub recipients: String,
    /// Who keeps the file copy.
    pub file_copy: String,
    /// Number of copies.
    pub copies: String,
    /// Date sent.
    pub sent_on: String,
    /// Notes.
    pub notes: String,
}

impl RegisterRow {
    /// The cells in the order of [`COLUMNS`]; "Ký nhận" is left for the pen.
    pub fn cells(&self) -> [&str; 10] {
        [
            &self.number_symbol,
            &self.date,
            &self.type_and_subject,
            &self.signer,
            &self.recipients,
            &self.file_copy,
            &self.copies,
            &self.sent_on,
            "",
            &self.notes,
        ]
    }
}

/// The printed registers: one landscape section each, numbered on its own from page 2.
pub fn layout(forms: &[RegisterForm], sheet: &StyleSheet) -> Layout {
    Layout {
        sections: forms
            .iter()
            .enumerate()
            .map(|(k, form)| section(form, sheet, k > 0))
            .collect(),
    }
}

fn section(form: &RegisterForm, sheet: &StyleSheet, restart_numbering: bool) -> PageSection {
    let mut blocks = Vec::new();
    if let Some(parent) = &form.parent_body {
        blocks.push(para(Role::CoQuanChuQuan, &parent.to_uppercase()));
    }
    blocks.push(para(Role::CoQuanBanHanh, &form.body.to_uppercase()));
    blocks.push(para(Role::TenLoai, "SỔ ĐĂNG KÝ VĂN BẢN ĐI"));
    blocks.push(para(
        Role::TrichYeu,
        &format!("{} – Năm {}", form.register_name, form.year),
    ));

    blocks.push(form_table(
        sheet,
        &WEIGHTS,
        &COLUMNS,
        form.rows.iter().map(|row| {
            row.cells()
                .map(|text| text.to_owned())
                .into_iter()
                .enumerate()
                .map(|(k, text)| {
                    let role = if matches!(k, 0 | 1 | 6 | 7) {
                        Role::TableNumber
                    } else {
                        Role::TableCell
                    };
                    (role, text)
                })
        }),
    ));
    PageSection {
        landscape: true,
        restart_numbering,
        first_page_footer: None,
        blocks,
    }
}

/// A printed form's table across a landscape page's text width: columns in proportion to
/// `weights`, a header row of `columns` repeated on each page, then one row per entry, each
/// cell its role and text; no row splits across pages.
pub(crate) fn form_table<Row, Cells>(
    sheet: &StyleSheet,
    weights: &[f32],
    columns: &[&str],
    entries: Row,
) -> Block
where
    Row: Iterator<Item = Cells>,
    Cells: Iterator<Item = (Role, String)>,
{
    let width = sheet.text_width_mm(true);
    let total: f32 = weights.iter().sum();
    let columns_mm = weights.iter().map(|w| width * w / total).collect();
    let header: Vec<String> = columns.iter().map(|c| (*c).to_owned()).collect();
    let mut rows = vec![header_row(&header)];
    rows.extend(entries.map(|cells| {
        TableRow {
            cells: cells
                .map(|(role, text)| TableCell::new(cell_paragraphs(role, &to_nfc(&text))))
                .collect(),
            cant_split: true,
        }
    }));
    Block::Table(Table {
        kind: TableKind::Grid,
        columns_mm,
        header_rows: 1,
        rows,
    })
}
