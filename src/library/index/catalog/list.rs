//! Lists of articles as windows over the index: a list is an order and a
//! filter, read a page at a time forwards or backwards from a cursor (the
//! last row's key), so a page costs the same at the start of a million
//! articles as at the end.
//!
//! Each order is one index scan (or two in turn, "segments": oldest first
//! puts the undated after the dated, unread first the read after the
//! unread). A search with words in date order is driven by the full-text
//! index itself, whose rowids are the rows, so its first page needs no
//! look at the other matches. What no index orders (a search sorted by
//! title, bookmarks) is gathered whole and sorted: such lists are small,
//! or asked for rarely, and their rows are only numbers.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::super::order::FIRST_DATED_ROW;
use super::super::rows::split;
use super::super::text_search::fts_term;
use super::Catalog;
use crate::library::article::{ArticleDate, ArticleId};
use crate::library::index::IndexError;
use crate::library::search::Query;
use crate::library::search::query::{Field, StateFilter, TermKind};

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
    Title,
    Author,
    UnreadFirst,
}

impl SortOrder {
    pub const ALL: [Self; 5] = [Self::Newest, Self::Oldest, Self::Title, Self::Author, Self::UnreadFirst];

    pub fn next(self) -> Self {
        let at = Self::ALL.iter().position(|&s| s == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    /// The name shown to users, and kept in the state file.
    pub fn label(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Title => "title",
            Self::Author => "author",
            Self::UnreadFirst => "unread first",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.label() == label)
    }
}

/// Which articles a list is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub enum Scope {
    #[default]
    All,
    /// One author's articles, by the author's key ("" for no author).
    Author(String),
}

/// A list: which articles, in which order, narrowed how.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListSpec {
    pub scope: Scope,
    pub order: SortOrder,
    pub unread_only: bool,
    pub bookmarked_only: bool,
    pub query: Query,
}

/// One row of a list: what the list draws, and the key that continues it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub row: i64,
    pub id: ArticleId,
    pub title: String,
    pub authors: Vec<String>,
    pub date: Option<ArticleDate>,
    pub words: usize,
    pub read: bool,
    pub bookmarked: bool,
    /// Which of the list's segments the row is in, and its key there.
    pub cursor: Cursor,
}

/// Where a row is in its list's index order.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    segment: usize,
    key: Value,
}

/// A page of a list and whether it reached the list's end (the start,
/// for a page read backwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub rows: Vec<ListRow>,
    pub complete: bool,
}

/// The column a segment is read in order of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Row,
    Title,
    Author,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    key: Key,
    descending: bool,
    /// A condition of its own, on `a` (the article) and `m` (its marks).
    condition: &'static str,
}

/// How a list is read.
#[derive(Debug, Clone)]
struct Plan {
    segments: Vec<Segment>,
    /// The words to find, as a full-text expression.
    fts: Option<String>,
    /// Only words to exclude.
    fts_excluded_only: bool,
    conditions: Vec<&'static str>,
    scope: Scope,
}

const UNREAD: &str = "coalesce(m.read, 0) = 0";
const READ: &str = "m.read = 1";
const BOOKMARKED: &str = "m.bookmarked = 1";
const NOT_BOOKMARKED: &str = "coalesce(m.bookmarked, 0) = 0";

const ROW_COLUMNS: &str =
    "a.row, a.id, a.title, a.authors, a.date, a.words, coalesce(m.read, 0), coalesce(m.bookmarked, 0)";

impl ListSpec {
    /// Whether the list is gathered whole and sorted rather than read off
    /// an index: a search in an order no full-text scan gives, bookmarks,
    /// a search within one author's articles.
    pub fn is_gathered(&self) -> bool {
        let plan = self.plan();
        let bookmarks = self.bookmarked_only
            || self
                .query
                .terms
                .iter()
                .any(|t| !t.negated && matches!(t.kind, TermKind::State(StateFilter::Bookmarked)));
        let words_in_their_order = plan.fts.is_some()
            && !plan.fts_excluded_only
            && matches!(self.order, SortOrder::Newest | SortOrder::Oldest)
            && plan.scope == Scope::All;
        bookmarks || (plan.fts.is_some() && !words_in_their_order)
    }

