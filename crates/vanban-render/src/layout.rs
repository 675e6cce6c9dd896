//! The layout tree: what every output (DOCX now, PDF and the live preview later) draws. Blocks
//! carry a semantic [`Role`]; the role and the style sheet decide size, weight, alignment,
//! indents and spacing ([`Role::props`]), so the decree's rules live here once and each
//! backend only translates.

use crate::style::StyleSheet;

/// A whole document: one page section for the main text and one per appendix.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The page sections, in order.
    pub sections: Vec<PageSection>,
}

impl Layout {
    /// The first blocks of the first page section holding at least `chars` characters of text,
    /// typeset alone to show a long document's first pages before the whole is laid out; `None`
    /// when that would be the whole layout. Pages depend only on what comes before them (and
    /// the first lines after), so the pages of the beginning are the document's own, all but
    /// the last (which may still fill up) unless it is the whole section.
    pub fn beginning(&self, chars: usize) -> Option<Beginning> {
        let first = self.sections.first()?;
        let mut count = 0;
        let mut held = 0;
        while count < first.blocks.len() && held < chars {
            held += first.blocks[count].chars();
            count += 1;
        }
        let whole_section = count == first.blocks.len();
        if whole_section && self.sections.len() == 1 {
            return None;
        }
        Some(Beginning {
            layout: Layout {
                sections: vec![PageSection {
                    landscape: first.landscape,
                    restart_numbering: first.restart_numbering,
                    first_page_footer: first.first_page_footer.clone(),
                    blocks: first.blocks[..count].to_vec(),
                }],
            },
            whole_section,
        })
    }
}

/// The start of a layout: see [`Layout::beginning`].
#[derive(Debug, Clone, PartialEq)]
pub struct Beginning {
    /// The first page section's first blocks.
    pub layout: Layout,
    /// It is the whole first section: every page it makes is final, the last one too.
    pub whole_section: bool,
}

impl Block {
    /// The characters of text it holds (a table: its cells').
    pub fn chars(&self) -> usize {
        match self {
            Block::Paragraph(p) => p.runs.iter().map(|r| r.text.chars().count()).sum(),
            Block::Rule(_) => 0,
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .flat_map(|c| &c.blocks)
                .map(Block::chars)
                .sum(),
        }
    }
}

/// Pages that share orientation and page numbering.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSection {
    /// Landscape pages.
    pub landscape: bool,
    /// Page numbering restarts at 1 with this section (each appendix is numbered on its own).
    pub restart_numbering: bool,
    /// A line at the foot of the section's first page (ô 13, the address line).
    pub first_page_footer: Option<Paragraph>,
    /// The content.
    pub blocks: Vec<Block>,
}

/// A paragraph, a rule or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A solid horizontal line, centred in its column.
    Rule(Rule),
    /// A table; borderless for the header and closing layouts.
    Table(Table),
}

/// A horizontal rule (the decree's "đường kẻ nét liền").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Length in millimetres.
    pub length_mm: f32,
    /// What it is drawn under.
    pub role: Role,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// What the paragraph is.
    pub role: Role,
    /// The text, in runs that may be bold or italic on top of the role's own style.
    pub runs: Vec<Run>,
    /// A fixed width, for a stamp drawn as a box (HỎA TỐC 30 mm, THƯỢNG KHẨN 40 mm, KHẨN
    /// 20 mm); otherwise the paragraph fills its column.
    pub width_mm: Option<f32>,
    /// An indent computed for this paragraph (the "Kính gửi" block, whose dashes stand under
    /// the colon); otherwise the role's.
    pub indent: Option<Indent>,
    /// Kept on the page of what follows whatever its role says: the body's last paragraph
    /// goes with the signature block, so the last page never holds the signature alone.
    pub keep_with_next: bool,
}

