//! Answers about actors across a set of articles, for the explorer's actor page, quotes view
//! and co-occurrence matrix. Everything takes the article ids to look at (the current
//! results, or the whole corpus), so the views follow the filters.

use std::collections::BTreeMap;

use crate::model::{Actor, Corpus, Quote};
use crate::strs::Str;

/// One actor across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile<'a> {
    pub actor: &'a Actor,
    /// Every form the corpus writes the actor as, most frequent first, with counts.
    pub forms: Vec<(String, usize)>,
    /// Roles seen, each with the first and last date (`YYYY…`) it was seen at, oldest first.
    pub roles: Vec<(Str, Option<Str>, Option<Str>)>,
    /// Articles that mention the actor (each once), oldest first (undated last), with mentions.
    pub articles: Vec<(u32, u32)>,
    /// Quotes the actor is the speaker of: (article, index in `Article::quotes`).
    pub quotes: Vec<(u32, usize)>,
    /// Actors that appear in the same articles, with the number of shared articles.
    pub with: Vec<(u32, usize)>,
}

/// The profile of the actor with this canonical name, or None when there is none.
pub fn profile<'a>(corpus: &'a Corpus, name: &str) -> Option<Profile<'a>> {
    let actor = corpus.actors.iter().find(|a| a.name == name)?;
    let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
    let mut roles: Vec<(Str, Option<Str>, Option<Str>)> = Vec::new();
    let mut articles = Vec::new();
    let mut quotes = Vec::new();
    let mut with: BTreeMap<u32, usize> = BTreeMap::new();
    for a in &corpus.articles {
        let Some(mine) = a.actors.iter().find(|x| x.id == actor.id) else { continue };
        articles.push((a.id, mine.mentions));
        for f in mine.forms.iter().chain(&mine.metonyms) {
            *forms.entry(f.as_str()).or_default() += 1;
        }
        let date = a.date.as_ref().map(|d| d.value.clone());
        if let Some(role) = &mine.role {
            match roles.iter_mut().find(|r| r.0 == *role) {
                Some(r) => {
                    if date.is_some() && (r.1.is_none() || date < r.1) {
                        r.1.clone_from(&date);
                    }
                    if date > r.2 {
                        r.2.clone_from(&date);
                    }
                }
                None => roles.push((role.clone(), date.clone(), date.clone())),
            }
        }
        quotes.extend(a.quotes.iter().enumerate().filter(|(_, q)| q.speaker == Some(actor.id)).map(|(i, _)| (a.id, i)));
        for other in a.actors.iter().filter(|x| x.id != actor.id) {
            *with.entry(other.id).or_default() += 1;
        }
    }
    if let (true, Some(role)) = (roles.is_empty(), &actor.role) {
        roles.push((role.clone(), None, None));
    }
    let date_of = |id: u32| corpus.articles[id as usize].date.as_ref().map(|d| d.value.clone());
    articles.sort_by_key(|&(id, _)| (date_of(id).is_none(), date_of(id), id));
    roles.sort_by(|a, b| (a.1.is_none(), &a.1).cmp(&(b.1.is_none(), &b.1)));
    let mut forms: Vec<(String, usize)> = forms.into_iter().map(|(f, n)| (f.to_owned(), n)).collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut with: Vec<(u32, usize)> = with.into_iter().collect();
    with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(Profile { actor, forms, roles, articles, quotes, with })
}

/// At most this many dated articles get a dot each on an actor's timeline; beyond, a dot
/// stands for the articles of one of [`TIMELINE_COLUMNS`] stretches of time (at 100k
/// articles a frequent actor is in thousands, and a dot each took the page seconds to draw).
pub const TIMELINE_DOTS: usize = 150;
/// Stretches of time across the timeline when its dots stand for several articles.
pub const TIMELINE_COLUMNS: usize = 80;
/// Outlets with a colour of their own on the timeline, those in most articles first; the
/// others share one (more colours would no longer tell outlets apart).
pub const TIMELINE_OUTLETS: usize = 7;

