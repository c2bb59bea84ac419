//! The measures both answer keys share: word tokens, 4-token shingles, body precision and
//! recall, and text equality after the keys' normalisation.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

/// Word tokens as the keys' `\w+` (Unicode letters, digits and `_`).
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

/// Multiset of 4-token shingles (a text of 1–3 tokens is one shorter shingle).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        *m.entry(toks).or_default() += 1;
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w.to_vec()).or_default() += 1;
    }
    m
}

/// Body (precision, recall) of `out` against `key`, and whether `out` predicted anything.
/// A page with nothing to find and nothing found scores 1 on both.
pub fn body_scores(out: &str, key: &str) -> (f64, f64) {
    let (o, k) = (shingles(out), shingles(key));
    let tp: usize = o.iter().map(|(s, n)| (*n).min(k.get(s).copied().unwrap_or(0))).sum();
    let (no, nk) = (o.values().sum::<usize>(), k.values().sum::<usize>());
    if no == tp && nk == tp {
        return (1.0, 1.0);
    }
    let p = if no == 0 { 0.0 } else { tp as f64 / no as f64 };
    let r = if nk == 0 { 1.0 } else { tp as f64 / nk as f64 };
    (p, r)
}

pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Equality form for titles, names and authors: NFC, collapsed white space, lower case, and
/// typographic quotes (and, with `dashes`, en and em dashes) folded to ASCII.
pub fn norm(s: &str, dashes: bool) -> String {
    collapse(&s.nfc().collect::<String>())
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            '—' | '–' if dashes => '-',
            c => c,
        })
        .collect()
}

/// Share of `key`'s lower-cased tokens that `out` covers (counted with multiplicity).
pub fn token_overlap(out: &str, key: &str) -> f64 {
    let mut have: HashMap<String, usize> = HashMap::new();
    for t in tokens(out) {
        *have.entry(t.to_lowercase()).or_default() += 1;
    }
    let want: Vec<String> = tokens(key).into_iter().map(str::to_lowercase).collect();
    if want.is_empty() {
        return 0.0;
    }
    let shared = want
        .iter()
        .filter(|t| match have.get_mut(t.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count();
    shared as f64 / want.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores() {
        assert_eq!(body_scores("a b c d e", "a b c d e"), (1.0, 1.0));
        let (p, r) = body_scores("a b c d e f", "a b c d e");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && r == 1.0);
        assert_eq!(body_scores("x y", "x y"), (1.0, 1.0));
        assert_eq!(body_scores("", ""), (1.0, 1.0));
        assert_eq!(body_scores("", "a b c d"), (0.0, 0.0));
    }

    #[test]
    fn text_equality() {
        assert_eq!(norm("Putin courts China’s Xi", false), norm("putin  courts china's xi", false));
        assert_ne!(norm("A – B", false), norm("a - b", false));
        assert_eq!(norm("A – B", true), norm("a - b", true));
    }

    #[test]
    fn overlap_counts_each_token_once() {
        assert_eq!(token_overlap("we will win", "We will, we will win"), 0.6);
        assert_eq!(token_overlap("anything", ""), 0.0);
    }
}
