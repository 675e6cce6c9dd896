//! The body's style profile (Thể thức trình bày): shown with each value's allowed range,
//! saved or reset by an administrator; the live preview lays out with it.

pub mod views;

use tauri::State;
use vanban_render::style::StyleSheet;

use crate::error::CommandError;
use crate::state::AppState;
use views::{StyleProfileView, StyleValueInput};

type Result<T> = std::result::Result<T, CommandError>;

/// The style profile of the current person's body, with each value's label, unit and allowed
/// range.
#[tauri::command]
#[specta::specta]
pub async fn style_profile(state: State<'_, AppState>) -> Result<StyleProfileView> {
    state.act(|wf, s| wf.style_profile(s)).map(Into::into)
}

/// Saves the values of the settings form as the body's style profile (administrators only);
/// a value outside the decree's range is refused, its key in `detail`, and nothing is kept.
#[tauri::command]
#[specta::specta]
pub async fn save_style(
    state: State<'_, AppState>,
    values: Vec<StyleValueInput>,
) -> Result<StyleProfileView> {
    save(&state, Some(values))
}

/// Goes back to the decree's default style sheet for the body (administrators only).
#[tauri::command]
#[specta::specta]
pub async fn reset_style(state: State<'_, AppState>) -> Result<StyleProfileView> {
    save(&state, None)
}

/// Saves the settings form's values as the body's style profile, or (`None`) goes back to the
/// decree's default; the live preview follows at once.
fn save(state: &AppState, values: Option<Vec<StyleValueInput>>) -> Result<StyleProfileView> {
    let values: Option<Vec<(String, f32)>> =
        values.map(|v| v.into_iter().map(|v| (v.key, v.value)).collect());
    let (profile, sheet) = state.act(|wf, s| {
        let sheet = match &values {
            Some(values) => wf.set_style_values(s, values)?,
            None => {
                wf.reset_style(s)?;
                StyleSheet::nd30()
            }
        };
        Ok((wf.style_profile(s)?, sheet))
    })?;
    use_style(state, &sheet)?;
    Ok(profile.into())
}

/// Lays the live preview out with `sheet`, the body's style profile: set when a document is
/// opened and when the profile is saved here, so that a keystroke's preview reads nothing from
/// the database.
pub fn use_style(state: &AppState, sheet: &StyleSheet) -> Result<()> {
    state.preview(|p| {
        p.use_sheet(sheet);
        Ok(())
    })
}
