//! The document types of Article 7 and Phụ lục III of Decree 30/2020/NĐ-CP.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a document type forms its ký hiệu and which header parts it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeInfo {
    /// Name as written in running text ("Kế hoạch").
    pub name: &'static str,
    /// Abbreviation used in the ký hiệu ("KH"); `None` for công văn and thư công.
    pub abbreviation: Option<&'static str>,
}

macro_rules! document_types {
    ($( $(#[$doc:meta])* $variant:ident = $slug:literal, $name:literal, $abbr:expr; )*) => {
        /// A type of administrative document (docs/decree.md §11). Serialised as a kebab-case slug
        /// ("ke-hoach"), which is also what `vanban new --type` takes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum DocumentType {
            $( $(#[$doc])* #[serde(rename = $slug)] $variant, )*
        }

        impl DocumentType {
            /// Every type, in the decree's order.
            pub const ALL: &'static [DocumentType] = &[$(DocumentType::$variant),*];

            /// Name, abbreviation and slug of this type.
            pub const fn info(self) -> TypeInfo {
                match self {
                    $( DocumentType::$variant => TypeInfo { name: $name, abbreviation: $abbr }, )*
                }
            }

            /// The slug used in JSON and on the command line.
            pub const fn slug(self) -> &'static str {
                match self {
                    $( DocumentType::$variant => $slug, )*
                }
            }
        }
    };
}

document_types! {
    /// Nghị quyết (cá biệt).
    NghiQuyet = "nghi-quyet", "Nghị quyết", Some("NQ");
    /// Quyết định (cá biệt).
    QuyetDinh = "quyet-dinh", "Quyết định", Some("QĐ");
    /// Chỉ thị.
    ChiThi = "chi-thi", "Chỉ thị", Some("CT");
    /// Quy chế.
    QuyChe = "quy-che", "Quy chế", Some("QC");
    /// Quy định.
    QuyDinh = "quy-dinh", "Quy định", Some("QyĐ");
    /// Thông cáo.
    ThongCao = "thong-cao", "Thông cáo", Some("TC");
    /// Thông báo.
    ThongBao = "thong-bao", "Thông báo", Some("TB");
    /// Hướng dẫn.
    HuongDan = "huong-dan", "Hướng dẫn", Some("HD");
    /// Chương trình.
    ChuongTrinh = "chuong-trinh", "Chương trình", Some("CTr");
    /// Kế hoạch.
    KeHoach = "ke-hoach", "Kế hoạch", Some("KH");
    /// Phương án.
    PhuongAn = "phuong-an", "Phương án", Some("PA");
    /// Đề án.
    DeAn = "de-an", "Đề án", Some("ĐA");
    /// Dự án.
    DuAn = "du-an", "Dự án", Some("DA");
    /// Báo cáo.
    BaoCao = "bao-cao", "Báo cáo", Some("BC");
    /// Biên bản.
    BienBan = "bien-ban", "Biên bản", Some("BB");
    /// Tờ trình.
    ToTrinh = "to-trinh", "Tờ trình", Some("TTr");
    /// Hợp đồng.
    HopDong = "hop-dong", "Hợp đồng", Some("HĐ");
    /// Công văn: no type abbreviation; ký hiệu is issuer-unit.
    CongVan = "cong-van", "Công văn", None;
    /// Công điện.
    CongDien = "cong-dien", "Công điện", Some("CĐ");
    /// Bản ghi nhớ.
    BanGhiNho = "ban-ghi-nho", "Bản ghi nhớ", Some("BGN");
    /// Bản thỏa thuận.
    BanThoaThuan = "ban-thoa-thuan", "Bản thỏa thuận", Some("BTT");
    /// Giấy ủy quyền.
    GiayUyQuyen = "giay-uy-quyen", "Giấy ủy quyền", Some("GUQ");
    /// Giấy mời.
    GiayMoi = "giay-moi", "Giấy mời", Some("GM");
    /// Giấy giới thiệu.
    GiayGioiThieu = "giay-gioi-thieu", "Giấy giới thiệu", Some("GGT");
    /// Giấy nghỉ phép.
    GiayNghiPhep = "giay-nghi-phep", "Giấy nghỉ phép", Some("GNP");
    /// Phiếu gửi.
    PhieuGui = "phieu-gui", "Phiếu gửi", Some("PG");
    /// Phiếu chuyển.
    PhieuChuyen = "phieu-chuyen", "Phiếu chuyển", Some("PC");
    /// Phiếu báo.
    PhieuBao = "phieu-bao", "Phiếu báo", Some("PB");
    /// Thư công: no type abbreviation.
    ThuCong = "thu-cong", "Thư công", None;
}

impl DocumentType {
    /// Looks a type up by its slug ("ke-hoach").
    pub fn from_slug(slug: &str) -> Option<DocumentType> {
        Self::ALL.iter().copied().find(|t| t.slug() == slug)
    }

    /// The title line of the document ("KẾ HOẠCH"); `None` for types printed without one
    /// (công văn carries its subject as "V/v …" instead).
    pub fn title_line(self) -> Option<String> {
        match self {
            DocumentType::CongVan | DocumentType::ThuCong => None,
            t => Some(crate::text::upper(t.info().name)),
        }
    }

    /// The line that opens the articles of a decision, after its preamble ("QUYẾT ĐỊNH:",
    /// "QUYẾT NGHỊ:"; Mẫu 1.1–1.3).
    pub fn enacting_line(self) -> Option<&'static str> {
        match self {
            DocumentType::QuyetDinh => Some("QUYẾT ĐỊNH:"),
            DocumentType::NghiQuyet => Some("QUYẾT NGHỊ:"),
            _ => None,
        }
    }

    /// Whether the document may carry "Kính gửi" (docs/decree.md §7): công văn, and tờ trình and
    /// báo cáo sent up to a higher body.
    pub fn may_have_addressees(self) -> bool {
        matches!(
            self,
            DocumentType::CongVan | DocumentType::ToTrinh | DocumentType::BaoCao
        )
    }

    /// Whether the subject is printed as "V/v …" under the number (ô 5b) rather than under
    /// the title (ô 5a).
    pub fn subject_is_vv(self) -> bool {
        matches!(self, DocumentType::CongVan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decree_lists_27_abbreviations_and_two_types_without_one() {
        let with: Vec<_> = DocumentType::ALL
            .iter()
            .filter_map(|t| t.info().abbreviation)
            .collect();
        assert_eq!(with.len(), 27);
        assert_eq!(DocumentType::ALL.len(), 29);
        let mut unique = with.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 27, "abbreviations must be distinct");
    }

    #[test]
    fn confusable_pairs_keep_their_case() {
        assert_eq!(DocumentType::QuyDinh.info().abbreviation, Some("QyĐ"));
        assert_eq!(DocumentType::QuyetDinh.info().abbreviation, Some("QĐ"));
        assert_eq!(DocumentType::ChuongTrinh.info().abbreviation, Some("CTr"));
        assert_eq!(DocumentType::ToTrinh.info().abbreviation, Some("TTr"));
    }

    #[test]
    fn slugs_round_trip() {
        for t in DocumentType::ALL {
            assert_eq!(DocumentType::from_slug(t.slug()), Some(*t));
            let json = serde_json::to_string(t).expect("serialise");
            assert_eq!(json, format!("\"{}\"", t.slug()));
        }
    }

    #[test]
    fn title_is_upper_case_vietnamese() {
        assert_eq!(
            DocumentType::KeHoach.title_line().as_deref(),
            Some("KẾ HOẠCH")
        );
        assert_eq!(
            DocumentType::QuyetDinh.title_line().as_deref(),
            Some("QUYẾT ĐỊNH")
        );
        assert_eq!(DocumentType::CongVan.title_line(), None);
    }
}
