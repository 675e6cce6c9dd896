//! A stored document in the editor: the list and the search, opening it with what the person
//! may do with it, saving revisions, the checks and the live preview, the steps of review
//! (submit, return, approve, discard: each gives the document as it is now, read in the same
//! use of the database), comments, what changed since one's review, copying, exporting.

pub mod views;

use std::time::Instant;

use tauri::{AppHandle, State};
use vanban_app::Error;
use vanban_app::export::{ExportOptions, Exporter};
use vanban_app::workflow::store::ListQuery;
use vanban_app::workflow::{Stamp, Workflow};
use vanban_render::pdf::{PageInfo, PdfKind};
use vanban_render::style::StyleSheet;

use crate::dialogs;
use crate::error::CommandError;
use crate::state::AppState;
use crate::style::use_style;
use views::{
    CommentView, DiagnosticView, DocumentAction, DocumentJson, DocumentRow, DocumentState,
    ExportFormat, OpenDocument, PreviewPage, PreviewView, ReviewChangesView, RevisionView,
};

type Result<T> = std::result::Result<T, CommandError>;

/// A document as the chosen person opens it: its current revision, the actions they may take
/// on it now, its history; and the body's style sheet, for the live preview.
pub fn opened(
    wf: &Workflow,
    stamp: &Stamp,
    id: i64,
) -> std::result::Result<(OpenDocument, StyleSheet), Error> {
    let buttons = DocumentAction::ALL.map(DocumentAction::workflow);
    let opened = wf.opened(stamp, id, &buttons)?;
    let sheet = opened.sheet.clone();
    Ok((opened.into(), sheet))
}

/// The document of [`opened`], once the live preview takes its body's style profile.
pub fn shown(state: &AppState, (open, sheet): (OpenDocument, StyleSheet)) -> Result<OpenDocument> {
    use_style(state, &sheet)?;
    Ok(open)
}

/// The documents in a state (all when none), most recently changed first.
#[tauri::command]
#[specta::specta]
pub async fn list_documents(
    state: State<'_, AppState>,
    filter: Option<DocumentState>,
) -> Result<Vec<DocumentRow>> {
    let query = ListQuery {
        state: filter.map(Into::into),
        limit: 200,
        offset: 0,
    };
    state.with(|wf| Ok(wf.list(&query)?.iter().map(DocumentRow::from).collect()))
}

/// Documents whose subject or text holds every word, accents ignored.
#[tauri::command]
#[specta::specta]
pub async fn search_documents(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<DocumentRow>> {
    state.with(|wf| {
        Ok(wf
            .search(&text, 200)?
            .iter()
            .map(DocumentRow::from)
            .collect())
    })
}

/// The documents waiting for the current person to approve, sign or issue.
#[tauri::command]
#[specta::specta]
pub async fn waiting_documents(state: State<'_, AppState>) -> Result<Vec<DocumentRow>> {
    state.act(|wf, s| {
        Ok(wf
            .waiting_for(&s.person)?
            .iter()
            .map(DocumentRow::from)
            .collect())
    })
}

/// A document's current revision, with what the current person may do with it. The live
/// preview takes the body's style profile from here on.
#[tauri::command]
#[specta::specta]
pub async fn load_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    let opened = state.act(|wf, s| opened(wf, s, id))?;
    shown(&state, opened)
}

/// Saves the edited document as a new revision of one's own draft, edited from revision
/// `base`; when someone saved a later revision meanwhile, it is refused with the code
/// `revision-conflict` and nothing is overwritten.
#[tauri::command]
#[specta::specta]
pub async fn save_document(
    state: State<'_, AppState>,
    id: i64,
    base: u32,
    document: DocumentJson,
) -> Result<RevisionView> {
    state.act(|wf, s| {
        Ok(RevisionView::from(&wf.save_from(
            s,
            id,
            base,
            &document.0,
        )?))
    })
}

/// The checks on the document as it is in the editor, as the check panel lists them.
#[tauri::command]
#[specta::specta]
pub async fn check_document(document: DocumentJson) -> Result<Vec<DiagnosticView>> {
    Ok(vanban_app::validate(&document.0)
        .diagnostics
        .iter()
        .map(DiagnosticView::from)
        .collect())
}

/// The real pages of the document as it is in the editor, saved or not, by key (the window
/// loads each page's picture from `vanban-page://localhost/KEY-WIDTH.png`, served by
/// `crate::pages`); paragraphs whose text is one of `marked` (the lines a reviewer has not seen)
/// are shown on a light background. The checks are not made here but asked for by the window
/// with `check_document` once typing pauses: made beside the typesetting on a 2-core machine,
/// they held Long An's pages back 4–5 ms per keystroke. The pictures of the pages `near`
/// (by index: those in or near the window's view) are drawn `width_px` wide right away, on
/// other threads, while this answer travels to the window, which then asks for them.
#[tauri::command]
#[specta::specta]
pub async fn preview_document(
    state: State<'_, AppState>,
    document: DocumentJson,
    marked: Vec<String>,
    near: Vec<u32>,
    width_px: u32,
) -> Result<PreviewView> {
    let started = Instant::now();
    let keys = state.preview(|p| p.keys_marked(&document.0, &marked))?;
    let millis = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    draw_ahead(&state, &keys.pages, &near, width_px);
    Ok(PreviewView {
        pages: keys.pages.iter().map(PreviewPage::from).collect(),
        text: keys.text,
        millis,
    })
}

