//! The explorer's other views, engine by engine: quotes in the reader, an actor's page, the
//! quotes view, the co-occurrence matrix, keyboard moves and the narrow-screen drawer.
//! Expected values come from `dossier_corpus::insight` and the engine.

use dossier_corpus::insight;
use dossier_corpus::search::{Index, Query};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::explore::{axe, click, css, expect_results, open};
use crate::page::{self, Res, ensure, js};
use crate::scenarios::{Context, Fut};

pub const ALL: &[(&str, crate::scenarios::Scenario)] = &[
    ("reader_marks_quotes_with_their_speaker", reader_quotes),
    ("actor_page_lists_every_form_and_counts_articles_once", actor_page),
    ("quotes_view_grouped_and_filtered_by_speaker", quotes_view),
    ("cooccurrence_follows_the_filters", network),
    ("arrow_keys_move_between_results", arrows),
    ("narrow_screen_puts_filters_in_a_drawer", narrow),
    ("bodies_in_compressed_blocks_are_read_when_shown", blocks),
    ("a_busy_actor_s_timeline_gathers_articles_and_shows_them", busy_timeline),
];

fn reader_quotes<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let (article, i, speaker) = ctx
            .corpus
            .articles
            .iter()
            .flat_map(|a| a.quotes.iter().enumerate().map(move |(i, q)| (a, i, q)))
            .find_map(|(a, i, q)| q.speaker.map(|s| (a, i, ctx.corpus.actors[s as usize].name.clone())))
            .ok_or("no attributed quote in the corpus")?;
        open(client, &format!("#article={}", article.id)).await?;
        page::wait_for(client, "document.querySelector('.reader-body') !== null", "the reader").await?;
        let quoted = js(client, &format!("return Array.from(document.querySelectorAll('.reader-body .in-quote[data-quote=\"{i}\"]')).map(e => e.textContent).join('')")).await?;
        let q = &article.quotes[i];
        let expected = &article.body[q.span.paragraph as usize][q.span.start as usize..q.span.end as usize];
        ensure(quoted == expected, || format!("quote {i} is marked as {quoted}, expected {expected:?}"))?;
        let said = js(client, &format!("return document.querySelector('.reader-body .speaker[data-quote=\"{i}\"]').textContent")).await?;
        ensure(said.as_str().is_some_and(|s| s.contains(speaker.as_str())), || {
            format!("quote {i} is attributed to {said}, expected {speaker}")
        })?;
        axe(client, "the reader with quotes").await?;
        // Syndicated copies link to each other.
        let mut corpus = ctx.corpus.clone();
        let link = |to: u32, file: &str| dossier_corpus::StoryLink { article: to, file: file.into(), similarity: 0.9 };
        let (f0, f1) = (corpus.articles[0].file.clone(), corpus.articles[1].file.clone());
        corpus.articles[0].same_story.push(link(1, &f1));
        corpus.articles[1].same_story.push(link(0, &f0));
        let path = page::variant_with_corpus(&corpus, "syndicated.html")?;
        page::open_ready(client, &format!("{}#article=0", page::file_url(&path))).await?;
        click(client, ".same-story [data-article=\"1\"]").await?;
        page::wait_for(client, "document.querySelector('.reader-body[data-article=\"1\"]') !== null", "the same story from another outlet")
            .await?;
        let back = js(client, "return document.querySelectorAll('.same-story [data-article=\"0\"]').length").await?;
        ensure(back == 1, || "the copy does not link back".into())
    })
}

