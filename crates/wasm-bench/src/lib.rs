//! The engine benchmark in wasm: the same corpora and query mix as the native one
//! (`crates/corpus/benches/engine.rs`), timed with `performance.now()` where the explorer runs.

use dossier_corpus::bundle;
use dossier_corpus::search::{Index, time_sample_queries};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// Decode a corpus (bundle bytes), build the index and run the query mix five times.
/// Returns one line: articles, index build ms, queries, p50 ms, p95 ms.
#[wasm_bindgen]
pub fn run(bytes: &[u8]) -> Result<String, JsError> {
    let t = now();
    let corpus = bundle::decode(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let decoded = now() - t;
    let t = now();
    let index = Index::new(&corpus);
    let built = now() - t;
    let t = time_sample_queries(&index, &corpus, now);
    Ok(format!(
        "engine, {} articles: decoded in {decoded:.0} ms, index built in {built:.0} ms; {} queries: p50 {:.2} ms, p95 {:.2} ms (wasm)",
        corpus.articles.len(),
        t.queries,
        t.p50,
        t.p95
    ))
}
