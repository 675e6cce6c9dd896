//! Word files (.docx): paragraphs with their bold/italic runs (direct or from styles),
//! alignment, automatic numbering (`w:numPr`) written out as printed, and tables.

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document as Xml, Node};
use vanban_core::Span;

use crate::source::{Align, Cell, Item, Para, Table};
use crate::{Origin, ReadError};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Largest part read from the archive (a document.xml of 20 pages is well under 1 MB).
const MAX_PART: u64 = 64 * 1024 * 1024;

fn part(archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = archive.by_name(name).ok()?;
    let mut s = String::new();
    file.take(MAX_PART).read_to_string(&mut s).ok()?;
    Some(s)
}

/// The items of a .docx file.
pub fn items(bytes: &[u8]) -> Result<Vec<Item>, ReadError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Docx(e.to_string()))?;
    let document = part(&mut archive, "word/document.xml")
        .ok_or_else(|| ReadError::Docx("thiếu word/document.xml".into()))?;
    let styles_xml = part(&mut archive, "word/styles.xml");
    let numbering_xml = part(&mut archive, "word/numbering.xml");
    let xml = Xml::parse(&document).map_err(|e| ReadError::Docx(e.to_string()))?;
    let styles = styles_xml
        .as_deref()
        .and_then(|s| Xml::parse(s).ok())
        .map(|x| Styles::read(&x))
        .unwrap_or_default();
    let numbering = numbering_xml
        .as_deref()
        .and_then(|s| Xml::parse(s).ok())
        .map(|x| Numbering::read(&x))
        .unwrap_or_default();
    let mut reader = Reader {
        styles,
        numbering,
        counters: HashMap::new(),
        paragraph: 0,
    };
    let body = xml
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| ReadError::Docx("thiếu w:body".into()))?;
    let mut out = Vec::new();
    reader.block_children(body, &mut out, 0);
    mark_lines(&mut out);
    Ok(out)
}

