//! Every article of a library once, in file order, handed on as it is
//! read: what the scripting commands (`export`, `check`, `search`,
//! `authors`) are made of, so that their memory does not grow with the
//! library. Only an id and a text hash per article are kept, to show an
//! exact duplicate once and to tell namesakes apart, as a loaded library
//! does; `authors.toml` files are read first, so their bios win.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::PathBuf;

use super::article::{Article, ArticleId};
use super::author::AuthorKey;
use super::diagnostic::Diagnostic;
use super::formats::authors_file::AuthorInfo;
use super::load::{self, FileEntry, FileKind, Walk};
use super::scan::{self, ScanOptions};
use super::{LoadOptions, Progress, identity};

/// What was read, for summaries and exit statuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub articles: usize,
    /// Files (or records) that could not be loaded.
    pub failed: usize,
    pub problems: usize,
}

/// What a stream hands on.
pub enum Item<'a> {
    Article(Box<Article>),
    Problem(&'a Diagnostic),
    Progress(Progress),
}

/// An article already handed on: its text's hash, folded to 32 bits, and
/// the file it came from. Eight bytes, so that a million articles' table
/// (ids included) stays near 34 MB, 51 MB while it grows: with the whole
/// hash beside the file, padded to 16 bytes, it was 52 and 78 MB, most of
/// what `export` of a million articles held. Two texts of one title,
/// authors and date whose hashes agree in 32 bits are taken for one; at
/// one chance in four billion per such pair, that is left to chance.
#[derive(Clone, Copy)]
struct Seen {
    text: u32,
    file: u32,
}

impl Seen {
    fn new(text: u64, file: u32) -> Self {
        Self { text: fold(text), file }
    }
}

fn fold(hash: u64) -> u32 {
    (hash ^ (hash >> 32)) as u32
}

