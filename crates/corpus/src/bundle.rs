//! The binary form of a corpus that the explorer embeds: a magic tag, the
//! schema version, then the corpus in postcard, followed by a column of its spans.
//! Compression and text encoding (gzip + base64) are the bundler's job, not this module's;
//! [`encode`] is the one way from a corpus to bundle bytes (`cargo xtask build` and anything
//! that saves an explorer call it).
//!
//! The layout is chosen by measurement (`cargo run -p dossier-corpus --example bundle_sizes`):
//! mention spans interleaved with the strings around them were a seventh of the gzipped
//! bundle; as one column of small deltas (paragraph, start after the previous span, length)
//! they compress to a fraction of that. A quote's text that is exactly its span's text is
//! not stored twice. Both are lossless: `decode(encode(c)) == c` for any corpus.
//!
//! [`decode`] checks every reference inside the corpus ([`validate`]) before it hands it
//! over, so the explorer may index by any id a decoded corpus holds.

use crate::model::{Corpus, SCHEMA_VERSION, Span};

const MAGIC: &[u8; 4] = b"DSR2";
/// The first layout (the corpus in postcard, spans inline), still read.
const MAGIC_1: &[u8; 4] = b"DSR1";

/// Why a bundle could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    NotABundle,
    Version {
        found: u32,
        expected: u32,
    },
    Corrupt(String),
    /// The bytes decode, but the corpus refers to something it does not hold.
    Invalid(String),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::NotABundle => {
                write!(f, "the embedded data is not a Dossier corpus bundle")
            }
            BundleError::Version { found, expected } => write!(
                f,
                "the embedded corpus has schema version {found}, this explorer reads version {expected}; rebuild it with `cargo xtask build`"
            ),
            BundleError::Corrupt(e) => write!(f, "the embedded corpus is damaged ({e}); rebuild it with `cargo xtask build`"),
            BundleError::Invalid(e) => write!(f, "the embedded corpus is not consistent ({e}); rebuild it with `cargo xtask build`"),
        }
    }
}

impl std::error::Error for BundleError {}

/// Serialise a corpus into bundle bytes.
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    let mut slim = corpus.clone();
    let column = take_spans(&mut slim);
    postcard::to_extend(&(slim, column), out).expect("serialising into a Vec cannot fail")
}

/// Read bundle bytes back into a corpus.
pub fn decode(bytes: &[u8]) -> Result<Corpus, BundleError> {
    let (magic, rest) = bytes.split_first_chunk::<4>().ok_or(BundleError::NotABundle)?;
    let columns = match magic {
        m if m == MAGIC => true,
        m if m == MAGIC_1 => false,
        _ => return Err(BundleError::NotABundle),
    };
    let (version, rest) = rest.split_first_chunk::<4>().ok_or(BundleError::NotABundle)?;
    let found = u32::from_le_bytes(*version);
    if found != SCHEMA_VERSION {
        return Err(BundleError::Version { found, expected: SCHEMA_VERSION });
    }
    let corrupt = |e: postcard::Error| BundleError::Corrupt(e.to_string());
    let corpus = if columns {
        let (mut corpus, column): (Corpus, Vec<u8>) = postcard::from_bytes(rest).map_err(corrupt)?;
        put_spans(&mut corpus, &column).map_err(BundleError::Corrupt)?;
        corpus
    } else {
        postcard::from_bytes(rest).map_err(corrupt)?
    };
    validate(&corpus).map_err(BundleError::Invalid)?;
    Ok(corpus)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A signed difference as an unsigned varint (zigzag: small either way).
fn put_delta(out: &mut Vec<u8>, from: u32, to: u32) {
    let d = i64::from(to) - i64::from(from);
    put_varint(out, ((d << 1) ^ (d >> 63)) as u64);
}

/// Reads the span column back, each read checked (a damaged column is an error, never a panic).
struct Column<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Column<'_> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..70).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or("the span column ends early")?;
            self.at += 1;
            v |= u64::from(b & 0x7f).checked_shl(shift).filter(|_| shift < 64).ok_or("a span value is too long")?;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("a span value is too long".into())
    }

    fn delta(&mut self, from: u32) -> Result<u32, String> {
        let z = self.varint()?;
        let d = (z >> 1) as i64 ^ -((z & 1) as i64);
        u32::try_from(i64::from(from) + d).map_err(|_| "a span value is out of range".into())
    }

    fn span(&mut self, prev: &Span) -> Result<Span, String> {
        let paragraph = self.delta(prev.paragraph)?;
        let start = self.delta(if paragraph == prev.paragraph { prev.end } else { 0 })?;
        let end = self.delta(start)?;
        Ok(Span { paragraph, start, end })
    }
}

