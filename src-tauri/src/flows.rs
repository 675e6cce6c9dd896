//! The few commands that join more than one use case of `vanban-app`: opening a document with
//! what the person may do with it, the preview with its checks, and an export to a file the
//! person chose. The rules stay in `vanban-app` (`Workflow::may_act`, `Workflow::export_stored`); this
//! only puts the calls in order.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
use vanban_app::export::{ExportOptions, Exporter};
use vanban_app::workflow::Which;
use vanban_core::Document;
use vanban_render::pdf::PdfKind;
use vanban_render::style::StyleSheet;

use crate::error::CommandError;
use crate::state::{AppState, now, off_runtime};
use vanban_app::Error;

use crate::views::{
    ChangedDocumentView, CitationView, ConnectionView, DiagnosticView, DirectoryEntriesView,
    DirectoryView, DocumentAction, DocumentJson, ExportFormat, GroupPlaceView, IssuedView,
    KeyInput, KeySourcesView, OpenDocument, PersonView, PickedFileView, PreviewPage, PreviewView,
    ReadDocumentView, RegisterFileFormat, SigningFileKind, SigningMaterialView, SigningView,
    SlotView, StyleProfileView, StyleValueInput, TokensView, png_data_url,
};
use vanban_app::sign::{KeyChoice, Signer, TokenChoice};
use vanban_app::workflow::store::{SignatureStage, State};
use zeroize::Zeroizing;

/// Environment variable for tests only: export into this folder under the suggested file name
/// instead of asking with the save dialog (which WebDriver cannot reach).
pub const EXPORT_DIR_FOR_TESTS: &str = "VANBAN_TEST_EXPORT_DIR";

/// Environment variable for tests only: a file holding the path that the open dialog (which
/// WebDriver cannot reach) would give; the test writes it before each choice.
pub const OPEN_FILE_FOR_TESTS: &str = "VANBAN_TEST_OPEN_FILE";

/// Environment variable for tests only: the PKCS#11 module that “Chọn thư viện…” takes
/// instead of asking with the open dialog (which WebDriver cannot reach).
pub const PKCS11_MODULE_FOR_TESTS: &str = "VANBAN_TEST_PKCS11_MODULE";

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
/// comments. The live preview takes the body's style profile from here on.
pub fn open(state: &AppState, id: i64) -> Result<OpenDocument, CommandError> {
    let stamp = state.stamp()?;
    let login = stamp.person.clone();
    let (opened, sheet) = state.with(|wf| {
        let (record, _, doc) = wf.load_document(id, Which::Current)?;
        let buttons = DocumentAction::ALL.map(DocumentAction::workflow);
        let allowed: Vec<DocumentAction> = wf
            .allowed_actions(&login, &record, &buttons)?
            .into_iter()
            .filter_map(DocumentAction::from_workflow)
            .collect();
        // Asked only where they matter: a signed PDF is kept only from the SIGNED change on,
        // the person's key only when they may sign now, the body's when they may issue a
        // document signed digitally.
        let signed_digitally = matches!(record.state, State::Signed | State::Issued)
            && wf
                .signed_pdfs(id)?
                .iter()
                .any(|f| f.stage == SignatureStage::Signer);
        let may = |a: DocumentAction| allowed.contains(&a);
        let signing = SigningView {
            signed_digitally,
            my_key: if may(DocumentAction::Sign) {
                wf.signing_key_sources(&stamp)?.into()
            } else {
                KeySourcesView::default()
            },
            body_key: if may(DocumentAction::Issue) && signed_digitally {
                wf.issuing_key_sources(&stamp, id)?.into()
            } else {
                KeySourcesView::default()
            },
        };
        let history = wf.history(id)?;
        let opened = OpenDocument::new(
            &record,
            doc,
            allowed,
            history.states.last(),
            &history.comments,
            &history.distributions,
            signing,
        );
        Ok((opened, wf.style_sheet(&stamp)?))
    })?;
    use_style(state, &sheet)?;
    Ok(opened)
}

/// Saves the settings form's values as the body's style profile, or (`None`) goes back to the
/// decree's default; the live preview follows at once.
pub fn save_style(
    state: &AppState,
    values: Option<Vec<StyleValueInput>>,
) -> Result<StyleProfileView, CommandError> {
    let values: Option<Vec<(String, f32)>> =
        values.map(|v| v.into_iter().map(|v| (v.key, v.value)).collect());
    let (profile, sheet) = state.act(|wf, s| {
        let sheet = match &values {
            Some(values) => wf.set_style_values(s, values)?,
            None => {
                wf.reset_style(s)?;
                StyleSheet::nd30()
            }
        };
        Ok((wf.style_profile(s)?, sheet))
    })?;
    use_style(state, &sheet)?;
    Ok(profile.into())
}