/// The first pages of a long document just opened, typeset from its beginning alone, to show
/// while `preview_document` typesets the whole (the same pages, by the same keys): empty when
/// the document is short enough to wait for. The pictures of the pages `near` are drawn
/// `width_px` wide right away, as `preview_document` does.
#[tauri::command]
#[specta::specta]
pub async fn preview_first_pages(
    state: State<'_, AppState>,
    document: DocumentJson,
    marked: Vec<String>,
    near: Vec<u32>,
    width_px: u32,
) -> Result<Vec<PreviewPage>> {
    let pages = state.preview(|p| p.first_keys(&document.0, &marked))?;
    draw_ahead(&state, &pages, &near, width_px);
    Ok(pages.iter().map(PreviewPage::from).collect())
}

/// Starts drawing the pictures of the pages `near` (by index; at most [`NEAR_DRAWN_AHEAD`]) on
/// other threads.
fn draw_ahead(state: &AppState, pages: &[PageInfo], near: &[u32], width_px: u32) {
    for page in near
        .iter()
        .filter_map(|&i| pages.get(usize::try_from(i).ok()?))
        .take(NEAR_DRAWN_AHEAD)
    {
        let (store, key) = (state.pages().clone(), page.key);
        tauri::async_runtime::spawn_blocking(move || store.png(key, width_px));
    }
}

/// At most this many pages are drawn ahead of the window's requests (a screen shows two or
/// three; the others are drawn when asked for).
const NEAR_DRAWN_AHEAD: usize = 4;

/// Trình duyệt: one's own draft goes to review.
#[tauri::command]
#[specta::specta]
pub async fn submit_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    let opened = state.act(|wf, s| {
        wf.submit(s, id)?;
        opened(wf, s, id)
    })?;
    shown(&state, opened)
}

/// Duyệt: approves the current revision.
#[tauri::command]
#[specta::specta]
pub async fn approve_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    let opened = state.act(|wf, s| {
        wf.approve(s, id)?;
        opened(wf, s, id)
    })?;
    shown(&state, opened)
}

/// Trả lại: back to the drafter, with the reason.
#[tauri::command]
#[specta::specta]
pub async fn return_document(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Result<OpenDocument> {
    let opened = state.act(|wf, s| {
        wf.return_to_draft(s, id, &reason)?;
        opened(wf, s, id)
    })?;
    shown(&state, opened)
}

/// Hủy: one's own draft is discarded (kept, and can still be copied as a new draft).
#[tauri::command]
#[specta::specta]
pub async fn discard_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    let opened = state.act(|wf, s| {
        wf.discard(s, id)?;
        opened(wf, s, id)
    })?;
    shown(&state, opened)
}

/// A reviewer's comment on a part of the current revision (`body.sections[1]`, `tasks[0]`).
#[tauri::command]
#[specta::specta]
pub async fn comment_document(
    state: State<'_, AppState>,
    id: i64,
    anchor: String,
    text: String,
) -> Result<CommentView> {
    state.act(|wf, s| Ok(CommentView::from(&wf.comment(s, id, &anchor, &text)?)))
}

/// What changed since the current person last approved or returned the document.
#[tauri::command]
#[specta::specta]
pub async fn review_changes(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<ReviewChangesView>> {
    state.act(|wf, s| {
        Ok(wf
            .changes_since_review(&s.person, id)?
            .as_ref()
            .map(Into::into))
    })
}

/// Copies a document as a new draft of the current person; gives the new id.
#[tauri::command]
#[specta::specta]
pub async fn copy_document(state: State<'_, AppState>, id: i64) -> Result<i64> {
    state.act(|wf, s| Ok(wf.copy_as_new_draft(s, id)?.id))
}

/// Exports the document (the issued revision once issued) to a file the person chooses in the
/// system's save dialog; gives the path written, or nothing when the dialog was cancelled. The
/// document is checked first, so that an export of a document with errors is refused before
/// asking where to write; the file is written atomically and the export recorded in the audit
/// record.
#[tauri::command]
#[specta::specta]
pub async fn export_document(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    format: ExportFormat,
) -> Result<Option<String>> {
    let doc = state.with(|wf| wf.document_for_export(id))?;
    let report = vanban_app::validate(&doc);
    if !report.is_ok() {
        return Err(Error::Invalid {
            action: "xuất",
            report,
        }
        .into());
    }
    let (label, ext) = match format {
        ExportFormat::Pdf => ("Tệp PDF", "pdf"),
        ExportFormat::Docx => ("Tài liệu Word", "docx"),
    };
    let name = vanban_app::workflow::export_file_name(id, &doc, ext);
    let Some(path) = dialogs::save_target(&app, "Xuất văn bản", &name, label, ext)? else {
        return Ok(None);
    };
    let format = match format {
        ExportFormat::Pdf => vanban_app::export::ExportFormat::Pdf(PdfKind::Standard),
        ExportFormat::Docx => vanban_app::export::ExportFormat::Docx,
    };
    let stamp = state.stamp()?;
    let options = ExportOptions::new(format, vanban_app::clock::pdf_created(stamp.at));
    state.with(|wf| {
        let mut exporter = Exporter::new(vanban_render::fonts::liberation_serif())?;
        wf.export_stored(&stamp, id, &path, &options, &mut exporter)
    })?;
    Ok(Some(path.display().to_string()))
}
