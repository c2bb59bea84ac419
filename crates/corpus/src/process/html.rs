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
    "dropdown",
    "tooltip",
    "popover",
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

/// A `form`, `aside` or the like that wraps the page rather than furniture beside it (ASP.NET
/// pages put the whole body in one form; a slideshow's slides can sit in an aside): it holds
/// most of the page's text. (Holding an `article` says nothing: teaser cards are articles.)
fn wraps_page(el: ElementRef, page_chars: usize) -> bool {
    2 * visible_chars(el) >= page_chars
}

/// Bytes of text under `el` outside scripts, styles and the rest of [`SKIP`], white space
/// left out (markup indents with it).
fn visible_chars(el: ElementRef) -> usize {
    let (mut chars, mut todo) = (0, vec![*el]);
    while let Some(node) = todo.pop() {
        match node.value() {
            Node::Text(t) => chars += t.bytes().filter(|b| !b.is_ascii_whitespace()).count(),
            Node::Element(e) if SKIP.contains(&e.name()) => {}
            _ => todo.extend(node.children()),
        }
    }
    chars
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

/// A `<noscript>` is read only when it holds paragraphs of this much markup: a blog
/// platform's post is a script's template with its text again in a `<noscript>` (the page
/// without scripts, as a dump saves it); a tracking pixel or "enable JavaScript" is not.
const NOSCRIPT_TEXT: usize = 500;

struct Walker {
    blocks: Vec<Block>,
    text: String,
    link_chars: usize,
    hint: Hint,
    /// Elements open above the one being walked.
    depth: usize,
    /// The page's text ([`visible_chars`]), for telling a `form` or `aside` that wraps the
    /// page from furniture ([`wraps_page`]).
    page_chars: usize,
}

/// Past this nesting the walk stops recursing (a page nested deeper would overflow the
/// stack) and keeps the rest of the subtree as running text.
const MAX_DEPTH: usize = 256;

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

    /// The parser keeps a `<noscript>`'s content as text (a browser runs scripts): read it as
    /// markup when it holds paragraphs.
    fn walk_noscript(&mut self, el: ElementRef, hint: Hint) {
        let raw: String = el.text().collect();
        if raw.len() < NOSCRIPT_TEXT || !raw.contains("<p") {
            return;
        }
        let fragment = Html::parse_fragment(&raw);
        self.flush();
        self.depth += 1;
        self.walk(fragment.root_element(), hint, false);
        self.depth -= 1;
        self.flush();
    }

    fn walk(&mut self, el: ElementRef, hint: Hint, in_link: bool) {
        let name = el.value().name();
        if name == "noscript" && self.depth < MAX_DEPTH {
            self.walk_noscript(el, hint);
            return;
        }
        if SKIP.contains(&name) || el.value().attr("hidden").is_some() || styled_hidden(el) {
            return;
        }
        let hint = match name {
            _ if hint == Hint::Chrome => Hint::Chrome,
            n if (CHROME.contains(&n) && !wraps_page(el, self.page_chars))
                || el.value().attr("role").is_some_and(|r| r == "navigation" || r == "contentinfo")
                || furniture_markup(el) =>
            {
                Hint::Chrome
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
            "figcaption" => Hint::Caption,
            _ => hint,
        };
        if self.depth >= MAX_DEPTH {
            el.text().for_each(|t| self.text.push_str(t));
            return;
        }
        let in_link = in_link || name == "a";
        // A table row is one block, its cells kept apart by a space ("DL Jane Roe 63 85%").
        if matches!(name, "td" | "th") && !self.text.is_empty() {
            self.text.push(' ');
        }
        // A date is a word of its own: a theme's published and updated times printed back to
        // back ("November 1, 2023November 1, 2023") are two dates.
        if name == "time" && !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
        let is_block = BLOCK.contains(&name);
        if is_block {
            self.flush();
        }
        self.depth += 1;
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
        self.depth -= 1;
        if is_block {
            self.flush();
        }
    }
}

/// Nesting past which tags are dropped before parsing (their text is kept): the HTML parser
/// searches the stack of open elements on many start tags, so its time grows with the
/// square of the depth (40,000 nested `<div>`s, 200 KB, took seconds; a hostile page of a
/// few MB would take hours).
const MAX_PARSE_DEPTH: usize = 1024;

/// The page with the tags nested deeper than [`MAX_PARSE_DEPTH`] left out (borrowed as is
/// when it nests less, as every real page does). A rough tag scan: comments, raw-text
/// elements and void elements are skipped, elements whose end tag is optional do not count.
fn flatten_deep_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
    const OPTIONAL_END: &[&str] =
        &["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp"];
    const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"];
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        i = start + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let end_tag = b.get(i) == Some(&b'/');
        let name_start = if end_tag { i + 1 } else { i };
        let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(close) = b[name_start..].iter().position(|&c| c == b'>').map(|e| name_start + e + 1) else { break };
        i = close;
        if end_tag {
            if OPTIONAL_END.contains(&name.as_str()) {
                continue;
            }
            if depth > MAX_PARSE_DEPTH {
                dropped.push(start..close);
            }
            depth = depth.saturating_sub(1);
        } else if RAW.contains(&name.as_str()) {
            // Skip to the end tag: the content is not markup.
            let mut j = i;
            i = loop {
                match html[j..].find("</") {
                    Some(e) if b[j + e + 2..].get(..name_len).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes())) => break j + e,
                    Some(e) => j += e + 2,
                    None => break b.len(),
                }
            };
        } else if !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) && b[close - 2] != b'/' {
            depth += 1;
            if depth > MAX_PARSE_DEPTH {
                dropped.push(start..close);
            }
        }
    }
    if dropped.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for r in dropped {
        out.push_str(&html[from..r.start]);
        out.push(' ');
        from = r.end;
    }
    out.push_str(&html[from..]);
    std::borrow::Cow::Owned(out)
}

