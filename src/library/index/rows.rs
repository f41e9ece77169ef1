//! Articles, diagnostics and author entries to and from index rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Row, Transaction, params};

use super::schema::SEPARATOR;
use crate::library::article::{Article, ArticleDate, ArticleId, Byline, Format};
use crate::library::author::{AuthorKey, UNKNOWN_AUTHOR};
use crate::library::authors::Extras;
use crate::library::diagnostic::{Diagnostic, Severity};
use crate::library::formats::authors_file::AuthorInfo;
use crate::library::{Library, stats};

/// What the refresh compares to tell whether a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime: i64,
}

/// A file's stamp, from one `stat`.
pub fn stamp_of(meta: &std::fs::Metadata) -> FileStamp {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    FileStamp { size: meta.len(), mtime }
}

/// Paths are stored as their bytes, so names that are not UTF-8 survive.
pub fn path_key(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().as_bytes().to_vec()
    }
}

/// A path's bytes as stored, without copying where the platform allows.
pub fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        std::borrow::Cow::Owned(path_key(path))
    }
}

pub fn path_from_key(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(item);
    }
    out
}

fn split(text: &str) -> Vec<String> {
    if text.is_empty() { Vec::new() } else { text.split(SEPARATOR).map(str::to_owned).collect() }
}

/// A hash of an article's body, to tell a duplicate from a namesake.
pub fn body_hash(article: &Article) -> i64 {
    crate::library::identity::text_hash(article) as i64
}

/// The text FTS5 indexes for an article's body.
pub fn body_text(article: &Article) -> String {
    let mut text = String::with_capacity(article.body.iter().map(|b| b.text.len() + 2).sum());
    for block in &article.body {
        text.push_str(&block.text);
        text.push_str("\n\n");
    }
    text
}

/// Stores an article's summary and text under its id, as from `file`.
pub fn insert_article(tx: &Transaction<'_>, article: &Article, file: i64, hash: i64) -> rusqlite::Result<()> {
    let id = article.id.0 as i64;
    let authors = join(article.author_names());
    let bios = join(article.bylines.iter().map(|b| b.bio.as_deref().unwrap_or("")));
    tx.prepare_cached(
        "INSERT INTO articles (id, file, line, byte_offset, format, title, authors, bios, date, source, url,
                               tags, words, quotes, speakers, warnings, body_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        id,
        file,
        article.line as i64,
        article.offset as i64,
        article.format.name(),
        article.title,
        authors,
        bios,
        article.date.map(|d| d.to_string()),
        article.source,
        article.url,
        join(article.tags.iter().map(String::as_str)),
        article.words as i64,
        article.quote_count as i64,
        join(article.speakers.iter().map(String::as_str)),
        join(article.warnings.iter().map(String::as_str)),
        hash,
    ])?;
    let row = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO text (rowid, title, authors, body) VALUES (?1, ?2, ?3, ?4)")?.execute(
        params![
            row,
            article.title,
            article.author_names().collect::<Vec<_>>().join(", "),
            body_text(article)
        ],
    )?;
    Ok(())
}

/// The path and body hash of the article stored under `id`, if any.
pub fn holder_of(tx: &Transaction<'_>, id: ArticleId) -> rusqlite::Result<Option<(PathBuf, i64)>> {
    let mut statement = tx.prepare_cached(
        "SELECT f.path, a.body_hash FROM articles a JOIN files f ON f.file = a.file WHERE a.id = ?1",
    )?;
    let mut rows = statement.query([id.0 as i64])?;
    Ok(match rows.next()? {
        Some(row) => Some((path_from_key(row.get(0)?), row.get(1)?)),
        None => None,
    })
}

/// Forgets everything a file gave the index. Returns how many articles went.
pub fn delete_file(tx: &Transaction<'_>, path: &Path) -> rusqlite::Result<usize> {
    let key = path_key(path);
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT a.row FROM articles a JOIN files f ON f.file = a.file WHERE f.path = ?1")?
        .query_map([&key], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        tx.prepare_cached("DELETE FROM text WHERE rowid = ?1")?.execute([id])?;
        tx.prepare_cached("DELETE FROM articles WHERE row = ?1")?.execute([id])?;
    }
    tx.prepare_cached("DELETE FROM diagnostics WHERE path = ?1")?.execute([&key])?;
    tx.prepare_cached("DELETE FROM author_info WHERE path = ?1")?.execute([&key])?;
    tx.prepare_cached("DELETE FROM files WHERE path = ?1")?.execute([&key])?;
    Ok(ids.len())
}

