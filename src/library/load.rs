//! Finding article files under the library paths and reading them.
//!
//! Discovery walks directories (following symbolic links, with loop
//! detection), skips hidden entries and unknown extensions, and never opens
//! anything but regular files. Reading decodes, sanitises and parses one
//! file; it is pure apart from the read itself, so files can be parsed in
//! parallel.

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::article::{Article, Block, FileType, ParsedArticle};
use super::author::AuthorKey;
use super::charset::{Markup, decode_markup};
use super::decode::{Decoded, decode, human_bytes};
use super::diagnostic::Diagnostic;
use super::files::{Files, Source};
use super::formats::{self, ParseError, authors_file, authors_file::AuthorInfo, dataset};
use super::sanitize::{clean, clean_line, clean_markup};

/// Files larger than this are read only up to it (with a warning).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// How files are read: from where, the size limit, and the dataset
/// columns the user mapped (`[library] columns`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    pub files: Files,
    pub max_file_bytes: u64,
    pub columns: dataset::Columns,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            files: Files::Disk,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            columns: dataset::Columns::default(),
        }
    }
}

impl ReadOptions {
    /// Reading the embedded sample library.
    pub fn sample() -> Self {
        Self { files: Files::Sample, ..Self::default() }
    }
}

/// What a file found during discovery holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Articles(FileType),
    Authors,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    pub kind: FileKind,
}

/// The files of a library, and the problems met while looking for them.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<FileEntry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What kind of file a name is, or `None` to skip it.
pub fn classify(path: &Path) -> Option<FileKind> {
    // A name need not be UTF-8 (an old Latin-1 file name) to be read.
    if path.file_name()? == authors_file::FILE_NAME {
        return Some(FileKind::Authors);
    }
    let ext = path.extension()?.to_string_lossy();
    FileType::from_extension(&ext).map(FileKind::Articles)
}

/// Whether the user asked to skip files with this path's extension.
pub fn is_ignored(path: &Path, ignore: &[String]) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ignore.iter().any(|i| i.trim_start_matches('.').eq_ignore_ascii_case(ext))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.') && name != "." && name != ".."
}

/// Walks `paths` (in `files`) and lists the files to load, in a stable order.
pub fn discover(paths: &[PathBuf], files: Files) -> Discovery {
    let mut discovery = Discovery::default();
    for found in Walk::new(paths, files) {
        match found {
            Ok(entry) => discovery.files.push(entry),
            Err(diagnostic) => discovery.diagnostics.push(diagnostic),
        }
    }
    discovery
}

/// The files of a library one at a time, in the same stable order as
/// [`discover`], with the problems met on the way: a walk that never holds
/// every path of a big library at once.
pub struct Walk {
    roots: std::collections::VecDeque<PathBuf>,
    current: Option<(PathBuf, walkdir::IntoIter)>,
    /// The embedded sample's files, listed at once (there are few).
    embedded: Option<std::vec::IntoIter<FileEntry>>,
}

impl Walk {
    pub fn new(paths: &[PathBuf], files: Files) -> Self {
        let embedded = (files == Files::Sample).then(|| {
            let wanted = |path: &Path| paths.is_empty() || paths.iter().any(|root| path.starts_with(root));
            let entries: Vec<FileEntry> = super::sample::paths()
                .into_iter()
                .filter(|path| wanted(path))
                .filter_map(|path| Some(FileEntry { kind: classify(&path)?, path }))
                .collect();
            entries.into_iter()
        });
        Self { roots: paths.iter().cloned().collect(), current: None, embedded }
    }

    /// A root that is not a directory: the file itself, or why not.
    fn root(root: PathBuf) -> Option<Result<FileEntry, Diagnostic>> {
        Some(match std::fs::metadata(&root) {
            Err(error) => Err(Diagnostic::error(&root, None, io_message(&error))),
            Ok(meta) if meta.is_file() => match classify(&root) {
                Some(kind) => Ok(FileEntry { path: root, kind }),
                None => Err(Diagnostic::warning(
                    &root,
                    None,
                    "not a recognised article file (.txt, .md, .toml, .json, .jsonl, .html, .xml, .rss, .atom, .csv, .tsv); skipped",
                )),
            },
            Ok(_) => Err(Diagnostic::warning(&root, None, "not a regular file or directory; skipped")),
        })
    }
}

