//! The tracking of a plan as a table for a meeting: the body, the title, the plan it follows
//! and the day it stands on, then one bordered row per task row (group rows in between) under
//! the columns of [`COLUMNS`], on landscape pages whose header row repeats. It is a [`Layout`]
//! like any document, so the DOCX and PDF writers print it unchanged.

use crate::build::para;
use crate::layout::{Layout, PageSection, Role};
use crate::register::form_table;
use crate::style::StyleSheet;
use vanban_core::text::to_nfc;

/// The columns of the table, in order.
pub const COLUMNS: [&str; 8] = [
    "TT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Tiến độ",
    "Tình trạng",
    "Báo cáo gần nhất",
];

/// Relative widths of the columns: the task and the last report get the room.
const WEIGHTS: [f32; 8] = [5.0, 27.0, 12.0, 12.0, 10.0, 6.0, 10.0, 18.0];

/// The tracking of one plan on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingForm {
    /// The body that follows the plan.
    pub body: String,
    /// "Kế hoạch số 01/KH-UBND ngày 05/3/2025 về …".
    pub plan: String,
    /// "Tình hình đến ngày 01/7/2025".
    pub as_of: String,
    /// The rows, in the order of the plan's table.
    pub rows: Vec<TrackingRow>,
}

/// One line of the table; every field as it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrackingRow {
    /// A group heading ("2", its title in `task`) rather than a task.
    pub group: bool,
    /// The number as printed in the plan ("2.3").
    pub number: String,
    /// What is to be done (or the group's title).
    pub task: String,
    /// Đơn vị chủ trì.
    pub lead: String,
    /// Đơn vị phối hợp.
    pub cooperating: String,
    /// The due day.
    pub due: String,
    /// "60%".
    pub progress: String,
    /// "Quá hạn".
    pub status: String,
    /// The last report: who, when, what.
    pub last_report: String,
}

impl TrackingRow {
    /// The cells in the order of [`COLUMNS`].
    pub fn cells(&self) -> [&str; 8] {
        [
            &self.number,
            &self.task,
            &self.lead,
            &self.cooperating,
            &self.due,
            &self.progress,
            &self.status,
            &self.last_report,
        ]
    }
}

/// The table of one plan: one landscape section numbered from page 2.
pub fn layout(form: &TrackingForm, sheet: &StyleSheet) -> Layout {
    let mut blocks = vec![
        para(Role::CoQuanBanHanh, &form.body.to_uppercase()),
        para(Role::TenLoai, "BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ"),
        para(Role::TrichYeu, &to_nfc(&form.plan)),
        para(Role::KemTheo, &form.as_of),
    ];
    blocks.push(form_table(
        sheet,
        &WEIGHTS,
        &COLUMNS,
        form.rows.iter().map(|row| {
            row.cells()
                .map(|text| text.to_owned())
                .into_iter()
                .enumerate()
                .map(|(k, text)| {
                    let role = match (row.group, k) {
                        (true, _) => Role::TableGroup,
                        (false, 0 | 4 | 5) => Role::TableNumber,
                        _ => Role::TableCell,
                    };
                    (role, text)
                })
        }),
    ));
    Layout {
        sections: vec![PageSection {
            landscape: true,
            restart_numbering: false,
            first_page_footer: None,
            blocks,
        }],
    }
}
