//! Sets of article ids as bitsets: every filter is one, and a query ANDs them.

/// A fixed-size set of article ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn empty(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    pub fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64) {
            *b.0.last_mut().expect("n > 0") = (1u64 << (n % 64)) - 1;
        }
        b
    }
    /// The set of `ids` (each below `n`).
    pub fn of(n: usize, ids: &[u32]) -> Bits {
        let mut b = Bits::empty(n);
        ids.iter().for_each(|&i| b.set(i as usize));
        b
    }
    pub fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub fn unset(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }
    pub fn and(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= b);
    }
    pub fn or(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a |= b);
    }
    pub fn and_not(&mut self, o: &Bits) {
        self.0.iter_mut().zip(&o.0).for_each(|(a, b)| *a &= !b);
    }
    pub fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    /// The ids below `n` not in the set.
    pub fn complement(&self, n: usize) -> Bits {
        let mut c = Bits::full(n);
        c.and_not(self);
        c
    }
    /// Whether most of `n` ids are in the set: counting per article is then cheaper over the
    /// ones left out, taken from totals counted once (a query that narrows little, or nothing).
    pub fn mostly_full(&self, n: usize) -> bool {
        self.count() * 2 > n
    }
    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let b = w.trailing_zeros() as usize;
                    w &= w - 1;
                    wi * 64 + b
                })
            })
        })
    }
}

/// Lists of ids, one per row, in one flat array: row `r` is `ids[start[r]..start[r + 1]]`. An
/// index of 100k articles and 20k actors holds its actor lists in two allocations (a bitset
/// per actor would take 250 MB).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lists {
    start: Vec<u32>,
    ids: Vec<u32>,
}

impl Lists {
    /// Rows in order, each its ids. The rows are counted first, so that both arrays are made
    /// at their size (grown, they held a quarter more and left the room they outgrew as holes).
    pub fn new<'a>(rows: impl Iterator<Item = impl Iterator<Item = u32> + 'a> + Clone) -> Lists {
        let (count, len) = rows.clone().fold((0, 0), |(c, l), row| (c + 1, l + row.count()));
        let mut l = Lists { start: Vec::with_capacity(count + 1), ids: Vec::with_capacity(len) };
        l.start.push(0);
        for row in rows {
            l.ids.extend(row);
            l.start.push(l.ids.len() as u32);
        }
        l
    }

    /// The transpose: for each of `cols` columns, the rows that hold it, in row order.
    pub fn transpose(&self, cols: usize) -> Lists {
        Lists::group(cols, (0..self.len()).flat_map(|r| self.row(r).iter().map(move |&c| (r as u32, c))))
    }

    /// For each of `cols` values, the indexes of `values` that hold it, in order.
    pub fn positions_of(values: &[u32], cols: usize) -> Lists {
        Lists::group(cols, values.iter().enumerate().map(|(i, &v)| (i as u32, v)))
    }

    /// For each of `cols` columns, the rows of the (row, column) pairs that name it, in the
    /// pairs' order; columns past `cols` are left out.
    fn group(cols: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Lists {
        let mut start = vec![0u32; cols + 1];
        for (_, c) in pairs.clone().filter(|&(_, c)| (c as usize) < cols) {
            start[c as usize + 1] += 1;
        }
        for c in 0..cols {
            start[c + 1] += start[c];
        }
        let mut at: Vec<u32> = start[..cols].to_vec();
        let mut ids = vec![0u32; start[cols] as usize];
        for (r, c) in pairs.filter(|&(_, c)| (c as usize) < cols) {
            ids[at[c as usize] as usize] = r;
            at[c as usize] += 1;
        }
        Lists { start, ids }
    }

    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `r` (empty past the end).
    pub fn row(&self, r: usize) -> &[u32] {
        match (self.start.get(r), self.start.get(r + 1)) {
            (Some(&s), Some(&e)) => &self.ids[s as usize..e as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_their_transpose() {
        let rows: Vec<Vec<u32>> = vec![vec![2, 0], vec![], vec![1, 2, 7]];
        let l = Lists::new(rows.iter().map(|r| r.iter().copied()));
        assert_eq!((l.ids.capacity(), l.start.capacity()), (5, 4), "made at their size");
        assert_eq!((0..4).map(|r| l.row(r).to_vec()).collect::<Vec<_>>(), vec![vec![2, 0], vec![], vec![1, 2, 7], vec![]]);
        // Column 7 is past the 3 columns asked for: left out.
        let t = l.transpose(3);
        assert_eq!((0..3).map(|c| t.row(c).to_vec()).collect::<Vec<_>>(), vec![vec![0], vec![2], vec![0, 2]]);
        assert_eq!(Bits::of(70, &[0, 69]).iter().collect::<Vec<_>>(), vec![0, 69]);
        // Values past the columns asked for (u32::MAX: none) are left out.
        let p = Lists::positions_of(&[1, u32::MAX, 0, 1, 5], 2);
        assert_eq!((0..3).map(|c| p.row(c).to_vec()).collect::<Vec<_>>(), vec![vec![2], vec![0, 3], vec![]]);
    }
}
