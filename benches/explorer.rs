//! The explorer in headless Chromium, from `file://`: time from opening the file to
//! `data-state="ready"`, and from a facet click to the next painted frame with the updated
//! results and counts. Run by `cargo xtask bench`, which builds the files it passes:
//! `cargo bench -p dossier --bench explorer -- FILE.html...`.

#[allow(dead_code)]
#[path = "../tests/browser/drivers.rs"]
mod drivers;

use std::path::PathBuf;

use serde_json::Value;

const LOADS: usize = 5;
const CLICKS: usize = 60;

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * p) as usize).min(v.len() - 1)]
}

/// Click outlet values in turn (adding, then removing them), timing each click to the next frame.
const CLICK_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const n = arguments[0];
const buttons = Array.from(document.querySelectorAll('.facet[data-facet=outlet] .facet-value')).slice(0, 4);
const list = document.querySelector('[data-results]');
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
(async () => {
  const times = [];
  let unchanged = 0;
  for (let i = 0; i < n; i++) {
    const before = list.dataset.results + '|' + document.querySelector('.facet[data-facet=actor] .n').textContent;
    const t0 = performance.now();
    buttons[i % buttons.length].click();
    await frame();
    times.push(performance.now() - t0);
    const after = list.dataset.results + '|' + document.querySelector('.facet[data-facet=actor] .n').textContent;
    if (after === before) unchanged++;
  }
  done({ times, unchanged });
})().catch(e => done({ error: String(e) }));
"#;

fn main() {
    let files: Vec<PathBuf> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).map(PathBuf::from).collect();
    if files.is_empty() {
        eprintln!("usage: cargo bench -p dossier --bench explorer -- FILE.html... (cargo xtask bench builds and passes them)");
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio");
    rt.block_on(async {
        let session = drivers::start(drivers::Engine::Chromium).await.expect("starting Chromium");
        let client = &session.client;
        for file in &files {
            let path = file.canonicalize().expect("the explorer file");
            let url = format!("file://{}", path.display());
            let mut ready = Vec::new();
            let mut articles = String::new();
            for _ in 0..LOADS {
                client.goto("about:blank").await.expect("blank");
                client.goto(&url).await.expect("open");
                loop {
                    let v = client
                        .execute("var r = document.getElementById('dossier'); return [r.dataset.state, r.dataset.articles || '', (performance.getEntriesByName('dossier-ready')[0] || {}).startTime || null]", vec![])
                        .await
                        .expect("state");
                    match v[0].as_str() {
                        Some("ready") if v[2].is_number() => {
                            ready.push(v[2].as_f64().unwrap_or_default());
                            articles = v[1].as_str().unwrap_or_default().to_owned();
                            break;
                        }
                        Some("error") => panic!("{} did not start", path.display()),
                        _ => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                    }
                }
            }
            let out = client.execute_async(CLICK_SCRIPT, vec![Value::from(CLICKS)]).await.expect("clicks");
            if let Some(e) = out.get("error") {
                panic!("click timing failed: {e}");
            }
            let times: Vec<f64> = out["times"].as_array().expect("times").iter().filter_map(Value::as_f64).collect();
            println!(
                "explorer in Chromium, {articles} articles ({}): ready p50 {:.0} ms, max {:.0} ms over {LOADS} loads; facet click to next frame p50 {:.1} ms, p95 {:.1} ms over {} clicks ({} left the view unchanged)",
                file.display(),
                pct(ready.clone(), 0.5),
                pct(ready, 1.0),
                pct(times.clone(), 0.5),
                pct(times.clone(), 0.95),
                times.len(),
                out["unchanged"]
            );
        }
        session.close().await;
    });
}
