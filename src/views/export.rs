//! Export of the current results as CSV or JSON, downloaded from the page itself.
//!
//! An export is made a slice of rows at a time between tasks, as text pieces handed to the
//! download's Blob: at 100k articles the whole export in one go froze the page for 10 s
//! (CSV) and 15 s (JSON, with every body), and grew the wasm memory to 850 MB, which it
//! keeps. The page stays usable meanwhile, and the export says how far it is.

use dossier_corpus::present::{self, ExportRow};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::{Explorer, use_explorer};
use crate::web;

/// Time an export may take from the page in one go.
const SLICE_MS: f64 = 25.0;
/// Articles read between two looks at the clock.
const ROWS_PER_LOOK: usize = 64;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Csv,
    Json,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Csv => "CSV",
            Kind::Json => "JSON",
        }
    }
}

/// An export under way: the result ids when it was asked for, and the pieces of text
/// written so far. A CSV counts the words of every body first, in article order (so each
/// block of bodies is read once), then writes its rows in the results' order; a JSON, which
/// holds the bodies, writes its rows as it reads them.
struct Job {
    kind: Kind,
    ids: Vec<u32>,
    /// CSV: each article's position in `ids` plus one (0 for an article not in them), the
    /// next article to look at, and the words counted for each position.
    at: Vec<u32>,
    next_article: usize,
    words: Vec<usize>,
    /// Positions counted (CSV), then rows written.
    counted: usize,
    done: usize,
    parts: js_sys::Array,
}

impl Job {
    fn new(x: &Explorer, kind: Kind) -> Job {
        let parts = js_sys::Array::new();
        match kind {
            Kind::Csv => parts.push(&JsValue::from_str(&format!("{}\r\n", present::CSV_HEADER.join(",")))),
            Kind::Json => parts.push(&JsValue::from_str("[")),
        };
        let ids = x.results.with_untracked(|r| r.ids.clone());
        let (mut at, mut words) = (Vec::new(), Vec::new());
        if kind == Kind::Csv {
            at = vec![0; x.corpus.with_value(|c| c.articles.len())];
            for (i, &id) in ids.iter().enumerate() {
                at[id as usize] = i as u32 + 1;
            }
            words = vec![0; ids.len()];
        }
        let counted = if kind == Kind::Csv { 0 } else { ids.len() };
        Job { kind, ids, at, next_article: 0, words, counted, done: 0, parts }
    }

    /// Count or write rows for about [`SLICE_MS`]; whether work is left.
    fn slice(&mut self, x: &Explorer) -> Result<bool, JsValue> {
        let start = web::now();
        while self.done < self.ids.len() && web::now() - start < SLICE_MS {
            if self.counted < self.ids.len() {
                self.count(x);
            } else {
                self.write(x)?;
            }
        }
        Ok(self.done < self.ids.len())
    }

    /// Count the words of the next bodies in article order (CSV).
    fn count(&mut self, x: &Explorer) {
        let mut batch = Vec::with_capacity(ROWS_PER_LOOK * 4);
        while batch.len() < ROWS_PER_LOOK * 4 && self.next_article < self.at.len() {
            if self.at[self.next_article] > 0 {
                batch.push(self.next_article as u32);
            }
            self.next_article += 1;
        }
        let Job { at, words, .. } = self;
        x.each_body(&batch, |j, _, body| words[at[batch[j] as usize] as usize - 1] = body.iter().map(|p| present::word_count(p)).sum());
        self.counted += batch.len();
    }

    /// Write the next rows in the results' order.
    fn write(&mut self, x: &Explorer) -> Result<(), JsValue> {
        let next = (self.done + ROWS_PER_LOOK).min(self.ids.len());
        let ids = &self.ids[self.done..next];
        match self.kind {
            Kind::Csv => {
                let rows: Vec<ExportRow> = ids
                    .iter()
                    .enumerate()
                    .map(|(j, &id)| x.record(id, |a| ExportRow { words: self.words[self.done + j], ..ExportRow::of(a, &[], false) }))
                    .collect();
                self.parts.push(&JsValue::from_str(&present::csv_lines(&rows)));
            }
            Kind::Json => {
                let mut rows: Vec<Option<ExportRow>> = vec![None; ids.len()];
                x.each_body(ids, |j, a, body| rows[j] = Some(ExportRow::of(a, body, true)));
                for (j, row) in rows.iter().enumerate() {
                    let row = row.as_ref().ok_or("an article of the results was not read")?;
                    let value = crate::embed::to_js(row).map_err(JsValue::from)?;
                    let sep = if self.done == 0 && j == 0 { "\n" } else { ",\n" };
                    self.parts.push(&JsValue::from_str(sep));
                    self.parts.push(&js_sys::JSON::stringify(&value)?.into());
                }
            }
        }
        self.done = next;
        Ok(())
    }

    fn finish(self) -> Result<(), JsValue> {
        match self.kind {
            Kind::Csv => web::download("dossier-results.csv", "text/csv;charset=utf-8", &self.parts),
            Kind::Json => {
                self.parts.push(&JsValue::from_str("\n]\n"));
                web::download("dossier-results.json", "application/json", &self.parts)
            }
        }
    }

    /// How far the export is: counting is the first half of a CSV's work.
    fn percent(&self) -> u8 {
        let n = self.ids.len().max(1);
        let share = match self.kind {
            Kind::Csv => (self.counted + self.done) * 50 / n,
            Kind::Json => self.done * 100 / n,
        };
        share as u8
    }
}

/// Go on with `job` for a slice, then in a task of its own, reporting through `progress` and
/// `error`.
fn run(x: Explorer, mut job: Job, progress: RwSignal<Vec<(Kind, u8)>>, error: RwSignal<Option<String>>) {
    if x.corpus.is_disposed() || progress.is_disposed() {
        return; // the explorer was unmounted (or remounted on an imported corpus) meanwhile
    }
    let kind = job.kind;
    let report = move |p: Option<u8>| {
        progress.update(|all| {
            all.retain(|(k, _)| *k != kind);
            all.extend(p.map(|p| (kind, p)));
        })
    };
    let outcome = job.slice(&x).and_then(|more| if more { Ok(Some(job)) } else { job.finish().map(|()| None) });
    match outcome {
        Ok(Some(job)) => {
            report(Some(job.percent()));
            gloo_timers::callback::Timeout::new(0, move || run(x, job, progress, error)).forget();
        }
        Ok(None) => report(None),
        Err(e) => {
            report(None);
            error.set(Some(format!("The {} export failed: {}", kind.name(), e.as_string().unwrap_or_else(|| format!("{e:?}")))));
        }
    }
}

#[component]
pub fn Export() -> impl IntoView {
    let x = use_explorer();
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(Vec::<(Kind, u8)>::new());
    let save = move |kind: Kind| {
        error.set(None);
        run(x, Job::new(&x, kind), progress, error);
    };
    let status =
        move || progress.with(|all| all.iter().map(|(k, p)| format!("Exporting {}… {p} %", k.name())).collect::<Vec<_>>().join(" · "));
    view! {
        <div class="export" role="group" aria-label="Export these results">
            <span class="label">"Export"</span>
            <button type="button" data-export="csv" on:click=move |_| save(Kind::Csv)>"CSV"</button>
            <button type="button" data-export="json" on:click=move |_| save(Kind::Json)>"JSON"</button>
            <span class="export-progress" role="status">{status}</span>
            <span class="error" role="alert">{move || error.get()}</span>
        </div>
    }
}
