//! Vietnamese text rules: capitals, Unicode NFC (TCVN 6909:2001) and the two tone-mark
//! placements ("hoà" / "hòa").

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Capitals as the decree prints names and titles ("Kế hoạch" → "KẾ HOẠCH").
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// True when the text is in Unicode NFC (precomposed), as TCVN 6909:2001 requires.
pub fn is_nfc(s: &str) -> bool {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.nfc().eq(s.chars()),
    }
}

/// The text in NFC.
pub fn to_nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Where a word puts its tone mark in the vowel pairs oa, oe, uy at the end of a syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToneStyle {
    /// The mark on the second vowel: "hoà", "thuý", "khoẻ" (older style).
    Old,
    /// The mark on the first vowel: "hòa", "thúy", "khỏe" (style of the 2018 school books and
    /// of most current documents).
    New,
}

const TONED_O: &str = "òóỏõọÒÓỎÕỌ";
const TONED_U: &str = "ùúủũụÙÚỦŨỤ";
const TONED_A: &str = "àáảãạÀÁẢÃẠ";
const TONED_E: &str = "èéẻẽẹÈÉẺẼẸ";
const TONED_Y: &str = "ỳýỷỹỵỲÝỶỸỴ";

/// The tone-mark style of one word, when it has an open oa/oe/uy syllable with a tone mark.
pub fn tone_style(word: &str) -> Option<ToneStyle> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n < 2 {
        return None;
    }
    // Only a pair at the very end of the word: "hoàn", "toán", "khuyên" put the mark on the
    // second vowel in both styles.
    let (a, b) = (chars[n - 2], chars[n - 1]);
    let before = if n >= 3 {
        Some(chars[n - 3].to_ascii_lowercase())
    } else {
        None
    };
    let base = |c: char| -> char {
        match c {
            c if TONED_O.contains(c) => 'o',
            c if TONED_U.contains(c) => 'u',
            c if TONED_A.contains(c) => 'a',
            c if TONED_E.contains(c) => 'e',
            c if TONED_Y.contains(c) => 'y',
            c => c.to_ascii_lowercase(),
        }
    };
    let pair = (base(a), base(b));
    let is_pair = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'));
    if !is_pair {
        return None;
    }
    // In "qu" the u belongs to the consonant: "quý", "quả" are the same in both styles.
    if pair.0 == 'u' && before == Some('q') {
        return None;
    }
    // "gi" + oa is rare; nothing to exclude there.
    let first_marked = a != base(a) && !a.is_ascii();
    let second_marked = b != base(b) && !b.is_ascii();
    match (first_marked, second_marked) {
        (true, false) => Some(ToneStyle::New),
        (false, true) => Some(ToneStyle::Old),
        _ => None,
    }
}

/// Splits text into words for the tone-mark check.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_tone_placement() {
        assert_eq!(tone_style("hoà"), Some(ToneStyle::Old));
        assert_eq!(tone_style("hòa"), Some(ToneStyle::New));
        assert_eq!(tone_style("Uỷ"), Some(ToneStyle::Old));
        assert_eq!(tone_style("Ủy"), Some(ToneStyle::New));
        assert_eq!(tone_style("khoẻ"), Some(ToneStyle::Old));
        assert_eq!(tone_style("khỏe"), Some(ToneStyle::New));
    }

    #[test]
    fn syllables_that_are_the_same_in_both_styles() {
        for w in ["hoàn", "toán", "quý", "quả", "khuyên", "hoa", "thuy", "Hòa"] {
            assert_ne!(tone_style(w), Some(ToneStyle::Old), "{w}");
        }
        assert_eq!(tone_style("quý"), None);
        assert_eq!(tone_style("hoàn"), None);
    }

    #[test]
    fn decomposed_text_is_not_nfc() {
        let nfd = "Ho\u{0300}a"; // "Hòa" typed with a combining grave accent
        assert!(!is_nfc(nfd));
        assert_eq!(to_nfc(nfd), "Hòa");
        assert!(is_nfc("Hòa bình"));
    }

    #[test]
    fn upper_handles_vietnamese() {
        assert_eq!(
            upper("ủy ban nhân dân tỉnh lạng sơn"),
            "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
        );
        assert_eq!(upper("đồng"), "ĐỒNG");
    }
}
