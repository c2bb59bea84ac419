//! People on text from another source: the 24 Wikinews articles of the GUM corpus
//! (`tests/eval/gum`, made by its `make.py` from GUM's own entity annotation; texts CC BY 2.5,
//! annotation CC BY 4.0). Nothing was tuned on it; its persons P/R are printed beside the
//! development set's as an independent estimate, not held to a floor (the key is GUM's idea
//! of a person: it counts groups and fictional characters too).

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use dossier_corpus::Article;
use dossier_corpus::process;

use super::dev::{Figures, Misses, inputs, read_json, score_actors, stem};

/// Process the set's dumps and print persons P/R, with the misses per page when `verbose`.
pub fn eval(set: &Path, verbose: bool) -> Result<()> {
    let inputs = inputs(set, false)?;
    let corpus = process::process(&inputs, None, |_| {}).corpus;
    let by_stem: HashMap<&str, &Article> = corpus.articles.iter().map(|a| (stem(&a.file), a)).collect();
    let mut fig = Figures::default();
    for input in &inputs {
        let id = stem(&input.file);
        let mut miss = Misses::default();
        score_actors(by_stem.get(id).copied(), &corpus, &read_json(&set.join("actors").join(format!("{id}.json")))?, &mut fig, &mut miss);
        if verbose && !miss.0.is_empty() {
            println!("  {id}:");
            for m in &miss.0 {
                println!("      {m}");
            }
        }
    }
    let (p, r) = fig.persons();
    println!(
        "GUM news (24 Wikinews articles, not tuned on): persons P {p:.3} R {r:.3} ({} found of {} in the key, {} predicted)",
        fig.persons_found, fig.persons_key, fig.persons_out
    );
    Ok(())
}
