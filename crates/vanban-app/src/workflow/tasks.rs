//! Following a plan until it is done (Điều 23, 24 and Phụ lục VI of the decree): the tracked
//! tasks an issue created (see [`Workflow::issue`]), the tracking screen's list by plan, unit
//! and status, one task with its history, the reports units make (who may, and why not), the
//! follower a head assigns, the reminders a person sees when the app opens, the báo cáo drafted
//! from what was reported, and the tracking table exported for a meeting (DOCX, PDF, CSV).
//!
//! Who may report on a task: the focal point (role "đầu mối của đơn vị") of one of its lead or
//! cooperating units, or the plan's follower. A cooperating unit reports its part; only a lead
//! unit or the follower closes the task.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use vanban_core::model::{
    BasisParagraph, Block, CalendarDate, LegalReference, ListItem, RecipientEntry, Section,
    SectionRole,
};
use vanban_core::tracking::{self, Schedule};
use vanban_core::validate::unit_key;
use vanban_core::{Document, DocumentType, RichText, format};
use vanban_render::fonts;
use vanban_render::pdf::{Created, PdfKind, Typesetter};
use vanban_render::tracking::{TrackingForm, TrackingRow};
use vanban_store::{
    Capacity, DocumentId, DocumentRecord, Event, NewReport, Person, ReportAttachment, Role, Stamp,
    State, Status, StoreError, TaskId, TaskQuery, TaskReport, TrackedTask,
};

use super::{Action, Result, Which, Workflow};
use crate::Error;

pub use vanban_store::Follower;

/// How many days ahead "due soon" looks.
pub const DUE_SOON_DAYS: u32 = 7;

/// Which tasks of the tracking screen, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "days", rename_all = "kebab-case")]
pub enum StatusFilter {
    /// Past their due day and not done.
    Overdue,
    /// Not done and due within this many days (7, 3, 1).
    DueSoon(u32),
    /// Done, on time or late.
    Done,
    /// Not done yet, whatever their due day.
    Open,
    /// Not done and without a due day.
    NoDeadline,
}

/// What the tracking screen lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// Only this plan's tasks.
    pub plan: Option<DocumentId>,
    /// Only the tasks of the unit with this abbreviation (lead or cooperating).
    pub unit: Option<String>,
    /// Only tasks in this status.
    pub status: Option<StatusFilter>,
    /// At most this many, after sorting (overdue first).
    pub limit: Option<usize>,
}

/// Who follows a plan: the person a head assigned, or else its drafter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanFollower {
    /// Login.
    pub login: String,
    /// Full name.
    pub name: String,
    /// True when a head assigned them; false for the drafter, who follows until then.
    pub assigned: bool,
}

/// One task with its history, as `vanban task ID` and the task's screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskDetail {
    /// The task and where it stands.
    pub task: TrackedTask,
    /// Every report, oldest first.
    pub reports: Vec<TaskReport>,
    /// Who follows the plan.
    pub follower: Option<PlanFollower>,
}

/// A report as a person fills it in, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportInput {
    /// How far the work is, 0–100 (anything else is refused, naming the field).
    pub percent: i64,
    /// What was done.
    pub note: String,
    /// Whether the task is done.
    pub done: bool,
    /// What the work produced (see [`file_attachment`] for a file).
    pub attachment: Option<ReportAttachment>,
}

/// What a person is reminded of when the app opens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reminders {
    /// Tasks of the plans they follow that are overdue or due within [`DUE_SOON_DAYS`].
    pub as_follower: Vec<TrackedTask>,
    /// Tasks of their unit that are overdue or due within [`DUE_SOON_DAYS`].
    pub for_unit: Vec<TrackedTask>,
}

/// The tracking table's file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackingFormat {
    /// A table to print, PDF.
    Pdf,
    /// A table to print, Word.
    Docx,
    /// A table for spreadsheets.
    Csv,
}

