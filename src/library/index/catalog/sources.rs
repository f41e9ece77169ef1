//! The sources view's rows: every source (outlet or feed) with its
//! article count and latest date from the `sources` table the refresh
//! keeps, and its unread count from the articles of that source (counted
//! up to a bound, so a source of a million articles costs no more than
//! one of a thousand).

use chrono::NaiveDate;
use rusqlite::params;

use super::super::order::day_of_row;
use super::Catalog;
use super::authors::AuthorSort;
use crate::library::index::IndexError;

/// Unread articles counted per source, at most.
pub const UNREAD_COUNTED: usize = 1000;

/// One line of the sources view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub name: String,
    pub articles: usize,
    /// Unread articles, up to [`UNREAD_COUNTED`] (more reads as that).
    pub unread: usize,
    pub latest: Option<NaiveDate>,
    /// When its feed was last fetched and how that went, for a source
    /// that is a subscribed feed (filled in by the app, not the index).
    pub feed: Option<(Option<String>, Option<String>)>,
}

/// The label of a sort in the sources view.
pub fn sources_sort_label(sort: AuthorSort) -> &'static str {
    match sort {
        AuthorSort::Name => "name",
        AuthorSort::Count => "most articles",
        AuthorSort::Latest => "latest article",
    }
}

fn pattern(filter: &str) -> String {
    let folded = filter.to_lowercase().replace(['%', '_', '\\'], "");
    format!("%{folded}%")
}

const FILTER: &str = "(?1 = '%%' OR lower(name) LIKE ?1)";

impl Catalog {
    /// Sources whose name contains `filter`, in `sort` order, from `offset`.
    pub fn sources_page(
        &self,
        sort: AuthorSort,
        filter: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<SourceRow>, IndexError> {
        let run = || -> rusqlite::Result<Vec<SourceRow>> {
            let sql = format!(
                "SELECT name, articles, last_row,
                    (SELECT count(*) FROM (SELECT 1 FROM articles a WHERE a.source = s.name
                        AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.id = a.id AND m.read) LIMIT ?4))
                 FROM sources s WHERE {FILTER} ORDER BY {} LIMIT ?2 OFFSET ?3",
                sort.order_by("articles")
            );
            self.conn
                .prepare_cached(&sql)?
                .query_map(
                    params![pattern(filter), limit as i64, offset as i64, UNREAD_COUNTED as i64],
                    |r| {
                        Ok(SourceRow {
                            name: r.get(0)?,
                            articles: usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                            latest: day_of_row(r.get(2)?),
                            unread: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                            feed: None,
                        })
                    },
                )?
                .collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// How many sources the filter leaves.
    pub fn sources_count(&self, filter: &str) -> Result<usize, IndexError> {
        self.conn
            .prepare_cached(&format!("SELECT count(*) FROM sources WHERE {FILTER}"))
            .and_then(|mut s| s.query_row([pattern(filter)], |r| r.get::<_, i64>(0)))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Whether any article names `name` as its source.
    pub fn has_source(&self, name: &str) -> bool {
        self.conn
            .prepare_cached("SELECT 1 FROM sources WHERE name = ?1")
            .and_then(|mut s| s.exists([name]))
            .unwrap_or(false)
    }

    /// Where a source is in the view (for keeping the selection).
    pub fn source_position(
        &self,
        sort: AuthorSort,
        filter: &str,
        name: &str,
    ) -> Result<Option<usize>, IndexError> {
        let sql = format!("SELECT name FROM sources WHERE {FILTER} ORDER BY {}", sort.order_by("articles"));
        self.position_in(&sql, &pattern(filter), name)
    }
}
