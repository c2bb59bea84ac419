//! HTML pages → blocks for the same classifier as text dumps. html5ever (via scraper)
//! parses the page; each block-level element becomes a block, with the share of its
//! text inside links, and hints from the markup (headings, figure captions, and
//! navigation/footer/aside chrome). Scripts, styles and other non-text are skipped.

use scraper::{ElementRef, Html, Node};

use crate::process::extract::{Block, Hint};
use crate::process::markup;
use crate::process::meta::PageMeta;

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed", "canvas", "video", "audio", "select", "button",
    "input", "textarea",
];
const CHROME: &[&str] = &["nav", "footer", "aside", "form", "menu"];
/// Class or id tokens that mark page furniture (whole tokens: "ad", not "head").
const FURNITURE_CLASSES: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "promo",
    "sponsored",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "comments",
    "comment",
    "cookie",
    "cookies",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "menu",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "recirculation",
    "trending",
];

/// Furniture by its markup. Never a container of the article itself: not `article`,
/// `main` or `body`, and not an element holding much text ("content has-sidebar").
fn furniture_markup(el: ElementRef) -> bool {
    let v = el.value();
    let named = [v.attr("class"), v.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| v.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| FURNITURE_CLASSES.iter().any(|f| t.eq_ignore_ascii_case(f))));
    named && !matches!(v.name(), "article" | "main" | "body" | "html") && el.text().map(str::len).sum::<usize>() < 1500
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "form",
    "address",
    "hr",
    "br",
    "body",
    "details",
    "summary",
    "menu",
];

struct Walker {
    blocks: Vec<Block>,
    text: String,
    link_chars: usize,
    hint: Hint,
}

impl Walker {
    fn flush(&mut self) {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            let chars = text.chars().count().max(1);
            self.blocks.push(Block { link_density: (self.link_chars as f32 / chars as f32).min(1.0), text, hint: self.hint });
        }
        self.text.clear();
        self.link_chars = 0;
        self.hint = Hint::Plain;
    }

    fn walk(&mut self, el: ElementRef, hint: Hint, in_link: bool) {
        let name = el.value().name();
        if SKIP.contains(&name) || el.value().attr("hidden").is_some() || el.value().attr("aria-hidden") == Some("true") {
            return;
        }
        let hint = match name {
            _ if hint == Hint::Chrome => Hint::Chrome,
            n if CHROME.contains(&n)
                || el.value().attr("role").is_some_and(|r| r == "navigation" || r == "contentinfo")
                || furniture_markup(el) =>
            {
                Hint::Chrome
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
            "figcaption" => Hint::Caption,
            _ => hint,
        };
        let in_link = in_link || name == "a";
        let is_block = BLOCK.contains(&name);
        if is_block {
            self.flush();
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    if self.text.is_empty() {
                        self.hint = hint;
                    }
                    if in_link {
                        self.link_chars += t.trim().chars().count();
                    }
                    self.text.push_str(t);
                }
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.walk(c, hint, in_link);
                    }
                }
                _ => {}
            }
        }
        if is_block {
            self.flush();
        }
    }
}

/// Parse a page into blocks and the metadata its markup states ([`markup::read`]).
pub fn blocks_from_html(html: &str) -> (Vec<Block>, PageMeta) {
    let doc = Html::parse_document(html);
    let mut w = Walker { blocks: Vec::new(), text: String::new(), link_chars: 0, hint: Hint::Plain };
    w.walk(doc.root_element(), Hint::Plain, false);
    w.flush();
    (w.blocks, markup::read(&doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hints_and_meta() {
        let html = r#"<html><head><title>T | Site</title><meta property="og:site_name" content="Example News">
            <meta property="article:published_time" content="2022-09-14T10:30:00Z"><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> <a href="/w">World</a></nav><h1>Big headline</h1>
            <p>First <b>paragraph</b> text.</p><figure><img src="a.jpg"><figcaption>A caption (Photo: AP)</figcaption></figure>
            <p><a href="/x">A link that is the whole paragraph</a></p><footer>© 2022 Example</footer></body></html>"#;
        let (blocks, meta) = blocks_from_html(html);
        let texts: Vec<(&str, Hint)> = blocks.iter().map(|b| (b.text.as_str(), b.hint)).collect();
        assert_eq!(
            texts,
            vec![
                ("Home World", Hint::Chrome),
                ("Big headline", Hint::Heading),
                ("First paragraph text.", Hint::Plain),
                ("A caption (Photo: AP)", Hint::Caption),
                ("A link that is the whole paragraph", Hint::Plain),
                ("© 2022 Example", Hint::Chrome),
            ]
        );
        assert!(blocks[4].link_density > 0.9);
        assert_eq!(meta.site_name.as_deref(), Some("Example News"));
        let story = "<p>A paragraph of the story that is long enough to count as running prose in this page.</p>".repeat(20);
        let wrapped =
            format!("<html><body><div class=\"content has-sidebar\">{story}</div><div class=\"ad\">Advertisement</div></body></html>");
        let (blocks, _) = blocks_from_html(&wrapped);
        assert_eq!(blocks.iter().filter(|b| b.hint == Hint::Plain).count(), 20, "a big container is not furniture");
        assert_eq!(blocks.last().map(|b| b.hint), Some(Hint::Chrome), "a small ad box is");
        assert_eq!(meta.published.as_deref(), Some("2022-09-14T10:30:00Z"));
    }
}
