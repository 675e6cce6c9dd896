//! The few commands that join more than one use case of `vanban-app`: opening a document with
//! what the person may do with it, the preview with its checks, and an export to a file the
//! person chose. The rules stay in `vanban-app` (`Workflow::check`, `export_document`); this
//! only puts the calls in order.

use std::path::PathBuf;
use std::time::Instant;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use vanban_app::workflow::Which;
use vanban_app::workflow::chrono::{Datelike, Timelike, Utc};
use vanban_core::Document;
use vanban_render::pdf::{Created, PdfKind};

use crate::error::CommandError;
use crate::state::{AppState, now};
use vanban_app::workflow::WorkflowError;

use crate::views::{
    ChangedDocumentView, CitationView, ConnectionView, DiagnosticView, DirectoryEntriesView,
    DirectoryView, DocumentAction, DocumentJson, ExportFormat, GroupPlaceView, IssuedView,
    OpenDocument, PersonView, PreviewPage, PreviewView, RegisterFileFormat, SigningView,
};
use vanban_app::workflow::store::{SignatureStage, State};
use zeroize::Zeroizing;

/// Environment variable for tests only: export into this folder under the suggested file name
/// instead of asking with the save dialog (which WebDriver cannot reach).
pub const EXPORT_DIR_FOR_TESTS: &str = "VANBAN_TEST_EXPORT_DIR";

/// Uses the app as `login` from now on; refuses a login that is not in the directory, and a
/// person with a PIN without it (a wrong one counts towards the wait).
pub fn choose_person(
    state: &AppState,
    login: &str,
    pin: Option<&str>,
) -> Result<PersonView, CommandError> {
    let person =
        state.with_pins(|wf, attempts| wf.sign_in(attempts, login, pin, Instant::now()))?;
    state.choose(&person.login);
    Ok(PersonView::from(&person))
}

/// A document's current revision, the actions the chosen person may take on it now, and its
/// comments.
pub fn open(state: &AppState, id: i64) -> Result<OpenDocument, CommandError> {
    let stamp = state.stamp()?;
    let login = stamp.person.clone();
    state.with(|wf| {
        let (record, _, doc) = wf.load_document(id, Which::Current)?;
        let buttons = DocumentAction::ALL.map(DocumentAction::workflow);
        let allowed: Vec<DocumentAction> = wf
            .allowed_actions(&login, &record, &buttons)?
            .into_iter()
            .filter_map(DocumentAction::from_workflow)
            .collect();
        // Asked only where they matter: a signed PDF is kept only from the SIGNED change on,
        // and the person's certificate only when they may sign now.
        let signing = SigningView {
            signed_digitally: matches!(record.state, State::Signed | State::Issued)
                && wf
                    .signed_pdfs(id)?
                    .iter()
                    .any(|f| f.stage == SignatureStage::Signer),
            my_certificate: allowed.contains(&DocumentAction::Sign)
                && wf.signer_has_certificate(&stamp)?,
        };
        let history = wf.history(id)?;
        Ok(OpenDocument::new(
            &record,
            doc,
            allowed,
            history.states.last(),
            &history.comments,
            &history.distributions,
            signing,
        ))
    })
}

/// Connects to another database from what the person typed (empty fields are none); the
/// password is wiped after use.
pub fn connect(
    state: &AppState,
    database: String,
    password: Option<String>,
    root_certificate: Option<String>,
) -> Result<ConnectionView, CommandError> {
    let password = password.filter(|p| !p.is_empty()).map(Zeroizing::new);
    let connection = vanban_app::connection::Connection {
        database: database.trim().to_owned(),
        root_certificate: root_certificate
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .map(PathBuf::from),
    };
    state.connect(connection, password.as_deref().map(String::as_str))?;
    Ok(ConnectionView::from(state.place()))
}

/// Ký: with the certificate's password, a digital signature with the person's key from the
/// directory; without, a signature on paper recorded. The password is wiped after use.
pub fn sign(state: &AppState, id: i64, password: Option<String>) -> Result<(), CommandError> {
    let password = password.map(Zeroizing::new);
    state.act(|wf, s| match &password {
        Some(p) => {
            let key = wf.key_for_signing(s, p)?;
            wf.sign_digitally(s, id, &key).map(drop)
        }
        None => wf.sign(s, id).map(drop),
    })
}

/// Ban hành: with the body's certificate password, the number and date written into the
/// signed PDF with the seal and the agency's signature; without, the register's number only
/// (refused for a document signed digitally, which needs the agency's key).
pub fn issue(
    state: &AppState,
    id: i64,
    password: Option<String>,
) -> Result<IssuedView, CommandError> {
    let password = password.map(Zeroizing::new);
    state.act(|wf, s| {
        let entry = match &password {
            Some(p) => {
                let key = wf.key_for_issuing(s, id, p)?;
                wf.issue_digitally(s, id, None, &key)?
            }
            None => wf.issue(s, id, None)?,
        };
        Ok(IssuedView::from(&entry))
    })
}

