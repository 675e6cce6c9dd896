//! Sending the issued Long An plan by e-mail as a province's registry clerk does (`vanban send
//! ID --email`), against the real SMTP server `./x test` starts on loopback (STARTTLS with a
//! certificate made for the run, one login): a batch to six recipients with one address refused
//! (5 sent, 1 failed with the server's reason), fixed and retried (only the sixth sent); a wrong
//! password (nothing sent nor recorded); an untrusted certificate and a plain-text connection
//! refused; a connection dropped mid-batch (those sent stay sent, the rest resumed); an attempt
//! whose outcome is unknown (the process stopped) skipped until the clerk names it, then resent
//! with the same Message-ID; an organ whose entry asks for it sent the edXML package. What a
//! clerk would check: each message received exactly once, its subject, its attachment byte for
//! byte the issued (signed) PDF, its Message-ID the one recorded. On an SQLite file, and on the
//! PostgreSQL test server when there is one.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use vanban_app::workflow::chrono::DateTime;
use vanban_app::workflow::store::Location;
use vanban_app::workflow::{self, Stamp, Workflow};
use vanban_test_support::scratch::{self, ScratchDatabase};

use crate::support::{Scratch, command, err, long_an_keys, repo, text};

const LONG_AN: &str = "tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json";
const DIRECTORY: &str = "tests/fixtures/directory-long-an.toml";
const ISSUED: &str = "2025-03-05T09:00:00+07:00";
const SENT: &str = "2025-03-05T10:00:00+07:00";

/// The SMTP test server of `./x test` (`VANBAN_TEST_SMTP` and the files beside it).
struct Server {
    port: u16,
    password_file: PathBuf,
    ca: PathBuf,
    mail: PathBuf,
}

fn server() -> Option<Server> {
    let Ok(address) = std::env::var("VANBAN_TEST_SMTP") else {
        assert!(
            std::env::var("CI").is_err(),
            "VANBAN_TEST_SMTP is not set: CI runs the e-mail tests (./x test starts the server)"
        );
        eprintln!("send: skipped, VANBAN_TEST_SMTP is not set (./x test starts an SMTP server)");
        return None;
    };
    let var = |k: &str| PathBuf::from(std::env::var_os(k).unwrap_or_else(|| panic!("{k}")));
    let port = address
        .rsplit_once(':')
        .and_then(|(_, p)| p.split('?').next())
        .and_then(|p| p.parse().ok())
        .expect("a port in VANBAN_TEST_SMTP");
    Some(Server {
        port,
        password_file: var("VANBAN_TEST_SMTP_PASSWORD_FILE"),
        ca: var("VANBAN_TEST_SMTP_CA"),
        mail: var("VANBAN_TEST_SMTP_MAIL"),
    })
}

/// The six recipients with an address, in the order of Nơi nhận, and their mailbox's name.
const SIX: [(&str, &str); 6] = [
    ("Sở Thông tin và Truyền thông", "stttt"),
    ("Sở Giáo dục và Đào tạo", "sgddt"),
    ("Sở Tài chính", "stc"),
    ("Công an tỉnh", "congan"),
    ("Báo Long An", "baolongan"),
    ("Văn phòng UBND tỉnh", "vp"),
];

/// The Long An directory with the body's and the signer's keys (the plan is signed and issued
/// digitally), the body's `[bodies.smtp]` pointing at the test server, and the address book of
/// the six recipients on the domain `tag.longan.example`; `boxes` overrides some mailboxes'
/// names (`tuchoi…` is refused by the server, `ngat…` drops the connection).
fn directory(s: &Scratch, srv: &Server, tag: &str, boxes: &[(&str, &str)]) -> String {
    long_an_keys(s);
    let domain = format!("{tag}.longan.example");
    let mut text = std::fs::read_to_string(repo().join(DIRECTORY))
        .expect("directory")
        .replacen(
            "place = \"Long An\"\n",
            &format!(
                "place = \"Long An\"\ncertificate = \"keys/ubnd.p12\"\nseal_image = \
                 \"keys/con-dau.png\"\nseal_diameter_mm = 36\nemail = \"ubnd@{domain}\"\n"
            ),
            1,
        )
        .replacen(
            "roles = [\"signer\"]\nbody = \"UBND\"\n",
            "roles = [\"signer\"]\nbody = \"UBND\"\ncertificate = \"keys/phochutich.p12\"\n\
             signature_image = \"keys/chu-ky.png\"\n",
            1,
        )
        .replacen(
            "\n[[units]]",
            &format!(
                "\n[bodies.smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"starttls\"\n\
                 user = \"vanthu\"\nsender = \"vanthu@{domain}\"\n\
                 sender_name = \"Văn thư UBND tỉnh Long An\"\n\n[[units]]",
                srv.port
            ),
            1,
        );
    for (name, mailbox) in SIX {
        let mailbox = (boxes.iter())
            .find(|(n, _)| *n == name)
            .map_or(mailbox, |(_, b)| *b);
        text.push_str(&format!(
            "\n[[addresses]]\nbody = \"UBND\"\nname = \"{name}\"\nemail = \"{mailbox}@{domain}\"\n"
        ));
    }
    let path = s.path(&format!("danh-ba-{tag}.toml"));
    std::fs::write(&path, text).expect("write directory");
    path.display().to_string()
}

