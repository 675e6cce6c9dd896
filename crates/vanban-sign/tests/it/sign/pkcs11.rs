//! Signing with a USB token, played by a SoftHSM2 token made for each test: the person's
//! RSA-2048 key or the agency's P-256 key on it with its certificate (the same `CKA_ID`) and the
//! CA's certificate; the Long An plan signed through the token is valid for our verifier and for
//! pdfsig, also followed by a .p12 signature. Wrong PIN, absent token, unusable module, several
//! or no keys as typed errors.

use super::{agency_options, signer_options};
use crate::common::token::{PIN, TOKEN, Token, TokenSetup, in_token_process};
use crate::common::*;
use vanban_sign::{
    Certificate, ChainStatus, KeyChoice, Pkcs11Signer, Pkcs12Signer, SignError, SignatureAlgorithm,
    Signer, TokenChoice, TrustList, list_tokens, sign_pdf, verify_pdf,
};

/// The test's name as the harness knows it (`pkcs11::NAME`), for running it again alone.
fn full(name: &str) -> String {
    match module_path!().split_once("::") {
        Some((_, module)) => format!("{module}::{name}"),
        None => name.to_owned(),
    }
}

/// The person's RSA key and certificate (id 01), and the CA's certificate (id 0c, no key).
fn person_on_token(t: &TokenSetup) {
    t.import_key_and_certificate(
        "01",
        "nguyen-van-an",
        &key_pkcs8(&pki().person),
        pki().person.cert.der(),
    );
    t.import_certificate("0c", "ca", pki().ca.cert.der());
    t.write("ca.pem", ca_pem().as_bytes());
    t.write("agency.p12", &p12(&pki().agency, PASSWORD));
}

fn open(token: &Token, choice: &TokenChoice) -> Result<Pkcs11Signer, SignError> {
    Pkcs11Signer::open(token.module(), choice, PIN)
}

fn trust_of(token: &Token) -> TrustList {
    TrustList::new(Certificate::from_pem_chain(&token.file("ca.pem")).expect("CA PEM"))
}

fn write_pdf(token: &Token, name: &str, pdf: &[u8]) -> std::path::PathBuf {
    let path = token.path().join(name);
    std::fs::write(&path, pdf).expect("write");
    path
}

