//! The text index's postings: for each term, (article, term frequency) pairs in article order
//! and each pair's word positions, as varints, and how they are built and read.
//!
//! Memory, which in the page is a high-water mark (wasm memory grows and never shrinks):
//! - The builder writes an article at a time into one growing list per term, but only for a
//!   segment of articles (about [`SEGMENT_BYTES`] of postings): then every term's list is
//!   copied into the segment's two byte arrays, made at their exact size and never moved
//!   again, and the lists are emptied and reused (they keep their room). Lists that grew to
//!   the end of the corpus left the room they outgrew as holes (at 100k articles the memory
//!   rose by 118 MB for an 85 MB index); copying them into one array at the end needed the
//!   index twice at once.
//! - A term's postings are thus its parts, one for each segment it occurs in, read one after
//!   the other (a few dozen at 100k articles; a part is two ranges of a segment).
//! - An article and its term frequency are most often one byte together
//!   ([`put_posting`]): the article delta and the frequency each took a byte.

/// Postings bytes a segment gathers before it is laid down (a large corpus has a few dozen
/// segments; a small one, one).
pub(super) const SEGMENT_BYTES: usize = 1 << 20;

/// Bits of a posting's first varint that hold its term frequency (less one, up to
/// [`TF_ALL`]); the article delta is the rest.
const TF_BITS: u32 = 3;
/// The largest term frequency less one held in the first varint: at this value a second
/// varint holds the rest.
const TF_ALL: u32 = (1 << TF_BITS) - 1;

/// The first byte value that continues a varint: a byte below it ends one (and, alone, is its
/// value), a byte from it up carries five more bits. Word positions and their gaps are mostly
/// under 224 where LEB128 gave one byte only under 128: at 100k articles the positions took
/// 50 MB instead of 60 (a posting's first position is anywhere in its article).
const MORE: u8 = 224;

/// Append `v` as a varint: its higher part (`v / 224`) in continuing bytes of five bits, the
/// lowest first, then `v % 224` in the last byte.
pub(super) fn put_varint(out: &mut Vec<u8>, v: u32) {
    let mut high = v / u32::from(MORE);
    while high > 0 {
        out.push(MORE + (high & 31) as u8);
        high >>= 5;
    }
    out.push((v % u32::from(MORE)) as u8);
}

/// [`put_varint`] into a list that grows by a quarter when full rather than doubling (the
/// page's memory keeps its highest mark).
#[inline(always)]
fn grow_varint(out: &mut Vec<u8>, v: u32) {
    if out.capacity() - out.len() < 5 {
        out.reserve_exact((out.len() / 4).max(8));
    }
    put_varint(out, v);
}

/// A posting: the article delta and term frequency in one varint (`delta << 3 | tf - 1`, the
/// frequency capped at 8), then, for a frequency of 8 or more, the rest. A frequent term's
/// next article is mostly within 28 and its frequency under 8: one byte, where a varint each
/// took two (at 100k articles, 13 MB instead of 24). The delta must be below 2^29.
fn put_posting(out: &mut Vec<u8>, delta: u32, tf: u32) {
    debug_assert!(delta < 1 << (32 - TF_BITS) && tf > 0);
    let rest = tf - 1;
    // Once an article for each term: not inlined (the page's wasm pays for each copy).
    #[inline(never)]
    fn grow(out: &mut Vec<u8>, v: u32) {
        grow_varint(out, v);
    }
    grow(out, delta << TF_BITS | rest.min(TF_ALL));
    if rest >= TF_ALL {
        grow(out, rest - TF_ALL);
    }
}

/// Read a posting written by [`put_posting`]: (article delta, term frequency).
#[inline(always)]
fn get_posting(bytes: &[u8], at: &mut usize) -> Option<(u32, u32)> {
    let code = get_varint(bytes, at)?;
    let mut tf = (code & TF_ALL) + 1;
    if tf > TF_ALL {
        tf = tf.checked_add(get_varint(bytes, at)?)?;
    }
    Some((code >> TF_BITS, tf))
}

