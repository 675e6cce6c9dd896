//! The commands the UI calls. Each is one call into `vanban-app` through the app's state;
//! nothing here decides a rule of the workflow or touches SQL.

use std::time::Instant;

use tauri::{AppHandle, State};
use vanban_app::workflow::store::ListQuery;

use crate::error::CommandError;
use crate::flows;
use crate::state::AppState;
use crate::views::{
    ChangedDocumentView, CitationView, CommentView, ConnectionView, DiagnosticView,
    DirectoryEditInput, DirectoryView, DocumentJson, DocumentRow, DocumentState, DocumentTypeView,
    DraftedDutiesView, ExportFormat, GroupPlaceView, IssuedView, KeyInput, OpenDocument,
    PastedReferenceView, PersonView, PickedFileView, PreviewView, ReadDocumentView,
    RegisterEntryView, RegisterFileFormat, ReviewChangesView, RevisionView, SigningFileKind,
    StyleProfileView, StyleValueInput, TemplateView, TokensView,
};

type Result<T> = std::result::Result<T, CommandError>;

/// Where the database is, and whether it is open.
#[tauri::command]
#[specta::specta]
pub async fn database_connection(state: State<'_, AppState>) -> Result<ConnectionView> {
    Ok(ConnectionView::from(state.place()))
}

/// Connects to the SQLite file or the PostgreSQL server `database` (with the server's
/// `password`, used for this connection and never stored) and keeps it in the settings; the
/// person then picks who they are again.
#[tauri::command]
#[specta::specta]
pub async fn connect_database(
    state: State<'_, AppState>,
    database: String,
    password: Option<String>,
    root_certificate: Option<String>,
) -> Result<ConnectionView> {
    flows::connect(&state, database, password, root_certificate)
}

/// The people of the directory, to pick who one is.
#[tauri::command]
#[specta::specta]
pub async fn people(state: State<'_, AppState>) -> Result<Vec<PersonView>> {
    state.with(|wf| Ok(wf.store().people()?.iter().map(PersonView::from).collect()))
}

/// Uses the app as this person from now on, with their PIN when they set one.
#[tauri::command]
#[specta::specta]
pub async fn choose_person(
    app: AppHandle,
    state: State<'_, AppState>,
    login: String,
    pin: Option<String>,
) -> Result<PersonView> {
    let person = flows::choose_person(&state, &login, pin.as_deref())?;
    // The preview's typesetter is made and its template compiled now, on a thread of its own
    // while the list is read and shown, so the first document opened previews warm.
    std::thread::spawn(move || {
        use tauri::Manager as _;
        let state = app.state::<AppState>();
        if let Err(e) = state.preview(|p| p.warm()) {
            eprintln!("vanban-desktop: preview warm-up: {}", e.message);
        }
    });
    Ok(person)
}

/// Sets, changes or removes (`pin` none) the current person's own PIN; the current PIN
/// (`old`) is needed when they have one.
#[tauri::command]
#[specta::specta]
pub async fn change_pin(
    state: State<'_, AppState>,
    old: Option<String>,
    pin: Option<String>,
) -> Result<()> {
    state.act_with_pins(|wf, s, a| {
        wf.change_own_pin(s, a, old.as_deref(), pin.as_deref(), Instant::now())
    })
}

/// Removes a person's forgotten PIN (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn clear_pin(state: State<'_, AppState>, login: String) -> Result<()> {
    state.act(|wf, s| wf.reset_pin(s, &login, None))
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
    flows::directory(&state)
}

/// A certificate or an image for the directory screen, chosen in the system's open dialog.
#[tauri::command]
#[specta::specta]
pub async fn pick_signing_file(
    app: AppHandle,
    kind: SigningFileKind,
) -> Result<Option<PickedFileView>> {
    flows::pick_signing_file(&app, kind)
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

/// The types a new blank document may have, with the parts of each.
#[tauri::command]
#[specta::specta]
pub async fn document_types() -> Result<Vec<DocumentTypeView>> {
    Ok(flows::BLANK_TYPES.into_iter().map(Into::into).collect())
}

/// Creates a blank document of a type (its usual sections, the header filled from the
/// directory); gives its id.
#[tauri::command]
#[specta::specta]
pub async fn create_blank(state: State<'_, AppState>, doc_type: String) -> Result<i64> {
    flows::create_blank(&state, &doc_type)
}

/// Opens an existing Word, PDF or text file as a new draft, chosen in the system's open
/// dialog; gives its id and the reader's notes, or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn create_from_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ReadDocumentView>> {
    flows::create_from_file(&app, &state)
}

