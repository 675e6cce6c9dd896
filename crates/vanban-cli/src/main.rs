//! `vanban`: VănBản without a window. A thin layer over `vanban-app`: it parses arguments,
//! calls one use case and prints the result for people or, with `--format json`, for programs.
//!
//! Exit codes: 0 success (for `validate`: no errors), 1 the document has errors or a rule
//! refused the command, 2 the file or the arguments are unusable (see [`error::CliError`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use vanban_core::DocumentType;
use vanban_core::validate::{Diagnostic, Report, Severity};

use crate::error::{CliError, CliResult, unusable};

mod error;
mod export;
mod pdf_cmds;
mod read_cmd;
mod store_cmds;
mod token;

/// VănBản: soạn, kiểm tra và xuất văn bản hành chính theo Nghị định 30/2020/NĐ-CP.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Kiểm tra một tệp văn bản (.json): thể thức, số, ngày, nơi nhận, chính tả tiếng Việt.
    ///
    /// Mã thoát: 0 không có lỗi (có thể có cảnh báo), 1 văn bản có lỗi, 2 tệp không dùng được.
    Validate {
        /// Tệp văn bản định dạng vanban/1.
        file: PathBuf,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// In ra một văn bản mới (JSON): các phần thường có của một loại văn bản, hoặc một mẫu.
    ///
    /// Với --template và --as USER: cơ quan, địa danh, năm, người ký và chữ viết tắt người
    /// soạn được điền theo danh bạ trong cơ sở dữ liệu.
    New {
        /// Loại văn bản, ví dụ ke-hoach, cong-van, quyet-dinh (xem `vanban types`).
        #[arg(long = "type", value_parser = parse_type, required_unless_present = "template", conflicts_with = "template")]
        doc_type: Option<DocumentType>,
        /// Mẫu văn bản: tên một mẫu có sẵn hoặc mẫu của cơ quan (xem `vanban templates`), hoặc
        /// tệp mẫu .json.
        #[arg(long)]
        template: Option<String>,
        /// Tên viết tắt của đơn vị soạn thảo (dòng “Lưu”, ký hiệu công văn).
        #[arg(long, requires = "template")]
        unit: Option<String>,
        /// Ghi vào tệp thay vì in ra màn hình (không ghi đè tệp đã có).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Cơ sở dữ liệu và người soạn, để điền mẫu theo danh bạ.
        #[command(flatten)]
        ctx: store_cmds::Context,
    },
    /// Tìm văn bản trong thư viện văn bản hay viện dẫn (không cần gõ dấu); in câu viện dẫn đầy
    /// đủ, hoặc với --format json các trích dẫn có cấu trúc để đưa vào phần căn cứ.
    Cite {
        /// Từ cần tìm: số, ký hiệu, năm, cơ quan hoặc trích yếu.
        #[arg(required = true)]
        query: Vec<String>,
        /// Thư viện của cơ quan (mỗi dòng một văn bản) thay cho thư viện đi kèm.
        #[arg(long)]
        library: Option<PathBuf>,
        /// Thêm văn bản tìm được vào phần căn cứ của tệp văn bản này (chỉ khi tìm được đúng
        /// một văn bản, hoặc văn bản có đúng số ký hiệu đã gõ).
        #[arg(long)]
        into: Option<PathBuf>,
        /// Từ mở đầu đoạn căn cứ khi thêm (--into).
        #[arg(long, default_value = "Căn cứ", requires = "into")]
        lead: String,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Lưu một văn bản làm mẫu: giữ loại, các phần, câu chữ, nơi nhận, người ký; bỏ số, ngày,
    /// độ mật, độ khẩn.
    ///
    /// Với --name: lưu vào cơ sở dữ liệu thành mẫu của cơ quan người thực hiện (--as), mọi người
    /// trong cơ quan dùng được bằng `vanban new --template TÊN --as …`. Với --output: ghi ra tệp
    /// mẫu, dùng lại bằng `vanban new --template TỆP`.
    SaveTemplate {
        /// Văn bản: tệp .json, hoặc số hiệu một văn bản trong cơ sở dữ liệu (với --name).
        source: String,
        /// Tệp mẫu (.json); không ghi đè tệp đã có.
        #[arg(short, long, required_unless_present = "name", conflicts_with = "name")]
        output: Option<PathBuf>,
        /// Tên mẫu trong cơ sở dữ liệu (không trùng mẫu khác của cơ quan, không trùng mẫu có sẵn).
        #[arg(long)]
        name: Option<String>,
        /// Cơ sở dữ liệu và người lưu mẫu (với --name).
        #[command(flatten)]
        ctx: store_cmds::Context,
    },
    /// Liệt kê các mẫu văn bản: các mẫu có sẵn và, với --as USER, các mẫu riêng của cơ quan
    /// trong cơ sở dữ liệu.
    Templates {
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Cơ sở dữ liệu và người dùng, để liệt kê cả mẫu của cơ quan.
        #[command(flatten)]
        ctx: store_cmds::Context,
    },
    /// Xuất văn bản ra tệp DOCX hoặc PDF đúng thể thức Nghị định 30: một văn bản với -o TỆP
    /// (định dạng theo đuôi tệp), hoặc nhiều văn bản một lượt với --out-dir THƯ MỤC --format
    /// pdf|docx (nhanh hơn nhiều so với gọi lệnh cho từng văn bản).
    ///
    /// Văn bản còn lỗi thì không xuất (mã thoát 1) và in ra các lỗi, các văn bản khác vẫn được
    /// xuất; tệp không dùng được: mã 2.
    Export {
        /// Tệp văn bản định dạng vanban/1, hoặc số hiệu một văn bản trong cơ sở dữ liệu (chỉ
        /// gồm chữ số; tệp có tên như vậy thì viết ./12); một hoặc nhiều. Văn bản đã ban hành
        /// được xuất với số và ngày ban hành.
        #[arg(required = true, value_name = "TỆP|SỐ_HIỆU")]
        sources: Vec<String>,
        /// Tệp kết quả (.docx hoặc .pdf) khi xuất một văn bản; được ghi trọn vẹn hoặc không ghi
        /// gì.
        #[arg(short, long, conflicts_with = "out_dir")]
        output: Option<PathBuf>,
        /// Thư mục ghi các tệp kết quả (đã có sẵn): mỗi tệp vanban/1 thành tệp cùng tên với
        /// đuôi mới, mỗi văn bản trong cơ sở dữ liệu thành tệp theo số và ký hiệu của nó.
        #[arg(long, value_name = "THƯ_MỤC")]
        out_dir: Option<PathBuf>,
        /// Định dạng các tệp kết quả, với --out-dir.
        #[arg(long, value_enum, default_value_t = FileFormat::Pdf, requires = "out_dir")]
        format: FileFormat,
        /// Bảng kiểu (TOML) thay cho templates/nd30.toml; với văn bản trong cơ sở dữ liệu, thay
        /// cho thể thức trình bày của cơ quan (`vanban style show`).
        #[arg(long)]
        style: Option<PathBuf>,
        /// Với PDF: xuất theo chuẩn lưu trữ PDF/A-2b.
        #[arg(long)]
        pdfa: bool,
        /// Dùng phông Times New Roman cài trên máy (khi có đủ bốn kiểu chữ); mặc định dùng
        /// Liberation Serif đi kèm, có cùng số đo.
        #[arg(long)]
        system_font: bool,
        /// Xuất riêng phụ lục số N (từ 1) của văn bản đã ban hành thành tệp PDF riêng, có chữ
        /// ký số của cơ quan (ghi số và thời gian ký ở góc trên bên phải trang đầu); cần
        /// --password-file và -o.
        #[arg(long, value_name = "N", requires_all = ["password_file", "output"])]
        appendix: Option<usize>,
        /// Tệp chứa mật khẩu chứng thư số của cơ quan (với --appendix).
        #[arg(long, value_name = "TỆP")]
        password_file: Option<PathBuf>,
        /// Cơ sở dữ liệu và người xuất, khi xuất theo số hiệu văn bản.
        #[command(flatten)]
        ctx: store_cmds::Context,
    },
    /// Đọc một văn bản có sẵn (Word .docx, PDF có lớp chữ, hoặc chữ chép từ PDF .txt) thành tệp
    /// văn bản vanban/1: phần đầu, trích yếu, căn cứ, các mục, danh sách, bảng nhiệm vụ, nơi
    /// nhận, người ký, phụ lục.
    ///
    /// Phần không xếp được vào đâu được giữ lại thành đoạn văn và báo ra. Mã thoát: 0 đọc xong
    /// và văn bản không có lỗi, 1 đọc xong nhưng văn bản còn lỗi khi kiểm tra (tệp vẫn được
    /// ghi), 2 tệp không đọc được (hỏng, PDF quét thành ảnh…).
    Read {
        /// Tệp cần đọc: .docx, .pdf hoặc .txt (khác đuôi thì đoán theo nội dung).
        file: PathBuf,
        /// Loại văn bản, khi không muốn đoán theo dòng tên loại (ví dụ ke-hoach, cong-van).
        #[arg(long = "type", value_parser = parse_type)]
        doc_type: Option<DocumentType>,
        /// Ghi văn bản vào tệp .json (không ghi đè tệp đã có); không có thì in ra màn hình.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Cách in các ghi chú khi đọc và kết quả kiểm tra.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// In ra JSON Schema của định dạng vanban/1.
    Schema,
    /// Liệt kê các loại văn bản với tên viết tắt.
    Types {
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Chữ ký số trên tệp PDF: ký (PAdES, chứng thư PKCS#12) và kiểm tra.
    #[command(subcommand)]
    Pdf(pdf_cmds::PdfCommand),
    #[command(flatten)]
    Store(store_cmds::StoreCommand),
}

/// The format of the files `export --out-dir` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FileFormat {
    /// PDF (--pdfa: PDF/A-2b).
    Pdf,
    /// Word (DOCX).
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Cho người đọc.
    Human,
    /// Cho chương trình (JSON).
    Json,
}

fn parse_type(s: &str) -> Result<DocumentType, String> {
    DocumentType::from_slug(s).ok_or_else(|| {
        let all: Vec<&str> = DocumentType::ALL.iter().map(|t| t.slug()).collect();
        format!("loại văn bản không có: “{s}”. Các loại: {}", all.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            e.print();
            e.exit_code()
        }
    }
}

fn run(cli: Cli) -> CliResult {
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        Command::Validate { file, format } => validate(&file, format, &mut stdout),
        Command::Read {
            file,
            doc_type,
            output,
            format,
        } => read_cmd::run(&file, doc_type, output.as_ref(), format, &mut stdout),
        Command::New {
            doc_type,
            template,
            unit,
            output,
            ctx,
        } => {
            let doc = match (doc_type, template) {
                (_, Some(name)) => {
                    let mut doc = match vanban_app::templates::load(&name) {
                        Ok(doc) => doc,
                        Err(e @ vanban_app::Error::UnknownTemplate { .. }) => {
                            store_cmds::organisation_template(&ctx, &name)?.ok_or(e)?
                        }
                        Err(e) => return Err(e.into()),
                    };
                    let org = match store_cmds::organisation(&ctx, unit.clone())? {
                        Some(org) => org,
                        None => vanban_app::templates::Organisation {
                            unit,
                            ..Default::default()
                        },
                    };
                    vanban_app::templates::fill(&mut doc, &org);
                    doc
                }
                (Some(t), None) => vanban_app::new_document(t),
                (None, None) => unusable!("cần --type hoặc --template"),
            };
            let text = vanban_core::exchange::to_string(&doc);
            match output {
                Some(path) => write_new(&path, &text)?,
                None => stdout.write_all(text.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            sources,
            output,
            out_dir,
            format,
            style,
            pdfa,
            system_font,
            appendix,
            password_file,
            ctx,
        } => {
            let target = match (output, out_dir) {
                (Some(output), None) => {
                    let [source] = sources.as_slice() else {
                        unusable!(
                            "-o chỉ dùng khi xuất một văn bản; xuất nhiều văn bản thì dùng --out-dir THƯ_MỤC --format pdf|docx"
                        );
                    };
                    if let (Some(n), Some(password_file)) = (appendix, &password_file) {
                        let Ok(id) = source.parse::<i64>() else {
                            unusable!(
                                "--appendix cần số hiệu một văn bản đã ban hành trong cơ sở dữ liệu"
                            );
                        };
                        return store_cmds::export_appendix(&ctx, id, n, &output, password_file);
                    }
                    let format = export_format(&output, pdfa)?;
                    export::Target::File(output, format)
                }
                (None, Some(dir)) => {
                    if !dir.is_dir() {
                        unusable!("--out-dir: không có thư mục {}", dir.display());
                    }
                    let format = match (format, pdfa) {
                        (FileFormat::Pdf, pdfa) => vanban_app::export::ExportFormat::Pdf(if pdfa {
                            vanban_render::pdf::PdfKind::ArchivalA2b
                        } else {
                            vanban_render::pdf::PdfKind::Standard
                        }),
                        (FileFormat::Docx, false) => vanban_app::export::ExportFormat::Docx,
                        (FileFormat::Docx, true) => {
                            unusable!("--pdfa chỉ dùng với --format pdf")
                        }
                    };
                    export::Target::Dir(dir, format)
                }
                _ => unusable!(
                    "cần -o TỆP (một văn bản) hoặc --out-dir THƯ_MỤC --format pdf|docx (một hoặc nhiều văn bản)"
                ),
            };
            let system = system_font.then(system_typeface).flatten();
            let typeface = match &system {
                Some(t) => t.files(),
                None => vanban_render::fonts::liberation_serif(),
            };
            export::run(&sources, &target, style.as_deref(), typeface, &ctx)
        }
        Command::Cite {
            query,
            library,
            into,
            lead,
            format,
        } => {
            let lib = match &library {
                None => vanban_app::library::Library::shipped(),
                Some(path) => {
                    let text = std::fs::read_to_string(path).map_err(|e| {
                        CliError::unusable(format!("không đọc được {}: {e}", path.display()))
                    })?;
                    match vanban_app::library::Library::parse(&text) {
                        Ok(lib) => lib,
                        Err(errors) => {
                            for e in errors {
                                eprintln!("{}: {e}", path.display());
                            }
                            return Ok(ExitCode::from(2));
                        }
                    }
                }
            };
            let found = lib.search(&query.join(" "));
            if let Some(path) = into {
                // One document, or the one whose own number was typed.
                let typed = |r: &vanban_core::model::LegalReference| {
                    r.number
                        .as_deref()
                        .is_some_and(|n| query.iter().any(|q| q.to_lowercase() == n.to_lowercase()))
                };
                let pick = match found.as_slice() {
                    [one] => Some(*one),
                    [first, ..] if typed(first) => Some(*first),
                    _ => None,
                };
                let Some(pick) = pick else {
                    eprintln!(
                        "vanban: tìm được {} văn bản; hãy gõ số, ký hiệu của văn bản cần thêm:",
                        found.len()
                    );
                    for r in &found {
                        eprintln!("  {}", vanban_core::format::reference_text(r));
                    }
                    return Ok(ExitCode::from(1));
                };
                let mut doc = vanban_app::open_document(&path)?;
                let added = vanban_app::library::add_to_basis(&mut doc, &lead, pick);
                if added {
                    let text = vanban_core::exchange::to_string(&doc);
                    vanban_app::write_atomic(&path, text.as_bytes())?;
                }
                writeln!(
                    stdout,
                    "{}: {}",
                    if added { "đã thêm" } else { "đã có" },
                    vanban_core::format::reference_text(pick)
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            match format {
                OutputFormat::Json => {
                    writeln!(stdout, "{}", serde_json::to_string_pretty(&found)?)?
                }
                OutputFormat::Human => {
                    for r in &found {
                        writeln!(stdout, "{}", vanban_core::format::reference_text(r))?;
                    }
                }
            }
            Ok(if found.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::SaveTemplate {
            source,
            output,
            name,
            ctx,
        } => {
            if let Some(name) = name {
                return store_cmds::save_template(&ctx, &source, &name, &mut stdout);
            }
            let Some(output) = output else {
                unusable!("cần --output TỆP hoặc --name TÊN");
            };
            let doc = vanban_app::open_document(Path::new(&source))?;
            let text =
                vanban_core::exchange::to_string(&vanban_app::templates::from_document(&doc));
            write_new(&output, &text)?;
            writeln!(stdout, "{}", output.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates { format, ctx } => {
            let rows = store_cmds::templates(&ctx)?;
            match format {
                OutputFormat::Json => writeln!(stdout, "{}", serde_json::to_string_pretty(&rows)?)?,
                OutputFormat::Human => {
                    for r in rows {
                        let origin = match r.origin {
                            vanban_app::workflow::TemplateOrigin::Shipped => "có sẵn",
                            vanban_app::workflow::TemplateOrigin::Organisation => "cơ quan",
                        };
                        writeln!(stdout, "{:<36} {:<8} {}", r.name, origin, r.title)?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            stdout.write_all(vanban_app::schema().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Types { format } => {
            #[derive(Serialize)]
            struct TypeRow {
                slug: &'static str,
                name: &'static str,
                abbreviation: Option<&'static str>,
            }
            let rows: Vec<TypeRow> = DocumentType::ALL
                .iter()
                .map(|t| TypeRow {
                    slug: t.slug(),
                    name: t.info().name,
                    abbreviation: t.info().abbreviation,
                })
                .collect();
            match format {
                OutputFormat::Json => writeln!(stdout, "{}", serde_json::to_string_pretty(&rows)?)?,
                OutputFormat::Human => {
                    for r in rows {
                        writeln!(
                            stdout,
                            "{:<16} {:<6} {}",
                            r.slug,
                            r.abbreviation.unwrap_or("—"),
                            r.name
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Pdf(command) => Ok(pdf_cmds::run(command, &mut stdout)?),
        Command::Store(command) => store_cmds::run(command, &mut stdout),
    }
}

#[derive(Serialize)]
struct ValidateOutput<'a> {
    file: String,
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

fn validate(file: &std::path::Path, format: OutputFormat, out: &mut impl Write) -> CliResult {
    let report: Report = match vanban_app::validate_file(file) {
        Ok(report) => report,
        Err(e) => {
            match format {
                OutputFormat::Json => {
                    #[derive(Serialize)]
                    struct Unusable {
                        file: String,
                        ok: bool,
                        error: vanban_app::ErrorPayload,
                    }
                    let payload = Unusable {
                        file: file.display().to_string(),
                        ok: false,
                        error: e.to_payload(),
                    };
                    writeln!(out, "{}", serde_json::to_string_pretty(&payload)?)?;
                }
                OutputFormat::Human => eprintln!("{e}"),
            }
            return Ok(ExitCode::from(2));
        }
    };
    match format {
        OutputFormat::Json => {
            let payload = ValidateOutput {
                file: file.display().to_string(),
                ok: report.is_ok(),
                errors: report.errors(),
                warnings: report.warnings(),
                diagnostics: &report.diagnostics,
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&payload)?)?;
        }
        OutputFormat::Human => {
            writeln!(
                out,
                "{}: {} lỗi, {} cảnh báo",
                file.display(),
                report.errors(),
                report.warnings()
            )?;
            print_report(&report, out)?;
        }
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(report: &Report, out: &mut impl Write) -> CliResult<()> {
    for d in &report.diagnostics {
        let label = match d.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        writeln!(out, "  {label:<9} {}: {}", d.path, d.message)?;
        if let Some(hint) = &d.hint {
            writeln!(out, "  {:<9} gợi ý: {hint}", "")?;
        }
    }
    Ok(())
}

/// Writes a new file; an existing file is never overwritten.
fn write_new(path: &Path, text: &str) -> CliResult<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| CliError::unusable(format!("không tạo được tệp {}: {e}", path.display())))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// The system's Times New Roman, or a note that the bundled face is used instead.
fn system_typeface() -> Option<vanban_app::typeface::Typeface> {
    let found = vanban_app::typeface::system_times_new_roman();
    if found.is_none() {
        eprintln!(
            "vanban: máy chưa cài đủ bốn kiểu chữ Times New Roman; dùng Liberation Serif đi kèm (cùng số đo)."
        );
    }
    found
}

/// The export format from the output's extension.
fn export_format(output: &Path, pdfa: bool) -> CliResult<vanban_app::export::ExportFormat> {
    let ext = output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    Ok(match ext.as_deref() {
        Some("docx") if !pdfa => vanban_app::export::ExportFormat::Docx,
        Some("pdf") => vanban_app::export::ExportFormat::Pdf(if pdfa {
            vanban_render::pdf::PdfKind::ArchivalA2b
        } else {
            vanban_render::pdf::PdfKind::Standard
        }),
        _ => unusable!(
            "tệp kết quả phải có đuôi .docx hoặc .pdf (--pdfa chỉ dùng với .pdf): {}",
            output.display()
        ),
    })
}