/// The directory of the chosen person's body, with the signers of today; for an
/// administrator also the entries they edit.
pub fn directory(state: &AppState) -> Result<DirectoryView, CommandError> {
    let stamp = state.stamp()?;
    state.with(|wf| {
        let mut view =
            DirectoryView::from(&wf.body_directory(&stamp.person, stamp.at.date_naive())?);
        view.entries = match wf.own_directory(&stamp) {
            Ok(own) => Some(DirectoryEntriesView::new(&own)),
            Err(WorkflowError::NotAllowed { .. }) => None,
            Err(e) => return Err(e),
        };
        Ok(view)
    })
}

/// The types a new blank document may have in the app, in the order offered: those whose
/// parts the form knows (Phụ lục III, Mẫu 1.2–1.5 and 1.7).
pub const BLANK_TYPES: [vanban_core::DocumentType; 7] = {
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

/// A new blank document of a type (its usual sections, the header filled from the directory);
/// gives its id. A type the app does not offer is refused.
pub fn create_blank(state: &AppState, doc_type: &str) -> Result<i64, CommandError> {
    let Some(t) = BLANK_TYPES.into_iter().find(|t| t.slug() == doc_type) else {
        return Err(CommandError::new(
            "unknown-type",
            format!("Loại văn bản “{doc_type}” không có trong danh sách tạo mới."),
        ));
    };
    state.act(|wf, s| Ok(wf.create(s, &vanban_app::new_document(t))?.id))
}

/// The documents of the library whose citation holds every word of `query`, accents and case
/// aside; at most 30.
pub fn search_library(query: &str) -> Vec<CitationView> {
    let library = vanban_app::library::Library::shipped();
    library
        .search(query)
        .into_iter()
        .take(30)
        .filter_map(|r| {
            Some(CitationView {
                number: r.number.clone()?,
                text: vanban_core::format::reference_text(r),
            })
        })
        .collect()
}

/// Adds the library's document numbered `number` to the legal basis, under `lead` ("Căn
/// cứ"), written as the library writes it; not twice.
pub fn add_citation(
    doc: &Document,
    lead: &str,
    number: &str,
) -> Result<ChangedDocumentView, CommandError> {
    let library = vanban_app::library::Library::shipped();
    let Some(reference) = library
        .documents
        .iter()
        .find(|r| r.number.as_deref() == Some(number))
    else {
        return Err(CommandError::new(
            "not-in-library",
            format!("Thư viện văn bản không có văn bản số “{number}”."),
        ));
    };
    let lead = lead.trim();
    let lead = if lead.is_empty() { "Căn cứ" } else { lead };
    let mut doc = doc.clone();
    let added = vanban_app::library::add_to_basis(&mut doc, lead, reference);
    Ok(ChangedDocumentView {
        document: DocumentJson(doc),
        added: u32::from(added),
    })
}

/// Adds a recipient group of the person's body to the "Kính gửi" lines or to Nơi nhận: one
/// line with the group's name, or one line per member; lines already there are not repeated.
pub fn insert_recipient_group(
    state: &AppState,
    doc: &Document,
    group: &str,
    place: GroupPlaceView,
    expand: bool,
) -> Result<ChangedDocumentView, CommandError> {
    use vanban_app::templates::{GroupPlace, insert_group};
    let login = state.stamp()?.person;
    let groups = state.with(|wf| wf.recipient_groups(&login))?;
    let Some(found) = groups.iter().find(|g| g.name == group) else {
        return Err(CommandError::new(
            "no-group",
            format!("Danh bạ không có nhóm nơi nhận “{group}”."),
        ));
    };
    let mut doc = doc.clone();
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

/// The checks of a document.
pub fn diagnostics(doc: &Document) -> Vec<DiagnosticView> {
    vanban_app::preview::check(doc)
        .diagnostics
        .iter()
        .map(DiagnosticView::from)
        .collect()
}

/// A short key for a page's SVG.
fn page_key(svg: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    svg.hash(&mut h);
    format!("{:016x}-{}", h.finish(), svg.len())
}

/// The pages with their keys; the SVG of a page is sent only when its key is not among
/// `have` (the pages the UI shows now), so that after a keystroke only the pages that changed
/// cross to the webview and are drawn again.
pub fn pages_to_send(svgs: Vec<String>, have: &[String]) -> Vec<PreviewPage> {
    svgs.into_iter()
        .map(|svg| {
            let key = page_key(&svg);
            let svg = (!have.contains(&key)).then_some(svg);
            PreviewPage { key, svg }
        })
        .collect()
}

/// The live preview and the checks of the document in the editor.
pub fn preview(
    state: &AppState,
    doc: &Document,
    have: &[String],
    marked: &[String],
) -> Result<PreviewView, CommandError> {
    let started = Instant::now();
    // The body's style profile, read each time: the administrator may have changed it on the
    // settings screen (or on another computer) since the last keystroke.
    let sheet = match state.stamp() {
        Ok(stamp) => state.with(|wf| wf.style_sheet(&stamp))?,
        Err(_) => vanban_render::style::StyleSheet::nd30(),
    };
    let pages = state.preview(|p| {
        p.use_sheet(&sheet);
        p.pages_marked(doc, marked)
    })?;
    let millis = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(PreviewView {
        pages: pages_to_send(pages.pages, have),
        text: pages.text,
        diagnostics: diagnostics(doc),
        millis,
    })
}

/// Exports a stored document: checks it first (an export of a document with errors is refused
/// before asking where to write), asks where with the system's save dialog, writes the file
/// atomically and records the export in the audit record.
pub fn export(
    app: &AppHandle,
    state: &AppState,
    id: i64,
    format: ExportFormat,
) -> Result<Option<String>, CommandError> {
    let doc = state.with(|wf| wf.document_for_export(id))?;
    let report = vanban_app::preview::check(&doc);
    if !report.is_ok() {
        return Err(vanban_app::AppError::Invalid(report).into());
    }
    let (label, ext) = match format {
        ExportFormat::Pdf => ("Tệp PDF", "pdf"),
        ExportFormat::Docx => ("Tài liệu Word", "docx"),
    };
    let name = vanban_app::workflow::export_file_name(id, &doc, ext);
    let Some(path) = choose_target(app, "Xuất văn bản", &name, label, ext)? else {
        return Ok(None);
    };
    let created = vanban_render_created(now()?.with_timezone(&Utc));
    let fmt = match format {
        ExportFormat::Pdf => vanban_app::ExportFormat::Pdf(PdfKind::Standard),
        ExportFormat::Docx => vanban_app::ExportFormat::Docx,
    };
    let stamp = state.stamp()?;
    state.with_any(|wf| wf.export_stored(&stamp, id, &path, fmt, created))?;
    Ok(Some(path.display().to_string()))
}

/// Where to write: the file the person picks in the system's save dialog (none when cancelled),
/// or under the test folder of [`EXPORT_DIR_FOR_TESTS`].
fn choose_target(
    app: &AppHandle,
    title: &str,
    name: &str,
    label: &str,
    ext: &str,
) -> Result<Option<PathBuf>, CommandError> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_FOR_TESTS) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(label, &[ext])
        .blocking_save_file()
        .map(|p| {
            p.into_path()
                .map_err(|e| CommandError::new("io", format!("Đường dẫn không dùng được: {e}")))
        })
        .transpose()
}

