//! Page text → article body, captions and title.
//!
//! The method, in the spirit of jusText, works from each block's own features and its
//! context, with no knowledge of any site:
//!
//! 1. Every block (a line of a dump, a block element of an HTML page) is classed as
//!    **good** (running prose: long enough, dense in function words, with sentence
//!    punctuation), **bad** (furniture: repeated elsewhere on the page, a doubled link
//!    text, a byline or date line, a citation ending on a date, a copyright or share line,
//!    a call to the reader, a "Related: …" label, a gallery counter, a keyword list, a link
//!    list, a known boilerplate phrase) or **short**. Photo captions are recognised by
//!    their credit and kept apart (`extract/features.rs`). A line repeated only inside
//!    the article (a table's header row) is not furniture: furniture repeats around it.
//! 2. Good blocks close together form clusters. The article's core is the heaviest: its
//!    characters, a paragraph that stands alone between other lines counted half (a list
//!    of teasers has prose, but no run of paragraphs). Neighbouring clusters join it when
//!    their words are the article's words (lexical cohesion), so boxes cut into the article
//!    do not cut it short, and off-topic prose stays out. Edge blocks that do not share the
//!    article's vocabulary are trimmed. Then the edges: a one-sentence lead right above
//!    the text is kept, and so is a lead printed twice (once); an author's note after the
//!    text is cut; a list that ends the article (announced by a colon, or items of one
//!    shape under a heading) is kept. A page with no good block takes its sentence-shaped
//!    lines as prose: only a page with no sentence has no article (`extract/region.rs`).
//! 3. Between good blocks of the body, short blocks (subheadings, one-line quotes) are
//!    body up to the first bad block of that gap; what follows it is a box.
//! 4. Inside body blocks, inline captions (`[caption]…[/caption]`), trailing
//!    boilerplate ("With inputs from agencies. Read all the latest…") and trailing links
//!    are cut out (`extract/inline.rs`).
//! 5. The title is the headline-like block before the body that best shares the body's
//!    words; near-duplicate headlines are its variants.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::process::dates;
use crate::process::knowledge::Knowledge;

mod features;
mod inline;
mod region;

pub use features::{Words, is_caption, stem, words};
pub use inline::split_inline;

