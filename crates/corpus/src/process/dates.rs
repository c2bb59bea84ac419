//! Dates: ISO values at a known precision, and publication dates found in
//! page text ("July 19, 2020", "March 22, 2023, 17:16:44 IST", "14 Sep 2022",
//! "2022-09-14"). A date without a year is never completed by guessing.

use crate::model::Precision;

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

const DATEWORDS: &str = include_str!("../../data/datewords.toml");

/// The words printed dates are made of (`data/datewords.toml`): month and weekday names,
/// am/pm markers, time zones, joiners and date labels, all lower case.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWords {
    months: Vec<Vec<String>>,
    weekdays: Vec<String>,
    am: Vec<String>,
    pm: Vec<String>,
    zones: Vec<String>,
    joiners: Vec<String>,
    pub published: Vec<String>,
    pub updated: Vec<String>,
}

impl DateWords {
    /// The compiled-in word lists.
    pub fn builtin() -> &'static DateWords {
        static W: std::sync::OnceLock<DateWords> = std::sync::OnceLock::new();
        W.get_or_init(|| DateWords::parse(DATEWORDS).expect("the built-in datewords.toml is valid"))
    }

    /// Read a `datewords.toml`.
    pub fn parse(text: &str) -> Result<DateWords, String> {
        let mut w: DateWords = toml::from_str(text).map_err(|e| format!("datewords.toml: {}", e.message()))?;
        if w.months.len() != 12 {
            return Err(format!("datewords.toml: months must have 12 lists, not {}", w.months.len()));
        }
        let lower = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = s.trim_end_matches('.').to_lowercase());
        w.months.iter_mut().for_each(lower);
        for v in [&mut w.weekdays, &mut w.am, &mut w.pm, &mut w.zones, &mut w.joiners, &mut w.published, &mut w.updated] {
            lower(v);
        }
        Ok(w)
    }

    fn key(word: &str) -> String {
        word.trim_end_matches(['.', ':', ',']).to_lowercase()
    }

    /// The month (1-12) a word names ("Nov.", "November", "novembre").
    pub fn month(&self, word: &str) -> Option<u32> {
        let w = Self::key(word);
        if w.is_empty() {
            return None;
        }
        self.months.iter().position(|names| names.contains(&w)).map(|i| i as u32 + 1)
    }

    /// Is the word a weekday name ("Wednesday", "Wed.")?
    pub fn is_weekday(&self, word: &str) -> bool {
        self.weekdays.contains(&Self::key(word))
    }

    /// Is the word a time-zone abbreviation ("EST", "GMT")?
    pub fn is_zone(&self, word: &str) -> bool {
        self.zones.contains(&Self::key(word))
    }

    fn is_joiner(&self, word: &str) -> bool {
        let w = Self::key(word);
        w.is_empty() || self.joiners.contains(&w)
    }

    /// `Some(true)` for pm, `Some(false)` for am.
    fn meridiem(&self, word: &str) -> Option<bool> {
        let w = Self::key(word);
        if self.pm.contains(&w) {
            Some(true)
        } else if self.am.contains(&w) {
            Some(false)
        } else {
            None
        }
    }
}

/// Find the first full calendar date (day, month and year; with the time when the line
/// prints one next to it) in a line.
pub fn find_date(line: &str) -> Option<FoundDate> {
    find_date_with(line, DateWords::builtin())
}

/// Cheap test: a four-digit run, or digits around a slash or dot ("11/20/19").
fn may_hold_date(line: &str) -> bool {
    let b = line.as_bytes();
    b.windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
        || b.windows(3).any(|w| w[0].is_ascii_digit() && matches!(w[1], b'/' | b'.') && w[2].is_ascii_digit())
}

/// [`find_date`] with given word lists.
pub fn find_date_with(line: &str, w: &DateWords) -> Option<FoundDate> {
    if !may_hold_date(line) {
        return None;
    }
    let tokens = tokenize(line);
    (0..tokens.len()).find_map(|i| date_at(line, &tokens, i, w))
}

