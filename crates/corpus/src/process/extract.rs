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
    /// The same text as the block right before it (a lead or a caption printed twice
    /// in a row): read once.
    pub echo: bool,
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
    if [
        "file photo",
        "photo:",
        "image:",
        "photograph:",
        "picture:",
        "representational image",
        "(photo",
        "(image",
        "image copyright",
        "image caption",
        "image credit",
        "photo credit",
    ]
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

/// A sentence of the text with a link in it ("… faces a charge of [conspiracy to commit
/// computer intrusion] in the US."): prose, not a link box, though most of it is linked.
/// A fully linked line is a link whatever its shape.
fn linked_sentence(l: &Line) -> bool {
    l.link_density < 0.9 && l.words >= 10 && l.stopwords * 4 >= l.words && ends_sentence(&l.text)
}

/// A line that ends on a date with no sentence after it: a citation ("Agency, \"Report
/// title,\" Nov. 5, 2019") or a teaser's dateline, not a sentence of the text.
fn ends_with_date(text: &str) -> bool {
    if !text.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // The last few words: a date there, not earlier in the line.
    let tail_start = text.char_indices().rev().filter(|(_, c)| c.is_whitespace()).nth(3).map_or(0, |(i, _)| i);
    dates::find_date(&text[tail_start..]).is_some()
}

/// An author's note after the article: a name on a line of its own, then a short paragraph
/// about that person ("Jane joined the paper in 2015. She covers…"). Returns the new end.
fn bio_after(lines: &[Line], start: usize, end: usize) -> usize {
    let bio = &lines[end];
    if end < start + 2 || bio.words > 80 {
        return end;
    }
    let Some(name_at) = (start..end).rev().find(|&i| lines[i].class != Class::Caption && !lines[i].echo) else {
        return end;
    };
    let name = &lines[name_at];
    let parts: Vec<&str> = name.text.split_whitespace().collect();
    let name_shaped = name.class == Class::Short
        && (2..=4).contains(&parts.len())
        && parts.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c)));
    let opening: Vec<&str> = bio.text.split_whitespace().take(3).collect();
    let about = opening.iter().any(|w| parts.iter().any(|p| w.trim_matches(|c: char| !c.is_alphanumeric()) == *p));
    if !(name_shaped && about) {
        return end;
    }
    (start..name_at).rev().find(|&i| lines[i].class == Class::Good).unwrap_or(end)
}

/// "Related: Other headline", "Read more: …": a box marker as a label before a colon.
fn labelled_link(lower: &str, k: &Knowledge) -> bool {
    let Some(colon) = lower.find(':') else {
        return false;
    };
    let label = &lower[..colon];
    let n = words(label).count();
    (1..=4).contains(&n) && k.box_markers.starts(label, words(label).next().unwrap_or(""), n, 0)
}

/// A gallery's counter: "Image 2 of 5", "3 of 12", "Photo 1/8".
fn gallery_counter(lower: &str) -> bool {
    let ws: Vec<&str> = words(lower).collect();
    let num = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let rest = match ws.first() {
        Some(&("image" | "photo" | "picture" | "slide" | "gallery")) => &ws[1..],
        _ => &ws[..],
    };
    match rest {
        [a, "of", b] => num(a) && num(b),
        [a, b] => num(a) && num(b) && lower.contains('/'),
        _ => false,
    }
}

/// A byline on a line of its own: "By Jane Roe", "By Jane Roe and John Doe".
fn byline(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("By ").or_else(|| text.strip_prefix("BY ")) else {
        return false;
    };
    let names: Vec<&str> = rest.split_whitespace().filter(|w| !matches!(*w, "and" | "&")).collect();
    (1..=6).contains(&names.len()) && names.iter().all(|w| w.starts_with(char::is_uppercase)) && !ends_sentence(text)
}

