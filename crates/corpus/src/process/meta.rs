//! Metadata from page text, each with its evidence: outlet (the publishing site), origin
//! (the agency or paper whose story it republishes), authors and date. Outlet names come
//! from `data/outlets.toml`; copyright lines name unknown sites.

use crate::model::{Attributed, DateInfo, Source};
use crate::process::dates;
use crate::process::extract::{Class, Extracted, Line};
use crate::process::knowledge::{Knowledge, OutletKind, lowercase};

/// Facts an HTML page states in its markup (meta tags, `<time>`), used when the text
/// does not give them.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
}

fn is_copyright(lower: &str) -> bool {
    lower.contains('©') || lower.starts_with("copyright") || lower.contains("all rights reserved")
}

/// Outlet mentions in a text, as (outlet index, start) with short names matched case-sensitively.
fn outlet_hits<'a>(k: &'a Knowledge, text: &'a str, lower: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    k.outlets_in(text, lower)
        .filter(move |(i, r)| {
            let found = &text[r.clone()];
            let o = &k.outlets[*i];
            found.len() > 4 || std::iter::once(&o.name).chain(&o.aliases).chain(&o.domains).any(|n| n == found)
        })
        .map(|(i, r)| (i, r.start))
}

/// The lines outside the body that may name the site: not captions, not notices, not long prose.
fn page_lines(e: &Extracted) -> impl Iterator<Item = &Line> {
    let (s, t) = e.body_range;
    e.lines
        .iter()
        .enumerate()
        .filter(move |(i, l)| (*i < s || *i >= t) && l.class != Class::Caption && !l.syndication && l.words <= 60)
        .map(|(_, l)| l)
}

/// The name a copyright line gives: "Copyright @ 2024. Firstpost - All Rights Reserved" → "Firstpost".
fn copyright_holder(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find("copyright").map(|i| i + "copyright".len()).or_else(|| text.find('©').map(|i| i + '©'.len_utf8()))?;
    let rest = text[at..].trim_start_matches(|c: char| !c.is_alphabetic() || c == '©');
    let end = ["All Rights", "all rights", " - ", " | ", " – ", ". ", ","].iter().filter_map(|p| rest.find(p)).min().unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches('.').trim();
    let words = name.split_whitespace().count();
    ((1..=5).contains(&words) && name.chars().next().is_some_and(char::is_uppercase)).then(|| name.to_owned())
}

pub fn outlet(e: &Extracted, k: &Knowledge, meta: &PageMeta) -> Option<Attributed> {
    let mut scores = vec![0u32; k.outlets.len()];
    let mut evidence: Vec<Option<String>> = vec![None; k.outlets.len()];
    for l in page_lines(e) {
        let lower = &l.lower;
        for (i, start) in outlet_hits(k, &l.text, &l.lower) {
            if k.outlets[i].kind == OutletKind::Distributor {
                continue;
            }
            let weight = if start == 0 || is_copyright(lower) { 3 } else { 1 };
            scores[i] += weight;
            evidence[i].get_or_insert_with(|| l.text.clone());
        }
    }
    // A site beats an agency whose copy it runs.
    let best = (0..scores.len())
        .filter(|&i| scores[i] > 0)
        .max_by_key(|&i| (k.outlets[i].kind == OutletKind::Site, scores[i], std::cmp::Reverse(i)));
    if let Some(i) = best {
        return Some(Attributed {
            name: k.outlets[i].name.clone(),
            source: Source::Text,
            evidence: evidence[i].clone().unwrap_or_default(),
        });
    }
    if let Some(name) = &meta.site_name {
        return Some(Attributed { name: name.clone(), source: Source::Text, evidence: format!("og:site_name {name}") });
    }
    page_lines(e)
        .filter(|l| is_copyright(&l.lower))
        .find_map(|l| copyright_holder(&l.text).map(|name| Attributed { name, source: Source::Inferred, evidence: l.text.clone() }))
}

/// The agency whose story this is: a copyright line or dateline credit (strong), "told
/// AGENCY" in the body and republication notices (weaker, and only together).
pub fn origin(e: &Extracted, k: &Knowledge, outlet: Option<&str>) -> Option<Attributed> {
    let mut scores = vec![0u32; k.outlets.len()];
    let mut evidence: Vec<Option<String>> = vec![None; k.outlets.len()];
    let mut note = |i: usize, w: u32, ev: &str| {
        scores[i] += w;
        evidence[i].get_or_insert_with(|| ev.to_owned());
    };
    let (s, t) = e.body_range;
    let mut syndicated = false;
    for (idx, l) in e.lines.iter().enumerate() {
        if l.class == Class::Caption || (idx >= s && idx < t) {
            continue;
        }
        let lower = &l.lower;
        let notice = l.syndication;
        syndicated |= notice;
        for (i, start) in outlet_hits(k, &l.text, &l.lower) {
            let kind = k.outlets[i].kind;
            if kind == OutletKind::Agency && is_copyright(lower) && !lower.starts_with("copyright") {
                // Up to 8 bytes before the name, from a character boundary.
                let from = (start.saturating_sub(8)..=start).find(|&b| l.text.is_char_boundary(b)).unwrap_or(start);
                note(i, 5, &l.text[from..]);
            } else if notice && kind != OutletKind::Distributor {
                note(i, 2, &l.text);
            }
        }
    }
    // Only a dateline (first paragraph) or "told AGENCY" counts from the body.
    for (pi, p) in e.body.iter().enumerate().filter(|(pi, p)| *pi == 0 || p.contains("told")) {
        let lower = lowercase(p);
        for (i, start) in outlet_hits(k, p, &lower) {
            if k.outlets[i].kind != OutletKind::Agency {
                continue;
            }
            let before = p[..start].trim_end();
            let dateline = pi == 0 && start < 80 && p[..start].ends_with('(');
            if dateline {
                let end = ((start + 20).min(p.len())..=p.len()).find(|&b| p.is_char_boundary(b)).unwrap_or(p.len());
                note(i, 5, &p[..end]);
            } else if before.ends_with(" told") || before == "told" {
                let from = p[..start].rfind("told").unwrap_or(start);
                let end = start + p[start..].find(|c: char| !c.is_alphanumeric()).unwrap_or(p.len() - start);
                note(i, 2, &p[from..end]);
            }
        }
    }
    if syndicated {
        // A notice of republication makes weaker credits count.
        for sc in scores.iter_mut().filter(|s| **s > 0) {
            *sc += 1;
        }
    }
    let best = (0..scores.len())
        .filter(|&i| scores[i] >= 4 && Some(k.outlets[i].name.as_str()) != outlet)
        .max_by_key(|&i| (scores[i], (k.outlets[i].kind == OutletKind::Agency), std::cmp::Reverse(i)))?;
    Some(Attributed { name: k.outlets[best].name.clone(), source: Source::Text, evidence: evidence[best].clone().unwrap_or_default() })
}

