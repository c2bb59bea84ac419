//! The import island: what the explorer runs, in a Web Worker, when its user adds articles.
//!
//! The same `dossier-corpus` pipeline as the CLI turns the files into articles, which join
//! the explorer's corpus through the same [`assemble::Assembler`] as `dossier merge`; and
//! "Save as a new explorer" assembles the page with the same `dossier-page` code as
//! `cargo xtask build`, from the parts the page hands over (its own wasm, glue, styles and
//! this island), so a saved explorer is byte-identical to a built one on the same inputs.
//!
//! [`Import`] and [`save_page`] are plain Rust (tested natively); the `wasm` module is the
//! thin binding the worker calls (serde-wasm-bindgen for the typed messages).

use std::collections::HashMap;

use dossier_corpus::bundle;
use dossier_corpus::model::{Article, Corpus};
pub use dossier_corpus::process::curation::Curation as ActorCuration;
use dossier_corpus::process::{self, Data, Input, Kind, MAX_FILE_BYTES, assemble::Assembler};
use serde::{Deserialize, Serialize};

/// The page template and bootstrap this island was built with (the page does not hold the
/// template, only its filled-in form).
const TEMPLATE: &str = include_str!("../../../index.html");
const BOOTSTRAP: &str = include_str!("../../../web/bootstrap.js");

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileResult {
    pub file: String,
    pub status: Status,
    /// Why it was left out, or which article it duplicates.
    pub reason: Option<String>,
    /// The article's title, when one was made.
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Duplicate,
    #[serde(rename = "left out")]
    LeftOut,
}

/// A corpus growing by files: the explorer's articles first, then each file's.
pub struct Import {
    existing: Vec<Article>,
    added: Vec<Article>,
    /// Body text → (title, file) of the article that has it.
    bodies: HashMap<String, (String, String)>,
    /// The reader's curation, applied to each new article as `dossier process --data` does.
    curation: ActorCuration,
}

/// What identifies an article's text: its paragraphs (or, with none, its title).
fn text_key(a: &Article) -> String {
    if a.body.is_empty() { format!("\u{0}{}", a.title) } else { a.body.join("\n") }
}

impl Import {
    /// Start from the explorer's corpus (bundle bytes; none: empty).
    pub fn new(bundle_bytes: &[u8]) -> Result<Import, String> {
        Import::with_curation(bundle_bytes, ActorCuration::default())
    }

    /// Start from the explorer's corpus, applying `curation` to the files added.
    pub fn with_curation(bundle_bytes: &[u8], curation: ActorCuration) -> Result<Import, String> {
        let corpus = if bundle_bytes.is_empty() { Corpus::default() } else { bundle::decode(bundle_bytes).map_err(|e| e.to_string())? };
        let bodies = corpus.articles.iter().map(|a| (text_key(a), (a.title.to_string(), a.file.clone()))).collect();
        Ok(Import { existing: corpus.articles, added: Vec::new(), bodies, curation })
    }

    /// Process one file and keep its article unless it is a copy of one already there.
    pub fn add(&mut self, file: &str, bytes: Vec<u8>) -> FileResult {
        let result = |status, reason: Option<String>, title: Option<String>| FileResult { file: file.to_owned(), status, reason, title };
        if Kind::of(file).is_none() {
            return result(Status::LeftOut, Some("not a page: only .txt and .html files are read".into()), None);
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return result(Status::LeftOut, Some(format!("larger than {} MB", MAX_FILE_BYTES >> 20)), None);
        }
        let input = Input::new(file.to_owned(), bytes);
        let data = Data { curation: &self.curation, ..Data::builtin() };
        match process::process_guarded(&input, None, data) {
            Err(message) => result(Status::LeftOut, Some(message), None),
            Ok(article) => {
                let key = text_key(&article);
                if let Some((title, other)) = self.bodies.get(&key) {
                    return result(
                        Status::Duplicate,
                        Some(format!("same text as \u{201c}{title}\u{201d} ({other})")),
                        Some(article.title.to_string()),
                    );
                }
                self.bodies.insert(key, (article.title.to_string(), article.file.clone()));
                let title = article.title.clone();
                self.added.push(article);
                result(Status::Added, None, Some(title.to_string()))
            }
        }
    }

    /// Articles so far (the explorer's and the added ones).
    pub fn len(&self) -> usize {
        self.existing.len() + self.added.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The merged corpus: corpus-wide actor ids, quotes repointed, copies of one story
    /// linked, as a processing run makes them.
    pub fn finish(self) -> Corpus {
        let mut assembler = Assembler::new();
        for a in self.existing.into_iter().chain(self.added) {
            assembler.push(a);
        }
        assembler.finish()
    }
}

/// What the page hands over for "Save": its islands and styles as its elements hold them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageParts {
    pub css: String,
    pub glue: String,
    pub wasm: String,
    pub importer: String,
    /// JSON (`null` or a list of origins).
    pub allow_origins: String,
    /// The reader's curation the page holds (`curation.toml` text, or empty), kept in the
    /// saved page so that its import goes on applying it.
    #[serde(default)]
    pub curation: String,
}

