//! How long exporting the largest seed plan takes: layout alone, DOCX alone, and both.
//! `cargo bench -p vanban-render --bench export`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

fn long_an() -> vanban_core::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    let text = std::fs::read_to_string(&path).expect("fixture");
    vanban_core::exchange::from_str(&text).expect("valid fixture")
}

fn export(c: &mut Criterion) {
    let doc = long_an();
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
    c.bench_function("long_an/layout", |b| {
        b.iter(|| vanban_render::layout(std::hint::black_box(&doc), &sheet, &mut metrics))
    });
    c.bench_function("long_an/docx_write", |b| {
        b.iter(|| vanban_render::docx::write(std::hint::black_box(&layout), &sheet).expect("docx"))
    });
    // What a body's stored style profile adds to each export: its TOML read and checked.
    let mut profile = StyleSheet::nd30();
    profile.set("sizes.body", 13.0).expect("13 pt");
    profile.set("page.margin_left_mm", 35.0).expect("35 mm");
    let text = profile.to_toml();
    c.bench_function("style/profile_from_toml", |b| {
        b.iter(|| StyleSheet::from_toml(std::hint::black_box(&text)).expect("profile"))
    });
    c.bench_function("long_an/export_docx", |b| {
        b.iter(|| {
            let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
            let layout = vanban_render::layout(std::hint::black_box(&doc), &sheet, &mut metrics);
            vanban_render::docx::write(&layout, &sheet).expect("docx")
        })
    });
}

fn pdf(c: &mut Criterion) {
    let doc = long_an();
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
    let title = doc.subject.clone();
    c.bench_function("long_an/pdf_cold", |b| {
        // A new typesetter each time: nothing memoised from a previous run of this document
        // (Typst's process-wide cache is evicted first).
        b.iter(|| {
            Typesetter::evict_cache(0);
            let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
            t.pdf(&layout, &sheet, &title, PdfKind::Standard, None)
                .expect("pdf")
        })
    });
    let mut warm = Typesetter::new(liberation_serif()).expect("typesetter");
    c.bench_function("long_an/pdf_warm", |b| {
        b.iter(|| {
            warm.pdf(
                std::hint::black_box(&layout),
                &sheet,
                &title,
                PdfKind::Standard,
                None,
            )
            .expect("pdf")
        })
    });
    // The live preview: one word of the subject changes, then page 1 is drawn as SVG.
    let mut preview = Typesetter::new(liberation_serif()).expect("typesetter");
    let mut edited = doc.clone();
    let mut flip = false;
    c.bench_function("long_an/preview_page_after_edit", |b| {
        b.iter(|| {
            flip = !flip;
            edited.subject = if flip {
                doc.subject.replace("năm", "nam")
            } else {
                doc.subject.clone()
            };
            let layout = vanban_render::layout(&edited, &sheet, &mut metrics);
            let document = preview.typeset(&layout, &sheet, &title).expect("typeset");
            typst_svg::svg(&document.pages()[0], &typst_svg::SvgOptions::default())
        })
    });
    // The live preview's picture of page 1, as the window asks for it (a PNG 760 pixels wide,
    // drawn and encoded): the same layout each time, so its pages are memoised and a new store
    // holds them undrawn; `long_an/preview_keys_memoised` alone is the part to subtract.
    let marks = Default::default();
    c.bench_function("long_an/preview_keys_memoised", |b| {
        b.iter(|| {
            let store = vanban_render::pdf::PageStore::default();
            preview
                .preview_pages(&layout, &sheet, &title, &marks, &store)
                .expect("pages")
        })
    });
    c.bench_function("long_an/preview_keys_memoised_then_page_png_760", |b| {
        b.iter(|| {
            let store = vanban_render::pdf::PageStore::default();
            let pages = preview
                .preview_pages(&layout, &sheet, &title, &marks, &store)
                .expect("pages");
            store.png(pages[0].key, 760).expect("png")
        })
    });
}

/// The yardstick of issue 4: LibreOffice headless converting the same DOCX to PDF, a new
/// `soffice` process each time as a user's script would run it. Skipped (with a note) when
/// LibreOffice is not installed.
fn libreoffice(c: &mut Criterion) {
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: soffice not found; long_an/libreoffice_docx_to_pdf skipped");
        return;
    }
    let doc = long_an();
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
    let dir = std::env::temp_dir().join(format!("vanban-bench-lo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let docx = dir.join("long-an.docx");
    std::fs::write(
        &docx,
        vanban_render::docx::write(&layout, &sheet).expect("docx"),
    )
    .expect("write docx");
    let profile = format!("file://{}", dir.join("profile").display());
    let mut group = c.benchmark_group("long_an");
    group.sample_size(10);
    group.bench_function("libreoffice_docx_to_pdf", |b| {
        b.iter(|| {
            let status = std::process::Command::new("soffice")
                .arg(format!("-env:UserInstallation={profile}"))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&dir)
                .arg(&docx)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("soffice");
            assert!(status.success(), "soffice failed");
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, export, pdf, libreoffice);
criterion_main!(benches);
