//! The explorer's views.

use dossier_corpus::search::{Index, Query, Results};
use dossier_corpus::{Article, Corpus};
use leptos::prelude::*;

#[component]
pub fn App(corpus: Corpus) -> impl IntoView {
    let index = StoredValue::new(Index::new(&corpus));
    let corpus = StoredValue::new(corpus);
    let query = RwSignal::new(Query::default());
    // Read by the count, the facets and the list: computed once per query.
    let results: Memo<Results> = Memo::new(move |_| query.with(|q| index.with_value(|i| i.search(q))));
    // The outlet facet lists every outlet of the corpus, in the order of the whole corpus.
    let outlets = index.with_value(|i| i.search(&Query::default()).outlets);

    let toggle_outlet = move |name: String| {
        query.update(|q| match q.outlets.include.iter().position(|o| *o == name) {
            Some(i) => {
                q.outlets.include.remove(i);
            }
            None => q.outlets.include.push(name),
        })
    };

    view! {
        <header class="topbar">
            <h1>"Dossier"</h1>
            <p class="count" role="status" aria-live="polite">
                {move || format!("{} of {} articles", results.with(|r| r.ids.len()), corpus.with_value(|c| c.articles.len()))}
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
                                    move || query.with(|q| q.outlets.include.contains(&name)).to_string()
                                };
                                // Live count: what choosing this outlet would give under the other filters.
                                let count = {
                                    let name = name.clone();
                                    move || results.with(|r| r.outlets.iter().find(|c| c.value == name).map_or(0, |c| c.count))
                                };
                                let click = {
                                    let name = name.clone();
                                    move |_| toggle_outlet(name.clone())
                                };
                                view! {
                                    <li>
                                        <button type="button" class="facet-value" data-value=name.clone() aria-pressed=pressed on:click=click>
                                            <span class="label">{name.clone()}</span>
                                            <span class="n">{count}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </fieldset>
            </nav>
            <main class="results">
                <ol class="result-list" data-results=move || results.with(|r| r.ids.len()).to_string()>
                    {move || {
                        results
                            .with(|r| r.ids.clone())
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
