//! Reading many files in order, on every core, in bounded memory: files
//! are parsed in chunks in parallel and handed on in path order; a dataset
//! (millions of rows in one file) is read row by row and handed on in
//! batches of rows, parsed in parallel too. Whoever consumes the batches
//! (the index writer, `export`, `check`) never holds more than a chunk.

use std::ops::ControlFlow;

use rayon::prelude::*;

use super::article::{Article, FileType};
use super::formats::dataset::{RawRow, row_article};
use super::formats::record::Mapping;
use super::identity::{self, Detail};
use super::load::{self, FileEntry, FileKind, FileOutcome};
use super::workers;

/// Which part of its file a batch is: a dataset comes in several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole file.
    Whole,
    /// The first rows of a dataset; more follow.
    First,
    /// Rows after the first batch; more follow.
    Middle,
    /// The last rows of a dataset (possibly none).
    Last,
}

impl Part {
    /// Whether this batch starts its file (what the file held before goes).
    pub fn starts(self) -> bool {
        matches!(self, Self::Whole | Self::First)
    }

    /// Whether this batch ends its file (the file is then fully read).
    pub fn ends(self) -> bool {
        matches!(self, Self::Whole | Self::Last)
    }
}

/// Articles read from one file, or from part of a dataset (as the caller
/// made them: see [`scan_into`]).
#[derive(Debug)]
pub struct Batch<T, A = Article> {
    pub entry: FileEntry,
    /// What the caller attached to the file (a stamp, a flag).
    pub tag: T,
    pub part: Part,
    pub articles: Vec<A>,
    /// Diagnostics, `authors.toml` entries and failure of this part.
    pub outcome: FileOutcome,
}

/// Files parsed together, in parallel, before being handed on in order:
/// small first so the first articles come at once, then bigger.
const FIRST_CHUNK_FILES: usize = 64;
const CHUNK_FILES: usize = 512;
/// Rows of a dataset handed on together.
pub const DATASET_ROWS: usize = 2048;

/// How to read.
#[derive(Debug, Clone, Copy)]
pub struct ScanOptions<'a> {
    pub read: &'a load::ReadOptions,
    pub detail: Detail,
}

/// Reads `files` in order and calls `each` with every batch, in file
/// order; `each` may stop the scan by returning `Break`. Only a chunk of
/// `files` is taken from the iterator at a time.
pub fn scan<T: Clone + Send + Sync>(
    files: impl IntoIterator<Item = (FileEntry, T)>,
    options: ScanOptions<'_>,
    each: impl FnMut(Batch<T>) -> ControlFlow<()>,
) {
    scan_into(files, options, &|article| article, each);
}

/// Like [`scan`], with each article turned by `make` into what the caller
/// keeps, on the thread that parsed it (so in parallel too).
pub fn scan_into<T: Clone + Send + Sync, A: Send>(
    files: impl IntoIterator<Item = (FileEntry, T)>,
    options: ScanOptions<'_>,
    make: &(impl Fn(Article) -> A + Sync),
    mut each: impl FnMut(Batch<T, A>) -> ControlFlow<()>,
) {
    let mut files = files.into_iter().peekable();
    let mut size = FIRST_CHUNK_FILES;
    while files.peek().is_some() {
        if files.peek().is_some_and(|(entry, _)| is_dataset(entry)) {
            let (entry, tag) = files.next().expect("peeked");
            if scan_dataset(&entry, &tag, options, make, &mut each).is_break() {
                return;
            }
            continue;
        }
        // Small files up to the next dataset go together.
        let mut chunk = Vec::with_capacity(size);
        while chunk.len() < size
            && let Some(file) = files.next_if(|(entry, _)| !is_dataset(entry))
        {
            chunk.push(file);
        }
        size = (size * 2).min(CHUNK_FILES);
        let batches: Vec<Batch<T, A>> = workers::install(|| {
            chunk
                .par_iter()
                .map(|(entry, tag)| {
                    let mut outcome = load::read_file(entry, options.read);
                    let articles = std::mem::take(&mut outcome.articles)
                        .into_iter()
                        .map(|parsed| make(identity::finish(entry, parsed, options.detail)))
                        .collect();
                    Batch { entry: entry.clone(), tag: tag.clone(), part: Part::Whole, articles, outcome }
                })
                .collect()
        });
        for batch in batches {
            if each(batch).is_break() {
                return;
            }
        }
    }
}

fn is_dataset(entry: &FileEntry) -> bool {
    matches!(entry.kind, FileKind::Articles(t) if t.is_dataset())
}

/// A dataset in batches of rows: read in order, parsed in parallel.
fn scan_dataset<T: Clone + Send + Sync, A: Send>(
    entry: &FileEntry,
    tag: &T,
    options: ScanOptions<'_>,
    make: &(impl Fn(Article) -> A + Sync),
    each: &mut impl FnMut(Batch<T, A>) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let FileKind::Articles(file_type) = entry.kind else { return ControlFlow::Continue(()) };
    let batch = |part: Part, articles: Vec<A>, outcome: FileOutcome| Batch {
        entry: entry.clone(),
        tag: tag.clone(),
        part,
        articles,
        outcome,
    };
    let mut dataset = match load::open_dataset(&entry.path, file_type, options.read) {
        Ok(dataset) => dataset,
        Err(error) => {
            let mut outcome = FileOutcome::default();
            outcome.take(&entry.path, Err(error));
            return each(batch(Part::Whole, Vec::new(), outcome));
        }
    };
    let mapping = dataset.mapping().clone();
    let mut first = true;
    let mut rows: Vec<Result<RawRow, _>> = dataset.by_ref().take(DATASET_ROWS).collect();
    loop {
        let last = rows.len() < DATASET_ROWS;
        // The next rows are read while these are parsed.
        let (parsed, next) = workers::install(|| {
            rayon::join(
                || parse_rows(&mapping, std::mem::take(&mut rows), (entry, file_type), options.detail, make),
                || if last { Vec::new() } else { dataset.by_ref().take(DATASET_ROWS).collect() },
            )
        });
        rows = next;
        let part = match (first, last) {
            (true, true) => Part::Whole,
            (true, false) => Part::First,
            (false, false) => Part::Middle,
            (false, true) => Part::Last,
        };
        first = false;
        each(batch(part, parsed.0, parsed.1))?;
        if last {
            return ControlFlow::Continue(());
        }
    }
}

fn parse_rows<A: Send>(
    mapping: &Mapping,
    rows: Vec<Result<RawRow, super::formats::ParseError>>,
    (entry, file_type): (&FileEntry, FileType),
    detail: Detail,
    make: &(impl Fn(Article) -> A + Sync),
) -> (Vec<A>, FileOutcome) {
    let results: Vec<_> = rows
        .into_par_iter()
        .map(|row| {
            let parsed = row.and_then(|row| row_article(mapping, &row)).map(|mut parsed| {
                parsed.format.get_or_insert(file_type.default_format());
                load::clean_fields(&mut parsed);
                parsed
            });
            parsed.map(|p| {
                let warnings = p.warnings.clone();
                let article = identity::finish(entry, p, detail);
                (article.line, warnings, make(article))
            })
        })
        .collect();
    let mut outcome = FileOutcome::default();
    let mut articles = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok((line, warnings, article)) => {
                for warning in warnings {
                    outcome.diagnostics.push(super::Diagnostic::warning(&entry.path, Some(line), warning));
                }
                articles.push(article);
            }
            Err(error) => outcome.take(&entry.path, Err(error)),
        }
    }
    (articles, outcome)
}
