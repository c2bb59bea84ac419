//! Issue-level checks of the explorer's filters, search, address and export, engine by
//! engine. Expected numbers come from the engine (`dossier_corpus::search`), which is what
//! the page must show; the engine's own logic is unit-tested in its crate.

use std::time::Duration;

use dossier_corpus::present;
use dossier_corpus::search::{Combine, Facet, Index, Query};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::page::{self, Res, ensure, js};
use crate::scenarios::{Context, Fut};

pub const ALL: &[(&str, crate::scenarios::Scenario)] = &[
    ("facets_include_exclude_and_or", facets),
    ("actor_any_all_switch_chips_and_finder", actors),
    ("date_brush_range_fields_and_undated_bucket", dates),
    ("phrase_search_ranks_and_highlights", phrase_search),
    ("url_hash_round_trip_and_back_forward", hash_state),
    ("csv_and_json_export_contents", export),
    ("keyboard_operation_and_axe_core", keyboard_and_axe),
    ("dark_theme_toggle_and_axe_core", dark_theme),
    ("reader_from_results_and_by_url", reader),
];

/// Results the page draws before "Show more".
const RESULTS_PAGE: usize = 20;

fn q() -> Query {
    Query::default()
}

pub fn css(s: &str) -> String {
    serde_json::to_string(s).expect("a string")
}

/// The number the page must show for a query.
fn expected(index: &Index, q: &Query) -> usize {
    index.search(q).ids.len()
}

pub async fn open(client: &Client, hash: &str) -> Res {
    let url = format!("{}{hash}", page::file_url(&page::explorer_path()?));
    page::open_ready(client, &url).await
}

/// Wait until the list says `n` results and shows as many (up to a page).
pub async fn expect_results(client: &Client, n: usize, what: &str) -> Res {
    let cond = format!("document.querySelector('[data-results]').dataset.results === '{n}'");
    if let Err(e) = page::wait_for(client, &cond, what).await {
        let now = js(client, "return document.querySelector('[data-results]').dataset.results").await?;
        return Err(format!("{e}: the page shows {now}, the engine says {n}"));
    }
    let shown = js(client, "return document.querySelectorAll('[data-results] > .result').length").await?.as_u64().unwrap_or(0) as usize;
    ensure(shown == n.min(RESULTS_PAGE), || format!("{what}: {shown} results drawn for {n}"))
}

pub async fn click(client: &Client, selector: &str) -> Res {
    let el = client.find(Locator::Css(selector)).await.map_err(|e| format!("no element {selector}: {e}"))?;
    el.click().await.map_err(|e| format!("clicking {selector}: {e}"))
}

fn value_button(facet: Facet, value: &str, exclude: bool) -> String {
    let class = if exclude { "facet-exclude" } else { "facet-value" };
    format!(".facet[data-facet={}] .{class}[data-value={}]", facet.key(), css(value))
}

