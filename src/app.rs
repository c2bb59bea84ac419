//! The explorer's frame: state, the address bar, the host page, the keyboard shortcut and
//! the layout. Each part of the page is a view in `views/`.

use dossier_corpus::bundle::Bodies;
use dossier_corpus::search::Query;
use dossier_corpus::{Corpus, url};
use leptos::ev;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::HtmlElement;

use crate::embed::{self, Channel, Options};
use crate::state::{Explorer, use_explorer};
use crate::views::{
    actor::ActorPage, dates::Dates, export::Export, facets::Facets, filters::ActiveFilters, network::NetworkView, quotes::QuotesView,
    reader::Reader, results::ResultList, search::SearchBar, theme::ThemeToggle,
};
use crate::web;
use dossier_corpus::url::View;

/// Where the explorer lives: its root element, its options and its host.
#[derive(Clone)]
pub struct Frame {
    pub root: SendWrapper<HtmlElement>,
    pub options: std::sync::Arc<Options>,
    pub channel: Channel,
}

pub fn use_frame() -> Frame {
    expect_context::<Frame>()
}

#[component]
pub fn App(corpus: Corpus, bodies: Bodies, options: Options, root: SendWrapper<HtmlElement>) -> impl IntoView {
    if corpus.articles.is_empty() {
        // Nothing to filter or show: invite an import ("Add articles" is the page's, above the app).
        if options.embedded {
            let _ = root.class_list().add_1("embedded");
        }
        return view! {
            <header class="topbar">
                <h1>"Dossier"</h1>
            </header>
            <main class="results empty-corpus" aria-label="Results">
                <p class="count" role="status" data-empty="">
                    "This corpus is empty. Add articles (saved .txt or .html pages) to explore them here."
                </p>
            </main>
        }
        .into_any();
    }
    let channel = Channel::detect(&options);
    let url_state = options.url_state.unwrap_or(channel == Channel::None);
    // The address wins over the options' filters when it says something.
    // A framed page reads its own address (the iframe's `src#…`) even when it does not write it.
    let reads_address = url_state || channel == Channel::Parent;
    let address = Some(web::hash()).filter(|h| reads_address && !h.is_empty());
    let place = address.as_deref().map(url::place).unwrap_or_default();
    let initial = address.as_deref().or(options.filters.as_deref()).map(url::from_hash).unwrap_or_default();
    let explorer = Explorer::new(corpus, bodies, initial, place);
    provide_context(explorer);
    if options.embedded {
        let _ = root.class_list().add_1("embedded");
    }
    let frame = Frame { root, options: std::sync::Arc::new(options), channel };
    provide_context(frame.clone());
    crate::views::theme::provide_theme(&frame);
    if url_state {
        sync_hash(explorer);
    }
    if channel != Channel::None {
        talk_to_host(explorer, &frame);
    }
    let search_box = NodeRef::<leptos::html::Input>::new();
    shortcut(search_box, &frame);
    let shows = {
        let options = frame.options.clone();
        move |panel: &str| options.shows(panel)
    };
    let (facets, dates, export, theme) = (shows("facets"), shows("dates"), shows("export"), shows("theme"));
    // On narrow screens the filters are a drawer.
    let drawer = RwSignal::new(false);
    view! {
        <header class="topbar">
            <h1>"Dossier"</h1>
            <SearchBar input=search_box />
            {(facets || dates)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="drawer-toggle"
                            aria-controls="dossier-filters"
                            aria-expanded=move || drawer.get().to_string()
                            on:click=move |_| drawer.update(|d| *d = !*d)
                        >
                            "Filters"
                        </button>
                    }
                })}
            {theme.then(|| view! { <ThemeToggle /> })}
        </header>
        <div class="layout" class:single=!(facets || dates)>
            {(facets || dates)
                .then(|| {
                    view! {
                        <nav class="facets" id="dossier-filters" aria-label="Filters" class:open=move || drawer.get()>
                            {dates.then(|| view! { <Dates /> })}
                            {facets.then(|| view! { <Facets /> })}
                        </nav>
                    }
                })}
            <main class="results" aria-label="Results">
                <Show when=move || explorer.open().is_some()>
                    <Reader />
                </Show>
                <Show when=move || explorer.place.with(|p| p.article.is_none() && p.profile.is_some())>
                    <ActorPage />
                </Show>
                <div class="list-view" class:hidden=move || explorer.place.with(|p| p.article.is_some() || p.profile.is_some())>
                    <div class="results-head">
                        <Count />
                        {export.then(|| view! { <Export /> })}
                    </div>
                    <ViewTabs />
                    <ActiveFilters />
                    {move || match explorer.place.with(|p| p.view) {
                        View::Articles => view! { <ResultList /> }.into_any(),
                        View::Quotes => view! { <QuotesView /> }.into_any(),
                        View::Network => view! { <NetworkView /> }.into_any(),
                    }}
                </div>
            </main>
        </div>
    }
    .into_any()
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

