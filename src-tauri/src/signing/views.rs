//! The shapes of digital signing: the keys a prompt may open, the key it sends, the USB tokens.
//! Each is made from a library type by a `From`, so a change on either side fails to compile rather
//! than drifting.

use serde::{Deserialize, Serialize};

use crate::error::CommandError;

/// Digital signatures of an open document, as the buttons need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SigningView {
    /// The signer signed it digitally (a signed PDF is kept): issuing it needs the body's key.
    pub signed_digitally: bool,
    /// How the current person's key is opened to sign it, when they may sign it now (both
    /// false: Ký records a signature on paper).
    pub my_key: KeySourcesView,
    /// How the body's key is opened to issue it, when the current person may issue it now
    /// and it was signed digitally.
    pub body_key: KeySourcesView,
}

/// The ways a key can be opened: the directory's PKCS#12 file with its password, or a USB
/// token with its PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeySourcesView {
    /// The directory sets a .p12 file.
    pub file: bool,
    /// A USB token may be used (the directory sets its certificate file, or none).
    pub token: bool,
}

impl From<vanban_app::workflow::KeySources> for KeySourcesView {
    fn from(k: vanban_app::workflow::KeySources) -> Self {
        KeySourcesView {
            file: k.file,
            token: k.token,
        }
    }
}

/// The key a digital signature is made with, as the signing prompt collected it. The secret
/// crosses once and is wiped after use (`signing::KeySecret`); `Debug` never shows it.
#[derive(Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeyInput {
    /// The directory's PKCS#12 file, with its password.
    File {
        /// The file's password.
        password: String,
    },
    /// A USB token, through the PKCS#11 module chosen in the settings.
    #[serde(rename_all = "camelCase")]
    Token {
        /// The token's label; none: the only one inserted.
        token: Option<String>,
        /// Its user PIN.
        pin: String,
        /// The key's id (`CKA_ID`, hex) when the token holds several.
        key_id: Option<String>,
    },
}

impl std::fmt::Debug for KeyInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyInput::File { .. } => f.write_str("KeyInput::File { password: <hidden> }"),
            KeyInput::Token { token, key_id, .. } => f
                .debug_struct("KeyInput::Token")
                .field("token", token)
                .field("key_id", key_id)
                .finish_non_exhaustive(),
        }
    }
}

/// The USB tokens the chosen PKCS#11 module sees, for the signing prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TokensView {
    /// The module, once chosen.
    pub module: Option<String>,
    /// Its slots, in its order (none while no module is chosen or when it cannot be loaded).
    pub slots: Vec<SlotView>,
    /// Why the module cannot be used, when it cannot (moved, uninstalled, not PKCS#11).
    pub error: Option<CommandError>,
}

/// A slot of the module and the token in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SlotView {
    /// The slot's description (for a smart card, its reader).
    pub description: String,
    /// The token inserted; none: the slot is empty.
    pub token: Option<TokenView>,
}

/// A token as it describes itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TokenView {
    /// Its label (what a signature names it by).
    pub label: String,
    /// Who made it.
    pub manufacturer: String,
    /// Its model.
    pub model: String,
    /// Its serial number.
    pub serial: String,
    /// It was initialised; a blank token cannot sign.
    pub initialized: bool,
    /// Its PIN is locked.
    pub pin_locked: bool,
    /// One more wrong PIN locks it.
    pub pin_final_try: bool,
}

impl From<&vanban_app::sign::TokenSlot> for SlotView {
    fn from(s: &vanban_app::sign::TokenSlot) -> Self {
        SlotView {
            description: s.description.clone(),
            token: s.token.as_ref().map(|t| TokenView {
                label: t.label.clone(),
                manufacturer: t.manufacturer.clone(),
                model: t.model.clone(),
                serial: t.serial.clone(),
                initialized: t.initialized,
                pin_locked: t.pin_locked,
                pin_final_try: t.pin_final_try,
            }),
        }
    }
}
