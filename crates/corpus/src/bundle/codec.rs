//! How a bundle's parts are compressed: zstd frames, read by the pure-Rust `ruzstd` decoder
//! (in the explorer's wasm) and written natively by libzstd (`zstd`), at a high level and,
//! for body blocks, after a dictionary trained on the corpus's own bodies (zstd's `ZDICT`).
//! The wasm has no zstd encoder: what a page writes (an import's corpus) goes in frames of raw
//! blocks ([`raw_frame`]), which the page's gzip then compresses like any other bytes.
//!
//! Chosen by measurement on 100k synthetic articles (275 MB of bodies, 27 MB of the rest): the
//! deflate blocks before (16 KB after a 16 KB sample of paragraphs) were 13.4 MB; zstd level 15
//! in 32 KB blocks after a trained 512 KB dictionary is 9.7 MB (10.3 with the dictionary; as
//! word ids, `tokens`, after a 128 KB dictionary, 6.7). The rest, gzipped by the page,
//! was 7.9 MB; at zstd level 19 it is 6.3 MB. `ruzstd` costs the explorer 9 KB of page (its
//! inflate, `miniz_oxide`, is no longer in it).

/// The level body blocks are compressed at (natively).
#[cfg(not(target_arch = "wasm32"))]
const BLOCK_LEVEL: i32 = 15;
/// The level the bundle's head (string table, corpus without bodies) is compressed at.
#[cfg(not(target_arch = "wasm32"))]
const HEAD_LEVEL: i32 = 19;
/// The trained dictionary's size: a hundredth of the bodies, within these bounds. For blocks
/// of word ids a larger one paid for less than its own bytes: at 100k synthetic articles the
/// bundle was 12.9 MB with 128 KB and 13.4 with 512 KB (at 10k: 1.57 and 1.73 MB); with blocks
/// twice as long, 12.8, 12.6, 13.0 and 13.2 MB with 64, 128, 256 and 512 KB. The reader
/// copies it for each block, too.
const DICTIONARY_BOUNDS: (usize, usize) = (16 * 1024, 128 * 1024);
/// The largest dictionary a bundle may have (older builds trained up to this).
pub(super) const MAX_DICTIONARY: usize = 512 * 1024;
/// How many times its size a frame may claim to hold: zstd (a run of one byte) expands up to
/// 32768 times, deflate 1032. A larger claim is damage, not bytes to allocate.
const MAX_EXPANSION: u64 = 32768;

/// Whether `len` bytes of frame (zstd or deflate) can hold `raw` bytes ([`MAX_EXPANSION`],
/// with room for a frame's header): sizes read from a bundle are checked before anything is
/// allocated for them.
pub(super) fn can_hold(len: usize, raw: usize) -> bool {
    raw as u64 <= len as u64 * MAX_EXPANSION + 64
}

/// zstd's frame magic number, little-endian.
const MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// The largest raw block a frame may hold.
const RAW_BLOCK: usize = 128 * 1024;

/// A zstd frame holding `data` as it is, in raw blocks: what a writer with no encoder writes.
pub(super) fn raw_frame(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 16 + data.len() / RAW_BLOCK * 3);
    out.extend_from_slice(&MAGIC);
    // Frame header: Single_Segment (the window is the content), an 8-byte content size.
    out.push(0b1110_0000);
    out.extend_from_slice(&(data.len() as u64).to_le_bytes());
    let mut chunks = data.chunks(RAW_BLOCK).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0]); // one last, empty, raw block
    }
    while let Some(chunk) = chunks.next() {
        // Block header: Last_Block, Block_Type 0 (raw), Block_Size, 3 bytes little-endian.
        let header = u32::from(chunks.peek().is_none()) | (chunk.len() as u32) << 3;
        out.extend_from_slice(&header.to_le_bytes()[..3]);
        out.extend_from_slice(chunk);
    }
    out
}

/// A dictionary for body blocks, trained on `samples` (natively; none in wasm, where blocks
/// are raw frames).
pub(super) fn train(samples: &[&[u8]], total: usize) -> Vec<u8> {
    let size = (total / 100).clamp(DICTIONARY_BOUNDS.0, DICTIONARY_BOUNDS.1);
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Training fails on too little or too uniform text: then blocks go without.
        zstd::dict::from_samples(samples, size).unwrap_or_default()
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = (samples, size);
        Vec::new()
    }
}

/// Compresses body blocks, all after the same dictionary, or writes them as raw frames.
pub(super) struct BlockWriter {
    #[cfg(not(target_arch = "wasm32"))]
    compressor: Option<zstd::bulk::Compressor<'static>>,
}

