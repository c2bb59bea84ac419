//! Dates: ISO values at a known precision, and publication dates found in
//! page text ("July 19, 2020", "March 22, 2023, 17:16:44 IST", "14 Sep 2022",
//! "2022-09-14"). A date without a year is never completed by guessing.

use crate::model::Precision;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Validate an ISO date string (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]`)
/// and return it normalised with its precision.
pub fn parse_iso(s: &str) -> Option<(String, Precision)> {
    let s = s.trim();
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let num = |p: &str, len: usize| (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten();
    let year = num(parts.first()?, 4)?;
    // A part that is present must be valid; a missing part lowers the precision.
    let month = match parts.get(1) {
        Some(p) => Some(num(p, 2).filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match parts.get(2) {
        Some(p) => Some(num(p, 2).filter(|d| (1..=days_in_month(year, month.unwrap_or(1))).contains(d))?),
        None => None,
    };
    if parts.len() > 3 {
        return None;
    }
    match (month, day, time) {
        (None, None, None) => Some((format!("{year:04}"), Precision::Year)),
        (Some(m), None, None) => Some((format!("{year:04}-{m:02}"), Precision::Month)),
        (Some(m), Some(d), None) => Some((format!("{year:04}-{m:02}-{d:02}"), Precision::Day)),
        (Some(m), Some(d), Some(t)) => {
            let (h, rest) = t.split_once(':')?;
            let h = num(h, 2).filter(|h| *h < 24)?;
            let min = num(rest.get(..2)?, 2).filter(|m| *m < 60)?;
            Some((format!("{year:04}-{m:02}-{d:02}T{h:02}:{min:02}"), Precision::Minute))
        }
        _ => None,
    }
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date found in a line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub value: String,
    pub precision: Precision,
    /// The matched text.
    pub evidence: String,
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "march", "mar", "sept" are fine; "mayor" or "marching" are not.
    let full =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][i];
    (full.starts_with(&w) || w == "sept").then_some(i as u32 + 1)
}

/// Find a full calendar date (day, month and year; optionally a time) in a line.
pub fn find_date(line: &str) -> Option<FoundDate> {
    // Every full date has a four-digit year: a cheap test before tokenising.
    let has_year = line.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    if !has_year {
        return None;
    }
    let tokens = tokenize(line);
    for i in 0..tokens.len() {
        let (start, word) = tokens[i];
        let get = |k: usize| tokens.get(i + k).map(|t| t.1);
        // ISO: 2022-09-14[T10:30]
        if word.len() >= 10
            && word.as_bytes()[4] == b'-'
            && let Some((value, precision)) = word.get(..word.len().min(16)).and_then(parse_iso).filter(|(_, p)| *p >= Precision::Day)
        {
            return Some(FoundDate { value, precision, evidence: word.to_owned() });
        }
        let parse_day = |w: &str| {
            let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() && !w.starts_with(|c: char| c.is_ascii_alphabetic()));
            w.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
        };
        let year_of = |w: Option<&str>| w.and_then(|w| w.parse::<u32>().ok()).filter(|y| (1900..=2100).contains(y));
        // Month D, YYYY  |  D Month YYYY
        let found = if let Some(m) = month_number(word) {
            get(1).and_then(parse_day).zip(year_of(get(2))).map(|(d, y)| (y, m, d, 3))
        } else if let Some(d) = parse_day(word) {
            get(1).and_then(month_number).zip(year_of(get(2))).map(|(m, y)| (y, m, d, 3))
        } else {
            None
        };
        let Some((y, m, d, used)) = found else {
            continue;
        };
        if d > days_in_month(y, m) {
            continue;
        }
        let mut end_tok = i + used - 1;
        let mut value = format!("{y:04}-{m:02}-{d:02}");
        let mut precision = Precision::Day;
        if let Some((hh, mm, pm)) = tokens.get(i + used).and_then(|t| parse_time(t.1, tokens.get(i + used + 1).map(|t| t.1))) {
            let hh = if pm && hh < 12 { hh + 12 } else { hh };
            value = format!("{value}T{hh:02}:{mm:02}");
            precision = Precision::Minute;
            end_tok = i + used;
        }
        let (end_start, end_word) = tokens[end_tok];
        let evidence = line[start..end_start + end_word.len()].to_owned();
        return Some(FoundDate { value, precision, evidence });
    }
    None
}

/// `17:16[:44]` with an optional following am/pm.
fn parse_time(word: &str, next: Option<&str>) -> Option<(u32, u32, bool)> {
    let lower = word.to_ascii_lowercase();
    let (core, suffix_pm) = match lower.strip_suffix("pm") {
        Some(c) => (c, Some(true)),
        None => (lower.strip_suffix("am").unwrap_or(&lower), lower.ends_with("am").then_some(false)),
    };
    let mut parts = core.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    if h > 23 || m > 59 {
        return None;
    }
    let pm = suffix_pm.unwrap_or_else(|| next.is_some_and(|n| n.eq_ignore_ascii_case("pm") || n.eq_ignore_ascii_case("p.m.")));
    Some((h, m, pm))
}

/// Words with their byte offsets, split on whitespace and list punctuation.
fn tokenize(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let sep = c.is_whitespace() || matches!(c, ',' | '|' | '•' | '·' | '(' | ')' | '/');
        match (sep, start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Option<(String, Precision)> {
        find_date(line).map(|f| (f.value, f.precision))
    }

    #[test]
    fn iso_values() {
        assert_eq!(parse_iso("2021-12"), Some(("2021-12".into(), Precision::Month)));
        assert_eq!(parse_iso("2022"), Some(("2022".into(), Precision::Year)));
        assert_eq!(parse_iso("2023-03-22T17:16:44"), Some(("2023-03-22T17:16".into(), Precision::Minute)));
        assert_eq!(parse_iso("2023-02-30"), None);
        assert_eq!(parse_iso("Dec 2021"), None);
        assert_eq!(parse_iso("2021-13"), None);
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(found("July 19, 2020"), Some(("2020-07-19".into(), Precision::Day)));
        assert_eq!(found("FP Explainers • March 22, 2023, 17:16:44 IST"), Some(("2023-03-22T17:16".into(), Precision::Minute)));
        assert_eq!(found("Updated: 14 Sep 2022 10:30 pm"), Some(("2022-09-14T22:30".into(), Precision::Minute)));
        assert_eq!(found("Published 2022-09-14"), Some(("2022-09-14".into(), Precision::Day)));
        assert_eq!(find_date("By Jane Doe | Sept. 3, 2021").unwrap().evidence, "Sept. 3, 2021");
    }

    #[test]
    fn no_guessing() {
        assert_eq!(found("On July 8, Xi Jinping called up Putin"), None);
        assert_eq!(found("The mayor said 3 things in 2020"), None);
        assert_eq!(found("© 2022 Bloomberg L.P"), None);
        assert_eq!(found("February 30, 2022"), None);
    }
}
