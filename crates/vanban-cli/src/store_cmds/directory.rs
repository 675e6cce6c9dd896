//! `vanban directory …`: the directory of bodies, units, people, delegations, recipient groups
//! and registers, as a file in and out; PINs; recipient groups put into a document.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use vanban_app::workflow;
use vanban_app::workflow::store::Directory;

use super::{Context, Output, open, read_document, read_password, stamp};
use crate::error::{CliError, CliResult};

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

/// Runs one command of the directory.
pub fn run(command: DirectoryCommand, out: &mut impl Write) -> CliResult {
    match command {
        DirectoryCommand::Import { ctx, file } => {
            let directory = read_directory(&file)?;
            let s = stamp(&ctx)?;
            let mut wf = open(&ctx)?;
            let n = wf.import_directory(&s, &directory)?;
            writeln!(
                out,
                "{} cơ quan, {} đơn vị, {} người, {} ủy quyền, {} nhóm nơi nhận, {} sổ văn bản đi",
                n.bodies, n.units, n.people, n.delegations, n.recipient_groups, n.registers
            )?;
        }
        DirectoryCommand::Export { ctx, file } => {
            let s = stamp(&ctx)?;
            let wf = open(&ctx)?;
            let directory = wf.export_directory(&s)?;
            let text = workflow::directory_text(&file, &directory)
                .map_err(|e| anyhow::anyhow!("không ghi được danh bạ: {e}"))?;
            vanban_app::write_atomic(&file, text.as_bytes())?;
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
        DirectoryCommand::Pin {
            ctx,
            login,
            pin_file,
            clear,
        } => {
            let s = stamp(&ctx)?;
            let pin = match (&pin_file, clear) {
                (Some(file), false) => Some(read_password(file)?),
                _ => None,
            };
            let mut wf = open(&ctx)?;
            wf.reset_pin(&s, &login, pin.as_deref().map(|p| p.as_str()))?;
            if pin.is_some() {
                writeln!(out, "Đã đặt mã PIN mới cho {login}.")?;
            } else {
                writeln!(out, "Đã bỏ mã PIN của {login}.")?;
            }
        }
        DirectoryCommand::Groups { ctx, format } => {
            let s = stamp(&ctx)?;
            let wf = open(&ctx)?;
            let groups = wf.recipient_groups(&s.person)?;
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
        DirectoryCommand::Group {
            ctx,
            name,
            into,
            expand,
            kinh_gui,
        } => {
            let mut doc = read_document(&into)?;
            let s = stamp(&ctx)?;
            let wf = open(&ctx)?;
            let groups = wf.recipient_groups(&s.person)?;
            let key = vanban_core::validate::unit_key(&name);
            let Some(group) = groups
                .iter()
                .find(|g| vanban_core::validate::unit_key(&g.name) == key)
            else {
                let known: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
                return Err(CliError::unusable(format!(
                    "không có nhóm nơi nhận “{name}”. Các nhóm: {}",
                    if known.is_empty() {
                        "(chưa có)".to_owned()
                    } else {
                        known.join("; ")
                    }
                )));
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
            vanban_app::write_atomic(&into, text.as_bytes())?;
            writeln!(out, "{n}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A directory file (JSON or TOML).
fn read_directory(path: &Path) -> CliResult<Directory> {
    Ok(workflow::read_directory(path)?)
}
