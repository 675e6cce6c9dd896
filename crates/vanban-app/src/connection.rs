//! The desktop app's settings: where the database is — the SQLite file on this computer, or a
//! database on the department's PostgreSQL server — and the PKCS#11 module of the person's USB
//! token (`[token] module`). Kept in `settings.toml` beside the default database (the app's
//! data folder); never with a password or a PIN: a server's password comes from the person
//! (asked for when connecting, held in memory only), from `VANBAN_DB_PASSWORD_FILE` or from
//! `PGPASSWORD`; a token's PIN is typed at each signature.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use vanban_store::postgres::{ServerSettings, is_server_address};
use vanban_store::{Location, StoreError};

use crate::Error;

/// The settings file's name, in the app's data folder.
pub const SETTINGS_FILE: &str = "settings.toml";

/// The connection settings as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    /// A file path, or a server address `postgres://user@host:port/database` (no password).
    pub database: String,
    /// A root certificate (PEM) to trust for the server's TLS besides the system's, when the
    /// department runs its own certificate authority.
    pub root_certificate: Option<PathBuf>,
}

/// Signing with a USB token: the vendor's PKCS#11 module, chosen once by the person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenSettings {
    /// The PKCS#11 library (.so, .dll, .dylib) the token's vendor installs with its driver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<PathBuf>,
}

impl TokenSettings {
    fn is_empty(&self) -> bool {
        self.module.is_none()
    }
}

/// Sending e-mail from this machine (`[smtp]`): where the SMTP password is kept — a file only
/// its user can read, never the password itself — and a root certificate to trust for the mail
/// server's TLS besides the system's (a department's own CA). The server and login are the
/// body's, in the directory (`[bodies.smtp]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpMachineSettings {
    /// A file holding the SMTP password (its first line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
    /// A root certificate (PEM) to trust for the mail server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_certificate: Option<PathBuf>,
}

impl SmtpMachineSettings {
    fn is_empty(&self) -> bool {
        self.password_file.is_none() && self.root_certificate.is_none()
    }
}

/// The settings file as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Where the database is; `None`: the default file.
    pub connection: Option<Connection>,
    /// The USB token's module.
    pub token: TokenSettings,
    /// Sending e-mail from this machine.
    pub smtp: SmtpMachineSettings,
}

/// `settings.toml` as written: the connection's keys at the top (as before the token had its
/// part), then `[token]`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    database: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    root_certificate: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "TokenSettings::is_empty")]
    token: TokenSettings,
    #[serde(default, skip_serializing_if = "SmtpMachineSettings::is_empty")]
    smtp: SmtpMachineSettings,
}

impl Connection {
    /// Whether it names a server.
    pub fn is_server(&self) -> bool {
        is_server_address(self.database.trim())
    }

    /// Checks what a person typed: a server address must be one VănBản can use (with a user,
    /// without a password); a file path must not be empty; a root certificate must be a file.
    pub fn validate(&self) -> Result<(), StoreError> {
        let database = self.database.trim();
        if database.is_empty() {
            return Err(StoreError::BadAddress {
                detail: "chưa nhập đường dẫn tệp cơ sở dữ liệu hoặc địa chỉ máy chủ".into(),
            });
        }
        if self.is_server() {
            ServerSettings::from_address(database)?;
        }
        if let Some(cert) = &self.root_certificate
            && !cert.is_file()
        {
            return Err(StoreError::BadAddress {
                detail: format!(
                    "không có tệp chứng thư gốc {}; bỏ trống nếu máy chủ dùng chứng thư được hệ thống tin cậy",
                    cert.display()
                ),
            });
        }
        Ok(())
    }

