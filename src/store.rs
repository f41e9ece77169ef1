//! Reading state that outlives a session: read marks, bookmarks, reading
//! positions and the last view, in SQLite (bundled, WAL mode) in the XDG
//! state directory. Keyed by article id, so moving files keeps the state.
//!
//! Every change is one autocommitted statement: a crash loses at most the
//! change being written, and two instances on one file interleave their
//! changes row by row without losing either's. A file that is not a state
//! database (or one from a newer broadsheet) is never written to.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, params};

use crate::library::ArticleId;

/// The schema this code writes; `PRAGMA user_version` records it.
pub const SCHEMA_VERSION: i64 = 2;

/// The marks of version 2: keyed by the article id's 64 bits as an
/// integer, so that the library index can join them (`is:unread`, unread
/// counts, "unread first") without a set of read articles in memory.
const MARKS: &str = "
    CREATE TABLE marks (
        id INTEGER PRIMARY KEY,
        read INTEGER NOT NULL DEFAULT 0,
        bookmarked INTEGER NOT NULL DEFAULT 0,
        position_block INTEGER,
        position_offset INTEGER,
        updated INTEGER NOT NULL
    );
    CREATE INDEX marks_read ON marks (id) WHERE read;
    CREATE INDEX marks_bookmarked ON marks (id) WHERE bookmarked;
";

/// Migrations from version n-1 to n, in order, each in its transaction.
const MIGRATIONS: [fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>; 2] = [
    |tx| {
        tx.execute_batch(
            "CREATE TABLE article_state (
                id TEXT PRIMARY KEY,
                read INTEGER NOT NULL DEFAULT 0,
                bookmarked INTEGER NOT NULL DEFAULT 0,
                position_block INTEGER,
                position_offset INTEGER,
                updated INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE session (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
        )
    },
    // Version 1 kept ids as hex text: copy the marks over as integers.
    |tx| {
        tx.execute_batch(MARKS)?;
        let mut old = tx.prepare(
            "SELECT id, read, bookmarked, position_block, position_offset, updated FROM article_state",
        )?;
        let mut rows = old.query([])?;
        while let Some(row) = rows.next()? {
            let Some(id) = parse_id(&row.get::<_, String>(0)?) else { continue };
            tx.execute(
                "INSERT OR REPLACE INTO marks (id, read, bookmarked, position_block, position_offset, updated)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id.0 as i64,
                    row.get::<_, bool>(1)?,
                    row.get::<_, bool>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, Option<i64>>(4)?,
                    row.get::<_, i64>(5)?
                ],
            )?;
        }
        drop(rows);
        drop(old);
        tx.execute_batch("DROP TABLE article_state")
    },
];

/// Where a reader left an article: the block and byte at the top of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub block: usize,
    pub offset: usize,
}

/// Everything stored, as loaded at start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    pub read: HashSet<ArticleId>,
    pub bookmarked: HashSet<ArticleId>,
    pub positions: HashMap<ArticleId, Position>,
    pub session: HashMap<String, String>,
}

/// One thing to remember.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read(ArticleId, bool),
    Bookmark(ArticleId, bool),
    Position(ArticleId, Option<Position>),
    Session(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "state file {}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for StoreError {}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// How another connection of this process attaches the same database
    /// to read it (the library index joins the marks this way).
    uri: String,
}

/// The default state file: `$XDG_STATE_HOME/broadsheet/state.db`.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    let dir = strategy.state_dir().unwrap_or_else(|| strategy.data_dir());
    Some(dir.join("broadsheet").join("state.db"))
}

