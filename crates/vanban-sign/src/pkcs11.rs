//! Signing with a USB token or smart card through its PKCS#11 module (cryptoki): the
//! [`Pkcs11Signer`]. Vietnamese CAs hand officials such tokens; the key never leaves the device,
//! which signs the digest our CMS code computed.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;

use crate::x509::{EC_PUBLIC_KEY, RSA_ENCRYPTION, SECP256R1};
use crate::{Certificate, SignError, SignatureAlgorithm, Signer};

/// The DER of a SHA-256 `DigestInfo` up to the digest itself (RFC 8017 §9.2, note 1):
/// `CKM_RSA_PKCS` pads whatever it is given, so the `DigestInfo` is ours to build.
const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// How the key to sign with is picked when the token holds several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyChoice {
    /// The key's and its certificate's `CKA_ID`.
    Id(Vec<u8>),
    /// The `CKA_LABEL` of the key or of its certificate.
    Label(String),
}

impl KeyChoice {
    fn matches(&self, c: &Candidate) -> bool {
        match self {
            KeyChoice::Id(id) => &c.id == id,
            KeyChoice::Label(l) => c.key_label == *l || c.cert_label == *l,
        }
    }
}

impl std::fmt::Display for KeyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyChoice::Id(id) => f.write_str(&hex(id)),
            KeyChoice::Label(l) => f.write_str(l),
        }
    }
}

/// A key id (`CKA_ID`) written in hexadecimal, as a person copies it from the list that
/// [`SignError::SeveralCertificates`] gives: `01`, `3f:a2`, `0a 1b-2c`.
pub fn parse_key_id(text: &str) -> Result<Vec<u8>, SignError> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .collect();
    let bad = || SignError::BadKeyId {
        given: text.to_owned(),
    };
    if digits.is_empty() || !digits.len().is_multiple_of(2) {
        return Err(bad());
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| {
            digits
                .get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(bad)
        })
        .collect()
}

/// Which token, and which key on it, a [`Pkcs11Signer`] signs with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenChoice {
    /// The token's label; `None`: the only token present.
    pub token: Option<String>,
    /// The key; `None`: the only certificate on the token that has its private key.
    pub key: Option<KeyChoice>,
}

/// A signer whose key stays on a PKCS#11 token.
///
/// Opening it loads the module (once per process: PKCS#11 allows one `C_Initialize`), finds the
/// token, logs in as the user with the PIN (which is not kept), and reads the certificate with
/// its private key (the same `CKA_ID`) and the token's certificates that issued it. Signing sends
/// the token the digest: `CKM_RSA_PKCS` over the DER `DigestInfo` of the SHA-256 digest, or
/// `CKM_ECDSA` over the digest (P-256; the raw `r‖s` is DER-encoded as [`crate::Pkcs12Signer`]
/// returns it). Each signature is checked against the certificate before it is used.
pub struct Pkcs11Signer {
    // A PKCS#11 session may serve one thread at a time.
    session: Mutex<Session>,
    algorithm: SignatureAlgorithm,
    chain: Vec<Certificate>,
    token: String,
    key_id: Vec<u8>,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field("token", &self.token)
            .field("key_id", &hex(&self.key_id))
            .field("subject", &self.chain.first().map(Certificate::subject))
            .finish_non_exhaustive()
    }
}

/// A certificate on the token with the private key of the same `CKA_ID`.
struct Candidate {
    cert: Certificate,
    id: Vec<u8>,
    cert_label: String,
    key_label: String,
    key_type: Option<KeyType>,
}

impl Candidate {
    fn describe(&self) -> String {
        let label = if self.key_label.is_empty() {
            &self.cert_label
        } else {
            &self.key_label
        };
        let label = if label.is_empty() {
            String::new()
        } else {
            format!(", nhãn “{label}”")
        };
        format!("mã {} — {}{label}", hex(&self.id), self.cert.subject_name())
    }
}

struct TokenCertificate {
    cert: Certificate,
    id: Vec<u8>,
    label: String,
}

