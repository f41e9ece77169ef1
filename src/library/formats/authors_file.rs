//! `authors.toml`: bios and links for authors, overriding what articles say.
//!
//! ```toml
//! [authors."Jane Doe"]
//! bio = "Jane Doe writes about ..."
//! url = "https://example.org/jane"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ParseError;

pub const FILE_NAME: &str = "authors.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorInfo {
    pub bio: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorsFile {
    #[serde(default)]
    authors: BTreeMap<String, AuthorInfo>,
}

/// Parses an `authors.toml`, returning each author as named in the file.
pub fn parse(text: &str) -> Result<Vec<(String, AuthorInfo)>, ParseError> {
    let file: AuthorsFile = toml::from_str(text).map_err(|e| super::toml::toml_error(text, &e, 0))?;
    Ok(file.authors.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bios_and_urls() {
        let text = "[authors.\"Ann Lee\"]\nbio = \"Ann Lee edits.\"\nurl = \"https://x.example\"\n\n[authors.\"Bo Park\"]\nbio = \"Bo.\"\n";
        let authors = parse(text).unwrap();
        assert_eq!(authors.len(), 2);
        assert_eq!(authors[0].0, "Ann Lee");
        assert_eq!(authors[0].1.url.as_deref(), Some("https://x.example"));
    }

    #[test]
    fn typos_are_errors_with_lines() {
        let err = parse("[authors.\"Ann\"]\nbio = \"x\"\nurll = \"y\"\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("urll"));
    }
}
