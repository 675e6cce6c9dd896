//! The demo directory of `vanban init --demo`: one body with its units, registers and a person
//! for each role, so that a new user can try every step of the workflow.

use vanban_store::{
    AddressSpec, BodySpec, Directory, PersonSpec, RecipientGroupSpec, RegisterSpec, Role, SmtpSpec,
    SmtpTls, UnitSpec,
};

/// The demo's e-mail domain: `.example` is reserved (RFC 2606), so no real mailbox is named.
const DEMO_DOMAIN: &str = "langson.example";

pub(super) fn person(
    login: &str,
    name: &str,
    titles: &[&str],
    roles: &[Role],
    body: Option<&str>,
) -> PersonSpec {
    PersonSpec {
        login: login.to_owned(),
        name: name.to_owned(),
        titles: titles.iter().map(|t| (*t).to_owned()).collect(),
        roles: roles.to_vec(),
        body: body.map(str::to_owned),
        unit: None,
        ..Default::default()
    }
}

/// The demo directory of `vanban init --demo`.
pub fn demo_directory(admin: &str) -> Directory {
    let body = Some("STTTT");
    Directory {
        bodies: vec![BodySpec {
            abbreviation: "STTTT".into(),
            name: "Sở Thông tin và Truyền thông".into(),
            parent_name: Some("UBND tỉnh Lạng Sơn".into()),
            place: "Lạng Sơn".into(),
            address_line: None,
            email: Some(format!("stttt@{DEMO_DOMAIN}")),
            smtp: Some(SmtpSpec {
                host: format!("mail.{DEMO_DOMAIN}"),
                port: Some(587),
                tls: SmtpTls::Starttls,
                user: Some(format!("vanthu.stttt@{DEMO_DOMAIN}")),
                sender: format!("vanthu.stttt@{DEMO_DOMAIN}"),
                sender_name: Some("Văn thư Sở Thông tin và Truyền thông".into()),
            }),
            ..Default::default()
        }],
        people: vec![
            person(admin, "Quản trị hệ thống", &[], &[Role::Admin], body),
            PersonSpec {
                unit: Some("CĐS".into()),
                ..person(
                    "chuyenvien",
                    "Nguyễn Văn An",
                    &["CHUYÊN VIÊN"],
                    &[Role::Drafter],
                    body,
                )
            },
            PersonSpec {
                unit: Some("CĐS".into()),
                ..person(
                    "truongphong",
                    "Trần Thị Bình",
                    &["TRƯỞNG PHÒNG"],
                    &[Role::Reviewer],
                    body,
                )
            },
            person(
                "giamdoc",
                "Lê Văn Cường",
                &["GIÁM ĐỐC"],
                &[Role::Signer],
                body,
            ),
            person(
                "vanthu",
                "Phạm Thị Dung",
                &["VĂN THƯ"],
                &[Role::RegistryClerk],
                body,
            ),
        ],
        registers: vec![RegisterSpec {
            body: "STTTT".into(),
            name: "Sổ văn bản đi".into(),
            types: Vec::new(),
            secret: false,
        }],
        units: [
            ("VP", "Văn phòng Sở"),
            ("CĐS", "Phòng Chuyển đổi số"),
            ("TTBCXB", "Phòng Thông tin - Báo chí - Xuất bản"),
            ("BCVT", "Phòng Bưu chính, Viễn thông"),
            ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông"),
        ]
        .into_iter()
        .map(|(abbreviation, name)| UnitSpec {
            body: "STTTT".into(),
            abbreviation: abbreviation.into(),
            name: name.into(),
            active: true,
        })
        .collect(),
        recipient_groups: vec![
            RecipientGroupSpec {
                body: "STTTT".into(),
                name: "Lãnh đạo tỉnh".into(),
                members: vec![
                    "TT. Tỉnh ủy (b/c)".into(),
                    "TT. HĐND tỉnh (b/c)".into(),
                    "Chủ tịch, các PCT UBND tỉnh".into(),
                ],
            },
            RecipientGroupSpec {
                body: "STTTT".into(),
                name: "UBND các huyện, thành phố".into(),
                members: [
                    "UBND thành phố Lạng Sơn",
                    "UBND huyện Cao Lộc",
                    "UBND huyện Lộc Bình",
                    "UBND huyện Chi Lăng",
                    "UBND huyện Hữu Lũng",
                    "UBND huyện Đình Lập",
                    "UBND huyện Bắc Sơn",
                    "UBND huyện Bình Gia",
                    "UBND huyện Văn Quan",
                    "UBND huyện Tràng Định",
                    "UBND huyện Văn Lãng",
                ]
                .map(String::from)
                .to_vec(),
            },
            RecipientGroupSpec {
                body: "STTTT".into(),
                name: "Các phòng, đơn vị thuộc Sở".into(),
                members: vec![
                    "Văn phòng Sở".into(),
                    "Phòng Chuyển đổi số".into(),
                    "Phòng Thông tin - Báo chí - Xuất bản".into(),
                    "Phòng Bưu chính, Viễn thông".into(),
                    "Trung tâm Công nghệ thông tin và Truyền thông".into(),
                ],
            },
        ],
        // The units and the districts, by the names Nơi nhận prints (example addresses).
        addresses: [
            ("Văn phòng Sở", "vanphong.stttt"),
            ("Phòng Chuyển đổi số", "cds.stttt"),
            ("Phòng Thông tin - Báo chí - Xuất bản", "ttbcxb.stttt"),
            ("Phòng Bưu chính, Viễn thông", "bcvt.stttt"),
            (
                "Trung tâm Công nghệ thông tin và Truyền thông",
                "ttcntt.stttt",
            ),
            ("UBND thành phố Lạng Sơn", "ubnd.tplangson"),
            ("UBND huyện Cao Lộc", "ubnd.caoloc"),
            ("UBND huyện Lộc Bình", "ubnd.locbinh"),
            ("UBND huyện Chi Lăng", "ubnd.chilang"),
            ("UBND huyện Hữu Lũng", "ubnd.huulung"),
        ]
        .into_iter()
        .map(|(name, user)| AddressSpec {
            body: "STTTT".into(),
            name: name.into(),
            email: format!("{user}@{DEMO_DOMAIN}"),
        })
        .collect(),
        ..Directory::default()
    }
}
