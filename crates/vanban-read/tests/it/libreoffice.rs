//! LibreOffice writes a DOCX from plain text without any style (`soffice --headless
//! --convert-to docx`): one paragraph of the default style per line. Such a file reads like
//! the text it was made of.

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban_read::{Format, Options, read};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn a_docx_libreoffice_wrote_from_plain_text_reads_like_the_text() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("soffice is not installed: nothing to check");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vanban-read-lo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for name in [
        "ke-hoach-lang-son-ngay-cds-2022",
        "ke-hoach-lang-son-cong-dan-so-2022",
        "ke-hoach-long-an-tuyen-truyen-cds-2025",
    ] {
        let seed = repo().join("tests/seeds").join(format!("{name}.txt"));
        let txt = dir.join(format!("{name}.txt"));
        std::fs::copy(&seed, &txt).expect("copy seed");
        let status = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}/profile",
                dir.display()
            ))
            .args([
                "--headless",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
            ])
            .arg(&dir)
            .arg(&txt)
            .output()
            .expect("soffice");
        assert!(status.status.success(), "soffice failed on {name}");
        let docx = std::fs::read(dir.join(format!("{name}.docx"))).expect("docx written");
        let from_docx = read(&docx, Format::Docx, &Options::default())
            .expect("read docx")
            .document;
        let text = std::fs::read(&seed).expect("seed");
        let from_text = read(&text, Format::Text, &Options::default())
            .expect("read text")
            .document;
        let a = vanban_core::exchange::to_string(&from_text);
        let b = vanban_core::exchange::to_string(&from_docx);
        if a != b {
            let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
            let at = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(0);
            panic!(
                "{name}: the DOCX reads differently from the text at line {at}:\n  text: {}\n  docx: {}",
                la.get(at).unwrap_or(&""),
                lb.get(at).unwrap_or(&"")
            );
        }
        let report = vanban_core::validate::validate(&from_docx);
        assert_eq!(report.errors(), 0, "{name}: {:?}", report.diagnostics);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
