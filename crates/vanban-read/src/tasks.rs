//! Task tables: a table whose header row names the columns STT / Nhiệm vụ / chủ trì / phối hợp
//! / thời gian (/ sản phẩm, ghi chú) becomes task rows with their units and typed times.

use vanban_core::RichText;
use vanban_core::model::{CalendarDate, Frequency, Task, TaskNode, TaskTime};

use crate::source::{Cell, Para};

/// What a column of a task table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Số thứ tự.
    Number,
    /// Nhiệm vụ, công việc, nội dung.
    Content,
    /// Đơn vị chủ trì.
    Lead,
    /// Đơn vị phối hợp.
    Cooperating,
    /// Thời gian.
    Time,
    /// Sản phẩm, chỉ tiêu.
    Target,
    /// Ghi chú.
    Notes,
}

fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The columns of a header row, when it is a task table's.
pub fn header_columns(row: &[String]) -> Option<Vec<Option<Column>>> {
    let cols: Vec<Option<Column>> = row
        .iter()
        .map(|cell| {
            let k = key(cell);
            let k = k.replace(' ', "");
            if k == "stt" || k == "tt" || k.starts_with("sốtt") || k == "số" {
                Some(Column::Number)
            } else if k.contains("chủtrì") {
                Some(Column::Lead)
            } else if k.contains("phốihợp") {
                Some(Column::Cooperating)
            } else if k.contains("thờigian") || k.contains("thờihạn") || k.contains("tiếnđộ")
            {
                Some(Column::Time)
            } else if k.contains("sảnphẩm") || k.contains("chỉtiêu") || k.contains("kếtquả")
            {
                Some(Column::Target)
            } else if k.contains("ghichú") {
                Some(Column::Notes)
            } else if k.contains("nhiệmvụ") || k.contains("nộidung") || k.contains("côngviệc")
            {
                Some(Column::Content)
            } else {
                None
            }
        })
        .collect();
    let has = |c: Column| cols.contains(&Some(c));
    (has(Column::Content) && has(Column::Lead)).then_some(cols)
}

/// The text of a cell's paragraphs, one string each.
fn cell_paras(cell: &Cell) -> Vec<RichText> {
    cell.iter()
        .map(Para::rich)
        .filter(|r| !r.is_blank())
        .collect()
}

