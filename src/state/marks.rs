//! Read and bookmarked articles (kept for this session; the state issue
//! makes them persistent).

use std::collections::HashSet;

use crate::library::ArticleId;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadMarks {
    read: HashSet<ArticleId>,
    bookmarked: HashSet<ArticleId>,
}

impl ReadMarks {
    pub fn from_saved(read: HashSet<ArticleId>, bookmarked: HashSet<ArticleId>) -> Self {
        Self { read, bookmarked }
    }

    /// Sets an article read or unread; returns whether that changed anything.
    pub fn set_read(&mut self, id: ArticleId, read: bool) -> bool {
        if read { self.read.insert(id) } else { self.read.remove(&id) }
    }

    pub fn is_read(&self, id: ArticleId) -> bool {
        self.read.contains(&id)
    }

    pub fn is_bookmarked(&self, id: ArticleId) -> bool {
        self.bookmarked.contains(&id)
    }

    /// Returns whether the article is now read.
    pub fn toggle_read(&mut self, id: ArticleId) -> bool {
        toggle(&mut self.read, id)
    }

    /// Returns whether the article is now bookmarked.
    pub fn toggle_bookmark(&mut self, id: ArticleId) -> bool {
        toggle(&mut self.bookmarked, id)
    }

    /// How many articles are marked read (only library articles ever are).
    pub fn read_count(&self) -> usize {
        self.read.len()
    }
}

fn toggle(set: &mut HashSet<ArticleId>, id: ArticleId) -> bool {
    if set.remove(&id) {
        false
    } else {
        set.insert(id);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggles() {
        let mut marks = ReadMarks::default();
        let id = ArticleId(7);
        assert!(marks.toggle_read(id));
        assert!(marks.is_read(id));
        assert!(!marks.toggle_read(id));
        assert!(marks.toggle_bookmark(id));
        assert!(marks.is_bookmarked(id));
        marks.set_read(id, true);
        assert!(!marks.set_read(id, true), "already read");
        assert!(marks.set_read(id, false));
    }
}
