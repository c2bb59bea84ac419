//! Where the article's text is on the page: clusters of good blocks, joined by shared
//! vocabulary, and the edges around them (a lead printed twice, a list that ends the
//! article, an author's note after it).

use rustc_hash::FxHashMap as HashMap;

use super::features::{ends_sentence, title_case};
use super::{Class, Hint, Line};

/// Counts of content words.
pub(super) type Vocab = HashMap<u64, u32>;

pub(super) fn add(v: &mut Vocab, words: &[u64], sign: i64) {
    for w in words {
        let e = v.entry(*w).or_insert(0);
        *e = (*e as i64 + sign).max(0) as u32;
    }
}

/// Share of `words` that the vocabulary holds.
pub(super) fn cohesion(v: &Vocab, words: &[u64]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| v.get(*w).is_some_and(|&c| c > 0)).count() as f32 / words.len() as f32
}

/// Blocks strictly between two indexes that break the text: captions do not, nor the few
/// words beside one (a photo's credit, a gallery's "Previous Next"), and neither does a
/// short block that reads as part of the text (a one-line paragraph, a list's intro or item:
/// a sentence, a line ending with a colon, a bulleted item; not navigation, not mostly
/// links, not furniture).
fn gap(lines: &[Line], a: usize, b: usize) -> usize {
    (a + 1..b).filter(|&i| lines[i].class != Class::Caption && !quiet(&lines[i]) && !of_a_figure(lines, i)).count()
}

/// Words of a line beside a caption that belongs to its figure (a credit, "Enlarge").
const FIGURE_WORDS: usize = 8;

/// A few words beside a caption that are no sentence: the figure's credit or buttons
/// ("Jane Roe/for Example News", "Previous Next").
pub(super) fn of_a_figure(lines: &[Line], i: usize) -> bool {
    let caption = |j: usize| lines.get(j).is_some_and(|l| l.class == Class::Caption);
    let l = &lines[i];
    l.words <= FIGURE_WORDS && l.hint != Hint::Chrome && !ends_sentence(&l.text) && (caption(i + 1) || caption(i.wrapping_sub(1)))
}

/// The article's last short paragraphs: one-sentence lines right after its end ("She
/// declined to comment."), up to [`MAX_CLOSING`] of them. Returns the new end.
pub(super) fn closing_sentences(lines: &[Line], end: usize) -> usize {
    let after = lines[end + 1..].iter().take_while(|l| quiet(l) && ends_sentence(&l.text) && !l.comments).take(MAX_CLOSING + 1).count();
    if after <= MAX_CLOSING { end + after } else { end }
}

/// More one-sentence lines than this after the article are a list of their own.
const MAX_CLOSING: usize = 3;

