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

use rustc_hash::FxHashMap;

use crate::model::{ActorType, Span};
use crate::process::gazetteer::{FormKind, Gazetteer};

/// Words that end an organisation's name.
const ORG_HEADS: &[&str] = &[
    "University",
    "Center",
    "Centre",
    "Institute",
    "Institution",
    "School",
    "Endowment",
    "Council",
    "Committee",
    "Ministry",
    "Department",
    "Agency",
    "Court",
    "Board",
    "Party",
    "Foundation",
    "Bank",
    "Commission",
    "Association",
    "Organization",
    "Organisation",
    "Forum",
    "Fund",
    "Service",
    "Office",
    "Academy",
    "College",
    "Corporation",
    "Company",
    "Inc",
    "Ltd",
    "Gazette",
    "Gazeta",
    "Journal",
    "Parliament",
    "Assembly",
    "Army",
    "Navy",
    "Union",
    "Alliance",
    "Federation",
    "Group",
    "Network",
    "Program",
    "Programme",
    "Project",
    "Initiative",
    "Society",
    "Times",
    "Post",
    "Chamber",
    "Authority",
    "Bureau",
    "Administration",
    "Police",
    "Club",
    "Hospital",
    "Museum",
    "Trust",
    "Guard",
    "Command",
    "Cabinet",
    "Secretariat",
    "Tribunal",
];
/// Lower-case words allowed inside an organisation's name.
const CONNECTORS: &[&str] = &["of", "for", "on", "and", "de", "du", "des", "van", "von", "al", "bin"];
/// Verbs that report speech (also the quote finder's main cues).
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "noted",
    "notes",
    "explained",
    "argued",
    "warned",
    "insisted",
    "stated",
    "tweeted",
    "asked",
    "replied",
    "declared",
    "claimed",
    "believes",
    "thinks",
    "commented",
    "observed",
    "cautioned",
    "suggested",
];
const APPOSITIVE_STARTS: &[&str] = &[
    "a",
    "an",
    "the",
    "head",
    "director",
    "professor",
    "senior",
    "former",
    "chief",
    "member",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "vice",
    "who",
    "executive",
    "chair",
    "chairman",
    "founder",
    "editor",
    "fellow",
    "analyst",
    "expert",
    "researcher",
    "minister",
    "secretary",
    "ambassador",
    "coordinator",
    "associate",
    "assistant",
    "lecturer",
    "author",
];
const NOT_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Last",
    "Next",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "Cold",
    "War",
    "Olympics",
    "Olympic",
    "Games",
    "Summit",
    "Prime",
    "Minister",
    "President",
    "Foreign",
];

/// Capitalised function words that open a sentence, not a name.
const FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "If",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "With",
    "So",
    "Yet",
    "While",
    "When",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "Despite",
    "During",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "Also",
    "Both",
    "Any",
    "Some",
    "Many",
    "Most",
    "Such",
    "Our",
    "Their",
    "His",
    "Her",
    "Its",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "This",
    "That",
    "These",
    "Those",
    "I",
    "We",
    "He",
    "She",
    "They",
    "It",
    "Unlike",
    "Like",
    "Under",
    "Over",
    "Amid",
    "Among",
    "Between",
    "Against",
    "About",
    "To",
    "Of",
];

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
    pub kind: ActorType,
    pub role: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Known(usize),
    Found(usize),
}

struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Words with offsets; leading/trailing punctuation and possessive 's stripped,
/// keeping a final period on initials and abbreviations ("E.", "Mr.", "U.S.").
fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out = Vec::with_capacity(len / 6 + 1);
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let is_space = |i: usize| if bytes[i].is_ascii() { bytes[i].is_ascii_whitespace() } else { char_at(i).is_whitespace() };
    let is_word = |i: usize| if bytes[i].is_ascii() { bytes[i].is_ascii_alphanumeric() } else { char_at(i).is_alphanumeric() };
    let next = |i: usize| i + if bytes[i].is_ascii() { 1 } else { char_at(i).len_utf8() };
    let mut i = 0;
    while i < len {
        if is_space(i) {
            i = next(i);
            continue;
        }
        // A whitespace-separated chunk, from its first letter or digit.
        let mut first_word = None;
        while i < len && !is_space(i) {
            if first_word.is_none() && is_word(i) {
                first_word = Some(i);
            }
            i = next(i);
        }
        let Some(start) = first_word else { continue };
        let mut word = &text[start..i];
        let keep_period = word.ends_with('.') && (word.len() <= 4 || word.bytes().filter(|&b| b == b'.').count() > 1);
        while let Some(c) = word.chars().next_back() {
            if c.is_alphanumeric() || (keep_period && c == '.') {
                break;
            }
            word = &word[..word.len() - c.len_utf8()];
        }
        word = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
        if !word.is_empty() {
            out.push(Token { start, end: start + word.len(), text: word });
        }
    }
    out
}

