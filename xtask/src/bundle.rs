//! `cargo xtask build`: corpus folder → processed corpus → one self-contained
//! HTML file holding the app (wasm + glue), its CSS and the corpus data island.
//!
//! The wasm and its glue are built once and cached under the target folder's `bundle/`,
//! keyed on a hash of their inputs (the wasm's bytes and the steps' settings), so stale
//! output is never reused; a new corpus only re-runs processing and templating.
//!
//! The output is a function of the inputs only: the same corpus folder and app give
//! byte-identical files (no timestamps, no hash-map order, gzip without mtime).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use base64::Engine;
use dossier_corpus::{bundle, process};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
/// The name of the glue's object inside its factory.
pub const GLUE_GLOBAL: &str = "__dossier_wasm";
/// The glue's factory, a global function of the page: each call gives a fresh glue (and so, once
/// initialised, a wasm instance of its own). Unlikely to clash with a host page.
pub const GLUE_FACTORY: &str = "__dossier_glue";
/// Bump when what `app()` writes to its cache changes (bindgen options, compression, compaction).
/// (wasm-bindgen is pinned to this version in Cargo.toml.)
const CACHE_FORMAT: &str = "dossier-bundle-cache 2; wasm-bindgen 0.2.130";

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
    build_allowing(corpus_dir, out, &[])
}

/// [`build`], with the host origins that alone may drive the explorer and hear from it, baked
/// into the files (none: any host; a host page's or address's own option can only narrow it).
pub fn build_allowing(corpus_dir: &Path, out: &Path, allow_origins: &[String]) -> Result<Sizes> {
    let started = Instant::now();
    let allow = allow_json(allow_origins)?;
    let data = corpus_data(corpus_dir)?;
    write_html(&data, out, &allow, started)
}

/// The origins as a JSON list for the templates (`null` for none), each checked to be an
/// origin: `http(s)://host[:port]` without a path, or `null` for opaque origins.
fn allow_json(origins: &[String]) -> Result<String> {
    if origins.is_empty() {
        return Ok("null".into());
    }
    let mut list = Vec::new();
    for o in origins {
        let o = o.trim().trim_end_matches('/');
        let rest = o.strip_prefix("https://").or_else(|| o.strip_prefix("http://"));
        let ok = o == "null" || rest.is_some_and(|r| !r.is_empty() && !r.contains(['/', '?', '#', '@', ' ']));
        if !ok {
            bail!("--allow-origins: {o:?} is not an origin like https://example.org (or null)");
        }
        list.push(o.to_ascii_lowercase());
    }
    Ok(serde_json::to_string(&list)?)
}

/// The explorer for an already processed corpus (bundle bytes, as `bundle::encode` writes them).
pub fn build_from_bundle(bundle_file: &Path, out: &Path) -> Result<Sizes> {
    let started = Instant::now();
    let bytes = std::fs::read(bundle_file).with_context(|| format!("reading {}", bundle_file.display()))?;
    bundle::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", bundle_file.display()))?;
    write_html(&base64::engine::general_purpose::STANDARD.encode(gzip(&bytes)?), out, "null", started)
}

