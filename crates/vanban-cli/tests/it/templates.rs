//! Every shipped template as a clerk uses it: `vanban new --template NAME --as chuyenvien` on
//! the demo directory fills the body, place, year, signer and drafter; the clerk writes what
//! only they know (the subject, the recipients); `vanban validate` passes and `vanban export`
//! writes a DOCX and a PDF that are read back and checked for the type's own parts.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use roxmltree::Document as Xml;

use crate::support::{Scratch, ok_db as ok, run_db as vanban};
use serde_json::{Value, json};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The paragraphs of document.xml as (style, text), in order, tables included.
fn docx_paragraphs(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let doc = Xml::parse(&xml).expect("xml");
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((W, "pStyle")))
                .and_then(|s| s.attribute((W, "val")))
                .unwrap_or("")
                .to_owned();
            let text = p
                .descendants()
                .filter_map(|n| {
                    if n.has_tag_name((W, "t")) {
                        n.text().map(str::to_owned)
                    } else if n.has_tag_name((W, "br")) {
                        Some("\n".to_owned())
                    } else {
                        None
                    }
                })
                .collect();
            (style, text)
        })
        .collect()
}

fn poppler(cmd: &str, pdf: &Path) -> String {
    let mut c = Command::new(cmd);
    c.arg(pdf);
    if cmd == "pdftotext" {
        c.arg("-");
    }
    let o = c
        .output()
        .unwrap_or_else(|e| panic!("{cmd} (poppler-utils): {e}"));
    assert!(o.status.success(), "{cmd}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What the clerk types after starting from the template.
fn complete(doc: &mut Value) {
    let d = &mut doc["document"];
    if d["subject"].as_str().is_some_and(str::is_empty) {
        d["subject"] = json!("Chuyển đổi số năm 2025");
    }
    let no_addressees = d.get("addressees").is_none();
    let entries = d["recipients"]["entries"].as_array_mut().expect("entries");
    if entries.is_empty() && no_addressees {
        entries.push(json!({ "name": "UBND tỉnh", "note": "b/c" }));
    }
    entries.push(json!({ "name": "Các phòng, đơn vị thuộc Sở" }));
    // The event plan's tasks need their lead unit, which must receive the plan.
    if let Some(groups) = d.get_mut("tasks").and_then(Value::as_array_mut) {
        for g in groups {
            for t in g["tasks"].as_array_mut().expect("tasks") {
                t["lead"] = json!(["Các phòng, đơn vị thuộc Sở"]);
            }
        }
    }
}

#[test]
fn every_shipped_template_fills_from_the_directory_and_exports() {
    let s = Scratch::new("all");
    let db = s.path("vanban.db");
    ok(&db, &["init", "--demo"]);
    let listed = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["templates", "--format", "json"])
        .output()
        .expect("run vanban");
    assert!(listed.status.success());
    let listed: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("json list");
    let names: Vec<&str> = listed.iter().filter_map(|t| t["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "ke-hoach",
            "ke-hoach-to-chuc-su-kien",
            "cong-van-huong-dan",
            "quyet-dinh-ban-hanh-ke-hoach",
            "bao-cao-ket-qua-thuc-hien-ke-hoach",
            "giay-moi"
        ]
    );
    for t in &listed {
        let name = t["name"].as_str().expect("name");
        let doc_type = t["type"].as_str().expect("type");
        let file = s.path(&format!("{name}.json"));
        let file_s = file.to_str().expect("utf-8");
        ok(
            &db,
            &[
                "new",
                "--template",
                name,
                "--as",
                "chuyenvien",
                "--unit",
                "CNTT",
                "-o",
                file_s,
            ],
        );

        // Filled from the directory: body, parent, place, this year, the head as signer, the
        // drafter's initials after the unit.
        let mut doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
        let d = &doc["document"];
        assert_eq!(d["type"], doc_type);
        assert_eq!(
            d["header"]["issuing_body"]["name"], "Sở Thông tin và Truyền thông",
            "{name}"
        );
        assert_eq!(d["header"]["issuing_body"]["abbreviation"], "STTTT");
        assert_eq!(d["header"]["parent_body"]["name"], "UBND tỉnh Lạng Sơn");
        assert_eq!(d["header"]["place"], "Lạng Sơn");
        assert_eq!(d["header"]["date"]["year"], 2025);
        assert_eq!(d["signature"]["title"], "GIÁM ĐỐC");
        assert_eq!(d["signature"]["name"], "Lê Văn Cường");
        assert_eq!(d["recipients"]["archive"]["units"], json!(["CNTT"]));
        assert_eq!(d["recipients"]["archive"]["drafter"], "NVA");

        complete(&mut doc);
        std::fs::write(&file, serde_json::to_string_pretty(&doc).expect("json")).expect("write");
        let report = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["validate", file_s, "--format", "json"])
            .output()
            .expect("run vanban");
        assert_eq!(
            report.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&report.stdout)
        );

        let docx = s.path(&format!("{name}.docx"));
        let pdf = s.path(&format!("{name}.pdf"));
        ok(
            &db,
            &["export", file_s, "-o", docx.to_str().expect("utf-8")],
        );
        ok(&db, &["export", file_s, "-o", pdf.to_str().expect("utf-8")]);

        // The DOCX: the type's own parts, the header and the closing from the directory.
        let paras = docx_paragraphs(&docx);
        let text_of = |style: &str| -> Vec<&str> {
            paras
                .iter()
                .filter(|(s, _)| s == style)
                .map(|(_, t)| t.as_str())
                .collect()
        };
        // (the plan a decision issues repeats the header on its own title page)
        assert_eq!(
            text_of("VBCoQuanBanHanh")[0],
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            "{name}"
        );
        assert_eq!(text_of("VBHoTenNguoiKy")[0], "Lê Văn Cường");
        assert_eq!(text_of("VBThamQuyenKy")[0], "GIÁM ĐỐC");
        let archive = paras
            .iter()
            .rev()
            .find(|(_, t)| t.starts_with("- Lưu:"))
            .expect("Lưu line");
        assert_eq!(archive.1, "- Lưu: VT, CNTT(NVA).");
        let number = &text_of("VBSoKyHieu")[0];
        let date = &text_of("VBDiaDanhNgay")[0];
        assert!(
            date.starts_with("Lạng Sơn, ngày ") && date.ends_with("năm 2025"),
            "{date}"
        );
        match doc_type {
            "cong-van" => {
                assert!(text_of("VBTenLoai").is_empty(), "no title on a công văn");
                assert!(number.ends_with("/STTTT-CNTT"), "{number}");
                assert_eq!(text_of("VBVv"), ["V/v hướng dẫn …"]);
                let kg = text_of("VBKinhGui");
                assert_eq!(
                    kg,
                    ["Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện, thành phố."]
                );
                assert!(paras.iter().any(|(_, t)| t == "- Như trên;"));
            }
            "quyet-dinh" => {
                assert!(number.ends_with("/QĐ-STTTT"), "{number}");
                assert_eq!(
                    text_of("VBThamQuyenBanHanh"),
                    ["GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]
                );
                assert_eq!(text_of("VBQuyetDinh"), ["QUYẾT ĐỊNH:"]);
                let articles: Vec<&str> = text_of("VBDieu")
                    .iter()
                    .map(|t| t.split(' ').take(2).collect::<Vec<_>>().join(" "))
                    .map(|s| {
                        if s == "Điều 1." {
                            "1"
                        } else if s == "Điều 2." {
                            "2"
                        } else {
                            "3"
                        }
                    })
                    .collect();
                assert_eq!(articles, ["1", "2", "3"]);
                assert!(
                    text_of("VBCanCu")
                        .last()
                        .is_some_and(|t| t.starts_with("Theo đề nghị của "))
                );
                assert!(paras.iter().any(|(_, t)| t == "- Như Điều 3;"));
                // The plan it issues follows on its own pages (Mẫu 1.3), under the decision's
                // authority as running text writes it.
                let kem = text_of("VBKemTheo");
                assert_eq!(kem.len(), 1);
                assert!(
                    kem[0].starts_with("(Kèm theo Quyết định số ")
                        && kem[0].ends_with(" của Giám đốc Sở Thông tin và Truyền thông)"),
                    "{}",
                    kem[0]
                );
                assert_eq!(text_of("VBTenLoai"), ["QUYẾT ĐỊNH", "KẾ HOẠCH"]);
            }
            _ => {
                let title = match doc_type {
                    "ke-hoach" => "KẾ HOẠCH",
                    "bao-cao" => "BÁO CÁO",
                    "giay-moi" => "GIẤY MỜI",
                    other => panic!("no check for {other}"),
                };
                assert_eq!(text_of("VBTenLoai"), [title], "{name}");
                assert!(number.ends_with(&format!(
                    "/{}-STTTT",
                    match doc_type {
                        "ke-hoach" => "KH",
                        "bao-cao" => "BC",
                        _ => "GM",
                    }
                )));
                assert!(text_of("VBKinhGui").is_empty());
            }
        }
        if name == "ke-hoach" {
            let headings: Vec<&str> = text_of("VBDeMuc1");
            assert_eq!(
                headings,
                [
                    "I. MỤC ĐÍCH, YÊU CẦU",
                    "II. NỘI DUNG",
                    "III. KINH PHÍ",
                    "IV. TỔ CHỨC THỰC HIỆN"
                ]
            );
        }
        if name == "ke-hoach-to-chuc-su-kien" {
            assert_eq!(text_of("VBPhuLuc"), ["Phụ lục"]);
            assert!(text_of("VBBangNhom").contains(&"Giai đoạn chuẩn bị"));
        }

        // The PDF: A4, fonts embedded, the same signer and body.
        let info = poppler("pdfinfo", &pdf);
        assert!(info.contains("(A4)"), "{name}: {info}");
        for row in poppler("pdffonts", &pdf).lines().skip(2) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"]);
        }
        let text = poppler("pdftotext", &pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for must in [
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            "Lê Văn Cường",
            "- Lưu: VT, CNTT(NVA).",
        ] {
            assert!(flat.contains(must), "{name}: “{must}” not in the PDF");
        }
    }
}

