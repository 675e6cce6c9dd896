//! Signing the Long An plan as the signer, then as the agency, and checking both signatures
//! with our verifier and with poppler's pdfsig; tampering and unusable inputs. `pkcs11`: the
//! same through a SoftHSM2 token.

mod pkcs11;

use crate::common::*;
use vanban_sign::{
    Appearance, Certificate, CertificateFile, ChainStatus, Pkcs12Signer, Rect, SignError,
    SignOptions, TrustList, sign_pdf, verify_pdf,
};

fn trust() -> TrustList {
    TrustList::new(Certificate::from_pem_chain(ca_pem().as_bytes()).expect("CA PEM"))
}

fn signer_options() -> SignOptions {
    SignOptions {
        signing_time: time("2025-03-05T09:15:00+07:00"),
        reason: Some("Ký duyệt kế hoạch".into()),
        location: Some("Long An".into()),
        appearance: Some(Appearance {
            page: 1,
            rect: Rect {
                x: 360.0,
                y: 300.0,
                width: 120.0,
                height: 48.0,
            },
            png: signature_png(),
        }),
        overlay: None,
    }
}

fn agency_options() -> SignOptions {
    SignOptions {
        signing_time: time("2025-03-05T14:30:15+07:00"),
        reason: Some("Ban hành".into()),
        location: None,
        appearance: Some(Appearance {
            page: 1,
            rect: Rect {
                x: 330.0,
                y: 284.0,
                width: 80.0,
                height: 80.0,
            },
            png: seal_png(),
        }),
        overlay: None,
    }
}

/// The plan signed by the person, then by the agency.
fn signed_twice() -> (Vec<u8>, Vec<u8>) {
    let person = Pkcs12Signer::from_pkcs12(&p12(&pki().person, PASSWORD), PASSWORD).expect("p12");
    let agency = Pkcs12Signer::from_pkcs12(&p12(&pki().agency, PASSWORD), PASSWORD).expect("p12");
    let once = sign_pdf(long_an_pdf(), &person, &signer_options()).expect("first signature");
    let twice = sign_pdf(&once, &agency, &agency_options()).expect("second signature");
    (once, twice)
}

