//! The CMS SignedData of a PAdES-B-B signature: built from a [`Signer`] and read back for
//! verification. Only typed ASN.1 structures (the `cms`, `x509-cert` and `der` crates); the
//! cryptography is the signer's and RustCrypto's.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use crate::x509::{ECDSA_WITH_SHA256, RSA_ENCRYPTION};
use crate::{Certificate, SignError, SignatureAlgorithm, Signer};

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// `IssuerSerial` of RFC 5035.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// `ESSCertIDv2` of RFC 5035; the hash algorithm is left out because it is the default,
/// SHA-256 (DER omits defaults).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: Option<IssuerSerial>,
}

/// `SigningCertificateV2` of RFC 5035 (policies left out).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn der_err(e: der::Error) -> SignError {
    SignError::Signing(e.to_string())
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, SignError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(der_err)?,
    })
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    }
}

/// Builds the DER of a detached CMS SignedData over content whose SHA-256 is `digest`.
pub(crate) fn build(signer: &dyn Signer, digest: &[u8; 32]) -> Result<Vec<u8>, SignError> {
    let chain = signer.certificate_chain();
    let cert = chain
        .first()
        .ok_or_else(|| SignError::InvalidCertificate("chuỗi chứng thư trống".into()))?;
    let tbs = &cert.inner.tbs_certificate;

    let signing_certificate = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(cert.sha256().to_vec()).map_err(der_err)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer.clone())],
                serial_number: tbs.serial_number.clone(),
            }),
        }],
    };
    // PAdES baseline: no signing-time attribute (the time is the signature dictionary's /M).
    let attrs = vec![
        attribute(
            ID_CONTENT_TYPE,
            Any::encode_from(&ID_DATA).map_err(der_err)?,
        )?,
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(der_err)?)
                .map_err(der_err)?,
        )?,
        attribute(
            ID_SIGNING_CERTIFICATE_V2,
            Any::encode_from(&signing_certificate).map_err(der_err)?,
        )?,
    ];
    let signed_attrs = SetOfVec::try_from(attrs).map_err(der_err)?;
    let to_sign: [u8; 32] = Sha256::digest(signed_attrs.to_der().map_err(der_err)?).into();
    let signature = signer.sign_digest(&to_sign)?;

    let signature_algorithm = match signer.algorithm() {
        SignatureAlgorithm::RsaPkcs1Sha256 => AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::from(der::asn1::Null)),
        },
        SignatureAlgorithm::EcdsaP256Sha256 => AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA256,
            parameters: None,
        },
    };
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer.clone(),
            serial_number: tbs.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm,
        signature: OctetString::new(signature).map_err(der_err)?,
        unsigned_attrs: None,
    };
    let certificates = chain
        .iter()
        .map(|c| CertificateChoices::Certificate(c.inner.clone()))
        .collect::<Vec<_>>();
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256_alg()]).map_err(der_err)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(der_err)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(der_err)?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(der_err)?,
    }
    .to_der()
    .map_err(der_err)
}

/// What a CMS signature says, checked against the digest of the signed bytes.
pub(crate) struct CmsCheck {
    /// The signer's certificate, when the SignedData carries it.
    pub signer: Option<Certificate>,
    /// Every certificate of the SignedData.
    pub certificates: Vec<Certificate>,
    /// The messageDigest attribute equals the digest of the signed bytes.
    pub digest_matches: bool,
    /// The signature over the signed attributes verifies with the signer's key.
    pub signature_valid: bool,
    /// The signing-certificate-v2 attribute names the signer's certificate.
    pub signing_certificate_bound: bool,
    /// What went wrong, in Vietnamese.
    pub problems: Vec<String>,
}

/// Reads a CMS ContentInfo (trailing zero padding allowed) and checks it against `digest`.
pub(crate) fn check(contents: &[u8], digest: &[u8; 32]) -> Result<CmsCheck, String> {
    let mut reader = der::SliceReader::new(contents).map_err(|e| e.to_string())?;
    let info = <ContentInfo as der::Decode>::decode(&mut reader).map_err(|e| e.to_string())?;
    if info.content_type != ID_SIGNED_DATA {
        return Err("không phải CMS SignedData".into());
    }
    let sd: SignedData = info.content.decode_as().map_err(|e| e.to_string())?;
    let certificates: Vec<Certificate> = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => {
                c.to_der().ok().and_then(|d| Certificate::from_der(&d).ok())
            }
            _ => None,
        })
        .collect();
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("CMS không có SignerInfo")?;
    let mut problems = Vec::new();
    let signer = match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => certificates
            .iter()
            .find(|c| {
                c.inner.tbs_certificate.issuer == ias.issuer
                    && c.inner.tbs_certificate.serial_number == ias.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(_) => None,
    };
    if signer.is_none() {
        problems.push("Không tìm thấy chứng thư của người ký trong chữ ký.".into());
    }
    let mut digest_matches = false;
    let mut signature_valid = false;
    let mut signing_certificate_bound = false;
    if si.digest_alg.oid != ID_SHA256 {
        problems.push(format!(
            "Thuật toán băm không được hỗ trợ: {}",
            si.digest_alg.oid
        ));
    } else if let Some(attrs) = &si.signed_attrs {
        for a in attrs.iter() {
            let Some(v) = a.values.iter().next() else {
                continue;
            };
            if a.oid == ID_MESSAGE_DIGEST {
                digest_matches = v
                    .decode_as::<OctetString>()
                    .is_ok_and(|o| o.as_bytes() == digest);
            } else if a.oid == ID_SIGNING_CERTIFICATE_V2 {
                signing_certificate_bound = v
                    .decode_as::<SigningCertificateV2>()
                    .ok()
                    .zip(signer.as_ref())
                    .is_some_and(|(sc, cert)| {
                        sc.certs
                            .first()
                            .is_some_and(|id| id.cert_hash.as_bytes() == cert.sha256())
                    });
            }
        }
        if let (Some(cert), Ok(der)) = (&signer, attrs.to_der()) {
            let h = Sha256::digest(&der);
            signature_valid = cert.verify_digest(&h, si.signature.as_bytes());
        }
        if !digest_matches {
            problems.push("Mã băm của nội dung không khớp: tệp đã bị thay đổi sau khi ký.".into());
        }
        if !signature_valid {
            problems.push("Chữ ký số không khớp với khóa công khai của người ký.".into());
        }
    } else {
        problems.push("Chữ ký không có thuộc tính ký (signed attributes).".into());
    }
    Ok(CmsCheck {
        signer,
        certificates,
        digest_matches,
        signature_valid,
        signing_certificate_bound,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Decode;

    #[test]
    fn ess_cert_id_v2_omits_the_default_hash_algorithm() {
        let id = EssCertIdV2 {
            cert_hash: OctetString::new(vec![0u8; 32]).expect("octets"),
            issuer_serial: None,
        };
        let der = id.to_der().expect("der");
        // SEQUENCE { OCTET STRING (32) } and nothing else.
        assert_eq!(&der[..4], &[0x30, 34, 0x04, 32]);
        assert_eq!(EssCertIdV2::from_der(&der).expect("read back"), id);
    }
}
