//! The workflow as the people of a body live it: who may move a document where, the register,
//! the frozen issued revision, signing authority, how a key is opened, comments, search and the
//! audit chain.
//!
//! Every test runs against each store backend through a factory (`backends!`): SQLite in
//! memory, an SQLite file, and a fresh database of the PostgreSQL test server (`VANBAN_TEST_PG`,
//! started by `./x test`; required on CI, skipped with a notice elsewhere when not given).

use chrono::{DateTime, FixedOffset};
use vanban_app::Error;
use vanban_app::export::{ExportFormat, ExportOptions, Exporter};
use vanban_app::workflow::{self, Action, Which, Workflow};
use vanban_core::Document;
use vanban_store::audit::{self, Problem};
use vanban_store::{
    DelegationSpec, Directory, DocumentId, ListQuery, NewDistribution, PersonSpec, Role, Stamp,
    State, Store, StoreError,
};
use vanban_test_support::scratch::{self, ScratchDatabase};

use vanban_test_support as pki;

/// A small plan of the demo body (Sở TT&TT Lạng Sơn), shared with the CLI tests.
const DOC: &str = include_str!("../../../../tests/fixtures/drafts/ke-hoach-stttt-2025.json");

fn doc() -> Document {
    vanban_core::exchange::from_str(DOC).expect("test document")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

fn by(person: &str) -> Stamp {
    Stamp {
        person: person.into(),
        at: at("2025-03-05T09:00:00+07:00"),
    }
}

fn by_at(person: &str, when: &str) -> Stamp {
    Stamp {
        person: person.into(),
        at: at(when),
    }
}

/// The demo body plus a second drafter and a deputy director.
fn setup(store: Store) -> Workflow {
    let mut wf = Workflow::new(store);
    let mut dir = workflow::demo_directory("admin");
    dir.people.push(PersonSpec {
        login: "chuyenvien2".into(),
        name: "Hoàng Văn Em".into(),
        titles: vec![],
        roles: vec![Role::Drafter],
        body: Some("STTTT".into()),
        unit: None,
        ..Default::default()
    });
    dir.people.push(PersonSpec {
        login: "phogiamdoc".into(),
        name: "Vũ Thị Phương".into(),
        titles: vec!["PHÓ GIÁM ĐỐC".into()],
        roles: vec![Role::Signer],
        body: Some("STTTT".into()),
        unit: None,
        ..Default::default()
    });
    wf.store_mut()
        .import_directory(&dir, &by("admin"))
        .expect("directory");
    wf
}

/// Runs a test body against every backend.
macro_rules! backends {
    ($body:ident) => {{
        $body(|| Store::in_memory().expect("in-memory store"));
        let dir = tempfile::tempdir().expect("temp dir");
        let mut n = 0;
        $body(move || {
            n += 1;
            Store::create_file(&dir.path().join(format!("db{n}.sqlite"))).expect("file store")
        });
        if let Some(server) = scratch::test_server(stringify!($body)) {
            // Each store gets its own database, dropped when the test is done.
            let mut databases = Vec::new();
            $body(|| {
                let db = ScratchDatabase::new(&server, stringify!($body)).expect("database");
                let store = Store::create_server(db.settings()).expect("server store");
                databases.push(db);
                store
            });
        }
    }};
}

/// A document brought to `state` by the people allowed to move it.
fn doc_in(wf: &mut Workflow, state: State) -> DocumentId {
    let id = wf.create(&by("chuyenvien"), &doc()).expect("create").id;
    let path: &[State] = match state {
        State::Draft => &[],
        State::Discarded => &[State::Discarded],
        State::InReview => &[State::InReview],
        State::Approved => &[State::InReview, State::Approved],
        State::Signed => &[State::InReview, State::Approved, State::Signed],
        State::Issued => &[
            State::InReview,
            State::Approved,
            State::Signed,
            State::Issued,
        ],
    };
    for step in path {
        match step {
            State::Discarded => wf.discard(&by("chuyenvien"), id).map(|_| ()),
            State::InReview => wf.submit(&by("chuyenvien"), id).map(|_| ()),
            State::Approved => wf.approve(&by("truongphong"), id).map(|_| ()),
            State::Signed => wf.sign(&by("giamdoc"), id).map(|_| ()),
            State::Issued => wf.issue(&by("vanthu"), id, None).map(|_| ()),
            State::Draft => Ok(()),
        }
        .expect("set up state");
    }
    id
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Done; the document is now in this state.
    Now(State),
    /// Refused: the role may not.
    NotAllowed,
    /// Refused: not from this state.
    WrongState,
}

/// `docs/workflow.md` as data: for each action, who may do it and where it leads from each state.
/// ("drafter" acts on their own document; the others are not its owner.)
/// An action, the roles that may do it, and its moves (from, to).
type Row = (Action, &'static [Role], &'static [(State, State)]);

const TABLE: &[Row] = {
    use State::*;
    &[
        (Action::Save, &[Role::Drafter], &[(Draft, Draft)]),
        (Action::Submit, &[Role::Drafter], &[(Draft, InReview)]),
        (Action::Discard, &[Role::Drafter], &[(Draft, Discarded)]),
        (
            Action::Comment,
            &[Role::Reviewer, Role::Signer],
            &[(InReview, InReview), (Approved, Approved)],
        ),
        (
            Action::Return,
            &[Role::Reviewer, Role::Signer],
            &[(InReview, Draft), (Approved, Draft)],
        ),
        (
            Action::Approve,
            &[Role::Reviewer, Role::Signer],
            &[(InReview, Approved)],
        ),
        (Action::Sign, &[Role::Signer], &[(Approved, Signed)]),
        (Action::Issue, &[Role::RegistryClerk], &[(Signed, Issued)]),
        (
            Action::Distribute,
            &[Role::RegistryClerk],
            &[(Issued, Issued)],
        ),
        (
            Action::CopyAsNew,
            &[Role::Drafter, Role::Reviewer, Role::Signer],
            &[
                (Draft, Draft),
                (InReview, InReview),
                (Approved, Approved),
                (Signed, Signed),
                (Issued, Issued),
                (Discarded, Discarded),
            ],
        ),
    ]
};

const PEOPLE: [(Role, &str); 5] = [
    (Role::Drafter, "chuyenvien"),
    (Role::Reviewer, "truongphong"),
    (Role::Signer, "giamdoc"),
    (Role::RegistryClerk, "vanthu"),
    (Role::Admin, "admin"),
];

fn attempt(wf: &mut Workflow, action: Action, login: &str, id: DocumentId) -> Result<(), Error> {
    let s = by(login);
    match action {
        Action::Save => {
            let mut d = doc();
            d.subject.push_str(" (sửa)");
            wf.save(&s, id, &d).map(|_| ())
        }
        Action::Submit => wf.submit(&s, id).map(|_| ()),
        Action::Discard => wf.discard(&s, id).map(|_| ()),
        Action::Comment => wf
            .comment(&s, id, "body.sections[0]", "Bổ sung số liệu.")
            .map(|_| ()),
        Action::Return => wf.return_to_draft(&s, id, "Chưa đủ số liệu.").map(|_| ()),
        Action::Approve => wf.approve(&s, id).map(|_| ()),
        Action::Sign => wf.sign(&s, id).map(|_| ()),
        Action::Issue => wf.issue(&s, id, None).map(|_| ()),
        Action::Distribute => wf
            .record_distribution(
                &s,
                &NewDistribution {
                    document: id,
                    recipient: "UBND tỉnh".into(),
                    channel: "hệ thống".into(),
                    sent_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 5).expect("date"),
                    note: None,
                },
            )
            .map(|_| ()),
        Action::CopyAsNew => wf.copy_as_new_draft(&s, id).map(|copy| {
            assert_eq!(copy.state, State::Draft);
            assert_eq!(copy.copied_from, Some(id));
        }),
        Action::Create | Action::ManageDirectory => unreachable!("not in the table"),
    }
}

fn transition_table(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let mut cases = 0;
    for (action, roles, moves) in TABLE {
        for (role, login) in PEOPLE {
            for from in State::ALL {
                let id = doc_in(&mut wf, from);
                let expected = if !roles.contains(&role) {
                    Outcome::NotAllowed
                } else {
                    match moves.iter().find(|(f, _)| *f == from) {
                        Some((_, to)) => Outcome::Now(*to),
                        None => Outcome::WrongState,
                    }
                };
                let before = wf.store().document(id).expect("read").expect("doc");
                let got = match attempt(&mut wf, *action, login, id) {
                    Ok(()) => {
                        Outcome::Now(wf.store().document(id).expect("read").expect("doc").state)
                    }
                    Err(Error::NotAllowed { .. }) => Outcome::NotAllowed,
                    Err(Error::WrongState { .. }) => Outcome::WrongState,
                    Err(other) => panic!("{action:?} by {login} from {from:?}: {other}"),
                };
                assert_eq!(
                    got, expected,
                    "{action:?} by {login} ({role:?}) from {from:?}"
                );
                if got == Outcome::NotAllowed || got == Outcome::WrongState {
                    let after = wf.store().document(id).expect("read").expect("doc");
                    assert_eq!(before, after, "a refused {action:?} changed the document");
                }
                cases += 1;
            }
        }
    }
    assert_eq!(cases, TABLE.len() * 5 * 6);
}