/// An actor's articles over time, as its page draws them.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub dots: Vec<Dot>,
    /// The outlets with a colour, in most articles first: a dot's `colour` indexes this, and
    /// `outlets.len()` is the colour of all the others.
    pub outlets: Vec<String>,
    pub dated: usize,
    pub undated: usize,
    /// The first and the last date, as [`present::date_label`] writes them.
    pub first: String,
    pub last: String,
}

impl Timeline {
    /// Whether some dots are of other outlets than those with a colour.
    pub fn others(&self) -> bool {
        self.dots.iter().any(|d| d.colour == self.outlets.len())
    }
}

/// One dot of a [`Timeline`]: an article, or the articles of a stretch of time.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    /// Along the axis: 0 at the first date, 1 at the last.
    pub x: f64,
    /// 0 to 2: single articles take the rows in turn, so that close ones stay apart.
    pub row: u8,
    /// Its articles, oldest first.
    pub articles: Vec<u32>,
    /// Its outlet's colour (for several articles, the outlet of most of them).
    pub colour: usize,
    /// "15 Dec 2021 — Title (Outlet)", or "12 articles, Dec 2021 to Jan 2022".
    pub label: String,
    /// The dates of its first and last article (`YYYY[-MM[-DD]]`): the range a dot of several
    /// articles filters to.
    pub from: String,
    pub to: String,
}

/// The timeline of `articles` (a [`Profile`]'s, oldest first): one dot per dated article, or
/// per stretch of time when there are more than [`TIMELINE_DOTS`].
pub fn timeline(corpus: &Corpus, articles: &[(u32, u32)]) -> Timeline {
    use crate::present::date_label;
    // (article, day, outlet, date value), oldest first as the profile has them.
    let dated: Vec<(u32, u32, &str, &str)> = articles
        .iter()
        .filter_map(|&(id, _)| {
            let a = corpus.articles.get(id as usize)?;
            let d = a.date.as_ref()?;
            let value = &d.value[..d.value.len().min(10)];
            let (day, _) = crate::search::bound(value)?;
            Some((id, day, a.outlet_name().unwrap_or("Unknown outlet"), value))
        })
        .collect();
    let mut per_outlet: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &dated {
        *per_outlet.entry(d.2).or_default() += 1;
    }
    // The outlets in most articles (the first by name on a tie), picked in turn: a sort would
    // be a few KB more of the page for a handful of values.
    let mut counts: Vec<(&str, usize)> = per_outlet.into_iter().collect();
    let mut outlets: Vec<String> = Vec::new();
    while outlets.len() < TIMELINE_OUTLETS {
        match (0..counts.len()).filter(|&k| counts[k].1 > 0).max_by_key(|&k| (counts[k].1, std::cmp::Reverse(k))) {
            Some(k) => {
                outlets.push(counts[k].0.to_owned());
                counts[k].1 = 0;
            }
            None => break,
        }
    }
    let colour = |o: &str| outlets.iter().position(|x| x == o).unwrap_or(outlets.len());
    let (lo, hi) = (dated.iter().map(|d| d.1).min().unwrap_or(0), dated.iter().map(|d| d.1).max().unwrap_or(1));
    let span = f64::from((hi - lo).max(1));
    let x_of = |day: u32| f64::from(day - lo) / span;
    let label_of = |id: u32| corpus.articles[id as usize].date.as_ref().map(date_label).unwrap_or_default();
    let dots: Vec<Dot> = if dated.len() <= TIMELINE_DOTS {
        dated
            .iter()
            .enumerate()
            .map(|(k, &(id, day, outlet, value))| Dot {
                x: x_of(day),
                row: (k % 3) as u8,
                articles: vec![id],
                colour: colour(outlet),
                label: format!("{} — {} ({outlet})", label_of(id), corpus.articles[id as usize].title),
                from: value.to_owned(),
                to: value.to_owned(),
            })
            .collect()
    } else {
        let mut columns: Vec<Vec<&(u32, u32, &str, &str)>> = vec![Vec::new(); TIMELINE_COLUMNS];
        for d in &dated {
            columns[((x_of(d.1) * TIMELINE_COLUMNS as f64) as usize).min(TIMELINE_COLUMNS - 1)].push(d);
        }
        columns
            .into_iter()
            .filter(|c| !c.is_empty())
            .map(|c| {
                let mut colours = vec![0usize; outlets.len() + 1];
                c.iter().for_each(|d| colours[colour(d.2)] += 1);
                let most = (0..colours.len()).max_by_key(|&i| (colours[i], std::cmp::Reverse(i))).unwrap_or(0);
                let (first, last) = (c[0], c[c.len() - 1]);
                Dot {
                    x: c.iter().map(|d| x_of(d.1)).sum::<f64>() / c.len() as f64,
                    row: 1,
                    articles: c.iter().map(|d| d.0).collect(),
                    colour: most,
                    label: if c.len() == 1 {
                        format!("{} — {} ({})", label_of(first.0), corpus.articles[first.0 as usize].title, first.2)
                    } else {
                        format!("{} articles, {} to {}", c.len(), label_of(first.0), label_of(last.0))
                    },
                    from: first.3.to_owned(),
                    to: last.3.to_owned(),
                }
            })
            .collect()
    };
    Timeline {
        outlets,
        dots,
        dated: dated.len(),
        undated: articles.len() - dated.len(),
        first: dated.iter().min_by_key(|d| d.1).map(|d| label_of(d.0)).unwrap_or_default(),
        last: dated.iter().max_by_key(|d| d.1).map(|d| label_of(d.0)).unwrap_or_default(),
    }
}

