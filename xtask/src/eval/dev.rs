//! The development set (`tests/eval/dev/`, rules in its README): 40 pages from 34 news
//! sites the pipeline was not written for, each as a text dump and as HTML. The same rules
//! score the hidden pages, so these figures are the ones that say how processing holds on
//! anyone's articles. This module follows the set's Python scorers (`score.py`,
//! `score_meta.py`, `score_actors.py`) line for line in what it counts.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use dossier_corpus::process::{self, Input};
use dossier_corpus::{Article, Corpus};
use serde_json::Value;

use super::score::{body_scores, f1, norm, token_overlap};

/// Figures per input kind. `None`: not scored for that kind.
pub struct Floors {
    pub body: f64,
    pub title: Option<f64>,
    pub date: f64,
    pub authors: f64,
    pub outlet: f64,
    pub persons: Option<(f64, f64)>,
    pub quotes: Option<f64>,
    pub speaker: Option<f64>,
}

/// The hidden-set floors of the processing issue. The development set should clear them with
/// a margin; the eval shows where it does not ("BELOW"), as a target.
pub const DUMP_FLOORS: Floors = Floors {
    body: 0.93,
    title: Some(0.90),
    date: 0.80,
    authors: 0.80,
    outlet: 0.75,
    persons: Some((0.85, 0.85)),
    quotes: Some(0.90),
    speaker: Some(0.85),
};
pub const HTML_FLOORS: Floors =
    Floors { body: 0.96, title: None, date: 0.90, authors: 0.85, outlet: 0.85, persons: None, quotes: None, speaker: None };

/// What the development set scores today, less 0.02: a change that loses more than that on
/// any figure fails `cargo xtask eval` (and CI). Raise these as the figures rise.
pub const DUMP_GUARD: Floors = Floors {
    body: 0.95,
    title: Some(0.98),
    date: 0.95,
    authors: 0.98,
    outlet: 0.90,
    persons: Some((0.88, 0.93)),
    quotes: Some(0.97),
    speaker: Some(0.88),
};
pub const HTML_GUARD: Floors = Floors {
    body: 0.96,
    title: Some(0.98),
    date: 0.98,
    authors: 0.98,
    outlet: 0.92,
    persons: Some((0.89, 0.92)),
    quotes: Some(0.97),
    speaker: Some(0.88),
};

/// One kind of input (dumps or HTML) scored over the whole set.
#[derive(Default)]
pub struct Figures {
    pub pages: usize,
    pub body_p: Vec<f64>,
    pub body_r: Vec<f64>,
    /// field → (right, scored)
    pub fields: BTreeMap<&'static str, (usize, usize)>,
    pub persons_right: usize,
    pub persons_out: usize,
    pub persons_found: usize,
    pub persons_key: usize,
    pub quotes_key: usize,
    pub quotes_found: usize,
    pub speakers_right: usize,
}

impl Figures {
    pub fn body_f1(&self) -> f64 {
        let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
        f1(mean(&self.body_p), mean(&self.body_r))
    }

    pub fn field(&self, name: &str) -> f64 {
        self.fields.get(name).map_or(1.0, |(r, n)| ratio(*r, *n))
    }

    pub fn persons(&self) -> (f64, f64) {
        (ratio(self.persons_right, self.persons_out), ratio(self.persons_found, self.persons_key))
    }

    pub fn quotes(&self) -> (f64, f64) {
        (ratio(self.quotes_found, self.quotes_key), ratio(self.speakers_right, self.quotes_found))
    }

    fn count(&mut self, field: &'static str, right: bool) {
        let e = self.fields.entry(field).or_default();
        e.0 += usize::from(right);
        e.1 += 1;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The set's pages of one kind, read as `process` inputs named `<id>.txt` / `<id>.html`.
pub(super) fn inputs(dev: &Path, html: bool) -> Result<Vec<Input>> {
    let dir = dev.join(if html { "html" } else { "raw" });
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let raw = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let (file, bytes) = match name.strip_suffix(".gz") {
                Some(stem) => {
                    let mut out = Vec::new();
                    flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).with_context(|| format!("gunzip {}", path.display()))?;
                    (stem.to_owned(), out)
                }
                None => (name, raw),
            };
            Ok(Input::new(file, bytes))
        })
        .collect()
}

pub(super) fn stem(file: &str) -> &str {
    file.split('.').next().unwrap_or(file)
}

