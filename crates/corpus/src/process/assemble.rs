//! Articles become one corpus: each gets its position as id, its actors get corpus-wide ids
//! (the same name and type is the same actor everywhere), quotes point at those ids, and
//! copies of one story are linked across the whole corpus at the end.
//!
//! The same path serves a processing run (articles whose actor ids are local to each
//! article) and a merge of shards written by separate runs (`dossier process --out
//! x.jsonl`, corpus JSON files), whose actor ids belong to their own shard: either way an
//! article's actor list says which id stands for which actor.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::model::{Actor, ActorType, Article, Corpus, SCHEMA_VERSION};
use crate::process::syndication;

/// Builds a corpus one article at a time.
#[derive(Default)]
pub struct Assembler {
    corpus: Corpus,
    /// (type, lower-cased name) → corpus actor id.
    actor_ids: FxHashMap<(ActorType, String), u32>,
    next_id: u32,
}

impl Assembler {
    pub fn new() -> Assembler {
        Assembler { corpus: Corpus { schema_version: SCHEMA_VERSION, ..Corpus::default() }, ..Assembler::default() }
    }

    /// Articles numbered so far.
    pub fn len(&self) -> usize {
        self.next_id as usize
    }

    pub fn is_empty(&self) -> bool {
        self.next_id == 0
    }

    /// The corpus-wide actor table so far.
    pub fn actors(&self) -> &[Actor] {
        &self.corpus.actors
    }

    /// Give an article the next id and corpus-wide actor ids, and repoint its quotes,
    /// without keeping it (for output streamed one article at a time). Links to other
    /// articles are dropped: they are found again over the whole corpus.
    pub fn number(&mut self, article: &mut Article) {
        article.id = self.next_id;
        self.next_id += 1;
        article.same_story.clear();
        let mut old_to_new: FxHashMap<u32, u32> = FxHashMap::default();
        for a in &mut article.actors {
            // A known actor is one corpus actor under the data files' name, whatever form
            // the article names it by.
            let name = a.canonical.as_ref().unwrap_or(&a.name);
            let key = (a.kind, name.to_lowercase());
            let id = match self.actor_ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = self.corpus.actors.len() as u32;
                    self.corpus.actors.push(Actor { id, name: name.clone(), kind: a.kind, role: a.role.clone() });
                    self.actor_ids.insert(key, id);
                    id
                }
            };
            old_to_new.entry(a.id).or_insert(id);
            a.id = id;
        }
        for q in &mut article.quotes {
            q.speaker = q.speaker.and_then(|old| old_to_new.get(&old).copied());
            if q.speaker.is_none() {
                q.speaker_name = None;
            }
        }
    }

    /// Add an article: [`Assembler::number`] it and keep it.
    pub fn push(&mut self, mut article: Article) -> &Article {
        self.number(&mut article);
        self.corpus.articles.push(article);
        self.corpus.articles.last().expect("just pushed")
    }

    /// The corpus, with copies of one story linked across everything pushed.
    pub fn finish(mut self) -> Corpus {
        syndication::link(&mut self.corpus.articles);
        self.corpus
    }
}