/// Exports the outgoing register of a year to a file the person chooses; gives the path, or
/// nothing when the dialog was cancelled.
pub fn export_register(
    app: &AppHandle,
    state: &AppState,
    year: i32,
    format: RegisterFileFormat,
) -> Result<Option<String>, CommandError> {
    let (ext, label) = format.extension();
    let name = format!("so-van-ban-di-{year}.{ext}");
    let Some(path) = choose_target(app, "Xuất sổ văn bản đi", &name, label, ext)? else {
        return Ok(None);
    };
    let created = vanban_render_created(now()?.with_timezone(&Utc));
    let stamp = state.stamp()?;
    state.with_any(|wf| wf.export_register(&stamp, year, &path, format.format(), created))?;
    Ok(Some(path.display().to_string()))
}

/// The PDF's creation time (UTC), as the renderer takes it.
fn vanban_render_created(at: vanban_app::workflow::chrono::DateTime<Utc>) -> Created {
    Created {
        year: at.year(),
        month: at.month() as u8,
        day: at.day() as u8,
        hour: at.hour() as u8,
        minute: at.minute() as u8,
        second: at.second() as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_the_ui_lacks_are_sent() {
        let first = pages_to_send(vec!["<svg>1</svg>".into(), "<svg>2</svg>".into()], &[]);
        assert!(first.iter().all(|p| p.svg.is_some()));
        let have: Vec<String> = first.iter().map(|p| p.key.clone()).collect();
        let next = pages_to_send(vec!["<svg>1*</svg>".into(), "<svg>2</svg>".into()], &have);
        assert_eq!(next[0].svg.as_deref(), Some("<svg>1*</svg>"));
        assert_eq!(next[1].svg, None);
        assert_eq!(next[1].key, first[1].key);
        assert_ne!(next[0].key, first[0].key);
    }
}
