//! Following issued plans: `vanban tasks` (the tracking list, `draft-report`, `export`) and
//! `vanban task` (one task with its history, `report`). "Today" is the clock's day
//! (`VANBAN_NOW` for scripts and tests).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use vanban_app::workflow::store::{DocumentId, ReportAttachment, TaskId, TrackedTask};
use vanban_app::workflow::{
    DUE_SOON_DAYS, ReportInput, StatusFilter, TaskFilter, TrackingFormat, due_words,
    file_attachment,
};

use super::{Context, Output, open, stamp};
use crate::error::{CliResult, unusable};

/// `vanban tasks …` and `vanban task …`.
#[derive(Debug, Subcommand)]
pub enum TrackingCommand {
    /// Các nhiệm vụ của kế hoạch đã ban hành được theo dõi: số, ký hiệu kế hoạch, số thứ tự
    /// nhiệm vụ như in trong kế hoạch, đơn vị chủ trì, phối hợp, thời hạn, tình trạng (quá hạn
    /// trước). Lệnh con: draft-report (dự thảo báo cáo kết quả), export (bảng theo dõi).
    Tasks(TasksArgs),
    /// Một nhiệm vụ với toàn bộ các lần báo cáo; lệnh con report: báo cáo tiến độ.
    Task(TaskArgs),
}

// `vanban tasks [--plan ID] [--unit ABBR] [--status …] [--format json]`, or one of its
// subcommands.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct TasksArgs {
    #[command(subcommand)]
    command: Option<TasksCommand>,
    #[command(flatten)]
    ctx: Context,
    /// Chỉ các nhiệm vụ của kế hoạch này (số hiệu văn bản).
    #[arg(long, value_name = "ID")]
    plan: Option<DocumentId>,
    /// Chỉ các nhiệm vụ của đơn vị này (chủ trì hoặc phối hợp), theo tên viết tắt.
    #[arg(long, value_name = "ABBR")]
    unit: Option<String>,
    /// Chỉ các nhiệm vụ: quá hạn, sắp đến hạn (trong 7 ngày), đã hoàn thành, chưa hoàn
    /// thành, không có thời hạn.
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Cách in kết quả.
    #[arg(long, value_enum, default_value_t = Output::Human)]
    format: Output,
}

/// The statuses `--status` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Quá hạn.
    Overdue,
    /// Sắp đến hạn (trong 7 ngày).
    DueSoon,
    /// Đã hoàn thành.
    Done,
    /// Chưa hoàn thành.
    Open,
    /// Không có thời hạn.
    NoDeadline,
}

impl From<StatusArg> for StatusFilter {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Overdue => StatusFilter::Overdue,
            StatusArg::DueSoon => StatusFilter::DueSoon(DUE_SOON_DAYS),
            StatusArg::Done => StatusFilter::Done,
            StatusArg::Open => StatusFilter::Open,
            StatusArg::NoDeadline => StatusFilter::NoDeadline,
        }
    }
}

/// The subcommands of `vanban tasks`.
#[derive(Debug, Subcommand)]
pub enum TasksCommand {
    /// Tạo dự thảo báo cáo “Báo cáo kết quả thực hiện Kế hoạch số …” từ các báo cáo của đơn
    /// vị; in số hiệu văn bản mới.
    DraftReport {
        #[command(flatten)]
        ctx: Context,
        /// Kế hoạch đã ban hành (số hiệu văn bản).
        #[arg(long, value_name = "ID")]
        plan: DocumentId,
    },
    /// Xuất bảng theo dõi nhiệm vụ của một kế hoạch: .pdf hoặc .docx để họp, .csv cho bảng
    /// tính.
    Export {
        #[command(flatten)]
        ctx: Context,
        /// Kế hoạch đã ban hành (số hiệu văn bản).
        #[arg(long, value_name = "ID")]
        plan: DocumentId,
        /// Tệp kết quả (.pdf, .docx hoặc .csv); được ghi trọn vẹn hoặc không ghi gì.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

// `vanban task ID`, or `vanban task report ID …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct TaskArgs {
    #[command(subcommand)]
    command: Option<TaskCommand>,
    /// Số hiệu nhiệm vụ (cột đầu của `vanban tasks`).
    #[arg(required = true, value_name = "ID")]
    id: Option<TaskId>,
    #[command(flatten)]
    ctx: Context,
    /// Cách in kết quả.
    #[arg(long, value_enum, default_value_t = Output::Human)]
    format: Output,
}

/// The subcommands of `vanban task`.
#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// Báo cáo tiến độ một nhiệm vụ: đầu mối của đơn vị chủ trì hoặc phối hợp, hoặc người theo
    /// dõi kế hoạch. Mã thoát 1 khi người này không được báo cáo nhiệm vụ (nêu lý do).
    Report {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu nhiệm vụ.
        #[arg(value_name = "ID")]
        id: TaskId,
        /// Tỷ lệ hoàn thành, từ 0 đến 100.
        #[arg(long, value_name = "N")]
        percent: String,
        /// Nội dung đã thực hiện.
        #[arg(long, value_name = "TEXT")]
        note: String,
        /// Nhiệm vụ đã hoàn thành (đơn vị chủ trì hoặc người theo dõi).
        #[arg(long)]
        done: bool,
        /// Tệp kết quả của nhiệm vụ (ghi tên tệp và mã SHA-256, không chép tệp).
        #[arg(long, value_name = "FILE", conflicts_with_all = ["document", "reference"])]
        attach: Option<PathBuf>,
        /// Văn bản kết quả trong cơ sở dữ liệu (số hiệu văn bản).
        #[arg(long, value_name = "DOC_ID", conflicts_with = "reference")]
        document: Option<DocumentId>,
        /// Số, ký hiệu văn bản kết quả của cơ quan khác, ví dụ "123/UBND-VX".
        #[arg(long = "ref", value_name = "SỐ/KÝ_HIỆU")]
        reference: Option<String>,
    },
}

