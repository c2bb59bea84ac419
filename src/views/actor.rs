//! An actor's page: name, type, roles over time, every form seen, a timeline of the articles
//! that mention it (coloured by outlet; `insight::timeline` decides its dots), its quotes, and
//! who appears with it (each a click from a filter). Esc or "Back" returns to the results.

use dossier_corpus::insight;
use dossier_corpus::present;
use dossier_corpus::search::{Facet, Mark};
use leptos::ev;
use leptos::prelude::*;

use crate::state::use_explorer;
use crate::views::quotes::QuoteList;

/// The colours of the timeline's outlets (`insight::TIMELINE_OUTLETS` of them), then of the others.
const PALETTE: [&str; insight::TIMELINE_OUTLETS] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"];
const OTHER: &str = "#8a8a8a";

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
            let timeline = insight::timeline(c, &p.articles);
            let others = timeline.others();
            let colour = |i: usize| PALETTE.get(i).copied().unwrap_or(OTHER);
            let actor = name.clone();
            let dots = timeline
                .dots
                .into_iter()
                .map(|d| {
                    let cx = 20.0 + 560.0 * d.x;
                    let cy = 30.0 + 12.0 * f64::from(d.row);
                    let (first, n) = (d.articles[0], d.articles.len());
                    let label = if n == 1 { d.label.clone() } else { format!("{}: show them", d.label) };
                    let actor = actor.clone();
                    // One article opens; several are shown as results (this actor, their dates).
                    let open = move || {
                        if n == 1 {
                            x.open_article(first);
                        } else {
                            if x.mark(Facet::Actor, &actor) != Mark::Include {
                                x.toggle(Facet::Actor, &actor, Mark::Include);
                            }
                            x.query.update(|q| (q.from, q.to) = (Some(d.from.clone()), Some(d.to.clone())));
                            x.place.update(|p| p.profile = None);
                        }
                    };
                    let (click, key) = (open.clone(), open);
                    let radius = if n == 1 { 7.0 } else { (5.0 + 1.5 * (n as f64).sqrt()).min(14.0) };
                    view! {
                        <g
                            class="dot"
                            data-article=first
                            data-articles=n
                            role="button"
                            tabindex="0"
                            aria-label=label
                            on:click=move |_| click()
                            on:keydown=move |e| {
                                if e.key() == "Enter" || e.key() == " " {
                                    e.prevent_default();
                                    key();
                                }
                            }
                        >
                            <title>{d.label}</title>
                            <circle cx=present::fixed(cx, 1) cy=present::fixed(cy, 1) r=present::fixed(radius, 1) fill=colour(d.colour) />
                        </g>
                    }
                })
                .collect_view();
            let mut legend: Vec<(String, &str)> = timeline.outlets.iter().enumerate().map(|(i, o)| (o.clone(), colour(i))).collect();
            if others {
                legend.push(("Other outlets".to_owned(), OTHER));
            }
            let legend = legend
                .into_iter()
                .map(|(o, c)| view! { <li><span class="swatch" style=format!("background: {c}")></span>{o}</li> })
                .collect_view();
            let (first, last, undated) = (timeline.first, timeline.last, timeline.undated);
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
                    <svg class="timeline" viewBox="0 0 600 70" role="group" aria-label=format!("{} dated articles from {first} to {last}", timeline.dated)>
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
