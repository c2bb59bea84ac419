//! Every quote in the current results, grouped by speaker, searchable; a quote opens the
//! reader at it.

use dossier_corpus::insight;
use dossier_corpus::present;
use leptos::prelude::*;

use crate::state::use_explorer;

#[component]
pub fn QuotesView() -> impl IntoView {
    let x = use_explorer();
    let filter = RwSignal::new(String::new());
    let groups = move || {
        let needle = filter.get();
        x.results.with(|r| {
            x.corpus.with_value(|c| {
                insight::quotes_by_speaker(c, &r.ids, &needle)
                    .into_iter()
                    .map(|g| {
                        let quotes: Vec<(u32, usize, String, String)> = g
                            .quotes
                            .iter()
                            .map(|&(id, i, q)| {
                                let a = &c.articles[id as usize];
                                let date = a.date.as_ref().map_or_else(|| "Undated".to_owned(), present::date_label);
                                (id, i, q.text.clone(), format!("{} · {date}", a.outlet_name().unwrap_or("Unknown outlet")))
                            })
                            .collect();
                        (g.name, g.actor.is_some(), quotes)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="quotes-view" aria-label="Quotes by speaker">
            <label class="visually-hidden" for="dossier-quote-filter">"Find a quote or a speaker"</label>
            <input
                id="dossier-quote-filter"
                class="quote-filter"
                type="search"
                placeholder="Find a quote or a speaker"
                autocomplete="off"
                prop:value=move || filter.get()
                on:input=move |e| filter.set(event_target_value(&e))
            />
            {move || {
                let groups = groups();
                if groups.is_empty() {
                    return view! { <p class="empty">"No quote in these results."</p> }.into_any();
                }
                groups
                    .into_iter()
                    .map(|(name, known, quotes)| {
                        let speaker = name.clone();
                        view! {
                            <section class="speaker" data-speaker=name.clone()>
                                <h3>
                                    {if known {
                                        view! {
                                            <button type="button" class="speaker-name" on:click=move |_| x.open_profile(&speaker)>
                                                {name.clone()}
                                            </button>
                                        }
                                            .into_any()
                                    } else {
                                        name.clone().into_any()
                                    }}
                                    <span class="n">{format!(" · {}", quotes.len())}</span>
                                </h3>
                                <ul>
                                    {quotes
                                        .into_iter()
                                        .map(|(id, i, text, source)| {
                                            view! {
                                                <li class="quote-item" data-article=id data-quote=i>
                                                    <button type="button" class="quote-open" on:click=move |_| x.open_quote(id, i)>
                                                        <q>{text}</q>
                                                    </button>
                                                    <span class="source">{source}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}