/// Articles of a shard: a corpus JSON file (`{"articles": [...], ...}`) or JSON Lines (one
/// article per line, as `dossier process --out FILE.jsonl` writes). Errors name the line.
pub fn read_shard(text: &str) -> Result<Vec<Article>, String> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let one_article_per_line = first.trim_start().starts_with('{') && serde_json::from_str::<Article>(first).is_ok();
    if !one_article_per_line {
        return serde_json::from_str::<Corpus>(text).map(|c| c.articles).map_err(|e| format!("not corpus JSON nor JSON Lines: {e}"));
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str::<Article>(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// The shard files named: files as they are, folders by the files in them (not hidden ones,
/// nor Spark's `_SUCCESS` markers), in name order.
pub fn shard_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let listed = |p: &Path| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(['.', '_']));
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let mut inside: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && listed(p)).collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Merge shard files into one corpus; the bytes read are returned beside it. An error names
/// the file (and line, for JSON Lines).
pub fn merge_files(files: &[PathBuf]) -> Result<(Corpus, u64), String> {
    let mut assembler = Assembler::new();
    let mut bytes = 0;
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        bytes += text.len() as u64;
        for article in read_shard(&text).map_err(|e| format!("{}: {e}", f.display()))? {
            assembler.push(article);
        }
    }
    Ok((assembler.finish(), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleActor, Quote, Span};

    fn actor(id: u32, name: &str, kind: ActorType) -> ArticleActor {
        ArticleActor {
            canonical: None,
            id,
            name: name.into(),
            kind,
            role: None,
            forms: vec![name.into()],
            metonyms: vec![],
            mentions: 1,
            spans: vec![Span { paragraph: 0, start: 0, end: name.len() as u32 }],
        }
    }

    fn quote(speaker: Option<u32>, name: Option<&str>) -> Quote {
        Quote {
            text: "words".into(),
            speaker,
            speaker_name: name.map(Into::into),
            cue: None,
            span: Span { paragraph: 0, start: 0, end: 5 },
        }
    }

    /// Two shards numbered their actors independently; the merge gives one id per actor.
    #[test]
    fn shard_ids_become_corpus_ids() {
        let mut a = Article::new(7, "a.html", "A");
        a.actors = vec![actor(0, "Ada Lovelace", ActorType::Person), actor(1, "France", ActorType::Country)];
        a.quotes = vec![quote(Some(0), Some("Ada Lovelace"))];
        let mut b = Article::new(3, "b.html", "B");
        // In b's shard, id 0 was France and id 5 Ada; "france" differs only in case.
        b.actors = vec![actor(5, "Ada Lovelace", ActorType::Person), actor(0, "france", ActorType::Country)];
        b.quotes = vec![quote(Some(5), Some("Ada Lovelace")), quote(Some(9), Some("Nobody listed"))];
        let mut asm = Assembler::new();
        asm.push(a);
        asm.push(b);
        let c = asm.finish();
        assert_eq!(c.actors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Ada Lovelace", "France"]);
        assert_eq!(c.articles.iter().map(|x| x.id).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(c.articles[1].actors.iter().map(|x| x.id).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(c.articles[1].quotes[0].speaker, Some(0));
        assert_eq!(c.articles[1].quotes[1].speaker, None, "a speaker the article does not list is dropped, not misread");
        assert_eq!(c.articles[1].quotes[1].speaker_name, None);
    }

    /// A known person named "Lavrov" in one article and "Sergei Lavrov" in another is one
    /// corpus actor, under the data files' name; each article keeps its own form.
    #[test]
    fn known_actors_are_one_actor_whatever_the_article_writes() {
        let mut asm = Assembler::new();
        for (file, form) in [("a.txt", "Lavrov"), ("b.txt", "Sergei Lavrov"), ("c.txt", "Sergey Lavrov")] {
            let mut a = Article::new(0, file, "t");
            let mut x = actor(0, form, ActorType::Person);
            x.canonical = Some("Sergey Lavrov".into());
            a.actors = vec![x];
            asm.push(a);
        }
        let c = asm.finish();
        assert_eq!(c.actors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Sergey Lavrov"]);
        assert_eq!(c.articles.iter().map(|a| a.actors[0].name.as_str()).collect::<Vec<_>>(), ["Lavrov", "Sergei Lavrov", "Sergey Lavrov"]);
        assert!(c.articles.iter().all(|a| a.actors[0].id == 0));
    }

    #[test]
    fn shards_in_both_forms() {
        let mut corpus = Corpus { schema_version: SCHEMA_VERSION, ..Corpus::default() };
        corpus.articles = vec![Article::new(0, "a.txt", "A"), Article::new(1, "b.txt", "B")];
        let json = serde_json::to_string_pretty(&corpus).unwrap();
        assert_eq!(read_shard(&json).unwrap().len(), 2);
        let lines: String = corpus.articles.iter().map(|a| serde_json::to_string(a).unwrap() + "\n").collect();
        assert_eq!(read_shard(&lines).unwrap().len(), 2);
        let err = read_shard(&format!("{lines}{{\"id\": oops}}\n")).unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
    }
}
