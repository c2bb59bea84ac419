//! The explorer's state, owned in one place and shared through context: the corpus and
//! its index (read-only), the query (the only thing the user changes), and the results
//! (derived once per query, read by the count, the facets, the histogram and the list).

use dossier_corpus::search::{Facet, Index, Mark, Query, Results};
use dossier_corpus::{Article, Corpus};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Explorer {
    pub corpus: StoredValue<Corpus>,
    pub index: StoredValue<Index>,
    pub query: RwSignal<Query>,
    pub results: Memo<Results>,
    /// The article open in the reader.
    pub open: RwSignal<Option<u32>>,
}

impl Explorer {
    pub fn new(corpus: Corpus, initial: Query, open: Option<u32>) -> Explorer {
        let index = StoredValue::new(Index::new(&corpus));
        let corpus = StoredValue::new(corpus);
        let query = RwSignal::new(initial);
        let results = Memo::new(move |_| query.with(|q| index.with_value(|i| i.search(q))));
        let open = RwSignal::new(open.filter(|&id| (id as usize) < corpus.with_value(|c| c.articles.len())));
        Explorer { corpus, index, query, results, open }
    }

    pub fn total(&self) -> usize {
        self.corpus.with_value(|c| c.articles.len())
    }

    pub fn article<T>(&self, id: u32, f: impl FnOnce(&Article) -> T) -> T {
        self.corpus.with_value(|c| f(&c.articles[id as usize]))
    }

    /// Include, exclude, or clear (choosing the current mark again) one facet value.
    pub fn toggle(&self, facet: Facet, value: &str, mark: Mark) {
        self.query.update(|q| q.selection_mut(facet).toggle(value, mark));
    }

    pub fn mark(&self, facet: Facet, value: &str) -> Mark {
        self.query.with(|q| q.selection(facet).state(value))
    }
}

pub fn use_explorer() -> Explorer {
    expect_context::<Explorer>()
}