impl Pkcs11Signer {
    /// Opens the key `choice` names on a token, through the PKCS#11 module at `module`, with
    /// the user's `pin`. The PIN goes to the token and is wiped from memory after; it is in no
    /// error message.
    pub fn open(module: &Path, choice: &TokenChoice, pin: &str) -> Result<Self, SignError> {
        let ctx = load_module(module)?;
        let (slot, token) = find_token(&ctx, choice.token.as_deref())?;
        let session = ctx
            .open_ro_session(slot)
            .map_err(|e| token_error("mở phiên làm việc", e))?;
        login(&ctx, &session, slot, &token, pin)?;

        let certificates = certificates(&session)?;
        let candidates = candidates(&session, &certificates)?;
        let chosen = choose(candidates, &certificates, choice.key.as_ref(), &token)?;
        let leaf = chosen.cert.clone();
        let algorithm = algorithm_of(&leaf, chosen.key_type)?;
        let chain = chain_of(leaf, &certificates);
        Ok(Self {
            session: Mutex::new(session),
            algorithm,
            chain,
            token,
            key_id: chosen.id,
        })
    }

    /// The private key's handle, looked up by its `CKA_ID` for each signature: a token forgets
    /// the handles of private objects when it is logged out, as another signer of this process
    /// does when it logs in to the same token again.
    fn key_handle(&self, session: &Session) -> Result<ObjectHandle, SignError> {
        let found = session
            .find_objects(&[
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::Id(self.key_id.clone()),
            ])
            .map_err(signing_failed)?;
        found.first().copied().ok_or_else(|| SignError::Pkcs11 {
            action: "ký",
            detail: format!(
                "không còn thấy khóa mã {} trên thiết bị “{}”: thiết bị đã đăng xuất (mã PIN bị nhập sai ở lần mở khác) hoặc đã được thay; mở lại thiết bị rồi ký lại",
                hex(&self.key_id),
                self.token
            ),
        })
    }

    /// The label of the token the key is on.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The `CKA_ID` of the key (and of its certificate).
    pub fn key_id(&self) -> &[u8] {
        &self.key_id
    }
}

impl Signer for Pkcs11Signer {
    fn certificate_chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    fn sign_digest(&self, digest: &[u8; 32]) -> Result<Vec<u8>, SignError> {
        let session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        let key = self.key_handle(&session)?;
        let value = match self.algorithm {
            SignatureAlgorithm::RsaPkcs1Sha256 => {
                let mut digest_info = Vec::with_capacity(SHA256_DIGEST_INFO_PREFIX.len() + 32);
                digest_info.extend_from_slice(&SHA256_DIGEST_INFO_PREFIX);
                digest_info.extend_from_slice(digest);
                session
                    .sign(&Mechanism::RsaPkcs, key, &digest_info)
                    .map_err(signing_failed)?
            }
            SignatureAlgorithm::EcdsaP256Sha256 => {
                let raw = session
                    .sign(&Mechanism::Ecdsa, key, digest)
                    .map_err(signing_failed)?;
                let s =
                    p256::ecdsa::Signature::from_slice(&raw).map_err(|_| SignError::Pkcs11 {
                        action: "ký",
                        detail: format!(
                            "chữ ký ECDSA dài {} byte, cần 64 byte (r‖s của P-256)",
                            raw.len()
                        ),
                    })?;
                // Both forms are valid ECDSA; the low-S one is what every verifier accepts.
                s.normalize_s().unwrap_or(s).to_der().as_bytes().to_vec()
            }
        };
        drop(session);
        let Some(cert) = self.chain.first() else {
            return Err(SignError::InvalidCertificate(
                "chuỗi chứng thư trống".into(),
            ));
        };
        if !cert.verify_digest(digest, &value) {
            return Err(SignError::Pkcs11 {
                action: "ký",
                detail: format!(
                    "chữ ký của thiết bị “{}” không khớp với chứng thư “{}” (mã {}): khóa và chứng thư mang cùng mã CKA_ID nhưng không đi cùng nhau; nạp lại chứng thư đúng vào thiết bị",
                    self.token,
                    cert.subject_name(),
                    hex(&self.key_id)
                ),
            });
        }
        Ok(value)
    }

