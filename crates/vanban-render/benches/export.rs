//! How long exporting the largest seed plan takes: layout alone, DOCX alone, and both.
//! `cargo bench -p vanban-render --bench export`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
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
    c.bench_function("long_an/export_docx", |b| {
        b.iter(|| {
            let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
            let layout = vanban_render::layout(std::hint::black_box(&doc), &sheet, &mut metrics);
            vanban_render::docx::write(&layout, &sheet).expect("docx")
        })
    });
}

criterion_group!(benches, export);
criterion_main!(benches);
