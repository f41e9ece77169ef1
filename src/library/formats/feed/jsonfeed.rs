//! JSON Feed 1.0 and 1.1 (with either spelling of the version address):
//! `items` with `title`, `content_html` / `content_text` / `summary`,
//! `date_published`, `author` (1.0) or `authors` (1.1), `tags`, `url`.

use serde::Deserialize;
use serde_json::value::RawValue;
use url::Url;

use super::{FeedInfo, Item};
use crate::library::article::{Format, ParsedArticle};
use crate::library::formats::ParseError;
use crate::library::formats::record::{Value, text_of};

/// Whether a parsed JSON object is a JSON Feed.
pub fn is_json_feed(object: &serde_json::Map<String, serde_json::Value>) -> bool {
    let version = object.get("version").and_then(serde_json::Value::as_str).unwrap_or("");
    version.contains("jsonfeed.org/version")
        || (object.get("items").is_some_and(serde_json::Value::is_array)
            && (object.contains_key("feed_url") || object.contains_key("home_page_url")))
}

#[derive(Deserialize)]
struct Shape<'a> {
    title: Option<String>,
    home_page_url: Option<String>,
    feed_url: Option<String>,
    author: Option<serde_json::Value>,
    authors: Option<serde_json::Value>,
    language: Option<String>,
    #[serde(borrow, default)]
    items: Vec<&'a RawValue>,
}

/// Parses a JSON Feed from its text.
pub fn parse_json_feed(text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    let shape: Shape<'_> = match serde_json::from_str(text) {
        Ok(shape) => shape,
        Err(error) => return vec![Err(ParseError::new(Some(error.line()), format!("JSON Feed: {error}")))],
    };
    let base = shape.home_page_url.as_deref().or(shape.feed_url.as_deref()).and_then(|u| Url::parse(u).ok());
    let authors: Vec<String> =
        [shape.authors.as_ref(), shape.author.as_ref()].into_iter().flatten().flat_map(names_in).collect();
    let feed = FeedInfo {
        title: shape.title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
        authors: crate::library::byline::names_from_all(authors.iter().map(String::as_str)),
        base,
        language: shape.language.clone(),
    };
    if shape.items.is_empty() {
        return vec![Err(ParseError::warning(Some(1), "the feed has no items"))];
    }
    shape
        .items
        .iter()
        .map(|raw| {
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let line = 1 + text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
            let value: serde_json::Value = serde_json::from_str(raw.get())
                .map_err(|e| ParseError::new(Some(line), format!("JSON Feed item: {e}")))?;
            let serde_json::Value::Object(object) = value else {
                return Err(ParseError::new(Some(line), "a JSON Feed item must be an object"));
            };
            let mut article = item(&object, line, offset).into_article(&feed);
            article.format = Some(Format::JsonFeed);
            Ok(article)
        })
        .collect()
}

fn item(object: &serde_json::Map<String, serde_json::Value>, line: usize, offset: usize) -> Item {
    let field =
        |name: &str| object.get(name).map(Value::Json).and_then(|v| text_of(&v)).filter(|s| !s.is_empty());
    let authors = ["authors", "author"].iter().filter_map(|k| object.get(*k)).flat_map(names_in).collect();
    let tags = object
        .get("tags")
        .and_then(serde_json::Value::as_array)
        .map(|tags| tags.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    Item {
        guid: field("id"),
        title: field("title"),
        authors,
        dates: ["date_published", "date_modified"].iter().filter_map(|k| field(k)).collect(),
        link: field("url").or_else(|| field("external_url")),
        tags,
        source: None,
        body: field("content_html").or_else(|| field("content_text")).or_else(|| field("summary")),
        line,
        offset,
    }
}

/// Names from `author` (an object, or a string in some feeds) or `authors`.
fn names_in(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(name) => vec![name.clone()],
        serde_json::Value::Object(author) => author
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(|n| vec![n.to_owned()])
            .unwrap_or_default(),
        serde_json::Value::Array(authors) => authors.iter().flat_map(names_in).collect(),
        _ => Vec::new(),
    }
}
