//! What the running app holds: the open database (one [`Workflow`]), the live preview's
//! typesetter, and who is using the app. Kept in `tauri::State`, never in statics.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use vanban_app::preview::Preview;
use vanban_app::workflow::chrono::{DateTime, FixedOffset};
use vanban_app::workflow::store::sqlite::SqliteStore;
use vanban_app::workflow::{self, PinAttempts, Stamp, Workflow, WorkflowError};

use crate::error::CommandError;

/// The app's state.
pub struct AppState {
    database: PathBuf,
    workflow: Mutex<Result<Workflow<SqliteStore>, CommandError>>,
    preview: Mutex<Option<Preview>>,
    person: Mutex<Option<String>>,
    /// Wrong PINs in a row per person, and the waits they started. Kept in memory only, for as
    /// long as the app runs: restarting the app starts the count again (the Argon2 hash makes
    /// each guess slow either way).
    pin_attempts: Mutex<PinAttempts>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind (the database is transactional),
    // so the next command may go on with it.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Now, in Vietnam's time (UTC+7), or `VANBAN_NOW` (an RFC 3339 time, for scripts and tests),
/// like the `vanban` command.
pub fn now() -> Result<DateTime<FixedOffset>, CommandError> {
    if let Ok(s) = std::env::var("VANBAN_NOW") {
        return DateTime::parse_from_rfc3339(&s).map_err(|e| {
            CommandError::new(
                "clock",
                format!("VANBAN_NOW không phải thời điểm RFC 3339: {s} ({e})"),
            )
        });
    }
    workflow::vietnam_time(std::time::SystemTime::now())
        .ok_or_else(|| CommandError::new("clock", "Đồng hồ hệ thống ngoài khoảng."))
}

/// Opens the database, creating it with the demo directory (a body, its register and one
/// person of each role) when it does not exist yet, so that the whole flow can be tried at once.
pub fn open_or_create(path: &Path) -> Result<Workflow<SqliteStore>, CommandError> {
    if path.exists() {
        return Ok(workflow::open(path)?);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| CommandError {
            code: "io".into(),
            message: format!("Không tạo được thư mục {}", dir.display()),
            detail: Some(e.to_string()),
        })?;
    }
    let stamp = Stamp {
        person: "admin".into(),
        at: now()?,
    };
    Ok(workflow::init(path, "admin", true, &stamp)?)
}

impl AppState {
    /// The state over the database at `path`; a database that cannot be opened is reported by
    /// every command instead of stopping the app.
    pub fn open(path: PathBuf) -> AppState {
        let workflow = open_or_create(&path);
        AppState {
            database: path,
            workflow: Mutex::new(workflow),
            preview: Mutex::new(None),
            person: Mutex::new(None),
            pin_attempts: Mutex::new(PinAttempts::new()),
        }
    }

    /// Where the database is.
    pub fn database(&self) -> &Path {
        &self.database
    }

    /// Runs a read or a change on the database.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Workflow<SqliteStore>) -> Result<T, WorkflowError>,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.workflow);
        let wf = guard.as_mut().map_err(|e| e.clone())?;
        Ok(f(wf)?)
    }

    /// Runs a use case whose error converts into a command error (one that joins the workflow
    /// with rendering or files).
    pub fn with_any<T, E: Into<CommandError>>(
        &self,
        f: impl FnOnce(&mut Workflow<SqliteStore>) -> Result<T, E>,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.workflow);
        let wf = guard.as_mut().map_err(|e| e.clone())?;
        f(wf).map_err(Into::into)
    }

    /// Runs a use case with the count of wrong PINs.
    pub fn with_pins<T>(
        &self,
        f: impl FnOnce(&mut Workflow<SqliteStore>, &mut PinAttempts) -> Result<T, WorkflowError>,
    ) -> Result<T, CommandError> {
        let mut attempts = lock(&self.pin_attempts);
        self.with(|wf| f(wf, &mut attempts))
    }

    /// Runs a use case as the chosen person, now, with the count of wrong PINs.
    pub fn act_with_pins<T>(
        &self,
        f: impl FnOnce(&mut Workflow<SqliteStore>, &Stamp, &mut PinAttempts) -> Result<T, WorkflowError>,
    ) -> Result<T, CommandError> {
        let stamp = self.stamp()?;
        self.with_pins(|wf, attempts| f(wf, &stamp, attempts))
    }

    /// Runs a use case as the chosen person, now.
    pub fn act<T>(
        &self,
        f: impl FnOnce(&mut Workflow<SqliteStore>, &Stamp) -> Result<T, WorkflowError>,
    ) -> Result<T, CommandError> {
        let stamp = self.stamp()?;
        self.with(|wf| f(wf, &stamp))
    }

    /// The chosen person and the moment.
    pub fn stamp(&self) -> Result<Stamp, CommandError> {
        let person = lock(&self.person)
            .clone()
            .ok_or_else(CommandError::no_person)?;
        Ok(Stamp { person, at: now()? })
    }

    /// Who uses the app from now on.
    pub fn choose(&self, login: &str) {
        *lock(&self.person) = Some(login.to_owned());
    }

    /// Runs `f` with the live preview's typesetter, made on first use and kept.
    pub fn preview<T>(
        &self,
        f: impl FnOnce(&mut Preview) -> Result<T, vanban_app::AppError>,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.preview);
        let preview = match guard.as_mut() {
            Some(p) => p,
            None => guard.insert(Preview::new()?),
        };
        Ok(f(preview)?)
    }
}
