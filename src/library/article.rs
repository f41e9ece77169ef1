//! The parsed article: what every format turns into.

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

/// A stable identifier derived from an article's title, authors and date,
/// never from its path, so that moving or renaming a file keeps its id (and
/// with it read state and bookmarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ArticleId(pub u64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// How a file is read, from its extension. A `.json` file may hold one
/// article, several, or a JSON Feed; an `.xml` file RSS or Atom: the
/// content decides which [`Format`] its articles have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileType {
    Text,
    Toml,
    Markdown,
    Json,
    JsonLines,
    Html,
    Feed,
    Csv,
    Tsv,
}

impl FileType {
    /// The file type a file name's extension stands for, if any.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Self::Text),
            "toml" => Some(Self::Toml),
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "xml" | "rss" | "atom" | "rdf" => Some(Self::Feed),
            "csv" => Some(Self::Csv),
            "tsv" | "tab" => Some(Self::Tsv),
            _ => None,
        }
    }

    /// The format of its articles unless the content says otherwise.
    pub fn default_format(self) -> Format {
        match self {
            Self::Text => Format::Text,
            Self::Toml => Format::Toml,
            Self::Markdown => Format::Markdown,
            Self::Json => Format::Json,
            Self::JsonLines => Format::JsonLines,
            Self::Html => Format::Html,
            Self::Feed => Format::Rss,
            Self::Csv => Format::Csv,
            Self::Tsv => Format::Tsv,
        }
    }

    pub const ALL: [Self; 9] = [
        Self::Text,
        Self::Toml,
        Self::Markdown,
        Self::Json,
        Self::JsonLines,
        Self::Html,
        Self::Feed,
        Self::Csv,
        Self::Tsv,
    ];

    /// Whether a file of this type can hold more articles than fit in
    /// memory at once: read record by record, never whole.
    pub fn is_dataset(self) -> bool {
        matches!(self, Self::Csv | Self::Tsv)
    }
}

/// What an article came from, as `export` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    #[default]
    Text,
    Toml,
    Markdown,
    Json,
    JsonLines,
    Html,
    Rss,
    Atom,
    JsonFeed,
    Csv,
    Tsv,
}

impl Format {
    const ALL: [Self; 11] = [
        Self::Text,
        Self::Toml,
        Self::Markdown,
        Self::Json,
        Self::JsonLines,
        Self::Html,
        Self::Rss,
        Self::Atom,
        Self::JsonFeed,
        Self::Csv,
        Self::Tsv,
    ];

    /// The short name used by `export` and kept in the index.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Toml => "toml",
            Self::Markdown => "md",
            Self::Json => "json",
            Self::JsonLines => "jsonl",
            Self::Html => "html",
            Self::Rss => "rss",
            Self::Atom => "atom",
            Self::JsonFeed => "jsonfeed",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
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
    /// A figure's caption.
    Caption,
    /// An image, as "[image: alt text]".
    Image,
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
    /// Where the article's record starts in the file, in bytes (0 for a
    /// file of one article): how it is found again in a feed or dataset.
    pub offset: u64,
    /// What the article came from, when the content decides (a JSON Feed
    /// in a `.json` file, Atom in an `.xml` one); else the file type's.
    pub format: Option<Format>,
    /// The language the source says the text is in ("fr", "pt-BR"), if it
    /// says: what quotations are read in.
    pub language: Option<String>,
    /// The record's own identity where its source gives one (a feed
    /// item's guid or id): how a fetch knows an item it stored before.
    pub guid: Option<String>,
}

/// A fully loaded article, as the rest of the program sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    /// Where the article was read from, as given (relative paths stay relative).
    pub path: PathBuf,
    pub line: usize,
    /// Where its record starts in the file, in bytes (see
    /// [`ParsedArticle::offset`]).
    pub offset: u64,
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
