//! How long opening a bundle as the explorer does takes, step by step.
fn main() {
    let bytes = std::fs::read(std::env::args().nth(1).unwrap()).unwrap();
    let t = std::time::Instant::now();
    let (c, b) = dossier_corpus::bundle::open(&bytes).unwrap();
    println!("open {:?} ({} articles, {} blocks)", t.elapsed(), c.articles.len(), b.blocks());
}
