//! Quotes: quoted words in the body and who said them.
//!
//! A quotation is the text between matching marks (“…”, "…", ‘…’ when not an apostrophe).
//! Its speaker comes from the usual patterns around it, in the same sentence: `“…,” X
//! said`, `“…,” said X, a …`, `X said: “…”`, `X told AFP “…”`, `according to X`, `X wrote`;
//! a pronoun or a bare role ("he said", "the director added") carries the previous
//! speaker over. Short quoted terms with no speech cue are scare quotes, not quotes.

mod gender;
mod reference;

use crate::model::Span;
use crate::process::actors::Found;
use crate::process::speech::Speech;
use reference::{Reference, cue_follows, dash_credit, has_word, inverted_subject, reference, role_fits};

/// A quote before it is tied to corpus ids: speaker is an index into the article's actors.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    pub text: String,
    pub speaker: Option<usize>,
    pub cue: Option<String>,
    pub span: Span,
}

/// How far from a quotation its sentence is read for a cue and a speaker, in bytes either
/// side. News sentences are far shorter; a paragraph with no sentence end in sight (hostile
/// or damaged text) would otherwise be read to its end for each of its quotes.
const REACH: usize = 600;

/// How many mentions back a pronoun or a role ("he said", "the director said") is looked
/// up: far more than an article holds between a name and its reference, and a bound on the
/// work per quote in a paragraph of thousands of names.
const MENTIONS_BACK: usize = 200;

/// Quoted stretches of a paragraph: (opening mark, text start, text end, after closing mark).
/// Linear in the paragraph: the next closing mark of each kind, and the next opening mark,
/// are found by [`Ahead`]s, which only move forward.
fn quoted(p: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    // “…” and "…" close with either double mark; ‘ and ’ double as apostrophes: a closing ’
    // must not sit inside a word.
    let double = |k: usize| matches!(chars[k].1, '”' | '"');
    let single = |k: usize| chars[k].1 == '’' && !p[chars[k].0 + '’'.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
    let opening = |k: usize| matches!(chars[k].1, '‘' | '“' | '"');
    let (mut doubles, mut singles, mut openings) = (Ahead::default(), Ahead::default(), Ahead::default());
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let found = match c {
            '“' | '"' => doubles.next(i + 1, chars.len(), double),
            '‘' => singles.next(i + 1, chars.len(), single),
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(k) = found {
            let (end_at, d) = chars[k];
            if end_at > at + c.len_utf8() {
                out.push((at, at + c.len_utf8(), end_at, end_at + d.len_utf8()));
            }
            i = k + 1;
            continue;
        }
        // A quotation that goes on into the next paragraph is closed only there: an
        // opening double mark with no closer runs to the paragraph's end.
        if c != '‘' && p.len() - at > 40 && openings.next(i + 1, chars.len(), opening).is_none() {
            out.push((at, at + c.len_utf8(), p.len(), p.len()));
            break;
        }
        i += 1;
    }
    out
}

/// The first index at or after a point that passes a test, for points that only move
/// forward: over all the calls, each index is tested at most once.
#[derive(Default)]
struct Ahead {
    /// Every index below this one has been tested.
    tested: usize,
    /// The first index that passed, at or after the last point asked for.
    next: Option<usize>,
}

impl Ahead {
    fn next(&mut self, from: usize, len: usize, test: impl Fn(usize) -> bool) -> Option<usize> {
        if self.next.is_some_and(|k| k >= from) || self.tested >= len {
            return self.next.filter(|&k| k >= from);
        }
        let mut k = self.tested.max(from);
        while k < len && !test(k) {
            k += 1;
        }
        self.tested = k + 1;
        self.next = (k < len).then_some(k);
        self.next
    }
}

/// Offsets just after each ". " of a paragraph, where a sentence may start.
fn sentence_starts(p: &str) -> Vec<usize> {
    p.as_bytes()
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w == b". ")
        .filter(|(i, _)| {
            // Not after an abbreviation or initial ("U.S. Secretary", "Mr. Li", "Jan. 26").
            let word = p[..*i].rsplit(char::is_whitespace).next().unwrap_or("");
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            !(word.contains('.') || (letters <= 3 && word.starts_with(char::is_uppercase)))
        })
        .map(|(i, _)| i + 2)
        .collect()
}

