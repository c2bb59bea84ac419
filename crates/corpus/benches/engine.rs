//! The filter and search engine at scale: synthetic corpora of 10,000 and 100,000 articles
//! with 200 outlets and 20,000 people, 3 to 12 named per article (generated as raw dumps and
//! processed by the real pipeline), then a fixed mix of queries.
//! Prints index build time and per-query p50/p95, natively on one core, and saves each corpus
//! (bundle format) as `target/tmp/engine-N.dsr` for the wasm and browser figures.
//! Run with `cargo xtask bench` (or `cargo bench -p dossier-corpus --bench engine`).

use std::time::Instant;

use dossier_corpus::process::{self, Input};
use dossier_corpus::search::Index;
use dossier_corpus::synth::{self, Rng};

fn corpus(n: usize) -> dossier_corpus::Corpus {
    let generator = synth::Generator::new(synth::Shape { outlets: 200, people: 20_000, people_per_article: (3, 12) });
    let mut rng = Rng::new(42);
    let inputs: Vec<Input> = (0..n)
        .map(|i| {
            let (file, text) = generator.article(i, &mut rng);
            Input::new(file, text.into_bytes())
        })
        .collect();
    process::process(&inputs, None, |_| {}).corpus
}

fn main() {
    for n in [10_000, 100_000] {
        let started = Instant::now();
        let corpus = corpus(n);
        let processed = started.elapsed();
        // Kept for the wasm and browser figures of `cargo xtask bench`, which reuse these corpora.
        let saved = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("engine-{n}.dsr"));
        std::fs::write(&saved, dossier_corpus::bundle::encode(&corpus)).expect("writing the benchmark corpus");
        let started = Instant::now();
        let index = Index::new(&corpus);
        let built = started.elapsed();
        let clock = Instant::now();
        let t = dossier_corpus::search::time_sample_queries(&index, &corpus, || clock.elapsed().as_secs_f64() * 1000.0);
        let line = format!(
            "engine, {n} articles ({} outlets, {} actors): processed in {:.1?}, index built in {:.1?}; {} queries: p50 {:.2} ms, p95 {:.2} ms (native, one core)",
            dossier_corpus::search::outlet_counts(&corpus).len(),
            corpus.actors.len(),
            processed,
            built,
            t.queries,
            t.p50,
            t.p95
        );
        println!("{line}");
        // Read back by the peers' table of `cargo xtask bench` (xtask/src/bench_peers.rs).
        std::fs::write(saved.with_extension("native.txt"), &line).expect("writing the benchmark figures");
    }
}
