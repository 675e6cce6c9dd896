//! The directory: bodies, units, people and their PINs, delegations, recipient groups and
//! registers — imported from a directory file, exported as one, edited entry by entry.

use super::signatures::{owner_key, put_signing_material};
use super::{append_audit, body_id, person_id};
use crate::db::{Json, Param, Tx, from_row, serde_name};
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

/// An entry of a body's directory that the directory screen adds or changes by a key unique
/// in the body: a unit by its abbreviation, a recipient group or a register by its name.
struct Keyed {
    table: &'static str,
    key: &'static str,
    /// The columns an edit sets, the key's first.
    columns: &'static [&'static str],
    what: &'static str,
}

const UNIT: Keyed = Keyed {
    table: "units",
    key: "abbreviation",
    columns: &["abbreviation", "name", "active"],
    what: "đơn vị",
};
const GROUP: Keyed = Keyed {
    table: "recipient_groups",
    key: "name",
    columns: &["name", "members"],
    what: "nhóm nơi nhận",
};
const REGISTER: Keyed = Keyed {
    table: "registers",
    key: "name",
    columns: &["name", "doc_types", "secret"],
    what: "sổ văn bản đi",
};

/// Adds an entry of `kind` to `body`, or changes the one whose key was `previous`: its columns
/// are set to `values` (the key's first: `new_key`). A key another entry of the body already
/// has is refused, and so is a `previous` that names none.
fn put_keyed(
    tx: &mut Tx<'_>,
    kind: &Keyed,
    (body, previous): (BodyId, Option<&str>),
    new_key: &str,
    values: &[&dyn Param],
) -> Result<()> {
    let Keyed { table, key, .. } = kind;
    let taken = previous != Some(new_key)
        && tx.exists(
            &format!("SELECT 1 FROM {table} WHERE body_id = $1 AND {key} = $2"),
            &[&body, &new_key],
        )?;
    if taken {
        return Err(StoreError::already_in_directory(kind.what, new_key));
    }
    let n = kind.columns.len();
    let mut all: Vec<&dyn Param> = values.to_vec();
    match previous {
        Some(prev) => {
            let sets: Vec<String> = (kind.columns.iter().enumerate())
                .map(|(i, c)| format!("{c} = ${}", i + 1))
                .collect();
            all.extend([&body as &dyn Param, &prev]);
            let sql = format!(
                "UPDATE {table} SET {} WHERE body_id = ${} AND {key} = ${}",
                sets.join(", "),
                n + 1,
                n + 2
            );
            if tx.exec(&sql, &all)? == 0 {
                return Err(StoreError::not_in_directory(kind.what, prev));
            }
        }
        None => {
            all.insert(0, &body);
            let marks: Vec<String> = (1..=n + 1).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO {table} (body_id, {}) VALUES ({})",
                kind.columns.join(", "),
                marks.join(", ")
            );
            tx.exec(&sql, &all)?;
        }
    }
    Ok(())
}

fn unit_id(tx: &mut Tx<'_>, body: BodyId, abbreviation: &str) -> Result<i64> {
    let sql = "SELECT id FROM units WHERE body_id = $1 AND abbreviation = $2";
    let id = tx.opt(sql, &[&body, &abbreviation])?;
    id.ok_or_else(|| StoreError::not_in_directory("đơn vị", abbreviation))
}

/// A person's body and unit ids, from their abbreviations.
fn placement(tx: &mut Tx<'_>, p: &PersonSpec) -> Result<(Option<BodyId>, Option<i64>)> {
    let body = p.body.as_deref().map(|b| body_id(tx, b)).transpose()?;
    let unit = match (body, p.unit.as_deref()) {
        (Some(body), Some(unit)) => Some(unit_id(tx, body, unit)?),
        _ => None,
    };
    Ok((body, unit))
}

/// Refuses a type slug that names no document type.
fn known_types(types: &[String]) -> Result<()> {
    match types
        .iter()
        .find(|t| vanban_core::DocumentType::from_slug(t).is_none())
    {
        Some(t) => Err(StoreError::not_in_directory("loại văn bản", t)),
        None => Ok(()),
    }
}