/// A file produced by the work, kept in a report by its name and SHA-256 (the file itself is
/// not copied into the database).
pub fn file_attachment(path: &Path) -> Result<ReportAttachment> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(ReportAttachment::File {
        name,
        sha256: vanban_store::audit::sha256_hex(&bytes),
    })
}

/// A day as the decree writes it in running text ("05/3/2025").
fn day_text(d: NaiveDate) -> String {
    format::numeric_date(CalendarDate::from(d))
}

/// What a task's due day is, in words, for people.
pub fn due_words(task: &TrackedTask) -> String {
    match task.schedule {
        Schedule::Open if task.time.is_empty() => "không ghi thời hạn".to_owned(),
        Schedule::Open => task.time.clone(),
        ref s => tracking::due_text(s),
    }
}

impl Workflow {
    /// The tracking screen: the tasks of the person's body's plans, by plan, unit and status,
    /// with their status on `today`, overdue first.
    pub fn tracked_tasks(
        &self,
        login: &str,
        filter: &TaskFilter,
        today: NaiveDate,
    ) -> Result<Vec<TrackedTask>> {
        let person = self.person_named(login)?;
        let mut query = TaskQuery::on(today);
        query.body = person.body;
        query.plan = filter.plan;
        query.limit = filter.limit;
        if let Some(abbreviation) = &filter.unit {
            query.units = self.unit_keys_of(&person, abbreviation)?;
        }
        match filter.status {
            None => {}
            Some(StatusFilter::Overdue) => query.statuses = vec![Status::Overdue],
            Some(StatusFilter::DueSoon(days)) => query.due_within = Some(days),
            Some(StatusFilter::Done) => query.statuses = vec![Status::DoneOnTime, Status::DoneLate],
            Some(StatusFilter::Open) => {
                query.statuses = vec![
                    Status::Overdue,
                    Status::NotStarted,
                    Status::InProgress,
                    Status::NoDeadline,
                ]
            }
            Some(StatusFilter::NoDeadline) => query.statuses = vec![Status::NoDeadline],
        }
        Ok(self.store.tracked_tasks(&query)?)
    }

    /// One task with its history and who follows its plan.
    pub fn tracked_task(&self, login: &str, id: TaskId, today: NaiveDate) -> Result<TaskDetail> {
        let person = self.person_named(login)?;
        let task = self
            .store
            .tracked_task(id, today)?
            .filter(|t| person.body.is_none_or(|b| b == t.body))
            .ok_or(StoreError::NoTask(id))?;
        Ok(TaskDetail {
            reports: self.store.task_reports(id)?,
            follower: self.plan_follower(task.plan)?,
            task,
        })
    }

    /// Who follows a plan: the person last assigned by a head, or else the plan's drafter.
    pub fn plan_follower(&self, plan: DocumentId) -> Result<Option<PlanFollower>> {
        if let Some(f) = self.store.follower(plan)? {
            return Ok(Some(PlanFollower {
                login: f.login,
                name: f.name,
                assigned: true,
            }));
        }
        let Some(record) = self.store.document(plan)? else {
            return Ok(None);
        };
        Ok(self
            .store
            .people()?
            .into_iter()
            .find(|p| p.id == record.owner)
            .map(|p| PlanFollower {
                login: p.login,
                name: p.name,
                assigned: false,
            }))
    }

    /// Assigns a person of the plan's body to follow an issued plan (Điều 24): done by a head
    /// (a reviewer or signer of that body).
    pub fn assign_follower(
        &mut self,
        stamp: &Stamp,
        plan: DocumentId,
        login: &str,
    ) -> Result<Follower> {
        let person = self.actor(stamp)?;
        let record = self.loaded(plan)?;
        let action = "giao người theo dõi kế hoạch";
        let refuse = |reason: String| Error::NotAllowed {
            person: person.login.clone(),
            action,
            reason,
        };
        if person.body != Some(record.body) {
            return Err(refuse(
                "người này không thuộc cơ quan ban hành kế hoạch".into(),
            ));
        }
        if !person.has(Role::Reviewer) && !person.has(Role::Signer) {
            return Err(refuse(
                "chỉ lãnh đạo (người duyệt hoặc người ký) mới giao người theo dõi".into(),
            ));
        }
        if record.state != State::Issued {
            return Err(Error::WrongState {
                document: plan,
                action,
                state: record.state,
                allowed: "đã ban hành",
            });
        }
        let follower = self.person_named(login)?;
        if follower.body != Some(record.body) {
            return Err(refuse(format!(
                "{} không thuộc cơ quan ban hành kế hoạch",
                follower.name
            )));
        }
        Ok(self.store.assign_follower(plan, login, stamp)?)
    }

