//! Copies of the issued Long An plan made as a province's registry clerk makes them (`vanban
//! certify`): a sao y, a sao lục of it and a trích sao, electronic (pdfsig finds the original's
//! signatures and the copy's valid; the copy's note at the top right of page 1) and on paper
//! (the copy block after the last content line, in the PDF and the DOCX); the copy numbers
//! 01, 02, 03 across the kinds and 01 again in a new year; people who may not certify refused
//! with the reason. On an SQLite file, and on the PostgreSQL test server when there is one.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use vanban_test_support::pdfsig;
use vanban_test_support::scratch::{self, ScratchDatabase};

use crate::support::{Scratch, at, command, docx_paragraphs, err, long_an_keys, ok_at, repo, text};

const LONG_AN: &str = "tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json";
const DIRECTORY: &str = "tests/fixtures/directory-long-an.toml";
const ISSUED: &str = "2025-03-05T09:00:00+07:00";
const LATER: &str = "2025-03-06T14:30:15+07:00";
const NEW_YEAR: &str = "2026-01-02T08:00:00+07:00";

/// The Long An directory with the body's certificate and seal, the vice-chairman's certificate
/// and signature, and the vice-chairman named to sign copies; written with its keys in `s`.
fn directory_with_keys(s: &Scratch) -> String {
    long_an_keys(s);
    let text = std::fs::read_to_string(repo().join(DIRECTORY)).expect("directory");
    let text = text
        .replacen(
            "place = \"Long An\"\n",
            "place = \"Long An\"\ncertificate = \"keys/ubnd.p12\"\nseal_image = \
             \"keys/con-dau.png\"\nseal_diameter_mm = 36\ncopy_signers = [\"phochutich\"]\n",
            1,
        )
        .replacen(
            "roles = [\"signer\"]\nbody = \"UBND\"\n",
            "roles = [\"signer\"]\nbody = \"UBND\"\ncertificate = \"keys/phochutich.p12\"\n\
             signature_image = \"keys/chu-ky.png\"\n",
            1,
        );
    let path = s.path("danh-ba.toml");
    std::fs::write(&path, text).expect("write directory");
    path.display().to_string()
}

/// The words of every page (`pdftotext -bbox`): page number (from 1), box, text.
fn words(pdf: &Path) -> Vec<(usize, f64, f64, f64, f64, String)> {
    let o = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let mut page = 0;
    let mut out = Vec::new();
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(l) = line.strip_prefix("<word ") else {
            continue;
        };
        let num = |k: &str| -> f64 {
            let at = l.find(&format!("{k}=\"")).expect("attr") + k.len() + 2;
            l[at..at + l[at..].find('"').expect("quote")]
                .parse()
                .expect("number")
        };
        let text = l[l.find('>').expect(">") + 1..]
            .trim_end_matches("</word>")
            .to_owned();
        out.push((
            page,
            num("xMin"),
            num("yMin"),
            num("xMax"),
            num("yMax"),
            text,
        ));
    }
    out
}

/// The note of an electronic copy: its words at the top right of page 1, in the top margin,
/// right-aligned with the text, in 10 pt type; `line` 0 for the first note, 1 for the one
/// under it.
fn note_at_top_right(pdf: &Path, note: &str) {
    let page_one: Vec<_> = words(pdf).into_iter().filter(|w| w.0 == 1).collect();
    let first = note.split_whitespace().next().expect("a word");
    let expected: Vec<&str> = note.split_whitespace().collect();
    let start = (0..page_one.len())
        .find(|&i| {
            page_one[i].5 == first
                && page_one[i..]
                    .iter()
                    .map(|w| w.5.as_str())
                    .take(expected.len())
                    .eq(expected.iter().copied())
        })
        .unwrap_or_else(|| panic!("“{note}” on page 1: {page_one:?}"));
    let last = &page_one[start + expected.len() - 1];
    let right_margin = 595.3 - last.3;
    assert!(
        (15.0 * 72.0 / 25.4 - 1.0..20.0 * 72.0 / 25.4 + 1.0).contains(&right_margin),
        "{last:?}"
    );
    assert!(last.2 < 20.0 * 72.0 / 25.4, "in the top margin: {last:?}");
    assert!((9.0..13.0).contains(&(last.4 - last.2)), "10 pt: {last:?}");
}

