//! The binary form of a corpus that the explorer embeds: a magic tag, the schema version,
//! the head (one zstd frame of the string table ([`crate::strs`]: every [`crate::Str`] of the
//! corpus once, the fields as their numbers), the corpus in postcard without its bodies, a
//! column of its spans and one of repeated strings), then the bodies' dictionary, the table
//! of body blocks, and the blocks, each a zstd frame of its own ([`Bodies`], [`codec`]).
//! Writing the whole as page text (gzip + Base-122) is the page's job, not this module's;
//! [`encode`] is the one way from a corpus to bundle bytes (`cargo xtask build` and
//! anything that saves an explorer call it).
//!
//! The layout is chosen by measurement (`cargo run -p dossier-corpus --example bundle_sizes`):
//! - mention spans interleaved with the strings around them were a seventh of the gzipped
//!   bundle; as one column of small deltas (paragraph, start after the previous span,
//!   length) they compress to a fraction of that;
//! - bodies are two thirds of the raw bytes and most are never shown: the explorer keeps
//!   them compressed ([`open`]) and reads a block when it needs one, so opening a corpus
//!   of 100k articles neither decodes nor holds its text;
//! - strings an article repeats from the corpus (an actor's name, a speaker's) are one flag
//!   each ([`repeats`]);
//! - an actor's mention spans are stored only where they are not every whole-word occurrence
//!   of its forms ([`spans::predict`], true of most); the others are found in the body when
//!   it is read ([`Bodies::find_spans`]).
//!
//! All are lossless: `decode(encode(c)) == c` for any corpus. [`decode`] checks every
//! reference inside the corpus ([`validate`]) before it hands it over, so the explorer may
//! index by any id a decoded corpus holds; [`open`] checks all but the spans, which
//! [`Bodies::fill`] and [`Bodies::find_spans`] check as bodies and spans come in.
//!
//! Earlier layouts are still read natively: `DSR4` (the head not compressed, deflate blocks),
//! `DSR3` (and no string table, every span stored), `DSR2` (bodies inline, a quote's text that
//! is its span's text stored once) and `DSR1` (spans inline too).

mod bodies;
mod codec;
pub use codec::read_frame;
mod repeats;
mod spans;
pub mod tokens;
mod validate;

pub use bodies::Bodies;
use bodies::Codec;
pub use validate::{validate, validate_refs, validate_spans};

use crate::model::{Corpus, SCHEMA_VERSION};
use crate::strs::{self, Str};
use spans::Layout;

const MAGIC: &[u8; 4] = b"DSR5";
/// As `DSR6`, with the text index's postings and statistics (not its positions) in a frame
/// after the vocabulary: the explorer answers words at once, and builds the positions a
/// phrase needs after it has drawn.
const MAGIC_7: &[u8; 4] = b"DSR7";
/// As `DSR5`, with the body blocks written as word and separator ids ([`tokens`]): their
/// vocabulary, a frame of its own, follows the dictionary.
const MAGIC_6: &[u8; 4] = b"DSR6";
/// As `DSR5`, but the head not compressed (the page's gzip did it) and the body blocks raw
/// deflate after a sample of paragraphs.
const MAGIC_4: &[u8; 4] = b"DSR4";
/// As `DSR4`, but each string written out where it occurs (no string table).
const MAGIC_3: &[u8; 4] = b"DSR3";
/// Bodies inline, spans in a column, derived quote texts left out.
const MAGIC_2: &[u8; 4] = b"DSR2";
/// The first layout (the corpus in postcard, spans inline).
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
    encode_with(corpus, Bodies::as_tokens(&corpus.articles))
}

/// [`encode`], with the body blocks as ids ([`tokens`], `DSR6`) or as text (`DSR5`) whatever
/// the corpus's size (for tests and tools: [`encode`] chooses by size). Natively only: in the
/// page's wasm the tokens' writer is left out (`encode` never needs it there).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_as(corpus: &Corpus, as_tokens: bool) -> Vec<u8> {
    encode_with(corpus, as_tokens)
}

