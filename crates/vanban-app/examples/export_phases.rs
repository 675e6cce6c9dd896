//! Where the time of one PDF export goes, phase by phase, as a `vanban export FILE -o X.pdf`
//! process spends it (cold: nothing typeset before in this process), then the same export
//! again through the same [`Exporter`] (warm), as the second document of a batch pays it.
//!
//! `cargo run --release -p vanban-app --example export_phases [FILE.json]`
//! (default: the Long An plan of tests/fixtures).

use std::path::{Path, PathBuf};
use std::time::Instant;

use vanban_app::export::{ExportFormat, ExportOptions, Exporter, title_of};
use vanban_render::fonts;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{Created, PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

const CREATED: Created = Created {
    year: 2025,
    month: 1,
    day: 2,
    hour: 3,
    minute: 4,
    second: 5,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json")
        });
    let mut t = Instant::now();
    let mut phase = |name: &str| {
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        println!("{name:<34} {ms:>8.2} ms");
        t = Instant::now();
    };
    let doc = vanban_app::open_document(&file)?;
    phase("read + parse the JSON");
    let report = vanban_core::validate::validate(&doc);
    phase("validate");
    assert!(report.is_ok(), "the document has errors");
    let sheet = StyleSheet::nd30();
    let mut norm = doc.clone();
    vanban_core::normalize::to_nfc_document(&mut norm);
    phase("style sheet + NFC");
    let mut metrics = Metrics::new(fonts::liberation_serif())?;
    let layout = vanban_render::layout(&norm, &sheet, &mut metrics);
    phase("metrics + layout tree");
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    phase("Typesetter::new (fonts, library)");
    let source = vanban_render::pdf::markup(
        &layout,
        &sheet,
        &title_of(&norm),
        "Liberation Serif",
        vanban_render::pdf::Draw::Whole,
    );
    phase("Typst source of the tree");
    let document = typesetter.typeset(&layout, &sheet, &title_of(&norm))?;
    phase("Typst compile (cold)");
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|e| format!("{e:?}"))?;
    phase("PDF writer");
    let out = std::env::temp_dir().join(format!("export-phases-{}.pdf", std::process::id()));
    vanban_app::write_atomic(&out, &pdf)?;
    phase("write (atomic, fsync)");
    println!(
        "({} pages, {} bytes of Typst source, {} bytes of PDF)",
        document.pages().len(),
        source.len(),
        pdf.len()
    );
    let mut exporter = Exporter::new(fonts::liberation_serif())?;
    let options = ExportOptions {
        format: ExportFormat::Pdf(PdfKind::Standard),
        sheet: Some(&sheet),
        created: CREATED,
    };
    exporter.to_file(&doc, &out, &options)?;
    phase("Exporter: first document");
    for _ in 0..3 {
        exporter.to_file(&doc, &out, &options)?;
        phase("Exporter: the same again (warm)");
    }
    std::fs::remove_file(&out)?;
    Ok(())
}
