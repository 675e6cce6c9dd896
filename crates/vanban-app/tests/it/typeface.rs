//! A PDF typeset in another installed family really uses it: the typesetter takes the family
//! from the fonts it is given, so the system's Times New Roman (when the user allows it) is what
//! the PDF embeds. Liberation Sans (fonts-liberation2, installed by `./x test`) stands in for a
//! second installed family, since Times New Roman itself cannot be installed here.

use std::process::Command;

use vanban_app::export::{ExportFormat, ExportOptions, Exporter};
use vanban_app::typeface::{find_family, system_font_dirs};
use vanban_render::pdf::{Created, PdfKind};

#[test]
fn a_pdf_in_an_installed_family_embeds_that_family() {
    let sans = find_family(&system_font_dirs(), "Liberation Sans")
        .expect("Liberation Sans (fonts-liberation2) is installed by ./x test");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-lang-son-ngay-cds-2022.json");
    let doc = vanban_app::open_document(&path).expect("fixture");
    let created = Created {
        year: 2026,
        month: 1,
        day: 2,
        hour: 3,
        minute: 4,
        second: 5,
    };
    let bytes = Exporter::new(sans.files())
        .expect("exporter")
        .bytes(
            &doc,
            &ExportOptions::new(ExportFormat::Pdf(PdfKind::Standard), created),
        )
        .expect("pdf");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("sans.pdf");
    std::fs::write(&pdf, bytes).expect("write");
    let out = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts (poppler-utils)");
    let fonts = String::from_utf8_lossy(&out.stdout);
    let names: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(!names.is_empty(), "{fonts}");
    assert!(
        names.iter().all(|n| n.contains("LiberationSans")),
        "only the family given is embedded: {names:?}"
    );
}
