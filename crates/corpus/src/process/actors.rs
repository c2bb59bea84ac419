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

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{ActorType, Span};
use crate::process::gazetteer::{FormKind, Gazetteer};
use crate::process::names::NameLists;
use crate::process::tokens::{Token, capitalised, tokens};

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
    "Co",
    "Corp",
    "Inc",
    "LLC",
    "Plc",
    "PLC",
    "AG",
    "GmbH",
    "Holdings",
    "Industries",
    "Technologies",
    "Motors",
    "Airlines",
    "Airways",
    "Entertainment",
    "Media",
    "Studios",
    "Pictures",
    "Labs",
    "Partners",
    "Capital",
    "Ventures",
    "Enterprises",
    "Senate",
    "Congress",
    "Church",
    "Team",
    "FC",
    "Magazine",
    "News",
    "Herald",
    "Tribune",
    "Institutes",
    "Laboratory",
    "Laboratories",
    "Observatory",
    "Pharmaceuticals",
    "Therapeutics",
    "Foods",
    "Energy",
    "Bancorp",
    "Insurance",
    "Productions",
    "Brothers",
    "Infirmary",
    "Clinic",
    "Works",
    "Studio",
    "Records",
    "Nation",
    "Directorate",
    "Partnership",
    "Coalition",
    "Collective",
];
/// Words that end a place's name: a span holding one is not a person ("Grant Park").
const PLACE_HEADS: &[&str] = &[
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Boulevard",
    "Lane",
    "Drive",
    "Park",
    "Square",
    "Plaza",
    "Bridge",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Valley",
    "Island",
    "Islands",
    "Beach",
    "Bay",
    "County",
    "City",
    "Town",
    "Village",
    "Airport",
    "Station",
    "Stadium",
    "Arena",
    "Field",
    "Hall",
    "Place",
    "Way",
    "Box",
    "Pavilion",
    "Amphitheatre",
    "Amphitheater",
    "Hills",
    "Heights",
    "Springs",
    "Falls",
    "Harbor",
    "Harbour",
    "Coast",
    "Canyon",
    "Forest",
    "Highway",
    "Freeway",
    "Tower",
    "Towers",
    "Building",
    "Center",
    "Centre",
    "Mall",
    "Port",
    "Point",
    "Creek",
    "Sea",
    "Ocean",
    "Gulf",
    "Peninsula",
    "Province",
    "State",
    "District",
    "Region",
    "Territory",
    "Desert",
    "Island",
    "Theater",
    "Theatre",
    "Cathedral",
    "Palace",
    "Castle",
    "Gardens",
    "Garden",
    "Zoo",
    "Prize",
    "Award",
    "Awards",
    "Cup",
    "League",
    "Championship",
    "Open",
    "Act",
    "Day",
    "Week",
    "Festival",
    "Show",
    "Series",
    "Edition",
    "Pro",
    "Max",
    "Plus",
    "Mini",
    "Air",
    "Prime",
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
    "Because",
    "Even",
    "Only",
    "Now",
    "Then",
    "Here",
    "There",
    "Every",
    "Each",
    "All",
    "No",
    "Not",
    "Yes",
    "Just",
    "Still",
    "Once",
    "Until",
    "Unless",
    "Whether",
    "Instead",
    "Perhaps",
    "Maybe",
    "Thanks",
    "Dear",
    "According",
    "Including",
    "Am",
    "Email",
    "Follow",
    "Contact",
    "Submitted",
    "Will",
    "Can",
    "Could",
    "Should",
    "Would",
    "Did",
    "Does",
    "Do",
    "Is",
    "Are",
    "Was",
    "Were",
    "Has",
    "Have",
    "Had",
    "Let",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Tonight",
    "Photo",
    "Image",
    "Credit",
    "Watch",
    "Read",
    "Related",
    "Advertisement",
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
    SET.get_or_init(|| ORG_HEADS.iter().copied().collect()).contains(w.trim_end_matches('.'))
}

fn place_head(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| PLACE_HEADS.iter().copied().collect()).contains(w.trim_end_matches('.'))
}

/// Capitalised words that are not (part of) a person's name: function words, months, days.
fn not_a_name(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().chain(FUNCTION_WORDS).copied().collect()).contains(w)
}

