//! The checks a decoded corpus passes before the explorer may index by any id it holds.

use crate::model::{Article, Corpus, Span};

/// Check every reference a corpus makes to itself: article and actor ids are their
/// positions, article actors and quote speakers name corpus actors, spans lie inside their
/// paragraph on character boundaries, story links point at other articles. `Err` says the
/// first problem, naming the article.
pub fn validate(corpus: &Corpus) -> Result<(), String> {
    validate_refs(corpus)?;
    corpus.articles.iter().try_for_each(validate_spans)
}

/// [`validate`] but for the spans, which need the bodies (a lazily opened bundle checks
/// them as each block of bodies is read: [`super::Bodies`]).
pub fn validate_refs(corpus: &Corpus) -> Result<(), String> {
    let (n_articles, n_actors) = (corpus.articles.len(), corpus.actors.len());
    if u32::try_from(n_articles).is_err() || u32::try_from(n_actors).is_err() {
        return Err("too many articles or actors".into());
    }
    for (i, actor) in corpus.actors.iter().enumerate() {
        if actor.id as usize != i {
            return Err(format!("actor {i} ({:?}) has id {}", actor.name, actor.id));
        }
    }
    for (i, a) in corpus.articles.iter().enumerate() {
        let at = || format!("article {i} ({:?})", a.file);
        if a.id as usize != i {
            return Err(format!("{} has id {}", at(), a.id));
        }
        if let Some(actor) = a.actors.iter().find(|x| x.id as usize >= n_actors) {
            return Err(format!("{} names actor {} of {n_actors}", at(), actor.id));
        }
        for (k, q) in a.quotes.iter().enumerate() {
            if let Some(speaker) = q.speaker.filter(|&s| s as usize >= n_actors) {
                return Err(format!("{}: quote {k} has speaker {speaker} of {n_actors} actors", at()));
            }
        }
        for link in &a.same_story {
            if link.article as usize >= n_articles || link.article as usize == i {
                return Err(format!("{} links to article {} as the same story", at(), link.article));
            }
            if !(0.0..=1.0).contains(&link.similarity) {
                return Err(format!("{} has a story link of similarity {}", at(), link.similarity));
            }
        }
    }
    Ok(())
}

/// Every mention and quote span of one article lies inside its paragraph, on character
/// boundaries.
pub fn validate_spans(a: &Article) -> Result<(), String> {
    let at = || format!("article {} ({:?})", a.id, a.file);
    let span_ok = |s: &Span| {
        a.body.get(s.paragraph as usize).is_some_and(|p| {
            let (start, end) = (s.start as usize, s.end as usize);
            start <= end && end <= p.len() && p.is_char_boundary(start) && p.is_char_boundary(end)
        })
    };
    for actor in &a.actors {
        if let Some(s) = actor.spans.iter().find(|s| !span_ok(s)) {
            return Err(format!("{}: a mention of {:?} has span {s:?} outside its paragraph", at(), actor.name));
        }
    }
    match a.quotes.iter().position(|q| !span_ok(&q.span)) {
        Some(k) => Err(format!("{}: quote {k} has span {:?} outside its paragraph", at(), a.quotes[k].span)),
        None => Ok(()),
    }
}