/// Read a varint ([`put_varint`]) at `*at`, moving past it (None at the end or on a
/// malformed one).
#[inline(always)]
pub(super) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    // Most deltas, term frequencies and position gaps take one byte.
    match bytes.get(*at) {
        Some(&b) if b < MORE => {
            *at += 1;
            Some(u32::from(b))
        }
        _ => get_long_varint(bytes, at),
    }
}

#[inline(never)]
fn get_long_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut high: u32 = 0;
    for shift in (0..30).step_by(5) {
        let b = *bytes.get(*at)?;
        *at += 1;
        if b < MORE {
            return high.checked_mul(u32::from(MORE))?.checked_add(u32::from(b));
        }
        high |= u32::from(b - MORE) << shift;
    }
    None
}

/// Move `*at` past `n` varints (None if the bytes end first). Eight bytes are looked at in one
/// go: a varint ends at each byte under 224 (whose three high bits are not all set), so a
/// word's ends are counted (or the `n`th found) without decoding what is skipped. Skipping the
/// positions of the articles a phrase does not need is most of a phrase's cost with a
/// frequent word in it.
pub(super) fn skip_varints(bytes: &[u8], at: &mut usize, mut n: u32) -> Option<()> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = *at;
    while n > 0 {
        let Some(chunk) = bytes.get(i..i + 8) else {
            let b = *bytes.get(i)?;
            i += 1;
            n -= u32::from(b < MORE);
            continue;
        };
        let x = u64::from_le_bytes(chunk.try_into().ok()?);
        // Bit 7 of each byte: set where bits 7, 6 and 5 all are (the byte continues a varint).
        let more = x & (x << 1) & (x << 2) & HIGH;
        let mut ends = !more & HIGH;
        let count = ends.count_ones();
        if count < n {
            n -= count;
            i += 8;
        } else {
            for _ in 1..n {
                ends &= ends - 1; // the lowest end is not the `n`th
            }
            i += ends.trailing_zeros() as usize / 8 + 1;
            n = 0;
        }
    }
    *at = i;
    Some(())
}

/// One term's bytes in one segment of a [`Lists`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Part {
    segment: u32,
    start: u32,
    end: u32,
}

/// Every term's lists of one kind (postings, or their positions), laid down a run of articles
/// at a time: a segment is its first article and every term's part for its run, one after
/// the other.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Lists {
    segments: Vec<(u32, Box<[u8]>)>,
    /// Term `t`'s parts are `parts[part_start[t]..part_start[t + 1]]`, in article order.
    part_start: Vec<u32>,
    parts: Vec<Part>,
}

impl Lists {
    /// Term `term`'s parts (none for a term past the end).
    fn parts(&self, term: u32) -> &[Part] {
        let t = term as usize;
        match (self.part_start.get(t), self.part_start.get(t + 1)) {
            (Some(&s), Some(&e)) => self.parts.get(s as usize..e as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// A part's bytes, and the first article of its segment.
    fn part(&self, part: &Part) -> Option<(&[u8], u32)> {
        let (first, bytes) = self.segments.get(part.segment as usize)?;
        Some((bytes.get(part.start as usize..part.end as usize)?, *first))
    }

    /// Every term's list in one segment, one after the other: term `t`'s is `lens[t]` bytes
    /// (None unless they add up to all of `bytes`).
    pub(super) fn whole(bytes: Box<[u8]>, lens: &[u32]) -> Option<Lists> {
        let mut part_start = Vec::with_capacity(lens.len() + 1);
        let mut parts = Vec::with_capacity(lens.len());
        let mut at = 0u32;
        part_start.push(0);
        for &len in lens {
            let end = at.checked_add(len)?;
            if len > 0 {
                parts.push(Part { segment: 0, start: at, end });
            }
            at = end;
            part_start.push(parts.len() as u32);
        }
        (at as usize == bytes.len()).then(|| Lists { segments: vec![(0, bytes)], part_start, parts })
    }

    /// Term `term`'s list whole (its parts one after the other), for writing it out.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn write_term(&self, term: u32, out: &mut Vec<u8>) {
        self.parts(term).iter().filter_map(|p| self.part(p)).for_each(|(bytes, _)| out.extend_from_slice(bytes));
    }
}

/// Every term's postings: (article delta, term frequency), and their word positions, which
/// may come later (an index read from a bundle has its postings at once and builds their
/// positions after the page is drawn).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Store {
    pub(super) docs: Lists,
    pub(super) positions: std::sync::OnceLock<Lists>,
}

impl Store {
    /// Term `term`'s postings (none for a term past the end).
    pub(super) fn postings(&self, term: u32) -> Postings<'_> {
        let positions = self.positions.get();
        let pos_parts = positions.map_or(&[][..], |p| p.parts(term));
        let mut post = Postings {
            docs: &self.docs,
            parts: self.docs.parts(term),
            bytes: &[],
            at: 0,
            doc: 0,
            first: true,
            positions: &[],
            pos_lists: positions,
            pos_parts,
            next_first: u32::MAX,
            pos_at: 0,
            unread: 0,
        };
        post.next_first = post.first_of_next();
        post
    }
}