fn put_span(out: &mut Vec<u8>, prev: &Span, s: &Span) {
    put_delta(out, prev.paragraph, s.paragraph);
    put_delta(out, if s.paragraph == prev.paragraph { prev.end } else { 0 }, s.start);
    put_delta(out, s.start, s.end);
}

const NO_SPAN: Span = Span { paragraph: 0, start: 0, end: 0 };

/// Move every span out of the corpus into one column, in order: per article, each actor's
/// span count and spans, then each quote's span and whether its text is the span's text
/// (then left empty).
fn take_spans(corpus: &mut Corpus) -> Vec<u8> {
    let mut out = Vec::new();
    for a in &mut corpus.articles {
        for actor in &mut a.actors {
            put_varint(&mut out, actor.spans.len() as u64);
            let mut prev = NO_SPAN;
            for s in std::mem::take(&mut actor.spans) {
                put_span(&mut out, &prev, &s);
                prev = s;
            }
        }
        let mut prev = NO_SPAN;
        for q in &mut a.quotes {
            put_span(&mut out, &prev, &q.span);
            prev = std::mem::replace(&mut q.span, NO_SPAN);
            let derived = !q.text.is_empty() && span_text(&a.body, &prev) == Some(q.text.as_str());
            out.push(u8::from(derived));
            if derived {
                q.text.clear();
            }
        }
    }
    out
}

fn span_text<'a>(body: &'a [String], s: &Span) -> Option<&'a str> {
    body.get(s.paragraph as usize)?.get(s.start as usize..s.end as usize)
}

/// The inverse of [`take_spans`].
fn put_spans(corpus: &mut Corpus, column: &[u8]) -> Result<(), String> {
    let mut col = Column { bytes: column, at: 0 };
    for a in &mut corpus.articles {
        for actor in &mut a.actors {
            let count = col.varint()?;
            let mut prev = NO_SPAN;
            for _ in 0..count {
                let s = col.span(&prev)?;
                actor.spans.push(s);
                prev = s;
            }
        }
        let mut prev = NO_SPAN;
        for q in &mut a.quotes {
            q.span = col.span(&prev)?;
            prev = q.span;
            match col.varint()? {
                0 => {}
                1 => q.text = span_text(&a.body, &q.span).ok_or("a quote's span is not in its article")?.to_owned(),
                _ => return Err("a quote's text flag is not 0 or 1".into()),
            }
        }
    }
    if col.at != column.len() {
        return Err("the span column is longer than the corpus".into());
    }
    Ok(())
}

