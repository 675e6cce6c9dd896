//! Where VănBản keeps its documents: [`Store`] — the operations the workflow needs, not a
//! generic key-value API — on an embedded SQLite file or on a department's shared PostgreSQL
//! server, one type for both ([`Store::open`] with a [`Location`]).
//!
//! Each operation is written once, in `ops/` by aggregate (directory, documents, register,
//! signatures, templates, style, search, audit), over a private seam (`db.rs`: a transaction
//! with exec / query over rows read by `FromRow`, placeholders and integer widths decided there).
//! What really differs between the two databases — connection setup and migrations, row locks
//! (`BEGIN IMMEDIATE` / `FOR UPDATE`), full-text search (FTS5 / tsvector), error codes — is in
//! [`sqlite`] and [`postgres`]; a unique key's refusal is written once, as `ON CONFLICT`.
//!
//! What the store guarantees on its own, whatever the caller does:
//!
//! - every save is a new revision; revisions, register entries and audit rows are never changed
//!   or deleted, and an issued document is frozen (database triggers refuse it);
//! - a state change happens only from the state the caller saw (compare and set), so two people
//!   acting at once cannot both move a document; a save names the revision it was edited from,
//!   and is refused when somebody saved another one since;
//! - issuing takes the next number of the register in the same transaction that writes the
//!   register entry, the issued revision and the state; number + symbol is unique per body and
//!   year as a database constraint;
//! - every change appends one row to the audit record in the same transaction, each row
//!   carrying the SHA-256 of the row before it ([`audit`]).
//!
//! Who may do what is the application's business (`vanban-app`); the store checks only what
//! keeps its data consistent.

pub mod audit;
mod db;
mod error;
pub mod migrate;
mod ops;
pub mod postgres;
pub mod sqlite;
mod types;

pub use db::{Location, Store};
pub use error::StoreError;
pub use types::*;

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
