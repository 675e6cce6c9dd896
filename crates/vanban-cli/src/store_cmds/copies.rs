//! `vanban certify`: a copy of an issued document (sao y, sao lục, trích sao), electronic with
//! the agency's digital signature or on paper with the copy block; and `vanban copies`: the
//! copy register of a year, listed or printed as a form.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use vanban_app::export::ExportFormat;
use vanban_app::workflow::store::DocumentId;
use vanban_app::workflow::{CertifyRequest, CopyForm};
use vanban_core::copies::CopyKind;
use vanban_render::pdf::PdfKind;

use super::{Context, Output, open, read_password, stamp};
use crate::error::{CliError, CliResult};
use crate::token::TokenArgs;

/// The kind of copy, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Sao y: sao toàn văn bản.
    SaoY,
    /// Sao lục: sao từ bản sao y.
    SaoLuc,
    /// Trích sao: sao một phần (--part), trình bày đầy đủ thể thức.
    TrichSao,
}

impl From<KindArg> for CopyKind {
    fn from(k: KindArg) -> CopyKind {
        match k {
            KindArg::SaoY => CopyKind::SaoY,
            KindArg::SaoLuc => CopyKind::SaoLuc,
            KindArg::TrichSao => CopyKind::TrichSao,
        }
    }
}

/// The commands of copies.
// Parsed once per run: the size of the larger variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum CopyCommand {
    /// Sao văn bản đã ban hành (Nghị định 30/2020/NĐ-CP, Điều 25–27): sao y, sao lục hoặc
    /// trích sao; vào sổ bản sao của cơ quan và in số, ký hiệu bản sao (ví dụ 01/SY-UBND).
    /// Bản sao điện tử: ký số của cơ quan (--password-file hoặc --pkcs11 … --pin-file …,
    /// như khi ban hành). Bản sao giấy: --paper, tệp .pdf hoặc .docx để in, ký và đóng dấu.
    /// Người thực hiện (--as) là văn thư của cơ quan; người ký bản sao là thủ trưởng hoặc
    /// người được giao trong danh bạ (--signer).
    Certify {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản đã ban hành.
        id: DocumentId,
        /// Hình thức sao.
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Bản sao giấy: thêm phần sao (đường kẻ, hình thức sao, số, ngày, người ký, nơi
        /// nhận) sau nội dung cuối cùng.
        #[arg(long, conflicts_with_all = ["password_file", "pkcs11"])]
        paper: bool,
        /// Phần được trích sao (trích sao), theo đường dẫn của văn bản, có thể lặp lại: ví dụ
        /// body.sections[1], body.sections[3].subsections[0], appendices[0].
        #[arg(long = "part", value_name = "ĐƯỜNG-DẪN", num_args = 1..)]
        parts: Vec<String>,
        /// Người ký bản sao (tên đăng nhập); mặc định: thủ trưởng, hoặc người đầu tiên được
        /// giao ký bản sao.
        #[arg(long, value_name = "USER")]
        signer: Option<String>,
        /// Sao lục từ bản sao y số này (ví dụ 01/SY-UBND); mặc định: bản sao y mới nhất.
        #[arg(long = "from-copy", value_name = "SỐ")]
        from_copy: Option<String>,
        /// Nơi nhận bản sao, mỗi lần một dòng (mặc định "- Lưu: VT.").
        #[arg(long = "to", value_name = "NƠI-NHẬN", allow_hyphen_values = true)]
        recipients: Vec<String>,
        /// Tệp kết quả: .pdf (bản điện tử hoặc giấy) hoặc .docx (bản giấy).
        #[arg(short, long)]
        output: PathBuf,
        /// Tệp chứa mật khẩu chứng thư số (.p12) của cơ quan, để ký số bản sao điện tử.
        #[arg(long, value_name = "TỆP", conflicts_with = "pkcs11")]
        password_file: Option<PathBuf>,
        /// Hoặc ký số của cơ quan bằng thiết bị ký số.
        #[command(flatten)]
        token: TokenArgs,
        /// human hoặc json.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
    },
    /// Sổ đăng ký bản sao văn bản của một năm: liệt kê, hoặc xuất theo mẫu sổ (.pdf, .docx)
    /// với -o.
    Copies {
        #[command(flatten)]
        ctx: Context,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// human hoặc json.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
        /// Xuất sổ ra tệp .pdf hoặc .docx.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

fn file_format(output: &std::path::Path, paper: bool) -> CliResult<ExportFormat> {
    let ext = output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    Ok(match ext.as_deref() {
        Some("pdf") => ExportFormat::Pdf(PdfKind::Standard),
        Some("docx") if paper => ExportFormat::Docx,
        _ if paper => crate::error::unusable!(
            "-o: bản sao giấy ghi ra tệp .pdf hoặc .docx: {}",
            output.display()
        ),
        _ => crate::error::unusable!(
            "-o: bản sao điện tử là tệp .pdf có chữ ký số: {}",
            output.display()
        ),
    })
}

/// Runs one command of copies.
pub fn run(command: CopyCommand, out: &mut impl Write) -> CliResult {
    match command {
        CopyCommand::Certify {
            ctx,
            id,
            kind,
            paper,
            parts,
            signer,
            from_copy,
            recipients,
            output,
            password_file,
            token,
            format,
        } => {
            let file = file_format(&output, paper)?;
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let request = CertifyRequest {
                document: id,
                kind: kind.into(),
                parts,
                signer,
                from_copy,
                recipients,
            };
            let made = match (password_file, token.read()?) {
                _ if paper => wf.certify(&s, &request, CopyForm::Paper(file))?,
                (Some(f), _) => {
                    let password = read_password(&f)?;
                    let key = wf.key_for_issuing(&s, id, &password)?;
                    wf.certify(&s, &request, CopyForm::Electronic(&key))?
                }
                (None, Some(t)) => {
                    let key = wf.token_for_issuing(&s, id, &t.module, &t.choice, &t.pin)?;
                    drop(t);
                    wf.certify(&s, &request, CopyForm::Electronic(&key))?
                }
                (None, None) => {
                    return Err(CliError::Refused(
                        "bản sao điện tử cần chữ ký số của cơ quan: thêm --password-file TỆP \
                         (tệp .p12 của cơ quan) hoặc --pkcs11 THƯ-VIỆN --pin-file TỆP; hoặc \
                         --paper để làm bản sao giấy"
                            .into(),
                    ));
                }
            };
            vanban_app::write_atomic(&output, &made.bytes)?;
            match format {
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&made.entry)?)?,
                Output::Human => writeln!(out, "{}", made.entry.number_symbol)?,
            }
        }
        CopyCommand::Copies {
            ctx,
            year,
            format,
            output,
        } => {
            let s = stamp(&ctx)?;
            let wf = open(&ctx)?;
            if let Some(path) = output {
                let file = file_format(&path, true)?;
                let created = vanban_app::clock::pdf_created(s.at);
                let bytes = wf.copy_register_bytes(&s, year, file, created)?;
                vanban_app::write_atomic(&path, &bytes)?;
                writeln!(out, "{}", path.display())?;
                return Ok(ExitCode::SUCCESS);
            }
            let entries = wf.copy_register(&s, year)?;
            match format {
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?,
                Output::Human => {
                    for e in &entries {
                        writeln!(
                            out,
                            "{:<12} {}  {:<9}  {}  {}",
                            e.number_symbol, e.made_on, e.kind, e.original, e.type_and_subject
                        )?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
