//! `broadsheet search QUERY`: the same search as the reader's `/`, over
//! every file, printing the matching articles as `export` does.

use std::io::{self, Write};

use crate::library::Article;
use crate::library::search::{Query, folded};
use crate::library::stream::Totals;
use crate::store::Saved;

pub struct Search {
    query: Query,
    /// Reading state for `is:` terms; without a state file nothing is
    /// read or bookmarked.
    saved: Option<Saved>,
}

impl Search {
    pub fn new(query: &str, saved: Option<Saved>) -> Self {
        Self { query: Query::parse(query), saved }
    }

    fn matches(&self, article: &Article) -> bool {
        let (read, bookmarked) = self
            .saved
            .as_ref()
            .map_or((false, false), |s| (s.read.contains(&article.id), s.bookmarked.contains(&article.id)));
        self.query.matches_state(read, bookmarked) && self.query.matches_text(&folded(article))
    }
}

impl super::Script for Search {
    fn article(&mut self, article: Article, out: &mut dyn Write) -> io::Result<()> {
        if self.matches(&article) {
            super::export::write_record(&article, self.saved.as_ref(), out)?;
        }
        Ok(())
    }

    fn finish(self, _: Totals, _: &mut dyn Write) -> io::Result<bool> {
        Ok(false)
    }
}