/// The sentence around a byte range: (start, end), given [`sentence_starts`].
fn sentence(p: &str, starts: &[usize], s: usize, e: usize) -> (usize, usize) {
    let before = starts.partition_point(|&b| b <= s);
    let start = if before == 0 { 0 } else { starts[before - 1] };
    let after = starts.partition_point(|&b| b < e + 2);
    let end = starts.get(after).map_or(p.len(), |&b| b - 1);
    (start, end)
}

const PREPOSITIONS: &[&str] = &["at", "of", "for", "from", "in", "with", "by", "to", "on", "about", "against"];

/// A mention that can speak, in one paragraph.
#[derive(Clone, Copy)]
struct Cand {
    actor: usize,
    start: usize,
    end: usize,
    rank: u8, // 0 person, 1 organisation, 2 country by name
}

/// The person a pronoun before `at` most likely means: the first person named in the last
/// sentence before `at` that names one ("Jane Roe, who represents John Doe, said … He said"
/// is Jane Roe). Sentence subjects come first in English news prose.
fn sentence_subject(p: &str, cands: &[Cand], starts: &[usize], at: usize) -> Option<usize> {
    // A possessor is not a subject ("Jane Roe’s adviser, John Doe, said").
    let person = |c: &&Cand| c.rank == 0 && !p.get(c.end..).is_some_and(|r| r.starts_with("’s") || r.starts_with("'s"));
    let last = starting_before(cands, at).iter().rev().take(MENTIONS_BACK).filter(person).find(|c| c.end <= at)?;
    let sentence_start = starts.partition_point(|&b| b <= last.start);
    let from = if sentence_start == 0 { 0 } else { starts[sentence_start - 1] };
    let first = starting_from(cands, from).iter().take(MENTIONS_BACK).filter(person).find(|c| c.end <= at);
    Some(first.unwrap_or(last).actor)
}

/// The mentions (sorted by start) that start before `at`.
fn starting_before(cands: &[Cand], at: usize) -> &[Cand] {
    &cands[..cands.partition_point(|c| c.start < at)]
}

/// The mentions (sorted by start) that start at `at` or after it.
fn starting_from(cands: &[Cand], at: usize) -> &[Cand] {
    &cands[cands.partition_point(|c| c.start < at)..]
}

/// The mentions that can speak, by paragraph: people, organisations, and countries by their
/// name or initials ("Russia", "US"), not by a demonym ("Russian", "French").
fn candidates(body: &[String], actors: &[Found]) -> Vec<Vec<Cand>> {
    use crate::model::ActorType;
    let mut by_paragraph: Vec<Vec<Cand>> = vec![Vec::new(); body.len()];
    for (a, f) in actors.iter().enumerate() {
        let rank = match f.kind {
            ActorType::Person => 0,
            ActorType::Organization => 1,
            ActorType::Country => 2,
            ActorType::Place => continue,
        };
        for m in f.mentions.iter().filter(|m| !m.metonym) {
            let Some(p) = body.get(m.span.paragraph as usize) else { continue };
            let Some(form) = p.get(m.span.start as usize..m.span.end as usize) else { continue };
            if rank == 2 && !(form == f.name || form.len() <= 4 && form.chars().all(|c| c.is_ascii_uppercase() || c == '.')) {
                continue;
            }
            by_paragraph[m.span.paragraph as usize].push(Cand { actor: a, start: m.span.start as usize, end: m.span.end as usize, rank });
        }
    }
    by_paragraph
}

