//! The index's tables. The schema is versioned with `user_version`; an
//! index of another version is not migrated but rebuilt, since it is only
//! a cache of the library files. The full-text index is in a file of its
//! own (see `fulltext`).
//!
//! Everything a list shows is an index query: an article's `row` is its
//! place in date order (so "newest" and "oldest" walk the table itself),
//! `title_order` and `author_order` are the keys of the other orders,
//! and the authors' pages and index come from tables the refresh keeps
//! up to date as articles come and go.

use rusqlite::Connection;

/// Bump whenever a table or what a column means changes, and when what
/// parsing makes of a file changes: an index is only a cache of its
/// files, and an upgrade should show every article as it now reads.
pub const VERSION: i64 = 13;

/// Text columns holding several values (authors, bios, tags, speakers)
/// join them with the unit separator, which sanitised text never contains.
pub const SEPARATOR: char = '\u{1f}';

/// The low bits of a row number that tell articles of the same date
/// apart; the bits above hold the date (see [`super::order`]).
pub const SEQUENCE_BITS: u32 = 24;

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

-- `row` orders the articles by date: the seconds since 1800 above the
-- sequence bits, a sequence number below (0 above them for no date), so
-- the newest are at the end of the table. `id` is the article id's bits.
CREATE TABLE articles (
    row INTEGER PRIMARY KEY,
    id INTEGER NOT NULL UNIQUE,
    file INTEGER NOT NULL,
    line INTEGER NOT NULL,
    -- Where the article's record starts in its file (feeds, datasets).
    byte_offset INTEGER NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    -- The lowercased title's start, then the row: the title order's key.
    title_order BLOB NOT NULL,
    authors TEXT NOT NULL,
    -- Known before unknown, the first author's key, then newest first.
    author_order BLOB NOT NULL,
    bios TEXT NOT NULL,
    -- RFC 3339 or a plain day.
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

-- Who wrote what: one row per article and author (key '' for an article
-- with none), for author pages in date order.
CREATE TABLE article_authors (
    key TEXT NOT NULL,
    row INTEGER NOT NULL,
    PRIMARY KEY (key, row)
) WITHOUT ROWID;

-- One row per author, kept by the refresh: what the authors index lists.
CREATE TABLE authors (
    key TEXT PRIMARY KEY,
    -- The most common spelling (see author::preferred_spelling).
    name TEXT NOT NULL,
    name_order BLOB NOT NULL,
    articles INTEGER NOT NULL,
    -- The rows of the oldest and newest dated articles (0 for none).
    first_row INTEGER NOT NULL,
    last_row INTEGER NOT NULL,
    -- The longest bio an article gives, and that article's row.
    bio TEXT,
    bio_row INTEGER
) WITHOUT ROWID;
CREATE INDEX authors_by_name ON authors (name_order);
CREATE INDEX authors_by_count ON authors (articles DESC, name_order);
CREATE INDEX authors_by_latest ON authors (last_row DESC, name_order);

-- Counts behind each author's page, kept as articles come and go.
CREATE TABLE author_spellings (key TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, name)) WITHOUT ROWID;
CREATE TABLE author_sources (key TEXT NOT NULL, source TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, source)) WITHOUT ROWID;
CREATE TABLE author_months (key TEXT NOT NULL, month INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, month)) WITHOUT ROWID;
CREATE TABLE author_quoted (key TEXT NOT NULL, speaker TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, speaker)) WITHOUT ROWID;

-- A number for each person ever quoted (their key made like authors'
-- keys), so that each quotation names them in a byte or two.
CREATE TABLE person_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);

-- Every quotation a speaker is found for: who, the article's row, the
-- quotation's place among the article's quotations (what the reader
-- focuses), its first words.
CREATE TABLE quotes (
    person INTEGER NOT NULL,
    row INTEGER NOT NULL,
    n INTEGER NOT NULL,
    excerpt TEXT NOT NULL,
    PRIMARY KEY (person, row, n)
) WITHOUT ROWID;

-- One row per person quoted, kept by the refresh: what the people index lists.
CREATE TABLE people (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_order BLOB NOT NULL,
    quotes INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    last_row INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX people_by_name ON people (name_order);
CREATE INDEX people_by_count ON people (quotes DESC, name_order);
CREATE INDEX people_by_latest ON people (last_row DESC, name_order);
-- One row per source (outlet, feed), kept by the refresh: what the
-- sources view lists. Articles by source (for unread counts) come from
-- articles_by_source (see ARTICLE_INDEXES).
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    name_order BLOB NOT NULL,
    articles INTEGER NOT NULL,
    last_row INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sources_by_name ON sources (name_order);
CREATE INDEX sources_by_count ON sources (articles DESC, name_order);
CREATE INDEX sources_by_latest ON sources (last_row DESC, name_order);
CREATE TABLE person_spellings (key TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, name)) WITHOUT ROWID;
CREATE TABLE person_sources (key TEXT NOT NULL, source TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, source)) WITHOUT ROWID;
CREATE TABLE person_authors (key TEXT NOT NULL, author TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, author)) WITHOUT ROWID;
CREATE TABLE person_months (key TEXT NOT NULL, month INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (key, month)) WITHOUT ROWID;

