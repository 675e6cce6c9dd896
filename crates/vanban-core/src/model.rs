//! The document model: every part of a plan (PRODUCT.md "What a plan is made of") as a typed
//! value. Numbers of sections, tasks and appendices are never stored: they are computed from the
//! tree (see [`crate::numbering`]).
//!
//! Dates are kept as [`CalendarDate`] / [`IssueDate`], which accept any day and month that fit
//! their fields, so that an impossible date in a user's file is a diagnostic of
//! [`crate::validate`], not a file that cannot be opened.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::doctype::DocumentType;
use crate::richtext::RichText;

/// One administrative document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The document type (ô 5a), e.g. `ke-hoach`.
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    /// Issuing body, number, place and date, marks (ô 1–4, 10, 11, 13).
    pub header: Header,
    /// Trích yếu: what the document is about, without the type name.
    pub subject: String,
    /// The issuing authority printed in capitals under the subject of a quyết định or nghị
    /// quyết ("GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "ỦY BAN NHÂN DÂN TỈNH").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_authority: Option<String>,
    /// "Kính gửi" recipients (ô 9a), used by công văn, tờ trình and báo cáo sent upwards.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<Recipient>,
    /// The legal basis (căn cứ) and the preamble's closing clause.
    #[serde(default, skip_serializing_if = "LegalBasis::is_empty")]
    pub legal_basis: LegalBasis,
    /// How headings are numbered: a usual scheme, or a style chosen for each level.
    #[serde(default, skip_serializing_if = "is_default")]
    pub numbering: Numbering,
    /// The body (ô 6): unnumbered blocks, numbered sections, and blocks after them.
    pub body: Content,
    /// The tasks (nhiệm vụ), shown where a [`Block::Tasks`] or an appendix of
    /// [`AppendixContent::Tasks`] asks for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskNode>,
    /// A contact line printed after the body ("Đầu mối …: Ông …, sđt …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<RichText>,
    /// The closing sentence of the body, ending with "./.".
    pub closing: RichText,
    /// Nơi nhận (ô 9b) with the "Lưu" line and the drafter code (ô 12).
    pub recipients: Recipients,
    /// Authority, titles and the signer (ô 7a–7c).
    pub signature: SignatureBlock,
    /// Phụ lục, numbered I, II, … in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// The document a quyết định issues or approves (a kế hoạch, a quy chế…), printed after it
    /// in the same file with its own title page (Mẫu 1.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// A document issued or approved by a decision (Mẫu 1.3): the decision's issuing body and the
/// national title without a number line, its type name and subject, "(Kèm theo Quyết định số
/// … ngày … của …)", its text, and the decision's signer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Its type ("ke-hoach", "quy-che").
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    /// Its subject, without the type name.
    pub subject: String,
    /// How its headings are numbered.
    #[serde(default, skip_serializing_if = "is_default")]
    pub numbering: Numbering,
    /// Its text.
    pub body: Content,
    /// Its closing sentence, ending with "./.", when its text does not end so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<RichText>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The header of page 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Cơ quan chủ quản trực tiếp, printed above the issuing body, not bold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_body: Option<Agency>,
    /// Cơ quan ban hành.
    pub issuing_body: Agency,
    /// Abbreviation of the drafting unit or subject area, the second part of a công văn's
    /// ký hiệu ("VX" in `12/UBND-VX`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_abbreviation: Option<String>,
    /// Địa danh: the place name of the date line ("Lạng Sơn").
    pub place: String,
    /// The number in the outgoing register; absent until the document is issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The issue date; absent or partly filled (year, or year and month) until issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IssueDate>,
    /// Độ mật (ô 10a).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<Secrecy>,
    /// Độ khẩn (ô 10b).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Chỉ dẫn phạm vi lưu hành (ô 11), e.g. "LƯU HÀNH NỘI BỘ".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circulation: Option<String>,
    /// Address, phone, email and website line at the foot of page 1 (ô 13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_line: Option<String>,
}