pub fn facets<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        let all = index.search(&q());
        let top_actors: Vec<String> = all.actors.iter().take(2).map(|(id, _)| ctx.corpus.actors[*id as usize].name.to_string()).collect();
        let cases = [
            (Facet::Outlet, all.outlets.iter().take(2).map(|c| c.value.clone()).collect::<Vec<_>>()),
            (Facet::Origin, all.origins.iter().take(2).map(|c| c.value.clone()).collect()),
            (Facet::Actor, top_actors),
        ];
        for (facet, values) in cases {
            ensure(values.len() == 2, || format!("the corpus needs two {} values for this test", facet.key()))?;
            let (a, b) = (&values[0], &values[1]);
            open(client, "").await?;
            let mut want = q();
            // Include one, then OR a second.
            click(client, &value_button(facet, a, false)).await?;
            want.selection_mut(facet).include.push(a.clone());
            expect_results(client, expected(&index, &want), &format!("{} = {a}", facet.key())).await?;
            click(client, &value_button(facet, b, false)).await?;
            want.selection_mut(facet).include.push(b.clone());
            expect_results(client, expected(&index, &want), &format!("{} = {a} OR {b}", facet.key())).await?;
            let pressed = page::attr(client, &value_button(facet, b, false), "aria-pressed").await?;
            ensure(pressed.as_deref() == Some("true"), || format!("{b} is not shown as pressed"))?;
            // Live, disjunctive counts: another value's count is what choosing it would add.
            if facet != Facet::Actor {
                let other = index.search(&want);
                let list = if facet == Facet::Outlet { &other.outlets } else { &other.origins };
                for c in list {
                    let shown = js(
                        client,
                        &format!(
                            "return document.querySelector({}).querySelector('.n').textContent",
                            css(&value_button(facet, &c.value, false))
                        ),
                    )
                    .await?;
                    ensure(shown.as_str() == Some(&c.count.to_string()), || {
                        format!("{} count shows {shown}, expected {}", c.value, c.count)
                    })?;
                }
            }
            // Exclude the first instead: the include goes, the exclusion applies.
            click(client, &value_button(facet, a, true)).await?;
            want.selection_mut(facet).include.retain(|v| v != a);
            want.selection_mut(facet).exclude.push(a.clone());
            expect_results(client, expected(&index, &want), &format!("{} = {b} AND NOT {a}", facet.key())).await?;
            let chips = js(client, "return Array.from(document.querySelectorAll('.filter-chip')).map(e => e.textContent)").await?;
            ensure(chips.to_string().contains(&format!("Not {}: {a}", facet.key())), || format!("no chip for the exclusion: {chips}"))?;
            click(client, ".clear-all").await?;
            expect_results(client, ctx.corpus.articles.len(), "after clear all").await?;
        }
        Ok(())
    })
}

pub fn actors<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        let all = index.search(&q());
        // Two people whose articles differ, so any and all give different answers.
        let names: Vec<String> = all.actors.iter().map(|(id, _)| ctx.corpus.actors[*id as usize].name.to_string()).collect();
        let mut pair = None;
        'outer: for a in names.iter().take(12) {
            for b in names.iter().take(12) {
                let mut q = q();
                q.actors.include = vec![a.clone(), b.clone()];
                let any = expected(&index, &q);
                q.actor_mode = Combine::And;
                if a != b && any != expected(&index, &q) && expected(&index, &q) > 0 {
                    pair = Some((a.clone(), b.clone()));
                    break 'outer;
                }
            }
        }
        let (a, b) = pair.ok_or("no two actors where any and all differ")?;
        open(client, "").await?;
        // The finder narrows the facet to matching names.
        let finder = client.find(Locator::Css(".actor-filter")).await.map_err(|e| e.to_string())?;
        finder.send_keys(&b).await.map_err(|e| e.to_string())?;
        page::wait_for(
            client,
            &format!("document.querySelector({}) !== null", css(&value_button(Facet::Actor, &b, false))),
            "the found actor",
        )
        .await?;
        let listed =
            js(client, "return Array.from(document.querySelectorAll('.facet[data-facet=actor] .facet-value')).map(e => e.dataset.value)")
                .await?;
        let lower = b.to_lowercase();
        ensure(listed.as_array().is_some_and(|l| l.iter().all(|v| v.as_str().is_some_and(|v| v.to_lowercase().contains(&lower)))), || {
            format!("the finder for {b:?} still lists {listed}")
        })?;
        finder.clear().await.map_err(|e| e.to_string())?;
        js(client, "var f = document.querySelector('.actor-filter'); f.value = ''; f.dispatchEvent(new Event('input')); return 0").await?;
        // A result's actor chip adds that actor as a filter.
        let chip = format!(".result .actor-chip[data-actor={}]", css(&a));
        page::wait_for(client, &format!("document.querySelector({}) !== null", css(&chip)), "an actor chip").await?;
        click(client, &chip).await?;
        let mut want = q();
        want.actors.include.push(a.clone());
        expect_results(client, expected(&index, &want), &format!("chip {a}")).await?;
        click(client, &value_button(Facet::Actor, &b, false)).await?;
        want.actors.include.push(b.clone());
        expect_results(client, expected(&index, &want), &format!("{a} OR {b}")).await?;
        click(client, ".mode button[data-mode=and]").await?;
        want.actor_mode = Combine::And;
        expect_results(client, expected(&index, &want), &format!("{a} AND {b}")).await?;
        let hash = js(client, "return location.hash").await?;
        ensure(hash.as_str().is_some_and(|h| h.contains("actors=and")), || format!("the hash does not keep the switch: {hash}"))?;
        // A chip whose actor is in only some of the results: the list is drawn again, and the
        // focus is on the same chip of the same result (which stays: it has the actor).
        let chip_of = all.ids.iter().take(RESULTS_PAGE).find_map(|&id| {
            let article = &ctx.corpus.articles[id as usize];
            let mut q = q();
            present::main_actors(article, 5)
                .into_iter()
                .map(|p| p.corpus_name().to_owned())
                .find(|name| {
                    q.actors.include = vec![name.clone()];
                    expected(&index, &q) < all.ids.len()
                })
                .map(|name| (id, name))
        });
        let (id, name) = chip_of.ok_or("no chip of an actor in only some articles")?;
        open(client, "").await?;
        let chip = format!(".result[data-article=\"{id}\"] .actor-chip[data-actor={}]", css(&name));
        click(client, &chip).await?;
        let mut want = q();
        want.actors.include.push(name.clone());
        expect_results(client, expected(&index, &want), &format!("chip {name}")).await?;
        page::wait_for(client, &format!("document.activeElement === document.querySelector({})", css(&chip)), "the focus on the chip").await
    })
}

