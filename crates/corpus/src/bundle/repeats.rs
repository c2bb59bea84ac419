//! Strings an article repeats from elsewhere in the corpus, left out of a bundle and put back
//! on reading: an article actor's name when it is its corpus actor's name, its forms when
//! they are just that name, a quote's speaker name when it is its speaker's name, a story
//! link's file when it is the linked article's. One flag byte each, in a column of their own
//! (runs of ones that compress to almost nothing); on 10k synthetic articles they were a
//! tenth of the gzipped bundle, and as many strings to allocate when the explorer opens it.

use crate::model::Corpus;
use crate::strs::Str;

const NAME: u8 = 1;
const FORMS: u8 = 2;

/// Take the repeats out of `corpus`; the flags that say where they were.
pub(super) fn take_repeats(corpus: &mut Corpus) -> Vec<u8> {
    let names: Vec<&str> = corpus.actors.iter().map(|a| a.name.as_str()).collect();
    let files: Vec<String> = corpus.articles.iter().map(|a| a.file.clone()).collect();
    let mut out = Vec::new();
    for a in &mut corpus.articles {
        for actor in &mut a.actors {
            let mut flags = 0;
            if actor.forms.len() == 1 && actor.forms[0] == actor.name {
                actor.forms.clear();
                flags |= FORMS;
            }
            if names.get(actor.id as usize) == Some(&actor.name.as_str()) {
                actor.name = Str::default();
                flags |= NAME;
            }
            out.push(flags);
        }
        for q in &mut a.quotes {
            let same = q.speaker.and_then(|s| names.get(s as usize)).is_some_and(|n| q.speaker_name.as_deref() == Some(*n));
            if same {
                q.speaker_name = None;
            }
            out.push(u8::from(same));
        }
        for link in &mut a.same_story {
            let same = files.get(link.article as usize) == Some(&link.file);
            if same {
                link.file.clear();
            }
            out.push(u8::from(same));
        }
    }
    out
}

/// The inverse of [`take_repeats`], on a corpus whose references are checked
/// ([`super::validate_refs`]).
pub(super) fn put_repeats(corpus: &mut Corpus, column: &[u8]) -> Result<(), String> {
    let mut flags = column.iter().copied();
    let mut next = || flags.next().ok_or("the repeats column ends early");
    let Corpus { articles, actors, .. } = corpus;
    let name_of = |id: u32| actors.get(id as usize).map(|a| a.name.clone()).ok_or("a repeat names an actor that is not there");
    // Story links whose file is the linked article's: (article, link) to fill once the
    // articles are not borrowed.
    let mut files: Vec<(usize, usize)> = Vec::new();
    for (i, a) in articles.iter_mut().enumerate() {
        for actor in &mut a.actors {
            let f = next()?;
            if f & NAME != 0 {
                actor.name = name_of(actor.id)?;
            }
            if f & FORMS != 0 {
                actor.forms = vec![actor.name.clone()];
            }
        }
        for q in &mut a.quotes {
            if next()? == 1 {
                q.speaker_name = Some(name_of(q.speaker.ok_or("a repeated speaker name has no speaker")?)?);
            }
        }
        for k in 0..a.same_story.len() {
            if next()? == 1 {
                files.push((i, k));
            }
        }
    }
    for (i, k) in files {
        let to = articles[i].same_story[k].article as usize;
        let file = articles.get(to).map(|t| t.file.clone()).ok_or("a repeated file names an article that is not there")?;
        articles[i].same_story[k].file = file;
    }
    if flags.next().is_some() {
        return Err("the repeats column is longer than the corpus".into());
    }
    Ok(())
}
