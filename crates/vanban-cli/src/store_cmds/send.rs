//! Sending an issued document by e-mail: `vanban send ID --email [--to NAME…] --as USER`
//! sends it to each recipient of its Nơi nhận with an address in the directory, and `vanban
//! send ID --status` shows where each recipient stands (`docs/email.md`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::{Value, json};
use vanban_app::connection;
use vanban_app::export::Exporter;
use vanban_app::mail::MailRoute;
use vanban_app::workflow::store::DocumentId;
use vanban_app::workflow::{EmailOutcome, EmailRequest, EmailState};

use super::{Context, Output, open, read_password, stamp};
use crate::error::CliResult;

/// Gửi văn bản đã ban hành qua thư điện tử tới từng nơi nhận có địa chỉ trong danh bạ (địa chỉ
/// tìm theo tên in ở phần Nơi nhận: sổ địa chỉ [[addresses]], cơ quan liên thông [[organs]],
/// cơ quan [[bodies]]), kèm tệp PDF có chữ ký số và các phụ lục (hoặc gói tin edXML nếu danh
/// bạ ghi attach = "edxml"). Máy chủ thư: VANBAN_SMTP=smtp://[người_dùng@]máy_chủ:cổng[?tls=
/// starttls|tls|none], nếu không thì [bodies.smtp] của cơ quan trong danh bạ. Mật khẩu: tệp
/// --password-file, biến VANBAN_SMTP_PASSWORD, hoặc password_file trong [smtp] của
/// settings.toml — không bao giờ ghi trong địa chỉ. Nơi nhận đã gửi thì bỏ qua (chạy lại lệnh
/// sau khi sửa lỗi chỉ gửi những nơi còn lại). Mã thoát: 0 khi mọi nơi nhận có địa chỉ đều đã
/// nhận; 1 khi có nơi gửi lỗi, chưa rõ kết quả hoặc chưa gửi được, hoặc lệnh bị từ chối;
/// 2 khi đầu vào không dùng được.
#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    ctx: Context,
    /// Số hiệu văn bản đã ban hành.
    id: DocumentId,
    /// Gửi qua thư điện tử (SMTP).
    #[arg(long, required_unless_present = "status")]
    email: bool,
    /// Chỉ gửi tới nơi nhận này (tên như in ở phần Nơi nhận); nhắc lại cho nhiều nơi. Nơi nhận
    /// có lần gửi chưa rõ kết quả chỉ được gửi lại khi được nêu tên ở đây.
    #[arg(long = "to", value_name = "NƠI_NHẬN")]
    to: Vec<String>,
    /// Tệp chứa mật khẩu đăng nhập máy chủ thư (dòng đầu; "-" là đầu vào chuẩn).
    #[arg(long, value_name = "TỆP")]
    password_file: Option<PathBuf>,
    /// Tệp chứa mật khẩu chứng thư số của cơ quan: kèm từng phụ lục thành tệp PDF riêng có chữ
    /// ký số của cơ quan.
    #[arg(long, value_name = "TỆP")]
    key_password_file: Option<PathBuf>,
    /// Chỉ xem tình trạng gửi thư của từng nơi nhận (không gửi gì).
    #[arg(long, conflicts_with_all = ["email", "to", "password_file", "key_password_file"])]
    status: bool,
    /// Cách in kết quả.
    #[arg(long, value_enum, default_value_t = Output::Human)]
    format: Output,
}

/// Runs `vanban send`.
pub fn run(args: SendArgs, out: &mut impl Write) -> CliResult {
    if args.status {
        return status(&args.ctx, args.id, args.format, out);
    }
    send(&args, out)
}

fn env(k: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(k).filter(|v| !v.is_empty())
}

