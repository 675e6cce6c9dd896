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
}
