//! The published plans of `tests/seeds/` (text copied from their PDFs), read by the reader,
//! scored against the documents made of them by hand in `tests/fixtures/`.
//!
//! For each seed: the read document validates with no errors; its text holds ≥ 99 % of the
//! seed's words in order; its structure matches the hand-made fixture: the section tree
//! (depth and title of every section), the task rows (content, lead and cooperating units,
//! time), the recipients and the signer. Scores are printed (`--nocapture`) and held to the
//! floors below.

use std::path::{Path, PathBuf};

use vanban_core::Document;
use vanban_core::model::{AppendixContent, RecipientEntry, Section, TaskNode};
use vanban_core::plain::{Part, PlainContent, plain_text};
use vanban_core::validate::{Severity, validate};
use vanban_read::{Format, Options, read};

const SEEDS: [&str; 3] = [
    "ke-hoach-lang-son-cong-dan-so-2022",
    "ke-hoach-lang-son-ngay-cds-2022",
    "ke-hoach-long-an-tuyen-truyen-cds-2025",
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed_text(name: &str) -> String {
    let path = repo().join("tests/seeds").join(format!("{name}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Document {
    let path = repo().join("tests/fixtures").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vanban_core::exchange::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read_seed(name: &str) -> vanban_read::Reading {
    read(
        seed_text(name).as_bytes(),
        Format::Text,
        &Options::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The seed's words, without the lines a PDF copy adds (link targets, rules) and without the
/// page furniture listed in `tests/fixtures/<name>.furniture.toml` (a table header repeated on
/// every page is kept once; words a line end broke are joined).
fn seed_words(name: &str) -> Vec<String> {
    let mut words = raw_seed_words(name);
    let path = repo()
        .join("tests/fixtures")
        .join(format!("{name}.furniture.toml"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return words;
    };
    let furniture: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let toks = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let find = |hay: &[String], needle: &[String], from: usize| {
        (from..=hay.len().saturating_sub(needle.len())).find(|&i| hay[i..].starts_with(needle))
    };
    for r in furniture
        .get("replace")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let (from, to) = (
            toks(r["from"].as_str().unwrap_or_default()),
            toks(r["to"].as_str().unwrap_or_default()),
        );
        let mut at = 0;
        while let Some(i) = find(&words, &from, at) {
            words.splice(i..i + from.len(), to.iter().cloned());
            at = i + to.len();
        }
    }
    for d in furniture
        .get("drop_repeated")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let seq = toks(d.as_str().unwrap_or_default());
        if let Some(first) = find(&words, &seq, 0) {
            while let Some(i) = find(&words, &seq, first + seq.len()) {
                words.drain(i..i + seq.len());
            }
        }
    }
    words
}

fn raw_seed_words(name: &str) -> Vec<String> {
    seed_text(name)
        .lines()
        .filter(|l| {
            let t = l.trim();
            !(vanban_read::is_bare_link(t) || (!t.is_empty() && t.chars().all(|c| c == '_')))
        })
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
        .collect()
}

fn doc_words(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in plain_text(doc) {
        if b.part == Part::Header {
            continue;
        }
        match b.content {
            PlainContent::Line(l) => out.extend(l.split_whitespace().map(str::to_owned)),
            PlainContent::Table(rows) => {
                for r in rows {
                    for c in r {
                        out.extend(c.split_whitespace().map(str::to_owned));
                    }
                }
            }
        }
    }
    out
}

/// Length of the longest common subsequence.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> usize {
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

fn ratio(matched: usize, total: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        matched as f64 / total as f64
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tree(sections: &[Section], depth: usize, out: &mut Vec<String>) {
    for s in sections {
        out.push(format!("{depth} {}", norm(&s.title.text())));
        tree(&s.subsections, depth + 1, out);
    }
}

fn section_tree(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    tree(&doc.body.sections, 0, &mut out);
    for a in &doc.appendices {
        if let AppendixContent::Text { text } = &a.content {
            out.push(format!("appendix {}", norm(&a.title)));
            tree(&text.sections, 0, &mut out);
        }
    }
    out
}

fn task_rows(doc: &Document) -> Vec<String> {
    fn go(nodes: &[TaskNode], out: &mut Vec<String>) {
        for n in nodes {
            match n {
                TaskNode::Group { title, tasks } => {
                    out.push(format!("group {}", norm(&title.text())));
                    go(tasks, out);
                }
                TaskNode::Task(t) => out.push(format!(
                    "{} | {} | {} | {}",
                    norm(
                        &t.content
                            .iter()
                            .map(|c| c.text().into_owned())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    t.lead.join("; "),
                    t.cooperating.join("; "),
                    t.time
                        .as_ref()
                        .map(vanban_core::format::task_time)
                        .unwrap_or_default()
                )),
            }
        }
    }
    let mut out = Vec::new();
    go(&doc.tasks, &mut out);
    out
}

fn recipients(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for e in &doc.recipients.entries {
        match e {
            RecipientEntry::Single(r) => out.push(norm(&r.name)),
            RecipientEntry::Group(g) => out.extend(
                g.members
                    .iter()
                    .map(|r| format!("[{}] {}", g.label, norm(&r.name))),
            ),
        }
    }
    out.push(vanban_core::format::archive_text(&doc.recipients.archive));
    out
}

fn signer(doc: &Document) -> Vec<String> {
    vec![
        vanban_core::format::authority_lines(&doc.signature).join(" / "),
        doc.signature.name.clone(),
    ]
}

/// The preamble: each paragraph's references as written in the model, then the closing clause
/// and where it goes.
fn bases(doc: &Document) -> Vec<String> {
    let basis = &doc.legal_basis;
    let mut out: Vec<String> = basis.paragraphs.iter().map(|p| format!("{p:?}")).collect();
    out.extend(basis.proposal.clone());
    out.push(format!(
        "{:?} {}",
        basis.closing_placement,
        basis
            .closing_clause
            .as_ref()
            .map(|c| norm(&c.text()))
            .unwrap_or_default()
    ));
    out
}

struct Score {
    words: f64,
    bases: f64,
    sections: f64,
    tasks: f64,
    recipients: f64,
    signer: f64,
    errors: Vec<String>,
}

fn score(name: &str) -> Score {
    let reading = read_seed(name);
    let doc = &reading.document;
    let want = fixture(name);
    let seed = seed_words(name);
    let ours = doc_words(doc);
    let parts = |f: fn(&Document) -> Vec<String>| {
        ratio(lcs(&f(&want), &f(doc)), f(&want).len().max(f(doc).len()))
    };
    Score {
        words: ratio(lcs(&seed, &ours), seed.len()),
        bases: parts(bases),
        sections: parts(section_tree),
        tasks: parts(task_rows),
        recipients: parts(recipients),
        signer: parts(signer),
        errors: validate(doc)
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect(),
    }
}

#[test]
fn seeds_read_back_to_their_fixtures() {
    let mut failures = Vec::new();
    for name in SEEDS {
        let s = score(name);
        eprintln!(
            "{name}: words in order {:.2} %, legal bases {:.2} %, sections {:.2} %, task rows {:.2} %, recipients {:.2} %, signer {:.2} %, validation errors {}",
            s.words * 100.0,
            s.bases * 100.0,
            s.sections * 100.0,
            s.tasks * 100.0,
            s.recipients * 100.0,
            s.signer * 100.0,
            s.errors.len()
        );
        if !s.errors.is_empty() {
            failures.push(format!(
                "{name}: validation errors:\n  {}",
                s.errors.join("\n  ")
            ));
        }
        for (what, value, floor) in [
            ("words in order", s.words, 0.99),
            ("legal bases", s.bases, 1.0),
            ("section tree", s.sections, 0.95),
            ("recipients", s.recipients, 0.9),
            ("signer", s.signer, 1.0),
            ("task rows", s.tasks, 0.8),
        ] {
            if value < floor {
                failures.push(format!(
                    "{name}: {what} {:.2} % < {:.0} %",
                    value * 100.0,
                    floor * 100.0
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What the reader makes of a seed, to look at while working on it:
/// `VANBAN_SEED=name cargo test -p vanban-read --test it seeds::show -- --nocapture`.
#[test]
fn show() {
    let Ok(name) = std::env::var("VANBAN_SEED") else {
        return;
    };
    let reading = read_seed(&name);
    for d in &reading.diagnostics {
        eprintln!("{:?} {}: {}", d.severity, d.origin, d.message);
    }
    let want = fixture(&name);
    for (what, f) in [
        ("legal bases", bases as fn(&Document) -> Vec<String>),
        ("sections", section_tree),
        ("tasks", task_rows),
        ("recipients", recipients),
        ("signer", signer),
    ] {
        let (a, b) = (f(&want), f(&reading.document));
        eprintln!("--- {what}: fixture {} / read {}", a.len(), b.len());
        for x in &a {
            if !b.contains(x) {
                eprintln!("  missing: {x}");
            }
        }
        for x in &b {
            if !a.contains(x) {
                eprintln!("  extra:   {x}");
            }
        }
    }
    if let Ok(path) = std::env::var("VANBAN_WORDS") {
        let text = format!("{}\n", doc_words(&reading.document).join("\n"));
        std::fs::write(format!("{path}.read"), text).expect("write");
        std::fs::write(format!("{path}.seed"), seed_words(&name).join("\n")).expect("write");
    }
    println!("{}", vanban_core::exchange::to_string(&reading.document));
}

#[test]
fn a_paragraph_printed_after_the_signer_is_kept_and_reported() {
    let name = "ke-hoach-lang-son-ngay-cds-2022";
    let note = "Ghi chú: tài liệu hướng dẫn được đăng trên Cổng thông tin điện tử của tỉnh.";
    let text = format!("{}\n\n{note}\n", seed_text(name));
    let reading = read(text.as_bytes(), Format::Text, &Options::default()).expect("read");
    let last = reading.document.body.after.last().expect("the note kept");
    let vanban_core::model::Block::Paragraph { text } = last else {
        panic!("the note is not a paragraph: {last:?}");
    };
    assert_eq!(text.text(), note);
    // The signer is still the signer.
    assert_eq!(signer(&reading.document), signer(&fixture(name)));
    let said = reading
        .diagnostics
        .iter()
        .find(|d| d.message.contains("Ghi chú: tài liệu"))
        .expect("the move reported");
    assert_eq!(said.severity, vanban_read::Severity::Warning);
    assert_eq!(said.path.as_deref(), Some("body.after"));
}
