//! The style sheet: every size, margin, spacing, indent and rule length of the decree, as data
//! (`templates/nd30.toml`). An organisation may choose other values inside the decree's ranges;
//! a value outside its range is refused with a [`StyleError`] naming the key.

use serde::{Deserialize, Serialize};

/// The style sheet shipped with VănBản (`templates/nd30.toml`).
pub const DEFAULT_TOML: &str = include_str!("../../../templates/nd30.toml");

/// Page setup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Font {
    /// Must be "Times New Roman".
    pub family: String,
}

/// Font sizes in points, one per element of the decree's specimen table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is an element of docs/decree.md §3, documented in the TOML
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    #[error(
        "{} (`{key}`) = {value} nằm ngoài khoảng Nghị định 30 cho phép ({allowed}).",
        label_of(key)
    )]
    OutOfRange {
        /// The TOML key, e.g. `sizes.quoc_hieu`.
        key: &'static str,
        /// The value found.
        value: f32,
        /// The allowed values, in words.
        allowed: &'static str,
    },
    /// A key that is not one of the sheet's values.
    #[error("Bảng kiểu không có mục `{0}`.")]
    UnknownKey(String),
    /// Another typeface than the decree's.
    #[error("`font.family` = \"{0}\": Nghị định 30 quy định phông chữ Times New Roman.")]
    WrongFont(String),
}

