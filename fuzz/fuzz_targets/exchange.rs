//! Reading a document file never panics, and a document that reads, validates and renders
//! without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = vanban_core::exchange::from_bytes(data) {
        let _ = vanban_core::validate::validate(&doc);
        let _ = vanban_core::plain::plain_text(&doc);
    }
});
