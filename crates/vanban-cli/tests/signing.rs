//! Signing a stored document as the people of a body do it, from the command line: the
//! directory names each person's and the body's certificate and images; the director signs
//! with a password file; the registry clerk issues, which writes the number and date into the
//! signed PDF and adds the agency's seal and signature. Checked with poppler (pdfsig,
//! pdftotext) and our verifier.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2025-03-05T09:00:00+07:00";
const DRAFT: &str = include_str!("../../../tests/fixtures/drafts/ke-hoach-stttt-2025.json");

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn db(&self) -> PathBuf {
        self.path("vanban.db")
    }
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .arg("--db")
            .arg(self.db())
            .env("VANBAN_NOW", NOW)
            .env_remove("VANBAN_USER")
            .env_remove("VANBAN_DB")
            .output()
            .expect("run vanban")
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

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// The demo database; a directory file giving the director and the body their certificates
/// and images (paths relative to the directory file, under `keys/`); the demo plan approved.
fn approved_plan() -> Setup {
    let s = Setup {
        dir: tempfile::tempdir().expect("tempdir"),
    };
    let keys = s.path("keys");
    std::fs::create_dir_all(&keys).expect("keys folder");
    let ca = common::Ca::new(s.dir.path());
    ca.p12(&keys, "giamdoc.p12", "Lê Văn Cường", 2030);
    ca.p12(
        &keys,
        "stttt.p12",
        "Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
        2030,
    );
    common::password_files(s.dir.path());
    std::fs::write(keys.join("chu-ky.png"), common::signature_png()).expect("write");
    std::fs::write(keys.join("con-dau.png"), common::seal_png()).expect("write");
    std::fs::write(
        s.path("danh-ba.toml"),
        r#"
[[bodies]]
abbreviation = "STTTT"
name = "Sở Thông tin và Truyền thông"
parent_name = "UBND tỉnh Lạng Sơn"
place = "Lạng Sơn"
certificate = "keys/stttt.p12"
seal_image = "keys/con-dau.png"
seal_diameter_mm = 36

[[people]]
login = "giamdoc"
name = "Lê Văn Cường"
titles = ["GIÁM ĐỐC"]
roles = ["signer"]
body = "STTTT"
certificate = "keys/giamdoc.p12"
signature_image = "keys/chu-ky.png"
"#,
    )
    .expect("write directory");
    std::fs::write(s.path("draft.json"), DRAFT).expect("write");
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

fn pdfsig(path: &Path) -> String {
    let o = Command::new("pdfsig")
        .arg("-nocert")
        .arg(path)
        .output()
        .expect("pdfsig (poppler-utils) is installed by ./x");
    text(&o)
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

    s.ok(&[
        "export",
        "1",
        "-o",
        &s.file("ban-hanh.pdf"),
        "--as",
        "vanthu",
    ]);
    let issued = std::fs::read(s.path("ban-hanh.pdf")).expect("issued pdf");
    assert_eq!(
        &issued[..signed.len()],
        &signed[..],
        "the agency's signature is an update: the signer's bytes are kept"
    );
    let report = pdfsig(&s.path("ban-hanh.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 2, "{report}");
    assert!(report.contains("Lê Văn Cường"), "{report}");
    assert!(
        report.contains("Sở Thông tin và Truyền thông tỉnh Lạng Sơn"),
        "{report}"
    );
    let page = page_one_text(&s.path("ban-hanh.pdf"));
    assert!(page.contains("Số: 01/KH-STTTT"), "{page}");
    assert!(
        page.contains("Lạng Sơn, ngày 05 tháng 3 năm 2025"),
        "{page}"
    );

    // Our verifier agrees, against the test CA.
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["pdf", "verify", "--format", "json", "--trust"])
        .arg(s.path("ca.pem"))
        .arg(s.path("ban-hanh.pdf"))
        .output()
        .expect("run vanban");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let reports: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
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
