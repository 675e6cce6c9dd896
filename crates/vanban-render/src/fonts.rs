//! The fonts shipped in `templates/fonts/`: Liberation Serif 2.1 (SIL OFL 1.1), metric-compatible
//! with Times New Roman.

use crate::metrics::FontFiles;

static REGULAR: &[u8] = include_bytes!("../../../templates/fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../templates/fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../../templates/fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-BoldItalic.ttf");

/// The four faces of Liberation Serif.
pub fn liberation_serif() -> FontFiles<'static> {
    FontFiles {
        regular: REGULAR,
        bold: BOLD,
        italic: ITALIC,
        bold_italic: BOLD_ITALIC,
    }
}
