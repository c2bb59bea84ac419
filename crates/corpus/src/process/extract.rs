//! Page text → article body, captions and title.
//!
//! The method, in the spirit of jusText, works from each block's own features and its
//! context, with no knowledge of any site:
//!
//! 1. Every block (a line of a dump, a block element of an HTML page) is classed as
//!    **good** (running prose: long enough, dense in function words, with sentence
//!    punctuation), **bad** (furniture: repeated elsewhere on the page, a doubled link
//!    text, a byline or date line, a copyright or share line, a keyword list, a link
//!    list, a whole-line editorial note, a known boilerplate phrase) or **short**.
//!    Photo captions are recognised by their credit and kept apart.
//! 2. Good blocks close together form clusters. The largest is the article's core;
//!    neighbouring clusters join it when their words are the article's words (lexical
//!    cohesion), so boxes cut into the article do not cut it short, and off-topic prose
//!    (site blurbs, teasers of other stories) stays out. Edge blocks that do not share
//!    the article's vocabulary are trimmed.
//! 3. Between good blocks of the body, short blocks (subheadings, one-line quotes) are
//!    body up to the first bad block of that gap; what follows it is a box.
//! 4. Inside body blocks, inline captions (`[caption]…[/caption]`), trailing
//!    boilerplate ("With inputs from agencies. Read all the latest…") and trailing links
//!    are cut out.
//! 5. The title is the headline-like block before the body that best shares the body's
//!    words; near-duplicate headlines are its variants.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::process::dates;
use crate::process::knowledge::{Knowledge, lowercase};

/// A unit of page text, with what the parser knows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub text: String,
    pub hint: Hint,
    /// Share of the text inside links (HTML); 0 for text dumps.
    pub link_density: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Plain,
    /// A heading element (HTML).
    Heading,
    /// A figure caption (HTML `figcaption`).
    Caption,
    /// Navigation, footer, aside or form (HTML).
    Chrome,
}

impl Block {
    pub fn plain(text: impl Into<String>) -> Block {
        Block { text: text.into(), hint: Hint::Plain, link_density: 0.0 }
    }
}

/// One block per non-empty line of a page dump.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(Block::plain).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Good,
    Short,
    Bad,
    Caption,
}

/// Per-block features.
#[derive(Debug)]
pub struct Line {
    /// Text with list bullets stripped.
    pub text: String,
    /// `text` in lower case.
    pub lower: String,
    /// A notice that the story is republished from elsewhere.
    pub syndication: bool,
    pub words: usize,
    pub stopwords: usize,
    /// Content words (not stop words, 3+ letters), lower-cased, stemmed and hashed.
    pub content: Vec<u64>,
    pub class: Class,
    /// Share of the text inside links (HTML).
    pub link_density: f32,
    /// Opens a box of links ("Also Read", "Read more").
    pub box_marker: bool,
    /// Hash of the normalised words: equal for the same text printed twice.
    pub key: u64,
    /// Hash of each lower-cased word (kept only until the block is classed).
    tokens: Vec<u64>,
    pub hint: Hint,
}

/// What extraction found.
#[derive(Debug, Default)]
pub struct Extracted {
    pub title: Option<(usize, String)>,
    pub title_variants: Vec<String>,
    pub body: Vec<String>,
    pub captions: Vec<String>,
    /// Index of the first and one past the last body block.
    pub body_range: (usize, usize),
    pub lines: Vec<Line>,
}

const SENTENCE_END: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Words of a text: maximal runs of letters and digits.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator of [`words`]: scans bytes, decoding only non-ASCII characters.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    /// Advance while the character at `pos` is (`word`) or is not a letter or digit.
    #[inline(always)]
    fn skip(&mut self, word: bool) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() != word {
                    return;
                }
                self.pos += 1;
            } else {
                let c = self.text[self.pos..].chars().next().expect("a char boundary");
                if c.is_alphanumeric() != word {
                    return;
                }
                self.pos += c.len_utf8();
            }
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        self.skip(false);
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        self.skip(true);
        Some(&self.text[start..self.pos])
    }
}

fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_ascii() { out.push(c.to_ascii_lowercase()) } else { out.extend(c.to_lowercase()) }
        } else {
            space = true;
        }
    }
    out
}

fn strip_bullet(text: &str) -> &str {
    text.trim_start_matches(['•', '·', '▪', '►', '»', '*', '-', '–']).trim()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(SENTENCE_END)
}

