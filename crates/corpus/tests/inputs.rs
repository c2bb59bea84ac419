//! Reading a folder: files are listed first and read one at a time as processing goes.

use dossier_corpus::process::{self, Input};

const GOOD: &str = include_str!("pages/harbour.txt");

#[test]
fn a_file_removed_after_listing_is_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), GOOD).unwrap();
    }
    let mut total = 0;
    let path = dir.path().to_owned();
    let report = process::process_dir(
        dir.path(),
        None,
        |n| total = n,
        |done| {
            // After the first file, another run (or the user) removes the last one.
            if done == 1 {
                std::fs::remove_file(path.join("c.txt")).unwrap();
            }
        },
    )
    .unwrap();
    assert_eq!(total, 3);
    let files: Vec<&str> = report.corpus.articles.iter().map(|a| a.file.as_str()).collect();
    assert_eq!(files, ["a.txt", "b.txt"]);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].file, "c.txt");
    assert!(
        report.problems[0].message.starts_with("cannot be read: it is gone (removed after the folder was listed"),
        "{}",
        report.problems[0]
    );
}

#[test]
fn a_file_is_read_only_when_its_turn_comes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join("b.txt"), "placeholder").unwrap();
    let path = dir.path().to_owned();
    // While a.txt is processed, b.txt is rewritten: what is processed is its new content.
    let report = process::process_dir(
        dir.path(),
        None,
        |_| {},
        |done| {
            if done == 1 {
                std::fs::write(path.join("b.txt"), GOOD.replace("Port authority approves", "Harbour board approves")).unwrap();
            }
        },
    )
    .unwrap();
    assert_eq!(report.corpus.articles.len(), 2, "{:?}", report.problems);
    assert!(report.corpus.articles[1].title.starts_with("Harbour board approves"), "{}", report.corpus.articles[1].title);
}

#[test]
fn manifest_warnings_are_problems_and_the_rest_of_the_manifest_applies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join("b.txt"), GOOD).unwrap();
    let manifest = "[[article]]\nfile = \"a.txt\"\ndate = \"March 2024\"\noutlet = \"The Coastal Herald\"\n\n[[article]]\nfile = \"b.txt\"\nsection = \"Ports\"\norigin = \"Harbour Wire\"\n\n[[article]]\nfile = \"a.txt\"\noutlet = \"Someone Else\"\n";
    std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
    let report = process::process_dir(dir.path(), None, |_| {}, |_| {}).unwrap();
    let a = &report.corpus.articles[0];
    assert_eq!(a.outlet.as_ref().unwrap().name, "The Coastal Herald", "the first entry for a.txt applies");
    assert_eq!(a.date.as_ref().unwrap().source, dossier_corpus::Source::Text, "the bad manifest date was left out");
    assert_eq!(report.corpus.articles[1].origin.as_ref().unwrap().name, "Harbour Wire");
    let messages: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0].starts_with("manifest.toml: line 3, article 1 (\"a.txt\"), field \"date\": \"March 2024\" is not a date"),
        "{}",
        messages[0]
    );
    assert!(messages[1].starts_with("manifest.toml: line 8, article 2 (\"b.txt\"), field \"section\": unknown key"), "{}", messages[1]);
    assert!(
        messages[2].starts_with("manifest.toml: line 11: article 3 is a second entry for \"a.txt\"; the first one (line 1) applies"),
        "{}",
        messages[2]
    );
}

#[test]
fn process_keeps_its_slice_api() {
    let inputs = vec![Input::new("a.txt".into(), GOOD.as_bytes().to_vec())];
    let report = process::process(&inputs, None, |_| {});
    assert_eq!(report.corpus.articles.len(), 1);
    assert_eq!(report.bytes, GOOD.len() as u64);
}
