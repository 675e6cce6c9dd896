//! `vanban read`: our own DOCX and PDF exports of every fixture read back to the same document,
//! and the command's output and exit codes.
//!
//! The round trip compares the parts a user checks, each scored (`--nocapture` prints them):
//! header (bodies, number, place, date), type and subject, legal bases, the section tree with
//! its texts, the task rows, the recipients, the signer and the appendices.

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban_core::Document;
use vanban_core::model::{AppendixContent, Block, Content, RecipientEntry, Section, TaskNode};
use vanban_read::{Format, Options, read};
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

const FIXTURES: [&str; 7] = [
    "ke-hoach-lang-son-cong-dan-so-2022",
    "ke-hoach-lang-son-ngay-cds-2022",
    "ke-hoach-long-an-tuyen-truyen-cds-2025",
    "cong-van-huong-dan-stttt-2025",
    "quyet-dinh-ban-hanh-ke-hoach-stttt-2025",
    // Blocks after the sections and after a part's subsections, a part numbered "3.1.",
    // "3.1.1." under "III.", lists marked "(1)", "1)", "*", a basis closed by a new sentence.
    "cong-van-huong-dan-ghi-chu-2025",
    "ke-hoach-su-kien-so-2025",
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> Document {
    let path = repo().join("tests/fixtures").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vanban_core::exchange::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn blocks(bs: &[Block], out: &mut Vec<String>) {
    for b in bs {
        match b {
            Block::Paragraph { text } => out.push(format!("p {}", norm(&text.text()))),
            Block::List { items, marker, .. } => {
                for i in items {
                    out.push(format!("{marker:?} {}", norm(&i.text.text())));
                    for j in &i.items {
                        out.push(format!("+ {}", norm(&j.text.text())));
                    }
                }
            }
            Block::Tasks => out.push("tasks".into()),
            Block::Table(t) => out.push(format!("table {} rows", t.rows.len())),
        }
    }
}

/// Blocks after sections, marked as such: a paragraph after a part's subsections is not the
/// last subsection's.
fn after(bs: &[Block], out: &mut Vec<String>) {
    let mut lines = Vec::new();
    blocks(bs, &mut lines);
    out.extend(lines.into_iter().map(|l| format!("after {l}")));
}

fn sections(list: &[Section], depth: usize, out: &mut Vec<String>) {
    for s in list {
        out.push(format!("{depth} {}", norm(&s.title.text())));
        if let Some(n) = &s.numbering {
            out.push(format!("numbering {n:?}"));
        }
        blocks(&s.blocks, out);
        sections(&s.subsections, depth + 1, out);
        after(&s.after, out);
    }
}

fn content(c: &Content, out: &mut Vec<String>) {
    blocks(&c.blocks, out);
    sections(&c.sections, 0, out);
    after(&c.after, out);
}

/// The parts compared, each as lines.
fn parts(doc: &Document) -> Vec<(&'static str, Vec<String>)> {
    let h = &doc.header;
    let header = vec![
        format!("parent {:?}", h.parent_body.as_ref().map(|p| norm(&p.name))),
        format!("body {}", norm(&h.issuing_body.name)),
        format!("abbr {:?}", h.issuing_body.abbreviation),
        format!("number {:?} date {:?} place {}", h.number, h.date, h.place),
    ];
    let title = vec![
        format!("{:?}", doc.doc_type),
        norm(&doc.subject),
        // Printed in capitals: compared as printed.
        format!(
            "{:?}",
            doc.issuing_authority
                .as_deref()
                .map(|a| norm(a).to_uppercase())
        ),
        format!(
            "{:?}",
            doc.addressees
                .iter()
                .map(|a| norm(&a.name))
                .collect::<Vec<_>>()
        ),
    ];
    let basis: Vec<String> = vanban_core::plain::preamble_paragraphs(doc)
        .iter()
        .map(|p| norm(&format!("{p:?}")))
        .collect();
    let mut body = vec![format!("numbering {:?}", doc.numbering)];
    content(&doc.body, &mut body);
    body.push(format!("closing {}", norm(&doc.closing.text())));
    body.push(format!(
        "contact {:?}",
        doc.contact.as_ref().map(|c| norm(&c.text()))
    ));
    let mut tasks = Vec::new();
    fn walk(nodes: &[TaskNode], out: &mut Vec<String>) {
        for n in nodes {
            match n {
                TaskNode::Group { title, tasks } => {
                    out.push(format!("group {}", norm(&title.text())));
                    walk(tasks, out);
                }
                TaskNode::Task(t) => out.push(format!(
                    "{} | {:?} | {:?} | {:?} | {:?}",
                    norm(
                        &t.content
                            .iter()
                            .map(|c| c.text().into_owned())
                            .collect::<Vec<_>>()
                            .join(" / ")
                    ),
                    t.lead,
                    t.cooperating,
                    t.time,
                    t.notes.iter().map(|n| norm(&n.text())).collect::<Vec<_>>()
                )),
            }
        }
    }
    walk(&doc.tasks, &mut tasks);
    let mut recipients: Vec<String> = doc
        .recipients
        .entries
        .iter()
        .flat_map(|e| match e {
            RecipientEntry::Single(r) => vec![format!("{} {:?}", norm(&r.name), r.note)],
            RecipientEntry::Group(g) => g
                .members
                .iter()
                .map(|r| format!("[{}] {} {:?}", g.label, norm(&r.name), r.note))
                .collect(),
        })
        .collect();
    recipients.push(vanban_core::format::archive_text(&doc.recipients.archive));
    let signer = vec![
        vanban_core::format::authority_lines(&doc.signature).join(" / "),
        doc.signature.name.clone(),
    ];
    let mut appendices = Vec::new();
    for a in &doc.appendices {
        appendices.push(format!("appendix {}", norm(&a.title)));
        match &a.content {
            AppendixContent::Text { text } => content(text, &mut appendices),
            AppendixContent::Documents { groups } => {
                for g in groups {
                    appendices.push(format!("group {:?}", g.title));
                    for e in &g.entries {
                        appendices.push(
                            e.iter()
                                .map(|p| norm(&p.text()))
                                .collect::<Vec<_>>()
                                .join(" / "),
                        );
                    }
                }
            }
            AppendixContent::Tasks => appendices.push("tasks".into()),
        }
    }
    if let Some(att) = &doc.attachment {
        appendices.push(format!(
            "attachment {:?} {}",
            att.doc_type,
            norm(&att.subject)
        ));
        content(&att.body, &mut appendices);
    }
    vec![
        ("header", header),
        ("title", title),
        ("legal bases", basis),
        ("body", body),
        ("tasks", tasks),
        ("recipients", recipients),
        ("signer", signer),
        ("appendices", appendices),
    ]
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0u32; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()] as usize
}

/// Per part: the share of lines that are the same, in order.
fn compare(want: &Document, got: &Document) -> Vec<(&'static str, f64, Vec<String>)> {
    parts(want)
        .into_iter()
        .zip(parts(got))
        .map(|((name, a), (_, b))| {
            let total = a.len().max(b.len());
            let score = if total == 0 {
                1.0
            } else {
                lcs(&a, &b) as f64 / total as f64
            };
            let mut diff: Vec<String> = a
                .iter()
                .filter(|x| !b.contains(x))
                .map(|x| format!("want: {x}"))
                .collect();
            diff.extend(
                b.iter()
                    .filter(|x| !a.contains(x))
                    .map(|x| format!("got:  {x}")),
            );
            (name, score, diff)
        })
        .collect()
}

/// What a read-back part must reach: all of it, from DOCX and from PDF (bordered tables
/// included, landscape appendices too).
fn floor(_format: Format, _name: &str, _part: &str) -> f64 {
    1.0
}

fn exports(doc: &Document) -> (Vec<u8>, Vec<u8>) {
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(doc, &sheet, &mut metrics);
    let docx = vanban_render::docx::write(&layout, &sheet).expect("docx");
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    let pdf = t
        .pdf(&layout, &sheet, &doc.subject, PdfKind::Standard, None)
        .expect("pdf");
    (docx, pdf)
}

#[test]
fn our_docx_and_pdf_exports_read_back_to_the_same_document() {
    let only = std::env::var("VANBAN_FIXTURE").ok();
    let mut failures = Vec::new();
    for name in FIXTURES {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let want = fixture(name);
        let (docx, pdf) = exports(&want);
        for (format, bytes) in [(Format::Docx, &docx), (Format::Pdf, &pdf)] {
            let got = read(bytes, format, &Options::default())
                .unwrap_or_else(|e| panic!("{name} {format:?}: {e}"))
                .document;
            let scores = compare(&want, &got);
            let line: Vec<String> = scores
                .iter()
                .map(|(p, s, _)| format!("{p} {:.0} %", s * 100.0))
                .collect();
            eprintln!("{name} {format:?}: {}", line.join(", "));
            for (part, score, diff) in scores {
                if score < floor(format, name, part) {
                    failures.push(format!(
                        "{name} {format:?} {part} {:.1} %:\n    {}",
                        score * 100.0,
                        diff.iter()
                            .take(8)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("\n    ")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

#[test]
fn vanban_read_writes_the_document_and_says_what_it_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("doc.json");
    let seed = repo().join("tests/seeds/ke-hoach-lang-son-ngay-cds-2022.txt");
    let run = vanban()
        .arg("read")
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert_eq!(report["errors"], 0);
    assert!(
        report["diagnostics"]
            .as_array()
            .is_some_and(|d| !d.is_empty())
    );
    let doc = vanban_core::exchange::from_str(&std::fs::read_to_string(&out).expect("written"))
        .expect("a vanban/1 file");
    assert_eq!(doc.signature.name, "Dương Xuân Huyên");
    assert_eq!(doc.body.sections.len(), 5);
    // The written file validates with the `validate` command too.
    let v = vanban().arg("validate").arg(&out).output().expect("run");
    assert_eq!(v.status.code(), Some(0));
    // An existing file is never overwritten.
    let again = vanban()
        .arg("read")
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(again.status.code(), Some(2));

    // A PDF without a text layer: exit 2 and a message saying it is a scan.
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, scanned_pdf()).expect("write");
    let run = vanban()
        .arg("read")
        .arg(&scan)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert_eq!(report["code"], "scanned-pdf");
    assert!(
        report["message"]
            .as_str()
            .is_some_and(|m| m.contains("bản quét"))
    );
}

/// A one-page PDF holding only a drawn rectangle (what a scan is to a text reader: no text).
fn scanned_pdf() -> Vec<u8> {
    vanban_test_support::one_page_pdf(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"0 0 0 rg 100 100 200 300 re f",
    )
}