    fn token_label(&self) -> Option<&str> {
        Some(&self.token)
    }
}

/// A slot of a PKCS#11 module and the token in it, if any: what a window offers to choose from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSlot {
    /// The module's id of the slot.
    pub id: u64,
    /// The slot's description (for a smart card, its reader).
    pub description: String,
    /// The token in the slot; `None`: none is inserted.
    pub token: Option<TokenInfo>,
}

/// What a token says of itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    /// Its label, by which [`TokenChoice::token`] names it.
    pub label: String,
    /// Who made it.
    pub manufacturer: String,
    /// Its model.
    pub model: String,
    /// Its serial number.
    pub serial: String,
    /// It was initialised (a blank token has no label, PIN or keys and cannot sign).
    pub initialized: bool,
    /// Its user PIN is locked after too many wrong tries.
    pub pin_locked: bool,
    /// One more wrong PIN locks it.
    pub pin_final_try: bool,
}

/// The slots of the PKCS#11 module at `module`, each with the token in it if any, in the
/// module's order. Loads the module as [`Pkcs11Signer::open`] does (once per process); asks
/// for no PIN. A module that is not there or cannot be loaded is
/// [`SignError::Pkcs11ModuleNotFound`] or [`SignError::Pkcs11ModuleNotLoadable`].
pub fn list_tokens(module: &Path) -> Result<Vec<TokenSlot>, SignError> {
    let ctx = load_module(module)?;
    let slots = ctx
        .get_all_slots()
        .map_err(|e| token_error("tìm thiết bị", e))?;
    let mut out = Vec::with_capacity(slots.len());
    for slot in slots {
        let info = match ctx.get_slot_info(slot) {
            Ok(info) => info,
            // A reader unplugged between the two calls is no longer a slot.
            Err(CkError::Pkcs11(RvError::SlotIdInvalid | RvError::DeviceRemoved, _)) => continue,
            Err(e) => return Err(token_error("đọc thông tin khe cắm", e)),
        };
        let token = if info.token_present() {
            match ctx.get_token_info(slot) {
                Ok(t) => Some(TokenInfo {
                    label: t.label().trim().to_owned(),
                    manufacturer: t.manufacturer_id().trim().to_owned(),
                    model: t.model().trim().to_owned(),
                    serial: t.serial_number().trim().to_owned(),
                    initialized: t.token_initialized(),
                    pin_locked: t.user_pin_locked(),
                    pin_final_try: t.user_pin_final_try(),
                }),
                // Pulled out between the two calls.
                Err(CkError::Pkcs11(
                    RvError::TokenNotPresent | RvError::TokenNotRecognized | RvError::DeviceRemoved,
                    _,
                )) => None,
                Err(e) => return Err(token_error("đọc thông tin thiết bị", e)),
            }
        } else {
            None
        };
        out.push(TokenSlot {
            id: slot.id(),
            description: info.slot_description().trim().to_owned(),
            token,
        });
    }
    Ok(out)
}

/// The module at `path`, loaded and initialised once for the whole process: PKCS#11 allows a
/// single `C_Initialize` per process, and every signer of one module shares it. Modules are
/// never finalised (a driver is cheap to keep and some do not survive being loaded twice).
fn load_module(path: &Path) -> Result<Pkcs11, SignError> {
    static LOADED: OnceLock<Mutex<Vec<(PathBuf, Pkcs11)>>> = OnceLock::new();
    if !path.is_file() {
        return Err(SignError::Pkcs11ModuleNotFound {
            path: path.to_owned(),
        });
    }
    let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let mut loaded = LOADED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some((_, ctx)) = loaded.iter().find(|(p, _)| *p == key) {
        return Ok(ctx.clone());
    }
    let not_loadable = |e: CkError| SignError::Pkcs11ModuleNotLoadable {
        path: path.to_owned(),
        detail: e.to_string(),
    };
    let ctx = Pkcs11::new(&key).map_err(not_loadable)?;
    match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
        Err(e) => return Err(not_loadable(e)),
    }
    loaded.push((key, ctx.clone()));
    Ok(ctx)
}

