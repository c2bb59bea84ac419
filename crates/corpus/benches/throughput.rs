//! Processing throughput on one core: the bundled corpus's raw files, repeated to at
//! least 50 MB, through the pipeline: extraction and metadata alone, then with actors and
//! quotes. Prints MB/s.
//! Run with `cargo xtask bench` (or `cargo bench -p dossier-corpus`).

use std::time::Instant;

use dossier_corpus::process::{self, Input};

const TARGET_BYTES: usize = 50_000_000;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let (inputs, _) = process::read_dir(&dir).expect("the bundled corpus");
    let seed_bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let copies = TARGET_BYTES.div_ceil(seed_bytes);
    let repeated: Vec<Input> =
        (0..copies).flat_map(|c| inputs.iter().map(move |i| Input { file: format!("{c}-{}", i.file), bytes: i.bytes.clone() })).collect();
    let total: usize = repeated.iter().map(|i| i.bytes.len()).sum();
    // Warm up (builds the knowledge tables once).
    let _ = process::process(&inputs, None, |_| {});
    let measure = |step: &dyn Fn(&Input) -> bool| {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let started = Instant::now();
            let ok = repeated.iter().filter(|i| step(i)).count();
            assert_eq!(ok, repeated.len());
            best = best.min(started.elapsed().as_secs_f64());
        }
        best
    };
    let mb = total as f64 / 1e6;
    println!("{mb:.1} MB in {} files ({copies} copies of {} seed files), best of 5, one core:", repeated.len(), inputs.len());
    let t = measure(&|i| process::extract_article(i).is_ok());
    println!("  processing (text, body, metadata):        {:.2} s = {:.1} MB/s", t, mb / t);
    let t = measure(&|i| process::process_one(i).is_ok());
    println!("  processing with actors and quotes:        {:.2} s = {:.1} MB/s", t, mb / t);
}
