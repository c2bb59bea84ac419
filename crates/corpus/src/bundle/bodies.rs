//! Article bodies in blocks, each compressed on its own, so the explorer keeps them
//! compressed and reads a block only when a snippet, the reader, an export or the text
//! index needs it: bodies are two thirds of a bundle's bytes, and most are never read.
//!
//! Blocks small enough to read quickly lose most of what one stream gains from text seen
//! before, so every block is a zstd frame after a dictionary trained on the corpus's own
//! blocks ([`codec`]), stored once. Older layouts (`DSR3`, `DSR4`) have raw deflate blocks
//! after a sample of paragraphs; they are still read natively (not in the explorer's wasm,
//! which reads only the bundles built with it).

use serde::{Deserialize, Serialize};

use super::BundleError;
use super::codec::{self, BlockWriter, Reader};
use super::spans::Slots;
use super::tokens::{self, Ids, Token, Vocab};
use crate::model::Article;

/// Raw body bytes gathered into one block before it is closed. Blocks of 64 KB were 2 %
/// smaller at 100k synthetic articles, but the explorer keeps a block's bodies once a snippet
/// has read it: after the benchmark's queries its memory was 204 MB instead of 196.
const BLOCK_BYTES: usize = 32 * 1024;
/// Bodies this small, all told, go in one raw block with no dictionary: the page's gzip of the
/// whole bundle then compresses them with the rest (quotes repeat their text).
const ONE_BLOCK_BYTES: usize = 256 * 1024;
/// Bodies up to this size, all told, go in raw blocks (and the head in a raw frame): the page's
/// gzip compresses them, and the page itself writes the same bytes (it has no zstd encoder),
/// so an explorer saved in the page is byte-identical to one built on the same inputs.
const RAW_BYTES: usize = 4 * 1024 * 1024;
/// Blocks sampled to train the dictionary.
const SAMPLES: usize = 1000;
/// The largest dictionary of a deflate layout (`DSR3`, `DSR4`).
const LEGACY_DICTIONARY_BYTES: usize = 16 * 1024;

/// Bodies of the articles `first..first + count`: `len` bytes of compressed frame of their
/// postcard `Vec<Vec<String>>` (`raw` bytes, whose Adler-32 is `check`). The blocks' bytes
/// follow the bundle's head, one after another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Block {
    first: u32,
    count: u32,
    len: u32,
    raw: u32,
    check: u32,
}

/// How a bundle's blocks are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Codec {
    /// zstd frames, after the dictionary if there is one.
    #[default]
    Zstd,
    /// Raw deflate after the dictionary (`DSR3`, `DSR4`).
    Deflate,
}

/// The compressed bodies of a corpus, read a block at a time.
#[derive(Debug, Default)]
pub struct Bodies {
    codec: Codec,
    dictionary: Vec<u8>,
    blocks: Vec<Block>,
    /// Where each block's bytes start in `bytes` (one more than the blocks).
    starts: Vec<usize>,
    bytes: Vec<u8>,
    /// The actor slots whose spans are found in the body once it is read ([`super::spans::predict`]).
    predicted: Slots,
    /// The first actor slot of each block.
    first_slot: Vec<u32>,
    /// The frame reader with the dictionary loaded (made on first use; reused).
    reader: std::sync::Mutex<Option<Reader>>,
    /// The words and separators the blocks are written in (`DSR6`); none: the blocks are
    /// the postcard of their bodies' texts.
    vocab: Option<Vocab>,
    /// The text index's postings and statistics (`DSR7`), until the index takes them.
    pub(super) text_index: Option<crate::search::CarriedText>,
}

impl Clone for Bodies {
    fn clone(&self) -> Bodies {
        Bodies {
            codec: self.codec,
            dictionary: self.dictionary.clone(),
            blocks: self.blocks.clone(),
            starts: self.starts.clone(),
            bytes: self.bytes.clone(),
            predicted: self.predicted.clone(),
            first_slot: self.first_slot.clone(),
            reader: Default::default(),
            vocab: self.vocab.clone(),
            text_index: self.text_index.clone(),
        }
    }
}

