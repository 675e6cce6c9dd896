//! Changing the directory (the administrator's directory screen, `vanban directory import`):
//! the rules every entry must follow, checked the same way for an imported file and for one
//! entry saved from the screen, each refusal naming the field in Vietnamese.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use vanban_core::text::to_nfc;
use vanban_core::validate::unit_key;
use vanban_sign::CertificateFile;
use vanban_store::{
    AddressSpec, BodySpec, DelegationSpec, Directory, DirectoryEdit, OrganSpec, Owner, PersonSpec,
    RecipientGroupSpec, RegisterSpec, SigningMaterial, Stamp, UnitSpec,
};

use super::{Action, Result, Workflow};
use crate::Error;

/// A directory entry that breaks a rule: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EntryProblem {
    /// The field, as the directory file names it (`name`, `members[2]`, `valid_to`); in an
    /// imported file prefixed with the entry (`units[3].name`).
    pub field: String,
    /// What is wrong, in Vietnamese ("Tên đơn vị không được để trống.").
    pub message: String,
}

fn problem(field: impl Into<String>, message: impl Into<String>) -> EntryProblem {
    EntryProblem {
        field: field.into(),
        message: message.into(),
    }
}

/// Text as stored: NFC, no spaces around.
fn clean(s: &str) -> String {
    to_nfc(s.trim())
}

fn required(value: &str, field: &str, what: &str) -> std::result::Result<(), EntryProblem> {
    if value.is_empty() {
        return Err(problem(field, format!("{what} không được để trống.")));
    }
    Ok(())
}

/// A key typed by people and used in files: letters, digits, `.`, `-`, `_`, and for units the
/// Vietnamese letters of their usual abbreviations ("CĐS").
fn key_like(
    value: &str,
    field: &str,
    what: &str,
    vietnamese: bool,
) -> std::result::Result<(), EntryProblem> {
    required(value, field, what)?;
    let ok = value.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '.' | '-' | '_')
            || (vietnamese && c.is_alphanumeric())
    });
    if !ok {
        let allowed = if vietnamese {
            "chữ, số, dấu chấm, gạch ngang hoặc gạch dưới"
        } else {
            "chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới"
        };
        return Err(problem(
            field,
            format!("{what} chỉ gồm {allowed}, không có dấu cách."),
        ));
    }
    Ok(())
}

/// Checks a unit and puts its text in the stored form.
pub fn check_unit(unit: &mut UnitSpec) -> std::result::Result<(), EntryProblem> {
    unit.abbreviation = clean(&unit.abbreviation);
    unit.name = clean(&unit.name);
    key_like(&unit.abbreviation, "abbreviation", "Ký hiệu đơn vị", true)?;
    required(&unit.name, "name", "Tên đơn vị")
}

/// Checks a person and puts their text in the stored form.
pub fn check_person(person: &mut PersonSpec) -> std::result::Result<(), EntryProblem> {
    person.login = person.login.trim().to_owned();
    person.name = clean(&person.name);
    person.titles = person
        .titles
        .iter()
        .map(|t| clean(t))
        .filter(|t| !t.is_empty())
        .collect();
    person.unit = person.unit.as_deref().map(clean).filter(|u| !u.is_empty());
    key_like(&person.login, "login", "Tên đăng nhập", false)?;
    required(&person.name, "name", "Họ và tên")?;
    if person.roles.is_empty() {
        return Err(problem("roles", "Người dùng phải có ít nhất một vai trò."));
    }
    Ok(())
}

/// The largest signature or seal image kept (a 4 cm seal scanned at 600 dpi is far smaller).
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// Checks a signature image (`seal` false) or a seal image: a PNG of at most
/// [`MAX_IMAGE_BYTES`]; a refusal names the field `image`.
pub fn check_image(png: &[u8], seal: bool) -> std::result::Result<(), EntryProblem> {
    let what = if seal {
        "Ảnh con dấu"
    } else {
        "Ảnh chữ ký"
    };
    if png.len() > MAX_IMAGE_BYTES {
        return Err(problem(
            "image",
            format!(
                "{what} quá lớn ({} KB); hãy dùng ảnh PNG dưới {} KB.",
                png.len() / 1024,
                MAX_IMAGE_BYTES / 1024
            ),
        ));
    }
    vanban_sign::png_size(png)
        .map(|_| ())
        .map_err(|e| problem("image", format!("{what} phải là tệp PNG: {e}.")))
}

