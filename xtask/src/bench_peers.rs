//! The search engine beside its JavaScript peers, ItemsJS and MiniSearch (from npm, pinned,
//! under `target/npm`), on the same synthetic corpora and the same query mix, in Node.js and in
//! headless Chromium: `cargo xtask bench --only peers` (after the native run, which saves the
//! corpora, and the wasm run; without them their rows say so).
//!
//! 1. Each saved corpus (`target/tmp/engine-N.dsr`) and `search::sample_queries` are written
//!    once to `target/bench/peers-N.json` in a neutral form: per article its outlet, origin,
//!    date (ISO, precision, and the day range and month Dossier derives from it), actor names,
//!    title and body; per query its text, facet selections, actor mode, date bounds, sort, and
//!    Dossier's own match count (the harness reports any peer that differs).
//! 2. `benches/peers/peers.js` builds each peer's index and runs the mix five rounds, in Node.js
//!    and (at the first size) in Chromium through `cargo bench -p dossier --bench peers`.
//! 3. A table per size: index build, p50 and p95 per query, and Dossier wasm / peer.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use dossier_corpus::search::{self, Combine, Index, Query, Sort};
use serde_json::{Value, json};

use crate::{cargo, run};

/// The peers, pinned; `npm install --prefix target/npm --no-save` puts them beside axe-core.
pub const PACKAGES: [&str; 2] = ["itemsjs@2.4.4", "minisearch@7.2.0"];
const NPM: &str = "target/npm";
/// A peer whose index build takes longer than this at a size is reported as not finished.
const BUILD_CAP_S: u64 = 180;
/// A peer's whole Node.js run (build, five rounds, checks) at one size is stopped after this.
const RUN_CAP: Duration = Duration::from_secs(10 * 60);

/// One row of a table: engine, index build ms, p50 ms, p95 ms (None: did not finish).
struct Row {
    engine: String,
    figures: Option<(f64, f64, f64)>,
    note: String,
    /// Where the engine's answers differ from Dossier's (the harness's checks).
    differs: Vec<String>,
}

pub fn bench(sizes: &[usize]) -> Result<()> {
    ensure_packages()?;
    std::fs::create_dir_all("target/bench")?;
    for (i, &n) in sizes.iter().enumerate() {
        let dsr = PathBuf::from(format!("target/tmp/engine-{n}.dsr"));
        if !dsr.is_file() {
            bail!("{} is missing: the native engine benchmark writes it (cargo xtask bench --only native)", dsr.display());
        }
        let json = PathBuf::from(format!("target/bench/peers-{n}.json"));
        let started = Instant::now();
        export(&dsr, &json)?;
        println!("peers, {n} articles: corpus and query mix written to {} in {:.1?}", json.display(), started.elapsed());
        let mut rows = dossier_rows(&dsr);
        rows.extend(node(&json)?);
        // Chromium at the first size only: the 100k corpus as one page is slow to load.
        if i == 0 {
            match chromium(&json, n) {
                Ok(r) => rows.extend(r),
                Err(e) => println!("  peers in Chromium not measured: {e:#}"),
            }
        }
        print_table(n, &rows);
    }
    Ok(())
}

/// Make sure the pinned peers are installed under `target/npm`.
fn ensure_packages() -> Result<()> {
    let have = |p: &str| {
        let (name, version) = p.split_once('@').expect("name@version");
        std::fs::read_to_string(Path::new(NPM).join("node_modules").join(name).join("package.json"))
            .is_ok_and(|s| s.contains(&format!("\"version\": \"{version}\"")))
    };
    if PACKAGES.iter().all(|p| have(p)) {
        return Ok(());
    }
    std::fs::create_dir_all(NPM)?;
    // Everything that is under target/npm is asked for again: --no-save would drop the rest.
    let mut all: Vec<&str> = PACKAGES.to_vec();
    all.push(crate::tools::AXE_CORE);
    run(Command::new("npm").args(["install", "--prefix", NPM, "--no-save", "--no-audit", "--no-fund"]).args(all))
        .context("installing the JavaScript peers (npm)")
}

