//! The national exchange package (edXML, QCVN 102:2016/BTTTT), the registry clerk's: the
//! agencies a document can be sent to, the package of an issued document written to a file
//! chosen in the save dialog (recorded as sent to each recipient), and a message read from a
//! file: a recipient's status recorded against its distribution, or a document package shown.

pub mod views;

use tauri::{AppHandle, State};
use vanban_app::edxml::Message;
use vanban_app::export::Exporter;
use vanban_app::transport::FileTransport;

use crate::dialogs;
use crate::document;
use crate::error::CommandError;
use crate::registry::body_key;
use crate::signing::{KeySecret, views::KeyInput};
use crate::state::AppState;
use views::{EdxmlMessageView, OrganView, PackageSentView};

type Result<T> = std::result::Result<T, CommandError>;

/// The agencies (with an organ id) the body of issued document `id` sends packages to.
#[tauri::command]
#[specta::specta]
pub async fn exchange_organs(state: State<'_, AppState>, id: i64) -> Result<Vec<OrganView>> {
    let organs = state.with(|wf| wf.exchange_organs(id))?;
    Ok(organs.iter().map(Into::into).collect())
}

/// Writes the edXML package of issued document `id` to the organs `to` into a file the
/// person picks in the save dialog (asked first: cancelled, nothing is recorded), then records
/// it sent to each of them. With `key` (the body's), each appendix is carried as its own
/// signed file. Gives the file and the document as it is now, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_edxml(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    to: Vec<String>,
    key: Option<KeyInput>,
) -> Result<Option<PackageSentView>> {
    let key = key
        .map(|k| KeySecret::new(k, state.token_module()))
        .transpose()?;
    let name = format!("van-ban-{id}.edxml");
    let Some(path) =
        dialogs::save_target(&app, "Lưu gói tin edXML", &name, "Gói tin edXML", "edxml")?
    else {
        return Ok(None);
    };
    let (sent, opened) = state.act(|wf, s| {
        let created = vanban_app::clock::pdf_created(s.at);
        let mut exporter = Exporter::new(vanban_render::fonts::liberation_serif())?;
        let signer = key.as_ref().map(|k| body_key(wf, s, id, k)).transpose()?;
        let mut transport = FileTransport::new(&path);
        let sent = wf.send_edxml(
            s,
            id,
            &to,
            created,
            &mut exporter,
            signer.as_deref(),
            &mut transport,
        )?;
        Ok((sent, document::opened(wf, s, id)?))
    })?;
    Ok(Some(PackageSentView {
        path: sent.destination,
        bytes: u32::try_from(sent.bytes).unwrap_or(u32::MAX),
        attachments: sent
            .package
            .attachments
            .iter()
            .map(|a| a.name.clone())
            .collect(),
        document: document::shown(&state, opened)?,
    }))
}

/// Reads an edXML message from a file the person picks: a recipient's status message is
/// recorded against its distribution of the document it answers; a document package is
/// shown (its header and its files' names and sizes; nothing is written or opened).
#[tauri::command]
#[specta::specta]
pub async fn read_edxml(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<EdxmlMessageView>> {
    let Some(path) = dialogs::open_source(
        &app,
        "Đọc gói tin edXML",
        "Gói tin edXML",
        &["edxml", "xml"],
    )?
    else {
        return Ok(None);
    };
    let message = vanban_app::workflow::read_edxml_file(&path)?;
    Ok(Some(match message {
        Message::Document(package) => EdxmlMessageView::document(&package),
        Message::Status(status) => {
            let recorded = state.act(|wf, s| wf.receive_status(s, &status))?;
            EdxmlMessageView::status(&status, &recorded)
        }
    }))
}