/// Checks what a person signs with (`seal` false) or a body seals with (`seal` true): the
/// certificate file must be there, a certificate or a PKCS#12 file, and not expired at `now`
/// when it can be read without its password; the image a PNG of at most [`MAX_IMAGE_BYTES`];
/// a seal's diameter 10–80 mm, given with its image; a person has no seal diameter.
pub fn check_signing_material(
    m: &mut SigningMaterial,
    seal: bool,
    now: DateTime<FixedOffset>,
) -> std::result::Result<(), EntryProblem> {
    m.certificate = m
        .certificate
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    if let Some(path) = &m.certificate {
        let path = Path::new(path);
        if !path.is_absolute() {
            return Err(problem(
                "certificate",
                "Hãy chọn tệp chứng thư số bằng nút “Chọn tệp…” (cần đường dẫn đầy đủ).",
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| {
            problem(
                "certificate",
                format!("Không đọc được tệp chứng thư số {}: {e}.", path.display()),
            )
        })?;
        match CertificateFile::read(&bytes) {
            Err(e) => return Err(problem("certificate", format!("{e}."))),
            Ok(CertificateFile::Certificate(cert)) if !cert.valid_at(now) => {
                let (from, to) = cert.validity();
                return Err(problem(
                    "certificate",
                    format!(
                        "Chứng thư số của “{}” chỉ có hiệu lực từ {} đến {}; hãy chọn chứng thư còn hiệu lực.",
                        cert.subject_name(),
                        from.format("%d/%m/%Y"),
                        to.format("%d/%m/%Y")
                    ),
                ));
            }
            Ok(_) => {}
        }
    }
    if let Some(png) = &m.image_png {
        check_image(png, seal)?;
    }
    match (seal, m.seal_diameter_mm) {
        (false, Some(_)) => {
            return Err(problem(
                "seal_diameter_mm",
                "Chỉ con dấu của cơ quan mới có đường kính.",
            ));
        }
        (true, Some(d)) if !(10..=80).contains(&d) => {
            return Err(problem(
                "seal_diameter_mm",
                format!(
                    "Đường kính con dấu {d} mm không hợp lý: cần từ 10 đến 80 mm (thường là 36 mm)."
                ),
            ));
        }
        (true, None) if m.image_png.is_some() => {
            return Err(problem(
                "seal_diameter_mm",
                "Hãy nhập đường kính thật của con dấu (mm), thường là 36 mm.",
            ));
        }
        _ => {}
    }
    Ok(())
}

/// What the directory screen shows of a certificate file set for someone: read again on
/// every showing, since the file lives on this computer and may have moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The file's path.
    pub path: String,
    /// A PKCS#12 file, whose content is read only with its password.
    pub pkcs12: bool,
    /// The holder, for a certificate file.
    pub holder: Option<String>,
    /// Its last day of validity (dd/mm/yyyy), for a certificate file.
    pub valid_to: Option<String>,
    /// Why it cannot be used as it is, in Vietnamese.
    pub problem: Option<String>,
}

/// Reads a certificate file for showing it (see [`CertificateInfo`]); a file that is missing
/// or not a certificate is described, not refused.
pub fn certificate_info(path: &str, now: DateTime<FixedOffset>) -> CertificateInfo {
    let mut info = CertificateInfo {
        path: path.to_owned(),
        pkcs12: false,
        holder: None,
        valid_to: None,
        problem: None,
    };
    match std::fs::read(path) {
        Err(e) => info.problem = Some(format!("Không đọc được tệp trên máy này: {e}.")),
        Ok(bytes) => match CertificateFile::read(&bytes) {
            Err(e) => info.problem = Some(format!("{e}.")),
            Ok(CertificateFile::Pkcs12) => info.pkcs12 = true,
            Ok(CertificateFile::Certificate(cert)) => {
                info.holder = Some(cert.subject_name());
                info.valid_to = Some(cert.validity().1.format("%d/%m/%Y").to_string());
                if !cert.valid_at(now) {
                    info.problem = Some("Chứng thư số không còn hiệu lực.".into());
                }
            }
        },
    }
    info
}

/// Checks a delegation and puts its text in the stored form.
pub fn check_delegation(d: &mut DelegationSpec) -> std::result::Result<(), EntryProblem> {
    d.to = d.to.trim().to_owned();
    d.from = d
        .from
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned);
    d.of = clean(&d.of);
    required(&d.to, "to", "Người được ủy quyền ký")?;
    required(&d.of, "of", "Chức vụ được ký thay")?;
    if d.from.as_deref() == Some(d.to.as_str()) {
        return Err(problem(
            "from",
            "Người ủy quyền và người được ủy quyền phải là hai người khác nhau.",
        ));
    }
    if d.valid_to.is_some_and(|to| to < d.valid_from) {
        return Err(problem(
            "valid_to",
            "Ngày kết thúc ủy quyền không được trước ngày bắt đầu.",
        ));
    }
    Ok(())
}

