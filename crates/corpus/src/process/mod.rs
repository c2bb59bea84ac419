//! The processing pipeline: a folder of raw page dumps (`.txt`) and HTML pages
//! (`.html`) plus an optional manifest → a [`Corpus`].
//!
//! Each file goes: bytes → [`decode`] → blocks of text (one per line for a dump,
//! one per block element for HTML) → [`extract`] (body/boilerplate classifier
//! and metadata) → manifest overrides. A bad file becomes a [`Problem`] naming
//! the file; the rest of the corpus is still processed.

pub mod actors;
pub mod assemble;
pub mod curation;
pub mod data;
pub mod dates;
pub mod decode;
pub mod extract;
pub mod gazetteer;
pub mod html;
pub mod inputs;
pub mod knowledge;
pub mod manifest;
pub mod markup;
pub mod meta;
pub mod names;
pub mod namewords;
pub mod quotes;
pub mod speech;
pub mod syndication;
pub mod tokens;
pub mod warc;

use std::path::{Path, PathBuf};

use crate::model::{Article, Attributed, Corpus, DateInfo, FieldSource, Source};
use crate::strs::Str;
pub use data::{Data, DataDir};
pub use inputs::{Inputs, Listed, MAX_FILE_BYTES, list_dir, list_paths, read_dir, read_listed};
pub use manifest::Manifest;

/// Something wrong with one input, reported without stopping the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or manifest) concerned.
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// The result of processing a folder: the corpus and what went wrong on the way.
#[derive(Debug, Default)]
pub struct Report {
    pub corpus: Corpus,
    pub problems: Vec<Problem>,
    /// Bytes of input read.
    pub bytes: u64,
    /// Web archives read, and their records that were not pages.
    pub archives: usize,
    pub skipped: warc::Skipped,
}

/// One input document.
pub struct Input {
    pub file: String,
    pub bytes: Vec<u8>,
    /// Set for a page read from a web archive: it is HTML, and these say where it came from.
    pub archived: Option<Archived>,
}

impl Input {
    pub fn new(file: String, bytes: Vec<u8>) -> Input {
        Input { file, bytes, archived: None }
    }
}

/// What a web archive records about a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    pub url: String,
    /// The capture's date and time (ISO 8601).
    pub captured: Option<String>,
    /// The charset of the HTTP response, which a browser prefers to the page's own.
    pub charset: Option<String>,
}

/// Which parser a document goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
}

impl Kind {
    pub fn of(file: &str) -> Option<Kind> {
        let ext = Path::new(file).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Kind::Text),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            _ => None,
        }
    }
}

/// How a run processes: the manifest, the data files, the threads.
#[derive(Clone, Copy)]
pub struct Settings<'a> {
    pub manifest: Option<&'a Manifest>,
    pub data: Data<'a>,
    /// Inputs processed at once (feature `parallel`; 1 without it).
    pub jobs: usize,
}