impl Iterator for Walk {
    type Item = Result<FileEntry, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(embedded) = &mut self.embedded {
            return embedded.next().map(Ok);
        }
        loop {
            let Some((root, walker)) = self.current.as_mut() else {
                let root = self.roots.pop_front()?;
                if std::fs::metadata(&root).is_ok_and(|m| m.is_dir()) {
                    let walker = WalkDir::new(&root).follow_links(true).sort_by_file_name().into_iter();
                    self.current = Some((root, walker));
                    continue;
                }
                return Self::root(root);
            };
            match walker.next() {
                None => self.current = None,
                Some(Ok(entry)) if entry.depth() > 0 && is_hidden(entry.file_name()) => {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                }
                Some(Ok(entry)) if entry.file_type().is_file() => {
                    if let Some(kind) = classify(entry.path()) {
                        return Some(Ok(FileEntry { path: entry.into_path(), kind }));
                    }
                }
                // Directories are walked; FIFOs, sockets and devices are never opened.
                Some(Ok(_)) => {}
                Some(Err(error)) => {
                    let path = error.path().unwrap_or(root).to_path_buf();
                    let message = if let Some(ancestor) = error.loop_ancestor() {
                        format!("symbolic link loop back to {}; not followed", ancestor.display())
                    } else if let Some(io) = error.io_error() {
                        io_message(io)
                    } else {
                        error.to_string()
                    };
                    return Some(Err(Diagnostic::error(&path, None, message)));
                }
            }
        }
    }
}

/// Reads an indexed article's file again for its body: the article at the
/// same line of the file (or the only one), finished with its quotations,
/// keeping the summary's id (and with it reading state) and its authors'
/// settled spellings and bios. A file that cannot be read or no longer
/// holds the article gives the summary with the problem as its body.
pub fn reload_article(summary: &Article, options: &ReadOptions) -> Article {
    let failure = |message: String| {
        let mut article = summary.clone();
        article.body = vec![Block::paragraph(format!("This article could not be read again: {message}"))];
        article.has_body = true;
        article
    };
    let Some(kind) = classify(&summary.path) else {
        return failure("not an article file".into());
    };
    let entry = FileEntry { path: summary.path.clone(), kind };
    let parsed = match kind {
        // One row of a dataset, read from where it starts: never the whole file.
        FileKind::Articles(file_type) if file_type.is_dataset() => {
            match read_dataset_row(&summary.path, summary.offset, summary.line, file_type, options) {
                Ok(parsed) => parsed,
                Err(message) => return failure(message),
            }
        }
        _ => {
            let mut outcome = read_file(&entry, options);
            let at =
                outcome.articles.iter().position(|a| a.line == summary.line && a.offset == summary.offset);
            match (at, outcome.articles.len()) {
                (Some(at), _) => outcome.articles.swap_remove(at),
                (None, 1) => outcome.articles.remove(0),
                _ => {
                    let problem = outcome
                        .diagnostics
                        .iter()
                        .find(|d| d.severity == super::diagnostic::Severity::Error)
                        .map_or_else(
                            || "the file no longer holds this article".to_owned(),
                            |d| d.message.clone(),
                        );
                    return failure(problem);
                }
            }
        }
    };
    let mut article = super::identity::finish(&entry, parsed, super::identity::Detail::Full);
    article.id = summary.id;
    for byline in &mut article.bylines {
        let key = AuthorKey::of(&byline.name);
        if let Some(known) = summary.bylines.iter().find(|b| AuthorKey::of(&b.name) == key) {
            byline.name.clone_from(&known.name);
            if known.bio.is_some() {
                byline.bio.clone_from(&known.bio);
            }
        }
    }
    article
}

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub articles: Vec<ParsedArticle>,
    pub authors: Vec<(String, AuthorInfo)>,
    pub diagnostics: Vec<Diagnostic>,
    /// True when the file (or a record in it) could not be loaded.
    pub failed: bool,
}

/// One row of a dataset file, from its byte offset, sanitised.
fn read_dataset_row(
    path: &Path,
    offset: u64,
    line: usize,
    file_type: FileType,
    options: &ReadOptions,
) -> Result<ParsedArticle, String> {
    let file = options.files.open(path).map_err(|e| io_message(&e))?;
    let mut parsed =
        dataset::read_row(std::io::BufReader::new(file), offset, line, file_type, &options.columns)
            .map_err(|e| e.message)?;
    parsed.format.get_or_insert(file_type.default_format());
    clean_fields(&mut parsed);
    Ok(parsed)
}

/// A dataset file opened for reading row by row.
pub type FileDataset =
    dataset::Dataset<std::io::BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, Box<dyn Source>>>>;

/// Opens a dataset to read it row by row: the file is never held whole,
/// whatever its size. Fails for a file that cannot be read or has no text
/// column.
pub fn open_dataset(
    path: &Path,
    file_type: FileType,
    options: &ReadOptions,
) -> Result<FileDataset, ParseError> {
    let failure = |message: String| ParseError::new(None, message);
    let mut file = options.files.open(path).map_err(|e| failure(io_message(&e)))?;
    let mut head = vec![0; 64 * 1024];
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]).map_err(|e| failure(io_message(&e)))? {
            0 => break,
            n => filled += n,
        }
    }
    head.truncate(filled);
    if head.iter().all(u8::is_ascii_whitespace) {
        let message = if head.is_empty() { "the file is empty" } else { "the file holds only blank lines" };
        return Err(failure(message.to_owned()));
    }
    if head[..head.len().min(8192)].contains(&0) {
        return Err(failure("binary data (NUL bytes), not a dataset".to_owned()));
    }
    let reader =
        std::io::BufReader::with_capacity(256 * 1024, std::io::Cursor::new(head.clone()).chain(file));
    dataset::Dataset::open(reader, &head, file_type, &options.columns)
}

