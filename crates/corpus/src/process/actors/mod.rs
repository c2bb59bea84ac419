//! Who is in an article: known actors from the gazetteer, people and organisations found
//! in the text, and the many forms of one name merged into one actor.
//!
//! - Known forms (names, aliases, demonyms, capital metonyms) are matched as whole words.
//! - Capitalised spans are cut at title words ("Minister", "Professor") and known names.
//!   A piece holding an organisation head word ("University", "Ministry", "Center") is an
//!   organisation; a piece of two to four name-shaped words is a person when the text
//!   shows it: a title before it, an appositive after it (", a professor at …"), a speech
//!   verb next to it ("said Alexander Gabuev"), "according to", or its surname later
//!   speaking on its own ("Sun said").
//! - One word equal to the surname or given name of exactly one person of the article
//!   refers to that person ("Sun", "Mr. Li"); two people who share it stay apart.
//! - A role without a name ("the US President") resolves by the article's date.
//! - The longest mention wins where mentions overlap.

mod coref;
mod known;
mod pieces;
mod words;

use crate::process::namewords::NameWords;
use rustc_hash::FxHashMap;

use crate::model::{ActorType, Span};
use crate::process::gazetteer::Gazetteer;
use crate::process::tokens::{Token, tokens};

use coref::{lone_surname_speakers, merge_short_forms, single_word_mentions, surname_of_found};
use known::{KnownMatches, known_mentions, role_references};
use pieces::{FoundSet, article_words, text_mentions};
use words::{initial, name_shaped, starts_with_ci};

/// One mention of an actor in the body; its text is `body[span.paragraph][span.start..span.end]`.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub metonym: bool,
}

/// An actor of one article, before corpus-level ids.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    /// The data files' name, for a known actor.
    pub canonical: Option<String>,
    pub kind: ActorType,
    pub role: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Known(usize),
    Found(usize),
}

/// Keep the longest of overlapping mentions of one paragraph.
fn keep_longest(mut local: Vec<(Target, Mention)>, mentions: &mut Vec<(Target, Mention)>) {
    local.sort_by_key(|(_, m)| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut last_end = 0;
    let mut first = true;
    for (t, m) in local {
        if first || m.span.start >= last_end {
            last_end = m.span.end;
            first = false;
            mentions.push((t, m));
        }
    }
}

/// A known person is named as the article names them most fully ("Trump" when it never says
/// "Donald Trump", "Sergei Lavrov" for "Sergey Lavrov"): the fullest name-shaped form of
/// their mentions, the list's own name on a tie.
fn article_name(body: &[String], canonical: &str, mentions: &[Mention], words: &NameWords) -> String {
    let mut best: Option<&str> = None;
    for m in mentions {
        let Some(form) = body.get(m.span.paragraph as usize).and_then(|p| p.get(m.span.start as usize..m.span.end as usize)) else {
            continue;
        };
        if !form.split_whitespace().all(|w| name_shaped(words, w) || initial(w)) {
            continue;
        }
        let n = form.split_whitespace().count();
        let better = match best {
            None => true,
            Some(b) => n > b.split_whitespace().count() || n == b.split_whitespace().count() && form == canonical && b != canonical,
        };
        if better {
            best = Some(form);
        }
    }
    best.unwrap_or(canonical).to_owned()
}

/// Mentions grouped by actor, in order of first mention.
fn group(body: &[String], mentions: Vec<(Target, Mention)>, g: &Gazetteer, found: &[Found], date: Option<&str>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut index: FxHashMap<Target, usize> = FxHashMap::default();
    for (t, m) in mentions {
        let i = *index.entry(t).or_insert_with(|| {
            let (name, canonical, kind, role) = match t {
                Target::Known(a) => (g.known[a].name.clone(), Some(g.known[a].name.clone()), g.known[a].kind, g.known[a].role_on(date)),
                Target::Found(f) => (found[f].name.clone(), None, found[f].kind, found[f].role.clone()),
            };
            out.push(Found { name, canonical, kind, role, mentions: vec![] });
            out.len() - 1
        });
        out[i].mentions.push(m);
    }
    for a in &mut out {
        a.mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
    }
    for (t, &i) in &index {
        if let Target::Known(k) = t
            && g.known[*k].kind == ActorType::Person
        {
            out[i].name = article_name(body, &g.known[*k].name, &out[i].mentions, &g.words);
        }
    }
    out
}

/// A byline or credit left in the body ("By Jane Doe", "Additional reporting by Jane Doe",
/// "Email Jane Doe at …"): it names the article's makers, not its actors.
fn credit_line(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|x| starts_with_ci(p, x));
    words <= 8 && starts(&["By ", "Reporting by ", "Additional reporting by ", "Editing by ", "Written by ", "Photo by ", "Photos by "])
        || words <= 20 && starts(&["Email ", "Contact ", "Follow "]) && p.contains('@')
        || name_line(p, words)
}

