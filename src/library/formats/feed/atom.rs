//! Atom 1.0 and 0.3 (and an Atom feed that forgot its namespace): entries,
//! their text constructs (text, html, xhtml; 0.3's escaped and xml modes),
//! links by relation, authors inherited from the feed or the entry's source.

use url::Url;

use super::xml::{Element, Ns, line_at};
use super::{FeedInfo, Item, resolve, with_base};
use crate::library::article::ParsedArticle;
use crate::library::formats::ParseError;

/// Atom's elements, in whichever namespace this feed put them.
fn is_atom(element: &Element) -> bool {
    matches!(element.ns, Ns::Atom | Ns::Atom03 | Ns::Core)
}

fn all<'a>(element: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
    element.elements().filter(move |e| is_atom(e) && e.name.eq_ignore_ascii_case(name))
}

fn first<'a>(element: &'a Element, name: &'a str) -> Option<&'a Element> {
    all(element, name).next()
}

pub fn items(root: &Element, address: Option<&Url>, text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    let base = with_base(address, root.xml_attr("base"));
    let site = link(root, base.as_ref()).and_then(|l| Url::parse(&l).ok());
    let feed = FeedInfo {
        title: first(root, "title")
            .map(text_construct)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        authors: author_names(root),
        base: base.or(site),
        language: root.xml_attr("lang").map(str::to_owned),
    };
    all(root, "entry")
        .filter(|entry| entry.complete)
        .map(|entry| Ok(item(entry, &feed, text).into_article(&feed)))
        .collect()
}

fn author_names(element: &Element) -> Vec<String> {
    let names: Vec<String> =
        all(element, "author").filter_map(|a| first(a, "name").and_then(Element::non_empty_text)).collect();
    crate::library::byline::names_from_all(names.iter().map(String::as_str))
}

/// The address of the page an entry (or the feed) stands for.
fn link(element: &Element, base: Option<&Url>) -> Option<String> {
    let links: Vec<&Element> = all(element, "link").filter(|l| l.attr("href").is_some()).collect();
    let rel = |l: &&Element| l.attr("rel").map(str::to_ascii_lowercase);
    let chosen = links
        .iter()
        .find(|l| {
            rel(l).is_none_or(|r| r == "alternate") && l.attr("type").is_none_or(|t| t.contains("html"))
        })
        .or_else(|| links.iter().find(|l| rel(l).is_none_or(|r| r == "alternate")))
        .or_else(|| {
            links
                .iter()
                .find(|l| !matches!(rel(l).as_deref(), Some("self" | "edit" | "replies" | "enclosure")))
        })
        .or_else(|| links.first())?;
    let link_base = with_base(base, chosen.xml_attr("base"));
    chosen.attr("href").map(|href| resolve(link_base.as_ref(), href))
}

/// A text construct as HTML source (or plain text).
fn text_construct(element: &Element) -> String {
    let kind = element.attr("type").unwrap_or("text").to_ascii_lowercase();
    let mode = element.attr("mode").unwrap_or("").to_ascii_lowercase();
    if kind == "xhtml" || mode == "xml" || element.elements().next().is_some() {
        element.html()
    } else {
        element.text()
    }
}

fn item(entry: &Element, feed: &FeedInfo, text: &str) -> Item {
    let base = with_base(feed.base.as_ref(), entry.xml_attr("base"));
    let mut authors: Vec<String> =
        all(entry, "author").filter_map(|a| first(a, "name").and_then(Element::non_empty_text)).collect();
    if authors.is_empty()
        && let Some(source) = first(entry, "source")
    {
        authors = author_names(source);
    }
    let dates = ["published", "issued", "created", "updated", "modified"]
        .iter()
        .filter_map(|name| first(entry, name).and_then(Element::non_empty_text))
        .collect();
    let tags = all(entry, "category")
        .filter_map(|c| {
            c.attr("term").or_else(|| c.attr("label")).map(str::to_owned).or_else(|| c.non_empty_text())
        })
        .collect();
    let body = first(entry, "content")
        .filter(|c| c.attr("src").is_none())
        .map(text_construct)
        .filter(|b| !b.trim().is_empty())
        .or_else(|| first(entry, "summary").map(text_construct).filter(|b| !b.trim().is_empty()));
    Item {
        guid: first(entry, "id").and_then(Element::non_empty_text),
        title: first(entry, "title").map(text_construct).filter(|t| !t.trim().is_empty()),
        authors,
        dates,
        link: link(entry, base.as_ref()),
        tags,
        source: first(entry, "source").and_then(|s| first(s, "title")).and_then(Element::non_empty_text),
        body,
        line: line_at(text, entry.offset),
        offset: entry.offset,
    }
}