fn send(args: &SendArgs, out: &mut impl Write) -> CliResult {
    let s = stamp(&args.ctx)?;
    let mut wf = open(&args.ctx)?;
    let settings = match connection::settings_path(env) {
        Some(path) => connection::read_settings(&path)?,
        None => connection::Settings::default(),
    };
    let given = match &args.password_file {
        Some(f) => Some(read_password(f)?),
        None => None,
    };
    let route = MailRoute::for_document(&wf, args.id, given, &settings.smtp, env)?;
    let server = &route.server;
    let mut mailer = route.mailer()?;
    let key = match &args.key_password_file {
        Some(f) => {
            let p = read_password(f)?;
            Some(wf.key_for_issuing(&s, args.id, &p)?)
        }
        None => None,
    };
    let key = key.as_ref().map(|k| k as &dyn vanban_app::sign::Signer);
    let mut exporter = Exporter::new(vanban_render::fonts::liberation_serif())?;
    let request = EmailRequest {
        only: &args.to,
        created: vanban_app::clock::pdf_created(s.at),
        appendix_key: key,
    };
    let results = wf.send_email(&s, args.id, &request, &mut exporter, &mut mailer)?;
    let problem = results.iter().any(|r| r.outcome.is_problem());
    if args.format == Output::Json {
        let v = json!({
            "document": args.id,
            "server": server.describe(),
            "recipients": results.iter().map(|r| {
                let mut v = outcome_json(&r.outcome);
                v["name"] = json!(r.recipient.name);
                v["email"] = json!(r.recipient.email);
                v["attach"] = json!(r.recipient.attach.as_str());
                v
            }).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        for r in &results {
            let who = match &r.recipient.email {
                Some(e) => format!("{} <{e}>", r.recipient.name),
                None => r.recipient.name.clone(),
            };
            let line = match &r.outcome {
                EmailOutcome::Sent { message_id } => format!("Đã gửi     {who}  {message_id}"),
                EmailOutcome::Failed { error, .. } => format!("Lỗi        {who}: {error}"),
                EmailOutcome::AlreadySent { message_id } => {
                    format!("Bỏ qua     {who}: đã gửi trước đó ({message_id})")
                }
                EmailOutcome::NoAddress => {
                    format!("Bỏ qua     {who}: danh bạ chưa có địa chỉ thư điện tử")
                }
                EmailOutcome::Unknown { message_id } => format!(
                    "Chưa rõ    {who}: lần gửi trước ({message_id}) bị gián đoạn, có thể đã đến; \
                     hỏi nơi nhận, gửi lại bằng --to \"{}\" nếu cần",
                    r.recipient.name
                ),
                EmailOutcome::NotAttempted { reason } => format!("Chưa gửi   {who}: {reason}"),
            };
            writeln!(out, "{line}")?;
        }
    }
    Ok(if problem {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn outcome_json(o: &EmailOutcome) -> Value {
    match o {
        EmailOutcome::Sent { message_id } => json!({"result": "sent", "message_id": message_id}),
        EmailOutcome::Failed { message_id, error } => {
            json!({"result": "failed", "message_id": message_id, "error": error})
        }
        EmailOutcome::AlreadySent { message_id } => {
            json!({"result": "already-sent", "message_id": message_id})
        }
        EmailOutcome::NoAddress => json!({"result": "no-address"}),
        EmailOutcome::Unknown { message_id } => {
            json!({"result": "unknown", "message_id": message_id})
        }
        EmailOutcome::NotAttempted { reason } => {
            json!({"result": "not-attempted", "reason": reason})
        }
    }
}

fn status(ctx: &Context, id: DocumentId, format: Output, out: &mut impl Write) -> CliResult {
    let wf = open(ctx)?;
    let states = wf.email_status(id)?;
    if format == Output::Json {
        let v: Vec<Value> = (states.iter())
            .map(|s| {
                let mut v = serde_json::to_value(&s.state).unwrap_or_default();
                v["name"] = json!(s.recipient.name);
                v["email"] = json!(s.recipient.email);
                v
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({"document": id, "recipients": v}))?
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for s in &states {
        let who = match &s.recipient.email {
            Some(e) => format!("{} <{e}>", s.recipient.name),
            None => s.recipient.name.clone(),
        };
        let line = match &s.state {
            EmailState::NotSent => format!("Chưa gửi   {who}"),
            EmailState::NoAddress => format!("Không có địa chỉ  {who}"),
            EmailState::Sent { message_id, at } => format!("Đã gửi     {who}  {at}  {message_id}"),
            EmailState::Failed { error, at, .. } => format!("Lỗi        {who}  {at}: {error}"),
            EmailState::Unknown { message_id, at } => {
                format!("Chưa rõ    {who}  {at}  {message_id}")
            }
        };
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}
