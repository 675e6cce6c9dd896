//! Verifying the signatures of a PDF.

use chrono::{DateTime, FixedOffset};
use lopdf::Object;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::pdf::parse_pdf_date;
use crate::{Certificate, SignError, cms_build};

/// The certificates a verifier trusts as roots (e.g. the national root CA and the CAs it
/// licenses). An empty list means "do not judge the chain".
#[derive(Clone, Debug, Default)]
pub struct TrustList {
    anchors: Vec<Certificate>,
}

impl TrustList {
    /// A trust list of these anchors.
    pub fn new(anchors: Vec<Certificate>) -> Self {
        Self { anchors }
    }

    /// Whether no anchor is configured.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

/// Whether the signer's certificate leads to a trust anchor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ChainStatus {
    /// Each certificate is signed by the next, up to this anchor (its subject).
    Trusted {
        /// The anchor's subject.
        anchor: String,
    },
    /// No path to a configured anchor.
    Untrusted,
    /// No trust list was given, so the chain was not judged.
    NotChecked,
}

/// What the verifier found about one signature.
#[derive(Clone, Debug, Serialize)]
pub struct SignatureReport {
    /// The signature field's name (`/T`), when the signature has a field.
    pub field: Option<String>,
    /// The signer's common name, from the certificate in the signature.
    pub signer: Option<String>,
    /// The signer certificate's full subject.
    pub subject: Option<String>,
    /// The signing time claimed by the signature dictionary (`/M`).
    pub signing_time: Option<DateTime<FixedOffset>>,
    /// The signature's `/Reason`.
    pub reason: Option<String>,
    /// `/ByteRange` is well formed: from byte 0, leaving out exactly the `/Contents` hex.
    pub byte_range_ok: bool,
    /// The signed digest equals the SHA-256 of the bytes in the byte range.
    pub digest_matches: bool,
    /// The signature over the signed attributes verifies with the signer's public key.
    pub signature_valid: bool,
    /// The signing-certificate-v2 attribute binds the signature to the signer's certificate.
    pub signing_certificate_bound: bool,
    /// The signer's certificate was valid at the signing time.
    pub certificate_valid_at_signing: bool,
    /// Whether the certificate chains to a trust anchor.
    pub chain: ChainStatus,
    /// The byte range ends at the end of the file: no update was appended after this
    /// signature. When false, later incremental updates (e.g. the agency's signature) follow.
    pub covers_whole_file: bool,
    /// The problems found, in Vietnamese.
    pub problems: Vec<String>,
}

impl SignatureReport {
    /// The signed bytes are exactly those that were signed, by the certificate's key.
    pub fn intact(&self) -> bool {
        self.byte_range_ok
            && self.digest_matches
            && self.signature_valid
            && self.signing_certificate_bound
    }

    /// Intact, made with a certificate valid at the time, and (when a trust list is
    /// configured) chaining to one of its anchors.
    pub fn is_valid(&self) -> bool {
        self.intact() && self.certificate_valid_at_signing && self.chain != ChainStatus::Untrusted
    }
}

fn text(o: &Object) -> Option<String> {
    let Object::String(bytes, _) = o else {
        return None;
    };
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        Some(bytes.iter().map(|&b| char::from(b)).collect())
    }
}

/// Finds every signature of `pdf` and checks it; the reports are in file order (the first
/// signature made comes first).
pub fn verify_pdf(pdf: &[u8], trust: &TrustList) -> Result<Vec<SignatureReport>, SignError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|e| SignError::InvalidPdf(e.to_string()))?;
    let mut found = Vec::new();
    for dict in doc.objects.values().filter_map(|o| o.as_dict().ok()) {
        let is_field = dict.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig");
        if !is_field {
            continue;
        }
        let Ok(value) = dict.get(b"V") else { continue };
        let Ok(sig) = doc.dereference(value).and_then(|(_, o)| o.as_dict()) else {
            continue;
        };
        let field = dict.get(b"T").ok().and_then(text);
        found.push(report(pdf, field, sig, trust));
    }
    found.sort_by_key(|(end, _)| *end);
    Ok(found.into_iter().map(|(_, r)| r).collect())
}

