//! Text search: word terms, "quoted phrases", the word still being typed, and the text
//! index (postings with term frequencies for BM25, and their word positions for phrases).

use super::Bits;
use super::postings::{Lists, Postings, Store, StoreBuilder};
use crate::model::Article;

/// Lower-case `text` keeping every byte offset (a character whose lower case has another
/// length is kept as it is), so ranges found in the result apply to the original.
pub fn lowercase_same_len(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
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

/// Lower-case word tokens for queries, as the index reads them ([`for_each_word`]).
fn terms(text: &str) -> Vec<String> {
    let (mut words, mut buf) = (Vec::new(), String::new());
    for_each_word(text, &mut buf, |w, _| words.push(w.to_owned()));
    words
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
    (phrases, terms(&rest))
}

/// Postings with word positions for BM25 and phrases over title and body (stored as
/// [`Store`] says: laid down a segment of articles at a time, at their exact size). No copy
/// of the texts is needed: a phrase is checked on positions.
///
/// Positions count words from the title's first; a paragraph boundary leaves a gap of one,
/// so a phrase never runs from one paragraph into the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TextIndex {
    /// Sorted; a term's id is its position.
    vocab: Vec<String>,
    /// Term id → articles holding it.
    df: Vec<u32>,
    /// Term id → its (article, tf) postings, and `tf` word positions each (these may come
    /// later: [`TextBuilder::positions_for`]).
    store: Store,
    /// Words per article (title and body).
    doc_len: Vec<u32>,
    avg_len: f32,
}

/// A phrase's candidate articles, in order, and the starts still possible in each:
/// `starts[ends[i - 1]..ends[i]]` for `docs[i]`.
#[derive(Default)]
struct Candidates {
    docs: Vec<u32>,
    ends: Vec<usize>,
    starts: Vec<u32>,
    /// Per article, the term frequency of each word read so far (in reading order).
    tfs: Vec<u32>,
}

impl Candidates {
    fn clear(&mut self) {
        self.docs.clear();
        self.ends.clear();
        self.starts.clear();
        self.tfs.clear();
    }

    fn starts(&self, i: usize) -> &[u32] {
        let from = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.starts[from..self.ends[i]]
    }

    /// End `doc`'s starts (those pushed since the last article); an article with none left is
    /// dropped (false).
    fn close(&mut self, doc: u32) -> bool {
        let kept = self.starts.len() > self.ends.last().copied().unwrap_or(0);
        if kept {
            self.docs.push(doc);
            self.ends.push(self.starts.len());
        }
        kept
    }
}

/// Positions left free between paragraphs (and after the title), so no phrase spans two.
const PARAGRAPH_GAP: u32 = 1;

/// The word tokens of a text as the index and queries see them (lower case): runs of
/// alphanumeric characters. The same as splitting on `!char::is_alphanumeric` and mapping
/// each character with `char::to_lowercase`, but read a byte at a time while the text is
/// ASCII (most of it is): building the text index is mostly this loop, and in the page's
/// size-optimised wasm the `char` iterators were a call per character. Each word comes with
/// its [`word_hash`], made as its bytes are read (the builder's [`Interner`] needs no pass
/// of its own over them).
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str, u32)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        // `upper`: a character to lower-case; `hash`: of the lower-cased ASCII word.
        let (mut upper, mut ascii, mut hash) = (false, true, 0);
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                let up = b.is_ascii_uppercase();
                upper |= up;
                hash = mix(hash, b | (u8::from(up) << 5));
                i += 1;
            } else {
                let (alnum, up, len) = class_of_wide(text, i);
                if !alnum {
                    break;
                }
                (upper, ascii) = (upper || up, false);
                i += len;
            }
        }
        if i == start {
            i += class_of_wide(text, i).2; // a character that is neither ASCII nor a letter or digit
            continue;
        }
        let w = &text[start..i];
        if ascii && !upper {
            f(w, hash);
        } else {
            buf.clear();
            if ascii {
                buf.push_str(w);
                buf.make_ascii_lowercase();
            } else {
                buf.extend(w.chars().flat_map(char::to_lowercase));
                hash = word_hash(buf);
            }
            f(buf, hash);
        }
    }
}