impl PartialEq for Bodies {
    fn eq(&self, other: &Bodies) -> bool {
        (self.codec, &self.dictionary, &self.blocks, &self.bytes, &self.predicted, &self.vocab)
            == (other.codec, &other.dictionary, &other.blocks, &other.bytes, &other.predicted, &other.vocab)
    }
}

fn missing(id: u32) -> BundleError {
    BundleError::Corrupt(format!("article {id} has no body block"))
}

/// Adler-32 (as zlib's): the same on every platform, unlike a word-sized hash, so a block
/// packed natively checks in wasm and a page saved in wasm matches one built natively.
fn check(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before `b` could overflow.
    for chunk in bytes.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        (a, b) = (a % MOD, b % MOD);
    }
    (b << 16) | a
}

/// The bytes of body text of `articles`.
fn body_bytes(articles: &[Article]) -> usize {
    articles.iter().flat_map(|a| &a.body).map(String::len).sum()
}

/// The articles of each block: `first..end` ranges of about `block_bytes` of body text.
fn ranges(articles: &[Article], block_bytes: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut first, mut bytes) = (0usize, 0usize);
    for (i, a) in articles.iter().enumerate() {
        bytes += a.body.iter().map(String::len).sum::<usize>();
        if bytes >= block_bytes || i + 1 == articles.len() {
            out.push(first..i + 1);
            (first, bytes) = (i + 1, 0);
        }
    }
    out
}

/// A block's raw bytes: its articles' bodies as ids of `ids` ([`tokens`]), or with none, the
/// postcard of their texts.
fn raw_block(articles: &[Article], ids: Option<&Ids>) -> Vec<u8> {
    if let Some(ids) = ids {
        return tokens::write(articles, ids);
    }
    let texts: Vec<&Vec<String>> = articles.iter().map(|a| &a.body).collect();
    postcard::to_allocvec(&texts).expect("serialising into a Vec cannot fail")
}

