//! The PDF of every seed fixture, read back with poppler (`pdfinfo`, `pdffonts`, `pdftotext`,
//! `pdftoppm`): A4 pages, embedded subset fonts with ToUnicode, the document's words, page
//! numbers from page 2 of each section, pages that look like the committed reference images,
//! and user text that can never act as markup.

use crate::common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban_core::Document;
use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{PdfKind, Typesetter};
use vanban_render::style::StyleSheet;

fn pdf_of(doc: &Document) -> Vec<u8> {
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(doc, &sheet, &mut metrics);
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    t.pdf(&layout, &sheet, &doc.subject, PdfKind::Standard, None)
        .expect("pdf")
}

struct Written {
    dir: PathBuf,
    pdf: PathBuf,
}

impl Drop for Written {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

fn write(name: &str, bytes: &[u8]) -> Written {
    let dir = std::env::temp_dir().join(format!("vanban-pdf-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf, bytes).expect("write pdf");
    Written { dir, pdf }
}

fn run(cmd: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(file)
        .args(if cmd == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils, installed by ./x test): {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// First page of each section, 1-based, from the plain text's structure: the main text, then
/// each appendix starting on a new page whose first line is "Phụ lục …".
fn section_starts(file: &Path, pages: usize) -> Vec<usize> {
    let mut starts = vec![1];
    for k in 2..=pages {
        let text = run(
            "pdftotext",
            &["-f", &k.to_string(), "-l", &k.to_string()],
            file,
        );
        if text
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
            .starts_with("Phụ lục")
        {
            starts.push(k);
        }
    }
    starts
}

#[test]
fn every_fixture_is_a4_with_embedded_subset_fonts_and_the_documents_words() {
    for name in fixtures() {
        let doc = fixture(name);
        let w = write(name, &pdf_of(&doc));
        let info = run("pdfinfo", &[], &w.pdf);
        assert!(info.contains("(A4)"), "{name}: {info}");
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("page count");

        // Every font embedded, subset, with a ToUnicode map.
        let fonts = run("pdffonts", &[], &w.pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let flags = &cols[cols.len() - 5..cols.len() - 2];
            assert_eq!(flags, ["yes", "yes", "yes"], "{name}: {row}");
            assert!(
                cols[0].contains('+') && cols[0].contains("LiberationSerif"),
                "{name}: {row}"
            );
        }

        // The words: the document's, plus the page numbers.
        let (missing, extra) = word_diff(&run("pdftotext", &[], &w.pdf), &plain_text(&doc), |w| {
            w.parse::<usize>().is_ok_and(|k| k <= pages) || repeated_header_word(w)
        });
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: missing {missing:?}, extra {extra:?}"
        );

        // No number on the first page of a section; page k of a section begins with k.
        let starts = section_starts(&w.pdf, pages);
        assert_eq!(
            starts.len(),
            1 + doc.appendices.len(),
            "{name}: sections start on {starts:?}"
        );
        for k in 1..=pages {
            let text = run(
                "pdftotext",
                &["-f", &k.to_string(), "-l", &k.to_string()],
                &w.pdf,
            );
            let first = text.split_whitespace().next().unwrap_or("");
            let start = starts.iter().rev().find(|s| **s <= k).copied().unwrap_or(1);
            if starts.contains(&k) {
                assert!(
                    first.parse::<u32>().is_err(),
                    "{name}: page {k} starts with a number: {first}"
                );
            } else {
                assert_eq!(first, (k - start + 1).to_string(), "{name}: page {k}");
            }
        }
    }
}

#[test]
fn user_text_never_acts_as_markup() {
    let hostile = [
        "#set page(width: 1cm)",
        "] #panic(\"x\") [",
        "\"quoted\" \\ back\\slash",
        "$x^2$ *bold* _em_ @label <label> `code`",
        "#{ 1 + 1 } = 2 // not a comment",
        "/* not a comment */ ~ nbsp",
    ];
    let mut doc = fixture(FIXTURES[1]);
    doc.subject = hostile.join(" ");
    doc.closing = vanban_core::RichText::plain(format!("{}./.", hostile[1]));
    doc.signature.name = hostile[3].to_owned();
    doc.header.place = hostile[4].to_owned();
    if let vanban_core::model::RecipientEntry::Single(r) = &mut doc.recipients.entries[0] {
        r.name = hostile[5].to_owned();
    }
    let w = write("hostile", &pdf_of(&doc));
    let text = run("pdftotext", &[], &w.pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for h in hostile {
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&h), "“{h}” is not in the PDF's text");
    }
    let info = run("pdfinfo", &[], &w.pdf);
    assert!(
        info.contains("(A4)"),
        "the page size was not changed: {info}"
    );
}

#[test]
fn pdf_a_2b_is_written_on_request() {
    let doc = fixture(FIXTURES[1]);
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    let bytes = t
        .pdf(
            &layout,
            &sheet,
            &doc.subject,
            PdfKind::ArchivalA2b,
            Some(vanban_render::pdf::Created {
                year: 2026,
                month: 11,
                day: 23,
                hour: 8,
                minute: 0,
                second: 0,
            }),
        )
        .expect("pdf/a");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("pdfaid:part") && text.contains("pdfaid:conformance"),
        "no PDF/A identification in the XMP"
    );
}

/// Grey pixels of a rendered page.
fn page_pixels(pdf: &Path, page: usize, out: &Path) -> (u32, u32, Vec<u8>) {
    let prefix = out.join(format!("p{page}"));
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "40",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let png = prefix.with_extension("png");
    decode(&std::fs::read(&png).expect("png"))
}

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    let gray: Vec<u8> = match info.color_type {
        png::ColorType::Grayscale => buf,
        png::ColorType::GrayscaleAlpha => buf.chunks(2).map(|c| c[0]).collect(),
        png::ColorType::Rgb => buf
            .chunks(3)
            .map(|c| ((u32::from(c[0]) + u32::from(c[1]) + u32::from(c[2])) / 3) as u8)
            .collect(),
        png::ColorType::Rgba => buf
            .chunks(4)
            .map(|c| ((u32::from(c[0]) + u32::from(c[1]) + u32::from(c[2])) / 3) as u8)
            .collect(),
        other => panic!("unexpected png colour type {other:?}"),
    };
    (info.width, info.height, gray)
}

/// Pages rendered at 40 dpi match the committed references in `tests/reference/`, within a
/// small tolerance; set `VANBAN_BLESS=1` to write new references (look at them first).
#[test]
fn pages_match_the_reference_images() {
    let bless = std::env::var_os("VANBAN_BLESS").is_some();
    let refs = repo().join("tests/reference");
    let mut compared = 0;
    for name in fixtures().into_iter().chain([CONG_VAN, QUYET_DINH]) {
        let w = write(&format!("ref-{name}"), &pdf_of(&fixture(name)));
        let info = run("pdfinfo", &[], &w.pdf);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("pages");
        for k in 1..=pages {
            let (width, height, pixels) = page_pixels(&w.pdf, k, &w.dir);
            let reference = refs.join(format!("{name}-{k}.png"));
            if bless {
                std::fs::create_dir_all(&refs).expect("reference dir");
                std::fs::copy(w.dir.join(format!("p{k}.png")), &reference).expect("copy reference");
                continue;
            }
            let bytes = std::fs::read(&reference).unwrap_or_else(|e| {
                panic!("{}: {e} (VANBAN_BLESS=1 writes it)", reference.display())
            });
            let (rw, rh, expected) = decode(&bytes);
            assert_eq!((width, height), (rw, rh), "{name} page {k}: size");
            // A pixel differs when its grey level moved by more than a quarter; a page may
            // differ in 0.5 % of its pixels (anti-aliasing, font hinting).
            let differing = pixels
                .iter()
                .zip(&expected)
                .filter(|(a, b)| a.abs_diff(**b) > 64)
                .count();
            let share = differing as f64 / pixels.len() as f64;
            assert!(
                share < 0.005,
                "{name} page {k}: {:.2} % of pixels differ from {}",
                share * 100.0,
                reference.display()
            );
            compared += 1;
        }
        let stale = std::fs::read_dir(&refs)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| {
                        let f = e.file_name().to_string_lossy().into_owned();
                        f.starts_with(&format!("{name}-"))
                            && f.trim_start_matches(&format!("{name}-"))
                                .trim_end_matches(".png")
                                .parse::<usize>()
                                .is_ok_and(|n| n > pages)
                    })
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(
            stale, 0,
            "{name}: references for pages the PDF no longer has"
        );
    }
    assert!(bless || compared > 0);
}