/// A body (cơ quan, tổ chức) as it appears in the header and in running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// The name as printed in the header, in any case (it is printed in capitals). A line
    /// break (`\n`) marks where a long name wraps.
    pub name: String,
    /// Abbreviation used in ký hiệu ("UBND", "STTTT").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// How running text names the body ("UBND tỉnh Long An"), used in the appendices'
    /// "(Kèm theo …)" line. Defaults to the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
}

/// A date that must name a real day; checked by validation, not by parsing.
///
/// Written in JSON as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1–12 when valid.
    pub month: u8,
    /// Day, 1–31 when valid.
    pub day: u8,
}

/// The issue date, which drafts may fill only in part ("ngày     tháng 01 năm 2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueDate {
    /// Year.
    pub year: i32,
    /// Month, when already known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// Day, when already known (requires the month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

/// Độ mật.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Secrecy {
    /// MẬT.
    Mat,
    /// TỐI MẬT.
    ToiMat,
    /// TUYỆT MẬT.
    TuyetMat,
}

/// Độ khẩn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// KHẨN.
    Khan,
    /// THƯỢNG KHẨN.
    ThuongKhan,
    /// HỎA TỐC.
    HoaToc,
}

/// The legal basis: one or more paragraphs of references, then the closing clause
/// ("…xây dựng Kế hoạch … như sau:").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The paragraphs ("Căn cứ …;", "Thực hiện …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<BasisParagraph>,
    /// Who proposed the decision, after "Theo đề nghị của" ("Chánh Văn phòng Sở"); the
    /// last line of a quyết định's preamble, italic like the căn cứ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    /// The clause that closes the preamble.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_clause: Option<RichText>,
    /// Where the closing clause goes.
    #[serde(default, skip_serializing_if = "is_default")]
    pub closing_placement: ClosingPlacement,
}

impl LegalBasis {
    /// True when the document has no preamble at all and no setting differs from the default.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
            && self.proposal.is_none()
            && self.closing_clause.is_none()
            && self.closing_placement == ClosingPlacement::default()
    }
}

/// Where the closing clause of the preamble is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ClosingPlacement {
    /// In a paragraph of its own; each basis paragraph ends with ";".
    #[default]
    OwnParagraph,
    /// Appended to the last basis paragraph after a comma ("…, Sở … xây dựng kế hoạch … như
    /// sau:").
    SameParagraph,
    /// Appended to the last basis paragraph as a new sentence: the basis ends with "." and
    /// the clause follows ("… Chính phủ điện tử. Sở … hướng dẫn như sau:").
    NewSentence,
    /// Appended to the last basis paragraph exactly as written: the basis gets no end mark
    /// and the clause brings its own punctuation and spaces ("; đồng thời …", " - …"). For
    /// joins that are none of the above.
    AsWritten,
}

/// One paragraph of the legal basis: a lead word and the references it introduces, or words
/// that are no reference ("Căn cứ tình hình thực tế của địa phương").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasisParagraph {
    /// "Căn cứ", "Thực hiện", "Theo đề nghị của", …
    pub lead: String,
    /// Groups of references: references in a group are joined by ", ", groups by "; ".
    #[serde(default)]
    pub groups: Vec<Vec<LegalReference>>,
    /// Words printed after the lead (and after the references, if any) as written, without
    /// their end mark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<RichText>,
}

/// A structured reference to another document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalReference {
    /// The cited type as written ("Quyết định", "Luật", "Nghị định", "Kế hoạch").
    pub doc_type: String,
    /// Number and symbol ("1588/QĐ-TTg", "20/2023/QH15", "21-NQ/TU").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The date the cited document was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<CalendarDate>,
    /// The issuer ("Thủ tướng Chính phủ", "UBND tỉnh").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// What it is about, with its leading verb or preposition ("phê duyệt Đề án …",
    /// "về Ngày Chuyển đổi số quốc gia"); for a law, its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// How section headings are numbered: one of the usual schemes by name
/// (`"roman-arabic-letter"`), or a style for each level (`{ "levels": ["roman", "decimal",
/// "decimal", "letter"] }` gives "III.", "3.1.", "3.1.1.", "a)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Numbering {
    /// A usual scheme.
    Scheme(NumberingScheme),
    /// A style per level.
    Levels(NumberingLevels),
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering::Scheme(NumberingScheme::default())
    }
}

