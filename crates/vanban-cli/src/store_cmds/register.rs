//! `vanban register …`: the outgoing register of a year, printed or exported as the decree's
//! form (Phụ lục IV) or a CSV table.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use vanban_app::workflow::{self, RegisterFormat as FileFormat};

use super::{Context, open, stamp};
use crate::error::CliResult;

/// `vanban register …`
#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// In sổ văn bản đi của một năm.
    List {
        #[command(flatten)]
        ctx: Context,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// human, json hoặc csv (mẫu sổ của Phụ lục IV).
        #[arg(long, value_enum, default_value_t = RegisterFormat::Human)]
        format: RegisterFormat,
    },
    /// Xuất sổ văn bản đi của một năm theo mẫu Phụ lục IV: .pdf hoặc .docx để in và đóng
    /// quyển, .csv cho bảng tính.
    Export {
        #[command(flatten)]
        ctx: Context,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// Tệp kết quả (.pdf, .docx hoặc .csv); được ghi trọn vẹn hoặc không ghi gì.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// How to print the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegisterFormat {
    /// Cho người đọc.
    Human,
    /// JSON.
    Json,
    /// CSV theo mẫu sổ đăng ký văn bản đi.
    Csv,
}

/// Runs one command of the register.
pub fn run(command: RegisterCommand, out: &mut impl Write) -> CliResult {
    match command {
        RegisterCommand::Export { ctx, year, output } => {
            let ext = output
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase());
            let format = match ext.as_deref() {
                Some("csv") => FileFormat::Csv,
                Some("pdf") => FileFormat::Pdf,
                Some("docx") => FileFormat::Docx,
                _ => crate::error::unusable!(
                    "tệp kết quả phải có đuôi .pdf, .docx hoặc .csv: {}",
                    output.display()
                ),
            };
            let s = stamp(&ctx)?;
            let created = vanban_app::clock::pdf_created(s.at);
            let mut wf = open(&ctx)?;
            wf.export_register(&s, year, &output, format, created)?;
            writeln!(out, "{}", output.display())?;
        }
        RegisterCommand::List { ctx, year, format } => {
            let wf = open(&ctx)?;
            let entries = wf.register(year)?;
            match format {
                RegisterFormat::Csv => {
                    out.write_all(workflow::register_csv(&entries).as_bytes())?
                }
                RegisterFormat::Json => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?
                }
                RegisterFormat::Human => {
                    for e in &entries {
                        writeln!(
                            out,
                            "{:<16} {}  {}  {}",
                            e.number_symbol,
                            e.issued_on,
                            e.details.type_and_subject,
                            e.details.signer
                        )?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