/// A left indent with a hanging first line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indent {
    /// Distance of every line but the first from the column's left edge.
    pub left_mm: f32,
    /// How far the first line starts to the left of the others.
    pub hanging_mm: f32,
}

impl Paragraph {
    /// A paragraph of one plain run.
    pub fn new(role: Role, text: impl Into<String>) -> Paragraph {
        Paragraph {
            role,
            runs: vec![Run::plain(text)],
            width_mm: None,
            keep_with_next: false,
            indent: None,
        }
    }

    /// The paragraph's text.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A run of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The characters (NFC).
    pub text: String,
    /// Bold in addition to the role's style.
    pub bold: bool,
    /// Italic in addition to the role's style.
    pub italic: bool,
    /// A line break follows the run.
    pub line_break_after: bool,
    /// A field the registry fills in at issue (number, day, month, year), set in a box of
    /// fixed width so that the line looks the same blank and filled in.
    pub field: Option<FieldBox>,
}

/// The fixed-width box of a field run (see [`crate::fields`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldBox {
    /// The width, in ems of the paragraph's text size.
    pub width_em: f32,
    /// Where the value sits in the box.
    pub align: Align,
}

impl Run {
    /// An unstyled run.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
            line_break_after: false,
            field: None,
        }
    }
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the table is.
    pub kind: TableKind,
    /// Column widths in millimetres.
    pub columns_mm: Vec<f32>,
    /// How many rows at the top repeat on every page.
    pub header_rows: usize,
    /// The rows.
    pub rows: Vec<TableRow>,
}

/// What a table is for; decides its borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// The two-column header of page 1 (borderless).
    Header,
    /// The two-column closing: Nơi nhận and the signer (borderless).
    Closing,
    /// A bracketed group of recipients with its label (borderless but for the bracket).
    RecipientGroup,
    /// A data table with grid lines (tasks, list of documents).
    Grid,
}

impl TableKind {
    /// Whether grid lines are drawn.
    pub fn has_borders(self) -> bool {
        self == TableKind::Grid
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The cells.
    pub cells: Vec<TableCell>,
    /// The row must not break across pages.
    pub cant_split: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// Content.
    pub blocks: Vec<Block>,
    /// How many columns it spans.
    pub span: usize,
    /// Vertical merge with the cells above or below.
    pub merge: VerticalMerge,
    /// Centre the content vertically.
    pub v_center: bool,
}

impl TableCell {
    /// A one-column cell.
    pub fn new(blocks: Vec<Block>) -> TableCell {
        TableCell {
            blocks,
            span: 1,
            merge: VerticalMerge::None,
            v_center: false,
        }
    }
}

/// Vertical merging of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerticalMerge {
    /// Not merged.
    None,
    /// The first cell of a merged run; it holds the content.
    Start,
    /// Continues the merged cell above.
    Continue,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (canh đều hai lề).
    Justify,
}

