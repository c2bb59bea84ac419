//! Metadata from page text, each with its evidence: outlet (the publishing site), origin
//! (the agency or paper whose story it republishes), authors and date. Outlet names come
//! from `data/outlets.toml`; copyright lines name unknown sites.

use crate::model::{Attributed, DateInfo, Precision, Source};
use crate::process::dates;
use crate::process::extract::{Class, Extracted, Line};
use crate::process::knowledge::{Knowledge, OutletKind, lowercase, whole_word};

/// Facts an HTML page states in its markup (JSON-LD, meta tags, `<time>`; see
/// [`crate::process::markup`]), reconciled with the text by the functions below.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline from JSON-LD, OpenGraph or Twitter cards (else the `<title>`).
    pub title: Option<String>,
    /// The `<title>` element as written ("Headline | Site").
    pub html_title: Option<String>,
    pub site_name: Option<String>,
    /// JSON-LD `publisher.name`.
    pub publisher: Option<String>,
    /// The publication time as the markup writes it (ISO 8601).
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// Canonical address of the page.
    pub url: Option<String>,
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

/// A copyright sign after words in lower case ("Sports data © X", "Map tiles © X") credits a
/// part of the page, not the site.
fn credits_part(text: &str) -> bool {
    let Some(at) = text.find('©') else { return false };
    let before = text[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    before
        .split_whitespace()
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_lowercase()) && !matches!(w, "reserved" | "copyright" | "rights"))
}

/// The name a copyright line gives, legal suffixes cut: "Copyright @ 2024. Firstpost - All
/// Rights Reserved" → "Firstpost", "© 2021 Example News Network, LLC" → "Example News".
/// `None` for an owner company ([`Knowledge::owners`]).
fn copyright_holder(text: &str, k: &Knowledge) -> Option<String> {
    let lower = lowercase(text);
    let at = lower.find("copyright").map(|i| i + "copyright".len()).or_else(|| text.find('©').map(|i| i + '©'.len_utf8()))?;
    let rest = text.get(at..)?.trim_start_matches(|c: char| !c.is_alphanumeric() || c == '©');
    // A year (or range of years) before the name.
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | '.' | ' ' | '©'));
    let end = ["All Rights", "all rights", "ALL RIGHTS", " - ", " | ", " – ", " — ", ". ", "(", ";", "»", "\"", " is ", " are "]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
        .unwrap_or(rest.len());
    brand_name(&rest[..end], k)
}

/// A company or site name with its legal form, year and domain ending cut: `None` when what
/// is left is an owner company, or does not read as a name.
pub fn brand_name(raw: &str, k: &Knowledge) -> Option<String> {
    // A leading year ("2021 Example Gazette").
    let raw = raw.trim();
    let raw = match raw.get(..4) {
        Some(y) if y.bytes().all(|b| b.is_ascii_digit()) && raw[4..].starts_with([' ', ',', '.']) => {
            raw[4..].trim_start_matches([' ', ',', '.'])
        }
        _ => raw,
    };
    let mut name = raw.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    loop {
        let lower = lowercase(&name);
        if k.owners.contains(&lower) {
            return None;
        }
        let trimmed = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == ',' || c == '.');
        let cut = k.bylines.legal_suffixes.iter().find_map(|s| {
            let head = trimmed.strip_suffix(s.as_str())?;
            (head.is_empty() || head.ends_with([' ', ','])).then_some(head.trim_end_matches([' ', ',']).len())
        });
        let next = match cut {
            Some(n) if n > 0 => name[..n].to_owned(),
            _ if trimmed.len() < lower.len() && !trimmed.is_empty() => name[..trimmed.len()].to_owned(),
            _ => break,
        };
        name = next;
    }
    let name = strip_tld(&name).to_owned();
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    ((1..=5).contains(&words)
        && (first.is_uppercase() || first.is_ascii_digit() || name.chars().any(char::is_uppercase) || words <= 2)
        && name.chars().any(char::is_alphabetic))
    .then_some(name)
}

/// "OregonLive.com" → "OregonLive"; names that are not domains are kept.
fn strip_tld(name: &str) -> &str {
    if !name.contains('.') {
        return name;
    }
    for tld in TLDS {
        let cut = name.len().saturating_sub(tld.len());
        if let Some(end) = name.get(cut..)
            && (end == tld || end.bytes().zip(tld.bytes()).all(|(a, b)| a == b.to_ascii_uppercase()))
        {
            let head = &name[..cut];
            if !head.contains(' ') && !head.is_empty() {
                return head;
            }
        }
    }
    name
}

/// A comparison key for outlet names: lower case, letters and digits only, no leading "the",
/// no domain ending.
pub(crate) fn outlet_key(name: &str) -> String {
    let lower = strip_tld(name.trim()).to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The capitalised run of words at the start (`forward`) or end of a text: a name printed
/// after "About" or before "Staff". Stops at a sentence break.
fn name_run(text: &str, forward: bool, k: &Knowledge) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (w.len() > 1 && w.chars().skip(1).any(char::is_uppercase))
    };
    let mut run: Vec<&str> = Vec::new();
    let iter: Box<dyn Iterator<Item = &&str>> = if forward { Box::new(words.iter()) } else { Box::new(words.iter().rev()) };
    for w in iter {
        let stop = w.ends_with(['.', ',', ':', '!', '?']) && !w.ends_with(".com");
        let bare = w.trim_end_matches(['.', ',', ':', '!', '?', ')', '(']);
        // "The Gazette’s": the possessive ends the name.
        let possessive = ["’s", "'s", "’S", "'S"].iter().find_map(|p| bare.strip_suffix(p));
        if !capital(bare) || run.len() >= 5 {
            break;
        }
        run.push(possessive.unwrap_or(bare));
        if (stop || possessive.is_some()) && forward {
            break;
        }
    }
    if !forward {
        run.reverse();
    }
    while run.first().is_some_and(|w| k.bylines.lead_words.contains(&w.to_lowercase())) {
        run.remove(0);
    }
    if run.len() == 1 && k.is_stopword(&run[0].to_lowercase()) {
        return None;
    }
    brand_name(&run.join(" "), k)
}

