//! The benchmarks' query mix and its timing loop, shared by the native and the wasm figures.

use super::{Combine, FacetCount, Index, Query, Sort};
use crate::model::Corpus;

/// Query timings of a benchmark: how many were timed, and the median and 95th percentile in ms.
#[derive(Debug, Clone, Copy)]
pub struct Timings {
    pub queries: usize,
    pub p50: f64,
    pub p95: f64,
}

/// Run [`sample_queries`] five times, timing each search with `now` (milliseconds): the one
/// method behind the native and the wasm figures, so they compare.
pub fn time_sample_queries(index: &Index, corpus: &Corpus, mut now: impl FnMut() -> f64) -> Timings {
    let queries = sample_queries(index, corpus);
    let mut times = Vec::with_capacity(queries.len() * 5);
    for _ in 0..5 {
        for q in &queries {
            let t = now();
            std::hint::black_box(index.search(q));
            times.push(now() - t);
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Timings { queries: times.len(), p50: pct(0.5), p95: pct(0.95) }
}

/// A fixed mix of queries for the benchmarks (native and wasm): facets, exclusion, actors
/// any/all, dates, words, a prefix, a phrase and a combination, over the corpus's top values.
pub fn sample_queries(index: &Index, corpus: &Corpus) -> Vec<Query> {
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
    q.actors.include = vec![actor(0).to_string(), actor(5).to_string()];
    qs.push(q.clone());
    q.actor_mode = Combine::And;
    qs.push(q);
    qs.push(Query { from: Some("2018-03".into()), to: Some("2020".into()), ..Query::default() });
    qs.push(Query { text: "energy ".into(), ..Query::default() });
    qs.push(Query { text: "pipel".into(), ..Query::default() });
    qs.push(Query { text: "\"not change course\" sanctions ".into(), ..Query::default() });
    let mut q = Query { text: "security ".into(), from: Some("2019".into()), sort: Sort::Newest, ..Query::default() };
    q.outlets.include = vec![outlet(1)];
    q.actors.include = vec![actor(2).to_string()];
    qs.push(q);
    qs
}

/// How long the views' `insight` work takes over every article, in ms, as one line: quotes
/// by speaker (all, then filtered on a word), the co-occurrence of the top 10 actors (as the network view), and
/// the profile of the actor in most articles (`index` is `corpus`'s: it names that actor).
pub fn time_views(index: &Index, corpus: &Corpus, mut now: impl FnMut() -> f64) -> String {
    let ids: Vec<u32> = (0..corpus.articles.len() as u32).collect();
    let mut time = |f: &mut dyn FnMut() -> usize| {
        let t = now();
        let n = f();
        (now() - t, n)
    };
    let (quotes, speakers) = time(&mut || crate::insight::quotes_by_speaker(corpus, &ids, "").len());
    let (filtered, _) = time(&mut || crate::insight::quotes_by_speaker(corpus, &ids, "energy").len());
    let (matrix, _) = time(&mut || crate::insight::cooccurrence(corpus, &ids, 10).actors.len());
    let top = index.search(&Query::default()).actors.first().map(|a| a.0);
    let name = top.and_then(|a| corpus.actors.get(a as usize)).map(|a| a.name.to_string()).unwrap_or_default();
    let (profile, _) = time(&mut || crate::insight::profile(corpus, &name).map_or(0, |p| p.articles.len()));
    format!(
        "views over {} articles: quotes by speaker {quotes:.1} ms ({speakers} speakers), filtered on a word {filtered:.1} ms; co-occurrence of 10 actors {matrix:.1} ms; the top actor's profile {profile:.1} ms",
        ids.len()
    )
}

/// Outlets with their article counts, most frequent first (the whole corpus).
pub fn outlet_counts(corpus: &Corpus) -> Vec<FacetCount> {
    Index::new(corpus).search(&Query::default()).outlets
}