impl From<NumberingScheme> for Numbering {
    fn from(scheme: NumberingScheme) -> Self {
        Numbering::Scheme(scheme)
    }
}

/// Styles chosen level by level, from the top level down (or, for a section's own numbering,
/// from its subsections down). Levels below the last given one are numbered by the enclosing
/// numbering (the document's); at the top, a last `decimal` level repeats and any other is
/// followed by "-".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberingLevels {
    /// The levels, outermost first.
    pub levels: Vec<Level>,
}

/// One level of numbering: its style, and whether its numbers run on from one parent to the
/// next (articles through chapters) instead of starting again at 1 under each parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    /// How the level's headings are numbered.
    pub style: LevelStyle,
    /// The numbers continue across parents (Điều 1–3 in Chương I, Điều 4 in Chương II).
    pub continues: bool,
}

impl From<LevelStyle> for Level {
    fn from(style: LevelStyle) -> Self {
        Level {
            style,
            continues: false,
        }
    }
}

#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LevelObject {
    style: LevelStyle,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    continues: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LevelRepr {
    Style(LevelStyle),
    Object(LevelObject),
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.continues {
            LevelObject {
                style: self.style,
                continues: true,
            }
            .serialize(serializer)
        } else {
            self.style.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match LevelRepr::deserialize(deserializer)? {
            LevelRepr::Style(style) => Level::from(style),
            LevelRepr::Object(o) => Level {
                style: o.style,
                continues: o.continues,
            },
        })
    }
}

impl JsonSchema for Level {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let style = generator.subschema_for::<LevelStyle>();
        let object = generator.subschema_for::<LevelObject>();
        schemars::json_schema!({
            "description": "A level's style (\"decimal\"), or { \"style\": …, \"continues\": true } when its numbers run on across parents.",
            "anyOf": [style, object]
        })
    }
}

/// How the headings of one level are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LevelStyle {
    /// "I.", "II." — the parts (mục) of a plan.
    Roman,
    /// "1.", "2.".
    Arabic,
    /// The parent's number, a dot, this one's: "3.1." under "III.", "3.1.1." under "3.1.".
    Decimal,
    /// "a)", "b)" … "đ)" — the Vietnamese letters without f, j, w, z (điểm).
    Letter,
    /// "1)", "2)".
    NumberParen,
    /// "(1)", "(2)".
    NumberInParens,
    /// "Điều 1.", bold (articles).
    Article,
    /// "Phần I" on a line of its own, the title centred in capitals under it.
    Part,
    /// "Chương I" on a line of its own, the title centred in capitals under it.
    Chapter,
    /// "Mục 1" on a line of its own, the title centred in capitals under it.
    Section,
    /// "-" before the heading (no number).
    Dash,
    /// "+" before the heading (no number).
    Plus,
    /// No number: the heading is printed alone.
    None,
}

impl LevelStyle {
    /// "Phần I", "Chương I" and "Mục 1" stand on a line of their own above the title.
    pub const fn label_on_own_line(self) -> bool {
        matches!(
            self,
            LevelStyle::Part | LevelStyle::Chapter | LevelStyle::Section
        )
    }

    /// Whether the level's label counts (a number or letter) rather than marks.
    pub const fn is_numbered(self) -> bool {
        !matches!(self, LevelStyle::Dash | LevelStyle::Plus | LevelStyle::None)
    }
}

/// The usual numbering schemes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NumberingScheme {
    /// I., 1., a) — the usual plan style (nd30.md §5).
    #[default]
    RomanArabicLetter,
    /// I., 1., 1.1., 1.1.1.
    RomanDecimal,
    /// 1., 1.1., 1.1.1.
    Decimal,
    /// 1., a) — for appendices and short texts without Roman parts (a công văn's body).
    ArabicLetter,
    /// Điều 1., 1., a) — articles with khoản and điểm (quyết định, quy chế, quy định).
    Articles,
}

