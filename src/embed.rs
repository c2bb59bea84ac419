//! How the explorer sits in its page: the mount options, and the message API a host page
//! uses to drive it and hear from it. The same messages serve both ways of embedding:
//! in an `<iframe>` they go to and come from the parent window; mounted by `explorer.js`
//! they go through the host page's own window.
//!
//! In: `{type: "dossier:set", q, outlet, origin, actor, from, to, target?}` (each key
//! optional; a string or a list of strings; a leading `!` excludes).
//! Out: `dossier:ready`, `dossier:changed` (the filters, the hash and the result count),
//! `dossier:open` (an article or an actor the user opened).
//!
//! Who may talk to the explorer ([`Link`]):
//! - Only the one window it belongs to (the parent in a frame, the host page's own window
//!   for the script), checked with `event.source`.
//! - With `allowOrigins`, only when that window's origin is listed: incoming messages by
//!   `event.origin` (set by the browser, so it cannot be forged), outgoing ones by the
//!   target origin given to `postMessage`, which the browser enforces at delivery.
//! - Replies go to the parent's own origin, never "*" over http(s). The parent's origin is
//!   taken, most trusted first, from the last message the parent sent (`event.origin`),
//!   `location.ancestorOrigins` (Chromium, WebKit), then `document.referrer`. The referrer is
//!   only a hint (any window that navigates the frame sets it), but a wrong hint cannot leak:
//!   the browser drops a message whose target origin is not the parent's. With an allow
//!   list and no hint, each message is posted once per allowed origin (at most one matches).
//!   With neither, the explorer stays silent until the parent's first message says who it is.
//! - "*" only where origins are opaque (`file://`, sandboxed frames): such origins cannot be
//!   named as a target.

use dossier_corpus::search::{Query, Selection};
use dossier_corpus::url;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Options given to `mount` (from `Dossier.mount(el, options)`, or the page's `?query`).
#[derive(Clone, Debug, Default)]
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
    /// The host origins (`https://example.org`) that may drive the explorer and hear from it;
    /// None: any host. `null` stands for opaque origins (`file://`, sandboxed frames). The
    /// list baked into the file by `cargo xtask build --allow-origins` (`builtAllowOrigins`)
    /// bounds it: the page's own option can narrow it, never widen it.
    pub allow_origins: Option<Vec<String>>,
}

fn get(o: &JsValue, key: &str) -> JsValue {
    if o.is_object() { Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED) } else { JsValue::UNDEFINED }
}

/// A string, or a list of strings; `Err` for anything else.
fn strings(v: &JsValue) -> Result<Option<Vec<String>>, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(vec![s]));
    }
    if Array::is_array(v) {
        return Array::from(v)
            .iter()
            .map(|x| x.as_string().ok_or_else(|| "a list of strings".to_owned()))
            .collect::<Result<_, _>>()
            .map(Some);
    }
    Err("a string or a list of strings".to_owned())
}

