//! The engine benchmark in wasm: the same corpora and query mix as the native one
//! (`crates/corpus/benches/engine.rs`), timed with `performance.now()` where the explorer runs.

use dossier_corpus::bundle;
use dossier_corpus::search::{Index, TextFeed, time_sample_queries};
use wasm_bindgen::prelude::*;

/// The explorer's allocator, so that the memory measured is the page's.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: dossier_corpus::slabs::Slabs = dossier_corpus::slabs::Slabs::new();

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// The wasm linear memory, in MB (it grows and never shrinks: its high-water mark).
#[cfg(target_arch = "wasm32")]
fn memory_mb() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64 / 1e6
}

/// Built natively (`cargo clippy --workspace`, tests) there is no linear memory to read.
#[cfg(not(target_arch = "wasm32"))]
fn memory_mb() -> f64 {
    0.0
}

/// Open a corpus (bundle bytes) as the explorer does (bodies left compressed), build the
/// index without and then with its text (fed from the compressed bodies), run the query mix
/// five times, then the views' work over every article (`time_views`). The bytes are freed
/// once opened, as the explorer's `mount` frees its copy before it builds the index. Returns
/// two lines: articles, the times, queries, p50 ms, p95 ms, and the linear memory after
/// opening, after the index and after the queries; then the views' times.
#[wasm_bindgen]
pub fn run(bytes: Vec<u8>) -> Result<String, JsError> {
    let error = |e: bundle::BundleError| JsError::new(&e.to_string());
    let t = now();
    let (corpus, mut bodies) = bundle::open(&bytes).map_err(error)?;
    drop(bytes);
    let opened = now() - t;
    let memory_opened = memory_mb();
    let t = now();
    let index = Index::without_text(&corpus);
    index.open_text(&mut bodies);
    let facets = now() - t;
    let t = now();
    let text = TextFeed::default()
        .step(&index, &corpus, &bodies, || true)
        .map_err(error)?
        .ok_or_else(|| JsError::new("the text index is short"))?;
    index.finish_text(text);
    let built = now() - t;
    let memory_indexed = memory_mb();
    let t = time_sample_queries(&index, &corpus, now);
    let memory_queried = memory_mb();
    let views = dossier_corpus::search::time_views(&index, &corpus, now);
    Ok(format!(
        "engine, {} articles: opened in {opened:.0} ms, index built in {:.0} ms ({facets:.0} ms before its positions); {} queries: p50 {:.2} ms, p95 {:.2} ms (wasm); memory {memory_opened:.0} / {memory_indexed:.0} / {:.0} MB (opened / indexed / queried)\n{views} (wasm)",
        corpus.articles.len(),
        facets + built,
        t.queries,
        t.p50,
        t.p95,
        memory_queried
    ))
}
