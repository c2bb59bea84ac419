//! The date facet: a histogram of the matching articles by month (by year over long
//! spans) where dragging selects a range, from/to fields, and the undated bucket.

use dossier_corpus::present::{self, Bucket};
use dossier_corpus::search::bound;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::use_explorer;

#[component]
pub fn Dates() -> impl IntoView {
    let x = use_explorer();
    let span = x.index.with_value(|i| i.month_span().map(|(a, b)| (a.to_owned(), b.to_owned())));
    let buckets: Memo<Vec<Bucket>> =
        Memo::new(move |_| span.as_ref().map(|(a, b)| x.results.with(|r| present::histogram(a, b, &r.months))).unwrap_or_default());
    let undated = Memo::new(move |_| x.results.with(|r| r.undated));
    let has_range = move || x.query.with(|q| q.from.is_some() || q.to.is_some());
    let set_range = move |from: Option<String>, to: Option<String>| {
        x.query.update(|q| {
            q.from = from;
            q.to = to;
        })
    };
    view! {
        <fieldset class="facet" data-facet="date">
            <legend>"Date"</legend>
            <Histogram buckets set_range />
            <div class="range">
                <DateField label="From" get=move || x.query.with(|q| q.from.clone()) set=move |v| x.query.update(|q| q.from = v) />
                <DateField label="To" get=move || x.query.with(|q| q.to.clone()) set=move |v| x.query.update(|q| q.to = v) />
            </div>
            <div class="undated" data-undated=move || undated.get().to_string()>
                <Show
                    when=has_range
                    fallback=move || view! { <p class="hint">{move || format!("Undated articles: {}", undated.get())}</p> }
                >
                    <label>
                        <input
                            type="checkbox"
                            prop:checked=move || x.query.with(|q| q.include_undated)
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                x.query.update(|q| q.include_undated = on);
                            }
                        />
                        {move || format!(" Also show undated articles ({})", undated.get())}
                    </label>
                </Show>
            </div>
        </fieldset>
    }
}