/// The words of `text` as the index sees them (for tests elsewhere in the crate).
#[cfg(test)]
pub(crate) fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, &mut String::new(), |w, _| words.push(w.to_owned()));
    words
}

/// One byte into a word's hash (FxHash's step, on 32 bits).
#[inline(always)]
fn mix(hash: u32, b: u8) -> u32 {
    (hash.rotate_left(5) ^ u32::from(b)).wrapping_mul(0x2722_0a95)
}

/// A word's hash as [`for_each_word`] makes it.
fn word_hash(word: &str) -> u32 {
    word.bytes().fold(0, mix)
}

#[inline(never)]
fn class_of_wide(text: &str, i: usize) -> (bool, bool, usize) {
    let c = text[i..].chars().next().unwrap_or_default();
    let mut lower = c.to_lowercase();
    let same = lower.next() == Some(c) && lower.next().is_none();
    (c.is_alphanumeric(), !same, c.len_utf8().max(1))
}

/// Term ids by word, for the builder: open addressing over (hash, id) slots, with the hash
/// the tokenizer made as it read the word. A std `HashMap` hashed each word again, through
/// calls the size-optimised wasm does not inline: a sixth of the page's build.
#[derive(Default)]
struct Interner {
    /// (hash, term id); [`Interner::EMPTY`] as the id: a free slot. A power of two long, at
    /// most half full.
    slots: Vec<(u32, u32)>,
    /// log2 of the slots.
    bits: u32,
}

impl Interner {
    const EMPTY: u32 = u32::MAX;

    /// The slot to look in first for `hash` (its high bits, spread: [`mix`]'s low bits are
    /// its input's).
    fn home(&self, hash: u32) -> usize {
        (hash.wrapping_mul(0x9E37_79B1) >> (32 - self.bits)) as usize
    }

    /// `word`'s term id (`hash` is its [`word_hash`]), numbered in `vocab` if it is new.
    #[inline]
    fn id(&mut self, vocab: &mut Vec<String>, word: &str, hash: u32) -> u32 {
        if 2 * vocab.len() >= self.slots.len() {
            self.grow();
        }
        self.find(vocab, word, hash).unwrap_or_else(|at| {
            let id = vocab.len() as u32;
            vocab.push(word.to_owned());
            self.slots[at] = (hash, id);
            id
        })
    }

    /// `word`'s term id, or the free slot where it would go.
    #[inline]
    fn find(&self, vocab: &[String], word: &str, hash: u32) -> Result<u32, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = self.home(hash);
        loop {
            let &(h, id) = self.slots.get(at).ok_or(at)?;
            if id == Interner::EMPTY {
                return Err(at);
            }
            if h == hash && vocab[id as usize] == word {
                return Ok(id);
            }
            at = (at + 1) & mask;
        }
    }

    /// Twice the slots (at least 1,024), every term put in again.
    #[inline(never)]
    fn grow(&mut self) {
        self.bits = (self.bits + 1).max(10);
        let old = std::mem::replace(&mut self.slots, vec![(0, Interner::EMPTY); 1 << self.bits]);
        let mask = self.slots.len() - 1;
        for (hash, id) in old.into_iter().filter(|&(_, id)| id != Interner::EMPTY) {
            let mut at = self.home(hash);
            while self.slots[at].1 != Interner::EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = (hash, id);
        }
    }
}

/// A [`TextIndex`] being built, an article at a time in id order (the explorer feeds it a
/// block of bodies at a time, between frames).
#[derive(Default)]
pub struct TextBuilder {
    term_ids: Interner,
    /// Term ids in order of first use → the term.
    vocab: Vec<String>,
    store: StoreBuilder,
    doc_len: Vec<u32>,
    buf: String,
    /// The article being added a word at a time ([`TextBuilder::begin`]): its words so far,
    /// and which text they are in (0: the title, then its paragraphs).
    words: u32,
    text: u32,
    /// Whether the terms are fixed ([`TextBuilder::positions_for`]): a word of none is left out.
    pub(super) fixed: bool,
}

