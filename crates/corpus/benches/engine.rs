//! The filter and search engine at scale: synthetic corpora of 10,000 and 100,000 articles
//! (generated as raw dumps and processed by the real pipeline), then a fixed mix of queries.
//! Prints index build time and per-query p50/p95, natively on one core.
//! Run with `cargo xtask bench` (or `cargo bench -p dossier-corpus --bench engine`).

use std::time::Instant;

use dossier_corpus::process::{self, Input};
use dossier_corpus::search::{Combine, Index, Query, Sort};
use dossier_corpus::synth::{self, Rng};

fn corpus(n: usize) -> dossier_corpus::Corpus {
    let people = synth::people(300);
    let mut rng = Rng::new(42);
    let inputs: Vec<Input> = (0..n)
        .map(|i| {
            let (file, text) = synth::article(i, &mut rng, &people);
            Input { file, bytes: text.into_bytes() }
        })
        .collect();
    process::process(&inputs, None, |_| {}).corpus
}

fn mix(index: &Index, corpus: &dossier_corpus::Corpus) -> Vec<Query> {
    let top = index.search(&Query::default());
    let outlet = |i: usize| top.outlets[i.min(top.outlets.len() - 1)].value.clone();
    let actor = |i: usize| corpus.actors[top.actors[i.min(top.actors.len() - 1)].0 as usize].name.clone();
    let mut qs = vec![Query::default()];
    let mut q = Query::default();
    q.outlets.include = vec![outlet(0)];
    qs.push(q.clone());
    q.outlets.include.push(outlet(3));
    qs.push(q);
    let mut q = Query::default();
    q.outlets.exclude = vec![outlet(0)];
    qs.push(q);
    let mut q = Query::default();
    q.actors.include = vec![actor(0), actor(5)];
    qs.push(q.clone());
    q.actor_mode = Combine::And;
    qs.push(q);
    qs.push(Query { from: Some("2018-03".into()), to: Some("2020".into()), ..Query::default() });
    qs.push(Query { text: "energy ".into(), ..Query::default() });
    qs.push(Query { text: "pipel".into(), ..Query::default() });
    qs.push(Query { text: "\"not change course\" sanctions ".into(), ..Query::default() });
    let mut q = Query { text: "security ".into(), from: Some("2019".into()), sort: Sort::Newest, ..Query::default() };
    q.outlets.include = vec![outlet(1)];
    q.actors.include = vec![actor(2)];
    qs.push(q);
    qs
}

fn main() {
    for n in [10_000, 100_000] {
        let started = Instant::now();
        let corpus = corpus(n);
        let processed = started.elapsed();
        let started = Instant::now();
        let index = Index::new(&corpus);
        let built = started.elapsed();
        let queries = mix(&index, &corpus);
        let mut times: Vec<f64> = Vec::new();
        for _ in 0..5 {
            for q in &queries {
                let t = Instant::now();
                std::hint::black_box(index.search(q));
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(f64::total_cmp);
        let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "engine, {n} articles ({} actors): processed in {:.1?}, index built in {:.1?}; {} queries: p50 {:.2} ms, p95 {:.2} ms (native, one core)",
            corpus.actors.len(),
            processed,
            built,
            times.len(),
            pct(0.50),
            pct(0.95)
        );
    }
}
