//! Inputs that once could make the reader panic (or that a fuzzer could build): each must read
//! to a document or a typed error, never a panic. Tests run with overflow checks on.

use vanban_read::{Format, Options, read};
use vanban_test_support::one_page_pdf as pdf;

const SIMPLE: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn widths_at_the_largest_codes_do_not_overflow() {
    for font in [
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 4294967295 /Widths [500 600 700] >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 99999999999 /Widths [500 600] >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /W [4294967295 [500 600] 4294967290 4294967295 300] >>] >>",
    ] {
        let r = read(
            &pdf(font, b"BT /F1 12 Tf 72 700 Td (KE HOACH) Tj ET"),
            Format::Pdf,
            &Options::default(),
        );
        assert!(r.is_ok(), "{font}: {r:?}");
    }
}

#[test]
fn broken_content_streams_read_what_they_can() {
    for content in [
        &b"BT /F1 12 Tf 72 700 Td [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[(A)]]]] TJ ET"[..],
        b"BT /F1 12 Tf 72 700 Td (unclosed",
        b"BT /F1 12 Tf 72 700 Td <41424",
        b"BT /F1 1e40 Tf 1e39 1e39 Td (KE HOACH) Tj ET",
        b"BT /F1 12 Tf 72 700 Td << /A [1 2 >> (KE HOACH) Tj ET",
        b"BI /W 1 ID \x00\x01 EI BT /F1 12 Tf (KE HOACH) Tj ET",
        b"q q q q Q Q Q Q Q Q Q cm cm Tm Td TD T* ' \" Tj TJ",
        b"BT /F1 12 Tf 0 0 0 0 0 0 Tm 0 Tz (KE HOACH) Tj ET",
    ] {
        match read(&pdf(SIMPLE, content), Format::Pdf, &Options::default()) {
            Ok(_) => {}
            Err(e) => assert!(
                matches!(e.code(), "scanned-pdf" | "empty" | "pdf"),
                "{}: {e}",
                String::from_utf8_lossy(content)
            ),
        }
    }
}
