//! `broadsheet authors`: the library's authors as JSON Lines, gathered
//! while the articles stream by (per author: spellings, the longest bio,
//! and each article's id and date).

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::library::author::preferred_spelling;
use crate::library::stream::Totals;
use crate::library::{Article, ArticleId, AuthorKey, UNKNOWN_AUTHOR};

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

/// How an article's date orders it (see `ArticleDate::order_key`).
type DateOrder = Option<(NaiveDate, Option<i64>)>;

/// What is known of one author so far.
#[derive(Default)]
struct Tally {
    spellings: HashMap<String, usize>,
    bio: Option<String>,
    articles: Vec<(DateOrder, ArticleId)>,
}

#[derive(Default)]
pub struct Authors {
    tallies: HashMap<AuthorKey, Tally>,
}

impl super::Script for Authors {
    fn article(&mut self, article: Article, _: &mut dyn Write) -> io::Result<()> {
        let order = article.date.map(|d| d.order_key());
        let unknown = [crate::library::Byline::new(UNKNOWN_AUTHOR)];
        let bylines = if article.bylines.is_empty() { &unknown[..] } else { &article.bylines[..] };
        for byline in bylines {
            let tally = self.tallies.entry(AuthorKey::of(&byline.name)).or_default();
            *tally.spellings.entry(byline.name.clone()).or_default() += 1;
            if let Some(bio) = &byline.bio
                && tally.bio.as_ref().is_none_or(|b| bio.len() > b.len())
            {
                tally.bio = Some(bio.clone());
            }
            if tally.articles.last().is_none_or(|(_, id)| *id != article.id) {
                tally.articles.push((order, article.id));
            }
        }
        Ok(())
    }

    fn finish(self, _: Totals, out: &mut dyn Write) -> io::Result<bool> {
        let unknown = AuthorKey::of(UNKNOWN_AUTHOR);
        let mut tallies: Vec<(AuthorKey, Tally)> = self.tallies.into_iter().collect();
        // By name, "Unknown author" last.
        tallies.sort_by(|(a, _), (b, _)| (*a == unknown, a.as_str()).cmp(&(*b == unknown, b.as_str())));
        for (_, mut tally) in tallies {
            let name = preferred_spelling(
                tally.spellings.iter().flat_map(|(s, &n)| std::iter::repeat_n(s.as_str(), n)),
            )
            .unwrap_or_default();
            let mut variants: Vec<String> = tally.spellings.into_keys().collect();
            variants.sort();
            // Newest first, undated last, in library order among equals.
            tally.articles.sort_by_key(|(order, _)| std::cmp::Reverse(*order));
            let days = tally.articles.iter().filter_map(|(order, _)| order.map(|o| o.0));
            let (first, last) = (days.clone().min(), days.max());
            let record = AuthorRecord {
                name: &name,
                variants: &variants,
                bio: tally.bio.as_deref(),
                articles: tally.articles.iter().map(|(_, id)| id.to_string()).collect(),
                count: tally.articles.len(),
                first_date: first.map(|d| d.to_string()),
                last_date: last.map(|d| d.to_string()),
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        Ok(false)
    }
}
