//! Body blocks as word and separator ids (`DSR6`): a large corpus's bodies written as its
//! words and the runs between them, each an id into the corpus's own two vocabularies.
//!
//! Measured on 100k synthetic articles (273 MB of bodies): the blocks were 7.2 MB where the
//! same blocks as text were 10.3 MB (zstd level 15 after a trained 512 KB dictionary, both,
//! dictionary included; 6.7 MB after a smaller one, see `codec`), and the
//! text index is made from the ids without reading a character: a block's words are the
//! index's words ([`Vocab::words`] lower-cased are its terms), where from text it split,
//! lower-cased and hashed 273 MB, nine tenths of its build.
//!
//! A body is split exactly as the text index splits it: words are runs of alphanumeric
//! characters (`char::is_alphanumeric`), separators the runs between them, so that a
//! paragraph is a separator, then a word and a separator as many times as it has words
//! (the first and last separators may be empty). A block's raw bytes are varints:
//!
//! ```text
//! block     := article*            (exactly the block's count)
//! article   := paragraph* 0
//! paragraph := sep (word sep)* 0   (sep: 1 + its index in `seps`; word: 1 + its index in `words`)
//! ```
//!
//! A paragraph starts with a separator id (never 0), so a 0 where a paragraph would start
//! ends the article. Both vocabularies are ranked by how often they occur (the commonest
//! ids take one byte), ties in byte order, so the same corpus gives the same bytes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::Article;

/// The words and separators of a corpus's bodies, commonest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocab {
    pub words: Vec<String>,
    pub seps: Vec<String>,
}

/// What a block's ids say, in order, to [`visit`].
pub enum Token {
    /// The next separator: its index in [`Vocab::seps`].
    Sep(u32),
    /// The next word: its index in [`Vocab::words`].
    Word(u32),
    /// The current paragraph ends.
    Paragraph,
    /// The current article ends.
    Article,
}

/// The separator and word runs of `text`, in order: `f(false, sep)`, then `f(true, word)` and
/// `f(false, sep)` for each word.
pub fn split<'a>(text: &'a str, mut f: impl FnMut(bool, &'a str)) {
    let mut rest = text;
    loop {
        let cut = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        f(false, &rest[..cut]);
        rest = &rest[cut..];
        if rest.is_empty() {
            return;
        }
        let cut = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        f(true, &rest[..cut]);
        rest = &rest[cut..];
    }
}

/// Ids of a [`Vocab`] by string, for writing blocks.
pub(super) struct Ids<'a> {
    words: HashMap<&'a str, u32>,
    seps: HashMap<&'a str, u32>,
}

impl Vocab {
    /// The vocabularies of `articles`' bodies, and their ids by string.
    pub(super) fn of(articles: &[Article]) -> (Vocab, Ids<'_>) {
        let (mut words, mut seps) = (HashMap::<&str, u64>::new(), HashMap::<&str, u64>::new());
        for p in articles.iter().flat_map(|a| &a.body) {
            split(p, |word, s| *if word { &mut words } else { &mut seps }.entry(s).or_default() += 1);
        }
        fn ranked(m: HashMap<&str, u64>) -> Vec<&str> {
            let mut v: Vec<(&str, u64)> = m.into_iter().collect();
            v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v.into_iter().map(|(s, _)| s).collect()
        }
        fn index<'a>(v: &[&'a str]) -> HashMap<&'a str, u32> {
            v.iter().enumerate().map(|(i, s)| (*s, i as u32)).collect()
        }
        let (words, seps) = (ranked(words), ranked(seps));
        let ids = Ids { words: index(&words), seps: index(&seps) };
        let owned = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect();
        (Vocab { words: owned(words), seps: owned(seps) }, ids)
    }
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The raw bytes of a block of `articles` (see the module's documentation).
pub(super) fn write(articles: &[Article], ids: &Ids) -> Vec<u8> {
    let mut out = Vec::new();
    for a in articles {
        for p in &a.body {
            split(p, |word, s| varint(&mut out, 1 + if word { ids.words[s] } else { ids.seps[s] }));
            out.push(0);
        }
        out.push(0);
    }
    out
}

/// Read the varint at `*at` (one byte, most of them, read inline: in the page's size-optimised
/// wasm a call per id was a sixth of the text index's build).
#[inline(always)]
fn read_varint(raw: &[u8], at: &mut usize) -> Result<u32, String> {
    match raw.get(*at) {
        Some(&b) if b < 0x80 => {
            *at += 1;
            Ok(u32::from(b))
        }
        _ => read_long_varint(raw, at),
    }
}

/// [`read_varint`] of more than one byte.
#[inline(never)]
fn read_long_varint(raw: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let b = *raw.get(*at).ok_or("ends inside a word")?;
        *at += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift).filter(|_| shift < 28 || b < 0x10).ok_or("has an id too large")?;
        if b < 0x80 {
            return Ok(v);
        }
    }
    Err("has an id too large".into())
}

