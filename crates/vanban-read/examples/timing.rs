fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("file");
        let format = vanban_read::Format::from_extension(&path).expect("ext");
        let opts = vanban_read::Options::default();
        let _ = vanban_read::read(&bytes, format, &opts).expect("read");
        let n = 30;
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(vanban_read::read(&bytes, format, &opts).expect("read"));
        }
        println!("{path}: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    }
}
