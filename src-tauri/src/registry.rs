//! The registry clerk's work: issuing a signed document (its number from the register, today's
//! date, and for a document signed digitally the agency's signature and seal), the outgoing
//! register of a year and its export, recording where an issued document was sent.

pub mod views;

use tauri::{AppHandle, State};
use vanban_app::sign::Signer;
use vanban_app::workflow::Workflow;
use vanban_app::workflow::store::Stamp;

use crate::dialogs;
use crate::document::{self, views::OpenDocument};
use crate::error::CommandError;
use crate::signing::{KeySecret, views::KeyInput};
use crate::state::AppState;
use views::{IssuedView, RegisterEntryView, RegisterFileFormat};

type Result<T> = std::result::Result<T, CommandError>;

/// Ban hành: the next number of the register, today's date; for a document signed digitally,
/// with `key` (the body's certificate file's password, or its USB token's PIN) the number and
/// date written into the signed PDF with the seal and the agency's signature (without it,
/// refused: a document signed digitally needs the agency's key). Gives the number and the
/// document as it is now.
#[tauri::command]
#[specta::specta]
pub async fn issue_document(
    state: State<'_, AppState>,
    id: i64,
    key: Option<KeyInput>,
) -> Result<IssuedView> {
    let key = key
        .map(|k| KeySecret::new(k, state.token_module()))
        .transpose()?;
    let (entry, opened) = state.act(|wf, s| {
        let entry = match &key {
            None => wf.issue(s, id, None)?,
            Some(secret) => {
                let signer = body_key(wf, s, id, secret)?;
                wf.issue_digitally(s, id, None, signer.as_ref())?
            }
        };
        Ok((entry, document::opened(wf, s, id)?))
    })?;
    Ok(IssuedView::new(&entry, document::shown(&state, opened)?))
}

/// The key of the body that issues document `id` (its certificate file opened with the
/// password, or its USB token with the PIN): what issuing, copies and the exchange package
/// are signed with.
pub(crate) fn body_key(
    wf: &Workflow,
    s: &Stamp,
    id: i64,
    secret: &KeySecret,
) -> vanban_app::Result<Box<dyn Signer>> {
    Ok(match secret {
        KeySecret::File(password) => Box::new(wf.key_for_issuing(s, id, password)?),
        KeySecret::Token {
            module,
            choice,
            pin,
        } => Box::new(wf.token_for_issuing(s, id, module, choice, pin)?),
    })
}

/// The outgoing register of a year.
#[tauri::command]
#[specta::specta]
pub async fn register_entries(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<RegisterEntryView>> {
    state.with(|wf| Ok(wf.register(year)?.iter().map(Into::into).collect()))
}

/// Exports the register of a year (the decree's form as PDF/DOCX, or CSV) to a file chosen in
/// the save dialog; gives the path, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_register(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    format: RegisterFileFormat,
) -> Result<Option<String>> {
    let (ext, label) = format.extension();
    let name = format!("so-van-ban-di-{year}.{ext}");
    let Some(path) = dialogs::save_target(&app, "Xuất sổ văn bản đi", &name, label, ext)?
    else {
        return Ok(None);
    };
    let stamp = state.stamp()?;
    let created = vanban_app::clock::pdf_created(stamp.at);
    state.with(|wf| wf.export_register(&stamp, year, &path, format.format(), created))?;
    Ok(Some(path.display().to_string()))
}

/// Records that the issued document was sent to a recipient today; gives the document as it is
/// now.
#[tauri::command]
#[specta::specta]
pub async fn record_distribution(
    state: State<'_, AppState>,
    id: i64,
    recipient: String,
    channel: String,
    note: Option<String>,
) -> Result<OpenDocument> {
    let opened = state.act(|wf, s| {
        wf.distribute_today(s, id, &recipient, &channel, note.as_deref())?;
        document::opened(wf, s, id)
    })?;
    document::shown(&state, opened)
}