pub fn dates<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        // The bundled corpus with its newest article made undated.
        let mut corpus = ctx.corpus.clone();
        let newest = corpus.articles.iter().max_by_key(|a| a.date.as_ref().map(|d| d.value.clone())).map(|a| a.id).ok_or("empty corpus")?;
        corpus.articles[newest as usize].date = None;
        let index = Index::new(&corpus);
        let path = page::variant_with_corpus(&corpus, "undated.html")?;
        page::open_ready(client, &page::file_url(&path)).await?;
        let undated = page::attr(client, ".undated", "data-undated").await?;
        ensure(undated.as_deref() == Some("1"), || format!("the undated bucket says {undated:?}, expected 1"))?;
        let text = js(client, "return document.querySelector('.undated').textContent").await?;
        ensure(text.as_str().is_some_and(|t| t.contains('1')), || format!("the undated count is not shown: {text}"))?;
        // Drag across the bars from the first non-empty one to the last non-empty one.
        let bars =
            js(client, "return Array.from(document.querySelectorAll('.bar')).filter(b => b.dataset.count !== '0').map(b => b.dataset.key)")
                .await?;
        let keys: Vec<String> = bars.as_array().ok_or("no bars")?.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
        ensure(keys.len() >= 3, || format!("expected at least three non-empty bars, got {keys:?}"))?;
        let (from, to) = (keys[0].clone(), keys[keys.len() - 2].clone());
        let bar = |k: &str| format!(".bar[data-key={}]", css(k));
        let start = client.find(Locator::Css(&bar(&from))).await.map_err(|e| e.to_string())?;
        let end = client.find(Locator::Css(&bar(&to))).await.map_err(|e| e.to_string())?;
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement { element: start, duration: None, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::MoveToElement { element: end, duration: Some(Duration::from_millis(150)), x: 0.0, y: 0.0 })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        client.perform_actions(mouse).await.map_err(|e| format!("dragging across the histogram: {e}"))?;
        client.release_actions().await.map_err(|e| e.to_string())?;
        let mut want = Query { from: Some(from.clone()), to: Some(to.clone()), ..q() };
        expect_results(client, expected(&index, &want), &format!("dragged {from}..{to}")).await?;
        let fields =
            js(client, "return [document.querySelector('[data-bound=from]').value, document.querySelector('[data-bound=to]').value]")
                .await?;
        ensure(fields == serde_json::json!([from, to]), || format!("the range fields show {fields}"))?;
        // The undated article is left out of a range, and comes back on request.
        let count_undated = expected(&index, &Query { include_undated: true, ..want.clone() });
        ensure(count_undated == expected(&index, &want) + 1, || "test corpus: the undated article should add one".into())?;
        click(client, ".undated input[type=checkbox]").await?;
        want.include_undated = true;
        expect_results(client, count_undated, "with undated articles").await?;
        // Typing a bound: a month-precision article matches a day inside its month.
        let dated: Vec<_> = corpus.articles.iter().filter_map(|a| a.date.clone()).collect();
        let month = dated.iter().find(|d| d.precision == dossier_corpus::Precision::Month).map(|d| d.value.clone());
        if let Some(month) = month {
            let day = format!("{month}-15");
            for (sel, v) in [("[data-bound=from]", &day), ("[data-bound=to]", &day)] {
                let f = client.find(Locator::Css(sel)).await.map_err(|e| e.to_string())?;
                f.clear().await.map_err(|e| e.to_string())?;
                f.send_keys(&format!("{v}{}", Key::Enter)).await.map_err(|e| e.to_string())?;
            }
            let want = Query { from: Some(day.clone()), to: Some(day.clone()), include_undated: true, ..q() };
            expect_results(client, expected(&index, &want), &format!("a day ({day}) inside a month-dated article")).await?;
            let shown = js(client, "return Array.from(document.querySelectorAll('.result time')).map(t => t.textContent)").await?;
            ensure(!shown.to_string().contains("15 "), || format!("a month-dated article shows a made-up day: {shown}"))?;
        }
        // A bad bound is flagged and changes nothing.
        let f = client.find(Locator::Css("[data-bound=from]")).await.map_err(|e| e.to_string())?;
        f.clear().await.map_err(|e| e.to_string())?;
        f.send_keys(&format!("21-12-2021{}", Key::Enter)).await.map_err(|e| e.to_string())?;
        page::wait_for(
            client,
            "document.querySelector('[data-bound=from]').getAttribute('aria-invalid') === 'true'",
            "the bad date flagged",
        )
        .await
    })
}

