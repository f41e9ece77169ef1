//! `broadsheet authors`: the library's authors as JSON Lines, gathered
//! while the articles stream by (per author: spellings, the longest bio,
//! and each article's id and date).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::names::Named;
use crate::library::stream::Totals;
use crate::library::{Article, AuthorKey, UNKNOWN_AUTHOR};

/// One line of `authors` output.
#[derive(Debug, Serialize)]
pub struct AuthorRecord<'a> {
    pub name: &'a str,
    pub variants: &'a [String],
    pub bio: Option<&'a str>,
    /// Article ids, newest first.
    pub articles: Vec<String>,
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// What is known of one author so far.
#[derive(Default)]
struct Tally {
    named: Named,
    bio: Option<String>,
}

#[derive(Default)]
pub struct Authors {
    tallies: HashMap<AuthorKey, Tally>,
}

impl super::Script for Authors {
    fn article(&mut self, article: Article, _: &mut dyn Write) -> io::Result<()> {
        let unknown = [crate::library::Byline::new(UNKNOWN_AUTHOR)];
        let bylines = if article.bylines.is_empty() { &unknown[..] } else { &article.bylines[..] };
        for byline in bylines {
            let tally = self.tallies.entry(AuthorKey::of(&byline.name)).or_default();
            tally.named.saw(&byline.name, &article);
            if let Some(bio) = &byline.bio
                && tally.bio.as_ref().is_none_or(|b| bio.len() > b.len())
            {
                tally.bio = Some(bio.clone());
            }
        }
        Ok(())
    }

    fn finish(self, _: Totals, out: &mut dyn Write) -> io::Result<bool> {
        let unknown = AuthorKey::of(UNKNOWN_AUTHOR);
        let mut tallies: Vec<(AuthorKey, Tally)> = self.tallies.into_iter().collect();
        // By name, "Unknown author" last.
        tallies.sort_by(|(a, _), (b, _)| (*a == unknown, a.as_str()).cmp(&(*b == unknown, b.as_str())));
        for (_, tally) in tallies {
            let named = tally.named.summary();
            let record = AuthorRecord {
                name: &named.name,
                variants: &named.variants,
                bio: tally.bio.as_deref(),
                count: named.articles.len(),
                articles: named.articles,
                first_date: named.first_date,
                last_date: named.last_date,
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        Ok(false)
    }
}
