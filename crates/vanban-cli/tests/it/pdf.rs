//! `vanban pdf sign` and `vanban pdf verify` as a user runs them: a PKI made by the test, the
//! Long An plan exported, signed, verified (also by pdfsig), tampered with; refusals leave no
//! output file.

use std::path::Path;
use std::process::{Command, Output};

use vanban_test_support as common;

use crate::support::{repo, text};

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(repo())
        .env("VANBAN_NOW", "2025-03-05T09:15:00+07:00")
        .output()
        .expect("run vanban")
}

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

/// A CA, a signer valid until 2030 and one expired in 2021, as PEM and PKCS#12 files; the
/// password in a file; the plan as PDF; a PNG signature image.
fn setup() -> Files {
    let files = Files {
        dir: tempfile::tempdir().expect("tempdir"),
    };
    let dir = files.dir.path();
    let ca = common::Ca::new(dir);
    ca.p12(dir, "giamdoc.p12", "Nguyễn Văn An", 2030);
    ca.p12(dir, "hethan.p12", "Trần Thị Bình", 2021);
    common::password_files(dir);
    let o = vanban(&[
        "export",
        "tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json",
        "-o",
        &files.path("kh.pdf"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // A 2×2 blue image, opaque on the diagonal.
    let png = common::png(2, 2, [0, 0, 255], |x, y| x == y);
    std::fs::write(files.path("chu-ky.png"), png).expect("write");
    files
}

#[test]
fn sign_verify_tamper_and_refusals() {
    let f = setup();
    let sign = |p12: &str, password: &str, out: &str| {
        vanban(&[
            "pdf",
            "sign",
            &f.path("kh.pdf"),
            "-o",
            &f.path(out),
            "--p12",
            &f.path(p12),
            "--password-file",
            &f.path(password),
            "--image",
            &f.path("chu-ky.png"),
            "--document",
            "tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json",
            "--reason",
            "Ký duyệt",
        ])
    };
    let o = sign("giamdoc.p12", "mk.txt", "ky.pdf");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        !text(&o).contains("bí mật"),
        "the password is never printed"
    );

    let o = vanban(&[
        "pdf",
        "verify",
        &f.path("ky.pdf"),
        "--trust",
        &f.path("ca.pem"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Nguyễn Văn An"), "{}", text(&o));
    assert!(text(&o).contains("HỢP LỆ"), "{}", text(&o));

    let o = vanban(&["pdf", "verify", &f.path("ky.pdf"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["valid"], true);
    assert_eq!(v["signatures"][0]["signer"], "Nguyễn Văn An");
    assert_eq!(v["signatures"][0]["intact"], true);
    assert_eq!(
        v["signatures"][0]["signing_time"],
        "2025-03-05T09:15:00+07:00"
    );

    // One flipped byte in the signed range: exit 1.
    let mut bytes = std::fs::read(f.path("ky.pdf")).expect("read");
    let at = bytes
        .windows(7)
        .position(|w| w == b"stream\n")
        .expect("stream")
        + 40;
    bytes[at] ^= 1;
    std::fs::write(f.path("sua.pdf"), &bytes).expect("write");
    let o = vanban(&["pdf", "verify", &f.path("sua.pdf")]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("KHÔNG HỢP LỆ"), "{}", text(&o));

    // A file without signatures is not "all valid"; a file that is not a PDF is unusable.
    assert_eq!(
        vanban(&["pdf", "verify", &f.path("kh.pdf")]).status.code(),
        Some(1)
    );
    assert_eq!(
        vanban(&["pdf", "verify", &f.path("mk.txt")]).status.code(),
        Some(2)
    );

    // Refusals leave no output behind.
    let o = sign("giamdoc.p12", "sai.txt", "x1.pdf");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("Sai mật khẩu"), "{}", text(&o));
    let o = sign("hethan.p12", "mk.txt", "x2.pdf");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("không còn hiệu lực"), "{}", text(&o));
    let o = vanban(&[
        "pdf",
        "sign",
        &f.path("mk.txt"),
        "-o",
        &f.path("x3.pdf"),
        "--p12",
        &f.path("giamdoc.p12"),
        "--password-file",
        &f.path("mk.txt"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    for name in ["x1.pdf", "x2.pdf", "x3.pdf"] {
        assert!(!Path::new(&f.path(name)).exists(), "{name} was written");
    }
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let o = Command::new("pdfsig")
        .args(["-nocert", &f.path("ky.pdf")])
        .output()
        .expect("pdfsig");
    assert!(text(&o).contains("Signature is Valid"), "{}", text(&o));
}
