//! The articles lately shown, read from their files: a few, most recent
//! last, each with the stamp of the file it was read from so a changed
//! file is read again. While a big file is read on the body worker, its
//! summary from the index stands in for it.

use std::collections::VecDeque;

use crate::library::index::FileStamp;
use crate::library::{Article, ArticleId};

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
    /// Article `id` as read from its file, or its summary while that is
    /// being read.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.recent.iter().map(|(a, _)| a).find(|a| a.id == id)
    }

    /// Whether the body of article `id` is here, read from the file as it
    /// is now (`stamp`), or in any state when `stamp` is `None`.
    pub fn has(&self, id: ArticleId, stamp: Option<FileStamp>) -> bool {
        self.recent.iter().any(|(a, s)| a.id == id && a.has_body && (stamp.is_none() || *s == stamp))
    }

    /// Notes that article `id` is being read on the worker; false if it
    /// already is.
    pub fn start_loading(&mut self, id: ArticleId) -> bool {
        self.pending.replace(id) != Some(id)
    }

    /// Keeps a freshly read article (or a summary standing in for it),
    /// replacing an older copy.
    pub fn insert(&mut self, article: Article, stamp: Option<FileStamp>) {
        if self.pending == Some(article.id) && article.has_body {
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
    use crate::library::{ArticleDate, Block};

    fn article(n: u64, body: bool) -> Article {
        Article {
            id: ArticleId(n),
            title: format!("Story {n}"),
            date: ArticleDate::parse("2024-01-02"),
            body: if body { vec![Block::paragraph(format!("The ferry ran {n} times."))] } else { Vec::new() },
            has_body: body,
            ..Article::default()
        }
    }

    #[test]
    fn keeps_the_latest_few_and_a_summary_until_the_body_comes() {
        let mut bodies = Bodies::default();
        let stamp = Some(FileStamp { size: 1, mtime: 2 });
        for n in 0..=KEPT as u64 {
            bodies.insert(article(n, true), stamp);
        }
        assert!(!bodies.has(ArticleId(0), None), "the oldest went");
        let id = ArticleId(KEPT as u64);
        assert!(bodies.has(id, stamp) && bodies.has(id, None));
        assert!(!bodies.has(id, Some(FileStamp { size: 1, mtime: 3 })), "the file changed since");
        assert!(bodies.start_loading(ArticleId(50)));
        assert!(!bodies.start_loading(ArticleId(50)));
        bodies.insert(article(50, false), None);
        assert!(!bodies.has(ArticleId(50), None), "a summary is not a body");
        assert_eq!(bodies.article(ArticleId(50)).unwrap().title, "Story 50");
        bodies.insert(article(50, true), stamp);
        assert!(bodies.has(ArticleId(50), stamp));
        assert_eq!(bodies.article(ArticleId(99)), None);
    }
}
