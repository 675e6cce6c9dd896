//! The shapes of the tracking screen: a tracked task and where it stands, a report, who follows
//! a plan, what the person may do with a task, the reminders shown at start, the filters. Each
//! is made from a library type by a `From`, so a change on either side fails to compile rather
//! than drifting.

use serde::{Deserialize, Serialize};
use vanban_app::workflow::store::{Capacity, ReportAttachment, RowGroup, TaskReport, TrackedTask};
use vanban_app::workflow::{
    DUE_SOON_DAYS, PlanFollower, Reminders, ReportInput, StatusFilter, TaskDetail, due_words,
};

use crate::error::CommandError;

/// A tracked task of an issued plan, with where it stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TaskView {
    /// Its id (the number `vanban task ID` takes).
    pub id: i64,
    /// The plan's document id.
    pub plan: i64,
    /// The plan's number and symbol ("01/KH-UBND").
    pub plan_number: String,
    /// The plan's subject.
    pub plan_subject: String,
    /// The row's number as printed in the plan ("2.3").
    pub number: String,
    /// The groups the row is in, outermost first ("2. Tuyên truyền trên báo chí").
    pub groups: Vec<String>,
    /// What is to be done.
    pub text: String,
    /// Đơn vị chủ trì.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    pub cooperating: Vec<String>,
    /// The time as printed in the plan.
    pub time: String,
    /// When it is due, in words ("30/6/2025", "không ghi thời hạn").
    pub due: String,
    /// The day after which it is late (YYYY-MM-DD), when there is one.
    pub due_on: Option<String>,
    /// "overdue", "not-started", "in-progress", "no-deadline", "done-on-time", "done-late".
    pub status: String,
    /// The status in Vietnamese.
    pub status_label: String,
    /// How far the work is, 0–100.
    pub percent: u8,
    /// How many reports.
    pub reports: u32,
    /// The day it was reported done (YYYY-MM-DD).
    pub done_on: Option<String>,
}

fn group_line(g: &RowGroup) -> String {
    format!("{}. {}", g.number.trim_end_matches('.'), g.title)
}

impl From<&TrackedTask> for TaskView {
    fn from(t: &TrackedTask) -> Self {
        TaskView {
            id: t.id,
            plan: t.plan,
            plan_number: t.plan_number.clone(),
            plan_subject: t.plan_subject.clone(),
            number: t.number.clone(),
            groups: t.groups.iter().map(group_line).collect(),
            text: t.text.clone(),
            lead: t.lead.clone(),
            cooperating: t.cooperating.clone(),
            time: t.time.clone(),
            due: due_words(t),
            due_on: t.schedule.due_day().map(|d| d.to_string()),
            status: t.status.as_str().to_owned(),
            status_label: t.status.label().to_owned(),
            percent: t.percent,
            reports: t.reports,
            done_on: t.done_on.map(|d| d.to_string()),
        }
    }
}

/// What a report says the work produced, in words ("Văn bản số hiệu 12", "tệp bao-cao.pdf
/// (SHA-256 …)", "văn bản 123/UBND-VX").
fn attachment_words(a: &ReportAttachment) -> String {
    match a {
        ReportAttachment::Document { id } => format!("Văn bản số hiệu {id} trong cơ sở dữ liệu"),
        ReportAttachment::File { name, sha256 } => format!("Tệp {name} (SHA-256 {sha256})"),
        ReportAttachment::Reference { number_symbol } => format!("Văn bản số {number_symbol}"),
    }
}

/// A report on a task, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportView {
    /// Id.
    pub id: i64,
    /// Who (login).
    pub person: String,
    /// Their full name.
    pub person_name: String,
    /// When, RFC 3339 in Vietnam's time.
    pub at: String,
    /// For whom they reported ("đơn vị chủ trì", "người theo dõi kế hoạch").
    pub capacity: String,
    /// The unit reported for.
    pub unit: Option<String>,
    /// 0–100.
    pub percent: u8,
    /// What was done.
    pub note: String,
    /// Whether it says the task is done.
    pub done: bool,
    /// What the work produced, in words.
    pub attachments: Vec<String>,
    /// Copied from the task of the plan this one replaced.
    pub carried: bool,
}

impl From<&TaskReport> for ReportView {
    fn from(r: &TaskReport) -> Self {
        ReportView {
            id: r.id,
            person: r.person.clone(),
            person_name: r.person_name.clone(),
            at: r.at.to_rfc3339(),
            capacity: r.capacity.label().to_owned(),
            unit: r.unit.clone(),
            percent: r.percent,
            note: r.note.clone(),
            done: r.done,
            attachments: r.attachments.iter().map(attachment_words).collect(),
            carried: r.carried_from.is_some(),
        }
    }
}

/// Who follows a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FollowerView {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// True when a head assigned them; false for the drafter, who follows until then.
    pub assigned: bool,
}

impl From<&PlanFollower> for FollowerView {
    fn from(f: &PlanFollower) -> Self {
        FollowerView {
            login: f.login.clone(),
            name: f.name.clone(),
            assigned: f.assigned,
        }
    }
}

/// Whether the current person may report on a task, and as whom; or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportingView {
    /// They may report.
    pub allowed: bool,
    /// As whom, in words ("đơn vị chủ trì — STTTT", "người theo dõi kế hoạch").
    pub capacity: Option<String>,
    /// They may also say it is done (a lead unit or the follower, not a cooperating unit).
    pub may_close: bool,
    /// Why not, when not.
    pub reason: Option<String>,
}

