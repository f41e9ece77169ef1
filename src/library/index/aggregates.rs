//! The authors' and the quoted people's tables, kept as articles come and
//! go: each stored or forgotten article adds to or takes from a tally per
//! author and per person it quotes, and the tallies are written once per
//! transaction, so the authors index, the people index and their pages
//! never need a pass over every article.

use rusqlite::{OptionalExtension, Transaction, params};
use rustc_hash::FxHashMap;

use super::order::{FIRST_DATED_ROW, month_of_row, name_order};
use super::schema::SEPARATOR;
use crate::library::author::{AuthorKey, UNKNOWN_AUTHOR, preferred_spelling};

/// What one transaction changes about one author.
#[derive(Debug, Default)]
struct Delta {
    articles: i64,
    spellings: FxHashMap<String, i64>,
    sources: FxHashMap<String, i64>,
    months: FxHashMap<i64, i64>,
    quoted: FxHashMap<String, i64>,
    /// The newest and oldest dated rows added.
    added: Option<(i64, i64)>,
    /// A row went: the first and last dates must be looked up again.
    removed: bool,
    /// The longest bio added, and its article's row.
    bio: Option<(String, i64)>,
    /// Rows whose bios went (the held bio may be one of them).
    removed_rows: Vec<i64>,
}

/// An article as the authors' tables see it, with the keys of the names
/// it gives (made where it was parsed, off the writer's thread).
pub struct Counted<'a> {
    pub row: i64,
    /// (name, its key, bio) per author; empty for an article without one.
    pub bylines: Vec<(&'a str, &'a str, Option<&'a str>)>,
    pub source: Option<&'a str>,
    /// (name, its key) per person quoted.
    pub speakers: Vec<(&'a str, &'a str)>,
}

/// What one transaction changes about one person quoted.
#[derive(Debug, Default)]
struct PersonDelta {
    quotes: i64,
    articles: i64,
    spellings: FxHashMap<String, i64>,
    sources: FxHashMap<String, i64>,
    authors: FxHashMap<String, i64>,
    months: FxHashMap<i64, i64>,
    /// The newest row added.
    added: Option<i64>,
    removed: bool,
}

/// The changes of one transaction, by author key ('' for no author) and
/// by the key of each person quoted.
#[derive(Debug, Default)]
pub struct Tally {
    /// Articles added less articles taken away.
    articles: i64,
    deltas: FxHashMap<String, Delta>,
    people: FxHashMap<String, PersonDelta>,
    sources: FxHashMap<String, SourceDelta>,
}

/// What one transaction changes about one source.
#[derive(Debug, Default)]
struct SourceDelta {
    articles: i64,
    /// The newest row added.
    added: Option<i64>,
    removed: bool,
}

