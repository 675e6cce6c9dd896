//! What the signing tests share: a throwaway PKI made on the spot (a CA, a person, an agency),
//! PKCS#12 files, the Long An plan as PDF, signature and seal images, and pdfsig.

#![allow(dead_code, missing_docs, unused_imports)] // the tests and the bench each use a part

pub use vanban_test_support::{pdfsig, png, token};

use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair, KeyUsagePurpose,
    date_time_ymd,
};

pub const PASSWORD: &str = "mật-khẩu thử 123";

/// A certificate with its key, as rcgen made it.
pub struct Issued {
    pub cert: rcgen::Certificate,
    pub key: KeyPair,
}

pub struct Pki {
    pub ca: Issued,
    /// The signer, an RSA-2048 key like the tokens of Vietnamese CAs.
    pub person: Issued,
    /// The issuing body, ECDSA P-256.
    pub agency: Issued,
    /// A person whose certificate expired in 2021.
    pub expired: Issued,
}

fn params(cn: &str, from: (i32, u8, u8), to: (i32, u8, u8)) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("params");
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "VN");
    dn.push(
        DnType::OrganizationName,
        "Sở Thông tin và Truyền thông tỉnh Long An",
    );
    dn.push(DnType::CommonName, cn);
    p.distinguished_name = dn;
    p.not_before = date_time_ymd(from.0, from.1, from.2);
    p.not_after = date_time_ymd(to.0, to.1, to.2);
    p.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    p
}

fn rsa_key() -> KeyPair {
    use rsa::pkcs8::EncodePrivateKey;
    let key = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).expect("RSA key");
    let der = key.to_pkcs8_der().expect("PKCS#8");
    let der = rustls_pki_types::PrivatePkcs8KeyDer::from(der.as_bytes().to_vec());
    KeyPair::from_pkcs8_der_and_sign_algo(&der, &rcgen::PKCS_RSA_SHA256).expect("rcgen RSA")
}

pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = params("VanBan Test Root CA", (2024, 1, 1), (2040, 1, 1));
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca_params.self_signed(&ca_key).expect("CA");
        let issue = |cn: &str, key: KeyPair, from, to| {
            let cert = params(cn, from, to)
                .signed_by(&key, &ca_cert, &ca_key)
                .expect("certificate");
            Issued { cert, key }
        };
        let person = issue("Nguyễn Văn An", rsa_key(), (2024, 6, 1), (2030, 1, 1));
        let agency = issue(
            "Sở Thông tin và Truyền thông tỉnh Long An",
            KeyPair::generate().expect("key"),
            (2024, 6, 1),
            (2030, 1, 1),
        );
        let expired = issue(
            "Trần Thị Bình",
            KeyPair::generate().expect("key"),
            (2019, 1, 1),
            (2021, 1, 1),
        );
        Pki {
            ca: Issued {
                cert: ca_cert,
                key: ca_key,
            },
            person,
            agency,
            expired,
        }
    })
}

/// A PKCS#12 file holding `who`'s key and certificate, and the CA's certificate.
pub fn p12(who: &Issued, password: &str) -> Vec<u8> {
    let chain = PrivateKeyChain::new(
        b"1".to_vec(),
        PrivateKey::from_der(&who.key.serialize_der()).expect("key"),
        [
            Certificate::from_der(who.cert.der()).expect("cert"),
            Certificate::from_der(pki().ca.cert.der()).expect("CA cert"),
        ],
    );
    let mut store = KeyStore::new();
    store.add_entry("signer", KeyStoreEntry::PrivateKeyChain(chain));
    store.writer(password).write().expect("PKCS#12")
}

/// A PKCS#12 file with certificates only, no key.
pub fn p12_without_key(who: &Issued, password: &str) -> Vec<u8> {
    let mut store = KeyStore::new();
    store.add_entry(
        "cert",
        KeyStoreEntry::Certificate(Certificate::from_der(who.cert.der()).expect("cert")),
    );
    store.writer(password).write().expect("PKCS#12")
}

/// `who`'s private key as PKCS#8 DER (what a token's enrolment imports).
pub fn key_pkcs8(who: &Issued) -> Vec<u8> {
    who.key.serialize_der()
}

pub fn ca_pem() -> String {
    pki().ca.cert.pem()
}

pub fn time(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

/// The Long An plan, typeset as the app exports it.
pub fn long_an_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
        let doc = vanban_app::open_document(&path).expect("fixture");
        let created = vanban_render::pdf::Created {
            year: 2025,
            month: 3,
            day: 5,
            hour: 7,
            minute: 0,
            second: 0,
        };
        let pdf = vanban_app::export::ExportFormat::Pdf(vanban_render::pdf::PdfKind::Standard);
        vanban_app::export::bytes(&doc, &vanban_app::export::ExportOptions::new(pdf, created))
            .expect("PDF")
    })
}

/// A blue handwritten-like signature: two loops and a stroke.
pub fn signature_png() -> Vec<u8> {
    png(400, 160, [20, 40, 200], |x, y| {
        let wave = 0.5 + 0.3 * (x * 18.0).sin() * (1.0 - x);
        let stroke = (y - wave).abs() < 0.035;
        let underline = (y - (0.85 - 0.2 * x)).abs() < 0.02 && x > 0.15;
        stroke || underline
    })
}

/// A red seal: two rings and a star, transparent elsewhere.
pub fn seal_png() -> Vec<u8> {
    png(300, 300, [220, 20, 30], |x, y| {
        let (dx, dy) = (x - 0.5, y - 0.5);
        let r = (dx * dx + dy * dy).sqrt();
        let ring = (0.46..0.49).contains(&r) || (0.33..0.35).contains(&r);
        let angle = dy.atan2(dx);
        let star = r < 0.12 * (1.0 + 0.6 * (5.0 * angle).cos());
        ring || star
    })
}
