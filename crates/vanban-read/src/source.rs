//! What every format is turned into before the document is recognised in it: paragraphs
//! (or, from PDF and text, lines that may still have to be joined into paragraphs) and tables.

use vanban_core::{RichText, Span};

use crate::Origin;

/// How a paragraph is placed on the page, when the source says so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Align {
    /// Not known (plain text) or left/justified.
    #[default]
    Start,
    /// Centred.
    Center,
    /// Flush right.
    End,
}

/// A paragraph, or a line of one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The text with its bold and italic runs; an automatic list number is written out in
    /// front of it as printed ("1.", "a)", "-").
    pub spans: Vec<Span>,
    /// Where it came from.
    pub origin: Origin,
    /// A line of a paragraph (PDF, text) rather than a whole paragraph (DOCX).
    pub line: bool,
    /// For a line of a PDF: the room left before the right margin, in ems of its type size; a
    /// line with room for the next line's first word ends its paragraph.
    pub room: Option<f32>,
    /// For a line of a PDF: how far it starts right of the text's left edge, in ems; a
    /// paragraph's first line is indented, the lines after it are not.
    pub indent: Option<f32>,
    /// Placement.
    pub align: Align,
    /// The label of the bracket this line of Nơi nhận stands in ("Báo cáo"), when the source
    /// draws the bracket as a table (DOCX).
    pub group: Option<String>,
    /// The column of a two-column block (page 1 header, signature), 0 left or 1 right, when
    /// the source lays text out side by side.
    pub column: Option<u8>,
}

impl Para {
    /// A line of plain text.
    pub fn line(text: &str, origin: Origin) -> Para {
        Para {
            spans: vec![Span::plain(text)],
            origin,
            line: true,
            ..Para::default()
        }
    }

    /// The characters.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The text with runs as a [`RichText`], trimmed, with white space runs collapsed.
    pub fn rich(&self) -> RichText {
        rich_of(&self.spans)
    }

    /// True when every character is bold (ignoring white space).
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for s in &self.spans {
            if !s.text.trim().is_empty() {
                if !s.bold {
                    return false;
                }
                any = true;
            }
        }
        any
    }
}

/// A table cell: its paragraphs.
pub type Cell = Vec<Para>;

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Rows of cells; a cell merged with the one above (vertical merge) is empty.
    pub rows: Vec<Vec<Cell>>,
    /// For each row, how many columns each of its cells spans: 1, more for a cell spanning
    /// columns, 0 for the places it covers (which are empty cells in `rows`); empty when the
    /// source does not say (PDF).
    pub spans: Vec<Vec<u32>>,
    /// Relative column widths, when the source gives them and they are not all equal.
    pub widths: Vec<u32>,
    /// How many rows at the top the source marks as heading rows, when it marks them.
    pub header_rows: Option<u32>,
    /// Where it starts.
    pub origin: Origin,
}

/// A part of the source.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A paragraph or line.
    Para(Para),
    /// A table.
    Table(Table),
}

impl Item {
    /// True when there is no text.
    pub fn is_blank(&self) -> bool {
        match self {
            Item::Para(p) => p.spans.iter().all(|s| s.text.trim().is_empty()),
            Item::Table(t) => t
                .rows
                .iter()
                .flatten()
                .flatten()
                .all(|p| p.spans.iter().all(|s| s.text.trim().is_empty())),
        }
    }

    /// Where it came from.
    pub fn origin(&self) -> Origin {
        match self {
            Item::Para(p) => p.origin,
            Item::Table(t) => t.origin,
        }
    }
}

/// Collapses white space, trims, and merges neighbouring runs of the same style.
pub fn rich_of(spans: &[Span]) -> RichText {
    let mut out: Vec<Span> = Vec::new();
    let mut pending_space = false;
    for s in spans {
        for (i, part) in s.text.split_whitespace().enumerate() {
            let lead_space = i > 0 || s.text.starts_with(char::is_whitespace) || pending_space;
            pending_space = false;
            match out.last_mut() {
                Some(last) if last.bold == s.bold && last.italic == s.italic => {
                    if lead_space {
                        last.text.push(' ');
                    }
                    last.text.push_str(part);
                }
                Some(last) => {
                    if lead_space {
                        // The space goes with the plainer run.
                        if !last.bold && !last.italic {
                            last.text.push(' ');
                            out.push(Span {
                                text: part.to_owned(),
                                bold: s.bold,
                                italic: s.italic,
                            });
                        } else {
                            out.push(Span {
                                text: format!(" {part}"),
                                bold: s.bold,
                                italic: s.italic,
                            });
                        }
                    } else {
                        out.push(Span {
                            text: part.to_owned(),
                            bold: s.bold,
                            italic: s.italic,
                        });
                    }
                }
                None => out.push(Span {
                    text: part.to_owned(),
                    bold: s.bold,
                    italic: s.italic,
                }),
            }
        }
        if s.text.ends_with(char::is_whitespace) {
            pending_space = true;
        }
    }
    if out.is_empty() {
        return RichText::plain("");
    }
    RichText(out)
}

/// Drops `n` characters (not counting leading white space) from the front of the runs.
pub fn drop_prefix(spans: &[Span], n: usize) -> Vec<Span> {
    let mut left = n;
    let mut out = Vec::new();
    let mut started = false;
    for s in spans {
        if left == 0 {
            out.push(s.clone());
            continue;
        }
        let mut text = String::new();
        for ch in s.text.chars() {
            if left > 0 {
                if !started && ch.is_whitespace() {
                    continue;
                }
                started = true;
                left -= 1;
            } else {
                text.push(ch);
            }
        }
        if !text.is_empty() {
            out.push(Span {
                text,
                bold: s.bold,
                italic: s.italic,
            });
        }
    }
    out
}
