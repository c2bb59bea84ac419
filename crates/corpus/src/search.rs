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

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Article, Corpus, Precision};

/// A fixed-size set of article ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn empty(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    pub fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64) {
            *b.0.last_mut().expect("n > 0") = (1u64 << (n % 64)) - 1;
        }
        b
    }
    pub fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub fn and(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= b);
    }
    pub fn or(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a |= b);
    }
    pub fn and_not(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= !b);
    }
    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros() as usize;
                    w &= w - 1;
                    wi * 64 + b
                })
            })
        })
    }
}

/// A day number that orders dates (not a calendar count: months are 31 days apart).
fn day(y: u32, m: u32, d: u32) -> u32 {
    y * 372 + (m - 1) * 31 + (d - 1)
}

/// The first and last day a date at its precision covers.
pub fn date_range(value: &str, precision: Precision) -> Option<(u32, u32)> {
    let y: u32 = value.get(0..4)?.parse().ok()?;
    let m: Option<u32> = value.get(5..7).and_then(|s| s.parse().ok());
    let d: Option<u32> = value.get(8..10).and_then(|s| s.parse().ok());
    Some(match (precision, m, d) {
        (Precision::Year, _, _) => (day(y, 1, 1), day(y, 12, 31)),
        (Precision::Month, Some(m), _) => (day(y, m, 1), day(y, m, 31)),
        (Precision::Day | Precision::Minute, Some(m), Some(d)) => (day(y, m, d), day(y, m, d)),
        _ => return None,
    })
}

/// A bound given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: its first and last day.
pub fn bound(text: &str) -> Option<(u32, u32)> {
    let precision = match text.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        10 => Precision::Day,
        _ => return None,
    };
    date_range(text, precision)
}

/// Include and exclude lists of one facet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether a value is included, excluded, or neither.
    pub fn state(&self, value: &str) -> Mark {
        if self.include.iter().any(|v| v == value) {
            Mark::Include
        } else if self.exclude.iter().any(|v| v == value) {
            Mark::Exclude
        } else {
            Mark::None
        }
    }

    /// Set a value's mark; choosing the mark it already has clears it.
    pub fn toggle(&mut self, value: &str, mark: Mark) {
        let next = if self.state(value) == mark { Mark::None } else { mark };
        self.include.retain(|v| v != value);
        self.exclude.retain(|v| v != value);
        match next {
            Mark::Include => self.include.push(value.to_owned()),
            Mark::Exclude => self.exclude.push(value.to_owned()),
            Mark::None => {}
        }
    }
}

/// A value's place in a selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    None,
    Include,
    Exclude,
}

/// The facets with values to include or exclude.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Outlet,
    Origin,
    Actor,
}

impl Facet {
    /// The key of the facet in the URL hash and in the page's `data-facet`.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Outlet => "outlet",
            Facet::Origin => "origin",
            Facet::Actor => "actor",
        }
    }
}

/// One active filter, as the "active filters" row shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Active {
    Text(String),
    Value(Facet, String, Mark),
    From(String),
    To(String),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Combine {
    #[default]
    Or,
    And,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// What the user asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub outlets: Selection,
    pub origins: Selection,
    /// Actors by canonical name.
    pub actors: Selection,
    pub actor_mode: Combine,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// With a date range, also keep undated articles.
    pub include_undated: bool,
    pub sort: Sort,
}

impl Query {
    pub fn selection(&self, f: Facet) -> &Selection {
        match f {
            Facet::Outlet => &self.outlets,
            Facet::Origin => &self.origins,
            Facet::Actor => &self.actors,
        }
    }

    pub fn selection_mut(&mut self, f: Facet) -> &mut Selection {
        match f {
            Facet::Outlet => &mut self.outlets,
            Facet::Origin => &mut self.origins,
            Facet::Actor => &mut self.actors,
        }
    }

