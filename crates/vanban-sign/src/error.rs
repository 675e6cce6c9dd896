//! The errors of signing and verification, each with a Vietnamese message.

/// Why a signature could not be made or a file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The PKCS#12 password is wrong (the file's integrity check or decryption failed).
    #[error("Sai mật khẩu của tệp chứng thư số (PKCS#12).")]
    WrongPassword,
    /// The PKCS#12 file cannot be read.
    #[error("Tệp chứng thư số (PKCS#12) không đọc được: {0}")]
    InvalidPkcs12(String),
    /// The PKCS#12 file holds certificates but no private key.
    #[error("Tệp chứng thư số không chứa khóa bí mật: không thể ký.")]
    NoPrivateKey,
    /// The key is of a kind this crate cannot sign with.
    #[error("Loại khóa không được hỗ trợ: {0} (chỉ RSA và ECDSA P-256).")]
    UnsupportedKey(String),
    /// A certificate cannot be parsed.
    #[error("Chứng thư số không hợp lệ: {0}")]
    InvalidCertificate(String),
    /// The signer's certificate is not valid at the signing time.
    #[error(
        "Chứng thư số của \"{subject}\" không còn hiệu lực tại thời điểm ký (hiệu lực từ {not_before} đến {not_after})."
    )]
    CertificateExpired {
        /// The certificate's subject.
        subject: String,
        /// Start of validity, RFC 3339.
        not_before: String,
        /// End of validity, RFC 3339.
        not_after: String,
    },
    /// The input is not a PDF that can be signed.
    #[error("Tệp PDF không hợp lệ hoặc bị hỏng: {0}")]
    InvalidPdf(String),
    /// The pages to draw over the document (the number and date) are not a usable PDF.
    #[error("Không ghi được số và ngày vào văn bản: {0}")]
    InvalidOverlay(String),
    /// The PDF is encrypted; signing encrypted files is not supported.
    #[error("Tệp PDF đã được mã hóa: chưa hỗ trợ ký tệp mã hóa.")]
    EncryptedPdf,
    /// The requested page does not exist.
    #[error("Trang {page} không có trong tệp PDF ({pages} trang).")]
    NoSuchPage {
        /// The 1-based page asked for.
        page: u32,
        /// The number of pages.
        pages: u32,
    },
    /// The signature image cannot be read.
    #[error("Ảnh chữ ký/con dấu không đọc được (cần tệp PNG): {0}")]
    InvalidImage(String),
    /// The key refused to sign, or the signature could not be encoded.
    #[error("Không tạo được chữ ký số: {0}")]
    Signing(String),
    /// The CMS signature did not fit the space reserved for it.
    #[error("Chữ ký số ({needed} byte) vượt quá chỗ dành sẵn ({reserved} byte).")]
    SignatureTooLarge {
        /// Bytes needed.
        needed: usize,
        /// Bytes reserved.
        reserved: usize,
    },
    /// The PKCS#11 module (the token's driver library) is not at the path given.
    #[error(
        "Không có thư viện PKCS#11 của thiết bị ký số tại {}: kiểm tra đường dẫn (tệp .so/.dll do nhà cung cấp chứng thư số cài cùng trình điều khiển USB token).",
        path.display()
    )]
    Pkcs11ModuleNotFound {
        /// The path given.
        path: std::path::PathBuf,
    },
    /// The file is there but is not a PKCS#11 module that can be loaded.
    #[error(
        "Không nạp được thư viện PKCS#11 {}: {detail}. Cần đúng thư viện PKCS#11 của thiết bị (cùng kiến trúc 64 bit), không phải tệp khác.",
        path.display()
    )]
    Pkcs11ModuleNotLoadable {
        /// The path given.
        path: std::path::PathBuf,
        /// What the loader or the module said.
        detail: String,
    },
    /// No token is present, or none with the label asked for.
    #[error("{}", no_token_message(label.as_deref(), present))]
    TokenNotFound {
        /// The label asked for; `None` when any token would do.
        label: Option<String>,
        /// The labels of the tokens that are present.
        present: Vec<String>,
    },
    /// Several tokens are present and none was named.
    #[error(
        "Đang cắm nhiều thiết bị ký số ({}): hãy chọn một theo nhãn.",
        quoted(labels)
    )]
    SeveralTokens {
        /// Their labels.
        labels: Vec<String>,
    },
    /// The token refused the PIN (`CKR_PIN_INCORRECT`).
    #[error(
        "Sai mã PIN của thiết bị ký số “{token}”. Nhập lại mã PIN đúng{}",
        if *last_try { ": lần nhập sai tiếp theo sẽ khóa thiết bị." } else { "; nhập sai nhiều lần thiết bị sẽ bị khóa." }
    )]
    WrongPin {
        /// The token's label.
        token: String,
        /// The token says one more wrong PIN locks it.
        last_try: bool,
    },
    /// The token's user PIN is locked after too many wrong tries (`CKR_PIN_LOCKED`).
    #[error(
        "Mã PIN của thiết bị ký số “{token}” đã bị khóa do nhập sai nhiều lần: liên hệ nơi cấp chứng thư số để mở khóa (bằng mã PUK/SO PIN), rồi ký lại."
    )]
    PinLocked {
        /// The token's label.
        token: String,
    },
    /// The token holds no certificate at all.
    #[error(
        "Thiết bị ký số “{token}” không có chứng thư số nào: kiểm tra đúng thiết bị, hoặc nạp chứng thư vào thiết bị bằng phần mềm của nơi cấp."
    )]
    NoCertificateOnToken {
        /// The token's label.
        token: String,
    },
    /// The token holds certificates but none with its private key (same `CKA_ID`).
    #[error(
        "Thiết bị ký số “{token}” có chứng thư ({}) nhưng không có khóa bí mật đi cùng (cùng mã CKA_ID): không thể ký bằng thiết bị này.",
        certificates.join("; ")
    )]
    NoKeyOnToken {
        /// The certificates found, described.
        certificates: Vec<String>,
        /// The token's label.
        token: String,
    },
    /// Several certificates with keys are on the token and none was chosen.
    #[error(
        "Thiết bị ký số “{token}” có nhiều chứng thư kèm khóa: {}. Hãy chọn một theo mã khóa (CKA_ID, số hex) hoặc nhãn.",
        choices.join("; ")
    )]
    SeveralCertificates {
        /// The token's label.
        token: String,
        /// Each choice: key id in hex, certificate name, label.
        choices: Vec<String>,
    },
    /// The key chosen by id or label is not on the token.
    #[error(
        "Thiết bị ký số “{token}” không có khóa “{wanted}”. Các khóa có chứng thư: {}.",
        if choices.is_empty() { "(không có)".to_owned() } else { choices.join("; ") }
    )]
    NoSuchKeyOnToken {
        /// The token's label.
        token: String,
        /// The id (hex) or label asked for.
        wanted: String,
        /// What is there.
        choices: Vec<String>,
    },
    /// A key id that is not hexadecimal.
    #[error(
        "Mã khóa (CKA_ID) “{given}” không đúng: cần số hex như trong danh sách khóa của thiết bị, ví dụ 01 hoặc 3f:a2."
    )]
    BadKeyId {
        /// What was given.
        given: String,
    },
    /// The token or its module failed otherwise.
    #[error("Thiết bị ký số báo lỗi khi {action}: {detail}")]
    Pkcs11 {
        /// What was being done ("đăng nhập", "ký", …).
        action: &'static str,
        /// What the module said, with a hint when one is known.
        detail: String,
    },
}

