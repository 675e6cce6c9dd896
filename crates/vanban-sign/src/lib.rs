//! PDF digital signatures for VănBản (Nghị định 30/2020/NĐ-CP; docs/decree.md §6).
//!
//! - [`Signer`]: anything that holds a certificate chain and can sign a SHA-256 digest:
//!   [`Pkcs12Signer`] (a password-protected .p12/.pfx file) and [`Pkcs11Signer`] (a USB token or
//!   smart card through its PKCS#11 module, as Vietnamese CAs issue them; the key never leaves
//!   the device).
//! - [`sign_pdf`]: adds a PAdES-B-B signature (CMS SignedData, detached, SHA-256, the
//!   signing-certificate-v2 attribute, `/SubFilter /ETSI.CAdES.detached`) as an incremental
//!   update: the original bytes are kept as they are and the signature field, its widget with a
//!   visible image, the AcroForm and the signature dictionary are appended.
//! - [`verify_pdf`]: one [`SignatureReport`] per signature: who signed, when, whether the
//!   signed bytes are intact, whether the certificate chains to a configured trust anchor, and
//!   whether later updates followed it.
//!
//! The crate is pure but for the token: no clock (the signing time comes in through
//! [`SignOptions`]), no files (bytes in, bytes out); [`Pkcs11Signer`] loads the module it is
//! given and talks to the device.

mod appearance;
mod cms_build;
mod error;
mod overlay;
mod pdf;
mod pkcs11;
mod signer;
mod verify;
mod x509;

pub use appearance::{Appearance, Rect, png_size};
pub use error::SignError;
pub use pdf::{SignOptions, sign_pdf, signature_widgets};
pub use pkcs11::{
    KeyChoice, Pkcs11Signer, TokenChoice, TokenInfo, TokenSlot, list_tokens, parse_key_id,
};
pub use signer::{Pkcs12Signer, SignatureAlgorithm, Signer};
pub use verify::{ChainStatus, SignatureReport, TrustList, verify_pdf};
pub use x509::{Certificate, CertificateFile};
