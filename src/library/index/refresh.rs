//! Bringing the index up to date with the files: walk and `stat` the
//! library (no reads), compare with what the index remembers, forget the
//! files that went away, and parse new and changed files in parallel on a
//! worker while the caller stores each finished chunk.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use rayon::prelude::*;

use super::aggregates::Tally;
use super::fulltext::{self, Sink};
use super::prepared::Prepared;
use super::rows::{self, FileStamp};
use super::{Index, IndexError, sqlite};
use crate::library::article::ArticleId;
use crate::library::diagnostic::Diagnostic;
use crate::library::files::Files;
use crate::library::load::{self, FileEntry, FileKind, FileOutcome};
use crate::library::scan::{self, Part, ScanOptions};
use crate::library::{Detail, LoadOptions};

/// Files and articles stored per chunk: each chunk is one transaction, and
/// the unit in which changes reach the screen. Chunks start small (so a new
/// library's first articles show at once) and double up to the most. A
/// dataset's parts join chunks like files do. Transactions are large on
/// purpose: each one writes every page it changed (articles land all over
/// the date-ordered tables) and ends a segment of the full-text index,
/// which later merges rewrite. At a million news-length articles, chunks
/// of 16,384 files built the index in 115-117 s against 139-141 s for
/// 4,096 (run alternately); chunks of 32,768 files or more were no faster.
const FIRST_CHUNK_FILES: usize = 64;
const CHUNK_FILES: usize = 16384;
const FIRST_CHUNK_ARTICLES: usize = 2048;
const CHUNK_ARTICLES: usize = 65536;
/// The most text a chunk holds (about 16,000 news articles), so that a
/// library of long pages does not hold gigabytes in memory at once.
const CHUNK_TEXT_BYTES: usize = 64 << 20;

/// The files the walk met, kept compactly (a library may have a million):
/// every path's bytes in one buffer, and per file where its path is, its
/// stamp and what the index knows of it.
#[derive(Default)]
struct Walked {
    paths: Vec<u8>,
    files: Vec<Seen>,
}

/// A file the walk met, and what the index knows of it.
struct Seen {
    /// Its path's bytes in [`Walked::paths`].
    at: u64,
    len: u32,
    kind: FileKind,
    stamp: FileStamp,
    /// New, or different from what the index holds: to be parsed.
    changed: bool,
    /// The index has rows for it.
    known: bool,
}

impl Walked {
    /// Adds a file, to be stamped by [`Walked::stamp`].
    fn push(&mut self, entry: &FileEntry) {
        let bytes = rows::path_bytes(&entry.path);
        let at = self.paths.len() as u64;
        self.paths.extend_from_slice(&bytes);
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        let stamp = FileStamp { size: 0, mtime: 0 };
        self.files.push(Seen { at, len, kind: entry.kind, stamp, changed: true, known: false });
    }

    /// Stamps every file, on every core: at a million files the `stat`s
    /// are most of an unchanged library's refresh. A file that cannot be
    /// stat-ed keeps an empty stamp and is parsed, so its error is reported.
    fn stamp(&mut self, files: Files) {
        let paths = &self.paths;
        self.files.par_iter_mut().with_min_len(1024).for_each(|seen| {
            let bytes = &paths[seen.at as usize..seen.at as usize + seen.len as usize];
            if let Ok(stamp) = rows::with_path(bytes, |path| files.stamp(path)) {
                seen.stamp = stamp;
            }
        });
    }

    fn path(&self, seen: &Seen) -> &[u8] {
        &self.paths[seen.at as usize..seen.at as usize + seen.len as usize]
    }

    fn sort(&mut self) {
        let mut files = std::mem::take(&mut self.files);
        files.sort_unstable_by(|a, b| self.path(a).cmp(self.path(b)));
        self.files = files;
        self.files.shrink_to_fit();
    }

    fn find(&self, path: &[u8]) -> Option<usize> {
        self.files.binary_search_by(|s| self.path(s).cmp(path)).ok()
    }

    fn entry(&self, seen: &Seen) -> FileEntry {
        FileEntry { path: rows::path_from_key(self.path(seen).to_vec()), kind: seen.kind }
    }
}

