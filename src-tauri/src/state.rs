//! What the running app holds: the open database (one [`Workflow`] over the SQLite file or
//! the department's PostgreSQL server), the live preview's typesetter, and who is using the
//! app. Kept in `tauri::State`, never in statics.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use vanban_app::Error;
use vanban_app::connection::{self, Connection};
use vanban_app::preview::Preview;
use vanban_app::workflow::chrono::{DateTime, FixedOffset};
use vanban_app::workflow::store::Location;
use vanban_app::workflow::{self, PinAttempts, Stamp, Workflow};
use vanban_render::pdf::PageStore;

use zeroize::Zeroizing;

use crate::error::CommandError;
use crate::memory::{self, Trimmer};

/// Where the database is, and where that was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file or the server.
    pub connection: Connection,
    /// `VANBAN_DB` chose it (it wins over the settings file at every start).
    pub from_environment: bool,
    /// The settings file, when the app knows where it goes.
    pub settings: Option<PathBuf>,
}

impl Place {
    /// At start: `VANBAN_DB`, else the settings file, else the default file in the app's data
    /// folder. A settings file that cannot be read is reported (and the default is not
    /// silently used instead).
    pub fn at_start(
        env: impl Fn(&str) -> Option<std::ffi::OsString> + Copy,
    ) -> Result<Place, CommandError> {
        let settings = connection::settings_path(env);
        if let Some(connection) = connection::from_environment(env) {
            return Ok(Place {
                connection,
                from_environment: true,
                settings,
            });
        }
        let stored = match &settings {
            Some(path) => connection::read_settings(path)?.connection,
            None => None,
        };
        let connection = match stored {
            Some(c) => c,
            None => Connection::to(
                connection::default_database(env)
                    .ok_or_else(|| {
                        CommandError::new(
                            "no-database",
                            "Không biết đặt cơ sở dữ liệu ở đâu: hãy đặt biến môi trường VANBAN_DB.",
                        )
                    })?
                    .display()
                    .to_string(),
            ),
        };
        Ok(Place {
            connection,
            from_environment: false,
            settings,
        })
    }
}

/// The app's state.
pub struct AppState {
    place: Mutex<Place>,
    workflow: Mutex<Result<Workflow, CommandError>>,
    preview: Mutex<Option<Preview>>,
    /// The live preview's pages, served to the window by key (the `vanban-page:` scheme)
    /// without waiting for the typesetter.
    pages: PageStore,
    person: Mutex<Option<String>>,
    /// Wrong PINs in a row per person, and the waits they started. Kept in memory only, for as
    /// long as the app runs: restarting the app starts the count again (the Argon2 hash makes
    /// each guess slow either way).
    pin_attempts: Mutex<PinAttempts>,
    /// The server's password the person typed, in memory only, to connect again by itself
    /// once a lost server comes back.
    password: Mutex<Option<Zeroizing<String>>>,
    /// The connection to the server was lost: the next use connects again first.
    lost: Mutex<bool>,
    /// The PKCS#11 module of the person's USB token, as the settings file keeps it.
    token_module: Mutex<Option<PathBuf>>,
    /// Gives the memory typesetting freed back to the system once the preview rests.
    trimmer: Option<Trimmer>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind (the database is transactional),
    // so the next command may go on with it.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Now, in Vietnam's time (UTC+7), or `VANBAN_NOW`, as for the `vanban` command (see
/// [`vanban_app::clock`]).
pub fn now() -> Result<DateTime<FixedOffset>, CommandError> {
    Ok(vanban_app::clock::now_vietnam()?)
}

/// The token module the settings file keeps, whatever says where the database is (`VANBAN_DB`
/// chooses the database only). A settings file that cannot be read gives none here: at start
/// it is reported as the database's error when it matters, and choosing a module rewrites it.
fn stored_token_module(place: &Place) -> Option<PathBuf> {
    let path = place.settings.as_ref()?;
    connection::read_settings(path).ok()?.token.module
}

/// Runs `f` on a thread of its own and waits for it. The commands run on the async runtime's
/// threads, and the PostgreSQL client (the synchronous `postgres` crate) drives its own
/// runtime, which cannot start inside another one; a plain thread has none. A panic in `f`
/// is reported as an error of the command, not carried into the runtime.
pub fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// The error while a server's password has not been typed yet.
pub fn password_needed(server: &str) -> CommandError {
    CommandError::new(
        "db-password-needed",
        format!("Nhập mật khẩu của máy chủ cơ sở dữ liệu {server} để kết nối."),
    )
}

/// Opens the database of `connection` (`password` for a server, typed by the person). A file
/// that does not exist yet is created with the demo directory (a body, its register and one
/// person of each role), so that the whole flow can be tried at once; a database on a server
/// must have been made with `vanban init` or `vanban db migrate`.
pub fn open_connection(
    connection: &Connection,
    password: Option<&str>,
) -> Result<Workflow, CommandError> {
    let env = |k: &str| std::env::var_os(k);
    if password.is_none() && connection.needs_password(env) {
        return Err(password_needed(connection.database.trim()));
    }
    let location = connection.location(password, env).map_err(Error::from)?;
    match &location {
        Location::File(path) if !path.exists() => create_file(path, &location),
        _ => Ok(workflow::open_at(&location)?),
    }
}

fn create_file(path: &Path, location: &Location) -> Result<Workflow, CommandError> {
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
    Ok(workflow::init_at(location, "admin", true, &stamp)?)
}

/// The thread that gives freed memory back; without it (a thread that could not start) the
/// app works the same and keeps more memory.
fn trimmer() -> Option<Trimmer> {
    Trimmer::start(memory::REST, memory::release_freed)
        .inspect_err(|e| eprintln!("vanban-desktop: memory trimmer not started: {e}"))
        .ok()
}

impl AppState {
    /// The state over the database of `place`; a database that cannot be opened (or a server
    /// whose password is still to be typed) is reported by every command instead of stopping
    /// the app, and the person can connect again from the start screen.
    pub fn open(place: Place) -> AppState {
        let workflow = off_runtime(|| open_connection(&place.connection, None));
        let token_module = stored_token_module(&place);
        AppState {
            place: Mutex::new(place),
            workflow: Mutex::new(workflow),
            preview: Mutex::new(None),
            pages: PageStore::default(),
            person: Mutex::new(None),
            pin_attempts: Mutex::new(PinAttempts::new()),
            password: Mutex::new(None),
            lost: Mutex::new(false),
            token_module: Mutex::new(token_module),
            trimmer: trimmer(),
        }
    }