/// The first half of a text printed twice ("X X" → "X").
fn first_of_two_halves(text: &str) -> Option<String> {
    let b = text.as_bytes();
    // Cheap test first: the same bytes either side of the middle.
    if b.len() % 2 == 1 && b[b.len() / 2].is_ascii_whitespace() && b[..b.len() / 2] == b[b.len() / 2 + 1..] {
        return Some(text[..b.len() / 2].to_owned());
    }
    if !text.contains("  ") && !text.contains(['\t', '\u{a0}']) {
        return None;
    }
    let ws: Vec<&str> = text.split_whitespace().collect();
    let n = ws.len();
    (n >= 2 && n.is_multiple_of(2) && ws[..n / 2] == ws[n / 2..]).then(|| ws[..n / 2].join(" "))
}

/// "Name by Name", "X X": a line whose two halves are the same text.
fn doubled(text: &str) -> bool {
    if first_of_two_halves(text).is_some() {
        return true;
    }
    if !text.contains(" by ") && !text.contains(" By ") {
        return false;
    }
    let ws: Vec<&str> = text.split_whitespace().collect();
    // "Akshay Narang by Akshay Narang"
    if let Some(i) = ws.iter().position(|w| w.eq_ignore_ascii_case("by")) {
        return i > 0 && ws[..i] == ws[i + 1..];
    }
    false
}

/// Share of a line's words inside runs of 4+ words printed twice in a row ("Headline
/// Headline Other headline Other headline": a link's text and its title scraped together).
fn repeated_coverage(ws: &[u64]) -> f32 {
    let n = ws.len();
    if n < 8 {
        return 0.0;
    }
    let (mut covered, mut uncovered, mut i) = (0, 0, 0);
    // 80 % coverage is out of reach once a fifth is uncovered: stop there.
    while i < n && uncovered * 5 <= n {
        let run = (i + 4..=(i + n) / 2).find(|&j| ws[j] == ws[i] && ws[i..j] == ws[j..2 * j - i]).map(|j| j - i);
        match run {
            Some(len) => {
                covered += 2 * len;
                i += 2 * len;
            }
            None => {
                uncovered += 1;
                i += 1;
            }
        }
    }
    covered as f32 / n as f32
}

/// A comma-separated list of short items with no prose ("Russia, China, Putin, USA").
fn keyword_list(text: &str, stop: usize) -> bool {
    let items: Vec<&str> = text.split(',').collect();
    items.len() >= 4 && stop * 5 <= items.len() && items.iter().all(|i| i.split_whitespace().count() <= 4)
}

/// A photo caption line, by its credit: "(Mikhail Metzel/Tass)", "(File)", "(PC: Reuters)",
/// "© AFP / NAME", "FILE PHOTO. …", "Photo: …".
pub fn is_caption(text: &str) -> bool {
    is_caption_lower(text.trim(), &lowercase(text.trim()))
}