impl<'a> Settings<'a> {
    /// The built-in data on one thread, with `manifest`.
    pub fn new(manifest: Option<&'a Manifest>) -> Settings<'a> {
        Settings { manifest, data: Data::builtin(), jobs: 1 }
    }
}

/// Process documents into a corpus. `progress` is called after each input.
pub fn process(inputs: &[Input], manifest: Option<&Manifest>, progress: impl FnMut(usize)) -> Report {
    process_each(inputs.iter().map(Ok), &Settings::new(manifest), progress)
}

/// Process documents as they come: each is read (or failed to be read: the `Err` is
/// reported), processed and dropped before the next, so memory does not grow with the
/// input. `progress` is called after each item, read or not. `jobs`: see [`process_stream`].
pub fn process_each<I: std::borrow::Borrow<Input> + Send + Sync>(
    inputs: impl IntoIterator<Item = Result<I, Problem>>,
    settings: &Settings,
    progress: impl FnMut(usize),
) -> Report {
    let mut assembler = assemble::Assembler::new();
    let mut report = process_stream(
        inputs,
        settings,
        |article| {
            assembler.push(article);
        },
        progress,
    );
    report.corpus = assembler.finish();
    report
}

/// Like [`process_each`], but each article goes to `sink` as soon as it is done, with actor
/// ids local to it (an [`assemble::Assembler`] makes them corpus-wide), and nothing is kept:
/// the returned report has the problems and the byte count, and an empty corpus. With
/// `jobs` > 1 (feature `parallel`), batches of inputs are processed on that many threads;
/// articles still reach `sink` in input order, so the output does not depend on `jobs`.
pub fn process_stream<I: std::borrow::Borrow<Input> + Send + Sync>(
    inputs: impl IntoIterator<Item = Result<I, Problem>>,
    settings: &Settings,
    mut sink: impl FnMut(Article),
    mut progress: impl FnMut(usize),
) -> Report {
    let Settings { manifest, data, jobs } = *settings;
    let mut report = Report::default();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut inputs = inputs.into_iter();
    let batch = if jobs > 1 { jobs * 4 } else { 1 };
    let mut done = 0;
    loop {
        let items: Vec<Result<I, Problem>> = inputs.by_ref().take(batch).collect();
        if items.is_empty() {
            break;
        }
        let one = |item: &Result<I, Problem>| {
            item.as_ref().ok().map(|input| {
                let input = input.borrow();
                process_guarded(input, manifest.and_then(|m| m.entry(&input.file)), data)
            })
        };
        let results: Vec<Option<Result<Article, String>>> = parallel_map(&items, jobs, one);
        for (item, result) in items.into_iter().zip(results) {
            match (item, result) {
                (Ok(input), Some(result)) => {
                    let input = input.borrow();
                    seen.insert(input.file.clone());
                    report.bytes += input.bytes.len() as u64;
                    match result {
                        Ok(article) => sink(article),
                        Err(message) => report.problems.push(Problem { file: input.file.clone(), message }),
                    }
                }
                (Err(problem), _) => {
                    seen.insert(problem.file.clone());
                    report.problems.push(problem);
                }
                (Ok(_), None) => unreachable!("every input has a result"),
            }
            done += 1;
            progress(done);
        }
    }
    if let Some(manifest) = manifest {
        for entry in &manifest.articles {
            if !seen.contains(&entry.file) {
                report.problems.push(Problem {
                    file: "manifest.toml".into(),
                    message: format!("line {}: has an entry for {:?}, which is not in the input folder", entry.line, entry.file),
                });
            }
        }
    }
    report
}

/// `f` over `items`, in order, on `jobs` threads when the `parallel` feature is on.
fn parallel_map<T: Send + Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    #[cfg(feature = "parallel")]
    if jobs > 1 {
        use rayon::prelude::*;
        static POOLS: std::sync::Mutex<Vec<(usize, std::sync::Arc<rayon::ThreadPool>)>> = std::sync::Mutex::new(Vec::new());
        let pool = {
            let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
            match pools.iter().find(|(n, _)| *n == jobs) {
                Some((_, p)) => p.clone(),
                None => match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
                    Ok(p) => {
                        let p = std::sync::Arc::new(p);
                        pools.push((jobs, p.clone()));
                        p
                    }
                    Err(_) => return items.iter().map(f).collect(),
                },
            }
        };
        return pool.install(|| items.par_iter().map(&f).collect());
    }
    let _ = jobs;
    items.iter().map(f).collect()
}

/// [`process_one_with`], with a panic (a bug) turned into this file's problem: the last
/// line of defence, so one odd page never stops a run.
pub fn process_guarded(input: &Input, entry: Option<&manifest::ManifestEntry>, data: Data) -> Result<Article, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        #[cfg(test)]
        tests::injected_panic(&input.file);
        process_one_with(input, entry, data)
    }))
    .unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        Err(format!("internal error while processing: {what}; the file was left out (this is a bug in Dossier, please report it)"))
    })
}

/// Process one document (no manifest).
pub fn process_one(input: &Input) -> Result<Article, String> {
    process_one_with(input, None, Data::builtin())
}

