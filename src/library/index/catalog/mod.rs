//! The query layer: everything a view shows, read from the index by the
//! page, with the reading state file attached so that read and bookmarked
//! marks are part of every query. Nothing here holds a list of every
//! article: a list is an order (an index) and a filter, read a page at a
//! time from a position (see `list`); the authors index and an author's
//! page come from the tables the refresh keeps (see `authors`).
//!
//! A catalog is one read-only connection: each thread that queries opens
//! its own.

mod authors;
mod list;
mod people;
mod sources;
mod window;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use authors::{AuthorPage, AuthorRow, AuthorSort, Period};
pub(crate) use list::column_filter;
pub use list::{Cursor, ListRow, ListSpec, Page, Scope, SortOrder};
pub use people::{PersonPage, PersonRow, QuoteRow, people_sort_label};
pub use sources::{SourceRow, UNREAD_COUNTED, sources_sort_label};
pub use window::{Anchor, Window};

use super::rows::{path_from_key, split};
use super::schema::SEPARATOR;
use super::{IndexError, sqlite};
use crate::library::article::{Article, ArticleDate, ArticleId, Byline, Format};
use crate::library::author::AuthorKey;
use crate::library::diagnostic::Diagnostic;
use crate::library::stats;

/// Library-wide counts for the header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: usize,
    pub named_authors: usize,
    pub unread: usize,
    pub problems: usize,
    /// Problems that stopped a file or record from loading.
    pub errors: usize,
}

pub struct Catalog {
    conn: Connection,
    path: PathBuf,
    /// Author names as written, with the spelling the authors index
    /// settled on (what lists show): a few hundred names at most.
    spellings: std::cell::RefCell<std::collections::HashMap<String, String>>,
}

/// How many spellings are remembered before starting over.
const SPELLINGS_KEPT: usize = 4096;

/// The reading state as every query sees it: a view of the attached
/// state's marks, or an empty table when there is none. Both are
/// temporary, which a read-only connection may still make.
const MARKS_VIEW: &str = "CREATE TEMP VIEW marks AS
    SELECT id, read, bookmarked, position_block, position_offset FROM st.marks";
const NO_MARKS: &str = "CREATE TEMP TABLE marks (id INTEGER PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
    bookmarked INTEGER NOT NULL DEFAULT 0, position_block INTEGER, position_offset INTEGER)";

