//! The DOCX of every seed fixture, read back and checked rule by rule against
//! `docs/decree.md`: page setup, fonts, the two-column header and its rules, title and
//! subject, the body, the closing block, page numbers, appendices and task tables.

use crate::common::*;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use roxmltree::{Document as Xml, Node};
use vanban_core::Document;
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::style::StyleSheet;

const FIXTURES: [&str; 3] = [
    "ke-hoach-lang-son-cong-dan-so-2022",
    "ke-hoach-lang-son-ngay-cds-2022",
    "ke-hoach-long-an-tuyen-truyen-cds-2025",
];
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn export(doc: &Document) -> Vec<u8> {
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(doc, &sheet, &mut metrics);
    vanban_render::docx::write(&layout, &sheet).expect("docx")
}

struct Package {
    parts: HashMap<String, String>,
}

impl Package {
    fn open(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("entry");
            let mut s = String::new();
            if f.read_to_string(&mut s).is_ok() {
                parts.insert(f.name().to_owned(), s);
            }
        }
        Package { parts }
    }

    fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
    }
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

fn wattr(node: Node, name: &str) -> Option<String> {
    node.attribute((W, name)).map(str::to_owned)
}

fn num(node: Option<Node>, attr: &str) -> Option<i64> {
    node.and_then(|n| wattr(n, attr))
        .and_then(|v| v.parse().ok())
}

/// A paragraph's properties: its style's, overridden by its own.
#[derive(Debug, Clone, Default)]
struct Props {
    size: Option<i64>,
    bold: bool,
    italic: bool,
    jc: Option<String>,
    first_line: Option<i64>,
    before: Option<i64>,
    after: Option<i64>,
    line: Option<i64>,
    font: Option<String>,
    keep_next: bool,
}

fn read_props(ppr: Option<Node>, rpr: Option<Node>, base: &Props) -> Props {
    let mut p = base.clone();
    if let Some(ppr) = ppr {
        if let Some(jc) = w(ppr, "jc") {
            p.jc = wattr(jc, "val");
        }
        if let Some(ind) = w(ppr, "ind")
            && let Some(v) = num(Some(ind), "firstLine")
        {
            p.first_line = Some(v);
        }
        if let Some(sp) = w(ppr, "spacing") {
            p.before = num(Some(sp), "before").or(p.before);
            p.after = num(Some(sp), "after").or(p.after);
            p.line = num(Some(sp), "line").or(p.line);
        }
        if w(ppr, "keepNext").is_some_and(|k| wattr(k, "val").as_deref() != Some("false")) {
            p.keep_next = true;
        }
    }
    if let Some(rpr) = rpr {
        p.size = num(w(rpr, "sz"), "val").or(p.size);
        if w(rpr, "b").is_some_and(|b| wattr(b, "val").as_deref() != Some("false")) {
            p.bold = true;
        }
        if w(rpr, "i").is_some_and(|i| wattr(i, "val").as_deref() != Some("false")) {
            p.italic = true;
        }
        if let Some(f) = w(rpr, "rFonts") {
            p.font = wattr(f, "ascii").or(p.font);
        }
    }
    p
}

struct Styles {
    by_id: HashMap<String, Props>,
    names: HashMap<String, String>,
    default: Props,
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let doc = Xml::parse(xml).expect("styles.xml");
        let root = doc.root_element();
        let defaults = w(root, "docDefaults");
        let default = read_props(
            defaults
                .and_then(|d| w(d, "pPrDefault"))
                .and_then(|d| w(d, "pPr")),
            defaults
                .and_then(|d| w(d, "rPrDefault"))
                .and_then(|d| w(d, "rPr")),
            &Props::default(),
        );
        let mut by_id = HashMap::new();
        let mut names = HashMap::new();
        for s in root.children().filter(|c| c.has_tag_name((W, "style"))) {
            let id = wattr(s, "styleId").unwrap_or_default();
            by_id.insert(id.clone(), read_props(w(s, "pPr"), w(s, "rPr"), &default));
            if let Some(name) = w(s, "name").and_then(|n| wattr(n, "val")) {
                names.insert(id, name);
            }
        }
        Styles {
            by_id,
            names,
            default,
        }
    }
}

/// A paragraph as read back: style, effective properties, text.
#[derive(Debug, Clone)]
struct Para {
    style: String,
    props: Props,
    text: String,
    /// Length of a rule drawn as a top border, from the paragraph's indents, in twips, given
    /// the width of its container.
    border_top: bool,
    indent_left: i64,
    indent_right: i64,
}

fn para(p: Node, styles: &Styles) -> Para {
    let ppr = w(p, "pPr");
    let style = ppr
        .and_then(|x| w(x, "pStyle"))
        .and_then(|s| wattr(s, "val"))
        .unwrap_or_default();
    let base = styles
        .by_id
        .get(&style)
        .cloned()
        .unwrap_or_else(|| styles.default.clone());
    let props = read_props(ppr, None, &base);
    let mut text = String::new();
    for r in p.children().filter(|c| c.has_tag_name((W, "r"))) {
        for c in r.children() {
            if c.has_tag_name((W, "t")) {
                text.push_str(c.text().unwrap_or(""));
            } else if c.has_tag_name((W, "br")) {
                text.push('\n');
            }
        }
    }
    let border_top = ppr
        .and_then(|x| w(x, "pBdr"))
        .and_then(|b| w(b, "top"))
        .is_some();
    let ind = ppr.and_then(|x| w(x, "ind"));
    Para {
        style,
        props,
        text,
        border_top,
        indent_left: num(ind, "left").or(num(ind, "start")).unwrap_or(0),
        indent_right: num(ind, "right").or(num(ind, "end")).unwrap_or(0),
    }
}

