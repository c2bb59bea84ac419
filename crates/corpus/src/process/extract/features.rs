//! Each block's features and class: running prose (good), furniture (bad), short, or a
//! caption, from the block's own text and how often it occurs on the page.

use super::{Block, Class, Hint, Line};
use crate::process::dates;
use crate::process::knowledge::{Knowledge, lowercase};

pub(super) const SENTENCE_END: &[char] = &['.', '!', '?', '…', '。', '！', '？', '।', '۔', '؟'];
pub(super) const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

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

pub(super) fn norm(text: &str) -> String {
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

pub(super) fn strip_bullet(text: &str) -> &str {
    text.trim_start_matches(['•', '·', '▪', '►', '»', '*', '-', '–']).trim()
}

pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(SENTENCE_END)
}

/// The first half of a text printed twice ("X X" → "X").
pub(super) fn first_of_two_halves(text: &str) -> Option<String> {
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
pub(super) fn doubled(text: &str) -> bool {
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
pub(super) fn repeated_coverage(ws: &[u64]) -> f32 {
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
pub(super) fn keyword_list(text: &str, stop: usize) -> bool {
    let items: Vec<&str> = text.split(',').collect();
    items.len() >= 4 && stop * 5 <= items.len() && items.iter().all(|i| i.split_whitespace().count() <= 4)
}

/// A photo caption line, by its credit: "(Mikhail Metzel/Tass)", "(File)", "(PC: Reuters)",
/// "© AFP / NAME", "FILE PHOTO. …", "Photo: …".
pub fn is_caption(text: &str) -> bool {
    is_caption_lower(text.trim(), &lowercase(text.trim()))
}

pub(super) fn is_caption_lower(t: &str, lower: &str) -> bool {
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
    // "Shiny Morpho butterflies are prized for their blue. Kena Betancur/Getty Images": a
    // sentence, then a photographer and agency joined by a slash.
    if let Some((end, c)) = t.char_indices().rev().find(|(_, c)| SENTENCE_END.contains(c)) {
        let credit = t[end + c.len_utf8()..].trim();
        let cl = credit.to_lowercase();
        const AGENCIES: &[&str] =
            &["getty images", "getty", "ap", "ap photo", "reuters", "afp", "epa", "shutterstock", "bloomberg", "associated press"];
        let agency = cl.rsplit_once('/').is_some_and(|(_, a)| AGENCIES.contains(&a.trim()));
        return agency && credit.split_whitespace().count() <= 7 && credit.starts_with(char::is_uppercase);
    }
    false
}

/// Most longer words capitalised, as in a headline ("Rates Rise in U.S. States Where…").
pub(super) fn title_case(text: &str) -> bool {
    let (mut long, mut upper) = (0, 0);
    for w in words(text).filter(|w| w.chars().count() >= 4) {
        long += 1;
        upper += usize::from(w.starts_with(char::is_uppercase));
    }
    long >= 4 && upper * 10 >= long * 7
}

/// A sentence of the text with a link in it ("… faces a charge of [conspiracy to commit
/// computer intrusion] in the US."): prose, not a link box, though most of it is linked.
/// A fully linked line is a link whatever its shape.
pub(super) fn linked_sentence(l: &Line) -> bool {
    l.link_density < 0.9 && l.words >= 10 && l.stopwords * 4 >= l.words && ends_sentence(&l.text)
}

/// A line that ends on a date with no sentence after it: a citation ("Agency, \"Report
/// title,\" Nov. 5, 2019") or a teaser's dateline, not a sentence of the text.
pub(super) fn ends_with_date(text: &str) -> bool {
    if !text.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // The last few words: a date there, not earlier in the line.
    let tail_start = text.char_indices().rev().filter(|(_, c)| c.is_whitespace()).nth(3).map_or(0, |(i, _)| i);
    dates::find_date(&text[tail_start..]).is_some()
}

/// "Related: Other headline", "Read more: …": a box marker as a label before a colon.
pub(super) fn labelled_link(lower: &str, k: &Knowledge) -> bool {
    let Some(colon) = lower.find(':') else {
        return false;
    };
    let label = &lower[..colon];
    let n = words(label).count();
    (1..=4).contains(&n) && k.box_markers.starts(label, words(label).next().unwrap_or(""), n, 0)
}

/// A gallery's counter: "Image 2 of 5", "3 of 12", "Photo 1/8".
pub(super) fn gallery_counter(lower: &str) -> bool {
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
/// The names part of a byline: after "By " ("by " in themes that print it so, "BY ").
fn after_by(text: &str) -> Option<&str> {
    text.strip_prefix("By ").or_else(|| text.strip_prefix("BY ")).or_else(|| text.strip_prefix("by "))
}

pub(super) fn byline(text: &str) -> bool {
    let Some(rest) = after_by(text) else {
        return false;
    };
    let names: Vec<&str> = rest.split_whitespace().filter(|w| !matches!(*w, "and" | "&")).collect();
    (1..=6).contains(&names.len()) && names.iter().all(|w| w.starts_with(char::is_uppercase)) && !ends_sentence(text)
}

/// A byline with its date: "By Jane Roe and John Doe on Monday, November 18th, 2019 at 11:08
/// a.m.", "By Jane Roe | March 3, 2020", "by Jane Roe November 1, 2023". Names first
/// (capitalised words, commas, "and"), then "on", a separator or straight away a date. "By
/// March 2020, the firm had…" is not one: its names part is itself a date.
pub(super) fn dated_byline(text: &str) -> bool {
    let Some(rest) = after_by(text) else {
        return false;
    };
    let cut = rest
        .find(" on ")
        .or_else(|| rest.find(['|', '•', '—', '–']))
        .or_else(|| rest.find(" - "))
        .or_else(|| dates::find_date(rest).and_then(|d| rest.find(d.evidence.as_str())).filter(|&at| at > 0));
    let Some(cut) = cut else {
        return false;
    };
    let (names, date) = rest.split_at(cut);
    let words: Vec<&str> = names.split([' ', ',']).filter(|w| !w.is_empty() && !matches!(*w, "and" | "&")).collect();
    (1..=8).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && dates::find_date(names).is_none()
        && dates::find_date(date).is_some()
}

/// A line that opens the readers' comments: one of the knowledge's phrases, after a count
/// or before one ("25 Comments", "Comments (25)", "Read/Post Comments (25) | Recommend").
fn comments_heading(lower: &str, k: &Knowledge) -> bool {
    let rest = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let n = rest.split_whitespace().count();
    k.comments.starts(rest, words(rest).next().unwrap_or(""), n, 3)
}

/// An e-mail address: an author's contact line.
pub(super) fn has_email(text: &str) -> bool {
    text.contains('@')
        && text.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.ends_with('.'))
        })
}

/// How many words a run of letters is: one, or for Chinese and Japanese, written without
/// spaces, one for every two of their characters (about their words' mean length).
fn cjk_words(w: &str) -> usize {
    if w.is_ascii() {
        return 1;
    }
    let cjk = w.chars().filter(|&c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')).count();
    (cjk / 2).max(1)
}

/// One pass over a block's words: counts, content terms and a key for spotting repeats.
pub(super) fn features(block: Block, k: &Knowledge) -> Line {
    use std::hash::Hasher;
    let stripped = strip_bullet(&block.text);
    let bulleted = block.text.trim_start().starts_with(['•', '▪', '►', '*']) && !stripped.is_empty();
    let text = if stripped.len() == block.text.len() { block.text } else { stripped.to_owned() };
    let lower = lowercase(&text);
    let mut n = 0;
    let mut stop = 0;
    let mut content = Vec::with_capacity(lower.len() / 10);
    let mut key = rustc_hash::FxHasher::default();
    let mut tokens = Vec::with_capacity(lower.len() / 5);
    for w in words(&lower) {
        n += cjk_words(w);
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
        comments: false,
        bulleted,
        hint: block.hint,
        link_density: block.link_density,
        key: key.finish(),
        tokens,
        echo: false,
        repeated: false,
    }
}

/// Class a block from its features and how often its text occurs on the page.
/// Checks run cheapest first.
pub(super) fn classify(l: &mut Line, occurrences: usize, k: &Knowledge) {
    let (n, text, lower) = (l.words, l.text.as_str(), l.lower.as_str());
    let short = n <= k.max_phrase_words + 3;
    let first_word = || words(lower).next().unwrap_or("");
    l.box_marker = short && k.box_markers.starts(lower, first_word(), n, 2);
    l.comments = n <= 8 && l.hint != Hint::Caption && comments_heading(lower, k);
    let short_date_line = || n <= 14 && dates::find_date(text).is_some();
    let density = if n == 0 { 0.0 } else { l.stopwords as f32 / n as f32 };
    let hint = l.hint;
    let caption = hint == Hint::Caption || (hint != Hint::Heading && n <= 60 && is_caption_lower(text, lower));
    let furniture = || {
        n == 0
            || hint == Hint::Chrome
            || (l.link_density > 0.5 && !linked_sentence(l))
            || l.box_marker
            || l.syndication
            || lower.starts_with('©')
            || lower.starts_with("copyright")
            || (n <= 12 && lower.contains('©'))
            || (text.starts_with('(') && text.ends_with(')') && n > 3 && !(n >= 25 && ends_sentence(&text[..text.len() - 1])))
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
            || (n <= 30 && dated_byline(text))
            || (n <= 60 && k.calls.is_match(lower))
            || (n <= 40 && has_email(text))
            || (n <= 150 && repeated_coverage(&l.tokens) >= 0.8)
    };
    let repeated = n < 30 && occurrences > 1;
    let (class, only_repeated) = if caption {
        (Class::Caption, false)
    } else if furniture() {
        (Class::Bad, false)
    } else if repeated {
        (Class::Bad, true)
    } else if hint != Hint::Heading
        && ((n >= 10
            && text.len() >= 60
            && density >= 0.2
            && (ends_sentence(text) || (text.contains(". ") && !title_case(text)) || n >= 40))
            || (n >= 30 && density >= 0.3))
    {
        (Class::Good, false)
    } else {
        (Class::Short, false)
    };
    l.class = class;
    l.repeated = only_repeated;
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

pub(super) fn hash_word(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}
