//! Print the actors and quotes found in a text file (one paragraph a line).
//! `cargo run --release -p dossier-corpus --example actors_of FILE`
use dossier_corpus::process::{actors, gazetteer::Gazetteer, quotes};

fn main() {
    let path = std::env::args().nth(1).expect("usage: actors_of FILE");
    let text = std::fs::read_to_string(path).expect("readable file");
    let body: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect();
    let found = actors::find(&body, None, Gazetteer::builtin());
    for a in &found {
        println!("{:?}\t{}\t{}", a.kind, a.name, a.mentions.len());
    }
    for q in quotes::find(&body, &found, &Gazetteer::builtin().speech) {
        println!("QUOTE {:?} <- {}", q.speaker.map(|s| &found[s].name), q.text);
    }
}
