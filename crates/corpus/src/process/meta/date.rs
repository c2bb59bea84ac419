//! The date: the dateline, the markup's publication time, a copyright year.

use super::*;

/// Is the day of `a` (YYYY-MM-DD…) within one day of `b`'s? (A markup instant in UTC may fall
/// on the next or previous day of the local time the page prints.)
pub(super) fn near_day(a: &str, b: &str) -> bool {
    let day = |s: &str| -> Option<i64> {
        let (y, m, d): (i64, i64, i64) = (s.get(..4)?.parse().ok()?, s.get(5..7)?.parse().ok()?, s.get(8..10)?.parse().ok()?);
        Some(y * 372 + m * 31 + d)
    };
    match (day(a), day(b)) {
        (Some(x), Some(y)) => {
            (x - y).abs() <= 1
                || (a.get(..7) != b.get(..7) && (x - y).abs() <= 31 && a.get(..4) == b.get(..4) && {
                    // Month boundary: the last day of one month and the first of the next.
                    let (da, db) = (a.get(8..10).unwrap_or(""), b.get(8..10).unwrap_or(""));
                    (da == "01" || db == "01") && (x - y).abs() >= 28
                })
        }
        _ => false,
    }
}

/// The last copyright year of the page ("© 2021 Example"): the date when the page shows no other.
pub(super) fn copyright_year(e: &Extracted) -> Option<(String, String)> {
    e.lines.iter().enumerate().filter(|(i, l)| outside_body(e, *i) && is_copyright(&l.lower) && l.words <= 40).rev().find_map(|(_, l)| {
        crate::process::extract::words(&l.text)
            .filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|w| w.parse::<u32>().ok())
            .filter(|y| (1990..=2100).contains(y))
            .max()
            .map(|y| (y.to_string(), l.text.clone()))
    })
}

/// A date a sentence tells of ("The act was signed into law on August 14, 1935"), not a
/// dateline: five or more words in lower case around it (a dateline's are a few labels and
/// joiners: "Updated on … at …", "Published by the … on …").
fn in_a_sentence(text: &str, d: &dates::FoundDate) -> bool {
    let Some(at) = text.find(d.evidence.as_str()) else {
        return false;
    };
    // Only the date's own sentence: a standfirst printed before a dateline in one block
    // ("… What's the secret to its recovery? Monday, 6 January 2020") is another sentence.
    const ENDS: &[char] = &['?', '!', '|', '•', '—'];
    let before = &text[..at];
    let before = before.rfind(ENDS).map_or(before, |i| &before[i..]);
    let before = before.rfind(". ").map_or(before, |i| &before[i + 1..]);
    let after = &text[at + d.evidence.len()..];
    let after = after.find(|c: char| ENDS.contains(&c) || c == '.').map_or(after, |i| &after[..i]);
    before.split_whitespace().chain(after.split_whitespace()).filter(|w| w.starts_with(|c: char| c.is_lowercase())).count() >= 5
}

/// A dateline that opens the article's first paragraph, set off from its text: "Karlsruhe,
/// (12.11.2021). Traditionell …", "27.1.2022 - Bei der …", "WASHINGTON, March 3 (Reuters) -".
/// A date the first sentence tells of ("On 3 March 1990, the …") is not one.
fn opening_dateline(e: &Extracted, w: &dates::DateWords) -> Option<dates::FoundDate> {
    let (s, t) = e.body_range;
    let first = e.lines.get(s..t)?.iter().find(|l| matches!(l.class, Class::Good | Class::Short))?;
    let text = first.text.as_str();
    let d = dates::find_date_with(text, w)?;
    let at = text.find(d.evidence.as_str())?;
    let mut after = text[at + d.evidence.len()..].trim_start_matches([')', ' ']);
    if after.starts_with('(') {
        after = after.split_once(')').map_or("", |(_, rest)| rest).trim_start();
    }
    let set_off = after.starts_with(['.', '-', '–', '—', ':']);
    (set_off && text[..at].split_whitespace().count() <= 4).then_some(d)
}

