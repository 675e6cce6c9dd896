//! Following plans: the tracked tasks an issue creates (in the transaction, see
//! [`create_tracked`]), the reports units make on them (append-only, each with its audit row),
//! who follows each plan, and the tracking queries, whose status is computed right after the
//! query from the due day, the reports and the day asked about (`vanban_core::tracking`).

use std::collections::HashMap;

use chrono::NaiveDate;
use vanban_core::model::Frequency;
use vanban_core::tracking::{self, Progress};
use vanban_core::validate::unit_key;

use super::{append_audit, person_id, read_document};
use crate::db::{Json, Param, Tx, from_row};
use crate::error::StoreError;
use crate::types::*;
use crate::{Result, Store};

/// The columns of a tracked task, for a `WHERE` to follow (`t` the task, `e` its plan's
/// register entry, `d` the plan).
const TASK_SELECT: &str = "SELECT t.id, t.plan_id, t.body_id, e.number_symbol, d.subject, \
     e.issued_on, t.row_path, t.number, t.row_groups, t.text, t.lead, t.cooperating, \
     t.time_text, t.due_on, t.due_hour, t.due_minute, t.recurrence \
     FROM tracked_tasks t JOIN documents d ON d.id = t.plan_id \
     JOIN register_entries e ON e.document_id = t.plan_id";

/// A row of [`TASK_SELECT`].
struct TaskRow {
    id: TaskId,
    plan: DocumentId,
    body: BodyId,
    plan_number: String,
    plan_subject: String,
    plan_issued_on: NaiveDate,
    row_path: String,
    number: String,
    groups: Json<Vec<RowGroup>>,
    text: String,
    lead: Vec<String>,
    cooperating: Vec<String>,
    time: String,
    when: When,
}

from_row!(TaskRow: id, plan, body, plan_number, plan_subject, plan_issued_on, row_path, number, groups, text, lead, cooperating, time, when);

/// What a task's status needs of its row: its due day, as kept.
struct When {
    due_on: Option<NaiveDate>,
    due_hour: Option<u8>,
    due_minute: Option<u8>,
    recurrence: Option<Frequency>,
}

from_row!(When: due_on, due_hour, due_minute, recurrence);

impl When {
    fn schedule(&self) -> Schedule {
        match (self.due_on, self.recurrence) {
            (Some(until), Some(every)) => Schedule::Recurring { every, until },
            (Some(on), None) => Schedule::Due {
                on,
                hour: self.due_hour,
                minute: self.due_minute,
            },
            (None, _) => Schedule::Open,
        }
    }
}

/// A task's id and due day: the light first read of the tracking query.
struct TaskDue {
    id: TaskId,
    when: When,
}

from_row!(TaskDue: id, when);

/// What the status needs of one report.
struct ReportBrief {
    task: TaskId,
    capacity: Capacity,
    done: bool,
    percent: u8,
    on_day: NaiveDate,
    at: chrono::DateTime<chrono::FixedOffset>,
}

from_row!(ReportBrief: task, capacity, done, percent, on_day, at);

