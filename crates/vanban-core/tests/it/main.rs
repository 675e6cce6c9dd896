//! The integration tests of vanban-core, one binary: the JSON exchange format read, written and
//! fuzzed (`exchange`); the published plans of `tests/seeds/` re-created as fixtures and
//! compared word for word (`seeds`).

mod exchange;
mod seeds;
