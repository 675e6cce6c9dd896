//! The legal-reference parser takes whatever a user pastes: it must never panic, and what it
//! reads must render back to text it reads the same way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban_core::citation::{parse, parse_list};
use vanban_core::format::reference_text;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(reference) = parse(text) {
        // Rendering and reading again is stable once normalised.
        let rendered = reference_text(&reference);
        if let Ok(again) = parse(&rendered) {
            assert_eq!(reference_text(&again), rendered);
        }
    }
    let _ = parse_list(text);
});
