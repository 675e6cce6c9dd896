//! A document signed before issue and filled in afterwards (crate::fields): laid out with the
//! number and date in fixed-width boxes, the blank and the filled document put every word in
//! the same place, and the fields-only PDF draws just the values, exactly where the filled
//! document has them. Read back with `pdftotext -bbox`.

use crate::common::*;

use std::process::Command;

use vanban_core::Document;
use vanban_core::model::IssueDate;
use vanban_render::fields::with_fields;
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

const LONG_AN: &str = "ke-hoach-long-an-tuyen-truyen-cds-2025";

/// A word on a page, as poppler places it (points from the top left).
#[derive(Debug, Clone, PartialEq)]
struct Word {
    page: usize,
    text: String,
    x: f64,
    y: f64,
}

fn words_of(pdf: &[u8], tag: &str) -> Vec<Word> {
    let dir = std::env::temp_dir().join(format!("vanban-fields-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("f.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "pdftotext failed");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f64 {
            let key = format!("{name}=\"");
            let at = rest.find(&key).expect("attribute") + key.len();
            rest[at..rest[at..].find('"').expect("quote") + at]
                .parse()
                .expect("number")
        };
        let text = rest[rest.find('>').expect("tag end") + 1..]
            .trim_end_matches("</word>")
            .to_owned();
        words.push(Word {
            page,
            text,
            x: attr("xMin"),
            y: attr("yMax"),
        });
    }
    words
}

fn issued(mut doc: Document) -> Document {
    doc.header.number = Some(7);
    doc.header.date = Some(IssueDate {
        year: 2025,
        month: Some(3),
        day: Some(5),
    });
    doc
}

fn blank(mut doc: Document) -> Document {
    doc.header.number = None;
    doc.header.date = None;
    doc
}

struct Pdfs {
    blank: Vec<u8>,
    filled: Vec<u8>,
    fields_only: Vec<u8>,
}

fn pdfs(doc: &Document) -> Pdfs {
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    let mut make = |doc: &Document| {
        let mut layout = vanban_render::layout(doc, &sheet, &mut metrics);
        with_fields(&mut layout, doc);
        layout
    };
    let blank_layout = make(&blank(doc.clone()));
    let filled_layout = make(&issued(doc.clone()));
    Pdfs {
        blank: t
            .pdf(&blank_layout, &sheet, "t", PdfKind::Standard, None)
            .expect("blank pdf"),
        filled: t
            .pdf(&filled_layout, &sheet, "t", PdfKind::Standard, None)
            .expect("filled pdf"),
        fields_only: t.fields_pdf(&filled_layout, &sheet, "t").expect("fields"),
    }
}

/// A value of the fields, as poppler splits the filled lines into words: "07/KH-UBND" (the
/// number joins its ký hiệu), "05", "3", "2025", "/2025" (a numeric date's year).
fn is_field_value(w: &str) -> bool {
    ["07", "05", "3", "2025", "/2025"].contains(&w) || w.starts_with("07/")
}

