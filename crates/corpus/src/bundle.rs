//! The binary form of a corpus that the explorer embeds: a magic tag, the
//! schema version, then the corpus in postcard. Compression and text encoding
//! (gzip + base64) are the bundler's job, not this module's.

use crate::model::{Corpus, SCHEMA_VERSION};

const MAGIC: &[u8; 4] = b"DSR1";

/// Why a bundle could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    NotABundle,
    Version { found: u32, expected: u32 },
    Corrupt(String),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::NotABundle => {
                write!(f, "the embedded data is not a Dossier corpus bundle")
            }
            BundleError::Version { found, expected } => write!(
                f,
                "the embedded corpus has schema version {found}, this explorer reads version {expected}; rebuild it with `cargo xtask build`"
            ),
            BundleError::Corrupt(e) => write!(f, "the embedded corpus is damaged ({e}); rebuild it with `cargo xtask build`"),
        }
    }
}

impl std::error::Error for BundleError {}

/// Serialise a corpus into bundle bytes.
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    postcard::to_extend(corpus, out).expect("serialising into a Vec cannot fail")
}

/// Read bundle bytes back into a corpus.
pub fn decode(bytes: &[u8]) -> Result<Corpus, BundleError> {
    let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(BundleError::NotABundle)?;
    let (version, rest) = rest.split_first_chunk::<4>().ok_or(BundleError::NotABundle)?;
    let found = u32::from_le_bytes(*version);
    if found != SCHEMA_VERSION {
        return Err(BundleError::Version { found, expected: SCHEMA_VERSION });
    }
    postcard::from_bytes(rest).map_err(|e| BundleError::Corrupt(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn round_trips() {
        let corpus = Corpus { schema_version: SCHEMA_VERSION, articles: vec![Article::new(0, "a.txt", "A title")], actors: vec![] };
        assert_eq!(decode(&encode(&corpus)).unwrap(), corpus);
    }

    #[test]
    fn rejects_other_bytes_and_versions() {
        assert_eq!(decode(b"hello"), Err(BundleError::NotABundle));
        let mut bytes = encode(&Corpus::default());
        bytes[4] = 99;
        assert!(matches!(decode(&bytes), Err(BundleError::Version { found: 99, .. })));
        let mut bytes = encode(&Corpus { articles: vec![Article::new(0, "a", "b")], ..Default::default() });
        bytes.truncate(bytes.len() - 3);
        assert!(matches!(decode(&bytes), Err(BundleError::Corrupt(_))));
    }
}