    /// Why `person` may report on `task`: for which unit (a lead or cooperating unit whose focal
    /// point they are), or as the plan's follower; refused with the reason otherwise.
    pub fn may_report(
        &self,
        person: &Person,
        task: &TrackedTask,
    ) -> Result<(Capacity, Option<String>)> {
        let refuse = |reason: String| Error::MayNotReport {
            person: person.login.clone(),
            task: task.number.clone(),
            plan: task.plan_number.clone(),
            reason,
        };
        let follower = self.plan_follower(task.plan)?;
        let is_follower = follower.as_ref().is_some_and(|f| f.login == person.login);
        let mine = match person.body {
            Some(b) if b == task.body => self.own_unit_keys(person)?,
            _ => Vec::new(),
        };
        let find = |units: &[String]| -> Option<String> {
            units.iter().find(|u| mine.contains(&unit_key(u))).cloned()
        };
        let part = match (find(&task.lead), find(&task.cooperating)) {
            (Some(unit), _) => Some((Capacity::Lead, unit)),
            (None, Some(unit)) => Some((Capacity::Cooperating, unit)),
            (None, None) => None,
        };
        match part {
            Some((capacity, unit)) if person.has(Role::FocalPoint) => Ok((capacity, Some(unit))),
            _ if is_follower => Ok((Capacity::Follower, None)),
            Some((capacity, unit)) => Err(refuse(format!(
                "{} thuộc {unit} ({}) nhưng không phải đầu mối của đơn vị; quản trị cần giao vai trò “{}” trong danh bạ",
                person.name,
                capacity.label(),
                Role::FocalPoint.label()
            ))),
            None => {
                let unit = person
                    .unit
                    .clone()
                    .unwrap_or_else(|| "chưa thuộc đơn vị nào".to_owned());
                let follower = match follower {
                    Some(f) => format!("người theo dõi kế hoạch là {}", f.name),
                    None => "kế hoạch chưa có người theo dõi".to_owned(),
                };
                Err(refuse(format!(
                    "{} ({unit}) không thuộc đơn vị chủ trì ({}) hay đơn vị phối hợp ({}) của nhiệm vụ, và không phải người theo dõi ({follower})",
                    person.name,
                    list_or_none(&task.lead),
                    list_or_none(&task.cooperating),
                )))
            }
        }
    }

    /// Why the person with `login` may report on `task` (see [`Workflow::may_report`]): what a
    /// task's screen shows before the person fills in a report.
    pub fn may_report_as(
        &self,
        login: &str,
        task: &TrackedTask,
    ) -> Result<(Capacity, Option<String>)> {
        self.may_report(&self.person_named(login)?, task)
    }

