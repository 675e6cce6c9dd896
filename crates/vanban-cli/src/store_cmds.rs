//! The commands over the database: init, directory import, import, save, submit, comment,
//! return, approve, sign, issue, discard, copy, distribute, history, diff, list, search,
//! register list, audit verify. Each parses its arguments, calls one use case of
//! `vanban_app::workflow` and prints the result.
//!
//! The clock and the acting person are read here, at the edge, and passed in: the time from the
//! system (or `VANBAN_NOW`, an RFC 3339 time, for scripts and tests), the person from `--as` (or
//! `VANBAN_USER`). Exit codes: 0 done, 1 refused by a rule (wrong state, not allowed, duplicate
//! number…), 2 unusable input (a file, the database, the arguments).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use vanban_app::Error;
use vanban_app::connection;
use vanban_app::export::{ExportOptions, Exporter};
use vanban_app::workflow::chrono::{DateTime, FixedOffset, NaiveDate};
use vanban_app::workflow::store::postgres::{ServerSettings, is_server_address};
use vanban_app::workflow::store::{
    Directory, DocumentId, DocumentSummary, ListQuery, Location, NewDistribution, State,
};
use vanban_app::workflow::{self, DiffLine, RegisterFormat as FileFormat, Stamp, Workflow};

use crate::token::TokenArgs;

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

/// The commands of the workflow.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Tạo cơ sở dữ liệu và tài khoản quản trị (--demo: thêm Sở TT&TT Lạng Sơn, sổ văn bản đi
    /// và các người dùng chuyenvien, truongphong, giamdoc, vanthu).
    Init {
        #[command(flatten)]
        ctx: Context,
        /// Tên đăng nhập của quản trị.
        #[arg(long, default_value = "admin")]
        admin: String,
        /// Thêm dữ liệu mẫu để thử cả quy trình.
        #[arg(long)]
        demo: bool,
    },
    /// Danh bạ: cơ quan, đơn vị, người dùng, ủy quyền, nhóm nơi nhận, sổ văn bản đi.
    Directory {
        #[command(subcommand)]
        command: DirectoryCommand,
    },
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
    /// Sao một văn bản thành dự thảo mới; in số hiệu mới.
    Copy {
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
    /// Sổ văn bản đi.
    Register {
        #[command(subcommand)]
        command: RegisterCommand,
    },
    /// Nhật ký kiểm tra (audit).
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Cơ sở dữ liệu: chuyển từ tệp SQLite lên máy chủ PostgreSQL.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Thể thức trình bày của cơ quan: lề, cỡ chữ, khoảng cách… chọn trong khoảng Nghị định 30
    /// cho phép; dùng cho mọi văn bản của cơ quan khi xuất, in sổ và ký số.
    Style {
        #[command(subcommand)]
        command: StyleCommand,
    },
}

/// `vanban style …`
#[derive(Debug, Subcommand)]
pub enum StyleCommand {
    /// In thể thức trình bày của cơ quan người dùng: tệp TOML (dùng lại được với `vanban style
    /// set`), hoặc với --json từng giá trị với tên, đơn vị và khoảng cho phép.
    Show {
        #[command(flatten)]
        ctx: Context,
        /// In JSON: mỗi giá trị một mục key, label, unit, value, min, max, allowed.
        #[arg(long)]
        json: bool,
    },
    /// Lưu thể thức trình bày của cơ quan từ một tệp TOML (như templates/nd30.toml); chỉ quản
    /// trị. Giá trị ngoài khoảng Nghị định 30 cho phép thì không lưu (mã thoát 1) và báo tên
    /// giá trị.
    Set {
        #[command(flatten)]
        ctx: Context,
        /// Tệp bảng kiểu (TOML).
        file: PathBuf,
    },
    /// Trở về thể thức mặc định của Nghị định 30 (templates/nd30.toml); chỉ quản trị.
    Reset {
        #[command(flatten)]
        ctx: Context,
    },
}

/// `vanban db …`
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Chép toàn bộ một tệp cơ sở dữ liệu (văn bản, bản sửa, sổ văn bản đi, nhật ký, danh bạ)
    /// lên một cơ sở dữ liệu trống trên máy chủ PostgreSQL, rồi kiểm tra chuỗi nhật ký ở đó.
    /// Không chép vào cơ sở dữ liệu đã có dữ liệu.
    Migrate {
        /// Tệp cơ sở dữ liệu nguồn.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Địa chỉ máy chủ đích: postgres://người_dùng@máy_chủ:cổng/csdl (mật khẩu trong
        /// PGPASSWORD hoặc --db-password-file).
        #[arg(long, value_name = "URL")]
        to: String,
        /// Tệp chứa mật khẩu máy chủ (dòng đầu).
        #[arg(long, value_name = "FILE")]
        db_password_file: Option<PathBuf>,
    },
}

