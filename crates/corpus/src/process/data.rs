//! The data files processing reads (`crates/corpus/data/`): compiled in as defaults, or a
//! user's folder read at run time (`dossier process --data DIR`), where each file present
//! replaces its built-in twin and an absent one keeps it. `dossier data DIR` writes the
//! defaults out to start from.

use std::path::Path;

use crate::process::curation::{self, Curation};
use crate::process::gazetteer::{self, Gazetteer};
use crate::process::knowledge::{self, Knowledge};
use crate::process::names::{self, NameLists};
use crate::process::namewords::{self, NameWords};
use crate::process::speech::{self, Speech};

/// Every data file by name, with its built-in text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("stopwords-en.txt", knowledge::STOPWORDS),
    ("boilerplate.toml", knowledge::BOILERPLATE),
    ("outlets.toml", knowledge::OUTLETS),
    ("bylines.toml", knowledge::BYLINES),
    ("media-owners.toml", knowledge::OWNERS),
    ("datewords.toml", knowledge::DATEWORDS),
    ("countries.toml", gazetteer::COUNTRIES),
    ("organizations.toml", gazetteer::ORGANIZATIONS),
    ("companies.toml", gazetteer::COMPANIES),
    ("sports-clubs.toml", gazetteer::SPORTS_CLUBS),
    ("people.toml", gazetteer::PEOPLE),
    ("places.toml", gazetteer::PLACES),
    (names::GIVEN_FILE, names::GIVEN),
    (names::SURNAMES_FILE, names::SURNAMES),
    (names::COMMON_FILE, names::COMMON),
    (speech::SPEECH_FILE, speech::SPEECH),
    (namewords::NAME_WORDS_FILE, namewords::NAME_WORDS),
    (curation::CURATION_FILE, curation::CURATION),
];

/// The knowledge one run uses.
#[derive(Clone, Copy)]
pub struct Data<'a> {
    pub knowledge: &'a Knowledge,
    pub gazetteer: &'a Gazetteer,
    /// The reader's curation of the actors, applied after they are found.
    pub curation: &'a Curation,
}

impl Data<'static> {
    /// The compiled-in defaults.
    pub fn builtin() -> Data<'static> {
        Data { knowledge: Knowledge::builtin(), gazetteer: Gazetteer::builtin(), curation: Curation::builtin() }
    }
}

/// Data read from a user's folder.
pub struct DataDir {
    knowledge: Knowledge,
    gazetteer: Gazetteer,
    curation: Curation,
}

impl DataDir {
    /// Read `dir`: each data file there replaces the built-in one. A file that cannot be read
    /// or parsed is an error naming it; a file with a name this version does not read is an
    /// error too (a misspelt name would otherwise be ignored in silence).
    pub fn read(dir: &Path) -> Result<DataDir, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read the data folder {}: {e}", dir.display()))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !BUILTIN.iter().any(|(n, _)| *n == name) {
                let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                return Err(format!("{}: not a data file this version reads (it reads {})", e.path().display(), known.join(", ")));
            }
        }
        let read = |name: &str| -> Result<String, String> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Ok(BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| (*t).to_owned()).unwrap_or_default())
                }
                Err(e) => Err(format!("{}: {e}", path.display())),
            }
        };
        let in_dir = |e: String| format!("{}: {e}", dir.display());
        let knowledge = Knowledge::from_dir(dir).map_err(in_dir)?;
        // Every file of organisations the built-in gazetteer reads, by the same names.
        let orgs = gazetteer::ORGANIZATION_FILES.iter().map(|(name, _)| Ok((*name, read(name)?))).collect::<Result<Vec<_>, String>>()?;
        let orgs: Vec<(&str, &str)> = orgs.iter().map(|(name, text)| (*name, text.as_str())).collect();
        let gazetteer = Gazetteer::parse(&read("countries.toml")?, &orgs, &read("people.toml")?, &read("places.toml")?)
            .map_err(in_dir)?
            .with_names(NameLists::parse(&read(names::GIVEN_FILE)?, &read(names::SURNAMES_FILE)?, &read(names::COMMON_FILE)?))
            .with_speech(Speech::parse(&read(speech::SPEECH_FILE)?).map_err(in_dir)?)
            .with_words(NameWords::parse(&read(namewords::NAME_WORDS_FILE)?).map_err(in_dir)?);
        let curation = Curation::parse(&read(curation::CURATION_FILE)?).map_err(in_dir)?;
        Ok(DataDir { knowledge, gazetteer, curation })
    }

    pub fn data(&self) -> Data<'_> {
        Data { knowledge: &self.knowledge, gazetteer: &self.gazetteer, curation: &self.curation }
    }
}

/// Write the built-in data files into `dir` (created if needed), for a user to edit.
pub fn write_builtin(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in BUILTIN {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_written_out_read_back() {
        let dir = tempfile::tempdir().unwrap();
        write_builtin(dir.path()).unwrap();
        let d = DataDir::read(dir.path()).unwrap();
        assert_eq!(d.data().knowledge.outlets.len(), Knowledge::builtin().outlets.len());
        std::fs::write(dir.path().join("outlet.toml"), "").unwrap();
        let err = DataDir::read(dir.path()).err().unwrap();
        assert!(err.contains("outlet.toml") && err.contains("outlets.toml"), "{err}");
        std::fs::remove_file(dir.path().join("outlet.toml")).unwrap();
        std::fs::write(dir.path().join("people.toml"), "person = [ {").unwrap();
        let err = DataDir::read(dir.path()).err().unwrap();
        assert!(err.contains("people.toml"), "{err}");
    }
}