impl TextBuilder {
    /// How many articles have been added.
    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    /// Add the next article (its id is [`TextBuilder::len`]).
    pub fn add(&mut self, title: &str, body: &[impl AsRef<str>]) {
        let i = self.doc_len.len() as u32;
        let mut len = 0u32;
        self.add_text(title, 0, &mut len);
        for (k, text) in body.iter().enumerate() {
            self.add_text(text.as_ref(), k as u32 + 1, &mut len);
        }
        self.store.end_doc(i);
        self.doc_len.push(len);
    }

    /// The term ids of `words` (as they are written: their lower case is the term), for
    /// [`TextBuilder::word`]: a body written as ids of a vocabulary ([`crate::bundle::tokens`])
    /// is added without reading its text.
    pub fn terms_of(&mut self, words: &[String]) -> Vec<u32> {
        let TextBuilder { term_ids, vocab, buf, .. } = self;
        let mut terms = Vec::with_capacity(words.len());
        for w in words {
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            terms.push(term_ids.id(vocab, buf, word_hash(buf)));
        }
        terms
    }

    /// Start adding the next article a word at a time: its title now, then its body's words
    /// ([`TextBuilder::word`]) and paragraph ends ([`TextBuilder::paragraph`]) in order, then
    /// [`TextBuilder::end`]. The same index as [`TextBuilder::add`] of its text.
    pub fn begin(&mut self, title: &str) {
        let mut len = 0;
        self.add_text(title, 0, &mut len);
        (self.words, self.text) = (len, 1);
    }

    /// The next word of the article begun, as its term id ([`TextBuilder::terms_of`]).
    #[inline(always)]
    pub fn word(&mut self, term: u32) {
        self.store.add_word(term, self.words + PARAGRAPH_GAP * self.text);
        self.words += 1;
    }

    /// The end of a paragraph of the article begun.
    pub fn paragraph(&mut self) {
        self.text += 1;
    }

    /// The end of the article begun.
    pub fn end(&mut self) {
        self.store.end_doc(self.doc_len.len() as u32);
        self.doc_len.push(self.words);
    }

    /// Add the words of the current article's text `k` (0 for the title, then its
    /// paragraphs), `*len` words in.
    fn add_text(&mut self, text: &str, k: u32, len: &mut u32) {
        let TextBuilder { term_ids, vocab, store, buf, fixed, .. } = self;
        // The words before this one, and a gap after the title and each paragraph.
        let gap = PARAGRAPH_GAP * k;
        for_each_word(text, buf, |w, hash| {
            let id = if *fixed { term_ids.find(vocab, w, hash).ok() } else { Some(term_ids.id(vocab, w, hash)) };
            if let Some(id) = id {
                store.add_text_word(id, *len + gap);
            }
            *len += 1;
        });
    }

    /// A builder of the positions of postings made already ([`TextIndex::prebuilt`]), for
    /// the index's sorted `terms`: its term ids are theirs, and it adds no other.
    pub(super) fn positions_for(terms: &[String]) -> TextBuilder {
        let mut b = TextBuilder { store: StoreBuilder::positions_only(), ..TextBuilder::default() };
        b.terms_of(terms);
        b.fixed = true;
        b
    }

    /// The positions built ([`TextBuilder::positions_for`]).
    pub(super) fn finish_positions(self) -> Lists {
        let rank: Vec<u32> = (0..self.vocab.len() as u32).collect();
        self.store.finish(&rank).1
    }