/// Checks a recipient group and puts its text in the stored form; the members keep their order.
pub fn check_group(group: &mut RecipientGroupSpec) -> std::result::Result<(), EntryProblem> {
    group.name = clean(&group.name);
    group.members = group.members.iter().map(|m| clean(m)).collect();
    required(&group.name, "name", "Tên nhóm nơi nhận")?;
    if group.members.is_empty() {
        return Err(problem(
            "members",
            "Nhóm nơi nhận phải có ít nhất một nơi nhận.",
        ));
    }
    for (i, m) in group.members.iter().enumerate() {
        if m.is_empty() {
            return Err(problem(
                format!("members[{i}]"),
                format!("Nơi nhận thứ {} của nhóm đang để trống.", i + 1),
            ));
        }
        if group.members[..i]
            .iter()
            .any(|earlier| unit_key(earlier) == unit_key(m))
        {
            return Err(problem(
                format!("members[{i}]"),
                format!("Nơi nhận “{m}” đã có trong nhóm."),
            ));
        }
    }
    Ok(())
}

/// Checks a register and puts its text in the stored form.
pub fn check_register(register: &mut RegisterSpec) -> std::result::Result<(), EntryProblem> {
    register.name = clean(&register.name);
    required(&register.name, "name", "Tên sổ văn bản đi")?;
    if let Some(t) = register
        .types
        .iter()
        .find(|t| vanban_core::DocumentType::from_slug(t).is_none())
    {
        return Err(problem(
            "types",
            format!("Loại văn bản “{t}” không có trong Phụ lục III của Nghị định 30."),
        ));
    }
    Ok(())
}

fn organ_problem(e: vanban_core::directory::OrganIdError) -> EntryProblem {
    let shape = vanban_core::directory::ORGAN_ID_SHAPE;
    problem(
        e.field,
        format!("Mã định danh “{}” không {shape}.", e.value),
    )
}

/// Checks a body's organ id (QĐ 20/2020/QĐ-TTg), when it has one.
pub fn check_body_organ(body: &mut BodySpec) -> std::result::Result<(), EntryProblem> {
    body.organ_id = (body.organ_id.as_deref().map(str::trim))
        .filter(|o| !o.is_empty())
        .map(str::to_owned);
    if let Some(o) = &body.organ_id {
        vanban_core::directory::check_organ_id("organ_id", o).map_err(organ_problem)?;
    }
    Ok(())
}