/// `vanban directory …`
#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    /// Nhập danh bạ từ tệp JSON hoặc TOML (chỉ quản trị).
    Import {
        #[command(flatten)]
        ctx: Context,
        /// Tệp danh bạ.
        file: PathBuf,
    },
    /// Xuất toàn bộ danh bạ ra tệp JSON hoặc TOML (theo đuôi tệp), để nhập vào cơ sở dữ liệu
    /// khác bằng `vanban directory import` (chỉ quản trị).
    Export {
        #[command(flatten)]
        ctx: Context,
        /// Tệp kết quả (.json hoặc .toml); được ghi trọn vẹn hoặc không ghi gì.
        file: PathBuf,
    },
    /// Đặt lại mã PIN của một người dùng (khi họ quên), hoặc bỏ mã PIN (--clear); chỉ quản
    /// trị. Mã PIN gồm 4 đến 8 chữ số, đọc từ dòng đầu của tệp (không ghi trên dòng lệnh);
    /// cơ sở dữ liệu chỉ lưu mã băm Argon2id.
    Pin {
        #[command(flatten)]
        ctx: Context,
        /// Tên đăng nhập của người dùng.
        login: String,
        /// Tệp chứa mã PIN mới (dòng đầu; "-" là đầu vào chuẩn).
        #[arg(long, value_name = "TỆP", required_unless_present = "clear")]
        pin_file: Option<PathBuf>,
        /// Bỏ mã PIN của người dùng.
        #[arg(long, conflicts_with = "pin_file")]
        clear: bool,
    },
    /// Liệt kê các nhóm nơi nhận của cơ quan người dùng, với các thành viên theo thứ tự.
    Groups {
        #[command(flatten)]
        ctx: Context,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = Output::Human)]
        format: Output,
    },
    /// Thêm một nhóm nơi nhận vào văn bản: một dòng mang tên nhóm (mặc định) hoặc từng thành
    /// viên một dòng (--expand); vào Nơi nhận, hoặc vào “Kính gửi” (--kinh-gui).
    Group {
        #[command(flatten)]
        ctx: Context,
        /// Tên nhóm, như `vanban directory groups` in ra.
        name: String,
        /// Tệp văn bản (.json) được sửa (ghi trọn vẹn hoặc không ghi gì).
        #[arg(long)]
        into: PathBuf,
        /// Mỗi thành viên một dòng.
        #[arg(long)]
        expand: bool,
        /// Thêm vào “Kính gửi” thay vì Nơi nhận.
        #[arg(long)]
        kinh_gui: bool,
    },
}

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

/// `vanban audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Kiểm tra chuỗi băm của nhật ký: phát hiện dòng bị sửa, xóa hoặc đổi thứ tự.
    Verify {
        #[command(flatten)]
        ctx: Context,
    },
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

/// A refusal or an unusable input, already printed.
fn report(e: &Error) -> ExitCode {
    match e {
        Error::Signing(se) => crate::token::print_sign_error(se),
        _ => eprintln!("vanban: {e}"),
    }
    if let Error::Invalid { report, .. } = e {
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity == vanban_core::validate::Severity::Error)
        {
            eprintln!("  lỗi      {}: {}", d.path, d.message);
        }
    }
    ExitCode::from(if e.is_refusal() { 1 } else { 2 })
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(code) => return Ok(code),
        }
    };
}

/// Where the database is: `--db` or `VANBAN_DB` (a file path or a `postgres://` address), or
/// `vanban.db` in the app's data folder. A server's password comes from `--db-password-file`,
/// `VANBAN_DB_PASSWORD_FILE` or `PGPASSWORD`, never from the address.
fn db_location(ctx: &Context) -> anyhow::Result<Result<Location, ExitCode>> {
    let given = match &ctx.db {
        Some(db) => Some(db.clone()),
        None => connection::from_environment(|k| std::env::var_os(k)).map(|c| c.database),
    };
    match given {
        Some(address) if is_server_address(&address) => {
            Ok(server_settings(&address, ctx.db_password_file.as_deref())
                .map(|s| Location::Server(Box::new(s))))
        }
        Some(path) => Ok(Ok(Location::File(PathBuf::from(path)))),
        None => Ok(Ok(Location::File(default_db_path()?))),
    }
}

