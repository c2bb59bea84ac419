//! Editable knowledge the pipeline reads: stop words, boilerplate phrases and
//! outlet signatures. Defaults are compiled in from `crates/corpus/data/`;
//! [`Knowledge::from_dir`] reads a user's edited copies instead.

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

pub(crate) const STOPWORDS: &str = include_str!("../../data/stopwords-en.txt");
pub(crate) const BOILERPLATE: &str = include_str!("../../data/boilerplate.toml");
pub(crate) const OUTLETS: &str = include_str!("../../data/outlets.toml");
pub(crate) const BYLINES: &str = include_str!("../../data/bylines.toml");
pub(crate) const OWNERS: &str = include_str!("../../data/media-owners.toml");
pub(crate) const DATEWORDS: &str = include_str!("../../data/datewords.toml");

/// Byline and self-naming words (`data/bylines.toml`), all lower case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bylines {
    pub labels: Vec<String>,
    pub roles: Vec<String>,
    pub generic: Vec<String>,
    pub particles: Vec<String>,
    pub name_after: Vec<String>,
    pub name_before: Vec<String>,
    pub legal_suffixes: Vec<String>,
    pub lead_words: Vec<String>,
    /// One automaton over `"{p} "` of each `name_after` phrase (patterns `0..name_after.len()`)
    /// and `" {p}"` of each `name_before` one (the rest), in their order: one pass per line
    /// finds every self-naming phrase (see [`Bylines::self_naming`]).
    #[serde(skip)]
    self_naming_phrases: Option<AhoCorasick>,
}

