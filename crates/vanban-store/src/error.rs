//! Why the store refused or failed.

use std::path::PathBuf;

use crate::types::{DocumentId, State};

/// Why a store operation was refused or could not be carried out. Messages are Vietnamese and
/// say what was refused and why.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// `open` found no database at the path.
    #[error("Chưa có cơ sở dữ liệu tại {0}; hãy chạy `vanban init` trước.")]
    Missing(PathBuf),
    /// `create` found a database already there.
    #[error("Đã có cơ sở dữ liệu tại {0}; không tạo lại để khỏi ghi đè dữ liệu cũ.")]
    AlreadyExists(PathBuf),
    /// The file is not an SQLite database, or is damaged.
    #[error(
        "Tệp {path} không phải cơ sở dữ liệu VănBản hoặc đã hỏng ({detail}); không ghi gì vào tệp này."
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// An SQLite database of another application.
    #[error(
        "Tệp {0} là cơ sở dữ liệu của một ứng dụng khác, không phải của VănBản; không ghi gì vào tệp này."
    )]
    Foreign(PathBuf),
    /// A database written by a newer VănBản.
    #[error(
        "Cơ sở dữ liệu {path} do phiên bản VănBản mới hơn tạo (lược đồ {found}, phiên bản này đọc đến {supported}); hãy cập nhật ứng dụng. Không ghi gì vào tệp."
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// The folder or file cannot be written or opened.
    #[error(
        "Không mở hoặc không ghi được cơ sở dữ liệu {path}: thư mục hoặc tệp chỉ cho đọc, hoặc không đủ quyền ({detail})."
    )]
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// What the system said.
        detail: String,
    },
    /// The disk (or the database's size limit) is full.
    #[error("Đĩa đã đầy, không lưu được; thao tác bị hủy trọn vẹn, dữ liệu trước đó vẫn nguyên.")]
    DiskFull,
    /// Another process held the database for longer than the wait limit.
    #[error("Cơ sở dữ liệu đang bận quá lâu (máy khác đang ghi); hãy thử lại.")]
    Busy,
    /// No such document.
    #[error("Không có văn bản số hiệu {0} trong cơ sở dữ liệu.")]
    NoDocument(DocumentId),
    /// No tracked task of that id (or one no longer followed: its plan was replaced).
    #[error("Không có nhiệm vụ số hiệu {0} đang được theo dõi.")]
    NoTask(i64),
    /// No such revision.
    #[error("Văn bản {document} không có bản sửa số {no}.")]
    NoRevision {
        /// The document.
        document: DocumentId,
        /// The revision asked for.
        no: u32,
    },
    /// A person, body or register named in a request or a directory file is not in the
    /// directory.
    #[error("Không có {what} “{key}” trong danh bạ.")]
    NotInDirectory {
        /// "người dùng", "cơ quan", "sổ văn bản đi", "đơn vị".
        what: &'static str,
        /// The key given.
        key: String,
    },
    /// A directory entry would take a key another entry already has (a login, a unit's
    /// abbreviation, a group's or register's name within the body).
    #[error("Đã có {what} “{key}” trong danh bạ; hãy chọn tên khác.")]
    AlreadyInDirectory {
        /// "người dùng", "đơn vị", "nhóm nơi nhận", "sổ văn bản đi", "ủy quyền".
        what: &'static str,
        /// The key given.
        key: String,
    },
    /// A status message names a recipient the document was never sent to as a package.
    #[error(
        "Văn bản {document} chưa được ghi nhận gửi tới cơ quan có mã định danh {organ_id}; không ghi trạng thái."
    )]
    NotDistributed {
        /// The document.
        document: DocumentId,
        /// The recipient's organ id.
        organ_id: String,
    },
    /// The document is not in the state the change starts from (someone else moved it, or the
    /// move is not in the diagram).
    #[error(
        "Không thực hiện được “{action}”: văn bản {document} đang ở trạng thái “{actual}”, không phải “{expected}”."
    )]
    WrongState {
        /// The document.
        document: DocumentId,
        /// What was attempted.
        action: &'static str,
        /// The state the change needs.
        expected: State,
        /// The state it is in.
        actual: State,
    },
    /// The move is not one of the state diagram.
    #[error("Không có bước chuyển từ “{from}” sang “{to}” trong quy trình.")]
    NoSuchMove {
        /// From.
        from: State,
        /// To.
        to: State,
    },
    /// The revision named is not the document's current one.
    #[error(
        "Bản sửa {given} không phải bản hiện hành của văn bản {document} (bản hiện hành: {current})."
    )]
    NotCurrentRevision {
        /// The document.
        document: DocumentId,
        /// The revision given.
        given: u32,
        /// The current revision.
        current: u32,
    },
    /// Number + symbol already used in the body and year.
    #[error(
        "Số và ký hiệu {number_symbol} đã được cấp trong năm {year} của cơ quan này; không cấp trùng."
    )]
    DuplicateNumber {
        /// "01/KH-STTTT".
        number_symbol: String,
        /// The year.
        year: i32,
    },
    /// A database rule refused a change to something that never changes (an issued document,
    /// a revision, a register entry, the audit record).
    #[error("Không được sửa: {0}.")]
    Frozen(String),
    /// The issue date's year is outside what the register accepts.
    #[error("Ngày ban hành không hợp lệ: {0}.")]
    BadDate(String),
    /// A value read from the database does not make sense (a damaged or hand-edited file).
    #[error("Dữ liệu trong cơ sở dữ liệu không hợp lệ: {0}.")]
    Corrupt(String),
    /// Someone else saved a revision of the draft after the one the caller edited: the
    /// caller's text was not saved (and is not lost: the caller still holds it).
    #[error(
        "Văn bản {document} đã có bản sửa {current} do {author} lưu sau bản {base} mà bạn đang sửa; bản của bạn chưa được lưu và vẫn còn nguyên. Hãy mở bản {current}, đưa phần sửa của mình vào rồi lưu lại."
    )]
    RevisionConflict {
        /// The document.
        document: DocumentId,
        /// The revision the caller edited.
        base: u32,
        /// The document's current revision.
        current: u32,
        /// Who saved the current revision.
        author: String,
    },
    /// The database server cannot be reached (not running, wrong address or port, network).
    #[error(
        "Không kết nối được máy chủ cơ sở dữ liệu {server} ({detail}); kiểm tra máy chủ đã chạy, địa chỉ và cổng trong --db, và mạng."
    )]
    ServerUnreachable {
        /// The server, without password.
        server: String,
        /// What the client library said.
        detail: String,
    },
    /// The connection to the server broke during an operation (server stopped, network cut).
    #[error("{}", connection_lost_message(server, *at_commit))]
    ConnectionLost {
        /// The server, without password.
        server: String,
        /// Whether it broke while the server was committing (the change may or may not be
        /// saved) rather than before (the change is certainly not saved).
        at_commit: bool,
    },
    /// The server refused the login.
    #[error(
        "Máy chủ cơ sở dữ liệu {server} từ chối đăng nhập ({detail}); kiểm tra tên người dùng trong --db và mật khẩu trong biến môi trường PGPASSWORD hoặc tệp --db-password-file."
    )]
    LoginRefused {
        /// The server, without password.
        server: String,
        /// What the server said.
        detail: String,
    },
    /// A password written in the server address would stay in the command history.
    #[error(
        "Không ghi mật khẩu trong địa chỉ máy chủ ({server}): nó sẽ nằm lại trong lịch sử lệnh. Hãy bỏ mật khẩu khỏi địa chỉ và đặt nó trong biến môi trường PGPASSWORD hoặc trong một tệp (--db-password-file)."
    )]
    PasswordInAddress {
        /// The address with the password removed.
        server: String,
    },
    /// The server address cannot be read.
    #[error(
        "Địa chỉ máy chủ cơ sở dữ liệu không hợp lệ ({detail}); dạng đúng: postgres://người_dùng@máy_chủ:5432/tên_csdl?sslmode=require"
    )]
    BadAddress {
        /// What is wrong.
        detail: String,
    },
    /// The encrypted connection (TLS) could not be set up.
    #[error(
        "Không thiết lập được kết nối mã hóa (TLS) tới máy chủ cơ sở dữ liệu: {0}; kiểm tra chứng thư của máy chủ, hoặc chỉ tệp chứng thư gốc bằng PGSSLROOTCERT."
    )]
    Tls(String),
    /// A database on the server that holds another application's tables.
    #[error(
        "Cơ sở dữ liệu {0} trên máy chủ đã có bảng của một ứng dụng khác, không phải của VănBản; không ghi gì vào đó. Hãy tạo một cơ sở dữ liệu trống cho VănBản."
    )]
    ForeignDatabase(String),
    /// A copy into a database that already holds VănBản data.
    #[error(
        "Cơ sở dữ liệu đích {0} đã có dữ liệu VănBản; không chép chồng lên. Hãy chép vào một cơ sở dữ liệu trống."
    )]
    NotEmpty(String),
    /// The body already has a template of that name.
    #[error("Cơ quan đã có mẫu văn bản tên “{0}”; hãy đặt tên khác, hoặc xóa mẫu cũ rồi lưu lại.")]
    DuplicateTemplate(String),
    /// The body has no template of that name.
    #[error("Cơ quan không có mẫu văn bản tên “{0}”.")]
    NoTemplate(String),
    /// Any other database failure.
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Database(String),
}

