//! The commands over the database, by group: the stored documents and their export
//! (`documents`), the steps of the workflow (`workflow`), the outgoing register (`register`),
//! the directory (`directory`), the database as a whole and the body's style (`admin`), the
//! templates kept in the database (`templates`), following issued plans (`tasks`), copies of
//! issued documents with their register (`copies`: `vanban certify`, `vanban copies`) and the
//! national exchange package (`edxml`), sending by e-mail (`send`). Each
//! command parses its arguments, calls one use case of `vanban_app::workflow` and prints the
//! result.
//!
//! The clock and the acting person are read here, at the edge, and passed in: the time from
//! `vanban_app::clock` (the system's, or `VANBAN_NOW` for scripts and tests), the person from
//! `--as` (or `VANBAN_USER`), the database from `--db` or the rule of `vanban_app::connection`.
//! Exit codes (see [`CliError`]): 0 done, 1 refused by a rule (wrong state, not allowed,
//! duplicate number…), 2 unusable input (a file, the database, the arguments).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use vanban_app::Error;
use vanban_app::connection;
use vanban_app::workflow::chrono::{DateTime, FixedOffset};
use vanban_app::workflow::store::Location;
use vanban_app::workflow::store::postgres::{ServerSettings, is_server_address};
use vanban_app::workflow::{PinAttempts, Stamp, Workflow};

use crate::error::{CliError, CliResult};

mod admin;
mod copies;
mod directory;
mod documents;
mod edxml;
mod register;
mod send;
mod tasks;
mod templates;
mod workflow;

pub use documents::{export, export_appendix};
pub use templates::{organisation, organisation_template, save_template, templates};

/// Where the database is and who acts.
#[derive(Debug, Clone, Default, Args)]
pub struct Context {
    /// Tệp cơ sở dữ liệu, hoặc địa chỉ máy chủ PostgreSQL postgres://người_dùng@máy_chủ:cổng/csdl
    /// (mặc định: $VANBAN_DB, hoặc vanban.db trong thư mục dữ liệu của ứng dụng). Mật khẩu máy
    /// chủ không ghi trong địa chỉ: lấy từ biến môi trường PGPASSWORD hoặc --db-password-file.
    #[arg(long, value_name = "PATH|URL")]
    db: Option<String>,
    /// Tệp chứa mật khẩu máy chủ cơ sở dữ liệu (dòng đầu; mặc định $VANBAN_DB_PASSWORD_FILE).
    #[arg(long, value_name = "FILE")]
    db_password_file: Option<PathBuf>,
    /// Người thực hiện (tên đăng nhập; mặc định $VANBAN_USER).
    #[arg(long = "as", value_name = "USER")]
    user: Option<String>,
    /// Tệp chứa mã PIN của người thực hiện, khi người đó đã đặt mã PIN (dòng đầu; "-" là đầu
    /// vào chuẩn; mặc định $VANBAN_PIN_FILE).
    #[arg(long, value_name = "FILE")]
    user_pin_file: Option<PathBuf>,
}

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// Cho người đọc.
    Human,
    /// Cho chương trình (JSON).
    Json,
}

/// The commands of the database.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    #[command(flatten)]
    Admin(admin::AdminCommand),
    /// Danh bạ: cơ quan, đơn vị, người dùng, ủy quyền, nhóm nơi nhận, sổ văn bản đi.
    Directory {
        #[command(subcommand)]
        command: directory::DirectoryCommand,
    },
    #[command(flatten)]
    Documents(documents::DocumentCommand),
    #[command(flatten)]
    Workflow(workflow::WorkflowCommand),
    /// Sổ văn bản đi.
    Register {
        #[command(subcommand)]
        command: register::RegisterCommand,
    },
    #[command(flatten)]
    Tracking(tasks::TrackingCommand),
    #[command(flatten)]
    Copies(copies::CopyCommand),
    /// Gói tin liên thông văn bản điện tử edXML (QCVN 102:2016/BTTTT): `vanban edxml ID --to
    /// MÃ_ĐỊNH_DANH… -o TỆP.edxml` ghi gói tin của văn bản đã ban hành và ghi nhận đã gửi;
    /// `vanban edxml read TỆP.edxml` đọc gói tin nhận được.
    Edxml(edxml::EdxmlArgs),
    /// Gửi văn bản đã ban hành qua thư điện tử: `vanban send ID --email --as USER` gửi tới
    /// từng nơi nhận có địa chỉ trong danh bạ, qua máy chủ thư [bodies.smtp] của cơ quan hoặc
    /// VANBAN_SMTP; `vanban send ID --status` xem tình trạng gửi. Mã thoát 0 khi mọi nơi nhận
    /// có địa chỉ đã nhận, 1 khi có nơi lỗi, chưa rõ hoặc chưa gửi, hoặc lệnh bị từ chối.
    Send(send::SendArgs),
}

/// Runs one command over the database.
pub fn run(command: StoreCommand, out: &mut impl Write) -> CliResult {
    match command {
        StoreCommand::Admin(command) => admin::run(command, out),
        StoreCommand::Directory { command } => directory::run(command, out),
        StoreCommand::Documents(command) => documents::run(command, out),
        StoreCommand::Workflow(command) => workflow::run(command, out),
        StoreCommand::Register { command } => register::run(command, out),
        StoreCommand::Tracking(command) => tasks::run(command, out),
        StoreCommand::Copies(command) => copies::run(command, out),
        StoreCommand::Edxml(args) => edxml::run(args, out),
        StoreCommand::Send(args) => send::run(args, out),
    }
}