/// `f` of each separator, word, paragraph end and article end of a block of `count` articles
/// with `words` words and `seps` separators in its vocabulary, in order. An error if the
/// bytes are not exactly such a block.
pub fn visit(raw: &[u8], count: u32, words: usize, seps: usize, mut f: impl FnMut(Token)) -> Result<(), String> {
    let mut at = 0;
    for _ in 0..count {
        loop {
            let s = read_varint(raw, &mut at)?;
            if s == 0 {
                f(Token::Article);
                break;
            }
            let mut s = s;
            loop {
                if s == 0 || s as usize > seps {
                    return Err(format!("has separator {s} of {seps}"));
                }
                f(Token::Sep(s - 1));
                let w = read_varint(raw, &mut at)?;
                if w == 0 {
                    f(Token::Paragraph);
                    break;
                }
                if w as usize > words {
                    return Err(format!("has word {w} of {words}"));
                }
                f(Token::Word(w - 1));
                s = read_varint(raw, &mut at)?;
            }
        }
    }
    if at != raw.len() { Err("has bytes after its last article".into()) } else { Ok(()) }
}

/// The bodies a block of `count` articles holds, as text.
pub fn read(raw: &[u8], count: u32, vocab: &Vocab) -> Result<Vec<Vec<String>>, String> {
    let mut bodies = Vec::with_capacity(count as usize);
    let (mut body, mut text) = (Vec::new(), String::new());
    visit(raw, count, vocab.words.len(), vocab.seps.len(), |t| match t {
        Token::Sep(s) => text.push_str(&vocab.seps[s as usize]),
        Token::Word(w) => text.push_str(&vocab.words[w as usize]),
        Token::Paragraph => body.push(std::mem::take(&mut text)),
        Token::Article => bodies.push(std::mem::take(&mut body)),
    })?;
    Ok(bodies)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &[&str]) -> Article {
        let mut a = Article::new(0, "a.txt", "A title");
        a.body = body.iter().map(|s| s.to_string()).collect();
        a
    }

    #[test]
    fn bodies_come_back_byte_for_byte() {
        let articles = vec![
            article(&["Moscow, 3 March — «Да», said Zoë:  “fine”…", "", "  two  spaces ", "word", "!"]),
            article(&[]),
            article(&["", ""]),
            article(&["Ünïcödé wörds and 東京 and emoji 🙂 end."]),
            article(&["line\nbreak\ttab"]),
        ];
        let (vocab, ids) = Vocab::of(&articles);
        let raw = write(&articles, &ids);
        let back = read(&raw, articles.len() as u32, &vocab).unwrap();
        assert_eq!(back, articles.iter().map(|a| a.body.clone()).collect::<Vec<_>>());
        // Split as the text index splits: "Moscow" and "3" are words, ", " is a separator.
        assert!(vocab.words.contains(&"Moscow".to_string()) && vocab.words.contains(&"東京".to_string()));
        assert!(vocab.seps.contains(&", ".to_string()) && vocab.seps.contains(&" 🙂 ".to_string()));
    }

    #[test]
    fn the_commonest_runs_have_the_smallest_ids() {
        let articles = vec![article(&["b a a a c b"])];
        let (vocab, _) = Vocab::of(&articles);
        assert_eq!(vocab.words, ["a", "b", "c"]);
        assert_eq!(vocab.seps, [" ", ""]);
    }

    proptest::proptest! {
        #[test]
        fn any_bodies_come_back_and_their_words_are_the_indexs(
            bodies in proptest::collection::vec(proptest::collection::vec("(\\PC|[ \n.,'’-]){0,40}", 0..4), 1..5),
        ) {
            let articles: Vec<Article> = bodies.iter().map(|b| article(&b.iter().map(String::as_str).collect::<Vec<_>>())).collect();
            let (vocab, ids) = Vocab::of(&articles);
            let raw = write(&articles, &ids);
            proptest::prop_assert_eq!(read(&raw, articles.len() as u32, &vocab).unwrap(), bodies.clone());
            // The words, lower-cased, are the terms the text index splits a paragraph into.
            for p in bodies.iter().flatten() {
                let mut words = Vec::new();
                split(p, |word, s| if word { words.push(s.chars().flat_map(char::to_lowercase).collect::<String>()) });
                proptest::prop_assert_eq!(words, crate::search::words_of(p));
            }
        }
    }

    #[test]
    fn damaged_blocks_are_errors_not_panics() {
        let articles = vec![article(&["one two", "three"]), article(&["four"])];
        let (vocab, ids) = Vocab::of(&articles);
        let raw = write(&articles, &ids);
        assert!(read(&raw, 3, &vocab).is_err(), "fewer articles than the count");
        assert!(read(&raw[..raw.len() - 1], 2, &vocab).is_err(), "cut short");
        assert!(read(&[raw.as_slice(), &[0]].concat(), 2, &vocab).is_err(), "bytes after the end");
        assert!(read(&[9, 1, 0, 0], 1, &vocab).is_err(), "a separator past the vocabulary");
        assert!(read(&[1, 99, 1, 0, 0], 1, &vocab).is_err(), "a word past the vocabulary");
        assert!(read(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 1, &vocab).is_err(), "a varint over 32 bits");
        for cut in 0..raw.len() {
            let mut bad = raw.clone();
            bad[cut] ^= 0x55;
            let _ = read(&bad, 2, &vocab);
        }
    }
}
