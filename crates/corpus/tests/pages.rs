//! Whole pages written for these tests (no seed site), through the public pipeline.

use dossier_corpus::Source;
use dossier_corpus::process::{Input, process_one};

fn page(file: &str, text: &str) -> dossier_corpus::Article {
    process_one(&Input::new(file.into(), text.as_bytes().to_vec())).expect("an article")
}

#[test]
fn html_page_gives_the_article() {
    let a = page("wire.html", include_str!("pages/wire.html"));
    assert_eq!(a.title, "Grain corridor talks resume in Istanbul");
    assert_eq!(a.authors, vec!["Leyla Demir"]);
    let date = a.date.expect("a date");
    assert_eq!((date.value.as_str(), date.source), ("2023-07-10", Source::Text));
    assert_eq!(a.outlet.expect("an outlet").name, "Daily Meridian");
    assert_eq!(a.origin.expect("an origin").name, "Reuters");
    assert_eq!(a.captions, vec!["Cargo ships wait to be inspected near the port. (Photo: Reuters)"]);
    assert_eq!(a.body.len(), 6, "{:#?}", a.body);
    assert!(a.body[0].starts_with("ISTANBUL (Reuters) - Negotiators"));
    assert_eq!(a.body[3], "Insurance and inspections");
    assert!(a.body[5].starts_with("The talks are expected to continue"));
    let all = a.body.join("\n");
    for furniture in ["Advertisement", "Wheat prices", "Share on", "brings you the news", "©", "window.dataLayer"] {
        assert!(!all.contains(furniture), "{furniture:?} leaked into the body");
    }
}

#[test]
fn the_same_page_as_a_text_dump_gives_the_same_body() {
    let html = include_str!("pages/wire.html");
    let from_html = page("wire.html", html);
    // Render the HTML to text the way a copy from the browser would: one block per line.
    let (blocks, _) = dossier_corpus::process::html::blocks_from_html(html);
    let dump: String = blocks.iter().map(|b| format!("{}\n", b.text)).collect();
    let from_text = page("wire.txt", &dump);
    assert_eq!(from_text.body, from_html.body);
    assert_eq!(from_text.title, from_html.title);
}

#[test]
fn extraction_does_not_depend_on_the_phrase_file() {
    use dossier_corpus::process::{build_article, extract, knowledge::Knowledge, meta::PageMeta};
    let stopwords = include_str!("../data/stopwords-en.txt");
    let outlets = include_str!("../data/outlets.toml");
    let bare = Knowledge::parse(stopwords, "", outlets).expect("an empty phrase file is valid");
    let text = include_str!("pages/harbour.txt");
    let without = build_article("harbour.txt", extract::blocks_from_text(text), &PageMeta::default(), &bare).expect("an article");
    let with = page("harbour.txt", text);
    assert_eq!(without.body, with.body);
    assert_eq!(without.title, with.title);
    let html = include_str!("pages/wire.html");
    let (blocks, meta) = dossier_corpus::process::html::blocks_from_html(html);
    let without = build_article("wire.html", blocks, &meta, &bare).expect("an article");
    assert_eq!(without.body, page("wire.html", html).body);
}

#[test]
fn people_in_no_data_file_are_found_merged_and_quoted() {
    use dossier_corpus::ActorType;
    let a = page("council.txt", include_str!("pages/council.txt"));
    let actor = |name: &str| a.actors.iter().find(|x| x.name == name).unwrap_or_else(|| panic!("{name} not found in {:#?}", a.actors));
    let solberg = actor("Henrik Solberg");
    assert_eq!(solberg.kind, ActorType::Person);
    assert_eq!(solberg.mentions, 2, "the full name and the surname are one actor: {solberg:?}");
    assert_eq!(actor("Aisha Okonkwo").mentions, 2);
    assert_eq!(actor("Lakeside Chamber of Commerce").kind, ActorType::Organization);
    assert_eq!(actor("Northern Institute of Technology").kind, ActorType::Organization);
    // Two people named Brandt stay apart; the bare surname is ambiguous and left alone.
    assert_eq!(actor("Tomas Brandt").mentions, 1);
    assert_eq!(actor("Eva Brandt").mentions, 1);
    assert!(solberg.role.as_deref().is_some_and(|r| r.contains("chairman")), "{:?}", solberg.role);
    let quote =
        |start: &str| a.quotes.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("no quote {start:?}: {:#?}", a.quotes));
    assert_eq!(quote("This terminal would").speaker_name.as_deref(), Some("Henrik Solberg"));
    assert_eq!(quote("We cannot ask residents").speaker_name.as_deref(), Some("Aisha Okonkwo"));
    assert_eq!(quote("We are not giving up").speaker_name.as_deref(), Some("Henrik Solberg"));
    // Mentions point at the text they name.
    let span = solberg.spans[0];
    assert_eq!(&a.body[span.paragraph as usize][span.start as usize..span.end as usize], "Henrik Solberg");
}
