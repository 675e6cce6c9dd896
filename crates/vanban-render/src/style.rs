//! The style sheet: every size, margin, spacing, indent and rule length of the decree, as data
//! (`templates/nd30.toml`). An organisation may choose other values inside the decree's ranges;
//! a value outside its range is refused with a [`StyleError`] naming the key.

use serde::Deserialize;

/// The style sheet shipped with VănBản (`templates/nd30.toml`).
pub const DEFAULT_TOML: &str = include_str!("../../../templates/nd30.toml");

/// Page setup.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Top margin, 20–25 mm.
    pub margin_top_mm: f32,
    /// Bottom margin, 20–25 mm.
    pub margin_bottom_mm: f32,
    /// Left (binding) margin, 30–35 mm.
    pub margin_left_mm: f32,
    /// Right margin, 15–20 mm.
    pub margin_right_mm: f32,
    /// Distance of the page number from the top edge.
    pub header_distance_mm: f32,
}

/// The typeface.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Font {
    /// Must be "Times New Roman".
    pub family: String,
}

/// Font sizes in points, one per element of the decree's specimen table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is an element of nd30.md §3, documented in the TOML
pub struct Sizes {
    pub quoc_hieu: f32,
    pub tieu_ngu: f32,
    pub co_quan_chu_quan: f32,
    pub co_quan_ban_hanh: f32,
    pub so_ky_hieu: f32,
    pub dia_danh_ngay: f32,
    pub ten_loai: f32,
    pub trich_yeu: f32,
    pub vv: f32,
    pub can_cu: f32,
    pub body: f32,
    pub kinh_gui: f32,
    pub chu_ky: f32,
    pub noi_nhan_label: f32,
    pub noi_nhan: f32,
    pub ky_hieu_nguoi_soan: f32,
    pub dia_chi: f32,
    pub do_mat_khan: f32,
    pub luu_hanh: f32,
    pub so_trang: f32,
    pub phu_luc_so: f32,
    pub phu_luc_ten: f32,
    pub kem_theo: f32,
    pub bang: f32,
}

/// Body paragraphs.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyStyle {
    /// First-line indent: 1 or 1.27 cm.
    pub first_line_indent_cm: f32,
    /// Space after each paragraph: at least 6 pt.
    pub space_after_pt: f32,
    /// Line spacing in lines: 1.0 to 1.5.
    pub line_spacing: f32,
}

/// The two-column header.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderStyle {
    /// Width of the issuing-body column.
    pub left_column_mm: f32,
    /// Width of the national-title column.
    pub right_column_mm: f32,
    /// Rule under the issuing body, as a fraction of the name line: 1/3 to 1/2.
    pub issuer_rule: f32,
    /// Rule under the subject, as a fraction of the subject line: 1/3 to 1/2.
    pub subject_rule: f32,
}

/// The two-column closing (Nơi nhận | signer).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosingStyle {
    /// Width of the Nơi nhận column.
    pub left_column_mm: f32,
    /// Width of the signer column.
    pub right_column_mm: f32,
    /// Space for the signature between the title and the name.
    pub signature_space_mm: f32,
}

/// The whole style sheet.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleSheet {
    /// Page setup.
    pub page: Page,
    /// Typeface.
    pub font: Font,
    /// Font sizes.
    pub sizes: Sizes,
    /// Body paragraphs.
    pub body: BodyStyle,
    /// Header columns and rules.
    pub header: HeaderStyle,
    /// Closing columns.
    pub closing: ClosingStyle,
}

/// Why a style sheet was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StyleError {
    /// Not valid TOML, or a key missing, unknown or of the wrong type.
    #[error("Bảng kiểu không đọc được: {0}")]
    Syntax(String),
    /// A value outside the decree's range.
    #[error("`{key}` = {value} nằm ngoài khoảng Nghị định 30 cho phép ({allowed}).")]
    OutOfRange {
        /// The TOML key, e.g. `sizes.quoc_hieu`.
        key: &'static str,
        /// The value found.
        value: f32,
        /// The allowed values, in words.
        allowed: &'static str,
    },
    /// Another typeface than the decree's.
    #[error("`font.family` = \"{0}\": Nghị định 30 quy định phông chữ Times New Roman.")]
    WrongFont(String),
}

/// A numeric rule of the decree: the key, how to read its value, what is allowed.
struct Range {
    key: &'static str,
    get: fn(&StyleSheet) -> f32,
    ok: fn(f32) -> bool,
    allowed: &'static str,
}

fn between(lo: f32, hi: f32) -> impl Fn(f32) -> bool {
    move |v| (lo - 1e-4..=hi + 1e-4).contains(&v)
}

macro_rules! range {
    ($key:literal, $($field:ident).+, $lo:expr, $hi:expr, $allowed:literal) => {
        Range { key: $key, get: |s| s.$($field).+, ok: |v| between($lo, $hi)(v), allowed: $allowed }
    };
}