/// A file (or part of a dataset) read and parsed, ready to be stored.
pub struct ParsedFile {
    entry: FileEntry,
    stamp: FileStamp,
    known: bool,
    part: Part,
    articles: Vec<Prepared>,
    outcome: FileOutcome,
}

/// A refresh under way: what went away, and the parsed files arriving in
/// chunks from the parsing worker.
pub struct Refresh {
    /// Files the index knows that are no longer there (or no longer
    /// wanted); forget them first with [`Index::forget`].
    pub removed: Vec<PathBuf>,
    /// How many files are to be parsed.
    pub to_parse: usize,
    /// How many files were found unchanged.
    pub unchanged: usize,
    /// Problems met while walking the library (unreadable directories,
    /// link loops), which belong to no file.
    pub discovery: Vec<Diagnostic>,
    chunks: Receiver<Vec<ParsedFile>>,
}

impl Refresh {
    /// The next parsed chunk, waiting for it; `None` when all are done.
    pub fn next_chunk(&self) -> Option<Vec<ParsedFile>> {
        self.chunks.recv().ok()
    }
}

/// How many files a chunk finishes (a dataset counts once, at its last part).
pub fn files_done(chunk: &[ParsedFile]) -> usize {
    chunk.iter().filter(|f| f.part.ends()).count()
}

/// What a finished refresh did, in files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefreshReport {
    pub parsed: usize,
    pub removed: usize,
    pub unchanged: usize,
}

impl Index {
    /// Walks `paths`, compares every file's size and modification time with
    /// the index, and starts parsing what is new or changed.
    pub fn plan_refresh(&mut self, paths: &[PathBuf], options: &LoadOptions) -> Result<Refresh, IndexError> {
        // Walked one file at a time, kept compactly: only the walk's
        // problems are collected whole.
        let files = options.read.files;
        let mut walked = Walked::default();
        let mut problems = Vec::new();
        for found in load::Walk::new(paths, files) {
            match found {
                Ok(entry) if !load::is_ignored(&entry.path, &options.ignore_extensions) => {
                    walked.push(&entry)
                }
                Ok(_) => {}
                Err(problem) => problems.push(problem),
            }
        }
        walked.stamp(files);
        // Both sides in path order, merged: no map of every path to build.
        walked.sort();
        let mut removed = Vec::new();
        let mut unchanged = 0;
        let mut next = 0;
        let Walked { paths: path_bytes, files: mut seen } = walked;
        let path_of = |s: &Seen| &path_bytes[s.at as usize..s.at as usize + s.len as usize];
        rows::each_file(&self.conn, |path, stamp| {
            while next < seen.len() && path_of(&seen[next]) < path {
                next += 1;
            }
            match seen.get_mut(next) {
                Some(file) if path_of(file) == path => {
                    file.known = true;
                    if file.stamp == stamp {
                        file.changed = false;
                        unchanged += 1;
                    }
                    next += 1;
                }
                // Whatever the walk did not meet is gone.
                _ => removed.push(rows::path_from_key(path.to_vec())),
            }
        })
        .map_err(|e| sqlite(&self.path, e))?;
        let walked = Walked { paths: path_bytes, files: seen };
        // An article left out as a duplicate may be the only copy now.
        let mut again: Vec<usize> = Vec::new();
        if !removed.is_empty() || unchanged < walked.files.len() {
            for path in rows::files_with_duplicates(&self.conn).map_err(|e| sqlite(&self.path, e))? {
                if let Some(at) = walked.find(&rows::path_bytes(&path))
                    && !walked.files[at].changed
                {
                    again.push(at);
                }
            }
        }
        again.sort_unstable();
        again.dedup();
        unchanged -= again.len();
        let work: Vec<(FileEntry, (FileStamp, bool))> = walked
            .files
            .iter()
            .enumerate()
            .filter(|(i, s)| s.changed || again.binary_search(i).is_ok())
            .map(|(_, s)| (walked.entry(s), (s.stamp, s.known)))
            .collect();
        drop(walked);
        // Built from nothing: the articles' indexes are made once at the
        // end, sorted, rather than row by row.
        if !work.is_empty() && unchanged == 0 && removed.is_empty() && self.article_count()? == 0 {
            super::schema::drop_article_indexes(&self.conn).map_err(|e| sqlite(&self.path, e))?;
            self.deferred_indexes = true;
        }
        let discovery = load::Discovery { files: Vec::new(), diagnostics: problems };
        let to_parse = work.len();
        // Handed over, not queued: one chunk is built while the last one is
        // stored, and no third one waits in memory.
        let (tx, chunks) = mpsc::sync_channel(0);
        let read = options.read.clone();
        thread::Builder::new()
            .name("index-parse".into())
            .spawn(move || {
                let (mut size, mut most) = (FIRST_CHUNK_FILES, FIRST_CHUNK_ARTICLES);
                let mut chunk: Vec<ParsedFile> = Vec::new();
                let (mut articles, mut bytes) = (0, 0);
                let options = ScanOptions { read: &read, detail: Detail::Full };
                scan::scan_into(work, options, &Prepared::of, |batch| {
                    let (stamp, known) = batch.tag;
                    articles += batch.articles.len();
                    bytes += batch.articles.iter().map(Prepared::text_bytes).sum::<usize>();
                    chunk.push(ParsedFile {
                        entry: batch.entry,
                        stamp,
                        known,
                        part: batch.part,
                        articles: batch.articles,
                        outcome: batch.outcome,
                    });
                    if chunk.len() >= size || articles >= most || bytes >= CHUNK_TEXT_BYTES {
                        size = (size * 2).min(CHUNK_FILES);
                        most = (most * 2).min(CHUNK_ARTICLES);
                        articles = 0;
                        bytes = 0;
                        if tx.send(std::mem::take(&mut chunk)).is_err() {
                            return std::ops::ControlFlow::Break(());
                        }
                    }
                    std::ops::ControlFlow::Continue(())
                });
                if !chunk.is_empty() {
                    let _ = tx.send(chunk);
                }
            })
            .map_err(|source| IndexError::Io { path: self.path.clone(), source })?;
        Ok(Refresh { removed, to_parse, unchanged, discovery: discovery.diagnostics, chunks })
    }

