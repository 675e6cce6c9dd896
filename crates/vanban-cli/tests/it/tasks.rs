//! Following a plan from the command line, as a province's office does: the Long An plan issued
//! through `vanban`, one tracked task per row of its task table with the due day its time gives
//! (each kind of time), the status moving with the clock (`VANBAN_NOW`) and with the reports of
//! the units' focal points, reports refused for people with no part in a task, the báo cáo
//! drafted from the reports (checked and exported like any document), and the tracking table
//! exported for a meeting. On an SQLite file, and on the PostgreSQL test server when there is one.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use vanban_app::workflow::store::Location;
use vanban_app::workflow::{self, Which};
use vanban_test_support::scratch::{self, ScratchDatabase};

use crate::support::{Scratch, at, command, docx_paragraphs, err, ok_at, out, repo, text};

const LONG_AN: &str = "tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json";
const DIRECTORY: &str = "tests/fixtures/directory-long-an.toml";

const ISSUED: &str = "2025-03-05T09:00:00+07:00";

/// The Long An plan with one row of each kind of time besides its own quarters and
/// frequencies: a deadline with an hour, a date, a quarter of a given year, months, and two
/// times written as text (one naming a day, one not).
fn plan_with_every_kind_of_time() -> Value {
    let text = std::fs::read_to_string(repo().join(LONG_AN)).expect("fixture");
    let mut plan: Value = serde_json::from_str(&text).expect("json");
    let tasks = &mut plan["document"]["tasks"];
    tasks[0]["tasks"][2]["time"] =
        json!({"kind": "deadline", "date": "2025-05-11", "hour": 17, "minute": 0});
    tasks[1]["tasks"][0]["time"] = json!({"kind": "date", "date": "2025-04-15"});
    tasks[3]["time"] = json!({"kind": "quarters", "from": 2, "to": 2, "year": 2025});
    tasks[4]["time"] = json!({"kind": "months", "from_month": 1, "from_year": 2025,
        "to_month": 6, "to_year": 2025});
    tasks[5]["time"] = json!({"kind": "text", "text": "Trước 30/9/2025"});
    tasks[6]["time"] = json!({"kind": "text", "text": "Theo chỉ đạo của UBND tỉnh"});
    plan
}

/// The task rows of a plan (groups are not rows).
fn task_rows(plan: &Value) -> usize {
    fn count(nodes: &Value) -> usize {
        (nodes.as_array().into_iter().flatten())
            .map(|n| match n["kind"].as_str() {
                Some("group") => count(&n["tasks"]),
                _ => 1,
            })
            .sum()
    }
    count(&plan["document"]["tasks"])
}

/// The tracked tasks of plan 1 as `vanban tasks --format json` lists them on a day.
fn listed(db: &OsStr, now: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "tasks",
        "--plan",
        "1",
        "--format",
        "json",
        "--as",
        "chanhvanphong",
    ];
    args.extend(extra);
    let o = ok_at(db, now, &args);
    serde_json::from_str::<Value>(&o)
        .expect("json")
        .as_array()
        .cloned()
        .expect("a list")
}

/// The first listed task with a number.
fn numbered<'a>(tasks: &'a [Value], number: &str) -> &'a Value {
    tasks
        .iter()
        .find(|t| t["number"] == number)
        .unwrap_or_else(|| panic!("no task {number} in {tasks:?}"))
}

fn id_of(tasks: &[Value], number: &str) -> String {
    numbered(tasks, number)["id"].to_string()
}

