//! The `vanban` command as a user or a script runs it: output, exit codes, machine-readable
//! results.

use std::process::{Command, Output};

use crate::support::repo;

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run vanban")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn help_lists_the_commands() {
    let o = vanban(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for command in ["validate", "new", "schema", "types", "style"] {
        assert!(
            text.contains(command),
            "{command} missing from --help:\n{text}"
        );
    }
}

#[test]
fn every_seed_fixture_validates_with_exit_0() {
    for name in [
        "ke-hoach-lang-son-cong-dan-so-2022",
        "ke-hoach-lang-son-ngay-cds-2022",
        "ke-hoach-long-an-tuyen-truyen-cds-2025",
    ] {
        let file = format!("tests/fixtures/{name}.json");
        let o = vanban(&["validate", &file]);
        assert_eq!(o.status.code(), Some(0), "{name}:\n{}", stdout(&o));
        assert!(stdout(&o).contains(": 0 lỗi"), "{}", stdout(&o));
    }
}

#[test]
fn a_document_with_three_mistakes_reports_each_with_its_field() {
    let o = vanban(&[
        "validate",
        "tests/fixtures/invalid/ke-hoach-ba-loi.json",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json output");
    let found: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["path"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expect = [
        ("missing-part", "signature.name"),
        ("impossible-date", "header.date.day"),
        ("unit-not-recipient", "tasks[0].lead[0]"),
    ];
    for (code, path) in expect {
        assert!(
            found.iter().any(|(c, p)| c == code && p == path),
            "no {code} at {path} in {found:?}"
        );
    }
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 3);
}

#[test]
fn human_output_is_vietnamese_and_names_the_fields() {
    let o = vanban(&["validate", "tests/fixtures/invalid/ke-hoach-ba-loi.json"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("signature.name: Chưa nhập họ tên người ký."),
        "{text}"
    );
    assert!(
        text.contains("header.date.day: Ngày 30 tháng 2 năm 2025 không tồn tại."),
        "{text}"
    );
    assert!(
        text.contains(
            "tasks[0].lead[0]: “Báo Lạng Sơn” chủ trì nhiệm vụ nhưng không có trong Nơi nhận."
        ),
        "{text}"
    );
}

#[test]
fn an_unusable_file_exits_2_with_the_place_of_the_problem() {
    let dir = std::env::temp_dir().join(format!("vanban-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"format\": \"vanban/1\",\n  \"document\": {\n    \"type\": \"ke-hoach\",,\n}",
    )
    .expect("write");
    let path = broken.to_str().expect("utf-8 path");
    let o = vanban(&["validate", path]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("dòng 4, cột 24"), "{err}");

    let o = vanban(&["validate", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json output");
    assert_eq!(v["error"]["code"], "syntax");

    let missing = dir.join("missing.json");
    let o = vanban(&["validate", missing.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Không đọc được tệp"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn new_prints_a_plan_skeleton_that_reads_back_and_lists_what_to_fill() {
    let o = vanban(&["new", "--type", "ke-hoach"]);
    assert_eq!(o.status.code(), Some(0));
    let doc = vanban_core::exchange::from_str(&stdout(&o)).expect("skeleton reads back");
    let titles: Vec<String> = doc
        .body
        .sections
        .iter()
        .map(|s| s.title.text().into_owned())
        .collect();
    assert_eq!(
        titles,
        [
            "MỤC ĐÍCH, YÊU CẦU",
            "NỘI DUNG",
            "KINH PHÍ",
            "TỔ CHỨC THỰC HIỆN"
        ]
    );
    let report = vanban_core::validate::validate(&doc);
    assert!(report.diagnostics.iter().any(|d| d.path == "subject"));
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.path == "signature.name")
    );
}

#[test]
fn new_with_an_unknown_type_names_the_valid_ones() {
    let o = vanban(&["new", "--type", "ke-hoachh"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ke-hoach") && err.contains("cong-van"),
        "{err}"
    );
}

#[test]
fn new_never_overwrites_a_file() {
    let dir = std::env::temp_dir().join(format!("vanban-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("ke-hoach.json");
    std::fs::write(&file, "what the user typed").expect("write");
    let o = vanban(&[
        "new",
        "--type",
        "ke-hoach",
        "-o",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "what the user typed"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn schema_is_the_committed_one() {
    let o = vanban(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(repo().join("docs/vanban-1.schema.json")).expect("schema file");
    assert_eq!(stdout(&o), committed);
}

#[test]
fn types_json_lists_the_decree_abbreviations() {
    let o = vanban(&["types", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 29);
    assert!(
        rows.iter()
            .any(|r| r["slug"] == "quy-dinh" && r["abbreviation"] == "QyĐ")
    );
    assert!(
        rows.iter()
            .any(|r| r["slug"] == "cong-van" && r["abbreviation"].is_null())
    );
}

#[test]
fn system_font_falls_back_to_the_bundled_face_and_says_so() {
    let dir = std::env::temp_dir().join(format!("vanban-cli-font-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let pdf = dir.join("out.pdf");
    // HOME and WINDIR point nowhere: no Times New Roman can be found in a user folder, and
    // the system folders of this machine hold none (Debian ships it only through contrib).
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "export",
            "tests/fixtures/ke-hoach-lang-son-ngay-cds-2022.json",
            "-o",
        ])
        .arg(&pdf)
        .arg("--system-font")
        .current_dir(repo())
        .env("HOME", &dir)
        .env_remove("WINDIR")
        .output()
        .expect("run vanban");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let installed = vanban_app::typeface::system_times_new_roman().is_some();
    assert_eq!(o.status.code(), Some(0), "{err}");
    if !installed {
        assert!(err.contains("dùng Liberation Serif đi kèm"), "{err}");
    }
    let fonts = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let want = if installed {
        "TimesNewRoman"
    } else {
        "LiberationSerif"
    };
    assert!(fonts.contains(want), "{fonts}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The done-when of issue 8: the guidance letter and the three-article decision validate and
/// export through the command as DOCX and PDF, with their types' own parts.
#[test]
fn the_letter_and_the_decision_validate_and_export_through_the_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, pages, must) in [
        (
            "cong-van-huong-dan-stttt-2025",
            2,
            [
                "Số: 1256/STTTT-CNTT",
                "V/v hướng dẫn triển khai",
                "- Như trên;",
            ],
        ),
        (
            "quyet-dinh-ban-hanh-ke-hoach-stttt-2025",
            2,
            [
                "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                "QUYẾT ĐỊNH:",
                "Điều 3.",
            ],
        ),
    ] {
        let file = format!("tests/fixtures/{name}.json");
        let o = vanban(&["validate", &file]);
        assert_eq!(o.status.code(), Some(0), "{name}:\n{}", stdout(&o));
        assert!(stdout(&o).contains(": 0 lỗi, 0 cảnh báo"), "{}", stdout(&o));
        for ext in ["docx", "pdf"] {
            let out = dir.path().join(format!("{name}.{ext}"));
            let o = vanban(&["export", &file, "-o", out.to_str().expect("utf-8")]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(std::fs::metadata(&out).expect("written").len() > 5_000);
        }
        let pdf = dir.path().join(format!("{name}.pdf"));
        let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        let count: Option<usize> = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok());
        assert_eq!(count, Some(pages), "{info}");
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let flat = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for m in must {
            assert!(flat.contains(m), "{name}: “{m}” not in the PDF");
        }
    }
}

/// `vanban export A.json B.json … --out-dir DIR --format pdf|docx`: every document in one
/// process, each to a file named after its input; a document with errors is reported (exit 1)
/// and the others are still written.
#[test]
fn many_documents_export_to_a_folder_in_one_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_str().expect("utf-8");
    let names = [
        "cong-van-huong-dan-stttt-2025",
        "quyet-dinh-ban-hanh-ke-hoach-stttt-2025",
        "ke-hoach-long-an-tuyen-truyen-cds-2025",
    ];
    let files: Vec<String> = names
        .iter()
        .map(|n| format!("tests/fixtures/{n}.json"))
        .collect();
    let mut args = vec!["export"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out-dir", out, "--format", "pdf"]);
    let o = vanban(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Each file's name as it is written, in the order given (the PDFs are written on other
    // threads while the next document is typeset).
    let written: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(written.len(), 3, "{written:?}");
    for (line, name) in written.iter().zip(names) {
        assert!(line.ends_with(&format!("{name}.pdf")), "{written:?}");
    }
    for (name, must) in names
        .iter()
        .zip(["V/v hướng dẫn triển khai", "QUYẾT ĐỊNH:", "KẾ HOẠCH"])
    {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let flat = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(must), "{name}: {flat}");
    }
    // DOCX, with a document with errors among them: it is named, the others are written.
    let mut args = vec![
        "export",
        "tests/fixtures/invalid/ke-hoach-ba-loi.json",
        files[0].as_str(),
    ];
    args.extend(["--out-dir", out, "--format", "docx"]);
    let o = vanban(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("ke-hoach-ba-loi.json: văn bản còn"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().join(format!("{}.docx", names[0])).exists());
    assert!(!dir.path().join("ke-hoach-ba-loi.docx").exists());
}

#[test]
fn an_export_of_many_needs_a_folder_and_names_that_do_not_collide() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = "tests/fixtures/cong-van-huong-dan-stttt-2025.json";
    let b = "tests/fixtures/quyet-dinh-ban-hanh-ke-hoach-stttt-2025.json";
    let o = vanban(&["export", a, b, "-o", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out-dir"));
    let o = vanban(&["export", a, b]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("-o TỆP"));
    let out = dir.path().to_str().expect("utf-8");
    let o = vanban(&["export", a, &format!("./{a}"), "--out-dir", out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("hai văn bản cùng ghi ra"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let missing = dir.path().join("no-such-folder");
    let o = vanban(&["export", a, "--out-dir", missing.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}