/// Checks a body's e-mail address and SMTP settings (`[bodies.smtp]`), when it has them.
pub fn check_body_mail(body: &mut BodySpec) -> std::result::Result<(), EntryProblem> {
    let as_problem = |e: crate::Error| match e {
        crate::Error::SmtpSettings { field, detail } => problem(field, detail),
        other => problem("smtp", other.to_string()),
    };
    body.email = (body.email.as_deref().map(str::trim))
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    if let Some(e) = &body.email {
        crate::mail::check_email("email", e).map_err(as_problem)?;
    }
    if let Some(s) = &mut body.smtp {
        crate::mail::check_smtp("smtp", s).map_err(as_problem)?;
    }
    Ok(())
}

/// Checks an entry of the address book and puts its text in the stored form.
pub fn check_address(a: &mut AddressSpec) -> std::result::Result<(), EntryProblem> {
    a.name = clean(&a.name);
    a.email = a.email.trim().to_owned();
    required(&a.name, "name", "Tên nơi nhận (như in ở phần Nơi nhận)")?;
    crate::mail::check_email("email", &a.email).map_err(|e| match e {
        crate::Error::SmtpSettings { field, detail } => problem(field, detail),
        other => problem("email", other.to_string()),
    })
}

/// Checks an exchange organ (a recipient with an organ id) and puts its text in the stored form.
pub fn check_organ(organ: &mut OrganSpec) -> std::result::Result<(), EntryProblem> {
    organ.organ_id = organ.organ_id.trim().to_owned();
    organ.name = clean(&organ.name);
    vanban_core::directory::check_organ_id("organ_id", &organ.organ_id).map_err(organ_problem)?;
    required(&organ.name, "name", "Tên cơ quan nhận")?;
    Ok(())
}

/// Checks every entry of a directory file, as `directory import` does before writing anything;
/// the field of a problem names the entry (`people[2].login`).
pub fn check_directory(dir: &mut Directory) -> std::result::Result<(), EntryProblem> {
    fn each<T>(
        list: &mut [T],
        name: &str,
        check: fn(&mut T) -> std::result::Result<(), EntryProblem>,
    ) -> std::result::Result<(), EntryProblem> {
        for (i, entry) in list.iter_mut().enumerate() {
            check(entry).map_err(|p| problem(format!("{name}[{i}].{}", p.field), p.message))?;
        }
        Ok(())
    }
    // An organ id's problem names its entry in the message too: a file has no screen beside it.
    let named = |p: EntryProblem| problem(p.field.clone(), format!("{}: {}", p.field, p.message));
    each(&mut dir.bodies, "bodies", check_body_organ).map_err(named)?;
    each(&mut dir.bodies, "bodies", check_body_mail).map_err(named)?;
    each(&mut dir.addresses, "addresses", check_address).map_err(named)?;
    each(&mut dir.units, "units", check_unit)?;
    each(&mut dir.organs, "organs", check_organ).map_err(named)?;
    each(&mut dir.people, "people", check_person)?;
    each(&mut dir.delegations, "delegations", check_delegation)?;
    each(&mut dir.recipient_groups, "recipient_groups", check_group)?;
    each(&mut dir.registers, "registers", check_register)
}

/// The body the edited entry belongs to.
fn edit_body(edit: &DirectoryEdit) -> &str {
    match edit {
        DirectoryEdit::PutBody { abbreviation, .. } => abbreviation,
        DirectoryEdit::PutUnit { unit, .. } => &unit.body,
        DirectoryEdit::PutPerson { person, .. } => person.body.as_deref().unwrap_or_default(),
        DirectoryEdit::PutDelegation { delegation, .. }
        | DirectoryEdit::RemoveDelegation { delegation } => &delegation.body,
        DirectoryEdit::PutRecipientGroup { group, .. } => &group.body,
        DirectoryEdit::RemoveRecipientGroup { body, .. } => body,
        DirectoryEdit::PutRegister { register, .. } => &register.body,
        DirectoryEdit::PutSigningMaterial { body, .. } => body,
    }
}

