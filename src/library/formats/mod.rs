//! One pure parser per file format: text in, articles or an error out. None
//! of them touches the file system or the terminal.

pub mod authors_file;
pub mod fields;
pub mod json;
pub mod markdown;
pub mod plain;
pub mod toml;

use std::fmt;

use crate::library::article::{Format, ParsedArticle};

/// Why a file (or one record of a `.jsonl` file) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    pub line: Option<usize>,
    pub message: String,
}

impl ParseError {
    pub fn new(line: Option<usize>, message: impl Into<String>) -> Self {
        Self { line, message: message.into() }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses a whole file's text as `format`. A `.jsonl` file yields one result
/// per non-blank line; every other format yields exactly one.
pub fn parse(format: Format, text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    match format {
        Format::Text => vec![plain::parse(text)],
        Format::Toml => vec![toml::parse(text)],
        Format::Markdown => vec![markdown::parse(text)],
        Format::Json => vec![json::parse(text)],
        Format::JsonLines => json::parse_lines(text),
    }
}
