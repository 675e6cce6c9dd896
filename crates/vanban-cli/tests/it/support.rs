//! What the CLI's tests share: the repository, a scratch folder, and `vanban` run as a user
//! runs it (the tests' clock, no user and no database taken from the environment).

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The clock of every `vanban` the tests start (`VANBAN_NOW`).
pub const NOW: &str = "2025-03-05T09:00:00+07:00";

/// A small plan of the demo body (Sở TT&TT Lạng Sơn), shared with the workflow tests of
/// vanban-app.
pub const DRAFT: &str = include_str!("../../../../tests/fixtures/drafts/ke-hoach-stttt-2025.json");

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh folder under the system's temporary folder, removed when dropped. Its name holds
/// the process and a counter: the tests of this binary run side by side in one process.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vanban-cli-test-{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `vanban ARGS` with the tests' clock and nothing from the environment's user or database.
pub fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.args(args)
        .env("VANBAN_NOW", NOW)
        .env_remove("VANBAN_USER")
        .env_remove("VANBAN_DB");
    c
}

/// `vanban ARGS`, run.
pub fn run(args: &[&str]) -> Output {
    command(args).output().expect("run vanban")
}

/// `vanban ARGS --db DB` (a file, or a server's address whose password comes from PGPASSWORD).
pub fn run_db(db: impl AsRef<OsStr>, args: &[&str]) -> Output {
    command(args)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run vanban")
}

/// What it printed on stdout, trimmed.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// What it printed on stderr.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Both, for a failure's message.
pub fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// `vanban ARGS`, which must succeed; its stdout, trimmed.
pub fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    out(&o)
}

/// `vanban ARGS --db DB`, which must succeed; its stdout, trimmed.
pub fn ok_db(db: impl AsRef<OsStr>, args: &[&str]) -> String {
    let o = run_db(db, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    out(&o)
}

/// The paragraphs of a DOCX's body: each one's style id and text.
pub fn docx_paragraphs(path: &Path) -> Vec<(String, String)> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let file = std::fs::File::open(path).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = (p.descendants())
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|s| s.attribute((W, "val")))
                .unwrap_or("")
                .to_owned();
            let text = (p.descendants())
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            (style, text)
        })
        .collect()
}

/// `vanban ARGS --db DB` at the moment `now` (RFC 3339, as `VANBAN_NOW`).
pub fn at(db: &OsStr, now: &str, args: &[&str]) -> Output {
    command(args)
        .env("VANBAN_NOW", now)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run vanban")
}

/// The same, which must succeed; its stdout, trimmed.
pub fn ok_at(db: &OsStr, now: &str, args: &[&str]) -> String {
    let o = at(db, now, args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o));
    out(&o)
}

/// The Long An body's and vice-chairman's keys, as a CA would issue them, in `s`'s `keys`
/// folder (made once): `ubnd.p12`, `phochutich.p12` (their password in the files of
/// `password_files`), the signature image `chu-ky.png` and the seal `con-dau.png`.
pub fn long_an_keys(s: &Scratch) {
    let keys = s.path("keys");
    if keys.exists() {
        return;
    }
    std::fs::create_dir_all(&keys).expect("keys folder");
    let ca = vanban_test_support::Ca::new(&s.0);
    ca.p12(&keys, "ubnd.p12", "Ủy ban nhân dân tỉnh Long An", 2030);
    ca.p12(&keys, "phochutich.p12", "Phạm Tấn Hòa", 2030);
    vanban_test_support::password_files(&s.0);
    std::fs::write(
        keys.join("chu-ky.png"),
        vanban_test_support::signature_png(),
    )
    .expect("write");
    std::fs::write(keys.join("con-dau.png"), vanban_test_support::seal_png()).expect("write");
}
