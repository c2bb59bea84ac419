//! The reader: one article in place of the list, with its search hits and actor mentions
//! marked, captions apart from the body, and where each field came from. Esc or "Back"
//! returns to the results, with focus on the article's title there.

use dossier_corpus::present::{self, Terms};
use dossier_corpus::{Article, Source};
use leptos::ev;
use leptos::prelude::*;

use crate::app::use_frame;
use crate::state::{Explorer, use_explorer};

#[component]
pub fn Reader() -> impl IntoView {
    let x = use_explorer();
    let frame = use_frame();
    let heading = NodeRef::<leptos::html::H2>::new();
    let close = {
        let root = frame.root.clone();
        move || {
            let Some(id) = x.place.with_untracked(|p| p.article) else { return };
            x.place.update(|p| {
                p.article = None;
                p.quote = None;
            });
            // Back to where the reader was opened from.
            let root = root.clone();
            request_animation_frame(move || {
                let selector = format!(".result[data-article=\"{id}\"] .open");
                if let Some(el) = root.query_selector(&selector).ok().flatten() {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
                }
            });
        }
    };
    let esc = {
        let close = close.clone();
        window_event_listener(ev::keydown, move |e| {
            if e.key() == "Escape" && x.place.with_untracked(|p| p.article.is_some()) {
                close();
            }
        })
    };
    on_cleanup(move || esc.remove());
    let root = frame.root.clone();
    Effect::new(move |_| {
        let (article, quote) = x.place.with(|p| (p.article, p.quote));
        if article.is_none() {
            return;
        }
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
        // Opened at a quote: bring it into view, marked as the target.
        if let Some(i) = quote {
            let root = root.clone();
            request_animation_frame(move || {
                if let Ok(Some(el)) = root.query_selector(&format!(".reader-body .in-quote[data-quote=\"{i}\"]")) {
                    el.scroll_into_view();
                    if let Ok(all) = root.query_selector_all(&format!(".reader-body [data-quote=\"{i}\"]")) {
                        for k in 0..all.length() {
                            if let Some(e) = all.get(k).and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()) {
                                let _ = e.class_list().add_1("target");
                            }
                        }
                    }
                }
            });
        }
    });
    view! {
        <article class="reader" aria-labelledby="dossier-reader-title">
            <button type="button" class="back" on:click={
                let close = close.clone();
                move |_| close()
            }>"← Back to results"</button>
            {move || {
                let id = x.open()?;
                let terms = x.query.with(|q| Terms::new(&q.text));
                Some(x.reading(id, |a| body(x, a, &terms, heading)))
            }}
        </article>
    }
}

fn source(s: Source) -> &'static str {
    match s {
        Source::Text => "the text",
        Source::Manifest => "the manifest",
        Source::Inferred => "inferred",
        Source::Archive => "the web archive",
        Source::Markup => "the page's markup",
    }
}