fn report(
    pdf: &[u8],
    field: Option<String>,
    sig: &lopdf::Dictionary,
    trust: &TrustList,
) -> (usize, SignatureReport) {
    let mut r = SignatureReport {
        field,
        signer: None,
        subject: None,
        signing_time: sig
            .get(b"M")
            .ok()
            .and_then(text)
            .and_then(|s| parse_pdf_date(&s)),
        reason: sig.get(b"Reason").ok().and_then(text),
        byte_range_ok: false,
        digest_matches: false,
        signature_valid: false,
        signing_certificate_bound: false,
        certificate_valid_at_signing: false,
        chain: ChainStatus::NotChecked,
        covers_whole_file: false,
        problems: Vec::new(),
    };
    let range: Vec<usize> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|o| o.as_i64().ok())
                .filter_map(|v| usize::try_from(v).ok())
                .collect()
        })
        .unwrap_or_default();
    let contents = match sig.get(b"Contents") {
        Ok(Object::String(b, _)) => b.clone(),
        _ => Vec::new(),
    };
    let [a, b, c, d] = range[..] else {
        r.problems.push("/ByteRange không hợp lệ.".into());
        return (usize::MAX, r);
    };
    let end = c.saturating_add(d);
    r.byte_range_ok = a == 0
        && b < c
        && end <= pdf.len()
        && pdf[b] == b'<'
        && pdf[c - 1] == b'>'
        && (c - b - 2) == 2 * contents.len();
    if !r.byte_range_ok {
        r.problems
            .push("/ByteRange không khớp với vị trí của chữ ký trong tệp.".into());
        return (end, r);
    }
    r.covers_whole_file = end == pdf.len();
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..b]);
    hasher.update(&pdf[c..end]);
    let digest: [u8; 32] = hasher.finalize().into();
    let check = match cms_build::check(&contents, &digest) {
        Ok(check) => check,
        Err(e) => {
            r.problems.push(format!("Chữ ký CMS không đọc được: {e}"));
            return (end, r);
        }
    };
    r.digest_matches = check.digest_matches;
    r.signature_valid = check.signature_valid;
    r.signing_certificate_bound = check.signing_certificate_bound;
    r.problems.extend(check.problems);
    if let Some(cert) = &check.signer {
        r.signer = Some(cert.subject_name());
        r.subject = Some(cert.subject());
        r.certificate_valid_at_signing = r.signing_time.is_some_and(|t| cert.valid_at(t));
        if !r.certificate_valid_at_signing {
            r.problems
                .push("Chứng thư số không còn hiệu lực tại thời điểm ký.".into());
        }
        if !r.signing_certificate_bound {
            r.problems
                .push("Thuộc tính signing-certificate-v2 thiếu hoặc không khớp.".into());
        }
        if !trust.is_empty() {
            r.chain = chain_status(cert, &check.certificates, trust);
            if r.chain == ChainStatus::Untrusted {
                r.problems.push(
                    "Chứng thư số không dẫn tới tổ chức chứng thực nào trong danh sách tin cậy."
                        .into(),
                );
            }
        }
    }
    (end, r)
}

fn chain_status(signer: &Certificate, pool: &[Certificate], trust: &TrustList) -> ChainStatus {
    let mut current = signer.clone();
    for _ in 0..8 {
        if let Some(anchor) = trust
            .anchors
            .iter()
            .find(|a| **a == current || current.issued_by(a))
        {
            return ChainStatus::Trusted {
                anchor: anchor.subject(),
            };
        }
        match pool.iter().find(|c| **c != current && current.issued_by(c)) {
            Some(next) => current = next.clone(),
            None => break,
        }
    }
    ChainStatus::Untrusted
}