    /// Whether reading the list involves the full-text index.
    pub fn has_text(&self) -> bool {
        self.plan().fts.is_some()
    }

    fn plan(&self) -> Plan {
        let segment = |key, descending, condition| Segment { key, descending, condition };
        let segments = match (&self.scope, self.order) {
            (_, SortOrder::Newest) => vec![segment(Key::Row, true, "1")],
            (_, SortOrder::Oldest) => {
                vec![
                    segment(Key::Row, false, "a.row >= 16777216"),
                    segment(Key::Row, false, "a.row < 16777216"),
                ]
            }
            (_, SortOrder::Title) => vec![segment(Key::Title, false, "1")],
            (_, SortOrder::Author) => vec![segment(Key::Author, false, "1")],
            (_, SortOrder::UnreadFirst) => {
                vec![segment(Key::Row, true, UNREAD), segment(Key::Row, true, READ)]
            }
        };
        debug_assert_eq!(FIRST_DATED_ROW, 16_777_216);
        let mut conditions = Vec::new();
        if self.unread_only {
            conditions.push(UNREAD);
        }
        if self.bookmarked_only {
            conditions.push(BOOKMARKED);
        }
        let mut wanted = Vec::new();
        let mut unwanted = Vec::new();
        for term in &self.query.terms {
            match &term.kind {
                TermKind::State(filter) => conditions.push(match (filter, term.negated) {
                    (StateFilter::Unread, false) | (StateFilter::Read, true) => UNREAD,
                    (StateFilter::Read, false) | (StateFilter::Unread, true) => READ,
                    (StateFilter::Bookmarked, false) => BOOKMARKED,
                    (StateFilter::Bookmarked, true) => NOT_BOOKMARKED,
                }),
                TermKind::Text { field, text, phrase } => {
                    if let Some(expression) = fts_term(*field, text, *phrase) {
                        if term.negated { unwanted.push(expression) } else { wanted.push(expression) }
                    }
                }
            }
        }
        let (fts, fts_excluded_only) = match (wanted.is_empty(), unwanted.is_empty()) {
            (true, true) => (None, false),
            (true, false) => (Some(unwanted.join(" OR ")), true),
            (false, true) => (Some(wanted.join(" AND ")), false),
            (false, false) => {
                (Some(format!("({}) NOT ({})", wanted.join(" AND "), unwanted.join(" OR "))), false)
            }
        };
        Plan { segments, fts, fts_excluded_only, conditions, scope: self.scope.clone() }
    }
}

/// A word for a field, as a full-text column filter.
pub(crate) fn column_filter(field: Field) -> &'static str {
    match field {
        Field::Any => "{title authors body}",
        Field::Title => "title",
        Field::Author => "authors",
        Field::Tag => "tags",
        Field::Source => "source",
        Field::Speaker => "speakers",
    }
}

impl Plan {
    /// Whether the full-text index drives the reading (its rowids are the
    /// rows, in date order).
    fn fts_drives(&self, segment: &Segment) -> bool {
        self.fts.is_some() && !self.fts_excluded_only && segment.key == Key::Row && self.scope == Scope::All
    }

