//! What the browser tests check, engine by engine.

use std::future::Future;
use std::pin::Pin;

use dossier_corpus::search;
use dossier_corpus::{Article, Attributed, Corpus, SCHEMA_VERSION, Source};
use fantoccini::{Client, Locator};

use crate::page::{self, Res, ensure, js};

pub struct Context {
    pub corpus: Corpus,
}

impl Context {
    pub fn new() -> Self {
        Context { corpus: page::expected_corpus() }
    }
}

pub type Fut<'a> = Pin<Box<dyn Future<Output = Res> + 'a>>;
pub type Scenario = for<'a> fn(&'a Client, &'a Context) -> Fut<'a>;

pub const ALL: &[(&str, Scenario)] = &[
    ("ready_from_file_with_all_articles", ready_from_file),
    ("no_script_errors_and_no_requests", no_errors_no_requests),
    ("outlet_filter_changes_results", outlet_filter),
    ("works_over_http", over_http),
    ("damaged_data_shows_a_readable_error", damaged_data),
    ("article_text_is_rendered_as_text", text_not_html),
    ("empty_corpus_says_it_is_empty", empty_corpus),
    ("bad_data_in_one_explorer_leaves_the_others_working", two_explorers),
];

async fn open_explorer(client: &Client) -> Res {
    page::open_ready(client, &page::file_url(&page::explorer_path()?)).await
}

async fn result_count(client: &Client) -> Res<usize> {
    let n = page::attr(client, "[data-results]", "data-results").await?.ok_or("no data-results")?;
    n.parse().map_err(|_| format!("data-results is {n:?}"))
}

async fn visible_results(client: &Client) -> Res<usize> {
    let n = js(client, "return document.querySelectorAll('[data-results] > .result').length").await?;
    Ok(n.as_u64().unwrap_or(0) as usize)
}

fn ready_from_file<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        open_explorer(client).await?;
        let n = page::attr(client, "#dossier", "data-articles").await?;
        let expected = ctx.corpus.articles.len();
        ensure(expected == 5, || format!("the bundled corpus should have 5 articles, processing gave {expected}"))?;
        ensure(n.as_deref() == Some(&expected.to_string()), || format!("data-articles is {n:?}, expected {expected}"))?;
        let shown = visible_results(client).await?;
        ensure(shown == expected, || format!("{shown} results shown, expected {expected}"))?;
        for article in &ctx.corpus.articles {
            let found = js(
                client,
                &format!(
                    "return Array.from(document.querySelectorAll('.result .title')).some(e => e.textContent === {})",
                    serde_json::to_string(&article.title).unwrap()
                ),
            )
            .await?;
            ensure(found == true, || format!("title {:?} is not shown", article.title))?;
        }
        Ok(())
    })
}

fn no_errors_no_requests<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        open_explorer(client).await?;
        // Interact a little so lazily-run code runs too.
        if let Ok(button) = client.find(Locator::Css(".facet-value")).await {
            button.click().await.map_err(|e| e.to_string())?;
            button.click().await.map_err(|e| e.to_string())?;
        }
        let errors = js(client, "return window.__dossierErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors: {errors}"))?;
        let requests = js(client, "return performance.getEntriesByType('resource').map(e => e.name)").await?;
        ensure(requests.as_array().is_some_and(|a| a.is_empty()), || format!("the page made requests: {requests}"))?;
        let csp =
            js(client, "var m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m && m.content").await?;
        ensure(csp.as_str().is_some_and(|c| c.contains("default-src 'none'")), || format!("CSP is {csp}"))
    })
}

fn outlet_filter<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        open_explorer(client).await?;
        let total = ctx.corpus.articles.len();
        let top = search::outlet_counts(&ctx.corpus).into_iter().next().ok_or("the corpus has no outlets")?;
        let selector = format!(".facet[data-facet=outlet] .facet-value[data-value={}]", serde_json::to_string(&top.value).unwrap());
        let button = client.find(Locator::Css(&selector)).await.map_err(|e| format!("no outlet button {selector}: {e}"))?;
        button.click().await.map_err(|e| e.to_string())?;
        page::wait_for(
            client,
            &format!("document.querySelector('[data-results]').dataset.results === '{}'", top.count),
            "the filtered count",
        )
        .await?;
        let shown = visible_results(client).await?;
        ensure(shown == top.count, || format!("{shown} results shown after filtering by {}, expected {}", top.value, top.count))?;
        let pressed = page::attr(client, &selector, "aria-pressed").await?;
        ensure(pressed.as_deref() == Some("true"), || format!("aria-pressed is {pressed:?} after the click"))?;
        button.click().await.map_err(|e| e.to_string())?;
        page::wait_for(client, &format!("document.querySelector('[data-results]').dataset.results === '{total}'"), "all results again")
            .await?;
        ensure(result_count(client).await? == total, || "clearing the filter did not bring all results back".into())
    })
}

fn over_http<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let url = page::serve(&page::explorer_path()?)?;
        page::open_ready(client, &url).await?;
        let n = page::attr(client, "#dossier", "data-articles").await?;
        ensure(n == Some(ctx.corpus.articles.len().to_string()), || format!("data-articles is {n:?} over http"))?;
        let errors = js(client, "return window.__dossierErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors over http: {errors}"))
    })
}

