//! What someone asks to do with a document, who may do it and from which state
//! (`docs/workflow.md` §Roles): [`Action`] and its table, and [`Workflow::may_act`], the one
//! check every use case makes first.

use vanban_store::{DocumentRecord, Person, Role, State};

use super::{Result, Workflow};
use crate::Error;

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

impl Workflow {
    /// Whether `person` may do `action` on `doc` in its current state: the role, the body,
    /// the owner, then the state; refused with [`Error::NotAllowed`] or [`Error::WrongState`].
    pub fn may_act(
        &self,
        person: &Person,
        action: Action,
        doc: Option<&DocumentRecord>,
    ) -> Result<()> {
        let refuse = |reason: String| Error::NotAllowed {
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
            return Err(Error::WrongState {
                document: doc.id,
                action: action.label(),
                state: doc.state,
                allowed,
            });
        }
        Ok(())
    }
}
