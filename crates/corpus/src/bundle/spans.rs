//! The span column: every mention and quote span of a corpus as zigzag deltas (paragraph,
//! start after the previous span, length), moved out of the records so they compress to a
//! fraction of their inline size.

use crate::model::{Corpus, Span};

pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
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
/// span count and spans, then each quote's span and, with `derive_quotes` (DSR2), whether its
/// text is the span's text (then left empty). DSR3 keeps quote texts: its bodies are read
/// lazily, and the quotes view searches every quote's text.
pub(super) fn take_spans(corpus: &mut Corpus, derive_quotes: bool) -> Vec<u8> {
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
            if !derive_quotes {
                continue;
            }
            let derived = !q.text.is_empty() && span_text(&a.body, &prev) == Some(q.text.as_str());
            out.push(u8::from(derived));
            if derived {
                q.text = Default::default();
            }
        }
    }
    out
}

fn span_text<'a>(body: &'a [String], s: &Span) -> Option<&'a str> {
    body.get(s.paragraph as usize)?.get(s.start as usize..s.end as usize)
}

/// The inverse of [`take_spans`].
pub(super) fn put_spans(corpus: &mut Corpus, column: &[u8], derive_quotes: bool) -> Result<(), String> {
    let mut col = Column { bytes: column, at: 0 };
    for a in &mut corpus.articles {
        for actor in &mut a.actors {
            let count = col.varint()?;
            // At least three bytes a span: a count past what is left is damage, not a size to reserve.
            actor.spans.reserve((count as usize).min((col.bytes.len() - col.at) / 3));
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
            if !derive_quotes {
                continue;
            }
            match col.varint()? {
                0 => {}
                1 => q.text = span_text(&a.body, &q.span).ok_or("a quote's span is not in its article")?.into(),
                _ => return Err("a quote's text flag is not 0 or 1".into()),
            }
        }
    }
    if col.at != column.len() {
        return Err("the span column is longer than the corpus".into());
    }
    Ok(())
}
