//! Documents written as published, exported and read back as a reader sees them: numbers
//! printed per level ("III.", "3.1.", "3.1.1.", "đ)"), list markers, paragraphs after the
//! numbered parts, bold words in a heading, the heading levels' looks, Nơi nhận lines that
//! wrap under their text, the rule under the issuing body standing apart from the "Số" line,
//! and a last page that always carries body text above the signature.

use crate::common::*;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use roxmltree::{Document as Xml, Node};
use vanban_core::Document;
use vanban_core::RichText;
use vanban_core::model::{Block as ModelBlock, RecipientEntry};
use vanban_render::fonts::liberation_serif;
use vanban_render::layout::{Block, Layout};
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn layout_of(doc: &Document) -> Layout {
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    vanban_render::layout(doc, &sheet, &mut metrics)
}

fn pdf_of_layout(t: &mut Typesetter, layout: &Layout) -> Vec<u8> {
    t.pdf(layout, &StyleSheet::nd30(), "x", PdfKind::Standard, None)
        .expect("pdf")
}

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn temp(name: &str) -> Dir {
    let dir = std::env::temp_dir().join(format!("vanban-pub-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    Dir(dir)
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A word of a page, in points from the page's top left corner.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    text: String,
    x0: f64,
    y0: f64,
    y1: f64,
}

/// Every word of a PDF with its page and box (`pdftotext -bbox`).
fn words(pdf: &Path) -> Vec<Word> {
    let html = tool("pdftotext", &["-bbox", &pdf.to_string_lossy(), "-"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).expect("attribute") + key.len();
        tag[at..at + tag[at..].find('"').expect("quote")]
            .parse()
            .expect("number")
    };
    let mut out = Vec::new();
    for (k, page) in html.split("<page ").skip(1).enumerate() {
        for chunk in page.split("<word ").skip(1) {
            let close = chunk.find('>').expect(">");
            let tag = &chunk[..close];
            let text = chunk[close + 1..chunk.find("</word>").expect("</word>")]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            out.push(Word {
                page: k + 1,
                text,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                y1: attr(tag, "yMax"),
            });
        }
    }
    out
}

/// The first place where these consecutive words stand in the PDF.
fn find<'a>(words: &'a [Word], phrase: &str) -> Option<&'a Word> {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    words
        .windows(wanted.len())
        .find(|w| w.iter().zip(&wanted).all(|(a, b)| a.text == *b))
        .map(|w| &w[0])
}

/// The last place where these consecutive words stand, and the page of its last word.
fn find_last(words: &[Word], phrase: &str) -> Option<usize> {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    words
        .windows(wanted.len())
        .rev()
        .find(|w| w.iter().zip(&wanted).all(|(a, b)| a.text == *b))
        .map(|w| w[w.len() - 1].page)
}

/// The page of the body's last words and the page of the signer's name.
fn body_and_signer_pages(pdf: &Path, doc: &Document) -> (usize, usize) {
    let words = words(pdf);
    let body = find_last(&words, &last_body_words(doc))
        .unwrap_or_else(|| panic!("no “{}” in the PDF", last_body_words(doc)));
    let signer = find_last(&words, doc.signature.name.trim()).expect("signer's name");
    (body, signer)
}

fn all_fixtures() -> Vec<&'static str> {
    let mut all = FIXTURES.to_vec();
    all.extend([CONG_VAN, QUYET_DINH, PLAN, LETTER]);
    all
}

