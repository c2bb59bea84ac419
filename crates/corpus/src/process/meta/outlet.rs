//! The outlet: the name the publication gives itself, from its text and markup.

use super::*;

pub(super) fn is_copyright(lower: &str) -> bool {
    lower.contains('©') || lower.starts_with("copyright") || lower.contains("all rights reserved")
}

/// Outlet mentions in a text, as (outlet index, start) with short names matched case-sensitively.
pub(super) fn outlet_hits<'a>(k: &'a Knowledge, text: &'a str, lower: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
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
pub(super) fn credits_part(text: &str) -> bool {
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
pub(super) fn copyright_holder(text: &str, k: &Knowledge) -> Option<String> {
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
pub(super) fn strip_tld(name: &str) -> &str {
    if !name.contains('.') {
        return name;
    }
    for tld in TLDS {
        let cut = name.len().saturating_sub(tld.len());
        if let Some(end) = name.get(cut..)
            && (end == tld || end.bytes().zip(tld.bytes()).all(|(a, b)| a == b.to_ascii_uppercase()))
        {
            let head = &name[..cut];
            // "AL.com", "NJ.com": two or three letters alone are no name.
            if !head.contains(' ') && head.chars().count() > 3 {
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
pub(super) fn name_run(text: &str, forward: bool, k: &Knowledge) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (w.len() > 1 && w.chars().skip(1).any(char::is_uppercase))
    };
    let mut run: Vec<&str> = Vec::new();
    let iter: Box<dyn Iterator<Item = &&str>> = if forward { Box::new(words.iter()) } else { Box::new(words.iter().rev()) };
    for w in iter {
        // Initials ("U.S.", "A.V.") end in a point that ends no sentence.
        let initials = w.len() >= 4
            && w.ends_with('.')
            && w.trim_end_matches('.').split('.').all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
        if initials && run.len() < 5 {
            run.push(w);
            continue;
        }
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
pub(super) struct Candidates {
    list: Vec<(String, String, u32, String, bool)>, // key, display, score, evidence, seen in text
}

impl Candidates {
    pub(super) fn add(&mut self, name: &str, score: u32, evidence: &str, text: bool) {
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
pub(super) fn merge_same_keys(c: &mut Candidates) {
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
pub(super) const TLDS: [&str; 11] = [".com", ".co.uk", ".org", ".net", ".co", ".news", ".uk", ".in", ".ca", ".com.au", ".ie"];

/// The site labels of the web addresses and mail addresses in a line, lower case and as
/// printed: "mail news@example-gazette.com" → ("examplegazette", "example-gazette").
pub(super) fn domain_labels(text: &str) -> Vec<(String, String)> {
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
pub(super) fn host_label(url: &str) -> Option<String> {
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
pub(super) fn strong(p: &&String) -> bool {
    p.split_whitespace().count() >= 3
}

/// Where phrase `j` was found on the line (`usize::MAX`: not found).
pub(super) fn found(hits: &[usize], j: usize) -> Option<usize> {
    Some(hits[j]).filter(|&at| at != usize::MAX)
}

/// Names the body's lines give in unmistakable self-naming phrases.
pub(super) fn body_phrases(c: &mut Candidates, e: &Extracted, k: &Knowledge) {
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
pub(super) fn furniture_names(c: &mut Candidates, e: &Extracted, k: &Knowledge) {
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
pub(super) fn masthead_backing(c: &mut Candidates, e: &Extracted, k: &Knowledge) {
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
pub(super) fn web_addresses(c: &mut Candidates, e: &Extracted) {
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
pub(super) fn markup_names(c: &mut Candidates, e: &Extracted, k: &Knowledge, meta: &PageMeta) {
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
pub(super) fn reconcile(c: &mut Candidates, meta: &PageMeta) {
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

/// The weight at which an agency named far more than any other name ([`AGENCY_SITE_RATIO`]
/// times) is the page's own site: Bloomberg's page names Bloomberg in its markup, title and
/// copyright, and a partner's logo once.
const AGENCY_SITE_WEIGHT: u32 = 8;
const AGENCY_SITE_RATIO: u32 = 4;

/// The best candidate (agencies last), under its data file name.
pub(super) fn choose(c: &Candidates, k: &Knowledge) -> Option<Attributed> {
    // Agencies are outlets only when nothing else names the site, or when the page names the
    // agency far more than anything else (its own site: og:site_name, copyright, masthead).
    let agency = |name: &str| k.outlet_kind(name) == Some(OutletKind::Agency);
    let by_weight = |x: &&(String, String, u32, String, bool)| (x.2, x.4);
    let site = c.list.iter().filter(|x| x.2 > 0 && !agency(&x.1)).max_by_key(by_weight);
    let wire = c.list.iter().filter(|x| x.2 > 0 && agency(&x.1)).max_by_key(by_weight);
    let best = match (site, wire) {
        (Some(s), Some(w)) if w.2 >= AGENCY_SITE_WEIGHT && w.2 >= AGENCY_SITE_RATIO * s.2 => w,
        (Some(s), _) => s,
        (None, w) => w?,
    };
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
        name: canonical.unwrap_or_else(|| best.1.clone()).into(),
        source: if best.4 { Source::Text } else { Source::Markup },
        evidence: best.3.clone().into(),
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