/// Write the page (`out`) and, beside it, the embeddable script (`out` with `.js`).
fn write_html(data: &str, out: &Path, allow_origins: &str, started: Instant) -> Result<Sizes> {
    let data = data.to_owned();
    let app = app()?;
    let css = css()?;
    let glue = script_safe(&format!("function {GLUE_FACTORY}() {{\n{}\nreturn {GLUE_GLOBAL};\n}}", app.glue));
    let bootstrap = script_safe(&compact_js(&std::fs::read_to_string("web/bootstrap.js").context("reading web/bootstrap.js")?));
    let template = std::fs::read_to_string("index.html").context("reading index.html")?;
    let html = fill(
        &template,
        &[
            ("/*{{css}}*/", &css),
            ("{{wasm}}", &app.wasm_b64),
            ("{{data}}", &data),
            ("/*{{glue}}*/", &glue),
            ("/*{{bootstrap}}*/", &bootstrap),
            ("{{glue_factory}}", GLUE_FACTORY),
            ("/*{{allow_origins}}*/null", allow_origins),
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
            ("{{glue_factory}}", GLUE_FACTORY),
            ("/*{{allow_origins}}*/null", allow_origins),
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

/// Check that the same inputs give the same bytes: `corpus.json` from the CLI and the explorer
/// (page and script) from `cargo xtask build`, each made twice by separate processes (whose
/// hash maps are seeded differently) into two temp paths.
pub fn check_determinism(corpus_dir: &Path) -> Result<()> {
    let dir = crate::tools::target_dir()?.join("tmp/determinism");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let mut outputs = Vec::new();
    for run in ["a", "b"] {
        let json = dir.join(format!("corpus-{run}.json"));
        let html = dir.join(format!("explorer-{run}.html"));
        crate::run(crate::cargo().args(["run", "--quiet", "-p", "dossier-cli", "--", "process"]).arg(corpus_dir).arg("--out").arg(&json))?;
        crate::run(crate::cargo().args(["xtask", "build", "--corpus"]).arg(corpus_dir).arg("--out").arg(&html))?;
        outputs.push([json, html.clone(), html.with_extension("js")]);
    }
    for (a, b) in outputs[0].iter().zip(&outputs[1]) {
        if std::fs::read(a)? != std::fs::read(b)? {
            bail!("{} and {} differ: the same inputs gave different output", a.display(), b.display());
        }
    }
    println!("deterministic: corpus.json, explorer.html and explorer.js are byte-identical across two runs");
    Ok(())
}

/// Process the corpus folder and return it as gzip + base64 bundle bytes.
/// Shards of processed articles (corpus JSON or JSON Lines, as `dossier process --out`
/// writes them), rather than pages: a .json/.jsonl file, or a folder holding only such
/// files (and Spark's `part-NNNNN` files).
fn is_shards(path: &Path) -> bool {
    let shard = |p: &PathBuf| {
        let name = p.file_name().unwrap_or_default().to_string_lossy().to_ascii_lowercase();
        name.ends_with(".json") || name.ends_with(".jsonl") || name.starts_with("part-")
    };
    let files = process::assemble::shard_files(&[path.to_path_buf()]).unwrap_or_default();
    !files.is_empty() && files.iter().all(shard)
}

/// The corpus of `path`: its pages processed on every core, or its shards merged.
fn load_corpus(path: &Path) -> Result<(dossier_corpus::Corpus, u64)> {
    if is_shards(path) {
        let files = process::assemble::shard_files(&[path.to_path_buf()]).map_err(anyhow::Error::msg)?;
        return process::assemble::merge_files(&files).map_err(anyhow::Error::msg);
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let default = path.join("manifest.toml");
    let manifest = default.is_file().then_some(default.as_path());
    let report = process::process_paths(&[path.to_path_buf()], manifest, process::Data::builtin(), jobs, |_| {}, |_| {})
        .map_err(anyhow::Error::msg)?;
    for p in &report.problems {
        eprintln!("warning: {p}");
    }
    Ok((report.corpus, report.bytes))
}

fn corpus_data(dir: &Path) -> Result<String> {
    let started = Instant::now();
    let (corpus, input_bytes) = load_corpus(dir)?;
    if corpus.articles.is_empty() {
        // Still an explorer: it says that the corpus is empty.
        println!("warning: no articles in {}: the explorer will say the corpus is empty", dir.display());
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

/// Gzip for the data island: zopfli (about 5 % smaller, deterministic) while the corpus is
/// small enough for its time to go unnoticed, flate2's best level above that, where
/// zopfli's minutes would not pay for a few per cent.
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    const ZOPFLI_UP_TO: usize = 1 << 20;
    if bytes.len() <= ZOPFLI_UP_TO {
        let mut gz = Vec::new();
        zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, bytes, &mut gz)?;
        return Ok(gz);
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

/// Compile the app for wasm32 (cargo skips it when fresh), then run the wasm-bindgen step
/// unless the cache holds its output for exactly these inputs.
fn app() -> Result<App> {
    crate::tools::ensure_wasm_target()?;
    crate::run(crate::cargo().args(["build", "--package", "dossier", "--lib", "--target", TARGET, "--profile", PROFILE]))?;
    let target = crate::tools::target_dir()?;
    let wasm_in = target.join(format!("{TARGET}/{PROFILE}/dossier.wasm"));
    let wasm_bytes = std::fs::read(&wasm_in).with_context(|| format!("reading {}", wasm_in.display()))?;
    let key = cache_key(&wasm_bytes);
    let cache = target.join("bundle");
    let (wasm_cache, glue_cache, key_file) = (cache.join("explorer.wasm.gz.b64"), cache.join("explorer.js"), cache.join("key"));
    if std::fs::read_to_string(&key_file).is_ok_and(|k| k == key)
        && let (Ok(wasm_b64), Ok(glue)) = (std::fs::read_to_string(&wasm_cache), std::fs::read_to_string(&glue_cache))
    {
        return Ok(App { wasm_b64, glue });
    }
    let started = Instant::now();
    let mut output = wasm_bindgen_cli_support::Bindgen::new()
        .input_bytes("explorer", wasm_bytes)
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
    // Zopfli: slower than gzip -9 but about 5 % smaller, and the wasm is compressed only when it changes.
    let mut gz = Vec::new();
    zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, &wasm[..], &mut gz)?;
    let app = App { wasm_b64: base64::engine::general_purpose::STANDARD.encode(gz), glue: compact_js(output.js()) };
    // The key last: a cache interrupted half-way is not taken for a complete one.
    std::fs::create_dir_all(&cache)?;
    let _ = std::fs::remove_file(&key_file);
    std::fs::write(&wasm_cache, &app.wasm_b64)?;
    std::fs::write(&glue_cache, &app.glue)?;
    std::fs::write(&key_file, &key)?;
    println!("wasm-bindgen: {:.1} KB wasm in {:.1?}", wasm.len() as f64 / 1000.0, started.elapsed());
    Ok(app)
}

/// What the cached output depends on: the compiled wasm's bytes and how it is processed.
fn cache_key(wasm: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(CACHE_FORMAT.as_bytes());
    h.update(GLUE_GLOBAL.as_bytes());
    h.update(wasm);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Build a wasm library of the workspace for Node.js (its glue and wasm in `dir`).
pub fn node_module(package: &str, lib: &str, dir: &Path) -> Result<PathBuf> {
    crate::tools::ensure_wasm_target()?;
    crate::run(crate::cargo().args(["build", "--package", package, "--lib", "--target", TARGET, "--profile", PROFILE]))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(crate::tools::target_dir()?.join(format!("{TARGET}/{PROFILE}/{lib}.wasm")))
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
    squeeze_css(&out)
}

/// Whitespace that CSS does not need, outside quoted strings: any run becomes one space, and
/// none is kept next to `{`, `}`, `;`, `,`, `>` or after `:`; a `;` before `}` goes. (A space
/// before `:` stays: `a :hover` is a descendant selector.)
fn squeeze_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut quote: Option<char> = None;
    let mut space = false;
    for c in css.chars() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
        if space && !out.is_empty() && !tight(c) && !out.ends_with(|p: char| tight(p) || p == ':') {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_folder_gives_an_empty_corpus_island() {
        let dir = tempfile::tempdir().unwrap();
        let text = corpus_data(dir.path()).unwrap();
        let gz = base64::engine::general_purpose::STANDARD.decode(text).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bytes).unwrap();
        let corpus = bundle::decode(&bytes).unwrap();
        assert!(corpus.articles.is_empty());
    }

    #[test]
    fn the_data_island_is_the_same_for_the_same_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        assert_eq!(corpus_data(&dir).unwrap(), corpus_data(&dir).unwrap());
    }

    #[test]
    fn allowed_origins_are_origins() {
        assert_eq!(allow_json(&[]).unwrap(), "null");
        let list = ["https://Example.org/".to_owned(), "http://127.0.0.1:8080".into(), "null".into()];
        assert_eq!(allow_json(&list).unwrap(), r#"["https://example.org","http://127.0.0.1:8080","null"]"#);
        for bad in ["example.org", "https://example.org/page", "ftp://x", "https://"] {
            assert!(allow_json(&[bad.to_owned()]).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_stylesheet_loses_only_layout() {
        let css = "/* note */\n.a > .b,\n.c  :hover {\n  margin: 0 auto;\n  font-family: \"Segoe UI\", sans-serif;\n}\n@media (max-width: 760px) { .d { content: ' ; } '; } }\n";
        assert_eq!(
            compact_css(css),
            ".a>.b,.c :hover{margin:0 auto;font-family:\"Segoe UI\",sans-serif}@media (max-width:760px){.d{content:' ; } '}}"
        );
    }

    #[test]
    fn the_glue_keeps_its_code() {
        let js = "/** doc\n * more */\nfunction f() {\n    // note\n    return `a`;\n}\n";
        assert_eq!(compact_js(js), "function f() {\nreturn `a`;\n}\n");
        assert_ne!(cache_key(b"one"), cache_key(b"two"));
        assert_eq!(cache_key(b"one"), cache_key(b"one"));
    }
}
