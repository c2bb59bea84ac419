//! Known actors, loaded from `data/countries.toml`, `data/organizations.toml` (and
//! `data/companies.toml` and `data/sports-clubs.toml`, in its schema) and `data/people.toml`:
//! every surface form (name, alias, demonym, metonym) mapped to its actor, and people's roles
//! with dates.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use rustc_hash::FxHashSet;
use serde::Deserialize;

use crate::model::ActorType;
use crate::process::names::NameLists;
use crate::process::namewords::NameWords;
use crate::process::speech::Speech;

pub(crate) const COUNTRIES: &str = include_str!("../../data/countries.toml");
pub(crate) const ORGANIZATIONS: &str = include_str!("../../data/organizations.toml");
pub(crate) const COMPANIES: &str = include_str!("../../data/companies.toml");
pub(crate) const SPORTS_CLUBS: &str = include_str!("../../data/sports-clubs.toml");
/// The files of organisations (one schema): their names, and the built-in texts.
pub(crate) const ORGANIZATION_FILES: [(&str, &str); 3] =
    [("organizations.toml", ORGANIZATIONS), ("companies.toml", COMPANIES), ("sports-clubs.toml", SPORTS_CLUBS)];
pub(crate) const PEOPLE: &str = include_str!("../../data/people.toml");
pub(crate) const PLACES: &str = include_str!("../../data/places.toml");

#[derive(Debug, Deserialize)]
struct CountryEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    metonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OrgEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    country: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoleSpan {
    pub role: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PersonEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    country: Option<String>,
    #[serde(default)]
    roles: Vec<RoleSpan>,
}

#[derive(Debug, Deserialize)]
struct PlacesFile {
    place: Vec<OrgEntry>,
}

#[derive(Debug, Deserialize)]
struct CountriesFile {
    country: Vec<CountryEntry>,
}
#[derive(Debug, Deserialize)]
struct OrgsFile {
    organization: Vec<OrgEntry>,
}
#[derive(Debug, Deserialize)]
struct PeopleFile {
    person: Vec<PersonEntry>,
    #[serde(default)]
    titles: Vec<String>,
}

/// A known actor.
#[derive(Debug, Clone)]
pub struct Known {
    pub name: String,
    pub kind: ActorType,
    pub country: Option<String>,
    pub roles: Vec<RoleSpan>,
    /// Every name token of a person, for surname/given-name references.
    pub name_tokens: Vec<String>,
}

impl Known {
    /// The role held on `date` (ISO, any precision), or the most recent one.
    pub fn role_on(&self, date: Option<&str>) -> Option<String> {
        let held = |r: &&RoleSpan| {
            let Some(d) = date else { return false };
            r.from.as_deref().is_none_or(|f| f[..f.len().min(d.len())] <= *d)
                && r.to.as_deref().is_none_or(|t| *d < t[..t.len().min(d.len())])
        };
        self.roles.iter().find(held).or(self.roles.first()).map(|r| r.role.clone())
    }
}

/// How a surface form refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Name,
    Demonym,
    Metonym,
}

pub struct Gazetteer {
    pub known: Vec<Known>,
    forms: AhoCorasick,
    /// The bytes a form can start with: only word starts with one of them are tried.
    first_bytes: [bool; 256],
    form_of: Vec<(usize, FormKind)>,
    /// Lower-case words that introduce a person ("minister", "mr.").
    titles: FxHashSet<String>,
    /// Place names and aliases → place actor.
    place_of: Vec<(String, usize)>,
    /// Given names and surnames: evidence that a capitalised span is a person.
    pub names: NameLists,
    /// Words of reported speech (`speech.toml`).
    pub speech: Speech,
    /// Head words, place openers, particles, function words (`name-words.toml`).
    pub words: NameWords,
}

