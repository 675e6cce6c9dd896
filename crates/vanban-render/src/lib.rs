//! VănBản's renderer: a document and a style sheet become a layout tree ([`layout`]), which
//! each backend translates: DOCX ([`docx`]) now; PDF and preview pages later, from the same
//! tree, so the outputs cannot drift apart.

pub mod build;
pub mod copy;
pub mod docx;
pub mod fields;
pub mod fit;
pub mod fonts;
pub mod layout;
pub mod metrics;
pub mod pdf;
pub mod register;
pub mod style;
pub mod tracking;

pub use build::layout;
