//! The directory of the person's body: its units, people, recipient groups, registers,
//! delegations and who may sign today; for an administrator the entries they edit, one change
//! at a time, the signing material (certificates, signature and seal images) chosen from files,
//! and a forgotten PIN removed.

pub mod views;

use tauri::{AppHandle, State};
use vanban_app::Error;
use vanban_app::workflow::{EntryProblem, MAX_IMAGE_BYTES, certificate_info, check_image};

use crate::dialogs;
use crate::error::CommandError;
use crate::state::{AppState, now};
use views::{
    DirectoryEditInput, DirectoryEntriesView, DirectoryView, PickedFileView, SigningFileKind,
    SigningMaterialView, png_data_url,
};

type Result<T> = std::result::Result<T, CommandError>;

/// The directory of the current person's body: units, people, recipient groups, registers,
/// delegations and who may sign today; for an administrator also the entries they edit.
#[tauri::command]
#[specta::specta]
pub async fn directory(state: State<'_, AppState>) -> Result<DirectoryView> {
    body_directory(&state)
}

/// Saves one change of the directory screen (administrators only) in the body `body`.
#[tauri::command]
#[specta::specta]
pub async fn edit_directory(
    state: State<'_, AppState>,
    body: String,
    edit: DirectoryEditInput,
) -> Result<DirectoryView> {
    state.act(|wf, s| wf.edit_directory(s, edit.into_edit(&body)?))?;
    body_directory(&state)
}

/// Removes a person's forgotten PIN (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn clear_pin(state: State<'_, AppState>, login: String) -> Result<()> {
    state.act(|wf, s| wf.reset_pin(s, &login, None))
}

/// A certificate or an image for the directory screen, chosen in the system's open dialog
/// (none when cancelled): a certificate is described as it reads, an image is checked to be a
/// PNG of a size kept (refused naming the field `image`) and given back to be shown and saved.
#[tauri::command]
#[specta::specta]
pub async fn pick_signing_file(
    app: AppHandle,
    kind: SigningFileKind,
) -> Result<Option<PickedFileView>> {
    let (title, label, extensions): (&str, &str, &[&str]) = match kind {
        SigningFileKind::Certificate => (
            "Chọn tệp chứng thư số",
            "Chứng thư số (.p12, .pfx, .cer, .crt, .pem)",
            &["p12", "pfx", "cer", "crt", "pem", "der"],
        ),
        SigningFileKind::Signature => ("Chọn ảnh chữ ký", "Ảnh PNG", &["png"]),
        SigningFileKind::Seal => ("Chọn ảnh con dấu", "Ảnh PNG", &["png"]),
    };
    let Some(path) = dialogs::open_source(&app, title, label, extensions)? else {
        return Ok(None);
    };
    if kind == SigningFileKind::Certificate {
        let info = certificate_info(&path.to_string_lossy(), now()?);
        return Ok(Some(PickedFileView {
            certificate: Some(info.into()),
            image: None,
        }));
    }
    let unreadable = |e: std::io::Error| {
        Error::DirectoryEntry(EntryProblem {
            field: "image".into(),
            message: format!("Không đọc được tệp {}: {e}.", path.display()),
        })
    };
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    let png = if size > MAX_IMAGE_BYTES as u64 {
        // Not read: the check refuses it by its size alone.
        vec![0; MAX_IMAGE_BYTES + 1]
    } else {
        std::fs::read(&path).map_err(unreadable)?
    };
    check_image(&png, kind == SigningFileKind::Seal).map_err(Error::DirectoryEntry)?;
    Ok(Some(PickedFileView {
        certificate: None,
        image: Some(png_data_url(&png)),
    }))
}

/// The directory of the chosen person's body, with the signers of today; for an
/// administrator also the entries they edit.
fn body_directory(state: &AppState) -> Result<DirectoryView> {
    let stamp = state.stamp()?;
    state.with(|wf| {
        let mut view =
            DirectoryView::from(&wf.body_directory(&stamp.person, stamp.at.date_naive())?);
        view.entries = match wf.own_directory(&stamp) {
            Ok(own) => {
                let signing = wf
                    .own_signing_material(&stamp)?
                    .into_iter()
                    .map(|(login, m)| SigningMaterialView::new(login, &m, stamp.at))
                    .collect();
                Some(DirectoryEntriesView::new(&own, signing))
            }
            Err(Error::NotAllowed { .. }) => None,
            Err(e) => return Err(e),
        };
        Ok(view)
    })
}
