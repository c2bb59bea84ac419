//! The explorer's state, owned in one place and shared through context: the corpus and
//! its index (read-only), the query (the only thing the user changes), and the results
//! (derived once per query, read by the count, the facets, the histogram and the list).

use dossier_corpus::bundle::Bodies;
use dossier_corpus::search::{Facet, Index, Mark, Query, Results, TextFeed};
use dossier_corpus::url::{Place, View};
use dossier_corpus::{Article, Corpus};
use leptos::prelude::*;

/// Time the text index may take from the page in one go while it is built between frames.
const TEXT_SLICE_MS: f64 = 8.0;
/// The same once a text query waits for it: slices back to back, each short enough for the
/// page to draw and answer a click in between.
const TEXT_HURRY_MS: f64 = 25.0;

#[derive(Clone, Copy)]
pub struct Explorer {
    /// The articles, bodies empty until [`Explorer::article`] needs one (they stay
    /// compressed in `bodies` until then).
    pub corpus: StoredValue<Corpus>,
    bodies: StoredValue<Bodies>,
    /// Body blocks already put into `corpus`.
    filled: StoredValue<Vec<bool>>,
    pub index: StoredValue<Index>,
    /// While the text index is still being fed after a slice: the share of bodies read, in
    /// percent (the search bar shows it). `None` before the first slice and once it is built.
    pub text_progress: RwSignal<Option<u8>>,
    /// Whether the text index is whole (results of a text query asked before are the last
    /// results until it is: see [`Explorer::text_pending`]).
    text_done: RwSignal<bool>,
    pub query: RwSignal<Query>,
    pub results: Memo<Results>,
    /// The view, the article open in the reader, the actor page shown.
    pub place: RwSignal<Place>,
}

impl Explorer {
    pub fn new(corpus: Corpus, mut bodies: Bodies, initial: Query, place: Place) -> Explorer {
        let index = Index::without_text(&corpus);
        // A large corpus's bundle carries its text index's postings: words are answered now,
        // phrases once the positions are built (below).
        index.open_text(&mut bodies);
        let index = StoredValue::new(index);
        crate::mark("dossier-indexed");
        let filled = StoredValue::new(vec![false; bodies.blocks()]);
        let text_progress = RwSignal::new(None);
        let text_done = RwSignal::new(false);
        let text = Text {
            corpus: StoredValue::new(corpus),
            bodies: StoredValue::new(bodies),
            feed: StoredValue::new(Some(TextFeed::default())),
            index,
            progress: text_progress,
            done: text_done,
            hurry: StoredValue::new(false),
        };
        // The text index (most of the build) is made in the page's idle time once it has
        // drawn, unless the address already asks for text.
        if !index.with_value(|i| i.can_match(&initial.text)) {
            text.feed(|| true);
        }
        request_animation_frame(move || text.feed_later());
        let query = RwSignal::new(initial);
        let results = Memo::new(move |last: Option<&Results>| {
            query.with(|q| {
                if text.feed.with_value(Option::is_some) && !index.with_value(|i| i.can_match(&q.text)) {
                    // A text query before the index is whole: finishing it at once froze the
                    // page for seconds at 100k articles. The last results stay, marked as
                    // waiting ([`Explorer::text_pending`]), the index is finished in slices
                    // back to back (the page still draws and answers between them), and this
                    // is asked again when it is whole. Only a page's first results wait in place.
                    if let Some(last) = last {
                        text.hurry();
                        text_done.track();
                        return last.clone();
                    }
                    text.feed(|| true);
                }
                index.with_value(|i| i.search(q))
            })
        });
        let place = RwSignal::new(Explorer::valid(&text.corpus, place));
        Explorer { corpus: text.corpus, bodies: text.bodies, filled, index, text_progress, text_done, query, results, place }
    }

