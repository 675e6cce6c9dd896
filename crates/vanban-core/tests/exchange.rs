//! The JSON exchange format: lossless round trips of any document, the committed schema, and
//! the errors a user gets for files that cannot be used.

use std::path::Path;

use proptest::prelude::*;
use vanban_core::exchange::{self, ReadError};
use vanban_core::model::*;
use vanban_core::{DocumentType, RichText, Span};

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9àáảãạăắằặâấầđèéêếệìíòóôốồơớờùúưứừỳýỹ “”,.;:()/\\-]{0,24}"
}

fn rich() -> impl Strategy<Value = RichText> {
    prop::collection::vec((text(), any::<bool>(), any::<bool>()), 0..3).prop_map(|spans| {
        RichText(
            spans
                .into_iter()
                .map(|(text, bold, italic)| Span { text, bold, italic })
                .collect(),
        )
    })
}

fn date() -> impl Strategy<Value = CalendarDate> {
    (1900i32..2100, 0u8..14, 0u8..33).prop_map(|(y, m, d)| CalendarDate::new(y, m, d))
}

fn agency() -> impl Strategy<Value = Agency> {
    (text(), prop::option::of(text()), prop::option::of(text())).prop_map(
        |(name, abbreviation, short_name)| Agency {
            name,
            abbreviation,
            short_name,
        },
    )
}

fn reference() -> impl Strategy<Value = LegalReference> {
    (
        text(),
        prop::option::of(text()),
        prop::option::of(date()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(doc_type, number, date, issuer, subject)| LegalReference {
            doc_type,
            number,
            date,
            issuer,
            subject,
        })
}

fn marker() -> impl Strategy<Value = Option<ListMarker>> {
    prop::option::of(prop_oneof![
        Just(ListMarker::Dash),
        Just(ListMarker::Plus),
        Just(ListMarker::Star),
        Just(ListMarker::Bullet),
        Just(ListMarker::EnDash),
        Just(ListMarker::NumberInParens),
        Just(ListMarker::NumberParen),
        Just(ListMarker::NumberDot),
        Just(ListMarker::LetterParen),
    ])
}

fn list_item() -> impl Strategy<Value = ListItem> {
    let leaf = rich().prop_map(|text| ListItem {
        text,
        items_marker: None,
        items: vec![],
    });
    leaf.prop_recursive(2, 8, 3, |inner| {
        (rich(), marker(), prop::collection::vec(inner, 0..3)).prop_map(
            |(text, items_marker, items)| ListItem {
                text,
                items_marker,
                items,
            },
        )
    })
}

fn table() -> impl Strategy<Value = TextTable> {
    (
        0u32..2,
        prop::collection::vec(1u32..5, 0..3),
        prop::collection::vec(
            prop::collection::vec(
                (
                    prop::collection::vec(rich(), 0..2),
                    prop::option::of(1u32..3),
                )
                    .prop_map(|(paragraphs, span)| TableCell { paragraphs, span }),
                1..4,
            ),
            0..3,
        ),
    )
        .prop_map(|(header_rows, widths, rows)| TextTable {
            header_rows,
            widths,
            rows,
        })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        rich().prop_map(|text| Block::Paragraph { text }),
        (
            marker(),
            prop::option::of(1u32..9),
            prop::collection::vec(list_item(), 0..3)
        )
            .prop_map(|(marker, start, items)| Block::List {
                marker,
                start,
                items
            }),
        table().prop_map(Block::Table),
        Just(Block::Tasks),
    ]
}

fn level_style() -> impl Strategy<Value = LevelStyle> {
    prop_oneof![
        Just(LevelStyle::Roman),
        Just(LevelStyle::Arabic),
        Just(LevelStyle::Decimal),
        Just(LevelStyle::Letter),
        Just(LevelStyle::NumberParen),
        Just(LevelStyle::NumberInParens),
        Just(LevelStyle::Article),
        Just(LevelStyle::Part),
        Just(LevelStyle::Chapter),
        Just(LevelStyle::Section),
        Just(LevelStyle::Dash),
        Just(LevelStyle::Plus),
        Just(LevelStyle::None),
    ]
}