impl Store {
    /// Opens (or creates) the state file. An existing file is checked
    /// read-only first, so a file that is not ours stays untouched.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let error = |message: String| StoreError { path: path.to_path_buf(), message };
        if path.exists() {
            check_existing(path).map_err(error)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| error(format!("cannot create {}: {e}", dir.display())))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| error(e.to_string()))?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(|e| error(e.to_string()))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            .map_err(|e| error(e.to_string()))?;
        migrate(&mut conn).map_err(|e| error(e.to_string()))?;
        Ok(Self { conn, path: path.to_path_buf(), uri: format!("file:{}?mode=ro", uri_path(path)) })
    }

    /// A state kept in memory for this session only (when the state file
    /// cannot be used), shared with the index's connections by name.
    pub fn in_memory() -> Result<Self, StoreError> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name =
            format!("/broadsheet-state-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let uri = format!("file:{name}?vfs=memdb");
        let error = |message: String| StoreError { path: PathBuf::from("(memory)"), message };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&uri, flags).map_err(|e| error(e.to_string()))?;
        migrate(&mut conn).map_err(|e| error(e.to_string()))?;
        Ok(Self { conn, path: PathBuf::from("(memory)"), uri })
    }

    /// The URI another connection attaches to read this state.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The view the last session left (sort, search, selection...).
    pub fn session(&self) -> Result<HashMap<String, String>, StoreError> {
        let run = || -> rusqlite::Result<HashMap<String, String>> {
            let mut statement = self.conn.prepare("SELECT key, value FROM session")?;
            let rows =
                statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
            rows.collect()
        };
        run().map_err(|e| self.error(e))
    }

    /// Reads a state file without writing to it (for `export` and
    /// `search`); `None` when there is no file.
    pub fn read_only(path: &Path) -> Result<Option<Saved>, StoreError> {
        if !path.exists() {
            return Ok(None);
        }
        let error = |message: String| StoreError { path: path.to_path_buf(), message };
        check_existing(path).map_err(error)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| error(e.to_string()))?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(|e| error(e.to_string()))?;
        let has_tables: bool = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'marks'", [], |r| r.get::<_, i64>(0))
            .map(|n| n > 0)
            .map_err(|e| error(e.to_string()))?;
        if !has_tables {
            return Ok(Some(Saved::default()));
        }
        let store = Self { conn, path: path.to_path_buf(), uri: String::new() };
        store.load().map(Some)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Result<Saved, StoreError> {
        self.load_inner().map_err(|e| self.error(e))
    }

    fn load_inner(&self) -> rusqlite::Result<Saved> {
        let mut saved = Saved::default();
        let mut statement =
            self.conn.prepare("SELECT id, read, bookmarked, position_block, position_offset FROM marks")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, bool>(1)?,
                row.get::<_, bool>(2)?,
                row.get::<_, Option<i64>>(3)?,
                row.get::<_, Option<i64>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, read, bookmarked, block, offset) = row?;
            let id = ArticleId(id as u64);
            if read {
                saved.read.insert(id);
            }
            if bookmarked {
                saved.bookmarked.insert(id);
            }
            if let (Some(block), Some(offset)) = (block, offset) {
                saved.positions.insert(id, Position { block: block as usize, offset: offset as usize });
            }
        }
        let mut statement = self.conn.prepare("SELECT key, value FROM session")?;
        for row in statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))? {
            let (key, value) = row?;
            saved.session.insert(key, value);
        }
        Ok(saved)
    }

    /// Writes one change, atomically.
    pub fn apply(&self, change: &Change) -> Result<(), StoreError> {
        let now = unix_now();
        let result = match change {
            Change::Read(id, read) => self.conn.execute(
                "INSERT INTO marks (id, read, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET read = excluded.read, updated = excluded.updated",
                params![id.0 as i64, read, now],
            ),
            Change::Bookmark(id, bookmarked) => self.conn.execute(
                "INSERT INTO marks (id, bookmarked, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET bookmarked = excluded.bookmarked, updated = excluded.updated",
                params![id.0 as i64, bookmarked, now],
            ),
            Change::Position(id, position) => self.conn.execute(
                "INSERT INTO marks (id, position_block, position_offset, updated) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET position_block = excluded.position_block,
                     position_offset = excluded.position_offset, updated = excluded.updated",
                params![
                    id.0 as i64,
                    position.map(|p| p.block as i64),
                    position.map(|p| p.offset as i64),
                    now
                ],
            ),
            Change::Session(key, value) => self.conn.execute(
                "INSERT INTO session (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            ),
        };
        result.map(|_| ()).map_err(|e| self.error(e))
    }

    fn error(&self, error: rusqlite::Error) -> StoreError {
        StoreError { path: self.path.clone(), message: error.to_string() }
    }
}

/// Refuses a file that is not a state database or that a newer broadsheet
/// wrote, without changing it.
fn check_existing(path: &Path) -> Result<(), String> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| e.to_string())?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .and_then(|v| conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(v)))
        .map_err(|e| format!("{e} (left untouched)"))?;
    if version > SCHEMA_VERSION {
        return Err(format!(
            "written by a newer broadsheet (schema {version}, this one knows {SCHEMA_VERSION})"
        ));
    }
    Ok(())
}

/// Brings the schema up to [`SCHEMA_VERSION`], one migration per version,
/// each in its own transaction.
fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let Some(migration) = usize::try_from(version).ok().and_then(|v| MIGRATIONS.get(v)) else {
            return tx.commit();
        };
        migration(&tx)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
    }
}

/// A path as a `file:` URI's path part.
pub fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn parse_id(text: &str) -> Option<ArticleId> {
    u64::from_str_radix(text, 16).ok().map(ArticleId)
}

