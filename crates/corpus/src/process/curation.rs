//! A reader's curation of the actors (`data/curation.toml`): merges and renames as alias
//! entries, changes of type, names that are not actors (a stop list) and forms split off a
//! wrong merge. Applied to each article after its actors are found ([`Curation::apply`]), by
//! `dossier process --data DIR` and by the explorer's import, which records what its reader
//! does ([`Curation::merge`], [`Curation::retype`], [`Curation::drop_actor`],
//! [`Curation::split`]) and exports it as this file ([`Curation::to_toml`]).

use crate::model::{ActorType, Article, ArticleActor};
use rustc_hash::FxHashMap;

pub(crate) const CURATION: &str = include_str!("../../data/curation.toml");

/// The file name under which a user's curation is read.
pub const CURATION_FILE: &str = "curation.toml";

/// One actor as the reader wants it: its name, its type, and the names found for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuratedActor {
    pub name: String,
    pub kind: Option<ActorType>,
    pub aliases: Vec<String>,
}

/// The mentions written `form` of the actor named `of` are an actor of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub form: String,
    pub of: String,
}

/// The curation one run applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curation {
    pub actors: Vec<CuratedActor>,
    pub not_actors: Vec<String>,
    pub splits: Vec<Split>,
    /// Lower-cased name or alias → index in `actors`.
    lookup: FxHashMap<String, usize>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Curation {
    /// The built-in curation (empty).
    pub fn builtin() -> &'static Curation {
        static C: std::sync::OnceLock<Curation> = std::sync::OnceLock::new();
        C.get_or_init(|| Curation::parse(CURATION).expect("the built-in curation file is valid"))
    }

    /// Read `curation.toml`. The file is read as a TOML table and walked by hand rather
    /// than through serde derives: each derive costs the import island's wasm several KB of
    /// TOML deserializer code, and the island has a size budget.
    pub fn parse(text: &str) -> Result<Curation, String> {
        let err = |m: String| format!("{CURATION_FILE}: {m}");
        let table: toml::Table = toml::from_str(text).map_err(|e| err(e.message().to_owned()))?;
        let strings = |v: &toml::Value, what: &str| -> Result<Vec<String>, String> {
            let bad = || err(format!("{what} must be a list of strings"));
            v.as_array().ok_or_else(bad)?.iter().map(|s| s.as_str().map(str::to_owned).ok_or_else(bad)).collect()
        };
        let tables = |v: &toml::Value, what: &str| -> Result<Vec<toml::Table>, String> {
            let bad = || err(format!("{what} must be a list of tables"));
            v.as_array().ok_or_else(bad)?.iter().map(|t| t.as_table().cloned().ok_or_else(bad)).collect()
        };
        let field = |t: &toml::Table, key: &str, what: &str| -> Result<Option<String>, String> {
            match t.get(key) {
                None => Ok(None),
                Some(v) => v.as_str().map(|s| Some(s.to_owned())).ok_or_else(|| err(format!("{what}: {key} must be a string"))),
            }
        };
        let mut c = Curation::default();
        let mut actors = Vec::new();
        for (key, value) in &table {
            match key.as_str() {
                "actor" => {
                    for t in tables(value, "actor")? {
                        if let Some(k) = t.keys().find(|k| !["name", "type", "aliases"].contains(&k.as_str())) {
                            return Err(err(format!("actor: unknown key {k:?} (name, type, aliases)")));
                        }
                        let name = field(&t, "name", "actor")?
                            .filter(|n| !n.trim().is_empty())
                            .ok_or_else(|| err("an actor's name cannot be empty".into()))?;
                        let kind =
                            match field(&t, "type", "actor")? {
                                None => None,
                                Some(k) => Some(ActorType::ALL.into_iter().find(|x| x.as_str() == k).ok_or_else(|| {
                                    err(format!("actor {name:?}: type {k:?} is not person, country, organization or place"))
                                })?),
                            };
                        let aliases = match t.get("aliases") {
                            Some(v) => strings(v, "aliases")?,
                            None => Vec::new(),
                        };
                        actors.push(CuratedActor { name, kind, aliases });
                    }
                }
                "not_actor" => c.not_actors = strings(value, "not_actor")?,
                "split" => {
                    for t in tables(value, "split")? {
                        match (field(&t, "form", "split")?, field(&t, "of", "split")?) {
                            (Some(form), Some(of)) if t.len() == 2 => c.splits.push(Split { form, of }),
                            _ => return Err(err("a split has a form and an of, nothing else".into())),
                        }
                    }
                }
                other => return Err(err(format!("unknown key {other:?} (actor, not_actor, split)"))),
            }
        }
        for a in actors {
            // Two entries for one name are one.
            c.entry(&a.name, a.kind);
            for alias in a.aliases {
                c.add_alias(&a.name, &alias);
            }
        }
        c.reindex();
        Ok(c)
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.not_actors.is_empty() && self.splits.is_empty()
    }

    fn reindex(&mut self) {
        self.lookup.clear();
        for (i, a) in self.actors.iter().enumerate() {
            self.lookup.insert(key(&a.name), i);
        }
        // An alias never takes a name that is an entry's own.
        for (i, a) in self.actors.iter().enumerate() {
            for alias in &a.aliases {
                self.lookup.entry(key(alias)).or_insert(i);
            }
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| key(&a.name) == key(name))
    }

    /// The entry named `name` (made if there is none), with `kind` if given.
    fn entry(&mut self, name: &str, kind: Option<ActorType>) -> usize {
        let i = match self.position(name) {
            Some(i) => i,
            None => {
                self.actors.push(CuratedActor { name: name.trim().to_owned(), kind: None, aliases: Vec::new() });
                self.actors.len() - 1
            }
        };
        if kind.is_some() {
            self.actors[i].kind = kind;
        }
        i
    }

    fn add_alias(&mut self, name: &str, alias: &str) {
        let i = self.entry(name, None);
        let a = &mut self.actors[i];
        if key(alias) != key(&a.name) && !key(alias).is_empty() && !a.aliases.iter().any(|x| key(x) == key(alias)) {
            a.aliases.push(alias.trim().to_owned());
        }
    }

    /// The actor named `from` is the one named `into` (of type `kind`): a merge, or a rename
    /// when `into` is a new name. What was said of `from` now holds for `into`.
    pub fn merge(&mut self, from: &str, into: &str, kind: ActorType) {
        if key(from) == key(into) {
            self.entry(into, Some(kind));
            self.reindex();
            return;
        }
        let moved = self.position(from).map(|i| self.actors.remove(i));
        self.entry(into, Some(kind));
        self.add_alias(into, from);
        for alias in moved.into_iter().flat_map(|m| m.aliases) {
            self.add_alias(into, &alias);
        }
        // Entries whose aliases named `from` now lead to `into` through it; a split of
        // `from` off `into` is undone.
        for s in &mut self.splits {
            if key(&s.of) == key(from) {
                s.of = into.trim().to_owned();
            }
        }
        self.splits.retain(|s| !(key(&s.form) == key(from) && key(&s.of) == key(into)));
        self.not_actors.retain(|n| key(n) != key(into));
        self.reindex();
    }

    /// The actor named `name` is of type `kind`.
    pub fn retype(&mut self, name: &str, kind: ActorType) {
        self.entry(name, Some(kind));
        self.reindex();
    }

    /// The actor named `name` is not an actor.
    pub fn drop_actor(&mut self, name: &str) {
        if !self.not_actors.iter().any(|n| key(n) == key(name)) {
            self.not_actors.push(name.trim().to_owned());
        }
    }

    /// The mentions written `form` of the actor named `of` are an actor of their own: a merge
    /// this curation made is undone (the alias removed); one the pipeline made is recorded.
    pub fn split(&mut self, form: &str, of: &str) {
        if key(form) == key(of) || key(form).is_empty() {
            return;
        }
        let mut was_alias = false;
        if let Some(i) = self.position(of) {
            let before = self.actors[i].aliases.len();
            self.actors[i].aliases.retain(|a| key(a) != key(form));
            was_alias = self.actors[i].aliases.len() < before;
        }
        if !was_alias && !self.splits.iter().any(|s| key(&s.form) == key(form) && key(&s.of) == key(of)) {
            self.splits.push(Split { form: form.trim().to_owned(), of: of.trim().to_owned() });
        }
        self.reindex();
    }

    /// The name and type the curation gives an actor found as `names` (its corpus name
    /// first), following renames of renames (a hand-edited file may chain them).
    fn resolve(&self, names: &[&str]) -> Option<&CuratedActor> {
        let mut at = names.iter().find_map(|n| self.lookup.get(&key(n)).copied())?;
        for _ in 0..8 {
            match self.lookup.get(&key(&self.actors[at].name)) {
                Some(&next) if next != at => at = next,
                _ => break,
            }
        }
        self.actors.get(at)
    }

    fn is_not_actor(&self, name: &str) -> bool {
        self.not_actors.iter().any(|n| key(n) == key(name))
    }

    /// Apply to one article (actor ids local to it or corpus-wide alike: a new actor takes
    /// an id no other actor of the article has, and an assembler numbers them again).
    pub fn apply(&self, article: &mut Article) {
        if self.is_empty() || article.actors.is_empty() {
            return;
        }
        for s in &self.splits {
            split_off(article, &s.form, &s.of);
        }
        for a in &mut article.actors {
            if let Some(c) = self.resolve(&[a.corpus_name(), &a.name]) {
                a.canonical = (c.name != a.name).then(|| c.name.as_str().into());
                if let Some(kind) = c.kind {
                    a.kind = kind;
                }
            }
        }
        let dropped: Vec<u32> =
            article.actors.iter().filter(|a| self.is_not_actor(a.corpus_name()) || self.is_not_actor(&a.name)).map(|a| a.id).collect();
        if !dropped.is_empty() {
            article.actors.retain(|a| !dropped.contains(&a.id));
            for q in article.quotes.iter_mut().filter(|q| q.speaker.is_some_and(|s| dropped.contains(&s))) {
                q.speaker = None;
                q.speaker_name = None;
            }
        }
        fold_same_actors(article);
    }

    /// [`Curation::to_toml`], or nothing for an empty curation (what a page without one holds).
    pub fn to_toml_or_empty(&self) -> String {
        if self.is_empty() { String::new() } else { self.to_toml() }
    }

    /// This curation as `curation.toml` text (what [`Curation::parse`] reads back).
    pub fn to_toml(&self) -> String {
        let q = toml_string;
        let list = |v: &[String]| format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "));
        let mut out = String::from(
            "# Actor curation made in the explorer (dossier process --data DIR reads DIR/curation.toml).\n\
             # actor: merges, renames and types; not_actor: names that are not actors; split: forms\n\
             # split off an actor. Edit freely.\n",
        );
        out.push_str("\nactor = [\n");
        for a in &self.actors {
            let kind = a.kind.map(|k| format!(", type = {}", q(k.as_str()))).unwrap_or_default();
            out.push_str(&format!("  {{ name = {}{kind}, aliases = {} }},\n", q(&a.name), list(&a.aliases)));
        }
        out.push_str("]\n");
        out.push_str(&format!("\nnot_actor = {}\n", list(&self.not_actors)));
        out.push_str("\nsplit = [\n");
        for s in &self.splits {
            out.push_str(&format!("  {{ form = {}, of = {} }},\n", q(&s.form), q(&s.of)));
        }
        out.push_str("]\n");
        out
    }
}