    /// Every active filter, in the order the page lists them.
    pub fn active(&self) -> Vec<Active> {
        let mut out = Vec::new();
        if !self.text.trim().is_empty() {
            out.push(Active::Text(self.text.trim().to_owned()));
        }
        for f in [Facet::Outlet, Facet::Origin, Facet::Actor] {
            let sel = self.selection(f);
            out.extend(sel.include.iter().map(|v| Active::Value(f, v.clone(), Mark::Include)));
            out.extend(sel.exclude.iter().map(|v| Active::Value(f, v.clone(), Mark::Exclude)));
        }
        out.extend(self.from.clone().map(Active::From));
        out.extend(self.to.clone().map(Active::To));
        out
    }

    /// Remove one active filter.
    pub fn remove(&mut self, a: &Active) {
        match a {
            Active::Text(_) => self.text.clear(),
            Active::Value(f, v, _) => self.selection_mut(*f).toggle(v, Mark::None),
            Active::From(_) => self.from = None,
            Active::To(_) => self.to = None,
        }
        if self.from.is_none() && self.to.is_none() {
            self.include_undated = false;
        }
    }

    /// The same view with no filters (the sort is kept).
    pub fn cleared(&self) -> Query {
        Query { sort: self.sort, ..Query::default() }
    }
}

/// A facet value with the number of articles choosing it would give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Matching article ids, best first.
    pub ids: Vec<u32>,
    pub outlets: Vec<FacetCount>,
    pub origins: Vec<FacetCount>,
    /// (corpus actor id, count), most frequent first.
    pub actors: Vec<(u32, usize)>,
    /// Dated matches by month (`YYYY-MM`) under every filter but the date range.
    pub months: Vec<FacetCount>,
    pub undated: usize,
}

/// One facet with a single value per article.
struct SingleFacet {
    names: Vec<String>,
    of: Vec<Option<u32>>,
    postings: Vec<Bits>,
}

impl SingleFacet {
    fn new(n: usize, values: impl Iterator<Item = Option<String>>) -> SingleFacet {
        let mut names: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut of = Vec::with_capacity(n);
        let mut postings: Vec<Bits> = Vec::new();
        for (i, v) in values.enumerate() {
            let id = v.map(|v| {
                *ids.entry(v.clone()).or_insert_with(|| {
                    names.push(v);
                    postings.push(Bits::empty(n));
                    names.len() as u32 - 1
                })
            });
            if let Some(id) = id {
                postings[id as usize].set(i);
            }
            of.push(id);
        }
        SingleFacet { names, of, postings }
    }

