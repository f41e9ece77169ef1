//! The full-text index, in a file of its own beside the index (see
//! [`path_of`]) and written on a thread of its own. FTS5's tokenising,
//! hashing and merging are about two fifths of storing an article; in the
//! index's file they would take turns with every other insert on the one
//! writer thread, in their own file they run beside them.
//!
//! Each write is a transaction in both files (see [`in_both`]). The
//! full-text side commits first, and records the rows it added under the
//! write's batch number; the index commits after, and records that batch
//! as its last. A process stopped between the two commits leaves rows no
//! article has: the next write deletes them before anything else, since
//! the rows they took may be given to other articles. Deletions that the
//! index never committed are harmless: their files are still changed or
//! gone, and are read again. Readers attach the file under its table's
//! name and only find articles through the `articles` table, so rows
//! committed on one side and not yet on the other are never listed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};

/// Bump whenever the file's tables change (the index's own version is
/// separate: see `schema::VERSION`).
const VERSION: i64 = 1;

/// The in-memory buffer of terms (SQLite's default is 1 MiB): bigger
/// segments, far fewer merges while a big library is indexed.
const HASH_BYTES: i64 = 64 * 1024 * 1024;

/// How many segments of one level pile up before they are merged (the
/// default is 4): fewer merges while indexing (measured: 48 against 61 us
/// per 3 KB article), for a few more segments to read per search.
const AUTOMERGE: i64 = 8;

const TABLES: &str = "
-- Contentless: the text lives in the article files, not twice on disk.
-- Its rowid is the article's row.
CREATE VIRTUAL TABLE text USING fts5 (
    title, authors, body, tags, source, speakers,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- The rows each write added, until the index has committed that write too.
CREATE TABLE batches (batch INTEGER PRIMARY KEY, rows BLOB NOT NULL);
-- The index this file belongs to (its `totals.pair`).
CREATE TABLE pair (id INTEGER NOT NULL);
INSERT INTO pair (id) VALUES (0);
";

/// The full-text file of the index at `index`.
pub fn path_of(index: &Path) -> PathBuf {
    index.with_extension("text.db")
}

/// Opens (making it if needed) the full-text file of the index whose pair
/// number is `pair` and whose last write is `batch`. Beside an index with
/// nothing written yet, a file made for another index (one deleted and
/// made again) is emptied. Fails for a file that cannot be used, and for
/// one that is not the written index's own (it was deleted or replaced):
/// the index is then made again, as for any damage.
pub fn open(path: &Path, pair: i64, batch: i64) -> rusqlite::Result<Connection> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Only a file with nothing in it yet takes it.
    conn.pragma_update(None, "page_size", super::schema::PAGE_BYTES)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let version = |conn: &Connection| -> rusqlite::Result<i64> {
        conn.pragma_query_value(None, "user_version", |row| row.get(0))
    };
    let paired = |conn: &Connection| -> rusqlite::Result<bool> {
        conn.query_row("SELECT id FROM pair", [], |row| row.get::<_, i64>(0)).map(|id| id == pair)
    };
    // Made, or emptied for this index, in one immediate transaction after
    // looking again inside it: two processes opening it take turns.
    if version(&conn)? == 0 || (version(&conn)? == VERSION && !paired(&conn)?) {
        let tx = Transaction::new_unchecked(&conn, TransactionBehavior::Immediate)?;
        if version(&tx)? == 0 {
            tx.execute_batch(TABLES)?;
            tx.execute("INSERT INTO text (text, rank) VALUES ('hashsize', ?1)", [HASH_BYTES])?;
            tx.execute("INSERT INTO text (text, rank) VALUES ('automerge', ?1)", [AUTOMERGE])?;
            tx.pragma_update(None, "user_version", VERSION)?;
        }
        if version(&tx)? == VERSION && !paired(&tx)? {
            if batch > 0 {
                return Err(failure(
                    rusqlite::ffi::SQLITE_MISMATCH,
                    "the full-text file is not this index's".into(),
                ));
            }
            tx.execute("INSERT INTO text (text) VALUES ('delete-all')", [])?;
            tx.execute("DELETE FROM batches", [])?;
            tx.execute("UPDATE pair SET id = ?1", [pair])?;
        }
        tx.commit()?;
    }
    match version(&conn)? {
        VERSION => {
            check(&conn)?;
            Ok(conn)
        }
        other => Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_MISMATCH),
            Some(format!("full-text schema version {other}, expected {VERSION}")),
        )),
    }
}

/// Every table a reader or writer uses is there (damage deeper in the
/// file shows when it is read).
fn check(conn: &Connection) -> rusqlite::Result<()> {
    for statement in ["SELECT rowid FROM text WHERE text MATCH 'x'", "SELECT batch, rows FROM batches"] {
        conn.prepare(statement)?;
    }
    Ok(())
}