/// Reads and parses one file from disk.
pub fn read_file(entry: &FileEntry, options: &ReadOptions) -> FileOutcome {
    if let FileKind::Articles(file_type) = entry.kind
        && file_type.is_dataset()
    {
        // Whole, for callers that want every row at once (tests); the
        // library's readers go row by row through `scan`.
        let mut outcome = FileOutcome::default();
        match open_dataset(&entry.path, file_type, options) {
            Ok(mut dataset) => {
                while let Some(row) = dataset.next() {
                    let parsed = row.and_then(|row| dataset.article(&row)).map(|mut parsed| {
                        parsed.format.get_or_insert(file_type.default_format());
                        clean_fields(&mut parsed);
                        parsed
                    });
                    outcome.take(&entry.path, parsed);
                }
            }
            Err(error) => outcome.take(&entry.path, Err(error)),
        }
        return outcome;
    }
    match read_limited(&entry.path, options) {
        Ok((bytes, truncated)) => parse_bytes(&entry.path, entry.kind, &bytes, truncated),
        Err(error) => FileOutcome {
            diagnostics: vec![Diagnostic::error(&entry.path, None, io_message(&error))],
            failed: true,
            ..FileOutcome::default()
        },
    }
}

fn read_limited(path: &Path, options: &ReadOptions) -> std::io::Result<(Vec<u8>, bool)> {
    let max_bytes = options.max_file_bytes;
    let mut file = options.files.open(path)?;
    // Sized up front: one read for the file, one to see its end.
    let size = file.seek(std::io::SeekFrom::End(0))?.min(max_bytes);
    file.rewind()?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    let truncated = bytes.len() as u64 > max_bytes;
    if truncated {
        bytes.truncate(max_bytes as usize);
        // Cut at the last line break so no character or line is half read.
        if let Some(newline) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(newline + 1);
        }
    }
    Ok((bytes, truncated))
}

impl FileOutcome {
    /// Takes one parsed record: an article, or a problem with it.
    pub fn take(&mut self, path: &Path, result: Result<ParsedArticle, ParseError>) {
        match result {
            Ok(article) => {
                for warning in &article.warnings {
                    self.diagnostics.push(Diagnostic::warning(path, Some(article.line), warning));
                }
                self.articles.push(article);
            }
            Err(error) if error.warning => {
                self.diagnostics.push(Diagnostic::warning(path, error.line, &error.message))
            }
            Err(error) => {
                self.diagnostics.push(Diagnostic::error(path, error.line, &error.message));
                self.failed = true;
            }
        }
    }
}

/// Decodes a file's bytes the way its type asks: pages and feeds declare
/// their encoding; everything else is UTF-8 (or UTF-16 with a BOM).
fn decode_for(kind: FileKind, bytes: &[u8], truncated: bool) -> Result<Decoded, String> {
    let markup = match kind {
        FileKind::Articles(FileType::Html) => Markup::Html,
        FileKind::Articles(FileType::Feed) => Markup::Xml,
        _ => return decode(bytes, truncated),
    };
    let mut decoded = decode_markup(bytes, markup, None)?;
    if truncated {
        decoded.warnings.insert(0, super::decode::truncation_warning(bytes.len()));
    }
    Ok(decoded)
}

/// Decodes and parses a file's bytes (from disk or the embedded sample).
pub fn parse_bytes(path: &Path, kind: FileKind, bytes: &[u8], truncated: bool) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let decoded = match decode_for(kind, bytes, truncated) {
        Ok(decoded) => decoded,
        Err(message) => {
            outcome.diagnostics.push(Diagnostic::error(path, None, message));
            outcome.failed = true;
            return outcome;
        }
    };
    for warning in &decoded.warnings {
        outcome.diagnostics.push(Diagnostic::warning(path, None, warning));
    }
    let text = match kind {
        FileKind::Articles(FileType::Html | FileType::Feed) => clean_markup(&decoded.text),
        _ => clean(&decoded.text),
    };
    match kind {
        FileKind::Authors => match authors_file::parse(&text) {
            Ok(authors) => outcome.authors = authors,
            Err(error) => {
                outcome.diagnostics.push(Diagnostic::error(path, error.line, &error.message));
                outcome.failed = true;
            }
        },
        FileKind::Articles(file_type) => {
            for result in formats::parse(file_type, &text) {
                match result {
                    Ok(mut article) => {
                        if file_type != FileType::Text {
                            clean_fields(&mut article);
                        }
                        article.warnings.splice(0..0, decoded.warnings.iter().cloned());
                        for warning in &article.warnings[decoded.warnings.len()..] {
                            outcome.diagnostics.push(Diagnostic::warning(path, Some(article.line), warning));
                        }
                        outcome.articles.push(article);
                    }
                    Err(error) if error.warning => {
                        outcome.diagnostics.push(Diagnostic::warning(path, error.line, &error.message));
                    }
                    Err(error) => {
                        outcome.diagnostics.push(Diagnostic::error(path, error.line, &error.message));
                        outcome.failed = true;
                    }
                }
            }
        }
    }
    outcome
}

