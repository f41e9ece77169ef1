//! `.toml` articles: the shared keys, with `body` holding the text.

use super::ParseError;
use super::fields::{KNOWN_KEYS, RawFields, date_from_text, paragraphs};
use crate::library::article::{ArticleDate, Block, ParsedArticle};

pub fn parse(text: &str) -> Result<ParsedArticle, ParseError> {
    let (raw, unknown) = read_fields(text, 0)?;
    let body = raw.body.as_deref().map(paragraphs).unwrap_or_default();
    finish(raw, body, unknown)
}

/// Reads TOML article keys. `line_offset` is added to reported line numbers
/// (for front matter that starts below the top of a file).
pub fn read_fields(
    text: &str,
    line_offset: usize,
) -> Result<(RawFields<toml::Value>, Vec<String>), ParseError> {
    // Parsed once; only a file whose fields have the wrong types is parsed
    // again, straight into the fields, for an error with its line.
    let table: toml::Table = toml::from_str(text).map_err(|e| toml_error(text, &e, line_offset))?;
    let unknown = table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())).cloned().collect();
    let raw = match toml::Value::Table(table).try_into() {
        Ok(raw) => raw,
        Err(_) => toml::from_str(text).map_err(|e| toml_error(text, &e, line_offset))?,
    };
    Ok((raw, unknown))
}

pub fn finish(
    raw: RawFields<toml::Value>,
    body: Vec<Block>,
    unknown: Vec<String>,
) -> Result<ParsedArticle, ParseError> {
    raw.into_article(body, date_from_toml, unknown)
}

fn date_from_toml(value: toml::Value) -> Result<ArticleDate, String> {
    match value {
        toml::Value::String(text) => date_from_text(&text),
        toml::Value::Datetime(datetime) => date_from_text(&datetime.to_string()),
        other => Err(format!("`date` must be a date or a string, not a {}; ignored", other.type_str())),
    }
}

/// A TOML error as one line: the message and its line (the snippet that
/// `toml` prints is left out; `check` prints one line per problem).
pub fn toml_error(text: &str, error: &toml::de::Error, line_offset: usize) -> ParseError {
    let line = error.span().map(|span| line_of(text, span.start) + line_offset);
    ParseError::new(line, error.message().trim().to_owned())
}

/// The 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_article() {
        let text = r#"
title = "Ferry timetable changes"
author = ["Ivo Brandt", "Mara Quist"]
bio = "Ivo Brandt covers transport."
date = 2024-05-02
source = "The Harbour Ledger"
url = "https://ledger.example/ferry"
tags = ["transport", "ferry"]
body = """
The first paragraph
continues here.

The second paragraph.
"""
"#;
        let a = parse(text).unwrap();
        assert_eq!(a.title, "Ferry timetable changes");
        assert_eq!(a.bylines.len(), 2);
        assert_eq!(a.bylines[0].bio.as_deref(), Some("Ivo Brandt covers transport."));
        assert_eq!(a.date.unwrap().to_string(), "2024-05-02");
        assert_eq!(a.tags, ["transport", "ferry"]);
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.body[0].text, "The first paragraph continues here.");
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn single_author_and_rfc3339_string() {
        let a = parse(
            "title = \"T\"\nauthor = \"By Ann Lee\"\ndate = \"2024-01-02T08:30:00+01:00\"\nbody = \"x\"",
        )
        .unwrap();
        assert_eq!(a.bylines[0].name, "Ann Lee");
        assert_eq!(a.date.unwrap().to_string(), "2024-01-02T08:30:00+01:00");
    }

    #[test]
    fn native_datetime() {
        let a = parse("title = \"T\"\ndate = 2024-01-02T08:30:00Z\nbody = \"x\"").unwrap();
        assert_eq!(a.date.unwrap().to_string(), "2024-01-02T08:30:00+00:00");
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = parse("title = \"T\"\n\nbody = \"unterminated\n").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn wrong_type_has_a_line() {
        let err = parse("title = \"T\"\ntags = \"not a list\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err:?}");
    }

    #[test]
    fn missing_title_is_an_error() {
        assert_eq!(parse("body = \"x\"").unwrap_err().message, "missing `title`");
    }

    #[test]
    fn unknown_keys_and_bad_dates_warn() {
        let a = parse("title = \"T\"\ntitel = \"typo\"\ndate = \"soon\"\nbody = \"x\"").unwrap();
        assert_eq!(a.warnings.len(), 2, "{:?}", a.warnings);
        assert!(a.date.is_none());
    }
}
