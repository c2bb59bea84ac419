//! The same story published by several outlets: detected by the share of body text two
//! articles have in common (sampled 5-word shingles), and linked both ways. Nothing is
//! dropped; the explorer shows the copies side by side.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::model::{Article, StoryLink};
use crate::process::extract::words;

/// Share of the smaller article's sampled shingles found in the other.
pub const MIN_CONTAINMENT: f32 = 0.5;
/// One shingle in `SAMPLE` is kept (by hash), which keeps the index small.
const SAMPLE: u64 = 4;
/// Shingles found in more articles than this are phrases, not evidence of a shared story.
const MAX_POSTINGS: usize = 64;

/// One word's hash, case-folded, with no allocation for the lowercase form.
fn word_hash(word: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    for c in word.chars().flat_map(char::to_lowercase) {
        h.write_u32(c as u32);
    }
    h.finish()
}

fn shingles(article: &Article) -> Vec<u64> {
    let hashes: Vec<u64> = article.body.iter().flat_map(|p| words(p)).map(word_hash).collect();
    let mut out: Vec<u64> = hashes
        .windows(5)
        .map(|w| {
            let mut h = rustc_hash::FxHasher::default();
            w.hash(&mut h);
            // FxHash's low bits are weak: mix before sampling on them.
            let x = h.finish();
            (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
        })
        .filter(|h| h % SAMPLE == 0)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Fill `same_story` for every pair of articles that share most of their text.
pub fn link(articles: &mut [Article]) {
    let sets: Vec<Vec<u64>> = articles.iter().map(shingles).collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut links: Vec<(usize, usize, f32)> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for h in set {
            let postings = index.entry(*h).or_default();
            if postings.len() <= MAX_POSTINGS {
                for &j in postings.iter() {
                    *shared.entry(j).or_default() += 1;
                }
            }
            postings.push(i);
        }
        // In article order, so the links (and the output) are the same from run to run.
        let mut shared: Vec<(usize, usize)> = shared.into_iter().collect();
        shared.sort_unstable();
        for (j, n) in shared {
            let smaller = set.len().min(sets[j].len()).max(1);
            let containment = n as f32 / smaller as f32;
            if containment >= MIN_CONTAINMENT {
                links.push((j, i, containment));
            }
        }
    }
    for (a, b, sim) in links {
        let (ida, fa) = (articles[a].id, articles[a].file.clone());
        let (idb, fb) = (articles[b].id, articles[b].file.clone());
        articles[a].same_story.push(StoryLink { article: idb, file: fb, similarity: sim });
        articles[b].same_story.push(StoryLink { article: ida, file: fa, similarity: sim });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: u32, body: &[&str]) -> Article {
        let mut a = Article::new(id, format!("{id}.txt"), "t");
        a.body = body.iter().map(|s| s.to_string()).collect();
        a
    }

    #[test]
    fn links_copies_not_strangers() {
        let story = [
            "Chinese leader Xi Jinping will meet Vladimir Putin at a regional summit in Uzbekistan this week, in a public show of solidarity.",
            "Analysts say that as relations with Washington plummet, Beijing believes it needs to nurture its relationship with its giant northern neighbour.",
            "China has ramped up its oil purchases from Russia in recent months, helping to offset the loss of European buyers for Moscow.",
        ];
        let mut copy = story.to_vec();
        copy.push("This story was republished from a wire feed and lightly edited for length by our staff.");
        let other = [
            "The city council voted on Tuesday to extend the tram line to the airport, a project first proposed twenty years ago by the mayor.",
        ];
        let mut articles = vec![article(0, &story), article(1, &copy), article(2, &other)];
        link(&mut articles);
        assert_eq!(articles[0].same_story.iter().map(|l| l.article).collect::<Vec<_>>(), vec![1]);
        assert_eq!(articles[1].same_story.iter().map(|l| l.article).collect::<Vec<_>>(), vec![0]);
        assert!(articles[2].same_story.is_empty());
    }
}