    /// The SQL that reads `segment`, forwards or backwards, after a cursor
    /// or from its end, with the parameters it takes.
    fn page_sql(
        &self,
        segment: &Segment,
        forwards: bool,
        cursor: Option<&Value>,
        limit: usize,
    ) -> (String, Vec<Value>) {
        let mut params: Vec<Value> = Vec::new();
        let mut conditions: Vec<String> = vec![segment.condition.to_owned()];
        conditions.extend(self.conditions.iter().map(|c| (*c).to_owned()));
        let (from, key) = if self.fts_drives(segment) {
            conditions.push("t.text MATCH ?".to_owned());
            params.push(Value::Text(self.fts.clone().unwrap_or_default()));
            ("text t JOIN articles a ON a.row = t.rowid".to_owned(), "t.rowid")
        } else {
            if let Some(fts) = &self.fts {
                let op = if self.fts_excluded_only { "NOT IN" } else { "IN" };
                conditions.push(format!("a.row {op} (SELECT rowid FROM text WHERE text MATCH ?)"));
                params.push(Value::Text(fts.clone()));
            }
            match (&self.scope, segment.key) {
                (Scope::Author(author), Key::Row) => {
                    conditions.push("x.key = ?".to_owned());
                    params.push(Value::Text(author.clone()));
                    ("article_authors x JOIN articles a ON a.row = x.row".to_owned(), "x.row")
                }
                (scope, key) => {
                    if let Scope::Author(author) = scope {
                        conditions
                            .push("a.row IN (SELECT row FROM article_authors WHERE key = ?)".to_owned());
                        params.push(Value::Text(author.clone()));
                    }
                    ("articles a".to_owned(), key_column(key))
                }
            }
        };
        // Forwards in list order is descending for a descending segment.
        let descending = segment.descending == forwards;
        if let Some(cursor) = cursor {
            conditions.push(format!("{key} {} ?", if descending { "<" } else { ">" }));
            params.push(cursor.clone());
        }
        let sql = format!(
            "SELECT {ROW_COLUMNS}, {key} FROM {from} LEFT JOIN marks m ON m.id = a.id WHERE {} ORDER BY {key} {} LIMIT ?",
            conditions.join(" AND "),
            if descending { "DESC" } else { "ASC" },
        );
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        (sql, params)
    }

    /// The SQL that counts a segment's rows (before a cursor, if given).
    fn count_sql(&self, segment: &Segment, before: Option<&Value>) -> (String, Vec<Value>) {
        let (sql, mut params) = self.page_sql(segment, false, before, 0);
        // The same reading, counted: rows before the cursor in list order
        // are those after it read backwards.
        params.pop();
        let from = sql.find(" FROM ").unwrap_or(0);
        let order = sql.rfind(" ORDER BY ").unwrap_or(sql.len());
        (format!("SELECT count(*){}", &sql[from..order]), params)
    }
}

fn key_column(key: Key) -> &'static str {
    match key {
        Key::Row => "a.row",
        Key::Title => "a.title_order",
        Key::Author => "a.author_order",
    }
}

fn list_row(row: &rusqlite::Row<'_>, segment: usize) -> rusqlite::Result<ListRow> {
    let authors: String = row.get(3)?;
    Ok(ListRow {
        row: row.get(0)?,
        id: ArticleId(row.get::<_, i64>(1)? as u64),
        title: row.get(2)?,
        authors: split(&authors),
        date: row.get::<_, Option<String>>(4)?.and_then(|d| ArticleDate::parse(&d)),
        words: usize::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
        read: row.get(6)?,
        bookmarked: row.get(7)?,
        cursor: Cursor { segment, key: row.get(8)? },
    })
}

impl Catalog {
    fn run_page(
        &self,
        plan: &Plan,
        segment: usize,
        forwards: bool,
        cursor: Option<&Value>,
        limit: usize,
    ) -> rusqlite::Result<Vec<ListRow>> {
        let (sql, params) = plan.page_sql(&plan.segments[segment], forwards, cursor, limit);
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(params_from_iter(params), |r| list_row(r, segment))?;
        rows.map(|row| row.map(|row| self.with_settled_names(row))).collect()
    }

    /// A row with its authors' names as the library spells them.
    fn with_settled_names(&self, mut row: ListRow) -> ListRow {
        for name in &mut row.authors {
            *name = self.settled(name);
        }
        row
    }