/// Candidate outlet names, keyed by [`outlet_key`].
#[derive(Default)]
struct Candidates {
    list: Vec<(String, String, u32, String, bool)>, // key, display, score, evidence, seen in text
}

impl Candidates {
    fn add(&mut self, name: &str, score: u32, evidence: &str, text: bool) {
        let key = outlet_key(name);
        if key.len() < 2 {
            return;
        }
        match self.list.iter_mut().find(|c| c.0 == key) {
            Some(c) => {
                c.2 += score;
                if text && !c.4 {
                    // The form printed in the text is the one readers know.
                    c.1 = strip_tld(name).to_owned();
                    c.3 = evidence.to_owned();
                    c.4 = true;
                }
            }
            None => self.list.push((key, strip_tld(name).to_owned(), score, evidence.to_owned(), text)),
        }
    }
}

/// Two candidates that came to the same key: one, with the scores added.
fn merge_same_keys(c: &mut Candidates) {
    let mut i = 0;
    while i < c.list.len() {
        if let Some(j) = (0..i).find(|&j| c.list[j].0 == c.list[i].0) {
            let x = c.list.remove(i);
            c.list[j].2 += x.2;
            c.list[j].4 |= x.4;
        } else {
            i += 1;
        }
    }
}

/// Domain ends a site's address may carry.
const TLDS: [&str; 11] = [".com", ".co.uk", ".org", ".net", ".co", ".news", ".uk", ".in", ".ca", ".com.au", ".ie"];

/// The site labels of the web addresses and mail addresses in a line, lower case and as
/// printed: "mail news@example-gazette.com" → ("examplegazette", "example-gazette").
fn domain_labels(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Only words with a domain ending after one of their dots (most dots end sentences).
    let mut last_word = usize::MAX;
    let words = text.match_indices('.').filter_map(|(dot, _)| {
        let rest = &text.as_bytes()[dot..];
        let ending = TLDS.iter().any(|t| {
            rest.len() >= t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                && rest.get(t.len()).is_none_or(|b| !b.is_ascii_alphanumeric())
        });
        if !ending {
            return None;
        }
        let start = text[..dot].rfind(char::is_whitespace).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        if start == last_word {
            return None;
        }
        last_word = start;
        let end = text[dot..].find(char::is_whitespace).map_or(text.len(), |i| dot + i);
        Some(&text[start..end])
    });
    for word in words {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let host = word.rsplit('@').next().unwrap_or(word);
        let host = host.split("://").last().unwrap_or(host).split('/').next().unwrap_or(host);
        let lower = host.to_ascii_lowercase();
        let Some(tld) = TLDS.iter().filter(|t| lower.ends_with(*t)).max_by_key(|t| t.len()) else { continue };
        let head = &host[..host.len() - tld.len()];
        let label = head.rsplit('.').next().unwrap_or(head);
        if label.is_empty()
            || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            || !label.chars().any(|c| c.is_ascii_alphabetic())
        {
            continue;
        }
        let key: String = label.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        out.push((key, label.to_owned()));
    }
    out
}

/// The site's host label: "https://www.example-news.com/a/1" → "examplenews".
fn host_label(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !matches!(*l, "www" | "m" | "amp" | "edition" | "news" | "hosted")).collect();
    let main = if labels.len() >= 3 && labels[labels.len() - 2].len() <= 3 {
        labels[labels.len() - 3]
    } else {
        labels.get(labels.len().checked_sub(2)?)?
    };
    Some(main.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
}

/// A self-naming phrase of three or more words: in the body only such a phrase counts ("X is
/// published by", "editor and publisher of X").
fn strong(p: &&String) -> bool {
    p.split_whitespace().count() >= 3
}

/// Where phrase `j` was found on the line (`usize::MAX`: not found).
fn found(hits: &[usize], j: usize) -> Option<usize> {
    Some(hits[j]).filter(|&at| at != usize::MAX)
}

/// Names the body's lines give in unmistakable self-naming phrases.
fn body_phrases(c: &mut Candidates, e: &Extracted, k: &Knowledge) {
    let after = k.bylines.name_after.len();
    let mut hits = Vec::new();
    for l in e.lines.iter().enumerate().filter(|(i, l)| !outside_body(e, *i) && l.words <= 80).map(|(_, l)| l) {
        if !k.bylines.self_naming(&l.lower, &mut hits) {
            continue;
        }
        for (j, _) in k.bylines.name_before.iter().enumerate().filter(|(_, p)| strong(p)) {
            if let Some(at) = found(&hits, after + j)
                && let Some(name) = name_run(&l.text[..at], false, k)
            {
                c.add(&name, 2, &l.text, true);
            }
        }
        for (j, p) in k.bylines.name_after.iter().enumerate().filter(|(_, p)| strong(p)) {
            if let Some(at) = found(&hits, j)
                && let Some(name) = name_run(&l.text[at + p.len()..], true, k)
            {
                c.add(&name, 1, &l.text, true);
            }
        }
    }
}