/// A day of the month: "18", "18th", "1st", "18." (German).
fn parse_day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let suffix = &word[digits.len()..];
    let suffix_ok = matches!(suffix.trim_end_matches('.').to_ascii_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th" | "er" | "e");
    suffix_ok.then(|| one_or_two_digits(digits, 31)).flatten()
}

/// The month of "18. 5. 2019": a number of the year's months with a dot, after a day with one.
fn spaced_month(day: &str, word: &str) -> Option<u32> {
    one_or_two_digits(word.strip_suffix('.').filter(|_| day.ends_with('.'))?, 12)
}

/// A number of one or two digits, from 1 to `max`.
fn one_or_two_digits(digits: &str, max: u32) -> Option<u32> {
    ((1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n| (1..=max).contains(n))
}

/// A four-digit year, possibly run together with a time by the copy ("20195:45").
fn parse_year(word: &str) -> Option<(u32, Option<&str>)> {
    let head = word.get(..4)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = head.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    let rest = word[4..].trim_end_matches([',', '.']);
    if rest.is_empty() {
        Some((year, None))
    } else if rest.bytes().next().is_some_and(|b| b.is_ascii_digit()) && rest.contains(':') {
        Some((year, Some(rest)))
    } else {
        None
    }
}

/// "11/19/2019", "11/20/19" (month first unless the first number cannot be a month),
/// "18.11.2019" (day first).
fn parse_numeric(word: &str) -> Option<(u32, u32, u32)> {
    // "12.11.2021," and "(12.11.2021)." alike.
    let word = word.trim_end_matches([',', '.', ')', ']']).trim_start_matches(['(', '[']);
    let sep = if word.contains('/') { '/' } else { '.' };
    let parts: Vec<&str> = word.split(sep).collect();
    if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (a, b): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
    if parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let y: u32 = match parts[2].len() {
        4 => parts[2].parse().ok().filter(|y| (1900..=2100).contains(y))?,
        2 => 2000 + parts[2].parse::<u32>().ok()?,
        _ => return None,
    };
    let (m, d) = if sep == '.' || (a > 12 && b <= 12) { (b, a) } else { (a, b) };
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then_some((y, m, d))
}

/// The other reading of a date printed as "04/12/2020", where either number may be the
/// month: the same date with day and month swapped (and the same time), or `None` when the
/// date was not printed that way or only one reading is a date.
pub fn other_reading(f: &FoundDate) -> Option<FoundDate> {
    let word = f.evidence.split_whitespace().next()?.trim_end_matches([',', '.']);
    // Both numbers up to 12, and not equal: the day could be the month too.
    let (_, m, d) = parse_numeric(word).filter(|_| word.contains('/'))?;
    if m == d || d > 12 {
        return None;
    }
    let (y, m, d) = (f.value.get(..4)?, f.value.get(5..7)?, f.value.get(8..10)?);
    let value = format!("{y}-{d}-{m}{}", f.value.get(10..).unwrap_or(""));
    Some(FoundDate { value, precision: f.precision, evidence: f.evidence.clone() })
}

/// A time: "17:16", "17:16:44", "4:20am", "12:04AM", and "13.05" when `dotted` is allowed.
/// Returns (hour, minute, meridiem written on the token).
fn parse_clock(word: &str, dotted: bool, w: &DateWords) -> Option<(u32, u32, Option<bool>)> {
    let word = word.trim_end_matches(',');
    let split = word.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(word.len());
    let (core, suffix) = word.split_at(split);
    let meridiem = if suffix.is_empty() { None } else { Some(w.meridiem(suffix)?) };
    let sep = if core.contains(':') {
        ':'
    } else if dotted || meridiem.is_some() {
        '.'
    } else {
        return None;
    };
    let mut parts = core.trim_end_matches('.').split(sep);
    let (h, m) = (parts.next()?, parts.next()?);
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(s) = parts.next()
        && (s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) || sep == '.')
    {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 23 && m <= 59 && (meridiem.is_none() || (1..=12).contains(&h) || h > 12)).then_some((h, m, meridiem))
}

