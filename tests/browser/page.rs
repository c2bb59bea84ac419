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
    let path = std::env::var_os("DOSSIER_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/npm/node_modules/axe-core/axe.min.js"));
    if !path.is_file() {
        return Err(format!(
            "{} does not exist: install it with `npm install --prefix target/npm --no-save axe-core@4.10.3`",
            path.display()
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
    let open = r#"<script type="application/octet-stream" id="dossier-data">"#;
    let start = html.find(open).ok_or("the explorer has no data island")? + open.len();
    let end = start + html[start..].find("</script>").ok_or("unterminated data island")?;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("variants");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join(name);
    std::fs::write(&path, format!("{}{}{}", &html[..start], data, &html[end..])).map_err(|e| e.to_string())?;
    Ok(path)
}

/// A copy of the built explorer carrying another corpus (same wasm).
pub fn variant_with_corpus(corpus: &Corpus, name: &str) -> Res<PathBuf> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&bundle::encode(corpus)).map_err(|e| e.to_string())?;
    let data = base64::engine::general_purpose::STANDARD.encode(gz.finish().map_err(|e| e.to_string())?);
    variant_with_data(&data, name)
}

/// Serve one file over HTTP on 127.0.0.1 (any path) from a background thread.
pub fn serve(path: &Path) -> Res<String> {
    let body = std::fs::read(path).map_err(|e| e.to_string())?;
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
        }
    });
    Ok(format!("http://127.0.0.1:{port}/explorer.html"))
}