/// `vanban ARGS --db DB` at `now`, with the test CA trusted for the mail server and no settings
/// file of the machine's (the data folder is the scratch folder).
fn run(db: &OsStr, s: &Scratch, srv: &Server, now: &str, args: &[&str]) -> Output {
    command(args)
        .env("VANBAN_NOW", now)
        .env("XDG_DATA_HOME", s.path("data"))
        .env("VANBAN_SMTP_CA", &srv.ca)
        .env_remove("VANBAN_SMTP")
        .env_remove("VANBAN_SMTP_PASSWORD")
        .arg("--db")
        .arg(db)
        .output()
        .expect("run vanban")
}

fn ok(db: &OsStr, s: &Scratch, srv: &Server, args: &[&str]) -> String {
    let o = run(db, s, srv, ISSUED, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Each recipient's result of a `--format json` send: name → (result, the whole entry).
fn results(o: &Output) -> Vec<(String, String, Value)> {
    let v: Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("json ({e}): {}", text(o)));
    (v["recipients"].as_array().expect("recipients").iter())
        .map(|r| {
            (
                r["name"].as_str().expect("name").to_owned(),
                r["result"].as_str().expect("result").to_owned(),
                r.clone(),
            )
        })
        .collect()
}

fn result_of<'a>(rs: &'a [(String, String, Value)], name: &str) -> &'a (String, String, Value) {
    rs.iter()
        .find(|r| r.0 == name)
        .unwrap_or_else(|| panic!("{name} in {rs:?}"))
}

/// The messages the server received for `domain` about document `number` ("01/KH-UBND"):
/// each one's recipient address and bytes.
fn received(srv: &Server, domain: &str, number: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = (std::fs::read_dir(&srv.mail).expect("mail folder"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).expect("eml");
        let m = mail_parser::MessageParser::default()
            .parse(&bytes[..])
            .expect("a message");
        let to = (m.to().and_then(|t| t.first()).and_then(|a| a.address()))
            .unwrap_or_default()
            .to_owned();
        if to.ends_with(&format!("@{domain}")) && m.subject().is_some_and(|s| s.contains(number)) {
            out.push((to, bytes));
        }
    }
    out
}