/// The key of a delegation, as messages show it.
fn delegation_key(d: &DelegationSpec) -> String {
    let kind = serde_name(&d.kind);
    format!("{} {kind}. {} từ {}", d.to, d.of, d.valid_from)
}

/// Deletes the delegation `d` names; false when there is none.
fn delete_delegation(tx: &mut Tx<'_>, d: &DelegationSpec) -> Result<bool> {
    let body = body_id(tx, &d.body)?;
    let to = person_id(tx, &d.to)?;
    let n = tx.exec(
        "DELETE FROM delegations WHERE body_id = $1 AND delegate_id = $2 AND kind = $3 \
         AND of_title = $4 AND valid_from = $5",
        &[&body, &to, &d.kind, &d.of, &d.valid_from],
    )?;
    Ok(n > 0)
}

const INSERT_DELEGATION: &str = "INSERT INTO delegations (body_id, delegator_id, delegate_id, \
     kind, of_title, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// Writes a delegation: `upsert` replaces the one with the same delegate, kind, head and
/// first day (an import); otherwise such a one is refused (an edit).
fn put_delegation(tx: &mut Tx<'_>, d: &DelegationSpec, upsert: bool) -> Result<()> {
    let body = body_id(tx, &d.body)?;
    let from = d.from.as_deref().map(|l| person_id(tx, l)).transpose()?;
    let to = person_id(tx, &d.to)?;
    let values: [&dyn Param; 7] = [
        &body,
        &from,
        &to,
        &d.kind,
        &d.of,
        &d.valid_from,
        &d.valid_to,
    ];
    if upsert {
        tx.exec(
            &format!(
                "{INSERT_DELEGATION} ON CONFLICT (delegate_id, kind, of_title, valid_from) DO \
                 UPDATE SET body_id = excluded.body_id, delegator_id = excluded.delegator_id, \
                 valid_to = excluded.valid_to"
            ),
            &values,
        )?;
        return Ok(());
    }
    let clash = tx.exists(
        "SELECT 1 FROM delegations WHERE delegate_id = $1 AND kind = $2 \
         AND of_title = $3 AND valid_from = $4",
        &[&to, &d.kind, &d.of, &d.valid_from],
    )?;
    if clash {
        return Err(StoreError::already_in_directory(
            "ủy quyền",
            delegation_key(d),
        ));
    }
    tx.exec(INSERT_DELEGATION, &values)?;
    Ok(())
}