/// Names the page's furniture (masthead, footer, lines around the body) gives: a copyright
/// holder, a self-naming phrase, a known site from the data file.
fn furniture_names(c: &mut Candidates, e: &Extracted, k: &Knowledge) {
    let (s, _) = e.body_range;
    let after = k.bylines.name_after.len();
    let mut hits = Vec::new();
    for (idx, l) in e.lines.iter().enumerate().filter(|(i, l)| outside_body(e, *i) && l.class != Class::Caption && !l.syndication) {
        if l.words > 40 {
            continue;
        }
        let lower = &l.lower;
        if is_copyright(lower)
            && !credits_part(&l.text)
            && let Some(name) = copyright_holder(&l.text, k)
        {
            c.add(&name, 3, &l.text, true);
        }
        if l.words <= 30 && k.bylines.self_naming(lower, &mut hits) {
            for (j, p) in k.bylines.name_after.iter().enumerate().filter(|(_, p)| l.words <= 14 || strong(p)) {
                // A phrase of a word or two opens the line; a longer one may stand anywhere.
                let at = if strong(&p) { found(&hits, j) } else { found(&hits, j).filter(|&at| at == 0) };
                if let Some(at) = at
                    && let Some(name) = name_run(&l.text[at + p.len()..], true, k)
                {
                    c.add(&name, 1, &l.text, true);
                }
            }
            for j in 0..k.bylines.name_before.len() {
                if let Some(at) = found(&hits, after + j)
                    && let Some(name) = name_run(&l.text[..at], false, k)
                {
                    c.add(&name, 2, &l.text, true);
                }
            }
        }
        // Known sites (data file): strongest in the masthead, a copyright line or opening a line.
        for (i, start) in outlet_hits(k, &l.text, lower) {
            let o = &k.outlets[i];
            if o.kind != OutletKind::Site {
                continue;
            }
            let weight = if (idx < s.min(15) && start == 0) || is_copyright(lower) {
                3
            } else if start == 0 || idx < s.min(15) {
                1
            } else {
                0
            };
            // The form printed (an alias such as "Example News" of "Example") is the page's own.
            let printed = l.text.get(start..).and_then(|t| {
                std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .filter_map(|n| t.get(..n.len()).filter(|p| p.eq_ignore_ascii_case(n)))
                    .max_by_key(|p| p.len())
            });
            c.add(printed.unwrap_or(&o.name), weight, &l.text, true);
        }
    }
}

/// Lines of their own (masthead, footer) back the candidates they print; a short form stands
/// for the masthead's name whose initials it is.
fn masthead_backing(c: &mut Candidates, e: &Extracted, k: &Knowledge) {
    let (s, _) = e.body_range;
    // A name printed on a line of its own (masthead, footer) backs a candidate.
    for (_, l) in e.lines.iter().enumerate().filter(|(i, l)| outside_body(e, *i) && (1..=4).contains(&l.words)) {
        let key = outlet_key(&l.text);
        if let Some(x) = c.list.iter_mut().find(|x| x.0 == key) {
            x.2 += 1;
        }
    }
    // A short form ("EX" of a copyright line) stands for a name printed on a line of its own
    // in the masthead whose initials it is ("Example Express"); a known outlet's short form
    // is its name already.
    let short_form = |x: &(String, String, u32, String, bool)| {
        x.4 && (2..=5).contains(&x.1.len())
            && x.1.chars().all(|c| c.is_ascii_uppercase())
            && !k.outlet_keys.iter().any(|(key, _)| *key == x.0)
    };
    for x in c.list.iter_mut().filter(|x| short_form(x)) {
        let full = e.lines[..s.min(e.lines.len())].iter().filter(|l| (2..=6).contains(&l.words)).find_map(|l| {
            let words: Vec<&str> = l.text.split_whitespace().collect();
            let capital = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
            let initials = |skip_the: bool| -> String {
                words.iter().skip(usize::from(skip_the && words[0] == "The")).filter_map(|w| w.chars().next()).collect()
            };
            (capital && (initials(true) == x.1 || initials(false) == x.1)).then(|| l.text.trim().to_owned())
        });
        if let Some(full) = full {
            x.0 = outlet_key(&full);
            x.1 = full;
            x.2 += 1;
        }
    }
}

/// The web addresses the page prints back the names they spell.
fn web_addresses(c: &mut Candidates, e: &Extracted) {
    // Web addresses the page prints (its own mail and links) back the name they spell
    // ("news@example-gazette.com" for "The Example Gazette"); a name printed only so
    // ("Example24.com") is a candidate of its own.
    let mut labels: Vec<(String, String)> = Vec::new();
    // The article's own text only where it gives an address ("write to news@…"): a story
    // may mention other sites.
    for (_, l) in e.lines.iter().enumerate().filter(|(i, l)| outside_body(e, *i) || l.text.contains('@')) {
        for (label, printed) in domain_labels(&l.text) {
            if !labels.iter().any(|(x, _)| *x == label) {
                labels.push((label, printed));
            }
        }
    }
    for (label, printed) in &labels {
        match c.list.iter_mut().find(|x| x.4 && (x.0 == *label || format!("the{}", x.0) == *label)) {
            Some(x) => x.2 += 1,
            None if printed.chars().any(char::is_uppercase) => c.add(printed, 1, printed, true),
            None => {}
        }
    }
}

