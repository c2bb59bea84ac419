//! Text search: word terms, "quoted phrases", the word still being typed, and the text
//! index (postings with term frequencies for BM25, lower-cased texts for phrase checks).

use rustc_hash::FxHashMap as HashMap;

use super::Bits;
use crate::model::Article;

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

/// Postings and lengths for BM25 over title and body, and the lower-cased texts that
/// phrases are checked against.
pub(super) struct TextIndex {
    /// Sorted, for prefix look-ups; a term's id is its position.
    vocab: Vec<String>,
    term_ids: HashMap<String, u32>,
    /// Per term: (article, term frequency), by article id.
    postings: Vec<Vec<(u32, u32)>>,
    doc_len: Vec<u32>,
    avg_len: f32,
    /// Lower-cased title and body, for phrase checks.
    texts: Vec<String>,
}

fn text_of(a: &Article) -> String {
    let mut t = a.title.to_lowercase();
    for p in &a.body {
        t.push('\n');
        t.push_str(&p.to_lowercase());
    }
    t
}

impl TextIndex {
    pub(super) fn new(arts: &[Article]) -> TextIndex {
        let n = arts.len();
        let mut term_ids: HashMap<String, u32> = HashMap::default();
        let mut vocab = Vec::new();
        let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut doc_len = Vec::with_capacity(n);
        let mut texts = Vec::with_capacity(n);
        // Term frequencies of the current article, by term id, and the ids it used.
        let mut tf: Vec<u32> = Vec::new();
        let mut used: Vec<u32> = Vec::new();
        for (i, a) in arts.iter().enumerate() {
            let text = text_of(a);
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
        TextIndex { vocab: vocab_sorted, term_ids, postings, doc_len, avg_len, texts }
    }

    /// Term ids a query word stands for: itself, or every word it begins (at most 64).
    fn expand(&self, word: &str, prefix: bool) -> Vec<u32> {
        if !prefix {
            return self.term_ids.get(word).copied().into_iter().collect();
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
        let all_words: Vec<(String, bool)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), typing_last && i + 1 == words.len()))
            .chain(phrases.iter().flat_map(|p| terms(p).map(|t| (t, false)).collect::<Vec<_>>()))
            .collect();
        for (w, prefix) in &all_words {
            let mut any = Bits::empty(n);
            for id in self.expand(w, *prefix) {
                let post = &self.postings[id as usize];
                let idf = ((n as f32 - post.len() as f32 + 0.5) / (post.len() as f32 + 0.5) + 1.0).ln();
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
                    keep.unset(i);
                }
            }
        }
        Some((keep, scores))
    }
}
