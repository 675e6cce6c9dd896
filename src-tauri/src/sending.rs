//! Sending an issued document by e-mail, the registry clerk's (`docs/email.md`): where each
//! recipient stands (sent with its Message-ID, failed and why, not sent, no address, unknown
//! after an interrupted send) and sending to those not yet sent — or to one named again —
//! through the body's SMTP server, the password typed in the window when the server asks for a
//! login and this machine keeps none.

pub mod views;

use tauri::State;
use vanban_app::export::Exporter;
use vanban_app::mail::MailRoute;
use vanban_app::workflow::EmailRequest;

use crate::document;
use crate::error::CommandError;
use crate::state::AppState;
use views::{EmailPanelView, EmailResultView, EmailSentView, EmailStatusView};

type Result<T> = std::result::Result<T, CommandError>;

/// The machine's own e-mail settings (`[smtp]` of settings.toml), or the defaults.
fn machine(state: &AppState) -> Result<vanban_app::connection::SmtpMachineSettings> {
    match state.place().0.settings {
        Some(path) => Ok(vanban_app::connection::read_settings(&path)?.smtp),
        None => Ok(Default::default()),
    }
}

fn env(k: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(k)
}

/// Where each recipient of issued document `id` stands, and the server it would be sent
/// through (or why it cannot be: no SMTP settings for the body).
#[tauri::command]
#[specta::specta]
pub async fn email_panel(state: State<'_, AppState>, id: i64) -> Result<EmailPanelView> {
    let machine = machine(&state)?;
    state.with(|wf| {
        let recipients = wf.email_status(id)?;
        let (server, needs_password, unavailable) =
            match MailRoute::for_document(wf, id, None, &machine, env) {
                Ok(route) => (Some(route.server.describe()), route.needs_password(), None),
                Err(e) => (None, false, Some(e.to_string())),
            };
        Ok(EmailPanelView {
            server,
            needs_password,
            unavailable,
            recipients: recipients.iter().map(EmailStatusView::from).collect(),
        })
    })
}

/// Sends issued document `id` by e-mail to each recipient with an address not yet sent (or
/// only those named in `to`: a recipient whose earlier attempt's outcome is unknown is sent
/// again only when named), logging in with `password` when given. Gives each recipient's
/// result and the document as it is now (its distributions).
#[tauri::command]
#[specta::specta]
pub async fn send_email(
    state: State<'_, AppState>,
    id: i64,
    to: Vec<String>,
    password: Option<String>,
) -> Result<EmailSentView> {
    let machine = machine(&state)?;
    let password = password
        .filter(|p| !p.is_empty())
        .map(zeroize::Zeroizing::new);
    let (results, opened) = state.act(|wf, s| {
        let route = MailRoute::for_document(wf, id, password, &machine, env)?;
        let mut mailer = route.mailer()?;
        let mut exporter = Exporter::new(vanban_render::fonts::liberation_serif())?;
        let request = EmailRequest {
            only: &to,
            created: vanban_app::clock::pdf_created(s.at),
            appendix_key: None,
        };
        let results = wf.send_email(s, id, &request, &mut exporter, &mut mailer)?;
        Ok((results, document::opened(wf, s, id)?))
    })?;
    Ok(EmailSentView {
        results: results.iter().map(EmailResultView::from).collect(),
        document: document::shown(&state, opened)?,
    })
}
