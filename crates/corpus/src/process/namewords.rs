//! Words that tell names of people from names of organisations and places, and where a name
//! starts and ends (`data/name-words.toml`): head words ("University", "Park"), place openers
//! ("San"), particles ("von"), function words. Read at run time like the other data files, so
//! a user's copy replaces them (`dossier process --data DIR`).

use rustc_hash::FxHashSet;
use serde::Deserialize;

pub const NAME_WORDS_FILE: &str = "name-words.toml";
pub(crate) const NAME_WORDS: &str = include_str!("../../data/name-words.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameWordsFile {
    org_heads: Vec<String>,
    place_heads: Vec<String>,
    place_openers: Vec<String>,
    not_names: Vec<String>,
    function_words: Vec<String>,
    connectors: Vec<String>,
    particles: Vec<String>,
    royal: Vec<String>,
    appositive_starts: Vec<String>,
}

/// The word lists, each a set of words compared as written (case included).
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    org_heads: FxHashSet<String>,
    place_heads: FxHashSet<String>,
    place_openers: FxHashSet<String>,
    /// `not_names` and `function_words` together.
    not_names: FxHashSet<String>,
    function_words: FxHashSet<String>,
    connectors: FxHashSet<String>,
    particles: FxHashSet<String>,
    royal: FxHashSet<String>,
    appositive_starts: FxHashSet<String>,
}

impl NameWords {
    pub fn parse(text: &str) -> Result<NameWords, String> {
        let f: NameWordsFile = toml::from_str(text).map_err(|e| format!("{NAME_WORDS_FILE}: {}", e.message()))?;
        let set = |v: Vec<String>| v.into_iter().collect::<FxHashSet<String>>();
        let mut not_names = set(f.not_names);
        not_names.extend(f.function_words.iter().cloned());
        Ok(NameWords {
            org_heads: set(f.org_heads),
            place_heads: set(f.place_heads),
            place_openers: set(f.place_openers),
            not_names,
            function_words: set(f.function_words),
            connectors: set(f.connectors),
            particles: set(f.particles),
            royal: set(f.royal),
            appositive_starts: set(f.appositive_starts),
        })
    }

    /// A word that ends an organisation's name, in the singular or the plural ("Department",
    /// "Departments", "Agencies").
    pub fn org_head(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        self.org_heads.contains(w)
            || w.strip_suffix('s').is_some_and(|one| one.len() >= 4 && self.org_heads.contains(one))
            || w.strip_suffix("ies").is_some_and(|stem| self.org_heads.contains(format!("{stem}y").as_str()))
    }

    /// A word that ends a place's (or a prize's, an event's) name.
    pub fn place_head(&self, w: &str) -> bool {
        self.place_heads.contains(w.trim_end_matches('.'))
    }

    /// The first word of a place name, not of a person's ("New", "San").
    pub fn place_opener(&self, w: &str) -> bool {
        self.place_openers.contains(w)
    }

    /// A capitalised word that is not (part of) a person's name: function words, months, days.
    pub fn not_a_name(&self, w: &str) -> bool {
        self.not_names.contains(w)
    }

    pub fn function_word(&self, w: &str) -> bool {
        self.function_words.contains(w)
    }

    /// A lower-case word allowed inside an organisation's name ("of").
    pub fn connector(&self, w: &str) -> bool {
        self.connectors.contains(w)
    }

    /// A lower-case particle inside a person's name ("von").
    pub fn particle(&self, w: &str) -> bool {
        self.particles.contains(w)
    }

    /// A title that is part of a royal's or saint's name ("Queen").
    pub fn royal(&self, w: &str) -> bool {
        self.royal.contains(w)
    }

    /// The first word (lower case) of an appositive that gives a role (", a professor …").
    pub fn appositive_start(&self, w: &str) -> bool {
        self.appositive_starts.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_read_and_a_users_copy_replaces_them() {
        let w = &crate::process::gazetteer::Gazetteer::builtin().words;
        assert!(w.org_head("University") && w.org_head("Departments") && w.org_head("Agencies"));
        assert!(!w.org_head("Smith") && w.place_opener("San") && w.particle("von") && w.not_a_name("The"));
        let mine = NameWords::parse(
            "org_heads = [\"Guild\"]\nplace_heads = []\nplace_openers = []\nnot_names = []\nfunction_words = []\nconnectors = []\nparticles = []\nroyal = []\nappositive_starts = []\n",
        )
        .unwrap();
        assert!(mine.org_head("Guilds") && !mine.org_head("University"));
        assert!(NameWords::parse("org_heads = 3").unwrap_err().contains(NAME_WORDS_FILE));
    }
}
