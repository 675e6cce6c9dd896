//! What the render tests share: the seed fixtures and the word-for-word comparison of an
//! exported file's text with the document's.

#![allow(dead_code)] // each test binary uses its own part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vanban_core::Document;

pub const FIXTURES: [&str; 3] = [
    "ke-hoach-lang-son-cong-dan-so-2022",
    "ke-hoach-lang-son-ngay-cds-2022",
    "ke-hoach-long-an-tuyen-truyen-cds-2025",
];

/// Documents of the other types of Phụ lục III (not seeds): a công văn written like an
/// official guidance letter (Mẫu 1.5) and a quyết định with three articles (Mẫu 1.2/1.3).
pub const CONG_VAN: &str = "cong-van-huong-dan-stttt-2025";
pub const QUYET_DINH: &str = "quyet-dinh-ban-hanh-ke-hoach-stttt-2025";

/// Documents written as published (not seeds): a plan whose part III numbers "3.1.",
/// "3.1.1." with điểm under "3.1.4.", lists marked "(1)", "1)", "*", "+" under "-", a bold word
/// in a heading, a legal basis closed by a second sentence; and a công văn whose numbered
/// parts are followed by closing paragraphs and a note, without "./.".
pub const PLAN: &str = "ke-hoach-su-kien-so-2025";
pub const LETTER: &str = "cong-van-huong-dan-ghi-chu-2025";

/// The last three words of the body's last paragraph in reading order (the closing sentence,
/// or the body's last block or heading) above the last signature block: the attached
/// document's, when a quyết định prints the plan it issues after itself.
pub fn last_body_words(doc: &Document) -> String {
    let (body, numbering, closing) = match &doc.attachment {
        Some(a) => (&a.body, &a.numbering, a.closing.as_ref()),
        None => (&doc.body, &doc.numbering, Some(&doc.closing)),
    };
    let text = match closing.filter(|c| !c.is_blank()) {
        Some(c) => c.text().into_owned(),
        None => {
            let mut last = String::new();
            vanban_core::numbering::walk_content(body, numbering, "body", &mut |flow| match flow {
                vanban_core::numbering::Flow::Heading(h) => {
                    last = h.section.title.text().into_owned();
                }
                vanban_core::numbering::Flow::Block { block, .. } => {
                    if let Some(t) = block.texts().last() {
                        last = t.text().into_owned();
                    }
                }
            });
            last
        }
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    words[words.len().saturating_sub(3)..].join(" ")
}

/// The fixtures to check: all, or the one named by `VANBAN_FIXTURE` while working on it.
pub fn fixtures() -> Vec<&'static str> {
    match std::env::var("VANBAN_FIXTURE") {
        Ok(only) => FIXTURES.into_iter().filter(|f| *f == only).collect(),
        Err(_) => FIXTURES.to_vec(),
    }
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixture(name: &str) -> Document {
    let path = repo().join("tests/fixtures").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vanban_core::exchange::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The document's words as the plain-text rendering gives them.
pub fn plain_text(doc: &Document) -> String {
    vanban_core::plain::to_string(&vanban_core::plain::plain_text(doc))
}

/// Words a PDF repeats on every page a table runs over: its header row.
pub fn repeated_header_word(w: &str) -> bool {
    vanban_core::plain::TASK_TABLE_HEADER
        .iter()
        .chain(vanban_core::plain::DOCUMENT_LIST_HEADER.iter())
        .any(|h| h.split_whitespace().any(|x| x == w))
}

pub fn words(text: &str) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for w in text.split_whitespace() {
        *m.entry(w.to_owned()).or_insert(0) += 1;
    }
    m
}

/// Words with how many times each is missing or extra.
pub type WordCounts = Vec<(String, i64)>;

/// How a PDF's text differs from the document's, as `(missing, extra)` words with counts.
/// A word longer than a line (a web address) is broken where the line ends, as Word and
/// LibreOffice break it: consecutive pieces in `got` that join into a missing word count as
/// that word. `allowed_extra` names the words the layout adds (page numbers, repeated headers).
pub fn word_diff(
    got: &str,
    want: &str,
    allowed_extra: impl Fn(&str) -> bool,
) -> (WordCounts, WordCounts) {
    let mut have = words(got);
    let mut need = words(want);
    let tokens: Vec<&str> = got.split_whitespace().collect();
    for k in 0..tokens.len() {
        for len in 2..=4 {
            let Some(run) = tokens.get(k..k + len) else {
                break;
            };
            let joined = run.concat();
            let missing =
                need.get(&joined).copied().unwrap_or(0) - have.get(&joined).copied().unwrap_or(0);
            let pieces_spare = run
                .iter()
                .all(|t| have.get(*t).copied().unwrap_or(0) > need.get(*t).copied().unwrap_or(0));
            if missing > 0 && pieces_spare {
                for t in run {
                    *have.get_mut(*t).expect("counted") -= 1;
                }
                *have.entry(joined).or_insert(0) += 1;
                break;
            }
        }
    }
    let mut extra = Vec::new();
    for (w, n) in &have {
        let m = need.get(w).copied().unwrap_or(0);
        if *n > m && !allowed_extra(w) {
            extra.push((w.clone(), n - m));
        }
    }
    need.retain(|w, m| {
        *m -= have.get(w).copied().unwrap_or(0);
        *m > 0
    });
    (need.into_iter().collect(), extra)
}