fn send_by_email(db: &OsStr, s: &Scratch, srv: &Server, tag: &str, open: impl Fn() -> Workflow) {
    let domain = format!("{tag}.longan.example");
    let mk = s.path("mk.txt");
    let smtp_pw = p(&srv.password_file).to_owned();
    // The plan, issued with the agency's signature; the refused address of the first batch.
    let dir = directory(s, srv, tag, &[("Sở Tài chính", "tuchoi.stc")]);
    ok(db, s, srv, &["init"]);
    ok(db, s, srv, &["directory", "import", &dir, "--as", "admin"]);
    let plan = repo().join(LONG_AN).display().to_string();
    for id in ["1", "2", "3"] {
        assert_eq!(ok(db, s, srv, &["import", &plan, "--as", "chuyenvien"]), id);
        ok(db, s, srv, &["submit", id, "--as", "chuyenvien"]);
        ok(db, s, srv, &["approve", id, "--as", "chanhvanphong"]);
        ok(
            db,
            s,
            srv,
            &["sign", id, "--as", "phochutich", "--password-file", p(&mk)],
        );
    }
    assert_eq!(
        ok(
            db,
            s,
            srv,
            &["issue", "1", "--as", "vanthu", "--password-file", p(&mk)]
        ),
        "01/KH-UBND"
    );
    let issued = s.path("ban-hanh.pdf");
    ok(
        db,
        s,
        srv,
        &["export", "1", "-o", p(&issued), "--as", "vanthu"],
    );
    let issued = std::fs::read(&issued).expect("issued pdf");
    assert!(issued.windows(10).any(|w| w == b"/ByteRange"), "signed");

    // `vanban send ID --email --format json` and `extra`, at SENT.
    let send = |id: &str, extra: &[&str]| {
        let mut args = vec!["send", id, "--email", "--format", "json"];
        args.extend(extra);
        run(db, s, srv, SENT, &args)
    };
    // The registry clerk, logging in with the right password, to those named (all when none).
    let clerk_sends = |id: &str, to: &[&str]| {
        let mut extra = vec!["--as", "vanthu", "--password-file", smtp_pw.as_str()];
        for name in to {
            extra.extend(["--to", name]);
        }
        send(id, &extra)
    };
    let status = || -> Vec<(String, String, Value)> {
        let o = run(
            db,
            s,
            srv,
            SENT,
            &["send", "1", "--status", "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        (v["recipients"].as_array().expect("recipients").iter())
            .map(|r| {
                (
                    r["name"].as_str().expect("name").to_owned(),
                    r["state"].as_str().expect("state").to_owned(),
                    r.clone(),
                )
            })
            .collect()
    };
    let sent_count = |rs: &[(String, String, Value)]| rs.iter().filter(|r| r.1 == "sent").count();

    // Only the body's registry clerk sends; a wrong password sends and records nothing.
    let o = send("1", &["--as", "chuyenvien", "--password-file", &smtp_pw]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err(&o).contains("không được"), "{}", err(&o));
    let o = send(
        "1",
        &["--as", "vanthu", "--password-file", p(&s.path("sai.txt"))],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        err(&o).contains("từ chối đăng nhập")
            && err(&o).contains("sai tên đăng nhập hoặc mật khẩu"),
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("Chưa thư nào được gửi"), "{}", err(&o));
    // Without the test CA the server's certificate is not trusted: refused, nothing sent.
    let o = command(&[
        "send",
        "1",
        "--email",
        "--as",
        "vanthu",
        "--password-file",
        &smtp_pw,
    ])
    .env("VANBAN_NOW", SENT)
    .env("XDG_DATA_HOME", s.path("data"))
    .env_remove("VANBAN_SMTP_CA")
    .env_remove("VANBAN_SMTP")
    .arg("--db")
    .arg(db)
    .output()
    .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        err(&o).contains("Không kết nối được máy chủ thư"),
        "{}",
        err(&o)
    );
    // A plain-text connection: the server requires STARTTLS, nothing sent.
    let plain = format!("smtp://vanthu@127.0.0.1:{}?tls=none", srv.port);
    let o = command(&[
        "send",
        "1",
        "--email",
        "--as",
        "vanthu",
        "--password-file",
        &smtp_pw,
    ])
    .env("VANBAN_NOW", SENT)
    .env("XDG_DATA_HOME", s.path("data"))
    .env("VANBAN_SMTP", &plain)
    .arg("--db")
    .arg(db)
    .output()
    .expect("run");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    // A password in the address is refused before anything.
    let o = command(&["send", "1", "--email", "--as", "vanthu"])
        .env(
            "VANBAN_SMTP",
            format!("smtp://vanthu:bimat@127.0.0.1:{}", srv.port),
        )
        .arg("--db")
        .arg(db)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        err(&o).contains("VANBAN_SMTP: không ghi mật khẩu"),
        "{}",
        err(&o)
    );
    assert_eq!(sent_count(&status()), 0);
    assert!(received(srv, &domain, "01/KH-UBND").is_empty());

    // The batch: six recipients with an address, the Sở Tài chính's refused by the server.
    let o = clerk_sends("1", &[]);
    assert_eq!(o.status.code(), Some(1), "one failed: {}", text(&o));
    let rs = results(&o);
    assert_eq!(rs.iter().filter(|r| r.1 == "sent").count(), 5, "{rs:?}");
    let failed = result_of(&rs, "Sở Tài chính");
    assert_eq!(failed.1, "failed");
    let why = failed.2["error"].as_str().expect("error");
    assert!(
        why.contains("550") && why.contains("mailbox unavailable"),
        "{why}"
    );
    assert_eq!(
        result_of(&rs, "Bộ Thông tin và Truyền thông").1,
        "no-address"
    );
    assert_eq!(
        result_of(&rs, "Đài Phát thanh và Truyền hình Long An").1,
        "no-address"
    );
    let st = status();
    assert_eq!(sent_count(&st), 5);
    assert_eq!(result_of(&st, "Sở Tài chính").1, "failed");
    assert!(received(srv, &domain, "01/KH-UBND").len() == 5);

    // Fixed in the directory, sent again: only the Sở Tài chính gets a message.
    let dir = directory(s, srv, tag, &[]);
    ok(db, s, srv, &["directory", "import", &dir, "--as", "admin"]);
    let o = clerk_sends("1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let rs = results(&o);
    assert_eq!(result_of(&rs, "Sở Tài chính").1, "sent");
    assert_eq!(
        rs.iter().filter(|r| r.1 == "already-sent").count(),
        5,
        "{rs:?}"
    );
    // Once more: nothing sent.
    let o = clerk_sends("1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(results(&o).iter().all(|r| r.1 != "sent"));

    // What the server received: each of the six once, as the clerk sent it.
    let st = status();
    let mail = received(srv, &domain, "01/KH-UBND");
    assert_eq!(mail.len(), 6, "each message exactly once");
    for (name, mailbox) in SIX {
        let address = format!("{mailbox}@{domain}");
        let mine: Vec<_> = mail.iter().filter(|(to, _)| *to == address).collect();
        assert_eq!(mine.len(), 1, "{address}");
        let m = mail_parser::MessageParser::default()
            .parse(&mine[0].1[..])
            .expect("message");
        assert_eq!(
            m.subject(),
            Some(
                "Số 01/KH-UBND — Kế hoạch Tuyên truyền về chuyển đổi số trên địa bàn tỉnh Long An năm 2025"
            )
        );
        let from = m.from().and_then(|f| f.first()).and_then(|a| a.address());
        assert_eq!(from, Some(format!("vanthu@{domain}").as_str()));
        let recorded = result_of(&st, name).2["message_id"]
            .as_str()
            .expect("id")
            .to_owned();
        assert_eq!(Some(recorded.trim_matches(['<', '>'])), m.message_id());
        let body = m.body_text(0).expect("text");
        assert!(body.contains(&format!("Kính gửi: {name}")), "{body}");
        assert!(body.contains("số 01/KH-UBND ngày 05/03/2025"), "{body}");
        let files: Vec<_> = m.attachments().collect();
        use mail_parser::MimeHeaders as _;
        assert_eq!(files[0].attachment_name(), Some("01-KH-UBND.pdf"));
        assert!(
            files[0].contents() == issued.as_slice(),
            "the issued PDF, byte for byte"
        );
    }
    // Recorded as distributions by e-mail, one per recipient.
    let history = ok(db, s, srv, &["history", "1"]);
    assert_eq!(history.matches("(Thư điện tử)").count(), 6, "{history}");

    // A connection dropped mid-batch (the fourth recipient's server closes it): those sent
    // stay sent, the rest are resumed, and nobody gets two messages.
    let dir = directory(s, srv, tag, &[("Công an tỉnh", "ngat.congan")]);
    ok(db, s, srv, &["directory", "import", &dir, "--as", "admin"]);
    assert_eq!(
        ok(
            db,
            s,
            srv,
            &["issue", "2", "--as", "vanthu", "--password-file", p(&mk)]
        ),
        "02/KH-UBND"
    );
    let o = clerk_sends("2", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let rs = results(&o);
    let by = |n: &str| result_of(&rs, n).1.clone();
    assert_eq!(
        SIX.map(|(n, _)| by(n)),
        [
            "sent",
            "sent",
            "sent",
            "failed",
            "not-attempted",
            "not-attempted"
        ]
    );
    assert!(
        (result_of(&rs, "Công an tỉnh").2["error"].as_str())
            .is_some_and(|e| e.contains("mất kết nối")),
        "{rs:?}"
    );
    assert_eq!(received(srv, &domain, "02/KH-UBND").len(), 3);
    let dir = directory(s, srv, tag, &[]);
    ok(db, s, srv, &["directory", "import", &dir, "--as", "admin"]);
    // The process stopped during the Văn phòng's SMTP transaction (its attempt is recorded, its
    // outcome not): unknown, so it is not sent again on its own.
    let stamp = Stamp {
        person: "vanthu".into(),
        at: DateTime::parse_from_rfc3339(SENT).expect("time"),
    };
    let vp = format!("vp@{domain}");
    let interrupted = format!("<gian-doan.2@{domain}>");
    (open().store_mut())
        .record_email_attempt(2, "Văn phòng UBND tỉnh", &vp, &interrupted, &stamp)
        .expect("attempt");
    let o = clerk_sends("2", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let rs = results(&o);
    let by = |n: &str| result_of(&rs, n).1.clone();
    assert_eq!(
        SIX.map(|(n, _)| by(n)),
        [
            "already-sent",
            "already-sent",
            "already-sent",
            "sent",
            "sent",
            "unknown"
        ]
    );
    assert_eq!(received(srv, &domain, "02/KH-UBND").len(), 5);
    // The clerk checked with the Văn phòng and resends it by name, with the same Message-ID.
    let o = clerk_sends("2", &["Văn phòng UBND tỉnh"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let rs = results(&o);
    assert_eq!(rs.len(), 1, "{rs:?}");
    assert_eq!(rs[0].1, "sent");
    assert_eq!(rs[0].2["message_id"], interrupted.as_str());
    let mail = received(srv, &domain, "02/KH-UBND");
    assert_eq!(mail.len(), 6);
    for (_, mailbox) in SIX {
        let address = format!("{mailbox}@{domain}");
        assert_eq!(
            mail.iter().filter(|(to, _)| *to == address).count(),
            1,
            "{address}"
        );
    }

    // An organ whose entry asks for the edXML package gets the package instead of the PDF.
    // (The Đài is printed in Nơi nhận as a unit a line covers; it has no address-book entry.)
    let mut edited = std::fs::read_to_string(directory(s, srv, tag, &[])).expect("directory");
    edited.push_str(&format!(
        "\n[[organs]]\nbody = \"UBND\"\norgan_id = \"000.00.24.H40\"\n\
         name = \"Đài Phát thanh và Truyền hình Long An\"\nemail = \"edxml.dai@{domain}\"\n\
         attach = \"edxml\"\n"
    ));
    let dir = s.path("danh-ba-edxml.toml");
    std::fs::write(&dir, edited).expect("write");
    ok(
        db,
        s,
        srv,
        &["directory", "import", p(&dir), "--as", "admin"],
    );
    assert_eq!(
        ok(
            db,
            s,
            srv,
            &["issue", "3", "--as", "vanthu", "--password-file", p(&mk)]
        ),
        "03/KH-UBND"
    );
    let o = clerk_sends("3", &["Đài Phát thanh và Truyền hình Long An"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let rs = results(&o);
    assert_eq!((rs.len(), rs[0].1.as_str()), (1, "sent"), "{rs:?}");
    assert_eq!(rs[0].2["attach"], "edxml");
    let mail = received(srv, &domain, "03/KH-UBND");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].0, format!("edxml.dai@{domain}"));
    let m = mail_parser::MessageParser::default()
        .parse(&mail[0].1[..])
        .expect("message");
    let files: Vec<_> = m.attachments().collect();
    use mail_parser::MimeHeaders as _;
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].attachment_name(), Some("03-KH-UBND.edxml"));
    let package = s.path("nhan.edxml");
    std::fs::write(&package, files[0].contents()).expect("write");
    let read: Value = serde_json::from_str(&ok(
        db,
        s,
        srv,
        &["edxml", "read", p(&package), "--format", "json"],
    ))
    .expect("json");
    assert_eq!(read["document_id"], "000.00.00.H40,2025/03/05,03/KH-UBND");
    assert_eq!(read["to"][0]["organ_id"], "000.00.24.H40");

    assert!(ok(db, s, srv, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn"));
}

#[test]
fn the_long_an_plan_is_sent_by_email_on_a_file() {
    let Some(srv) = server() else {
        return;
    };
    let s = Scratch::new("send");
    let db = s.path("vanban.db");
    let file = db.clone();
    send_by_email(
        db.as_os_str(),
        &s,
        &srv,
        &format!("tep{}", std::process::id()),
        move || workflow::open_at(&Location::File(file.clone())).expect("open"),
    );
}

#[test]
fn the_long_an_plan_is_sent_by_email_on_the_server() {
    let Some(srv) = server() else {
        return;
    };
    let Some(pg) = scratch::test_server("send_on_the_server") else {
        return;
    };
    let s = Scratch::new("send-server");
    let db = ScratchDatabase::new(&pg, "send_on_the_server").expect("scratch database");
    let settings = db.settings().clone();
    send_by_email(
        OsStr::new(db.address()),
        &s,
        &srv,
        &format!("maychu{}", std::process::id()),
        move || workflow::open_at(&Location::Server(Box::new(settings.clone()))).expect("open"),
    );
}

#[test]
fn the_send_command_explains_itself_in_vietnamese() {
    let o = command(&["send", "--help"]).output().expect("run");
    let help = String::from_utf8_lossy(&o.stdout);
    for word in [
        "--email",
        "--to",
        "--password-file",
        "--status",
        "VANBAN_SMTP",
        "Mã thoát",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
}

#[test]
fn smtp_settings_and_addresses_are_checked_on_import_naming_the_field() {
    let s = Scratch::new("send-directory");
    let db = s.path("vanban.db");
    let db = db.as_os_str();
    let run = |args: &[&str]| {
        command(args)
            .arg("--db")
            .arg(db)
            .output()
            .expect("run vanban")
    };
    assert_eq!(run(&["init"]).status.code(), Some(0));
    let body = "[[bodies]]\nabbreviation = \"UBND\"\nname = \"Ủy ban nhân dân tỉnh Long An\"\n\
                place = \"Long An\"\n";
    let dir = s.path("danh-ba.toml");
    let refused = |text: &str, why: &[&str]| {
        std::fs::write(&dir, text).expect("write");
        let o = run(&["directory", "import", p(&dir), "--as", "admin"]);
        assert_ne!(o.status.code(), Some(0), "{text}");
        for w in why {
            assert!(err(&o).contains(w), "{w}: {}", err(&o));
        }
    };
    // Plain text to a server on another machine; a sender that is no address; a password.
    refused(
        &format!(
            "{body}\n[bodies.smtp]\nhost = \"mail.longan.example\"\ntls = \"none\"\n\
             sender = \"vanthu@longan.example\"\n"
        ),
        &["bodies[0].smtp.tls", "starttls"],
    );
    refused(
        &format!("{body}\n[bodies.smtp]\nhost = \"mail.longan.example\"\nsender = \"vanthu\"\n"),
        &["bodies[0].smtp.sender", "không phải địa chỉ thư điện tử"],
    );
    refused(
        &format!(
            "{body}\n[bodies.smtp]\nhost = \"mail.longan.example\"\n\
             sender = \"vanthu@longan.example\"\npassword = \"bimat\"\n"
        ),
        &["password"],
    );
    refused(
        &format!(
            "{body}\n[[addresses]]\nbody = \"UBND\"\nname = \"Sở Tài chính\"\nemail = \"stc@\"\n"
        ),
        &["addresses[0].email"],
    );
    // A directory without any of it still reads; the demo's has example addresses only.
    std::fs::write(&dir, body).expect("write");
    let o = run(&["directory", "import", p(&dir), "--as", "admin"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let demo = s.path("demo.db");
    let o = command(&["init", "--demo", "--db", p(&demo)])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let exported = s.path("xuat.toml");
    let o = command(&[
        "directory",
        "export",
        p(&exported),
        "--as",
        "admin",
        "--db",
        p(&demo),
    ])
    .output()
    .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let text = std::fs::read_to_string(&exported).expect("exported");
    assert!(text.contains("[bodies.smtp]"), "{text}");
    assert!(text.contains("[[addresses]]"), "{text}");
    let addresses: Vec<&str> = (text.lines())
        .filter_map(|l| l.strip_prefix("email = \""))
        .chain(text.lines().filter_map(|l| l.strip_prefix("sender = \"")))
        .collect();
    assert!(addresses.len() > 5, "{text}");
    assert!(
        addresses
            .iter()
            .all(|a| a.trim_end_matches('"').ends_with(".example")),
        "{addresses:?}"
    );
}