impl Workflow {
    /// Imports a directory file; administrators only. Every entry is checked first by the
    /// rules the directory screen applies ([`check_directory`]); nothing is written when one
    /// breaks them.
    pub fn import_directory(
        &mut self,
        stamp: &Stamp,
        directory: &Directory,
    ) -> Result<vanban_store::ImportSummary> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        let mut directory = directory.clone();
        check_directory(&mut directory)?;
        Ok(self.store.import_directory(&directory, stamp)?)
    }

    /// The whole directory, for `vanban directory export` (admin only).
    pub fn export_directory(&self, stamp: &Stamp) -> Result<Directory> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        Ok(self.store.export_directory()?)
    }

    /// The recipient groups of the person's body, in the directory's order.
    pub fn recipient_groups(&self, login: &str) -> Result<Vec<vanban_store::RecipientGroupSpec>> {
        let person = self
            .store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))?;
        let Some(body) = person
            .body
            .map(|id| self.store.body(id))
            .transpose()?
            .flatten()
        else {
            return Ok(Vec::new());
        };
        Ok(self
            .store
            .export_directory()?
            .recipient_groups
            .into_iter()
            .filter(|g| g.body == body.abbreviation)
            .collect())
    }

    /// The directory of the administrator's own body, as a directory file holds it (units with
    /// their abbreviations, people with their role names and unit, delegations with who
    /// delegates): what the directory screen edits. Administrators only.
    pub fn own_directory(&self, stamp: &Stamp) -> Result<Directory> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        let Some(body) = person
            .body
            .map(|b| self.store.body(b))
            .transpose()?
            .flatten()
        else {
            return Ok(Directory::default());
        };
        let all = self.store.export_directory()?;
        let own = |b: &str| b == body.abbreviation;
        Ok(Directory {
            bodies: all
                .bodies
                .into_iter()
                .filter(|b| own(&b.abbreviation))
                .collect(),
            units: all.units.into_iter().filter(|u| own(&u.body)).collect(),
            people: all
                .people
                .into_iter()
                .filter(|p| p.body.as_deref().is_some_and(own))
                .collect(),
            delegations: all
                .delegations
                .into_iter()
                .filter(|d| own(&d.body))
                .collect(),
            recipient_groups: all
                .recipient_groups
                .into_iter()
                .filter(|g| own(&g.body))
                .collect(),
            registers: all.registers.into_iter().filter(|r| own(&r.body)).collect(),
            organs: all.organs.into_iter().filter(|o| own(&o.body)).collect(),
            addresses: all.addresses.into_iter().filter(|a| own(&a.body)).collect(),
        })
    }

    /// What the administrator's body seals with (first, no login), then what each person of
    /// the body who has something set signs with: what the directory screen shows.
    /// Administrators only.
    pub fn own_signing_material(
        &self,
        stamp: &Stamp,
    ) -> Result<Vec<(Option<String>, SigningMaterial)>> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        let Some(body) = person.body else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        if let Some(m) = self.store.signing_material(Owner::Body(body))? {
            out.push((None, m));
        }
        for p in self.store.people()? {
            if p.body == Some(body)
                && let Some(m) = self.store.signing_material(Owner::Person(p.id))?
            {
                out.push((Some(p.login), m));
            }
        }
        Ok(out)
    }

    /// Saves one change of the directory made on the directory screen: administrators only,
    /// in their own body; the entry is checked by the rules of `directory import` (a refusal
    /// names the field), and a unit's name must differ from the body's other units'.
    pub fn edit_directory(&mut self, stamp: &Stamp, mut edit: DirectoryEdit) -> Result<()> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        let body = person
            .body
            .map(|b| self.store.body(b))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::NotAllowed {
                person: person.login.clone(),
                action: Action::ManageDirectory.label(),
                reason: "người này không thuộc cơ quan nào; hãy nhập danh bạ cơ quan trước".into(),
            })?;
        match &mut edit {
            DirectoryEdit::PutBody {
                name,
                parent_name,
                place,
                ..
            } => {
                *name = clean(name);
                *place = clean(place);
                *parent_name = parent_name.as_deref().map(clean).filter(|p| !p.is_empty());
                required(name, "name", "Tên cơ quan")?;
                required(place, "place", "Địa danh")?;
            }
            DirectoryEdit::PutUnit { unit, previous } => {
                check_unit(unit)?;
                let key = unit_key(&unit.name);
                let same_name = self.store.units(body.id)?.into_iter().any(|u| {
                    Some(&u.abbreviation) != previous.as_ref()
                        && u.abbreviation != unit.abbreviation
                        && unit_key(&u.name) == key
                });
                if same_name {
                    return Err(
                        problem("name", format!("Đã có đơn vị tên “{}”.", unit.name)).into(),
                    );
                }
            }
            DirectoryEdit::PutPerson { person, .. } => check_person(person)?,
            DirectoryEdit::PutDelegation { delegation, .. } => check_delegation(delegation)?,
            DirectoryEdit::PutRecipientGroup { group, .. } => check_group(group)?,
            DirectoryEdit::PutRegister { register, .. } => check_register(register)?,
            DirectoryEdit::PutSigningMaterial {
                person, material, ..
            } => check_signing_material(material, person.is_none(), stamp.at)?,
            _ => {}
        }
        if edit_body(&edit) != body.abbreviation {
            return Err(Error::NotAllowed {
                person: person.login,
                action: Action::ManageDirectory.label(),
                reason: format!(
                    "chỉ sửa được danh bạ của cơ quan mình ({})",
                    body.abbreviation
                ),
            });
        }
        Ok(self.store.edit_directory(&edit, stamp)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_unit_name_is_refused_naming_the_field() {
        let mut unit = UnitSpec {
            body: "STTTT".into(),
            abbreviation: " KHTC ".into(),
            name: "   ".into(),
            active: true,
        };
        let p = check_unit(&mut unit).expect_err("refused");
        assert_eq!(p.field, "name");
        assert_eq!(p.message, "Tên đơn vị không được để trống.");
        assert_eq!(unit.abbreviation, "KHTC");
    }

    #[test]
    fn a_login_with_a_space_or_an_accent_is_refused() {
        for login in ["nguyen van", "nguyễn", ""] {
            let mut p = PersonSpec {
                login: login.into(),
                name: "Nguyễn Văn An".into(),
                roles: vec![vanban_store::Role::Drafter],
                ..PersonSpec::default()
            };
            assert_eq!(check_person(&mut p).expect_err(login).field, "login");
        }
    }

    #[test]
    fn a_group_member_twice_or_blank_is_refused_at_its_place() {
        let mut g = RecipientGroupSpec {
            body: "STTTT".into(),
            name: "Các huyện".into(),
            members: vec![
                "UBND huyện A".into(),
                "UBND huyện B".into(),
                "ubnd huyện a".into(),
            ],
        };
        let p = check_group(&mut g).expect_err("twice");
        assert_eq!(p.field, "members[2]");
        g.members[2] = " ".into();
        assert_eq!(check_group(&mut g).expect_err("blank").field, "members[2]");
    }

    #[test]
    fn a_delegation_ending_before_it_starts_is_refused() {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).expect("date");
        let mut d = DelegationSpec {
            body: "STTTT".into(),
            from: None,
            to: "pgd".into(),
            kind: vanban_core::model::AuthorityKind::KyThay,
            of: "GIÁM ĐỐC".into(),
            valid_from: day(3, 1),
            valid_to: Some(day(2, 1)),
        };
        assert_eq!(
            check_delegation(&mut d).expect_err("dates").field,
            "valid_to"
        );
    }

    #[test]
    fn an_imported_file_names_the_entry_of_a_problem() {
        let mut dir = crate::workflow::demo_directory("admin");
        dir.people[2].name = String::new();
        let p = check_directory(&mut dir).expect_err("refused");
        assert_eq!(p.field, "people[2].name");
        assert_eq!(p.message, "Họ và tên không được để trống.");
    }
}