/// What the speaker rules read in one paragraph: its text, the mentions that can speak in it
/// (none inside a quotation), its sentence starts, and what earlier paragraphs named.
struct Para<'a> {
    p: &'a str,
    /// The paragraph's index in the body.
    pi: usize,
    cands: Vec<Cand>,
    starts: Vec<usize>,
    actors: &'a [Found],
    speech: &'a Speech,
    genders: &'a [Option<gender::Gender>],
    /// People mentioned in earlier paragraphs, in order.
    earlier_people: &'a [usize],
    /// Organisations mentioned in earlier paragraphs.
    prev_orgs: &'a [Cand],
    /// The last person mentioned before this paragraph.
    prev_person: Option<usize>,
}

impl Para<'_> {
    /// Not the object of a preposition ("a professor at Columbia University", "in Russia’s
    /// Rossiyskaya Gazeta"), nor a possessor ("Jane Roe’s lawyer said").
    fn subject_like(&self, c: &Cand) -> bool {
        let p = self.p;
        let mut before = p[..c.start].trim_end();
        if before.ends_with("’s") || before.ends_with("'s") {
            before = before[..before.rfind(char::is_whitespace).unwrap_or(0)].trim_end();
        }
        let word = before.rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
        let possessor = p.get(c.end..).is_some_and(|r| r.starts_with("’s") || r.starts_with("'s"));
        !possessor && !PREPOSITIONS.contains(&word.to_lowercase().as_str()) && !before.ends_with("the")
    }

    fn sentence_subject(&self, at: usize) -> Option<usize> {
        sentence_subject(self.p, &self.cands, &self.starts, at)
    }

    /// With no name before the cue, the subject may be plural ("the two presidents declared":
    /// no one speaker), an organisation named by its kind ("the committee called"), or
    /// someone mentioned before ("he said").
    fn fallback(&self, subject_text: &str, at: usize, last_here: Option<usize>) -> Option<usize> {
        use crate::model::ActorType;
        let (actors, cands) = (self.actors, &self.cands);
        match reference(subject_text, self.speech) {
            Reference::Nobody => None,
            Reference::Role(role) => starting_before(cands, at)
                .iter()
                .rev()
                .filter(|c| c.end <= at)
                .map(|c| c.actor)
                .chain(self.earlier_people.iter().rev().copied())
                .take(MENTIONS_BACK)
                .find(|&a| {
                    actors[a].kind == ActorType::Person && actors[a].role.as_deref().is_some_and(|r| role_fits(r, role, subject_text))
                })
                // No one named with that role: the person the text is about ("said the
                // actor"), except for roles usually left unnamed ("the spokesperson said").
                .or_else(|| {
                    (!self.speech.is_unnamed_role(&role.to_lowercase())).then(|| self.sentence_subject(at).or(self.prev_person)).flatten()
                }),
            Reference::OrgKind(kind) => cands
                .iter()
                .rev()
                .chain(self.prev_orgs.iter().rev())
                .take(MENTIONS_BACK)
                .find(|c| c.rank == 1 && has_word(&actors[c.actor].name, kind))
                .map(|c| c.actor),
            // The speaker of this paragraph's last quote, else the last sentence's subject.
            Reference::Someone(g) => {
                let first = last_here.or_else(|| self.sentence_subject(at)).or(self.prev_person);
                match (first, g) {
                    // "he said" after a woman was named: the last man named before.
                    (Some(a), Some(g)) if self.genders[a].is_some_and(|x| x != g) => starting_before(cands, at)
                        .iter()
                        .rev()
                        .filter(|c| c.end <= at && c.rank == 0)
                        .map(|c| c.actor)
                        .chain(self.earlier_people.iter().rev().copied())
                        .take(MENTIONS_BACK)
                        .find(|&o| self.genders[o].is_none_or(|x| x == g))
                        .or(first),
                    _ => first,
                }
            }
        }
    }

    /// The subject-like person or organisation nearest the cue in `lo..hi` (a country by name
    /// only when there is none), and whether it is coordinated with another ("Xi and Putin
    /// declared": no single speaker).
    fn subject(&self, lo: usize, hi: usize, near_end: bool) -> Option<(usize, bool)> {
        let in_range: Vec<&Cand> =
            starting_from(&self.cands, lo).iter().take_while(|c| c.start < hi).filter(|c| c.end <= hi && self.subject_like(c)).collect();
        // A person before an organisation ("Jane Roe, a scientist at Acme University, said"),
        // an organisation before a country.
        let best_rank = in_range.iter().map(|c| c.rank).min().unwrap_or(2);
        let best: Vec<&&Cand> = in_range.iter().filter(|c| c.rank <= best_rank).collect();
        let pick = if near_end { best.last() } else { best.first() }?;
        let coordinated = best.iter().any(|o| {
            o.actor != pick.actor && {
                let (a, b) = if o.start < pick.start { (o.end, pick.start) } else { (pick.end, o.start) };
                a <= b && self.p[a..b].trim() == "and"
            }
        });
        Some((pick.actor, coordinated))
    }

    /// The speaker of a quote whose cue (`cue` at `at`) follows it (closing at `close_end`):
    /// "said X", "responded NASA administrator X", "X said", "said the letter".
    fn speaker_after(&self, at: usize, cue: &str, close_end: usize, last_here: Option<usize>) -> Option<usize> {
        let p = self.p;
        // The gap to a later mention holds the gap to an earlier one: the first that is too
        // far ends the search.
        let near = |c: &&Cand| {
            p.get(at + cue.len()..c.start).is_some_and(|gap| {
                gap.len() <= REACH && gap.split_whitespace().nth(4).is_none() && !gap.contains([',', '.', ';', ':', '“', '"', '”'])
            })
        };
        // The first name after an inverting cue, with at most a few title words between and
        // no clause break.
        let inverted = self
            .speech
            .inverting(cue)
            .then(|| starting_from(&self.cands, at + cue.len()).iter().take_while(near).find(|c| c.rank <= 1))
            .flatten();
        match inverted {
            Some(c) => Some(c.actor),
            None => match self.subject(close_end, at, false) {
                Some((a, false)) => Some(a),
                Some((_, true)) => None,
                // "“…,” says the letter": the words after the verb are its subject.
                None if self.speech.inverting(cue) && !p[close_end..at].contains(char::is_alphanumeric) => {
                    let rest = at + cue.len();
                    self.fallback(inverted_subject(&p[rest..p.floor_char_boundary(rest + REACH)]), close_end, last_here)
                }
                None => self.fallback(&p[close_end..at], close_end, last_here),
            },
        }
    }

    /// The speaker of a quote (opening at `open`) whose cue (`cue` at `at`) comes before it,
    /// in the sentence from `ss`: "X said “…”", "according to X, “…”".
    fn speaker_before(&self, at: usize, cue: &str, open: usize, ss: usize, last_here: Option<usize>) -> Option<usize> {
        let p = self.p;
        if cue == "according to" {
            return starting_from(&self.cands, at + 1)
                .iter()
                .take_while(|c| c.start < open)
                .find(|c| c.rank <= 1)
                .map(|c| c.actor)
                .or_else(|| {
                    // "According to him, “…”": the person named last.
                    let object = p[at + cue.len()..open].split_whitespace().next().unwrap_or("").trim_end_matches(',');
                    matches!(object, "him" | "her")
                        .then(|| self.fallback(if object == "him" { "he" } else { "she" }, at, last_here))
                        .flatten()
                });
        }
        // "… what host Jane Doe described as “…”": the name right before the verb.
        let right_before = starting_before(&self.cands, at).iter().rev().take_while(|c| c.start + REACH >= at).find(|c| {
            c.rank == 0 && c.end <= at && self.subject_like(c) && {
                let gap = &p[c.end..at];
                gap.split_whitespace().all(|w| w.ends_with("ly")) && gap.split_whitespace().count() <= 1 && !gap.contains([',', '.', ';'])
            }
        });
        if let Some(c) = right_before {
            return Some(c.actor);
        }
        match self.subject(ss, at, false) {
            Some((a, false)) => Some(a),
            Some((_, true)) => None,
            None => self.fallback(&p[ss..at], at, last_here),
        }
    }

    /// The speaker of a quote with no cue (`text` from `open`, the sentence from `ss`, the
    /// paragraph's previous quotation closing at `prev_close`, the `qi`th of the paragraph).
    fn speaker_without_cue(&self, out: &[FoundQuote], text: &str, open: usize, ss: usize, qi: usize, prev_close: usize) -> Option<usize> {
        let (p, pi, para) = (self.p, self.pi, self);
        let before = p[..open].trim_end();
        // A short sentence of its own ("“It works.”") goes on from the quote before it.
        let own_sentence = text.starts_with(char::is_uppercase)
            && text.ends_with(['.', '!', '?'])
            && (before.is_empty() || before.ends_with(['.', '!', '?', ':']));
        let last_speaker = |near: bool| out.last().filter(|q| !near || q.span.paragraph + 1 >= pi as u32).and_then(|q| q.speaker);
        if text.split_whitespace().count() < 4 && !own_sentence {
            // A quoted term: said by the person the sentence opens with ("Jane Roe, an analyst,
            // calls it an “Achilles heel”"), else by nobody here.
            starting_from(&para.cands, ss).iter().take_while(|c| c.start <= ss + 3).find(|c| c.rank == 0).map(|c| c.actor)
        } else if before.is_empty() || qi > 0 && p[prev_close..open].trim().is_empty() {
            // A quote that goes on from the last one keeps its speaker.
            last_speaker(true)
        } else if qi > 0 {
            // After a quote of this paragraph: its speaker goes on.
            last_speaker(false)
        } else if own_sentence || before.ends_with(['.', '!', '?', ':']) {
            // "Jane Doe went on. “…”": the person the paragraph was about goes on.
            para.sentence_subject(open).or_else(|| last_speaker(true))
        } else {
            // Quoted inside a sentence with no speech verb: the speaker of the paragraph's quotes
            // goes on ("… he said. There could be “…”"), but no speaker of an earlier paragraph
            // ("prosecutors alleged that Doe “…”").
            out.last().filter(|q| q.span.paragraph == pi as u32).and_then(|q| q.speaker)
        }
    }
}