/// Sanitises every field of a parsed article. The file text was cleaned
/// before parsing, but escapes in structured formats (`\u001b` in JSON,
/// `\r` in a TOML string, `&#27;` in Markdown) only become control
/// characters when parsed. Plain text decodes nothing, so it is skipped.
pub fn clean_fields(article: &mut ParsedArticle) {
    article.title = clean_line(&article.title);
    for byline in &mut article.bylines {
        byline.name = clean_line(&byline.name);
        byline.bio = byline.bio.as_deref().map(clean_line).filter(|b| !b.is_empty());
    }
    for block in &mut article.body {
        if let std::borrow::Cow::Owned(cleaned) = clean(&block.text) {
            // Emphasis ranges no longer line up with changed text.
            block.emphasis.clear();
            block.text = cleaned;
        }
    }
    for field in [&mut article.source, &mut article.url].into_iter().flatten() {
        *field = clean_line(field);
    }
    for text in article.tags.iter_mut().chain(&mut article.warnings) {
        *text = clean_line(text);
    }
}

fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or directory".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// The limit as text, for messages.
pub fn describe_limit(max_bytes: u64) -> String {
    human_bytes(max_bytes as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_extension() {
        assert_eq!(classify(Path::new("a/b.txt")), Some(FileKind::Articles(FileType::Text)));
        assert_eq!(classify(Path::new("b.MD")), Some(FileKind::Articles(FileType::Markdown)));
        assert_eq!(classify(Path::new("lib/authors.toml")), Some(FileKind::Authors));
        assert_eq!(classify(Path::new("x.toml")), Some(FileKind::Articles(FileType::Toml)));
        assert_eq!(classify(Path::new("photo.jpg")), None);
        assert_eq!(classify(Path::new("README")), None);
    }

    #[test]
    fn parse_bytes_reports_each_problem() {
        let outcome = parse_bytes(
            Path::new("x.jsonl"),
            FileKind::Articles(FileType::JsonLines),
            b"{\"title\":\"A\",\"body\":\"b\"}\nnope\n",
            false,
        );
        assert_eq!(outcome.articles.len(), 1);
        assert!(outcome.failed);
        assert_eq!(outcome.diagnostics[0].line, Some(2));
    }

    #[test]
    fn escape_sequences_never_reach_articles() {
        let outcome = parse_bytes(
            Path::new("x.txt"),
            FileKind::Articles(FileType::Text),
            b"Ti\x1b]0;pwned\x07tle\n\nBo\x1b[2Jdy.",
            false,
        );
        let article = &outcome.articles[0];
        assert_eq!(article.title, "Title");
        assert_eq!(article.body[0].text, "Body.");
    }

    #[test]
    fn escapes_decoded_by_the_parser_are_cleaned_too() {
        let toml = b"title = \"A\\u001b]0;x\\u0007B\"\nauthor = \"Ann\\rLee\"\nsource = \"S\\u001b[2J\"\ntags = [\"t\\u0000\"]\nbody = \"x\\ry\\u001b[31mz\"\n";
        let outcome = parse_bytes(Path::new("x.toml"), FileKind::Articles(FileType::Toml), toml, false);
        let article = &outcome.articles[0];
        assert_eq!(article.title, "AB");
        assert!(
            article.body.iter().all(|b| crate::library::sanitize::is_clean(&b.text)),
            "{:?}",
            article.body
        );
        assert!(!article.bylines[0].name.contains('\r'));
        assert_eq!(article.source.as_deref(), Some("S"));
        assert_eq!(article.tags, ["t"]);
        let json = br#"{"title":"T\u001b[2J","body":"a\u009bb\r\nc"}"#;
        let outcome = parse_bytes(Path::new("x.json"), FileKind::Articles(FileType::Json), json, false);
        assert_eq!(outcome.articles[0].title, "T");
        assert!(outcome.articles[0].body.iter().all(|b| crate::library::sanitize::is_clean(&b.text)));
    }
}
