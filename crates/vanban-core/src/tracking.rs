//! Following a plan once it is issued: what each task row asks for and by when, and where it
//! stands. Every row of a document's task table becomes a [`TrackedRow`] with its number as
//! printed ("2.3", from [`crate::numbering::walk_tasks`]), its units and its [`Schedule`]: a due
//! day, a recurrence up to the plan's end, or no due day at all. The [`Status`] of a task is
//! computed from its schedule, its reports and the day asked about; it is never stored.
//!
//! Pure: "today" is an argument, like everything else.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::fold::fold;
use crate::format;
use crate::model::{Document, Frequency, TaskNode, TaskTime};
use crate::numbering;

/// When a task is due, as its time gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Schedule {
    /// Due on a day (the last day of a quarter or month for a period), before an hour when the
    /// time names one.
    Due {
        /// The last day.
        on: NaiveDate,
        /// The hour of a deadline ("trước 17h00"), 0–23.
        hour: Option<u8>,
        /// The minute of a deadline.
        minute: Option<u8>,
    },
    /// Done again and again ("Thường xuyên", "Hàng tuần") until the plan's end.
    Recurring {
        /// How often.
        every: Frequency,
        /// The plan's end: the horizon the task is followed up to.
        until: NaiveDate,
    },
    /// A time that names no day ("Theo chỉ đạo của UBND tỉnh"): listed without a due day.
    Open,
}

impl Schedule {
    /// The day after which the task is late: the due day, or a recurring task's horizon.
    pub fn due_day(&self) -> Option<NaiveDate> {
        match self {
            Schedule::Due { on, .. } => Some(*on),
            Schedule::Recurring { until, .. } => Some(*until),
            Schedule::Open => None,
        }
    }
}

/// The schedule a task's time gives. `plan_year` is the year of the plan (a quarter without a
/// year is one of it), `horizon` the plan's end (see [`plan_end`]).
pub fn schedule(time: Option<&TaskTime>, plan_year: i32, horizon: NaiveDate) -> Schedule {
    let due = |on: Option<NaiveDate>| match on {
        Some(on) => Schedule::Due {
            on,
            hour: None,
            minute: None,
        },
        None => Schedule::Open,
    };
    match time {
        None => Schedule::Open,
        Some(TaskTime::Date { date }) => due(date.to_naive()),
        Some(TaskTime::Deadline { date, hour, minute }) => match date.to_naive() {
            Some(on) => Schedule::Due {
                on,
                hour: hour.filter(|h| *h < 24),
                minute: hour.and(minute.filter(|m| *m < 60)),
            },
            None => Schedule::Open,
        },
        Some(TaskTime::Quarters { to, year, .. }) => {
            due(quarter_end(year.unwrap_or(plan_year), *to))
        }
        Some(TaskTime::Months {
            to_month, to_year, ..
        }) => due(month_end(*to_year, *to_month)),
        Some(TaskTime::Frequency { every }) => Schedule::Recurring {
            every: *every,
            until: horizon,
        },
        Some(TaskTime::Text { text }) => text_schedule(text, plan_year, horizon),
    }
}

/// The plan's end, the horizon of its recurring tasks: the last day of the plan's year, or the
/// last due day of its tasks when one falls later (a plan whose tasks run into the next year
/// says so through them).
pub fn plan_end(doc: &Document, plan_year: i32) -> NaiveDate {
    let year_end = month_end(plan_year, 12).unwrap_or(NaiveDate::MAX);
    let mut end = year_end;
    numbering::walk_tasks(&doc.tasks, &mut |_, node| {
        if let TaskNode::Task(t) = node
            && let Schedule::Due { on, .. } = schedule(t.time.as_ref(), plan_year, year_end)
            && on > end
        {
            end = on;
        }
    });
    end
}

/// The last day of a quarter (1–4) of a year.
pub fn quarter_end(year: i32, quarter: u8) -> Option<NaiveDate> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    month_end(year, quarter * 3)
}

/// The last day of a month (1–12) of a year.
pub fn month_end(year: i32, month: u8) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, u32::from(month), 1)?;
    first.checked_add_months(chrono::Months::new(1))?.pred_opt()
}

