//! The one-file explorer, assembled: the page template (`index.html`) or the embeddable
//! script's (`web/explorer.js`) filled with the app's wasm and glue, its styles, the
//! bootstrap and the data islands.
//!
//! `cargo xtask build` and the page's own "Save as a new explorer" (in the import island's
//! wasm) both call [`page`], so a saved explorer is byte-identical to a built one on the
//! same inputs: the page hands back the islands it carries ([`Parts::from_page`] reads them
//! the way the browser's `textContent` does) and only the corpus island changes.
//!
//! Pure Rust (zopfli and miniz_oxide for gzip), no I/O: it builds for wasm32.

use std::io::Write;

use base64::Engine;

/// The name of the glue's object inside its factory.
pub const GLUE_GLOBAL: &str = "__dossier_wasm";
/// The glue's factory, a global function of the page: each call gives a fresh glue (and so, once
/// initialised, a wasm instance of its own). Unlikely to clash with a host page.
pub const GLUE_FACTORY: &str = "__dossier_glue";

/// The import island is written in script elements of this many characters, one after the
/// other: the HTML parser can yield between elements (one 1 MB element is one token), so the
/// explorer, started before the parser reaches the island, is not held up by it.
pub const ISLAND_CHUNK: usize = 64 * 1024;
/// What separates two chunks of the import island.
pub const ISLAND_SEPARATOR: &str = "</script>\n<script type=\"application/octet-stream\">";

/// The island text in chunks of [`ISLAND_CHUNK`] bytes, each cut moved back to a char
/// boundary (Base-122 text has two-byte characters).
fn chunked(island: &str) -> String {
    let mut out = String::with_capacity(island.len() + island.len() / ISLAND_CHUNK * ISLAND_SEPARATOR.len());
    let mut rest = island;
    while rest.len() > ISLAND_CHUNK {
        let cut = (0..=ISLAND_CHUNK).rev().find(|&i| rest.is_char_boundary(i)).unwrap_or(rest.len());
        out.push_str(&rest[..cut]);
        out.push_str(ISLAND_SEPARATOR);
        rest = &rest[cut..];
    }
    out.push_str(rest);
    out
}

/// The parts of an explorer other than its corpus, each in its final form (as it stands in
/// the page).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parts {
    /// The stylesheet ([`css`]): in a page, gzip + [`island_text`] (unpacked by the bootstrap
    /// into its `<style>`, a third of its text); in the embeddable script, as it is.
    pub css: String,
    /// The app's glue in its factory ([`glue`]): in a page, gzip + [`island_text`] (unpacked and
    /// run by the bootstrap); in the embeddable script, as it is.
    pub glue: String,
    /// `web/bootstrap.js` ([`bootstrap`]).
    pub bootstrap: String,
    /// The app's wasm, gzip + [`island_text`] (base64 in the script: see [`script`]).
    pub wasm: String,
    /// The import island (processing wasm, its glue and worker), gzip + [`island_text`]; empty: none.
    pub importer: String,
    /// The host origins baked in, as a JSON list, or `null`.
    pub allow_origins: String,
    /// The reader's actor curation (`curation.toml` text with no `<`, as
    /// `Curation::to_toml` writes it), which the import applies to files added later; empty:
    /// none.
    pub curation: String,
}

/// Where each part stands in the page template, and what the page's element around it adds.
const PAGE_SLOTS: [(&str, Slot); 6] = [
    ("{{css}}", Slot::Css),
    ("{{wasm}}", Slot::Wasm),
    ("{{importer}}", Slot::Importer),
    ("{{glue}}", Slot::Glue),
    ("/*{{allow_origins}}*/null", Slot::AllowOrigins),
    ("{{curation}}", Slot::Curation),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Css,
    Wasm,
    Importer,
    Glue,
    AllowOrigins,
    Curation,
}

