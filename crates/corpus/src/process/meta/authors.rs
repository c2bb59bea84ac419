//! Authors: bylines in the text, and the markup's authors.

use super::*;

pub(super) fn is_role(k: &Knowledge, w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    k.bylines.roles.contains(&w)
}

/// Does a piece of a byline read as a person's (or agency's) name?
pub(super) fn looks_like_name(s: &str, k: &Knowledge) -> bool {
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
            && !w.ends_with(':')
            && !glued_words(w)
    }) && words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Two words run together, as link texts scraped without a space are ("PrintEmail"): a
/// capital after five letters or more. A name's inner capital comes sooner ("McDonald",
/// "MacArthur", "DeSantis", "FitzGerald").
fn glued_words(w: &str) -> bool {
    let mut lower_run = 0;
    for c in w.chars().skip(1) {
        if c.is_uppercase() && lower_run >= 4 {
            return true;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    false
}

/// Words that label a date line ("Published", "Updated on"), not names.
pub(super) const DATE_LABELS: &[&str] =
    &["published", "updated", "posted", "modified", "last", "first", "date", "on", "at", "edited", "created"];

/// Cut what follows the names in a byline: a date, a handle or e-mail, a "| Outlet" part.
pub(super) fn byline_names_part<'a>(rest: &'a str, k: &Knowledge) -> &'a str {
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
pub(super) fn byline_names(part: &str, k: &Knowledge) -> Vec<String> {
    let mut out = Vec::new();
    let pieces: Vec<&str> = part.split([',', ';', '&']).flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" AND ")).collect();
    let count = pieces.len();
    for (n, piece) in pieces.into_iter().enumerate() {
        let mut piece = piece.trim().trim_end_matches('.').trim().to_owned();
        if piece.is_empty() || party_and_state(&piece) {
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
        // "Joanna Connors, The Plain Dealer": after a name, "The …" is where the author works
        // (an agency, "The Associated Press", was kept above).
        if n > 0 && words.first().is_some_and(|w| *w == "The") {
            continue;
        }
        // "… and John Q. Doe Example Gazette": the last name of a list keeps its first words.
        if n + 1 == count && count > 1 && words.len() > 3 {
            let keep = if words.get(1).is_some_and(|w| w.len() <= 2 && w.ends_with('.')) { 3 } else { 2 };
            words.truncate(keep);
        }
        // One word is no byline name ("Redaktion", "Bonn, 11.10.2021", "Von Hexen, …"):
        // a person signs with two or more, and an agency was kept above.
        if words.len() < 2 {
            continue;
        }
        let name = words.join(" ");
        if looks_like_name(&name, k) && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A byline label at the start of a line ("By", "Written by:"): the text after it. A label
/// run into a capitalised name ("ByJane Roe", a link right after the word) counts too.
pub(super) fn after_label<'a>(t: &'a str, k: &Knowledge) -> Option<&'a str> {
    let lower = lowercase(t);
    k.bylines.labels.iter().find_map(|l| {
        let rest = lower.strip_prefix(l.as_str())?;
        let after = t.get(t.len() - rest.len()..)?;
        let glued =
            after.starts_with(char::is_uppercase) && t.get(..t.len() - rest.len()).is_some_and(|label| label.ends_with(char::is_lowercase));
        (rest.is_empty() || rest.starts_with([' ', ':']) || glued).then(|| after.trim_start_matches([' ', ':']).trim())
    })
}

/// A party and state after a politician's name ("R-Ky.", "D-Calif"): no name of its own.
fn party_and_state(piece: &str) -> bool {
    piece.split_once('-').is_some_and(|(party, state)| {
        matches!(party, "R" | "D" | "I")
            && state.trim_end_matches('.').len() >= 2
            && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
    })
}

/// Does a line show a date, a relative time ("2 hours ago"), a handle or a job title: the
/// company a bare name keeps in a byline block?
pub(super) fn byline_company(l: &Line, k: &Knowledge) -> bool {
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
                // Unlabelled, a name is two words or more ("June 2, 2021 Jo Bloggs"): one
                // word after a date is a category or a place ("… 2:30 PM Telephonic").
                byline_names(after, k).into_iter().filter(|n| n.contains(' ')).collect()
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
/// credit that names no one ("Staff Reports"), not a company ("Example Verlag GmbH"). One word
/// is a name written as one ("Andrea", a blogger's) or an agency's, not a login ("oradmin",
/// "freeman1984"), initials ("DT") or two words run together ("SeglerBlog").
pub fn markup_authors(meta: &PageMeta, outlet: Option<&str>, k: &Knowledge) -> Vec<String> {
    let site_keys: Vec<String> =
        [outlet, meta.site_name.as_deref(), meta.publisher.as_deref()].into_iter().flatten().map(outlet_key).collect();
    meta.authors
        .iter()
        .filter(|a| {
            let key = outlet_key(a);
            let lower = a.to_lowercase();
            let kind = k.outlet_kind(a);
            let site = kind.is_some_and(|kind| kind != OutletKind::Agency);
            let company = lower.split([' ', ',']).any(|w| k.bylines.legal_suffixes.iter().any(|s| s == w));
            let word = a.trim();
            let written_as_name = word.starts_with(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
                && word.chars().all(|c| c.is_alphabetic() || c == '-')
                && !glued_words(word);
            let one_word = !word.contains(' ') && !written_as_name && kind != Some(OutletKind::Agency);
            !site_keys.iter().any(|s| *s == key || s.starts_with(&key) || key.starts_with(s.as_str()))
                && !site
                && !company
                && !one_word
                && !k.bylines.generic.contains(&lower)
        })
        .cloned()
        .collect()
}