    /// Up to `limit` rows following `after` in list order (from the start
    /// without a cursor).
    pub fn page_after(
        &self,
        spec: &ListSpec,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page, IndexError> {
        let plan = spec.plan();
        let run = || -> rusqlite::Result<Page> {
            // One row more than wanted tells whether the list goes on,
            // without another query (a search's costs as much as a page).
            let wanted = limit.saturating_add(1);
            let mut rows = Vec::with_capacity(wanted.min(256));
            let (mut segment, mut key) = after.map_or((0, None), |c| (c.segment, Some(c.key.clone())));
            while segment < plan.segments.len() && rows.len() < wanted {
                rows.extend(self.run_page(&plan, segment, true, key.as_ref(), wanted - rows.len())?);
                if rows.len() < wanted {
                    segment += 1;
                    key = None;
                }
            }
            let complete = rows.len() <= limit;
            rows.truncate(limit);
            Ok(Page { complete, rows })
        };
        run().map_err(|e| self.err(e))
    }

    /// Up to `limit` rows before `before` in list order, in list order
    /// (the last rows without a cursor).
    pub fn page_before(
        &self,
        spec: &ListSpec,
        before: Option<&Cursor>,
        limit: usize,
    ) -> Result<Page, IndexError> {
        let plan = spec.plan();
        let run = || -> rusqlite::Result<Page> {
            let mut rows: Vec<ListRow> = Vec::with_capacity(limit.min(256));
            let last = plan.segments.len() - 1;
            let (mut segment, mut key) = before.map_or((last, None), |c| (c.segment, Some(c.key.clone())));
            loop {
                // Read backwards, so reversed into list order, and before
                // what later segments gave.
                let mut got = self.run_page(&plan, segment, false, key.as_ref(), limit - rows.len())?;
                got.reverse();
                got.extend(rows);
                rows = got;
                if rows.len() >= limit || segment == 0 {
                    break;
                }
                segment -= 1;
                key = None;
            }
            Ok(Page { complete: rows.len() < limit, rows })
        };
        run().map_err(|e| self.err(e))
    }

    /// How many articles the list has. The common lists are counted the
    /// cheap way: the whole library, an author's articles (kept by the
    /// refresh), a search without other conditions (by the full-text index
    /// alone); others by one pass over what their conditions select.
    pub fn count(&self, spec: &ListSpec) -> Result<usize, IndexError> {
        let plan = spec.plan();
        let run = || -> rusqlite::Result<usize> {
            let one = |sql: &str, params: Vec<Value>| -> rusqlite::Result<usize> {
                let n: i64 =
                    self.conn.prepare_cached(sql)?.query_row(params_from_iter(params), |r| r.get(0))?;
                Ok(usize::try_from(n).unwrap_or(0))
            };
            let all = || self.article_total();
            if plan.conditions.is_empty() {
                match (&plan.scope, &plan.fts) {
                    (Scope::All, None) => return all(),
                    (Scope::Author(key), None) => {
                        return one(
                            "SELECT coalesce(max(articles), 0) FROM authors WHERE key = ?",
                            vec![Value::Text(key.clone())],
                        );
                    }
                    (Scope::All, Some(fts)) => {
                        // The full-text file alone: while a write is
                        // between its two commits (see `fulltext`) this
                        // may count a chunk's rows ahead of the list.
                        let matching = one(
                            "SELECT count(*) FROM text WHERE text MATCH ?",
                            vec![Value::Text(fts.clone())],
                        )?;
                        return if plan.fts_excluded_only {
                            Ok(all()?.saturating_sub(matching))
                        } else {
                            Ok(matching)
                        };
                    }
                    (Scope::Author(_), Some(_)) => {}
                }
            }
            // The segments of an order part the list between them: count
            // it in one pass, without them.
            let whole = Segment { key: plan.segments[0].key, descending: true, condition: "1" };
            let (sql, params) = plan.count_sql(&whole, None);
            one(&sql, params)
        };
        run().map_err(|e| self.err(e))
    }

    /// Where article `id` is in the list (how many rows come before it),
    /// or `None` when the list does not have it.
    pub fn position_of(&self, spec: &ListSpec, id: ArticleId) -> Result<Option<usize>, IndexError> {
        match self.list_row_of(spec, id)? {
            Some(row) => self.position_of_cursor(spec, &row.cursor).map(Some),
            None => Ok(None),
        }
    }

    /// How many rows of the list come before `cursor`.
    pub fn position_of_cursor(&self, spec: &ListSpec, cursor: &Cursor) -> Result<usize, IndexError> {
        let plan = spec.plan();
        let run = || -> rusqlite::Result<usize> {
            let mut before = 0;
            for (index, segment) in plan.segments.iter().enumerate().take(cursor.segment + 1) {
                let at = (index == cursor.segment).then_some(&cursor.key);
                let (sql, params) = plan.count_sql(segment, at);
                let n: i64 =
                    self.conn.prepare_cached(&sql)?.query_row(params_from_iter(params), |r| r.get(0))?;
                before += usize::try_from(n).unwrap_or(0);
            }
            Ok(before)
        };
        run().map_err(|e| self.err(e))
    }

    /// Up to `limit` rows from position `offset` on: for a jump far from
    /// any row known (it costs as much as the rows skipped).
    pub fn page_at(&self, spec: &ListSpec, offset: usize, limit: usize) -> Result<Vec<ListRow>, IndexError> {
        if offset == 0 {
            return self.page_after(spec, None, limit).map(|p| p.rows);
        }
        let plan = spec.plan();
        let run = || -> rusqlite::Result<Vec<ListRow>> {
            let mut skip = offset;
            let mut rows = Vec::with_capacity(limit.min(256));
            for (index, segment) in plan.segments.iter().enumerate() {
                if rows.len() >= limit {
                    break;
                }
                if skip > 0 {
                    let (sql, params) = plan.count_sql(segment, None);
                    let n: i64 =
                        self.conn.prepare_cached(&sql)?.query_row(params_from_iter(params), |r| r.get(0))?;
                    let n = usize::try_from(n).unwrap_or(0);
                    if n <= skip {
                        skip -= n;
                        continue;
                    }
                }
                let (sql, mut params) = plan.page_sql(segment, true, None, limit - rows.len());
                params.push(Value::Integer(i64::try_from(skip).unwrap_or(i64::MAX)));
                skip = 0;
                let mut statement = self.conn.prepare_cached(&format!("{sql} OFFSET ?"))?;
                let found = statement.query_map(params_from_iter(params), |r| list_row(r, index))?;
                for row in found {
                    rows.push(self.with_settled_names(row?));
                }
            }
            Ok(rows)
        };
        run().map_err(|e| self.err(e))
    }

    /// Article `id` as a row of the list, if the list has it.
    pub fn list_row_of(&self, spec: &ListSpec, id: ArticleId) -> Result<Option<ListRow>, IndexError> {
        let plan = spec.plan();
        let run = || -> rusqlite::Result<Option<ListRow>> {
            for (index, segment) in plan.segments.iter().enumerate() {
                let (sql, mut params) = plan.page_sql(segment, true, None, 1);
                // The same reading, narrowed to the one article.
                let limit = params.pop().unwrap_or(Value::Integer(1));
                let at = sql.find(" ORDER BY ").unwrap_or(sql.len());
                let narrowed = format!("{} AND a.id = ?{}", &sql[..at], &sql[at..]);
                params.push(Value::Integer(id.0 as i64));
                params.push(limit);
                let found = self
                    .conn
                    .prepare_cached(&narrowed)?
                    .query_row(params_from_iter(params), |r| list_row(r, index))
                    .optional()?;
                if found.is_some() {
                    return Ok(found.map(|row| self.with_settled_names(row)));
                }
            }
            Ok(None)
        };
        run().map_err(|e| self.err(e))
    }

    /// Every row of a gathered list (see [`ListSpec::is_gathered`]), in order.
    pub fn gather(&self, spec: &ListSpec) -> Result<Vec<i64>, IndexError> {
        let plan = spec.plan();
        let run = || -> rusqlite::Result<Vec<i64>> {
            let mut all = Vec::new();
            for segment in &plan.segments {
                let (sql, params) = plan.page_sql(segment, true, None, usize::MAX >> 2);
                let mut statement = self.conn.prepare_cached(&sql)?;
                let rows = statement.query_map(params_from_iter(params), |r| r.get::<_, i64>(0))?;
                for row in rows {
                    all.push(row?);
                }
            }
            Ok(all)
        };
        run().map_err(|e| self.err(e))
    }

    /// The rows of a gathered list at these row numbers, in this order.
    pub fn rows_at(&self, rows: &[i64]) -> Result<Vec<ListRow>, IndexError> {
        let run = || -> rusqlite::Result<Vec<ListRow>> {
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT {ROW_COLUMNS}, a.row FROM articles a LEFT JOIN marks m ON m.id = a.id WHERE a.row = ?1"
            ))?;
            let mut out = Vec::with_capacity(rows.len());
            for &row in rows {
                if let Some(found) = statement.query_row([row], |r| list_row(r, 0)).optional()? {
                    out.push(self.with_settled_names(found));
                }
            }
            Ok(out)
        };
        run().map_err(|e| self.err(e))
    }
}
