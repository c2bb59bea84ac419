//! The collector's manifest: facts about raw files that their text does not
//! state. Values here override what the pipeline extracts.
//!
//! Only a manifest that is not TOML at all is refused as a whole. Everything else is
//! checked entry by entry and field by field: a bad date, a value of the wrong type or an
//! unknown key is reported (with its line and field) and left out, and the rest of the
//! manifest still applies. Of several entries for one file, the first applies.

use toml::de::{DeTable, DeValue};

/// The keys an `[[article]]` entry may have.
pub const KEYS: [&str; 7] = ["file", "outlet", "origin", "date", "title", "authors", "note"];

#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub articles: Vec<ManifestEntry>,
    /// What was wrong in the manifest and left out, each message naming its line (and
    /// the entry and field): unknown keys, bad values, duplicate entries.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestEntry {
    pub file: String,
    pub outlet: Option<String>,
    pub origin: Option<String>,
    /// Already checked by [`crate::process::dates::parse_iso`].
    pub date: Option<String>,
    pub title: Option<String>,
    pub authors: Option<Vec<String>>,
    pub note: Option<String>,
    /// The line of the entry's `[[article]]` header (or first key), for messages.
    pub line: usize,
}

impl Manifest {
    /// Parse manifest text. `Err` (with line and column) only when the text is not TOML;
    /// problems inside entries are in [`Manifest::warnings`] and leave out only what is wrong.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let doc = DeTable::parse(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            format!("line {line}, column {col}: {}", e.message().trim_end())
        })?;
        let mut manifest = Manifest::default();
        // (position, message), sorted by position at the end so messages read top to bottom.
        let mut warnings: Vec<(usize, String)> = Vec::new();
        let at = |pos: usize| line_col(text, pos).0;
        for (key, value) in doc.get_ref() {
            if key.get_ref() != "article" {
                warnings.push((
                    key.span().start,
                    format!(
                        "line {}: unknown key {:?} ignored (a manifest holds [[article]] entries)",
                        at(key.span().start),
                        key.get_ref()
                    ),
                ));
                continue;
            }
            let Some(entries) = value.get_ref().as_array() else {
                warnings.push((
                    key.span().start,
                    format!("line {}: \"article\" must be a list of [[article]] entries; it was ignored", at(key.span().start)),
                ));
                continue;
            };
            for (i, entry) in entries.iter().enumerate() {
                let start = entry_start(entry);
                let line = at(start);
                let Some(table) = entry.get_ref().as_table() else {
                    warnings.push((start, format!("line {line}: article {} is not a table of fields; it was ignored", i + 1)));
                    continue;
                };
                if let Some(e) = read_entry(table, i + 1, line, &at, &mut warnings) {
                    match manifest.articles.iter().find(|other| other.file == e.file) {
                        Some(first) => warnings.push((
                            start,
                            format!(
                                "line {line}: article {} is a second entry for {:?}; the first one (line {}) applies and this one was ignored",
                                i + 1,
                                e.file,
                                first.line
                            ),
                        )),
                        None => manifest.articles.push(e),
                    }
                }
            }
        }
        warnings.sort_by_key(|(pos, _)| *pos);
        manifest.warnings = warnings.into_iter().map(|(_, m)| m).collect();
        Ok(manifest)
    }

    /// The entry for a file (the first, when there are several).
    pub fn entry(&self, file: &str) -> Option<&ManifestEntry> {
        self.articles.iter().find(|e| e.file == file)
    }
}

type Spanned<T> = toml::Spanned<T>;

/// Where an entry starts: its own span, or its first key when the span is empty.
fn entry_start(entry: &Spanned<DeValue<'_>>) -> usize {
    let own = entry.span().start;
    match entry.get_ref().as_table() {
        Some(t) if entry.span().is_empty() => t.keys().map(|k| k.span().start).min().unwrap_or(own),
        _ => own,
    }
}

