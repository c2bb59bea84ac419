//! `cargo xtask`: Dossier's build automation, in Rust.
//!
//! - `build`: process a corpus folder and bundle the explorer into one HTML file.
//! - `open`: build if stale, then open the explorer in the default browser.
//! - `test`: formatting, lints, unit tests, the explorer build and the browser tests.

mod bench;
mod bench_archive;
mod bench_peers;
mod bundle;
mod eval;
mod peers;
mod spark;
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Dossier's build automation")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Process a corpus folder and write the one-file explorer.
    Build(BuildArgs),
    /// Build the explorer if it is stale, then open it in the default browser.
    Open(BuildArgs),
    /// Run everything CI runs: fmt, clippy, unit tests, the build and the browser tests.
    /// Installs missing browsers and drivers where it can (as root).
    Test {
        /// Do not try to install missing browsers or drivers.
        #[arg(long)]
        no_install: bool,
    },
    /// Score the pipeline against the answer keys (the seeds and the development set, dumps
    /// and HTML); prints what each page got wrong and exits non-zero below the floors.
    Eval {
        /// Folder of the seeds' answer keys (NNN.json).
        #[arg(long, default_value = "tests/eval/seeds")]
        gold: PathBuf,
        /// Folder of the raw files the seed keys describe (with its manifest.toml).
        #[arg(long, default_value = "corpus")]
        raw: PathBuf,
        /// The development set: raw/, html/, gold/, meta/ and actors/ (see its README).
        #[arg(long, default_value = "tests/eval/dev")]
        dev: PathBuf,
        /// List every page, not only those with something wrong.
        #[arg(long)]
        verbose: bool,
    },
    /// Print benchmark figures: processing throughput (MB/s on one core); the search engine's
    /// index build and query times on 10k and 100k synthetic articles, natively and in wasm;
    /// the explorer's time to ready and click-to-update in Chromium, and its size.
    Bench {
        /// Run only some parts: native, archive, wasm (needs the native run's corpora), browser,
        /// peers (ItemsJS and MiniSearch on the same corpora, in Node.js and Chromium), import
        /// (only the import of 100 pages into an empty explorer, which browser runs too), pages
        /// (only build the 10k and 100k explorer pages, to time them with `--bench explorer`).
        #[arg(long, value_delimiter = ',', default_values = ["native", "archive", "wasm", "browser", "peers"])]
        only: Vec<bench::Part>,
    },
    /// Write a synthetic corpus of raw page dumps (Zipf-distributed outlets and people, dates
    /// over ten years, some undated) for scale tests: `cargo xtask build --corpus DIR`.
    Synth {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Distinct outlets (at most 450).
        #[arg(long, default_value_t = 12)]
        outlets: usize,
        /// Distinct people (at most 20,520).
        #[arg(long, default_value_t = 300)]
        people: usize,
        /// People named per article, as MIN-MAX (or one number).
        #[arg(long, default_value = "3", value_parser = per_article)]
        per_article: (usize, usize),
    },
    /// Run the Spark example (examples/spark) in local mode on web archives of the development
    /// set's pages and check its merged shards against one `dossier process` of the same files.
    Spark,
    /// Build the explorer on the bundled corpus and save README screenshots (headless Chromium).
    Screenshot,
}

