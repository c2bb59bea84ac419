//! What the user asks for (a [`Query`]: text, facet selections, dates, sort) and what the
//! engine answers ([`Results`]).

/// Include and exclude lists of one facet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether a value is included, excluded, or neither.
    pub fn state(&self, value: &str) -> Mark {
        if self.include.iter().any(|v| v == value) {
            Mark::Include
        } else if self.exclude.iter().any(|v| v == value) {
            Mark::Exclude
        } else {
            Mark::None
        }
    }

    /// Set a value's mark; choosing the mark it already has clears it.
    pub fn toggle(&mut self, value: &str, mark: Mark) {
        let next = if self.state(value) == mark { Mark::None } else { mark };
        self.include.retain(|v| v != value);
        self.exclude.retain(|v| v != value);
        match next {
            Mark::Include => self.include.push(value.to_owned()),
            Mark::Exclude => self.exclude.push(value.to_owned()),
            Mark::None => {}
        }
    }
}

/// A value's place in a selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    None,
    Include,
    Exclude,
}

/// The facets with values to include or exclude.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Outlet,
    Origin,
    Actor,
}

impl Facet {
    /// The key of the facet in the URL hash and in the page's `data-facet`.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Outlet => "outlet",
            Facet::Origin => "origin",
            Facet::Actor => "actor",
        }
    }
}

/// One active filter, as the "active filters" row shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Active {
    Text(String),
    Value(Facet, String, Mark),
    From(String),
    To(String),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Combine {
    #[default]
    Or,
    And,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// What the user asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub outlets: Selection,
    pub origins: Selection,
    /// Actors by canonical name.
    pub actors: Selection,
    pub actor_mode: Combine,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// With a date range, also keep undated articles.
    pub include_undated: bool,
    pub sort: Sort,
}

impl Query {
    pub fn selection(&self, f: Facet) -> &Selection {
        match f {
            Facet::Outlet => &self.outlets,
            Facet::Origin => &self.origins,
            Facet::Actor => &self.actors,
        }
    }

    pub fn selection_mut(&mut self, f: Facet) -> &mut Selection {
        match f {
            Facet::Outlet => &mut self.outlets,
            Facet::Origin => &mut self.origins,
            Facet::Actor => &mut self.actors,
        }
    }

    /// Every active filter, in the order the page lists them.
    pub fn active(&self) -> Vec<Active> {
        let mut out = Vec::new();
        if !self.text.trim().is_empty() {
            out.push(Active::Text(self.text.trim().to_owned()));
        }
        for f in [Facet::Outlet, Facet::Origin, Facet::Actor] {
            let sel = self.selection(f);
            out.extend(sel.include.iter().map(|v| Active::Value(f, v.clone(), Mark::Include)));
            out.extend(sel.exclude.iter().map(|v| Active::Value(f, v.clone(), Mark::Exclude)));
        }
        out.extend(self.from.clone().map(Active::From));
        out.extend(self.to.clone().map(Active::To));
        out
    }

    /// Remove one active filter.
    pub fn remove(&mut self, a: &Active) {
        match a {
            Active::Text(_) => self.text.clear(),
            Active::Value(f, v, _) => self.selection_mut(*f).toggle(v, Mark::None),
            Active::From(_) => self.from = None,
            Active::To(_) => self.to = None,
        }
        if self.from.is_none() && self.to.is_none() {
            self.include_undated = false;
        }
    }

    /// The same view with no filters (the sort is kept).
    pub fn cleared(&self) -> Query {
        Query { sort: self.sort, ..Query::default() }
    }
}

/// A facet value with the number of articles choosing it would give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Matching article ids, best first.
    pub ids: Vec<u32>,
    pub outlets: Vec<FacetCount>,
    pub origins: Vec<FacetCount>,
    /// (corpus actor id, count), most frequent first.
    pub actors: Vec<(u32, usize)>,
    /// Dated matches by month (`YYYY-MM`) under every filter but the date range.
    pub months: Vec<FacetCount>,
    pub undated: usize,
}
