//! The seeds' answer key (`tests/eval/seeds/`, rules in its README): every body, field,
//! actor and quote of the five seed dumps, with floors that must hold.

use std::collections::HashMap;
use std::path::Path;

use super::score::{self, body_scores, collapse, f1, tokens};
use anyhow::{Context, Result, bail};
use dossier_corpus::process;
use dossier_corpus::{Article, Corpus};
use serde_json::Value;

/// Floors from the processing issue.
const MIN_F1: f64 = 0.98;
const MIN_MEAN_F1: f64 = 0.99;

fn norm(s: &str) -> String {
    score::norm(s, false)
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => norm(a) == norm(b),
        _ => false,
    }
}

/// Actor and quote counts of one article, summed over the corpus (micro average).
#[derive(Default)]
struct ActorScore {
    /// per type: (matched output, output, matched key, key)
    by_type: HashMap<String, [usize; 4]>,
    key_actors: usize,
    key_mapped_once: usize,
    merge_errors: usize,
    quotes_key: usize,
    quotes_found: usize,
    speaker_correct: usize,
}

fn actor_names(key_actor: &Value) -> Vec<String> {
    std::iter::once(&key_actor["name"])
        .chain(key_actor["forms"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .map(|s| s.to_lowercase())
        .collect()
}

/// Score actors and quotes as `tests/eval/seeds/README.md` defines.
fn score_actors(a: &Article, key: &Value, acc: &mut ActorScore) {
    let key_actors: Vec<&Value> = key["actors"].as_array().into_iter().flatten().collect();
    let matches = |out_name: &str, out_type: &str, k: &Value| k["type"] == out_type && actor_names(k).contains(&out_name.to_lowercase());
    let mut key_hits = vec![0usize; key_actors.len()];
    for ty in ["person", "country", "organization", "place"] {
        let e = acc.by_type.entry(ty.to_owned()).or_default();
        let outs: Vec<_> = a.actors.iter().filter(|x| x.kind.as_str() == ty).collect();
        e[1] += outs.len();
        for o in &outs {
            let hits: Vec<usize> = (0..key_actors.len()).filter(|&i| matches(&o.name, ty, key_actors[i])).collect();
            if !hits.is_empty() {
                e[0] += 1;
            }
            if hits.len() > 1 {
                acc.merge_errors += 1;
            }
            for i in hits {
                key_hits[i] += 1;
            }
        }
        let keys: Vec<usize> = (0..key_actors.len()).filter(|&i| key_actors[i]["type"] == ty).collect();
        e[3] += keys.len();
        e[2] += keys.iter().filter(|&&i| key_hits[i] > 0).count();
    }
    acc.key_actors += key_actors.len();
    acc.key_mapped_once += key_hits.iter().filter(|&&n| n == 1).count();
    acc.merge_errors += key_hits.iter().filter(|&&n| n > 1).count();
    for q in key["quotes"].as_array().into_iter().flatten() {
        acc.quotes_key += 1;
        let key_tokens = tokens(q["text"].as_str().unwrap_or_default());
        let found = a.quotes.iter().find(|o| {
            let mut out: HashMap<&str, usize> = HashMap::new();
            for t in tokens(&o.text) {
                *out.entry(t).or_default() += 1;
            }
            let shared = key_tokens
                .iter()
                .filter(|t| {
                    out.get(*t).is_some_and(|n| *n > 0) && {
                        *out.get_mut(*t).unwrap() -= 1;
                        true
                    }
                })
                .count();
            !key_tokens.is_empty() && shared * 5 >= key_tokens.len() * 4
        });
        if let Some(o) = found {
            acc.quotes_found += 1;
            let correct = match (q["speaker"].as_str(), o.speaker_name.as_deref()) {
                (None, None) => true,
                (Some(ks), Some(os)) => {
                    let ka = key_actors.iter().find(|k| k["name"] == ks);
                    ka.map_or(ks.eq_ignore_ascii_case(os), |k| actor_names(k).contains(&os.to_lowercase()))
                }
                _ => false,
            };
            acc.speaker_correct += usize::from(correct);
        }
    }
}

struct Row {
    file: String,
    p: f64,
    r: f64,
    leaks: Vec<String>,
    fields: Vec<(&'static str, bool, String)>,
}

fn score(article: Option<&Article>, key: &Value) -> Row {
    let file = key["file"].as_str().unwrap_or_default().to_owned();
    let key_body: Vec<&str> = key["body"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let Some(a) = article else {
        return Row { file, p: 0.0, r: 0.0, leaks: vec!["(article missing from the output)".into()], fields: vec![] };
    };
    let out_body = a.body.join("\n");
    let (p, r) = body_scores(&out_body, &key_body.join("\n"));
    let flat = collapse(&out_body);
    let leaks = key["boilerplate"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|b| flat.contains(&collapse(b)))
        .map(str::to_owned)
        .collect();
    let key_date = (key["date"]["value"].as_str(), key["date"]["precision"].as_str());
    let out_date = a
        .date
        .as_ref()
        .map(|d| (d.value.clone(), serde_json::to_value(d.precision).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()));
    let date_ok = match (&out_date, key_date) {
        (Some((v, pr)), (Some(kv), Some(kp))) => v == kv && pr == kp,
        (None, (None, _)) => true,
        _ => false,
    };
    let mut key_authors: Vec<String> = key["authors"].as_array().into_iter().flatten().filter_map(Value::as_str).map(norm).collect();
    let mut out_authors: Vec<String> = a.authors.iter().map(|s| norm(s)).collect();
    key_authors.sort();
    key_authors.dedup();
    out_authors.sort();
    out_authors.dedup();
    let show = |o: Option<&str>| o.unwrap_or("none").to_owned();
    let fields = vec![
        ("title", same(Some(&a.title), key["title"].as_str()), a.title.to_string()),
        ("outlet", same(a.outlet_name(), key["outlet"]["name"].as_str()), show(a.outlet_name())),
        ("origin", same(a.origin_name(), key["origin"]["name"].as_str()), show(a.origin_name())),
        ("date", date_ok, out_date.map(|(v, p)| format!("{v} ({p})")).unwrap_or_else(|| "none".into())),
        ("authors", out_authors == key_authors, format!("{:?}", a.authors)),
    ];
    Row { file, p, r, leaks, fields }
}

/// Score the seeds; false when a floor is not met.
pub fn eval(gold: &Path, raw: &Path) -> Result<bool> {
    let mut keys: Vec<_> = std::fs::read_dir(gold)
        .with_context(|| format!("reading {}", gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    keys.sort();
    let manifest = raw.parent().map(|p| p.join("manifest.toml")).filter(|p| p.exists());
    let report = process::process_dir(raw, manifest.as_deref(), |_| {}, |_| {}).map_err(anyhow::Error::msg)?;
    for p in &report.problems {
        println!("warning: {p}");
    }
    let corpus: Corpus = report.corpus;
    let mut rows = Vec::new();
    let mut actors = ActorScore::default();
    for path in &keys {
        let key: Value = serde_json::from_str(&std::fs::read_to_string(path)?).with_context(|| format!("parsing {}", path.display()))?;
        let file = key["file"].as_str().unwrap_or_default();
        let article = corpus.articles.iter().find(|a| a.file == file);
        if let Some(a) = article {
            score_actors(a, &key, &mut actors);
        }
        rows.push(score(article, &key));
    }
    if rows.is_empty() {
        bail!("no answer keys in {}", gold.display());
    }
    println!("{:<28} {:>6} {:>6} {:>6} {:>5}  fields", "file", "P", "R", "F1", "leaks");
    let mut ok = true;
    let mut field_ok: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        let f = f1(row.p, row.r);
        ok &= f >= MIN_F1 && row.leaks.is_empty();
        let wrong: Vec<String> = row.fields.iter().filter(|(_, good, _)| !good).map(|(name, _, got)| format!("{name}={got:?}")).collect();
        for (name, good, _) in &row.fields {
            *field_ok.entry(name).or_default() += usize::from(*good);
        }
        ok &= wrong.is_empty() && row.fields.len() == 5;
        println!(
            "{:<28} {:>6.3} {:>6.3} {:>6.3} {:>5}  {}",
            row.file,
            row.p,
            row.r,
            f,
            row.leaks.len(),
            if wrong.is_empty() { "all correct".into() } else { format!("wrong: {}", wrong.join(", ")) }
        );
        for leak in &row.leaks {
            println!("    leaked: {leak:?}");
        }
    }
    let n = rows.len() as f64;
    let (mp, mr) = (rows.iter().map(|r| r.p).sum::<f64>() / n, rows.iter().map(|r| r.r).sum::<f64>() / n);
    let mean_f1 = rows.iter().map(|r| f1(r.p, r.r)).sum::<f64>() / n;
    println!("overall: P {mp:.3} R {mr:.3} F1 {:.3} (mean of per-article F1 {mean_f1:.3})", f1(mp, mr));
    let mut names: Vec<_> = field_ok.into_iter().collect();
    names.sort();
    println!("fields correct: {}", names.iter().map(|(k, v)| format!("{k} {v}/{}", rows.len())).collect::<Vec<_>>().join(", "));
    ok &= mean_f1 >= MIN_MEAN_F1;
    ok &= print_actor_scores(&actors);
    if !ok {
        println!(
            "seeds: BELOW the floors: every article body F1 >= {MIN_F1}, mean >= {MIN_MEAN_F1}, no leaks, all fields correct; persons >= 0.95, countries and organisations >= 0.90, alias merging >= 0.95, quotes found >= 0.90, speakers >= 0.85"
        );
    }
    Ok(ok)
}

/// Print actor and quote figures against their floors; false when one is below.
fn print_actor_scores(s: &ActorScore) -> bool {
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let mark = |v: f64, floor: f64| if v >= floor { "ok" } else { "BELOW" };
    let mut ok = true;
    println!("actors (micro over all articles):");
    for (ty, floor) in [("person", 0.95), ("country", 0.90), ("organization", 0.90), ("place", 0.0)] {
        let [mo, o, mk, k] = s.by_type.get(ty).copied().unwrap_or_default();
        let (p, r) = (ratio(mo, o), ratio(mk, k));
        ok &= p.min(r) >= floor;
        println!(
            "  {ty:<13} P {p:.3} ({mo}/{o})  R {r:.3} ({mk}/{k})  floor {floor:.2}: {}",
            if floor == 0.0 { "-" } else { mark(p.min(r), floor) }
        );
    }
    let merged = ratio(s.key_mapped_once, s.key_actors);
    println!(
        "  alias merging: {merged:.3} of key actors map to exactly one actor ({}/{}), {} merge errors  floor 0.95: {}",
        s.key_mapped_once,
        s.key_actors,
        s.merge_errors,
        mark(merged, 0.95)
    );
    let (found, speaker) = (ratio(s.quotes_found, s.quotes_key), ratio(s.speaker_correct, s.quotes_found));
    println!("  quotes found: {found:.3} ({}/{})  floor 0.90: {}", s.quotes_found, s.quotes_key, mark(found, 0.90));
    println!("  speaker correct: {speaker:.3} ({}/{})  floor 0.85: {}", s.speaker_correct, s.quotes_found, mark(speaker, 0.85));
    ok && merged >= 0.95 && found >= 0.90 && speaker >= 0.85
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_equality() {
        assert!(same(Some("Putin courts China’s Xi"), Some("putin  courts china's xi")));
        assert!(!same(None, Some("AFP")));
    }
}