/// Runs `vanban tasks …` or `vanban task …`.
pub fn run(command: TrackingCommand, out: &mut impl Write) -> CliResult {
    match command {
        TrackingCommand::Tasks(args) => tasks(args, out),
        TrackingCommand::Task(args) => task(args, out),
    }
}

fn tasks(args: TasksArgs, out: &mut impl Write) -> CliResult {
    match args.command {
        Some(TasksCommand::DraftReport { ctx, plan }) => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let record = wf.draft_plan_report(&s, plan)?;
            writeln!(out, "{}", record.id)?;
        }
        Some(TasksCommand::Export { ctx, plan, output }) => {
            let ext = output
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase());
            let format = match ext.as_deref() {
                Some("csv") => TrackingFormat::Csv,
                Some("pdf") => TrackingFormat::Pdf,
                Some("docx") => TrackingFormat::Docx,
                _ => unusable!(
                    "tệp kết quả (-o) phải có đuôi .pdf, .docx hoặc .csv: {}",
                    output.display()
                ),
            };
            let s = stamp(&ctx)?;
            let created = vanban_app::clock::pdf_created(s.at);
            let mut wf = open(&ctx)?;
            wf.export_tracking(&s, plan, &output, format, created)?;
            writeln!(out, "{}", output.display())?;
        }
        None => {
            let s = stamp(&args.ctx)?;
            let wf = open(&args.ctx)?;
            let filter = TaskFilter {
                plan: args.plan,
                unit: args.unit,
                status: args.status.map(StatusFilter::from),
                limit: None,
            };
            let list = wf.tracked_tasks(&s.person, &filter, s.at.date_naive())?;
            match args.format {
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?,
                Output::Human => {
                    if list.is_empty() {
                        writeln!(out, "Không có nhiệm vụ nào.")?;
                    }
                    for t in &list {
                        line(t, out)?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One task in a line: id, plan, number, status, due day, units.
fn line(t: &TrackedTask, out: &mut impl Write) -> std::io::Result<()> {
    let mut units = format!("chủ trì: {}", t.lead.join("; "));
    if !t.cooperating.is_empty() {
        units.push_str(&format!(" | phối hợp: {}", t.cooperating.join("; ")));
    }
    writeln!(
        out,
        "{:>5}  {:<16} {:<6} {:<27} {:<30} {}",
        t.id,
        t.plan_number,
        t.number,
        t.status.label(),
        format!("hạn: {}", due_words(t)),
        units
    )
}

fn task(args: TaskArgs, out: &mut impl Write) -> CliResult {
    match args.command {
        Some(TaskCommand::Report {
            ctx,
            id,
            percent,
            note,
            done,
            attach,
            document,
            reference,
        }) => {
            let Ok(percent) = percent.trim().trim_end_matches('%').parse::<i64>() else {
                unusable!("--percent phải là một số từ 0 đến 100, không phải “{percent}”")
            };
            let attachment = match (attach, document, reference) {
                (Some(file), _, _) => Some(file_attachment(&file)?),
                (None, Some(id), _) => Some(ReportAttachment::Document { id }),
                (None, None, Some(number_symbol)) => {
                    Some(ReportAttachment::Reference { number_symbol })
                }
                (None, None, None) => None,
            };
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let input = ReportInput {
                percent,
                note,
                done,
                attachment,
            };
            let r = wf.report_task(&s, id, &input)?;
            writeln!(
                out,
                "Đã ghi báo cáo {} của nhiệm vụ {id}: {}%{}.",
                r.id,
                r.percent,
                if r.done { ", đã hoàn thành" } else { "" }
            )?;
        }
        None => {
            let Some(id) = args.id else {
                unusable!("thiếu số hiệu nhiệm vụ: vanban task ID --as USER")
            };
            let s = stamp(&args.ctx)?;
            let wf = open(&args.ctx)?;
            let detail = wf.tracked_task(&s.person, id, s.at.date_naive())?;
            match args.format {
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&detail)?)?,
                Output::Human => {
                    let t = &detail.task;
                    writeln!(
                        out,
                        "Nhiệm vụ {} của {} ({})",
                        t.number, t.plan_number, t.plan_subject
                    )?;
                    for g in &t.groups {
                        writeln!(out, "  Nhóm {}: {}", g.number, g.title)?;
                    }
                    writeln!(out, "  Nội dung: {}", t.text.replace('\n', " / "))?;
                    writeln!(out, "  Chủ trì: {}", t.lead.join("; "))?;
                    if !t.cooperating.is_empty() {
                        writeln!(out, "  Phối hợp: {}", t.cooperating.join("; "))?;
                    }
                    writeln!(out, "  Thời gian: {} (hạn: {})", t.time, due_words(t))?;
                    writeln!(out, "  Tình trạng: {}, {}%", t.status.label(), t.percent)?;
                    if let Some(f) = &detail.follower {
                        writeln!(out, "  Người theo dõi: {} ({})", f.name, f.login)?;
                    }
                    if detail.reports.is_empty() {
                        writeln!(out, "  Chưa có báo cáo.")?;
                    }
                    for r in &detail.reports {
                        writeln!(
                            out,
                            "  {}  {} ({}), {}: {}% — {}{}",
                            r.at.format("%d/%m/%Y %H:%M"),
                            r.person_name,
                            r.person,
                            r.unit.as_deref().unwrap_or(r.capacity.label()),
                            r.percent,
                            r.note,
                            if r.done { " [hoàn thành]" } else { "" }
                        )?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