/// A word on a page as `pdftotext -bbox` gives it, in points from the top left corner.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn words_of_page(pdf: &Path, page: usize) -> Vec<Word> {
    let html = run(
        "pdftotext",
        &["-f", &page.to_string(), "-l", &page.to_string(), "-bbox"],
        pdf,
    );
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).expect("attribute") + key.len();
        tag[at..at + tag[at..].find('"').expect("quote")]
            .parse()
            .expect("number")
    };
    html.split("<word ")
        .skip(1)
        .map(|chunk| {
            let close = chunk.find('>').expect(">");
            let tag = &chunk[..close];
            let text = chunk[close + 1..chunk.find("</word>").expect("</word>")]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"");
            Word {
                text,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            }
        })
        .collect()
}

/// The words of the line that starts with `first` (then `second`), left to right.
fn line_from<'a>(words: &'a [Word], first: &str, second: &str) -> Vec<&'a Word> {
    let start = words
        .windows(2)
        .position(|w| w[0].text == first && w[1].text == second)
        .unwrap_or_else(|| panic!("no line “{first} {second}”"));
    // The words of that line in the same column: the header's two columns share baselines
    // ("Số: …" beside "Lạng Sơn, ngày …"), so a wide gap ends the line.
    let y = words[start].y0;
    let mut line = vec![&words[start]];
    for w in &words[start + 1..] {
        let last = line[line.len() - 1];
        if (w.y0 - y).abs() >= 1.0 || w.x0 - last.x1 > 20.0 {
            break;
        }
        line.push(w);
    }
    line
}

