//! The directory's reusable parts as a clerk and an administrator use them: the library of
//! cited documents (`vanban cite`), recipient groups put into a document as one line or
//! expanded (`vanban directory group`), and the directory handed from one database to another
//! as a file (`vanban directory export` / `import`).

use std::path::Path;

use serde_json::Value;

use crate::support::{Scratch, ok, run as vanban};

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const GROUPS: &str = r#"
[[units]]
body = "STTTT"
abbreviation = "CNTT"
name = "Phòng Công nghệ thông tin"

[[recipient_groups]]
body = "STTTT"
name = "UBND các huyện, thành phố"
members = ["UBND thành phố Lạng Sơn", "UBND huyện Cao Lộc", "UBND huyện Văn Lãng"]
"#;

#[test]
fn the_library_finds_a_decision_without_accents_and_gives_it_structured() {
    let out = ok(&[
        "cite",
        "ngay",
        "chuyen",
        "doi",
        "so",
        "505/qđ-ttg",
        "--format",
        "json",
    ]);
    let found: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert_eq!(found[0]["number"], "505/QĐ-TTg");
    assert_eq!(found[0]["date"], "2022-04-22");
    assert_eq!(found[0]["issuer"], "Thủ tướng Chính phủ");
    let human = ok(&["cite", "cong tac van thu"]);
    assert_eq!(
        human.trim(),
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư"
    );
    assert_eq!(
        vanban(&["cite", "khong co van ban nay"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_group_goes_into_a_letter_and_the_directory_travels_as_a_file() {
    let sc = Scratch::new("groups");
    let db = sc.path("a.db");
    let dbs = s(&db);
    ok(&["init", "--demo", "--db", dbs]);
    let groups = sc.path("groups.toml");
    std::fs::write(&groups, GROUPS).expect("write");
    ok(&[
        "directory",
        "import",
        s(&groups),
        "--db",
        dbs,
        "--as",
        "admin",
    ]);

    let listed = ok(&["directory", "groups", "--db", dbs, "--as", "chuyenvien"]);
    // The demo body has groups of its own; the imported one is listed with its members.
    assert!(
        listed.contains(
            "UBND các huyện, thành phố\n  - UBND thành phố Lạng Sơn\n  - UBND huyện Cao Lộc\n  - UBND huyện Văn Lãng\n"
        ),
        "{listed}"
    );

    // One line covering the members in Kính gửi; expanded, one line each, in Nơi nhận.
    let letter = sc.path("cv.json");
    ok(&[
        "new",
        "--template",
        "cong-van-huong-dan",
        "--as",
        "chuyenvien",
        "--unit",
        "CNTT",
        "--db",
        dbs,
        "-o",
        s(&letter),
    ]);
    let added = ok(&[
        "directory",
        "group",
        "UBND các huyện, thành phố",
        "--into",
        s(&letter),
        "--kinh-gui",
        "--db",
        dbs,
        "--as",
        "chuyenvien",
    ]);
    assert_eq!(added.trim(), "0", "the template already has this line");
    let added = ok(&[
        "directory",
        "group",
        "ubnd các huyện, thành phố",
        "--into",
        s(&letter),
        "--expand",
        "--db",
        dbs,
        "--as",
        "chuyenvien",
    ]);
    assert_eq!(added.trim(), "3");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&letter).expect("read")).expect("json");
    let names: Vec<&str> = doc["document"]["recipients"]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "UBND thành phố Lạng Sơn",
            "UBND huyện Cao Lộc",
            "UBND huyện Văn Lãng"
        ]
    );
    let o = vanban(&[
        "directory",
        "group",
        "Không có",
        "--into",
        s(&letter),
        "--db",
        dbs,
        "--as",
        "chuyenvien",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("UBND các huyện, thành phố"));

    // The directory, exported by the administrator, makes the same directory elsewhere.
    for ext in ["json", "toml"] {
        let file = sc.path(&format!("danh-ba.{ext}"));
        let o = vanban(&[
            "directory",
            "export",
            s(&file),
            "--db",
            dbs,
            "--as",
            "chuyenvien",
        ]);
        assert_eq!(o.status.code(), Some(1), "only the administrator exports");
        assert!(!file.exists());
        ok(&[
            "directory",
            "export",
            s(&file),
            "--db",
            dbs,
            "--as",
            "admin",
        ]);
        let other = sc.path(&format!("b-{ext}.db"));
        ok(&["init", "--db", s(&other)]);
        ok(&[
            "directory",
            "import",
            s(&file),
            "--db",
            s(&other),
            "--as",
            "admin",
        ]);
        let again = sc.path(&format!("again.{ext}"));
        ok(&[
            "directory",
            "export",
            s(&again),
            "--db",
            s(&other),
            "--as",
            "admin",
        ]);
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            std::fs::read_to_string(&again).expect("read"),
            "{ext}"
        );
        assert!(
            std::fs::read_to_string(&file)
                .expect("read")
                .contains("UBND huyện Văn Lãng")
        );
    }
}
