//! Plain text, as a user gets it by copying a published PDF: one line per printed line, blank
//! lines anywhere, page numbers and link targets between pages, form feeds maybe.

use crate::source::{Item, Para};
use crate::{Origin, ReadError};

/// Decodes the bytes: UTF-8 (with or without a byte order mark) or UTF-16 with one.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(str::to_owned)
            .map_err(|_| ReadError::Encoding);
    }
    let utf16 = |le: bool, rest: &[u8]| -> Result<String, ReadError> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ReadError::Encoding)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(true, rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(false, rest);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        // Text cut in the middle of a character at the very end: keep what is whole.
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            Ok(String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned())
        }
        Err(_) => Err(ReadError::Encoding),
    }
}

/// The lines of a text, without page furniture.
pub fn items(bytes: &[u8]) -> Result<Vec<Item>, ReadError> {
    let text = decode(bytes)?;
    Ok(lines_to_items(&text))
}

/// True for a line holding only a web or mail address.
pub fn is_bare_link(t: &str) -> bool {
    (t.starts_with("https://") || t.starts_with("http://") || t.starts_with("mailto:"))
        && !t.contains(char::is_whitespace)
}

/// Lines to items: blank lines dropped, page numbers ("2", "- 2 -", "Trang 2") dropped, a
/// line holding only an address already written in the text dropped (a PDF's link targets),
/// rules of underscores kept (they end the title).
/// (Link targets a PDF copy prints after a page are dropped for every format, in `read`.)
pub fn lines_to_items(text: &str) -> Vec<Item> {
    // Most text is already in NFC: checked quickly, composed only when it is not.
    let text: std::borrow::Cow<str> = if vanban_core::text::is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(vanban_core::text::to_nfc(text))
    };
    let mut out = Vec::new();
    let mut page: Option<u32> = if text.contains('\u{c}') {
        Some(1)
    } else {
        None
    };
    let mut next_page_number = 2u32;
    for (i, raw) in text.split('\n').enumerate() {
        let mut raw = raw;
        while let Some(rest) = raw.strip_prefix('\u{c}') {
            page = page.map(|p| p + 1);
            raw = rest;
        }
        let line = raw.trim_end_matches(['\r', '\u{c}']);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(n) = page_number(t)
            && n == next_page_number
        {
            next_page_number += 1;
            continue;
        }
        let origin = Origin {
            page,
            paragraph: u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        out.push(Item::Para(Para::line(line.trim_end(), origin)));
    }
    out
}

/// The number of a line that is only a page number.
fn page_number(t: &str) -> Option<u32> {
    let t = t
        .trim_start_matches("Trang ")
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}