/// A text in reading order: unnumbered blocks, numbered sections, then unnumbered blocks
/// again — the body of a document, or the content of a text appendix. Blocks between two
/// sections belong to the `after` of the first one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// Paragraphs, lists and tables before the first numbered section (the whole body of a
    /// công văn without numbered parts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Numbered sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Paragraphs, lists and tables after the last section ("Trên đây là …", "Giao Phòng …
    /// theo dõi …", a note).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<Block>,
}

impl Content {
    /// True when there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.sections.is_empty() && self.after.is_empty()
    }
}

/// What a top-level section is for, so that checks and templates can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionRole {
    /// Mục đích, yêu cầu.
    Purpose,
    /// Nội dung, nhiệm vụ.
    Content,
    /// Kinh phí.
    Funding,
    /// Tổ chức thực hiện.
    Implementation,
}

/// A numbered section of the body: a heading, its blocks, then its subsections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading text without its number. For a điểm ("a)") this is the whole first
    /// paragraph.
    pub title: RichText,
    /// Sets this section's number instead of counting on from the previous sibling
    /// (numbering continues from here). Validation warns when it breaks the sequence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_from: Option<u32>,
    /// What the section is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<SectionRole>,
    /// Units whose duties this section sets out (tổ chức thực hiện); they must receive the
    /// document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// How the subsections (and theirs, level by level) are numbered when not as the
    /// enclosing numbering says: a part "III." whose subsections are "3.1.", "3.1.1." while
    /// the other parts use "1.", "a)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    /// Paragraphs, lists and tables under the heading, before the subsections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Subsections, numbered one level down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subsections: Vec<Section>,
    /// Paragraphs, lists and tables after the subsections, before the next section (a note
    /// closing a part).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<Block>,
}

impl Section {
    /// A section with a title and nothing else.
    pub fn new(title: RichText) -> Section {
        Section {
            title,
            number_from: None,
            role: None,
            units: Vec::new(),
            numbering: None,
            blocks: Vec::new(),
            subsections: Vec::new(),
            after: Vec::new(),
        }
    }
}

/// Content inside a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Block {
    /// A justified body paragraph.
    Paragraph {
        /// The text.
        text: RichText,
    },
    /// A list; items may hold a list of their own.
    List {
        /// The items' marker; when absent, "-" for a list and "+" for a list inside an item
        /// (and "•" deeper).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        marker: Option<ListMarker>,
        /// The first number of a numbered marker, when not 1 (a list continuing another).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u32>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A table of text (not the task table).
    Table(TextTable),
    /// The document's tasks, printed here as body text.
    Tasks,
}

impl Block {
    /// Every text of the block in reading order: a paragraph's, a list's items depth-first, a
    /// table's cells row by row (the tasks block has none of its own).
    pub fn texts(&self) -> Vec<&RichText> {
        fn items<'a>(list: &'a [ListItem], out: &mut Vec<&'a RichText>) {
            for item in list {
                out.push(&item.text);
                items(&item.items, out);
            }
        }
        let mut out = Vec::new();
        match self {
            Block::Paragraph { text } => out.push(text),
            Block::List { items: list, .. } => items(list, &mut out),
            Block::Table(t) => out.extend(t.rows.iter().flatten().flat_map(|c| &c.paragraphs)),
            Block::Tasks => {}
        }
        out
    }
}

/// The marker printed before each item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ListMarker {
    /// "-".
    Dash,
    /// "+".
    Plus,
    /// "*".
    Star,
    /// "•".
    Bullet,
    /// "–" (en dash).
    EnDash,
    /// "(1)", "(2)".
    NumberInParens,
    /// "1)", "2)".
    NumberParen,
    /// "1.", "2.".
    NumberDot,
    /// "a)", "b)" … in the Vietnamese sequence ("đ)" after "d)").
    LetterParen,
}

/// A list item, with an optional list of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    /// The item's text, without its marker.
    pub text: RichText,
    /// The marker of the sub-items; when absent, inferred from the depth ("+" under "-").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_marker: Option<ListMarker>,
    /// Sub-items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ListItem>,
}