/// `s` as a TOML basic string: quotes and backslashes escaped, and every control character
/// (DEL too, which JSON leaves as it is and TOML refuses) as `\uXXXX`; so is `<`, so that the
/// text can stand in an HTML script element (the saved explorer keeps its curation there).
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '<' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The spans of the actor named `of` written `form` become an actor named `form`; an entry
/// all of whose spans are written so is renamed (a merged entry goes back to its own name).
/// Used once on a corpus already curated too: [`Curation::split`] of an alias records no
/// split to apply again, the next run just does not merge.
pub fn split_off(article: &mut Article, form: &str, of: &str) {
    let text = |body: &[String], s: &crate::model::Span| -> Option<String> {
        body.get(s.paragraph as usize).and_then(|p| p.get(s.start as usize..s.end as usize)).map(str::to_owned)
    };
    if key(form) == key(of) {
        // An actor's own name is not a form to split off it.
        return;
    }
    let mut next_id = article.actors.iter().map(|a| a.id).max().map_or(0, |m| m + 1);
    let mut new_actors = Vec::new();
    for a in &mut article.actors {
        if key(a.corpus_name()) != key(of) && key(&a.name) != key(of) {
            continue;
        }
        let (moved, kept): (Vec<_>, Vec<_>) = a.spans.iter().partition(|s| text(&article.body, s).is_some_and(|t| key(&t) == key(form)));
        if moved.is_empty() {
            continue;
        }
        if kept.is_empty() {
            a.name = form.trim().to_owned().into();
            a.canonical = None;
            continue;
        }
        a.spans = kept;
        a.mentions = a.spans.len() as u32;
        a.forms.retain(|f| key(f) != key(form));
        let mut n = ArticleActor::new(next_id, form.trim(), a.kind);
        n.forms = vec![form.trim().to_owned().into()];
        n.mentions = moved.len() as u32;
        n.spans = moved;
        new_actors.push((a.id, n));
        next_id += 1;
    }
    for (old, n) in new_actors {
        for q in
            article.quotes.iter_mut().filter(|q| q.speaker == Some(old) && q.speaker_name.as_deref().is_some_and(|s| key(s) == key(form)))
        {
            q.speaker = Some(n.id);
        }
        article.actors.push(n);
    }
}