/// The slot of the token labelled `wanted`, or of the only token present.
fn find_token(ctx: &Pkcs11, wanted: Option<&str>) -> Result<(Slot, String), SignError> {
    let slots = ctx
        .get_slots_with_initialized_token()
        .map_err(|e| token_error("tìm thiết bị", e))?;
    let mut present = Vec::with_capacity(slots.len());
    for slot in slots {
        let info = ctx
            .get_token_info(slot)
            .map_err(|e| token_error("đọc thông tin thiết bị", e))?;
        present.push((slot, info.label().trim().to_owned()));
    }
    let labels = || present.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>();
    match wanted.map(str::trim) {
        Some(w) => present
            .iter()
            .find(|(_, l)| l == w)
            .cloned()
            .ok_or_else(|| SignError::TokenNotFound {
                label: Some(w.to_owned()),
                present: labels(),
            }),
        None => match present.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(SignError::TokenNotFound {
                label: None,
                present: Vec::new(),
            }),
            _ => Err(SignError::SeveralTokens { labels: labels() }),
        },
    }
}

/// `C_Login` as the user. When another signer of this process is logged in to the same token
/// (PKCS#11 logs in a token, not a session), it logs out and in again, so this PIN is checked.
fn login(
    ctx: &Pkcs11,
    session: &Session,
    slot: Slot,
    token: &str,
    pin: &str,
) -> Result<(), SignError> {
    let locked = || SignError::PinLocked {
        token: token.to_owned(),
    };
    if ctx.get_token_info(slot).is_ok_and(|i| i.user_pin_locked()) {
        return Err(locked());
    }
    let pin = AuthPin::from(pin);
    let mut result = session.login(UserType::User, Some(&pin));
    if let Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) = result {
        // A failed logout leaves the earlier login; the login below then reports it.
        let _ = session.logout();
        result = session.login(UserType::User, Some(&pin));
    }
    match result {
        Ok(()) => Ok(()),
        Err(CkError::Pkcs11(
            RvError::PinIncorrect | RvError::PinInvalid | RvError::PinLenRange,
            _,
        )) => {
            let after = ctx.get_token_info(slot).ok();
            if after.as_ref().is_some_and(|i| i.user_pin_locked()) {
                return Err(locked());
            }
            Err(SignError::WrongPin {
                token: token.to_owned(),
                last_try: after.is_some_and(|i| i.user_pin_final_try()),
            })
        }
        Err(CkError::Pkcs11(RvError::PinLocked, _)) => Err(locked()),
        Err(CkError::Pkcs11(RvError::PinExpired, _)) => Err(SignError::Pkcs11 {
            action: "đăng nhập bằng mã PIN",
            detail: "mã PIN đã hết hạn: đổi mã PIN bằng phần mềm của thiết bị rồi ký lại".into(),
        }),
        Err(e) => Err(token_error("đăng nhập bằng mã PIN", e)),
    }
}

/// The X.509 certificates on the token (others, if any, are left out).
fn certificates(session: &Session) -> Result<Vec<TokenCertificate>, SignError> {
    let handles = session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .map_err(|e| token_error("tìm chứng thư", e))?;
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        let attributes = session
            .get_attributes(
                h,
                &[
                    AttributeType::Value,
                    AttributeType::Id,
                    AttributeType::Label,
                ],
            )
            .map_err(|e| token_error("đọc chứng thư", e))?;
        let (mut value, mut id, mut label) = (None, Vec::new(), String::new());
        for a in attributes {
            match a {
                Attribute::Value(v) => value = Some(v),
                Attribute::Id(i) => id = i,
                Attribute::Label(l) => label = String::from_utf8_lossy(&l).trim().to_owned(),
                _ => {}
            }
        }
        if let Some(cert) = value.and_then(|v| Certificate::from_der(&v).ok()) {
            out.push(TokenCertificate { cert, id, label });
        }
    }
    Ok(out)
}

