//! What an HTML page states about itself in its markup, apart from its text: JSON-LD
//! (`Article`, `NewsArticle`, `BlogPosting`, … also inside `@graph` and arrays),
//! OpenGraph and Twitter cards, `<meta>` author/date variants (`author`, `byl`, `date`,
//! `pubdate`, `parsely-*`, `sailthru.*`, `dc.*`, `itemprop`), `<time datetime>`,
//! `rel=author` links, the `<title>` and the canonical address.
//!
//! These are claims, not what the reader sees: `meta` reconciles them with the text.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::process::meta::PageMeta;

/// Read the page's metadata from its markup.
pub fn read(doc: &Html) -> PageMeta {
    let mut m = PageMeta::default();
    for ld in json_ld(doc) {
        read_json_ld(&ld, &mut m);
    }
    let meta = |keys: &[&str]| -> Option<String> { keys.iter().find_map(|k| meta_content(doc, k)) };
    m.html_title = first_text(doc, "title");
    let og_title = meta(&["og:title", "twitter:title", "headline", "parsely-title", "sailthru.title", "dc.title"]);
    if m.title.is_none() {
        m.title = og_title.or_else(|| m.html_title.clone());
    }
    if m.site_name.is_none() {
        m.site_name = meta(&["og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone"]);
    }
    if m.published.is_none() {
        m.published = meta(&[
            "article:published_time",
            "datepublished",
            "parsely-pub-date",
            "sailthru.date",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "og:published_time",
            "article.published",
        ])
        .or_else(|| time_datetime(doc));
    }
    if m.authors.is_empty() {
        let names = meta(&["author", "byl", "parsely-author", "sailthru.author", "dc.creator", "article:author", "twitter:creator"])
            .into_iter()
            .flat_map(|a| split_authors(&a))
            .collect::<Vec<_>>();
        m.authors = names.into_iter().filter(|n| is_name_value(n)).collect();
    }
    if m.authors.is_empty() {
        m.authors = rel_author(doc);
    }
    m.url = select_attr(doc, r#"link[rel="canonical"]"#, "href").or_else(|| meta(&["og:url"]));
    // The first locale that says: `<html lang>`, XHTML's `xml:lang`, `og:locale`.
    let xml_lang = doc.root_element().value().attr("xml:lang").map(clean);
    m.day_first =
        [select_attr(doc, "html[lang]", "lang"), xml_lang, meta(&["og:locale"])].into_iter().flatten().find_map(|l| day_first(&l));
    m
}

/// Does a locale ("en-GB", "en_US", "de", "en") write the day first? Of the locales that
/// say, only the United States' puts the month first; English without a region does not say.
fn day_first(locale: &str) -> Option<bool> {
    let mut parts = locale.trim().split(['-', '_']);
    let language = parts.next()?.to_ascii_lowercase();
    match parts.next().map(str::to_ascii_uppercase) {
        Some(region) if region == "US" => Some(false),
        Some(region) if region.len() == 2 => Some(true),
        _ if language.is_empty() || language == "en" => None,
        _ => Some(true),
    }
}

/// The `content` of the first `<meta>` whose `property`, `name` or `itemprop` is `key`
/// (case-insensitive), non-empty.
fn meta_content(doc: &Html, key: &str) -> Option<String> {
    static SEL: std::sync::OnceLock<Selector> = std::sync::OnceLock::new();
    let sel = SEL.get_or_init(|| Selector::parse("meta").expect("a valid selector"));
    doc.select(sel).find_map(|e| {
        let v = e.value();
        let named = ["property", "name", "itemprop"].iter().any(|a| v.attr(a).is_some_and(|n| n.trim().eq_ignore_ascii_case(key)));
        named.then(|| v.attr("content").map(clean)).flatten().filter(|s| !s.is_empty())
    })
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn select_attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel).find_map(|e| e.value().attr(attr)).map(clean).filter(|s| !s.is_empty())
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    doc.select(&sel).next().map(|t| clean(&t.text().collect::<String>())).filter(|t| !t.is_empty())
}