fn is_caption_lower(t: &str, lower: &str) -> bool {
    if ["file photo", "photo:", "image:", "photograph:", "picture:", "representational image", "(photo", "(image"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if let Some(open) = t.strip_suffix(')').and_then(|s| s.rfind('(')) {
        let credit = &t[open + 1..t.len() - 1];
        let cl = credit.to_lowercase();
        let words = credit.split_whitespace().count();
        let credit_like = credit.contains('/')
            || [
                "photo", "file", "pc:", "image", "credit", "getty", "reuters", "afp", "ap", "ani", "pti", "xinhua", "tass", "ians", "epa",
                "via",
            ]
            .iter()
            .any(|w| cl.split(|c: char| !c.is_alphanumeric() && c != ':').any(|x| x == *w || (w.ends_with(':') && cl.starts_with(w))));
        let before = t[..open].trim();
        if credit_like && words <= 8 && (before.is_empty() || ends_sentence(before) || before.split_whitespace().count() <= 25) {
            return true;
        }
    }
    // "… on patrol off the west coast of Scotland. © AFP / ANDY BUCHANAN"
    if let Some(at) = t.find('©') {
        let before = t[..at].trim();
        return !before.is_empty() && ends_sentence(before) && t[at..].split_whitespace().count() <= 8;
    }
    false
}

/// One pass over a block's words: counts, content terms and a key for spotting repeats.
fn features(block: Block, k: &Knowledge) -> Line {
    use std::hash::Hasher;
    let stripped = strip_bullet(&block.text);
    let text = if stripped.len() == block.text.len() { block.text } else { stripped.to_owned() };
    let lower = lowercase(&text);
    let mut n = 0;
    let mut stop = 0;
    let mut content = Vec::with_capacity(lower.len() / 10);
    let mut key = rustc_hash::FxHasher::default();
    let mut tokens = Vec::with_capacity(lower.len() / 5);
    for w in words(&lower) {
        n += 1;
        let token = hash_word(w);
        tokens.push(token);
        key.write_u64(token);
        if k.is_stopword(w) {
            stop += 1;
        } else if w.len() >= 3 && !w.bytes().all(|c| c.is_ascii_digit()) {
            let root = stem(w);
            content.push(if root.len() == w.len() { token } else { hash_word(root) });
        }
    }
    let syndication = n <= 40 && k.syndication.is_match(&lower);
    Line {
        text,
        lower,
        syndication,
        words: n,
        stopwords: stop,
        content,
        class: Class::Short,
        box_marker: false,
        hint: block.hint,
        link_density: block.link_density,
        key: key.finish(),
        tokens,
    }
}

/// Class a block from its features and how often its text occurs on the page.
/// Checks run cheapest first.
fn classify(l: &mut Line, occurrences: usize, k: &Knowledge) {
    let (n, text, lower) = (l.words, l.text.as_str(), l.lower.as_str());
    let short = n <= k.max_phrase_words + 3;
    let first_word = || words(lower).next().unwrap_or("");
    l.box_marker = short && k.box_markers.starts(lower, first_word(), n, 2);
    let short_date_line = || n <= 14 && dates::find_date(text).is_some();
    let density = if n == 0 { 0.0 } else { l.stopwords as f32 / n as f32 };
    let hint = l.hint;
    l.class = if hint == Hint::Caption || (hint != Hint::Heading && n <= 60 && is_caption_lower(text, lower)) {
        Class::Caption
    } else if n == 0
        || hint == Hint::Chrome
        || l.link_density > 0.5
        || l.box_marker
        || l.syndication
        || (n < 30 && occurrences > 1)
        || lower.starts_with('©')
        || lower.starts_with("copyright")
        || (n <= 12 && lower.contains('©'))
        || (text.starts_with('(') && text.ends_with(')') && n > 3)
        || lower.starts_with("tags:")
        || lower.starts_with("tags ")
        || lower.starts_with("topics:")
        || (short && k.furniture.starts(lower, first_word(), n, 3))
        || ((text.starts_with('—') || text.starts_with("- ")) && (text.contains('@') || short_date_line()))
        || short_date_line()
        || keyword_list(text, l.stopwords)
        || (n <= 40 && doubled(text))
        || (n <= 150 && repeated_coverage(&l.tokens) >= 0.8)
    {
        Class::Bad
    } else if hint != Hint::Heading
        && ((n >= 10 && text.len() >= 60 && density >= 0.2 && (ends_sentence(text) || text.contains(". ") || n >= 40))
            || (n >= 30 && density >= 0.3))
    {
        Class::Good
    } else {
        Class::Short
    };
}

/// A crude suffix stemmer, enough for "requests"/"request" and "talks"/"talking" to meet.
pub fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(root) = word.strip_suffix(suffix).filter(|r| r.chars().count() >= 4) {
            return root;
        }
    }
    word
}

fn hash_word(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// Counts of content words.
type Vocab = HashMap<u64, u32>;

fn add(v: &mut Vocab, words: &[u64], sign: i64) {
    for w in words {
        let e = v.entry(*w).or_insert(0);
        *e = (*e as i64 + sign).max(0) as u32;
    }
}

/// Share of `words` that the vocabulary holds.
fn cohesion(v: &Vocab, words: &[u64]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| v.get(*w).is_some_and(|&c| c > 0)).count() as f32 / words.len() as f32
}

/// Non-empty, non-caption blocks strictly between two indexes.
fn gap(lines: &[Line], a: usize, b: usize) -> usize {
    lines[a + 1..b].iter().filter(|l| l.class != Class::Caption).count()
}

const CLUSTER_GAP: usize = 3;
const JOIN_COHESION: f32 = 0.3;
const EDGE_COHESION: f32 = 0.2;
const JOIN_RATIO: f32 = 0.6;
const MIN_JOIN_COHESION: f32 = 0.1;
const EDGE_RATIO: f32 = 0.5;
const MAX_JOIN_GAP: usize = 40;

/// Median share of a paragraph's words found in the rest of the cluster (leave one out).
/// With fewer than three paragraphs there is no telling: the fixed thresholds apply.
fn typical_cohesion(lines: &[Line], cluster: &[usize], vocab: &mut Vocab) -> f32 {
    if cluster.len() < 3 {
        return 1.0;
    }
    let mut scores: Vec<f32> = cluster
        .iter()
        .map(|&i| {
            add(vocab, &lines[i].content, -1);
            let c = cohesion(vocab, &lines[i].content);
            add(vocab, &lines[i].content, 1);
            c
        })
        .collect();
    scores.sort_by(f32::total_cmp);
    scores[scores.len() / 2]
}