impl BlockWriter {
    /// A writer compressing after `dictionary`, or of raw frames (`None`, and always in wasm).
    pub(super) fn new(dictionary: Option<&[u8]>) -> BlockWriter {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let compressor = dictionary.map(|d| {
                let mut c = zstd::bulk::Compressor::with_dictionary(BLOCK_LEVEL, d).expect("a valid zstd level");
                // The block table has each block's size and check: no need for them in the frame.
                let _ = c.set_parameter(zstd::zstd_safe::CParameter::ContentSizeFlag(false));
                let _ = c.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(false));
                c
            });
            BlockWriter { compressor }
        }
        #[cfg(target_arch = "wasm32")]
        {
            let _ = dictionary;
            BlockWriter {}
        }
    }

    pub(super) fn compress(&mut self, data: &[u8]) -> Vec<u8> {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(c) = &mut self.compressor {
            return c.compress(data).expect("compressing into a Vec cannot fail");
        }
        raw_frame(data)
    }
}

/// The head of a bundle, compressed on its own.
pub(super) fn compress_head(data: &[u8]) -> Vec<u8> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        zstd::bulk::compress(data, HEAD_LEVEL).expect("compressing into a Vec cannot fail")
    }
    #[cfg(target_arch = "wasm32")]
    {
        raw_frame(data)
    }
}

/// Reads frames, after a dictionary if they were written with one.
pub(super) struct Reader {
    decoder: ruzstd::decoding::FrameDecoder,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reader")
    }
}

impl Reader {
    /// A reader for frames written after `dictionary` (empty: none).
    pub(super) fn new(dictionary: &[u8]) -> Result<Reader, String> {
        let mut decoder = ruzstd::decoding::FrameDecoder::new();
        if !dictionary.is_empty() {
            let dict =
                ruzstd::decoding::Dictionary::decode_dict(dictionary).map_err(|e| format!("the body dictionary is damaged ({e})"))?;
            decoder.add_dict(dict).map_err(|e| e.to_string())?;
        }
        Ok(Reader { decoder })
    }

    /// The `raw` bytes that `frame` holds (an error if it holds anything else).
    pub(super) fn read(&mut self, frame: &[u8], raw: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(raw);
        self.decoder.decode_all_to_vec(frame, &mut out).map_err(|e| e.to_string())?;
        if out.len() != raw {
            return Err(format!("holds {} bytes, not {raw}", out.len()));
        }
        Ok(out)
    }
}

/// The `raw` bytes that one zstd frame holds (no dictionary): the explorer reads its import
/// island with this, the decoder it already has for bundles.
pub fn read_frame(frame: &[u8], raw: usize) -> Result<Vec<u8>, String> {
    if raw as u64 > frame.len() as u64 * MAX_EXPANSION {
        return Err(format!("a frame of {} bytes cannot hold {raw}", frame.len()));
    }
    Reader::new(&[])?.read(frame, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_reads_back_and_damage_is_an_error() {
        let data: Vec<u8> = (0..300_000).map(|i| (i * 13 % 251) as u8).collect();
        let frame = zstd::bulk::compress(&data, 19).unwrap();
        assert_eq!(read_frame(&frame, data.len()).unwrap(), data);
        assert!(read_frame(&frame, data.len() - 1).is_err(), "a size that does not match");
        assert!(read_frame(&frame[..frame.len() / 2], data.len()).is_err(), "a truncated frame");
        assert!(read_frame(b"not a frame", 4).is_err());
        assert!(read_frame(&frame, usize::MAX).is_err(), "a size no frame of this length can hold");
    }

    #[test]
    fn raw_frames_read_back() {
        for len in [0, 1, RAW_BLOCK - 1, RAW_BLOCK, RAW_BLOCK + 1, 3 * RAW_BLOCK + 7] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let frame = raw_frame(&data);
            assert_eq!(Reader::new(&[]).unwrap().read(&frame, len).unwrap(), data, "{len}");
            // And libzstd reads them too: they are frames by the format, not by this reader.
            assert_eq!(zstd::bulk::decompress(&frame, len + 1).unwrap(), data, "{len}");
        }
    }

    #[test]
    fn blocks_read_back_after_a_trained_dictionary() {
        let text = |i: usize| format!("Paragraph {i}: the minister said the talks on energy would go on in the spring. ").repeat(40);
        let samples: Vec<String> = (0..200).map(text).collect();
        let refs: Vec<&[u8]> = samples.iter().map(|s| s.as_bytes()).collect();
        let dict = train(&refs, 10_000_000);
        assert!(!dict.is_empty());
        let mut w = BlockWriter::new(Some(&dict));
        let mut r = Reader::new(&dict).unwrap();
        for s in &samples[..5] {
            let frame = w.compress(s.as_bytes());
            assert!(frame.len() < s.len() / 10);
            assert_eq!(r.read(&frame, s.len()).unwrap(), s.as_bytes());
            assert!(r.read(&frame, s.len() + 1).is_err(), "a size that does not match is an error");
        }
        let head = compress_head(samples[0].as_bytes());
        assert_eq!(Reader::new(&[]).unwrap().read(&head, samples[0].len()).unwrap(), samples[0].as_bytes());
    }
}