pub fn phrase_search<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        // Three words from the middle of a paragraph, as a phrase in other case.
        let para =
            ctx.corpus.articles.iter().flat_map(|a| &a.body).find(|p| p.split_whitespace().count() > 20).ok_or("no long paragraph")?;
        let words: Vec<&str> = para.split_whitespace().skip(6).take(3).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
        let phrase = words.join(" ");
        let text = format!("\"{}\" ", phrase.to_uppercase());
        open(client, "").await?;
        let search = client.find(Locator::Css("#dossier-q")).await.map_err(|e| e.to_string())?;
        search.send_keys(&text).await.map_err(|e| e.to_string())?;
        let want = Query { text: text.clone(), ..q() };
        let n = expected(&index, &want);
        ensure(n >= 1, || format!("the phrase {phrase:?} should match"))?;
        expect_results(client, n, &format!("search {text}")).await?;
        let marks =
            js(client, "return Array.from(document.querySelectorAll('.result mark')).map(m => m.textContent.toLowerCase())").await?;
        ensure(marks.as_array().is_some_and(|m| m.iter().any(|v| v.as_str() == Some(phrase.to_lowercase().as_str()))), || {
            format!("no highlight of {phrase:?}; marks are {marks}")
        })?;
        // Ranked: the page's order is the engine's.
        let order =
            js(client, "return Array.from(document.querySelectorAll('[data-results] > .result')).map(r => Number(r.dataset.article))")
                .await?;
        let ids: Vec<Value> = index.search(&want).ids.iter().take(RESULTS_PAGE).map(|&i| Value::from(i)).collect();
        ensure(order == Value::Array(ids.clone()), || format!("result order {order}, engine order {ids:?}"))?;
        // Prefix as you type: a word cut short still matches.
        search.clear().await.map_err(|e| e.to_string())?;
        let word = words.iter().find(|w| w.len() >= 6).copied().unwrap_or(words[0]);
        let prefix = &word[..word.len() - 2];
        search.send_keys(prefix).await.map_err(|e| e.to_string())?;
        expect_results(client, expected(&index, &Query { text: prefix.into(), ..q() }), &format!("prefix {prefix}")).await
    })
}

