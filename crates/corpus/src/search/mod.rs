//! The filter and search engine the explorer calls: built once per corpus, then each query
//! is answered from per-value posting lists and bitsets, with every facet's counts computed
//! in the same pass and no article cloned.
//!
//! - Facets: outlet, origin (one value per article) and actors (many); each value can be
//!   included or excluded; included values are OR-ed within a facet (actors: OR or AND),
//!   facets are AND-ed. Counts are disjunctive: a facet's counts apply every filter but its
//!   own, so they show what choosing another value would give.
//! - Dates keep their precision: an article dated "2021-12" covers all of December 2021 and
//!   matches any range that overlaps it. Undated articles have their own bucket and match
//!   only when no date range is set, or when asked for.
//! - Text: BM25 over title and body; "quoted phrases" must occur as written; the last word
//!   also matches as a prefix (search as you type).

mod bits;
mod dates;
mod facet;
mod postings;
mod query;
mod sample;
mod text;

use rustc_hash::FxHashMap as HashMap;

use crate::bundle::tokens::Token;
use crate::model::Corpus;
pub use bits::{Bits, Lists};
use dates::DateIndex;
pub use dates::{bound, date_range};
use facet::SingleFacet;
pub use query::{Active, Combine, Facet, FacetCount, Mark, Query, Results, Selection, Sort};
pub use sample::{Timings, outlet_counts, sample_queries, time_sample_queries, time_views};
use text::TextIndex;
#[cfg(test)]
pub(crate) use text::words_of;
pub use text::{TextBuilder, lowercase_same_len, parse_text, typing_last_word};

/// The engine over one corpus: a facet per single-valued field, actor postings, the date
/// index and the text index, each answering its part of a query as a [`Bits`].
///
/// The text index is most of the build (nine tenths at 10k articles); the explorer makes the
/// rest at load ([`Index::without_text`]), takes the text index's postings from a bundle that
/// carries them ([`Index::open_text`]), and builds the rest of it (all of it, or the
/// positions) once the page has drawn, or at the first query that needs it ([`TextFeed`]).
pub struct Index {
    n: usize,
    outlets: SingleFacet,
    origins: SingleFacet,
    /// Corpus actor id → articles that mention it.
    actor_postings: Lists,
    actor_names: HashMap<crate::Str, u32>,
    /// Article → corpus actor ids.
    actors_of: Lists,
    dates: DateIndex,
    text: std::sync::OnceLock<TextIndex>,
    /// The last text asked and its matches: a facet or date changed under the same text does
    /// not match it again (a phrase at 100k articles is about 11 ms of the page's wasm).
    last_text: std::sync::Mutex<Option<(String, TextMatches)>>,
}

/// The articles a query's text allows, with their BM25 scores (None: no text given).
type TextMatches = Option<(Bits, Vec<f32>)>;

impl Index {
    /// The whole index.
    pub fn new(corpus: &Corpus) -> Index {
        let index = Index::without_text(corpus);
        index.build_text(corpus);
        index
    }

    /// Build the text index, unless it is built (`corpus` must be the one the index was made for).
    pub fn build_text(&self, corpus: &Corpus) {
        self.text.get_or_init(|| TextIndex::new(&corpus.articles));
    }

