//! `broadsheet export`: the library as JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

use crate::library::{Article, Library};

/// One line of `export` output; the field names are part of the contract.
#[derive(Debug, Serialize)]
pub struct ExportRecord<'a> {
    pub id: String,
    pub path: String,
    pub format: &'static str,
    pub title: &'a str,
    pub authors: Vec<&'a str>,
    pub bio: Option<&'a str>,
    pub date: Option<String>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub tags: &'a [String],
    pub paragraphs: Vec<&'a str>,
    pub quotes: Vec<ExportQuote>,
    pub words: usize,
    pub reading_minutes: usize,
    pub warnings: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct ExportQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub paragraph: usize,
}

impl<'a> ExportRecord<'a> {
    pub fn new(article: &'a Article) -> Self {
        Self {
            id: article.id.to_string(),
            path: article.path.to_string_lossy().into_owned(),
            format: article.format.name(),
            title: &article.title,
            authors: article.author_names().collect(),
            bio: article.bio(),
            date: article.date.map(|d| d.to_string()),
            source: article.source.as_deref(),
            url: article.url.as_deref(),
            tags: &article.tags,
            paragraphs: article.body.iter().map(|b| b.text.as_str()).collect(),
            quotes: article
                .quotes
                .iter()
                .map(|q| ExportQuote {
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                    paragraph: q.paragraph,
                })
                .collect(),
            words: article.words,
            reading_minutes: article.reading_minutes,
            warnings: &article.warnings,
        }
    }
}

/// Writes every article as a JSON line. A closed pipe (`| head`) ends the
/// output quietly.
pub fn write(library: &Library, out: &mut impl Write) -> io::Result<()> {
    for article in &library.articles {
        serde_json::to_writer(&mut *out, &ExportRecord::new(article))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