fn actor_page<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        // The actor written in the most ways.
        let best = ctx
            .corpus
            .actors
            .iter()
            .filter_map(|a| insight::profile(&ctx.corpus, &a.name))
            .max_by_key(|p| (p.forms.len(), p.articles.len()))
            .ok_or("no actors")?;
        ensure(best.forms.len() >= 2, || "the corpus should have an actor with aliases".into())?;
        let name = best.actor.name.clone();
        open(client, "").await?;
        // Reached from a mention in the reader.
        let (article, _) = best.articles[0];
        click(client, &format!(".result[data-article=\"{article}\"] .open")).await?;
        click(client, &format!(".reader-body .mention[data-actor={}]", css(&name))).await?;
        page::wait_for(client, "document.querySelector('.actor-page') !== null", "the actor page").await?;
        let hash = js(client, "return location.hash").await?;
        ensure(hash.as_str().is_some_and(|h| h.contains("profile=")), || format!("the hash {hash} does not name the actor page"))?;
        let title = js(client, "return document.getElementById('dossier-actor-title').textContent").await?;
        ensure(title == name.as_str(), || format!("the actor page is titled {title}"))?;
        let forms = js(client, "return Array.from(document.querySelectorAll('.actor-page .forms li')).map(e => e.dataset.form)").await?;
        let want: Vec<Value> = best.forms.iter().map(|(f, _)| Value::from(f.as_str())).collect();
        ensure(forms == Value::Array(want.clone()), || format!("forms listed {forms}, expected {want:?}"))?;
        let meta = js(client, "return document.querySelector('.actor-page .meta').textContent").await?;
        let n = best.articles.len();
        ensure(meta.as_str().is_some_and(|m| m.contains(&format!("{n} articles"))), || {
            format!("the page says {meta}, the actor is in {n} articles")
        })?;
        let dots = js(client, "return Array.from(document.querySelectorAll('.actor-page .timeline .dot circle')).filter(c => c instanceof SVGCircleElement && c.getBBox().width > 0).length").await?;
        let dated = best.articles.iter().filter(|(id, _)| ctx.corpus.articles[*id as usize].date.is_some()).count();
        ensure(dots == dated, || format!("{dots} dots on the timeline for {dated} dated articles"))?;
        // The first 10 quotes, then all of them on "Show all".
        let quotes = js(client, "return document.querySelectorAll('.actor-page .quote-list .quote-item').length").await?;
        ensure(quotes == best.quotes.len().min(10), || format!("{quotes} quotes shown, the actor has {}", best.quotes.len()))?;
        if best.quotes.len() > 10 {
            click(client, ".actor-page button.more").await?;
            let cond = format!("document.querySelectorAll('.actor-page .quote-list .quote-item').length === {}", best.quotes.len());
            page::wait_for(client, &cond, "every quote of the actor").await?;
        }
        axe(client, "the actor page").await?;
        // A co-occurring actor is a click from a filter.
        let (other, _) = best.with[0];
        let other = ctx.corpus.actors[other as usize].name.clone();
        click(client, &format!(".actor-page .with [data-actor={}]", css(&other))).await?;
        let index = Index::new(&ctx.corpus);
        let mut want = Query::default();
        want.actors.include.push(other.to_string());
        expect_results(client, index.search(&want).ids.len(), &format!("filter by {other} from the actor page")).await?;
        // Opened from the address too.
        open(client, &format!("#profile={}", name.replace(' ', "%20"))).await?;
        page::wait_for(
            client,
            &format!(
                "document.getElementById('dossier-actor-title') && document.getElementById('dossier-actor-title').textContent === {}",
                css(&name)
            ),
            "the actor page from the address",
        )
        .await
    })
}

/// Each speaker shown in the quotes view with the number of quotes drawn under it.
const SPEAKERS_SHOWN: &str = "return Array.from(document.querySelectorAll('.quotes-view .speaker')).map(s => [s.dataset.speaker, s.querySelectorAll('.quote-item').length])";