/// One directory edit inside the caller's transaction.
fn apply_edit(tx: &mut Tx<'_>, edit: &DirectoryEdit) -> Result<()> {
    match edit {
        DirectoryEdit::PutBody {
            abbreviation,
            name,
            parent_name,
            place,
        } => {
            let n = tx.exec(
                "UPDATE bodies SET name = $1, parent_name = $2, place = $3 \
                 WHERE abbreviation = $4",
                &[name, parent_name, place, abbreviation],
            )?;
            if n == 0 {
                return Err(StoreError::not_in_directory("cơ quan", abbreviation));
            }
        }
        DirectoryEdit::PutUnit { previous, unit: u } => {
            let body = body_id(tx, &u.body)?;
            let values: [&dyn Param; 3] = [&u.abbreviation, &u.name, &u.active];
            put_keyed(
                tx,
                &UNIT,
                (body, previous.as_deref()),
                &u.abbreviation,
                &values,
            )?;
        }
        DirectoryEdit::PutPerson {
            previous,
            person: p,
        } => {
            let (body, unit) = placement(tx, p)?;
            let clash = previous.as_deref() != Some(p.login.as_str())
                && tx.exists("SELECT 1 FROM people WHERE login = $1", &[&p.login])?;
            if clash {
                return Err(StoreError::already_in_directory("người dùng", &p.login));
            }
            let (titles, roles) = (Json(&p.titles), Json(&p.roles));
            match previous {
                Some(prev) => {
                    let n = tx.exec(
                        "UPDATE people SET login = $1, name = $2, titles = $3, roles = $4, \
                         body_id = $5, unit_id = $6 WHERE login = $7",
                        &[&p.login, &p.name, &titles, &roles, &body, &unit, prev],
                    )?;
                    if n == 0 {
                        return Err(StoreError::not_in_directory("người dùng", prev));
                    }
                }
                None => {
                    tx.exec(
                        "INSERT INTO people (login, name, titles, roles, body_id, unit_id) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                        &[&p.login, &p.name, &titles, &roles, &body, &unit],
                    )?;
                }
            }
        }
        DirectoryEdit::PutDelegation {
            previous,
            delegation,
        } => {
            if let Some(prev) = previous
                && !delete_delegation(tx, prev)?
            {
                return Err(StoreError::not_in_directory(
                    "ủy quyền",
                    delegation_key(prev),
                ));
            }
            put_delegation(tx, delegation, false)?;
        }
        DirectoryEdit::RemoveDelegation { delegation } => {
            if !delete_delegation(tx, delegation)? {
                return Err(StoreError::not_in_directory(
                    "ủy quyền",
                    delegation_key(delegation),
                ));
            }
        }
        DirectoryEdit::PutRecipientGroup { previous, group: g } => {
            let body = body_id(tx, &g.body)?;
            let values: [&dyn Param; 2] = [&g.name, &Json(&g.members)];
            put_keyed(tx, &GROUP, (body, previous.as_deref()), &g.name, &values)?;
        }
        DirectoryEdit::RemoveRecipientGroup { body, name } => {
            let body = body_id(tx, body)?;
            let n = tx.exec(
                "DELETE FROM recipient_groups WHERE body_id = $1 AND name = $2",
                &[&body, name],
            )?;
            if n == 0 {
                return Err(StoreError::not_in_directory("nhóm nơi nhận", name));
            }
        }
        DirectoryEdit::PutRegister {
            previous,
            register: r,
        } => {
            let body = body_id(tx, &r.body)?;
            known_types(&r.types)?;
            let values: [&dyn Param; 3] = [&r.name, &Json(&r.types), &r.secret];
            put_keyed(tx, &REGISTER, (body, previous.as_deref()), &r.name, &values)?;
        }
        DirectoryEdit::PutSigningMaterial {
            body,
            person,
            material: m,
        } => {
            let body = body_id(tx, body)?;
            let owner = match person {
                Some(login) => Owner::Person(
                    tx.opt(
                        "SELECT id FROM people WHERE login = $1 AND body_id = $2",
                        &[login, &body],
                    )?
                    .ok_or_else(|| StoreError::not_in_directory("người dùng", login))?,
                ),
                None => Owner::Body(body),
            };
            let (kind, id) = owner_key(owner);
            tx.exec(
                "DELETE FROM signing_material WHERE owner_kind = $1 AND owner_id = $2",
                &[&kind, &id],
            )?;
            let (cert, image) = (m.certificate.as_deref(), m.image_png.as_deref());
            put_signing_material(tx, owner, cert, image, m.seal_diameter_mm)?;
        }
    }
    Ok(())
}

from_row!(Person: id, login, name, titles, roles, body, unit, has_pin);

const PERSON_SELECT: &str = "SELECT p.id, p.login, p.name, p.titles, p.roles, p.body_id, \
     u.name, EXISTS (SELECT 1 FROM pins WHERE person_id = p.id) FROM people p \
     LEFT JOIN units u ON u.id = p.unit_id";

from_row!(Body: id, abbreviation, name, parent_name, place, address_line, organ_id, email);

from_row!(Register: id, body, name, types, secret);

from_row!(Unit: body, abbreviation, name, active);

from_row!(RecipientGroup: body, name, members);

from_row!(Delegation: body, delegate, kind, of, valid_from, valid_to);

// The entries of a directory file, as exported.

// The certificate's path as stored (absolute); images are kept in the database only and are
// not written back as files.
from_row!(BodySpec: abbreviation, name, parent_name, place, address_line, certificate, seal_diameter_mm, organ_id, email; ..BodySpec::default);

from_row!(OrganSpec: body, organ_id, name, address, email, telephone, attach);

from_row!(AddressSpec: body, name, email);

from_row!(SmtpSpec: host, port, tls, user, sender, sender_name);