/// Find the body blocks: (first, last) good block of the article, inclusive.
fn body_region(lines: &[Line]) -> Option<(usize, usize)> {
    let good: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].class == Class::Good).collect();
    if good.is_empty() {
        return None;
    }
    // Clusters of good blocks with small gaps.
    let mut clusters: Vec<Vec<usize>> = vec![vec![good[0]]];
    for w in good.windows(2) {
        if gap(lines, w[0], w[1]) > CLUSTER_GAP {
            clusters.push(Vec::new());
        }
        clusters.last_mut().expect("non-empty").push(w[1]);
    }
    let chars = |c: &Vec<usize>| c.iter().map(|&i| lines[i].text.len()).sum::<usize>();
    let main = (0..clusters.len()).max_by_key(|&i| chars(&clusters[i]))?;
    let mut vocab = Vocab::with_capacity_and_hasher(lines.iter().map(|l| l.content.len()).sum(), Default::default());
    for &i in &clusters[main] {
        add(&mut vocab, &lines[i].content, 1);
    }
    // How much the article's own paragraphs share with each other: a short article has a
    // small vocabulary, so the thresholds scale with it.
    let typical = typical_cohesion(lines, &clusters[main], &mut vocab);
    let (join, edge) = (JOIN_COHESION.min(JOIN_RATIO * typical).max(MIN_JOIN_COHESION), EDGE_COHESION.min(EDGE_RATIO * typical));
    let cluster_words = |c: &Vec<usize>| c.iter().flat_map(|&i| lines[i].content.iter().copied()).collect::<Vec<_>>();
    let (mut lo, mut hi) = (main, main);
    loop {
        let mut grew = false;
        if hi + 1 < clusters.len() && gap(lines, *clusters[hi].last().unwrap(), clusters[hi + 1][0]) <= MAX_JOIN_GAP {
            let w = cluster_words(&clusters[hi + 1]);
            if cohesion(&vocab, &w) >= join {
                add(&mut vocab, &w, 1);
                hi += 1;
                grew = true;
            }
        }
        if lo > 0 && gap(lines, *clusters[lo - 1].last().unwrap(), clusters[lo][0]) <= MAX_JOIN_GAP {
            let w = cluster_words(&clusters[lo - 1]);
            if cohesion(&vocab, &w) >= join {
                add(&mut vocab, &w, 1);
                lo -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let mut members: Vec<usize> = clusters[lo..=hi].concat();
    // The headline's words: the nearest headline-shaped line above the article.
    let headline: Vec<u64> = lines[members[0].saturating_sub(12)..members[0]]
        .iter()
        .rev()
        .find(|l| l.class == Class::Short && (4..=40).contains(&l.words) && !l.text.starts_with(char::is_lowercase))
        .map(|l| l.content.clone())
        .unwrap_or_default();
    // Trim edge blocks that do not share the article's words.
    let trim = |members: &mut Vec<usize>, vocab: &mut Vocab, front: bool| -> bool {
        if members.len() < 2 {
            return false;
        }
        let i = if front { members[0] } else { *members.last().unwrap() };
        // Only across a break: a paragraph right next to the article's text is part of it.
        let neighbour = if front { members[1] } else { members[members.len() - 2] };
        if gap(lines, i.min(neighbour), i.max(neighbour)) == 0 {
            return false;
        }
        add(vocab, &lines[i].content, -1);
        let c = cohesion(vocab, &lines[i].content);
        let off_headline = !headline.is_empty() && !lines[i].content.iter().any(|w| headline.contains(w));
        if c < edge || (c < MIN_JOIN_COHESION && off_headline) {
            if front {
                members.remove(0)
            } else {
                members.pop().unwrap()
            };
            true
        } else {
            add(vocab, &lines[i].content, 1);
            false
        }
    };
    while trim(&mut members, &mut vocab, true) {}
    while trim(&mut members, &mut vocab, false) {}
    Some((members[0], *members.last().unwrap()))
}

/// Cut inline furniture out of a body block: `[caption …]…[/caption]` (kept as captions),
/// a trailing boilerplate sentence run, and trailing bare links.
pub fn split_inline(text: &str, k: &Knowledge, captions: &mut Vec<String>) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[caption") {
        let Some(tag_end) = rest[open..].find(']').map(|e| open + e + 1) else {
            break;
        };
        let Some(close) = rest[tag_end..].find("[/caption]").map(|e| tag_end + e) else {
            break;
        };
        pieces.push(rest[..open].to_owned());
        captions.push(rest[tag_end..close].trim().to_owned());
        rest = &rest[close + "[/caption]".len()..];
    }
    pieces.push(rest.to_owned());
    if let Some(last) = pieces.last_mut() {
        // The earliest tail phrase that starts a sentence ends the text.
        let cut = k.tails.find_iter(&lowercase(last)).map(|m| m.start()).find(|&s| {
            let before = last[..s].trim_end();
            s > 0 && (before.is_empty() || before.ends_with(SENTENCE_END) || before.ends_with(CLOSERS))
        });
        if let Some(s) = cut {
            last.truncate(s);
        }
        // Trailing bare links (an embedded post's short link).
        loop {
            let trimmed = last.trim_end();
            let tok_start = trimmed.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
            let tok = &trimmed[tok_start..];
            if tok_start > 0 && (tok.starts_with("http://") || tok.starts_with("https://") || tok.starts_with("pic.twitter.com/")) {
                last.truncate(tok_start);
            } else {
                break;
            }
        }
    }
    pieces.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

fn word_set(text: &str) -> HashSet<String> {
    words(text).map(str::to_lowercase).collect()
}

fn jaccard(a: &str, b: &str) -> f32 {
    let (a, b) = (word_set(a), word_set(b));
    let inter = a.intersection(&b).count();
    let union = a.union(&b).count();
    if union == 0 { 0.0 } else { inter as f32 / union as f32 }
}

/// Pick the title among the blocks before the body.
fn find_title(lines: &[Line], start: usize, body_vocab: &Vocab) -> (Option<(usize, String)>, Vec<String>) {
    let shaped = |l: &Line| {
        (4..=40).contains(&l.words)
            && !l.content.is_empty()
            && !l.text.starts_with(char::is_lowercase)
            && l.class != Class::Caption
            && l.hint != Hint::Chrome
            && !l.box_marker
            && !l.text.ends_with(':')
            && !l.text.starts_with('©')
            && !l.lower.starts_with("copyright")
    };
    // Costlier checks, run only on lines that share the body's words.
    let headline =
        |l: &Line| !doubled(&l.text) && !keyword_list(&l.text, l.stopwords) && dates::find_date(&l.text).is_none() && !pull_quote(&l.text);
    let mut scored: Vec<(usize, f32)> = Vec::new();
    let mut near = 0; // non-caption blocks between line i and the body
    for i in (0..start).rev() {
        let l = &lines[i];
        if i + 1 < start && lines[i + 1].class != Class::Caption {
            near += 1;
        }
        if !shaped(l) {
            continue;
        }
        // Shared words, discounted for headlines too short to show much.
        let mut score = cohesion(body_vocab, &l.content) * (l.content.len().min(5) as f32 / 5.0).sqrt();
        if score <= 0.0 || !headline(l) {
            continue;
        }
        if near <= 8 {
            score += 0.15 - near as f32 * 0.01;
        }
        if l.hint == Hint::Heading {
            score += 0.2;
        }
        // A standfirst reads as sentences; a headline is followed by its byline or date.
        if l.words > 12 && ends_sentence(&l.text) {
            score -= 0.15;
        }
        if lines[i + 1..start.min(i + 4)]
            .iter()
            .any(|n| n.words <= 16 && (n.lower.starts_with("by ") || dates::find_date(&n.text).is_some()))
        {
            score += 0.1;
        }
        scored.push((i, score));
    }
    scored.reverse();
    let Some(&(best, best_score)) = scored.iter().max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))) else {
        return (None, Vec::new());
    };
    if best_score < 0.3 {
        return (None, Vec::new());
    }
    // The same headline may be printed several times (breadcrumb, H1, share box) and
    // rewritten (SEO headline): the first of the group is the title, rewrites are variants.
    let group: Vec<usize> =
        scored.iter().map(|s| s.0).filter(|&i| i == best || jaccard(&lines[i].text, &lines[best].text) >= 0.4).collect();
    let first = group[0];
    let title = lines[first].text.clone();
    let mut variants: Vec<String> = Vec::new();
    for &i in &group[1..] {
        let t = &lines[i].text;
        if norm(t) != norm(&title) && !variants.iter().any(|v| norm(v) == norm(t)) {
            variants.push(t.clone());
        }
    }
    (Some((first, title)), variants)
}

