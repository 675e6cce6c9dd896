//! Documents written as published: per-level numbering, blocks after sections, list markers,
//! the legal bases' own join, the "Lưu" line of published letters — and every older file still
//! reading as it did.

use std::path::{Path, PathBuf};

use vanban_core::exchange;
use vanban_core::model::*;
use vanban_core::numbering::{self, find_sections};
use vanban_core::plain::{PlainContent, plain_text};
use vanban_core::validate::{Code, Severity, validate};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> Document {
    let text = std::fs::read_to_string(root().join(rel)).expect(rel);
    exchange::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn lines(doc: &Document) -> Vec<String> {
    plain_text(doc)
        .into_iter()
        .filter_map(|b| match b.content {
            PlainContent::Line(l) => Some(l),
            PlainContent::Table(_) => None,
        })
        .collect()
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Every fixture and shipped template opens, and writing it out and reading it back gives the
/// same document (older files keep their meaning).
#[test]
fn every_existing_file_still_opens_and_round_trips() {
    let mut files = Vec::new();
    json_files(&root().join("tests/fixtures"), &mut files);
    json_files(&root().join("templates/documents"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let doc = exchange::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let again = exchange::from_str(&exchange::to_string(&doc)).expect("reads back");
        assert_eq!(again, doc, "{}", path.display());
    }
}

/// An older file names its numbering by scheme and has no blocks after its sections: it prints
/// the same labels as before.
#[test]
fn an_older_plan_prints_its_usual_labels() {
    let doc = read("tests/fixtures/ke-hoach-lang-son-ngay-cds-2022.json");
    assert_eq!(
        doc.numbering,
        Numbering::Scheme(NumberingScheme::RomanArabicLetter)
    );
    let text = lines(&doc);
    assert!(text.iter().any(|l| l.starts_with("I. ")), "{text:?}");
    assert!(text.iter().any(|l| l.starts_with("1. ")), "{text:?}");
    assert!(text.iter().any(|l| l.starts_with("- ")), "{text:?}");
}

#[test]
fn a_part_numbered_its_own_way_carries_its_number() {
    let doc = read("tests/fixtures/ke-hoach-su-kien-so-2025.json");
    let text = lines(&doc);
    let has = |s: &str| text.iter().any(|l| l == s);
    let starts = |s: &str| text.iter().any(|l| l.starts_with(s));
    // Parts I and II: "1.", "2."; part III: "3.1.", "3.1.1." … and điểm under "3.1.4.".
    assert!(has("I. MỤC ĐÍCH, YÊU CẦU"), "{text:#?}");
    assert!(has("2. Yêu cầu"));
    assert!(has("III. NỘI DUNG"));
    assert!(has("3.1. Các hoạt động chính"));
    assert!(has("3.1.1. Lễ khai mạc"));
    assert!(has("3.1.4. Hoạt động trải nghiệm dành cho người dân"));
    assert!(has("3.2. Công tác tuyên truyền"));
    assert!(starts("a) Hướng dẫn cài đặt"));
    assert!(starts("đ) Đổi quà"));
    assert!(starts("e) Tư vấn an toàn"));
    assert!(has("IV. TỔ CHỨC THỰC HIỆN"));
    assert!(
        has("1. Sở Thông tin và Truyền thông"),
        "part IV restarts at 1."
    );
    // Lists with their markers.
    assert!(starts("- Tổ chức trang trọng"));
    assert!(starts("+ Các gian trưng bày"));
    assert!(starts("(1) Nền tảng số dùng chung"));
    assert!(starts("(7) Sản phẩm của doanh nghiệp"));
    assert!(starts("1) Khu trưng bày của các sở"));
    assert!(starts("3) Khu trưng bày của doanh nghiệp"));
    assert!(starts("* Chủ đề"));
    // The note after part IV's subsections comes before the closing sentence.
    let note = text
        .iter()
        .position(|l| l.starts_with("Trong quá trình thực hiện"))
        .expect("note after the subsections");
    let closing = text
        .iter()
        .position(|l| l.starts_with("Trên đây là Kế hoạch"))
        .expect("closing");
    let last_duty = text
        .iter()
        .position(|l| l.starts_with("Đăng ký gian trưng bày"))
        .expect("duty");
    assert!(last_duty < note && note < closing);
    // The preamble's two sentences in one paragraph.
    assert!(
        text.iter().any(|l| l.ends_with(
            "về chuyển đổi số, phát triển chính quyền số và Chính phủ điện tử. Sở Thông tin và Truyền thông xây dựng Kế hoạch tổ chức Ngày hội Chuyển đổi số tỉnh năm 2025 như sau:"
        )),
        "{text:#?}"
    );
    assert!(has("- Lưu: VT, CNTT. KV (01)."));
}

#[test]
fn the_text_s_cross_reference_names_a_printed_section() {
    let doc = read("tests/fixtures/ke-hoach-su-kien-so-2025.json");
    let found = find_sections(
        &doc.body,
        &doc.numbering,
        "body",
        &["phần III", "mục 3.1.1"],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].section.title.text(), "Lễ khai mạc");
    assert_eq!(found[0].label, "3.1.1.");
    assert_eq!(
        found[0].path,
        "body.sections[2].subsections[0].subsections[0]"
    );
    assert!(find_sections(&doc.body, &doc.numbering, "body", &["III", "3.1.9"]).is_empty());
    let points = find_sections(&doc.body, &doc.numbering, "body", &["3.1.4", "điểm đ)"]);
    assert_eq!(points.len(), 1);
    assert!(points[0].section.title.text().starts_with("Đổi quà"));
}

#[test]
fn a_letter_s_closing_paragraphs_follow_its_parts_and_export_is_not_refused() {
    let doc = read("tests/fixtures/cong-van-huong-dan-ghi-chu-2025.json");
    let text = lines(&doc);
    let pos = |p: &str| {
        text.iter()
            .position(|l| l.starts_with(p))
            .unwrap_or_else(|| panic!("{p} in {text:#?}"))
    };
    assert!(pos("2. Về bảo đảm an toàn thông tin") < pos("Trên đây là hướng dẫn"));
    assert!(pos("- Đặt mật khẩu") < pos("Trên đây là hướng dẫn"));
    assert!(pos("Giao Phòng Công nghệ thông tin") < pos("(Tài liệu hướng dẫn chi tiết"));
    assert!(pos("(Tài liệu hướng dẫn chi tiết") < pos("Nơi nhận:"));
    let report = validate(&doc);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let end = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::MissingEndMark)
        .expect("the missing ./. is pointed out");
    assert_eq!(end.severity, Severity::Warning);
    assert!(end.hint.is_some());
}

#[test]
fn levels_chosen_one_by_one() {
    let levels = |styles: &[LevelStyle]| {
        Numbering::Levels(NumberingLevels {
            levels: styles.iter().map(|s| Level::from(*s)).collect(),
        })
    };
    let section = |title: &str, subsections: Vec<Section>| Section {
        subsections,
        ..Section::new(title.into())
    };
    // Chương I: Điều 1, 2; Chương II: Điều 3 (articles run on through chapters).
    let content = Content {
        sections: vec![
            section("A", vec![section("a1", vec![]), section("a2", vec![])]),
            section("B", vec![section("b1", vec![])]),
        ],
        ..Content::default()
    };
    let numbering = Numbering::Levels(NumberingLevels {
        levels: vec![
            Level::from(LevelStyle::Chapter),
            Level {
                style: LevelStyle::Article,
                continues: true,
            },
        ],
    });
    let labels: Vec<String> = numbering::headings(&content, &numbering, "body")
        .into_iter()
        .map(|h| h.label)
        .collect();
    assert_eq!(
        labels,
        ["Chương I", "Điều 1.", "Điều 2.", "Chương II", "Điều 3."]
    );
    // Restarting is the default.
    let labels: Vec<String> = numbering::headings(
        &content,
        &levels(&[LevelStyle::Part, LevelStyle::NumberInParens]),
        "body",
    )
    .into_iter()
    .map(|h| h.label)
    .collect();
    assert_eq!(labels, ["Phần I", "(1)", "(2)", "Phần II", "(1)"]);
    // Decimal under Arabic, and past the last level a decimal repeats.
    let deep = Content {
        sections: vec![section("x", vec![section("y", vec![section("z", vec![])])])],
        ..Content::default()
    };
    let labels: Vec<String> = numbering::headings(
        &deep,
        &levels(&[LevelStyle::Arabic, LevelStyle::Decimal]),
        "b",
    )
    .into_iter()
    .map(|h| h.label)
    .collect();
    assert_eq!(labels, ["1.", "1.1.", "1.1.1."]);
    assert_eq!(
        serde_json::to_value(&numbering).expect("json"),
        serde_json::json!({ "levels": ["chapter", { "style": "article", "continues": true }] })
    );
}

#[test]
fn a_bad_numbering_is_refused_with_its_field() {
    let text = r#"{"format": "vanban/1", "document": {"type": "ke-hoach", "header": {"issuing_body": {"name": "X"}, "place": "Y"}, "subject": "", "numbering": {"levels": ["romann"]}, "body": {}, "closing": "", "recipients": {"entries": [], "archive": {}}, "signature": {"title": "", "name": ""}}}"#;
    let err = exchange::from_str(text).expect_err("unknown style");
    let s = err.to_string();
    assert!(s.contains("document.numbering"), "{s}");
    assert!(
        s.contains("roman-arabic-letter") || s.contains("levels"),
        "{s}"
    );
}

/// A shipped template's blanks are pointed out field by field: warnings while drafting,
/// errors when the document is signed, issued or exported as issued.
#[test]
fn blanks_left_in_a_template_are_warnings_in_a_draft_and_errors_when_final() {
    use vanban_core::validate::{Stage, validate_at};
    let doc = read("templates/documents/cong-van-huong-dan.json");
    let draft = validate_at(&doc, Stage::Draft);
    let blanks: Vec<_> = draft
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Blank)
        .collect();
    assert!(!blanks.is_empty(), "{:#?}", draft.diagnostics);
    assert!(blanks.iter().all(|d| d.severity == Severity::Warning));
    assert!(blanks.iter().any(|d| d.path == "subject"), "{blanks:#?}");
    let last = validate_at(&doc, Stage::Final);
    let errors: Vec<_> = last
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Blank)
        .collect();
    assert_eq!(errors.len(), blanks.len());
    assert!(errors.iter().all(|d| d.severity == Severity::Error));
    // An issued document (it has a number) is final.
    let mut issued = doc.clone();
    issued.header.number = Some(3);
    assert!(
        validate(&issued)
            .diagnostics
            .iter()
            .any(|d| d.code == Code::Blank && d.severity == Severity::Error)
    );
    // Every shape of blank, with its field path (a styled span names its text).
    let mut doc = read("tests/fixtures/cong-van-huong-dan-ghi-chu-2025.json");
    doc.body.after[0] = Block::Paragraph {
        text: vanban_core::RichText(vec![
            vanban_core::Span::plain("Trên đây là "),
            vanban_core::Span {
                text: "[...]".into(),
                bold: true,
                italic: false,
            },
        ]),
    };
    doc.signature.name = "___".into();
    doc.recipients
        .entries
        .push(RecipientEntry::Single(Recipient {
            name: "UBND huyện ...".into(),
            note: None,
            includes: vec![],
        }));
    let found: Vec<String> = validate(&doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::Blank)
        .map(|d| d.path)
        .collect();
    assert_eq!(
        found,
        [
            "body.after[0].text",
            "recipients.entries[1].name",
            "signature.name"
        ]
    );
    // An ellipsis ending an enumeration, as published plans write it, is no blank.
    for text in [
        "tại trụ sở các cơ quan...)",
        "Kênh Zalo “Chính quyền số tỉnh Long An”…).",
        "tờ gấp, áp phích của ngành...",
    ] {
        assert_eq!(vanban_core::validate::blank_in(text), None, "{text}");
    }
    for (text, mark) in [
        ("V/v hướng dẫn …", "…"),
        ("Thực hiện …, …", "…"),
        ("Số: …/KH-UBND", "…"),
        ("ngày 20/.../2025", "..."),
        ("cơ quan... và …", "…"),
    ] {
        assert_eq!(vanban_core::validate::blank_in(text), Some(mark), "{text}");
    }
}