/// A term's postings being read: (article, term frequency) in article order, each with its
/// positions when asked for.
pub(super) struct Postings<'a> {
    docs: &'a Lists,
    /// The parts not started yet.
    parts: &'a [Part],
    bytes: &'a [u8],
    at: usize,
    doc: u32,
    first: bool,
    /// The positions' part of the current article's segment, and those not started yet.
    positions: &'a [u8],
    pos_lists: Option<&'a Lists>,
    pos_parts: &'a [Part],
    /// The first article of the next positions part (`u32::MAX`: none).
    next_first: u32,
    pos_at: usize,
    /// Positions of postings passed over, skipped at the next read: one long skip goes eight
    /// bytes at a time, a skip per posting mostly one.
    unread: u32,
}

impl Postings<'_> {
    /// The next (article, tf); the positions of the previous posting, if not read, are
    /// to be skipped (`skip_positions_of`, its tf).
    #[inline]
    pub(super) fn next_doc(&mut self, skip_positions_of: u32) -> Option<(u32, u32)> {
        self.unread = self.unread.checked_add(skip_positions_of)?;
        if self.at >= self.bytes.len() {
            self.next_part()?;
        }
        let (delta, tf) = get_posting(self.bytes, &mut self.at)?;
        self.doc = if self.first { delta } else { self.doc.checked_add(delta)? };
        self.first = false;
        if self.doc >= self.next_first {
            self.next_positions();
        }
        Some((self.doc, tf))
    }

    /// Start the next part (None when there is none).
    #[inline(never)]
    fn next_part(&mut self) -> Option<()> {
        let (part, rest) = self.parts.split_first()?;
        self.parts = rest;
        (self.bytes, _) = self.docs.part(part)?;
        self.at = 0;
        Some(())
    }

    /// The first article of the next positions part's segment (`u32::MAX`: none).
    fn first_of_next(&self) -> u32 {
        let next = self.pos_parts.first().zip(self.pos_lists).and_then(|(p, lists)| lists.part(p));
        next.map_or(u32::MAX, |(_, first)| first)
    }

    /// Move to the positions part of the current article's segment: the positions left
    /// unread were the previous part's.
    #[inline(never)]
    fn next_positions(&mut self) {
        while self.doc >= self.next_first {
            let Some((part, rest)) = self.pos_parts.split_first() else { break };
            self.pos_parts = rest;
            self.positions = self.pos_lists.and_then(|l| l.part(part)).map_or(&[][..], |(bytes, _)| bytes);
            self.next_first = self.first_of_next();
        }
        (self.pos_at, self.unread) = (0, 0);
    }

    /// The `tf` positions of the posting just read (None if there are none to read: past
    /// their end, or not built yet).
    pub(super) fn read_positions(&mut self, tf: u32, out: &mut Vec<u32>) -> Option<()> {
        skip_varints(self.positions, &mut self.pos_at, std::mem::take(&mut self.unread))?;
        let mut p = 0u32;
        for _ in 0..tf {
            p = p.checked_add(get_varint(self.positions, &mut self.pos_at)?)?;
            out.push(p);
        }
        Some(())
    }
}

/// One term's lists being built for the current segment (they are reused from one segment
/// to the next), and what carries over from one article to the next.
#[derive(Default)]
struct Building {
    docs: Vec<u8>,
    positions: Vec<u8>,
    last_doc: Option<u32>,
    last_pos: u32,
    tf: u32,
    /// Articles holding the term.
    df: u32,
}

