//! Checks that need the fonts: whether the header's names and a công văn's "V/v" subject fit
//! their column in the lines the decree expects, measured with the same metrics as the layout.
//! They complement `vanban_core::validate` (which has no fonts) and give its diagnostics.

use vanban_core::Document;
use vanban_core::text::upper;
use vanban_core::validate::{Code, Diagnostic, Severity};

use crate::layout::Role;
use crate::metrics::Metrics;
use crate::style::StyleSheet;

/// Cell padding Word and Typst leave on each side of a table cell (0.19 cm).
const CELL_PADDING_MM: f32 = 1.9;

/// The most lines a body's name should take in the header's left column.
pub const MAX_NAME_LINES: usize = 3;

/// The most lines a công văn's "V/v" subject should take under the number: published letters
/// print up to four.
pub const MAX_SUBJECT_LINES: usize = 4;

/// The lines a paragraph takes in a column: each manual line (`\n`) broken at spaces where it
/// reaches the width, as Word and Typst break them.
pub fn wrap(
    metrics: &mut Metrics<'_>,
    text: &str,
    size_pt: f32,
    bold: bool,
    width_mm: f32,
) -> Vec<String> {
    let mut out = Vec::new();
    for manual in text.split('\n') {
        let mut line = String::new();
        for word in manual.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && metrics.width_mm(&candidate, size_pt, bold, false) > width_mm {
                out.push(std::mem::take(&mut line));
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        out.push(line);
    }
    out
}

/// Warnings for the header's names and the "V/v" subject that do not fit the left column:
/// a manual line that wraps (leaving a stray word on a line of its own), or more than
/// [`MAX_NAME_LINES`] or [`MAX_SUBJECT_LINES`] lines.
pub fn check(doc: &Document, sheet: &StyleSheet, metrics: &mut Metrics<'_>) -> Vec<Diagnostic> {
    let width = sheet.header.left_column_mm - 2.0 * CELL_PADDING_MM;
    let mut out = Vec::new();
    let mut one = |path: &str, what: &str, text: &str, role: Role, metrics: &mut Metrics<'_>| {
        let max_lines = if role == Role::Vv {
            MAX_SUBJECT_LINES
        } else {
            MAX_NAME_LINES
        };
        if text.trim().is_empty() {
            return;
        }
        let p = role.props(sheet);
        let printed = if p.caps { upper(text) } else { text.to_owned() };
        let lines = wrap(metrics, &printed, p.size_pt, p.bold, width);
        let manual = printed.split('\n').count();
        let wrapped: Vec<&str> = printed
            .split('\n')
            .filter(|l| metrics.width_mm(l.trim(), p.size_pt, p.bold, false) > width)
            .collect();
        if manual > 1 && !wrapped.is_empty() {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: Code::DoesNotFit,
                path: path.to_owned(),
                message: format!(
                    "{what} có dòng “{}” dài hơn cột bên trái ({width:.0} mm): dòng bị ngắt thêm, in thành {} dòng.",
                    wrapped[0].trim(),
                    lines.len()
                ),
                hint: Some(
                    "Bỏ các chỗ xuống dòng tự đặt để chữ tự ngắt, hoặc đặt chỗ xuống dòng sao cho mỗi dòng vừa cột."
                        .to_owned(),
                ),
            });
        } else if lines.len() > max_lines {
            out.push(Diagnostic {
                severity: Severity::Warning,
                code: Code::DoesNotFit,
                path: path.to_owned(),
                message: format!(
                    "{what} in thành {} dòng trong cột bên trái ({width:.0} mm); thường không quá {max_lines} dòng.",
                    lines.len()
                ),
                hint: Some("Rút gọn cho vừa cột.".to_owned()),
            });
        }
    };
    if let Some(parent) = &doc.header.parent_body {
        one(
            "header.parent_body.name",
            "Tên cơ quan chủ quản",
            &parent.name,
            Role::CoQuanChuQuan,
            metrics,
        );
    }
    one(
        "header.issuing_body.name",
        "Tên cơ quan ban hành",
        &doc.header.issuing_body.name,
        Role::CoQuanBanHanh,
        metrics,
    );
    if doc.doc_type.subject_is_vv() {
        one(
            "subject",
            "Trích yếu “V/v …”",
            &format!("V/v {}", doc.subject),
            Role::Vv,
            metrics,
        );
    }
    out
}
