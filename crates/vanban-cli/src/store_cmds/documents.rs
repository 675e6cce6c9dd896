//! The stored documents: `vanban import`, `save`, `copy`, `history`, `diff`, `list`,
//! `search`, and exporting them (`vanban export ID…`, `--appendix`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use vanban_app::Error;
use vanban_app::export::{ExportOptions, Exporter};
use vanban_app::workflow::store::{DocumentId, DocumentSummary, ListQuery, State};
use vanban_app::workflow::{self, DiffLine, Stamp, Workflow};

use super::{Context, Output, open, read_document, read_password, stamp};
use crate::error::{CliError, CliResult};

/// The commands over stored documents.
#[derive(Debug, Subcommand)]
pub enum DocumentCommand {
    /// Nhập một tệp văn bản (.json) thành dự thảo mới; in số hiệu văn bản.
    Import {
        #[command(flatten)]
        ctx: Context,
        /// Tệp văn bản định dạng vanban/1.
        file: PathBuf,
    },
    /// Lưu bản sửa mới của dự thảo từ một tệp .json.
    Save {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Tệp văn bản định dạng vanban/1.
        file: PathBuf,
        /// Bản sửa mà tệp được sửa từ đó: nếu đã có người lưu bản khác sau bản này thì không
        /// lưu (báo xung đột) thay vì ghi đè. Bỏ trống: lưu tiếp sau bản hiện hành.
        #[arg(long, value_name = "N")]
        base: Option<u32>,
    },
    /// Sao một văn bản thành dự thảo mới; in số hiệu mới.
    Copy {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
    },
    /// Lịch sử: các bản sửa, trạng thái, góp ý, nơi đã gửi.
    History {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
    },
    /// So sánh hai bản sửa (theo nội dung người đọc thấy).
    Diff {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Bản cũ.
        rev1: u32,
        /// Bản mới.
        rev2: u32,
    },
    /// Danh sách văn bản, mới nhất trước.
    List {
        #[command(flatten)]
        ctx: Context,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
        /// Chỉ văn bản ở trạng thái này (draft, in-review, approved, signed, issued, discarded).
        #[arg(long, value_parser = parse_state)]
        state: Option<State>,
        /// Số dòng.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Bỏ qua bao nhiêu dòng đầu.
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Tìm văn bản theo trích yếu và nội dung (không cần gõ dấu).
    Search {
        #[command(flatten)]
        ctx: Context,
        /// Các từ cần tìm.
        text: String,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
        /// Số kết quả tối đa.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

/// Runs one command over stored documents.
pub fn run(command: DocumentCommand, out: &mut impl Write) -> CliResult {
    match command {
        DocumentCommand::Import { ctx, file } => {
            let doc = read_document(&file)?;
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let record = wf.create(&s, &doc)?;
            writeln!(out, "{}", record.id)?;
        }
        DocumentCommand::Save {
            ctx,
            id,
            file,
            base,
        } => {
            let doc = read_document(&file)?;
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let rev = match base {
                Some(base) => wf.save_from(&s, id, base, &doc)?,
                None => wf.save(&s, id, &doc)?,
            };
            writeln!(out, "{}", rev.no)?;
        }
        DocumentCommand::Copy { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let r = wf.copy_as_new_draft(&s, id)?;
            writeln!(out, "{}", r.id)?;
        }
        DocumentCommand::History { ctx, id, format } => {
            let wf = open(&ctx)?;
            let h = wf.history(id)?;
            match format {
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&h)?)?,
                Output::Human => {
                    let d = &h.document;
                    writeln!(
                        out,
                        "Văn bản {}: {} — {} ({})",
                        d.id, d.doc_type, d.subject, d.state
                    )?;
                    writeln!(out, "Bản sửa:")?;
                    for r in &h.revisions {
                        writeln!(
                            out,
                            "  {:>3}  {}  {:<12} {}",
                            r.no,
                            r.at,
                            r.author,
                            r.content_hash.get(..16).unwrap_or(&r.content_hash)
                        )?;
                    }
                    writeln!(out, "Trạng thái:")?;
                    for c in &h.states {
                        let from = c.from.map(|f| f.label()).unwrap_or("—");
                        write!(
                            out,
                            "  {}  {:<12} {} → {} (bản {})",
                            c.at, c.person, from, c.to, c.revision
                        )?;
                        match &c.note {
                            Some(n) => writeln!(out, ": {n}")?,
                            None => writeln!(out)?,
                        }
                    }
                    if !h.comments.is_empty() {
                        writeln!(out, "Góp ý:")?;
                        for c in &h.comments {
                            let on = if c.anchor.is_empty() {
                                "cả văn bản"
                            } else {
                                &c.anchor
                            };
                            writeln!(
                                out,
                                "  {}  {:<12} bản {}, {}: {}",
                                c.at, c.person, c.revision, on, c.text
                            )?;
                        }
                    }
                    if !h.distributions.is_empty() {
                        writeln!(out, "Đã gửi:")?;
                        for x in &h.distributions {
                            writeln!(out, "  {}  {} ({})", x.sent_on, x.recipient, x.channel)?;
                            // What that recipient answered to the edXML package, in order.
                            let answers = (h.statuses.iter())
                                .filter(|s| Some(&s.organ_id) == x.organ_id.as_ref());
                            for a in answers {
                                let label = vanban_app::edxml::StatusCode::from_code(&a.code)
                                    .map_or("", |c| c.label());
                                write!(out, "      {}  {} {}", a.reported_at, a.code, label)?;
                                match &a.description {
                                    Some(d) => writeln!(out, ": {d}")?,
                                    None => writeln!(out)?,
                                }
                            }
                        }
                    }
                }
            }
        }
        DocumentCommand::Diff {
            ctx,
            id,
            rev1,
            rev2,
        } => {
            let wf = open(&ctx)?;
            for line in wf.diff(id, rev1, rev2)? {
                match line {
                    DiffLine::Same(t) => writeln!(out, "  {t}")?,
                    DiffLine::Removed(t) => writeln!(out, "- {t}")?,
                    DiffLine::Added(t) => writeln!(out, "+ {t}")?,
                }
            }
        }
        DocumentCommand::List {
            ctx,
            format,
            state,
            limit,
            offset,
        } => {
            let wf = open(&ctx)?;
            let rows = wf.list(&ListQuery {
                state,
                limit,
                offset,
            })?;
            print_summaries(&rows, format, out)?;
        }
        DocumentCommand::Search {
            ctx,
            text,
            format,
            limit,
        } => {
            let wf = open(&ctx)?;
            let rows = wf.search(&text, limit)?;
            print_summaries(&rows, format, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_state(s: &str) -> Result<State, String> {
    State::parse(s).ok_or_else(|| {
        let all: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
        format!(
            "không có trạng thái “{s}”; các trạng thái: {}",
            all.join(", ")
        )
    })
}

fn print_summaries(
    rows: &[DocumentSummary],
    format: Output,
    out: &mut impl Write,
) -> CliResult<()> {
    if format == Output::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(rows)?)?;
        return Ok(());
    }
    for r in rows {
        writeln!(
            out,
            "{:>6}  {:<12} {:<16} {}  {}",
            r.id,
            r.state.label(),
            r.number_symbol.as_deref().unwrap_or("—"),
            r.doc_type,
            r.subject.replace('\n', " ")
        )?;
    }
    Ok(())
}

/// Exports stored documents (`vanban export ID… -o FILE | --out-dir DIR`) through one
/// workflow and one exporter (see [`Workflow::export_stored`]): each the issued revision once
/// issued, else the current one, checked, written atomically and recorded in the audit record;
/// in a folder, each named after its number and symbol. Returns the worst exit code.
pub fn export(
    ctx: &Context,
    ids: &[DocumentId],
    target: &crate::export::Target,
    sheet: Option<&vanban_render::style::StyleSheet>,
    created: vanban_render::pdf::Created,
    exporter: &mut Exporter<'_>,
) -> CliResult {
    let s = stamp(ctx)?;
    let mut wf = open(ctx)?;
    let mut worst = ExitCode::SUCCESS;
    for &id in ids {
        let code = export_one(&mut wf, &s, id, target, sheet, created, exporter);
        if code != ExitCode::SUCCESS && worst != ExitCode::from(2) {
            worst = code;
        }
    }
    Ok(worst)
}

fn export_one(
    wf: &mut Workflow,
    s: &Stamp,
    id: DocumentId,
    target: &crate::export::Target,
    sheet: Option<&vanban_render::style::StyleSheet>,
    created: vanban_render::pdf::Created,
    exporter: &mut Exporter<'_>,
) -> ExitCode {
    let (output, format) = match target {
        crate::export::Target::File(output, format) => (output.clone(), *format),
        crate::export::Target::Dir(dir, format) => match wf.document_for_export(id) {
            Ok(doc) => (
                dir.join(workflow::export_file_name(id, &doc, format.extension())),
                *format,
            ),
            Err(e) => return reported(e.into()),
        },
    };
    let options = ExportOptions {
        format,
        sheet,
        created,
    };
    match wf.export_stored(s, id, &output, &options, exporter) {
        Ok(()) => {
            println!("{}", output.display());
            ExitCode::SUCCESS
        }
        Err(Error::Invalid { report, .. }) => {
            eprintln!(
                "vanban: văn bản {id} còn {} lỗi, chưa xuất; sửa dự thảo rồi xuất lại:",
                report.errors()
            );
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.severity == vanban_core::validate::Severity::Error)
            {
                eprintln!("  lỗi      {}: {}", d.path, d.message);
            }
            ExitCode::from(1)
        }
        Err(e) => reported(e.into()),
    }
}

/// The exit code of an error, once printed.
fn reported(e: CliError) -> ExitCode {
    e.print();
    e.exit_code()
}

/// Exports appendix `n` (1-based) of an issued document as its own PDF with the agency's
/// signature (`vanban export ID --appendix N -o FILE.pdf --password-file F`).
pub fn export_appendix(
    ctx: &Context,
    id: DocumentId,
    n: usize,
    output: &Path,
    password_file: &Path,
) -> CliResult {
    if n == 0 {
        crate::error::unusable!("phụ lục đánh số từ 1");
    }
    let s = stamp(ctx)?;
    let mut wf = open(ctx)?;
    let password = read_password(password_file)?;
    let key = wf.key_for_issuing(&s, id, &password)?;
    let pdf = wf.appendix_file(&s, id, n - 1, &key)?;
    vanban_app::write_atomic(output, &pdf)?;
    wf.record_export(&s, id, &output.display().to_string())?;
    println!("{}", output.display());
    Ok(ExitCode::SUCCESS)
}
