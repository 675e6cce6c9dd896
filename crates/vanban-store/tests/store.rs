//! The store's own guarantees, on each backend through one suite: rows the database itself
//! refuses to change, two clients saving the same draft at the same moment, clerks issuing from
//! one register at once on separate connections, a connection cut in the middle of an issue,
//! and the copy of an SQLite file to the server.
//!
//! Each test runs on an SQLite file and, when a test server is given (`VANBAN_TEST_PG`; `./x
//! test` starts one), on a fresh database of that server.

use std::sync::{Arc, Barrier};

use chrono::{DateTime, NaiveDate};
use vanban_store::postgres::scratch::{self, ScratchDatabase};
use vanban_store::postgres::{PgStore, ServerSettings};
use vanban_store::sqlite::SqliteStore;
use vanban_store::*;

fn stamp(person: &str) -> Stamp {
    Stamp {
        person: person.into(),
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
            ..BodySpec::default()
        }],
        people: vec![PersonSpec {
            login: "admin".into(),
            name: "Quản trị".into(),
            titles: vec![],
            roles: Role::ALL.to_vec(),
            body: Some("STTTT".into()),
            unit: None,
            ..PersonSpec::default()
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

fn content(text: &str) -> RevisionContent {
    RevisionContent {
        json: format!("{{\"text\": \"{text}\"}}"),
        doc_type: "ke-hoach".into(),
        subject: format!("Kế hoạch {text}"),
        text: text.into(),
    }
}

/// One backend: a database that several connections (clients) can open.
trait Backend: Sized {
    /// The store type.
    type S: Store + Send + 'static;
    /// A new client of the same database.
    fn connect(&self) -> Self::S;
    /// Runs raw SQL on a client.
    fn raw(store: &mut Self::S, sql: &str) -> Result<(), StoreError>;
}

struct File(tempfile::TempDir);

impl Backend for File {
    type S = SqliteStore;
    fn connect(&self) -> SqliteStore {
        let path = self.0.path().join("vanban.db");
        if path.exists() {
            SqliteStore::open(&path).expect("open file")
        } else {
            SqliteStore::create(&path).expect("create file")
        }
    }
    fn raw(store: &mut SqliteStore, sql: &str) -> Result<(), StoreError> {
        store.execute_raw(sql).map(|_| ())
    }
}

struct Server(ScratchDatabase);

impl Backend for Server {
    type S = PgStore;
    fn connect(&self) -> PgStore {
        match PgStore::open(self.0.settings()) {
            Ok(store) => store,
            Err(StoreError::Missing(_)) => PgStore::create(self.0.settings()).expect("create"),
            Err(e) => panic!("open {}: {e}", self.0.address()),
        }
    }
    fn raw(store: &mut PgStore, sql: &str) -> Result<(), StoreError> {
        store.execute_raw(sql).map(|_| ())
    }
}

/// Runs a test body on an SQLite file, then on a fresh server database when there is one.
macro_rules! backends {
    ($body:ident) => {{
        $body(File(tempfile::tempdir().expect("temp dir")));
        if let Some(server) = scratch::test_server(stringify!($body)) {
            $body(Server(
                ScratchDatabase::new(&server, stringify!($body)).expect("scratch database"),
            ));
        }
    }};
}

/// A new document of body 1 moved through review to APPROVED (revision 1); its id.
fn approved_document<S: Store>(store: &mut S, subject: &str) -> DocumentId {
    let id = store
        .create_document(
            &NewDocument {
                body: 1,
                content: content(subject),
                copied_from: None,
            },
            &stamp("admin"),
        )
        .expect("create")
        .id;
    for (from, to) in [
        (State::Draft, State::InReview),
        (State::InReview, State::Approved),
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
                &stamp("admin"),
            )
            .expect("move");
    }
    id
}

/// A store with the directory and `n` signed documents; their ids.
fn signed_documents<S: Store>(store: &mut S, n: usize) -> Vec<DocumentId> {
    store
        .import_directory(&directory(), &stamp("admin"))
        .expect("directory");
    (0..n)
        .map(|i| {
            let id = approved_document(store, &format!("số {i}"));
            store
                .change_state(
                    &StateChange {
                        document: id,
                        from: State::Approved,
                        to: State::Signed,
                        revision: 1,
                        note: None,
                    },
                    &stamp("admin"),
                )
                .expect("sign");
            id
        })
        .collect()
}

fn issue<S: Store>(store: &mut S, id: DocumentId) -> Result<RegisterEntry, StoreError> {
    store.issue(
        &IssueRequest {
            document: id,
            register: 1,
            issued_on: NaiveDate::from_ymd_opt(2025, 3, 5).expect("date"),
            symbol: "KH-STTTT".into(),
            details: RegisterDetails::default(),
        },
        &|n| content(&format!("đã cấp số {n}")),
        &stamp("admin"),
    )
}

fn frozen_rows<B: Backend>(backend: B) {
    let mut store = backend.connect();
    let ids = signed_documents(&mut store, 1);
    issue(&mut store, ids[0]).expect("issue");
    for sql in [
        "UPDATE revisions SET content = 'x'",
        "DELETE FROM revisions",
        "UPDATE audit SET actor = 'x'",
        "DELETE FROM audit",
        "DELETE FROM documents",
        "UPDATE documents SET subject = 'x'",
        "UPDATE register_entries SET number = 7",
        "DELETE FROM register_entries",
    ] {
        let err = B::raw(&mut store, sql).expect_err(sql);
        assert!(matches!(err, StoreError::Frozen(_)), "{sql}: {err:?}");
        assert!(err.to_string().starts_with("Không được sửa"), "{err}");
    }
    assert!(store.verify_audit().expect("verify").is_intact());
}

#[test]
fn the_database_itself_refuses_to_change_what_never_changes() {
    backends!(frozen_rows);
}

fn same_moment_saves<B: Backend>(backend: B) {
    let mut first = backend.connect();
    first
        .import_directory(&directory(), &stamp("admin"))
        .expect("directory");
    let doc = first
        .create_document(
            &NewDocument {
                body: 1,
                content: content("bản đầu"),
                copied_from: None,
            },
            &stamp("admin"),
        )
        .expect("create");
    let id = doc.id;
    // Two computers opened revision 1 and both press "save" at the same moment, 20 times over.
    let mut base = 1;
    for round in 0..20 {
        let barrier = Arc::new(Barrier::new(2));
        let clients: Vec<_> = ["máy A", "máy B"]
            .into_iter()
            .map(|who| {
                let mut store = backend.connect();
                let barrier = Arc::clone(&barrier);
                let text = format!("{who}, lần {round}");
                std::thread::spawn(move || {
                    barrier.wait();
                    let got = store.save_revision(id, base, &content(&text), &stamp("admin"));
                    (text, got, store)
                })
            })
            .collect();
        let results: Vec<_> = clients
            .into_iter()
            .map(|c| c.join().expect("client"))
            .collect();
        let saved: Vec<_> = results.iter().filter(|(_, r, _)| r.is_ok()).collect();
        assert_eq!(saved.len(), 1, "round {round}: exactly one save wins");
        let (_, lost, _) = results
            .iter()
            .find(|(_, r, _)| r.is_err())
            .expect("one conflict");
        let err = lost.as_ref().expect_err("conflict");
        match err {
            StoreError::RevisionConflict {
                base: b, current, ..
            } => {
                assert_eq!((*b, *current), (base, base + 1));
            }
            other => panic!("round {round}: {other:?}"),
        }
        assert!(err.to_string().contains("vẫn còn nguyên"), "{err}");
        // The loser's text is still in its hands: it saves it on top of the winner's.
        let (text, _, _) = results.iter().find(|(_, r, _)| r.is_err()).expect("loser");
        let again = first
            .save_revision(id, base + 1, &content(text), &stamp("admin"))
            .expect("saved after the conflict");
        assert_eq!(again.no, base + 2);
        let stored = first.revision(id, base + 2).expect("read").expect("rev");
        assert!(stored.json.contains(text.as_str()), "{}", stored.json);
        base += 2;
    }
    assert_eq!(first.revisions(id).expect("revisions").len(), 41);
    assert!(first.verify_audit().expect("verify").is_intact());
}

#[test]
fn two_clients_saving_the_same_draft_one_wins_the_other_gets_a_conflict() {
    backends!(same_moment_saves);
}

fn clerks_at_once<B: Backend>(backend: B) {
    const CLERKS: usize = 8;
    const EACH: usize = 25;
    let mut store = backend.connect();
    let ids = signed_documents(&mut store, CLERKS * EACH);
    let barrier = Arc::new(Barrier::new(CLERKS));
    let clerks: Vec<_> = ids
        .chunks(EACH)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let mut store = backend.connect();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                chunk
                    .iter()
                    .map(|id| issue(&mut store, *id).expect("issue").number)
                    .collect::<Vec<u32>>()
            })
        })
        .collect();
    let mut numbers: Vec<u32> = clerks
        .into_iter()
        .flat_map(|c| c.join().expect("clerk"))
        .collect();
    numbers.sort_unstable();
    let all: Vec<u32> = (1..=(CLERKS * EACH) as u32).collect();
    assert_eq!(numbers, all, "every number exactly once, none skipped");
    let entries = store.register_entries(2025, None).expect("register");
    assert_eq!(entries.iter().map(|e| e.number).collect::<Vec<_>>(), all);
    assert!(store.verify_audit().expect("verify").is_intact());
}