impl Bylines {
    pub fn parse(text: &str) -> Result<Bylines, String> {
        let mut b: Bylines = toml::from_str(text).map_err(|e| format!("bylines.toml: {}", e.message()))?;
        for v in [
            &mut b.labels,
            &mut b.roles,
            &mut b.generic,
            &mut b.particles,
            &mut b.name_after,
            &mut b.name_before,
            &mut b.legal_suffixes,
            &mut b.lead_words,
        ] {
            v.iter_mut().for_each(|s| *s = s.to_lowercase());
            // Longest first, so "written by" is tried before "by".
            v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
        let patterns: Vec<String> =
            b.name_after.iter().map(|p| format!("{p} ")).chain(b.name_before.iter().map(|p| format!(" {p}"))).collect();
        b.self_naming_phrases = Some(
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .map_err(|e| format!("bylines.toml: self-naming phrases: {e}"))?,
        );
        Ok(b)
    }

    /// Where each self-naming phrase first occurs in a lower-case line: `hits[j]` for
    /// `name_after[j]` (the start of `"{p} "`) and `hits[name_after.len() + j]` for
    /// `name_before[j]` (the start of `" {p}"`), `usize::MAX` where it does not. False
    /// when none occurs.
    pub fn self_naming(&self, lower: &str, hits: &mut Vec<usize>) -> bool {
        hits.clear();
        hits.resize(self.name_after.len() + self.name_before.len(), usize::MAX);
        let Some(ac) = &self.self_naming_phrases else { return false };
        // Most lines hold none: the prefiltered yes/no search is cheaper than the overlapping one.
        if !ac.is_match(lower) {
            return false;
        }
        let mut any = false;
        for m in ac.find_overlapping_iter(lower) {
            let slot = &mut hits[m.pattern().as_usize()];
            if m.start() < *slot {
                *slot = m.start();
                any = true;
            }
        }
        any
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnersFile {
    owners: Vec<String>,
}

/// Media owners (`data/media-owners.toml`), lower case.
pub fn parse_owners(text: &str) -> Result<Vec<String>, String> {
    let o: OwnersFile = toml::from_str(text).map_err(|e| format!("media-owners.toml: {}", e.message()))?;
    Ok(o.owners.iter().map(|s| s.to_lowercase()).collect())
}

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
    #[serde(default)]
    calls: Vec<String>,
    #[serde(default)]
    comments: Vec<String>,
}

/// Line-opening phrases, bucketed by their first word.
#[derive(Default)]
pub struct LinePhrases {
    by_first_word: FxHashMap<String, Vec<(String, usize)>>,
}

impl LinePhrases {
    fn new(list: &[String]) -> LinePhrases {
        let mut by_first_word: FxHashMap<String, Vec<(String, usize)>> = FxHashMap::default();
        for p in list {
            let p = lowercase(p);
            let first = crate::process::extract::words(&p).next().unwrap_or("").to_owned();
            let n = p.split_whitespace().count();
            by_first_word.entry(first).or_default().push((p, n));
        }
        LinePhrases { by_first_word }
    }

    /// Does the lower-cased line (of `n` words, first word `first`) start with a phrase
    /// and run at most `extra` words past it?
    pub fn starts(&self, lower: &str, first: &str, n: usize, extra: usize) -> bool {
        self.by_first_word.get(first).is_some_and(|ps| {
            ps.iter().any(|(p, words)| {
                n <= words + extra
                    && lower
                        .strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
            })
        })
    }

    pub fn max_words(&self) -> usize {
        self.by_first_word.values().flatten().map(|(_, n)| *n).max().unwrap_or(0)
    }
}

/// Everything the pipeline knows that is data rather than code.
pub struct Knowledge {
    /// Stop words packed into integers (see [`pack`]).
    stopwords: FxHashSet<u128>,
    /// Longest box marker or furniture phrase, in words (a cheap gate for short lines).
    pub max_phrase_words: usize,
    pub box_markers: LinePhrases,
    /// Lines that open the readers' comments.
    pub comments: LinePhrases,
    pub furniture: LinePhrases,
    pub tails: AhoCorasick,
    pub syndication: AhoCorasick,
    /// Calls to the reader (subscribe, follow, sign up): a short block holding one is furniture.
    pub calls: AhoCorasick,
    pub outlets: Vec<Outlet>,
    /// Every outlet name, alias and domain; pattern i → `outlet_of[i]`.
    pub outlet_names: AhoCorasick,
    pub outlet_of: Vec<usize>,
    /// The comparison key (`meta::outlet_key`) of every outlet name and alias, in the
    /// file's order, with its outlet's index.
    pub outlet_keys: Vec<(String, usize)>,
    /// Byline and self-naming words.
    pub bylines: Bylines,
    /// Companies that own publications (lower case).
    pub owners: Vec<String>,
    /// Month, weekday and time words.
    pub dates: crate::process::dates::DateWords,
}

/// Phrases matched against [`lowercase`] text: the automaton is case-sensitive, which
/// keeps its fast prefilters.
fn phrases(list: &[String]) -> AhoCorasick {
    let lower: Vec<String> = list.iter().map(|p| lowercase(p)).collect();
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(lower)
        .expect("phrase automaton")
}

/// Lower case that keeps every byte offset: a character whose lower case has another
/// UTF-8 length is left as it is. So a match found in the lower-cased text is a match at
/// the same offsets in the original.
pub fn lowercase(text: &str) -> String {
    let mut out = text.to_owned();
    out.make_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut buf = [0u8; 4];
    let mut i = 0;
    // Jump from one non-ASCII character to the next.
    while let Some(off) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        i += off;
        let c = text[i..].chars().next().expect("a char boundary");
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next())
            && l != c
            && l.len_utf8() == c.len_utf8()
        {
            out.replace_range(i..i + c.len_utf8(), l.encode_utf8(&mut buf));
        }
        i += c.len_utf8();
    }
    out
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
        let mut k = Knowledge::parse(
            &read("stopwords-en.txt", STOPWORDS)?,
            &read("boilerplate.toml", BOILERPLATE)?,
            &read("outlets.toml", OUTLETS)?,
        )?;
        k.bylines = Bylines::parse(&read("bylines.toml", BYLINES)?)?;
        k.owners = parse_owners(&read("media-owners.toml", OWNERS)?)?;
        k.dates = crate::process::dates::DateWords::parse(&read("datewords.toml", DATEWORDS)?)?;
        Ok(k)
    }

    pub fn parse(stopwords: &str, boilerplate: &str, outlets: &str) -> Result<Knowledge, String> {
        let stopwords = stopwords.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(lowercase).collect();
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
        let box_markers = LinePhrases::new(&b.box_markers);
        let furniture = LinePhrases::new(&b.lines);
        let max_phrase_words = box_markers.max_words().max(furniture.max_words());
        let stopwords: Vec<String> = stopwords;
        Ok(Knowledge {
            stopwords: stopwords.iter().filter_map(|w| pack(w)).collect(),
            max_phrase_words,
            box_markers,
            comments: LinePhrases::new(&b.comments),
            furniture,
            tails: phrases(&b.tails),
            syndication: phrases(&b.syndication),
            calls: phrases(&b.calls),
            outlet_keys: o
                .outlet
                .iter()
                .enumerate()
                .flat_map(|(i, o)| std::iter::once(&o.name).chain(&o.aliases).map(move |n| (crate::process::meta::outlet_key(n), i)))
                .collect(),
            outlets: o.outlet,
            outlet_names: phrases(&names),
            outlet_of,
            bylines: Bylines::parse(BYLINES)?,
            owners: parse_owners(OWNERS)?,
            dates: crate::process::dates::DateWords::parse(DATEWORDS)?,
        })
    }

    pub fn is_stopword(&self, lower_word: &str) -> bool {
        pack(lower_word).is_some_and(|w| self.stopwords.contains(&w))
    }

    /// Outlets named in `text` as whole words, given its [`lowercase`] form: (outlet index, byte range).
    pub fn outlets_in<'a>(&'a self, text: &'a str, lower: &'a str) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'a {
        self.outlet_names
            .find_iter(lower)
            .filter(move |m| whole_word(text, m.start(), m.end()))
            .map(move |m| (self.outlet_of[m.pattern().as_usize()], m.range()))
    }

    /// The kind of the known outlet that `name` is as a whole ("Reuters", "The Associated
    /// Press"), if it is one.
    pub fn outlet_kind(&self, name: &str) -> Option<OutletKind> {
        self.outlets_in(name, &lowercase(name)).find(|(_, r)| r.len() == name.len()).map(|(i, _)| self.outlets[i].kind)
    }
}

/// A word of up to 16 bytes as one integer, for fast set look-ups.
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    (b.len() <= 16).then(|| {
        let mut buf = [0u8; 16];
        buf[..b.len()].copy_from_slice(b);
        u128::from_le_bytes(buf)
    })
}

/// Is `text[start..end]` bounded by non-word characters?
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_keeps_offsets() {
        for text in ["Putin’s “Best Friend”", "İstanbul ẞTRASSE Ωmega", "ASCII only"] {
            assert_eq!(lowercase(text).len(), text.len());
        }
        assert_eq!(lowercase("Putin’s ΩMEGA"), "putin’s ωmega");
    }

    #[test]
    fn outlets_match_whole_words_in_any_case() {
        let k = Knowledge::builtin();
        let text = "Copyright 2024 FIRSTPOST. Shared by afp.com readers; not RTX.";
        let found: Vec<&str> = k.outlets_in(text, &lowercase(text)).map(|(i, _)| k.outlets[i].name.as_str()).collect();
        assert_eq!(found, vec!["Firstpost", "AFP"]);
    }
}