fn same_place(a: &Word, b: &Word) -> bool {
    a.page == b.page && a.text == b.text && (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01
}

#[test]
fn blank_and_filled_put_every_other_word_in_the_same_place() {
    let doc = fixture(LONG_AN);
    let p = pdfs(&doc);
    let blank = words_of(&p.blank, "blank");
    let filled = words_of(&p.filled, "filled");
    assert!(blank.len() > 2000, "the Long An plan has its words");
    // Every word of the blank document is where the filled one has it, but for the ký hiệu
    // after the blank number ("/KH-UBND", which the filled one joins to its number).
    let moved: Vec<&Word> = blank
        .iter()
        .filter(|a| !filled.iter().any(|b| same_place(a, b)))
        .collect();
    assert!(
        moved.iter().all(|w| w.text.starts_with('/')),
        "words that moved: {moved:?}"
    );
    assert!(
        moved.iter().any(|w| w.page == 1 && w.text == "/KH-UBND"),
        "{moved:?}"
    );
    // And every word of the filled document is in the blank one, but for the values.
    let added: Vec<&Word> = filled
        .iter()
        .filter(|a| !blank.iter().any(|b| same_place(a, b)))
        .collect();
    assert!(
        added.iter().all(|w| is_field_value(&w.text)),
        "words that are not in the blank document: {added:?}"
    );
}

#[test]
fn the_fields_only_pdf_draws_the_number_and_date_where_the_filled_one_has_them() {
    let doc = fixture(LONG_AN);
    let p = pdfs(&doc);
    let only = words_of(&p.fields_only, "only");
    let texts: Vec<&str> = only.iter().map(|w| w.text.as_str()).collect();
    // Page 1: the number and the day, month, year of the date line; then each appendix's
    // "(Kèm theo …)" line repeats them.
    assert_eq!(&texts[..4], ["07", "05", "3", "2025"], "{texts:?}");
    let appendices = doc.appendices.len();
    assert!(appendices > 0);
    assert_eq!(texts.len(), 4 * (1 + appendices), "{texts:?}");
    assert!(only.iter().all(|w| is_field_value(&w.text)), "{texts:?}");

    let filled = words_of(&p.filled, "filled2");
    for w in &only {
        // The same glyphs: a filled word holding the value, starting where the value starts
        // or just before it (the "/" of a numeric date).
        let found = filled.iter().any(|f| {
            f.page == w.page
                && (f.y - w.y).abs() < 0.01
                && (f.text.starts_with(&w.text) && (f.x - w.x).abs() < 0.01
                    || f.text == format!("/{}", w.text) && f.x < w.x && w.x - f.x < 5.0)
        });
        assert!(found, "{w:?} is not where the filled document has it");
    }
    // The values are in the blanks of the blank document: nothing else is drawn there.
    let blank = words_of(&p.blank, "blank2");
    for w in &only {
        assert!(
            !blank
                .iter()
                .any(|b| b.page == w.page && (b.x - w.x).abs() < 1.0 && (b.y - w.y).abs() < 1.0),
            "{w:?} falls on a word of the blank document"
        );
    }
    // The same number of pages, so page k of the fields goes on page k of the document.
    assert_eq!(page_count(&p.fields_only), page_count(&p.blank));
}

/// Page count with pdfinfo.
fn page_count(pdf: &[u8]) -> usize {
    let dir = std::env::temp_dir().join(format!("vanban-fields-info-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{}.pdf", pdf.len()));
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    std::fs::remove_file(&path).ok();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

#[test]
fn the_plan_a_decision_issues_gets_the_decisions_number_and_date_as_fields() {
    let doc = fixture(QUYET_DINH);
    assert!(doc.attachment.is_some());
    let p = pdfs(&doc);
    let only = words_of(&p.fields_only, "qd-only");
    let texts: Vec<&str> = only.iter().map(|w| w.text.as_str()).collect();
    // Page 1: the number and the date line; page 2, the plan's "(Kèm theo Quyết định số …)".
    assert_eq!(texts, ["07", "05", "3", "2025", "07", "05", "3", "2025"]);
    assert!(only[..4].iter().all(|w| w.page == 1));
    assert!(only[4..].iter().all(|w| w.page == 2));
    let filled = words_of(&p.filled, "qd-filled");
    let flat: Vec<&str> = filled
        .iter()
        .filter(|w| w.page == 2)
        .map(|w| w.text.as_str())
        .collect();
    assert!(
        flat.join(" ").contains(
            "(Kèm theo Quyết định số 07/QĐ-STTTT ngày 05 tháng 3 năm 2025 của Giám đốc Sở Thông tin và Truyền thông)"
        ),
        "{flat:?}"
    );
    // Blank and filled: every other word in the same place.
    let blank = words_of(&p.blank, "qd-blank");
    let moved: Vec<&Word> = blank
        .iter()
        .filter(|a| !filled.iter().any(|b| same_place(a, b)))
        .collect();
    assert!(moved.iter().all(|w| w.text.starts_with('/')), "{moved:?}");
}