fn cell_width(tc: Node) -> i64 {
    num(w(tc, "tcPr").and_then(|p| w(p, "tcW")), "w").expect("cell width")
}

fn cells<'a>(tr: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
    tr.children()
        .filter(|c| c.has_tag_name((W, "tc")))
        .collect()
}

fn rows<'a>(tbl: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
    tbl.children()
        .filter(|c| c.has_tag_name((W, "tr")))
        .collect()
}

fn paras<'a>(node: Node<'a, 'a>, styles: &Styles) -> Vec<Para> {
    node.children()
        .filter(|c| c.has_tag_name((W, "p")))
        .map(|p| para(p, styles))
        .collect()
}

const TWIPS_PER_MM: f64 = 56.692_913;

fn mm(twips: i64) -> f64 {
    twips as f64 / TWIPS_PER_MM
}

/// Everything the checks below need from one exported fixture.
struct Exported {
    name: &'static str,
    doc: Document,
    pkg: Package,
}

fn exported() -> Vec<Exported> {
    fixtures()
        .into_iter()
        .map(|name| {
            let doc = fixture(name);
            let pkg = Package::open(&export(&doc));
            Exported { name, doc, pkg }
        })
        .collect()
}

fn body<'a>(xml: &'a Xml<'a>) -> Node<'a, 'a> {
    w(xml.root_element(), "body").expect("w:body")
}

/// The section properties in order: those inside paragraphs (ending a section), then the
/// body's last one.
fn sections<'a>(xml: &'a Xml<'a>) -> Vec<Node<'a, 'a>> {
    xml.descendants()
        .filter(|n| n.has_tag_name((W, "sectPr")))
        .collect()
}

#[test]
fn page_setup_is_a4_with_the_decree_margins_and_page_numbers_from_page_two() {
    for e in exported() {
        let xml = Xml::parse(e.pkg.part("word/document.xml")).expect("document.xml");
        let secs = sections(&xml);
        assert_eq!(
            secs.len(),
            1 + e.doc.appendices.len(),
            "{}: one section per appendix",
            e.name
        );
        for (i, s) in secs.iter().enumerate() {
            let size = w(*s, "pgSz").expect("pgSz");
            let (wd, ht) = (
                num(Some(size), "w").expect("w"),
                num(Some(size), "h").expect("h"),
            );
            let landscape = i > 0
                && e.doc.appendices[i - 1].orientation
                    == vanban_core::model::Orientation::Landscape;
            if landscape {
                assert_eq!((wd, ht), (16838, 11906), "{} section {i}", e.name);
                assert_eq!(wattr(size, "orient").as_deref(), Some("landscape"));
            } else {
                assert_eq!((wd, ht), (11906, 16838), "{} section {i}", e.name);
            }
            let m = w(*s, "pgMar").expect("pgMar");
            let within = |attr: &str, lo: f64, hi: f64| {
                let v = mm(num(Some(m), attr).expect("margin"));
                assert!(
                    (lo - 0.05..=hi + 0.05).contains(&v),
                    "{}: {attr} = {v} mm, not {lo}–{hi}",
                    e.name
                );
            };
            within("top", 20.0, 25.0);
            within("bottom", 20.0, 25.0);
            within("left", 30.0, 35.0);
            within("right", 15.0, 20.0);
            assert!(
                w(*s, "titlePg").is_some(),
                "{}: no page number on the first page",
                e.name
            );
            let restart = w(*s, "pgNumType").and_then(|p| wattr(p, "start"));
            assert_eq!(
                restart.as_deref(),
                if i > 0 { Some("1") } else { None },
                "{} section {i}",
                e.name
            );
            // The default header holds a centred PAGE field; the first-page header is empty.
            let refs: Vec<(String, String)> = s
                .children()
                .filter(|c| c.has_tag_name((W, "headerReference")))
                .map(|h| {
                    (
                        wattr(h, "type").unwrap_or_default(),
                        h.attribute((
                            "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                            "id",
                        ))
                        .unwrap_or("")
                        .to_owned(),
                    )
                })
                .collect();
            assert!(
                refs.iter().any(|(t, _)| t == "default"),
                "{}: {refs:?}",
                e.name
            );
            assert!(
                refs.iter().any(|(t, _)| t == "first"),
                "{}: {refs:?}",
                e.name
            );
        }
        let headers: Vec<&String> = e
            .pkg
            .parts
            .iter()
            .filter(|(k, _)| k.starts_with("word/header"))
            .map(|(_, v)| v)
            .collect();
        let styles = Styles::read(e.pkg.part("word/styles.xml"));
        let with_page = headers.iter().filter(|h| h.contains("PAGE")).count();
        assert!(with_page >= 1, "{}: no PAGE field in any header", e.name);
        for h in headers.iter().filter(|h| h.contains("PAGE")) {
            let x = Xml::parse(h).expect("header xml");
            let p = para(w(x.root_element(), "p").expect("p"), &styles);
            assert_eq!(p.props.jc.as_deref(), Some("center"));
            let size = p.props.size.expect("size") as f64 / 2.0;
            assert!((13.0..=14.0).contains(&size), "page number {size} pt");
            assert!(!p.props.bold && !p.props.italic);
        }
    }
}