#[test]
fn clerks_issuing_at_once_on_separate_connections_get_consecutive_numbers() {
    backends!(clerks_at_once);
}

/// The connection of a clerk whose issue is waiting for the register is cut by the server (as
/// when the server is stopped): the clerk is told clearly, nothing of the issue is kept, and
/// after reconnecting the numbers go on without a gap or a duplicate.
#[test]
fn a_connection_cut_in_the_middle_of_an_issue_loses_no_number() {
    let Some(server) = scratch::test_server("connection_cut") else {
        return;
    };
    let db = ScratchDatabase::new(&server, "connection_cut").expect("scratch");
    let mut clerk = PgStore::create(db.settings()).expect("create");
    let ids = signed_documents(&mut clerk, 3);
    issue(&mut clerk, ids[0]).expect("first issue");
    // Another session holds the register's row, so the clerk's issue stops half-way: its
    // document row locked, waiting for the register.
    let mut holder = postgres_client(db.settings());
    let mut hold = holder.transaction().expect("begin");
    hold.execute("SELECT 1 FROM registers WHERE id = 1 FOR UPDATE", &[])
        .expect("lock the register");
    let pid = clerk.backend_pid().expect("pid");
    let cutter = {
        let settings = db.settings().clone();
        std::thread::spawn(move || {
            let mut admin = postgres_client(&settings);
            // Wait until the clerk is blocked inside its issue, then cut it.
            for _ in 0..200 {
                let waiting: bool = admin
                    .query_one(
                        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 \
                         AND wait_event_type = 'Lock')",
                        &[&pid],
                    )
                    .expect("activity")
                    .get(0);
                if waiting {
                    let cut: bool = admin
                        .query_one("SELECT pg_terminate_backend($1)", &[&pid])
                        .expect("terminate")
                        .get(0);
                    return cut;
                }
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            false
        })
    };
    let err = issue(&mut clerk, ids[1]).expect_err("the connection is cut");
    assert!(
        cutter.join().expect("cutter"),
        "the clerk was waiting and was cut"
    );
    assert!(
        matches!(err, StoreError::ConnectionLost { .. }),
        "{err:?}: {err}"
    );
    assert!(err.to_string().contains("Mất kết nối"), "{err}");
    assert!(
        err.to_string().contains("không số nào bị dùng mất"),
        "{err}"
    );
    hold.rollback().expect("release");
    // The clerk's computer reconnects: the document is still signed, and the next numbers are
    // 02 and 03.
    let mut clerk = PgStore::open(db.settings()).expect("reconnect");
    assert_eq!(
        clerk.document(ids[1]).expect("read").expect("doc").state,
        State::Signed
    );
    assert_eq!(issue(&mut clerk, ids[1]).expect("again").number, 2);
    assert_eq!(issue(&mut clerk, ids[2]).expect("third").number, 3);
    let numbers: Vec<u32> = clerk
        .register_entries(2025, None)
        .expect("register")
        .iter()
        .map(|e| e.number)
        .collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert!(clerk.verify_audit().expect("verify").is_intact());
}