fn body(x: Explorer, a: &Article, terms: &Terms, heading: NodeRef<leptos::html::H2>) -> impl IntoView + use<> {
    let outlet = a.outlet_name().unwrap_or("Unknown outlet").to_owned();
    let origin = a.origin_name().filter(|o| *o != outlet).map(|o| format!(" via {o}"));
    let date = a.date.as_ref().map_or_else(|| "Undated".to_owned(), present::date_label);
    let authors = (!a.authors.is_empty()).then(|| format!(" · {}", a.authors.join(", ")));
    let speaker = |i: usize| {
        let q = &a.quotes[i];
        let name = q
            .speaker
            .and_then(|s| a.actors.iter().find(|x| x.id == s))
            .map(|x| x.corpus_name().to_owned())
            .or_else(|| q.speaker_name.as_ref().map(|s| s.to_string()));
        name.unwrap_or_else(|| "unattributed".to_owned())
    };
    let paragraphs: Vec<_> = present::article_runs(a, terms)
        .into_iter()
        .map(|runs| {
            let ends: Vec<bool> =
                (0..runs.len()).map(|k| runs[k].quote.is_some() && runs.get(k + 1).map(|n| n.quote) != Some(runs[k].quote)).collect();
            runs.into_iter()
                .zip(ends)
                .map(|(r, end)| {
                    let text = if r.hit { view! { <mark>{r.text}</mark> }.into_any() } else { r.text.into_any() };
                    let text = match r.actor.and_then(|i| a.actors.get(i)) {
                        Some(actor) => {
                            let name = actor.corpus_name().to_owned();
                            view! {
                                <button
                                    type="button"
                                    class="mention"
                                    data-kind=actor.kind.as_str()
                                    data-actor=actor.corpus_name().to_owned()
                                    title=format!("{} ({})", actor.name, actor.kind.as_str())
                                    on:click=move |_| x.open_profile(&name)
                                >
                                    {text}
                                </button>
                            }
                            .into_any()
                        }
                        None => text,
                    };
                    match r.quote {
                        Some(i) => view! {
                            <span class="in-quote" data-quote=i>{text}</span>
                            {end.then(|| view! { <span class="speaker" data-quote=i>{format!(" — {}", speaker(i))}</span> })}
                        }
                        .into_any(),
                        None => text,
                    }
                })
                .collect_view()
        })
        .map(|runs| view! { <p>{runs}</p> })
        .collect();
    let captions = a.captions.clone();
    let same: Vec<(u32, String)> = a.same_story.iter().map(|s| (s.article, s.file.clone())).collect();
    let mut provenance: Vec<(String, String, String)> = Vec::new();
    if let Some(o) = &a.outlet {
        provenance.push(("Outlet".into(), source(o.source).into(), o.evidence.to_string()));
    }
    if let Some(o) = &a.origin {
        provenance.push(("Origin".into(), source(o.source).into(), o.evidence.to_string()));
    }
    if let Some(d) = &a.date {
        provenance.push((
            "Date".into(),
            format!("{} ({:?} precision)", source(d.source), d.precision).to_lowercase(),
            d.evidence.to_string(),
        ));
    }
    provenance.extend(a.provenance.iter().map(|f| (f.field.to_string(), source(f.source).into(), f.evidence.to_string())));
    view! {
        <h2 id="dossier-reader-title" class="reader-title" tabindex="-1" node_ref=heading>
            {crate::views::results::pieces(terms.highlight(&a.title))}
        </h2>
        <p class="meta">
            <span class="outlet">{outlet}</span>
            <span class="origin">{origin}</span>
            " · "
            <time datetime=a.date.as_ref().map(|d| d.value.to_string())>{date}</time>
            <span class="authors">{authors}</span>
        </p>
        <div class="reader-body" data-article=a.id>{paragraphs}</div>
        {(!captions.is_empty())
            .then(|| {
                view! {
                    <aside class="captions" aria-label="Captions">
                        {captions.into_iter().map(|c| view! { <p>{c}</p> }).collect_view()}
                    </aside>
                }
            })}
        {(!same.is_empty())
            .then(|| {
                view! {
                    <aside class="same-story" aria-label="The same story elsewhere">
                        <h3>"The same story from other outlets"</h3>
                        <ul>
                            {same
                                .into_iter()
                                .map(|(id, file)| {
                                    let label = x.record(id, |o| format!("{} — {}", o.outlet_name().unwrap_or(&file), o.title));
                                    view! {
                                        <li>
                                            <button type="button" class="quote-open" data-article=id on:click=move |_| x.open_article(id)>
                                                {label}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </aside>
                }
            })}
        <details class="provenance">
            <summary>"Where each field came from"</summary>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Field"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"Evidence"</th>
                    </tr>
                </thead>
                <tbody>
                    {provenance
                        .into_iter()
                        .map(|(f, s, e)| view! {
                            <tr>
                                <td>{f}</td>
                                <td>{s}</td>
                                <td>{e}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}
