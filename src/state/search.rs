//! The main list's search, sort order and quick filters.

use crate::library::search::Query;
use crate::library::{Library, UNKNOWN_AUTHOR};

use super::ReadMarks;

/// How the main list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

    /// Library indexes in this order.
    pub fn sorted(self, library: &Library, marks: &ReadMarks) -> Vec<usize> {
        let articles = &library.articles;
        let mut order: Vec<usize> = (0..articles.len()).collect();
        // Dates decide almost every place; titles are lowercased only to
        // order articles of the same date, so sorting a big library does not
        // copy every title at once.
        let dates: Vec<_> = articles.iter().map(|a| a.date.map(|d| d.order_key())).collect();
        let date = |i: usize| dates[i];
        let title = |i: usize| lowercase(&articles[i].title);
        match self {
            Self::Newest => sort_then_by_title(&mut order, |i| std::cmp::Reverse(date(i)), title),
            // Undated articles last in both directions.
            Self::Oldest => sort_then_by_title(&mut order, |i| (date(i).is_none(), date(i)), title),
            Self::Title => order.sort_by_cached_key(|&i| title(i)),
            Self::Author => order.sort_by_cached_key(|&i| {
                let author = articles[i].bylines.first().map_or(UNKNOWN_AUTHOR, |b| b.name.as_str());
                (author == UNKNOWN_AUTHOR, crate::library::AuthorKey::of(author), std::cmp::Reverse(date(i)))
            }),
            Self::UnreadFirst => {
                let read: Vec<bool> = articles.iter().map(|a| marks.is_read(a.id)).collect();
                sort_then_by_title(&mut order, |i| (read[i], std::cmp::Reverse(date(i))), title);
            }
        }
        order
    }
}

/// `text` lowercased; all-ASCII text (the usual title) without Unicode tables.
fn lowercase(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_lowercase() } else { text.to_lowercase() }
}

/// Sorts by `key`, then each run of equal keys by `title`.
fn sort_then_by_title<K: Ord>(
    order: &mut [usize],
    key: impl Fn(usize) -> K,
    title: impl Fn(usize) -> String,
) {
    order.sort_by_key(|&i| key(i));
    let mut start = 0;
    while start < order.len() {
        let first = key(order[start]);
        let end = start + order[start..].iter().take_while(|&&i| key(i) == first).count();
        if end - start > 1 {
            order[start..end].sort_by_cached_key(|&i| title(i));
        }
        start = end;
    }
}

/// Search and filters over the main list.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// What the user typed.
    pub input: String,
    /// Whether typing goes into the prompt.
    pub editing: bool,
    /// The parsed input.
    pub query: Query,
    /// Bumped with every query; results for an older one are dropped.
    pub generation: u64,
    /// Which articles the query's text matches (by library index), once
    /// the search has answered; `None` while waiting or without text terms.
    pub matches: Option<Vec<bool>>,
    pub waiting: bool,
    /// When a search put off for a pause in typing is to run.
    pub due: Option<std::time::Instant>,
    pub sort: SortOrder,
    pub unread_only: bool,
    pub bookmarked_only: bool,
}

impl SearchState {
    /// Takes new input; returns whether the text part needs searching.
    pub fn set_input(&mut self, input: String) -> bool {
        self.input = input;
        self.query = Query::parse(&self.input);
        self.generation += 1;
        self.matches = None;
        self.due = None;
        self.waiting = self.query.has_text();
        self.waiting
    }

    /// Takes the search's answer if it is for the current query.
    pub fn accept(&mut self, generation: u64, hits: &[usize], articles: usize) -> bool {
        if generation != self.generation {
            return false;
        }
        let mut matches = vec![false; articles];
        for &hit in hits {
            if let Some(slot) = matches.get_mut(hit) {
                *slot = true;
            }
        }
        self.matches = Some(matches);
        self.waiting = false;
        true
    }

    /// Whether anything narrows the list.
    pub fn is_filtering(&self) -> bool {
        !self.query.is_empty() || self.unread_only || self.bookmarked_only
    }

