//! The search box and the sort order.

use dossier_corpus::search::Sort;
use leptos::prelude::*;

use crate::state::use_explorer;

/// A labelled search field that narrows a list as you type (the actor facet, the quotes).
#[component]
pub fn Finder(id: &'static str, class: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="visually-hidden" for=id>{label}</label>
        <input
            id=id
            class=class
            type="search"
            placeholder=label
            autocomplete="off"
            prop:value=move || value.get()
            on:input=move |e| value.set(event_target_value(&e))
        />
    }
}

#[component]
pub fn SearchBar(input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let x = use_explorer();
    let sort_value = move || match x.query.with(|q| q.sort) {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    };
    // What is being prepared: a large corpus's bundle carries the words' index, so only
    // phrases wait for the articles to be read.
    let prepared = if x.index.with_value(|i| i.has_text()) { "phrase search" } else { "text search" };
    let preparing = format!("Preparing the {prepared}");
    view! {
        <div class="searchbar" role="search">
            <label class="visually-hidden" for="dossier-q">"Search articles"</label>
            <input
                id="dossier-q"
                class="search"
                type="search"
                node_ref=input
                placeholder="Search titles and text — \"phrases\" too (press /)"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || x.query.with(|q| q.text.clone())
                on:input=move |e| {
                    let text = event_target_value(&e);
                    x.query.update(|q| q.text = text);
                }
            />
            {move || {
                x.text_progress
                    .get()
                    .map(|p| {
                        view! {
                            <progress class="text-progress" max="100" value=p aria-label=preparing.clone() title=preparing.clone()></progress>
                        }
                    })
            }}
            // A text query asked before the text index is whole waits for it (the last results
            // stay, dimmed): say so, to screen readers too.
            <span class="text-waiting" role="status">
                {move || x.text_pending().then(|| format!("Reading the articles for the {prepared}… {} %", x.text_progress.get().unwrap_or(0)))}
            </span>
            <label class="sort">
                <span>"Sort"</span>
                <select
                    prop:value=sort_value
                    on:change=move |e| {
                        let sort = match event_target_value(&e).as_str() {
                            "newest" => Sort::Newest,
                            "oldest" => Sort::Oldest,
                            _ => Sort::Relevance,
                        };
                        x.query.update(|q| q.sort = sort);
                    }
                >
                    <option value="relevance">"Relevance"</option>
                    <option value="newest">"Newest first"</option>
                    <option value="oldest">"Oldest first"</option>
                </select>
            </label>
        </div>
    }
}