/// The markup's names (og:site_name, publisher, the `<title>` suffix) weighed against the
/// names the text prints.
fn markup_names(c: &mut Candidates, e: &Extracted, k: &Knowledge, meta: &PageMeta) {
    // The markup's own names: one the text prints as it stands is the publication's; one
    // that only begins a printed name ("Example" and "Example West Region") names it without
    // the edition or section.
    let markup = [
        meta.site_name.as_deref().and_then(|n| brand_name(n, k)).map(|n| (format!("og:site_name {n}"), n)),
        meta.publisher.as_deref().and_then(|n| brand_name(n, k)).map(|n| (format!("publisher {n}"), n)),
        meta.html_title.as_deref().and_then(title_suffix).and_then(|n| brand_name(n, k)).map(|n| (format!("<title> … {n}"), n)),
    ];
    let confirmed = markup[..2].iter().flatten().any(|(_, n)| c.list.iter().any(|x| x.4 && x.0 == outlet_key(n)));
    for (j, (evidence, n)) in markup.into_iter().enumerate().filter_map(|(j, m)| Some((j, m?))) {
        let key = outlet_key(&n);
        if let Some(x) = c.list.iter_mut().find(|x| x.4 && x.0 == key) {
            // The `<title>` suffix is the weakest of the three.
            x.2 += if j < 2 { 6 } else { 2 };
            continue;
        }
        let words = n.split_whitespace().count();
        if confirmed || j == 2 {
            c.add(&n, 2, &evidence, false);
            continue;
        }
        let edition = c.list.iter().position(|x| {
            x.4 && x.1.split_whitespace().count() > words
                && outlet_key(&x.1.split_whitespace().take(words).collect::<Vec<_>>().join(" ")) == key
        });
        if let Some(i) = edition {
            let head = c.list[i].1.split_whitespace().take(words).collect::<Vec<_>>().join(" ");
            let (score, ev) = (c.list[i].2, c.list[i].3.clone());
            c.list[i].2 = 0;
            c.add(&head, score + 2, &ev, true);
            continue;
        }
        // Printed as it stands in the page's furniture (a logo's text, a footer) though no
        // phrase named it there.
        let printed =
            e.lines.iter().enumerate().filter(|(i, _)| outside_body(e, *i)).find_map(|(_, l)| {
                l.text.match_indices(n.as_str()).any(|(at, _)| whole_word(&l.text, at, at + n.len())).then_some(&l.text)
            });
        match printed {
            Some(line) => c.add(&n, 4, line, true),
            None => c.add(&n, 2, &evidence, false),
        }
    }
}

/// Candidates that name one publication lend each other their weight: a markup name that
/// extends a printed one, "Example News" beside "Example", the page's own address.
fn reconcile(c: &mut Candidates, meta: &PageMeta) {
    // A markup name that extends a name the text prints ("Slate Magazine", "Slate") lends it its weight.
    let text_keys: Vec<(usize, String)> = c.list.iter().enumerate().filter(|(_, x)| x.4).map(|(i, x)| (i, x.1.to_lowercase())).collect();
    for j in 0..c.list.len() {
        if c.list[j].4 {
            continue;
        }
        let long = c.list[j].1.to_lowercase();
        if let Some((i, _)) = text_keys.iter().find(|(_, t)| long.starts_with(&format!("{t} "))) {
            c.list[*i].2 += c.list[j].2;
            c.list[j].2 = 0;
        }
    }
    // "Example News" and "Example" both printed: the page is the news service's.
    for j in 0..c.list.len() {
        let Some(head) = c.list[j].1.strip_suffix(" News").map(outlet_key) else { continue };
        if c.list[j].4
            && c.list[j].2 >= 2
            && let Some(i) = c.list.iter().position(|x| x.4 && x.0 == head)
        {
            c.list[j].2 += c.list[i].2;
            c.list[i].2 = 0;
        }
    }
    if let Some(label) = meta.url.as_deref().and_then(host_label) {
        for x in c.list.iter_mut() {
            if x.0 == label || (label.len() >= 4 && x.0.starts_with(&label)) {
                x.2 += 2;
            }
        }
    }
}

/// The best candidate (agencies last), under its data file name.
fn choose(c: &Candidates, k: &Knowledge) -> Option<Attributed> {
    // Agencies are outlets only when nothing else names the site.
    let agency =
        |name: &str| k.outlets_in(name, &lowercase(name)).any(|(i, r)| r.len() == name.len() && k.outlets[i].kind == OutletKind::Agency);
    let best = c.list.iter().filter(|x| x.2 > 0).max_by_key(|x| (!agency(&x.1), x.2, x.4))?;
    // A known outlet's alias stands for its name ("AMN" → "Example Military News"), unless the
    // alias extends it ("Example News" of "Example"): that is the service the page names.
    let canonical = k
        .outlet_keys
        .iter()
        .find(|(key, _)| *key == best.0)
        .map(|(_, i)| &k.outlets[*i])
        .filter(|o| !lowercase(&best.1).starts_with(&format!("{} ", lowercase(&o.name))))
        .map(|o| o.name.clone());
    Some(Attributed {
        name: canonical.unwrap_or_else(|| best.1.clone()),
        source: if best.4 { Source::Text } else { Source::Markup },
        evidence: best.3.clone(),
    })
}

/// The publishing site: the name the page gives itself. Candidates come from the markup
/// (`og:site_name`, JSON-LD publisher, the `<title>` suffix), copyright lines (owner
/// companies left out), self-naming phrases ("About X", "X Staff", "Follow X"), domains
/// printed in the page and known outlets at the top of the page; the name with the most
/// evidence wins, in the form the text prints.
pub fn outlet(e: &Extracted, k: &Knowledge, meta: &PageMeta) -> Option<Attributed> {
    let mut c = Candidates::default();
    body_phrases(&mut c, e, k);
    furniture_names(&mut c, e, k);
    masthead_backing(&mut c, e, k);
    merge_same_keys(&mut c);
    web_addresses(&mut c, e);
    markup_names(&mut c, e, k, meta);
    reconcile(&mut c, meta);
    choose(&c, k)
}

/// "Headline | Site" or "Headline - Site" → "Site".
pub fn title_suffix(title: &str) -> Option<&str> {
    [" | ", " - ", " – ", " — ", " :: ", " · "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| &title[i + sep.len()..]))
        .filter(|s| (1..=5).contains(&s.split_whitespace().count()))
        .min_by_key(|s| s.len())
}

/// The title without a " | Site" suffix.
pub fn strip_title_suffix(title: &str) -> &str {
    match title_suffix(title) {
        Some(s) => {
            title[..title.len() - s.len()].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':' | '·'))
        }
        None => title,
    }
}