/// Check every reference a corpus makes to itself: article and actor ids are their
/// positions, article actors and quote speakers name corpus actors, spans lie inside their
/// paragraph on character boundaries, story links point at other articles. `Err` says the
/// first problem, naming the article.
pub fn validate(corpus: &Corpus) -> Result<(), String> {
    let (n_articles, n_actors) = (corpus.articles.len(), corpus.actors.len());
    if u32::try_from(n_articles).is_err() || u32::try_from(n_actors).is_err() {
        return Err("too many articles or actors".into());
    }
    for (i, actor) in corpus.actors.iter().enumerate() {
        if actor.id as usize != i {
            return Err(format!("actor {i} ({:?}) has id {}", actor.name, actor.id));
        }
    }
    for (i, a) in corpus.articles.iter().enumerate() {
        let at = || format!("article {i} ({:?})", a.file);
        if a.id as usize != i {
            return Err(format!("{} has id {}", at(), a.id));
        }
        let span_ok = |s: &Span| {
            a.body.get(s.paragraph as usize).is_some_and(|p| {
                let (start, end) = (s.start as usize, s.end as usize);
                start <= end && end <= p.len() && p.is_char_boundary(start) && p.is_char_boundary(end)
            })
        };
        for actor in &a.actors {
            if actor.id as usize >= n_actors {
                return Err(format!("{} names actor {} of {n_actors}", at(), actor.id));
            }
            if let Some(s) = actor.spans.iter().find(|s| !span_ok(s)) {
                return Err(format!("{}: a mention of {:?} has span {s:?} outside its paragraph", at(), actor.name));
            }
        }
        for (k, q) in a.quotes.iter().enumerate() {
            if let Some(speaker) = q.speaker.filter(|&s| s as usize >= n_actors) {
                return Err(format!("{}: quote {k} has speaker {speaker} of {n_actors} actors", at()));
            }
            if !span_ok(&q.span) {
                return Err(format!("{}: quote {k} has span {:?} outside its paragraph", at(), q.span));
            }
        }
        for link in &a.same_story {
            if link.article as usize >= n_articles || link.article as usize == i {
                return Err(format!("{} links to article {} as the same story", at(), link.article));
            }
            if !(0.0..=1.0).contains(&link.similarity) {
                return Err(format!("{} has a story link of similarity {}", at(), link.similarity));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn round_trips() {
        let corpus = Corpus { schema_version: SCHEMA_VERSION, articles: vec![Article::new(0, "a.txt", "A title")], actors: vec![] };
        assert_eq!(decode(&encode(&corpus)).unwrap(), corpus);
    }

    #[test]
    fn rejects_other_bytes_and_versions() {
        assert_eq!(decode(b"hello"), Err(BundleError::NotABundle));
        let mut bytes = encode(&Corpus::default());
        bytes[4] = 99;
        assert!(matches!(decode(&bytes), Err(BundleError::Version { found: 99, .. })));
        let mut bytes = encode(&Corpus { articles: vec![Article::new(0, "a", "b")], ..Default::default() });
        bytes.truncate(bytes.len() - 3);
        assert!(matches!(decode(&bytes), Err(BundleError::Corrupt(_))));
    }

    fn sample() -> Corpus {
        use crate::model::{Actor, ActorType, ArticleActor, Quote, StoryLink};
        let mut a = Article::new(0, "a.txt", "A title");
        a.body = vec!["Zoë Émile said “hello” to Berlin.".into()];
        let end = "Zoë Émile".len() as u32;
        a.actors = vec![ArticleActor {
            canonical: None,
            id: 1,
            name: "Zoë Émile".into(),
            kind: ActorType::Person,
            role: None,
            forms: vec![],
            metonyms: vec![],
            mentions: 1,
            spans: vec![Span { paragraph: 0, start: 0, end }],
        }];
        let (qs, qe) = (a.body[0].find('“').unwrap() as u32, a.body[0].find(" to").unwrap() as u32);
        a.quotes = vec![Quote {
            text: "hello".into(),
            speaker: Some(1),
            speaker_name: None,
            cue: Some("said".into()),
            span: Span { paragraph: 0, start: qs, end: qe },
        }];
        a.same_story = vec![StoryLink { article: 1, file: "b.txt".into(), similarity: 0.9 }];
        let b = Article::new(1, "b.txt", "Another");
        let actor = |id, name: &str| Actor { id, name: name.into(), kind: ActorType::Person, role: None };
        Corpus { schema_version: SCHEMA_VERSION, articles: vec![a, b], actors: vec![actor(0, "Somebody"), actor(1, "Zoë Émile")] }
    }

    #[test]
    fn spans_and_quote_texts_round_trip_in_their_column() {
        let mut c = sample();
        // Spans out of order, in several paragraphs, one empty; a quote whose text is not its span's.
        c.articles[0].body.push("Second paragraph, with Zoë Émile again.".into());
        let at = c.articles[0].body[1].find("Zoë").unwrap() as u32;
        c.articles[0].actors[0].spans = vec![
            Span { paragraph: 1, start: at, end: at + "Zoë Émile".len() as u32 },
            Span { paragraph: 0, start: 0, end: 0 },
            Span { paragraph: 0, start: 0, end: 4 },
        ];
        let mut q2 = c.articles[0].quotes[0].clone();
        q2.text = "not the span's text".into();
        q2.span = Span { paragraph: 1, start: 0, end: 6 };
        c.articles[0].quotes.push(q2);
        c.articles[1].quotes = vec![];
        assert_eq!(validate(&c), Ok(()));
        let bytes = encode(&c);
        assert_eq!(decode(&bytes), Ok(c.clone()));
        // A quote whose text is its span's (inside the quotation marks) is stored once.
        let q = &mut c.articles[0].quotes[0];
        (q.span.start, q.span.end) = (q.span.start + 3, q.span.end - 3);
        assert_eq!(validate(&c), Ok(()));
        let bytes = encode(&c);
        assert_eq!(decode(&bytes), Ok(c.clone()));
        assert_eq!(bytes.windows(5).filter(|w| w == b"hello").count(), 1);
        // Every cut of the bytes is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "{cut}");
        }
    }

    #[test]
    fn reads_the_first_layout() {
        let mut old = MAGIC_1.to_vec();
        old.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
        let old = postcard::to_extend(&sample(), old).unwrap();
        assert_eq!(decode(&old), Ok(sample()));
    }

    #[test]
    fn accepts_a_consistent_corpus() {
        assert_eq!(validate(&sample()), Ok(()));
        assert_eq!(decode(&encode(&sample())), Ok(sample()));
        assert_eq!(decode(&encode(&Corpus::default())), Ok(Corpus::default()));
    }

    #[test]
    fn rejects_every_dangling_reference_with_a_readable_error() {
        type Break = fn(&mut Corpus);
        let cases: [(&str, Break); 12] = [
            ("article 1", |c| c.articles[1].id = 5),
            ("actor 1", |c| c.actors[1].id = 0),
            ("names actor 7", |c| c.articles[0].actors[0].id = 7),
            ("outside its paragraph", |c| c.articles[0].actors[0].spans[0].paragraph = 1),
            ("outside its paragraph", |c| c.articles[0].actors[0].spans[0].end = 200),
            // Inside "ë": not a character boundary.
            ("outside its paragraph", |c| c.articles[0].actors[0].spans[0].end = 3),
            ("outside its paragraph", |c| c.articles[0].actors[0].spans[0].start = 6),
            ("speaker 9", |c| c.articles[0].quotes[0].speaker = Some(9)),
            // Inside the opening quotation mark (3 bytes).
            ("quote 0", |c| c.articles[0].quotes[0].span.start += 1),
            ("same story", |c| c.articles[0].same_story[0].article = 2),
            ("same story", |c| c.articles[0].same_story[0].article = 0),
            ("similarity", |c| c.articles[0].same_story[0].similarity = f32::NAN),
        ];
        for (what, break_it) in cases {
            let mut c = sample();
            break_it(&mut c);
            let err = decode(&encode(&c)).expect_err(what);
            let text = err.to_string();
            assert!(matches!(err, BundleError::Invalid(_)), "{what}: {err:?}");
            assert!(text.contains(what) && text.contains("cargo xtask build"), "{what}: {text}");
        }
    }

    /// What the pipeline writes passes the check (the bundled seed corpus, the development dumps).
    #[cfg(feature = "process")]
    #[test]
    fn the_pipelines_output_is_consistent() {
        for dir in ["../../corpus", "../../tests/eval/dev/raw"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let corpus = crate::process::process_dir(&dir, None, |_| {}, |_| {}).unwrap().corpus;
            assert!(!corpus.articles.is_empty());
            assert_eq!(validate(&corpus), Ok(()), "{}", dir.display());
        }
    }
}