/// A server address with its password and root certificate from the environment.
fn server_settings(
    address: &str,
    password_file: Option<&Path>,
) -> Result<ServerSettings, ExitCode> {
    let from_env = std::env::var_os("VANBAN_DB_PASSWORD_FILE")
        .filter(|f| !f.is_empty())
        .map(PathBuf::from);
    ServerSettings::from_environment(address, password_file.or(from_env.as_deref()))
        .map_err(|e| report(&Error::Store(e)))
}

/// The default database file: the app's data folder, the same file as the desktop app's.
fn default_db_path() -> anyhow::Result<PathBuf> {
    connection::default_database(|k| std::env::var_os(k))
        .context("không biết đặt cơ sở dữ liệu ở đâu: hãy dùng --db PATH")
}

/// Now, in Vietnam's time, or `VANBAN_NOW` (see [`vanban_app::clock`]).
pub(crate) fn now() -> anyhow::Result<DateTime<FixedOffset>> {
    Ok(vanban_app::clock::now_vietnam()?)
}

fn stamp(ctx: &Context) -> anyhow::Result<Stamp> {
    let person = match &ctx.user {
        Some(u) => u.clone(),
        None => std::env::var("VANBAN_USER")
            .ok()
            .filter(|u| !u.is_empty())
            .context("chưa chọn người thực hiện: thêm --as USER (hoặc đặt VANBAN_USER)")?,
    };
    Ok(Stamp { person, at: now()? })
}

fn read_document(path: &Path) -> Result<vanban_core::Document, ExitCode> {
    vanban_app::open_document(path).map_err(|e| {
        eprintln!("vanban: {e}");
        ExitCode::from(2)
    })
}

fn read_directory(path: &Path) -> Result<Directory, ExitCode> {
    workflow::read_directory(path).map_err(|e| {
        eprintln!("vanban: {e}");
        ExitCode::from(2)
    })
}

/// The organisation of `--as USER` (given on the command line) for a new document from a
/// template, read from the database; `None` without `--as`.
pub fn organisation(
    ctx: &Context,
    unit: Option<String>,
) -> anyhow::Result<Result<Option<vanban_app::templates::Organisation>, ExitCode>> {
    let Some(login) = &ctx.user else {
        return Ok(Ok(None));
    };
    let wf = match open(ctx)? {
        Ok(wf) => wf,
        Err(code) => return Ok(Err(code)),
    };
    let today = now()?.date_naive();
    Ok(wf
        .organisation(login, today, unit)
        .map(Some)
        .map_err(|e| report(&e)))
}

fn open(ctx: &Context) -> anyhow::Result<Result<Workflow, ExitCode>> {
    let wf = match db_location(ctx)? {
        Ok(location) => match workflow::open_at(&location) {
            Ok(wf) => wf,
            Err(e) => return Ok(Err(report(&e))),
        },
        Err(code) => return Ok(Err(code)),
    };
    Ok(match check_pin(ctx, &wf)? {
        Some(code) => Err(code),
        None => Ok(wf),
    })
}

/// Acting as someone who set a PIN takes their PIN, as the desktop app's person picker does:
/// from `--user-pin-file` or `VANBAN_PIN_FILE`. A wrong one costs a second, so that trying
/// every PIN from a script takes hours. Gives the exit code when the PIN is missing or wrong.
fn check_pin(ctx: &Context, wf: &Workflow) -> anyhow::Result<Option<ExitCode>> {
    let Some(login) = login(ctx) else {
        return Ok(None);
    };
    let file = ctx
        .user_pin_file
        .clone()
        .or_else(|| std::env::var_os("VANBAN_PIN_FILE").map(PathBuf::from));
    let pin = file.map(|f| read_secret_line(&f, "mã PIN")).transpose()?;
    let mut attempts = workflow::PinAttempts::new();
    let now = std::time::Instant::now();
    match wf.sign_in(
        &mut attempts,
        &login,
        pin.as_deref().map(String::as_str),
        now,
    ) {
        // Someone not in the directory is reported by the command itself.
        Ok(_) | Err(Error::UnknownUser(_)) => Ok(None),
        Err(Error::PinRequired(name)) => {
            eprintln!(
                "vanban: {name} ({login}) đã đặt mã PIN: thêm --user-pin-file FILE (dòng đầu của \
                 tệp là mã PIN) hoặc đặt VANBAN_PIN_FILE."
            );
            Ok(Some(ExitCode::from(1)))
        }
        Err(Error::WrongPin { .. }) => {
            std::thread::sleep(std::time::Duration::from_secs(1));
            eprintln!("vanban: mã PIN của {login} không đúng.");
            Ok(Some(ExitCode::from(1)))
        }
        Err(e) => Ok(Some(report(&e))),
    }
}