fn pages_of(pdf: &Path) -> usize {
    run("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count")
}

const PT_PER_MM: f64 = 72.0 / 25.4;

/// The công văn and the quyết định: A4 with their words and embedded fonts, like the plans.
#[test]
fn the_other_types_export_their_words_with_embedded_fonts() {
    for name in [CONG_VAN, QUYET_DINH] {
        let doc = fixture(name);
        let w = write(name, &pdf_of(&doc));
        assert!(run("pdfinfo", &[], &w.pdf).contains("(A4)"));
        let pages = pages_of(&w.pdf);
        let (missing, extra) = word_diff(&run("pdftotext", &[], &w.pdf), &plain_text(&doc), |w| {
            w.parse::<usize>().is_ok_and(|k| (2..=pages).contains(&k))
        });
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: missing {missing:?}, extra {extra:?}"
        );
        for row in run("pdffonts", &[], &w.pdf).lines().skip(2) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(
                &cols[cols.len() - 5..cols.len() - 2],
                ["yes", "yes", "yes"],
                "{row}"
            );
        }
    }
}

#[test]
fn the_guidance_letter_puts_vv_under_the_number_and_the_dashes_under_the_colon() {
    let doc = fixture(CONG_VAN);
    let w = write("cong-van-positions", &pdf_of(&doc));
    assert_eq!(pages_of(&w.pdf), 2);
    let words = words_of_page(&w.pdf, 1);
    assert!(
        !words.iter().any(|w| w.text == "CÔNG" || w.text == "VĂN"),
        "a công văn has no type title"
    );

    // "V/v …" starts 6 pt (one paragraph space) under the number line, centred under it in
    // the left column, in type no larger than the number's.
    let number = line_from(&words, "Số:", "1256/STTTT-CNTT");
    let vv = line_from(&words, "V/v", "hướng");
    let gap = vv[0].y0 - number[0].y1;
    assert!(
        (4.0..=10.0).contains(&gap),
        "V/v {gap:.1} pt under the number"
    );
    let centre = |l: &[&Word]| (l[0].x0 + l[l.len() - 1].x1) / 2.0;
    assert!(
        (centre(&number) - centre(&vv)).abs() < 1.5,
        "number centred at {:.1}, V/v at {:.1}",
        centre(&number),
        centre(&vv)
    );
    let left_column_end = (30.0 + 65.0) * PT_PER_MM;
    assert!(vv.iter().all(|w| w.x1 < left_column_end));
    assert!(vv[0].y1 - vv[0].y0 <= number[0].y1 - number[0].y0 + 0.1);

    // Kính gửi: the dash of every addressee line starts where the colon stands.
    let label = line_from(&words, "Kính", "gửi:");
    let colon_x = label[1].x1 - 14.0 * 0.278; // the colon's advance at 14 pt (Times: 0.278 em)
    let dashes: Vec<&Word> = words
        .iter()
        .filter(|w| w.text == "-" && w.y0 > label[0].y1 && w.y0 < label[0].y1 + 7.0 * 18.0)
        // a dash that opens its line ("chính trị - xã hội" has one inside)
        .filter(|d| {
            !words
                .iter()
                .any(|o| (o.y0 - d.y0).abs() < 1.0 && o.x0 < d.x0 - 0.1)
        })
        .collect();
    assert_eq!(dashes.len(), doc.addressees.len(), "{dashes:?}");
    for d in &dashes {
        assert!(
            (d.x0 - colon_x).abs() < 1.0,
            "dash at {:.1} pt, colon at {colon_x:.1} pt",
            d.x0
        );
    }

    // Nơi nhận starts with "- Như trên;" right under its label.
    let last = words_of_page(&w.pdf, 2);
    let nn = line_from(&last, "Nơi", "nhận:");
    let first = line_from(&last, "-", "Như");
    assert_eq!(
        first.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(),
        ["-", "Như", "trên;"]
    );
    assert!(first[0].y0 > nn[0].y1 && first[0].y0 - nn[0].y1 < 6.0);
    assert!((first[0].x0 - nn[0].x0).abs() < 0.5, "flush left");
}