#[test]
fn a_token_rsa_signature_then_a_p12_agency_signature_are_both_valid() {
    let Some(token) = in_token_process(
        &full("a_token_rsa_signature_then_a_p12_agency_signature_are_both_valid"),
        person_on_token,
    ) else {
        return;
    };
    let person = open(&token, &TokenChoice::default()).expect("the only key on the token");
    assert_eq!(person.token(), TOKEN);
    assert_eq!(person.token_label(), Some(TOKEN));
    assert_eq!(person.key_id(), [1]);
    assert_eq!(person.algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
    let chain: Vec<String> = person
        .certificate_chain()
        .iter()
        .map(Certificate::subject_name)
        .collect();
    assert_eq!(
        chain,
        ["Nguyễn Văn An", "VanBan Test Root CA"],
        "the signer's certificate, then the CA's from the token"
    );

    let original = long_an_pdf();
    let once = sign_pdf(original, &person, &signer_options()).expect("signed by the token");
    assert_eq!(&once[..original.len()], original);
    let agency =
        Pkcs12Signer::from_pkcs12(&token.file("agency.p12"), PASSWORD).expect("agency p12");
    let twice = sign_pdf(&once, &agency, &agency_options()).expect("then by the agency");
    assert_eq!(&twice[..once.len()], &once[..]);

    let reports = verify_pdf(&twice, &trust_of(&token)).expect("verify");
    assert_eq!(reports.len(), 2, "{reports:#?}");
    assert_eq!(reports[0].signer.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(
        reports[1].signer.as_deref(),
        Some("Sở Thông tin và Truyền thông tỉnh Long An")
    );
    for r in &reports {
        assert!(r.is_valid(), "{r:#?}");
        assert!(matches!(r.chain, ChainStatus::Trusted { .. }), "{r:#?}");
    }

    let report = pdfsig(&write_pdf(&token, "signed.pdf", &twice));
    assert_eq!(
        report.matches("Signature is Valid").count(),
        2,
        "pdfsig:\n{report}"
    );
    assert!(report.contains("Nguyễn Văn An"), "{report}");
    assert!(
        report.contains("Sở Thông tin và Truyền thông tỉnh Long An"),
        "{report}"
    );

    // A flipped byte of the plan is caught in the token's signature too.
    let mut bad = once.clone();
    let stream = bad
        .windows(7)
        .position(|w| w == b"stream\n")
        .expect("a stream");
    bad[stream + 40] ^= 0x01;
    let reports = verify_pdf(&bad, &trust_of(&token)).expect("still a PDF");
    assert!(!reports[0].is_valid() && !reports[0].digest_matches);
}

#[test]
fn a_token_ecdsa_p256_signature_is_valid_for_us_and_for_pdfsig() {
    let Some(token) = in_token_process(
        &full("a_token_ecdsa_p256_signature_is_valid_for_us_and_for_pdfsig"),
        |t| {
            t.import_key_and_certificate(
                "02",
                "so-tttt",
                &key_pkcs8(&pki().agency),
                pki().agency.cert.der(),
            );
            t.write("ca.pem", ca_pem().as_bytes());
        },
    ) else {
        return;
    };
    let agency = open(&token, &TokenChoice::default()).expect("the agency's key");
    assert_eq!(agency.algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
    // Only the agency's own certificate: the CA's is not on this token.
    assert_eq!(agency.certificate_chain().len(), 1);
    let signed = sign_pdf(long_an_pdf(), &agency, &agency_options()).expect("signed");
    let reports = verify_pdf(&signed, &trust_of(&token)).expect("verify");
    assert_eq!(reports.len(), 1);
    assert!(reports[0].is_valid(), "{reports:#?}");
    assert!(matches!(reports[0].chain, ChainStatus::Trusted { .. }));
    assert_eq!(
        reports[0].signer.as_deref(),
        Some("Sở Thông tin và Truyền thông tỉnh Long An")
    );
    let report = pdfsig(&write_pdf(&token, "agency.pdf", &signed));
    assert_eq!(
        report.matches("Signature is Valid").count(),
        1,
        "pdfsig:\n{report}"
    );
    assert!(
        report.contains("Sở Thông tin và Truyền thông tỉnh Long An"),
        "{report}"
    );
}

#[test]
fn a_wrong_pin_is_a_typed_error_that_names_the_pin() {
    let Some(token) = in_token_process(
        &full("a_wrong_pin_is_a_typed_error_that_names_the_pin"),
        person_on_token,
    ) else {
        return;
    };
    let err =
        Pkcs11Signer::open(token.module(), &TokenChoice::default(), "987654").expect_err("refused");
    assert!(
        matches!(&err, SignError::WrongPin { token, .. } if token == TOKEN),
        "{err:?}"
    );
    assert_eq!(err.code(), "token-wrong-pin");
    let message = err.to_string();
    assert!(message.contains("Sai mã PIN"), "{message}");
    assert!(message.contains(TOKEN), "{message}");
    assert!(!message.contains("987654"), "the PIN is never shown");
    assert!(!format!("{err:?}").contains("987654"));
    // The right PIN still opens it.
    open(&token, &TokenChoice::default()).expect("the right PIN");
}

#[test]
fn a_token_label_not_present_is_a_typed_error_naming_the_present_ones() {
    let Some(token) = in_token_process(
        &full("a_token_label_not_present_is_a_typed_error_naming_the_present_ones"),
        person_on_token,
    ) else {
        return;
    };
    let choice = TokenChoice {
        token: Some("token-cua-giam-doc".into()),
        key: None,
    };
    let err = open(&token, &choice).expect_err("refused");
    match &err {
        SignError::TokenNotFound { label, present } => {
            assert_eq!(label.as_deref(), Some("token-cua-giam-doc"));
            assert_eq!(present, &[TOKEN.to_owned()]);
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("token-cua-giam-doc") && message.contains(TOKEN),
        "{message}"
    );
    // The label as given (surrounding spaces aside) finds it.
    let choice = TokenChoice {
        token: Some(format!(" {TOKEN} ")),
        key: None,
    };
    open(&token, &choice).expect("by its label");
}

#[test]
fn the_tokens_of_a_module_are_listed_with_what_they_say_of_themselves() {
    let Some(token) = in_token_process(
        &full("the_tokens_of_a_module_are_listed_with_what_they_say_of_themselves"),
        |t| {
            person_on_token(t);
            t.init_another_token("token-cua-van-thu");
        },
    ) else {
        return;
    };
    let slots = list_tokens(token.module()).expect("listed");
    let tokens: Vec<_> = slots.iter().filter_map(|s| s.token.as_ref()).collect();
    // In the module's slot order, which SoftHSM2 draws from each token's random serial.
    let mut initialised: Vec<&str> = tokens
        .iter()
        .filter(|t| t.initialized)
        .map(|t| t.label.as_str())
        .collect();
    initialised.sort_unstable();
    assert_eq!(initialised, ["token-cua-van-thu", TOKEN], "{slots:#?}");
    // SoftHSM2 always keeps one blank token free for the next --init-token: it is listed, not
    // initialised, so that a window does not offer it.
    assert_eq!(tokens.len(), 3, "{slots:#?}");
    assert!(
        tokens.iter().any(|t| !t.initialized && t.label.is_empty()),
        "{slots:#?}"
    );
    for t in tokens.iter().filter(|t| t.initialized) {
        assert_eq!(t.manufacturer, "SoftHSM project", "{t:?}");
        assert_eq!(t.model, "SoftHSM v2", "{t:?}");
        assert!(!t.pin_locked && !t.pin_final_try, "{t:?}");
        assert!(
            !t.serial.is_empty() && t.serial.chars().all(|c| c.is_ascii_hexdigit()),
            "{t:?}"
        );
    }
    assert_ne!(tokens[0].serial, tokens[1].serial);
    let ids: Vec<u64> = slots.iter().map(|s| s.id).collect();
    let mut distinct = ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(ids.len(), distinct.len(), "each slot once: {ids:?}");

    // Listing asks for no PIN and leaves the tokens as they were: a signer opens after it, and
    // with two tokens present the label is needed.
    let err = open(&token, &TokenChoice::default()).expect_err("which token?");
    assert!(
        matches!(&err, SignError::SeveralTokens { labels } if labels.len() == 2),
        "{err:?}"
    );
    assert_eq!(err.code(), "token-several");
    let choice = TokenChoice {
        token: Some(TOKEN.into()),
        key: None,
    };
    open(&token, &choice).expect("the listed label opens it");
    // Listed again (a window's refresh): the same.
    assert_eq!(list_tokens(token.module()).expect("again"), slots);
}

#[test]
fn listing_the_tokens_of_an_unloadable_module_is_a_typed_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("libkhongco.so");
    let err = list_tokens(&missing).expect_err("refused");
    assert!(
        matches!(&err, SignError::Pkcs11ModuleNotFound { path } if path == &missing),
        "{err:?}"
    );
    assert_eq!(err.code(), "pkcs11-module-not-found");
    let not_a_module = dir.path().join("token.so");
    std::fs::write(&not_a_module, "not a shared library").expect("write");
    let err = list_tokens(&not_a_module).expect_err("refused");
    assert!(
        matches!(err, SignError::Pkcs11ModuleNotLoadable { .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), "pkcs11-module-not-loadable");
    assert!(err.to_string().contains("token.so"), "{err}");
}

#[test]
fn a_missing_or_unloadable_module_is_a_typed_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("libkhongco.so");
    let err = Pkcs11Signer::open(&missing, &TokenChoice::default(), PIN).expect_err("refused");
    assert!(
        matches!(&err, SignError::Pkcs11ModuleNotFound { path } if path == &missing),
        "{err:?}"
    );
    assert!(err.to_string().contains("libkhongco.so"), "{err}");

    let not_a_module = dir.path().join("token.so");
    std::fs::write(&not_a_module, "not a shared library").expect("write");
    let err = Pkcs11Signer::open(&not_a_module, &TokenChoice::default(), PIN).expect_err("refused");
    assert!(
        matches!(err, SignError::Pkcs11ModuleNotLoadable { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("token.so"), "{err}");
}

#[test]
fn several_certificates_are_refused_by_name_and_chosen_by_id_or_label() {
    let Some(token) = in_token_process(
        &full("several_certificates_are_refused_by_name_and_chosen_by_id_or_label"),
        |t| {
            person_on_token(t);
            t.import_key_and_certificate(
                "02",
                "so-tttt",
                &key_pkcs8(&pki().agency),
                pki().agency.cert.der(),
            );
        },
    ) else {
        return;
    };
    let err = open(&token, &TokenChoice::default()).expect_err("which one?");
    let SignError::SeveralCertificates { choices, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        choices.len(),
        2,
        "the CA's certificate has no key: {choices:?}"
    );
    let message = err.to_string();
    for part in [
        "mã 01",
        "Nguyễn Văn An",
        "mã 02",
        "Sở Thông tin và Truyền thông tỉnh Long An",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }

    let by_id = TokenChoice {
        token: Some(TOKEN.into()),
        key: Some(KeyChoice::Id(vec![2])),
    };
    let agency = open(&token, &by_id).expect("by id");
    assert_eq!(agency.algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
    let by_label = TokenChoice {
        token: None,
        key: Some(KeyChoice::Label("nguyen-van-an".into())),
    };
    let person = open(&token, &by_label).expect("by label");
    assert_eq!(
        person.certificate_chain()[0].subject_name(),
        "Nguyễn Văn An"
    );
    // Both open at once on the same token, and both sign.
    for signer in [&agency as &dyn Signer, &person] {
        let pdf = sign_pdf(long_an_pdf(), signer, &agency_options()).expect("sign");
        let reports = verify_pdf(&pdf, &trust_of(&token)).expect("verify");
        assert!(reports[0].is_valid(), "{reports:#?}");
    }

    let err = open(
        &token,
        &TokenChoice {
            token: None,
            key: Some(KeyChoice::Id(vec![9])),
        },
    )
    .expect_err("no such key");
    assert!(
        matches!(&err, SignError::NoSuchKeyOnToken { wanted, choices, .. }
            if wanted == "09" && choices.len() == 2),
        "{err:?}"
    );
}

#[test]
fn a_token_without_a_key_or_without_certificates_is_refused() {
    let Some(token) = in_token_process(
        &full("a_token_without_a_key_or_without_certificates_is_refused"),
        |t| t.import_certificate("01", "nguyen-van-an", pki().person.cert.der()),
    ) else {
        return;
    };
    let err = open(&token, &TokenChoice::default()).expect_err("no key");
    assert!(matches!(err, SignError::NoKeyOnToken { .. }), "{err:?}");
    assert!(err.to_string().contains("Nguyễn Văn An"), "{err}");
}

#[test]
fn an_empty_token_is_refused() {
    let Some(token) = in_token_process(&full("an_empty_token_is_refused"), |_| {}) else {
        return;
    };
    let err = open(&token, &TokenChoice::default()).expect_err("nothing on it");
    assert!(
        matches!(&err, SignError::NoCertificateOnToken { token } if token == TOKEN),
        "{err:?}"
    );
}
