//! The processing pipeline: a folder of raw page dumps (`.txt`) and HTML pages
//! (`.html`) plus an optional manifest → a [`Corpus`].
//!
//! Each file goes: bytes → [`decode`] → blocks of text (one per line for a dump,
//! one per block element for HTML) → [`extract`] (body/boilerplate classifier
//! and metadata) → manifest overrides. A bad file becomes a [`Problem`] naming
//! the file; the rest of the corpus is still processed.

pub mod actors;
pub mod assemble;
pub mod dates;
pub mod decode;
pub mod extract;
pub mod gazetteer;
pub mod html;
pub mod knowledge;
pub mod manifest;
pub mod meta;
pub mod quotes;
pub mod syndication;
pub mod warc;

use std::path::{Path, PathBuf};

use crate::model::{Article, Attributed, Corpus, DateInfo, FieldSource, Source};
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
}

/// One input document.
pub struct Input {
    pub file: String,
    pub bytes: Vec<u8>,
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

/// An input file found in a folder: listed first, read only when its turn comes, so a
/// folder of any size is processed in the memory one file needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub file: String,
    pub path: PathBuf,
}

/// The largest file read as one page. A news page, even saved as HTML with its inline
/// scripts, is a few MB; a file above this is not one page and is reported, not read
/// (processing takes about 17 times a text file's size in memory, so this also bounds memory).
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// The `.txt`/`.html` entries of `dir` (sorted by name), without reading them. Every entry
/// with an input extension is listed, so one that turns out not to be a readable file (a
/// folder, a dangling link, a pipe) is reported when it is read rather than skipped in
/// silence. `manifest.toml` is not an input.
pub fn list_dir(dir: &Path) -> Result<Vec<Listed>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read folder {}: {e}", dir.display()))?;
    let mut listed: Vec<Listed> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            Kind::of(&file).map(|_| Listed { file, path: e.path() })
        })
        .collect();
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(listed)
}

/// Read one listed file, or say why it cannot be read. Only regular files are read (a
/// pipe is opened without blocking and refused); a file removed since the folder was
/// listed is reported as gone.
pub fn read_listed(item: &Listed) -> Result<Input, Problem> {
    use std::io::Read;
    let problem = |message: String| Problem { file: item.file.clone(), message };
    let failed = |e: std::io::Error| {
        problem(match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("cannot be read: it is gone (removed after the folder was listed, or a link to a missing file): {e}")
            }
            _ => format!("cannot be read: {e}"),
        })
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut f = options.open(&item.path).map_err(failed)?;
    let meta = f.metadata().map_err(failed)?;
    if meta.is_dir() {
        return Err(problem("is a folder, not a file; it was skipped".into()));
    }
    if !meta.is_file() {
        return Err(problem("is not a regular file (a pipe, socket or device); it was skipped".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is {:.1} MB, more than the {} MB one page can be; it was skipped (is it several pages in one file?)",
            meta.len() as f64 / (1 << 20) as f64,
            MAX_FILE_BYTES >> 20
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.by_ref().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(format!("grew past {} MB while being read; it was skipped", MAX_FILE_BYTES >> 20)));
    }
    Ok(Input { file: item.file.clone(), bytes })
}

/// Read every `.txt`/`.html` file of `dir` (sorted by name) into memory. Unreadable files
/// become problems. [`process_dir`] reads one file at a time instead.
pub fn read_dir(dir: &Path) -> Result<(Vec<Input>, Vec<Problem>), String> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for item in list_dir(dir)? {
        match read_listed(&item) {
            Ok(input) => inputs.push(input),
            Err(p) => problems.push(p),
        }
    }
    Ok((inputs, problems))
}

/// Process documents into a corpus. `progress` is called after each input.
pub fn process(inputs: &[Input], manifest: Option<&Manifest>, progress: impl FnMut(usize)) -> Report {
    process_each(inputs.iter().map(Ok), manifest, progress)
}

