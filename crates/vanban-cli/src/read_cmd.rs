//! `vanban read`: an existing document (Word, PDF, text) into a `vanban/1` file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use vanban_core::DocumentType;

use crate::OutputFormat;

use crate::error::CliResult;

/// Largest file read (a 200-page PDF with images is far below).
const MAX_FILE: u64 = 256 * 1024 * 1024;

#[derive(Serialize)]
struct ReadOutput<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    format: vanban_read::Format,
    /// Errors and warnings of `vanban validate` on the read document.
    errors: usize,
    warnings: usize,
    diagnostics: &'a [vanban_read::Diagnostic],
    validation: &'a [vanban_core::validate::Diagnostic],
}

#[derive(Serialize)]
struct Unusable {
    file: String,
    ok: bool,
    code: &'static str,
    message: String,
}

/// Reads `file`; writes the document to `output` (never over an existing file) or, without
/// one, to standard output. Exit codes: 0 read and valid, 1 read but `validate` finds errors
/// (the file is written all the same), 2 the file cannot be read.
pub fn run(
    file: &Path,
    doc_type: Option<DocumentType>,
    output: Option<&PathBuf>,
    format: OutputFormat,
    stdout: &mut impl Write,
) -> CliResult<ExitCode> {
    let fail =
        |code: &'static str, message: String, stdout: &mut dyn Write| -> CliResult<ExitCode> {
            match format {
                OutputFormat::Json => {
                    let payload = Unusable {
                        file: file.display().to_string(),
                        ok: false,
                        code,
                        message,
                    };
                    writeln!(stdout, "{}", serde_json::to_string_pretty(&payload)?)?;
                }
                OutputFormat::Human => eprintln!("{}: {message}", file.display()),
            }
            Ok(ExitCode::from(2))
        };
    let bytes = match std::fs::metadata(file) {
        Ok(m) if m.len() > MAX_FILE => {
            return fail("too-large", "tệp quá lớn (trên 256 MB).".into(), stdout);
        }
        Ok(_) => match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => return fail("io", format!("không đọc được tệp: {e}"), stdout),
        },
        Err(e) => return fail("io", format!("không đọc được tệp: {e}"), stdout),
    };
    let kind = file
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(vanban_read::Format::from_extension)
        .unwrap_or_else(|| vanban_read::Format::sniff(&bytes));
    let options = vanban_read::Options { doc_type };
    let reading = match vanban_read::read(&bytes, kind, &options) {
        Ok(r) => r,
        Err(e) => return fail(e.code(), e.to_string(), stdout),
    };
    let text = vanban_core::exchange::to_string(&reading.document);
    let report = vanban_core::validate::validate(&reading.document);
    match output {
        Some(path) => crate::write_new(path, &text)?,
        None if format == OutputFormat::Human => stdout.write_all(text.as_bytes())?,
        None => {}
    }
    match format {
        OutputFormat::Json => {
            let payload = ReadOutput {
                file: file.display().to_string(),
                output: output.map(|p| p.display().to_string()),
                format: kind,
                errors: report.errors(),
                warnings: report.warnings(),
                diagnostics: &reading.diagnostics,
                validation: &report.diagnostics,
            };
            writeln!(stdout, "{}", serde_json::to_string_pretty(&payload)?)?;
        }
        OutputFormat::Human => {
            let mut err = std::io::stderr().lock();
            writeln!(
                err,
                "{}: đọc xong; {} ghi chú khi đọc, {} lỗi và {} cảnh báo khi kiểm tra.",
                file.display(),
                reading.diagnostics.len(),
                report.errors(),
                report.warnings()
            )?;
            for d in &reading.diagnostics {
                let label = match d.severity {
                    vanban_read::Severity::Warning => "cảnh báo",
                    vanban_read::Severity::Info => "ghi chú",
                };
                writeln!(err, "  {label:<9} {}: {}", d.origin, d.message)?;
            }
            crate::print_report(&report, &mut err)?;
        }
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