/// Process one document, applying its manifest entry before actors are resolved (a role
/// such as "the US President" depends on the date). Actor ids are local to the article
/// until [`process`] registers them.
pub fn process_one_with(input: &Input, entry: Option<&manifest::ManifestEntry>, data: Data) -> Result<Article, String> {
    let mut article = extract_article_with(input, data.knowledge)?;
    if let Some(entry) = entry {
        apply_manifest(&mut article, entry);
    }
    annotate(&mut article, data.gazetteer);
    data.curation.apply(&mut article);
    Ok(article)
}

/// Find the article's actors and quotes.
pub fn annotate(article: &mut Article, g: &gazetteer::Gazetteer) {
    let date = article.date.as_ref().map(|d| d.value.clone());
    let found = actors::find(&article.body, date.as_deref(), g);
    let found_quotes = quotes::find(&article.body, &found, &g.speech);
    article.quotes = found_quotes
        .into_iter()
        .map(|q| crate::model::Quote {
            text: q.text.into(),
            speaker: q.speaker.map(|s| s as u32),
            speaker_name: q.speaker.map(|s| found[s].name.as_str().into()),
            cue: q.cue.map(Str::from),
            span: q.span,
        })
        .collect();
    article.actors = found
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut forms: Vec<Str> = Vec::new();
            let mut metonyms: Vec<Str> = Vec::new();
            for m in &f.mentions {
                let list = if m.metonym { &mut metonyms } else { &mut forms };
                let form = &article.body[m.span.paragraph as usize][m.span.start as usize..m.span.end as usize];
                if !list.iter().any(|f| f == form) {
                    list.push(form.into());
                }
            }
            crate::model::ArticleActor {
                canonical: f.canonical.filter(|c| *c != f.name).map(Str::from),
                id: i as u32,
                name: f.name.into(),
                kind: f.kind,
                role: f.role.map(Str::from),
                forms,
                metonyms,
                mentions: f.mentions.len() as u32,
                spans: f.mentions.iter().map(|m| m.span).collect(),
            }
        })
        .collect();
    article.actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
}

/// Decode and extract one document: text and metadata, no actors or quotes.
pub fn extract_article(input: &Input) -> Result<Article, String> {
    extract_article_with(input, knowledge::Knowledge::builtin())
}

/// [`extract_article`] with the given knowledge.
pub fn extract_article_with(input: &Input, k: &knowledge::Knowledge) -> Result<Article, String> {
    let archived = input.archived.as_ref();
    let kind = if archived.is_some() { Kind::Html } else { Kind::of(&input.file).unwrap_or(Kind::Text) };
    let decoded = decode::decode_with(&input.bytes, archived.and_then(|a| a.charset.as_deref()))?;
    if decoded.text.trim().is_empty() {
        return Err("the file holds only white space".into());
    }
    let (blocks, meta) = match kind {
        Kind::Text => (extract::blocks_from_text(&decoded.text), meta::PageMeta::default()),
        Kind::Html => html::blocks_from_html(&decoded.text),
    };
    let mut article = build_article(&input.file, blocks, &meta, k)?;
    if let Some(a) = archived {
        article.url = Some(a.url.clone());
        article.provenance.push(FieldSource { field: "url".into(), source: Source::Archive, evidence: a.url.clone().into() });
        if let Some(when) = &a.captured {
            article.provenance.push(FieldSource { field: "captured".into(), source: Source::Archive, evidence: when.clone().into() });
        }
    }
    Ok(article)
}

