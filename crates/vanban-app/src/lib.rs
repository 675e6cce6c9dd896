//! The application API: the use cases of VănBản over the domain (and, as they arrive, the
//! store, the renderers and the signer). The `vanban` command, the desktop shell and the
//! end-to-end tests all call these functions; none of them holds logic of its own.

use std::path::{Path, PathBuf};

use serde::Serialize;
use vanban_core::exchange::{self, ReadError};
use vanban_core::validate::{self, Report};
use vanban_core::{Document, DocumentType};

/// Why a use case could not be carried out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The file could not be read from disk.
    #[error("Không đọc được tệp {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a usable document.
    #[error("{path}: {source}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: ReadError,
    },
}

impl AppError {
    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Io { .. } => "io",
            AppError::Format { source, .. } => source.code(),
        }
    }

    /// The error as `{ code, message }` for machine-readable output.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

/// An error as programs and the UI receive it.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorPayload {
    /// Stable code.
    pub code: &'static str,
    /// Vietnamese message.
    pub message: String,
}

/// Reads a document file as it is, without changing its text.
pub fn open_document(path: &Path) -> Result<Document, AppError> {
    let bytes = read_limited(path)?;
    exchange::from_bytes(&bytes).map_err(|source| AppError::Format {
        path: path.to_owned(),
        source,
    })
}

/// Reads at most one byte more than the format allows, so a huge file is refused without
/// being loaded whole.
fn read_limited(path: &Path) -> Result<Vec<u8>, AppError> {
    use std::io::Read;
    let io = |source| AppError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(exchange::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// Reads a document file and runs every check on it.
pub fn validate_file(path: &Path) -> Result<Report, AppError> {
    open_document(path).map(|doc| validate::validate(&doc))
}

/// A new document of a type, with its usual sections and every field to fill left blank.
pub fn new_document(doc_type: DocumentType) -> Document {
    vanban_core::skeleton::new_document(doc_type)
}

/// The JSON Schema of the exchange format.
pub fn schema() -> String {
    exchange::schema()
}