/// Does the text before a name end with a word that makes it a location ("in", "to", "visit")?
fn literal_place(before: &str) -> bool {
    const LOCATIVE: &[&str] = &[
        "in", "to", "from", "at", "into", "near", "outside", "around", "across", "via", "visit", "visited", "visiting", "visits", "toward",
        "towards", "reached", "arrived",
    ];
    let before = before.trim_end();
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    before.len() > word.len() && LOCATIVE.iter().any(|l| l.eq_ignore_ascii_case(word))
        || before == word && LOCATIVE.iter().any(|l| l.eq_ignore_ascii_case(word))
}

/// Does `hay` start with `needle` (ASCII, any case)?
fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len() && hay.as_bytes()[..needle.len()].eq_ignore_ascii_case(needle.as_bytes())
}

fn org_head(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| ORG_HEADS.iter().copied().collect()).contains(w)
}

/// Capitalised words that are not (part of) a person's name: function words, months, days.
fn not_a_name(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().chain(FUNCTION_WORDS).copied().collect()).contains(w)
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn name_shaped(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    capitalised(w)
        && !not_a_name(w.trim_end_matches('.'))
        && (letters > 1 && !w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || (letters == 1 && w.ends_with('.')))
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// Find the actors of one article's body.
pub fn find(body: &[String], date: Option<&str>, g: &Gazetteer) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut found_index: FxHashMap<(ActorType, String), usize> = FxHashMap::default();
    let mut mentions: Vec<(Target, Mention)> = Vec::new();
    let mut add_found = |found: &mut Vec<Found>, name: &str, kind: ActorType| -> usize {
        *found_index.entry((kind, name.to_lowercase())).or_insert_with(|| {
            found.push(Found { name: name.to_owned(), kind, role: None, mentions: vec![] });
            found.len() - 1
        })
    };
    let para_tokens: Vec<Vec<Token>> = body.iter().map(|p| tokens(p)).collect();
    let mut surname_speakers: Vec<String> = Vec::new();
    for toks in &para_tokens {
        for w in toks.windows(2) {
            if capitalised(w[0].text) && SPEECH_VERBS.contains(&w[1].text) {
                surname_speakers.push(w[0].text.to_owned());
            }
        }
    }
    for (pi, p) in body.iter().enumerate() {
        let span = |s: usize, e: usize| Span { paragraph: pi as u32, start: s as u32, end: e as u32 };
        // Known forms.
        let known: Vec<(usize, FormKind, std::ops::Range<usize>)> = g.find(p).collect();
        let toks = &para_tokens[pi];
        // Capitalised spans, cut at title words and known names.
        // Known matches are in text order and do not overlap: binary search.
        let known_at = |start: usize| {
            let i = known.partition_point(|(_, _, r)| r.end <= start);
            known.get(i).filter(|(_, _, r)| r.start <= start)
        };
        let mut pieces: Vec<(usize, usize)> = Vec::new(); // token index ranges
        let mut i = 0;
        while i < toks.len() {
            if !capitalised(toks[i].text) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < toks.len() {
                let t = toks[j].text;
                let is_connector =
                    !capitalised(t) && j > i && j + 1 < toks.len() && capitalised(toks[j + 1].text) && CONNECTORS.contains(&t);
                let joined = j == i || p[toks[j - 1].end..toks[j].start].chars().all(|c| c == ' ');
                if !(joined && (capitalised(t) || is_connector)) {
                    break;
                }
                j += 1;
            }
            // Cut at title words and at known person/organisation names.
            let mut k = i;
            let mut piece_start = i;
            while k < j {
                let t = toks[k].text;
                let is_title = g.is_title(t);
                let known_here =
                    known_at(toks[k].start).filter(|(a, _, _)| matches!(g.known[*a].kind, ActorType::Person | ActorType::Organization));
                if is_title || known_here.is_some() {
                    if piece_start < k {
                        pieces.push((piece_start, k));
                    }
                    if let Some((_, _, r)) = known_here {
                        while k < j && toks[k].start < r.end {
                            k += 1;
                        }
                    } else {
                        k += 1;
                    }
                    piece_start = k;
                    continue;
                }
                k += 1;
            }
            if piece_start < j {
                pieces.push((piece_start, j));
            }
            i = j.max(i + 1);
        }
        let mut local: Vec<(Target, Mention)> = known
            .iter()
            .map(|(a, kind, r)| {
                let form = &p[r.clone()];
                // A capital used as a place ("talks in Beijing", "a Washington-based group").
                if *kind == FormKind::Metonym
                    && (literal_place(&p[..r.start]) || p[r.end..].starts_with("-based"))
                    && let Some(place) = g.place(form)
                {
                    return (Target::Known(place), Mention { span: span(r.start, r.end), metonym: false });
                }
                (Target::Known(*a), Mention { span: span(r.start, r.end), metonym: *kind == FormKind::Metonym })
            })
            .collect();
        for (a, b) in pieces {
            // Trim leading stop-like words ("The", "But").
            let mut a = a;
            while a < b && (FUNCTION_WORDS.contains(&toks[a].text) || CONNECTORS.contains(&toks[a].text)) {
                a += 1;
            }
            let mut b = b;
            while b > a && CONNECTORS.contains(&toks[b - 1].text) {
                b -= 1;
            }
            if a >= b {
                continue;
            }
            // A leading country word is not part of a person's name ("China Gary Locke").
            if !toks[a..b].iter().any(|t| org_head(t.text)) {
                while a < b && known.iter().any(|(k, _, r)| g.known[*k].kind == ActorType::Country && r.start == toks[a].start) {
                    a += 1;
                }
                if a >= b {
                    continue;
                }
            }
            let (s, e) = (toks[a].start, toks[b - 1].end);
            let text = &p[s..e];
            let words: Vec<&str> = toks[a..b].iter().map(|t| t.text).collect();
            if words.iter().any(|w| org_head(w)) && words.len() >= 2 {
                if known.iter().any(|(_, _, r)| r.start == s && r.end == e) {
                    continue; // exactly a known name: already matched
                }
                let f = add_found(&mut found, text, ActorType::Organization);
                local.push((Target::Found(f), Mention { span: span(s, e), metonym: false }));
                continue;
            }
            if !(2..=4).contains(&words.len())
                || !words.iter().all(|w| name_shaped(w))
                || known.iter().any(|(_, _, r)| r.start >= s && r.end <= e)
            {
                continue;
            }
            // Evidence that this is a person.
            let before: Vec<&str> = toks[a.saturating_sub(3)..a].iter().map(|t| t.text).collect();
            let after: Vec<&str> = toks[b..(b + 3).min(toks.len())].iter().map(|t| t.text).collect();
            let title_before = before.last().is_some_and(|w| g.is_title(w));
            let speech = before.last().is_some_and(|w| SPEECH_VERBS.contains(w)) || after.first().is_some_and(|w| SPEECH_VERBS.contains(w));
            let according = before.len() >= 2 && before[before.len() - 2..] == ["according", "to"];
            let rest = p[e..].trim_start_matches(['’', '\'', 's']);
            let appositive = rest.starts_with(", ")
                && rest[2..].split_whitespace().next().is_some_and(|w| APPOSITIVE_STARTS.contains(&w.to_lowercase().as_str()));
            let surname_speaks = surname_speakers.iter().any(|s| s == words[words.len() - 1]);
            if title_before || speech || according || appositive || surname_speaks {
                let f = add_found(&mut found, text, ActorType::Person);
                if appositive && found[f].role.is_none() {
                    let desc: String = rest[2..].split([',', '.', ';']).next().unwrap_or("").trim().to_owned();
                    if desc.split_whitespace().count() <= 14 {
                        found[f].role = Some(desc);
                    }
                }
                local.push((Target::Found(f), Mention { span: span(s, e), metonym: false }));
            }
        }
        // Role references without a name: "the US President", "the Chinese foreign minister".
        for (a, kind, r) in &known {
            if g.known[*a].kind != ActorType::Country || *kind == FormKind::Metonym {
                continue;
            }
            let after = &p[r.end..];
            for title in ["president", "prime minister", "foreign minister", "premier", "chancellor", "secretary of state"] {
                let Some(rest) = after.strip_prefix(' ').filter(|a| starts_with_ci(a, title)).map(|a| &a[title.len()..]) else { continue };
                // Followed by a name: the name is matched on its own.
                if rest.trim_start().starts_with(char::is_uppercase)
                    || p[r.end + 1 + title.len()..].trim_start().starts_with(char::is_uppercase)
                {
                    continue;
                }
                if !rest.is_empty() && rest.starts_with(char::is_alphanumeric) {
                    continue;
                }
                let role = format!("{} of {}", title_case(title), role_country(&g.known[*a].name));
                if let Some(person) = g.holder(&role, date) {
                    let the = r.start >= 4 && p.is_char_boundary(r.start - 4) && starts_with_ci(&p[r.start - 4..r.start], "the ");
                    let start = if the { r.start - 4 } else { r.start };
                    let end = r.end + 1 + title.len();
                    local.push((Target::Known(person), Mention { span: span(start, end), metonym: false }));
                }
            }
        }
        // Longest mention wins.
        local.sort_by_key(|(_, m)| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut last_end = 0;
        for (t, m) in local {
            if m.span.start >= last_end || mentions.is_empty() || mentions.last().is_some_and(|(_, l)| l.span.paragraph != m.span.paragraph)
            {
                last_end = m.span.end;
                mentions.push((t, m));
            }
        }
    }
    // One word naming exactly one person of the article refers to that person.
    let mut owners_of: FxHashMap<String, Vec<Target>> = FxHashMap::default();
    let mut seen: rustc_hash::FxHashSet<Target> = Default::default();
    for (t, _) in &mentions {
        let names: Vec<String> = match t {
            Target::Known(a) if g.known[*a].kind == ActorType::Person => g.known[*a].name_tokens.clone(),
            Target::Found(f) if found[*f].kind == ActorType::Person => found[*f].name.split_whitespace().map(str::to_owned).collect(),
            _ => continue,
        };
        if names.len() < 2 || !seen.insert(*t) {
            continue;
        }
        for n in names {
            let owners = owners_of.entry(n).or_default();
            if !owners.contains(t) {
                owners.push(*t);
            }
        }
    }
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); body.len()];
    for (_, m) in &mentions {
        covered[m.span.paragraph as usize].push((m.span.start as usize, m.span.end as usize));
    }
    for (pi, toks) in para_tokens.iter().enumerate() {
        for tok in toks {
            if !capitalised(tok.text) || not_a_name(tok.text) {
                continue;
            }
            let Some(&[owner]) = owners_of.get(tok.text).map(Vec::as_slice) else { continue };
            if !covered[pi].iter().any(|&(s, e)| s < tok.end && tok.start < e) {
                let m = Mention { span: Span { paragraph: pi as u32, start: tok.start as u32, end: tok.end as u32 }, metonym: false };
                mentions.push((owner, m));
            }
        }
    }
    // Group mentions by actor.
    let mut out: Vec<Found> = Vec::new();
    let mut index: FxHashMap<Target, usize> = FxHashMap::default();
    for (t, m) in mentions {
        let i = *index.entry(t).or_insert_with(|| {
            let (name, kind, role) = match t {
                Target::Known(a) => (g.known[a].name.clone(), g.known[a].kind, g.known[a].role_on(date)),
                Target::Found(f) => (found[f].name.clone(), found[f].kind, found[f].role.clone()),
            };
            out.push(Found { name, kind, role, mentions: vec![] });
            out.len() - 1
        });
        out[i].mentions.push(m);
    }
    for a in &mut out {
        a.mentions.sort_by_key(|m| (m.span.paragraph, m.span.start));
    }
    out
}

fn title_case(s: &str) -> String {
    s.split(' ').map(|w| if w == "of" { w.to_owned() } else { w[..1].to_uppercase() + &w[1..] }).collect::<Vec<_>>().join(" ")
}

/// Countries whose name takes "the" in a role ("President of the United States").
fn role_country(name: &str) -> String {
    if ["United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates"].contains(&name) {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(body: &[&str], date: Option<&str>) -> Vec<(String, ActorType, usize)> {
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

    #[test]
    fn known_forms_metonyms_and_roles_by_date() {
        let body = ["Sergei Lavrov met Chinese officials. Beijing said the US President would not attend; Lavrov left."];
        let got = names(&body, Some("2020-07-19"));
        assert!(got.contains(&("Sergey Lavrov".into(), ActorType::Person, 2)), "{got:?}");
        assert!(got.contains(&("China".into(), ActorType::Country, 2)), "{got:?}");
        assert!(got.contains(&("Donald Trump".into(), ActorType::Person, 1)), "{got:?}");
        let got = names(&body, Some("2022-02"));
        assert!(got.contains(&("Joe Biden".into(), ActorType::Person, 1)), "{got:?}");
    }
}
