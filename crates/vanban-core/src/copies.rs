//! Copies of issued documents (Nghị định 30/2020, Điều 25–27; Phụ lục I phần II; Phụ lục III;
//! docs/copies.md): the three kinds, their printed names and number symbols, the line of the
//! electronic copy's signature, and the part of a document a trích sao keeps.

use serde::{Deserialize, Serialize};

use crate::model::{Document, Section};

/// The kind of a copy (hình thức sao).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CopyKind {
    /// Sao y: the whole document, as it is.
    SaoY,
    /// Sao lục: a copy made from a sao y.
    SaoLuc,
    /// Trích sao: a part of the document, laid out in full form.
    TrichSao,
}

impl CopyKind {
    /// Every kind.
    pub const ALL: [CopyKind; 3] = [CopyKind::SaoY, CopyKind::SaoLuc, CopyKind::TrichSao];

    /// The name used in files, the database and on the command line ("sao-y").
    pub const fn as_str(self) -> &'static str {
        match self {
            CopyKind::SaoY => "sao-y",
            CopyKind::SaoLuc => "sao-luc",
            CopyKind::TrichSao => "trich-sao",
        }
    }

    /// The kind read back from [`CopyKind::as_str`].
    pub fn parse(s: &str) -> Option<CopyKind> {
        CopyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// As printed on the copy, in capitals ("SAO Y").
    pub const fn label(self) -> &'static str {
        match self {
            CopyKind::SaoY => "SAO Y",
            CopyKind::SaoLuc => "SAO LỤC",
            CopyKind::TrichSao => "TRÍCH SAO",
        }
    }

    /// The abbreviation of the copy's number symbol (Phụ lục III): "SY", "SL", "TrS" (never
    /// "TS").
    pub const fn abbreviation(self) -> &'static str {
        match self {
            CopyKind::SaoY => "SY",
            CopyKind::SaoLuc => "SL",
            CopyKind::TrichSao => "TrS",
        }
    }
}

impl std::fmt::Display for CopyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The symbol of a copy: "SY-UBND" for a sao y made by the body abbreviated "UBND".
pub fn copy_symbol(kind: CopyKind, body_abbreviation: &str) -> String {
    format!("{}-{}", kind.abbreviation(), body_abbreviation.trim())
}

/// The visible text of an electronic copy's agency signature (Phụ lục I, II.I): the kind, the
/// copying body's name, the date, and the time with the Vietnam offset in ISO 8601 form:
/// "SAO Y; Ủy ban nhân dân tỉnh Long An; 05/03/2025; 09:00:00 +07:00".
pub fn electronic_note(
    kind: CopyKind,
    body_name: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> String {
    format!(
        "{}; {}; {}; {}",
        kind.label(),
        body_name.trim(),
        at.format("%d/%m/%Y"),
        at.format("%H:%M:%S %:z")
    )
}

/// A part of a document a trích sao may keep: a heading of the body (down to `max_depth`) or an
/// appendix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extractable {
    /// The model's path, as [`extract`] takes it ("body.sections[1]", "appendices[0]").
    pub path: String,
    /// As printed: "II. NHIỆM VỤ VÀ GIẢI PHÁP", "Phụ lục I: DANH MỤC …".
    pub label: String,
    /// 1 for a part of the top level, 2 below it; 1 for an appendix.
    pub depth: usize,
}

/// The parts of `doc` a trích sao may keep, in reading order: the body's headings down to
/// `max_depth`, then the appendices.
pub fn extractable(doc: &Document, max_depth: usize) -> Vec<Extractable> {
    let mut out: Vec<Extractable> = crate::numbering::headings(&doc.body, &doc.numbering, "body")
        .into_iter()
        .filter(|h| h.depth <= max_depth)
        .map(|h| Extractable {
            label: [h.label.as_str(), h.section.title.text().trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            path: h.path,
            depth: h.depth,
        })
        .collect();
    let count = doc.appendices.len();
    out.extend(doc.appendices.iter().enumerate().map(|(i, a)| Extractable {
        path: format!("appendices[{i}]"),
        label: format!(
            "{}: {}",
            crate::numbering::appendix_label(i, count),
            a.title
        ),
        depth: 1,
    }));
    out
}

/// Why a part cannot be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The path names nothing the document has.
    #[error(
        "--part {0}: văn bản không có phần này (ví dụ đúng: body.sections[1], body.sections[1].subsections[0], appendices[0])"
    )]
    NoSuchPart(String),
    /// No part was named.
    #[error("trích sao cần ít nhất một phần (--part), ví dụ body.sections[1] hoặc appendices[0]")]
    NothingChosen,
}

/// A path's steps: `body.sections[1].subsections[0]` → section path `[1, 0]`; `appendices[2]`.
enum Part {
    Section(Vec<usize>),
    Appendix(usize),
}

