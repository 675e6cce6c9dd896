//! The document templates an organisation keeps for its own people.

use super::{append_audit, known_body, person_id};
use crate::db::from_row;
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

from_row!(TemplateInfo: body, name, doc_type, title, person, at);

from_row!(StoredTemplate: info, json);

const TEMPLATE_COLUMNS: &str = "SELECT t.body_id, t.name, t.doc_type, t.title, p.login, t.at";

impl Store {
    /// Keeps a document template of a body; refused with [`StoreError::DuplicateTemplate`]
    /// when the body already has one of that name (nothing is overwritten). Audited.
    pub fn save_template(&mut self, template: &NewTemplate, stamp: &Stamp) -> Result<TemplateInfo> {
        let t = template;
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            known_body(tx, t.body)?;
            // A second save of the same name waits for the first one's commit on the unique
            // index, then inserts nothing.
            let inserted = tx.exec(
                "INSERT INTO templates (body_id, name, doc_type, title, content, person_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (body_id, name) DO NOTHING",
                &[
                    &t.body,
                    &t.name,
                    &t.doc_type,
                    &t.title,
                    &t.json,
                    &person,
                    &stamp.at,
                ],
            )?;
            if inserted == 0 {
                return Err(StoreError::DuplicateTemplate(t.name.clone()));
            }
            let details = template_details(t.body, &t.name, &t.doc_type, &t.json);
            append_audit(tx, stamp, "template-save", None, None, &details)?;
            Ok(TemplateInfo {
                body: t.body,
                name: t.name.clone(),
                doc_type: t.doc_type.clone(),
                title: t.title.clone(),
                person: stamp.person.clone(),
                at: stamp.at,
            })
        })
    }

    /// The templates of a body, by name, without their content.
    pub fn templates(&self, body: BodyId) -> Result<Vec<TemplateInfo>> {
        self.all(
            &format!(
                "{TEMPLATE_COLUMNS} FROM templates t JOIN people p ON p.id = t.person_id \
                 WHERE t.body_id = $1 ORDER BY t.name"
            ),
            &[&body],
        )
    }

    /// One template of a body, with its content.
    pub fn template(&self, body: BodyId, name: &str) -> Result<Option<StoredTemplate>> {
        self.opt(
            &format!(
                "{TEMPLATE_COLUMNS}, t.content FROM templates t JOIN people p \
                 ON p.id = t.person_id WHERE t.body_id = $1 AND t.name = $2"
            ),
            &[&body, &name],
        )
    }

    /// Deletes a template of a body ([`StoreError::NoTemplate`] when there is none). Audited,
    /// with the hash of the content that was deleted.
    pub fn delete_template(&mut self, body: BodyId, name: &str, stamp: &Stamp) -> Result<()> {
        self.write(|tx| {
            person_id(tx, &stamp.person)?;
            let Some((doc_type, json)) = tx.opt::<(String, String)>(
                "DELETE FROM templates WHERE body_id = $1 AND name = $2 \
                 RETURNING doc_type, content",
                &[&body, &name],
            )?
            else {
                return Err(StoreError::NoTemplate(name.to_owned()));
            };
            let details = template_details(body, name, &doc_type, &json);
            append_audit(tx, stamp, "template-delete", None, None, &details)?;
            Ok(())
        })
    }
}

/// What the audit record keeps of a template saved or deleted: the body, the name, the type and
/// the SHA-256 of its content.
fn template_details(body: BodyId, name: &str, doc_type: &str, json: &str) -> serde_json::Value {
    serde_json::json!({
        "body": body,
        "template": name,
        "type": doc_type,
        "sha256": crate::audit::sha256_hex(json.as_bytes()),
    })
}