fn postgres_client(settings: &ServerSettings) -> ::postgres::Client {
    let address = format!("{}?sslmode=disable", settings.shown());
    let mut config: ::postgres::Config = address.parse().expect("address");
    if let Ok(password) = std::env::var("PGPASSWORD") {
        config.password(password);
    }
    config.connect(::postgres::NoTls).expect("connect")
}

#[test]
fn an_unreachable_server_and_a_password_in_the_address_are_clear_errors() {
    // Nothing listens on port 1 of loopback.
    let settings =
        ServerSettings::from_address("postgres://vanban@127.0.0.1:1/vanban").expect("address");
    let err = PgStore::open(&settings).expect_err("unreachable");
    assert!(
        matches!(err, StoreError::ServerUnreachable { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("Không kết nối được"), "{err}");
    let err = ServerSettings::from_address("postgres://vanban:secret@127.0.0.1:5432/vanban")
        .expect_err("password in the address");
    assert!(
        matches!(err, StoreError::PasswordInAddress { .. }),
        "{err:?}"
    );
    assert!(!err.to_string().contains("secret"), "{err}");
    assert!(err.to_string().contains("PGPASSWORD"), "{err}");
}

#[test]
fn a_wrong_password_is_a_refused_login() {
    let Some(server) = scratch::test_server("wrong_password") else {
        return;
    };
    let mut settings = server.clone();
    settings.password("not-the-password");
    let err = PgStore::open(&settings).expect_err("refused");
    assert!(matches!(err, StoreError::LoginRefused { .. }), "{err:?}");
}

#[test]
fn an_sqlite_file_moves_to_the_server_whole_and_only_once() {
    let Some(server) = scratch::test_server("sqlite_to_postgres") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut file = SqliteStore::create(&dir.path().join("vanban.db")).expect("file");
    let ids = signed_documents(&mut file, 5);
    issue(&mut file, ids[0]).expect("issue");
    issue(&mut file, ids[1]).expect("issue");
    file.record_distribution(
        &NewDistribution {
            document: ids[0],
            recipient: "UBND tỉnh".into(),
            channel: "hệ thống".into(),
            sent_on: NaiveDate::from_ymd_opt(2025, 3, 6).expect("date"),
            note: None,
        },
        &stamp("admin"),
    )
    .expect("distribution");
    file.add_comment(
        &NewComment {
            document: ids[2],
            revision: 1,
            anchor: String::new(),
            text: "Ghi rõ thời gian.".into(),
        },
        &stamp("admin"),
    )
    .expect("comment");
    let approved = approved_document(&mut file, "ký số");
    file.sign_with_pdf(
        &StateChange {
            document: approved,
            from: State::Approved,
            to: State::Signed,
            revision: 1,
            note: None,
        },
        &NewSignedPdf {
            document: approved,
            revision: 1,
            stage: SignatureStage::Signer,
            pdf: b"%PDF-1.7 signer".to_vec(),
            signed_with: None,
            style_toml: Some("[sizes]\nbody = 13\n".into()),
        },
        &stamp("admin"),
    )
    .expect("sign with the file");
    file.set_style_profile(1, Some("[page]\nmargin_left_mm = 35\n"), &stamp("admin"))
        .expect("style profile");
    file.save_template(
        &NewTemplate {
            body: 1,
            name: "Công văn hướng dẫn".into(),
            doc_type: "cong-van".into(),
            title: "Công văn: V/v hướng dẫn".into(),
            json: "{}".into(),
        },
        &stamp("admin"),
    )
    .expect("template");
    let db = ScratchDatabase::new(&server, "sqlite_to_postgres").expect("scratch");
    let summary = migrate::sqlite_to_postgres(&file, db.settings()).expect("copy");
    let rows = |name: &str| {
        summary
            .tables
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, n)| *n)
    };
    assert_eq!(rows("documents"), Some(6));
    assert_eq!(rows("signed_pdfs"), Some(1));
    assert_eq!(rows("register_entries"), Some(2));
    assert_eq!(rows("search"), Some(6));
    assert_eq!(rows("templates"), Some(1));
    assert_eq!(rows("style_profiles"), Some(1));
    let source = file.verify_audit().expect("verify the file");
    assert_eq!(summary.audit_head, source.head);

    // The server has the same of everything, and goes on from there.
    let mut copy = PgStore::open(db.settings()).expect("open the copy");
    assert_eq!(
        copy.template(1, "Công văn hướng dẫn")
            .expect("read")
            .map(|t| t.info.title),
        Some("Công văn: V/v hướng dẫn".to_owned())
    );
    assert_eq!(
        copy.style_profile(1).expect("read").as_deref(),
        Some("[page]\nmargin_left_mm = 35\n")
    );
    assert_eq!(
        copy.audit_rows().expect("rows"),
        file.audit_rows().expect("rows")
    );
    assert_eq!(
        copy.register_entries(2025, None).expect("register"),
        file.register_entries(2025, None).expect("register")
    );
    for id in &ids {
        assert_eq!(
            copy.document(*id).expect("read"),
            file.document(*id).expect("read")
        );
        assert_eq!(
            copy.history(*id).expect("read"),
            file.history(*id).expect("read")
        );
        assert_eq!(
            copy.revisions(*id).expect("read"),
            file.revisions(*id).expect("read")
        );
    }
    assert_eq!(
        copy.comments(ids[2]).expect("read"),
        file.comments(ids[2]).expect("read")
    );
    let found: Vec<DocumentId> = copy
        .search("da cap so", 10)
        .expect("search")
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        issue(&mut copy, ids[2])
            .expect("issue on the server")
            .number,
        3
    );
    let fresh = copy
        .create_document(
            &NewDocument {
                body: 1,
                content: content("mới"),
                copied_from: None,
            },
            &stamp("admin"),
        )
        .expect("new ids go on after the copied ones");
    assert_eq!(fresh.id, 7);
    assert_eq!(
        copy.signed_pdfs(approved).expect("read"),
        file.signed_pdfs(approved).expect("read")
    );
    assert!(copy.verify_audit().expect("verify").is_intact());

    // A second run into the same database is refused, and changes nothing.
    let before = copy.audit_rows().expect("rows");
    let err = migrate::sqlite_to_postgres(&file, db.settings()).expect_err("twice");
    assert!(matches!(err, StoreError::NotEmpty(_)), "{err:?}");
    assert!(err.to_string().contains("đã có dữ liệu"), "{err}");
    assert_eq!(copy.audit_rows().expect("rows"), before);
}