-- How many articles the index holds, kept by the refresh: the whole
-- library's count without a pass over a million rows. `batch` is the
-- last write committed, `pair` the number its full-text file is made for
-- (see `fulltext`).
CREATE TABLE totals (articles INTEGER NOT NULL, batch INTEGER NOT NULL, pair INTEGER NOT NULL);

CREATE TABLE diagnostics (
    path BLOB NOT NULL,
    line INTEGER,
    error INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX diagnostics_by_path ON diagnostics (path);

-- authors.toml entries, by the author's key.
CREATE TABLE author_info (
    path BLOB NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    bio TEXT,
    url TEXT
);
CREATE INDEX author_info_by_path ON author_info (path);
CREATE INDEX author_info_by_key ON author_info (key);

";

/// The articles table's indexes for lists (by title, author and source)
/// and for forgetting a file's articles. An index built from nothing
/// makes them at the end, in one sorted pass each, rather than row by row
/// in random order (see [`drop_article_indexes`]); a writer opening an
/// index makes any that are missing (a build that was stopped).
const ARTICLE_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS articles_by_file ON articles (file);
CREATE INDEX IF NOT EXISTS articles_by_title ON articles (title_order);
CREATE INDEX IF NOT EXISTS articles_by_author ON articles (author_order);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles (source, row) WHERE source IS NOT NULL;
";

/// Makes the articles table's indexes that are missing.
pub fn make_article_indexes(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(ARTICLE_INDEXES)
}

/// Drops the articles table's indexes, for a build from nothing: lists
/// read while it runs sort what they show without them.
pub fn drop_article_indexes(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DROP INDEX IF EXISTS articles_by_file;
         DROP INDEX IF EXISTS articles_by_title;
         DROP INDEX IF EXISTS articles_by_author;
         DROP INDEX IF EXISTS articles_by_source;",
    )
}

/// The size of the index files' pages (SQLite's default is 4 KiB). A
/// build stores rows all over its date-ordered tables and writes every
/// page it changed at each commit; with pages twice as large the trees
/// are shallower and a commit touches fewer pages. Measured at 1,000,000
/// generated articles, alternating with 4 KiB pages in the same hour:
/// 119 s against 135 s (16 KiB: 126 s); an earlier round, 142 s against
/// 209 s, fell in a slow hour. A file made before keeps its 4 KiB pages
/// (SQLite fixes the size when a file is made); it is not rebuilt for it.
pub const PAGE_BYTES: i64 = 8192;

/// Sets the connection up and makes the tables of an empty file; fails
/// for a file that is not an index of this version. Two processes making
/// the same new index at once take turns: the tables are made in one
/// immediate transaction, after looking again at the version inside it.
pub fn prepare(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Only a file with nothing in it yet takes it.
    conn.pragma_update(None, "page_size", PAGE_BYTES)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let version = |conn: &Connection| -> rusqlite::Result<i64> {
        conn.pragma_query_value(None, "user_version", |row| row.get(0))
    };
    if version(conn)? == 0 {
        let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        if version(&tx)? == 0 {
            tx.execute_batch(TABLES)?;
            tx.execute_batch(ARTICLE_INDEXES)?;
            tx.execute("INSERT INTO totals (articles, batch, pair) VALUES (0, 0, ?1)", [pair_number()])?;
            tx.pragma_update(None, "user_version", VERSION)?;
        }
        tx.commit()?;
    }
    match version(conn)? {
        VERSION => {
            // Every table and column is there (preparing reads no rows);
            // damage deeper in the file shows when it is read, and leads
            // to a rebuild too.
            for check in [
                "SELECT file, path, size, mtime, failed, has_duplicates FROM files",
                "SELECT row, id, file, line, byte_offset, format, title, title_order, authors, author_order, bios,
                        date, source, url, tags, words, quotes, speakers, warnings, body_hash FROM articles",
                "SELECT key, row FROM article_authors",
                "SELECT key, name, name_order, articles, first_row, last_row, bio, bio_row FROM authors",
                "SELECT key, name, n FROM author_spellings",
                "SELECT key, source, n FROM author_sources",
                "SELECT key, month, n FROM author_months",
                "SELECT key, speaker, n FROM author_quoted",
                "SELECT id, key FROM person_keys",
                "SELECT person, row, n, excerpt FROM quotes",
                "SELECT key, name, name_order, quotes, articles, last_row FROM people",
                "SELECT key, name, n FROM person_spellings",
                "SELECT name, name_order, articles, last_row FROM sources",
                "SELECT key, source, n FROM person_sources",
                "SELECT key, author, n FROM person_authors",
                "SELECT key, month, n FROM person_months",
                "SELECT path, line, error, message FROM diagnostics",
                "SELECT articles, batch, pair FROM totals",
                "SELECT path, key, name, bio, url FROM author_info",
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

/// A number for a new index, which its full-text file is made for: one
/// left beside an index deleted and made again is not taken for its own.
fn pair_number() -> i64 {
    use std::hash::BuildHasher;
    let time = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    std::collections::hash_map::RandomState::new().hash_one((time, std::process::id())) as i64
}