#[test]
fn the_decision_centres_its_authority_and_indents_its_articles() {
    let doc = fixture(QUYET_DINH);
    let w = write("quyet-dinh-positions", &pdf_of(&doc));
    // The decision on page 1, the plan it issues on page 2.
    assert_eq!(pages_of(&w.pdf), 2);
    let words = words_of_page(&w.pdf, 1);
    let text_centre = (30.0 + 165.0 / 2.0) * PT_PER_MM;
    let centre = |l: &[&Word]| (l[0].x0 + l[l.len() - 1].x1) / 2.0;
    let authority = line_from(&words, "GIÁM", "ĐỐC");
    assert_eq!(
        authority.len(),
        8,
        "one line: GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    );
    assert!((centre(&authority) - text_centre).abs() < 1.5);
    let enact = line_from(&words, "QUYẾT", "ĐỊNH:");
    assert!((centre(&enact) - text_centre).abs() < 1.5);
    let proposal = line_from(&words, "Theo", "đề");
    assert!(authority[0].y1 < proposal[0].y0 && proposal[0].y1 < enact[0].y0);

    // The bases, the proposal and each "Điều N." start 1 cm in from the text block's edge.
    let indent = (30.0 + 10.0) * PT_PER_MM;
    let starts: Vec<&Word> = words
        .windows(2)
        .filter(|p| {
            (p[0].text == "Căn" && p[1].text == "cứ")
                || (p[0].text == "Điều" && p[1].text.ends_with('.'))
        })
        .map(|p| &p[0])
        .collect();
    assert_eq!(starts.len(), 2 + 3, "{starts:?}");
    for s in starts.iter().chain([&proposal[0]]) {
        assert!((s.x0 - indent).abs() < 1.0, "{} at {:.1} pt", s.text, s.x0);
    }
    let articles: Vec<&&Word> = starts.iter().filter(|w| w.text == "Điều").collect();
    assert!(articles.windows(2).all(|a| a[0].y0 < a[1].y0));
    assert!(enact[0].y1 < articles[0].y0);
}

#[test]
fn the_plan_a_decision_issues_starts_a_page_with_the_header_and_no_number() {
    let doc = fixture(QUYET_DINH);
    let w = write("quyet-dinh-attachment", &pdf_of(&doc));
    let page = words_of_page(&w.pdf, 2);
    let first: Vec<&str> = page.iter().take(4).map(|w| w.text.as_str()).collect();
    assert_eq!(
        first,
        ["UBND", "TỈNH", "LẠNG", "SƠN"],
        "no page number on its first page"
    );
    assert!(!page.iter().any(|w| w.text == "Số:"), "no number line");
    let title = line_from(&page, "KẾ", "HOẠCH");
    let text_centre = (30.0 + 165.0 / 2.0) * PT_PER_MM;
    assert!(((title[0].x0 + title[1].x1) / 2.0 - text_centre).abs() < 1.5);
    let kem = line_from(&page, "(Kèm", "theo");
    assert!(kem[0].y0 > title[0].y1);
    let flat = page
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("(Kèm theo Quyết định số 87/QĐ-STTTT ngày 06 tháng 02 năm 2025 của Giám đốc Sở Thông tin và Truyền thông)"));
    assert!(flat.ends_with("GIÁM ĐỐC Lê Văn Cường"), "{flat}");
    assert!(!flat.contains("Nơi nhận"));
}

