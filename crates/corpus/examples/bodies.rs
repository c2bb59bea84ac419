//! Write each page's extracted body to `OUT/<stem>.txt` (paragraphs joined by blank lines),
//! for `tests/eval/dev/score.py OUT`: `cargo run --release --example bodies -- DIR OUT`.
//! Reads `.txt` dumps, `.html` pages and gzipped `.html.gz` pages; runs decode → blocks →
//! extract only, so a page with no title is still measured.
use std::io::Read;

use dossier_corpus::process::{decode, extract, html, knowledge::Knowledge};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: bodies DIR OUT");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&out).expect("output folder");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("readable folder").flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let (stem, is_html, gz) = if let Some(s) = name.strip_suffix(".html.gz") {
            (s, true, true)
        } else if let Some(s) = name.strip_suffix(".html") {
            (s, true, false)
        } else if let Some(s) = name.strip_suffix(".txt") {
            (s, false, false)
        } else {
            continue;
        };
        let mut bytes = std::fs::read(&path).expect("readable file");
        if gz {
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain).expect("gzip");
            bytes = plain;
        }
        let Ok(decoded) = decode::decode(&bytes) else {
            eprintln!("{name}: not text");
            continue;
        };
        let blocks = if is_html { html::blocks_from_html(&decoded.text).0 } else { extract::blocks_from_text(&decoded.text) };
        let e = extract::extract(blocks, Knowledge::builtin());
        std::fs::write(format!("{out}/{stem}.txt"), e.body.join("\n\n")).expect("writable output");
    }
}
