//! Archive-scale figures for `cargo xtask bench`: WARC throughput on one core and peak
//! memory on a 1 GB synthetic archive, and the Spark example in local mode against one
//! process on the same archives.
//!
//! The archive is made here from the synthetic generator's articles, each as an HTML page
//! of a realistic weight (navigation, inline script) captured with its request, an image
//! and a broken link, until it holds 1 GB.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use dossier_corpus::process::warc::write;
use dossier_corpus::synth::{Generator, Rng, Shape};

use crate::{cargo, run};

const ARCHIVE_BYTES: u64 = 1_000_000_000;

/// A page as a site serves it: the dump's lines as paragraphs inside a page with its
/// navigation and 20 KB of inline script.
fn html_page(text: &str, script: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap_or_default();
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{}</title><script>{script}</script></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>",
        esc(title)
    );
    for l in lines {
        html.push_str("<p>");
        html.push_str(&esc(l));
        html.push_str("</p>");
    }
    html.push_str("</article><footer>About us | Contact</footer></body></html>");
    html
}

/// Write synthetic archives of `bytes` in total into `files` files; returns their paths
/// and the number of pages.
pub fn make_archives(dir: &Path, bytes: u64, files: usize) -> Result<(Vec<PathBuf>, usize)> {
    std::fs::create_dir_all(dir)?;
    let generator = Generator::new(Shape { outlets: 200, people: 20_000, people_per_article: (3, 12) });
    let mut rng = Rng::new(7);
    let script = "window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e)}".repeat(280);
    let image = vec![0x42u8; 48 << 10];
    let mut paths = Vec::new();
    let mut pages = 0;
    for f in 0..files {
        let path = dir.join(format!("synth-{f}.warc"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut written = 0u64;
        while written < bytes / files as u64 {
            let (_, text) = generator.article(pages, &mut rng);
            let url = format!("https://synth.example/{f}/{pages}");
            let date = "2024-05-01T12:00:00Z";
            for r in [
                write::record("request", &url, date, "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"),
                write::response(&url, date, 200, "text/html; charset=utf-8", html_page(&text, &script).as_bytes()),
                write::response(&format!("{url}.jpg"), date, 200, "image/jpeg", &image),
                write::response(&format!("{url}/gone"), date, 404, "text/html", b"<h1>Not Found</h1>"),
            ] {
                written += r.len() as u64;
                out.write_all(&r)?;
            }
            pages += 1;
        }
        out.flush()?;
        paths.push(path);
    }
    Ok((paths, pages))
}

/// Run a command to the end; its wall time and peak resident memory (MB).
fn measured(cmd: &mut Command) -> Result<(Duration, f64)> {
    let started = Instant::now();
    let child = cmd.stdout(Stdio::null()).spawn().context("starting the dossier binary")?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value; wait4 only writes into it, for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    ensure!(r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) != 1, "dossier failed (status {status})");
    std::mem::forget(child); // reaped by wait4 above
    Ok((started.elapsed(), usage.ru_maxrss as f64 / 1024.0))
}

pub fn bench(target: &Path) -> Result<()> {
    run(cargo().args(["build", "--release", "-p", "dossier-cli"]))?;
    let dossier = std::fs::canonicalize(target.join("release/dossier"))?;
    let dir = target.join("bench/archive");
    let big = dir.join("one");
    let (archive, pages) = make_archives(&big, ARCHIVE_BYTES, 1)?;
    let size = std::fs::metadata(&archive[0])?.len() as f64 / 1e6;
    let (took, rss) = measured(
        Command::new(&dossier).arg("process").args(&archive).args(["--jobs", "1", "--quiet", "--out"]).arg(dir.join("one.jsonl")),
    )?;
    println!(
        "archive: {size:.0} MB WARC, {pages} pages (and a request, an image and a 404 each): {:.1} s = {:.1} MB/s on one core, peak memory {rss:.0} MB",
        took.as_secs_f64(),
        size / took.as_secs_f64()
    );
    // Spark against one process on the same eight archives (200 MB).
    let (parts, pages) = make_archives(&dir.join("parts"), 200_000_000, 8)?;
    let (one, _) = measured(
        Command::new(&dossier).arg("process").args(&parts).args(["--jobs", "1", "--quiet", "--out"]).arg(dir.join("parts.jsonl")),
    )?;
    let list = dir.join("parts.txt");
    std::fs::write(
        &list,
        parts.iter().map(|p| format!("{}\n", std::fs::canonicalize(p).unwrap_or(p.clone()).display())).collect::<String>(),
    )?;
    let shards = dir.join("shards");
    let _ = std::fs::remove_dir_all(&shards);
    crate::spark::ensure_java()?;
    let started = Instant::now();
    crate::spark::run_job(target, &list, &shards, &dossier)?;
    let on_spark = started.elapsed();
    println!(
        "archive: 8 WARCs, 200 MB, {pages} pages: one process (one core) {:.1} s; Spark local[2] {:.1} s (JVM start-up included)",
        one.as_secs_f64(),
        on_spark.as_secs_f64()
    );
    Ok(())
}