/// The certificates that have a private key of the same `CKA_ID` on the token.
fn candidates(
    session: &Session,
    certificates: &[TokenCertificate],
) -> Result<Vec<Candidate>, SignError> {
    let handles = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY)])
        .map_err(|e| token_error("tìm khóa bí mật", e))?;
    let mut out = Vec::new();
    for h in handles {
        let attributes = session
            .get_attributes(
                h,
                &[
                    AttributeType::Id,
                    AttributeType::Label,
                    AttributeType::KeyType,
                ],
            )
            .map_err(|e| token_error("đọc khóa bí mật", e))?;
        let (mut id, mut label, mut key_type) = (Vec::new(), String::new(), None);
        for a in attributes {
            match a {
                Attribute::Id(i) => id = i,
                Attribute::Label(l) => label = String::from_utf8_lossy(&l).trim().to_owned(),
                Attribute::KeyType(t) => key_type = Some(t),
                _ => {}
            }
        }
        if id.is_empty() {
            continue;
        }
        for c in certificates.iter().filter(|c| c.id == id) {
            out.push(Candidate {
                cert: c.cert.clone(),
                id: id.clone(),
                cert_label: c.label.clone(),
                key_label: label.clone(),
                key_type,
            });
        }
    }
    Ok(out)
}

fn choose(
    candidates: Vec<Candidate>,
    certificates: &[TokenCertificate],
    wanted: Option<&KeyChoice>,
    token: &str,
) -> Result<Candidate, SignError> {
    let several = |found: &[Candidate]| SignError::SeveralCertificates {
        token: token.to_owned(),
        choices: found.iter().map(Candidate::describe).collect(),
    };
    match wanted {
        Some(w) => {
            let (mut matching, others): (Vec<_>, Vec<_>) =
                candidates.into_iter().partition(|c| w.matches(c));
            match matching.len() {
                1 => Ok(matching.remove(0)),
                0 => Err(SignError::NoSuchKeyOnToken {
                    token: token.to_owned(),
                    wanted: w.to_string(),
                    choices: others.iter().map(Candidate::describe).collect(),
                }),
                _ => Err(several(&matching)),
            }
        }
        None => match candidates.len() {
            1 => Ok(candidates.into_iter().next().ok_or_else(|| several(&[]))?),
            0 if certificates.is_empty() => Err(SignError::NoCertificateOnToken {
                token: token.to_owned(),
            }),
            0 => Err(SignError::NoKeyOnToken {
                token: token.to_owned(),
                certificates: certificates
                    .iter()
                    .map(|c| format!("mã {} — {}", hex(&c.id), c.cert.subject_name()))
                    .collect(),
            }),
            _ => Err(several(&candidates)),
        },
    }
}

/// The signature algorithm of the certificate's key, which must agree with the key on the token.
fn algorithm_of(
    cert: &Certificate,
    key_type: Option<KeyType>,
) -> Result<SignatureAlgorithm, SignError> {
    let oid = cert.key_algorithm();
    let agrees = |t: KeyType| key_type.is_none_or(|k| k == t);
    if oid == RSA_ENCRYPTION && agrees(KeyType::RSA) {
        Ok(SignatureAlgorithm::RsaPkcs1Sha256)
    } else if oid == EC_PUBLIC_KEY && cert.ec_curve() == Some(SECP256R1) && agrees(KeyType::EC) {
        Ok(SignatureAlgorithm::EcdsaP256Sha256)
    } else {
        Err(SignError::UnsupportedKey(match key_type {
            Some(t) => format!("{oid} (khóa trên thiết bị: {t})"),
            None => oid.to_string(),
        }))
    }
}