#[test]
fn every_move_by_every_role_from_every_state() {
    backends!(transition_table);
}

fn owners_and_bodies(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let id = doc_in(&mut wf, State::Draft);
    // Another drafter of the same body may not edit, submit or discard someone else's draft.
    for action in [Action::Save, Action::Submit, Action::Discard] {
        let err = attempt(&mut wf, action, "chuyenvien2", id).expect_err("not the owner");
        assert!(matches!(err, Error::NotAllowed { .. }), "{action:?}: {err}");
        assert!(err.to_string().contains("chỉ người soạn"), "{err}");
    }
    // Somebody not in the directory is nobody.
    let err = wf.submit(&by("ai-do"), id).expect_err("unknown");
    assert!(matches!(err, Error::UnknownUser(_)), "{err}");
    // A return needs its reason; a comment needs its part to exist.
    wf.submit(&by("chuyenvien"), id).expect("submit");
    let err = wf
        .return_to_draft(&by("truongphong"), id, "  ")
        .expect_err("no reason");
    assert!(matches!(err, Error::ReasonRequired), "{err}");
    let err = wf
        .comment(&by("truongphong"), id, "body.sections[7]", "?")
        .expect_err("no such part");
    assert!(err.to_string().contains("body.sections[7]"), "{err}");
    let c = wf
        .comment(&by("truongphong"), id, "tasks[0]", "Ghi rõ thời gian.")
        .expect("comment on a row");
    assert_eq!((c.revision, c.anchor.as_str()), (1, "tasks[0]"));
    wf.return_to_draft(&by("truongphong"), id, "Ghi rõ thời gian.")
        .expect("return");
    let h = wf.history(id).expect("history");
    let states: Vec<State> = h.states.iter().map(|s| s.to).collect();
    assert_eq!(states, [State::Draft, State::InReview, State::Draft]);
    assert_eq!(h.states[2].note.as_deref(), Some("Ghi rõ thời gian."));
    assert_eq!(h.comments.len(), 1);
}

#[test]
fn only_the_owner_edits_a_draft_and_returns_carry_a_reason() {
    backends!(owners_and_bodies);
}

fn register(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let issue_on = |wf: &mut Workflow, when: &str| {
        let id = doc_in(wf, State::Signed);
        wf.issue(&by_at("vanthu", when), id, None).expect("issue")
    };
    let a = issue_on(&mut wf, "2025-03-05T09:00:00+07:00");
    let b = issue_on(&mut wf, "2025-03-06T10:00:00+07:00");
    // 31 December, 23:30 in Hà Nội is still 2025; 1 January starts the series again at 01.
    let c = issue_on(&mut wf, "2025-12-31T23:30:00+07:00");
    let d = issue_on(&mut wf, "2026-01-01T00:10:00+07:00");
    let got: Vec<(&str, i32)> = [&a, &b, &c, &d]
        .iter()
        .map(|e| (e.number_symbol.as_str(), e.year))
        .collect();
    assert_eq!(
        got,
        [
            ("01/KH-STTTT", 2025),
            ("02/KH-STTTT", 2025),
            ("03/KH-STTTT", 2025),
            ("01/KH-STTTT", 2026)
        ]
    );
    // The issued revision carries the number and the date; the signed one did not.
    let (record, rev, issued) = wf.load_document(a.document, Which::Issued).expect("issued");
    assert_eq!(record.state, State::Issued);
    assert_eq!(issued.header.number, Some(1));
    assert_eq!(
        issued.header.date.map(|d| (d.year, d.month, d.day)),
        Some((2025, Some(3), Some(5)))
    );
    assert_eq!(rev.info.no, record.signed_revision.expect("signed") + 1);
    let (_, _, signed) = wf
        .load_document(
            a.document,
            Which::Revision(record.signed_revision.expect("signed")),
        )
        .expect("signed revision");
    assert_eq!(signed.header.number, None);
    // Export gets the issued revision.
    assert_eq!(wf.document_for_export(a.document).expect("export"), issued);

    // The register form.
    let entries = wf.register(2025).expect("register");
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].details.signer, "Lê Văn Cường");
    assert_eq!(
        entries[0].details.recipients,
        "UBND tỉnh (b/c); Báo Lạng Sơn"
    );
    let csv = workflow::register_csv(&entries);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}Số, ký hiệu văn bản")
            || lines[0].starts_with("\u{feff}\"Số, ký hiệu văn bản\""),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "01/KH-STTTT,05/3/2025,Kế hoạch Tổ chức Ngày Chuyển đổi số năm 2025,Lê Văn Cường"
        ),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 4);

    // Distribution shows as the date sent.
    wf.record_distribution(
        &by("vanthu"),
        &NewDistribution {
            document: a.document,
            recipient: "UBND tỉnh".into(),
            channel: "hệ thống".into(),
            sent_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 6).expect("date"),
            note: None,
        },
    )
    .expect("distribution");
    let entries = wf.register(2025).expect("register");
    assert_eq!(
        entries[0].first_sent_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 6)
    );
}

#[test]
fn numbers_run_01_02_03_and_restart_on_1_january() {
    backends!(register);
}

fn frozen(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let id = doc_in(&mut wf, State::Issued);
    let record = wf.store().document(id).expect("read").expect("doc");
    // Through the store itself, not only through the use cases.
    let content = vanban_store::RevisionContent {
        json: "{}".into(),
        doc_type: "ke-hoach".into(),
        subject: "x".into(),
        text: "x".into(),
    };
    let err = wf
        .store_mut()
        .save_revision(id, record.current_revision, &content, &by("chuyenvien"))
        .expect_err("issued is frozen");
    assert!(matches!(err, StoreError::WrongState { .. }), "{err}");
    for to in [State::Draft, State::Discarded, State::InReview] {
        let err = wf
            .store_mut()
            .change_state(
                &vanban_store::StateChange {
                    document: id,
                    from: State::Issued,
                    to,
                    revision: record.current_revision,
                    note: None,
                },
                &by("vanthu"),
            )
            .expect_err("no way out of issued");
        assert!(matches!(err, StoreError::NoSuchMove { .. }), "{err}");
    }
    // Issuing twice is refused, and uses no number.
    let err = wf.issue(&by("vanthu"), id, None).expect_err("twice");
    assert!(matches!(err, Error::WrongState { .. }), "{err}");
    let next = doc_in(&mut wf, State::Issued);
    let entries = wf.register(2025).expect("register");
    assert_eq!(
        entries.last().map(|e| (e.document, e.number)),
        Some((next, 2))
    );
    assert_eq!(wf.store().document(id).expect("read"), Some(record));
}

#[test]
fn an_issued_document_is_frozen() {
    backends!(frozen);
}

fn signing(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    // The deputy signs "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" only with a delegation in force.
    let mut d = doc();
    d.signature = vanban_core::model::SignatureBlock {
        authority: vec![vanban_core::model::Authority {
            kind: vanban_core::model::AuthorityKind::KyThay,
            of: "GIÁM ĐỐC".into(),
        }],
        title: "PHÓ GIÁM ĐỐC".into(),
        name: "Vũ Thị Phương".into(),
    };
    let id = wf.create(&by("chuyenvien"), &d).expect("create").id;
    wf.submit(&by("chuyenvien"), id).expect("submit");
    wf.approve(&by("giamdoc"), id).expect("approve");
    // The director is not the named signer.
    let err = wf.sign(&by("giamdoc"), id).expect_err("not named");
    assert!(err.to_string().contains("Vũ Thị Phương"), "{err}");
    let err = wf.sign(&by("phogiamdoc"), id).expect_err("no delegation");
    assert!(err.to_string().contains("KT. GIÁM ĐỐC"), "{err}");
    let delegation = Directory {
        delegations: vec![DelegationSpec {
            body: "STTTT".into(),
            from: Some("giamdoc".into()),
            to: "phogiamdoc".into(),
            kind: vanban_core::model::AuthorityKind::KyThay,
            of: "Giám đốc".into(),
            valid_from: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
            valid_to: Some(chrono::NaiveDate::from_ymd_opt(2025, 2, 28).expect("date")),
        }],
        ..Directory::default()
    };
    // Only the administrator changes the directory.
    let err = wf
        .import_directory(&by("giamdoc"), &delegation)
        .expect_err("not admin");
    assert!(matches!(err, Error::NotAllowed { .. }), "{err}");
    wf.import_directory(&by("admin"), &delegation)
        .expect("import");
    // Expired on 28 February; today is 5 March.
    let err = wf.sign(&by("phogiamdoc"), id).expect_err("expired");
    assert!(err.to_string().contains("05/03/2025"), "{err}");
    let mut renewed = delegation.clone();
    renewed.delegations[0].valid_to = None;
    wf.import_directory(&by("admin"), &renewed).expect("import");
    let signed = wf.sign(&by("phogiamdoc"), id).expect("sign");
    assert_eq!(signed.state, State::Signed);
    assert_eq!(
        signed.signed_by,
        wf.store().person("phogiamdoc").expect("read").map(|p| p.id)
    );
}