/// "4. Headline" (a numbered breadcrumb item copied with the headline) → "Headline".
fn strip_list_number(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    match t[digits..].strip_prefix(". ") {
        Some(rest) if (1..=2).contains(&digits) && rest.starts_with(char::is_uppercase) => rest,
        _ => t,
    }
}

/// Does a text run over a sentence break ("… engines. Subscribe")? Initials ("U.S. Army") are no break.
fn two_sentences(t: &str) -> bool {
    let b = t.as_bytes();
    (2..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b'.' | b'!' | b'?')
            && b[i + 1] == b' '
            && b[i - 1].is_ascii_lowercase()
            && b[i + 2].is_ascii_uppercase()
            && b.get(i + 3).is_some_and(u8::is_ascii_lowercase)
    })
}

/// A line that is all one quotation ("“We will win.”"): a pull quote or a quoted claim, not a headline.
fn pull_quote(t: &str) -> bool {
    let t = t.trim();
    let mut chars = t.chars();
    if !chars.next().is_some_and(|c| matches!(c, '"' | '“' | '«' | '„')) {
        return false;
    }
    let rest = chars.as_str();
    let inner = rest.trim_end_matches(['.', '!', '?']);
    // The first closing quote ends the line.
    rest.char_indices().find(|(_, c)| matches!(c, '"' | '”' | '»')).is_some_and(|(i, c)| i + c.len_utf8() == inner.len())
}