/// The signer's certificate, then the token's certificates that issued it, in order, as far as
/// the token has them.
fn chain_of(leaf: Certificate, certificates: &[TokenCertificate]) -> Vec<Certificate> {
    let mut chain = vec![leaf];
    while let Some(last) = chain.last() {
        if chain.len() >= 8
            || last.inner.tbs_certificate.issuer == last.inner.tbs_certificate.subject
        {
            break;
        }
        let Some(issuer) = certificates
            .iter()
            .map(|c| &c.cert)
            .find(|c| !chain.contains(c) && last.issued_by(c))
        else {
            break;
        };
        chain.push(issuer.clone());
    }
    chain
}

fn token_error(action: &'static str, e: CkError) -> SignError {
    let detail = match &e {
        CkError::Pkcs11(
            RvError::TokenNotPresent
            | RvError::DeviceRemoved
            | RvError::SessionHandleInvalid
            | RvError::SessionClosed,
            _,
        ) => "thiết bị đã bị rút ra hoặc mất kết nối: cắm lại thiết bị rồi làm lại".to_owned(),
        other => other.to_string(),
    };
    SignError::Pkcs11 { action, detail }
}

fn signing_failed(e: CkError) -> SignError {
    match e {
        CkError::Pkcs11(RvError::UserNotLoggedIn, _) => SignError::Pkcs11 {
            action: "ký",
            detail: "thiết bị không còn đăng nhập (mã PIN bị nhập sai ở lần mở khác trên cùng thiết bị), hoặc thiết bị đòi nhập mã PIN cho từng lần ký (CKA_ALWAYS_AUTHENTICATE, chưa được hỗ trợ); mở lại thiết bị rồi ký lại".into(),
        },
        other => token_error("ký", other),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_info_prefix_is_the_der_of_sha256_digest_info() {
        use der::Encode;
        let digest_info = der::asn1::OctetString::new(vec![0u8; 32]).expect("octets");
        // SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (32) }
        let alg = spki::AlgorithmIdentifierOwned {
            oid: const_oid::db::rfc5912::ID_SHA_256,
            parameters: Some(der::Any::from(der::asn1::Null)),
        };
        let mut body = alg.to_der().expect("alg");
        body.extend(digest_info.to_der().expect("octets"));
        let mut der = vec![0x30, u8::try_from(body.len()).expect("short")];
        der.extend(body);
        assert_eq!(&der[..19], &SHA256_DIGEST_INFO_PREFIX);
        assert_eq!(der.len(), 19 + 32);
    }

    #[test]
    fn a_token_signer_can_be_shared_between_threads() {
        // The desktop app keeps state in `tauri::State`, which needs both.
        fn shareable<T: Send + Sync>() {}
        shareable::<Pkcs11Signer>();
    }

    #[test]
    fn key_ids_are_read_as_hex_with_or_without_separators() {
        assert_eq!(parse_key_id("01").expect("01"), [1]);
        assert_eq!(parse_key_id(" 3F:a2 ").expect("3f:a2"), [0x3f, 0xa2]);
        assert_eq!(
            parse_key_id("0a 1b-2c").expect("0a 1b-2c"),
            [0x0a, 0x1b, 0x2c]
        );
        for bad in ["", "1", "0g", "xx", "012", "é1"] {
            let e = parse_key_id(bad).expect_err(bad);
            assert!(
                matches!(&e, SignError::BadKeyId { given } if given == bad),
                "{e:?}"
            );
            assert!(e.to_string().contains("hex"), "{e}");
        }
    }

    #[test]
    fn listing_the_tokens_of_a_missing_module_names_it() {
        let err = list_tokens(Path::new("/khong/co/libtoken.so")).expect_err("refused");
        assert!(
            matches!(&err, SignError::Pkcs11ModuleNotFound { path } if path == Path::new("/khong/co/libtoken.so")),
            "{err:?}"
        );
    }

    #[test]
    fn a_missing_module_is_named() {
        let err = Pkcs11Signer::open(
            Path::new("/khong/co/libtoken.so"),
            &TokenChoice::default(),
            "0000",
        )
        .expect_err("refused");
        assert!(
            matches!(err, SignError::Pkcs11ModuleNotFound { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("/khong/co/libtoken.so"), "{err}");
    }
}
