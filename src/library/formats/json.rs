//! `.json` (an article object, an array of them, or a JSON Feed) and
//! `.jsonl` (one object per line). Objects may use our keys or those of
//! the scrapers and read-later services `record` knows.

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::ParseError;
use super::feed;
use super::record::{self, Mapping, Role};
use crate::library::article::{Format, ParsedArticle};

pub fn parse(text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    match text.trim_start().chars().next() {
        Some('[') => parse_array(text),
        Some('{') => match serde_json::from_str::<Map<String, Value>>(text) {
            Ok(object) if feed::is_json_feed(&object) => feed::parse_json_feed(text),
            Ok(object) => vec![from_object(&object, 1, 0)],
            Err(error) => vec![Err(ParseError::new(Some(error.line()), error.to_string()))],
        },
        _ => match serde_json::from_str::<Value>(text) {
            Ok(value) => vec![Err(ParseError::new(
                Some(1),
                format!("expected an article object, found {}", kind(&value)),
            ))],
            Err(error) => vec![Err(ParseError::new(Some(error.line()), error.to_string()))],
        },
    }
}

/// An array of article objects (a scraper's whole crawl in one file).
fn parse_array(text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    let items: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(error) => return vec![Err(ParseError::new(Some(error.line()), error.to_string()))],
    };
    if items.is_empty() {
        return vec![Err(ParseError::warning(Some(1), "an empty list: no articles"))];
    }
    items
        .into_iter()
        .map(|raw| {
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let line = super::toml::line_of(text, offset);
            match serde_json::from_str::<Value>(raw.get()) {
                Ok(Value::Object(object)) => from_object(&object, line, offset as u64),
                Ok(other) => Err(ParseError::new(
                    Some(line),
                    format!("expected an article object, found {}", kind(&other)),
                )),
                Err(error) => Err(ParseError::new(Some(line), error.to_string())),
            }
        })
        .collect()
}

pub fn parse_lines(text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    let mut results = Vec::new();
    let mut offset = 0u64;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len() as u64;
        if line.trim().is_empty() {
            continue;
        }
        let line_number = index + 1;
        results.push(match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => from_object(&object, line_number, start).map(|mut a| {
                a.format = Some(Format::JsonLines);
                a
            }),
            Ok(other) => Err(ParseError::new(
                Some(line_number),
                format!("expected an article object, found {}", kind(&other)),
            )),
            Err(error) => Err(ParseError::new(Some(line_number), error.to_string())),
        });
    }
    results
}

/// An article from one object, whoever wrote it.
fn from_object(object: &Map<String, Value>, line: usize, offset: u64) -> Result<ParsedArticle, ParseError> {
    let keys: Vec<String> = object.keys().cloned().collect();
    let mapping = Mapping::new(&keys, &[]);
    if !mapping.has(Role::Body) && !mapping.has(Role::Title) {
        return Err(ParseError::new(Some(line), no_text_message(&keys)));
    }
    record::article(
        &mapping,
        |i| keys.get(i).and_then(|k| object.get(k)).map(record::Value::Json),
        line,
        offset,
    )
}

/// What a record with no text field is told.
pub fn no_text_message(fields: &[String]) -> String {
    let mut shown: Vec<&str> = fields.iter().map(String::as_str).take(12).collect();
    if fields.len() > shown.len() {
        shown.push("…");
    }
    format!(
        "no text field: expected one of `body`, `text`, `maintext`, `content`, `article` (found: {})",
        if shown.is_empty() { "nothing".to_owned() } else { shown.join(", ") }
    )
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<ParsedArticle, ParseError> {
        let mut results = parse(text);
        assert_eq!(results.len(), 1, "{results:?}");
        results.remove(0)
    }

    #[test]
    fn one_object() {
        let a = one(r#"{"title": "T", "author": "Ann Lee", "date": "2024-02-03", "body": "One.\n\nTwo.", "tags": ["a"]}"#)
            .unwrap();
        assert_eq!(a.title, "T");
        assert_eq!(a.bylines[0].name, "Ann Lee");
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.tags, ["a"]);
    }

    #[test]
    fn syntax_error_line() {
        let err = one("{\n\"title\": \"T\",\n\"body\": }").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn not_an_object() {
        let err = one("5").unwrap_err();
        assert!(err.message.contains("a number"), "{}", err.message);
    }

    #[test]
    fn an_object_without_text_says_what_it_has() {
        let err = one(r#"{"name": "x", "value": 3}"#).unwrap_err();
        assert!(
            err.message.contains("no text field") && err.message.contains("name, value"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_keys_are_silent() {
        let a = one(r#"{"title": "T", "body": "x", "fingerprint": "f", "image": "i"}"#).unwrap();
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }

    #[test]
    fn arrays_have_one_article_per_object() {
        let text = "[\n {\"title\": \"A\", \"text\": \"x\"},\n {\"title\": \"B\", \"text\": \"y\"},\n 3\n]";
        let results = parse(text);
        assert_eq!(results.len(), 3);
        let b = results[1].as_ref().unwrap();
        assert_eq!((b.title.as_str(), b.line), ("B", 3));
        assert!(text[b.offset as usize..].starts_with("{\"title\": \"B\""));
        assert!(results[2].is_err());
    }

    #[test]
    fn lines_keep_their_numbers_and_skip_blanks() {
        let text = "{\"title\": \"A\", \"body\": \"x\"}\n\n{broken\n{\"title\": \"B\", \"author\": [\"X Y\", \"Z W\"], \"body\": \"y\"}\n";
        let results = parse_lines(text);
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().unwrap().line, 1);
        assert_eq!(results[1].as_ref().unwrap_err().line, Some(3));
        let b = results[2].as_ref().unwrap();
        assert_eq!((b.line, b.bylines.len()), (4, 2));
        assert!(text[b.offset as usize..].starts_with("{\"title\": \"B\""));
    }

    #[test]
    fn a_json_feed_in_a_json_file() {
        let results = parse(
            r#"{"version": "http://jsonfeed.org/version/1", "title": "Ledger", "items": [{"id": "1", "content_text": "Hi.", "title": "T"}]}"#,
        );
        assert_eq!(results[0].as_ref().unwrap().format, Some(Format::JsonFeed));
    }
}
