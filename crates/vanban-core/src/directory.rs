//! The directory file: the bodies, units, people, delegations, recipient groups and registers
//! of an organisation, as `vanban directory import` reads them (JSON or TOML) and the store
//! exports them, so that a province can hand one directory to every department. Entries refer
//! to each other by natural keys: bodies by abbreviation, people by login.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::AuthorityKind;
use crate::workflow::Role;

/// A directory file: everything `vanban directory import` reads (JSON or TOML). Entries refer to
/// each other by natural keys: bodies by abbreviation, people by login.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    /// Issuing bodies.
    #[serde(default)]
    pub bodies: Vec<BodySpec>,
    /// Units of the bodies.
    #[serde(default)]
    pub units: Vec<UnitSpec>,
    /// People.
    #[serde(default)]
    pub people: Vec<PersonSpec>,
    /// Who may sign for whom.
    #[serde(default)]
    pub delegations: Vec<DelegationSpec>,
    /// Named lists of recipients.
    #[serde(default)]
    pub recipient_groups: Vec<RecipientGroupSpec>,
    /// Outgoing registers.
    #[serde(default)]
    pub registers: Vec<RegisterSpec>,
}

/// An issuing body (cơ quan ban hành).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    /// The abbreviation of the ký hiệu ("STTTT"); also the key other entries use.
    pub abbreviation: String,
    /// Full name ("Sở Thông tin và Truyền thông").
    pub name: String,
    /// The body above it, printed over its name ("UBND tỉnh Lạng Sơn").
    #[serde(default)]
    pub parent_name: Option<String>,
    /// Place name of the date line ("Lạng Sơn").
    pub place: String,
    /// Address, phone, email line.
    #[serde(default)]
    pub address_line: Option<String>,
    /// The body's certificate for the agency's signature: a PKCS#12 file (.p12/.pfx), its path
    /// relative to the directory file. Its password is asked for at issue, never stored.
    #[serde(default)]
    pub certificate: Option<String>,
    /// The seal's image (PNG, transparent background, red), path relative to the directory file.
    #[serde(default)]
    pub seal_image: Option<String>,
    /// The seal's real diameter in millimetres (36 for most bodies); the image is drawn at it.
    #[serde(default)]
    pub seal_diameter_mm: Option<u16>,
    /// The seal image's bytes, read from `seal_image` by whoever reads the directory file.
    #[serde(skip)]
    pub seal_png: Option<Vec<u8>>,
    /// Logins of the people the head has named to sign the body's copies (sao y, sao lục,
    /// trích sao; Nghị định 30, Điều 27), besides the head (a signer without delegation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy_signers: Vec<String>,
}

/// A unit inside a body (phòng, ban).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    /// The body's abbreviation.
    pub body: String,
    /// The unit's abbreviation ("VP").
    pub abbreviation: String,
    /// Full name.
    pub name: String,
    /// Still offered in the forms' pickers (false: dissolved or merged, kept for the
    /// documents and people that name it).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_yes(v: &bool) -> bool {
    *v
}

/// A person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSpec {
    /// What they type after `--as`.
    pub login: String,
    /// Full name as printed under a signature.
    pub name: String,
    /// Titles ("GIÁM ĐỐC").
    #[serde(default)]
    pub titles: Vec<String>,
    /// What they may do.
    pub roles: Vec<Role>,
    /// Their body's abbreviation.
    #[serde(default)]
    pub body: Option<String>,
    /// Their unit's abbreviation within the body.
    #[serde(default)]
    pub unit: Option<String>,
    /// Their certificate: a PKCS#12 file (.p12/.pfx), path relative to the directory file. Its
    /// password is asked for when they sign, never stored.
    #[serde(default)]
    pub certificate: Option<String>,
    /// Their handwritten signature (PNG, transparent background, blue ink), path relative to
    /// the directory file.
    #[serde(default)]
    pub signature_image: Option<String>,
    /// The signature image's bytes, read from `signature_image` by whoever reads the
    /// directory file.
    #[serde(skip)]
    pub signature_png: Option<Vec<u8>>,
}

/// A delegation: `to` may sign as `kind` (KT., TL., TUQ., Q.) for the head titled `of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelegationSpec {
    /// The body's abbreviation.
    pub body: String,
    /// Login of the person who delegates (the head), when recorded.
    #[serde(default)]
    pub from: Option<String>,
    /// Login of the person who signs.
    pub to: String,
    /// KT, TL, TUQ or Q.
    pub kind: AuthorityKind,
    /// The head's title ("GIÁM ĐỐC").
    pub of: String,
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day, if any.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
}

/// A named list of recipients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientGroupSpec {
    /// The body's abbreviation.
    pub body: String,
    /// The group's name.
    pub name: String,
    /// Recipients as printed.
    pub members: Vec<String>,
}

/// An outgoing register (sổ văn bản đi).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterSpec {
    /// The body's abbreviation.
    pub body: String,
    /// The register's name, unique in the body.
    pub name: String,
    /// Type slugs it covers; empty for every type.
    #[serde(default)]
    pub types: Vec<String>,
    /// For secret documents (which always have their own register).
    #[serde(default)]
    pub secret: bool,
}
