//! The engine on a saved corpus: `cargo run --release -p dossier-corpus --example index_times
//! -- CORPUS.dsr [OUT.dsr]`. Prints the bundle decode and index build times and the query mix's p50/p95,
//! then the views' work over every article and each query of the mix (the slowest show which
//! part needs work). With OUT, also writes
//! the corpus again in the current bundle layout.

use std::time::Instant;

use dossier_corpus::search::{Index, sample_queries};

fn main() {
    let path = std::env::args().nth(1).expect("usage: index_times CORPUS.dsr");
    let bytes = std::fs::read(&path).expect("reading the corpus");
    let t = Instant::now();
    let corpus = dossier_corpus::bundle::decode(&bytes).expect("a bundle");
    let decoded = t.elapsed();
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(&out, dossier_corpus::bundle::encode(&corpus)).expect("writing the corpus");
    }
    let t = Instant::now();
    let index = Index::new(&corpus);
    let built = t.elapsed();
    let clock = Instant::now();
    let timings = dossier_corpus::search::time_sample_queries(&index, &corpus, || clock.elapsed().as_secs_f64() * 1000.0);
    println!(
        "{} articles: decoded in {decoded:.1?}, index built in {built:.1?}; {} queries p50 {:.2} ms, p95 {:.2} ms",
        corpus.articles.len(),
        timings.queries,
        timings.p50,
        timings.p95
    );
    println!("{}", dossier_corpus::search::time_views(&index, &corpus, || clock.elapsed().as_secs_f64() * 1000.0));
    for q in sample_queries(&index, &corpus) {
        let t = Instant::now();
        let r = index.search(&q);
        println!("  {:>8.2} ms {:>7} hits  {}", t.elapsed().as_secs_f64() * 1000.0, r.ids.len(), dossier_corpus::url::to_hash(&q));
    }
}
