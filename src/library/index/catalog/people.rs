//! The people index, a person's page and their quotations, from the
//! tables the refresh keeps (`people`, `person_*`, `quotes`): nothing here
//! parses an article.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::super::order::{day_of_row, month_start};
use super::Catalog;
use super::authors::{AuthorSort, filter_pattern};
use crate::library::article::ArticleId;
use crate::library::index::IndexError;

/// One line of the people index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub key: String,
    pub name: String,
    pub quotes: usize,
    pub articles: usize,
    /// The date of the newest article quoting them.
    pub latest: Option<NaiveDate>,
}

/// Everything a person's page shows above their quotations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonPage {
    pub key: String,
    pub name: String,
    /// Every spelling seen, most used first.
    pub variants: Vec<String>,
    pub quotes: usize,
    pub articles: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// The outlets that quote them most, with how many articles.
    pub sources: Vec<(String, usize)>,
    /// The authors who quote them most, with how many articles.
    pub quoted_by: Vec<(String, usize)>,
    /// Quotations per month (first day of the month), oldest first.
    pub months: Vec<(NaiveDate, usize)>,
    /// Whether they also write: the key of their author page.
    pub author: Option<String>,
}

impl PersonPage {
    /// The page's months as an author page's, for the same chart.
    pub fn activity(&self) -> (super::Period, Vec<(NaiveDate, usize)>) {
        super::AuthorPage { months: self.months.clone(), ..super::AuthorPage::default() }.activity()
    }
}

/// One quotation on a person's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub article: ArticleId,
    /// The quotation's place among the article's quotations (what the
    /// reader focuses).
    pub n: usize,
    /// Its first words.
    pub excerpt: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
}

/// How many outlets and authors a person's page names.
const MOST: usize = 5;

/// The label of a sort in the people index.
pub fn people_sort_label(sort: AuthorSort) -> &'static str {
    match sort {
        AuthorSort::Name => "name",
        AuthorSort::Count => "most quoted",
        AuthorSort::Latest => "latest quoted",
    }
}

const PEOPLE_FILTER: &str =
    "?1 = '%%' OR key LIKE ?1 OR key IN (SELECT key FROM person_spellings WHERE name LIKE ?1)";

