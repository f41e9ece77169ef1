//! Indexes left behind by other versions of broadsheet. Each schema
//! version names its files apart (see `file_name_for`), so an upgrade
//! builds a new index beside the old one, which nothing would open again:
//! at a million articles that is gigabytes in the cache directory. When a
//! new index is made, the others of another version beside it go.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{WriteLock, files_of, lock_path, schema};

/// Deletes, from `dir`, every index of another schema version that no
/// process is writing (with its full-text file, logs and lock file).
/// Returns how many went. Anything that cannot be read is left alone.
pub fn sweep_other_versions(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut swept = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.starts_with("library-") || !name.ends_with(".db") || name.ends_with(".text.db") {
            continue;
        }
        let path = entry.path();
        if !matches!(version_of(&path), Some(version) if version != 0 && version != schema::VERSION) {
            continue;
        }
        // One being written to (an older broadsheet still running) stays.
        let Ok(Some(lock)) = WriteLock::try_take(&path) else { continue };
        for file in files_of(&path) {
            let _ = std::fs::remove_file(file);
        }
        drop(lock);
        let _ = std::fs::remove_file(lock_path(&path));
        swept += 1;
    }
    swept
}

/// The schema version an index file says it has, its log included.
fn version_of(path: &Path) -> Option<i64> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .ok()?;
    conn.pragma_query_value(None, "user_version", |row| row.get(0)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of_version(path: &Path, version: i64) {
        let conn = Connection::open(path).unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
    }

    #[test]
    fn only_indexes_of_other_versions_go() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("library-0000000000000001.db");
        let current = dir.path().join("library-0000000000000002.db");
        let other = dir.path().join("notes.db");
        index_of_version(&old, schema::VERSION - 1);
        index_of_version(&current, schema::VERSION);
        index_of_version(&other, 3);
        let old_text = super::super::fulltext::path_of(&old);
        std::fs::write(&old_text, "x").unwrap();
        assert_eq!(sweep_other_versions(dir.path()), 1);
        assert!(!old.exists() && !old_text.exists() && !lock_path(&old).exists());
        assert!(current.exists() && other.exists());
    }

    #[test]
    fn an_index_being_written_stays() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("library-0000000000000003.db");
        index_of_version(&old, schema::VERSION - 1);
        let held = WriteLock::try_take(&old).unwrap().unwrap();
        assert_eq!(sweep_other_versions(dir.path()), 0);
        assert!(old.exists());
        drop(held);
        assert_eq!(sweep_other_versions(dir.path()), 1);
    }
}
