//! The library: articles loaded from disk (or the embedded sample), with
//! identities, authors and diagnostics. Nothing here knows about terminals.

pub mod article;
pub mod author;
pub mod decode;
pub mod diagnostic;
pub mod formats;
pub mod identity;
pub mod load;
pub mod quotes;
pub mod sample;
pub mod sanitize;
pub mod stats;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

pub use article::{Article, ArticleDate, ArticleId, Block, BlockKind, Byline, Format};
pub use author::{AuthorKey, UNKNOWN_AUTHOR};
pub use diagnostic::{Diagnostic, Severity};

use formats::authors_file::AuthorInfo;
use load::{FileEntry, FileOutcome};

/// One person (or "Unknown author") and the articles credited to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub key: AuthorKey,
    /// The spelling shown everywhere (the most common one).
    pub name: String,
    /// Every spelling seen, the shown one included.
    pub variants: Vec<String>,
    pub bio: Option<String>,
    pub url: Option<String>,
    /// Indexes into [`Library::articles`].
    pub articles: Vec<usize>,
}

/// A loaded library.
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
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_file_bytes: load::DEFAULT_MAX_FILE_BYTES }
    }
}

impl Library {
    /// Loads every article under `paths`, parsing files in parallel.
    pub fn load(paths: &[PathBuf], options: LoadOptions) -> Self {
        Self::load_with_progress(paths, options, |_| {})
    }

    /// Like [`Library::load`], calling `progress` after each file (from any
    /// of the parsing threads).
    pub fn load_with_progress(
        paths: &[PathBuf],
        options: LoadOptions,
        progress: impl Fn(Progress) + Sync,
    ) -> Self {
        let discovery = load::discover(paths);
        let total = discovery.files.len();
        progress(Progress { done: 0, total });
        let done = AtomicUsize::new(0);
        let outcomes: Vec<(FileEntry, FileOutcome)> = discovery
            .files
            .into_par_iter()
            .map(|entry| {
                let outcome = load::read_file(&entry, options.max_file_bytes);
                progress(Progress { done: done.fetch_add(1, Ordering::Relaxed) + 1, total });
                (entry, outcome)
            })
            .collect();
        Self::build(outcomes, discovery.diagnostics)
    }

    /// Loads the sample library compiled into the binary.
    pub fn sample() -> Self {
        Self::build(sample::outcomes(), Vec::new())
    }

    /// Assembles parsed files into a library: ids, duplicates, authors.
    pub fn build(outcomes: Vec<(FileEntry, FileOutcome)>, mut diagnostics: Vec<Diagnostic>) -> Self {
        let mut articles: Vec<Article> = Vec::new();
        let mut by_id: HashMap<ArticleId, usize> = HashMap::new();
        let mut author_info: HashMap<AuthorKey, AuthorInfo> = HashMap::new();
        let mut failed = 0;
        for (entry, outcome) in outcomes {
            failed += usize::from(outcome.failed);
            diagnostics.extend(outcome.diagnostics);
            for (name, info) in outcome.authors {
                author_info.insert(AuthorKey::of(&name), info);
            }
            for parsed in outcome.articles {
                let mut article = identity::finish(&entry, parsed);
                match by_id.get(&article.id) {
                    Some(&existing) if articles[existing].body == article.body => {
                        diagnostics.push(Diagnostic::warning(
                            &article.path,
                            Some(article.line),
                            format!("duplicate of {}; shown once", articles[existing].path.display()),
                        ));
                        continue;
                    }
                    Some(_) => {
                        article.id = identity::disambiguated_id(&article);
                        let note =
                            "another article has the same title, authors and date; told apart by its text";
                        article.warnings.push(note.to_owned());
                        diagnostics.push(Diagnostic::warning(&article.path, Some(article.line), note));
                    }
                    None => {}
                }
                by_id.insert(article.id, articles.len());
                articles.push(article);
            }
        }
        let authors = index_authors(&mut articles, &author_info);
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

/// Groups articles by author, settles each author's spelling and bio, and
/// writes the settled spelling and bio back into the articles' bylines.
fn index_authors(articles: &mut [Article], info: &HashMap<AuthorKey, AuthorInfo>) -> Vec<Author> {
    let mut groups: HashMap<AuthorKey, (Vec<String>, Vec<usize>)> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        if article.bylines.is_empty() {
            let key = AuthorKey::of(UNKNOWN_AUTHOR);
            let group = groups.entry(key).or_default();
            group.0.push(UNKNOWN_AUTHOR.to_owned());
            group.1.push(index);
        }
        for byline in &article.bylines {
            let group = groups.entry(AuthorKey::of(&byline.name)).or_default();
            group.0.push(byline.name.clone());
            if group.1.last() != Some(&index) {
                group.1.push(index);
            }
        }
    }
    let mut authors: Vec<Author> = groups
        .into_iter()
        .map(|(key, (spellings, indexes))| {
            let name = author::preferred_spelling(spellings.iter().map(String::as_str)).unwrap_or_default();
            let mut variants = spellings;
            variants.sort();
            variants.dedup();
            let given = info.get(&key);
            let bio = given.and_then(|i| i.bio.clone()).or_else(|| longest_bio(articles, &indexes, &key));
            let url = given.and_then(|i| i.url.clone());
            Author { key, name, variants, bio, url, articles: indexes }
        })
        .collect();
    authors.sort_by(|a, b| {
        (a.name == UNKNOWN_AUTHOR, a.key.as_str()).cmp(&(b.name == UNKNOWN_AUTHOR, b.key.as_str()))
    });
    for author in &authors {
        for &index in &author.articles {
            for byline in &mut articles[index].bylines {
                if AuthorKey::of(&byline.name) == author.key {
                    byline.name.clone_from(&author.name);
                    if info.get(&author.key).is_some_and(|i| i.bio.is_some()) {
                        byline.bio.clone_from(&author.bio);
                    }
                }
            }
        }
    }
    authors
}

/// The most complete bio an author's articles give them.
fn longest_bio(articles: &[Article], indexes: &[usize], key: &AuthorKey) -> Option<String> {
    indexes
        .iter()
        .flat_map(|&i| &articles[i].bylines)
        .filter(|b| &AuthorKey::of(&b.name) == key)
        .filter_map(|b| b.bio.clone())
        .max_by_key(|bio| bio.len())
}
