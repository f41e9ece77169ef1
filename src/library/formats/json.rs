//! `.json` (one article object) and `.jsonl` (one object per line).

use serde_json::{Map, Value};

use super::ParseError;
use super::fields::{KNOWN_KEYS, RawFields, date_from_text, paragraphs};
use crate::library::article::ParsedArticle;

pub fn parse(text: &str) -> Result<ParsedArticle, ParseError> {
    parse_object(text).map_err(|(line, message)| ParseError::new(Some(line), message))
}

pub fn parse_lines(text: &str) -> Vec<Result<ParsedArticle, ParseError>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let line_number = index + 1;
            parse_object(line)
                .map(|mut article| {
                    article.line = line_number;
                    article
                })
                .map_err(|(_, message)| ParseError::new(Some(line_number), message))
        })
        .collect()
}

/// Parses one JSON object; errors carry the line within `text`.
fn parse_object(text: &str) -> Result<ParsedArticle, (usize, String)> {
    let value: Value = serde_json::from_str(text).map_err(|e| (e.line(), e.to_string()))?;
    let Value::Object(object) = value else {
        return Err((1, format!("expected an article object, found {}", kind(&value))));
    };
    let unknown = unknown_keys(&object);
    let raw: RawFields<String> =
        serde_json::from_value(Value::Object(object)).map_err(|e| (1, e.to_string()))?;
    let body = raw.body.as_deref().map(paragraphs).unwrap_or_default();
    raw.into_article(body, |d| date_from_text(&d), unknown).map_err(|e| (1, e.message))
}

fn unknown_keys(object: &Map<String, Value>) -> Vec<String> {
    object.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())).cloned().collect()
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

    #[test]
    fn one_object() {
        let a = parse(r#"{"title": "T", "author": "Ann Lee", "date": "2024-02-03", "body": "One.\n\nTwo.", "tags": ["a"]}"#).unwrap();
        assert_eq!(a.title, "T");
        assert_eq!(a.bylines[0].name, "Ann Lee");
        assert_eq!(a.body.len(), 2);
        assert_eq!(a.tags, ["a"]);
    }

    #[test]
    fn syntax_error_line() {
        let err = parse("{\n\"title\": \"T\",\n\"body\": }").unwrap_err();
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn not_an_object() {
        let err = parse("[1, 2]").unwrap_err();
        assert!(err.message.contains("an array"), "{}", err.message);
    }

    #[test]
    fn wrong_type() {
        let err = parse(r#"{"title": 5}"#).unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
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
    }
}