/// A time written as text that still names a day: the latest day it names ("Trước
/// 30/6/2025", "ngày 15 tháng 7 năm 2025", "Quý III năm 2025", "Quý II/2025", "Tháng 8/2025",
/// "Năm 2025"); else a recurrence when it says how often ("Thường xuyên", "Hằng tháng"); else
/// no due day.
fn text_schedule(text: &str, plan_year: i32, horizon: NaiveDate) -> Schedule {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-' || c == '.'))
        .map(|w| w.trim_matches(['.', '-']))
        .filter(|w| !w.is_empty())
        .collect();
    let mut latest: Option<NaiveDate> = None;
    let mut found = |d: Option<NaiveDate>| {
        if let Some(d) = d {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
    };
    let year_after = |i: usize| -> Option<i32> {
        // "… năm 2025" or "… /2025" written as its own word.
        match (words.get(i), words.get(i + 1)) {
            (Some(&"nam"), Some(y)) => year(y),
            _ => None,
        }
    };
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if let Some(parts) = numeric_parts(w) {
            match parts.as_slice() {
                [d, m, y] if *y >= 1000 => found(day(*y, *m, *d)),
                [m, y] if *y >= 1000 => found(month(*y, *m)),
                _ => {}
            }
            i += 1;
            continue;
        }
        match w {
            "ngay" => {
                // "ngày 15 tháng 7 năm 2025"
                if let (Some(d), Some(&"thang"), Some(m)) = (
                    number(words.get(i + 1)),
                    words.get(i + 2),
                    number(words.get(i + 3)),
                ) {
                    let y = year_after(i + 4);
                    found(day(i64::from(y.unwrap_or(plan_year)), m, d));
                    i += if y.is_some() { 6 } else { 4 };
                    continue;
                }
            }
            "thang" => {
                if let Some(next) = words.get(i + 1) {
                    let mut used = 2;
                    match numeric_parts(next).as_deref() {
                        Some([m, y]) if *y >= 1000 => found(month(*y, *m)),
                        Some([m]) => {
                            let y = year_after(i + 2);
                            if y.is_some() {
                                used = 4;
                            }
                            found(month(i64::from(y.unwrap_or(plan_year)), *m));
                        }
                        _ => {}
                    }
                    i += used;
                    continue;
                }
            }
            "quy" => {
                if let Some(next) = words.get(i + 1) {
                    let (q, y, used) = match next.split_once('/') {
                        Some((q, y)) => (quarter_number(q), year(y), 2),
                        None => match year_after(i + 2) {
                            Some(y) => (quarter_number(next), Some(y), 4),
                            None => (quarter_number(next), None, 2),
                        },
                    };
                    if let Some(q) = q {
                        found(quarter_end(y.unwrap_or(plan_year), q));
                        i += used;
                        continue;
                    }
                }
            }
            "nam" => {
                if let Some(y) = words.get(i + 1).and_then(|y| year(y)) {
                    found(month_end(y, 12));
                    i += 2;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(on) = latest {
        return Schedule::Due {
            on,
            hour: None,
            minute: None,
        };
    }
    match recurrence_in(&folded) {
        Some(every) => Schedule::Recurring {
            every,
            until: horizon,
        },
        None => Schedule::Open,
    }
}

/// The last day of a month written as numbers, when they name one.
fn month(y: i64, m: i64) -> Option<NaiveDate> {
    month_end(i32::try_from(y).ok()?, u8::try_from(m).ok()?)
}

/// "30/6/2025" → [30, 6, 2025]; "6/2025" → [6, 2025]; "7" → [7]; words with letters → None.
fn numeric_parts(w: &str) -> Option<Vec<i64>> {
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect()
}

fn number(w: Option<&&str>) -> Option<i64> {
    match numeric_parts(w?)?.as_slice() {
        [n] => Some(*n),
        _ => None,
    }
}

fn year(w: &str) -> Option<i32> {
    match numeric_parts(w)?.as_slice() {
        [y] if (1000..=9999).contains(y) => Some(*y as i32),
        _ => None,
    }
}

fn day(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )
}

/// "ii" or "2" → 2.
fn quarter_number(w: &str) -> Option<u8> {
    match w {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// How often, when folded text says it: "thuong xuyen", "dinh ky", or "hang"/"hằng" before
/// ngày, tuần, tháng, quý, năm (as words, not inside others: "tháng" holds no "hàng").
fn recurrence_in(folded: &str) -> Option<Frequency> {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let every = match (pair[0], pair[1]) {
            ("thuong", "xuyen") | ("dinh", "ky") => Frequency::Continuous,
            ("hang", "ngay") => Frequency::Daily,
            ("hang", "tuan") => Frequency::Weekly,
            ("hang", "thang") => Frequency::Monthly,
            ("hang", "quy") => Frequency::Quarterly,
            ("hang", "nam") => Frequency::Yearly,
            _ => continue,
        };
        return Some(every);
    }
    None
}

/// One group heading above a task row, as printed: "2" and its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowGroup {
    /// Its number ("2", "2.1").
    pub number: String,
    /// Its title.
    pub title: String,
}

/// A task row of an issued document, as it is followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedRow {
    /// Where the row is in the document ("tasks[1].tasks[2]"): the field path of the model.
    pub path: String,
    /// The number printed in the table ("2.3"); a row continuing the one above shares its
    /// number.
    pub number: String,
    /// The groups it is in, outermost first.
    pub groups: Vec<RowGroup>,
    /// What is to be done, its paragraphs one a line.
    pub text: String,
    /// Đơn vị chủ trì, as written.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp, as written.
    pub cooperating: Vec<String>,
    /// The time as the table prints it ("Quý I đến Quý IV").
    pub time: String,
    /// When it is due.
    pub schedule: Schedule,
}

/// Every task row of a document, in the order of the table, with the numbers the table prints
/// (the numbering of [`numbering::walk_tasks`]). Groups are not rows: they are each row's
/// [`TrackedRow::groups`]. `plan_year` is the year of the issue.
pub fn tracked_rows(doc: &Document, plan_year: i32) -> Vec<TrackedRow> {
    let horizon = plan_end(doc, plan_year);
    // The field path and depth of every node, in the order walk_tasks visits them.
    let mut places: Vec<(String, usize)> = Vec::new();
    fn place(nodes: &[TaskNode], prefix: &str, depth: usize, out: &mut Vec<(String, usize)>) {
        for (i, node) in nodes.iter().enumerate() {
            let path = if prefix.is_empty() {
                format!("tasks[{i}]")
            } else {
                format!("{prefix}.tasks[{i}]")
            };
            out.push((path.clone(), depth));
            if let TaskNode::Group { tasks, .. } = node {
                place(tasks, &path, depth + 1, out);
            }
        }
    }
    place(&doc.tasks, "", 1, &mut places);
    let mut places = places.into_iter();
    let mut rows = Vec::new();
    let mut groups: Vec<(usize, RowGroup)> = Vec::new();
    let mut last_number = String::new();
    numbering::walk_tasks(&doc.tasks, &mut |path, node| {
        let (field_path, depth) = places.next().unwrap_or_default();
        groups.retain(|(d, _)| *d < depth);
        let number = match path {
            Some(p) => numbering::task_label(p),
            None => last_number.clone(),
        };
        last_number = number.clone();
        match node {
            TaskNode::Group { title, .. } => {
                groups.push((
                    depth,
                    RowGroup {
                        number,
                        title: title.text().trim().to_owned(),
                    },
                ));
            }
            TaskNode::Task(t) => rows.push(TrackedRow {
                path: field_path,
                number,
                groups: groups.iter().map(|(_, g)| g.clone()).collect(),
                text: (t.content.iter())
                    .map(|p| p.text().trim().to_owned())
                    .collect::<Vec<_>>()
                    .join("\n"),
                lead: clean(&t.lead),
                cooperating: clean(&t.cooperating),
                time: t.time.as_ref().map(format::task_time).unwrap_or_default(),
                schedule: schedule(t.time.as_ref(), plan_year, horizon),
            }),
        }
    });
    rows
}

fn clean(units: &[String]) -> Vec<String> {
    (units.iter())
        .map(|u| u.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|u| !u.is_empty())
        .collect()
}

/// Where a task stands on a day: computed from its schedule and its reports, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Past its due day and not done, reported on or not: listed first.
    Overdue,
    /// Nobody reported yet, and its due day has not passed.
    NotStarted,
    /// Reported on, not done, its due day not passed.
    InProgress,
    /// Not done, and its time names no day.
    NoDeadline,
    /// Done by its due day (or done, having none).
    DoneOnTime,
    /// Done after its due day.
    DoneLate,
}

impl Status {
    /// Every status, in the order a tracking screen lists them (overdue first).
    pub const ALL: [Status; 6] = [
        Status::Overdue,
        Status::NotStarted,
        Status::InProgress,
        Status::NoDeadline,
        Status::DoneOnTime,
        Status::DoneLate,
    ];

    /// The name programs read ("overdue", "in-progress"…).
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::NoDeadline => "no-deadline",
            Status::DoneOnTime => "done-on-time",
            Status::DoneLate => "done-late",
        }
    }

    /// The Vietnamese name shown to people.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Quá hạn",
            Status::NotStarted => "Chưa thực hiện",
            Status::InProgress => "Đang thực hiện, trong hạn",
            Status::NoDeadline => "Không có thời hạn",
            Status::DoneOnTime => "Hoàn thành đúng hạn",
            Status::DoneLate => "Hoàn thành quá hạn",
        }
    }

    /// Whether the task is done (on time or late).
    pub const fn is_done(self) -> bool {
        matches!(self, Status::DoneOnTime | Status::DoneLate)
    }
}

