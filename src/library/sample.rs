//! The sample library compiled into the binary from `assets/library/`, so a
//! new user sees a working reader before pointing it at their own files.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::load::{FileEntry, FileOutcome, classify, parse_bytes};

static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/library");

/// How the sample library's files are named in paths and diagnostics.
pub const SAMPLE_ROOT: &str = "sample";

/// Every file of the sample, parsed, in path order.
pub fn outcomes() -> Vec<(FileEntry, FileOutcome)> {
    let mut files = Vec::new();
    collect(&SAMPLE, &mut files);
    files.sort_by(|a, b| a.path().cmp(b.path()));
    files
        .into_iter()
        .filter_map(|file| {
            let path = Path::new(SAMPLE_ROOT).join(file.path());
            let kind = classify(&path)?;
            let outcome = parse_bytes(&path, kind, file.contents(), false);
            Some((FileEntry { path, kind }, outcome))
        })
        .collect()
}

fn collect<'a>(dir: &'a Dir<'a>, files: &mut Vec<&'a include_dir::File<'a>>) {
    files.extend(dir.files());
    for sub in dir.dirs() {
        collect(sub, files);
    }
}

/// The bytes of the sample file at `path` ("sample/...").
pub fn bytes(path: &Path) -> Option<&'static [u8]> {
    let inner = path.strip_prefix(SAMPLE_ROOT).ok()?;
    SAMPLE.get_file(inner).map(include_dir::File::contents)
}

/// Every sample file's path ("sample/..."), in path order.
pub fn paths() -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(&SAMPLE, &mut files);
    let mut paths: Vec<PathBuf> = files.iter().map(|f| Path::new(SAMPLE_ROOT).join(f.path())).collect();
    paths.sort();
    paths
}

/// The sample's files by path, for tests that copy it to disk.
pub fn files() -> Vec<(PathBuf, &'static [u8])> {
    let mut files = Vec::new();
    collect(&SAMPLE, &mut files);
    files.into_iter().map(|f| (f.path().to_path_buf(), f.contents())).collect()
}
