//! The national exchange package: `vanban edxml ID --to ORGAN_ID… -o FILE.edxml` writes an
//! issued document's edXML package (and records it sent to each recipient); `vanban edxml read
//! FILE.edxml` shows a document message and extracts its files, or records a status message
//! against the recipient's distribution.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use vanban_app::edxml::{self, Message, Organ, Package, StatusMessage};
use vanban_app::export::Exporter;
use vanban_app::transport::FileTransport;
use vanban_app::workflow::store::DocumentId;

use super::{Context, Output, open, read_password, stamp};
use crate::error::{CliResult, unusable};

/// Gói tin liên thông văn bản điện tử edXML (QCVN 102:2016/BTTTT): ghi gói tin của một văn
/// bản đã ban hành, hoặc đọc một gói tin nhận được (`vanban edxml read`).
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EdxmlArgs {
    #[command(subcommand)]
    command: Option<EdxmlCommand>,
    #[command(flatten)]
    ctx: Context,
    /// Số hiệu văn bản đã ban hành.
    #[arg(required = true)]
    id: Option<DocumentId>,
    /// Mã định danh của cơ quan nhận (Quyết định 20/2020/QĐ-TTg, ví dụ 000.00.00.G22), có
    /// trong danh bạ liên thông ([[organs]]); nhắc lại cho nhiều nơi nhận.
    #[arg(long = "to", value_name = "MÃ_ĐỊNH_DANH", num_args = 1.., required = true)]
    to: Vec<String>,
    /// Tệp gói tin ghi ra (.edxml).
    #[arg(short = 'o', long = "output", value_name = "TỆP", required = true)]
    output: Option<PathBuf>,
    /// Tệp chứa mật khẩu chứng thư số của cơ quan: kèm từng phụ lục thành tệp riêng có chữ ký
    /// số của cơ quan (như `vanban export --appendix`).
    #[arg(long, value_name = "TỆP")]
    password_file: Option<PathBuf>,
    /// Cách in kết quả.
    #[arg(long, value_enum, default_value_t = Output::Human)]
    format: Output,
}

/// Đọc gói tin nhận được.
#[derive(Debug, Subcommand)]
enum EdxmlCommand {
    /// Đọc một gói tin edXML: gói tin văn bản thì in thông tin và (với --out-dir) trích các
    /// tệp đính kèm ra thư mục (không bao giờ mở hay chạy tệp); thông điệp trạng thái (mã 01
    /// đã đến, 02 từ chối, 03 đã tiếp nhận, 04 phân công, 05 đang xử lý, 06 hoàn thành, 13
    /// lấy lại, 15/16 đồng ý/từ chối lấy lại) thì ghi vào lịch sử gửi văn bản của nơi nhận đó
    /// (cần --as). Gói tin hỏng, quá lớn, có DTD/thực thể hay tên tệp chứa đường dẫn bị từ
    /// chối và không ghi gì.
    Read {
        #[command(flatten)]
        ctx: Context,
        /// Tệp gói tin (.edxml).
        file: PathBuf,
        /// Thư mục trích tệp đính kèm ra (tạo nếu chưa có; không ghi đè tệp đã có).
        #[arg(long, value_name = "THƯ_MỤC")]
        out_dir: Option<PathBuf>,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
    },
}

/// Runs `vanban edxml`.
pub fn run(args: EdxmlArgs, out: &mut impl Write) -> CliResult {
    match args.command {
        Some(EdxmlCommand::Read {
            ctx,
            file,
            out_dir,
            format,
        }) => read(&ctx, &file, out_dir.as_deref(), format, out),
        None => {
            let (Some(id), Some(output)) = (args.id, args.output) else {
                unusable!("thiếu số hiệu văn bản hoặc -o TỆP");
            };
            write(
                &args.ctx,
                id,
                &args.to,
                &output,
                args.password_file.as_deref(),
                args.format,
                out,
            )
        }
    }
}

