//! The JSON exchange format: a versioned envelope around a [`Document`].
//!
//! ```json
//! { "format": "vanban/1", "document": { "type": "ke-hoach", … } }
//! ```
//!
//! Reading never panics and never guesses: a file that is not JSON, not a VănBản file, of
//! another version, or whose fields do not fit the model is refused with a [`ReadError`] that
//! names the place (line and column, and the field path) and says in Vietnamese what to fix.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::model::Document;

/// The format tag this version reads and writes.
pub const FORMAT: &str = "vanban/1";

/// The largest file accepted, in bytes. The longest seed plan is about 60 KB as JSON.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The `"format": "vanban/1"` marker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatTag;

impl Serialize for FormatTag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(FORMAT)
    }
}

impl<'de> Deserialize<'de> for FormatTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagVisitor;
        impl Visitor<'_> for TagVisitor {
            type Value = FormatTag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "\"{FORMAT}\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FormatTag, E> {
                if v == FORMAT {
                    Ok(FormatTag)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
        }
        deserializer.deserialize_str(TagVisitor)
    }
}

impl JsonSchema for FormatTag {
    fn schema_name() -> Cow<'static, str> {
        "FormatTag".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "description": "The format and its version.", "const": FORMAT })
    }
}

/// A VănBản JSON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "VănBản document",
    description = "A document of VănBản, format vanban/1."
)]
pub struct DocumentFile {
    /// Always "vanban/1".
    pub format: FormatTag,
    /// The document.
    pub document: Document,
}

/// Why a file could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// Larger than [`MAX_BYTES`].
    #[error(
        "Tệp quá lớn ({size} byte, tối đa {limit} byte). Hãy kiểm tra lại: một văn bản bình thường chỉ vài trăm KB."
    )]
    TooLarge {
        /// Size of the file.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not valid UTF-8 text.
    #[error(
        "Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {offset}). Hãy lưu lại tệp với bảng mã UTF-8."
    )]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// Not well-formed JSON.
    #[error("Tệp không đúng cú pháp JSON tại dòng {line}, cột {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, in Vietnamese.
        message: String,
    },
    /// JSON, but without a "format" field.
    #[error(
        "Tệp không có trường \"format\": đây không phải tệp văn bản của VănBản (cần \"format\": \"{FORMAT}\")."
    )]
    MissingFormat,
    /// Another format, or a version this build does not read.
    #[error("Định dạng \"{found}\" không được hỗ trợ: phiên bản này đọc \"{FORMAT}\". {hint}")]
    UnsupportedFormat {
        /// The format tag found.
        found: String,
        /// What to do about it.
        hint: String,
    },
    /// A field is missing, of the wrong type, unknown, or has a value the model does not
    /// allow.
    #[error("Trường `{path}` (dòng {line}, cột {column}): {message}")]
    Field {
        /// The field path, e.g. `document.header.number`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, in Vietnamese.
        message: String,
    },
}

impl ReadError {
    /// A stable code for programs and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::TooLarge { .. } => "too-large",
            ReadError::NotUtf8 { .. } => "not-utf8",
            ReadError::Syntax { .. } => "syntax",
            ReadError::MissingFormat => "missing-format",
            ReadError::UnsupportedFormat { .. } => "unsupported-format",
            ReadError::Field { .. } => "field",
        }
    }
}

/// Reads a document file from bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    from_str(text)
}