/// Find the quotes of a body, attributing speakers among `actors`.
pub fn find(body: &[String], actors: &[Found], speech: &Speech) -> Vec<FoundQuote> {
    let mut out: Vec<FoundQuote> = Vec::new();
    let mut prev_person: Option<usize> = None;
    let mut earlier_people: Vec<usize> = Vec::new();
    let mut prev_orgs: Vec<Cand> = Vec::new();
    let mut by_paragraph = candidates(body, actors);
    let genders = gender::genders(body, actors);
    for (pi, p) in body.iter().enumerate() {
        let mut cands = std::mem::take(&mut by_paragraph[pi]);
        cands.sort_by_key(|c| c.start);
        let quotes = quoted(p);
        // A name inside a quotation is what is said, not who says it.
        cands.retain(|c| {
            // Quotations come in order and do not overlap: only the last to open before the
            // mention can hold it.
            let opened = quotes.partition_point(|q| q.1 <= c.start);
            !(opened > 0 && c.end <= quotes[opened - 1].2)
        });
        // For each quotation, where the next real one (not a quoted word or title) opens.
        let mut next_open = vec![p.len(); quotes.len()];
        for qi in (0..quotes.len().saturating_sub(1)).rev() {
            let q = quotes[qi + 1];
            next_open[qi] = if p[q.1..q.2].split_whitespace().nth(3).is_some() { q.0 } else { next_open[qi + 1] };
        }
        let para = Para {
            p,
            pi,
            cands,
            starts: sentence_starts(p),
            actors,
            speech,
            genders: &genders,
            earlier_people: &earlier_people,
            prev_orgs: &prev_orgs,
            prev_person,
        };
        let mut shared_cue: Option<usize> = None; // offset of the last quote's cue after it
        for (qi, &(open, qs, qe, close_end)) in quotes.iter().enumerate() {
            let last_here = out.last().filter(|q| q.span.paragraph == pi as u32).and_then(|q| q.speaker);
            let text = p[qs..qe].trim().to_owned();
            let (ss, se) = sentence(p, &para.starts, open, close_end);
            let (ss, se) = (ss.max(p.floor_char_boundary(open.saturating_sub(REACH))), se.min(p.floor_char_boundary(close_end + REACH)));
            // "“…?” Jane Doe asked." goes on after the mark: a cue within a few words is its own.
            let ends_here = text.ends_with(['.', '!', '?'])
                && p[close_end..].trim_start().starts_with(char::is_uppercase)
                && !cue_follows(&p[close_end..], speech);
            // A quoted title or term inside the attribution ("the “Pose” actor said") does not
            // end it; the next real quotation does.
            let se = if ends_here { close_end } else { se.max(close_end).min(next_open[qi]) };
            let prev_close = if qi > 0 { quotes[qi - 1].3 } else { 0 };
            let ss = ss.max(prev_close).min(open);
            let after = speech.cues(&p[close_end..se]).next().map(|(i, c)| (close_end + i, c));
            let before = speech.cues(&p[ss..open]).last().map(|(i, c)| (ss + i, c));
            let use_after = match (after, before) {
                (Some((a, _)), Some((b, c))) => a - close_end <= open - (b + c.len()),
                (Some(_), None) => true,
                _ => false,
            };
            let (speaker, cue) = match (after, before) {
                (Some((at, cue)), _) if use_after => {
                    shared_cue = Some(at);
                    (para.speaker_after(at, cue, close_end, last_here), Some(cue))
                }
                // "“…,” comments X, “…”": the cue between two quotes serves both.
                (_, Some((at, cue))) if shared_cue == Some(at) => (out.last().and_then(|q| q.speaker), Some(cue)),
                (_, Some((at, cue))) => (para.speaker_before(at, cue, open, ss, last_here), Some(cue)),
                // "“…” — Jane Doe": a quotation credited after a dash.
                _ => match dash_credit(p, close_end, &para.cands) {
                    Some(c) => (Some(c), Some("—")),
                    None => (para.speaker_without_cue(&out, &text, open, ss, qi, prev_close), None),
                },
            };
            out.push(FoundQuote {
                text,
                speaker,
                cue: cue.map(str::to_owned),
                span: Span { paragraph: pi as u32, start: qs as u32, end: qe as u32 },
            });
        }
        prev_person = para.sentence_subject(p.len()).or(prev_person);
        let cands = para.cands;
        earlier_people.extend(cands.iter().filter(|c| c.rank == 0).map(|c| c.actor));
        prev_orgs.extend(cands.iter().filter(|c| c.rank == 1).copied());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::actors;
    use crate::process::gazetteer::Gazetteer;

    fn run(body: &[&str]) -> Vec<(String, Option<String>)> {
        let body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
        let found = actors::find(&body, None, Gazetteer::builtin());
        find(&body, &found, &Gazetteer::builtin().speech).into_iter().map(|q| (q.text, q.speaker.map(|s| found[s].name.clone()))).collect()
    }

    #[test]
    fn speakers_by_pattern_and_carry_over() {
        let got = run(&[
            "“The harbour will be busy again,” said Marta Kowalczyk, a researcher at the Baltic Maritime Institute.",
            "Port director Tomasz Nowak said: “We are not ready for this.” He called the plan “reckless”.",
            "“It will take years,” he said. Critics doubt the “game changer” plan.",
        ]);
        assert_eq!(got[0], ("The harbour will be busy again,".into(), Some("Marta Kowalczyk".into())));
        assert_eq!(got[1], ("We are not ready for this.".into(), Some("Tomasz Nowak".into())));
        assert_eq!(got[2], ("reckless".into(), Some("Tomasz Nowak".into())));
        assert_eq!(got[3], ("It will take years,".into(), Some("Tomasz Nowak".into())));
        // A quoted term is kept, with nobody as its speaker.
        assert_eq!(got[4], ("game changer".into(), None));
    }

    #[test]
    fn speakers_across_titles_appositives_and_pronouns() {
        let got = run(&[
            "“We can land by spring,” responded harbour commissioner Olga Brandt.",
            "“The tide is late,” Simon Achterberg, a pilot for Rijn Shipping Company and a trainer, said in a statement.",
            "Teresa Vogel, who represents Martin Kuiper, said her client would appeal. She said Kuiper was “deeply hurt by this.”",
            "Walter Ames, an economist at Fenwick Bank, calls the plan an “accounting trick.”",
        ]);
        assert_eq!(got[0].1.as_deref(), Some("Olga Brandt"), "{got:?}");
        assert_eq!(got[1].1.as_deref(), Some("Simon Achterberg"), "{got:?}");
        assert_eq!(got[2].1.as_deref(), Some("Teresa Vogel"), "{got:?}");
        assert_eq!(got[3].1.as_deref(), Some("Walter Ames"), "{got:?}");
    }

    #[test]
    fn a_cue_between_two_quotes_serves_both() {
        let got = run(&[
            "Ivan Petrov spoke first.",
            "“We are ready for the season,” comments Halvard Lunde in a statement, “and the crew is complete.”",
        ]);
        assert_eq!(got[1].1.as_deref(), Some("Halvard Lunde"), "{got:?}");
    }

    #[test]
    fn names_inside_a_quote_do_not_speak() {
        let got = run(&[
            "Senator Ama Boateng spoke after the vote.",
            "“Heads had to roll the day Victor Osei resigned,” he said. “The board owes us answers.”",
        ]);
        assert_eq!(got[0].1.as_deref(), Some("Ama Boateng"), "{got:?}");
        assert_eq!(got[1].1.as_deref(), Some("Ama Boateng"), "{got:?}");
    }

    #[test]
    fn a_question_goes_on_to_its_speaker() {
        let got = run(&["Coach Idris Okafor met the squad. “Can we still win the league this year?” Okafor asked the players."]);
        assert_eq!(got[0].1.as_deref(), Some("Idris Okafor"), "{got:?}");
    }

    #[test]
    fn roles_documents_and_unnamed_sources() {
        let got = run(&[
            "Lena Marsh, the director of the Harbour Trust, opened the meeting.",
            "“We will wait for the tide to turn,” the director of the Harbour Trust said.",
            "“No decision has been taken on the quay yet,” a spokesperson said.",
            "“The water is not safe to drink at all,” says the letter signed by nine doctors.",
        ]);
        assert_eq!(got[0].1.as_deref(), Some("Lena Marsh"), "{got:?}");
        assert_eq!(got[1].1, None, "{got:?}");
        assert_eq!(got[2].1, None, "{got:?}");
    }

    #[test]
    fn quotes_that_go_on_without_a_verb() {
        let got = run(&[
            "“We are ready for the storm,” Jonas Weller told the council on Monday. “It works.”",
            "Prosecutors alleged that the firm had “misled its investors for years on end” in reports.",
            "“Words are cheap and so is talk at this club.” — Nadia Berg",
            "Edda Lind chaired the panel. According to her, “the budget is simply not enough for us.”",
        ]);
        assert_eq!(got[0].1.as_deref(), Some("Jonas Weller"), "{got:?}");
        assert_eq!(got[1], ("It works.".into(), Some("Jonas Weller".into())), "{got:?}");
        assert_eq!(got[2].1, None, "{got:?}");
        assert_eq!(got[3].1.as_deref(), Some("Nadia Berg"), "{got:?}");
        assert_eq!(got[4].1.as_deref(), Some("Edda Lind"), "{got:?}");
    }

    #[test]
    fn a_pronoun_goes_to_the_last_person_of_its_gender() {
        let got = run(&[
            "Anton Ferris wrote all night. He rarely slept.",
            "Ruth Calder found him at dawn. She called a doctor.",
            "“Not today,” he said.",
        ]);
        assert_eq!(got[0].1.as_deref(), Some("Anton Ferris"), "{got:?}");
    }

    #[test]
    fn the_name_right_before_the_verb_speaks() {
        let got = run(&["Kai Moran was voted off in what host Tom Brandt described as the “hardest verdict so far this season.”"]);
        assert_eq!(got[0].1.as_deref(), Some("Tom Brandt"), "{got:?}");
    }

    #[test]
    fn a_quoted_title_inside_the_attribution_does_not_end_it() {
        let got =
            run(&["Mira Holt starred in the series.", "“We never take a single day for granted,” the “Harbour” actress said on Monday."]);
        assert_eq!(got[0].1.as_deref(), Some("Mira Holt"), "{got:?}");
    }

    /// An interview pasted as one paragraph: every answer is attributed, however long the
    /// paragraph (each quote's sentence, cues and names are read within reach of it: this
    /// one took a minute when each quote read the paragraph to its end).
    #[test]
    fn a_paragraph_of_thousands_of_quotes_attributes_each() {
        let turn = "Ilse Varga spoke again. “We will keep building the bridge,” she said. ";
        let p = format!("{}“The river is high,” said Ilse Varga.", turn.repeat(2000));
        let got = run(&[p.as_str()]);
        assert_eq!(got.len(), 2001);
        assert!(
            got.iter().all(|(_, who)| who.as_deref() == Some("Ilse Varga")),
            "{:?}",
            got.iter().find(|(_, w)| w.as_deref() != Some("Ilse Varga"))
        );
        assert_eq!(got[2000].0, "The river is high,");
    }

    /// Opening marks with no closer: none is a quotation (a paragraph of them once took
    /// time quadratic in its length).
    #[test]
    fn opening_marks_without_closers_quote_nothing() {
        assert!(quoted(&format!("Some words first. {}", "“".repeat(100_000))).is_empty());
        assert!(quoted(&"‘word ".repeat(50_000)).is_empty());
    }

    /// [`quoted`] as it was written first, scanning the rest of the paragraph for each mark:
    /// the reference the linear one must agree with.
    fn quoted_by_scanning(p: &str) -> Vec<(usize, usize, usize, usize)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let close = match c {
                '“' => Some(['”', '"']),
                '"' => Some(['"', '”']),
                '‘' => Some(['’', '’']),
                _ => None,
            };
            if let Some(closers) = close {
                let found = chars[i + 1..].iter().position(|(k, d)| {
                    closers.contains(d) && !(c == '‘' && p[k + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric))
                });
                if let Some(j) = found {
                    let (end_at, d) = chars[i + 1 + j];
                    if end_at > at + c.len_utf8() {
                        out.push((at, at + c.len_utf8(), end_at, end_at + d.len_utf8()));
                    }
                    i += j + 2;
                    continue;
                }
                if c != '‘' && p.len() - at > 40 && !p[at + c.len_utf8()..].contains(['‘', '“', '"']) {
                    out.push((at, at + c.len_utf8(), p.len(), p.len()));
                    break;
                }
            }
            i += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn quoted_agrees_with_scanning(p in "[a ’‘“”\".]{0,120}") {
            proptest::prop_assert_eq!(quoted(&p), quoted_by_scanning(&p));
        }
    }
}