/// An e-mail address: an author's contact line.
fn has_email(text: &str) -> bool {
    text.contains('@')
        && text.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.ends_with('.'))
        })
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
        echo: false,
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
        || (l.link_density > 0.5 && !linked_sentence(l))
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
        || (n <= 40 && ends_with_date(text))
        || keyword_list(text, l.stopwords)
        || (n <= 40 && doubled(text))
        || (n <= 25 && labelled_link(lower, k))
        || (n <= 6 && gallery_counter(lower))
        || (n <= 7 && byline(text))
        || (n <= 60 && k.calls.is_match(lower))
        || (n <= 40 && has_email(text))
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

/// How much a cluster looks like an article's text: its characters, with a paragraph that
/// stands alone between other lines counted half. An article's paragraphs follow each
/// other; a list of teasers (headline, byline, one-paragraph summary, again and again)
/// has as much prose, but every paragraph of it stands alone.
fn weight(lines: &[Line], cluster: &[usize]) -> usize {
    let adjacent = |k: usize| {
        (k > 0 && gap(lines, cluster[k - 1], cluster[k]) == 0) || (k + 1 < cluster.len() && gap(lines, cluster[k], cluster[k + 1]) == 0)
    };
    (0..cluster.len()).map(|k| lines[cluster[k]].text.len() * if adjacent(k) { 2 } else { 1 }).sum()
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
    let main = (0..clusters.len()).max_by_key(|&i| weight(lines, &clusters[i]))?;
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

/// No block reads as running prose (a page of short paragraphs, a brief): the lines that
/// are sentences (a few words, function words among them, a sentence end) are the prose.
/// Only a page with no sentence at all has no article.
fn promote_sentences(lines: &mut [Line]) {
    for l in lines.iter_mut() {
        let sentence = l.class == Class::Short
            && l.hint == Hint::Plain
            && l.words >= 4
            && l.stopwords * 5 >= l.words
            && ends_sentence(&l.text)
            && !l.text.ends_with("...")
            && !l.text.ends_with('…');
        if sentence {
            l.class = Class::Good;
        }
    }
}

/// The article's first paragraph when the page prints it twice (a standfirst above the
/// photo and again as the text's first paragraph): the repeat made it "furniture", but a
/// sentence right above the body, whose only fault is its twin, is the lead.
fn lead_before(lines: &[Line], start: usize) -> usize {
    let mut i = start;
    let mut skipped = 0;
    while i > 0 && skipped <= 2 {
        let l = &lines[i - 1];
        if l.echo || l.class == Class::Caption || (l.class == Class::Short && l.words <= 8 && !ends_sentence(&l.text)) {
            i -= 1;
            skipped += 1;
            continue;
        }
        let prose = l.class == Class::Bad
            && l.hint == Hint::Plain
            && l.link_density <= 0.5
            && l.words >= 10
            && l.stopwords * 5 >= l.words
            && ends_sentence(&l.text)
            && lines[..i - 1].iter().rev().take(4).any(|o| o.key == l.key);
        return if prose { i - 1 } else { start };
    }
    start
}

/// A list that ends the article: after its last paragraph, a line that announces it (ends
/// with a colon, or a short heading) and three or more items that share one shape (each
/// holds the same separator: "June 9 – City @ Venue", "Name 12 34%"). Items run to the
/// first line of another shape, furniture or prose.
fn list_after(lines: &[Line], end: usize) -> usize {
    let Some(intro) = lines.get(end + 1) else {
        return end;
    };
    let colon = |l: &Line| l.text.trim_end().ends_with(':');
    let (first, announced) = if colon(&lines[end]) {
        (end + 1, true)
    } else if intro.class == Class::Short && intro.words <= 12 && intro.hint != Hint::Chrome && !ends_sentence(&intro.text) {
        (end + 2, colon(intro))
    } else {
        return end;
    };
    let item = |l: &Line| l.class == Class::Short && l.hint != Hint::Chrome && l.link_density <= 0.5 && l.words <= 30;
    let items: Vec<&Line> = lines[first.min(lines.len())..].iter().filter(|l| !l.echo).take_while(|l| item(l)).collect();
    if items.len() < 3 {
        return end;
    }
    let taken = if announced {
        items.len()
    } else {
        match [" – ", " — ", " -- ", " - ", " @ ", " | ", "\t", "  "]
            .iter()
            .find(|sep| items.iter().filter(|l| l.text.contains(**sep)).count() * 5 >= items.len() * 4)
        {
            Some(sep) => items.iter().take_while(|l| l.text.contains(*sep)).count(),
            None => return end,
        }
    };
    if taken < 3 {
        return end;
    }
    // Index of the last item taken, counting echoes skipped on the way.
    let mut seen = 0;
    let mut last = first;
    for (i, l) in lines.iter().enumerate().skip(first) {
        if l.echo {
            continue;
        }
        seen += 1;
        last = i;
        if seen == taken {
            break;
        }
    }
    last
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
            let tok_start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
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
    let headline = |l: &Line| !doubled(&l.text) && !keyword_list(&l.text, l.stopwords) && dates::find_date(&l.text).is_none();
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

/// Run extraction over blocks.
pub fn extract(blocks: Vec<Block>, k: &Knowledge) -> Extracted {
    let mut dups: HashMap<u64, usize> = HashMap::with_capacity_and_hasher(blocks.len(), Default::default());
    let mut lines: Vec<Line> = blocks.into_iter().map(|b| features(b, k)).collect();
    for i in 1..lines.len() {
        lines[i].echo = lines[i].words > 0 && lines[i].key == lines[i - 1].key;
    }
    for l in &lines {
        *dups.entry(l.key).or_default() += 1;
    }
    for l in lines.iter_mut() {
        let occurrences = dups[&l.key];
        classify(l, occurrences, k);
        l.tokens = Vec::new();
    }
    if !lines.iter().any(|l| l.class == Class::Good) {
        promote_sentences(&mut lines);
    }
    let Some((start, end)) = body_region(&lines) else {
        return Extracted { lines, ..Extracted::default() };
    };
    let start = lead_before(&lines, start);
    let end = list_after(&lines, bio_after(&lines, start, end));
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
        if l.echo {
            continue;
        }
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
            // The lead printed twice (see `lead_before`).
            Class::Bad if i == start => out.body.extend(split_inline(&l.text, k, &mut out.captions)),
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
    let (title, variants) = find_title(&lines, start, &vocab);
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

    /// A teaser of another story: headline, byline, date, one paragraph of summary.
    fn teaser(i: usize) -> [String; 4] {
        let topics = ["harbour", "election", "orchestra", "vaccine", "railway", "drought", "festival", "stadium", "museum", "satellite"];
        let t = topics[i % topics.len()];
        [
            format!("Council weighs new plan for the {t}"),
            "Sam Writer".to_owned(),
            "Monday March 3, 2025".to_owned(),
            format!(
                "The city council met on Monday evening to discuss what should be done about the {t}, and members of the public spoke for almost two hours about it at the meeting."
            ),
        ]
    }

    #[test]
    fn a_list_of_teasers_does_not_outweigh_the_article() {
        let mut texts: Vec<String> = vec!["Talks to resume between governments".into(), "By Jane Roe".into()];
        texts.extend([PARA, PARA2, PARA3, PARA4].map(str::to_owned));
        texts.push("More stories".into());
        for i in 0..5 {
            texts.extend(teaser(i));
        }
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body, vec![PARA, PARA2, PARA3, PARA4]);
    }

    #[test]
    fn a_page_of_short_sentences_still_has_its_prose() {
        let blocks: Vec<Block> = ["Home", "Bridge closed", "The old bridge is closed for repairs.", "It opens again in May.", "Contact us"]
            .into_iter()
            .map(Block::plain)
            .collect();
        let e = extract(blocks, k());
        assert_eq!(e.body, vec!["The old bridge is closed for repairs.", "It opens again in May."]);
        let menu: Vec<Block> = ["Home", "World", "Sport", "Contact us"].into_iter().map(Block::plain).collect();
        assert!(extract(menu, k()).body.is_empty(), "no sentence, no article");
    }

    #[test]
    fn a_list_that_ends_the_article_is_kept() {
        let items = ["May 2 – Springfield @ Town Hall", "May 9 – Riverton @ Grand Theatre", "May 16 – Lakeside @ Civic Arena"];
        let mut texts = vec!["Talks to resume between governments", PARA, PARA2, PARA3, "The meetings will be held on these dates:"];
        texts.extend(items);
        texts.extend(["Share", "Most popular", "Unrelated headline about a football match"]);
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body[3..], ["The meetings will be held on these dates:"].into_iter().chain(items).collect::<Vec<_>>()[..]);
        // Announced by a heading rather than a colon: the items must share a shape.
        let mut texts = vec![PARA, PARA2, PARA3, "Meeting dates"];
        texts.extend(items);
        let e = extract(texts.iter().copied().map(Block::plain).collect(), k());
        assert_eq!(e.body.len(), 3 + 1 + 3);
        let mut texts = vec![PARA, PARA2, PARA3, "More news"];
        texts.extend(["Storm hits the coast", "Local team wins the cup", "Prices rise again"]);
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body, vec![PARA, PARA2, PARA3], "headlines of other stories are not a list of the article");
    }

    #[test]
    fn a_lead_printed_twice_is_read_once() {
        let lead = "Two governments agreed on Tuesday to resume the talks that broke down in the spring.";
        let blocks: Vec<Block> =
            ["Talks to resume", lead, "Photo by Jo Lens", lead, PARA, PARA2, PARA3].into_iter().map(Block::plain).collect();
        let e = extract(blocks, k());
        assert_eq!(e.body, vec![lead, PARA, PARA2, PARA3]);
    }

    #[test]
    fn reader_furniture_inside_the_text() {
        let kk = k();
        assert!(labelled_link("related: the talks in pictures", kk));
        assert!(labelled_link("read more: why the border matters", kk));
        assert!(!labelled_link("the minister said: we will talk", kk));
        assert!(gallery_counter("image 2 of 5") && gallery_counter("3 of 12") && gallery_counter("photo 1/8"));
        assert!(!gallery_counter("one of them"));
        assert!(byline("By Jane Roe") && byline("By Jane Roe and John Doe"));
        assert!(!byline("By the end of the year, prices rose."));
        assert!(has_email("Write to Jane Roe at jane.roe@example.org."));
        assert!(!has_email("The company, @example on social media, said so."));
        let blocks: Vec<Block> = [
            PARA,
            PARA2,
            "Related: The talks in pictures",
            PARA3,
            PARA4,
            "Jane Roe covers diplomacy. Follow her on social media or write to jane.roe@example.org for more.",
            "Get the latest news delivered every morning. Sign up for our newsletter and never miss a story again, it is free.",
        ]
        .into_iter()
        .map(Block::plain)
        .collect();
        assert_eq!(extract(blocks, k()).body, vec![PARA, PARA2, PARA3, PARA4]);
    }

    #[test]
    fn citations_bios_and_linked_sentences() {
        assert!(ends_with_date("City Budget Office, \"Report on the harbour plan,\" March 3, 2024"));
        assert!(!ends_with_date("The plan was approved on March 3, 2024, after a long debate."));
        assert!(!ends_with_date("The team scored 3 goals in 2024"));
        let bio = "Jane covers energy and climate for the paper. She joined in 2015 after ten years at a wire agency.";
        let blocks: Vec<Block> = [PARA, PARA2, PARA3, "Share", "Jane Roe", bio].into_iter().map(Block::plain).collect();
        assert_eq!(extract(blocks, k()).body, vec![PARA, PARA2, PARA3]);
        let linked = Block {
            text: "The minister faces a charge of misleading the parliament over the cost of the border talks.".into(),
            hint: Hint::Plain,
            link_density: 0.7,
        };
        let all_link = Block { link_density: 1.0, ..linked.clone() };
        let body = |b: Block| extract(vec![Block::plain(PARA), Block::plain(PARA2), b, Block::plain(PARA3)], k()).body.len();
        assert_eq!(body(linked), 4, "a sentence with a long link in it is text");
        assert_eq!(body(all_link), 3, "a line that is all link is not");
        assert!(is_caption("Image copyright Jo Lens"));
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