    /// The location to open: a server's password is `password` when given (typed by the
    /// person), else what the environment gives (`VANBAN_DB_PASSWORD_FILE`, `PGPASSWORD`).
    pub fn location(
        &self,
        password: Option<&str>,
        env: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<Location, StoreError> {
        self.validate()?;
        let database = self.database.trim();
        if !self.is_server() {
            return Ok(Location::File(PathBuf::from(database)));
        }
        let mut settings = ServerSettings::from_address(database)?;
        match (password, env("VANBAN_DB_PASSWORD_FILE"), env("PGPASSWORD")) {
            (Some(p), _, _) => {
                settings.password(p);
            }
            (None, Some(file), _) if !file.is_empty() => {
                settings.password_from_file(Path::new(&file))?;
            }
            (None, _, Some(p)) => {
                settings.password(&p.to_string_lossy());
            }
            _ => {}
        }
        let root = self.root_certificate.clone().or_else(|| {
            env("PGSSLROOTCERT")
                .filter(|c| !c.is_empty())
                .map(PathBuf::from)
        });
        if let Some(cert) = root {
            settings.root_certificate(cert);
        }
        Ok(Location::Server(Box::new(settings)))
    }

    /// Whether connecting needs a password the person must type: a server, and neither
    /// `VANBAN_DB_PASSWORD_FILE` nor `PGPASSWORD` is set.
    pub fn needs_password(&self, env: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
        self.is_server()
            && env("VANBAN_DB_PASSWORD_FILE")
                .filter(|f| !f.is_empty())
                .is_none()
            && env("PGPASSWORD").is_none()
    }
}

impl Connection {
    /// A database file or a server address as given, with no root certificate of its own.
    pub fn to(database: impl Into<String>) -> Connection {
        Connection {
            database: database.into(),
            root_certificate: None,
        }
    }
}

/// The environment variable that names the database (a file or a server address) for both
/// fronts; it wins over the desktop app's settings file.
pub const DATABASE_VARIABLE: &str = "VANBAN_DB";

/// The database `VANBAN_DB` names, when it is set and not empty. `env` reads the environment
/// (passed in, so that tests give their own).
pub fn from_environment(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<Connection> {
    env(DATABASE_VARIABLE)
        .filter(|d| !d.is_empty())
        .map(|d| Connection::to(d.to_string_lossy()))
}

/// Where the database is when nobody says: `vanban.db` in the app's data folder
/// (`$XDG_DATA_HOME/vanban` or `~/.local/share/vanban`; `%APPDATA%\\VanBan`;
/// `~/Library/Application Support/VanBan`) — the same file for the `vanban` command and the
/// desktop app; none when the environment names no home.
pub fn default_database(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let base = if cfg!(windows) {
        env("APPDATA").map(|d| PathBuf::from(d).join("VanBan"))
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| PathBuf::from(h).join("Library/Application Support/VanBan"))
    } else {
        env("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .map(|d| d.join("vanban"))
    };
    base.map(|b| b.join("vanban.db"))
}

/// The settings file: `settings.toml` in the folder of the default database.
pub fn settings_path(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    Some(default_database(env)?.with_file_name(SETTINGS_FILE))
}

/// Reads the settings; the defaults when the file does not exist (the default database, no
/// token module). A file that cannot be read is an error naming it (the person fixes or
/// deletes it).
pub fn read_settings(path: &Path) -> Result<Settings, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    let bad = |detail: String| Error::Settings {
        path: path.to_owned(),
        detail,
    };
    let file: SettingsFile = toml::from_str(&text).map_err(|e| bad(e.message().to_owned()))?;
    let connection = match (file.database, file.root_certificate) {
        (Some(database), root_certificate) => Some(Connection {
            database,
            root_certificate,
        }),
        (None, None) => None,
        (None, Some(_)) => {
            return Err(bad(
                "có root_certificate mà không có database (chứng thư gốc dùng cho máy chủ nào?)"
                    .into(),
            ));
        }
    };
    Ok(Settings {
        connection,
        token: file.token,
        smtp: file.smtp,
    })
}

/// Writes the settings so that a crash leaves the old file or the new one.
pub fn write_settings(path: &Path, settings: &Settings) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let file = SettingsFile {
        database: settings.connection.as_ref().map(|c| c.database.clone()),
        root_certificate: settings
            .connection
            .as_ref()
            .and_then(|c| c.root_certificate.clone()),
        token: settings.token.clone(),
        smtp: settings.smtp.clone(),
    };
    let text = toml::to_string(&file).map_err(|e| Error::Settings {
        path: path.to_owned(),
        detail: e.to_string(),
    })?;
    crate::write_atomic(path, text.as_bytes())
}

