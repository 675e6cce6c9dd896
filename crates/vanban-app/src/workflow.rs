//! The life of a document in the store (`docs/workflow.md`): create, save a revision, submit,
//! comment, return, approve, sign, issue, discard, copy as a new draft, record distribution,
//! search — each use case checks who may do it and from which state, then calls the
//! [`Store`], and returns a typed [`WorkflowError`] saying in Vietnamese what was refused and why.
//!
//! The acting person and the moment come in as a [`Stamp`]; nothing here reads the clock or the
//! logged-in user.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;
use vanban_core::exchange::{self, ReadError};
use vanban_core::model::{AuthorityKind, IssueDate};
use vanban_core::validate::{self, Report};
use vanban_core::{Document, format, plain};
use vanban_render::register::RegisterForm;
use vanban_store::{
    Comment, Directory, DocumentId, DocumentRecord, DocumentSummary, Event, ImportSummary,
    IssueRequest, ListQuery, Location, NewComment, NewDistribution, NewDocument, Person,
    RegisterDetails, RegisterEntry, RegisterId, Revision, RevisionContent, RevisionInfo, Role,
    State, StateChange, StateChangeRecord, Store, StoreError, audit::Verification,
};

pub use chrono;
pub use demo::demo_directory;
use demo::person;
pub use register::register_csv;
use register::register_row;
pub use vanban_store::{self as store, Stamp};

/// Vietnam's time: UTC+7 all year (no daylight saving).
pub fn vietnam_time(t: std::time::SystemTime) -> Option<DateTime<FixedOffset>> {
    let since = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    let utc = DateTime::from_timestamp(i64::try_from(since.as_secs()).ok()?, since.subsec_nanos())?;
    Some(utc.with_timezone(&FixedOffset::east_opt(7 * 3600)?))
}

/// Where the database is when nobody says: `VANBAN_DB`, else `vanban.db` in the app's data
/// folder (`$XDG_DATA_HOME/vanban` or `~/.local/share/vanban`; `%APPDATA%\\VanBan`;
/// `~/Library/Application Support/VanBan`) — the same file for the `vanban` command and the
/// desktop app. `var` reads the environment (passed in, so that tests give their own).
pub fn default_database(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if let Some(p) = var("VANBAN_DB") {
        return Some(PathBuf::from(p));
    }
    let base = if cfg!(windows) {
        var("APPDATA").map(|d| PathBuf::from(d).join("VanBan"))
    } else if cfg!(target_os = "macos") {
        var("HOME").map(|h| PathBuf::from(h).join("Library/Application Support/VanBan"))
    } else {
        var("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .map(|d| d.join("vanban"))
    };
    base.map(|b| b.join("vanban.db"))
}

/// A directory as a file: TOML when the name ends in `.toml`, JSON otherwise — the forms
/// `read_directory` reads.
pub fn directory_text(path: &Path, directory: &Directory) -> std::result::Result<String, String> {
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        toml::to_string_pretty(directory).map_err(|e| e.to_string())
    } else {
        serde_json::to_string_pretty(directory)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string())
    }
}

/// Reads a directory file: TOML when the name ends in `.toml`, JSON otherwise.
pub fn read_directory(path: &Path) -> Result<Directory, crate::AppError> {
    let text = std::fs::read_to_string(path).map_err(|source| crate::AppError::Io {
        path: path.to_owned(),
        source,
    })?;
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let parsed = if is_toml {
        toml::from_str::<Directory>(&text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str::<Directory>(&text).map_err(|e| e.to_string())
    };
    let mut dir = parsed.map_err(|message| crate::AppError::Io {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("tệp danh bạ không hợp lệ: {message}"),
        ),
    })?;
    load_signing_files(&mut dir, path.parent().unwrap_or(Path::new(".")))?;
    Ok(dir)
}

mod demo;
mod desk;
mod diff;
mod directory;
mod pin;
mod register;
mod signing;
mod style;
mod templates;
pub use desk::{
    BodyDirectory, DelegationEntry, ExportError, RegisterFormat, ReviewChanges, SignerChoice,
    export_file_name,
};
pub use diff::{DiffLine, diff_lines};
pub use directory::{
    CertificateInfo, EntryProblem, MAX_IMAGE_BYTES, certificate_info, check_delegation,
    check_directory, check_group, check_image, check_person, check_register,
    check_signing_material, check_unit,
};
pub use pin::{PinAttempts, is_pin};
pub use signing::{KeySources, load_signing_files};
pub use style::StyleProfile;
pub use templates::{TEMPLATE_NAME_MAX, TemplateEntry, TemplateOrigin, template_title};

/// Why a use case refused or failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkflowError {
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
        path: std::path::PathBuf,
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
        path: std::path::PathBuf,
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
        path: std::path::PathBuf,
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
        path: std::path::PathBuf,
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
    /// The document's PDF could not be made.
    #[error(transparent)]
    Export(#[from] Box<crate::AppError>),
    /// A directory entry breaks a rule (the field is named).
    #[error(transparent)]
    DirectoryEntry(#[from] EntryProblem),
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
    Style(vanban_render::style::StyleError),
    /// The body's stored style profile no longer reads (written by another version).
    #[error(
        "Thể thức trình bày đã lưu của cơ quan không dùng được ({0}); quản trị cần lưu lại hoặc khôi phục mặc định của Nghị định 30."
    )]
    StoredStyle(vanban_render::style::StyleError),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::AppError> for WorkflowError {
    fn from(e: crate::AppError) -> Self {
        WorkflowError::Export(Box::new(e))
    }
}