/// The semantic role of a paragraph: which element of the decree it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Quốc hiệu (ô 1).
    QuocHieu,
    /// Tiêu ngữ (ô 1).
    TieuNgu,
    /// Cơ quan chủ quản (ô 2).
    CoQuanChuQuan,
    /// Cơ quan ban hành (ô 2).
    CoQuanBanHanh,
    /// Số, ký hiệu (ô 3).
    SoKyHieu,
    /// Địa danh, ngày tháng (ô 4).
    DiaDanhNgay,
    /// Tên loại (ô 5a).
    TenLoai,
    /// Trích yếu (ô 5a).
    TrichYeu,
    /// "V/v …" of a công văn (ô 5b).
    Vv,
    /// Độ mật (ô 10a).
    DoMat,
    /// Độ khẩn (ô 10b): bright red, in a box of the stamp's size.
    DoKhan,
    /// Chỉ dẫn phạm vi lưu hành (ô 11).
    LuuHanh,
    /// "Kính gửi" (ô 9a).
    KinhGui,
    /// The issuing authority under a decision's subject ("GIÁM ĐỐC SỞ …"; Mẫu 1.2, 1.3).
    ThamQuyenBanHanh,
    /// "QUYẾT ĐỊNH:" between a decision's preamble and its articles.
    QuyetDinh,
    /// An article: "Điều 1." in bold, then its text.
    Dieu,
    /// Căn cứ ban hành.
    CanCu,
    /// Heading of a mục ("I. MỤC ĐÍCH, YÊU CẦU").
    Heading1,
    /// Heading of a khoản ("1. Mục đích").
    Heading2,
    /// A third-level heading with text under it ("3.1.1. Lễ khai mạc", "a) Đối với …"):
    /// bold italic.
    Heading3,
    /// A fourth-level heading with text under it: italic.
    Heading4,
    /// A khoản or điểm whose heading is its whole text ("a) Hướng dẫn …;"): body text with
    /// its number or letter.
    Point,
    /// "Phần I", "Chương II", "Mục 1" on a line of its own, centred, bold.
    PartLabel,
    /// The title under "Phần I": centred capitals, bold.
    PartTitle,
    /// Body paragraph (ô 6).
    Body,
    /// "-" or "+" list item.
    ListItem,
    /// Header cell of a data table.
    TableHeader,
    /// Body cell of a data table.
    TableCell,
    /// Number cell of a data table.
    TableNumber,
    /// Group row of a data table.
    TableGroup,
    /// "Nơi nhận:" (ô 9b).
    NoiNhanLabel,
    /// A recipient line (ô 9b) and the "Lưu" line with the drafter code (ô 12).
    NoiNhan,
    /// Authority and title lines (ô 7a).
    ChuKyThamQuyen,
    /// The signer's name (ô 7b).
    ChuKyHoTen,
    /// "Phụ lục I".
    PhuLucSo,
    /// Appendix title.
    PhuLucTen,
    /// "(Kèm theo …)".
    KemTheo,
    /// The page number in the top margin.
    SoTrang,
    /// The address line of page 1 (ô 13).
    DiaChi,
    /// The kind of a paper copy ("SAO Y", "SAO LỤC", "TRÍCH SAO"): capitals, bold, the size of
    /// the type name (13–14 pt), at the left under the line that ends the copied text.
    HinhThucSao,
}

/// Paragraph and character properties of a role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Props {
    /// Font size.
    pub size_pt: f32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Printed in capitals (the text is upper-cased when the tree is built).
    pub caps: bool,
    /// Alignment.
    pub align: Align,
    /// First-line indent.
    pub first_line_indent_mm: f32,
    /// Space before.
    pub space_before_pt: f32,
    /// Space after.
    pub space_after_pt: f32,
    /// Line spacing in lines.
    pub line_spacing: f32,
    /// Keep with the next paragraph (headings).
    pub keep_with_next: bool,
    /// Drawn in a single-line box (urgency, circulation marks).
    pub boxed: bool,
    /// Printed in bright red (the urgency stamp).
    pub red: bool,
}

impl Role {
    /// Every role, for declaring the named styles of a DOCX.
    pub const ALL: [Role; 40] = [
        Role::QuocHieu,
        Role::TieuNgu,
        Role::CoQuanChuQuan,
        Role::CoQuanBanHanh,
        Role::SoKyHieu,
        Role::DiaDanhNgay,
        Role::TenLoai,
        Role::TrichYeu,
        Role::Vv,
        Role::DoMat,
        Role::DoKhan,
        Role::LuuHanh,
        Role::KinhGui,
        Role::ThamQuyenBanHanh,
        Role::QuyetDinh,
        Role::Dieu,
        Role::CanCu,
        Role::Heading1,
        Role::Heading2,
        Role::Heading3,
        Role::Heading4,
        Role::Point,
        Role::PartLabel,
        Role::PartTitle,
        Role::Body,
        Role::ListItem,
        Role::TableHeader,
        Role::TableCell,
        Role::TableNumber,
        Role::TableGroup,
        Role::NoiNhanLabel,
        Role::NoiNhan,
        Role::ChuKyThamQuyen,
        Role::ChuKyHoTen,
        Role::PhuLucSo,
        Role::PhuLucTen,
        Role::KemTheo,
        Role::SoTrang,
        Role::DiaChi,
        Role::HinhThucSao,
    ];

