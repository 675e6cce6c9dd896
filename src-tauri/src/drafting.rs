//! Starting and drafting a document: a blank one of a type, one read from a Word, PDF or text
//! file, one from a template (and keeping a document as a template); while editing, citations
//! from the library, pasted legal references read into their parts, "Tổ chức thực hiện"
//! drafted from the tasks, recipient groups of the directory put in.

pub mod views;

use tauri::{AppHandle, State};
use vanban_app::templates::{GroupPlace, insert_group};

use crate::dialogs;
use crate::document::views::DocumentJson;
use crate::error::CommandError;
use crate::state::AppState;
use views::{
    ChangedDocumentView, CitationView, DocumentTypeView, DraftedDutiesView, GroupPlaceView,
    PastedReferenceView, ReadDocumentView, TemplateView,
};

type Result<T> = std::result::Result<T, CommandError>;

/// The types a new blank document may have in the app, in the order offered: those whose
/// parts the form knows (Phụ lục III, Mẫu 1.2–1.5 and 1.7).
const BLANK_TYPES: [vanban_core::DocumentType; 7] = {
    use vanban_core::DocumentType as T;
    [
        T::CongVan,
        T::QuyetDinh,
        T::KeHoach,
        T::BaoCao,
        T::ToTrinh,
        T::ThongBao,
        T::GiayMoi,
    ]
};

/// The types a new blank document may have, with the parts of each.
#[tauri::command]
#[specta::specta]
pub async fn document_types() -> Result<Vec<DocumentTypeView>> {
    Ok(BLANK_TYPES.into_iter().map(Into::into).collect())
}

/// Creates a blank document of a type (its usual sections, the header filled from the
/// directory); gives its id. A type the app does not offer is refused.
#[tauri::command]
#[specta::specta]
pub async fn create_blank(state: State<'_, AppState>, doc_type: String) -> Result<i64> {
    let Some(t) = BLANK_TYPES.into_iter().find(|t| t.slug() == doc_type) else {
        return Err(CommandError::new(
            "unknown-type",
            format!("Loại văn bản “{doc_type}” không có trong danh sách tạo mới."),
        ));
    };
    state.act(|wf, s| Ok(wf.create(s, &vanban_app::new_document(t))?.id))
}

/// Opens an existing Word, PDF (with a text layer) or text file, chosen in the system's open
/// dialog, as a new draft; gives its id and what the reader could not place or had to guess,
/// or nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn create_from_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ReadDocumentView>> {
    let Some(path) = dialogs::open_source(
        &app,
        "Mở văn bản từ tệp Word/PDF",
        "Văn bản Word, PDF hoặc chữ",
        &["docx", "pdf", "txt"],
    )?
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| CommandError::new("io", format!("{}: {e}", path.display())))?;
    let format = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(vanban_read::Format::from_extension)
        .unwrap_or_else(|| vanban_read::Format::sniff(&bytes));
    let reading = vanban_read::read(&bytes, format, &vanban_read::Options::default())
        .map_err(|e| CommandError::new("unreadable-file", e.to_string()))?;
    let id = state.act(|wf, s| Ok(wf.create(s, &reading.document)?.id))?;
    Ok(Some(ReadDocumentView {
        id,
        notes: reading
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.origin, d.message))
            .collect(),
    }))
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

/// The documents of the library of cited documents whose citation holds every word of
/// `query`, accents and case aside; at most 30.
#[tauri::command]
#[specta::specta]
pub async fn search_library(query: String) -> Result<Vec<CitationView>> {
    let library = vanban_app::library::Library::shipped();
    Ok(library
        .search(&query)
        .into_iter()
        .take(30)
        .filter_map(|r| {
            Some(CitationView {
                number: r.number.clone()?,
                text: vanban_core::format::reference_text(r),
            })
        })
        .collect())
}

/// Adds the library's document numbered `number` to the legal basis, under `lead` ("Căn
/// cứ"), written as the library writes it; not twice.
#[tauri::command]
#[specta::specta]
pub async fn add_citation(
    document: DocumentJson,
    lead: String,
    number: String,
) -> Result<ChangedDocumentView> {
    let library = vanban_app::library::Library::shipped();
    let Some(reference) = library
        .documents
        .iter()
        .find(|r| r.number.as_deref() == Some(number.as_str()))
    else {
        return Err(CommandError::new(
            "not-in-library",
            format!("Thư viện văn bản không có văn bản số “{number}”."),
        ));
    };
    let lead = lead.trim();
    let lead = if lead.is_empty() { "Căn cứ" } else { lead };
    let mut doc = document.0;
    let added = vanban_app::library::add_to_basis(&mut doc, lead, reference);
    Ok(ChangedDocumentView {
        document: DocumentJson(doc),
        added: u32::from(added),
    })
}

/// Adds a recipient group of the person's body to the "Kính gửi" lines or to Nơi nhận: one
/// line with the group's name, or one line per member; lines already there are not repeated.
#[tauri::command]
#[specta::specta]
pub async fn insert_recipient_group(
    state: State<'_, AppState>,
    document: DocumentJson,
    group: String,
    place: GroupPlaceView,
    expand: bool,
) -> Result<ChangedDocumentView> {
    let login = state.stamp()?.person;
    let groups = state.with(|wf| wf.recipient_groups(&login))?;
    let Some(found) = groups.iter().find(|g| g.name == group) else {
        return Err(CommandError::new(
            "no-group",
            format!("Danh bạ không có nhóm nơi nhận “{group}”."),
        ));
    };
    let mut doc = document.0;
    let place = match place {
        GroupPlaceView::Addressees => GroupPlace::Addressees,
        GroupPlaceView::Recipients => GroupPlace::Recipients,
    };
    let added = insert_group(&mut doc, &found.name, &found.members, expand, place);
    Ok(ChangedDocumentView {
        document: DocumentJson(doc),
        added: u32::try_from(added).unwrap_or(u32::MAX),
    })
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
