//! Hostile text in every view: a corpus whose every field (titles, outlets, origins, authors,
//! bodies, captions, quotes and their cues, actor names, forms and roles, provenance evidence,
//! file names) holds XSS vectors from `data/xss-vectors.txt`, shown in each view, reached by the
//! address (hash values are vectors too) and by a host's messages. No vector may run a script
//! (they call `__xss`), become an element or attribute, make a request, or trip the CSP.

use std::time::Duration;

use dossier_corpus::model::{Actor, ActorType, ArticleActor, DateInfo, FieldSource, Precision, Quote, Span, StoryLink};
use dossier_corpus::{Article, Attributed, Corpus, SCHEMA_VERSION, Source};
use fantoccini::Client;
use serde_json::{Value, json};

use crate::page::{self, Res, ensure, js};
use crate::scenarios::{Context, Fut};

pub const ALL: &[(&str, crate::scenarios::Scenario)] = &[("hostile_text_in_every_view", hostile)];

/// The vectors of the data file.
pub fn vectors() -> Vec<String> {
    include_str!("data/xss-vectors.txt").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(str::to_owned).collect()
}

/// Runs first in the page's head: records calls of `__xss`, CSP violations, and any element or
/// attribute inside the explorer that markup in the data could have made.
pub const WATCH: &str = r#"
window.__xssHits = []; window.__xss = function (n) { window.__xssHits.push(n); };
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });
window.__injected = [];
window.__scan = function (el) {
  var root = document.getElementById('dossier');
  if (!root || el.nodeType !== 1 || !root.contains(el)) return;
  var why = [];
  if (/^(script|img|iframe|object|embed|link|style|math|body|xss|frame|base|meta|form|video|audio|mglyph|mtext)$/i.test(el.tagName)) why.push('element');
  for (var i = 0; i < el.attributes.length; i++) {
    var a = el.attributes[i];
    if (/^on/i.test(a.name)) why.push('handler ' + a.name);
    if (/^(href|src|xlink:href|action|formaction|data|srcdoc)$/i.test(a.name) && /^\s*(javascript|data|vbscript)\s*:/i.test(a.value)) why.push('url ' + a.name);
    if (a.name === 'style' && /__xss|expression\s*\(|url\s*\(|@import/i.test(a.value)) why.push('style');
  }
  if (why.length) window.__injected.push(el.tagName + ': ' + why.join(', '));
};
new MutationObserver(function (records) {
  records.forEach(function (r) {
    if (r.type === 'attributes') { window.__scan(r.target); return; }
    r.addedNodes.forEach(function (n) {
      if (n.nodeType !== 1) return;
      window.__scan(n);
      n.querySelectorAll('*').forEach(window.__scan);
    });
  });
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
"#;

/// What the watcher saw, plus a scan of the explorer as it is now.
const REPORT: &str = "var root = document.getElementById('dossier'); root.querySelectorAll('*').forEach(window.__scan); \
     return {hits: window.__xssHits, csp: window.__csp, injected: Array.from(new Set(window.__injected)), \
     errors: window.__dossierErrors, requests: performance.getEntriesByType('resource').map(e => e.name), state: root.dataset.state}";

fn kind(i: usize) -> ActorType {
    [ActorType::Person, ActorType::Person, ActorType::Country, ActorType::Organization][i % 4]
}

/// One article per vector, each field a vector; article 0 carries every vector in its body.
pub fn corpus(v: &[String]) -> Corpus {
    let n = v.len();
    let at = |i: usize| v[i % n].clone();
    let actors: Vec<Actor> =
        (0..n).map(|i| Actor { id: i as u32, name: at(i).into(), kind: kind(i), role: Some(at(i + 5).into()) }).collect();
    let mut articles = Vec::new();
    for i in 0..n {
        let mut a = Article::new(i as u32, format!("{i}-{}.txt", at(i + 1)), at(i));
        a.title_variants = vec![at(i + 2)];
        a.outlet = Some(Attributed { name: at(i).into(), source: Source::Text, evidence: at(i + 3).into() });
        a.origin = Some(Attributed { name: at(i + 2).into(), source: Source::Inferred, evidence: at(i + 4).into() });
        a.date = Some(DateInfo {
            value: format!("2022-{:02}-1{}", i % 12 + 1, i % 9).into(),
            precision: Precision::Day,
            source: Source::Text,
            evidence: at(i + 5).into(),
        });
        a.authors = vec![at(i + 3).into(), at(i + 6).into()];
        a.provenance = vec![
            FieldSource { field: "title".into(), source: Source::Text, evidence: at(i + 7).into() },
            FieldSource { field: "authors".into(), source: Source::Manifest, evidence: at(i + 8).into() },
        ];
        a.captions = vec![at(i + 9)];
        // "<speaker> said “<quote>” to <other> about <vector>."
        let (speaker, other, quoted) = (at(i), at(i + 1), at(i + 10));
        let opening = format!("{speaker} said ");
        let quote_start = opening.len();
        let quote_end = quote_start + "“".len() + quoted.len() + "”".len();
        let para = format!("{opening}“{quoted}” to {other} about {}.", at(i + 11));
        let other_start = quote_end + " to ".len();
        let span = |p: u32, s: usize, e: usize| Span { paragraph: p, start: s as u32, end: e as u32 };
        a.body = vec![para];
        if i == 0 {
            a.body.extend(v.iter().enumerate().map(|(k, x)| format!("Paragraph {k}: {x}")));
        }
        let actor = |id: usize, s: Span| ArticleActor {
            canonical: None,
            id: id as u32,
            name: at(id).into(),
            kind: kind(id % n),
            role: Some(at(id + 5).into()),
            forms: vec![at(id).into(), at(id + 12).into()],
            metonyms: vec![],
            mentions: 1,
            spans: vec![s],
        };
        a.actors = vec![actor(i % n, span(0, 0, speaker.len())), actor((i + 1) % n, span(0, other_start, other_start + other.len()))];
        a.quotes = vec![Quote {
            text: quoted.clone().into(),
            speaker: Some((i % n) as u32),
            speaker_name: Some(speaker.clone().into()),
            cue: Some(at(i + 13).into()),
            span: span(0, quote_start, quote_end),
        }];
        a.same_story = vec![StoryLink { article: ((i + 1) % n) as u32, file: at(i + 14), similarity: 0.9 }];
        articles.push(a);
    }
    Corpus { schema_version: SCHEMA_VERSION, articles, actors }
}

/// Every byte but letters and digits as %XX: a hash value as a link would carry it.
pub fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn clean(client: &Client, what: &str) -> Res {
    // Let late work (effects, timers, image loads the CSP would block) happen.
    tokio::time::sleep(Duration::from_millis(250)).await;
    let r = js(client, REPORT).await?;
    let empty = |k: &str| r[k].as_array().is_some_and(|a| a.is_empty());
    ensure(r["state"] == "ready", || format!("{what}: the explorer is not ready: {r}"))?;
    ensure(empty("hits"), || format!("{what}: a vector ran a script: {}", r["hits"]))?;
    ensure(empty("injected"), || format!("{what}: markup from the data became elements or attributes: {}", r["injected"]))?;
    ensure(empty("csp"), || format!("{what}: CSP violations: {}", r["csp"]))?;
    ensure(empty("requests"), || format!("{what}: the page made requests: {}", r["requests"]))?;
    ensure(empty("errors"), || format!("{what}: script errors: {}", r["errors"]))
}

fn hostile<'a>(client: &'a Client, _: &'a Context) -> Fut<'a> {
    Box::pin(async move {
        let v = vectors();
        ensure(v.len() >= 15, || format!("only {} vectors in the data file", v.len()))?;
        let corpus = corpus(&v);
        dossier_corpus::bundle::validate(&corpus).map_err(|e| format!("the hostile corpus is not consistent: {e}"))?;
        let html = std::fs::read_to_string(page::explorer_path()?).map_err(|e| e.to_string())?;
        let html = page::with_head_script(&page::html_with_data(&html, &page::island(&corpus)?)?, WATCH)?;
        // A host page's messages carrying vectors come from this page, which frames the explorer.
        let host_script = format!(
            "{WATCH}\nwindow.__heard = []; addEventListener('message', e => window.__heard.push(e.data));\n\
             function send(m) {{ document.getElementById('explorer').contentWindow.postMessage(m, '*'); }}"
        );
        let host = format!(
            "<!doctype html><html><head><script>{host_script}</script></head><body>\
             <iframe id=explorer src=\"hostile.html\" style=\"width:1000px;height:700px\"></iframe></body></html>"
        );
        // Over http, where every engine reports CSP violations (Firefox does not for file://).
        let base = page::serve_files(vec![("/hostile.html".into(), html.into_bytes()), ("/host.html".into(), host.into_bytes())])?;
        let url = format!("{base}/hostile.html");
        let n = corpus.articles.len();

        // The results: titles, outlets, dates, authors, snippets, actor chips; the facets.
        page::open_ready(client, &url).await?;
        page::wait_for(client, &format!("document.querySelectorAll('.result').length === {}", n.min(20)), "every result").await?;
        let titles = js(client, "return Array.from(document.querySelectorAll('.result .title')).map(e => e.textContent)").await?;
        ensure(titles.as_array().is_some_and(|t| t.iter().all(|t| v.iter().any(|x| x == t.as_str().unwrap_or_default()))), || {
            format!("titles are not shown as their text: {titles}")
        })?;
        clean(client, "the results").await?;

        let views: Vec<(String, &str)> = vec![
            ("#article=0&quote=0".into(), ".reader-body .in-quote"),
            ("#article=1".into(), ".reader-body"),
            (format!("#profile={}", encode(&v[0])), ".actor-page"),
            (format!("#profile={}", encode(&v[2])), ".actor-page"),
            ("#view=quotes".into(), ".quotes-view .quote-item"),
            ("#view=network".into(), ".network .matrix"),
            // Search hits marked inside hostile text.
            ("#q=img%20onerror".into(), ".result mark"),
            // Hash values that are vectors themselves.
            (
                format!(
                    "#q={}&outlet={},!{}&origin={}&actor={}&from={}&to={}&sort={}&view={}",
                    encode(&v[1]),
                    encode(&v[2]),
                    encode(&v[3]),
                    encode(&v[4]),
                    encode(&v[5]),
                    encode(&v[6]),
                    encode(&v[7]),
                    encode(&v[8]),
                    encode(&v[9])
                ),
                ".count",
            ),
            (format!("#article={}&profile={}&quote={}", encode(&v[10]), encode(&v[11]), encode(&v[12])), ".count"),
        ];
        for (hash, selector) in &views {
            page::open_ready(client, &format!("{url}{hash}")).await?;
            page::wait_for(client, &format!("document.querySelector({:?}) !== null", selector), &format!("{selector} at {hash}")).await?;
            clean(client, hash).await?;
        }
        // The actor page's quotes and company, the reader's quote marks: clicked through.
        page::open_ready(client, &format!("{url}#profile={}", encode(&v[0]))).await?;
        page::wait_for(client, "document.querySelector('.actor-page .chip') !== null", "the actor page's company").await?;
        js(client, "document.querySelector('.actor-page .chip').click(); return 0").await?;
        clean(client, "a click on an actor page").await?;

        client.goto("about:blank").await.map_err(|e| e.to_string())?;
        client.goto(&format!("{base}/host.html")).await.map_err(|e| e.to_string())?;
        page::wait_for(client, "window.__heard.some(m => m && m.type === 'dossier:changed')", "the framed explorer").await?;
        for (k, x) in v.iter().enumerate() {
            let set = json!({"type": "dossier:set", "q": x, "outlet": [x, format!("!{}", v[(k + 1) % v.len()])], "actor": x, "origin": x});
            js(client, &format!("send({set}); return 0")).await?;
        }
        js(client, &format!("send({}); return 0", json!({"type": "dossier:set", "q": "", "outlet": [], "actor": [], "origin": []})))
            .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let heard = js(client, "return window.__heard.filter(m => m && m.type === 'dossier:changed').length").await?;
        ensure(heard.as_u64().unwrap_or(0) > 1, || format!("the explorer did not answer the host's messages ({heard})"))?;
        let host_report = js(client, "return [window.__xssHits, window.__csp]").await?;
        ensure(host_report == json!([[], []]), || format!("the host page saw {host_report}"))?;
        client.enter_frame(0).await.map_err(|e| format!("entering the iframe: {e}"))?;
        let inside = clean(client, "the host's messages").await;
        client.enter_parent_frame().await.map_err(|e| e.to_string())?;
        inside?;

        // The watchers work: markup put into the page on purpose is seen by each of them.
        page::open_ready(client, &url).await?;
        js(
            client,
            "document.getElementById('dossier').insertAdjacentHTML('beforeend', '<img src=\"x.png\" onerror=\"__xss(99)\">'); return 0",
        )
        .await?;
        let waited =
            page::wait_for(client, "window.__xssHits.length > 0 && window.__csp.length > 0", "the control vector to run and be blocked")
                .await;
        let r: Value = js(client, REPORT).await?;
        waited.map_err(|e| format!("{e}: {r}"))?;
        ensure(r["hits"] == json!([99]) && r["injected"].as_array().is_some_and(|a| !a.is_empty()), || {
            format!("the watchers missed the control vector: {r}")
        })
    })
}
