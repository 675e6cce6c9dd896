//! Compares what the reader makes of an exported file with the document it was exported
//! from, part by part: `cargo run -p vanban-read --example roundtrip -- DOC.json FILE`.

use vanban_core::Document;
use vanban_core::model::{AppendixContent, Block, Content, RecipientEntry, Section, TaskNode};

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn blocks(bs: &[Block], out: &mut Vec<String>) {
    for b in bs {
        match b {
            Block::Paragraph { text } => out.push(format!("p {}", norm(&text.text()))),
            Block::List { items, marker, .. } => {
                for i in items {
                    out.push(format!("{marker:?} {}", norm(&i.text.text())));
                    for j in &i.items {
                        out.push(format!("+ {}", norm(&j.text.text())));
                    }
                }
            }
            Block::Tasks => out.push("tasks".into()),
            Block::Table(t) => out.push(format!("table {} rows", t.rows.len())),
        }
    }
}

fn sections(list: &[Section], depth: usize, out: &mut Vec<String>) {
    for s in list {
        out.push(format!("{depth} {}", norm(&s.title.text())));
        blocks(&s.blocks, out);
        sections(&s.subsections, depth + 1, out);
        blocks(&s.after, out);
    }
}

fn content(c: &Content, out: &mut Vec<String>) {
    blocks(&c.blocks, out);
    sections(&c.sections, 0, out);
    blocks(&c.after, out);
}

/// The parts compared, each as lines.
fn parts(doc: &Document) -> Vec<(&'static str, Vec<String>)> {
    let h = &doc.header;
    let header = vec![
        format!("parent {:?}", h.parent_body.as_ref().map(|p| norm(&p.name))),
        format!("body {}", norm(&h.issuing_body.name)),
        format!("abbr {:?}", h.issuing_body.abbreviation),
        format!("number {:?} date {:?} place {}", h.number, h.date, h.place),
    ];
    let title = vec![
        format!("{:?}", doc.doc_type),
        norm(&doc.subject),
        format!("{:?}", doc.issuing_authority.as_deref().map(norm)),
        format!(
            "{:?}",
            doc.addressees
                .iter()
                .map(|a| norm(&a.name))
                .collect::<Vec<_>>()
        ),
    ];
    let basis: Vec<String> = vanban_core::plain::preamble_paragraphs(doc)
        .iter()
        .map(|p| norm(&format!("{p:?}")))
        .collect();
    let mut body = Vec::new();
    content(&doc.body, &mut body);
    body.push(format!("closing {}", norm(&doc.closing.text())));
    body.push(format!(
        "contact {:?}",
        doc.contact.as_ref().map(|c| norm(&c.text()))
    ));
    let mut tasks = Vec::new();
    fn walk(nodes: &[TaskNode], out: &mut Vec<String>) {
        for n in nodes {
            match n {
                TaskNode::Group { title, tasks } => {
                    out.push(format!("group {}", norm(&title.text())));
                    walk(tasks, out);
                }
                TaskNode::Task(t) => out.push(format!(
                    "{} | {:?} | {:?} | {:?} | {:?}",
                    norm(
                        &t.content
                            .iter()
                            .map(|c| c.text().into_owned())
                            .collect::<Vec<_>>()
                            .join(" / ")
                    ),
                    t.lead,
                    t.cooperating,
                    t.time,
                    t.notes.iter().map(|n| norm(&n.text())).collect::<Vec<_>>()
                )),
            }
        }
    }
    walk(&doc.tasks, &mut tasks);
    let mut recipients: Vec<String> = doc
        .recipients
        .entries
        .iter()
        .flat_map(|e| match e {
            RecipientEntry::Single(r) => vec![format!("{} {:?}", norm(&r.name), r.note)],
            RecipientEntry::Group(g) => g
                .members
                .iter()
                .map(|r| format!("[{}] {} {:?}", g.label, norm(&r.name), r.note))
                .collect(),
        })
        .collect();
    recipients.push(vanban_core::format::archive_text(&doc.recipients.archive));
    let signer = vec![
        vanban_core::format::authority_lines(&doc.signature).join(" / "),
        doc.signature.name.clone(),
    ];
    let mut appendices = Vec::new();
    for a in &doc.appendices {
        appendices.push(format!("appendix {}", norm(&a.title)));
        match &a.content {
            AppendixContent::Text { text } => content(text, &mut appendices),
            AppendixContent::Documents { groups } => {
                for g in groups {
                    appendices.push(format!("group {:?}", g.title));
                    for e in &g.entries {
                        appendices.push(
                            e.iter()
                                .map(|p| norm(&p.text()))
                                .collect::<Vec<_>>()
                                .join(" / "),
                        );
                    }
                }
            }
            AppendixContent::Tasks => appendices.push("tasks".into()),
        }
    }
    if let Some(att) = &doc.attachment {
        appendices.push(format!(
            "attachment {:?} {}",
            att.doc_type,
            norm(&att.subject)
        ));
        content(&att.body, &mut appendices);
    }
    vec![
        ("header", header),
        ("title", title),
        ("legal bases", basis),
        ("body", body),
        ("tasks", tasks),
        ("recipients", recipients),
        ("signer", signer),
        ("appendices", appendices),
    ]
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0u32; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()] as usize
}

/// Per part: the share of lines that are the same, in order.
fn compare(want: &Document, got: &Document) -> Vec<(&'static str, f64, Vec<String>)> {
    parts(want)
        .into_iter()
        .zip(parts(got))
        .map(|((name, a), (_, b))| {
            let total = a.len().max(b.len());
            let score = if total == 0 {
                1.0
            } else {
                lcs(&a, &b) as f64 / total as f64
            };
            let mut diff: Vec<String> = a
                .iter()
                .filter(|x| !b.contains(x))
                .map(|x| format!("want: {x}"))
                .collect();
            diff.extend(
                b.iter()
                    .filter(|x| !a.contains(x))
                    .map(|x| format!("got:  {x}")),
            );
            (name, score, diff)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let want = vanban_core::exchange::from_str(&std::fs::read_to_string(&args[1]).expect("json"))
        .expect("vanban/1");
    let bytes = std::fs::read(&args[2]).expect("file");
    let format = vanban_read::Format::from_extension(&args[2]).expect("extension");
    let reading =
        vanban_read::read(&bytes, format, &vanban_read::Options::default()).expect("read");
    for d in &reading.diagnostics {
        eprintln!("{:?} {}: {}", d.severity, d.origin, d.message);
    }
    for (part, score, diff) in compare(&want, &reading.document) {
        println!("{part}: {:.1} %", score * 100.0);
        for d in diff.iter().take(12) {
            println!("    {}", d.chars().take(220).collect::<String>());
        }
    }
}
