//! The persistent library index: one SQLite file per library that keeps
//! every article's summary (what lists, sorting and author pages need),
//! and a second beside it with an FTS5 full-text index of title, authors
//! and body (see [`fulltext`]), so that start-up, search and browsing
//! never read article files. Only the reader reads a file, when an
//! article is opened.
//!
//! The index is a cache: a file that cannot be used (corrupt, another
//! schema version, not a database) is deleted and built again.

mod aggregates;
pub mod catalog;
pub mod fulltext;
mod lock;
pub mod order;
mod prepared;
mod refresh;
mod rows;
mod schema;
mod scratch;
mod stale;
pub mod text_search;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use lock::{WriteLock, lock_path};
pub use refresh::{Refresh, RefreshReport, files_done};
pub use rows::{FileStamp, stamp_of};
pub use scratch::ScratchIndex;

/// Why the index could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("library index {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("library index {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// An open index, for reading and writing.
pub struct Index {
    conn: Connection,
    /// The full-text file's (see [`fulltext`]).
    text: Connection,
    /// The quoted people's numbers met during a refresh.
    people: rows::PersonIds,
    /// The articles table's indexes were dropped for a build from nothing,
    /// to be made when it ends.
    deferred_indexes: bool,
    path: PathBuf,
}

/// How [`Index::open`] found the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// It was usable as it was.
    Existing,
    /// There was none; an empty one was made.
    Created,
    /// It could not be used (corrupt, or another schema version) and was
    /// replaced by an empty one.
    Rebuilt,
}

impl Index {
    /// Opens the index at `path`, creating it (and its directory) if
    /// needed, and replacing it if it cannot be used.
    pub fn open(path: &Path) -> Result<(Self, Opened), IndexError> {
        let existed = files_of(path).iter().any(|file| file.exists());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| IndexError::Io { path: path.into(), source })?;
        }
        let opened = match Self::try_open(path) {
            Ok(index) => (index, if existed { Opened::Existing } else { Opened::Created }),
            Err(_) if existed => {
                remove(path)?;
                (Self::try_open(path).map_err(|source| sqlite(path, source))?, Opened::Rebuilt)
            }
            Err(source) => return Err(sqlite(path, source)),
        };
        // A new kept index (see `file_name_for`) may be an upgrade's: the
        // old version's goes.
        let kept = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("library-"));
        if opened.1 != Opened::Existing
            && kept
            && let Some(dir) = path.parent()
        {
            stale::sweep_other_versions(dir);
        }
        Ok(opened)
    }

    fn try_open(path: &Path) -> rusqlite::Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        schema::prepare(&conn)?;
        // A build from nothing that was stopped left them out.
        schema::make_article_indexes(&conn)?;
        let (pair, batch): (i64, i64) =
            conn.query_row("SELECT pair, batch FROM totals", [], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let text = fulltext::open(&fulltext::path_of(path), pair, batch)?;
        let people = rows::PersonIds::default();
        Ok(Self { conn, text, people, deferred_indexes: false, path: path.to_path_buf() })
    }

    /// Deletes the index and makes an empty one: for an index found to be
    /// damaged after it was opened.
    pub fn rebuild(self) -> Result<Self, IndexError> {
        let path = self.path.clone();
        drop(self);
        remove(&path)?;
        Self::try_open(&path).map_err(|source| sqlite(&path, source))
    }

    /// Storing many articles touches many pages: a big page cache while a
    /// refresh stores them, the default again after (freeing the pages).
    /// While storing, commits do not wait for the disk and the log is
    /// copied into the file less often: a crash can at worst damage the
    /// index, which is then rebuilt.
    fn set_bulk(&self, bulk: bool) -> rusqlite::Result<()> {
        // The full-text file is mostly appended to: a smaller cache.
        for (conn, bulk_mib) in [(&self.conn, 32), (&self.text, 8)] {
            let kib: i64 = if bulk { bulk_mib * 1024 } else { 2 * 1024 };
            conn.pragma_update(None, "cache_size", -kib)?;
            conn.pragma_update(None, "synchronous", if bulk { "OFF" } else { "NORMAL" })?;
            conn.pragma_update(None, "wal_autocheckpoint", if bulk { 16384 } else { 1000 })?;
            if !bulk {
                // Into the file, and the log back to nothing: the index's
                // size on disk is the files'.
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                conn.execute_batch("PRAGMA shrink_memory")?;
            }
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many articles the index holds (as the refresh keeps the total).
    pub fn article_count(&self) -> Result<usize, IndexError> {
        self.conn
            .query_row("SELECT articles FROM totals", [], |row| row.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|source| sqlite(&self.path, source))
    }
}

/// The index file's name for a library made of `paths` read with
/// `columns`: one index per library, told apart by a hash of its paths as
/// given and as resolved (so the same directory named two ways gets two
/// small rebuilds rather than paths that do not match), and of the dataset
/// columns the user mapped (which change what the files hold).
pub fn file_name_for(paths: &[PathBuf], columns: &super::formats::dataset::Columns) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    // Each schema its own file: two versions of broadsheet never fight
    // over one index.
    hasher.update(&schema::VERSION.to_le_bytes());
    for (role, name) in &columns.overrides {
        hasher.update(format!("{role:?}={name}\0").as_bytes());
    }
    for path in paths {
        hasher.update(rows::path_key(path).as_slice());
        hasher.update(&[0]);
        if let Ok(resolved) = std::fs::canonicalize(path) {
            hasher.update(rows::path_key(&resolved).as_slice());
        }
        hasher.update(&[1]);
    }
    format!("library-{:016x}.db", hasher.digest())
}

/// Opens an index read-only, to follow a writer's commits.
pub fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// What tells a file from another put in its place (device and inode),
/// to notice an index deleted and built again by another process.
pub fn file_identity(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let created = meta.created().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some((0, created.as_nanos() as u64))
    }
}

/// Every file an index at `path` is made of: its own, the full-text
/// file, and SQLite's logs of both (not the lock file).
pub fn files_of(path: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for base in [path.to_path_buf(), fulltext::path_of(path)] {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut file = base.as_os_str().to_owned();
            file.push(suffix);
            files.push(PathBuf::from(file));
        }
    }
    files
}

fn remove(path: &Path) -> Result<(), IndexError> {
    for file in files_of(path) {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(IndexError::Io { path: path.into(), source }),
        }
    }
    Ok(())
}

fn sqlite(path: &Path, source: rusqlite::Error) -> IndexError {
    IndexError::Sqlite { path: path.into(), source }
}