impl WorkflowError {
    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::UnknownUser(_) => "unknown-user",
            WorkflowError::NotAllowed { .. } => "not-allowed",
            WorkflowError::WrongState { .. } => "wrong-state",
            WorkflowError::ReasonRequired => "reason-required",
            WorkflowError::EmptyComment => "empty-comment",
            WorkflowError::NoSuchPart { .. } => "no-such-part",
            WorkflowError::Invalid { .. } => "invalid-document",
            WorkflowError::NoRegister { .. } => "no-register",
            WorkflowError::AmbiguousRegister(_) => "ambiguous-register",
            WorkflowError::WrongBody { .. } => "wrong-body",
            WorkflowError::StoredDocument(_) => "stored-document",
            WorkflowError::EmptyRegister(_) => "empty-register",
            WorkflowError::NoCertificate { .. } => "no-certificate",
            WorkflowError::CertificateFile { .. } => "certificate-file",
            WorkflowError::CertificateWithoutKey { .. } => "certificate-without-key",
            WorkflowError::CertificateNotComparable { .. } => "certificate-not-comparable",
            WorkflowError::TokenCertificateMismatch { .. } => "token-certificate-mismatch",
            WorkflowError::NoImage { .. } => "no-signing-image",
            WorkflowError::NoSignatureBlock(_) => "no-signature-block",
            WorkflowError::NotSignedDigitally(_) => "not-signed-digitally",
            WorkflowError::AgencyKeyNeeded(_) => "agency-key-needed",
            WorkflowError::Signing(e) => e.code(),
            WorkflowError::DirectoryEntry(_) => "invalid-directory-entry",
            WorkflowError::PinRequired(_) => "pin-required",
            WorkflowError::WrongPin { .. } => "wrong-pin",
            WorkflowError::PinLocked { .. } => "pin-locked",
            WorkflowError::BadPin => "bad-pin",
            WorkflowError::OldPinNeeded => "old-pin-needed",
            WorkflowError::TemplateName { .. } => "template-name",
            WorkflowError::Style(_) => "style-value",
            WorkflowError::StoredStyle(_) => "stored-style",
            WorkflowError::Export(e) => e.code(),
            WorkflowError::Store(e) => e.code(),
        }
    }

    /// True when a rule refused the request (exit code 1); false when the input or the
    /// database cannot be used (exit code 2).
    pub fn is_refusal(&self) -> bool {
        match self {
            WorkflowError::StoredDocument(_)
            | WorkflowError::StoredStyle(_)
            | WorkflowError::CertificateFile { .. }
            | WorkflowError::Export(_) => false,
            WorkflowError::Store(e) => e.is_refusal(),
            _ => true,
        }
    }
}

/// Result of a use case.
pub type Result<T, E = WorkflowError> = std::result::Result<T, E>;

/// What someone asks to do with a document; the table of `docs/workflow.md` §Roles is
/// [`Action::roles`] plus the owner and signer rules of [`Workflow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Create a document.
    Create,
    /// Save a revision of one's own draft.
    Save,
    /// Submit one's own draft for review.
    Submit,
    /// Comment during review.
    Comment,
    /// Return to the drafter.
    Return,
    /// Approve the current revision.
    Approve,
    /// Sign the approved revision.
    Sign,
    /// Number, date and register.
    Issue,
    /// Discard one's own draft.
    Discard,
    /// Start a new draft from any document.
    CopyAsNew,
    /// Record that the issued document was sent.
    Distribute,
    /// Change the directory.
    ManageDirectory,
}

impl Action {
    /// The roles that may do it.
    pub const fn roles(self) -> &'static [Role] {
        match self {
            Action::Create
            | Action::Save
            | Action::Submit
            | Action::Discard
            | Action::CopyAsNew => &[Role::Drafter, Role::Reviewer, Role::Signer],
            Action::Comment | Action::Return | Action::Approve => &[Role::Reviewer, Role::Signer],
            Action::Sign => &[Role::Signer],
            Action::Issue | Action::Distribute => &[Role::RegistryClerk],
            Action::ManageDirectory => &[Role::Admin],
        }
    }

    /// The verb in Vietnamese.
    pub const fn label(self) -> &'static str {
        match self {
            Action::Create => "tạo văn bản",
            Action::Save => "lưu bản sửa",
            Action::Submit => "trình duyệt",
            Action::Comment => "góp ý",
            Action::Return => "trả lại",
            Action::Approve => "duyệt",
            Action::Sign => "ký",
            Action::Issue => "ban hành",
            Action::Discard => "hủy",
            Action::CopyAsNew => "sao thành dự thảo mới",
            Action::Distribute => "ghi nhận gửi",
            Action::ManageDirectory => "quản lý danh bạ",
        }
    }

    /// Only the document's owner may do it.
    const fn owner_only(self) -> bool {
        matches!(self, Action::Save | Action::Submit | Action::Discard)
    }

    /// The states it starts from, and the same in words.
    const fn starting_states(self) -> (&'static [State], &'static str) {
        match self {
            Action::Save | Action::Submit | Action::Discard => (&[State::Draft], "là dự thảo"),
            Action::Comment | Action::Return => (
                &[State::InReview, State::Approved],
                "đang chờ duyệt hoặc đã duyệt",
            ),
            Action::Approve => (&[State::InReview], "đang chờ duyệt"),
            Action::Sign => (&[State::Approved], "đã được duyệt"),
            Action::Issue => (&[State::Signed], "đã ký"),
            Action::Distribute => (&[State::Issued], "đã ban hành"),
            Action::Create | Action::CopyAsNew | Action::ManageDirectory => {
                (&State::ALL, "ở bất kỳ trạng thái nào")
            }
        }
    }
}