fn numbering() -> impl Strategy<Value = Numbering> {
    prop_oneof![
        prop_oneof![
            Just(NumberingScheme::RomanArabicLetter),
            Just(NumberingScheme::Decimal),
            Just(NumberingScheme::RomanDecimal),
            Just(NumberingScheme::ArabicLetter),
            Just(NumberingScheme::Articles)
        ]
        .prop_map(Numbering::Scheme),
        prop::collection::vec(
            (level_style(), any::<bool>())
                .prop_map(|(style, continues)| Level { style, continues }),
            0..4
        )
        .prop_map(|levels| Numbering::Levels(NumberingLevels { levels })),
    ]
}

fn role() -> impl Strategy<Value = Option<SectionRole>> {
    prop::option::of(prop_oneof![
        Just(SectionRole::Purpose),
        Just(SectionRole::Content),
        Just(SectionRole::Funding),
        Just(SectionRole::Implementation),
    ])
}

fn section() -> impl Strategy<Value = Section> {
    let leaf = (
        rich(),
        prop::option::of(1u32..30),
        role(),
        prop::collection::vec(text(), 0..2),
        prop::collection::vec(block(), 0..3),
    )
        .prop_map(|(title, number_from, role, units, blocks)| Section {
            number_from,
            role,
            units,
            blocks,
            ..Section::new(title)
        });
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            rich(),
            role(),
            prop::collection::vec(block(), 0..2),
            prop::collection::vec(inner, 0..3),
            prop::option::of(numbering()),
            prop::collection::vec(block(), 0..2),
        )
            .prop_map(
                |(title, role, blocks, subsections, numbering, after)| Section {
                    role,
                    blocks,
                    subsections,
                    numbering,
                    after,
                    ..Section::new(title)
                },
            )
    })
}

fn task_time() -> impl Strategy<Value = TaskTime> {
    prop_oneof![
        date().prop_map(|date| TaskTime::Date { date }),
        (date(), prop::option::of(0u8..30), prop::option::of(0u8..70))
            .prop_map(|(date, hour, minute)| TaskTime::Deadline { date, hour, minute }),
        (0u8..6, 0u8..6, prop::option::of(2000i32..2100))
            .prop_map(|(from, to, year)| TaskTime::Quarters { from, to, year }),
        (0u8..14, 2000i32..2100, 0u8..14, 2000i32..2100).prop_map(
            |(from_month, from_year, to_month, to_year)| TaskTime::Months {
                from_month,
                from_year,
                to_month,
                to_year
            }
        ),
        prop_oneof![
            Just(Frequency::Continuous),
            Just(Frequency::Weekly),
            Just(Frequency::Yearly)
        ]
        .prop_map(|every| TaskTime::Frequency { every }),
        text().prop_map(|text| TaskTime::Text { text }),
    ]
}

fn task() -> impl Strategy<Value = Task> {
    (
        prop::collection::vec(rich(), 0..3),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(text(), 0..3),
        prop::option::of(task_time()),
        prop::option::of(text()),
        prop::collection::vec(rich(), 0..2),
        any::<bool>(),
    )
        .prop_map(
            |(content, lead, cooperating, time, target, notes, continues_previous)| Task {
                content,
                lead,
                cooperating,
                time,
                target,
                notes,
                continues_previous,
            },
        )
}

fn task_node() -> impl Strategy<Value = TaskNode> {
    task()
        .prop_map(TaskNode::Task)
        .prop_recursive(2, 10, 4, |inner| {
            (rich(), prop::collection::vec(inner, 0..4))
                .prop_map(|(title, tasks)| TaskNode::Group { title, tasks })
        })
}

fn recipient() -> impl Strategy<Value = Recipient> {
    (
        text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..2),
    )
        .prop_map(|(name, note, includes)| Recipient {
            name,
            note,
            includes,
        })
}