impl Tally {
    /// The keys an article counts for, with the names they are spelled as.
    fn keyed<'a>(article: &'a Counted<'a>) -> Vec<(&'a str, &'a str, Option<&'a str>)> {
        if article.bylines.is_empty() {
            return vec![("", UNKNOWN_AUTHOR, None)];
        }
        let mut keys: Vec<(&str, &str, Option<&str>)> = Vec::new();
        for &(name, key, bio) in &article.bylines {
            if !keys.iter().any(|(k, _, _)| *k == key) {
                keys.push((key, name, bio));
            }
        }
        keys
    }

    pub fn add(&mut self, article: &Counted<'_>) {
        self.count(article, 1);
    }

    pub fn remove(&mut self, article: &Counted<'_>) {
        self.count(article, -1);
    }

    fn count(&mut self, article: &Counted<'_>, sign: i64) {
        self.articles += sign;
        self.count_people(article, sign);
        if let Some(source) = article.source.map(str::trim).filter(|s| !s.is_empty()) {
            let delta = self.sources.entry(source.to_owned()).or_default();
            delta.articles += sign;
            if sign > 0 {
                delta.added = Some(delta.added.map_or(article.row, |r| r.max(article.row)));
            } else {
                delta.removed = true;
            }
        }
        for (key, name, bio) in Self::keyed(article) {
            let delta = self.deltas.entry(key.to_owned()).or_default();
            delta.articles += sign;
            *delta.spellings.entry(name.to_owned()).or_default() += sign;
            if let Some(source) = article.source.filter(|s| !s.is_empty()) {
                *delta.sources.entry(source.to_owned()).or_default() += sign;
            }
            if let Some(month) = month_of_row(article.row) {
                *delta.months.entry(month).or_default() += sign;
            }
            for (speaker, _) in &article.speakers {
                *delta.quoted.entry((*speaker).to_owned()).or_default() += sign;
            }
            if sign > 0 {
                if article.row >= FIRST_DATED_ROW {
                    let (oldest, newest) = delta.added.unwrap_or((article.row, article.row));
                    delta.added = Some((oldest.min(article.row), newest.max(article.row)));
                }
                if let Some(bio) = bio.filter(|b| !b.is_empty() && !key.is_empty())
                    && delta.bio.as_ref().is_none_or(|(held, _)| bio.len() > held.len())
                {
                    delta.bio = Some((bio.to_owned(), article.row));
                }
            } else {
                delta.removed = true;
                delta.removed_rows.push(article.row);
            }
        }
    }

    /// Counts the people an article quotes (each quotation once, the
    /// article once per person).
    fn count_people(&mut self, article: &Counted<'_>, sign: i64) {
        let mut here: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
        for &(speaker, key) in &article.speakers {
            if !key.is_empty() {
                here.entry(key).or_default().push(speaker);
            }
        }
        for (key, names) in here {
            let delta = self.people.entry(key.to_owned()).or_default();
            let quotes = names.len() as i64;
            delta.quotes += sign * quotes;
            delta.articles += sign;
            for name in names {
                *delta.spellings.entry(name.to_owned()).or_default() += sign;
            }
            if let Some(source) = article.source.filter(|s| !s.is_empty()) {
                *delta.sources.entry(source.to_owned()).or_default() += sign;
            }
            for &(_, author, _) in &article.bylines {
                if !author.is_empty() {
                    *delta.authors.entry(author.to_owned()).or_default() += sign;
                }
            }
            if let Some(month) = month_of_row(article.row) {
                *delta.months.entry(month).or_default() += sign * quotes;
            }
            if sign > 0 {
                delta.added = Some(delta.added.map_or(article.row, |r| r.max(article.row)));
            } else {
                delta.removed = true;
            }
        }
    }

    /// Writes the tallies into the authors' and people's tables.
    pub fn apply(self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        if self.articles != 0 {
            tx.prepare_cached("UPDATE totals SET articles = articles + ?1")?.execute([self.articles])?;
        }
        for (key, delta) in self.deltas {
            apply_one(tx, &key, delta)?;
        }
        for (key, delta) in self.people {
            apply_person(tx, &key, delta)?;
        }
        for (name, delta) in self.sources {
            apply_source(tx, &name, delta)?;
        }
        Ok(())
    }
}

/// Adds counts to a (key, value, n) table, dropping rows that reach zero.
fn add_counts<V: rusqlite::ToSql>(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    key: &str,
    counts: impl IntoIterator<Item = (V, i64)>,
) -> rusqlite::Result<()> {
    let upsert = format!(
        "INSERT INTO {table} (key, {column}, n) VALUES (?1, ?2, ?3)
         ON CONFLICT (key, {column}) DO UPDATE SET n = n + excluded.n"
    );
    let mut changed = false;
    let mut upsert = tx.prepare_cached(&upsert)?;
    for (value, n) in counts {
        if n != 0 {
            upsert.execute(params![key, value, n])?;
            changed |= n < 0;
        }
    }
    if changed {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE key = ?1 AND n <= 0"))?.execute([key])?;
    }
    Ok(())
}

