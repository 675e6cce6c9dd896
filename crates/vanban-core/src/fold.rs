//! Text folded for search: lower case, tone and vowel marks removed, "đ" written "d", so that
//! "chuyen doi so" finds "Chuyển đổi số".
//!
//! SQLite's own `remove_diacritics` would leave "đ" alone: it is a letter of its own, not a "d"
//! with a mark, so Unicode decomposition does not split it. The folding is therefore done by
//! the application, the same way for the indexed text and for the query (the store's search,
//! the template library).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for search.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The words of a search, folded: letters and digits only.
pub fn query_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_folds_to_plain_letters() {
        assert_eq!(fold("Chuyển đổi số"), "chuyen doi so");
        assert_eq!(fold("ĐẢNG BỘ"), "dang bo");
        assert_eq!(fold("Hòa hoà"), "hoa hoa");
    }

    #[test]
    fn decomposed_text_folds_like_composed() {
        let nfd: String = "Chuyển đổi số".nfd().collect();
        assert_eq!(fold(&nfd), "chuyen doi so");
    }
}
