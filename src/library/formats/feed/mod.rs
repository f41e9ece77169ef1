//! Feeds: RSS 0.90 to 2.0 (RDF, default-namespace and versionless ones
//! too), Atom 1.0 and 0.3, and JSON Feed 1.0 and 1.1, told apart by their
//! content. Every item is an article: its title (or the first words of its
//! text), authors (the item's, else the feed's), date (published, else
//! updated), link resolved against `xml:base` and the feed's own address,
//! the feed's title as source (the item's own outlet when an aggregator
//! names it), categories as tags, and the fullest text it carries
//! converted from HTML.

pub mod atom;
pub mod jsonfeed;
pub mod rss;
pub mod xml;

use url::Url;

use super::ParseError;
use crate::library::article::{ArticleDate, Block, Byline, Format, ParsedArticle};
use crate::library::{byline, dates, html};

pub use jsonfeed::{is_json_feed, parse_json_feed};

/// Parses an XML feed. `address` is where it was fetched from (if it
/// was), for links given relative to nothing else.
pub fn parse_xml(text: &str, address: Option<&str>) -> Vec<Result<ParsedArticle, ParseError>> {
    let document = match xml::parse(text) {
        Ok(document) => document,
        Err((line, message)) => return vec![Err(ParseError::new(Some(line), format!("not XML: {message}")))],
    };
    let root = &document.root;
    let base = address.and_then(|a| Url::parse(a).ok());
    let name = root.name.to_ascii_lowercase();
    let (format, mut results) = match name.as_str() {
        "rss" | "channel" => (Format::Rss, rss::items(root, base.as_ref(), text)),
        "rdf" => (Format::Rss, rss::items(root, base.as_ref(), text)),
        "feed" => (Format::Atom, atom::items(root, base.as_ref(), text)),
        _ => {
            let message = format!(
                "an XML file that is not a feed: its root element is <{}>, not <rss>, <rdf:RDF> or <feed>",
                root.name
            );
            return vec![Err(ParseError::new(Some(1), message))];
        }
    };
    for article in results.iter_mut().flatten() {
        article.format = Some(format);
    }
    match (&document.error, results.is_empty()) {
        (Some((line, message)), true) => {
            vec![Err(ParseError::new(Some(*line), format!("invalid XML: {message}")))]
        }
        (Some((line, message)), false) => {
            results.push(Err(ParseError::warning(
                Some(*line),
                format!("the feed is cut short by invalid XML ({message}); the items before it are read"),
            )));
            results
        }
        (None, true) => vec![Err(ParseError::warning(Some(1), "the feed has no items"))],
        (None, false) => results,
    }
}

/// What a feed says about itself, which its items inherit.
#[derive(Debug, Clone, Default)]
pub struct FeedInfo {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The address links are resolved against.
    pub base: Option<Url>,
    /// The language the feed declares.
    pub language: Option<String>,
}

/// The parts of an item, as found, before they become an article.
#[derive(Debug, Default)]
pub struct Item {
    /// The item's own identity (RSS `guid`, Atom and JSON Feed `id`).
    pub guid: Option<String>,
    pub title: Option<String>,
    /// Author fields as written (each may name several people).
    pub authors: Vec<String>,
    pub dates: Vec<String>,
    pub link: Option<String>,
    pub tags: Vec<String>,
    /// The outlet the item was first published by, when an aggregator
    /// says (RSS `<source>`, Atom `<source><title>`).
    pub source: Option<String>,
    /// The body as HTML source (or plain text, which converts as paragraphs).
    pub body: Option<String>,
    pub line: usize,
    pub offset: usize,
}