fn write(
    ctx: &Context,
    id: DocumentId,
    to: &[String],
    output: &Path,
    password_file: Option<&Path>,
    format: Output,
    out: &mut impl Write,
) -> CliResult {
    let s = stamp(ctx)?;
    let mut wf = open(ctx)?;
    let created = vanban_app::clock::pdf_created(s.at);
    let mut exporter = Exporter::new(vanban_render::fonts::liberation_serif())?;
    let key = match password_file {
        Some(f) => {
            let password = read_password(f)?;
            Some(wf.key_for_issuing(&s, id, &password)?)
        }
        None => None,
    };
    let key = key.as_ref().map(|k| k as &dyn vanban_app::sign::Signer);
    let mut transport = FileTransport::new(output);
    let sent = wf.send_edxml(&s, id, to, created, &mut exporter, key, &mut transport)?;
    if format == Output::Json {
        let v = json!({
            "file": sent.destination,
            "bytes": sent.bytes,
            "document_id": sent.package.header.document_id,
            "to": sent.package.header.to.iter().map(|o| &o.organ_id).collect::<Vec<_>>(),
            "attachments": sent.package.attachments.iter()
                .map(|a| json!({"name": a.name, "bytes": a.bytes.len()}))
                .collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        writeln!(out, "{}", sent.destination)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn organ_json(o: &Organ) -> Value {
    json!({
        "organ_id": o.organ_id,
        "organization_in_charge": o.organization_in_charge,
        "organ_name": o.organ_name,
        "organ_add": o.organ_add,
        "email": o.email,
        "telephone": o.telephone,
        "fax": o.fax,
        "website": o.website,
    })
}

/// Everything of a document message but the files' bytes.
fn package_json(p: &Package, files: &[Option<PathBuf>]) -> Value {
    let h = &p.header;
    json!({
        "kind": "document",
        "from": organ_json(&h.from),
        "to": h.to.iter().map(organ_json).collect::<Vec<_>>(),
        "document_id": h.document_id,
        "code": {"number": h.code.number, "notation": h.code.notation},
        "place": h.place,
        "promulgation_date": h.promulgation_date,
        "document_type": {"type": h.doc_type.code, "detail": h.doc_type.detail, "name": h.doc_type.name},
        "subject": h.subject,
        "content": h.content,
        "signer": {"competence": h.signer.competence, "position": h.signer.position,
            "full_name": h.signer.full_name},
        "due_date": h.due_date,
        "to_places": h.to_places,
        "other": {
            "priority": h.other.priority,
            "sphere_of_promulgation": h.other.sphere_of_promulgation,
            "typer_notation": h.other.typer_notation,
            "promulgation_amount": h.other.promulgation_amount,
            "page_amount": h.other.page_amount,
            "appendixes": h.other.appendixes,
        },
        "steering_type": h.steering_type,
        "trace": p.trace.iter().map(|t| json!({"organ_id": t.organ_id, "timestamp": t.timestamp}))
            .collect::<Vec<_>>(),
        "attachments": p.attachments.iter().zip(files).map(|(a, f)| json!({
            "content_id": a.content_id,
            "name": a.name,
            "description": a.description,
            "content_type": a.content_type,
            "bytes": a.bytes.len(),
            "file": f,
        })).collect::<Vec<_>>(),
    })
}

fn print_package(p: &Package, files: &[Option<PathBuf>], out: &mut impl Write) -> CliResult<()> {
    let h = &p.header;
    let organ = |o: &Organ| format!("{} ({})", o.organ_name, o.organ_id);
    writeln!(out, "Gói tin văn bản edXML")?;
    writeln!(out, "Nơi gửi:        {}", organ(&h.from))?;
    for t in &h.to {
        writeln!(out, "Nơi nhận:       {}", organ(t))?;
    }
    writeln!(out, "Mã văn bản:     {}", h.document_id)?;
    writeln!(out, "Số, ký hiệu:    {}/{}", h.code.number, h.code.notation)?;
    writeln!(out, "Ban hành:       {}, {}", h.place, h.promulgation_date)?;
    writeln!(
        out,
        "Loại:           {} ({})",
        h.doc_type.name, h.doc_type.code
    )?;
    writeln!(out, "Trích yếu:      {}", h.subject)?;
    writeln!(
        out,
        "Người ký:       {} {} {}",
        h.signer.competence, h.signer.position, h.signer.full_name
    )?;
    if let Some(d) = &h.due_date {
        writeln!(out, "Hạn trả lời:    {d}")?;
    }
    writeln!(out, "Độ khẩn:        {}", h.other.priority)?;
    if let Some(n) = h.other.page_amount {
        writeln!(out, "Số trang:       {n}")?;
    }
    for a in &h.other.appendixes {
        writeln!(out, "Phụ lục:        {a}")?;
    }
    for p in &h.to_places {
        writeln!(out, "Nơi nhận khác:  {p}")?;
    }
    writeln!(out, "Loại chỉ đạo:   {}", h.steering_type)?;
    for (a, f) in p.attachments.iter().zip(files) {
        let at = f
            .as_ref()
            .map(|f| format!(" → {}", f.display()))
            .unwrap_or_default();
        writeln!(
            out,
            "Tệp đính kèm:   {} ({} byte, {}){at}",
            a.name,
            a.bytes.len(),
            a.content_type
        )?;
    }
    Ok(())
}

/// Writes the files of a package into `dir`: each under its own name (already checked to be a
/// plain file name by the reader), none over a file already there — checked for all before
/// any is written.
fn extract(p: &Package, dir: &Path) -> CliResult<Vec<Option<PathBuf>>> {
    let mut targets = Vec::new();
    for a in &p.attachments {
        let name = edxml::safe_file_name(&a.name).map_err(vanban_app::Error::from)?;
        let target = dir.join(name);
        if target.symlink_metadata().is_ok() {
            unusable!(
                "{} đã có; không ghi đè, chọn thư mục khác bằng --out-dir",
                target.display()
            );
        }
        targets.push(target);
    }
    if !targets.is_empty() {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("không tạo được thư mục {}: {e}", dir.display()))?;
    }
    for (a, t) in p.attachments.iter().zip(&targets) {
        vanban_app::write_atomic(t, &a.bytes)?;
    }
    Ok(targets.into_iter().map(Some).collect())
}

fn read(
    ctx: &Context,
    file: &Path,
    out_dir: Option<&Path>,
    format: Output,
    out: &mut impl Write,
) -> CliResult {
    match vanban_app::workflow::read_edxml_file(file)? {
        Message::Document(p) => {
            let files = match out_dir {
                Some(dir) => extract(&p, dir)?,
                None => vec![None; p.attachments.len()],
            };
            if format == Output::Json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&package_json(&p, &files))?
                )?;
            } else {
                print_package(&p, &files, out)?;
            }
        }
        Message::Status(status) => record_status(ctx, &status, format, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn record_status(
    ctx: &Context,
    status: &StatusMessage,
    format: Output,
    out: &mut impl Write,
) -> CliResult<()> {
    let s = stamp(ctx)?;
    let mut wf = open(ctx)?;
    let recorded = wf.receive_status(&s, status)?;
    let history: Vec<_> = (wf.distribution_statuses(recorded.document)?.into_iter())
        .filter(|h| h.organ_id == recorded.organ_id)
        .collect();
    let label = |code: &str| edxml::StatusCode::from_code(code).map_or("", |c| c.label());
    if format == Output::Json {
        let v = json!({
            "kind": "status",
            "document": recorded.document,
            "document_id": status.response_for.document_id,
            "organ_id": recorded.organ_id,
            "organ_name": status.from.organ_name,
            "code": recorded.code,
            "label": label(&recorded.code),
            "description": recorded.description,
            "timestamp": recorded.reported_at,
            "history": history.iter().map(|h| json!({
                "code": h.code,
                "label": label(&h.code),
                "description": h.description,
                "timestamp": h.reported_at,
                "recorded_by": h.person,
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        writeln!(
            out,
            "Văn bản {} ({}): {} ({}) — {} {}{}",
            recorded.document,
            status.response_for.document_id,
            status.from.organ_name,
            recorded.organ_id,
            recorded.code,
            label(&recorded.code),
            recorded
                .description
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
