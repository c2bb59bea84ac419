//! `cargo xtask build`: corpus folder → processed corpus → one self-contained
//! HTML file holding the app (wasm + glue), its CSS and the corpus data island.
//!
//! The wasm and its glue are built once and cached under the target folder's `bundle/`,
//! keyed on a hash of their inputs (the wasm's bytes and the steps' settings), so stale
//! output is never reused; a new corpus only re-runs processing and templating.
//!
//! The output is a function of the inputs only: the same corpus folder and app give
//! byte-identical files (no timestamps, no hash-map order, gzip without mtime).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dossier_corpus::{bundle, process};

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";
use dossier_page::GLUE_GLOBAL;
/// Bump when what `app()` writes to its cache changes (bindgen options, compression, compaction).
/// (wasm-bindgen is pinned to this version in Cargo.toml.)
const CACHE_FORMAT: &str = "dossier-bundle-cache 3; wasm-bindgen 0.2.130";

/// Sizes of the parts of the written file, in bytes.
pub struct Sizes {
    pub wasm_text: usize,
    pub glue: usize,
    pub css: usize,
    pub data_text: usize,
    /// The import island (decoded only when the reader imports).
    pub importer_text: usize,
    pub total: usize,
}

/// The app, compiled and bound: the wasm (gzipped) and its JS glue.
struct App {
    /// Zopfli gzip of the bound wasm.
    wasm_gz: Vec<u8>,
    glue: String,
    /// Zopfli gzip of the glue in its factory ([`dossier_page::glue`]), as the page carries it.
    glue_gz: Vec<u8>,
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
    let (data, curation) = corpus_data(corpus_dir)?;
    write_html(&data, out, &allow, &curation, started)
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
    write_html(&dossier_page::gzip(&bytes), out, "null", "", started)
}

