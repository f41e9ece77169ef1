//! The library: articles loaded from disk (or the embedded sample), with
//! identities, authors and diagnostics. Nothing here knows about terminals.

pub mod article;
pub mod author;
pub mod authors;
pub mod byline;
pub mod chars;
pub mod charset;
pub mod dates;
pub mod decode;
pub mod diagnostic;
pub mod files;
pub mod formats;
pub mod html;
pub mod identity;
pub mod index;
pub mod load;
pub mod quotes;
pub mod sample;
pub mod sanitize;
pub mod scan;
pub mod search;
pub mod stats;
pub mod stream;
pub mod workers;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

pub use article::{Article, ArticleDate, ArticleId, Block, BlockKind, Byline, FileType, Format};
pub use author::{AuthorKey, UNKNOWN_AUTHOR};
pub use authors::Author;
pub use diagnostic::{Diagnostic, Severity};
pub use identity::Detail;

use formats::authors_file::AuthorInfo;
use load::{FileEntry, FileOutcome};

/// An article finished on a parsing thread, with what telling duplicates
/// apart needs once its body may be gone.
struct Finished {
    article: Article,
    /// A hash of its text: equal for exact duplicates.
    text: u64,
    /// The id it takes if another article already has its id.
    other_id: ArticleId,
}

/// Gives a parsed file's articles their ids, numbers and quotations, and
/// what telling duplicates apart needs; drops the bodies if not wanted.
fn finish_file(
    entry: &FileEntry,
    mut outcome: FileOutcome,
    options: &LoadOptions,
) -> (Vec<Finished>, FileOutcome) {
    let parsed = std::mem::take(&mut outcome.articles);
    let articles = parsed.into_iter().map(|p| identity::finish(entry, p, options.detail)).collect();
    (finished(articles, options.detail), outcome)
}

/// What telling duplicates apart needs, worked out while the bodies are
/// here; with [`Detail::Identity`] the bodies go once hashed.
fn finished(articles: Vec<Article>, detail: Detail) -> Vec<Finished> {
    articles
        .into_iter()
        .map(|mut article| {
            let text = identity::text_hash(&article);
            let other_id = identity::disambiguated_id(&article);
            if detail == Detail::Identity {
                article.body = Vec::new();
                article.has_body = false;
            }
            Finished { article, text, other_id }
        })
        .collect()
}

/// A library read whole into memory, bodies and all: what reading every
/// file gives, against which the index is checked. The reader itself
/// never holds one: it reads its lists from the index (see `index`).
#[derive(Debug, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    /// Sorted by name; "Unknown author" last.
    pub authors: Vec<Author>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files (or `.jsonl` records) that could not be loaded.
    pub failed: usize,
}

/// How far a load has got, in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Options for loading from disk.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The size limit and mapped dataset columns.
    pub read: load::ReadOptions,
    /// Extensions skipped although they could be read ("json").
    pub ignore_extensions: Vec<String>,
    /// What to work out for each article. [`Detail::Identity`] (for `check`)
    /// also drops bodies once they are hashed: a big library's text would
    /// fill memory for nothing.
    pub detail: Detail,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { read: load::ReadOptions::default(), ignore_extensions: Vec::new(), detail: Detail::Full }
    }
}

impl Library {
    /// Loads every article under `paths`, parsing files in parallel.
    pub fn load(paths: &[PathBuf], options: LoadOptions) -> Self {
        Self::load_with_progress(paths, options, |_| {})
    }

    /// Like [`Library::load`], calling `progress` as files are read.
    pub fn load_with_progress(
        paths: &[PathBuf],
        options: LoadOptions,
        progress: impl FnMut(Progress),
    ) -> Self {
        let mut progress = progress;
        let mut discovery = load::discover(paths, options.read.files);
        discovery.files.retain(|file| !load::is_ignored(&file.path, &options.ignore_extensions));
        let total = discovery.files.len();
        progress(Progress { done: 0, total });
        let files = discovery.files.into_iter().map(|f| (f, ()));
        let scan_options = scan::ScanOptions { read: &options.read, detail: options.detail };
        // Parsed on every core, assembled in file order so that ids and
        // duplicates are deterministic.
        let mut finished_files: Vec<(Vec<Finished>, FileOutcome)> = Vec::new();
        let mut done = 0;
        scan::scan(files, scan_options, |batch| {
            done += usize::from(batch.part.ends());
            progress(Progress { done, total });
            finished_files.push((finished(batch.articles, options.detail), batch.outcome));
            std::ops::ControlFlow::Continue(())
        });
        Self::assemble(finished_files, discovery.diagnostics)
    }

    /// Loads the sample library compiled into the binary.
    pub fn sample() -> Self {
        Self::build(sample::outcomes(), Vec::new())
    }

    /// Assembles parsed files into a library: ids, duplicates, authors.
    pub fn build(outcomes: Vec<(FileEntry, FileOutcome)>, diagnostics: Vec<Diagnostic>) -> Self {
        let options = LoadOptions::default();
        let finished =
            outcomes.into_par_iter().map(|(entry, outcome)| finish_file(&entry, outcome, &options)).collect();
        Self::assemble(finished, diagnostics)
    }

    fn assemble(finished: Vec<(Vec<Finished>, FileOutcome)>, mut diagnostics: Vec<Diagnostic>) -> Self {
        let mut articles: Vec<Article> = Vec::new();
        let mut by_id: HashMap<ArticleId, usize> = HashMap::new();
        let mut author_info: HashMap<AuthorKey, AuthorInfo> = HashMap::new();
        let mut failed = 0;
        let mut texts: HashMap<ArticleId, u64> = HashMap::new();
        for (finished_articles, outcome) in finished {
            failed += usize::from(outcome.failed);
            diagnostics.extend(outcome.diagnostics);
            for (name, info) in outcome.authors {
                author_info.insert(AuthorKey::of(&name), info);
            }
            for Finished { mut article, text, other_id } in finished_articles {
                match by_id.get(&article.id) {
                    Some(&existing) if texts.get(&article.id) == Some(&text) => {
                        diagnostics.push(Diagnostic::warning(
                            &article.path,
                            Some(article.line),
                            format!("duplicate of {}; shown once", articles[existing].path.display()),
                        ));
                        continue;
                    }
                    Some(_) => {
                        article.id = other_id;
                        let note =
                            "another article has the same title, authors and date; told apart by its text";
                        article.warnings.push(note.to_owned());
                        diagnostics.push(Diagnostic::warning(&article.path, Some(article.line), note));
                    }
                    None => {}
                }
                by_id.insert(article.id, articles.len());
                texts.insert(article.id, text);
                articles.push(article);
            }
        }
        let authors = authors::index(&mut articles, &author_info);
        Self { articles, authors, diagnostics, failed }
    }

    /// Problems that stopped a file or record from loading.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Named authors (without "Unknown author").
    pub fn named_authors(&self) -> usize {
        self.authors.iter().filter(|a| a.name != UNKNOWN_AUTHOR).count()
    }
}
