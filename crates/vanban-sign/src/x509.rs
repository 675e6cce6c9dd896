//! X.509 certificates: parsing, names, validity and signature checks (x509-cert, rsa, p256).

use chrono::{DateTime, FixedOffset, Utc};
use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use spki::DecodePublicKey;

use crate::SignError;

const CN: ObjectIdentifier = const_oid::db::rfc4519::CN;
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const SHA256_WITH_RSA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const ECDSA_WITH_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// What a file chosen as someone's certificate holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertificateFile {
    /// A certificate alone (DER or PEM, the first of a chain): its key is elsewhere, on a
    /// token.
    Certificate(Box<Certificate>),
    /// A PKCS#12 file (.p12/.pfx): a certificate and its key under a password, so what it
    /// holds is read only when the password is given.
    Pkcs12,
}

/// The outer structure of a PKCS#12 file (RFC 7292 §4): read only to tell one from other
/// files without its password.
#[derive(der::Sequence)]
struct Pfx {
    version: u8,
    auth_safe: cms::content_info::ContentInfo,
    mac_data: Option<der::Any>,
}

impl CertificateFile {
    /// Reads a certificate file: a DER or PEM certificate, or a PKCS#12 file.
    pub fn read(bytes: &[u8]) -> Result<Self, SignError> {
        if let Ok(cert) = Certificate::from_der(bytes) {
            return Ok(Self::Certificate(Box::new(cert)));
        }
        if let Ok(Pfx { version: 3, .. }) = Pfx::from_der(bytes) {
            return Ok(Self::Pkcs12);
        }
        Certificate::from_pem_chain(bytes)
            .ok()
            .and_then(|chain| chain.into_iter().next())
            .map(|cert| Self::Certificate(Box::new(cert)))
            .ok_or_else(|| {
                SignError::InvalidCertificate(
                    "tệp không phải chứng thư số (.cer, .crt, .pem) hay tệp PKCS#12 (.p12, .pfx)"
                        .into(),
                )
            })
    }
}

/// An X.509 certificate, kept with its DER bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    der: Vec<u8>,
    pub(crate) inner: x509_cert::Certificate,
}

