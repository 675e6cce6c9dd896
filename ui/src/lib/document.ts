// Generated from docs/vanban-1.schema.json by ui/scripts/document-types.mjs; do not edit.

/**
 * Content inside a section.
 */
export type Block =
  | {
      kind: "paragraph";
      /**
       * The text.
       */
      text: string | (string | Span)[];
    }
  | {
      /**
       * The items.
       */
      items: ListItem[];
      kind: "list";
      /**
       * The items' marker; when absent, "-" for a list and "+" for a list inside an item
       * (and "•" deeper).
       */
      marker?: ListMarker | null;
      /**
       * The first number of a numbered marker, when not 1 (a list continuing another).
       */
      start?: number | null;
    }
  | {
      /**
       * How many rows at the top are headings.
       */
      header_rows?: number;
      kind: "table";
      /**
       * The rows.
       */
      rows: TableCell[][];
      /**
       * Relative column widths (`[1, 6, 3]`); equal columns when absent.
       */
      widths?: number[];
    }
  | {
      kind: "tasks";
    };
/**
 * The marker printed before each item of a list.
 */
export type ListMarker =
  | "dash"
  | "plus"
  | "star"
  | "bullet"
  | "en-dash"
  | "number-in-parens"
  | "number-paren"
  | "number-dot"
  | "letter-paren";
/**
 * Text: a string, or an array of plain strings and styled spans.
 */
export type RichText = string | (string | Span)[];
/**
 * How section headings are numbered: one of the usual schemes by name
 * (`"roman-arabic-letter"`), or a style for each level (`{ "levels": ["roman", "decimal",
 * "decimal", "letter"] }` gives "III.", "3.1.", "3.1.1.", "a)").
 */
export type Numbering =
  | ("roman-arabic-letter" | "roman-decimal" | "decimal" | "arabic-letter" | "articles")
  | NumberingLevels;
/**
 * A level's style ("decimal"), or { "style": …, "continues": true } when its numbers run on across parents.
 */
export type Level = LevelStyle | LevelObject;
/**
 * How the headings of one level are numbered.
 */
export type LevelStyle =
  | "roman"
  | "arabic"
  | "decimal"
  | "letter"
  | "number-paren"
  | "number-in-parens"
  | "article"
  | "part"
  | "chapter"
  | "section"
  | "dash"
  | "plus"
  | "none";
/**
 * What a top-level section is for, so that checks and templates can find it.
 */
export type SectionRole = "purpose" | "content" | "funding" | "implementation";
/**
 * Độ mật.
 */
export type Secrecy = "mat" | "toi-mat" | "tuyet-mat";
/**
 * Độ khẩn.
 */
export type Urgency = "khan" | "thuong-khan" | "hoa-toc";
/**
 * A date written YYYY-MM-DD.
 */
export type CalendarDate = string;
/**
 * A line of the recipient list, or a bracketed group of lines with one annotation
 * ("Báo cáo").
 */
export type RecipientEntry = RecipientGroup | Recipient1;
/**
 * A task group or a task; groups are numbered 1, 2, … and their tasks 1.1, 1.2, …
 */
export type TaskNode =
  | {
      kind: "group";
      /**
       * The tasks (or subgroups) of the group.
       */
      tasks: TaskNode[];
      /**
       * Text: a string, or an array of plain strings and styled spans.
       */
      title: string | (string | Span)[];
    }
  | {
      /**
       * What is to be done, one or more paragraphs.
       */
      content: RichText[];
      /**
       * This row continues the task above it under the same number (the number cell spans
       * both rows).
       */
      continues_previous?: boolean;
      /**
       * Đơn vị phối hợp.
       */
      cooperating?: string[];
      kind: "task";
      /**
       * Đơn vị chủ trì.
       */
      lead?: string[];
      /**
       * Ghi chú, one or more paragraphs.
       */
      notes?: RichText[];
      /**
       * Chỉ tiêu / sản phẩm ("8.000 tài khoản").
       */
      target?: string | null;
      /**
       * When.
       */
      time?: TaskTime | null;
    };
/**
 * When a task is done.
 */
