//! Text with bold and italic spans.
//!
//! In JSON a plain text is a string; text with styled parts is an array whose items are strings
//! (plain parts) or `{ "text": …, "bold": true, "italic": true }` objects.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// A run of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// The characters.
    pub text: String,
    /// Bold (đậm).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic (nghiêng).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
}

impl Span {
    /// An unstyled span.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    fn is_plain(&self) -> bool {
        !self.bold && !self.italic
    }
}

/// A paragraph's worth of text, as styled spans.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RichText(pub Vec<Span>);

impl RichText {
    /// Plain text in one span.
    pub fn plain(text: impl Into<String>) -> RichText {
        RichText(vec![Span::plain(text)])
    }

    /// The spans.
    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    /// The characters without styling.
    pub fn text(&self) -> Cow<'_, str> {
        match self.0.as_slice() {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(one.text.as_str()),
            many => Cow::Owned(many.iter().map(|s| s.text.as_str()).collect()),
        }
    }

    /// True when there are no characters other than white space.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|s| s.text.trim().is_empty())
    }

    /// Mutable access to every span's text, for normalisation.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.0.iter_mut().map(|s| &mut s.text)
    }
}

impl From<&str> for RichText {
    fn from(text: &str) -> Self {
        RichText::plain(text)
    }
}

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] if one.is_plain() => serializer.serialize_str(&one.text),
            spans => {
                let mut seq = serializer.serialize_seq(Some(spans.len()))?;
                for span in spans {
                    if span.is_plain() {
                        seq.serialize_element(&span.text)?;
                    } else {
                        seq.serialize_element(span)?;
                    }
                }
                seq.end()
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SpanRepr {
    Plain(String),
    Styled(Span),
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RichTextVisitor;

        impl<'de> Visitor<'de> for RichTextVisitor {
            type Value = RichText;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or an array of text spans")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RichText, E> {
                Ok(RichText::plain(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RichText, A::Error> {
                let mut spans = Vec::new();
                while let Some(item) = seq.next_element::<SpanRepr>()? {
                    spans.push(match item {
                        SpanRepr::Plain(text) => Span::plain(text),
                        SpanRepr::Styled(span) => span,
                    });
                }
                Ok(RichText(spans))
            }
        }

        deserializer.deserialize_any(RichTextVisitor)
    }
}

impl JsonSchema for RichText {
    fn schema_name() -> Cow<'static, str> {
        "RichText".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let span = generator.subschema_for::<Span>();
        json_schema!({
            "description": "Text: a string, or an array of plain strings and styled spans.",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "anyOf": [ { "type": "string" }, span ] } }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_a_json_string() {
        let text = RichText::plain("Mục đích");
        assert_eq!(serde_json::to_string(&text).expect("json"), "\"Mục đích\"");
    }

    #[test]
    fn styled_spans_survive_a_round_trip() {
        let json = r#"["Thời gian: ", {"text": "Quý I", "bold": true}]"#;
        let text: RichText = serde_json::from_str(json).expect("parse");
        assert_eq!(text.text(), "Thời gian: Quý I");
        assert!(text.spans()[1].bold);
        let back: RichText =
            serde_json::from_str(&serde_json::to_string(&text).expect("json")).expect("parse");
        assert_eq!(back, text);
    }
}
