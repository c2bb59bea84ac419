//! What opening a bundle as the explorer does costs, step by step, in time and heap:
//! `cargo run --release -p dossier-corpus --example open_times -- CORPUS.dsr`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use dossier_corpus::search::{Index, TextFeed};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = NOW.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(b: usize) -> f64 {
    b as f64 / 1e6
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: open_times CORPUS.dsr");
    let bytes = std::fs::read(&path).expect("reading the corpus");
    let base = NOW.load(Ordering::Relaxed);
    let step = |what: &str, t: Instant| {
        let (now, peak) = (NOW.load(Ordering::Relaxed), PEAK.load(Ordering::Relaxed));
        println!("{what:<28} {:>8.1?}  heap {:>7.1} MB (peak {:>7.1} MB) beside the bundle", t.elapsed(), mb(now - base), mb(peak - base));
    };
    let t = Instant::now();
    let (corpus, mut bodies) = dossier_corpus::bundle::open(&bytes).expect("a bundle");
    step("opened", t);
    let t = Instant::now();
    let index = Index::without_text(&corpus);
    index.open_text(&mut bodies);
    step("index (words, no positions)", t);
    let t = Instant::now();
    let text = TextFeed::default().step(&index, &corpus, &bodies, || true).expect("bodies").expect("every article");
    index.finish_text(text);
    step("text index whole", t);
    println!(
        "{} articles, {} blocks of bodies ({:.1} MB compressed)",
        corpus.articles.len(),
        bodies.blocks(),
        mb(bodies.compressed_bytes())
    );
}