/// Which revision of a stored document to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The latest revision (the issued one, once issued).
    Current,
    /// The issued revision; refused when the document is not issued.
    Issued,
    /// A numbered revision.
    Revision(u32),
}

/// A document with everything that happened to it.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    /// The document.
    pub document: DocumentRecord,
    /// Its revisions.
    pub revisions: Vec<RevisionInfo>,
    /// Its states.
    pub states: Vec<StateChangeRecord>,
    /// Comments.
    pub comments: Vec<Comment>,
    /// Where it was sent.
    pub distributions: Vec<vanban_store::Distribution>,
}

/// The use cases over a store.
#[derive(Debug)]
pub struct Workflow {
    store: Store,
}

/// Opens the database at `path` (which must exist; see [`init`]).
pub fn open(path: &Path) -> Result<Workflow> {
    Ok(Workflow::new(Store::open_file(path)?))
}

/// Opens the database of a location — an SQLite file or a PostgreSQL server — which must
/// exist (see [`init_at`]).
pub fn open_at(location: &Location) -> Result<Workflow> {
    Ok(Workflow::new(Store::open(location)?))
}

/// [`init`] at a location: a new SQLite file, or VănBản's tables in an empty database on a
/// PostgreSQL server.
pub fn init_at(location: &Location, admin: &str, demo: bool, stamp: &Stamp) -> Result<Workflow> {
    init_store(Store::create(location)?, admin, demo, stamp)
}

/// Copies the SQLite database at `from` into an empty database on a PostgreSQL server
/// (`vanban db migrate`): everything, in one transaction, the audit chain verified on the
/// server before the commit. Refuses a target that already holds VănBản data.
pub fn copy_to_server(
    from: &Path,
    to: &vanban_store::postgres::ServerSettings,
) -> Result<vanban_store::migrate::CopySummary> {
    let source = Store::open_file(from)?;
    Ok(vanban_store::migrate::sqlite_to_postgres(&source, to)?)
}

/// Creates the database at `path` with an administrator `admin`; with `demo`, also the demo
/// body "Sở Thông tin và Truyền thông" (under "UBND tỉnh Lạng Sơn"), its register and the users
/// `chuyenvien`, `truongphong`, `giamdoc`, `vanthu`, so the whole flow can be tried at once.
/// Refuses to touch an existing database.
pub fn init(path: &Path, admin: &str, demo: bool, stamp: &Stamp) -> Result<Workflow> {
    init_store(Store::create_file(path)?, admin, demo, stamp)
}

fn init_store(store: Store, admin: &str, demo: bool, stamp: &Stamp) -> Result<Workflow> {
    let mut wf = Workflow::new(store);
    let directory = if demo {
        demo_directory(admin)
    } else {
        Directory {
            people: vec![person(
                admin,
                "Quản trị hệ thống",
                &[],
                &[Role::Admin],
                None,
            )],
            ..Directory::default()
        }
    };
    wf.store.import_directory(&directory, stamp)?;
    Ok(wf)
}

/// What a stored revision holds, prepared for the store.
fn content_of(doc: &Document) -> RevisionContent {
    RevisionContent {
        json: exchange::to_string(doc),
        doc_type: doc.doc_type.slug().to_owned(),
        subject: doc.subject.clone(),
        text: plain::to_string(&plain::plain_text(doc)),
    }
}

impl Workflow {
    /// The use cases over a store.
    pub fn new(store: Store) -> Self {
        Workflow { store }
    }

