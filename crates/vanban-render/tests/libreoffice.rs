//! Every seed fixture's DOCX opens in LibreOffice (headless) and converts to PDF without error,
//! and the PDF's text is the document's text word for word (as a multiset of words: a PDF's
//! text order across table columns is the reader's choice, not the document's).
//!
//! Needs `soffice` and `pdftotext` (libreoffice-writer-nogui, poppler-utils), which `./x test`
//! installs. Set `VANBAN_KEEP_PDF=DIR` to keep the PDFs and page images for a look.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban_render::fonts::liberation_serif;
use vanban_render::metrics::Metrics;
use vanban_render::style::StyleSheet;

fn convert(docx: &Path, out_dir: &Path) -> PathBuf {
    // A profile of its own, so that parallel conversions do not lock each other out.
    let profile = out_dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is installed by ./x test");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().expect("name"));
    assert!(
        pdf.exists(),
        "soffice wrote no PDF: {}",
        String::from_utf8_lossy(&status.stdout)
    );
    pdf
}

#[test]
fn libreoffice_converts_every_fixture_and_keeps_every_word() {
    let sheet = StyleSheet::nd30();
    let keep = std::env::var_os("VANBAN_KEEP_PDF").map(PathBuf::from);
    let mut agreement = Vec::new();
    // The seeds, then the công văn and the quyết định with the plan it issues.
    for name in fixtures()
        .into_iter()
        .chain([CONG_VAN, QUYET_DINH, PLAN, LETTER])
    {
        let doc = fixture(name);
        let mut metrics = Metrics::new(liberation_serif()).expect("fonts");
        let bytes =
            vanban_render::docx::write(&vanban_render::layout(&doc, &sheet, &mut metrics), &sheet)
                .expect("docx");
        let dir = std::env::temp_dir().join(format!("vanban-lo-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let docx = dir.join(format!("{name}.docx"));
        std::fs::write(&docx, bytes).expect("write docx");
        let pdf = convert(&docx, &dir);

        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        assert!(text.status.success());
        // The PDF adds the page numbers of pages 2, 3, … of each section, and nothing else.
        let (missing, extra) = word_diff(
            &String::from_utf8_lossy(&text.stdout),
            &plain_text(&doc),
            |w| w.parse::<u32>().is_ok() || repeated_header_word(w),
        );
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: missing {missing:?}, extra {extra:?}"
        );

        // The last page carries the body's last words above the signer's name.
        let pages = page_texts(&pdf);
        let last_page_with = |phrase: &str| {
            pages
                .iter()
                .rposition(|p| p.contains(phrase))
                .unwrap_or_else(|| panic!("{name}: “{phrase}” is not in LibreOffice's PDF"))
        };
        let body = last_page_with(&last_body_words(&doc));
        let signer = last_page_with(doc.signature.name.trim());
        assert_eq!(
            body,
            signer,
            "{name}: in LibreOffice the body ends on page {}, the signer's name is on page {}",
            body + 1,
            signer + 1
        );

        // Our PDF against LibreOffice's rendering of our DOCX: page count, and the first and
        // last words of each page.
        let mut t = vanban_render::pdf::Typesetter::new(liberation_serif()).expect("typesetter");
        let ours = t
            .pdf(
                &vanban_render::layout(&doc, &sheet, &mut metrics),
                &sheet,
                &doc.subject,
                vanban_render::pdf::PdfKind::Standard,
                None,
            )
            .expect("pdf");
        let ours_path = dir.join("ours.pdf");
        std::fs::write(&ours_path, ours).expect("write");
        let (a, b) = (page_edges(&pdf), page_edges(&ours_path));
        let agree = a.iter().zip(&b).filter(|(x, y)| x == y).count();
        println!(
            "{name}: LibreOffice {} pages, Typst {} pages; {agree} pages with the same first and last words",
            a.len(),
            b.len()
        );
        agreement.push((name, a.len(), b.len(), agree));

        if let Some(keep) = &keep {
            std::fs::create_dir_all(keep).expect("keep dir");
            std::fs::copy(&pdf, keep.join(format!("{name}.pdf"))).expect("copy pdf");
            let status = Command::new("pdftoppm")
                .args(["-r", "60", "-png"])
                .arg(&pdf)
                .arg(keep.join(name))
                .status()
                .expect("pdftoppm");
            assert!(status.success());
        }
        std::fs::remove_dir_all(&dir).ok();
    }
    // The two typesetters break lines on their own, so pages may drift; they must at least
    // produce the same number of pages for every fixture.
    for (name, lo, typst, _) in &agreement {
        assert!(
            lo.abs_diff(*typst) <= 1,
            "{name}: LibreOffice {lo} pages, Typst {typst}"
        );
    }
}

/// First and last words of each page, page numbers left out.
fn page_edges(pdf: &Path) -> Vec<(String, String)> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    text.split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .map(|page| {
            let words: Vec<&str> = page
                .split_whitespace()
                .filter(|w| w.parse::<u32>().is_err())
                .collect();
            (
                words.first().unwrap_or(&"").to_string(),
                words.last().unwrap_or(&"").to_string(),
            )
        })
        .collect()
}

/// The text of each page, its words joined by single spaces.
fn page_texts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}