    /// Whether the results wait for the text index: the query has text and the index is not
    /// whole yet, so the results shown are the last ones.
    pub fn text_pending(&self) -> bool {
        !self.text_done.get() && self.query.with(|q| self.index.with_value(|i| !i.can_match(&q.text)))
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

    /// An article, its body read in (inflating the block it is in, if it is the first of that
    /// block to be shown).
    pub fn article<T>(&self, id: u32, f: impl FnOnce(&Article) -> T) -> T {
        if let Some(k) = self.bodies.with_value(|b| b.block_of(id))
            && !self.filled.with_value(|f| f[k])
        {
            let filled = self.corpus.try_update_value(|c| self.bodies.with_value(|b| b.fill(k, &mut c.articles)));
            if let Some(Err(e)) = filled {
                panic!("{e}");
            }
            self.filled.update_value(|f| f[k] = true);
        }
        self.record(id, f)
    }

    /// An article with its body and every mention span (which [`Explorer::article`] leaves
    /// out where the body gives them: a snippet does not need them), for the reader.
    pub fn reading<T>(&self, id: u32, f: impl FnOnce(&Article) -> T) -> T {
        self.article(id, |_| ());
        let found = self.corpus.try_update_value(|c| self.bodies.with_value(|b| b.find_spans(&mut c.articles, id)));
        if let Some(Err(e)) = found {
            panic!("{e}");
        }
        self.record(id, f)
    }

    /// An article's record without its body (which may not be read in yet): for everything
    /// but the body.
    pub fn record<T>(&self, id: u32, f: impl FnOnce(&Article) -> T) -> T {
        self.corpus.with_value(|c| f(&c.articles[id as usize]))
    }

    /// `f(i, article, body)` for each `ids[i]` in turn (the article's record, as
    /// [`Explorer::record`] gives it, and its body), reading a block once for a run of ids in
    /// it (ids in article order read each block once); without keeping the bodies read (an
    /// export of every article must not leave the whole corpus inflated), copying the article
    /// or finding its spans.
    pub fn each_body(&self, ids: &[u32], mut f: impl FnMut(usize, &Article, &[&str])) {
        // The block to read for an article, none where its body is in place.
        let block = |id: u32| self.bodies.with_value(|b| b.block_of(id)).filter(|&k| !self.filled.with_value(|f| f[k]));
        let mut i = 0;
        while i < ids.len() {
            let k = block(ids[i]);
            let end = i + ids[i..].iter().take_while(|&&id| block(id) == k).count();
            let Some(k) = k else {
                for (j, &id) in ids.iter().enumerate().take(end).skip(i) {
                    self.record(id, |a| f(j, a, &a.body.iter().map(String::as_str).collect::<Vec<_>>()));
                }
                i = end;
                continue;
            };
            let (first, texts) = self.bodies.with_value(|b| b.inflate(k)).unwrap_or_else(|e| panic!("{e}"));
            for (j, &id) in ids.iter().enumerate().take(end).skip(i) {
                let body: Vec<&str> = texts[(id - first) as usize].iter().map(String::as_str).collect();
                self.record(id, |a| f(j, a, &body));
            }
            i = end;
        }
    }

    /// Include, exclude, or clear (choosing the current mark again) one facet value.
    pub fn toggle(&self, facet: Facet, value: &str, mark: Mark) {
        self.query.update(|q| q.selection_mut(facet).toggle(value, mark));
    }

    pub fn mark(&self, facet: Facet, value: &str) -> Mark {
        self.query.with(|q| q.selection(facet).state(value))
    }
}

/// The text index built from the compressed bodies, a block at a time.
#[derive(Clone, Copy)]
struct Text {
    corpus: StoredValue<Corpus>,
    bodies: StoredValue<Bodies>,
    /// `None` once the text index is in `index`.
    feed: StoredValue<Option<TextFeed>>,
    index: StoredValue<Index>,
    progress: RwSignal<Option<u8>>,
    /// Set once the index is whole (by the slice that finds it so).
    done: RwSignal<bool>,
    /// Whether a text query waits, so the slices run back to back rather than in idle time.
    hurry: StoredValue<bool>,
}

impl Text {
    /// Add blocks of bodies to the text index while `more()` says so; once every article is
    /// in, the index has its text. Signals are not written here (a query's memo calls it);
    /// [`Text::feed_later`] reports the progress.
    fn feed(self, more: impl FnMut() -> bool) {
        let done = self.feed.try_update_value(|feed| {
            let f = feed.as_mut()?;
            let built = self.index.with_value(|i| self.corpus.with_value(|c| self.bodies.with_value(|b| f.step(i, c, b, more))));
            let built = built.unwrap_or_else(|e| panic!("{e}"))?;
            *feed = None;
            Some(built)
        });
        if let Some(Some(built)) = done {
            self.index.with_value(|i| i.finish_text(built));
        }
    }

    /// Show how much of the text index is built (nothing once it is), and say when it is whole.
    fn report(self) {
        let blocks = self.bodies.with_value(|b| b.blocks()).max(1);
        let percent = self.feed.with_value(|f| f.as_ref().map(|f| (f.blocks_read() * 100 / blocks) as u8));
        if self.progress.get_untracked() != percent {
            self.progress.set(percent);
        }
        if percent.is_none() && !self.done.get_untracked() {
            self.done.set(true);
        }
    }

    /// Finish the index in slices back to back from now on (a text query waits for it).
    fn hurry(self) {
        if !self.hurry.get_value() {
            self.hurry.set_value(true);
            self.feed_soon();
        }
    }

    /// [`Text::feed_later`] with slices of [`TEXT_HURRY_MS`] in tasks of their own, back to
    /// back, whatever the page is doing.
    fn feed_soon(self) {
        gloo_timers::callback::Timeout::new(0, move || {
            if self.slice(TEXT_HURRY_MS) {
                self.feed_soon();
            }
        })
        .forget();
    }

    /// Feed the index for `ms` and report: whether there is more to feed.
    fn slice(self, ms: f64) -> bool {
        let start = crate::web::now();
        self.feed(|| crate::web::now() - start < ms);
        self.report();
        self.feed.with_value(Option::is_some)
    }

    /// Feed the text index a few milliseconds at a time, yielding to the page in between: in
    /// its idle time where the browser tells when that is (so a click or a query, and the frame
    /// that shows it, never wait behind a slice), else between tasks.
    fn feed_later(self) {
        if self.hurry.get_value() {
            return; // `feed_soon` goes on instead
        }
        let slice = move || {
            if self.slice(TEXT_SLICE_MS) {
                self.feed_later();
            }
        };
        let idle = web_sys::window().and_then(|w| {
            use wasm_bindgen::JsCast;
            w.request_idle_callback(wasm_bindgen::closure::Closure::once_into_js(slice).unchecked_ref()).ok()
        });
        if idle.is_none() {
            gloo_timers::callback::Timeout::new(0, slice).forget();
        }
    }
}

pub fn use_explorer() -> Explorer {
    expect_context::<Explorer>()
}