const RANGES: &[Range] = &[
    range!(
        "page.margin_top_mm",
        page.margin_top_mm,
        20.0,
        25.0,
        "20–25 mm"
    ),
    range!(
        "page.margin_bottom_mm",
        page.margin_bottom_mm,
        20.0,
        25.0,
        "20–25 mm"
    ),
    range!(
        "page.margin_left_mm",
        page.margin_left_mm,
        30.0,
        35.0,
        "30–35 mm"
    ),
    range!(
        "page.margin_right_mm",
        page.margin_right_mm,
        15.0,
        20.0,
        "15–20 mm"
    ),
    range!(
        "page.header_distance_mm",
        page.header_distance_mm,
        5.0,
        15.0,
        "5–15 mm, trong lề trên"
    ),
    range!("sizes.quoc_hieu", sizes.quoc_hieu, 12.0, 13.0, "12–13 pt"),
    range!("sizes.tieu_ngu", sizes.tieu_ngu, 13.0, 14.0, "13–14 pt"),
    range!(
        "sizes.co_quan_chu_quan",
        sizes.co_quan_chu_quan,
        12.0,
        13.0,
        "12–13 pt"
    ),
    range!(
        "sizes.co_quan_ban_hanh",
        sizes.co_quan_ban_hanh,
        12.0,
        13.0,
        "12–13 pt"
    ),
    range!("sizes.so_ky_hieu", sizes.so_ky_hieu, 13.0, 13.0, "13 pt"),
    range!(
        "sizes.dia_danh_ngay",
        sizes.dia_danh_ngay,
        13.0,
        14.0,
        "13–14 pt"
    ),
    range!("sizes.ten_loai", sizes.ten_loai, 13.0, 14.0, "13–14 pt"),
    range!("sizes.trich_yeu", sizes.trich_yeu, 13.0, 14.0, "13–14 pt"),
    range!("sizes.vv", sizes.vv, 12.0, 13.0, "12–13 pt"),
    range!("sizes.can_cu", sizes.can_cu, 13.0, 14.0, "13–14 pt"),
    range!("sizes.body", sizes.body, 13.0, 14.0, "13–14 pt"),
    range!("sizes.kinh_gui", sizes.kinh_gui, 13.0, 14.0, "13–14 pt"),
    range!("sizes.chu_ky", sizes.chu_ky, 13.0, 14.0, "13–14 pt"),
    range!(
        "sizes.noi_nhan_label",
        sizes.noi_nhan_label,
        12.0,
        12.0,
        "12 pt"
    ),
    range!("sizes.noi_nhan", sizes.noi_nhan, 11.0, 11.0, "11 pt"),
    range!(
        "sizes.ky_hieu_nguoi_soan",
        sizes.ky_hieu_nguoi_soan,
        11.0,
        11.0,
        "11 pt"
    ),
    range!("sizes.dia_chi", sizes.dia_chi, 11.0, 12.0, "11–12 pt"),
    range!(
        "sizes.do_mat_khan",
        sizes.do_mat_khan,
        13.0,
        14.0,
        "13–14 pt"
    ),
    range!("sizes.luu_hanh", sizes.luu_hanh, 13.0, 14.0, "13–14 pt"),
    range!("sizes.so_trang", sizes.so_trang, 13.0, 14.0, "13–14 pt"),
    range!("sizes.phu_luc_so", sizes.phu_luc_so, 14.0, 14.0, "14 pt"),
    range!(
        "sizes.phu_luc_ten",
        sizes.phu_luc_ten,
        13.0,
        14.0,
        "13–14 pt"
    ),
    range!("sizes.kem_theo", sizes.kem_theo, 13.0, 14.0, "13–14 pt"),
    range!("sizes.bang", sizes.bang, 10.0, 14.0, "10–14 pt"),
    Range {
        key: "body.first_line_indent_cm",
        get: |s| s.body.first_line_indent_cm,
        ok: |v| (v - 1.0).abs() < 1e-3 || (v - 1.27).abs() < 1e-3,
        allowed: "1 cm hoặc 1,27 cm",
    },
    range!(
        "body.space_after_pt",
        body.space_after_pt,
        6.0,
        24.0,
        "ít nhất 6 pt"
    ),
    range!(
        "body.line_spacing",
        body.line_spacing,
        1.0,
        1.5,
        "từ 1 dòng đến 1,5 dòng"
    ),
    range!(
        "header.issuer_rule",
        header.issuer_rule,
        1.0 / 3.0,
        0.5,
        "từ 1/3 đến 1/2 độ dài dòng chữ"
    ),
    range!(
        "header.subject_rule",
        header.subject_rule,
        1.0 / 3.0,
        0.5,
        "từ 1/3 đến 1/2 độ dài dòng chữ"
    ),
    range!(
        "header.left_column_mm",
        header.left_column_mm,
        50.0,
        80.0,
        "50–80 mm"
    ),
    range!(
        "header.right_column_mm",
        header.right_column_mm,
        90.0,
        115.0,
        "90–115 mm (Quốc hiệu 13 pt rộng khoảng 96 mm)"
    ),
    range!(
        "closing.left_column_mm",
        closing.left_column_mm,
        50.0,
        80.0,
        "50–80 mm"
    ),
    range!(
        "closing.right_column_mm",
        closing.right_column_mm,
        80.0,
        115.0,
        "80–115 mm"
    ),
    range!(
        "closing.signature_space_mm",
        closing.signature_space_mm,
        15.0,
        50.0,
        "15–50 mm"
    ),
];

