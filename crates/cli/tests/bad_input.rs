//! Bad input: each case names the file and what is wrong, and the rest of the
//! corpus is still processed.

use std::path::Path;
use std::process::Command;

const GOOD: &str = include_str!("../../corpus/tests/pages/harbour.txt");

struct Run {
    code: i32,
    stderr: String,
    json: Option<serde_json::Value>,
}

fn run(dir: &Path, extra: &[&str]) -> Run {
    let out = dir.join("out/corpus.json");
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("process")
        .arg(dir.join("raw"))
        .arg("--out")
        .arg(&out)
        .args(extra)
        .output()
        .expect("the dossier binary runs");
    let json = std::fs::read_to_string(&out).ok().map(|s| serde_json::from_str(&s).expect("valid JSON"));
    Run { code: output.status.code().unwrap_or(-1), stderr: String::from_utf8_lossy(&output.stderr).into_owned(), json }
}

/// A folder with the good article plus `files`.
fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("raw")).unwrap();
    std::fs::write(dir.path().join("raw/good.txt"), GOOD).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("raw").join(name), bytes).unwrap();
    }
    dir
}

fn files_out(run: &Run) -> Vec<String> {
    run.json.as_ref().expect("output written")["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["file"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_good_article_is_extracted() {
    let dir = corpus(&[]);
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json.unwrap();
    assert_eq!(json["schema_version"], 1);
    let a = &json["articles"][0];
    assert_eq!(a["title"], "Port authority approves harbour expansion after two-year review");
    assert_eq!(a["authors"], serde_json::json!(["Maria Okafor"]));
    assert_eq!(
        a["date"],
        serde_json::json!({"value": "2024-03-14T09:30", "precision": "minute", "source": "text", "evidence": "14 March 2024, 09:30"})
    );
    let body: Vec<&str> = a["body"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(body.len(), 6, "{body:#?}");
    assert!(body[0].starts_with("The port authority on Thursday"));
    assert_eq!(body[4], "What happens next?");
    assert!(!body.iter().any(|p| p.contains("cycle lanes") || p.contains("Tags") || p.contains("©")), "{body:#?}");
}

#[test]
fn legacy_encoding_is_decoded() {
    let latin1 = GOOD.replace("The port authority on Thursday", "The café owners' port authority on Thursday");
    let bytes: Vec<u8> = latin1.chars().map(|c| if c == 'é' { 0xE9 } else { c as u8 }).collect();
    let dir = corpus(&[("latin1.txt", &bytes)]);
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json.unwrap();
    let a = json["articles"].as_array().unwrap().iter().find(|a| a["file"] == "latin1.txt").expect("processed");
    assert!(a["body"][0].as_str().unwrap().contains("café"));
}

#[test]
fn binary_empty_and_articleless_files_are_reported_and_skipped() {
    let menu = b"Home\nNews\nSport\nWeather\nContact us\n";
    let dir = corpus(&[("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"), ("empty.txt", b""), ("menu.txt", menu)]);
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, 2, "exit 2 when some files were left out");
    assert!(run.stderr.contains("photo.txt: the file is binary"), "{}", run.stderr);
    assert!(run.stderr.contains("empty.txt: the file is empty"), "{}", run.stderr);
    assert!(run.stderr.contains("menu.txt: no article found"), "{}", run.stderr);
    assert_eq!(files_out(&run), vec!["good.txt"]);
}

#[test]
fn malformed_manifest_names_line_and_column_and_files_still_go_through() {
    let dir = corpus(&[("manifest.toml", b"[[article]]\nfile = \"good.txt\"\noutlet = Herald\n")]);
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("manifest.toml: line 3, column 10"), "{}", run.stderr);
    assert_eq!(files_out(&run), vec!["good.txt"]);
}

#[test]
fn manifest_entry_for_a_missing_file_is_reported_and_others_apply() {
    let manifest = b"[[article]]\nfile = \"good.txt\"\noutlet = \"The Coastal Herald\"\ndate = \"2024-03\"\n\n[[article]]\nfile = \"gone.txt\"\ndate = \"2020\"\n";
    let dir = corpus(&[]);
    std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
    let path = dir.path().join("manifest.toml");
    let run = run(dir.path(), &["--manifest", path.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("has an entry for \"gone.txt\", which is not in the input folder"), "{}", run.stderr);
    let json = run.json.unwrap();
    let a = &json["articles"][0];
    assert_eq!(a["outlet"], serde_json::json!({"name": "The Coastal Herald", "source": "manifest", "evidence": ""}));
    assert_eq!(a["date"]["value"], "2024-03");
    assert_eq!(a["date"]["source"], "manifest");
}

#[test]
fn a_failed_write_leaves_no_partial_output() {
    let dir = corpus(&[]);
    std::fs::create_dir_all(dir.path().join("out/corpus.json")).unwrap(); // a directory where the file should go
    let run = run(dir.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("writing"), "{}", run.stderr);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind: {leftovers:?}");
}
