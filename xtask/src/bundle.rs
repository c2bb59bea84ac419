//! `cargo xtask build`: corpus folder → processed corpus → one self-contained
//! HTML file holding the app (wasm + glue), its CSS and the corpus data island.
//!
//! The wasm and its glue are built once and cached under `target/bundle/`; a
//! new corpus only re-runs processing and templating.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use base64::Engine;
use dossier_corpus::{bundle, process};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The name of the glue's global object; unlikely to clash with a host page.
pub const GLUE_GLOBAL: &str = "__dossier_wasm";

/// Sizes of the parts of the written file, in bytes.
pub struct Sizes {
    pub wasm_gz_b64: usize,
    pub glue: usize,
    pub css: usize,
    pub data_b64: usize,
    pub total: usize,
}

/// The app, compiled and bound: the wasm (gzip + base64) and its JS glue.
struct App {
    wasm_b64: String,
    glue: String,
}

/// Process a corpus folder and write the one-file explorer for it.
pub fn build(corpus_dir: &Path, out: &Path) -> Result<Sizes> {
    let started = Instant::now();
    let data = corpus_data(corpus_dir)?;
    write_html(&data, out, started)
}

/// The explorer for an already processed corpus (bundle bytes, as `bundle::encode` writes them).
pub fn build_from_bundle(bundle_file: &Path, out: &Path) -> Result<Sizes> {
    let started = Instant::now();
    let bytes = std::fs::read(bundle_file).with_context(|| format!("reading {}", bundle_file.display()))?;
    bundle::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", bundle_file.display()))?;
    write_html(&base64::engine::general_purpose::STANDARD.encode(gzip(&bytes)?), out, started)
}

/// Write the page (`out`) and, beside it, the embeddable script (`out` with `.js`).
fn write_html(data: &str, out: &Path, started: Instant) -> Result<Sizes> {
    let data = data.to_owned();
    let app = app()?;
    let css = css()?;
    let glue = script_safe(&app.glue);
    let bootstrap = script_safe(&std::fs::read_to_string("web/bootstrap.js").context("reading web/bootstrap.js")?);
    let template = std::fs::read_to_string("index.html").context("reading index.html")?;
    let html = fill(
        &template,
        &[
            ("/*{{css}}*/", &css),
            ("{{wasm}}", &app.wasm_b64),
            ("{{data}}", &data),
            ("/*{{glue}}*/", &glue),
            ("/*{{bootstrap}}*/", &bootstrap),
            ("{{glue_global}}", GLUE_GLOBAL),
        ],
    )?;
    let script = fill(
        &std::fs::read_to_string("web/explorer.js").context("reading web/explorer.js")?,
        &[
            ("/*{{css_json}}*/", &serde_json::to_string(&css)?),
            ("{{wasm}}", &app.wasm_b64),
            ("{{data}}", &data),
            ("/*{{glue}}*/", &glue),
            ("/*{{bootstrap}}*/", &bootstrap),
            ("{{glue_global}}", GLUE_GLOBAL),
        ],
    )?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    write_atomically(out, html.as_bytes())?;
    let script_path = out.with_extension("js");
    write_atomically(&script_path, script.as_bytes())?;
    println!("wrote {} ({})", script_path.display(), kb(script.len()));
    let sizes = Sizes { wasm_gz_b64: app.wasm_b64.len(), glue: app.glue.len(), css: css.len(), data_b64: data.len(), total: html.len() };
    println!("wrote {} in {:.1?}", out.display(), started.elapsed());
    println!("  wasm (gzip+base64) {:>9}", kb(sizes.wasm_gz_b64));
    println!("  glue JS            {:>9}", kb(sizes.glue));
    println!("  CSS                {:>9}", kb(sizes.css));
    println!("  corpus data        {:>9}", kb(sizes.data_b64));
    println!("  page and bootstrap {:>9}", kb(sizes.total - sizes.wasm_gz_b64 - sizes.glue - sizes.css - sizes.data_b64));
    println!("  total              {:>9}", kb(sizes.total));
    Ok(sizes)
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// Process the corpus folder and return it as gzip + base64 bundle bytes.
/// Shards of processed articles (corpus JSON or JSON Lines, as `dossier process --out`
/// writes them), rather than pages: a .json/.jsonl file, or a folder holding only such
/// files (and Spark's `part-NNNNN` files).
fn is_shards(path: &Path) -> bool {
    let shard = |p: &Path| {
        let name = p.file_name().unwrap_or_default().to_string_lossy().to_ascii_lowercase();
        name.ends_with(".json") || name.ends_with(".jsonl") || name.starts_with("part-")
    };
    if path.is_file() {
        return shard(path);
    }
    let Ok(entries) = std::fs::read_dir(path) else { return false };
    let files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(['.', '_'])))
        .collect();
    !files.is_empty() && files.iter().all(|p| shard(p))
}

/// The corpus of `path`: its pages processed on every core, or its shards merged.
fn load_corpus(path: &Path) -> Result<(dossier_corpus::Corpus, u64)> {
    if is_shards(path) {
        let mut files: Vec<PathBuf> = if path.is_file() {
            vec![path.to_path_buf()]
        } else {
            std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect()
        };
        files.retain(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(['.', '_'])));
        files.sort();
        let mut assembler = process::assemble::Assembler::new();
        let mut bytes = 0;
        for f in &files {
            let text = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
            bytes += text.len() as u64;
            for a in process::assemble::read_shard(&text).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))? {
                assembler.push(a);
            }
        }
        return Ok((assembler.finish(), bytes));
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let default = path.join("manifest.toml");
    let manifest = default.is_file().then_some(default.as_path());
    let report = process::process_paths(&[path.to_path_buf()], manifest, jobs, |_| {}, |_| {}).map_err(anyhow::Error::msg)?;
    for p in &report.problems {
        eprintln!("warning: {p}");
    }
    Ok((report.corpus, report.bytes))
}

