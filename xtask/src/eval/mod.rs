//! `cargo xtask eval`: score the pipeline against the answer keys in `tests/eval/`: the five
//! seed dumps (`seeds/`, floors that must hold) and the development set of 40 pages from
//! other sites (`dev/`, as text dumps and as HTML), shown against the hidden-set floors and
//! held to a guard just under today's figures, so that no change loses ground unnoticed;
//! and people on 24 Wikinews articles annotated by the GUM corpus (`gum/`), an estimate.

mod dev;
mod gum;
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
    ok &= dev::report("dumps", &dumps, &dev::DUMP_FLOORS, &dev::DUMP_GUARD);
    ok &= dev::report("HTML", &html, &dev::HTML_FLOORS, &dev::HTML_GUARD);
    let gum = Path::new("tests/eval/gum");
    if gum.is_dir() {
        gum::eval(gum, verbose)?;
    }
    if !ok {
        bail!("below the floors: a seed figure under its floor, or a development-set figure under its guard (see above)");
    }
    println!("eval: all floors met (seeds), no development-set figure under its guard");
    Ok(())
}
