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
pub const SCHEMA_VERSION: i64 = 1;

/// Migrations from version n-1 to n, in order.
const MIGRATIONS: [&str; 1] = ["
    CREATE TABLE article_state (
        id TEXT PRIMARY KEY,
        read INTEGER NOT NULL DEFAULT 0,
        bookmarked INTEGER NOT NULL DEFAULT 0,
        position_block INTEGER,
        position_offset INTEGER,
        updated INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE session (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"];

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
        Ok(Self { conn, path: path.to_path_buf() })
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
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'article_state'", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n > 0)
            .map_err(|e| error(e.to_string()))?;
        if !has_tables {
            return Ok(Some(Saved::default()));
        }
        let store = Self { conn, path: path.to_path_buf() };
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
        let mut statement = self
            .conn
            .prepare("SELECT id, read, bookmarked, position_block, position_offset FROM article_state")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, bool>(1)?,
                row.get::<_, bool>(2)?,
                row.get::<_, Option<i64>>(3)?,
                row.get::<_, Option<i64>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, read, bookmarked, block, offset) = row?;
            let Some(id) = parse_id(&id) else { continue };
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
                "INSERT INTO article_state (id, read, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET read = excluded.read, updated = excluded.updated",
                params![id.to_string(), read, now],
            ),
            Change::Bookmark(id, bookmarked) => self.conn.execute(
                "INSERT INTO article_state (id, bookmarked, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET bookmarked = excluded.bookmarked, updated = excluded.updated",
                params![id.to_string(), bookmarked, now],
            ),
            Change::Position(id, position) => self.conn.execute(
                "INSERT INTO article_state (id, position_block, position_offset, updated) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET position_block = excluded.position_block,
                     position_offset = excluded.position_offset, updated = excluded.updated",
                params![id.to_string(), position.map(|p| p.block as i64), position.map(|p| p.offset as i64), now],
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
        tx.execute_batch(migration)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
    }
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
    fn a_newer_schema_is_refused() {
        let (_dir, path) = temp();
        let store = Store::open(&path).unwrap();
        store.conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(store);
        let error = Store::open(&path).err().expect("refused");
        assert!(error.message.contains("newer broadsheet"), "{error}");
    }
}
