//! Helpers for driving the explorer page: loading it, waiting for its state,
//! reading values, and making variants of the built file with another corpus.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use dossier_corpus::{Corpus, bundle};
use fantoccini::{Client, Locator};
use serde_json::Value;

pub type Res<T = ()> = Result<T, String>;

pub fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Cargo's target folder (wherever `CARGO_TARGET_DIR` or a config put it): the parent of the
/// `tmp` folder cargo gives integration tests.
pub fn target_dir() -> &'static Path {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("CARGO_TARGET_TMPDIR is <target>/tmp")
}

/// The built explorer: `$DOSSIER_EXPLORER` or `dist/explorer.html`.
pub fn explorer_path() -> Res<PathBuf> {
    let path = std::env::var_os("DOSSIER_EXPLORER").map(PathBuf::from).unwrap_or_else(|| workspace().join("dist/explorer.html"));
    if !path.is_file() {
        return Err(format!("{} does not exist: build it first with `cargo xtask build`", path.display()));
    }
    path.canonicalize().map_err(|e| e.to_string())
}

/// axe-core, as `cargo xtask test` installs it (or `$DOSSIER_AXE`).
pub fn axe_path() -> Res<PathBuf> {
    let path =
        std::env::var_os("DOSSIER_AXE").map(PathBuf::from).unwrap_or_else(|| target_dir().join("npm/node_modules/axe-core/axe.min.js"));
    if !path.is_file() {
        return Err(format!(
            "{} does not exist: install it with `npm install --prefix {} --no-save axe-core@4.10.3`",
            path.display(),
            target_dir().join("npm").display()
        ));
    }
    Ok(path)
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The bundled corpus, processed natively: what the page must show.
pub fn expected_corpus() -> Corpus {
    dossier_corpus::process::process_dir(&workspace().join("corpus"), None, |_| {}, |_| {}).expect("the bundled corpus folder").corpus
}

pub async fn js(client: &Client, script: &str) -> Res<Value> {
    client.execute(script, vec![]).await.map_err(|e| format!("script failed: {e}\n{script}"))
}

pub async fn attr(client: &Client, selector: &str, name: &str) -> Res<Option<String>> {
    let el = client.find(Locator::Css(selector)).await.map_err(|e| format!("no element {selector}: {e}"))?;
    el.attr(name).await.map_err(|e| e.to_string())
}

/// Wait until the root's `data-state` leaves "loading"; return it.
pub async fn wait_state(client: &Client) -> Res<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let state = js(client, "var r = document.getElementById('dossier'); return r ? r.getAttribute('data-state') : null;").await?;
        match state.as_str() {
            Some("loading") | None => {}
            Some(s) => return Ok(s.to_owned()),
        }
        if Instant::now() > deadline {
            let text = js(client, "return document.body ? document.body.innerText.slice(0, 500) : ''").await?;
            return Err(format!("the explorer did not leave the loading state within 20 s; page text: {text}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Open a URL and require the ready state.
pub async fn open_ready(client: &Client, url: &str) -> Res {
    // From a blank page, so a URL that differs from the current one only in its hash loads afresh.
    client.goto("about:blank").await.map_err(|e| e.to_string())?;
    client.goto(url).await.map_err(|e| format!("cannot open {url}: {e}"))?;
    let state = wait_state(client).await?;
    if state != "ready" {
        let text = js(client, "return document.body.innerText.slice(0, 800)").await?;
        return Err(format!("state is {state:?}, not ready; page says: {text}"));
    }
    Ok(())
}

/// Poll a condition written in JS (an expression) until it holds.
pub async fn wait_for(client: &Client, expr: &str, what: &str) -> Res {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if js(client, &format!("return !!({expr});")).await? == Value::Bool(true) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {what} ({expr})"));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

pub fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Res {
    if cond { Ok(()) } else { Err(msg()) }
}

/// Write a copy of the built explorer whose data island holds `data` (the
/// island's text), into a temp folder; return its path.
pub fn variant_with_data(data: &str, name: &str) -> Res<PathBuf> {
    let html = std::fs::read_to_string(explorer_path()?).map_err(|e| e.to_string())?;
    let path = temp_dir("variants")?.join(name);
    std::fs::write(&path, html_with_data(&html, data)?).map_err(|e| e.to_string())?;
    Ok(path)
}

/// A copy of the built explorer carrying another corpus (same wasm).
pub fn variant_with_corpus(corpus: &Corpus, name: &str) -> Res<PathBuf> {
    variant_with_data(&island(corpus)?, name)
}

/// Serve one file over HTTP on 127.0.0.1 (any path) from a background thread.
pub fn serve(path: &Path) -> Res<String> {
    let body = std::fs::read(path).map_err(|e| e.to_string())?;
    let base = serve_files(vec![("*".into(), body)])?;
    Ok(format!("{base}/explorer.html"))
}

/// Serve files over HTTP on 127.0.0.1, each at its path (`/name`; `*` matches any path), from a
/// background thread; each call has a port, and so an origin, of its own. Returns the origin.
pub fn serve_files(files: Vec<(String, Vec<u8>)>) -> Res<String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/").to_owned();
            let found = files.iter().find(|(p, _)| p == "*" || *p == path);
            let (status, kind, body) = match found {
                Some((p, body)) => {
                    let kind = if p.ends_with(".js") { "text/javascript" } else { "text/html; charset=utf-8" };
                    ("200 OK", kind, body.as_slice())
                }
                None => ("404 Not Found", "text/plain", b"not found".as_slice()),
            };
            let head = format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body));
        }
    });
    Ok(format!("http://127.0.0.1:{port}"))
}

/// The explorer page with a script at the very start of its head: for watching what the page
/// does from its first moment (errors, CSP violations, injected markup).
pub fn with_head_script(html: &str, script: &str) -> Res<String> {
    let at = html.find("<head>").ok_or("the page has no <head>")? + "<head>".len();
    Ok(format!("{}\n<script>{script}</script>{}", &html[..at], &html[at..]))
}

/// A corpus as the data island's text: bundle, gzip, base64.
pub fn island(corpus: &Corpus) -> Res<String> {
    island_of(&bundle::encode(corpus))
}

/// A data island of bundle bytes.
pub fn island_of(bundle: &[u8]) -> Res<String> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bundle).map_err(|e| e.to_string())?;
    Ok(base64::engine::general_purpose::STANDARD.encode(gz.finish().map_err(|e| e.to_string())?))
}

/// The page's HTML with another data island.
pub fn html_with_data(html: &str, data: &str) -> Res<String> {
    let open = r#"<script type="application/octet-stream" id="dossier-data">"#;
    let start = html.find(open).ok_or("the explorer has no data island")? + open.len();
    let end = start + html[start..].find("</script>").ok_or("unterminated data island")?;
    Ok(format!("{}{}{}", &html[..start], data, &html[end..]))
}

/// A temp folder for pages the tests write.
pub fn temp_dir(name: &str) -> Res<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Percent-encoding of everything but letters, digits and `-._~` (for a URL's query or hash).
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