/// `<time datetime>`: one marked as the publication time (`pubdate`, `itemprop`), else the first.
fn time_datetime(doc: &Html) -> Option<String> {
    let sel = Selector::parse("time[datetime]").ok()?;
    let times: Vec<ElementRef> = doc.select(&sel).collect();
    let marked = times.iter().find(|t| {
        let v = t.value();
        v.attr("pubdate").is_some() || v.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
    });
    marked.or(times.first()).and_then(|t| t.value().attr("datetime")).map(clean).filter(|s| !s.is_empty())
}

/// Names of `rel=author` links.
fn rel_author(doc: &Html) -> Vec<String> {
    let Ok(sel) = Selector::parse(r#"a[rel~="author"]"#) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for a in doc.select(&sel) {
        let name = clean(&a.text().collect::<String>());
        if is_name_value(&name) && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The JSON-LD blocks of the page, parsed (malformed ones skipped). A script with no type (or
/// `text/javascript`) that holds a schema.org object is one too (a site that left the type
/// out: as a program it does nothing).
fn json_ld(doc: &Html) -> Vec<Value> {
    let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"], script:not([type]), script[type="text/javascript"]"#) else {
        return Vec::new();
    };
    doc.select(&sel)
        .filter_map(|s| {
            let text: String = s.text().collect();
            let text = text.trim().trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim().trim_end_matches(';');
            let typed = s.value().attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
            let schema_object = text.starts_with(['{', '[']) && text.contains("\"@context\"") && text.contains("schema.org");
            if !(typed || schema_object) {
                return None;
            }
            serde_json::from_str(text).ok()
        })
        .collect()
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
    "liveblogposting",
    "report",
    "webpage",
];

fn types(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_lowercase()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_lowercase).collect(),
        _ => Vec::new(),
    }
}

/// Fill what is still empty from one JSON-LD value (object, array or `@graph`). An
/// article object beats a `WebPage`, which only fills what no article gave.
fn read_json_ld(v: &Value, m: &mut PageMeta) {
    match v {
        Value::Array(items) => {
            // Articles first, pages after.
            for pass in [false, true] {
                for item in items {
                    let is_page = types(item).iter().all(|t| t == "webpage");
                    if is_page == pass {
                        read_json_ld(item, m);
                    }
                }
            }
        }
        Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                read_json_ld(graph, m);
            }
            let ts = types(v);
            if ts.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                let text = |k: &str| o.get(k).and_then(Value::as_str).map(clean).filter(|s| !s.is_empty());
                if m.title.is_none() {
                    m.title = text("headline").or_else(|| text("name").filter(|_| !ts.iter().all(|t| t == "webpage")));
                }
                if m.published.is_none() {
                    m.published = text("datePublished").or_else(|| text("dateCreated"));
                }
                if m.authors.is_empty() {
                    m.authors = o.get("author").or_else(|| o.get("creator")).map(person_names).unwrap_or_default();
                }
                if m.publisher.is_none() {
                    m.publisher =
                        o.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(clean).filter(|s| !s.is_empty());
                }
            } else if ts.iter().any(|t| t == "newsmediaorganization") && m.publisher.is_none() {
                m.publisher = o.get("name").and_then(Value::as_str).map(clean).filter(|s| !s.is_empty());
            }
        }
        _ => {}
    }
}

/// Author names from a JSON-LD `author`: a string, an object with `name`, or an array of either.
fn person_names(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        for n in split_authors(s) {
            if is_name_value(&n) && !out.contains(&n) {
                out.push(n);
            }
        }
    };
    match v {
        Value::String(s) => push(s),
        Value::Object(o) => {
            if let Some(s) = o.get("name").and_then(Value::as_str) {
                push(s)
            }
        }
        Value::Array(a) => {
            for item in a {
                for n in person_names(item) {
                    push(&n);
                }
            }
        }
        _ => {}
    }
    out
}

/// "By Jane Roe and John Doe" → ["Jane Roe", "John Doe"].
fn split_authors(s: &str) -> Vec<String> {
    let s = clean(s);
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).or_else(|| s.strip_prefix("BY ")).unwrap_or(&s);
    s.split([',', ';', '&', '|']).flat_map(|p| p.split(" and ")).map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect()
}