fn outside_body(e: &Extracted, i: usize) -> bool {
    let (s, t) = e.body_range;
    i < s || i >= t || e.lines[i].class != Class::Good
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

/// The lines where a byline or dateline may be, best first: the few lines under the
/// title, a couple above it, and those just above the body.
pub fn header_lines(e: &Extracted, title_line: Option<usize>) -> Vec<usize> {
    let (s, _) = e.body_range;
    let n = e.lines.len();
    let mut out: Vec<usize> = Vec::new();
    let mut push = |i: usize| {
        if i < n && !out.contains(&i) && outside_body(e, i) && e.lines[i].class != Class::Caption {
            out.push(i);
        }
    };
    if let Some(t) = title_line {
        (t + 1..=t + 8).for_each(&mut push);
        (t.saturating_sub(2)..t).for_each(&mut push);
    }
    (s.saturating_sub(4)..s).for_each(&mut push);
    out
}

fn is_role(k: &Knowledge, w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    k.bylines.roles.contains(&w)
}

/// Does a piece of a byline read as a person's (or agency's) name?
fn looks_like_name(s: &str, k: &Knowledge) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(1..=5).contains(&words.len()) || s.len() > 60 {
        return false;
    }
    let lower = s.to_lowercase();
    if k.bylines.generic.contains(&lower) || k.bylines.labels.contains(&lower) {
        return false;
    }
    let date_word = |w: &str| k.dates.is_weekday(w) || k.dates.month(w).is_some();
    if words.iter().any(|w| DATE_LABELS.contains(&w.trim_end_matches(':').to_lowercase().as_str()) || date_word(w) || k.dates.is_zone(w)) {
        return false;
    }
    words.iter().all(|w| {
        (w.chars().next().is_some_and(char::is_uppercase) || k.bylines.particles.contains(&w.to_lowercase()))
            && !w.chars().any(|c| c.is_ascii_digit() || c == '@' || c == '/')
    }) && words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Words that label a date line ("Published", "Updated on"), not names.
const DATE_LABELS: &[&str] = &["published", "updated", "posted", "modified", "last", "first", "date", "on", "at", "edited", "created"];

/// Cut what follows the names in a byline: a date, a handle or e-mail, a "| Outlet" part.
fn byline_names_part<'a>(rest: &'a str, k: &Knowledge) -> &'a str {
    let mut end = rest.len();
    for sep in ['|', '•', '·', '—', '–', '(', '\u{a0}'] {
        if let Some(i) = rest.find(sep) {
            end = end.min(i);
        }
    }
    for sep in [" - ", " on ", " at ", " updated", " published", " posted"] {
        if let Some(i) = lowercase(rest).find(sep) {
            end = end.min(i);
        }
    }
    if let Some(d) = dates::find_date_with(rest, &k.dates)
        && let Some(i) = rest.find(&d.evidence)
    {
        end = end.min(i);
    }
    if let Some(at) = rest.find('@') {
        // "Jane Roe@handle" (handle run on) or "Jane Roe jroe@example.com" (e-mail).
        let token_start = rest[..at].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let glued = rest[token_start..at].chars().next().is_some_and(char::is_uppercase);
        end = end.min(if glued { at } else { token_start });
    }
    rest[..end].trim().trim_end_matches([',', ':', '-']).trim()
}

/// Names of a byline's name part: split on commas and "and", roles and employers left out;
/// an agency stays (it is the byline's author), a site does not (it is an affiliation).
fn byline_names(part: &str, k: &Knowledge) -> Vec<String> {
    let mut out = Vec::new();
    let pieces: Vec<&str> = part.split([',', ';', '&']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" AND ")).collect();
    let count = pieces.len();
    for (n, piece) in pieces.into_iter().enumerate() {
        let mut piece = piece.trim().trim_end_matches('.').trim().to_owned();
        if piece.is_empty() {
            continue;
        }
        // A known outlet: an agency is an author; a site is where the author works.
        let lower = lowercase(&piece);
        let hit = k.outlets_in(&piece, &lower).find(|(_, r)| r.end == piece.len());
        if let Some((i, r)) = hit {
            if r.start == 0 {
                if k.outlets[i].kind == OutletKind::Agency {
                    out.push(piece.clone());
                }
                continue;
            }
            piece = piece[..r.start].trim().to_owned();
        }
        // Trailing job title: "Jane Roe Senior Contributor".
        let mut words: Vec<&str> = piece.split_whitespace().collect();
        let had_role = words.iter().any(|w| is_role(k, w));
        while words.len() > 1 && words.last().is_some_and(|w| is_role(k, w)) {
            words.pop();
        }
        // "Jane Roe, Example National Political Writer": a comma piece with a job title is no name.
        if had_role && (n > 0 || words.iter().any(|w| is_role(k, w))) {
            continue;
        }
        if words.first().is_some_and(|w| is_role(k, w)) {
            continue;
        }
        // "… and John Q. Doe Example Gazette": the last name of a list keeps its first words.
        if n + 1 == count && count > 1 && words.len() > 3 {
            let keep = if words.get(1).is_some_and(|w| w.len() <= 2 && w.ends_with('.')) { 3 } else { 2 };
            words.truncate(keep);
        }
        let name = words.join(" ");
        if looks_like_name(&name, k) && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A byline label at the start of a line ("By", "Written by:"): the text after it.
fn after_label<'a>(t: &'a str, k: &Knowledge) -> Option<&'a str> {
    let lower = lowercase(t);
    k.bylines.labels.iter().find_map(|l| {
        let rest = lower.strip_prefix(l.as_str())?;
        (rest.is_empty() || rest.starts_with([' ', ':'])).then(|| t[t.len() - rest.len()..].trim_start_matches([' ', ':']).trim())
    })
}