from_row!(UnitSpec: body, abbreviation, name, active);

from_row!(PersonSpec: login, name, titles, roles, body, unit, certificate; ..PersonSpec::default);

from_row!(DelegationSpec: body, from, to, kind, of, valid_from, valid_to);

from_row!(RecipientGroupSpec: body, name, members);

from_row!(RegisterSpec: body, name, types, secret);

impl Store {
    /// Adds or updates bodies, units, people, delegations, recipient groups and registers, all
    /// in one transaction (all or nothing). Entries are matched by their natural keys (a body's
    /// abbreviation, a person's login, a register's name within its body).
    pub fn import_directory(&mut self, dir: &Directory, stamp: &Stamp) -> Result<ImportSummary> {
        self.write(|tx| {
            for b in &dir.bodies {
                tx.exec(
                    "INSERT INTO bodies (abbreviation, name, parent_name, place, address_line, \
                     organ_id, email) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT \
                     (abbreviation) DO UPDATE SET name = excluded.name, \
                     parent_name = excluded.parent_name, place = excluded.place, \
                     address_line = excluded.address_line, \
                     organ_id = COALESCE(excluded.organ_id, bodies.organ_id), \
                     email = COALESCE(excluded.email, bodies.email)",
                    &[
                        &b.abbreviation,
                        &b.name,
                        &b.parent_name,
                        &b.place,
                        &b.address_line,
                        &b.organ_id,
                        &b.email,
                    ],
                )?;
                let id = body_id(tx, &b.abbreviation)?;
                if let Some(smtp) = &b.smtp {
                    super::email::put_smtp(tx, id, smtp)?;
                }
                let owner = Owner::Body(id);
                let (cert, seal) = (b.certificate.as_deref(), b.seal_png.as_deref());
                put_signing_material(tx, owner, cert, seal, b.seal_diameter_mm)?;
            }
            for u in &dir.units {
                let body = body_id(tx, &u.body)?;
                tx.exec(
                    "INSERT INTO units (body_id, abbreviation, name, active) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (body_id, abbreviation) DO UPDATE \
                     SET name = excluded.name, active = excluded.active",
                    &[&body, &u.abbreviation, &u.name, &u.active],
                )?;
            }
            for p in &dir.people {
                let (body, unit) = placement(tx, p)?;
                tx.exec(
                    "INSERT INTO people (login, name, titles, roles, body_id, unit_id) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (login) DO UPDATE SET \
                     name = excluded.name, titles = excluded.titles, roles = excluded.roles, \
                     body_id = excluded.body_id, unit_id = excluded.unit_id",
                    &[
                        &p.login,
                        &p.name,
                        &Json(&p.titles),
                        &Json(&p.roles),
                        &body,
                        &unit,
                    ],
                )?;
                let owner = Owner::Person(person_id(tx, &p.login)?);
                let (cert, image) = (p.certificate.as_deref(), p.signature_png.as_deref());
                put_signing_material(tx, owner, cert, image, None)?;
            }
            for d in &dir.delegations {
                put_delegation(tx, d, true)?;
            }
            // After the people, whom they name.
            for b in &dir.bodies {
                let body = body_id(tx, &b.abbreviation)?;
                super::copies::put_copy_signers(tx, body, &b.copy_signers)?;
            }
            for g in &dir.recipient_groups {
                let body = body_id(tx, &g.body)?;
                tx.exec(
                    "INSERT INTO recipient_groups (body_id, name, members) VALUES ($1, $2, $3) \
                     ON CONFLICT (body_id, name) DO UPDATE SET members = excluded.members",
                    &[&body, &g.name, &Json(&g.members)],
                )?;
            }
            for r in &dir.registers {
                let body = body_id(tx, &r.body)?;
                known_types(&r.types)?;
                tx.exec(
                    "INSERT INTO registers (body_id, name, doc_types, secret) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (body_id, name) DO UPDATE SET \
                     doc_types = excluded.doc_types, secret = excluded.secret",
                    &[&body, &r.name, &Json(&r.types), &r.secret],
                )?;
            }
            for o in &dir.organs {
                let body = body_id(tx, &o.body)?;
                tx.exec(
                    "INSERT INTO organs (body_id, organ_id, name, address, email, telephone, \
                     attach) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT \
                     (body_id, organ_id) DO UPDATE SET name = excluded.name, \
                     address = excluded.address, email = excluded.email, \
                     telephone = excluded.telephone, attach = excluded.attach",
                    &[
                        &body,
                        &o.organ_id,
                        &o.name,
                        &o.address,
                        &o.email,
                        &o.telephone,
                        &o.attach,
                    ],
                )?;
            }
            for a in &dir.addresses {
                let body = body_id(tx, &a.body)?;
                tx.exec(
                    "INSERT INTO addresses (body_id, name, email) VALUES ($1, $2, $3) \
                     ON CONFLICT (body_id, name) DO UPDATE SET email = excluded.email",
                    &[&body, &a.name, &a.email],
                )?;
            }
            let summary = ImportSummary {
                bodies: dir.bodies.len(),
                units: dir.units.len(),
                people: dir.people.len(),
                delegations: dir.delegations.len(),
                recipient_groups: dir.recipient_groups.len(),
                registers: dir.registers.len(),
            };
            let details = serde_json::to_value(summary).unwrap_or_default();
            append_audit(tx, stamp, "directory-import", None, None, &details)?;
            Ok(summary)
        })
    }