    /// Records a report on a task: how far it is, what was done, optionally what it produced
    /// and that it is done. Refused, saying why, for someone who may not report on it
    /// ([`Workflow::may_report`]), and for a field that cannot be used (the field is named).
    pub fn report_task(
        &mut self,
        stamp: &Stamp,
        id: TaskId,
        input: &ReportInput,
    ) -> Result<TaskReport> {
        let person = self.actor(stamp)?;
        let today = stamp.at.date_naive();
        let task = self
            .store
            .tracked_task(id, today)?
            .ok_or(StoreError::NoTask(id))?;
        let (capacity, unit) = self.may_report(&person, &task)?;
        let percent = u8::try_from(input.percent)
            .ok()
            .filter(|p| *p <= 100)
            .ok_or_else(|| Error::BadReport {
                field: "percent",
                reason: format!(
                    "tỷ lệ hoàn thành phải từ 0 đến 100, không phải {}",
                    input.percent
                ),
            })?;
        let note = vanban_core::text::to_nfc(input.note.trim());
        if note.is_empty() {
            return Err(Error::BadReport {
                field: "note",
                reason: "cần ghi nội dung đã thực hiện".into(),
            });
        }
        if input.done && capacity == Capacity::Cooperating {
            return Err(Error::MayNotReport {
                person: person.login.clone(),
                task: task.number.clone(),
                plan: task.plan_number.clone(),
                reason: "đơn vị phối hợp báo cáo phần việc của mình; chỉ đơn vị chủ trì hoặc người theo dõi kế hoạch mới xác nhận hoàn thành".into(),
            });
        }
        let attachments = match &input.attachment {
            None => Vec::new(),
            Some(ReportAttachment::Document { id }) => {
                if self.store.document(*id)?.is_none() {
                    return Err(Error::BadReport {
                        field: "document",
                        reason: format!("không có văn bản số hiệu {id} trong cơ sở dữ liệu"),
                    });
                }
                vec![ReportAttachment::Document { id: *id }]
            }
            Some(ReportAttachment::Reference { number_symbol }) => {
                let ns = number_symbol.trim();
                let readable = ns.split_once('/').is_some_and(|(n, s)| {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !s.trim().is_empty()
                });
                if !readable {
                    return Err(Error::BadReport {
                        field: "ref",
                        reason: format!(
                            "“{ns}” không phải số và ký hiệu văn bản (viết như 123/UBND-VX)"
                        ),
                    });
                }
                vec![ReportAttachment::Reference {
                    number_symbol: ns.to_owned(),
                }]
            }
            Some(file) => vec![file.clone()],
        };
        Ok(self.store.add_report(
            &NewReport {
                task: id,
                capacity,
                unit,
                percent,
                note,
                done: input.done,
                attachments,
            },
            stamp,
        )?)
    }

    /// What a person is reminded of when the app opens: the tasks of the plans they follow,
    /// and of their unit, that are overdue or due within [`DUE_SOON_DAYS`] days.
    pub fn reminders(&self, login: &str, today: NaiveDate) -> Result<Reminders> {
        let person = self.person_named(login)?;
        let pressing = |t: &TrackedTask| {
            t.status == Status::Overdue
                || tracking::due_within(
                    &t.schedule,
                    tracking::Progress {
                        reported: t.reports > 0,
                        done_on: t.done_on,
                    },
                    today,
                    DUE_SOON_DAYS,
                )
        };
        let mut query = TaskQuery::on(today);
        query.body = person.body;
        let mut out = Reminders::default();
        let mut followed = std::collections::HashMap::new();
        for t in self.store.tracked_tasks(&query)? {
            if !pressing(&t) {
                continue;
            }
            let follows = match followed.get(&t.plan) {
                Some(f) => *f,
                None => {
                    let f = self
                        .plan_follower(t.plan)?
                        .is_some_and(|f| f.login == person.login);
                    followed.insert(t.plan, f);
                    f
                }
            };
            if follows {
                out.as_follower.push(t);
            }
        }
        let mine = self.own_unit_keys(&person)?;
        if !mine.is_empty() {
            query.units = mine;
            out.for_unit = (self.store.tracked_tasks(&query)?.into_iter())
                .filter(|t| pressing(t))
                .collect();
        }
        Ok(out)
    }

