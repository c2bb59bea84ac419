//! Show how the extractor classed each block of a page: `cargo run --example explain -- FILE`.
fn main() {
    use dossier_corpus::process::{decode, extract, html, knowledge::Knowledge};
    let path = std::env::args().nth(1).expect("usage: explain FILE");
    let text = decode::decode(&std::fs::read(&path).expect("readable")).expect("text").text;
    let blocks = if path.ends_with(".html") { html::blocks_from_html(&text).0 } else { extract::blocks_from_text(&text) };
    let e = extract::extract(blocks, Knowledge::builtin());
    for (i, l) in e.lines.iter().enumerate() {
        let body = if (e.body_range.0..e.body_range.1).contains(&i) { "|" } else { " " };
        let mut links = if l.link_density > 0.0 { format!(" links {:.2}", l.link_density) } else { String::new() };
        if l.hint != extract::Hint::Plain {
            links.push_str(&format!(" {:?}", l.hint));
        }
        println!("{i:>4} {body} {:<7} {:?}{links}", format!("{:?}", l.class), l.text.chars().take(90).collect::<String>());
    }
    println!("title: {:?}\nbody range: {:?}", e.title, e.body_range);
}