pub(super) fn read_json(path: &Path) -> Result<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?)
        .with_context(|| format!("parsing {}", path.display()))
}

/// What one page got wrong, for the per-page list.
#[derive(Default)]
pub(super) struct Misses(pub(super) Vec<String>);

impl Misses {
    fn field(&mut self, name: &str, got: &str, want: &str) {
        self.0.push(format!("{name}: {got:?}, key {want:?}"));
    }
}

/// Title, date, authors, outlet against `meta/<id>.json` (as `score_meta.py`).
fn score_meta(a: Option<&Article>, key: &Value, fig: &mut Figures, miss: &mut Misses) {
    let m = |s: &str| norm(s, true);
    if let Some(title) = key["title"].as_str() {
        let got = a.map(|a| a.title.as_str()).unwrap_or_default();
        let right = a.is_some() && m(got) == m(title);
        fig.count("title", right);
        if !right {
            miss.field("title", got, title);
        }
    }
    if key["date"].is_object() {
        let (kv, kp) = (key["date"]["value"].as_str().unwrap_or_default(), key["date"]["precision"].as_str().unwrap_or_default());
        let got = a.and_then(|a| a.date.as_ref()).map(|d| (d.value.clone(), format!("{:?}", d.precision).to_lowercase()));
        let right = got.as_ref().is_some_and(|(v, p)| v == kv && p == kp);
        fig.count("date", right);
        if !right {
            let shown = got.map(|(v, p)| format!("{v} ({p})")).unwrap_or_else(|| "none".into());
            miss.field("date", &shown, &format!("{kv} ({kp})"));
        }
    }
    let mut want: Vec<String> = key["authors"].as_array().into_iter().flatten().filter_map(Value::as_str).map(m).collect();
    let mut got: Vec<String> = a.map(|a| a.authors.iter().map(|s| m(s)).filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    want.sort();
    got.sort();
    fig.count("authors", got == want);
    if got != want {
        miss.field("authors", &got.join("; "), &want.join("; "));
    }
    if key["outlet"]["evidence"].as_str().is_some_and(|e| !e.is_empty()) {
        let want = key["outlet"]["name"].as_str().unwrap_or_default();
        let got = a.and_then(Article::outlet_name).unwrap_or("none");
        let right = a.and_then(Article::outlet_name).is_some_and(|o| m(o) == m(want));
        fig.count("outlet", right);
        if !right {
            miss.field("outlet", got, want);
        }
    }
}

/// Persons and quotes against `actors/<id>.json` (as `score_actors.py`).
pub(super) fn score_actors(a: Option<&Article>, corpus: &Corpus, key: &Value, fig: &mut Figures, miss: &mut Misses) {
    let n = |s: &str| norm(s, false);
    let persons: Vec<(String, Vec<String>)> = key["persons"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let name = p["name"].as_str().unwrap_or_default().to_owned();
            let forms = std::iter::once(name.as_str())
                .chain(p["forms"].as_array().into_iter().flatten().filter_map(Value::as_str))
                .map(n)
                .collect();
            (name, forms)
        })
        .collect();
    let names: Vec<String> =
        a.map(|a| a.actors.iter().filter(|x| x.kind.as_str() == "person").map(|x| n(&x.name)).collect()).unwrap_or_default();
    fig.persons_out += names.len();
    fig.persons_key += persons.len();
    let spurious: Vec<&String> = names.iter().filter(|x| !persons.iter().any(|(_, f)| f.contains(x))).collect();
    fig.persons_right += names.len() - spurious.len();
    let missed: Vec<&str> = persons.iter().filter(|(_, f)| !f.iter().any(|x| names.contains(x))).map(|(k, _)| k.as_str()).collect();
    fig.persons_found += persons.len() - missed.len();
    if !spurious.is_empty() {
        miss.0.push(format!("persons not in the key: {spurious:?}"));
    }
    if !missed.is_empty() {
        miss.0.push(format!("persons missed: {missed:?}"));
    }
    for q in key["quotes"].as_array().into_iter().flatten() {
        fig.quotes_key += 1;
        let text = q["text"].as_str().unwrap_or_default();
        let want = q["speaker"].as_str();
        let forms = want.and_then(|w| persons.iter().find(|(k, _)| k == w)).map(|(_, f)| f.as_slice()).unwrap_or(&[]);
        let mut best: Option<(f64, bool, Option<String>)> = None;
        for pq in a.map(|a| a.quotes.as_slice()).unwrap_or_default() {
            let ov = token_overlap(&pq.text, text);
            if ov < 0.8 {
                continue;
            }
            let speaker = pq.speaker.and_then(|id| corpus.actors.get(id as usize)).map(|x| x.name.to_string());
            let right = match (&speaker, want) {
                (None, None) => true,
                (Some(s), Some(_)) => forms.contains(&n(s)),
                _ => false,
            };
            if best.as_ref().is_none_or(|(bo, br, _)| (ov, right) > (*bo, *br)) {
                best = Some((ov, right, speaker));
            }
        }
        let short: String = text.chars().take(50).collect();
        match best {
            Some((_, right, speaker)) => {
                fig.quotes_found += 1;
                fig.speakers_right += usize::from(right);
                if !right {
                    miss.0.push(format!("speaker of {short:?}: {speaker:?}, key {want:?}"));
                }
            }
            None => miss.0.push(format!("quote missed: {short:?}")),
        }
    }
}

