//! How the explorer sits in its page: the mount options, and the message API a host page
//! uses to drive it and hear from it. The same messages serve both ways of embedding:
//! in an `<iframe>` they go to and come from the parent window; mounted by `explorer.js`
//! they go through the host page's own window.
//!
//! In: `{type: "dossier:set", q, outlet, origin, actor, from, to, target?}` (each key
//! optional; a string or a list of strings; a leading `!` excludes).
//! Out: `dossier:ready`, `dossier:changed` (the filters, the hash and the result count),
//! `dossier:open` (an article or an actor the user opened).

use dossier_corpus::search::Query;
use dossier_corpus::url;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// Options given to `mount` (from `Dossier.mount(el, options)`, or the page's `?query`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Mounted inside a host page by `explorer.js` (not a page of its own).
    pub embedded: bool,
    /// Keep the view in the address bar's hash. Default: on for the stand-alone page,
    /// off when embedded or inside a frame (the state is kept internally instead).
    pub url_state: Option<bool>,
    /// Search and results only.
    pub compact: bool,
    /// Panels to leave out: any of "dates", "facets", "export", "theme".
    pub hide: Vec<String>,
    /// "light", "dark", or "system" (the default).
    pub theme: Option<String>,
    /// Initial filters, in the hash's syntax: `outlet=RT&q=gas`.
    pub filters: Option<String>,
    /// The id of the host element, sent with each message so a host can tell explorers apart.
    pub id: Option<String>,
}

impl Options {
    pub fn shows(&self, panel: &str) -> bool {
        let compact_hides = self.compact && matches!(panel, "dates" | "facets" | "export");
        !compact_hides && !self.hide.iter().any(|h| h == panel)
    }
}

/// Where messages go and which window may send them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// A page of its own, not framed: no host to talk to.
    None,
    /// Inside an iframe: the parent window.
    Parent,
    /// Mounted in a host page: that page's own window.
    Host,
}

impl Channel {
    pub fn detect(options: &Options) -> Channel {
        let Some(w) = web_sys::window() else { return Channel::None };
        let framed = w.parent().ok().flatten().is_some_and(|p| !js_sys::Object::is(&p, &w));
        match (options.embedded, framed) {
            (true, _) => Channel::Host,
            (false, true) => Channel::Parent,
            (false, false) => Channel::None,
        }
    }

    fn window(self) -> Option<web_sys::Window> {
        let w = web_sys::window()?;
        match self {
            Channel::None => None,
            Channel::Host => Some(w),
            Channel::Parent => w.parent().ok().flatten(),
        }
    }

    /// Whether a message event comes from the one window this explorer listens to.
    pub fn accepts(self, e: &web_sys::MessageEvent) -> bool {
        match (self.window(), e.source()) {
            (Some(expected), Some(source)) => js_sys::Object::is(&expected, &source),
            _ => false,
        }
    }

    pub fn post(self, message: &impl Serialize) {
        let Some(target) = self.window() else { return };
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        if let Ok(value) = message.serialize(&serializer) {
            // Any origin: a page opened from file:// has the opaque origin "null".
            let _ = target.post_message(&value, "*");
        }
    }
}

/// A value sent as one string or as a list of strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum Values {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct SetMessage {
    #[serde(rename = "type")]
    kind: String,
    target: Option<String>,
    q: Option<Values>,
    outlet: Option<Values>,
    origin: Option<Values>,
    actor: Option<Values>,
    from: Option<Values>,
    to: Option<Values>,
}

/// The query a `dossier:set` message asks for, or None for anything else (other types,
/// malformed data, a message for another explorer, a bad date): those are ignored.
pub fn read_set(data: JsValue, current: &Query, id: Option<&str>) -> Option<Query> {
    let m: SetMessage = serde_wasm_bindgen::from_value(data).ok()?;
    if m.kind != "dossier:set" || m.target.as_deref().is_some_and(|t| Some(t) != id) {
        return None;
    }
    let mut q = current.clone();
    for (key, v) in [("q", m.q), ("outlet", m.outlet), ("origin", m.origin), ("actor", m.actor), ("from", m.from), ("to", m.to)] {
        let values = match v {
            None => continue,
            Some(Values::One(s)) if key == "q" => vec![s],
            Some(Values::One(s)) => s.split(',').map(str::to_owned).collect(),
            Some(Values::Many(list)) => list,
        };
        if !url::set(&mut q, key, &values) {
            return None;
        }
    }
    Some(q)
}

/// What the host hears when the view changes.
#[derive(Serialize)]
pub struct Changed<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: Option<&'a str>,
    pub q: &'a str,
    pub outlet: Vec<String>,
    pub origin: Vec<String>,
    pub actor: Vec<String>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub hash: String,
    pub count: usize,
    pub total: usize,
}

impl<'a> Changed<'a> {
    pub fn new(q: &'a Query, id: Option<&'a str>, count: usize, total: usize) -> Changed<'a> {
        let list =
            |s: &dossier_corpus::search::Selection| s.include.iter().cloned().chain(s.exclude.iter().map(|v| format!("!{v}"))).collect();
        Changed {
            kind: "dossier:changed",
            id,
            q: &q.text,
            outlet: list(&q.outlets),
            origin: list(&q.origins),
            actor: list(&q.actors),
            from: q.from.as_deref(),
            to: q.to.as_deref(),
            hash: url::to_hash(q),
            count,
            total,
        }
    }
}

/// What the host hears when the user opens an article or an actor.
#[derive(Serialize)]
pub struct Opened<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: Option<&'a str>,
    /// "article" or "actor".
    pub what: &'static str,
    pub article: Option<u32>,
    pub title: Option<&'a str>,
    pub actor: Option<&'a str>,
}

impl<'a> Opened<'a> {
    pub fn article(id: Option<&'a str>, article: u32, title: &'a str) -> Opened<'a> {
        Opened { kind: "dossier:open", id, what: "article", article: Some(article), title: Some(title), actor: None }
    }

    pub fn actor(id: Option<&'a str>, name: &'a str) -> Opened<'a> {
        Opened { kind: "dossier:open", id, what: "actor", article: None, title: None, actor: Some(name) }
    }
}

/// The real target of an event, also inside a shadow root (where `target` is the host).
pub fn event_origin(e: &web_sys::Event) -> Option<web_sys::Element> {
    e.composed_path().get(0).dyn_into().ok()
}
