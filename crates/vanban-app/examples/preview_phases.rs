//! Where the time of one live-preview keystroke goes, phase by phase, on a long document: each
//! "keystroke" adds a letter (a text the typesetter has never seen, as typing gives it), first
//! in the subject (page 1), then in a task row far into the plan. Prints the median of each
//! phase over the keystrokes, the picture of each changed page included (drawn from its
//! picture before the keystroke where only part of it changed, as the desktop draws it).
//!
//! First, what one page's picture costs the shell: as SVG, and as PNG at two widths (with
//! `PREVIEW_PNG_DIR=DIR` the PNGs are written there, to look at). Last, the same keystrokes
//! through [`vanban_app::preview::Preview::keys_marked`], as the desktop makes a preview.
//!
//! `cargo run --release -p vanban-app --example preview_phases [FILE.json] [KEYSTROKES]`
//! (default: the Long An plan of tests/fixtures, 30 keystrokes each).

use std::path::{Path, PathBuf};
use std::time::Instant;

use vanban_app::export::title_of;
use vanban_core::model::TaskNode;
use vanban_render::fonts;
use vanban_render::metrics::Metrics;
use vanban_render::pdf::{Draw, Marks, PageStore, Typesetter, markup};
use vanban_render::style::StyleSheet;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let file = args.next().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/ke-hoach-long-an-tuyen-truyen-cds-2025.json")
    });
    let keystrokes: usize = args
        .next()
        .and_then(|n| n.to_str().and_then(|n| n.parse().ok()))
        .unwrap_or(30);
    let mut doc = vanban_app::open_document(&file)?;
    vanban_core::normalize::to_nfc_document(&mut doc);
    // The first preview of this document after start: the typesetter warmed on a blank plan
    // (as the desktop does while the list loads), then this document for the first time.
    let mut first = vanban_app::preview::Preview::new()?;
    first.warm()?;
    let t = Instant::now();
    first.keys_marked(&doc, &[])?;
    println!(
        "first preview of the document after warm-up: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let sheet = StyleSheet::nd30();
    let mut metrics = Metrics::new(fonts::liberation_serif())?;
    let mut typesetter = Typesetter::new(fonts::liberation_serif())?;
    let store = PageStore::default();
    let title = title_of(&doc);
    let warm = vanban_render::layout(&doc, &sheet, &mut metrics);
    let pages = typesetter.preview_pages(&warm, &sheet, &title, &Marks::default(), &store)?;
    println!("{} pages; {keystrokes} keystrokes per place", pages.len());
    // One page's picture, as the window asks for it: SVG, or PNG at the pixel width shown.
    for (i, page) in pages.iter().enumerate().take(3) {
        let t = Instant::now();
        let svg = store.svg(page.key).ok_or("no page")?;
        let svg_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut line = format!("page {}: SVG {svg_ms:.1} ms {} KB", i + 1, svg.len() / 1024);
        for width in [760, 1520] {
            let t = Instant::now();
            let png = store.png(page.key, width).ok_or("no page")?;
            if let Some(dir) = std::env::var_os("PREVIEW_PNG_DIR") {
                std::fs::write(
                    std::path::Path::new(&dir).join(format!("p{}-{width}.png", i + 1)),
                    &png,
                )?;
            }
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            line += &format!("; PNG {width} px {ms:.1} ms {} KB", png.len() / 1024);
        }
        println!("{line}");
    }

    // Every page drawn as the window shows it, so that a changed page is drawn from its
    // picture before the keystroke (see `PageStore::png`).
    for page in &pages {
        store.png(page.key, 760).ok_or("no page")?;
    }
    let mut shown: Vec<_> = pages.iter().map(|p| p.key).collect();
    for place in ["subject (page 1)", "a task row far in"] {
        let mut phases: Vec<[f64; 6]> = Vec::new();
        for k in 0..keystrokes {
            let letter = char::from(b'a' + (k % 26) as u8);
            match place {
                "subject (page 1)" => doc.subject.push(letter),
                _ => last_task(&mut doc.tasks)
                    .ok_or("the document has no task row")?
                    .push(letter),
            }
            let mut t = Instant::now();
            let mut lap = || {
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                t = Instant::now();
                ms
            };
            let layout = vanban_render::layout(&doc, &sheet, &mut metrics);
            let layout_ms = lap();
            let source = markup(&layout, &sheet, &title, "Liberation Serif", Draw::Whole);
            let markup_ms = lap();
            let document = typesetter.typeset(&layout, &sheet, &title)?;
            let compile_ms = lap();
            // The same again: Typst answers from its cache, so this is the pages' hashing and
            // the store's bookkeeping of a preview.
            let infos =
                typesetter.preview_pages(&layout, &sheet, &title, &Marks::default(), &store)?;
            let keys_ms = lap();
            Typesetter::evict_cache(8);
            let evict_ms = lap();
            for page in infos.iter().filter(|p| !shown.contains(&p.key)) {
                store.png(page.key, 760).ok_or("no page")?;
            }
            let picture_ms = lap();
            shown = infos.iter().map(|p| p.key).collect();
            assert_eq!(infos.len(), document.pages().len());
            std::hint::black_box(source);
            phases.push([
                layout_ms, markup_ms, compile_ms, keys_ms, evict_ms, picture_ms,
            ]);
        }
        println!(
            "\nkeystrokes in the {place} (median / max, ms; {} of {} changed pages' pictures \
             drawn from the picture before):",
            store.redrawn(),
            store.drawn()
        );
        let names = [
            "layout tree",
            "Typst source",
            "Typst compile",
            "page keys (cached compile)",
            "cache eviction",
            "changed page's PNG, 760 px",
        ];
        for (i, name) in names.iter().enumerate() {
            let mut v: Vec<f64> = phases.iter().map(|p| p[i]).collect();
            v.sort_by(f64::total_cmp);
            println!(
                "  {name:<28} {:>8.2} {:>8.2}",
                v[v.len() / 2],
                v[v.len() - 1]
            );
        }
    }
    // The same keystrokes through the desktop's entry point (layout, compile, keys, eviction).
    let mut preview = vanban_app::preview::Preview::new()?;
    preview.keys_marked(&doc, &[])?;
    let mut whole = Vec::new();
    for k in 0..keystrokes {
        doc.subject.push(char::from(b'a' + (k % 26) as u8));
        let t = Instant::now();
        preview.keys_marked(&doc, &[])?;
        whole.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    whole.sort_by(f64::total_cmp);
    println!(
        "\nPreview::keys_marked, keystrokes in the subject: median {:.2} ms, max {:.2} ms",
        whole[whole.len() / 2],
        whole[whole.len() - 1]
    );
    Ok(())
}

/// The last span of the last task row's first paragraph.
fn last_task(nodes: &mut [TaskNode]) -> Option<&mut String> {
    for node in nodes.iter_mut().rev() {
        match node {
            TaskNode::Group { tasks, .. } => {
                if let Some(text) = last_task(tasks) {
                    return Some(text);
                }
            }
            TaskNode::Task(task) => {
                if let Some(text) = task.content.first_mut().and_then(|p| p.texts_mut().last()) {
                    return Some(text);
                }
            }
        }
    }
    None
}
