//! Metadata from page text, each with its evidence: outlet (the publishing site), origin
//! (the agency or paper whose story it republishes), authors and date. Outlet names come
//! from `data/outlets.toml`; copyright lines name unknown sites.

use crate::model::{Attributed, DateInfo, Precision, Source};
use crate::process::dates;
use crate::process::extract::{Class, Extracted, Line};
use crate::process::knowledge::{Knowledge, OutletKind, lowercase, whole_word};

mod authors;
mod date;
mod outlet;

pub use authors::{authors, markup_authors};
pub use date::date;
pub(crate) use outlet::outlet_key;
pub use outlet::{brand_name, outlet};
use outlet::{is_copyright, outlet_hits};
#[cfg(test)]
use {authors::*, outlet::*};

/// Facts an HTML page states in its markup (JSON-LD, meta tags, `<time>`; see
/// [`crate::process::markup`]), reconciled with the text by the functions below.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    /// Headline from JSON-LD, OpenGraph or Twitter cards (else the `<title>`).
    pub title: Option<String>,
    /// The `<title>` element as written ("Headline | Site").
    pub html_title: Option<String>,
    pub site_name: Option<String>,
    /// JSON-LD `publisher.name`.
    pub publisher: Option<String>,
    /// The publication time as the markup writes it (ISO 8601).
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// Canonical address of the page.
    pub url: Option<String>,
    /// Whether the page's locale writes the day before the month ("04/12/2020" is 4 December):
    /// `Some(false)` for the United States, `Some(true)` for another region or language,
    /// `None` when the page does not say (`<html lang>`, `og:locale`).
    pub day_first: Option<bool>,
}

/// "Headline | Site" or "Headline - Site" → "Site".
pub fn title_suffix(title: &str) -> Option<&str> {
    [" | ", " - ", " – ", " — ", " :: ", " · "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| &title[i + sep.len()..]))
        .filter(|s| (1..=5).contains(&s.split_whitespace().count()))
        .min_by_key(|s| s.len())
}

/// The title without a " | Site" suffix.
pub fn strip_title_suffix(title: &str) -> &str {
    match title_suffix(title) {
        Some(s) => {
            title[..title.len() - s.len()].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':' | '·'))
        }
        None => title,
    }
}

fn outside_body(e: &Extracted, i: usize) -> bool {
    let (s, t) = e.body_range;
    i < s || i >= t || e.lines[i].class != Class::Good
}

/// The agency whose story this is: a copyright line or dateline credit (strong), "told
/// AGENCY" in the body and republication notices (weaker, and only together).
pub fn origin(e: &Extracted, k: &Knowledge, outlet: Option<&str>) -> Option<Attributed> {
    let mut scores = vec![0u32; k.outlets.len()];
    let mut evidence: Vec<Option<String>> = vec![None; k.outlets.len()];
    let mut note = |i: usize, w: u32, ev: &str| {
        scores[i] += w;
        evidence[i].get_or_insert_with(|| ev.to_owned());
    };
    let (s, t) = e.body_range;
    let mut syndicated = false;
    for (idx, l) in e.lines.iter().enumerate() {
        if l.class == Class::Caption || (idx >= s && idx < t) {
            continue;
        }
        let lower = &l.lower;
        let notice = l.syndication;
        syndicated |= notice;
        for (i, start) in outlet_hits(k, &l.text, &l.lower) {
            let kind = k.outlets[i].kind;
            if kind == OutletKind::Agency && is_copyright(lower) && !lower.starts_with("copyright") {
                // Up to 8 bytes before the name, from a character boundary.
                let from = (start.saturating_sub(8)..=start).find(|&b| l.text.is_char_boundary(b)).unwrap_or(start);
                note(i, 5, &l.text[from..]);
            } else if notice && kind != OutletKind::Distributor {
                note(i, 2, &l.text);
            }
        }
    }
    // Only a dateline (first paragraph) or "told AGENCY" counts from the body.
    for (pi, p) in e.body.iter().enumerate().filter(|(pi, p)| *pi == 0 || p.contains("told")) {
        let lower = lowercase(p);
        for (i, start) in outlet_hits(k, p, &lower) {
            if k.outlets[i].kind != OutletKind::Agency {
                continue;
            }
            let before = p[..start].trim_end();
            let dateline = pi == 0 && start < 80 && p[..start].ends_with('(');
            if dateline {
                let end = ((start + 20).min(p.len())..=p.len()).find(|&b| p.is_char_boundary(b)).unwrap_or(p.len());
                note(i, 5, &p[..end]);
            } else if before.ends_with(" told") || before == "told" {
                let from = p[..start].rfind("told").unwrap_or(start);
                let end = start + p[start..].find(|c: char| !c.is_alphanumeric()).unwrap_or(p.len() - start);
                note(i, 2, &p[from..end]);
            }
        }
    }
    if syndicated {
        // A notice of republication makes weaker credits count.
        for sc in scores.iter_mut().filter(|s| **s > 0) {
            *sc += 1;
        }
    }
    let best = (0..scores.len())
        .filter(|&i| scores[i] >= 4 && Some(k.outlets[i].name.as_str()) != outlet)
        .max_by_key(|&i| (scores[i], (k.outlets[i].kind == OutletKind::Agency), std::cmp::Reverse(i)))?;
    Some(Attributed {
        name: k.outlets[best].name.clone().into(),
        source: Source::Text,
        evidence: evidence[best].clone().unwrap_or_default().into(),
    })
}

