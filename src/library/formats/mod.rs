//! One pure parser per file format: text in, articles or an error out. None
//! of them touches the file system or the terminal.

pub mod authors_file;
pub mod dataset;
pub mod feed;
pub mod fields;
pub mod json;
pub mod markdown;
pub mod page;
pub mod plain;
pub mod record;
pub mod toml;

use std::fmt;

use crate::library::article::{FileType, ParsedArticle};

/// Why a file (or one record of a `.jsonl` file) could not be read; or,
/// as a warning, something the user should know about a file that gave
/// no article without being broken (a feed with no items).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    pub line: Option<usize>,
    pub message: String,
    pub warning: bool,
}

impl ParseError {
    pub fn new(line: Option<usize>, message: impl Into<String>) -> Self {
        Self { line, message: message.into(), warning: false }
    }

    pub fn warning(line: Option<usize>, message: impl Into<String>) -> Self {
        Self { line, message: message.into(), warning: true }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses a whole file's text as `file_type`. Files of many articles (JSON
/// Lines, JSON arrays, feeds, datasets) yield one result per record; the
/// others exactly one. Each article's format is set.
pub fn parse(file_type: FileType, text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    let mut results = match file_type {
        FileType::Text => vec![plain::parse(text)],
        FileType::Toml => vec![toml::parse(text)],
        FileType::Markdown => vec![markdown::parse(text)],
        FileType::Json => json::parse(text),
        FileType::JsonLines => json::parse_lines(text),
        FileType::Html => vec![page::parse(text)],
        FileType::Feed => feed::parse_xml(text, None),
        FileType::Csv | FileType::Tsv => dataset::parse_all(text, file_type, &dataset::Columns::default()),
    };
    for article in results.iter_mut().flatten() {
        article.format.get_or_insert(file_type.default_format());
    }
    results
}
