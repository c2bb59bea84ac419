//! The explorer embedded in another page, both ways, from `file://`: the example host pages
//! in `examples/embed/` (an iframe, and one script tag mounting into a shadow root). Each
//! host carries rough CSS of its own; the checks are that both sides keep their looks, that
//! the host can drive the explorer and hear from it, and that only the host is listened to.

use std::time::Duration;

use dossier_corpus::search::{Index, Query};
use fantoccini::Client;
use serde_json::{Value, json};

use crate::page::{self, Res, ensure, js};
use crate::scenarios::{Context, Fut};

pub const ALL: &[(&str, crate::scenarios::Scenario)] =
    &[("embedded_in_an_iframe", iframe), ("embedded_with_a_script_tag", script), ("allowed_origins_over_http", origins)];

#[derive(Clone, Copy, PartialEq)]
enum Way {
    Iframe,
    Script,
}

/// Computed styles of the explorer's parts, to compare embedded and stand-alone.
const FINGERPRINT: &str = "
    const props = ['font-family', 'font-size', 'font-weight', 'color', 'background-color', 'letter-spacing', 'text-transform',
                   'text-indent', 'border-top-style', 'border-top-color', 'border-top-left-radius', 'padding-top', 'line-height'];
    const out = {};
    for (const sel of ['.topbar h1', '#dossier-q', '.facet', '.facet-value', '.facet-value .n', '.count', '.result', '.result .title',
                       '.result .snippet', '.actor-chip', '.export button']) {
        const el = root.querySelector(sel);
        if (!el) { out[sel] = null; continue; }
        const cs = getComputedStyle(el);
        out[sel] = props.map(p => p + ': ' + cs.getPropertyValue(p)).join('; ');
    }
    return out;";

fn host_page(way: Way) -> Res<String> {
    page::explorer_path()?;
    let name = if way == Way::Iframe { "iframe.html" } else { "script.html" };
    let path = page::workspace().join("examples/embed").join(name);
    Ok(page::file_url(&path.canonicalize().map_err(|e| format!("{}: {e}", path.display()))?))
}

/// Run `body` with `root` bound to the explorer's root element (inside the iframe, or in the
/// shadow root of the host element).
async fn inside(client: &Client, way: Way, body: &str) -> Res<Value> {
    match way {
        Way::Iframe => {
            client.enter_frame(0).await.map_err(|e| format!("entering the iframe: {e}"))?;
            let v = js(client, &format!("const root = document.getElementById('dossier'); {body}")).await;
            client.enter_parent_frame().await.map_err(|e| e.to_string())?;
            v
        }
        Way::Script => {
            js(client, &format!("const root = document.getElementById('explorer').shadowRoot.querySelector('.dossier'); {body}")).await
        }
    }
}

async fn wait_inside(client: &Client, way: Way, cond: &str, what: &str) -> Res {
    for _ in 0..200 {
        if inside(client, way, &format!("return !!(root && ({cond}))")).await? == json!(true) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let state = inside(client, way, "return root ? [root.dataset.state, root.innerText.slice(0, 300)] : 'no root'").await?;
    Err(format!("timed out waiting for {what} ({cond}); explorer: {state}"))
}

async fn count_inside(client: &Client, way: Way) -> Res<usize> {
    let v = inside(client, way, "return root.querySelector('[data-results]').dataset.results").await?;
    v.as_str().and_then(|s| s.parse().ok()).ok_or_else(|| format!("no result count inside: {v}"))
}

async fn last_changed(client: &Client) -> Res<Value> {
    js(client, "const m = window.__dossierMessages.filter(m => m.type === 'dossier:changed'); return m.length ? m[m.length - 1] : null")
        .await
}

fn iframe<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(embedded(client, ctx, Way::Iframe))
}

fn script<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(embedded(client, ctx, Way::Script))
}