impl StyleSheet {
    /// Reads and checks a style sheet.
    pub fn from_toml(text: &str) -> Result<StyleSheet, StyleError> {
        let sheet: StyleSheet =
            toml::from_str(text).map_err(|e| StyleError::Syntax(e.to_string()))?;
        sheet.check()?;
        Ok(sheet)
    }

    /// The style sheet shipped with VănBản.
    pub fn nd30() -> StyleSheet {
        // The shipped sheet is checked by a test; a failure here is a build defect.
        Self::from_toml(DEFAULT_TOML).expect("templates/nd30.toml is valid")
    }

    /// Checks every value against the decree's ranges.
    pub fn check(&self) -> Result<(), StyleError> {
        if self.font.family != "Times New Roman" {
            return Err(StyleError::WrongFont(self.font.family.clone()));
        }
        for r in RANGES {
            let value = (r.get)(self);
            if !value.is_finite() || !(r.ok)(value) {
                return Err(StyleError::OutOfRange {
                    key: r.key,
                    value,
                    allowed: r.allowed,
                });
            }
        }
        Ok(())
    }

    /// Width of the text block of a portrait page, in mm.
    pub fn text_width_mm(&self, landscape: bool) -> f32 {
        let paper = if landscape { 297.0 } else { 210.0 };
        paper - self.page.margin_left_mm - self.page.margin_right_mm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_sheet_is_within_the_decree() {
        let s = StyleSheet::from_toml(DEFAULT_TOML).expect("valid");
        assert_eq!(s.page.margin_left_mm, 30.0);
        assert_eq!(s.text_width_mm(false), 165.0);
    }

    #[test]
    fn a_value_outside_its_range_names_the_key_and_the_range() {
        let text = DEFAULT_TOML.replace("quoc_hieu = 13 ", "quoc_hieu = 15 ");
        let err = StyleSheet::from_toml(&text).expect_err("15 pt is too large");
        assert_eq!(
            err,
            StyleError::OutOfRange {
                key: "sizes.quoc_hieu",
                value: 15.0,
                allowed: "12–13 pt"
            }
        );
        assert!(err.to_string().contains("12–13 pt"));
        let text = DEFAULT_TOML.replace("line_spacing = 1.15", "line_spacing = 2.0");
        assert!(matches!(
            StyleSheet::from_toml(&text),
            Err(StyleError::OutOfRange {
                key: "body.line_spacing",
                ..
            })
        ));
        let text = DEFAULT_TOML.replace("first_line_indent_cm = 1.0", "first_line_indent_cm = 1.1");
        assert!(matches!(
            StyleSheet::from_toml(&text),
            Err(StyleError::OutOfRange {
                key: "body.first_line_indent_cm",
                ..
            })
        ));
        let text = DEFAULT_TOML.replace("margin_left_mm = 30", "margin_left_mm = 25");
        assert!(matches!(
            StyleSheet::from_toml(&text),
            Err(StyleError::OutOfRange {
                key: "page.margin_left_mm",
                ..
            })
        ));
    }

    #[test]
    fn values_inside_the_ranges_are_accepted() {
        let text = DEFAULT_TOML
            .replace("quoc_hieu = 13 ", "quoc_hieu = 12 ")
            .replace("first_line_indent_cm = 1.0", "first_line_indent_cm = 1.27")
            .replace("margin_left_mm = 30", "margin_left_mm = 35")
            .replace("issuer_rule = 0.4", "issuer_rule = 0.5");
        assert!(StyleSheet::from_toml(&text).is_ok());
    }

    #[test]
    fn another_font_or_an_unknown_key_is_refused() {
        let text = DEFAULT_TOML.replace("\"Times New Roman\"", "\"Arial\"");
        assert_eq!(
            StyleSheet::from_toml(&text),
            Err(StyleError::WrongFont("Arial".into()))
        );
        let text = DEFAULT_TOML.replace("[body]", "[body]\nfont_size = 14");
        assert!(matches!(
            StyleSheet::from_toml(&text),
            Err(StyleError::Syntax(_))
        ));
    }
}
