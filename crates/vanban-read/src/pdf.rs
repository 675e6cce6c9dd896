//! The text layer of a born-digital PDF, read with `lopdf`: each page's content stream is
//! interpreted just enough to know where every piece of text stands (text and transformation
//! matrices, fonts with their widths and ToUnicode maps), then pieces are put back into lines,
//! lines into columns where the page sets text side by side (the page-1 header, Nơi nhận
//! beside the signer), and rows of a task table into table cells.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use lopdf::{Dictionary, Document as Pdf, Object};
use vanban_core::Span;

use crate::content::Operand;
use crate::grid::{Grid, Rule};
use crate::source::{Cell, Item, Para, Table};
use crate::{Origin, ReadError};

/// Largest decompressed content of one page.
const MAX_CONTENT: usize = 32 * 1024 * 1024;
/// Most operations interpreted on one page.
const MAX_OPS: usize = 2_000_000;

#[derive(Debug, Clone)]
struct Piece {
    x: f32,
    x_end: f32,
    y: f32,
    size: f32,
    text: String,
    bold: bool,
    italic: bool,
}

struct FontInfo<'a> {
    encoding: Option<lopdf::Encoding<'a>>,
    two_byte: bool,
    widths: Widths,
    default_width: f32,
    bold: bool,
    italic: bool,
    /// Strings already decoded.
    memo: RefCell<HashMap<Vec<u8>, String>>,
}

/// Glyph widths by character code: a table indexed by the code (codes are one or two bytes),
/// looked up for every glyph shown.
#[derive(Default)]
struct Widths {
    table: Vec<f32>,
    count: usize,
}

impl Widths {
    fn insert(&mut self, code: u32, width: f32) {
        let Ok(i) = usize::try_from(code) else { return };
        if i > 0xFFFF {
            return;
        }
        if self.table.len() <= i {
            self.table.resize(i + 1, f32::NAN);
        }
        if self.table[i].is_nan() {
            self.count += 1;
        }
        self.table[i] = width;
    }

    fn get(&self, code: u32) -> Option<f32> {
        let w = *self.table.get(usize::try_from(code).ok()?)?;
        (!w.is_nan()).then_some(w)
    }

