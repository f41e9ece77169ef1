//! Articles, diagnostics and author entries to and from index rows.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::aggregates::{Counted, Tally};
use super::fulltext::{Sink, TextRow};
use super::order::{self, MAX_SEQUENCE};
use super::prepared::{Prepared, author_keys, join, keys_of};
use super::schema::SEPARATOR;
use crate::library::article::ArticleId;
use crate::library::author::AuthorKey;
use crate::library::diagnostic::{Diagnostic, Severity};
use crate::library::formats::authors_file::AuthorInfo;

pub use crate::library::files::{Stamp as FileStamp, stamp_of};

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

/// Calls `f` with the path whose bytes are `bytes`, without copying them
/// where the platform allows.
pub fn with_path<T>(bytes: &[u8], f: impl FnOnce(&Path) -> T) -> T {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        f(Path::new(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        f(&path_from_key(bytes.to_vec()))
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

pub fn split(text: &str) -> Vec<String> {
    if text.is_empty() { Vec::new() } else { text.split(SEPARATOR).map(str::to_owned).collect() }
}

/// The first free row for an article of this date (see `order`).
fn next_row(tx: &Transaction<'_>, base: i64) -> rusqlite::Result<i64> {
    let held: Option<i64> = tx
        .prepare_cached("SELECT max(row) FROM articles WHERE row BETWEEN ?1 AND ?2")?
        .query_row(params![base, base + MAX_SEQUENCE], |r| r.get(0))?;
    Ok(match held {
        None => base,
        Some(row) if row < base + MAX_SEQUENCE => row + 1,
        // Sixteen million articles of one second: share the last row's
        // neighbours below (a full second never happens in practice).
        Some(_) => {
            let free: Option<i64> = tx
                .prepare_cached("SELECT min(row) - 1 FROM articles WHERE row BETWEEN ?1 AND ?2")?
                .query_row(params![base, base + MAX_SEQUENCE], |r| r.get(0))?;
            free.filter(|&r| r >= 0).unwrap_or(0)
        }
    })
}

/// Stores an article's summary under its id, as from `file`, and sends
/// its text to the full-text index, counting it in `tally` for the
/// authors' tables. Returns its row.
pub fn insert_article(
    tx: &Transaction<'_>,
    text: &Sink,
    prepared: Prepared,
    file: i64,
    tally: &mut Tally,
    people: &mut PersonIds,
) -> rusqlite::Result<i64> {
    let article = &prepared.article;
    let row = next_row(tx, prepared.row_base)?;
    tx.prepare_cached(
        "INSERT INTO articles (row, id, file, line, byte_offset, format, title, title_order, authors, author_order,
                               bios, date, source, url, tags, words, quotes, speakers, warnings, body_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        row,
        article.id.0 as i64,
        file,
        article.line as i64,
        article.offset as i64,
        article.format.name(),
        article.title,
        order::title_order_of(&prepared.title_key, row),
        prepared.authors,
        order::author_order(prepared.first_author(), row),
        prepared.bios,
        prepared.date,
        article.source,
        article.url,
        prepared.tags,
        article.words as i64,
        article.quote_count as i64,
        prepared.speakers,
        join(article.warnings.iter().map(String::as_str)),
        prepared.hash,
    ])?;
    // Each statement taken from the cache once per article, not per row.
    let mut insert_quote =
        tx.prepare_cached("INSERT OR REPLACE INTO quotes (person, row, n, excerpt) VALUES (?1, ?2, ?3, ?4)")?;
    for quote in &prepared.quotes {
        let person = people.of(tx, &quote.person)?;
        insert_quote.execute(params![person, row, quote.n, quote.excerpt])?;
    }
    let mut insert_author =
        tx.prepare_cached("INSERT OR IGNORE INTO article_authors (key, row) VALUES (?1, ?2)")?;
    for key in author_keys(&prepared.byline_keys) {
        insert_author.execute(params![key, row])?;
    }
    tally.add(&Counted {
        row,
        bylines: (article.bylines.iter().zip(&prepared.byline_keys))
            .map(|(b, key)| (b.name.as_str(), key.as_str(), b.bio.as_deref()))
            .collect(),
        source: article.source.as_deref(),
        speakers: (article.speakers.iter().zip(&prepared.speaker_keys))
            .map(|(name, key)| (name.as_str(), key.as_str()))
            .collect(),
    });
    // The text last, moved rather than copied: nothing else reads it now.
    text.insert(
        row,
        TextRow {
            title: prepared.article.title,
            authors: prepared.text.authors,
            body: prepared.text.body,
            tags: prepared.text.tags,
            source: prepared.article.source.unwrap_or_default(),
            speakers: prepared.speakers,
        },
    );
    Ok(row)
}

/// The numbers of the people quoted, as looked up or given during a
/// refresh: most quotations name someone an earlier article quoted, and a
/// map saves asking the index each time. Numbers are never taken back, so
/// what a committed write learned stays true; after a write that failed
/// (its new numbers rolled back), [`PersonIds::clear`] forgets it all.
#[derive(Default)]
pub struct PersonIds(rustc_hash::FxHashMap<String, i64>);

impl PersonIds {
    /// The number of the person with `key`, given one if they have none.
    fn of(&mut self, tx: &Transaction<'_>, key: &str) -> rusqlite::Result<i64> {
        if let Some(&id) = self.0.get(key) {
            return Ok(id);
        }
        let known: Option<i64> = tx
            .prepare_cached("SELECT id FROM person_keys WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?;
        let id = match known {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO person_keys (key) VALUES (?1)")?.execute([key])?;
                tx.last_insert_rowid()
            }
        };
        self.0.insert(key.to_owned(), id);
        Ok(id)
    }

    pub fn clear(&mut self) {
        self.0 = Default::default();
    }
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

/// Forgets everything a file gave the index (and the full-text index),
/// taking its articles out of `tally`. Returns how many articles went.
pub fn delete_file(
    tx: &Transaction<'_>,
    text: &Sink,
    path: &Path,
    tally: &mut Tally,
) -> rusqlite::Result<usize> {
    let key = path_key(path);
    type Gone = (i64, String, String, Option<String>, String);
    let gone: Vec<Gone> = tx
        .prepare_cached(
            "SELECT a.row, a.authors, a.bios, a.source, a.speakers FROM articles a JOIN files f ON f.file = a.file
             WHERE f.path = ?1",
        )?
        .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (row, authors, bios, source, speakers) in &gone {
        let names: Vec<&str> =
            if authors.is_empty() { Vec::new() } else { authors.split(SEPARATOR).collect() };
        let name_keys = keys_of(names.iter().copied());
        let bios: Vec<&str> = bios.split(SEPARATOR).collect();
        let speakers: Vec<&str> =
            if speakers.is_empty() { Vec::new() } else { speakers.split(SEPARATOR).collect() };
        let speaker_keys = keys_of(speakers.iter().copied());
        let counted = Counted {
            row: *row,
            bylines: (names.iter().zip(&name_keys).enumerate())
                .map(|(i, (n, key))| (*n, key.as_str(), bios.get(i).copied().filter(|b| !b.is_empty())))
                .collect(),
            source: source.as_deref(),
            speakers: speakers.iter().zip(&speaker_keys).map(|(s, key)| (*s, key.as_str())).collect(),
        };
        text.delete(*row);
        // Its quotations, by the keys of the people it quotes (the table's
        // key leads with the person, so no index by row is needed).
        let mut people: Vec<&String> = speaker_keys.iter().collect();
        people.sort_unstable();
        people.dedup();
        for person in people {
            tx.prepare_cached(
                "DELETE FROM quotes WHERE person = (SELECT id FROM person_keys WHERE key = ?1) AND row = ?2",
            )?
            .execute(params![person, row])?;
        }
        for author in author_keys(&name_keys) {
            tx.prepare_cached("DELETE FROM article_authors WHERE key = ?1 AND row = ?2")?
                .execute(params![author, row])?;
        }
        tx.prepare_cached("DELETE FROM articles WHERE row = ?1")?.execute([row])?;
        tally.remove(&counted);
    }
    tx.prepare_cached("DELETE FROM diagnostics WHERE path = ?1")?.execute([&key])?;
    tx.prepare_cached("DELETE FROM author_info WHERE path = ?1")?.execute([&key])?;
    tx.prepare_cached("DELETE FROM files WHERE path = ?1")?.execute([&key])?;
    Ok(gone.len())
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
    tx.prepare_cached("INSERT INTO author_info (path, key, name, bio, url) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![path_key(path), AuthorKey::of(name).as_str(), name, info.bio, info.url])?;
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
