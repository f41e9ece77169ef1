//! Search through the index's FTS5 table: words, phrases, `title:` and
//! `author:` go to SQLite; `tag:` and `source:` are checked against the
//! summaries in memory. Words match from their start ("harb" finds
//! "harbour"), ignoring case and accents, as the tokenizer folds both.

use std::collections::{HashMap, HashSet};
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
    /// Library index by the article's row in the index (the FTS rowid).
    by_row: HashMap<i64, usize>,
}

impl FtsIndex {
    pub fn open(path: &Path, library: Arc<Library>) -> rusqlite::Result<Self> {
        let conn = super::open_read_only(path)?;
        let index_of: HashMap<ArticleId, usize> =
            library.articles.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        let by_row = conn
            .prepare("SELECT row, id FROM articles")?
            .query_map([], |row| Ok((row.get::<_, i64>(0)?, ArticleId(row.get::<_, i64>(1)? as u64))))?
            .filter_map(|pair| match pair {
                Ok((row, id)) => index_of.get(&id).map(|&index| Ok((row, index))),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self { conn: Mutex::new(conn), library, by_row })
    }

    /// Library indexes of the articles whose text matches `expression`.
    fn matching(&self, expression: &str) -> HashSet<usize> {
        let Ok(conn) = self.conn.lock() else { return HashSet::new() };
        let run = || -> rusqlite::Result<HashSet<usize>> {
            let mut statement = conn.prepare_cached("SELECT rowid FROM text WHERE text MATCH ?1")?;
            let ids = statement.query_map([expression], |row| row.get::<_, i64>(0))?;
            let mut found = HashSet::new();
            for id in ids {
                if let Some(&index) = self.by_row.get(&id?) {
                    found.insert(index);
                }
            }
            Ok(found)
        };
        // A query FTS5 cannot parse matches nothing rather than failing.
        run().unwrap_or_default()
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
        let excluded =
            if unwanted.is_empty() { HashSet::new() } else { self.matching(&unwanted.join(" OR ")) };
        let articles = &self.library.articles;
        let candidates: Box<dyn Iterator<Item = usize>> = match &allowed {
            Some(allowed) => {
                let mut sorted: Vec<usize> = allowed.iter().copied().collect();
                sorted.sort_unstable();
                Box::new(sorted.into_iter())
            }
            None => Box::new(0..articles.len()),
        };
        candidates
            .filter(|i| !excluded.contains(i))
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