impl ReportingView {
    /// From what the use case answered.
    pub fn new(answer: Result<(Capacity, Option<String>), CommandError>) -> Self {
        match answer {
            Ok((capacity, unit)) => ReportingView {
                allowed: true,
                capacity: Some(match unit {
                    Some(unit) => format!("{} — {unit}", capacity.label()),
                    None => capacity.label().to_owned(),
                }),
                may_close: capacity != Capacity::Cooperating,
                reason: None,
            },
            Err(e) => ReportingView {
                allowed: false,
                capacity: None,
                may_close: false,
                reason: Some(e.message),
            },
        }
    }
}

/// One task with its history, who follows its plan and what the person may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TaskDetailView {
    /// The task.
    pub task: TaskView,
    /// Every report, oldest first.
    pub reports: Vec<ReportView>,
    /// Who follows the plan.
    pub follower: Option<FollowerView>,
    /// Whether the current person may report.
    pub reporting: ReportingView,
}

impl TaskDetailView {
    /// The view of a task's detail, with the person's answer.
    pub fn new(d: &TaskDetail, reporting: ReportingView) -> Self {
        TaskDetailView {
            task: (&d.task).into(),
            reports: d.reports.iter().map(Into::into).collect(),
            follower: d.follower.as_ref().map(Into::into),
            reporting,
        }
    }
}

/// What the person is reminded of when the app opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RemindersView {
    /// Tasks of the plans they follow, overdue or due within 7 days.
    pub as_follower: Vec<TaskView>,
    /// Tasks of their unit, overdue or due within 7 days.
    pub for_unit: Vec<TaskView>,
}

impl From<&Reminders> for RemindersView {
    fn from(r: &Reminders) -> Self {
        RemindersView {
            as_follower: r.as_follower.iter().map(Into::into).collect(),
            for_unit: r.for_unit.iter().map(Into::into).collect(),
        }
    }
}

/// Which tasks, by status, the tracking screen lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum StatusChoice {
    /// Quá hạn.
    Overdue,
    /// Đến hạn trong 7 ngày.
    Due7,
    /// Đến hạn trong 3 ngày.
    Due3,
    /// Đến hạn trong 1 ngày.
    Due1,
    /// Đã hoàn thành.
    Done,
    /// Chưa hoàn thành.
    Open,
    /// Không có thời hạn.
    NoDeadline,
}

impl From<StatusChoice> for StatusFilter {
    fn from(c: StatusChoice) -> Self {
        match c {
            StatusChoice::Overdue => StatusFilter::Overdue,
            StatusChoice::Due7 => StatusFilter::DueSoon(DUE_SOON_DAYS),
            StatusChoice::Due3 => StatusFilter::DueSoon(3),
            StatusChoice::Due1 => StatusFilter::DueSoon(1),
            StatusChoice::Done => StatusFilter::Done,
            StatusChoice::Open => StatusFilter::Open,
            StatusChoice::NoDeadline => StatusFilter::NoDeadline,
        }
    }
}

/// The tracking screen's filter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, specta::Type)]
pub struct TaskFilterInput {
    /// Only this plan's tasks (its document id).
    pub plan: Option<i64>,
    /// Only the tasks of the unit with this abbreviation (lead or cooperating).
    pub unit: Option<String>,
    /// Only tasks in this status.
    pub status: Option<StatusChoice>,
}

/// What the work produced, as the report form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AttachmentInput {
    /// A document of this database, by its id.
    Document {
        /// The document's id.
        id: i64,
    },
    /// A file chosen with "Chọn tệp…" (see `pick_report_file`).
    File {
        /// Its name.
        name: String,
        /// Its SHA-256, lower-case hex.
        sha256: String,
    },
    /// Another body's document, by number and symbol ("123/UBND-VX").
    #[serde(rename_all = "camelCase")]
    Reference {
        /// The number and symbol.
        number_symbol: String,
    },
}

/// A report as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, specta::Type)]
pub struct ReportInputView {
    /// How far the work is, 0–100.
    pub percent: i32,
    /// What was done.
    pub note: String,
    /// The task is done.
    pub done: bool,
    /// What the work produced.
    pub attachment: Option<AttachmentInput>,
}

impl ReportInputView {
    /// The use case's input; a file's hash that is not one is refused naming the field.
    pub fn into_input(self) -> Result<ReportInput, CommandError> {
        let attachment = match self.attachment {
            None => None,
            Some(AttachmentInput::Document { id }) => Some(ReportAttachment::Document { id }),
            Some(AttachmentInput::Reference { number_symbol }) => {
                Some(ReportAttachment::Reference { number_symbol })
            }
            Some(AttachmentInput::File { name, sha256 }) => {
                let hex = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
                if !hex || name.trim().is_empty() {
                    return Err(CommandError::new(
                        "bad-report",
                        "Báo cáo không hợp lệ ở trường “attach”: chọn lại tệp kết quả bằng nút “Chọn tệp…”.",
                    ));
                }
                Some(ReportAttachment::File {
                    name,
                    sha256: sha256.to_ascii_lowercase(),
                })
            }
        };
        Ok(ReportInput {
            percent: i64::from(self.percent),
            note: self.note,
            done: self.done,
            attachment,
        })
    }
}

/// A file chosen as what a task produced: its name and SHA-256 (the file stays where it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PickedReportFile {
    /// Its name.
    pub name: String,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
}