fn quotes_view<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let ids: Vec<u32> = (0..ctx.corpus.articles.len() as u32).collect();
        let groups = insight::quotes_by_speaker(&ctx.corpus, &ids, "");
        open(client, "#view=quotes").await?;
        page::wait_for(client, "document.querySelector('.quotes-view') !== null", "the quotes view").await?;
        // The first 50 speakers, each with its first 10 quotes (the view draws more on demand).
        let shown = js(client, SPEAKERS_SHOWN).await?;
        let want: Vec<Value> = groups.iter().take(50).map(|g| json!([g.name, g.quotes.len().min(10)])).collect();
        ensure(shown == Value::Array(want.clone()), || format!("speakers shown {shown}, expected {want:?}"))?;
        axe(client, "the quotes view").await?;
        // "Show all" draws every quote of the speaker quoted most.
        let (k, most) =
            groups.iter().take(50).enumerate().max_by_key(|(k, g)| (g.quotes.len(), std::cmp::Reverse(*k))).ok_or("no quotes")?;
        if most.quotes.len() > 10 {
            click(client, &format!(".quotes-view .speaker[data-speaker={}] button.more", css(&most.name))).await?;
            let cond = format!(
                "document.querySelectorAll('.quotes-view .speaker')[{k}].querySelectorAll('.quote-item').length === {}",
                most.quotes.len()
            );
            page::wait_for(client, &cond, "every quote of the speaker quoted most").await?;
        }
        if groups.len() > 50 {
            click(client, ".quotes-view > button.more").await?;
            let cond = format!("document.querySelectorAll('.quotes-view .speaker').length === {}", groups.len().min(100));
            page::wait_for(client, &cond, "more speakers").await?;
        }
        // Filter by a speaker's name.
        let speaker = groups.iter().find(|g| g.actor.is_some()).ok_or("no attributed speaker")?;
        let filter = client.find(Locator::Css("#dossier-quote-filter")).await.map_err(|e| e.to_string())?;
        filter.send_keys(&speaker.name).await.map_err(|e| e.to_string())?;
        let want: Vec<Value> =
            insight::quotes_by_speaker(&ctx.corpus, &ids, &speaker.name).iter().map(|g| json!([g.name, g.quotes.len()])).collect();
        page::wait_for(
            client,
            &format!("document.querySelectorAll('.quotes-view .speaker').length === {}", want.len()),
            "the filtered quotes",
        )
        .await?;
        let shown = js(client, SPEAKERS_SHOWN).await?;
        let want: Vec<Value> = want.iter().map(|g| json!([g[0], g[1].as_u64().unwrap_or(0).min(10)])).collect();
        ensure(shown == Value::Array(want.clone()), || format!("filtered by {}: {shown}, expected {want:?}", speaker.name))?;
        // A quote opens the reader at it.
        let (article, i, _) = speaker.quotes[0];
        let selector = format!(
            ".quotes-view .speaker[data-speaker={}] .quote-item[data-article=\"{article}\"][data-quote=\"{i}\"] .quote-open",
            css(&speaker.name)
        );
        click(client, &selector).await?;
        page::wait_for(
            client,
            &format!("document.querySelector('.reader-body[data-article=\"{article}\"]') !== null"),
            "the reader from a quote",
        )
        .await?;
        let target = format!("document.querySelector('.reader-body .in-quote.target[data-quote=\"{i}\"]') !== null");
        page::wait_for(client, &target, "the quote marked as the target").await?;
        let hash = js(client, "return location.hash").await?;
        ensure(hash.as_str().is_some_and(|h| h.contains(&format!("article={article}&quote={i}"))), || {
            format!("the hash {hash} does not point at the quote")
        })
    })
}

