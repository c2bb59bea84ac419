//! The result list: title, outlet (and origin), date at its precision, authors, a snippet
//! with the query's terms marked, and the main actors as chips that add a filter.

use dossier_corpus::present::{self, Piece, Terms};
use dossier_corpus::search::{Facet, Mark};
use leptos::prelude::*;

use crate::app::use_frame;
use crate::embed::Opened;
use crate::state::use_explorer;

/// Results drawn at first and added by "show more": a long list is never drawn whole.
const PAGE: usize = 50;

#[component]
pub fn ResultList() -> impl IntoView {
    let x = use_explorer();
    let shown = RwSignal::new(PAGE);
    // A new query starts again from the top.
    Effect::new(move |_| {
        x.results.track();
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });
    let count = move || x.results.with(|r| r.ids.len());
    view! {
        <ol class="result-list" data-results=move || count().to_string() aria-label="Matching articles">
            // Keyed by article and search text: a result that stays keeps its elements.
            <For
                each=move || {
                    let text = x.query.with(|q| q.text.clone());
                    x.results.with(|r| r.ids.iter().take(shown.get()).map(|&id| (id, text.clone())).collect::<Vec<_>>())
                }
                key=|item| item.clone()
                children=|(id, text)| view! { <ResultItem id terms=Terms::new(&text) /> }
            />
        </ol>
        <Show when=move || { count() == 0 }>
            <p class="empty">"No article matches these filters. Remove one of them, or clear all."</p>
        </Show>
        <Show when=move || { count() > shown.get() }>
            <button type="button" class="show-more" on:click=move |_| shown.update(|s| *s += PAGE)>
                {move || format!("Show more ({} left)", count() - shown.get())}
            </button>
        </Show>
    }
}

#[component]
fn ResultItem(id: u32, terms: Terms) -> impl IntoView {
    let x = use_explorer();
    let frame = use_frame();
    x.article(id, |a| {
        let outlet = a.outlet_name().unwrap_or("Unknown outlet").to_owned();
        let origin = a.origin_name().filter(|o| *o != outlet).map(|o| format!(" via {o}"));
        let date = a.date.as_ref().map_or_else(|| "Undated".to_owned(), present::date_label);
        let iso = a.date.as_ref().map(|d| d.value.clone());
        let authors = (!a.authors.is_empty()).then(|| format!(" · {}", a.authors.join(", ")));
        let title = terms.highlight(&a.title);
        let snippet = present::snippet(a, &terms, 260);
        let chips: Vec<(String, &'static str)> =
            present::main_actors(a, 5).into_iter().map(|p| (p.name.clone(), p.kind.as_str())).collect();
        view! {
            <li class="result" data-article=id>
                <h2 class="title">
                    <button type="button" class="open" on:click=move |_| x.open.set(Some(id))>
                        {pieces(title)}
                    </button>
                </h2>
                <p class="meta">
                    <span class="outlet">{outlet}</span>
                    <span class="origin">{origin}</span>
                    " · "
                    <time class="date" datetime=iso>{date}</time>
                    <span class="authors">{authors}</span>
                </p>
                <p class="snippet">{pieces(snippet)}</p>
                <ul class="chips" aria-label="Main actors">
                    {chips
                        .into_iter()
                        .map(|(name, kind)| {
                            let label = format!("Filter by {name}");
                            let value = name.clone();
                            let target = name.clone();
                            let frame = frame.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="chip actor-chip"
                                        data-kind=kind
                                        data-actor=value.clone()
                                        title=label.clone()
                                        aria-label=label
                                        on:click=move |_| {
                                            if x.mark(Facet::Actor, &target) != Mark::Include {
                                                x.toggle(Facet::Actor, &target, Mark::Include);
                                            }
                                            frame.channel.post(&Opened::actor(frame.options.id.as_deref(), &target));
                                        }
                                    >
                                        {name}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </li>
        }
    })
}

/// Text with its highlighted pieces in `<mark>`.
pub fn pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces.into_iter().map(|p| if p.hit { view! { <mark>{p.text}</mark> }.into_any() } else { p.text.into_any() }).collect_view()
}