    /// Drafts "Báo cáo kết quả thực hiện Kế hoạch số …" as a new báo cáo of the acting person's
    /// body, from what was reported: per part of the plan what was done and by whom, what is
    /// late and why, what remains. The drafter completes it, and it is reviewed, signed and
    /// issued like any document.
    pub fn draft_plan_report(&mut self, stamp: &Stamp, plan: DocumentId) -> Result<DocumentRecord> {
        let person = self.actor(stamp)?;
        self.may_act(&person, Action::Create, None)?;
        let today = stamp.at.date_naive();
        let (record, _, plan_doc) = self.load_document(plan, Which::Issued)?;
        let mut query = TaskQuery::on(today);
        query.plan = Some(plan);
        if person.body != Some(record.body) {
            return Err(Error::NotAllowed {
                person: person.login.clone(),
                action: "soạn báo cáo kết quả thực hiện kế hoạch",
                reason: "người này không thuộc cơ quan ban hành kế hoạch".into(),
            });
        }
        let mut tasks = self.store.tracked_tasks(&query)?;
        if tasks.is_empty() {
            return Err(Error::NoTrackedTasks(plan));
        }
        let order = tracking::tracked_rows(&plan_doc, tasks[0].plan_issued_on.year());
        let place = |t: &TrackedTask| order.iter().position(|r| r.path == t.row_path);
        tasks.sort_by_key(place);
        let mut reports = Vec::new();
        for t in &tasks {
            reports.push(self.store.task_reports(t.id)?);
        }
        let mut doc = crate::templates::shipped("bao-cao-ket-qua-thuc-hien-ke-hoach")
            .map(|t| t.document())
            .unwrap_or_else(|| crate::new_document(DocumentType::BaoCao));
        let unit = self.unit_abbreviation(&person)?;
        let org = self.organisation(&stamp.person, today, unit)?;
        crate::templates::fill(&mut doc, &org);
        fill_report(&mut doc, &plan_doc, &tasks, &reports);
        self.create(stamp, &doc)
    }

    /// The tracking table of one plan on `today`, as the printed form shows it.
    pub fn tracking_form(
        &self,
        login: &str,
        plan: DocumentId,
        today: NaiveDate,
    ) -> Result<TrackingForm> {
        let filter = TaskFilter {
            plan: Some(plan),
            ..TaskFilter::default()
        };
        let mut tasks = self.tracked_tasks(login, &filter, today)?;
        if tasks.is_empty() {
            return Err(Error::NoTrackedTasks(plan));
        }
        let (record, _, plan_doc) = self.load_document(plan, Which::Issued)?;
        let order = tracking::tracked_rows(&plan_doc, tasks[0].plan_issued_on.year());
        tasks.sort_by_key(|t| order.iter().position(|r| r.path == t.row_path));
        let body = self
            .store
            .body(record.body)?
            .map(|b| b.name)
            .unwrap_or_default();
        let mut rows = Vec::new();
        let mut shown: Vec<String> = Vec::new();
        for t in &tasks {
            for g in &t.groups {
                if !shown.contains(&g.number) {
                    shown.push(g.number.clone());
                    rows.push(TrackingRow {
                        group: true,
                        number: g.number.clone(),
                        task: g.title.clone(),
                        ..TrackingRow::default()
                    });
                }
            }
            let last = self.store.task_reports(t.id)?.pop();
            rows.push(TrackingRow {
                group: false,
                number: t.number.clone(),
                task: t.text.clone(),
                lead: t.lead.join(";\n"),
                cooperating: t.cooperating.join(";\n"),
                due: due_words(t),
                progress: format!("{}%", t.percent),
                status: t.status.label().to_owned(),
                last_report: last.map(|r| report_line(&r)).unwrap_or_default(),
            });
        }
        Ok(TrackingForm {
            body,
            plan: plan_line(&tasks[0], &plan_doc),
            as_of: format!("(Tình hình đến ngày {})", day_text(today)),
            rows,
        })
    }