#[test]
fn the_plan_prints_each_level_s_numbers_and_markers() {
    let doc = fixture(PLAN);
    let dir = temp("plan");
    let pdf = dir.0.join("plan.pdf");
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    std::fs::write(&pdf, pdf_of_layout(&mut t, &layout_of(&doc))).expect("write");
    let text = tool("pdftotext", &["-layout", &pdf.to_string_lossy(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for printed in [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "2. Yêu cầu",
        "III. NỘI DUNG",
        "3.1. Các hoạt động chính",
        "3.1.1. Lễ khai mạc",
        "3.1.4. Hoạt động trải nghiệm dành cho người dân",
        "a) Hướng dẫn cài đặt",
        "đ) Đổi quà",
        "e) Tư vấn an toàn",
        "3.2. Công tác tuyên truyền",
        "mục 3.1.1, phần III",
        "(1) Nền tảng số dùng chung",
        "(7) Sản phẩm của doanh nghiệp",
        "1) Khu trưng bày của các sở",
        "* Chủ đề",
        "+ Các gian trưng bày",
        "Chính phủ điện tử. Sở Thông tin và Truyền thông xây dựng Kế hoạch",
        "- Lưu: VT, CNTT. KV (01).",
    ] {
        assert!(
            flat.contains(printed),
            "“{printed}” is not printed:\n{text}"
        );
    }
    // Each numbered heading starts its own line at the body's indent, like the others.
    let words = words(&pdf);
    let x = |p: &str| find(&words, p).unwrap_or_else(|| panic!("{p}")).x0;
    assert!((x("3.1.1. Lễ khai mạc") - x("3.1. Các hoạt động")).abs() < 1.0);
    assert!((x("đ) Đổi quà") - x("a) Hướng dẫn cài")).abs() < 1.0);
    // The note after part IV's duties, then the closing sentence.
    let y = |p: &str| {
        let w = find(&words, p).unwrap_or_else(|| panic!("{p}"));
        (w.page, w.y0 as i64)
    };
    assert!(y("Đăng ký gian trưng bày") < y("Trong quá trình thực"));
    assert!(y("Trong quá trình thực") < y("Trên đây là Kế hoạch"));
}

fn docx_of(doc: &Document) -> HashMap<String, String> {
    let bytes = vanban_render::docx::write(&layout_of(doc), &StyleSheet::nd30()).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut parts = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("entry");
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            parts.insert(f.name().to_owned(), s);
        }
    }
    parts
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

fn wval(node: Node, name: &str) -> Option<String> {
    node.attribute((W, name)).map(str::to_owned)
}

fn paragraph_text(p: Node) -> String {
    p.descendants()
        .filter(|n| n.has_tag_name((W, "t")))
        .filter_map(|n| n.text())
        .collect()
}

fn style_of(p: Node) -> String {
    w(p, "pPr")
        .and_then(|ppr| w(ppr, "pStyle"))
        .and_then(|s| wval(s, "val"))
        .unwrap_or_default()
}

/// Bold and italic of a named style.
fn style_look(styles: &Xml, id: &str) -> (bool, bool, String) {
    let style = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && wval(*n, "styleId").as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"));
    let rpr = w(style, "rPr");
    let on = |name: &str| {
        rpr.and_then(|r| w(r, name))
            .is_some_and(|b| wval(b, "val").is_none_or(|v| v != "false" && v != "0"))
    };
    let jc = w(style, "pPr")
        .and_then(|p| w(p, "jc"))
        .and_then(|j| wval(j, "val"))
        .unwrap_or_default();
    (on("b"), on("i"), jc)
}

#[test]
fn heading_levels_each_have_their_own_look_and_bold_words_stay_bold() {
    let parts = docx_of(&fixture(PLAN));
    let doc = Xml::parse(&parts["word/document.xml"]).expect("xml");
    let styles = Xml::parse(&parts["word/styles.xml"]).expect("xml");
    let paragraphs: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect();
    let style_starting = |prefix: &str| {
        let p = paragraphs
            .iter()
            .find(|p| paragraph_text(**p).starts_with(prefix))
            .unwrap_or_else(|| panic!("no paragraph “{prefix}”"));
        style_of(*p)
    };
    let level1 = style_starting("III. NỘI DUNG");
    let level2 = style_starting("3.1. Các hoạt động chính");
    let level3 = style_starting("3.1.1. Lễ khai mạc");
    let point = style_starting("a) Hướng dẫn cài đặt");
    let body = style_starting("Lễ khai mạc tổ chức");
    let looks: Vec<(bool, bool, String)> = [&level1, &level2, &level3, &point, &body]
        .iter()
        .map(|s| style_look(&styles, s))
        .collect();
    assert!(looks[0].0, "mục: bold");
    assert_eq!(
        (looks[1].0, looks[1].1),
        (true, false),
        "second level: bold"
    );
    assert_eq!(
        (looks[2].0, looks[2].1),
        (true, true),
        "third level: bold italic"
    );
    assert_eq!((looks[3].0, looks[3].1), (false, false), "điểm: upright");
    assert_eq!(
        looks[3], looks[4],
        "a điểm that is its own text reads as body text"
    );
    // The first level reads apart from the second by its capitals (the decree's mục: bold
    // capitals; a khoản with a title: bold), which the validator asks of a Roman level's text.
    let in_capitals = |prefix: &str| {
        let text = paragraphs
            .iter()
            .map(|p| paragraph_text(*p))
            .find(|t| t.starts_with(prefix))
            .unwrap_or_default();
        text.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
    };
    let caps = [
        in_capitals("III. NỘI DUNG"),
        in_capitals("3.1. Các hoạt động chính"),
        in_capitals("3.1.1. Lễ khai mạc"),
    ];
    assert_eq!(caps, [true, false, false]);
    let distinct: std::collections::HashSet<_> = looks[..3].iter().zip(caps).collect();
    assert_eq!(distinct.len(), 3, "{looks:?}");
    // "trải nghiệm" is bold inside the heading "3.1.4. Hoạt động trải nghiệm …".
    let heading = paragraphs
        .iter()
        .find(|p| paragraph_text(**p).starts_with("3.1.4."))
        .expect("3.1.4.");
    let bold_run = heading
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .find(|r| paragraph_text(*r).contains("trải nghiệm"))
        .expect("run");
    assert!(w(bold_run, "rPr").and_then(|r| w(r, "b")).is_some());
}

#[test]
fn recipient_lines_wrap_under_their_text() {
    let mut doc = fixture(LETTER);
    if let RecipientEntry::Single(r) = &mut doc.recipients.entries[0] {
        r.name = "Giám đốc, các Phó Giám đốc Sở và các phòng, đơn vị thuộc Sở Thông tin và Truyền thông tỉnh Hòa Bình".into();
    }
    // DOCX: every "- " line hangs its following lines under its text.
    let parts = docx_of(&doc);
    let xml = Xml::parse(&parts["word/document.xml"]).expect("xml");
    let lines: Vec<Node> = xml
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")) && style_of(*n) == "VBNoiNhanDanhSach")
        .collect();
    assert!(lines.len() >= 3);
    for p in &lines {
        let ind = w(*p, "pPr").and_then(|ppr| w(ppr, "ind")).expect("indent");
        let left: i64 = wval(ind, "left")
            .and_then(|v| v.parse().ok())
            .expect("left");
        let hanging: i64 = wval(ind, "hanging")
            .and_then(|v| v.parse().ok())
            .expect("hanging");
        assert!(left > 0 && left == hanging, "{}", paragraph_text(*p));
    }
    // PDF: the wrapped line starts under the text after "- ", not under the dash.
    let dir = temp("recipients");
    let pdf = dir.0.join("r.pdf");
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    std::fs::write(&pdf, pdf_of_layout(&mut t, &layout_of(&doc))).expect("write");
    let words = words(&pdf);
    let dash = find(&words, "- Như trên;").expect("first line");
    let first = find(&words, "- Giám đốc,").expect("long line");
    let text_x = words
        .iter()
        .find(|w| w.text == "Giám" && w.page == first.page && (w.y0 - first.y0).abs() < 1.0)
        .expect("Giám")
        .x0;
    let second_line = words
        .iter()
        .skip_while(|w| !(w.text == "Giám" && w.page == first.page))
        .find(|w| w.y0 > first.y1 - 0.5 && w.page == first.page)
        .expect("a second line");
    assert!((dash.x0 - first.x0).abs() < 0.5, "dashes flush left");
    assert!(
        (second_line.x0 - text_x).abs() < 1.0,
        "the wrapped line starts at {:.1} pt, the text at {:.1} pt, the dash at {:.1} pt",
        second_line.x0,
        text_x,
        first.x0
    );
}

/// Rows of dark pixels of a page rendered at 110 dpi (grey, 0 black … 255 white).
fn raster(pdf: &Path, dir: &Path) -> (usize, usize, Vec<u8>) {
    let prefix = dir.join("page");
    tool(
        "pdftoppm",
        &[
            "-r",
            "110",
            "-gray",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            &pdf.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
    // pdftoppm writes a binary PGM ("P5 width height 255\n" then the pixels).
    let bytes = std::fs::read(prefix.with_extension("pgm")).expect("pgm");
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    at += 1;
    let width: usize = fields[1].parse().expect("width");
    let height: usize = fields[2].parse().expect("height");
    (width, height, bytes[at..at + width * height].to_vec())
}

#[test]
fn the_rule_under_the_issuing_body_stands_apart_from_the_number_line() {
    for name in all_fixtures() {
        let doc = fixture(name);
        let dir = temp(&format!("rule-{name}"));
        let pdf = dir.0.join("p.pdf");
        let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
        std::fs::write(&pdf, pdf_of_layout(&mut t, &layout_of(&doc))).expect("write");
        let words = words(&pdf);
        let so = find(&words, "Số:").expect("Số:");
        let (width, _, px) = raster(&pdf, &dir.0);
        let scale = 110.0 / 72.0;
        // The rule: the lowest row above "Số" with a long run of dark pixels in the left
        // column (at least 10 mm).
        let left_end = (so.x0 * scale) as usize + (60.0 * 72.0 / 25.4 * scale) as usize;
        let top_of_so = (so.y0 * scale) as usize;
        let min_run = (10.0 / 25.4 * 110.0) as usize;
        let rule_row = (0..top_of_so)
            .rev()
            .find(|&y| {
                let row = &px[y * width..y * width + left_end.min(width)];
                let mut run = 0;
                row.iter().any(|&p| {
                    run = if p < 128 { run + 1 } else { 0 };
                    run >= min_run
                })
            })
            .unwrap_or_else(|| panic!("{name}: no rule above “Số:”"));
        // The first row below the rule with ink in the "Số" line's span.
        let x0 = (so.x0 * scale) as usize;
        let ink_row = (rule_row + 1..top_of_so + 30)
            .find(|&y| {
                px[y * width + x0..y * width + x0 + 40]
                    .iter()
                    .any(|&p| p < 160)
            })
            .expect("the number line's ink");
        let gap_mm = (ink_row - rule_row - 1) as f64 / 110.0 * 25.4;
        assert!(
            gap_mm >= 1.5,
            "{name}: the number line's ink starts {gap_mm:.2} mm under the rule"
        );
    }
}

/// The body's last words and the signer's name land on the same page, for every fixture.
#[test]
fn the_last_page_carries_body_text_above_the_signature() {
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    for name in all_fixtures() {
        let doc = fixture(name);
        let dir = temp(&format!("last-{name}"));
        let pdf = dir.0.join("p.pdf");
        std::fs::write(&pdf, pdf_of_layout(&mut t, &layout_of(&doc))).expect("write");
        let (body, signer) = body_and_signer_pages(&pdf, &doc);
        assert_eq!(
            body, signer,
            "{name}: body ends on page {body}, signer on {signer}"
        );
    }
}

/// A letter whose body fills its page exactly: without keeping the last lines with the
/// signature, the signature would stand alone on the next page.
fn boundary_letter(t: &mut Typesetter) -> (Document, usize) {
    let base = fixture(LETTER);
    for n in 1..60 {
        let mut doc = base.clone();
        doc.body.after.clear();
        for i in 0..n {
            doc.body.after.push(ModelBlock::Paragraph {
                text: RichText::plain(format!(
                    "Đoạn văn thứ {} của phần kết, đủ dài để chiếm trọn một dòng của trang văn bản khổ A4 theo thể thức.",
                    i + 1
                )),
            });
        }
        doc.body.after.push(ModelBlock::Paragraph {
            text: RichText::plain("Trên đây là hướng dẫn, đề nghị các cơ quan thực hiện kết thúc."),
        });
        // The same layout without any paragraph kept with the next: where would the old
        // layout have put the signature?
        let mut loose = layout_of(&doc);
        for s in &mut loose.sections {
            for b in &mut s.blocks {
                if let Block::Paragraph(p) = b {
                    p.keep_with_next = false;
                }
            }
        }
        let dir = temp(&format!("boundary-{n}"));
        let pdf = dir.0.join("p.pdf");
        std::fs::write(&pdf, pdf_of_layout(t, &loose)).expect("write");
        let (body, signer) = body_and_signer_pages(&pdf, &doc);
        if signer > body {
            return (doc, n);
        }
    }
    panic!("no paragraph count puts the signature alone on a page");
}

#[test]
fn a_body_ending_at_a_page_boundary_keeps_its_last_lines_with_the_signature() {
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    let (doc, n) = boundary_letter(&mut t);
    let dir = temp("boundary");
    let pdf = dir.0.join("p.pdf");
    std::fs::write(&pdf, pdf_of_layout(&mut t, &layout_of(&doc))).expect("write");
    let (body, signer) = body_and_signer_pages(&pdf, &doc);
    assert_eq!(
        body, signer,
        "PDF, {n} paragraphs: body on {body}, signer on {signer}"
    );

    // The DOCX, as LibreOffice lays it out.
    let bytes = vanban_render::docx::write(&layout_of(&doc), &StyleSheet::nd30()).expect("docx");
    let docx = dir.0.join("boundary.docx");
    std::fs::write(&docx, bytes).expect("write docx");
    let profile = dir.0.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir.0)
        .arg(&docx)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is installed by ./x test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lo = dir.0.join("boundary.pdf");
    let (body, signer) = body_and_signer_pages(&lo, &doc);
    assert_eq!(
        body, signer,
        "DOCX in LibreOffice: body on {body}, signer on {signer}"
    );
}

/// A "V/v" subject broken by hand where its lines do not fit the left column, and a header
/// name too long for its lines, are pointed out by field.
#[test]
fn a_subject_or_name_that_does_not_fit_its_column_is_pointed_out() {
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let doc = fixture(LETTER);
    assert!(vanban_render::fit::check(&doc, &sheet, &mut metrics).is_empty());
    let mut broken = doc.clone();
    broken.subject = "hướng dẫn sử dụng nền tảng hội nghị trực tuyến trong các cơ quan\nnhà nước trên địa bàn tỉnh năm 2025\nvà các năm tiếp theo".into();
    broken.header.issuing_body.name =
        "Sở Thông tin và Truyền thông tỉnh Hòa Bình, cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu quản lý nhà nước".into();
    let found = vanban_render::fit::check(&broken, &sheet, &mut metrics);
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["header.issuing_body.name", "subject"], "{found:#?}");
    assert!(
        found
            .iter()
            .all(|d| d.severity == vanban_core::validate::Severity::Warning)
    );
    assert!(found[1].message.contains("V/v"), "{}", found[1].message);
}
