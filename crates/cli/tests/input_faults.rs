//! Input faults, through the real `dossier` binary: odd encodings, entries that are not
//! readable files, a huge file, a huge folder, a kill during the write. Each gives a
//! clear per-file message, the rest is processed, and the output is never half-written.
//!
//! The large cases print their time and peak memory (the child's VmHWM, polled from
//! /proc while it runs); run them with `--nocapture` to see it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str = include_str!("../../corpus/tests/pages/harbour.txt");
const GOOD_TITLE: &str = "Port authority approves harbour expansion after two-year review";
const WIRE: &str = include_str!("../../corpus/tests/pages/wire.html");

struct Outcome {
    code: i32,
    stderr: String,
    /// Peak resident memory of the child, in MB (polled every 5 ms, so a peak in the last
    /// few milliseconds may be missed).
    max_rss_mb: f64,
    elapsed: Duration,
    json: Option<serde_json::Value>,
}

/// Run `dossier process RAW --out OUT`, with a timeout (a hang fails the test instead of
/// stalling CI), measuring the child's own peak memory.
#[allow(clippy::zombie_processes)] // reaped by wait4, which std's Child does not see
fn dossier(raw: &Path, out: &Path, timeout: Duration) -> Outcome {
    let err = tempfile::NamedTempFile::new().unwrap();
    let args: Vec<OsString> = vec!["process".into(), raw.into(), "--out".into(), out.into(), "--quiet".into()];
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(err.reopen().unwrap())
        .spawn()
        .expect("the dossier binary runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value; wait4 only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut peak_kb = 0u64;
    loop {
        // The child's own high-water mark. (Its wait4 `ru_maxrss` is no use here: a child
        // spawned with vfork counts the parent's peak from before its exec.)
        peak_kb = peak_kb.max(vm_hwm_kb(pid).unwrap_or(0));
        // SAFETY: pid is our own child, not yet reaped; the pointers are to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4 failed");
        if started.elapsed() > timeout {
            // SAFETY: as above.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            panic!("dossier did not finish within {timeout:?}: {}", std::fs::read_to_string(err.path()).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = started.elapsed();
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    let json = std::fs::read(out).ok().map(|b| serde_json::from_slice(&b).expect("the output is complete JSON"));
    Outcome { code, stderr: std::fs::read_to_string(err.path()).unwrap(), max_rss_mb: peak_kb as f64 / 1024.0, elapsed, json }
}

/// `VmHWM` (peak resident memory) of a live process, in kB.
fn vm_hwm_kb(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.split_whitespace().next()?.parse().ok()
}

fn raw_dir(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("raw");
    std::fs::create_dir(&raw).unwrap();
    std::fs::write(raw.join("good.txt"), GOOD).unwrap();
    for (name, bytes) in files {
        std::fs::write(raw.join(name), bytes).unwrap();
    }
    (dir, raw)
}

fn article<'a>(json: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    json["articles"].as_array().unwrap().iter().find(|a| a["file"] == file).unwrap_or_else(|| panic!("{file} was not processed"))
}

fn body(a: &serde_json::Value) -> String {
    a["body"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn utf16_shift_jis_and_truncated_utf8_are_decoded() {
    let utf16 = |big: bool| -> Vec<u8> {
        let bom: [u8; 2] = if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] };
        bom.into_iter().chain(GOOD.encode_utf16().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() })).collect()
    };
    let japanese = "港湾局は木曜日、北部の港の拡張計画を承認した。";
    let sjis = |s: &str| encoding_rs::SHIFT_JIS.encode(s).0.into_owned();
    let txt = GOOD.replace('©', "(c)").replace("shipping firms.", &format!("shipping firms. {japanese}"));
    let html =
        WIRE.replace("<meta charset=\"utf-8\">", "<meta charset=\"shift_jis\">").replace("Negotiators", &format!("{japanese} Negotiators"));
    let mut truncated = GOOD.replace("shipping firms.", "shipping firms — «quoted»").into_bytes();
    truncated.extend_from_slice(&"—".as_bytes()[..2]);
    let (_dir, raw) = raw_dir(&[
        ("utf16le.txt", &utf16(false)),
        ("utf16be.txt", &utf16(true)),
        ("sjis.txt", &sjis(&txt)),
        ("sjis.html", &sjis(&html)),
        ("truncated.txt", &truncated),
    ]);
    let run = dossier(&raw, &raw.with_file_name("out.json"), Duration::from_secs(60));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json.unwrap();
    for file in ["utf16le.txt", "utf16be.txt", "sjis.txt", "truncated.txt"] {
        assert_eq!(article(&json, file)["title"], GOOD_TITLE, "{file}");
    }
    assert!(body(article(&json, "sjis.txt")).contains(japanese), "{}", body(article(&json, "sjis.txt")));
    assert!(body(article(&json, "sjis.html")).contains(japanese), "{}", body(article(&json, "sjis.html")));
    assert!(body(article(&json, "truncated.txt")).contains("shipping firms — «quoted»"));
    assert_eq!(body(article(&json, "utf16be.txt")), body(article(&json, "good.txt")));
}