/// Regression: with the plan a decision issues, the signature block appeared twice and the
/// signer's image went to the plan's (the last one); it belongs to the decision's.
#[test]
fn the_signature_spot_of_a_decision_is_its_own_not_the_plans() {
    let sheet = StyleSheet::nd30();
    let spot = |doc: &Document| {
        let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
        let layout = vanban_render::layout(doc, &sheet, &mut metrics);
        let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
        t.signature_spot(&layout, &sheet, "t")
            .expect("typeset")
            .expect("a signature block")
    };
    let with_plan = fixture(QUYET_DINH);
    let mut alone = with_plan.clone();
    alone.attachment = None;
    let (a, b) = (spot(&with_plan), spot(&alone));
    assert_eq!(a.page, 1);
    assert_eq!(a, b);
}

/// The live preview's picture of a page (the PNG the desktop shows) is the exported PDF's page:
/// drawn at the width poppler draws that page at 40 dpi, the two differ only by antialiasing,
/// on every fixture's first and last page.
#[test]
fn the_preview_picture_of_a_page_is_the_pdfs_page() {
    use vanban_render::pdf::{Marks, PageStore};
    for name in fixtures() {
        let doc = fixture(name);
        let sheet = StyleSheet::nd30();
        let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
        let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
        let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
        let store = PageStore::default();
        let pages = t
            .preview_pages(&layout, &sheet, &doc.subject, &Marks::default(), &store)
            .expect("preview");
        let written = write(
            &format!("preview-{}", name.replace('.', "-")),
            &pdf_of(&doc),
        );
        for page in [1, pages.len()] {
            let (w, h, printed) = page_pixels(&written.pdf, page, &written.dir);
            let png = store.png(pages[page - 1].key, w).expect("the page is held");
            let (pw, ph, shown) = decode(&png);
            assert_eq!(pw, w, "{name} page {page}: width");
            assert!(ph.abs_diff(h) <= 1, "{name} page {page}: {ph} vs {h} high");
            let n = (w * h.min(ph)) as usize;
            let dark = |g: &[u8]| g[..n].iter().filter(|&&v| v < 128).count();
            assert!(
                dark(&shown) * 200 > n || dark(&printed) * 200 <= n,
                "{name} page {page}: the picture is blank ({} dark pixels, the PDF's {})",
                dark(&shown),
                dark(&printed)
            );
            // Antialiasing differs pixel by pixel (poppler and tiny-skia); what is drawn where
            // does not: compared as the ink in each 8×8 block.
            let blocks = |g: &[u8]| {
                let mut ink = Vec::new();
                for by in (0..h.min(ph)).step_by(8) {
                    for bx in (0..w).step_by(8) {
                        let mut sum = 0u32;
                        for y in by..(by + 8).min(h.min(ph)) {
                            for x in bx..(bx + 8).min(w) {
                                sum += u32::from(255 - g[(y * w + x) as usize]);
                            }
                        }
                        ink.push(sum / 64);
                    }
                }
                ink
            };
            let (a, b) = (blocks(&printed), blocks(&shown));
            let mean =
                a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).sum::<u32>() as f64 / a.len() as f64;
            assert!(
                mean < 4.0,
                "{name} page {page}: mean difference of the blocks' ink {mean:.2} of 255"
            );
            eprintln!("{name} page {page}: blocks' ink differs by {mean:.2} of 255 on average");
        }
    }
}

