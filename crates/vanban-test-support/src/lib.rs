//! What the integration tests of several crates share (a dev-dependency, never built into the
//! app): a throwaway PKI written to a folder ([`pki`]), PNG images of a signature and a seal
//! ([`image`]), a SoftHSM2 token standing for a USB token ([`token`]), what poppler's tools
//! read from a PDF ([`poppler`]), one-page PDFs written byte by byte ([`pdf`]), and throwaway
//! databases on the PostgreSQL test server ([`scratch`], feature `scratch`). What one crate's tests alone use stays in its `tests/it/`.

#![allow(missing_docs, clippy::unwrap_used)] // test scaffolding: panics are the failures

pub mod image;
pub mod pdf;
pub mod pki;
pub mod poppler;
#[cfg(feature = "scratch")]
pub mod scratch;
pub mod token;

pub use image::{png, seal_png, signature_png};
pub use pdf::one_page_pdf;
pub use pki::{Ca, PASSWORD, password_files};
pub use poppler::{Word, page_one_words, pdfsig};