#[test]
fn every_style_is_times_new_roman_and_named_in_vietnamese() {
    let e = &exported()[0];
    let styles = Styles::read(e.pkg.part("word/styles.xml"));
    assert_eq!(styles.default.font.as_deref(), Some("Times New Roman"));
    for (id, props) in &styles.by_id {
        if id.starts_with("VB") {
            assert_eq!(props.font.as_deref(), Some("Times New Roman"), "{id}");
        }
    }
    let names: Vec<&str> = styles.names.values().map(String::as_str).collect();
    for expected in [
        "Nội dung",
        "Nơi nhận",
        "Quốc hiệu",
        "Tiêu ngữ",
        "Cơ quan ban hành",
        "Trích yếu",
        "Căn cứ",
        "Kèm theo",
    ] {
        assert!(
            names.contains(&expected),
            "style “{expected}” missing from {names:?}"
        );
    }
}

#[test]
fn the_header_has_the_two_columns_and_their_rules() {
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    for e in exported() {
        let xml = Xml::parse(e.pkg.part("word/document.xml")).expect("xml");
        let styles = Styles::read(e.pkg.part("word/styles.xml"));
        let table = w(body(&xml), "tbl").expect("the header table comes first");
        let rs = rows(table);
        assert_eq!(rs.len(), 2, "{}", e.name);
        let top = cells(rs[0]);
        let left = paras(top[0], &styles);
        let right = paras(top[1], &styles);

        // Left: parent body (not bold), issuing body (bold, capitals), its rule 1/3–1/2 long.
        let issuer = left
            .iter()
            .find(|p| p.style == "VBCoQuanBanHanh")
            .expect("issuing body");
        assert!(issuer.props.bold, "{}", e.name);
        assert_eq!(issuer.text, issuer.text.to_uppercase(), "{}", e.name);
        let size = issuer.props.size.expect("size") as f64 / 2.0;
        assert!((12.0..=13.0).contains(&size));
        if let Some(parent) = left.iter().find(|p| p.style == "VBCoQuanChuQuan") {
            assert!(!parent.props.bold, "{}", e.name);
            assert_eq!(parent.text, parent.text.to_uppercase());
        }
        let rule = left
            .iter()
            .find(|p| p.border_top)
            .expect("rule under the issuing body");
        let inner = mm(cell_width(top[0])) - 3.8;
        let rule_mm = inner - mm(rule.indent_left + rule.indent_right);
        let name_mm = issuer
            .text
            .split('\n')
            .map(|l| metrics.width_mm(l, size as f32, true, false) as f64)
            .fold(0.0, f64::max)
            .min(inner);
        let ratio = rule_mm / name_mm;
        assert!(
            (0.33..=0.51).contains(&ratio),
            "{}: rule {rule_mm:.1} mm for a name line of {name_mm:.1} mm",
            e.name
        );
        assert_eq!(rule.indent_left, rule.indent_right, "the rule is centred");

        // Right: national title and motto, bold, the motto's rule as long as the motto.
        assert_eq!(right[0].text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert!(right[0].props.bold && right[0].props.jc.as_deref() == Some("center"));
        assert_eq!(right[1].text, "Độc lập - Tự do - Hạnh phúc");
        assert!(right[1].props.bold);
        let motto_size = right[1].props.size.expect("size") as f32 / 2.0;
        let motto_mm = metrics.width_mm(&right[1].text, motto_size, true, false) as f64;
        let inner = mm(cell_width(top[1])) - 3.8;
        let rule_mm = inner - mm(right[2].indent_left + right[2].indent_right);
        assert!(
            right[2].border_top && (rule_mm - motto_mm).abs() < 0.5,
            "{}: motto rule {rule_mm:.1} vs {motto_mm:.1}",
            e.name
        );

        // Second row: "Số:" under the body, the italic place and date under the motto.
        let second = cells(rs[1]);
        let number = &paras(second[0], &styles)[0];
        assert!(
            number.text.starts_with("Số: ")
                && number.text.contains(&format!(
                    "/KH-{}",
                    e.doc
                        .header
                        .issuing_body
                        .abbreviation
                        .clone()
                        .unwrap_or_default()
                )),
            "{}: {}",
            e.name,
            number.text
        );
        assert_eq!(number.props.size, Some(26));
        let date = &paras(second[1], &styles)[0];
        assert!(date.props.italic, "{}", e.name);
        assert!(
            date.text
                .starts_with(&format!("{}, ngày ", e.doc.header.place)),
            "{}",
            date.text
        );
        if e.doc.header.number.is_none() {
            // A draft keeps the decree's blanks: "Số:      /KH-UBND".
            let blank = number
                .text
                .trim_start_matches("Số:")
                .split('/')
                .next()
                .unwrap_or("x")
                .to_owned();
            assert!(
                blank.len() >= 5 && blank.trim().is_empty(),
                "{:?}",
                number.text
            );
        }
    }
}

#[test]
fn title_subject_body_and_closing_follow_the_decree() {
    for e in exported() {
        let xml = Xml::parse(e.pkg.part("word/document.xml")).expect("xml");
        let styles = Styles::read(e.pkg.part("word/styles.xml"));
        let top: Vec<Node> = body(&xml).children().filter(|c| c.is_element()).collect();
        let ps: Vec<Para> = top
            .iter()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| para(*p, &styles))
            .collect();

        let title = ps.iter().find(|p| p.style == "VBTenLoai").expect("title");
        assert_eq!(title.text, "KẾ HOẠCH");
        assert!(title.props.bold && title.props.jc.as_deref() == Some("center"));
        let subject_at = ps
            .iter()
            .position(|p| p.style == "VBTrichYeu")
            .expect("subject");
        let subject = &ps[subject_at];
        assert!(subject.props.bold && subject.props.jc.as_deref() == Some("center"));
        assert_eq!(subject.text.replace('\n', " "), e.doc.subject);
        assert!(
            ps[subject_at + 1].border_top,
            "{}: a rule under the subject",
            e.name
        );

        for p in ps.iter().filter(|p| p.style == "VBCanCu") {
            assert!(p.props.italic, "{}: legal bases are italic", e.name);
        }
        let body_style = &styles.by_id["VBNoiDung"];
        assert_eq!(body_style.jc.as_deref(), Some("both"));
        assert!(
            matches!(body_style.first_line, Some(567) | Some(720)),
            "{:?}",
            body_style.first_line
        );
        assert!(
            body_style.after.unwrap_or(0) >= 120,
            "at least 6 pt between paragraphs"
        );
        assert!(
            (240..=360).contains(&body_style.line.unwrap_or(0)),
            "single to 1.5 lines"
        );
        let size = body_style.size.expect("size");
        assert!((26..=28).contains(&size));
        for id in ["VBDeMuc1", "VBDeMuc2"] {
            assert!(styles.by_id[id].bold && styles.by_id[id].keep_next, "{id}");
        }
        // The body ends with "./.", right before the closing table.
        let closing_at = top
            .iter()
            .position(|n| {
                n.has_tag_name((W, "tbl"))
                    && paras(cells(rows(*n)[0])[0], &styles)
                        .first()
                        .is_some_and(|p| p.text == "Nơi nhận:")
            })
            .expect("closing table");
        let last_para = top[..closing_at]
            .iter()
            .rev()
            .find(|n| n.has_tag_name((W, "p")))
            .expect("a paragraph");
        assert!(
            para(*last_para, &styles).text.trim_end().ends_with("./."),
            "{}",
            e.name
        );

        // The closing: "Nơi nhận:" 12 pt bold italic, the list 11 pt, level with the authority.
        let closing = top[closing_at];
        let row = rows(closing)[0];
        let cs = cells(row);
        let left = paras(cs[0], &styles);
        assert_eq!(left[0].text, "Nơi nhận:");
        assert_eq!(
            (left[0].props.size, left[0].props.bold, left[0].props.italic),
            (Some(24), true, true)
        );
        let mut lines: Vec<Para> = cs[0]
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| para(p, &styles))
            .filter(|p| p.style == "VBNoiNhanDanhSach" && p.text.starts_with("- "))
            .collect();
        let last = lines.pop().expect("the Lưu line");
        assert!(
            last.text.starts_with("- Lưu: VT") && last.text.ends_with('.'),
            "{}",
            last.text
        );
        for l in &lines {
            assert_eq!(l.props.size, Some(22), "{}", l.text);
            assert!(l.text.ends_with(';'), "{}: {}", e.name, l.text);
        }
        let right = paras(cs[1], &styles);
        let authority: Vec<&Para> = right
            .iter()
            .filter(|p| p.style == "VBThamQuyenKy")
            .collect();
        assert!(!authority.is_empty());
        for a in &authority {
            assert!(
                a.props.bold && a.text == a.text.to_uppercase(),
                "{}",
                a.text
            );
        }
        let name = right
            .iter()
            .find(|p| p.style == "VBHoTenNguoiKy")
            .expect("signer");
        assert_eq!(name.text, e.doc.signature.name);
        assert!(name.props.bold);
        assert!(
            name.props.before.unwrap_or(0) >= 15 * 57,
            "room for the signature: {:?}",
            name.props.before
        );
    }
}