#[test]
fn only_the_named_signer_signs_and_a_deputy_needs_a_delegation() {
    backends!(signing);
}

fn key_sources(mut make: impl FnMut() -> Store) {
    use workflow::KeySources;
    let files = tempfile::tempdir().expect("tempdir");
    // The token's certificate as its CA hands it out (PEM), and a PKCS#12 file, which is not
    // read without its password (any other bytes stand for it here).
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Lê Văn Cường");
    let cert = params.self_signed(&key).expect("certificate");
    let pem = files.path().join("giamdoc.pem");
    std::fs::write(&pem, cert.pem()).expect("write");
    let der = files.path().join("giamdoc.cer");
    std::fs::write(&der, cert.der()).expect("write");
    let p12 = files.path().join("stttt.p12");
    std::fs::write(&p12, b"\x30\x82 a PKCS#12 file").expect("write");

    let mut wf = setup(make());
    let id = doc_in(&mut wf, State::Approved);
    let only_token = KeySources {
        file: false,
        token: true,
    };
    let only_file = KeySources {
        file: true,
        token: false,
    };
    // The demo directory sets nothing: the director signs on paper, the body issues without.
    let director = wf.signing_key_sources(&by("giamdoc")).expect("sources");
    assert!(director.none(), "{director:?}");
    let body = wf.issuing_key_sources(&by("vanthu"), id).expect("sources");
    assert!(body.none(), "{body:?}");

    let with = |person_cert: Option<&std::path::Path>,
                image: Option<Vec<u8>>,
                body_cert: Option<&std::path::Path>| {
        let mut dir = workflow::demo_directory("admin");
        let director = dir
            .people
            .iter_mut()
            .find(|p| p.login == "giamdoc")
            .expect("the demo's director");
        director.certificate = person_cert.map(|p| p.display().to_string());
        director.signature_png = image;
        dir.bodies[0].certificate = body_cert.map(|p| p.display().to_string());
        dir
    };
    let png = b"\x89PNG image".to_vec();
    // A signature image and no certificate: a token may sign (its certificate is named in the
    // record); the body with a PKCS#12 file: its password.
    wf.import_directory(&by("admin"), &with(None, Some(png.clone()), Some(&p12)))
        .expect("import");
    assert_eq!(
        wf.signing_key_sources(&by("giamdoc")).expect("sources"),
        only_token
    );
    assert_eq!(
        wf.issuing_key_sources(&by("vanthu"), id).expect("sources"),
        only_file
    );
    // The token's certificate in the directory, PEM or DER: the token only, to compare with.
    for cert in [&pem, &der] {
        wf.import_directory(&by("admin"), &with(Some(cert), Some(png.clone()), None))
            .expect("import");
        assert_eq!(
            wf.signing_key_sources(&by("giamdoc")).expect("sources"),
            only_token,
            "{}",
            cert.display()
        );
    }
    // A PKCS#12 file: its password only (a token cannot be compared with it).
    wf.import_directory(&by("admin"), &with(Some(&p12), Some(png), None))
        .expect("import");
    assert_eq!(
        wf.signing_key_sources(&by("giamdoc")).expect("sources"),
        only_file
    );
    // A certificate file gone since the import: as a PKCS#12 file, whose opening says so.
    std::fs::remove_file(&p12).expect("remove");
    assert_eq!(
        wf.signing_key_sources(&by("giamdoc")).expect("sources"),
        only_file
    );
    let err = wf
        .key_for_signing(&by("giamdoc"), "mật khẩu")
        .expect_err("no file");
    assert_eq!(err.code(), "certificate-file", "{err}");
    // Someone unknown is refused.
    assert!(matches!(
        wf.signing_key_sources(&by("khong-co")),
        Err(Error::UnknownUser(_))
    ));
}

#[test]
fn how_a_key_is_opened_follows_the_directory() {
    backends!(key_sources);
}

fn search(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let id = doc_in(&mut wf, State::Draft);
    let mut other = doc();
    other.subject = "Phòng, chống thiên tai năm 2025".into();
    other.body.sections[0].blocks.clear();
    let other = wf.create(&by("chuyenvien"), &other).expect("create").id;
    fn ids(wf: &Workflow, q: &str) -> Vec<DocumentId> {
        wf.search(q, 20)
            .expect("search")
            .iter()
            .map(|s| s.id)
            .collect()
    }
    assert_eq!(ids(&wf, "chuyen doi so"), [id]);
    assert_eq!(ids(&wf, "CHUYỂN ĐỔI SỐ"), [id]);
    assert_eq!(
        ids(&wf, "nang cao nhan thuc"),
        [id],
        "words of the body are found too"
    );
    assert_eq!(ids(&wf, "thien tai"), [other]);
    assert_eq!(ids(&wf, "dong bang"), Vec::<DocumentId>::new());
    assert_eq!(ids(&wf, "\"*) OR"), Vec::<DocumentId>::new());
    // A new revision replaces what is found.
    let mut d = doc();
    d.subject = "Hội nghị sơ kết".into();
    d.body.sections[0].blocks.clear();
    wf.save(&by("chuyenvien"), id, &d).expect("save");
    assert_eq!(ids(&wf, "chuyen doi so"), Vec::<DocumentId>::new());
    assert_eq!(ids(&wf, "hoi nghi so ket"), [id]);
    // The list: most recent first.
    let list = wf.list(&ListQuery::default()).expect("list");
    assert_eq!(list.len(), 2);
}

#[test]
fn a_search_without_accents_finds_vietnamese_text() {
    backends!(search);
}

fn audit_chain(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    doc_in(&mut wf, State::Issued);
    let v = wf.verify_audit().expect("verify");
    assert!(v.is_intact(), "{:?}", v.problems);
    let rows = wf.store().audit_rows().expect("rows");
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "directory-import",
            "create",
            "submit",
            "approve",
            "sign",
            "issue"
        ]
    );
    let head = rows.last().map(|r| (r.seq, r.hash.clone()));

    let mut edited = rows.clone();
    edited[3].actor = "someone-else".into();
    assert_eq!(
        audit::verify(&edited, head.clone()).problems,
        [Problem::Edited { seq: 4 }]
    );
    let mut removed = rows.clone();
    removed.remove(2);
    let p = audit::verify(&removed, head.clone()).problems;
    assert!(p.contains(&Problem::BrokenLink { seq: 4 }), "{p:?}");
    let mut reordered = rows.clone();
    reordered.swap(2, 3);
    assert!(!audit::verify(&reordered, head.clone()).is_intact());
    let mut renumbered = rows.clone();
    renumbered.swap(2, 3);
    renumbered[2].seq = 3;
    renumbered[3].seq = 4;
    assert!(!audit::verify(&renumbered, head.clone()).is_intact());
    let truncated = &rows[..rows.len() - 1];
    assert_eq!(
        audit::verify(truncated, head.clone()).problems,
        [Problem::Truncated {
            expected_last: 6,
            found_last: 5
        }]
    );
    // Rehashing a forged row does not help: the next row points at the old hash.
    let mut forged = rows.clone();
    forged[3].actor = "someone-else".into();
    forged[3].hash = audit::row_hash(&forged[3]);
    assert_eq!(
        audit::verify(&forged, head).problems,
        [Problem::BrokenLink { seq: 5 }]
    );
}

#[test]
fn the_audit_chain_shows_edited_removed_and_reordered_rows() {
    backends!(audit_chain);
}

fn invalid_issue(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let mut d = doc();
    d.signature.name = "Lê Văn Cường".into();
    // A blank left to fill: allowed in a draft, refused once the text is final.
    d.closing = "Đề nghị các đơn vị triển khai thực hiện trước ngày …./.".into();
    let id = wf.create(&by("chuyenvien"), &d).expect("create").id;
    wf.submit(&by("chuyenvien"), id).expect("submit");
    wf.approve(&by("truongphong"), id).expect("approve");
    let err = wf.sign(&by("giamdoc"), id).expect_err("malformed");
    match &err {
        Error::Invalid { action, report } => {
            assert_eq!(*action, "ký");
            assert!(
                report.diagnostics.iter().any(|i| i.path == "closing"),
                "{report:?}"
            );
        }
        other => panic!("{other}"),
    }
    // Not signed, so the registry clerk cannot issue it either.
    let err = wf.issue(&by("vanthu"), id, None).expect_err("not signed");
    assert!(matches!(err, Error::WrongState { .. }), "{err}");
    // Nothing was used up: the next good document gets 01.
    let good = doc_in(&mut wf, State::Issued);
    let entries = wf.register(2025).expect("register");
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0].document, entries[0].number), (good, 1));
}

