//! Sending an edXML package somewhere: the [`Transport`] seam. Today the only transport writes
//! the package to a file ([`FileTransport`]), which the clerk uploads to the provincial LGSP or
//! hands over; a connection to an LGSP or the national axis (it needs a registered system's id
//! and secret) is one more implementation, and the package code does not change.

use std::path::{Path, PathBuf};

use crate::Result;

/// Where a package goes, once written (bytes of `vanban_edxml::write`).
pub trait Transport {
    /// Where it sends, in words, for messages and the audit record ("/tmp/x.edxml").
    fn destination(&self) -> String;

    /// Sends the package to the recipients whose organ ids are `to`. An error means nothing
    /// was sent: the caller records nothing.
    fn send(&mut self, package: &[u8], to: &[String]) -> Result<()>;
}

/// Writes the package to a file, atomically (a temporary file, then renamed).
#[derive(Debug, Clone)]
pub struct FileTransport {
    path: PathBuf,
}

impl FileTransport {
    /// Writing to `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FileTransport { path: path.into() }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Transport for FileTransport {
    fn destination(&self) -> String {
        self.path.display().to_string()
    }

    fn send(&mut self, package: &[u8], _to: &[String]) -> Result<()> {
        crate::write_atomic(&self.path, package)
    }
}
