//! The authors index and an author's page, from the tables the refresh
//! keeps: nothing here looks at every article.

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::super::order::{day_of_row, month_start};
use super::Catalog;
use crate::library::author::AuthorKey;
use crate::library::index::IndexError;

/// How the authors index is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthorSort {
    #[default]
    Name,
    Count,
    Latest,
}

impl AuthorSort {
    pub fn next(self) -> Self {
        match self {
            Self::Name => Self::Count,
            Self::Count => Self::Latest,
            Self::Latest => Self::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Count => "most articles",
            Self::Latest => "latest article",
        }
    }

    /// The ORDER BY of a name table (authors, people, sources: each has
    /// `name_order` and `last_row`) whose count column is `count`.
    pub(super) fn order_by(self, count: &str) -> String {
        match self {
            Self::Name => "name_order".to_owned(),
            Self::Count => format!("{count} DESC, name_order"),
            Self::Latest => "last_row DESC, name_order".to_owned(),
        }
    }
}

/// One line of the authors index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorRow {
    pub key: String,
    pub name: String,
    pub articles: usize,
    pub latest: Option<NaiveDate>,
    /// The source they write for most.
    pub source: Option<String>,
}

/// Everything an author's page shows above their articles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuthorPage {
    pub key: String,
    pub name: String,
    /// Every spelling seen.
    pub variants: Vec<String>,
    pub bio: Option<String>,
    /// The title of the article the bio came from; `None` for one from
    /// `authors.toml` (or no bio).
    pub bio_from: Option<String>,
    pub url: Option<String>,
    pub articles: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// The sources they wrote for, most frequent first.
    pub sources: Vec<String>,
    /// The people their articles quote most, with how many quotations.
    pub most_quoted: Vec<(String, usize)>,
    /// Articles per month (first day of the month), oldest first.
    pub months: Vec<(NaiveDate, usize)>,
}

/// The span of time one bar of an author's activity chart covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Year,
}

impl AuthorPage {
    /// Articles per month (for up to two years of writing) or per year,
    /// from the first dated article to the last, empty periods included.
    pub fn activity(&self) -> (Period, Vec<(NaiveDate, usize)>) {
        let (Some(&(first, _)), Some(&(last, _))) = (self.months.first(), self.months.last()) else {
            return (Period::Month, Vec::new());
        };
        let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        let period = if months(last) - months(first) < 24 { Period::Month } else { Period::Year };
        let bucket = |d: NaiveDate| match period {
            Period::Month => months(d) - months(first),
            Period::Year => d.year() - first.year(),
        };
        let mut counts = vec![0usize; usize::try_from(bucket(last)).unwrap_or(0) + 1];
        for &(month, n) in &self.months {
            counts[usize::try_from(bucket(month)).unwrap_or(0)] += n;
        }
        let start_of = |n: usize| match period {
            Period::Month => {
                let m = months(first) + n as i32;
                NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
            }
            Period::Year => NaiveDate::from_ymd_opt(first.year() + n as i32, 1, 1),
        };
        let bars =
            counts.into_iter().enumerate().filter_map(|(n, count)| start_of(n).map(|d| (d, count))).collect();
        (period, bars)
    }
}

/// How many of the people an author quotes the page names.
const MOST_QUOTED: usize = 5;

/// The folded form of a filter typed in the authors index.
pub(super) fn filter_pattern(filter: &str) -> String {
    let folded = AuthorKey::of(filter).as_str().replace(['%', '_', '\\'], "");
    format!("%{folded}%")
}

