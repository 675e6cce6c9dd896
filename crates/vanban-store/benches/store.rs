//! The four speeds of issue 5: save a revision of the Long An plan, issue a number, search
//! across 100,000 documents, open the first page of the list of 100,000 documents; and those of
//! issue 9: issues per second from 16 clients at once on one register, on an SQLite file and
//! on the PostgreSQL server, and the same searches across the same 100,000 documents on the
//! server. `cargo bench -p vanban-store --bench store` (the server parts when `VANBAN_TEST_PG`
//! names a test server, with its password in `PGPASSWORD`).
//!
//! The SQLite databases are files (WAL, `synchronous = FULL`: every commit reaches the disk), as
//! in use. The 100,000 documents are generated once, when the bench starts, and copied to the
//! server with `migrate::sqlite_to_postgres` (the copy's time is printed).

use std::hint::black_box;
use std::path::Path;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use vanban_core::Document;
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
            abbreviation: "STTTT".into(),
            name: "Sở Thông tin và Truyền thông".into(),
            parent_name: Some("UBND tỉnh Lạng Sơn".into()),
            place: "Lạng Sơn".into(),
            address_line: None,
            ..Default::default()
        }],
        people: vec![PersonSpec {
            login: "admin".into(),
            name: "Quản trị".into(),
            titles: vec![],
            roles: Role::ALL.to_vec(),
            body: Some("STTTT".into()),
            unit: None,
            ..Default::default()
        }],
        registers: vec![RegisterSpec {
            body: "STTTT".into(),
            name: "Sổ văn bản đi".into(),
            types: vec![],
            secret: false,
        }],
        ..Directory::default()
    }
}

/// The Long An plan (the largest seed); when the fixture is absent from this checkout, a
/// generated plan of the same shape, said so on stderr.
fn long_an() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    if let Ok(text) = std::fs::read_to_string(&path) {
        return vanban_core::exchange::from_str(&text).expect("valid fixture");
    }
    eprintln!(
        "note: {} is missing; using a generated plan instead",
        path.display()
    );
    let mut doc = vanban_core::skeleton::new_document(vanban_core::DocumentType::KeHoach);
    doc.subject = "Tuyên truyền chuyển đổi số năm 2025 trên địa bàn tỉnh".into();
    doc.closing = vanban_core::RichText::plain(
        "Các sở, ban, ngành tỉnh triển khai thực hiện nội dung kế hoạch chuyển đổi số. "
            .repeat(600),
    );
    doc
}

fn content(doc: &Document) -> RevisionContent {
    RevisionContent {
        json: vanban_core::exchange::to_string(doc),
        doc_type: doc.doc_type.slug().to_owned(),
        subject: doc.subject.clone(),
        text: vanban_core::plain::to_string(&vanban_core::plain::plain_text(doc)),
    }
}

fn save_and_issue(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create_file(&dir.path().join("bench.db")).expect("db");
    store
        .import_directory(&directory(), &stamp())
        .expect("directory");
    let doc = long_an();
    let rev = content(&doc);
    eprintln!("revision JSON: {} KB", rev.json.len() / 1024);
    let id = store
        .create_document(
            &NewDocument {
                body: 1,
                content: rev.clone(),
                copied_from: None,
            },
            &stamp(),
        )
        .expect("create")
        .id;
    // What a stored style profile adds to each export: one read of the body's TOML.
    let profile = include_str!("../../../templates/nd30.toml");
    store
        .set_style_profile(1, Some(profile), &stamp())
        .expect("profile");
    c.bench_function("store/style_profile_read", |b| {
        b.iter(|| store.style_profile(black_box(1)).expect("read"))
    });
    let mut current = 1;
    c.bench_function("store/save_revision_long_an", |b| {
        b.iter(|| {
            store
                .save_revision(black_box(id), current, &rev, &stamp())
                .map(|r| current = r.no)
                .expect("save")
        })
    });

    let small = RevisionContent {
        json: "{}".into(),
        doc_type: "ke-hoach".into(),
        subject: "Kế hoạch".into(),
        text: "Kế hoạch".into(),
    };
    let mut group = c.benchmark_group("store");
    group.sample_size(30);
    group.bench_function("issue_number", |b| {
        // Preparing a signed document is not timed; only the issue is.
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let id = store
                    .create_document(
                        &NewDocument {
                            body: 1,
                            content: small.clone(),
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
                let t = std::time::Instant::now();
                store
                    .issue(
                        &IssueRequest {
                            document: id,
                            register: 1,
                            issued_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 5).expect("date"),
                            symbol: "KH-STTTT".into(),
                            details: RegisterDetails::default(),
                        },
                        &|_| small.clone(),
                        &stamp(),
                    )
                    .expect("issue");
                total += t.elapsed();
            }
            total
        })
    });
    group.finish();
}

