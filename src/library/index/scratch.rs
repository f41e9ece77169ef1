//! An index for one session, in the temporary directory: for the sample
//! library and for a library read without a kept index. Deleted (with its
//! log files) when dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A temporary index file's path, removed with its companions on drop.
#[derive(Debug)]
pub struct ScratchIndex {
    path: PathBuf,
}

impl ScratchIndex {
    /// A fresh name in the temporary directory (nothing is created yet).
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("broadsheet-{}-{n}.db", std::process::id());
        Self { path: std::env::temp_dir().join(name) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Default for ScratchIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ScratchIndex {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal", ".lock"] {
            let mut file = self.path.as_os_str().to_owned();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_go_when_dropped() {
        let scratch = ScratchIndex::new();
        let path = scratch.path().to_path_buf();
        assert_ne!(path, ScratchIndex::new().path());
        std::fs::write(&path, "x").unwrap();
        std::fs::write(format!("{}-wal", path.display()), "x").unwrap();
        drop(scratch);
        assert!(!path.exists());
        assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    }
}
