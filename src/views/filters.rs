//! The active filters as removable chips, with "clear all".

use dossier_corpus::search::{Active, Mark};
use leptos::prelude::*;

use crate::state::use_explorer;

#[component]
pub fn ActiveFilters() -> impl IntoView {
    let x = use_explorer();
    let active = Memo::new(move |_| x.query.with(|q| q.active()));
    view! {
        <Show when=move || active.with(|a| !a.is_empty())>
            <ul class="active-filters" aria-label="Active filters">
                {move || {
                    active
                        .get()
                        .into_iter()
                        .map(|a| {
                            let label = match &a {
                                Active::Text(t) => format!("Search: {t}"),
                                Active::Value(f, v, Mark::Exclude) => format!("Not {}: {v}", f.key()),
                                Active::Value(f, v, _) => format!("{}: {v}", capitalised(f.key())),
                                Active::From(d) => format!("From {d}"),
                                Active::To(d) => format!("To {d}"),
                            };
                            let remove = format!("Remove filter {label}");
                            view! {
                                <li>
                                    <button type="button" class="chip filter-chip" aria-label=remove on:click=move |_| x.query.update(|q| q.remove(&a))>
                                        {label}
                                        <span aria-hidden="true">" ×"</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <li>
                    <button type="button" class="clear-all" on:click=move |_| x.query.update(|q| *q = q.cleared())>
                        "Clear all"
                    </button>
                </li>
            </ul>
        </Show>
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
