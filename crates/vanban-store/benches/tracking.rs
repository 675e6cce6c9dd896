//! The speeds of issue 17: the tracking screen's query over 10,000 tasks of 500 issued plans
//! (goal ≤ 20 ms, on an SQLite file and on the PostgreSQL server), and creating the tracked
//! tasks of the Long An plan at its issue (goal ≤ 5 ms: its rows read from the model, and the
//! issue with them against the same issue without them). `cargo bench -p vanban-store --bench
//! tracking` (the server part when `VANBAN_TEST_PG` names a test server, with its password in
//! `PGPASSWORD`).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use vanban_core::Document;
use vanban_core::model::Frequency;
use vanban_store::*;
use vanban_test_support::scratch::{self, ScratchDatabase};

fn stamp() -> Stamp {
    Stamp {
        person: "admin".into(),
        at: DateTime::parse_from_rfc3339("2025-03-05T09:00:00+07:00").expect("time"),
    }
}

fn directory() -> Directory {
    Directory {
        bodies: vec![BodySpec {
            abbreviation: "UBND".into(),
            name: "Ủy ban nhân dân tỉnh Long An".into(),
            place: "Long An".into(),
            ..Default::default()
        }],
        people: vec![PersonSpec {
            login: "admin".into(),
            name: "Quản trị".into(),
            roles: Role::ALL.to_vec(),
            body: Some("UBND".into()),
            ..Default::default()
        }],
        registers: vec![RegisterSpec {
            body: "UBND".into(),
            name: "Sổ văn bản đi".into(),
            types: vec![],
            secret: false,
        }],
        ..Directory::default()
    }
}

fn long_an() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    let text = std::fs::read_to_string(&path).expect("the Long An fixture");
    vanban_core::exchange::from_str(&text).expect("valid fixture")
}

fn small() -> RevisionContent {
    RevisionContent {
        json: "{}".into(),
        doc_type: "ke-hoach".into(),
        subject: "Kế hoạch".into(),
        text: "Kế hoạch".into(),
    }
}

/// A signed document ready to issue.
fn signed(store: &mut Store, content: &RevisionContent) -> DocumentId {
    let id = store
        .create_document(
            &NewDocument {
                body: 1,
                content: content.clone(),
                copied_from: None,
            },
            &stamp(),
        )
        .expect("create")
        .id;
    for (from, to) in [
        (State::Draft, State::InReview),
        (State::InReview, State::Approved),
        (State::Approved, State::Signed),
    ] {
        store
            .change_state(
                &StateChange {
                    document: id,
                    from,
                    to,
                    revision: 1,
                    note: None,
                },
                &stamp(),
            )
            .expect("move");
    }
    id
}

fn issue(store: &mut Store, id: DocumentId, content: &RevisionContent, tracking: &NewTracking) {
    store
        .issue_tracked(
            &IssueRequest {
                document: id,
                register: 1,
                issued_on: NaiveDate::from_ymd_opt(2025, 3, 5).expect("date"),
                symbol: "KH-UBND".into(),
                details: RegisterDetails::default(),
            },
            &|_| content.clone(),
            tracking,
            &stamp(),
        )
        .expect("issue");
}

const UNITS: [&str; 12] = [
    "Sở Thông tin và Truyền thông",
    "Sở Tài chính",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Nội vụ",
    "Báo Long An",
    "Đài Phát thanh và Truyền hình Long An",
    "Văn phòng UBND tỉnh",
    "UBND cấp huyện",
    "Tỉnh Đoàn",
    "Sở Tư pháp",
    "Công an tỉnh",
];

/// The 20 task rows of plan `p`: due days spread over the year, some recurring, some open.
fn rows(p: usize) -> Vec<TrackedRow> {
    (0..20)
        .map(|i| {
            let k = p * 20 + i;
            let schedule = match k % 5 {
                0 => Schedule::Recurring {
                    every: Frequency::Weekly,
                    until: NaiveDate::from_ymd_opt(2025, 12, 31).expect("date"),
                },
                4 => Schedule::Open,
                _ => Schedule::Due {
                    on: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date")
                        + chrono::Days::new((k % 365) as u64),
                    hour: None,
                    minute: None,
                },
            };
            TrackedRow {
                path: format!("tasks[{}].tasks[{}]", i / 5, i % 5),
                number: format!("{}.{}", i / 5 + 1, i % 5 + 1),
                groups: vec![RowGroup {
                    number: format!("{}", i / 5 + 1),
                    title: "Tuyên truyền, phổ biến, quán triệt trong cơ quan nhà nước".into(),
                }],
                text: format!(
                    "Nhiệm vụ {k}: tuyên truyền cán bộ, công chức, viên chức cài đặt và sử \
                     dụng các nền tảng số, dịch vụ công trực tuyến; mở chuyên mục về chuyển đổi số."
                ),
                lead: vec![UNITS[k % UNITS.len()].to_owned()],
                cooperating: vec![
                    UNITS[(k + 3) % UNITS.len()].to_owned(),
                    UNITS[(k + 7) % UNITS.len()].to_owned(),
                ],
                time: "Quý I đến Quý IV".into(),
                schedule,
            }
        })
        .collect()
}