pub fn hash_state<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        let all = index.search(&q());
        let outlet = all.outlets[0].value.clone();
        let origin = all.origins.first().map(|c| c.value.clone()).ok_or("no origin")?;
        let hash = format!("#outlet={}", outlet.replace(' ', "%20"));
        open(client, &hash).await?;
        let mut first = q();
        first.outlets.include.push(outlet.clone());
        expect_results(client, expected(&index, &first), &format!("opened with {hash}")).await?;
        let pressed = page::attr(client, &value_button(Facet::Outlet, &outlet, false), "aria-pressed").await?;
        ensure(pressed.as_deref() == Some("true"), || "the outlet from the hash is not shown as chosen".into())?;
        // A click makes a new history entry.
        click(client, &value_button(Facet::Origin, &origin, false)).await?;
        let mut second = first.clone();
        second.origins.include.push(origin.clone());
        expect_results(client, expected(&index, &second), "outlet and origin").await?;
        let hash2 = js(client, "return location.hash").await?.as_str().unwrap_or_default().to_owned();
        ensure(hash2.contains("origin="), || format!("the hash {hash2:?} lacks the origin"))?;
        client.back().await.map_err(|e| e.to_string())?;
        expect_results(client, expected(&index, &first), "after Back").await?;
        let pressed = page::attr(client, &value_button(Facet::Origin, &origin, false), "aria-pressed").await?;
        ensure(pressed.as_deref() == Some("false"), || "Back left the origin chosen".into())?;
        client.forward().await.map_err(|e| e.to_string())?;
        expect_results(client, expected(&index, &second), "after Forward").await?;
        // The hash alone recreates the view in a fresh page.
        client.goto("about:blank").await.map_err(|e| e.to_string())?;
        open(client, &hash2).await?;
        expect_results(client, expected(&index, &second), &format!("reopened {hash2}")).await?;
        // Every documented key, exclusion included.
        let actor = ctx.corpus.actors[all.actors[0].0 as usize].name.clone();
        let full = format!("#q=energy&outlet=!{}&actor={}&from=2021&to=2023-06", outlet.replace(' ', "%20"), actor.replace(' ', "%20"));
        client.goto("about:blank").await.map_err(|e| e.to_string())?;
        open(client, &full).await?;
        let want = dossier_corpus::url::from_hash(&full);
        expect_results(client, expected(&index, &want), &full).await?;
        let q_value = js(client, "return document.getElementById('dossier-q').value").await?;
        ensure(q_value == "energy", || format!("the search box shows {q_value}"))
    })
}