fn appendix() -> impl Strategy<Value = Appendix> {
    let content = prop_oneof![
        prop::collection::vec(section(), 0..2).prop_map(|sections| AppendixContent::Text {
            text: Content {
                blocks: vec![],
                sections,
                after: vec![],
            }
        }),
        prop::collection::vec(
            (
                prop::option::of(text()),
                prop::collection::vec(prop::collection::vec(rich(), 1..3), 0..3)
            ),
            0..3
        )
        .prop_map(|groups| AppendixContent::Documents {
            groups: groups
                .into_iter()
                .map(|(title, entries)| DocumentGroup { title, entries })
                .collect()
        }),
        Just(AppendixContent::Tasks),
    ];
    (
        text(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(numbering()),
        content,
    )
        .prop_map(|(title, landscape, numeric, numbering, content)| Appendix {
            title,
            orientation: if landscape {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            },
            numbering,
            reference_date_style: if numeric {
                DateStyle::Numeric
            } else {
                DateStyle::Words
            },
            content,
        })
}

fn document() -> impl Strategy<Value = Document> {
    let header = (
        prop::option::of(agency()),
        agency(),
        prop::option::of(text()),
        text(),
        prop::option::of(0u32..2000),
        prop::option::of(
            (
                1990i32..2100,
                prop::option::of(0u8..14),
                prop::option::of(0u8..33),
            )
                .prop_map(|(year, month, day)| IssueDate { year, month, day }),
        ),
        prop::option::of(prop_oneof![Just(Secrecy::Mat), Just(Secrecy::TuyetMat)]),
        prop::option::of(prop_oneof![Just(Urgency::Khan), Just(Urgency::HoaToc)]),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(
                parent_body,
                issuing_body,
                unit_abbreviation,
                place,
                number,
                date,
                secrecy,
                urgency,
                circulation,
                address_line,
            )| Header {
                parent_body,
                issuing_body,
                unit_abbreviation,
                place,
                number,
                date,
                secrecy,
                urgency,
                circulation,
                address_line,
            },
        );
    let basis = (
        prop::collection::vec(
            (
                text(),
                prop::collection::vec(prop::collection::vec(reference(), 0..3), 0..3),
                prop::option::of(rich()),
            ),
            0..3,
        ),
        prop::option::of(text()),
        prop::option::of(rich()),
        prop_oneof![
            Just(ClosingPlacement::OwnParagraph),
            Just(ClosingPlacement::SameParagraph),
            Just(ClosingPlacement::NewSentence),
            Just(ClosingPlacement::AsWritten),
        ],
    )
        .prop_map(
            |(paragraphs, proposal, closing_clause, closing_placement)| LegalBasis {
                paragraphs: paragraphs
                    .into_iter()
                    .map(|(lead, groups, text)| BasisParagraph { lead, groups, text })
                    .collect(),
                proposal,
                closing_clause,
                closing_placement,
            },
        );
    let recipients = (
        prop::collection::vec(
            prop_oneof![
                recipient().prop_map(RecipientEntry::Single),
                (text(), prop::collection::vec(recipient(), 0..4)).prop_map(|(label, members)| {
                    RecipientEntry::Group(RecipientGroup { label, members })
                }),
            ],
            0..5,
        ),
        prop::collection::vec(text(), 0..2),
        prop::option::of(text()),
        prop::option::of(0u32..100),
        prop::option::of(0u32..500),
        any::<bool>(),
    )
        .prop_map(
            |(entries, units, drafter, copies, issued_copies, spaced)| Recipients {
                entries,
                archive: ArchiveLine {
                    code_style: if spaced {
                        DrafterCodeStyle::Spaced
                    } else {
                        DrafterCodeStyle::Specimen
                    },
                    units,
                    drafter,
                    copies,
                    issued_copies,
                },
            },
        );
    let signature = (
        prop::collection::vec(
            (
                prop_oneof![
                    Just(AuthorityKind::ThayMat),
                    Just(AuthorityKind::KyThay),
                    Just(AuthorityKind::ThuaLenh),
                    Just(AuthorityKind::ThuaUyQuyen),
                    Just(AuthorityKind::Quyen)
                ],
                text(),
            )
                .prop_map(|(kind, of)| Authority { kind, of }),
            0..3,
        ),
        text(),
        text(),
    )
        .prop_map(|(authority, title, name)| SignatureBlock {
            authority,
            title,
            name,
        });
    (
        (0usize..DocumentType::ALL.len()).prop_map(|i| DocumentType::ALL[i]),
        header,
        (text(), prop::option::of(text())),
        prop::collection::vec(recipient(), 0..3),
        basis,
        numbering(),
        (
            prop::collection::vec(block(), 0..2),
            prop::collection::vec(section(), 0..4),
            prop::collection::vec(block(), 0..2),
        )
            .prop_map(|(blocks, sections, after)| Content {
                blocks,
                sections,
                after,
            }),
        prop::collection::vec(task_node(), 0..4),
        (prop::option::of(rich()), rich()),
        recipients,
        signature,
        (
            prop::collection::vec(appendix(), 0..3),
            prop::option::of((
                (0usize..DocumentType::ALL.len()).prop_map(|i| DocumentType::ALL[i]),
                text(),
                prop::collection::vec(section(), 0..3),
                prop::option::of(rich()),
            )),
        ),
    )
        .prop_map(
            |(
                doc_type,
                header,
                (subject, issuing_authority),
                addressees,
                legal_basis,
                numbering,
                body,
                tasks,
                (contact, closing),
                recipients,
                signature,
                (appendices, attachment),
            )| Document {
                doc_type,
                header,
                subject,
                issuing_authority,
                addressees,
                legal_basis,
                numbering,
                body,
                tasks,
                contact,
                closing,
                recipients,
                signature,
                appendices,
                attachment: attachment.map(|(doc_type, subject, sections, closing)| Attachment {
                    doc_type,
                    subject,
                    numbering: Numbering::default(),
                    body: Content {
                        blocks: Vec::new(),
                        sections,
                        after: Vec::new(),
                    },
                    closing,
                }),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any document written to the format reads back as the same document.
    #[test]
    fn any_document_round_trips(doc in document()) {
        let text = exchange::to_string(&doc);
        let back = exchange::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, doc);
    }

    /// Validation and plain text never panic, whatever the document holds.
    #[test]
    fn any_document_validates_and_renders(doc in document()) {
        let _ = vanban_core::validate::validate(&doc);
        let _ = vanban_core::plain::plain_text(&doc);
    }

    /// Reading never panics on arbitrary text.
    #[test]
    fn reading_arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = exchange::from_str(&s);
    }
}

#[test]
fn the_committed_schema_is_the_current_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/vanban-1.schema.json");
    let current = exchange::schema();
    if std::env::var_os("VANBAN_BLESS").is_some() {
        std::fs::write(&path, &current).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "docs/vanban-1.schema.json is stale: run `VANBAN_BLESS=1 cargo test -p vanban-core --test exchange`"
    );
}