/// Where the database is: `--db`, else `VANBAN_DB` (a file path or a `postgres://` address),
/// else `vanban.db` in the app's data folder (see [`vanban_app::connection`]). A server's
/// password comes from `--db-password-file`, `VANBAN_DB_PASSWORD_FILE` or `PGPASSWORD`, never
/// from the address.
fn db_location(ctx: &Context) -> CliResult<Location> {
    let env = |k: &str| std::env::var_os(k);
    let given = match &ctx.db {
        Some(db) => Some(db.clone()),
        None => connection::from_environment(env).map(|c| c.database),
    };
    Ok(match given {
        Some(address) if is_server_address(&address) => Location::Server(Box::new(
            server_settings(&address, ctx.db_password_file.as_deref())?,
        )),
        Some(path) => Location::File(PathBuf::from(path)),
        None => Location::File(
            connection::default_database(env)
                .context("không biết đặt cơ sở dữ liệu ở đâu: hãy dùng --db PATH")?,
        ),
    })
}

/// A server address with its password and root certificate from the environment.
fn server_settings(address: &str, password_file: Option<&Path>) -> CliResult<ServerSettings> {
    let from_env = std::env::var_os("VANBAN_DB_PASSWORD_FILE")
        .filter(|f| !f.is_empty())
        .map(PathBuf::from);
    ServerSettings::from_environment(address, password_file.or(from_env.as_deref()))
        .map_err(|e| Error::Store(e).into())
}

/// Now, in Vietnam's time, or `VANBAN_NOW` (see [`vanban_app::clock`]).
pub(crate) fn now() -> CliResult<DateTime<FixedOffset>> {
    Ok(vanban_app::clock::now_vietnam()?)
}

/// The acting person (`--as` or `VANBAN_USER`) and the moment.
fn stamp(ctx: &Context) -> CliResult<Stamp> {
    let person =
        login(ctx).context("chưa chọn người thực hiện: thêm --as USER (hoặc đặt VANBAN_USER)")?;
    Ok(Stamp { person, at: now()? })
}

/// The acting login of `--as` or `VANBAN_USER`, when there is one.
fn login(ctx: &Context) -> Option<String> {
    ctx.user
        .clone()
        .or_else(|| std::env::var("VANBAN_USER").ok().filter(|u| !u.is_empty()))
}

/// A document file.
fn read_document(path: &Path) -> CliResult<vanban_core::Document> {
    Ok(vanban_app::open_document(path)?)
}

/// Opens the database, and checks the acting person's PIN when they set one.
fn open(ctx: &Context) -> CliResult<Workflow> {
    let wf = vanban_app::workflow::open_at(&db_location(ctx)?)?;
    check_pin(ctx, &wf)?;
    Ok(wf)
}

/// Acting as someone who set a PIN takes their PIN, as the desktop app's person picker does:
/// from `--user-pin-file` or `VANBAN_PIN_FILE`. A wrong one costs a second, so that trying
/// every PIN from a script takes hours.
fn check_pin(ctx: &Context, wf: &Workflow) -> CliResult<()> {
    let Some(login) = login(ctx) else {
        return Ok(());
    };
    let file = ctx
        .user_pin_file
        .clone()
        .or_else(|| std::env::var_os("VANBAN_PIN_FILE").map(PathBuf::from));
    let pin = file.map(|f| read_secret_line(&f, "mã PIN")).transpose()?;
    let mut attempts = PinAttempts::new();
    let now = std::time::Instant::now();
    match wf.sign_in(
        &mut attempts,
        &login,
        pin.as_deref().map(String::as_str),
        now,
    ) {
        // Someone not in the directory is reported by the command itself.
        Ok(_) | Err(Error::UnknownUser(_)) => Ok(()),
        Err(Error::PinRequired(name)) => Err(CliError::Refused(format!(
            "{name} ({login}) đã đặt mã PIN: thêm --user-pin-file FILE (dòng đầu của \
             tệp là mã PIN) hoặc đặt VANBAN_PIN_FILE."
        ))),
        Err(Error::WrongPin { .. }) => {
            std::thread::sleep(std::time::Duration::from_secs(1));
            Err(CliError::Refused(format!("mã PIN của {login} không đúng.")))
        }
        Err(e) => Err(e.into()),
    }
}

/// The first line of a password file ("-": standard input), kept in memory that is wiped when
/// dropped. Passwords never come from the command line, where other users and the shell
/// history would see them.
pub(crate) fn read_password(file: &Path) -> CliResult<zeroize::Zeroizing<String>> {
    read_secret_line(file, "mật khẩu")
}

/// The first line of a file holding a secret (`what`: "mật khẩu", "mã PIN"), or of standard
/// input for "-", in memory that is wiped when dropped.
pub(crate) fn read_secret_line(file: &Path, what: &str) -> CliResult<zeroize::Zeroizing<String>> {
    let text = if file == Path::new("-") {
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin().read_line(&mut line)?;
        line
    } else {
        zeroize::Zeroizing::new(
            std::fs::read_to_string(file)
                .with_context(|| format!("không đọc được tệp {what} {}", file.display()))?,
        )
    };
    let first = text.lines().next().unwrap_or_default();
    Ok(zeroize::Zeroizing::new(first.to_owned()))
}