/// The lines where a byline or dateline may be, best first: the few lines under the
/// title, a couple above it, and those just above the body.
pub fn header_lines(e: &Extracted, title_line: Option<usize>) -> Vec<usize> {
    let (s, _) = e.body_range;
    let n = e.lines.len();
    let mut out: Vec<usize> = Vec::new();
    let mut push = |i: usize| {
        if i < n && !out.contains(&i) && outside_body(e, i) && e.lines[i].class != Class::Caption {
            out.push(i);
        }
    };
    if let Some(t) = title_line {
        (t + 1..=t + 8).for_each(&mut push);
        (t.saturating_sub(2)..t).for_each(&mut push);
    }
    (s.saturating_sub(4)..s).for_each(&mut push);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::extract::{Block, extract};

    fn k() -> &'static Knowledge {
        Knowledge::builtin()
    }

    #[test]
    fn copyright_holders() {
        assert_eq!(copyright_holder("Copyright @ 2024. Firstpost - All Rights Reserved", k()).as_deref(), Some("Firstpost"));
        assert_eq!(copyright_holder("© 2021 Example Daily News. All rights reserved.", k()).as_deref(), Some("Example Daily News"));
        assert_eq!(copyright_holder("©2021 Example News Network, LLC", k()).as_deref(), Some("Example News"));
        assert_eq!(copyright_holder("© 2021 Hearst Communications, Inc.", k()), None, "an owner company is not the outlet");
        assert_eq!(copyright_holder("© 2021 ExampleTimes.com. All rights reserved", k()).as_deref(), Some("ExampleTimes"));
        assert_eq!(copyright_holder("© 2021 AL.com. All rights reserved", k()).as_deref(), Some("AL.com"), "two letters are no name");
        assert_eq!(copyright_holder("©2022 «AFP» все права защищены", k()).as_deref(), Some("AFP"));
    }

    #[test]
    fn an_agency_is_the_outlet_on_its_own_site_only() {
        let pick = |wire: u32, site: u32| {
            let mut c = Candidates::default();
            c.add("Bloomberg", wire, "©2015 Bloomberg L.P. All Rights Reserved", true);
            c.add("Example Gazette", site, "About Example Gazette", true);
            choose(&c, k()).map(|a| a.name.to_string())
        };
        assert_eq!(pick(17, 1).as_deref(), Some("Bloomberg"), "named all over its own page, a partner's logo once");
        assert_eq!(pick(5, 1).as_deref(), Some("Example Gazette"), "a site running the wire's story");
        assert_eq!(pick(17, 6).as_deref(), Some("Example Gazette"));
    }

    #[test]
    fn titles_lose_their_site_suffix() {
        assert_eq!(title_suffix("Bridge to be rebuilt | The Example Gazette"), Some("The Example Gazette"));
        assert_eq!(strip_title_suffix("Bridge to be rebuilt - Example Gazette"), "Bridge to be rebuilt");
        assert_eq!(strip_title_suffix("A headline with no site"), "A headline with no site");
        assert_eq!(host_label("https://www.examplegazette.co.uk/news/1").as_deref(), Some("examplegazette"));
    }

    #[test]
    fn names() {
        assert!(looks_like_name("Jane Roe", k()));
        assert!(looks_like_name("JANE ROE", k()));
        assert!(looks_like_name("Ludwig van Beethoven", k()));
        assert!(!looks_like_name("Wednesday", k()));
        assert!(!looks_like_name("in Indo-Pacific", k()));
        assert!(!looks_like_name("March", k()));
        assert!(!looks_like_name("Published", k()));
        assert!(!looks_like_name("EST", k()));
        assert!(!looks_like_name("Staff Reports", k()));
        assert!(!looks_like_name("PrintEmail Comments", k()), "link texts run together");
        assert!(looks_like_name("Ronald McDonald", k()));
        assert!(looks_like_name("Douglas MacArthur", k()));
        assert!(looks_like_name("Ella FitzGerald", k()));
    }

    #[test]
    fn markup_authors_are_people() {
        let meta = PageMeta {
            site_name: Some("Example Gazette".into()),
            authors: vec![
                "Jane Roe".into(),
                "Example Gazette".into(),
                "Staff Reports".into(),
                "Reuters".into(),
                "Example Verlag GmbH".into(),
                "jane.roe".into(),
                "freeman1984".into(),
                "JR".into(),
                "Andrea".into(),
            ],
            ..PageMeta::default()
        };
        assert_eq!(markup_authors(&meta, Some("Example Gazette"), k()), vec!["Jane Roe", "Reuters", "Andrea"]);
    }

    #[test]
    fn byline_shapes() {
        let names = |line: &str| byline_names(byline_names_part(after_label(line, k()).unwrap_or(line), k()), k());
        assert_eq!(names("By Jane Roe | Example Gazette"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe and John Doe"), vec!["Jane Roe", "John Doe"]);
        assert_eq!(names("By JANE ROE, JOHN DOE and ANN LEE"), vec!["JANE ROE", "JOHN DOE", "ANN LEE"]);
        assert_eq!(names("Jane Roe, Associated Press"), vec!["Jane Roe", "Associated Press"]);
        assert_eq!(names("By Jane Roe, CNN"), vec!["Jane Roe"]);
        assert_eq!(names("Jane Q. Roe Senior Contributor"), vec!["Jane Q. Roe"]);
        assert_eq!(names("Jane Roe, Chief Political Writer"), vec!["Jane Roe"]);
        assert_eq!(names("Jane Roe, Xy National Political Writer"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe@janeroe Mar 3, 2021, 7:53pm EST"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe jroe@example.com"), vec!["Jane Roe"]);
        assert_eq!(names("By Jane Roe on Friday, March 5th, 2021 at 11:04 a.m."), vec!["Jane Roe"]);
        assert_eq!(names("Jane Roe and John Q. Doe Example Valley Gazette"), vec!["Jane Roe", "John Q. Doe"]);
        assert!(names("By Staff Reports").is_empty());
        assert_eq!(names("ByJane Roe"), vec!["Jane Roe"], "the label run into a linked name");
        assert_eq!(names("Byron Smith"), vec!["Byron Smith"], "a name that starts with the label's letters");
        assert_eq!(names("By Sen. Rand Paul, R-Ky."), vec!["Sen. Rand Paul"]);
        assert_eq!(names("By Jane Roe, The Example Dealer"), vec!["Jane Roe"], "the paper she writes for");
        assert_eq!(names("By The Associated Press"), vec!["The Associated Press"]);
        // One word is no name; an agency is.
        assert_eq!(names("von Michael Rädel, Redaktion"), vec!["Michael Rädel"]);
        assert!(names("Von Hexen, Henkern und Vampiren in Bernau – Tipps zu Halloween").is_empty());
        assert!(names("Foto: Amazon, Nvidia, Microsoft").is_empty());
        assert_eq!(names("By Reuters"), vec!["Reuters"]);
    }

    const PARA: &str =
        "The council said on Tuesday that work on the old bridge over the river would start next spring, after years of delay.";
    const PARA2: &str =
        "Engineers told the council that the bridge can no longer carry buses, and that the repairs would take about two years.";
    const PARA3: &str =
        "Residents of both banks have asked the council for a new bridge since the old one was closed to lorries in the winter.";

    fn page(lines: &[&str]) -> Extracted {
        extract(lines.iter().map(|l| Block::plain(*l)).collect(), k())
    }

    #[test]
    fn byline_and_date_under_the_title() {
        let e = page(&[
            "Wednesday, March 10, 2021",
            "Home",
            "Council to rebuild the old bridge next spring",
            "Jane Roe",
            "Mar. 3, 2021 9:02 a.m. ET",
            PARA,
            PARA2,
            PARA3,
            "© 2021 Example Corp",
        ]);
        let title = e.title.as_ref().map(|t| t.0);
        assert_eq!(title, Some(2));
        let header = header_lines(&e, title);
        let authors: Vec<String> = authors(&e, &header, title, k()).into_iter().map(|a| a.0).collect();
        assert_eq!(authors, vec!["Jane Roe"]);
        let d = date(&e, &header, k(), &PageMeta::default()).unwrap();
        assert_eq!((d.value.as_str(), d.precision), ("2021-03-03T09:02", Precision::Minute));
    }

    #[test]
    fn one_word_after_a_date_is_no_byline() {
        let authors_of = |line: &str| {
            let e = page(&["Council to rebuild the old bridge next spring", line, PARA, PARA2, PARA3]);
            let header = header_lines(&e, Some(0));
            authors(&e, &header, Some(0), k()).into_iter().map(|a| a.0).collect::<Vec<_>>()
        };
        assert!(authors_of("Tuesday, September 24, 2013 at 2:30 PM Telephonic").is_empty());
        assert_eq!(authors_of("September 24, 2013 Jane Roe"), vec!["Jane Roe"]);
    }

    #[test]
    fn a_dateline_opening_the_first_paragraph_dates_the_page() {
        let date_of = |lead: &str| {
            let e = page(&["Council to rebuild the old bridge next spring", lead, PARA, PARA2, PARA3]);
            let header = header_lines(&e, Some(0));
            date(&e, &header, k(), &PageMeta::default()).map(|d| d.value.to_string())
        };
        let tail = "The council said on Tuesday that work on the old bridge would start next spring, after years of delay and debate.";
        assert_eq!(date_of(&format!("Karlsruhe, (12.11.2021). {tail}")).as_deref(), Some("2021-11-12"));
        assert_eq!(date_of(&format!("27.1.2022 - {tail}")).as_deref(), Some("2022-01-27"));
        assert_eq!(date_of(&format!("WASHINGTON, March 3, 2021 (Reuters) - {tail}")).as_deref(), Some("2021-03-03"));
        assert_eq!(date_of(&format!("On 3 March 1990, {tail}")), None, "a date the sentence tells of");
    }

    #[test]
    fn a_published_label_after_the_byline_dates_the_page() {
        // After the article, in another language, behind the byline on one line.
        for line in ["erstellt von Dominique — veröffentlicht 28.01.2022 06:00", "Datum: 28.01.2022 06:00"] {
            let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, line, "© 2021 Example Gazette"]);
            let header = header_lines(&e, Some(0));
            let d = date(&e, &header, k(), &PageMeta::default()).unwrap();
            assert_eq!(d.value.as_str(), "2022-01-28T06:00", "{line}");
        }
    }

    #[test]
    fn copyright_year_when_no_date_is_printed_and_markup_only_picks() {
        let e = page(&["Council to rebuild the old bridge next spring", "By Jane Roe", PARA, PARA2, PARA3, "© 2021 Example Gazette"]);
        let header = header_lines(&e, Some(0));
        let d = date(&e, &header, k(), &PageMeta::default()).unwrap();
        assert_eq!((d.value.as_str(), d.precision), ("2021", Precision::Year));
        let e = page(&[
            "Today's paper: March 10, 2021",
            "Council to rebuild the old bridge next spring",
            "By Jane Roe",
            PARA,
            PARA2,
            PARA3,
            "Posted March 3, 2021 9:02 PM",
        ]);
        let header = header_lines(&e, Some(1));
        let meta = PageMeta { published: Some("2021-03-04T02:02:00Z".into()), ..PageMeta::default() };
        let d = date(&e, &header, k(), &meta).unwrap();
        assert_eq!(d.value, "2021-03-03T21:02", "the printed time of the markup's day, not converted");
    }

    #[test]
    fn a_date_a_sentence_tells_of_is_no_dateline() {
        let told = "The Social Security Act was signed into law on August 14, 1935";
        let e = page(&["Council to rebuild the old bridge next spring", "By Jane Roe", told, PARA, PARA2, PARA3, "© 2021 Example Gazette"]);
        let header = header_lines(&e, Some(0));
        assert_eq!(date(&e, &header, k(), &PageMeta::default()).unwrap().value, "2021");
        // A standfirst and its dateline in one block: the date is not in the standfirst's sentence.
        let e = page(&[
            "Council to rebuild the old bridge next spring",
            "The bridge has been closed for years. What will the new one cost? Monday, 6 January 2020",
            PARA,
            PARA2,
            PARA3,
        ]);
        let header = header_lines(&e, Some(0));
        assert_eq!(date(&e, &header, k(), &PageMeta::default()).unwrap().value, "2020-01-06");
    }

    #[test]
    fn a_date_either_number_of_which_may_be_the_month() {
        let e = page(&["Council to rebuild the old bridge next spring", "12/04/2020", PARA, PARA2, PARA3]);
        let header = header_lines(&e, Some(0));
        let day = |meta: PageMeta| date(&e, &header, k(), &meta).unwrap().value.to_string();
        assert_eq!(day(PageMeta::default()), "2020-12-04", "month first when nothing says otherwise");
        assert_eq!(day(PageMeta { published: Some("2020-04-12T08:00:00Z".into()), ..PageMeta::default() }), "2020-04-12");
        assert_eq!(
            day(PageMeta { published: Some("2020-12-04T08:00:00Z".into()), day_first: Some(true), ..PageMeta::default() }),
            "2020-12-04"
        );
        assert_eq!(day(PageMeta { day_first: Some(true), ..PageMeta::default() }), "2020-04-12");
        assert_eq!(day(PageMeta { day_first: Some(false), ..PageMeta::default() }), "2020-12-04");
    }

    #[test]
    fn initials_in_a_site_name_are_no_sentence_end() {
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Follow U.S. News"]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "U.S. News");
    }

    #[test]
    fn outlet_is_the_site_not_its_owner() {
        let e = page(&[
            "Example Gazette",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "About Example Gazette",
            "Example Gazette Staff",
            "© 2021 Hearst Communications, Inc.",
        ]);
        let o = outlet(&e, k(), &PageMeta::default()).unwrap();
        assert_eq!(o.name, "Example Gazette");
        let meta = PageMeta { site_name: Some("Example Gazette Online".into()), ..PageMeta::default() };
        assert_eq!(outlet(&e, k(), &meta).unwrap().name, "Example Gazette");
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Jane Roe is a reporter for Valley Tribune."]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Valley Tribune");
    }

    #[test]
    fn markup_picks_among_printed_forms() {
        let e = page(&[
            "Lakeside Account",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Why you can trust Lakeside Radio",
            "About Lakeside",
            "About Lakeside",
            "© 2021 Lakeside",
        ]);
        let meta = PageMeta { site_name: Some("Lakeside Radio".into()), ..PageMeta::default() };
        assert_eq!(outlet(&e, k(), &meta).unwrap().name, "Lakeside Radio", "the markup names one of the two printed forms");
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Lakeside");
        // The markup's name begins a printed one: the rest is an edition.
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Keep up to date with FactHound North Region"]);
        let meta = PageMeta { site_name: Some("@facthound".into()), ..PageMeta::default() };
        assert_eq!(outlet(&e, k(), &meta).unwrap().name, "FactHound");
    }

    #[test]
    fn markup_name_printed_in_the_masthead() {
        let e = page(&["Harbor Ledger", "Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "© 2020 Tidewater Weather"]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Tidewater Weather");
        let meta = PageMeta { site_name: Some("Harbor Ledger".into()), ..PageMeta::default() };
        let o = outlet(&e, k(), &meta).unwrap();
        assert_eq!((o.name.as_str(), o.source), ("Harbor Ledger", Source::Text));
    }

    #[test]
    fn a_news_service_and_its_parent_brand() {
        let e = page(&[
            "Corvid Account",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Why you can trust Corvid News",
            "Contact Corvid News",
            "About the Corvid",
            "Copyright © 2021 Corvid.",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Corvid News");
    }

    #[test]
    fn part_credits_initials_and_addresses() {
        // A data credit is not the site.
        let e = page(&[
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Follow Owl Valley Times online:",
            "Weather data © SKYCO 2020",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Owl Valley Times");
        // A copyright holder's initials stand for the name printed on its own.
        let e = page(&[
            "Harbor City Ledger",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "Harbor City Ledger",
            "© 2020 HCL Holdings, Inc.",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Harbor City Ledger");
        // Only a mail address names the site.
        let e =
            page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "Tips? Write to tips@Newsly24.com or call us."]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "Newsly24");
        assert_eq!(
            domain_labels("mail jo@the-ledger.co.uk, see https://www.x.com/a"),
            [("theledger".to_owned(), "the-ledger".to_owned()), ("x".to_owned(), "x".to_owned())]
        );
    }

    #[test]
    fn known_aliases_read_as_the_name_unless_they_extend_it() {
        let e = page(&["Council to rebuild the old bridge next spring", PARA, PARA2, PARA3, "© 2021 AMN. All rights reserved."]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "American Military News");
        // A known short form is not spelled out from a line that happens to have its initials.
        let e = page(&[
            "Apple Music Now",
            "Council to rebuild the old bridge next spring",
            PARA,
            PARA2,
            PARA3,
            "© 2021 AMN. All rights reserved.",
        ]);
        assert_eq!(outlet(&e, k(), &PageMeta::default()).unwrap().name, "American Military News");
    }

    #[test]
    fn no_panic_on_multibyte_lines() {
        let e =
            page(&["©2022 «AFP» все права", "Заголовок статьи", PARA, PARA2, PARA3, "2022-09-14—Москва", "©2022 «AFP» все права защищены"]);
        let header = header_lines(&e, Some(1));
        let _ = outlet(&e, k(), &PageMeta::default());
        let _ = origin(&e, k(), None);
        let _ = authors(&e, &header, Some(1), k());
        let _ = date(&e, &header, k(), &PageMeta::default());
    }

    proptest::proptest! {
        #[test]
        fn metadata_never_panics(lines in proptest::collection::vec("\\PC{0,40}", 1..8)) {
            let mut all: Vec<&str> = lines.iter().map(String::as_str).collect();
            all.extend([PARA, PARA2, PARA3]);
            all.extend(lines.iter().map(String::as_str));
            let e = page(&all);
            let header = header_lines(&e, Some(0));
            let _ = outlet(&e, k(), &PageMeta::default());
            let _ = origin(&e, k(), None);
            let _ = authors(&e, &header, Some(0), k());
            let _ = date(&e, &header, k(), &PageMeta::default());
            for l in &lines {
                let _ = domain_labels(&format!("{l}.com {l}@{l}.co.uk/{l} é.org"));
                let _ = strip_tld(&format!("{l}.cOm"));
                let _ = copyright_holder(l, k());
                let _ = byline_names(byline_names_part(l, k()), k());
            }
        }
    }
}