/// The whole story on one database (a file path or a server's address).
fn copies_of_the_long_an_plan(db: &OsStr, s: &Scratch) {
    let directory = directory_with_keys(s);
    let mk = s.path("mk.txt").display().to_string();
    let plan = repo().join(LONG_AN).display().to_string();
    let file = |name: &str| s.path(name).display().to_string();
    ok_at(db, ISSUED, &["init"]);
    ok_at(
        db,
        ISSUED,
        &["directory", "import", &directory, "--as", "admin"],
    );
    assert_eq!(
        ok_at(db, ISSUED, &["import", &plan, "--as", "chuyenvien"]),
        "1"
    );
    ok_at(db, ISSUED, &["submit", "1", "--as", "chuyenvien"]);
    ok_at(db, ISSUED, &["approve", "1", "--as", "chanhvanphong"]);
    ok_at(
        db,
        ISSUED,
        &["sign", "1", "--as", "phochutich", "--password-file", &mk],
    );
    assert_eq!(
        ok_at(
            db,
            ISSUED,
            &["issue", "1", "--as", "vanthu", "--password-file", &mk]
        ),
        "01/KH-UBND"
    );
    ok_at(
        db,
        ISSUED,
        &["export", "1", "-o", &file("ban-hanh.pdf"), "--as", "vanthu"],
    );
    let issued = std::fs::read(s.path("ban-hanh.pdf")).expect("issued pdf");

    // Who: only the body's registry clerk makes copies (Điều 32); only the head or someone
    // the directory names signs them (Điều 27). Refused with the reason; no number used.
    let certify = |now: &str, extra: &[&str]| {
        let mut args = vec!["certify", "1"];
        args.extend(extra);
        at(db, now, &args)
    };
    let sy = file("sao-y.pdf");
    let o = certify(
        LATER,
        &[
            "--kind",
            "sao-y",
            "-o",
            &sy,
            "--password-file",
            &mk,
            "--as",
            "chuyenvien",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        err(&o).contains("văn thư") && err(&o).contains("Điều 32"),
        "{}",
        err(&o)
    );
    let o = certify(
        LATER,
        &[
            "--kind",
            "sao-y",
            "-o",
            &sy,
            "--password-file",
            &mk,
            "--signer",
            "chanhvanphong",
            "--as",
            "vanthu",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        err(&o).contains("Trần Văn Bảy") && err(&o).contains("Điều 27"),
        "{}",
        err(&o)
    );
    // A sao lục needs a sao y first.
    let o = certify(
        LATER,
        &[
            "--kind",
            "sao-luc",
            "-o",
            &file("x.pdf"),
            "--password-file",
            &mk,
            "--as",
            "vanthu",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err(&o).contains("sao y"), "{}", err(&o));
    // An electronic copy needs the body's key.
    let o = certify(LATER, &["--kind", "sao-y", "-o", &sy, "--as", "vanthu"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(err(&o).contains("--paper"), "{}", err(&o));
    assert!(!s.path("sao-y.pdf").exists(), "no file left behind");

    // Sao y, electronic: the issued file with the copy's signature added after it.
    let o = certify(
        LATER,
        &[
            "--kind",
            "sao-y",
            "-o",
            &sy,
            "--password-file",
            &mk,
            "--as",
            "vanthu",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "01/SY-UBND");
    let copy = std::fs::read(s.path("sao-y.pdf")).expect("copy");
    assert_eq!(
        &copy[..issued.len()],
        &issued[..],
        "an incremental update of the issued file"
    );
    let report = pdfsig(&s.path("sao-y.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 3, "{report}");
    assert!(report.contains("Phạm Tấn Hòa"), "{report}");
    note_at_top_right(
        &s.path("sao-y.pdf"),
        "SAO Y; Ủy ban nhân dân tỉnh Long An; 06/03/2025; 14:30:15 +07:00",
    );

    // Sao lục of that sao y: its note under the sao y's; every signature still valid.
    let sl = file("sao-luc.pdf");
    let o = certify(
        LATER,
        &[
            "--kind",
            "sao-luc",
            "-o",
            &sl,
            "--password-file",
            &mk,
            "--format",
            "json",
            "--as",
            "vanthu",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let entry: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(entry["number_symbol"], "02/SL-UBND");
    assert_eq!(entry["kind"], "sao-luc");
    assert_eq!(entry["original"], "01/KH-UBND");
    let report = pdfsig(&s.path("sao-luc.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 4, "{report}");
    note_at_top_right(
        &s.path("sao-luc.pdf"),
        "SAO LỤC; Ủy ban nhân dân tỉnh Long An; 06/03/2025; 14:30:15 +07:00",
    );

    // A part the plan does not have is refused, and uses no number.
    let trs = file("trich-sao.pdf");
    let o = certify(
        LATER,
        &[
            "--kind",
            "trich-sao",
            "--part",
            "body.sections[9]",
            "-o",
            &trs,
            "--password-file",
            &mk,
            "--as",
            "vanthu",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(err(&o).contains("body.sections[9]"), "{}", err(&o));

    // Trích sao: a new file of the chosen parts, signed by the agency.
    let o = certify(
        LATER,
        &[
            "--kind",
            "trich-sao",
            "--part",
            "body.sections[1]",
            "--part",
            "appendices[0]",
            "-o",
            &trs,
            "--password-file",
            &mk,
            "--as",
            "vanthu",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "03/TrS-UBND");
    let report = pdfsig(&s.path("trich-sao.pdf"));
    assert_eq!(report.matches("Signature is Valid").count(), 1, "{report}");
    note_at_top_right(
        &s.path("trich-sao.pdf"),
        "TRÍCH SAO; Ủy ban nhân dân tỉnh Long An; 06/03/2025; 14:30:15 +07:00",
    );
    let texts: Vec<String> = words(&s.path("trich-sao.pdf"))
        .into_iter()
        .map(|w| w.5)
        .collect();
    let all = texts.join(" ");
    assert!(
        all.contains("II. NỘI DUNG THỰC HIỆN"),
        "the section keeps its number: {all}"
    );
    assert!(
        !all.contains("MỤC ĐÍCH, YÊU CẦU"),
        "only the chosen parts: {all}"
    );
    assert!(
        all.contains("Số: 01/KH-UBND"),
        "in the original's full form"
    );

    // Paper, in a new year: numbering starts again at 01; the copy block after the last line.
    let paper = file("sao-y-giay.pdf");
    assert_eq!(
        ok_at(
            db,
            NEW_YEAR,
            &[
                "certify",
                "1",
                "--kind",
                "sao-y",
                "--paper",
                "-o",
                &paper,
                "--to",
                "- Sở Tài chính;",
                "--to",
                "- Lưu: VT.",
                "--as",
                "vanthu"
            ]
        ),
        "01/SY-UBND"
    );
    let all = words(&s.path("sao-y-giay.pdf"));
    let last_page = all.iter().map(|w| w.0).max().expect("pages");
    let last: Vec<_> = all.iter().filter(|w| w.0 == last_page).collect();
    let label = last
        .iter()
        .position(|w| {
            w.5 == "SAO"
                && last
                    .get(1 + last.iter().position(|x| std::ptr::eq(*x, *w)).unwrap_or(0))
                    .is_some_and(|n| n.5 == "Y")
        })
        .map(|i| last[i])
        .unwrap_or_else(|| panic!("SAO Y on the last page: {last:?}"));
    let above: Vec<_> = last.iter().filter(|w| w.4 <= label.2).collect();
    assert!(
        !above.is_empty(),
        "the plan's last content is above the block"
    );
    let below = |t: &str| last.iter().any(|w| w.5 == t && w.2 > label.4);
    for t in ["01/SY-UBND", "Nơi", "Hòa", "PHÓ", "Tài"] {
        assert!(below(t), "{t} under the label: {last:?}");
    }
    assert!(
        last.iter()
            .filter(|w| w.2 > label.2)
            .all(|w| w.2 >= label.2 - 0.5),
        "nothing of the plan after the block"
    );

    // Sao lục on paper as DOCX: the plan, the sao y's block, then the sao lục's.
    let docx = file("sao-luc-giay.docx");
    assert_eq!(
        ok_at(
            db,
            NEW_YEAR,
            &[
                "certify", "1", "--kind", "sao-luc", "--paper", "-o", &docx, "--as", "vanthu"
            ]
        ),
        "02/SL-UBND"
    );
    let paragraphs = docx_paragraphs(&s.path("sao-luc-giay.docx"));
    let labels: Vec<(usize, &str)> = (paragraphs.iter().enumerate())
        .filter(|(_, (style, _))| style == "VBHinhThucSao")
        .map(|(i, (_, t))| (i, t.as_str()))
        .collect();
    assert_eq!(
        labels.iter().map(|l| l.1).collect::<Vec<_>>(),
        ["SAO Y", "SAO LỤC"]
    );
    let after = |i: usize, t: &str| paragraphs[i..].iter().any(|p| p.1 == t);
    assert!(after(labels[0].0, "Số: 01/SY-UBND") && after(labels[1].0, "Số: 02/SL-UBND"));
    assert!(
        paragraphs[..labels[0].0]
            .iter()
            .any(|p| p.1.contains("Phạm Tấn Hòa")),
        "the plan comes first"
    );

    let trs_paper = file("trich-sao-giay.pdf");
    assert_eq!(
        ok_at(
            db,
            NEW_YEAR,
            &[
                "certify",
                "1",
                "--kind",
                "trich-sao",
                "--part",
                "body.sections[3]",
                "--paper",
                "-o",
                &trs_paper,
                "--as",
                "vanthu"
            ]
        ),
        "03/TrS-UBND"
    );

    // The copy register of each year, one series for the three kinds; printed as a form.
    let register = |year: &str| -> Vec<Value> {
        let o = ok_at(
            db,
            NEW_YEAR,
            &[
                "copies", "--year", year, "--format", "json", "--as", "vanthu",
            ],
        );
        serde_json::from_str::<Value>(&o)
            .expect("json")
            .as_array()
            .cloned()
            .expect("list")
    };
    let numbers = |entries: &[Value]| -> Vec<String> {
        entries
            .iter()
            .map(|e| e["number_symbol"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(
        numbers(&register("2025")),
        ["01/SY-UBND", "02/SL-UBND", "03/TrS-UBND"]
    );
    assert_eq!(
        numbers(&register("2026")),
        ["01/SY-UBND", "02/SL-UBND", "03/TrS-UBND"]
    );
    let so = file("so-ban-sao.pdf");
    ok_at(
        db,
        NEW_YEAR,
        &["copies", "--year", "2025", "-o", &so, "--as", "vanthu"],
    );
    let printed: Vec<String> = words(&s.path("so-ban-sao.pdf"))
        .into_iter()
        .map(|w| w.5)
        .collect();
    let printed = printed.join(" ");
    assert!(printed.contains("SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN"), "{printed}");
    assert!(printed.contains("03/TrS-UBND"), "{printed}");
    assert!(ok_at(db, NEW_YEAR, &["audit", "verify"]).starts_with("Nhật ký nguyên vẹn"));
}

#[test]
fn copies_of_the_long_an_plan_on_a_file() {
    let s = Scratch::new("certify");
    let db = s.path("vanban.db");
    copies_of_the_long_an_plan(db.as_os_str(), &s);
}

#[test]
fn copies_of_the_long_an_plan_on_the_server() {
    let Some(server) = scratch::test_server("certify_on_the_server") else {
        return;
    };
    let s = Scratch::new("certify-server");
    let db = ScratchDatabase::new(&server, "certify_on_the_server").expect("scratch database");
    copies_of_the_long_an_plan(OsStr::new(db.address()), &s);
}

#[test]
fn certify_explains_itself_in_vietnamese() {
    let o = command(&["certify", "--help"]).output().expect("run");
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    for word in [
        "sao-y",
        "sao-luc",
        "trich-sao",
        "--paper",
        "--part",
        "--password-file",
        "--pkcs11",
        "--as",
        "văn thư",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
}
