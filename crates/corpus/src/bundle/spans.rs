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

/// How a layout writes its span column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// DSR2: with each quote, whether its text is its span's (then left out).
    QuoteTexts,
    /// DSR3: every span as it is.
    Plain,
    /// DSR4: an actor's spans only where they are not the ones [`predict`] finds in the body.
    Predicted,
}

/// A set of actor slots (the article actors of a corpus, numbered in order across articles):
/// those whose spans are to be found in the body when it is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Slots {
    words: Vec<u64>,
    any: bool,
}

impl Slots {
    fn insert(&mut self, slot: usize) {
        if self.words.len() <= slot / 64 {
            self.words.resize(slot / 64 + 1, 0);
        }
        self.words[slot / 64] |= 1 << (slot % 64);
        self.any = true;
    }

    pub(super) fn is_empty(&self) -> bool {
        !self.any
    }

    pub(super) fn contains(&self, slot: usize) -> bool {
        self.words.get(slot / 64).is_some_and(|w| w & (1 << (slot % 64)) != 0)
    }
}

/// Move every span out of the corpus into one column, in order: per article, each actor's
/// span count and spans, then each quote's span and, in [`Layout::QuoteTexts`], whether its
/// text is the span's text (then left empty). DSR3 and DSR4 keep quote texts: their bodies are
/// read lazily, and the quotes view searches every quote's text. In [`Layout::Predicted`] an
/// actor's count is one more than its spans, or 0 for the spans [`predict`] finds in its
/// article's body (`bodies`, one per article).
pub(super) fn take_spans(corpus: &mut Corpus, layout: Layout, bodies: &[&[String]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, a) in corpus.articles.iter_mut().enumerate() {
        let predicted =
            if layout == Layout::Predicted { predict(bodies.get(i).copied().unwrap_or_default(), &a.actors) } else { Vec::new() };
        for (k, actor) in a.actors.iter_mut().enumerate() {
            if layout == Layout::Predicted {
                if predicted.get(k) == Some(&actor.spans) {
                    actor.spans = Vec::new();
                    out.push(0);
                    continue;
                }
                put_varint(&mut out, actor.spans.len() as u64 + 1);
            } else {
                put_varint(&mut out, actor.spans.len() as u64);
            }
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
            if layout != Layout::QuoteTexts {
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

/// The inverse of [`take_spans`], but for the spans to be found in the bodies (which DSR4 reads
/// later): their actors' slots.
pub(super) fn put_spans(corpus: &mut Corpus, column: &[u8], layout: Layout) -> Result<Slots, String> {
    let mut col = Column { bytes: column, at: 0 };
    let mut slots = Slots::default();
    let mut slot = 0;
    for a in &mut corpus.articles {
        for actor in &mut a.actors {
            let mut count = col.varint()?;
            slot += 1;
            if layout == Layout::Predicted {
                if count == 0 {
                    slots.insert(slot - 1);
                    continue;
                }
                count -= 1;
            }
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
            if layout != Layout::QuoteTexts {
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
    Ok(slots)
}

/// Whether the character before `at` and the one from `end` on end a word there.
fn word_bounded(text: &str, at: usize, end: usize) -> bool {
    let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// The mention spans an article's actors would have if every mention were an occurrence of one
/// of the actor's forms or metonyms as a whole word, the longest where occurrences overlap
/// (leftmost first), in reading order. The pipeline's spans are that for most actors, so a
/// bundle stores only those that differ ([`take_spans`]).
pub(super) fn predict(body: &[String], actors: &[crate::model::ArticleActor]) -> Vec<Vec<Span>> {
    let mut out = vec![Vec::new(); actors.len()];
    // Each distinct form, with the actors it is a form of.
    let mut forms: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut seen: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (i, a) in actors.iter().enumerate() {
        for f in a.forms.iter().chain(&a.metonyms).map(|f| f.as_str()).filter(|f| !f.is_empty()) {
            let k = *seen.entry(f).or_insert_with(|| {
                forms.push((f, Vec::new()));
                forms.len() - 1
            });
            if !forms[k].1.contains(&i) {
                forms[k].1.push(i);
            }
        }
    }
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (p, text) in body.iter().enumerate() {
        found.clear();
        for (k, (form, _)) in forms.iter().enumerate() {
            found.extend(
                text.match_indices(form).filter(|(at, _)| word_bounded(text, *at, at + form.len())).map(|(at, _)| (at, at + form.len(), k)),
            );
        }
        // Leftmost first, the longest of those starting together; then no overlaps.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut end = 0;
        for &(start, stop, k) in &found {
            if start < end {
                continue;
            }
            end = stop;
            for &i in &forms[k].1 {
                out[i].push(Span { paragraph: p as u32, start: start as u32, end: stop as u32 });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorType, ArticleActor};

    fn actor(forms: &[&str], metonyms: &[&str]) -> ArticleActor {
        let mut a = ArticleActor::new(0, forms[0], ActorType::Person);
        a.forms = forms.iter().map(|&f| f.into()).collect();
        a.metonyms = metonyms.iter().map(|&f| f.into()).collect();
        a
    }

    fn at(p: u32, text: &str, what: &str, nth: usize) -> Span {
        let start = text.match_indices(what).nth(nth).unwrap().0 as u32;
        Span { paragraph: p, start, end: start + what.len() as u32 }
    }

    #[test]
    fn predicts_whole_word_occurrences_the_longest_first() {
        let p0 = "Wei Chen met Chen Li in Beijing; Chenko and Li\u{e9}o stayed home.".to_owned();
        let p1 = "Later, Chen said China would wait.".to_owned();
        let body = [p0.clone(), p1.clone()];
        // "Chen" is a form of one actor, "Wei Chen" of another: inside "Wei Chen" only the
        // longer one counts; "Chenko" and "Liéo" are other words.
        let actors = [actor(&["Chen Li", "Chen"], &[]), actor(&["Wei Chen"], &[]), actor(&["China"], &["Beijing"])];
        let found = predict(&body, &actors);
        assert_eq!(found[0], vec![at(0, &p0, "Chen Li", 0), at(1, &p1, "Chen", 0)]);
        assert_eq!(found[1], vec![at(0, &p0, "Wei Chen", 0)]);
        assert_eq!(found[2], vec![at(0, &p0, "Beijing", 0), at(1, &p1, "China", 0)]);
        // A form two actors share goes to both (the bundle then stores their spans as they are,
        // unless both really are mentioned there).
        let shared = [actor(&["Li"], &[]), actor(&["Li", "Li Wei"], &[])];
        let body = ["Li spoke.".to_owned()];
        let found = predict(&body, &shared);
        assert_eq!(found[0], found[1]);
        assert_eq!(found[0].len(), 1);
    }

    #[test]
    fn the_column_holds_only_spans_the_body_does_not_give() {
        let body = vec!["Anna Novak said Novak would stay; Novak is a name.".to_owned()];
        let mut c = Corpus { articles: vec![crate::model::Article::new(0, "a", "t")], ..Default::default() };
        c.articles[0].body = body.clone();
        let mut found = actor(&["Anna Novak", "Novak"], &[]);
        found.spans = predict(&body, std::slice::from_ref(&found)).remove(0);
        assert_eq!(found.spans.len(), 3);
        let mut fewer = found.clone();
        fewer.spans.pop();
        c.articles[0].actors = vec![found, fewer];
        let original = c.clone();
        let bodies = [body.as_slice()];
        let column = take_spans(&mut c, Layout::Predicted, &bodies);
        // The first actor's count is 0 (found in the body); the second's is 3 (two spans, stored).
        assert_eq!(column[0], 0);
        assert_eq!(column[1], 3);
        let slots = put_spans(&mut c, &column, Layout::Predicted).unwrap();
        assert!(slots.contains(0) && !slots.contains(1));
        assert!(c.articles[0].actors[0].spans.is_empty());
        assert_eq!(c.articles[0].actors[1].spans, original.articles[0].actors[1].spans);
    }
}