fn damaged_data<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        // Valid base64 and gzip of bytes that are not a corpus bundle.
        let path = page::variant_with_data("H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==", "damaged.html")?;
        client.goto(&page::file_url(&path)).await.map_err(|e| e.to_string())?;
        let state = page::wait_state(client).await?;
        ensure(state == "error", || format!("state is {state:?} with a damaged corpus"))?;
        let text = js(client, "return document.getElementById('dossier').innerText").await?;
        let text = text.as_str().unwrap_or_default();
        ensure(text.contains("could not") && text.contains("cargo xtask build"), || {
            format!("the error does not say what failed and what to do: {text:?}")
        })?;
        // Not base64 at all.
        let path = page::variant_with_data("%%% not base64 %%%", "garbage.html")?;
        client.goto(&page::file_url(&path)).await.map_err(|e| e.to_string())?;
        let state = page::wait_state(client).await?;
        ensure(state == "error", || format!("state is {state:?} with a garbage data island"))
    })
}

fn text_not_html<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let title = "<img src=x onerror=\"window.__pwned=1\"> & <b>bold</b>";
        let mut article = Article::new(0, "evil.txt", title);
        article.body = vec!["<script>window.__pwned=2</script> body text".into()];
        article.outlet = Some(Attributed { name: "<i>Outlet</i>".into(), source: Source::Text, evidence: Default::default() });
        let corpus = Corpus { schema_version: SCHEMA_VERSION, articles: vec![article], actors: vec![] };
        let path = page::variant_with_corpus(&corpus, "markup.html")?;
        page::open_ready(client, &page::file_url(&path)).await?;
        let shown = js(client, "return document.querySelector('.result .title').textContent").await?;
        ensure(shown == title, || format!("the title was not shown as text: {shown}"))?;
        let injected = js(client, "return [document.querySelectorAll('#dossier img, #dossier b, #dossier i, #dossier script').length, window.__pwned === undefined]").await?;
        ensure(injected == serde_json::json!([0, true]), || format!("markup from the corpus became elements: {injected}"))
    })
}

fn empty_corpus<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let path = page::variant_with_corpus(&Corpus { schema_version: SCHEMA_VERSION, ..Corpus::default() }, "empty.html")?;
        page::open_ready(client, &page::file_url(&path)).await?;
        let n = page::attr(client, "#dossier", "data-articles").await?;
        ensure(n.as_deref() == Some("0"), || format!("data-articles is {n:?} for an empty corpus"))?;
        let status = js(client, "return Array.from(document.querySelectorAll('#dossier [role=status]')).map(e => e.textContent)").await?;
        ensure(status.as_array().is_some_and(|s| s.iter().any(|t| t.as_str().is_some_and(|t| t.contains("empty")))), || {
            format!("no status says the corpus is empty: {status}")
        })?;
        let errors = js(client, "return window.__dossierErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors: {errors}"))
    })
}

/// Two explorers on one page from `explorer.js`, the first with a data island whose bundle
/// decodes but points at an actor it does not hold: that one shows its own readable error,
/// the other works.
fn two_explorers<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let script = page::explorer_path()?.with_extension("js");
        let mut bad = ctx.corpus.clone();
        let first = bad.articles.iter_mut().find(|a| !a.actors.is_empty()).ok_or("no article with actors")?;
        first.actors[0].id = 10_000;
        let dir = page::temp_dir("two")?;
        std::fs::copy(&script, dir.join("explorer.js")).map_err(|e| e.to_string())?;
        let html = format!(
            "<!doctype html><html><head><meta charset=utf-8><script>window.__hostErrors = []; addEventListener('error', e => __hostErrors.push(String(e.message)));</script></head><body>\n\
             <script type=\"application/octet-stream\" id=\"bad-island\">{}</script>\n\
             <div id=\"broken\" data-dossier-explorer='{{\"data\": \"bad-island\"}}'></div>\n\
             <div id=\"fine\" data-dossier-explorer></div>\n\
             <script src=\"explorer.js\"></script></body></html>",
            page::island(&bad)?
        );
        let path = dir.join("two.html");
        std::fs::write(&path, html).map_err(|e| e.to_string())?;
        client.goto(&page::file_url(&path)).await.map_err(|e| e.to_string())?;
        let root = |id: &str| format!("document.getElementById('{id}').shadowRoot.querySelector('.dossier')");
        page::wait_for(
            client,
            &format!("{0} && {0}.dataset.state === 'error' && {1} && {1}.dataset.state === 'ready'", root("broken"), root("fine")),
            "one explorer in error, the other ready",
        )
        .await?;
        let text = js(client, &format!("return {}.innerText", root("broken"))).await?;
        let text = text.as_str().unwrap_or_default();
        ensure(text.contains("could not") && text.contains("actor 10000"), || {
            format!("the broken explorer does not say what is wrong: {text:?}")
        })?;
        // The other one filters.
        let total = ctx.corpus.articles.len();
        let top = search::outlet_counts(&ctx.corpus).into_iter().next().ok_or("no outlets")?;
        js(
            client,
            &format!(
                "{}.querySelector('.facet[data-facet=outlet] .facet-value[data-value={}]').click(); return 0",
                root("fine"),
                serde_json::to_string(&top.value).unwrap()
            ),
        )
        .await?;
        page::wait_for(
            client,
            &format!("{}.querySelector('[data-results]').dataset.results === '{}'", root("fine"), top.count),
            "a click in the working explorer",
        )
        .await?;
        ensure(top.count < total || total == 1, || "the click changed nothing".into())?;
        let errors = js(client, "return window.__hostErrors").await?;
        ensure(errors.as_array().is_some_and(|a| a.is_empty()), || format!("script errors in the page: {errors}"))
    })
}