impl Item {
    /// The article: missing parts filled from the feed, links resolved,
    /// HTML converted.
    pub fn into_article(self, feed: &FeedInfo) -> ParsedArticle {
        let body: Vec<Block> =
            self.body.as_deref().map(|b| html::blocks(b, html::Options::default())).unwrap_or_default();
        let mut warnings = Vec::new();
        let source = self.source.as_deref().map(html::inline_text).filter(|s| !s.is_empty());
        // Untitled items are normal (microblogs): their first words stand in.
        let title = match self.title.as_deref().map(html::inline_text).filter(|t| !t.is_empty()) {
            Some(title) => without_source(title, source.as_deref()),
            None => first_words(&body).unwrap_or_else(|| "Untitled".to_owned()),
        };
        let mut names = byline::names_from_all(
            self.authors.iter().map(|a| html::inline_text(a)).collect::<Vec<_>>().iter().map(String::as_str),
        );
        if names.is_empty() {
            names.clone_from(&feed.authors);
        }
        let date = first_date(&self.dates, dates::SlashDates::for_language(feed.language.as_deref()));
        if date.is_none() && !self.dates.is_empty() {
            warnings.push(format!("the date {:?} could not be read; ignored", self.dates[0]));
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.iter().map(|t| html::inline_text(t)) {
            if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                tags.push(tag);
            }
        }
        ParsedArticle {
            title,
            bylines: names.into_iter().map(Byline::new).collect(),
            date,
            // The feed's title is read like the items' (entities, markup).
            source: source.or_else(|| feed.title.as_deref().map(html::inline_text).filter(|s| !s.is_empty())),
            url: self.link.as_deref().map(|l| resolve(feed.base.as_ref(), l)),
            tags,
            body,
            warnings,
            line: self.line,
            offset: self.offset as u64,
            format: None,
            language: feed.language.clone(),
            guid: self.guid,
        }
    }
}

/// A title without the outlet's name that aggregators append to it
/// ("Council approves breakwater - The Harbour Gazette").
fn without_source(title: String, source: Option<&str>) -> String {
    let Some(source) = source else { return title };
    let Some(head) = title.strip_suffix(source) else { return title };
    let head = head.trim_end();
    match head.strip_suffix(['-', '|', '–', '—', '·', ':']).map(str::trim_end) {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => title,
    }
}

fn first_date(candidates: &[String], slash: dates::SlashDates) -> Option<ArticleDate> {
    candidates.iter().find_map(|d| dates::parse_date_as(d, slash))
}

/// How many words of an untitled item's text stand in for its title.
const TITLE_WORDS: usize = 12;

/// The first sentence of the text, or its first words (in Chinese and
/// Japanese, written without spaces, its first characters: two to a word,
/// as reading times count them).
pub fn first_words(body: &[Block]) -> Option<String> {
    let text = body.iter().map(|b| b.text.as_str()).find(|t| !t.trim().is_empty())?;
    let sentence_end = text
        .char_indices()
        .find(|(_, c)| matches!(c, '.' | '!' | '?' | '\n' | '。' | '！' | '？'))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    let sentence = text[..sentence_end].trim();
    let words: Vec<&str> = sentence.split_whitespace().collect();
    Some(if words.len() > TITLE_WORDS {
        format!("{}…", words[..TITLE_WORDS].join(" "))
    } else if crate::library::stats::words_in(sentence) > TITLE_WORDS {
        let cut: String = sentence.chars().take(2 * TITLE_WORDS).collect();
        format!("{}…", cut.trim_end())
    } else {
        sentence.trim_end_matches(['.', '。']).to_owned()
    })
}

/// A link made absolute against `base`, when it is relative and can be.
pub fn resolve(base: Option<&Url>, link: &str) -> String {
    let link = link.trim();
    if Url::parse(link).is_ok() {
        return link.to_owned();
    }
    match base.and_then(|b| b.join(link).ok()) {
        Some(url) => url.to_string(),
        None => link.to_owned(),
    }
}

/// A base joined with an `xml:base` (itself possibly relative).
pub fn with_base(base: Option<&Url>, xml_base: Option<&str>) -> Option<Url> {
    match xml_base.map(str::trim).filter(|b| !b.is_empty()) {
        None => base.cloned(),
        Some(xml_base) => match Url::parse(xml_base) {
            Ok(url) => Some(url),
            Err(_) => base.and_then(|b| b.join(xml_base).ok()).or_else(|| base.cloned()),
        },
    }
}

#[cfg(test)]
mod tests;
