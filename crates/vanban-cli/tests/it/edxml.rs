//! The national exchange package from the command line, as a province's registry clerk uses
//! it: the Long An plan issued through `vanban`, its edXML package written for two recipients
//! of the directory and read back by `vanban edxml read` (every header field, the PDF's bytes
//! equal to what `vanban export` writes), refusals naming why (a document not issued, an organ
//! id of the wrong shape or unknown), the recipient's status messages 03 then 06 recorded in
//! order against its distribution, and hostile packages refused with nothing written. On an
//! SQLite file, and on the PostgreSQL test server when there is one.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

use serde_json::Value;
use vanban_app::workflow::store::Location;
use vanban_app::workflow::{self, Which};
use vanban_test_support::scratch::{self, ScratchDatabase};

use crate::support::{Scratch, command, err, out, repo, text};

const LONG_AN: &str = "tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json";
const DIRECTORY: &str = "tests/fixtures/directory-long-an.toml";
const ISSUED: &str = "2025-03-05T09:00:00+07:00";
const STTTT: &str = "000.00.21.H40";
const BAO: &str = "000.00.22.H40";

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/edxml").join(name)
}

fn run(db: &OsStr, args: &[&str]) -> Output {
    command(args)
        .env("VANBAN_NOW", ISSUED)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run vanban")
}