impl Catalog {
    /// Authors whose name (any spelling) contains `filter`, in `sort`
    /// order, from `offset`.
    pub fn authors_page(
        &self,
        sort: AuthorSort,
        filter: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<AuthorRow>, IndexError> {
        let run = || -> rusqlite::Result<Vec<AuthorRow>> {
            let sql = format!(
                "SELECT key, name, articles, last_row,
                        (SELECT source FROM author_sources s WHERE s.key = authors.key ORDER BY n DESC, source LIMIT 1)
                 FROM authors WHERE ?1 = '%%' OR key LIKE ?1 OR key IN (SELECT key FROM author_spellings WHERE name LIKE ?1)
                 ORDER BY {} LIMIT ?2 OFFSET ?3",
                sort.order_by("articles")
            );
            self.conn
                .prepare_cached(&sql)?
                .query_map(params![filter_pattern(filter), limit as i64, offset as i64], |r| {
                    Ok(AuthorRow {
                        key: r.get(0)?,
                        name: r.get(1)?,
                        articles: usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                        latest: day_of_row(r.get(3)?),
                        source: r.get(4)?,
                    })
                })?
                .collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// How many articles the author with `key` wrote.
    pub fn author_articles(&self, key: &str) -> Result<usize, IndexError> {
        self.conn
            .prepare_cached("SELECT articles FROM authors WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get::<_, i64>(0)).optional())
            .map(|n| n.and_then(|n| usize::try_from(n).ok()).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// How many authors the filter leaves.
    pub fn authors_count(&self, filter: &str) -> Result<usize, IndexError> {
        self.conn
            .prepare_cached(
                "SELECT count(*) FROM authors WHERE ?1 = '%%' OR key LIKE ?1
                 OR key IN (SELECT key FROM author_spellings WHERE name LIKE ?1)",
            )
            .and_then(|mut s| s.query_row([filter_pattern(filter)], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Where an author is in the index (for keeping the selection).
    pub fn author_position(
        &self,
        sort: AuthorSort,
        filter: &str,
        key: &str,
    ) -> Result<Option<usize>, IndexError> {
        let sql = format!(
            "SELECT key FROM authors WHERE ?1 = '%%' OR key LIKE ?1
             OR key IN (SELECT key FROM author_spellings WHERE name LIKE ?1) ORDER BY {}",
            sort.order_by("articles")
        );
        self.position_in(&sql, &filter_pattern(filter), key)
    }

    /// An author's page, by key ("" for the unknown author).
    pub fn author(&self, key: &str) -> Result<Option<AuthorPage>, IndexError> {
        let run = || -> rusqlite::Result<Option<AuthorPage>> {
            let mut statement = self.conn.prepare_cached(
                "SELECT name, articles, first_row, last_row, bio, bio_row FROM authors WHERE key = ?1",
            )?;
            let mut found = statement.query([key])?;
            let Some(row) = found.next()? else { return Ok(None) };
            let (name, articles, first_row, last_row): (String, i64, i64, i64) =
                (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
            let (bio, bio_row): (Option<String>, Option<i64>) = (row.get(4)?, row.get(5)?);
            drop(found);
            drop(statement);
            let given: Option<(Option<String>, Option<String>)> = self
                .conn
                .prepare_cached("SELECT bio, url FROM author_info WHERE key = ?1 LIMIT 1")?
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (given_bio, url) = given.unwrap_or((None, None));
            let (bio, bio_from) = match (given_bio, bio) {
                (Some(given), _) => (Some(given), None),
                (None, Some(bio)) => (Some(bio), bio_row.and_then(|r| self.title_at(r))),
                (None, None) => (None, None),
            };
            let variants: Vec<String> = self
                .conn
                .prepare_cached("SELECT name FROM author_spellings WHERE key = ?1 ORDER BY name")?
                .query_map([key], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let sources: Vec<String> = self
                .conn
                .prepare_cached("SELECT source FROM author_sources WHERE key = ?1 ORDER BY n DESC, source")?
                .query_map([key], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let most_quoted: Vec<(String, usize)> = self
                .conn
                .prepare_cached(
                    "SELECT speaker, n FROM author_quoted WHERE key = ?1 ORDER BY n DESC, speaker LIMIT ?2",
                )?
                .query_map(params![key, MOST_QUOTED as i64], |r| {
                    Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let months: Vec<(NaiveDate, usize)> = self
                .conn
                .prepare_cached("SELECT month, n FROM author_months WHERE key = ?1 ORDER BY month")?
                .query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
                .filter_map(|m| m.ok())
                .filter_map(|(month, n)| Some((month_start(month)?, usize::try_from(n).ok()?)))
                .collect();
            Ok(Some(AuthorPage {
                key: key.to_owned(),
                name,
                variants,
                bio,
                bio_from,
                url,
                articles: usize::try_from(articles).unwrap_or(0),
                first_date: day_of_row(first_row),
                last_date: day_of_row(last_row),
                sources,
                most_quoted,
                months,
            }))
        };
        run().map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(months: &[(&str, usize)]) -> AuthorPage {
        let months = months
            .iter()
            .map(|(d, n)| (NaiveDate::parse_from_str(&format!("{d}-01"), "%Y-%m-%d").unwrap(), *n))
            .collect();
        AuthorPage { months, ..AuthorPage::default() }
    }

    #[test]
    fn activity_by_month_or_year() {
        let (period, bars) = page(&[("2024-01", 2), ("2024-03", 1)]).activity();
        assert_eq!(period, Period::Month);
        let counts: Vec<(String, usize)> =
            bars.iter().map(|(d, n)| (d.format("%Y-%m").to_string(), *n)).collect();
        assert_eq!(counts, [("2024-01".into(), 2), ("2024-02".into(), 0), ("2024-03".into(), 1)]);
        let (period, bars) = page(&[("2024-01", 1), ("2024-02", 2), ("2027-06", 1)]).activity();
        assert_eq!(period, Period::Year);
        assert_eq!(bars.iter().map(|b| b.1).collect::<Vec<_>>(), [3, 0, 0, 1]);
        assert_eq!(page(&[]).activity().1, []);
    }
}
