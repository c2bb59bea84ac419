//! The data model: what a processed corpus is. Everything downstream (the CLI's
//! JSON, the explorer's bundle, the index) speaks these types.

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::strs::Str;

/// Version of the JSON/bundle schema. Bump it when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// A processed corpus: the articles plus the corpus-level actor table that
/// article actors point into (so actor ids are stable across articles).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub schema_version: u32,
    #[serde(deserialize_with = "articles_in_one_go")]
    pub articles: Vec<Article>,
    /// Corpus-level actors; `ArticleActor::id` indexes this table.
    pub actors: Vec<Actor>,
}

/// The most articles room is made for from the length a serialised corpus declares (a bundle
/// does); past it, or with no length declared (JSON), the list grows as it is read.
const ARTICLES_RESERVED_AT_MOST: usize = 1 << 18;

/// The articles of a serialised corpus, in a list of their number. Serde's own reading trusts a
/// declared length only up to 1 MB and then doubles: at 100k articles that list held room for
/// 175k (14 MB unused in wasm32), and the lists it outgrew (34 MB) were left as holes in the
/// page's memory, which keeps its highest mark. A declared length is trusted up to
/// [`ARTICLES_RESERVED_AT_MOST`], so a corrupt one costs little before reading fails.
fn articles_in_one_go<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Article>, D::Error> {
    struct Articles;
    impl<'de> Visitor<'de> for Articles {
        type Value = Vec<Article>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of articles")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Article>, A::Error> {
            let mut articles = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(ARTICLES_RESERVED_AT_MOST));
            while let Some(a) = seq.next_element()? {
                articles.push(a);
            }
            articles.shrink_to_fit();
            Ok(articles)
        }
    }
    deserializer.deserialize_seq(Articles)
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Read from the article's own text.
    Text,
    /// Given by the collector's manifest (overrides the text).
    Manifest,
    /// Derived by the pipeline from indirect evidence (e.g. a site signature).
    Inferred,
    /// Recorded by the web archive the page came from (its URL, its capture date).
    Archive,
    /// Stated in the page's markup (JSON-LD, meta tags, `<time>`) and not printed in its text.
    Markup,
}

/// A named value (outlet, origin) with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributed {
    pub name: Str,
    pub source: Source,
    /// The span of the input that shows it (empty when it came from the manifest).
    pub evidence: Str,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

/// A date at the precision that is known, e.g. `2021-12` (month) or
/// `2023-03-22T17:16` (minute). Never padded with a made-up day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// ISO 8601 at `precision`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub value: Str,
    pub precision: Precision,
    pub source: Source,
    pub evidence: Str,
}

/// Provenance of a plain field (title, authors, body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSource {
    pub field: Str,
    pub source: Source,
    pub evidence: Str,
}

/// The kinds of actor the pipeline tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    Country,
    Organization,
    Place,
}

impl ActorType {
    pub const ALL: [ActorType; 4] = [Self::Person, Self::Country, Self::Organization, Self::Place];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Country => "country",
            Self::Organization => "organization",
            Self::Place => "place",
        }
    }
}

/// A corpus-level actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: u32,
    pub name: Str,
    #[serde(rename = "type")]
    pub kind: ActorType,
    /// A role known for this actor (from the knowledge file or the text).
    pub role: Option<Str>,
}

/// A span of body text: paragraph index and byte offsets within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub paragraph: u32,
    pub start: u32,
    pub end: u32,
}

/// An actor as it appears in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleActor {
    /// Index into `Corpus::actors`.
    pub id: u32,
    /// As the article names the actor most fully.
    pub name: Str,
    /// For an actor the data files know, its name there, which the corpus-wide actor takes:
    /// an article that writes "Sergei Lavrov" and one that writes "Lavrov" are the same actor.
    #[serde(default)]
    pub canonical: Option<Str>,
    #[serde(rename = "type")]
    pub kind: ActorType,
    pub role: Option<Str>,
    /// Surface forms seen in this article's body.
    pub forms: Vec<Str>,
    /// Forms that stand for a state (a capital, a seat of government).
    pub metonyms: Vec<Str>,
    pub mentions: u32,
    pub spans: Vec<Span>,
}

impl ArticleActor {
    /// An actor mentioned once, with nothing else known (forms, spans, role): the rest empty.
    pub fn new(id: u32, name: impl Into<Str>, kind: ActorType) -> Self {
        ArticleActor {
            id,
            name: name.into(),
            canonical: None,
            kind,
            role: None,
            forms: Vec::new(),
            metonyms: Vec::new(),
            mentions: 1,
            spans: Vec::new(),
        }
    }

    /// The name of the corpus-wide actor this is (`Corpus::actors[id]`): the one filters,
    /// actor pages and exports use.
    pub fn corpus_name(&self) -> &str {
        self.canonical.as_deref().unwrap_or(&self.name)
    }
}

/// A quotation attributed (or not) to a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: Str,
    /// Corpus actor id of the speaker, when known.
    pub speaker: Option<u32>,
    pub speaker_name: Option<Str>,
    /// The attribution cue ("said", "told AFP", "according to").
    pub cue: Option<Str>,
    pub span: Span,
}

/// Another article that carries the same story (syndication).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryLink {
    pub article: u32,
    pub file: String,
    /// Shingle similarity in 0..=1.
    pub similarity: f32,
}

/// One processed article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Position in `Corpus::articles`.
    pub id: u32,
    pub file: String,
    pub title: Str,
    pub title_variants: Vec<String>,
    pub outlet: Option<Attributed>,
    pub origin: Option<Attributed>,
    pub date: Option<DateInfo>,
    pub authors: Vec<Str>,
    pub body: Vec<String>,
    pub captions: Vec<String>,
    pub actors: Vec<ArticleActor>,
    pub quotes: Vec<Quote>,
    pub same_story: Vec<StoryLink>,
    /// Provenance of the plain fields (title, authors; url and capture date for archived pages).
    pub provenance: Vec<FieldSource>,
    /// The page's address, where the input says it (a web archive's record).
    #[serde(default)]
    pub url: Option<String>,
}

impl Article {
    /// An article with only a file name and title; the rest empty.
    pub fn new(id: u32, file: impl Into<String>, title: impl Into<Str>) -> Self {
        Article {
            id,
            file: file.into(),
            title: title.into(),
            title_variants: Vec::new(),
            outlet: None,
            origin: None,
            date: None,
            authors: Vec::new(),
            body: Vec::new(),
            captions: Vec::new(),
            actors: Vec::new(),
            quotes: Vec::new(),
            same_story: Vec::new(),
            provenance: Vec::new(),
            url: None,
        }
    }

    pub fn outlet_name(&self) -> Option<&str> {
        self.outlet.as_ref().map(|o| o.name.as_str())
    }

    pub fn origin_name(&self) -> Option<&str> {
        self.origin.as_ref().map(|o| o.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_corpus_holds_room_for_its_articles_only() {
        // More articles than serde's own reading makes room for at first (1 MB of them).
        let n = (2 << 20) / std::mem::size_of::<Article>() + 3;
        let corpus = Corpus { articles: (0..n as u32).map(|i| Article::new(i, "", "")).collect(), ..Default::default() };
        let back: Corpus = postcard::from_bytes(&postcard::to_allocvec(&corpus).unwrap()).unwrap();
        assert_eq!(back, corpus);
        assert_eq!(back.articles.capacity(), n);
    }
}