const WORDS: &[&str] = &[
    "chuyển",
    "đổi",
    "số",
    "kế",
    "hoạch",
    "tuyên",
    "truyền",
    "phòng",
    "chống",
    "thiên",
    "tai",
    "đào",
    "tạo",
    "cán",
    "bộ",
    "hội",
    "nghị",
    "sơ",
    "kết",
    "năm",
    "tỉnh",
    "huyện",
    "xã",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "an",
    "toàn",
    "thông",
    "tin",
    "ngân",
    "sách",
    "giáo",
    "dục",
    "y",
    "tế",
    "nông",
    "nghiệp",
    "du",
    "lịch",
    "văn",
    "hóa",
    "thể",
    "thao",
    "giao",
    "đường",
];

fn hundred_thousand(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create_file(&dir.path().join("big.db")).expect("db");
    store
        .import_directory(&directory(), &stamp())
        .expect("directory");
    let started = std::time::Instant::now();
    let mut seed: u64 = 42;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[(seed % WORDS.len() as u64) as usize]
    };
    for i in 0..100_000u32 {
        let subject: Vec<&str> = (0..8).map(|_| word()).collect();
        let text: Vec<&str> = (0..120).map(|_| word()).collect();
        let c = RevisionContent {
            json: format!("{{\"n\": {i}}}"),
            doc_type: "ke-hoach".into(),
            subject: subject.join(" "),
            text: text.join(" "),
        };
        store
            .create_document(
                &NewDocument {
                    body: 1,
                    content: c,
                    copied_from: None,
                },
                &stamp(),
            )
            .expect("create");
    }
    eprintln!("100,000 documents generated in {:.0?}", started.elapsed());
    // The full-text indexes' pages (FTS5's `_data` and `_idx` tables) and the text they keep.
    let file = rusqlite::Connection::open(dir.path().join("big.db")).expect("the file");
    for table in ["search", "search_subject"] {
        let size = |parts: &str| -> f64 {
            let sql = format!(
                "SELECT SUM(pgsize) FROM dbstat WHERE name IN ({})",
                (parts.split(' ').map(|p| format!("'{table}_{p}'")))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let bytes: i64 = file.query_row(&sql, [], |r| r.get(0)).expect("dbstat");
            bytes as f64 / 1e6
        };
        let (index, text) = (size("data idx"), size("content docsize"));
        eprintln!("SQLite {table}: index {index:.1} MB, text {text:.1} MB");
    }
    c.bench_function("store/search_100k/chuyen_doi_so", |b| {
        b.iter(|| {
            store
                .search(black_box("chuyen doi so"), 50)
                .expect("search")
        })
    });
    c.bench_function("store/search_100k/rare_phrase", |b| {
        b.iter(|| {
            store
                .search(black_box("giao duc du lich an toan"), 50)
                .expect("search")
        })
    });
    c.bench_function("store/list_100k/first_page", |b| {
        b.iter(|| {
            store
                .list_documents(black_box(&ListQuery::default()))
                .expect("list")
        })
    });

    let Some(server) = scratch::test_server("bench hundred_thousand") else {
        return;
    };
    let db = ScratchDatabase::new(&server, "bench_100k").expect("scratch database");
    let started = std::time::Instant::now();
    migrate::sqlite_to_postgres(&store, db.settings()).expect("copy to the server");
    eprintln!(
        "100,000 documents copied to the server in {:.0?}",
        started.elapsed()
    );
    let mut admin = scratch::client(db.settings());
    for relation in ["search_words", "search_subject_words", "search"] {
        let bytes: i64 = admin
            .query_one("SELECT pg_relation_size($1::text::regclass)", &[&relation])
            .expect("size")
            .get(0);
        eprintln!("PostgreSQL {relation}: {:.1} MB", bytes as f64 / 1e6);
    }
    let pg = Store::open_server(db.settings()).expect("open");
    // Fresh statistics, as autovacuum would have them on a server in use.
    let mut pg = pg;
    pg.execute_raw("ANALYZE").expect("analyze");
    for (name, query) in [
        ("pg/search_100k/chuyen_doi_so", "chuyen doi so"),
        ("pg/search_100k/rare_phrase", "giao duc du lich an toan"),
    ] {
        assert_eq!(
            pg.search(query, 50).expect("search").len(),
            store.search(query, 50).expect("search").len(),
            "{query}: both stores find as many"
        );
        c.bench_function(name, |b| {
            b.iter(|| pg.search(black_box(query), 50).expect("search"))
        });
    }
    c.bench_function("pg/list_100k/first_page", |b| {
        b.iter(|| {
            pg.list_documents(black_box(&ListQuery::default()))
                .expect("list")
        })
    });
}