#[test]
fn a_malformed_document_is_neither_signed_nor_issued_and_burns_no_number() {
    backends!(invalid_issue);
}

fn conflict(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let id = doc_in(&mut wf, State::Draft);
    // The drafter has the draft open on two computers, both at revision 1.
    let mut at_office = doc();
    at_office.subject = "Tổ chức Ngày Chuyển đổi số (bản ở cơ quan)".into();
    let mut at_home = doc();
    at_home.subject = "Tổ chức Ngày Chuyển đổi số (bản ở nhà)".into();
    let saved = wf
        .save_from(&by("chuyenvien"), id, 1, &at_office)
        .expect("the first save");
    assert_eq!(saved.no, 2);
    let err = wf
        .save_from(&by("chuyenvien"), id, 1, &at_home)
        .expect_err("the second save is not an overwrite");
    assert!(
        matches!(
            err,
            Error::Store(StoreError::RevisionConflict {
                base: 1,
                current: 2,
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "revision-conflict");
    assert!(err.is_refusal());
    assert!(
        err.to_string()
            .contains("đã có bản sửa 2 do chuyenvien lưu sau bản 1"),
        "{err}"
    );
    // Nothing was overwritten: revision 2 is the office's text, and there is no revision 3.
    let (record, _, current) = wf.load_document(id, Which::Current).expect("current");
    assert_eq!(record.current_revision, 2);
    assert_eq!(current.subject, at_office.subject);
    // The home text, still in hand, is saved on top of revision 2 once merged.
    let merged = wf
        .save_from(&by("chuyenvien"), id, 2, &at_home)
        .expect("saved on the current revision");
    assert_eq!(merged.no, 3);
    let history = wf.history(id).expect("history");
    assert_eq!(history.revisions.len(), 3);
}

#[test]
fn a_save_from_an_old_revision_is_a_conflict_not_an_overwrite() {
    backends!(conflict);
}

fn desk(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    let day = at("2025-03-05T09:00:00+07:00").date_naive();
    // The directory a drafter picks from: the body's units, groups and who may sign.
    let dir = wf.body_directory("chuyenvien", day).expect("directory");
    assert_eq!(
        dir.body.as_ref().map(|b| b.abbreviation.as_str()),
        Some("STTTT")
    );
    assert!(dir.units.iter().any(|u| u.name == "Phòng Chuyển đổi số"));
    assert!(
        dir.recipient_groups
            .iter()
            .any(|g| g.members.contains(&"Văn phòng Sở".to_owned()))
    );
    let signers: Vec<&str> = dir.signers.iter().map(|s| s.login.as_str()).collect();
    assert!(signers.contains(&"giamdoc") && signers.contains(&"phogiamdoc"));
    assert!(!signers.contains(&"truongphong"));

    // Waiting: the reviewer sees what is in review; the named signer what is approved; the
    // registry clerk what is signed; the drafter nothing.
    let in_review = doc_in(&mut wf, State::InReview);
    let approved = doc_in(&mut wf, State::Approved);
    let signed = doc_in(&mut wf, State::Signed);
    let ids = |login: &str| -> Vec<DocumentId> {
        wf.waiting_for(login)
            .expect("waiting")
            .iter()
            .map(|d| d.id)
            .collect()
    };
    assert_eq!(ids("truongphong"), [in_review]);
    let mut director = ids("giamdoc");
    director.sort();
    assert_eq!(director, [in_review, approved]);
    // Not the named signer: only what waits for review.
    assert_eq!(ids("phogiamdoc"), [in_review]);
    assert_eq!(ids("vanthu"), [signed]);
    assert!(ids("chuyenvien").is_empty());

    // Changes since the reviewer's last decision: none before any, then the fix.
    assert_eq!(
        wf.changes_since_review("truongphong", in_review)
            .expect("changes"),
        None
    );
    wf.return_to_draft(&by("truongphong"), in_review, "Bổ sung.")
        .expect("return");
    let mut fixed = doc();
    fixed.subject = "Tuyên truyền chuyển đổi số năm 2025 (bổ sung)".into();
    wf.save(&by("chuyenvien"), in_review, &fixed).expect("save");
    wf.submit(&by("chuyenvien"), in_review).expect("submit");
    let changes = wf
        .changes_since_review("truongphong", in_review)
        .expect("changes")
        .expect("some");
    assert_eq!((changes.since, changes.current), (1, 2));
    assert!(
        changes
            .lines
            .iter()
            .any(|l| matches!(l, workflow::DiffLine::Added(t) if t.contains("(bổ sung)")))
    );
    // Someone who never decided on it sees no changes.
    assert_eq!(
        wf.changes_since_review("giamdoc", in_review)
            .expect("changes"),
        None
    );

    // Distribution recorded on the stamp's day; the register exported as CSV.
    let issued = doc_in(&mut wf, State::Issued);
    let sent = wf
        .distribute_today(&by("vanthu"), issued, " UBND tỉnh ", "Bưu điện", Some(""))
        .expect("distribute");
    assert_eq!(
        (sent.recipient.as_str(), sent.sent_on, sent.note),
        ("UBND tỉnh", day, None)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("so.csv");
    let created = vanban_render::pdf::Created {
        year: 2025,
        month: 3,
        day: 5,
        hour: 2,
        minute: 0,
        second: 0,
    };
    wf.export_register(
        &by("vanthu"),
        2025,
        &csv,
        workflow::RegisterFormat::Csv,
        created,
    )
    .expect("export");
    assert!(
        std::fs::read_to_string(&csv)
            .expect("csv")
            .contains("01/KH-STTTT")
    );
}

#[test]
fn the_desk_shows_the_directory_what_waits_for_whom_and_the_changes_since_a_review() {
    backends!(desk);
}

fn directory_screen(mut make: impl FnMut() -> Store) {
    use vanban_store::{DirectoryEdit, RecipientGroupSpec, UnitSpec};
    let mut wf = setup(make());
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 5).expect("day");
    let unit = |name: &str| DirectoryEdit::PutUnit {
        previous: None,
        unit: UnitSpec {
            body: "STTTT".into(),
            abbreviation: "KHTC".into(),
            name: name.into(),
            active: true,
        },
    };
    // Only the administrator edits the directory.
    assert!(matches!(
        wf.edit_directory(&by("chuyenvien"), unit("Phòng Kế hoạch - Tài chính")),
        Err(Error::NotAllowed { .. })
    ));
    // An empty name is refused naming the field; nothing is written.
    let audit = wf.store().audit_rows().expect("audit").len();
    match wf.edit_directory(&by("admin"), unit("  ")) {
        Err(Error::DirectoryEntry(p)) => {
            assert_eq!(p.field, "name");
            assert_eq!(p.message, "Tên đơn vị không được để trống.");
        }
        other => panic!("{other:?}"),
    }
    // A second unit with a name the body already has is refused too.
    match wf.edit_directory(&by("admin"), unit("văn phòng sở")) {
        Err(Error::DirectoryEntry(p)) => assert_eq!(p.field, "name"),
        other => panic!("{other:?}"),
    }
    assert_eq!(wf.store().audit_rows().expect("audit").len(), audit);
    wf.edit_directory(&by("admin"), unit(" Phòng Kế hoạch - Tài chính "))
        .expect("unit");
    let seen = wf.body_directory("chuyenvien", day).expect("directory");
    assert!(
        seen.units
            .iter()
            .any(|u| u.name == "Phòng Kế hoạch - Tài chính" && u.active),
        "{:?}",
        seen.units
    );
    // A recipient group, its members in the order given, offered to the drafter.
    wf.edit_directory(
        &by("admin"),
        DirectoryEdit::PutRecipientGroup {
            previous: None,
            group: RecipientGroupSpec {
                body: "STTTT".into(),
                name: "UBND các huyện".into(),
                members: vec!["UBND huyện Lộc Bình".into(), "UBND huyện Cao Lộc".into()],
            },
        },
    )
    .expect("group");
    let groups = wf.recipient_groups("chuyenvien").expect("groups");
    let g = groups
        .iter()
        .find(|g| g.name == "UBND các huyện")
        .expect("offered");
    assert_eq!(g.members, vec!["UBND huyện Lộc Bình", "UBND huyện Cao Lộc"]);
    // Another body's entries are not the administrator's to edit.
    assert!(matches!(
        wf.edit_directory(
            &by("admin"),
            DirectoryEdit::RemoveRecipientGroup {
                body: "UBND".into(),
                name: "UBND các huyện".into(),
            },
        ),
        Err(Error::NotAllowed { .. })
    ));
    // The body's own details: an empty place is refused naming it, another body's details
    // are not the administrator's, a new name is what the drafter's directory then shows.
    let details = |abbreviation: &str, name: &str, place: &str| DirectoryEdit::PutBody {
        abbreviation: abbreviation.into(),
        name: name.into(),
        parent_name: Some("UBND tỉnh Lạng Sơn".into()),
        place: place.into(),
    };
    match wf.edit_directory(&by("admin"), details("STTTT", "Sở TT&TT", "  ")) {
        Err(Error::DirectoryEntry(p)) => {
            assert_eq!(p.field, "place");
            assert_eq!(p.message, "Địa danh không được để trống.");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        wf.edit_directory(&by("admin"), details("UBND", "UBND tỉnh", "Lạng Sơn")),
        Err(Error::NotAllowed { .. })
    ));
    wf.edit_directory(
        &by("admin"),
        details(
            "STTTT",
            " Sở Thông tin và Truyền thông tỉnh Lạng Sơn ",
            "Lạng Sơn",
        ),
    )
    .expect("body details");
    let seen = wf.body_directory("chuyenvien", day).expect("directory");
    let body = seen.body.expect("body");
    assert_eq!(body.name, "Sở Thông tin và Truyền thông tỉnh Lạng Sơn");
    assert_eq!(body.abbreviation, "STTTT");
    // What the screen edits: the body's entries with their keys.
    let own = wf.own_directory(&by("admin")).expect("own");
    assert!(own.units.iter().any(|u| u.abbreviation == "KHTC"));
    assert!(
        own.people
            .iter()
            .any(|p| p.login == "chuyenvien" && p.unit.as_deref() == Some("CĐS"))
    );
    assert!(wf.own_directory(&by("chuyenvien")).is_err());
    // The same rules hold for an imported file: one bad entry and nothing is imported.
    let mut file = workflow::demo_directory("admin");
    file.units[1].name = String::new();
    file.recipient_groups[0].name = "Nhóm mới".into();
    match wf.import_directory(&by("admin"), &file) {
        Err(Error::DirectoryEntry(p)) => assert_eq!(p.field, "units[1].name"),
        other => panic!("{other:?}"),
    }
    assert!(
        !wf.recipient_groups("admin")
            .expect("groups")
            .iter()
            .any(|g| g.name == "Nhóm mới")
    );
}

#[test]
fn the_administrator_edits_the_directory_under_the_import_rules() {
    backends!(directory_screen);
}

fn signing_material(mut make: impl FnMut() -> Store) {
    use vanban_store::{DirectoryEdit, Owner, SigningMaterial};
    let mut wf = setup(make());
    let keys = tempfile::tempdir().expect("temp dir");
    let ca = pki::Ca::new(keys.path());
    let (_, cert) = ca.issue("Lê Văn Cường", 2030);
    std::fs::write(keys.path().join("giamdoc.cer"), &cert).expect("write");
    let (_, old) = ca.issue("Lê Văn Cường", 2021);
    std::fs::write(keys.path().join("cu.cer"), &old).expect("write");
    ca.p12(
        keys.path(),
        "stttt.p12",
        "Sở Thông tin và Truyền thông",
        2030,
    );
    std::fs::write(keys.path().join("ghi-chu.txt"), "không phải chứng thư").expect("write");
    let file = |name: &str| Some(keys.path().join(name).display().to_string());
    let put = |person: Option<&str>, certificate, image_png, seal_diameter_mm| {
        DirectoryEdit::PutSigningMaterial {
            body: "STTTT".into(),
            person: person.map(Into::into),
            material: SigningMaterial {
                certificate,
                image_png,
                seal_diameter_mm,
            },
        }
    };
    let refused = |wf: &mut Workflow, edit, field: &str, says: &str| match wf
        .edit_directory(&by("admin"), edit)
    {
        Err(Error::DirectoryEntry(p)) => {
            assert_eq!(p.field, field, "{}", p.message);
            assert!(p.message.contains(says), "{}", p.message);
        }
        other => panic!("{other:?}"),
    };
    let material = |wf: &Workflow, owner| wf.store().signing_material(owner).expect("read");
    let director = wf.store().person("giamdoc").expect("p").expect("p").id;
    let body = wf
        .store()
        .person("admin")
        .expect("p")
        .expect("p")
        .body
        .expect("body");
    let signature = pki::signature_png();
    let seal = pki::seal_png();

    // Only the administrator sets them.
    assert!(matches!(
        wf.edit_directory(
            &by("giamdoc"),
            put(Some("giamdoc"), file("giamdoc.cer"), None, None)
        ),
        Err(Error::NotAllowed { .. })
    ));
    // Each wrong file is refused at its field, saying what to do; nothing is written.
    let audit = wf.store().audit_rows().expect("audit").len();
    let relative = Some("giamdoc.cer".to_owned());
    refused(
        &mut wf,
        put(Some("giamdoc"), relative, None, None),
        "certificate",
        "Chọn tệp",
    );
    refused(
        &mut wf,
        put(Some("giamdoc"), file("khong-co.cer"), None, None),
        "certificate",
        "Không đọc được",
    );
    refused(
        &mut wf,
        put(Some("giamdoc"), file("ghi-chu.txt"), None, None),
        "certificate",
        "không phải chứng thư số",
    );
    refused(
        &mut wf,
        put(Some("giamdoc"), file("cu.cer"), None, None),
        "certificate",
        "đến 01/01/2021",
    );
    refused(
        &mut wf,
        put(Some("giamdoc"), None, Some(b"GIF89a".to_vec()), None),
        "image",
        "Ảnh chữ ký phải là tệp PNG",
    );
    refused(
        &mut wf,
        put(Some("giamdoc"), None, Some(signature.clone()), Some(36)),
        "seal_diameter_mm",
        "Chỉ con dấu",
    );
    refused(
        &mut wf,
        put(None, None, Some(seal.clone()), None),
        "seal_diameter_mm",
        "36 mm",
    );
    refused(
        &mut wf,
        put(None, None, Some(seal.clone()), Some(120)),
        "seal_diameter_mm",
        "từ 10 đến 80 mm",
    );
    assert_eq!(wf.store().audit_rows().expect("audit").len(), audit);
    assert_eq!(material(&wf, Owner::Person(director)), None);
    // Nobody of the body by that login: nothing to set.
    assert!(matches!(
        wf.edit_directory(
            &by("admin"),
            put(Some("khongco"), None, Some(signature.clone()), None)
        ),
        Err(Error::Store(StoreError::NotInDirectory { .. }))
    ));

    // The director's certificate (the key on a token) and signature image; the body's PKCS#12
    // file, seal and its diameter: what signing then reads.
    wf.edit_directory(
        &by("admin"),
        put(
            Some("giamdoc"),
            file("giamdoc.cer"),
            Some(signature.clone()),
            None,
        ),
    )
    .expect("director");
    wf.edit_directory(
        &by("admin"),
        put(None, file("stttt.p12"), Some(seal.clone()), Some(36)),
    )
    .expect("body");
    let m = material(&wf, Owner::Person(director)).expect("set");
    assert_eq!(m.certificate, file("giamdoc.cer"));
    assert_eq!(m.image_png.as_deref(), Some(signature.as_slice()));
    let b = material(&wf, Owner::Body(body)).expect("set");
    assert_eq!(
        (b.certificate, b.seal_diameter_mm),
        (file("stttt.p12"), Some(36))
    );
    assert_eq!(b.image_png.as_deref(), Some(seal.as_slice()));
    assert_eq!(
        wf.certificate_of(Owner::Person(director)).expect("c"),
        Some(keys.path().join("giamdoc.cer"))
    );
    // The audit names the image by its hash, not its bytes.
    let row = wf.store().audit_rows().expect("audit").pop().expect("row");
    assert_eq!(row.action, "directory-signing-material");
    let details = row.details.clone();
    assert!(
        details.contains(&vanban_store::audit::sha256_hex(&seal)),
        "{details}"
    );
    assert!(details.len() < 1000, "{details}");
    // Replaced as a whole: the image alone leaves no certificate; nothing at all removes it.
    wf.edit_directory(
        &by("admin"),
        put(Some("giamdoc"), None, Some(signature.clone()), None),
    )
    .expect("image only");
    let m = material(&wf, Owner::Person(director)).expect("set");
    assert_eq!(m.certificate, None);
    wf.edit_directory(&by("admin"), put(Some("giamdoc"), None, None, None))
        .expect("removed");
    assert_eq!(material(&wf, Owner::Person(director)), None);
}

#[test]
fn the_administrator_sets_certificates_signature_and_seal_images_checked_at_their_fields() {
    backends!(signing_material);
}

fn pins(mut make: impl FnMut() -> Store) {
    use std::time::{Duration, Instant};
    use vanban_app::workflow::PinAttempts;
    let mut wf = setup(make());
    let mut attempts = PinAttempts::new();
    let t = Instant::now();
    // Without a PIN, picking oneself is enough.
    assert!(wf.sign_in(&mut attempts, "chuyenvien", None, t).is_ok());
    wf.change_own_pin(&by("chuyenvien"), &mut attempts, None, Some("2468"), t)
        .expect("set");
    assert!(
        wf.store()
            .person("chuyenvien")
            .expect("p")
            .expect("p")
            .has_pin
    );
    assert!(matches!(
        wf.sign_in(&mut attempts, "chuyenvien", None, t),
        Err(Error::PinRequired(name)) if name == "Nguyễn Văn An"
    ));
    assert!(matches!(
        wf.sign_in(&mut attempts, "chuyenvien", Some("1111"), t),
        Err(Error::WrongPin { left: 4 })
    ));
    let me = wf
        .sign_in(&mut attempts, "chuyenvien", Some("2468"), t)
        .expect("right PIN");
    assert_eq!(me.login, "chuyenvien");
    // Changing it needs the current one; a new one must be 4–8 digits.
    assert!(matches!(
        wf.change_own_pin(&by("chuyenvien"), &mut attempts, None, Some("1357"), t),
        Err(Error::OldPinNeeded)
    ));
    assert!(matches!(
        wf.change_own_pin(
            &by("chuyenvien"),
            &mut attempts,
            Some("0000"),
            Some("1357"),
            t
        ),
        Err(Error::WrongPin { .. })
    ));
    assert!(matches!(
        wf.change_own_pin(
            &by("chuyenvien"),
            &mut attempts,
            Some("2468"),
            Some("12"),
            t
        ),
        Err(Error::BadPin)
    ));
    wf.change_own_pin(
        &by("chuyenvien"),
        &mut attempts,
        Some("2468"),
        Some("1357"),
        t,
    )
    .expect("change");
    assert!(
        wf.sign_in(&mut attempts, "chuyenvien", Some("2468"), t)
            .is_err()
    );
    // Five wrong in a row: wait, even with the right one.
    let mut attempts = PinAttempts::new();
    for _ in 0..4 {
        let _ = wf.sign_in(&mut attempts, "chuyenvien", Some("9999"), t);
    }
    assert!(matches!(
        wf.sign_in(&mut attempts, "chuyenvien", Some("9999"), t),
        Err(Error::PinLocked { seconds: 30 })
    ));
    assert!(matches!(
        wf.sign_in(
            &mut attempts,
            "chuyenvien",
            Some("1357"),
            t + Duration::from_secs(5)
        ),
        Err(Error::PinLocked { .. })
    ));
    assert!(
        wf.sign_in(
            &mut attempts,
            "chuyenvien",
            Some("1357"),
            t + Duration::from_secs(30)
        )
        .is_ok()
    );
    // A forgotten PIN: only the administrator resets it.
    assert!(matches!(
        wf.reset_pin(&by("truongphong"), "chuyenvien", None),
        Err(Error::NotAllowed { .. })
    ));
    wf.reset_pin(&by("admin"), "chuyenvien", None)
        .expect("reset");
    assert!(wf.sign_in(&mut attempts, "chuyenvien", None, t).is_ok());
    let actions: Vec<String> = wf
        .store()
        .audit_rows()
        .expect("audit")
        .into_iter()
        .map(|r| r.action)
        .filter(|a| a.starts_with("pin-"))
        .collect();
    assert_eq!(actions, vec!["pin-set", "pin-set", "pin-clear"]);
}

#[test]
fn a_pin_guards_the_profile_and_five_wrong_ones_make_one_wait() {
    backends!(pins);
}

fn organisation_templates(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    // A công văn from the shipped template, filled from the directory of the day.
    let letter = wf
        .create_from_template(&by("chuyenvien"), "cong-van-huong-dan", None)
        .expect("from the shipped template");
    let (_, _, mut doc) = wf.load_document(letter.id, Which::Current).expect("load");
    assert_eq!(doc.header.issuing_body.name, "Sở Thông tin và Truyền thông");
    assert_eq!(
        doc.header.unit_abbreviation.as_deref(),
        Some("CĐS"),
        "the drafter's unit"
    );
    assert_eq!(doc.recipients.archive.units, ["CĐS"]);
    assert_eq!(doc.recipients.archive.drafter.as_deref(), Some("NVA"));
    assert_eq!(doc.signature.name, "Lê Văn Cường");
    assert_eq!(doc.header.date.map(|d| d.year), Some(2025));
    doc.subject = "hướng dẫn triển khai Ngày Chuyển đổi số".into();
    doc.header.urgency = Some(vanban_core::model::Urgency::Khan);
    wf.save(&by("chuyenvien"), letter.id, &doc).expect("save");

    // Saved as a template of the body by the drafter; the reviewer sees it listed.
    let saved = wf
        .save_document_as_template(&by("chuyenvien"), letter.id, "  Công văn  hướng dẫn CĐS ")
        .expect("save as template");
    assert_eq!(saved.name, "Công văn hướng dẫn CĐS", "spaces tidied");
    assert_eq!(
        saved.title,
        "Công văn: V/v hướng dẫn triển khai Ngày Chuyển đổi số"
    );
    let listed = wf.templates("truongphong").expect("list");
    assert_eq!(
        listed
            .iter()
            .filter(|t| t.origin == workflow::TemplateOrigin::Shipped)
            .count(),
        vanban_app::templates::SHIPPED.len()
    );
    let own = listed
        .last()
        .expect("the body's template, after the shipped ones");
    assert_eq!(
        (own.name.as_str(), own.origin, own.saved_by.as_deref()),
        (
            "Công văn hướng dẫn CĐS",
            workflow::TemplateOrigin::Organisation,
            Some("chuyenvien")
        )
    );
    assert_eq!(own.doc_type, vanban_core::DocumentType::CongVan);

    // Another person of the body starts from it: the subject stays, the mark does not, the
    // unit is theirs.
    let next = wf
        .create_from_template(&by("truongphong"), "Công văn hướng dẫn CĐS", None)
        .expect("from the body's template");
    let (record, _, copy) = wf.load_document(next.id, Which::Current).expect("load");
    assert_eq!(record.owner_login, "truongphong");
    assert_eq!(copy.subject, "hướng dẫn triển khai Ngày Chuyển đổi số");
    assert_eq!(copy.header.urgency, None);
    assert_eq!(copy.addressees, doc.addressees);

    // Names: a shipped template's, an empty one and one already used are refused.
    for (name, code) in [
        ("cong-van-huong-dan", "template-name"),
        ("   ", "template-name"),
        ("Công văn hướng dẫn CĐS", "duplicate-template"),
    ] {
        let err = wf
            .save_template(&by("giamdoc"), name, &doc)
            .expect_err(name);
        assert_eq!(err.code(), code, "{name}: {err}");
    }
    let err = wf
        .create_from_template(&by("chuyenvien"), "không có mẫu này", None)
        .expect_err("unknown");
    assert_eq!(err.code(), "no-template", "{err}");

    // Only the one who saved it (or an administrator) deletes it.
    let err = wf
        .delete_template(&by("truongphong"), "Công văn hướng dẫn CĐS")
        .expect_err("not theirs");
    assert!(matches!(err, Error::NotAllowed { .. }), "{err:?}");
    wf.delete_template(&by("chuyenvien"), "Công văn hướng dẫn CĐS")
        .expect("deleted by its author");
    assert!(
        wf.templates("chuyenvien")
            .expect("list")
            .iter()
            .all(|t| t.origin == workflow::TemplateOrigin::Shipped)
    );
    assert!(wf.verify_audit().expect("verify").is_intact());
}

#[test]
fn an_organisation_saves_its_own_templates_and_starts_documents_from_them() {
    backends!(organisation_templates);
}

/// A part of a DOCX package as text.
fn docx_part(path: &std::path::Path, part: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("open docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut xml = String::new();
    zip.by_name(part)
        .expect("part")
        .read_to_string(&mut xml)
        .expect("read");
    xml
}

/// The words of page 1 of a PDF file with their left and right edges and top, in points.
fn words(pdf: &std::path::Path) -> Vec<(f64, f64, f64, String)> {
    pki::page_one_words(pdf)
        .into_iter()
        .map(|w| (w.x_min, w.x_max, w.y_min, w.text))
        .collect()
}

fn pairs(values: &[(&str, f32)]) -> Vec<(String, f32)> {
    values.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

const CREATED: vanban_render::pdf::Created = vanban_render::pdf::Created {
    year: 2025,
    month: 3,
    day: 5,
    hour: 2,
    minute: 0,
    second: 0,
};

fn style_profile(mut make: impl FnMut() -> Store) {
    use vanban_render::style::{StyleError, StyleSheet};
    let mut wf = setup(make());
    let audit = wf.store().audit_rows().expect("audit").len();

    // Only the administrator changes the body's profile.
    for who in ["chuyenvien", "vanthu", "giamdoc"] {
        let err = wf
            .set_style_values(&by(who), &pairs(&[("sizes.body", 13.0)]))
            .expect_err(who);
        assert!(matches!(err, Error::NotAllowed { .. }), "{err:?}");
        assert!(matches!(
            wf.reset_style(&by(who)),
            Err(Error::NotAllowed { .. })
        ));
    }
    // A value outside the decree's range is refused naming it in Vietnamese; nothing is kept,
    // not even the good value given with it.
    let err = wf
        .set_style_values(
            &by("admin"),
            &pairs(&[("page.margin_left_mm", 35.0), ("sizes.body", 16.0)]),
        )
        .expect_err("16 pt");
    assert!(
        matches!(
            err,
            Error::Style(StyleError::OutOfRange {
                key: "sizes.body",
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "style-value");
    assert!(err.is_refusal());
    assert!(
        err.to_string().contains("Cỡ chữ phần nội dung") && err.to_string().contains("13–14 pt"),
        "{err}"
    );
    assert_eq!(wf.store().style_profile(1).expect("read"), None);
    assert_eq!(wf.store().audit_rows().expect("audit").len(), audit);
    let seen = wf.style_profile(&by("chuyenvien")).expect("profile");
    assert!(!seen.custom && !seen.may_edit);
    assert_eq!(
        wf.style_sheet(&by("chuyenvien")).expect("sheet"),
        StyleSheet::nd30()
    );

    // An issued document, exported before and after the administrator's change.
    let id = doc_in(&mut wf, State::Issued);
    let dir = tempfile::tempdir().expect("temp dir");
    let export = |wf: &mut Workflow, name: &str, format| {
        let path = dir.path().join(name);
        let mut exporter =
            Exporter::new(vanban_render::fonts::liberation_serif()).expect("exporter");
        let options = ExportOptions::new(format, CREATED);
        wf.export_stored(&by("vanthu"), id, &path, &options, &mut exporter)
            .expect("export");
        path
    };
    let pdf = ExportFormat::Pdf(vanban_render::pdf::PdfKind::Standard);
    let before = export(&mut wf, "truoc.pdf", pdf);
    wf.set_style_values(
        &by("admin"),
        &pairs(&[("sizes.body", 13.0), ("page.margin_left_mm", 35.0)]),
    )
    .expect("saved");
    let seen = wf.style_profile(&by("chuyenvien")).expect("profile");
    assert!(seen.custom && !seen.may_edit);
    assert!(wf.style_profile(&by("admin")).expect("profile").may_edit);
    let body = seen
        .entries
        .iter()
        .find(|e| e.key == "sizes.body")
        .expect("entry");
    assert_eq!((body.value, body.min, body.max), (13.0, 13.0, 14.0));

    let docx = export(&mut wf, "sau.docx", ExportFormat::Docx);
    let document = docx_part(&docx, "word/document.xml");
    // Every section's left margin is 35 mm = 1984 twips.
    let margins: Vec<&str> = document.split("<w:pgMar ").skip(1).collect();
    assert!(!margins.is_empty());
    for m in margins {
        let m = &m[..m.find("/>").expect("end")];
        assert!(m.contains(r#"w:left="1984""#), "{m}");
    }
    let styles = docx_part(&docx, "word/styles.xml");
    let body_style = &styles[styles.find(r#"w:styleId="VBNoiDung""#).expect("body style")..];
    let body_style = &body_style[..body_style.find("</w:style>").expect("end")];
    assert!(
        body_style.contains(r#"w:sz w:val="26""#),
        "13 pt: {body_style}"
    );
    assert!(
        document.contains(r#"<w:pStyle w:val="VBNoiDung" />"#),
        "body paragraphs use the body style"
    );

    // The PDF's text starts 5 mm (14.2 pt) further right.
    let after = export(&mut wf, "sau.pdf", pdf);
    let left = |path: &std::path::Path| {
        words(path)
            .iter()
            .map(|w| w.0)
            .fold(f64::INFINITY, f64::min)
    };
    let shift = left(&after) - left(&before);
    assert!((shift - 14.17).abs() < 0.5, "moved by {shift} pt");

    // The register printed by the clerk uses it too; back to the decree's default.
    wf.reset_style(&by("admin")).expect("reset");
    assert_eq!(wf.store().style_profile(1).expect("read"), None);
    let again = export(&mut wf, "lai.pdf", pdf);
    assert!((left(&again) - left(&before)).abs() < 0.1);
    let actions: Vec<String> = wf
        .store()
        .audit_rows()
        .expect("audit")
        .into_iter()
        .map(|r| r.action)
        .filter(|a| a == "style-profile")
        .collect();
    assert_eq!(actions.len(), 2);
}

#[test]
fn the_administrator_sets_the_body_style_profile_and_exports_follow_it() {
    backends!(style_profile);
}

/// The demo body with certificates and images for the director and the body, and the demo plan
/// approved; the folder holds the .p12 files.
fn approved_for_signing(store: Store, keys: &std::path::Path) -> (Workflow, DocumentId) {
    let ca = pki::Ca::new(keys);
    ca.p12(keys, "giamdoc.p12", "Lê Văn Cường", 2030);
    ca.p12(keys, "stttt.p12", "Sở Thông tin và Truyền thông", 2030);
    let mut wf = setup(store);
    let mut dir = Directory::default();
    let mut demo = workflow::demo_directory("admin");
    let mut body = demo.bodies.remove(0);
    body.certificate = Some(keys.join("stttt.p12").display().to_string());
    body.seal_png = Some(pki::seal_png());
    body.seal_diameter_mm = Some(36);
    dir.bodies.push(body);
    let mut director = demo
        .people
        .into_iter()
        .find(|p| p.login == "giamdoc")
        .expect("director");
    director.certificate = Some(keys.join("giamdoc.p12").display().to_string());
    director.signature_png = Some(pki::signature_png());
    dir.people.push(director);
    wf.import_directory(&by("admin"), &dir).expect("directory");
    let id = doc_in(&mut wf, State::Approved);
    (wf, id)
}

fn signed_then_restyled(mut make: impl FnMut() -> Store) {
    use vanban_render::style::StyleSheet;
    let keys = tempfile::tempdir().expect("temp dir");
    let (mut wf, id) = approved_for_signing(make(), keys.path());
    // Signed under a profile of 13 pt body text and a 35 mm left margin…
    let signed_with = pairs(&[("sizes.body", 13.0), ("page.margin_left_mm", 35.0)]);
    wf.set_style_values(&by("admin"), &signed_with)
        .expect("profile");
    let key = wf
        .key_for_signing(&by("giamdoc"), pki::PASSWORD)
        .expect("director's key");
    wf.sign_digitally(&by("giamdoc"), id, &key).expect("signed");
    let kept = wf.signed_pdfs(id).expect("files")[0]
        .style_toml
        .clone()
        .expect("the sheet is kept with the signed file");
    let mut old = StyleSheet::nd30();
    old.set("sizes.body", 13.0).expect("13");
    old.set("page.margin_left_mm", 35.0).expect("35");
    assert_eq!(StyleSheet::from_toml(&kept), Ok(old.clone()));
    // …then the administrator goes back to the decree's default before the clerk issues.
    wf.reset_style(&by("admin")).expect("reset");
    let key = wf
        .key_for_issuing(&by("vanthu"), id, pki::PASSWORD)
        .expect("body's key");
    let entry = wf
        .issue_digitally(&by("vanthu"), id, None, &key)
        .expect("issued");
    assert_eq!(entry.number_symbol, "01/KH-STTTT");

    // The number sits in its blank, right against "/KH-STTTT", as pdftotext reads the issued
    // file.
    let dir = tempfile::tempdir().expect("temp dir");
    let issued = dir.path().join("ban-hanh.pdf");
    let files = wf.signed_pdfs(id).expect("files");
    std::fs::write(&issued, &files[1].pdf).expect("write");
    let page = words(&issued);
    let so = page.iter().find(|w| w.3 == "Số:").expect("the number line");
    // The words after "Số:" on its line, left to right (the number is drawn over its blank,
    // so pdftotext may list it after the header's other column).
    let mut line: Vec<_> = page
        .iter()
        .filter(|w| (w.2 - so.2).abs() < 1.0 && w.0 > so.1 && w.0 < so.1 + 120.0)
        .collect();
    line.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (number, symbol) = (line[0], line[1]);
    assert_eq!(
        (number.3.as_str(), symbol.3.as_str()),
        ("01", "/KH-STTTT"),
        "{page:?}"
    );
    assert!(
        (number.2 - so.2).abs() < 1.0 && (symbol.2 - so.2).abs() < 1.0,
        "on one line"
    );
    assert!(
        (symbol.0 - number.1).abs() < 0.5,
        "no gap and no overlap between the number and the symbol: {number:?} {symbol:?}"
    );
    let text: Vec<&str> = page.iter().map(|w| w.3.as_str()).collect();
    assert!(
        text.join(" ")
            .contains("Lạng Sơn, ngày 05 tháng 3 năm 2025"),
        "{text:?}"
    );

    // The test would see the fields drawn with the default sheet: 5 mm to the left.
    let (_, _, doc) = wf
        .load_document(id, Which::Issued)
        .expect("issued revision");
    let number_x = |sheet: &StyleSheet| {
        let path = dir.path().join("fields.pdf");
        std::fs::write(
            &path,
            vanban_app::export::fields_pdf(&doc, sheet).expect("fields"),
        )
        .expect("write");
        words(&path)
            .into_iter()
            .find(|w| w.3.starts_with("01"))
            .expect("the number")
            .0
    };
    let wrong = number_x(&StyleSheet::nd30()) - number_x(&old);
    assert!(
        wrong < -10.0,
        "the default sheet moves the number by {wrong} pt"
    );

    // A DOCX of the signed document is laid out as it was signed, not with today's profile.
    let docx = dir.path().join("ban-hanh.docx");
    let mut exporter = Exporter::new(vanban_render::fonts::liberation_serif()).expect("exporter");
    wf.export_stored(
        &by("vanthu"),
        id,
        &docx,
        &ExportOptions::new(ExportFormat::Docx, CREATED),
        &mut exporter,
    )
    .expect("docx");
    assert!(docx_part(&docx, "word/document.xml").contains(r#"w:left="1984""#));
}

#[test]
fn a_document_signed_under_one_profile_gets_its_number_in_place_after_the_profile_changed() {
    backends!(signed_then_restyled);
}

/// Following an issued plan through the use cases the desktop calls: its tasks listed, who may
/// report and the refusal's code, the follower a head assigns, the reminders, a revised plan
/// taking over the reports, the báo cáo drafted from them.
fn following(mut make: impl FnMut() -> Store) {
    use vanban_app::workflow::{ReportInput, StatusFilter, TaskFilter};
    let mut wf = setup(make());
    let plan = doc_in(&mut wf, State::Issued);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
    let all = TaskFilter::default();
    let tasks = wf
        .tracked_tasks("truongphong", &all, day("2025-03-05"))
        .expect("list");
    assert_eq!(tasks.len(), 1);
    let task = tasks[0].clone();
    assert_eq!((task.number.as_str(), task.plan), ("1", plan));
    assert_eq!(task.schedule.due_day(), Some(day("2025-12-31")));
    assert_eq!(task.lead, ["Báo Lạng Sơn"]);
    let follower = wf.plan_follower(plan).expect("follower").expect("one");
    assert_eq!(
        (follower.login.as_str(), follower.assigned),
        ("chuyenvien", false)
    );

    let input = ReportInput {
        percent: 50,
        note: "Đã đăng 3 kỳ".into(),
        done: false,
        attachment: None,
    };
    let refused = wf
        .report_task(&by("chuyenvien2"), task.id, &input)
        .expect_err("no part in it");
    assert_eq!(refused.code(), "may-not-report");
    assert!(refused.is_refusal());
    assert!(
        refused.to_string().contains("không phải người theo dõi"),
        "{refused}"
    );
    let bad = ReportInput {
        percent: 101,
        ..input.clone()
    };
    let e = wf
        .report_task(&by("chuyenvien"), task.id, &bad)
        .expect_err("percent");
    assert_eq!((e.code(), e.is_refusal()), ("bad-report", false));
    assert!(e.to_string().contains("“percent”"), "{e}");

    // A drafter may not assign the follower; a head may.
    let e = wf
        .assign_follower(&by("chuyenvien"), plan, "chuyenvien2")
        .expect_err("not a head");
    assert_eq!(e.code(), "not-allowed");
    wf.assign_follower(&by("truongphong"), plan, "chuyenvien2")
        .expect("assign");
    assert_eq!(
        wf.plan_follower(plan).expect("f").expect("one").login,
        "chuyenvien2"
    );
    let e = wf
        .report_task(&by("chuyenvien"), task.id, &input)
        .expect_err("no longer the follower");
    assert_eq!(e.code(), "may-not-report");
    wf.report_task(
        &by_at("chuyenvien2", "2025-06-01T09:00:00+07:00"),
        task.id,
        &input,
    )
    .expect("the follower reports");
    let reminders = wf
        .reminders("chuyenvien2", day("2025-12-28"))
        .expect("reminders");
    assert_eq!(reminders.as_follower.len(), 1);
    assert!(
        wf.reminders("chuyenvien2", day("2025-06-01"))
            .expect("reminders")
            .as_follower
            .is_empty()
    );
    let open = TaskFilter {
        status: Some(StatusFilter::Open),
        ..TaskFilter::default()
    };
    assert_eq!(
        wf.tracked_tasks("truongphong", &open, day("2025-06-02"))
            .expect("list")[0]
            .status,
        vanban_core::tracking::Status::InProgress
    );

    // The plan revised and issued again: its task keeps its report.
    let revised = wf
        .copy_as_new_draft(&by("chuyenvien"), plan)
        .expect("copy")
        .id;
    wf.submit(&by("chuyenvien"), revised).expect("submit");
    wf.approve(&by("truongphong"), revised).expect("approve");
    wf.sign(&by("giamdoc"), revised).expect("sign");
    wf.issue(&by("vanthu"), revised, None).expect("issue");
    let now = wf
        .tracked_tasks("truongphong", &all, day("2025-06-02"))
        .expect("list");
    assert_eq!(now.len(), 1, "{now:?}");
    assert_eq!(
        (now[0].plan, now[0].reports, now[0].percent),
        (revised, 1, 50)
    );

    // The báo cáo drafted from it.
    let report = wf
        .draft_plan_report(&by_at("chuyenvien", "2025-07-01T09:00:00+07:00"), revised)
        .expect("draft");
    let (record, _, doc) = wf.load_document(report.id, Which::Current).expect("load");
    assert_eq!(record.state, State::Draft);
    assert_eq!(doc.doc_type, vanban_core::DocumentType::BaoCao);
    assert!(doc.tasks.is_empty(), "a báo cáo follows no task of its own");
    assert_eq!(vanban_app::validate(&doc).errors(), 0);
    let e = wf
        .draft_plan_report(&by("chuyenvien"), report.id)
        .expect_err("not issued");
    assert_eq!(e.code(), "wrong-state");
}

#[test]
fn an_issued_plan_is_followed_reported_on_and_reported_back() {
    backends!(following);
}

fn smtp_settings(mut make: impl FnMut() -> Store) {
    let mut wf = setup(make());
    // The demo body's settings: read by the administrator and the registry clerk, nobody else.
    let demo = (wf.smtp_settings(&by("admin")).expect("read")).expect("the demo's settings");
    assert_eq!(demo.host, "mail.langson.example");
    assert_eq!(demo.tls, vanban_store::SmtpTls::Starttls);
    assert_eq!(
        wf.smtp_settings(&by("vanthu")).expect("clerk"),
        Some(demo.clone())
    );
    let e = wf.smtp_settings(&by("chuyenvien")).expect_err("drafter");
    assert_eq!(e.code(), "not-allowed");
    // Set by the administrator, checked at the field; never by the clerk.
    let plain = vanban_store::SmtpSpec {
        host: "mail.langson.example".into(),
        tls: vanban_store::SmtpTls::None,
        sender: "vanthu@langson.example".into(),
        ..Default::default()
    };
    let e = (wf.set_smtp_settings(&by("admin"), Some(plain.clone()))).expect_err("plain text");
    assert_eq!(e.code(), "smtp-settings");
    assert!(e.to_string().starts_with("smtp.tls: "), "{e}");
    let e = (wf.set_smtp_settings(&by("vanthu"), Some(demo.clone()))).expect_err("clerk");
    assert_eq!(e.code(), "not-allowed");
    let local = vanban_store::SmtpSpec {
        host: " 127.0.0.1 ".into(),
        port: Some(2525),
        user: Some("  ".into()),
        ..plain
    };
    let stored = (wf.set_smtp_settings(&by("admin"), Some(local))).expect("loopback");
    let stored = stored.expect("stored");
    assert_eq!(
        (stored.host.as_str(), stored.port, stored.user.clone()),
        ("127.0.0.1", Some(2525), None)
    );
    assert_eq!(wf.smtp_settings(&by("admin")).expect("read"), Some(stored));
    assert_eq!(
        wf.set_smtp_settings(&by("admin"), None).expect("removed"),
        None
    );
    assert_eq!(wf.smtp_settings(&by("vanthu")).expect("read"), None);
}

#[test]
fn the_administrator_sets_the_bodys_smtp_settings_checked_at_their_fields() {
    backends!(smtp_settings);
}
