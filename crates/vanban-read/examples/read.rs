//! Prints what the reader makes of a file: its diagnostics, then the document as `vanban/1`
//! JSON. `cargo run -p vanban-read --example read -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read FILE.docx|FILE.pdf|FILE.txt");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let format = vanban_read::Format::from_extension(&path)
        .unwrap_or_else(|| vanban_read::Format::sniff(&bytes));
    match vanban_read::read(&bytes, format, &vanban_read::Options::default()) {
        Ok(r) => {
            for d in &r.diagnostics {
                eprintln!("{:?} {}: {}", d.severity, d.origin, d.message);
            }
            println!("{}", vanban_core::exchange::to_string(&r.document));
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