#[test]
fn appendices_start_a_section_with_their_number_title_and_reference_line() {
    for e in exported()
        .into_iter()
        .filter(|e| !e.doc.appendices.is_empty())
    {
        let xml = Xml::parse(e.pkg.part("word/document.xml")).expect("xml");
        let styles = Styles::read(e.pkg.part("word/styles.xml"));
        let all: Vec<Para> = body(&xml)
            .children()
            .filter(|c| c.has_tag_name((W, "p")))
            .map(|p| para(p, &styles))
            .collect();
        let numbers: Vec<&Para> = all.iter().filter(|p| p.style == "VBPhuLuc").collect();
        assert_eq!(numbers.len(), e.doc.appendices.len());
        for (i, n) in numbers.iter().enumerate() {
            assert_eq!(n.text, format!("Phụ lục {}", ["I", "II", "III", "IV"][i]));
            assert_eq!((n.props.size, n.props.bold), (Some(28), true));
        }
        for p in all.iter().filter(|p| p.style == "VBTenPhuLuc") {
            assert!(p.props.bold && p.text == p.text.to_uppercase());
        }
        for p in all.iter().filter(|p| p.style == "VBKemTheo") {
            assert!(
                p.props.italic
                    && p.text.starts_with("(Kèm theo Kế hoạch số ")
                    && p.text.ends_with(')'),
                "{}",
                p.text
            );
        }
        // Task tables: the header row repeats on every page, no row breaks across pages.
        let grids: Vec<Node> = body(&xml)
            .children()
            .filter(|c| c.has_tag_name((W, "tbl")))
            .filter(|t| {
                paras(cells(rows(*t)[0])[0], &styles)
                    .first()
                    .is_some_and(|p| p.text == "STT")
            })
            .collect();
        assert!(!grids.is_empty(), "{}: no data table", e.name);
        for t in grids {
            let rs = rows(t);
            let header = w(rs[0], "trPr").expect("trPr");
            assert!(
                w(header, "tblHeader").is_some(),
                "{}: header row not repeated",
                e.name
            );
            for r in &rs[1..] {
                let trpr = w(*r, "trPr").expect("trPr");
                assert!(w(trpr, "cantSplit").is_some());
                assert!(w(trpr, "tblHeader").is_none());
            }
        }
    }
}

