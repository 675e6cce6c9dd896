//! The shapes of the body's style profile (Thể thức trình bày). Each is made from a library type by
//! a `From`, so a change on either side fails to compile rather than drifting.

use serde::{Deserialize, Serialize};

/// One value of the body's style profile, as the settings form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StyleEntryView {
    /// The key (`sizes.body`): what a refusal's `detail` names.
    pub key: String,
    /// The group of the form: Trang, Cỡ chữ, Đoạn văn, Phần đầu, Phần cuối.
    pub group: String,
    /// What it is, in Vietnamese.
    pub label: String,
    /// Its unit (mm, pt, cm, dòng, phần).
    pub unit: String,
    /// The value now.
    pub value: f32,
    /// The smallest allowed.
    pub min: f32,
    /// The largest allowed.
    pub max: f32,
    /// The only values allowed, when the decree names them (the first-line indent); else
    /// empty.
    pub choices: Vec<f32>,
    /// The allowed values in words ("13–14 pt").
    pub allowed: String,
}

/// The style profile of the person's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StyleProfileView {
    /// Every value, in the form's order.
    pub entries: Vec<StyleEntryView>,
    /// The body chose its own values (false: the decree's default sheet).
    pub custom: bool,
    /// The person may change them (the body's administrator).
    pub may_edit: bool,
}

impl From<vanban_app::workflow::StyleProfile> for StyleProfileView {
    fn from(p: vanban_app::workflow::StyleProfile) -> Self {
        StyleProfileView {
            entries: p
                .entries
                .into_iter()
                .map(|e| StyleEntryView {
                    key: e.key.to_owned(),
                    group: e.group.to_owned(),
                    label: e.label.to_owned(),
                    unit: e.unit.to_owned(),
                    value: e.value,
                    min: e.min,
                    max: e.max,
                    choices: e.choices,
                    allowed: e.allowed.to_owned(),
                })
                .collect(),
            custom: p.custom,
            may_edit: p.may_edit,
        }
    }
}

/// One value of the settings form to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct StyleValueInput {
    /// The key (`sizes.body`).
    pub key: String,
    /// The value typed.
    pub value: f32,
}