    /// The whole directory as a directory file holds it — what `import_directory` reads back —
    /// so that a province can hand one directory to every department (read in one snapshot).
    pub fn export_directory(&self) -> Result<Directory> {
        self.snapshot(|tx| {
            let mut bodies: Vec<BodySpec> = tx.all(
                "SELECT b.abbreviation, b.name, b.parent_name, b.place, b.address_line, \
                     m.certificate, m.seal_diameter_mm, b.organ_id, b.email FROM bodies b \
                     LEFT JOIN signing_material m ON m.owner_kind = 'body' \
                     AND m.owner_id = b.id ORDER BY b.id",
                &[],
            )?;
            for b in &mut bodies {
                b.smtp = tx.opt(
                    &format!("{} WHERE b.abbreviation = $1", super::email::SMTP_SELECT),
                    &[&b.abbreviation],
                )?;
                b.copy_signers = tx.all(
                    "SELECT p.login FROM copy_signers c JOIN people p ON p.id = c.person_id \
                     JOIN bodies b ON b.id = c.body_id WHERE b.abbreviation = $1 ORDER BY p.id",
                    &[&b.abbreviation],
                )?;
            }
            Ok(Directory {
                bodies,
                units: tx.all(
                    "SELECT b.abbreviation, u.abbreviation, u.name, u.active FROM units u \
                     JOIN bodies b ON b.id = u.body_id ORDER BY u.id",
                    &[],
                )?,
                people: tx.all(
                    "SELECT p.login, p.name, p.titles, p.roles, b.abbreviation, \
                     u.abbreviation, m.certificate FROM people p \
                     LEFT JOIN bodies b ON b.id = p.body_id \
                     LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN signing_material m \
                     ON m.owner_kind = 'person' AND m.owner_id = p.id ORDER BY p.id",
                    &[],
                )?,
                delegations: tx.all(
                    "SELECT b.abbreviation, f.login, t.login, d.kind, d.of_title, \
                     d.valid_from, d.valid_to FROM delegations d \
                     JOIN bodies b ON b.id = d.body_id \
                     LEFT JOIN people f ON f.id = d.delegator_id \
                     JOIN people t ON t.id = d.delegate_id ORDER BY d.id",
                    &[],
                )?,
                recipient_groups: tx.all(
                    "SELECT b.abbreviation, g.name, g.members FROM recipient_groups g \
                     JOIN bodies b ON b.id = g.body_id ORDER BY g.id",
                    &[],
                )?,
                registers: tx.all(
                    "SELECT b.abbreviation, r.name, r.doc_types, r.secret FROM registers r \
                     JOIN bodies b ON b.id = r.body_id ORDER BY r.id",
                    &[],
                )?,
                organs: tx.all(
                    "SELECT b.abbreviation, o.organ_id, o.name, o.address, o.email, \
                     o.telephone, o.attach FROM organs o JOIN bodies b ON b.id = o.body_id \
                     ORDER BY o.id",
                    &[],
                )?,
                addresses: tx.all(
                    &format!("{} ORDER BY a.id", super::email::ADDRESS_SELECT),
                    &[],
                )?,
            })
        })
    }

