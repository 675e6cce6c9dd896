//! Only for `crates/vanban-app/tests/workflow.rs`, which still includes this file by `#[path]`
//! as its `pki` module: the shared test scaffolding lives in `crates/vanban-test-support`.
//! Goes when that file (being rewritten with the store) says `use vanban_test_support as pki;`.

#![allow(unused_imports)]

pub use vanban_test_support::*;