/// What the reports on a task say, as the status needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Whether anyone reported on it.
    pub reported: bool,
    /// The day it was reported done, when its last word is "done".
    pub done_on: Option<NaiveDate>,
}

/// The status of a task on `today`. A task is overdue from the day after its due day; a
/// recurring task is due at the plan's end.
pub fn status(schedule: &Schedule, progress: Progress, today: NaiveDate) -> Status {
    let due = schedule.due_day();
    match (progress.done_on, due) {
        (Some(done), Some(due)) if done > due => Status::DoneLate,
        (Some(_), _) => Status::DoneOnTime,
        (None, Some(due)) if today > due => Status::Overdue,
        (None, None) => Status::NoDeadline,
        (None, Some(_)) if progress.reported => Status::InProgress,
        (None, Some(_)) => Status::NotStarted,
    }
}

/// Whether a task that is not done falls due within `days` days of `today` (today included,
/// not yet overdue).
pub fn due_within(schedule: &Schedule, progress: Progress, today: NaiveDate, days: u32) -> bool {
    match (progress.done_on, schedule.due_day()) {
        (None, Some(due)) => {
            today <= due && today.checked_add_days(Days::new(u64::from(days))) >= Some(due)
        }
        _ => false,
    }
}

/// A due day as the tables print it ("30/6/2025", "17h00 11/5/2022"), or "Thường xuyên (đến
/// 31/12/2025)" for a recurring task, "" for none.
pub fn due_text(schedule: &Schedule) -> String {
    let date = |d: NaiveDate| format::numeric_date(d.into());
    match schedule {
        Schedule::Due {
            on,
            hour: Some(h),
            minute,
        } => format!("{h}h{:02} {}", minute.unwrap_or(0), date(*on)),
        Schedule::Due { on, .. } => date(*on),
        Schedule::Recurring { every, until } => {
            format!("{} (đến {})", format::frequency(*every), date(*until))
        }
        Schedule::Open => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CalendarDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn due_of(time: TaskTime) -> Option<NaiveDate> {
        schedule(Some(&time), 2025, d(2025, 12, 31)).due_day()
    }

    fn text(t: &str) -> Schedule {
        schedule(
            Some(&TaskTime::Text { text: t.into() }),
            2025,
            d(2025, 12, 31),
        )
    }

    #[test]
    fn each_kind_of_time_gives_its_due_day() {
        let date = CalendarDate::new(2025, 5, 11);
        assert_eq!(due_of(TaskTime::Date { date }), Some(d(2025, 5, 11)));
        assert_eq!(
            schedule(
                Some(&TaskTime::Deadline {
                    date,
                    hour: Some(17),
                    minute: Some(0)
                }),
                2025,
                d(2025, 12, 31)
            ),
            Schedule::Due {
                on: d(2025, 5, 11),
                hour: Some(17),
                minute: Some(0)
            }
        );
        // Quý II/2025: the end of the last quarter; without a year, the plan's.
        let q = |from, to, year| TaskTime::Quarters { from, to, year };
        assert_eq!(due_of(q(2, 2, Some(2025))), Some(d(2025, 6, 30)));
        assert_eq!(due_of(q(1, 4, None)), Some(d(2025, 12, 31)));
        assert_eq!(due_of(q(1, 3, Some(2026))), Some(d(2026, 9, 30)));
        // Months: the end of the last month.
        assert_eq!(
            due_of(TaskTime::Months {
                from_month: 1,
                from_year: 2025,
                to_month: 2,
                to_year: 2026
            }),
            Some(d(2026, 2, 28))
        );
        // A frequency: recurring up to the plan's end.
        assert_eq!(
            schedule(
                Some(&TaskTime::Frequency {
                    every: Frequency::Weekly
                }),
                2025,
                d(2025, 12, 31)
            ),
            Schedule::Recurring {
                every: Frequency::Weekly,
                until: d(2025, 12, 31)
            }
        );
        // No time, or an impossible date: no due day.
        assert_eq!(schedule(None, 2025, d(2025, 12, 31)), Schedule::Open);
        assert_eq!(
            due_of(TaskTime::Date {
                date: CalendarDate::new(2025, 2, 30)
            }),
            None
        );
    }

    #[test]
    fn a_text_that_still_names_a_day_gives_it() {
        let on = |s: &str| text(s).due_day();
        assert_eq!(on("Trước 30/6/2025"), Some(d(2025, 6, 30)));
        assert_eq!(on("Trước ngày 15 tháng 7 năm 2025"), Some(d(2025, 7, 15)));
        assert_eq!(on("Quý III năm 2025"), Some(d(2025, 9, 30)));
        assert_eq!(on("Quý II/2025"), Some(d(2025, 6, 30)));
        assert_eq!(on("Quý IV"), Some(d(2025, 12, 31)));
        assert_eq!(on("Tháng 8/2025"), Some(d(2025, 8, 31)));
        assert_eq!(on("tháng 9 năm 2025"), Some(d(2025, 9, 30)));
        assert_eq!(on("Năm 2025"), Some(d(2025, 12, 31)));
        // The latest of the days it names.
        assert_eq!(
            on("Từ 01/3/2025 đến Quý III năm 2025"),
            Some(d(2025, 9, 30))
        );
        assert_eq!(
            text("Hằng tháng").due_day(),
            Some(d(2025, 12, 31)),
            "recurring up to the horizon"
        );
        assert!(matches!(
            text("Thường xuyên, liên tục"),
            Schedule::Recurring {
                every: Frequency::Continuous,
                ..
            }
        ));
        assert!(matches!(
            text("Hàng tuần"),
            Schedule::Recurring {
                every: Frequency::Weekly,
                ..
            }
        ));
        assert_eq!(text("Theo chỉ đạo của UBND tỉnh"), Schedule::Open);
        assert_eq!(text("Tháng 13/2025"), Schedule::Open);
        assert_eq!(text(""), Schedule::Open);
    }

    #[test]
    fn the_status_follows_the_due_day_and_the_reports() {
        let due = Schedule::Due {
            on: d(2025, 6, 30),
            hour: None,
            minute: None,
        };
        let none = Progress::default();
        let started = Progress {
            reported: true,
            done_on: None,
        };
        let done = |day| Progress {
            reported: true,
            done_on: Some(day),
        };
        assert_eq!(status(&due, none, d(2025, 6, 1)), Status::NotStarted);
        // Overdue from the day after the due day, not on it.
        assert_eq!(status(&due, none, d(2025, 6, 30)), Status::NotStarted);
        assert_eq!(status(&due, none, d(2025, 7, 1)), Status::Overdue);
        assert_eq!(status(&due, started, d(2025, 6, 30)), Status::InProgress);
        assert_eq!(status(&due, started, d(2025, 7, 1)), Status::Overdue);
        assert_eq!(
            status(&due, done(d(2025, 6, 30)), d(2025, 9, 1)),
            Status::DoneOnTime
        );
        assert_eq!(
            status(&due, done(d(2025, 7, 1)), d(2025, 9, 1)),
            Status::DoneLate
        );
        assert_eq!(
            status(&Schedule::Open, started, d(2030, 1, 1)),
            Status::NoDeadline
        );
        assert_eq!(
            status(&Schedule::Open, done(d(2025, 1, 1)), d(2030, 1, 1)),
            Status::DoneOnTime
        );
        assert!(due_within(&due, none, d(2025, 6, 23), 7));
        assert!(!due_within(&due, none, d(2025, 6, 22), 7));
        assert!(due_within(&due, started, d(2025, 6, 30), 1));
        assert!(!due_within(&due, started, d(2025, 7, 1), 7));
        assert!(!due_within(&due, done(d(2025, 6, 1)), d(2025, 6, 29), 7));
        let labels: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 6);
        assert!(labels.iter().all(|l| !l.is_empty()));
    }
}