/// The quotes of one speaker in a set of articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker<'a> {
    /// The speaker's canonical name, or "Unattributed".
    pub name: Str,
    pub actor: Option<u32>,
    pub quotes: Vec<(u32, usize, &'a Quote)>,
}

/// Quotes in the articles `ids`, grouped by speaker (most quoted first, unattributed last),
/// keeping those whose text or speaker contains `filter` (any case).
pub fn quotes_by_speaker<'a>(corpus: &'a Corpus, ids: &[u32], filter: &str) -> Vec<Speaker<'a>> {
    let needle = filter.trim().to_lowercase();
    let mut groups: Vec<Speaker<'a>> = Vec::new();
    // Each name's group: a search through the groups for every quote was quadratic (at 100k
    // articles, hundreds of thousands of quotes among thousands of speakers).
    let mut group_of: rustc_hash::FxHashMap<Str, usize> = Default::default();
    for &id in ids {
        let Some(a) = corpus.articles.get(id as usize) else { continue };
        for (i, q) in a.quotes.iter().enumerate() {
            let name = match q.speaker.and_then(|s| corpus.actors.get(s as usize)) {
                Some(actor) => actor.name.clone(),
                None => q.speaker_name.clone().unwrap_or_else(|| "Unattributed".into()),
            };
            if !needle.is_empty() && !q.text.to_lowercase().contains(&needle) && !name.to_lowercase().contains(&needle) {
                continue;
            }
            match group_of.get(&name) {
                Some(&k) => groups[k].quotes.push((id, i, q)),
                None => {
                    group_of.insert(name.clone(), groups.len());
                    groups.push(Speaker { name, actor: q.speaker, quotes: vec![(id, i, q)] });
                }
            }
        }
    }
    groups.sort_by(|a, b| {
        let unattributed = |s: &Speaker| s.actor.is_none() && s.name == "Unattributed";
        (unattributed(a), std::cmp::Reverse(a.quotes.len()), &a.name).cmp(&(unattributed(b), std::cmp::Reverse(b.quotes.len()), &b.name))
    });
    groups
}

/// Who appears with whom among the `n` actors found in most of the articles `ids`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Corpus actor ids, most frequent first.
    pub actors: Vec<u32>,
    /// Articles each actor appears in (the diagonal).
    pub totals: Vec<usize>,
    /// `shared[i][j]`: articles where actors `i` and `j` both appear.
    pub shared: Vec<Vec<usize>>,
}

