//! Reads a file a number of times without printing the document, for profiling the reader
//! (`valgrind --tool=callgrind`, `perf`): `cargo run --release -p vanban-read --example
//! profile -- FILE [TIMES]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile FILE.docx|FILE.pdf|FILE.txt [TIMES]");
        std::process::exit(2);
    };
    let times: u32 = args.next().and_then(|t| t.parse().ok()).unwrap_or(1);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let format = vanban_read::Format::from_extension(&path)
        .unwrap_or_else(|| vanban_read::Format::sniff(&bytes));
    let start = std::time::Instant::now();
    let mut sections = 0;
    for _ in 0..times {
        match vanban_read::read(&bytes, format, &vanban_read::Options::default()) {
            Ok(r) => sections = r.document.body.sections.len(),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        }
    }
    let each = start.elapsed() / times.max(1);
    eprintln!("{path}: {sections} sections, {each:?} a read");
}
