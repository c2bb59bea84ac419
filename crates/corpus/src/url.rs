//! A query as a URL hash, so any view can be bookmarked and shared:
//! `#q=energy&outlet=RT,!AMN&actor=Xi%20Jinping&from=2021-12&to=2022`.
//! Values are percent-encoded; several values are comma-separated; a leading `!`
//! excludes. Unknown keys are ignored, so old links keep working.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::search::{Combine, Query, Selection, Sort};

/// Characters encoded in a value: everything that separates keys and values, plus `%`.
const VALUE: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'&').add(b'+').add(b',').add(b'=').add(b'!').add(b'<').add(b'>');

fn enc(v: &str) -> String {
    utf8_percent_encode(v, VALUE).to_string()
}

fn dec(v: &str) -> String {
    percent_decode_str(&v.replace('+', " ")).decode_utf8_lossy().into_owned()
}

fn selection(sel: &Selection) -> Option<String> {
    let parts: Vec<String> = sel.include.iter().map(|v| enc(v)).chain(sel.exclude.iter().map(|v| format!("!{}", enc(v)))).collect();
    (!parts.is_empty()).then(|| parts.join(","))
}

fn parse_selection(v: &str) -> Selection {
    let mut sel = Selection::default();
    for part in v.split(',').filter(|p| !p.is_empty()) {
        match part.strip_prefix('!') {
            Some(x) => sel.exclude.push(dec(x)),
            None => sel.include.push(dec(part)),
        }
    }
    sel
}

/// The hash (without `#`) for a query; empty for the default view.
pub fn to_hash(q: &Query) -> String {
    let mut parts = Vec::new();
    if !q.text.is_empty() {
        parts.push(format!("q={}", enc(&q.text)));
    }
    for (key, sel) in [("outlet", &q.outlets), ("origin", &q.origins), ("actor", &q.actors)] {
        if let Some(v) = selection(sel) {
            parts.push(format!("{key}={v}"));
        }
    }
    if q.actor_mode == Combine::And {
        parts.push("actors=and".into());
    }
    for (key, v) in [("from", &q.from), ("to", &q.to)] {
        if let Some(v) = v {
            parts.push(format!("{key}={}", enc(v)));
        }
    }
    if q.include_undated {
        parts.push("undated=1".into());
    }
    match q.sort {
        Sort::Relevance => {}
        Sort::Newest => parts.push("sort=newest".into()),
        Sort::Oldest => parts.push("sort=oldest".into()),
    }
    parts.join("&")
}

/// The query a hash describes (a leading `#` is allowed).
pub fn from_hash(hash: &str) -> Query {
    let mut q = Query::default();
    for pair in hash.trim_start_matches('#').split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "q" => q.text = dec(value),
            "outlet" => q.outlets = parse_selection(value),
            "origin" => q.origins = parse_selection(value),
            "actor" => q.actors = parse_selection(value),
            "actors" => q.actor_mode = if value == "and" { Combine::And } else { Combine::Or },
            "from" => q.from = Some(dec(value)).filter(|v| crate::search::bound(v).is_some()),
            "to" => q.to = Some(dec(value)).filter(|v| crate::search::bound(v).is_some()),
            "undated" => q.include_undated = value == "1",
            "sort" => {
                q.sort = match value {
                    "newest" => Sort::Newest,
                    "oldest" => Sort::Oldest,
                    _ => Sort::Relevance,
                }
            }
            _ => {}
        }
    }
    q
}

/// Set one key of a query from plain (not percent-encoded) values, as a host page sends them:
/// `outlet`, `origin` and `actor` take names (a leading `!` excludes); `q`, `from` and `to`
/// take one value (none or empty clears it). Returns false for an unknown key or a bad date.
pub fn set(q: &mut Query, key: &str, values: &[String]) -> bool {
    let first = values.first().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let selection = || {
        let mut sel = Selection::default();
        for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            match v.strip_prefix('!') {
                Some(x) => sel.exclude.push(x.to_owned()),
                None => sel.include.push(v.to_owned()),
            }
        }
        sel
    };
    let date = |v: Option<String>| match v {
        Some(v) if crate::search::bound(&v).is_none() => Err(()),
        v => Ok(v),
    };
    match key {
        "q" => q.text = first.unwrap_or_default(),
        "outlet" => q.outlets = selection(),
        "origin" => q.origins = selection(),
        "actor" => q.actors = selection(),
        "from" => match date(first) {
            Ok(v) => q.from = v,
            Err(()) => return false,
        },
        "to" => match date(first) {
            Ok(v) => q.to = v,
            Err(()) => return false,
        },
        _ => return false,
    }
    true
}

/// The keys of a host's `dossier:set` message that set filters, in the order they apply.
pub const SET_KEYS: [&str; 6] = ["q", "outlet", "origin", "actor", "from", "to"];

/// The query a host's `dossier:set` message asks for, from its fields as the page read them
/// (`(key, values)`: a string is one value, a list of strings several): `None` when any
/// field is refused (an unknown key, a bad date), and the message is then ignored. One
/// value of `outlet`, `origin` or `actor` may list several names separated by commas.
pub fn apply_set(current: &Query, fields: &[(&str, Vec<String>)]) -> Option<Query> {
    let mut q = current.clone();
    for (key, values) in fields {
        let split: Vec<String>;
        let values = match values.as_slice() {
            [one] if *key != "q" => {
                split = one.split(',').map(str::to_owned).collect();
                &split
            }
            _ => values,
        };
        if !set(&mut q, key, values) {
            return None;
        }
    }
    Some(q)
}

