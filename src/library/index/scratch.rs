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
        if n == 0 {
            sweep_orphans();
        }
        let name = format!("broadsheet-{}-{n}.db", std::process::id());
        Self { path: std::env::temp_dir().join(name) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Removes the scratch indexes of sessions that ended without dropping
/// theirs (killed), where the system says which processes are alive
/// (`/proc`): a name's process id that is no process's any more.
fn sweep_orphans() {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("broadsheet-")?.strip_suffix(".db")) else {
            continue;
        };
        let Some((pid, _)) = pid.split_once('-') else { continue };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            drop(ScratchIndex { path: entry.path() });
        }
    }
}

impl Default for ScratchIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ScratchIndex {
    fn drop(&mut self) {
        for file in super::files_of(&self.path) {
            let _ = std::fs::remove_file(file);
        }
        let _ = std::fs::remove_file(super::lock_path(&self.path));
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
        let text = super::super::fulltext::path_of(&path);
        std::fs::write(&text, "x").unwrap();
        drop(scratch);
        assert!(!path.exists());
        assert!(!Path::new(&format!("{}-wal", path.display())).exists());
        assert!(!text.exists(), "the full-text file goes too");
    }

    #[test]
    fn a_dead_process_s_files_are_swept_a_live_one_s_kept() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        // Process ids above the kernel's limit (2^22) are never alive.
        let dead = std::env::temp_dir().join("broadsheet-4999999-0.db");
        let live = std::env::temp_dir().join(format!("broadsheet-{}-999.db", std::process::id()));
        for file in [&dead, &live] {
            std::fs::write(file, "x").unwrap();
        }
        std::fs::write(format!("{}-wal", dead.display()), "x").unwrap();
        sweep_orphans();
        assert!(!dead.exists() && !Path::new(&format!("{}-wal", dead.display())).exists());
        assert!(live.exists());
        std::fs::remove_file(live).unwrap();
    }
}