/// The words of every text run of the document, in a multiset.
fn docx_words(pkg: &Package) -> BTreeMap<String, i64> {
    let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
    let mut words = BTreeMap::new();
    for p in xml.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        // A line break inside a paragraph separates words like a space.
        let text: String = p
            .descendants()
            .filter_map(|n| {
                if n.has_tag_name((W, "t")) {
                    n.text()
                } else if n.has_tag_name((W, "br")) {
                    Some(" ")
                } else {
                    None
                }
            })
            .collect();
        for word in text.split_whitespace() {
            *words.entry(word.to_owned()).or_insert(0) += 1;
        }
    }
    words
}

fn plain_words(doc: &Document) -> BTreeMap<String, i64> {
    let text = vanban_core::plain::to_string(&vanban_core::plain::plain_text(doc));
    let mut words = BTreeMap::new();
    for word in text.split_whitespace() {
        *words.entry(word.to_owned()).or_insert(0) += 1;
    }
    words
}

#[test]
fn the_docx_says_exactly_what_the_document_says_in_nfc() {
    for e in exported() {
        let docx = docx_words(&e.pkg);
        let plain = plain_words(&e.doc);
        assert_eq!(docx, plain, "{}", e.name);
        assert!(docx.keys().all(|w| vanban_core::text::is_nfc(w)));
    }
}

#[test]
fn a_cong_van_has_vv_under_the_number_and_kinh_gui() {
    let mut doc = fixture(FIXTURES[1]);
    doc.doc_type = vanban_core::DocumentType::CongVan;
    doc.header.unit_abbreviation = Some("KGVX".into());
    doc.addressees = vec![vanban_core::model::Recipient {
        name: "Các sở, ban, ngành tỉnh".into(),
        note: None,
        includes: vec![],
    }];
    let pkg = Package::open(&export(&doc));
    let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
    let styles = Styles::read(pkg.part("word/styles.xml"));
    let table = w(body(&xml), "tbl").expect("header");
    let left = paras(cells(rows(table)[1])[0], &styles);
    assert!(left[0].text.ends_with("/UBND-KGVX"), "{}", left[0].text);
    assert_eq!(left[1].style, "VBVv");
    assert!(left[1].text.starts_with("V/v "));
    let all: Vec<Para> = body(&xml)
        .children()
        .filter(|c| c.has_tag_name((W, "p")))
        .map(|p| para(p, &styles))
        .collect();
    assert!(
        all.iter().all(|p| p.style != "VBTenLoai"),
        "a công văn has no type title"
    );
    assert!(
        all.iter()
            .any(|p| p.style == "VBKinhGui" && p.text == "Kính gửi: Các sở, ban, ngành tỉnh.")
    );
    assert!(
        docx_words(&pkg).contains_key("trên;"),
        "“- Như trên;” opens the Nơi nhận list"
    );
}

#[test]
fn marks_and_the_address_line_appear_where_the_decree_puts_them() {
    let mut doc = fixture(FIXTURES[1]);
    doc.header.urgency = Some(vanban_core::model::Urgency::HoaToc);
    doc.header.secrecy = Some(vanban_core::model::Secrecy::Mat);
    doc.header.address_line = Some("Số 1 đường Lê Lợi, TP. Lạng Sơn; ĐT: 0205.3812345".into());
    doc.header.number = Some(7);
    doc.header.date = Some(vanban_core::model::IssueDate {
        year: 2022,
        month: Some(6),
        day: Some(5),
    });
    let pkg = Package::open(&export(&doc));
    let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
    let styles = Styles::read(pkg.part("word/styles.xml"));
    let table = w(body(&xml), "tbl").expect("header");
    let second = cells(rows(table)[1]);
    let left = paras(second[0], &styles);
    assert_eq!(left[0].text, "Số: 07/KH-UBND");
    let marks: Vec<&str> = left
        .iter()
        .filter(|p| p.style == "VBDoMat" || p.style == "VBDoKhan")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marks, ["MẬT", "HỎA TỐC"]);
    assert_eq!(
        paras(second[1], &styles)[0].text,
        "Lạng Sơn, ngày 05 tháng 6 năm 2022"
    );
    let footers: Vec<&String> = pkg
        .parts
        .iter()
        .filter(|(k, _)| k.starts_with("word/footer"))
        .map(|(_, v)| v)
        .collect();
    assert!(
        footers.iter().any(|f| f.contains("Số 1 đường Lê Lợi")),
        "the address line is in the first-page footer"
    );
}

/// A paragraph's runs as (text, bold) over its style's weight.
fn runs(p: Node, styles: &Styles) -> Vec<(String, bool)> {
    let style_bold = w(p, "pPr")
        .and_then(|x| w(x, "pStyle"))
        .and_then(|s| wattr(s, "val"))
        .and_then(|id| styles.by_id.get(&id).map(|s| s.bold))
        .unwrap_or(false);
    p.children()
        .filter(|c| c.has_tag_name((W, "r")))
        .map(|r| {
            let bold = style_bold
                || w(r, "rPr")
                    .and_then(|x| w(x, "b"))
                    .is_some_and(|b| wattr(b, "val").as_deref() != Some("false"));
            let text: String = r
                .children()
                .filter(|c| c.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect();
            (text, bold)
        })
        .collect()
}

fn hanging(p: Node) -> i64 {
    num(w(p, "pPr").and_then(|x| w(x, "ind")), "hanging").unwrap_or(0)
}

/// The body's top-level paragraphs, as nodes.
fn top_paragraphs<'a>(xml: &'a Xml<'a>) -> Vec<Node<'a, 'a>> {
    body(xml)
        .children()
        .filter(|c| c.has_tag_name((W, "p")))
        .collect()
}