/// With `?sslmode=require` the connection is encrypted, and the server's certificate must be
/// vouched for: by the system's roots or the one file of `PGSSLROOTCERT` (here the test server's
/// own certificate, `VANBAN_TEST_PG_CA`, made by `./x test`).
#[test]
fn a_tls_connection_checks_the_server_certificate() {
    let Some(server) = scratch::test_server("tls") else {
        return;
    };
    let Some(ca) = std::env::var_os("VANBAN_TEST_PG_CA").filter(|c| !c.is_empty()) else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "VANBAN_TEST_PG_CA is not set; on CI the TLS test must run (./x test sets it)"
        );
        eprintln!("note: tls: skipped: VANBAN_TEST_PG_CA is not set");
        return;
    };
    let db = ScratchDatabase::new(&server, "tls").expect("scratch");
    let address = format!("{}?sslmode=require", db.address());
    let password = std::env::var("PGPASSWORD").unwrap_or_default();

    let mut trusted = ServerSettings::from_address(&address).expect("address");
    trusted.password(&password);
    trusted.root_certificate(std::path::PathBuf::from(&ca));
    let store = PgStore::create(&trusted).expect("an encrypted connection");
    let pid = store.backend_pid().expect("pid");
    let mut admin = postgres_client(db.settings());
    let encrypted: bool = admin
        .query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = $1", &[&pid])
        .expect("pg_stat_ssl")
        .get(0);
    assert!(encrypted, "the store's connection is encrypted");

    // Without the certificate, the server is a stranger: refused, and said so.
    let mut stranger = ServerSettings::from_address(&address).expect("address");
    stranger.password(&password);
    let err = PgStore::open(&stranger).expect_err("an unknown certificate");
    assert!(matches!(err, StoreError::Tls(_)), "{err:?}");
    assert!(err.to_string().contains("mã hóa (TLS)"), "{err}");
}