#[derive(clap::Args, Clone)]
pub struct BuildArgs {
    /// Folder of pages (.txt, .html, .warc, .warc.gz) with an optional manifest.toml; or
    /// processed shards to merge (a corpus .json or .jsonl file, or a folder of them); or a
    /// bundle (.dsr, as the engine bench writes its synthetic corpora).
    #[arg(long, default_value = "corpus")]
    corpus: PathBuf,
    /// Where to write the explorer.
    #[arg(long, default_value = "dist/explorer.html")]
    out: PathBuf,
    /// Only these host origins (comma-separated, e.g. https://example.org) may drive the
    /// explorer and hear from it when it is framed or mounted; the default is any host.
    #[arg(long, value_delimiter = ',')]
    allow_origins: Vec<String>,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    std::env::set_current_dir(workspace_root()).context("entering the workspace root")?;
    match cli.command {
        Cmd::Build(args) => bundle::build_allowing(&args.corpus, &args.out, &args.allow_origins).map(|_| ()),
        Cmd::Open(args) => {
            bundle::build_allowing(&args.corpus, &args.out, &args.allow_origins)?;
            let path = std::fs::canonicalize(&args.out)?;
            println!("opening {}", path.display());
            if let Err(e) = open::that_detached(&path) {
                // No desktop to open it in (a server, a container): the file is still built.
                println!("could not start a browser ({e}); open this file in one: file://{}", path.display());
            }
            Ok(())
        }
        Cmd::Test { no_install } => test(!no_install),
        Cmd::Eval { gold, raw, dev, verbose } => eval::eval(&gold, &raw, &dev, verbose),
        Cmd::Bench { only } => bench::bench(&only),
        Cmd::Synth { articles, out, seed, outlets, people, per_article } => {
            synth(articles, &out, seed, dossier_corpus::synth::Shape { outlets, people, people_per_article: per_article })
        }
        Cmd::Spark => spark::spark(&tools::target_dir()?),
        Cmd::Screenshot => {
            let out = Path::new("dist/explorer.html");
            bundle::build(Path::new("corpus"), out)?;
            tools::screenshot(out, "", Path::new("docs/screenshot.png"), (1280, 860))?;
            // Each view, at desktop and phone width; the address picks the view.
            let views = [
                // A search within two actors' articles, one outlet left out.
                ("filtered", "#q=ukraine%20&actor=Xi%20Jinping,Vladimir%20Putin&actors=and&outlet=!RT&sort=newest"),
                ("reader", "#q=china%20&article=1"),
                ("actor", "#profile=Xi%20Jinping"),
                ("quotes", "#view=quotes"),
                ("network", "?theme=dark#view=network"),
            ];
            for (name, at) in views {
                tools::screenshot(out, at, &PathBuf::from(format!("docs/desktop-{name}.png")), (1280, 860))?;
                tools::screenshot(out, at, &PathBuf::from(format!("docs/phone-{name}.png")), (390, 844))?;
            }
            tools::screenshot(out, "", Path::new("docs/phone-results.png"), (390, 844))
        }
    }
}

/// `3` or `3-12`.
fn per_article(s: &str) -> Result<(usize, usize), String> {
    let (lo, hi) = s.split_once('-').unwrap_or((s, s));
    let parse = |v: &str| v.trim().parse::<usize>().map_err(|e| format!("{v:?}: {e}"));
    let (lo, hi) = (parse(lo)?, parse(hi)?);
    if lo == 0 || lo > hi {
        return Err(format!("{s:?}: want MIN-MAX with 1 <= MIN <= MAX"));
    }
    Ok((lo, hi))
}

fn synth(articles: usize, out: &Path, seed: u64, shape: dossier_corpus::synth::Shape) -> Result<()> {
    use dossier_corpus::synth;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let generator = synth::Generator::new(shape);
    let mut rng = synth::Rng::new(seed);
    let mut bytes = 0;
    for i in 0..articles {
        let (file, text) = generator.article(i, &mut rng);
        bytes += text.len();
        std::fs::write(out.join(file), text)?;
    }
    println!("wrote {articles} page dumps ({:.1} MB) to {}", bytes as f64 / 1e6, out.display());
    Ok(())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Run a command, failing with its name when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    println!("$ {}", shown.replace('"', ""));
    let status = cmd.status().with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn test(install: bool) -> Result<()> {
    tools::ensure_wasm_target()?;
    tools::ensure_browsers(install)?;
    tools::ensure_axe(install)?;
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(cargo().args(["clippy", "-p", "dossier", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]))?;
    bundle::build(Path::new("corpus"), Path::new("dist/explorer.html"))?;
    bundle::check_determinism(Path::new("corpus"))?;
    run(cargo().args(["test", "--workspace"]))?;
    // The large input faults (50,000 files, a 24 MB page) at full size, with their peak memory.
    run(cargo().args(["test", "--release", "-p", "dossier-cli", "--test", "input_faults", "--", "--nocapture"]))?;
    spark::spark(&tools::target_dir()?)?;
    eval::eval(Path::new("tests/eval/seeds"), Path::new("corpus"), Path::new("tests/eval/dev"), false)
}