pub fn export<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        let outlet = index.search(&q()).outlets[0].value.clone();
        // Newest first: the results' order is not the articles' (which the CSV counts words in).
        let mut want = Query { sort: dossier_corpus::search::Sort::Newest, ..q() };
        want.outlets.exclude.push(outlet.clone());
        let ids = index.search(&want).ids;
        ensure(!ids.is_sorted(), || "the results are in article order".into())?;
        open(client, &format!("#outlet=!{}&sort=newest", outlet.replace(' ', "%20"))).await?;
        expect_results(client, ids.len(), "before export").await?;
        // Record the Blobs the page hands to the browser for download.
        js(client, "window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (b) { window.__blobs.push(b); return o.call(URL, b); }; return 0").await?;
        click(client, "[data-export=csv]").await?;
        click(client, "[data-export=json]").await?;
        page::wait_for(client, "window.__blobs.length === 2", "two downloads").await?;
        let texts = client
            .execute_async("const done = arguments[arguments.length - 1]; Promise.all(window.__blobs.map(b => b.text().then(t => [b.type, t]))).then(done)", vec![])
            .await
            .map_err(|e| e.to_string())?;
        let (csv_type, csv) = (texts[0][0].as_str().unwrap_or_default(), texts[0][1].as_str().unwrap_or_default());
        ensure(csv_type.starts_with("text/csv"), || format!("the CSV's type is {csv_type}"))?;
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        ensure(lines[0] == dossier_corpus::present::CSV_HEADER.join(","), || format!("CSV header {:?}", lines[0]))?;
        ensure(lines.len() == ids.len() + 1, || format!("{} CSV rows for {} results", lines.len() - 1, ids.len()))?;
        ensure(
            !csv.contains(&format!(",\"{outlet}\","))
                && csv.contains(&format!(",\"{}\",", ctx.corpus.articles[ids[0] as usize].outlet_name().unwrap_or_default())),
            || "the CSV does not have the outlets of the results".into(),
        )?;
        // Each row is its result's article, in the results' order, with its body's words (the
        // CSV counts them apart from writing its rows).
        for (row, id) in parse_csv(csv).iter().skip(1).zip(&ids) {
            let a = &ctx.corpus.articles[*id as usize];
            let words: usize = a.body.iter().map(|p| p.split_whitespace().count()).sum();
            ensure(row[0] == id.to_string() && row[9] == words.to_string(), || {
                format!("CSV row {row:?} is not article {id} with {words} words")
            })?;
        }
        let json: Value =
            serde_json::from_str(texts[1][1].as_str().unwrap_or_default()).map_err(|e| format!("the JSON export does not parse: {e}"))?;
        let rows = json.as_array().ok_or("the JSON export is not a list")?;
        ensure(rows.len() == ids.len(), || format!("{} JSON rows for {} results", rows.len(), ids.len()))?;
        for (row, id) in rows.iter().zip(&ids) {
            let a = &ctx.corpus.articles[*id as usize];
            ensure(row["title"] == a.title.as_str() && row["id"] == *id, || format!("JSON row {row} is not article {id}"))?;
            ensure(row["body"].as_array().is_some_and(|b| b.len() == a.body.len()), || format!("JSON row {id} lacks the body"))?;
            ensure(row["date"] == a.date.as_ref().map_or("", |d| d.value.as_str()), || format!("JSON row {id} has date {}", row["date"]))?;
        }
        formula_export(client).await
    })
}

/// RFC 4180 CSV read back into rows of cells (quoted cells may hold commas, quotes, line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows
}

/// Titles, outlets, authors and actor names that a spreadsheet would run as formulas are
/// exported as text (a leading `'`, OWASP's advice), and every cell reads back whole.
async fn formula_export(client: &Client) -> Res {
    use dossier_corpus::model::{Actor, ActorType, ArticleActor};
    use dossier_corpus::{Article, Attributed, Corpus, SCHEMA_VERSION, Source};
    let formulas = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=tab", "\r=cr", "=HYPERLINK(\"http://127.0.0.1:9/\",\"x\"), \"q\""];
    let actors: Vec<Actor> = formulas
        .iter()
        .enumerate()
        .map(|(i, f)| Actor { id: i as u32, name: format!("{f} actor").into(), kind: ActorType::Person, role: None })
        .collect();
    let articles = formulas
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut a = Article::new(i as u32, format!("{i}.txt"), *f);
            a.outlet = Some(Attributed { name: format!("{f} outlet").into(), source: Source::Manifest, evidence: Default::default() });
            a.authors = vec![format!("{f} author").into()];
            a.actors = vec![ArticleActor::new(i as u32, actors[i].name.clone(), ActorType::Person)];
            a
        })
        .collect();
    let corpus = Corpus { schema_version: SCHEMA_VERSION, articles, actors };
    let path = page::variant_with_corpus(&corpus, "formulas.html")?;
    page::open_ready(client, &page::file_url(&path)).await?;
    js(client, "window.__blobs = []; const o = URL.createObjectURL; URL.createObjectURL = function (b) { window.__blobs.push(b); return o.call(URL, b); }; return 0").await?;
    click(client, "[data-export=csv]").await?;
    page::wait_for(client, "window.__blobs.length === 1", "the CSV download").await?;
    let text = client
        .execute_async("const done = arguments[arguments.length - 1]; window.__blobs[0].text().then(done)", vec![])
        .await
        .map_err(|e| e.to_string())?;
    let rows = parse_csv(text.as_str().unwrap_or_default());
    ensure(rows.len() == formulas.len() + 1, || format!("{} CSV rows for {} articles: {text}", rows.len() - 1, formulas.len()))?;
    for row in &rows[1..] {
        ensure(row.len() == dossier_corpus::present::CSV_HEADER.len(), || format!("a row of {} cells: {row:?}", row.len()))?;
        let id: usize = row[0].parse().map_err(|_| format!("id cell {:?}", row[0]))?;
        let f = formulas[id];
        let (title, outlet, authors, actors) = (&row[1], &row[2], &row[6], &row[7]);
        ensure(
            *title == format!("'{f}")
                && *outlet == format!("'{f} outlet")
                && *authors == format!("'{f} author")
                && *actors == format!("'{f} actor"),
            || format!("row {id} is not neutralised: {row:?}"),
        )?;
        ensure(row.iter().all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])), || format!("a cell starts a formula: {row:?}"))?;
    }
    Ok(())
}

