//! The shapes of the e-mail panel: where each recipient stands, what a send did. Each is made
//! from a library type by a `From`, so a change on either side fails to compile rather than
//! drifting.

use serde::Serialize;
use vanban_app::workflow::{EmailOutcome, EmailRecipient, EmailResult, EmailState, EmailStatus};

use crate::document::views::OpenDocument;

/// A recipient of the document's e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmailRecipientView {
    /// As printed in Nơi nhận.
    pub name: String,
    /// Its address, when the directory has one.
    pub email: Option<String>,
    /// Its message carries the edXML package (else the signed PDF and the appendices).
    pub edxml: bool,
}

impl From<&EmailRecipient> for EmailRecipientView {
    fn from(r: &EmailRecipient) -> Self {
        EmailRecipientView {
            name: r.name.clone(),
            email: r.email.clone(),
            edxml: r.attach.as_str() == "edxml",
        }
    }
}

/// Where a recipient stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmailStatusView {
    /// The recipient.
    pub recipient: EmailRecipientView,
    /// "not-sent", "no-address", "sent", "failed" or "unknown" (attempted, outcome never
    /// recorded: it may have arrived).
    pub state: String,
    /// The message's Message-ID (sent, failed, unknown).
    pub message_id: Option<String>,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// When (RFC 3339).
    pub at: Option<String>,
}

impl From<&EmailStatus> for EmailStatusView {
    fn from(s: &EmailStatus) -> Self {
        let (state, message_id, error, at) = match &s.state {
            EmailState::NotSent => ("not-sent", None, None, None),
            EmailState::NoAddress => ("no-address", None, None, None),
            EmailState::Sent { message_id, at } => ("sent", Some(message_id), None, Some(at)),
            EmailState::Failed {
                message_id,
                error,
                at,
            } => ("failed", Some(message_id), Some(error), Some(at)),
            EmailState::Unknown { message_id, at } => ("unknown", Some(message_id), None, Some(at)),
        };
        EmailStatusView {
            recipient: (&s.recipient).into(),
            state: state.to_owned(),
            message_id: message_id.cloned(),
            error: error.cloned(),
            at: at.map(|t| t.to_rfc3339()),
        }
    }
}

/// The e-mail panel of an issued document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmailPanelView {
    /// The server it is sent through ("mail.longan.example:587 (STARTTLS), vanthu").
    pub server: Option<String>,
    /// The server asks for a login and this machine keeps no password: the window asks.
    pub needs_password: bool,
    /// Why it cannot be sent from here (no SMTP settings for the body…).
    pub unavailable: Option<String>,
    /// Each recipient, in the order of Nơi nhận.
    pub recipients: Vec<EmailStatusView>,
}

/// What sending did for one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmailResultView {
    /// The recipient.
    pub recipient: EmailRecipientView,
    /// "sent", "failed", "already-sent", "no-address", "unknown", "not-attempted".
    pub result: String,
    /// The Message-ID.
    pub message_id: Option<String>,
    /// Why it failed or was not attempted.
    pub error: Option<String>,
}

impl From<&EmailResult> for EmailResultView {
    fn from(r: &EmailResult) -> Self {
        let (result, message_id, error) = match &r.outcome {
            EmailOutcome::Sent { message_id } => ("sent", Some(message_id), None),
            EmailOutcome::Failed { message_id, error } => ("failed", Some(message_id), Some(error)),
            EmailOutcome::AlreadySent { message_id } => ("already-sent", Some(message_id), None),
            EmailOutcome::NoAddress => ("no-address", None, None),
            EmailOutcome::Unknown { message_id } => ("unknown", Some(message_id), None),
            EmailOutcome::NotAttempted { reason } => ("not-attempted", None, Some(reason)),
        };
        EmailResultView {
            recipient: (&r.recipient).into(),
            result: result.to_owned(),
            message_id: message_id.cloned(),
            error: error.cloned(),
        }
    }
}

/// A batch sent, with the document as it is now.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmailSentView {
    /// Each recipient's result.
    pub results: Vec<EmailResultView>,
    /// The document (its distributions).
    pub document: OpenDocument,
}