/// Does a line show a date, a relative time ("2 hours ago"), a handle or a job title: the
/// company a bare name keeps in a byline block?
fn byline_company(l: &Line, k: &Knowledge) -> bool {
    let t = l.text.as_str();
    dates::find_date_with(t, &k.dates).is_some()
        || (l.lower.contains(" ago") && t.chars().any(|c| c.is_ascii_digit()))
        || t.starts_with('@')
        || (l.words <= 5 && t.split_whitespace().all(|w| is_role(k, w)))
        || k.dates.published.iter().chain(&k.dates.updated).any(|p| l.lower.starts_with(p.as_str()))
}

/// The byline under the title (or above the body): names with the line that shows them.
pub fn authors(e: &Extracted, header: &[usize], title_line: Option<usize>, k: &Knowledge) -> Vec<(String, String)> {
    for &i in header {
        let l = &e.lines[i];
        let t = l.text.trim();
        let names = if let Some(rest) = after_label(t, k) {
            if rest.is_empty() {
                // "By" on its own line, the names on the next.
                e.lines.get(i + 1).map(|n| byline_names(byline_names_part(&n.text, k), k)).unwrap_or_default()
            } else {
                byline_names(byline_names_part(rest, k), k)
            }
        } else if let Some(d) = dates::find_date_with(t, &k.dates) {
            // "5:45 AM PST 06/02/2021 by Jo Bloggs", "June 2, 2021 Jo Bloggs", "Jo Bloggs - June 2, 2021"
            let at = t.find(&d.evidence).unwrap_or(0);
            let after = t[at + d.evidence.len()..].trim_start_matches(|c: char| !c.is_alphanumeric());
            let before = t[..at].trim();
            if let Some(rest) = after_label(after, k) {
                byline_names(byline_names_part(rest, k), k)
            } else if !after.is_empty() && looks_like_name(after, k) {
                byline_names(after, k)
            } else if !before.is_empty() && l.words <= 16 {
                byline_names(byline_names_part(before, k), k)
            } else {
                Vec::new()
            }
        } else if let Some((a, b)) = t.split_once(" by ").filter(|(a, b)| a.trim() == b.trim()) {
            // "Jane Roe by Jane Roe": an author link and its label scraped together.
            let _ = b;
            byline_names(a.trim(), k)
        } else if title_line.is_some_and(|tl| i > tl && i <= tl + 3) && l.words <= 12 {
            // A bare name right under the title, next to a date, handle or job title.
            let near = [i.wrapping_sub(1), i + 1, i + 2].into_iter().filter_map(|j| e.lines.get(j)).any(|n| byline_company(n, k));
            let names = byline_names(byline_names_part(t, k), k);
            // The names are the line (give or take a job title or an employer after a list).
            let has_role = t.split_whitespace().any(|w| is_role(k, w));
            let whole = names.iter().map(|n| n.split_whitespace().count()).sum::<usize>() + 2 >= l.words || names.len() >= 2 || has_role;
            let near = near || has_role;
            if near && whole && !names.is_empty() && !names.iter().all(|n| !n.contains(' ')) { names } else { Vec::new() }
        } else {
            Vec::new()
        };
        if !names.is_empty() {
            return names.into_iter().map(|n| (n, t.to_owned())).collect();
        }
    }
    Vec::new()
}

/// The markup's authors that are people or agencies: not the outlet or site itself, not a
/// credit that names no one ("Staff Reports").
pub fn markup_authors(meta: &PageMeta, outlet: Option<&str>, k: &Knowledge) -> Vec<String> {
    let site_keys: Vec<String> =
        [outlet, meta.site_name.as_deref(), meta.publisher.as_deref()].into_iter().flatten().map(outlet_key).collect();
    meta.authors
        .iter()
        .filter(|a| {
            let key = outlet_key(a);
            let lower = a.to_lowercase();
            let site = k.outlets_in(a, &lowercase(a)).any(|(i, r)| r.len() == a.len() && k.outlets[i].kind != OutletKind::Agency);
            !site_keys.iter().any(|s| *s == key || s.starts_with(&key) || key.starts_with(s.as_str()))
                && !site
                && !k.bylines.generic.contains(&lower)
        })
        .cloned()
        .collect()
}