fn signatures<B: Backend>(backend: B) {
    let mut store = backend.connect();
    let mut dir = directory();
    dir.bodies[0].certificate = Some("/khoa/so.p12".into());
    dir.bodies[0].seal_png = Some(vec![0x89, b'P', b'N', b'G', 1]);
    dir.bodies[0].seal_diameter_mm = Some(36);
    dir.people[0].certificate = Some("/khoa/admin.p12".into());
    dir.people[0].signature_png = Some(vec![0x89, b'P', b'N', b'G', 2]);
    store
        .import_directory(&dir, &stamp("admin"))
        .expect("directory");
    let admin = store.person("admin").expect("read").expect("admin");
    let seal = store
        .signing_material(Owner::Body(1))
        .expect("read")
        .expect("the body's");
    assert_eq!(seal.certificate.as_deref(), Some("/khoa/so.p12"));
    assert_eq!(seal.seal_diameter_mm, Some(36));
    assert_eq!(
        seal.image_png.as_deref(),
        Some(&[0x89, b'P', b'N', b'G', 1][..])
    );
    let signer = store
        .signing_material(Owner::Person(admin.id))
        .expect("read")
        .expect("the person's");
    assert_eq!(
        signer.image_png.as_deref(),
        Some(&[0x89, b'P', b'N', b'G', 2][..])
    );

    let doc = approved_document(&mut store, "ký số");
    let signed = store
        .sign_with_pdf(
            &StateChange {
                document: doc,
                from: State::Approved,
                to: State::Signed,
                revision: 1,
                note: None,
            },
            &NewSignedPdf {
                document: doc,
                revision: 1,
                stage: SignatureStage::Signer,
                pdf: b"%PDF-1.7 signer".to_vec(),
                signed_with: None,
                style_toml: Some("[sizes]\nbody = 13\n".into()),
            },
            &stamp("admin"),
        )
        .expect("sign with the file");
    assert_eq!(signed.state, State::Signed);
    // The agency's file only once issued.
    let agency = NewSignedPdf {
        document: doc,
        revision: 2,
        stage: SignatureStage::Agency,
        pdf: b"%PDF-1.7 signer + agency".to_vec(),
        signed_with: None,
        style_toml: None,
    };
    let err = store
        .add_signed_pdf(&agency, &stamp("admin"))
        .expect_err("not issued yet");
    assert!(matches!(err, StoreError::WrongState { .. }), "{err:?}");
    issue(&mut store, doc).expect("issue");
    store
        .add_signed_pdf(&agency, &stamp("admin"))
        .expect("the agency's file");
    let files = store.signed_pdfs(doc).expect("files");
    let stages: Vec<SignatureStage> = files.iter().map(|f| f.stage).collect();
    assert_eq!(stages, [SignatureStage::Signer, SignatureStage::Agency]);
    assert_eq!(files[1].pdf, agency.pdf);
    assert_eq!(files[0].sha256, audit::sha256_hex(b"%PDF-1.7 signer"));
    // The sheet the signer's file was laid out with is kept with it; none for the agency's.
    assert_eq!(files[0].style_toml.as_deref(), Some("[sizes]\nbody = 13\n"));
    assert_eq!(files[1].style_toml, None);
    for sql in [
        "UPDATE signed_pdfs SET pdf = pdf",
        "DELETE FROM signed_pdfs",
    ] {
        let err = B::raw(&mut store, sql).expect_err(sql);
        assert!(matches!(err, StoreError::Frozen(_)), "{sql}: {err:?}");
    }
    let actions: Vec<String> = store
        .audit_rows()
        .expect("rows")
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert!(
        actions.contains(&"agency-signed-pdf".to_owned()),
        "{actions:?}"
    );
    assert!(store.verify_audit().expect("verify").is_intact());
}

#[test]
fn signing_material_and_signed_files_are_kept_and_never_changed() {
    backends!(signatures);
}

fn directory_round_trip<B: Backend>(backend: B) {
    let mut dir = directory();
    dir.bodies[0].certificate = Some("/khoa/so.p12".into());
    dir.bodies[0].seal_diameter_mm = Some(36);
    dir.units.push(UnitSpec {
        body: "STTTT".into(),
        abbreviation: "CNTT".into(),
        name: "Phòng Công nghệ thông tin".into(),
        // A unit no longer offered in the pickers stays so, through the file.
        active: false,
    });
    dir.people.push(PersonSpec {
        login: "pgd".into(),
        name: "Hoàng Văn Tuấn".into(),
        titles: vec!["PHÓ GIÁM ĐỐC".into()],
        roles: vec![Role::Signer],
        body: Some("STTTT".into()),
        unit: Some("CNTT".into()),
        certificate: Some("/khoa/pgd.p12".into()),
        ..PersonSpec::default()
    });
    dir.delegations.push(DelegationSpec {
        body: "STTTT".into(),
        from: Some("admin".into()),
        to: "pgd".into(),
        kind: vanban_core::model::AuthorityKind::KyThay,
        of: "GIÁM ĐỐC".into(),
        valid_from: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        valid_to: Some(NaiveDate::from_ymd_opt(2025, 12, 31).expect("date")),
    });
    dir.recipient_groups.push(RecipientGroupSpec {
        body: "STTTT".into(),
        name: "UBND các huyện".into(),
        members: vec!["UBND huyện Cao Lộc".into(), "UBND huyện Lộc Bình".into()],
    });
    let mut store = backend.connect();
    store
        .import_directory(&dir, &stamp("admin"))
        .expect("import");
    assert_eq!(store.export_directory().expect("export"), dir);
}

#[test]
fn the_exported_directory_is_the_imported_one_on_both_backends() {
    backends!(directory_round_trip);
}