macro_rules! act {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Ok(report(&e)),
        }
    };
}

/// The acting login of `--as` or `VANBAN_USER`, when there is one.
fn login(ctx: &Context) -> Option<String> {
    ctx.user
        .clone()
        .or_else(|| std::env::var("VANBAN_USER").ok().filter(|u| !u.is_empty()))
}

/// The templates to list: the shipped ones, and with `--as USER` (or `VANBAN_USER`) also the
/// organisation's own from the database.
pub fn templates(
    ctx: &Context,
) -> anyhow::Result<Result<Vec<vanban_app::workflow::TemplateEntry>, ExitCode>> {
    let Some(login) = login(ctx) else {
        let shipped = vanban_app::templates::SHIPPED
            .iter()
            .map(|t| vanban_app::workflow::TemplateEntry {
                name: t.name.to_owned(),
                title: t.title.to_owned(),
                doc_type: t.document().doc_type,
                origin: vanban_app::workflow::TemplateOrigin::Shipped,
                saved_by: None,
                saved_at: None,
            })
            .collect();
        return Ok(Ok(shipped));
    };
    let wf = match open(ctx)? {
        Ok(wf) => wf,
        Err(code) => return Ok(Err(code)),
    };
    Ok(wf.templates(&login).map_err(|e| report(&e)))
}

/// The document of an organisation's template named `name`, for `--as USER`'s body; `None`
/// without a user.
pub fn organisation_template(
    ctx: &Context,
    name: &str,
) -> anyhow::Result<Result<Option<vanban_core::Document>, ExitCode>> {
    let Some(login) = login(ctx) else {
        return Ok(Ok(None));
    };
    let wf = match open(ctx)? {
        Ok(wf) => wf,
        Err(code) => return Ok(Err(code)),
    };
    Ok(wf
        .template_document(&login, name)
        .map(Some)
        .map_err(|e| report(&e)))
}