fn network<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        let check = |ids: Vec<u32>, what: &'static str| {
            let m = insight::cooccurrence(&ctx.corpus, &ids, 10);
            let names: Vec<String> = m.actors.iter().map(|&a| ctx.corpus.actors[a as usize].name.to_string()).collect();
            async move {
                page::wait_for(
                    client,
                    &format!(
                        "document.querySelector('.network') && document.querySelector('.network').dataset.actors === '{}'",
                        names.len()
                    ),
                    what,
                )
                .await?;
                for (i, row) in names.iter().enumerate().take(3) {
                    for (j, col) in names.iter().enumerate().take(3) {
                        let shown = js(client, &format!("const c = Array.from(document.querySelectorAll('.network .cell')).find(c => c.dataset.row === {} && c.dataset.col === {}); return c ? Number(c.dataset.count) : null", css(row), css(col))).await?;
                        ensure(shown == m.shared[i][j], || format!("{what}: {row} × {col} shows {shown}, expected {}", m.shared[i][j]))?;
                    }
                }
                Ok::<(), String>(())
            }
        };
        open(client, "").await?;
        click(client, "[data-view=network]").await?;
        check(index.search(&Query::default()).ids, "the matrix of all articles").await?;
        axe(client, "the co-occurrence view").await?;
        // Adding a filter redraws it.
        let outlet = index.search(&Query::default()).outlets[0].value.clone();
        click(client, &format!(".facet[data-facet=outlet] .facet-value[data-value={}]", css(&outlet))).await?;
        let mut q = Query::default();
        q.outlets.include.push(outlet);
        check(index.search(&q).ids, "the matrix after a filter").await
    })
}

fn arrows<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        open(client, "").await?;
        js(client, "document.querySelector('.result .open').focus(); return 0").await?;
        let at = "return Array.from(document.querySelectorAll('.result .open')).indexOf(document.activeElement)";
        for (key, want) in [(Key::Down, 1), (Key::Down, 2), (Key::Up, 1)] {
            let el = client.active_element().await.map_err(|e| e.to_string())?;
            el.send_keys(&key.to_string()).await.map_err(|e| e.to_string())?;
            let now = js(client, at).await?;
            ensure(now == want, || format!("after {key:?} the focus is on result {now}, expected {want}"))?;
        }
        // Enter opens the focused result; Esc comes back to it.
        let el = client.active_element().await.map_err(|e| e.to_string())?;
        el.send_keys(&Key::Enter.to_string()).await.map_err(|e| e.to_string())?;
        page::wait_for(client, "document.querySelector('.reader-body') !== null", "Enter to open a result").await?;
        let body = client.find(Locator::Css("body")).await.map_err(|e| e.to_string())?;
        body.send_keys(&Key::Escape.to_string()).await.map_err(|e| e.to_string())?;
        page::wait_for(
            client,
            "Array.from(document.querySelectorAll('.result .open')).indexOf(document.activeElement) === 1",
            "focus back on result 1",
        )
        .await
    })
}

fn narrow<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let (w, h) = client.get_window_size().await.map_err(|e| e.to_string())?;
        client.set_window_size(360, 740).await.map_err(|e| e.to_string())?;
        let result = async {
            open(client, "").await?;
            let width = js(client, "return window.innerWidth").await?;
            // Chromium goes down to 360 px; headless Firefox and WebKit stop at about 500.
            ensure(width.as_u64().is_some_and(|w| w <= 760), || format!("the window is {width} px wide, wider than the drawer's breakpoint"))?;
            let state = "return [getComputedStyle(document.querySelector('nav.facets')).display, getComputedStyle(document.querySelector('.drawer-toggle')).display !== 'none', document.documentElement.scrollWidth <= window.innerWidth + 1]";
            let closed = js(client, state).await?;
            ensure(closed == json!(["none", true, true]), || format!("narrow: [filters, toggle shown, fits] = {closed}"))?;
            click(client, ".drawer-toggle").await?;
            let opened = js(client, state).await?;
            ensure(opened[0] == "block", || format!("the drawer did not open: {opened}"))?;
            let expanded = page::attr(client, ".drawer-toggle", "aria-expanded").await?;
            ensure(expanded.as_deref() == Some("true"), || "the toggle does not say it is expanded".into())?;
            axe(client, "the narrow view with the drawer open").await
        }
        .await;
        client.set_window_size(w as u32, h as u32).await.map_err(|e| e.to_string())?;
        result
    })
}