    /// The list: `sorted` narrowed by the query and the quick filters.
    pub fn filter(&self, sorted: &[usize], library: &Library, marks: &ReadMarks) -> Vec<usize> {
        if !self.is_filtering() {
            return sorted.to_vec();
        }
        // While a text search is running, keep showing what matched before.
        let matches = self.matches.as_deref();
        if !self.unread_only && !self.bookmarked_only && !self.query.has_state() {
            // Text only: no reading state to look up for every article.
            return sorted.iter().copied().filter(|&i| matches.is_none_or(|m| m[i])).collect();
        }
        sorted
            .iter()
            .copied()
            .filter(|&i| {
                let id = library.articles[i].id;
                let (read, bookmarked) = (marks.is_read(id), marks.is_bookmarked(id));
                let text = self.matches.as_ref().is_none_or(|m| m[i]);
                text && self.query.matches_state(read, bookmarked)
                    && !(self.unread_only && read)
                    && (!self.bookmarked_only || bookmarked)
            })
            .collect()
    }

    /// "harbour · unread only", for the header.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.input.trim().is_empty() {
            parts.push(format!("“{}”", self.input.trim()));
        }
        if self.unread_only {
            parts.push("unread only".to_owned());
        }
        if self.bookmarked_only {
            parts.push("bookmarked only".to_owned());
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::search::{ScanIndex, SearchBackend};

    #[test]
    fn ascii_lowercasing_agrees_with_unicode() {
        for text in ["Harbour Board", "ÉLAN vital", "Straße", "ΣΑΣ", "plain"] {
            assert_eq!(lowercase(text), text.to_lowercase());
        }
    }

    #[test]
    fn ties_are_ordered_by_title() {
        let titles = ["b", "A", "c", "a2", "B0"];
        let keys = [2, 1, 2, 1, 2];
        let mut order: Vec<usize> = (0..titles.len()).collect();
        sort_then_by_title(&mut order, |i| keys[i], |i| titles[i].to_lowercase());
        let sorted: Vec<&str> = order.iter().map(|&i| titles[i]).collect();
        assert_eq!(sorted, ["A", "a2", "b", "B0", "c"]);
    }

    #[test]
    fn sort_orders_cycle_and_sort() {
        let library = Library::sample();
        let marks = ReadMarks::default();
        let mut order = SortOrder::default();
        for _ in 0..SortOrder::ALL.len() {
            let sorted = order.sorted(&library, &marks);
            assert_eq!(sorted.len(), library.articles.len());
            order = order.next();
        }
        assert_eq!(order, SortOrder::Newest);
        let oldest = SortOrder::Oldest.sorted(&library, &marks);
        let first = library.articles[oldest[0]].date.unwrap().day();
        assert!(library.articles.iter().filter_map(|a| a.date).all(|d| d.day() >= first));
        let by_title = SortOrder::Title.sorted(&library, &marks);
        let titles: Vec<String> =
            by_title.iter().map(|&i| library.articles[i].title.to_lowercase()).collect();
        assert!(titles.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(SortOrder::from_label("unread first"), Some(SortOrder::UnreadFirst));
    }

    #[test]
    fn stale_results_are_dropped_and_filters_combine() {
        let library = Library::sample();
        let mut marks = ReadMarks::default();
        let index = ScanIndex::new(&library);
        let sorted = SortOrder::Newest.sorted(&library, &marks);
        let mut search = SearchState::default();
        assert!(search.set_input("harbour".into()));
        let old = search.generation;
        assert!(search.set_input("harbour office".into()));
        assert!(!search.accept(old, &index.search(&Query::parse("harbour")), library.articles.len()));
        let hits = index.search(&search.query);
        assert!(search.accept(search.generation, &hits, library.articles.len()));
        let shown = search.filter(&sorted, &library, &marks);
        assert_eq!(shown.len(), hits.len());
        marks.set_read(library.articles[shown[0]].id, true);
        search.unread_only = true;
        assert_eq!(search.filter(&sorted, &library, &marks).len(), hits.len() - 1);
        assert!(!search.set_input("is:bookmarked".into()), "state terms need no search");
        search.unread_only = false;
        assert!(search.filter(&sorted, &library, &marks).is_empty());
    }
}
