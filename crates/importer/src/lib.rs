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
}

/// What identifies an article's text: its paragraphs (or, with none, its title).
fn text_key(a: &Article) -> String {
    if a.body.is_empty() { format!("\u{0}{}", a.title) } else { a.body.join("\n") }
}

impl Import {
    /// Start from the explorer's corpus (bundle bytes; none: empty).
    pub fn new(bundle_bytes: &[u8]) -> Result<Import, String> {
        let corpus = if bundle_bytes.is_empty() { Corpus::default() } else { bundle::decode(bundle_bytes).map_err(|e| e.to_string())? };
        let bodies = corpus.articles.iter().map(|a| (text_key(a), (a.title.clone(), a.file.clone()))).collect();
        Ok(Import { existing: corpus.articles, added: Vec::new(), bodies })
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
        match process::process_guarded(&input, None, Data::builtin()) {
            Err(message) => result(Status::LeftOut, Some(message), None),
            Ok(article) => {
                let key = text_key(&article);
                if let Some((title, other)) = self.bodies.get(&key) {
                    return result(Status::Duplicate, Some(format!("same text as \u{201c}{title}\u{201d} ({other})")), Some(article.title));
                }
                self.bodies.insert(key, (article.title.clone(), article.file.clone()));
                let title = article.title.clone();
                self.added.push(article);
                result(Status::Added, None, Some(title))
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
    };
    dossier_page::page(TEMPLATE, &parts, &dossier_page::data_island(bundle_bytes))
}

/// The corpus as `dossier process --out corpus.json` writes it.
pub fn corpus_json(bundle_bytes: &[u8]) -> Result<String, String> {
    let corpus = bundle::decode(bundle_bytes).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&corpus).map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    /// An import in progress (see [`crate::Import`]).
    #[wasm_bindgen]
    pub struct Importer(crate::Import);

    #[wasm_bindgen]
    impl Importer {
        #[wasm_bindgen(constructor)]
        pub fn new(bundle: &[u8]) -> Result<Importer, JsError> {
            crate::Import::new(bundle).map(Importer).map_err(|e| JsError::new(&e))
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
        };
        let built = dossier_page::page(TEMPLATE, &parts, &dossier_page::data_island(&bytes)).unwrap();
        let back = dossier_page::Parts::from_page(&built).unwrap();
        let handed =
            PageParts { css: back.css, glue: back.glue, wasm: back.wasm, importer: back.importer, allow_origins: back.allow_origins };
        assert_eq!(save_page(&bytes, handed).unwrap(), built);
        assert!(Import::new(b"not a bundle").is_err());
    }
}