/// Attaches the full-text file of the index at `index` to a connection
/// reading the index, so that queries name its table as their own.
pub fn attach(conn: &Connection, index: &Path) -> rusqlite::Result<()> {
    // The path's bytes as they are, so that a name that is not UTF-8 opens.
    let path = super::rows::path_key(&path_of(index));
    conn.execute("ATTACH DATABASE CAST(?1 AS TEXT) AS fts", [path])?;
    conn.prepare("SELECT rowid FROM fts.text WHERE text MATCH 'x'").map(drop)
}

/// A full-text column's values for one article.
pub struct TextRow {
    pub title: String,
    pub authors: String,
    pub body: String,
    pub tags: String,
    pub source: String,
    pub speakers: String,
}

enum Change {
    Insert(i64, TextRow),
    Delete(i64),
    /// Everything was sent and the index's side went well: commit.
    Commit,
}

/// Where a write sends its full-text changes, in the order they apply.
pub struct Sink {
    sender: Sender<Change>,
}

impl Sink {
    pub fn insert(&self, row: i64, text: TextRow) {
        // A writer that stopped has an error to report when it is joined.
        let _ = self.sender.send(Change::Insert(row, text));
    }

    pub fn delete(&self, row: i64) {
        let _ = self.sender.send(Change::Delete(row));
    }
}

/// Runs `work` in a transaction of the index (`conn`) while the full-text
/// changes it sends are written on a thread of their own in `text`; if
/// both went well, commits the full-text side, then the index. Otherwise
/// both are rolled back and the first error is returned.
pub fn in_both<T>(
    conn: &mut Connection,
    text: &mut Connection,
    work: impl FnOnce(&Transaction<'_>, &Sink) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let tx = conn.transaction()?;
    let batch = tx.query_row("SELECT batch FROM totals", [], |row| row.get::<_, i64>(0))? + 1;
    std::thread::scope(|scope| {
        let (sender, changes) = mpsc::channel();
        let writer = std::thread::Builder::new()
            .name("index-text".into())
            .spawn_scoped(scope, move || write(text, batch, changes))
            .map_err(|e| failure(rusqlite::ffi::SQLITE_IOERR, format!("full-text writer: {e}")))?;
        let sink = Sink { sender };
        let done = work(&tx, &sink).and_then(|value| {
            tx.execute("UPDATE totals SET batch = ?1", [batch])?;
            Ok(value)
        });
        if done.is_ok() {
            let _ = sink.sender.send(Change::Commit);
        }
        drop(sink);
        let written = writer.join().unwrap_or_else(|_| {
            Err(failure(rusqlite::ffi::SQLITE_INTERNAL, "full-text writer stopped".into()))
        });
        let value = done?;
        written?;
        tx.commit()?;
        Ok(value)
    })
}

fn failure(code: std::ffi::c_int, message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(message))
}

/// Applies `changes` in one transaction, committed only when told to.
fn write(text: &mut Connection, batch: i64, changes: Receiver<Change>) -> rusqlite::Result<()> {
    let tx = text.transaction_with_behavior(TransactionBehavior::Immediate)?;
    clear_uncommitted(&tx, batch)?;
    let mut added: Vec<u8> = Vec::new();
    let mut commit = false;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO text (rowid, title, authors, body, tags, source, speakers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut delete = tx.prepare_cached("DELETE FROM text WHERE rowid = ?1")?;
        for change in changes {
            match change {
                Change::Insert(row, t) => {
                    insert.execute(params![row, t.title, t.authors, t.body, t.tags, t.source, t.speakers])?;
                    added.extend_from_slice(&row.to_le_bytes());
                }
                Change::Delete(row) => {
                    delete.execute([row])?;
                }
                Change::Commit => {
                    commit = true;
                    break;
                }
            }
        }
    }
    if !commit {
        // The index's side failed: dropping the transaction rolls it back.
        return Ok(());
    }
    if !added.is_empty() {
        tx.execute("INSERT INTO batches (batch, rows) VALUES (?1, ?2)", params![batch, added])?;
    }
    tx.commit()
}

