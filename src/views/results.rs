//! The result list: title, outlet (and origin), date at its precision, authors, a snippet
//! with the query's terms marked, and the main actors as chips that add a filter.

use dossier_corpus::present::{self, Piece, Terms};
use dossier_corpus::search::{Facet, Mark};
use leptos::prelude::*;

use crate::state::use_explorer;

/// Results drawn at first and added by "show more": a long list is never drawn whole, and a
/// click redraws at most this many (at 10k articles, 50 took the click past 50 ms).
const PAGE: usize = 20;

#[component]
pub fn ResultList() -> impl IntoView {
    let x = use_explorer();
    let shown = RwSignal::new(PAGE);
    // A new query starts again from the top.
    Effect::new(move |_| {
        x.results.track();
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });
    let count = move || x.results.with(|r| r.ids.len());
    view! {
        // One click handler for every title and chip of the list (each result's elements are
        // made again for each query: no handler of their own to add and drop).
        <ol
            class="result-list"
            data-results=move || count().to_string()
            aria-busy=move || x.text_pending().to_string()
            aria-label="Matching articles"
            on:keydown=move_between
            on:click=move |e| open_or_filter(x, e)
            inner_html=move || list_markup(x, shown.get())
        ></ol>
        <Show when=move || { count() == 0 }>
            <p class="empty">"No article matches these filters. Remove one of them, or clear all."</p>
        </Show>
        <Show when=move || { count() > shown.get() }>
            <button type="button" class="show-more" on:click=move |_| shown.update(|s| *s += PAGE)>
                {move || format!("Show more ({} left)", count() - shown.get())}
            </button>
        </Show>
    }
}

/// A click on a result's title opens it; on one of its actor chips, filters by that actor.
fn open_or_filter(x: crate::state::Explorer, e: web_sys::MouseEvent) {
    let Some(el) = crate::embed::event_origin(&e) else { return };
    if let Some(chip) = el.closest(".actor-chip").ok().flatten()
        && let Some(name) = chip.get_attribute("data-actor")
    {
        if x.mark(Facet::Actor, &name) != Mark::Include {
            x.toggle(Facet::Actor, &name, Mark::Include);
            // The list is drawn again: the focus goes back to the same chip, whose result
            // stays (it has the actor now filtered by).
            let (list, result) = (chip.closest(".result-list"), chip.closest(".result"));
            if let (Ok(Some(list)), Some(id)) = (list, result.ok().flatten().and_then(|r| r.get_attribute("data-article"))) {
                request_animation_frame(move || refocus(&list, &id, &name));
            }
        }
    } else if let Some(id) = el
        .closest(".open")
        .ok()
        .flatten()
        .and_then(|open| open.closest(".result").ok().flatten())
        .and_then(|r| r.get_attribute("data-article"))
        .and_then(|id| id.parse().ok())
    {
        x.open_article(id);
    }
}

/// Focus the chip of `name` in the result of article `id`, if the list has it.
fn refocus(list: &web_sys::Element, id: &str, name: &str) {
    let name = name.replace('\\', "\\\\").replace('"', "\\\"");
    if let Ok(Some(chip)) = list.query_selector(&format!(".result[data-article=\"{id}\"] .actor-chip[data-actor=\"{name}\"]")) {
        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(chip).focus();
    }
}