    /// The state when even the place could not be found (a damaged settings file).
    pub fn failed(place: Place, error: CommandError) -> AppState {
        AppState {
            place: Mutex::new(place),
            workflow: Mutex::new(Err(error)),
            preview: Mutex::new(None),
            pages: PageStore::default(),
            person: Mutex::new(None),
            pin_attempts: Mutex::new(PinAttempts::new()),
            password: Mutex::new(None),
            lost: Mutex::new(false),
            token_module: Mutex::new(None),
            trimmer: trimmer(),
        }
    }

    /// Where the database is, and whether it is open (the error when not).
    pub fn place(&self) -> (Place, Option<CommandError>) {
        let place = lock(&self.place).clone();
        let error = lock(&self.workflow).as_ref().err().cloned();
        (place, error)
    }

    /// Connects to another database (or the same again, with its password): on success it is
    /// used from now on, kept in the settings file, and the person picks who they are again
    /// (the people are those of that database); on failure nothing changes.
    pub fn connect(
        &self,
        connection: Connection,
        password: Option<&str>,
    ) -> Result<(), CommandError> {
        connection.validate().map_err(Error::from)?;
        let workflow = off_runtime(|| open_connection(&connection, password))?;
        let settings = lock(&self.place).settings.clone();
        if let Some(path) = &settings {
            connection::update_settings(path, |s| s.connection = Some(connection.clone()))?;
        }
        *lock(&self.workflow) = Ok(workflow);
        *lock(&self.password) = password.map(|p| Zeroizing::new(p.to_owned()));
        *lock(&self.lost) = false;
        *lock(&self.person) = None;
        *lock(&self.place) = Place {
            connection,
            from_environment: false,
            settings,
        };
        Ok(())
    }

    /// The PKCS#11 module of the person's USB token, once chosen.
    pub fn token_module(&self) -> Option<PathBuf> {
        lock(&self.token_module).clone()
    }

    /// Uses `module` for the USB token from now on, and keeps it in the settings file (when
    /// the app knows where that is; otherwise for as long as the app runs).
    pub fn set_token_module(&self, module: PathBuf) -> Result<(), CommandError> {
        let settings = lock(&self.place).settings.clone();
        if let Some(path) = &settings {
            connection::update_settings(path, |s| s.token.module = Some(module.clone()))?;
        }
        *lock(&self.token_module) = Some(module);
        Ok(())
    }

