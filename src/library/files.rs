//! Where a library's files are read from: the disk, or the sample library
//! compiled into the binary. Everything that walks a library or reads an
//! article file goes through here, so the sample is indexed, listed and
//! read again exactly like a library on disk.

use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use super::sample;

/// A file opened for reading, from either place.
pub trait Source: Read + Seek + Send {}
impl<T: Read + Seek + Send> Source for T {}

/// The place files are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Files {
    #[default]
    Disk,
    /// The embedded sample: paths start with [`sample::SAMPLE_ROOT`].
    Sample,
}

/// What a `stat` says of a file: enough to see that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the epoch (0 when unknown).
    pub mtime: i64,
}

impl Files {
    /// Opens a file for reading.
    pub fn open(self, path: &Path) -> std::io::Result<Box<dyn Source>> {
        match self {
            Self::Disk => Ok(Box::new(std::fs::File::open(path)?)),
            Self::Sample => Ok(Box::new(Cursor::new(embedded(path)?))),
        }
    }

    /// The file's size and modification time.
    pub fn stamp(self, path: &Path) -> std::io::Result<Stamp> {
        match self {
            Self::Disk => std::fs::metadata(path).map(|meta| stamp_of(&meta)),
            Self::Sample => embedded(path).map(|bytes| Stamp { size: bytes.len() as u64, mtime: 0 }),
        }
    }

    /// The roots a library of this place is read from when none are given.
    pub fn default_roots(self) -> Vec<PathBuf> {
        match self {
            Self::Disk => Vec::new(),
            Self::Sample => vec![PathBuf::from(sample::SAMPLE_ROOT)],
        }
    }
}

/// A file's stamp, from one `stat`.
pub fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Stamp { size: meta.len(), mtime }
}

fn embedded(path: &Path) -> std::io::Result<&'static [u8]> {
    sample::bytes(path).ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_files_read_like_files_on_disk() {
        let files = sample::paths();
        assert!(files.len() > 5);
        let mut text = String::new();
        Files::Sample.open(&files[0]).unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(Files::Sample.stamp(&files[0]).unwrap().size, text.len() as u64);
        assert!(Files::Sample.open(Path::new("sample/none.txt")).is_err());
        assert!(Files::Sample.open(Path::new("elsewhere/x.txt")).is_err());
    }

    #[test]
    fn disk_stamps_see_a_change_of_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap();
        let before = Files::Disk.stamp(&path).unwrap();
        std::fs::write(&path, "three").unwrap();
        assert_ne!(Files::Disk.stamp(&path).unwrap(), before);
    }
}