#[test]
fn the_guidance_letter_is_laid_out_like_sample_1_5() {
    let doc = fixture(CONG_VAN);
    let pkg = Package::open(&export(&doc));
    let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
    let styles = Styles::read(pkg.part("word/styles.xml"));
    assert_eq!(
        docx_words(&pkg),
        plain_words(&doc),
        "the DOCX says what the document says"
    );

    // Left column of the header: the number with the công văn's ký hiệu <body>-<unit>, then
    // "V/v …" 12–13 pt, upright, not bold, centred, 6 pt below the number.
    let table = w(body(&xml), "tbl").expect("header");
    let left = paras(cells(rows(table)[1])[0], &styles);
    assert_eq!(left[0].text, "Số: 1256/STTTT-CNTT");
    let vv = &left[1];
    assert_eq!(vv.text, format!("V/v {}", doc.subject));
    let size = vv.props.size.expect("size") as f64 / 2.0;
    assert!((12.0..=13.0).contains(&size), "V/v at {size} pt");
    assert!(!vv.props.bold && !vv.props.italic);
    assert_eq!(vv.props.jc.as_deref(), Some("center"));
    assert_eq!(vv.props.before, Some(120), "6 pt under the number");

    // No type title, anywhere.
    let tops = top_paragraphs(&xml);
    let all: Vec<Para> = tops.iter().map(|p| para(*p, &styles)).collect();
    assert!(
        all.iter()
            .all(|p| p.style != "VBTenLoai" && p.text != "CÔNG VĂN")
    );

    // Kính gửi: the label on its own line, one line per addressee "- …;", the last ".", the
    // dashes standing under the colon.
    let at = all
        .iter()
        .position(|p| p.style == "VBKinhGui")
        .expect("Kính gửi");
    let kg = &all[at];
    let lines: Vec<&str> = kg.text.split('\n').collect();
    assert_eq!(lines[0], "Kính gửi:");
    assert_eq!(lines.len(), 1 + doc.addressees.len());
    for (i, (line, a)) in lines[1..].iter().zip(&doc.addressees).enumerate() {
        let end = if i + 1 == doc.addressees.len() {
            "."
        } else {
            ";"
        };
        assert_eq!(*line, format!("- {}{end}", a.name));
    }
    let size = kg.props.size.expect("size") as f32 / 2.0;
    assert!((13.0..=14.0).contains(&size));
    assert!(!kg.props.bold && !kg.props.italic);
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let label = metrics.width_mm("Kính gửi", size, false, false) as f64;
    let hang = mm(hanging(tops[at]));
    assert!(
        (hang - label).abs() < 0.1,
        "the dashes start {hang:.2} mm right of the label, the colon {label:.2} mm"
    );
    assert!(
        kg.indent_left as f64 / TWIPS_PER_MM >= hang,
        "the label is inside the text block"
    );

    // The body: unnumbered opening paragraph, sections "1." in bold, parts "a)", "b)", "c)".
    let headings: Vec<&Para> = all.iter().filter(|p| p.style == "VBDeMuc1").collect();
    assert_eq!(
        headings.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        [
            "1. Về công tác tuyên truyền",
            "2. Về tổ chức các hoạt động hưởng ứng",
            "3. Về chế độ báo cáo"
        ]
    );
    assert!(headings.iter().all(|p| p.props.bold));
    let points: Vec<&str> = all
        .iter()
        .filter(|p| p.style == "VBKhoanDiem")
        .map(|p| p.text.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(points, ["a)", "b)", "c)", "a)", "b)", "c)", "a)", "b)"]);
    for p in all.iter().filter(|p| p.style == "VBKhoanDiem") {
        assert!(!p.props.bold && p.props.jc.as_deref() == Some("both"));
    }

    // Nơi nhận opens with "- Như trên;", then the other recipients.
    let closing = body(&xml)
        .children()
        .rfind(|c| c.has_tag_name((W, "tbl")))
        .expect("closing");
    let left = paras(cells(rows(closing)[0])[0], &styles);
    let texts: Vec<&str> = left.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Nơi nhận:",
            "- Như trên;",
            "- UBND tỉnh (b/c);",
            "- Giám đốc, các PGĐ Sở;",
            "- Cổng Thông tin điện tử tỉnh;",
            "- Lưu: VT, CNTT(NVA)."
        ]
    );
}

