//! Dates at their precision as day ranges, bounds typed by the user, and the date index:
//! each article's range and month, and both date orders.

use super::{Bits, FacetCount, Query};
use crate::model::{Article, Precision};

/// A day number that orders dates (not a calendar count: months are 31 days apart).
fn day(y: u32, m: u32, d: u32) -> u32 {
    y * 372 + (m - 1) * 31 + (d - 1)
}

/// The first and last day a date at its precision covers.
pub fn date_range(value: &str, precision: Precision) -> Option<(u32, u32)> {
    let y: u32 = value.get(0..4)?.parse().ok()?;
    let m: Option<u32> = value.get(5..7).and_then(|s| s.parse().ok());
    let d: Option<u32> = value.get(8..10).and_then(|s| s.parse().ok());
    Some(match (precision, m, d) {
        (Precision::Year, _, _) => (day(y, 1, 1), day(y, 12, 31)),
        (Precision::Month, Some(m), _) => (day(y, m, 1), day(y, m, 31)),
        (Precision::Day | Precision::Minute, Some(m), Some(d)) => (day(y, m, d), day(y, m, d)),
        _ => return None,
    })
}

/// A bound given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: its first and last day.
pub fn bound(text: &str) -> Option<(u32, u32)> {
    let precision = match text.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        10 => Precision::Day,
        _ => return None,
    };
    date_range(text, precision)
}

/// Each article's date range and month, and the article ids in both date orders.
pub(super) struct DateIndex {
    /// Each article's range, [`UNDATED`] for none (an `Option` took half as much again).
    dates: Vec<(u32, u32)>,
    /// Month of each article dated to the month or better, as an index into `month_keys`
    /// ([`NO_MONTH`] for none).
    months: Vec<u32>,
    /// Distinct months (`YYYY-MM`), sorted.
    month_keys: Vec<String>,
    /// Article ids newest first, and oldest first (undated last in both).
    newest: Vec<u32>,
    oldest: Vec<u32>,
    /// Articles per month, and undated, in the whole corpus.
    month_totals: Vec<usize>,
    undated_total: usize,
}

/// The range of an undated article (no range ends before it starts).
const UNDATED: (u32, u32) = (u32::MAX, 0);
const NO_MONTH: u32 = u32::MAX;

impl DateIndex {
    /// Article `i`'s range, if dated.
    fn date(&self, i: usize) -> Option<(u32, u32)> {
        Some(self.dates[i]).filter(|&d| d != UNDATED)
    }

    /// Article `i`'s month, if dated to the month or better.
    fn month(&self, i: usize) -> Option<u32> {
        Some(self.months[i]).filter(|&m| m != NO_MONTH)
    }

    pub(super) fn new(arts: &[Article]) -> DateIndex {
        let n = arts.len();
        let dates = arts.iter().map(|a| a.date.as_ref().and_then(|d| date_range(&d.value, d.precision))).collect::<Vec<_>>();
        let month_of: Vec<Option<&str>> =
            arts.iter().map(|a| a.date.as_ref().filter(|d| d.precision >= Precision::Month).and_then(|d| d.value.get(..7))).collect();
        let mut month_keys: Vec<&str> = month_of.iter().flatten().copied().collect();
        month_keys.sort_unstable();
        month_keys.dedup();
        // A list of the distinct months only (copied from all, it kept room for every article).
        let month_keys: Vec<String> = month_keys.into_iter().map(str::to_owned).collect();
        let months = month_of
            .iter()
            .map(|m| m.map_or(NO_MONTH, |m| month_keys.binary_search_by(|k| k.as_str().cmp(m)).expect("listed") as u32))
            .collect();
        let sort_keys: Vec<u32> = dates.iter().map(|d| d.map_or(0, |d| d.0)).collect();
        let dates = dates.into_iter().map(|d| d.unwrap_or(UNDATED)).collect();
        // Both date orders, computed once: a query keeps the matches in one of them.
        let mut newest: Vec<u32> = (0..n as u32).collect();
        newest.sort_by(|a, b| sort_keys[*b as usize].cmp(&sort_keys[*a as usize]).then(a.cmp(b)));
        let mut oldest: Vec<u32> = (0..n as u32).collect();
        oldest.sort_by_key(|&a| (sort_keys[a as usize] == 0, sort_keys[a as usize], a));
        let mut index = DateIndex { dates, months, month_keys, newest, oldest, month_totals: Vec::new(), undated_total: 0 };
        (index.month_totals, index.undated_total) = index.count_months(&Bits::full(n), false, vec![0; index.month_keys.len()], 0);
        index
    }

    /// The first and last month (`YYYY-MM`) any article is dated to.
    pub(super) fn month_span(&self) -> Option<(&str, &str)> {
        Some((self.month_keys.first()?.as_str(), self.month_keys.last()?.as_str()))
    }

    /// Articles the query's date range allows (None: no range set).
    pub(super) fn filter(&self, q: &Query) -> Option<Bits> {
        let from = q.from.as_deref().and_then(bound).map(|b| b.0);
        let to = q.to.as_deref().and_then(bound).map(|b| b.1);
        if from.is_none() && to.is_none() {
            return None;
        }
        let (lo, hi) = (from.unwrap_or(0), to.unwrap_or(u32::MAX));
        let mut keep = Bits::empty(self.dates.len());
        for i in 0..self.dates.len() {
            let ok = match self.date(i) {
                Some((s, e)) => s <= hi && e >= lo,
                None => q.include_undated,
            };
            if ok {
                keep.set(i);
            }
        }
        Some(keep)
    }

    /// Articles of `mask` per month (months with none left out), and how many are undated.
    pub(super) fn month_counts(&self, mask: &Bits) -> (Vec<FacetCount>, usize) {
        let n = self.dates.len();
        let (month_counts, undated) = if mask.mostly_full(n) {
            self.count_months(&mask.complement(n), true, self.month_totals.clone(), self.undated_total)
        } else {
            self.count_months(mask, false, vec![0; self.month_keys.len()], 0)
        };
        let months = month_counts
            .into_iter()
            .zip(&self.month_keys)
            .filter(|(c, _)| *c > 0)
            .map(|(count, m)| FacetCount { value: m.clone(), count })
            .collect();
        (months, undated)
    }

    /// Add (or with `less`, take) the articles of `mask` to per-month counts and the undated count.
    fn count_months(&self, mask: &Bits, less: bool, mut months: Vec<usize>, mut undated: usize) -> (Vec<usize>, usize) {
        for i in mask.iter() {
            let c = match (self.month(i), self.date(i)) {
                (Some(m), _) => &mut months[m as usize],
                (None, None) => &mut undated,
                (None, Some(_)) => continue, // a year only: no month to show it in
            };
            if less { *c -= 1 } else { *c += 1 }
        }
        (months, undated)
    }

    /// The ids in `matched`, newest or oldest first (undated last).
    pub(super) fn in_order(&self, matched: &Bits, newest: bool) -> Vec<u32> {
        let order = if newest { &self.newest } else { &self.oldest };
        order.iter().copied().filter(|&i| matched.contains(i as usize)).collect()
    }
}