fn ok(db: &OsStr, args: &[&str]) -> String {
    let o = run(db, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    out(&o)
}

/// Refused with `code` (1: a rule, 2: the input), saying `why`.
fn refused(db: &OsStr, args: &[&str], code: i32, why: &str) {
    let o = run(db, args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", text(&o));
    assert!(err(&o).contains(why), "{args:?}: {}", err(&o));
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn exchange_the_long_an_plan(db: &OsStr, s: &Scratch, open: impl Fn() -> workflow::Workflow) {
    let directory = repo().join(DIRECTORY);
    let plan = repo().join(LONG_AN);
    ok(db, &["init"]);
    ok(db, &["directory", "import", p(&directory), "--as", "admin"]);
    assert_eq!(ok(db, &["import", p(&plan), "--as", "chuyenvien"]), "1");
    ok(db, &["submit", "1", "--as", "chuyenvien"]);
    ok(db, &["approve", "1", "--as", "chanhvanphong"]);
    ok(db, &["sign", "1", "--as", "phochutich"]);

    let package = s.path("ke-hoach.edxml");
    let package_arg = p(&package).to_owned();
    let write = |to: &[&'static str]| -> Vec<String> {
        let mut args: Vec<String> = ["edxml", "1", "-o", &package_arg, "--as", "vanthu"]
            .map(str::to_owned)
            .to_vec();
        for t in to {
            args.extend(["--to".to_owned(), (*t).to_owned()]);
        }
        args
    };
    // Not issued yet: refused, nothing written.
    refused(db, &strs(&write(&[STTTT])), 1, "đã ban hành");
    assert!(!package.exists());
    assert_eq!(ok(db, &["issue", "1", "--as", "vanthu"]), "01/KH-UBND");
    // An organ id of the wrong shape, one not in the directory, someone not the clerk.
    refused(
        db,
        &strs(&write(&["28.22.H17"])),
        1,
        "--to: mã định danh “28.22.H17” không đúng dạng",
    );
    refused(
        db,
        &strs(&write(&["000.00.99.H40"])),
        1,
        "Không có cơ quan mã định danh 000.00.99.H40",
    );
    let mut as_drafter = write(&[STTTT]);
    *as_drafter
        .iter_mut()
        .find(|a| *a == "vanthu")
        .expect("present") = "chuyenvien".into();
    refused(db, &strs(&as_drafter), 1, "không được");
    assert!(!package.exists());

    // The package for two recipients; the plan's PDF as `vanban export` writes it.
    assert_eq!(ok(db, &strs(&write(&[STTTT, BAO]))), p(&package));
    let pdf = s.path("ke-hoach.pdf");
    ok(db, &["export", "1", "-o", p(&pdf), "--as", "vanthu"]);
    let pdf = std::fs::read(&pdf).expect("pdf");

    // Read back: every header field from the stored document, the directory and the register.
    let files = s.path("nhan");
    let read = ok(
        db,
        &[
            "edxml",
            "read",
            p(&package),
            "--out-dir",
            p(&files),
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&read).expect("json");
    let wf = open();
    let (_, _, doc) = wf.load_document(1, Which::Issued).expect("issued");
    assert_eq!(v["kind"], "document");
    assert_eq!(v["from"]["organ_id"], "000.00.00.H40");
    assert_eq!(v["from"]["organ_name"], "Ủy ban nhân dân tỉnh Long An");
    let to: Vec<&str> = (v["to"].as_array().expect("present").iter())
        .map(|t| t["organ_id"].as_str().expect("present"))
        .collect();
    assert_eq!(to, [STTTT, BAO]);
    assert_eq!(
        v["to"][0]["organ_name"],
        "Sở Thông tin và Truyền thông tỉnh Long An"
    );
    assert_eq!(v["to"][0]["email"], "stttt@longan.gov.vn");
    assert_eq!(v["document_id"], "000.00.00.H40,2025/03/05,01/KH-UBND");
    assert_eq!(v["code"]["number"], "01");
    assert_eq!(v["code"]["notation"], "KH-UBND");
    assert_eq!(v["place"], doc.header.place.as_str());
    assert_eq!(v["place"], "Long An");
    assert_eq!(v["promulgation_date"], "2025/03/05");
    assert_eq!(v["document_type"]["type"], "1");
    assert_eq!(v["document_type"]["name"], "Kế hoạch");
    assert_eq!(v["subject"], doc.subject.as_str());
    assert_eq!(v["signer"]["position"], doc.signature.title.as_str());
    assert_eq!(v["signer"]["full_name"], doc.signature.name.as_str());
    let competence: Vec<String> = (doc.signature.authority.iter())
        .map(|a| format!("{} {}", a.kind.prefix(), a.of))
        .collect();
    assert_eq!(v["signer"]["competence"], competence.join(", "));
    assert_eq!(v["steering_type"], "1");
    assert_eq!(v["other"]["priority"], 0);
    let appendixes: Vec<&str> = doc.appendices.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(v["other"]["appendixes"], serde_json::json!(appendixes));
    assert!(v["other"]["page_amount"].as_u64().expect("present") >= 1);
    let places = v["to_places"].as_array().expect("present");
    assert!(!places.is_empty());
    assert!(
        !places.iter().any(|p| p == "Báo Long An"),
        "a recipient in To is not repeated in ToPlaces: {places:?}"
    );
    assert_eq!(v["trace"][0]["organ_id"], "000.00.00.H40");
    assert_eq!(v["trace"][0]["timestamp"], "2025/03/05 09:00:00");
    // The attachment is the plan's PDF, byte for byte, extracted under its own name.
    assert_eq!(v["attachments"].as_array().expect("present").len(), 1);
    assert_eq!(v["attachments"][0]["name"], "01-KH-UBND.pdf");
    assert_eq!(v["attachments"][0]["content_type"], "application/pdf");
    assert_eq!(
        std::fs::read(files.join("01-KH-UBND.pdf")).expect("extracted"),
        pdf
    );
    // Read again into the same folder: the file is not overwritten.
    refused(
        db,
        &["edxml", "read", p(&package), "--out-dir", p(&files)],
        2,
        "không ghi đè",
    );
    // The human form.
    let human = ok(db, &["edxml", "read", p(&package)]);
    assert!(human.contains("Số, ký hiệu:    01/KH-UBND"), "{human}");
    assert!(human.contains("Tệp đính kèm:   01-KH-UBND.pdf"), "{human}");

    // Recorded as sent to each recipient, with its organ id.
    let sent = wf.history(1).expect("history").distributions;
    let organs: Vec<_> = sent.iter().map(|d| d.organ_id.as_deref()).collect();
    assert_eq!(organs, [Some(STTTT), Some(BAO)]);
    assert!(sent.iter().all(|d| d.channel == "edXML"));
    drop(wf);

    // The Sở answers: received (03), then done (06); the Báo has not answered.
    let status = |name: &str| {
        let path = fixture(name);
        let o = ok(
            db,
            &[
                "edxml",
                "read",
                p(&path),
                "--as",
                "vanthu",
                "--format",
                "json",
            ],
        );
        serde_json::from_str::<Value>(&o).expect("json")
    };
    let first = status("status-03-long-an.edxml");
    assert_eq!(first["kind"], "status");
    assert_eq!(first["document"], 1);
    assert_eq!(first["organ_id"], STTTT);
    assert_eq!(first["label"], "đã tiếp nhận");
    let second = status("status-06-long-an.edxml");
    let codes: Vec<&str> = (second["history"].as_array().expect("present").iter())
        .map(|h| h["code"].as_str().expect("present"))
        .collect();
    assert_eq!(
        codes,
        ["03", "06"],
        "the history is kept, never overwritten"
    );
    let statuses = open().distribution_statuses(1).expect("statuses");
    assert_eq!(statuses.len(), 2);
    assert!(statuses.iter().all(|s| s.organ_id == STTTT));
    assert_eq!(statuses[1].reported_at, "2025/03/20 16:30:00");
    let history = ok(db, &["history", "1"]);
    assert!(
        history.contains("2025/03/20 16:30:00  06 hoàn thành"),
        "{history}"
    );
    // A status from an organ the plan was not sent to is refused, and so is its absence of --as.
    let other = s.path("status-khac.edxml");
    let text = std::fs::read_to_string(fixture("status-03-long-an.edxml"))
        .expect("present")
        .replace(STTTT, "000.00.23.H40");
    std::fs::write(&other, text).expect("present");
    refused(
        db,
        &["edxml", "read", p(&other), "--as", "vanthu"],
        1,
        "chưa được ghi nhận gửi",
    );
    refused(db, &["edxml", "read", p(&other)], 2, "--as");
    assert_eq!(open().distribution_statuses(1).expect("present").len(), 2);

    // Hostile or malformed packages: refused with the reason, nothing extracted nor recorded.
    let huge = s.path("lon.edxml");
    let original = std::fs::read_to_string(&package).expect("present");
    let start = original.find("<ContentTransferEncoded>").expect("present") + 24;
    let end = original.find("</ContentTransferEncoded>").expect("present");
    let mut big = String::with_capacity(original.len() + (70 << 20));
    big.push_str(&original[..start]);
    big.extend(std::iter::repeat_n('A', 70 << 20));
    big.push_str(&original[end..]);
    std::fs::write(&huge, big).expect("present");
    let dir = s.path("khong-ghi");
    for (file, why) in [
        (huge.as_path(), "quá lớn"),
        (&fixture("hostile-entity-expansion.edxml"), "DTD"),
        (&fixture("hostile-external-entity.edxml"), "thực thể"),
        (
            &fixture("hostile-path-traversal.edxml"),
            "../../thoat-ra-ngoai.sh",
        ),
        (
            &fixture("malformed-truncated.edxml"),
            "không phải XML hợp lệ",
        ),
        (&fixture("malformed-priority.edxml"), "Priority"),
    ] {
        refused(
            db,
            &[
                "edxml",
                "read",
                p(file),
                "--out-dir",
                p(&dir),
                "--as",
                "vanthu",
            ],
            2,
            why,
        );
        assert!(!dir.exists(), "{}: nothing written", file.display());
    }
    assert!(!s.path("thoat-ra-ngoai.sh").exists());
    assert_eq!(open().distribution_statuses(1).expect("present").len(), 2);
    assert!(ok(db, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn"));
}

#[test]
fn the_long_an_plan_is_exchanged_as_edxml_on_a_file() {
    let s = Scratch::new("edxml");
    let db = s.path("vanban.db");
    let file = db.clone();
    exchange_the_long_an_plan(db.as_os_str(), &s, move || {
        workflow::open_at(&Location::File(file.clone())).expect("open")
    });
}

#[test]
fn the_long_an_plan_is_exchanged_as_edxml_on_the_server() {
    let Some(server) = scratch::test_server("edxml_on_the_server") else {
        return;
    };
    let s = Scratch::new("edxml-server");
    let db = ScratchDatabase::new(&server, "edxml_on_the_server").expect("scratch database");
    let settings = db.settings().clone();
    exchange_the_long_an_plan(OsStr::new(db.address()), &s, move || {
        workflow::open_at(&Location::Server(Box::new(settings.clone()))).expect("open")
    });
}

#[test]
fn an_organ_id_of_the_wrong_shape_in_a_directory_is_refused_naming_the_field() {
    let s = Scratch::new("edxml-directory");
    let db = s.path("vanban.db");
    let db = db.as_os_str();
    ok(db, &["init"]);
    let dir = s.path("danh-ba.toml");
    std::fs::write(
        &dir,
        "[[bodies]]\nabbreviation = \"UBND\"\nname = \"Ủy ban nhân dân tỉnh Long An\"\n\
         place = \"Long An\"\norgan_id = \"H40.00.00\"\n",
    )
    .expect("present");
    refused(
        db,
        &["directory", "import", p(&dir), "--as", "admin"],
        1,
        "bodies[0].organ_id",
    );
    std::fs::write(
        &dir,
        "[[bodies]]\nabbreviation = \"UBND\"\nname = \"Ủy ban nhân dân tỉnh Long An\"\n\
         place = \"Long An\"\n\n[[organs]]\nbody = \"UBND\"\norgan_id = \"000.00.21\"\n\
         name = \"Sở Thông tin và Truyền thông\"\n",
    )
    .expect("present");
    refused(
        db,
        &["directory", "import", p(&dir), "--as", "admin"],
        1,
        "organs[0].organ_id",
    );
}

#[test]
fn the_edxml_commands_explain_themselves_in_vietnamese() {
    let help = out(&command(&["edxml", "--help"]).output().expect("run"));
    for word in ["--to", "-o", "read", "Mã định danh", "--password-file"] {
        assert!(help.contains(word), "{word}: {help}");
    }
    let help = out(&command(&["edxml", "read", "--help"]).output().expect("run"));
    for word in ["--out-dir", "--as", "từ chối", "đã tiếp nhận"] {
        assert!(help.contains(word), "{word}: {help}");
    }
}