    /// The store, for reading.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for tests that tamper with it.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    fn actor(&self, stamp: &Stamp) -> Result<Person> {
        self.store
            .person(&stamp.person)?
            .ok_or_else(|| WorkflowError::UnknownUser(stamp.person.clone()))
    }

    fn loaded(&self, id: DocumentId) -> Result<DocumentRecord> {
        Ok(self.store.document(id)?.ok_or(StoreError::NoDocument(id))?)
    }

    /// Checks that `person` may do `action` on `doc` in its current state: the role, the body,
    /// the owner, then the state.
    pub fn check(
        &self,
        person: &Person,
        action: Action,
        doc: Option<&DocumentRecord>,
    ) -> Result<()> {
        let refuse = |reason: String| WorkflowError::NotAllowed {
            person: person.login.clone(),
            action: action.label(),
            reason,
        };
        if !action.roles().iter().any(|r| person.has(*r)) {
            let need: Vec<&str> = action.roles().iter().map(|r| r.label()).collect();
            return Err(refuse(format!("việc này dành cho {}", need.join(" hoặc "))));
        }
        let Some(doc) = doc else { return Ok(()) };
        if person.body != Some(doc.body) {
            return Err(refuse("người này không thuộc cơ quan soạn văn bản".into()));
        }
        if action.owner_only() && person.id != doc.owner {
            return Err(refuse(format!(
                "chỉ người soạn ({}) mới được {} dự thảo của mình",
                doc.owner_login,
                action.label()
            )));
        }
        let (states, allowed) = action.starting_states();
        if !states.contains(&doc.state) {
            return Err(WorkflowError::WrongState {
                document: doc.id,
                action: action.label(),
                state: doc.state,
                allowed,
            });
        }
        Ok(())
    }

    /// A document as it is stored, read back into the model.
    pub fn load_document(
        &self,
        id: DocumentId,
        which: Which,
    ) -> Result<(DocumentRecord, Revision, Document)> {
        let record = self.loaded(id)?;
        let no = match which {
            Which::Current => record.current_revision,
            Which::Revision(no) => no,
            Which::Issued => record.issued_revision.ok_or(WorkflowError::WrongState {
                document: id,
                action: "lấy bản ban hành của",
                state: record.state,
                allowed: "đã ban hành",
            })?,
        };
        let revision = self
            .store
            .revision(id, no)?
            .ok_or(StoreError::NoRevision { document: id, no })?;
        let doc = exchange::from_str(&revision.json).map_err(WorkflowError::StoredDocument)?;
        Ok((record, revision, doc))
    }

    /// The document to export: the issued revision once issued, else the current one. Records
    /// nothing; call [`Workflow::record_export`] once the file is written.
    pub fn document_for_export(&self, id: DocumentId) -> Result<Document> {
        Ok(self.load_document(id, Which::Current)?.2)
    }

    /// Records in the audit record that a document was exported to a file.
    pub fn record_export(&mut self, stamp: &Stamp, id: DocumentId, target: &str) -> Result<()> {
        self.actor(stamp)?;
        let (_, revision, _) = self.load_document(id, Which::Current)?;
        self.store.record_event(
            &Event {
                action: "export".into(),
                document: Some(id),
                revision_hash: Some(revision.info.content_hash),
                details: serde_json::json!({ "target": target, "revision": revision.info.no }),
            },
            stamp,
        )?;
        Ok(())
    }

    /// Records in the audit record that the register of a year was printed or exported.
    pub fn record_register_export(&mut self, stamp: &Stamp, year: i32, target: &str) -> Result<()> {
        self.actor(stamp)?;
        self.store.record_event(
            &Event {
                action: "register-export".into(),
                document: None,
                revision_hash: None,
                details: serde_json::json!({ "target": target, "year": year }),
            },
            stamp,
        )?;
        Ok(())
    }

    /// Imports a directory file; administrators only. Every entry is checked first by the
    /// rules the directory screen applies ([`check_directory`]); nothing is written when one
    /// breaks them.
    pub fn import_directory(
        &mut self,
        stamp: &Stamp,
        directory: &Directory,
    ) -> Result<ImportSummary> {
        let person = self.actor(stamp)?;
        self.check(&person, Action::ManageDirectory, None)?;
        let mut directory = directory.clone();
        check_directory(&mut directory)?;
        Ok(self.store.import_directory(&directory, stamp)?)
    }

    /// The whole directory, for `vanban directory export` (admin only).
    pub fn export_directory(&self, stamp: &Stamp) -> Result<Directory> {
        let person = self.actor(stamp)?;
        self.check(&person, Action::ManageDirectory, None)?;
        Ok(self.store.export_directory()?)
    }

    /// The recipient groups of the person's body, in the directory's order.
    pub fn recipient_groups(&self, login: &str) -> Result<Vec<vanban_store::RecipientGroupSpec>> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| WorkflowError::UnknownUser(login.to_owned()))?;
        let Some(body) = person
            .body
            .map(|id| self.store.body(id))
            .transpose()?
            .flatten()
        else {
            return Ok(Vec::new());
        };
        Ok(self
            .store
            .export_directory()?
            .recipient_groups
            .into_iter()
            .filter(|g| g.body == body.abbreviation)
            .collect())
    }

    /// Creates a document from a model: its first revision, in the acting person's body. Empty
    /// header fields (issuing body, parent body, place, address) are filled from the directory.
    pub fn create(&mut self, stamp: &Stamp, doc: &Document) -> Result<DocumentRecord> {
        self.create_from(stamp, doc, None)
    }

    fn create_from(
        &mut self,
        stamp: &Stamp,
        doc: &Document,
        copied_from: Option<DocumentId>,
    ) -> Result<DocumentRecord> {
        let person = self.actor(stamp)?;
        let action = if copied_from.is_some() {
            Action::CopyAsNew
        } else {
            Action::Create
        };
        self.check(&person, action, None)?;
        let body_id = person.body.ok_or_else(|| WorkflowError::NotAllowed {
            person: person.login.clone(),
            action: action.label(),
            reason: "người này chưa thuộc cơ quan nào trong danh bạ".into(),
        })?;
        let mut doc = doc.clone();
        vanban_core::normalize::to_nfc_document(&mut doc);
        if let Some(body) = self.store.body(body_id)? {
            fill_header(&mut doc, &body);
        }
        Ok(self.store.create_document(
            &NewDocument {
                body: body_id,
                content: content_of(&doc),
                copied_from,
            },
            stamp,
        )?)
    }

    /// Saves a new revision of one's own draft, edited from revision `base`. When somebody
    /// saved another revision since (the same person on another computer), the save is
    /// refused with [`StoreError::RevisionConflict`]: nothing is overwritten, and the caller
    /// still holds its text.
    pub fn save_from(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        base: u32,
        doc: &Document,
    ) -> Result<RevisionInfo> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.check(&person, Action::Save, Some(&record))?;
        let mut doc = doc.clone();
        vanban_core::normalize::to_nfc_document(&mut doc);
        Ok(self
            .store
            .save_revision(id, base, &content_of(&doc), stamp)?)
    }

    /// Saves a new revision of one's own draft on top of its current revision, whatever that
    /// is: for a caller that does not know which revision its text came from. A front that
    /// keeps a document open for editing uses [`Workflow::save_from`].
    pub fn save(&mut self, stamp: &Stamp, id: DocumentId, doc: &Document) -> Result<RevisionInfo> {
        let base = self.loaded(id)?.current_revision;
        self.save_from(stamp, id, base, doc)
    }

    fn move_to(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        action: Action,
        to: State,
        note: Option<String>,
    ) -> Result<DocumentRecord> {
        let person = self.actor(stamp)?;
        let record = self.loaded(id)?;
        self.check(&person, action, Some(&record))?;
        Ok(self.store.change_state(
            &StateChange {
                document: id,
                from: record.state,
                to,
                revision: record.current_revision,
                note,
            },
            stamp,
        )?)
    }

    /// Submits one's own draft for review.
    pub fn submit(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        self.move_to(stamp, id, Action::Submit, State::InReview, None)
    }

    /// Approves the current revision (exactly that one: its hash is recorded).
    pub fn approve(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        self.move_to(stamp, id, Action::Approve, State::Approved, None)
    }

    /// Returns a document in review, or approved, to its drafter, with the reason.
    pub fn return_to_draft(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        reason: &str,
    ) -> Result<DocumentRecord> {
        if reason.trim().is_empty() {
            return Err(WorkflowError::ReasonRequired);
        }
        self.move_to(
            stamp,
            id,
            Action::Return,
            State::Draft,
            Some(reason.trim().to_owned()),
        )
    }

    /// Discards one's own draft (kept, never deleted).
    pub fn discard(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        self.move_to(stamp, id, Action::Discard, State::Discarded, None)
    }

    /// Signs the approved revision. Only the signer named in the document's signature block
    /// may sign; an authority line KT., TL., TUQ. or Q. needs a delegation of that kind to the
    /// signer, in force on the day. (The cryptographic signature joins this step in a later
    /// issue.)
    pub fn sign(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        let (_, record, _) = self.may_sign(stamp, id)?;
        Ok(self.store.change_state(
            &StateChange {
                document: id,
                from: record.state,
                to: State::Signed,
                revision: record.current_revision,
                note: None,
            },
            stamp,
        )?)
    }

    /// The checks of [`Workflow::sign`]: who signs, the document, its approved revision.
    fn may_sign(
        &self,
        stamp: &Stamp,
        id: DocumentId,
    ) -> Result<(Person, DocumentRecord, Document)> {
        let person = self.actor(stamp)?;
        let (record, _, doc) = self.load_document(id, Which::Current)?;
        self.check(&person, Action::Sign, Some(&record))?;
        let refuse = |reason: String| WorkflowError::NotAllowed {
            person: person.login.clone(),
            action: Action::Sign.label(),
            reason,
        };
        if name_key(&doc.signature.name) != name_key(&person.name) {
            return Err(refuse(format!(
                "văn bản ghi người ký là “{}”, không phải {}",
                doc.signature.name, person.name
            )));
        }
        // A signed text is final: no blank may be left in it ("…", "___").
        let report = validate::validate_at(&doc, validate::Stage::Final);
        if !report.is_ok() {
            return Err(WorkflowError::Invalid {
                action: "ký",
                report,
            });
        }
        let day = stamp.at.date_naive();
        let delegations = self.store.delegations_to(person.id)?;
        for authority in &doc.signature.authority {
            if authority.kind == AuthorityKind::ThayMat {
                continue;
            }
            let found = delegations.iter().any(|d| {
                d.kind == authority.kind
                    && d.body == record.body
                    && name_key(&d.of) == name_key(&authority.of)
                    && d.covers(day)
            });
            if !found {
                return Err(refuse(format!(
                    "không có ủy quyền “{} {}” cho {} còn hiệu lực ngày {}",
                    authority.kind.prefix(),
                    authority.of,
                    person.name,
                    day.format("%d/%m/%Y")
                )));
            }
        }
        Ok((person, record, doc))
    }

    /// Adds a comment to the current revision, anchored to a part of it (`body.sections[1]`,
    /// `tasks[0]`, or "" for the whole document).
    pub fn comment(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        anchor: &str,
        text: &str,
    ) -> Result<Comment> {
        let person = self.actor(stamp)?;
        let (record, revision, _) = self.load_document(id, Which::Current)?;
        self.check(&person, Action::Comment, Some(&record))?;
        if text.trim().is_empty() {
            return Err(WorkflowError::EmptyComment);
        }
        let anchor = anchor.trim();
        if !anchor.is_empty() {
            let value: serde_json::Value = serde_json::from_str(&revision.json)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if resolve(&value["document"], anchor).is_none() {
                return Err(WorkflowError::NoSuchPart {
                    anchor: anchor.to_owned(),
                    revision: record.current_revision,
                });
            }
        }
        Ok(self.store.add_comment(
            &NewComment {
                document: id,
                revision: record.current_revision,
                anchor: anchor.to_owned(),
                text: text.trim().to_owned(),
            },
            stamp,
        )?)
    }

    /// Issues a signed document: the next number of the register (chosen by type and secrecy,
    /// or given), today's date, the register entry, all in one transaction. Refuses a document
    /// that would be malformed once numbered.
    /// A document the signer signed digitally is issued with the agency's signature instead:
    /// [`Workflow::issue_digitally`].
    pub fn issue(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        register: Option<RegisterId>,
    ) -> Result<RegisterEntry> {
        if !self.store.signed_pdfs(id)?.is_empty() {
            self.check(&self.actor(stamp)?, Action::Issue, Some(&self.loaded(id)?))?;
            return Err(WorkflowError::AgencyKeyNeeded(id));
        }
        self.issue_unsigned_or_paper(stamp, id, register)
    }

    /// Numbers, dates and registers a signed document (the part of issuing that does not
    /// depend on how it was signed).
    fn issue_unsigned_or_paper(
        &mut self,
        stamp: &Stamp,
        id: DocumentId,
        register: Option<RegisterId>,
    ) -> Result<RegisterEntry> {
        let person = self.actor(stamp)?;
        let (record, _, doc) = self.load_document(id, Which::Current)?;
        self.check(&person, Action::Issue, Some(&record))?;
        let body = self
            .store
            .body(record.body)?
            .ok_or(StoreError::NotInDirectory {
                what: "cơ quan",
                key: record.body.to_string(),
            })?;
        let found = doc
            .header
            .issuing_body
            .abbreviation
            .clone()
            .unwrap_or_default();
        if found != body.abbreviation {
            return Err(WorkflowError::WrongBody {
                found,
                expected: body.abbreviation,
            });
        }
        let day = stamp.at.date_naive();
        let date = IssueDate {
            year: day.year(),
            month: Some(day.month() as u8),
            day: Some(day.day() as u8),
        };
        let numbered = |n: u32| {
            let mut d = doc.clone();
            d.header.number = Some(n);
            d.header.date = Some(date);
            d
        };
        // An issued text is final, as a signed one: no blank may be left in it.
        let report = validate::validate_at(&numbered(1), validate::Stage::Final);
        if !report.is_ok() {
            return Err(WorkflowError::Invalid {
                action: "ban hành",
                report,
            });
        }
        let secret = doc.header.secrecy.is_some();
        let slug = doc.doc_type.slug();
        let candidates: Vec<_> = self
            .store
            .registers(record.body)?
            .into_iter()
            .filter(|r| r.covers(slug, secret))
            .collect();
        let register = match register {
            Some(id) => {
                candidates
                    .iter()
                    .find(|r| r.id == id)
                    .ok_or_else(|| WorkflowError::NoRegister {
                        what: format!(
                            "{} ({}) trong sổ số {id}",
                            doc.doc_type.info().name,
                            if secret { "mật" } else { "không mật" }
                        ),
                    })?
                    .id
            }
            None => match candidates.as_slice() {
                [one] => one.id,
                [] => {
                    return Err(WorkflowError::NoRegister {
                        what: format!(
                            "{} ({})",
                            doc.doc_type.info().name,
                            if secret { "mật" } else { "không mật" }
                        ),
                    });
                }
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .map(|r| format!("{}: {}", r.id, r.name))
                        .collect();
                    return Err(WorkflowError::AmbiguousRegister(names.join("; ")));
                }
            },
        };
        let symbol = plain::document_symbol(&doc);
        let lines = format::recipient_lines(&doc.recipients, !doc.addressees.is_empty());
        let recipients: Vec<String> = lines
            .iter()
            .take(lines.len().saturating_sub(1))
            .map(|l| {
                l.text
                    .trim_start_matches("- ")
                    .trim_end_matches([';', '.'])
                    .to_owned()
            })
            .collect();
        let details = RegisterDetails {
            type_and_subject: format!(
                "{} {}",
                doc.doc_type.info().name,
                doc.subject.replace('\n', " ")
            ),
            signer: doc.signature.name.clone(),
            recipients: recipients.join("; "),
            file_copy: format::archive_text(&doc.recipients.archive)
                .trim_start_matches("Lưu: ")
                .to_owned(),
            copies: doc.recipients.archive.issued_copies,
        };
        Ok(self.store.issue(
            &IssueRequest {
                document: id,
                register,
                issued_on: day,
                symbol,
                details,
            },
            &|n| content_of(&numbered(n)),
            stamp,
        )?)
    }

    /// Records that an issued document was sent.
    pub fn record_distribution(
        &mut self,
        stamp: &Stamp,
        distribution: &NewDistribution,
    ) -> Result<vanban_store::Distribution> {
        let person = self.actor(stamp)?;
        let record = self.loaded(distribution.document)?;
        self.check(&person, Action::Distribute, Some(&record))?;
        Ok(self.store.record_distribution(distribution, stamp)?)
    }

    /// Starts a new draft from any document (a discarded one, or an issued one to be replaced):
    /// number and date cleared, linked to the original.
    pub fn copy_as_new_draft(&mut self, stamp: &Stamp, id: DocumentId) -> Result<DocumentRecord> {
        let (_, _, mut doc) = self.load_document(id, Which::Current)?;
        doc.header.number = None;
        doc.header.date = doc.header.date.map(|d| IssueDate {
            year: d.year,
            month: None,
            day: None,
        });
        self.create_from(stamp, &doc, Some(id))
    }

    /// Everything that happened to a document.
    pub fn history(&self, id: DocumentId) -> Result<History> {
        Ok(History {
            document: self.loaded(id)?,
            revisions: self.store.revisions(id)?,
            states: self.store.history(id)?,
            comments: self.store.comments(id)?,
            distributions: self.store.distributions(id)?,
        })
    }

    /// What changed between two revisions, line by line, in the text a reader sees.
    pub fn diff(&self, id: DocumentId, from: u32, to: u32) -> Result<Vec<DiffLine>> {
        let (_, _, a) = self.load_document(id, Which::Revision(from))?;
        let (_, _, b) = self.load_document(id, Which::Revision(to))?;
        let a = plain::to_string(&plain::plain_text(&a));
        let b = plain::to_string(&plain::plain_text(&b));
        Ok(diff_lines(&a, &b))
    }

    /// A page of documents, most recently changed first.
    pub fn list(&self, query: &ListQuery) -> Result<Vec<DocumentSummary>> {
        Ok(self.store.list_documents(query)?)
    }

    /// Documents whose subject or text holds every word, accents ignored.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<DocumentSummary>> {
        Ok(self.store.search(text, limit)?)
    }

    /// The outgoing register of a year.
    pub fn register(&self, year: i32) -> Result<Vec<RegisterEntry>> {
        Ok(self.store.register_entries(year, None)?)
    }

    /// The outgoing registers of a year as the decree's printed form, one per register that
    /// has entries, in register order. Refused when the year has none: there is nothing to print.
    pub fn register_forms(&self, year: i32) -> Result<Vec<RegisterForm>> {
        let entries = self.store.register_entries(year, None)?;
        if entries.is_empty() {
            return Err(WorkflowError::EmptyRegister(year));
        }
        let mut forms: Vec<(RegisterId, RegisterForm)> = Vec::new();
        for e in &entries {
            if forms.last().is_none_or(|(id, _)| *id != e.register) {
                let body = self
                    .store
                    .body(e.body)?
                    .ok_or_else(|| StoreError::NotInDirectory {
                        what: "cơ quan",
                        key: e.body.to_string(),
                    })?;
                forms.push((
                    e.register,
                    RegisterForm {
                        parent_body: body.parent_name.clone(),
                        body: body.name.clone(),
                        register_name: e.register_name.clone(),
                        year,
                        rows: Vec::new(),
                    },
                ));
            }
            if let Some((_, form)) = forms.last_mut() {
                form.rows.push(register_row(e));
            }
        }
        Ok(forms.into_iter().map(|(_, f)| f).collect())
    }

    /// Checks the audit chain.
    pub fn verify_audit(&self) -> Result<Verification> {
        Ok(self.store.verify_audit()?)
    }

    /// Who a new document by `login` is from on `today`, as the directory knows it: the
    /// person's body (name, parent, place, address), the person's initials, and the body's
    /// signer — its head (a signer without a delegation in force), or else the first signer,
    /// with "KT. <head>" when a delegation covers today. The unit is given by the caller (the
    /// store does not expose a person's unit yet).
    pub fn organisation(
        &self,
        login: &str,
        today: chrono::NaiveDate,
        unit: Option<String>,
    ) -> Result<crate::templates::Organisation> {
        use vanban_core::model::{Agency, Authority};
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| WorkflowError::UnknownUser(login.to_owned()))?;
        let mut org = crate::templates::Organisation {
            unit,
            drafter: Some(crate::templates::initials(&person.name)),
            year: Some(today.year()),
            ..Default::default()
        };
        let Some(body_id) = person.body else {
            return Ok(org);
        };
        if let Some(body) = self.store.body(body_id)? {
            org.issuing_body = Some(Agency {
                name: body.name.clone(),
                abbreviation: Some(body.abbreviation.clone()),
                short_name: Some(body.name.clone()),
            });
            org.parent_body = body.parent_name.clone().map(|name| Agency {
                name,
                abbreviation: None,
                short_name: None,
            });
            org.place = Some(body.place.clone());
            org.address_line = body.address_line.clone();
        }
        let mut signers = Vec::new();
        for p in self.store.people()? {
            if p.body == Some(body_id) && p.has(Role::Signer) {
                let delegation = self
                    .store
                    .delegations_to(p.id)?
                    .into_iter()
                    .find(|d| d.body == body_id && d.covers(today));
                signers.push((p, delegation));
            }
        }
        signers.sort_by_key(|(p, d)| (d.is_some(), p.id));
        if let Some((p, delegation)) = signers.into_iter().next() {
            let title = p.titles.first().cloned().unwrap_or_default();
            org.signer = Some(match delegation {
                Some(d) => crate::templates::Signer {
                    authority: vec![Authority {
                        kind: d.kind,
                        of: d.of.clone(),
                    }],
                    title,
                    name: p.name,
                    head_title: d.of,
                },
                None => crate::templates::Signer {
                    authority: Vec::new(),
                    head_title: title.clone(),
                    title,
                    name: p.name,
                },
            });
        }
        Ok(org)
    }
}