/// 500 issued plans of 20 tasks each, a report on every third task.
fn ten_thousand_tasks(store: &mut Store) {
    store
        .import_directory(&directory(), &stamp())
        .expect("directory");
    let started = Instant::now();
    for p in 0..500 {
        let id = signed(store, &small());
        let tracking = NewTracking {
            rows: rows(p),
            replaces: None,
        };
        issue(store, id, &small(), &tracking);
    }
    let tasks = store
        .tracked_tasks(&TaskQuery::on(
            NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        ))
        .expect("list");
    for t in tasks.iter().filter(|t| t.id % 3 == 0) {
        let report = NewReport {
            task: t.id,
            capacity: Capacity::Lead,
            unit: t.lead.first().cloned(),
            percent: 50,
            note: "Đã triển khai một phần.".into(),
            done: t.id % 2 == 0,
            attachments: Vec::new(),
        };
        store.add_report(&report, &stamp()).expect("report");
    }
    eprintln!(
        "{} tasks of 500 plans and their reports made in {:.0?}",
        tasks.len(),
        started.elapsed()
    );
}

/// The tracking screen's queries, on one store: its first page (100 tasks, overdue first, of
/// the 10,000), then whole lists: every task of the body, one unit's tasks, the overdue ones,
/// those due within 7 days.
fn screen(c: &mut Criterion, prefix: &str, store: &Store) {
    let today = NaiveDate::from_ymd_opt(2025, 7, 1).expect("date");
    let all = TaskQuery {
        body: Some(1),
        ..TaskQuery::on(today)
    };
    assert_eq!(store.tracked_tasks(&all).expect("list").len(), 10_000);
    let unit = TaskQuery {
        units: vec![vanban_core::validate::unit_key(UNITS[0])],
        ..all.clone()
    };
    let overdue = TaskQuery {
        statuses: vec![Status::Overdue],
        ..all.clone()
    };
    let soon = TaskQuery {
        due_within: Some(7),
        ..all.clone()
    };
    // What the screen shows first: a page of 100, overdue first.
    let page = TaskQuery {
        limit: Some(100),
        ..all.clone()
    };
    for (name, query) in [
        ("screen_first_page", &page),
        ("all_overdue_first", &all),
        ("one_unit", &unit),
        ("overdue", &overdue),
        ("due_within_7_days", &soon),
    ] {
        c.bench_function(&format!("{prefix}/tracking_10k/{name}"), |b| {
            b.iter(|| store.tracked_tasks(black_box(query)).expect("list"))
        });
    }
}

fn tracking_screen(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create_file(&dir.path().join("tracking.db")).expect("db");
    ten_thousand_tasks(&mut store);
    screen(c, "store", &store);
    let Some(server) = scratch::test_server("bench tracking") else {
        return;
    };
    let db = ScratchDatabase::new(&server, "bench_tracking").expect("scratch database");
    migrate::sqlite_to_postgres(&store, db.settings()).expect("copy to the server");
    let mut pg = Store::open_server(db.settings()).expect("open");
    pg.execute_raw("ANALYZE").expect("analyze");
    screen(c, "pg", &pg);
}

/// Creating the tasks of the Long An plan at its issue: reading its rows from the model, and
/// the issue with its 18 tasks against the same issue without them (the difference is what
/// the tasks cost; each issue commits to disk).
fn long_an_at_issue(c: &mut Criterion) {
    let doc = long_an();
    c.bench_function("tracking/long_an_rows", |b| {
        b.iter(|| vanban_core::tracking::tracked_rows(black_box(&doc), 2025))
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create_file(&dir.path().join("issue.db")).expect("db");
    store
        .import_directory(&directory(), &stamp())
        .expect("directory");
    let content = small();
    let with = NewTracking {
        rows: vanban_core::tracking::tracked_rows(&doc, 2025),
        replaces: None,
    };
    assert_eq!(with.rows.len(), 18);
    let without = NewTracking::default();
    let mut group = c.benchmark_group("tracking");
    group.sample_size(30);
    for (name, tracking) in [
        ("issue_long_an_with_tasks", &with),
        ("issue_long_an_without_tasks", &without),
    ] {
        group.bench_function(name, |b| {
            // Preparing a signed document is not timed; only the issue is.
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let id = signed(&mut store, &content);
                    let t = Instant::now();
                    issue(&mut store, id, &content, tracking);
                    total += t.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, long_an_at_issue, tracking_screen);
criterion_main!(benches);