fn name_shaped(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    capitalised(w)
        && !not_a_name(w.trim_end_matches('.'))
        && (letters > 1 && !w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || (letters == 1 && w.ends_with('.')))
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// A first word that reads as an English word or a brand, not a given name: an adverb or
/// participle ("Mostly", "Rolling"), or capitals inside ("YouTube").
fn word_like(w: &str) -> bool {
    w.ends_with("ly") || w.ends_with("ing") || w.chars().skip(1).any(char::is_uppercase)
}

/// A regnal number ("II", "IV").
fn roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Titles that are part of a royal's or saint's name.
const ROYAL: &[&str] =
    &["King", "Queen", "Prince", "Princess", "Duke", "Duchess", "Emperor", "Empress", "Pope", "Saint", "Sultan", "Sheikh"];

/// First words of place names, not of people's ("New York", "San Jose", "Fort Worth").
const PLACE_OPENERS: &[&str] = &[
    "New",
    "San",
    "Santa",
    "Los",
    "Las",
    "El",
    "La",
    "Le",
    "St",
    "St.",
    "Saint",
    "Fort",
    "Port",
    "Mount",
    "Mt.",
    "Lake",
    "North",
    "South",
    "East",
    "West",
    "Upper",
    "Lower",
    "Great",
    "Grand",
    "Little",
    "Big",
    "Old",
    "Royal",
    "National",
    "International",
    "United",
    "Federal",
    "General",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Greater",
    "Downtown",
    "Palm",
    "Glen",
    "Cape",
    "Rio",
    "Sao",
    "São",
    "Hong",
    "Abu",
    "Tel",
    "Buenos",
    "Kuala",
    "Puerto",
    "Costa",
    "Sri",
    "Dow",
    "Wall",
    "White",
    "Black",
    "Red",
    "Green",
    "Blue",
    "Golden",
    "Silver",
    "Super",
    "Premier",
    "Major",
    "Grammy",
    "Oscar",
    "Nobel",
    "Pulitzer",
    "Emmy",
    "Olympic",
    "World",
    "Global",
    "Team",
    "Mister",
    "Miss",
    "Happy",
    "Merry",
    "Holy",
    "Christ",
    "Bible",
    "Democrat",
    "Democrats",
    "Republican",
    "Republicans",
    "Conservative",
    "Labour",
    "Liberal",
    "Catholic",
    "Muslim",
    "Jewish",
    "Christian",
];

/// Lower-case particles inside a person's name ("Monica de Souza", "Jakob von Berg").
const PARTICLES: &[&str] =
    &["de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "bin", "al", "el", "la", "le"];

/// An initial or initials ("J.", "T.J.", "R.R.").
fn initial(w: &str) -> bool {
    let mut n = 0;
    let mut c = w.chars();
    loop {
        match (c.next(), c.next()) {
            (Some(a), Some('.')) if a.is_uppercase() => n += 1,
            (None, _) => return n > 0,
            _ => return false,
        }
    }
}

/// Known matches of one paragraph, in text order and not overlapping.
type KnownMatches = Vec<(usize, FormKind, std::ops::Range<usize>)>;

/// What a paragraph's words tell about the article as a whole.
struct ArticleWords<'a> {
    /// Capitalised words directly followed by a speech verb ("Nowak said").
    speaking: FxHashSet<&'a str>,
    /// Words the article also writes in lower case ("will", "rose"): as given names they
    /// need a surname after them.
    lower: FxHashSet<&'a str>,
}

impl ArticleWords<'_> {
    /// Does the article also write `w` (capitalised) in lower case?
    fn has_lower(&self, w: &str) -> bool {
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

fn article_words<'a>(para_tokens: &[Vec<Token<'a>>]) -> ArticleWords<'a> {
    let mut speaking = FxHashSet::default();
    let mut lower = FxHashSet::default();
    for toks in para_tokens {
        for (i, t) in toks.iter().enumerate() {
            if capitalised(t.text) {
                if toks.get(i + 1).is_some_and(|n| SPEECH_VERBS.contains(&n.text)) {
                    speaking.insert(t.text);
                }
            } else if t.text.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(t.text);
            }
        }
    }
    ArticleWords { speaking, lower }
}

/// The known match covering byte `start`, if any.
fn known_at(known: &KnownMatches, start: usize) -> Option<&(usize, FormKind, std::ops::Range<usize>)> {
    let i = known.partition_point(|(_, _, r)| r.end <= start);
    known.get(i).filter(|(_, _, r)| r.start <= start)
}