#[test]
fn entries_that_are_not_readable_files_are_reported_and_the_rest_processed() {
    let (_dir, raw) = raw_dir(&[]);
    // Root reads any file whatever its mode, so use faults that stop root too.
    std::os::unix::fs::symlink(raw.join("nowhere.txt"), raw.join("dangling.txt")).unwrap();
    std::fs::create_dir(raw.join("folder.txt")).unwrap();
    let fifo = std::ffi::CString::new(raw.join("pipe.txt").into_os_string().into_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
    let run = dossier(&raw, &raw.with_file_name("out.json"), Duration::from_secs(60));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("warning: dangling.txt: cannot be read: it is gone"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: folder.txt: is a folder, not a file"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: pipe.txt: is not a regular file"), "{}", run.stderr);
    let json = run.json.unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 1);
    assert_eq!(article(&json, "good.txt")["title"], GOOD_TITLE);
}

/// A short article, different for each `i`.
fn small_article(i: usize) -> String {
    let names = ["Maria Okafor", "Jonas Berg", "Priya Raman", "Tomás Ruiz", "Aiko Tanaka", "Samuel Osei"];
    let who = names[i % names.len()];
    format!(
        "Home\nNews\n\nCouncil number {i} votes on the budget for next year\nBy {}\n{} March 2024\n\n\
         The council of district {i} voted on Tuesday to approve a budget that raises spending on schools and roads, after a debate that lasted most of the day.\n\n\
         \"We have listened to the residents of district {i}, and this budget reflects what they asked for,\" {who} told reporters after the vote.\n",
        names[(i + 1) % names.len()],
        1 + i % 28,
    )
}

#[test]
fn a_100_mb_file_is_refused_with_a_message_and_memory_stays_flat() {
    let (_dir, raw) = raw_dir(&[]);
    let mut big = std::io::BufWriter::new(std::fs::File::create(raw.join("huge.txt")).unwrap());
    let line = "The council voted on Tuesday to approve a budget that raises spending on schools and roads.\n";
    for _ in 0..(100 << 20) / line.len() + 1 {
        std::io::Write::write_all(&mut big, line.as_bytes()).unwrap();
    }
    drop(big);
    assert!(std::fs::metadata(raw.join("huge.txt")).unwrap().len() >= 100 << 20);
    let run = dossier(&raw, &raw.with_file_name("out.json"), Duration::from_secs(120));
    println!("100 MB file: {:.2?}, peak memory {:.1} MB", run.elapsed, run.max_rss_mb);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("warning: huge.txt: is 100.0 MB, more than the 32 MB one page can be"), "{}", run.stderr);
    assert_eq!(article(&run.json.unwrap(), "good.txt")["title"], GOOD_TITLE);
    assert!(run.max_rss_mb < 64.0, "the refused file was read into memory: {:.1} MB", run.max_rss_mb);
}