fn usize_of(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

impl Catalog {
    /// People whose name (any spelling) contains `filter`, in `sort`
    /// order, from `offset`.
    pub fn people_page(
        &self,
        sort: AuthorSort,
        filter: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<PersonRow>, IndexError> {
        let run = || -> rusqlite::Result<Vec<PersonRow>> {
            let sql = format!(
                "SELECT key, name, quotes, articles, last_row FROM people WHERE {PEOPLE_FILTER}
                 ORDER BY {} LIMIT ?2 OFFSET ?3",
                sort.order_by("quotes")
            );
            self.conn
                .prepare_cached(&sql)?
                .query_map(params![filter_pattern(filter), limit as i64, offset as i64], |r| {
                    Ok(PersonRow {
                        key: r.get(0)?,
                        name: r.get(1)?,
                        quotes: usize_of(r.get(2)?),
                        articles: usize_of(r.get(3)?),
                        latest: day_of_row(r.get(4)?),
                    })
                })?
                .collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// How many people the filter leaves.
    pub fn people_count(&self, filter: &str) -> Result<usize, IndexError> {
        self.conn
            .prepare_cached(&format!("SELECT count(*) FROM people WHERE {PEOPLE_FILTER}"))
            .and_then(|mut s| s.query_row([filter_pattern(filter)], |r| r.get::<_, i64>(0)))
            .map(usize_of)
            .map_err(|e| self.err(e))
    }

    /// Where a person is in the index (for keeping the selection).
    pub fn person_position(
        &self,
        sort: AuthorSort,
        filter: &str,
        key: &str,
    ) -> Result<Option<usize>, IndexError> {
        let sql =
            format!("SELECT key FROM people WHERE {PEOPLE_FILTER} ORDER BY {}", sort.order_by("quotes"));
        self.position_in(&sql, &filter_pattern(filter), key)
    }

    /// A person's page, by key.
    pub fn person(&self, key: &str) -> Result<Option<PersonPage>, IndexError> {
        let run = || -> rusqlite::Result<Option<PersonPage>> {
            let found: Option<(String, i64, i64)> = self
                .conn
                .prepare_cached("SELECT name, quotes, articles FROM people WHERE key = ?1")?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let Some((name, quotes, articles)) = found else { return Ok(None) };
            let counted = |sql: &str| -> rusqlite::Result<Vec<(String, usize)>> {
                self.conn
                    .prepare_cached(sql)?
                    .query_map(params![key, MOST as i64], |r| Ok((r.get(0)?, usize_of(r.get(1)?))))?
                    .collect()
            };
            let variants = counted("SELECT name, n FROM person_spellings WHERE key = ?1 AND n > 0 ORDER BY n DESC, name LIMIT ?2")?
                .into_iter()
                .map(|(name, _)| name)
                .collect();
            let sources = counted(
                "SELECT source, n FROM person_sources WHERE key = ?1 AND n > 0 ORDER BY n DESC, source LIMIT ?2",
            )?;
            let quoted_by = counted(
                "SELECT coalesce((SELECT name FROM authors a WHERE a.key = p.author), p.author), n
                 FROM person_authors p WHERE p.key = ?1 AND n > 0 ORDER BY n DESC, author LIMIT ?2",
            )?;
            let months: Vec<(NaiveDate, usize)> = self
                .conn
                .prepare_cached("SELECT month, n FROM person_months WHERE key = ?1 AND n > 0 ORDER BY month")?
                .query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
                .filter_map(Result::ok)
                .filter_map(|(month, n)| Some((month_start(month)?, usize::try_from(n).ok()?)))
                .collect();
            let (first, last): (Option<i64>, Option<i64>) = self
                .conn
                .prepare_cached(
                    "SELECT min(row), max(row) FROM quotes
                     WHERE person = (SELECT id FROM person_keys WHERE key = ?1) AND row > 0",
                )?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let author = self
                .conn
                .prepare_cached("SELECT key FROM authors WHERE key = ?1 AND key != ''")?
                .query_row([key], |r| r.get(0))
                .optional()?;
            Ok(Some(PersonPage {
                key: key.to_owned(),
                name,
                variants,
                quotes: usize_of(quotes),
                articles: usize_of(articles),
                first_date: first.and_then(day_of_row),
                last_date: last.and_then(day_of_row),
                sources,
                quoted_by,
                months,
                author,
            }))
        };
        run().map_err(|e| self.err(e))
    }

    /// A person's quotations, newest article first, from `offset`.
    pub fn person_quotes(&self, key: &str, offset: usize, limit: usize) -> Result<Vec<QuoteRow>, IndexError> {
        let run = || -> rusqlite::Result<Vec<QuoteRow>> {
            self.conn
                .prepare_cached(
                    "SELECT a.id, q.n, q.excerpt, a.title, a.row, a.source
                     FROM quotes q JOIN articles a ON a.row = q.row
                     WHERE q.person = (SELECT id FROM person_keys WHERE key = ?1)
                     ORDER BY q.row DESC, q.n LIMIT ?2 OFFSET ?3",
                )?
                .query_map(params![key, limit as i64, offset as i64], |r| {
                    Ok(QuoteRow {
                        article: ArticleId(r.get::<_, i64>(0)? as u64),
                        n: usize_of(r.get(1)?),
                        excerpt: r.get(2)?,
                        title: r.get(3)?,
                        date: day_of_row(r.get(4)?),
                        source: r.get(5)?,
                    })
                })?
                .collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// The key of the person an author page's author is, if they are
    /// quoted anywhere.
    pub fn person_key(&self, key: &str) -> Option<String> {
        self.conn
            .prepare_cached("SELECT key FROM people WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .ok()
            .flatten()
    }
}