fn corpus_data(dir: &Path) -> Result<String> {
    let started = Instant::now();
    let (corpus, input_bytes) = load_corpus(dir)?;
    if corpus.articles.is_empty() {
        bail!("no articles in {}: the explorer needs at least one", dir.display());
    }
    let bytes = bundle::encode(&corpus);
    let gz = gzip(&bytes)?;
    println!(
        "processed {} articles from {} ({:.1} KB raw) in {:.1?}; bundle {:.1} KB, gzip {:.1} KB",
        corpus.articles.len(),
        dir.display(),
        input_bytes as f64 / 1000.0,
        started.elapsed(),
        bytes.len() as f64 / 1000.0,
        gz.len() as f64 / 1000.0
    );
    Ok(base64::engine::general_purpose::STANDARD.encode(gz))
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

/// Compile the app for wasm32 (cargo skips it when fresh), then run the
/// wasm-bindgen step unless its cached output is newer than the wasm.
fn app() -> Result<App> {
    crate::tools::ensure_wasm_target()?;
    crate::run(crate::cargo().args(["build", "--package", "dossier", "--lib", "--target", TARGET, "--profile", PROFILE]))?;
    let wasm_in = PathBuf::from(format!("target/{TARGET}/{PROFILE}/dossier.wasm"));
    let cache = Path::new("target/bundle");
    let (wasm_cache, glue_cache) = (cache.join("explorer.wasm.gz.b64"), cache.join("explorer.js"));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh =
        matches!((modified(&wasm_in), modified(&wasm_cache), modified(&glue_cache)), (Some(src), Some(a), Some(b)) if a >= src && b >= src);
    if !fresh {
        let started = Instant::now();
        let mut output = wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm_in)
            .out_name("explorer")
            .no_modules(true)?
            .no_modules_global(GLUE_GLOBAL)?
            .typescript(false)
            .remove_name_section(true)
            .remove_producers_section(true)
            .generate_output()
            .context("running wasm-bindgen on the app")?;
        if !output.snippets().values().all(Vec::is_empty) || !output.local_modules().is_empty() {
            bail!("the app uses JS snippets, which a one-file bundle cannot load");
        }
        let wasm = output.wasm_mut().emit_wasm();
        std::fs::create_dir_all(cache)?;
        // Zopfli: slower than gzip -9 but about 5 % smaller, and the wasm is compressed only when it changes.
        let mut gz = Vec::new();
        zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, &wasm[..], &mut gz)?;
        std::fs::write(&wasm_cache, base64::engine::general_purpose::STANDARD.encode(gz))?;
        std::fs::write(&glue_cache, compact_js(output.js()))?;
        println!("wasm-bindgen: {:.1} KB wasm in {:.1?}", wasm.len() as f64 / 1000.0, started.elapsed());
    }
    Ok(App { wasm_b64: std::fs::read_to_string(&wasm_cache)?, glue: std::fs::read_to_string(&glue_cache)? })
}

/// Build a wasm library of the workspace for Node.js (its glue and wasm in `dir`).
pub fn node_module(package: &str, lib: &str, dir: &Path) -> Result<PathBuf> {
    crate::tools::ensure_wasm_target()?;
    crate::run(crate::cargo().args(["build", "--package", package, "--lib", "--target", TARGET, "--profile", PROFILE]))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(format!("target/{TARGET}/{PROFILE}/{lib}.wasm"))
        .nodejs(true)?
        .typescript(false)
        .generate(dir)
        .with_context(|| format!("running wasm-bindgen on {package}"))?;
    Ok(dir.join(format!("{lib}.js")))
}

/// All of `style/*.css`, in name order.
fn css() -> Result<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("style")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    files.sort();
    let mut css = String::new();
    for f in files {
        css.push_str(&std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?);
        css.push('\n');
    }
    Ok(compact_css(&css).replace("</style", "<\\/style"))
}

/// The glue without its comments, indentation and blank lines: it ships uncompressed, and
/// about a sixth of it is layout. Only done when no template literal spans lines (its text
/// would change); no renaming or other rewriting.
fn compact_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_doc = false;
    for line in js.lines() {
        let t = line.trim();
        if in_doc {
            in_doc = !t.ends_with("*/");
            continue;
        }
        if t.starts_with("/**") {
            in_doc = !t.ends_with("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    // A template literal that spans lines would have an odd number of backticks on a line.
    if out.lines().all(|l| l.matches('`').count() % 2 == 0) { out } else { js.to_owned() }
}

/// The stylesheet without comments and layout whitespace.
fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Inline JS must not close its own script element.
fn script_safe(js: &str) -> String {
    js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
}

/// Replace each placeholder, which must occur exactly once.
fn fill(template: &str, parts: &[(&str, &str)]) -> Result<String> {
    let mut html = template.to_owned();
    for (key, value) in parts {
        let n = html.matches(key).count();
        if n == 0 {
            bail!("index.html has no {key} placeholder");
        }
        html = html.replace(key, value);
    }
    Ok(html)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}
