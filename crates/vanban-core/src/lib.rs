//! The domain of VănBản: the document model, its rules and its exchange format.
//!
//! Pure: no IO, no clock, no fonts. Every other crate speaks these types.
//!
//! - [`model`]: the typed document ([`Document`]) and its parts.
//! - [`numbering`]: numbers computed from the tree (I., 1., a), 1.1., Phụ lục II).
//! - [`format`]: the decree's formatting rules (number padding, date line, ký hiệu, "Kèm theo",
//!   recipient punctuation).
//! - [`validate`]: the checks, as [`validate::Diagnostic`]s.
//! - [`exchange`]: the versioned JSON format and its schema.
//! - [`citation`]: reading a legal reference written the usual way.
//! - [`plain`]: the document as plain text in reading order.
//! - [`fold`]: text folded for search ("Chuyển đổi số" → "chuyen doi so").
//! - [`skeleton`]: new documents with the usual sections.
//! - [`directory`]: the directory file of an organisation (bodies, people, registers…).
//! - [`workflow`]: a document's states and moves, people's roles, who acts when.
//! - [`tracking`]: an issued plan's task rows followed: due days, status.
//! - [`copies`]: the kinds of copies (sao y, sao lục, trích sao), their symbols, a trích sao's part.

pub mod citation;
pub mod copies;
mod date;
pub mod directory;
pub mod doctype;
pub mod exchange;
pub mod fold;
pub mod format;
pub mod model;
pub mod normalize;
pub mod numbering;
pub mod plain;
pub mod richtext;
pub mod skeleton;
pub mod text;
pub mod tracking;
pub mod validate;
pub mod workflow;

pub use doctype::DocumentType;
pub use model::Document;
pub use richtext::{RichText, Span};
