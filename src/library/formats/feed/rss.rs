//! RSS in all its versions: 0.90 and 1.0 (RDF, items beside the channel),
//! 0.91, 0.92 and 2.0 (items in the channel), with or without a version
//! attribute or a default namespace, plus the Dublin Core, content,
//! iTunes, Media RSS and Atom elements feeds mix in.

use url::Url;

use super::xml::{Element, Ns, line_at};
use super::{FeedInfo, Item, resolve, with_base};
use crate::library::article::ParsedArticle;
use crate::library::formats::ParseError;

pub fn items(root: &Element, address: Option<&Url>, text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    let channel =
        if root.name.eq_ignore_ascii_case("channel") { Some(root) } else { root.first(&Ns::Core, "channel") };
    let mut base = with_base(address, root.xml_attr("base"));
    if let Some(channel) = channel {
        base = with_base(base.as_ref(), channel.xml_attr("base"));
    }
    let feed = match channel {
        Some(channel) => info(channel, base),
        None => FeedInfo { base, ..FeedInfo::default() },
    };
    // RSS 2.0 keeps items in the channel; RDF (0.90, 1.0) beside it.
    let mut elements: Vec<&Element> = channel.map(|c| c.all(&Ns::Core, "item").collect()).unwrap_or_default();
    elements.extend(root.all(&Ns::Core, "item"));
    // An item the file broke off in the middle of is not an article.
    elements.retain(|e| e.complete);
    elements.sort_by_key(|e| e.offset);
    elements.into_iter().map(|element| Ok(item(element, &feed, text).into_article(&feed))).collect()
}

fn info(channel: &Element, base: Option<Url>) -> FeedInfo {
    let title = channel.first(&Ns::Core, "title").and_then(Element::non_empty_text);
    let mut authors = Vec::new();
    for (ns, name) in
        [(Ns::Core, "managingEditor"), (Ns::Dc, "creator"), (Ns::Itunes, "author"), (Ns::Core, "author")]
    {
        authors.extend(channel.all(&ns, name).filter_map(Element::non_empty_text));
    }
    for author in channel.all(&Ns::Atom, "author") {
        authors.extend(author.first(&Ns::Atom, "name").and_then(Element::non_empty_text));
    }
    let authors = crate::library::byline::names_from_all(authors.iter().map(String::as_str));
    // Links given relative to nothing are read against the site's address.
    let site = channel
        .first(&Ns::Core, "link")
        .and_then(Element::non_empty_text)
        .or_else(|| atom_link(channel))
        .map(|link| resolve(base.as_ref(), &link))
        .and_then(|link| Url::parse(&link).ok());
    let language = channel.first(&Ns::Core, "language").and_then(Element::non_empty_text);
    FeedInfo { title, authors, base: base.or(site), language }
}

/// An `atom:link` with `rel="alternate"` (or none) inside RSS.
fn atom_link(element: &Element) -> Option<String> {
    element
        .all(&Ns::Atom, "link")
        .find(|l| l.attr("rel").is_none_or(|r| r.eq_ignore_ascii_case("alternate")))
        .and_then(|l| l.attr("href").map(str::to_owned))
}

fn item(element: &Element, feed: &FeedInfo, text: &str) -> Item {
    let texts = |pairs: &[(Ns, &str)]| -> Vec<String> {
        pairs
            .iter()
            .flat_map(|(ns, name)| element.all(ns, name).filter_map(Element::non_empty_text))
            .collect()
    };
    let title = texts(&[(Ns::Core, "title"), (Ns::Dc, "title"), (Ns::Media, "title"), (Ns::Itunes, "title")])
        .into_iter()
        .next();
    let base = with_base(feed.base.as_ref(), element.xml_attr("base"));
    let link = element
        .first(&Ns::Core, "link")
        .and_then(|l| {
            let link_base = with_base(base.as_ref(), l.xml_attr("base"));
            l.non_empty_text().map(|t| resolve(link_base.as_ref(), &t))
        })
        .or_else(|| atom_link(element).map(|l| resolve(base.as_ref(), &l)))
        .or_else(|| permalink(element));
    // As HTML: a `<br/>` between a name and a job parts them.
    let mut authors: Vec<String> = [(Ns::Core, "author"), (Ns::Dc, "creator"), (Ns::Itunes, "author")]
        .iter()
        .flat_map(|(ns, name)| element.all(ns, name).map(Element::html))
        .filter(|a| !a.trim().is_empty())
        .collect();
    for author in element.all(&Ns::Atom, "author") {
        authors.extend(author.first(&Ns::Atom, "name").and_then(Element::non_empty_text));
    }
    let dates = texts(&[
        (Ns::Core, "pubDate"),
        (Ns::Dc, "date"),
        (Ns::DcTerms, "issued"),
        (Ns::DcTerms, "created"),
        (Ns::Atom, "published"),
        (Ns::Core, "date"),
        (Ns::DcTerms, "modified"),
        (Ns::Atom, "updated"),
    ]);
    let mut tags = texts(&[(Ns::Core, "category"), (Ns::Dc, "subject")]);
    tags.extend(element.all(&Ns::Atom, "category").filter_map(|c| c.attr("term").map(str::to_owned)));
    Item {
        guid: element.first(&Ns::Core, "guid").and_then(Element::non_empty_text),
        title,
        authors,
        dates,
        link,
        tags,
        source: element.first(&Ns::Core, "source").and_then(Element::non_empty_text),
        body: body(element),
        line: line_at(text, element.offset),
        offset: element.offset,
    }
}

/// A `<guid>` that is the item's address (unless it says it is not).
fn permalink(element: &Element) -> Option<String> {
    let guid = element.first(&Ns::Core, "guid")?;
    let permanent = guid.attr("isPermaLink").or_else(|| guid.attr("ispermalink"));
    let text = guid.non_empty_text()?;
    (permanent.is_none_or(|p| !p.eq_ignore_ascii_case("false")) && text.starts_with("http")).then_some(text)
}

/// The fullest text the item carries, as HTML.
fn body(element: &Element) -> Option<String> {
    let non_empty = |e: &Element| Some(e.html()).filter(|h| !h.trim().is_empty());
    element
        .first(&Ns::Content, "encoded")
        .and_then(non_empty)
        .or_else(|| element.first(&Ns::Core, "description").and_then(non_empty))
        .or_else(|| element.first(&Ns::Atom, "content").and_then(non_empty))
        .or_else(|| element.first(&Ns::Atom, "summary").and_then(non_empty))
        .or_else(|| element.first(&Ns::Itunes, "summary").and_then(non_empty))
        .or_else(|| media_description(element))
        .or_else(|| element.first(&Ns::Dc, "description").and_then(non_empty))
        .or_else(|| element.first(&Ns::Itunes, "subtitle").and_then(non_empty))
}

/// `media:description`, on the item or inside `media:group` or `media:content`.
fn media_description(element: &Element) -> Option<String> {
    let direct = element.first(&Ns::Media, "description");
    let nested = || {
        element
            .elements()
            .filter(|e| e.is(&Ns::Media, "group") || e.is(&Ns::Media, "content"))
            .find_map(|e| e.first(&Ns::Media, "description"))
    };
    direct.or_else(nested).map(Element::html).filter(|h| !h.trim().is_empty())
}