    fn len(&self) -> usize {
        self.count
    }
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Pdf, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn font_info<'a>(doc: &'a Pdf, font: &'a Dictionary) -> FontInfo<'a> {
    let base = font
        .get(b"BaseFont")
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).to_lowercase())
        .unwrap_or_default();
    let subtype = font
        .get(b"Subtype")
        .ok()
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    let two_byte = subtype == b"Type0";
    let mut widths = Widths::default();
    let mut default_width = 500.0;
    let mut descriptor: Option<&Dictionary> = font
        .get(b"FontDescriptor")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    if two_byte {
        default_width = 1000.0;
        let desc = font
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(d) = desc {
            if let Some(dw) = d.get(b"DW").ok().and_then(num) {
                default_width = dw;
            }
            descriptor = d
                .get(b"FontDescriptor")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
                .or(descriptor);
            if let Some(w) = d
                .get(b"W")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
            {
                let mut i = 0;
                while i < w.len() && widths.len() < 70_000 {
                    let Some(first) = num(deref(doc, &w[i])) else {
                        break;
                    };
                    match w.get(i + 1).map(|o| deref(doc, o)) {
                        Some(Object::Array(list)) => {
                            for (k, v) in list.iter().enumerate().take(70_000) {
                                if let Some(v) = num(deref(doc, v)) {
                                    widths.insert((first as u32).saturating_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let (Some(last), Some(v)) =
                                (num(last), w.get(i + 2).and_then(|o| num(deref(doc, o))))
                            else {
                                break;
                            };
                            let (a, b) = (first as u32, last as u32);
                            for c in a..=b.min(a.saturating_add(70_000)) {
                                widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    } else {
        let first = font.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
        if let Some(w) = font
            .get(b"Widths")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            for (k, v) in w.iter().enumerate().take(256) {
                if let Some(v) = num(deref(doc, v)) {
                    widths.insert(first.saturating_add(k as u32), v);
                }
            }
        }
        if let Some(mw) = descriptor
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(num)
        {
            default_width = mw;
        }
    }
    let weight = descriptor
        .and_then(|d| d.get(b"FontWeight").ok())
        .and_then(num)
        .unwrap_or(400.0);
    let flags = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(num)
        .unwrap_or(0.0) as u32;
    let italic_angle = descriptor
        .and_then(|d| d.get(b"ItalicAngle").ok())
        .and_then(num)
        .unwrap_or(0.0);
    FontInfo {
        encoding: font.get_font_encoding(doc).ok(),
        two_byte,
        widths,
        default_width,
        bold: base.contains("bold") || weight >= 600.0 || flags & (1 << 18) != 0,
        italic: base.contains("italic")
            || base.contains("oblique")
            || italic_angle != 0.0
            || flags & (1 << 6) != 0,
        memo: RefCell::new(HashMap::new()),
    }
}

type Matrix = [f32; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

#[derive(Clone)]
struct State {
    ctm: Matrix,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    font: Option<Vec<u8>>,
    size: f32,
}

impl FontInfo<'_> {
    /// Appends the text of a string shown in this font. Strings are decoded once per font:
    /// the same words and glyph runs come back all through a document.
    fn decode_into(&self, bytes: &[u8], out: &mut String) {
        let mut memo = self.memo.borrow_mut();
        if let Some(s) = memo.get(bytes) {
            out.push_str(s);
            return;
        }
        let s = decode(self, bytes);
        out.push_str(&s);
        if memo.len() < 100_000 {
            memo.insert(bytes.to_vec(), s);
        }
    }
}

fn decode(font: &FontInfo, bytes: &[u8]) -> String {
    match &font.encoding {
        Some(e) => e
            .bytes_to_string(bytes)
            .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned()),
        None => bytes
            .iter()
            .map(|b| char::from(*b))
            .filter(|c| !c.is_control())
            .collect(),
    }
}

/// Text advance of a string in text space units (before the text matrix).
fn advance(font: &FontInfo, bytes: &[u8], st: &State) -> f32 {
    let mut w = 0.0;
    let step = if font.two_byte { 2 } else { 1 };
    for code in bytes.chunks(step) {
        let c = if step == 2 && code.len() == 2 {
            u32::from(code[0]) << 8 | u32::from(code[1])
        } else {
            u32::from(code[0])
        };
        let gw = font.widths.get(c).unwrap_or(font.default_width);
        w += gw / 1000.0 * st.size + st.char_space;
        if step == 1 && c == 32 {
            w += st.word_space;
        }
    }
    w * st.scale
}

/// Fonts already read, by the address of their dictionary: pages share their fonts, and a
/// font's ToUnicode map and widths are read once.
type FontCache<'a> = HashMap<usize, Rc<FontInfo<'a>>>;

/// A path being built: its straight segments and thin rectangles so far, in page space.
#[derive(Default)]
struct Path {
    start: (f32, f32),
    at: (f32, f32),
    segments: Vec<[(f32, f32); 2]>,
    rects: Vec<[f32; 4]>,
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Most path segments kept on one page.
const MAX_SEGMENTS: usize = 20_000;

/// The text pieces and the ruling lines of a page.
fn page_pieces<'a>(
    doc: &'a Pdf,
    page_id: lopdf::ObjectId,
    cache: &mut FontCache<'a>,
) -> (Vec<Piece>, Vec<Rule>) {
    let mut pieces = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    let mut path = Path::default();
    let fonts: BTreeMap<Vec<u8>, &Dictionary> = doc.get_page_fonts(page_id).unwrap_or_default();
    let infos: HashMap<Vec<u8>, Rc<FontInfo>> = fonts
        .iter()
        .map(|(name, f)| {
            let key = std::ptr::from_ref::<Dictionary>(f) as usize;
            let info = cache
                .entry(key)
                .or_insert_with(|| Rc::new(font_info(doc, f)))
                .clone();
            (name.clone(), info)
        })
        .collect();
    let Ok(content) = doc.get_page_content_with_limit(page_id, MAX_CONTENT) else {
        return (pieces, rules);
    };
    let mut st = State {
        ctm: IDENTITY,
        char_space: 0.0,
        word_space: 0.0,
        scale: 1.0,
        leading: 0.0,
        font: None,
        size: 12.0,
    };
    let mut stack: Vec<State> = Vec::new();
    let mut tm = IDENTITY;
    let mut tlm = IDENTITY;
    crate::content::operations(&content, MAX_OPS, |operator, o| {
        let f = |i: usize| o.get(i).and_then(Operand::number).unwrap_or(0.0);
        match operator {
            b"q" if stack.len() < 256 => stack.push(st.clone()),
            b"q" => {}
            b"Q" => {
                if let Some(s) = stack.pop() {
                    st = s;
                }
            }
            b"cm" => st.ctm = mul(&[f(0), f(1), f(2), f(3), f(4), f(5)], &st.ctm),
            // Paths: straight lines and rectangles are kept; a painted one may be a border.
            b"m" => {
                path.at = apply(&st.ctm, f(0), f(1));
                path.start = path.at;
            }
            b"l" => {
                let to = apply(&st.ctm, f(0), f(1));
                if path.segments.len() < MAX_SEGMENTS {
                    path.segments.push([path.at, to]);
                }
                path.at = to;
            }
            b"c" => path.at = apply(&st.ctm, f(4), f(5)),
            b"v" | b"y" => path.at = apply(&st.ctm, f(2), f(3)),
            b"h" => {
                if path.segments.len() < MAX_SEGMENTS {
                    path.segments.push([path.at, path.start]);
                }
                path.at = path.start;
            }
            b"re" => {
                let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                let corners = [
                    apply(&st.ctm, x, y),
                    apply(&st.ctm, x + w, y),
                    apply(&st.ctm, x + w, y + h),
                    apply(&st.ctm, x, y + h),
                ];
                if path.rects.len() < MAX_SEGMENTS {
                    let (xs, ys) = (corners.map(|c| c.0), corners.map(|c| c.1));
                    let lo = |v: [f32; 4]| v.iter().copied().fold(f32::INFINITY, f32::min);
                    let hi = |v: [f32; 4]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    path.rects
                        .push([lo(xs), lo(ys), hi(xs) - lo(xs), hi(ys) - lo(ys)]);
                }
                path.at = corners[0];
                path.start = corners[0];
            }
            _ if rules.len() >= MAX_SEGMENTS && matches!(operator, b"S" | b"s" | b"f" | b"F") => {
                path = Path::default();
            }
            b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" => {
                // Stroked: every straight segment and every rectangle's sides.
                for [a, b] in path.segments.drain(..) {
                    rules.extend(Rule::between(a.0, a.1, b.0, b.1));
                }
                for [x, y, w, h] in path.rects.drain(..) {
                    if let Some(line) = Rule::filled(x, y, w, h) {
                        rules.push(line);
                    } else {
                        rules.extend(Rule::between(x, y, x + w, y));
                        rules.extend(Rule::between(x, y + h, x + w, y + h));
                        rules.extend(Rule::between(x, y, x, y + h));
                        rules.extend(Rule::between(x + w, y, x + w, y + h));
                    }
                }
                path = Path::default();
            }
            b"f" | b"F" | b"f*" => {
                // Filled: only rectangles thin enough to be lines (Word's borders).
                for [x, y, w, h] in path.rects.drain(..) {
                    rules.extend(Rule::filled(x, y, w, h));
                }
                path = Path::default();
            }
            b"n" => path = Path::default(),
            b"BT" => {
                tm = IDENTITY;
                tlm = IDENTITY;
            }
            b"Tf" => {
                st.font = match o.first() {
                    Some(Operand::Name(n)) => Some(n.to_vec()),
                    _ => None,
                };
                st.size = f(1);
            }
            b"Tc" => st.char_space = f(0),
            b"Tw" => st.word_space = f(0),
            b"Tz" => st.scale = f(0) / 100.0,
            b"TL" => st.leading = f(0),
            b"Td" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                tm = tlm;
            }
            b"TD" => {
                st.leading = -f(1);
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                tm = tlm;
            }
            b"Tm" => {
                tlm = [f(0), f(1), f(2), f(3), f(4), f(5)];
                tm = tlm;
            }
            b"T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                tm = tlm;
            }
            b"Tj" | b"TJ" | b"'" | b"\"" => {
                if matches!(operator, b"'" | b"\"") {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                }
                let Some(info) = st.font.as_ref().and_then(|n| infos.get(n)) else {
                    return;
                };
                let parts: &[Operand] = match operator {
                    b"TJ" => match o.first() {
                        Some(Operand::Array(a)) => a,
                        _ => &[],
                    },
                    b"\"" => o.get(2).map(std::slice::from_ref).unwrap_or_default(),
                    _ => o.first().map(std::slice::from_ref).unwrap_or_default(),
                };
                let m = mul(&tm, &st.ctm);
                let start = (m[4], m[5]);
                let vscale = (m[2] * m[2] + m[3] * m[3]).sqrt();
                let mut text = String::new();
                for part in parts {
                    match part {
                        Operand::Str(bytes) => {
                            info.decode_into(bytes, &mut text);
                            let adv = advance(info, bytes, &st);
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
                        }
                        Operand::Number(n) => {
                            let n = *n;
                            let adv = -n / 1000.0 * st.size * st.scale;
                            // A large negative kern stands for a space.
                            if n < -200.0 && !text.ends_with(' ') {
                                text.push(' ');
                            }
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], &tm);
                        }
                        _ => {}
                    }
                }
                let end = mul(&tm, &st.ctm);
                if text.chars().any(char::is_control) {
                    text.retain(|c| !c.is_control());
                }
                if !text.trim().is_empty() {
                    pieces.push(Piece {
                        x: start.0,
                        x_end: end[4].max(start.0),
                        y: start.1,
                        size: (st.size * vscale).abs().max(1.0),
                        text,
                        bold: info.bold,
                        italic: info.italic,
                    });
                }
            }
            _ => {}
        }
    });
    (pieces, rules)
}

/// A line: pieces on one baseline, split into segments at wide gaps.
struct Line {
    y: f32,
    size: f32,
    segments: Vec<Vec<Piece>>,
}

fn seg_x(s: &[Piece]) -> f32 {
    s.first().map(|p| p.x).unwrap_or(0.0)
}

fn seg_end(s: &[Piece]) -> f32 {
    s.iter().map(|p| p.x_end).fold(0.0, f32::max)
}

fn lines_of(mut pieces: Vec<Piece>) -> Vec<Line> {
    pieces.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let mut cur_y = f32::NAN;
    let flush = |current: &mut Vec<Piece>, lines: &mut Vec<Line>| {
        if current.is_empty() {
            return;
        }
        current.sort_by(|a, b| a.x.total_cmp(&b.x));
        let size = current.iter().map(|p| p.size).fold(0.0, f32::max);
        let y = current[0].y;
        let mut segments: Vec<Vec<Piece>> = Vec::new();
        for p in current.drain(..) {
            match segments.last_mut() {
                Some(seg) if p.x - seg_end(seg) < 1.5 * size => seg.push(p),
                _ => segments.push(vec![p]),
            }
        }
        lines.push(Line { y, size, segments });
    };
    for p in pieces {
        if !cur_y.is_nan() && (p.y - cur_y).abs() > p.size.max(1.0) * 0.4 {
            flush(&mut current, &mut lines);
        }
        if current.is_empty() {
            cur_y = p.y;
        }
        current.push(p);
    }
    flush(&mut current, &mut lines);
    lines
}

fn spans_of(seg: &[Piece]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut prev_end: Option<f32> = None;
    for p in seg {
        let gap = prev_end.map(|e| p.x - e).unwrap_or(0.0);
        let mut text = String::new();
        if prev_end.is_some() && gap > 0.15 * p.size {
            text.push(' ');
        }
        text.push_str(&p.text);
        prev_end = Some(p.x_end);
        match spans.last_mut() {
            Some(s) if s.bold == p.bold && s.italic == p.italic => s.text.push_str(&text),
            _ => spans.push(Span {
                text,
                bold: p.bold,
                italic: p.italic,
            }),
        }
    }
    spans
}

fn seg_text(seg: &[Piece]) -> String {
    spans_of(seg).iter().map(|s| s.text.as_str()).collect()
}

/// A table's header: its columns' left boundaries and how many lines it takes. A header is a
/// few lines whose text names "STT" and either a task table's columns (nhiệm vụ, chủ trì) or a
/// list of documents (văn bản). Header cells are centred, so a column boundary is taken right
/// after the previous header text ends.
fn table_header(lines: &[Line], at: usize) -> Option<(Vec<f32>, usize)> {
    let first = lines.get(at)?;
    // Cheap test first: this runs on every line.
    if first.segments.len() < 2
        || !first.segments.iter().any(|s| {
            s.iter()
                .any(|p| p.text.contains("TT") || p.text.contains("ST"))
        })
    {
        return None;
    }
    let window: Vec<&Line> = lines.iter().skip(at).take(4).collect();
    let text_of = |l: &Line| {
        l.segments
            .iter()
            .map(|s| seg_text(s))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let first_text = text_of(first);
    let starts_with_number = |l: &Line| {
        l.segments.first().is_some_and(|s| {
            let t = seg_text(s);
            let w = t
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('.');
            !w.is_empty()
                && (w
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                    || w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
        })
    };
    // The header's lines: until a row number starts a line.
    let mut n = 1;
    while n < window.len() && !starts_with_number(window[n]) && window[n].segments.len() > 1 {
        n += 1;
    }
    let all: String = window[..n]
        .iter()
        .map(|l| text_of(l))
        .collect::<Vec<_>>()
        .join(" ");
    let lower = all.to_lowercase();
    let compact = all.replace(' ', "");
    let is_tasks = lower.contains("chủ trì") && lower.contains("nhiệm vụ");
    let is_documents = lower.contains("văn bản") && n <= 2 && first.segments.len() == 2;
    if !(compact.contains("STT") || first_text.contains("TT")) || !(is_tasks || is_documents) {
        return None;
    }
    // Clusters of header text by horizontal overlap: (start, end).
    let mut spans: Vec<(f32, f32)> = window[..n]
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| (seg_x(s), seg_end(s))))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut clusters: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match clusters.last_mut() {
            Some(c) if x0 <= c.1 + first.size * 0.5 => c.1 = c.1.max(x1),
            _ => clusters.push((x0, x1)),
        }
    }
    if clusters.len() < 2 {
        return None;
    }
    // A column's text starts after the previous header's text ends: narrow columns (STT)
    // are filled by their header, wide ones start well left of their centred header.
    let mut cols = vec![f32::NEG_INFINITY];
    for w in clusters.windows(2) {
        cols.push(w[0].1 + 1.0);
    }
    Some((cols, n))
}

