//! The system's file dialogs, for the commands that ask where to write or what to read.
//!
//! WebDriver cannot reach these dialogs, so the end-to-end test's build (the cargo feature
//! `e2e-seams`, which `./x test e2e` turns on and `./x dist` does not) answers them from
//! environment variables instead; the shipped app has no such seam.

use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

/// End-to-end test only: export into this folder under the suggested file name instead of
/// asking with the save dialog.
#[cfg(feature = "e2e-seams")]
const EXPORT_DIR_FOR_TESTS: &str = "VANBAN_TEST_EXPORT_DIR";

/// End-to-end test only: a file holding the path that the open dialog would give; the test
/// writes it before each choice.
#[cfg(feature = "e2e-seams")]
const OPEN_FILE_FOR_TESTS: &str = "VANBAN_TEST_OPEN_FILE";

/// End-to-end test only: the PKCS#11 module that “Chọn thư viện…” takes instead of asking.
#[cfg(feature = "e2e-seams")]
const PKCS11_MODULE_FOR_TESTS: &str = "VANBAN_TEST_PKCS11_MODULE";

/// A path the dialog gave, as the system's path.
fn into_path(p: tauri_plugin_dialog::FilePath) -> Result<PathBuf, CommandError> {
    p.into_path()
        .map_err(|e| CommandError::new("io", format!("Đường dẫn không dùng được: {e}")))
}

/// Where to write: the file the person picks in the system's save dialog, offered as `name`
/// (none when cancelled).
pub fn save_target(
    app: &AppHandle,
    title: &str,
    name: &str,
    label: &str,
    ext: &str,
) -> Result<Option<PathBuf>, CommandError> {
    #[cfg(feature = "e2e-seams")]
    if let Some(dir) = std::env::var_os(EXPORT_DIR_FOR_TESTS) {
        return Ok(Some(PathBuf::from(dir).join(name)));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(label, &[ext])
        .blocking_save_file()
        .map(into_path)
        .transpose()
}

/// The file the person picks in the system's open dialog (none when cancelled).
pub fn open_source(
    app: &AppHandle,
    title: &str,
    label: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, CommandError> {
    #[cfg(feature = "e2e-seams")]
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
        .map(into_path)
        .transpose()
}

/// The file extension of PKCS#11 modules on this system, for the open dialog's filter.
const MODULE_EXTENSIONS: &[&str] = if cfg!(windows) {
    &["dll"]
} else if cfg!(target_os = "macos") {
    &["dylib", "so"]
} else {
    &["so"]
};

/// The USB token's PKCS#11 module the person picks in the system's open dialog, which starts
/// where such modules are usually installed (none when cancelled).
pub fn token_module(app: &AppHandle) -> Result<Option<PathBuf>, CommandError> {
    #[cfg(feature = "e2e-seams")]
    if let Some(test) = std::env::var_os(PKCS11_MODULE_FOR_TESTS) {
        return Ok(Some(PathBuf::from(test)));
    }
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
    dialog.blocking_pick_file().map(into_path).transpose()
}
