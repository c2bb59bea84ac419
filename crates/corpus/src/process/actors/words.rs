//! Word lists and word shapes: function words, speech verbs, particles, initials.

use crate::process::namewords::NameWords;
use crate::process::tokens::capitalised;

/// Does `hay` start with `needle` (ASCII, any case)?
pub(super) fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len() && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes())
}

/// Shaped like a word of a person's name: capitalised, not a word `words` rules out, letters
/// (and hyphens, apostrophes, periods) only, not all capitals unless an initial.
pub(super) fn name_shaped(words: &NameWords, w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    capitalised(w)
        && !words.not_a_name(w.trim_end_matches('.'))
        && (letters > 1 && !w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || (letters == 1 && w.ends_with('.')))
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// A first word that reads as an English word or a brand, not a given name: an adverb or
/// participle ("Mostly", "Rolling"), or capitals inside ("YouTube").
pub(super) fn word_like(w: &str) -> bool {
    w.ends_with("ly") || w.ends_with("ing") || w.chars().skip(1).any(char::is_uppercase)
}

/// A given name of two syllables joined by a hyphen ("Kwok-hung", "Joo-Ho", "Ing-wen"), as
/// Cantonese, Korean and Wade–Giles romanisations write them after the surname.
pub(super) fn hyphenated_given(w: &str) -> bool {
    let syllable = |s: &str| {
        (2..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()) && s.bytes().skip(1).all(|b| b.is_ascii_lowercase())
    };
    w.split_once('-').is_some_and(|(a, b)| syllable(a) && syllable(b) && a.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A regnal number ("II", "IV").
pub(super) fn roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// An initial or initials ("J.", "T.J.", "R.R.").
pub(super) fn initial(w: &str) -> bool {
    let mut n = 0;
    let mut c = w.chars();
    loop {
        match (c.next(), c.next()) {
            (Some(a), Some('.')) if a.is_uppercase() => n += 1,
            (None, _) => return n > 0,
            _ => return false,
        }
    }
}