fn directory_edits<B: Backend>(backend: B) {
    let mut store = backend.connect();
    store
        .import_directory(&directory(), &stamp("admin"))
        .expect("import");
    let body = store.person("admin").expect("read").expect("admin").body;
    let body = body.expect("body");
    let audit_before = store.audit_rows().expect("audit").len();
    let unit = |abbreviation: &str, name: &str, active: bool| UnitSpec {
        body: "STTTT".into(),
        abbreviation: abbreviation.into(),
        name: name.into(),
        active,
    };
    let edit = |store: &mut B::S, e: DirectoryEdit| store.edit_directory(&e, &stamp("admin"));

    // Units: added, renamed, no longer offered; a key taken or missing is refused.
    edit(
        &mut store,
        DirectoryEdit::PutUnit {
            previous: None,
            unit: unit("KHTC", "Phòng Kế hoạch", true),
        },
    )
    .expect("add unit");
    let refused = edit(
        &mut store,
        DirectoryEdit::PutUnit {
            previous: None,
            unit: unit("KHTC", "Phòng khác", true),
        },
    );
    assert!(
        matches!(refused, Err(StoreError::AlreadyInDirectory { what: "đơn vị", ref key }) if key == "KHTC"),
        "{refused:?}"
    );
    edit(
        &mut store,
        DirectoryEdit::PutUnit {
            previous: Some("KHTC".into()),
            unit: unit("KHTC", "Phòng Kế hoạch - Tài chính", true),
        },
    )
    .expect("rename unit");
    let missing = edit(
        &mut store,
        DirectoryEdit::PutUnit {
            previous: Some("KHONGCO".into()),
            unit: unit("KHONGCO", "Không có", true),
        },
    );
    assert!(matches!(
        missing,
        Err(StoreError::NotInDirectory {
            what: "đơn vị", ..
        })
    ));

    // People: added in the unit, then their login and roles changed.
    edit(
        &mut store,
        DirectoryEdit::PutPerson {
            previous: None,
            person: PersonSpec {
                login: "ketoan".into(),
                name: "Đỗ Thị Hoa".into(),
                titles: vec!["KẾ TOÁN".into()],
                roles: vec![Role::Drafter],
                body: Some("STTTT".into()),
                unit: Some("KHTC".into()),
                ..PersonSpec::default()
            },
        },
    )
    .expect("add person");
    edit(
        &mut store,
        DirectoryEdit::PutPerson {
            previous: Some("ketoan".into()),
            person: PersonSpec {
                login: "hoa.dt".into(),
                name: "Đỗ Thị Hoa".into(),
                titles: vec!["PHÓ TRƯỞNG PHÒNG".into()],
                roles: vec![Role::Drafter, Role::Reviewer],
                body: Some("STTTT".into()),
                unit: Some("KHTC".into()),
                ..PersonSpec::default()
            },
        },
    )
    .expect("edit person");
    assert!(store.person("ketoan").expect("read").is_none());
    let hoa = store.person("hoa.dt").expect("read").expect("renamed");
    assert_eq!(hoa.unit.as_deref(), Some("Phòng Kế hoạch - Tài chính"));
    assert_eq!(hoa.roles, vec![Role::Drafter, Role::Reviewer]);
    assert_eq!(hoa.titles, vec!["PHÓ TRƯỞNG PHÒNG".to_owned()]);
    let taken = edit(
        &mut store,
        DirectoryEdit::PutPerson {
            previous: Some("hoa.dt".into()),
            person: PersonSpec {
                login: "admin".into(),
                name: "Đỗ Thị Hoa".into(),
                roles: vec![Role::Drafter],
                ..PersonSpec::default()
            },
        },
    );
    assert!(matches!(
        taken,
        Err(StoreError::AlreadyInDirectory {
            what: "người dùng",
            ..
        })
    ));

    // A unit no longer offered keeps its people.
    edit(
        &mut store,
        DirectoryEdit::PutUnit {
            previous: Some("KHTC".into()),
            unit: unit("KHTC", "Phòng Kế hoạch - Tài chính", false),
        },
    )
    .expect("deactivate");
    let units = store.units(body).expect("units");
    let khtc = units
        .iter()
        .find(|u| u.abbreviation == "KHTC")
        .expect("kept");
    assert!(!khtc.active);
    assert_eq!(
        store
            .person("hoa.dt")
            .expect("read")
            .expect("p")
            .unit
            .as_deref(),
        Some("Phòng Kế hoạch - Tài chính")
    );

    // Recipient groups keep their members' order; renamed, reordered, removed.
    let group = |name: &str, members: &[&str]| RecipientGroupSpec {
        body: "STTTT".into(),
        name: name.into(),
        members: members.iter().map(|m| (*m).to_owned()).collect(),
    };
    edit(
        &mut store,
        DirectoryEdit::PutRecipientGroup {
            previous: None,
            group: group(
                "Các huyện",
                &["UBND huyện A", "UBND huyện B", "UBND huyện C"],
            ),
        },
    )
    .expect("add group");
    edit(
        &mut store,
        DirectoryEdit::PutRecipientGroup {
            previous: Some("Các huyện".into()),
            group: group(
                "UBND các huyện",
                &["UBND huyện C", "UBND huyện A", "UBND huyện B"],
            ),
        },
    )
    .expect("edit group");
    let groups = store.recipient_groups(body).expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, "UBND các huyện");
    assert_eq!(
        groups[0].members,
        vec!["UBND huyện C", "UBND huyện A", "UBND huyện B"]
    );
    edit(
        &mut store,
        DirectoryEdit::RemoveRecipientGroup {
            body: "STTTT".into(),
            name: "UBND các huyện".into(),
        },
    )
    .expect("remove group");
    assert!(store.recipient_groups(body).expect("groups").is_empty());

    // Delegations: recorded, their dates changed, removed.
    let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).expect("date");
    let delegation = DelegationSpec {
        body: "STTTT".into(),
        from: Some("admin".into()),
        to: "hoa.dt".into(),
        kind: vanban_core::model::AuthorityKind::ThuaLenh,
        of: "GIÁM ĐỐC".into(),
        valid_from: day(1, 1),
        valid_to: Some(day(6, 30)),
    };
    edit(
        &mut store,
        DirectoryEdit::PutDelegation {
            previous: None,
            delegation: delegation.clone(),
        },
    )
    .expect("add delegation");
    let longer = DelegationSpec {
        valid_from: day(2, 1),
        valid_to: Some(day(12, 31)),
        ..delegation.clone()
    };
    edit(
        &mut store,
        DirectoryEdit::PutDelegation {
            previous: Some(delegation.clone()),
            delegation: longer.clone(),
        },
    )
    .expect("edit delegation");
    let hoa = store.person("hoa.dt").expect("read").expect("p");
    let own = store.delegations_to(hoa.id).expect("delegations");
    assert_eq!(own.len(), 1);
    assert_eq!(
        (own[0].valid_from, own[0].valid_to),
        (day(2, 1), Some(day(12, 31)))
    );
    let gone = edit(
        &mut store,
        DirectoryEdit::RemoveDelegation {
            delegation: delegation.clone(),
        },
    );
    assert!(matches!(
        gone,
        Err(StoreError::NotInDirectory {
            what: "ủy quyền",
            ..
        })
    ));
    edit(
        &mut store,
        DirectoryEdit::RemoveDelegation { delegation: longer },
    )
    .expect("remove delegation");
    assert!(
        store
            .delegations_to(hoa.id)
            .expect("delegations")
            .is_empty()
    );

    // Registers: added, renamed; an unknown type is refused and changes nothing.
    edit(
        &mut store,
        DirectoryEdit::PutRegister {
            previous: None,
            register: RegisterSpec {
                body: "STTTT".into(),
                name: "Sổ văn bản mật".into(),
                types: vec![],
                secret: true,
            },
        },
    )
    .expect("add register");
    let bad = edit(
        &mut store,
        DirectoryEdit::PutRegister {
            previous: Some("Sổ văn bản mật".into()),
            register: RegisterSpec {
                body: "STTTT".into(),
                name: "Sổ mật".into(),
                types: vec!["khong-co".into()],
                secret: true,
            },
        },
    );
    assert!(matches!(
        bad,
        Err(StoreError::NotInDirectory {
            what: "loại văn bản",
            ..
        })
    ));
    edit(
        &mut store,
        DirectoryEdit::PutRegister {
            previous: Some("Sổ văn bản mật".into()),
            register: RegisterSpec {
                body: "STTTT".into(),
                name: "Sổ văn bản đi (mật)".into(),
                types: vec!["ke-hoach".into()],
                secret: true,
            },
        },
    )
    .expect("rename register");
    let names: Vec<String> = store
        .registers(body)
        .expect("registers")
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, vec!["Sổ văn bản đi", "Sổ văn bản đi (mật)"]);

    // Every accepted edit is one audit row (the refused ones none), and the chain holds.
    let rows = store.audit_rows().expect("audit");
    assert_eq!(rows.len() - audit_before, 13, "{:?}", &rows[audit_before..]);
    assert!(
        rows[audit_before..]
            .iter()
            .all(|r| r.action.starts_with("directory-"))
    );
    assert!(store.verify_audit().expect("verify").is_intact());

    // The edits survive a new connection, as the export shows them.
    let exported = backend.connect().export_directory().expect("export");
    assert!(
        exported
            .units
            .iter()
            .any(|u| u.abbreviation == "KHTC" && !u.active)
    );
}

