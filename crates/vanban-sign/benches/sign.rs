//! How long signing takes on the Long An plan (19 pages): the signer's signature (RSA-2048),
//! the agency's with the number and date drawn over the pages (ECDSA P-256), verifying both,
//! the signer's signature made by a SoftHSM2 token and listing the tokens of its module
//! (`pkcs11/…`; skipped without SoftHSM2).
//! `cargo bench -p vanban-sign --bench sign`.
//!
//! SoftHSM2 reads `SOFTHSM2_CONF` once per process, so with SoftHSM2 installed the bench makes
//! a throwaway token and runs itself again in a child process whose environment names it.

#[path = "../tests/it/common.rs"]
mod common;

use common::token::{PIN, Token, TokenSetup, softhsm_module};
use common::*;
use criterion::{Criterion, criterion_group};
use vanban_sign::{
    Appearance, Certificate, Pkcs11Signer, Pkcs12Signer, SignOptions, TokenChoice, TrustList,
    list_tokens, sign_pdf, verify_pdf,
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
    vanban_app::export::fields_pdf(&doc, &vanban_render::style::StyleSheet::nd30()).expect("fields")
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

/// The person's key on the token, when this process has one (see [`main`]).
fn token() -> Option<Token> {
    let dir = std::env::var_os("VANBAN_BENCH_TOKEN_DIR")?;
    let module = std::env::var_os("VANBAN_BENCH_TOKEN_MODULE")?;
    Some(Token::new(dir.into(), module.into()))
}

fn sign_with_token(c: &mut Criterion) {
    let Some(token) = token() else {
        eprintln!("note: pkcs11/…: skipped, no SoftHSM2 token in this process");
        return;
    };
    let person =
        Pkcs11Signer::open(token.module(), &TokenChoice::default(), PIN).expect("the token");
    let pdf = long_an_pdf();
    let signature =
        Appearance::signature_between(1, (320.0, 520.0), (300.0, 240.0), signature_png())
            .expect("appearance");
    let first = options("2025-03-05T09:15:00+07:00", signature, None);
    c.bench_function("pkcs11/open_token_and_log_in", |b| {
        b.iter(|| {
            Pkcs11Signer::open(token.module(), &TokenChoice::default(), PIN).expect("the token")
        })
    });
    c.bench_function("pkcs11/list_tokens", |b| {
        b.iter(|| list_tokens(token.module()).expect("the tokens"))
    });
    c.bench_function("pkcs11/sign_signer_rsa2048_softhsm", |b| {
        b.iter(|| sign_pdf(std::hint::black_box(pdf), &person, &first).expect("sign"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = sign, sign_with_token
}

fn main() {
    // With SoftHSM2 installed and no token yet: make one with the person's key, and run this
    // bench again with its configuration.
    if token().is_none()
        && let Some(module) = softhsm_module("bench sign")
    {
        let setup = TokenSetup::new(module);
        setup.import_key_and_certificate(
            "01",
            "nguyen-van-an",
            &key_pkcs8(&pki().person),
            pki().person.cert.der(),
        );
        let status = std::process::Command::new(std::env::current_exe().expect("the bench"))
            .args(std::env::args_os().skip(1))
            .env("SOFTHSM2_CONF", setup.conf())
            .env("VANBAN_BENCH_TOKEN_DIR", setup.path())
            .env("VANBAN_BENCH_TOKEN_MODULE", setup.module())
            .status()
            .expect("run the bench with its token");
        drop(setup);
        std::process::exit(status.code().unwrap_or(1));
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