/// Mentions of known actors; a capital used as a place ("talks in Beijing", "a
/// Washington-based group") is the city, otherwise its state.
fn known_mentions(p: &str, pi: usize, known: &KnownMatches, g: &Gazetteer) -> Vec<(Target, Mention)> {
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

/// Runs of capitalised words (with connectors such as "of" inside) separated by single
/// spaces, cut at title words and known person/organisation names: token index ranges.
fn capitalised_pieces(p: &str, toks: &[Token], known: &KnownMatches, g: &Gazetteer) -> Vec<(usize, usize)> {
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
            let is_connector = !capitalised(t) && j > i && j + 1 < toks.len() && capitalised(toks[j + 1].text) && CONNECTORS.contains(&t);
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
            let royal = ROYAL.contains(&toks[k].text) && k + 1 < j;
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
/// Food and Drugs" is one organisation.
fn split_at_and(toks: &[Token], (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    if toks[a..b].iter().any(|t| org_head(t.text)) {
        return vec![(a, b)];
    }
    let mut out = Vec::new();
    let mut s = a;
    for (k, t) in toks.iter().enumerate().take(b).skip(a) {
        if matches!(t.text, "and" | "of" | "for" | "on") {
            out.push((s, k));
            s = k + 1;
        }
    }
    out.push((s, b));
    out.into_iter().filter(|(x, y)| x < y).collect()
}

/// Trim a piece to the words that can be a name: no leading function words or country
/// names ("But", "China Gary Locke"), no trailing connectors.
fn trim_piece(toks: &[Token], known: &KnownMatches, g: &Gazetteer, (mut a, mut b): (usize, usize)) -> Option<(usize, usize)> {
    while a < b && (FUNCTION_WORDS.contains(&toks[a].text) || CONNECTORS.contains(&toks[a].text)) {
        a += 1;
    }
    while b > a && CONNECTORS.contains(&toks[b - 1].text) {
        b -= 1;
    }
    if a < b && !toks[a..b].iter().any(|t| org_head(t.text)) {
        while a < b && known.iter().any(|(k, _, r)| g.known[*k].kind == ActorType::Country && r.start == toks[a].start) {
            a += 1;
        }
    }
    (a < b).then_some((a, b))
}

/// A name starts at its given name: words glued before it are a role or an employer
/// ("Executive Jane Doe", "Acme Robotics Jane Doe"). Only when what is left is still a full
/// name and nothing before it is a given name itself ("Mary Ann Smith" stays whole).
fn cut_before_given_name(toks: &[Token], names: &NameLists, lower: &ArticleWords, (a, b): (usize, usize)) -> usize {
    if b - a < 3 {
        return a;
    }
    for k in a + 1..b - 1 {
        if is_given(names, lower, toks[k].text) && toks[k + 1..b].iter().all(|t| name_shaped(t.text)) {
            if toks[a..k].iter().any(|t| is_given(names, lower, t.text)) {
                return a;
            }
            return k;
        }
    }
    a
}

/// A given name that the article does not also use as an ordinary word.
fn is_given(names: &NameLists, words_of: &ArticleWords, w: &str) -> bool {
    names.is_given(w) && !words_of.has_lower(w)
}

/// What a capitalised piece is, judged by its words and the text around it.
enum Piece {
    Organization,
    Person { role: Option<String> },
}

/// Is `toks[a..b]` (text `p[s..e]`) a person or organisation?
fn classify(p: &str, toks: &[Token], (a, b): (usize, usize), g: &Gazetteer, words_of: &ArticleWords) -> Option<Piece> {
    let words: Vec<&str> = toks[a..b].iter().map(|t| t.text).collect();
    if words.len() >= 2 && words.iter().any(|w| org_head(w)) {
        return Some(Piece::Organization);
    }
    let inner = |i: usize| i > 0 && i + 1 < words.len();
    let shaped = |(i, w): (usize, &&str)| {
        name_shaped(w)
            || initial(w)
            || inner(i) && PARTICLES.contains(w)
            || i > 0 && i + 1 == words.len() && (roman(w) || matches!(*w, "Jr" | "Jr." | "Sr" | "Sr."))
    };
    if !(2..=4).contains(&words.len()) || !words.iter().enumerate().all(shaped) || words.iter().any(|w| place_head(w)) {
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
        && !PLACE_OPENERS.contains(&words[0])
        && !initial(last)
        && (!words_of.has_lower(words[0]) || names.is_surname(last));
    let initials = initial(words[0]) && names.is_surname(last);
    // A listed surname after a word that is only ever a name in this article ("Adarius
    // Taylor"), and that does not open a place ("New York", "San Jose").
    let surname_last = words.len() <= 3
        && names.is_surname(last)
        && !initial(last)
        && !PLACE_OPENERS.contains(&words[0])
        && !words_of.has_lower(words[0])
        && !words_of.has_lower(last)
        && !word_like(words[0])
        && !g.is_title(words[0]);
    // A royal or religious title is part of the name ("Prince Andrew", "Queen Elizabeth II").
    let royal = ROYAL.contains(&words[0]) && words.len() <= 3;
    // The text around it.
    let title_before = before.last().is_some_and(|w| g.is_title(w));
    let speech = before.last().is_some_and(|w| SPEECH_VERBS.contains(w)) || after.first().is_some_and(|w| SPEECH_VERBS.contains(w));
    let according = before.len() >= 2 && before[before.len() - 2..] == ["according", "to"];
    let rest = p.get(e..).unwrap_or("").trim_start_matches(['’', '\'', 's']);
    // ", a professor at …", ", Acme’s chief economist, …": a role word first, or after one
    // possessive or adjective.
    let role_word = |w: &str| {
        let w = w.trim_end_matches([',', ';']);
        APPOSITIVE_STARTS.contains(&w.to_lowercase().as_str()) || g.is_title(w)
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
    if !(given_first || initials || surname_last || royal || title_before || appositive || speech || according || surname_speaks) {
        return None;
    }
    let role = appositive
        .then(|| rest[2..].split([',', '.', ';']).next().unwrap_or("").trim().to_owned())
        .filter(|d| !d.is_empty() && d.split_whitespace().count() <= 14);
    Some(Piece::Person { role })
}

/// Role references without a name: "the US President", "the Chinese foreign minister".
fn role_references(p: &str, pi: usize, known: &KnownMatches, g: &Gazetteer, date: Option<&str>) -> Vec<(Target, Mention)> {
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

/// People found in the text, by lower-cased name.
#[derive(Default)]
struct FoundSet {
    found: Vec<Found>,
    index: FxHashMap<(ActorType, String), usize>,
}

impl FoundSet {
    fn add(&mut self, name: &str, kind: ActorType) -> usize {
        let found = &mut self.found;
        *self.index.entry((kind, name.to_lowercase())).or_insert_with(|| {
            found.push(Found { name: name.to_owned(), canonical: None, kind, role: None, mentions: vec![] });
            found.len() - 1
        })
    }
}

/// Person and organisation mentions among a paragraph's capitalised pieces.
fn text_mentions(
    p: &str,
    pi: usize,
    toks: &[Token],
    known: &KnownMatches,
    g: &Gazetteer,
    words_of: &ArticleWords,
    set: &mut FoundSet,
) -> Vec<(Target, Mention)> {
    let mut out = Vec::new();
    for piece in capitalised_pieces(p, toks, known, g).into_iter().flat_map(|piece| split_at_and(toks, piece)) {
        let Some((a, b)) = trim_piece(toks, known, g, piece) else { continue };
        let a = cut_before_given_name(toks, &g.names, words_of, (a, b));
        let (s, e) = (toks[a].start, toks[b - 1].end);
        if known.iter().any(|(_, _, r)| r.start <= s && e <= r.end) {
            continue; // exactly (part of) a known name: already matched
        }
        let span = Span { paragraph: pi as u32, start: s as u32, end: e as u32 };
        match classify(p, toks, (a, b), g, words_of) {
            Some(Piece::Organization) => {
                let f = set.add(&p[s..e], ActorType::Organization);
                out.push((Target::Found(f), Mention { span, metonym: false }));
            }
            Some(Piece::Person { role }) => {
                if known.iter().any(|(_, _, r)| r.start >= s && r.end <= e && p[r.clone()].contains(' ')) {
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

/// The name words of a person target.
fn person_words(t: Target, g: &Gazetteer, found: &[Found]) -> Option<Vec<String>> {
    match t {
        Target::Known(a) if g.known[a].kind == ActorType::Person => Some(g.known[a].name_tokens.clone()),
        Target::Found(f) if found[f].kind == ActorType::Person => Some(found[f].name.split_whitespace().map(str::to_owned).collect()),
        _ => None,
    }
}

/// A found person whose name is a shorter form of another's ("Jane Doe" of "Jane A. Doe",
/// "Doe" of "Jane Doe" found with a cue) is that person: the fullest form is the name.
fn merge_short_forms(mentions: &mut [(Target, Mention)], g: &Gazetteer, found: &[Found]) {
    let people: Vec<(Target, Vec<String>)> = {
        let mut seen = FxHashSet::default();
        mentions.iter().filter(|(t, _)| seen.insert(*t)).filter_map(|(t, _)| person_words(*t, g, found).map(|w| (*t, w))).collect()
    };
    let mut into: FxHashMap<Target, Target> = FxHashMap::default();
    for (t, w) in &people {
        let Target::Found(_) = t else { continue };
        let longer: Vec<&Target> = people
            .iter()
            .filter(|(o, ow)| o != t && ow.len() > w.len() && ow.last() == w.last() && w.iter().all(|x| ow.contains(x)))
            .map(|(o, _)| o)
            .collect();
        if let [one] = longer.as_slice() {
            into.insert(*t, **one);
        }
    }
    for (t, _) in mentions.iter_mut() {
        if let Some(o) = into.get(t) {
            *t = *o;
        }
    }
}

/// A known person named in the article only by a one-word alias ("Harris") that is the
/// surname of exactly one person found in full ("Matt Harris") is that person.
fn surname_of_found(p_body: &[String], mentions: &mut [(Target, Mention)], g: &Gazetteer, found: &[Found]) {
    let text =
        |m: &Mention| p_body.get(m.span.paragraph as usize).and_then(|p| p.get(m.span.start as usize..m.span.end as usize)).unwrap_or("");
    let mut full_known: FxHashSet<usize> = FxHashSet::default();
    for (t, m) in mentions.iter() {
        if let Target::Known(a) = t
            && text(m).contains(' ')
        {
            full_known.insert(*a);
        }
    }
    let found_people: Vec<usize> = {
        let mut seen = FxHashSet::default();
        mentions
            .iter()
            .filter_map(|(t, _)| match t {
                Target::Found(f) if found[*f].kind == ActorType::Person && seen.insert(*f) => Some(*f),
                _ => None,
            })
            .collect()
    };
    for mention in mentions.iter_mut() {
        let Target::Known(a) = mention.0 else { continue };
        if g.known[a].kind != ActorType::Person || full_known.contains(&a) {
            continue;
        }
        let word = text(&mention.1);
        let owners: Vec<usize> = found_people.iter().copied().filter(|&f| found[f].name.split_whitespace().last() == Some(word)).collect();
        if let [f] = owners.as_slice() {
            mention.0 = Target::Found(*f);
        }
    }
}

/// One word naming exactly one person of the article refers to that person ("Sun", "Mr.
/// Li"); two people who share it stay apart.
fn single_word_mentions(para_tokens: &[Vec<Token>], mentions: &mut Vec<(Target, Mention)>, g: &Gazetteer, found: &[Found]) {
    let mut owners_of: FxHashMap<String, Vec<Target>> = FxHashMap::default();
    let mut seen: FxHashSet<Target> = Default::default();
    for (t, _) in mentions.iter() {
        let Some(names) = person_words(*t, g, found) else { continue };
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
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); para_tokens.len()];
    for (_, m) in mentions.iter() {
        covered[m.span.paragraph as usize].push((m.span.start as usize, m.span.end as usize));
    }
    for (pi, toks) in para_tokens.iter().enumerate() {
        for tok in toks {
            if !capitalised(tok.text) || not_a_name(tok.text) || initial(tok.text) {
                continue;
            }
            let Some(&[owner]) = owners_of.get(tok.text).map(Vec::as_slice) else { continue };
            if !covered[pi].iter().any(|&(s, e)| s < tok.end && tok.start < e) {
                let m = Mention { span: Span { paragraph: pi as u32, start: tok.start as u32, end: tok.end as u32 }, metonym: false };
                mentions.push((owner, m));
            }
        }
    }
}

/// A known person is named as the article names them most fully ("Trump" when it never says
/// "Donald Trump", "Sergei Lavrov" for "Sergey Lavrov"): the fullest name-shaped form of
/// their mentions, the list's own name on a tie.
fn article_name(body: &[String], canonical: &str, mentions: &[Mention]) -> String {
    let mut best: Option<&str> = None;
    for m in mentions {
        let Some(form) = body.get(m.span.paragraph as usize).and_then(|p| p.get(m.span.start as usize..m.span.end as usize)) else {
            continue;
        };
        if !form.split_whitespace().all(|w| name_shaped(w) || initial(w)) {
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

/// Someone named only by a surname that speaks ("Okafor said") when the article never gives
/// the full name: a person of that one name. Only listed surnames the article never writes
/// in lower case, not covered by another mention.
fn lone_surname_speakers(
    para_tokens: &[Vec<Token>],
    mentions: &mut Vec<(Target, Mention)>,
    g: &Gazetteer,
    words_of: &ArticleWords,
    set: &mut FoundSet,
) {
    let mut speakers: Vec<&str> = words_of
        .speaking
        .iter()
        .copied()
        .filter(|w| {
            name_shaped(w) && !w.ends_with('.') && g.names.is_surname(w) && !words_of.has_lower(w) && !org_head(w) && !place_head(w)
        })
        .collect();
    if speakers.is_empty() {
        return;
    }
    speakers.sort_unstable();
    let mut covered: Vec<Vec<(usize, usize)>> = vec![Vec::new(); para_tokens.len()];
    for (_, m) in mentions.iter() {
        if let Some(c) = covered.get_mut(m.span.paragraph as usize) {
            c.push((m.span.start as usize, m.span.end as usize));
        }
    }
    for name in speakers {
        let occurrences: Vec<(usize, &Token)> = para_tokens
            .iter()
            .enumerate()
            .flat_map(|(pi, toks)| toks.iter().filter(move |t| t.text == name).map(move |t| (pi, t)))
            .collect();
        // Part of a longer name somewhere ("Jane Okafor"): that person's, not a new one.
        if occurrences.iter().any(|(pi, t)| covered[*pi].iter().any(|&(s, e)| s < t.end && t.start < e)) {
            continue;
        }
        let f = set.add(name, ActorType::Person);
        for (pi, t) in occurrences {
            let span = Span { paragraph: pi as u32, start: t.start as u32, end: t.end as u32 };
            mentions.push((Target::Found(f), Mention { span, metonym: false }));
        }
    }
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
            out[i].name = article_name(body, &g.known[*k].name, &out[i].mentions);
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
}

/// Find the actors of one article's body.
pub fn find(body: &[String], date: Option<&str>, g: &Gazetteer) -> Vec<Found> {
    let para_tokens: Vec<Vec<Token>> = body.iter().map(|p| tokens(p)).collect();
    let words_of = article_words(&para_tokens);
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
        // Named as the article names him; the list's spelling is "Sergey Lavrov".
        assert!(got.contains(&("Sergei Lavrov".into(), ActorType::Person, 2)), "{got:?}");
        assert!(got.contains(&("China".into(), ActorType::Country, 2)), "{got:?}");
        assert!(got.contains(&("Donald Trump".into(), ActorType::Person, 1)), "{got:?}");
        let got = names(&body, Some("2022-02"));
        assert!(got.contains(&("Joe Biden".into(), ActorType::Person, 1)), "{got:?}");
    }

    fn people(body: &[&str]) -> Vec<String> {
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
    fn surnames_merge_into_the_fullest_name_and_known_aliases_yield() {
        // "Harris" alone would be a known alias; here it is Dana Harris of this article.
        let got = names(&["Officer Dana Harris made the arrest.", "Harris said the suspect ran. Harris later left."], None);
        assert!(got.contains(&("Dana Harris".into(), ActorType::Person, 3)), "{got:?}");
        assert!(!got.iter().any(|(n, _, _)| n == "Kamala Harris"), "{got:?}");
        // A one-word alias after a given name is another person's surname.
        let got = people(&["Grace Biden, a nurse, spoke first."]);
        assert_eq!(got, ["Grace Biden"]);
        // Initials, particles and suffixes belong to the name.
        let got = people(&["The case went to Judge Marcus T. Ellery Jr. and to Lucia de Brito."]);
        assert!(got.contains(&"Marcus T. Ellery Jr.".to_owned()), "{got:?}");
        assert!(got.contains(&"Lucia de Brito".to_owned()), "{got:?}");
    }

    #[test]
    fn bylines_and_credits_left_in_the_body_name_no_actor() {
        let got = people(&[
            "By Harriet Lindqvist",
            "Dennis Moreau said the port would reopen.",
            "Additional reporting by Oscar Brandt",
            "Email Harriet Lindqvist at hl@example.org or follow her @hlind.",
        ]);
        assert_eq!(got, ["Dennis Moreau"]);
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
            let quotes = crate::process::quotes::find(&body, &found);
            for q in &quotes {
                proptest::prop_assert!(body[q.span.paragraph as usize].get(q.span.start as usize..q.span.end as usize).is_some());
            }
        }
    }
}
