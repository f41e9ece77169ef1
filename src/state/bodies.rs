//! The bodies of the articles lately shown, for a library that keeps only
//! summaries in memory: a few articles, most recent last, each with the
//! stamp of the file it was read from so a changed file is read again.

use std::collections::VecDeque;

use crate::library::index::FileStamp;
use crate::library::{Article, ArticleId, Library};

/// How many read articles stay in memory (one per screen of the history,
/// and a few to spare).
const KEPT: usize = 8;

#[derive(Debug, Default)]
pub struct Bodies {
    recent: VecDeque<(Article, Option<FileStamp>)>,
    /// The article last sent to the body worker (which skips a job when a
    /// newer one waits, so only the latest counts).
    pending: Option<ArticleId>,
}

impl Bodies {
    /// The article at `index` with its body when the library holds it or
    /// it was loaded here, else its summary.
    pub fn article<'a>(&'a self, library: &'a Library, index: usize) -> Option<&'a Article> {
        let summary = library.articles.get(index)?;
        if summary.has_body {
            return Some(summary);
        }
        Some(self.recent.iter().map(|(a, _)| a).find(|a| a.id == summary.id).unwrap_or(summary))
    }

    /// Whether the body of article `id` is here, read from the file as it
    /// is now (`stamp`), or in any state when `stamp` is `None`.
    pub fn has(&self, id: ArticleId, stamp: Option<FileStamp>) -> bool {
        self.recent.iter().any(|(a, s)| a.id == id && (stamp.is_none() || *s == stamp))
    }

    /// Notes that article `id` is being read on the worker; false if it
    /// already is.
    pub fn start_loading(&mut self, id: ArticleId) -> bool {
        self.pending.replace(id) != Some(id)
    }

    /// Keeps a freshly read article, replacing an older copy.
    pub fn insert(&mut self, article: Article, stamp: Option<FileStamp>) {
        if self.pending == Some(article.id) {
            self.pending = None;
        }
        self.recent.retain(|(a, _)| a.id != article.id);
        if self.recent.len() == KEPT {
            self.recent.pop_front();
        }
        self.recent.push_back((article, stamp));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_latest_few_and_falls_back_to_the_summary() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..=KEPT {
            let text = format!("Story {n}\n\nBy Ann Lee\n\nThe ferry ran {n} times.\n");
            std::fs::write(dir.path().join(format!("{n}.txt")), text).unwrap();
        }
        let mut library = Library::load(&[dir.path().to_path_buf()], Default::default());
        for article in &mut library.articles {
            article.body.clear();
            article.has_body = false;
        }
        let mut bodies = Bodies::default();
        assert!(bodies.article(&library, 0).unwrap().body.is_empty());
        let stamp = Some(FileStamp { size: 1, mtime: 2 });
        for index in 0..=KEPT {
            bodies.insert(library.full_article(index, &Default::default()), stamp);
        }
        assert!(!bodies.has(library.articles[0].id, None), "the oldest went");
        let id = library.articles[KEPT].id;
        assert!(bodies.has(id, stamp) && bodies.has(id, None));
        assert!(!bodies.has(id, Some(FileStamp { size: 1, mtime: 3 })), "the file changed since");
        let article = bodies.article(&library, KEPT).unwrap();
        assert_eq!(article.body[0].text, format!("The ferry ran {} times.", article.title[6..].trim()));
        assert_eq!(bodies.article(&library, 99_999), None);
    }
}