/// `/` jumps to the search box: from anywhere in a page of its own, from inside the explorer
/// when embedded. Never while typing in a field.
fn shortcut(search_box: NodeRef<leptos::html::Input>, frame: &Frame) {
    let (root, embedded) = (frame.root.clone(), frame.options.embedded);
    let listener = window_event_listener(ev::keydown, move |e| {
        let target = embed::event_origin(&e);
        let typing = target.as_ref().is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let inside = target.as_ref().is_some_and(|el| root.contains(Some(el)));
        if e.key() == "/"
            && !typing
            && (inside || !embedded)
            && !e.ctrl_key()
            && !e.meta_key()
            && !e.alt_key()
            && let Some(input) = search_box.get()
        {
            e.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || listener.remove());
}

/// Keep the query and the location hash in step: a new view is a new history entry
/// (typing replaces the entry instead), and Back/Forward or an edited address sets the query.
fn sync_hash(x: Explorer) {
    Effect::new(move |previous: Option<Query>| {
        let q = x.query.get();
        let hash = url::to_hash_at(&q, &x.place.get());
        if hash != web::hash() {
            let typing = previous.as_ref().is_some_and(|p| p.text != q.text);
            web::set_hash(&hash, !typing);
        }
        q
    });
    let listener = window_event_listener(ev::hashchange, move |_| {
        let hash = web::hash();
        let q = url::from_hash(&hash);
        if x.query.with_untracked(|cur| url::to_hash(cur) != url::to_hash(&q)) {
            x.query.set(q);
        }
        let place = Explorer::valid(&x.corpus, url::place(&hash));
        if x.place.with_untracked(|p| *p != place) {
            x.place.set(place);
        }
    });
    on_cleanup(move || listener.remove());
}

/// The message API: take `dossier:set` from the one window allowed to send it, and tell
/// the host of every change of view.
fn talk_to_host(x: Explorer, frame: &Frame) {
    let options = frame.options.clone();
    let channel = embed::Link::new(frame.channel, &options);
    let id = options.id.clone();
    let listening = channel.clone();
    let listener = window_event_listener(ev::message, move |e| {
        if !listening.accepts(&e) {
            return;
        }
        if let Some(q) = x.query.with_untracked(|cur| embed::read_set(e.data(), cur, id.as_deref())) {
            x.query.set(q);
        }
    });
    on_cleanup(move || listener.remove());
    let total = x.total();
    let id = options.id.clone();
    let telling = channel.clone();
    Effect::new(move |_| {
        let count = x.results.with(|r| r.ids.len());
        x.query.with(|q| telling.post(&embed::changed(q, id.as_deref(), count, total)));
    });
    // Opening an article or an actor's page (not the one the explorer started with).
    Effect::new(move |previous: Option<(Option<u32>, Option<String>)>| {
        let now = x.place.with(|p| (p.article, p.profile.clone()));
        if let Some(before) = previous {
            match &now {
                (Some(id), _) if before.0 != Some(*id) => {
                    x.record(*id, |a| channel.post(&embed::opened_article(options.id.as_deref(), *id, &a.title)))
                }
                (None, Some(name)) if before.1.as_ref() != Some(name) => channel.post(&embed::opened_actor(options.id.as_deref(), name)),
                _ => {}
            }
        }
        now
    });
}

/// Articles, quotes or the network of the current results.
#[component]
fn ViewTabs() -> impl IntoView {
    let x = use_explorer();
    let button = move |view: View, label: &'static str, key: &'static str| {
        view! {
            <button
                type="button"
                data-view=key
                aria-pressed=move || x.place.with(|p| p.view == view).to_string()
                on:click=move |_| x.set_view(view)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="views" role="group" aria-label="Show the results as">
            {button(View::Articles, "Articles", "articles")}
            {button(View::Quotes, "Quotes", "quotes")}
            {button(View::Network, "Who appears with whom", "network")}
        </div>
    }
}