/// A [`Store`] being built, an article at a time in id order; terms are numbered as they
/// come. Without its postings ([`StoreBuilder::positions_only`]) it makes their positions
/// only, for postings read from a bundle.
pub(super) struct StoreBuilder {
    terms: Vec<Building>,
    /// Whether the postings are made too.
    with_docs: bool,
    /// The terms with lists in the current segment, in order of first use.
    in_segment: Vec<u32>,
    /// The current segment's first article.
    first_doc: u32,
    /// Bytes in the current segment.
    bytes: usize,
    /// Bytes at which the current segment is laid down.
    segment_bytes: usize,
    docs: Vec<(u32, Box<[u8]>)>,
    positions: Vec<(u32, Box<[u8]>)>,
    /// (term, postings' part, positions' part) in the order laid down.
    parts: Vec<(u32, Part, Part)>,
    /// Terms the current article used, to close their postings at its end.
    used: Vec<u32>,
}

impl Default for StoreBuilder {
    fn default() -> StoreBuilder {
        StoreBuilder::with_segment_bytes(SEGMENT_BYTES)
    }
}

/// The (term, postings) pairs `parts` renumbered (`rank`) into [`Lists`] over `segments`.
fn lists(segments: Vec<(u32, Box<[u8]>)>, parts: &[(u32, Part)], rank: &[u32]) -> Lists {
    let mut part_start = vec![0u32; rank.len() + 1];
    for &(t, _) in parts {
        part_start[rank[t as usize] as usize + 1] += 1;
    }
    for t in 0..rank.len() {
        part_start[t + 1] += part_start[t];
    }
    let mut at = part_start.clone();
    let mut sorted = vec![Part { segment: 0, start: 0, end: 0 }; parts.len()];
    // Placed in order: each term's parts stay in article order.
    for &(t, part) in parts {
        let slot = &mut at[rank[t as usize] as usize];
        sorted[*slot as usize] = part;
        *slot += 1;
    }
    Lists { segments, part_start, parts: sorted }
}

impl StoreBuilder {
    pub(super) fn with_segment_bytes(segment_bytes: usize) -> StoreBuilder {
        StoreBuilder {
            terms: Vec::new(),
            with_docs: true,
            in_segment: Vec::new(),
            first_doc: 0,
            bytes: 0,
            segment_bytes,
            docs: Vec::new(),
            positions: Vec::new(),
            parts: Vec::new(),
            used: Vec::new(),
        }
    }

    /// A builder of positions only, for postings made already.
    pub(super) fn positions_only() -> StoreBuilder {
        StoreBuilder { with_docs: false, ..StoreBuilder::default() }
    }

    /// [`StoreBuilder::add_word`], not inlined: for the words of text (titles, and the bodies
    /// of small corpora), which a block of ids outnumbers (the page's wasm pays for each copy).
    #[inline(never)]
    pub(super) fn add_text_word(&mut self, term: u32, pos: u32) {
        self.add_word(term, pos);
    }

    /// Term `term` at word position `pos` of the current article (positions in order).
    #[inline(always)]
    pub(super) fn add_word(&mut self, term: u32, pos: u32) {
        let t = term as usize;
        if t >= self.terms.len() {
            self.terms.resize_with(t + 1, Building::default);
        }
        let b = &mut self.terms[t];
        if b.tf == 0 {
            self.used.push(term);
            b.last_pos = 0;
            if b.positions.is_empty() {
                self.in_segment.push(term);
            }
        }
        b.tf += 1;
        let before = b.positions.len();
        grow_varint(&mut b.positions, pos - b.last_pos);
        b.last_pos = pos;
        self.bytes += b.positions.len() - before;
    }

    /// Close the current article, `doc` (articles come in id order, so each list is sorted).
    pub(super) fn end_doc(&mut self, doc: u32) {
        for term in self.used.drain(..) {
            let b = &mut self.terms[term as usize];
            let tf = std::mem::take(&mut b.tf);
            b.df += 1;
            if self.with_docs {
                let before = b.docs.len();
                put_posting(&mut b.docs, b.last_doc.map_or(doc, |d| doc - d), tf);
                b.last_doc = Some(doc);
                self.bytes += b.docs.len() - before;
            }
        }
        if self.bytes >= self.segment_bytes {
            self.lay_down();
            self.first_doc = doc + 1;
        }
    }

