//! The four speeds of issue 5: save a revision of the Long An plan, issue a number, search
//! across 100,000 documents, open the first page of the list of 100,000 documents.
//! `cargo bench -p vanban-store --bench store`.
//!
//! The databases are files (WAL, `synchronous = FULL`: every commit reaches the disk), as in
//! use. The 100,000 documents are generated once, when the bench starts.

use std::hint::black_box;
use std::path::Path;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use vanban_core::Document;
use vanban_store::sqlite::SqliteStore;
use vanban_store::*;

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
    let mut store = SqliteStore::create(&dir.path().join("bench.db")).expect("db");
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
    c.bench_function("store/save_revision_long_an", |b| {
        b.iter(|| {
            store
                .save_revision(black_box(id), &rev, &stamp())
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
    let mut store = SqliteStore::create(&dir.path().join("big.db")).expect("db");
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
}

criterion_group!(benches, save_and_issue, hundred_thousand);
criterion_main!(benches);