#[test]
fn the_decision_has_its_authority_bases_and_three_articles() {
    let doc = fixture(QUYET_DINH);
    let pkg = Package::open(&export(&doc));
    let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
    let styles = Styles::read(pkg.part("word/styles.xml"));
    assert_eq!(docx_words(&pkg), plain_words(&doc));
    let tops = top_paragraphs(&xml);
    let all: Vec<Para> = tops.iter().map(|p| para(*p, &styles)).collect();
    let texts: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.style.as_str(), p.text.as_str()))
        .filter(|(s, _)| *s != "VBDuongKe")
        .collect();
    // In order: title, subject, authority, bases, proposal, "QUYẾT ĐỊNH:", articles.
    let order: Vec<&str> = texts.iter().map(|(s, _)| *s).collect();
    let expected_order = [
        "VBTenLoai",
        "VBTrichYeu",
        "VBThamQuyenBanHanh",
        "VBCanCu",
        "VBCanCu",
        "VBCanCu",
        "VBQuyetDinh",
        "VBDieu",
        "VBDieu",
        "VBKhoanDiem",
        "VBKhoanDiem",
        "VBKhoanDiem",
        "VBKhoanDiem",
        "VBDieu",
    ];
    assert_eq!(&order[..expected_order.len()], expected_order, "{texts:#?}");
    let by = |style: &'static str| all.iter().filter(move |p| p.style == style);
    let title = by("VBTenLoai").next().expect("title");
    assert_eq!(title.text, "QUYẾT ĐỊNH");

    let authority = by("VBThamQuyenBanHanh").next().expect("authority");
    assert_eq!(authority.text, "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
    assert!(authority.props.bold && authority.props.jc.as_deref() == Some("center"));
    assert_eq!(authority.props.size, Some(28));

    let bases: Vec<&Para> = by("VBCanCu").collect();
    assert!(bases.iter().all(|p| p.props.italic && !p.props.bold));
    assert!(
        bases[0]
            .text
            .starts_with("Căn cứ Quyết định số 06/2021/QĐ-UBND ngày 05/3/2021")
    );
    assert!(bases[0].text.ends_with(';') && bases[1].text.ends_with(';'));
    assert_eq!(
        bases[2].text,
        "Theo đề nghị của Trưởng phòng Công nghệ thông tin."
    );

    let enact = by("VBQuyetDinh").next().expect("QUYẾT ĐỊNH:");
    assert_eq!(enact.text, "QUYẾT ĐỊNH:");
    assert!(enact.props.bold && enact.props.jc.as_deref() == Some("center"));

    // "Điều N." bold, 1 cm in; a one-paragraph article's text upright, a titled one bold.
    let articles: Vec<Node> = tops
        .iter()
        .copied()
        .filter(|p| para(*p, &styles).style == "VBDieu")
        .collect();
    assert_eq!(articles.len(), 3);
    for (i, a) in articles.iter().enumerate() {
        let r = runs(*a, &styles);
        assert_eq!(r[0], (format!("Điều {}. ", i + 1), true));
        let rest_bold = r[1..].iter().all(|(_, b)| *b);
        assert_eq!(rest_bold, i == 1, "Điều {}: {r:?}", i + 1);
    }
    assert_eq!(styles.by_id["VBDieu"].first_line, Some(567));
    let points: Vec<&str> = by("VBKhoanDiem")
        .map(|p| p.text.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(points, ["1.", "a)", "b)", "2."]);
    assert!(by("VBKhoanDiem").all(|p| !p.props.bold));
    assert!(
        para(articles[2], &styles)
            .text
            .ends_with("Quyết định này./.")
    );

    // Nơi nhận names the article that lists who carries the decision out; no "Như trên".
    let closing = body(&xml)
        .children()
        .find(|c| {
            c.has_tag_name((W, "tbl"))
                && paras(cells(rows(*c)[0])[0], &styles)
                    .first()
                    .is_some_and(|p| p.text == "Nơi nhận:")
        })
        .expect("closing");
    let left = paras(cells(rows(closing)[0])[0], &styles);
    assert_eq!(left[1].text, "- Như Điều 3;");
    assert!(left.iter().all(|p| p.text != "- Như trên;"));
}

#[test]
fn the_decision_issues_its_plan_on_pages_of_its_own_like_sample_1_3() {
    let doc = fixture(QUYET_DINH);
    let plan = doc.attachment.as_ref().expect("the fixture issues a plan");
    let pkg = Package::open(&export(&doc));
    let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
    let styles = Styles::read(pkg.part("word/styles.xml"));

    // Two sections: the decision, then the plan with its own page numbers from 1.
    let secs = sections(&xml);
    assert_eq!(secs.len(), 2);
    let restart = w(secs[1], "pgNumType").and_then(|p| wattr(p, "start"));
    assert_eq!(restart.as_deref(), Some("1"));
    assert!(
        w(secs[1], "titlePg").is_some(),
        "no page number on its first page"
    );

    // Everything after the paragraph that ends the decision's section.
    let top: Vec<Node> = body(&xml).children().filter(|c| c.is_element()).collect();
    let end = top
        .iter()
        .position(|n| n.descendants().any(|d| d.has_tag_name((W, "sectPr"))))
        .expect("section break");
    let rest = &top[end + 1..];

    // The header: the bodies and the national title, and no number or date row.
    let header = rest
        .iter()
        .find(|n| n.has_tag_name((W, "tbl")))
        .expect("header");
    let rs = rows(*header);
    assert_eq!(rs.len(), 1, "no “Số:” row on an attached document");
    let left = paras(cells(rs[0])[0], &styles);
    let right = paras(cells(rs[0])[1], &styles);
    assert_eq!(left[0].text, "UBND TỈNH LẠNG SƠN");
    assert!(!left[0].props.bold);
    assert_eq!(
        left[1].text.replace('\n', " "),
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    );
    assert!(left[1].props.bold);
    assert_eq!(right[0].text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(right[1].text, "Độc lập - Tự do - Hạnh phúc");

    let ps: Vec<Para> = rest
        .iter()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| para(*p, &styles))
        .collect();
    let title = ps.iter().find(|p| p.style == "VBTenLoai").expect("title");
    assert_eq!(title.text, "KẾ HOẠCH");
    assert!(title.props.bold && title.props.jc.as_deref() == Some("center"));
    let subject = ps
        .iter()
        .find(|p| p.style == "VBTrichYeu")
        .expect("subject");
    assert_eq!(subject.text, plan.subject);
    assert!(subject.props.bold);
    let kem = ps
        .iter()
        .find(|p| p.style == "VBKemTheo")
        .expect("Kèm theo");
    assert_eq!(
        kem.text,
        "(Kèm theo Quyết định số 87/QĐ-STTTT ngày 06 tháng 02 năm 2025 của Giám đốc Sở Thông tin và Truyền thông)"
    );
    assert!(kem.props.italic && kem.props.jc.as_deref() == Some("center"));
    let headings: Vec<&str> = ps
        .iter()
        .filter(|p| p.style == "VBDeMuc1")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG",
            "III. KINH PHÍ",
            "IV. TỔ CHỨC THỰC HIỆN"
        ]
    );
    assert!(
        ps.iter()
            .all(|p| p.style != "VBNoiNhan" || p.text.is_empty())
    );

    // The decision's signer closes the plan, with no Nơi nhận.
    let closing = rest
        .iter()
        .rfind(|c| c.has_tag_name((W, "tbl")))
        .expect("signer");
    let cs = cells(rows(*closing)[0]);
    assert!(paras(cs[0], &styles).iter().all(|p| p.text.is_empty()));
    let signer: Vec<String> = paras(cs[1], &styles).into_iter().map(|p| p.text).collect();
    assert_eq!(signer, ["GIÁM ĐỐC", "Lê Văn Cường"]);
}