fn apply_one(tx: &Transaction<'_>, key: &str, delta: Delta) -> rusqlite::Result<()> {
    add_counts(tx, "author_spellings", "name", key, delta.spellings)?;
    add_counts(tx, "author_sources", "source", key, delta.sources)?;
    add_counts(tx, "author_months", "month", key, delta.months)?;
    add_counts(tx, "author_quoted", "speaker", key, delta.quoted)?;
    type Held = (i64, i64, i64, Option<String>, Option<i64>);
    let held: Option<Held> = tx
        .prepare_cached("SELECT articles, first_row, last_row, bio, bio_row FROM authors WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    let (count, mut first, mut last, mut bio, mut bio_row) = held.unwrap_or((0, 0, 0, None, None));
    let count = count + delta.articles;
    if count <= 0 {
        tx.prepare_cached("DELETE FROM authors WHERE key = ?1")?.execute([key])?;
        return Ok(());
    }
    if delta.removed {
        // The oldest and newest dated articles left.
        let (oldest, newest): (Option<i64>, Option<i64>) = tx
            .prepare_cached("SELECT min(row), max(row) FROM article_authors WHERE key = ?1 AND row >= ?2")?
            .query_row(params![key, FIRST_DATED_ROW], |r| Ok((r.get(0)?, r.get(1)?)))?;
        (first, last) = (oldest.unwrap_or(0), newest.unwrap_or(0));
    } else if let Some((oldest, newest)) = delta.added {
        first = if first == 0 { oldest } else { first.min(oldest) };
        last = last.max(newest);
    }
    if bio_row.is_some_and(|r| delta.removed_rows.contains(&r)) {
        (bio, bio_row) = longest_bio(tx, key)?.map_or((None, None), |(b, r)| (Some(b), Some(r)));
    }
    if let Some((new_bio, row)) = delta.bio
        && bio.as_ref().is_none_or(|held| new_bio.len() > held.len())
    {
        (bio, bio_row) = (Some(new_bio), Some(row));
    }
    let name = if key.is_empty() {
        UNKNOWN_AUTHOR.to_owned()
    } else {
        let spellings: Vec<(String, i64)> = tx
            .prepare_cached("SELECT name, n FROM author_spellings WHERE key = ?1")?
            .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        preferred_spelling(spellings.iter().map(|(s, n)| (s.as_str(), usize::try_from(*n).unwrap_or(0))))
            .unwrap_or_else(|| key.to_owned())
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO authors (key, name, name_order, articles, first_row, last_row, bio, bio_row)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![key, name, name_order(key), count, first, last, bio, bio_row])?;
    Ok(())
}

fn apply_source(tx: &Transaction<'_>, name: &str, delta: SourceDelta) -> rusqlite::Result<()> {
    let held: Option<(i64, i64)> = tx
        .prepare_cached("SELECT articles, last_row FROM sources WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (articles, mut last) = held.unwrap_or((0, 0));
    let articles = articles + delta.articles;
    if articles <= 0 {
        tx.prepare_cached("DELETE FROM sources WHERE name = ?1")?.execute([name])?;
        return Ok(());
    }
    if delta.removed {
        last = tx
            .prepare_cached("SELECT coalesce(max(row), 0) FROM articles WHERE source = ?1")?
            .query_row([name], |r| r.get(0))?;
    }
    if let Some(added) = delta.added {
        last = last.max(added);
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sources (name, name_order, articles, last_row) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![name, name_order(&name.to_lowercase()), articles, last])?;
    Ok(())
}

fn apply_person(tx: &Transaction<'_>, key: &str, delta: PersonDelta) -> rusqlite::Result<()> {
    add_counts(tx, "person_spellings", "name", key, delta.spellings)?;
    add_counts(tx, "person_sources", "source", key, delta.sources)?;
    add_counts(tx, "person_authors", "author", key, delta.authors)?;
    add_counts(tx, "person_months", "month", key, delta.months)?;
    let held: Option<(i64, i64, i64)> = tx
        .prepare_cached("SELECT quotes, articles, last_row FROM people WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (quotes, articles, mut last) = held.unwrap_or((0, 0, 0));
    let (quotes, articles) = (quotes + delta.quotes, articles + delta.articles);
    if quotes <= 0 || articles <= 0 {
        tx.prepare_cached("DELETE FROM people WHERE key = ?1")?.execute([key])?;
        return Ok(());
    }
    if delta.removed {
        last = tx
            .prepare_cached(
                "SELECT coalesce(max(row), 0) FROM quotes WHERE person = (SELECT id FROM person_keys WHERE key = ?1)",
            )?
            .query_row([key], |r| r.get(0))?;
    }
    if let Some(added) = delta.added {
        last = last.max(added);
    }
    let spellings: Vec<(String, i64)> = tx
        .prepare_cached("SELECT name, n FROM person_spellings WHERE key = ?1")?
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let name =
        preferred_spelling(spellings.iter().map(|(s, n)| (s.as_str(), usize::try_from(*n).unwrap_or(0))))
            .unwrap_or_else(|| key.to_owned());
    tx.prepare_cached(
        "INSERT OR REPLACE INTO people (key, name, name_order, quotes, articles, last_row)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![key, name, name_order(key), quotes, articles, last])?;
    Ok(())
}

/// The longest bio an author's articles give, with its row: looked for
/// only when the article that gave the held one went.
fn longest_bio(tx: &Transaction<'_>, key: &str) -> rusqlite::Result<Option<(String, i64)>> {
    let mut best: Option<(String, i64)> = None;
    let mut statement = tx.prepare_cached(
        "SELECT a.row, a.authors, a.bios FROM article_authors x JOIN articles a ON a.row = x.row
         WHERE x.key = ?1 AND a.bios != ''",
    )?;
    let mut rows = statement.query([key])?;
    while let Some(row) = rows.next()? {
        let at: i64 = row.get(0)?;
        let names: String = row.get(1)?;
        let bios: String = row.get(2)?;
        for (name, bio) in names.split(SEPARATOR).zip(bios.split(SEPARATOR)) {
            if AuthorKey::of(name).as_str() == key
                && !bio.is_empty()
                && best.as_ref().is_none_or(|(held, _)| bio.len() > held.len())
            {
                best = Some((bio.to_owned(), at));
            }
        }
    }
    Ok(best)
}
