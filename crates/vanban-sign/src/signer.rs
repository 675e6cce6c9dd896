//! Who signs: the [`Signer`] trait and its PKCS#12 implementation.

use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use pkcs8_dec::DecodePrivateKey;
use rsa::pkcs8 as pkcs8_dec;
use rsa::signature::hazmat::PrehashSigner;
use sha2::Sha256;
use spki::EncodePublicKey;

use crate::{Certificate, SignError};

/// The signature algorithm a [`Signer`] produces, always over a SHA-256 digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSA PKCS#1 v1.5 with SHA-256 (the USB tokens of Vietnamese CAs use RSA-2048).
    RsaPkcs1Sha256,
    /// ECDSA on P-256 with SHA-256; the signature is DER-encoded (`Ecdsa-Sig-Value`).
    EcdsaP256Sha256,
}

/// A holder of a private key and its certificate chain.
///
/// The key never leaves the implementation: callers hand it a SHA-256 digest and get the
/// signature value back. That is exactly what a PKCS#11 token offers (`C_Sign` with
/// `CKM_RSA_PKCS` over the DER `DigestInfo` of the digest, or `CKM_ECDSA` over the digest), so
/// [`crate::Pkcs11Signer`] implements this trait as [`Pkcs12Signer`] does, and
/// [`crate::sign_pdf`] and its callers take either.
pub trait Signer {
    /// The signer's certificate first, then the intermediate certificates, if any.
    fn certificate_chain(&self) -> &[Certificate];
    /// The algorithm of the signatures returned by [`Signer::sign_digest`].
    fn algorithm(&self) -> SignatureAlgorithm;
    /// Signs a SHA-256 digest; returns the signature value as CMS stores it (PKCS#1 v1.5 bytes
    /// for RSA, a DER `Ecdsa-Sig-Value` for ECDSA).
    fn sign_digest(&self, digest: &[u8; 32]) -> Result<Vec<u8>, SignError>;
    /// The label of the hardware token that holds the key, if it is on one (for the record of
    /// what a document was signed with); `None` for a key held in memory.
    fn token_label(&self) -> Option<&str> {
        None
    }
}

enum Key {
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    P256(p256::ecdsa::SigningKey),
}

/// A signer whose key and certificates come from a password-protected PKCS#12 file.
///
/// The key is decrypted into memory only (the key types zeroise themselves when dropped); the
/// password is used to open the file and is not kept.
pub struct Pkcs12Signer {
    key: Key,
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for Pkcs12Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs12Signer")
            .field("subject", &self.chain.first().map(Certificate::subject))
            .finish_non_exhaustive()
    }
}

impl Pkcs12Signer {
    /// Opens a PKCS#12 (.p12/.pfx) file with its password.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Self, SignError> {
        let store =
            KeyStore::from_pkcs12(bytes, password, Pkcs12ImportPolicy::Relaxed).map_err(|e| {
                use p12_keystore::error::Error as E;
                match e {
                    E::MacError(_) | E::UnpadError => SignError::WrongPassword,
                    other => SignError::InvalidPkcs12(other.to_string()),
                }
            })?;
        let (_, chain) = store.private_key_chain().ok_or(SignError::NoPrivateKey)?;
        let key_der = zeroize::Zeroizing::new(chain.key().as_der().to_vec());
        let certs = chain
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<Result<Vec<_>, _>>()?;
        let (key, public_der) = if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(&key_der) {
            let public = rsa::RsaPublicKey::from(&k)
                .to_public_key_der()
                .map_err(|e| SignError::Signing(e.to_string()))?;
            (
                Key::Rsa(Box::new(rsa::pkcs1v15::SigningKey::<Sha256>::new(k))),
                public,
            )
        } else if let Ok(k) = p256::ecdsa::SigningKey::from_pkcs8_der(&key_der) {
            let public = k
                .verifying_key()
                .to_public_key_der()
                .map_err(|e| SignError::Signing(e.to_string()))?;
            (Key::P256(k), public)
        } else {
            return Err(SignError::UnsupportedKey(chain.key().oid().to_string()));
        };
        // The signer's certificate is the one whose public key is the key's; it goes first.
        let mut ordered = Vec::with_capacity(certs.len());
        let mut others = Vec::new();
        for c in certs {
            if ordered.is_empty() && c.spki_der()? == public_der.as_bytes() {
                ordered.push(c);
            } else {
                others.push(c);
            }
        }
        if ordered.is_empty() {
            return Err(SignError::NoPrivateKey);
        }
        ordered.extend(others);
        Ok(Self {
            key,
            chain: ordered,
        })
    }
}

impl Signer for Pkcs12Signer {
    fn certificate_chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        match self.key {
            Key::Rsa(_) => SignatureAlgorithm::RsaPkcs1Sha256,
            Key::P256(_) => SignatureAlgorithm::EcdsaP256Sha256,
        }
    }

    fn sign_digest(&self, digest: &[u8; 32]) -> Result<Vec<u8>, SignError> {
        match &self.key {
            Key::Rsa(k) => {
                let s: rsa::pkcs1v15::Signature = k
                    .sign_prehash(digest)
                    .map_err(|e| SignError::Signing(e.to_string()))?;
                Ok(Box::<[u8]>::from(s).into_vec())
            }
            Key::P256(k) => {
                let s: p256::ecdsa::Signature = k
                    .sign_prehash(digest)
                    .map_err(|e| SignError::Signing(e.to_string()))?;
                Ok(s.to_der().as_bytes().to_vec())
            }
        }
    }
}
