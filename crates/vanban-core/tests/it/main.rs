//! The integration tests of vanban-core, one binary: the JSON exchange format read, written and
//! fuzzed (`exchange`); the published plans of `tests/seeds/` re-created as fixtures and
//! compared word for word (`seeds`); documents written as published, with per-level
//! numbering, blocks after sections, list markers and the Lưu line (`published`).

mod exchange;
mod published;
mod seeds;
