//! The vocabulary of the workflow: where a document is in its life ([`State`]) and the moves
//! between states, what a person may do ([`Role`]), and who acts when ([`Stamp`]), with their
//! Vietnamese names. Pure: the store records these, the application decides with them.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Who acts, and when: passed in with every change, never read from the system by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The acting person's login.
    pub person: String,
    /// The moment of the action, with its offset (Vietnam: +07:00).
    pub at: DateTime<FixedOffset>,
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Dự thảo: the drafter edits it; every save is a revision.
    Draft,
    /// Chờ duyệt: reviewers comment, return or approve.
    InReview,
    /// Đã duyệt: one exact revision is approved.
    Approved,
    /// Đã ký: the signer signed the approved revision.
    Signed,
    /// Đã ban hành: numbered, dated, registered; frozen for ever.
    Issued,
    /// Đã hủy: kept, never deleted; can be copied into a new draft.
    Discarded,
}

impl State {
    /// Every state, in the order of the workflow.
    pub const ALL: [State; 6] = [
        State::Draft,
        State::InReview,
        State::Approved,
        State::Signed,
        State::Issued,
        State::Discarded,
    ];

    /// The name stored in the database and printed for programs.
    pub const fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::InReview => "in-review",
            State::Approved => "approved",
            State::Signed => "signed",
            State::Issued => "issued",
            State::Discarded => "discarded",
        }
    }

    /// The Vietnamese name shown to users.
    pub const fn label(self) -> &'static str {
        match self {
            State::Draft => "Dự thảo",
            State::InReview => "Chờ duyệt",
            State::Approved => "Đã duyệt",
            State::Signed => "Đã ký",
            State::Issued => "Đã ban hành",
            State::Discarded => "Đã hủy",
        }
    }

    /// Reads a stored state name.
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The moves of the state diagram: submit, approve, sign, issue, return (from review or
    /// approval), discard (a draft).
    pub const fn can_move_to(self, to: State) -> bool {
        matches!(
            (self, to),
            (State::Draft, State::InReview)
                | (State::Draft, State::Discarded)
                | (State::InReview, State::Approved)
                | (State::InReview, State::Draft)
                | (State::Approved, State::Signed)
                | (State::Approved, State::Draft)
                | (State::Signed, State::Issued)
        )
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a person may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Chuyên viên: drafts and submits.
    Drafter,
    /// Trưởng phòng: comments, returns, approves.
    Reviewer,
    /// Lãnh đạo: approves and signs.
    Signer,
    /// Văn thư: issues, sends, records distribution.
    RegistryClerk,
    /// Quản trị: manages the directory.
    Admin,
    /// Đầu mối: answers for their unit on the plans it has tasks in, and reports on them.
    FocalPoint,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 6] = [
        Role::Drafter,
        Role::Reviewer,
        Role::Signer,
        Role::RegistryClerk,
        Role::Admin,
        Role::FocalPoint,
    ];

    /// The name used in files and the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Drafter => "drafter",
            Role::Reviewer => "reviewer",
            Role::Signer => "signer",
            Role::RegistryClerk => "registry-clerk",
            Role::Admin => "admin",
            Role::FocalPoint => "focal-point",
        }
    }

    /// The Vietnamese name.
    pub const fn label(self) -> &'static str {
        match self {
            Role::Drafter => "chuyên viên soạn thảo",
            Role::Reviewer => "người duyệt",
            Role::Signer => "người ký",
            Role::RegistryClerk => "văn thư",
            Role::Admin => "quản trị",
            Role::FocalPoint => "đầu mối của đơn vị",
        }
    }
}

impl State {
    /// The Vietnamese name of the move from `self` to `to`, for messages ("trình duyệt").
    pub const fn move_label(self, to: State) -> &'static str {
        match (self, to) {
            (State::Draft, State::InReview) => "trình duyệt",
            (_, State::Draft) => "trả lại",
            (_, State::Approved) => "duyệt",
            (_, State::Signed) => "ký",
            (_, State::Issued) => "ban hành",
            (_, State::Discarded) => "hủy",
            _ => "chuyển trạng thái",
        }
    }

    /// The name of the move from `self` to `to` in the audit record ("submit").
    pub const fn move_action(self, to: State) -> &'static str {
        match (self, to) {
            (State::Draft, State::InReview) => "submit",
            (_, State::Draft) => "return",
            (_, State::Approved) => "approve",
            (_, State::Signed) => "sign",
            (_, State::Issued) => "issue",
            (_, State::Discarded) => "discard",
            _ => "change-state",
        }
    }
}