#[test]
fn directory_edits_are_kept_checked_and_audited_on_both_backends() {
    backends!(directory_edits);
}

fn pins<B: Backend>(backend: B) {
    let mut store = backend.connect();
    store
        .import_directory(&directory(), &stamp("admin"))
        .expect("import");
    assert_eq!(store.pin_hash("admin").expect("read"), None);
    assert!(!store.person("admin").expect("read").expect("p").has_pin);
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    store
        .set_pin("admin", Some(hash), &stamp("admin"))
        .expect("set");
    assert_eq!(
        store.pin_hash("admin").expect("read").as_deref(),
        Some(hash)
    );
    assert!(store.person("admin").expect("read").expect("p").has_pin);
    assert!(store.people().expect("people")[0].has_pin);
    // Only a hash is ever kept: the database refuses anything else.
    assert!(
        store
            .set_pin("admin", Some("1234"), &stamp("admin"))
            .is_err()
    );
    assert_eq!(
        store.pin_hash("admin").expect("read").as_deref(),
        Some(hash)
    );
    assert!(matches!(
        store.set_pin("ai", Some(hash), &stamp("admin")),
        Err(StoreError::NotInDirectory { .. })
    ));
    store
        .set_pin("admin", None, &stamp("admin"))
        .expect("clear");
    assert_eq!(backend.connect().pin_hash("admin").expect("read"), None);
    let rows = store.audit_rows().expect("audit");
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert!(actions.ends_with(&["pin-set", "pin-clear"]), "{actions:?}");
    assert!(rows.iter().all(|r| !r.details.contains("argon2")));
}

#[test]
fn a_pin_is_kept_only_as_its_hash_and_its_changes_are_audited() {
    backends!(pins);
}