/// 24-hour value of a time as printed: "12:04 am" → 0:04, "6:18 pm" → 18:18, "17:19 PM" → 17:19.
fn to_24h(h: u32, pm: Option<bool>) -> u32 {
    match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    }
}

/// A time at token `i` with the meridiem that may follow it: (hour, minute, tokens used).
fn time_at(tokens: &[(usize, &str)], i: usize, dotted: bool, w: &DateWords) -> Option<(u32, u32, usize)> {
    let (h, m, mer) = parse_clock(tokens.get(i)?.1, dotted, w)?;
    let next = tokens.get(i + 1).and_then(|t| w.meridiem(t.1));
    let (mer, used) = match (mer, next) {
        (None, Some(p)) => (Some(p), 2),
        (m, _) => (m, 1),
    };
    Some((to_24h(h, mer), m, used))
}

/// The date that starts at token `i`, with a time printed right after it or right before it.
fn date_at(line: &str, tokens: &[(usize, &str)], i: usize, w: &DateWords) -> Option<FoundDate> {
    let word = tokens[i].1;
    let get = |k: usize| tokens.get(i + k).map(|t| t.1);
    let mut glued_time = None;
    // (year, month, day, tokens used)
    let (y, m, d, used) = if let Some((value, precision)) = iso_token(word) {
        let (s, t) = tokens[i];
        let evidence = line[s..s + t.len()].trim_end_matches([',', '.']).to_owned();
        return Some(FoundDate { value, precision, evidence });
    } else if let Some((y, m, d)) = parse_numeric(word) {
        (y, m, d, 1)
    } else if let Some(m) = w.month(word) {
        let d = get(1).and_then(parse_day)?;
        let (y, t) = get(2).and_then(parse_year)?;
        glued_time = t;
        (y, m, d, 3)
    } else if let Some(d) = parse_day(word) {
        // "18 November 2019", "18. November 2019", "18 de noviembre de 2019", and the
        // spaced numeric form of Central Europe, "18. 5. 2019".
        let mut k = 1;
        if get(k).is_some_and(|x| x == "de" || x == "of") {
            k += 1;
        }
        let m = get(k).and_then(|x| w.month(x).or_else(|| spaced_month(word, x)))?;
        k += 1;
        if get(k).is_some_and(|x| x == "de") {
            k += 1;
        }
        let (y, t) = get(k).and_then(parse_year)?;
        glued_time = t;
        (y, m, d, k + 1)
    } else {
        return None;
    };
    if d > days_in_month(y, m) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let last = i + used - 1;
    let span = |from: usize, to: usize| {
        let (s, _) = tokens[from];
        let (e, t) = tokens[to];
        line[s..e + t.len()].trim_end_matches(',').to_owned()
    };
    if let Some(t) = glued_time
        && let Some((h, mi, mer)) = parse_clock(t, false, w)
    {
        let (h, used_next) = match (mer, get(used).and_then(|x| w.meridiem(x))) {
            (None, Some(p)) => (to_24h(h, Some(p)), 1),
            _ => (to_24h(h, mer), 0),
        };
        return Some(FoundDate {
            value: format!("{date}T{h:02}:{mi:02}"),
            precision: Precision::Minute,
            evidence: span(i, last + used_next),
        });
    }
    // A time after the date, past joiners ("at", "-", "|") and a weekday.
    let mut k = last + 1;
    while k < tokens.len() && k <= last + 3 && (w.is_joiner(tokens[k].1) || w.is_weekday(tokens[k].1)) {
        k += 1;
    }
    if let Some((h, mi, n)) = time_at(tokens, k, true, w) {
        return Some(FoundDate { value: format!("{date}T{h:02}:{mi:02}"), precision: Precision::Minute, evidence: span(i, k + n - 1) });
    }
    // A time before the date: "4:00 am CST, Wednesday, November 20, 2019".
    let mut k = i;
    while k > 0 && k + 4 > i {
        let t = tokens[k - 1].1;
        if w.is_zone(t) || w.is_weekday(t) || w.is_joiner(t) {
            k -= 1;
            continue;
        }
        let at = if w.meridiem(t).is_some() && k >= 2 { k - 2 } else { k - 1 };
        if let Some((h, mi, n)) = time_at(tokens, at, false, w)
            && at + n == k
        {
            return Some(FoundDate { value: format!("{date}T{h:02}:{mi:02}"), precision: Precision::Minute, evidence: span(at, last) });
        }
        break;
    }
    Some(FoundDate { value: date, precision: Precision::Day, evidence: span(i, last) })
}