fn selection(s: &search::Selection) -> Value {
    json!({ "include": s.include, "exclude": s.exclude })
}

/// Write the corpus and the query mix as JSON for the harness.
fn export(dsr: &Path, out: &Path) -> Result<()> {
    let bytes = std::fs::read(dsr)?;
    let corpus = dossier_corpus::bundle::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", dsr.display()))?;
    let articles: Vec<Value> = corpus
        .articles
        .iter()
        .map(|a| {
            let date = a.date.as_ref();
            let range = date.and_then(|d| search::date_range(&d.value, d.precision));
            let month = date.filter(|d| d.precision >= dossier_corpus::model::Precision::Month).and_then(|d| d.value.get(..7));
            json!({
                "id": a.id,
                "outlet": a.outlet_name(),
                "origin": a.origin_name(),
                "date": date.map(|d| d.value.as_str()),
                "precision": date.map(|d| format!("{:?}", d.precision).to_lowercase()),
                "days": range.map(|(s, e)| [s, e]),
                "month": month,
                "actors": a.actors.iter().filter_map(|x| corpus.actors.get(x.id as usize)).map(|x| x.name.as_str()).collect::<Vec<_>>(),
                "title": a.title,
                "body": a.body.join("\n"),
            })
        })
        .collect();
    let index = Index::new(&corpus);
    let queries: Vec<Value> = search::sample_queries(&index, &corpus)
        .iter()
        .map(|q: &Query| {
            let r = index.search(q);
            json!({
                "text": q.text,
                "outlets": selection(&q.outlets),
                "origins": selection(&q.origins),
                "actors": selection(&q.actors),
                "actor_mode": if q.actor_mode == Combine::And { "and" } else { "or" },
                "from": q.from,
                "to": q.to,
                // The same day numbers as the articles' "days" (search::bound).
                "from_day": q.from.as_deref().and_then(search::bound).map(|b| b.0),
                "to_day": q.to.as_deref().and_then(search::bound).map(|b| b.1),
                "sort": match q.sort { Sort::Relevance => "relevance", Sort::Newest => "newest", Sort::Oldest => "oldest" },
                // Dossier's answer, to check the peers': match count, every outlet count, the ten
                // most frequent actors and the month total.
                "dossier": {
                    "matches": r.ids.len(),
                    "first": r.ids.iter().take(10).collect::<Vec<_>>(),
                    "outlets": r.outlets.iter().map(|c| json!({ "value": c.value, "count": c.count })).collect::<Vec<_>>(),
                    "actors": r.actors.iter().take(10).map(|&(id, count)| json!({ "value": corpus.actors[id as usize].name, "count": count })).collect::<Vec<_>>(),
                    "months": r.months.iter().map(|c| c.count).sum::<usize>(),
                },
            })
        })
        .collect();
    let doc = json!({ "articles": articles, "queries": queries });
    std::fs::write(out, serde_json::to_vec(&doc)?).with_context(|| format!("writing {}", out.display()))
}

/// Dossier's rows: the figures the native engine benchmark and the wasm run saved beside the
/// corpus (`engine-N.native.txt`, `engine-N.wasm.txt`).
fn dossier_rows(dsr: &Path) -> Vec<Row> {
    [("Dossier native", "native.txt"), ("Dossier wasm (Node.js)", "wasm.txt")]
        .into_iter()
        .map(|(engine, ext)| {
            let line = std::fs::read_to_string(dsr.with_extension(ext)).unwrap_or_default();
            let figures = figures_in(&line);
            let note = if figures.is_some() { String::new() } else { format!("not measured (no {})", dsr.with_extension(ext).display()) };
            Row { engine: engine.into(), figures, note, differs: Vec::new() }
        })
        .collect()
}

