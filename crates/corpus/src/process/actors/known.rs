//! Known actors from the gazetteer: their mentions, capitals as places, roles without a name.

use super::words::starts_with_ci;
use super::{Mention, Target};
use crate::model::{ActorType, Span};
use crate::process::gazetteer::{FormKind, Gazetteer};

/// Known matches of one paragraph, in text order and not overlapping.
pub(super) type KnownMatches = Vec<(usize, FormKind, std::ops::Range<usize>)>;

/// The known match covering byte `start`, if any.
pub(super) fn known_at(known: &KnownMatches, start: usize) -> Option<&(usize, FormKind, std::ops::Range<usize>)> {
    let i = known.partition_point(|(_, _, r)| r.end <= start);
    known.get(i).filter(|(_, _, r)| r.start <= start)
}

/// Mentions of known actors; a capital used as a place ("talks in Beijing", "a
/// Washington-based group") is the city, otherwise its state.
pub(super) fn known_mentions(p: &str, pi: usize, known: &KnownMatches, g: &Gazetteer) -> Vec<(Target, Mention)> {
    let span = |s: usize, e: usize| Span { paragraph: pi as u32, start: s as u32, end: e as u32 };
    known
        .iter()
        .map(|(a, kind, r)| {
            let form = &p[r.clone()];
            if *kind == FormKind::Metonym
                && (literal_place(&p[..r.start]) || p[r.end..].starts_with("-based"))
                && let Some(place) = g.place(form)
            {
                return (Target::Known(place), Mention { span: span(r.start, r.end), metonym: false });
            }
            (Target::Known(*a), Mention { span: span(r.start, r.end), metonym: *kind == FormKind::Metonym })
        })
        .collect()
}

/// Does the text before a name end with a word that makes it a location ("in", "to", "visit")?
pub(super) fn literal_place(before: &str) -> bool {
    const LOCATIVE: &[&str] = &[
        "in", "to", "from", "at", "into", "near", "outside", "around", "across", "via", "visit", "visited", "visiting", "visits", "toward",
        "towards", "reached", "arrived",
    ];
    let before = before.trim_end();
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    before.len() > word.len() && LOCATIVE.iter().any(|l| l.eq_ignore_ascii_case(word))
        || before == word && LOCATIVE.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// Role references without a name: "the US President", "the Chinese foreign minister".
pub(super) fn role_references(p: &str, pi: usize, known: &KnownMatches, g: &Gazetteer, date: Option<&str>) -> Vec<(Target, Mention)> {
    let mut out = Vec::new();
    for (a, kind, r) in known {
        if g.known[*a].kind != ActorType::Country || *kind == FormKind::Metonym {
            continue;
        }
        let after = &p[r.end..];
        for title in ["president", "prime minister", "foreign minister", "premier", "chancellor", "secretary of state"] {
            let Some(rest) = after.strip_prefix(' ').filter(|a| starts_with_ci(a, title)).and_then(|a| a.get(title.len()..)) else {
                continue;
            };
            // Followed by a name: the name is matched on its own.
            if rest.trim_start().starts_with(char::is_uppercase) || !rest.is_empty() && rest.starts_with(char::is_alphanumeric) {
                continue;
            }
            let role = format!("{} of {}", title_case(title), role_country(&g.known[*a].name));
            if let Some(person) = g.holder(&role, date) {
                let the = r.start >= 4 && p.get(r.start - 4..r.start).is_some_and(|w| starts_with_ci(w, "the "));
                let start = if the { r.start - 4 } else { r.start };
                let end = r.end + 1 + title.len();
                out.push((
                    Target::Known(person),
                    Mention { span: Span { paragraph: pi as u32, start: start as u32, end: end as u32 }, metonym: false },
                ));
            }
        }
    }
    out
}

pub(super) fn title_case(s: &str) -> String {
    s.split(' ').map(|w| if w == "of" { w.to_owned() } else { w[..1].to_uppercase() + &w[1..] }).collect::<Vec<_>>().join(" ")
}

/// Countries whose name takes "the" in a role ("President of the United States").
pub(super) fn role_country(name: &str) -> String {
    if ["United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates"].contains(&name) {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::names;
    use crate::model::ActorType;

    #[test]
    fn known_forms_metonyms_and_roles_by_date() {
        let body = ["Sergei Lavrov met Chinese officials. Beijing said the US President would not attend; Lavrov left."];
        let got = names(&body, Some("2020-07-19"));
        // Named as the article names him; the list's spelling is "Sergey Lavrov".
        assert!(got.contains(&("Sergei Lavrov".into(), ActorType::Person, 2)), "{got:?}");
        assert!(got.contains(&("China".into(), ActorType::Country, 2)), "{got:?}");
        assert!(got.contains(&("Donald Trump".into(), ActorType::Person, 1)), "{got:?}");
        let got = names(&body, Some("2022-02"));
        assert!(got.contains(&("Joe Biden".into(), ActorType::Person, 1)), "{got:?}");
    }
}