fn connection_lost_message(server: &str, at_commit: bool) -> String {
    if at_commit {
        format!(
            "Mất kết nối với máy chủ cơ sở dữ liệu {server} đúng lúc đang ghi: thao tác có thể đã hoặc chưa được ghi. Khi máy chủ hoạt động lại, hãy xem lại văn bản (lịch sử, sổ văn bản đi) trước khi làm lại; không số nào bị cấp trùng."
        )
    } else {
        format!(
            "Mất kết nối với máy chủ cơ sở dữ liệu {server} giữa chừng; thao tác chưa được ghi và không số nào bị dùng mất. Hãy làm lại khi máy chủ hoạt động."
        )
    }
}

impl StoreError {
    /// [`StoreError::NotInDirectory`]: no `what` of that key.
    pub(crate) fn not_in_directory(what: &'static str, key: impl ToString) -> StoreError {
        let key = key.to_string();
        StoreError::NotInDirectory { what, key }
    }

    /// [`StoreError::AlreadyInDirectory`]: another `what` has that key.
    pub(crate) fn already_in_directory(what: &'static str, key: impl ToString) -> StoreError {
        let key = key.to_string();
        StoreError::AlreadyInDirectory { what, key }
    }

    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Missing(_) => "db-missing",
            StoreError::AlreadyExists(_) => "db-exists",
            StoreError::NotADatabase { .. } => "db-not-a-database",
            StoreError::Foreign(_) => "db-foreign",
            StoreError::NewerSchema { .. } => "db-newer-schema",
            StoreError::ReadOnly { .. } => "db-read-only",
            StoreError::DiskFull => "disk-full",
            StoreError::Busy => "db-busy",
            StoreError::NoDocument(_) => "no-document",
            StoreError::NoTask(_) => "no-task",
            StoreError::NoRevision { .. } => "no-revision",
            StoreError::NotInDirectory { .. } => "not-in-directory",
            StoreError::AlreadyInDirectory { .. } => "already-in-directory",
            StoreError::NotDistributed { .. } => "not-distributed",
            StoreError::WrongState { .. } => "wrong-state",
            StoreError::NoSuchMove { .. } => "no-such-move",
            StoreError::NotCurrentRevision { .. } => "not-current-revision",
            StoreError::DuplicateNumber { .. } => "duplicate-number",
            StoreError::Frozen(_) => "frozen",
            StoreError::BadDate(_) => "bad-date",
            StoreError::Corrupt(_) => "db-corrupt",
            StoreError::RevisionConflict { .. } => "revision-conflict",
            StoreError::ServerUnreachable { .. } => "db-unreachable",
            StoreError::ConnectionLost { .. } => "db-connection-lost",
            StoreError::LoginRefused { .. } => "db-login-refused",
            StoreError::PasswordInAddress { .. } => "db-password-in-address",
            StoreError::BadAddress { .. } => "db-bad-address",
            StoreError::Tls(_) => "db-tls",
            StoreError::ForeignDatabase(_) => "db-foreign",
            StoreError::NotEmpty(_) => "db-not-empty",
            StoreError::DuplicateTemplate(_) => "duplicate-template",
            StoreError::NoTemplate(_) => "no-template",
            StoreError::Database(_) => "db-error",
        }
    }

    /// True when the request was refused by a rule (exit code 1), false when the database
    /// itself is unusable (exit code 2).
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            StoreError::NoDocument(_)
                | StoreError::NoTask(_)
                | StoreError::NoRevision { .. }
                | StoreError::NotInDirectory { .. }
                | StoreError::AlreadyInDirectory { .. }
                | StoreError::WrongState { .. }
                | StoreError::NotDistributed { .. }
                | StoreError::NoSuchMove { .. }
                | StoreError::NotCurrentRevision { .. }
                | StoreError::DuplicateNumber { .. }
                | StoreError::Frozen(_)
                | StoreError::BadDate(_)
                | StoreError::AlreadyExists(_)
                | StoreError::RevisionConflict { .. }
                | StoreError::NotEmpty(_)
                | StoreError::DuplicateTemplate(_)
                | StoreError::NoTemplate(_)
        )
    }
}
