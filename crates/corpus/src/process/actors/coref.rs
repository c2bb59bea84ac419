//! Short forms of one name: surnames, given names and aliases that refer to a person of
//! the article.

use rustc_hash::{FxHashMap, FxHashSet};

use super::pieces::{ArticleWords, FoundSet};
use super::words::{initial, name_shaped};
use super::{Found, Mention, Target};
use crate::model::{ActorType, Span};
use crate::process::gazetteer::Gazetteer;
use crate::process::tokens::{Token, capitalised};

/// The name words of a person target.
pub(super) fn person_words(t: Target, g: &Gazetteer, found: &[Found]) -> Option<Vec<String>> {
    match t {
        Target::Known(a) if g.known[a].kind == ActorType::Person => Some(g.known[a].name_tokens.clone()),
        Target::Found(f) if found[f].kind == ActorType::Person => Some(found[f].name.split_whitespace().map(str::to_owned).collect()),
        _ => None,
    }
}

/// A found person whose name is a shorter form of another's ("Jane Doe" of "Jane A. Doe",
/// "Doe" of "Jane Doe" found with a cue) is that person: the fullest form is the name.
pub(super) fn merge_short_forms(mentions: &mut [(Target, Mention)], g: &Gazetteer, found: &[Found]) {
    let people: Vec<(Target, Vec<String>)> = {
        let mut seen = FxHashSet::default();
        mentions.iter().filter(|(t, _)| seen.insert(*t)).filter_map(|(t, _)| person_words(*t, g, found).map(|w| (*t, w))).collect()
    };
    let mut into: FxHashMap<Target, Target> = FxHashMap::default();
    for (t, w) in &people {
        let Target::Found(_) = t else { continue };
        let longer: Vec<&Target> = people
            .iter()
            .filter(|(o, ow)| o != t && ow.len() > w.len() && ow.last() == w.last() && w.iter().all(|x| ow.contains(x)))
            .map(|(o, _)| o)
            .collect();
        if let [one] = longer.as_slice() {
            into.insert(*t, **one);
        }
    }
    for (t, _) in mentions.iter_mut() {
        if let Some(o) = into.get(t) {
            *t = *o;
        }
    }
}

/// A known person named in the article only by a one-word alias ("Harris") that is the
/// surname of exactly one person found in full ("Matt Harris") is that person.
pub(super) fn surname_of_found(p_body: &[String], mentions: &mut [(Target, Mention)], g: &Gazetteer, found: &[Found]) {
    let text =
        |m: &Mention| p_body.get(m.span.paragraph as usize).and_then(|p| p.get(m.span.start as usize..m.span.end as usize)).unwrap_or("");
    let mut full_known: FxHashSet<usize> = FxHashSet::default();
    for (t, m) in mentions.iter() {
        if let Target::Known(a) = t
            && text(m).contains(' ')
        {
            full_known.insert(*a);
        }
    }
    let found_people: Vec<usize> = {
        let mut seen = FxHashSet::default();
        mentions
            .iter()
            .filter_map(|(t, _)| match t {
                Target::Found(f) if found[*f].kind == ActorType::Person && seen.insert(*f) => Some(*f),
                _ => None,
            })
            .collect()
    };
    for mention in mentions.iter_mut() {
        let Target::Known(a) = mention.0 else { continue };
        if g.known[a].kind != ActorType::Person || full_known.contains(&a) {
            continue;
        }
        let word = text(&mention.1);
        let owners: Vec<usize> = found_people.iter().copied().filter(|&f| found[f].name.split_whitespace().last() == Some(word)).collect();
        if let [f] = owners.as_slice() {
            mention.0 = Target::Found(*f);
        }
    }
}