/// The explorer page for `bundle_bytes` with the page's own parts.
pub fn save_page(bundle_bytes: &[u8], parts: PageParts) -> Result<String, String> {
    let parts = dossier_page::Parts {
        css: parts.css,
        glue: parts.glue,
        bootstrap: dossier_page::bootstrap(BOOTSTRAP),
        wasm: parts.wasm,
        importer: parts.importer,
        allow_origins: parts.allow_origins,
        curation: parse_curation(&parts.curation)?.to_toml_or_empty(),
    };
    dossier_page::page(TEMPLATE, &parts, &dossier_page::data_island(bundle_bytes))
}

/// The corpus as `dossier process --out corpus.json` writes it.
pub fn corpus_json(bundle_bytes: &[u8]) -> Result<String, String> {
    let corpus = bundle::decode(bundle_bytes).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&corpus).map_err(|e| e.to_string())
}

/// A correction of one article's metadata, as the review table makes it: what a manifest
/// entry says (`None`: the field is left as it is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub file: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub origin: Option<String>,
    /// ISO 8601 at the precision known: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub authors: Option<Vec<String>>,
}

/// Corrections as manifest.toml text.
pub fn manifest_text(corrections: &[Correction]) -> String {
    let q = dossier_corpus::process::curation::toml_string;
    let mut out = String::from("# Corrections made in the explorer's review table (dossier process reads this manifest).\n");
    for c in corrections {
        out.push_str(&format!("\n[[article]]\nfile = {}\n", q(&c.file)));
        for (key, value) in [("title", &c.title), ("outlet", &c.outlet), ("origin", &c.origin), ("date", &c.date)] {
            if let Some(v) = value {
                out.push_str(&format!("{key} = {}\n", q(v)));
            }
        }
        if let Some(authors) = &c.authors {
            out.push_str(&format!("authors = [{}]\n", authors.iter().map(|a| q(a)).collect::<Vec<_>>().join(", ")));
        }
    }
    out
}

/// The corrections a corpus carries: every field whose provenance is the manifest.
pub fn corrections_of(corpus: &Corpus) -> Vec<Correction> {
    use dossier_corpus::model::Source;
    let manifest_field = |a: &Article, field: &str| a.provenance.iter().any(|p| p.field == field && p.source == Source::Manifest);
    corpus
        .articles
        .iter()
        .map(|a| Correction {
            file: a.file.clone(),
            title: manifest_field(a, "title").then(|| a.title.to_string()),
            outlet: a.outlet.as_ref().filter(|o| o.source == Source::Manifest).map(|o| o.name.to_string()),
            origin: a.origin.as_ref().filter(|o| o.source == Source::Manifest).map(|o| o.name.to_string()),
            date: a.date.as_ref().filter(|d| d.source == Source::Manifest).map(|d| d.value.to_string()),
            authors: manifest_field(a, "authors").then(|| a.authors.iter().map(|s| s.to_string()).collect()),
        })
        .filter(|c| c.title.is_some() || c.outlet.is_some() || c.origin.is_some() || c.date.is_some() || c.authors.is_some())
        .collect()
}

/// Apply corrections to a corpus (bundle bytes) as manifest entries, checked as the CLI checks
/// a manifest: what is wrong comes back as warnings and is left out.
pub fn correct(bundle_bytes: &[u8], corrections: &[Correction]) -> Result<(Vec<u8>, Vec<String>), String> {
    correct_curated(bundle_bytes, corrections, &ActorCuration::default())
}

/// [`correct`] for a page that holds `curation`: an article whose date changes has its actors
/// and quotes found again (roles such as "the US President" resolve by the date, as in a run
/// with the date in the manifest), and the curation applied to them again.
pub fn correct_curated(
    bundle_bytes: &[u8],
    corrections: &[Correction],
    curation: &ActorCuration,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut corpus = bundle::decode(bundle_bytes).map_err(|e| e.to_string())?;
    let manifest = process::Manifest::parse(&manifest_text(corrections))?;
    let mut warnings = manifest.warnings.clone();
    let mut redated = false;
    for entry in &manifest.articles {
        match corpus.articles.iter_mut().find(|a| a.file == entry.file) {
            Some(article) => {
                let before = article.date.as_ref().map(|d| (d.value.clone(), d.precision));
                process::apply_manifest(article, entry);
                if article.date.as_ref().map(|d| (d.value.clone(), d.precision)) != before {
                    process::annotate(article, Data::builtin().gazetteer);
                    curation.apply(article);
                    redated = true;
                }
            }
            None => warnings.push(format!("no article from {:?}", entry.file)),
        }
    }
    if redated {
        let mut assembler = Assembler::new();
        for article in corpus.articles {
            assembler.push(article);
        }
        corpus = assembler.finish();
    }
    Ok((bundle::encode(&corpus), warnings))
}

/// What to do to one actor (corpus id) everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", tag = "op")]
pub enum Curation {
    /// Actor `from` is actor `into`: one actor under `into`'s name and type.
    Merge { from: u32, into: u32 },
    /// Call it by another name (a name another actor of its type has: they become one).
    Rename { id: u32, name: String },
    /// Change its type.
    Retype { id: u32, kind: dossier_corpus::model::ActorType },
    /// Not an actor: its mentions are dropped, its quotes lose their speaker.
    Drop { id: u32 },
    /// Undo a wrong merge: the mentions written `form` become an actor of their own.
    Split { id: u32, form: String },
}

