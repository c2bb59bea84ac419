//! One file per part of the page. Views read the shared [`crate::state::Explorer`]
//! and change only its query; every decision about data is made in `dossier_corpus`.

pub mod actor;
pub mod dates;
pub mod export;
pub mod facets;
pub mod filters;
pub mod network;
pub mod quotes;
pub mod reader;
pub mod results;
pub mod search;
pub mod theme;