    /// The index of the articles added: the vocabulary sorted, term ids renumbered in its order.
    pub(super) fn finish(self) -> TextIndex {
        let TextBuilder { term_ids, mut vocab, store, mut doc_len, .. } = self;
        doc_len.shrink_to_fit();
        drop(term_ids);
        let order = sorted(&vocab);
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let (docs, positions, df) = store.finish(&rank);
        TextIndex {
            vocab: order.iter().map(|&id| std::mem::take(&mut vocab[id as usize])).collect(),
            df,
            store: Store { docs: docs.unwrap_or_default(), positions: positions.into() },
            avg_len: average(&doc_len),
            doc_len,
        }
    }
}

/// The average of articles' lengths in words (1 for none).
fn average(doc_len: &[u32]) -> f32 {
    if doc_len.is_empty() { 1.0 } else { doc_len.iter().map(|&l| l as f64).sum::<f64>() as f32 / doc_len.len() as f32 }
}

/// The order of `vocab` sorted: its indexes, by their strings.
fn sorted(vocab: &[String]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..vocab.len() as u32).collect();
    order.sort_by(|a, b| vocab[*a as usize].cmp(&vocab[*b as usize]));
    order
}

/// The terms of an index whose bodies' words are `words` (a bundle's [`crate::bundle::tokens::Vocab`])
/// and whose titles alone have `extra`: their lower case, sorted, each once.
fn terms_of_words(words: &[String], extra: Vec<String>) -> Vec<String> {
    let mut all: Vec<String> = words.iter().map(|w| w.chars().flat_map(char::to_lowercase).collect()).chain(extra).collect();
    let mut terms: Vec<String> = Vec::with_capacity(all.len());
    for i in sorted(&all) {
        let term = std::mem::take(&mut all[i as usize]);
        if terms.last() != Some(&term) {
            terms.push(term);
        }
    }
    terms
}

/// The statistics of a bundle's text index being read ([`TextIndex::prebuilt`]).
struct Statistics<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Statistics<'_> {
    fn next(&mut self) -> Result<u32, String> {
        super::postings::get_varint(self.bytes, &mut self.at).ok_or_else(|| "its statistics are cut short".into())
    }
}

impl TextIndex {
    /// The index a bundle carries ([`TextIndex::to_bundle`]) for `articles` articles whose
    /// bodies' words are `words`: its postings and statistics, with no positions yet (a
    /// phrase needs them: [`TextBuilder::positions_for`] builds them).
    pub(super) fn prebuilt(words: &[String], mut bytes: Vec<u8>, articles: usize) -> Result<TextIndex, String> {
        let at = bytes.len().checked_sub(4).ok_or("it is cut short")?;
        let docs = u32::from_le_bytes(bytes[at..].try_into().map_err(|_| "it is cut short")?) as usize;
        let mut stats = Statistics { bytes: bytes.get(..at).ok_or("it is cut short")?, at: docs };
        let mut extra = Vec::new();
        for _ in 0..stats.next()? {
            let len = stats.next()? as usize;
            let word = stats.at.checked_add(len).and_then(|end| stats.bytes.get(stats.at..end)).ok_or("its terms are cut short")?;
            extra.push(String::from_utf8(word.to_vec()).map_err(|_| "a term is not UTF-8")?);
            stats.at += len;
        }
        let vocab = terms_of_words(words, extra);
        let (mut lens, mut df) = (Vec::with_capacity(vocab.len()), Vec::with_capacity(vocab.len()));
        for _ in 0..vocab.len() {
            lens.push(stats.next()?);
            df.push(stats.next()?);
        }
        let doc_len = (0..articles).map(|_| stats.next()).collect::<Result<Vec<u32>, _>>()?;
        if stats.at != at {
            return Err("it does not fit its corpus".into());
        }
        bytes.truncate(docs);
        let docs = Lists::whole(bytes.into_boxed_slice(), &lens).ok_or("its postings' lengths do not add up")?;
        Ok(TextIndex { vocab, df, store: Store { docs, positions: Default::default() }, avg_len: average(&doc_len), doc_len })
    }

