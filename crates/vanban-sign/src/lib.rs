//! PDF digital signatures for VănBản (Nghị định 30/2020/NĐ-CP, §6 of the domain notes).
//!
//! - [`Signer`]: anything that holds a certificate chain and can sign a SHA-256 digest. Today
//!   [`Pkcs12Signer`] (a password-protected .p12/.pfx file); a PKCS#11 token signer implements
//!   the same trait, so callers do not change when it arrives.
//! - [`sign_pdf`]: adds a PAdES-B-B signature (CMS SignedData, detached, SHA-256, the
//!   signing-certificate-v2 attribute, `/SubFilter /ETSI.CAdES.detached`) as an incremental
//!   update: the original bytes are kept as they are and the signature field, its widget with a
//!   visible image, the AcroForm and the signature dictionary are appended.
//! - [`verify_pdf`]: one [`SignatureReport`] per signature: who signed, when, whether the
//!   signed bytes are intact, whether the certificate chains to a configured trust anchor, and
//!   whether later updates followed it.
//!
//! The crate is pure: no clock (the signing time comes in through [`SignOptions`]), no files
//! (bytes in, bytes out).

mod appearance;
mod cms_build;
mod error;
mod overlay;
mod pdf;
mod signer;
mod verify;
mod x509;

pub use appearance::{Appearance, Rect, png_size};
pub use error::SignError;
pub use pdf::{SignOptions, sign_pdf, signature_widgets};
pub use signer::{Pkcs12Signer, SignatureAlgorithm, Signer};
pub use verify::{ChainStatus, SignatureReport, TrustList, verify_pdf};
pub use x509::Certificate;
