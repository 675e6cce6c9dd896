//! Text widths from the fonts the renderer is given, to size the rules the decree draws under
//! the issuing body, the motto and the subject ("as long as the motto", "1/3 to 1/2 of the
//! name line"). Liberation Serif has the glyph widths of Times New Roman, so widths measured
//! with it hold for the DOCX that Word sets in Times New Roman.

/// The four faces of the body typeface, as font files.
#[derive(Clone, Copy)]
pub struct FontFiles<'a> {
    /// Regular.
    pub regular: &'a [u8],
    /// Bold.
    pub bold: &'a [u8],
    /// Italic.
    pub italic: &'a [u8],
    /// Bold italic.
    pub bold_italic: &'a [u8],
}

/// Why fonts could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FontError {
    /// A file is not a font this renderer reads.
    #[error("Tệp phông chữ {face} không đọc được: {reason}")]
    Unreadable {
        /// Which face.
        face: &'static str,
        /// What the parser said.
        reason: String,
    },
}

/// Measures text set in the body typeface.
pub struct Metrics<'a> {
    faces: [ttf_parser::Face<'a>; 4],
    /// Advance widths already looked up, per face and character.
    advances: std::collections::HashMap<(usize, char), u16>,
}

impl<'a> Metrics<'a> {
    /// Reads the four faces.
    pub fn new(files: FontFiles<'a>) -> Result<Metrics<'a>, FontError> {
        let parse = |face: &'static str, data: &'a [u8]| {
            ttf_parser::Face::parse(data, 0).map_err(|e| FontError::Unreadable {
                face,
                reason: e.to_string(),
            })
        };
        Ok(Metrics {
            faces: [
                parse("regular", files.regular)?,
                parse("bold", files.bold)?,
                parse("italic", files.italic)?,
                parse("bold italic", files.bold_italic)?,
            ],
            advances: std::collections::HashMap::new(),
        })
    }

    /// Width of `text` at `size_pt`, in millimetres (no kerning: Word does not kern by
    /// default either).
    pub fn width_mm(&mut self, text: &str, size_pt: f32, bold: bool, italic: bool) -> f32 {
        let index = usize::from(bold) + 2 * usize::from(italic);
        let face = &self.faces[index];
        let mut units = 0u32;
        for c in text.chars() {
            let advance = *self.advances.entry((index, c)).or_insert_with(|| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0)
            });
            units += u32::from(advance);
        }
        units as f32 / f32::from(face.units_per_em()) * size_pt * 25.4 / 72.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::liberation_serif;

    #[test]
    fn widths_match_the_decree_tables() {
        // docs/decree.md §2.2, measured with Liberation Serif.
        let mut m = Metrics::new(liberation_serif()).expect("fonts");
        let w = m.width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.0, true, false);
        assert!((w - 88.3).abs() < 0.5, "{w}");
        let w = m.width_mm("Độc lập - Tự do - Hạnh phúc", 13.0, true, false);
        assert!((w - 56.1).abs() < 0.5, "{w}");
        let w = m.width_mm(
            "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019",
            14.0,
            false,
            true,
        );
        assert!((w - 103.9).abs() < 0.5, "{w}");
    }
}