export type TaskTime =
  | {
      /**
       * A date written YYYY-MM-DD.
       */
      date: string;
      kind: "date";
    }
  | {
      /**
       * A date written YYYY-MM-DD.
       */
      date: string;
      /**
       * Hour of the deadline, 0–23.
       */
      hour?: number | null;
      kind: "deadline";
      /**
       * Minute of the deadline, 0–59.
       */
      minute?: number | null;
    }
  | {
      /**
       * First quarter, 1–4.
       */
      from: number;
      kind: "quarters";
      /**
       * Last quarter, 1–4.
       */
      to: number;
      /**
       * The year, when not the plan's own.
       */
      year?: number | null;
    }
  | {
      /**
       * First month, 1–12.
       */
      from_month: number;
      /**
       * Year of the first month.
       */
      from_year: number;
      kind: "months";
      /**
       * Last month, 1–12.
       */
      to_month: number;
      /**
       * Year of the last month.
       */
      to_year: number;
    }
  | {
      /**
       * How often.
       */
      every: "continuous" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
      kind: "frequency";
    }
  | {
      kind: "text";
      /**
       * The text.
       */
      text: string;
    };

/**
 * A document of VănBản, format vanban/1.
 */
export interface VanBNDocument {
  document: Document;
  /**
   * Always "vanban/1".
   */
  format: "vanban/1";
}
/**
 * The document.
 */
export interface Document {
  /**
   * "Kính gửi" recipients (ô 9a), used by công văn, tờ trình and báo cáo sent upwards.
   */
  addressees?: Recipient[];
  /**
   * Phụ lục, numbered I, II, … in this order.
   */
  appendices?: Appendix[];
  /**
   * The document a quyết định issues or approves (a kế hoạch, a quy chế…), printed after it
   * in the same file with its own title page (Mẫu 1.3).
   */
  attachment?: Attachment | null;
  body: Content2;
  /**
   * Text: a string, or an array of plain strings and styled spans.
   */
  closing: string | (string | Span)[];
  /**
   * A contact line printed after the body ("Đầu mối …: Ông …, sđt …").
   */
  contact?: RichText | null;
  header: Header;
  /**
   * The issuing authority printed in capitals under the subject of a quyết định or nghị
   * quyết ("GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "ỦY BAN NHÂN DÂN TỈNH").
   */
  issuing_authority?: string | null;
  legal_basis?: LegalBasis;
  /**
   * How section headings are numbered: one of the usual schemes by name
   * (`"roman-arabic-letter"`), or a style for each level (`{ "levels": ["roman", "decimal",
   * "decimal", "letter"] }` gives "III.", "3.1.", "3.1.1.", "a)").
   */
  numbering?:
    | ("roman-arabic-letter" | "roman-decimal" | "decimal" | "arabic-letter" | "articles")
    | NumberingLevels;
  recipients: Recipients;
  signature: SignatureBlock;
  /**
   * Trích yếu: what the document is about, without the type name.
   */
  subject: string;
  /**
   * The tasks (nhiệm vụ), shown where a [`Block::Tasks`] or an appendix of
   * [`AppendixContent::Tasks`] asks for them.
   */
  tasks?: TaskNode[];
  /**
   * The document type (ô 5a), e.g. `ke-hoach`.
   */
  type:
    | "nghi-quyet"
    | "quyet-dinh"
    | "chi-thi"
    | "quy-che"
    | "quy-dinh"
    | "thong-cao"
    | "thong-bao"
    | "huong-dan"
    | "chuong-trinh"
    | "ke-hoach"
    | "phuong-an"
    | "de-an"
    | "du-an"
    | "bao-cao"
    | "bien-ban"
    | "to-trinh"
    | "hop-dong"
    | "cong-van"
    | "cong-dien"
    | "ban-ghi-nho"
    | "ban-thoa-thuan"
    | "giay-uy-quyen"
    | "giay-moi"
    | "giay-gioi-thieu"
    | "giay-nghi-phep"
    | "phieu-gui"
    | "phieu-chuyen"
    | "phieu-bao"
    | "thu-cong";
}
/**
 * One recipient.
 */
export interface Recipient {
  /**
   * Units this line covers, when it names a group ("Các sở, ban, ngành tỉnh" covers
   * "Sở Tài chính"), used to check that every unit with tasks receives the document.
   */
  includes?: string[];
  /**
   * As printed ("UBND các huyện, thành phố").
   */
  name: string;
  /**
   * Annotation printed after it in parentheses ("b/c", "t/h").
   */
  note?: string | null;
}
/**
 * A phụ lục.
 */