/// The templates to start from: the shipped ones, then the organisation's own.
#[tauri::command]
#[specta::specta]
pub async fn templates(state: State<'_, AppState>) -> Result<Vec<TemplateView>> {
    state.act(|wf, s| Ok(wf.templates(&s.person)?.iter().map(Into::into).collect()))
}

/// Creates a document from a template with today's organisation, unit and signer; gives its
/// id.
#[tauri::command]
#[specta::specta]
pub async fn create_from_template(state: State<'_, AppState>, name: String) -> Result<i64> {
    state.act(|wf, s| Ok(wf.create_from_template(s, &name, None)?.id))
}

/// Keeps a stored document as a template of the person's body.
#[tauri::command]
#[specta::specta]
pub async fn save_as_template(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> Result<TemplateView> {
    state.act(|wf, s| Ok((&wf.save_document_as_template(s, id, &name)?).into()))
}

/// Deletes a template of the person's body (its author or an administrator).
#[tauri::command]
#[specta::specta]
pub async fn delete_template(state: State<'_, AppState>, name: String) -> Result<()> {
    state.act(|wf, s| wf.delete_template(s, &name))
}

/// The documents of the library of cited documents that match, accents aside.
#[tauri::command]
#[specta::specta]
pub async fn search_library(query: String) -> Result<Vec<CitationView>> {
    Ok(flows::search_library(&query))
}

/// Adds a document of the library to the legal basis under `lead`.
#[tauri::command]
#[specta::specta]
pub async fn add_citation(
    document: DocumentJson,
    lead: String,
    number: String,
) -> Result<ChangedDocumentView> {
    flows::add_citation(&document.0, &lead, &number)
}

/// Adds a recipient group of the directory to "Kính gửi" or Nơi nhận, as one line or one line
/// per member.
#[tauri::command]
#[specta::specta]
pub async fn insert_recipient_group(
    state: State<'_, AppState>,
    document: DocumentJson,
    group: String,
    place: GroupPlaceView,
    expand: bool,
) -> Result<ChangedDocumentView> {
    flows::insert_recipient_group(&state, &document.0, &group, place, expand)
}

/// A document's current revision, with what the current person may do with it.
#[tauri::command]
#[specta::specta]
pub async fn load_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    flows::open(&state, id)
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

/// The checks on the document as it is in the editor.
#[tauri::command]
#[specta::specta]
pub async fn check_document(document: DocumentJson) -> Result<Vec<DiagnosticView>> {
    Ok(flows::diagnostics(&document.0))
}

/// The real pages of the document as it is in the editor, saved or not, by key (the window
/// loads each page's picture from `vanban-page://localhost/KEY`), and its checks; paragraphs
/// whose text is one of `marked` (the lines a reviewer has not seen) are shown on a light
/// background.
#[tauri::command]
#[specta::specta]
pub async fn preview_document(
    state: State<'_, AppState>,
    document: DocumentJson,
    marked: Vec<String>,
) -> Result<PreviewView> {
    flows::preview(&state, &document.0, &marked)
}

/// Trình duyệt: one's own draft goes to review.
#[tauri::command]
#[specta::specta]
pub async fn submit_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    state.act(|wf, s| wf.submit(s, id))?;
    flows::open(&state, id)
}

/// Duyệt: approves the current revision.
#[tauri::command]
#[specta::specta]
pub async fn approve_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    state.act(|wf, s| wf.approve(s, id))?;
    flows::open(&state, id)
}