/// Up and Down move between the results' titles.
fn move_between(e: web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let step: i32 = match e.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(list) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Ok(titles) = list.query_selector_all(".result .open") else { return };
    let current = crate::embed::event_origin(&e);
    let at = (0..titles.length()).find(|&i| titles.get(i).is_some_and(|t| current.as_ref().is_some_and(|c| t.is_same_node(Some(c)))));
    let next = match at {
        Some(i) => i as i32 + step,
        None => 0,
    };
    if let Some(el) = (next >= 0).then(|| titles.get(next as u32)).flatten() {
        e.prevent_default();
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The first `shown` results, drawn as one piece of markup: made one element at a time, a
/// result's thirty-odd elements were a third of a query's time to the next frame at 100k
/// articles, and a keyed list of results, each its own markup, still spent a tenth of it
/// diffing and mounting them. Nothing in it has a handler of its own (the list has one for
/// all), and every text and attribute value is escaped ([`Markup`]).
fn list_markup(x: crate::state::Explorer, shown: usize) -> String {
    let terms = x.query.with(|q| Terms::new(&q.text));
    let ids: Vec<u32> = x.results.with(|r| r.ids.iter().take(shown).copied().collect());
    let mut m = Markup::default();
    for id in ids {
        m.raw("<li class=\"result\"");
        m.attribute("data-article", &id.to_string());
        m.raw(">");
        x.article(id, |a| result_markup(&mut m, a, &terms));
        m.raw("</li>");
    }
    m.0
}

/// The inside of a result's `<li>`: title, meta line, snippet and actor chips.
fn result_markup(m: &mut Markup, a: &dossier_corpus::Article, terms: &Terms) {
    let outlet = a.outlet_name().unwrap_or("Unknown outlet");
    m.raw("<h2 class=\"title\"><button type=\"button\" class=\"open\">");
    m.pieces(&terms.highlight(&a.title));
    m.raw("</button></h2><p class=\"meta\"><span class=\"outlet\">");
    m.text(outlet);
    m.raw("</span><span class=\"origin\">");
    if let Some(origin) = a.origin_name().filter(|o| *o != outlet) {
        m.text(&format!(" via {origin}"));
    }
    m.raw("</span> · <time class=\"date\"");
    if let Some(d) = &a.date {
        m.attribute("datetime", &d.value);
    }
    m.raw(">");
    m.text(&a.date.as_ref().map_or_else(|| "Undated".to_owned(), present::date_label));
    m.raw("</time><span class=\"authors\">");
    if !a.authors.is_empty() {
        m.text(&format!(" · {}", a.authors.join(", ")));
    }
    m.raw("</span></p><p class=\"snippet\">");
    m.pieces(&present::snippet(a, terms, 260));
    m.raw("</p><ul class=\"chips\" aria-label=\"Main actors\">");
    for p in present::main_actors(a, 5) {
        let (name, label) = (p.corpus_name(), format!("Filter by {}", p.corpus_name()));
        m.raw("<li><button type=\"button\" class=\"chip actor-chip\"");
        m.attribute("data-kind", p.kind.as_str());
        m.attribute("data-actor", name);
        m.attribute("title", &label);
        m.attribute("aria-label", &label);
        m.raw(">");
        m.text(name);
        m.raw("</button></li>");
    }
    m.raw("</ul>");
}

/// Markup built from fixed tags and escaped text: the one way corpus text gets into
/// `inner_html` (`&`, `<`, `>`, `"` and `'` are always written as references).
#[derive(Default)]
struct Markup(String);

impl Markup {
    /// Fixed markup, written as it is (never corpus text).
    fn raw(&mut self, html: &'static str) {
        self.0.push_str(html);
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                c => self.0.push(c),
            }
        }
    }

    fn attribute(&mut self, name: &'static str, value: &str) {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.text(value);
        self.0.push('"');
    }

    /// Text with its highlighted pieces in `<mark>`.
    fn pieces(&mut self, pieces: &[Piece]) {
        for p in pieces {
            if p.hit {
                self.raw("<mark>");
                self.text(&p.text);
                self.raw("</mark>");
            } else {
                self.text(&p.text);
            }
        }
    }
}

/// Text with its highlighted pieces in `<mark>`.
pub fn pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces.into_iter().map(|p| if p.hit { view! { <mark>{p.text}</mark> }.into_any() } else { p.text.into_any() }).collect_view()
}

#[cfg(test)]
mod tests {
    use super::Markup;

    #[test]
    fn markup_escapes_text_and_attributes() {
        let mut m = Markup::default();
        m.raw("<b");
        m.attribute("title", "\"><script>alert('x')</script>");
        m.raw(">");
        m.text("a < b & c > d");
        m.raw("</b>");
        assert_eq!(m.0, "<b title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\">a &lt; b &amp; c &gt; d</b>");
    }
}
