//! The collector's manifest: facts about raw files that their text does not
//! state. Values here override what the pipeline extracts.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(default, rename = "article")]
    pub articles: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub file: String,
    pub outlet: Option<String>,
    pub origin: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub authors: Option<Vec<String>>,
    pub note: Option<String>,
}

impl Manifest {
    /// Parse manifest text; errors carry the line and column.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            format!("line {line}, column {col}: {}", e.message())
        })?;
        for (i, entry) in manifest.articles.iter().enumerate() {
            if let Some(date) = &entry.date {
                crate::process::dates::parse_iso(date).ok_or_else(|| {
                    format!("article {} ({}): date {date:?} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM", i + 1, entry.file)
                })?;
            }
        }
        Ok(manifest)
    }

    pub fn entry(&self, file: &str) -> Option<&ManifestEntry> {
        self.articles.iter().find(|e| e.file == file)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries() {
        let m = Manifest::parse("[[article]]\nfile = \"a.txt\"\noutlet = \"RT\"\ndate = \"2021-12\"\n").unwrap();
        assert_eq!(m.entry("a.txt").unwrap().outlet.as_deref(), Some("RT"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = Manifest::parse("[[article]]\nfile = \"a.txt\"\noutlet = RT\n").unwrap_err();
        assert!(err.starts_with("line 3, column 10"), "{err}");
        let err = Manifest::parse("[[article]]\nfile = \"a.txt\"\ncolour = \"red\"\n").unwrap_err();
        assert!(err.contains("line 3") && err.contains("colour"), "{err}");
        let err = Manifest::parse("[[article]]\nfile = \"a.txt\"\ndate = \"Dec 2021\"\n").unwrap_err();
        assert!(err.contains("a.txt") && err.contains("Dec 2021"), "{err}");
    }
}