/// Lays the live preview out with `sheet`, the body's style profile: set when a document is
/// opened and when the profile is saved here, so that a keystroke's preview reads nothing from
/// the database.
pub fn use_style(state: &AppState, sheet: &StyleSheet) -> Result<(), CommandError> {
    state.preview(|p| {
        p.use_sheet(sheet);
        Ok(())
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

/// A key's secret as the prompt sent it, wiped when dropped.
enum KeySecret {
    /// The directory's PKCS#12 file and its password.
    File(Zeroizing<String>),
    /// A USB token through `module`, the token and key chosen, and the PIN.
    Token {
        module: PathBuf,
        choice: TokenChoice,
        pin: Zeroizing<String>,
    },
}

impl KeySecret {
    /// The secret of `input`; a token needs the module chosen in the settings, and a key id
    /// must be hexadecimal.
    fn new(input: KeyInput, module: Option<PathBuf>) -> Result<KeySecret, CommandError> {
        match input {
            KeyInput::File { password } => Ok(KeySecret::File(Zeroizing::new(password))),
            KeyInput::Token { token, pin, key_id } => {
                let pin = Zeroizing::new(pin);
                let module = module.ok_or_else(no_token_module)?;
                let key = match key_id.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(hex) => Some(KeyChoice::Id(
                        vanban_app::sign::parse_key_id(hex).map_err(Error::from)?,
                    )),
                };
                let token = token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
                Ok(KeySecret::Token {
                    module,
                    choice: TokenChoice { token, key },
                    pin,
                })
            }
        }
    }
}

/// Signing with a token before its module was chosen.
fn no_token_module() -> CommandError {
    CommandError::new(
        "no-token-module",
        "Chưa chọn thư viện PKCS#11 của USB token: bấm “Chọn thư viện…” và chọn tệp .so/.dll do nơi cấp chứng thư số cài cùng trình điều khiển.",
    )
}

/// Ký: with a key (the certificate file's password, or a USB token's PIN), a digital
/// signature with the person's key; without, a signature on paper recorded. The secret is
/// wiped after use.
pub fn sign(state: &AppState, id: i64, key: Option<KeyInput>) -> Result<(), CommandError> {
    let key = key
        .map(|k| KeySecret::new(k, state.token_module()))
        .transpose()?;
    state.act(|wf, s| {
        let signer: Box<dyn Signer> = match &key {
            None => return wf.sign(s, id).map(drop),
            Some(KeySecret::File(password)) => Box::new(wf.key_for_signing(s, password)?),
            Some(KeySecret::Token {
                module,
                choice,
                pin,
            }) => Box::new(wf.token_for_signing(s, module, choice, pin)?),
        };
        wf.sign_digitally(s, id, signer.as_ref()).map(drop)
    })
}

/// Ban hành: with the body's key (its certificate file's password, or its USB token's PIN),
/// the number and date written into the signed PDF with the seal and the agency's signature;
/// without, the register's number only (refused for a document signed digitally, which needs
/// the agency's key).
pub fn issue(state: &AppState, id: i64, key: Option<KeyInput>) -> Result<IssuedView, CommandError> {
    let key = key
        .map(|k| KeySecret::new(k, state.token_module()))
        .transpose()?;
    state.act(|wf, s| {
        let signer: Box<dyn Signer> = match &key {
            None => return Ok(IssuedView::from(&wf.issue(s, id, None)?)),
            Some(KeySecret::File(password)) => Box::new(wf.key_for_issuing(s, id, password)?),
            Some(KeySecret::Token {
                module,
                choice,
                pin,
            }) => Box::new(wf.token_for_issuing(s, id, module, choice, pin)?),
        };
        let entry = wf.issue_digitally(s, id, None, signer.as_ref())?;
        Ok(IssuedView::from(&entry))
    })
}

/// The tokens the chosen PKCS#11 module sees now (the prompt's list and its refresh). No
/// module chosen yet: none, and the prompt offers to choose one; a module that cannot be
/// loaded (moved, uninstalled, not a PKCS#11 library): its error, to choose another.
pub fn tokens(state: &AppState) -> TokensView {
    let module = state.token_module();
    let (slots, error) = match &module {
        None => (Vec::new(), None),
        Some(m) => match slots_of(m) {
            Ok(slots) => (slots, None),
            Err(e) => (Vec::new(), Some(e)),
        },
    };
    TokensView {
        module: module.map(|m| m.display().to_string()),
        slots,
        error,
    }
}

fn slots_of(module: &Path) -> Result<Vec<SlotView>, CommandError> {
    let slots = off_runtime(|| vanban_app::sign::list_tokens(module))
        .map_err(|e| CommandError::from(Error::from(e)))?;
    Ok(slots.iter().map(SlotView::from).collect())
}

/// The file extension of PKCS#11 modules on this system, for the open dialog's filter.
const MODULE_EXTENSIONS: &[&str] = if cfg!(windows) {
    &["dll"]
} else if cfg!(target_os = "macos") {
    &["dylib", "so"]
} else {
    &["so"]
};

/// Chooses the USB token's PKCS#11 module in the system's open dialog (or the test module of
/// [`PKCS11_MODULE_FOR_TESTS`]); a module that loads is kept in the settings and its tokens
/// are given; one that does not is refused and the earlier choice stays. Nothing when the
/// dialog was cancelled.
pub fn choose_token_module(
    app: &AppHandle,
    state: &AppState,
) -> Result<Option<TokensView>, CommandError> {
    let chosen = match std::env::var_os(PKCS11_MODULE_FOR_TESTS) {
        Some(test) => Some(PathBuf::from(test)),
        None => {
            let mut dialog = app
                .dialog()
                .file()
                .set_title("Chọn thư viện PKCS#11 của USB token")
                .add_filter("Thư viện PKCS#11", MODULE_EXTENSIONS);
            let usual = Path::new(if cfg!(windows) {
                "C:\\Windows\\System32"
            } else {
                "/usr/lib"
            });
            if usual.is_dir() {
                dialog = dialog.set_directory(usual);
            }
            dialog
                .blocking_pick_file()
                .map(|p| {
                    p.into_path().map_err(|e| {
                        CommandError::new("io", format!("Đường dẫn không dùng được: {e}"))
                    })
                })
                .transpose()?
        }
    };
    let Some(module) = chosen else {
        return Ok(None);
    };
    let slots = slots_of(&module)?;
    state.set_token_module(module.clone())?;
    Ok(Some(TokensView {
        module: Some(module.display().to_string()),
        slots,
        error: None,
    }))
}

/// The directory of the chosen person's body, with the signers of today; for an
/// administrator also the entries they edit.
pub fn directory(state: &AppState) -> Result<DirectoryView, CommandError> {
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

/// A new draft read from an existing document the person picks (Word, PDF with a text
/// layer, or text copied from a PDF): its id and what the reader could not place or had to
/// guess. Nothing when the dialog was cancelled.
pub fn create_from_file(
    app: &AppHandle,
    state: &AppState,
) -> Result<Option<ReadDocumentView>, CommandError> {
    let Some(path) = choose_source(
        app,
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
    vanban_app::validate(doc)
        .diagnostics
        .iter()
        .map(DiagnosticView::from)
        .collect()
}

/// The live preview and the checks of the document in the editor: the pages by key (their
/// pictures are served by `crate::pages`).
pub fn preview(
    state: &AppState,
    doc: &Document,
    marked: &[String],
) -> Result<PreviewView, CommandError> {
    let started = Instant::now();
    let keys = state.preview(|p| p.keys_marked(doc, marked))?;
    let millis = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(PreviewView {
        pages: keys
            .pages
            .iter()
            .map(|p| PreviewPage {
                key: p.key.to_string(),
                width_pt: p.width_pt,
                height_pt: p.height_pt,
                marked: p.marked,
            })
            .collect(),
        text: keys.text,
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
    let Some(path) = choose_target(app, "Xuất văn bản", &name, label, ext)? else {
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

/// A file for the directory screen's signing material, chosen in the system's open dialog
/// (none when cancelled): a certificate is described as it reads, an image is checked to be a
/// PNG of a size kept (refused naming the field `image`) and given back to be shown and saved.
pub fn pick_signing_file(
    app: &AppHandle,
    kind: SigningFileKind,
) -> Result<Option<PickedFileView>, CommandError> {
    let (title, label, extensions): (&str, &str, &[&str]) = match kind {
        SigningFileKind::Certificate => (
            "Chọn tệp chứng thư số",
            "Chứng thư số (.p12, .pfx, .cer, .crt, .pem)",
            &["p12", "pfx", "cer", "crt", "pem", "der"],
        ),
        SigningFileKind::Signature => ("Chọn ảnh chữ ký", "Ảnh PNG", &["png"]),
        SigningFileKind::Seal => ("Chọn ảnh con dấu", "Ảnh PNG", &["png"]),
    };
    let Some(path) = choose_source(app, title, label, extensions)? else {
        return Ok(None);
    };
    if kind == SigningFileKind::Certificate {
        let info = vanban_app::workflow::certificate_info(&path.to_string_lossy(), now()?);
        return Ok(Some(PickedFileView {
            certificate: Some(info.into()),
            image: None,
        }));
    }
    let unreadable = |e: std::io::Error| {
        Error::DirectoryEntry(vanban_app::workflow::EntryProblem {
            field: "image".into(),
            message: format!("Không đọc được tệp {}: {e}.", path.display()),
        })
    };
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    let png = if size > vanban_app::workflow::MAX_IMAGE_BYTES as u64 {
        // Not read: the check refuses it by its size alone.
        vec![0; vanban_app::workflow::MAX_IMAGE_BYTES + 1]
    } else {
        std::fs::read(&path).map_err(unreadable)?
    };
    vanban_app::workflow::check_image(&png, kind == SigningFileKind::Seal)
        .map_err(Error::DirectoryEntry)?;
    Ok(Some(PickedFileView {
        certificate: None,
        image: Some(png_data_url(&png)),
    }))
}

/// The file the person picks in the system's open dialog (none when cancelled), or the one
/// named in the file of [`OPEN_FILE_FOR_TESTS`].
fn choose_source(
    app: &AppHandle,
    title: &str,
    label: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, CommandError> {
    if let Some(named) = std::env::var_os(OPEN_FILE_FOR_TESTS) {
        let path = std::fs::read_to_string(&named)
            .map_err(|e| CommandError::new("io", format!("{}: {e}", named.display())))?;
        return Ok(Some(PathBuf::from(path.trim())));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(label, extensions)
        .blocking_pick_file()
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
    let stamp = state.stamp()?;
    let created = vanban_app::clock::pdf_created(stamp.at);
    state.with(|wf| wf.export_register(&stamp, year, &path, format.format(), created))?;
    Ok(Some(path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_input(json: serde_json::Value) -> KeyInput {
        serde_json::from_value(json).expect("the prompt's key")
    }

    #[test]
    fn a_token_key_takes_the_module_of_the_settings_and_a_hex_key_id() {
        let key = token_input(serde_json::json!({
            "kind": "token", "token": " giamdoc ", "pin": "123456", "keyId": "0a:1B"
        }));
        let module = PathBuf::from("/usr/lib/libvnpt.so");
        let Ok(KeySecret::Token {
            module: m,
            choice,
            pin,
        }) = KeySecret::new(key.clone(), Some(module.clone()))
        else {
            panic!("a token key");
        };
        assert_eq!(m, module);
        assert_eq!(choice.token.as_deref(), Some("giamdoc"));
        assert_eq!(choice.key, Some(KeyChoice::Id(vec![0x0a, 0x1b])));
        assert_eq!(pin.as_str(), "123456");

        let Err(e) = KeySecret::new(key, None) else {
            panic!("no module chosen");
        };
        assert_eq!(e.code, "no-token-module");
        assert!(e.message.contains("Chọn thư viện"), "{}", e.message);

        let bad = token_input(serde_json::json!({
            "kind": "token", "token": null, "pin": "1", "keyId": "khoa-01"
        }));
        let Err(e) = KeySecret::new(bad, Some(module.clone())) else {
            panic!("not hex");
        };
        assert_eq!(e.code, "token-bad-key-id");
        assert!(e.message.contains("khoa-01"), "{}", e.message);

        // Blank token and key id: the only ones.
        let blank = token_input(serde_json::json!({
            "kind": "token", "token": "  ", "pin": "1", "keyId": ""
        }));
        let Ok(KeySecret::Token { choice, .. }) = KeySecret::new(blank, Some(module)) else {
            panic!("a token key");
        };
        assert_eq!(choice, TokenChoice::default());
    }

    #[test]
    fn a_key_never_shows_its_secret() {
        let file =
            token_input(serde_json::json!({ "kind": "file", "password": "mật khẩu bí mật" }));
        let token = token_input(serde_json::json!({
            "kind": "token", "token": "giamdoc", "pin": "975310", "keyId": null
        }));
        let shown = format!("{file:?} {token:?}");
        assert!(
            !shown.contains("bí mật") && !shown.contains("975310"),
            "{shown}"
        );
        assert!(shown.contains("giamdoc"), "{shown}");
    }
}