#[test]
fn a_template_without_a_user_keeps_its_blanks_and_an_unknown_one_is_refused() {
    let s = Scratch::new("blank");
    let db = s.path("none.db");
    let text = ok(&db, &["new", "--template", "giay-moi"]);
    let doc: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(doc["document"]["type"], "giay-moi");
    assert_eq!(doc["document"]["header"]["issuing_body"]["name"], "");
    assert!(!db.exists(), "no database is opened without --as");
    let o = vanban(&db, &["new", "--template", "khong-co"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Không có mẫu “khong-co”") && err.contains("cong-van-huong-dan"),
        "{err}"
    );
}

#[test]
fn a_document_saved_as_a_template_starts_the_next_one() {
    let s = Scratch::new("save");
    let db = s.path("none.db");
    let out = s.path("mau.json");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "save-template",
            "tests/fixtures/cong-van-huong-dan-stttt-2025.json",
            "-o",
        ])
        .arg(&out)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("run vanban");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = ok(&db, &["new", "--template", out.to_str().expect("utf-8")]);
    let doc: Value = serde_json::from_str(&text).expect("json");
    let d = &doc["document"];
    assert_eq!(d["type"], "cong-van");
    assert!(d["header"].get("number").is_none() && d["header"].get("date").is_none());
    assert_eq!(d["addressees"].as_array().map(Vec::len), Some(6));
    assert_eq!(d["header"]["unit_abbreviation"], "CNTT");
}