/// Fills the header's empty fields from the directory's body — only when the document is that
/// body's own (its issuing body blank or the same name): a plan of another body, imported to be
/// reused, keeps the header it has, and never gains this body's parent or place.
fn fill_header(doc: &mut Document, body: &vanban_store::Body) {
    let h = &mut doc.header;
    if h.issuing_body.name.trim().is_empty() {
        h.issuing_body.name = body.name.clone();
    } else if name_key(&h.issuing_body.name) != name_key(&body.name) {
        return;
    }
    if h.issuing_body
        .abbreviation
        .as_deref()
        .is_none_or(|a| a.trim().is_empty())
    {
        h.issuing_body.abbreviation = Some(body.abbreviation.clone());
    }
    if h.parent_body.is_none()
        && let Some(parent) = &body.parent_name
    {
        h.parent_body = Some(vanban_core::model::Agency {
            name: parent.clone(),
            abbreviation: None,
            short_name: None,
        });
    }
    if h.place.trim().is_empty() {
        h.place = body.place.clone();
    }
    if h.address_line.is_none() {
        h.address_line = body.address_line.clone();
    }
}

/// Names compared without regard to case, spacing or Unicode form.
fn name_key(s: &str) -> String {
    vanban_core::text::to_nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Follows a path like `body.sections[1].subsections[0]` into a JSON value.
fn resolve<'a>(value: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut v = value;
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            v = v.get(name)?;
        }
        let mut rest = indexes;
        while let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            let index: usize = r[..close].parse().ok()?;
            v = v.get(index)?;
            rest = &r[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_is_vanban_db_unless_vanban_db_says_otherwise() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert_eq!(
            default_database(env(&[("VANBAN_DB", "/x/y.db"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/y.db"))
        );
        if cfg!(all(unix, not(target_os = "macos"))) {
            assert_eq!(
                default_database(env(&[("HOME", "/h")])),
                Some(PathBuf::from("/h/.local/share/vanban/vanban.db"))
            );
            assert_eq!(
                default_database(env(&[("XDG_DATA_HOME", "/d"), ("HOME", "/h")])),
                Some(PathBuf::from("/d/vanban/vanban.db"))
            );
            assert_eq!(default_database(env(&[])), None);
        }
    }

    #[test]
    fn a_path_reaches_sections_and_rows() {
        let v = serde_json::json!({"body": {"sections": [{"title": "a"}, {"title": "b"}]}, "tasks": [1]});
        assert_eq!(
            resolve(&v, "body.sections[1].title"),
            Some(&serde_json::json!("b"))
        );
        assert_eq!(resolve(&v, "tasks[0]"), Some(&serde_json::json!(1)));
        assert_eq!(resolve(&v, "tasks[3]"), None);
        assert_eq!(resolve(&v, "body.sections[x]"), None);
        assert_eq!(resolve(&v, "nothing"), None);
    }

    #[test]
    fn the_header_is_filled_from_the_directory_only_for_the_bodys_own_documents() {
        let body = vanban_store::Body {
            name: "Sở Thông tin và Truyền thông".into(),
            abbreviation: "STTTT".into(),
            parent_name: Some("UBND tỉnh Lạng Sơn".into()),
            place: "Lạng Sơn".into(),
            id: vanban_store::BodyId::default(),
            address_line: None,
        };
        // A blank header gets the body's name, abbreviation, parent and place.
        let mut own = crate::new_document(vanban_core::DocumentType::KeHoach);
        fill_header(&mut own, &body);
        assert_eq!(own.header.issuing_body.name, "Sở Thông tin và Truyền thông");
        assert_eq!(
            own.header.issuing_body.abbreviation.as_deref(),
            Some("STTTT")
        );
        assert_eq!(
            own.header.parent_body.map(|p| p.name).as_deref(),
            Some("UBND tỉnh Lạng Sơn")
        );
        assert_eq!(own.header.place, "Lạng Sơn");
        // The same name written in capitals is still the body's own.
        let mut caps = crate::new_document(vanban_core::DocumentType::KeHoach);
        caps.header.issuing_body.name = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG".into();
        fill_header(&mut caps, &body);
        assert_eq!(caps.header.place, "Lạng Sơn");
        // Another body's plan keeps its header: no parent, place or abbreviation added.
        let mut other = crate::new_document(vanban_core::DocumentType::KeHoach);
        other.header.issuing_body.name = "ỦY BAN NHÂN DÂN TỈNH LONG AN".into();
        fill_header(&mut other, &body);
        assert_eq!(other.header.parent_body, None);
        assert_eq!(other.header.place, "");
        assert_eq!(other.header.issuing_body.abbreviation, None);
    }
}
