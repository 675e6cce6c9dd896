//! How long signing takes on the Long An plan (19 pages): the signer's signature (RSA-2048),
//! the agency's with the number and date drawn over the pages (ECDSA P-256), and verifying
//! both. `cargo bench -p vanban-sign --bench sign`.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use criterion::{Criterion, criterion_group, criterion_main};
use vanban_sign::{
    Appearance, Certificate, Pkcs12Signer, SignOptions, TrustList, sign_pdf, verify_pdf,
};

fn options(at: &str, appearance: Appearance, overlay: Option<Vec<u8>>) -> SignOptions {
    SignOptions {
        signing_time: time(at),
        reason: None,
        location: None,
        appearance: Some(appearance),
        overlay,
    }
}

/// The number and date alone, laid out like the plan's pages (see vanban_render::fields).
fn fields_overlay() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    let mut doc = vanban_app::open_document(&path).expect("fixture");
    doc.header.number = Some(12);
    doc.header.date = Some(vanban_core::model::IssueDate {
        year: 2025,
        month: Some(3),
        day: Some(5),
    });
    vanban_app::fields_pdf(&doc, &vanban_render::style::StyleSheet::nd30()).expect("fields")
}

fn sign(c: &mut Criterion) {
    let person = Pkcs12Signer::from_pkcs12(&p12(&pki().person, PASSWORD), PASSWORD).expect("p12");
    let agency = Pkcs12Signer::from_pkcs12(&p12(&pki().agency, PASSWORD), PASSWORD).expect("p12");
    let pdf = long_an_pdf();
    let signature =
        Appearance::signature_between(1, (320.0, 520.0), (300.0, 240.0), signature_png())
            .expect("appearance");
    let seal = Appearance::seal_over(&signature, 36.0, seal_png()).expect("seal");
    let first = options("2025-03-05T09:15:00+07:00", signature.clone(), None);
    let overlay = fields_overlay();
    let second = options("2025-03-05T14:30:15+07:00", seal, Some(overlay));
    let once = sign_pdf(pdf, &person, &first).expect("signer");
    let twice = sign_pdf(&once, &agency, &second).expect("agency");
    let trust = TrustList::new(Certificate::from_pem_chain(ca_pem().as_bytes()).expect("CA"));

    c.bench_function("long_an/open_p12", |b| {
        b.iter(|| Pkcs12Signer::from_pkcs12(&p12(&pki().person, PASSWORD), PASSWORD).expect("p12"))
    });
    c.bench_function("long_an/sign_signer_rsa2048", |b| {
        b.iter(|| sign_pdf(std::hint::black_box(pdf), &person, &first).expect("sign"))
    });
    c.bench_function("long_an/sign_agency_with_fields_p256", |b| {
        b.iter(|| sign_pdf(std::hint::black_box(&once), &agency, &second).expect("sign"))
    });
    c.bench_function("long_an/verify_two_signatures", |b| {
        b.iter(|| verify_pdf(std::hint::black_box(&twice), &trust).expect("verify"))
    });
    eprintln!(
        "sizes: plan {} B, signed {} B (+{}), issued {} B (+{})",
        pdf.len(),
        once.len(),
        once.len() - pdf.len(),
        twice.len(),
        twice.len() - once.len()
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = sign
}
criterion_main!(benches);
