//! Errors as the UI receives them: `{ code, message, detail }`. `code` is stable (the codes of
//! `vanban_app::Error::code`, plus the few
//! of the shell below); `message` is the Vietnamese sentence to show; `detail` says more when
//! there is more (the system's own words, the list of errors that blocked an action).

use serde::Serialize;
use vanban_app::Error;
use vanban_core::validate::{Report, Severity};

/// Why a command failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CommandError {
    /// Stable code, for the UI to act on.
    pub code: String,
    /// What happened, in Vietnamese.
    pub message: String,
    /// More, when there is more.
    pub detail: Option<String>,
}

impl CommandError {
    /// An error of the shell itself.
    pub fn new(code: &str, message: impl Into<String>) -> CommandError {
        CommandError {
            code: code.to_owned(),
            message: message.into(),
            detail: None,
        }
    }

    /// No one has been chosen at the start screen yet.
    pub fn no_person() -> CommandError {
        CommandError::new("no-person", "Chưa chọn người dùng.")
    }
}

/// The errors that blocked an action, one per line ("subject: Chưa nhập trích yếu…").
fn errors_of(report: &Report) -> Option<String> {
    let lines: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The causes below an error, when it has any.
fn sources(e: &dyn std::error::Error) -> Option<String> {
    let mut out = Vec::new();
    let mut next = e.source();
    while let Some(s) = next {
        out.push(s.to_string());
        next = s.source();
    }
    (!out.is_empty()).then(|| out.join(": "))
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        // The window offers the two ways out itself (keep mine / take the latest).
        if let Error::Store(vanban_app::workflow::store::StoreError::RevisionConflict {
            document,
            base,
            current,
            author,
        }) = &e
        {
            return CommandError {
                code: e.code().to_owned(),
                message: format!(
                    "Văn bản {document} đã có bản {current} do {author} lưu sau bản {base} mà bạn đang sửa."
                ),
                detail: None,
            };
        }
        let detail = match &e {
            Error::Invalid { report, .. } => errors_of(report),
            // The field of a refused directory entry, for the form to put the focus back in it.
            Error::DirectoryEntry(p) => Some(p.field.clone()),
            // The key of a refused style value, for the form to show it at its field.
            Error::Style(vanban_render::style::StyleError::OutOfRange { key, .. }) => {
                Some((*key).to_owned())
            }
            other => sources(other),
        };
        // The CLI's messages point at its own flags; the window has buttons instead.
        let message = e
            .to_string()
            .replace(
                "; chạy `vanban validate` để xem từng lỗi",
                "; xem bảng kiểm tra",
            )
            .replace(" bằng --as", "")
            .replace(" bằng --register", "")
            // The server's errors, as the connection form asks for these.
            .replace(
                "; kiểm tra máy chủ đã chạy, địa chỉ và cổng trong --db, và mạng.",
                "; kiểm tra máy chủ đã chạy, địa chỉ và cổng, và mạng.",
            )
            .replace(
                "; kiểm tra tên người dùng trong --db và mật khẩu trong biến môi trường PGPASSWORD hoặc tệp --db-password-file.",
                "; kiểm tra tên người dùng trong địa chỉ và mật khẩu đã nhập.",
            )
            .replace(
                " và đặt nó trong biến môi trường PGPASSWORD hoặc trong một tệp (--db-password-file).",
                " và nhập nó vào ô mật khẩu.",
            )
            .replace(
                "hoặc chỉ tệp chứng thư gốc bằng PGSSLROOTCERT.",
                "hoặc chỉ tệp chứng thư gốc của máy chủ.",
            );
        CommandError {
            code: e.code().to_owned(),
            message,
            detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_the_ui_receives_is_pinned() {
        let e = CommandError::from(Error::ReasonRequired);
        assert_eq!(
            serde_json::to_value(&e).expect("json"),
            serde_json::json!({
                "code": "reason-required",
                "message": "Trả lại văn bản phải kèm ý kiến nêu lý do.",
                "detail": null
            })
        );
    }

    #[test]
    fn a_refused_issue_lists_the_errors_in_detail() {
        let doc = vanban_app::new_document(vanban_core::DocumentType::KeHoach);
        let report = vanban_core::validate::validate(&doc);
        let e = CommandError::from(Error::Invalid {
            action: "ban hành",
            report,
        });
        assert_eq!(e.code, "invalid-document");
        assert!(e.message.ends_with("xem bảng kiểm tra."), "{}", e.message);
        let detail = e.detail.expect("detail");
        assert!(detail.contains("subject: Chưa nhập trích yếu"), "{detail}");
    }

    #[test]
    fn a_conflict_names_the_later_revision_and_its_author() {
        use vanban_app::workflow::store::StoreError;
        let e = CommandError::from(Error::Store(StoreError::RevisionConflict {
            document: 7,
            base: 3,
            current: 4,
            author: "truongphong".into(),
        }));
        assert_eq!(e.code, "revision-conflict");
        assert_eq!(
            e.message,
            "Văn bản 7 đã có bản 4 do truongphong lưu sau bản 3 mà bạn đang sửa."
        );
    }

    #[test]
    fn a_refused_server_login_points_at_the_form_not_at_flags() {
        use vanban_app::workflow::store::StoreError;
        let e = CommandError::from(Error::Store(StoreError::LoginRefused {
            server: "postgres://vanthu@may-chu/vanban".into(),
            detail: "password authentication failed".into(),
        }));
        assert_eq!(e.code, "db-login-refused");
        assert!(!e.message.contains("--"), "{}", e.message);
        assert!(e.message.ends_with("mật khẩu đã nhập."), "{}", e.message);
    }

    #[test]
    fn an_unknown_user_is_not_told_to_use_a_flag() {
        let e = CommandError::from(Error::UnknownUser("ai".into()));
        assert_eq!(e.code, "unknown-user");
        assert!(!e.message.contains("--as"), "{}", e.message);
    }
}