    /// Forgets files that went away, and replaces the walk's own problems
    /// with this walk's. Returns how many articles went.
    pub fn forget(&mut self, removed: &[PathBuf], discovery: &[Diagnostic]) -> Result<usize, IndexError> {
        let path = self.path.clone();
        let run = |tx: &rusqlite::Transaction<'_>, text: &Sink| -> rusqlite::Result<usize> {
            let mut tally = Tally::default();
            let mut gone = 0;
            for file in removed {
                gone += rows::delete_file(tx, text, file, &mut tally)?;
            }
            tally.apply(tx)?;
            tx.execute("DELETE FROM diagnostics WHERE path NOT IN (SELECT path FROM files)", [])?;
            for diagnostic in discovery {
                rows::insert_diagnostic(tx, diagnostic)?;
            }
            Ok(gone)
        };
        fulltext::in_both(&mut self.conn, &mut self.text, run).map_err(|e| sqlite(&path, e))
    }

    /// Stores one parsed chunk in one transaction, replacing what the
    /// index held for those files. Returns how many articles it stored.
    pub fn store(&mut self, chunk: Vec<ParsedFile>) -> Result<usize, IndexError> {
        let path = self.path.clone();
        self.set_bulk(true).map_err(|e| sqlite(&path, e))?;
        let people = &mut self.people;
        let run = |tx: &rusqlite::Transaction<'_>, text: &Sink| -> rusqlite::Result<usize> {
            let mut tally = Tally::default();
            // What a changed file gave before goes (a new file gave nothing).
            for file in chunk.iter().filter(|f| f.known && f.part.starts()) {
                rows::delete_file(tx, text, &file.entry.path, &mut tally)?;
            }
            // Articles kept, by id, which also catches duplicates within the
            // chunk; with their file's position in the chunk.
            let mut kept: BTreeMap<ArticleId, (Prepared, usize)> = BTreeMap::new();
            let mut file_rows = Vec::with_capacity(chunk.len());
            for file in chunk {
                let mut has_duplicates = false;
                let mut diagnostics = file.outcome.diagnostics;
                for mut prepared in file.articles {
                    let holder = |tx: &rusqlite::Transaction<'_>, id: ArticleId| match kept.get(&id) {
                        Some((other, _)) => Ok(Some((other.article.path.clone(), other.hash))),
                        None => rows::holder_of(tx, id),
                    };
                    let article = &prepared.article;
                    match holder(tx, article.id)? {
                        None => {}
                        Some((holder, held)) if held == prepared.hash => {
                            has_duplicates = true;
                            diagnostics.push(Diagnostic::warning(
                                &article.path,
                                Some(article.line),
                                format!("duplicate of {}; shown once", holder.display()),
                            ));
                            continue;
                        }
                        Some(_) => {
                            if holder(tx, prepared.distinct_id)?.is_some() {
                                has_duplicates = true;
                                continue;
                            }
                            let note = "another article has the same title, authors and date; told apart by its text";
                            diagnostics.push(Diagnostic::warning(&article.path, Some(article.line), note));
                            prepared.article.id = prepared.distinct_id;
                            prepared.article.warnings.push(note.to_owned());
                        }
                    }
                    kept.insert(prepared.article.id, (prepared, file_rows.len()));
                }
                for diagnostic in &diagnostics {
                    rows::insert_diagnostic(tx, diagnostic)?;
                }
                for (name, info) in &file.outcome.authors {
                    rows::insert_author_info(tx, &file.entry.path, name, info)?;
                }
                let failed = file.outcome.failed;
                // A dataset read in parts is stamped when its last part is
                // stored: a refresh cut short reads it again next time.
                let stamp = if file.part.ends() { file.stamp } else { FileStamp { size: 0, mtime: 0 } };
                let row = if file.part.starts() {
                    rows::insert_file(tx, &file.entry.path, stamp, failed, has_duplicates)?
                } else {
                    rows::update_file(tx, &file.entry.path, stamp, failed, has_duplicates)?
                };
                file_rows.push(row);
            }
            // Articles of the same date take rows in reverse title order,
            // so that the newest-first list shows them alphabetically.
            let mut stored: Vec<(Prepared, usize)> = kept.into_values().collect();
            stored.sort_by(|(a, _), (b, _)| {
                a.row_base.cmp(&b.row_base).then_with(|| b.title_key.cmp(&a.title_key))
            });
            let count = stored.len();
            for (prepared, file) in stored {
                rows::insert_article(tx, text, prepared, file_rows[file], &mut tally, people)?;
            }
            tally.apply(tx)?;
            Ok(count)
        };
        let stored = fulltext::in_both(&mut self.conn, &mut self.text, run);
        if stored.is_err() {
            // Numbers given in the failed write were rolled back with it.
            self.people.clear();
        }
        stored.map_err(|e| sqlite(&path, e))
    }

    /// Gives back the memory a refresh used.
    pub fn finish_refresh(&mut self) -> Result<(), IndexError> {
        self.people.clear();
        if std::mem::take(&mut self.deferred_indexes) {
            super::schema::make_article_indexes(&self.conn).map_err(|e| sqlite(&self.path, e))?;
        }
        self.set_bulk(false).map_err(|e| sqlite(&self.path, e))
    }

    /// Runs a whole refresh, calling `progress(done, total)` after each
    /// stored chunk. For callers that do not stream changes (tests, tools).
    pub fn refresh(
        &mut self,
        paths: &[PathBuf],
        options: &LoadOptions,
        mut progress: impl FnMut(&Index, usize, usize),
    ) -> Result<RefreshReport, IndexError> {
        let plan = self.plan_refresh(paths, options)?;
        self.forget(&plan.removed, &plan.discovery)?;
        let mut done = 0;
        while let Some(chunk) = plan.next_chunk() {
            done += files_done(&chunk);
            self.store(chunk)?;
            progress(self, done, plan.to_parse);
        }
        self.finish_refresh()?;
        Ok(RefreshReport { parsed: done, removed: plan.removed.len(), unchanged: plan.unchanged })
    }
}