fn organisation_templates<B: Backend>(backend: B) {
    let mut dir = directory();
    dir.bodies.push(BodySpec {
        abbreviation: "SNV".into(),
        name: "Sở Nội vụ".into(),
        place: "Lạng Sơn".into(),
        ..BodySpec::default()
    });
    let mut store = backend.connect();
    store
        .import_directory(&dir, &stamp("admin"))
        .expect("directory");
    let snv = store
        .export_directory()
        .expect("export")
        .bodies
        .iter()
        .position(|b| b.abbreviation == "SNV")
        .expect("SNV") as i64
        + 1;
    let letter = NewTemplate {
        body: 1,
        name: "Công văn hướng dẫn CĐS".into(),
        doc_type: "cong-van".into(),
        title: "Công văn: V/v hướng dẫn chuyển đổi số".into(),
        json: r#"{"format":"vanban/1","document":{"type":"cong-van"}}"#.into(),
    };
    let saved = store
        .save_template(&letter, &stamp("admin"))
        .expect("saved");
    assert_eq!(
        (saved.person.as_str(), saved.name.as_str()),
        ("admin", "Công văn hướng dẫn CĐS")
    );
    // The same name in the same body is refused and leaves the first one as it was.
    let again = NewTemplate {
        json: "{}".into(),
        ..letter.clone()
    };
    let err = store
        .save_template(&again, &stamp("admin"))
        .expect_err("a second template of that name");
    assert!(matches!(err, StoreError::DuplicateTemplate(_)), "{err:?}");
    assert!(err.to_string().contains("Công văn hướng dẫn CĐS"), "{err}");
    assert_eq!(
        store
            .template(1, "Công văn hướng dẫn CĐS")
            .expect("read")
            .expect("kept")
            .json,
        letter.json
    );
    // The same name in another body is another template.
    store
        .save_template(
            &NewTemplate {
                body: snv,
                ..letter.clone()
            },
            &stamp("admin"),
        )
        .expect("another body's");
    store
        .save_template(
            &NewTemplate {
                name: "Báo cáo quý".into(),
                doc_type: "bao-cao".into(),
                ..letter.clone()
            },
            &stamp("admin"),
        )
        .expect("a second one");
    let names: Vec<(String, String)> = store
        .templates(1)
        .expect("list")
        .into_iter()
        .map(|t| (t.name, t.doc_type))
        .collect();
    assert_eq!(
        names,
        [
            ("Báo cáo quý".to_owned(), "bao-cao".to_owned()),
            ("Công văn hướng dẫn CĐS".to_owned(), "cong-van".to_owned())
        ]
    );
    assert_eq!(store.templates(snv).expect("list").len(), 1);
    assert!(store.template(1, "không có").expect("read").is_none());
    // A body that does not exist.
    let err = store
        .save_template(
            &NewTemplate {
                body: 99,
                ..letter.clone()
            },
            &stamp("admin"),
        )
        .expect_err("no such body");
    assert!(matches!(err, StoreError::NotInDirectory { .. }), "{err:?}");
    // Deleted, then saved again under the same name.
    store
        .delete_template(1, "Công văn hướng dẫn CĐS", &stamp("admin"))
        .expect("delete");
    let err = store
        .delete_template(1, "Công văn hướng dẫn CĐS", &stamp("admin"))
        .expect_err("already gone");
    assert!(matches!(err, StoreError::NoTemplate(_)), "{err:?}");
    assert_eq!(store.templates(1).expect("list").len(), 1);
    store
        .save_template(&letter, &stamp("admin"))
        .expect("saved again");
    let rows = store.audit_rows().expect("rows");
    let actions: Vec<&str> = rows
        .iter()
        .filter(|r| r.action.starts_with("template-"))
        .map(|r| r.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "template-save",
            "template-save",
            "template-save",
            "template-delete",
            "template-save"
        ]
    );
    let last = rows.last().expect("a row");
    assert!(
        last.details
            .contains(&audit::sha256_hex(letter.json.as_bytes())),
        "{}",
        last.details
    );
    assert!(store.verify_audit().expect("verify").is_intact());
}

#[test]
fn an_organisation_keeps_its_own_templates_by_unique_name() {
    backends!(organisation_templates);
}

fn style_profiles<B: Backend>(backend: B) {
    let mut store = backend.connect();
    store
        .import_directory(&directory(), &stamp("admin"))
        .expect("directory");
    assert_eq!(store.style_profile(1).expect("read"), None);
    let text = "[sizes]\nbody = 13\n";
    store
        .set_style_profile(1, Some(text), &stamp("admin"))
        .expect("set");
    assert_eq!(store.style_profile(1).expect("read").as_deref(), Some(text));
    // Set again: replaced, not added.
    let other = "[sizes]\nbody = 14\n";
    store
        .set_style_profile(1, Some(other), &stamp("admin"))
        .expect("set again");
    assert_eq!(
        store.style_profile(1).expect("read").as_deref(),
        Some(other)
    );
    // Another client sees it.
    assert_eq!(
        backend.connect().style_profile(1).expect("read").as_deref(),
        Some(other)
    );
    store
        .set_style_profile(1, None, &stamp("admin"))
        .expect("clear");
    assert_eq!(store.style_profile(1).expect("read"), None);

    let err = store
        .set_style_profile(9, Some(text), &stamp("admin"))
        .expect_err("no such body");
    assert!(matches!(err, StoreError::NotInDirectory { .. }), "{err:?}");
    let err = store
        .set_style_profile(1, Some(text), &stamp("nobody"))
        .expect_err("an unknown person");
    assert!(matches!(err, StoreError::NotInDirectory { .. }), "{err:?}");

    // Each change is audited with the hash of the text (none when cleared), nothing else.
    let rows: Vec<AuditRow> = store
        .audit_rows()
        .expect("rows")
        .into_iter()
        .filter(|r| r.action == "style-profile")
        .collect();
    assert_eq!(rows.len(), 3);
    let sha = |r: &AuditRow| {
        serde_json::from_str::<serde_json::Value>(&r.details).expect("json")["sha256"].clone()
    };
    assert_eq!(sha(&rows[0]), audit::sha256_hex(text.as_bytes()));
    assert_eq!(sha(&rows[1]), audit::sha256_hex(other.as_bytes()));
    assert_eq!(sha(&rows[2]), serde_json::Value::Null);
    assert!(store.verify_audit().expect("verify").is_intact());
}

#[test]
fn a_body_keeps_one_style_profile_set_and_cleared_with_an_audit_row() {
    backends!(style_profiles);
}