/// One entry's fields; `None` (with a warning) when it names no file.
fn read_entry(
    table: &DeTable<'_>,
    number: usize,
    line: usize,
    at: &dyn Fn(usize) -> usize,
    warnings: &mut Vec<(usize, String)>,
) -> Option<ManifestEntry> {
    let file = table.iter().find(|(k, _)| k.get_ref() == "file").and_then(|(_, v)| v.get_ref().as_str()).map(str::trim);
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        let start = table.keys().map(|k| k.span().start).min().unwrap_or(0);
        warnings.push((start, format!("line {line}: article {number} has no `file = \"name.txt\"`; the entry was ignored")));
        return None;
    };
    let mut e = ManifestEntry { file: file.to_owned(), line, ..ManifestEntry::default() };
    for (key, value) in table {
        let pos = key.span().start;
        let name = key.get_ref().as_ref();
        let here = format!("line {}, article {number} ({:?}), field {name:?}", at(pos), e.file);
        let text = || match value.get_ref() {
            DeValue::String(s) => Some(s.trim().to_owned()),
            _ => None,
        };
        let wrong = |wanted: &str| (pos, format!("{here}: {} is not {wanted}; the field was ignored", value.get_ref().type_str()));
        match name {
            "file" => {}
            "outlet" | "origin" | "title" | "note" => match text() {
                Some(s) if !s.is_empty() => {
                    let slot = match name {
                        "outlet" => &mut e.outlet,
                        "origin" => &mut e.origin,
                        "title" => &mut e.title,
                        _ => &mut e.note,
                    };
                    *slot = Some(s);
                }
                Some(_) => warnings.push((pos, format!("{here}: the value is empty; the field was ignored"))),
                None => warnings.push(wrong("a string")),
            },
            "date" => {
                // An unquoted TOML date (`date = 2021-12-03`) is read as its text.
                let raw = match value.get_ref() {
                    DeValue::String(s) => Some(s.trim().to_owned()),
                    DeValue::Datetime(d) => Some(d.to_string()),
                    _ => None,
                };
                match raw {
                    Some(raw) => match crate::process::dates::parse_iso(&raw) {
                        Some(_) => e.date = Some(raw),
                        None => warnings.push((
                            pos,
                            format!("{here}: {raw:?} is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM); the date was ignored, the entry's other fields apply"),
                        )),
                    },
                    None => warnings.push(wrong("a date string")),
                }
            }
            "authors" => match value.get_ref() {
                DeValue::Array(list) => {
                    let names: Option<Vec<String>> = list.iter().map(|v| v.get_ref().as_str().map(|s| s.trim().to_owned())).collect();
                    match names {
                        Some(names) => e.authors = Some(names.into_iter().filter(|n| !n.is_empty()).collect()),
                        None => warnings.push(wrong("a list of strings")),
                    }
                }
                // One name written without brackets.
                DeValue::String(s) if !s.trim().is_empty() => e.authors = Some(vec![s.trim().to_owned()]),
                _ => warnings.push(wrong("a list of strings")),
            },
            _ => warnings.push((pos, format!("{here}: unknown key ignored (known keys: {})", KEYS.join(", ")))),
        }
    }
    Some(e)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries() {
        let m =
            Manifest::parse("[[article]]\nfile = \"a.txt\"\noutlet = \"RT\"\ndate = \"2021-12\"\nauthors = [\"A B\", \"C D\"]\n").unwrap();
        let e = m.entry("a.txt").unwrap();
        assert_eq!((e.outlet.as_deref(), e.date.as_deref(), e.line), (Some("RT"), Some("2021-12"), 1));
        assert_eq!(e.authors.as_deref(), Some(&["A B".to_owned(), "C D".to_owned()][..]));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = Manifest::parse("[[article]]\nfile = \"a.txt\"\noutlet = RT\n").unwrap_err();
        assert!(err.starts_with("line 3, column 10"), "{err}");
    }

    #[test]
    fn a_bad_field_is_reported_and_the_rest_applies() {
        let text = "[[article]]\nfile = \"a.txt\"\ndate = \"Dec 2021\"\noutlet = \"RT\"\n\n[[article]]\nfile = \"b.txt\"\ncolour = \"red\"\ndate = \"2020-02-30\"\ntitle = 7\norigin = \"AFP\"\n";
        let m = Manifest::parse(text).unwrap();
        assert_eq!(m.articles.len(), 2);
        let a = m.entry("a.txt").unwrap();
        assert_eq!((a.date.as_deref(), a.outlet.as_deref()), (None, Some("RT")));
        let b = m.entry("b.txt").unwrap();
        assert_eq!((b.date.as_deref(), b.title.as_deref(), b.origin.as_deref(), b.line), (None, None, Some("AFP"), 6));
        assert_eq!(m.warnings.len(), 4, "{:#?}", m.warnings);
        assert!(
            m.warnings[0].starts_with("line 3, article 1 (\"a.txt\"), field \"date\": \"Dec 2021\" is not a date"),
            "{}",
            m.warnings[0]
        );
        assert!(m.warnings[1].starts_with("line 8, article 2 (\"b.txt\"), field \"colour\": unknown key"), "{}", m.warnings[1]);
        assert!(m.warnings[2].starts_with("line 9, article 2 (\"b.txt\"), field \"date\": \"2020-02-30\""), "{}", m.warnings[2]);
        assert!(m.warnings[3].starts_with("line 10, article 2 (\"b.txt\"), field \"title\": integer is not a string"), "{}", m.warnings[3]);
    }

    #[test]
    fn duplicates_missing_files_and_unknown_tables_are_reported() {
        let text = "title = \"x\"\n[[article]]\nfile = \"a.txt\"\noutlet = \"First\"\n[[article]]\noutlet = \"Nobody\"\n[[article]]\nfile = \"a.txt\"\noutlet = \"Second\"\n";
        let m = Manifest::parse(text).unwrap();
        assert_eq!(m.articles.len(), 1);
        assert_eq!(m.entry("a.txt").unwrap().outlet.as_deref(), Some("First"), "the first entry wins");
        assert_eq!(m.warnings.len(), 3, "{:#?}", m.warnings);
        assert!(m.warnings[0].starts_with("line 1: unknown key \"title\""), "{}", m.warnings[0]);
        assert!(m.warnings[1].starts_with("line 5: article 2 has no `file"), "{}", m.warnings[1]);
        assert!(
            m.warnings[2].starts_with("line 7: article 3 is a second entry for \"a.txt\"; the first one (line 2)"),
            "{}",
            m.warnings[2]
        );
    }

    #[test]
    fn unquoted_dates_and_single_authors_are_read() {
        let m = Manifest::parse("[[article]]\nfile = \"a.txt\"\ndate = 2021-12-03\nauthors = \"Ann Lee\"\n").unwrap();
        let a = m.entry("a.txt").unwrap();
        assert_eq!((a.date.as_deref(), a.authors.clone()), (Some("2021-12-03"), Some(vec!["Ann Lee".to_owned()])));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    }
}