/// Merge actor `from` into actor `into` (corpus ids): `from`'s mentions, forms and quotes become
/// `into`'s in every article, under `into`'s name and type; the corpus is assembled again.
pub fn merge_actors(bundle_bytes: &[u8], from: u32, into: u32) -> Result<Vec<u8>, String> {
    curate(bundle_bytes, &Curation::Merge { from, into })
}

/// Apply a curation; the corpus is assembled again (so a rename onto an existing name merges).
pub fn curate(bundle_bytes: &[u8], what: &Curation) -> Result<Vec<u8>, String> {
    curate_recorded(bundle_bytes, &mut ActorCuration::default(), what)
}

/// Record `what` in the reader's curation (names, as `curation.toml` keeps them), then apply
/// the whole curation to every article of the corpus, assembled again. The same
/// [`ActorCuration::apply`] runs when `dossier process --data` reads the exported file and
/// when more articles are imported, so the three agree.
pub fn curate_recorded(bundle_bytes: &[u8], curation: &mut ActorCuration, what: &Curation) -> Result<Vec<u8>, String> {
    let corpus = bundle::decode(bundle_bytes).map_err(|e| e.to_string())?;
    let actor = |id: u32| corpus.actors.get(id as usize).ok_or_else(|| "no such actor".to_owned());
    match what {
        Curation::Merge { from, into } => {
            if from == into {
                return Err("pick two different actors".into());
            }
            let (from, into) = (actor(*from)?, actor(*into)?);
            curation.merge(&from.name, &into.name, into.kind);
        }
        Curation::Rename { id, name } => {
            let a = actor(*id)?;
            if name.trim().is_empty() {
                return Err("a name cannot be empty".into());
            }
            curation.merge(&a.name, name, a.kind);
        }
        Curation::Retype { id, kind } => curation.retype(&actor(*id)?.name, *kind),
        Curation::Drop { id } => curation.drop_actor(&actor(*id)?.name),
        Curation::Split { id, form } => {
            let a = actor(*id)?;
            if form.trim().is_empty() || form.trim().to_lowercase() == a.name.to_lowercase() {
                return Err("pick one of the actor's other forms".into());
            }
            curation.split(form, &a.name);
        }
    }
    let mut assembler = Assembler::new();
    for mut article in corpus.articles {
        if let Curation::Split { id, form } = what {
            dossier_corpus::process::curation::split_off(&mut article, form, &corpus.actors[*id as usize].name);
        }
        curation.apply(&mut article);
        assembler.push(article);
    }
    let corpus = assembler.finish();
    bundle::validate(&corpus)?;
    Ok(bundle::encode(&corpus))
}

/// The curation a page holds, from its text (empty: none).
pub fn parse_curation(text: &str) -> Result<ActorCuration, String> {
    if text.trim().is_empty() { Ok(ActorCuration::default()) } else { ActorCuration::parse(text) }
}

/// What the review table shows of one article.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub file: String,
    pub title: String,
    pub outlet: Option<String>,
    pub origin: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
}

/// An actor and the number of articles naming it.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub id: u32,
    pub name: String,
    pub kind: dossier_corpus::model::ActorType,
    pub articles: usize,
    /// The names and forms the articles write it in, other than its name (what a split can
    /// take off), in order of first appearance.
    pub forms: Vec<String>,
}

/// The review panel's data: articles, actors (most named first), and the corrections as
/// manifest.toml.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub rows: Vec<Row>,
    pub actors: Vec<ActorRow>,
    pub manifest: String,
    /// The reader's curation as `curation.toml`.
    pub curation: String,
}

pub fn review(bundle_bytes: &[u8]) -> Result<Review, String> {
    review_curated(bundle_bytes, &ActorCuration::default())
}

