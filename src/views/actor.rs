//! An actor's page: name, type, roles over time, every form seen, a timeline of the articles
//! that mention it (coloured by outlet), its quotes, and who appears with it (each a click
//! from a filter). Esc or "Back" returns to the results.

use dossier_corpus::insight;
use dossier_corpus::present;
use dossier_corpus::search::{Facet, Mark, bound};
use leptos::ev;
use leptos::prelude::*;

use crate::state::use_explorer;
use crate::views::quotes::QuoteList;

const PALETTE: [&str; 8] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

#[component]
pub fn ActorPage() -> impl IntoView {
    let x = use_explorer();
    let heading = NodeRef::<leptos::html::H2>::new();
    let close = move || x.place.update(|p| p.profile = None);
    let esc = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && x.place.with_untracked(|p| p.article.is_none() && p.profile.is_some()) {
            close();
        }
    });
    on_cleanup(move || esc.remove());
    Effect::new(move |_| {
        x.place.with(|p| p.profile.clone());
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let page = move || {
        let name = x.place.with(|p| p.profile.clone())?;
        x.corpus.with_value(|c| {
            let p = insight::profile(c, &name)?;
            let kind = p.actor.kind.as_str();
            let roles = p
                .roles
                .iter()
                .map(|(role, from, to)| {
                    let when = match (from, to) {
                        (Some(a), Some(b)) if a == b => format!(" ({})", present::iso_label(a)),
                        (Some(a), Some(b)) => format!(" ({} to {})", present::iso_label(a), present::iso_label(b)),
                        _ => String::new(),
                    };
                    view! { <li>{format!("{role}{when}")}</li> }
                })
                .collect_view();
            let forms = p.forms.iter().map(|(f, n)| view! { <li data-form=f.clone()>{format!("{f} ({n})")}</li> }).collect_view();
            // Timeline: one dot per article, by date, coloured by outlet.
            let mut outlets: Vec<String> = Vec::new();
            let dated: Vec<(u32, u32, String, String)> = p
                .articles
                .iter()
                .filter_map(|&(id, _)| {
                    let a = &c.articles[id as usize];
                    let d = a.date.as_ref()?;
                    let (start, _) = bound(&d.value[..d.value.len().min(10)])?;
                    let outlet = a.outlet_name().unwrap_or("Unknown outlet").to_owned();
                    if !outlets.contains(&outlet) {
                        outlets.push(outlet.clone());
                    }
                    Some((id, start, outlet, format!("{} — {}", present::date_label(d), a.title)))
                })
                .collect();
            let undated = p.articles.len() - dated.len();
            let (lo, hi) = (dated.iter().map(|d| d.1).min().unwrap_or(0), dated.iter().map(|d| d.1).max().unwrap_or(1));
            let span = (hi - lo).max(1) as f64;
            let colour = |o: &str| PALETTE[outlets.iter().position(|x| x == o).unwrap_or(0) % PALETTE.len()];
            let dots = dated
                .iter()
                .enumerate()
                .map(|(k, (id, day, outlet, label))| {
                    let id = *id;
                    let cx = 20.0 + 560.0 * (*day - lo) as f64 / span;
                    let cy = 30.0 + 12.0 * (k % 3) as f64;
                    view! {
                        <g
                            class="dot"
                            data-article=id
                            role="button"
                            tabindex="0"
                            aria-label=format!("{label} ({outlet})")
                            on:click=move |_| x.open_article(id)
                            on:keydown=move |e| {
                                if e.key() == "Enter" || e.key() == " " {
                                    e.prevent_default();
                                    x.open_article(id);
                                }
                            }
                        >
                            <title>{format!("{label} ({outlet})")}</title>
                            <circle cx=cx cy=cy r="7" fill=colour(outlet) />
                        </g>
                    }
                })
                .collect_view();
            let legend = outlets
                .iter()
                .map(|o| view! { <li><span class="swatch" style=format!("background: {}", colour(o))></span>{o.clone()}</li> })
                .collect_view();
            let first = dated.first().and_then(|d| c.articles[d.0 as usize].date.as_ref()).map(present::date_label).unwrap_or_default();
            let last = dated.last().and_then(|d| c.articles[d.0 as usize].date.as_ref()).map(present::date_label).unwrap_or_default();
            let quotes = p.quotes.clone();
            let with = p
                .with
                .iter()
                .take(15)
                .map(|&(id, n)| {
                    let other = c.actors[id as usize].name.to_string();
                    let target = other.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="chip"
                                data-actor=other.clone()
                                aria-label=format!("Filter by {other} ({n} shared articles)")
                                on:click=move |_| {
                                    if x.mark(Facet::Actor, &target) != Mark::Include {
                                        x.toggle(Facet::Actor, &target, Mark::Include);
                                    }
                                    x.place.update(|p| p.profile = None);
                                }
                            >
                                {format!("{other} · {n}")}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let articles = p.articles.len();
            let quote_count = p.quotes.len();
            Some(view! {
                <h2 id="dossier-actor-title" class="reader-title" tabindex="-1" node_ref=heading>{name.clone()}</h2>
                <p class="meta">
                    <span class="kind">{kind}</span>
                    {format!(" · {articles} articles · {quote_count} quotes")}
                </p>
                <div class="profile-grid">
                    <section aria-labelledby="dossier-actor-roles">
                        <h3 id="dossier-actor-roles">"Roles"</h3>
                        <ul class="roles">{roles}</ul>
                    </section>
                    <section aria-labelledby="dossier-actor-forms">
                        <h3 id="dossier-actor-forms">"Written as"</h3>
                        <ul class="forms">{forms}</ul>
                    </section>
                </div>
                <section aria-labelledby="dossier-actor-timeline">
                    <h3 id="dossier-actor-timeline">"Articles over time"</h3>
                    <svg class="timeline" viewBox="0 0 600 70" role="group" aria-label=format!("{} dated articles from {first} to {last}", dated.len())>
                        <line x1="20" x2="580" y1="60" y2="60" class="axis-line" />
                        {dots}
                    </svg>
                    <div class="timeline-axis" aria-hidden="true"><span>{first}</span><span>{last}</span></div>
                    <ul class="legend" aria-label="Outlets">{legend}</ul>
                    {(undated > 0).then(|| view! { <p class="hint">{format!("{undated} undated articles")}</p> })}
                </section>
                <section aria-labelledby="dossier-actor-quotes">
                    <h3 id="dossier-actor-quotes">"Quotes"</h3>
                    <QuoteList quotes class="quote-list" />
                </section>
                <section aria-labelledby="dossier-actor-with">
                    <h3 id="dossier-actor-with">"Appears with"</h3>
                    <ul class="chips with">{with}</ul>
                </section>
            })
        })
    };
    view! {
        <article class="reader actor-page" aria-labelledby="dossier-actor-title">
            <button type="button" class="back" on:click=move |_| close()>"← Back to results"</button>
            {page}
        </article>
    }
}