impl Gazetteer {
    pub fn builtin() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(COUNTRIES, &ORGANIZATION_FILES, PEOPLE, PLACES).expect("the built-in actor files are valid"))
    }

    /// `organizations`: (file name, text) of each file of organisations.
    pub fn parse(countries: &str, organizations: &[(&str, &str)], people: &str, places: &str) -> Result<Gazetteer, String> {
        let pl: PlacesFile = toml::from_str(places).map_err(|e| format!("places.toml: {}", e.message()))?;
        let c: CountriesFile = toml::from_str(countries).map_err(|e| format!("countries.toml: {}", e.message()))?;
        let mut o = OrgsFile { organization: Vec::new() };
        for (file, text) in organizations {
            let f: OrgsFile = toml::from_str(text).map_err(|e| format!("{file}: {}", e.message()))?;
            o.organization.extend(f.organization);
        }
        let p: PeopleFile = toml::from_str(people).map_err(|e| format!("people.toml: {}", e.message()))?;
        let mut known = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut form_of = Vec::new();
        let mut add = |known: &mut Vec<Known>, k: Known, forms: Vec<(&String, FormKind)>| {
            let i = known.len();
            known.push(k);
            for (f, kind) in forms {
                // Typographic apostrophes as well as straight ones ("China’s Foreign Ministry").
                let curly = f.replace('\'', "’");
                if curly != *f {
                    patterns.push(curly);
                    form_of.push((i, kind));
                }
                patterns.push(f.clone());
                form_of.push((i, kind));
            }
        };
        for e in &c.country {
            let forms = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|f| (f, FormKind::Name))
                .chain(e.demonyms.iter().map(|f| (f, FormKind::Demonym)))
                .chain(e.metonyms.iter().map(|f| (f, FormKind::Metonym)))
                .collect();
            add(
                &mut known,
                Known { name: e.name.clone(), kind: ActorType::Country, country: None, roles: vec![], name_tokens: vec![] },
                forms,
            );
        }
        for e in &o.organization {
            let forms = std::iter::once(&e.name).chain(&e.aliases).map(|f| (f, FormKind::Name)).collect();
            let k = Known {
                name: e.name.clone(),
                kind: ActorType::Organization,
                country: e.country.clone(),
                roles: vec![],
                name_tokens: vec![],
            };
            add(&mut known, k, forms);
        }
        for e in &p.person {
            let forms = std::iter::once(&e.name).chain(&e.aliases).map(|f| (f, FormKind::Name)).collect();
            let name_tokens = e.name.split_whitespace().map(str::to_owned).collect();
            let k =
                Known { name: e.name.clone(), kind: ActorType::Person, country: e.country.clone(), roles: e.roles.clone(), name_tokens };
            add(&mut known, k, forms);
        }
        let mut place_names = Vec::new();
        for e in &pl.place {
            let i = known.len();
            known.push(Known { name: e.name.clone(), kind: ActorType::Place, country: None, roles: vec![], name_tokens: vec![] });
            for f in std::iter::once(&e.name).chain(&e.aliases) {
                place_names.push((f.clone(), i));
            }
        }
        // A place spelled like a country's metonym (a capital) is found through the metonym
        // and told apart by context; other places are forms of their own.
        for (f, i) in &place_names {
            if !patterns.contains(f) {
                patterns.push(f.clone());
                form_of.push((*i, FormKind::Name));
            }
        }
        let place_of: Vec<(String, usize)> = place_names;
        let mut first_bytes = [false; 256];
        for p in &patterns {
            if let Some(&b) = p.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        let forms = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(Gazetteer {
            known,
            forms,
            first_bytes,
            form_of,
            titles: p.titles.into_iter().map(|t| t.to_lowercase()).collect(),
            place_of,
            // The built-in lists, parsed here rather than cloned from statics of their own:
            // the gazetteer is their only holder (a user's copies replace them: `with_*`).
            names: NameLists::parse(crate::process::names::GIVEN, crate::process::names::SURNAMES, crate::process::names::COMMON),
            speech: Speech::parse(crate::process::speech::SPEECH)?,
            words: NameWords::parse(crate::process::namewords::NAME_WORDS)?,
        })
    }

    /// The same gazetteer with other name lists (a user's `given-names.txt`, `surnames.txt`,
    /// `common-words.txt`).
    pub fn with_names(mut self, names: NameLists) -> Gazetteer {
        self.names = names;
        self
    }

    /// The same gazetteer with other name words (a user's `name-words.toml`).
    pub fn with_words(mut self, words: NameWords) -> Gazetteer {
        self.words = words;
        self
    }

    /// The same gazetteer with other speech words (a user's `speech.toml`).
    pub fn with_speech(mut self, speech: Speech) -> Gazetteer {
        self.speech = speech;
        self
    }

    /// Is `word` (any case) a title that introduces a person ("Minister", "Mr.")?
    pub fn is_title(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        let b = word.as_bytes();
        if b.len() > buf.len() || !word.is_ascii() {
            return self.titles.contains(&word.to_lowercase());
        }
        buf[..b.len()].copy_from_slice(b);
        buf[..b.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..b.len()]).is_ok_and(|w| self.titles.contains(w))
    }

    /// Known actors named in `text` as whole words: (actor, form kind, byte range), left to
    /// right, each the longest form starting at its word, none overlapping.
    ///
    /// Forms are tried only where a word starts with a byte some form starts with (an
    /// anchored search there), not at every byte: most of a text is lower-case words that
    /// no name begins with.
    pub fn find<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, FormKind, std::ops::Range<usize>)> + 'a {
        let bytes = text.as_bytes();
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos < bytes.len() {
                let at = pos;
                pos += 1;
                if !self.first_bytes[usize::from(bytes[at])] || !text.is_char_boundary(at) {
                    continue;
                }
                if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                let input = Input::new(text).span(at..text.len()).anchored(Anchored::Yes);
                if let Some(m) = self.forms.find(input) {
                    // A form that runs into a longer word ("North America" in "North
                    // American") hides the words it covers, as a longer name would.
                    pos = m.end();
                    if crate::process::knowledge::whole_word(text, m.start(), m.end()) {
                        let (i, kind) = self.form_of[m.pattern().as_usize()];
                        return Some((i, kind, m.range()));
                    }
                }
            }
            None
        })
    }

    /// The place spelled `form`, if any ("Beijing" the city).
    pub fn place(&self, form: &str) -> Option<usize> {
        self.place_of.iter().find(|(f, _)| f == form).map(|(_, i)| *i)
    }

    /// The person holding `role` ("President of the United States") on `date`.
    pub fn holder(&self, role: &str, date: Option<&str>) -> Option<usize> {
        let date = date?;
        self.known.iter().position(|k| {
            k.roles.iter().any(|r| {
                r.role.eq_ignore_ascii_case(role)
                    && r.from.as_deref().is_none_or(|f| f[..f.len().min(date.len())] <= *date)
                    && r.to.as_deref().is_none_or(|t| *date < t[..t.len().min(date.len())])
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_roles() {
        let g = Gazetteer::builtin();
        let found: Vec<String> = g
            .find("Sergei Lavrov met Chinese officials in Beijing; the Kremlin said")
            .map(|(i, k, _)| format!("{}:{k:?}", g.known[i].name))
            .collect();
        assert_eq!(found, vec!["Sergey Lavrov:Name", "China:Demonym", "China:Metonym", "Russia:Metonym"]);
        let us_president = |d| g.holder("President of the United States", Some(d)).map(|i| g.known[i].name.as_str());
        assert_eq!(us_president("2020-07-19"), Some("Donald Trump"));
        assert_eq!(us_president("2022-02"), Some("Joe Biden"));
        assert_eq!(g.holder("Foreign Minister of China", Some("2020")).map(|i| g.known[i].name.as_str()), Some("Wang Yi"));
    }

    #[test]
    fn forms_are_whole_words_from_a_word_start() {
        let g = Gazetteer::parse(
            "[[country]]\nname = \"Freedonia\"\ndemonyms = [\"Freedonian\"]\n",
            &[("organizations.toml", "[[organization]]\nname = \"North Freedonia Council\"\n")],
            "[[person]]\nname = \"Ada Lark\"\naliases = [\"Lark\"]\n",
            "[[place]]\nname = \"North Freedonia\"\n",
        )
        .unwrap();
        let found =
            |text: &str| -> Vec<(String, String)> { g.find(text).map(|(i, _, r)| (g.known[i].name.clone(), text[r].to_owned())).collect() };
        // Inside a word ("Skylark") and after letters ("McLark") a form is not a name.
        assert_eq!(found("Skylark and McLark met."), vec![]);
        // The longest form wins; a form that runs into a longer word hides what it covers.
        assert_eq!(
            found("The North Freedonia Council, Lark said."),
            vec![("North Freedonia Council".into(), "North Freedonia Council".into()), ("Ada Lark".into(), "Lark".into())]
        );
        assert_eq!(
            found("North Freedonians; a Freedonian. Ada Lark’s"),
            vec![("Freedonia".into(), "Freedonian".into()), ("Ada Lark".into(), "Ada Lark".into())]
        );
    }
}
