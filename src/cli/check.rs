//! `broadsheet check`: every problem as it is found, then a summary.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::library::stream::Totals;
use crate::library::{Article, AuthorKey, Diagnostic};

/// Counts the named authors; everything else is in the totals.
#[derive(Default)]
pub struct Check {
    authors: HashSet<AuthorKey>,
}

impl super::Script for Check {
    fn article(&mut self, article: Article, _: &mut dyn Write) -> io::Result<()> {
        for byline in &article.bylines {
            let key = AuthorKey::of(&byline.name);
            if !self.authors.contains(&key) {
                self.authors.insert(key);
            }
        }
        Ok(())
    }

    fn problem(&mut self, diagnostic: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{diagnostic}")
    }

    fn finish(self, totals: Totals, out: &mut dyn Write) -> io::Result<bool> {
        writeln!(out, "{}", summary(totals.articles, self.authors.len(), totals.problems))?;
        Ok(totals.failed > 0)
    }
}

/// `N articles, M authors, K problems`.
pub fn summary(articles: usize, authors: usize, problems: usize) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    format!("{}, {}, {}", plural(articles, "article"), plural(authors, "author"), plural(problems, "problem"))
}
