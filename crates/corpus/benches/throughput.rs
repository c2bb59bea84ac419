//! Processing throughput on one core (CPU time of the thread), best of 5, for three sets of pages each repeated to a
//! fixed size: the bundled seed dumps, the development set's text dumps (40 pages from 34
//! sites) and the same pages as HTML. Each set runs through extraction and metadata alone,
//! then with actors and quotes. Prints MB/s of input; `cargo xtask bench` reads the
//! `dev dumps` and `dev HTML` lines to compare with trafilatura on the same pages.
//! Run with `cargo xtask bench` (or `cargo bench -p dossier-corpus --bench throughput`).

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use dossier_corpus::process::{self, Input};

/// The allocator `dossier` ships with (crates/cli/src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGET_BYTES: usize = 30_000_000;

/// Every file of `dir`, `.gz` files decompressed (named without `.gz`).
fn read(dir: &Path) -> Vec<Input> {
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("a bench folder").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let raw = std::fs::read(&p).ok()?;
            Some(match name.strip_suffix(".gz") {
                Some(stem) => {
                    let mut bytes = Vec::new();
                    flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut bytes).ok()?;
                    Input::new(stem.to_owned(), bytes)
                }
                None if process::Kind::of(&name).is_some() => Input::new(name, raw),
                None => return None,
            })
        })
        .collect()
}

/// CPU time of this thread, in seconds: "on one core" even when other programs share the
/// machine (wall time would count their turns too). Wall time where the clock is missing.
fn cpu_seconds() -> f64 {
    #[cfg(unix)]
    {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `t` is a valid timespec for the call to fill.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return t.tv_sec as f64 + t.tv_nsec as f64 / 1e9;
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

fn measure(name: &str, inputs: &[Input]) {
    let one: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let copies = TARGET_BYTES.div_ceil(one);
    let repeated: Vec<Input> =
        (0..copies).flat_map(|c| inputs.iter().map(move |i| Input::new(format!("{c}-{}", i.file), i.bytes.clone()))).collect();
    let mb = (one * copies) as f64 / 1e6;
    // Warm up (builds the knowledge tables once).
    let _ = process::process(inputs, None, |_| {});
    let best = |step: &dyn Fn(&Input) -> bool| {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let started = cpu_seconds();
            std::hint::black_box(repeated.iter().filter(|i| step(i)).count());
            best = best.min(cpu_seconds() - started);
        }
        best
    };
    println!("{name}: {mb:.1} MB in {} files ({copies} copies of {}), best of 5, CPU time of one thread:", repeated.len(), inputs.len());
    let t = best(&|i| process::extract_article(i).is_ok());
    println!("  {name}, text, body, metadata:      {t:.2} s = {:.1} MB/s", mb / t);
    let t = best(&|i| process::process_one(i).is_ok());
    println!("  {name}, with actors and quotes:    {t:.2} s = {:.1} MB/s", mb / t);
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    measure("seeds", &read(&root.join("corpus")));
    measure("dev dumps", &read(&root.join("tests/eval/dev/raw")));
    measure("dev HTML", &read(&root.join("tests/eval/dev/html")));
}