fn unix_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("state.db");
        (dir, path)
    }

    #[test]
    fn round_trip() {
        let (_dir, path) = temp();
        let store = Store::open(&path).unwrap();
        let (a, b) = (ArticleId(1), ArticleId(0xdead_beef));
        store.apply(&Change::Read(a, true)).unwrap();
        store.apply(&Change::Bookmark(b, true)).unwrap();
        store.apply(&Change::Read(b, true)).unwrap();
        store.apply(&Change::Read(b, false)).unwrap();
        store.apply(&Change::Position(a, Some(Position { block: 3, offset: 17 }))).unwrap();
        store.apply(&Change::Session("query".into(), "harbour".into())).unwrap();
        drop(store);
        let saved = Store::open(&path).unwrap().load().unwrap();
        assert_eq!(saved.read, HashSet::from([a]));
        assert_eq!(saved.bookmarked, HashSet::from([b]));
        assert_eq!(saved.positions[&a], Position { block: 3, offset: 17 });
        assert_eq!(saved.session["query"], "harbour");
    }

    #[test]
    fn migrates_an_empty_file_and_uses_wal() {
        let (_dir, path) = temp();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"").unwrap();
        let store = Store::open(&path).unwrap();
        let version: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn two_connections_both_keep_their_marks() {
        let (_dir, path) = temp();
        let first = Store::open(&path).unwrap();
        let second = Store::open(&path).unwrap();
        for n in 0..50 {
            first.apply(&Change::Read(ArticleId(n), true)).unwrap();
            second.apply(&Change::Bookmark(ArticleId(1000 + n), true)).unwrap();
        }
        let saved = first.load().unwrap();
        assert_eq!(saved.read.len(), 50);
        assert_eq!(saved.bookmarked.len(), 50);
    }

    #[test]
    fn concurrent_writers_on_threads_lose_nothing() {
        let (_dir, path) = temp();
        Store::open(&path).unwrap();
        let writers: Vec<_> = (0..4u64)
            .map(|t| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let store = Store::open(&path).unwrap();
                    for n in 0..100 {
                        store.apply(&Change::Read(ArticleId(t * 1000 + n), true)).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        assert_eq!(Store::open(&path).unwrap().load().unwrap().read.len(), 400);
    }

    #[test]
    fn a_corrupt_file_is_refused_and_left_alone() {
        let (_dir, path) = temp();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let garbage = b"this is not a database, it is a shopping list: eggs, flour, more eggs".repeat(100);
        std::fs::write(&path, &garbage).unwrap();
        let error = Store::open(&path).err().expect("refused");
        assert!(error.to_string().contains("state.db"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), garbage);
        assert!(!path.with_extension("db-wal").exists());
    }

    #[test]
    fn read_only_loading_leaves_no_trace() {
        let (_dir, path) = temp();
        assert_eq!(Store::read_only(&path).unwrap(), None);
        let store = Store::open(&path).unwrap();
        store.apply(&Change::Read(ArticleId(5), true)).unwrap();
        drop(store);
        let saved = Store::read_only(&path).unwrap().unwrap();
        assert!(saved.read.contains(&ArticleId(5)));
    }

    #[test]
    fn version_one_marks_move_to_integer_ids() {
        let (_dir, path) = temp();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE article_state (id TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
                 bookmarked INTEGER NOT NULL DEFAULT 0, position_block INTEGER, position_offset INTEGER,
                 updated INTEGER NOT NULL) WITHOUT ROWID;
             CREATE TABLE session (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO article_state VALUES ('ffffffffffffffff', 1, 0, 2, 5, 1), ('00000000000000aa', 0, 1, NULL, NULL, 1);
             INSERT INTO session VALUES ('sort', 'title');
             PRAGMA user_version = 1;",
        )
        .unwrap();
        drop(conn);
        let saved = Store::open(&path).unwrap().load().unwrap();
        assert!(saved.read.contains(&ArticleId(u64::MAX)));
        assert!(saved.bookmarked.contains(&ArticleId(0xaa)));
        assert_eq!(saved.positions[&ArticleId(u64::MAX)], Position { block: 2, offset: 5 });
        assert_eq!(saved.session["sort"], "title");
    }

    #[test]
    fn a_state_in_memory_is_shared_by_name_in_this_process() {
        let store = Store::in_memory().unwrap();
        store.apply(&Change::Read(ArticleId(7), true)).unwrap();
        store.apply(&Change::Session("sort".into(), "title".into())).unwrap();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let reader = Connection::open_with_flags(":memory:", flags).unwrap();
        reader.execute("ATTACH DATABASE ?1 AS st", [store.uri()]).unwrap();
        let read: i64 =
            reader.query_row("SELECT count(*) FROM st.marks WHERE read", [], |r| r.get(0)).unwrap();
        assert_eq!(read, 1);
        assert_eq!(store.session().unwrap()["sort"], "title");
        assert_ne!(Store::in_memory().unwrap().uri(), store.uri());
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let (_dir, path) = temp();
        let store = Store::open(&path).unwrap();
        store.conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(store);
        let error = Store::open(&path).err().expect("refused");
        assert!(error.message.contains("newer broadsheet"), "{error}");
    }
}
