//! Every quote in the current results, grouped by speaker, searchable; a quote opens the
//! reader at it.

use dossier_corpus::insight;
use dossier_corpus::present;
use leptos::prelude::*;

use crate::state::use_explorer;
use crate::views::search::Finder;

/// One quote: its text (a click opens the reader at it), outlet and date.
#[component]
pub fn QuoteItem(article: u32, index: usize) -> impl IntoView {
    let x = use_explorer();
    let (text, source) = x.record(article, |a| {
        let date = a.date.as_ref().map_or_else(|| "Undated".to_owned(), present::date_label);
        (a.quotes[index].text.to_string(), format!("{} · {date}", a.outlet_name().unwrap_or("Unknown outlet")))
    });
    view! {
        <li class="quote-item" data-article=article data-quote=index>
            <button type="button" class="quote-open" on:click=move |_| x.open_quote(article, index)>
                <q>{text}</q>
            </button>
            <span class="source">{source}</span>
        </li>
    }
}

/// Speakers drawn at first, and more at each "Show more speakers" (a corpus of 100k articles
/// has hundreds of thousands of quotes: drawing them all would stop the page).
const SPEAKERS_SHOWN: usize = 50;
/// Quotes of one list drawn until "Show all" is pressed.
const QUOTES_SHOWN: usize = 10;

/// A list of quotes (article, quote index): the first few, and a "Show all N quotes" button
/// for the rest (a speaker or actor of a large corpus has thousands). Here and on an actor's
/// page.
#[component]
pub fn QuoteList(quotes: Vec<(u32, usize)>, #[prop(optional)] class: &'static str) -> impl IntoView {
    let count = quotes.len();
    let all = RwSignal::new(count <= QUOTES_SHOWN);
    view! {
        <ul class=(!class.is_empty()).then_some(class)>
            {move || {
                let n = if all.get() { count } else { QUOTES_SHOWN };
                quotes.iter().take(n).map(|&(article, index)| view! { <QuoteItem article index /> }).collect_view()
            }}
        </ul>
        {move || {
            (!all.get())
                .then(|| {
                    view! {
                        <button type="button" class="more" on:click=move |_| all.set(true)>
                            {format!("Show all {count} quotes")}
                        </button>
                    }
                })
        }}
    }
}

#[component]
pub fn QuotesView() -> impl IntoView {
    let x = use_explorer();
    let filter = RwSignal::new(String::new());
    let speakers = RwSignal::new(SPEAKERS_SHOWN);
    let groups = move || {
        let needle = filter.get();
        x.results.with(|r| {
            x.corpus.with_value(|c| {
                insight::quotes_by_speaker(c, &r.ids, &needle)
                    .into_iter()
                    .map(|g| {
                        let quotes: Vec<(u32, usize)> = g.quotes.iter().map(|&(id, i, _)| (id, i)).collect();
                        (g.name.to_string(), g.actor.is_some(), quotes)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="quotes-view" aria-label="Quotes by speaker">
            <Finder id="dossier-quote-filter" class="quote-filter" label="Find a quote or a speaker" value=filter />
            {move || {
                let groups = groups();
                if groups.is_empty() {
                    return view! { <p class="empty">"No quote in these results."</p> }.into_any();
                }
                let total = groups.len();
                let more = (total > speakers.get()).then(|| {
                    view! {
                        <button type="button" class="more" on:click=move |_| speakers.update(|n| *n += SPEAKERS_SHOWN)>
                            {format!("Show more speakers ({} of {total} shown)", speakers.get_untracked())}
                        </button>
                    }
                });
                let shown = groups
                    .into_iter()
                    .take(speakers.get())
                    .map(|(name, known, quotes)| {
                        let speaker = name.clone();
                        let count = quotes.len();
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
                                    <span class="n">{format!(" · {count}")}</span>
                                </h3>
                                <QuoteList quotes />
                            </section>
                        }
                    })
                    .collect_view();
                view! { {shown} {more} }.into_any()
            }}
        </section>
    }
}