#[test]
fn a_large_file_under_the_limit_is_processed() {
    // 24 MB in a release build, 2 MB in debug (processing takes about 17 times the file in memory).
    let mb = if cfg!(debug_assertions) { 2 } else { 24 };
    let (_dir, raw) = raw_dir(&[]);
    let mut text = String::from("Home\nNews\n\nThe longest report the council has ever published\nBy Maria Okafor\n14 March 2024\n\n");
    let mut i = 0;
    while text.len() < mb << 20 {
        i += 1;
        text.push_str(&format!("In section {i}, the council reviewed the spending of district {}, and Jonas Berg said the figures were \"in line with the plan\" for the year.\n\n", i % 97));
    }
    std::fs::write(raw.join("long.txt"), &text).unwrap();
    let run = dossier(&raw, &raw.with_file_name("out.json"), Duration::from_secs(300));
    println!("{mb} MB file: {:.2?}, peak memory {:.1} MB", run.elapsed, run.max_rss_mb);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json.unwrap();
    let a = article(&json, "long.txt");
    assert_eq!(a["title"], "The longest report the council has ever published");
    assert_eq!(a["body"].as_array().unwrap().len(), i);
}

#[test]
fn fifty_thousand_small_files_are_processed_one_at_a_time() {
    // 50,000 in a release build (the CI command); 5,000 in debug, to keep `cargo test` short.
    let n: usize = std::env::var("DOSSIER_MANY_FILES").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        5_000
    } else {
        50_000
    });
    let (_dir, raw) = raw_dir(&[]);
    let mut bytes = 0;
    for i in 0..n {
        let text = small_article(i);
        bytes += text.len();
        std::fs::write(raw.join(format!("{i:06}.txt")), text).unwrap();
    }
    let out = raw.with_file_name("out.json");
    let run = dossier(&raw, &out, Duration::from_secs(600));
    println!(
        "{n} small files ({:.1} MB): {:.2?}, peak memory {:.1} MB, output {:.1} MB",
        bytes as f64 / 1e6,
        run.elapsed,
        run.max_rss_mb,
        std::fs::metadata(&out).map_or(0.0, |m| m.len() as f64 / 1e6)
    );
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(2000)]);
    let json = run.json.unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), n + 1);
    let a = article(&json, &format!("{:06}.txt", n / 2));
    assert_eq!(a["title"], format!("Council number {} votes on the budget for next year", n / 2));
}

#[test]
fn kill_9_during_the_write_leaves_the_old_output_whole() {
    let (dir, raw) = raw_dir(&[]);
    for i in 0..2000 {
        std::fs::write(raw.join(format!("{i:05}.txt")), small_article(i)).unwrap();
    }
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("corpus.json");
    let old = b"{\"old\": true}\n";
    let (mut during_write, mut tries) = (0, 0);
    while during_write < 3 && tries < 20 {
        tries += 1;
        std::fs::write(&out, old).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("process")
            .arg(&raw)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill as soon as this run's temporary file appears: the write is under way.
        let killed = loop {
            let writing = out_dir.join(format!(".corpus.json.tmp-{}", child.id())).exists();
            if writing {
                child.kill().unwrap(); // SIGKILL
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        child.wait().unwrap();
        let now = std::fs::read(&out).unwrap();
        if killed && now == old {
            during_write += 1;
        } else {
            // The run finished (or the rename was done before the kill): the new output is complete.
            let json: serde_json::Value = serde_json::from_slice(&now).expect("a complete corpus, never a half-written one");
            assert_eq!(json["articles"].as_array().unwrap().len(), 2001);
        }
    }
    println!("killed during the write {during_write} times in {tries} runs");
    assert!(during_write >= 1, "never caught the write in progress in {tries} runs");
    // The next run completes, and clears the temporary files the killed runs left.
    let run = dossier(&raw, &out, Duration::from_secs(300));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json.unwrap()["articles"].as_array().unwrap().len(), 2001);
    let left: Vec<_> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("corpus.json")], "stale temporary files were left");
}