    /// Copy the current segment's lists into a segment of their exact size, and empty them.
    fn lay_down(&mut self) {
        if self.in_segment.is_empty() {
            return;
        }
        let segment = self.positions.len() as u32;
        let of = |kind: fn(&Building) -> &Vec<u8>| self.in_segment.iter().map(|&t| kind(&self.terms[t as usize]).len()).sum::<usize>();
        let mut docs = Vec::with_capacity(of(|b| &b.docs));
        let mut positions = Vec::with_capacity(of(|b| &b.positions));
        for &t in &self.in_segment {
            let b = &mut self.terms[t as usize];
            let (d, p) = (docs.len() as u32, positions.len() as u32);
            docs.extend_from_slice(&b.docs);
            positions.extend_from_slice(&b.positions);
            b.docs.clear();
            b.positions.clear();
            let part = |start, end: usize| Part { segment, start, end: end as u32 };
            self.parts.push((t, part(d, docs.len()), part(p, positions.len())));
        }
        self.docs.push((self.first_doc, docs.into_boxed_slice()));
        self.positions.push((self.first_doc, positions.into_boxed_slice()));
        self.in_segment.clear();
        self.bytes = 0;
    }

    /// The postings (unless positions only) and positions, and each term's number of
    /// articles, with term `t` renumbered `rank[t]` (a permutation of the terms numbered so far).
    pub(super) fn finish(mut self, rank: &[u32]) -> (Option<Lists>, Lists, Vec<u32>) {
        self.lay_down();
        let StoreBuilder { terms, with_docs, docs, positions, parts, .. } = self;
        let mut df = vec![0u32; rank.len()];
        for (t, b) in terms.iter().enumerate() {
            df[rank[t] as usize] = b.df;
        }
        drop(terms);
        let pos_parts: Vec<(u32, Part)> = parts.iter().map(|&(t, _, p)| (t, p)).collect();
        let docs = with_docs.then(|| {
            let doc_parts: Vec<(u32, Part)> = parts.iter().map(|&(t, d, _)| (t, d)).collect();
            lists(docs, &doc_parts, rank)
        });
        (docs, lists(positions, &pos_parts, rank), df)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_stop_on_bad_bytes() {
        let values = [0, 1, 127, 128, 223, 224, 7167, 7168, 300, 1 << 21, u32::MAX, 5, 6, 7, 200, 9, 10, 70_000, 3, 1];
        let mut out = Vec::new();
        for v in values {
            put_varint(&mut out, v);
        }
        let mut at = 0;
        let back: Vec<u32> = std::iter::from_fn(|| get_varint(&out, &mut at)).collect();
        assert_eq!(back, values);
        // One byte up to 223, two up to 7167, six for the largest.
        let len = |v| {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            out.len()
        };
        assert_eq!([0, 223, 224, 7167, 7168, u32::MAX].map(len), [1, 1, 2, 2, 3, 6]);
        assert_eq!(get_varint(&[0xe0, 0xe0], &mut 0), None, "cut short");
        // Skipping lands where reading would, across and within eight-byte words.
        for n in 0..=values.len() {
            let (mut read, mut skipped) = (0, 0);
            for _ in 0..n {
                get_varint(&out, &mut read);
            }
            assert_eq!(skip_varints(&out, &mut skipped, n as u32), Some(()));
            assert_eq!(skipped, read, "{n} varints");
        }
        assert_eq!(skip_varints(&out, &mut 0, values.len() as u32 + 1), None, "past the end");
        assert_eq!(skip_varints(&[0xe0; 12], &mut 0, 1), None, "cut short");
        assert_eq!(get_varint(&[0xff; 7], &mut 0), None, "too long for a u32");
        assert_eq!(get_varint(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0], &mut 0), None, "too long for a u32");
        assert_eq!(get_varint(&[0xff, 0xff, 0xff, 0xff, 0xff, 223], &mut 0), None, "past u32::MAX");
    }

