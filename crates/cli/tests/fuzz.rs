//! No panic, nothing lost, through the real binary: random folders (odd names, random
//! bytes, hostile text, UTF-16, a random manifest) always give exit 0 or 2, complete JSON,
//! and every input file either as an article or as a warning naming it.
//! `DOSSIER_FUZZ_CASES=N` runs N cases instead of 16.

use std::process::Command;

use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    (
        prop_oneof!["[a-z0-9]{1,8}", "\\PC{1,6}", Just("Москва «1»".to_owned()), Just(" spaced".to_owned())],
        proptest::sample::select(&[".txt", ".TXT", ".html", ".htm", ".md"][..]),
    )
        .prop_map(|(stem, ext)| format!("{}{ext}", stem.replace(['/', '\\', '\0', '\n', '\r'], "_")))
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "(\\PC|[«»—\n\r\u{0}]){0,400}".prop_map(String::into_bytes),
        Just(include_bytes!("../../corpus/tests/pages/harbour.txt").to_vec()),
        Just(include_bytes!("../../corpus/tests/pages/wire.html").to_vec()),
        "\\PC{0,80}".prop_map(|t| t.encode_utf16().flat_map(u16::to_be_bytes).fold(vec![0xFE, 0xFF], |mut v, b| {
            v.push(b);
            v
        })),
    ]
}

fn manifest() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        proptest::collection::vec(
            proptest::sample::select(
                &["[[article]]\n", "file = \"a.txt\"\n", "date = \"2021-13\"\n", "outlet = 3\n", "x = 1\n", "=\n", "\u{0}"][..],
            ),
            0..8,
        )
        .prop_map(|v| v.concat()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("DOSSIER_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_binary_accounts_for_every_file(files in proptest::collection::btree_map(name(), bytes(), 0..5), manifest in manifest()) {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw");
        std::fs::create_dir(&raw).unwrap();
        let mut inputs = Vec::new();
        for (name, bytes) in &files {
            std::fs::write(raw.join(name), bytes).unwrap();
            if !name.ends_with(".md") {
                inputs.push(name.clone());
            }
        }
        if let Some(m) = &manifest {
            std::fs::write(raw.join("manifest.toml"), m).unwrap();
        }
        let out = dir.path().join("out.json");
        let output = Command::new(env!("CARGO_BIN_EXE_dossier")).arg("process").arg(&raw).arg("--out").arg(&out).arg("--quiet").output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        prop_assert!(matches!(output.status.code(), Some(0 | 2)), "{:?}: {}", output.status, stderr);
        prop_assert!(!stderr.contains("panicked"), "{}", stderr);
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).expect("complete JSON");
        let articles: Vec<&str> = json["articles"].as_array().unwrap().iter().map(|a| a["file"].as_str().unwrap()).collect();
        for name in &inputs {
            let warned = stderr.contains(&format!("warning: {name}: "));
            prop_assert!(articles.contains(&name.as_str()) != warned, "{:?} lost or both processed and reported: {}", name, stderr);
        }
    }
}