use features::{CLOSERS, classify, doubled, ends_sentence, features, first_of_two_halves, keyword_list, norm, title_case};
#[cfg(test)]
use features::{byline, dated_byline, ends_with_date, gallery_counter, has_email, labelled_link, repeated_coverage};
use region::{Vocab, add, bio_after, body_region, closing_sentences, cohesion, lead_before, list_after, of_a_figure, promote_sentences};

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
    /// Opens the readers' comments ("Comments", "Leave a reply", "25 Comments"): the
    /// article does not go on past it.
    pub comments: bool,
    /// Printed as a list item (a bullet before it): a link in a list more often than a headline.
    pub bulleted: bool,
    /// Hash of the normalised words: equal for the same text printed twice.
    pub key: u64,
    /// Hash of each lower-cased word (kept only until the block is classed).
    tokens: Vec<u64>,
    pub hint: Hint,
    /// The same text as the block right before it (a lead or a caption printed twice
    /// in a row): read once.
    pub echo: bool,
    /// Bad only because its text occurs elsewhere on the page.
    pub repeated: bool,
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
            && !cells(&l.text)
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
        if l.bulleted {
            score -= 0.2;
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
    // Headline, then standfirst, then byline: the standfirst shares more of the body's words
    // and sits nearer the byline, but the line right above it (a line of furniture between at
    // most), no longer than it and scoring nearly as well, is the headline. A kicker of a few
    // words is none, and a standfirst runs to ten words or more.
    let best = scored
        .iter()
        .rev()
        .find(|&&(i, sc)| {
            i < best
                && best - i <= 2
                && sc >= 0.6 * best_score
                && (5..=lines[best].words).contains(&lines[i].words)
                && lines[best].words >= 10
                && !lines[i].bulleted
                && (i + 1..best).all(|j| !shaped(&lines[j]) || lines[j].words <= 4)
                && jaccard(&lines[i].text, &lines[best].text) < 0.4
        })
        .map_or(best, |s| s.0);
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

/// A line repeated only inside the article (a table's header row over each table, a
/// refrain) is the article's own: furniture repeats around it, in menus and footers. A copy
/// in what the markup calls furniture (a share box quoting the lead) does not count.
fn own_repeats(lines: &mut [Line], start: usize, end: usize) {
    let mut outside: HashSet<u64> = HashSet::default();
    for (i, l) in lines.iter().enumerate() {
        if !(start..=end).contains(&i) && l.hint != Hint::Chrome {
            outside.insert(l.key);
        }
    }
    for l in &mut lines[start..=end] {
        if l.repeated && !outside.contains(&l.key) {
            l.class = Class::Short;
        }
    }
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

/// Text copied from side-by-side boxes (table cells, a caption beside a sign-up box): a
/// run of five or more spaces or a tab inside it. A headline is one run of words.
fn cells(t: &str) -> bool {
    t.trim().contains('\t') || t.trim().contains("     ")
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
            && !pull_quote(&l.text)
            && !cells(&l.text);
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
    let lines = classify_lines(blocks, k);
    let Some((start, end)) = body_region(&lines) else {
        return Extracted { lines, ..Extracted::default() };
    };
    let mut lines = lines;
    own_repeats(&mut lines, start, end);
    let start = lead_before(&lines, start);
    let end = bio_after(&lines, start, end);
    let end = list_after(&mut lines, end);
    let end = closing_sentences(&lines, end);
    let mut out = Extracted { body_range: (start, end + 1), ..Extracted::default() };
    (out.body, out.captions) = body_and_captions(&lines, start, end, k);
    choose_title(&lines, start, end, &mut out);
    out.lines = lines;
    out
}

/// Each block's features and class, repeats on the page counted.
fn classify_lines(blocks: Vec<Block>, k: &Knowledge) -> Vec<Line> {
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
    // A page in another language has few of the English function words prose is told by.
    let (words, stopwords) = lines.iter().fold((0, 0), |(w, s), l| (w + l.words, s + l.stopwords));
    let english = stopwords * 20 >= words;
    if !english || !lines.iter().any(|l| l.class == Class::Good) {
        promote_sentences(&mut lines, english);
    }
    lines
}

/// The body's paragraphs and the captions among them, from the lines `start..=end`: good
/// blocks, and short blocks of each gap before the gap's first bad block.
fn body_and_captions(lines: &[Line], start: usize, end: usize, k: &Knowledge) -> (Vec<String>, Vec<String>) {
    let (mut body, mut captions) = (Vec::new(), Vec::new());
    let mut in_box = false;
    let next_is_good = |i: usize| lines.get(i + 1).is_some_and(|n| n.class == Class::Good);
    // A label of a few words over a list that holds furniture heads a box ("Related").
    let heads_box = |i: usize, l: &Line| {
        let list: Vec<&Line> = lines[i + 1..].iter().take_while(|n| n.class != Class::Good).collect();
        l.words <= 3 && !ends_sentence(&l.text) && list.len() >= 2 && list.iter().any(|n| n.class == Class::Bad)
    };
    // Two or more headlines in a row between paragraphs are links to other stories: a
    // subheading is one line, and it reads as a heading of what follows.
    // Items of a list ("Jane Roe, Springfield, Ohio", "May 2 – Town Hall") are not headlines.
    let headline = |l: &Line| {
        l.class == Class::Short
            && l.words >= 4
            && !ends_sentence(&l.text)
            && !l.text.contains([',', '–', '@', '|'])
            && !l.text.contains(" - ")
            && !l.text.contains(" -- ")
            && title_case(&l.text)
    };
    let headline_run =
        |i: usize, l: &Line| headline(l) && lines.get(i + 1).is_some_and(headline) && lines[i..=end].iter().any(|n| n.class == Class::Good);
    for (i, l) in lines.iter().enumerate().take(end + 1).skip(start) {
        if l.echo {
            continue;
        }
        match l.class {
            Class::Good => {
                in_box = false;
                body.extend(split_inline(&l.text, k, &mut captions));
            }
            Class::Short if !in_box && (heads_box(i, l) || headline_run(i, l)) => in_box = true,
            Class::Short if !in_box && !of_a_figure(lines, i) => body.extend(split_inline(&l.text, k, &mut captions)),
            // A subheading right before a paragraph starts the article's text again.
            Class::Short if next_is_good(i) && (l.hint == Hint::Heading || (l.words <= 4 && !ends_sentence(&l.text))) => {
                in_box = false;
                body.push(l.text.clone());
            }
            // The lead printed twice (see `lead_before`).
            Class::Bad if i == start => body.extend(split_inline(&l.text, k, &mut captions)),
            // A section break ("***", "___") before a subheading or paragraph is neither
            // text nor furniture.
            Class::Bad
                if l.words == 0
                    && (next_is_good(i) || (lines.get(i + 1).is_some_and(|n| n.class == Class::Short) && next_is_good(i + 1))) => {}
            Class::Bad => in_box = true,
            Class::Caption => captions.push(l.text.clone()),
            Class::Short => {}
        }
    }
    // Captions just above the body (lead photo) belong to the article too.
    for l in lines[..start].iter().rev().take(6) {
        if l.class == Class::Caption {
            captions.insert(0, l.text.clone());
        }
    }
    for c in &mut captions {
        // A caption scraped twice in a row is recorded once.
        if let Some(half) = first_of_two_halves(c) {
            *c = half;
        }
    }
    captions.dedup();
    (body, captions)
}

/// The headline among the lines before the body (or the line a byline follows), and its
/// variants; a headline read as the body's first paragraph leaves the body.
fn choose_title(lines: &[Line], start: usize, end: usize, out: &mut Extracted) {
    let mut vocab = Vocab::with_capacity_and_hasher(lines[start..=end].iter().map(|l| l.content.len()).sum(), Default::default());
    for l in lines[start..=end].iter().filter(|l| matches!(l.class, Class::Good | Class::Short)) {
        add(&mut vocab, &l.content, 1);
    }
    let (mut title, mut variants) = find_title(lines, start, &vocab);
    let anchored = |i: usize| lines[i + 1..(i + 4).min(lines.len())].iter().any(byline_or_date);
    if let Some(i) = byline_anchored_title(lines, start, &vocab)
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
        if *i >= start && out.body.first().is_some_and(|b| *b == lines[*i].text) {
            out.body.remove(0);
            out.body_range.0 = *i + 1;
        }
    }
    out.title = title;
    out.title_variants = variants;
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
        assert!(is_caption("Shiny Morpho butterflies are prized for their intense blue. Kena Betancur/Getty Images"));
        assert!(!is_caption("The shop is open 24/7. Ask the AP desk"));
        assert!(!is_caption("He waited… and waited。 Then it rained…"), "no sentence end splits a character");
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
    fn teasers_under_their_links_do_not_outweigh_a_one_paragraph_article() {
        let link = |t: &str| Block { text: t.into(), hint: Hint::Heading, link_density: 1.0 };
        let mut blocks = vec![
            Block::plain("Talks to resume between governments"),
            Block { text: "Talks, Border, Trade".into(), hint: Hint::Plain, link_density: 0.9 },
            Block::plain(PARA),
            Block::plain("Share"),
            Block::plain("Print"),
            Block::plain("Email"),
            Block::plain("City guides"),
        ];
        for (headline, summary) in [
            ("Park guide", "Our guide to the parks of the city, with the best places to sit, to eat and to walk the dog."),
            ("Food picks", "The best new places to eat in the city this month, from a bakery to a late-night noodle bar."),
            ("Weekend events", "What is on in the city this weekend: a market, two concerts and a festival of short films."),
        ] {
            blocks.push(link(headline));
            blocks.push(Block::plain(summary));
        }
        assert_eq!(extract(blocks, k()).body, vec![PARA]);
    }

    #[test]
    fn an_article_that_is_a_list_of_reviews_is_read_whole() {
        // Items on different things share few words; a section heading parts them more than
        // their own rhythm of title, author and publisher lines does.
        let items = [
            (
                "The Pilot",
                "Ann Bell",
                "This illustrated book recounts the life of a writer and aviator who crossed deserts and oceans in fragile planes.",
            ),
            (
                "Bud and the Cone",
                "Carl Good",
                "A dog learns humility in the confines of a plastic cone, and young readers will find hilarity in every corner of this book.",
            ),
            (
                "Abuelo",
                "Art Doros",
                "A boy learns a lot from his grandfather as they camp and ride horses under the big sky, a story young readers will love.",
            ),
            (
                "West of the Moon",
                "Margi Preus",
                "Weaving northern folklore with the hardships faced by immigrants, the author spins a riveting tale of love and loss.",
            ),
            (
                "The Crossover",
                "Kwame Alden",
                "Sports and life intertwine in this electric book about basketball, brotherhood and a family that sticks together.",
            ),
            (
                "Ophelia",
                "Karen Fox",
                "Behind a museum door a girl discovers a small boy with an unbelievable tale of wizards, snow and a wicked queen.",
            ),
        ];
        let mut texts = vec!["Best books for young readers", "By Jane Roe", "Share", "PICTURE BOOKS"];
        let credits: Vec<String> = (0..items.len()).map(|i| format!("Harbour Press, $1{i}.99; ages {i}-9")).collect();
        for (i, (title, author, review)) in items.iter().enumerate() {
            if i == 3 {
                texts.push("MIDDLE-GRADE BOOKS");
            }
            texts.extend([*title, *author, credits[i].as_str(), *review]);
        }
        texts.extend(["Comments", "Most popular"]);
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        for (_, _, review) in items {
            assert!(e.body.iter().any(|b| b == review), "{review} missing from {:?}", e.body);
        }
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
        // Sentences without English function words (placeholder text, another language) are
        // still the page's prose.
        let lorem: Vec<Block> =
            ["Home", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Contact us"].into_iter().map(Block::plain).collect();
        assert_eq!(extract(lorem, k()).body, vec!["Lorem ipsum dolor sit amet, consectetur adipiscing elit."]);
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
    fn an_announced_list_keeps_its_date_lines() {
        let intro = "Here is the calendar of the events expected next month, with the host hotel and the number of visitors:";
        let items = [
            "Jan. 1-3: Charger Hockey, Chargers vs. Anchorage, NHH, 200",
            "Jan. 14-19: Supreme Council Mid Winter Meeting, Marriott, 225",
            "Jan. 15-18: BK Productions, 2015 Boat Show, NHH, 500",
            "Jan. 21-25: Medical Association Alliance, Southern Regional Meeting, Embassy Suites, 300",
        ];
        let mut texts = vec!["Talks to resume between governments", PARA, PARA2, PARA3, intro];
        texts.extend(items);
        texts.extend(["Comments", "Most popular"]);
        let lines = classify_lines(texts.iter().copied().map(Block::plain).collect(), k());
        assert_eq!(lines[7].class, Class::Bad, "the third item reads as a date line on its own");
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body[3..], [intro].into_iter().chain(items).collect::<Vec<_>>()[..]);
    }

    #[test]
    fn short_sentences_between_paragraphs_do_not_part_them() {
        // The last paragraph shares few words with the rest; two one-line paragraphs of
        // figures come between. They are the article's text, so the last one is too.
        let last = "However, energy firms fell as crude oil dropped to a five-year low below fifty-seven dollars a barrel, and a refiner closed down.";
        let texts = [
            "Talks to resume between governments",
            PARA,
            PARA2,
            PARA3,
            "The index gained 0.03 percent at 27,403.54 points.",
            "Infrastructure stocks gained 0.5 percent.",
            last,
            "Share",
        ];
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body.last().map(String::as_str), Some(last));
        assert_eq!(e.body.len(), 6);
    }

    #[test]
    fn readers_comments_are_not_the_article_however_close_to_its_words() {
        let comment =
            "I agree that the talks between the two governments should resume, but trade across the border will not recover soon.";
        let comment2 =
            "The governments said the same in the spring, and the talks were suspended again; the border dispute is far from over.";
        for heading in ["Comments from our Readers", "25 Comments", "Leave a Reply"] {
            let texts = ["Talks to resume between governments", PARA, PARA2, PARA3, heading, comment, comment2, PARA4];
            let e = extract(texts.into_iter().map(Block::plain).collect(), k());
            assert_eq!(e.body, vec![PARA, PARA2, PARA3], "{heading}");
        }
        // Without the heading, the same paragraphs are the article's.
        let texts = ["Talks to resume between governments", PARA, PARA2, PARA3, comment, comment2];
        assert_eq!(extract(texts.into_iter().map(Block::plain).collect(), k()).body.len(), 5);
    }

    #[test]
    fn sentences_end_in_other_scripts_too() {
        let zh = ["首页", "新闻", "两国政府同意下周恢复谈判。", "谈判将讨论贸易和能源问题。", "联系我们"];
        let e = extract(zh.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body, vec!["两国政府同意下周恢复谈判。", "谈判将讨论贸易和能源问题。"]);
        assert!(ends_sentence("दोनों सरकारें बातचीत फिर शुरू करेंगी।"));
        assert!(ends_sentence("هل ستستأنف المحادثات؟"));
    }

    #[test]
    fn list_items_between_paragraphs_do_not_part_them() {
        let first = "The historical association leads groups through the old hotel today on ghost walks from one in the afternoon.";
        let last = "A limited number of tickets is being added today at two o'clock for the tours of the third of January.";
        let texts = [
            "Ghost walks at the old hotel",
            "Print",
            first,
            "Here's an update from the association:",
            "• Reservations can only be made online, not by calling",
            "• There are no walk-ins allowed",
            last,
            "View comments",
        ];
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body.first().map(String::as_str), Some(first), "{:?}", e.body);
        assert_eq!(e.body.last().map(String::as_str), Some(last));
        assert_eq!(e.body.len(), 5);
    }

    #[test]
    fn a_long_aside_in_parentheses_is_text_a_short_one_is_not() {
        let aside = "(Speaking of which, the minister is right about what a fine job her predecessor did when he reached out to the border towns and their mayors. Nobody else did.)";
        let texts = ["Talks to resume between governments", PARA, PARA2, aside, PARA3, "(Reporting by Jane Roe; Editing by John Doe)"];
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body, vec![PARA, PARA2, aside, PARA3]);
    }

    #[test]
    fn a_paywall_notice_is_not_text() {
        for notice in [
            "You have reached your limit of free articles this month. Subscribe to continue reading.",
            "［有料会員限定］ この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
        ] {
            let texts = ["Talks to resume between governments", PARA, PARA2, PARA3, notice];
            let e = extract(texts.into_iter().map(Block::plain).collect(), k());
            assert_eq!(e.body, vec![PARA, PARA2, PARA3], "{notice}");
        }
    }

    #[test]
    fn a_byline_with_its_date_is_not_text() {
        assert!(dated_byline("By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m."));
        assert!(dated_byline("By Jane Roe and John Doe | March 3, 2020"));
        assert!(!dated_byline("By March 2020 the firm had cut 500 jobs, on January 3, 2021 it cut more."));
        assert!(!dated_byline("By then the talks had stalled on May 3, 2020."));
        assert!(!dated_byline("By Jane Roe"));
        // A theme's lower-case "by", the date straight after the name.
        assert!(dated_byline("by Mike Sula November 1, 2023 November 1, 2023"));
        assert!(!dated_byline("by the end of November 1, 2023 the talks had stalled."));
        assert!(!dated_byline("By November 1, 2023"));
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
    fn headlines_short_leads_and_section_breaks() {
        assert!(title_case("Harbour Fees Rise in U.S. Ports Where Trade Has Grown"));
        assert!(!title_case(PARA));
        let headline = "Harbour Fees Rise in U.S. Ports Where Trade Has Grown Since the Talks";
        let lead = "The two governments will meet again in May.";
        let blocks: Vec<Block> =
            [headline, "Share", lead, PARA, PARA2, "___", "WHAT COMES NEXT?", PARA3, PARA4].into_iter().map(Block::plain).collect();
        let e = extract(blocks, k());
        assert_eq!(e.body, vec![lead, PARA, PARA2, "WHAT COMES NEXT?", PARA3, PARA4]);
        // A lead dense in names and numbers (few function words) is still the lead.
        let dense = "Harbour fees in Springfield rose 12 percent last year, despite lower fuel costs and the new berths.";
        let blocks: Vec<Block> = [headline, "Back to gallery", dense, PARA, PARA2].into_iter().map(Block::plain).collect();
        assert_eq!(extract(blocks, k()).body, vec![dense, PARA, PARA2]);
        // A standfirst above furniture is not the lead.
        let blocks: Vec<Block> = [headline, lead, "Share", PARA, PARA2].into_iter().map(Block::plain).collect();
        assert_eq!(extract(blocks, k()).body, vec![PARA, PARA2]);
    }

    #[test]
    fn a_gallery_inside_the_article_does_not_cut_it() {
        // Captions with their credits and the gallery's buttons between paragraphs: the figure
        // is one thing, not four lines of furniture.
        let caption = |t: &str| Block { text: t.into(), hint: Hint::Caption, link_density: 0.0 };
        let blocks = vec![
            Block::plain("Home"),
            Block::plain(PARA),
            Block::plain(PARA2),
            Block::plain("Jane Roe/for Example Daily News"),
            caption("The minister leaves the talks on Tuesday."),
            Block::plain("Jane Roe/for Example Daily News"),
            caption("Officials from both sides at the border."),
            Block::plain("Previous Next"),
            Block { text: "Enlarge".into(), hint: Hint::Plain, link_density: 1.0 },
            Block::plain(PARA3),
            Block::plain(PARA4),
            Block::plain("Sign in"),
        ];
        assert_eq!(extract(blocks, k()).body, vec![PARA, PARA2, PARA3, PARA4]);
    }

    #[test]
    fn the_last_short_paragraphs_are_the_articles() {
        let page = |tail: &[&str]| {
            let mut texts = vec!["Home", PARA, PARA2, PARA3];
            texts.extend_from_slice(tail);
            texts.push("Sign in");
            extract(texts.into_iter().map(Block::plain).collect(), k()).body
        };
        let closing = ["\"Any one of us could have been hurt,\" she said.", "The club could not be reached for comment."];
        assert_eq!(page(&closing), [PARA, PARA2, PARA3, closing[0], closing[1]]);
        // Four or more such lines are a list of their own; a line with no sentence end stops them.
        let many = ["One line here ends.", "Two lines here end.", "Three lines here end.", "Four lines here end."];
        assert_eq!(page(&many), [PARA, PARA2, PARA3]);
        assert_eq!(page(&["Most read stories", closing[0]]), [PARA, PARA2, PARA3]);
    }

    #[test]
    fn a_line_repeated_only_inside_the_article_is_its_own() {
        let blocks: Vec<Block> = [
            "Home",
            "Sign in",
            PARA,
            "Team Won Lost",
            "Reds 5 1",
            "Blues 4 2",
            PARA2,
            "Team Won Lost",
            "Greens 3 3",
            PARA3,
            "Home",
            "Sign in",
        ]
        .into_iter()
        .map(Block::plain)
        .collect();
        let e = extract(blocks, k());
        assert_eq!(e.body, vec![PARA, "Team Won Lost", "Reds 5 1", "Blues 4 2", PARA2, "Team Won Lost", "Greens 3 3", PARA3]);
        assert_eq!(e.lines[0].class, Class::Bad, "a line repeated around the article stays furniture");
    }

    #[test]
    fn a_paragraph_quoted_by_a_share_box_is_the_articles() {
        // The share box's summary repeats a paragraph: furniture by its markup, it does not make
        // the paragraph a repeated line. A copy in plain text around the article still does.
        let page = |hint| {
            let mut blocks: Vec<Block> =
                ["Home", PARA, "Sign in", PARA2, PARA, PARA3, PARA4, "Home"].into_iter().map(Block::plain).collect();
            blocks[1].hint = hint;
            extract(blocks, k()).body
        };
        assert_eq!(page(Hint::Chrome), vec![PARA2, PARA, PARA3, PARA4]);
        assert_eq!(page(Hint::Plain), vec![PARA2, PARA3, PARA4]);
    }

    #[test]
    fn headlines_in_a_row_between_paragraphs_are_a_box() {
        let run = ["Storm Damage Closes Coastal Roads", "Local Team Wins the Regional Cup", "Prices Rise Again at the Pump"];
        let mut texts = vec![PARA, PARA2];
        texts.extend(run);
        texts.extend([PARA3, PARA4]);
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body, vec![PARA, PARA2, PARA3, PARA4]);
        // A list of the article (items with commas) stays, as does a single subheading.
        let items = ["Jane Roe, Springfield, Ohio", "John Doe, Riverton, Maine"];
        let mut texts = vec![PARA, PARA2];
        texts.extend(items);
        texts.extend(["What The Talks Will Cover", PARA3, PARA4]);
        let e = extract(texts.into_iter().map(Block::plain).collect(), k());
        assert_eq!(e.body, vec![PARA, PARA2, items[0], items[1], "What The Talks Will Cover", PARA3, PARA4]);
    }

    proptest::proptest! {
        #[test]
        fn any_page_text_extracts_without_panic(lines in proptest::collection::vec("[a-zA-Zé©@:_ .,!?’\"(/)0-9–-]{0,80}", 0..40)) {
            let blocks: Vec<Block> = lines.iter().map(|l| Block { text: l.clone(), hint: Hint::Plain, link_density: 0.6 }).collect();
            let e = extract(blocks, k());
            proptest::prop_assert!(e.body_range.0 <= e.body_range.1);
            let _ = extract(blocks_from_text(&lines.join("\n")), k());
        }
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
    fn headline_over_its_standfirst_and_not_a_listed_link() {
        let title = |lines: &[&str]| extract(lines.iter().map(|l| Block::plain(*l)).collect(), k()).title.map(|t| t.1);
        // The standfirst under the headline shares more of the body's words.
        let t = title(&[
            "Border talks to resume next week",
            "Officials said the talks between the two governments would cover trade, energy and the border region",
            "By Jane Roe Nov 3, 2021",
            PARA,
            PARA2,
            PARA3,
            PARA4,
        ]);
        assert_eq!(t.as_deref(), Some("Border talks to resume next week"));
        // A kicker of a few words over a long headline is no headline.
        let long = "Governments say the border talks on trade and energy will resume next week";
        let t = title(&["Trade and border talks", long, "By Jane Roe Nov 3, 2021", PARA, PARA2, PARA3, PARA4]);
        assert_eq!(t.as_deref(), Some(long));
        // The last link of a list of stories above the headline is not it.
        let t = title(&[
            "• Why the governments suspended talks on trade and the border",
            "Governments resume border talks after a pause",
            "By Jane Roe",
            PARA,
            PARA2,
            PARA3,
            PARA4,
        ]);
        assert_eq!(t.as_deref(), Some("Governments resume border talks after a pause"));
        // A caption copied beside a sign-up box is one line of cells.
        let t = title(&[
            "Ministers of both governments at the border talks in the spring.          Subscribe to our newsletter",
            "Border talks to resume next week",
            PARA,
            PARA2,
            PARA3,
            PARA4,
        ]);
        assert_eq!(t.as_deref(), Some("Border talks to resume next week"));
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
