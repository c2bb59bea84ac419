//! The explorer's frame: state, the address bar, the host page, the keyboard shortcut and
//! the layout. Each part of the page is a view in `views/`.

use dossier_corpus::search::Query;
use dossier_corpus::{Corpus, url};
use leptos::ev;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::HtmlElement;

use crate::embed::{self, Channel, Options};
use crate::state::{Explorer, use_explorer};
use crate::views::{
    dates::Dates, export::Export, facets::Facets, filters::ActiveFilters, reader::Reader, results::ResultList, search::SearchBar,
    theme::ThemeToggle,
};
use crate::web;

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
pub fn App(corpus: Corpus, options: Options, root: SendWrapper<HtmlElement>) -> impl IntoView {
    let channel = Channel::detect(&options);
    let url_state = options.url_state.unwrap_or(channel == Channel::None);
    // The address wins over the options' filters when it says something.
    // A framed page reads its own address (the iframe's `src#…`) even when it does not write it.
    let reads_address = url_state || channel == Channel::Parent;
    let address = Some(web::hash()).filter(|h| reads_address && !h.is_empty());
    let opened = address.as_deref().and_then(url::article);
    let initial = address.as_deref().or(options.filters.as_deref()).map(url::from_hash).unwrap_or_default();
    let explorer = Explorer::new(corpus, initial, opened);
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
    view! {
        <header class="topbar">
            <h1>"Dossier"</h1>
            <SearchBar input=search_box />
            {theme.then(|| view! { <ThemeToggle /> })}
        </header>
        <div class="layout" class:single=!(facets || dates)>
            {(facets || dates)
                .then(|| {
                    view! {
                        <nav class="facets" aria-label="Filters">
                            {dates.then(|| view! { <Dates /> })}
                            {facets.then(|| view! { <Facets /> })}
                        </nav>
                    }
                })}
            <main class="results" aria-label="Results">
                <Show when=move || explorer.open.get().is_some()>
                    <Reader />
                </Show>
                <div class="list-view" class:hidden=move || explorer.open.get().is_some()>
                    <div class="results-head">
                        <Count />
                        {export.then(|| view! { <Export /> })}
                    </div>
                    <ActiveFilters />
                    <ResultList />
                </div>
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
        let hash = url::to_hash_with_article(&q, x.open.get());
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
        let open = url::article(&hash).filter(|&id| (id as usize) < x.total());
        if x.open.get_untracked() != open {
            x.open.set(open);
        }
    });
    on_cleanup(move || listener.remove());
}

/// The message API: take `dossier:set` from the one window allowed to send it, and tell
/// the host of every change of view.
fn talk_to_host(x: Explorer, frame: &Frame) {
    let (channel, options) = (frame.channel, frame.options.clone());
    let id = options.id.clone();
    let listener = window_event_listener(ev::message, move |e| {
        if !channel.accepts(&e) {
            return;
        }
        if let Some(q) = x.query.with_untracked(|cur| embed::read_set(e.data(), cur, id.as_deref())) {
            x.query.set(q);
        }
    });
    on_cleanup(move || listener.remove());
    let total = x.total();
    let id = options.id.clone();
    Effect::new(move |_| {
        let count = x.results.with(|r| r.ids.len());
        x.query.with(|q| channel.post(&embed::Changed::new(q, id.as_deref(), count, total)));
    });
    // Opening an article (not the one the explorer started with).
    Effect::new(move |previous: Option<Option<u32>>| {
        let open = x.open.get();
        if let (Some(id), Some(before)) = (open, previous)
            && before != Some(id)
        {
            x.article(id, |a| channel.post(&embed::Opened::article(options.id.as_deref(), id, &a.title)));
        }
        open
    });
}