/// A table in the text: rows of cells, the first `header_rows` printed bold and repeated on
/// each page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextTable {
    /// How many rows at the top are headings.
    #[serde(default, skip_serializing_if = "is_default")]
    pub header_rows: u32,
    /// Relative column widths (`[1, 6, 3]`); equal columns when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<u32>,
    /// The rows.
    pub rows: Vec<Vec<TableCell>>,
}

/// One cell of a [`TextTable`]: its paragraphs, and how many columns it spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableCell {
    /// The paragraphs.
    #[serde(default)]
    pub paragraphs: Vec<RichText>,
    /// Columns spanned (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<u32>,
}

/// A task group or a task; groups are numbered 1, 2, … and their tasks 1.1, 1.2, …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum TaskNode {
    /// A group heading row with its tasks.
    Group {
        /// The group's title.
        title: RichText,
        /// The tasks (or subgroups) of the group.
        tasks: Vec<TaskNode>,
    },
    /// One task.
    Task(Task),
}

/// One task (nhiệm vụ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// What is to be done, one or more paragraphs.
    pub content: Vec<RichText>,
    /// Đơn vị chủ trì.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooperating: Vec<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TaskTime>,
    /// Chỉ tiêu / sản phẩm ("8.000 tài khoản").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Ghi chú, one or more paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<RichText>,
    /// This row continues the task above it under the same number (the number cell spans
    /// both rows).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub continues_previous: bool,
}

/// When a task is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum TaskTime {
    /// On a date.
    Date {
        /// The date.
        date: CalendarDate,
    },
    /// Before a deadline, optionally at an hour ("trước 17h00 ngày 11/5/2022").
    Deadline {
        /// The last day.
        date: CalendarDate,
        /// Hour of the deadline, 0–23.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hour: Option<u8>,
        /// Minute of the deadline, 0–59.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minute: Option<u8>,
    },
    /// From one quarter to another ("Quý I đến Quý IV"), optionally of a year.
    Quarters {
        /// First quarter, 1–4.
        from: u8,
        /// Last quarter, 1–4.
        to: u8,
        /// The year, when not the plan's own.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        year: Option<i32>,
    },
    /// From one month to another ("Tháng 01/2025 đến tháng 12/2025").
    Months {
        /// First month, 1–12.
        from_month: u8,
        /// Year of the first month.
        from_year: i32,
        /// Last month, 1–12.
        to_month: u8,
        /// Year of the last month.
        to_year: i32,
    },
    /// A recurring task.
    Frequency {
        /// How often.
        every: Frequency,
    },
    /// Anything else, as written.
    Text {
        /// The text.
        text: String,
    },
}

/// How often a recurring task happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Thường xuyên.
    Continuous,
    /// Hàng ngày.
    Daily,
    /// Hàng tuần.
    Weekly,
    /// Hàng tháng.
    Monthly,
    /// Hàng quý.
    Quarterly,
    /// Hàng năm.
    Yearly,
}

/// Nơi nhận.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// The list, in order. "Như trên;" is printed first automatically when the document has
    /// addressees.
    pub entries: Vec<RecipientEntry>,
    /// The "Lưu: VT, …" line.
    pub archive: ArchiveLine,
}

/// A line of the recipient list, or a bracketed group of lines with one annotation
/// ("Báo cáo").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RecipientEntry {
    /// Several recipients bracketed together with a label to the right.
    Group(RecipientGroup),
    /// One recipient line.
    Single(Recipient),
}

/// Recipients bracketed with one label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientGroup {
    /// The label printed beside the bracket ("Báo cáo", "Để thực hiện").
    pub label: String,
    /// The bracketed recipients.
    pub members: Vec<Recipient>,
}

/// One recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// As printed ("UBND các huyện, thành phố").
    pub name: String,
    /// Annotation printed after it in parentheses ("b/c", "t/h").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Units this line covers, when it names a group ("Các sở, ban, ngành tỉnh" covers
    /// "Sở Tài chính"), used to check that every unit with tasks receives the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub includes: Vec<String>,
}