async fn embedded(client: &Client, ctx: &Context, way: Way) -> Res {
    let index = Index::new(&ctx.corpus);
    let total = ctx.corpus.articles.len();
    // The stand-alone look first, to compare with.
    page::open_ready(client, &page::file_url(&page::explorer_path()?)).await?;
    let alone = js(client, &format!("const root = document.getElementById('dossier'); {FINGERPRINT}")).await?;

    client.goto("about:blank").await.map_err(|e| e.to_string())?;
    client.goto(&host_page(way)?).await.map_err(|e| e.to_string())?;
    wait_inside(client, way, "root.dataset.state === 'ready'", "the embedded explorer to be ready").await?;
    ensure(count_inside(client, way).await? == total, || "the embedded explorer does not show every article".into())?;

    // Its look is its own.
    let embedded = inside(client, way, FINGERPRINT).await?;
    ensure(embedded == alone, || format!("the host's CSS changed the explorer's look:\n embedded {embedded}\n alone    {alone}"))?;
    // And the host's look is the host's: same class names, untouched by the explorer's CSS.
    let host = js(
        client,
        "const c = getComputedStyle(document.querySelector('body > p.count')), b = getComputedStyle(document.getElementById('reset')); \
         return [c.borderTopStyle, c.color, b.backgroundColor, b.borderTopLeftRadius, getComputedStyle(document.body).fontSize]",
    )
    .await?;
    ensure(host == json!(["dashed", "rgb(0, 170, 0)", "rgb(0, 255, 0)", "0px", "20px"]), || {
        format!("the host's own styles changed: {host}")
    })?;

    // Filtering works inside.
    let outlet = index.search(&Query::default()).outlets[0].value.clone();
    inside(
        client,
        way,
        &format!(
            "root.querySelector('.facet[data-facet=outlet] .facet-value[data-value={}]').click(); return 0",
            serde_json::to_string(&outlet).unwrap()
        ),
    )
    .await?;
    let mut want = Query::default();
    want.outlets.include.push(outlet.clone());
    let n = index.search(&want).ids.len();
    wait_inside(client, way, &format!("root.querySelector('[data-results]').dataset.results === '{n}'"), "a facet click inside").await?;
    page::wait_for(
        client,
        &format!("(window.__dossierMessages.filter(m => m.type === 'dossier:changed').pop() || {{}}).count === {n}"),
        "dossier:changed after the click",
    )
    .await?;
    let hash = js(client, "return location.hash").await?;
    ensure(hash == "", || format!("the explorer wrote to the host's address: {hash}"))?;

    // The host sets filters and search; it hears back with the right count.
    js(client, "document.getElementById('reset').click(); return 0").await?;
    wait_inside(client, way, &format!("root.querySelector('[data-results]').dataset.results === '{total}'"), "the host's reset").await?;
    js(client, "document.getElementById('show-rt').click(); document.getElementById('search-energy').click(); return 0").await?;
    let mut want = Query { text: "energy".into(), ..Query::default() };
    want.outlets.include.push("RT".into());
    let n = index.search(&want).ids.len();
    wait_inside(
        client,
        way,
        &format!("root.querySelector('[data-results]').dataset.results === '{n}' && root.querySelector('#dossier-q').value === 'energy'"),
        "the host's dossier:set",
    )
    .await?;
    page::wait_for(
        client,
        &format!("(window.__dossierMessages.filter(m => m.type === 'dossier:changed').pop() || {{}}).count === {n}"),
        "dossier:changed for the host's set",
    )
    .await?;
    let changed = last_changed(client).await?;
    ensure(changed["q"] == "energy" && changed["outlet"] == json!(["RT"]) && changed["total"] == total, || {
        format!("dossier:changed says {changed}")
    })?;

    // Opening an article or an actor inside is reported to the host.
    let first = index.search(&want).ids[0];
    inside(client, way, &format!("root.querySelector('.result[data-article=\"{first}\"] .open').click(); return 0")).await?;
    page::wait_for(
        client,
        "window.__dossierMessages.some(m => m.type === 'dossier:open' && m.what === 'article')",
        "dossier:open for an article",
    )
    .await?;
    let opened = js(client, "return window.__dossierMessages.filter(m => m.type === 'dossier:open').pop()").await?;
    ensure(opened["article"] == first && opened["title"] == ctx.corpus.articles[first as usize].title.as_str(), || {
        format!("dossier:open says {opened}")
    })?;
    wait_inside(client, way, "root.querySelector('.reader-body') !== null", "the reader inside").await?;
    // A mention in the reader opens the actor's page.
    let actor = inside(client, way, "const m = root.querySelector('.reader-body .mention'); m.click(); return m.dataset.actor").await?;
    page::wait_for(
        client,
        "window.__dossierMessages.some(m => m.type === 'dossier:open' && m.what === 'actor')",
        "dossier:open for an actor",
    )
    .await?;
    let opened = js(client, "return window.__dossierMessages.filter(m => m.type === 'dossier:open').pop()").await?;
    ensure(opened["actor"] == actor, || format!("dossier:open says {opened}, the mention was {actor}"))?;
    inside(client, way, "root.querySelector('.actor-page .back').click(); return 0").await?;
    wait_inside(client, way, "root.querySelector('.reader') === null", "the actor page to close").await?;
    js(client, "document.getElementById('show-rt').click(); document.getElementById('search-energy').click(); return 0").await?;
    wait_inside(
        client,
        way,
        &format!("root.querySelector('[data-results]').dataset.results === '{n}' && root.querySelector('#dossier-q').value === 'energy'"),
        "the host's set again",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(200)).await;

    // Malformed messages from the right window, and any message from a foreign window, change nothing.
    const CHANGED_COUNT: &str = "return window.__dossierMessages.filter(m => m.type === 'dossier:changed').length";
    let before = js(client, CHANGED_COUNT).await?;
    let target = if way == Way::Iframe { "document.getElementById('explorer').contentWindow" } else { "window" };
    js(
        client,
        &format!(
            "const t = {target}; for (const m of ['garbage', null, 42, {{type: 'dossier:set', outlet: 42}}, {{type: 'dossier:set', from: 'next week'}}, {{type: 'other', q: 'x'}}]) t.postMessage(m, '*'); \
             const intruder = document.createElement('iframe'); \
             intruder.srcdoc = '<script>' + ({intruder:?}) + '<' + '/script>'; \
             document.body.append(intruder); return 0",
            intruder = if way == Way::Iframe {
                "parent.frames[0].postMessage({type: 'dossier:set', q: 'intruder', outlet: []}, '*')"
            } else {
                "parent.postMessage({type: 'dossier:set', q: 'intruder', outlet: []}, '*')"
            }
        ),
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(700)).await;
    ensure(count_inside(client, way).await? == n, || "a malformed or foreign message changed the results".into())?;
    let q = inside(client, way, "return root.querySelector('#dossier-q').value").await?;
    ensure(q == "energy", || format!("a foreign window set the search to {q}"))?;
    let after = js(client, CHANGED_COUNT).await?;
    ensure(after == before, || format!("ignored messages still produced dossier:changed ({before} -> {after})"))?;
    let errors = js(client, "return window.__hostErrors").await?;
    ensure(errors == json!([]), || format!("script errors in the host page: {errors}"))?;
    options(client, &index, way).await
}

