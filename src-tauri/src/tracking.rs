//! Following issued plans until they are done: the tracking screen's list by plan, unit and
//! status, one task with its history, a unit's report on it, the follower a head assigns, the
//! reminders shown when the app opens, the báo cáo drafted from the reports and the tracking
//! table exported for a meeting.

pub mod views;

use tauri::{AppHandle, State};
use vanban_app::workflow::store::ReportAttachment;
use vanban_app::workflow::{TaskFilter, TrackingFormat, file_attachment};

use crate::dialogs;
use crate::error::CommandError;
use crate::registry::views::RegisterFileFormat;
use crate::state::AppState;
use views::{
    FollowerView, PickedReportFile, RemindersView, ReportInputView, ReportingView, TaskDetailView,
    TaskFilterInput, TaskView,
};

type Result<T> = std::result::Result<T, CommandError>;

/// The most tasks the screen lists at once (overdue first); a narrower filter shows the rest.
pub const SCREEN_LIMIT: usize = 500;

/// The tracked tasks of the person's body's plans, by plan, unit and status, overdue first.
#[tauri::command]
#[specta::specta]
pub async fn tracked_tasks(
    state: State<'_, AppState>,
    filter: TaskFilterInput,
) -> Result<Vec<TaskView>> {
    let stamp = state.stamp()?;
    let filter = TaskFilter {
        plan: filter.plan,
        unit: filter.unit.filter(|u| !u.trim().is_empty()),
        status: filter.status.map(Into::into),
        limit: Some(SCREEN_LIMIT),
    };
    let tasks = state.with(|wf| wf.tracked_tasks(&stamp.person, &filter, stamp.at.date_naive()))?;
    Ok(tasks.iter().map(Into::into).collect())
}

/// One task with its history, who follows its plan and whether the person may report on it.
#[tauri::command]
#[specta::specta]
pub async fn tracked_task(state: State<'_, AppState>, id: i64) -> Result<TaskDetailView> {
    detail(&state, id)
}

fn detail(state: &AppState, id: i64) -> Result<TaskDetailView> {
    let stamp = state.stamp()?;
    state.with(|wf| {
        let d = wf.tracked_task(&stamp.person, id, stamp.at.date_naive())?;
        let answer = wf.may_report_as(&stamp.person, &d.task).map_err(Into::into);
        Ok(TaskDetailView::new(&d, ReportingView::new(answer)))
    })
}

/// Records the person's report on a task; gives the task as it is now. Refused, saying why,
/// for someone with no part in it, and for a field that cannot be used (named).
#[tauri::command]
#[specta::specta]
pub async fn report_task(
    state: State<'_, AppState>,
    id: i64,
    report: ReportInputView,
) -> Result<TaskDetailView> {
    let input = report.into_input()?;
    state.act(|wf, s| wf.report_task(s, id, &input))?;
    detail(&state, id)
}

/// A file the work produced, chosen in the open dialog (none when cancelled): its name and
/// SHA-256, which the report keeps (the file itself stays where it is).
#[tauri::command]
#[specta::specta]
pub async fn pick_report_file(app: AppHandle) -> Result<Option<PickedReportFile>> {
    let Some(path) =
        dialogs::open_source(&app, "Chọn tệp kết quả của nhiệm vụ", "Mọi tệp", &["*"])?
    else {
        return Ok(None);
    };
    match file_attachment(&path)? {
        ReportAttachment::File { name, sha256 } => Ok(Some(PickedReportFile { name, sha256 })),
        _ => Err(CommandError::new("io", "Tệp đã chọn không đọc được.")),
    }
}

/// Assigns a person of the plan's body to follow an issued plan (a head only); gives who
/// follows it now.
#[tauri::command]
#[specta::specta]
pub async fn assign_follower(
    state: State<'_, AppState>,
    plan: i64,
    login: String,
) -> Result<FollowerView> {
    let f = state.act(|wf, s| {
        wf.assign_follower(s, plan, &login)?;
        wf.plan_follower(plan)
    })?;
    f.as_ref()
        .map(Into::into)
        .ok_or_else(|| CommandError::new("not-found", "Kế hoạch không còn trong cơ sở dữ liệu."))
}

/// What the person is reminded of when the app opens: the tasks of the plans they follow and
/// of their unit that are overdue or due within 7 days.
#[tauri::command]
#[specta::specta]
pub async fn task_reminders(state: State<'_, AppState>) -> Result<RemindersView> {
    let stamp = state.stamp()?;
    let r = state.with(|wf| wf.reminders(&stamp.person, stamp.at.date_naive()))?;
    Ok((&r).into())
}

/// Drafts "Báo cáo kết quả thực hiện Kế hoạch số …" from the reports of a plan's tasks, as a
/// new báo cáo of the person; gives its id, to open in the editor.
#[tauri::command]
#[specta::specta]
pub async fn draft_plan_report(state: State<'_, AppState>, plan: i64) -> Result<i64> {
    state.act(|wf, s| Ok(wf.draft_plan_report(s, plan)?.id))
}

/// Exports a plan's tracking table (PDF/DOCX to print, or CSV) to a file chosen in the save
/// dialog; gives the path, or nothing when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_tracking(
    app: AppHandle,
    state: State<'_, AppState>,
    plan: i64,
    format: RegisterFileFormat,
) -> Result<Option<String>> {
    let (ext, label) = format.extension();
    let name = format!("theo-doi-ke-hoach-{plan}.{ext}");
    let Some(path) = dialogs::save_target(&app, "Xuất bảng theo dõi nhiệm vụ", &name, label, ext)?
    else {
        return Ok(None);
    };
    let format = match format {
        RegisterFileFormat::Pdf => TrackingFormat::Pdf,
        RegisterFileFormat::Docx => TrackingFormat::Docx,
        RegisterFileFormat::Csv => TrackingFormat::Csv,
    };
    let stamp = state.stamp()?;
    let created = vanban_app::clock::pdf_created(stamp.at);
    state.with(|wf| wf.export_tracking(&stamp, plan, &path, format, created))?;
    Ok(Some(path.display().to_string()))
}
