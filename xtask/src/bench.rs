//! `cargo xtask bench`: every speed and size figure in one run.
//!
//! 1. Native (cargo bench): processing throughput (seeds and the development set, beside
//!    trafilatura on the same pages: `peers.rs`), and the engine at 10k and 100k synthetic
//!    articles (which saves those corpora under the target folder's `tmp/`).
//! 2. Archives (`bench_archive.rs`): WARC throughput and peak memory on a 1 GB synthetic
//!    archive, and the Spark example in local mode against one process.
//! 3. The same engine benchmark compiled to wasm, under Node.js.
//! 4. The explorer in headless Chromium and Firefox for the bundled corpus and for 10k and 100k
//!    articles: time to ready (and its steps), the query mix and facet clicks to the next frame,
//!    JS heap and wasm memory (`benches/explorer.rs`); and the size of each HTML file.
//! 5. Peers (`bench_peers.rs`): ItemsJS and MiniSearch on the same corpora and query mix.
//!
//! `--only import` runs just the import of 100 pages into an empty explorer (in Chromium),
//! which the browser part also runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::{bundle, cargo, peers, run, tools};

const SIZES: [usize; 2] = [10_000, 100_000];

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    Native,
    Archive,
    Wasm,
    Browser,
    /// The JavaScript peers (ItemsJS, MiniSearch) on the same corpora: `bench_peers.rs`.
    Peers,
    /// Only the import into an empty explorer in Chromium (part of `browser` too).
    Import,
    /// Only build the 10k and 100k explorer pages from the engine's corpora (what `browser`
    /// opens), without running anything: for timing one page after a change to the app.
    Pages,
}

pub fn bench(parts: &[Part]) -> Result<()> {
    let target = tools::target_dir()?;
    if parts.contains(&Part::Native) {
        throughput(&target)?;
        run(cargo().args(["bench", "-p", "dossier-corpus", "--bench", "engine"]))?;
    }
    if parts.contains(&Part::Archive) {
        crate::bench_archive::bench(&target)?;
    }
    let corpus = |n: usize| target.join(format!("tmp/engine-{n}.dsr"));
    if parts.contains(&Part::Wasm) {
        wasm_engine(&SIZES.map(corpus))?;
    }
    if parts.contains(&Part::Peers) {
        crate::bench_peers::bench(&SIZES)?;
    }
    if parts.contains(&Part::Pages) {
        for n in SIZES {
            let big = target.join(format!("bench/explorer-{n}.html"));
            let sizes = bundle::build_from_bundle(&corpus(n), &big)?;
            println!("{}: {n} articles {:.1} MB", big.display(), kb(sizes.total) / 1000.0);
        }
    }
    if !parts.contains(&Part::Browser) {
        if parts.contains(&Part::Import) {
            tools::ensure_browsers(true)?;
            let (empty, pages) = import_inputs(&target.join("bench"))?;
            run(cargo()
                .args(["bench", "-p", "dossier", "--bench", "explorer", "--", "--engine", "chromium", "--import"])
                .arg(&empty)
                .arg(&pages))?;
        }
        return Ok(());
    }
    tools::ensure_browsers(true)?;
    let seeds = Path::new("dist/explorer.html");
    let seed_sizes = bundle::build(Path::new("corpus"), seeds)?;
    let mut files = vec![seeds.to_path_buf()];
    let mut sizes = vec![format!(
        "bundled corpus {:.1} KB (+ import island {:.1} KB, decoded only on import)",
        kb(seed_sizes.total - seed_sizes.importer_text),
        kb(seed_sizes.importer_text)
    )];
    // The same page without its import island, for the time to ready with and without it.
    let html = std::fs::read_to_string(seeds)?;
    let open = r#"id="dossier-importer">"#;
    let at = html.find(open).map(|i| i + open.len()).context("the explorer has no import island")?;
    let end = at + html[at..].find("</script>").context("unterminated import island")?;
    let bare = target.join("bench/explorer-without-import-island.html");
    std::fs::write(&bare, format!("{}{}", &html[..at], &html[end..]))?;
    files.push(bare);
    for n in SIZES {
        let big = target.join(format!("bench/explorer-{n}.html"));
        let big_sizes = bundle::build_from_bundle(&corpus(n), &big)?;
        sizes.push(format!("{n} articles {:.1} MB", kb(big_sizes.total) / 1000.0));
        files.push(big);
    }
    // Import: 100 pages (the development set's 40 dumps and 60 synthetic ones) into an empty explorer.
    let (empty, pages) = import_inputs(&target.join("bench"))?;
    run(cargo()
        .args(["bench", "-p", "dossier", "--bench", "explorer", "--", "--engine", "chromium", "--engine", "firefox"])
        .args(&files)
        .arg("--import")
        .arg(&empty)
        .arg(&pages))?;
    println!("explorer size: {}", sizes.join("; "));
    Ok(())
}

