//! Web archives, JSON Lines and shards, through the real `dossier` binary: a WARC of real
//! pages (the development set's HTML) with requests, images, robots.txt and 404 responses
//! mixed in gives one article per HTML page, with its URL, and the same bodies as the pages
//! processed as .html files; JSON Lines shards merge into the corpus one run makes; the
//! number of jobs changes nothing in the output.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use dossier_corpus::Corpus;
use dossier_corpus::process::warc::write;

const DEV_HTML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/eval/dev/html");
const PAGES: usize = 12;

fn dossier(args: &[&std::ffi::OsStr]) -> (i32, String, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("the dossier binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned(), out.stdout)
}

fn read(path: &Path) -> Corpus {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The first `PAGES` development pages, decompressed: (name, html).
fn pages() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(DEV_HTML).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .take(PAGES)
        .map(|p| {
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap()).read_to_end(&mut html).unwrap();
            (p.file_stem().unwrap().to_string_lossy().into_owned(), html)
        })
        .collect()
}

/// An archive of `pages` as a crawler writes one: request, response, and the page's image,
/// robots.txt and a broken link; gzipped member by member when `gz`.
fn archive(pages: &[(String, Vec<u8>)], path: &Path, gz: bool) {
    let mut file = std::fs::File::create(path).unwrap();
    for (i, (_, html)) in pages.iter().enumerate() {
        let url = format!("https://news.example/{i}");
        let date = "2019-11-19T09:02:00Z";
        for r in write::capture(&url, date, html) {
            file.write_all(&if gz { write::gzip_member(&r) } else { r }).unwrap();
        }
    }
}

/// The pages written as .html files into `dir/html`.
fn html_folder(dir: &Path, pages: &[(String, Vec<u8>)]) -> PathBuf {
    let html_dir = dir.join("html");
    std::fs::create_dir(&html_dir).unwrap();
    for (name, html) in pages {
        std::fs::write(html_dir.join(format!("{name}.html")), html).unwrap();
    }
    html_dir
}

#[test]
fn an_archive_gives_the_pages_it_holds_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages();
    let html_dir = html_folder(dir.path(), &pages);
    let (half_a, half_b) = pages.split_at(PAGES / 2);
    let warcs = dir.path().join("warcs");
    std::fs::create_dir(&warcs).unwrap();
    archive(half_a, &warcs.join("a.warc"), false);
    archive(half_b, &warcs.join("b.warc.gz"), true);

    let (code, err, _) = dossier(&["process".as_ref(), html_dir.as_os_str(), "--out".as_ref(), dir.path().join("html.json").as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let (code, err, _) = dossier(&["process".as_ref(), warcs.as_os_str(), "--out".as_ref(), dir.path().join("warc.json").as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 web archives read"), "{err}");
    assert!(err.contains(&format!("{PAGES} requests")) && err.contains(&format!("{} non-HTML responses", 2 * PAGES)), "{err}");
    assert!(err.contains(&format!("{PAGES} error or redirect responses")), "{err}");

    let (from_html, from_warc) = (read(&dir.path().join("html.json")), read(&dir.path().join("warc.json")));
    assert_eq!(from_warc.articles.len(), PAGES, "one article per archived HTML page");
    for (i, a) in from_warc.articles.iter().enumerate() {
        let (archive, n) = if i < PAGES / 2 { ("a.warc", i + 1) } else { ("b.warc.gz", i - PAGES / 2 + 1) };
        assert_eq!(a.file, format!("{archive}#{n}"));
        // Each archive numbers its pages' addresses from 0.
        assert_eq!(a.url.as_deref(), Some(format!("https://news.example/{}", n - 1).as_str()));
        assert!(a.provenance.iter().any(|p| p.field == "captured" && p.evidence == "2019-11-19T09:02:00Z"));
        let same = &from_html.articles[i];
        assert_eq!((&a.title, &a.body, &a.date, &a.authors), (&same.title, &same.body, &same.date, &same.authors), "{}", same.file);
    }
}

#[test]
fn json_lines_shards_merge_into_one_run_and_jobs_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages();
    let html_dir = html_folder(dir.path(), &pages);
    let names: Vec<PathBuf> = pages.iter().map(|(n, _)| html_dir.join(format!("{n}.html"))).collect();
    let arg = |p: &Path| p.as_os_str().to_owned();
    let whole = dir.path().join("whole.json");
    let (code, err, _) =
        dossier(&["process".as_ref(), html_dir.as_os_str(), "--out".as_ref(), whole.as_os_str(), "--jobs".as_ref(), "1".as_ref()]);
    assert_eq!(code, 0, "{err}");
    let parallel = dir.path().join("parallel.json");
    let (code, err, _) =
        dossier(&["process".as_ref(), html_dir.as_os_str(), "--out".as_ref(), parallel.as_os_str(), "--jobs".as_ref(), "3".as_ref()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&whole).unwrap(), std::fs::read(&parallel).unwrap(), "the output does not depend on --jobs");

    // Two shards: one written to a file, one to standard output, as Spark's pipe does.
    let shards = dir.path().join("shards");
    std::fs::create_dir(&shards).unwrap();
    let mut first: Vec<std::ffi::OsString> = vec!["process".into()];
    first.extend(names[..PAGES / 2].iter().map(|p| arg(p)));
    first.extend(["--out".into(), arg(&shards.join("part-00000.jsonl"))]);
    let (code, err, _) = dossier(&first.iter().map(|s| s.as_os_str()).collect::<Vec<_>>());
    assert_eq!(code, 0, "{err}");
    let list = dir.path().join("list.txt");
    std::fs::write(&list, names[PAGES / 2..].iter().map(|p| format!("{}\n", p.display())).collect::<String>()).unwrap();
    let (code, err, stdout) = dossier(&["process".as_ref(), "--paths-from".as_ref(), list.as_os_str(), "--out".as_ref(), "-".as_ref()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout.iter().filter(|b| **b == b'\n').count(), PAGES - PAGES / 2, "one line per article");
    std::fs::write(shards.join("part-00001"), &stdout).unwrap();
    std::fs::write(shards.join("_SUCCESS"), b"").unwrap();

    let merged = dir.path().join("merged.json");
    let (code, err, _) = dossier(&["merge".as_ref(), shards.as_os_str(), "--out".as_ref(), merged.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let (whole, merged) = (read(&whole), read(&merged));
    assert_eq!(whole.actors, merged.actors, "actor ids are corpus-wide after the merge");
    for (a, b) in whole.articles.iter().zip(&merged.articles) {
        assert_eq!(
            (a.id, &a.title, &a.body, &a.actors, &a.quotes, &a.same_story),
            (b.id, &b.title, &b.body, &b.actors, &b.quotes, &b.same_story)
        );
    }
    assert_eq!(whole.articles.len(), merged.articles.len());

    let bad = dir.path().join("bad.json");
    let (code, err, _) = dossier(&["merge".as_ref(), list.as_os_str(), "--out".as_ref(), bad.as_os_str()]);
    assert_eq!(code, 1, "a file that is not a shard is an error");
    assert!(err.contains("list.txt") && err.contains("not corpus JSON nor JSON Lines"), "{err}");
}