    #[test]
    fn postings_round_trip_and_most_take_one_byte() {
        let pairs = [(0, 1), (1, 1), (15, 7), (16, 7), (1, 8), (1, 9), (3, 200), ((1 << 29) - 1, u32::MAX)];
        let mut out = Vec::new();
        for (d, tf) in pairs {
            put_posting(&mut out, d, tf);
        }
        let mut at = 0;
        let back: Vec<(u32, u32)> = std::iter::from_fn(|| get_posting(&out, &mut at)).collect();
        assert_eq!(back, pairs);
        let mut one = Vec::new();
        put_posting(&mut one, 27, 7);
        assert_eq!(one.len(), 1);
    }

    /// Terms per article (a word position each), read back through the store.
    fn read_back(store: &Store, term: u32) -> Vec<(u32, Vec<u32>)> {
        let mut p = store.postings(term);
        let mut out = Vec::new();
        let mut skip = 0;
        while let Some((doc, tf)) = p.next_doc(skip) {
            // Every other posting's positions are skipped, to test the skip across parts.
            if doc % 2 == 0 {
                skip = tf;
                out.push((doc, Vec::new()));
            } else {
                let mut pos = Vec::new();
                if p.read_positions(tf, &mut pos).is_some() {
                    skip = 0;
                }
                out.push((doc, pos));
            }
        }
        out
    }

    #[test]
    fn segments_read_as_one_list() {
        // Term t occurs in article d at positions where (d + t + pos) % 3 == 0, some articles none.
        let docs: Vec<Vec<(u32, u32)>> = (0..60u32)
            .map(|d| {
                (0..40u32).flat_map(|pos| (0..5u32).filter(move |t| (d + t + pos) % 3 == 0 && d % 7 != *t).map(move |t| (t, pos))).collect()
            })
            .collect();
        let add = |b: &mut StoreBuilder| {
            for (d, words) in docs.iter().enumerate() {
                words.iter().for_each(|&(t, pos)| b.add_word(t, pos));
                b.end_doc(d as u32);
            }
        };
        let rank = [4, 3, 2, 1, 0];
        let build = |segment_bytes| {
            let mut b = StoreBuilder::with_segment_bytes(segment_bytes);
            add(&mut b);
            let segments = b.positions.len();
            let (docs, positions, _) = b.finish(&rank);
            (Store { docs: docs.expect("postings"), positions: positions.into() }, segments)
        };
        let (one, n) = build(usize::MAX);
        assert_eq!(n, 0, "laid down at the end only");
        let (many, n) = build(50);
        assert!(n > 10, "{n} segments");
        assert!(many.docs.segments.len() >= n);
        // Postings whole in one segment (as a bundle holds them), positions built later in
        // segments of their own.
        let mut lens = Vec::new();
        let mut bytes = Vec::new();
        for t in 0..5 {
            let before = bytes.len();
            many.docs.write_term(t, &mut bytes);
            lens.push((bytes.len() - before) as u32);
        }
        let later = Store { docs: Lists::whole(bytes.into(), &lens).expect("lengths add up"), positions: Default::default() };
        let mut b = StoreBuilder { segment_bytes: 30, ..StoreBuilder::positions_only() };
        add(&mut b);
        let (none, positions, _) = b.finish(&rank);
        assert!(none.is_none());
        assert!(positions.segments.len() > 10);
        assert!(read_back(&later, 0).iter().all(|(_, p)| p.is_empty()), "no positions before they are built");
        later.positions.set(positions).expect("not set yet");
        for t in 0..5u32 {
            let want: Vec<(u32, Vec<u32>)> = docs
                .iter()
                .enumerate()
                .filter(|(_, w)| w.iter().any(|&(x, _)| x == t))
                .map(|(d, w)| {
                    (d as u32, if d % 2 == 0 { Vec::new() } else { w.iter().filter(|&&(x, _)| x == t).map(|&(_, p)| p).collect() })
                })
                .collect();
            // Renumbered: term t is now 4 - t.
            assert_eq!(read_back(&one, 4 - t), want, "term {t}, one segment");
            assert_eq!(read_back(&many, 4 - t), want, "term {t}, segments");
            assert_eq!(read_back(&later, 4 - t), want, "term {t}, positions built later");
        }
        assert!(read_back(&many, 5).is_empty(), "past the terms");
    }
}