    /// The name users see in Word's style list.
    pub fn name(self) -> &'static str {
        match self {
            Role::QuocHieu => "Quốc hiệu",
            Role::TieuNgu => "Tiêu ngữ",
            Role::CoQuanChuQuan => "Cơ quan chủ quản",
            Role::CoQuanBanHanh => "Cơ quan ban hành",
            Role::SoKyHieu => "Số, ký hiệu",
            Role::DiaDanhNgay => "Địa danh, ngày tháng",
            Role::TenLoai => "Tên loại văn bản",
            Role::TrichYeu => "Trích yếu",
            Role::Vv => "Trích yếu công văn",
            Role::DoMat => "Độ mật",
            Role::DoKhan => "Độ khẩn",
            Role::LuuHanh => "Phạm vi lưu hành",
            Role::KinhGui => "Kính gửi",
            Role::ThamQuyenBanHanh => "Thẩm quyền ban hành",
            Role::QuyetDinh => "Quyết định",
            Role::Dieu => "Điều",
            Role::CanCu => "Căn cứ",
            Role::Heading1 => "Đề mục cấp 1",
            Role::Heading2 => "Đề mục cấp 2",
            Role::Heading3 => "Đề mục cấp 3",
            Role::Heading4 => "Đề mục cấp 4",
            Role::Point => "Khoản, điểm",
            Role::PartLabel => "Phần, chương",
            Role::PartTitle => "Tên phần, chương",
            Role::Body => "Nội dung",
            Role::ListItem => "Gạch đầu dòng",
            Role::TableHeader => "Bảng - tiêu đề",
            Role::TableCell => "Bảng - nội dung",
            Role::TableNumber => "Bảng - số thứ tự",
            Role::TableGroup => "Bảng - nhóm",
            Role::NoiNhanLabel => "Nơi nhận",
            Role::NoiNhan => "Nơi nhận - danh sách",
            Role::ChuKyThamQuyen => "Thẩm quyền ký",
            Role::ChuKyHoTen => "Họ tên người ký",
            Role::PhuLucSo => "Phụ lục",
            Role::PhuLucTen => "Tên phụ lục",
            Role::KemTheo => "Kèm theo",
            Role::SoTrang => "Số trang",
            Role::DiaChi => "Địa chỉ",
            Role::HinhThucSao => "Hình thức sao",
        }
    }

    /// An ASCII identifier for the role's named style.
    pub fn style_id(self) -> &'static str {
        match self {
            Role::QuocHieu => "VBQuocHieu",
            Role::TieuNgu => "VBTieuNgu",
            Role::CoQuanChuQuan => "VBCoQuanChuQuan",
            Role::CoQuanBanHanh => "VBCoQuanBanHanh",
            Role::SoKyHieu => "VBSoKyHieu",
            Role::DiaDanhNgay => "VBDiaDanhNgay",
            Role::TenLoai => "VBTenLoai",
            Role::TrichYeu => "VBTrichYeu",
            Role::Vv => "VBVv",
            Role::DoMat => "VBDoMat",
            Role::DoKhan => "VBDoKhan",
            Role::LuuHanh => "VBLuuHanh",
            Role::KinhGui => "VBKinhGui",
            Role::ThamQuyenBanHanh => "VBThamQuyenBanHanh",
            Role::QuyetDinh => "VBQuyetDinh",
            Role::Dieu => "VBDieu",
            Role::CanCu => "VBCanCu",
            Role::Heading1 => "VBDeMuc1",
            Role::Heading2 => "VBDeMuc2",
            Role::Heading3 => "VBDeMuc3",
            Role::Heading4 => "VBDeMuc4",
            Role::Point => "VBKhoanDiem",
            Role::PartLabel => "VBPhan",
            Role::PartTitle => "VBTenPhan",
            Role::Body => "VBNoiDung",
            Role::ListItem => "VBGachDauDong",
            Role::TableHeader => "VBBangTieuDe",
            Role::TableCell => "VBBangNoiDung",
            Role::TableNumber => "VBBangSoTT",
            Role::TableGroup => "VBBangNhom",
            Role::NoiNhanLabel => "VBNoiNhan",
            Role::NoiNhan => "VBNoiNhanDanhSach",
            Role::ChuKyThamQuyen => "VBThamQuyenKy",
            Role::ChuKyHoTen => "VBHoTenNguoiKy",
            Role::PhuLucSo => "VBPhuLuc",
            Role::PhuLucTen => "VBTenPhuLuc",
            Role::KemTheo => "VBKemTheo",
            Role::SoTrang => "VBSoTrang",
            Role::DiaChi => "VBDiaChi",
            Role::HinhThucSao => "VBHinhThucSao",
        }
    }

    /// The role's properties under a style sheet (docs/decree.md §3, §5, §7, §9).
    pub fn props(self, s: &StyleSheet) -> Props {
        let z = &s.sizes;
        let indent = s.body.first_line_indent_cm * 10.0;
        let base = Props {
            size_pt: z.body,
            bold: false,
            italic: false,
            caps: false,
            align: Align::Center,
            first_line_indent_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            boxed: false,
            red: false,
        };
        let body = Props {
            align: Align::Justify,
            first_line_indent_mm: indent,
            space_after_pt: s.body.space_after_pt,
            line_spacing: s.body.line_spacing,
            ..base
        };
        match self {
            Role::QuocHieu => Props {
                size_pt: z.quoc_hieu,
                bold: true,
                caps: true,
                ..base
            },
            Role::TieuNgu => Props {
                size_pt: z.tieu_ngu,
                bold: true,
                ..base
            },
            Role::CoQuanChuQuan => Props {
                size_pt: z.co_quan_chu_quan,
                caps: true,
                ..base
            },
            Role::CoQuanBanHanh => Props {
                size_pt: z.co_quan_ban_hanh,
                bold: true,
                caps: true,
                ..base
            },
            Role::SoKyHieu => Props {
                size_pt: z.so_ky_hieu,
                space_before_pt: 6.0,
                ..base
            },
            Role::DiaDanhNgay => Props {
                size_pt: z.dia_danh_ngay,
                italic: true,
                space_before_pt: 6.0,
                ..base
            },
            Role::HinhThucSao => Props {
                size_pt: z.ten_loai,
                bold: true,
                caps: true,
                align: Align::Left,
                space_before_pt: 6.0,
                space_after_pt: 6.0,
                ..base
            },
            Role::TenLoai => Props {
                size_pt: z.ten_loai,
                bold: true,
                caps: true,
                space_before_pt: 18.0,
                keep_with_next: true,
                ..base
            },
            Role::TrichYeu => Props {
                size_pt: z.trich_yeu,
                bold: true,
                keep_with_next: true,
                ..base
            },
            Role::Vv => Props {
                size_pt: z.vv,
                space_before_pt: 6.0,
                ..base
            },
            Role::DoMat | Role::DoKhan => Props {
                size_pt: z.do_mat_khan,
                bold: true,
                caps: true,
                space_before_pt: 6.0,
                boxed: true,
                red: self == Role::DoKhan,
                align: Align::Center,
                ..base
            },
            Role::LuuHanh => Props {
                size_pt: z.luu_hanh,
                bold: true,
                caps: true,
                boxed: true,
                align: Align::Right,
                ..base
            },
            Role::KinhGui => Props {
                size_pt: z.kinh_gui,
                align: Align::Left,
                space_before_pt: 6.0,
                space_after_pt: 6.0,
                ..base
            },
            // Mẫu 1.2/1.3: the authority line and "QUYẾT ĐỊNH:" are centred capitals in bold,
            // the size of the type name. The space above them is the previous paragraph's
            // (Word adds space before to space after, Typst keeps the larger: no space before
            // keeps the two outputs alike).
            Role::ThamQuyenBanHanh | Role::QuyetDinh => Props {
                size_pt: z.ten_loai,
                bold: true,
                caps: true,
                space_after_pt: s.body.space_after_pt,
                keep_with_next: true,
                ..base
            },
            // "Điều N." is indented like the body's first line and bold (docs/decree.md §5); the
            // label's run carries the bold, the article's text keeps the body's weight.
            Role::Dieu => body,
            Role::CanCu => Props {
                size_pt: z.can_cu,
                italic: true,
                ..body
            },
            Role::Heading1 => Props {
                bold: true,
                keep_with_next: true,
                ..body
            },
            Role::Heading2 => Props {
                bold: true,
                keep_with_next: true,
                ..body
            },
            // The decree names the look of mục (capitals, bold) and khoản with a title (bold);
            // deeper headings keep a look of their own so that the levels read apart: bold
            // italic, then italic.
            Role::Heading3 => Props {
                bold: true,
                italic: true,
                keep_with_next: true,
                ..body
            },
            Role::Heading4 => Props {
                italic: true,
                keep_with_next: true,
                ..body
            },
            // "Phần I" / "Chương I" on their own line, centred, bold; the title under them in
            // capitals (docs/decree.md §5).
            Role::PartLabel => Props {
                size_pt: z.body,
                bold: true,
                space_before_pt: s.body.space_after_pt,
                keep_with_next: true,
                ..base
            },
            Role::PartTitle => Props {
                size_pt: z.body,
                bold: true,
                caps: true,
                space_after_pt: s.body.space_after_pt,
                keep_with_next: true,
                ..base
            },
            Role::Point | Role::Body | Role::ListItem => body,
            Role::TableHeader => Props {
                size_pt: z.bang,
                bold: true,
                ..base
            },
            Role::TableNumber => Props {
                size_pt: z.bang,
                ..base
            },
            Role::TableGroup => Props {
                size_pt: z.bang,
                bold: true,
                align: Align::Left,
                ..base
            },
            Role::TableCell => Props {
                size_pt: z.bang,
                align: Align::Left,
                ..base
            },
            Role::NoiNhanLabel => Props {
                size_pt: z.noi_nhan_label,
                bold: true,
                italic: true,
                align: Align::Left,
                ..base
            },
            Role::NoiNhan => Props {
                size_pt: z.noi_nhan,
                align: Align::Left,
                ..base
            },
            Role::ChuKyThamQuyen => Props {
                size_pt: z.chu_ky,
                bold: true,
                caps: true,
                ..base
            },
            Role::ChuKyHoTen => Props {
                size_pt: z.chu_ky,
                bold: true,
                space_before_pt: s.closing.signature_space_mm * 72.0 / 25.4,
                ..base
            },
            Role::PhuLucSo => Props {
                size_pt: z.phu_luc_so,
                bold: true,
                keep_with_next: true,
                ..base
            },
            Role::PhuLucTen => Props {
                size_pt: z.phu_luc_ten,
                bold: true,
                caps: true,
                keep_with_next: true,
                ..base
            },
            Role::KemTheo => Props {
                size_pt: z.kem_theo,
                italic: true,
                keep_with_next: true,
                ..base
            },
            Role::SoTrang => Props {
                size_pt: z.so_trang,
                ..base
            },
            Role::DiaChi => Props {
                size_pt: z.dia_chi,
                ..base
            },
        }
    }
}
