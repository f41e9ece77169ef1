//! Page mechanics; real-world shapes are fixtures in `tests/fixtures/pages`.

use super::*;

#[test]
fn dates_in_addresses() {
    let day = |p: &str| date_in_path(p).map(|d| d.to_string());
    assert_eq!(day("/news/2024/03/05/ferry-returns").as_deref(), Some("2024-03-05"));
    assert_eq!(day("/2024-03-05/ferry").as_deref(), Some("2024-03-05"));
    assert_eq!(day("/a/20240305-ferry").as_deref(), Some("2024-03-05"));
    assert_eq!(day("/a/12345678901/ferry"), None);
    assert_eq!(day("/ferry"), None);
}

#[test]
fn a_page_without_an_article_is_an_error() {
    assert!(parse("<html><head><title>x</title></head><body></body></html>").is_err());
}

#[test]
fn a_site_named_as_its_own_author_gives_way_to_the_byline() {
    let page = |head: &str, byline: &str| {
        let paragraphs = "<p>The harbour board voted on Tuesday to rebuild the seawall before the winter storms arrive in the bay, after a long debate.</p>".repeat(6);
        format!(
            "<html><head><title>Seawall vote</title><meta property=\"og:site_name\" content=\"The Harbour Ledger\">{head}</head>\
             <body><article><h1>Seawall vote</h1>{byline}{paragraphs}</article></body></html>"
        )
    };
    let authors = |html: &str| parse(html).unwrap().bylines.into_iter().map(|b| b.name).collect::<Vec<_>>();
    let site_as_author = r#"<meta name="author" content="The Harbour Ledger">"#;
    let shown = r#"<p class="byline">By <a rel="author" href="/people/ana">Ana Ruiz</a></p>"#;
    assert_eq!(authors(&page(site_as_author, shown)), ["Ana Ruiz"]);
    // With no byline on the page, the site stays the author.
    assert_eq!(authors(&page(site_as_author, "")), ["The Harbour Ledger"]);
    // A declared person is kept over the byline's.
    let person = r#"<meta name="author" content="Ivo Brandt">"#;
    assert_eq!(authors(&page(person, shown)), ["Ivo Brandt"]);
    // The site after a person in the byline is where she writes; alone,
    // it is the author.
    let with_site = r#"<p class="byline">By Ana Ruiz, The Harbour Ledger</p>"#;
    assert_eq!(authors(&page("", with_site)), ["Ana Ruiz"]);
    let site_alone = r#"<p class="byline">By The Harbour Ledger</p>"#;
    assert_eq!(authors(&page("", site_alone)), ["The Harbour Ledger"]);
}

#[test]
fn the_slash_order_comes_from_the_language_then_the_address_then_the_locale() {
    use dates::SlashDates::{DayFirst, MonthFirst};
    let order = |language: Option<&str>, locale: Option<&str>, address: Option<&str>| {
        let meta = Metadata {
            language: language.map(str::to_owned),
            locales: locale.into_iter().map(str::to_owned).collect(),
            ..Metadata::default()
        };
        slash_order(&meta, address.and_then(|a| Url::parse(a).ok()).as_ref())
    };
    assert_eq!(order(Some("en-GB"), Some("en_US"), Some("https://example.com/a")), DayFirst);
    assert_eq!(order(Some("de"), None, Some("https://example.com/a")), DayFirst);
    assert_eq!(order(Some("en"), Some("en_US"), Some("https://news.example.co.uk/a")), DayFirst);
    assert_eq!(order(None, None, Some("https://example.com.au/a")), DayFirst);
    assert_eq!(order(Some("en"), Some("en_GB"), Some("https://example.com/a")), DayFirst);
    assert_eq!(order(Some("en"), Some("en_GB"), Some("https://example.io/a")), DayFirst, "a vanity domain");
    assert_eq!(order(Some("en"), None, Some("https://example.io/a")), MonthFirst);
    assert_eq!(order(None, None, Some("https://example.us/a")), MonthFirst);
    assert_eq!(order(None, None, None), MonthFirst);
}
