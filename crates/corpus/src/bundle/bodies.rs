//! Article bodies in blocks, each compressed on its own, so the explorer keeps them
//! compressed and inflates a block only when a snippet, the reader, an export or the text
//! index needs it: bodies are two thirds of a bundle's bytes, and most are never read.
//!
//! Blocks small enough to inflate quickly lose most of what one stream gains from text seen
//! before, so every block is deflated as the continuation of a shared dictionary (a sample of
//! paragraphs from across the corpus, stored once): the block's back-references may reach
//! into it. Measured on 10k synthetic articles (27 MB of bodies): one gzip stream 0.99 MB,
//! 32 KB blocks on their own 1.87 MB, 16 KB blocks after a 16 KB dictionary 1.35 MB.

use miniz_oxide::deflate::core::{CompressorOxide, TDEFLFlush, TDEFLStatus, compress_to_output, create_comp_flags_from_zip_params};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
use serde::{Deserialize, Serialize};

use super::BundleError;
use super::spans::Slots;
use crate::model::Article;

/// Raw body bytes gathered into one block before it is closed.
const BLOCK_BYTES: usize = 16 * 1024;
/// Bodies this small, all told, go in one block with no dictionary, stored rather than
/// deflated: the page's gzip of the whole bundle then compresses them with the rest (quotes
/// repeat their text), and reading them is a copy.
const ONE_BLOCK_BYTES: usize = 256 * 1024;
/// The shared dictionary's size: with a block, within deflate's 32 KB window.
const DICTIONARY_BYTES: usize = 16 * 1024;
/// Paragraphs sampled into the dictionary come from this many places across the corpus.
const DICTIONARY_SOURCES: usize = 64;

/// Bodies of the articles `first..first + count`: `len` bytes of raw deflate of their
/// postcard `Vec<Vec<String>>` (`raw` bytes, whose Adler-32 is `check`), deflated after the
/// dictionary. The blocks' bytes follow the bundle's postcard part, one after another (a
/// `Vec<u8>` inside postcard would be read a byte at a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Block {
    first: u32,
    count: u32,
    len: u32,
    raw: u32,
    check: u32,
}

/// The compressed bodies of a corpus, read a block at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bodies {
    dictionary: Vec<u8>,
    blocks: Vec<Block>,
    /// Where each block's bytes start in `bytes` (one more than the blocks).
    starts: Vec<usize>,
    bytes: Vec<u8>,
    /// The actor slots whose spans are found in the body once it is read ([`super::spans::predict`]).
    predicted: Slots,
    /// The first actor slot of each block.
    first_slot: Vec<u32>,
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

/// A sample of the corpus's paragraphs: articles spread evenly over it, in turn, each giving
/// a different paragraph each time round (the first paragraphs of news articles are alike).
fn dictionary(articles: &[Article]) -> Vec<u8> {
    let step = (articles.len() / DICTIONARY_SOURCES).max(1);
    let sources: Vec<&Article> = articles.iter().step_by(step).filter(|a| !a.body.is_empty()).collect();
    let mut dict = Vec::new();
    let paragraphs = sources.iter().map(|a| a.body.len()).sum::<usize>();
    for i in 0..paragraphs {
        let a = sources[i % sources.len()];
        dict.extend_from_slice(a.body[i % a.body.len()].as_bytes());
        if dict.len() >= DICTIONARY_BYTES {
            break;
        }
    }
    // The end of the dictionary is nearest to the blocks: deflate reaches back 32 KB at most.
    let cut = dict.len().saturating_sub(DICTIONARY_BYTES);
    dict.drain(..cut);
    dict
}

/// Raw deflate of `data` at `level` as the continuation of `dictionary` (whose own bytes are
/// not kept).
fn deflate_after(dictionary: &[u8], data: &[u8], level: i32) -> Vec<u8> {
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(level, -15, 0));
    let mut out = Vec::new();
    let (status, _) = compress_to_output(&mut c, dictionary, TDEFLFlush::Sync, |b| {
        out.extend_from_slice(b);
        true
    });
    assert_eq!(status, TDEFLStatus::Okay, "deflating into a Vec cannot fail");
    // A sync flush ends on a byte boundary: what follows is a fresh block of the stream.
    out.clear();
    let (status, _) = compress_to_output(&mut c, data, TDEFLFlush::Finish, |b| {
        out.extend_from_slice(b);
        true
    });
    assert_eq!(status, TDEFLStatus::Done, "deflating into a Vec cannot fail");
    out
}