/// The published documents the fixtures hold have no blanks, even when signed and issued.
#[test]
fn published_documents_have_no_blanks() {
    use vanban_core::validate::{Stage, validate_at};
    for name in [
        "ke-hoach-lang-son-cong-dan-so-2022",
        "ke-hoach-lang-son-ngay-cds-2022",
        "ke-hoach-long-an-tuyen-truyen-cds-2025",
        "cong-van-huong-dan-stttt-2025",
        "cong-van-huong-dan-ghi-chu-2025",
        "quyet-dinh-ban-hanh-ke-hoach-stttt-2025",
        "ke-hoach-su-kien-so-2025",
    ] {
        let doc = read(&format!("tests/fixtures/{name}.json"));
        let blanks: Vec<_> = validate_at(&doc, Stage::Final)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == Code::Blank)
            .map(|d| d.path)
            .collect();
        assert!(blanks.is_empty(), "{name}: {blanks:?}");
    }
}

#[test]
fn headings_not_in_their_level_s_capitals_are_pointed_out() {
    let mut doc = read("tests/fixtures/ke-hoach-su-kien-so-2025.json");
    let clean = validate(&doc);
    assert!(
        !clean
            .diagnostics
            .iter()
            .any(|d| d.code == Code::HeadingCase),
        "{:#?}",
        clean.diagnostics
    );
    doc.body.sections[1].title = "Thời gian, địa điểm".into();
    doc.body.sections[0].subsections[0].title = "MỤC ĐÍCH CHUNG".into();
    let paths: Vec<String> = validate(&doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::HeadingCase && d.severity == Severity::Warning)
        .map(|d| d.path)
        .collect();
    assert_eq!(
        paths,
        [
            "body.sections[0].subsections[0].title",
            "body.sections[1].title"
        ]
    );
}

