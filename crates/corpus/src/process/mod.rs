//! The processing pipeline: a folder of raw page dumps (`.txt`) and HTML pages
//! (`.html`) plus an optional manifest → a [`Corpus`].
//!
//! Each file goes: bytes → [`decode`] → blocks of text (one per line for a dump,
//! one per block element for HTML) → [`extract`] (body/boilerplate classifier
//! and metadata) → manifest overrides. A bad file becomes a [`Problem`] naming
//! the file; the rest of the corpus is still processed.

pub mod actors;
pub mod dates;
pub mod decode;
pub mod extract;
pub mod gazetteer;
pub mod html;
pub mod knowledge;
pub mod manifest;
pub mod meta;
pub mod names;
pub mod quotes;
pub mod syndication;
pub mod tokens;

use std::path::Path;

use crate::model::{Article, Attributed, Corpus, DateInfo, FieldSource, SCHEMA_VERSION, Source};
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

/// Read every `.txt`/`.html` file of `dir` (sorted by name). Unreadable files
/// become problems. `manifest.toml` is not an input.
pub fn read_dir(dir: &Path) -> Result<(Vec<Input>, Vec<Problem>), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read folder {}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    paths.sort();
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if Kind::of(&file).is_none() {
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => inputs.push(Input { file, bytes }),
            Err(e) => problems.push(Problem { file, message: format!("cannot be read: {e}") }),
        }
    }
    Ok((inputs, problems))
}

/// Process documents into a corpus. `progress` is called after each input.
pub fn process(inputs: &[Input], manifest: Option<&Manifest>, mut progress: impl FnMut(usize)) -> Report {
    let mut report = Report { corpus: Corpus { schema_version: SCHEMA_VERSION, ..Corpus::default() }, ..Report::default() };
    for (i, input) in inputs.iter().enumerate() {
        report.bytes += input.bytes.len() as u64;
        match process_one_with(input, manifest.and_then(|m| m.entry(&input.file))) {
            Ok(mut article) => {
                article.id = report.corpus.articles.len() as u32;
                register_actors(&mut report.corpus, &mut article);
                report.corpus.articles.push(article);
            }
            Err(message) => report.problems.push(Problem { file: input.file.clone(), message }),
        }
        progress(i + 1);
    }
    syndication::link(&mut report.corpus.articles);
    if let Some(manifest) = manifest {
        for entry in &manifest.articles {
            if !inputs.iter().any(|i| i.file == entry.file) {
                report.problems.push(Problem {
                    file: "manifest.toml".into(),
                    message: format!("has an entry for {:?}, which is not in the input folder", entry.file),
                });
            }
        }
    }
    report
}

/// Process one document's bytes into an article.
/// Give an article's actors corpus-level ids (the same name and type is the same actor in
/// every article), and point its quotes at them.
fn register_actors(corpus: &mut Corpus, article: &mut Article) {
    let mut local_to_corpus = vec![0; article.actors.len()];
    for a in &mut article.actors {
        let key = a.name.to_lowercase();
        let id = match corpus.actors.iter().position(|c| c.kind == a.kind && c.name.to_lowercase() == key) {
            Some(i) => i as u32,
            None => {
                corpus.actors.push(crate::model::Actor {
                    id: corpus.actors.len() as u32,
                    name: a.name.clone(),
                    kind: a.kind,
                    role: a.role.clone(),
                });
                corpus.actors.len() as u32 - 1
            }
        };
        local_to_corpus[a.id as usize] = id;
        a.id = id;
    }
    for q in &mut article.quotes {
        q.speaker = q.speaker.map(|local| local_to_corpus[local as usize]);
    }
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

/// Process a folder: read its `.txt`/`.html` files and the manifest (`manifest`, else
/// `dir/manifest.toml` if present), then process them. A malformed manifest is reported
/// as a problem (with line and column) and the files are processed without it; only an
/// unreadable folder is an error.
pub fn process_dir(dir: &Path, manifest: Option<&Path>, total: impl FnOnce(usize), progress: impl FnMut(usize)) -> Result<Report, String> {
    let (inputs, mut problems) = read_dir(dir)?;
    total(inputs.len());
    let default = dir.join("manifest.toml");
    let path = manifest.or_else(|| default.exists().then_some(default.as_path()));
    let manifest = match path.map(read_manifest) {
        Some(Ok(m)) => Some(m),
        Some(Err(p)) => {
            problems.push(Problem { file: p.file, message: format!("{}; the files were processed without the manifest", p.message) });
            None
        }
        None => None,
    };
    let mut report = process(&inputs, manifest.as_ref(), progress);
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