/// A list of origins (`key` of the options), each as the browser writes origins.
fn origins(v: &JsValue, key: &str) -> Result<Option<Vec<String>>, String> {
    let Some(list) = strings(&get(v, key)).map_err(|e| format!("{key} must be {e}"))? else { return Ok(None) };
    list.iter()
        .map(|o| origin_of(o).ok_or_else(|| format!("{key}: {o:?} is not an origin like https://example.org")))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

impl Options {
    /// Read options from a JS object; unknown keys are ignored, wrong types are an error.
    pub fn from_js(v: &JsValue) -> Result<Options, String> {
        if v.is_undefined() || v.is_null() {
            return Ok(Options::default());
        }
        if !v.is_object() {
            return Err("options must be an object".into());
        }
        // An optional field: absent or null is None, another type is an error.
        fn field<T>(v: &JsValue, key: &str, read: impl Fn(&JsValue) -> Option<T>, kind: &str) -> Result<Option<T>, String> {
            let x = get(v, key);
            if x.is_undefined() || x.is_null() { Ok(None) } else { read(&x).map(Some).ok_or_else(|| format!("{key} must be {kind}")) }
        }
        let flag = |key: &str| field(v, key, JsValue::as_bool, "true or false");
        let text = |key: &str| field(v, key, JsValue::as_string, "a string");
        Ok(Options {
            embedded: flag("embedded")?.unwrap_or(false),
            url_state: flag("urlState")?,
            compact: flag("compact")?.unwrap_or(false),
            hide: strings(&get(v, "hide")).map_err(|e| format!("hide must be {e}"))?.unwrap_or_default(),
            theme: text("theme")?,
            filters: text("filters")?,
            id: text("id")?,
            allow_origins: match (origins(v, "builtAllowOrigins")?, origins(v, "allowOrigins")?) {
                (Some(built), Some(asked)) => Some(asked.into_iter().filter(|o| built.contains(o)).collect()),
                (built, asked) => built.or(asked),
            },
        })
    }

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
        let framed = w.parent().ok().flatten().is_some_and(|p| !Object::is(&p, &w));
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
    fn is_from(self, e: &web_sys::MessageEvent) -> bool {
        match (self.window(), e.source()) {
            (Some(expected), Some(source)) => Object::is(&expected, &source),
            _ => false,
        }
    }
}

/// The origin of a URL or an origin as the browser writes it (`https://example.org`,
/// default port left out), "null" for an opaque one; None when it is not a URL.
fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    if url == "null" {
        return Some("null".into());
    }
    let origin = web_sys::Url::new(url).ok()?.origin();
    Some(if opaque(&origin) { "null".into() } else { origin })
}

/// An origin that cannot be a `postMessage` target: `file://` pages and sandboxed frames.
fn opaque(origin: &str) -> bool {
    matches!(origin, "null" | "file://" | "")
}

/// The explorer's link to its host: which window, which origins (see the module's notes).
#[derive(Clone)]
pub struct Link {
    pub channel: Channel,
    allow: Option<std::sync::Arc<Vec<String>>>,
    /// The parent's origin as its last accepted message gave it.
    learned: leptos::prelude::StoredValue<Option<String>>,
}

impl Link {
    pub fn new(channel: Channel, options: &Options) -> Link {
        let allow = options.allow_origins.clone().map(std::sync::Arc::new);
        Link { channel, allow, learned: leptos::prelude::StoredValue::new(None) }
    }

    fn allowed(&self, origin: &str) -> bool {
        let origin = if opaque(origin) { "null" } else { origin };
        self.allow.as_ref().is_none_or(|allow| allow.iter().any(|a| a == origin))
    }

    /// Whether to act on a message: from the right window, and from an allowed origin.
    pub fn accepts(&self, e: &web_sys::MessageEvent) -> bool {
        use leptos::prelude::SetValue;
        if !self.channel.is_from(e) || !self.allowed(&e.origin()) {
            return false;
        }
        if self.channel == Channel::Parent {
            self.learned.set_value(Some(e.origin()));
        }
        true
    }

    /// The host window's origin, as well as it is known.
    fn host_origin(&self) -> Option<String> {
        use leptos::prelude::GetValue;
        let w = web_sys::window()?;
        match self.channel {
            Channel::None => None,
            Channel::Host => Some(w.location().origin().ok()?),
            Channel::Parent => self
                .learned
                .get_value()
                .or_else(|| {
                    let ancestors = Reflect::get(&w.location(), &"ancestorOrigins".into()).ok()?;
                    Reflect::get(&ancestors, &"0".into()).ok()?.as_string()
                })
                .or_else(|| w.document().map(|d| d.referrer()).filter(|r| !r.is_empty()).and_then(|r| origin_of(&r))),
        }
    }

