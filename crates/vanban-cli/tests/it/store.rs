//! The workflow commands as a user or a script runs them: the whole flow, exit codes, eight
//! clerks issuing at once from real processes on a file and sixteen on the PostgreSQL test
//! server, `vanban db migrate`, and databases that must not be used.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{
    DRAFT, NOW, Scratch, err, ok_db as ok, out, run_db as vanban, run_db as vanban_at,
};

use vanban_app::workflow::chrono::DateTime;
use vanban_app::workflow::store::Location;
use vanban_app::workflow::store::Store;
use vanban_app::workflow::{self, Stamp, Workflow};
use vanban_test_support::scratch::{self, ScratchDatabase};

#[test]
fn the_whole_flow_from_the_command_line() {
    let s = Scratch::new("flow");
    let db = s.path("vanban.db");
    let draft = s.path("draft.json");
    std::fs::write(&draft, DRAFT).expect("write");
    let draft = draft.to_str().expect("utf-8 path");
    ok(&db, &["init", "--demo"]);
    let id = ok(&db, &["import", draft, "--as", "chuyenvien"]);
    assert_eq!(id, "1");

    // Refused by a rule: exit 1, and the message says what and why.
    let o = vanban(&db, &["approve", "1", "--as", "truongphong"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("đang ở trạng thái “Dự thảo”"),
        "{}",
        err(&o)
    );
    let o = vanban(&db, &["submit", "1", "--as", "vanthu"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("vanthu không được trình duyệt"),
        "{}",
        err(&o)
    );

    ok(&db, &["submit", "1", "--as", "chuyenvien"]);
    ok(
        &db,
        &[
            "comment",
            "1",
            "--on",
            "tasks[0]",
            "Ghi rõ thời gian.",
            "--as",
            "truongphong",
        ],
    );
    ok(
        &db,
        &[
            "return",
            "1",
            "--reason",
            "Ghi rõ thời gian.",
            "--as",
            "truongphong",
        ],
    );
    assert_eq!(ok(&db, &["save", "1", draft, "--as", "chuyenvien"]), "2");
    ok(&db, &["submit", "1", "--as", "chuyenvien"]);
    ok(&db, &["approve", "1", "--as", "truongphong"]);
    ok(&db, &["sign", "1", "--as", "giamdoc"]);
    assert_eq!(ok(&db, &["issue", "1", "--as", "vanthu"]), "01/KH-STTTT");

    // Frozen once issued.
    let o = vanban(&db, &["save", "1", draft, "--as", "chuyenvien"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));

    let history = ok(&db, &["history", "1"]);
    assert!(history.contains("Đã ký → Đã ban hành (bản 3)"), "{history}");
    assert!(history.contains("tasks[0]: Ghi rõ thời gian."), "{history}");
    let diff = ok(&db, &["diff", "1", "2", "3"]);
    assert!(diff.contains("+ Số: 01/KH-STTTT"), "{diff}");
    assert!(
        diff.contains("+ Lạng Sơn, ngày 05 tháng 3 năm 2025"),
        "{diff}"
    );
    let csv = ok(
        &db,
        &["register", "list", "--year", "2025", "--format", "csv"],
    );
    assert!(
        csv.contains(
            "\n01/KH-STTTT,05/3/2025,Kế hoạch Tổ chức Ngày Chuyển đổi số năm 2025,Lê Văn Cường"
        ),
        "{csv}"
    );
    let found = ok(&db, &["search", "chuyen doi so"]);
    assert!(found.contains("01/KH-STTTT"), "{found}");
    let audit = ok(&db, &["audit", "verify"]);
    assert!(audit.starts_with("Nhật ký nguyên vẹn: 10 dòng"), "{audit}");

    // Unusable input: exit 2.
    let o = vanban(
        &db,
        &["import", "/nonexistent/x.json", "--as", "chuyenvien"],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = vanban(&db, &["submit", "99", "--as", "chuyenvien"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("Không có văn bản số hiệu 99"),
        "{}",
        err(&o)
    );
}

/// A database with document 1 issued as 01/KH-STTTT on 05/3/2025.
fn issued(s: &Scratch) -> PathBuf {
    let db = s.path("vanban.db");
    let draft = s.path("draft.json");
    std::fs::write(&draft, DRAFT).expect("write");
    let draft = draft.to_str().expect("utf-8 path");
    ok(&db, &["init", "--demo"]);
    ok(&db, &["import", draft, "--as", "chuyenvien"]);
    ok(&db, &["submit", "1", "--as", "chuyenvien"]);
    ok(&db, &["approve", "1", "--as", "truongphong"]);
    ok(&db, &["sign", "1", "--as", "giamdoc"]);
    assert_eq!(ok(&db, &["issue", "1", "--as", "vanthu"]), "01/KH-STTTT");
    db
}

/// `vanban register export --year YEAR -o FILE --as vanthu`.
fn register_export(db: &Path, year: &str, file: &Path) -> Output {
    let file = file.to_str().expect("utf-8 path");
    vanban(
        db,
        &[
            "register", "export", "--year", year, "-o", file, "--as", "vanthu",
        ],
    )
}

/// How many rows `vanban audit verify` found in an intact record.
fn audit_rows(db: &Path) -> usize {
    let audit = ok(db, &["audit", "verify"]);
    audit
        .strip_prefix("Nhật ký nguyên vẹn: ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{audit}"))
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by ./x test)");
    assert!(o.status.success());
    // Words, one space apart: a cell's line breaks are the column's, not the text's.
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_page_size(pdf: &Path) -> String {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&o.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .map(|v| v.trim().to_owned())
        .unwrap_or(info)
}

fn docx_xml(docx: &Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(docx).expect("open docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("read");
    xml
}

#[test]
fn an_issued_document_exports_with_its_number_and_the_register_prints_as_the_form() {
    let s = Scratch::new("export");
    let db = issued(&s);

    // The document from the database, as issued: number and date filled in.
    let pdf = s.path("kh.pdf");
    let pdf_arg = pdf.to_str().expect("utf-8 path");
    assert_eq!(
        ok(&db, &["export", "1", "-o", pdf_arg, "--as", "vanthu"]),
        pdf_arg
    );
    let text = pdftotext(&pdf);
    assert!(text.contains("Số: 01/KH-STTTT"), "{text}");
    assert!(
        text.contains("Lạng Sơn, ngày 05 tháng 3 năm 2025"),
        "{text}"
    );
    assert!(text.contains("KẾ HOẠCH"), "{text}");
    let docx = s.path("kh.docx");
    ok(
        &db,
        &[
            "export",
            "1",
            "-o",
            docx.to_str().expect("path"),
            "--as",
            "vanthu",
        ],
    );
    let xml = docx_xml(&docx);
    assert!(xml.contains("01/KH-STTTT"), "the number is in the DOCX");
    // Exporting names who exports (a missing --as is a usage error); an unknown document is
    // refused.
    let o = vanban(&db, &["export", "1", "-o", pdf_arg]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("--as"), "{}", err(&o));
    let o = vanban(&db, &["export", "7", "-o", pdf_arg, "--as", "vanthu"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("Không có văn bản số hiệu 7"),
        "{}",
        err(&o)
    );

    // The register as the decree's form: landscape pages, the ten columns, the entry.
    let form = s.path("so-di.pdf");
    let o = register_export(&db, "2025", &form);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let size = pdf_page_size(&form);
    assert!(size.starts_with("841.89 x 595.276"), "landscape A4: {size}");
    let text = pdftotext(&form);
    for want in [
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Năm 2025",
        "01/KH-STTTT",
        "05/3/2025",
        "Lê Văn Cường",
        "Ký nhận",
        "Ghi chú",
    ] {
        assert!(text.contains(want), "{want:?} missing from\n{text}");
    }
    let form_docx = s.path("so-di.docx");
    let o = register_export(&db, "2025", &form_docx);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let xml = docx_xml(&form_docx);
    assert!(xml.contains(r#"w:orient="landscape""#), "landscape section");
    assert!(xml.contains("Tên loại và trích yếu nội dung văn bản"));
    assert!(xml.contains("01/KH-STTTT"));
    // A year with nothing issued is refused, and no file is written.
    let empty = s.path("2024.pdf");
    let o = register_export(&db, "2024", &empty);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("năm 2024 chưa có văn bản nào"),
        "{}",
        err(&o)
    );
    assert!(!empty.exists());

    // Every export is on the audit record, and the chain still verifies.
    let rows = audit_rows(&db);
    let baseline = Scratch::new("export-baseline");
    let base = audit_rows(&issued(&baseline));
    assert_eq!(
        rows,
        base + 4,
        "two document exports and two register exports"
    );

    // Lists for programs.
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["list", "--format", "json"])).expect("JSON");
    assert_eq!(list[0]["number_symbol"], "01/KH-STTTT", "{list}");
    assert_eq!(list[0]["state"], "issued", "{list}");
    let found: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["search", "ngay chuyen doi so", "--format", "json"],
    ))
    .expect("JSON");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
}

#[test]
fn an_edited_audit_row_is_found_by_audit_verify() {
    let s = Scratch::new("tamper");
    let db = s.path("vanban.db");
    let draft = s.path("draft.json");
    std::fs::write(&draft, DRAFT).expect("write");
    let draft = draft.to_str().expect("utf-8 path");
    ok(&db, &["init", "--demo"]);
    ok(&db, &["import", draft, "--as", "chuyenvien"]);
    ok(&db, &["submit", "1", "--as", "chuyenvien"]);
    ok(&db, &["approve", "1", "--as", "truongphong"]);
    ok(&db, &["sign", "1", "--as", "giamdoc"]);
    ok(&db, &["issue", "1", "--as", "vanthu"]);
    assert!(ok(&db, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn"));
    // Somebody opens the file in a hex editor and changes the number in the audit row of the
    // issue (same length, so SQLite still reads the file).
    let mut bytes = std::fs::read(&db).expect("read db");
    let from = br#""number_symbol":"01/KH-STTTT""#;
    let to = br#""number_symbol":"07/KH-STTTT""#;
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the audit row is in the file");
    bytes[at..at + from.len()].copy_from_slice(to);
    std::fs::write(&db, &bytes).expect("write db");
    let o = vanban(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(err(&o).contains("dòng 6 đã bị sửa"), "{}", err(&o));
}

#[test]
fn eight_processes_issue_800_numbers_without_gap_or_duplicate() {
    const PROCESSES: usize = 8;
    const EACH: usize = 100;
    let s = Scratch::new("concurrency");
    let db = s.path("vanban.db");
    let stamp = |person: &str| Stamp {
        person: person.into(),
        at: DateTime::parse_from_rfc3339(NOW).expect("time"),
    };
    // 800 signed documents, prepared in this process.
    let mut ids = Vec::new();
    {
        let mut wf = workflow::init(&db, "admin", true, &stamp("admin")).expect("init");
        let doc = vanban_core::exchange::from_str(DRAFT).expect("draft");
        for _ in 0..PROCESSES * EACH {
            let id = wf.create(&stamp("chuyenvien"), &doc).expect("create").id;
            wf.submit(&stamp("chuyenvien"), id).expect("submit");
            wf.approve(&stamp("truongphong"), id).expect("approve");
            wf.sign(&stamp("giamdoc"), id).expect("sign");
            ids.push(id);
        }
    }
    // Eight clerks at once, each issuing its share with one `vanban issue` process per document.
    let workers: Vec<_> = ids
        .chunks(EACH)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let db = db.clone();
            std::thread::spawn(move || {
                chunk
                    .iter()
                    .map(|id| {
                        let o = vanban(&db, &["issue", &id.to_string(), "--as", "vanthu"]);
                        assert_eq!(o.status.code(), Some(0), "issue {id}: {}", err(&o));
                        out(&o)
                    })
                    .collect::<Vec<String>>()
            })
        })
        .collect();
    let mut printed: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("worker"))
        .collect();
    printed.sort();
    let mut expected: Vec<String> = (1..=(PROCESSES * EACH) as u32)
        .map(|n| format!("{}/KH-STTTT", vanban_core::format::pad_number(n)))
        .collect();
    expected.sort();
    assert_eq!(printed, expected, "every number 01…800 exactly once");
    // And the register agrees.
    let wf: Workflow = workflow::open(&db).expect("open");
    let numbers: Vec<u32> = wf
        .register(2025)
        .expect("register")
        .iter()
        .map(|e| e.number)
        .collect();
    assert_eq!(numbers, (1..=(PROCESSES * EACH) as u32).collect::<Vec<_>>());
    assert!(wf.verify_audit().expect("verify").is_intact());
}

#[test]
fn unusable_databases_are_refused_and_left_as_they_were() {
    let s = Scratch::new("bad");
    let draft = s.path("draft.json");
    std::fs::write(&draft, DRAFT).expect("write");
    let draft = draft.to_str().expect("utf-8 path");

    // Not a database at all.
    let junk = s.path("junk.db");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
    std::fs::write(&junk, &bytes).expect("write");
    let o = vanban(&junk, &["import", draft, "--as", "chuyenvien"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("không phải cơ sở dữ liệu VănBản hoặc đã hỏng"),
        "{}",
        err(&o)
    );
    assert_eq!(
        std::fs::read(&junk).expect("read"),
        bytes,
        "nothing overwritten"
    );
    // `init` does not overwrite it either.
    let o = vanban(&junk, &["init", "--demo"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("không tạo lại"), "{}", err(&o));
    assert_eq!(std::fs::read(&junk).expect("read"), bytes);

    // A VănBản database whose first page was damaged.
    let damaged = s.path("damaged.db");
    ok(&damaged, &["init", "--demo"]);
    let mut bytes = std::fs::read(&damaged).expect("read");
    bytes[..16].copy_from_slice(b"not sqlite here\0");
    std::fs::write(&damaged, &bytes).expect("write");
    let o = vanban(&damaged, &["list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("đã hỏng"), "{}", err(&o));
    assert_eq!(std::fs::read(&damaged).expect("read"), bytes);

    // A newer VănBản's database: user_version is at byte 60 of the header.
    let newer = s.path("newer.db");
    ok(&newer, &["init", "--demo"]);
    let mut bytes = std::fs::read(&newer).expect("read");
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&newer, &bytes).expect("write");
    let o = vanban(&newer, &["import", draft, "--as", "chuyenvien"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("phiên bản VănBản mới hơn"), "{}", err(&o));
    assert!(err(&o).contains("lược đồ 99"), "{}", err(&o));
    assert_eq!(std::fs::read(&newer).expect("read"), bytes);

    // Another application's SQLite database: application_id is at byte 68.
    let foreign = s.path("foreign.db");
    ok(&foreign, &["init"]);
    let mut bytes = std::fs::read(&foreign).expect("read");
    bytes[68..72].copy_from_slice(&0x1234_5678u32.to_be_bytes());
    std::fs::write(&foreign, &bytes).expect("write");
    let o = vanban(&foreign, &["list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("của một ứng dụng khác"), "{}", err(&o));
    assert_eq!(std::fs::read(&foreign).expect("read"), bytes);

    // No database yet.
    let o = vanban(s.path("none.db"), &["list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("vanban init"), "{}", err(&o));
    assert!(!s.path("none.db").exists(), "opening creates nothing");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let s = Scratch::new("readonly");
    let folder = s.path("ro");
    std::fs::create_dir(&folder).expect("folder");
    let db = folder.join("vanban.db");
    let draft = s.path("draft.json");
    std::fs::write(&draft, DRAFT).expect("write");
    std::fs::set_permissions(&draft, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::fs::set_permissions(&s.0, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    ok(&db, &["init", "--demo"]);
    let before = std::fs::read(&db).expect("read");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root writes anywhere; run the command as "nobody" so that the folder is read-only to it,
    // from a copy of the binary that "nobody" may execute (the build folder may be private).
    let is_root = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    let program = if is_root {
        let copy = s.path("vanban");
        std::fs::copy(env!("CARGO_BIN_EXE_vanban"), &copy).expect("copy the binary");
        copy
    } else {
        PathBuf::from(env!("CARGO_BIN_EXE_vanban"))
    };
    let mut command = Command::new(program);
    command
        .args([
            "import",
            draft.to_str().expect("path"),
            "--as",
            "chuyenvien",
            "--db",
        ])
        .arg(&db)
        .env("VANBAN_NOW", NOW);
    if is_root {
        command.uid(65534).gid(65534);
    }
    let o = command.output().expect("run vanban");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("chỉ cho đọc"), "{}", err(&o));
    assert_eq!(std::fs::read(&db).expect("read"), before, "nothing written");
}

#[test]
fn sixteen_processes_issue_1600_numbers_from_one_register_on_the_server() {
    const PROCESSES: usize = 16;
    const EACH: usize = 100;
    let Some(server) = scratch::test_server("sixteen_processes") else {
        return;
    };
    let db = ScratchDatabase::new(&server, "sixteen_processes").expect("scratch database");
    let address = db.address().to_owned();
    let stamp = |person: &str| Stamp {
        person: person.into(),
        at: DateTime::parse_from_rfc3339(NOW).expect("time"),
    };
    // `vanban init` on the server, then 1,600 signed documents prepared in this process.
    assert_eq!(ok_at(&address, &["init", "--demo"]), address);
    let mut ids = Vec::new();
    {
        let mut wf =
            workflow::open_at(&Location::Server(Box::new(db.settings().clone()))).expect("open");
        let doc = vanban_core::exchange::from_str(DRAFT).expect("draft");
        for _ in 0..PROCESSES * EACH {
            let id = wf.create(&stamp("chuyenvien"), &doc).expect("create").id;
            wf.submit(&stamp("chuyenvien"), id).expect("submit");
            wf.approve(&stamp("truongphong"), id).expect("approve");
            wf.sign(&stamp("giamdoc"), id).expect("sign");
            ids.push(id);
        }
    }
    // Sixteen clerks at once, each issuing its share with one `vanban issue` process per
    // document, each process its own connection to the server.
    let started = std::time::Instant::now();
    let workers: Vec<_> = ids
        .chunks(EACH)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let address = address.clone();
            std::thread::spawn(move || {
                chunk
                    .iter()
                    .map(|id| ok_at(&address, &["issue", &id.to_string(), "--as", "vanthu"]))
                    .collect::<Vec<String>>()
            })
        })
        .collect();
    let mut printed: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("worker"))
        .collect();
    eprintln!(
        "{} issues by {PROCESSES} processes at once in {:.1?}",
        printed.len(),
        started.elapsed()
    );
    printed.sort();
    let mut expected: Vec<String> = (1..=(PROCESSES * EACH) as u32)
        .map(|n| format!("{}/KH-STTTT", vanban_core::format::pad_number(n)))
        .collect();
    expected.sort();
    assert_eq!(printed, expected, "every number 01…1600 exactly once");
    let wf = workflow::open_at(&Location::Server(Box::new(db.settings().clone()))).expect("open");
    let numbers: Vec<u32> = wf
        .register(2025)
        .expect("register")
        .iter()
        .map(|e| e.number)
        .collect();
    assert_eq!(numbers, (1..=(PROCESSES * EACH) as u32).collect::<Vec<_>>());
    assert!(wf.verify_audit().expect("verify").is_intact());
    assert!(ok_at(&address, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn"));
}

fn ok_at(db: &str, args: &[&str]) -> String {
    let o = vanban_at(db, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
    out(&o)
}

#[test]
fn the_whole_flow_on_the_server_and_a_file_moved_there_with_db_migrate() {
    let Some(server) = scratch::test_server("flow_on_the_server") else {
        return;
    };
    let s = Scratch::new("server");
    let file = issued(&s);
    let draft = s.path("draft.json");
    let draft = draft.to_str().expect("utf-8 path");
    let file_arg = file.to_str().expect("utf-8 path");
    ok(&file, &["import", draft, "--as", "chuyenvien"]);
    let target = ScratchDatabase::new(&server, "db_migrate").expect("scratch database");
    let to = target.address();
    let o = migrate(file_arg, to);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let copied = out(&o);
    assert!(
        copied
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["documents", "2", "dòng"]),
        "{copied}"
    );
    assert!(
        copied.contains("Nhật ký nguyên vẹn trên máy chủ: 7 dòng"),
        "{copied}"
    );
    // The server now answers as the file did, and the work goes on there.
    assert!(ok_at(to, &["search", "chuyen doi so"]).contains("01/KH-STTTT"));
    ok_at(to, &["submit", "2", "--as", "chuyenvien"]);
    ok_at(to, &["approve", "2", "--as", "truongphong"]);
    ok_at(to, &["sign", "2", "--as", "giamdoc"]);
    assert_eq!(ok_at(to, &["issue", "2", "--as", "vanthu"]), "02/KH-STTTT");
    let history = ok_at(to, &["history", "1"]);
    assert!(history.contains("Đã ký → Đã ban hành (bản 2)"), "{history}");
    assert!(ok_at(to, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn: 11 dòng"));
    // Twice into the same database: refused (exit 1), nothing changed.
    let o = migrate(file_arg, to);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("đã có dữ liệu VănBản"), "{}", err(&o));
    assert!(ok_at(to, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn: 11 dòng"));

    // A saved draft edited from an old revision: refused (exit 1), the file untouched.
    ok_at(to, &["import", draft, "--as", "chuyenvien"]);
    assert_eq!(
        ok_at(
            to,
            &["save", "3", draft, "--base", "1", "--as", "chuyenvien"]
        ),
        "2"
    );
    let o = vanban_at(
        to,
        &["save", "3", draft, "--base", "1", "--as", "chuyenvien"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("vẫn còn nguyên"), "{}", err(&o));
    assert_eq!(std::fs::read_to_string(draft).expect("read"), DRAFT);

    // A password in the address is refused before anything is sent.
    let with_password = to.replacen("postgres://vanban@", "postgres://vanban:x@", 1);
    let o = vanban_at(&with_password, &["list"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("PGPASSWORD"), "{}", err(&o));
    // A server that is not there: exit 2, a clear message.
    let o = vanban_at("postgres://vanban@127.0.0.1:1/vanban", &["list"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("Không kết nối được máy chủ"),
        "{}",
        err(&o)
    );
}

/// `vanban db migrate --from FILE --to ADDRESS`.
fn migrate(from: &str, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["db", "migrate", "--from", from, "--to", to])
        .env("VANBAN_NOW", NOW)
        .output()
        .expect("run vanban")
}

#[test]
fn the_administrator_sets_and_clears_a_pin_from_a_file_and_only_a_hash_is_kept() {
    let scratch = Scratch::new("pin");
    let db = scratch.path("vanban.db");
    ok(&db, &["init", "--demo"]);
    let pin = scratch.path("pin");
    std::fs::write(&pin, "2468\n").expect("pin file");
    let short = scratch.path("short");
    std::fs::write(&short, "12\n").expect("pin file");
    let pin_arg = pin.to_str().expect("path");
    // Not 4–8 digits: refused (a rule: exit 1), in Vietnamese.
    let o = vanban(
        &db,
        &[
            "directory",
            "pin",
            "truongphong",
            "--pin-file",
            short.to_str().expect("path"),
            "--as",
            "admin",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("Mã PIN phải gồm 4 đến 8 chữ số"),
        "{}",
        err(&o)
    );
    // Only the administrator.
    let o = vanban(
        &db,
        &[
            "directory",
            "pin",
            "truongphong",
            "--pin-file",
            pin_arg,
            "--as",
            "chuyenvien",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    ok(
        &db,
        &[
            "directory",
            "pin",
            "truongphong",
            "--pin-file",
            pin_arg,
            "--as",
            "admin",
        ],
    );
    let store = Store::open_file(&db).expect("open");
    let hash = store
        .pin_hash("truongphong")
        .expect("read")
        .expect("a hash");
    assert!(
        hash.starts_with("$argon2id$") && !hash.contains("2468"),
        "{hash}"
    );
    drop(store);
    // From then on the command, like the app, acts as the head of unit only with the PIN.
    let o = vanban(&db, &["list", "--as", "truongphong"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("Trần Thị Bình (truongphong) đã đặt mã PIN: thêm --user-pin-file"),
        "{}",
        err(&o)
    );
    let wrong = scratch.path("wrong");
    std::fs::write(&wrong, "1357\n").expect("pin file");
    let wrong_arg = wrong.to_str().expect("path");
    let o = vanban(
        &db,
        &["list", "--as", "truongphong", "--user-pin-file", wrong_arg],
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("mã PIN của truongphong không đúng"),
        "{}",
        err(&o)
    );
    ok(
        &db,
        &["list", "--as", "truongphong", "--user-pin-file", pin_arg],
    );
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["list", "--as", "truongphong", "--db"])
        .arg(&db)
        .env("VANBAN_NOW", NOW)
        .env("VANBAN_PIN_FILE", &pin)
        .output()
        .expect("run vanban");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // Whoever set none is not asked.
    ok(&db, &["list", "--as", "chuyenvien"]);
    ok(
        &db,
        &[
            "directory",
            "pin",
            "truongphong",
            "--clear",
            "--as",
            "admin",
        ],
    );
    let store = Store::open_file(&db).expect("open");
    assert_eq!(store.pin_hash("truongphong").expect("read"), None);
}

#[test]
fn the_body_style_profile_is_shown_set_by_the_administrator_and_used_by_exports() {
    let s = Scratch::new("style");
    let db = s.path("vanban.db");
    let draft = s.path("draft.json");
    std::fs::write(&draft, DRAFT).expect("write");
    ok(&db, &["init", "--demo"]);
    let id = ok(
        &db,
        &[
            "import",
            draft.to_str().expect("path"),
            "--as",
            "chuyenvien",
        ],
    );

    // The decree's default, as TOML that `style set` reads back, or as JSON entries.
    let shown = ok(&db, &["style", "show", "--as", "chuyenvien"]);
    assert!(
        shown.contains("[sizes]") && shown.contains("body = 14"),
        "{shown}"
    );
    let entries: serde_json::Value =
        serde_json::from_str(&ok(&db, &["style", "show", "--json", "--as", "chuyenvien"]))
            .expect("json");
    let body = entries
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["key"] == "sizes.body")
        .expect("sizes.body");
    assert_eq!(body["label"], "Cỡ chữ phần nội dung");
    assert_eq!(
        (
            body["value"].as_f64(),
            body["min"].as_f64(),
            body["max"].as_f64()
        ),
        (Some(14.0), Some(13.0), Some(14.0))
    );

    // A value outside the decree's range: refused, exit code 1, the value named.
    let file = s.path("the-thuc.toml");
    std::fs::write(&file, shown.replace("body = 14", "body = 16")).expect("write");
    let file_arg = file.to_str().expect("path");
    let o = vanban(&db, &["style", "set", file_arg, "--as", "admin"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("Cỡ chữ phần nội dung (`sizes.body`) = 16"),
        "{}",
        err(&o)
    );
    // Only the administrator.
    std::fs::write(
        &file,
        shown
            .replace("body = 14", "body = 13")
            .replace("margin_left_mm = 30", "margin_left_mm = 35"),
    )
    .expect("write");
    let o = vanban(&db, &["style", "set", file_arg, "--as", "chuyenvien"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("không được"), "{}", err(&o));
    ok(&db, &["style", "set", file_arg, "--as", "admin"]);
    assert!(ok(&db, &["style", "show", "--as", "vanthu"]).contains("body = 13"));

    // An export from the database follows the profile; --style FILE overrides it.
    let docx = s.path("kh.docx");
    let docx_arg = docx.to_str().expect("path");
    ok(&db, &["export", &id, "-o", docx_arg, "--as", "chuyenvien"]);
    assert!(docx_xml(&docx).contains(r#"w:left="1984""#));
    let default = s.path("nd30.toml");
    std::fs::write(&default, include_str!("../../../../templates/nd30.toml")).expect("write");
    ok(
        &db,
        &[
            "export",
            &id,
            "-o",
            docx_arg,
            "--style",
            default.to_str().expect("path"),
            "--as",
            "chuyenvien",
        ],
    );
    assert!(docx_xml(&docx).contains(r#"w:left="1701""#));

    ok(&db, &["style", "reset", "--as", "admin"]);
    assert!(ok(&db, &["style", "show", "--as", "admin"]).contains("body = 14"));
    ok(&db, &["export", &id, "-o", docx_arg, "--as", "chuyenvien"]);
    assert!(docx_xml(&docx).contains(r#"w:left="1701""#));
    ok(&db, &["audit", "verify"]);
}