/// `n` synthetic pages of `shape` (from `seed`) written to the temporary folder `folder` and
/// processed as the CLI processes a folder.
fn synthetic(folder: &str, shape: dossier_corpus::synth::Shape, seed: u64, n: usize) -> Res<dossier_corpus::Corpus> {
    use dossier_corpus::synth::{Generator, Rng};
    let dir = page::temp_dir(folder)?;
    let generator = Generator::new(shape);
    let mut rng = Rng::new(seed);
    for i in 0..n {
        let (name, text) = generator.article(i, &mut rng);
        std::fs::write(dir.join(name), text).map_err(|e| e.to_string())?;
    }
    Ok(dossier_corpus::process::process_dir(&dir, None, |_| {}, |_| {}).map_err(|e| e.to_string())?.corpus)
}

/// A corpus large enough that its bodies are many compressed blocks (the seeds are one):
/// the reader, a snippet, the text index (fed from the blocks between frames) and an export
/// each read bodies from blocks, and must give what the corpus holds.
fn blocks<'a>(client: &'a Client, _ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let shape = dossier_corpus::synth::Shape { outlets: 20, people: 400, people_per_article: (3, 6) };
        let corpus = synthetic("blocks-pages", shape, 11, 160)?;
        let (_, bodies) = dossier_corpus::bundle::open(&dossier_corpus::bundle::encode(&corpus)).map_err(|e| e.to_string())?;
        ensure(bodies.blocks() >= 10, || format!("only {} blocks of bodies", bodies.blocks()))?;
        let path = page::variant_with_corpus(&corpus, "blocks.html")?;
        let url = page::file_url(&path);
        // The reader, for an article of the last block, by address.
        let last = corpus.articles.last().ok_or("no articles")?;
        page::open_ready(client, &format!("{url}#article={}", last.id)).await?;
        page::wait_for(client, "document.querySelector('.reader-body') !== null", "the reader").await?;
        let text = js(client, "return document.querySelector('.reader-body').textContent").await?;
        let text = text.as_str().unwrap_or_default();
        // Each paragraph up to its first quotation (the reader adds the speaker after a quote).
        for p in &last.body {
            let lead = p.split('"').next().unwrap_or_default();
            ensure(text.contains(lead), || format!("the reader of article {} lacks the paragraph {p:?}", last.id))?;
        }
        // A text query counts what the whole index counts, and each snippet is its article's text.
        let word = last.title.split_whitespace().next().ok_or("an empty title")?.to_owned();
        let q = Query { text: format!("{word} "), ..Query::default() };
        let expected = Index::new(&corpus).search(&q);
        // Asked after the page has drawn: the text index is being fed between frames by then.
        page::open_ready(client, &url).await?;
        js(client, &format!("location.hash = 'q={}'", page::url_encode(&q.text))).await?;
        expect_results(client, expected.ids.len(), "a word of the last article's title").await?;
        // The index is whole now: no "preparing the text search" bar is left.
        page::wait_for(client, "document.querySelector('.text-progress') === null", "the text search ready").await?;
        let snippets: Value = js(
            client,
            "return Array.from(document.querySelectorAll('[data-results] > .result')).map(r => [Number(r.dataset.article), r.querySelector('.snippet').textContent])",
        )
        .await?;
        for pair in snippets.as_array().into_iter().flatten() {
            let (id, snippet) = (pair[0].as_u64().unwrap_or(u64::MAX) as usize, pair[1].as_str().unwrap_or_default());
            let body = corpus.articles.get(id).map(|a| a.body.join(" ")).ok_or("a result that is not an article")?;
            let words: Vec<&str> = snippet.split_whitespace().filter(|w| w.chars().all(char::is_alphanumeric)).take(6).collect();
            ensure(!words.is_empty() && words.iter().all(|w| body.contains(w)), || {
                format!("article {id}'s snippet {snippet:?} is not from its body")
            })?;
        }
        // The same corpus as a build writes a large one (DSR7): the bundle carries the text
        // index's postings, so a word is answered at once; a phrase, once the positions are
        // built from the blocks. Both as the whole index answers them.
        let path = page::variant_with_data(&page::island_of(&dossier_corpus::bundle::encode_as(&corpus, true))?, "blocks-index.html")?;
        page::open_ready(client, &page::file_url(&path)).await?;
        let shown = client
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1]; location.hash = 'q={}'; \
                     requestAnimationFrame(() => setTimeout(() => {{ const l = document.querySelector('[data-results]'); \
                     done([l.dataset.results, l.getAttribute('aria-busy')]); }}, 0));",
                    page::url_encode(&q.text)
                ),
                vec![],
            )
            .await
            .map_err(|e| format!("asking a word: {e}"))?;
        ensure(shown == serde_json::json!([expected.ids.len().to_string(), "false"]), || {
            format!("a word right after ready: {shown} where the index says {} at once", expected.ids.len())
        })?;
        let first: Vec<&str> = last.body[0].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(2).collect();
        let phrase = Query { text: format!("\"{}\"", first.join(" ")), ..Query::default() };
        let expected = Index::new(&corpus).search(&phrase);
        ensure(!expected.ids.is_empty(), || format!("no article has {}", phrase.text))?;
        js(client, &format!("location.hash = 'q={}'", page::url_encode(&phrase.text))).await?;
        expect_results(client, expected.ids.len(), "a phrase of the last article").await?;
        Ok(())
    })
}