impl Bodies {
    /// Group the bodies of `articles` (in id order) into blocks: the dictionary, their table,
    /// and their bytes.
    pub(super) fn pack(articles: &[Article]) -> (Vec<u8>, Vec<Block>, Vec<u8>) {
        let total: usize = articles.iter().flat_map(|a| &a.body).map(String::len).sum();
        let (dict, block_bytes, level) =
            if total <= ONE_BLOCK_BYTES { (Vec::new(), usize::MAX, 0) } else { (dictionary(articles), BLOCK_BYTES, 9) };
        let (mut blocks, mut out) = (Vec::new(), Vec::new());
        let (mut first, mut bytes) = (0usize, 0usize);
        for (i, a) in articles.iter().enumerate() {
            bytes += a.body.iter().map(String::len).sum::<usize>();
            if bytes >= block_bytes || i + 1 == articles.len() {
                let texts: Vec<&Vec<String>> = articles[first..=i].iter().map(|a| &a.body).collect();
                let raw = postcard::to_allocvec(&texts).expect("serialising into a Vec cannot fail");
                let deflated = deflate_after(&dict, &raw, level);
                blocks.push(Block {
                    first: first as u32,
                    count: (i + 1 - first) as u32,
                    len: deflated.len() as u32,
                    raw: raw.len() as u32,
                    check: check(&raw),
                });
                out.extend_from_slice(&deflated);
                (first, bytes) = (i + 1, 0);
            }
        }
        (dict, blocks, out)
    }

    /// Check that the blocks cover `0..articles` in order, once each, and that `bytes` holds
    /// exactly their bytes.
    pub(super) fn new(
        dictionary: Vec<u8>,
        blocks: Vec<Block>,
        bytes: &[u8],
        articles: &[Article],
        predicted: Slots,
    ) -> Result<Bodies, BundleError> {
        if dictionary.len() > DICTIONARY_BYTES {
            return Err(BundleError::Corrupt(format!("the body dictionary is {} bytes", dictionary.len())));
        }
        let mut next = 0u64;
        let mut starts = vec![0usize];
        for b in &blocks {
            starts.push(starts[starts.len() - 1] + b.len as usize);
            // Deflate expands at most 1032 times: a larger size is damage, not a body to allocate.
            if u64::from(b.raw) > u64::from(b.len) * 1032 + 64 {
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
        Ok(Bodies { dictionary, blocks, starts, bytes: bytes.to_vec(), predicted, first_slot })
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
        let damaged = |why: String| BundleError::Corrupt(format!("body block {k} {why}"));
        let b = self.blocks.get(k).ok_or_else(|| damaged("is missing".into()))?;
        let d = self.dictionary.len();
        // The dictionary goes first in the output, where back-references find it.
        let mut out = Vec::with_capacity(d + b.raw as usize);
        out.extend_from_slice(&self.dictionary);
        out.resize(d + b.raw as usize, 0);
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, _, written) =
            decompress(&mut DecompressorOxide::new(), &self.bytes[self.starts[k]..self.starts[k + 1]], &mut out, d, flags);
        if status != TINFLStatus::Done || written != b.raw as usize || check(&out[d..]) != b.check {
            return Err(damaged(format!("does not inflate ({status:?}, {written} of {} bytes)", b.raw)));
        }
        let bodies: Vec<Vec<String>> = postcard::from_bytes(&out[d..]).map_err(|e| damaged(e.to_string()))?;
        if bodies.len() != b.count as usize {
            return Err(damaged(format!("holds {} bodies, not {}", bodies.len(), b.count)));
        }
        Ok((b.first, bodies))
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

    /// A copy of article `id` with its body (`body`, as [`Bodies::inflate`] gave it) and the
    /// spans it gives, for a caller that reads bodies without keeping them in the corpus.
    pub fn with_body(&self, articles: &[Article], id: u32, body: Vec<String>) -> Result<Article, BundleError> {
        let mut a = articles.get(id as usize).ok_or_else(|| missing(id))?.clone();
        a.body = body;
        self.put_predicted(&mut a, self.first_slot_of(articles, id)?)?;
        Ok(a)
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