/// Words that label a date line ("Published", "Updated on"), not names.
const DATE_LABELS: &[&str] = &["published", "updated", "posted", "modified", "last", "first", "date", "on", "at", "edited", "created"];

fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.iter().any(|w| DATE_LABELS.contains(&w.trim_end_matches(':').to_lowercase().as_str())) {
        return false;
    }
    (1..=5).contains(&words.len())
        && s.len() <= 60
        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) && !w.chars().any(|c| c.is_ascii_digit()))
        && !words.iter().any(|w| dates::find_date(&format!("{w} 1, 2000")).is_some())
}

fn split_names(s: &str) -> Vec<String> {
    s.split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_end_matches('.').trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Bylines in the header (between the title and the body).
pub fn authors(e: &Extracted, header: std::ops::Range<usize>, k: &Knowledge) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for l in &e.lines[header] {
        let t = l.text.trim();
        let lower = t.to_lowercase();
        let mut candidates: Vec<String> = Vec::new();
        for prefix in ["by ", "written by ", "reported by ", "author: ", "authors: ", "posted by "] {
            if lower.starts_with(prefix) {
                let rest = &t[prefix.len()..];
                // "By Jane Roe | Sept. 3, 2021" / "By Jane Roe, Reuters"
                let rest = rest.split(['|', '•', '·', '—', '–']).next().unwrap_or("");
                candidates.extend(split_names(rest));
            }
        }
        if candidates.is_empty() {
            if let Some(i) = t.find(" by ").filter(|_| t.split_whitespace().count() <= 12) {
                // "Akshay Narang by Akshay Narang"
                let (a, b) = (t[..i].trim(), t[i + 4..].trim());
                if a == b {
                    candidates.push(a.to_owned());
                }
            } else if let Some(d) = dates::find_date(t) {
                // "FP Explainers • March 22, 2023, 17:16:44 IST"
                let at = t.find(&d.evidence).unwrap_or(0);
                let prefix = t[..at].trim().trim_end_matches(['•', '|', '·', '-', '–', '—', ',']).trim();
                if !prefix.is_empty() {
                    candidates.extend(split_names(prefix));
                }
            }
        }
        for c in candidates {
            let is_outlet = k.outlets_in(&c, &lowercase(&c)).any(|(_, r)| r.len() == c.len());
            if looks_like_name(&c) && !is_outlet && !out.iter().any(|(n, _)| *n == c) {
                out.push((c, t.to_owned()));
            }
        }
    }
    out
}

/// The publication date: a full date in the header, else a dated "Published/Updated" line.
pub fn date(e: &Extracted, header: std::ops::Range<usize>, meta: &PageMeta) -> Option<DateInfo> {
    let found = e.lines[header].iter().filter(|l| l.class != Class::Caption).find_map(|l| dates::find_date(&l.text)).or_else(|| {
        let (s, t) = e.body_range;
        e.lines.iter().enumerate().filter(|(i, _)| *i < s || *i >= t).find_map(|(_, l)| {
            let lower = &l.lower;
            ["published", "updated", "posted", "first published"]
                .iter()
                .any(|p| lower.starts_with(p))
                .then(|| dates::find_date(&l.text))
                .flatten()
        })
    });
    if let Some(f) = found {
        return Some(DateInfo { value: f.value, precision: f.precision, source: Source::Text, evidence: f.evidence });
    }
    let published = meta.published.as_ref()?;
    let (value, precision) =
        dates::parse_iso(published.get(..16).unwrap_or(published)).or_else(|| dates::parse_iso(published.get(..10)?))?;
    Some(DateInfo { value, precision, source: Source::Text, evidence: published.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_holders() {
        assert_eq!(copyright_holder("Copyright @ 2024. Firstpost - All Rights Reserved").as_deref(), Some("Firstpost"));
        assert_eq!(copyright_holder("© 2021 Example Daily News. All rights reserved.").as_deref(), Some("Example Daily News"));
        assert_eq!(copyright_holder("©2025 - TFI MEDIA PRIVATE LIMITED").as_deref(), Some("TFI MEDIA PRIVATE LIMITED"));
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Jane Roe"));
        assert!(looks_like_name("FP Explainers"));
        assert!(!looks_like_name("in Indo-Pacific"));
        assert!(!looks_like_name("March"));
        assert!(!looks_like_name("Published"));
        assert!(!looks_like_name("Updated On"));
        assert_eq!(split_names("Jane Roe and John Doe, Ann Lee"), vec!["Jane Roe", "John Doe", "Ann Lee"]);
    }
}
