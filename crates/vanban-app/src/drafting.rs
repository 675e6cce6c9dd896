//! Help while drafting: pasted legal references read into structured ones, and the duties of
//! "Tổ chức thực hiện" drafted from the task table. Pure functions over the model; the editor
//! (desktop or any other front) shows the result and the user keeps or changes it.

use serde::Serialize;
use vanban_core::citation;
use vanban_core::model::{
    Block, Document, LegalReference, ListItem, Section, SectionRole, Task, TaskNode,
};
use vanban_core::{RichText, format};

/// One pasted reference, read or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PastedReference {
    /// Read into its parts.
    Parsed {
        /// The reference.
        reference: LegalReference,
    },
    /// Not readable; the user fixes the text or fills the fields.
    Failed {
        /// The text as pasted.
        text: String,
        /// Why, in Vietnamese.
        message: String,
    },
}

/// Reads pasted references ("Căn cứ Luật …; Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của …"),
/// one per line or per ";", each into its parts or with the reason it could not be read. Blank
/// parts are skipped.
pub fn parse_references(text: &str) -> Vec<PastedReference> {
    citation::parse_list(text)
        .into_iter()
        .zip(citation::split_list(text))
        .filter_map(|(parsed, raw)| match parsed {
            Ok(reference) => Some(PastedReference::Parsed { reference }),
            Err(citation::CitationError::Empty) => None,
            Err(e) => Some(PastedReference::Failed {
                text: raw.trim().to_owned(),
                message: e.to_string(),
            }),
        })
        .collect()
}

/// What [`draft_duties`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftedDuties {
    /// The document with the duties added.
    pub document: Document,
    /// The units that gained a duty section, in order.
    pub added: Vec<String>,
    /// The units that lead tasks and already had their own section (left as they were).
    pub kept: Vec<String>,
}

/// The heading of the section the duties go in when the document has none.
pub const IMPLEMENTATION_TITLE: &str = "TỔ CHỨC THỰC HIỆN";

/// Drafts "Tổ chức thực hiện" from the task table: for each unit that leads tasks, in the order
/// they first appear, a subsection titled with the unit's name, naming the unit (so the check
/// that every responsible unit receives the document applies), listing the tasks it leads with
/// their time and the units that cooperate. A unit that already has its own subsection keeps
/// it untouched: nothing the user wrote is replaced. The section with the role
/// "implementation" is used, or added at the end.
pub fn draft_duties(doc: &Document) -> DraftedDuties {
    let mut by_unit: Vec<(String, Vec<&Task>)> = Vec::new();
    for task in tasks_in_order(&doc.tasks) {
        for unit in &task.lead {
            let unit = unit.trim();
            if unit.is_empty() {
                continue;
            }
            match by_unit.iter_mut().find(|(u, _)| u == unit) {
                Some((_, list)) => list.push(task),
                None => by_unit.push((unit.to_owned(), vec![task])),
            }
        }
    }
    let mut document = doc.clone();
    let sections = &mut document.body.sections;
    let at = match sections
        .iter()
        .position(|s| s.role == Some(SectionRole::Implementation))
    {
        Some(i) => i,
        None => {
            sections.push(Section {
                role: Some(SectionRole::Implementation),
                ..Section::new(RichText::plain(IMPLEMENTATION_TITLE))
            });
            sections.len() - 1
        }
    };
    let section = &mut sections[at];
    let (mut added, mut kept) = (Vec::new(), Vec::new());
    for (unit, tasks) in by_unit {
        let has_own = section
            .subsections
            .iter()
            .any(|s| s.units.iter().any(|u| u == &unit));
        if has_own {
            kept.push(unit);
            continue;
        }
        let items = tasks.iter().map(|t| duty_item(t, &unit)).collect();
        section.subsections.push(Section {
            units: vec![unit.clone()],
            blocks: vec![Block::List {
                marker: None,
                start: None,
                items,
            }],
            ..Section::new(RichText::plain(unit.clone()))
        });
        added.push(unit);
    }
    DraftedDuties {
        document,
        added,
        kept,
    }
}

/// The tasks of the table in reading order, groups opened.
fn tasks_in_order(nodes: &[TaskNode]) -> Vec<&Task> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            TaskNode::Group { tasks, .. } => out.extend(tasks_in_order(tasks)),
            TaskNode::Task(t) => out.push(t),
        }
    }
    out
}