    /// Applies one change of the directory made on the directory screen, in one transaction
    /// with its audit row (the change as JSON). A `previous` key that names nothing is
    /// [`StoreError::NotInDirectory`]; a new key that another entry has is
    /// [`StoreError::AlreadyInDirectory`].
    pub fn edit_directory(&mut self, edit: &DirectoryEdit, stamp: &Stamp) -> Result<()> {
        self.write(|tx| {
            apply_edit(tx, edit)?;
            let details = serde_json::to_value(edit).unwrap_or_default();
            append_audit(tx, stamp, edit.action(), None, None, &details)?;
            Ok(())
        })
    }

    /// The hash of a person's PIN (a PHC string such as `$argon2id$v=19$…`), when they have
    /// one. The PIN itself is never stored.
    pub fn pin_hash(&self, login: &str) -> Result<Option<String>> {
        self.opt(
            "SELECT n.hash FROM pins n JOIN people p ON p.id = n.person_id \
             WHERE p.login = $1",
            &[&login],
        )
    }

    /// Sets (`Some`) or removes (`None`) the hash of a person's PIN, with an audit row that
    /// names the person and never holds the hash.
    pub fn set_pin(&mut self, login: &str, hash: Option<&str>, stamp: &Stamp) -> Result<()> {
        self.write(|tx| {
            let person = person_id(tx, login)?;
            let action = match hash {
                Some(hash) => {
                    tx.exec(
                        "INSERT INTO pins (person_id, hash) VALUES ($1, $2) \
                         ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash",
                        &[&person, &hash],
                    )?;
                    "pin-set"
                }
                None => {
                    tx.exec("DELETE FROM pins WHERE person_id = $1", &[&person])?;
                    "pin-clear"
                }
            };
            let details = serde_json::json!({ "person": login });
            append_audit(tx, stamp, action, None, None, &details)?;
            Ok(())
        })
    }

    /// A person by login.
    pub fn person(&self, login: &str) -> Result<Option<Person>> {
        self.opt(&format!("{PERSON_SELECT} WHERE p.login = $1"), &[&login])
    }

    /// Everybody in the directory, by login.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.all(&format!("{PERSON_SELECT} ORDER BY p.login"), &[])
    }

    /// A body by id.
    pub fn body(&self, id: BodyId) -> Result<Option<Body>> {
        self.opt(
            "SELECT id, abbreviation, name, parent_name, place, address_line, organ_id, \
             email FROM bodies WHERE id = $1",
            &[&id],
        )
    }

    /// The registers of a body.
    pub fn registers(&self, body: BodyId) -> Result<Vec<Register>> {
        self.all(
            "SELECT id, body_id, name, doc_types, secret FROM registers WHERE body_id = $1 \
             ORDER BY id",
            &[&body],
        )
    }

    /// The units of a body, by name.
    pub fn units(&self, body: BodyId) -> Result<Vec<Unit>> {
        self.all(
            "SELECT body_id, abbreviation, name, active FROM units WHERE body_id = $1 \
             ORDER BY name",
            &[&body],
        )
    }

    /// The recipient groups of a body, by name.
    pub fn recipient_groups(&self, body: BodyId) -> Result<Vec<RecipientGroup>> {
        self.all(
            "SELECT body_id, name, members FROM recipient_groups WHERE body_id = $1 \
             ORDER BY name",
            &[&body],
        )
    }

    /// The delegations recorded for a person (as the one who signs).
    pub fn delegations_to(&self, person: PersonId) -> Result<Vec<Delegation>> {
        self.all(
            "SELECT body_id, delegate_id, kind, of_title, valid_from, valid_to \
             FROM delegations WHERE delegate_id = $1 ORDER BY id",
            &[&person],
        )
    }
}