/// The options: initial filters, compact, theme; through `Dossier.mount` for the script, and
/// the page's `?query` for the iframe.
async fn options(client: &Client, index: &Index, way: Way) -> Res {
    let mut want = Query::default();
    want.outlets.include.push("RT".into());
    let n = index.search(&want).ids.len();
    let check = "return [root.dataset.theme, root.querySelector('nav.facets') === null, \
                 root.querySelector('.export') === null, root.querySelector('[data-results]').dataset.results]";
    let got = match way {
        Way::Script => {
            js(
                client,
                "const d = document.createElement('div'); d.id = 'second'; document.body.append(d); \
                        Dossier.mount(d, { filters: 'outlet=RT', compact: true, theme: 'dark' }); return 0",
            )
            .await?;
            page::wait_for(
                client,
                "(document.getElementById('second').shadowRoot.querySelector('.dossier') || {dataset: {}}).dataset.state === 'ready'",
                "a second explorer",
            )
            .await?;
            js(client, &format!("const root = document.getElementById('second').shadowRoot.querySelector('.dossier'); {check}")).await?
        }
        Way::Iframe => {
            let url = format!("{}?compact&theme=dark#outlet=RT", page::file_url(&page::explorer_path()?));
            js(client, &format!("document.getElementById('explorer').src = {}; return 0", serde_json::to_string(&url).unwrap())).await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            wait_inside(client, way, "root.dataset.state === 'ready'", "the reloaded iframe").await?;
            inside(client, way, check).await?
        }
    };
    ensure(got == json!(["dark", true, true, n.to_string()]), || {
        format!("options gave [theme, no facets, no export, count] = {got}, expected dark, compact, {n}")
    })
}

/// A host page that frames the address after its `#` and records the explorer's messages.
const HOST: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>host</title><script>
window.__heard = [];
addEventListener('message', function (e) {
  if (e.data && typeof e.data.type === 'string' && e.data.type.indexOf('dossier:') === 0) window.__heard.push({ origin: e.origin, data: e.data });
});
function send(m) { document.getElementById('explorer').contentWindow.postMessage(m, '*'); }
</script></head><body><iframe id="explorer" title="explorer" style="width:1000px;height:700px"></iframe>
<script>document.getElementById('explorer').src = decodeURIComponent(location.hash.slice(1));</script></body></html>"#;

async fn framed_count(client: &Client) -> Res<(String, String)> {
    client.enter_frame(0).await.map_err(|e| format!("entering the iframe: {e}"))?;
    let v = js(
        client,
        "const r = document.getElementById('dossier'); const n = r && r.querySelector('[data-results]'); \
         return [r ? r.dataset.state : 'none', n ? n.dataset.results : '', (r && r.querySelector('#dossier-q') || {}).value || '']",
    )
    .await;
    client.enter_parent_frame().await.map_err(|e| e.to_string())?;
    let v = v?;
    ensure(v[0] == "ready", || format!("the framed explorer is not ready: {v}"))?;
    Ok((v[1].as_str().unwrap_or_default().to_owned(), v[2].as_str().unwrap_or_default().to_owned()))
}

