//! The options of signing with a hardware token (`--pkcs11 THƯ-VIỆN --pin-file TỆP [--token
//! NHÃN] [--key-id HEX]`), shared by `vanban pdf sign`, `vanban sign` and `vanban issue`. The PIN
//! comes from a file, never the command line, and is wiped from memory after use.

use std::path::{Path, PathBuf};

use clap::Args;
use vanban_sign::{KeyChoice, SignError, TokenChoice};

use crate::error::CliResult;

/// A key id given in hexadecimal (`--key-id 01`, `--key-id 0a:1b`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyId(pub Vec<u8>);

fn parse_key_id(s: &str) -> Result<KeyId, String> {
    vanban_sign::parse_key_id(s)
        .map(KeyId)
        .map_err(|e| e.to_string())
}

/// Signing with a hardware token (USB token, smart card) through its PKCS#11 module.
#[derive(Debug, Args, Default)]
pub struct TokenArgs {
    /// Ký bằng thiết bị ký số (USB token): đường dẫn thư viện PKCS#11 của thiết bị (.so/.dll do
    /// nơi cấp chứng thư cài cùng trình điều khiển), thay cho tệp .p12.
    #[arg(long, value_name = "THƯ-VIỆN", requires = "pin_file")]
    pub pkcs11: Option<PathBuf>,
    /// Tệp chứa mã PIN của thiết bị ký số (dòng đầu; "-" là đầu vào chuẩn).
    #[arg(long, value_name = "TỆP", requires = "pkcs11")]
    pub pin_file: Option<PathBuf>,
    /// Nhãn của thiết bị ký số, khi cắm nhiều thiết bị.
    #[arg(long, value_name = "NHÃN", requires = "pkcs11")]
    pub token: Option<String>,
    /// Mã khóa (CKA_ID, số hex) trên thiết bị, khi thiết bị có nhiều chứng thư kèm khóa.
    #[arg(long, value_name = "HEX", requires = "pkcs11", value_parser = parse_key_id)]
    pub key_id: Option<KeyId>,
}

/// A token to open: its module, which token and key, and the PIN read from its file.
pub struct TokenKey {
    /// The PKCS#11 module.
    pub module: PathBuf,
    /// The token and the key on it.
    pub choice: TokenChoice,
    /// The PIN, wiped when dropped.
    pub pin: zeroize::Zeroizing<String>,
}

impl TokenArgs {
    /// The token to open, when `--pkcs11` was given (clap makes `--pin-file` come with it).
    pub fn read(&self) -> CliResult<Option<TokenKey>> {
        let (Some(module), Some(pin_file)) = (&self.pkcs11, &self.pin_file) else {
            return Ok(None);
        };
        Ok(Some(TokenKey {
            module: module.clone(),
            choice: TokenChoice {
                token: self.token.clone(),
                key: self.key_id.as_ref().map(|k| KeyChoice::Id(k.0.clone())),
            },
            pin: read_pin(pin_file)?,
        }))
    }
}

fn read_pin(file: &Path) -> CliResult<zeroize::Zeroizing<String>> {
    crate::store_cmds::read_secret_line(file, "mã PIN")
}

/// The option a signing error is about, to print before it.
pub fn flag_of(e: &SignError) -> Option<&'static str> {
    match e {
        SignError::Pkcs11ModuleNotFound { .. } | SignError::Pkcs11ModuleNotLoadable { .. } => {
            Some("--pkcs11")
        }
        SignError::TokenNotFound { .. } | SignError::SeveralTokens { .. } => Some("--token"),
        SignError::WrongPin { .. } | SignError::PinLocked { .. } => Some("--pin-file"),
        SignError::SeveralCertificates { .. }
        | SignError::NoSuchKeyOnToken { .. }
        | SignError::BadKeyId { .. } => Some("--key-id"),
        SignError::WrongPassword => Some("--password-file"),
        _ => None,
    }
}

/// "vanban: --flag: message" or "vanban: message".
pub fn print_sign_error(e: &SignError) {
    match flag_of(e) {
        Some(flag) => eprintln!("vanban: {flag}: {e}"),
        None => eprintln!("vanban: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_read_as_hex_and_refused_in_words() {
        assert_eq!(parse_key_id("3F:a2"), Ok(KeyId(vec![0x3f, 0xa2])));
        let e = parse_key_id("0g").expect_err("not hex");
        assert!(e.contains("hex") && e.contains("0g"), "{e}");
    }
}