fn quiet(l: &Line) -> bool {
    l.class == Class::Short
        && l.hint != Hint::Chrome
        && l.link_density <= 0.5
        && !l.repeated
        && (ends_sentence(&l.text) || l.text.ends_with(':') || l.bulleted)
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
/// stands alone between other lines counted half, and a quarter when it is one of several
/// that stand alone under a link (a headline's). An article's paragraphs follow each other;
/// a list of teasers (linked headline, one-paragraph summary, again and again) has as much
/// prose, but every paragraph of it stands alone under its link.
fn weight(lines: &[Line], cluster: &[usize]) -> usize {
    let adjacent = |k: usize| {
        (k > 0 && gap(lines, cluster[k - 1], cluster[k]) == 0) || (k + 1 < cluster.len() && gap(lines, cluster[k], cluster[k + 1]) == 0)
    };
    let under_link = |i: usize| lines[..i].iter().rev().find(|l| l.class != Class::Caption).is_some_and(|l| l.link_density > 0.5);
    let teaser = |k: usize| !adjacent(k) && under_link(cluster[k]);
    // One paragraph under a link (a tag line above the text) is no list of teasers.
    let teasers = (0..cluster.len()).filter(|&k| teaser(k)).count() >= 2;
    (0..cluster.len())
        .map(|k| {
            let len = lines[cluster[k]].text.len();
            if adjacent(k) {
                len * 2
            } else if teasers && teaser(k) {
                len / 4
            } else {
                len
            }
        })
        .sum()
}

/// Find the body blocks: (first, last) good block of the article, inclusive.
pub(super) fn body_region(lines: &[Line]) -> Option<(usize, usize)> {
    let good: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].class == Class::Good).collect();
    if good.is_empty() {
        return None;
    }
    // Clusters of good blocks with small gaps.
    // The readers' comments start at their heading: no cluster runs across it, and the
    // article does not grow down past it.
    let comments_between = |a: usize, b: usize| lines[a + 1..b].iter().any(|l| l.comments);
    let mut clusters: Vec<Vec<usize>> = vec![vec![good[0]]];
    for w in good.windows(2) {
        if gap(lines, w[0], w[1]) > CLUSTER_GAP || comments_between(w[0], w[1]) {
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
    // An article that is a list (a paragraph under each item's title and credits, items on
    // different things: reviews, picks) shares few words from item to item. When most of the
    // core's paragraphs stand so, two lines or more from the next, a cluster just past the gap that parts clusters (a
    // section heading more than the list's own rhythm) needs to share less.
    let core = &clusters[main];
    // The gap after each of the core's paragraphs but the last, measured once.
    let after: Vec<usize> = core.windows(2).map(|w| gap(lines, w[0], w[1])).collect();
    let alone = (0..core.len()).filter(|&k| (k == 0 || after[k - 1] >= 2) && after.get(k).is_none_or(|&g| g >= 2)).count();
    let list = core.len() >= 3 && alone * 2 > core.len();
    let need = |g: usize| if list && g <= CLUSTER_GAP + 2 { MIN_JOIN_COHESION } else { join };
    // The ends of the break between cluster `i` and the next.
    let between = |i: usize| (*clusters[i].last().unwrap(), clusters[i + 1][0]);
    let (mut lo, mut hi) = (main, main);
    loop {
        let mut grew = false;
        if hi + 1 < clusters.len() {
            let (a, b) = between(hi);
            let g = gap(lines, a, b);
            if g <= MAX_JOIN_GAP && !comments_between(a, b) {
                let w = cluster_words(&clusters[hi + 1]);
                if cohesion(&vocab, &w) >= need(g) {
                    add(&mut vocab, &w, 1);
                    hi += 1;
                    grew = true;
                }
            }
        }
        if lo > 0 {
            let (a, b) = between(lo - 1);
            let g = gap(lines, a, b);
            if g <= MAX_JOIN_GAP {
                let w = cluster_words(&clusters[lo - 1]);
                if cohesion(&vocab, &w) >= need(g) {
                    add(&mut vocab, &w, 1);
                    lo -= 1;
                    grew = true;
                }
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
pub(super) fn promote_sentences(lines: &mut [Line], english: bool) {
    let sentence = |l: &Line| {
        l.class == Class::Short
            && l.hint == Hint::Plain
            && l.words >= 4
            && ends_sentence(&l.text)
            && !l.text.ends_with("...")
            && !l.text.ends_with('…')
    };
    for l in lines.iter_mut() {
        if sentence(l) && l.stopwords * 5 >= l.words {
            l.class = Class::Good;
        }
    }
    // Still nothing, or a page not in English (or not real words: a placeholder, a
    // generator's output): it has none of the function words, but its sentences are its prose.
    if !english || !lines.iter().any(|l| l.class == Class::Good) {
        for l in lines.iter_mut() {
            if sentence(l) {
                l.class = Class::Good;
            }
        }
    }
}

/// The article's first paragraph when it is one short sentence, or when the page prints it twice (a standfirst above the
/// photo and again as the text's first paragraph): the repeat made it "furniture", but a
/// sentence right above the body, whose only fault is its twin, is the lead.
pub(super) fn lead_before(lines: &[Line], start: usize) -> usize {
    let mut i = start;
    let mut skipped = 0;
    while i > 0 && skipped <= 2 {
        let l = &lines[i - 1];
        // A one-sentence lead that is not long enough to read as a paragraph on its own.
        let short_lead = skipped == 0
            && l.class == Class::Short
            && l.hint == Hint::Plain
            && !title_case(&l.text)
            && l.link_density <= 0.5
            && l.words >= 8
            // A news lead is dense in names and numbers: fewer function words than a paragraph.
            && l.stopwords * 7 >= l.words
            && ends_sentence(&l.text);
        if short_lead {
            return i - 1;
        }
        if l.echo || l.class == Class::Caption || (l.class == Class::Short && l.words <= 8 && !ends_sentence(&l.text)) {
            i -= 1;
            skipped += usize::from(l.class != Class::Caption);
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
/// holds the same separator: "June 9 – City @ Venue", "Name 12 34%", "Jan. 15: Boat Show").
/// Items run to the first line of another shape, furniture or prose; an item that reads as
/// furniture on its own (a date line) is kept when it has the list's shape.
pub(super) fn list_after(lines: &mut [Line], end: usize) -> usize {
    let Some(intro) = lines.get(end + 1) else {
        return end;
    };
    let colon = |l: &Line| l.text.trim_end().ends_with(':');
    let plain = |l: &Line| l.hint != Hint::Chrome && l.link_density <= 0.5;
    let (first, announced) = if colon(&lines[end]) {
        (end + 1, true)
    } else if intro.class == Class::Short && plain(intro) && (intro.words <= 12 || colon(intro)) && !ends_sentence(&intro.text) {
        (end + 2, colon(intro))
    } else {
        return end;
    };
    let item = |l: &Line| l.class == Class::Short && plain(l) && l.words <= 30;
    let stray = |l: &Line| l.class == Class::Bad && l.hint == Hint::Plain && l.link_density <= 0.5 && !l.repeated && l.words <= 30;
    let rest = || lines[first.min(lines.len())..].iter().filter(|l| !l.echo);
    const SEPARATORS: [&str; 9] = [" – ", " — ", " -- ", " - ", " @ ", " | ", ": ", "\t", "  "];
    let taken = if announced {
        // The list's shape is what its first three lines share; a line that reads as
        // furniture on its own is an item when it has that shape.
        let head: Vec<&Line> = rest().take_while(|l| item(l) || stray(l)).take(3).collect();
        let shape = SEPARATORS.into_iter().find(|sep| head.len() == 3 && head.iter().all(|l| l.text.contains(sep)));
        rest().take_while(|l| item(l) || (stray(l) && shape.is_some_and(|sep| l.text.contains(sep)))).count()
    } else {
        let items: Vec<&Line> = rest().take_while(|l| item(l)).collect();
        match SEPARATORS.iter().find(|sep| items.iter().filter(|l| l.text.contains(**sep)).count() * 5 >= items.len() * 4) {
            Some(sep) => items.iter().take_while(|l| l.text.contains(*sep)).count(),
            None => return end,
        }
    };
    if taken < 3 {
        return end;
    }
    // Index of the last item taken, counting echoes skipped on the way; an item read as
    // furniture is the list's.
    let mut seen = 0;
    let mut last = first;
    for (i, l) in lines.iter_mut().enumerate().skip(first) {
        if l.echo {
            continue;
        }
        l.class = Class::Short;
        seen += 1;
        last = i;
        if seen == taken {
            break;
        }
    }
    last
}

/// An author's note after the article: a name on a line of its own, then a short paragraph
/// about that person ("Jane joined the paper in 2015. She covers…"). Returns the new end.
pub(super) fn bio_after(lines: &[Line], start: usize, end: usize) -> usize {
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