/// Over http, the explorer and its hosts on origins of their own (ports): with
/// `?allow-origins=`, an allowed host drives it and hears from it (at its own origin); a host
/// of another origin is ignored and told nothing. Without the option, any host is served.
fn origins<'a>(client: &'a Client, ctx: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let index = Index::new(&ctx.corpus);
        let total = ctx.corpus.articles.len();
        let html = std::fs::read(page::explorer_path()?).map_err(|e| e.to_string())?;
        let explorer = page::serve_files(vec![("/explorer.html".into(), html)])?;
        let allowed = page::serve_files(vec![("/host.html".into(), HOST.as_bytes().to_vec())])?;
        let other = page::serve_files(vec![("/host.html".into(), HOST.as_bytes().to_vec())])?;
        let mut want = Query { text: "energy".into(), ..Query::default() };
        want.outlets.include.push("RT".into());
        let n = index.search(&want).ids.len();
        ensure(n != total, || "the test query should change the count".into())?;
        let set = "send({type: 'dossier:set', q: 'energy', outlet: 'RT'}); return 0";
        let heard = "return window.__heard";

        for (host, query) in
            [(&allowed, format!("?allow-origins={}", page::url_encode(&format!("https://example.org,{allowed}")))), (&other, String::new())]
        {
            // An allowed host (or any host without the option): told, and obeyed.
            let framed = format!("{explorer}/explorer.html{query}");
            client.goto("about:blank").await.map_err(|e| e.to_string())?;
            client.goto(&format!("{host}/host.html#{}", page::url_encode(&framed))).await.map_err(|e| e.to_string())?;
            page::wait_for(
                client,
                &format!("window.__heard.some(m => m.data.type === 'dossier:changed' && m.data.count === {total})"),
                &format!("dossier:changed at {framed}"),
            )
            .await?;
            js(client, set).await?;
            page::wait_for(
                client,
                &format!("window.__heard.some(m => m.data.type === 'dossier:changed' && m.data.count === {n})"),
                "the host's set obeyed",
            )
            .await?;
            let got = framed_count(client).await?;
            ensure(got == (n.to_string(), "energy".into()), || format!("the framed explorer shows {got:?} after the host's set"))?;
            let messages = js(client, heard).await?;
            ensure(messages.as_array().is_some_and(|m| m.iter().all(|m| m["origin"] == explorer.as_str())), || {
                format!("messages from elsewhere: {messages}")
            })?;
        }

        // A host whose origin is not allowed: ignored, and told nothing. Allowed by the address,
        // or by the list `cargo xtask build --allow-origins` bakes into the file (which the
        // address cannot widen).
        let built = String::from_utf8(std::fs::read(page::explorer_path()?).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        let baked = "var built = null;";
        ensure(built.contains(baked), || "the page has no built-in allow list".into())?;
        let built = built.replacen(baked, &format!("var built = [{}];", serde_json::to_string(&allowed).unwrap()), 1);
        let baked_server = page::serve_files(vec![("/explorer.html".into(), built.into_bytes())])?;
        for framed in [
            format!("{explorer}/explorer.html?allow-origins={}", page::url_encode(&allowed)),
            format!("{baked_server}/explorer.html"),
            format!("{baked_server}/explorer.html?allow-origins={}", page::url_encode(&other)),
        ] {
            client.goto("about:blank").await.map_err(|e| e.to_string())?;
            client.goto(&format!("{other}/host.html#{}", page::url_encode(&framed))).await.map_err(|e| e.to_string())?;
            tokio::time::sleep(Duration::from_millis(300)).await;
            client.enter_frame(0).await.map_err(|e| format!("entering the iframe: {e}"))?;
            let ready = page::wait_state(client).await;
            client.enter_parent_frame().await.map_err(|e| e.to_string())?;
            ensure(ready? == "ready", || format!("the framed explorer did not start at {framed}"))?;
            js(client, set).await?;
            tokio::time::sleep(Duration::from_millis(800)).await;
            let got = framed_count(client).await?;
            ensure(got == (total.to_string(), String::new()), || {
                format!("a host of another origin changed the view at {framed}: {got:?}")
            })?;
            let messages = js(client, heard).await?;
            ensure(messages == json!([]), || format!("a host of another origin was told, at {framed}: {messages}"))?;
        }
        // The baked list lets its own origin in.
        client.goto("about:blank").await.map_err(|e| e.to_string())?;
        client
            .goto(&format!("{allowed}/host.html#{}", page::url_encode(&format!("{baked_server}/explorer.html"))))
            .await
            .map_err(|e| e.to_string())?;
        page::wait_for(
            client,
            &format!("window.__heard.some(m => m.data.type === 'dossier:changed' && m.data.count === {total})"),
            "the baked list's host told",
        )
        .await?;
        js(client, set).await?;
        page::wait_for(
            client,
            &format!("window.__heard.some(m => m.data.type === 'dossier:changed' && m.data.count === {n})"),
            "the baked list's host obeyed",
        )
        .await
    })
}
