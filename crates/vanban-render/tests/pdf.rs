//! The PDF of every seed fixture, read back with poppler (`pdfinfo`, `pdffonts`, `pdftotext`,
//! `pdftoppm`): A4 pages, embedded subset fonts with ToUnicode, the document's words, page
//! numbers from page 2 of each section, pages that look like the committed reference images,
//! and user text that can never act as markup.

mod common;
use common::*;

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
    for name in fixtures() {
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