impl Parts {
    fn get(&self, slot: Slot) -> &str {
        match slot {
            Slot::Css => &self.css,
            Slot::Wasm => &self.wasm,
            Slot::Importer => &self.importer,
            Slot::Glue => &self.glue,
            Slot::AllowOrigins => &self.allow_origins,
            Slot::Curation => &self.curation,
        }
    }

    /// The parts of a page [`page`] wrote, read back as the page itself reads them (the text
    /// of its `<style>` and `<script id=…>` elements) so that a test can show that the page
    /// rebuilds itself. The bootstrap is not read back: the importer carries its own copy.
    pub fn from_page(html: &str) -> Option<Parts> {
        let between = |open: &str, close: &str| -> Option<String> {
            let start = html.find(open)? + open.len();
            let end = start + html.get(start..)?.find(close)?;
            Some(html.get(start..end)?.to_owned())
        };
        Some(Parts {
            css: between("<script type=\"application/octet-stream\" id=\"dossier-css\">", "</script>")?,
            glue: between("<script type=\"application/octet-stream\" id=\"dossier-glue\">", "</script>")?,
            bootstrap: String::new(),
            wasm: between("<script type=\"application/octet-stream\" id=\"dossier-wasm\">", "</script>")?,
            importer: between("<script type=\"application/octet-stream\" id=\"dossier-importer\">", "</script>\n</body>")?
                .replace(ISLAND_SEPARATOR, ""),
            allow_origins: between("var built = ", ";\n")?,
            curation: between("<script type=\"application/toml\" id=\"dossier-curation\">", "</script>")?,
        })
    }
}

/// The page: `template` (index.html) filled with `parts` and the corpus island `data`
/// ([`data_island`]).
pub fn page(template: &str, parts: &Parts, data: &str) -> Result<String, String> {
    let island = chunked(&parts.importer);
    let mut slots: Vec<(&str, &str)> =
        PAGE_SLOTS.iter().map(|(k, s)| (*k, if *s == Slot::Importer { island.as_str() } else { parts.get(*s) })).collect();
    slots.extend([("{{data}}", data), ("/*{{bootstrap}}*/", parts.bootstrap.as_str()), ("{{glue_factory}}", GLUE_FACTORY)]);
    fill(template, &slots)
}

/// The embeddable script: `template` (web/explorer.js) filled with `parts` (all but the
/// import island) and the corpus island `data`. It is read in the host page's encoding, so
/// its islands (`parts.wasm`, `data`) must be base64, not [`island_text`].
pub fn script(template: &str, parts: &Parts, data: &str) -> Result<String, String> {
    let css_json = serde_json::to_string(&parts.css).map_err(|e| e.to_string())?;
    fill(
        template,
        &[
            ("/*{{css_json}}*/", &css_json),
            ("{{wasm}}", &parts.wasm),
            ("{{data}}", data),
            ("/*{{glue}}*/", &parts.glue),
            ("/*{{bootstrap}}*/", &parts.bootstrap),
            ("{{glue_factory}}", GLUE_FACTORY),
            ("/*{{allow_origins}}*/null", &parts.allow_origins),
        ],
    )
}

/// The corpus island of a page: bundle bytes, gzip + [`island_text`].
pub fn data_island(bundle: &[u8]) -> String {
    island_text(&gzip(bundle))
}

