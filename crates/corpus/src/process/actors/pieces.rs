//! Capitalised pieces of a paragraph, cut to the words that can be a name and classified
//! as a person or an organisation.

use rustc_hash::{FxHashMap, FxHashSet};

use super::known::{KnownMatches, known_at};
use super::words::*;
use super::{Found, Mention, Target};
use crate::model::{ActorType, Span};
use crate::process::gazetteer::Gazetteer;
use crate::process::names::NameLists;
use crate::process::speech::Speech;
use crate::process::tokens::{Token, capitalised};

/// What a paragraph's words tell about the article as a whole.
pub(super) struct ArticleWords<'a> {
    /// Capitalised words directly followed by a speech verb ("Nowak said").
    pub(super) speaking: FxHashSet<&'a str>,
    /// Words the article also writes in lower case ("will", "rose"): as given names they
    /// need a surname after them.
    pub(super) lower: FxHashSet<&'a str>,
}

impl ArticleWords<'_> {
    /// Does the article also write `w` (capitalised) in lower case?
    pub(super) fn has_lower(&self, w: &str) -> bool {
        let mut buf = [0u8; 32];
        let b = w.as_bytes();
        if b.len() > buf.len() || !w.is_ascii() {
            return self.lower.contains(w.to_lowercase().as_str());
        }
        buf[..b.len()].copy_from_slice(b);
        buf[..b.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..b.len()]).is_ok_and(|l| self.lower.contains(l))
    }
}

pub(super) fn article_words<'a>(para_tokens: &[Vec<Token<'a>>], speech: &Speech) -> ArticleWords<'a> {
    let mut speaking = FxHashSet::default();
    let mut lower = FxHashSet::default();
    for toks in para_tokens {
        for (i, t) in toks.iter().enumerate() {
            if capitalised(t.text) {
                if toks.get(i + 1).is_some_and(|n| speech.is_verb(n.text)) {
                    speaking.insert(t.text);
                }
            } else if t.text.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(t.text);
            }
        }
    }
    ArticleWords { speaking, lower }
}