    /// What a bundle carries of this index ([`TextIndex::prebuilt`] reads it) for bodies whose
    /// words are `words`: every term's postings, one after the other; the terms only titles
    /// have (a count, then each one's length and bytes), each term's postings' length in
    /// bytes and number of articles, and each article's length in words, as varints; then
    /// where these start. None if a word of the bodies is not a term.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn to_bundle(&self, words: &[String]) -> Option<Vec<u8>> {
        use super::postings::put_varint;
        // The terms are the bodies' and these; the reader makes them so (`terms_of_words`).
        let of_bodies = terms_of_words(words, Vec::new());
        if !of_bodies.iter().all(|t| self.vocab.binary_search(t).is_ok()) {
            return None;
        }
        let extra: Vec<&String> = self.vocab.iter().filter(|t| of_bodies.binary_search(t).is_err()).collect();
        let mut out = Vec::new();
        let mut lens = Vec::with_capacity(self.vocab.len());
        for t in 0..self.vocab.len() as u32 {
            let before = out.len();
            self.store.docs.write_term(t, &mut out);
            lens.push((out.len() - before) as u32);
        }
        let docs = u32::try_from(out.len()).ok()?;
        put_varint(&mut out, extra.len() as u32);
        for t in extra {
            put_varint(&mut out, t.len() as u32);
            out.extend_from_slice(t.as_bytes());
        }
        for (len, df) in lens.iter().zip(&self.df) {
            put_varint(&mut out, *len);
            put_varint(&mut out, *df);
        }
        self.doc_len.iter().for_each(|&l| put_varint(&mut out, l));
        out.extend_from_slice(&docs.to_le_bytes());
        Some(out)
    }

    /// Whether `text` can be matched now: its phrases need the positions.
    pub(super) fn can_match(&self, text: &str) -> bool {
        self.store.positions.get().is_some() || parse_text(text).0.iter().all(|p| terms(p).len() < 2)
    }

    /// A builder of this index's positions ([`TextBuilder::positions_for`]).
    pub(super) fn positions_builder(&self) -> TextBuilder {
        TextBuilder::positions_for(&self.vocab)
    }

    /// Put in the positions built for a [`TextIndex::prebuilt`] index (unless it has them).
    pub(super) fn set_positions(&self, positions: Lists) {
        let _ = self.store.positions.set(positions);
    }

    pub(super) fn new(arts: &[Article]) -> TextIndex {
        TextIndex::with_segment_bytes(arts, super::postings::SEGMENT_BYTES)
    }

    /// The index with its postings laid down every `segment_bytes` (the tests' small corpora
    /// in many segments).
    fn with_segment_bytes(arts: &[Article], segment_bytes: usize) -> TextIndex {
        let mut b = TextBuilder { store: StoreBuilder::with_segment_bytes(segment_bytes), ..TextBuilder::default() };
        arts.iter().for_each(|a| b.add(&a.title, &a.body));
        b.finish()
    }

    fn postings(&self, term: u32) -> Postings<'_> {
        self.store.postings(term)
    }

    fn term_id(&self, word: &str) -> Option<u32> {
        self.vocab.binary_search_by(|t| t.as_str().cmp(word)).ok().map(|i| i as u32)
    }

    /// Term ids a query word stands for: itself, or every word it begins (at most 64).
    fn expand(&self, word: &str, prefix: bool) -> Vec<u32> {
        if !prefix {
            return self.term_id(word).into_iter().collect();
        }
        let start = self.vocab.partition_point(|t| t.as_str() < word);
        (start..self.vocab.len()).take_while(|&i| self.vocab[i].starts_with(word)).take(64).map(|i| i as u32).collect()
    }

    /// Articles the query text allows, with BM25 scores (None: no text given).
    pub(super) fn matches(&self, text: &str) -> Option<(Bits, Vec<f32>)> {
        let (phrases, words) = parse_text(text);
        if phrases.is_empty() && words.is_empty() {
            return None;
        }
        let n = self.doc_len.len();
        let mut keep = Bits::full(n);
        let mut scores = vec![0f32; n];
        let typing_last = typing_last_word(text);
        let phrase_terms: Vec<Vec<String>> = phrases.iter().map(|p| terms(p)).collect();
        let all_words = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), typing_last && i + 1 == words.len()))
            // A phrase of two words or more is scored as it is checked (its words' postings read once).
            .chain(phrase_terms.iter().filter(|p| p.len() < 2).flatten().map(|t| (t.as_str(), false)));
        for (w, prefix) in all_words {
            let mut any = Bits::empty(n);
            for id in self.expand(w, prefix) {
                let idf = self.idf(id);
                let mut post = self.postings(id);
                while let Some((doc, tf)) = post.next_doc(0) {
                    let Some(&len) = self.doc_len.get(doc as usize) else { break };
                    any.set(doc as usize);
                    scores[doc as usize] += self.bm25(idf, tf, len);
                }
            }
            keep.and(&any);
        }
        for words in &phrase_terms {
            self.keep_phrase(words, &mut keep, &mut scores);
        }
        Some((keep, scores))
    }

    fn idf(&self, term: u32) -> f32 {
        let n = self.doc_len.len() as f32;
        let df = self.df.get(term as usize).copied().unwrap_or(0) as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// A term's BM25 weight in an article of `len` words where it occurs `tf` times.
    fn bm25(&self, idf: f32, tf: u32, len: u32) -> f32 {
        let (k1, b) = (1.2, 0.75);
        let norm = k1 * (1.0 - b + b * len as f32 / self.avg_len);
        idf * tf as f32 * (k1 + 1.0) / (tf as f32 + norm)
    }

    /// Keep only the articles of `keep` where `words` occur one after the other, adding the
    /// words' BM25 weights to the scores of those articles (in the words' order).
    fn keep_phrase(&self, words: &[String], keep: &mut Bits, scores: &mut [f32]) {
        if words.len() < 2 {
            return; // one word: scored and decided with the others
        }
        let n = self.doc_len.len();
        let Some(ids) = words.iter().map(|w| self.term_id(w)).collect::<Option<Vec<u32>>>() else {
            *keep = Bits::empty(n);
            return;
        };
        // The rarest word first: it gives the fewest candidate starts, which the others only narrow.
        let df = |k: usize| self.df.get(ids[k] as usize).copied().unwrap_or(0);
        let rarest = (0..ids.len()).min_by_key(|&k| df(k)).unwrap_or(0);
        let order: Vec<usize> = std::iter::once(rarest).chain((0..ids.len()).filter(|&k| k != rarest)).collect();
        // Candidates in article order with the phrase starts still possible in each, in flat
        // buffers reused from word to word (a vector per article made most of the time).
        let (mut cands, mut next, mut here) = (Candidates::default(), Candidates::default(), Vec::new());
        for (step, &k) in order.iter().enumerate() {
            let offset = k as u32;
            let mut post = self.postings(ids[k]);
            let mut unread = 0;
            next.clear();
            let mut c = 0; // the first candidate not behind this posting
            while let Some((doc, tf)) = post.next_doc(unread) {
                unread = tf;
                let wanted = if step == 0 {
                    (doc as usize) < n && keep.contains(doc as usize)
                } else {
                    while c < cands.docs.len() && cands.docs[c] < doc {
                        c += 1;
                    }
                    c < cands.docs.len() && cands.docs[c] == doc
                };
                if !wanted {
                    continue;
                }
                here.clear();
                if post.read_positions(tf, &mut here).is_none() {
                    break;
                }
                unread = 0;
                if step == 0 {
                    next.starts.extend(here.iter().filter_map(|p| p.checked_sub(offset)));
                } else {
                    // Both in order: one pass keeps the starts with this word at its place.
                    let mut h = 0;
                    for &start in cands.starts(c) {
                        let want = start + offset;
                        while h < here.len() && here[h] < want {
                            h += 1;
                        }
                        if h < here.len() && here[h] == want {
                            next.starts.push(start);
                        }
                    }
                }
                if next.close(doc) {
                    // The candidate's term frequencies so far (one per word read), and this word's.
                    next.tfs.extend_from_slice(cands.tfs.get(c * step..(c + 1) * step).unwrap_or_default());
                    next.tfs.push(tf);
                }
                if step > 0 && c + 1 >= cands.docs.len() {
                    break; // no candidate left further on
                }
            }
            std::mem::swap(&mut cands, &mut next);
            if cands.docs.is_empty() {
                break;
            }
        }
        let mut found = Bits::empty(n);
        let m = ids.len();
        let idfs: Vec<f32> = ids.iter().map(|&id| self.idf(id)).collect();
        // Where each word's term frequency is among those read (rarest first).
        let read_at: Vec<usize> = (0..m).map(|k| order.iter().position(|&o| o == k).unwrap_or(0)).collect();
        for (i, &doc) in cands.docs.iter().enumerate() {
            found.set(doc as usize);
            let (Some(tfs), Some(&len)) = (cands.tfs.get(i * m..(i + 1) * m), self.doc_len.get(doc as usize)) else { continue };
            for k in 0..m {
                scores[doc as usize] += self.bm25(idfs[k], tfs[read_at[k]], len);
            }
        }
        keep.and(&found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte-at-a-time tokenizer splits and lower-cases as the `char` methods it
        /// stands for do.
        #[test]
        fn words_are_the_char_methods_words(text in "([a-zA-Z0-9 .,'\\-]|\\PC|[ǅΣσΣİ]){0,40}") {
            let mut buf = String::new();
            let mut got = Vec::new();
            for_each_word(&text, &mut buf, |w, hash| {
                assert_eq!(hash, word_hash(w), "{w}: the hash made while reading is the word's");
                got.push(w.to_owned());
            });
            let want: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn the_interner_numbers_each_word_once() {
        let (mut interner, mut vocab) = (Interner::default(), Vec::new());
        let words: Vec<String> = (0..5000).map(|i| format!("w{}", i * 7919 % 5003)).collect();
        let first: Vec<u32> = words.iter().map(|w| interner.id(&mut vocab, w, word_hash(w))).collect();
        // Asked again after it has grown, each word has its number; every number is one word's.
        let again: Vec<u32> = words.iter().map(|w| interner.id(&mut vocab, w, word_hash(w))).collect();
        assert_eq!(first, again);
        assert_eq!(vocab.len(), 5000);
        assert!(words.iter().zip(&first).all(|(w, &id)| vocab[id as usize] == *w));
        // Two words with one hash are still two terms.
        let (a, b) = (interner.id(&mut vocab, "same", 42), interner.id(&mut vocab, "hash", 42));
        assert_ne!(a, b);
        assert_eq!(interner.id(&mut vocab, "hash", 42), b);
    }

    fn art(id: u32, title: &str, body: &[&str]) -> Article {
        let mut a = Article::new(id, format!("{id}.txt"), title);
        a.body = body.iter().map(|s| (*s).to_owned()).collect();
        a
    }

    fn ids(t: &TextIndex, q: &str) -> Vec<usize> {
        t.matches(q).map(|(b, _)| b.iter().collect()).unwrap_or_default()
    }

    #[test]
    fn phrases_need_the_words_in_order_within_one_paragraph() {
        let arts = [
            art(0, "Ports reopen", &["The Harbour Board said trade would resume.", "Trade would resume slowly."]),
            art(1, "Trade talk", &["Would trade resume? Nobody said.", "Resume would trade."]),
            art(2, "Harbour board", &["Trade would", "resume next week."]),
            art(3, "Ünïcode Straße", &["Die Straße wird wieder geöffnet, sagte ÉLISE Ünal."]),
        ];
        let t = TextIndex::new(&arts);
        assert_eq!(ids(&t, "\"trade would resume\""), vec![0]);
        assert_eq!(ids(&t, "\"would trade resume\""), vec![1]);
        // The words of article 2 are in order, but across a paragraph break.
        assert_eq!(ids(&t, "\"would resume next\" "), Vec::<usize>::new());
        assert_eq!(ids(&t, "\"board said\" trade "), vec![0]);
        assert_eq!(ids(&t, "\"harbour board\""), vec![0, 2], "the title counts");
        assert_eq!(ids(&t, "\"straße wird\""), vec![3]);
        assert_eq!(ids(&t, "\"sagte élise ünal\""), vec![3]);
        assert_eq!(ids(&t, "\"resume trade would\""), Vec::<usize>::new());
        assert_eq!(ids(&t, "\"trade would nowhere\""), Vec::<usize>::new());
        assert_eq!(ids(&t, "resu"), vec![0, 1, 2], "a prefix while typing");
        assert_eq!(ids(&t, "resu "), Vec::<usize>::new());
    }

    #[test]
    fn phrases_match_as_reading_the_paragraphs_would() {
        // Paragraphs over a few words, phrases of them: the index must find exactly the
        // articles where a paragraph (or the title) has the phrase's words in a row.
        let mut seed = 7u64;
        let mut next = move |m: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        let words = ["a", "b", "c", "d"];
        let mut text = |len: u64| (0..len).map(|_| words[next(4) as usize]).collect::<Vec<_>>().join(" ");
        let paras: Vec<(String, Vec<String>)> = (0..200).map(|_| (text(3), (0..3).map(|_| text(12)).collect())).collect();
        let arts: Vec<Article> =
            paras.iter().enumerate().map(|(i, (t, b))| art(i as u32, t, &b.iter().map(String::as_str).collect::<Vec<_>>())).collect();
        let t = TextIndex::new(&arts);
        // The same postings laid down in segments of a few articles each answer the same.
        let segments = TextIndex::with_segment_bytes(&arts, 300);
        assert!(segments.store != t.store);
        for phrase in ["a b", "b a", "a a", "a b c", "d d d", "c a b d", "a b a b"] {
            let has = |p: &str| format!(" {p} ").contains(&format!(" {phrase} "));
            let want: Vec<usize> =
                paras.iter().enumerate().filter(|(_, (t, b))| has(t) || b.iter().any(|p| has(p))).map(|(i, _)| i).collect();
            assert_eq!(ids(&t, &format!("\"{phrase}\"")), want, "{phrase}");
            // A phrase's articles score as for its words alone (added in the same order).
            let (found, phrase_scores) = t.matches(&format!("\"{phrase}\"")).expect("a phrase");
            let (_, word_scores) = t.matches(&format!("{phrase} ")).expect("words");
            for i in found.iter() {
                assert_eq!(phrase_scores[i].to_bits(), word_scores[i].to_bits(), "{phrase}: article {i}");
            }
            for q in [format!("\"{phrase}\""), format!("{phrase} "), format!("x {phrase}")] {
                assert_eq!(segments.matches(&q), t.matches(&q), "{q}");
            }
        }
    }

    #[test]
    fn a_repeated_word_in_a_phrase_needs_both_places() {
        let arts = [art(0, "A", &["very very good"]), art(1, "B", &["very good, very"])];
        let t = TextIndex::new(&arts);
        assert_eq!(ids(&t, "\"very very\""), vec![0]);
        assert_eq!(ids(&t, "\"good very\""), vec![1], "punctuation between words does not break a phrase");
    }

    #[test]
    fn bm25_prefers_the_denser_article() {
        let arts = [art(0, "Gas", &["gas gas gas prices"]), art(1, "Prices", &["gas prices rose again this winter in the north"])];
        let t = TextIndex::new(&arts);
        let (keep, scores) = t.matches("gas ").unwrap();
        assert_eq!(keep.iter().collect::<Vec<_>>(), vec![0, 1]);
        assert!(scores[0] > scores[1]);
    }
}
