//! The explorer's views.

use dossier_corpus::search::{self, Query};
use dossier_corpus::{Article, Corpus};
use leptos::prelude::*;

#[component]
pub fn App(corpus: Corpus) -> impl IntoView {
    let corpus = StoredValue::new(corpus);
    let query = RwSignal::new(Query::default());
    let outlets = corpus.with_value(search::outlet_counts);
    let results = Memo::new(move |_| query.with(|q| corpus.with_value(|c| search::matching(c, q))));

    let toggle_outlet = move |name: String| {
        query.update(|q| match q.outlets.iter().position(|o| *o == name) {
            Some(i) => {
                q.outlets.remove(i);
            }
            None => q.outlets.push(name),
        })
    };

    view! {
        <header class="topbar">
            <h1>"Dossier"</h1>
            <p class="count" role="status" aria-live="polite">
                {move || format!("{} of {} articles", results.with(Vec::len), corpus.with_value(|c| c.articles.len()))}
            </p>
        </header>
        <div class="layout">
            <nav class="facets" aria-label="Filters">
                <fieldset class="facet" data-facet="outlet">
                    <legend>"Outlet"</legend>
                    <ul>
                        {outlets
                            .into_iter()
                            .map(|f| {
                                let name = f.value.clone();
                                let pressed = {
                                    let name = name.clone();
                                    move || query.with(|q| q.outlets.contains(&name)).to_string()
                                };
                                let click = {
                                    let name = name.clone();
                                    move |_| toggle_outlet(name.clone())
                                };
                                view! {
                                    <li>
                                        <button type="button" class="facet-value" data-value=name.clone() aria-pressed=pressed on:click=click>
                                            <span class="label">{name.clone()}</span>
                                            <span class="n">{f.count}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </fieldset>
            </nav>
            <main class="results">
                <ol class="result-list" data-results=move || results.with(Vec::len).to_string()>
                    {move || {
                        results
                            .get()
                            .into_iter()
                            .map(|id| corpus.with_value(|c| view! { <ResultItem article=c.articles[id as usize].clone() /> }))
                            .collect_view()
                    }}
                </ol>
            </main>
        </div>
    }
}

#[component]
fn ResultItem(article: Article) -> impl IntoView {
    let outlet = article.outlet_name().unwrap_or("Unknown outlet").to_owned();
    let date = article.date.as_ref().map(|d| d.value.clone()).unwrap_or_else(|| "undated".into());
    let snippet: String = article.body.first().map(|p| p.chars().take(240).collect()).unwrap_or_default();
    view! {
        <li class="result" data-article=article.id>
            <h2 class="title">{article.title.clone()}</h2>
            <p class="meta">
                <span class="outlet">{outlet}</span>
                " · "
                <span class="date">{date}</span>
            </p>
            <p class="snippet">{snippet}</p>
        </li>
    }
}