/// Which view of the results the page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Articles,
    Quotes,
    Network,
}

/// Where the page is besides its query: the view, an open article (`article=<id>`), an
/// actor's page (`profile=<name>`; `actor` is taken by the filter).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub view: View,
    pub article: Option<u32>,
    /// A quote of the open article to show (`quote=<index>`).
    pub quote: Option<usize>,
    pub profile: Option<String>,
}

/// The place a hash describes.
pub fn place(hash: &str) -> Place {
    let mut p = Place::default();
    for pair in hash.trim_start_matches('#').split('&') {
        match pair.split_once('=') {
            Some(("article", v)) => p.article = v.parse().ok(),
            Some(("quote", v)) => p.quote = v.parse().ok(),
            Some(("profile", v)) => p.profile = Some(dec(v)).filter(|v| !v.is_empty()),
            Some(("view", "quotes")) => p.view = View::Quotes,
            Some(("view", "network")) => p.view = View::Network,
            _ => {}
        }
    }
    p
}

/// The hash of a query at a place.
pub fn to_hash_at(q: &Query, place: &Place) -> String {
    let mut parts: Vec<String> = Some(to_hash(q)).filter(|h| !h.is_empty()).into_iter().collect();
    match place.view {
        View::Articles => {}
        View::Quotes => parts.push("view=quotes".into()),
        View::Network => parts.push("view=network".into()),
    }
    parts.extend(place.article.map(|a| format!("article={a}")));
    parts.extend(place.article.and(place.quote).map(|q| format!("quote={q}")));
    parts.extend(place.profile.as_deref().map(|p| format!("profile={}", enc(p))));
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn host_messages_set_keys_with_plain_values() {
        let mut q = from_hash("q=gas&outlet=RT");
        assert!(set(&mut q, "actor", &["Xi Jinping".into(), "!Joe Biden".into()]));
        assert!(set(&mut q, "from", &["2021-12".into()]));
        assert!(!set(&mut q, "to", &["next week".into()]), "a bad date is refused");
        assert!(!set(&mut q, "colour", &["red".into()]));
        assert_eq!(q.actors.include, ["Xi Jinping"]);
        assert_eq!(q.actors.exclude, ["Joe Biden"]);
        assert_eq!((q.text.as_str(), q.outlets.include.len(), q.from.as_deref(), q.to.as_deref()), ("gas", 1, Some("2021-12"), None));
        assert!(set(&mut q, "q", &[]));
        assert_eq!(q.text, "");
        let at = Place { view: View::Quotes, article: Some(3), quote: Some(1), profile: Some("Xi Jinping".into()) };
        let hash = to_hash_at(&q, &at);
        assert_eq!((place(&hash), from_hash(&hash)), (at, q));
        assert_eq!(to_hash_at(&Query::default(), &Place { article: Some(3), ..Place::default() }), "article=3");
        assert_eq!(place("#outlet=RT"), Place::default());
    }

    #[test]
    fn host_set_messages() {
        let current = from_hash("q=gas&outlet=RT");
        let q = apply_set(&current, &[("outlet", vec!["TASS,!RT".into()]), ("q", vec!["oil, gas".into()])]).unwrap();
        assert_eq!(q.outlets, Selection { include: vec!["TASS".into()], exclude: vec!["RT".into()] }, "one value lists names by commas");
        assert_eq!(q.text, "oil, gas", "but the search text is not split");
        assert_eq!(apply_set(&current, &[("from", vec!["soon".into()])]), None, "a bad date refuses the message");
        assert_eq!(apply_set(&current, &[("colour", vec![])]), None);
        assert_eq!(apply_set(&current, &[]), Some(current));
    }

    #[test]
    fn reads_the_documented_keys() {
        let q = from_hash("#q=%22show%20of%20solidarity%22&outlet=RT,!AMN&actor=Xi%20Jinping&from=2021-12&to=2022&sort=newest");
        assert_eq!(q.text, "\"show of solidarity\"");
        assert_eq!(q.outlets, Selection { include: vec!["RT".into()], exclude: vec!["AMN".into()] });
        assert_eq!(q.actors.include, vec!["Xi Jinping"]);
        assert_eq!((q.from.as_deref(), q.to.as_deref()), (Some("2021-12"), Some("2022")));
        assert_eq!(q.sort, Sort::Newest);
        assert_eq!(from_hash("outlet=RT").outlets.include, vec!["RT"]);
        assert_eq!(from_hash("#from=soon&colour=red"), Query::default(), "bad dates and unknown keys are ignored");
    }

    proptest! {
        #[test]
        fn round_trips(text in ".{0,20}", inc in proptest::collection::vec(".{1,12}", 0..3), exc in proptest::collection::vec(".{1,12}", 0..3),
                       and in any::<bool>(), undated in any::<bool>()) {
            let q = Query {
                text,
                outlets: Selection { include: inc.clone(), exclude: exc.clone() },
                actors: Selection { include: exc, exclude: inc },
                actor_mode: if and { Combine::And } else { Combine::Or },
                from: Some("2021-12".into()),
                include_undated: undated,
                ..Query::default()
            };
            prop_assert_eq!(from_hash(&to_hash(&q)), q);
        }
    }
}