fn parse_part(path: &str) -> Option<Part> {
    fn index(step: &str, name: &str) -> Option<usize> {
        step.strip_prefix(name)?
            .strip_prefix('[')?
            .strip_suffix(']')?
            .parse()
            .ok()
    }
    let path = path.trim();
    if let Some(rest) = path.strip_prefix("body.") {
        let mut steps = rest.split('.');
        let mut indices = vec![index(steps.next()?, "sections")?];
        for step in steps {
            indices.push(index(step, "subsections")?);
        }
        return Some(Part::Section(indices));
    }
    index(path, "appendices").map(Part::Appendix)
}

/// The document a trích sao lays out (Điều 25): the same header (number, date, body), type
/// name and subject, legal basis, signer and recipients as `doc`, with only the chosen
/// sections (each with the heading path above it, so the copied part keeps its printed
/// numbers) and the chosen appendices. Paths are the model's field paths.
pub fn extract(doc: &Document, paths: &[String]) -> Result<Document, ExtractError> {
    if paths.is_empty() {
        return Err(ExtractError::NothingChosen);
    }
    let mut sections: Vec<Vec<usize>> = Vec::new();
    let mut appendices: Vec<usize> = Vec::new();
    for path in paths {
        let bad = || ExtractError::NoSuchPart(path.clone());
        match parse_part(path).ok_or_else(bad)? {
            Part::Section(indices) => {
                if section_at(&doc.body.sections, &indices).is_none() {
                    return Err(bad());
                }
                sections.push(indices);
            }
            Part::Appendix(i) => {
                if i >= doc.appendices.len() {
                    return Err(bad());
                }
                appendices.push(i);
            }
        }
    }
    let mut out = doc.clone();
    out.body.blocks.clear();
    out.body.after.clear();
    out.contact = None;
    out.body.sections = keep_sections(&doc.body.sections, &sections, 1);
    out.appendices = (doc.appendices.iter().enumerate())
        .filter(|(i, _)| appendices.contains(i))
        .map(|(_, a)| a.clone())
        .collect();
    Ok(out)
}

fn section_at<'a>(sections: &'a [Section], path: &[usize]) -> Option<&'a Section> {
    let (first, rest) = path.split_first()?;
    let s = sections.get(*first)?;
    if rest.is_empty() {
        Some(s)
    } else {
        section_at(&s.subsections, rest)
    }
}

/// The sections on the chosen paths: a chosen section whole; a section above a chosen one with
/// its heading and only the chosen subsections. Each kept section keeps the number it had.
fn keep_sections(sections: &[Section], chosen: &[Vec<usize>], first_number: u32) -> Vec<Section> {
    let mut out = Vec::new();
    let mut next = first_number;
    for (i, s) in sections.iter().enumerate() {
        let number = s.number_from.unwrap_or(next);
        next = number + 1;
        let whole = chosen.iter().any(|p| p.len() == 1 && p[0] == i);
        let below: Vec<Vec<usize>> = chosen
            .iter()
            .filter(|p| p.len() > 1 && p[0] == i)
            .map(|p| p[1..].to_vec())
            .collect();
        if whole {
            out.push(Section {
                number_from: Some(number),
                ..s.clone()
            });
        } else if !below.is_empty() {
            out.push(Section {
                number_from: Some(number),
                blocks: Vec::new(),
                after: Vec::new(),
                subsections: keep_sections(&s.subsections, &below, 1),
                ..s.clone()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_print_and_abbreviate_as_the_decree_says() {
        assert_eq!(CopyKind::TrichSao.abbreviation(), "TrS");
        assert_eq!(copy_symbol(CopyKind::SaoY, "UBND"), "SY-UBND");
        assert_eq!(CopyKind::SaoLuc.label(), "SAO LỤC");
        for k in CopyKind::ALL {
            assert_eq!(CopyKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn the_note_carries_the_vietnam_offset() {
        let at = chrono::DateTime::parse_from_rfc3339("2025-03-05T09:00:00+07:00").expect("time");
        assert_eq!(
            electronic_note(CopyKind::SaoY, "Ủy ban nhân dân tỉnh Long An", at),
            "SAO Y; Ủy ban nhân dân tỉnh Long An; 05/03/2025; 09:00:00 +07:00"
        );
    }

    #[test]
    fn paths_are_read_or_refused() {
        assert!(matches!(
            parse_part("body.sections[1].subsections[0]"),
            Some(Part::Section(p)) if p == [1, 0]
        ));
        assert!(matches!(
            parse_part("appendices[2]"),
            Some(Part::Appendix(2))
        ));
        assert!(parse_part("body.sections[x]").is_none());
        assert!(parse_part("tasks[0]").is_none());
    }
}