/// An actor in more dated articles than the timeline draws one dot each for: its dots stand
/// for stretches of time, hold every dated article once, and one of several shows them.
fn busy_timeline<'a>(client: &'a Client, _ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let shape = dossier_corpus::synth::Shape { outlets: 12, people: 8, people_per_article: (3, 5) };
        let corpus = synthetic("timeline-pages", shape, 5, 400)?;
        // The actor in most dated articles, counted from the articles themselves.
        let mut dated = vec![0usize; corpus.actors.len()];
        for a in corpus.articles.iter().filter(|a| a.date.is_some()) {
            for m in &a.actors {
                dated[m.id as usize] += 1;
            }
        }
        let (id, n) = dated.iter().copied().enumerate().max_by_key(|&(_, n)| n).ok_or("no actors")?;
        ensure(n > insight::TIMELINE_DOTS, || format!("the busiest actor is in only {n} dated articles"))?;
        let name = corpus.actors[id].name.to_string();
        let url = page::file_url(&page::variant_with_corpus(&corpus, "timeline.html")?);
        page::open_ready(client, &format!("{url}#profile={}", page::url_encode(&name))).await?;
        page::wait_for(client, "document.querySelector('.actor-page .timeline .dot') !== null", "the timeline").await?;
        let counts =
            js(client, "return Array.from(document.querySelectorAll('.actor-page .timeline .dot')).map(g => Number(g.dataset.articles))")
                .await?;
        let counts: Vec<u64> = counts.as_array().ok_or("no dots")?.iter().filter_map(Value::as_u64).collect();
        ensure(counts.len() <= insight::TIMELINE_COLUMNS && counts.iter().sum::<u64>() == n as u64, || {
            format!("{} dots holding {} articles, for {n} dated articles", counts.len(), counts.iter().sum::<u64>())
        })?;
        let k = counts.iter().position(|&c| c > 1).ok_or("no dot of several articles")?;
        // An SVG element has no click(): a click event, as a pointer gives it.
        js(client, &format!("document.querySelectorAll('.actor-page .timeline .dot')[{k}].dispatchEvent(new MouseEvent('click', {{ bubbles: true }})); return 0")).await?;
        page::wait_for(
            client,
            "location.hash.includes('from=') && document.querySelector('[data-results]') !== null",
            "the dot's articles",
        )
        .await?;
        let hash = js(client, "return location.hash").await?;
        let q = dossier_corpus::url::from_hash(hash.as_str().unwrap_or_default());
        ensure(q.actors.include == [name.clone()] && q.from.is_some() && q.to.is_some(), || format!("the dot led to {hash}"))?;
        let expected = Index::new(&corpus).search(&q).ids.len();
        ensure(expected as u64 >= counts[k], || format!("{hash} holds {expected} articles, the dot {}", counts[k]))?;
        expect_results(client, expected, "the articles of a dot of the timeline").await
    })
}
