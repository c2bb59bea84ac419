//! The result list: title, outlet (and origin), date at its precision, authors, a snippet
//! with the query's terms marked, and the main actors as chips that add a filter.

use dossier_corpus::present::{self, Piece, Terms};
use dossier_corpus::search::{Facet, Mark};
use leptos::prelude::*;

use crate::state::use_explorer;

/// Results drawn at first and added by "show more": a long list is never drawn whole, and a
/// click redraws at most this many (at 10k articles, 50 took the click past 50 ms).
const PAGE: usize = 20;

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
        // One click handler for every title and chip of the list (each result's elements are
        // made again for each query: no handler of their own to add and drop).
        <ol class="result-list" data-results=move || count().to_string() aria-label="Matching articles" on:keydown=move_between on:click=move |e| open_or_filter(x, e)>
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

/// A click on a result's title opens it; on one of its actor chips, filters by that actor.
fn open_or_filter(x: crate::state::Explorer, e: web_sys::MouseEvent) {
    let Some(el) = crate::embed::event_origin(&e) else { return };
    if let Some(name) = el.closest(".actor-chip").ok().flatten().and_then(|chip| chip.get_attribute("data-actor")) {
        if x.mark(Facet::Actor, &name) != Mark::Include {
            x.toggle(Facet::Actor, &name, Mark::Include);
        }
    } else if let Some(id) = el
        .closest(".open")
        .ok()
        .flatten()
        .and_then(|open| open.closest(".result").ok().flatten())
        .and_then(|r| r.get_attribute("data-article"))
        .and_then(|id| id.parse().ok())
    {
        x.open_article(id);
    }
}

/// Up and Down move between the results' titles.
fn move_between(e: web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let step: i32 = match e.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(list) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Ok(titles) = list.query_selector_all(".result .open") else { return };
    let current = crate::embed::event_origin(&e);
    let at = (0..titles.length()).find(|&i| titles.get(i).is_some_and(|t| current.as_ref().is_some_and(|c| t.is_same_node(Some(c)))));
    let next = match at {
        Some(i) => i as i32 + step,
        None => 0,
    };
    if let Some(el) = (next >= 0).then(|| titles.get(next as u32)).flatten() {
        e.prevent_default();
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

#[component]
fn ResultItem(id: u32, terms: Terms) -> impl IntoView {
    let x = use_explorer();
    x.article(id, |a| {
        let outlet = a.outlet_name().unwrap_or("Unknown outlet").to_owned();
        let origin = a.origin_name().filter(|o| *o != outlet).map(|o| format!(" via {o}"));
        let date = a.date.as_ref().map_or_else(|| "Undated".to_owned(), present::date_label);
        let iso = a.date.as_ref().map(|d| d.value.to_string());
        let authors = (!a.authors.is_empty()).then(|| format!(" · {}", a.authors.join(", ")));
        let title = terms.highlight(&a.title);
        let snippet = present::snippet(a, &terms, 260);
        let chips: Vec<(String, &'static str)> =
            present::main_actors(a, 5).into_iter().map(|p| (p.corpus_name().to_owned(), p.kind.as_str())).collect();
        view! {
            <li class="result" data-article=id>
                <h2 class="title">
                    <button type="button" class="open">
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
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="chip actor-chip"
                                        data-kind=kind
                                        data-actor=value.clone()
                                        title=label.clone()
                                        aria-label=label
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