/// The publication date as the page prints it: the first date under the title (a line
/// labelled "Published" first), else a labelled date line elsewhere outside the body. The
/// markup's date picks among printed dates (the same day, allowing for time zones) and is
/// used itself only when the page prints no date at all, not even a copyright year.
pub fn date(e: &Extracted, header: &[usize], k: &Knowledge, meta: &PageMeta) -> Option<DateInfo> {
    let w = &k.dates;
    // A label opens the line or a part of it ("By Jo Roe — Published 28.01.2022").
    let labelled = |l: &Line, labels: &[String]| {
        l.lower.split(['|', '—', '·', '•']).map(str::trim_start).any(|part| labels.iter().any(|p| part.starts_with(p.as_str())))
    };
    let found: Vec<(dates::FoundDate, bool)> = header
        .iter()
        .filter_map(|&i| {
            let l = &e.lines[i];
            let published = labelled(l, &w.published);
            dates::find_date_with(&l.text, w).filter(|d| published || !in_a_sentence(&l.text, d)).map(|d| (d, published))
        })
        .collect();
    let mut visible = found.iter().find(|(_, p)| *p).or(found.first()).map(|(d, _)| d.clone());
    if visible.is_none() {
        visible =
            e.lines.iter().enumerate().filter(|(i, _)| outside_body(e, *i)).find_map(|(_, l)| {
                (labelled(l, &w.published) || labelled(l, &w.updated)).then(|| dates::find_date_with(&l.text, w)).flatten()
            });
    }
    if visible.is_none() {
        visible = opening_dateline(e, w);
    }
    // A labelled "Published" line of the same day that also prints the time.
    if let Some(v) = visible.as_ref().filter(|v| v.precision < Precision::Minute) {
        let day = v.value.clone();
        let timed =
            e.lines.iter().enumerate().filter(|(i, l)| outside_body(e, *i) && labelled(l, &w.published)).find_map(|(_, l)| {
                dates::find_date_with(&l.text, w).filter(|d| d.precision == Precision::Minute && d.value.starts_with(&day))
            });
        if timed.is_some() {
            visible = timed;
        }
    }
    let markup = meta.published.as_deref().and_then(|p| dates::iso_token(p.trim()).or_else(|| dates::parse_iso(p.get(..10)?)));
    // "04/12/2020" read as the markup's day, else as the page's locale writes dates.
    if let Some(other) = visible.as_ref().and_then(dates::other_reading) {
        let agrees = |v: &str| markup.as_ref().is_some_and(|(mv, _)| near_day(v, mv));
        let first = visible.as_ref().is_some_and(|v| agrees(&v.value));
        if !first && (agrees(&other.value) || meta.day_first == Some(true)) {
            visible = Some(other);
        }
    }
    if let Some((mv, _)) = &markup {
        let agrees = visible.as_ref().is_some_and(|v| near_day(&v.value, mv));
        if !agrees {
            // A printed date of the markup's day elsewhere outside the body.
            let printed = e
                .lines
                .iter()
                .enumerate()
                .filter(|(i, l)| outside_body(e, *i) && l.class != Class::Caption && l.words <= 30)
                .filter_map(|(_, l)| dates::find_date_with(&l.text, w))
                .filter(|d| near_day(&d.value, mv))
                .max_by_key(|d| d.precision);
            if printed.is_some() {
                visible = printed;
            }
        }
    }
    if let Some(f) = visible {
        return Some(DateInfo { value: f.value.into(), precision: f.precision, source: Source::Text, evidence: f.evidence.into() });
    }
    if let Some((year, evidence)) = copyright_year(e) {
        return Some(DateInfo { value: year.into(), precision: Precision::Year, source: Source::Text, evidence: evidence.into() });
    }
    let (value, precision) = markup?;
    Some(DateInfo { value: value.into(), precision, source: Source::Markup, evidence: meta.published.clone().unwrap_or_default().into() })
}