/// Reads every article under `paths` and calls `each` with it, with every
/// problem, and with progress, in file order. `each` may stop early.
pub fn stream(
    paths: &[PathBuf],
    options: &LoadOptions,
    mut each: impl FnMut(Item<'_>) -> ControlFlow<()>,
) -> Totals {
    let ignored = |entry: &FileEntry| load::is_ignored(&entry.path, &options.ignore_extensions);
    let mut streamer = Streamer::new(options.detail);
    // authors.toml files first: few and small, and their bios win.
    for entry in
        Walk::new(paths, options.read.files).flatten().filter(|e| e.kind == FileKind::Authors && !ignored(e))
    {
        let outcome = load::read_file(&entry, &options.read);
        if streamer.take_authors(outcome, &mut each).is_break() {
            return streamer.totals;
        }
    }
    let mut walk_problems: Vec<Diagnostic> = Vec::new();
    let mut ordinal: u32 = 0;
    let files = Walk::new(paths, options.read.files)
        .filter_map(|found| match found {
            Ok(entry) => Some(entry),
            Err(diagnostic) => {
                walk_problems.push(diagnostic);
                None
            }
        })
        .filter(|entry| entry.kind != FileKind::Authors && !ignored(entry))
        .map(|entry| {
            ordinal += 1;
            (entry, ordinal)
        });
    let scan_options = ScanOptions { read: &options.read, detail: options.detail };
    let mut done = 0;
    let mut stopped = false;
    scan::scan(files, scan_options, |batch| {
        done += usize::from(batch.part.ends());
        let flow = streamer.take(batch.tag, batch.articles, &batch.outcome, &mut each);
        stopped = flow.is_break();
        flow?;
        each(Item::Progress(Progress { done, total: 0 }))
    });
    for diagnostic in &walk_problems {
        if stopped {
            break;
        }
        streamer.totals.problems += 1;
        stopped = each(Item::Problem(diagnostic)).is_break();
    }
    if !streamer.duplicates.is_empty() && !stopped {
        let duplicates = std::mem::take(&mut streamer.duplicates);
        report_duplicates(paths, options, duplicates, &mut streamer.totals, &mut each);
    }
    streamer.totals
}

/// The state of a stream: totals, what was handed on, authors' bios.
struct Streamer {
    totals: Totals,
    detail: super::Detail,
    info: HashMap<AuthorKey, AuthorInfo>,
    /// Ids are hashes already: Fx hashes them with one multiplication.
    seen: rustc_hash::FxHashMap<ArticleId, Seen>,
    /// Duplicates name the file of the first copy, found by a second walk
    /// at the end: no path is kept per article.
    duplicates: Vec<(Diagnostic, u32)>,
}

impl Streamer {
    fn new(detail: super::Detail) -> Self {
        Self {
            totals: Totals::default(),
            detail,
            info: HashMap::new(),
            seen: Default::default(),
            duplicates: Vec::new(),
        }
    }

    fn take_authors(
        &mut self,
        outcome: load::FileOutcome,
        each: &mut impl FnMut(Item<'_>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.totals.failed += usize::from(outcome.failed);
        for diagnostic in &outcome.diagnostics {
            self.totals.problems += 1;
            each(Item::Problem(diagnostic))?;
        }
        for (name, entry) in outcome.authors {
            self.info.insert(AuthorKey::of(&name), entry);
        }
        ControlFlow::Continue(())
    }

    /// One file's (or part's) articles and problems.
    fn take(
        &mut self,
        file: u32,
        articles: Vec<Article>,
        outcome: &load::FileOutcome,
        each: &mut impl FnMut(Item<'_>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        self.totals.failed += usize::from(outcome.failed);
        for diagnostic in &outcome.diagnostics {
            self.totals.problems += 1;
            each(Item::Problem(diagnostic))?;
        }
        for mut article in articles {
            let text = identity::text_hash(&article);
            match self.seen.get(&article.id) {
                Some(first) if first.text == fold(text) => {
                    let message = "duplicate of an article read earlier; shown once";
                    self.duplicates
                        .push((Diagnostic::warning(&article.path, Some(article.line), message), first.file));
                    continue;
                }
                Some(_) => {
                    article.id = identity::disambiguated_id(&article);
                    let note = "another article has the same title, authors and date; told apart by its text";
                    article.warnings.push(note.to_owned());
                    let diagnostic = Diagnostic::warning(&article.path, Some(article.line), note);
                    self.totals.problems += 1;
                    each(Item::Problem(&diagnostic))?;
                }
                None => {}
            }
            self.seen.insert(article.id, Seen::new(text, file));
            apply_author_info(&mut article, &self.info);
            if self.detail == super::Detail::Identity {
                article.body = Vec::new();
            }
            self.totals.articles += 1;
            each(Item::Article(Box::new(article)))?;
        }
        ControlFlow::Continue(())
    }
}

/// Names the first copy of each duplicate (one more walk, no reading).
fn report_duplicates(
    paths: &[PathBuf],
    options: &LoadOptions,
    duplicates: Vec<(Diagnostic, u32)>,
    totals: &mut Totals,
    each: &mut impl FnMut(Item<'_>) -> ControlFlow<()>,
) {
    let mut wanted: Vec<u32> = duplicates.iter().map(|(_, file)| *file).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut names: HashMap<u32, PathBuf> = HashMap::new();
    let files = Walk::new(paths, options.read.files)
        .flatten()
        .filter(|e| e.kind != FileKind::Authors && !load::is_ignored(&e.path, &options.ignore_extensions));
    for (n, entry) in (1u32..).zip(files) {
        if wanted.binary_search(&n).is_ok() {
            names.insert(n, entry.path);
        }
    }
    for (mut diagnostic, file) in duplicates {
        if let Some(first) = names.get(&file) {
            diagnostic.message = format!("duplicate of {}; shown once", first.display());
        }
        totals.problems += 1;
        if each(Item::Problem(&diagnostic)).is_break() {
            return;
        }
    }
}

/// Bios from `authors.toml` win over an article's own.
fn apply_author_info(article: &mut Article, info: &HashMap<AuthorKey, AuthorInfo>) {
    if info.is_empty() {
        return;
    }
    for byline in &mut article.bylines {
        if let Some(bio) = info.get(&AuthorKey::of(&byline.name)).and_then(|i| i.bio.clone()) {
            byline.bio = Some(bio);
        }
    }
}