/// Is the line a byline or dateline: "By …" with a few words, or a short line with a date?
fn byline_or_date(l: &Line) -> bool {
    (l.words <= 12 && (l.lower.starts_with("by ") || l.lower == "by")) || (l.words <= 16 && dates::find_date(&l.text).is_some())
}

/// The headline as the line a byline or dateline follows (within three lines): the one,
/// before or in the first lines of the body, that best shares the body's words and does not
/// read as a sentence (a standfirst); a kicker of a word or three is no headline.
fn byline_anchored_title(lines: &[Line], start: usize, body_vocab: &Vocab) -> Option<usize> {
    let end = (start + 12).min(lines.len());
    let mut best: Option<(usize, f32)> = None;
    for i in 0..end {
        let l = &lines[i];
        let shaped = (4..=40).contains(&l.words)
            && l.class != Class::Caption
            && l.hint != Hint::Chrome
            && !l.content.is_empty()
            && !l.text.starts_with(char::is_lowercase)
            && !l.text.ends_with(':')
            && l.words <= 25
            && !(l.words > 10 && l.text.trim_end_matches(CLOSERS).ends_with('.'))
            && !l.lower.starts_with("by ")
            && !l.text.starts_with('©')
            && !(l.words > 16 && two_sentences(&l.text))
            && !pull_quote(&l.text);
        if !shaped || !lines[i + 1..(i + 4).min(lines.len())].iter().any(byline_or_date) || dates::find_date(&l.text).is_some() {
            continue;
        }
        let score = cohesion(body_vocab, &l.content) * (l.content.len().min(5) as f32 / 5.0).sqrt();
        if score >= 0.3 && best.is_none_or(|(_, b)| score > b) {
            best = Some((i, score));
        }
    }
    best.map(|b| b.0)
}

/// The line before `start` that prints `title` (a headline from the markup): equal words,
/// or nearly; a heading and the line nearest the body first.
pub fn line_matching(lines: &[Line], start: usize, title: &str) -> Option<usize> {
    let want = norm(title);
    if want.is_empty() {
        return None;
    }
    let limit = start.min(lines.len());
    (0..limit)
        .filter(|&i| {
            let l = &lines[i];
            l.class != Class::Caption && l.words <= 60 && (norm(&l.text) == want || jaccard(&l.text, title) >= 0.75)
        })
        .max_by_key(|&i| (lines[i].hint == Hint::Heading, norm(&lines[i].text) == want, i))
}

/// The headline-shaped line nearest above the body (4 to 40 words, capitalised, not a
/// sentence run, not furniture), when no line shares the body's words.
pub fn first_headline_shaped(lines: &[Line], start: usize) -> Option<usize> {
    (0..start.min(lines.len())).rev().take(15).find(|&i| {
        let l = &lines[i];
        (4..=40).contains(&l.words)
            && l.class == Class::Short
            && l.hint != Hint::Chrome
            && l.text.starts_with(char::is_uppercase)
            && !l.text.ends_with(':')
            && dates::find_date(&l.text).is_none()
    })
}

