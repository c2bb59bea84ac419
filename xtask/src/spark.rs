//! `cargo xtask spark`: the Spark example (`examples/spark/`) run in local mode on web
//! archives made from the development set's pages, checked against one `dossier process`
//! of the same archives, with both run times. Part of `cargo xtask test`.
//!
//! PySpark comes from PyPI into a virtual environment under the target folder; Java from
//! Debian (`default-jre-headless`), installed when missing and run as root.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};
use dossier_corpus::Corpus;
use dossier_corpus::process::warc::write;

use crate::{cargo, run};

/// How many archives the test writes, and pages per archive.
const ARCHIVES: usize = 4;

fn works(cmd: &mut Command) -> bool {
    cmd.output().is_ok_and(|o| o.status.success())
}

/// A Java runtime for Spark: there already, or installed from Debian.
pub fn ensure_java() -> Result<()> {
    if works(Command::new("java").arg("-version")) {
        return Ok(());
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !root {
        bail!("Java is missing (Spark needs it). Install it with: sudo apt-get install -y default-jre-headless");
    }
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get").args(["install", "-y", "-q", "default-jre-headless"]).env("DEBIAN_FRONTEND", "noninteractive"))
}

/// `spark-submit` from PySpark in `target/peers/spark`, with the environment it needs (its
/// Python, and the Spark home inside the package).
fn spark_submit(target: &Path) -> Result<Command> {
    let venv = std::path::absolute(target.join("peers/spark"))?;
    let python = venv.join("bin/python");
    let home = |python: &Path| {
        Command::new(python)
            .args(["-c", "import os, pyspark; print(os.path.dirname(pyspark.__file__))"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
    };
    if home(&python).is_none() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).context("making a Python virtual environment (python3-venv)")?;
        run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "pyspark>=3.5"]))?;
    }
    let spark_home = home(&python).context("PySpark did not install")?;
    let path = std::env::join_paths(
        std::iter::once(venv.join("bin")).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )?;
    let mut submit = Command::new(spark_home.join("bin/spark-submit"));
    submit.env("SPARK_HOME", &spark_home).env("PYSPARK_PYTHON", &python).env("PYSPARK_DRIVER_PYTHON", &python).env("PATH", path);
    Ok(submit)
}

/// Archives of the development set's HTML pages, each page's capture preceded by its
/// request and followed by an image, a robots.txt and a 404, as a crawler leaves them.
/// Every other archive is gzipped member by member (`.warc.gz`).
fn make_archives(pages_dir: &Path, out: &Path) -> Result<(Vec<PathBuf>, usize)> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(pages_dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    pages.sort();
    let mut paths = Vec::new();
    for (n, chunk) in pages.chunks(pages.len().div_ceil(ARCHIVES)).enumerate() {
        let gz = n % 2 == 1;
        let path = out.join(format!("crawl-{n}.warc{}", if gz { ".gz" } else { "" }));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for (i, page) in chunk.iter().enumerate() {
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(page)?).read_to_end(&mut html)?;
            let url = format!("https://archive.example/{n}/{i}");
            let date = format!("2019-11-{:02}T10:00:00Z", 1 + i % 28);
            let records = write::capture(&url, &date, &html);
            for r in records {
                file.write_all(&if gz { write::gzip_member(&r) } else { r })?;
            }
        }
        file.flush()?;
        paths.push(path);
    }
    Ok((paths, pages.len()))
}

fn read_corpus(path: &Path) -> Result<Corpus> {
    serde_json::from_slice(&std::fs::read(path).with_context(|| format!("reading {}", path.display()))?)
        .with_context(|| format!("parsing {}", path.display()))
}

/// The Spark example in local mode on two cores: the archives listed in `list` into JSON
/// Lines shards in `shards`.
pub fn run_job(target: &Path, list: &Path, shards: &Path, dossier: &Path) -> Result<()> {
    run(spark_submit(target)?
        .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false", "examples/spark/dossier_spark.py"])
        .arg(list)
        .arg("--out")
        .arg(shards)
        .arg("--dossier")
        .arg(dossier))
}

/// Run the Spark example in local mode and check it against one process.
pub fn spark(target: &Path) -> Result<()> {
    ensure_java()?;
    run(cargo().args(["build", "--release", "-p", "dossier-cli"]))?;
    let dossier = std::fs::canonicalize(target.join("release/dossier"))?;
    let work = target.join("spark-test");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let work = std::fs::canonicalize(&work)?;
    let (archives, pages) = make_archives(Path::new("tests/eval/dev/html"), &work)?;
    let list = work.join("archives.txt");
    std::fs::write(&list, archives.iter().map(|p| format!("{}\n", p.display())).collect::<String>())?;

    let started = Instant::now();
    run(Command::new(&dossier).arg("process").args(&archives).arg("--out").arg(work.join("one.json")).arg("--quiet"))?;
    let one_process = started.elapsed();

    let started = Instant::now();
    run_job(target, &list, &work.join("shards"), &dossier)?;
    let on_spark = started.elapsed();
    run(Command::new(&dossier).arg("merge").arg(work.join("shards")).arg("--out").arg(work.join("merged.json")))?;

    let (one, merged) = (read_corpus(&work.join("one.json"))?, read_corpus(&work.join("merged.json"))?);
    ensure!(one.articles.len() == pages, "one process made {} articles of {pages} archived pages", one.articles.len());
    let key = |c: &Corpus| {
        let mut v: Vec<(String, String, Vec<String>)> =
            c.articles.iter().map(|a| (a.file.clone(), a.title.to_string(), a.body.clone())).collect();
        v.sort();
        v
    };
    ensure!(key(&one) == key(&merged), "the Spark run's merged shards differ from one process's corpus");
    ensure!(one.actors.len() == merged.actors.len(), "actor tables differ: {} and {}", one.actors.len(), merged.actors.len());
    // The explorer straight from the shards.
    let explorer = work.join("explorer.html");
    crate::bundle::build(&work.join("shards"), &explorer)?;
    ensure!(explorer.is_file(), "no explorer was written from the shards");
    println!(
        "spark: {pages} pages in {ARCHIVES} archives (with requests, images, robots.txt and 404s): Spark local[2] {:.1} s, one process {:.2} s; same articles, bodies and actors; explorer built from the shards",
        on_spark.as_secs_f64(),
        one_process.as_secs_f64()
    );
    Ok(())
}