/// Typing in a long document, or adding a task to it, makes new only the parts of the Typst
/// source that hold the change: every other part keeps its name, and Typst does not read it
/// again (what keeps a keystroke in a 19-page plan cheap).
#[test]
fn an_edit_makes_new_only_the_parts_holding_it() {
    use std::collections::HashSet;
    use vanban_core::model::TaskNode;
    use vanban_render::pdf::{Draw, markup};

    fn last_group(nodes: &mut Vec<TaskNode>) -> Option<&mut Vec<TaskNode>> {
        let holds_groups = nodes.iter().any(|n| matches!(n, TaskNode::Group { .. }));
        if !holds_groups {
            return Some(nodes);
        }
        match nodes
            .iter_mut()
            .rev()
            .find(|n| matches!(n, TaskNode::Group { .. }))
        {
            Some(TaskNode::Group { tasks, .. }) => last_group(tasks),
            _ => None,
        }
    }

    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let mut doc = fixture(FIXTURES[2]);
    let mut names = |doc: &Document| -> HashSet<String> {
        let layout = vanban_render::layout(doc, &sheet, &mut metrics);
        markup(&layout, &sheet, "VănBản", "Liberation Serif", Draw::Whole)
            .parts
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    };
    let mut before = names(&doc);
    assert!(before.len() >= 20, "Long An in {} parts", before.len());

    let mut changed = |doc: &Document, what: &str, most: usize| {
        let after = names(doc);
        let gone = before.difference(&after).count();
        let new = after.difference(&before).count();
        assert!(
            (1..=most).contains(&new) && gone <= most,
            "{what}: {new} parts new and {gone} gone of {}",
            after.len()
        );
        before = after;
    };
    doc.subject.push_str(" năm 2025");
    // The subject's paragraph, and the rule under it, sized to it.
    changed(&doc, "a word in the subject", 2);
    let group = last_group(&mut doc.tasks).expect("a group of tasks");
    let TaskNode::Task(task) = group.last_mut().expect("a task") else {
        panic!("the last group ends with a group")
    };
    task.lead.push("Sở Tư pháp".into());
    // The row's part, and the part holding the table (which imports it).
    changed(&doc, "a unit added to the last task", 2);
    let group = last_group(&mut doc.tasks).expect("a group of tasks");
    let copy = group.last().expect("a task").clone();
    // At the group's start: every row after it moves down one.
    group.insert(0, copy);
    changed(&doc, "a task added at the start of a group", 3);
}

