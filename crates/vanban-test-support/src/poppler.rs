//! What poppler's tools (installed by `./x`) read from a PDF: the words of a page with their
//! boxes (`pdftotext -bbox`) and the signatures' report (`pdfsig`).

use std::path::Path;
use std::process::Command;

/// pdfsig's report of a file.
pub fn pdfsig(path: &Path) -> String {
    let out = Command::new("pdfsig")
        .arg("-nocert")
        .arg(path)
        .output()
        .expect("pdfsig (poppler-utils) is installed by ./x");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A word of a PDF page as poppler's `pdftotext -bbox` places it, in points from the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub text: String,
}

/// The words of page 1 of a PDF file, in reading order (pdftotext, from poppler-utils, which
/// `./x` installs).
pub fn page_one_words(pdf: &Path) -> Vec<Word> {
    let o = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by ./x");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let num = |k: &str| -> f64 {
                let at = l.find(&format!("{k}=\"")).expect("attr") + k.len() + 2;
                l[at..at + l[at..].find('"').expect("quote")]
                    .parse()
                    .expect("number")
            };
            let text = l[l.find('>')? + 1..].trim_end_matches("</word>").to_owned();
            Some(Word {
                x_min: num("xMin"),
                x_max: num("xMax"),
                y_min: num("yMin"),
                y_max: num("yMax"),
                text,
            })
        })
        .collect()
}