fn field_error(text: &str) -> (String, usize, String) {
    match exchange::from_str(text) {
        Err(ReadError::Field {
            path,
            line,
            message,
            ..
        }) => (path, line, message),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn an_unknown_field_is_named_with_its_line() {
    let text = "{\n\"format\": \"vanban/1\",\n\"document\": {\n\"type\": \"ke-hoach\",\n\"titel\": \"x\"\n}}";
    let (path, line, message) = field_error(text);
    assert_eq!(path, "document.titel");
    assert_eq!(line, 5);
    assert!(
        message.contains("\"titel\"") && message.contains("subject"),
        "{message}"
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let text = r#"{"format": "vanban/1", "document": {"type": "ke-hoach", "header": {"place": "Hà Nội"}}}"#;
    let (path, _, message) = field_error(text);
    assert_eq!(path, "document.header");
    assert!(message.contains("\"issuing_body\""), "{message}");
}

#[test]
fn a_malformed_date_says_how_to_write_it() {
    let text = r#"{"format": "vanban/1", "document": {"type": "ke-hoach", "legal_basis": {"paragraphs": [{"lead": "Căn cứ", "groups": [[{"doc_type": "Luật", "date": "17/12/2024"}]]}]}}}"#;
    let (path, _, message) = field_error(text);
    assert_eq!(path, "document.legal_basis.paragraphs[0].groups[0][0].date");
    assert!(message.contains("YYYY-MM-DD"), "{message}");
}

#[test]
fn a_truncated_file_is_a_syntax_error_at_its_end() {
    let err = exchange::from_str("{\"format\": \"vanban/1\", \"document\": {\"type\": ")
        .expect_err("truncated");
    assert_eq!(err.code(), "syntax");
    assert!(err.to_string().contains("kết thúc giữa chừng"), "{err}");
}

#[test]
fn text_outside_utf8_is_refused() {
    let err =
        exchange::from_bytes(b"{\"format\": \"vanban/1\", \"x\": \"\xff\"}").expect_err("latin-1");
    assert_eq!(err, ReadError::NotUtf8 { offset: 29 });
}