#[test]
fn a_template_saved_in_the_database_is_listed_and_starts_documents_for_the_whole_body() {
    let s = Scratch::new("db");
    let db = s.path("vanban.db");
    ok(&db, &["init", "--demo"]);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/cong-van-huong-dan-stttt-2025.json");
    let fixture = fixture.to_str().expect("utf-8");
    let saved = ok(
        &db,
        &[
            "save-template",
            fixture,
            "--name",
            "Công văn hướng dẫn CĐS",
            "--as",
            "chuyenvien",
        ],
    );
    assert!(
        saved.contains("đã lưu mẫu “Công văn hướng dẫn CĐS”"),
        "{saved}"
    );
    // The same name again is refused (exit 1), and so is a shipped template's name.
    for name in ["Công văn hướng dẫn CĐS", "giay-moi"] {
        let o = vanban(
            &db,
            &[
                "save-template",
                fixture,
                "--name",
                name,
                "--as",
                "chuyenvien",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(name),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // A stored document by its id.
    let created = ok(&db, &["import", fixture, "--as", "chuyenvien"]);
    let id = created
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .expect("the new document's id")
        .to_owned();
    ok(
        &db,
        &[
            "save-template",
            &id,
            "--name",
            "Mẫu từ văn bản",
            "--as",
            "chuyenvien",
        ],
    );

    let listed = ok(
        &db,
        &["templates", "--format", "json", "--as", "truongphong"],
    );
    let listed: Vec<Value> = serde_json::from_str(&listed).expect("json list");
    let own: Vec<(&str, &str, &str)> = listed
        .iter()
        .filter(|t| t["origin"] == "organisation")
        .map(|t| {
            (
                t["name"].as_str().unwrap_or_default(),
                t["type"].as_str().unwrap_or_default(),
                t["saved_by"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        own,
        [
            ("Công văn hướng dẫn CĐS", "cong-van", "chuyenvien"),
            ("Mẫu từ văn bản", "cong-van", "chuyenvien")
        ]
    );
    assert_eq!(
        listed.iter().filter(|t| t["origin"] == "shipped").count(),
        6
    );

    // Another person of the body starts from it, with the organisation of the day.
    let text = ok(
        &db,
        &[
            "new",
            "--template",
            "Công văn hướng dẫn CĐS",
            "--as",
            "truongphong",
        ],
    );
    let doc: Value = serde_json::from_str(&text).expect("json");
    let d = &doc["document"];
    assert_eq!(d["type"], "cong-van");
    assert!(d["header"].get("number").is_none());
    assert_eq!(d["addressees"].as_array().map(Vec::len), Some(6));
    // Without a user the database's templates are not looked at.
    let o = vanban(&db, &["new", "--template", "Công văn hướng dẫn CĐS"]);
    assert_eq!(o.status.code(), Some(2));
}