#[test]
fn the_types_of_sample_1_4_and_1_7_print_their_name_and_abbreviation() {
    use vanban_core::DocumentType as T;
    for (t, title, abbr) in [
        (T::BaoCao, "BÁO CÁO", "BC"),
        (T::ToTrinh, "TỜ TRÌNH", "TTr"),
        (T::ThongBao, "THÔNG BÁO", "TB"),
        (T::HuongDan, "HƯỚNG DẪN", "HD"),
        (T::ChuongTrinh, "CHƯƠNG TRÌNH", "CTr"),
        (T::GiayMoi, "GIẤY MỜI", "GM"),
    ] {
        let mut doc = fixture(FIXTURES[1]);
        doc.doc_type = t;
        // A tờ trình and a báo cáo sent up to a higher body carry "Kính gửi".
        let upwards = matches!(t, T::ToTrinh | T::BaoCao);
        if upwards {
            doc.addressees = vec![vanban_core::model::Recipient {
                name: "Ủy ban nhân dân tỉnh".into(),
                note: None,
                includes: vec![],
            }];
        }
        let pkg = Package::open(&export(&doc));
        let xml = Xml::parse(pkg.part("word/document.xml")).expect("xml");
        let styles = Styles::read(pkg.part("word/styles.xml"));
        assert_eq!(docx_words(&pkg), plain_words(&doc), "{title}");
        let table = w(body(&xml), "tbl").expect("header");
        let left = paras(cells(rows(table)[1])[0], &styles);
        assert!(
            left[0].text.starts_with("Số: ") && left[0].text.ends_with(&format!("/{abbr}-UBND")),
            "{title}: {}",
            left[0].text
        );
        assert!(left.iter().all(|p| p.style != "VBVv"), "{title}: no V/v");
        let all: Vec<Para> = top_paragraphs(&xml)
            .into_iter()
            .map(|p| para(p, &styles))
            .collect();
        let name = all.iter().find(|p| p.style == "VBTenLoai").expect("title");
        assert_eq!(name.text, title);
        assert!(name.props.bold && name.props.jc.as_deref() == Some("center"));
        assert_eq!(name.props.size, Some(28));
        let subject_at = all
            .iter()
            .position(|p| p.style == "VBTrichYeu")
            .expect("subject");
        assert!(
            all[subject_at + 1].border_top,
            "{title}: a rule under the subject"
        );
        let kinh_gui: Vec<&Para> = all.iter().filter(|p| p.style == "VBKinhGui").collect();
        if upwards {
            assert_eq!(kinh_gui.len(), 1);
            assert_eq!(kinh_gui[0].text, "Kính gửi: Ủy ban nhân dân tỉnh.");
            let at = all.iter().position(|p| p.style == "VBKinhGui").expect("at");
            assert!(at > subject_at, "{title}: Kính gửi under the title");
        } else {
            assert!(kinh_gui.is_empty(), "{title}");
        }
    }
}

/// document.xml with its random ids removed and one element per line, for snapshots.
fn normalised_document(pkg: &Package) -> String {
    let xml = pkg.part("word/document.xml");
    let mut out = String::new();
    let mut depth = 0usize;
    let re_id = |s: &str| -> String {
        let mut s = s.to_owned();
        for attr in ["w14:paraId=\"", "r:id=\""] {
            let mut at = 0;
            while let Some(i) = s[at..].find(attr) {
                let start = at + i + attr.len();
                let end = start + s[start..].find('"').unwrap_or(0);
                s.replace_range(start..end, "…");
                at = start + 3;
            }
        }
        s
    };
    for piece in xml.split_inclusive('>') {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let (text, tag) = match piece.find('<') {
            Some(i) => (&piece[..i], &piece[i..]),
            None => (piece, ""),
        };
        if !text.is_empty() {
            out.push_str(&"  ".repeat(depth));
            out.push_str(text);
            out.push('\n');
        }
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
        }
        if !tag.is_empty() {
            out.push_str(&"  ".repeat(depth));
            out.push_str(&re_id(tag));
            out.push('\n');
        }
        if tag.starts_with('<')
            && !tag.starts_with("</")
            && !tag.ends_with("/>")
            && !tag.starts_with("<?")
        {
            depth += 1;
        }
    }
    out
}

#[test]
fn document_xml_snapshots() {
    for e in exported() {
        insta::assert_snapshot!(e.name, normalised_document(&e.pkg));
    }
    for name in [CONG_VAN, QUYET_DINH] {
        let pkg = Package::open(&export(&fixture(name)));
        insta::assert_snapshot!(name, normalised_document(&pkg));
    }
}