fn encode_with(corpus: &Corpus, as_tokens: bool) -> Vec<u8> {
    let mut out = if as_tokens { MAGIC_7 } else { MAGIC }.to_vec();
    out.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    let mut slim = corpus.clone();
    slim.articles.iter_mut().for_each(|a| a.body = Vec::new());
    let bodies: Vec<&[String]> = corpus.articles.iter().map(|a| a.body.as_slice()).collect();
    let column = spans::take_spans(&mut slim, Layout::Predicted, &bodies);
    let repeated = repeats::take_repeats(&mut slim);
    // The head and the bodies are compressed at the same time (the head is most of the time
    // of a large bundle, in one zstd frame).
    let small = Bodies::small(&corpus.articles);
    let (head, (packed, text_index)) = both(
        || {
            let head = (slim, column, repeated);
            let (table, head) = strs::write_with_table(&head, |h| postcard::to_allocvec(h).expect("serialising into a Vec cannot fail"));
            let mut plain = postcard::to_allocvec(&table).expect("serialising into a Vec cannot fail");
            plain.extend_from_slice(&head);
            // A small corpus's head goes as it is: the page's gzip then compresses it together
            // with its bodies (one raw block), which quotes and titles repeat.
            framed(&plain, small)
        },
        || both(|| Bodies::pack(&corpus.articles, as_tokens), || as_tokens.then(|| crate::search::BundledText::new(&corpus.articles))),
    );
    out.extend_from_slice(&head);
    out.extend_from_slice(&len(packed.dictionary.len()));
    out.extend_from_slice(&packed.dictionary);
    if let Some(vocab) = &packed.vocab {
        out.extend_from_slice(&framed(&postcard::to_allocvec(vocab).expect("serialising into a Vec cannot fail"), small));
        // Empty where the index's terms are not the bodies' words' (the page then builds it).
        let index = text_index.and_then(|t| t.bytes(&vocab.words)).unwrap_or_default();
        out.extend_from_slice(&framed(&index, small));
    }
    let mut out = postcard::to_extend(&packed.blocks, out).expect("serialising into a Vec cannot fail");
    out.extend_from_slice(&packed.bytes);
    out
}

/// A part's bytes as [`frame_of`] reads them: the frame's length, `plain`'s length, then
/// `plain` in one zstd frame (raw for a `small` corpus, whose page's gzip compresses it).
fn framed(plain: &[u8], small: bool) -> Vec<u8> {
    let frame = if small { codec::raw_frame(plain) } else { codec::compress_head(plain) };
    let mut out = len(frame.len()).to_vec();
    out.extend_from_slice(&len(plain.len()));
    out.extend_from_slice(&frame);
    out
}

/// A part's length as the bundle writes it.
fn len(n: usize) -> [u8; 4] {
    u32::try_from(n).expect("a bundle's parts are under 4 GB").to_le_bytes()
}

/// `a()` and `b()`, at the same time where there are threads.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|s| {
            let a = s.spawn(a);
            let b = b();
            (a.join().expect("compressing the head panicked"), b)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

/// The head of a `DSR5` bundle (its string table and the corpus without bodies), read out of
/// its frame, and what follows it (the bodies' dictionary, their table and their blocks).
fn head_of(rest: &[u8]) -> Result<(Vec<u8>, &[u8]), BundleError> {
    let (plain, rest) = frame_of(rest, "the bundle's head")?;
    grow_heap(plain.len() * HEAP_PER_HEAD_BYTE);
    Ok((plain, rest))
}

/// Bytes of memory an opened corpus holds per byte of its head, at least (five at 100k
/// synthetic articles); the page's heap is grown by this much at once before the head is read.
const HEAP_PER_HEAD_BYTE: usize = 2;

