//! The steps of a document's life: `vanban submit`, `comment`, `return`, `approve`, `sign`,
//! `issue`, `discard`, `distribute`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use vanban_app::workflow::chrono::NaiveDate;
use vanban_app::workflow::store::{DocumentId, NewDistribution};

use super::{Context, open, read_password, stamp};
use crate::error::{CliError, CliResult};
use crate::token::TokenArgs;

/// The steps of the workflow.
#[derive(Debug, Subcommand)]
pub enum WorkflowCommand {
    /// Trình duyệt dự thảo.
    Submit {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
    },
    /// Góp ý vào một phần của bản đang duyệt.
    Comment {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Phần được góp ý, ví dụ body.sections[1] hoặc tasks[0] (bỏ trống: cả văn bản).
        #[arg(long = "on", default_value = "")]
        on: String,
        /// Nội dung góp ý.
        text: String,
    },
    /// Trả lại văn bản cho người soạn, kèm lý do.
    Return {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Lý do trả lại.
        #[arg(long, short)]
        reason: String,
    },
    /// Duyệt bản hiện hành.
    Approve {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
    },
    /// Ký bản đã duyệt (người ký có tên trong văn bản, hoặc theo ủy quyền). Ký số vào PDF
    /// bằng chứng thư trong danh bạ (--password-file) hoặc bằng thiết bị ký số (--pkcs11 …
    /// --pin-file …), hoặc --paper để ghi nhận đã ký giấy.
    Sign {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Tệp chứa mật khẩu chứng thư số (.p12) của người ký (dòng đầu; "-" là đầu vào chuẩn).
        #[arg(long, value_name = "TỆP", conflicts_with = "pkcs11")]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        token: TokenArgs,
        /// Ký giấy: chỉ ghi nhận trạng thái đã ký, không ký số.
        #[arg(long, conflicts_with_all = ["password_file", "pkcs11"])]
        paper: bool,
    },
    /// Ban hành: cấp số, ngày, vào sổ văn bản đi; in số và ký hiệu.
    Issue {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Sổ văn bản đi (khi cơ quan có nhiều sổ phù hợp).
        #[arg(long)]
        register: Option<i64>,
        /// Tệp chứa mật khẩu chứng thư số (.p12) của cơ quan, khi văn bản đã được ký số: ghi
        /// số, ngày vào bản PDF đã ký và đóng dấu, ký số của cơ quan.
        #[arg(long, value_name = "TỆP", conflicts_with = "pkcs11")]
        password_file: Option<PathBuf>,
        /// Hoặc ký số của cơ quan bằng thiết bị ký số.
        #[command(flatten)]
        token: TokenArgs,
    },
    /// Hủy dự thảo (văn bản được giữ lại, không xóa).
    Discard {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
    },
    /// Ghi nhận đã gửi văn bản đã ban hành cho một nơi nhận.
    Distribute {
        #[command(flatten)]
        ctx: Context,
        /// Số hiệu văn bản.
        id: DocumentId,
        /// Nơi nhận.
        #[arg(long)]
        to: String,
        /// Cách gửi.
        #[arg(long, default_value = "hệ thống")]
        channel: String,
        /// Ngày gửi (YYYY-MM-DD; mặc định hôm nay).
        #[arg(long)]
        on: Option<NaiveDate>,
    },
}

/// Runs one step of the workflow.
pub fn run(command: WorkflowCommand, out: &mut impl Write) -> CliResult {
    match command {
        WorkflowCommand::Submit { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let r = wf.submit(&s, id)?;
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        WorkflowCommand::Comment { ctx, id, on, text } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let c = wf.comment(&s, id, &on, &text)?;
            writeln!(out, "{}", c.id)?;
        }
        WorkflowCommand::Return { ctx, id, reason } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let r = wf.return_to_draft(&s, id, &reason)?;
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        WorkflowCommand::Approve { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let r = wf.approve(&s, id)?;
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        WorkflowCommand::Sign {
            ctx,
            id,
            password_file,
            token,
            paper,
        } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let r = match (password_file, token.read()?) {
                (Some(file), _) => {
                    let password = read_password(&file)?;
                    let key = wf.key_for_signing(&s, &password)?;
                    wf.sign_digitally(&s, id, &key)?
                }
                (None, Some(t)) => {
                    let key = wf.token_for_signing(&s, &t.module, &t.choice, &t.pin)?;
                    drop(t);
                    wf.sign_digitally(&s, id, &key)?
                }
                (None, None) => {
                    if !paper && wf.signer_has_certificate(&s)? {
                        return Err(CliError::Refused(
                            "danh bạ có chứng thư số của người ký: thêm --password-file TỆP (tệp .p12) hoặc --pkcs11 THƯ-VIỆN --pin-file TỆP (thiết bị ký số) để ký số, hoặc --paper nếu đã ký giấy".into(),
                        ));
                    }
                    wf.sign(&s, id)?
                }
            };
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        WorkflowCommand::Issue {
            ctx,
            id,
            register,
            password_file,
            token,
        } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let e = match (password_file, token.read()?) {
                (Some(file), _) => {
                    let password = read_password(&file)?;
                    let key = wf.key_for_issuing(&s, id, &password)?;
                    wf.issue_digitally(&s, id, register, &key)?
                }
                (None, Some(t)) => {
                    let key = wf.token_for_issuing(&s, id, &t.module, &t.choice, &t.pin)?;
                    drop(t);
                    wf.issue_digitally(&s, id, register, &key)?
                }
                (None, None) => wf.issue(&s, id, register)?,
            };
            writeln!(out, "{}", e.number_symbol)?;
        }
        WorkflowCommand::Discard { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let r = wf.discard(&s, id)?;
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        WorkflowCommand::Distribute {
            ctx,
            id,
            to,
            channel,
            on,
        } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let sent_on = on.unwrap_or(s.at.date_naive());
            wf.record_distribution(
                &s,
                &NewDistribution {
                    document: id,
                    recipient: to,
                    channel,
                    sent_on,
                    note: None,
                },
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