#[test]
fn a_cross_reference_to_a_number_the_document_does_not_print_is_pointed_out() {
    let mut doc = read("tests/fixtures/ke-hoach-su-kien-so-2025.json");
    assert!(
        !validate(&doc)
            .diagnostics
            .iter()
            .any(|d| d.code == Code::CrossReference)
    );
    // Part III loses its own numbering: "3.1.1" is printed "a)" now, so the text's reference
    // points at nothing.
    doc.body.sections[2].numbering = None;
    let found: Vec<_> = validate(&doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::CrossReference)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "body.sections[2].subsections[1].blocks[0]");
    assert!(found[0].message.contains("3.1.1"));
}

/// The parts a trích sao of the Long An plan may keep are offered as printed — the four parts
/// and their items, then the three appendices — and each one is what `extract` keeps.
#[test]
fn a_trich_sao_offers_each_part_as_printed() {
    use vanban_core::copies::{extract, extractable};
    let doc = read("tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json");
    let parts = extractable(&doc, 2);
    let top: Vec<&str> = (parts.iter())
        .filter(|p| p.depth == 1)
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(
        top[..4],
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG THỰC HIỆN",
            "III. KINH PHÍ THỰC HIỆN",
            "IV. TỔ CHỨC THỰC HIỆN"
        ]
    );
    assert!(top[4].starts_with("Phụ lục I: MỘT SỐ VĂN BẢN"), "{top:?}");
    assert!(top[6].starts_with("Phụ lục III: TRIỂN KHAI"), "{top:?}");
    let second = parts
        .iter()
        .find(|p| p.path == "body.sections[1].subsections[0]");
    assert_eq!(
        second.map(|p| (p.label.as_str(), p.depth)),
        Some((
            "1. Tuyên truyền, phổ biến, quán triệt trong cơ quan nhà nước",
            2
        ))
    );
    for p in &parts {
        let kept = extract(&doc, std::slice::from_ref(&p.path)).expect("each offered part");
        let kept_parts = kept.body.sections.len() + kept.appendices.len();
        assert_eq!(kept_parts, 1, "{}", p.path);
    }
}