/// Index build ms, p50 ms and p95 ms from an engine benchmark line
/// ("... index built in 12.3ms; 55 queries: p50 0.10 ms, p95 1.20 ms ...").
fn figures_in(line: &str) -> Option<(f64, f64, f64)> {
    let after = |key: &str| line.split_once(key).map(|(_, rest)| rest.trim_start());
    let number = |s: &str| -> Option<(f64, String)> {
        let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
        Some((s[..end].parse().ok()?, s[end..].trim_start().to_owned()))
    };
    let (built, unit) = number(after("index built in ")?)?;
    let built = match unit {
        u if u.starts_with("ms") => built,
        u if u.starts_with("µs") => built / 1000.0,
        u if u.starts_with('s') => built * 1000.0,
        _ => return None,
    };
    Some((built, number(after("p50 ")?)?.0, number(after("p95 ")?)?.0))
}

fn rows_from(v: &Value, env: &str) -> Vec<Row> {
    let Some(peers) = v["peers"].as_array() else { return Vec::new() };
    peers
        .iter()
        .map(|p| {
            let engine = format!("{} ({env})", p["name"].as_str().unwrap_or("?"));
            let figures = match (p["build_ms"].as_f64(), p["p50"].as_f64(), p["p95"].as_f64()) {
                (Some(b), Some(p50), Some(p95)) => Some((b, p50, p95)),
                _ => None,
            };
            let differs: Vec<String> =
                p["differs"].as_array().into_iter().flatten().filter_map(|d| d.as_str().map(str::to_owned)).collect();
            let mut notes: Vec<String> = Vec::new();
            // Chromium's heap figure is coarse (and often 0 without flags): shown only if > 0.
            if let Some(mb) = p["heap_mb"].as_f64().filter(|mb| *mb >= 1.0) {
                notes.push(format!("heap +{mb:.0} MB after build"));
            }
            notes.extend(p["note"].as_str().map(str::to_owned));
            if !differs.is_empty() {
                notes.push(format!("answers differ from Dossier's on {} of {} queries", differs.len(), p["mix"].as_u64().unwrap_or(0)));
            }
            Row { engine, figures, note: notes.join("; "), differs }
        })
        .collect()
}

/// The harness under Node.js, one process per peer, each stopped after [`RUN_CAP`].
fn node(json: &Path) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (name, key) in [("ItemsJS", "itemsjs"), ("MiniSearch", "minisearch")] {
        let mut child = Command::new("node")
            .args(["--max-old-space-size=12288", "--expose-gc", "benches/peers/peers.js"])
            .arg(json)
            .arg(format!("--peer={key}"))
            .arg(format!("--cap-s={BUILD_CAP_S}"))
            .stdout(Stdio::piped())
            .spawn()
            .context("starting node (install Node.js to measure the JavaScript peers)")?;
        let started = Instant::now();
        while child.try_wait()?.is_none() && started.elapsed() < RUN_CAP {
            std::thread::sleep(Duration::from_millis(200));
        }
        if child.try_wait()?.is_none() {
            child.kill()?;
            child.wait()?;
            let note = format!("did not finish: stopped after {} s", RUN_CAP.as_secs());
            rows.push(Row { engine: format!("{name} (Node.js)"), figures: None, note, differs: Vec::new() });
            continue;
        }
        let out = child.wait_with_output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        match serde_json::from_str::<Value>(text.lines().last().unwrap_or_default()) {
            Ok(v) => rows.extend(rows_from(&v, "Node.js")),
            // Out of memory, or a crash: say so in its row.
            Err(_) => rows.push(Row {
                engine: format!("{name} (Node.js)"),
                figures: None,
                note: format!("did not finish: node exited with {}", out.status),
                differs: Vec::new(),
            }),
        }
    }
    Ok(rows)
}