pub fn cooccurrence(corpus: &Corpus, ids: &[u32], n: usize) -> Matrix {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for &id in ids {
        for a in corpus.articles.get(id as usize).map(|a| a.actors.as_slice()).unwrap_or_default() {
            *counts.entry(a.id).or_default() += 1;
        }
    }
    let mut top: Vec<(u32, usize)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(n);
    let actors: Vec<u32> = top.iter().map(|t| t.0).collect();
    let mut shared = vec![vec![0; actors.len()]; actors.len()];
    for &id in ids {
        let Some(a) = corpus.articles.get(id as usize) else { continue };
        let present: Vec<usize> = actors.iter().enumerate().filter(|(_, x)| a.actors.iter().any(|y| y.id == **x)).map(|(i, _)| i).collect();
        for &i in &present {
            for &j in &present {
                shared[i][j] += 1;
            }
        }
    }
    Matrix { actors, totals: top.iter().map(|t| t.1).collect(), shared }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorType, Article, ArticleActor, DateInfo, Precision, Source, Span};

    fn corpus() -> Corpus {
        let person = |id, name: &str| Actor { id, name: name.into(), kind: ActorType::Person, role: None };
        let mention = |id, name: &str, forms: &[&str], role: Option<&str>| ArticleActor {
            canonical: None,
            id,
            name: name.into(),
            kind: ActorType::Person,
            role: role.map(Str::from),
            forms: forms.iter().map(|f| Str::from(*f)).collect(),
            metonyms: vec![],
            mentions: forms.len() as u32,
            spans: vec![],
        };
        let quote = |speaker: Option<u32>, text: &str| Quote {
            text: text.into(),
            speaker,
            speaker_name: None,
            cue: Some("said".into()),
            span: Span { paragraph: 0, start: 0, end: 1 },
        };
        let mut a = Article::new(0, "a.txt", "A");
        a.date =
            Some(DateInfo { value: "2022-02".into(), precision: Precision::Month, source: Source::Text, evidence: Default::default() });
        a.actors = vec![
            mention(0, "Xi Jinping", &["Xi", "President Xi"], Some("President of China")),
            mention(1, "Vladimir Putin", &["Putin"], None),
        ];
        a.quotes = vec![quote(Some(0), "We stand together"), quote(None, "No comment")];
        let mut b = Article::new(1, "b.txt", "B");
        b.date =
            Some(DateInfo { value: "2020-07-01".into(), precision: Precision::Day, source: Source::Text, evidence: Default::default() });
        b.actors = vec![mention(0, "Xi Jinping", &["Xi Jinping", "Xi"], Some("President of China"))];
        b.quotes = vec![quote(Some(0), "A new era"), quote(Some(1), "Energy first")];
        let c = Article::new(2, "c.txt", "C");
        Corpus { schema_version: 1, articles: vec![a, b, c], actors: vec![person(0, "Xi Jinping"), person(1, "Vladimir Putin")] }
    }

    #[test]
    fn a_profile_gathers_forms_roles_articles_quotes_and_company() {
        let c = corpus();
        let p = profile(&c, "Xi Jinping").expect("known");
        assert_eq!(p.forms[0], ("Xi".to_owned(), 2));
        assert_eq!(p.forms.len(), 3);
        assert_eq!(p.articles, [(1, 2), (0, 2)], "each article once, oldest first");
        assert_eq!(p.roles, [("President of China".into(), Some("2020-07-01".into()), Some("2022-02".into()))]);
        assert_eq!(p.quotes, [(0, 0), (1, 0)]);
        assert_eq!(p.with, [(1, 1)]);
        assert!(profile(&c, "Nobody").is_none());
    }

    #[test]
    fn quotes_group_by_speaker_and_filter() {
        let c = corpus();
        let all = quotes_by_speaker(&c, &[0, 1, 2], "");
        let names: Vec<(&str, usize)> = all.iter().map(|g| (g.name.as_str(), g.quotes.len())).collect();
        assert_eq!(names, [("Xi Jinping", 2), ("Vladimir Putin", 1), ("Unattributed", 1)]);
        let energy = quotes_by_speaker(&c, &[0, 1], "ENERGY");
        assert_eq!(energy.len(), 1);
        assert_eq!(energy[0].name, "Vladimir Putin");
        assert_eq!(quotes_by_speaker(&c, &[0], "putin").len(), 0, "Putin is quoted only in article 1");
    }

    #[test]
    fn cooccurrence_counts_shared_articles() {
        let c = corpus();
        let m = cooccurrence(&c, &[0, 1, 2], 5);
        assert_eq!(m.actors, [0, 1]);
        assert_eq!(m.totals, [2, 1]);
        assert_eq!(m.shared, [[2, 1], [1, 1]]);
        assert_eq!(cooccurrence(&c, &[1], 5).actors, [0]);
    }

    /// `n` articles, article `i` on day `i` of 2021 (from 1 January), at outlet `i % outlets`.
    fn dated(n: usize, outlets: usize) -> (Corpus, Vec<(u32, u32)>) {
        let articles = (0..n)
            .map(|i| {
                let mut a = Article::new(i as u32, format!("{i}.txt"), format!("T{i}"));
                let (m, d) = (1 + i / 28 % 12, 1 + i % 28);
                let value = format!("2021-{m:02}-{d:02}");
                a.date =
                    Some(DateInfo { value: value.into(), precision: Precision::Day, source: Source::Text, evidence: Default::default() });
                a.outlet = Some(crate::model::Attributed {
                    name: format!("Outlet {}", i % outlets).into(),
                    source: Source::Text,
                    evidence: Default::default(),
                });
                a
            })
            .collect();
        (Corpus { schema_version: 1, articles, actors: vec![] }, (0..n as u32).map(|i| (i, 1)).collect())
    }

    #[test]
    fn a_timeline_has_a_dot_per_article_up_to_its_limit() {
        let (c, ids) = dated(3, 2);
        let t = timeline(&c, &ids);
        let dots: Vec<(&[u32], u8, usize)> = t.dots.iter().map(|d| (d.articles.as_slice(), d.row, d.colour)).collect();
        assert_eq!(dots, [(&[0][..], 0, 0), (&[1][..], 1, 1), (&[2][..], 2, 0)]);
        assert_eq!((t.dots[0].x, t.dots[2].x), (0.0, 1.0));
        assert_eq!(t.dots[1].label, "2 Jan 2021 — T1 (Outlet 1)");
        assert_eq!((t.first.as_str(), t.last.as_str(), t.dated, t.undated, t.others()), ("1 Jan 2021", "3 Jan 2021", 3, 0, false));
    }

    #[test]
    fn a_long_timeline_gathers_its_articles_by_stretch_of_time() {
        let n = 300; // over eleven months
        let (c, ids) = dated(n, 9);
        let t = timeline(&c, &ids);
        assert!(t.dots.len() <= TIMELINE_COLUMNS && t.dots.len() > TIMELINE_COLUMNS / 2, "{} dots", t.dots.len());
        let mut seen: Vec<u32> = t.dots.iter().flat_map(|d| d.articles.clone()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..n as u32).collect::<Vec<_>>(), "every article in one dot");
        for d in &t.dots {
            assert!(d.from <= d.to && d.x >= 0.0 && d.x <= 1.0);
            assert_eq!(d.from, c.articles[d.articles[0] as usize].date.as_ref().unwrap().value.as_str());
        }
        let many = t.dots.iter().find(|d| d.articles.len() > 1).expect("a dot of several articles");
        assert!(many.label.starts_with(&format!("{} articles, ", many.articles.len())), "{}", many.label);
        // Nine outlets: seven colours, then one for the other two.
        assert_eq!(t.outlets.len(), TIMELINE_OUTLETS);
        assert!(t.others());
    }
}