/// Is the day of `a` (YYYY-MM-DD…) within one day of `b`'s? (A markup instant in UTC may fall
/// on the next or previous day of the local time the page prints.)
fn near_day(a: &str, b: &str) -> bool {
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
fn copyright_year(e: &Extracted) -> Option<(String, String)> {
    e.lines.iter().enumerate().filter(|(i, l)| outside_body(e, *i) && is_copyright(&l.lower) && l.words <= 40).rev().find_map(|(_, l)| {
        crate::process::extract::words(&l.text)
            .filter(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|w| w.parse::<u32>().ok())
            .filter(|y| (1990..=2100).contains(y))
            .max()
            .map(|y| (y.to_string(), l.text.clone()))
    })
}

/// The publication date as the page prints it: the first date under the title (a line
/// labelled "Published" first), else a labelled date line elsewhere outside the body. The
/// markup's date picks among printed dates (the same day, allowing for time zones) and is
/// used itself only when the page prints no date at all, not even a copyright year.
pub fn date(e: &Extracted, header: &[usize], k: &Knowledge, meta: &PageMeta) -> Option<DateInfo> {
    let w = &k.dates;
    let labelled = |l: &Line, labels: &[String]| labels.iter().any(|p| l.lower.starts_with(p.as_str()));
    let found: Vec<(dates::FoundDate, bool)> = header
        .iter()
        .filter_map(|&i| {
            let l = &e.lines[i];
            dates::find_date_with(&l.text, w).map(|d| (d, labelled(l, &w.published)))
        })
        .collect();
    let mut visible = found.iter().find(|(_, p)| *p).or(found.first()).map(|(d, _)| d.clone());
    if visible.is_none() {
        visible =
            e.lines.iter().enumerate().filter(|(i, _)| outside_body(e, *i)).find_map(|(_, l)| {
                (labelled(l, &w.published) || labelled(l, &w.updated)).then(|| dates::find_date_with(&l.text, w)).flatten()
            });
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
        return Some(DateInfo { value: f.value, precision: f.precision, source: Source::Text, evidence: f.evidence });
    }
    if let Some((year, evidence)) = copyright_year(e) {
        return Some(DateInfo { value: year, precision: Precision::Year, source: Source::Text, evidence });
    }
    let (value, precision) = markup?;
    Some(DateInfo { value, precision, source: Source::Markup, evidence: meta.published.clone().unwrap_or_default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::extract::{Block, extract};

    fn k() -> &'static Knowledge {
        Knowledge::builtin()
    }

    #[test]
    fn copyright_holders() {
        assert_eq!(copyright_holder("Copyright @ 2024. Firstpost - All Rights Reserved", k()).as_deref(), Some("Firstpost"));
        assert_eq!(copyright_holder("© 2021 Example Daily News. All rights reserved.", k()).as_deref(), Some("Example Daily News"));
        assert_eq!(copyright_holder("©2021 Example News Network, LLC", k()).as_deref(), Some("Example News"));
        assert_eq!(copyright_holder("© 2021 Hearst Communications, Inc.", k()), None, "an owner company is not the outlet");
        assert_eq!(copyright_holder("© 2021 ExampleTimes.com. All rights reserved", k()).as_deref(), Some("ExampleTimes"));
        assert_eq!(copyright_holder("©2022 «AFP» все права защищены", k()).as_deref(), Some("AFP"));
    }

    #[test]
    fn titles_lose_their_site_suffix() {
        assert_eq!(title_suffix("Bridge to be rebuilt | The Example Gazette"), Some("The Example Gazette"));
        assert_eq!(strip_title_suffix("Bridge to be rebuilt - Example Gazette"), "Bridge to be rebuilt");
        assert_eq!(strip_title_suffix("A headline with no site"), "A headline with no site");
        assert_eq!(host_label("https://www.examplegazette.co.uk/news/1").as_deref(), Some("examplegazette"));
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Jane Roe", k()));
        assert!(looks_like_name("JANE ROE", k()));
        assert!(looks_like_name("Ludwig van Beethoven", k()));
        assert!(!looks_like_name("Wednesday", k()));
        assert!(!looks_like_name("in Indo-Pacific", k()));
        assert!(!looks_like_name("March", k()));
        assert!(!looks_like_name("Published", k()));
        assert!(!looks_like_name("EST", k()));
        assert!(!looks_like_name("Staff Reports", k()));
    }

    #[test]
    fn markup_authors_are_people() {
        let meta = PageMeta {
            site_name: Some("Example Gazette".into()),
            authors: vec!["Jane Roe".into(), "Example Gazette".into(), "Staff Reports".into(), "Reuters".into()],
            ..PageMeta::default()
        };
        assert_eq!(markup_authors(&meta, Some("Example Gazette"), k()), vec!["Jane Roe", "Reuters"]);
    }

    #[test]
    fn byline_shapes() {
        let names = |line: &str| byline_names(byline_names_part(after_label(line, k()).unwrap_or(line), k()), k());
        assert_eq!(names("By Jane Roe | Example Gazette"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe and John Doe"), vec!["Jane Roe", "John Doe"]);
        assert_eq!(names("By JANE ROE, JOHN DOE and ANN LEE"), vec!["JANE ROE", "JOHN DOE", "ANN LEE"]);
        assert_eq!(names("Jane Roe, Associated Press"), vec!["Jane Roe", "Associated Press"]);
        assert_eq!(names("By Jane Roe, CNN"), vec!["Jane Roe"]);
        assert_eq!(names("Jane Q. Roe Senior Contributor"), vec!["Jane Q. Roe"]);
        assert_eq!(names("Jane Roe, Chief Political Writer"), vec!["Jane Roe"]);
        assert_eq!(names("Jane Roe, Xy National Political Writer"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe@janeroe Mar 3, 2021, 7:53pm EST"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe jroe@example.com"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe on Friday, March 5th, 2021 at 11:04 a.m."), vec!["Jane Roe"]);
        assert_eq!(names("Jane Roe and John Q. Doe Example Valley Gazette"), vec!["Jane Roe", "John Q. Doe"]);
        assert!(names("By Staff Reports").is_empty());
    }

    const PARA: &str =
        "The council said on Tuesday that work on the old bridge over the river would start next spring, after years of delay.";
    const PARA2: &str =
        "Engineers told the council that the bridge can no longer carry buses, and that the repairs would take about two years.";
    const PARA3: &str =
        "Residents of both banks have asked the council for a new bridge since the old one was closed to lorries in the winter.";

    fn page(lines: &[&str]) -> Extracted {
        extract(lines.iter().map(|l| Block::plain(*l)).collect(), k())
    }

    #[test]
    fn byline_and_date_under_the_title() {
        let e = page(&[
            "Wednesday, March 10, 2021",
            "Home",
            "Council to rebuild the old bridge next spring",
            "Jane Roe",
            "Mar. 3, 2021 9:02 a.m. ET",
            PARA,
            PARA2,
            PARA3,
            "© 2021 Example Corp",
        ]);
        let title = e.title.as_ref().map(|t| t.0);
        assert_eq!(title, Some(2));
        let header = header_lines(&e, title);
        let authors: Vec<String> = authors(&e, &header, title, k()).into_iter().map(|a| a.0).collect();
        assert_eq!(authors, vec!["Jane Roe"]);
        let d = date(&e, &header, k(), &PageMeta::default()).unwrap();
        assert_eq!((d.value.as_str(), d.precision), ("2021-03-03T09:02", Precision::Minute));
    }

    #[test]
    fn copyright_year_when_no_date_is_printed_and_markup_only_picks() {
        let e = page(&["Council to rebuild the old bridge next spring", "By Jane Roe", PARA, PARA2, PARA3, "© 2021 Example Gazette"]);
        let header = header_lines(&e, Some(0));
        let d = date(&e, &header, k(), &PageMeta::default()).unwrap();
        assert_eq!((d.value.as_str(), d.precision), ("2021", Precision::Year));
        let e = page(&[
            "Today's paper: March 10, 2021",
            "Council to rebuild the old bridge next spring",
            "By Jane Roe",
            PARA,
            PARA2,
            PARA3,
            "Posted March 3, 2021 9:02 PM",
        ]);
        let header = header_lines(&e, Some(1));
        let meta = PageMeta { published: Some("2021-03-04T02:02:00Z".into()), ..PageMeta::default() };
        let d = date(&e, &header, k(), &meta).unwrap();
        assert_eq!(d.value, "2021-03-03T21:02", "the printed time of the markup's day, not converted");
    }

    #[test]
    fn outlet_is_the_site_not_its_owner() {
        let e = page(&[
            "Example Gazette",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "About Example Gazette",
            "Example Gazette Staff",
            "© 2021 Hearst Communications, Inc.",
        ]);
        let o = outlet(&e, k(), &PageMeta::default()).unwrap();
        assert_eq!(o.name, "Example Gazette");
        let meta = PageMeta { site_name: Some("Example Gazette Online".into()), ..PageMeta::default() };
        assert_eq!(outlet(&e, k(), &meta).unwrap().name, "Example Gazette");
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Jane Roe is a reporter for Valley Tribune."]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Valley Tribune");
    }

    #[test]
    fn markup_picks_among_printed_forms() {
        let e = page(&[
            "Lakeside Account",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Why you can trust Lakeside Radio",
            "About Lakeside",
            "About Lakeside",
            "© 2021 Lakeside",
        ]);
        let meta = PageMeta { site_name: Some("Lakeside Radio".into()), ..PageMeta::default() };
        assert_eq!(outlet(&e, k(), &meta).unwrap().name, "Lakeside Radio", "the markup names one of the two printed forms");
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Lakeside");
        // The markup's name begins a printed one: the rest is an edition.
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Keep up to date with FactHound North Region"]);
        let meta = PageMeta { site_name: Some("@facthound".into()), ..PageMeta::default() };
        assert_eq!(outlet(&e, k(), &meta).unwrap().name, "FactHound");
    }

    #[test]
    fn markup_name_printed_in_the_masthead() {
        let e = page(&["Harbor Ledger", "Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "© 2020 Tidewater Weather"]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Tidewater Weather");
        let meta = PageMeta { site_name: Some("Harbor Ledger".into()), ..PageMeta::default() };
        let o = outlet(&e, k(), &meta).unwrap();
        assert_eq!((o.name.as_str(), o.source), ("Harbor Ledger", Source::Text));
    }

    #[test]
    fn a_news_service_and_its_parent_brand() {
        let e = page(&[
            "Corvid Account",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Why you can trust Corvid News",
            "Contact Corvid News",
            "About the Corvid",
            "Copyright © 2021 Corvid.",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Corvid News");
    }

    #[test]
    fn part_credits_initials_and_addresses() {
        // A data credit is not the site.
        let e = page(&[
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Follow Owl Valley Times online:",
            "Weather data © SKYCO 2020",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Owl Valley Times");
        // A copyright holder's initials stand for the name printed on its own.
        let e = page(&[
            "Harbor City Ledger",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Harbor City Ledger",
            "© 2020 HCL Holdings, Inc.",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Harbor City Ledger");
        // Only a mail address names the site.
        let e =
            page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Tips? Write to tips@Newsly24.com or call us."]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Newsly24");
        assert_eq!(
            domain_labels("mail jo@the-ledger.co.uk, see https://www.x.com/a"),
            [("theledger".to_owned(), "the-ledger".to_owned()), ("x".to_owned(), "x".to_owned())]
        );
    }

    #[test]
    fn known_aliases_read_as_the_name_unless_they_extend_it() {
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "© 2021 AMN. All rights reserved."]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "American Military News");
        // A known short form is not spelled out from a line that happens to have its initials.
        let e = page(&[
            "Apple Music Now",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "© 2021 AMN. All rights reserved.",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "American Military News");
    }

    #[test]
    fn no_panic_on_multibyte_lines() {
        let e =
            page(&["©2022 «AFP» все права", "Заголовок статьи", PARA, PARA2, PARA3, "2022-09-14—Москва", "©2022 «AFP» все права защищены"]);
        let header = header_lines(&e, Some(1));
        let _ = outlet(&e, k(), &PageMeta::default());
        let _ = origin(&e, k(), None);
        let _ = authors(&e, &header, Some(1), k());
        let _ = date(&e, &header, k(), &PageMeta::default());
    }

    proptest::proptest! {
        #[test]
        fn metadata_never_panics(lines in proptest::collection::vec("\\PC{0,40}", 1..8)) {
            let mut all: Vec<&str> = lines.iter().map(String::as_str).collect();
            all.extend([PARA, PARA2, PARA3]);
            all.extend(lines.iter().map(String::as_str));
            let e = page(&all);
            let header = header_lines(&e, Some(0));
            let _ = outlet(&e, k(), &PageMeta::default());
            let _ = origin(&e, k(), None);
            let _ = authors(&e, &header, Some(0), k());
            let _ = date(&e, &header, k(), &PageMeta::default());
            for l in &lines {
                let _ = domain_labels(&format!("{l}.com {l}@{l}.co.uk/{l} é.org"));
                let _ = strip_tld(&format!("{l}.cOm"));
                let _ = copyright_holder(l, k());
                let _ = byline_names(byline_names_part(l, k()), k());
            }
        }
    }
}