/// Changes one part of the settings and keeps the others. A file that cannot be parsed is
/// replaced by what `change` makes of the defaults: the person is fixing the settings from the
/// window, and the damaged file was already reported when the app started.
pub fn update_settings(path: &Path, change: impl FnOnce(&mut Settings)) -> Result<Settings, Error> {
    let mut settings = match read_settings(path) {
        Ok(s) => s,
        Err(Error::Settings { .. }) => Settings::default(),
        Err(e) => return Err(e),
    };
    change(&mut settings);
    write_settings(path, &settings)?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn server(address: &str) -> Connection {
        Connection::to(address)
    }

    #[test]
    fn settings_round_trip_through_the_file_and_never_hold_a_password() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("vanban").join(SETTINGS_FILE);
        assert_eq!(read_settings(&path).expect("read"), Settings::default());
        let c = server("postgres://vanthu@10.0.0.5:5432/vanban");
        let settings = Settings {
            connection: Some(c),
            token: TokenSettings::default(),
            smtp: SmtpMachineSettings::default(),
        };
        write_settings(&path, &settings).expect("write");
        assert_eq!(read_settings(&path).expect("read"), settings);
        let text = std::fs::read_to_string(&path).expect("text");
        assert_eq!(
            text.trim(),
            r#"database = "postgres://vanthu@10.0.0.5:5432/vanban""#
        );
    }

    #[test]
    fn the_token_module_is_kept_beside_the_connection_and_each_changes_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(SETTINGS_FILE);
        // Chosen before any database was: only the token's part is written.
        let module = PathBuf::from("/usr/lib/vnpt-ca/libvnpt_pkcs11.so");
        update_settings(&path, |s| s.token.module = Some(module.clone())).expect("token");
        let text = std::fs::read_to_string(&path).expect("text");
        assert_eq!(
            text.trim(),
            "[token]\nmodule = \"/usr/lib/vnpt-ca/libvnpt_pkcs11.so\""
        );
        let read = read_settings(&path).expect("read");
        assert_eq!(read.connection, None, "the default database is still used");
        assert_eq!(read.token.module.as_deref(), Some(module.as_path()));

        // Connecting to a server keeps the module; changing the module keeps the server.
        let c = Connection {
            database: "postgres://vanthu@10.0.0.5/vanban".into(),
            root_certificate: Some("/etc/ssl/so-ca.pem".into()),
        };
        update_settings(&path, |s| s.connection = Some(c.clone())).expect("connect");
        let other = PathBuf::from("C:\\Windows\\System32\\viettel-ca_v6.dll");
        update_settings(&path, |s| s.token.module = Some(other.clone())).expect("token");
        let read = read_settings(&path).expect("read");
        assert_eq!(read.connection, Some(c));
        assert_eq!(read.token.module, Some(other));
        let text = std::fs::read_to_string(&path).expect("text");
        assert!(
            text.starts_with("database = ") && text.contains("\n[token]\nmodule = "),
            "{text}"
        );
    }

    #[test]
    fn a_damaged_settings_file_is_replaced_by_a_change_but_other_errors_are_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(SETTINGS_FILE);
        std::fs::write(&path, "[token]\nmodule = 5\n").expect("write");
        assert_eq!(
            read_settings(&path).expect_err("damaged").code(),
            "settings"
        );
        let fixed =
            update_settings(&path, |s| s.token.module = Some("/m.so".into())).expect("replaced");
        assert_eq!(read_settings(&path).expect("read"), fixed);
        // An unknown part is refused, not silently dropped.
        std::fs::write(&path, "[token]\nmodul = \"/m.so\"\n").expect("write");
        let e = read_settings(&path).expect_err("typo");
        assert!(e.to_string().contains("modul"), "{e}");
        std::fs::write(&path, "root_certificate = \"/ca.pem\"\n").expect("write");
        let e = read_settings(&path).expect_err("no database");
        assert!(e.to_string().contains("root_certificate"), "{e}");
        // A folder where the file should be is no settings file to replace.
        let folder = dir.path().join("folder.toml");
        std::fs::create_dir(&folder).expect("mkdir");
        assert!(update_settings(&folder, |_| {}).is_err());
    }

    #[test]
    fn a_damaged_settings_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(SETTINGS_FILE);
        std::fs::write(&path, "database = 5\n").expect("write");
        let e = read_settings(&path).expect_err("refused");
        assert_eq!(e.code(), "settings");
        assert!(e.to_string().contains("settings.toml"), "{e}");
    }

    #[test]
    fn an_address_with_a_password_or_no_user_is_refused() {
        let e = server("postgres://vanthu:matkhau@host/vanban")
            .validate()
            .expect_err("password");
        assert_eq!(e.code(), "db-password-in-address");
        let e = server("postgres://host/vanban")
            .validate()
            .expect_err("user");
        assert!(e.to_string().contains("người_dùng"), "{e}");
        let e = server("   ").validate().expect_err("empty");
        assert!(e.to_string().contains("chưa nhập"), "{e}");
    }

    #[test]
    fn the_password_comes_from_the_person_then_the_environment() {
        let c = server("postgres://vanthu@host/vanban");
        assert!(c.needs_password(env(&[])));
        assert!(!c.needs_password(env(&[("PGPASSWORD", "x")])));
        assert!(!server("/tmp/a.db").needs_password(env(&[])));
        assert!(matches!(
            c.location(Some("typed"), env(&[])).expect("location"),
            Location::Server(_)
        ));
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("none.txt");
        let e = c
            .location(
                None,
                env(&[("VANBAN_DB_PASSWORD_FILE", missing.to_str().expect("utf-8"))]),
            )
            .expect_err("missing password file");
        assert!(e.to_string().contains("tệp mật khẩu"), "{e}");
    }

    #[test]
    fn a_file_is_a_file_location_and_the_settings_sit_beside_the_default_database() {
        let c = server("/srv/vanban/so.db");
        assert_eq!(
            c.location(None, env(&[])).expect("location").shown(),
            "/srv/vanban/so.db"
        );
        if cfg!(all(unix, not(target_os = "macos"))) {
            assert_eq!(
                settings_path(env(&[("HOME", "/h"), ("VANBAN_DB", "/x.db")])),
                Some(PathBuf::from("/h/.local/share/vanban/settings.toml"))
            );
        }
    }

    #[test]
    fn the_database_is_vanban_db_unless_vanban_db_says_otherwise() {
        let given = env(&[("VANBAN_DB", "/x/y.db"), ("HOME", "/h")]);
        assert_eq!(from_environment(&given), Some(Connection::to("/x/y.db")));
        assert_eq!(from_environment(env(&[("VANBAN_DB", "")])), None);
        if cfg!(all(unix, not(target_os = "macos"))) {
            assert_eq!(
                default_database(&given),
                Some(PathBuf::from("/h/.local/share/vanban/vanban.db")),
                "the default is the data folder's, whatever VANBAN_DB says"
            );
            assert_eq!(
                default_database(env(&[("XDG_DATA_HOME", "/d"), ("HOME", "/h")])),
                Some(PathBuf::from("/d/vanban/vanban.db"))
            );
            assert_eq!(default_database(env(&[])), None);
        }
    }
}