/// Blocks → article: extraction, then metadata with provenance. The text is read first;
/// the markup (HTML) confirms or fills in (see `meta`).
pub fn build_article(file: &str, blocks: Vec<extract::Block>, page: &meta::PageMeta, k: &knowledge::Knowledge) -> Result<Article, String> {
    let e = extract::extract(blocks, k);
    if e.body.is_empty() {
        return Err("no article found: no block of the page reads as running prose".into());
    }
    let (title_line, title, source, evidence) = choose_title(file, &e, page);
    let mut article = Article::new(0, file, title);
    article.provenance.push(FieldSource { field: "title".into(), source, evidence: evidence.into() });
    article.title_variants = e.title_variants.clone();
    let header = meta::header_lines(&e, title_line);
    article.outlet = meta::outlet(&e, k, page);
    article.origin = meta::origin(&e, k, article.outlet_name());
    article.date = meta::date(&e, &header, k, page);
    let authors = meta::authors(&e, &header, title_line, k);
    if let Some((_, evidence)) = authors.first() {
        article.provenance.push(FieldSource { field: "authors".into(), source: Source::Text, evidence: evidence.clone().into() });
        article.authors = authors.into_iter().map(|(name, _)| Str::from(name)).collect();
    } else if !page.authors.is_empty() {
        article.authors = meta::markup_authors(page, article.outlet_name(), k).into_iter().map(Str::from).collect();
        if !article.authors.is_empty() {
            article.provenance.push(FieldSource {
                field: "authors".into(),
                source: Source::Markup,
                evidence: page.authors.join(", ").into(),
            });
        }
    }
    article.body = e.body;
    article.captions = e.captions;
    Ok(article)
}

/// The title, in order: the markup's headline where the page prints it, the detected
/// headline, the markup's headline (its " | Site" suffix cut), the first headline-shaped
/// line above the body, the file name. Returns (line, title, source, evidence).
fn choose_title(file: &str, e: &extract::Extracted, page: &meta::PageMeta) -> (Option<usize>, String, Source, String) {
    let (start, _) = e.body_range;
    if let Some(marked) = page.title.as_deref().map(meta::strip_title_suffix)
        && let Some(i) = extract::line_matching(&e.lines, start, marked)
    {
        return (Some(i), e.lines[i].text.clone(), Source::Text, e.lines[i].text.clone());
    }
    if let Some((i, t)) = &e.title {
        return (Some(*i), t.clone(), Source::Text, t.clone());
    }
    if let Some(marked) = page.title.as_deref().map(meta::strip_title_suffix).filter(|t| !t.is_empty()) {
        return (None, marked.to_owned(), Source::Markup, page.title.clone().unwrap_or_default());
    }
    if let Some(i) = extract::first_headline_shaped(&e.lines, start) {
        return (Some(i), e.lines[i].text.clone(), Source::Inferred, e.lines[i].text.clone());
    }
    let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().replace(['_', '-'], " ")).unwrap_or_else(|| file.to_owned());
    (None, stem, Source::Inferred, format!("file name {file}"))
}

/// Override an article's fields with its manifest entry's (provenance `manifest`). Also for a correction made
/// after processing (the explorer's review table), where the roles by date are not re-resolved.
pub fn apply_manifest(article: &mut Article, entry: &manifest::ManifestEntry) {
    let from_manifest = |name: &str| Attributed { name: name.to_owned().into(), source: Source::Manifest, evidence: Default::default() };
    if let Some(outlet) = &entry.outlet {
        article.outlet = Some(from_manifest(outlet));
    }
    if let Some(origin) = &entry.origin {
        article.origin = Some(from_manifest(origin));
    }
    if let Some((value, precision)) = entry.date.as_deref().and_then(dates::parse_iso) {
        article.date = Some(DateInfo { value: value.into(), precision, source: Source::Manifest, evidence: Default::default() });
    }
    let mut set_source = |field: &str| {
        article.provenance.retain(|p| p.field != field);
        article.provenance.push(FieldSource { field: field.into(), source: Source::Manifest, evidence: Default::default() });
    };
    if let Some(title) = &entry.title {
        set_source("title");
        article.title = title.clone().into();
    }
    if let Some(authors) = &entry.authors {
        set_source("authors");
        article.authors = authors.iter().map(Str::from).collect();
    }
}

