//! Word lists and word shapes: function words, speech verbs, particles, initials.

use crate::process::tokens::capitalised;

/// Lower-case words allowed inside an organisation's name.
pub(super) const CONNECTORS: &[&str] = &["of", "for", "on", "and", "de", "du", "des", "van", "von", "al", "bin"];
pub(super) const APPOSITIVE_STARTS: &[&str] = &[
    "a",
    "an",
    "the",
    "head",
    "director",
    "professor",
    "senior",
    "former",
    "chief",
    "member",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "vice",
    "who",
    "executive",
    "chair",
    "chairman",
    "founder",
    "editor",
    "fellow",
    "analyst",
    "expert",
    "researcher",
    "minister",
    "secretary",
    "ambassador",
    "coordinator",
    "associate",
    "assistant",
    "lecturer",
    "author",
];
pub(super) const NOT_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Last",
    "Next",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "Cold",
    "War",
    "Olympics",
    "Olympic",
    "Games",
    "Summit",
    "Prime",
    "Minister",
    "President",
    "Foreign",
];

/// Capitalised function words that open a sentence, not a name.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "If",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "With",
    "So",
    "Yet",
    "While",
    "When",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "Despite",
    "During",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "Also",
    "Both",
    "Any",
    "Some",
    "Many",
    "Most",
    "Such",
    "Our",
    "Their",
    "His",
    "Her",
    "Its",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "This",
    "That",
    "These",
    "Those",
    "I",
    "We",
    "He",
    "She",
    "They",
    "It",
    "Unlike",
    "Like",
    "Under",
    "Over",
    "Amid",
    "Among",
    "Between",
    "Against",
    "About",
    "To",
    "Of",
    "Because",
    "Even",
    "Only",
    "Now",
    "Then",
    "Here",
    "There",
    "Every",
    "Each",
    "All",
    "No",
    "Not",
    "Yes",
    "Just",
    "Still",
    "Once",
    "Until",
    "Unless",
    "Whether",
    "Instead",
    "Perhaps",
    "Maybe",
    "Thanks",
    "Dear",
    "According",
    "Including",
    "Am",
    "Email",
    "Follow",
    "Contact",
    "Submitted",
    "Will",
    "Can",
    "Could",
    "Should",
    "Would",
    "Did",
    "Does",
    "Do",
    "Is",
    "Are",
    "Was",
    "Were",
    "Has",
    "Have",
    "Had",
    "Let",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Tonight",
    "Photo",
    "Image",
    "Credit",
    "Watch",
    "Read",
    "Related",
    "Advertisement",
];

/// Does `hay` start with `needle` (ASCII, any case)?
pub(super) fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len() && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes())
}

/// Capitalised words that are not (part of) a person's name: function words, months, days.
pub(super) fn not_a_name(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().chain(FUNCTION_WORDS).copied().collect()).contains(w)
}

pub(super) fn name_shaped(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    capitalised(w)
        && !not_a_name(w.trim_end_matches('.'))
        && (letters > 1 && !w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || (letters == 1 && w.ends_with('.')))
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// A first word that reads as an English word or a brand, not a given name: an adverb or
/// participle ("Mostly", "Rolling"), or capitals inside ("YouTube").
pub(super) fn word_like(w: &str) -> bool {
    w.ends_with("ly") || w.ends_with("ing") || w.chars().skip(1).any(char::is_uppercase)
}

/// A regnal number ("II", "IV").
pub(super) fn roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Titles that are part of a royal's or saint's name.
pub(super) const ROYAL: &[&str] =
    &["King", "Queen", "Prince", "Princess", "Duke", "Duchess", "Emperor", "Empress", "Pope", "Saint", "Sultan", "Sheikh"];

/// Lower-case particles inside a person's name ("Monica de Souza", "Jakob von Berg").
pub(super) const PARTICLES: &[&str] =
    &["de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "bin", "al", "el", "la", "le"];

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