/// An ISO 8601 date or date-time token ("2019-11-18", "2019-11-18T22:05:36Z",
/// "2019-11-20T01:22:37-05:00"): the printed local time, never converted.
pub fn iso_token(word: &str) -> Option<(String, Precision)> {
    let b = word.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let date = word.get(..10)?;
    let rest = &word[10..];
    if rest.is_empty() || !rest.starts_with(['T', 't']) {
        return parse_iso(date)
            .filter(|(_, p)| *p == Precision::Day)
            .filter(|_| rest.is_empty() || !rest.starts_with(|c: char| c.is_ascii_digit()));
    }
    match rest.get(1..6) {
        Some(time) => parse_iso(&format!("{date}T{time}")).or_else(|| parse_iso(date)),
        None => parse_iso(date),
    }
}

/// Words with their byte offsets, split on whitespace and list punctuation.
fn tokenize(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        // "Nov.November 18": two words run together by the copy, after an abbreviation's dot.
        if c == '.'
            && prev.is_alphabetic()
            && let Some(s) = start
            && line[i + 1..].starts_with(|n: char| n.is_uppercase())
            && line[i + 1..].chars().nth(1).is_some_and(char::is_lowercase)
        {
            out.push((s, &line[s..i + 1]));
            start = None;
            prev = c;
            continue;
        }
        prev = c;
        let sep = c.is_whitespace() || matches!(c, ',' | '|' | '•' | '·' | '(' | ')' | '@' | '—' | '–' | ';' | '[' | ']');
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
    fn dates_with_times_in_common_styles() {
        let m = |v: &str| Some((v.to_owned(), Precision::Minute));
        assert_eq!(found("Mar. 4, 2021 9:02 a.m. ET"), m("2021-03-04T09:02"));
        assert_eq!(found("Updated 11:38 PM EST Mar 3, 2021"), m("2021-03-03T23:38"));
        assert_eq!(found("Posted 4:05 am CDT, Friday, June 11, 2021"), m("2021-06-11T04:05"));
        assert_eq!(found("By Jo Bloggs 2021-03-03T22:05:36Z News"), m("2021-03-03T22:05"));
        assert_eq!(found("2021-03-03T01:22:37-05:00"), m("2021-03-03T01:22"));
        assert_eq!(found("Friday 5 March 2021 13.05 GMT"), m("2021-03-05T13:05"));
        assert_eq!(found("June 2, 2021 | 4:20am | Updated June 2, 2021 | 9:32pm"), m("2021-06-02T04:20"));
        assert_eq!(found("Tuesday, June 1st, 2021 at 10:15 p.m."), m("2021-06-01T22:15"));
        assert_eq!(found("Jun. 1st 2021 12:12 pm PT"), m("2021-06-01T12:12"));
        assert_eq!(found("June 1, 2021 12:04AM ET"), m("2021-06-01T00:04"));
        assert_eq!(found("Jun 3, 2021 @17:19 PM · Updated: Jun 3, 2021 @17:26 PM"), m("2021-06-03T17:19"));
        assert_eq!(found("Jun 3, 20214:45 AM"), m("2021-06-03T04:45"));
        assert_eq!(found("7:45 AM PDT 06/02/2021 by Jo Bloggs"), m("2021-06-02T07:45"));
        assert_eq!(found("On 6/2/21 at 4:00 PM EDT"), m("2021-06-02T16:00"));
        assert_eq!(found("Published June 9th, 2021 - 07:29 GMT"), m("2021-06-09T07:29"));
        assert_eq!(found("Wednesday 9 June 2021 11:42, UK"), m("2021-06-09T11:42"));
        assert_eq!(found("9 Jun 2021, 19:09"), m("2021-06-09T19:09"));
        assert_eq!(found("Jun.June 9, 2021 12:02 PM"), m("2021-06-09T12:02"));
        assert_eq!(find_date("Published: Jun. 9, 2021, 6:18 p.m.").unwrap().evidence, "Jun. 9, 2021, 6:18 p.m.");
    }

    #[test]
    fn numeric_and_other_languages() {
        let d = |v: &str| Some((v.to_owned(), Precision::Day));
        assert_eq!(found("25/03/2021"), d("2021-03-25"), "the day first when it cannot be a month");
        assert_eq!(found("03/25/2021"), d("2021-03-25"));
        assert_eq!(found("25.03.2021"), d("2021-03-25"));
        assert_eq!(found("le 3 mars 2021"), d("2021-03-03"));
        assert_eq!(found("3. März 2021"), d("2021-03-03"));
        assert_eq!(found("3 de marzo de 2021"), d("2021-03-03"));
        assert_eq!(found("Publikováno 18. 5. 2014"), d("2014-05-18"));
        assert_eq!(found("am 18. 05. 2014 um 9:30"), Some(("2014-05-18T09:30".to_owned(), Precision::Minute)));
        assert_eq!(found("Kapitel 18 5 2014"), None, "no dots: three numbers");
        assert_eq!(found("18. 13. 2014"), None, "no thirteenth month");
        assert_eq!(found("Version 1.2.3"), None);
        assert_eq!(found("Score 3/4/5"), None);
        assert_eq!(found("Karlsruhe, (12.11.2021). Traditionell gedenken"), d("2021-11-12"), "a dateline in brackets");
        let read = |s: &str| find_date(s).and_then(|f| other_reading(&f)).map(|f| f.value);
        assert_eq!(read("12/04/2020 10:05"), Some("2020-04-12T10:05".into()));
        assert_eq!(read("25/03/2021"), None, "only one reading is a date");
        assert_eq!(read("04/04/2021"), None, "both readings are the same date");
        assert_eq!(read("25.03.2021"), None);
        assert_eq!(read("March 4, 2021"), None);
    }

    #[test]
    fn weekdays_and_months_are_words_of_the_data_file() {
        let w = DateWords::builtin();
        assert!(w.is_weekday("Wednesday") && w.is_weekday("Wed."));
        assert!(!w.is_weekday("Wedding"));
        assert_eq!(w.month("Sept."), Some(9));
        assert_eq!(w.month("Mayor"), None);
    }

    #[test]
    fn never_panics_on_multibyte_text() {
        assert_eq!(found("2022-09-14—Москва"), Some(("2022-09-14".into(), Precision::Day)));
        assert_eq!(found("2022-09-14Москва"), Some(("2022-09-14".into(), Precision::Day)));
        assert_eq!(found("2022-09-14TМосква"), Some(("2022-09-14".into(), Precision::Day)));
        for s in ["2022-09-1«", "2022«09-14", "1/2/2«", "2019é:45", "14 ноября 2022", "©2022 «AFP»"] {
            let _ = find_date(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn find_date_never_panics(s in "\\PC{0,60}") {
            let _ = find_date(&s);
            let _ = iso_token(&s);
        }

        #[test]
        fn find_date_never_panics_near_dates(a in "\\PC{0,8}", b in "\\PC{0,8}") {
            for core in ["2022-09-14", "Nov 3, 2021", "3/11/2021", "20214:45"] {
                let _ = find_date(&format!("{a}{core}{b}"));
            }
        }
    }

    #[test]
    fn no_guessing() {
        assert_eq!(found("On July 8, Xi Jinping called up Putin"), None);
        assert_eq!(found("The mayor said 3 things in 2020"), None);
        assert_eq!(found("© 2022 Bloomberg L.P"), None);
        assert_eq!(found("February 30, 2022"), None);
    }
}
