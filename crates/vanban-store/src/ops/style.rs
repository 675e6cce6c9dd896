//! The style profile of a body: the TOML text of its style sheet.

use super::{append_audit, known_body, person_id};
use crate::types::*;
use crate::{Result, Store};

impl Store {
    /// The style profile of a body: the TOML text of its style sheet, `None` when it uses the
    /// decree's default sheet.
    pub fn style_profile(&self, body: BodyId) -> Result<Option<String>> {
        self.opt(
            "SELECT toml FROM style_profiles WHERE body_id = $1",
            &[&body],
        )
    }

    /// Keeps (`Some`) or clears (`None`) the style profile of a body, in one transaction with
    /// an audit row (`style-profile`) holding the text's SHA-256 (none when cleared). The
    /// store keeps the text as given; the caller checks it against the decree first.
    pub fn set_style_profile(
        &mut self,
        body: BodyId,
        toml: Option<&str>,
        stamp: &Stamp,
    ) -> Result<()> {
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            known_body(tx, body)?;
            match toml {
                Some(text) => tx.exec(
                    "INSERT INTO style_profiles (body_id, toml, person_id, at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (body_id) DO UPDATE SET \
                     toml = excluded.toml, person_id = excluded.person_id, at = excluded.at",
                    &[&body, &text, &person, &stamp.at],
                ),
                None => tx.exec("DELETE FROM style_profiles WHERE body_id = $1", &[&body]),
            }?;
            let details = serde_json::json!({
                "body": body,
                "sha256": toml.map(|t| crate::audit::sha256_hex(t.as_bytes())),
            });
            append_audit(tx, stamp, "style-profile", None, None, &details)?;
            Ok(())
        })
    }
}