/// The harness in headless Chromium: a page in target/bench loads the corpus as a script, the
/// peers' UMD builds from target/npm, and the harness; `benches/peers.rs` opens it.
fn chromium(json: &Path, n: usize) -> Result<Vec<Row>> {
    crate::tools::ensure_browsers(true)?;
    let data = PathBuf::from(format!("target/bench/peers-{n}.js"));
    let mut js = b"window.PEERS_DATA = ".to_vec();
    js.extend(std::fs::read(json)?);
    js.extend(b";\n");
    std::fs::write(&data, js)?;
    let root = std::fs::canonicalize(".")?;
    let page = PathBuf::from(format!("target/bench/peers-{n}.html"));
    let script = |p: &str| format!("<script src=\"file://{}\"></script>\n", root.join(p).display());
    let html = format!(
        "<!doctype html>\n<meta charset=\"utf-8\">\n<title>peers {n}</title>\n{}{}{}{}",
        script("target/npm/node_modules/itemsjs/dist/index.umd.js"),
        script("target/npm/node_modules/minisearch/dist/umd/index.js"),
        script(&data.to_string_lossy()),
        script("benches/peers/peers.js"),
    );
    std::fs::write(&page, html)?;
    let out = cargo().args(["bench", "-p", "dossier", "--bench", "peers", "--"]).arg(&page).output().context("running cargo bench")?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("the Chromium peers benchmark failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let line = text.lines().rev().find(|l| l.starts_with('{')).context("no figures from Chromium")?;
    Ok(rows_from(&serde_json::from_str(line)?, "Chromium"))
}

fn print_table(n: usize, rows: &[Row]) {
    let wasm = rows.iter().find(|r| r.engine.starts_with("Dossier wasm")).and_then(|r| r.figures);
    println!("search engines, {n} articles (same corpus and query mix; ratio = Dossier wasm / engine, below 1 = Dossier faster)");
    println!("  {:<26} {:>12} {:>10} {:>10}  {:>22}", "engine", "index build", "p50", "p95", "ratio build/p50/p95");
    for r in rows {
        match r.figures {
            Some((b, p50, p95)) => {
                let ratio = wasm.map(|w| format!("{} / {} / {}", ratio(w.0 / b), ratio(w.1 / p50), ratio(w.2 / p95))).unwrap_or_default();
                println!("  {:<26} {:>9.0} ms {:>7.2} ms {:>7.2} ms  {ratio:>22}  {}", r.engine, b, p50, p95, r.note);
            }
            None => println!("  {:<26} {:>12} {:>10} {:>10}  {:>22}  {}", r.engine, "-", "-", "-", "", r.note),
        }
    }
    for r in rows.iter().filter(|r| !r.differs.is_empty()) {
        println!("  {} differs from Dossier on: {}", r.engine, r.differs.join("; "));
    }
}

/// A ratio with two significant digits (0.0043, 0.61, 1.0, 11).
fn ratio(x: f64) -> String {
    if !x.is_finite() || x <= 0.0 {
        return "-".into();
    }
    let decimals = (1.0 - x.log10().floor()).max(0.0) as usize;
    format!("{x:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_engine_lines() {
        let native = "engine, 10000 articles (200 outlets, 9 actors): processed in 2.1s, index built in 120.5ms; 55 queries: p50 0.31 ms, p95 2.50 ms (native, one core)";
        assert_eq!(figures_in(native), Some((120.5, 0.31, 2.5)));
        let wasm =
            "engine, 10000 articles: decoded in 80 ms, index built in 300 ms; 55 queries: p50 0.52 ms, p95 4.10 ms (wasm), Node.js v20";
        assert_eq!(figures_in(wasm), Some((300.0, 0.52, 4.1)));
        assert_eq!(figures_in("engine, index built in 1.2s; 5 queries: p50 1 ms, p95 2 ms"), Some((1200.0, 1.0, 2.0)));
        assert_eq!(figures_in(""), None);
    }

    #[test]
    fn ratios_keep_two_digits() {
        assert_eq!(ratio(0.004321), "0.0043");
        assert_eq!(ratio(0.61), "0.61");
        assert_eq!(ratio(1.0), "1.0");
        assert_eq!(ratio(10.92), "11");
        assert_eq!(ratio(0.0), "-");
    }
}
