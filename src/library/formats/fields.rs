//! The keys shared by the structured formats (TOML, Markdown front matter,
//! JSON): `title`, `author`, `bio`, `date`, `source`, `url`, `tags`, `body`,
//! `language` (a code such as "fr", which quotations are read in), and the
//! two a fetch writes: `feed` (the subscription's name, which stands in
//! for a missing `source`) and `guid` (the item's identity in its feed).

use serde::Deserialize;

use super::ParseError;
use crate::library::article::{ArticleDate, Block, Byline, ParsedArticle};
use crate::library::author::clean_name;

pub const KNOWN_KEYS: [&str; 11] =
    ["title", "author", "bio", "date", "source", "url", "tags", "body", "language", "feed", "guid"];

/// `author` may be one name or a list of names.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Authors {
    One(String),
    Many(Vec<String>),
}

/// The keys as a file states them. `D` is how the format spells a date
/// (a TOML value that may be a native date, or a JSON string).
#[derive(Debug, Deserialize)]
pub struct RawFields<D> {
    pub title: Option<String>,
    pub author: Option<Authors>,
    pub bio: Option<String>,
    pub date: Option<D>,
    pub source: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub body: Option<String>,
    pub language: Option<String>,
    pub feed: Option<String>,
    pub guid: Option<String>,
}

impl<D> RawFields<D> {
    /// Builds the article, reading `date` with `read_date` and the body from
    /// `body` (already split into blocks by the caller).
    pub fn into_article(
        self,
        body: Vec<Block>,
        read_date: impl FnOnce(D) -> Result<ArticleDate, String>,
        unknown_keys: Vec<String>,
    ) -> Result<ParsedArticle, ParseError> {
        let title = self.title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        let Some(title) = title.filter(|t| !t.is_empty()) else {
            return Err(ParseError::new(None, "missing `title`"));
        };
        let mut warnings: Vec<String> =
            unknown_keys.into_iter().map(|k| format!("unknown key `{k}` ignored")).collect();
        let names = match self.author {
            None => Vec::new(),
            Some(Authors::One(name)) => vec![name],
            Some(Authors::Many(names)) => names,
        };
        let mut bylines: Vec<Byline> =
            names.iter().map(|n| clean_name(n)).filter(|n| !n.is_empty()).map(Byline::new).collect();
        if let Some(bio) = self.bio.filter(|b| !b.trim().is_empty()) {
            match bylines.first_mut() {
                Some(first) => first.bio = Some(bio.trim().to_owned()),
                None => warnings.push("`bio` given without an `author`; ignored".to_owned()),
            }
        }
        let date = match self.date.map(read_date).transpose() {
            Ok(date) => date,
            Err(message) => {
                warnings.push(message);
                None
            }
        };
        if body.is_empty() {
            warnings.push("the article has a title but no body text".to_owned());
        }
        let non_empty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(ParsedArticle {
            title,
            bylines,
            date,
            source: non_empty(self.source).or_else(|| non_empty(self.feed)),
            url: non_empty(self.url),
            tags: self.tags.into_iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect(),
            body,
            warnings,
            line: 1,
            offset: 0,
            format: None,
            language: non_empty(self.language),
            guid: non_empty(self.guid),
        })
    }
}

/// Splits a plain body into paragraphs at blank lines; the lines of one
/// paragraph are joined with spaces.
pub fn paragraphs(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(Block::paragraph(current.join(" ")));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(Block::paragraph(current.join(" ")));
    }
    blocks
}

/// Reads a date written as text (RFC 3339 or `YYYY-MM-DD`).
pub fn date_from_text(text: &str) -> Result<ArticleDate, String> {
    ArticleDate::parse(text)
        .ok_or_else(|| format!("`date` {text:?} is not an RFC 3339 timestamp or YYYY-MM-DD date; ignored"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let blocks = paragraphs("One\nline two.\n\n\n  Second.  \n");
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One line two.", "Second."]);
    }

    #[test]
    fn dates_in_both_spellings() {
        assert_eq!(date_from_text("2024-03-05").unwrap().to_string(), "2024-03-05");
        assert_eq!(date_from_text("2024-03-05T10:00:00Z").unwrap().to_string(), "2024-03-05T10:00:00+00:00");
        assert!(date_from_text("March 5").is_err());
    }
}