/// Bars as buttons: a click (or Enter) selects one bar, Shift+Enter extends the range, and a drag
/// across bars selects them all.
#[component]
fn Histogram(
    buckets: Memo<Vec<Bucket>>,
    set_range: impl Fn(Option<String>, Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let x = use_explorer();
    let drag: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let anchor: RwSignal<Option<usize>> = RwSignal::new(None);
    let max = Memo::new(move |_| buckets.with(|b| b.iter().map(|b| b.count).max().unwrap_or(0)).max(1));
    // The range apart from the rest of the query: the bars follow it, not every query.
    let range = Memo::new(move |_| x.query.with(|q| (q.from.as_deref().and_then(bound), q.to.as_deref().and_then(bound))));
    let selected = move |key: &str| {
        range.with(|&(from, to)| {
            let Some(k) = bound(key) else {
                return false;
            };
            (from.is_some() || to.is_some()) && from.is_none_or(|f| k.1 >= f.0) && to.is_none_or(|t| k.0 <= t.1)
        })
    };
    let commit = move |a: usize, b: usize| {
        let (a, b) = (a.min(b), a.max(b));
        buckets.with_untracked(|bs| {
            if let (Some(first), Some(last)) = (bs.get(a), bs.get(b)) {
                set_range(Some(first.key.clone()), Some(last.key.clone()));
            }
        });
    };
    // The bar under the pointer, from its x position (works with pointer capture and touch).
    let bar_at = move |e: &web_sys::PointerEvent| -> Option<usize> {
        let el: web_sys::Element = e.current_target()?.dyn_into().ok()?;
        let rect = el.get_bounding_client_rect();
        let n = buckets.with_untracked(Vec::len);
        if n == 0 || rect.width() <= 0.0 {
            return None;
        }
        let i = ((e.client_x() as f64 - rect.left()) / rect.width() * n as f64).floor();
        Some(i.clamp(0.0, n as f64 - 1.0) as usize)
    };
    view! {
        <div
            class="histogram"
            role="group"
            aria-label="Articles by date: choose a bar, or drag across bars, to filter"
            on:pointerdown=move |e| {
                if e.button() == 0
                    && let Some(i) = bar_at(&e)
                {
                    drag.set(Some((i, i)));
                    if let Some(el) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        let _ = el.set_pointer_capture(e.pointer_id());
                    }
                }
            }
            on:pointermove=move |e| {
                if let (Some((a, _)), Some(i)) = (drag.get_untracked(), bar_at(&e)) {
                    drag.set(Some((a, i)));
                }
            }
            on:pointerup=move |e| {
                if let Some((a, b)) = drag.get_untracked() {
                    let b = bar_at(&e).unwrap_or(b);
                    drag.set(None);
                    anchor.set(Some(a));
                    commit(a, b);
                }
            }
            on:pointercancel=move |_| drag.set(None)
        >
            // The buckets are the same for every query (the corpus's month span): the bars are
            // drawn once, and a query only changes their counts.
            {buckets
                .with_untracked(|b| b.iter().map(|b| b.key.clone()).collect::<Vec<_>>())
                .into_iter()
                .enumerate()
                .map(|(i, key)| {
                    let bucket = Memo::new(move |_| buckets.with(|b| b.get(i).map(|b| (b.label.clone(), b.count)).unwrap_or_default()));
                    let height = move || {
                        let count = bucket.with(|b| b.1);
                        format!("height: {}%", present::fixed(if count == 0 { 0.0 } else { 8.0 + 92.0 * count as f64 / max.get() as f64 }, 1))
                    };
                    let in_drag = move || drag.with(|d| d.is_some_and(|(a, c)| (a.min(c)..=a.max(c)).contains(&i)));
                    let pressed = {
                        let key = key.clone();
                        move || selected(&key).to_string()
                    };
                    view! {
                        <button
                            type="button"
                            class="bar"
                            data-key=key
                            data-count=move || bucket.with(|b| b.1)
                            class:dragging=in_drag
                            aria-pressed=pressed
                            aria-label=move || bucket.with(|(label, count)| format!("{label}: {count} articles"))
                            title=move || bucket.with(|(label, count)| format!("{label}: {count}"))
                            on:click=move |e| {
                                // Pointer clicks are handled by the drag; this is Enter/Space.
                                if e.detail() == 0 {
                                    let start = if e.shift_key() { anchor.get_untracked().unwrap_or(i) } else { i };
                                    anchor.set(Some(start));
                                    commit(start, i);
                                }
                            }
                        >
                            <span class="fill" style=height></span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <div class="axis" aria-hidden="true">
            <span>{move || buckets.with(|b| b.first().map(|b| b.label.clone()).unwrap_or_default())}</span>
            <span>{move || buckets.with(|b| b.last().map(|b| b.label.clone()).unwrap_or_default())}</span>
        </div>
    }
}

/// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` field, applied on Enter or leaving it.
#[component]
fn DateField(
    label: &'static str,
    get: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    set: impl Fn(Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let invalid = RwSignal::new(false);
    let id = format!("dossier-{}", label.to_lowercase());
    let apply = move |text: String| {
        let text = text.trim().to_owned();
        if text.is_empty() {
            invalid.set(false);
            set(None);
        } else if bound(&text).is_some() {
            invalid.set(false);
            set(Some(text));
        } else {
            invalid.set(true);
        }
    };
    view! {
        <label for=id.clone()>{label}</label>
        <input
            id=id
            class="date-input"
            data-bound=label.to_lowercase()
            type="text"
            inputmode="numeric"
            placeholder="YYYY-MM"
            autocomplete="off"
            aria-invalid=move || invalid.get().to_string()
            title="A year, month or day: 2021, 2021-12 or 2021-12-15"
            prop:value=move || get().unwrap_or_default()
            on:change=move |e| apply(event_target_value(&e))
            on:keydown=move |e| {
                if e.key() == "Enter" {
                    apply(event_target_value(&e));
                }
            }
        />
    }
}