/// A DOCX made from plain text (LibreOffice's "convert to docx" of a copied PDF) has one
/// paragraph per printed line: paragraphs that go on in the next one, starting in lower case,
/// give it away. Such paragraphs are read as lines, to be joined like a text's.
fn mark_lines(items: &mut [Item]) {
    let texts: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Para(p) => Some(p.text()),
            Item::Table(_) => None,
        })
        .filter(|t| !t.trim().is_empty())
        .collect();
    let continued = texts
        .windows(2)
        .filter(|w| {
            w[1].trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                && !w[0].trim_end().ends_with(['.', ':', ';'])
        })
        .count();
    if texts.len() >= 10 && continued * 10 >= texts.len() {
        for item in items.iter_mut() {
            if let Item::Para(p) = item {
                p.line = true;
            }
        }
    }
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// An on/off property ("<w:b/>", "<w:b w:val="0"/>").
fn on(n: Option<Node>) -> Option<bool> {
    n.map(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off" | "none")))
}

#[derive(Debug, Clone, Default)]
struct RunProps {
    bold: Option<bool>,
    italic: Option<bool>,
    caps: Option<bool>,
}

impl RunProps {
    fn read(rpr: Option<Node>) -> RunProps {
        let Some(r) = rpr else {
            return RunProps::default();
        };
        RunProps {
            bold: on(child(r, "b")),
            italic: on(child(r, "i")),
            caps: on(child(r, "caps")),
        }
    }
    fn over(&self, base: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            caps: self.caps.or(base.caps),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    run: RunProps,
    align: Option<Align>,
    num: Option<(String, u32)>,
}

#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
    default_run: RunProps,
    default_para: Option<String>,
}

fn align_of(ppr: Option<Node>) -> Option<Align> {
    let jc = child(ppr?, "jc")?;
    Some(match attr(jc, "val")? {
        "center" => Align::Center,
        "right" | "end" => Align::End,
        _ => Align::Start,
    })
}

fn num_of(ppr: Option<Node>) -> Option<(String, u32)> {
    let np = child(ppr?, "numPr")?;
    let id = attr(child(np, "numId")?, "val")?.to_owned();
    let lvl = child(np, "ilvl")
        .and_then(|l| attr(l, "val"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some((id, lvl))
}

impl Styles {
    fn read(x: &Xml) -> Styles {
        let mut s = Styles::default();
        let root = x.root_element();
        if let Some(rpr) = child(root, "docDefaults")
            .and_then(|d| child(d, "rPrDefault"))
            .and_then(|d| child(d, "rPr"))
        {
            s.default_run = RunProps::read(Some(rpr));
        }
        for st in root.children().filter(|n| is(n, "style")) {
            let Some(id) = attr(st, "styleId") else {
                continue;
            };
            let ppr = child(st, "pPr");
            if attr(st, "default").is_some_and(|v| v == "1" || v == "true")
                && attr(st, "type") == Some("paragraph")
            {
                s.default_para = Some(id.to_owned());
            }
            s.styles.insert(
                id.to_owned(),
                Style {
                    based_on: child(st, "basedOn")
                        .and_then(|b| attr(b, "val"))
                        .map(str::to_owned),
                    run: RunProps::read(child(st, "rPr")),
                    align: align_of(ppr),
                    num: num_of(ppr),
                },
            );
        }
        s
    }

    /// A style with what it inherits resolved.
    fn resolved(&self, id: Option<&str>) -> Style {
        let mut chain = Vec::new();
        let mut cur = id.map(str::to_owned).or_else(|| self.default_para.clone());
        while let Some(c) = cur {
            if chain.len() > 16 || chain.contains(&c) {
                break;
            }
            let next = self.styles.get(&c).and_then(|s| s.based_on.clone());
            chain.push(c);
            cur = next;
        }
        let mut out = Style {
            run: self.default_run.clone(),
            ..Style::default()
        };
        for c in chain.iter().rev() {
            if let Some(s) = self.styles.get(c) {
                out.run = s.run.over(&out.run);
                out.align = s.align.or(out.align);
                out.num = s.num.clone().or(out.num);
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u32, Level>>,
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
}

impl Numbering {
    fn read(x: &Xml) -> Numbering {
        let mut n = Numbering::default();
        let root = x.root_element();
        for a in root.children().filter(|c| is(c, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels = HashMap::new();
            for l in a.children().filter(|c| is(c, "lvl")) {
                let Some(ilvl) = attr(l, "ilvl").and_then(|v| v.parse().ok()) else {
                    continue;
                };
                levels.insert(
                    ilvl,
                    Level {
                        format: child(l, "numFmt")
                            .and_then(|f| attr(f, "val"))
                            .unwrap_or("decimal")
                            .to_owned(),
                        text: child(l, "lvlText")
                            .and_then(|f| attr(f, "val"))
                            .unwrap_or("")
                            .to_owned(),
                        start: child(l, "start")
                            .and_then(|f| attr(f, "val"))
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1),
                    },
                );
            }
            n.abstracts.insert(id.to_owned(), levels);
        }
        for num in root.children().filter(|c| is(c, "num")) {
            let (Some(id), Some(abs)) = (
                attr(num, "numId"),
                child(num, "abstractNumId").and_then(|a| attr(a, "val")),
            ) else {
                continue;
            };
            let mut starts = HashMap::new();
            for o in num.children().filter(|c| is(c, "lvlOverride")) {
                if let (Some(l), Some(s)) = (
                    attr(o, "ilvl").and_then(|v| v.parse().ok()),
                    child(o, "startOverride")
                        .and_then(|s| attr(s, "val"))
                        .and_then(|v| v.parse().ok()),
                ) {
                    starts.insert(l, s);
                }
            }
            n.nums.insert(id.to_owned(), (abs.to_owned(), starts));
        }
        n
    }
}

struct Reader {
    styles: Styles,
    numbering: Numbering,
    /// Counters per abstract numbering and level.
    counters: HashMap<String, Vec<u32>>,
    paragraph: u32,
}

fn format_number(format: &str, n: u32) -> String {
    match format {
        "upperRoman" => vanban_core::numbering::roman(n),
        "lowerRoman" => vanban_core::numbering::roman(n).to_lowercase(),
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_uppercase(),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    let mut n = n as usize;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

/// Column widths (twips) as the smallest whole numbers in the same ratio ([907, 5443, 2721]
/// → [1, 6, 3]); none when the columns are equal or the widths unknown.
fn relative_widths(grid: &[f64]) -> Vec<u32> {
    let total: f64 = grid.iter().sum();
    if grid.len() < 2 || !total.is_finite() || total <= 0.0 || grid.iter().any(|w| *w <= 0.0) {
        return Vec::new();
    }
    if grid.iter().all(|w| (w - grid[0]).abs() <= 2.0) {
        return Vec::new();
    }
    for n in 2..=200u32 {
        let exact: Vec<f64> = grid.iter().map(|w| w * f64::from(n) / total).collect();
        if exact
            .iter()
            .all(|e| *e >= 0.5 && (e - e.round()).abs() < 0.02)
        {
            return exact.iter().map(|e| e.round() as u32).collect();
        }
    }
    grid.iter()
        .map(|w| ((w * 100.0 / total).round() as u32).max(1))
        .collect()
}

/// A bullet character as printed: Symbol and Wingdings private-use bullets become "•".
fn bullet(text: &str) -> String {
    let t = text.trim();
    match t {
        "-" | "–" | "+" | "*" | "•" | "o" => t.to_owned(),
        "" => "-".to_owned(),
        _ if t.chars().all(|c| ('\u{f000}'..='\u{f0ff}').contains(&c)) => "•".to_owned(),
        _ => t.to_owned(),
    }
}

impl Reader {
    fn label(&mut self, num_id: &str, ilvl: u32) -> Option<String> {
        let (abs, starts) = self.numbering.nums.get(num_id)?.clone();
        let levels = self.numbering.abstracts.get(&abs)?.clone();
        let level = levels.get(&ilvl)?.clone();
        if level.format == "bullet" {
            return Some(bullet(&level.text));
        }
        let start_of = |l: u32| {
            starts
                .get(&l)
                .copied()
                .or_else(|| levels.get(&l).map(|x| x.start))
                .unwrap_or(1)
        };
        let key = format!("{num_id}/{abs}");
        let counters = self.counters.entry(key).or_default();
        let depth = usize::try_from(ilvl).unwrap_or(0).min(8);
        while counters.len() <= depth {
            let l = u32::try_from(counters.len()).unwrap_or(0);
            counters.push(start_of(l).saturating_sub(1));
        }
        counters[depth] = counters[depth].saturating_add(1);
        for (l, c) in counters.iter_mut().enumerate().skip(depth + 1) {
            *c = start_of(u32::try_from(l).unwrap_or(0)).saturating_sub(1);
        }
        let mut text = level.text.clone();
        for l in 0..=depth {
            let fmt = levels
                .get(&u32::try_from(l).unwrap_or(0))
                .map(|x| x.format.clone())
                .unwrap_or_default();
            let value = counters.get(l).copied().unwrap_or(1).max(1);
            text = text.replace(&format!("%{}", l + 1), &format_number(&fmt, value));
        }
        Some(text)
    }

    fn block_children(&mut self, parent: Node, out: &mut Vec<Item>, depth: usize) {
        if depth > 32 {
            return;
        }
        for n in parent.children().filter(Node::is_element) {
            if is(&n, "p") {
                out.extend(self.paragraph(n, false).into_iter().map(Item::Para));
            } else if is(&n, "tbl") {
                let t = self.table(n, depth);
                // A one-cell table (a frame around text) is read as its paragraphs.
                out.push(Item::Table(t));
            } else if is(&n, "sdt") {
                if let Some(c) = child(n, "sdtContent") {
                    self.block_children(c, out, depth + 1);
                }
            } else if is(&n, "customXml") {
                self.block_children(n, out, depth + 1);
            }
        }
    }

    fn table(&mut self, tbl: Node, depth: usize) -> Table {
        let mut rows = Vec::new();
        let origin = Origin {
            page: None,
            paragraph: self.paragraph + 1,
        };
        let mut spans: Vec<Vec<u32>> = Vec::new();
        let mut header_rows = 0u32;
        let mut in_header = true;
        let grid: Vec<f64> = child(tbl, "tblGrid")
            .map(|g| {
                g.children()
                    .filter(|c| is(c, "gridCol"))
                    .map(|c| attr(c, "w").and_then(|w| w.parse().ok()).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        for tr in tbl.children().filter(|c| is(c, "tr")) {
            let mut row: Vec<Cell> = Vec::new();
            let mut row_spans: Vec<u32> = Vec::new();
            let header = child(tr, "trPr").is_some_and(|p| on(child(p, "tblHeader")) == Some(true));
            if in_header && header {
                header_rows += 1;
            } else {
                in_header = false;
            }
            for tc in tr.children().filter(|c| is(c, "tc")) {
                let props = child(tc, "tcPr");
                let span = props
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| attr(g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let continued = props
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|v| attr(v, "val").is_none_or(|x| x == "continue"));
                let mut cell: Cell = Vec::new();
                for n in tc.children().filter(Node::is_element) {
                    if is(&n, "p") {
                        cell.extend(self.paragraph(n, true));
                    } else if is(&n, "tbl") && depth < 8 {
                        // A nested table: its paragraphs, in order. A row of "- …" lines
                        // beside one short label is a bracketed group of Nơi nhận.
                        let inner = self.table(n, depth + 1);
                        for r in inner.rows {
                            let is_bracket = r.len() == 2
                                && !r[0].is_empty()
                                && r[0].iter().all(|p| p.text().trim_start().starts_with('-'))
                                && r[1].len() == 1
                                && r[1][0].text().chars().count() <= 40;
                            if is_bracket {
                                let label = r[1][0].text().trim().to_owned();
                                let mut members = r.into_iter().next().unwrap_or_default();
                                for p in &mut members {
                                    p.group = Some(label.clone());
                                }
                                cell.extend(members);
                            } else {
                                for c in r {
                                    cell.extend(c);
                                }
                            }
                        }
                    }
                }
                if continued {
                    cell.clear();
                }
                row.push(cell);
                row_spans.push(u32::try_from(span).unwrap_or(1));
                for _ in 1..span {
                    row.push(Vec::new());
                    row_spans.push(0);
                }
            }
            rows.push(row);
            spans.push(row_spans);
        }
        Table {
            rows,
            origin,
            spans,
            widths: relative_widths(&grid),
            header_rows: (header_rows > 0).then_some(header_rows),
        }
    }

    /// A paragraph; in a table cell, line breaks split it into lines (the header's names).
    fn paragraph(&mut self, p: Node, in_cell: bool) -> Vec<Para> {
        self.paragraph += 1;
        let origin = Origin {
            page: None,
            paragraph: self.paragraph,
        };
        let ppr = child(p, "pPr");
        let style_id = ppr
            .and_then(|x| child(x, "pStyle"))
            .and_then(|s| attr(s, "val"));
        let style = self.styles.resolved(style_id);
        let para_run = RunProps::read(ppr.and_then(|x| child(x, "rPr")));
        let _ = para_run;
        let align = align_of(ppr).or(style.align).unwrap_or_default();
        let num = num_of(ppr).or(style.num.clone());
        let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
        if let Some((id, lvl)) = num
            && id != "0"
            && let Some(label) = self.label(&id, lvl)
            && !label.is_empty()
        {
            lines[0].push(Span::plain(format!("{label} ")));
        }
        self.runs(p, &style.run, &mut lines, in_cell, 0);
        lines
            .into_iter()
            .filter(|spans| !spans.is_empty() || !in_cell)
            .map(|spans| Para {
                spans,
                origin,
                line: false,
                room: None,
                indent: None,
                align,
                column: None,
                group: None,
            })
            .collect()
    }

    fn runs(
        &self,
        parent: Node,
        base: &RunProps,
        lines: &mut Vec<Vec<Span>>,
        in_cell: bool,
        depth: usize,
    ) {
        if depth > 16 {
            return;
        }
        for n in parent.children().filter(Node::is_element) {
            if is(&n, "r") {
                let rpr = child(n, "rPr");
                let rstyle = rpr
                    .and_then(|r| child(r, "rStyle"))
                    .and_then(|s| attr(s, "val"))
                    .and_then(|id| self.styles.styles.get(id))
                    .map(|s| s.run.clone())
                    .unwrap_or_default();
                let props = RunProps::read(rpr).over(&rstyle.over(base));
                for c in n.children().filter(Node::is_element) {
                    let text = if is(&c, "t") {
                        c.text().unwrap_or("").to_owned()
                    } else if is(&c, "tab") {
                        " ".to_owned()
                    } else if is(&c, "br") || is(&c, "cr") {
                        if in_cell {
                            lines.push(Vec::new());
                            continue;
                        }
                        " ".to_owned()
                    } else if is(&c, "noBreakHyphen") {
                        "-".to_owned()
                    } else if is(&c, "sym") {
                        attr(c, "char")
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32)
                            .map(|ch| bullet(&ch.to_string()))
                            .unwrap_or_default()
                    } else {
                        continue;
                    };
                    let text = if props.caps == Some(true) {
                        text.to_uppercase()
                    } else {
                        text
                    };
                    if let Some(line) = lines.last_mut() {
                        line.push(Span {
                            text,
                            bold: props.bold == Some(true),
                            italic: props.italic == Some(true),
                        });
                    }
                }
            } else if is(&n, "hyperlink")
                || is(&n, "ins")
                || is(&n, "smartTag")
                || is(&n, "fldSimple")
                || is(&n, "customXml")
                || is(&n, "sdt")
                || is(&n, "sdtContent")
            {
                self.runs(n, base, lines, in_cell, depth + 1);
            }
        }
    }
}
