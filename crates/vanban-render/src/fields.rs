//! The fields of a document signed before it is issued (docs/decree.md §4 and §12).
//!
//! The signer signs the approved text with the number and date still blank; the registry then
//! writes them in and adds the agency's signature, as a second update of the same PDF. For the
//! second update to land exactly in the blanks of the first, both are laid out with each field
//! — number, day, month, year, in the header and in every "(Kèm theo …)" line — in a box of
//! fixed width: [`with_fields`] turns those lines into runs of text and field boxes, so that
//! the blank document and the filled one have the same layout, glyph for glyph, but for the
//! values in the boxes. The PDF backend can then draw only the values ([`crate::pdf::Typesetter::fields_pdf`]).

use vanban_core::Document;
use vanban_core::format::{self, Field, Piece};
use vanban_core::plain;
use vanban_core::text::to_nfc;

use crate::layout::{Align, Block, FieldBox, Layout, Paragraph, Role, Run};

/// The box of each field: wide enough for its largest value ("1234", "05", "12", "2025") and
/// at least as wide as the blank a draft prints (six spaces, 1.5 em).
pub fn field_box(field: Field) -> FieldBox {
    match field {
        // Right-aligned: the number sits against the "/" of the ký hiệu.
        Field::Number => FieldBox {
            width_em: 2.0,
            align: Align::Right,
        },
        Field::Day | Field::Month => FieldBox {
            width_em: 1.5,
            align: Align::Center,
        },
        Field::Year => FieldBox {
            width_em: 2.0,
            align: Align::Center,
        },
    }
}

/// The runs of a line of pieces: text runs, and one boxed run per field (empty when blank).
pub fn runs(pieces: &[Piece]) -> Vec<Run> {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(t) => Run::plain(to_nfc(t)),
            Piece::Field(field, value) => Run {
                field: Some(field_box(*field)),
                ..Run::plain(value.clone().unwrap_or_default())
            },
        })
        .collect()
}

/// Rewrites the number line, the date line and the "(Kèm theo …)" lines of `layout` (built
/// from `doc`: the appendices' and the attached document's) as runs with field boxes.
pub fn with_fields(layout: &mut Layout, doc: &Document) {
    let h = &doc.header;
    let symbol = plain::document_symbol(doc);
    let mut appendices = doc.appendices.iter();
    // The document a decision issues comes right after it (Mẫu 1.3), before the appendices.
    let attachment_section = doc.attachment.as_ref().map(|_| 1);
    for (i, section) in layout.sections.iter_mut().enumerate() {
        let in_attachment = attachment_section == Some(i);
        for_each_paragraph(&mut section.blocks, &mut |p| {
            let pieces = match p.role {
                Role::SoKyHieu => format::number_line_pieces(h.number, &symbol),
                Role::DiaDanhNgay => format::date_line_pieces(&h.place, h.date),
                Role::KemTheo if in_attachment => plain::attachment_kem_theo_pieces(doc),
                Role::KemTheo => match appendices.next() {
                    Some(appendix) => plain::kem_theo_pieces(doc, appendix),
                    None => return,
                },
                _ => return,
            };
            p.runs = runs(&pieces);
        });
    }
}

fn for_each_paragraph(blocks: &mut [Block], f: &mut impl FnMut(&mut Paragraph)) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => f(p),
            Block::Rule(_) => {}
            Block::Table(t) => {
                for row in &mut t.rows {
                    for cell in &mut row.cells {
                        for_each_paragraph(&mut cell.blocks, f);
                    }
                }
            }
        }
    }
}
