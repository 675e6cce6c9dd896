//! The published plans of `tests/seeds/`, re-created as JSON in `tests/fixtures/`, must render
//! back to their text word for word, and validate without errors.
//!
//! The seeds are text extracted from PDFs, so the comparison ignores what extraction lost or
//! added and nothing else:
//! - white space and line breaks (extraction splits words at line ends: "136/KH-" "UBND");
//! - the page-1 header block, which extraction dropped;
//! - page furniture, listed per fixture in `<name>.furniture.toml`: repeated table headers,
//!   link targets printed after a page; lines holding only a URL or only underscores (rules)
//!   are dropped for every seed;
//! - inside tables, the order of words (extraction interleaves the cells of a row that breaks
//!   across pages) and the punctuation that ends a word: a table is compared as the multiset of
//!   its words.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use vanban_core::plain::{Part, PlainContent, plain_text};
use vanban_core::validate::{Severity, validate};

const FIXTURES: [&str; 3] = [
    "ke-hoach-lang-son-cong-dan-so-2022",
    "ke-hoach-lang-son-ngay-cds-2022",
    "ke-hoach-long-an-tuyen-truyen-cds-2025",
];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Furniture {
    /// Token sequences that stand in the seed more than once because extraction repeated them
    /// on every page (table headers): every occurrence after the first is dropped.
    #[serde(default)]
    drop_repeated: Vec<String>,
    /// Token sequences that are not part of the document at all.
    #[serde(default)]
    drop: Vec<String>,
    /// Token sequences that extraction broke up or merged, and what they really are.
    #[serde(default)]
    replace: Vec<Replace>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Replace {
    from: String,
    to: String,
}

fn tokens(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

fn find(hay: &[String], needle: &[String], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

fn seed_tokens(name: &str) -> Vec<String> {
    let path = repo().join("tests/seeds").join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read seed {}: {e}", path.display()));
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            let t = line.trim();
            let link =
                (t.starts_with("https://") || t.starts_with("http://") || t.starts_with("mailto:"))
                    && !t.contains(' ');
            let rule = !t.is_empty() && t.chars().all(|c| c == '_');
            !(link || rule)
        })
        .collect();
    let mut toks = tokens(&kept.join("\n"));

    let furniture_path = repo()
        .join("tests/fixtures")
        .join(format!("{name}.furniture.toml"));
    let furniture: Furniture = match std::fs::read_to_string(&furniture_path) {
        Ok(s) => toml::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", furniture_path.display())),
        Err(_) => Furniture::default(),
    };
    for r in &furniture.replace {
        let (from, to) = (tokens(&r.from), tokens(&r.to));
        let mut at = 0;
        let mut hits = 0;
        while let Some(i) = find(&toks, &from, at) {
            toks.splice(i..i + from.len(), to.iter().cloned());
            at = i + to.len();
            hits += 1;
        }
        assert!(
            hits > 0,
            "{name}: furniture replace `{}` matches nothing",
            r.from
        );
    }
    for d in &furniture.drop_repeated {
        let seq = tokens(d);
        let first = find(&toks, &seq, 0)
            .unwrap_or_else(|| panic!("{name}: drop_repeated `{d}` matches nothing"));
        while let Some(i) = find(&toks, &seq, first + seq.len()) {
            toks.drain(i..i + seq.len());
        }
    }
    for d in &furniture.drop {
        let seq = tokens(d);
        let mut hits = 0;
        while let Some(i) = find(&toks, &seq, 0) {
            toks.drain(i..i + seq.len());
            hits += 1;
        }
        assert!(hits > 0, "{name}: furniture drop `{d}` matches nothing");
    }
    toks
}

enum Segment {
    Flow(String),
    Table(Vec<String>),
}

fn rendered_segments(doc: &vanban_core::Document) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for block in plain_text(doc) {
        if block.part == Part::Header {
            continue;
        }
        match block.content {
            PlainContent::Line(line) => match segments.last_mut() {
                Some(Segment::Flow(s)) => {
                    s.push(' ');
                    s.push_str(&line);
                }
                _ => segments.push(Segment::Flow(line)),
            },
            PlainContent::Table(rows) => {
                let words = rows
                    .iter()
                    .flatten()
                    .flat_map(|cell| tokens(cell))
                    .collect();
                segments.push(Segment::Table(words));
            }
        }
    }
    segments
}

/// A word of a table as compared: without the punctuation that ends it.
fn table_word(w: &str) -> String {
    w.trim_end_matches([',', ';', '.', ':']).to_owned()
}

