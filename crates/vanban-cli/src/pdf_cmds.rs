//! `vanban pdf sign` and `vanban pdf verify`: digital signatures on any PDF file, over
//! `vanban-sign`, with a .p12 file or a hardware token. The password or PIN is read from a file
//! (never from the command line, where other users could see it in the process list) and is
//! neither kept nor printed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use serde::Serialize;
use vanban_sign::{
    Appearance, Certificate, ChainStatus, Pkcs11Signer, Pkcs12Signer, Rect, SignError, SignOptions,
    SignatureReport, Signer, TrustList,
};

use crate::OutputFormat;
use crate::token::TokenArgs;

use crate::error::{CliResult, unusable};

/// `vanban pdf …`
#[derive(Debug, Subcommand)]
pub enum PdfCommand {
    /// Ký số một tệp PDF bằng chứng thư số trong tệp PKCS#12 (.p12/.pfx) hoặc bằng thiết bị
    /// ký số (USB token, qua thư viện PKCS#11): chữ ký PAdES, thêm vào cuối tệp (cập nhật gia
    /// tăng), nội dung cũ giữ nguyên.
    ///
    /// Mã thoát: 0 đã ký, 1 bị từ chối (chứng thư hết hạn, tệp không có khóa), 2 tệp hoặc
    /// thiết bị không dùng được (không phải PDF, sai mật khẩu, sai mã PIN, không thấy thiết
    /// bị…).
    #[command(group(clap::ArgGroup::new("key").required(true).args(["p12", "pkcs11"])))]
    Sign {
        /// Tệp PDF cần ký.
        input: PathBuf,
        /// Tệp PDF đã ký (được ghi trọn vẹn hoặc không ghi gì).
        #[arg(short, long)]
        output: PathBuf,
        /// Tệp chứng thư số có khóa bí mật (.p12/.pfx).
        #[arg(long, requires = "password_file")]
        p12: Option<PathBuf>,
        /// Tệp chứa mật khẩu của tệp PKCS#12 (một dòng).
        #[arg(long, requires = "p12")]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        token: Box<TokenArgs>,
        /// Ảnh chữ ký (PNG nền trong suốt), đặt giữa dòng chức vụ và họ tên người ký.
        #[arg(long)]
        image: Option<PathBuf>,
        /// Văn bản (.json) đã xuất ra tệp PDF này: ảnh chữ ký được đặt giữa dòng chức vụ và
        /// họ tên, đúng vị trí khối chữ ký trong bố cục.
        #[arg(long)]
        document: Option<PathBuf>,
        /// Hoặc vị trí ảnh cho sẵn: TRANG:X:Y:RỘNG:CAO (điểm PDF, gốc ở góc dưới trái).
        #[arg(long, value_parser = parse_rect, conflicts_with = "document")]
        at: Option<(u32, Rect)>,
        /// Lý do ký (ghi vào chữ ký).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Kiểm tra các chữ ký số trong một tệp PDF: người ký, thời điểm, nội dung còn nguyên
    /// vẹn không, chứng thư có thuộc tổ chức chứng thực tin cậy không.
    ///
    /// Mã thoát: 0 mọi chữ ký hợp lệ, 1 có chữ ký không hợp lệ hoặc tệp đã bị sửa (hoặc không
    /// có chữ ký nào), 2 tệp không dùng được.
    Verify {
        /// Tệp PDF cần kiểm tra.
        file: PathBuf,
        /// Cách in kết quả.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Chứng thư gốc tin cậy (PEM, có thể nhiều chứng thư; có thể nhắc lại tùy chọn).
        #[arg(long)]
        trust: Vec<PathBuf>,
    },
}

fn parse_rect(s: &str) -> Result<(u32, Rect), String> {
    let parts: Vec<&str> = s.split(':').collect();
    let bad = || format!("cần TRANG:X:Y:RỘNG:CAO, ví dụ 1:360:300:120:48 (nhận được “{s}”)");
    let [page, x, y, w, h] = parts[..] else {
        return Err(bad());
    };
    let n = |v: &str| v.trim().parse::<f32>().map_err(|_| bad());
    Ok((
        page.trim().parse().map_err(|_| bad())?,
        Rect {
            x: n(x)?,
            y: n(y)?,
            width: n(w)?,
            height: n(h)?,
        },
    ))
}

fn read(path: &Path) -> CliResult<Vec<u8>> {
    Ok(std::fs::read(path).with_context(|| format!("không đọc được tệp {}", path.display()))?)
}

/// Exit code of a signing error: 1 when the signature is refused by a rule, 2 when an input
/// (a file, the token, its PIN) cannot be used.
fn code_of(e: &SignError) -> u8 {
    match e {
        SignError::CertificateExpired { .. } | SignError::NoPrivateKey => 1,
        _ => 2,
    }
}

/// Runs one `vanban pdf` command.
pub fn run(command: PdfCommand, out: &mut impl Write) -> CliResult<ExitCode> {
    match command {
        PdfCommand::Sign {
            input,
            output,
            p12,
            password_file,
            token,
            image,
            document,
            at,
            reason,
        } => {
            let pdf = read(&input)?;
            let appearance = match (image, document, at) {
                (Some(image), _, Some((page, rect))) => Some(Appearance {
                    page,
                    rect,
                    png: read(&image)?,
                }),
                (Some(image), Some(document), None) => {
                    let doc = vanban_app::open_document(&document)?;
                    let sheet = vanban_app::style_sheet(None)?;
                    let Some(spot) = vanban_app::export::signature_spot(&doc, &sheet)? else {
                        unusable!("văn bản {} không có khối chữ ký", document.display());
                    };
                    match Appearance::signature_between(
                        spot.page,
                        (spot.left, spot.right),
                        (spot.top, spot.bottom),
                        read(&image)?,
                    ) {
                        Ok(a) => Some(a),
                        Err(e) => unusable!("{e}"),
                    }
                }
                (Some(_), None, None) => unusable!(
                    "--image cần --document VĂN-BẢN.json (hoặc --at TRANG:X:Y:RỘNG:CAO) để biết chỗ đặt ảnh chữ ký"
                ),
                _ => None,
            };
            let options = SignOptions {
                signing_time: crate::store_cmds::now()?,
                reason,
                location: None,
                appearance,
                overlay: None,
            };
            let signer: Result<Box<dyn Signer>, SignError> = match (p12, password_file) {
                (Some(p12), Some(password_file)) => {
                    let p12 = read(&p12)?;
                    let password = crate::store_cmds::read_password(&password_file)?;
                    Pkcs12Signer::from_pkcs12(&p12, &password).map(|s| Box::new(s) as _)
                }
                _ => {
                    // clap requires one of --p12 (with --password-file) and --pkcs11 (with
                    // --pin-file).
                    let Some(t) = token.read()? else {
                        unusable!(
                            "cần --p12 TỆP --password-file TỆP hoặc --pkcs11 THƯ-VIỆN --pin-file TỆP"
                        );
                    };
                    Pkcs11Signer::open(&t.module, &t.choice, &t.pin).map(|s| Box::new(s) as _)
                }
            };
            let signed =
                signer.and_then(|signer| vanban_sign::sign_pdf(&pdf, signer.as_ref(), &options));
            match signed {
                Ok(bytes) => {
                    vanban_app::write_atomic(&output, &bytes)?;
                    writeln!(out, "Đã ký: {}", output.display())?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    crate::token::print_sign_error(&e);
                    Ok(ExitCode::from(code_of(&e)))
                }
            }
        }
        PdfCommand::Verify {
            file,
            format,
            trust,
        } => {
            let mut anchors = Vec::new();
            for path in &trust {
                match Certificate::from_pem_chain(&read(path)?) {
                    Ok(certs) => anchors.extend(certs),
                    Err(e) => unusable!("{}: {e}", path.display()),
                }
            }
            let reports = match vanban_sign::verify_pdf(&read(&file)?, &TrustList::new(anchors)) {
                Ok(r) => r,
                Err(e) => unusable!("{}: {e}", file.display()),
            };
            let all_valid = !reports.is_empty() && reports.iter().all(SignatureReport::is_valid);
            match format {
                OutputFormat::Json => {
                    #[derive(Serialize)]
                    struct Row<'a> {
                        valid: bool,
                        intact: bool,
                        #[serde(flatten)]
                        report: &'a SignatureReport,
                    }
                    #[derive(Serialize)]
                    struct Out<'a> {
                        file: String,
                        valid: bool,
                        signatures: Vec<Row<'a>>,
                    }
                    let doc = Out {
                        file: file.display().to_string(),
                        valid: all_valid,
                        signatures: reports
                            .iter()
                            .map(|r| Row {
                                valid: r.is_valid(),
                                intact: r.intact(),
                                report: r,
                            })
                            .collect(),
                    };
                    serde_json::to_writer_pretty(&mut *out, &doc)?;
                    writeln!(out)?;
                }
                OutputFormat::Human => print_human(&file, &reports, out)?,
            }
            Ok(if all_valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

fn yes(b: bool) -> &'static str {
    if b { "có" } else { "KHÔNG" }
}

fn print_human(file: &Path, reports: &[SignatureReport], out: &mut impl Write) -> CliResult<()> {
    if reports.is_empty() {
        writeln!(out, "{}: không có chữ ký số nào.", file.display())?;
        return Ok(());
    }
    writeln!(out, "{}: {} chữ ký số", file.display(), reports.len())?;
    for (i, r) in reports.iter().enumerate() {
        let verdict = if r.is_valid() {
            "HỢP LỆ"
        } else {
            "KHÔNG HỢP LỆ"
        };
        writeln!(out, "Chữ ký {}: {verdict}", i + 1)?;
        writeln!(
            out,
            "  người ký:            {}",
            r.signer.as_deref().unwrap_or("?")
        )?;
        if let Some(t) = r.signing_time {
            writeln!(
                out,
                "  thời điểm ký:        {}",
                t.format("%d/%m/%Y %H:%M:%S %:z")
            )?;
        }
        if let Some(reason) = &r.reason {
            writeln!(out, "  lý do:               {reason}")?;
        }
        writeln!(out, "  nội dung nguyên vẹn: {}", yes(r.intact()))?;
        let chain = match &r.chain {
            ChainStatus::Trusted { anchor } => format!("tin cậy ({anchor})"),
            ChainStatus::Untrusted => "KHÔNG tin cậy".to_owned(),
            ChainStatus::NotChecked => "chưa kiểm tra (không có --trust)".to_owned(),
        };
        writeln!(out, "  chứng thư:           {chain}")?;
        let scope = if r.covers_whole_file {
            "toàn bộ tệp"
        } else {
            "bản đến lúc ký; sau đó tệp có cập nhật thêm"
        };
        writeln!(out, "  phạm vi:             {scope}")?;
        for p in &r.problems {
            writeln!(out, "  - {p}")?;
        }
    }
    Ok(())
}