    /// The target origins to post to: the host's own (`*` for an opaque one), nothing when
    /// it is not allowed or not known.
    fn targets(&self) -> Vec<String> {
        let own_opaque = web_sys::window().and_then(|w| w.location().origin().ok()).is_none_or(|o| opaque(&o));
        match self.host_origin() {
            Some(o) if !self.allowed(&o) => vec![],
            Some(o) if opaque(&o) => vec!["*".into()],
            Some(o) => vec![o],
            // The parent is not known. A page from file:// has only file:// parents.
            None if own_opaque => vec!["*".into()].into_iter().filter(|_| self.allowed("null")).collect(),
            None => self.allow.iter().flat_map(|a| a.iter()).filter(|a| !opaque(a)).cloned().collect(),
        }
    }

    pub fn post(&self, message: &Message) {
        if let Some(target) = self.channel.window() {
            for origin in self.targets() {
                let _ = target.post_message(&message.0, &origin);
            }
        }
    }
}

/// A message to the host: a plain JS object made from a typed struct by serde-wasm-bindgen
/// (JSON-compatible: `None` is `null`, lists are arrays).
pub struct Message(JsValue);

impl Message {
    pub fn of(value: &impl serde::Serialize) -> Message {
        Message(to_js(value).unwrap_or(JsValue::NULL))
    }
}

/// A value as the JS object JSON would give (`None` is `null`, maps are objects).
pub fn to_js(value: &impl serde::Serialize) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// `dossier:changed`: the filters, the hash and the counts.
#[derive(serde::Serialize)]
struct Changed<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: Option<&'a str>,
    q: &'a str,
    outlet: Vec<String>,
    origin: Vec<String>,
    actor: Vec<String>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    hash: String,
    count: usize,
    total: usize,
}

/// `dossier:open`: an article (`article`, `title`) or an actor (`actor`).
#[derive(serde::Serialize)]
struct Opened<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: Option<&'a str>,
    what: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<&'a str>,
}

/// The query a `dossier:set` message asks for, or None for anything else (other types,
/// malformed data, a message for another explorer, a bad date): those are ignored.
pub fn read_set(data: JsValue, current: &Query, id: Option<&str>) -> Option<Query> {
    if get(&data, "type").as_string().as_deref() != Some("dossier:set") {
        return None;
    }
    let target = get(&data, "target");
    if !target.is_undefined() && target.as_string().as_deref() != id {
        return None;
    }
    let mut fields = Vec::new();
    for key in url::SET_KEYS {
        if let Some(values) = strings(&get(&data, key)).ok()? {
            fields.push((key, values));
        }
    }
    url::apply_set(current, &fields)
}

fn listed(s: &Selection) -> Vec<String> {
    s.include.iter().cloned().chain(s.exclude.iter().map(|v| format!("!{v}"))).collect()
}

/// What the host hears when the view changes.
pub fn changed(q: &Query, id: Option<&str>, count: usize, total: usize) -> Message {
    Message::of(&Changed {
        kind: "dossier:changed",
        id,
        q: &q.text,
        outlet: listed(&q.outlets),
        origin: listed(&q.origins),
        actor: listed(&q.actors),
        from: q.from.as_deref(),
        to: q.to.as_deref(),
        hash: url::to_hash(q),
        count,
        total,
    })
}

/// What the host hears when the user opens an article.
pub fn opened_article(id: Option<&str>, article: u32, title: &str) -> Message {
    Message::of(&Opened { kind: "dossier:open", id, what: "article", article: Some(article), title: Some(title), actor: None })
}

/// What the host hears when the user opens an actor's page.
pub fn opened_actor(id: Option<&str>, name: &str) -> Message {
    Message::of(&Opened { kind: "dossier:open", id, what: "actor", article: None, title: None, actor: Some(name) })
}

/// The real target of an event, also inside a shadow root (where `target` is the host).
pub fn event_origin(e: &web_sys::Event) -> Option<web_sys::Element> {
    e.composed_path().get(0).dyn_into().ok()
}
