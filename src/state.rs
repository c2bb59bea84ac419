//! The explorer's state, owned in one place and shared through context: the corpus and
//! its index (read-only), the query (the only thing the user changes), and the results
//! (derived once per query, read by the count, the facets, the histogram and the list).

use dossier_corpus::search::{Facet, Index, Mark, Query, Results};
use dossier_corpus::url::{Place, View};
use dossier_corpus::{Article, Corpus};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Explorer {
    pub corpus: StoredValue<Corpus>,
    pub index: StoredValue<Index>,
    pub query: RwSignal<Query>,
    pub results: Memo<Results>,
    /// The view, the article open in the reader, the actor page shown.
    pub place: RwSignal<Place>,
}

impl Explorer {
    pub fn new(corpus: Corpus, initial: Query, place: Place) -> Explorer {
        // The text index (most of the build) waits until the page has drawn, unless the
        // address already asks for text; a query with text builds it if it is not there yet.
        let index = StoredValue::new(if initial.text.trim().is_empty() { Index::without_text(&corpus) } else { Index::new(&corpus) });
        crate::mark("dossier-indexed");
        let corpus = StoredValue::new(corpus);
        let build_text = move || index.with_value(|i| corpus.with_value(|c| i.build_text(c)));
        request_animation_frame(move || {
            gloo_timers::callback::Timeout::new(0, build_text).forget();
        });
        let query = RwSignal::new(initial);
        let results = Memo::new(move |_| {
            query.with(|q| {
                if !q.text.trim().is_empty() {
                    build_text();
                }
                index.with_value(|i| i.search(q))
            })
        });
        let place = RwSignal::new(Explorer::valid(&corpus, place));
        Explorer { corpus, index, query, results, place }
    }

    /// A place with what the corpus lacks dropped (an article id past the end, an unknown actor).
    pub fn valid(corpus: &StoredValue<Corpus>, mut place: Place) -> Place {
        corpus.with_value(|c| {
            place.article = place.article.filter(|&id| (id as usize) < c.articles.len());
            place.quote = place.quote.filter(|&q| place.article.is_some_and(|a| q < c.articles[a as usize].quotes.len()));
            place.profile = place.profile.take().filter(|p| c.actors.iter().any(|a| a.name == *p));
            place
        })
    }

    /// The article open in the reader.
    pub fn open(&self) -> Option<u32> {
        self.place.with(|p| p.article)
    }

    pub fn open_article(&self, id: u32) {
        self.place.update(|p| {
            p.article = Some(id);
            p.quote = None;
        });
    }

    /// Open an article at one of its quotes.
    pub fn open_quote(&self, id: u32, quote: usize) {
        self.place.update(|p| {
            p.article = Some(id);
            p.quote = Some(quote);
        });
    }

    /// Show an actor's page (closing any open article).
    pub fn open_profile(&self, name: &str) {
        self.place.update(|p| {
            p.article = None;
            p.quote = None;
            p.profile = Some(name.to_owned());
        });
    }

    pub fn set_view(&self, view: View) {
        self.place.set(Place { view, ..Place::default() });
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
