//! Export of the current results as CSV or JSON, downloaded from the page itself.

use dossier_corpus::present::{self, ExportRow};
use leptos::prelude::*;

use crate::state::{Explorer, use_explorer};
use crate::web;

fn rows(x: &Explorer, with_body: bool) -> Vec<ExportRow> {
    let ids = x.results.with_untracked(|r| r.ids.clone());
    let mut rows = Vec::with_capacity(ids.len());
    // Every row counts its body's words.
    x.each_with_body(&ids, |a| rows.push(ExportRow::new(a, with_body)));
    rows
}

fn json(rows: &[ExportRow]) -> Result<String, wasm_bindgen::JsValue> {
    let value = crate::embed::to_js(&rows).map_err(wasm_bindgen::JsValue::from)?;
    js_sys::JSON::stringify_with_replacer_and_space(&value, &wasm_bindgen::JsValue::NULL, &2.into())?
        .as_string()
        .ok_or_else(|| "not text".into())
}

#[component]
pub fn Export() -> impl IntoView {
    let x = use_explorer();
    let error = RwSignal::new(None::<String>);
    let save = move |kind: &'static str| {
        let result = match kind {
            "csv" => web::download("dossier-results.csv", "text/csv;charset=utf-8", &present::csv(&rows(&x, false))),
            _ => json(&rows(&x, true)).and_then(|j| web::download("dossier-results.json", "application/json", &j)),
        };
        error.set(result.err().map(|e| format!("The export failed: {}", e.as_string().unwrap_or_else(|| format!("{e:?}")))));
    };
    view! {
        <div class="export" role="group" aria-label="Export these results">
            <span class="label">"Export"</span>
            <button type="button" data-export="csv" on:click=move |_| save("csv")>"CSV"</button>
            <button type="button" data-export="json" on:click=move |_| save("json")>"JSON"</button>
            <span class="error" role="alert">{move || error.get()}</span>
        </div>
    }
}