/// Compress the blocks `ranges` of `articles` (as [`raw_block`] with `ids`) after `dictionary`
/// (none: raw frames), in order, on as many threads as there are cores (natively): each
/// block's entry and frame.
fn compress_blocks(
    articles: &[Article],
    ranges: &[std::ops::Range<usize>],
    dictionary: Option<&[u8]>,
    ids: Option<&Ids>,
) -> Vec<(Block, Vec<u8>)> {
    let one = |writer: &mut BlockWriter, r: &std::ops::Range<usize>| {
        let raw = raw_block(&articles[r.clone()], ids);
        let frame = writer.compress(&raw);
        let block =
            Block { first: r.start as u32, count: r.len() as u32, len: frame.len() as u32, raw: raw.len() as u32, check: check(&raw) };
        (block, frame)
    };
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(ranges.len().max(1));
        let per = ranges.len().div_ceil(threads.max(1)).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = ranges
                .chunks(per)
                .map(|chunk| {
                    s.spawn(move || {
                        let mut writer = BlockWriter::new(dictionary);
                        chunk.iter().map(|r| one(&mut writer, r)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("a compressing thread panicked")).collect()
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut writer = BlockWriter::new(dictionary);
        ranges.iter().map(|r| one(&mut writer, r)).collect()
    }
}

/// Bodies packed into blocks ([`Bodies::pack`]).
#[derive(Default)]
pub(super) struct Packed {
    pub dictionary: Vec<u8>,
    /// The words and separators the blocks are written in; none: they are text.
    pub vocab: Option<Vocab>,
    pub blocks: Vec<Block>,
    pub bytes: Vec<u8>,
}

impl Bodies {
    /// Whether the bodies of `articles` are few enough to go in raw blocks ([`RAW_BYTES`]).
    pub(super) fn small(articles: &[Article]) -> bool {
        body_bytes(articles) <= RAW_BYTES
    }

    /// Whether the bodies of `articles` go in blocks of word and separator ids ([`tokens`]):
    /// when they are compressed (more than [`RAW_BYTES`]) and written natively. In raw
    /// frames, the page's gzip of text was about as small, and the page's own writer stays
    /// without the tokens' writer.
    pub(super) fn as_tokens(articles: &[Article]) -> bool {
        cfg!(not(target_arch = "wasm32")) && !Bodies::small(articles)
    }

    /// Group the bodies of `articles` (in id order) into blocks, as ids of their own
    /// vocabulary if `as_tokens`: the dictionary, the vocabulary, their table, and their bytes.
    pub(super) fn pack(articles: &[Article], as_tokens: bool) -> Packed {
        if articles.is_empty() {
            return Packed::default();
        }
        let (vocab, ids) = if as_tokens {
            let (vocab, ids) = Vocab::of(articles);
            (Some(vocab), Some(ids))
        } else {
            (None, None)
        };
        let total = body_bytes(articles);
        let ranges = ranges(articles, if total <= ONE_BLOCK_BYTES { usize::MAX } else { BLOCK_BYTES });
        // Raw blocks (no dictionary) up to RAW_BYTES, compressed after a trained one above.
        let dictionary = (total > RAW_BYTES).then(|| {
            let step = ranges.len().div_ceil(SAMPLES).max(1);
            let samples: Vec<Vec<u8>> = ranges.iter().step_by(step).map(|r| raw_block(&articles[r.clone()], ids.as_ref())).collect();
            codec::train(&samples.iter().map(Vec::as_slice).collect::<Vec<_>>(), total)
        });
        let (mut blocks, mut bytes) = (Vec::with_capacity(ranges.len()), Vec::new());
        for (block, frame) in compress_blocks(articles, &ranges, dictionary.as_deref(), ids.as_ref()) {
            blocks.push(block);
            bytes.extend_from_slice(&frame);
        }
        Packed { dictionary: dictionary.unwrap_or_default(), vocab, blocks, bytes }
    }

    /// Check that the blocks cover `0..articles` in order, once each, and that `bytes` holds
    /// exactly their bytes.
    pub(super) fn new(
        codec: Codec,
        dictionary: Vec<u8>,
        blocks: Vec<Block>,
        bytes: &[u8],
        articles: &[Article],
        predicted: Slots,
        vocab: Option<Vocab>,
    ) -> Result<Bodies, BundleError> {
        let most = if codec == Codec::Zstd { codec::MAX_DICTIONARY } else { LEGACY_DICTIONARY_BYTES };
        if dictionary.len() > most {
            return Err(BundleError::Corrupt(format!("the body dictionary is {} bytes", dictionary.len())));
        }
        let mut next = 0u64;
        let mut starts = vec![0usize];
        for b in &blocks {
            starts.push(starts[starts.len() - 1] + b.len as usize);
            if !codec::can_hold(b.len as usize, b.raw as usize) {
                return Err(BundleError::Corrupt(format!("the body block at article {} claims {} bytes", b.first, b.raw)));
            }
            if u64::from(b.first) != next || b.count == 0 {
                return Err(BundleError::Corrupt(format!("the body block at article {} is out of order", b.first)));
            }
            next += u64::from(b.count);
        }
        if next != articles.len() as u64 {
            return Err(BundleError::Corrupt(format!("the body blocks hold {next} articles, the corpus {}", articles.len())));
        }
        if starts[starts.len() - 1] != bytes.len() {
            return Err(BundleError::Corrupt(format!("the body blocks are {} bytes, not {}", bytes.len(), starts[starts.len() - 1])));
        }
        let mut first_slot = Vec::with_capacity(blocks.len());
        let mut slot = 0u32;
        for b in &blocks {
            first_slot.push(slot);
            let actors = articles[b.first as usize..][..b.count as usize].iter().map(|a| a.actors.len() as u32).sum::<u32>();
            slot = slot.saturating_add(actors);
        }
        Ok(Bodies {
            codec,
            dictionary,
            blocks,
            starts,
            bytes: bytes.to_vec(),
            predicted,
            first_slot,
            reader: Default::default(),
            vocab,
            text_index: None,
        })
    }

    /// How many blocks there are.
    pub fn blocks(&self) -> usize {
        self.blocks.len()
    }

    /// The block holding article `id` (`None` past the end).
    pub fn block_of(&self, id: u32) -> Option<usize> {
        let k = self.blocks.partition_point(|b| b.first <= id).checked_sub(1)?;
        (id - self.blocks[k].first < self.blocks[k].count).then_some(k)
    }

    /// The first article of block `k` and the bodies of its articles, in order.
    pub fn inflate(&self, k: usize) -> Result<(u32, Vec<Vec<String>>), BundleError> {
        let (first, raw) = self.raw_block(k)?;
        Ok((first, self.texts(k, &raw)?))
    }

    /// The words and separators the blocks are written in, if they are ids ([`tokens`]).
    pub fn vocab(&self) -> Option<&Vocab> {
        self.vocab.as_ref()
    }

    /// The text index the bundle carries (its postings and statistics), if it does and it
    /// has not been taken ([`crate::search::Index::open_text`] reads it).
    pub fn take_text_index(&mut self) -> Option<crate::search::CarriedText> {
        self.text_index.take()
    }

    /// The first article of block `k`, after `f` of each of its separators, words, paragraph
    /// ends and article ends in order: the text index reads the words of blocks of ids
    /// ([`Bodies::vocab`]) without their text. Blocks of text are an error.
    pub fn visit(&self, k: usize, f: impl FnMut(Token)) -> Result<u32, BundleError> {
        let vocab = self.vocab.as_ref().ok_or_else(|| BundleError::Corrupt("the body blocks are text, not ids".into()))?;
        let (first, raw) = self.raw_block(k)?;
        tokens::visit(&raw, self.blocks[k].count, vocab.words.len(), vocab.seps.len(), f)
            .map_err(|e| BundleError::Corrupt(format!("body block {k} {e}")))?;
        Ok(first)
    }

    /// Block `k`'s bodies from its bytes, as owned texts.
    fn texts(&self, k: usize, raw: &[u8]) -> Result<Vec<Vec<String>>, BundleError> {
        match &self.vocab {
            Some(vocab) => tokens::read(raw, self.blocks[k].count, vocab).map_err(|e| BundleError::Corrupt(format!("body block {k} {e}"))),
            None => self.parse(k, raw),
        }
    }

    /// Block `k`'s bodies from the postcard of their texts.
    fn parse(&self, k: usize, raw: &[u8]) -> Result<Vec<Vec<String>>, BundleError> {
        let bodies: Vec<Vec<String>> = postcard::from_bytes(raw).map_err(|e| BundleError::Corrupt(format!("body block {k} {e}")))?;
        if bodies.len() != self.blocks[k].count as usize {
            return Err(BundleError::Corrupt(format!("body block {k} holds {} bodies, not {}", bodies.len(), self.blocks[k].count)));
        }
        Ok(bodies)
    }

    /// The first article of block `k` and its bytes, decompressed and checked.
    fn raw_block(&self, k: usize) -> Result<(u32, Vec<u8>), BundleError> {
        let damaged = |why: String| BundleError::Corrupt(format!("body block {k} {why}"));
        let b = self.blocks.get(k).ok_or_else(|| damaged("is missing".into()))?;
        let frame = &self.bytes[self.starts[k]..self.starts[k + 1]];
        let raw = match self.codec {
            Codec::Zstd => {
                let mut reader = self.reader.lock().unwrap_or_else(|e| e.into_inner());
                if reader.is_none() {
                    *reader = Some(Reader::new(&self.dictionary).map_err(BundleError::Corrupt)?);
                }
                reader.as_mut().expect("made above").read(frame, b.raw as usize).map_err(|e| damaged(format!("does not read ({e})")))?
            }
            Codec::Deflate => legacy::inflate(&self.dictionary, frame, b.raw as usize).map_err(damaged)?,
        };
        if check(&raw) != b.check {
            return Err(damaged("does not match its check".into()));
        }
        Ok((b.first, raw))
    }

    /// Put the bodies of block `k` into their articles (which must be the corpus these bodies
    /// were packed with), checking the spans they have against them. The mention spans the
    /// bodies give are not looked for here (a result's snippet does not need them; finding
    /// them is most of the cost of reading a block): [`Bodies::find_spans`] does it for one
    /// article, [`super::decode`] for all.
    pub fn fill(&self, k: usize, articles: &mut [Article]) -> Result<(), BundleError> {
        let (first, bodies) = self.inflate(k)?;
        for (a, body) in articles.iter_mut().skip(first as usize).zip(bodies) {
            a.body = body;
            super::validate_spans(a).map_err(BundleError::Invalid)?;
        }
        Ok(())
    }

    /// Put into article `id`, whose body is in place ([`Bodies::fill`]), the mention spans
    /// that its body gives ([`super::spans::predict`]); again if they are there already.
    pub fn find_spans(&self, articles: &mut [Article], id: u32) -> Result<(), BundleError> {
        if self.predicted.is_empty() {
            // Every span is in place (an older layout, or none the bodies give).
            return Ok(());
        }
        let slot = self.first_slot_of(articles, id)?;
        self.put_predicted(&mut articles[id as usize], slot)
    }

    /// Put into `a` (whose first actor slot is `slot`) the spans its body gives, and check them all.
    fn put_predicted(&self, a: &mut Article, slot: usize) -> Result<(), BundleError> {
        let slots = slot..slot + a.actors.len();
        if slots.clone().any(|s| self.predicted.contains(s)) {
            let found = super::spans::predict(&a.body, &a.actors);
            for ((actor, spans), s) in a.actors.iter_mut().zip(found).zip(slots) {
                if self.predicted.contains(s) {
                    actor.spans = spans;
                }
            }
        }
        super::validate_spans(a).map_err(BundleError::Invalid)
    }

    /// The actor slot of article `id`'s first actor.
    fn first_slot_of(&self, articles: &[Article], id: u32) -> Result<usize, BundleError> {
        let k = self.block_of(id).ok_or_else(|| missing(id))?;
        let first = self.blocks[k].first as usize;
        let before: usize = articles.get(first..id as usize).ok_or_else(|| missing(id))?.iter().map(|a| a.actors.len()).sum();
        Ok(self.first_slot[k] as usize + before)
    }

    /// The compressed size of the bodies, dictionary included.
    pub fn compressed_bytes(&self) -> usize {
        self.bytes.len() + self.dictionary.len()
    }
}

/// The deflate blocks of `DSR3` and `DSR4`, read natively only: the explorer's wasm reads
/// the bundles built with it, and leaves the inflater out.
pub(super) mod legacy {
    /// Raw deflate of `raw` bytes written as the continuation of `dictionary`.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn inflate(dictionary: &[u8], deflated: &[u8], raw: usize) -> Result<Vec<u8>, String> {
        use miniz_oxide::inflate::TINFLStatus;
        use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
        let d = dictionary.len();
        // The dictionary goes first in the output, where back-references find it.
        let mut out = Vec::with_capacity(d + raw);
        out.extend_from_slice(dictionary);
        out.resize(d + raw, 0);
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, _, written) = decompress(&mut DecompressorOxide::new(), deflated, &mut out, d, flags);
        if status != TINFLStatus::Done || written != raw {
            return Err(format!("does not inflate ({status:?}, {written} of {raw} bytes)"));
        }
        out.drain(..d);
        Ok(out)
    }

    /// The bodies of `articles` as an encoder of `DSR3`/`DSR4` could write them: one raw
    /// deflate block, no dictionary (for the tests that read those layouts).
    #[cfg(test)]
    pub(in super::super) fn pack(articles: &[super::Article]) -> (Vec<u8>, Vec<super::Block>, Vec<u8>) {
        let raw = super::raw_block(articles, None);
        let deflated = miniz_oxide::deflate::compress_to_vec(&raw, 6);
        let block = super::Block {
            first: 0,
            count: articles.len() as u32,
            len: deflated.len() as u32,
            raw: raw.len() as u32,
            check: super::check(&raw),
        };
        (Vec::new(), vec![block], deflated)
    }

    #[cfg(target_arch = "wasm32")]
    pub(super) fn inflate(_: &[u8], _: &[u8], _: usize) -> Result<Vec<u8>, String> {
        Err("is in an older layout (deflate), which this explorer does not read: rebuild it with `cargo xtask build`".into())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_check_is_adler32() {
        // zlib's Adler-32 of "Wikipedia" (the worked example of the algorithm's article).
        assert_eq!(super::check(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(super::check(b""), 1);
        let long = vec![0xffu8; 100_000];
        assert_eq!(super::check(&long), {
            let (mut a, mut b) = (1u64, 0u64);
            long.iter().for_each(|&x| {
                a = (a + u64::from(x)) % 65521;
                b = (b + a) % 65521;
            });
            (b << 16 | a) as u32
        });
    }
}