/// An element its own style hides (`display: none`, `visibility: hidden`): a caption or a
/// box the page shows only on a click, not text a reader sees.
fn styled_hidden(el: ElementRef) -> bool {
    el.value().attr("style").is_some_and(|s| {
        let s = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.split(';').any(|d| d == "display:none" || d == "visibility:hidden" || d.starts_with("display:none!"))
    })
}

/// Parse a page into blocks and the metadata its markup states ([`markup::read`]).
pub fn blocks_from_html(html: &str) -> (Vec<Block>, PageMeta) {
    let html = flatten_deep_nesting(html);
    let doc = Html::parse_document(&html);
    let page_chars = visible_chars(doc.root_element());
    let mut w = Walker { blocks: Vec::new(), text: String::new(), link_chars: 0, hint: Hint::Plain, depth: 0, page_chars };
    w.walk(doc.root_element(), Hint::Plain, false);
    w.flush();
    (w.blocks, markup::read(&doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hidden_from_screen_readers_is_still_on_the_page() {
        // A dateline is often `aria-hidden` (the markup states the date for screen readers);
        // a reader sees it. `hidden` is not shown at all.
        let (blocks, _) = blocks_from_html(
            r#"<h1>Headline</h1><p class="dateline" aria-hidden="true"><time>Mon 20 Jan 2020 06.05 GMT</time></p><p hidden>Not shown.</p>"#,
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Headline", "Mon 20 Jan 2020 06.05 GMT"]);
        // A caption the page shows only on a click.
        let (blocks, _) = blocks_from_html(
            r#"<p>Shown.</p><div style="display:none;">Caption shown on a click.</div><div style="color: red; display : none">Also hidden.</div><div style="visibility: hidden">Hidden too.</div><div style="display:block">Shown too.</div>"#,
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Shown.", "Shown too."]);
    }

    #[test]
    fn deep_nesting_is_flattened_before_parsing_and_its_text_kept() {
        let page = format!(
            "<script>var s = '<div><div>';</script><!-- <div> -->{}<p>The deep text survives.</p>{}<p>After it.</p>",
            "<div><span>".repeat(20_000),
            "</span></div>".repeat(20_000)
        );
        let started = std::time::Instant::now();
        let (blocks, _) = blocks_from_html(&page);
        assert!(started.elapsed().as_secs() < 20, "parsing took {:?}", started.elapsed());
        assert!(blocks.iter().any(|b| b.text.contains("The deep text survives.")), "{blocks:?}");
        assert!(blocks.iter().any(|b| b.text == "After it."), "{blocks:?}");
        // A normal page is parsed as it is.
        let normal = "<ul><li>a<li>b</ul><p>x<p>y<br><img src=x><div><script>'</div>'</script></div>";
        assert!(matches!(flatten_deep_nesting(normal), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(flatten_deep_nesting(&"<li>item".repeat(5000)), std::borrow::Cow::Borrowed(_)));
    }

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

    #[test]
    fn a_form_or_aside_holding_the_page_is_no_furniture() {
        let story = "<p>A paragraph of the story that is long enough to count as running prose in this page.</p>".repeat(6);
        let hints = |html: &str| -> Vec<(String, Hint)> { blocks_from_html(html).0.into_iter().map(|b| (b.text, b.hint)).collect() };
        // ASP.NET wraps the whole page in one form; a search form beside a story is furniture.
        let page = format!(
            "<html><body><form id=\"aspnetForm\"><nav><a href=\"/\">Home</a></nav><h1>Headline</h1><div>{story}</div></form></body></html>"
        );
        let blocks = hints(&page);
        assert_eq!(blocks[0], ("Home".to_owned(), Hint::Chrome), "the nav in it still is");
        assert_eq!(blocks.iter().filter(|(_, h)| *h == Hint::Plain).count(), 6, "{blocks:?}");
        let search = format!("<html><body><div>{story}</div><form><label>Search the site for stories</label></form></body></html>");
        assert_eq!(hints(&search).last().map(|b| b.1), Some(Hint::Chrome));
        // A slideshow's slides in an aside, the page's other text a menu and a footer.
        let slides = format!(
            "<html><body><nav>Home World Sport</nav><aside id=\"rightColumn\">{story}</aside><footer>(c) Site</footer></body></html>"
        );
        assert_eq!(hints(&slides).iter().filter(|(_, h)| *h == Hint::Plain).count(), 6);
        let beside =
            format!("<html><body><div>{story}</div><aside><article><h3>Read next</h3><p>Another story</p></article></aside></body></html>");
        assert!(hints(&beside).iter().rev().take(2).all(|(_, h)| *h == Hint::Chrome), "a teaser card is an article in an aside");
    }

    #[test]
    fn a_table_row_is_one_block() {
        let html = "<html><body><table><tr><th>Team</th><th>Won</th></tr><tr><td>Reds</td><td>5</td></tr></table></body></html>";
        let texts: Vec<String> = blocks_from_html(html).0.into_iter().map(|b| b.text).collect();
        assert_eq!(texts, vec!["Team Won", "Reds 5"]);
    }

    #[test]
    fn a_noscript_with_the_post_is_read() {
        let post = "<p>A paragraph of the post that is long enough to count as running prose on this page.</p>".repeat(8);
        let html = format!(
            "<html><body><h1>Post</h1><div class=\"post-body\"><script type=\"text/template\">{post}</script><noscript>{post}</noscript></div><noscript><img src=\"pixel.gif\"> Please enable JavaScript.</noscript></body></html>"
        );
        let texts: Vec<String> = blocks_from_html(&html).0.into_iter().map(|b| b.text).collect();
        assert_eq!(texts.len(), 9, "{texts:?}");
        assert!(texts[1..].iter().all(|t| t.starts_with("A paragraph of the post")));
    }

    #[test]
    fn times_back_to_back_are_two_words() {
        let html = r#"<p>by <a href="/a">Jane Roe</a><time class="published">November 1, 2023</time><time class="updated">November 2, 2023</time></p>"#;
        let texts: Vec<String> = blocks_from_html(html).0.into_iter().map(|b| b.text).collect();
        assert_eq!(texts, vec!["by Jane Roe November 1, 2023 November 2, 2023"]);
    }
}
