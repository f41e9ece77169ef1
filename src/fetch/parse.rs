//! Fetched bytes to articles, with the library's own readers: a feed (RSS,
//! Atom, JSON Feed, told apart by content) or, for full text, a page. A
//! web page where a feed was expected is an error that names the feeds the
//! page links to, if any.

use dom_query::Document;
use url::Url;

use crate::library::article::ParsedArticle;
use crate::library::charset::{Markup, decode_markup};
use crate::library::formats::feed;

/// The charset a `Content-Type` header declares.
pub fn charset_of(content_type: Option<&str>) -> Option<&str> {
    content_type?.split(';').find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"'))
    })
}

/// The items of a fetched feed, with the feed's title; a feed whose
/// every item failed is an error, as is a page that is not a feed.
pub fn feed_items(
    bytes: &[u8],
    content_type: Option<&str>,
    url: &str,
) -> Result<(Option<String>, Vec<ParsedArticle>), String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    let results = if start.is_some_and(|i| bytes[i] == b'{') {
        let text = String::from_utf8_lossy(bytes);
        feed::parse_json_feed(&text)
    } else {
        let text = decode_markup(bytes, Markup::Xml, charset_of(content_type))?.text;
        if looks_like_html(&text) {
            let found = feed_links(&text, url);
            return Err(match found.first() {
                Some(link) => format!("an HTML page, not a feed (it links to the feed {link})"),
                None => "an HTML page, not a feed".to_owned(),
            });
        }
        feed::parse_xml(&text, Some(url))
    };
    let mut items = Vec::new();
    let mut first_error = None;
    for result in results {
        match result {
            Ok(item) => items.push(item),
            Err(error) if error.warning => {}
            Err(error) => {
                first_error.get_or_insert_with(|| match error.line {
                    Some(line) => format!("line {line}: {}", error.message),
                    None => error.message,
                });
            }
        }
    }
    match (items.is_empty(), first_error) {
        (true, Some(error)) => Err(error),
        _ => {
            let title = items.iter().find_map(|i| i.source.clone());
            Ok((title, items))
        }
    }
}

/// Whether decoded text is an HTML page rather than XML.
fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<html") && !head.contains("<rss") && !head.contains("<feed")
}

/// The feeds a page links to with `<link rel="alternate">`, as absolute
/// addresses, RSS and Atom first.
pub fn feed_links(html: &str, page: &str) -> Vec<String> {
    let document = Document::from(html);
    let base = Url::parse(page).ok();
    let mut links: Vec<(u8, String)> = Vec::new();
    for link in document.select("link").nodes() {
        let rel = link.attr("rel").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
        if !rel.split_whitespace().any(|r| r == "alternate") {
            continue;
        }
        let kind = link.attr("type").map(|t| t.to_ascii_lowercase()).unwrap_or_default();
        let rank = match kind.trim() {
            "application/rss+xml" | "application/atom+xml" => 0,
            "application/feed+json" | "application/json" => 1,
            "application/rdf+xml" | "text/xml" | "application/xml" => 2,
            _ => continue,
        };
        let Some(href) = link.attr("href").map(|h| h.trim().to_owned()).filter(|h| !h.is_empty()) else {
            continue;
        };
        let absolute = match &base {
            Some(base) => base.join(&href).map(|u| u.to_string()).unwrap_or(href),
            None => href,
        };
        if !links.iter().any(|(_, l)| *l == absolute) {
            links.push((rank, absolute));
        }
    }
    links.sort_by_key(|(rank, _)| *rank);
    links.into_iter().map(|(_, l)| l).collect()
}

/// A fetched page's article for a feed item: the page's text, the page's
/// metadata where it has some and the item's elsewhere.
pub fn with_page(
    item: &ParsedArticle,
    bytes: &[u8],
    content_type: Option<&str>,
) -> Result<ParsedArticle, String> {
    let text = decode_markup(bytes, Markup::Html, charset_of(content_type))?.text;
    let page = crate::library::formats::page::parse(&text).map_err(|e| e.message)?;
    if page.body.is_empty() {
        return Err("no article text found in the page".to_owned());
    }
    let mut article = item.clone();
    article.body = page.body;
    if !page.bylines.is_empty() {
        article.bylines = page.bylines;
    }
    if article.date.is_none() {
        article.date = page.date;
    }
    if article.language.is_none() {
        article.language = page.language;
    }
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_from_content_type() {
        assert_eq!(charset_of(Some("application/rss+xml; charset=\"ISO-8859-1\"")), Some("ISO-8859-1"));
        assert_eq!(charset_of(Some("text/xml")), None);
        assert_eq!(charset_of(None), None);
    }

    #[test]
    fn a_page_is_not_a_feed_but_names_its_feeds() {
        let page = r#"<!DOCTYPE html><html><head><title>Paper</title>
            <link rel="stylesheet" href="/s.css">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml">
            <link rel="Alternate" type="application/feed+json" href="https://cdn.example/feed.json">
            </head><body><p>Hello</p></body></html>"#;
        let error =
            feed_items(page.as_bytes(), Some("text/html"), "https://paper.example/news/").unwrap_err();
        assert!(error.contains("https://paper.example/atom.xml"), "{error}");
        assert_eq!(
            feed_links(page, "https://paper.example/news/"),
            ["https://paper.example/atom.xml", "https://cdn.example/feed.json"]
        );
    }

    #[test]
    fn feeds_of_every_kind_and_broken_ones() {
        let rss = "<rss version=\"2.0\"><channel><title>Harbour</title><item><title>One</title>\
                   <guid>g1</guid><description>Text.</description></item></channel></rss>";
        let (title, items) =
            feed_items(rss.as_bytes(), Some("application/rss+xml"), "https://h.example/rss").unwrap();
        assert_eq!(
            (title.as_deref(), items.len(), items[0].guid.as_deref()),
            (Some("Harbour"), 1, Some("g1"))
        );
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "7", "content_text": "Hi there."}]}"#;
        let (_, items) = feed_items(json.as_bytes(), None, "https://j.example/feed.json").unwrap();
        assert_eq!(items[0].guid.as_deref(), Some("7"));
        assert!(feed_items(b"<rss><channel><item><title>x</ti", None, "https://x.example/").is_err());
        assert!(
            feed_items(b"<html><body>nope</body></html>", None, "https://x.example/")
                .unwrap_err()
                .contains("HTML page")
        );
    }
}