impl Catalog {
    /// Opens the index at `index` for reading, with the reading state
    /// attached from the URI `state` (see `Store::uri`; none, or one that
    /// cannot be read, reads as no marks at all).
    pub fn open(index: &Path, state: Option<&str>) -> Result<Self, IndexError> {
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(index, flags).map_err(|e| sqlite(index, e))?;
        let prepare = |conn: &Connection| -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.pragma_update(None, "cache_size", -4 * 1024)?;
            conn.set_prepared_statement_cache_capacity(64);
            super::fulltext::attach(conn, index)?;
            let attached = state.is_some_and(|uri| {
                conn.execute("ATTACH DATABASE ?1 AS st", [uri]).is_ok()
                    && conn.prepare("SELECT id, read, bookmarked FROM st.marks").is_ok()
            });
            if attached {
                conn.execute_batch(MARKS_VIEW)?;
            } else {
                let _ = conn.execute_batch("DETACH DATABASE st");
                conn.execute_batch(NO_MARKS)?;
            }
            Ok(())
        };
        prepare(&conn).map_err(|e| sqlite(index, e))?;
        // An index still being made by another process is not read yet.
        let version: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| sqlite(index, e))?;
        if version != super::schema::VERSION {
            return Err(sqlite(
                index,
                rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
                    Some(format!("schema version {version}, expected {}", super::schema::VERSION)),
                ),
            ));
        }
        Ok(Self { conn, path: index.to_path_buf(), spellings: Default::default() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, error: rusqlite::Error) -> IndexError {
        sqlite(&self.path, error)
    }

    /// Where `key` is among the keys `sql` lists (in its order, for the
    /// filter pattern `?1`): how a name index keeps its selection. Names
    /// (authors, people, sources) are few enough that reading their keys
    /// in order is cheap.
    fn position_in(&self, sql: &str, pattern: &str, key: &str) -> Result<Option<usize>, IndexError> {
        let run = || -> rusqlite::Result<Option<usize>> {
            let mut statement = self.conn.prepare_cached(sql)?;
            let mut rows = statement.query([pattern])?;
            let mut at = 0;
            while let Some(row) = rows.next()? {
                if row.get_ref(0)?.as_str()? == key {
                    return Ok(Some(at));
                }
                at += 1;
            }
            Ok(None)
        };
        run().map_err(|e| self.err(e))
    }

    /// The spelling of an author's name the library settled on (the name
    /// as written if the author is not indexed yet).
    pub fn settled(&self, name: &str) -> String {
        if let Some(known) = self.spellings.borrow().get(name) {
            return known.clone();
        }
        let settled: String = self
            .conn
            .prepare_cached("SELECT name FROM authors WHERE key = ?1")
            .and_then(|mut s| s.query_row([AuthorKey::of(name).as_str()], |r| r.get(0)).optional())
            .ok()
            .flatten()
            .unwrap_or_else(|| name.to_owned());
        let mut spellings = self.spellings.borrow_mut();
        if spellings.len() >= SPELLINGS_KEPT {
            spellings.clear();
        }
        spellings.insert(name.to_owned(), settled.clone());
        settled
    }

    /// Forgets what was read before the library changed.
    pub fn forget_cached(&self) {
        self.spellings.borrow_mut().clear();
    }

    /// What stops a query running on this connection from another thread.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// A number that changes whenever another connection commits to the
    /// index: cheap to ask, to know when to read again.
    pub fn data_version(&self) -> i64 {
        self.conn.pragma_query_value(None, "data_version", |r| r.get(0)).unwrap_or(0)
    }

    /// The counts the header shows.
    pub fn counts(&self) -> Result<Counts, IndexError> {
        let count = |sql: &str| -> rusqlite::Result<usize> {
            self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map(|n| usize::try_from(n).unwrap_or(0))
        };
        let run = || -> rusqlite::Result<Counts> {
            let articles = self.article_total()?;
            let read = count("SELECT count(*) FROM marks m JOIN articles a ON a.id = m.id WHERE m.read")?;
            Ok(Counts {
                articles,
                named_authors: count("SELECT count(*) FROM authors WHERE key != ''")?,
                unread: articles.saturating_sub(read),
                problems: count("SELECT count(*) FROM diagnostics")?,
                errors: count("SELECT count(*) FROM diagnostics WHERE error")?,
            })
        };
        run().map_err(|e| self.err(e))
    }

    /// How many articles the index holds, as the refresh keeps it.
    pub(super) fn article_total(&self) -> rusqlite::Result<usize> {
        let n: i64 = self.conn.prepare_cached("SELECT articles FROM totals")?.query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The row an article is at now, if the index has it.
    pub fn row_of(&self, id: ArticleId) -> Result<Option<i64>, IndexError> {
        self.conn
            .prepare_cached("SELECT row FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0 as i64], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// An article's summary (no body, no quotations): what reading it
    /// again from its file needs, with the bios its authors have.
    pub fn summary(&self, id: ArticleId) -> Result<Option<Article>, IndexError> {
        let run = || -> rusqlite::Result<Option<Article>> {
            let found = self
                .conn
                .prepare_cached(
                    "SELECT a.id, f.path, a.line, a.byte_offset, a.format, a.title, a.authors, a.bios, a.date,
                            a.source, a.url, a.tags, a.words, a.quotes, a.warnings
                     FROM articles a JOIN files f ON f.file = a.file WHERE a.id = ?1",
                )?
                .query_row([id.0 as i64], summary)
                .optional()?;
            let Some(mut article) = found else { return Ok(None) };
            // authors.toml bios win over the article's own.
            for byline in &mut article.bylines {
                let given: Option<String> = self
                    .conn
                    .prepare_cached("SELECT bio FROM author_info WHERE key = ?1 AND bio IS NOT NULL LIMIT 1")?
                    .query_row([AuthorKey::of(&byline.name).as_str()], |r| r.get(0))
                    .optional()?;
                if given.is_some() {
                    byline.bio = given;
                }
            }
            Ok(Some(article))
        };
        run().map_err(|e| self.err(e))
    }

    /// The authors of an article as (key, name) in byline order; the
    /// unknown author (key "") for one without any.
    pub fn authors_of(&self, id: ArticleId) -> Result<Vec<(String, String)>, IndexError> {
        let run = || -> rusqlite::Result<Vec<(String, String)>> {
            let names: String = self
                .conn
                .prepare_cached("SELECT authors FROM articles WHERE id = ?1")?
                .query_row([id.0 as i64], |r| r.get(0))
                .optional()?
                .unwrap_or_default();
            let keys: Vec<String> = if names.is_empty() {
                vec![String::new()]
            } else {
                names.split(SEPARATOR).map(|n| AuthorKey::of(n).as_str().to_owned()).collect()
            };
            let mut out: Vec<(String, String)> = Vec::new();
            for key in keys {
                let name: Option<String> = self
                    .conn
                    .prepare_cached("SELECT name FROM authors WHERE key = ?1")?
                    .query_row([&key], |r| r.get(0))
                    .optional()?;
                if let Some(name) = name
                    && !out.iter().any(|(k, _)| *k == key)
                {
                    out.push((key, name));
                }
            }
            Ok(out)
        };
        run().map_err(|e| self.err(e))
    }

    /// Problems, in path order, from `offset`.
    pub fn diagnostics(&self, offset: usize, limit: usize) -> Result<Vec<Diagnostic>, IndexError> {
        let run = || -> rusqlite::Result<Vec<Diagnostic>> {
            self.conn
                .prepare_cached(
                    "SELECT path, line, error, message FROM diagnostics ORDER BY path, line, rowid LIMIT ?1 OFFSET ?2",
                )?
                .query_map(params![limit as i64, offset as i64], |row| {
                    let path = path_from_key(row.get(0)?);
                    let line = row.get::<_, Option<i64>>(1)?.and_then(|l| usize::try_from(l).ok());
                    let message: String = row.get(3)?;
                    Ok(if row.get(2)? {
                        Diagnostic::error(&path, line, message)
                    } else {
                        Diagnostic::warning(&path, line, message)
                    })
                })?
                .collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Whether the index holds no article at all.
    pub fn is_empty(&self) -> bool {
        self.conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0)).unwrap_or(true)
    }

    /// How many problems the index holds.
    pub fn problem_count(&self) -> Result<usize, IndexError> {
        self.conn
            .prepare_cached("SELECT count(*) FROM diagnostics")
            .and_then(|mut s| s.query_row([], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Whether an article is read, and whether it is bookmarked.
    pub fn marks(&self, id: ArticleId) -> (bool, bool) {
        self.conn
            .prepare_cached("SELECT read, bookmarked FROM marks WHERE id = ?1")
            .and_then(|mut s| s.query_row([id.0 as i64], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .ok()
            .flatten()
            .unwrap_or((false, false))
    }

    /// Where the reader was left in an article, from the state file.
    pub fn position(&self, id: ArticleId) -> Option<(usize, usize)> {
        self.conn
            .prepare_cached("SELECT position_block, position_offset FROM marks WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([id.0 as i64], |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?)))
                    .optional()
            })
            .ok()
            .flatten()
            .and_then(|(b, o)| Some((usize::try_from(b?).ok()?, usize::try_from(o?).ok()?)))
    }

    /// The title of the article at `row` (for "bio from ...").
    pub fn title_at(&self, row: i64) -> Option<String> {
        self.conn
            .prepare_cached("SELECT title FROM articles WHERE row = ?1")
            .and_then(|mut s| s.query_row([row], |r| r.get(0)).optional())
            .ok()
            .flatten()
    }
}

/// An article's summary from a row of `Catalog::summary`'s query.
fn summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    let names = split(&row.get::<_, String>(6)?);
    let bios = split(&row.get::<_, String>(7)?);
    let bylines = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| Byline { name, bio: bios.get(i).filter(|b| !b.is_empty()).cloned() })
        .collect();
    let words = usize::try_from(row.get::<_, i64>(12)?).unwrap_or(0);
    let format: String = row.get(4)?;
    Ok(Article {
        id: ArticleId(row.get::<_, i64>(0)? as u64),
        path: path_from_key(row.get(1)?),
        line: usize::try_from(row.get::<_, i64>(2)?).unwrap_or(1),
        offset: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
        format: Format::from_name(&format).unwrap_or(Format::Text),
        title: row.get(5)?,
        bylines,
        date: row.get::<_, Option<String>>(8)?.and_then(|d| ArticleDate::parse(&d)),
        source: row.get(9)?,
        url: row.get(10)?,
        tags: split(&row.get::<_, String>(11)?),
        body: Vec::new(),
        words,
        reading_minutes: stats::reading_minutes(words),
        warnings: split(&row.get::<_, String>(14)?),
        quotes: Vec::new(),
        quote_count: usize::try_from(row.get::<_, i64>(13)?).unwrap_or(0),
        speakers: Vec::new(),
        has_body: false,
    })
}

#[cfg(test)]
mod tests;
