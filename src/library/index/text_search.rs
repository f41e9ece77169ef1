//! Search through the index's FTS5 table: words, phrases, `title:` and
//! `author:` go to SQLite; `tag:` and `source:` are checked against the
//! summaries in memory. Words match from their start ("harb" finds
//! "harbour"), ignoring case and accents, as the tokenizer folds both.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::library::search::query::{Field, TermKind};
use crate::library::search::{Query, SearchBackend, fold};
use crate::library::{ArticleId, Library};

/// Answers queries for one loaded library from its index file.
pub struct FtsIndex {
    conn: Mutex<Connection>,
    library: Arc<Library>,
    /// Library index + 1 by the article's row in the index (the FTS
    /// rowid); 0 for a row the library does not have. Rows are dense.
    by_row: Vec<u32>,
}

impl FtsIndex {
    pub fn open(path: &Path, library: Arc<Library>) -> rusqlite::Result<Self> {
        let conn = super::open_read_only(path)?;
        let index_of: HashMap<ArticleId, usize> =
            library.articles.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let mut by_row = Vec::new();
        {
            let mut statement = conn.prepare("SELECT row, id FROM articles")?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let (at, id) = (row.get::<_, i64>(0)?, ArticleId(row.get::<_, i64>(1)? as u64));
                if let (Ok(at), Some(&index)) = (usize::try_from(at), index_of.get(&id)) {
                    if by_row.len() <= at {
                        by_row.resize(at + 1, 0);
                    }
                    by_row[at] = u32::try_from(index + 1).unwrap_or(0);
                }
            }
        }
        Ok(Self { conn: Mutex::new(conn), library, by_row })
    }

    /// Which library articles match `expression`, by library index.
    fn matching(&self, expression: &str) -> Vec<bool> {
        let mut found = vec![false; self.library.articles.len()];
        let Ok(conn) = self.conn.lock() else { return found };
        let mut run = || -> rusqlite::Result<()> {
            let mut statement = conn.prepare_cached("SELECT rowid FROM text WHERE text MATCH ?1")?;
            let mut rows = statement.query([expression])?;
            while let Some(row) = rows.next()? {
                let at = usize::try_from(row.get::<_, i64>(0)?).unwrap_or(usize::MAX);
                if let Some(&index) = self.by_row.get(at).filter(|&&i| i > 0) {
                    found[index as usize - 1] = true;
                }
            }
            Ok(())
        };
        // A query FTS5 cannot parse matches nothing rather than failing.
        if run().is_err() {
            found.fill(false);
        }
        found
    }
}

/// The FTS5 expression for one term, or `None` for text without a word
/// character (which the tokenizer would drop, and which excludes nothing).
pub fn fts_term(field: Field, text: &str, phrase: bool) -> Option<String> {
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let quoted = format!("\"{}\"", text.replace('"', "\"\""));
    let term = if phrase { quoted } else { format!("{quoted}*") };
    Some(match field {
        Field::Title => format!("title : {term}"),
        Field::Author => format!("authors : {term}"),
        Field::Any | Field::Tag | Field::Source => term,
    })
}

impl SearchBackend for FtsIndex {
    fn search(&self, query: &Query) -> Vec<usize> {
        let mut wanted = Vec::new();
        let mut unwanted = Vec::new();
        let mut in_memory = Vec::new();
        for term in &query.terms {
            let TermKind::Text { field, text, phrase } = &term.kind else { continue };
            match field {
                Field::Tag | Field::Source => in_memory.push((*field, text.as_str(), term.negated)),
                _ => {
                    if let Some(expression) = fts_term(*field, text, *phrase) {
                        if term.negated { unwanted.push(expression) } else { wanted.push(expression) }
                    }
                }
            }
        }
        let allowed = (!wanted.is_empty()).then(|| self.matching(&wanted.join(" AND ")));
        let excluded = (!unwanted.is_empty()).then(|| self.matching(&unwanted.join(" OR ")));
        let articles = &self.library.articles;
        (0..articles.len())
            .filter(|&i| allowed.as_ref().is_none_or(|a| a[i]))
            .filter(|&i| excluded.as_ref().is_none_or(|e| !e[i]))
            .filter(|&i| {
                in_memory.iter().all(|&(field, text, negated)| {
                    let article = &articles[i];
                    let found = match field {
                        Field::Tag => article.tags.iter().any(|t| fold(t).contains(text)),
                        _ => article.source.as_deref().is_some_and(|s| fold(s).contains(text)),
                    };
                    found != negated
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_fts_expressions() {
        assert_eq!(fts_term(Field::Any, "harb", false).as_deref(), Some("\"harb\"*"));
        assert_eq!(fts_term(Field::Any, "night bus", true).as_deref(), Some("\"night bus\""));
        assert_eq!(fts_term(Field::Title, "ferry", false).as_deref(), Some("title : \"ferry\"*"));
        assert_eq!(fts_term(Field::Author, "wrona", false).as_deref(), Some("authors : \"wrona\"*"));
        assert_eq!(fts_term(Field::Any, "say \"hi", true).as_deref(), Some("\"say \"\"hi\""));
        assert_eq!(fts_term(Field::Any, "--", false), None);
    }
}