fn cell_text(cell: &Cell) -> String {
    cell_paras(cell)
        .iter()
        .map(|r| r.text().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a cell of units into names: at ";" and new paragraphs; "," only separates names
/// when each part starts like a unit ("Sở …", "UBND …").
pub fn units(cell: &Cell) -> Vec<String> {
    let mut out = Vec::new();
    for p in cell_paras(cell) {
        let text = p.text().into_owned();
        for part in split_top(&text, ';') {
            let part = part
                .trim()
                .trim_start_matches(['-', '+', '•'])
                .trim()
                .trim_end_matches(['.', ';', ','])
                .trim();
            if !part.is_empty() {
                out.push(part.to_owned());
            }
        }
    }
    out
}

/// Splits at `sep` outside parentheses and quotes.
pub fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (at, ch) in text.char_indices() {
        match ch {
            '(' | '“' | '[' => depth += 1,
            ')' | '”' | ']' => depth = (depth - 1).max(0),
            c if c == sep && depth == 0 => {
                parts.push(&text[start..at]);
                start = at + ch.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Reads a task's time as written: dates, deadlines, quarters, months, frequencies, or the
/// text itself.
pub fn time(text: &str, year: Option<i32>) -> Option<TaskTime> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim().trim_end_matches(['.', ';']).trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    let frequencies = [
        ("thường xuyên", Frequency::Continuous),
        ("hàng ngày", Frequency::Daily),
        ("hằng ngày", Frequency::Daily),
        ("hàng tuần", Frequency::Weekly),
        ("hằng tuần", Frequency::Weekly),
        ("hàng tháng", Frequency::Monthly),
        ("hằng tháng", Frequency::Monthly),
        ("hàng quý", Frequency::Quarterly),
        ("hằng quý", Frequency::Quarterly),
        ("hàng năm", Frequency::Yearly),
        ("hằng năm", Frequency::Yearly),
    ];
    for (words, f) in frequencies {
        if lower == words {
            return Some(TaskTime::Frequency { every: f });
        }
    }
    // "Quý I đến Quý IV", "Quý I - Quý II năm 2025", "Quý III".
    if let Some(rest) = lower.strip_prefix("quý ") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        let q = |w: &str| match w.to_uppercase().as_str() {
            "I" | "1" => Some(1u8),
            "II" | "2" => Some(2),
            "III" | "3" => Some(3),
            "IV" | "4" => Some(4),
            _ => None,
        };
        if let Some(from) = words.first().and_then(|w| q(w)) {
            let mut i = 1;
            let mut to = from;
            if matches!(words.get(i), Some(&"đến") | Some(&"-") | Some(&"–")) {
                i += 1;
                if words.get(i) == Some(&"quý") {
                    i += 1;
                }
                match words.get(i).and_then(|w| q(w)) {
                    Some(x) => {
                        to = x;
                        i += 1;
                    }
                    None => return Some(TaskTime::Text { text: t.to_owned() }),
                }
            }
            let mut y = None;
            if words.get(i) == Some(&"năm")
                && let Some(n) = words.get(i + 1).and_then(|w| w.parse::<i32>().ok())
            {
                y = Some(n);
                i += 2;
            } else if let Some(n) = words
                .get(i)
                .and_then(|w| w.strip_prefix('/'))
                .and_then(|w| w.parse::<i32>().ok())
            {
                y = Some(n);
                i += 1;
            }
            if i == words.len() {
                return Some(TaskTime::Quarters {
                    from,
                    to,
                    year: y.filter(|y| Some(*y) != year),
                });
            }
        }
    }
    // "Tháng 01/2025 đến tháng 12/2025".
    if let Some(rest) = lower.strip_prefix("tháng ") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        if words.len() == 4
            && words[1] == "đến"
            && words[2] == "tháng"
            && let (Some((m1, y1)), Some((m2, y2))) = (month_year(words[0]), month_year(words[3]))
        {
            return Some(TaskTime::Months {
                from_month: m1,
                from_year: y1,
                to_month: m2,
                to_year: y2,
            });
        }
    }
    // "Trước 17h00 ngày 11/5/2022", "Trước ngày 15/10/2022".
    if let Some(rest) = lower.strip_prefix("trước ") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        let (hour, minute, i) = match words.first().and_then(|w| hour_minute(w)) {
            Some((h, m)) => (Some(h), m, 1),
            None => (None, None, 0),
        };
        if words.get(i) == Some(&"ngày")
            && i + 2 == words.len()
            && let Some(date) = numeric_date(words[i + 1])
        {
            return Some(TaskTime::Deadline { date, hour, minute });
        }
    }
    // "Ngày 10/10/2022", "10/10/2022".
    let bare = lower.strip_prefix("ngày ").unwrap_or(&lower);
    if let Some(date) = numeric_date(bare) {
        return Some(TaskTime::Date { date });
    }
    Some(TaskTime::Text { text: t.to_owned() })
}

fn month_year(w: &str) -> Option<(u8, i32)> {
    let (m, y) = w.split_once('/')?;
    let m: u8 = m.parse().ok()?;
    let y: i32 = y.parse().ok()?;
    ((1..=12).contains(&m) && (1000..=9999).contains(&y)).then_some((m, y))
}

fn hour_minute(w: &str) -> Option<(u8, Option<u8>)> {
    let (h, m) = w.split_once(['h', 'g', ':'])?;
    let h: u8 = h.parse().ok()?;
    let m = if m.is_empty() {
        None
    } else {
        Some(m.parse::<u8>().ok()?)
    };
    Some((h, m))
}

/// "11/5/2022" as a date.
pub fn numeric_date(w: &str) -> Option<CalendarDate> {
    let w = w.trim_end_matches(['.', ',', ';', ')']);
    let mut parts = w.split('/');
    let d: u8 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let y: i32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=9999).contains(&y) {
        return None;
    }
    Some(CalendarDate {
        year: y,
        month: m,
        day: d,
    })
}

/// Which level a number cell gives a row: "1" or "I" a group, "1.1" a task, "" a
/// continuation.
fn number_depth(n: &str) -> Option<usize> {
    let n = n.trim().trim_end_matches('.');
    if n.is_empty() {
        return None;
    }
    if n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return Some(1);
    }
    if n.split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(n.split('.').count());
    }
    None
}

