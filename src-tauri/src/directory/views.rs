//! The shapes of the directory screen: the body's directory, its entries as an administrator edits
//! them, signing material. Each is made from a library type by a `From`, so a change on either side
//! fails to compile rather than drifting.

use serde::{Deserialize, Serialize};
use vanban_app::Error;
use vanban_app::workflow::EntryProblem;
use vanban_app::workflow::chrono::NaiveDate;
use vanban_app::workflow::store::{
    DelegationSpec, Directory, DirectoryEdit, PersonSpec, RecipientGroupSpec, RegisterSpec, Role,
    UnitSpec,
};
use vanban_core::model::AuthorityKind;

use crate::connection::views::PersonView;
use crate::drafting::views::ModelJson;

/// A unit of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UnitView {
    /// "VP".
    pub abbreviation: String,
    /// "Văn phòng Sở".
    pub name: String,
    /// Still offered in the pickers.
    pub active: bool,
}

/// A recipient group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RecipientGroupView {
    /// Its name.
    pub name: String,
    /// Its recipients, as printed.
    pub members: Vec<String>,
}

/// A way to sign: who, under which title and authority lines.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SignerView {
    /// Login.
    pub login: String,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Authority lines (`Authority[]` of the model).
    pub authority: ModelJson,
}

/// An outgoing register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RegisterView {
    /// Name.
    pub name: String,
    /// Type slugs; empty for all.
    pub types: Vec<String>,
    /// For secret documents.
    pub secret: bool,
}

/// A delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DelegationView {
    /// Who signs (login).
    pub to: String,
    /// "KT.", "TL.", …
    pub prefix: String,
    /// For which head.
    pub of: String,
    /// First day, YYYY-MM-DD.
    pub valid_from: String,
    /// Last day.
    pub valid_to: Option<String>,
}

/// The body as the directory records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BodyView {
    /// "STTTT".
    pub abbreviation: String,
    /// Name.
    pub name: String,
    /// The body above it.
    pub parent_name: Option<String>,
    /// Place name.
    pub place: String,
}

/// The directory of the current person's body.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryView {
    /// The body.
    pub body: Option<BodyView>,
    /// Units.
    pub units: Vec<UnitView>,
    /// People.
    pub people: Vec<PersonView>,
    /// Recipient groups.
    pub recipient_groups: Vec<RecipientGroupView>,
    /// Registers.
    pub registers: Vec<RegisterView>,
    /// Delegations.
    pub delegations: Vec<DelegationView>,
    /// Ways to sign.
    pub signers: Vec<SignerView>,
    /// The body's entries as the administrator edits them; none for everybody else.
    pub entries: Option<DirectoryEntriesView>,
}

impl From<&vanban_app::workflow::BodyDirectory> for DirectoryView {
    fn from(d: &vanban_app::workflow::BodyDirectory) -> Self {
        DirectoryView {
            body: d.body.as_ref().map(|b| BodyView {
                abbreviation: b.abbreviation.clone(),
                name: b.name.clone(),
                parent_name: b.parent_name.clone(),
                place: b.place.clone(),
            }),
            units: d
                .units
                .iter()
                .map(|u| UnitView {
                    abbreviation: u.abbreviation.clone(),
                    name: u.name.clone(),
                    active: u.active,
                })
                .collect(),
            people: d.people.iter().map(PersonView::from).collect(),
            recipient_groups: d
                .recipient_groups
                .iter()
                .map(|g| RecipientGroupView {
                    name: g.name.clone(),
                    members: g.members.clone(),
                })
                .collect(),
            registers: d
                .registers
                .iter()
                .map(|r| RegisterView {
                    name: r.name.clone(),
                    types: r.types.clone(),
                    secret: r.secret,
                })
                .collect(),
            delegations: d
                .delegations
                .iter()
                .map(|x| DelegationView {
                    to: x.to.clone(),
                    prefix: x.kind.prefix().to_owned(),
                    of: x.of.clone(),
                    valid_from: x.valid_from.to_string(),
                    valid_to: x.valid_to.map(|d| d.to_string()),
                })
                .collect(),
            signers: d
                .signers
                .iter()
                .map(|s| SignerView {
                    login: s.login.clone(),
                    name: s.name.clone(),
                    title: s.title.clone(),
                    authority: ModelJson::of(&s.authority),
                })
                .collect(),
            entries: None,
        }
    }
}