pub fn insert_diagnostic(tx: &Transaction<'_>, diagnostic: &Diagnostic) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO diagnostics (path, line, error, message) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![
            path_key(&diagnostic.path),
            diagnostic.line.map(|l| l as i64),
            diagnostic.severity == Severity::Error,
            diagnostic.message,
        ])?;
    Ok(())
}

pub fn insert_author_info(
    tx: &Transaction<'_>,
    path: &Path,
    name: &str,
    info: &AuthorInfo,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO author_info (path, name, bio, url) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![path_key(path), name, info.bio, info.url])?;
    Ok(())
}

pub fn insert_file(
    tx: &Transaction<'_>,
    path: &Path,
    stamp: FileStamp,
    failed: bool,
    has_duplicates: bool,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO files (path, size, mtime, failed, has_duplicates) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![path_key(path), stamp.size as i64, stamp.mtime, failed, has_duplicates])?;
    Ok(tx.last_insert_rowid())
}

/// Records a later part of a file stored in parts (a dataset): its
/// stamp once the last part is in, and what the part adds to its flags.
pub fn update_file(
    tx: &Transaction<'_>,
    path: &Path,
    stamp: FileStamp,
    failed: bool,
    has_duplicates: bool,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "UPDATE files SET size = ?2, mtime = ?3, failed = failed OR ?4, has_duplicates = has_duplicates OR ?5
         WHERE path = ?1 RETURNING file",
    )?
    .query_row(params![path_key(path), stamp.size as i64, stamp.mtime, failed, has_duplicates], |row| {
        row.get(0)
    })
}

/// Calls `each` with every file the index knows and its stamp, in the
/// order of the paths' bytes (that of [`path_bytes`]).
pub fn each_file(conn: &Connection, mut each: impl FnMut(&[u8], FileStamp)) -> rusqlite::Result<()> {
    let mut statement = conn.prepare("SELECT path, size, mtime FROM files ORDER BY path")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let size: i64 = row.get(1)?;
        each(row.get_ref(0)?.as_blob()?, FileStamp { size: size as u64, mtime: row.get(2)? });
    }
    Ok(())
}

/// Files that had an article left out as a duplicate.
pub fn files_with_duplicates(conn: &Connection) -> rusqlite::Result<Vec<PathBuf>> {
    conn.prepare("SELECT path FROM files WHERE has_duplicates")?
        .query_map([], |row| Ok(path_from_key(row.get(0)?)))?
        .collect()
}

/// What a summary holds: not the bios, quote speakers and link, which the
/// reader gets from the file (the authors' share of them is gathered by
/// [`extras`]).
const SUMMARY_COLUMNS: &str = "a.id, f.path, a.line, a.format, a.title, a.authors, a.date, a.source, a.tags,
    a.words, a.quotes, a.warnings, a.byte_offset FROM articles a JOIN files f ON f.file = a.file";

/// Newest first, undated last, as the "newest" sort orders them.
const NEWEST_FIRST: &str = "ORDER BY a.date DESC, lower(a.title)";

fn summary(row: &Row<'_>) -> rusqlite::Result<Article> {
    let format: String = row.get(3)?;
    let bylines = split(&row.get::<_, String>(5)?).into_iter().map(Byline::new).collect();
    let words = usize::try_from(row.get::<_, i64>(9)?).unwrap_or(0);
    Ok(Article {
        id: ArticleId(row.get::<_, i64>(0)? as u64),
        path: path_from_key(row.get(1)?),
        line: usize::try_from(row.get::<_, i64>(2)?).unwrap_or(1),
        offset: u64::try_from(row.get::<_, i64>(12)?).unwrap_or(0),
        format: Format::from_name(&format).unwrap_or(Format::Text),
        title: row.get(4)?,
        bylines,
        date: row.get::<_, Option<String>>(6)?.and_then(|d| ArticleDate::parse(&d)),
        source: row.get(7)?,
        url: None,
        tags: split(&row.get::<_, String>(8)?),
        body: Vec::new(),
        words,
        reading_minutes: stats::reading_minutes(words),
        warnings: split(&row.get::<_, String>(11)?),
        quotes: Vec::new(),
        quote_count: usize::try_from(row.get::<_, i64>(10)?).unwrap_or(0),
        speakers: Vec::new(),
        has_body: false,
    })
}

