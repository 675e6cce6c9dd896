//! Reading any bytes as a Word file, a PDF or text never panics, and whatever document comes
//! out validates and prints as plain text without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban_read::{Format, Options, read};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Text, Format::Docx, Format::Pdf, Format::sniff(data)] {
        if let Ok(reading) = read(data, format, &Options::default()) {
            let _ = vanban_core::validate::validate(&reading.document);
            let _ = vanban_core::plain::plain_text(&reading.document);
            let _ = vanban_core::exchange::to_string(&reading.document);
        }
    }
});