/// A person as the administrator edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonEntry {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// Titles ("GIÁM ĐỐC").
    pub titles: Vec<String>,
    /// Their unit's abbreviation.
    pub unit: Option<String>,
    /// Role names: drafter, reviewer, signer, registry-clerk, admin.
    pub roles: Vec<String>,
}

/// A delegation as the administrator edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DelegationInput {
    /// Who delegates (login), when recorded.
    pub from: Option<String>,
    /// Who signs (login).
    pub to: String,
    /// KT, TL, TUQ, Q or TM.
    pub kind: String,
    /// For which head ("GIÁM ĐỐC").
    pub of: String,
    /// First day, YYYY-MM-DD.
    pub valid_from: String,
    /// Last day, YYYY-MM-DD; none for open-ended.
    pub valid_to: Option<String>,
}

/// The roles a person may have, with their Vietnamese names, in the order of the workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RoleChoice {
    /// "drafter".
    pub code: String,
    /// "chuyên viên soạn thảo".
    pub label: String,
}

/// The body's entries, as the directory screen edits them (administrators only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryEntriesView {
    /// The body's abbreviation, which every edit names.
    pub body: String,
    /// Units, with those no longer offered.
    pub units: Vec<UnitView>,
    /// People.
    pub people: Vec<PersonEntry>,
    /// Delegations.
    pub delegations: Vec<DelegationInput>,
    /// Recipient groups, members in order.
    pub recipient_groups: Vec<RecipientGroupView>,
    /// Registers.
    pub registers: Vec<RegisterView>,
    /// The roles to choose from.
    pub roles: Vec<RoleChoice>,
    /// The document types a register may cover: slug and Vietnamese name.
    pub doc_types: Vec<RoleChoice>,
    /// What the body seals with and each person signs with, for those who have something set.
    pub signing: Vec<SigningMaterialView>,
}

/// A certificate file set for someone, as the directory screen shows it (read again from this
/// computer on each showing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CertificateFileView {
    /// The file's full path.
    pub path: String,
    /// Its name alone.
    pub file_name: String,
    /// A PKCS#12 file (certificate and key under a password): the password is asked at signing.
    pub pkcs12: bool,
    /// The holder, for a certificate file (the key on a token).
    pub holder: Option<String>,
    /// Last day of validity, dd/mm/yyyy, for a certificate file.
    pub valid_to: Option<String>,
    /// Why it cannot be used now, in Vietnamese.
    pub problem: Option<String>,
}

impl From<vanban_app::workflow::CertificateInfo> for CertificateFileView {
    fn from(c: vanban_app::workflow::CertificateInfo) -> Self {
        CertificateFileView {
            file_name: std::path::Path::new(&c.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| c.path.clone()),
            path: c.path,
            pkcs12: c.pkcs12,
            holder: c.holder,
            valid_to: c.valid_to,
            problem: c.problem,
        }
    }
}

/// What a person signs with (`login`), or the body seals with (no login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SigningMaterialView {
    /// The person's login; none for the body.
    pub login: Option<String>,
    /// The certificate file.
    pub certificate: Option<CertificateFileView>,
    /// The signature or seal image, as a `data:image/png;base64,` address.
    pub image: Option<String>,
    /// The seal's diameter in millimetres.
    pub seal_diameter_mm: Option<u16>,
}

/// A PNG as an address an `<img>` shows.
pub fn png_data_url(png: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// The PNG of an address made by [`png_data_url`] (or bare base64).
fn png_from_data_url(url: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let b64 = url.strip_prefix("data:image/png;base64,").unwrap_or(url);
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()
}

impl SigningMaterialView {
    /// The view of a stored entry; its certificate file read now.
    pub fn new(
        login: Option<String>,
        m: &vanban_app::workflow::store::SigningMaterial,
        now: vanban_app::workflow::chrono::DateTime<vanban_app::workflow::chrono::FixedOffset>,
    ) -> Self {
        SigningMaterialView {
            login,
            certificate: m
                .certificate
                .as_deref()
                .map(|p| vanban_app::workflow::certificate_info(p, now).into()),
            image: m.image_png.as_deref().map(png_data_url),
            seal_diameter_mm: m.seal_diameter_mm,
        }
    }
}

/// Which file the directory screen asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum SigningFileKind {
    /// A certificate: PKCS#12 (.p12, .pfx) or a certificate alone (.cer, .crt, .pem).
    Certificate,
    /// A person's signature image (PNG).
    Signature,
    /// The body's seal image (PNG).
    Seal,
}