/// Entries of one article that name one actor (same type and name) become one: mentions,
/// forms and spans together, quotes pointing at the first.
pub fn fold_same_actors(article: &mut Article) {
    let mut keep: Vec<ArticleActor> = Vec::new();
    let mut repoint: Vec<(u32, u32)> = Vec::new();
    for f in std::mem::take(&mut article.actors) {
        let same = |k: &ArticleActor| k.kind == f.kind && k.corpus_name().to_lowercase() == f.corpus_name().to_lowercase();
        match keep.iter_mut().find(|k| same(k)) {
            Some(k) => {
                k.mentions += f.mentions;
                for form in f.forms {
                    if !k.forms.contains(&form) {
                        k.forms.push(form);
                    }
                }
                for m in f.metonyms {
                    if !k.metonyms.contains(&m) {
                        k.metonyms.push(m);
                    }
                }
                k.spans.extend(f.spans);
                k.spans.sort_by_key(|s| (s.paragraph, s.start));
                if f.id != k.id {
                    repoint.push((f.id, k.id));
                }
            }
            None => keep.push(f),
        }
    }
    for (from, into) in repoint {
        for q in article.quotes.iter_mut().filter(|q| q.speaker == Some(from)) {
            q.speaker = Some(into);
        }
    }
    article.actors = keep;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Quote, Span};

    fn article() -> Article {
        let mut a = Article::new(0, "a.txt", "T");
        a.body = vec!["Olivia Brandt spoke. Brandt left. Acme Weekly reported it.".into()];
        let mut brandt = ArticleActor::new(0, "Olivia Brandt", ActorType::Person);
        brandt.forms = vec!["Olivia Brandt".into(), "Brandt".into()];
        brandt.spans = vec![Span { paragraph: 0, start: 0, end: 13 }, Span { paragraph: 0, start: 21, end: 27 }];
        brandt.mentions = 2;
        let mut acme = ArticleActor::new(1, "Acme Weekly", ActorType::Person);
        acme.forms = vec!["Acme Weekly".into()];
        acme.spans = vec![Span { paragraph: 0, start: 34, end: 45 }];
        a.actors = vec![brandt, acme];
        a.quotes = vec![Quote {
            text: "x".into(),
            speaker: Some(1),
            speaker_name: Some("Acme Weekly".into()),
            cue: None,
            span: Span { paragraph: 0, start: 0, end: 1 },
        }];
        a
    }

    #[test]
    fn the_built_in_curation_is_empty_and_changes_nothing() {
        assert!(Curation::builtin().is_empty());
        let mut a = article();
        Curation::builtin().apply(&mut a);
        assert_eq!(a, article());
    }

    #[test]
    fn what_the_reader_does_is_written_out_and_read_back_the_same() {
        let mut c = Curation::default();
        c.merge("O. Brandt", "Olivia Brandt", ActorType::Person);
        c.merge("Olivia Brandt", "Olivia M. Brandt", ActorType::Person);
        c.retype("Acme \"Weekly\"", ActorType::Organization);
        c.drop_actor("Breaking News");
        c.split("Brandt", "Olivia M. Brandt");
        let back = Curation::parse(&c.to_toml()).unwrap();
        assert_eq!(back, c);
        // The rename of a merge keeps both names as aliases of the last.
        assert_eq!(back.actors[0].name, "Olivia M. Brandt");
        assert_eq!(back.actors[0].aliases, vec!["Olivia Brandt".to_owned(), "O. Brandt".to_owned()]);
        assert!(Curation::parse("actor = [{ name = \"\" }]").is_err());
        assert!(Curation::parse("actors = []").unwrap_err().contains(CURATION_FILE));
    }

    #[test]
    fn aliases_types_stop_list_and_splits_apply_to_an_article() {
        let mut c = Curation::default();
        c.merge("Olivia Brandt", "Olivia M. Brandt", ActorType::Person);
        c.retype("Acme Weekly", ActorType::Organization);
        let mut a = article();
        c.apply(&mut a);
        assert_eq!(a.actors[0].corpus_name(), "Olivia M. Brandt");
        assert_eq!(a.actors[1].kind, ActorType::Organization);
        // Not an actor: gone, and its quote has no speaker.
        c.drop_actor("acme weekly");
        c.apply(&mut a);
        assert_eq!(a.actors.len(), 1);
        assert_eq!(a.quotes[0].speaker, None);
        // Split "Brandt" off: its mention becomes an actor of its own.
        c.split("Brandt", "Olivia M. Brandt");
        c.apply(&mut a);
        let names: Vec<(&str, u32)> = a.actors.iter().map(|x| (x.corpus_name(), x.mentions)).collect();
        assert_eq!(names, vec![("Olivia M. Brandt", 1), ("Brandt", 1)]);
        assert_ne!(a.actors[0].id, a.actors[1].id);
        // Applying again changes nothing.
        let once = a.clone();
        c.apply(&mut a);
        assert_eq!(a, once);
    }

    #[test]
    fn a_merge_folds_two_entries_of_one_article_and_a_split_of_an_alias_undoes_it() {
        let mut a = article();
        let mut c = Curation::default();
        c.merge("Acme Weekly", "Olivia Brandt", ActorType::Person);
        c.apply(&mut a);
        assert_eq!(a.actors.len(), 1);
        assert_eq!(a.actors[0].mentions, 3);
        assert_eq!(a.quotes[0].speaker, Some(a.actors[0].id));
        c.split("Acme Weekly", "Olivia Brandt");
        assert!(c.splits.is_empty() && c.actors[0].aliases.is_empty(), "{c:?}");
        let mut fresh = article();
        c.apply(&mut fresh);
        assert_eq!(fresh.actors.len(), 2);
    }
}
