//! Time the actor and quote stages separately on the bundled corpus (profiling aid).
fn main() {
    use dossier_corpus::process::{self, actors, gazetteer::Gazetteer, quotes};
    use std::time::Instant;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let (inputs, _) = process::read_dir(&dir).expect("corpus");
    let articles: Vec<_> = inputs.iter().map(|i| process::extract_article(i).expect("article")).collect();
    let g = Gazetteer::builtin();
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum::<usize>() * 200;
    let t = Instant::now();
    let mut found = Vec::new();
    for _ in 0..200 {
        found = articles.iter().map(|a| actors::find(&a.body, None, g)).collect::<Vec<_>>();
    }
    let ta = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..200 {
        for (a, f) in articles.iter().zip(&found) {
            std::hint::black_box(quotes::find(&a.body, f, &g.speech));
        }
    }
    let tq = t.elapsed().as_secs_f64();
    println!("actors {:.1} MB/s of raw input, quotes {:.1} MB/s", bytes as f64 / 1e6 / ta, bytes as f64 / 1e6 / tq);
}
