//! Digital signing: the signer signs the approved revision with their key (the directory's
//! certificate file and its password, or their USB token and its PIN), or records a signature
//! on paper; the USB tokens a PKCS#11 module sees, and choosing that module.

pub mod views;

use std::path::{Path, PathBuf};

use tauri::{AppHandle, State};
use vanban_app::Error;
use vanban_app::sign::{KeyChoice, Signer, TokenChoice};
use zeroize::Zeroizing;

use crate::dialogs;
use crate::document::{self, views::OpenDocument};
use crate::error::CommandError;
use crate::state::{AppState, off_runtime};
use views::{KeyInput, SlotView, TokensView};

type Result<T> = std::result::Result<T, CommandError>;

/// Ký: the named signer signs the approved revision; with `key` (the password of the
/// person's certificate file set in the directory, or their USB token's PIN) digitally, the
/// secret wiped after use; without it on paper. Gives the document as it is now.
#[tauri::command]
#[specta::specta]
pub async fn sign_document(
    state: State<'_, AppState>,
    id: i64,
    key: Option<KeyInput>,
) -> Result<OpenDocument> {
    let key = key
        .map(|k| KeySecret::new(k, state.token_module()))
        .transpose()?;
    let opened = state.act(|wf, s| {
        let signer: Box<dyn Signer> = match &key {
            None => {
                wf.sign(s, id)?;
                return document::opened(wf, s, id);
            }
            Some(KeySecret::File(password)) => Box::new(wf.key_for_signing(s, password)?),
            Some(KeySecret::Token {
                module,
                choice,
                pin,
            }) => Box::new(wf.token_for_signing(s, module, choice, pin)?),
        };
        wf.sign_digitally(s, id, signer.as_ref())?;
        document::opened(wf, s, id)
    })?;
    document::shown(&state, opened)
}

/// The USB tokens that the chosen PKCS#11 module sees now (the prompt's list and its
/// refresh). No module chosen yet: none, and the prompt offers to choose one; a module that
/// cannot be loaded (moved, uninstalled, not a PKCS#11 library): its error, to choose another.
#[tauri::command]
#[specta::specta]
pub async fn token_list(state: State<'_, AppState>) -> Result<TokensView> {
    let module = state.token_module();
    let (slots, error) = match &module {
        None => (Vec::new(), None),
        Some(m) => match slots_of(m) {
            Ok(slots) => (slots, None),
            Err(e) => (Vec::new(), Some(e)),
        },
    };
    Ok(TokensView {
        module: module.map(|m| m.display().to_string()),
        slots,
        error,
    })
}

/// Chooses the USB token's PKCS#11 module in the system's open dialog; a module that loads is
/// kept in the settings and its tokens are given; one that does not is refused and the
/// earlier choice stays. Nothing when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_token_module(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<TokensView>> {
    let Some(module) = dialogs::token_module(&app)? else {
        return Ok(None);
    };
    let slots = slots_of(&module)?;
    state.set_token_module(module.clone())?;
    Ok(Some(TokensView {
        module: Some(module.display().to_string()),
        slots,
        error: None,
    }))
}

fn slots_of(module: &Path) -> Result<Vec<SlotView>> {
    let slots = off_runtime(|| vanban_app::sign::list_tokens(module))
        .map_err(|e| CommandError::from(Error::from(e)))?;
    Ok(slots.iter().map(SlotView::from).collect())
}

/// A key's secret as the prompt sent it, wiped when dropped.
pub(crate) enum KeySecret {
    /// The directory's PKCS#12 file and its password.
    File(Zeroizing<String>),
    /// A USB token through `module`, the token and key chosen, and the PIN.
    Token {
        module: PathBuf,
        choice: TokenChoice,
        pin: Zeroizing<String>,
    },
}

impl KeySecret {
    /// The secret of `input`; a token needs the module chosen in the settings, and a key id
    /// must be hexadecimal.
    pub(crate) fn new(input: KeyInput, module: Option<PathBuf>) -> Result<KeySecret> {
        match input {
            KeyInput::File { password } => Ok(KeySecret::File(Zeroizing::new(password))),
            KeyInput::Token { token, pin, key_id } => {
                let pin = Zeroizing::new(pin);
                let module = module.ok_or_else(no_token_module)?;
                let key = match key_id.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(hex) => Some(KeyChoice::Id(
                        vanban_app::sign::parse_key_id(hex).map_err(Error::from)?,
                    )),
                };
                let token = token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
                Ok(KeySecret::Token {
                    module,
                    choice: TokenChoice { token, key },
                    pin,
                })
            }
        }
    }
}

/// Signing with a token before its module was chosen.
fn no_token_module() -> CommandError {
    CommandError::new(
        "no-token-module",
        "Chưa chọn thư viện PKCS#11 của USB token: bấm “Chọn thư viện…” và chọn tệp .so/.dll do nơi cấp chứng thư số cài cùng trình điều khiển.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_input(json: serde_json::Value) -> KeyInput {
        serde_json::from_value(json).expect("the prompt's key")
    }

    #[test]
    fn a_token_key_takes_the_module_of_the_settings_and_a_hex_key_id() {
        let key = token_input(serde_json::json!({
            "kind": "token", "token": " giamdoc ", "pin": "123456", "keyId": "0a:1B"
        }));
        let module = PathBuf::from("/usr/lib/libvnpt.so");
        let Ok(KeySecret::Token {
            module: m,
            choice,
            pin,
        }) = KeySecret::new(key.clone(), Some(module.clone()))
        else {
            panic!("a token key");
        };
        assert_eq!(m, module);
        assert_eq!(choice.token.as_deref(), Some("giamdoc"));
        assert_eq!(choice.key, Some(KeyChoice::Id(vec![0x0a, 0x1b])));
        assert_eq!(pin.as_str(), "123456");

        let Err(e) = KeySecret::new(key, None) else {
            panic!("no module chosen");
        };
        assert_eq!(e.code, "no-token-module");
        assert!(e.message.contains("Chọn thư viện"), "{}", e.message);

        let bad = token_input(serde_json::json!({
            "kind": "token", "token": null, "pin": "1", "keyId": "khoa-01"
        }));
        let Err(e) = KeySecret::new(bad, Some(module.clone())) else {
            panic!("not hex");
        };
        assert_eq!(e.code, "token-bad-key-id");
        assert!(e.message.contains("khoa-01"), "{}", e.message);

        // Blank token and key id: the only ones.
        let blank = token_input(serde_json::json!({
            "kind": "token", "token": "  ", "pin": "1", "keyId": ""
        }));
        let Ok(KeySecret::Token { choice, .. }) = KeySecret::new(blank, Some(module)) else {
            panic!("a token key");
        };
        assert_eq!(choice, TokenChoice::default());
    }

    #[test]
    fn a_key_never_shows_its_secret() {
        let file =
            token_input(serde_json::json!({ "kind": "file", "password": "mật khẩu bí mật" }));
        let token = token_input(serde_json::json!({
            "kind": "token", "token": "giamdoc", "pin": "975310", "keyId": null
        }));
        let shown = format!("{file:?} {token:?}");
        assert!(
            !shown.contains("bí mật") && !shown.contains("975310"),
            "{shown}"
        );
        assert!(shown.contains("giamdoc"), "{shown}");
    }
}