/// One word naming exactly one person of the article refers to that person ("Sun", "Mr.
/// Li"); two people who share it stay apart.
pub(super) fn single_word_mentions(para_tokens: &[Vec<Token>], mentions: &mut Vec<(Target, Mention)>, g: &Gazetteer, found: &[Found]) {
    let mut owners_of: FxHashMap<String, Vec<Target>> = FxHashMap::default();
    let mut seen: FxHashSet<Target> = Default::default();
    for (t, _) in mentions.iter() {
        let Some(names) = person_words(*t, g, found) else { continue };
        if names.len() < 2 || !seen.insert(*t) {
            continue;
        }
        for n in names {
            let owners = owners_of.entry(n).or_default();
            if !owners.contains(t) {
                owners.push(*t);
            }
        }
    }
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); para_tokens.len()];
    for (_, m) in mentions.iter() {
        covered[m.span.paragraph as usize].push((m.span.start as usize, m.span.end as usize));
    }
    for (pi, toks) in para_tokens.iter().enumerate() {
        // Mentions by start, each with the furthest end so far: whether one overlaps a word
        // is then a binary search, not a scan of the paragraph's mentions.
        let spans = &mut covered[pi];
        spans.sort_unstable();
        let mut furthest = 0;
        for span in spans.iter_mut() {
            furthest = furthest.max(span.1);
            span.1 = furthest;
        }
        let spans = &covered[pi];
        for tok in toks {
            if !capitalised(tok.text) || g.words.not_a_name(tok.text) || initial(tok.text) {
                continue;
            }
            let Some(&[owner]) = owners_of.get(tok.text).map(Vec::as_slice) else { continue };
            let before_end = spans.partition_point(|&(s, _)| s < tok.end);
            if !(before_end > 0 && spans[before_end - 1].1 > tok.start) {
                let m = Mention { span: Span { paragraph: pi as u32, start: tok.start as u32, end: tok.end as u32 }, metonym: false };
                mentions.push((owner, m));
            }
        }
    }
}

/// Someone named only by a surname that speaks ("Okafor said") when the article never gives
/// the full name: a person of that one name. Only listed surnames the article never writes
/// in lower case, not covered by another mention.
pub(super) fn lone_surname_speakers(
    para_tokens: &[Vec<Token>],
    mentions: &mut Vec<(Target, Mention)>,
    g: &Gazetteer,
    words_of: &ArticleWords,
    set: &mut FoundSet,
) {
    let mut speakers: Vec<&str> = words_of
        .speaking
        .iter()
        .copied()
        .filter(|w| {
            name_shaped(&g.words, w)
                && !w.ends_with('.')
                && g.names.is_surname(w)
                && !words_of.has_lower(w)
                && !g.words.org_head(w)
                && !g.words.place_head(w)
        })
        .collect();
    if speakers.is_empty() {
        return;
    }
    speakers.sort_unstable();
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); para_tokens.len()];
    for (_, m) in mentions.iter() {
        if let Some(c) = covered.get_mut(m.span.paragraph as usize) {
            c.push((m.span.start as usize, m.span.end as usize));
        }
    }
    for name in speakers {
        let occurrences: Vec<(usize, &Token)> = para_tokens
            .iter()
            .enumerate()
            .flat_map(|(pi, toks)| toks.iter().filter(move |t| t.text == name).map(move |t| (pi, t)))
            .collect();
        // Part of a longer name somewhere ("Jane Okafor"): that person's, not a new one.
        if occurrences.iter().any(|(pi, t)| covered[*pi].iter().any(|&(s, e)| s < t.end && t.start < e)) {
            continue;
        }
        let f = set.add(name, ActorType::Person);
        for (pi, t) in occurrences {
            let span = Span { paragraph: pi as u32, start: t.start as u32, end: t.end as u32 };
            mentions.push((Target::Found(f), Mention { span, metonym: false }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{names, people};
    use crate::model::ActorType;

    #[test]
    fn surnames_merge_into_the_fullest_name_and_known_aliases_yield() {
        // "Harris" alone would be a known alias; here it is Dana Harris of this article.
        let got = names(&["Officer Dana Harris made the arrest.", "Harris said the suspect ran. Harris later left."], None);
        assert!(got.contains(&("Dana Harris".into(), ActorType::Person, 3)), "{got:?}");
        assert!(!got.iter().any(|(n, _, _)| n == "Kamala Harris"), "{got:?}");
        // A one-word alias after a given name is another person's surname.
        let got = people(&["Grace Biden, a nurse, spoke first."]);
        assert_eq!(got, ["Grace Biden"]);
        // Initials, particles and suffixes belong to the name.
        let got = people(&["The case went to Judge Marcus T. Ellery Jr. and to Lucia de Brito."]);
        assert!(got.contains(&"Marcus T. Ellery Jr.".to_owned()), "{got:?}");
        assert!(got.contains(&"Lucia de Brito".to_owned()), "{got:?}");
    }
}