    /// Writes the tracking table of a plan to `path` — a printed table (PDF or DOCX, with the
    /// body's style profile) or CSV — atomically, and records it in the audit record.
    pub fn export_tracking(
        &mut self,
        stamp: &Stamp,
        plan: DocumentId,
        path: &Path,
        format: TrackingFormat,
        created: Created,
    ) -> Result<()> {
        let today = stamp.at.date_naive();
        let form = self.tracking_form(&stamp.person, plan, today)?;
        let bytes = match format {
            TrackingFormat::Csv => tracking_csv(&form).into_bytes(),
            TrackingFormat::Docx | TrackingFormat::Pdf => {
                let sheet = self.style_sheet(stamp)?;
                let layout = vanban_render::tracking::layout(&form, &sheet);
                if format == TrackingFormat::Docx {
                    vanban_render::docx::write(&layout, &sheet)?
                } else {
                    let title = format!("Theo dõi thực hiện {}", form.plan);
                    Typesetter::new(fonts::liberation_serif())?.pdf(
                        &layout,
                        &sheet,
                        &title,
                        PdfKind::Standard,
                        Some(created),
                    )?
                }
            }
        };
        crate::write_atomic(path, &bytes)?;
        self.store.record_event(
            &Event {
                action: "tracking-export".into(),
                document: Some(plan),
                revision_hash: None,
                details: serde_json::json!({ "target": path.display().to_string() }),
            },
            stamp,
        )?;
        Ok(())
    }

    /// A person by login, who must be in the directory.
    fn person_named(&self, login: &str) -> Result<Person> {
        self.store
            .person(login)?
            .ok_or_else(|| Error::UnknownUser(login.to_owned()))
    }