/// Process and score one kind of input; prints a line per page with what it got wrong.
pub fn score_kind(dev: &Path, html: bool, verbose: bool) -> Result<Figures> {
    let inputs = inputs(dev, html)?;
    let report = process::process(&inputs, None, |_| {});
    let corpus = report.corpus;
    let mut fig = Figures::default();
    let kind = if html { "HTML" } else { "dumps" };
    println!("dev set, {kind}: {} pages, {} problems", inputs.len(), report.problems.len());
    for p in &report.problems {
        println!("  problem: {p}");
    }
    let by_stem: HashMap<&str, &Article> = corpus.articles.iter().map(|a| (stem(&a.file), a)).collect();
    for input in &inputs {
        let id = stem(&input.file);
        let a = by_stem.get(id).copied();
        let gold = read_json(&dev.join("gold").join(format!("{id}.json")))?;
        let key_body = gold["body"].as_str().unwrap_or_default();
        let out_body = a.map(|a| a.body.join("\n\n")).unwrap_or_default();
        let (p, r) = body_scores(&out_body, key_body);
        fig.pages += 1;
        if !out_body.trim().is_empty() {
            fig.body_p.push(p);
        }
        fig.body_r.push(r);
        let mut miss = Misses::default();
        score_meta(a, &read_json(&dev.join("meta").join(format!("{id}.json")))?, &mut fig, &mut miss);
        score_actors(a, &corpus, &read_json(&dev.join("actors").join(format!("{id}.json")))?, &mut fig, &mut miss);
        let short = &id[..id.len().min(12)];
        if verbose || f1(p, r) < 0.9 || !miss.0.is_empty() {
            println!("  {short} body P {p:.3} R {r:.3}{}", if miss.0.is_empty() { "" } else { ":" });
            for m in &miss.0 {
                println!("      {m}");
            }
        }
    }
    Ok(fig)
}

/// Print one kind's figures against the hidden-set floors (a target) and the guard (which
/// must hold); false when a figure is under its guard.
pub fn report(kind: &str, fig: &Figures, floors: &Floors, guard: &Floors) -> bool {
    let mut ok = true;
    let mut line = |name: &str, value: f64, floor: Option<f64>, guard: Option<f64>| {
        let mut text = format!("{name} {value:.3}");
        if let Some(f) = floor {
            text += &if value < f { format!(" BELOW the floor {f:.2}") } else { format!(" (floor {f:.2})") };
        }
        if let Some(g) = guard.filter(|g| value < *g) {
            ok = false;
            text += &format!(" FELL under its guard {g:.2}");
        }
        text
    };
    let (pp, pr) = fig.persons();
    let (qf, qs) = fig.quotes();
    let parts = [
        line("body F1", fig.body_f1(), Some(floors.body), Some(guard.body)),
        line("title", fig.field("title"), floors.title, guard.title),
        line("date", fig.field("date"), Some(floors.date), Some(guard.date)),
        line("authors", fig.field("authors"), Some(floors.authors), Some(guard.authors)),
        line("outlet", fig.field("outlet"), Some(floors.outlet), Some(guard.outlet)),
        line("persons P", pp, floors.persons.map(|p| p.0), guard.persons.map(|p| p.0)),
        line("R", pr, floors.persons.map(|p| p.1), guard.persons.map(|p| p.1)),
        line("quotes found", qf, floors.quotes, guard.quotes),
        line("speaker right", qs, floors.speaker, guard.speaker),
    ];
    println!("dev set, {kind}: {}", parts.join(", "));
    ok
}
