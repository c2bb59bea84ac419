//! `dossier-corpus`: the pure-Rust heart of Dossier.
//!
//! - [`model`]: what a processed corpus is (articles, actors, quotes, provenance).
//! - [`bundle`]: the compact binary form the explorer embeds; [`b122`]: binary data as page text.
//! - [`slabs`]: the allocator of the explorer's wasm (small allocations without a header).
//! - [`process`] (feature `process`): raw page dumps and HTML pages → articles.
//!
//! No web dependencies: this crate builds for native targets and for wasm32.

pub mod b122;
pub mod bundle;
pub mod insight;
pub mod model;
pub mod present;
#[cfg(feature = "process")]
pub mod process;
pub mod search;
pub mod slabs;
pub mod strs;
#[cfg(feature = "process")]
pub mod synth;
pub mod url;

pub use model::*;
pub use strs::Str;
