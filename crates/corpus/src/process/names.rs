//! Name lists: given names and surnames (`data/given-names.txt`, `data/surnames.txt`, from the
//! US Census Bureau's 1990 name study, public domain), and common English words
//! (`data/common-words.txt`, from SCOWL). They are evidence, not knowledge of people: "Marta
//! Kowalski" is a person because "Marta" is a given name, wherever it stands; "True Tone" is
//! less likely one because "true" is a common word and no given name.

use rustc_hash::FxHashSet;

pub(crate) const GIVEN: &str = include_str!("../../data/given-names.txt");
pub(crate) const SURNAMES: &str = include_str!("../../data/surnames.txt");
pub(crate) const COMMON: &str = include_str!("../../data/common-words.txt");

/// File names under which a user's copy replaces the built-in lists.
pub const GIVEN_FILE: &str = "given-names.txt";
pub const SURNAMES_FILE: &str = "surnames.txt";
pub const COMMON_FILE: &str = "common-words.txt";

/// Lower-cased given names, surnames and common words.
#[derive(Debug, Default, Clone)]
pub struct NameLists {
    given: FxHashSet<String>,
    surnames: FxHashSet<String>,
    common: FxHashSet<String>,
}

fn words(text: &str) -> FxHashSet<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect()
}

impl NameLists {
    /// One name a line; `#` starts a comment line.
    pub fn parse(given: &str, surnames: &str, common: &str) -> NameLists {
        NameLists { given: words(given), surnames: words(surnames), common: words(common) }
    }

    fn has(set: &FxHashSet<String>, word: &str) -> bool {
        let mut buf = [0u8; 32];
        let b = word.as_bytes();
        if b.len() > buf.len() || !word.is_ascii() {
            return set.contains(&word.to_lowercase());
        }
        buf[..b.len()].copy_from_slice(b);
        buf[..b.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..b.len()]).is_ok_and(|w| set.contains(w))
    }

    /// Is `word` (any case) a given name ("Marta", "james")?
    /// A hyphenated name is given when its first part is ("Eva-Maria").
    pub fn is_given(&self, word: &str) -> bool {
        Self::has(&self.given, word) || word.split_once('-').is_some_and(|(a, _)| !a.is_empty() && Self::has(&self.given, a))
    }

    /// Is `word` (any case) a surname ("Nowak")?
    pub fn is_surname(&self, word: &str) -> bool {
        Self::has(&self.surnames, word)
    }

    /// Is `word` (any case) a common English word ("true", "Digital")?
    pub fn is_common(&self, word: &str) -> bool {
        Self::has(&self.common, word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_answer_in_any_case() {
        let n = &crate::process::gazetteer::Gazetteer::builtin().names;
        assert!(n.is_given("Mary") && n.is_given("JAMES"));
        assert!(n.is_surname("Johnson"));
        assert!(!n.is_given("Ministry"));
        assert!(n.is_common("Digital") && n.is_common("true") && !n.is_common("Kowalski"));
        let own = NameLists::parse("# c\nZorblat\n", "Quux\n", "blorp\n");
        assert!(own.is_given("zorblat") && own.is_surname("QUUX") && !own.is_given("Mary"));
        assert!(own.is_common("Blorp") && !own.is_common("digital"));
    }
}
