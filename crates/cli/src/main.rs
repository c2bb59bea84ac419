//! `dossier`: turn a folder of raw page dumps into a clean corpus.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dossier_corpus::process;

#[derive(Parser)]
#[command(name = "dossier", version, about = "Dossier: process news page dumps into a clean, explorable corpus")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process a folder of raw page dumps (.txt) and HTML pages (.html) into corpus JSON.
    ///
    /// Every file is processed on its own: a file that cannot be read, is not text, or holds
    /// no detectable article is reported on stderr and left out, and the rest still are.
    /// The exit status is 0 when every file was processed, 2 when some were left out.
    Process {
        /// Folder holding the raw files (.txt page dumps, .html pages).
        raw_dir: PathBuf,
        /// Manifest of facts the text does not state (outlet, origin, date, title,
        /// authors); its values override the text. Default: RAW_DIR/manifest.toml if present.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Where to write the corpus JSON. Written atomically: a temporary file, then a rename.
        #[arg(long, short)]
        out: PathBuf,
        /// Do not show a progress bar.
        #[arg(long)]
        quiet: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Process { raw_dir, manifest, out, quiet } => match run_process(&raw_dir, manifest.as_deref(), &out, quiet) {
            Ok(0) => 0,
            Ok(_) => 2,
            Err(e) => {
                eprintln!("error: {e:#}");
                1
            }
        },
    };
    std::process::exit(code);
}

/// Returns the number of problems reported.
fn run_process(raw_dir: &Path, manifest: Option<&Path>, out: &Path, quiet: bool) -> Result<usize> {
    let started = Instant::now();
    let bar = indicatif::ProgressBar::hidden();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} processing {pos}/{len} files [{bar:30}] {eta}").expect("valid template"),
    );
    let report = process::process_dir(
        raw_dir,
        manifest,
        |n| bar.set_length(n as u64),
        |done| {
            // Only show the bar once the work has taken over a second.
            if !quiet && bar.is_hidden() && started.elapsed() > Duration::from_secs(1) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_position(done as u64);
        },
    )
    .map_err(anyhow::Error::msg)?;
    bar.finish_and_clear();
    let problems = &report.problems;
    for p in problems {
        eprintln!("warning: {p}");
    }
    // Streamed into the temporary file: the JSON of a large corpus is never held in memory.
    write_atomically(out, |w| serde_json::to_writer_pretty(w, &report.corpus).map_err(std::io::Error::other))
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "wrote {} articles to {} ({} problems, {:.1?})",
        report.corpus.articles.len(),
        out.display(),
        problems.len(),
        started.elapsed()
    );
    Ok(problems.len())
}

/// Write to a temporary file beside `path`, then rename it into place: whatever happens
/// (an error, a kill), `path` holds either its old content or the complete new one.
fn write_atomically(path: &Path, write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let prefix = format!(".{}.tmp-", path.file_name().unwrap_or_default().to_string_lossy());
    remove_stale_temporaries(dir, &prefix);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Remove the temporary files of earlier runs that were killed before their rename (their
/// process is gone). Only where /proc tells which processes are alive (Linux).
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(prefix).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
