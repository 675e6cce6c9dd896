//! `vanban export`: one document to a file, or many to a folder in one process, through one
//! [`Exporter`] (fonts parsed and the template compiled once for all of them).
//!
//! Sources are document files and numbers of stored documents, in any mix; the stored ones go
//! through one workflow (one database connection). A document with errors is reported and
//! skipped, the others are still written. Exit code: 0 all written, 1 some refused for their
//! errors (or a rule of the workflow), 2 an unusable input.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vanban_app::export::{ExportFormat, ExportOptions, Exporter};
use vanban_render::metrics::FontFiles;

use crate::error::{CliResult, unusable};
use crate::store_cmds;

/// Where the files go.
#[derive(Debug)]
pub enum Target {
    /// One document to this file, in this format (from its extension).
    File(PathBuf, ExportFormat),
    /// Each document to a file of this folder named after it.
    Dir(PathBuf, ExportFormat),
}

/// A source: a document file, or the number of a stored document.
enum Source<'a> {
    File(&'a Path),
    Stored(i64),
}

fn source(s: &str) -> Source<'_> {
    match s.parse::<i64>() {
        Ok(id) => Source::Stored(id),
        Err(_) => Source::File(Path::new(s)),
    }
}

/// How many files are written at once (beside the typesetting of the next).
const WRITING: usize = 2;

/// A file being written on a thread of its own, or the reason it was not.
type Written<'scope> =
    vanban_app::Result<std::thread::ScopedJoinHandle<'scope, vanban_app::Result<()>>>;

/// What became of the file, once it is written.
fn outcome(written: Written<'_>) -> vanban_app::Result<()> {
    written.and_then(|thread| {
        thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Tells what became of the file of `path`: its output's name on standard output, or why it
/// was not written on standard error. Gives the exit code it calls for.
fn told(
    path: &Path,
    output: &Path,
    outcome: vanban_app::Result<()>,
    stdout: &mut impl Write,
) -> CliResult<ExitCode> {
    Ok(match outcome {
        Ok(()) => {
            writeln!(stdout, "{}", output.display())?;
            ExitCode::SUCCESS
        }
        Err(vanban_app::Error::Invalid { report, .. }) => {
            eprintln!(
                "{}: văn bản còn {} lỗi, chưa xuất.",
                path.display(),
                report.errors()
            );
            crate::print_report(&report, &mut std::io::stderr().lock())?;
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    })
}

/// Exports every source to `target`.
pub fn run(
    sources: &[String],
    target: &Target,
    style: Option<&Path>,
    typeface: FontFiles<'_>,
    ctx: &store_cmds::Context,
) -> CliResult {
    // Two files of the same name from different folders would overwrite each other's output.
    if let Target::Dir(dir, format) = target {
        let mut seen = HashSet::new();
        for s in sources {
            if let Source::File(path) = source(s) {
                let out = file_output(dir, path, *format)?;
                if !seen.insert(out.clone()) {
                    unusable!(
                        "hai văn bản cùng ghi ra {}: đổi tên một tệp hoặc xuất riêng",
                        out.display()
                    );
                }
            }
        }
    }
    let created = vanban_app::clock::pdf_created(store_cmds::now()?);
    let mut exporter = Exporter::new(typeface)?;
    // The sheet of a style file, read once for the files (stored documents read it themselves,
    // since without a file each takes its body's profile).
    let file_sheet = vanban_app::style_sheet(style)?;
    let mut worst = ExitCode::SUCCESS;
    let mut note = |code: ExitCode| {
        if code != ExitCode::SUCCESS && worst != ExitCode::from(2) {
            worst = code;
        }
    };
    let mut stored = Vec::new();
    let mut stdout = std::io::stdout().lock();
    // Each file's last step (writing the PDF, then the file) runs on a thread of its own while
    // the next document is typeset, at most `WRITING` at a time; what became of each is told in
    // the order of the sources.
    std::thread::scope(|scope| -> CliResult<()> {
        let mut writing = std::collections::VecDeque::new();
        for s in sources {
            match source(s) {
                Source::Stored(id) => stored.push(id),
                Source::File(path) => {
                    let (output, format) = match target {
                        Target::File(output, format) => (output.clone(), *format),
                        Target::Dir(dir, format) => (file_output(dir, path, *format)?, *format),
                    };
                    let options = ExportOptions {
                        format,
                        sheet: Some(&file_sheet),
                        created,
                    };
                    let written: Written<'_> = vanban_app::open_document(path)
                        .and_then(|doc| exporter.prepare(&doc, &options))
                        .map(|prepared| {
                            let output = output.clone();
                            scope.spawn(move || {
                                vanban_app::write_atomic(&output, &prepared.finish()?)
                            })
                        });
                    writing.push_back((path, output, written));
                    if writing.len() > WRITING
                        && let Some((path, output, written)) = writing.pop_front()
                    {
                        note(told(path, &output, outcome(written), &mut stdout)?);
                    }
                }
            }
        }
        for (path, output, written) in writing {
            note(told(path, &output, outcome(written), &mut stdout)?);
        }
        Ok(())
    })?;
    drop(stdout);
    if !stored.is_empty() {
        // A style file, when given, instead of each body's profile.
        let sheet = style.is_some().then_some(&file_sheet);
        note(store_cmds::export(
            ctx,
            &stored,
            target,
            sheet,
            created,
            &mut exporter,
        )?);
    }
    Ok(worst)
}

/// `DIR/<the file's name>.pdf` for a document file.
fn file_output(dir: &Path, input: &Path, format: ExportFormat) -> CliResult<PathBuf> {
    let Some(stem) = input.file_stem() else {
        unusable!("không có tên tệp: {}", input.display());
    };
    let mut name = stem.to_owned();
    name.push(".");
    name.push(format.extension());
    Ok(dir.join(name))
}