/// In the page, grow the heap by `bytes` at once (natively, nothing). The wasm allocator
/// grows the memory by what each allocation lacks, in steps of 64 KB, and the engine makes a
/// new view of the memory each time: opening 100k articles (150 MB) took 1.3 s in Node, 0.7 s
/// after one step of twice its head; in Firefox 5 % less, in Chromium the same. A block
/// allocated and freed stays in the heap for the corpus's own allocations, and it is no more
/// than they take.
fn grow_heap(bytes: usize) {
    if cfg!(target_arch = "wasm32") {
        drop(std::hint::black_box(Vec::<u8>::with_capacity(bytes)));
    }
}

/// A frame (its length, its raw length, then its bytes) at the start of `rest`, read, and
/// what follows it; `what` names it in errors.
fn frame_of<'a>(rest: &'a [u8], what: &str) -> Result<(Vec<u8>, &'a [u8]), BundleError> {
    let corrupt = |why: &str| BundleError::Corrupt(format!("{what} {why}"));
    let (frame_len, rest) = rest.split_first_chunk::<4>().ok_or_else(|| corrupt("is missing"))?;
    let (raw_len, rest) = rest.split_first_chunk::<4>().ok_or_else(|| corrupt("is missing"))?;
    let (frame_len, raw_len) = (u32::from_le_bytes(*frame_len) as usize, u32::from_le_bytes(*raw_len) as usize);
    if frame_len > rest.len() || !codec::can_hold(frame_len, raw_len) {
        return Err(corrupt("has impossible sizes"));
    }
    let (frame, blocks) = rest.split_at(frame_len);
    let plain = codec::read_frame(frame, raw_len).map_err(|e| corrupt(&format!("does not read ({e})")))?;
    Ok((plain, blocks))
}

/// Read bundle bytes back into a whole corpus, bodies and all.
pub fn decode(bytes: &[u8]) -> Result<Corpus, BundleError> {
    let (mut corpus, bodies) = open(bytes)?;
    for k in 0..bodies.blocks() {
        bodies.fill(k, &mut corpus.articles)?;
    }
    for id in 0..corpus.articles.len() as u32 {
        bodies.find_spans(&mut corpus.articles, id)?;
    }
    Ok(corpus)
}