#[test]
fn signer_then_agency_both_valid_in_our_verifier_and_in_pdfsig() {
    let original = long_an_pdf();
    let (once, twice) = signed_twice();
    // Incremental updates: every earlier byte is kept.
    assert_eq!(&once[..original.len()], original);
    assert_eq!(&twice[..once.len()], &once[..]);

    let reports = verify_pdf(&twice, &trust()).expect("verify");
    assert_eq!(reports.len(), 2, "{reports:#?}");
    let (first, second) = (&reports[0], &reports[1]);
    assert_eq!(first.signer.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(
        second.signer.as_deref(),
        Some("Sở Thông tin và Truyền thông tỉnh Long An")
    );
    for r in &reports {
        assert!(r.is_valid(), "{r:#?}");
        assert!(matches!(r.chain, ChainStatus::Trusted { .. }), "{r:#?}");
    }
    assert!(!first.covers_whole_file, "the agency's update follows");
    assert!(second.covers_whole_file);
    assert_eq!(first.signing_time, Some(time("2025-03-05T09:15:00+07:00")));
    assert_eq!(first.reason.as_deref(), Some("Ký duyệt kế hoạch"));

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("signed.pdf");
    std::fs::write(&path, &twice).expect("write");
    let report = pdfsig(&path);
    assert_eq!(
        report.matches("Signature is Valid").count(),
        2,
        "pdfsig:\n{report}"
    );
    assert!(report.contains("Signature #2"), "{report}");
    assert!(report.contains("Nguyễn Văn An"), "{report}");
    assert!(
        report.contains("Sở Thông tin và Truyền thông tỉnh Long An"),
        "{report}"
    );
    assert!(report.contains("ETSI.CAdES.detached"), "{report}");

    // The signer's signature alone, before the agency's, covers the whole file.
    let alone = verify_pdf(&once, &trust()).expect("verify");
    assert_eq!(alone.len(), 1);
    assert!(alone[0].is_valid() && alone[0].covers_whole_file);
}

#[test]
fn a_flipped_byte_in_the_signed_range_is_caught_by_us_and_by_pdfsig() {
    let (_, twice) = signed_twice();
    let mut bad = twice.clone();
    // A byte inside the original page content (a compressed stream), signed by both.
    let stream = bad
        .windows(7)
        .position(|w| w == b"stream\n")
        .expect("a stream");
    bad[stream + 40] ^= 0x01;
    let reports = verify_pdf(&bad, &trust()).expect("still a PDF");
    assert_eq!(reports.len(), 2);
    for r in &reports {
        assert!(!r.digest_matches && !r.is_valid(), "{r:#?}");
        assert!(!r.problems.is_empty());
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("tampered.pdf");
    std::fs::write(&path, &bad).expect("write");
    let report = pdfsig(&path);
    assert_eq!(
        report.matches("Signature is Valid").count(),
        0,
        "pdfsig:\n{report}"
    );
    assert!(report.contains("Signature #2"), "{report}");
}

#[test]
fn a_certificate_from_another_ca_is_intact_but_not_trusted() {
    let (_, twice) = signed_twice();
    let other = rcgen::CertificateParams::new(Vec::<String>::new())
        .expect("params")
        .self_signed(&rcgen::KeyPair::generate().expect("key"))
        .expect("cert");
    let list = TrustList::new(vec![Certificate::from_der(other.der()).expect("der")]);
    for r in verify_pdf(&twice, &list).expect("verify") {
        assert!(r.intact());
        assert_eq!(r.chain, ChainStatus::Untrusted);
        assert!(!r.is_valid());
    }
    // Without a trust list the chain is not judged.
    for r in verify_pdf(&twice, &TrustList::default()).expect("verify") {
        assert_eq!(r.chain, ChainStatus::NotChecked);
        assert!(r.is_valid());
    }
}

#[test]
fn wrong_password_is_a_typed_error() {
    let err = Pkcs12Signer::from_pkcs12(&p12(&pki().person, PASSWORD), "sai").expect_err("refused");
    assert!(matches!(err, SignError::WrongPassword), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Sai mật khẩu của tệp chứng thư số (PKCS#12)."
    );
}

#[test]
fn a_p12_without_a_key_is_a_typed_error() {
    let err = Pkcs12Signer::from_pkcs12(&p12_without_key(&pki().person, PASSWORD), PASSWORD)
        .expect_err("refused");
    assert!(matches!(err, SignError::NoPrivateKey), "{err:?}");
}

#[test]
fn garbage_instead_of_a_p12_is_a_typed_error() {
    let err = Pkcs12Signer::from_pkcs12(b"not a pkcs12 file", PASSWORD).expect_err("refused");
    assert!(matches!(err, SignError::InvalidPkcs12(_)), "{err:?}");
}

#[test]
fn a_file_chosen_as_a_certificate_is_told_apart_without_its_password() {
    let person: &[u8] = pki().person.cert.der();
    match CertificateFile::read(person).expect("DER") {
        CertificateFile::Certificate(c) => assert_eq!(c.subject_name(), "Nguyễn Văn An"),
        other => panic!("{other:?}"),
    }
    let pem = format!("{}{}", pki().person.cert.pem(), ca_pem());
    match CertificateFile::read(pem.as_bytes()).expect("PEM") {
        CertificateFile::Certificate(c) => assert_eq!(c.der(), person),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        CertificateFile::read(&p12(&pki().agency, PASSWORD)).expect("p12"),
        CertificateFile::Pkcs12
    );
    for junk in [&b"not a certificate"[..], b"", &person[..person.len() / 2]] {
        let err = CertificateFile::read(junk).expect_err("refused");
        assert!(err.to_string().contains("không phải chứng thư số"), "{err}");
    }
}

#[test]
fn an_expired_certificate_is_refused() {
    let signer = Pkcs12Signer::from_pkcs12(&p12(&pki().expired, PASSWORD), PASSWORD).expect("p12");
    let err = sign_pdf(long_an_pdf(), &signer, &signer_options()).expect_err("refused");
    assert!(
        matches!(err, SignError::CertificateExpired { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("Trần Thị Bình"), "{err}");
}

#[test]
fn a_corrupt_pdf_is_a_typed_error() {
    let signer = Pkcs12Signer::from_pkcs12(&p12(&pki().agency, PASSWORD), PASSWORD).expect("p12");
    let pdf = long_an_pdf();
    for bad in [&b"%PDF-1.7\nnot really"[..], &pdf[..pdf.len() / 3], b""] {
        let err = sign_pdf(bad, &signer, &agency_options()).expect_err("refused");
        assert!(matches!(err, SignError::InvalidPdf(_)), "{err:?}");
        assert!(matches!(
            verify_pdf(bad, &TrustList::default()),
            Err(SignError::InvalidPdf(_))
        ));
    }
}

#[test]
fn a_page_that_does_not_exist_is_a_typed_error() {
    let signer = Pkcs12Signer::from_pkcs12(&p12(&pki().agency, PASSWORD), PASSWORD).expect("p12");
    let mut options = agency_options();
    if let Some(a) = options.appearance.as_mut() {
        a.page = 99;
    }
    let err = sign_pdf(long_an_pdf(), &signer, &options).expect_err("refused");
    assert!(
        matches!(err, SignError::NoSuchPage { page: 99, .. }),
        "{err:?}"
    );
}

#[test]
#[ignore = "writes /tmp/vanban-signed.pdf for a look"]
fn write_sample() {
    let (_, twice) = signed_twice();
    std::fs::write("/tmp/vanban-signed.pdf", twice).expect("write");
}

/// The last page of the plan signed as the decree shows it: the signer's image between the
/// title and the name, where the layout put the signature block; the seal over its left third.
fn signed_as_the_decree_shows() -> (Vec<u8>, Appearance, Appearance) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    let doc = vanban_app::open_document(&path).expect("fixture");
    let spot = vanban_app::export::signature_spot(&doc, &vanban_render::style::StyleSheet::nd30())
        .expect("layout")
        .expect("a signature block");
    let signature = Appearance::signature_between(
        spot.page,
        (spot.left, spot.right),
        (spot.top, spot.bottom),
        signature_png(),
    )
    .expect("appearance");
    let seal = Appearance::seal_over(&signature, 36.0, seal_png()).expect("seal");
    let person = Pkcs12Signer::from_pkcs12(&p12(&pki().person, PASSWORD), PASSWORD).expect("p12");
    let agency = Pkcs12Signer::from_pkcs12(&p12(&pki().agency, PASSWORD), PASSWORD).expect("p12");
    let mut first = signer_options();
    first.appearance = Some(signature.clone());
    let mut second = agency_options();
    second.appearance = Some(seal.clone());
    let once = sign_pdf(long_an_pdf(), &person, &first).expect("signer");
    let twice = sign_pdf(&once, &agency, &second).expect("agency");
    (twice, signature, seal)
}

#[test]
fn the_images_sit_where_the_decree_puts_them() {
    let (pdf, signature, seal) = signed_as_the_decree_shows();
    let pages = lopdf::Document::load_mem(long_an_pdf())
        .expect("pdf")
        .get_pages()
        .len();
    let s = signature.rect;
    let k = seal.rect;
    // The signature block closes the main text, before the appendices.
    assert!((signature.page as usize) < pages);
    // Right column of an A4 page (595 pt wide), above the bottom margin.
    assert!(s.x > 595.0 / 2.0 && s.x + s.width < 595.0 - 50.0, "{s:?}");
    assert!(s.y > 56.0, "{s:?}");
    // The seal's right edge covers the signature's left third.
    assert!(
        (k.x + k.width - (s.x + s.width / 3.0)).abs() < 0.01,
        "{k:?} {s:?}"
    );
    assert!((k.width - 36.0 * 72.0 / 25.4).abs() < 0.01);

    // Both still valid; the text of the page shows the name below the signature image.
    let reports = verify_pdf(&pdf, &trust()).expect("verify");
    assert!(reports.iter().all(|r| r.is_valid()), "{reports:#?}");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("signed.pdf");
    std::fs::write(&path, &pdf).expect("write");
    assert_eq!(pdfsig(&path).matches("Signature is Valid").count(), 2);
    let page = signature.page.to_string();
    let out = std::process::Command::new("pdftotext")
        .args(["-f", &page, "-l", &page, "-bbox"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout);
    // The first word of the name ("Nguyễn" or whatever the fixture signs with) lies below the
    // image: its top (from the page top) is below the image's bottom edge.
    let name = doc_signer_first_word();
    let word = html
        .lines()
        .rfind(|l| l.contains(&format!(">{name}<")))
        .expect("the signer's name on the page");
    let y_min: f32 = word
        .split("yMin=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|v| v.parse().ok())
        .expect("yMin");
    let page_height = 841.89;
    assert!(
        page_height - y_min <= s.y + 1.0,
        "name top {y_min}, image {s:?}"
    );
    assert!(
        page_height - y_min > s.y - 40.0,
        "name far below the image: {y_min}, {s:?}"
    );
}

fn doc_signer_first_word() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    let doc = vanban_app::open_document(&path).expect("fixture");
    doc.signature
        .name
        .split_whitespace()
        .next()
        .expect("a name")
        .to_owned()
}

#[test]
#[ignore = "writes /tmp/vanban-decree.pdf for a look"]
fn write_decree_sample() {
    let (pdf, _, _) = signed_as_the_decree_shows();
    std::fs::write("/tmp/vanban-decree.pdf", pdf).expect("write");
}
