//! Data files are read at run time: `dossier data DIR` writes the built-in ones, an edit to
//! one of them changes what `dossier process --data DIR` finds, with no rebuild; a bad or
//! misnamed file is an error that names it.

use std::path::Path;
use std::process::Command;

const PAGE: &str = include_str!("../../corpus/tests/pages/harbour.txt");

fn dossier(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("the dossier binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The people found, with their roles.
fn people(corpus: &Path) -> Vec<(String, Option<String>)> {
    let c: serde_json::Value = serde_json::from_slice(&std::fs::read(corpus).unwrap()).unwrap();
    c["articles"][0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["type"] == "person")
        .map(|a| (a["name"].as_str().unwrap().to_owned(), a["role"].as_str().map(str::to_owned)))
        .collect()
}

#[test]
fn an_edited_data_file_changes_the_output_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let (pages, data, out) = (dir.path().join("pages"), dir.path().join("data"), dir.path().join("corpus.json"));
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("harbour.txt"), PAGE).unwrap();
    let (code, err) = dossier(&["data".as_ref(), data.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert!(data.join("people.toml").is_file() && data.join("outlets.toml").is_file());

    let run = |with_data: bool| {
        let mut args: Vec<&std::ffi::OsStr> = vec!["process".as_ref(), pages.as_os_str(), "--out".as_ref(), out.as_os_str()];
        if with_data {
            args.extend(["--data".as_ref(), data.as_os_str()]);
        }
        let (code, err) = dossier(&args);
        assert_eq!(code, 0, "{err}");
        people(&out)
    };
    // The defaults, written out unchanged, give what the built-in data gives.
    let builtin = run(false);
    assert!(builtin.contains(&("Daniel Reyes".to_owned(), None)), "{builtin:?}");
    assert_eq!(run(true), builtin);

    // A user teaches it who Daniel Reyes is: the same text now gives his role at the
    // article's date.
    let file = data.join("people.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let entry = "person = [\n  { name = \"Daniel Reyes\", aliases = [], country = \"Spain\", roles = [{ role = \"Chair of the Port Authority\", from = \"2020-01-01\" }] },\n";
    assert!(text.contains("person = [\n"));
    std::fs::write(&file, text.replacen("person = [\n", entry, 1)).unwrap();
    let edited = run(true);
    assert!(edited.contains(&("Daniel Reyes".to_owned(), Some("Chair of the Port Authority".to_owned()))), "{edited:?}");

    // A broken file, and a file this version does not read, are errors naming them.
    std::fs::write(&file, "person = [ {").unwrap();
    let (code, err) =
        dossier(&["process".as_ref(), pages.as_os_str(), "--out".as_ref(), out.as_os_str(), "--data".as_ref(), data.as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("people.toml"), "{err}");
    std::fs::write(&file, text).unwrap();
    std::fs::write(data.join("outlet.toml"), "").unwrap();
    let (code, err) =
        dossier(&["process".as_ref(), pages.as_os_str(), "--out".as_ref(), out.as_os_str(), "--data".as_ref(), data.as_os_str()]);
    assert_eq!(code, 1);
    assert!(err.contains("outlet.toml"), "{err}");
}