/// Processing throughput, then trafilatura on the same development pages, with the ratios.
fn throughput(target: &Path) -> Result<()> {
    println!("$ cargo bench -p dossier-corpus --bench throughput");
    let out = cargo().args(["bench", "-p", "dossier-corpus", "--bench", "throughput"]).output().context("running cargo bench")?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    if !out.status.success() {
        bail!("the throughput benchmark failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    match peers::trafilatura(target, Path::new("tests/eval/dev")) {
        Ok((dumps, html)) => {
            for (kind, theirs) in [("dev dumps", dumps), ("dev HTML", html)] {
                let ours = peers::rate_in(&text, &format!("{kind}, with actors")).context("no Dossier figure")?;
                println!("  {kind}: trafilatura {theirs:.2} MB/s; Dossier with actors and quotes {ours:.1} MB/s = {:.0}x", ours / theirs);
            }
        }
        Err(e) => println!("  trafilatura not measured: {e:#}"),
    }
    Ok(())
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}

/// Run the engine benchmark compiled to wasm under Node.js, for each saved corpus.
fn wasm_engine(corpora: &[PathBuf]) -> Result<()> {
    let module = bundle::node_module("dossier-wasm-bench", "dossier_wasm_bench", &tools::target_dir()?.join("bench/wasm"))?;
    let module = std::fs::canonicalize(&module)?;
    for c in corpora {
        if !c.is_file() {
            bail!("{} is missing: the native engine benchmark writes it", c.display());
        }
        let script = "const m = require(process.argv[1]); const b = require('fs').readFileSync(process.argv[2]); const r = m.run(b).split('\\n'); r[0] += ', Node.js ' + process.version; console.log(r.join('\\n'));";
        let out = Command::new("node")
            .args(["--max-old-space-size=8192", "-e", script])
            .arg(&module)
            .arg(c)
            .output()
            .context("starting node (install Node.js to measure the wasm engine)")?;
        if !out.status.success() {
            bail!("the wasm engine benchmark failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        print!("{}", String::from_utf8_lossy(&out.stdout));
        std::fs::write(c.with_extension("wasm.txt"), &out.stdout)?; // for the peers' table
    }
    Ok(())
}

/// An empty explorer and a folder of 100 pages to import into it (at least 500 KB).
fn import_inputs(dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let pages = dir.join("import-pages");
    let _ = std::fs::remove_dir_all(&pages);
    std::fs::create_dir_all(&pages)?;
    let mut n = 0;
    for e in std::fs::read_dir("tests/eval/dev/raw")? {
        let path = e?.path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, pages.join(name))?;
            n += 1;
        }
    }
    let generator =
        dossier_corpus::synth::Generator::new(dossier_corpus::synth::Shape { outlets: 12, people: 300, people_per_article: (3, 3) });
    let mut rng = dossier_corpus::synth::Rng::new(7);
    for i in n..100 {
        let (file, text) = generator.article(i, &mut rng);
        std::fs::write(pages.join(file), text)?;
    }
    let bundle_file = dir.join("empty.bundle");
    std::fs::write(
        &bundle_file,
        dossier_corpus::bundle::encode(&dossier_corpus::Corpus { schema_version: dossier_corpus::SCHEMA_VERSION, ..Default::default() }),
    )?;
    let empty = dir.join("explorer-empty.html");
    bundle::build_from_bundle(&bundle_file, &empty)?;
    Ok((empty, pages))
}