/// Runs of capitalised words (with connectors such as "of" inside) separated by single
/// spaces, cut at title words and known person/organisation names: token index ranges.
pub(super) fn capitalised_pieces(p: &str, toks: &[Token], known: &KnownMatches, g: &Gazetteer) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    // A hashtag or handle ("#Rovers", "@janedoe") is not part of a name.
    let tag = |t: &Token| p[..t.start].ends_with(['#', '@']);
    let mut i = 0;
    while i < toks.len() {
        if !capitalised(toks[i].text) || tag(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() {
            let t = toks[j].text;
            let is_connector = !capitalised(t) && j > i && j + 1 < toks.len() && capitalised(toks[j + 1].text) && g.words.connector(t);
            let joined = j == i || p.get(toks[j - 1].end..toks[j].start).is_some_and(|gap| gap.chars().all(|c| c == ' '));
            if !(joined && (capitalised(t) || is_connector)) || j > i && tag(&toks[j]) {
                break;
            }
            j += 1;
        }
        let mut k = i;
        let mut piece_start = i;
        while k < j {
            // A one-word known name after a given name is someone else's surname ("Hunter
            // Biden", "Michael Bloomberg" the person): no cut.
            let known_here = known_at(known, toks[k].start)
                .filter(|(a, _, _)| matches!(g.known[*a].kind, ActorType::Person | ActorType::Organization))
                .filter(|(_, _, r)| !(k > i && p[r.clone()].split_whitespace().count() == 1 && g.names.is_given(toks[k - 1].text)));
            let royal = g.words.royal(toks[k].text) && k + 1 < j;
            if (g.is_title(toks[k].text) && !royal) || known_here.is_some() {
                if piece_start < k {
                    pieces.push((piece_start, k));
                }
                match known_here {
                    Some((_, _, r)) => {
                        while k < j && toks[k].start < r.end {
                            k += 1;
                        }
                    }
                    None => k += 1,
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
    pieces
}

/// "Jane Doe and John Roe" is two names, "Jane Doe of Leeds" a name and a place; "Bureau of
/// Food and Drugs" is one organisation. In a piece with an organisation's head word, a part
/// between connectors that is a full personal name (a given name and one or two more
/// name-shaped words, no head word) still stands alone: "Jane Doe of the Civic Party", "Labour
/// Party and Jane Doe"; the other parts stay joined.
pub(super) fn split_at_and(toks: &[Token], g: &Gazetteer, words_of: &ArticleWords, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut s = a;
    for (k, t) in toks.iter().enumerate().take(b).skip(a) {
        if matches!(t.text, "and" | "of" | "for" | "on") {
            parts.push((s, k));
            s = k + 1;
        }
    }
    parts.push((s, b));
    parts.retain(|(x, y)| x < y);
    if !toks[a..b].iter().any(|t| g.words.org_head(t.text)) {
        return parts;
    }
    let full_name = |&(x, y): &(usize, usize)| {
        (2..=3).contains(&(y - x))
            && is_given(&g.names, words_of, toks[x].text)
            && toks[x..y].iter().all(|t| name_shaped(&g.words, t.text) && !g.words.org_head(t.text) && !g.words.place_head(t.text))
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut joined: Option<(usize, usize)> = None;
    for part in parts {
        if full_name(&part) {
            out.extend(joined.take());
            out.push(part);
        } else {
            joined = Some(joined.map_or(part, |(x, _)| (x, part.1)));
        }
    }
    out.extend(joined);
    out
}

/// Trim a piece to the words that can be a name: no leading function words or country
/// names ("But", "China Gary Locke"), no trailing connectors.
pub(super) fn trim_piece(toks: &[Token], known: &KnownMatches, g: &Gazetteer, (mut a, mut b): (usize, usize)) -> Option<(usize, usize)> {
    while a < b && (g.words.function_word(toks[a].text) || g.words.connector(toks[a].text)) {
        a += 1;
    }
    while b > a && g.words.connector(toks[b - 1].text) {
        b -= 1;
    }
    if a < b && !toks[a..b].iter().any(|t| g.words.org_head(t.text)) {
        while a < b
            && known_at(known, toks[a].start).is_some_and(|(k, _, r)| g.known[*k].kind == ActorType::Country && r.start == toks[a].start)
        {
            a += 1;
        }
    }
    (a < b).then_some((a, b))
}

/// A name starts at its given name: words glued before it are a role or an employer
/// ("Executive Jane Doe", "Acme Robotics Jane Doe"). Only when what is left is still a full
/// name and nothing before it is a given name itself ("Mary Ann Smith" stays whole).
pub(super) fn cut_before_given_name(toks: &[Token], g: &Gazetteer, lower: &ArticleWords, (a, b): (usize, usize)) -> usize {
    let names = &g.names;
    if b - a < 3 {
        return a;
    }
    for k in a + 1..b - 1 {
        if is_given(names, lower, toks[k].text) && toks[k + 1..b].iter().all(|t| name_shaped(&g.words, t.text)) {
            if toks[a..k].iter().any(|t| is_given(names, lower, t.text)) {
                return a;
            }
            return k;
        }
    }
    a
}

/// A given name that the article does not also use as an ordinary word.
pub(super) fn is_given(names: &NameLists, words_of: &ArticleWords, w: &str) -> bool {
    names.is_given(w) && !words_of.has_lower(w)
}

/// What a capitalised piece is, judged by its words and the text around it.
pub(super) enum Piece {
    Organization,
    Person { role: Option<String> },
}

/// Small words written capitalised only inside the title of a work ("Star Trek Into
/// Darkness", "Growing Up Weightless"), never inside a person's name.
const TITLE_SMALL_WORDS: &[&str] = &[
    "Into", "Up", "Of", "In", "On", "At", "To", "With", "From", "For", "The", "A", "An", "And", "Or", "Is", "Are", "My", "Your", "Our",
    "Me", "You", "It", "Not", "No", "Over", "Under", "Down", "Out", "Off", "About", "After", "Before", "Without",
];

/// Not a person however name-shaped: the title of a work (the whole of a quotation, after
/// "The", or with a capitalised small word inside), or a credit (a photo credit "Jane Doe /
/// AP", an author's note "Jane Doe (jane@example.org) is …").
fn work_or_credit(p: &str, toks: &[Token], (a, b): (usize, usize)) -> bool {
    let (s, e) = (toks[a].start, toks[b - 1].end);
    let before = p.get(..s).unwrap_or("");
    let after = p.get(e..).unwrap_or("");
    let quoted = before.ends_with(['“', '"', '‘']) && after.trim_start_matches([',', '.', '!', '?']).starts_with(['”', '"', '’']);
    let after_the = a > 0 && matches!(toks[a - 1].text, "The" | "A" | "An") && p.get(toks[a - 1].end..s) == Some(" ");
    let small_word = toks[a + 1..b].iter().any(|t| TITLE_SMALL_WORDS.contains(&t.text));
    let photo_credit = after.starts_with(" / ") && after[3..].starts_with(char::is_uppercase);
    let author_note =
        after.starts_with(" (") && after[2..].split(')').next().is_some_and(|inside| inside.contains('@') && !inside.contains(' '));
    quoted || after_the || small_word || photo_credit || author_note
}

/// Is `toks[a..b]` (text `p[s..e]`) a person or organisation?
pub(super) fn classify(p: &str, toks: &[Token], (a, b): (usize, usize), g: &Gazetteer, words_of: &ArticleWords) -> Option<Piece> {
    let words: Vec<&str> = toks[a..b].iter().map(|t| t.text).collect();
    if words.len() >= 2 && words.iter().any(|w| g.words.org_head(w)) {
        return Some(Piece::Organization);
    }
    let inner = |i: usize| i > 0 && i + 1 < words.len();
    let shaped = |(i, w): (usize, &&str)| {
        name_shaped(&g.words, w)
            || initial(w)
            || inner(i) && g.words.particle(w)
            || i > 0 && i + 1 == words.len() && (roman(w) || matches!(*w, "Jr" | "Jr." | "Sr" | "Sr."))
    };
    // An East Asian name in its own order: a listed surname, then a hyphenated given name
    // ("Leung Kwok-hung", "Park Joo-ho": a surname may also be a word of places).
    let surname_first = words.len() == 2 && g.names.is_surname(words[0]) && hyphenated_given(words[1]);
    if !(2..=4).contains(&words.len())
        || !words.iter().enumerate().all(shaped)
        || !surname_first && words.iter().any(|w| g.words.place_head(w))
    {
        return None;
    }
    let e = toks[b - 1].end;
    // Not a name: an address or a work after a number ("12 Elm Grove", "2016’s Space
    // Odyssey"), a sequel or model before one ("Final Siege 2"), a brand joined by "&", the
    // object of a connector ("Commissioner for Human Rights").
    let number = |t: Option<&Token>| t.is_some_and(|t| t.text.chars().all(|c| c.is_ascii_digit()));
    let gap_after = toks.get(b).and_then(|n| p.get(e..n.start)).unwrap_or("");
    let before_gap = a.checked_sub(1).and_then(|i| p.get(toks[i].end..toks[a].start)).unwrap_or("");
    if before_gap == " " && number(a.checked_sub(1).and_then(|i| toks.get(i)))
        || gap_after == " " && number(toks.get(b))
        || p.get(e..).is_some_and(|r| r.starts_with(" &"))
        || a > 1 && matches!(toks[a - 1].text, "of" | "for") && capitalised(toks[a - 2].text)
        || work_or_credit(p, toks, (a, b))
    {
        return None;
    }
    let before: Vec<&str> = toks[a.saturating_sub(3)..a].iter().map(|t| t.text).collect();
    let after: Vec<&str> = toks[b..(b + 3).min(toks.len())].iter().map(|t| t.text).collect();
    let names = &g.names;
    let last = words[words.len() - 1];
    // The shape of a name: a given name first ("Marta Kowalczyk"), or initials before a
    // surname ("J. R. Smith"). A given name the article also writes in lower case ("Will")
    // needs a listed surname after it.
    let given_first = names.is_given(words[0])
        && !g.words.place_opener(words[0])
        && !initial(last)
        && (!words_of.has_lower(words[0]) || names.is_surname(last))
        && (names.is_surname(last) || last.strip_suffix('s').is_some_and(|one| names.is_surname(one)) || !names.is_common(last));
    let initials = initial(words[0]) && names.is_surname(last);
    // A listed surname after a word that is only ever a name in this article ("Adarius
    // Taylor"), and that does not open a place ("New York", "San Jose").
    // A first word that is a common English word and no given name is a thing's ("True
    // Tone", "Winter Solstice"), not a person's: the article need not write it in lower case.
    let surname_last = words.len() <= 3
        && names.is_surname(last)
        && !initial(last)
        && !g.words.place_opener(words[0])
        && !words_of.has_lower(words[0])
        && !words_of.has_lower(last)
        && !word_like(words[0])
        && (!names.is_common(words[0]) || names.is_given(words[0]))
        && !g.is_title(words[0]);
    // A royal or religious title is part of the name ("Prince Andrew", "Queen Elizabeth II").
    let royal = g.words.royal(words[0]) && words.len() <= 3;
    // The text around it.
    let title_before = before.last().is_some_and(|w| g.is_title(w));
    let speech = before.last().is_some_and(|w| g.speech.is_verb(w)) || after.first().is_some_and(|w| g.speech.is_verb(w));
    let according = before.len() >= 2 && before[before.len() - 2..] == ["according", "to"];
    let rest = p.get(e..).unwrap_or("").trim_start_matches(['’', '\'', 's']);
    // ", a professor at …", ", Acme’s chief economist, …": a role word first, or after one
    // possessive or adjective.
    let role_word = |w: &str| {
        let w = w.trim_end_matches([',', ';']);
        g.words.appositive_start(&w.to_lowercase()) || g.is_title(w)
    };
    let appositive = rest.starts_with(", ") && {
        let mut next = rest[2..].split_whitespace();
        match (next.next(), next.next()) {
            (Some(w), _) if role_word(w) => true,
            (Some(w), Some(v)) => (w.ends_with("’s") || w.ends_with("'s")) && role_word(v),
            _ => false,
        }
    };
    let surname_speaks = words_of.speaking.contains(last);
    // Only the text around it says person: not a run with a common English word in it and
    // no listed name ("Digital Foundry said", "Ranking Member").
    let named = given_first || initials || surname_last || surname_first || royal;
    let wordy = words.iter().any(|w| names.is_common(w)) && !words.iter().any(|w| names.is_given(w) || names.is_surname(w));
    if !named && wordy {
        return None;
    }
    if !(given_first
        || initials
        || surname_last
        || surname_first
        || royal
        || title_before
        || appositive
        || speech
        || according
        || surname_speaks)
    {
        return None;
    }
    let role = appositive
        .then(|| rest[2..].split([',', '.', ';']).next().unwrap_or("").trim().to_owned())
        .filter(|d| !d.is_empty() && d.split_whitespace().count() <= 14);
    Some(Piece::Person { role })
}

/// People found in the text, by lower-cased name.
#[derive(Default)]
pub(super) struct FoundSet {
    pub(super) found: Vec<Found>,
    index: FxHashMap<(ActorType, String), usize>,
}

impl FoundSet {
    pub(super) fn add(&mut self, name: &str, kind: ActorType) -> usize {
        let found = &mut self.found;
        *self.index.entry((kind, name.to_lowercase())).or_insert_with(|| {
            found.push(Found { name: name.to_owned(), canonical: None, kind, role: None, mentions: vec![] });
            found.len() - 1
        })
    }
}

/// Person and organisation mentions among a paragraph's capitalised pieces.
pub(super) fn text_mentions(
    p: &str,
    pi: usize,
    toks: &[Token],
    known: &KnownMatches,
    g: &Gazetteer,
    words_of: &ArticleWords,
    set: &mut FoundSet,
) -> Vec<(Target, Mention)> {
    let mut out = Vec::new();
    for piece in capitalised_pieces(p, toks, known, g).into_iter().flat_map(|piece| split_at_and(toks, g, words_of, piece)) {
        let Some((a, b)) = trim_piece(toks, known, g, piece) else { continue };
        let a = cut_before_given_name(toks, g, words_of, (a, b));
        let (s, e) = (toks[a].start, toks[b - 1].end);
        // Known matches do not overlap: only the one at `s` can hold the piece.
        if known_at(known, s).is_some_and(|(_, _, r)| r.start <= s && e <= r.end) {
            continue; // exactly (part of) a known name: already matched
        }
        let span = Span { paragraph: pi as u32, start: s as u32, end: e as u32 };
        match classify(p, toks, (a, b), g, words_of) {
            Some(Piece::Organization) => {
                let f = set.add(&p[s..e], ActorType::Organization);
                out.push((Target::Found(f), Mention { span, metonym: false }));
            }
            Some(Piece::Person { role }) => {
                let inside = &known[known.partition_point(|(_, _, r)| r.start < s)..];
                if inside.iter().take_while(|(_, _, r)| r.start < e).any(|(_, _, r)| r.end <= e && p[r.clone()].contains(' ')) {
                    continue;
                }
                let f = set.add(&p[s..e], ActorType::Person);
                if set.found[f].role.is_none() {
                    set.found[f].role = role;
                }
                out.push((Target::Found(f), Mention { span, metonym: false }));
            }
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{names, people};
    use crate::model::ActorType;

    #[test]
    fn words_that_are_names_only_sometimes_need_more() {
        // "Will" is a given name, but this article also uses "will" as a verb.
        let got = people(&["Will Democrats win? Voters will decide.", "Officers closed 214 Harbour Place at noon."]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn titles_and_employers_glued_to_a_name_are_cut_off() {
        let got = people(&[
            "Executive Brian Castellano left the board.",
            "Norvik Robotics Patricia Engel confirmed the sale, and Senior Analyst Gordon Whitfield agreed.",
        ]);
        assert!(got.contains(&"Brian Castellano".to_owned()), "{got:?}");
        assert!(got.contains(&"Patricia Engel".to_owned()), "{got:?}");
        assert!(got.contains(&"Gordon Whitfield".to_owned()), "{got:?}");
        assert!(!got.iter().any(|n| n.contains("Executive") || n.contains("Norvik") || n.contains("Analyst")), "{got:?}");
    }

    #[test]
    fn companies_are_not_people() {
        let got = names(&["Henry Fairbanks Co. said profits rose; Marsh Partners Inc. declined to comment."], None);
        assert!(!got.iter().any(|(_, k, _)| *k == ActorType::Person), "{got:?}");
        assert!(got.iter().any(|(n, k, _)| n == "Henry Fairbanks Co." && *k == ActorType::Organization), "{got:?}");
    }

    #[test]
    fn a_full_name_beside_an_organisation_is_a_person() {
        let got = names(&["Voters backed Marta Kowalczyk of the Harbour Civic Party and Tomas Brandt of Greenline Alliance."], None);
        let has = |n: &str, k: ActorType| got.iter().any(|(x, t, _)| x == n && *t == k);
        assert!(has("Marta Kowalczyk", ActorType::Person), "{got:?}");
        assert!(has("Tomas Brandt", ActorType::Person), "{got:?}");
        assert!(has("Harbour Civic Party", ActorType::Organization), "{got:?}");
        // An organisation's own name with "of" and "and" inside stays whole.
        let got = names(&["The Bureau of Food and Drugs said so."], None);
        assert!(got.iter().any(|(n, k, _)| n == "Bureau of Food and Drugs" && *k == ActorType::Organization), "{got:?}");
    }

    #[test]
    fn plural_heads_and_buildings_are_not_people() {
        let got = people(&["The State and Homeland Defence Agencies met at the Marlow Grand Hotel, near the Carver Memorial."]);
        assert!(got.is_empty(), "{got:?}");
        // A surname that is also a word for a landform stays a surname.
        assert_eq!(people(&["Fiona Hill testified on Tuesday."]), ["Fiona Hill"]);
    }

    #[test]
    fn hashtags_are_not_part_of_a_name() {
        let got = people(&["#Rovers Tavarion Mitchell has been solid in goal."]);
        assert_eq!(got, ["Tavarion Mitchell"]);
    }

    #[test]
    fn royal_titles_are_part_of_the_name() {
        let got = people(&["Prince Frederik opened the bridge with Queen Margarethe II."]);
        assert!(got.contains(&"Prince Frederik".to_owned()), "{got:?}");
        assert!(got.contains(&"Queen Margarethe II".to_owned()), "{got:?}");
    }

    #[test]
    fn titles_of_works_and_credits_are_not_people() {
        let got = people(&[
            "The band played “Morning Harbour Lights” and “Silver Creek,” then left.",
            "She read The Glass Orchard twice and saw Winter Falls Into Night, a film.",
            "Pictured: the quay.Harold Finch / Reuters",
            "Mara Lindgren (mara@example.org) writes about ports.",
            "Dorothea Quist spoke next.",
        ]);
        assert_eq!(got, ["Dorothea Quist"]);
    }
}
