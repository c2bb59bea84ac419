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
}