/// Trả lại: back to the drafter, with the reason.
#[tauri::command]
#[specta::specta]
pub async fn return_document(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Result<OpenDocument> {
    state.act(|wf, s| wf.return_to_draft(s, id, &reason))?;
    flows::open(&state, id)
}

/// Ký: the named signer signs the approved revision; with `key` (the password of the
/// person's certificate file set in the directory, or their USB token's PIN) digitally,
/// without it on paper.
#[tauri::command]
#[specta::specta]
pub async fn sign_document(
    state: State<'_, AppState>,
    id: i64,
    key: Option<KeyInput>,
) -> Result<OpenDocument> {
    flows::sign(&state, id, key)?;
    flows::open(&state, id)
}

/// Hủy: one's own draft is discarded (kept, and can still be copied as a new draft).
#[tauri::command]
#[specta::specta]
pub async fn discard_document(state: State<'_, AppState>, id: i64) -> Result<OpenDocument> {
    state.act(|wf, s| wf.discard(s, id))?;
    flows::open(&state, id)
}

/// Ban hành: the next number of the register, today's date; for a document signed digitally,
/// with `key` (the body's certificate file's password, or its USB token's PIN) the agency's
/// signature and seal too.
#[tauri::command]
#[specta::specta]
pub async fn issue_document(
    state: State<'_, AppState>,
    id: i64,
    key: Option<KeyInput>,
) -> Result<IssuedView> {
    flows::issue(&state, id, key)
}

/// The USB tokens that the chosen PKCS#11 module sees now.
#[tauri::command]
#[specta::specta]
pub async fn token_list(state: State<'_, AppState>) -> Result<TokensView> {
    Ok(flows::tokens(&state))
}

/// Chooses the USB token's PKCS#11 module in the system's open dialog and keeps it in the
/// settings; gives its tokens, or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_token_module(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<TokensView>> {
    flows::choose_token_module(&app, &state)
}

/// Exports the document (the issued revision once issued) to a file the person chooses in the
/// system's save dialog; gives the path written, or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_document(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    format: ExportFormat,
) -> Result<Option<String>> {
    flows::export(&app, &state, id, format)
}

/// The directory of the current person's body: units, people, recipient groups, registers,
/// delegations and who may sign today.
#[tauri::command]
#[specta::specta]
pub async fn directory(state: State<'_, AppState>) -> Result<DirectoryView> {
    flows::directory(&state)
}

/// The style profile of the current person's body (Thể thức trình bày), with each value's
/// label, unit and allowed range.
#[tauri::command]
#[specta::specta]
pub async fn style_profile(state: State<'_, AppState>) -> Result<StyleProfileView> {
    state.act(|wf, s| wf.style_profile(s)).map(Into::into)
}

/// Saves the values of the settings form as the body's style profile (administrators only);
/// a value outside the decree's range is refused, its key in `detail`, and nothing is kept.
#[tauri::command]
#[specta::specta]
pub async fn save_style(
    state: State<'_, AppState>,
    values: Vec<StyleValueInput>,
) -> Result<StyleProfileView> {
    flows::save_style(&state, Some(values))
}

/// Goes back to the decree's default style sheet for the body (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn reset_style(state: State<'_, AppState>) -> Result<StyleProfileView> {
    flows::save_style(&state, None)
}

/// Reads pasted legal references into their parts.
#[tauri::command]
#[specta::specta]
pub async fn parse_references(text: String) -> Result<Vec<PastedReferenceView>> {
    Ok(vanban_app::drafting::parse_references(&text)
        .iter()
        .map(Into::into)
        .collect())
}

/// Drafts "Tổ chức thực hiện" from the task table (units that already have a section keep it).
#[tauri::command]
#[specta::specta]
pub async fn draft_duties(document: DocumentJson) -> Result<DraftedDutiesView> {
    Ok(vanban_app::drafting::draft_duties(&document.0).into())
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

/// Copies a document as a new draft of the current person; gives the new id.
#[tauri::command]
#[specta::specta]
pub async fn copy_document(state: State<'_, AppState>, id: i64) -> Result<i64> {
    state.act(|wf, s| Ok(wf.copy_as_new_draft(s, id)?.id))
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
    flows::export_register(&app, &state, year, format)
}

/// Records that the issued document was sent to a recipient today.
#[tauri::command]
#[specta::specta]
pub async fn record_distribution(
    state: State<'_, AppState>,
    id: i64,
    recipient: String,
    channel: String,
    note: Option<String>,
) -> Result<OpenDocument> {
    state.act(|wf, s| wf.distribute_today(s, id, &recipient, &channel, note.as_deref()))?;
    flows::open(&state, id)
}