/// A file chosen in the open dialog for the directory screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PickedFileView {
    /// The certificate chosen.
    pub certificate: Option<CertificateFileView>,
    /// The image chosen, as a `data:image/png;base64,` address.
    pub image: Option<String>,
}

impl DirectoryEntriesView {
    /// The entries of the administrator's body (`Workflow::own_directory`), with what its
    /// people and the body sign with.
    pub fn new(d: &Directory, signing: Vec<SigningMaterialView>) -> Self {
        DirectoryEntriesView {
            body: d
                .bodies
                .first()
                .map(|b| b.abbreviation.clone())
                .unwrap_or_default(),
            units: d
                .units
                .iter()
                .map(|u| UnitView {
                    abbreviation: u.abbreviation.clone(),
                    name: u.name.clone(),
                    active: u.active,
                })
                .collect(),
            people: d
                .people
                .iter()
                .map(|p| PersonEntry {
                    login: p.login.clone(),
                    name: p.name.clone(),
                    titles: p.titles.clone(),
                    unit: p.unit.clone(),
                    roles: p.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                })
                .collect(),
            delegations: d
                .delegations
                .iter()
                .map(|x| DelegationInput {
                    from: x.from.clone(),
                    to: x.to.clone(),
                    kind: x.kind.prefix().trim_end_matches('.').to_owned(),
                    of: x.of.clone(),
                    valid_from: x.valid_from.to_string(),
                    valid_to: x.valid_to.map(|d| d.to_string()),
                })
                .collect(),
            recipient_groups: d
                .recipient_groups
                .iter()
                .map(|g| RecipientGroupView {
                    name: g.name.clone(),
                    members: g.members.clone(),
                })
                .collect(),
            registers: d
                .registers
                .iter()
                .map(|r| RegisterView {
                    name: r.name.clone(),
                    types: r.types.clone(),
                    secret: r.secret,
                })
                .collect(),
            roles: Role::ALL
                .iter()
                .map(|r| RoleChoice {
                    code: r.as_str().to_owned(),
                    label: r.label().to_owned(),
                })
                .collect(),
            doc_types: vanban_core::DocumentType::ALL
                .iter()
                .map(|t| RoleChoice {
                    code: t.slug().to_owned(),
                    label: t.info().name.to_owned(),
                })
                .collect(),
            signing,
        }
    }
}

/// One change of the directory screen (administrators only), in the body `body` of the
/// command; `previous` names the entry changed, none adds one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(tag = "edit", rename_all = "kebab-case")]
pub enum DirectoryEditInput {
    /// The body's own details changed (its abbreviation stays).
    PutBody {
        /// Full name.
        name: String,
        /// The body above it (empty: none).
        parent_name: Option<String>,
        /// Place name of the date line.
        place: String,
    },
    /// A unit added or changed (renamed, no longer offered).
    PutUnit {
        /// Its abbreviation before.
        previous: Option<String>,
        /// As it is to be.
        unit: UnitView,
    },
    /// A person added or changed.
    PutPerson {
        /// Their login before.
        previous: Option<String>,
        /// As they are to be.
        person: PersonEntry,
    },
    /// A delegation added or changed.
    PutDelegation {
        /// As it was.
        previous: Option<DelegationInput>,
        /// As it is to be.
        delegation: DelegationInput,
    },
    /// A delegation removed.
    RemoveDelegation {
        /// The delegation.
        delegation: DelegationInput,
    },
    /// A recipient group added or changed.
    PutRecipientGroup {
        /// Its name before.
        previous: Option<String>,
        /// As it is to be.
        group: RecipientGroupView,
    },
    /// A recipient group removed.
    RemoveRecipientGroup {
        /// Its name.
        name: String,
    },
    /// A register added or changed.
    PutRegister {
        /// Its name before.
        previous: Option<String>,
        /// As it is to be.
        register: RegisterView,
    },
    /// What a person signs with, or the body seals with (no person), set as a whole.
    PutSigningMaterial {
        /// The person's login; none for the body.
        person: Option<String>,
        /// The certificate file's full path.
        certificate: Option<String>,
        /// The image, as a `data:image/png;base64,` address.
        image: Option<String>,
        /// The seal's diameter in millimetres (the body only).
        seal_diameter_mm: Option<u16>,
    },
}