/// Keeps a document — a stored one by id, or a file — as a template of the acting person's
/// body in the database.
pub fn save_template(
    ctx: &Context,
    source: &str,
    name: &str,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let stamp = stamp(ctx)?;
    let mut wf = tri!(open(ctx)?);
    let saved = match source.parse::<i64>() {
        Ok(id) => act!(wf.save_document_as_template(&stamp, id, name)),
        Err(_) => {
            let doc = tri!(read_document(Path::new(source)));
            act!(wf.save_template(&stamp, name, &doc))
        }
    };
    writeln!(out, "đã lưu mẫu “{}”: {}", saved.name, saved.title)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs one command of the workflow.
pub fn run(command: StoreCommand, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    match command {
        StoreCommand::Style {
            command: StyleCommand::Show { ctx, json },
        } => {
            let s = stamp(&ctx)?;
            let wf = tri!(open(&ctx)?);
            let sheet = act!(wf.style_sheet(&s));
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&sheet.entries())?)?;
            } else {
                write!(out, "{}", sheet.to_toml())?;
            }
        }
        StoreCommand::Style {
            command: StyleCommand::Set { ctx, file },
        } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("vanban: không đọc được {}: {e}", file.display());
                    return Ok(ExitCode::from(2));
                }
            };
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            act!(wf.set_style_toml(&s, &text));
            writeln!(
                out,
                "Đã lưu thể thức trình bày của cơ quan từ {}.",
                file.display()
            )?;
        }
        StoreCommand::Style {
            command: StyleCommand::Reset { ctx },
        } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            act!(wf.reset_style(&s));
            writeln!(out, "Đã trở về thể thức mặc định của Nghị định 30.")?;
        }
        StoreCommand::Init { ctx, admin, demo } => {
            let location = tri!(db_location(&ctx)?);
            if let Location::File(path) = &location
                && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
            }
            let s = Stamp {
                person: admin.clone(),
                at: now()?,
            };
            act!(workflow::init_at(&location, &admin, demo, &s));
            writeln!(out, "{}", location.shown())?;
        }
        StoreCommand::Db {
            command:
                DbCommand::Migrate {
                    from,
                    to,
                    db_password_file,
                },
        } => {
            let target = tri!(server_settings(&to, db_password_file.as_deref()));
            let summary = act!(workflow::copy_to_server(&from, &target));
            for (table, rows) in &summary.tables {
                writeln!(out, "{table:<18} {rows:>8} dòng")?;
            }
            writeln!(
                out,
                "Nhật ký nguyên vẹn trên máy chủ: {} dòng, mã băm cuối {}",
                summary.audit_rows, summary.audit_head
            )?;
        }
        StoreCommand::Directory {
            command: DirectoryCommand::Import { ctx, file },
        } => {
            let directory = tri!(read_directory(&file));
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let n = act!(wf.import_directory(&s, &directory));
            writeln!(
                out,
                "{} cơ quan, {} đơn vị, {} người, {} ủy quyền, {} nhóm nơi nhận, {} sổ văn bản đi",
                n.bodies, n.units, n.people, n.delegations, n.recipient_groups, n.registers
            )?;
        }
        StoreCommand::Directory {
            command: DirectoryCommand::Export { ctx, file },
        } => {
            let s = stamp(&ctx)?;
            let wf = tri!(open(&ctx)?);
            let directory = act!(wf.export_directory(&s));
            let text = workflow::directory_text(&file, &directory)
                .map_err(|e| anyhow::anyhow!("không ghi được danh bạ: {e}"))?;
            if let Err(e) = vanban_app::write_atomic(&file, text.as_bytes()) {
                eprintln!("vanban: {e}");
                return Ok(ExitCode::from(2));
            }
            writeln!(
                out,
                "{}: {} cơ quan, {} đơn vị, {} người, {} ủy quyền, {} nhóm nơi nhận, {} sổ văn bản đi",
                file.display(),
                directory.bodies.len(),
                directory.units.len(),
                directory.people.len(),
                directory.delegations.len(),
                directory.recipient_groups.len(),
                directory.registers.len()
            )?;
        }
        StoreCommand::Directory {
            command:
                DirectoryCommand::Pin {
                    ctx,
                    login,
                    pin_file,
                    clear,
                },
        } => {
            let s = stamp(&ctx)?;
            let pin = match (&pin_file, clear) {
                (Some(file), false) => Some(read_password(file)?),
                _ => None,
            };
            let mut wf = tri!(open(&ctx)?);
            act!(wf.reset_pin(&s, &login, pin.as_deref().map(|p| p.as_str())));
            if pin.is_some() {
                writeln!(out, "Đã đặt mã PIN mới cho {login}.")?;
            } else {
                writeln!(out, "Đã bỏ mã PIN của {login}.")?;
            }
        }
        StoreCommand::Directory {
            command: DirectoryCommand::Groups { ctx, format },
        } => {
            let s = stamp(&ctx)?;
            let wf = tri!(open(&ctx)?);
            let groups = act!(wf.recipient_groups(&s.person));
            match format {
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&groups)?)?,
                Output::Human => {
                    for g in &groups {
                        writeln!(out, "{}", g.name)?;
                        for m in &g.members {
                            writeln!(out, "  - {m}")?;
                        }
                    }
                }
            }
        }
        StoreCommand::Directory {
            command:
                DirectoryCommand::Group {
                    ctx,
                    name,
                    into,
                    expand,
                    kinh_gui,
                },
        } => {
            let mut doc = tri!(read_document(&into));
            let s = stamp(&ctx)?;
            let wf = tri!(open(&ctx)?);
            let groups = act!(wf.recipient_groups(&s.person));
            let key = vanban_core::validate::unit_key(&name);
            let Some(group) = groups
                .iter()
                .find(|g| vanban_core::validate::unit_key(&g.name) == key)
            else {
                let known: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
                eprintln!(
                    "vanban: không có nhóm nơi nhận “{name}”. Các nhóm: {}",
                    if known.is_empty() {
                        "(chưa có)".to_owned()
                    } else {
                        known.join("; ")
                    }
                );
                return Ok(ExitCode::from(2));
            };
            let place = if kinh_gui {
                vanban_app::templates::GroupPlace::Addressees
            } else {
                vanban_app::templates::GroupPlace::Recipients
            };
            let n = vanban_app::templates::insert_group(
                &mut doc,
                &group.name,
                &group.members,
                expand,
                place,
            );
            let text = vanban_core::exchange::to_string(&doc);
            if let Err(e) = vanban_app::write_atomic(&into, text.as_bytes()) {
                eprintln!("vanban: {e}");
                return Ok(ExitCode::from(2));
            }
            writeln!(out, "{n}")?;
        }
        StoreCommand::Import { ctx, file } => {
            let doc = tri!(read_document(&file));
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let record = act!(wf.create(&s, &doc));
            writeln!(out, "{}", record.id)?;
        }
        StoreCommand::Save {
            ctx,
            id,
            file,
            base,
        } => {
            let doc = tri!(read_document(&file));
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let rev = match base {
                Some(base) => act!(wf.save_from(&s, id, base, &doc)),
                None => act!(wf.save(&s, id, &doc)),
            };
            writeln!(out, "{}", rev.no)?;
        }
        StoreCommand::Submit { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let r = act!(wf.submit(&s, id));
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        StoreCommand::Comment { ctx, id, on, text } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let c = act!(wf.comment(&s, id, &on, &text));
            writeln!(out, "{}", c.id)?;
        }
        StoreCommand::Return { ctx, id, reason } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let r = act!(wf.return_to_draft(&s, id, &reason));
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        StoreCommand::Approve { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let r = act!(wf.approve(&s, id));
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        StoreCommand::Sign {
            ctx,
            id,
            password_file,
            token,
            paper,
        } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let r = match (password_file, token.read()?) {
                (Some(file), _) => {
                    let password = read_password(&file)?;
                    let key = act!(wf.key_for_signing(&s, &password));
                    act!(wf.sign_digitally(&s, id, &key))
                }
                (None, Some(t)) => {
                    let key = act!(wf.token_for_signing(&s, &t.module, &t.choice, &t.pin));
                    drop(t);
                    act!(wf.sign_digitally(&s, id, &key))
                }
                (None, None) => {
                    if !paper && act!(wf.signer_has_certificate(&s)) {
                        eprintln!(
                            "vanban: danh bạ có chứng thư số của người ký: thêm --password-file TỆP (tệp .p12) hoặc --pkcs11 THƯ-VIỆN --pin-file TỆP (thiết bị ký số) để ký số, hoặc --paper nếu đã ký giấy"
                        );
                        return Ok(ExitCode::from(1));
                    }
                    act!(wf.sign(&s, id))
                }
            };
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        StoreCommand::Issue {
            ctx,
            id,
            register,
            password_file,
            token,
        } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let e = match (password_file, token.read()?) {
                (Some(file), _) => {
                    let password = read_password(&file)?;
                    let key = act!(wf.key_for_issuing(&s, id, &password));
                    act!(wf.issue_digitally(&s, id, register, &key))
                }
                (None, Some(t)) => {
                    let key = act!(wf.token_for_issuing(&s, id, &t.module, &t.choice, &t.pin));
                    drop(t);
                    act!(wf.issue_digitally(&s, id, register, &key))
                }
                (None, None) => act!(wf.issue(&s, id, register)),
            };
            writeln!(out, "{}", e.number_symbol)?;
        }
        StoreCommand::Discard { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let r = act!(wf.discard(&s, id));
            writeln!(out, "{}: {}", r.id, r.state)?;
        }
        StoreCommand::Copy { ctx, id } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let r = act!(wf.copy_as_new_draft(&s, id));
            writeln!(out, "{}", r.id)?;
        }
        StoreCommand::Distribute {
            ctx,
            id,
            to,
            channel,
            on,
        } => {
            let s = stamp(&ctx)?;
            let mut wf = tri!(open(&ctx)?);
            let sent_on = on.unwrap_or(s.at.date_naive());
            act!(wf.record_distribution(
                &s,
                &NewDistribution {
                    document: id,
                    recipient: to,
                    channel,
                    sent_on,
                    note: None,
                }
            ));
        }
        StoreCommand::History { ctx, id, format } => {
            let wf = tri!(open(&ctx)?);
            let h = act!(wf.history(id));
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
                        }
                    }
                }
            }
        }
        StoreCommand::Diff {
            ctx,
            id,
            rev1,
            rev2,
        } => {
            let wf = tri!(open(&ctx)?);
            for line in act!(wf.diff(id, rev1, rev2)) {
                match line {
                    DiffLine::Same(t) => writeln!(out, "  {t}")?,
                    DiffLine::Removed(t) => writeln!(out, "- {t}")?,
                    DiffLine::Added(t) => writeln!(out, "+ {t}")?,
                }
            }
        }
        StoreCommand::List {
            ctx,
            format,
            state,
            limit,
            offset,
        } => {
            let wf = tri!(open(&ctx)?);
            let rows = act!(wf.list(&ListQuery {
                state,
                limit,
                offset
            }));
            print_summaries(&rows, format, out)?;
        }
        StoreCommand::Search {
            ctx,
            text,
            format,
            limit,
        } => {
            let wf = tri!(open(&ctx)?);
            let rows = act!(wf.search(&text, limit));
            print_summaries(&rows, format, out)?;
        }
        StoreCommand::Register {
            command: RegisterCommand::Export { ctx, year, output },
        } => {
            let ext = output
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase());
            let format = match ext.as_deref() {
                Some("csv") => FileFormat::Csv,
                Some("pdf") => FileFormat::Pdf,
                Some("docx") => FileFormat::Docx,
                _ => anyhow::bail!(
                    "tệp kết quả phải có đuôi .pdf, .docx hoặc .csv: {}",
                    output.display()
                ),
            };
            let s = stamp(&ctx)?;
            let created = vanban_app::clock::pdf_created(s.at);
            let mut wf = tri!(open(&ctx)?);
            act!(wf.export_register(&s, year, &output, format, created));
            writeln!(out, "{}", output.display())?;
        }
        StoreCommand::Register {
            command: RegisterCommand::List { ctx, year, format },
        } => {
            let wf = tri!(open(&ctx)?);
            let entries = act!(wf.register(year));
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
        StoreCommand::Audit {
            command: AuditCommand::Verify { ctx },
        } => {
            let wf = tri!(open(&ctx)?);
            let v = act!(wf.verify_audit());
            if v.is_intact() {
                writeln!(
                    out,
                    "Nhật ký nguyên vẹn: {} dòng, mã băm cuối {}",
                    v.rows, v.head
                )?;
            } else {
                eprintln!(
                    "vanban: nhật ký đã bị can thiệp ({} dòng đọc được):",
                    v.rows
                );
                for p in &v.problems {
                    eprintln!("  {}", p.message());
                }
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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
) -> anyhow::Result<ExitCode> {
    let s = stamp(ctx)?;
    let mut wf = tri!(open(ctx)?);
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
            Err(e) => return report(&e),
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
        Err(e) => report(&e),
    }
}

/// Exports appendix `n` (1-based) of an issued document as its own PDF with the agency's
/// signature (`vanban export ID --appendix N -o FILE.pdf --password-file F`).
pub fn export_appendix(
    ctx: &Context,
    id: DocumentId,
    n: usize,
    output: &Path,
    password_file: &Path,
) -> anyhow::Result<ExitCode> {
    if n == 0 {
        anyhow::bail!("phụ lục đánh số từ 1");
    }
    let s = stamp(ctx)?;
    let mut wf = tri!(open(ctx)?);
    let password = read_password(password_file)?;
    let key = act!(wf.key_for_issuing(&s, id, &password));
    let pdf = act!(wf.appendix_file(&s, id, n - 1, &key));
    if let Err(e) = vanban_app::write_atomic(output, &pdf) {
        eprintln!("vanban: {e}");
        return Ok(ExitCode::from(2));
    }
    act!(wf.record_export(&s, id, &output.display().to_string()));
    println!("{}", output.display());
    Ok(ExitCode::SUCCESS)
}

/// The first line of a password file ("-": standard input), kept in memory that is wiped when
/// dropped. Passwords never come from the command line, where other users and the shell
/// history would see them.
pub(crate) fn read_password(file: &Path) -> anyhow::Result<zeroize::Zeroizing<String>> {
    read_secret_line(file, "mật khẩu")
}

/// The first line of a file holding a secret (`what`: "mật khẩu", "mã PIN"), or of standard
/// input for "-", in memory that is wiped when dropped.
pub(crate) fn read_secret_line(
    file: &Path,
    what: &str,
) -> anyhow::Result<zeroize::Zeroizing<String>> {
    use anyhow::Context as _;
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

fn print_summaries(
    rows: &[DocumentSummary],
    format: Output,
    out: &mut impl Write,
) -> anyhow::Result<()> {
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
