//! Copies of issued documents, the registry clerk's (Nghị định 30, Điều 25–27, 32): what the
//! copy form offers for a document, making a sao y, sao lục or trích sao (electronic with the
//! body's key, or on paper with the copy block) into a file chosen in the save dialog, and the
//! copy register of a year with its printed form.

pub mod views;

use tauri::{AppHandle, State};
use vanban_app::workflow::{CertifyRequest, CopyForm};

use crate::dialogs;
use crate::error::CommandError;
use crate::registry::body_key;
use crate::signing::{KeySecret, views::KeyInput};
use crate::state::AppState;
use views::{CertifiedView, CertifyInput, CopyChoicesView, CopyEntryView, PrintFormat};

type Result<T> = std::result::Result<T, CommandError>;

/// How a copy is made: on paper as a file to print, or electronic with the body's key.
enum How {
    Paper(vanban_app::export::ExportFormat),
    Electronic(KeySecret),
}

/// What the copy form offers for issued document `id`: who may sign its copies today, the
/// parts a trích sao may keep, the copies already made of it.
#[tauri::command]
#[specta::specta]
pub async fn copy_choices(state: State<'_, AppState>, id: i64) -> Result<CopyChoicesView> {
    let choices = state.act(|wf, s| wf.copy_choices(s, id))?;
    Ok(CopyChoicesView::from(&choices))
}

/// Makes a copy of issued document `id` into a file the person picks in the save dialog
/// (asked first: a cancelled dialog makes no copy and takes no number). An electronic copy
/// is signed with `key`, the body's key (its certificate file's password or its token's
/// PIN); without it, refused. Gives the copy's number and where it was written, or nothing
/// when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn certify_document(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    request: CertifyInput,
    key: Option<KeyInput>,
) -> Result<Option<CertifiedView>> {
    let key = key
        .map(|k| KeySecret::new(k, state.token_module()))
        .transpose()?;
    let how = match (request.form.paper_format(), key) {
        (Some(format), _) => How::Paper(format),
        (None, Some(secret)) => How::Electronic(secret),
        (None, None) => {
            return Err(CommandError::new(
                "refused",
                "Bản sao điện tử cần chữ ký số của cơ quan: nhập mật khẩu tệp chứng thư (.p12) \
                 hoặc mã PIN của USB token của cơ quan; hoặc chọn bản sao giấy.",
            ));
        }
    };
    let (ext, label) = request.form.extension();
    let name = format!("{}-van-ban-{id}.{ext}", request.kind.slug());
    let Some(path) = dialogs::save_target(&app, "Lưu bản sao", &name, label, ext)? else {
        return Ok(None);
    };
    let req = CertifyRequest {
        document: id,
        kind: request.kind.into(),
        parts: request.parts,
        signer: request.signer.filter(|s| !s.trim().is_empty()),
        from_copy: request.from_copy.filter(|s| !s.trim().is_empty()),
        recipients: (request.recipients.iter())
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
    };
    let made = state.act(|wf, s| match &how {
        How::Paper(format) => wf.certify(s, &req, CopyForm::Paper(*format)),
        How::Electronic(secret) => {
            let signer = body_key(wf, s, id, secret)?;
            wf.certify(s, &req, CopyForm::Electronic(signer.as_ref()))
        }
    })?;
    vanban_app::write_atomic(&path, &made.bytes)?;
    Ok(Some(CertifiedView {
        number_symbol: made.entry.number_symbol.clone(),
        made_on: made.entry.made_on.to_string(),
        path: path.display().to_string(),
    }))
}

/// The copy register of the person's body for a year.
#[tauri::command]
#[specta::specta]
pub async fn copy_register_entries(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<CopyEntryView>> {
    let entries = state.act(|wf, s| wf.copy_register(s, year))?;
    Ok(entries.iter().map(Into::into).collect())
}

/// Prints the copy register of a year as the decree's form (PDF or DOCX) into a file chosen
/// in the save dialog; gives the path, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_copy_register(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    format: PrintFormat,
) -> Result<Option<String>> {
    let (ext, label) = format.extension();
    let name = format!("so-ban-sao-{year}.{ext}");
    let Some(path) = dialogs::save_target(&app, "Xuất sổ bản sao", &name, label, ext)? else {
        return Ok(None);
    };
    let stamp = state.stamp()?;
    let created = vanban_app::clock::pdf_created(stamp.at);
    let bytes = state.with(|wf| wf.copy_register_bytes(&stamp, year, format.format(), created))?;
    vanban_app::write_atomic(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}
