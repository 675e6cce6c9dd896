//! How long `vanban read` takes on the largest seed plan (19 pages): its published text, and
//! the DOCX and PDF VănBản exports of its fixture. `cargo bench -p vanban-read --bench read`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vanban_read::{Format, Options, read};
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

const NAME: &str = "ke-hoach-long-an-tuyen-truyen-cds-2025";

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn bench(c: &mut Criterion) {
    let text = std::fs::read(repo().join(format!("tests/seeds/{NAME}.txt"))).expect("seed");
    let json = std::fs::read_to_string(repo().join(format!("tests/fixtures/{NAME}.json")))
        .expect("fixture");
    let doc = vanban_core::exchange::from_str(&json).expect("valid fixture");
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
    let docx = vanban_render::docx::write(&layout, &sheet).expect("docx");
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    let pdf = t
        .pdf(&layout, &sheet, &doc.subject, PdfKind::Standard, None)
        .expect("pdf");
    let options = Options::default();
    c.bench_function("long_an/read_text", |b| {
        b.iter(|| read(std::hint::black_box(&text), Format::Text, &options).expect("read"))
    });
    c.bench_function("long_an/read_docx", |b| {
        b.iter(|| read(std::hint::black_box(&docx), Format::Docx, &options).expect("read"))
    });
    c.bench_function("long_an/read_pdf", |b| {
        b.iter(|| read(std::hint::black_box(&pdf), Format::Pdf, &options).expect("read"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
