//! Looking after the database: `vanban init`, `vanban db migrate`, `vanban audit verify`, and
//! the body's style profile (`vanban style show|set|reset`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use vanban_app::workflow::store::Location;
use vanban_app::workflow::{self, Stamp};

use super::{Context, db_location, now, open, server_settings, stamp};
use crate::error::{CliError, CliResult};

/// The commands of the database as a whole.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
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

/// `vanban audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Kiểm tra chuỗi băm của nhật ký: phát hiện dòng bị sửa, xóa hoặc đổi thứ tự.
    Verify {
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

/// Runs one command of the database as a whole.
pub fn run(command: AdminCommand, out: &mut impl Write) -> CliResult {
    match command {
        AdminCommand::Style {
            command: StyleCommand::Show { ctx, json },
        } => {
            let s = stamp(&ctx)?;
            let wf = open(&ctx)?;
            let sheet = wf.style_sheet(&s)?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&sheet.entries())?)?;
            } else {
                write!(out, "{}", sheet.to_toml())?;
            }
        }
        AdminCommand::Style {
            command: StyleCommand::Set { ctx, file },
        } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                CliError::unusable(format!("không đọc được {}: {e}", file.display()))
            })?;
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            wf.set_style_toml(&s, &text)?;
            writeln!(
                out,
                "Đã lưu thể thức trình bày của cơ quan từ {}.",
                file.display()
            )?;
        }
        AdminCommand::Style {
            command: StyleCommand::Reset { ctx },
        } => {
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            wf.reset_style(&s)?;
            writeln!(out, "Đã trở về thể thức mặc định của Nghị định 30.")?;
        }
        AdminCommand::Init { ctx, admin, demo } => {
            let location = db_location(&ctx)?;
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
            workflow::init_at(&location, &admin, demo, &s)?;
            writeln!(out, "{}", location.shown())?;
        }
        AdminCommand::Db {
            command:
                DbCommand::Migrate {
                    from,
                    to,
                    db_password_file,
                },
        } => {
            let target = server_settings(&to, db_password_file.as_deref())?;
            let summary = workflow::copy_to_server(&from, &target)?;
            for (table, rows) in &summary.tables {
                writeln!(out, "{table:<18} {rows:>8} dòng")?;
            }
            writeln!(
                out,
                "Nhật ký nguyên vẹn trên máy chủ: {} dòng, mã băm cuối {}",
                summary.audit_rows, summary.audit_head
            )?;
        }
        AdminCommand::Audit {
            command: AuditCommand::Verify { ctx },
        } => {
            let wf = open(&ctx)?;
            let v = wf.verify_audit()?;
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
