//! The integration tests of vanban-sign, one binary: signing the Long An plan with PKCS#12
//! files and through a SoftHSM2 token, checked by our verifier and by poppler (`sign`).

mod common;
mod sign;
