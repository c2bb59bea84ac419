//! The explorer's frame: state, the address bar, the keyboard shortcut and the layout.
//! Each part of the page is a view in `views/`.

use dossier_corpus::Corpus;
use dossier_corpus::url;
use leptos::ev;
use leptos::prelude::*;

use crate::state::{Explorer, use_explorer};
use crate::views::{
    dates::Dates, export::Export, facets::Facets, filters::ActiveFilters, results::ResultList, search::SearchBar, theme::ThemeToggle,
};
use crate::web;

#[component]
pub fn App(corpus: Corpus) -> impl IntoView {
    let explorer = Explorer::new(corpus, url::from_hash(&web::hash()));
    provide_context(explorer);
    sync_hash(explorer);
    let search_box = NodeRef::<leptos::html::Input>::new();
    // `/` jumps to the search box from anywhere but a text field.
    let shortcut = window_event_listener(ev::keydown, move |e| {
        let typing = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if e.key() == "/"
            && !typing
            && !e.ctrl_key()
            && !e.meta_key()
            && !e.alt_key()
            && let Some(input) = search_box.get()
        {
            e.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || shortcut.remove());

    view! {
        <header class="topbar">
            <h1>"Dossier"</h1>
            <SearchBar input=search_box />
            <ThemeToggle />
        </header>
        <div class="layout">
            <nav class="facets" aria-label="Filters">
                <Dates />
                <Facets />
            </nav>
            <main class="results" aria-label="Results">
                <div class="results-head">
                    <Count />
                    <Export />
                </div>
                <ActiveFilters />
                <ResultList />
            </main>
        </div>
    }
}

/// "3 of 5 articles", announced to screen readers as it changes.
#[component]
fn Count() -> impl IntoView {
    let x = use_explorer();
    let total = x.total();
    view! {
        <p class="count" role="status" aria-live="polite" aria-atomic="true">
            {move || {
                let n = x.results.with(|r| r.ids.len());
                if n == total { format!("{total} articles") } else { format!("{n} of {total} articles") }
            }}
        </p>
    }
}

/// Keep the query and the location hash in step: a new view is a new history entry
/// (typing replaces the entry instead), and Back/Forward or an edited address sets the query.
fn sync_hash(x: Explorer) {
    Effect::new(move |previous: Option<dossier_corpus::search::Query>| {
        let q = x.query.get();
        let hash = url::to_hash(&q);
        if hash != web::hash() {
            let typing = previous.as_ref().is_some_and(|p| p.text != q.text);
            web::set_hash(&hash, !typing);
        }
        q
    });
    let listener = window_event_listener(ev::hashchange, move |_| {
        let q = url::from_hash(&web::hash());
        if x.query.with_untracked(|cur| url::to_hash(cur) != url::to_hash(&q)) {
            x.query.set(q);
        }
    });
    on_cleanup(move || listener.remove());
}