/// A keystroke draws again only the part of its page that changed: the page is drawn from its
/// picture before the edit, and that picture is, pixel for pixel within one grey level, the
/// page drawn whole (Long An's page 1, a word added to the subject). An edit that moves the whole page (the subject
/// grown by a line pushes everything down) is drawn whole, and as right.
#[test]
fn a_page_edited_is_drawn_from_its_picture_before_as_it_would_be_drawn_whole() {
    use vanban_render::pdf::{Marks, PageInfo, PageStore};
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
    let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
    let mut preview = |doc: &Document, store: &PageStore| -> Vec<PageInfo> {
        let layout = vanban_render::layout(doc, &sheet, &mut metrics);
        t.preview_pages(&layout, &sheet, "xem trước", &Marks::default(), store)
            .expect("preview")
    };
    let mut doc = fixture("ke-hoach-long-an-tuyen-truyen-cds-2025");
    let store = PageStore::default();
    let before = preview(&doc, &store);
    for page in &before[..2] {
        store.png(page.key, 760).expect("drawn");
    }
    let drawn_whole = |doc: &Document, key| {
        let fresh = PageStore::default();
        let mut t = Typesetter::new(liberation_serif()).expect("typesetter");
        let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
        let layout = vanban_render::layout(doc, &sheet, &mut metrics);
        t.preview_pages(&layout, &sheet, "xem trước", &Marks::default(), &fresh)
            .expect("preview");
        decode(&fresh.png(key, 760).expect("drawn whole"))
    };

    doc.subject.push_str(" mới");
    let after = preview(&doc, &store);
    assert_ne!(after[0].key, before[0].key, "page 1 changed");
    assert_eq!(after[1].key, before[1].key, "page 2 did not");
    let png = store.png(after[0].key, 760).expect("drawn");
    assert_eq!(
        store.redrawn(),
        1,
        "page 1 was drawn from its picture before"
    );
    let (w, h, redrawn) = decode(&png);
    let (ww, wh, whole) = drawn_whole(&doc, after[0].key);
    assert_eq!((w, h), (ww, wh));
    // Drawn at another origin, a glyph's edge may round to the next grey level, no more.
    let worst = redrawn
        .iter()
        .zip(&whole)
        .map(|(a, b)| a.abs_diff(*b))
        .max();
    assert!(
        worst <= Some(1),
        "a pixel differs by {worst:?} of 255 from the page drawn whole"
    );

    doc.subject
        .push_str(" và những nội dung khác dài thêm một dòng nữa cho tên của kế hoạch này");
    let longer = preview(&doc, &store);
    let png = store.png(longer[0].key, 760).expect("drawn");
    assert_eq!(store.redrawn(), 1, "most of page 1 moved: drawn whole");
    assert_eq!(decode(&png), drawn_whole(&doc, longer[0].key));
}

/// The page numbers are written after layout, into a header Typst laid out with a 0 (see
/// `pdf/marginals.rs`): a number of two digits is centred over the text as a number of one
/// digit is, in the top margin, and the section's first page has none.
#[test]
fn page_numbers_of_one_and_two_digits_are_centred_in_the_top_margin() {
    let mut doc = fixture(FIXTURES[2]);
    let sections = doc.body.sections.clone();
    for _ in 0..3 {
        doc.body.sections.extend(sections.iter().cloned());
    }
    let w = write("two-digit-numbers", &pdf_of(&doc));
    let text_centre = (30.0 + 165.0 / 2.0) * PT_PER_MM;
    let first = words_of_page(&w.pdf, 1);
    assert!(
        first[0].text.parse::<u32>().is_err(),
        "page 1 starts with {}",
        first[0].text
    );
    for k in [2, 9, 10, 11] {
        let page = words_of_page(&w.pdf, k);
        let number = &page[0];
        assert_eq!(number.text, k.to_string(), "page {k}");
        let centre = (number.x0 + number.x1) / 2.0;
        assert!(
            (centre - text_centre).abs() < 0.5,
            "page {k}: number centred at {centre:.2} pt, the text at {text_centre:.2}"
        );
        assert!(
            number.y1 < 20.0 * PT_PER_MM,
            "page {k}: number at {:.1} pt",
            number.y1
        );
    }
}
