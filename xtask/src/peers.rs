//! Peers measured in the same run as Dossier, on the same pages.
//!
//! Processing: trafilatura (Python, from PyPI into a virtual environment under the target
//! folder) extracts the development set's pages, as HTML and as text dumps (each line a
//! paragraph), on one core; the benchmark prints its MB/s beside Dossier's and the ratio.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// A Python with trafilatura, made once under `target/peers/venv`.
fn trafilatura_python(target: &Path) -> Result<PathBuf> {
    let venv = target.join("peers/venv");
    let python = venv.join("bin/python");
    let ready = |p: &Path| Command::new(p).args(["-c", "import trafilatura"]).output().is_ok_and(|o| o.status.success());
    if ready(&python) {
        return Ok(python);
    }
    crate::run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).context("making a Python virtual environment (python3-venv)")?;
    // lxml moved its HTML cleaner out; trafilatura's jusText fallback imports it.
    crate::run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "trafilatura>=2", "lxml_html_clean"]))?;
    if !ready(&python) {
        bail!("trafilatura did not install into {}", venv.display());
    }
    Ok(python)
}

/// Times `trafilatura.extract` over every page (CPU time of the thread, as Dossier's bench),
/// best of 3, one process; prints two lines
/// `<kind> <MB/s>`. Dumps are given as HTML with one paragraph per line.
const SCRIPT: &str = r#"
import gzip, html, os, sys, time, trafilatura
dev = sys.argv[1]
def pages(kind):
    d = os.path.join(dev, kind)
    for f in sorted(os.listdir(d)):
        raw = open(os.path.join(d, f), 'rb').read()
        if f.endswith('.gz'):
            raw = gzip.decompress(raw)
        yield raw
def timed(docs):
    t = time.thread_time()
    for d in docs:
        trafilatura.extract(d)
    return time.thread_time() - t
for kind in ('raw', 'html'):
    docs = list(pages(kind))
    size = sum(len(d) for d in docs)
    if kind == 'raw':
        docs = ['<html><body>' + ''.join('<p>%s</p>' % html.escape(l) for l in d.decode('utf-8', 'replace').splitlines()) + '</body></html>' for d in docs]
    else:
        docs = [d.decode('utf-8', 'replace') for d in docs]
    best = min(timed(docs) for _ in range(3))
    print(kind, size / 1e6 / best)
"#;

/// trafilatura's MB/s on the development set: (dumps, HTML).
pub fn trafilatura(target: &Path, dev: &Path) -> Result<(f64, f64)> {
    let python = trafilatura_python(target)?;
    let out = Command::new(&python).args(["-c", SCRIPT]).arg(dev).output().context("running trafilatura")?;
    if !out.status.success() {
        bail!("trafilatura failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let rate = |kind: &str| {
        text.lines().find_map(|l| l.strip_prefix(kind)?.trim().parse::<f64>().ok()).with_context(|| format!("no {kind} figure in {text:?}"))
    };
    Ok((rate("raw ")?, rate("html ")?))
}

/// The `= N MB/s` figure of the throughput benchmark's line that starts with `label`.
pub fn rate_in(bench_output: &str, label: &str) -> Option<f64> {
    bench_output
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .and_then(|l| l.rsplit('=').next())
        .and_then(|r| r.trim().strip_suffix("MB/s"))
        .and_then(|n| n.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_benchmark_line() {
        let out = "dev dumps: 30.0 MB\n  dev dumps, with actors and quotes:    1.20 s = 25.0 MB/s\n";
        assert_eq!(rate_in(out, "dev dumps, with actors"), Some(25.0));
        assert_eq!(rate_in(out, "dev HTML"), None);
    }
}
