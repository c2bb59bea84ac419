//! `cargo xtask eval`: score the pipeline against the answer keys in `tests/eval/`: the five
//! seed dumps (`seeds/`, floors that must hold) and the development set of 40 pages from
//! other sites (`dev/`, as text dumps and as HTML, against the hidden-set floors).

mod dev;
mod score;
mod seeds;

use std::path::Path;

use anyhow::{Result, bail};

/// Score the seeds and the development set; fails when a floor is not met.
pub fn eval(seeds_key: &Path, seeds_raw: &Path, dev_set: &Path, verbose: bool) -> Result<()> {
    let mut ok = seeds::eval(seeds_key, seeds_raw)?;
    println!();
    let dumps = dev::score_kind(dev_set, false, verbose)?;
    let html = dev::score_kind(dev_set, true, verbose)?;
    ok &= dev::report("dumps", &dumps, &dev::DUMP_FLOORS);
    ok &= dev::report("HTML", &html, &dev::HTML_FLOORS);
    if !ok {
        bail!("below the floors (see BELOW above)");
    }
    println!("eval: all floors met");
    Ok(())
}