/// Process documents as they come: each is read (or failed to be read: the `Err` is
/// reported), processed and dropped before the next, so memory does not grow with the
/// input. `progress` is called after each item, read or not.
pub fn process_each<I: std::borrow::Borrow<Input>>(
    inputs: impl IntoIterator<Item = Result<I, Problem>>,
    manifest: Option<&Manifest>,
    progress: impl FnMut(usize),
) -> Report {
    let mut assembler = assemble::Assembler::new();
    let mut report = process_stream(
        inputs,
        manifest,
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
/// the returned report has the problems and the byte count, and an empty corpus.
pub fn process_stream<I: std::borrow::Borrow<Input>>(
    inputs: impl IntoIterator<Item = Result<I, Problem>>,
    manifest: Option<&Manifest>,
    mut sink: impl FnMut(Article),
    mut progress: impl FnMut(usize),
) -> Report {
    let mut report = Report::default();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (i, item) in inputs.into_iter().enumerate() {
        match item {
            Ok(input) => {
                let input = input.borrow();
                seen.insert(input.file.clone());
                report.bytes += input.bytes.len() as u64;
                match process_guarded(input, manifest.and_then(|m| m.entry(&input.file))) {
                    Ok(article) => sink(article),
                    Err(message) => report.problems.push(Problem { file: input.file.clone(), message }),
                }
            }
            Err(problem) => {
                seen.insert(problem.file.clone());
                report.problems.push(problem);
            }
        }
        progress(i + 1);
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

/// [`process_one_with`], with a panic (a bug) turned into this file's problem: the last
/// line of defence, so one odd page never stops a run.
pub fn process_guarded(input: &Input, entry: Option<&manifest::ManifestEntry>) -> Result<Article, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        #[cfg(test)]
        tests::injected_panic(&input.file);
        process_one_with(input, entry)
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
    process_one_with(input, None)
}

/// Process one document, applying its manifest entry before actors are resolved (a role
/// such as "the US President" depends on the date). Actor ids are local to the article
/// until [`process`] registers them.
pub fn process_one_with(input: &Input, entry: Option<&manifest::ManifestEntry>) -> Result<Article, String> {
    let mut article = extract_article(input)?;
    if let Some(entry) = entry {
        apply_manifest(&mut article, entry);
    }
    annotate(&mut article, gazetteer::Gazetteer::builtin());
    Ok(article)
}

/// Find the article's actors and quotes.
pub fn annotate(article: &mut Article, g: &gazetteer::Gazetteer) {
    let date = article.date.as_ref().map(|d| d.value.clone());
    let found = actors::find(&article.body, date.as_deref(), g);
    let found_quotes = quotes::find(&article.body, &found);
    article.quotes = found_quotes
        .into_iter()
        .map(|q| crate::model::Quote {
            text: q.text,
            speaker: q.speaker.map(|s| s as u32),
            speaker_name: q.speaker.map(|s| found[s].name.clone()),
            cue: q.cue,
            span: q.span,
        })
        .collect();
    article.actors = found
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut forms: Vec<String> = Vec::new();
            let mut metonyms: Vec<String> = Vec::new();
            for m in &f.mentions {
                let list = if m.metonym { &mut metonyms } else { &mut forms };
                let form = &article.body[m.span.paragraph as usize][m.span.start as usize..m.span.end as usize];
                if !list.iter().any(|f| f == form) {
                    list.push(form.to_owned());
                }
            }
            crate::model::ArticleActor {
                id: i as u32,
                name: f.name,
                kind: f.kind,
                role: f.role,
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
    let kind = Kind::of(&input.file).unwrap_or(Kind::Text);
    let decoded = decode::decode(&input.bytes)?;
    if decoded.text.trim().is_empty() {
        return Err("the file holds only white space".into());
    }
    let (blocks, meta) = match kind {
        Kind::Text => (extract::blocks_from_text(&decoded.text), meta::PageMeta::default()),
        Kind::Html => html::blocks_from_html(&decoded.text),
    };
    build_article(&input.file, blocks, &meta, knowledge::Knowledge::builtin())
}

/// Blocks → article: extraction, then metadata with provenance.
pub fn build_article(file: &str, blocks: Vec<extract::Block>, page: &meta::PageMeta, k: &knowledge::Knowledge) -> Result<Article, String> {
    let e = extract::extract(blocks, k);
    if e.body.is_empty() {
        return Err("no article found: no block of the page reads as running prose".into());
    }
    let (start, _) = e.body_range;
    let (title_line, title) = match (&e.title, &page.title) {
        (Some((i, t)), _) => (*i, t.clone()),
        (None, Some(t)) => (start, t.clone()),
        (None, None) => {
            return Err("no title found: no headline-like line precedes the article text".into());
        }
    };
    let mut article = Article::new(0, file, title.clone());
    article.provenance.push(FieldSource { field: "title".into(), source: Source::Text, evidence: title });
    article.title_variants = e.title_variants.clone();
    let header = title_line.saturating_sub(3).min(start)..start;
    article.outlet = meta::outlet(&e, k, page);
    article.origin = meta::origin(&e, k, article.outlet_name());
    article.date = meta::date(&e, header.clone(), page);
    let authors = meta::authors(&e, header, k);
    if let Some((_, evidence)) = authors.first() {
        article.provenance.push(FieldSource { field: "authors".into(), source: Source::Text, evidence: evidence.clone() });
    }
    article.authors = authors.into_iter().map(|(name, _)| name).collect();
    if article.authors.is_empty() && !page.authors.is_empty() {
        article.authors = page.authors.clone();
    }
    article.body = e.body;
    article.captions = e.captions;
    Ok(article)
}

fn apply_manifest(article: &mut Article, entry: &manifest::ManifestEntry) {
    let from_manifest = |name: &str| Attributed { name: name.to_owned(), source: Source::Manifest, evidence: String::new() };
    if let Some(outlet) = &entry.outlet {
        article.outlet = Some(from_manifest(outlet));
    }
    if let Some(origin) = &entry.origin {
        article.origin = Some(from_manifest(origin));
    }
    if let Some((value, precision)) = entry.date.as_deref().and_then(dates::parse_iso) {
        article.date = Some(DateInfo { value, precision, source: Source::Manifest, evidence: String::new() });
    }
    let mut set_source = |field: &str| {
        article.provenance.retain(|p| p.field != field);
        article.provenance.push(FieldSource { field: field.into(), source: Source::Manifest, evidence: String::new() });
    };
    if let Some(title) = &entry.title {
        set_source("title");
        article.title = title.clone();
    }
    if let Some(authors) = &entry.authors {
        set_source("authors");
        article.authors = authors.clone();
    }
}

/// Process a folder: list its `.txt`/`.html` files, read the manifest (`manifest`, else
/// `dir/manifest.toml` if present), then read and process the files one at a time. A
/// manifest that is not TOML is reported as a problem (with line and column) and the files
/// are processed without it; a bad entry or field is reported and the rest applies. Only
/// an unreadable folder is an error.
pub fn process_dir(dir: &Path, manifest: Option<&Path>, total: impl FnOnce(usize), progress: impl FnMut(usize)) -> Result<Report, String> {
    let listed = list_dir(dir)?;
    total(listed.len());
    let default = dir.join("manifest.toml");
    let path = manifest.or_else(|| default.exists().then_some(default.as_path()));
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
    let mut report = process_each(listed.iter().map(read_listed), manifest.as_ref(), progress);
    problems.append(&mut report.problems);
    report.problems = problems;
    Ok(report)
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
        let inputs: Vec<Input> =
            ["a.txt", "bad.txt", "c.txt"].iter().map(|f| Input { file: (*f).into(), bytes: GOOD.as_bytes().to_vec() }).collect();
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