fn column_of(cols: &[f32], x: f32, _size: f32) -> usize {
    let mut best = 0;
    for (i, c) in cols.iter().enumerate() {
        if x >= *c {
            best = i;
        }
    }
    best
}

/// Adds a line's text to a table cell: a line starting with "-" or "+" starts a paragraph,
/// other lines go on with the cell's last paragraph.
fn push_cell_line(cell: &mut Cell, p: Para) {
    let t = p.text();
    let starts_item = t.trim_start().starts_with("- ") || t.trim_start().starts_with("+ ");
    match cell.last_mut() {
        Some(last) if !starts_item => {
            last.spans.push(Span::plain(" "));
            last.spans.extend(p.spans);
        }
        _ => cell.push(p),
    }
}

/// The items of a PDF.
pub fn items(bytes: &[u8]) -> Result<Vec<Item>, ReadError> {
    let doc = Pdf::load_mem(bytes).map_err(|e| ReadError::Pdf(e.to_string()))?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ReadError::Pdf("không có trang nào".into()));
    }
    let mut out: Vec<Item> = Vec::new();
    let mut any_text = false;
    let mut line_no = 0u32;
    // An open table continues across pages.
    let mut table: Option<(Vec<f32>, Table, Vec<String>)> = None;
    let mut fonts = FontCache::new();
    // The last bordered table: where it is in `out` and its column boundaries.
    let mut last_grid: Option<(usize, Vec<f32>)> = None;
    for (page_no, page_id) in pages {
        let (pieces, rules) = page_pieces(&doc, page_id, &mut fonts);
        if pieces.is_empty() {
            continue;
        }
        any_text = true;
        // Tables drawn with borders take the text inside them; the rest is read as lines.
        let grids: Vec<Grid> = crate::grid::grids(&rules);
        let mut in_grid: Vec<Vec<Piece>> = vec![Vec::new(); grids.len()];
        let mut outside: Vec<Piece> = Vec::new();
        for p in pieces {
            match grids.iter().position(|g| g.contains(p.x + 0.5, p.y)) {
                Some(g) => in_grid[g].push(p),
                None => outside.push(p),
            }
        }
        let mut pending: Vec<(Grid, Vec<Piece>)> = grids
            .into_iter()
            .zip(in_grid)
            .filter(|(_, p)| !p.is_empty())
            .collect();
        pending.reverse();
        let lines = lines_of(outside);
        // The page's text block: its left edge and right margin.
        let right = {
            let mut ends: Vec<f32> = lines
                .iter()
                .filter_map(|l| l.segments.last().map(|s| seg_end(s)))
                .collect();
            ends.sort_by(f32::total_cmp);
            ends.get(ends.len() * 9 / 10).copied().unwrap_or(0.0)
        };
        let left = lines
            .iter()
            .filter_map(|l| l.segments.first().map(|s| seg_x(s)))
            .fold(f32::INFINITY, f32::min);
        let mid = (left + right) / 2.0;
        let bottom_y = lines.last().map(|l| l.y).unwrap_or(0.0);
        let mut i = 0;
        while i < lines.len() || !pending.is_empty() {
            line_no += 1;
            let origin = Origin {
                page: Some(page_no),
                paragraph: line_no,
            };
            // A bordered table above the next line comes first.
            if pending
                .last()
                .is_some_and(|(g, _)| lines.get(i).is_none_or(|l| g.top() > l.y))
                && let Some((g, cell_pieces)) = pending.pop()
            {
                if let Some((_, t, _)) = table.take() {
                    out.push(Item::Table(t));
                }
                push_grid_table(&mut out, &mut last_grid, &g, cell_pieces, origin);
                continue;
            }
            let l = &lines[i];
            let text: String = l
                .segments
                .iter()
                .map(|s| seg_text(s))
                .collect::<Vec<_>>()
                .join(" ");
            let t = text.trim();
            // Page numbers: a lone number at the top or bottom of the page.
            if t.len() <= 4
                && t.bytes().all(|b| b.is_ascii_digit())
                && (i == 0 || l.y <= bottom_y + 0.5)
                && page_no > 1
            {
                i += 1;
                continue;
            }
            // A task table: its header, then rows until the text leaves the columns.
            if let Some((cols, n)) = table_header(&lines, i) {
                let header: Vec<String> = {
                    let mut h = vec![String::new(); cols.len()];
                    for hl in &lines[i..i + n] {
                        for s in &hl.segments {
                            let c = column_of(&cols, seg_x(s), hl.size);
                            h[c].push(' ');
                            h[c].push_str(&seg_text(s));
                        }
                    }
                    h
                };
                match &table {
                    Some((_, _, h)) if *h == header => {}
                    _ => {
                        if let Some((_, t, _)) = table.take() {
                            out.push(Item::Table(t));
                        }
                        let header_row: Vec<Cell> = header
                            .iter()
                            .map(|h| vec![Para::line(h.trim(), origin)])
                            .collect();
                        table = Some((
                            cols,
                            Table {
                                rows: vec![header_row],
                                origin,
                                ..Table::default()
                            },
                            header,
                        ));
                    }
                }
                i += n;
                continue;
            }
            if let Some((cols, t, _)) = table.as_mut() {
                // A line in the table: its segments go to their columns; a number in the first
                // column starts a row.
                let starts_row = l.segments.first().is_some_and(|s| {
                    column_of(cols, seg_x(s), l.size) == 0
                        && seg_text(s).trim().split('.').all(|p| {
                            !p.is_empty()
                                && p.chars()
                                    .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'))
                        })
                });
                let inside = l.segments.iter().all(|s| seg_x(s) + l.size >= cols[0])
                    && (l.segments.len() > 1
                        || starts_row
                        || column_of(cols, seg_x(&l.segments[0]), l.size) > 0
                        || seg_x(&l.segments[0]) > cols.get(1).copied().unwrap_or(0.0) - l.size);
                if inside {
                    if starts_row || t.rows.len() == 1 {
                        t.rows.push(vec![Vec::new(); cols.len()]);
                    }
                    if let Some(row) = t.rows.last_mut() {
                        for s in &l.segments {
                            // A segment spanning several columns (a group title) stays whole
                            // in the column it starts in.
                            let mut c = column_of(cols, seg_x(s), l.size);
                            let mut pieces: Vec<Piece> = Vec::new();
                            for p in s {
                                let pc = column_of(cols, p.x, l.size);
                                if pc != c && !pieces.is_empty() {
                                    push_cell_line(&mut row[c], para_of(&pieces, origin, false));
                                    pieces.clear();
                                }
                                c = pc;
                                pieces.push(p.clone());
                            }
                            if !pieces.is_empty() {
                                push_cell_line(&mut row[c], para_of(&pieces, origin, false));
                            }
                        }
                    }
                    i += 1;
                    continue;
                }
                if let Some((_, t, _)) = table.take() {
                    out.push(Item::Table(t));
                }
            }
            // Ordinary lines; two segments far apart are two columns.
            let two_columns = l.segments.len() > 1;
            for (si, s) in l.segments.iter().enumerate() {
                let mut p = para_of(s, origin, true);
                let end = seg_end(s);
                p.room = Some(((right - end) / l.size.max(1.0)).max(0.0));
                p.indent = Some(((seg_x(s) - left) / l.size.max(1.0)).max(0.0));
                let centred = ((seg_x(s) + end) / 2.0 - mid).abs() < 2.0 * l.size
                    && seg_x(s) > left + 2.0 * l.size;
                if centred {
                    p.align = crate::source::Align::Center;
                }
                if two_columns || seg_x(s) > mid + l.size {
                    p.column = Some(u8::from(si > 0 || seg_x(s) > mid - l.size));
                }
                if two_columns {
                    p.room = Some(f32::MAX);
                }
                out.push(Item::Para(p));
            }
            i += 1;
        }
        // A table ends where its page ends unless the next page repeats its header.
        if let Some((_, t, _)) = table.as_ref()
            && t.rows.len() > 1
        {
            // Kept open: the next page decides.
        }
    }
    if let Some((_, t, _)) = table.take() {
        out.push(Item::Table(t));
    }
    if !any_text {
        return Err(ReadError::ScannedPdf);
    }
    Ok(out)
}