impl Certificate {
    /// Reads a DER-encoded certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, SignError> {
        let inner = x509_cert::Certificate::from_der(der)
            .map_err(|e| SignError::InvalidCertificate(e.to_string()))?;
        Ok(Self {
            der: der.to_vec(),
            inner,
        })
    }

    /// Reads every certificate of a PEM file (`-----BEGIN CERTIFICATE-----` blocks).
    pub fn from_pem_chain(pem: &[u8]) -> Result<Vec<Self>, SignError> {
        use der::DecodePem;
        let text = std::str::from_utf8(pem)
            .map_err(|_| SignError::InvalidCertificate("tệp PEM không phải văn bản".into()))?;
        let mut out = Vec::new();
        let end = "-----END CERTIFICATE-----";
        let mut rest = text;
        while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
            let Some(stop) = rest[start..].find(end) else {
                break;
            };
            let block = &rest[start..start + stop + end.len()];
            let inner = x509_cert::Certificate::from_pem(block)
                .map_err(|e| SignError::InvalidCertificate(e.to_string()))?;
            let der = inner
                .to_der()
                .map_err(|e| SignError::InvalidCertificate(e.to_string()))?;
            out.push(Self { der, inner });
            rest = &rest[start + stop + end.len()..];
        }
        if out.is_empty() {
            return Err(SignError::InvalidCertificate(
                "không có chứng thư nào trong tệp PEM".into(),
            ));
        }
        Ok(out)
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The subject's common name (CN), or the whole subject when it has none.
    pub fn subject_name(&self) -> String {
        common_name(&self.inner.tbs_certificate.subject)
            .unwrap_or_else(|| self.inner.tbs_certificate.subject.to_string())
    }

    /// The subject as an RFC 4514 string.
    pub fn subject(&self) -> String {
        self.inner.tbs_certificate.subject.to_string()
    }

    /// The serial number in hexadecimal (as certificate viewers show it).
    pub fn serial_hex(&self) -> String {
        self.inner
            .tbs_certificate
            .serial_number
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect()
    }

    /// Start and end of validity.
    pub fn validity(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let v = &self.inner.tbs_certificate.validity;
        (to_chrono(v.not_before), to_chrono(v.not_after))
    }

    /// Whether the certificate is valid at `at`.
    pub fn valid_at(&self, at: DateTime<FixedOffset>) -> bool {
        let (from, to) = self.validity();
        let at = at.with_timezone(&Utc);
        from <= at && at <= to
    }

    /// SHA-256 of the DER encoding (for the signing-certificate-v2 attribute).
    pub(crate) fn sha256(&self) -> [u8; 32] {
        Sha256::digest(&self.der).into()
    }

    /// The DER of the SubjectPublicKeyInfo.
    pub(crate) fn spki_der(&self) -> Result<Vec<u8>, SignError> {
        self.inner
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| SignError::InvalidCertificate(e.to_string()))
    }

    pub(crate) fn key_algorithm(&self) -> ObjectIdentifier {
        self.inner
            .tbs_certificate
            .subject_public_key_info
            .algorithm
            .oid
    }

    /// The named curve of an EC public key (the algorithm's parameters), if it is one.
    pub(crate) fn ec_curve(&self) -> Option<ObjectIdentifier> {
        self.inner
            .tbs_certificate
            .subject_public_key_info
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
    }

    /// Checks `signature` over a SHA-256 `digest` with this certificate's public key.
    pub(crate) fn verify_digest(&self, digest: &[u8], signature: &[u8]) -> bool {
        use rsa::signature::hazmat::PrehashVerifier;
        let Ok(spki) = self.spki_der() else {
            return false;
        };
        match self.key_algorithm() {
            RSA_ENCRYPTION => {
                let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&spki) else {
                    return false;
                };
                let key = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key);
                rsa::pkcs1v15::Signature::try_from(signature)
                    .is_ok_and(|s| key.verify_prehash(digest, &s).is_ok())
            }
            EC_PUBLIC_KEY => {
                let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_der(&spki) else {
                    return false;
                };
                p256::ecdsa::Signature::from_der(signature)
                    .is_ok_and(|s| key.verify_prehash(digest, &s).is_ok())
            }
            _ => false,
        }
    }

    /// Whether `issuer` signed this certificate (names match and the signature verifies).
    pub(crate) fn issued_by(&self, issuer: &Certificate) -> bool {
        if self.inner.tbs_certificate.issuer != issuer.inner.tbs_certificate.subject {
            return false;
        }
        let alg = self.inner.signature_algorithm.oid;
        if alg != SHA256_WITH_RSA && alg != ECDSA_WITH_SHA256 {
            return false;
        }
        let Ok(tbs) = self.inner.tbs_certificate.to_der() else {
            return false;
        };
        let Some(sig) = self.inner.signature.as_bytes() else {
            return false;
        };
        issuer.verify_digest(&Sha256::digest(&tbs), sig)
    }
}

fn common_name(name: &x509_cert::name::Name) -> Option<String> {
    use der::asn1::{PrintableStringRef, Utf8StringRef};
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == CN {
                if let Ok(s) = Utf8StringRef::try_from(&atv.value) {
                    return Some(s.as_str().to_owned());
                }
                if let Ok(s) = PrintableStringRef::try_from(&atv.value) {
                    return Some(s.as_str().to_owned());
                }
            }
        }
    }
    None
}

fn to_chrono(t: x509_cert::time::Time) -> DateTime<Utc> {
    let secs = t.to_unix_duration().as_secs();
    DateTime::from_timestamp(i64::try_from(secs).unwrap_or(i64::MAX), 0).unwrap_or_default()
}

pub(crate) fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
