//! What each field of a bundle costs once gzipped: `cargo run --release -p dossier-corpus
//! --example bundle_sizes -- CORPUS.dsr` (or a corpus.json). Prints the gzip size of the whole bundle, then
//! the saving when each part is left out (so the parts worth a compact encoding show).

use std::io::Write;

fn gz(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap().len()
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: bundle_sizes CORPUS.dsr|corpus.json");
    let bytes = std::fs::read(&path).unwrap();
    let corpus: dossier_corpus::Corpus =
        if path.ends_with(".json") { serde_json::from_slice(&bytes).unwrap() } else { dossier_corpus::bundle::decode(&bytes).unwrap() };
    let whole = dossier_corpus::bundle::encode(&corpus);
    let base = gz(&whole);
    println!("{} articles: bundle {} bytes, gzip {} bytes", corpus.articles.len(), whole.len(), base);
    type Cut = fn(&mut dossier_corpus::Article);
    let cuts: [(&str, Cut); 14] = [
        ("body", |a| a.body.clear()),
        ("actors", |a| a.actors.clear()),
        ("actor spans", |a| a.actors.iter_mut().for_each(|x| x.spans.clear())),
        ("actor forms", |a| a.actors.iter_mut().for_each(|x| x.forms.clear())),
        ("actor names", |a| a.actors.iter_mut().for_each(|x| x.name = Default::default())),
        ("actor roles", |a| a.actors.iter_mut().for_each(|x| x.role = None)),
        ("actor ids", |a| a.actors.iter_mut().for_each(|x| x.id = 0)),
        ("quotes", |a| a.quotes.clear()),
        ("quote texts", |a| a.quotes.iter_mut().for_each(|q| q.text = Default::default())),
        ("same_story", |a| a.same_story.clear()),
        ("provenance", |a| a.provenance.clear()),
        ("outlet/origin evidence", |a| a.outlet.iter_mut().chain(a.origin.iter_mut()).for_each(|o| o.evidence = Default::default())),
        ("date evidence", |a| a.date.iter_mut().for_each(|d| d.evidence = Default::default())),
        ("title", |a| a.title = Default::default()),
    ];
    for (what, cut) in cuts {
        let mut c = corpus.clone();
        c.articles.iter_mut().for_each(cut);
        let raw = dossier_corpus::bundle::encode(&c);
        let g = gz(&raw);
        println!(
            "  {what:<24} raw {:>5.1} %  gzip {:>5.1} %",
            100.0 * (whole.len() as f64 - raw.len() as f64) / whole.len() as f64,
            100.0 * (base as f64 - g as f64) / base as f64
        );
    }
}