pub fn review_curated(bundle_bytes: &[u8], curation: &ActorCuration) -> Result<Review, String> {
    let corpus = if bundle_bytes.is_empty() { Corpus::default() } else { bundle::decode(bundle_bytes).map_err(|e| e.to_string())? };
    let rows = corpus
        .articles
        .iter()
        .map(|a| Row {
            file: a.file.clone(),
            title: a.title.to_string(),
            outlet: a.outlet.as_ref().map(|o| o.name.to_string()),
            origin: a.origin.as_ref().map(|o| o.name.to_string()),
            date: a.date.as_ref().map(|d| d.value.to_string()),
            authors: a.authors.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    let mut counts = vec![0usize; corpus.actors.len()];
    let mut forms: Vec<Vec<String>> = vec![Vec::new(); corpus.actors.len()];
    for a in &corpus.articles {
        for x in &a.actors {
            if let Some(list) = forms.get_mut(x.id as usize) {
                for f in std::iter::once(&x.name).chain(&x.forms) {
                    if *f != corpus.actors[x.id as usize].name && !list.iter().any(|l| *l == *f) {
                        list.push(f.to_string());
                    }
                }
            }
        }
        let mut ids: Vec<u32> = a.actors.iter().map(|x| x.id).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            if let Some(c) = counts.get_mut(id as usize) {
                *c += 1;
            }
        }
    }
    let mut actors: Vec<ActorRow> = corpus
        .actors
        .iter()
        .map(|a| ActorRow {
            id: a.id,
            name: a.name.to_string(),
            kind: a.kind,
            articles: counts[a.id as usize],
            forms: std::mem::take(&mut forms[a.id as usize]),
        })
        .collect();
    actors.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.name.cmp(&b.name)));
    Ok(Review { rows, actors, manifest: manifest_text(&corrections_of(&corpus)), curation: curation.to_toml() })
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use serde::Serialize;
    use wasm_bindgen::prelude::*;

    fn curation(text: &str) -> Result<crate::ActorCuration, JsError> {
        crate::parse_curation(text).map_err(|e| JsError::new(&e))
    }

    /// An import in progress (see [`crate::Import`]).
    #[wasm_bindgen]
    pub struct Importer(crate::Import);

    #[wasm_bindgen]
    impl Importer {
        /// Over the explorer's corpus, with the reader's curation (`curation.toml` text, or
        /// empty) applied to each file added.
        #[wasm_bindgen(constructor)]
        pub fn new(bundle: &[u8], curation_text: &str) -> Result<Importer, JsError> {
            crate::Import::with_curation(bundle, curation(curation_text)?).map(Importer).map_err(|e| JsError::new(&e))
        }

        /// Process one file: `{file, status: "added" | "duplicate" | "left out", reason, title}`.
        pub fn add(&mut self, file: &str, bytes: Vec<u8>) -> Result<JsValue, JsError> {
            serde_wasm_bindgen::to_value(&self.0.add(file, bytes)).map_err(|e| JsError::new(&e.to_string()))
        }

        /// The merged corpus as bundle bytes.
        pub fn finish(self) -> Vec<u8> {
            dossier_corpus::bundle::encode(&self.0.finish())
        }
    }

    /// The page for `bundle` from the page's parts (`{css, glue, wasm, importer, allowOrigins}`).
    #[wasm_bindgen]
    pub fn save(bundle: &[u8], parts: JsValue) -> Result<String, JsError> {
        let parts: crate::PageParts = serde_wasm_bindgen::from_value(parts).map_err(|e| JsError::new(&e.to_string()))?;
        crate::save_page(bundle, parts).map_err(|e| JsError::new(&e))
    }

    /// `{rows, actors, manifest, curation}` for the review panel.
    #[wasm_bindgen]
    pub fn review(bundle: &[u8], curation_text: &str) -> Result<JsValue, JsError> {
        let r = crate::review_curated(bundle, &curation(curation_text)?).map_err(|e| JsError::new(&e))?;
        r.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Apply `[{file, date, title, outlet, origin, authors}]` to the corpus: the new corpus.
    #[wasm_bindgen]
    pub fn correct(bundle: &[u8], corrections: JsValue, curation_text: &str) -> Result<Vec<u8>, JsError> {
        let corrections: Vec<crate::Correction> = serde_wasm_bindgen::from_value(corrections).map_err(|e| JsError::new(&e.to_string()))?;
        let (bytes, warnings) = crate::correct_curated(bundle, &corrections, &curation(curation_text)?).map_err(|e| JsError::new(&e))?;
        if !warnings.is_empty() {
            return Err(JsError::new(&warnings.join("; ")));
        }
        Ok(bytes)
    }

    /// A curated corpus and the curation that made it (`curation.toml` text).
    #[wasm_bindgen(getter_with_clone)]
    pub struct Curated {
        pub corpus: Vec<u8>,
        pub curation: String,
    }

    /// `op` on actor `id`: "merge" (into actor `into`), "rename" (to `text`), "retype" (to
    /// type `text`), "drop" or "split" (form `text` off it); recorded in the curation. Plain
    /// arguments, not a serde-wasm-bindgen object: an internally tagged enum costs the
    /// island's wasm serde's buffering deserializer.
    #[wasm_bindgen]
    pub fn curate(bundle: &[u8], curation_text: &str, op: &str, id: u32, into: u32, text: &str) -> Result<Curated, JsError> {
        use crate::Curation::*;
        let what = match op {
            "merge" => Merge { from: id, into },
            "rename" => Rename { id, name: text.to_owned() },
            "retype" => Retype {
                id,
                kind: dossier_corpus::model::ActorType::ALL
                    .into_iter()
                    .find(|k| k.as_str() == text)
                    .ok_or_else(|| JsError::new("not a type of actor"))?,
            },
            "drop" => Drop { id },
            "split" => Split { id, form: text.to_owned() },
            _ => return Err(JsError::new("not a curation")),
        };
        let mut c = curation(curation_text)?;
        let corpus = crate::curate_recorded(bundle, &mut c, &what).map_err(|e| JsError::new(&e))?;
        Ok(Curated { corpus, curation: c.to_toml() })
    }

    #[wasm_bindgen(js_name = corpusJson)]
    pub fn corpus_json(bundle: &[u8]) -> Result<String, JsError> {
        crate::corpus_json(bundle).map_err(|e| JsError::new(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Rain Expected Over Northern Valleys\n\nBy Jane Example\n\nMarch 3, 2024\n\nForecasters said on Sunday that heavy rain would reach the northern valleys by Tuesday, with rivers expected to rise through the week.\n\nFarmers in the region have been told to move livestock to higher ground while the water stays high, the agency said in a statement.\n\nThe last comparable flood in the valleys came eleven years ago, when several bridges were closed for a month.\n";

    #[test]
    fn files_are_added_copies_noted_and_bad_files_left_out_with_a_reason() {
        let mut import = Import::new(&[]).unwrap();
        let added = import.add("rain.txt", PAGE.as_bytes().to_vec());
        assert_eq!(added.status, Status::Added, "{added:?}");
        let copy = import.add("rain-copy.txt", PAGE.as_bytes().to_vec());
        assert_eq!(copy.status, Status::Duplicate);
        assert!(copy.reason.as_deref().unwrap().contains("rain.txt"));
        let other = import.add("notes.pdf", b"%PDF-1.4".to_vec());
        assert_eq!(other.status, Status::LeftOut);
        assert!(other.reason.is_some());
        let binary = import.add("broken.html", vec![0xff; 64]);
        assert_ne!(binary.status, Status::Duplicate);
        let corpus = import.finish();
        assert!(bundle::validate(&corpus).is_ok());
        assert_eq!(corpus.articles.iter().filter(|a| a.file == "rain.txt").count(), 1);
        assert!(corpus.articles.iter().all(|a| a.file != "rain-copy.txt" && a.file != "notes.pdf"));
    }

    #[test]
    fn importing_into_an_explorer_keeps_its_articles_and_matches_one_run_over_all_files() {
        let other = PAGE.replace("rain", "snow").replace("Rain", "Snow").replace("flood", "storm");
        let mut first = Import::new(&[]).unwrap();
        first.add("a.txt", PAGE.as_bytes().to_vec());
        let bytes = bundle::encode(&first.finish());
        let mut second = Import::new(&bytes).unwrap();
        assert_eq!(second.len(), 1);
        assert_eq!(second.add("a.txt", PAGE.as_bytes().to_vec()).status, Status::Duplicate);
        assert_eq!(second.add("b.txt", other.as_bytes().to_vec()).status, Status::Added);
        let merged = second.finish();
        // The same as the CLI's run over both files.
        let inputs = [Input::new("a.txt".into(), PAGE.as_bytes().to_vec()), Input::new("b.txt".into(), other.into_bytes())];
        let run = process::process(&inputs, None, |_| {});
        assert_eq!(bundle::encode(&merged), bundle::encode(&run.corpus));
        assert!(corpus_json(&bundle::encode(&merged)).unwrap().contains("\"file\": \"b.txt\""));
    }

    #[test]
    fn a_saved_page_is_the_built_page() {
        let mut import = Import::new(&[]).unwrap();
        import.add("rain.txt", PAGE.as_bytes().to_vec());
        let bytes = bundle::encode(&import.finish());
        let parts = dossier_page::Parts {
            css: dossier_page::css(&[".dossier{}"]),
            glue: dossier_page::glue("const __dossier_wasm = {};"),
            bootstrap: dossier_page::bootstrap(BOOTSTRAP),
            wasm: dossier_page::base64(b"wasm"),
            importer: dossier_page::base64(b"island"),
            allow_origins: "null".into(),
            curation: ActorCuration::parse("not_actor = [\"Jane Example\"]").unwrap().to_toml(),
        };
        let built = dossier_page::page(TEMPLATE, &parts, &dossier_page::data_island(&bytes)).unwrap();
        let back = dossier_page::Parts::from_page(&built).unwrap();
        let handed = PageParts {
            css: back.css,
            glue: back.glue,
            wasm: back.wasm,
            importer: back.importer,
            allow_origins: back.allow_origins,
            curation: back.curation,
        };
        assert_eq!(save_page(&bytes, handed).unwrap(), built);
        assert!(Import::new(b"not a bundle").is_err());
    }

    #[test]
    fn a_corrected_date_is_the_manifest_s_and_comes_back_as_manifest_text() {
        let mut import = Import::new(&[]).unwrap();
        import.add("rain.txt", PAGE.as_bytes().to_vec());
        let bytes = bundle::encode(&import.finish());
        let fix = Correction { file: "rain.txt".into(), date: Some("2023-11".into()), ..Correction::default() };
        let (fixed, warnings) = correct(&bytes, std::slice::from_ref(&fix)).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let corpus = bundle::decode(&fixed).unwrap();
        let date = corpus.articles[0].date.as_ref().unwrap();
        assert_eq!(
            (date.value.as_str(), date.precision, date.source),
            ("2023-11", dossier_corpus::model::Precision::Month, dossier_corpus::model::Source::Manifest)
        );
        assert_eq!(corrections_of(&corpus), vec![fix.clone()]);
        // The manifest text is one the CLI reads, and gives the same article.
        let manifest = process::Manifest::parse(&review(&fixed).unwrap().manifest).unwrap();
        let run = process::process(&[Input::new("rain.txt".into(), PAGE.as_bytes().to_vec())], Some(&manifest), |_| {});
        assert_eq!(run.corpus.articles[0].date, corpus.articles[0].date);
        // A date that is not one is refused, naming the problem.
        let bad = Correction { date: Some("March".into()), ..fix };
        assert!(!correct(&bytes, &[bad]).unwrap().1.is_empty());
    }

    #[test]
    fn merging_two_actors_leaves_one_with_both_articles_and_quotes() {
        let a = "Mayor Promises New Bridge\n\nBy Jane Example\n\nMarch 3, 2024\n\nMayor Olivia Brandt said on Sunday that the city would build a new bridge over the river before the end of the decade.\n\n\"We have waited long enough,\" Olivia Brandt said at a meeting with residents in the old town hall.\n\nThe council will vote on the plan next month, after a study of the costs.\n";
        let b = "Council Delays Bridge Vote\n\nBy Jane Example\n\nApril 9, 2024\n\nThe city council put off its vote on the new bridge on Tuesday, saying the study of the costs was not finished.\n\n\"The plan is sound,\" O. Brandt told reporters after the session, adding that she expected a vote in May.\n\nResidents of the old town have asked for the bridge for years.\n";
        let run = process::process(&[Input::new("a.txt".into(), a.into()), Input::new("b.txt".into(), b.into())], None, |_| {});
        let corpus = run.corpus;
        let id = |name: &str| corpus.actors.iter().find(|x| x.name == name).map(|x| x.id);
        let (Some(full), Some(short)) = (id("Olivia Brandt"), id("O. Brandt")) else {
            panic!("expected two Brandt actors: {:?}", corpus.actors);
        };
        let merged = bundle::decode(&merge_actors(&bundle::encode(&corpus), short, full).unwrap()).unwrap();
        assert!(merged.actors.iter().all(|x| x.name != "O. Brandt"));
        let brandt = merged.actors.iter().find(|x| x.name == "Olivia Brandt").unwrap().id;
        assert!(merged.articles.iter().all(|art| art.actors.iter().any(|x| x.id == brandt)));
        assert_eq!(merged.articles.iter().flat_map(|art| &art.quotes).filter(|q| q.speaker == Some(brandt)).count(), 2);
        assert!(merge_actors(&bundle::encode(&corpus), full, full).is_err());
    }

    #[test]
    fn actors_are_renamed_retyped_and_dropped_everywhere() {
        let a = "Mayor Promises New Bridge\n\nBy Jane Example\n\nMarch 3, 2024\n\nMayor Olivia Brandt said on Sunday that the city would build a new bridge over the river before the end of the decade.\n\n\"We have waited long enough,\" Olivia Brandt said at a meeting with residents in the old town hall.\n\nThe council will vote on the plan next month, after a study of the costs.\n";
        let run = process::process(&[Input::new("a.txt".into(), a.into())], None, |_| {});
        let bytes = bundle::encode(&run.corpus);
        let id = run.corpus.actors.iter().find(|x| x.name == "Olivia Brandt").expect("found").id;
        let renamed = bundle::decode(&curate(&bytes, &Curation::Rename { id, name: "Olivia M. Brandt".into() }).unwrap()).unwrap();
        let new = renamed.actors.iter().find(|x| x.name == "Olivia M. Brandt").expect("renamed");
        assert!(renamed.articles[0].quotes.iter().any(|q| q.speaker == Some(new.id)));
        let retyped =
            bundle::decode(&curate(&bytes, &Curation::Retype { id, kind: dossier_corpus::model::ActorType::Organization }).unwrap())
                .unwrap();
        assert_eq!(
            retyped.actors.iter().find(|x| x.name == "Olivia Brandt").map(|x| x.kind),
            Some(dossier_corpus::model::ActorType::Organization)
        );
        let dropped = bundle::decode(&curate(&bytes, &Curation::Drop { id }).unwrap()).unwrap();
        assert!(dropped.actors.iter().all(|x| x.name != "Olivia Brandt"));
        assert!(
            dropped.articles[0].quotes.iter().all(|q| q.speaker.is_none() || dropped.actors.get(q.speaker.unwrap() as usize).is_some())
        );
        assert!(curate(&bytes, &Curation::Rename { id, name: " ".into() }).is_err());
        assert!(curate(&bytes, &Curation::Drop { id: 9999 }).is_err());
    }

    const BRIDGE_A: &str = "Mayor Promises New Bridge\n\nBy Jane Example\n\nMarch 3, 2024\n\nMayor Olivia Brandt said on Sunday that the city would build a new bridge over the river before the end of the decade.\n\n\"We have waited long enough,\" Olivia Brandt said at a meeting with residents in the old town hall.\n\nThe council will vote on the plan next month, after a study of the costs.\n";
    const BRIDGE_B: &str = "Council Delays Bridge Vote\n\nBy Jane Example\n\nApril 9, 2024\n\nThe city council put off its vote on the new bridge on Tuesday, saying the study of the costs was not finished.\n\n\"The plan is sound,\" O. Brandt told reporters after the session, adding that she expected a vote in May.\n\nResidents of the old town have asked for the bridge for years.\n";
    const BRIDGE_C: &str = "Bridge Study Finds Costs Higher\n\nBy Jane Example\n\nMay 2, 2024\n\nThe study of the new bridge over the river found on Thursday that it would cost a third more than planned.\n\n\"We will find the money,\" O. Brandt said after reading the study, which the council will debate in June.\n\nWork on the old town's flood walls will wait until the bridge is built.\n";

    fn inputs(pages: &[(&str, &str)]) -> Vec<Input> {
        pages.iter().map(|(f, t)| Input::new((*f).into(), t.as_bytes().to_vec())).collect()
    }

    fn id_of(corpus: &Corpus, name: &str) -> u32 {
        corpus.actors.iter().find(|x| x.name == name).unwrap_or_else(|| panic!("no actor {name}: {:?}", corpus.actors)).id
    }

    /// (name, type) of every actor, and (speaker name, quote text) of every quote, sorted.
    type Named = (Vec<(dossier_corpus::Str, dossier_corpus::model::ActorType)>, Vec<(Option<dossier_corpus::Str>, dossier_corpus::Str)>);

    fn actors_and_speakers(c: &Corpus) -> Named {
        let mut actors: Vec<_> = c
            .actors
            .iter()
            .filter(|a| c.articles.iter().any(|art| art.actors.iter().any(|x| x.id == a.id)))
            .map(|a| (a.name.clone(), a.kind))
            .collect();
        actors.sort();
        let mut quotes: Vec<_> = c
            .articles
            .iter()
            .flat_map(|a| &a.quotes)
            .map(|q| (q.speaker.map(|s| c.actors[s as usize].name.clone()), q.text.clone()))
            .collect();
        quotes.sort();
        (actors, quotes)
    }

    #[test]
    fn the_curation_exported_is_what_dossier_process_data_applies_and_a_re_import_applies_it_too() {
        use dossier_corpus::model::ActorType;
        let run = process::process(&inputs(&[("a.txt", BRIDGE_A), ("b.txt", BRIDGE_B)]), None, |_| {});
        let mut curation = ActorCuration::default();
        let mut bytes = bundle::encode(&run.corpus);
        let corpus = |b: &[u8]| bundle::decode(b).unwrap();
        // Merge, rename the merged actor, retype an organisation-like name, drop one.
        let c = corpus(&bytes);
        bytes = curate_recorded(&bytes, &mut curation, &Curation::Merge { from: id_of(&c, "O. Brandt"), into: id_of(&c, "Olivia Brandt") })
            .unwrap();
        let c = corpus(&bytes);
        bytes =
            curate_recorded(&bytes, &mut curation, &Curation::Rename { id: id_of(&c, "Olivia Brandt"), name: "Olivia M. Brandt".into() })
                .unwrap();
        let c = corpus(&bytes);
        bytes =
            curate_recorded(&bytes, &mut curation, &Curation::Retype { id: id_of(&c, "Olivia M. Brandt"), kind: ActorType::Organization })
                .unwrap();
        let c = corpus(&bytes);
        let jane = c.actors.iter().find(|a| a.name == "Jane Example").map(|a| a.id);
        if let Some(id) = jane {
            bytes = curate_recorded(&bytes, &mut curation, &Curation::Drop { id }).unwrap();
        }
        let curated = corpus(&bytes);
        let brandt = id_of(&curated, "Olivia M. Brandt");
        assert_eq!(curated.actors[brandt as usize].kind, ActorType::Organization);
        assert!(curated.articles.iter().all(|a| a.actors.iter().any(|x| x.id == brandt)));
        assert!(curated.actors.iter().all(|a| a.name != "O. Brandt" && a.name != "Olivia Brandt"));

        // The page's "Export curation" file in a data folder: the CLI gives the same actors.
        let text = review_curated(&bytes, &curation).unwrap().curation;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("curation.toml"), &text).unwrap();
        let data = process::data::DataDir::read(dir.path()).unwrap();
        let settings = process::Settings { manifest: None, data: data.data(), jobs: 1 };
        let cli = process::process_each(inputs(&[("a.txt", BRIDGE_A), ("b.txt", BRIDGE_B)]).into_iter().map(Ok), &settings, |_| {}).corpus;
        assert_eq!(actors_and_speakers(&cli), actors_and_speakers(&curated));
        assert_eq!(bundle::encode(&cli), bytes, "the curated page corpus is the CLI's, byte for byte");

        // A re-import into the curated explorer applies the curation to the new article too.
        let mut again = Import::with_curation(&bytes, parse_curation(&text).unwrap()).unwrap();
        assert_eq!(again.add("c.txt", BRIDGE_C.as_bytes().to_vec()).status, Status::Added);
        let merged = again.finish();
        let c_article = merged.articles.iter().find(|a| a.file == "c.txt").unwrap();
        let names: Vec<&str> = c_article.actors.iter().map(|a| merged.actors[a.id as usize].name.as_str()).collect();
        assert!(names.contains(&"Olivia M. Brandt") && !names.contains(&"O. Brandt"), "{names:?}");
        let speaker = c_article.quotes.iter().find_map(|q| q.speaker).map(|s| merged.actors[s as usize].name.as_str());
        assert_eq!(speaker, Some("Olivia M. Brandt"));
        // And matches the CLI over the three files with the same data folder.
        let all = process::process_each(
            inputs(&[("a.txt", BRIDGE_A), ("b.txt", BRIDGE_B), ("c.txt", BRIDGE_C)]).into_iter().map(Ok),
            &settings,
            |_| {},
        )
        .corpus;
        assert_eq!(actors_and_speakers(&all), actors_and_speakers(&merged));
        // Without the curation, the new article names O. Brandt.
        let mut plain = Import::new(&bytes).unwrap();
        plain.add("c.txt", BRIDGE_C.as_bytes().to_vec());
        assert!(plain.finish().actors.iter().any(|a| a.name == "O. Brandt"));
    }

    #[test]
    fn a_wrong_merge_is_split_again_and_a_form_the_pipeline_merged_splits_off() {
        let run = process::process(&inputs(&[("a.txt", BRIDGE_A), ("b.txt", BRIDGE_B)]), None, |_| {});
        let plain = actors_and_speakers(&run.corpus);
        let mut curation = ActorCuration::default();
        let c = &run.corpus;
        let merged = curate_recorded(
            &bundle::encode(c),
            &mut curation,
            &Curation::Merge { from: id_of(c, "O. Brandt"), into: id_of(c, "Olivia Brandt") },
        )
        .unwrap();
        let m = bundle::decode(&merged).unwrap();
        let row = review(&merged).unwrap().actors.into_iter().find(|a| a.name == "Olivia Brandt").unwrap();
        assert!(row.forms.contains(&"O. Brandt".to_owned()), "{:?}", row.forms);
        let split =
            curate_recorded(&merged, &mut curation, &Curation::Split { id: id_of(&m, "Olivia Brandt"), form: "O. Brandt".into() }).unwrap();
        let s = bundle::decode(&split).unwrap();
        // The split undoes the merge: the same actors and speakers as before it.
        assert_eq!(actors_and_speakers(&s), plain);
        assert!(curation.actors.iter().all(|a| a.aliases.is_empty()), "{curation:?}");
        // A form the pipeline itself put under one actor ("Brandt" of "Olivia Brandt") splits off too,
        // and the split is kept in the curation for the next run.
        let page = BRIDGE_A.replace("The council will vote", "Brandt said the council will vote");
        let run = process::process(&inputs(&[("a.txt", &page)]), None, |_| {});
        let id = id_of(&run.corpus, "Olivia Brandt");
        let art = &run.corpus.articles[0];
        assert!(art.actors.iter().any(|a| a.id == id && a.forms.iter().any(|f| f == "Brandt")), "{:?}", art.actors);
        let mut curation = ActorCuration::default();
        let split = bundle::decode(
            &curate_recorded(&bundle::encode(&run.corpus), &mut curation, &Curation::Split { id, form: "Brandt".into() }).unwrap(),
        )
        .unwrap();
        let names: Vec<(&str, u32)> =
            split.articles[0].actors.iter().map(|a| (split.actors[a.id as usize].name.as_str(), a.mentions)).collect();
        assert!(names.contains(&("Brandt", 1)) && names.contains(&("Olivia Brandt", 2)), "{names:?}");
        assert_eq!(curation.splits.len(), 1);
        assert!(
            curate_recorded(&bundle::encode(&run.corpus), &mut curation, &Curation::Split { id, form: "Olivia Brandt".into() }).is_err()
        );
    }

    #[test]
    fn a_corrected_date_resolves_roles_by_the_new_date() {
        let page = "Summit Plans Announced\n\nBy Jane Example\n\nJuly 19, 2020\n\nOfficials in Brussels said on Sunday that the US President would attend the summit in the autumn, along with leaders from across Europe.\n\nThe meeting is expected to focus on trade and on the security of the region, the officials said in a statement.\n\nA date for the summit has not yet been set, and the venue is still being discussed by the organisers.\n";
        let run = process::process(&inputs(&[("summit.txt", page)]), None, |_| {});
        let names = |c: &Corpus| c.articles[0].actors.iter().map(|a| c.actors[a.id as usize].name.clone()).collect::<Vec<_>>();
        assert!(names(&run.corpus).iter().any(|n| n == "Donald Trump"), "{:?}", names(&run.corpus));
        let fix = Correction { file: "summit.txt".into(), date: Some("2022-03-10".into()), ..Correction::default() };
        let (fixed, warnings) = correct(&bundle::encode(&run.corpus), std::slice::from_ref(&fix)).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let fixed = bundle::decode(&fixed).unwrap();
        assert!(
            names(&fixed).iter().any(|n| n == "Joe Biden") && !names(&fixed).iter().any(|n| n == "Donald Trump"),
            "{:?}",
            names(&fixed)
        );
        // The same as a run with the date in the manifest.
        let manifest = process::Manifest::parse(&manifest_text(&[fix])).unwrap();
        let cli = process::process(&inputs(&[("summit.txt", page)]), Some(&manifest), |_| {});
        assert_eq!(bundle::encode(&fixed), bundle::encode(&cli.corpus));
        // A correction of another field leaves the actors as they are.
        let title = Correction { file: "summit.txt".into(), title: Some("Summit".into()), ..Correction::default() };
        let (retitled, _) = correct(&bundle::encode(&fixed), &[title]).unwrap();
        assert_eq!(bundle::decode(&retitled).unwrap().actors, fixed.actors);
    }
}
