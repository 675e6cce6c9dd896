//! A table of text in the body (not the task table) reads back from our DOCX export as the
//! same table: its cells with their runs, a cell spanning columns, the column widths and the
//! heading row.

use std::path::{Path, PathBuf};

use vanban_core::RichText;
use vanban_core::Span;
use vanban_core::model::{Block, TableCell, TextTable};
use vanban_read::{Format, Options, read};
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::style::StyleSheet;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cell(text: &str) -> TableCell {
    TableCell {
        paragraphs: vec![RichText::plain(text)],
        span: None,
    }
}

#[test]
fn a_text_table_reads_back_from_our_docx() {
    let path = repo().join("tests/fixtures/cong-van-huong-dan-ghi-chu-2025.json");
    let json = std::fs::read_to_string(path).expect("fixture");
    let mut doc = vanban_core::exchange::from_str(&json).expect("valid fixture");
    let table = TextTable {
        header_rows: 1,
        widths: vec![1, 4, 2],
        rows: vec![
            vec![cell("STT"), cell("Phòng họp"), cell("Sức chứa")],
            vec![
                cell("1"),
                TableCell {
                    paragraphs: vec![RichText(vec![
                        Span::plain("Phòng "),
                        Span {
                            text: "số 1".into(),
                            bold: true,
                            italic: false,
                        },
                    ])],
                    span: None,
                },
                cell("30 người"),
            ],
            vec![
                cell("2"),
                TableCell {
                    paragraphs: vec![RichText::plain("Hội trường lớn, đăng ký trước 02 ngày")],
                    span: Some(2),
                },
            ],
        ],
    };
    doc.body.sections[0]
        .blocks
        .push(Block::Table(table.clone()));
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
    let docx = vanban_render::docx::write(&layout, &sheet).expect("docx");
    if let Ok(p) = std::env::var("VANBAN_TABLE_DOCX") {
        std::fs::write(p, &docx).expect("write");
    }
    let got = read(&docx, Format::Docx, &Options::default()).expect("read");
    let blocks = &got.document.body.sections[0].blocks;
    assert_eq!(blocks.last(), Some(&Block::Table(table)), "{blocks:#?}");
}
