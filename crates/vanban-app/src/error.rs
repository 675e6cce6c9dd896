//! The one error type of the use cases: what was refused and why, or what failed, with a
//! stable machine code ([`Error::code`]) for programs and the UI, a Vietnamese message for
//! people, and whether a rule refused it or the input could not be used
//! ([`Error::is_refusal`], the CLI's exit code 1 or 2).

use std::path::PathBuf;

use serde::Serialize;
use vanban_core::exchange::ReadError;
use vanban_core::validate::Report;
use vanban_render::style::StyleError;
use vanban_store::{DocumentId, State, StoreError};

use crate::workflow::EntryProblem;

/// Why a use case refused or failed: every error of `vanban-app`, each with a stable
/// [`Error::code`] and a Vietnamese message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The acting login is not in the directory.
    #[error("Không có người dùng “{0}” trong danh bạ; hãy chọn người dùng có thật bằng --as.")]
    UnknownUser(String),
    /// The person's roles do not allow the action on this document.
    #[error("{person} không được {action}: {reason}.")]
    NotAllowed {
        /// The acting login.
        person: String,
        /// What was attempted, in Vietnamese.
        action: &'static str,
        /// Why not.
        reason: String,
    },
    /// The document is not in a state the action starts from.
    #[error(
        "Không {action} được văn bản {document}: văn bản đang ở trạng thái “{state}”; {action} chỉ làm được khi văn bản {allowed}."
    )]
    WrongState {
        /// The document.
        document: DocumentId,
        /// What was attempted.
        action: &'static str,
        /// Its state.
        state: State,
        /// The states that allow it, in words.
        allowed: &'static str,
    },
    /// A return needs a reason.
    #[error("Trả lại văn bản phải kèm ý kiến nêu lý do.")]
    ReasonRequired,
    /// A comment with no text.
    #[error("Ý kiến không được để trống.")]
    EmptyComment,
    /// The comment's anchor does not name a part of the revision.
    #[error("Bản sửa {revision} không có phần “{anchor}” để gắn ý kiến.")]
    NoSuchPart {
        /// The path given.
        anchor: String,
        /// The revision.
        revision: u32,
    },
    /// The document would be malformed once numbered and dated.
    #[error(
        "Văn bản còn {} lỗi thể thức, chưa {action} được; chạy `vanban validate` để xem từng lỗi.",
        .report.errors()
    )]
    Invalid {
        /// What was attempted.
        action: &'static str,
        /// The problems.
        report: Report,
    },
    /// No register takes this document.
    #[error("Cơ quan không có sổ văn bản đi nào nhận {what}; quản trị cần thêm sổ trong danh bạ.")]
    NoRegister {
        /// "Kế hoạch (không mật)".
        what: String,
    },
    /// More than one register takes the document.
    #[error("Có nhiều sổ văn bản đi phù hợp ({0}); hãy chọn một sổ bằng --register.")]
    AmbiguousRegister(String),
    /// The header's issuing body is not the body the document belongs to.
    #[error(
        "Cơ quan ban hành ghi trong văn bản (“{found}”) khác cơ quan của sổ văn bản đi (“{expected}”)."
    )]
    WrongBody {
        /// The abbreviation in the header.
        found: String,
        /// The directory's.
        expected: String,
    },
    /// A stored revision is not a readable document (a damaged database).
    #[error("Bản sửa lưu trong cơ sở dữ liệu không đọc được: {0}")]
    StoredDocument(ReadError),
    /// Nothing was issued in the year asked for.
    #[error("Sổ văn bản đi năm {0} chưa có văn bản nào; không có gì để in.")]
    EmptyRegister(i32),
    /// The directory sets no certificate for the person or body.
    #[error("Danh bạ chưa có chứng thư số của {who}; quản trị cần thêm tệp .p12 vào danh bạ.")]
    NoCertificate {
        /// The person's or body's name.
        who: String,
    },
    /// The certificate file the directory names cannot be read.
    #[error("Không đọc được tệp chứng thư số {path}: {detail}")]
    CertificateFile {
        /// The file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The directory sets a certificate file without a key for the person or body: their key
    /// is on a hardware token.
    #[error(
        "Danh bạ ghi cho {who} tệp chứng thư không kèm khóa bí mật ({}): khóa nằm trên thiết bị ký số (USB token), hãy ký bằng thiết bị.",
        path.display()
    )]
    CertificateWithoutKey {
        /// The person's or body's name.
        who: String,
        /// The file.
        path: PathBuf,
    },
    /// Signing with a token, but the directory's certificate for the person or body is a
    /// PKCS#12 file, which cannot be read without its password to compare.
    #[error(
        "Danh bạ ghi cho {who} tệp PKCS#12 ({}): không đọc được chứng thư trong đó khi không có mật khẩu, nên không đối chiếu được với thiết bị ký số. Quản trị cần ghi vào danh bạ tệp chứng thư (.cer/.pem) của thiết bị, hoặc ký bằng tệp .p12.",
        path.display()
    )]
    CertificateNotComparable {
        /// The person's or body's name.
        who: String,
        /// The file.
        path: PathBuf,
    },
    /// The token's certificate is not the one the directory sets for the person or body.
    #[error(
        "Chứng thư trên thiết bị ký số ({on_token}) không phải chứng thư danh bạ ghi cho {who} ({in_directory}, tệp {}): cắm đúng thiết bị của {who}, hoặc nhờ quản trị cập nhật danh bạ.",
        path.display()
    )]
    TokenCertificateMismatch {
        /// The person's or body's name.
        who: String,
        /// The directory's certificate file.
        path: PathBuf,
        /// The token's certificate, described.
        on_token: String,
        /// The directory's certificate, described.
        in_directory: String,
    },
    /// The directory lacks the image a digital signature shows.
    #[error("Danh bạ chưa có {what} của {who}; quản trị cần thêm ({field}).")]
    NoImage {
        /// "ảnh chữ ký", "ảnh con dấu".
        what: &'static str,
        /// Whose.
        who: String,
        /// The directory field to fill.
        field: &'static str,
    },
    /// The document has no signature block to sign in.
    #[error("Văn bản {0} không có phần chữ ký (người ký, chức vụ) để đặt chữ ký số.")]
    NoSignatureBlock(DocumentId),
    /// Issuing with the agency's signature a document the signer did not sign digitally.
    #[error(
        "Văn bản {0} không được ký số (người ký đã ký giấy); ban hành không kèm chứng thư số của cơ quan."
    )]
    NotSignedDigitally(DocumentId),
    /// Issuing without the agency's key a document the signer signed digitally.
    #[error(
        "Văn bản {0} đã được ký số: ban hành cần chứng thư số của cơ quan để ghi số, ngày và đóng dấu (nhập mật khẩu chứng thư)."
    )]
    AgencyKeyNeeded(DocumentId),
    /// The digital signature could not be made.
    #[error(transparent)]
    Signing(#[from] vanban_sign::SignError),
    /// The file could not be read or written.
    #[error("Không đọc được tệp {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A style sheet file is not usable.
    #[error("{path}: {source}")]
    StyleFile {
        /// The style sheet file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: StyleError,
    },
    /// The PDF could not be produced.
    #[error(transparent)]
    Pdf(#[from] vanban_render::pdf::PdfError),
    /// The DOCX could not be produced.
    #[error(transparent)]
    Docx(#[from] vanban_render::docx::DocxError),
    /// The document has no appendix of that number.
    #[error("Văn bản không có phụ lục {index} (văn bản có {count} phụ lục).")]
    NoAppendix {
        /// 1-based, as asked.
        index: usize,
        /// How many there are.
        count: usize,
    },
    /// The file is not a usable document.
    #[error("{path}: {source}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: ReadError,
    },
    /// The settings file cannot be read.
    #[error(
        "Tệp thiết lập {path} không đọc được: {detail}. Hãy sửa hoặc xóa tệp này rồi thiết lập lại."
    )]
    Settings {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// No shipped template has this name and no template file is there.
    #[error("Không có mẫu “{name}”. Các mẫu có sẵn: {known}; hoặc đường dẫn tới tệp mẫu .json.")]
    UnknownTemplate {
        /// What was asked for.
        name: String,
        /// The shipped templates' names.
        known: String,
    },
    /// The clock cannot be read (`VANBAN_NOW` is not a time, or the system's clock is out of
    /// range).
    #[error("{0}")]
    Clock(String),
    /// A directory entry breaks a rule (the field is named).
    #[error(transparent)]
    DirectoryEntry(#[from] EntryProblem),

    /// An edXML message that cannot be read or written (malformed, hostile, too large).
    #[error(transparent)]
    Edxml(#[from] vanban_edxml::EdxmlError),

    /// An organ id of the wrong shape (`--to`, a status message's sender).
    #[error(transparent)]
    OrganId(#[from] vanban_core::directory::OrganIdError),

    /// A package to an organ the body's exchange directory does not have.
    #[error(
        "Không có cơ quan mã định danh {organ_id} trong danh bạ liên thông của {body}; quản trị cần thêm mục [[organs]] vào danh bạ."
    )]
    UnknownOrgan {
        /// The organ id given.
        organ_id: String,
        /// The sending body's name.
        body: String,
    },

    /// The issuing body has no organ id, so no package can say who sends it.
    #[error(
        "Cơ quan “{0}” chưa có mã định danh (organ_id) trong danh bạ; quản trị cần thêm trước khi gửi gói tin liên thông."
    )]
    NoOrganId(String),

    /// A package with no recipient.
    #[error("Gói tin liên thông phải có ít nhất một nơi nhận (--to MÃ_ĐỊNH_DANH).")]
    NoRecipient,

    /// A status message about a document this database did not issue.
    #[error(
        "Không tìm thấy văn bản “{0}” đã ban hành trong cơ sở dữ liệu (DocumentId của thông điệp trạng thái)."
    )]
    UnknownExchangeDocument(String),
    /// The person has a PIN and gave none.
    #[error("Nhập mã PIN của {0} để tiếp tục.")]
    PinRequired(String),
    /// A wrong PIN.
    #[error("Mã PIN không đúng. Còn {left} lần thử, sau đó phải chờ 30 giây.")]
    WrongPin {
        /// Attempts left before the wait.
        left: u32,
    },
    /// Too many wrong PINs in a row: wait.
    #[error("Đã nhập sai mã PIN 5 lần liên tiếp; hãy chờ {seconds} giây rồi thử lại.")]
    PinLocked {
        /// Seconds still to wait.
        seconds: u64,
    },
    /// A new PIN that is not 4 to 8 digits.
    #[error("Mã PIN phải gồm 4 đến 8 chữ số.")]
    BadPin,
    /// Changing or removing one's PIN needs the current one.
    #[error("Nhập mã PIN hiện tại để đổi hoặc bỏ mã PIN.")]
    OldPinNeeded,
    /// A template's name that cannot be used.
    #[error("Tên mẫu văn bản “{name}” không dùng được: {reason}.")]
    TemplateName {
        /// The name given.
        name: String,
        /// Why not.
        reason: String,
    },
    /// A value of a style profile outside the decree's range (the value is named), or a
    /// profile file that cannot be read.
    #[error(transparent)]
    Style(StyleError),
    /// The body's stored style profile no longer reads (written by another version).
    #[error(
        "Thể thức trình bày đã lưu của cơ quan không dùng được ({0}); quản trị cần lưu lại hoặc khôi phục mặc định của Nghị định 30."
    )]
    StoredStyle(StyleError),
    /// The person may not report on this task: not of its lead or cooperating units, not
    /// their unit's focal point, nor the plan's follower (or a cooperating unit closing it).
    #[error("{person} không được báo cáo nhiệm vụ {task} của {plan}: {reason}.")]
    MayNotReport {
        /// The acting login.
        person: String,
        /// The task's number as printed ("2.3").
        task: String,
        /// The plan's number and symbol.
        plan: String,
        /// Why not.
        reason: String,
    },
    /// A report's field that cannot be used (the field is named).
    #[error("Báo cáo không hợp lệ ở trường “{field}”: {reason}.")]
    BadReport {
        /// The field ("percent", "note", "document", "ref", "attach").
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// No unit of the person's body has this abbreviation.
    #[error("Cơ quan không có đơn vị viết tắt “{abbreviation}” (các đơn vị: {known}).")]
    UnknownUnit {
        /// What was given.
        abbreviation: String,
        /// The body's units.
        known: String,
    },
    /// The document is followed by no task (not issued, or without a task table).
    #[error(
        "Văn bản {0} không có nhiệm vụ nào được theo dõi (chưa ban hành, hoặc không có bảng nhiệm vụ)."
    )]
    NoTrackedTasks(DocumentId),
    /// A trích sao's part names nothing the document has, or none was named.
    #[error(transparent)]
    CopyPart(#[from] vanban_core::copies::ExtractError),
    /// A sao lục needs a sao y of the document to be made from.
    #[error(
        "Văn bản {document} chưa có bản sao y {which}để sao lục (sao lục làm từ bản sao y); hãy sao y trước."
    )]
    NoSaoY {
        /// The document.
        document: DocumentId,
        /// "số … " when one was named.
        which: String,
    },
    /// The body has no address to send e-mail from.
    #[error(
        "Cơ quan “{0}” chưa có địa chỉ gửi thư: quản trị cần điền sender trong [bodies.smtp] (hoặc email của cơ quan) trong danh bạ."
    )]
    NoSender(String),
    /// The body has no SMTP settings and none were given.
    #[error(
        "Cơ quan “{0}” chưa có cài đặt máy chủ thư ([bodies.smtp] trong danh bạ); quản trị cần thêm, hoặc đặt VANBAN_SMTP=smtp://[người_dùng@]máy_chủ:cổng."
    )]
    NoSmtpServer(String),
    /// SMTP settings or an SMTP address that cannot be used (the field is named).
    #[error("{field}: {detail}")]
    SmtpSettings {
        /// The field ("VANBAN_SMTP", "smtp.host").
        field: String,
        /// What is wrong and what to do, in Vietnamese.
        detail: String,
    },
    /// The server asks for a login and no password was given.
    #[error(
        "Máy chủ thư cần mật khẩu của “{0}”: dùng --password-file TỆP, biến môi trường VANBAN_SMTP_PASSWORD, hoặc password_file trong phần [smtp] của settings.toml."
    )]
    SmtpPasswordNeeded(String),
    /// The server refused the login: nothing was sent.
    #[error(
        "Máy chủ thư {server} từ chối đăng nhập: sai tên đăng nhập hoặc mật khẩu ({reply}). Chưa thư nào được gửi."
    )]
    MailLogin {
        /// The server.
        server: String,
        /// Its reply.
        reply: String,
    },
    /// The server could not be reached or its TLS checked: nothing was sent.
    #[error("Không kết nối được máy chủ thư {server}: {detail}. Chưa thư nào được gửi.")]
    MailConnect {
        /// The server.
        server: String,
        /// Why.
        detail: String,
    },
    /// `--to` names no recipient of the document.
    #[error("--to: văn bản không có nơi nhận “{name}” (các nơi nhận: {known}).")]
    UnknownEmailRecipient {
        /// What was given.
        name: String,
        /// The document's recipients.
        known: String,
    },
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Error {
    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownUser(_) => "unknown-user",
            Error::NotAllowed { .. } => "not-allowed",
            Error::WrongState { .. } => "wrong-state",
            Error::ReasonRequired => "reason-required",
            Error::EmptyComment => "empty-comment",
            Error::NoSuchPart { .. } => "no-such-part",
            Error::Invalid { .. } => "invalid-document",
            Error::NoRegister { .. } => "no-register",
            Error::AmbiguousRegister(_) => "ambiguous-register",
            Error::WrongBody { .. } => "wrong-body",
            Error::StoredDocument(_) => "stored-document",
            Error::EmptyRegister(_) => "empty-register",
            Error::NoCertificate { .. } => "no-certificate",
            Error::CertificateFile { .. } => "certificate-file",
            Error::CertificateWithoutKey { .. } => "certificate-without-key",
            Error::CertificateNotComparable { .. } => "certificate-not-comparable",
            Error::TokenCertificateMismatch { .. } => "token-certificate-mismatch",
            Error::NoImage { .. } => "no-signing-image",
            Error::NoSignatureBlock(_) => "no-signature-block",
            Error::NotSignedDigitally(_) => "not-signed-digitally",
            Error::AgencyKeyNeeded(_) => "agency-key-needed",
            Error::Signing(e) => e.code(),
            Error::DirectoryEntry(_) => "invalid-directory-entry",
            Error::Edxml(e) => e.code(),
            Error::OrganId(_) => "bad-organ-id",
            Error::UnknownOrgan { .. } => "unknown-organ",
            Error::NoOrganId(_) => "no-organ-id",
            Error::NoRecipient => "no-recipient",
            Error::UnknownExchangeDocument(_) => "unknown-exchange-document",
            Error::PinRequired(_) => "pin-required",
            Error::WrongPin { .. } => "wrong-pin",
            Error::PinLocked { .. } => "pin-locked",
            Error::BadPin => "bad-pin",
            Error::OldPinNeeded => "old-pin-needed",
            Error::TemplateName { .. } => "template-name",
            Error::Style(_) => "style-value",
            Error::StoredStyle(_) => "stored-style",
            Error::Io { .. } => "io",
            Error::StyleFile { .. } => "style",
            Error::Docx(_) => "docx",
            Error::Pdf(_) => "pdf",
            Error::NoAppendix { .. } => "no-appendix",
            Error::Format { source, .. } => source.code(),
            Error::UnknownTemplate { .. } => "unknown-template",
            Error::Settings { .. } => "settings",
            Error::Clock(_) => "clock",
            Error::MayNotReport { .. } => "may-not-report",
            Error::BadReport { .. } => "bad-report",
            Error::UnknownUnit { .. } => "unknown-unit",
            Error::NoTrackedTasks(_) => "no-tracked-tasks",
            Error::CopyPart(_) => "copy-part",
            Error::NoSaoY { .. } => "no-sao-y",
            Error::NoSender(_) => "no-sender",
            Error::NoSmtpServer(_) => "no-smtp-server",
            Error::SmtpSettings { .. } => "smtp-settings",
            Error::SmtpPasswordNeeded(_) => "smtp-password-needed",
            Error::MailLogin { .. } => "mail-login",
            Error::MailConnect { .. } => "mail-connect",
            Error::UnknownEmailRecipient { .. } => "unknown-email-recipient",
            Error::Store(e) => e.code(),
        }
    }

    /// True when a rule refused the request (exit code 1); false when the input or the
    /// database cannot be used (exit code 2).
    pub fn is_refusal(&self) -> bool {
        match self {
            Error::StoredDocument(_)
            | Error::StoredStyle(_)
            | Error::CertificateFile { .. }
            | Error::Io { .. }
            | Error::StyleFile { .. }
            | Error::Pdf(_)
            | Error::Docx(_)
            | Error::NoAppendix { .. }
            | Error::Format { .. }
            | Error::Settings { .. }
            | Error::UnknownTemplate { .. }
            | Error::BadReport { .. }
            | Error::CopyPart(_)
            | Error::Edxml(_)
            | Error::SmtpSettings { .. }
            | Error::Clock(_) => false,
            Error::Store(e) => e.is_refusal(),
            _ => true,
        }
    }

    /// The error as `{ code, message }` for machine-readable output.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

/// An error as programs and the UI receive it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorPayload {
    /// Stable code.
    pub code: &'static str,
    /// Vietnamese message.
    pub message: String,
}

/// The result of a use case.
pub type Result<T, E = Error> = std::result::Result<T, E>;