export interface Appendix {
  /**
   * What the appendix holds.
   */
  content:
    | {
        kind: "text";
        text: Content;
      }
    | {
        /**
         * The groups; a single group with no title prints no group row.
         */
        groups: DocumentGroup[];
        kind: "documents";
      }
    | {
        kind: "tasks";
      };
  /**
   * How the appendix's sections are numbered, when not like the body's.
   */
  numbering?: Numbering | null;
  /**
   * Page orientation.
   */
  orientation?: "portrait" | "landscape";
  /**
   * How the date appears in the "(Kèm theo …)" line.
   */
  reference_date_style?: "words" | "numeric";
  /**
   * The title, printed in capitals.
   */
  title: string;
}
/**
 * The text.
 */
export interface Content {
  /**
   * Paragraphs, lists and tables after the last section ("Trên đây là …", "Giao Phòng …
   * theo dõi …", a note).
   */
  after?: Block[];
  /**
   * Paragraphs, lists and tables before the first numbered section (the whole body of a
   * công văn without numbered parts).
   */
  blocks?: Block[];
  /**
   * Numbered sections.
   */
  sections?: Section[];
}
/**
 * A run of text with one style.
 */
export interface Span {
  /**
   * Bold (đậm).
   */
  bold?: boolean;
  /**
   * Italic (nghiêng).
   */
  italic?: boolean;
  /**
   * The characters.
   */
  text: string;
}
/**
 * A list item, with an optional list of its own.
 */
export interface ListItem {
  /**
   * Sub-items.
   */
  items?: ListItem[];
  /**
   * The marker of the sub-items; when absent, inferred from the depth ("+" under "-").
   */
  items_marker?: ListMarker | null;
  /**
   * The item's text, without its marker.
   */
  text: string | (string | Span)[];
}
/**
 * One cell of a [`TextTable`]: its paragraphs, and how many columns it spans.
 */
export interface TableCell {
  /**
   * The paragraphs.
   */
  paragraphs?: RichText[];
  /**
   * Columns spanned (1 when absent).
   */
  span?: number | null;
}
/**
 * A numbered section of the body: a heading, its blocks, then its subsections.
 */
export interface Section {
  /**
   * Paragraphs, lists and tables after the subsections, before the next section (a note
   * closing a part).
   */
  after?: Block[];
  /**
   * Paragraphs, lists and tables under the heading, before the subsections.
   */
  blocks?: Block[];
  /**
   * Sets this section's number instead of counting on from the previous sibling
   * (numbering continues from here). Validation warns when it breaks the sequence.
   */
  number_from?: number | null;
  /**
   * How the subsections (and theirs, level by level) are numbered when not as the
   * enclosing numbering says: a part "III." whose subsections are "3.1.", "3.1.1." while
   * the other parts use "1.", "a)".
   */
  numbering?: Numbering | null;
  /**
   * What the section is for.
   */
  role?: SectionRole | null;
  /**
   * Subsections, numbered one level down.
   */
  subsections?: Section[];
  /**
   * Text: a string, or an array of plain strings and styled spans.
   */
  title: string | (string | Span)[];
  /**
   * Units whose duties this section sets out (tổ chức thực hiện); they must receive the
   * document.
   */
  units?: string[];
}
/**
 * A style per level.
 */
export interface NumberingLevels {
  /**
   * The levels, outermost first.
   */
  levels: Level[];
}
export interface LevelObject {
  continues?: boolean;
  style: LevelStyle;
}
/**
 * A group in a list of documents.
 */
export interface DocumentGroup {
  /**
   * Entries, numbered 1., 2., … within the group; each entry is one or more paragraphs.
   */
  entries: RichText[][];
  /**
   * The group's title, numbered I, II, …
   */
  title?: string | null;
}
/**
 * A document issued or approved by a decision (Mẫu 1.3): the decision's issuing body and the
 * national title without a number line, its type name and subject, "(Kèm theo Quyết định số
 * … ngày … của …)", its text, and the decision's signer.
 */
export interface Attachment {
  body: Content1;
  /**
   * Its closing sentence, ending with "./.", when its text does not end so.
   */
  closing?: RichText | null;
  /**
   * How section headings are numbered: one of the usual schemes by name
   * (`"roman-arabic-letter"`), or a style for each level (`{ "levels": ["roman", "decimal",
   * "decimal", "letter"] }` gives "III.", "3.1.", "3.1.1.", "a)").
   */
  numbering?:
    | ("roman-arabic-letter" | "roman-decimal" | "decimal" | "arabic-letter" | "articles")
    | NumberingLevels;
  /**
   * Its subject, without the type name.
   */
  subject: string;
  /**
   * Its type ("ke-hoach", "quy-che").
   */
  type:
    | "nghi-quyet"
    | "quyet-dinh"
    | "chi-thi"
    | "quy-che"
    | "quy-dinh"
    | "thong-cao"
    | "thong-bao"
    | "huong-dan"
    | "chuong-trinh"
    | "ke-hoach"
    | "phuong-an"
    | "de-an"
    | "du-an"
    | "bao-cao"
    | "bien-ban"
    | "to-trinh"
    | "hop-dong"
    | "cong-van"
    | "cong-dien"
    | "ban-ghi-nho"
    | "ban-thoa-thuan"
    | "giay-uy-quyen"
    | "giay-moi"
    | "giay-gioi-thieu"
    | "giay-nghi-phep"
    | "phieu-gui"
    | "phieu-chuyen"
    | "phieu-bao"
    | "thu-cong";
}
/**
 * Its text.
 */
