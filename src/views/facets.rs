//! Outlet, origin and actor facets: every value with its live count, included by a click
//! on its name and excluded by the button beside it. Included values are OR-ed; actors
//! have an any/all switch.

use dossier_corpus::ActorType;
use dossier_corpus::present::{self, ActorRows};
use dossier_corpus::search::{Combine, Facet, Mark, Query, Selection};
use leptos::prelude::*;

use crate::state::use_explorer;
use crate::views::search::Finder;

/// Values shown per actor type before "show all".
const ACTORS_SHOWN: usize = 8;
/// At most this many values are drawn for one type, even when all are asked for.
const ACTORS_MAX: usize = 300;

#[component]
pub fn Facets() -> impl IntoView {
    let x = use_explorer();
    // Outlets and origins keep the order of the whole corpus, so values do not move under the pointer.
    let all = x.index.with_value(|i| i.search(&Query::default()));
    let single = |facet: Facet, title: &'static str, values: Vec<String>| {
        // Each value's count, in the order drawn: a row's count is then one look-up, and a
        // query that leaves it unchanged does not touch its row.
        let order: std::collections::HashMap<String, usize> = values.iter().enumerate().map(|(i, v)| (v.clone(), i)).collect();
        let counts = Memo::new(move |_| {
            x.results.with(|r| {
                let mut counts = vec![0; order.len()];
                for c in if facet == Facet::Outlet { &r.outlets } else { &r.origins } {
                    if let Some(&i) = order.get(&c.value) {
                        counts[i] = c.count;
                    }
                }
                counts
            })
        });
        let selection = selection_memo(facet);
        (!values.is_empty()).then(|| {
            view! {
                <fieldset class="facet" data-facet=facet.key()>
                    <legend>{title}</legend>
                    <ul>
                        {values
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| {
                                let count = Memo::new(move |_| counts.with(|c| c.get(i).copied().unwrap_or(0)));
                                view! { <FacetValue facet selection value=v.clone() label=v count=count.into() /> }
                            })
                            .collect_view()}
                    </ul>
                </fieldset>
            }
        })
    };
    let outlets = single(Facet::Outlet, "Outlet", all.outlets.iter().map(|c| c.value.clone()).collect());
    let origins = single(Facet::Origin, "Origin (syndicated from)", all.origins.iter().map(|c| c.value.clone()).collect());
    view! {
        {outlets}
        {origins}
        <ActorFacet />
    }
}

/// A facet's selection, apart from the rest of the query: its rows follow it, and a query
/// that changes only other filters leaves them alone.
fn selection_memo(facet: Facet) -> Memo<Selection> {
    let x = use_explorer();
    Memo::new(move |_| x.query.with(|q| q.selection(facet).clone()))
}

/// One value: its name and count (include) and an exclude button.
#[component]
fn FacetValue(facet: Facet, selection: Memo<Selection>, value: String, label: String, count: Signal<usize>) -> impl IntoView {
    let x = use_explorer();
    let mark = {
        let value = value.clone();
        Memo::new(move |_| selection.with(|s| s.state(&value)))
    };
    let include = {
        let value = value.clone();
        move |_| x.toggle(facet, &value, Mark::Include)
    };
    let exclude = {
        let value = value.clone();
        move |_| x.toggle(facet, &value, Mark::Exclude)
    };
    let exclude_label = format!("Exclude {label}");
    view! {
        <li class="facet-row" class:excluded=move || mark.get() == Mark::Exclude class:empty=move || count.get() == 0>
            <button
                type="button"
                class="facet-value"
                data-value=value.clone()
                aria-pressed=move || (mark.get() == Mark::Include).to_string()
                on:click=include
            >
                <span class="label">{label.clone()}</span>
                // The count, then its unit for screen readers: a static text, where a label
                // made for each count was set again on every row at every query.
                <span class="n">{count}</span>
                <span class="visually-hidden">" articles"</span>
            </button>
            <button
                type="button"
                class="facet-exclude"
                data-value=value
                title=exclude_label.clone()
                aria-label=exclude_label
                aria-pressed=move || (mark.get() == Mark::Exclude).to_string()
                on:click=exclude
            >
                "⊘"
            </button>
        </li>
    }
}

/// Actors by type, most frequent in the current results first, with a name filter.
#[component]
fn ActorFacet() -> impl IntoView {
    let x = use_explorer();
    let filter = RwSignal::new(String::new());
    let mode_all = move || x.query.with(|q| q.actor_mode == Combine::And);
    let set_mode = move |m: Combine| x.query.update(|q| q.actor_mode = m);
    let selection = selection_memo(Facet::Actor);
    let expanded = ActorType::ALL.map(|_| RwSignal::new(false));
    // Every type's rows under the current filters, in one pass over the results' actors.
    let rows = Memo::new(move |_| {
        let needle = filter.with(|f| f.trim().to_lowercase());
        let limits = expanded.map(|e| if e.get() { ACTORS_MAX } else { ACTORS_SHOWN });
        selection.with(|s| x.results.with(|r| x.corpus.with_value(|c| present::actor_rows(&c.actors, &r.actors, &needle, limits, s))))
    });
    view! {
        <fieldset class="facet" data-facet="actor">
            <legend>"Actors"</legend>
            <div class="actor-tools">
                <Finder id="dossier-actor-filter" class="actor-filter" label="Find an actor" value=filter />
                <div class="mode" role="group" aria-label="Articles must mention">
                    <button type="button" data-mode="or" aria-pressed=move || (!mode_all()).to_string() on:click=move |_| set_mode(Combine::Or)>
                        "any"
                    </button>
                    <button type="button" data-mode="and" aria-pressed=move || mode_all().to_string() on:click=move |_| set_mode(Combine::And)>
                        "all"
                    </button>
                </div>
            </div>
            {ActorType::ALL
                .into_iter()
                .zip(expanded)
                .map(|(kind, expanded)| view! { <ActorGroup kind rows expanded selection /> })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn ActorGroup(kind: ActorType, rows: Memo<[ActorRows; 4]>, expanded: RwSignal<bool>, selection: Memo<Selection>) -> impl IntoView {
    let heading_id = format!("dossier-actors-{}", kind.as_str());
    let title = match kind {
        ActorType::Person => "People",
        ActorType::Country => "Countries",
        ActorType::Organization => "Organizations",
        ActorType::Place => "Places",
    };
    view! {
        <Show when=move || rows.with(|r| !r[kind as usize].rows.is_empty())>
            <section class="actor-group" data-kind=kind.as_str() aria-labelledby=heading_id.clone()>
                <h2 id=heading_id.clone()>{title}</h2>
                <ul>
                    <For
                        each=move || rows.with(|r| r[kind as usize].rows.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>())
                        key=|name| name.clone()
                        children=move |name| {
                            let key = name.clone();
                            let count = Memo::new(move |_| rows.with(|r| r[kind as usize].rows.iter().find(|(n, _)| *n == key).map_or(0, |(_, c)| *c)));
                            view! { <FacetValue facet=Facet::Actor selection value=name.clone() label=name count=count.into() /> }
                        }
                    />
                </ul>
                <Show when=move || rows.with(|r| r[kind as usize].hidden > 0) || expanded.get()>
                    <button type="button" class="more" aria-expanded=move || expanded.get().to_string() on:click=move |_| expanded.update(|e| *e = !*e)>
                        {move || if expanded.get() { "Show fewer".to_owned() } else { format!("Show {} more", rows.with(|r| r[kind as usize].hidden)) }}
                    </button>
                </Show>
            </section>
        </Show>
    }
}
