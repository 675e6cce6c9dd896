//! Where the database is, as a person sets it in the desktop app's settings: the SQLite file
//! on this computer, or a database on the department's PostgreSQL server. Kept in
//! `settings.toml` beside the default database (the app's data folder); never with a
//! password, which comes from the person (asked for when connecting, held in memory only),
//! from `VANBAN_DB_PASSWORD_FILE` or from `PGPASSWORD`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use vanban_store::postgres::{ServerSettings, is_server_address};
use vanban_store::{Location, StoreError};

use crate::AppError;

/// The settings file's name, in the app's data folder.
pub const SETTINGS_FILE: &str = "settings.toml";

/// The connection settings as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// A file path, or a server address `postgres://user@host:port/database` (no password).
    pub database: String,
    /// A root certificate (PEM) to trust for the server's TLS besides the system's, when the
    /// department runs its own certificate authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_certificate: Option<PathBuf>,
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

/// The settings file: `settings.toml` in the folder of the default database.
pub fn settings_path(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let db = crate::workflow::default_database(|k| if k == "VANBAN_DB" { None } else { env(k) })?;
    Some(db.with_file_name(SETTINGS_FILE))
}

/// Reads the settings; `None` when the file does not exist (the default file is used). A file
/// that cannot be read is an error naming it (the person fixes or deletes it).
pub fn read_settings(path: &Path) -> Result<Option<Connection>, AppError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(AppError::Io {
                path: path.to_owned(),
                source,
            });
        }
    };
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| AppError::Settings {
            path: path.to_owned(),
            detail: e.message().to_owned(),
        })
}

/// Writes the settings so that a crash leaves the old file or the new one.
pub fn write_settings(path: &Path, connection: &Connection) -> Result<(), AppError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| AppError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let text = toml::to_string(connection).map_err(|e| AppError::Settings {
        path: path.to_owned(),
        detail: e.to_string(),
    })?;
    crate::write_atomic(path, text.as_bytes())
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
        Connection {
            database: address.into(),
            root_certificate: None,
        }
    }

    #[test]
    fn settings_round_trip_through_the_file_and_never_hold_a_password() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("vanban").join(SETTINGS_FILE);
        assert_eq!(read_settings(&path).expect("read"), None);
        let c = server("postgres://vanthu@10.0.0.5:5432/vanban");
        write_settings(&path, &c).expect("write");
        assert_eq!(read_settings(&path).expect("read"), Some(c));
        let text = std::fs::read_to_string(&path).expect("text");
        assert_eq!(
            text.trim(),
            r#"database = "postgres://vanthu@10.0.0.5:5432/vanban""#
        );
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
}
