//! Signing a stored document as the people of a body do it, from the command line: the
//! directory names each person's and the body's certificate and images; the director signs
//! with a password file; the registry clerk issues, which writes the number and date into the
//! signed PDF and adds the agency's seal and signature. Checked with poppler (pdfsig,
//! pdftotext) and our verifier.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vanban_test_support::{self as common, pdfsig, token};

use crate::support::{DRAFT, NOW, text};

struct Setup {
    dir: tempfile::TempDir,
    /// The test token, whose SoftHSM2 configuration every `vanban` run is given.
    token: Option<token::TokenSetup>,
}

impl Setup {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn db(&self) -> PathBuf {
        self.path("vanban.db")
    }
    fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .arg("--db")
            .arg(self.db())
            .output()
            .expect("run vanban")
    }
    /// `vanban ARGS` with the test's clock and token, and no database option.
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
        c.args(args)
            .env("VANBAN_NOW", NOW)
            .env_remove("VANBAN_USER")
            .env_remove("VANBAN_DB");
        if let Some(t) = &self.token {
            c.env("SOFTHSM2_CONF", t.conf());
        }
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    }
    fn file(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

/// The demo draft with the first appendix of the Long An plan (a list of documents).
fn draft_with_appendix() -> String {
    let mut draft: serde_json::Value = serde_json::from_str(DRAFT).expect("draft");
    let long_an: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json"
    ))
    .expect("fixture");
    draft["document"]["appendices"] = serde_json::json!([long_an["document"]["appendices"][0]]);
    draft.to_string()
}

/// The demo database; a directory file giving the director and the body their certificates
/// and images (paths relative to the directory file, under `keys/`); the demo plan approved.
fn approved_plan() -> Setup {
    approved(DRAFT)
}

fn approved(draft: &str) -> Setup {
    let s = Setup {
        dir: tempfile::tempdir().expect("tempdir"),
        token: None,
    };
    let ca = common::Ca::new(s.dir.path());
    let keys = s.path("keys");
    std::fs::create_dir_all(&keys).expect("keys folder");
    ca.p12(&keys, "giamdoc.p12", "Lê Văn Cường", 2030);
    ca.p12(
        &keys,
        "stttt.p12",
        "Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
        2030,
    );
    approved_with(s, draft, "keys/giamdoc.p12", "keys/stttt.p12")
}

/// The demo database with a directory that sets these certificate files for the director and
/// the body (written by the caller under `keys/`), and `draft` approved.
fn approved_with(s: Setup, draft: &str, director: &str, body: &str) -> Setup {
    let keys = s.path("keys");
    std::fs::create_dir_all(&keys).expect("keys folder");
    common::password_files(s.dir.path());
    std::fs::write(keys.join("chu-ky.png"), common::signature_png()).expect("write");
    std::fs::write(keys.join("con-dau.png"), common::seal_png()).expect("write");
    std::fs::write(
        s.path("danh-ba.toml"),
        format!(
            r#"
[[bodies]]
abbreviation = "STTTT"
name = "Sở Thông tin và Truyền thông"
parent_name = "UBND tỉnh Lạng Sơn"
place = "Lạng Sơn"
certificate = "{body}"
seal_image = "keys/con-dau.png"
seal_diameter_mm = 36

[[people]]
login = "giamdoc"
name = "Lê Văn Cường"
titles = ["GIÁM ĐỐC"]
roles = ["signer"]
body = "STTTT"
certificate = "{director}"
signature_image = "keys/chu-ky.png"
"#
        ),
    )
    .expect("write directory");
    std::fs::write(s.path("draft.json"), draft).expect("write");
    s.ok(&["init", "--demo"]);
    s.ok(&[
        "directory",
        "import",
        &s.file("danh-ba.toml"),
        "--as",
        "admin",
    ]);
    let id = s.ok(&["import", &s.file("draft.json"), "--as", "chuyenvien"]);
    assert_eq!(id, "1");
    s.ok(&["submit", "1", "--as", "chuyenvien"]);
    s.ok(&["approve", "1", "--as", "truongphong"]);
    s
}