export interface Content1 {
  /**
   * Paragraphs, lists and tables after the last section ("Trên đây là …", "Giao Phòng …
   * theo dõi …", a note).
   */
  after?: Block[];
  /**
   * Paragraphs, lists and tables before the first numbered section (the whole body of a
   * công văn without numbered parts).
   */
  blocks?: Block[];
  /**
   * Numbered sections.
   */
  sections?: Section[];
}
/**
 * The body (ô 6): unnumbered blocks, numbered sections, and blocks after them.
 */
export interface Content2 {
  /**
   * Paragraphs, lists and tables after the last section ("Trên đây là …", "Giao Phòng …
   * theo dõi …", a note).
   */
  after?: Block[];
  /**
   * Paragraphs, lists and tables before the first numbered section (the whole body of a
   * công văn without numbered parts).
   */
  blocks?: Block[];
  /**
   * Numbered sections.
   */
  sections?: Section[];
}
/**
 * Issuing body, number, place and date, marks (ô 1–4, 10, 11, 13).
 */
export interface Header {
  /**
   * Address, phone, email and website line at the foot of page 1 (ô 13).
   */
  address_line?: string | null;
  /**
   * Chỉ dẫn phạm vi lưu hành (ô 11), e.g. "LƯU HÀNH NỘI BỘ".
   */
  circulation?: string | null;
  /**
   * The issue date; absent or partly filled (year, or year and month) until issued.
   */
  date?: IssueDate | null;
  issuing_body: Agency;
  /**
   * The number in the outgoing register; absent until the document is issued.
   */
  number?: number | null;
  /**
   * Cơ quan chủ quản trực tiếp, printed above the issuing body, not bold.
   */
  parent_body?: Agency1 | null;
  /**
   * Địa danh: the place name of the date line ("Lạng Sơn").
   */
  place: string;
  /**
   * Độ mật (ô 10a).
   */
  secrecy?: Secrecy | null;
  /**
   * Abbreviation of the drafting unit or subject area, the second part of a công văn's
   * ký hiệu ("VX" in `12/UBND-VX`).
   */
  unit_abbreviation?: string | null;
  /**
   * Độ khẩn (ô 10b).
   */
  urgency?: Urgency | null;
}
/**
 * The issue date, which drafts may fill only in part ("ngày     tháng 01 năm 2025").
 */
export interface IssueDate {
  /**
   * Day, when already known (requires the month).
   */
  day?: number | null;
  /**
   * Month, when already known.
   */
  month?: number | null;
  /**
   * Year.
   */
  year: number;
}
/**
 * Cơ quan ban hành.
 */
export interface Agency {
  /**
   * Abbreviation used in ký hiệu ("UBND", "STTTT").
   */
  abbreviation?: string | null;
  /**
   * The name as printed in the header, in any case (it is printed in capitals). A line
   * break (`\n`) marks where a long name wraps.
   */
  name: string;
  /**
   * How running text names the body ("UBND tỉnh Long An"), used in the appendices'
   * "(Kèm theo …)" line. Defaults to the name.
   */
  short_name?: string | null;
}
/**
 * A body (cơ quan, tổ chức) as it appears in the header and in running text.
 */
export interface Agency1 {
  /**
   * Abbreviation used in ký hiệu ("UBND", "STTTT").
   */
  abbreviation?: string | null;
  /**
   * The name as printed in the header, in any case (it is printed in capitals). A line
   * break (`\n`) marks where a long name wraps.
   */
  name: string;
  /**
   * How running text names the body ("UBND tỉnh Long An"), used in the appendices'
   * "(Kèm theo …)" line. Defaults to the name.
   */
  short_name?: string | null;
}
/**
 * The legal basis (căn cứ) and the preamble's closing clause.
 */