/// What a task's reports say, read in their order.
#[derive(Debug, Clone, Copy, Default)]
struct Summary {
    reports: u32,
    lead_percent: Option<u8>,
    any_percent: Option<u8>,
    /// The day of the first "done" of a lead unit or the follower after their last "not done".
    done_on: Option<NaiveDate>,
    last_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl Summary {
    fn add(&mut self, r: &ReportBrief) {
        self.reports += 1;
        self.any_percent = Some(r.percent);
        self.last_at = Some(r.at);
        if r.capacity != Capacity::Cooperating {
            self.lead_percent = Some(r.percent);
            if !r.done {
                self.done_on = None;
            } else if self.done_on.is_none() {
                self.done_on = Some(r.on_day);
            }
        }
    }

    fn progress(&self) -> Progress {
        Progress {
            reported: self.reports > 0,
            done_on: self.done_on,
        }
    }
}

impl TaskRow {
    fn on(self, summary: Summary, today: NaiveDate) -> TrackedTask {
        let schedule = self.when.schedule();
        TrackedTask {
            status: tracking::status(&schedule, summary.progress(), today),
            schedule,
            id: self.id,
            plan: self.plan,
            body: self.body,
            plan_number: self.plan_number,
            plan_subject: self.plan_subject,
            plan_issued_on: self.plan_issued_on,
            row_path: self.row_path,
            number: self.number,
            groups: self.groups.0,
            text: self.text,
            lead: self.lead,
            cooperating: self.cooperating,
            time: self.time,
            reports: summary.reports,
            percent: summary.lead_percent.or(summary.any_percent).unwrap_or(0),
            done_on: summary.done_on,
            last_report_at: summary.last_at,
        }
    }
}

/// The summaries of the reports on the tasks a filter selects (`filter`: a `WHERE` on `t`).
fn summaries(
    tx: &mut Tx<'_>,
    filter: &str,
    params: &[&dyn Param],
) -> Result<HashMap<TaskId, Summary>> {
    let reports: Vec<ReportBrief> = tx.all(
        &format!(
            "SELECT r.task_id, r.capacity, r.done, r.percent, r.on_day, r.at \
             FROM task_reports r JOIN tracked_tasks t ON t.id = r.task_id \
             WHERE {filter} ORDER BY r.id"
        ),
        params,
    )?;
    let mut out: HashMap<TaskId, Summary> = HashMap::new();
    for r in &reports {
        out.entry(r.task).or_default().add(r);
    }
    Ok(out)
}

/// How many tasks are read back by their ids at most; beyond, by the filter again.
const BY_ID: usize = 500;

from_row!(TaskReport: id, task, person, person_name, at, on_day, capacity, unit, percent, note, done, attachments, carried_from);

impl crate::db::FromCell for Vec<ReportAttachment> {
    fn from_cell(cell: crate::db::Cell) -> Result<Self> {
        Ok(Json::from_cell(cell)?.0)
    }
}

const REPORT_SELECT: &str = "SELECT r.id, r.task_id, p.login, p.name, r.at, r.on_day, \
     r.capacity, r.unit, r.percent, r.note, r.done, r.attachments, r.carried_from \
     FROM task_reports r JOIN people p ON p.id = r.person_id";

from_row!(Follower: plan, login, name, assigned_by, at);

/// A task's text compared for matching rows of a replaced plan: its words, in lower case.
fn text_key(text: &str) -> String {
    vanban_core::text::to_nfc(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The unit keys a list of units gives, each once.
fn unit_keys(units: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for u in units {
        let k = unit_key(u);
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// A task of the replaced plan, as matching needs it.
struct OldTask {
    id: TaskId,
    number: String,
    text: String,
    lead: Vec<String>,
    reports: u32,
}

from_row!(OldTask: id, number, text, lead, reports);

/// Creates the tracked tasks of an issued document, in the transaction. When it
/// replaces an issued plan, each of its rows takes over the old plan's task with the same text,
/// or else with the same number and lead, with that task's reports (copied, each pointing at
/// the one it copies); the old task is then no longer followed. An old task no row matches is
/// withdrawn when nobody reported on it, and kept in the list when somebody did: no report is
/// ever dropped from sight.
pub(crate) fn create_tracked(
    tx: &mut Tx<'_>,
    plan: DocumentId,
    body: BodyId,
    tracking: &NewTracking,
) -> Result<CarriedOver> {
    let mut old: Vec<OldTask> = match tracking.replaces {
        Some(replaced) => tx.all(
            "SELECT t.id, t.number, t.text, t.lead, \
             (SELECT COUNT(*) FROM task_reports r WHERE r.task_id = t.id) \
             FROM tracked_tasks t WHERE t.plan_id = $1 AND t.state = 'open' ORDER BY t.position",
            &[&replaced],
        )?,
        None => Vec::new(),
    };
    let mut summary = CarriedOver::default();
    // Same text first, over every row, so that a row moved to another number still finds its
    // task before a row that only shares the number takes it.
    let mut matched: Vec<Option<usize>> = vec![None; tracking.rows.len()];
    for (i, row) in tracking.rows.iter().enumerate() {
        let key = text_key(&row.text);
        if let Some(k) = old.iter().position(|o| text_key(&o.text) == key) {
            matched[i] = Some(k);
        }
    }
    let mut taken = vec![false; old.len()];
    for m in matched.iter_mut() {
        if let Some(k) = *m {
            if taken[k] {
                *m = None;
            } else {
                taken[k] = true;
            }
        }
    }
    for (i, row) in tracking.rows.iter().enumerate() {
        if matched[i].is_none() {
            let lead = unit_keys(&row.lead);
            matched[i] = old.iter().enumerate().position(|(k, o)| {
                !taken[k] && o.number == row.number && unit_keys(&o.lead) == lead
            });
            if let Some(k) = matched[i] {
                taken[k] = true;
            }
        }
    }
    for (position, row) in tracking.rows.iter().enumerate() {
        let (due_on, hour, minute, recurrence) = match row.schedule {
            Schedule::Due { on, hour, minute } => (Some(on), hour, minute, None),
            Schedule::Recurring { every, until } => (Some(until), None, None, Some(every)),
            Schedule::Open => (None, None, None, None),
        };
        let carried_from = matched[position].map(|k| old[k].id);
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        let id: TaskId = tx.one(
            "INSERT INTO tracked_tasks (plan_id, body_id, position, row_path, number, row_groups, \
             text, lead, cooperating, time_text, due_on, due_hour, due_minute, recurrence, \
             carried_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
             $15) RETURNING id",
            &[
                &plan,
                &body,
                &position,
                &row.path,
                &row.number,
                &Json(&row.groups),
                &row.text,
                &Json(&row.lead),
                &Json(&row.cooperating),
                &row.time,
                &due_on,
                &hour,
                &minute,
                &recurrence,
                &carried_from,
            ],
        )?;
        for (part, units) in [("lead", &row.lead), ("cooperating", &row.cooperating)] {
            for key in unit_keys(units) {
                tx.exec(
                    "INSERT INTO task_units (task_id, part, unit_key) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                    &[&id, &part, &key],
                )?;
            }
        }
        summary.created += 1;
        if let Some(from) = carried_from {
            let copied = tx.exec(
                "INSERT INTO task_reports (task_id, person_id, at, on_day, capacity, unit, \
                 percent, note, done, attachments, carried_from) \
                 SELECT CAST($1 AS BIGINT), person_id, at, on_day, capacity, unit, percent, note, done, \
                 attachments, id FROM task_reports WHERE task_id = $2 ORDER BY id",
                &[&id, &from],
            )?;
            summary.reports += usize::try_from(copied).unwrap_or(usize::MAX);
            summary.matched += 1;
            tx.exec(
                "UPDATE tracked_tasks SET state = 'carried' WHERE id = $1",
                &[&from],
            )?;
        }
    }
    for (k, o) in old.drain(..).enumerate() {
        if taken[k] {
            continue;
        }
        if o.reports > 0 {
            summary.kept += 1;
        } else {
            summary.withdrawn += 1;
            tx.exec(
                "UPDATE tracked_tasks SET state = 'withdrawn' WHERE id = $1",
                &[&o.id],
            )?;
        }
    }
    Ok(summary)
}

/// The plan of a task that is followed, locked until the transaction ends.
fn open_task(tx: &mut Tx<'_>, task: TaskId) -> Result<(DocumentId, String)> {
    let lock = tx.lock("tracked_tasks");
    let found: Option<(DocumentId, String)> = tx.opt(
        &format!(
            "SELECT plan_id, number FROM tracked_tasks WHERE id = $1 AND state = 'open'{lock}"
        ),
        &[&task],
    )?;
    found.ok_or(StoreError::NoTask(task))
}

impl Store {
    /// The tasks followed, with their status on `query.today`, overdue first, then by due day
    /// (tasks without one last), then in the order of their plans' tables. Read in three
    /// steps in one snapshot: the due days of the tasks the filter selects and what their
    /// reports say (small rows, every task), then, once statuses are computed and the list
    /// filtered, sorted and cut, the whole rows of those shown.
    pub fn tracked_tasks(&self, query: &TaskQuery) -> Result<Vec<TrackedTask>> {
        // Only the conditions asked for, so that each can use its index (an `… IS NULL OR …`
        // would read every row).
        let mut filter = "t.state = 'open'".to_owned();
        let mut params: Vec<&dyn Param> = Vec::new();
        if let Some(body) = &query.body {
            params.push(body);
            filter.push_str(&format!(" AND t.body_id = ${}", params.len()));
        }
        if let Some(plan) = &query.plan {
            params.push(plan);
            filter.push_str(&format!(" AND t.plan_id = ${}", params.len()));
        }
        if !query.units.is_empty() {
            let first = params.len() + 1;
            let marks: Vec<String> = (first..first + query.units.len())
                .map(|i| format!("${i}"))
                .collect();
            filter.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.id \
                 AND u.unit_key IN ({}))",
                marks.join(", ")
            ));
            params.extend(query.units.iter().map(|u| u as &dyn Param));
        }
        let today = query.today;
        self.snapshot(|tx| {
            let dues: Vec<TaskDue> = tx.all(
                &format!(
                    "SELECT t.id, t.due_on, t.due_hour, t.due_minute, t.recurrence \
                     FROM tracked_tasks t WHERE {filter}"
                ),
                &params,
            )?;
            let summaries = summaries(tx, &filter, &params)?;
            let mut chosen: Vec<(TaskId, Summary, Status, Option<NaiveDate>)> = dues
                .iter()
                .filter_map(|d| {
                    let summary = summaries.get(&d.id).copied().unwrap_or_default();
                    let schedule = d.when.schedule();
                    let status = tracking::status(&schedule, summary.progress(), today);
                    let wanted = (query.statuses.is_empty() || query.statuses.contains(&status))
                        && query.due_within.is_none_or(|days| {
                            tracking::due_within(&schedule, summary.progress(), today, days)
                        });
                    wanted.then_some((d.id, summary, status, schedule.due_day()))
                })
                .collect();
            chosen.sort_by_key(|(id, _, status, due)| {
                let rank = match status {
                    Status::Overdue => 0,
                    s if s.is_done() => 2,
                    _ => 1,
                };
                (rank, due.unwrap_or(NaiveDate::MAX), *id)
            });
            if let Some(limit) = query.limit {
                chosen.truncate(limit);
            }
            let mut rows: HashMap<TaskId, TaskRow> = if chosen.len() <= BY_ID {
                if chosen.is_empty() {
                    HashMap::new()
                } else {
                    let marks: Vec<String> = (1..=chosen.len()).map(|i| format!("${i}")).collect();
                    let ids: Vec<&dyn Param> =
                        chosen.iter().map(|(id, ..)| id as &dyn Param).collect();
                    let found: Vec<TaskRow> = tx.all(
                        &format!("{TASK_SELECT} WHERE t.id IN ({})", marks.join(", ")),
                        &ids,
                    )?;
                    found.into_iter().map(|r| (r.id, r)).collect()
                }
            } else {
                let found: Vec<TaskRow> =
                    tx.all(&format!("{TASK_SELECT} WHERE {filter}"), &params)?;
                found.into_iter().map(|r| (r.id, r)).collect()
            };
            Ok(chosen
                .into_iter()
                .filter_map(|(id, summary, ..)| rows.remove(&id).map(|r| r.on(summary, today)))
                .collect())
        })
    }

    /// One tracked task with its status on `today`, whether still followed or not.
    pub fn tracked_task(&self, id: TaskId, today: NaiveDate) -> Result<Option<TrackedTask>> {
        self.snapshot(|tx| {
            let row: Option<TaskRow> = tx.opt(&format!("{TASK_SELECT} WHERE t.id = $1"), &[&id])?;
            let summary = summaries(tx, "t.id = $1", &[&id])?
                .get(&id)
                .copied()
                .unwrap_or_default();
            Ok(row.map(|r| r.on(summary, today)))
        })
    }

    /// The reports on a task, oldest first (those carried over from a replaced plan included).
    pub fn task_reports(&self, task: TaskId) -> Result<Vec<TaskReport>> {
        self.all(
            &format!("{REPORT_SELECT} WHERE r.task_id = $1 ORDER BY r.id"),
            &[&task],
        )
    }

    /// Records a report on a task that is followed, with its audit row. Who may report, and
    /// for which unit, is the application's decision ([`NewReport::capacity`]).
    pub fn add_report(&mut self, report: &NewReport, stamp: &Stamp) -> Result<TaskReport> {
        if report.percent > 100 {
            return Err(StoreError::Database(format!(
                "tỷ lệ hoàn thành {} ngoài khoảng 0–100",
                report.percent
            )));
        }
        self.write(|tx| {
            let person = person_id(tx, &stamp.person)?;
            let (plan, number) = open_task(tx, report.task)?;
            let id: i64 = tx.one(
                "INSERT INTO task_reports (task_id, person_id, at, on_day, capacity, unit, \
                 percent, note, done, attachments) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                &[
                    &report.task,
                    &person,
                    &stamp.at,
                    &stamp.at.date_naive(),
                    &report.capacity,
                    &report.unit,
                    &report.percent,
                    &report.note,
                    &report.done,
                    &Json(&report.attachments),
                ],
            )?;
            let details = serde_json::json!({
                "task": report.task,
                "number": number,
                "capacity": report.capacity,
                "unit": report.unit,
                "percent": report.percent,
                "done": report.done,
                "note": report.note,
                "attachments": report.attachments,
            });
            append_audit(tx, stamp, "task-report", Some(plan), None, &details)?;
            tx.one(&format!("{REPORT_SELECT} WHERE r.id = $1"), &[&id])
        })
    }