/// Process a folder: list its `.txt`/`.html`/`.warc`/`.warc.gz` files, read the manifest
/// (`manifest`, else `dir/manifest.toml` if present), then read and process the files one
/// at a time. A manifest that is not TOML is reported as a problem (with line and column)
/// and the files are processed without it; a bad entry or field is reported and the rest
/// applies. Only an unreadable folder is an error.
pub fn process_dir(dir: &Path, manifest: Option<&Path>, total: impl FnOnce(usize), progress: impl FnMut(usize)) -> Result<Report, String> {
    let default = dir.join("manifest.toml");
    let manifest = manifest.or_else(|| default.exists().then_some(default.as_path()));
    process_paths(&[dir.to_path_buf()], manifest, Data::builtin(), 1, total, progress)
}

/// Process files and folders (see [`list_paths`]) with an optional manifest and the given
/// data, on `jobs` threads; `total` is told how many files were listed (a web archive counts
/// once, its pages each call `progress`).
pub fn process_paths(
    paths: &[PathBuf],
    manifest: Option<&Path>,
    data: Data,
    jobs: usize,
    total: impl FnOnce(usize),
    progress: impl FnMut(usize),
) -> Result<Report, String> {
    let listed = list_paths(paths)?;
    total(listed.len());
    let (manifest, mut problems) = load_manifest(manifest);
    let mut inputs = Inputs::new(listed);
    let mut report = process_each(&mut inputs, &Settings { manifest: manifest.as_ref(), data, jobs }, progress);
    problems.append(&mut report.problems);
    report.problems = problems;
    report.archives = inputs.archives;
    report.skipped = inputs.skipped;
    Ok(report)
}

/// The manifest at `path`, if any, with what was wrong in it as problems (a manifest that
/// is not TOML is left out whole; a bad entry or field alone).
pub fn load_manifest(path: Option<&Path>) -> (Option<Manifest>, Vec<Problem>) {
    let mut problems = Vec::new();
    let manifest = match path.map(read_manifest) {
        Some(Ok(m)) => {
            let file = path.and_then(Path::file_name).unwrap_or_default().to_string_lossy().into_owned();
            problems.extend(m.warnings.iter().map(|w| Problem { file: file.clone(), message: w.clone() }));
            Some(m)
        }
        Some(Err(p)) => {
            problems.push(Problem { file: p.file, message: format!("{}; the files were processed without the manifest", p.message) });
            None
        }
        None => None,
    };
    (manifest, problems)
}

/// Read a manifest file, with the error naming the file, line and column.
pub fn read_manifest(path: &Path) -> Result<Manifest, Problem> {
    let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).map_err(|e| Problem { file: file.clone(), message: format!("cannot be read: {e}") })?;
    Manifest::parse(&text).map_err(|message| Problem { file, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static PANIC_ON: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    /// Test-only: panic while processing the named file, as a bug would.
    pub(super) fn injected_panic(file: &str) {
        if PANIC_ON.with(|p| p.borrow().as_deref() == Some(file)) {
            panic!("injected failure for {file}");
        }
    }

    const GOOD: &str = include_str!("../../tests/pages/harbour.txt");

    #[test]
    fn a_panic_in_one_file_is_its_problem_and_the_rest_goes_on() {
        PANIC_ON.with(|p| *p.borrow_mut() = Some("bad.txt".into()));
        let inputs: Vec<Input> = ["a.txt", "bad.txt", "c.txt"].iter().map(|f| Input::new((*f).into(), GOOD.as_bytes().to_vec())).collect();
        let mut calls = 0;
        let report = process(&inputs, None, |_| calls += 1);
        PANIC_ON.with(|p| *p.borrow_mut() = None);
        assert_eq!(calls, 3);
        let files: Vec<&str> = report.corpus.articles.iter().map(|a| a.file.as_str()).collect();
        assert_eq!(files, ["a.txt", "c.txt"]);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].file, "bad.txt");
        assert!(
            report.problems[0].message.starts_with("internal error while processing: injected failure for bad.txt"),
            "{}",
            report.problems[0]
        );
    }
}