/// Forgets the record of batches the index committed (those before
/// `batch`), and deletes the rows of any it did not (from `batch` on).
fn clear_uncommitted(tx: &Transaction<'_>, batch: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM batches WHERE batch < ?1", [batch])?;
    let uncommitted: Vec<Vec<u8>> = tx
        .prepare("SELECT rows FROM batches WHERE batch >= ?1")?
        .query_map([batch], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if uncommitted.is_empty() {
        return Ok(());
    }
    let mut delete = tx.prepare("DELETE FROM text WHERE rowid = ?1")?;
    for rows in &uncommitted {
        for bytes in rows.chunks_exact(8) {
            delete.execute([i64::from_le_bytes(bytes.try_into().expect("eight bytes"))])?;
        }
    }
    tx.execute("DELETE FROM batches WHERE batch >= ?1", [batch])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_conn() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE totals (batch INTEGER NOT NULL); INSERT INTO totals VALUES (0);")
            .unwrap();
        conn
    }

    fn row(word: &str) -> TextRow {
        TextRow {
            title: word.into(),
            authors: String::new(),
            body: format!("{word} and more"),
            tags: String::new(),
            source: String::new(),
            speakers: String::new(),
        }
    }

    /// One write, in both files, of one article with `word` at `at`.
    fn store_one(conn: &mut Connection, text: &mut Connection, at: i64, word: &str) {
        in_both(conn, text, |_, sink| {
            sink.insert(at, row(word));
            Ok(())
        })
        .unwrap();
    }

    fn matches(text: &Connection, word: &str) -> Vec<i64> {
        text.prepare("SELECT rowid FROM text WHERE text MATCH ?1 ORDER BY rowid")
            .unwrap()
            .query_map([word], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn rows_the_index_never_committed_are_deleted_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.text.db");
        let mut conn = index_conn();
        let mut text = open(&path, 7, 0).unwrap();
        store_one(&mut conn, &mut text, 1, "harbour");
        // Stopped between the two commits: the full-text side committed
        // batch 2, the index is still at batch 1.
        write_alone(&mut text, 2, &[(5, "orphan")]);
        assert_eq!(matches(&text, "orphan"), vec![5]);
        store_one(&mut conn, &mut text, 5, "ferry");
        assert_eq!(matches(&text, "orphan"), Vec::<i64>::new(), "the uncommitted row went first");
        assert_eq!(matches(&text, "ferry"), vec![5]);
        assert_eq!(matches(&text, "harbour"), vec![1]);
        let batch: i64 = conn.query_row("SELECT batch FROM totals", [], |r| r.get(0)).unwrap();
        assert_eq!(batch, 2);
    }

    #[test]
    fn new_files_have_the_larger_pages() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("library.db");
        let conn = Connection::open(&index).unwrap();
        super::super::schema::prepare(&conn).unwrap();
        let text = open(&path_of(&index), 7, 0).unwrap();
        for file in [&conn, &text] {
            let size: i64 = file.pragma_query_value(None, "page_size", |r| r.get(0)).unwrap();
            assert_eq!(size, super::super::schema::PAGE_BYTES);
        }
    }

    /// Commits one batch on the full-text side only.
    fn write_alone(text: &mut Connection, batch: i64, rows: &[(i64, &str)]) {
        let (sender, changes) = mpsc::channel();
        for (r, word) in rows {
            sender.send(Change::Insert(*r, row(word))).unwrap();
        }
        sender.send(Change::Commit).unwrap();
        write(text, batch, changes).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_neither_side_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = index_conn();
        let mut text = open(&dir.path().join("t.text.db"), 1, 0).unwrap();
        let failed = in_both(&mut conn, &mut text, |tx, sink| {
            sink.insert(3, row("tide"));
            tx.execute("UPDATE totals SET batch = 40", [])?;
            tx.execute("INSERT INTO nowhere VALUES (1)", [])
        });
        assert!(failed.is_err());
        assert_eq!(matches(&text, "tide"), Vec::<i64>::new());
        let batch: i64 = conn.query_row("SELECT batch FROM totals", [], |r| r.get(0)).unwrap();
        assert_eq!(batch, 0);
    }

    #[cfg(unix)]
    #[test]
    fn a_full_text_file_whose_path_is_not_utf8_is_attached() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9"));
        std::fs::create_dir(&folder).unwrap();
        let index = folder.join("library.db");
        let mut conn = index_conn();
        let mut text = open(&path_of(&index), 1, 0).unwrap();
        store_one(&mut conn, &mut text, 4, "pier");
        let reader = Connection::open_in_memory().unwrap();
        attach(&reader, &index).unwrap();
        let found: i64 =
            reader.query_row("SELECT rowid FROM text WHERE text MATCH 'pier'", [], |r| r.get(0)).unwrap();
        assert_eq!(found, 4);
    }

    #[test]
    fn a_file_made_for_another_index_is_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.text.db");
        let mut conn = index_conn();
        let mut text = open(&path, 1, 0).unwrap();
        store_one(&mut conn, &mut text, 1, "quay");
        drop(text);
        let text = open(&path, 1, 1).unwrap();
        assert_eq!(matches(&text, "quay"), vec![1], "the same index keeps its rows");
        drop(text);
        assert!(open(&path, 2, 3).is_err(), "not the file of an index with writes");
        let text = open(&path, 2, 0).unwrap();
        assert_eq!(matches(&text, "quay"), Vec::<i64>::new(), "emptied for a new index");
    }
}
