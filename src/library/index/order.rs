//! The keys that put articles and authors in order inside the index, so
//! that every sort is an index scan and a page of a list is a range of it.
//!
//! An article's row number *is* its date order: the seconds since 1800
//! (plus one; zero for an undated article) above [`SEQUENCE_BITS`], and a
//! sequence number below that tells articles of the same second apart. The
//! title and author orders are byte strings that compare the way the list
//! sorts, ending in the row so that no two are equal.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::schema::SEQUENCE_BITS;
use crate::library::article::ArticleDate;

/// Rows at or above this are dated.
pub const FIRST_DATED_ROW: i64 = 1 << SEQUENCE_BITS;

/// The highest sequence number within one second.
pub const MAX_SEQUENCE: i64 = FIRST_DATED_ROW - 1;

/// How much of a lowercased title orders it (the rest rarely matters and
/// would only make the index bigger).
const TITLE_KEY_BYTES: usize = 48;

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1800, 1, 1).expect("a valid date").and_time(NaiveTime::MIN)
}

/// The first row for articles of this date: all its articles take the
/// rows from here up to `base + MAX_SEQUENCE`.
pub fn row_base(date: Option<ArticleDate>) -> i64 {
    let Some(date) = date else { return 0 };
    let moment = match date {
        ArticleDate::Day(day) => day.and_time(NaiveTime::MIN),
        ArticleDate::Instant(instant) => instant.naive_utc(),
    };
    let seconds = (moment - epoch()).num_seconds().max(0);
    (seconds + 1) << SEQUENCE_BITS
}

/// The day an article's row says it is from (UTC), if it is dated.
pub fn day_of_row(row: i64) -> Option<NaiveDate> {
    let seconds = (row >> SEQUENCE_BITS) - 1;
    (seconds >= 0).then(|| (epoch() + chrono::Duration::seconds(seconds)).date())
}

/// A month number (year × 12 + month − 1) for the activity charts.
pub fn month_of_row(row: i64) -> Option<i64> {
    day_of_row(row).map(|d| i64::from(d.year()) * 12 + i64::from(d.month0()))
}

/// The first day of a month number.
pub fn month_start(month: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(month.div_euclid(12)).ok()?,
        u32::try_from(month.rem_euclid(12)).ok()? + 1,
        1,
    )
}

/// `text` lowercased, cut at a character boundary to at most `max` bytes.
fn lowered_prefix(text: &str, max: usize) -> Vec<u8> {
    let lower = if text.is_ascii() { text.to_ascii_lowercase() } else { text.to_lowercase() };
    let mut end = lower.len().min(max);
    while !lower.is_char_boundary(end) {
        end -= 1;
    }
    lower.as_bytes()[..end].to_vec()
}

/// The title order's key: the lowercased title, then the row.
pub fn title_order(title: &str, row: i64) -> Vec<u8> {
    title_order_of(&title_key(title), row)
}

/// The title order's key up to the row (see [`title_order_of`]).
pub fn title_key(title: &str) -> Vec<u8> {
    let mut key = lowered_prefix(title, TITLE_KEY_BYTES);
    key.push(0);
    key
}

/// The title order's key from the title's part of it and the row.
pub fn title_order_of(title_key: &[u8], row: i64) -> Vec<u8> {
    let mut key = Vec::with_capacity(title_key.len() + 8);
    key.extend_from_slice(title_key);
    key.extend_from_slice(&row.to_be_bytes());
    key
}

/// The author order's key: articles with an author before those without,
/// by the first author's key, then newest first.
pub fn author_order(first_author: Option<&str>, row: i64) -> Vec<u8> {
    let mut key = match first_author {
        Some(author) => {
            let mut key = vec![0];
            key.extend_from_slice(author.as_bytes());
            key
        }
        None => vec![1],
    };
    key.push(0);
    key.extend_from_slice(&(i64::MAX - row).to_be_bytes());
    key
}

/// The authors index's name order: by key, "Unknown author" last.
pub fn name_order(key: &str) -> Vec<u8> {
    if key.is_empty() {
        return vec![1];
    }
    let mut order = vec![0];
    order.extend_from_slice(key.as_bytes());
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<ArticleDate> {
        ArticleDate::parse(text)
    }

    #[test]
    fn rows_follow_dates() {
        let rows: Vec<i64> = [
            "2024-03-05",
            "2024-03-05T10:00:00+00:00",
            "2024-03-05T11:00:00+02:00",
            "2024-03-06",
            "1999-12-31",
        ]
        .iter()
        .map(|d| row_base(day(d)))
        .collect();
        // A day sorts before the times of that day; offsets count.
        assert!(rows[0] < rows[1] && rows[2] < rows[1] && rows[1] < rows[3] && rows[4] < rows[0]);
        assert_eq!(row_base(None), 0);
        assert!(rows.iter().all(|&r| r >= FIRST_DATED_ROW));
        assert_eq!(day_of_row(rows[3] + 5).unwrap().to_string(), "2024-03-06");
        assert_eq!(day_of_row(7), None);
        assert_eq!(month_start(month_of_row(rows[0]).unwrap()).unwrap().to_string(), "2024-03-01");
    }

    #[test]
    fn title_and_author_orders_compare_as_the_lists_sort() {
        assert!(title_order("apple", 9) < title_order("Banana", 1));
        assert!(title_order("Éclair", 1) > title_order("eclair", 1));
        assert!(title_order("same", 1) < title_order("same", 2));
        use crate::library::author::AuthorKey;
        let (a, b) = (AuthorKey::of("Ann"), AuthorKey::of("Bo"));
        let (a, b) = (a.as_str(), b.as_str());
        assert!(author_order(Some(a), 1) < author_order(Some(b), 9));
        assert!(author_order(Some(a), 9) < author_order(Some(a), 1), "newest first within an author");
        assert!(author_order(Some(b), 1) < author_order(None, 9), "unknown last");
        assert!(name_order("zed") < name_order(""));
    }

    #[test]
    fn long_titles_are_cut_at_a_char_boundary() {
        let key = title_order(&"é".repeat(40), 3);
        assert!(std::str::from_utf8(&key[..key.len() - 9]).is_ok());
    }
}