/// A bordered table's text put in its cells: each cell's pieces become lines, and lines
/// paragraphs as in any table cell.
fn grid_table(grid: &Grid, pieces: Vec<Piece>, origin: Origin) -> Table {
    let (rows, cols) = (grid.rows(), grid.columns());
    let mut places: Vec<Vec<Vec<Piece>>> = vec![vec![Vec::new(); cols]; rows];
    for p in pieces {
        if let Some((r, c)) = grid.cell_at(p.x + 0.5, p.y) {
            places[r][c].push(p);
        }
    }
    let mut table = Table {
        origin,
        ..Table::default()
    };
    for (row, spans) in places.into_iter().zip(grid.spans()) {
        let cells: Vec<Cell> = row
            .into_iter()
            .map(|pieces| {
                let mut cell = Cell::new();
                for line in lines_of(pieces) {
                    for seg in &line.segments {
                        push_cell_line(&mut cell, para_of(seg, origin, false));
                    }
                }
                cell
            })
            .collect();
        // A band with no text at all (two borders drawn close together) is no row.
        if cells.iter().all(Vec::is_empty) {
            continue;
        }
        table.rows.push(cells);
        table.spans.push(spans);
    }
    table
}

fn row_text(row: &[Cell]) -> Vec<String> {
    row.iter()
        .map(|c| c.iter().map(Para::text).collect::<Vec<_>>().join(" "))
        .collect()
}