fn entry_problem(field: &str, message: &str) -> Error {
    Error::DirectoryEntry(EntryProblem {
        field: field.to_owned(),
        message: message.to_owned(),
    })
}

impl DelegationInput {
    fn spec(self, body: &str) -> Result<DelegationSpec, Error> {
        let date = |s: &str, field: &str, what: &str| {
            if s.trim().is_empty() {
                return Err(entry_problem(
                    field,
                    &format!("{what} không được để trống."),
                ));
            }
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| entry_problem(field, &format!("{what} không phải ngày hợp lệ.")))
        };
        let kind: AuthorityKind = serde_json::from_value(serde_json::Value::String(
            self.kind.trim().trim_end_matches('.').to_owned(),
        ))
        .map_err(|_| entry_problem("kind", "Hãy chọn thẩm quyền ký (KT., TL., TUQ., Q.)."))?;
        Ok(DelegationSpec {
            body: body.to_owned(),
            from: self.from.filter(|f| !f.trim().is_empty()),
            to: self.to,
            kind,
            of: self.of,
            valid_from: date(&self.valid_from, "valid_from", "Ngày bắt đầu ủy quyền")?,
            valid_to: match self.valid_to.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(d) => Some(date(d, "valid_to", "Ngày kết thúc ủy quyền")?),
            },
        })
    }
}

impl DirectoryEditInput {
    /// The change in the body `body`, as the use case takes it; a date or a role that cannot
    /// be read is refused naming its field.
    pub fn into_edit(self, body: &str) -> Result<DirectoryEdit, Error> {
        let body = body.to_owned();
        Ok(match self {
            DirectoryEditInput::PutBody {
                name,
                parent_name,
                place,
            } => DirectoryEdit::PutBody {
                abbreviation: body,
                name,
                parent_name,
                place,
            },
            DirectoryEditInput::PutUnit { previous, unit } => DirectoryEdit::PutUnit {
                previous,
                unit: UnitSpec {
                    body,
                    abbreviation: unit.abbreviation,
                    name: unit.name,
                    active: unit.active,
                },
            },
            DirectoryEditInput::PutPerson { previous, person } => DirectoryEdit::PutPerson {
                previous,
                person: PersonSpec {
                    login: person.login,
                    name: person.name,
                    titles: person.titles,
                    roles: person
                        .roles
                        .iter()
                        .map(|code| {
                            Role::ALL
                                .into_iter()
                                .find(|r| r.as_str() == code)
                                .ok_or_else(|| entry_problem("roles", "Vai trò không hợp lệ."))
                        })
                        .collect::<Result<_, _>>()?,
                    body: Some(body),
                    unit: person.unit.filter(|u| !u.is_empty()),
                    ..PersonSpec::default()
                },
            },
            DirectoryEditInput::PutDelegation {
                previous,
                delegation,
            } => DirectoryEdit::PutDelegation {
                previous: previous.map(|p| p.spec(&body)).transpose()?,
                delegation: delegation.spec(&body)?,
            },
            DirectoryEditInput::RemoveDelegation { delegation } => {
                DirectoryEdit::RemoveDelegation {
                    delegation: delegation.spec(&body)?,
                }
            }
            DirectoryEditInput::PutRecipientGroup { previous, group } => {
                DirectoryEdit::PutRecipientGroup {
                    previous,
                    group: RecipientGroupSpec {
                        body,
                        name: group.name,
                        members: group.members,
                    },
                }
            }
            DirectoryEditInput::RemoveRecipientGroup { name } => {
                DirectoryEdit::RemoveRecipientGroup { body, name }
            }
            DirectoryEditInput::PutRegister { previous, register } => DirectoryEdit::PutRegister {
                previous,
                register: RegisterSpec {
                    body,
                    name: register.name,
                    types: register.types,
                    secret: register.secret,
                },
            },
            DirectoryEditInput::PutSigningMaterial {
                person,
                certificate,
                image,
                seal_diameter_mm,
            } => DirectoryEdit::PutSigningMaterial {
                body,
                person,
                material: vanban_app::workflow::store::SigningMaterial {
                    certificate,
                    image_png: image
                        .map(|i| {
                            png_from_data_url(&i)
                                .ok_or_else(|| entry_problem("image", "Ảnh không đọc được."))
                        })
                        .transpose()?,
                    seal_diameter_mm,
                },
            },
        })
    }
}
