//! Opening and creating the database (an SQLite file or a PostgreSQL server), copying a file
//! to a server, and the directory as a file.

use std::path::Path;

use vanban_store::{Directory, Location, Role, Stamp, Store};

use super::demo::{demo_directory, person};
use super::{Result, Workflow, load_signing_files};
use crate::Error;

/// Opens the database at `path` (which must exist; see [`init`]).
pub fn open(path: &Path) -> Result<Workflow> {
    Ok(Workflow::new(Store::open_file(path)?))
}

/// Opens the database of a location — an SQLite file or a PostgreSQL server — which must
/// exist (see [`init_at`]).
pub fn open_at(location: &Location) -> Result<Workflow> {
    Ok(Workflow::new(Store::open(location)?))
}

/// Creates the database at `path` with an administrator `admin`; with `demo`, also the demo
/// body "Sở Thông tin và Truyền thông" (under "UBND tỉnh Lạng Sơn"), its register and the users
/// `chuyenvien`, `truongphong`, `giamdoc`, `vanthu`, so the whole flow can be tried at once.
/// Refuses to touch an existing database.
pub fn init(path: &Path, admin: &str, demo: bool, stamp: &Stamp) -> Result<Workflow> {
    init_store(Store::create_file(path)?, admin, demo, stamp)
}

/// [`init`] at a location: a new SQLite file, or VănBản's tables in an empty database on a
/// PostgreSQL server.
pub fn init_at(location: &Location, admin: &str, demo: bool, stamp: &Stamp) -> Result<Workflow> {
    init_store(Store::create(location)?, admin, demo, stamp)
}

fn init_store(store: Store, admin: &str, demo: bool, stamp: &Stamp) -> Result<Workflow> {
    let mut wf = Workflow::new(store);
    let directory = if demo {
        demo_directory(admin)
    } else {
        Directory {
            people: vec![person(
                admin,
                "Quản trị hệ thống",
                &[],
                &[Role::Admin],
                None,
            )],
            ..Directory::default()
        }
    };
    wf.store.import_directory(&directory, stamp)?;
    Ok(wf)
}

/// Copies the SQLite database at `from` into an empty database on a PostgreSQL server
/// (`vanban db migrate`): everything, in one transaction, the audit chain verified on the
/// server before the commit. Refuses a target that already holds VănBản data.
pub fn copy_to_server(
    from: &Path,
    to: &vanban_store::postgres::ServerSettings,
) -> Result<vanban_store::migrate::CopySummary> {
    let source = Store::open_file(from)?;
    Ok(vanban_store::migrate::sqlite_to_postgres(&source, to)?)
}

/// A directory as a file: TOML when the name ends in `.toml`, JSON otherwise — the forms
/// `read_directory` reads.
pub fn directory_text(path: &Path, directory: &Directory) -> std::result::Result<String, String> {
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        toml::to_string_pretty(directory).map_err(|e| e.to_string())
    } else {
        serde_json::to_string_pretty(directory)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string())
    }
}

/// Reads a directory file: TOML when the name ends in `.toml`, JSON otherwise.
pub fn read_directory(path: &Path) -> Result<Directory, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let parsed = if is_toml {
        toml::from_str::<Directory>(&text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str::<Directory>(&text).map_err(|e| e.to_string())
    };
    let mut dir = parsed.map_err(|message| Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("tệp danh bạ không hợp lệ: {message}"),
        ),
    })?;
    load_signing_files(&mut dir, path.parent().unwrap_or(Path::new(".")))?;
    Ok(dir)
}