/// A short line of capitalised words only, with no sentence in it ("Jane Doe and John Roe
/// Daily Courier"): a byline or a heading, where a name is not an actor of the story.
fn name_line(p: &str, words: usize) -> bool {
    (3..=12).contains(&words)
        && !p.trim_end().ends_with(['.', '!', '?', ':', '”', '"'])
        && p.split_whitespace().all(|w| w.starts_with(char::is_uppercase) || matches!(w, "and" | "of" | "the" | "&"))
}

/// Find the actors of one article's body.
pub fn find(body: &[String], date: Option<&str>, g: &Gazetteer) -> Vec<Found> {
    let para_tokens: Vec<Vec<Token>> = body.iter().map(|p| tokens(p)).collect();
    let words_of = article_words(&para_tokens, &g.speech);
    let mut set = FoundSet::default();
    let mut mentions: Vec<(Target, Mention)> = Vec::new();
    for (pi, p) in body.iter().enumerate() {
        if credit_line(p) {
            continue;
        }
        let known: KnownMatches = g.find(p).collect();
        let mut local = known_mentions(p, pi, &known, g);
        local.extend(text_mentions(p, pi, &para_tokens[pi], &known, g, &words_of, &mut set));
        local.extend(role_references(p, pi, &known, g, date));
        keep_longest(local, &mut mentions);
    }
    merge_short_forms(&mut mentions, g, &set.found);
    surname_of_found(body, &mut mentions, g, &set.found);
    single_word_mentions(&para_tokens, &mut mentions, g, &set.found);
    lone_surname_speakers(&para_tokens, &mut mentions, g, &words_of, &mut set);
    group(body, mentions, g, &set.found, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn names(body: &[&str], date: Option<&str>) -> Vec<(String, ActorType, usize)> {
        let body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
        let mut v: Vec<_> = find(&body, date, Gazetteer::builtin()).into_iter().map(|a| (a.name, a.kind, a.mentions.len())).collect();
        v.sort();
        v
    }

    #[test]
    fn unknown_people_are_found_merged_and_kept_apart() {
        let body = [
            "“The harbour will be busy again,” said Marta Kowalczyk, a researcher at the Baltic Maritime Institute in Gdansk.",
            "Kowalczyk added that traffic had doubled. Port director Tomasz Nowak disagreed.",
            "“We are not ready,” Nowak told reporters, while Anna Nowak, his sister and a lawyer, said nothing.",
        ];
        let got = names(&body, None);
        assert!(got.contains(&("Marta Kowalczyk".into(), ActorType::Person, 2)), "{got:?}");
        assert!(got.contains(&("Baltic Maritime Institute".into(), ActorType::Organization, 1)), "{got:?}");
        assert!(got.contains(&("Tomasz Nowak".into(), ActorType::Person, 1)), "{got:?}");
        assert!(got.contains(&("Anna Nowak".into(), ActorType::Person, 1)), "{got:?}");
    }

    pub(super) fn people(body: &[&str]) -> Vec<String> {
        names(body, None).into_iter().filter(|(_, k, _)| *k == ActorType::Person).map(|(n, _, _)| n).collect()
    }

    #[test]
    fn people_without_a_cue_are_found_by_their_given_name_or_surname() {
        // A match report: nobody speaks, nobody has a title.
        let got = people(&[
            "Rovers won 2-1. Jessica Okafor scored twice and Kenneth Halvorsen was solid in goal.",
            "Late on, Tavarion Mitchell came off the bench.",
        ]);
        assert!(got.contains(&"Jessica Okafor".to_owned()), "{got:?}");
        assert!(got.contains(&"Kenneth Halvorsen".to_owned()), "{got:?}");
        assert!(got.contains(&"Tavarion Mitchell".to_owned()), "{got:?}");
        // A list of names joined by "and", and a name before "of" and a place.
        let got = people(&["The panel was Brenda Walsh, Dennis Moreau and Carrie Lynn Pratt, with Oscar Lindqvist of Uppsala."]);
        for n in ["Brenda Walsh", "Dennis Moreau", "Carrie Lynn Pratt"] {
            assert!(got.contains(&n.to_owned()), "{n}: {got:?}");
        }
    }

    #[test]
    fn common_words_capitalised_are_things_unless_a_name_is_among_them() {
        // A listed surname after a common word, and a speech verb after two common words.
        let got = people(&[
            "The tablet has True Tone and a brighter screen.",
            "Digital Foundry said the frame rate held. Ranking Member said nothing.",
        ]);
        assert!(got.is_empty(), "{got:?}");
        // A given name before a common word that is no surname: a thing's name.
        let got = people(&["The Amber Alert went out at noon, and the Iris Scanner at the gate failed."]);
        assert!(got.is_empty(), "{got:?}");
        // A given name before a listed surname, or one with an "s" ("Stones"), is a person's.
        let got = people(&["Later, Sam Stones and Holly Price arrived."]);
        for name in ["Sam Stones", "Holly Price"] {
            assert!(got.contains(&name.to_owned()), "{name}: {got:?}");
        }
        // A given name among them, or a surname and a name-shaped word, still make a person.
        let got = people(&["Rose Baker said the frame rate held, and Mark Price agreed. Quentin Hollis said so too."]);
        for name in ["Rose Baker", "Mark Price", "Quentin Hollis"] {
            assert!(got.contains(&name.to_owned()), "{name}: {got:?}");
        }
    }

    #[test]
    fn listed_companies_and_clubs_are_organisations_not_people() {
        let got = names(&["Lockheed Martin said the jet was late, and Goldman Sachs agreed. Inter Milan said nothing."], None);
        for org in ["Lockheed Martin", "Goldman Sachs", "Inter Milan"] {
            assert!(got.iter().any(|(n, k, _)| n == org && *k == ActorType::Organization), "{org}: {got:?}");
        }
        assert!(got.iter().all(|(_, k, _)| *k != ActorType::Person), "{got:?}");
    }

    #[test]
    fn bodies_named_in_other_languages_are_organisations_not_people() {
        // The kind of body comes first, before a surname or a place ("Gonzaga", "Martin").
        let got =
            names(&["Instituto Gonzaga said the school would reopen, Banco Martin agreed, and the Fondazione Prada said nothing."], None);
        for org in ["Instituto Gonzaga", "Banco Martin", "Fondazione Prada"] {
            assert!(got.iter().any(|(n, k, _)| n == org && *k == ActorType::Organization), "{org}: {got:?}");
        }
        assert!(got.iter().all(|(_, k, _)| *k != ActorType::Person), "{got:?}");
    }

    #[test]
    fn places_and_imprints_that_read_as_names_are_not_people() {
        // A given name and a surname ("Sierra", "Leone"), a place opener unlisted ("Des"),
        // and a publisher's imprint: the data files know them.
        let got = names(
            &[
                "The nurse flew home from Sierra Leone on Sunday, and a doctor in Des Moines said she was well.",
                "The book is published by Nancy Paulsen Books, and a cable runs from Halifax in Nova Scotia.",
            ],
            None,
        );
        assert!(got.iter().any(|(n, k, _)| n == "Sierra Leone" && *k == ActorType::Country), "{got:?}");
        assert!(got.iter().all(|(_, k, _)| *k != ActorType::Person), "{got:?}");
    }

    #[test]
    fn a_surname_before_a_hyphenated_given_name_is_a_person() {
        // Hong Kong and Korean names in their own order, surname first; nothing else tells.
        let got =
            people(&["The council passed the bill. Tsang Wing-kei and Yip Soo-Min voted against it, with Cheung Ka-lok and Park Dae-jin."]);
        for name in ["Tsang Wing-kei", "Yip Soo-Min", "Cheung Ka-lok", "Park Dae-jin"] {
            assert!(got.contains(&name.to_owned()), "{name}: {got:?}");
        }
        // Not a surname first, or not a given name of two syllables.
        let got = people(&["Tickets for the Hong Kong-based Harbour Arts Self-portrait show sold out."]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn bylines_and_credits_left_in_the_body_name_no_actor() {
        let got = people(&[
            "By Harriet Lindqvist",
            "Dennis Moreau said the port would reopen.",
            "Additional reporting by Oscar Brandt",
            "Email Harriet Lindqvist at hl@example.org or follow her @hlind.",
            "Harriet Lindqvist and Oscar Brandt Northern Daily Courier",
        ]);
        assert_eq!(got, ["Dennis Moreau"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any Unicode paragraphs: no panic, every span on char boundaries.
        #[test]
        fn any_text_is_handled(body in proptest::collection::vec("\\PC{0,80}|[A-Z][a-zé’'“”\". ,]{0,40}( [A-Z][a-z]{1,8}){0,4}", 0..5)) {
            let found = find(&body, Some("2020-01-01"), Gazetteer::builtin());
            for a in &found {
                for m in &a.mentions {
                    let p = &body[m.span.paragraph as usize];
                    proptest::prop_assert!(p.get(m.span.start as usize..m.span.end as usize).is_some());
                }
            }
            let quotes = crate::process::quotes::find(&body, &found, &Gazetteer::builtin().speech);
            for q in &quotes {
                proptest::prop_assert!(body[q.span.paragraph as usize].get(q.span.start as usize..q.span.end as usize).is_some());
            }
        }
    }
}