fn poppler(cmd: &str, pdf: &Path) -> String {
    let mut c = Command::new(cmd);
    c.arg(pdf);
    if cmd == "pdftotext" {
        c.arg("-");
    }
    let o = c.output().expect("poppler-utils (installed by ./x test)");
    assert!(o.status.success(), "{cmd}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The whole story on one database (a file path or a server's address).
fn follow_the_long_an_plan(db: &OsStr, s: &Scratch, open: impl Fn() -> workflow::Workflow) {
    let plan = plan_with_every_kind_of_time();
    let plan_file = s.path("long-an.json");
    std::fs::write(&plan_file, serde_json::to_string(&plan).expect("json")).expect("write");
    let plan_arg = plan_file.to_str().expect("utf-8 path");
    let directory = repo().join(DIRECTORY);
    let directory = directory.to_str().expect("utf-8 path");
    ok_at(db, ISSUED, &["init"]);
    ok_at(
        db,
        ISSUED,
        &["directory", "import", directory, "--as", "admin"],
    );
    assert_eq!(
        ok_at(db, ISSUED, &["import", plan_arg, "--as", "chuyenvien"]),
        "1"
    );
    ok_at(db, ISSUED, &["submit", "1", "--as", "chuyenvien"]);
    ok_at(db, ISSUED, &["approve", "1", "--as", "chanhvanphong"]);
    ok_at(db, ISSUED, &["sign", "1", "--as", "phochutich"]);
    assert_eq!(
        ok_at(db, ISSUED, &["issue", "1", "--as", "vanthu"]),
        "01/KH-UBND"
    );

    // One tracked task per row of the task table, numbered as the plan prints them.
    let tasks = listed(db, ISSUED, &[]);
    assert_eq!(tasks.len(), task_rows(&plan));
    assert_eq!(tasks.len(), 18);
    let mut numbers: Vec<&str> = tasks.iter().filter_map(|t| t["number"].as_str()).collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        [
            "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.1", "3.2", "3.3",
            "3.4", "3.5", "4", "5", "6", "7"
        ],
        "a row continuing the one above shares its number"
    );
    assert!(tasks.iter().all(|t| t["plan_number"] == "01/KH-UBND"));
    // Each kind of time gives its due day.
    let schedule = |n: &str| numbered(&tasks, n)["schedule"].clone();
    assert_eq!(
        schedule("1.3"),
        json!({"kind": "due", "on": "2025-05-11", "hour": 17, "minute": 0})
    );
    assert_eq!(
        schedule("2.1"),
        json!({"kind": "due", "on": "2025-04-15", "hour": null, "minute": null})
    );
    assert_eq!(schedule("4")["on"], "2025-06-30", "Quý II năm 2025");
    assert_eq!(
        schedule("5")["on"],
        "2025-06-30",
        "tháng 01/2025 đến tháng 6/2025"
    );
    assert_eq!(schedule("6")["on"], "2025-09-30", "“Trước 30/9/2025”");
    assert_eq!(schedule("7"), json!({"kind": "open"}), "free text");
    assert_eq!(
        schedule("1.2")["on"],
        "2025-12-31",
        "Quý I đến Quý IV: the plan's year"
    );
    assert_eq!(
        schedule("1.1"),
        json!({"kind": "recurring", "every": "continuous", "until": "2025-12-31"}),
        "Thường xuyên: up to the plan's end"
    );
    assert_eq!(schedule("2.2")["every"], "weekly");
    assert_eq!(numbered(&tasks, "2.1")["lead"], json!(["Báo Long An"]));
    assert_eq!(numbered(&tasks, "7")["status"], "no-deadline");
    assert!(
        (tasks.iter())
            .filter(|t| t["number"] != "7")
            .all(|t| t["status"] == "not-started"),
        "{tasks:?}"
    );
    let human = ok_at(db, ISSUED, &["tasks", "--as", "chanhvanphong"]);
    assert!(human.contains("01/KH-UBND"), "{human}");
    assert!(human.contains("Chưa thực hiện"), "{human}");

    let t13 = id_of(&tasks, "1.3");
    let t21 = id_of(&tasks, "2.1");
    let t7 = id_of(&tasks, "7");

    // A report by the lead unit's focal point moves the task from not started to in progress.
    let april_10 = "2025-04-10T10:00:00+07:00";
    ok_at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t13,
            "--percent",
            "40",
            "--note",
            "Đã ban hành hướng dẫn tuyên truyền.",
            "--ref",
            "215/STTTT-BCVT",
            "--as",
            "daumoi.stttt",
        ],
    );
    let on_10 = listed(db, april_10, &[]);
    assert_eq!(numbered(&on_10, "1.3")["status"], "in-progress");
    assert_eq!(numbered(&on_10, "1.3")["percent"], 40);

    // A unit with no part in the task, and a person of the lead unit who is not its focal
    // point: refused (exit 1), saying why; nothing recorded.
    let o = at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t13,
            "--percent",
            "10",
            "--note",
            "x",
            "--as",
            "daumoi.stc",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        err(&o).contains("không được báo cáo nhiệm vụ 1.3 của 01/KH-UBND"),
        "{}",
        err(&o)
    );
    assert!(
        err(&o).contains("không thuộc đơn vị chủ trì"),
        "{}",
        err(&o)
    );
    let o = at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t13,
            "--percent",
            "10",
            "--note",
            "x",
            "--as",
            "chuyenvien.stttt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err(&o).contains("không phải đầu mối"), "{}", err(&o));
    // A cooperating unit adds its part, but does not close the task.
    ok_at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t21,
            "--percent",
            "30",
            "--note",
            "Đã cung cấp tài liệu cho chuyên mục.",
            "--as",
            "daumoi.stttt",
        ],
    );
    let o = at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t21,
            "--percent",
            "100",
            "--note",
            "Xong",
            "--done",
            "--as",
            "daumoi.stttt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err(&o).contains("đơn vị phối hợp"), "{}", err(&o));
    // Unusable fields: exit 2, the field named.
    let o = at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t13,
            "--percent",
            "150",
            "--note",
            "x",
            "--as",
            "daumoi.stttt",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(err(&o).contains("“percent”"), "{}", err(&o));
    let o = at(
        db,
        april_10,
        &[
            "task",
            "report",
            &t13,
            "--percent",
            "nhiều",
            "--note",
            "x",
            "--as",
            "daumoi.stttt",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(err(&o).contains("--percent"), "{}", err(&o));

    // On its due day a task is not yet overdue; the day after, it is, listed first.
    let april_15 = "2025-04-15T16:00:00+07:00";
    assert!(listed(db, april_15, &["--status", "overdue"]).is_empty());
    let april_16 = "2025-04-16T08:00:00+07:00";
    let overdue = listed(db, april_16, &["--status", "overdue"]);
    let overdue_numbers: Vec<&str> = overdue
        .iter()
        .filter_map(|t| t["number"].as_str())
        .collect();
    assert_eq!(overdue_numbers, ["2.1"]);
    assert_eq!(
        listed(db, april_16, &[])[0]["number"],
        "2.1",
        "overdue first"
    );
    let soon: Vec<String> = listed(db, april_16, &["--status", "due-soon"])
        .iter()
        .map(|t| t["number"].to_string())
        .collect();
    assert!(
        soon.is_empty(),
        "nothing due within 7 days of 16/4: {soon:?}"
    );
    let soon = listed(db, "2025-05-05T08:00:00+07:00", &["--status", "due-soon"]);
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0]["number"], "1.3");

    // The lead unit reports it done, late: it moves from overdue to done late.
    let evidence = s.path("chuyen-muc.pdf");
    std::fs::write(&evidence, b"%PDF-1.4 chuyen muc").expect("write");
    ok_at(
        db,
        april_16,
        &[
            "task",
            "report",
            &t21,
            "--percent",
            "100",
            "--note",
            "Đã mở chuyên mục “Chuyển đổi số”, đăng 4 kỳ.",
            "--done",
            "--attach",
            evidence.to_str().expect("utf-8"),
            "--as",
            "daumoi.bla",
        ],
    );
    let after = listed(db, april_16, &[]);
    assert_eq!(numbered(&after, "2.1")["status"], "done-late");
    assert_eq!(numbered(&after, "2.1")["done_on"], "2025-04-16");
    assert!(listed(db, april_16, &["--status", "overdue"]).is_empty());
    assert_eq!(listed(db, april_16, &["--status", "done"]).len(), 1);
    assert_eq!(listed(db, april_16, &["--status", "no-deadline"]).len(), 1);
    // By unit: the tasks the Sở TT&TT leads or cooperates on.
    let stttt = listed(db, april_16, &["--unit", "STTTT"]);
    assert!(stttt.iter().any(|t| t["number"] == "1.3"));
    assert!(stttt.iter().any(|t| t["number"] == "2.1"), "cooperating");
    assert!(stttt.len() < 18);
    let o = at(
        db,
        april_16,
        &["tasks", "--unit", "XYZ", "--as", "chanhvanphong"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err(&o).contains("“XYZ”"), "{}", err(&o));

    // The follower (the plan's drafter until a head assigns someone) reports on any task.
    ok_at(
        db,
        april_16,
        &[
            "task",
            "report",
            &t7,
            "--percent",
            "20",
            "--note",
            "Đang chờ chỉ đạo của UBND tỉnh.",
            "--as",
            "chuyenvien",
        ],
    );

    // One task with its history.
    let detail = ok_at(db, april_16, &["task", &t21, "--as", "chanhvanphong"]);
    assert!(detail.contains("Nhiệm vụ 2.1 của 01/KH-UBND"), "{detail}");
    assert!(detail.contains("Hoàn thành quá hạn"), "{detail}");
    assert!(
        detail.contains("Đã cung cấp tài liệu cho chuyên mục."),
        "{detail}"
    );
    assert!(
        detail.contains("Huỳnh Thị Lan (daumoi.bla), Báo Long An: 100%"),
        "{detail}"
    );
    let json_detail: Value = serde_json::from_str(&ok_at(
        db,
        april_16,
        &["task", &t21, "--format", "json", "--as", "chanhvanphong"],
    ))
    .expect("json");
    let reports = json_detail["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[1]["attachments"][0]["name"], "chuyen-muc.pdf");
    assert_eq!(
        reports[1]["attachments"][0]["sha256"],
        vanban_app::workflow::store::audit::sha256_hex(b"%PDF-1.4 chuyen muc")
    );
    assert_eq!(json_detail["follower"]["login"], "chuyenvien");

    // The báo cáo drafted from the reports: a draft like any other, which validates and
    // exports with the parts of a báo cáo.
    let july = "2025-07-01T08:00:00+07:00";
    let id = ok_at(
        db,
        july,
        &["tasks", "draft-report", "--plan", "1", "--as", "chuyenvien"],
    );
    assert_eq!(id, "2");
    let wf = open();
    let (record, _, report) = wf.load_document(2, Which::Current).expect("load");
    assert_eq!(record.doc_type, "bao-cao");
    assert_eq!(record.owner_login, "chuyenvien");
    assert!(
        report
            .subject
            .starts_with("Kết quả thực hiện Kế hoạch số 01/KH-UBND ngày 05/3/2025"),
        "{}",
        report.subject
    );
    let checks = vanban_app::validate(&report);
    assert_eq!(checks.errors(), 0, "{:?}", checks.diagnostics);
    let report_file = s.path("bao-cao.json");
    std::fs::write(&report_file, vanban_core::exchange::to_string(&report)).expect("write");
    let o = command(&["validate", report_file.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let plain = vanban_core::plain::to_string(&vanban_core::plain::plain_text(&report));
    for must in [
        "Nhiệm vụ 2.1",
        "Đã mở chuyên mục “Chuyển đổi số”, đăng 4 kỳ",
        "Đã cung cấp tài liệu cho chuyên mục",
        "quá hạn",
        "Đang chờ chỉ đạo của UBND tỉnh",
    ] {
        assert!(
            plain.contains(must),
            "“{must}” not in the báo cáo:\n{plain}"
        );
    }
    let docx = s.path("bao-cao.docx");
    let pdf = s.path("bao-cao.pdf");
    for file in [&docx, &pdf] {
        ok_at(
            db,
            july,
            &[
                "export",
                "2",
                "-o",
                file.to_str().expect("utf-8"),
                "--as",
                "chuyenvien",
            ],
        );
    }
    let paras = docx_paragraphs(&docx);
    let text_of = |style: &str| -> Vec<&str> {
        (paras.iter())
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    assert_eq!(text_of("VBTenLoai"), ["BÁO CÁO"]);
    assert_eq!(
        text_of("VBCoQuanBanHanh")[0],
        "ỦY BAN NHÂN DÂN TỈNH LONG AN"
    );
    assert!(
        text_of("VBSoKyHieu")[0].ends_with("/BC-UBND"),
        "{:?}",
        text_of("VBSoKyHieu")
    );
    assert_eq!(text_of("VBHoTenNguoiKy"), ["Phạm Tấn Hòa"]);
    assert_eq!(
        text_of("VBDeMuc1"),
        [
            "I. KẾT QUẢ THỰC HIỆN",
            "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
            "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            "IV. KIẾN NGHỊ, ĐỀ XUẤT"
        ]
    );
    assert!(
        (paras.iter()).any(|(_, t)| t.starts_with("Thực hiện Kế hoạch số 01/KH-UBND")),
        "{paras:?}"
    );
    assert!(
        paras.iter().any(|(_, t)| t.starts_with("- Lưu: VT")),
        "{paras:?}"
    );
    assert!(
        paras
            .iter()
            .any(|(_, t)| t.contains("Bộ Thông tin và Truyền thông"))
    );
    assert!(poppler("pdfinfo", &pdf).contains("(A4)"));
    for row in poppler("pdffonts", &pdf).lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"]);
    }
    let flat = poppler("pdftotext", &pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("BÁO CÁO"), "{flat}");
    assert!(flat.contains("Phạm Tấn Hòa"), "{flat}");

    // The tracking table for a meeting: CSV, DOCX and PDF through the document's renderer.
    let csv = s.path("theo-doi.csv");
    let table_docx = s.path("theo-doi.docx");
    let table_pdf = s.path("theo-doi.pdf");
    for file in [&csv, &table_docx, &table_pdf] {
        let f = file.to_str().expect("utf-8");
        assert_eq!(
            ok_at(
                db,
                july,
                &[
                    "tasks",
                    "export",
                    "--plan",
                    "1",
                    "-o",
                    f,
                    "--as",
                    "chanhvanphong"
                ]
            ),
            f
        );
    }
    let csv = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        csv.starts_with("\u{feff}Văn bản,TT,Nhiệm vụ,Đơn vị chủ trì"),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 1 + 18, "a line per task row");
    assert!(csv.contains(",2.1,"), "{csv}");
    assert!(csv.contains("Hoàn thành quá hạn"), "{csv}");
    let table = docx_paragraphs(&table_docx);
    assert!(
        table
            .iter()
            .any(|(_, t)| t == "BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ")
    );
    assert!(
        table
            .iter()
            .any(|(_, t)| t == "(Tình hình đến ngày 01/7/2025)"),
        "{table:?}"
    );
    let flat = poppler("pdftotext", &table_pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ"), "{flat}");
    assert!(flat.contains("Quá hạn"), "{flat}");
    let o = at(
        db,
        july,
        &[
            "tasks",
            "export",
            "--plan",
            "1",
            "-o",
            "x.txt",
            "--as",
            "chanhvanphong",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("-o"), "{}", err(&o));

    // Every report is in the audit chain, which is intact.
    let audit = wf.store().audit_rows().expect("audit");
    assert_eq!(
        audit.iter().filter(|r| r.action == "task-report").count(),
        4
    );
    assert!(ok_at(db, july, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn"));
}

#[test]
fn the_long_an_plan_is_followed_until_the_report_back_on_a_file() {
    let s = Scratch::new("tasks");
    let db = s.path("vanban.db");
    let file = db.clone();
    follow_the_long_an_plan(db.as_os_str(), &s, move || {
        workflow::open_at(&Location::File(file.clone())).expect("open")
    });
}

#[test]
fn the_long_an_plan_is_followed_until_the_report_back_on_the_server() {
    let Some(server) = scratch::test_server("tasks_on_the_server") else {
        return;
    };
    let s = Scratch::new("tasks-server");
    let db = ScratchDatabase::new(&server, "tasks_on_the_server").expect("scratch database");
    let settings = db.settings().clone();
    follow_the_long_an_plan(OsStr::new(db.address()), &s, move || {
        workflow::open_at(&Location::Server(Box::new(settings.clone()))).expect("open")
    });
}

#[test]
fn each_tracking_command_explains_itself() {
    for args in [
        &["tasks", "--help"][..],
        &["tasks", "draft-report", "--help"],
        &["tasks", "export", "--help"],
        &["task", "--help"],
        &["task", "report", "--help"],
    ] {
        let o = command(args).output().expect("run");
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = out(&o);
        assert!(help.contains("--as"), "{args:?}: {help}");
    }
    let help = out(&command(&["task", "report", "--help"])
        .output()
        .expect("run"));
    for flag in [
        "--percent",
        "--note",
        "--done",
        "--attach",
        "--document",
        "--ref",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    let help = out(&command(&["tasks", "--help"]).output().expect("run"));
    for word in [
        "overdue",
        "due-soon",
        "done",
        "open",
        "no-deadline",
        "draft-report",
        "export",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
}
