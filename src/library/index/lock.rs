//! Who may write the index: one process at a time holds the lock file
//! beside it (`<index>.lock`). The lock is the operating system's, so it
//! goes with its process however that ends; the file itself stays.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::IndexError;

/// The right to write an index, until dropped.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// The lock file of the index at `index`.
pub fn lock_path(index: &Path) -> PathBuf {
    let mut name = index.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl WriteLock {
    /// Takes the lock if no other process holds it; `None` if one does.
    pub fn try_take(index: &Path) -> Result<Option<Self>, IndexError> {
        let path = lock_path(index);
        let io = |source| IndexError::Io { path: path.clone(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(error)) => Err(io(error)),
        }
    }

    /// Takes the lock, waiting for another process to let it go.
    pub fn take(index: &Path) -> Result<Self, IndexError> {
        let path = lock_path(index);
        let io = |source| IndexError::Io { path: path.clone(), source };
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io)?;
        file.lock().map_err(io)?;
        Ok(Self { _file: file })
    }

    /// Whether another process holds the lock now (without taking it).
    pub fn is_held_elsewhere(index: &Path) -> bool {
        matches!(Self::try_take(index), Ok(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_free_once_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("library.db");
        let first = WriteLock::try_take(&index).unwrap().expect("free at first");
        // Another open file description: as another process would see it.
        assert!(WriteLock::try_take(&index).unwrap().is_none());
        assert!(WriteLock::is_held_elsewhere(&index));
        drop(first);
        assert!(!WriteLock::is_held_elsewhere(&index));
        assert!(WriteLock::try_take(&index).unwrap().is_some());
    }
}