    /// Make `built` the text index, or its positions if the index came with a bundle's
    /// postings ([`Index::open_text`]), unless they are there (it must hold every article of
    /// the corpus the index was made for, in order: see [`TextFeed`]).
    pub fn finish_text(&self, built: TextBuilder) {
        debug_assert_eq!(built.len(), self.n);
        match self.text.get() {
            Some(text) if built.fixed => text.set_positions(built.finish_positions()),
            Some(_) => {}
            None => {
                let _ = self.text.set(built.finish());
            }
        }
        // A phrase asked before the positions were built matched nothing.
        *self.last_text.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Whether the text index is there: built, or taken from a bundle ([`Index::open_text`],
    /// whose phrases may still wait for their positions: [`Index::can_match`]).
    pub fn has_text(&self) -> bool {
        self.text.get().is_some()
    }

    /// Whether a query with text `text` is answered in full now: the text index is there,
    /// and so are its positions if the text has a phrase ([`Index::open_text`]).
    pub fn can_match(&self, text: &str) -> bool {
        text.trim().is_empty() || self.text.get().is_some_and(|t| t.can_match(text))
    }

    /// Take the text index `bodies`' bundle carries, if it does: a query's words are then
    /// answered at once, its phrases once [`TextFeed`] has built the positions.
    pub fn open_text(&self, bodies: &mut crate::bundle::Bodies) {
        if let Some(CarriedText(text)) = bodies.take_text_index() {
            let _ = self.text.set(text);
        }
    }

    /// Everything but the text index: a query with text matches nothing until
    /// [`Index::build_text`] has run.
    pub fn without_text(corpus: &Corpus) -> Index {
        let arts = &corpus.articles;
        let n = arts.len();
        let outlets = SingleFacet::new(n, arts.iter().map(|a| a.outlet_name().map(str::to_owned)));
        let origins = SingleFacet::new(n, arts.iter().map(|a| a.origin_name().map(str::to_owned)));
        let actors_of = Lists::new(arts.iter().map(|a| a.actors.iter().map(|x| x.id)));
        let actor_postings = actors_of.transpose(corpus.actors.len());
        let actor_names = corpus.actors.iter().map(|a| (a.name.clone(), a.id)).collect();
        let dates = DateIndex::new(arts);
        Index {
            n,
            outlets,
            origins,
            actor_postings,
            actor_names,
            actors_of,
            dates,
            text: Default::default(),
            last_text: Default::default(),
        }
    }

    /// The first and last month (`YYYY-MM`) any article is dated to.
    pub fn month_span(&self) -> Option<(&str, &str)> {
        self.dates.month_span()
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Answer a query: matching ids in order, and every facet's counts.
    pub fn search(&self, q: &Query) -> Results {
        let n = self.n;
        let text = match self.text.get() {
            Some(t) => self.text_matches(t, &q.text),
            None => {
                let (phrases, words) = parse_text(&q.text);
                (!phrases.is_empty() || !words.is_empty()).then(|| (Bits::empty(n), Vec::new()))
            }
        };
        let outlet = self.outlets.filter(n, &q.outlets);
        let origin = self.origins.filter(n, &q.origins);
        let actor = self.actor_filter(q);
        let date = self.dates.filter(q);
        let parts = [text.as_ref().map(|t| &t.0), outlet.as_ref(), origin.as_ref(), actor.as_ref(), date.as_ref()];
        let all_but = |skip: usize| {
            let mut m = Bits::full(n);
            for (i, p) in parts.iter().enumerate() {
                if i != skip
                    && let Some(p) = p
                {
                    m.and(p);
                }
            }
            m
        };
        let matched = all_but(usize::MAX);
        let outlets = self.outlets.counts(&all_but(1));
        let origins = self.origins.counts(&all_but(2));
        let actors = self.actor_counts(&all_but(3));
        let (months, undated) = self.dates.month_counts(&all_but(4));
        let scores = text.map(|t| t.1).unwrap_or_default();
        let ids = match q.sort {
            Sort::Relevance if !scores.is_empty() => {
                // Best score first, then by id: one u64 key each (the score's total order, inverted,
                // above the id) sorts far faster than comparing through the scores.
                let mut keys: Vec<u64> = matched.iter().map(|i| (u64::from(!score_order(scores[i])) << 32) | i as u64).collect();
                keys.sort_unstable();
                keys.into_iter().map(|k| k as u32).collect()
            }
            // With nothing to rank by, the newest first.
            Sort::Relevance | Sort::Newest => self.dates.in_order(&matched, true),
            Sort::Oldest => self.dates.in_order(&matched, false),
        };
        Results { ids, outlets, origins, actors, months, undated }
    }

    /// `t`'s matches for `text`, kept for the next query with the same text.
    fn text_matches(&self, t: &TextIndex, text: &str) -> TextMatches {
        let mut last = self.last_text.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match last.as_ref() {
            Some((asked, matches)) if asked == text => matches.clone(),
            _ => {
                let matches = t.matches(text);
                *last = Some((text.to_owned(), matches.clone()));
                matches
            }
        }
    }

    /// Actors of the articles in `mask` with their article counts, most frequent first.
    fn actor_counts(&self, mask: &Bits) -> Vec<(u32, usize)> {
        let actors = self.actor_postings.len();
        let mut counts: Vec<u32>;
        if mask.mostly_full(self.n) {
            // Each actor's articles, less those outside the mask.
            counts = (0..actors).map(|a| self.actor_postings.row(a).len() as u32).collect();
            for i in mask.complement(self.n).iter() {
                for &a in self.actors_of.row(i) {
                    if let Some(c) = counts.get_mut(a as usize) {
                        *c -= 1;
                    }
                }
            }
        } else {
            counts = vec![0; actors];
            for i in mask.iter() {
                for &a in self.actors_of.row(i) {
                    if let Some(c) = counts.get_mut(a as usize) {
                        *c += 1;
                    }
                }
            }
        }
        by_count(&counts)
    }

    fn actor_filter(&self, q: &Query) -> Option<Bits> {
        let sel = &q.actors;
        if sel.is_empty() {
            return None;
        }
        let n = self.n;
        let postings = |name: &String| self.actor_names.get(name.as_str()).map(|&id| Bits::of(n, self.actor_postings.row(id as usize)));
        let mut keep = match (q.actor_mode, sel.include.is_empty()) {
            (_, true) | (Combine::And, false) => Bits::full(n),
            (Combine::Or, false) => Bits::empty(n),
        };
        for name in &sel.include {
            match (q.actor_mode, postings(name)) {
                (Combine::Or, Some(p)) => keep.or(&p),
                (Combine::And, Some(p)) => keep.and(&p),
                (Combine::And, None) => keep = Bits::empty(n),
                (Combine::Or, None) => {}
            }
        }
        for name in &sel.exclude {
            if let Some(p) = postings(name) {
                keep.and_not(&p);
            }
        }
        Some(keep)
    }
}

/// The ids with a count above 0, most frequent first, then by id: a counting sort (a count is
/// at most the number of articles). Sorting the actors' keys was a quarter of a search's time
/// in the page at 100k articles and 20k actors (0.9 of 3.4 ms in Chromium).
fn by_count(counts: &[u32]) -> Vec<(u32, usize)> {
    let max = counts.iter().copied().max().unwrap_or(0) as usize;
    // `at[max - c]`: where the ids counted `c` go, once summed.
    let mut at = vec![0usize; max + 1];
    for &c in counts.iter().filter(|&&c| c > 0) {
        at[max - c as usize] += 1;
    }
    let mut sum = 0;
    for slot in &mut at {
        (*slot, sum) = (sum, sum + *slot);
    }
    let mut out = vec![(0, 0); sum];
    for (id, &c) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let slot = &mut at[max - c as usize];
        out[*slot] = (id as u32, c as usize);
        *slot += 1;
    }
    out
}

/// The text index a bundle carries (`DSR7`: its postings and statistics), read and checked
/// with the rest of the bundle ([`crate::bundle::open`], which reports a damaged one as it
/// does any damage), until [`Index::open_text`] takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct CarriedText(TextIndex);

impl CarriedText {
    /// The index in `bytes`, for `articles` articles whose bodies' words are `words`.
    pub(crate) fn read(words: &[String], bytes: Vec<u8>, articles: usize) -> Result<CarriedText, String> {
        TextIndex::prebuilt(words, bytes, articles).map(CarriedText)
    }
}

/// The text index of a corpus being written into a bundle (`DSR7`, [`crate::bundle`]): made from
/// its articles, then written for its bodies' words. The page's wasm writes no such bundle:
/// there it is nothing.
pub(crate) struct BundledText(#[cfg(not(target_arch = "wasm32"))] TextIndex);

impl BundledText {
    pub(crate) fn new(_articles: &[crate::model::Article]) -> BundledText {
        BundledText(
            #[cfg(not(target_arch = "wasm32"))]
            TextIndex::new(_articles),
        )
    }

    /// The index's postings and statistics for bodies written in `words` (None if they do not fit).
    pub(crate) fn bytes(&self, _words: &[String]) -> Option<Vec<u8>> {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.to_bundle(_words);
        #[cfg(target_arch = "wasm32")]
        None
    }
}

/// The text index fed from a corpus whose bodies are still compressed ([`crate::bundle::open`]),
/// a block of bodies at a time, so the explorer can build it between frames; each block is
/// inflated, read and dropped, so the bodies never sit in memory together.
#[derive(Default)]
pub struct TextFeed {
    builder: TextBuilder,
    next_block: usize,
    /// The term of each word of the bodies' vocabulary, when the blocks are ids of one.
    terms: Option<Vec<u32>>,
}

impl TextFeed {
    /// How far the feed is: blocks of bodies read.
    pub fn blocks_read(&self) -> usize {
        self.next_block
    }

    /// Add blocks while `more()` says so; `Ok(Some(builder))` once every article is in
    /// (hand it to [`Index::finish_text`]). Articles whose bodies are in the corpus already
    /// (an older bundle layout, with no blocks) are read from there.
    pub fn step(
        &mut self,
        index: &Index,
        corpus: &Corpus,
        bodies: &crate::bundle::Bodies,
        mut more: impl FnMut() -> bool,
    ) -> Result<Option<TextBuilder>, crate::bundle::BundleError> {
        if bodies.blocks() == 0 {
            corpus.articles.iter().skip(self.builder.len()).for_each(|a| self.builder.add(&a.title, &a.body));
        }
        if let (Some(vocab), None) = (bodies.vocab(), &self.terms) {
            // Postings from the bundle: only their positions are left to build.
            if let Some(text) = index.text.get().filter(|_| self.builder.is_empty()) {
                self.builder = text.positions_builder();
            }
            self.terms = Some(self.builder.terms_of(&vocab.words));
        }
        while self.next_block < bodies.blocks() {
            let builder = &mut self.builder;
            if let Some(terms) = &self.terms {
                // Blocks of ids: their words are read without their text.
                let mut open = false;
                bodies.visit(self.next_block, |t| {
                    if !open {
                        builder.begin(corpus.articles.get(builder.len()).map_or("", |a| &a.title));
                        open = true;
                    }
                    match t {
                        Token::Word(w) => builder.word(terms[w as usize]),
                        Token::Paragraph => builder.paragraph(),
                        Token::Article => {
                            builder.end();
                            open = false;
                        }
                        Token::Sep(_) => {}
                    }
                })?;
            } else {
                let (first, texts) = bodies.inflate(self.next_block)?;
                for (a, body) in corpus.articles.iter().skip(first as usize).zip(&texts) {
                    builder.add(&a.title, body);
                }
            }
            self.next_block += 1;
            if !more() {
                break;
            }
        }
        Ok((self.builder.len() == corpus.articles.len()).then(|| std::mem::take(&mut self.builder)))
    }
}

/// A score as a `u32` in [`f32::total_cmp`]'s order.
fn score_order(score: f32) -> u32 {
    let bits = score.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | 1 << 31 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorType, ArticleActor, Attributed, DateInfo, Source};
    use crate::model::{Article, Precision};

    proptest::proptest! {
        /// The counting sort gives what sorting by (count, descending; id) gives, zeros left out.
        #[test]
        fn by_count_is_a_sort_by_count_then_id(counts in proptest::collection::vec(proptest::prop_oneof![0u32..4, 0u32..100_000], 0..300)) {
            let mut want: Vec<(u32, usize)> = counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(id, &c)| (id as u32, c as usize)).collect();
            want.sort_by_key(|&(id, c)| (std::cmp::Reverse(c), id));
            proptest::prop_assert_eq!(by_count(&counts), want);
        }
    }

    fn article(id: u32, outlet: &str, origin: Option<&str>, date: Option<(&str, Precision)>, actors: &[u32], body: &str) -> Article {
        let mut a = Article::new(id, format!("{id}.txt"), format!("Title {id}"));
        let attr = |n: &str| Attributed { name: n.into(), source: Source::Text, evidence: Default::default() };
        a.outlet = Some(attr(outlet));
        a.origin = origin.map(attr);
        a.date = date.map(|(v, p)| DateInfo { value: v.into(), precision: p, source: Source::Text, evidence: Default::default() });
        a.body = vec![body.into()];
        a.actors = actors.iter().map(|&id| ArticleActor::new(id, "", ActorType::Person)).collect();
        a
    }

    fn corpus() -> Corpus {
        let actor = |id, name: &str| Actor { id, name: name.into(), kind: ActorType::Person, role: None };
        Corpus {
            schema_version: 1,
            actors: vec![actor(0, "Xi Jinping"), actor(1, "Vladimir Putin"), actor(2, "Joe Biden")],
            articles: vec![
                article(0, "RT", None, Some(("2021-12", Precision::Month)), &[0, 1], "Putin and Xi will talk about energy and trade."),
                article(
                    1,
                    "AMN",
                    Some("Bloomberg"),
                    Some(("2022-02", Precision::Month)),
                    &[0, 1, 2],
                    "The summit in Beijing: a show of solidarity.",
                ),
                article(2, "RT", None, Some(("2021-12-15", Precision::Day)), &[1], "Energy exports to China rose sharply."),
                article(3, "News5s", Some("AFP"), None, &[0], "China stands firm in support of Russia."),
                article(4, "Firstpost", None, Some(("2023", Precision::Year)), &[2], "What this means for US hegemony and energy."),
            ],
        }
    }

    fn ids(r: &Results) -> Vec<u32> {
        let mut v = r.ids.clone();
        v.sort();
        v
    }

    fn count(list: &[FacetCount], v: &str) -> usize {
        list.iter().find(|f| f.value == v).map_or(0, |f| f.count)
    }

    /// A corpus of `n` articles with outlets, origins, dates and actors drawn from a fixed
    /// pseudo-random sequence.
    fn mixed_corpus(n: u32) -> Corpus {
        let mut seed = 12345u64;
        let mut next = move |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let actor = |id: u32| Actor { id, name: format!("Person {id}").into(), kind: ActorType::Person, role: None };
        let articles = (0..n)
            .map(|i| {
                let outlet = format!("Outlet {}", next(5));
                let origin = (next(3) == 0).then(|| format!("Origin {}", next(2)));
                let date = match next(4) {
                    0 => None,
                    1 => Some((format!("{}", 2018 + next(4)), Precision::Year)),
                    _ => Some((format!("{}-{:02}", 2018 + next(4), 1 + next(12)), Precision::Month)),
                };
                let actors: Vec<u32> =
                    (0..next(4)).map(|_| next(7) as u32).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
                article(i, &outlet, origin.as_deref(), date.as_ref().map(|(v, p)| (v.as_str(), *p)), &actors, "words")
            })
            .collect();
        Corpus { schema_version: 1, actors: (0..7).map(actor).collect(), articles }
    }

    #[test]
    fn counts_are_the_same_whether_most_articles_match_or_few() {
        // A facet's counts come from the matches or, when most articles match, from the
        // totals less the rest: both must give what counting every match gives.
        let corpus = mixed_corpus(300);
        let idx = Index::new(&corpus);
        let mut queries = vec![Query::default()];
        for o in 0..5 {
            let mut q = Query::default();
            q.outlets.exclude = vec![format!("Outlet {o}")];
            queries.push(q.clone());
            q.outlets.exclude.clear();
            q.outlets.include = vec![format!("Outlet {o}")];
            queries.push(q.clone());
            q.actors.include = vec![format!("Person {o}")];
            queries.push(q);
        }
        queries.push(Query { from: Some("2019".into()), to: Some("2020-06".into()), ..Query::default() });
        let mut q = Query { from: Some("2018-03".into()), include_undated: true, ..Query::default() };
        q.actors.exclude = vec!["Person 1".into()];
        queries.push(q);
        for q in &queries {
            let r = idx.search(q);
            let matched: Vec<&Article> = corpus.articles.iter().filter(|a| r.ids.contains(&a.id)).collect();
            // The counts of the facets the query leaves open are the matches' own.
            if q.outlets.is_empty() {
                for f in &r.outlets {
                    assert_eq!(f.count, matched.iter().filter(|a| a.outlet_name() == Some(&f.value)).count(), "{q:?}");
                }
                assert_eq!(r.outlets.iter().map(|f| f.count).sum::<usize>(), matched.len(), "{q:?}");
            }
            if q.actors.is_empty() {
                let mut want: Vec<(u32, usize)> = (0..7u32)
                    .map(|id| (id, matched.iter().filter(|a| a.actors.iter().any(|x| x.id == id)).count()))
                    .filter(|(_, c)| *c > 0)
                    .collect();
                want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                assert_eq!(r.actors, want, "{q:?}");
            }
            if q.from.is_none() && q.to.is_none() {
                let undated = matched.iter().filter(|a| a.date.is_none()).count();
                assert_eq!(r.undated, undated, "{q:?}");
                for m in &r.months {
                    let n = matched
                        .iter()
                        .filter(|a| a.date.as_ref().is_some_and(|d| d.precision >= Precision::Month && d.value.starts_with(&m.value)))
                        .count();
                    assert_eq!(m.count, n, "{q:?}");
                }
            }
        }
    }

    #[test]
    fn score_keys_order_as_total_cmp() {
        let mut scores = vec![0.0f32, -0.0, 1.5, 1.25, f32::INFINITY, -2.0, 7e-40, 3.0, 1.5, f32::MAX, f32::MIN_POSITIVE];
        let mut by_keys = scores.clone();
        by_keys.sort_by_key(|s| score_order(*s));
        scores.sort_by(f32::total_cmp);
        assert_eq!(by_keys.iter().map(|s| s.to_bits()).collect::<Vec<_>>(), scores.iter().map(|s| s.to_bits()).collect::<Vec<_>>());
    }

    #[test]
    fn facets_include_exclude_or_and_disjunctive_counts() {
        let idx = Index::new(&corpus());
        let mut q = Query::default();
        q.outlets.include = vec!["RT".into()];
        let r = idx.search(&q);
        assert_eq!(ids(&r), vec![0, 2]);
        // The outlet facet's own counts ignore the outlet filter: other outlets stay choosable.
        assert_eq!(count(&r.outlets, "AMN"), 1);
        assert_eq!(count(&r.outlets, "RT"), 2);
        q.outlets.include.push("AMN".into());
        assert_eq!(ids(&idx.search(&q)), vec![0, 1, 2]);
        let mut q = Query::default();
        q.outlets.exclude = vec!["RT".into()];
        assert_eq!(ids(&idx.search(&q)), vec![1, 3, 4]);
        let mut q = Query::default();
        q.actors.include = vec!["Xi Jinping".into(), "Joe Biden".into()];
        assert_eq!(ids(&idx.search(&q)), vec![0, 1, 3, 4]);
        q.actor_mode = Combine::And;
        assert_eq!(ids(&idx.search(&q)), vec![1]);
        q.actors.exclude = vec!["Joe Biden".into()];
        assert_eq!(ids(&idx.search(&q)), Vec::<u32>::new());
        let mut q = Query::default();
        q.origins.include = vec!["AFP".into()];
        let r = idx.search(&q);
        assert_eq!(ids(&r), vec![3]);
        assert_eq!(r.actors, vec![(0, 1)]);
    }

    #[test]
    fn toggling_marks_and_removing_active_filters() {
        let mut q = Query::default();
        q.selection_mut(Facet::Outlet).toggle("RT", Mark::Include);
        assert_eq!(q.outlets.state("RT"), Mark::Include);
        q.selection_mut(Facet::Outlet).toggle("RT", Mark::Exclude);
        assert_eq!((q.outlets.include.len(), q.outlets.state("RT")), (0, Mark::Exclude));
        q.selection_mut(Facet::Outlet).toggle("RT", Mark::Exclude);
        assert!(q.outlets.is_empty());
        q.selection_mut(Facet::Actor).toggle("Xi Jinping", Mark::Include);
        q.text = " gas ".into();
        q.from = Some("2021".into());
        q.include_undated = true;
        q.sort = Sort::Oldest;
        let active = q.active();
        assert_eq!(
            active,
            [Active::Text("gas".into()), Active::Value(Facet::Actor, "Xi Jinping".into(), Mark::Include), Active::From("2021".into())]
        );
        q.remove(&active[2]);
        assert!(!q.include_undated, "no range left: the undated switch goes with it");
        q.remove(&active[1]);
        assert!(q.actors.is_empty());
        assert_eq!(q.cleared(), Query { sort: Sort::Oldest, ..Query::default() });
    }

    #[test]
    fn dates_keep_precision_and_undated_are_not_dropped() {
        let idx = Index::new(&corpus());
        let q = |from: &str, to: &str, undated| Query {
            from: Some(from.into()),
            to: Some(to.into()),
            include_undated: undated,
            ..Query::default()
        };
        // A month-precision article overlaps a range inside its month.
        assert_eq!(ids(&idx.search(&q("2021-12-10", "2021-12-20", false))), vec![0, 2]);
        assert_eq!(ids(&idx.search(&q("2022", "2022", false))), vec![1]);
        assert_eq!(ids(&idx.search(&q("2023-06", "2023-07", false))), vec![4]);
        assert_eq!(ids(&idx.search(&q("2022", "2022", true))), vec![1, 3]);
        let r = idx.search(&Query::default());
        assert_eq!(r.undated, 1);
        assert_eq!(r.months.iter().map(|m| (m.value.as_str(), m.count)).collect::<Vec<_>>(), vec![("2021-12", 2), ("2022-02", 1)]);
    }

    #[test]
    fn the_text_index_can_come_later() {
        let c = corpus();
        let idx = Index::without_text(&c);
        assert!(!idx.has_text());
        let q = |t: &str| Query { text: t.into(), ..Query::default() };
        // Filters need no text index; text matches nothing until it is built.
        assert_eq!(ids(&idx.search(&Query { from: Some("2022".into()), ..Query::default() })), vec![1, 4]);
        assert_eq!(ids(&idx.search(&q("energy "))), Vec::<u32>::new());
        idx.build_text(&c);
        assert!(idx.has_text());
        assert_eq!(idx.search(&q("energy ")), Index::new(&c).search(&q("energy ")));
    }

    #[test]
    fn the_text_index_fed_from_compressed_bodies_a_block_at_a_time_is_the_same() {
        let mut c = corpus();
        // Enough text for several blocks of bodies; words in upper case and beyond ASCII, an
        // empty paragraph, and a paragraph with no words.
        let long = "more words about trade and energy talks ".repeat(2000);
        c.articles.iter_mut().for_each(|a| a.body.push(long.clone()));
        c.articles[3].body.extend(["".into(), "— …".into(), "ÉNERGIE, Zoë said: «Straße» 2022".into()]);
        c.articles[1].body.insert(0, "Énergie straße".into());
        // A word only a title has (a term of its own in the bundle's index).
        c.articles[2].title = format!("{} in Zanzibar", c.articles[2].title).as_str().into();
        let full = Index::new(&c);
        let texts = [
            "energy ",
            "\"show of solidarity\"",
            "china energy ",
            "ener",
            "talks",
            "énergie ",
            "\"zoë said\"",
            "strasse",
            "straße ",
            "2022 ",
            "\"solidarity\" talks",
            "zanzibar",
            "\"in zanzibar\"",
        ];
        let q = |text: &str| Query { text: text.into(), ..Query::default() };
        // Blocks of text (as a page writes them) and of word ids (as a build writes them),
        // these with the bundle's postings taken or left.
        for (as_tokens, prebuilt) in [(false, false), (true, false), (true, true)] {
            let (opened, mut bodies) = crate::bundle::open(&crate::bundle::encode_as(&c, as_tokens)).unwrap();
            assert_eq!(bodies.vocab().is_some(), as_tokens);
            assert!(bodies.blocks() >= 3);
            let idx = Index::without_text(&opened);
            if prebuilt {
                idx.open_text(&mut bodies);
                // Words are answered at once; a phrase of two words or more waits for positions.
                for text in texts {
                    let phrase = ["\"show of solidarity\"", "\"zoë said\"", "\"in zanzibar\""].contains(&text);
                    assert_eq!(idx.can_match(text), !phrase, "{text}");
                    if !phrase {
                        assert_eq!(idx.search(&q(text)), full.search(&q(text)), "{text}, before the positions");
                    }
                }
            } else {
                assert_eq!(bodies.take_text_index().is_some(), as_tokens, "a build's bundle carries the postings");
                assert!(!idx.can_match("energy"));
            }
            let mut feed = TextFeed::default();
            let mut steps = 0;
            let built = loop {
                steps += 1;
                if let Some(b) = feed.step(&idx, &opened, &bodies, || false).unwrap() {
                    break b;
                }
            };
            assert_eq!(steps, bodies.blocks());
            idx.finish_text(built);
            assert_eq!(ids(&idx.search(&q("\"in zanzibar\""))), vec![2]);
            for text in texts {
                assert!(idx.can_match(text));
                assert_eq!(idx.search(&q(text)), full.search(&q(text)), "{text} ({as_tokens}, {prebuilt})");
            }
            assert_eq!(ids(&idx.search(&Query { text: "énergie ".into(), ..Query::default() })), vec![1, 3]);
        }
    }

    #[test]
    fn a_text_asked_again_under_other_filters_gives_what_a_fresh_index_gives() {
        let c = corpus();
        let idx = Index::new(&c);
        let mut q = Query { text: "energy ".into(), ..Query::default() };
        let mut asked = vec![q.clone()];
        q.outlets.include = vec!["RT".into()];
        asked.push(q.clone());
        q.outlets.include.clear();
        q.from = Some("2022".into());
        asked.push(q.clone());
        q.text = "\"show of solidarity\"".into();
        asked.push(q.clone());
        q.from = None;
        asked.push(q);
        for q in &asked {
            assert_eq!(idx.search(q), Index::new(&c).search(q), "{q:?}");
        }
    }

    #[test]
    fn ranked_text_search_with_phrases_and_prefixes() {
        let idx = Index::new(&corpus());
        let q = |t: &str| Query { text: t.into(), ..Query::default() };
        assert_eq!(ids(&idx.search(&q("energy "))), vec![0, 2, 4]);
        assert_eq!(ids(&idx.search(&q("ener"))), vec![0, 2, 4], "the last word matches as a prefix while typing");
        assert_eq!(ids(&idx.search(&q("\"show of solidarity\""))), vec![1]);
        assert_eq!(ids(&idx.search(&q("\"solidarity of show\""))), Vec::<u32>::new());
        assert_eq!(ids(&idx.search(&q("china energy "))), vec![2]);
        let r = idx.search(&Query { text: "energy ".into(), sort: Sort::Newest, ..Query::default() });
        assert_eq!(r.ids, vec![4, 2, 0]);
    }
}