    /// Assigns a person to follow an issued plan (Điều 24), with its audit row; the last
    /// assignment counts.
    pub fn assign_follower(
        &mut self,
        plan: DocumentId,
        login: &str,
        stamp: &Stamp,
    ) -> Result<Follower> {
        self.write(|tx| {
            let by = person_id(tx, &stamp.person)?;
            let person = person_id(tx, login)?;
            let doc = read_document(tx, plan, false)?.ok_or(StoreError::NoDocument(plan))?;
            super::expect_state(&doc, State::Issued, "giao theo dõi kế hoạch")?;
            tx.exec(
                "INSERT INTO plan_followers (plan_id, person_id, assigned_by, at) \
                 VALUES ($1, $2, $3, $4)",
                &[&plan, &person, &by, &stamp.at],
            )?;
            let details = serde_json::json!({ "follower": login });
            append_audit(tx, stamp, "follow-plan", Some(plan), None, &details)?;
            Ok(())
        })?;
        self.follower(plan)?.ok_or_else(|| {
            StoreError::Database("người theo dõi vừa giao không đọc lại được".into())
        })
    }

    /// The person assigned to follow a plan, when one was.
    pub fn follower(&self, plan: DocumentId) -> Result<Option<Follower>> {
        self.opt(
            "SELECT f.plan_id, p.login, p.name, b.login, f.at FROM plan_followers f \
             JOIN people p ON p.id = f.person_id JOIN people b ON b.id = f.assigned_by \
             WHERE f.plan_id = $1 ORDER BY f.id DESC LIMIT 1",
            &[&plan],
        )
    }
}