/// "- Lưu: VT, <unit>(<drafter>) <copies>." and the drafter code of ô 12.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArchiveLine {
    /// How the drafter's code and the copies issued are written.
    #[serde(default, skip_serializing_if = "is_default")]
    pub code_style: DrafterCodeStyle,
    /// Drafting units keeping a file copy, after "VT".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
    /// The drafter's initials, in parentheses after the last unit ("KGVX(HTHT)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<String>,
    /// Number of file copies kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
    /// Number of copies issued (ô 12), printed with the drafter's code: "PL.(300)." or
    /// "KV (01)." (see `code_style`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_copies: Option<u32>,
}

/// How the "Lưu" line writes the drafter's code (ô 12).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DrafterCodeStyle {
    /// As the decree's specimen: the initials in parentheses after the last unit
    /// ("VT, KGVX(HTHT)."), or, with copies issued, "VT, TCCB 02. PL.(300).".
    #[default]
    Specimen,
    /// The code after the units as a sentence of its own, the count in parentheses after a
    /// space: "VT, CNTT. KV (01)." ("VT, CNTT. KV." without a count).
    Spaced,
}

/// The signer block (ô 7a–7c).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureBlock {
    /// The authority lines above the title, outermost first ("TM. ỦY BAN NHÂN DÂN",
    /// "KT. CHỦ TỊCH").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authority: Vec<Authority>,
    /// The signer's own title ("PHÓ CHỦ TỊCH", "GIÁM ĐỐC").
    pub title: String,
    /// The signer's full name.
    pub name: String,
}

/// One authority line: a prefix and what it refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    /// TM., KT., TL., TUQ. or Q.
    pub kind: AuthorityKind,
    /// The collective (for TM.) or the head's title.
    pub of: String,
}

/// Signing authority prefixes (Art. 13, nd30.md §6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum AuthorityKind {
    /// Thay mặt: on behalf of a collective.
    #[serde(rename = "TM")]
    ThayMat,
    /// Ký thay: a deputy for the head.
    #[serde(rename = "KT")]
    KyThay,
    /// Thừa lệnh.
    #[serde(rename = "TL")]
    ThuaLenh,
    /// Thừa ủy quyền.
    #[serde(rename = "TUQ")]
    ThuaUyQuyen,
    /// Quyền: acting head.
    #[serde(rename = "Q")]
    Quyen,
}

impl AuthorityKind {
    /// The printed prefix with its dot.
    pub const fn prefix(self) -> &'static str {
        match self {
            AuthorityKind::ThayMat => "TM.",
            AuthorityKind::KyThay => "KT.",
            AuthorityKind::ThuaLenh => "TL.",
            AuthorityKind::ThuaUyQuyen => "TUQ.",
            AuthorityKind::Quyen => "Q.",
        }
    }
}

/// A phụ lục.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// The title, printed in capitals.
    pub title: String,
    /// Page orientation.
    #[serde(default, skip_serializing_if = "is_default")]
    pub orientation: Orientation,
    /// How the appendix's sections are numbered, when not like the body's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    /// How the date appears in the "(Kèm theo …)" line.
    #[serde(default, skip_serializing_if = "is_default")]
    pub reference_date_style: DateStyle,
    /// What the appendix holds.
    pub content: AppendixContent,
}

/// Page orientation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Orientation {
    /// Portrait.
    #[default]
    Portrait,
    /// Landscape, for wide tables.
    Landscape,
}

/// How a date is written in a reference line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DateStyle {
    /// "ngày 05 tháng 3 năm 2026".
    #[default]
    Words,
    /// "ngày 05/3/2026".
    Numeric,
}

/// What an appendix holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AppendixContent {
    /// Sections of text, numbered like the body.
    Text {
        /// The text.
        text: Content,
    },
    /// A numbered list of documents, in groups (I. Văn bản của Trung ương, …).
    Documents {
        /// The groups; a single group with no title prints no group row.
        groups: Vec<DocumentGroup>,
    },
    /// The document's task table.
    Tasks,
}

/// A group in a list of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentGroup {
    /// The group's title, numbered I, II, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Entries, numbered 1., 2., … within the group; each entry is one or more paragraphs.
    pub entries: Vec<Vec<RichText>>,
}
