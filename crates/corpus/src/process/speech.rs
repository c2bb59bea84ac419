//! Words of reported speech (`data/speech.toml`): speech verbs and further cues of a
//! quotation, the cues after which a name is not the speaker, plural subjects, kinds of
//! organisation and role nouns that refer back. A user's copy replaces the built-in one.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashSet;
use serde::Deserialize;

pub(crate) const SPEECH: &str = include_str!("../../data/speech.toml");

/// The file name under which a user's copy replaces the built-in lists.
pub const SPEECH_FILE: &str = "speech.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeechFile {
    verbs: Vec<String>,
    #[serde(default)]
    cues: Vec<String>,
    #[serde(default)]
    not_inverting: Vec<String>,
    #[serde(default)]
    plural_subjects: Vec<String>,
    #[serde(default)]
    org_kinds: Vec<String>,
    #[serde(default)]
    role_nouns: Vec<String>,
    #[serde(default)]
    unnamed_roles: Vec<String>,
}

/// The speech words one run uses, all lower case.
#[derive(Debug, Clone)]
pub struct Speech {
    verbs: FxHashSet<String>,
    /// Every cue (verbs first), in the order of `cue_finder`'s patterns.
    cues: Vec<String>,
    cue_finder: AhoCorasick,
    not_inverting: FxHashSet<String>,
    plural_subjects: FxHashSet<String>,
    org_kinds: FxHashSet<String>,
    role_nouns: FxHashSet<String>,
    unnamed_roles: FxHashSet<String>,
}

impl Speech {
    pub fn parse(text: &str) -> Result<Speech, String> {
        let f: SpeechFile = toml::from_str(text).map_err(|e| format!("{SPEECH_FILE}: {}", e.message()))?;
        let lower = |v: Vec<String>| -> Vec<String> { v.into_iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect() };
        let set = |v: Vec<String>| -> FxHashSet<String> { lower(v).into_iter().collect() };
        let verbs = lower(f.verbs);
        let mut cues = verbs.clone();
        for c in lower(f.cues) {
            if !cues.contains(&c) {
                cues.push(c);
            }
        }
        let cue_finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&cues)
            .map_err(|e| format!("{SPEECH_FILE}: {e}"))?;
        Ok(Speech {
            verbs: verbs.into_iter().collect(),
            cues,
            cue_finder,
            not_inverting: set(f.not_inverting),
            plural_subjects: set(f.plural_subjects),
            org_kinds: set(f.org_kinds),
            role_nouns: set(f.role_nouns),
            unnamed_roles: set(f.unnamed_roles),
        })
    }

    /// Is `word` (as written, lower case) a speech verb ("said")?
    pub fn is_verb(&self, word: &str) -> bool {
        self.verbs.contains(word)
    }

    /// Cues in a text as (offset, cue in lower case), whole words only, in order (found as
    /// they are asked for: the first one costs only the text up to it).
    pub fn cues<'s, 't>(&'s self, text: &'t str) -> impl Iterator<Item = (usize, &'s str)> + use<'s, 't> {
        self.cue_finder
            .find_iter(text)
            .filter(|m| crate::process::knowledge::whole_word(text, m.start(), m.end()))
            .map(|m| (m.start(), self.cues[m.pattern().as_usize()].as_str()))
    }

    /// Is a name after this cue its speaker ("…,” said X), unlike "told X"?
    pub fn inverting(&self, cue: &str) -> bool {
        !self.not_inverting.contains(cue)
    }

    pub fn is_plural_subject(&self, lower: &str) -> bool {
        self.plural_subjects.contains(lower)
    }

    pub fn is_org_kind(&self, lower: &str) -> bool {
        self.org_kinds.contains(lower)
    }

    pub fn is_role_noun(&self, lower: &str) -> bool {
        self.role_nouns.contains(lower)
    }

    pub fn is_unnamed_role(&self, lower: &str) -> bool {
        self.unnamed_roles.contains(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_whole_words_any_case_and_a_user_file_replaces_them() {
        let s = &crate::process::gazetteer::Gazetteer::builtin().speech;
        let got: Vec<&str> = s.cues("According to Ona, he said so; the saidist resaid it.").map(|(_, c)| c).collect();
        assert_eq!(got, ["according to", "said"]);
        assert!(s.is_verb("said") && !s.inverting("told") && s.inverting("said"));
        let mine = Speech::parse("verbs = [\"Murmured\"]\nrole_nouns = [\"skipper\"]").unwrap();
        assert_eq!(mine.cues("she murmured").collect::<Vec<_>>(), [(4, "murmured")]);
        assert!(mine.is_role_noun("skipper") && !mine.is_role_noun("director"));
        assert!(Speech::parse("verbs = 3").unwrap_err().contains(SPEECH_FILE));
    }
}