    fn id(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Articles allowed by a selection (None: no constraint).
    fn filter(&self, n: usize, sel: &Selection) -> Option<Bits> {
        if sel.is_empty() {
            return None;
        }
        let mut keep = if sel.include.is_empty() { Bits::full(n) } else { Bits::empty(n) };
        for v in &sel.include {
            if let Some(i) = self.id(v) {
                keep.or(&self.postings[i]);
            }
        }
        for v in &sel.exclude {
            if let Some(i) = self.id(v) {
                keep.and_not(&self.postings[i]);
            }
        }
        Some(keep)
    }

    fn counts(&self, mask: &Bits) -> Vec<FacetCount> {
        let mut c = vec![0usize; self.names.len()];
        for i in mask.iter() {
            if let Some(v) = self.of[i] {
                c[v as usize] += 1;
            }
        }
        let mut out: Vec<FacetCount> = self.names.iter().zip(c).map(|(n, count)| FacetCount { value: n.clone(), count }).collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        out
    }
}

/// Lower-case `text` keeping every byte offset (a character whose lower case has another
/// length is kept as it is), so ranges found in the result apply to the original.
pub fn lowercase_same_len(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

/// Lower-case word tokens for indexing and queries.
fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The engine over one corpus.
pub struct Index {
    n: usize,
    outlets: SingleFacet,
    origins: SingleFacet,
    /// Corpus actor id → articles that mention it.
    actor_postings: Vec<Bits>,
    actor_names: HashMap<String, u32>,
    /// Article → corpus actor ids.
    actors_of: Vec<Vec<u32>>,
    dates: Vec<Option<(u32, u32)>>,
    /// Month of each article dated to the month or better, as an index into `month_keys`.
    months: Vec<Option<u32>>,
    /// Distinct months (`YYYY-MM`), sorted.
    month_keys: Vec<String>,
    /// Article ids newest first, and oldest first (undated last in both).
    newest: Vec<u32>,
    oldest: Vec<u32>,
    vocab: Vec<String>,
    term_ids: HashMap<String, u32>,
    postings: Vec<Vec<(u32, u32)>>,
    doc_len: Vec<u32>,
    avg_len: f32,
    /// Lower-cased title and body, for phrase checks.
    texts: Vec<String>,
}

impl Index {
    pub fn new(corpus: &Corpus) -> Index {
        let arts = &corpus.articles;
        let n = arts.len();
        let outlets = SingleFacet::new(n, arts.iter().map(|a| a.outlet_name().map(str::to_owned)));
        let origins = SingleFacet::new(n, arts.iter().map(|a| a.origin_name().map(str::to_owned)));
        let mut actor_postings: Vec<Bits> = vec![Bits::empty(n); corpus.actors.len()];
        let actors_of: Vec<Vec<u32>> = arts.iter().map(|a| a.actors.iter().map(|x| x.id).collect()).collect();
        for (i, ids) in actors_of.iter().enumerate() {
            for &id in ids {
                if let Some(b) = actor_postings.get_mut(id as usize) {
                    b.set(i);
                }
            }
        }
        let actor_names = corpus.actors.iter().map(|a| (a.name.clone(), a.id)).collect();
        let dates = arts.iter().map(|a| a.date.as_ref().and_then(|d| date_range(&d.value, d.precision))).collect::<Vec<_>>();
        let month_of: Vec<Option<&str>> =
            arts.iter().map(|a| a.date.as_ref().filter(|d| d.precision >= Precision::Month).and_then(|d| d.value.get(..7))).collect();
        let mut month_keys: Vec<String> = month_of.iter().flatten().map(|m| (*m).to_owned()).collect();
        month_keys.sort_unstable();
        month_keys.dedup();
        let months =
            month_of.iter().map(|m| m.map(|m| month_keys.binary_search_by(|k| k.as_str().cmp(m)).expect("listed") as u32)).collect();
        let sort_keys: Vec<u32> = dates.iter().map(|d| d.map_or(0, |d| d.0)).collect();
        // Both date orders, computed once: a query keeps the matches in one of them.
        let mut newest: Vec<u32> = (0..n as u32).collect();
        newest.sort_by(|a, b| sort_keys[*b as usize].cmp(&sort_keys[*a as usize]).then(a.cmp(b)));
        let mut oldest: Vec<u32> = (0..n as u32).collect();
        oldest.sort_by_key(|&a| (sort_keys[a as usize] == 0, sort_keys[a as usize], a));
        let mut term_ids: HashMap<String, u32> = HashMap::default();
        let mut vocab = Vec::new();
        let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut doc_len = Vec::with_capacity(n);
        let mut texts = Vec::with_capacity(n);
        // Term frequencies of the current article, by term id, and the ids it used.
        let mut tf: Vec<u32> = Vec::new();
        let mut used: Vec<u32> = Vec::new();
        for (i, a) in arts.iter().enumerate() {
            let text = Self::text_of(a);
            let mut len = 0;
            for t in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
                len += 1;
                let id = match term_ids.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        term_ids.insert(t.to_owned(), id);
                        vocab.push(t.to_owned());
                        postings.push(Vec::new());
                        tf.push(0);
                        id
                    }
                };
                if tf[id as usize] == 0 {
                    used.push(id);
                }
                tf[id as usize] += 1;
            }
            // Articles come in id order, so each posting list ends up sorted.
            for id in used.drain(..) {
                postings[id as usize].push((i as u32, std::mem::take(&mut tf[id as usize])));
            }
            doc_len.push(len);
            texts.push(text);
        }
        // Sorted vocabulary for prefix look-ups.
        let mut order: Vec<u32> = (0..vocab.len() as u32).collect();
        order.sort_by(|a, b| vocab[*a as usize].cmp(&vocab[*b as usize]));
        let vocab_sorted: Vec<String> = order.iter().map(|&i| vocab[i as usize].clone()).collect();
        let postings: Vec<Vec<(u32, u32)>> = order.iter().map(|&i| std::mem::take(&mut postings[i as usize])).collect();
        let term_ids = vocab_sorted.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        let avg_len = if n == 0 { 1.0 } else { doc_len.iter().sum::<u32>() as f32 / n as f32 };
        Index {
            n,
            outlets,
            origins,
            actor_postings,
            actor_names,
            actors_of,
            dates,
            months,
            month_keys,
            newest,
            oldest,
            vocab: vocab_sorted,
            term_ids,
            postings,
            doc_len,
            avg_len,
            texts,
        }
    }

    fn text_of(a: &Article) -> String {
        let mut t = a.title.to_lowercase();
        for p in &a.body {
            t.push('\n');
            t.push_str(&p.to_lowercase());
        }
        t
    }

    /// The first and last month (`YYYY-MM`) any article is dated to.
    pub fn month_span(&self) -> Option<(&str, &str)> {
        Some((self.month_keys.first()?.as_str(), self.month_keys.last()?.as_str()))
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Term ids a query word stands for: itself, or every word it begins (at most 64).
    fn expand(&self, word: &str, prefix: bool) -> Vec<u32> {
        if !prefix {
            return self.term_ids.get(word).copied().into_iter().collect();
        }
        let start = self.vocab.partition_point(|t| t.as_str() < word);
        (start..self.vocab.len()).take_while(|&i| self.vocab[i].starts_with(word)).take(64).map(|i| i as u32).collect()
    }

    /// Articles the text part allows, with BM25 scores.
    fn text_match(&self, text: &str) -> Option<(Bits, Vec<f32>)> {
        let (phrases, words) = parse_text(text);
        if phrases.is_empty() && words.is_empty() {
            return None;
        }
        let mut keep = Bits::full(self.n);
        let mut scores = vec![0f32; self.n];
        let typing_last = typing_last_word(text);
        let all_words: Vec<(String, bool)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), typing_last && i + 1 == words.len()))
            .chain(phrases.iter().flat_map(|p| terms(p).map(|t| (t, false)).collect::<Vec<_>>()))
            .collect();
        for (w, prefix) in &all_words {
            let ids = self.expand(w, *prefix);
            let mut any = Bits::empty(self.n);
            for id in ids {
                let post = &self.postings[id as usize];
                let idf = ((self.n as f32 - post.len() as f32 + 0.5) / (post.len() as f32 + 0.5) + 1.0).ln();
                for &(doc, tf) in post {
                    any.set(doc as usize);
                    let (k1, b) = (1.2, 0.75);
                    let norm = k1 * (1.0 - b + b * self.doc_len[doc as usize] as f32 / self.avg_len);
                    scores[doc as usize] += idf * tf as f32 * (k1 + 1.0) / (tf as f32 + norm);
                }
            }
            keep.and(&any);
        }
        for p in &phrases {
            let p = p.to_lowercase();
            let ids: Vec<usize> = keep.iter().collect();
            for i in ids {
                if !self.texts[i].contains(&p) {
                    keep.0[i / 64] &= !(1 << (i % 64));
                }
            }
        }
        Some((keep, scores))
    }

    /// Answer a query: matching ids in order, and every facet's counts.
    pub fn search(&self, q: &Query) -> Results {
        let n = self.n;
        let text = self.text_match(&q.text);
        let outlet = self.outlets.filter(n, &q.outlets);
        let origin = self.origins.filter(n, &q.origins);
        let actor = self.actor_filter(q);
        let date = self.date_filter(q);
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
        let mut actor_counts = vec![0usize; self.actor_postings.len()];
        for i in all_but(3).iter() {
            for &a in &self.actors_of[i] {
                if let Some(c) = actor_counts.get_mut(a as usize) {
                    *c += 1;
                }
            }
        }
        let mut actors: Vec<(u32, usize)> =
            actor_counts.into_iter().enumerate().filter(|(_, c)| *c > 0).map(|(i, c)| (i as u32, c)).collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut month_counts = vec![0usize; self.month_keys.len()];
        let mut undated = 0;
        for i in all_but(4).iter() {
            match (self.months[i], self.dates[i]) {
                (Some(m), _) => month_counts[m as usize] += 1,
                (None, None) => undated += 1,
                (None, Some(_)) => {} // a year only: no month to show it in
            }
        }
        let months: Vec<FacetCount> = month_counts
            .into_iter()
            .zip(&self.month_keys)
            .filter(|(c, _)| *c > 0)
            .map(|(count, m)| FacetCount { value: m.clone(), count })
            .collect();
        let scores = text.map(|t| t.1).unwrap_or_default();
        let in_order = |order: &[u32]| order.iter().copied().filter(|&i| matched.contains(i as usize)).collect::<Vec<u32>>();
        let ids = match q.sort {
            Sort::Relevance if !scores.is_empty() => {
                let mut ids: Vec<u32> = matched.iter().map(|i| i as u32).collect();
                ids.sort_by(|a, b| scores[*b as usize].total_cmp(&scores[*a as usize]).then(a.cmp(b)));
                ids
            }
            // With nothing to rank by, the newest first.
            Sort::Relevance | Sort::Newest => in_order(&self.newest),
            Sort::Oldest => in_order(&self.oldest),
        };
        Results { ids, outlets, origins, actors, months, undated }
    }

    fn actor_filter(&self, q: &Query) -> Option<Bits> {
        let sel = &q.actors;
        if sel.is_empty() {
            return None;
        }
        let n = self.n;
        let postings = |name: &String| self.actor_names.get(name).and_then(|&id| self.actor_postings.get(id as usize));
        let mut keep = match (q.actor_mode, sel.include.is_empty()) {
            (_, true) | (Combine::And, false) => Bits::full(n),
            (Combine::Or, false) => Bits::empty(n),
        };
        for name in &sel.include {
            match (q.actor_mode, postings(name)) {
                (Combine::Or, Some(p)) => keep.or(p),
                (Combine::And, Some(p)) => keep.and(p),
                (Combine::And, None) => keep = Bits::empty(n),
                (Combine::Or, None) => {}
            }
        }
        for name in &sel.exclude {
            if let Some(p) = postings(name) {
                keep.and_not(p);
            }
        }
        Some(keep)
    }

    fn date_filter(&self, q: &Query) -> Option<Bits> {
        let from = q.from.as_deref().and_then(bound).map(|b| b.0);
        let to = q.to.as_deref().and_then(bound).map(|b| b.1);
        if from.is_none() && to.is_none() {
            return None;
        }
        let (lo, hi) = (from.unwrap_or(0), to.unwrap_or(u32::MAX));
        let mut keep = Bits::empty(self.n);
        for (i, d) in self.dates.iter().enumerate() {
            let ok = match d {
                Some((s, e)) => *s <= hi && *e >= lo,
                None => q.include_undated,
            };
            if ok {
                keep.set(i);
            }
        }
        Some(keep)
    }
}

