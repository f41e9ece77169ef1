//! `broadsheet export`: the library as JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

use crate::library::Article;
use crate::store::Saved;

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
    /// Reading state, when a state file exists.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub state: Option<ExportState>,
}

/// What the state file knows of an article.
#[derive(Debug, Serialize)]
pub struct ExportState {
    pub read: bool,
    pub bookmarked: bool,
    /// Where the reader was left: the paragraph and byte at the top.
    pub position: Option<ExportPosition>,
}

#[derive(Debug, Serialize)]
pub struct ExportPosition {
    pub paragraph: usize,
    pub offset: usize,
}

#[derive(Debug, Serialize)]
pub struct ExportQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub paragraph: usize,
}

impl<'a> ExportRecord<'a> {
    pub fn new(article: &'a Article, saved: Option<&Saved>) -> Self {
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
            state: saved.map(|saved| ExportState {
                read: saved.read.contains(&article.id),
                bookmarked: saved.bookmarked.contains(&article.id),
                position: saved
                    .positions
                    .get(&article.id)
                    .map(|p| ExportPosition { paragraph: p.block, offset: p.offset }),
            }),
        }
    }
}

/// `broadsheet export`: every article as it is read.
pub struct Export {
    saved: Option<Saved>,
}

impl Export {
    pub fn new(saved: Option<Saved>) -> Self {
        Self { saved }
    }
}

/// Writes one article as a JSON line.
pub fn write_record(article: &Article, saved: Option<&Saved>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &ExportRecord::new(article, saved))?;
    out.write_all(b"\n")
}

impl super::Script for Export {
    fn article(&mut self, article: Article, out: &mut dyn Write) -> io::Result<()> {
        write_record(&article, self.saved.as_ref(), out)
    }

    fn finish(self, _: crate::library::stream::Totals, _: &mut dyn Write) -> io::Result<bool> {
        Ok(false)
    }
}
