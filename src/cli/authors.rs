//! `broadsheet authors`: the library's authors as JSON Lines.

use std::io::{self, Write};

use serde::Serialize;

use crate::library::{Author, Library};

/// One line of `authors` output.
#[derive(Debug, Serialize)]
pub struct AuthorRecord<'a> {
    pub name: &'a str,
    pub variants: &'a [String],
    pub bio: Option<&'a str>,
    /// Article ids, newest first.
    pub articles: Vec<String>,
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

impl<'a> AuthorRecord<'a> {
    pub fn new(author: &'a Author, library: &Library) -> Self {
        Self {
            name: &author.name,
            variants: &author.variants,
            bio: author.bio.as_deref(),
            articles: author.articles.iter().map(|&i| library.articles[i].id.to_string()).collect(),
            count: author.articles.len(),
            first_date: author.first_date.map(|d| d.to_string()),
            last_date: author.last_date.map(|d| d.to_string()),
        }
    }
}

pub fn write(library: &Library, out: &mut impl Write) -> io::Result<()> {
    for author in &library.authors {
        serde_json::to_writer(&mut *out, &AuthorRecord::new(author, library))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