pub fn keyboard_and_axe<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        open(client, "").await?;
        // `/` focuses the search box.
        let body = client.find(Locator::Css("body")).await.map_err(|e| e.to_string())?;
        body.send_keys("/").await.map_err(|e| e.to_string())?;
        page::wait_for(client, "document.activeElement && document.activeElement.id === 'dossier-q'", "`/` to focus search").await?;
        let typed = js(client, "return document.activeElement.value").await?;
        ensure(typed == "", || format!("the `/` was typed into the box: {typed}"))?;
        // A facet value is a button: Enter toggles it.
        let outlet = index.search(&q()).outlets[0].value.clone();
        let button = client.find(Locator::Css(&value_button(Facet::Outlet, &outlet, false))).await.map_err(|e| e.to_string())?;
        js(client, &format!("document.querySelector({}).focus(); return 0", css(&value_button(Facet::Outlet, &outlet, false)))).await?;
        button.send_keys(&Key::Enter.to_string()).await.map_err(|e| e.to_string())?;
        let mut want = q();
        want.outlets.include.push(outlet.clone());
        expect_results(client, expected(&index, &want), "Enter on a facet value").await?;
        // A histogram bar selects its month from the keyboard too.
        let key = js(
            client,
            "var b = Array.from(document.querySelectorAll('.bar')).find(b => b.dataset.count !== '0'); b.focus(); return b.dataset.key",
        )
        .await?;
        let key = key.as_str().ok_or("no bar")?.to_owned();
        let bar = client.active_element().await.map_err(|e| e.to_string())?;
        bar.send_keys(&Key::Enter.to_string()).await.map_err(|e| e.to_string())?;
        want.from = Some(key.clone());
        want.to = Some(key.clone());
        expect_results(client, expected(&index, &want), &format!("Enter on the {key} bar")).await?;
        // The count is a polite live region.
        let live =
            js(client, "var c = document.querySelector('.count'); return [c.getAttribute('role'), c.getAttribute('aria-live')]").await?;
        ensure(live == serde_json::json!(["status", "polite"]), || format!("the count is not a live region: {live}"))?;
        // axe-core on the filtered main view, then on the default view.
        axe(client, "the filtered view").await?;
        click(client, ".clear-all").await?;
        axe(client, "the default view").await
    })
}

