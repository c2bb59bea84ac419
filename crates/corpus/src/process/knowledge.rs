//! Editable knowledge the pipeline reads: stop words, boilerplate phrases and
//! outlet signatures. Defaults are compiled in from `crates/corpus/data/`;
//! [`Knowledge::from_dir`] reads a user's edited copies instead.

use std::collections::HashSet;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

const STOPWORDS: &str = include_str!("../../data/stopwords-en.txt");
const BOILERPLATE: &str = include_str!("../../data/boilerplate.toml");
const OUTLETS: &str = include_str!("../../data/outlets.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutletKind {
    Site,
    Agency,
    Distributor,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Outlet {
    pub name: String,
    pub kind: OutletKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OutletsFile {
    outlet: Vec<Outlet>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateFile {
    #[serde(default)]
    box_markers: Vec<String>,
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    tails: Vec<String>,
    #[serde(default)]
    syndication: Vec<String>,
}

/// Everything the pipeline knows that is data rather than code.
pub struct Knowledge {
    pub stopwords: HashSet<String>,
    pub box_markers: Vec<String>,
    pub furniture: Vec<String>,
    pub tails: AhoCorasick,
    pub syndication: AhoCorasick,
    pub outlets: Vec<Outlet>,
    /// Every outlet name, alias and domain; pattern i → `outlet_of[i]`.
    pub outlet_names: AhoCorasick,
    pub outlet_of: Vec<usize>,
}

fn phrases(list: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::LeftmostLongest).build(list).expect("phrase automaton")
}

impl Knowledge {
    /// The compiled-in defaults.
    pub fn builtin() -> &'static Knowledge {
        static K: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
        K.get_or_init(|| Knowledge::parse(STOPWORDS, BOILERPLATE, OUTLETS).expect("the built-in data files are valid"))
    }

    /// Read `stopwords-en.txt`, `boilerplate.toml` and `outlets.toml` from `dir`;
    /// a file that is absent falls back to the built-in one.
    pub fn from_dir(dir: &Path) -> Result<Knowledge, String> {
        let read = |name: &str, default: &'static str| -> Result<String, String> {
            let path = dir.join(name);
            if path.exists() {
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
            } else {
                Ok(default.to_owned())
            }
        };
        Knowledge::parse(&read("stopwords-en.txt", STOPWORDS)?, &read("boilerplate.toml", BOILERPLATE)?, &read("outlets.toml", OUTLETS)?)
    }

    pub fn parse(stopwords: &str, boilerplate: &str, outlets: &str) -> Result<Knowledge, String> {
        let stopwords = stopwords.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect();
        let b: BoilerplateFile = toml::from_str(boilerplate).map_err(|e| format!("boilerplate.toml: {}", e.message()))?;
        let o: OutletsFile = toml::from_str(outlets).map_err(|e| format!("outlets.toml: {}", e.message()))?;
        let mut names = Vec::new();
        let mut outlet_of = Vec::new();
        for (i, outlet) in o.outlet.iter().enumerate() {
            for n in std::iter::once(&outlet.name).chain(&outlet.aliases).chain(&outlet.domains) {
                names.push(n.clone());
                outlet_of.push(i);
            }
        }
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
        Ok(Knowledge {
            stopwords,
            box_markers: lower(b.box_markers),
            furniture: lower(b.lines),
            tails: phrases(&b.tails),
            syndication: phrases(&b.syndication),
            outlets: o.outlet,
            outlet_names: phrases(&names),
            outlet_of,
        })
    }

    pub fn is_stopword(&self, lower_word: &str) -> bool {
        self.stopwords.contains(lower_word)
    }

    /// Outlets named in `text` as whole words: (outlet index, byte range).
    pub fn outlets_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'a {
        self.outlet_names
            .find_iter(text)
            .filter(move |m| whole_word(text, m.start(), m.end()))
            .map(move |m| (self.outlet_of[m.pattern().as_usize()], m.range()))
    }
}

/// Is `text[start..end]` bounded by non-word characters?
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}
