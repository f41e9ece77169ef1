//! The index's tables. The schema is versioned with `user_version`; an
//! index of another version is not migrated but rebuilt, since it is only
//! a cache of the library files.

use rusqlite::Connection;

/// Bump whenever a table or what a column means changes.
pub const VERSION: i64 = 4;

/// The full-text index's in-memory buffer (SQLite's default is 1 MiB).
const FTS_HASH_BYTES: i64 = 64 * 1024 * 1024;

/// Text columns holding several values (authors, bios, tags, speakers)
/// join them with the unit separator, which sanitised text never contains.
pub const SEPARATOR: char = '\u{1f}';

const TABLES: &str = "
-- Every path is stored here once; articles refer to their file.
CREATE TABLE files (
    file INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    -- Some article of this file was left out as a duplicate of another
    -- file's: parse it again when articles go away.
    has_duplicates INTEGER NOT NULL
);

-- Rows are appended in the order articles are stored (so both tables
-- grow at their end); `id` is the article id's 64 bits.
CREATE TABLE articles (
    row INTEGER PRIMARY KEY,
    id INTEGER NOT NULL UNIQUE,
    file INTEGER NOT NULL,
    line INTEGER NOT NULL,
    -- Where the article's record starts in its file (feeds, datasets).
    byte_offset INTEGER NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    bios TEXT NOT NULL,
    -- RFC 3339 or a plain day: as text, in date order either way.
    date TEXT,
    source TEXT,
    url TEXT,
    tags TEXT NOT NULL,
    words INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    speakers TEXT NOT NULL,
    warnings TEXT NOT NULL,
    body_hash INTEGER NOT NULL
);
CREATE INDEX articles_by_file ON articles (file);
CREATE INDEX articles_by_date ON articles (date DESC);

CREATE TABLE diagnostics (
    path BLOB NOT NULL,
    line INTEGER,
    error INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX diagnostics_by_path ON diagnostics (path);

CREATE TABLE author_info (
    path BLOB NOT NULL,
    name TEXT NOT NULL,
    bio TEXT,
    url TEXT
);
CREATE INDEX author_info_by_path ON author_info (path);

-- Contentless: the text lives in the article files, not twice on disk.
-- Its rowid is the article's row.
CREATE VIRTUAL TABLE text USING fts5 (
    title, authors, body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2'
);
";

/// Sets the connection up and makes the tables of an empty file; fails
/// for a file that is not an index of this version.
pub fn prepare(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    match version {
        0 => {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(TABLES)?;
            // Terms are gathered in memory up to this many bytes before a
            // segment is written: bigger segments, far fewer merges.
            tx.execute("INSERT INTO text (text, rank) VALUES ('hashsize', ?1)", [FTS_HASH_BYTES])?;
            tx.pragma_update(None, "user_version", VERSION)?;
            tx.commit()
        }
        VERSION => {
            // Every table and column is there (preparing reads no rows);
            // damage deeper in the file shows when it is read, and leads
            // to a rebuild too.
            for check in [
                "SELECT file, path, size, mtime, failed, has_duplicates FROM files",
                "SELECT row, id, file, line, byte_offset, format, title, authors, bios, date, source, url, tags, words,
                        quotes, speakers, warnings, body_hash FROM articles",
                "SELECT path, line, error, message FROM diagnostics",
                "SELECT path, name, bio, url FROM author_info",
                "SELECT rowid FROM text WHERE text MATCH 'x'",
            ] {
                conn.prepare(check)?;
            }
            Ok(())
        }
        other => Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
            Some(format!("schema version {other}, expected {VERSION}")),
        )),
    }
}
