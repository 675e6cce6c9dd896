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

/// The demo draft with the first appendix of the Long An plan (a list of documents).
fn draft_with_appendix() -> String {
    let mut draft: serde_json::Value = serde_json::from_str(DRAFT).expect("draft");
    let long_an: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json"
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
    let o = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-bbox"])
        .arg(s.path("phu-luc-1.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&o.stdout).into_owned();
    let words: Vec<(f64, f64, f64, String)> = html
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let num = |k: &str| -> f64 {
                let at = l.find(&format!("{k}=\"")).expect("attr") + k.len() + 2;
                l[at..at + l[at..].find('"').expect("quote")]
                    .parse()
                    .expect("number")
            };
            let text = l[l.find('>')? + 1..].trim_end_matches("</word>").to_owned();
            Some((num("xMax"), num("yMin"), num("yMax"), text))
        })
        .collect();
    let line: Vec<&str> = words.iter().take(4).map(|w| w.3.as_str()).collect();
    assert_eq!(
        line,
        ["Số:", "01/KH-STTTT;", "05/03/2025;", "09:00:00"],
        "{html}"
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
