//! The feed mechanics: versions told apart, inheritance, links. The many
//! real-world shapes are fixtures in `tests/fixtures/feeds`.

use super::*;

fn items(text: &str) -> Vec<ParsedArticle> {
    parse_xml(text, None).into_iter().map(|r| r.unwrap()).collect()
}

#[test]
fn rss_without_a_version_or_with_a_default_namespace() {
    for root in ["<rss>", "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\">"] {
        let text = format!(
            "{root}<channel><title>F</title><item><title>A</title><link>https://f.example/a</link></item></channel></rss>"
        );
        let got = items(&text);
        assert_eq!(got.len(), 1, "{root}");
        assert_eq!(got[0].url.as_deref(), Some("https://f.example/a"));
    }
}

#[test]
fn the_feeds_author_stands_in() {
    let text = "<rss><channel><title>F</title><managingEditor>ed@f.example (Eda Lind)</managingEditor>\
                <item><title>A</title></item><item><title>B</title><author>bo@f.example (Bo Li)</author></item></channel></rss>";
    let got = items(text);
    assert_eq!(got[0].bylines[0].name, "Eda Lind");
    assert_eq!(got[1].bylines[0].name, "Bo Li");
    assert_eq!(got[0].source.as_deref(), Some("F"));
}

#[test]
fn not_a_feed_is_one_clear_error() {
    let results = parse_xml("<?xml version=\"1.0\"?><svg><g/></svg>", None);
    assert_eq!(results.len(), 1);
    let error = results[0].as_ref().unwrap_err();
    assert!(error.message.contains("not a feed") && error.message.contains("<svg>"), "{}", error.message);
    assert!(!error.warning);
}

#[test]
fn an_empty_feed_is_a_warning() {
    let results = parse_xml("<rss><channel><title>F</title></channel></rss>", None);
    assert!(results[0].as_ref().unwrap_err().warning);
}

#[test]
fn the_fetch_address_resolves_what_nothing_else_does() {
    let text = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>A</title><link href=\"/a\"/></entry></feed>";
    let got: Vec<_> =
        parse_xml(text, Some("https://f.example/feed.xml")).into_iter().map(Result::unwrap).collect();
    assert_eq!(got[0].url.as_deref(), Some("https://f.example/a"));
}

#[test]
fn untitled_items_take_their_first_words() {
    let body = vec![Block::paragraph("Ferries run again from Monday after the storm. More follows.")];
    assert_eq!(first_words(&body).as_deref(), Some("Ferries run again from Monday after the storm"));
    let long = vec![Block::paragraph(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    )];
    assert_eq!(
        first_words(&long).as_deref(),
        Some("one two three four five six seven eight nine ten eleven twelve…")
    );
    let japanese = vec![Block::paragraph("渡船が運航を再開。詳しくは後で。")];
    assert_eq!(first_words(&japanese).as_deref(), Some("渡船が運航を再開"));
    let unbroken = vec![Block::paragraph("港".repeat(100))];
    assert_eq!(first_words(&unbroken), Some(format!("{}…", "港".repeat(24))));
}

#[test]
fn an_outlets_name_after_the_title_goes_only_after_a_separator() {
    let source = Some("The Gazette");
    assert_eq!(without_source("Pier shut - The Gazette".into(), source), "Pier shut");
    assert_eq!(without_source("Pier shut — The Gazette".into(), source), "Pier shut");
    assert_eq!(without_source("Pier shut | The Gazette".into(), source), "Pier shut");
    // No separator, or nothing before it: the title as written.
    assert_eq!(
        without_source("Why we still read The Gazette".into(), source),
        "Why we still read The Gazette"
    );
    assert_eq!(without_source("The Gazette".into(), source), "The Gazette");
    assert_eq!(without_source(" - The Gazette".into(), source), " - The Gazette");
    assert_eq!(without_source("Pier shut - The Gazette".into(), None), "Pier shut - The Gazette");
}

#[test]
fn slashed_dates_follow_the_feeds_language() {
    let feed = |language: &str| {
        format!(
            "<rss><channel><title>F</title><language>{language}</language>\
             <item><title>A</title><pubDate>05/03/2024 10:30</pubDate></item></channel></rss>"
        )
    };
    assert_eq!(items(&feed("pt-BR"))[0].date.unwrap().to_string(), "2024-03-05T10:30:00+00:00");
    assert_eq!(items(&feed("en-us"))[0].date.unwrap().to_string(), "2024-05-03T10:30:00+00:00");
}