/// "Chủ trì <nội dung> (phối hợp: …; thời gian: …)."
fn duty_item(task: &Task, unit: &str) -> ListItem {
    let content: Vec<String> = task
        .content
        .iter()
        .map(|c| c.text().trim().trim_end_matches(['.', ';']).to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let mut text = format!("Chủ trì {}", lower_first(&content.join("; ")));
    let mut extra = Vec::new();
    let others: Vec<&str> = task
        .lead
        .iter()
        .map(|u| u.trim())
        .filter(|u| !u.is_empty() && *u != unit)
        .collect();
    if !others.is_empty() {
        extra.push(format!("cùng chủ trì: {}", others.join(", ")));
    }
    if !task.cooperating.is_empty() {
        extra.push(format!("phối hợp: {}", task.cooperating.join(", ")));
    }
    if let Some(time) = &task.time {
        extra.push(format!("thời gian: {}", format::task_time(time)));
    }
    if let Some(target) = task.target.as_deref().filter(|t| !t.trim().is_empty()) {
        extra.push(format!("chỉ tiêu: {}", target.trim()));
    }
    if !extra.is_empty() {
        text.push_str(&format!(" ({})", extra.join("; ")));
    }
    text.push('.');
    ListItem {
        text: RichText::plain(text),
        items_marker: None,
        items: Vec::new(),
    }
}

/// The first letter in lower case, unless the first word looks like a name or an
/// abbreviation (its second letter is upper case too).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return s.to_owned();
    };
    if second.is_some_and(char::is_uppercase) {
        return s.to_owned();
    }
    let mut out: String = first.to_lowercase().collect();
    out.push_str(&s[first.len_utf8()..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_core::DocumentType;
    use vanban_core::model::{Frequency, TaskTime};

    fn task(content: &str, lead: &[&str], cooperating: &[&str]) -> TaskNode {
        TaskNode::Task(Task {
            content: vec![RichText::plain(content)],
            lead: lead.iter().map(|s| (*s).to_owned()).collect(),
            cooperating: cooperating.iter().map(|s| (*s).to_owned()).collect(),
            time: Some(TaskTime::Frequency {
                every: Frequency::Continuous,
            }),
            target: None,
            notes: Vec::new(),
            continues_previous: false,
        })
    }

    #[test]
    fn pasted_references_are_read_one_by_one_and_failures_say_why() {
        let out = parse_references(
            "Căn cứ Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ phê duyệt Đề án;\n\
             \n\
             ngày hôm qua",
        );
        assert_eq!(out.len(), 2, "{out:?}");
        let PastedReference::Parsed { reference } = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(reference.doc_type, "Quyết định");
        assert_eq!(reference.number.as_deref(), Some("1588/QĐ-TTg"));
        assert_eq!(reference.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
        let PastedReference::Failed { text, message } = &out[1] else {
            panic!("{out:?}")
        };
        assert_eq!(text, "ngày hôm qua");
        assert!(message.contains("Không nhận ra loại văn bản"), "{message}");
    }

    #[test]
    fn duties_are_drafted_per_lead_unit_in_order_and_existing_ones_are_kept() {
        let mut doc = vanban_core::skeleton::new_document(DocumentType::KeHoach);
        doc.tasks = vec![
            TaskNode::Group {
                title: RichText::plain("Nhóm 1"),
                tasks: vec![
                    task("Tuyên truyền trên báo", &["Sở Tài chính"], &["Văn phòng"]),
                    task("Lập dự toán", &["Văn phòng", "Sở Tài chính"], &[]),
                ],
            },
            task("Báo cáo kết quả", &["Văn phòng"], &[]),
        ];
        let drafted = draft_duties(&doc);
        assert_eq!(drafted.added, ["Sở Tài chính", "Văn phòng"]);
        let section = drafted
            .document
            .body
            .sections
            .iter()
            .find(|s| s.role == Some(SectionRole::Implementation))
            .expect("implementation section");
        let duty = section
            .subsections
            .iter()
            .find(|s| s.units == ["Văn phòng"])
            .expect("Văn phòng");
        let Block::List { items, .. } = &duty.blocks[0] else {
            panic!("list")
        };
        let texts: Vec<String> = items.iter().map(|i| i.text.text().into_owned()).collect();
        assert_eq!(
            texts,
            [
                "Chủ trì lập dự toán (cùng chủ trì: Sở Tài chính; thời gian: Thường xuyên).",
                "Chủ trì báo cáo kết quả (thời gian: Thường xuyên).",
            ]
        );
        // Drafting again adds nothing and changes nothing.
        let again = draft_duties(&drafted.document);
        assert!(again.added.is_empty());
        assert_eq!(again.kept, ["Sở Tài chính", "Văn phòng"]);
        assert_eq!(again.document, drafted.document);
    }
}
