//! The explorer in headless Chromium, from `file://`: time from opening the file to
//! `data-state="ready"`, and from a facet click to the next painted frame with the updated
//! results and counts. Run by `cargo xtask bench`, which builds the files it passes:
//! `cargo bench -p dossier --bench explorer -- FILE.html... [--import EMPTY.html DIR]`.
//!
//! `--import`: open EMPTY.html (an explorer with the import island), choose every file of DIR
//! in its "Add articles" input, and time the change event to the explorer ready on the
//! merged corpus (unpacking the island and compiling its wasm included), with the longest
//! main-thread task meanwhile (Long Tasks API).

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

/// Watch for the import's start (the input's change) and end (the import panel done with the
/// explorer ready), and record every main-thread task of 50 ms or more.
const IMPORT_WATCH: &str = r#"
window.__imp = { long: [], start: null, end: null };
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__imp.long.push(e.duration); }).observe({ type: 'longtask' });
document.addEventListener('change', () => { window.__imp.start = performance.now(); }, true);
const bar = document.getElementById('dossier-import');
new MutationObserver(() => {
  if (bar.dataset.state === 'done' && document.getElementById('dossier').dataset.state === 'ready' && window.__imp.end === null) window.__imp.end = performance.now();
}).observe(bar, { attributes: true });
return 0;
"#;

async fn bench_import(client: &fantoccini::Client, empty: &std::path::Path, dir: &std::path::Path) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).expect("the import folder").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let bytes: u64 = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
    let url = format!("file://{}", empty.canonicalize().expect("the empty explorer").display());
    client.goto("about:blank").await.expect("blank");
    client.goto(&url).await.expect("open");
    client.execute(IMPORT_WATCH, vec![]).await.expect("watch");
    let paths: Vec<String> = files.iter().map(|p| p.canonicalize().expect("file").display().to_string()).collect();
    let input = client.find(fantoccini::Locator::Id("dossier-add")).await.expect("the Add articles input");
    input.send_keys(&paths.join("\n")).await.expect("choosing the files");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let v = loop {
        let v = client
            .execute(
                "return [window.__imp.start, window.__imp.end, window.__imp.long, document.getElementById('dossier').dataset.articles]",
                vec![],
            )
            .await
            .expect("state");
        if v[1].is_number() || std::time::Instant::now() > deadline {
            break v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let (Some(start), Some(end)) = (v[0].as_f64(), v[1].as_f64()) else {
        panic!("the import did not finish within 120 s: {v}");
    };
    let long: Vec<f64> = v[2].as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
    println!(
        "import in Chromium: {} files ({:.0} KB) into an empty explorer -> {} articles in {:.0} ms (island unpacked and compiled included); {} main-thread tasks over 50 ms, longest {:.0} ms",
        files.len(),
        bytes as f64 / 1000.0,
        v[3].as_str().unwrap_or("?"),
        end - start,
        long.len(),
        long.iter().copied().fold(0.0, f64::max)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let import =
        args.iter().position(|a| a == "--import").and_then(|i| Some((PathBuf::from(args.get(i + 1)?), PathBuf::from(args.get(i + 2)?))));
    let skip: Vec<usize> = args.iter().position(|a| a == "--import").map(|i| vec![i + 1, i + 2]).unwrap_or_default();
    let files: Vec<PathBuf> =
        args.iter().enumerate().filter(|(i, a)| !a.starts_with('-') && !skip.contains(i)).map(|(_, a)| PathBuf::from(a)).collect();
    if files.is_empty() && import.is_none() {
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
        if let Some((empty, dir)) = &import {
            bench_import(client, empty, dir).await;
        }
        session.close().await;
    });
}