impl SignError {
    /// A stable code for programs and the UI: what the person has to fix.
    pub fn code(&self) -> &'static str {
        match self {
            SignError::WrongPassword => "certificate-wrong-password",
            SignError::InvalidPkcs12(_) | SignError::NoPrivateKey => "certificate-unusable",
            SignError::CertificateExpired { .. } => "certificate-expired",
            SignError::Pkcs11ModuleNotFound { .. } => "pkcs11-module-not-found",
            SignError::Pkcs11ModuleNotLoadable { .. } => "pkcs11-module-not-loadable",
            SignError::TokenNotFound { .. } => "token-not-found",
            SignError::SeveralTokens { .. } => "token-several",
            SignError::WrongPin { .. } => "token-wrong-pin",
            SignError::PinLocked { .. } => "token-pin-locked",
            SignError::NoCertificateOnToken { .. } | SignError::NoKeyOnToken { .. } => {
                "token-no-key"
            }
            SignError::SeveralCertificates { .. } => "token-several-keys",
            SignError::NoSuchKeyOnToken { .. } => "token-no-such-key",
            SignError::BadKeyId { .. } => "token-bad-key-id",
            SignError::Pkcs11 { .. } => "token-failed",
            _ => "signing",
        }
    }
}

fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("“{l}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_token_message(label: Option<&str>, present: &[String]) -> String {
    match (label, present.is_empty()) {
        (None, _) => "Không thấy thiết bị ký số (USB token) nào: cắm thiết bị vào máy (và cài trình điều khiển của nơi cấp chứng thư), rồi ký lại.".to_owned(),
        (Some(l), true) => format!(
            "Không thấy thiết bị ký số “{l}”: không có thiết bị nào đang cắm. Cắm thiết bị vào máy rồi ký lại."
        ),
        (Some(l), false) => format!(
            "Không có thiết bị ký số mang nhãn “{l}”; đang cắm: {}. Sửa nhãn cho đúng hoặc cắm đúng thiết bị.",
            quoted(present)
        ),
    }
}