/// Signed documents ready to issue, in any store.
fn signed(store: &mut Store, n: usize) -> Vec<DocumentId> {
    let small = RevisionContent {
        json: "{}".into(),
        doc_type: "ke-hoach".into(),
        subject: "Kế hoạch".into(),
        text: "Kế hoạch".into(),
    };
    (0..n)
        .map(|_| {
            let id = store
                .create_document(
                    &NewDocument {
                        body: 1,
                        content: small.clone(),
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
        })
        .collect()
}

const CLIENTS: usize = 16;

/// One iteration: every one of 16 clients (own connection, own thread) issues one document
/// from the same register, all at once. Throughput = 16 / the time of an iteration.
fn sixteen_clients(c: &mut Criterion, name: &str, connect: impl Fn() -> Store + Sync) {
    let mut setup = connect();
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(10));
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let iters = usize::try_from(iters).expect("iterations");
            let ids = signed(&mut setup, CLIENTS * iters);
            let start = std::sync::Arc::new(std::sync::Barrier::new(CLIENTS + 1));
            let clients: Vec<_> = ids
                .chunks(iters)
                .map(|chunk| {
                    let chunk = chunk.to_vec();
                    let mut store = connect();
                    let start = std::sync::Arc::clone(&start);
                    std::thread::spawn(move || {
                        start.wait();
                        for id in chunk {
                            store
                                .issue(
                                    &IssueRequest {
                                        document: id,
                                        register: 1,
                                        issued_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 5)
                                            .expect("date"),
                                        symbol: "KH-STTTT".into(),
                                        details: RegisterDetails::default(),
                                    },
                                    &|_| RevisionContent {
                                        json: "{}".into(),
                                        doc_type: "ke-hoach".into(),
                                        subject: "Kế hoạch".into(),
                                        text: "Kế hoạch".into(),
                                    },
                                    &stamp(),
                                )
                                .expect("issue");
                        }
                    })
                })
                .collect();
            start.wait();
            let t = std::time::Instant::now();
            for client in clients {
                client.join().expect("client");
            }
            t.elapsed()
        })
    });
    group.finish();
}

fn concurrent_issue(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("clients.db");
    let mut file = Store::create_file(&path).expect("db");
    file.import_directory(&directory(), &stamp())
        .expect("directory");
    drop(file);
    sixteen_clients(c, "issue_16_clients_sqlite", || {
        Store::open_file(&path).expect("open")
    });
    let Some(server) = scratch::test_server("bench concurrent_issue") else {
        return;
    };
    let db = ScratchDatabase::new(&server, "bench_clients").expect("scratch database");
    let mut pg = Store::create_server(db.settings()).expect("create");
    pg.import_directory(&directory(), &stamp())
        .expect("directory");
    sixteen_clients(c, "issue_16_clients_pg", || {
        Store::open_server(db.settings()).expect("open")
    });
}

criterion_group!(benches, save_and_issue, concurrent_issue, hundred_thousand);
criterion_main!(benches);
