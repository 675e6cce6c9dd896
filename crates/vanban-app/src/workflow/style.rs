//! The style profile of a body (the settings screen's "Thể thức trình bày", `vanban style`):
//! the values of its style sheet, chosen by its administrator within the decree's ranges and
//! kept in the database as TOML. Every layout of the body's documents — exports, the register,
//! the preview, digital signing — uses it; a document signed digitally keeps the sheet it was
//! signed with, so that at issue the number and date land in its blank fields.

use serde::Serialize;
use vanban_render::style::{StyleEntry, StyleError, StyleSheet};
use vanban_store::{BodyId, DocumentId, SignatureStage, Stamp};

use super::{Action, Result, Workflow};
use crate::Error;

/// The style profile of a person's body as the settings screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StyleProfile {
    /// Every value with its label, unit and allowed range, in the form's order.
    pub entries: Vec<StyleEntry>,
    /// Whether the body chose its own values (false: the decree's default sheet).
    pub custom: bool,
    /// Whether the person may change it (the body's administrator).
    pub may_edit: bool,
}

impl Workflow {
    /// The style sheet of a body: its stored profile, else the decree's default.
    pub fn body_style(&self, body: BodyId) -> Result<StyleSheet> {
        match self.store.style_profile(body)? {
            None => Ok(StyleSheet::nd30()),
            Some(text) => StyleSheet::from_toml(&text).map_err(Error::StoredStyle),
        }
    }

    /// The style sheet of the acting person's body (the decree's default for someone of no
    /// body).
    pub fn style_sheet(&self, stamp: &Stamp) -> Result<StyleSheet> {
        match self.actor(stamp)?.body {
            Some(body) => self.body_style(body),
            None => Ok(StyleSheet::nd30()),
        }
    }

    /// The acting person's body's profile with what the settings form needs.
    pub fn style_profile(&self, stamp: &Stamp) -> Result<StyleProfile> {
        let person = self.actor(stamp)?;
        let custom = match person.body {
            Some(body) => self.store.style_profile(body)?.is_some(),
            None => false,
        };
        Ok(StyleProfile {
            entries: self.style_sheet(stamp)?.entries(),
            custom,
            may_edit: person.body.is_some()
                && self.may_act(&person, Action::ManageDirectory, None).is_ok(),
        })
    }

    /// The style sheet a stored document is laid out with: the one its signer's PDF was made
    /// with once signed digitally (the decree's default for files signed before profiles were
    /// kept), else its body's profile.
    pub fn document_style(&self, id: DocumentId) -> Result<StyleSheet> {
        let record = self.loaded(id)?;
        let signed = self
            .store
            .signed_pdfs(id)?
            .into_iter()
            .find(|f| f.stage == SignatureStage::Signer);
        match signed {
            Some(file) => match file.style_toml {
                Some(text) => StyleSheet::from_toml(&text).map_err(Error::StoredStyle),
                None => Ok(StyleSheet::nd30()),
            },
            None => self.body_style(record.body),
        }
    }

    /// Keeps `sheet` as the profile of the administrator's body; refused, naming the value,
    /// when one is outside the decree's range.
    pub fn set_style(&mut self, stamp: &Stamp, sheet: &StyleSheet) -> Result<()> {
        let body = self.administered_body(stamp)?;
        sheet.check()?;
        let text = sheet.to_toml();
        Ok(self.store.set_style_profile(body, Some(&text), stamp)?)
    }

    /// [`Workflow::set_style`] from a TOML text (`vanban style set FILE`).
    pub fn set_style_toml(&mut self, stamp: &Stamp, text: &str) -> Result<StyleSheet> {
        let sheet = StyleSheet::from_toml(text)?;
        self.set_style(stamp, &sheet)?;
        Ok(sheet)
    }

    /// Changes values of the administrator's body's profile by key (the settings form) and
    /// keeps it; the first value outside the decree's range is refused naming it, and nothing
    /// is kept.
    pub fn set_style_values(
        &mut self,
        stamp: &Stamp,
        values: &[(String, f32)],
    ) -> Result<StyleSheet> {
        let body = self.administered_body(stamp)?;
        let mut sheet = self.body_style(body)?;
        for (key, value) in values {
            sheet.set(key, *value)?;
        }
        self.set_style(stamp, &sheet)?;
        Ok(sheet)
    }

    /// Goes back to the decree's default sheet for the administrator's body.
    pub fn reset_style(&mut self, stamp: &Stamp) -> Result<()> {
        let body = self.administered_body(stamp)?;
        Ok(self.store.set_style_profile(body, None, stamp)?)
    }

    /// The body of the acting administrator; refused for anyone else, as directory edits are.
    fn administered_body(&self, stamp: &Stamp) -> Result<BodyId> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::ManageDirectory, None)?;
        person.body.ok_or_else(|| Error::NotAllowed {
            person: person.login.clone(),
            action: "đổi thể thức trình bày",
            reason: "người này không thuộc cơ quan nào; hãy nhập danh bạ cơ quan trước".into(),
        })
    }
}

impl From<StyleError> for Error {
    fn from(e: StyleError) -> Self {
        Error::Style(e)
    }
}