/// Read bundle bytes into a corpus whose bodies are still to be read (empty until
/// [`Bodies::fill`] puts them in), and its compressed bodies. Spans are checked when their
/// bodies are filled in; everything else now. Older layouts come back with their bodies in
/// place (and no blocks left to fill).
pub fn open(bytes: &[u8]) -> Result<(Corpus, Bodies), BundleError> {
    let (magic, rest) = bytes.split_first_chunk::<4>().ok_or(BundleError::NotABundle)?;
    if ![MAGIC_7, MAGIC_6, MAGIC, MAGIC_4, MAGIC_3, MAGIC_2, MAGIC_1].contains(&magic) {
        return Err(BundleError::NotABundle);
    }
    let (version, rest) = rest.split_first_chunk::<4>().ok_or(BundleError::NotABundle)?;
    let found = u32::from_le_bytes(*version);
    if found != SCHEMA_VERSION {
        return Err(BundleError::Version { found, expected: SCHEMA_VERSION });
    }
    let corrupt = |e: postcard::Error| BundleError::Corrupt(e.to_string());
    let old = |corpus: Corpus| -> Result<(Corpus, Bodies), BundleError> {
        validate(&corpus).map_err(BundleError::Invalid)?;
        Ok((corpus, Bodies::default()))
    };
    match magic {
        m if m == MAGIC_1 => old(postcard::from_bytes(rest).map_err(corrupt)?),
        m if m == MAGIC_2 => {
            let (mut corpus, column): (Corpus, Vec<u8>) = postcard::from_bytes(rest).map_err(corrupt)?;
            spans::put_spans(&mut corpus, &column, Layout::QuoteTexts).map_err(BundleError::Corrupt)?;
            old(corpus)
        }
        _ => {
            type Head = (Corpus, Vec<u8>, Vec<u8>, Vec<u8>, Vec<bodies::Block>);
            fn with_table<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<(T, &[u8]), postcard::Error> {
                let (table, rest): (Vec<Str>, _) = postcard::take_from_bytes(bytes)?;
                strs::read_with_table(table, || postcard::take_from_bytes(rest))
            }
            let plain;
            let mut vocab = None;
            let mut text_index = None;
            let ((mut corpus, column, repeated, dictionary, blocks), block_bytes, codec): (Head, _, _) = match magic {
                m if m == MAGIC_3 => {
                    let (head, blocks) = postcard::take_from_bytes(rest).map_err(corrupt)?;
                    (head, blocks, Codec::Deflate)
                }
                m if m == MAGIC_4 => {
                    let (head, blocks) = with_table::<Head>(rest).map_err(corrupt)?;
                    (head, blocks, Codec::Deflate)
                }
                _ => {
                    let tail;
                    (plain, tail) = head_of(rest)?;
                    let ((corpus, column, repeated), left) = with_table::<(Corpus, Vec<u8>, Vec<u8>)>(&plain).map_err(corrupt)?;
                    if !left.is_empty() {
                        return Err(BundleError::Corrupt("the bundle's head has bytes after its end".into()));
                    }
                    let (dict_len, tail) =
                        tail.split_first_chunk::<4>().ok_or(BundleError::Corrupt("the bundle ends after its head".into()))?;
                    let dict_len = u32::from_le_bytes(*dict_len) as usize;
                    if dict_len > tail.len() {
                        return Err(BundleError::Corrupt("the body dictionary is cut short".into()));
                    }
                    let (dictionary, mut tail) = tail.split_at(dict_len);
                    if magic == MAGIC_6 || magic == MAGIC_7 {
                        let words;
                        (words, tail) = frame_of(tail, "the bodies' vocabulary")?;
                        vocab = Some(postcard::from_bytes(&words).map_err(corrupt)?);
                    }
                    if magic == MAGIC_7 {
                        let index;
                        (index, tail) = frame_of(tail, "the text index")?;
                        text_index = Some(index).filter(|i| !i.is_empty());
                    }
                    let (blocks, block_bytes) = postcard::take_from_bytes(tail).map_err(corrupt)?;
                    ((corpus, column, repeated, dictionary.to_vec(), blocks), block_bytes, Codec::Zstd)
                }
            };
            let layout = if magic == MAGIC_3 { Layout::Plain } else { Layout::Predicted };
            let predicted = spans::put_spans(&mut corpus, &column, layout).map_err(BundleError::Corrupt)?;
            validate_refs(&corpus).map_err(BundleError::Invalid)?;
            repeats::put_repeats(&mut corpus, &repeated).map_err(BundleError::Corrupt)?;
            let mut bodies = Bodies::new(codec, dictionary, blocks, block_bytes, &corpus.articles, predicted, vocab)?;
            if let Some(bytes) = text_index {
                let words = bodies.vocab().map_or(&[][..], |v| &v.words);
                let read = crate::search::CarriedText::read(words, bytes, corpus.articles.len());
                bodies.text_index = Some(read.map_err(|e| BundleError::Corrupt(format!("the text index: {e}")))?);
            }
            Ok((corpus, bodies))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Span};

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
        // In the second layout, it is stored once.
        let v2 = encode_v2(&c);
        assert_eq!(decode(&v2), Ok(c.clone()));
        assert_eq!(v2.windows(5).filter(|w| w == b"hello").count(), 1);
        // Every cut of the bytes is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "{cut}");
        }
    }

    /// The second layout, as the encoder of its time wrote it.
    fn encode_v2(corpus: &Corpus) -> Vec<u8> {
        let mut out = MAGIC_2.to_vec();
        out.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
        let mut slim = corpus.clone();
        let column = spans::take_spans(&mut slim, Layout::QuoteTexts, &[]);
        postcard::to_extend(&(slim, column), out).unwrap()
    }

    /// Many articles, so their bodies take several blocks, and over 4 MB of them, so the blocks
    /// are compressed (smaller corpora have raw blocks: `bodies::RAW_BYTES`).
    fn long_corpus() -> Corpus {
        let articles = (0..200u32)
            .map(|i| {
                let mut a = Article::new(i, format!("{i}.txt"), format!("Title {i}"));
                a.body = (0..4)
                    .map(|p| format!("Paragraph {p} of article {i}, {}", "with more words ".repeat(350 + (i % 7) as usize)))
                    .collect();
                a
            })
            .collect();
        Corpus { schema_version: SCHEMA_VERSION, articles, actors: vec![] }
    }

    #[test]
    fn opening_leaves_bodies_compressed_until_a_block_is_filled() {
        let c = long_corpus();
        let bytes = encode(&c);
        let (mut opened, bodies) = open(&bytes).unwrap();
        assert!(bodies.vocab().is_some(), "compressed blocks are written as word ids");
        assert!(bodies.blocks() > 3, "{} blocks", bodies.blocks());
        assert!(bodies.compressed_bytes() * 5 < c.articles.iter().flat_map(|a| &a.body).map(String::len).sum::<usize>());
        assert!(opened.articles.iter().all(|a| a.body.is_empty()));
        let k = bodies.block_of(150).unwrap();
        bodies.fill(k, &mut opened.articles).unwrap();
        assert_eq!(opened.articles[150].body, c.articles[150].body);
        // Only that block's articles are filled.
        let filled = opened.articles.iter().filter(|a| !a.body.is_empty()).count();
        assert!(filled > 0 && filled < 60, "{filled}");
        assert_eq!(bodies.block_of(200), None);
        assert_eq!((0..200).map(|i| bodies.block_of(i).unwrap()).max(), Some(bodies.blocks() - 1));
        for k in 0..bodies.blocks() {
            bodies.fill(k, &mut opened.articles).unwrap();
        }
        assert_eq!(opened, c);
    }

    #[test]
    fn a_corpus_under_four_mb_is_written_as_a_page_writes_it() {
        // Raw frames only (the page has no zstd encoder): the text is in the bundle as it is.
        let mut c = long_corpus();
        c.articles.truncate(40);
        let bytes = encode(&c);
        let text = c.articles[39].body[3].as_bytes();
        assert!(bytes.windows(text.len()).any(|w| w == text));
        let (_, bodies) = open(&bytes).unwrap();
        assert!(bodies.blocks() > 3, "{} blocks", bodies.blocks());
        assert!(bodies.vocab().is_none(), "raw blocks are text");
        assert_eq!(decode(&bytes), Ok(c));
    }

    #[test]
    fn a_damaged_block_is_an_error_when_it_is_read() {
        let c = long_corpus();
        let mut bytes = encode(&c);
        let n = bytes.len();
        bytes[n - 10] ^= 0x55;
        let (mut opened, bodies) = open(&bytes).unwrap();
        let last = bodies.blocks() - 1;
        assert!(bodies.fill(0, &mut opened.articles).is_ok());
        assert!(matches!(bodies.fill(last, &mut opened.articles), Err(BundleError::Corrupt(_))));
        assert!(decode(&bytes).is_err());
        // A span outside the body it was packed with is found when the block is filled.
        let mut c = sample();
        c.articles[0].actors[0].spans[0].end = 200;
        let bytes = encode(&c);
        let (mut opened, bodies) = open(&bytes).unwrap();
        assert!(matches!(bodies.fill(0, &mut opened.articles), Err(BundleError::Invalid(e)) if e.contains("outside its paragraph")));
    }

    #[test]
    fn a_damaged_text_index_is_an_error_when_the_bundle_is_opened() {
        let c = long_corpus();
        let bytes = encode_as(&c, true);
        assert_eq!(&bytes[..4], MAGIC_7);
        // Past the magic and version, the head's frame, the dictionary and the vocabulary's
        // frame: the text index's frame.
        let frame = |at: usize| 8 + u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let mut at = 8;
        at += frame(at);
        at += 4 + u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        at += frame(at);
        let index = at..at + frame(at);
        assert!(open(&bytes).unwrap().1.take_text_index().is_some(), "a build's bundle carries its text index");
        // Its plain bytes replaced by others of another length: the statistics do not add up.
        let plain = b"not a text index";
        let mut damaged = bytes[..index.start].to_vec();
        damaged.extend_from_slice(&len(codec::raw_frame(plain).len()));
        damaged.extend_from_slice(&len(plain.len()));
        damaged.extend_from_slice(&codec::raw_frame(plain));
        damaged.extend_from_slice(&bytes[index.end..]);
        assert!(matches!(open(&damaged), Err(BundleError::Corrupt(e)) if e.starts_with("the text index: ")), "{:?}", open(&damaged).err());
    }

    #[test]
    fn repeated_strings_are_stored_once_and_come_back() {
        let mut c = sample();
        c.articles[0].quotes[0].speaker_name = Some("Zoë Émile".into());
        c.articles[0].actors[0].forms = vec!["Zoë Émile".into()];
        let mut other = c.articles[0].actors[0].clone();
        (other.id, other.name, other.forms) = (0, "Sombody".into(), vec!["Sombody".into(), "S.".into()]);
        other.spans.clear();
        c.articles[0].actors.push(other);
        c.articles[1].same_story = vec![crate::model::StoryLink { article: 0, file: "not a.txt".into(), similarity: 0.5 }];
        let bytes = encode(&c);
        assert_eq!(decode(&bytes), Ok(c.clone()));
        // The name is stored once in the string table (and once in the body, stored as it is in
        // a corpus this small); a string that occurs in several fields ("Sombody", a name and a
        // form) is in the table once. (Counted in the head as read out of its frame.)
        let (plain, blocks) = head_of(&bytes[8..]).unwrap();
        let bytes = [plain, blocks.to_vec()].concat();
        assert_eq!(bytes.windows("Émile".len()).filter(|w| *w == "Émile".as_bytes()).count(), 2);
        assert_eq!(bytes.windows(7).filter(|w| w == b"Sombody").count(), 1);
        assert_eq!(bytes.windows(9).filter(|w| w == b"not a.txt").count(), 1);
        // Read back, equal strings share their bytes.
        let back = decode(&encode(&c)).unwrap();
        let (actor, form) = (&back.articles[0].actors[1].name, &back.articles[0].actors[1].forms[0]);
        assert!(std::ptr::eq(actor.as_ptr(), form.as_ptr()));
    }

    #[test]
    fn spans_found_in_the_body_come_back_with_it() {
        let mut c = sample();
        c.articles[0].actors[0].forms = vec!["Zoë Émile".into()];
        let bytes = encode(&c);
        let (opened, bodies) = open(&bytes).unwrap();
        // Not stored: found in the body when it is read.
        assert!(opened.articles[0].actors[0].spans.is_empty());
        // Filling a block puts the body in, and the spans when they are asked for.
        let mut opened = opened;
        bodies.fill(0, &mut opened.articles).unwrap();
        assert_eq!(opened.articles[0].body, c.articles[0].body);
        assert!(opened.articles[0].actors[0].spans.is_empty());
        bodies.find_spans(&mut opened.articles, 0).unwrap();
        assert_eq!(opened.articles[0], c.articles[0]);
        assert_eq!(decode(&bytes), Ok(c));
    }

    #[test]
    fn reads_the_third_layout() {
        // As the encoder of its time wrote it: strings where they occur, no table.
        let c = sample();
        let mut old = MAGIC_3.to_vec();
        old.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
        let (dictionary, blocks, block_bytes) = bodies::legacy::pack(&c.articles);
        let mut slim = c.clone();
        slim.articles.iter_mut().for_each(|a| a.body = Vec::new());
        let column = spans::take_spans(&mut slim, Layout::Plain, &[]);
        let repeated = repeats::take_repeats(&mut slim);
        let mut old = postcard::to_extend(&(slim, column, repeated, dictionary, blocks), old).unwrap();
        old.extend_from_slice(&block_bytes);
        assert_eq!(decode(&old), Ok(c));
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
