//! What `authors` and `people` gather for each name as the articles
//! stream by: its spellings and the articles it appears in, summed up at
//! the end as the name to print, every spelling, the article ids newest
//! first and the first and last dates.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::library::author::preferred_spelling;
use crate::library::{Article, ArticleId};

/// How an article's date orders it (see `ArticleDate::order_key`).
type DateOrder = Option<(NaiveDate, Option<i64>)>;

#[derive(Default)]
pub struct Named {
    spellings: HashMap<String, usize>,
    articles: Vec<(DateOrder, ArticleId)>,
}

/// A name, summed up.
pub struct Summary {
    pub name: String,
    pub variants: Vec<String>,
    /// Article ids, newest first, undated last, in library order among equals.
    pub articles: Vec<String>,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

impl Named {
    /// The name, spelled `spelling`, appears in `article` (an article
    /// counts once however often it names it).
    pub fn saw(&mut self, spelling: &str, article: &Article) {
        *self.spellings.entry(spelling.to_owned()).or_default() += 1;
        if self.articles.last().is_none_or(|(_, id)| *id != article.id) {
            self.articles.push((article.date.map(|d| d.order_key()), article.id));
        }
    }

    pub fn summary(mut self) -> Summary {
        let name =
            preferred_spelling(self.spellings.iter().map(|(s, &n)| (s.as_str(), n))).unwrap_or_default();
        let mut variants: Vec<String> = self.spellings.into_keys().collect();
        variants.sort();
        self.articles.sort_by_key(|(order, _)| std::cmp::Reverse(*order));
        let days = self.articles.iter().filter_map(|(order, _)| order.map(|o| o.0));
        let (first, last) = (days.clone().min(), days.max());
        Summary {
            name,
            variants,
            articles: self.articles.iter().map(|(_, id)| id.to_string()).collect(),
            first_date: first.map(|d| d.to_string()),
            last_date: last.map(|d| d.to_string()),
        }
    }
}