    /// The keys a unit of the person's body is found by in tasks: its name and abbreviation.
    fn unit_keys_of(&self, person: &Person, abbreviation: &str) -> Result<Vec<String>> {
        let units = match person.body {
            Some(body) => self.store.units(body)?,
            None => Vec::new(),
        };
        let wanted = abbreviation.trim().to_lowercase();
        match units
            .iter()
            .find(|u| u.abbreviation.to_lowercase() == wanted)
        {
            Some(u) => Ok(vec![unit_key(&u.name), unit_key(&u.abbreviation)]),
            None => Err(Error::UnknownUnit {
                abbreviation: abbreviation.to_owned(),
                known: if units.is_empty() {
                    "chưa có".to_owned()
                } else {
                    (units.iter())
                        .map(|u| format!("{} ({})", u.abbreviation, u.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            }),
        }
    }

    /// The keys the person's own unit is found by in tasks (none without a unit).
    fn own_unit_keys(&self, person: &Person) -> Result<Vec<String>> {
        let (Some(body), Some(unit)) = (person.body, person.unit.as_deref()) else {
            return Ok(Vec::new());
        };
        let found = (self.store.units(body)?.into_iter())
            .find(|u| u.name == unit || u.abbreviation == unit);
        Ok(match found {
            Some(u) => vec![unit_key(&u.name), unit_key(&u.abbreviation)],
            None => vec![unit_key(unit)],
        })
    }
}

fn list_or_none(units: &[String]) -> String {
    if units.is_empty() {
        "không có".to_owned()
    } else {
        units.join("; ")
    }
}

/// "Kế hoạch số 01/KH-UBND ngày 05/3/2025 về tuyên truyền …".
fn plan_line(task: &TrackedTask, plan: &Document) -> String {
    format!(
        "{} số {} ngày {} về {}",
        plan.doc_type.info().name,
        task.plan_number,
        day_text(task.plan_issued_on),
        lower_first(&task.plan_subject.replace('\n', " "))
    )
}

fn lower_first(s: &str) -> String {
    let mut chars = s.trim().chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A report in one line: the day, who for which unit, how far, what was done.
fn report_line(r: &TaskReport) -> String {
    let who = match &r.unit {
        Some(unit) => format!("{unit} ({})", r.person_name),
        None => format!("{} (người theo dõi)", r.person_name),
    };
    let mut line = format!(
        "Ngày {}, {who}: {}",
        day_text(r.on_day),
        r.note.trim_end_matches('.')
    );
    line.push_str(&format!(" ({}%", r.percent));
    if r.done {
        line.push_str(", đã hoàn thành");
    }
    line.push(')');
    for a in &r.attachments {
        line.push_str(&match a {
            ReportAttachment::Document { id } => format!("; kèm văn bản số hiệu {id}"),
            ReportAttachment::File { name, .. } => format!("; kèm tệp {name}"),
            ReportAttachment::Reference { number_symbol } => {
                format!("; kèm văn bản số {number_symbol}")
            }
        });
    }
    line.push('.');
    line
}

/// The tracking table as CSV: UTF-8 with a byte-order mark (for Excel), the plan on each line.
pub fn tracking_csv(form: &TrackingForm) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: &[&str], out: &mut String| {
        let quoted: Vec<String> = cells.iter().map(|c| super::register::csv_cell(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    let mut header = vec!["Văn bản"];
    header.extend(vanban_render::tracking::COLUMNS);
    line(&header, &mut out);
    for row in form.rows.iter().filter(|r| !r.group) {
        let mut cells = vec![form.plan.as_str()];
        cells.extend(row.cells());
        line(&cells, &mut out);
    }
    out
}

fn item(text: String, items: Vec<ListItem>) -> ListItem {
    ListItem {
        text: RichText::plain(text),
        items_marker: None,
        items,
    }
}

fn list(items: Vec<ListItem>) -> Block {
    Block::List {
        marker: None,
        start: None,
        items,
    }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph {
        text: RichText::plain(text),
    }
}

/// The first line of a task's text, as a report names it.
fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default().trim();
    first
        .trim_start_matches(['-', '+', ' '])
        .trim_end_matches(['.', ';'])
        .to_owned()
}

/// Fills the template of the báo cáo with the plan's tracked data.
fn fill_report(
    doc: &mut Document,
    plan: &Document,
    tasks: &[TrackedTask],
    reports: &[Vec<TaskReport>],
) {
    let first = &tasks[0];
    let type_name = plan.doc_type.info().name;
    let issuer = (plan.header.issuing_body.short_name.clone())
        .unwrap_or_else(|| plan.header.issuing_body.name.replace('\n', " "));
    let subject = lower_first(&first.plan_subject.replace('\n', " "));
    doc.subject = format!(
        "Kết quả thực hiện {type_name} số {} ngày {} của {issuer} về {subject}",
        first.plan_number,
        day_text(first.plan_issued_on)
    );
    let reporter = doc
        .header
        .issuing_body
        .short_name
        .clone()
        .unwrap_or_else(|| doc.header.issuing_body.name.replace('\n', " "));
    doc.legal_basis.paragraphs = vec![BasisParagraph {
        lead: "Thực hiện".into(),
        groups: vec![vec![LegalReference {
            doc_type: type_name.to_owned(),
            number: Some(first.plan_number.clone()),
            date: Some(CalendarDate::from(first.plan_issued_on)),
            issuer: Some(issuer.clone()),
            subject: Some(format!("về {subject}")),
        }]],
        text: None,
    }];
    doc.legal_basis.closing_clause = Some(RichText::plain(format!(
        "{reporter} báo cáo kết quả thực hiện như sau:"
    )));

    // I. What was done, part by part of the plan.
    let mut parts: Vec<(String, Vec<ListItem>)> = Vec::new();
    for (t, rs) in tasks.iter().zip(reports) {
        let part = match t.groups.first() {
            Some(g) => g.title.clone(),
            None => format!("Các nhiệm vụ của {type_name}"),
        };
        let mut lines: Vec<ListItem> = rs
            .iter()
            .map(|r| item(report_line(r), Vec::new()))
            .collect();
        if lines.is_empty() {
            lines.push(item("Chưa có báo cáo của đơn vị.".into(), Vec::new()));
        }
        let head = format!(
            "Nhiệm vụ {}: {} (chủ trì: {}; thời hạn: {}; tình trạng: {}, {}%):",
            t.number,
            short(&t.text),
            list_or_none(&t.lead),
            due_words(t),
            t.status.label().to_lowercase(),
            t.percent
        );
        match parts.iter_mut().find(|(p, _)| *p == part) {
            Some((_, items)) => items.push(item(head, lines)),
            None => parts.push((part, vec![item(head, lines)])),
        }
    }
    let mut done = Section::new(RichText::plain("KẾT QUẢ THỰC HIỆN"));
    done.role = Some(SectionRole::Content);
    done.subsections = parts
        .into_iter()
        .map(|(title, items)| {
            let mut s = Section::new(RichText::plain(title));
            s.blocks = vec![list(items)];
            s
        })
        .collect();

    // II. What is late, and why (the last word of its units).
    let mut late = Vec::new();
    for (t, rs) in tasks.iter().zip(reports) {
        let why = match rs.last() {
            Some(r) => format!("báo cáo gần nhất: {}", report_line(r)),
            None => "đơn vị chưa báo cáo.".to_owned(),
        };
        match (t.status, t.schedule.due_day()) {
            (Status::Overdue, Some(due)) => late.push(item(
                format!(
                    "Nhiệm vụ {} ({}) quá hạn từ ngày {}; {why}",
                    t.number,
                    list_or_none(&t.lead),
                    day_text(due.succ_opt().unwrap_or(due))
                ),
                Vec::new(),
            )),
            (Status::DoneLate, Some(due)) => late.push(item(
                format!(
                    "Nhiệm vụ {} ({}) hoàn thành ngày {}, chậm so với thời hạn {}.",
                    t.number,
                    list_or_none(&t.lead),
                    t.done_on.map(day_text).unwrap_or_default(),
                    day_text(due)
                ),
                Vec::new(),
            )),
            _ => {}
        }
    }
    let mut problems = Section::new(RichText::plain("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
    problems.blocks = vec![if late.is_empty() {
        paragraph("Không có nhiệm vụ quá hạn.".into())
    } else {
        list(late)
    }];

    // III. What remains.
    let remaining: Vec<ListItem> = tasks
        .iter()
        .filter(|t| !t.status.is_done())
        .map(|t| {
            item(
                format!(
                    "Tiếp tục thực hiện nhiệm vụ {}: {} (thời hạn: {}).",
                    t.number,
                    short(&t.text),
                    due_words(t)
                ),
                Vec::new(),
            )
        })
        .collect();
    let mut next = Section::new(RichText::plain("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"));
    next.blocks = vec![if remaining.is_empty() {
        paragraph(format!("Các nhiệm vụ của {type_name} đã hoàn thành."))
    } else {
        list(remaining)
    }];

    // IV. Left to the drafter: a blank, which the checks flag until it is written.
    let mut asks = Section::new(RichText::plain("KIẾN NGHỊ, ĐỀ XUẤT"));
    asks.blocks = vec![paragraph("…".into())];

    doc.body.blocks.clear();
    doc.body.after.clear();
    doc.body.sections = vec![done, problems, next, asks];
    doc.tasks.clear();
    doc.closing = RichText::plain(format!(
        "Trên đây là báo cáo kết quả thực hiện {type_name} số {} của {issuer}./.",
        first.plan_number
    ));
    // The báo cáo goes to whom the plan reported to ("b/c").
    let reported_to =
        |r: &vanban_core::model::Recipient| r.note.as_deref().is_some_and(|n| n.trim() == "b/c");
    let mut to = Vec::new();
    for entry in &plan.recipients.entries {
        match entry {
            RecipientEntry::Single(r) if reported_to(r) => {
                to.push(RecipientEntry::Single(r.clone()))
            }
            RecipientEntry::Group(g) => to.extend(
                (g.members.iter())
                    .filter(|r| reported_to(r))
                    .map(|r| RecipientEntry::Single(r.clone())),
            ),
            RecipientEntry::Single(_) => {}
        }
    }
    if to.is_empty() {
        // A plan that reported to nobody: the báo cáo goes to the body that issued it.
        to.push(RecipientEntry::Single(vanban_core::model::Recipient {
            name: issuer,
            note: Some("b/c".into()),
            includes: Vec::new(),
        }));
    }
    doc.recipients.entries = to;
}