/// The values a rule allows.
#[derive(Debug, Clone, Copy)]
enum Allowed {
    /// Anything from the first to the second, both included.
    Between(f32, f32),
    /// One of these.
    OneOf(&'static [f32]),
}

impl Allowed {
    fn admits(self, v: f32) -> bool {
        match self {
            Allowed::Between(lo, hi) => (lo - 1e-4..=hi + 1e-4).contains(&v),
            Allowed::OneOf(choices) => choices.iter().any(|c| (v - c).abs() < 1e-3),
        }
    }
}

/// A numeric rule of the decree: the key, what it is called on the settings screen, how to read
/// and write its value, what is allowed. The one table every check, every form and every
/// message is made from.
struct Range {
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    get: fn(&StyleSheet) -> f32,
    set: fn(&mut StyleSheet, f32),
    values: Allowed,
    allowed: &'static str,
}

macro_rules! range {
    ($key:literal, $($field:ident).+, $label:literal, $unit:literal, $lo:expr, $hi:expr, $allowed:literal) => {
        Range {
            key: $key,
            label: $label,
            unit: $unit,
            get: |s| s.$($field).+,
            set: |s, v| s.$($field).+ = v,
            values: Allowed::Between($lo, $hi),
            allowed: $allowed,
        }
    };
}

#[rustfmt::skip]
const RANGES: &[Range] = &[
    range!("page.margin_top_mm", page.margin_top_mm, "Lề trên", "mm", 20.0, 25.0, "20–25 mm"),
    range!("page.margin_bottom_mm", page.margin_bottom_mm, "Lề dưới", "mm", 20.0, 25.0, "20–25 mm"),
    range!("page.margin_left_mm", page.margin_left_mm, "Lề trái", "mm", 30.0, 35.0, "30–35 mm"),
    range!("page.margin_right_mm", page.margin_right_mm, "Lề phải", "mm", 15.0, 20.0, "15–20 mm"),
    range!("page.header_distance_mm", page.header_distance_mm, "Khoảng cách từ mép trên đến số trang", "mm", 5.0, 15.0, "5–15 mm, trong lề trên"),
    range!("sizes.quoc_hieu", sizes.quoc_hieu, "Cỡ chữ Quốc hiệu", "pt", 12.0, 13.0, "12–13 pt"),
    range!("sizes.tieu_ngu", sizes.tieu_ngu, "Cỡ chữ Tiêu ngữ", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.co_quan_chu_quan", sizes.co_quan_chu_quan, "Cỡ chữ tên cơ quan chủ quản", "pt", 12.0, 13.0, "12–13 pt"),
    range!("sizes.co_quan_ban_hanh", sizes.co_quan_ban_hanh, "Cỡ chữ tên cơ quan ban hành", "pt", 12.0, 13.0, "12–13 pt"),
    range!("sizes.so_ky_hieu", sizes.so_ky_hieu, "Cỡ chữ số, ký hiệu", "pt", 13.0, 13.0, "13 pt"),
    range!("sizes.dia_danh_ngay", sizes.dia_danh_ngay, "Cỡ chữ địa danh và thời gian", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.ten_loai", sizes.ten_loai, "Cỡ chữ tên loại văn bản", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.trich_yeu", sizes.trich_yeu, "Cỡ chữ trích yếu nội dung", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.vv", sizes.vv, "Cỡ chữ trích yếu công văn (V/v)", "pt", 12.0, 13.0, "12–13 pt"),
    range!("sizes.can_cu", sizes.can_cu, "Cỡ chữ căn cứ ban hành", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.body", sizes.body, "Cỡ chữ phần nội dung", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.kinh_gui", sizes.kinh_gui, "Cỡ chữ “Kính gửi”", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.chu_ky", sizes.chu_ky, "Cỡ chữ phần chữ ký (quyền hạn, chức vụ, họ tên)", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.noi_nhan_label", sizes.noi_nhan_label, "Cỡ chữ “Nơi nhận:”", "pt", 12.0, 12.0, "12 pt"),
    range!("sizes.noi_nhan", sizes.noi_nhan, "Cỡ chữ danh sách nơi nhận", "pt", 11.0, 11.0, "11 pt"),
    range!("sizes.ky_hieu_nguoi_soan", sizes.ky_hieu_nguoi_soan, "Cỡ chữ ký hiệu người soạn thảo, số bản", "pt", 11.0, 11.0, "11 pt"),
    range!("sizes.dia_chi", sizes.dia_chi, "Cỡ chữ địa chỉ cơ quan", "pt", 11.0, 12.0, "11–12 pt"),
    range!("sizes.do_mat_khan", sizes.do_mat_khan, "Cỡ chữ dấu độ mật, độ khẩn", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.luu_hanh", sizes.luu_hanh, "Cỡ chữ chỉ dẫn phạm vi lưu hành", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.so_trang", sizes.so_trang, "Cỡ chữ số trang", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.phu_luc_so", sizes.phu_luc_so, "Cỡ chữ số phụ lục", "pt", 14.0, 14.0, "14 pt"),
    range!("sizes.phu_luc_ten", sizes.phu_luc_ten, "Cỡ chữ tên phụ lục", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.kem_theo", sizes.kem_theo, "Cỡ chữ dòng “Kèm theo …”", "pt", 13.0, 14.0, "13–14 pt"),
    range!("sizes.bang", sizes.bang, "Cỡ chữ trong bảng", "pt", 10.0, 14.0, "10–14 pt"),
    Range {
        key: "body.first_line_indent_cm",
        label: "Lùi đầu dòng",
        unit: "cm",
        get: |s| s.body.first_line_indent_cm,
        set: |s, v| s.body.first_line_indent_cm = v,
        values: Allowed::OneOf(&[1.0, 1.27]),
        allowed: "1 cm hoặc 1,27 cm",
    },
    range!("body.space_after_pt", body.space_after_pt, "Khoảng cách sau đoạn", "pt", 6.0, 24.0, "ít nhất 6 pt"),
    range!("body.line_spacing", body.line_spacing, "Khoảng cách dòng", "dòng", 1.0, 1.5, "từ 1 dòng đến 1,5 dòng"),
    range!("header.issuer_rule", header.issuer_rule, "Đường kẻ dưới tên cơ quan ban hành, so với dòng chữ", "phần", 1.0 / 3.0, 0.5, "từ 1/3 đến 1/2 độ dài dòng chữ"),
    range!("header.subject_rule", header.subject_rule, "Đường kẻ dưới trích yếu, so với dòng chữ", "phần", 1.0 / 3.0, 0.5, "từ 1/3 đến 1/2 độ dài dòng chữ"),
    range!("header.left_column_mm", header.left_column_mm, "Độ rộng cột tên cơ quan", "mm", 50.0, 80.0, "50–80 mm"),
    range!("header.right_column_mm", header.right_column_mm, "Độ rộng cột Quốc hiệu", "mm", 90.0, 115.0, "90–115 mm (Quốc hiệu 13 pt rộng khoảng 96 mm)"),
    range!("closing.left_column_mm", closing.left_column_mm, "Độ rộng cột nơi nhận", "mm", 50.0, 80.0, "50–80 mm"),
    range!("closing.right_column_mm", closing.right_column_mm, "Độ rộng cột chữ ký", "mm", 80.0, 115.0, "80–115 mm"),
    range!("closing.signature_space_mm", closing.signature_space_mm, "Khoảng trống để ký, đóng dấu", "mm", 15.0, 50.0, "15–50 mm"),
];

/// The groups of the settings screen, by the key's table.
const GROUPS: &[(&str, &str)] = &[
    ("page", "Trang"),
    ("sizes", "Cỡ chữ"),
    ("body", "Đoạn văn"),
    ("header", "Phần đầu"),
    ("closing", "Phần cuối"),
];

/// The Vietnamese name of a key of the sheet (`sizes.body` → "Cỡ chữ phần nội dung"); the key
/// itself when it is not one.
pub fn label_of(key: &str) -> &str {
    RANGES
        .iter()
        .find(|r| r.key == key)
        .map_or(key, |r| r.label)
}

/// One value of the sheet as the settings form shows it: derived from the decree's ranges.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StyleEntry {
    /// The TOML key, e.g. `sizes.body`.
    pub key: &'static str,
    /// The group of the form: "Trang", "Cỡ chữ", "Đoạn văn", "Phần đầu", "Phần cuối".
    pub group: &'static str,
    /// What the value is, in Vietnamese ("Cỡ chữ phần nội dung").
    pub label: &'static str,
    /// Its unit: "mm", "pt", "cm", "dòng", or "phần" (a fraction of a line of text).
    pub unit: &'static str,
    /// The value now.
    pub value: f32,
    /// The smallest value allowed.
    pub min: f32,
    /// The largest value allowed.
    pub max: f32,
    /// When only some values are allowed (the first-line indent: 1 or 1.27 cm), those; empty
    /// when anything from `min` to `max` is.
    pub choices: Vec<f32>,
    /// The allowed values in words ("13–14 pt").
    pub allowed: &'static str,
}

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
            if !value.is_finite() || !r.values.admits(value) {
                return Err(StyleError::OutOfRange {
                    key: r.key,
                    value,
                    allowed: r.allowed,
                });
            }
        }
        Ok(())
    }

    /// The sheet as TOML, as [`StyleSheet::from_toml`] reads it back (what a body's stored
    /// profile keeps). Values are written as short as they read (`1.15`, not the binary
    /// float's `1.149999976158142`).
    pub fn to_toml(&self) -> String {
        let mut value = toml::Value::try_from(self).expect("a style sheet is plain tables");
        shortest_floats(&mut value);
        toml::to_string(&value).expect("a style sheet is plain tables")
    }

    /// Every editable value with its label, unit and allowed range, in the order of the
    /// settings form.
    pub fn entries(&self) -> Vec<StyleEntry> {
        RANGES
            .iter()
            .map(|r| {
                let (min, max, choices) = match r.values {
                    Allowed::Between(lo, hi) => (lo, hi, Vec::new()),
                    Allowed::OneOf(c) => (
                        c.iter().copied().fold(f32::INFINITY, f32::min),
                        c.iter().copied().fold(f32::NEG_INFINITY, f32::max),
                        c.to_vec(),
                    ),
                };
                let table = r.key.split('.').next().unwrap_or_default();
                StyleEntry {
                    key: r.key,
                    group: GROUPS
                        .iter()
                        .find(|(t, _)| *t == table)
                        .map_or(table, |(_, g)| g),
                    label: r.label,
                    unit: r.unit,
                    value: (r.get)(self),
                    min,
                    max,
                    choices,
                    allowed: r.allowed,
                }
            })
            .collect()
    }

    /// Sets one value by its key (`sizes.body`); a value outside the decree's range or an
    /// unknown key is refused and the sheet left as it was.
    pub fn set(&mut self, key: &str, value: f32) -> Result<(), StyleError> {
        let r = RANGES
            .iter()
            .find(|r| r.key == key)
            .ok_or_else(|| StyleError::UnknownKey(key.to_owned()))?;
        if !value.is_finite() || !r.values.admits(value) {
            return Err(StyleError::OutOfRange {
                key: r.key,
                value,
                allowed: r.allowed,
            });
        }
        (r.set)(self, value);
        Ok(())
    }

    /// Width of the text block of a portrait page, in mm.
    pub fn text_width_mm(&self, landscape: bool) -> f32 {
        let paper = if landscape { 297.0 } else { 210.0 };
        paper - self.page.margin_left_mm - self.page.margin_right_mm
    }
}

/// Rewrites every float of a TOML value as the shortest decimal that reads back as the same
/// `f32` (the sheet's values are `f32`; TOML writes `f64`).
fn shortest_floats(value: &mut toml::Value) {
    match value {
        toml::Value::Float(f) => {
            #[allow(clippy::cast_possible_truncation)] // the value was an f32
            let short = (*f as f32).to_string();
            if let Ok(v) = short.parse::<f64>() {
                *f = v;
            }
        }
        toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| shortest_floats(v)),
        toml::Value::Array(a) => a.iter_mut().for_each(shortest_floats),
        _ => {}
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

    #[test]
    fn the_toml_written_reads_back_as_the_same_sheet() {
        let mut sheet = StyleSheet::nd30();
        sheet.set("sizes.body", 13.0).expect("13 pt");
        sheet
            .set("body.first_line_indent_cm", 1.27)
            .expect("1.27 cm");
        let text = sheet.to_toml();
        assert!(text.contains("line_spacing = 1.15"), "{text}");
        assert!(text.contains("first_line_indent_cm = 1.27"), "{text}");
        assert_eq!(StyleSheet::from_toml(&text), Ok(sheet));
    }

    #[test]
    fn every_value_of_the_sheet_is_an_entry_of_the_form() {
        let sheet = StyleSheet::nd30();
        let entries = sheet.entries();
        // Every number of the TOML is an entry: none is left without its range.
        let table: toml::Table = toml::from_str(DEFAULT_TOML).expect("toml");
        let numbers = table
            .values()
            .filter_map(toml::Value::as_table)
            .flat_map(|t| t.values())
            .filter(|v| v.is_integer() || v.is_float())
            .count();
        assert_eq!(entries.len(), numbers);
        let body = entries
            .iter()
            .find(|e| e.key == "sizes.body")
            .expect("body");
        assert_eq!(
            (
                body.group, body.label, body.unit, body.value, body.min, body.max
            ),
            ("Cỡ chữ", "Cỡ chữ phần nội dung", "pt", 14.0, 13.0, 14.0)
        );
        assert_eq!(body.allowed, "13–14 pt");
        let indent = entries
            .iter()
            .find(|e| e.key == "body.first_line_indent_cm")
            .expect("indent");
        assert_eq!(indent.choices, vec![1.0, 1.27]);
        assert_eq!((indent.min, indent.max), (1.0, 1.27));
        let groups: Vec<&str> = entries.iter().map(|e| e.group).collect();
        for g in ["Trang", "Cỡ chữ", "Đoạn văn", "Phần đầu", "Phần cuối"] {
            assert!(groups.contains(&g), "{g}");
        }
        for e in &entries {
            assert!(e.min <= e.value && e.value <= e.max, "{}", e.key);
            assert!(!e.label.is_empty() && label_of(e.key) == e.label);
        }
    }

    #[test]
    fn a_value_set_by_key_is_checked_and_a_refusal_changes_nothing() {
        let mut sheet = StyleSheet::nd30();
        sheet.set("page.margin_left_mm", 35.0).expect("35 mm");
        assert_eq!(sheet.page.margin_left_mm, 35.0);
        let err = sheet.set("sizes.body", 16.0).expect_err("16 pt");
        assert_eq!(
            err,
            StyleError::OutOfRange {
                key: "sizes.body",
                value: 16.0,
                allowed: "13–14 pt"
            }
        );
        assert_eq!(
            err.to_string(),
            "Cỡ chữ phần nội dung (`sizes.body`) = 16 nằm ngoài khoảng Nghị định 30 cho phép (13–14 pt)."
        );
        assert_eq!(sheet.sizes.body, 14.0);
        assert!(matches!(
            sheet.set("body.first_line_indent_cm", 1.1),
            Err(StyleError::OutOfRange { .. })
        ));
        assert!(sheet.set("sizes.body", f32::NAN).is_err());
        assert_eq!(
            sheet.set("sizes.nothing", 13.0),
            Err(StyleError::UnknownKey("sizes.nothing".into()))
        );
        assert_eq!(sheet.check(), Ok(()));
    }
}