pub fn dark_theme<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        open(client, "").await?;
        // Relative luminance of the page's background (0 black .. 1 white).
        let luminance = "var m = getComputedStyle(document.getElementById('dossier')).backgroundColor.match(/[\\d.]+/g).map(Number); \
                         return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;";
        for want_dark in [true, false, true] {
            let pressed = page::attr(client, "[data-theme-toggle]", "aria-pressed").await?;
            if pressed.as_deref() != Some(&want_dark.to_string()) {
                click(client, "[data-theme-toggle]").await?;
            }
            let theme = if want_dark { "dark" } else { "light" };
            page::wait_for(
                client,
                &format!("document.getElementById('dossier').dataset.theme === '{theme}'"),
                &format!("the {theme} theme"),
            )
            .await?;
            let l = js(client, luminance).await?.as_f64().ok_or("no background colour")?;
            ensure(if want_dark { l < 0.2 } else { l > 0.8 }, || format!("the {theme} theme has a background of luminance {l:.2}"))?;
        }
        // Contrast and the rest, in the dark theme, on a view with highlights and chips.
        let search = client.find(Locator::Css("#dossier-q")).await.map_err(|e| e.to_string())?;
        search.send_keys("china ").await.map_err(|e| e.to_string())?;
        page::wait_for(client, "document.querySelector('.result mark') !== null", "highlights").await?;
        axe(client, "the dark theme").await
    })
}

pub fn reader<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        // The article with the most mentions of one actor, and that actor.
        let (article, actor) = ctx
            .corpus
            .articles
            .iter()
            .flat_map(|a| a.actors.iter().map(move |x| (a, x)))
            .max_by_key(|(_, x)| x.spans.len())
            .ok_or("no actor mentions in the corpus")?;
        let id = article.id;
        open(client, "").await?;
        click(client, &format!(".result[data-article=\"{id}\"] .open")).await?;
        page::wait_for(client, "document.querySelector('.reader-body') !== null", "the reader").await?;
        let hash = js(client, "return location.hash").await?;
        ensure(hash.as_str().is_some_and(|h| h.contains(&format!("article={id}"))), || {
            format!("the hash {hash} does not name the article")
        })?;
        let focused = js(client, "return document.activeElement && document.activeElement.id").await?;
        ensure(focused == "dossier-reader-title", || format!("focus is on {focused}, not the reader's title"))?;
        let shown = js(client, "return Array.from(document.querySelectorAll('.reader-body p')).length").await?;
        ensure(shown == article.body.len(), || format!("{shown} paragraphs shown, the article has {}", article.body.len()))?;
        let marked = js(
            client,
            &format!("return document.querySelectorAll('.reader-body .mention[data-actor={}]').length", css(actor.corpus_name())),
        )
        .await?;
        ensure(marked.as_u64() >= Some(actor.spans.len() as u64), || {
            format!("{marked} marks of {}, it has {} mentions", actor.name, actor.spans.len())
        })?;
        // Esc goes back to the list, focus on the title it was opened from.
        let body = client.find(Locator::Css("body")).await.map_err(|e| e.to_string())?;
        body.send_keys(&Key::Escape.to_string()).await.map_err(|e| e.to_string())?;
        page::wait_for(client, "document.querySelector('.reader') === null", "Esc to close the reader").await?;
        page::wait_for(
            client,
            &format!("document.activeElement === document.querySelector('.result[data-article=\"{id}\"] .open')"),
            "focus back on the result",
        )
        .await?;
        // By address.
        open(client, &format!("#article={id}")).await?;
        page::wait_for(
            client,
            &format!("document.querySelector('.reader-body[data-article=\"{id}\"]') !== null"),
            "the reader from the address",
        )
        .await?;
        axe(client, "the reader").await
    })
}

/// Run axe-core in the page; fail on any serious or critical violation.
pub async fn axe(client: &Client, what: &str) -> Res {
    let source = std::fs::read_to_string(page::axe_path()?).map_err(|e| e.to_string())?;
    js(client, &format!("{source}\n;return typeof window.axe")).await?;
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .map_err(|e| format!("running axe-core: {e}"))?;
    ensure(found.as_array().is_some_and(|v| v.is_empty()), || format!("axe-core on {what}: {found}"))
}
