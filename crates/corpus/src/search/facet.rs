//! A facet with at most one value per article (outlet, origin): its postings, filter and counts.

use rustc_hash::FxHashMap as HashMap;

use super::{Bits, FacetCount, Selection};

/// One facet with a single value per article.
pub(super) struct SingleFacet {
    names: Vec<String>,
    of: Vec<Option<u32>>,
    postings: Vec<Bits>,
    /// Articles per value in the whole corpus.
    totals: Vec<usize>,
}

impl SingleFacet {
    pub(super) fn new(n: usize, values: impl Iterator<Item = Option<String>>) -> SingleFacet {
        let mut names: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut of = Vec::with_capacity(n);
        let mut postings: Vec<Bits> = Vec::new();
        for (i, v) in values.enumerate() {
            let id = v.map(|v| {
                *ids.entry(v.clone()).or_insert_with(|| {
                    names.push(v);
                    postings.push(Bits::empty(n));
                    names.len() as u32 - 1
                })
            });
            if let Some(id) = id {
                postings[id as usize].set(i);
            }
            of.push(id);
        }
        let totals = postings.iter().map(Bits::count).collect();
        SingleFacet { names, of, postings, totals }
    }

    fn id(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Articles allowed by a selection (None: no constraint).
    pub(super) fn filter(&self, n: usize, sel: &Selection) -> Option<Bits> {
        if sel.is_empty() {
            return None;
        }
        let mut keep = if sel.include.is_empty() { Bits::full(n) } else { Bits::empty(n) };
        for v in &sel.include {
            if let Some(i) = self.id(v) {
                keep.or(&self.postings[i]);
            }
        }
        for v in &sel.exclude {
            if let Some(i) = self.id(v) {
                keep.and_not(&self.postings[i]);
            }
        }
        Some(keep)
    }

    pub(super) fn counts(&self, mask: &Bits) -> Vec<FacetCount> {
        let n = self.of.len();
        let mut c;
        if mask.mostly_full(n) {
            c = self.totals.clone();
            for i in mask.complement(n).iter() {
                if let Some(v) = self.of[i] {
                    c[v as usize] -= 1;
                }
            }
        } else {
            c = vec![0usize; self.names.len()];
            for i in mask.iter() {
                if let Some(v) = self.of[i] {
                    c[v as usize] += 1;
                }
            }
        }
        let mut out: Vec<FacetCount> = self.names.iter().zip(c).map(|(n, count)| FacetCount { value: n.clone(), count }).collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        out
    }
}