/// Reads a document file from text.
pub fn from_str(text: &str) -> Result<Document, ReadError> {
    if text.len() > MAX_BYTES {
        return Err(ReadError::TooLarge {
            size: text.len(),
            limit: MAX_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // First the envelope alone, so that a file of another kind or version gets a message
    // about that rather than about its first unexpected field.
    #[derive(Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| syntax_or_shape(&e))?;
    match probe.format {
        None => return Err(ReadError::MissingFormat),
        Some(serde_json::Value::String(s)) if s == FORMAT => {}
        Some(other) => {
            let found = match &other {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            let hint = if found.starts_with("vanban/") {
                "Tệp được tạo bởi một phiên bản VănBản khác; hãy cập nhật ứng dụng.".to_owned()
            } else {
                "Tệp này không phải tệp văn bản của VănBản.".to_owned()
            };
            return Err(ReadError::UnsupportedFormat { found, hint });
        }
    }

    let mut de = serde_json::Deserializer::from_str(text);
    let file: DocumentFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return syntax_or_shape(&inner);
        }
        ReadError::Field {
            path,
            line: inner.line(),
            column: inner.column(),
            message: vietnamese(&inner),
        }
    })?;
    de.end().map_err(|e| syntax_or_shape(&e))?;
    Ok(file.document)
}

fn syntax_or_shape(e: &serde_json::Error) -> ReadError {
    if e.is_data() {
        // The top level is JSON but not an object.
        return ReadError::Syntax {
            line: e.line(),
            column: e.column(),
            message: "tệp phải là một đối tượng JSON { … } có trường \"format\" và \"document\"."
                .to_owned(),
        };
    }
    ReadError::Syntax {
        line: e.line(),
        column: e.column(),
        message: vietnamese(e),
    }
}

/// serde_json's message, said in Vietnamese for the cases a user meets.
fn vietnamese(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    // Drop serde_json's own " at line L column C" suffix: the position is reported apart.
    let msg = raw
        .rsplit_once(" at line ")
        .map_or(raw.as_str(), |(m, _)| m);
    if e.is_eof() {
        return "tệp kết thúc giữa chừng (thiếu dấu đóng } hoặc ]).".to_owned();
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu trường bắt buộc {}.", rest.replace('`', "\""));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "trường {} không có trong định dạng; các trường hợp lệ: {}.",
            field.replace('`', "\""),
            expected.replace('`', "\"")
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "giá trị {} không hợp lệ; các giá trị được phép: {}.",
            value.replace('`', "\""),
            expected.replace('`', "\"")
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("sai kiểu dữ liệu: có {found}, cần {expected}.");
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("giá trị không hợp lệ: có {found}, cần {expected}.");
    }
    if msg.starts_with("invalid date") {
        return format!("ngày phải viết dạng YYYY-MM-DD, ví dụ \"2025-01-15\" ({msg}).");
    }
    if msg.starts_with("duplicate field") {
        return format!("một trường xuất hiện hai lần ({msg}).");
    }
    if msg.contains("recursion limit") {
        return "cấu trúc lồng nhau quá sâu.".to_owned();
    }
    if msg.contains("did not match any variant of untagged enum RecipientEntry") {
        return "mỗi mục nơi nhận phải là { \"name\": … } hoặc một nhóm { \"label\": …, \"members\": [ … ] }.".to_owned();
    }
    if msg.contains("did not match any variant of untagged enum Numbering")
        || msg.contains("did not match any variant of untagged enum LevelRepr")
    {
        return "cách đánh số phải là tên một kiểu (\"roman-arabic-letter\", \"roman-decimal\", \"decimal\", \"arabic-letter\", \"articles\") hoặc { \"levels\": [ … ] } với mỗi cấp là một trong \"roman\", \"arabic\", \"decimal\", \"letter\", \"number-paren\", \"number-in-parens\", \"article\", \"part\", \"chapter\", \"section\", \"dash\", \"plus\", \"none\" (hoặc { \"style\": …, \"continues\": true }).".to_owned();
    }
    if msg.starts_with("expected") || msg.starts_with("key must be") || msg.starts_with("trailing")
    {
        return format!("sai cú pháp JSON ({msg}).");
    }
    if msg.contains("out of range") {
        return format!("số nằm ngoài khoảng cho phép ({msg}).");
    }
    format!("dữ liệu không hợp lệ ({msg}).")
}

/// Writes a document file, pretty-printed, with a final newline.
pub fn to_string(document: &Document) -> String {
    let file = DocumentFile {
        format: FormatTag,
        document: document.clone(),
    };
    // Serialising the model cannot fail: every map key is a string and no value is a float.
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema of the format, pretty-printed.
pub fn schema() -> String {
    let schema = schemars::schema_for!(DocumentFile);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err =
            from_str("{\n  \"format\": \"vanban/1\",\n  \"document\": {,}\n}").expect_err("bad");
        match err {
            ReadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 16)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_newer_version_is_named() {
        let err = from_str(r#"{"format": "vanban/2", "document": {}}"#).expect_err("v2");
        assert_eq!(err.code(), "unsupported-format");
        assert!(err.to_string().contains("vanban/2"), "{err}");
    }

    #[test]
    fn other_json_is_not_a_document() {
        assert_eq!(
            from_str("{\"name\": 1}").expect_err("x"),
            ReadError::MissingFormat
        );
        assert_eq!(from_str("[1, 2]").expect_err("x").code(), "syntax");
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let text = r#"{"format": "vanban/1", "document": {"type": "ke-hoach", "header": {"issuing_body": {"name": "X"}, "place": "Y", "number": "mười"}}}"#;
        match from_str(text).expect_err("number is a string") {
            ReadError::Field { path, message, .. } => {
                assert_eq!(path, "document.header.number");
                assert!(message.contains("sai kiểu"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_document_type_lists_the_valid_ones() {
        let text = r#"{"format": "vanban/1", "document": {"type": "ke-hoach-x"}}"#;
        let err = from_str(text).expect_err("bad type");
        let s = err.to_string();
        assert!(s.contains("document.type") && s.contains("ke-hoach"), "{s}");
    }

    #[test]
    fn a_huge_file_is_refused_before_parsing() {
        let big = vec![b' '; MAX_BYTES + 1];
        assert_eq!(from_bytes(&big).expect_err("big").code(), "too-large");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!(
            "{{\"format\": \"vanban/1\", \"document\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(from_str(&deep).is_err());
    }
}
