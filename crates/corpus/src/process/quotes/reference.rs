//! What the words around a speech verb say about its speaker when they name nobody: a
//! pronoun, a role noun, a kind of organisation, a thing or someone new; a dash credit; a
//! verb that follows a quotation's closing mark.

use super::Cand;
use super::gender::{self, Gender};
use crate::process::speech::Speech;

/// What the words before a speech verb refer to, when they name nobody.
#[derive(Debug, PartialEq)]
pub(super) enum Reference<'a> {
    /// Several people ("the two leaders said"), a thing ("it says", "the report said"),
    /// someone new ("a spokesperson said") or a name the article does not know as a person.
    Nobody,
    /// A role noun ("the director said"): the person of the article with that role.
    Role(&'a str),
    /// A pronoun ("he said", with its gender) or no subject at all: the person named last.
    Someone(Option<Gender>),
    /// A kind of organisation ("the committee said"): the one of that kind named before.
    OrgKind(&'a str),
}

/// The subject of a speech verb from the words just before it (`text` ends at the verb).
pub(super) fn reference<'a>(text: &'a str, speech: &Speech) -> Reference<'a> {
    // "the director of the Acme Institute at Columbia University said": the noun phrase's head.
    let mut fwd = text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
    if let (Some(det), Some(noun)) = (fwd.next(), fwd.next())
        && !text.contains([',', ';'])
        && person_noun(&noun.to_lowercase(), speech)
    {
        match det.to_lowercase().as_str() {
            "the" => return Reference::Role(noun),
            "a" | "an" | "another" => return Reference::Nobody,
            _ => {}
        }
    }
    let words: Vec<&str> = text
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    // Adverbs between subject and verb ("he later said", "Brooke tearfully asked").
    let mut rest = words.iter().copied().skip_while(|w| w.ends_with("ly") || matches!(*w, "also" | "then" | "later" | "once"));
    let Some(head) = rest.next() else { return Reference::Someone(None) };
    let lower = head.to_lowercase();
    let plural_noun = lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
        && head.chars().all(char::is_lowercase);
    if plural_noun || words.iter().any(|w| speech.is_plural_subject(&w.to_lowercase())) {
        return Reference::Nobody;
    }
    match lower.as_str() {
        "he" | "she" => return Reference::Someone(gender::of_pronoun(&lower)),
        "i" | "who" => return Reference::Someone(None),
        "it" | "they" | "we" | "which" | "that" => return Reference::Nobody,
        _ => {}
    }
    if lower.ends_with("-year-old") {
        return Reference::Someone(None);
    }
    let determiner = rest.next().map(str::to_lowercase);
    if speech.is_org_kind(&lower) {
        return Reference::OrgKind(head);
    }
    if person_noun(&lower, speech) {
        return match determiner.as_deref() {
            Some("a" | "an" | "one" | "another") => Reference::Nobody,
            _ => Reference::Role(head),
        };
    }
    match determiner.as_deref() {
        // "the statement said", "a report says", "its website says", "a think tank concluded".
        Some("the" | "a" | "an" | "its" | "their" | "this" | "that") => Reference::Nobody,
        _ if head.chars().all(char::is_lowercase) => Reference::Nobody,
        // An unknown capitalised name ("Acme says") is nobody the article knows as a person.
        _ if head.starts_with(char::is_uppercase) && !matches!(lower.as_str(), "and" | "but" | "so") => Reference::Nobody,
        _ => Reference::Someone(None),
    }
}

/// The subject after an inverted verb ("the letter" of "says the letter signed by …"): up to
/// two words, when they open with a determiner; else nothing.
pub(super) fn inverted_subject(text: &str) -> &str {
    let t = text.trim_start();
    let end = t.find([',', '.', ';', ':', '“', '"']).unwrap_or(t.len());
    let clause = &t[..end];
    if !clause.split_whitespace().next().is_some_and(|w| matches!(w, "the" | "a" | "an" | "its" | "their")) {
        return "";
    }
    let mut words = clause.char_indices().filter(|&(_, c)| c == ' ').map(|(i, _)| i);
    match (words.next(), words.next()) {
        (Some(_), Some(second)) => &clause[..second],
        _ => clause,
    }
}

/// A quotation credited after a dash ("” — Jane Doe"): that person, when they are the first
/// thing after it.
pub(super) fn dash_credit(p: &str, close_end: usize, cands: &[Cand]) -> Option<usize> {
    let rest = p.get(close_end..)?;
    let after = rest.trim_start().strip_prefix(['—', '–', '-'])?;
    let at = p.len() - after.trim_start().len();
    super::starting_from(cands, at).iter().take_while(|c| c.start == at).find(|c| c.rank == 0).map(|c| c.actor)
}

/// A role noun, or a person by what they do ("the guitarist", "the physician").
pub(super) fn person_noun(lower: &str, speech: &Speech) -> bool {
    speech.is_role_noun(lower) || lower.len() > 5 && (lower.ends_with("ist") || lower.ends_with("ian"))
}

/// Does a person's role ("director of the Acme Institute") fit a role reference: its noun,
/// and every capitalised word of the reference ("the director of the Acme Institute said")?
pub(super) fn role_fits(role: &str, noun: &str, reference: &str) -> bool {
    has_word(role, noun)
        && reference
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(char::is_uppercase) && w.len() > 1)
            .all(|w| has_word(role, w))
}

/// Does `text` hold `word` as a whole word (any case)?
pub(super) fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
}

/// Does a speech verb follow within three words and no punctuation ("” Jane Doe asked")?
pub(super) fn cue_follows(text: &str, speech: &Speech) -> bool {
    let head = match text.char_indices().nth(60) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    speech.cues(head).next().is_some_and(|(at, cue)| {
        let gap = &head[..at];
        cue != "according to"
            && (1..=3).contains(&gap.split_whitespace().count())
            && !gap.contains(['.', ',', ';', ':', '!', '?', '“', '”', '"'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::gazetteer::Gazetteer;

    #[test]
    fn what_the_words_before_a_verb_refer_to() {
        assert_eq!(reference("In a post she ", &Gazetteer::builtin().speech), Reference::Someone(Some(Gender::She)));
        assert_eq!(reference(" it ", &Gazetteer::builtin().speech), Reference::Nobody);
        assert_eq!(reference(" the two leaders ", &Gazetteer::builtin().speech), Reference::Nobody);
        assert_eq!(reference(" the statement ", &Gazetteer::builtin().speech), Reference::Nobody);
        assert_eq!(reference(" the coach later ", &Gazetteer::builtin().speech), Reference::Role("coach"));
        assert_eq!(reference(" the guitarist ", &Gazetteer::builtin().speech), Reference::Role("guitarist"));
        assert_eq!(reference(" a spokeswoman ", &Gazetteer::builtin().speech), Reference::Nobody);
        assert_eq!(reference(" the committee ", &Gazetteer::builtin().speech), Reference::OrgKind("committee"));
        assert_eq!(reference(" the 56-year-old ", &Gazetteer::builtin().speech), Reference::Someone(None));
    }
}