/// The words of page 1, spaces collapsed.
fn page_one_text(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Exports the issued plan as the registry clerk: pdfsig finds the director's and the
/// agency's signatures valid, page 1 shows the number, and our verifier (trusting the test CA)
/// accepts the file. Gives the verifier's report.
fn issued_and_valid(s: &Setup, file: &str) -> serde_json::Value {
    s.ok(&["export", "1", "-o", &s.file(file), "--as", "vanthu"]);
    let report = pdfsig(&s.path(file));
    assert_eq!(report.matches("Signature is Valid").count(), 2, "{report}");
    assert!(report.contains("Lê Văn Cường"), "{report}");
    assert!(
        report.contains("Sở Thông tin và Truyền thông tỉnh Lạng Sơn"),
        "{report}"
    );
    let page = page_one_text(&s.path(file));
    assert!(page.contains("Số: 01/KH-STTTT"), "{page}");
    let o = s
        .command(&["pdf", "verify", "--format", "json", "--trust"])
        .arg(s.path("ca.pem"))
        .arg(s.path(file))
        .output()
        .expect("run vanban");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    serde_json::from_slice(&o.stdout).expect("json")
}

#[test]
fn the_director_signs_and_the_registry_issues_with_the_agency_signature() {
    let s = approved_plan();

    // With a certificate in the directory, signing needs its password (or --paper).
    let o = s.run(&["sign", "1", "--as", "giamdoc"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("--password-file"), "{}", text(&o));
    let o = s.run(&[
        "sign",
        "1",
        "--as",
        "giamdoc",
        "--password-file",
        &s.file("sai.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("Sai mật khẩu"), "{}", text(&o));
    assert!(!text(&o).contains(common::PASSWORD));
    assert!(s.ok(&["list"]).contains("Đã duyệt"), "nothing changed");

    let out = s.ok(&[
        "sign",
        "1",
        "--as",
        "giamdoc",
        "--password-file",
        &s.file("mk.txt"),
    ]);
    assert_eq!(out, "1: Đã ký");
    s.ok(&["export", "1", "-o", &s.file("da-ky.pdf"), "--as", "vanthu"]);
    let signed = std::fs::read(s.path("da-ky.pdf")).expect("signed pdf");
    let report = pdfsig(&s.path("da-ky.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 1, "{report}");
    assert!(report.contains("Lê Văn Cường"), "{report}");
    // Number and date still blank.
    let page = page_one_text(&s.path("da-ky.pdf"));
    assert!(page.contains("Số: /KH-STTTT"), "{page}");
    assert!(page.contains("Lạng Sơn, ngày tháng năm"), "{page}");

    // Issuing a digitally signed plan needs the agency's key; refusing takes no number.
    let o = s.run(&["issue", "1", "--as", "vanthu"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("đã được ký số"), "{}", text(&o));
    let number = s.ok(&[
        "issue",
        "1",
        "--as",
        "vanthu",
        "--password-file",
        &s.file("mk.txt"),
    ]);
    assert_eq!(number, "01/KH-STTTT", "the first number of the year");

    let reports = issued_and_valid(&s, "ban-hanh.pdf");
    let issued = std::fs::read(s.path("ban-hanh.pdf")).expect("issued pdf");
    assert_eq!(
        &issued[..signed.len()],
        &signed[..],
        "the agency's signature is an update: the signer's bytes are kept"
    );
    let page = page_one_text(&s.path("ban-hanh.pdf"));
    assert!(
        page.contains("Lạng Sơn, ngày 05 tháng 3 năm 2025"),
        "{page}"
    );
    // Our verifier agrees: both trusted by the test CA.
    let signatures = reports["signatures"].as_array().expect("signatures");
    assert_eq!(signatures.len(), 2, "{reports}");
    assert!(
        signatures
            .iter()
            .all(|r| r["valid"] == true && r["chain"]["status"] == "trusted"),
        "{reports}"
    );
    assert_eq!(signatures[1]["reason"], "Ban hành văn bản số 01/KH-STTTT");

    // A second issue is refused; the audit chain holds both files' hashes.
    let o = s.run(&[
        "issue",
        "1",
        "--as",
        "vanthu",
        "--password-file",
        &s.file("mk.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    s.ok(&["audit", "verify"]);

    if let Ok(dir) = std::env::var("VANBAN_SIGNING_SAMPLES") {
        std::fs::copy(s.path("ban-hanh.pdf"), Path::new(&dir).join("ban-hanh.pdf")).ok();
        std::fs::copy(s.path("da-ky.pdf"), Path::new(&dir).join("da-ky.pdf")).ok();
    }
}

#[test]
fn a_directory_naming_a_missing_or_broken_file_is_refused_with_the_field() {
    let s = approved_plan();
    std::fs::write(
        s.path("hong.toml"),
        r#"
[[people]]
login = "giamdoc"
name = "Lê Văn Cường"
roles = ["signer"]
body = "STTTT"
signature_image = "keys/khong-co.png"
"#,
    )
    .expect("write");
    let o = s.run(&["directory", "import", &s.file("hong.toml"), "--as", "admin"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("people[0].signature_image"),
        "{}",
        text(&o)
    );

    std::fs::write(s.path("keys/khong-phai-png.png"), "GIF89a").expect("write");
    std::fs::write(
        s.path("hong2.toml"),
        r#"
[[bodies]]
abbreviation = "STTTT"
name = "Sở Thông tin và Truyền thông"
place = "Lạng Sơn"
seal_image = "keys/khong-phai-png.png"
"#,
    )
    .expect("write");
    let o = s.run(&[
        "directory",
        "import",
        &s.file("hong2.toml"),
        "--as",
        "admin",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("bodies[0].seal_image"), "{}", text(&o));
}

#[test]
fn paper_signing_stays_possible_and_issues_without_a_key() {
    let s = approved_plan();
    s.ok(&["sign", "1", "--as", "giamdoc", "--paper"]);
    assert_eq!(s.ok(&["issue", "1", "--as", "vanthu"]), "01/KH-STTTT");
    // Without a signed file the export is typeset from the issued revision.
    s.ok(&["export", "1", "-o", &s.file("giay.pdf"), "--as", "vanthu"]);
    let report = pdfsig(&s.path("giay.pdf"));
    assert!(!report.contains("Signature is Valid"), "{report}");
    let page = page_one_text(&s.path("giay.pdf"));
    assert!(page.contains("Số: 01/KH-STTTT"), "{page}");
}

#[test]
fn an_appendix_sent_as_its_own_file_carries_the_agency_note_top_right() {
    let s = approved(&draft_with_appendix());
    let mk = s.file("mk.txt");
    s.ok(&["sign", "1", "--as", "giamdoc", "--password-file", &mk]);
    // Before issue there is nothing to send.
    let pl = s.file("phu-luc-1.pdf");
    let appendix = |n: &str| {
        s.run(&[
            "export",
            "1",
            "--appendix",
            n,
            "-o",
            &pl,
            "--password-file",
            &mk,
            "--as",
            "vanthu",
        ])
    };
    let o = appendix("1");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!s.path("phu-luc-1.pdf").exists(), "no file left behind");
    assert_eq!(
        s.ok(&["issue", "1", "--as", "vanthu", "--password-file", &mk]),
        "01/KH-STTTT"
    );
    let o = appendix("2");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("không có phụ lục 2"), "{}", text(&o));

    let o = appendix("1");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let report = pdfsig(&s.path("phu-luc-1.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 1, "{report}");
    assert!(
        report.contains("Sở Thông tin và Truyền thông tỉnh Lạng Sơn"),
        "{report}"
    );
    // The note: 10 pt, at the top right of page 1, above the appendix's first line.
    let words: Vec<(f64, f64, f64, String)> = common::page_one_words(&s.path("phu-luc-1.pdf"))
        .into_iter()
        .map(|w| (w.x_max, w.y_min, w.y_max, w.text))
        .collect();
    let line: Vec<&str> = words.iter().take(4).map(|w| w.3.as_str()).collect();
    assert_eq!(
        line,
        ["Số:", "01/KH-STTTT;", "05/03/2025;", "09:00:00"],
        "{words:?}"
    );
    assert_eq!(words[4].3, "+07:00");
    let note = &words[4];
    // Right edge at the text's right edge (A4 595.3 pt less the 15–20 mm right margin), in the
    // top margin; 10 pt type: a word box about 10–12 pt high.
    assert!(
        note.0 > 595.3 - 20.0 * 72.0 / 25.4 - 1.0 && note.0 < 595.3 - 15.0 * 72.0 / 25.4 + 1.0,
        "{note:?}"
    );
    assert!(note.1 < 20.0 * 72.0 / 25.4, "{note:?}");
    assert!((9.0..13.0).contains(&(note.2 - note.1)), "{note:?}");
    let first_line = words
        .iter()
        .find(|w| w.3 == "Phụ")
        .expect("the appendix label");
    assert!(
        first_line.1 > note.2,
        "the note is above the appendix's first line"
    );
    if let Ok(dir) = std::env::var("VANBAN_SIGNING_SAMPLES") {
        std::fs::copy(
            s.path("phu-luc-1.pdf"),
            Path::new(&dir).join("phu-luc-1.pdf"),
        )
        .ok();
    }
}

/// The director's key (id 01) and the body's (id 02) on a SoftHSM2 token, as their USB tokens;
/// the directory sets their certificates as `.cer` files (the token's); a PIN file and a wrong
/// one. `None` when SoftHSM2 is absent off CI.
fn approved_with_token(test: &str) -> Option<Setup> {
    let module = token::softhsm_module(test)?;
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = common::Ca::new(dir.path());
    let keys = dir.path().join("keys");
    std::fs::create_dir_all(&keys).expect("keys folder");
    let token = token::TokenSetup::new(module);
    let (director_key, director_cert) = ca.issue("Lê Văn Cường", 2030);
    let (body_key, body_cert) = ca.issue("Sở Thông tin và Truyền thông tỉnh Lạng Sơn", 2030);
    token.import_key_and_certificate("01", "giam-doc", &director_key, &director_cert);
    token.import_key_and_certificate("02", "so-tttt", &body_key, &body_cert);
    std::fs::write(keys.join("giamdoc.cer"), &director_cert).expect("write");
    std::fs::write(keys.join("stttt.cer"), &body_cert).expect("write");
    std::fs::write(dir.path().join("pin.txt"), format!("{}\n", token::PIN)).expect("write");
    std::fs::write(dir.path().join("sai-pin.txt"), "864209\n").expect("write");
    let s = Setup {
        dir,
        token: Some(token),
    };
    Some(approved_with(
        s,
        DRAFT,
        "keys/giamdoc.cer",
        "keys/stttt.cer",
    ))
}

fn module_of(s: &Setup) -> String {
    s.token
        .as_ref()
        .expect("a token")
        .module()
        .display()
        .to_string()
}

/// `base` then `extra`, as the `&str`s `Setup::run` takes.
fn args<'a>(base: &[&'a str], extra: &'a [String]) -> Vec<&'a str> {
    base.iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .collect()
}

#[test]
fn the_director_signs_with_a_token_and_the_registry_issues_with_the_body_token() {
    let Some(s) = approved_with_token(
        "the_director_signs_with_a_token_and_the_registry_issues_with_the_body_token",
    ) else {
        return;
    };
    let module = module_of(&s);
    let pin = s.file("pin.txt");
    let token_args = |key_id: &str, pin: &str| -> Vec<String> {
        ["--pkcs11", &module, "--pin-file", pin, "--key-id", key_id]
            .map(str::to_owned)
            .to_vec()
    };
    let sign = ["sign", "1", "--as", "giamdoc"];

    // Without a key id the token's two keys are named, and nothing is signed.
    let bare = ["--pkcs11", &module, "--pin-file", &pin].map(str::to_owned);
    let o = s.run(&args(&sign, &bare));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("--key-id"), "{}", text(&o));
    assert!(text(&o).contains("Lê Văn Cường"), "{}", text(&o));
    // A wrong PIN names the PIN option, and never shows a PIN.
    let wrong = token_args("01", &s.file("sai-pin.txt"));
    let o = s.run(&args(&sign, &wrong));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("--pin-file: Sai mã PIN"), "{}", text(&o));
    assert!(!text(&o).contains("864209") && !text(&o).contains(token::PIN));
    // The body's key is on the token too, but it is not the director's certificate.
    let body_key = token_args("02", &pin);
    let o = s.run(&args(&sign, &body_key));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("không phải chứng thư danh bạ ghi cho Lê Văn Cường"),
        "{}",
        text(&o)
    );
    assert!(s.ok(&["list"]).contains("Đã duyệt"), "nothing changed");

    let director_key = token_args("01", &pin);
    assert_eq!(s.ok(&args(&sign, &director_key)), "1: Đã ký");
    // The record names the certificate and the token.
    let history: serde_json::Value =
        serde_json::from_str(&s.ok(&["history", "1", "--format", "json"])).expect("json");
    let note = history["states"]
        .as_array()
        .expect("states")
        .iter()
        .rev()
        .find_map(|c| c["note"].as_str())
        .expect("a note on the signing");
    assert!(
        note.contains("Lê Văn Cường") && note.contains(token::TOKEN),
        "{note}"
    );

    assert_eq!(
        s.ok(&args(&["issue", "1", "--as", "vanthu"], &body_key)),
        "01/KH-STTTT"
    );
    issued_and_valid(&s, "ban-hanh.pdf");
    s.ok(&["audit", "verify"]);
}

#[test]
fn pdf_sign_with_a_token_and_its_unusable_inputs() {
    let Some(s) = approved_with_token("pdf_sign_with_a_token_and_its_unusable_inputs") else {
        return;
    };
    s.ok(&[
        "export",
        "1",
        "-o",
        &s.file("ke-hoach.pdf"),
        "--as",
        "vanthu",
    ]);
    let module = module_of(&s);
    let (input, output, pin) = (
        s.file("ke-hoach.pdf"),
        s.file("da-ky.pdf"),
        s.file("pin.txt"),
    );
    let pdf_sign = |extra: &[&str]| {
        let mut args = vec!["pdf", "sign", input.as_str(), "-o", output.as_str()];
        args.extend_from_slice(extra);
        s.command(&args).output().expect("run vanban")
    };

    let o = pdf_sign(&["--pkcs11", &module, "--pin-file", &pin, "--key-id", "01"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let report = pdfsig(&s.path("da-ky.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 1, "{report}");
    assert!(report.contains("Lê Văn Cường"), "{report}");
    std::fs::remove_file(s.path("da-ky.pdf")).expect("remove");

    // Each unusable input: exit 2, the option named, no file written.
    let missing = s.file("khong-co.so");
    let wrong_pin = s.file("sai-pin.txt");
    let cases: [(&[&str], &str); 6] = [
        (
            &["--pkcs11", &missing, "--pin-file", &pin],
            "--pkcs11: Không có thư viện PKCS#11",
        ),
        (
            &[
                "--pkcs11",
                &module,
                "--pin-file",
                &wrong_pin,
                "--key-id",
                "01",
            ],
            "--pin-file: Sai mã PIN",
        ),
        (
            &[
                "--pkcs11",
                &module,
                "--pin-file",
                &pin,
                "--token",
                "khong-co",
            ],
            "--token: Không có thiết bị ký số mang nhãn “khong-co”",
        ),
        (
            &["--pkcs11", &module, "--pin-file", &pin],
            "--key-id: Thiết bị ký số “vanban-test” có nhiều chứng thư",
        ),
        (
            &["--pkcs11", &module, "--pin-file", &pin, "--key-id", "0x"],
            "--key-id",
        ),
        // The PIN comes from a file only.
        (&["--pkcs11", &module], "--pin-file"),
    ];
    for (args, expected) in cases {
        let o = pdf_sign(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains(expected), "{args:?}: {}", text(&o));
        assert!(!text(&o).contains(token::PIN) && !text(&o).contains("864209"));
        assert!(!s.path("da-ky.pdf").exists(), "{args:?}");
    }
    // A .p12 and a token at once, or neither: clap refuses.
    let p12_and_token = pdf_sign(&[
        "--p12",
        &s.file("keys/giamdoc.cer"),
        "--password-file",
        &s.file("mk.txt"),
        "--pkcs11",
        &module,
        "--pin-file",
        &pin,
    ]);
    assert_eq!(
        p12_and_token.status.code(),
        Some(2),
        "{}",
        text(&p12_and_token)
    );
    assert!(
        text(&p12_and_token).contains("--pkcs11"),
        "{}",
        text(&p12_and_token)
    );
    let neither = pdf_sign(&[]);
    assert_eq!(neither.status.code(), Some(2), "{}", text(&neither));
}

#[test]
fn a_token_is_refused_when_the_directory_sets_a_p12_or_another_certificate() {
    let Some(s) = approved_with_token(
        "a_token_is_refused_when_the_directory_sets_a_p12_or_another_certificate",
    ) else {
        return;
    };
    let module = module_of(&s);
    let pin = s.file("pin.txt");
    let token = [
        "--pkcs11",
        module.as_str(),
        "--pin-file",
        pin.as_str(),
        "--key-id",
        "01",
    ];
    let update = |certificate: &str| {
        std::fs::write(
            s.path("cap-nhat.toml"),
            format!(
                "[[people]]\nlogin = \"giamdoc\"\nname = \"Lê Văn Cường\"\ntitles = [\"GIÁM ĐỐC\"]\nroles = [\"signer\"]\nbody = \"STTTT\"\ncertificate = \"{certificate}\"\nsignature_image = \"keys/chu-ky.png\"\n"
            ),
        )
        .expect("write");
        s.ok(&[
            "directory",
            "import",
            &s.file("cap-nhat.toml"),
            "--as",
            "admin",
        ]);
    };
    let sign = || {
        let mut args = vec!["sign", "1", "--as", "giamdoc"];
        args.extend_from_slice(&token);
        s.run(&args)
    };

    // Another person's certificate file for the director.
    let ca = common::Ca::new(&s.path("keys"));
    let (_, other) = ca.issue("Lê Văn Cường", 2030);
    std::fs::write(s.path("keys/khac.cer"), other).expect("write");
    update("keys/khac.cer");
    let o = sign();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("không phải chứng thư danh bạ ghi cho Lê Văn Cường"),
        "{}",
        text(&o)
    );

    // A .p12 cannot be compared without its password.
    common::Ca::new(&s.path("keys")).p12(&s.path("keys"), "giamdoc.p12", "Lê Văn Cường", 2030);
    update("keys/giamdoc.p12");
    let o = sign();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("tệp PKCS#12"), "{}", text(&o));

    // A certificate file is no key: signing with a password says the key is on a token.
    update("keys/giamdoc.cer");
    let o = s.run(&[
        "sign",
        "1",
        "--as",
        "giamdoc",
        "--password-file",
        &s.file("mk.txt"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("thiết bị ký số"), "{}", text(&o));
    assert!(s.ok(&["list"]).contains("Đã duyệt"), "nothing changed");

    // The token and its matching certificate sign.
    assert_eq!(
        {
            let mut args = vec!["sign", "1", "--as", "giamdoc"];
            args.extend_from_slice(&token);
            s.ok(&args)
        },
        "1: Đã ký"
    );
}