/// Run extraction over blocks.
pub fn extract(blocks: Vec<Block>, k: &Knowledge) -> Extracted {
    let mut dups: HashMap<u64, usize> = HashMap::with_capacity_and_hasher(blocks.len(), Default::default());
    let mut lines: Vec<Line> = blocks.into_iter().map(|b| features(b, k)).collect();
    for l in &lines {
        *dups.entry(l.key).or_default() += 1;
    }
    for l in lines.iter_mut() {
        let occurrences = dups[&l.key];
        classify(l, occurrences, k);
        l.tokens = Vec::new();
    }
    let Some((start, end)) = body_region(&lines) else {
        return Extracted { lines, ..Extracted::default() };
    };
    let mut out = Extracted { body_range: (start, end + 1), ..Extracted::default() };
    // Body: good blocks, and short blocks of each gap before the gap's first bad block.
    let mut in_box = false;
    let next_is_good = |i: usize| lines.get(i + 1).is_some_and(|n| n.class == Class::Good);
    // A label of a few words over a list that holds furniture heads a box ("Related").
    let heads_box = |i: usize, l: &Line| {
        let list: Vec<&Line> = lines[i + 1..].iter().take_while(|n| n.class != Class::Good).collect();
        l.words <= 3 && !ends_sentence(&l.text) && list.len() >= 2 && list.iter().any(|n| n.class == Class::Bad)
    };
    for (i, l) in lines.iter().enumerate().take(end + 1).skip(start) {
        match l.class {
            Class::Good => {
                in_box = false;
                out.body.extend(split_inline(&l.text, k, &mut out.captions));
            }
            Class::Short if !in_box && heads_box(i, l) => in_box = true,
            Class::Short if !in_box => out.body.extend(split_inline(&l.text, k, &mut out.captions)),
            // A subheading right before a paragraph starts the article's text again.
            Class::Short if next_is_good(i) && (l.hint == Hint::Heading || (l.words <= 4 && !ends_sentence(&l.text))) => {
                in_box = false;
                out.body.push(l.text.clone());
            }
            Class::Bad => in_box = true,
            Class::Caption => out.captions.push(l.text.clone()),
            Class::Short => {}
        }
    }
    // Captions just above the body (lead photo) belong to the article too.
    for l in lines[..start].iter().rev().take(6) {
        if l.class == Class::Caption {
            out.captions.insert(0, l.text.clone());
        }
    }
    for c in &mut out.captions {
        // A caption scraped twice in a row is recorded once.
        if let Some(half) = first_of_two_halves(c) {
            *c = half;
        }
    }
    out.captions.dedup();
    let mut vocab = Vocab::with_capacity_and_hasher(lines[start..=end].iter().map(|l| l.content.len()).sum(), Default::default());
    for l in lines[start..=end].iter().filter(|l| matches!(l.class, Class::Good | Class::Short)) {
        add(&mut vocab, &l.content, 1);
    }
    let (mut title, mut variants) = find_title(&lines, start, &vocab);
    let anchored = |i: usize| lines[i + 1..(i + 4).min(lines.len())].iter().any(byline_or_date);
    if let Some(i) = byline_anchored_title(&lines, start, &vocab)
        && title.as_ref().is_none_or(|t| t.0 != i && !anchored(t.0))
    {
        if let Some((_, old)) = title.take()
            && jaccard(&old, &lines[i].text) >= 0.4
        {
            variants.insert(0, old);
        }
        title = Some((i, lines[i].text.clone()));
    }
    if let Some((i, t)) = &mut title {
        *t = strip_list_number(t).to_owned();
        // A headline read as the body's first paragraph leaves the body.
        if *i >= start && out.body.first().is_some_and(|b| *b == lines[*i].text) {
            out.body.remove(0);
            out.body_range.0 = *i + 1;
        }
    }
    out.title = title;
    out.title_variants = variants;
    out.lines = lines;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k() -> &'static Knowledge {
        Knowledge::builtin()
    }

    const PARA: &str =
        "The minister said on Tuesday that the talks between the two governments would resume next week, after a pause of several months.";
    const PARA2: &str = "Officials from both governments have said that the talks are expected to cover trade, energy and the security of the border region.";
    const PARA3: &str =
        "The talks were suspended in the spring when the two governments disagreed over the border, and trade between them fell sharply.";
    const PARA4: &str =
        "Analysts said the resumption of the talks was a sign that both governments now see more to gain from trade than from the dispute.";

    #[test]
    fn repeated_runs() {
        let tokens = |t: &str| features(Block::plain(t), k()).tokens;
        assert_eq!(
            repeated_coverage(&tokens("Why it matters for the war Why it matters for the war Who wins the vote now Who wins the vote now")),
            1.0
        );
        let line = "“Putin will seek support,” said Hal Brands, professor of global affairs at the School of Studies. Brands, professor of global affairs at the School of Studies.";
        assert!(repeated_coverage(&tokens(line)) < 0.8);
        assert_eq!(repeated_coverage(&tokens(PARA)), 0.0);
        assert_eq!(
            first_of_two_halves("Chinese president Xi Jinping Chinese president Xi Jinping").as_deref(),
            Some("Chinese president Xi Jinping")
        );
        assert_eq!(first_of_two_halves("A  B A B").as_deref(), Some("A B"));
        assert!(doubled("Jane Roe by Jane Roe"));
        assert!(!doubled("Written by Jane Roe"));
    }

    #[test]
    fn captions_by_credit() {
        assert!(is_caption(
            "China's President Xi Jinping, left, shakes hands with Russian President Vladimir Putin. (Mikhail Metzel/Tass/Abaca Press/TNS)"
        ));
        assert!(is_caption("(PC: Reuters)"));
        assert!(is_caption("Leaders meet at the summit this week. (File)"));
        assert!(is_caption("FILE PHOTO. Navy personnel on patrol. © AFP / JOHN DOE"));
        assert!(!is_caption(PARA));
        assert!(!is_caption("The deal was signed in Geneva (Switzerland) on Monday, officials said (in a statement)."));
        assert!(!is_caption("© 2022 Bloomberg L.P"));
    }

    #[test]
    fn inline_captions_and_tails() {
        let mut caps = Vec::new();
        let text = "First part ends here. [caption id=\"a\" align=\"x\"] A caption. AP[/caption] Second part. With inputs from agencies Read all the Latest News here.";
        assert_eq!(split_inline(text, k(), &mut caps), vec!["First part ends here.", "Second part."]);
        assert_eq!(caps, vec!["A caption. AP"]);
        let mut caps = Vec::new();
        assert_eq!(split_inline("He says so. “ https://t.co/abc", k(), &mut caps), vec!["He says so. “"]);
    }

    #[test]
    fn boxes_between_paragraphs_are_cut_and_subheadings_kept() {
        let blocks: Vec<Block> = [
            "Site Name",
            "Home",
            "World",
            "Talks to resume after long pause",
            "By Jane Roe",
            PARA,
            "What comes next?",
            PARA2,
            "Also Read",
            "Unrelated headline about football scores",
            PARA3,
            "“A short quoted line.”",
            "Advertisement",
            PARA4,
            "Tags: talks, border",
            "Home",
            "World",
        ]
        .into_iter()
        .map(Block::plain)
        .collect();
        let e = extract(blocks, k());
        assert_eq!(e.body, vec![PARA, "What comes next?", PARA2, PARA3, "“A short quoted line.”", PARA4]);
        assert_eq!(e.title.map(|t| t.1).as_deref(), Some("Talks to resume after long pause"));
    }

    #[test]
    fn the_headline_is_the_line_its_byline_follows() {
        let blocks: Vec<Block> = [
            "Talks between the governments resume after a long pause",
            "By Jane Roe",
            "Mar 3, 2021",
            PARA,
            PARA2,
            "Related",
            "Other governments to hold talks on trade next week",
            PARA3,
            PARA4,
        ]
        .into_iter()
        .map(Block::plain)
        .collect();
        let e = extract(blocks, k());
        assert_eq!(e.title.map(|t| t.1).as_deref(), Some("Talks between the governments resume after a long pause"));
        assert_eq!(strip_list_number("3. Talks resume"), "Talks resume");
        assert_eq!(strip_list_number("2021. Talks resume"), "2021. Talks resume");
        assert!(two_sentences("The talks resumed in spring. Subscribe to our newsletter"));
        assert!(!two_sentences("U.S. Army and U.K. talks resume"));
        assert!(pull_quote("“We will not give up on these talks.”"));
        assert!(!pull_quote("“We will not give up”: minister vows to keep talking"));
        assert!(!pull_quote("“"));
    }

    proptest::proptest! {
        #[test]
        fn title_helpers_never_panic(s in "\\PC{0,40}") {
            let _ = pull_quote(&s);
            let _ = two_sentences(&s);
            let _ = strip_list_number(&s);
            let _ = pull_quote(&format!("“{s}”"));
            let _ = strip_list_number(&format!("12{s}"));
        }
    }

    #[test]
    fn off_topic_prose_after_the_article_is_not_body() {
        let blurb = "Our site brings you breaking news, entertainment, sport and lifestyle stories from around the world every day, updated around the clock.";
        let blocks: Vec<Block> =
            ["Talks to resume between governments", PARA, PARA2, PARA3, "Source link", blurb].into_iter().map(Block::plain).collect();
        let e = extract(blocks, k());
        assert_eq!(e.body, vec![PARA, PARA2, PARA3]);
    }
}