fn multiset(words: &[String]) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for w in words {
        let w = table_word(w);
        if !w.is_empty() {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

fn context(chars: &[char], at: usize) -> String {
    let from = at.saturating_sub(60);
    let to = (at + 60).min(chars.len());
    format!(
        "{}⟦{}⟧",
        chars[from..at].iter().collect::<String>(),
        chars[at..to].iter().collect::<String>()
    )
}

/// Compares the rendered text with the seed; returns the first difference.
fn compare(name: &str, doc: &vanban_core::Document) -> Result<(), String> {
    let seed = seed_tokens(name);
    // The seed as characters without white space, each knowing its token.
    let mut chars: Vec<char> = Vec::new();
    let mut token_of: Vec<usize> = Vec::new();
    let mut token_start: Vec<usize> = Vec::new();
    for (i, t) in seed.iter().enumerate() {
        token_start.push(chars.len());
        for c in t.chars() {
            chars.push(c);
            token_of.push(i);
        }
    }
    token_start.push(chars.len());

    let segments = rendered_segments(doc);
    let mut pos = 0usize; // in `chars`
    for (si, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Flow(text) => {
                let mine: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
                for (k, c) in mine.iter().enumerate() {
                    if chars.get(pos) != Some(c) {
                        return Err(format!(
                            "{name}: text differs\n  seed:     {}\n  rendered: {}",
                            if pos < chars.len() {
                                context(&chars, pos)
                            } else {
                                "<end of seed>".into()
                            },
                            context(&mine, k)
                        ));
                    }
                    pos += 1;
                }
            }
            Segment::Table(words) => {
                let start_token = token_of.get(pos).copied().unwrap_or(seed.len());
                if pos < chars.len() && token_start[start_token] != pos {
                    return Err(format!(
                        "{name}: a table starts in the middle of a seed word: {}",
                        context(&chars, pos)
                    ));
                }
                // The table ends where the next flow text starts.
                let end_token = match segments.get(si + 1) {
                    Some(Segment::Flow(next)) => {
                        let next_tokens = tokens(next);
                        let probe: Vec<String> = next_tokens.iter().take(6).cloned().collect();
                        find(&seed, &probe, start_token).ok_or_else(|| {
                            format!(
                                "{name}: the text after table {si} (“{}”) is not in the seed",
                                probe.join(" ")
                            )
                        })?
                    }
                    _ => seed.len(),
                };
                let theirs = multiset(&seed[start_token..end_token]);
                let ours = multiset(words);
                if theirs != ours {
                    let mut diff = Vec::new();
                    for (w, n) in &ours {
                        let m = theirs.get(w).copied().unwrap_or(0);
                        if m != *n {
                            diff.push(format!("{w}: rendered {n}, seed {m}"));
                        }
                    }
                    for (w, m) in &theirs {
                        if !ours.contains_key(w) {
                            diff.push(format!("{w}: rendered 0, seed {m}"));
                        }
                    }
                    return Err(format!(
                        "{name}: table {si} differs in {} words:\n  {}",
                        diff.len(),
                        diff.join("\n  ")
                    ));
                }
                pos = token_start[end_token];
            }
        }
    }
    if pos != chars.len() {
        return Err(format!(
            "{name}: the seed goes on after the rendered text: {}",
            context(&chars, pos)
        ));
    }
    Ok(())
}

fn try_load(name: &str) -> Result<vanban_core::Document, String> {
    let path = repo().join("tests/fixtures").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    vanban_core::exchange::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn load(name: &str) -> vanban_core::Document {
    try_load(name).unwrap_or_else(|e| panic!("{e}"))
}

/// The fixtures to check: all, or the one named by `VANBAN_FIXTURE` while working on it.
fn fixtures() -> Vec<&'static str> {
    match std::env::var("VANBAN_FIXTURE") {
        Ok(only) => FIXTURES.into_iter().filter(|f| *f == only).collect(),
        Err(_) => FIXTURES.to_vec(),
    }
}

#[test]
fn every_seed_is_reproduced_word_for_word() {
    let failures: Vec<String> = fixtures()
        .into_iter()
        .filter_map(|name| try_load(name).and_then(|doc| compare(name, &doc)).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_seed_fixture_validates_without_errors() {
    for name in fixtures() {
        let report = validate(&load(name));
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn every_seed_fixture_round_trips_through_json() {
    for name in fixtures() {
        let doc = load(name);
        let again = vanban_core::exchange::from_str(&vanban_core::exchange::to_string(&doc))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, doc, "{name}");
    }
}