/// Puts a bordered table out, or, when it goes on with the table just put out (the next page
/// of it: same columns, nothing between), adds its rows to that table: a header row repeated
/// at the top of the page is dropped, and a first row without its number is the rest of the
/// row the page broke.
fn push_grid_table(
    out: &mut Vec<Item>,
    last: &mut Option<(usize, Vec<f32>)>,
    grid: &Grid,
    pieces: Vec<Piece>,
    origin: Origin,
) {
    let mut next = grid_table(grid, pieces, origin);
    if next.rows.is_empty() {
        return;
    }
    let same_columns = |xs: &[f32]| {
        xs.len() == grid.xs.len() && xs.iter().zip(&grid.xs).all(|(a, b)| (a - b).abs() <= 3.0)
    };
    if let Some((at, xs)) = last.as_ref()
        && *at + 1 == out.len()
        && same_columns(xs)
        && let Some(Item::Table(prev)) = out.last_mut()
    {
        let mut rows = std::mem::take(&mut next.rows).into_iter();
        let mut spans = std::mem::take(&mut next.spans).into_iter();
        let mut first = rows.next();
        let mut first_spans = spans.next();
        if let (Some(r), Some(head)) = (&first, prev.rows.first())
            && row_text(r) == row_text(head)
        {
            first = rows.next();
            first_spans = spans.next();
        }
        if let Some(r) = first {
            let broken = r.first().is_some_and(Vec::is_empty)
                && r.len() > 1
                && prev.rows.len() > 1
                && first_spans.as_deref() == prev.spans.last().map(Vec::as_slice);
            match prev.rows.last_mut() {
                Some(last_row) if broken => {
                    for (cell, more) in last_row.iter_mut().zip(r) {
                        for p in more {
                            push_cell_line(cell, p);
                        }
                    }
                }
                _ => {
                    prev.rows.push(r);
                    prev.spans.extend(first_spans);
                }
            }
        }
        prev.rows.extend(rows);
        prev.spans.extend(spans);
        return;
    }
    out.push(Item::Table(next));
    *last = Some((out.len() - 1, grid.xs.clone()));
}

fn para_of(seg: &[Piece], origin: Origin, line: bool) -> Para {
    Para {
        spans: spans_of(seg),
        origin,
        line,
        room: None,
        indent: None,
        align: crate::source::Align::Start,
        column: None,
        group: None,
    }
}
