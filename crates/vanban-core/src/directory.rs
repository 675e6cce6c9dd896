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
    /// The agencies a body exchanges edXML packages with, by organ id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organs: Vec<OrganSpec>,
    /// The address book: recipients' e-mail addresses, by the name printed in Nơi nhận
    /// (`vanban send ID --email`; docs/email.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<AddressSpec>,
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
    /// The body's organ id (mã định danh, QĐ 20/2020/QĐ-TTg, "000.00.00.G22"): who sends an
    /// edXML package. Its shape is checked by [`check_organ_id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organ_id: Option<String>,
    /// The body's own e-mail address: where documents sent to it by e-mail go (matched by its
    /// name in Nơi nhận), and the sender when it has no `[bodies.smtp]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// How the body sends e-mail (`[bodies.smtp]`); never a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp: Option<SmtpSpec>,
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// A plain connection upgraded by STARTTLS before anything is sent (port 587; refused when
    /// the server does not offer it).
    #[default]
    Starttls,
    /// TLS from the first byte (implicit TLS, port 465).
    Tls,
    /// No encryption: only for a server on this machine (127.0.0.1, ::1, localhost).
    None,
}

impl SmtpTls {
    /// As written in the directory and in `VANBAN_SMTP` (`starttls`, `tls`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpTls::Starttls => "starttls",
            SmtpTls::Tls => "tls",
            SmtpTls::None => "none",
        }
    }

    /// From its written form.
    pub fn from_str_opt(s: &str) -> Option<SmtpTls> {
        match s {
            "starttls" => Some(SmtpTls::Starttls),
            "tls" => Some(SmtpTls::Tls),
            "none" => Some(SmtpTls::None),
            _ => None,
        }
    }

    /// The usual port: 465 for implicit TLS, 587 otherwise.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::Tls => 465,
            SmtpTls::Starttls | SmtpTls::None => 587,
        }
    }
}

/// A body's SMTP settings (`[bodies.smtp]`): the server, how it is protected, who logs in and
/// who the messages are from. The password is never here: it is typed at send time or read
/// from a file (`--password-file`, a machine's `settings.toml` `[smtp] password_file`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSpec {
    /// The server's host name or address ("mail.longan.gov.vn").
    pub host: String,
    /// Its port; by default 465 with `tls = "tls"`, else 587.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// `starttls` (the default), `tls` or `none` (loopback only).
    #[serde(default)]
    pub tls: SmtpTls,
    /// The login, when the server asks for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The sender's address (`From`).
    pub sender: String,
    /// The sender's name as shown by mail readers; the body's name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
}

impl SmtpSpec {
    /// The port to connect to.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(self.tls.default_port())
    }
}

/// What an e-mail to a recipient carries besides its short text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attach {
    /// The signed PDF and each appendix's file.
    #[default]
    Pdf,
    /// The edXML package (QCVN 102:2016) of the document, for a recipient whose software reads
    /// it (an organ with an organ id).
    Edxml,
}

impl Attach {
    /// As written in the directory.
    pub fn as_str(self) -> &'static str {
        match self {
            Attach::Pdf => "pdf",
            Attach::Edxml => "edxml",
        }
    }
}

/// An entry of the address book: a recipient as printed in Nơi nhận ("Sở Tài chính") and its
/// e-mail address. A unit of the body is a recipient under its name, so its address is an
/// entry here too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressSpec {
    /// The sending body's abbreviation.
    pub body: String,
    /// The recipient's name as printed in Nơi nhận (compared without regard to case, spaces or
    /// the tone marks' encoding).
    pub name: String,
    /// Its e-mail address.
    pub email: String,
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

/// An agency a body exchanges edXML packages with (a recipient with an organ id): what
/// `vanban edxml ID --to ORGAN_ID` names, and what a status message's sender is matched to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganSpec {
    /// The sending body's abbreviation.
    pub body: String,
    /// Its organ id (QĐ 20/2020/QĐ-TTg), checked by [`check_organ_id`].
    pub organ_id: String,
    /// Its name, as the distribution record and the package's `To/OrganName` give it.
    pub name: String,
    /// Its address (`OrganAdd`).
    #[serde(default)]
    pub address: Option<String>,
    /// Its e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Its telephone number.
    #[serde(default)]
    pub telephone: Option<String>,
    /// What an e-mail to it carries: `pdf` (the default) or `edxml` (the package).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<Attach>,
}

/// What an organ id looks like, in the words of a refusal.
pub const ORGAN_ID_SHAPE: &str = "đúng dạng của Quyết định 20/2020/QĐ-TTg: ba chữ số, hai chữ số, \
     hai chữ số, rồi một chữ cái in hoa và hai chữ số, cách nhau bởi dấu chấm (ví dụ 000.00.00.G22)";

/// Why an organ id is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: mã định danh “{value}” không {shape}", shape = ORGAN_ID_SHAPE)]
pub struct OrganIdError {
    /// The field it was given in ("bodies.organ_id", "--to").
    pub field: String,
    /// What was given.
    pub value: String,
}

/// Checks the shape of an organ id (mã định danh điện tử of QĐ 20/2020/QĐ-TTg):
/// `ddd.dd.dd.Xdd` — three digits, two, two, then a capital letter A–Z and two digits
/// ("000.00.00.G22", "002.00.20.H13"). `field` names where it was given, for the message.
pub fn check_organ_id(field: &str, value: &str) -> Result<(), OrganIdError> {
    let parts: Vec<&str> = value.split('.').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = parts.len() == 4
        && digits(parts[0], 3)
        && digits(parts[1], 2)
        && digits(parts[2], 2)
        && parts[3].len() == 3
        && parts[3].as_bytes()[0].is_ascii_uppercase()
        && digits(&parts[3][1..], 2);
    if ok {
        Ok(())
    } else {
        Err(OrganIdError {
            field: field.to_owned(),
            value: value.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::check_organ_id;

    #[test]
    fn organ_ids_of_the_decision_pass_and_others_are_refused() {
        for ok in ["000.00.00.G22", "002.00.20.H13", "000.00.14.H56"] {
            assert!(check_organ_id("organ_id", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "28.22.H17",
            "000.00.00.g22",
            "000.00.00.G2",
            "000.00.00.G22.1",
            "000.0a.00.G22",
            "000.00.00.Ġ2",
        ] {
            let e = check_organ_id("bodies.organ_id", bad).expect_err("refused");
            assert!(
                e.to_string().starts_with("bodies.organ_id: mã định danh"),
                "{e}"
            );
        }
    }
}
