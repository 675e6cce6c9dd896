//! The start screen: where the database is (a file or the department's server), connecting to
//! another, and who uses the app — the people to choose from, choosing oneself with one's PIN,
//! changing one's own PIN.

pub mod views;

use std::path::PathBuf;
use std::time::Instant;

use tauri::{AppHandle, State};
use zeroize::Zeroizing;

use crate::error::CommandError;
use crate::state::AppState;
use views::{ConnectionView, PersonView};

type Result<T> = std::result::Result<T, CommandError>;

/// Where the database is, and whether it is open.
#[tauri::command]
#[specta::specta]
pub async fn database_connection(state: State<'_, AppState>) -> Result<ConnectionView> {
    Ok(ConnectionView::from(state.place()))
}

/// Connects to the SQLite file or the PostgreSQL server `database` (with the server's
/// `password`, used for this connection, never stored and wiped after use) and keeps it in the
/// settings; the person then picks who they are again. Empty fields are none.
#[tauri::command]
#[specta::specta]
pub async fn connect_database(
    state: State<'_, AppState>,
    database: String,
    password: Option<String>,
    root_certificate: Option<String>,
) -> Result<ConnectionView> {
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

/// The people of the directory, to pick who one is.
#[tauri::command]
#[specta::specta]
pub async fn people(state: State<'_, AppState>) -> Result<Vec<PersonView>> {
    state.with(|wf| Ok(wf.store().people()?.iter().map(PersonView::from).collect()))
}

/// Uses the app as this person from now on; refuses a login that is not in the directory, and
/// a person with a PIN without it (a wrong one counts towards the wait).
#[tauri::command]
#[specta::specta]
pub async fn choose_person(
    app: AppHandle,
    state: State<'_, AppState>,
    login: String,
    pin: Option<String>,
) -> Result<PersonView> {
    let person = state
        .with_pins(|wf, attempts| wf.sign_in(attempts, &login, pin.as_deref(), Instant::now()))?;
    state.choose(&person.login);
    // The preview's typesetter is made and its template compiled now, on a thread of its own
    // while the list is read and shown, so the first document opened previews warm.
    std::thread::spawn(move || {
        use tauri::Manager as _;
        let state = app.state::<AppState>();
        if let Err(e) = state.preview(|p| p.warm()) {
            eprintln!("vanban-desktop: preview warm-up: {}", e.message);
        }
    });
    Ok(PersonView::from(&person))
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