/// Each author's longest bio and the people their articles quote, read
/// row by row without keeping any article's.
fn extras(conn: &Connection, articles: &[Article]) -> rusqlite::Result<Extras> {
    let index_of: HashMap<ArticleId, usize> = articles.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let order = |i: usize| articles[i].date.map(|d| d.order_key());
    let unknown = AuthorKey::of(UNKNOWN_AUTHOR);
    let mut extras = Extras::default();
    let mut statement =
        conn.prepare("SELECT id, authors, bios, speakers FROM articles WHERE bios != '' OR speakers != ''")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let Some(&index) = index_of.get(&ArticleId(row.get::<_, i64>(0)? as u64)) else { continue };
        let names = row.get_ref(1)?.as_str()?;
        let keys: Vec<AuthorKey> = if names.is_empty() {
            vec![unknown.clone()]
        } else {
            names.split(SEPARATOR).map(AuthorKey::of).collect()
        };
        for (key, bio) in keys.iter().zip(row.get_ref(2)?.as_str()?.split(SEPARATOR)) {
            if bio.is_empty() || names.is_empty() {
                continue;
            }
            // The longest; of two as long, the older article's (as a full read picks).
            let better = extras.bios.get(key).is_none_or(|(held, at)| {
                bio.len() > held.len() || (bio.len() == held.len() && order(index) <= order(*at))
            });
            if better {
                extras.bios.insert(key.clone(), (bio.to_owned(), index));
            }
        }
        let speakers = row.get_ref(3)?.as_str()?;
        if !speakers.is_empty() {
            for key in &keys {
                let counts = extras.quoted.entry(key.clone()).or_default();
                for speaker in speakers.split(SEPARATOR) {
                    *counts.entry(speaker.to_owned()).or_default() += 1;
                }
            }
        }
    }
    Ok(extras)
}

pub fn newest(conn: &Connection, limit: usize) -> rusqlite::Result<Vec<Article>> {
    conn.prepare(&format!("SELECT {SUMMARY_COLUMNS} {NEWEST_FIRST} LIMIT ?1"))?
        .query_map([limit as i64], summary)?
        .collect()
}

pub fn load(conn: &Connection, index_path: &Path) -> rusqlite::Result<Library> {
    // One snapshot of everything, even while a refresh writes.
    let tx = conn.unchecked_transaction()?;
    let count: i64 = tx.query_row("SELECT count(*) FROM articles", [], |row| row.get(0))?;
    let mut articles: Vec<Article> = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    // In table order: the app sorts anyway, and ORDER BY costs a sort here.
    for article in tx.prepare(&format!("SELECT {SUMMARY_COLUMNS}"))?.query_map([], summary)? {
        articles.push(article?);
    }
    let mut info: HashMap<AuthorKey, AuthorInfo> = HashMap::new();
    for entry in tx.prepare("SELECT name, bio, url FROM author_info")?.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, AuthorInfo { bio: row.get(1)?, url: row.get(2)? }))
    })? {
        let (name, entry) = entry?;
        info.insert(AuthorKey::of(&name), entry);
    }
    let diagnostics: Vec<Diagnostic> = tx
        .prepare("SELECT path, line, error, message FROM diagnostics ORDER BY path, line")?
        .query_map([], |row| {
            let path = path_from_key(row.get(0)?);
            let line = row.get::<_, Option<i64>>(1)?.and_then(|l| usize::try_from(l).ok());
            let message: String = row.get(3)?;
            Ok(if row.get(2)? {
                Diagnostic::error(&path, line, message)
            } else {
                Diagnostic::warning(&path, line, message)
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let failed: i64 = tx.query_row("SELECT count(*) FROM files WHERE failed", [], |row| row.get(0))?;
    let extras = extras(&tx, &articles)?;
    tx.commit()?;
    let failed = usize::try_from(failed).unwrap_or(0);
    Ok(Library::from_summaries(articles, &info, &extras, diagnostics, failed, Some(index_path)))
}
