//! The parsed article: what every format turns into.

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

/// A stable identifier derived from an article's title, authors and date,
/// never from its path, so that moving or renaming a file keeps its id (and
/// with it read state and bookmarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// Which file format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Toml,
    Markdown,
    Json,
    JsonLines,
}

impl Format {
    /// The format a file name's extension stands for, if any.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Self::Text),
            "toml" => Some(Self::Toml),
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            _ => None,
        }
    }

    /// The short name used by `export`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Toml => "toml",
            Self::Markdown => "md",
            Self::Json => "json",
            Self::JsonLines => "jsonl",
        }
    }
}

/// A publication date, with or without a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleDate {
    Day(NaiveDate),
    Instant(DateTime<FixedOffset>),
}

impl ArticleDate {
    /// Parses an RFC 3339 timestamp or a plain `YYYY-MM-DD` date.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Some(Self::Instant(instant));
        }
        // TOML allows a space instead of the `T`.
        if let Ok(instant) = DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)) {
            return Some(Self::Instant(instant));
        }
        if let Ok(instant) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
            return Some(Self::Day(instant.date()));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Self::Day)
    }

    /// Orders dates by day, a plain date before a timestamp of the same
    /// day, timestamps by instant: cheap to compare, nothing to format.
    pub fn order_key(self) -> (NaiveDate, Option<i64>) {
        match self {
            Self::Day(day) => (day, None),
            Self::Instant(instant) => (instant.date_naive(), Some(instant.timestamp())),
        }
    }

    pub fn day(self) -> NaiveDate {
        match self {
            Self::Day(day) => day,
            Self::Instant(instant) => instant.date_naive(),
        }
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            Self::Instant(instant) => write!(f, "{}", instant.to_rfc3339()),
        }
    }
}

/// One person credited on an article, with the bio the article gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub name: String,
    pub bio: Option<String>,
}

impl Byline {
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), bio: None }
    }
}

/// What a block of body text is, so the reader can lay it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    /// A Markdown block quote.
    BlockQuote,
    /// A list item; `Some(n)` for an ordered list.
    ListItem(Option<u64>),
    /// Preformatted text: its line breaks are kept.
    Code,
}

/// Inline emphasis from Markdown, as a byte range of the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emphasis {
    pub start: usize,
    pub end: usize,
    pub strong: bool,
}

/// One paragraph-like block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub emphasis: Vec<Emphasis>,
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self { kind: BlockKind::Paragraph, text: text.into(), emphasis: Vec::new() }
    }
}

/// What a parser produces from one article's text: everything but the
/// identity and the numbers the library derives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedArticle {
    pub title: String,
    pub bylines: Vec<Byline>,
    pub date: Option<ArticleDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub body: Vec<Block>,
    /// Problems worth telling the user that did not stop the parse.
    pub warnings: Vec<String>,
    /// The line in the file where this article starts (1 for most formats;
    /// the line number in a `.jsonl` file).
    pub line: usize,
}

/// A fully loaded article, as the rest of the program sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    /// Where the article was read from, as given (relative paths stay relative).
    pub path: PathBuf,
    pub line: usize,
    pub format: Format,
    pub title: String,
    pub bylines: Vec<Byline>,
    pub date: Option<ArticleDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub body: Vec<Block>,
    pub words: usize,
    pub reading_minutes: usize,
    pub warnings: Vec<String>,
    /// Quotations in the body, outer ones before those nested in them.
    /// Empty while only the article's summary is loaded (see
    /// [`Article::has_body`]).
    pub quotes: Vec<crate::library::quotes::Quote>,
    /// The summary of `quotes` that lists and author pages need without
    /// the body: how many top-level quotations, and who spoke each (in order).
    pub quote_count: usize,
    pub speakers: Vec<String>,
    /// False for an article read from the library index: its body and
    /// quotations are loaded from its file when it is opened.
    pub has_body: bool,
}

impl Article {
    /// The first author's bio, if the article or `authors.toml` gave one.
    pub fn bio(&self) -> Option<&str> {
        self.bylines.first().and_then(|b| b.bio.as_deref())
    }

    pub fn author_names(&self) -> impl Iterator<Item = &str> {
        self.bylines.iter().map(|b| b.name.as_str())
    }
}