/// Write the page (`out`) and, beside it, the embeddable script (`out` with `.js`), both
/// assembled by `dossier_page` (the code the page's own "Save" runs).
fn write_html(data_gz: &[u8], out: &Path, allow_origins: &str, curation: &str, started: Instant) -> Result<Sizes> {
    let app = app()?;
    // The page holds its islands as Base-122; the script, read in its host page's encoding, as base64.
    let data = &dossier_page::island_text(data_gz);
    let (data_b64, wasm_b64) = (dossier_page::base64(data_gz), dossier_page::base64(&app.wasm_gz));
    let css = css()?;
    let parts = dossier_page::Parts {
        css: dossier_page::island_text(&dossier_page::gzip(css.as_bytes())),
        glue: dossier_page::island_text(&app.glue_gz),
        bootstrap: dossier_page::bootstrap(&std::fs::read_to_string("web/bootstrap.js").context("reading web/bootstrap.js")?),
        wasm: dossier_page::island_text(&app.wasm_gz),
        importer: importer()?,
        allow_origins: allow_origins.to_owned(),
        curation: curation.to_owned(),
    };
    let template = std::fs::read_to_string("index.html").context("reading index.html")?;
    let html = dossier_page::page(&template, &parts, data).map_err(|e| anyhow::anyhow!("index.html: {e}"))?;
    let script_template = std::fs::read_to_string("web/explorer.js").context("reading web/explorer.js")?;
    let script_parts = dossier_page::Parts { css, wasm: wasm_b64, glue: dossier_page::glue(&app.glue), ..parts.clone() };
    let script = dossier_page::script(&script_template, &script_parts, &data_b64).map_err(|e| anyhow::anyhow!("web/explorer.js: {e}"))?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // What the page's own "Save" does: read its parts back and assemble them with the same
    // corpus. It must give these very bytes.
    let back = dossier_page::Parts::from_page(&html).context("the page's parts cannot be read back")?;
    let again = dossier_page::page(&template, &dossier_page::Parts { bootstrap: parts.bootstrap.clone(), ..back }, data);
    if again.as_ref() != Ok(&html) {
        bail!("the page read back and assembled again is not the same page");
    }
    write_atomically(out, html.as_bytes())?;
    let script_path = out.with_extension("js");
    write_atomically(&script_path, script.as_bytes())?;
    println!("wrote {} ({})", script_path.display(), kb(script.len()));
    let sizes = Sizes {
        wasm_text: parts.wasm.len(),
        glue: parts.glue.len(),
        css: parts.css.len(),
        data_text: data.len(),
        importer_text: parts.importer.len()
            + parts.importer.len().saturating_sub(1) / dossier_page::ISLAND_CHUNK * dossier_page::ISLAND_SEPARATOR.len(),
        total: html.len(),
    };
    println!("wrote {} in {:.1?}", out.display(), started.elapsed());
    println!("  wasm (gzip+Base-122){:>9}", kb(sizes.wasm_text));
    println!("  glue JS            {:>9}", kb(sizes.glue));
    println!("  CSS                {:>9}", kb(sizes.css));
    println!("  corpus data        {:>9}", kb(sizes.data_text));
    println!(
        "  page and bootstrap {:>9}",
        kb(sizes.total - sizes.wasm_text - sizes.glue - sizes.css - sizes.data_text - sizes.importer_text)
    );
    println!("  import island      {:>9}", kb(sizes.importer_text));
    println!("  total              {:>9}  ({} without the import island)", kb(sizes.total), kb(sizes.total - sizes.importer_text));
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

/// Process the corpus folder and return it as gzipped bundle bytes.
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
/// A folder's `curation.toml` (the explorer's *Export curation*), read as `dossier process
/// --data` reads it: applied to the articles and kept in the page, as a saved explorer keeps it.
fn load_curation(path: &Path) -> Result<Option<process::curation::Curation>> {
    let file = path.join(process::curation::CURATION_FILE);
    if is_shards(path) || !file.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    process::curation::Curation::parse(&text).map(Some).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn load_corpus(path: &Path, curation: Option<&process::curation::Curation>) -> Result<(dossier_corpus::Corpus, u64)> {
    if path.extension().is_some_and(|e| e == "dsr") {
        // A bundle as it is embedded (the engine bench writes its synthetic corpora so).
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let corpus = bundle::decode(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        return Ok((corpus, bytes.len() as u64));
    }
    if is_shards(path) {
        let files = process::assemble::shard_files(&[path.to_path_buf()]).map_err(anyhow::Error::msg)?;
        return process::assemble::merge_files(&files).map_err(anyhow::Error::msg);
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let default = path.join("manifest.toml");
    let manifest = default.is_file().then_some(default.as_path());
    let data = match curation {
        Some(curation) => process::Data { curation, ..process::Data::builtin() },
        None => process::Data::builtin(),
    };
    let report = process::process_paths(&[path.to_path_buf()], manifest, data, jobs, |_| {}, |_| {}).map_err(anyhow::Error::msg)?;
    for p in &report.problems {
        eprintln!("warning: {p}");
    }
    Ok((report.corpus, report.bytes))
}

/// The corpus of `dir` as gzip of its bundle bytes.
fn corpus_data(dir: &Path) -> Result<(Vec<u8>, String)> {
    let started = Instant::now();
    let curation = load_curation(dir)?;
    let (corpus, input_bytes) = load_corpus(dir, curation.as_ref())?;
    if corpus.articles.is_empty() {
        // Still an explorer: it says that the corpus is empty.
        println!("warning: no articles in {}: the explorer will say the corpus is empty", dir.display());
    }
    let bytes = bundle::encode(&corpus);
    let gz = dossier_page::gzip(&bytes);
    println!(
        "processed {} articles from {} ({:.1} KB raw) in {:.1?}; bundle {:.1} KB, gzip {:.1} KB",
        corpus.articles.len(),
        dir.display(),
        input_bytes as f64 / 1000.0,
        started.elapsed(),
        bytes.len() as f64 / 1000.0,
        gz.len() as f64 / 1000.0
    );
    Ok((gz, curation.map(|c| c.to_toml_or_empty()).unwrap_or_default()))
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
    let (wasm_cache, glue_cache, glue_gz_cache, key_file) =
        (cache.join("explorer.wasm.gz"), cache.join("explorer.js"), cache.join("explorer.js.gz"), cache.join("key"));
    if let Some([wasm_gz, glue, glue_gz]) = read_cache(&key_file, &key, [&wasm_cache, &glue_cache, &glue_gz_cache])
        && let Ok(glue) = String::from_utf8(glue)
    {
        return Ok(App { wasm_gz, glue, glue_gz });
    }
    let started = Instant::now();
    let mut output = bind("explorer", wasm_bytes, GLUE_GLOBAL)?;
    if !output.snippets().values().all(Vec::is_empty) || !output.local_modules().is_empty() {
        bail!("the app uses JS snippets, which a one-file bundle cannot load");
    }
    let wasm = output.wasm_mut().emit_wasm();
    let glue = dossier_page::compact_js(output.js());
    let app = App { wasm_gz: zopfli_gzip(&wasm)?, glue_gz: zopfli_gzip(dossier_page::glue(&glue).as_bytes())?, glue };
    write_cache(
        &key_file,
        &key,
        [(&wasm_cache, &app.wasm_gz[..]), (&glue_cache, app.glue.as_bytes()), (&glue_gz_cache, &app.glue_gz[..])],
    )?;
    println!("wasm-bindgen: {:.1} KB wasm in {:.1?}", wasm.len() as f64 / 1000.0, started.elapsed());
    Ok(app)
}

/// wasm-bindgen's no-modules output for a wasm of the workspace: its glue defines `global`.
fn bind(name: &str, wasm: Vec<u8>, global: &str) -> Result<wasm_bindgen_cli_support::Output> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_bytes(name, wasm)
        .out_name(name)
        .no_modules(true)?
        .no_modules_global(global)?
        .typescript(false)
        .remove_name_section(std::env::var_os("DOSSIER_WASM_NAMES").is_none())
        .remove_producers_section(true)
        .generate_output()
        .with_context(|| format!("running wasm-bindgen on the {name}"))
}

/// Zopfli gzip, whatever the size: slower than gzip -9 but about 5 % smaller, and what is
/// compressed here (the wasm islands) is compressed only when it changes (it is cached).
fn zopfli_gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut gz = Vec::new();
    zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, bytes, &mut gz)?;
    Ok(gz)
}

/// The cached files, when `key_file` holds `key` and every file reads.
fn read_cache<const N: usize>(key_file: &Path, key: &str, files: [&Path; N]) -> Option<[Vec<u8>; N]> {
    if !std::fs::read_to_string(key_file).is_ok_and(|k| k == key) {
        return None;
    }
    let read: Vec<Vec<u8>> = files.iter().map(std::fs::read).collect::<std::io::Result<_>>().ok()?;
    read.try_into().ok()
}

/// Write the cached files, then the key: a cache interrupted half-way is not taken for a
/// complete one.
fn write_cache<const N: usize>(key_file: &Path, key: &str, files: [(&Path, &[u8]); N]) -> Result<()> {
    if let Some(dir) = key_file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let _ = std::fs::remove_file(key_file);
    for (path, bytes) in files {
        std::fs::write(path, bytes)?;
    }
    std::fs::write(key_file, key)?;
    Ok(())
}

/// The name of the import island's glue object (in its worker).
const IMPORT_GLOBAL: &str = "__dossier_import";

/// The import island, Base-122 of zstd frames of [`ISLAND_FRAME`] bytes, each after its raw
/// and its own length (u32 LE), of `[u32 LE length of the UI script][u32 LE length of the
/// worker script][UI script (web/import.js)][worker script (the importer's glue, then
/// web/import-worker.js)][the importer's wasm]`. Cached like the app's, keyed on all of it.
/// The page reads it with the explorer's zstd decoder (`unzstd`): at level 19 it is 790 KB
/// where zopfli's gzip was 874 KB (the island had grown to the edge of its 1 MB floor).
/// The raw bytes in each zstd frame of the import island: the page reads a frame per task
/// (one frame of all 2.5 MB took the main thread 82 ms in Chromium, frames of 512 KB 50 ms;
/// each halving costs the island about 12 KB).
const ISLAND_FRAME: usize = 256 * 1024;
/// The zstd level of the import island (libzstd's output is the same on every platform for
/// the same level and version: the build stays byte-identical).
const ISLAND_LEVEL: i32 = 19;

fn importer() -> Result<String> {
    crate::run(crate::cargo().args(["build", "--package", "dossier-importer", "--lib", "--target", TARGET, "--profile", PROFILE]))?;
    let target = crate::tools::target_dir()?;
    let wasm_in = target.join(format!("{TARGET}/{PROFILE}/dossier_importer.wasm"));
    let wasm_bytes = std::fs::read(&wasm_in).with_context(|| format!("reading {}", wasm_in.display()))?;
    let ui = dossier_page::compact_js(&std::fs::read_to_string("web/import.js").context("reading web/import.js")?);
    let worker_js = dossier_page::compact_js(&std::fs::read_to_string("web/import-worker.js").context("reading web/import-worker.js")?);
    let key = cache_key(
        &[wasm_bytes.as_slice(), IMPORT_GLOBAL.as_bytes(), b"island 4: zstd 19 frames of 256 KB", ui.as_bytes(), worker_js.as_bytes()]
            .concat(),
    );
    let cache = target.join("bundle");
    let (island_cache, key_file) = (cache.join("importer.gz.b122"), cache.join("importer.key"));
    if let Some([island]) = read_cache(&key_file, &key, [&island_cache])
        && let Ok(island) = String::from_utf8(island)
    {
        return Ok(island);
    }
    let started = Instant::now();
    let mut output = bind("importer", wasm_bytes, IMPORT_GLOBAL)?;
    let wasm = output.wasm_mut().emit_wasm();
    let worker = format!("{}\n{worker_js}", dossier_page::compact_js(output.js()));
    let mut raw = Vec::with_capacity(8 + ui.len() + worker.len() + wasm.len());
    raw.extend_from_slice(&u32::try_from(ui.len())?.to_le_bytes());
    raw.extend_from_slice(&u32::try_from(worker.len())?.to_le_bytes());
    raw.extend_from_slice(ui.as_bytes());
    raw.extend_from_slice(worker.as_bytes());
    raw.extend_from_slice(&wasm);
    let mut packed = Vec::new();
    for chunk in raw.chunks(ISLAND_FRAME) {
        let frame = zstd::bulk::compress(chunk, ISLAND_LEVEL)?;
        packed.extend_from_slice(&u32::try_from(chunk.len())?.to_le_bytes());
        packed.extend_from_slice(&u32::try_from(frame.len())?.to_le_bytes());
        packed.extend_from_slice(&frame);
    }
    let island = dossier_page::island_text(&packed);
    write_cache(&key_file, &key, [(&island_cache, island.as_bytes())])?;
    println!(
        "import island: {:.1} KB wasm, {:.1} KB scripts; {:.1} KB zstd+Base-122 in {:.1?}",
        wasm.len() as f64 / 1000.0,
        (ui.len() + worker.len()) as f64 / 1000.0,
        island.len() as f64 / 1000.0,
        started.elapsed()
    );
    Ok(island)
}

/// What the cached output depends on: the compiled wasm's bytes and how it is processed.
fn cache_key(wasm: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(CACHE_FORMAT.as_bytes());
    h.update(GLUE_GLOBAL.as_bytes());
    h.update(wasm);
    h.update([std::env::var_os("DOSSIER_WASM_NAMES").is_some() as u8]);
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
/// All of `style/*.css`, in name order, compacted ([`dossier_page::css`]).
/// All of `style/*.css`, in name order, as the page holds them.
fn css() -> Result<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("style")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    files.sort();
    let texts =
        files.iter().map(|f| std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))).collect::<Result<Vec<_>>>()?;
    Ok(dossier_page::css(&texts.iter().map(String::as_str).collect::<Vec<_>>()))
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
        let (gz, curation) = corpus_data(dir.path()).unwrap();
        assert_eq!(curation, "");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bytes).unwrap();
        let corpus = bundle::decode(&bytes).unwrap();
        assert!(corpus.articles.is_empty());
    }

    #[test]
    fn a_folder_s_curation_is_applied_and_kept_for_the_page() {
        let dir = tempfile::tempdir().unwrap();
        let page = "Mayor Promises New Bridge\n\nBy Jane Example\n\nMarch 3, 2024\n\nMayor Olivia Brandt said on Sunday that the city would build a new bridge over the river before the end of the decade.\n\n\"We have waited long enough,\" Olivia Brandt said at a meeting with residents in the old town hall.\n\nThe council will vote on the plan next month, after a study of the costs.\n";
        std::fs::write(dir.path().join("a.txt"), page).unwrap();
        let text = "actor = [{ name = \"Olivia M. Brandt\", aliases = [\"Olivia Brandt\"] }] # a <note>\n";
        std::fs::write(dir.path().join("curation.toml"), text).unwrap();
        let (gz, kept) = corpus_data(dir.path()).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut bytes).unwrap();
        let corpus = bundle::decode(&bytes).unwrap();
        assert!(corpus.actors.iter().any(|a| a.name == "Olivia M. Brandt"), "{:?}", corpus.actors);
        assert!(corpus.actors.iter().all(|a| a.name != "Olivia Brandt"));
        // Kept as the page keeps it: what the curation writes, with no `<` to end a script element.
        assert_eq!(kept, process::curation::Curation::parse(text).unwrap().to_toml());
        assert!(!kept.contains('<'));
        std::fs::write(dir.path().join("curation.toml"), "actor = 3").unwrap();
        assert!(corpus_data(dir.path()).is_err());
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
    fn the_cache_key_follows_the_wasm() {
        assert_ne!(cache_key(b"one"), cache_key(b"two"));
        assert_eq!(cache_key(b"one"), cache_key(b"one"));
    }
}