/// Compressed bytes as a page's island holds them: Base-122 (`dossier_corpus::b122`), 8/7 of
/// the bytes where base64 takes 4/3. The page declares UTF-8 itself; the embeddable script
/// (which takes the host page's encoding) keeps base64.
pub fn island_text(gz: &[u8]) -> String {
    dossier_corpus::b122::encode(gz)
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Gzip for the islands: zopfli (about 5 % smaller, deterministic) while the input is small
/// enough for its time to go unnoticed, flate2's best level above that, where zopfli's
/// minutes would not pay for a few per cent. The same bytes on every platform.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    const ZOPFLI_UP_TO: usize = 1 << 20;
    let mut gz = Vec::new();
    if bytes.len() <= ZOPFLI_UP_TO {
        zopfli::compress(zopfli::Options::default(), zopfli::Format::Gzip, bytes, &mut gz).expect("writing to a Vec cannot fail");
        return gz;
    }
    let mut enc = flate2::write::GzEncoder::new(gz, flate2::Compression::best());
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// The glue as the page holds it: `compact` (wasm-bindgen's no-modules output, compacted)
/// inside its factory, safe inline.
pub fn glue(compact: &str) -> String {
    script_safe(&format!("function {GLUE_FACTORY}() {{\n{compact}\nreturn {GLUE_GLOBAL};\n}}"))
}

/// `web/bootstrap.js` as the page holds it.
pub fn bootstrap(source: &str) -> String {
    script_safe(&compact_js(source))
}

/// The stylesheets (in order), compacted: a page gzips them into its island, the embeddable
/// script holds them as they are.
pub fn css(files: &[&str]) -> String {
    let mut all = String::new();
    for f in files {
        all.push_str(f);
        all.push('\n');
    }
    compact_css(&all).replace("</style", "<\\/style")
}

/// JS without its comments, indentation and blank lines: it ships uncompressed, and about a
/// sixth of wasm-bindgen's glue is layout. Only done when no template literal spans lines
/// (its text would change); no renaming or other rewriting.
pub fn compact_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_doc = false;
    for line in js.lines() {
        let t = line.trim();
        if in_doc {
            in_doc = !t.ends_with("*/");
            continue;
        }
        if t.starts_with("/**") {
            in_doc = !t.ends_with("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    // A template literal that spans lines would have an odd number of backticks on a line.
    if out.lines().all(|l| l.matches('`').count() % 2 == 0) { out } else { js.to_owned() }
}

/// The stylesheet without comments and layout whitespace.
pub fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    squeeze_css(&out)
}

/// Whitespace that CSS does not need, outside quoted strings: any run becomes one space, and
/// none is kept next to `{`, `}`, `;`, `,`, `>` or after `:`; a `;` before `}` goes. (A space
/// before `:` stays: `a :hover` is a descendant selector.)
fn squeeze_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut quote: Option<char> = None;
    let mut space = false;
    for c in css.chars() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
        if space && !out.is_empty() && !tight(c) && !out.ends_with(|p: char| tight(p) || p == ':') {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}

/// Inline JS must not close its own script element.
pub fn script_safe(js: &str) -> String {
    js.replace("</script", "<\\/script").replace("<!--", "<\\!--")
}

/// Replace each placeholder of `template` (each must occur at least once) in one pass over
/// the template, so that a value is never searched for placeholders itself.
pub fn fill(template: &str, parts: &[(&str, &str)]) -> Result<String, String> {
    for (key, _) in parts {
        if !template.contains(key) {
            return Err(format!("the template has no {key} placeholder"));
        }
    }
    let mut out = String::with_capacity(template.len() + parts.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = template;
    loop {
        // The placeholder that starts first (the longest at one position).
        let next = parts.iter().filter_map(|(k, v)| rest.find(k).map(|i| (i, std::cmp::Reverse(k.len()), *k, *v))).min();
        let Some((i, _, key, value)) = next else { break };
        out.push_str(&rest[..i]);
        out.push_str(value);
        rest = &rest[i + key.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = include_str!("../../../index.html");

    fn parts() -> Parts {
        Parts {
            css: css(&["/* note */\n.dossier { color: red; }\n", "a{}</style>"]),
            glue: glue("let wasm;\nconst __dossier_wasm = {};\n"),
            bootstrap: bootstrap(include_str!("../../../web/bootstrap.js")),
            wasm: base64(&gzip(b"\0asm fake")),
            importer: base64(&gzip(&[7u8; 200_000])) + &"x".repeat(2 * ISLAND_CHUNK + 5),
            allow_origins: r#"["https://example.org"]"#.into(),
            curation: "actor = [\n  { name = \"A\", aliases = [\"B\"] },\n]\n".into(),
        }
    }

    #[test]
    fn a_page_gives_back_the_parts_it_was_made_of() {
        let parts = parts();
        let html = page(TEMPLATE, &parts, &data_island(b"corpus")).unwrap();
        let back = Parts::from_page(&html).unwrap();
        assert_eq!(Parts { bootstrap: parts.bootstrap.clone(), ..back.clone() }, parts);
        // And so rebuilds itself byte for byte; a new corpus changes only its island.
        let again = page(TEMPLATE, &Parts { bootstrap: parts.bootstrap.clone(), ..back }, &data_island(b"corpus")).unwrap();
        assert_eq!(again, html);
        assert_eq!(html.matches(ISLAND_SEPARATOR).count(), parts.importer.len() / ISLAND_CHUNK);
        let other = page(TEMPLATE, &parts, &data_island(b"another corpus")).unwrap();
        assert_ne!(other, html);
        assert_eq!(other.len() - data_island(b"another corpus").len(), html.len() - data_island(b"corpus").len());
    }

    #[test]
    fn no_placeholder_is_left_and_none_is_searched_in_a_value() {
        let mut parts = parts();
        parts.css = "/*{{glue}}*/ {{data}}".into();
        let html = page(TEMPLATE, &parts, "DATA").unwrap();
        assert!(html.contains("/*{{glue}}*/ {{data}}"), "a value is inserted as it is");
        assert_eq!(html.matches("{{").count(), 2, "only the value's own braces remain");
        assert!(fill("no slots", &[("{{x}}", "y")]).is_err());
    }

    #[test]
    fn the_script_has_the_styles_as_a_string() {
        let js = script(include_str!("../../../web/explorer.js"), &parts(), "DATA").unwrap();
        assert!(js.contains(r#"var CSS = ".dossier{color:red}a{}<\\/style>";"#), "{}", &js[..600]);
        assert!(!js.contains("{{"));
    }

    #[test]
    fn island_chunks_cut_on_char_boundaries() {
        let text = island_text(&[0u8; 3 * ISLAND_CHUNK]);
        assert!(text.chars().any(|c| c.len_utf8() == 2));
        let chunked = chunked(&text);
        assert!(chunked.matches(ISLAND_SEPARATOR).count() >= 3);
        assert_eq!(chunked.replace(ISLAND_SEPARATOR, ""), text);
    }

    #[test]
    fn gzip_is_deterministic_and_round_trips() {
        let text = "Dossier ".repeat(1000);
        let gz = gzip(text.as_bytes());
        assert_eq!(gz, gzip(text.as_bytes()));
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back).unwrap();
        assert_eq!(back, text);
        assert!(gz.len() < 100);
    }

    #[test]
    fn the_stylesheet_loses_only_layout() {
        let css = "/* note */\n.a > .b,\n.c  :hover {\n  margin: 0 auto;\n  font-family: \"Segoe UI\", sans-serif;\n}\n@media (max-width: 760px) { .d { content: ' ; } '; } }\n";
        assert_eq!(
            compact_css(css),
            ".a>.b,.c :hover{margin:0 auto;font-family:\"Segoe UI\",sans-serif}@media (max-width:760px){.d{content:' ; } '}}"
        );
    }

    #[test]
    fn compacting_keeps_the_code() {
        let js = "/** doc\n * more */\nfunction f() {\n    // note\n    return `a`;\n}\n";
        assert_eq!(compact_js(js), "function f() {\nreturn `a`;\n}\n");
        assert_eq!(compact_css("/* a */\n  .x { }\n\n/* b */"), ".x{}");
        assert_eq!(script_safe("a</script><!--"), "a<\\/script><\\!--");
    }
}