/// A value that can be a name: not an address, handle or e-mail, not a sentence.
fn is_name_value(s: &str) -> bool {
    let words = s.split_whitespace().count();
    !s.contains("://")
        && !s.starts_with('@')
        && !s.contains('@')
        && !s.contains('/')
        && (1..=6).contains(&words)
        && s.chars().next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str) -> PageMeta {
        read(&Html::parse_document(&format!("<html><head>{head}</head><body><p>Text.</p></body></html>")))
    }

    #[test]
    fn the_locale_says_which_comes_first_day_or_month() {
        let lang = |l: &str| read(&Html::parse_document(&format!("<html lang=\"{l}\"><body><p>Text.</p></body></html>"))).day_first;
        assert_eq!(lang("en-GB"), Some(true));
        assert_eq!(lang("en_US"), Some(false));
        assert_eq!(lang("en"), None);
        assert_eq!(lang("de"), Some(true));
        assert_eq!(page(r#"<meta property="og:locale" content="en_IE">"#).day_first, Some(true));
        let xhtml = r#"<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en-GB"><body><p>Text.</p></body></html>"#;
        assert_eq!(read(&Html::parse_document(xhtml)).day_first, Some(true));
        // "en" does not say; the page's og:locale does.
        let both = r#"<html lang="en"><head><meta property="og:locale" content="en_US"></head><body><p>Text.</p></body></html>"#;
        assert_eq!(read(&Html::parse_document(both)).day_first, Some(false));
        assert_eq!(page("").day_first, None);
    }

    #[test]
    fn json_ld_article_in_a_graph() {
        let m = page(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
                {"@type":"WebPage","name":"Page name"},
                {"@type":["NewsArticle"],"headline":"Council votes to rebuild the bridge","datePublished":"2021-03-04T09:02:00-05:00",
                 "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"John Doe"}],
                 "publisher":{"@type":"Organization","name":"The Example Gazette"}}]}</script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Council votes to rebuild the bridge"));
        assert_eq!(m.published.as_deref(), Some("2021-03-04T09:02:00-05:00"));
        assert_eq!(m.authors, vec!["Jane Roe", "John Doe"]);
        assert_eq!(m.publisher.as_deref(), Some("The Example Gazette"));
    }

    #[test]
    fn json_ld_arrays_and_string_authors() {
        let m = page(
            r#"<script type="application/ld+json">[{"@type":"Organization","name":"Org"},
                {"@type":"BlogPosting","headline":"A post","author":"By Ann Lee and Bo Chan","datePublished":"2020-01-02"}]</script>
               <script type="application/ld+json">{ not json </script>"#,
        );
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(m.published.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn json_ld_in_a_script_with_no_type() {
        let m = page(
            r#"<script>var x = {"@context": "https://schema.org"};</script>
               <script>{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge", "datePublished": "2022-01-28T06:00:00+01:00"}</script>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2022-01-28T06:00:00+01:00"));
        let m = page(
            r#"<script type="text/template">{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2022-01-28"}</script>"#,
        );
        assert_eq!(m.published, None, "a template is no JSON-LD");
    }

    #[test]
    fn meta_tags_when_there_is_no_json_ld() {
        let m = page(
            r#"<title>Bridge to be rebuilt | The Example Gazette</title><meta property="og:site_name" content="Example Gazette">
               <meta name="byl" content="By Jane Roe"><meta name="parsely-pub-date" content="2021-03-04T14:02:00Z">
               <meta property="article:author" content="https://example.com/staff/jane"><link rel="canonical" href="https://www.example.com/a/1">"#,
        );
        assert_eq!(m.title.as_deref(), Some("Bridge to be rebuilt | The Example Gazette"));
        assert_eq!(m.html_title.as_deref(), Some("Bridge to be rebuilt | The Example Gazette"));
        assert_eq!(m.site_name.as_deref(), Some("Example Gazette"));
        assert_eq!(m.authors, vec!["Jane Roe"]);
        assert_eq!(m.published.as_deref(), Some("2021-03-04T14:02:00Z"));
        assert_eq!(m.url.as_deref(), Some("https://www.example.com/a/1"));
    }

    #[test]
    fn time_element_and_rel_author() {
        let m = read(&Html::parse_document(
            r#"<html><body><a rel="author" href="/u/1">Jane Roe</a><time datetime="2019-01-01">x</time>
               <time itemprop="datePublished" datetime="2021-03-04T09:02">Mar 4</time></body></html>"#,
        ));
        assert_eq!(m.published.as_deref(), Some("2021-03-04T09:02"));
        assert_eq!(m.authors, vec!["Jane Roe"]);
    }
}