export interface LegalBasis {
  /**
   * The clause that closes the preamble.
   */
  closing_clause?: RichText | null;
  /**
   * Where the closing clause goes.
   */
  closing_placement?: "own-paragraph" | "same-paragraph" | "new-sentence" | "as-written";
  /**
   * The paragraphs ("Căn cứ …;", "Thực hiện …").
   */
  paragraphs?: BasisParagraph[];
  /**
   * Who proposed the decision, after "Theo đề nghị của" ("Chánh Văn phòng Sở"); the
   * last line of a quyết định's preamble, italic like the căn cứ.
   */
  proposal?: string | null;
}
/**
 * One paragraph of the legal basis: a lead word and the references it introduces, or words
 * that are no reference ("Căn cứ tình hình thực tế của địa phương").
 */
export interface BasisParagraph {
  /**
   * Groups of references: references in a group are joined by ", ", groups by "; ".
   */
  groups?: LegalReference[][];
  /**
   * "Căn cứ", "Thực hiện", "Theo đề nghị của", …
   */
  lead: string;
  /**
   * Words printed after the lead (and after the references, if any) as written, without
   * their end mark.
   */
  text?: RichText | null;
}
/**
 * A structured reference to another document.
 */
export interface LegalReference {
  /**
   * The date the cited document was issued.
   */
  date?: CalendarDate | null;
  /**
   * The cited type as written ("Quyết định", "Luật", "Nghị định", "Kế hoạch").
   */
  doc_type: string;
  /**
   * The issuer ("Thủ tướng Chính phủ", "UBND tỉnh").
   */
  issuer?: string | null;
  /**
   * Number and symbol ("1588/QĐ-TTg", "20/2023/QH15", "21-NQ/TU").
   */
  number?: string | null;
  /**
   * What it is about, with its leading verb or preposition ("phê duyệt Đề án …",
   * "về Ngày Chuyển đổi số quốc gia"); for a law, its name.
   */
  subject?: string | null;
}
/**
 * Nơi nhận (ô 9b) with the "Lưu" line and the drafter code (ô 12).
 */
export interface Recipients {
  archive: ArchiveLine;
  /**
   * The list, in order. "Như trên;" is printed first automatically when the document has
   * addressees.
   */
  entries: RecipientEntry[];
}
/**
 * The "Lưu: VT, …" line.
 */
export interface ArchiveLine {
  /**
   * How the drafter's code and the copies issued are written.
   */
  code_style?: "specimen" | "spaced";
  /**
   * Number of file copies kept.
   */
  copies?: number | null;
  /**
   * The drafter's initials, in parentheses after the last unit ("KGVX(HTHT)").
   */
  drafter?: string | null;
  /**
   * Number of copies issued (ô 12), printed with the drafter's code: "PL.(300)." or
   * "KV (01)." (see `code_style`).
   */
  issued_copies?: number | null;
  /**
   * Drafting units keeping a file copy, after "VT".
   */
  units?: string[];
}
/**
 * Several recipients bracketed together with a label to the right.
 */
export interface RecipientGroup {
  /**
   * The label printed beside the bracket ("Báo cáo", "Để thực hiện").
   */
  label: string;
  /**
   * The bracketed recipients.
   */
  members: Recipient[];
}
/**
 * One recipient.
 */
export interface Recipient1 {
  /**
   * Units this line covers, when it names a group ("Các sở, ban, ngành tỉnh" covers
   * "Sở Tài chính"), used to check that every unit with tasks receives the document.
   */
  includes?: string[];
  /**
   * As printed ("UBND các huyện, thành phố").
   */
  name: string;
  /**
   * Annotation printed after it in parentheses ("b/c", "t/h").
   */
  note?: string | null;
}
/**
 * Authority, titles and the signer (ô 7a–7c).
 */
export interface SignatureBlock {
  /**
   * The authority lines above the title, outermost first ("TM. ỦY BAN NHÂN DÂN",
   * "KT. CHỦ TỊCH").
   */
  authority?: Authority[];
  /**
   * The signer's full name.
   */
  name: string;
  /**
   * The signer's own title ("PHÓ CHỦ TỊCH", "GIÁM ĐỐC").
   */
  title: string;
}
/**
 * One authority line: a prefix and what it refers to.
 */
export interface Authority {
  /**
   * TM., KT., TL., TUQ. or Q.
   */
  kind: "TM" | "KT" | "TL" | "TUQ" | "Q";
  /**
   * The collective (for TM.) or the head's title.
   */
  of: string;
}