    /// Runs a read or a change on the database. After the server's connection was lost (the
    /// server stopped, the network broke), the use case that met it reports it, and the next
    /// one connects again first — to the same place, with the password typed before — so that
    /// once the server is back the person just goes on; while it is not, each use reports that.
    pub fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut Workflow) -> Result<T, Error> + Send,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.workflow);
        let mut lost = lock(&self.lost);
        if *lost {
            let connection = lock(&self.place).connection.clone();
            let password = lock(&self.password).clone();
            let fresh = off_runtime(|| {
                open_connection(&connection, password.as_deref().map(String::as_str))
            })?;
            *guard = Ok(fresh);
            *lost = false;
        }
        let wf = guard.as_mut().map_err(|e| e.clone())?;
        let result = off_runtime(|| f(wf)).map_err(CommandError::from);
        if let Err(e) = &result
            && e.code == "db-connection-lost"
        {
            *lost = true;
        }
        result
    }

    /// Runs a use case with the count of wrong PINs.
    pub fn with_pins<T: Send>(
        &self,
        f: impl FnOnce(&mut Workflow, &mut PinAttempts) -> Result<T, Error> + Send,
    ) -> Result<T, CommandError> {
        let mut attempts = lock(&self.pin_attempts);
        let attempts: &mut PinAttempts = &mut attempts;
        self.with(|wf| f(wf, attempts))
    }

    /// Runs a use case as the chosen person, now, with the count of wrong PINs.
    pub fn act_with_pins<T: Send>(
        &self,
        f: impl FnOnce(&mut Workflow, &Stamp, &mut PinAttempts) -> Result<T, Error> + Send,
    ) -> Result<T, CommandError> {
        let stamp = self.stamp()?;
        self.with_pins(|wf, attempts| f(wf, &stamp, attempts))
    }

    /// Runs a use case as the chosen person, now.
    pub fn act<T: Send>(
        &self,
        f: impl FnOnce(&mut Workflow, &Stamp) -> Result<T, Error> + Send,
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
        f: impl FnOnce(&mut Preview) -> Result<T, Error>,
    ) -> Result<T, CommandError> {
        let mut guard = lock(&self.preview);
        let preview = match guard.as_mut() {
            Some(p) => p,
            None => guard.insert(Preview::with_store(
                vanban_render::style::StyleSheet::nd30(),
                self.pages.clone(),
            )?),
        };
        let result = f(preview);
        drop(guard);
        self.worked();
        Ok(result?)
    }

    /// The preview did some work (typeset, drew a page): the memory it freed is given back
    /// once it rests.
    pub fn worked(&self) {
        if let Some(t) = &self.trimmer {
            t.worked();
        }
    }

    /// The live preview's pages by key, for the window.
    pub fn pages(&self) -> &PageStore {
        &self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_test_support::scratch::{ScratchDatabase, test_server};

    /// The module chosen once is kept in the settings file, beside the database's part, and is
    /// there at the next start even when `VANBAN_DB` chooses the database.
    #[test]
    fn the_token_module_is_kept_and_read_again_at_the_next_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let settings = dir.path().join("settings.toml");
        let server = Connection {
            database: "postgres://vanthu@may-chu/vanban".into(),
            root_certificate: None,
        };
        connection::update_settings(&settings, |s| s.connection = Some(server.clone()))
            .expect("a server set before");
        let place = Place {
            connection: Connection {
                database: dir.path().join("vanban.db").display().to_string(),
                root_certificate: None,
            },
            from_environment: true,
            settings: Some(settings.clone()),
        };
        let state = AppState::failed(place.clone(), CommandError::new("test", "chưa mở"));
        assert_eq!(state.token_module(), None);
        let module = PathBuf::from("/usr/lib/vnpt-ca/libvnpt_pkcs11.so");
        state.set_token_module(module.clone()).expect("kept");
        assert_eq!(state.token_module().as_deref(), Some(module.as_path()));
        let stored = connection::read_settings(&settings).expect("read");
        assert_eq!(stored.token.module.as_deref(), Some(module.as_path()));
        assert_eq!(stored.connection, Some(server), "the database's part stays");

        let next = AppState::open(place);
        assert_eq!(next.token_module(), Some(module));
    }

    /// The server's connection is cut (as when the server is stopped and started again): the
    /// use that meets it reports it clearly, the next one has connected again by itself.
    #[test]
    fn the_app_connects_again_once_the_server_is_back() {
        let Some(server) = test_server("desktop_reconnect") else {
            return;
        };
        let db = ScratchDatabase::new(&server, "desktop_reconnect").expect("scratch");
        let address = db.settings().shown().to_owned();
        let stamp = Stamp {
            person: "admin".into(),
            at: now().expect("now"),
        };
        workflow::init_at(
            &Location::Server(Box::new(db.settings().clone())),
            "admin",
            true,
            &stamp,
        )
        .expect("init");
        let state = AppState::open(Place {
            connection: Connection {
                database: address.clone(),
                root_certificate: None,
            },
            from_environment: true,
            settings: None,
        });
        let people = || state.with(|wf| Ok(wf.store().people()?.len()));
        assert_eq!(people().expect("people"), 5);

        // Every session of that database is ended by the server.
        let name = address.rsplit('/').next().expect("database name");
        let admin = std::env::var("VANBAN_TEST_PG").expect("server");
        let out = std::process::Command::new("psql")
            .args([
                &admin,
                "-q",
                "-c",
                &format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ),
            ])
            .output()
            .expect("psql (installed with the server by ./x)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        let lost = people().expect_err("the connection was cut");
        assert_eq!(lost.code, "db-connection-lost", "{lost:?}");
        assert!(lost.message.contains("Mất kết nối"), "{}", lost.message);
        assert_eq!(people().expect("connected again"), 5);
    }
}