/// Whether the last word of the search box is still being typed (so it matches as a prefix):
/// no space and no closing quote after it.
pub fn typing_last_word(text: &str) -> bool {
    !text.ends_with(char::is_whitespace) && !text.trim_end().ends_with(['"', '”'])
}

/// Split query text into "quoted phrases" and single words.
pub fn parse_text(text: &str) -> (Vec<String>, Vec<String>) {
    let mut phrases = Vec::new();
    let mut rest = String::new();
    let mut in_quote = false;
    let mut cur = String::new();
    for c in text.chars() {
        match c {
            '"' | '“' | '”' => {
                if in_quote && !cur.trim().is_empty() {
                    phrases.push(cur.trim().to_owned());
                }
                cur.clear();
                in_quote = !in_quote;
            }
            c if in_quote => cur.push(c),
            c => rest.push(c),
        }
    }
    if in_quote && !cur.trim().is_empty() {
        phrases.push(cur.trim().to_owned()); // an unclosed quote while typing
    }
    (phrases, terms(&rest).collect())
}

/// Query timings of a benchmark: how many were timed, and the median and 95th percentile in ms.
#[derive(Debug, Clone, Copy)]
pub struct Timings {
    pub queries: usize,
    pub p50: f64,
    pub p95: f64,
}

/// Run [`sample_queries`] five times, timing each search with `now` (milliseconds): the one
/// method behind the native and the wasm figures, so they compare.
pub fn time_sample_queries(index: &Index, corpus: &Corpus, mut now: impl FnMut() -> f64) -> Timings {
    let queries = sample_queries(index, corpus);
    let mut times = Vec::with_capacity(queries.len() * 5);
    for _ in 0..5 {
        for q in &queries {
            let t = now();
            std::hint::black_box(index.search(q));
            times.push(now() - t);
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    Timings { queries: times.len(), p50: pct(0.5), p95: pct(0.95) }
}

/// A fixed mix of queries for the benchmarks (native and wasm): facets, exclusion, actors
/// any/all, dates, words, a prefix, a phrase and a combination, over the corpus's top values.
pub fn sample_queries(index: &Index, corpus: &Corpus) -> Vec<Query> {
    let top = index.search(&Query::default());
    let outlet = |i: usize| top.outlets[i.min(top.outlets.len() - 1)].value.clone();
    let actor = |i: usize| corpus.actors[top.actors[i.min(top.actors.len() - 1)].0 as usize].name.clone();
    let mut qs = vec![Query::default()];
    let mut q = Query::default();
    q.outlets.include = vec![outlet(0)];
    qs.push(q.clone());
    q.outlets.include.push(outlet(3));
    qs.push(q);
    let mut q = Query::default();
    q.outlets.exclude = vec![outlet(0)];
    qs.push(q);
    let mut q = Query::default();
    q.actors.include = vec![actor(0), actor(5)];
    qs.push(q.clone());
    q.actor_mode = Combine::And;
    qs.push(q);
    qs.push(Query { from: Some("2018-03".into()), to: Some("2020".into()), ..Query::default() });
    qs.push(Query { text: "energy ".into(), ..Query::default() });
    qs.push(Query { text: "pipel".into(), ..Query::default() });
    qs.push(Query { text: "\"not change course\" sanctions ".into(), ..Query::default() });
    let mut q = Query { text: "security ".into(), from: Some("2019".into()), sort: Sort::Newest, ..Query::default() };
    q.outlets.include = vec![outlet(1)];
    q.actors.include = vec![actor(2)];
    qs.push(q);
    qs
}

/// Outlets with their article counts, most frequent first (the whole corpus).
pub fn outlet_counts(corpus: &Corpus) -> Vec<FacetCount> {
    Index::new(corpus).search(&Query::default()).outlets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorType, ArticleActor, Attributed, DateInfo, Source};

    fn article(id: u32, outlet: &str, origin: Option<&str>, date: Option<(&str, Precision)>, actors: &[u32], body: &str) -> Article {
        let mut a = Article::new(id, format!("{id}.txt"), format!("Title {id}"));
        let attr = |n: &str| Attributed { name: n.into(), source: Source::Text, evidence: String::new() };
        a.outlet = Some(attr(outlet));
        a.origin = origin.map(attr);
        a.date = date.map(|(v, p)| DateInfo { value: v.into(), precision: p, source: Source::Text, evidence: String::new() });
        a.body = vec![body.into()];
        a.actors = actors
            .iter()
            .map(|&id| ArticleActor {
                id,
                name: String::new(),
                kind: ActorType::Person,
                role: None,
                forms: vec![],
                metonyms: vec![],
                mentions: 1,
                spans: vec![],
            })
            .collect();
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
