//! Filtering the corpus: first version (outlet facet). The full engine
//! (posting lists, disjunctive facet counts, BM25) replaces it in the
//! explorer issue; the UI only calls what is here.

use crate::model::Corpus;

/// A facet value with the number of articles it would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// What the user has asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Outlets to include (OR); empty = all.
    pub outlets: Vec<String>,
}

/// Outlets with their article counts, most frequent first, then by name.
pub fn outlet_counts(corpus: &Corpus) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = Vec::new();
    for name in corpus.articles.iter().filter_map(|a| a.outlet_name()) {
        match counts.iter_mut().find(|c| c.value == name) {
            Some(c) => c.count += 1,
            None => counts.push(FacetCount { value: name.to_owned(), count: 1 }),
        }
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}

/// Ids of the articles that match, in corpus order.
pub fn matching(corpus: &Corpus, query: &Query) -> Vec<u32> {
    corpus
        .articles
        .iter()
        .filter(|a| query.outlets.is_empty() || a.outlet_name().is_some_and(|o| query.outlets.iter().any(|q| q == o)))
        .map(|a| a.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Attributed, Source};

    fn corpus() -> Corpus {
        let with_outlet = |id, outlet: &str| {
            let mut a = Article::new(id, format!("{id}.txt"), "t");
            a.outlet = Some(Attributed { name: outlet.into(), source: Source::Text, evidence: String::new() });
            a
        };
        Corpus {
            articles: vec![with_outlet(0, "RT"), with_outlet(1, "AMN"), with_outlet(2, "RT"), Article::new(3, "x", "y")],
            ..Default::default()
        }
    }

    #[test]
    fn counts_and_filters_by_outlet() {
        let c = corpus();
        assert_eq!(outlet_counts(&c)[0], FacetCount { value: "RT".into(), count: 2 });
        assert_eq!(matching(&c, &Query::default()), vec![0, 1, 2, 3]);
        assert_eq!(matching(&c, &Query { outlets: vec!["RT".into()] }), vec![0, 2]);
        assert_eq!(matching(&c, &Query { outlets: vec!["RT".into(), "AMN".into()] }), vec![0, 1, 2]);
    }
}