/// Task rows of a table, given its header row's columns. Rows whose number has more parts
/// than another's are the tasks of the row above; a row with only its number and content and
/// nothing else is a group when tasks follow it.
pub fn rows_to_tasks(
    rows: &[Vec<Cell>],
    cols: &[Option<Column>],
    year: Option<i32>,
) -> Vec<TaskNode> {
    struct Row {
        depth: Option<usize>,
        task: Task,
        group_like: bool,
    }
    let mut parsed: Vec<Row> = Vec::new();
    for row in rows {
        let mut task = Task {
            content: Vec::new(),
            lead: Vec::new(),
            cooperating: Vec::new(),
            time: None,
            target: None,
            notes: Vec::new(),
            continues_previous: false,
        };
        let mut depth = None;
        let mut number_text = String::new();
        // A group row often spans every column: its title stands in the first cells.
        for (i, cell) in row.iter().enumerate() {
            match cols.get(i).copied().flatten() {
                Some(Column::Number) => {
                    number_text = cell_text(cell);
                    depth = number_depth(&number_text);
                }
                Some(Column::Content) => task.content.extend(cell_paras(cell)),
                Some(Column::Lead) => task.lead = units(cell),
                Some(Column::Cooperating) => task.cooperating = units(cell),
                Some(Column::Time) => task.time = time(&cell_text(cell), year),
                Some(Column::Target) => {
                    let t = cell_text(cell);
                    if !t.trim().is_empty() {
                        task.target = Some(t);
                    }
                }
                Some(Column::Notes) => task.notes.extend(cell_paras(cell)),
                None => task.content.extend(cell_paras(cell)),
            }
        }
        if depth.is_none() && !number_text.trim().is_empty() {
            // Not a number: the text belongs to the content.
            task.content.insert(0, RichText::plain(number_text.trim()));
        }
        let group_like = task.lead.is_empty()
            && task.cooperating.is_empty()
            && task.time.is_none()
            && task.notes.is_empty()
            && task.target.is_none();
        if task.content.is_empty() && group_like {
            continue;
        }
        parsed.push(Row {
            depth,
            task,
            group_like,
        });
    }
    // Depth of tasks: the deepest number depth seen on a non-group row.
    let task_depth = parsed
        .iter()
        .filter(|r| !r.group_like)
        .filter_map(|r| r.depth)
        .max()
        .unwrap_or(1);
    let mut top: Vec<TaskNode> = Vec::new();
    for row in parsed {
        let is_group = row.group_like && row.depth.is_some_and(|d| d < task_depth);
        if is_group {
            top.push(TaskNode::Group {
                title: join_paras(&row.task.content),
                tasks: Vec::new(),
            });
            continue;
        }
        let mut task = row.task;
        if row.depth.is_none() {
            task.continues_previous = true;
        }
        match top.last_mut() {
            Some(TaskNode::Group { tasks, .. }) if row.depth.is_none_or(|d| d > 1) => {
                tasks.push(TaskNode::Task(task));
            }
            _ => top.push(TaskNode::Task(task)),
        }
    }
    top
}

fn join_paras(paras: &[RichText]) -> RichText {
    let mut spans = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            spans.push(vanban_core::Span::plain(" "));
        }
        spans.extend(p.spans().iter().cloned());
    }
    crate::source::rich_of(&spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_typed() {
        assert_eq!(
            time("Quý I đến Quý IV", Some(2025)),
            Some(TaskTime::Quarters {
                from: 1,
                to: 4,
                year: None
            })
        );
        assert_eq!(
            time("Thường xuyên", None),
            Some(TaskTime::Frequency {
                every: Frequency::Continuous
            })
        );
        assert_eq!(
            time("Tháng 01/2025 đến tháng 12/2025", None),
            Some(TaskTime::Months {
                from_month: 1,
                from_year: 2025,
                to_month: 12,
                to_year: 2025
            })
        );
        assert_eq!(
            time("Trước 17h00 ngày 11/5/2022", None),
            Some(TaskTime::Deadline {
                date: CalendarDate {
                    year: 2022,
                    month: 5,
                    day: 11
                },
                hour: Some(17),
                minute: Some(0)
            })
        );
        assert_eq!(
            time("Tháng 3", None),
            Some(TaskTime::Text {
                text: "Tháng 3".into()
            })
        );
    }
}
