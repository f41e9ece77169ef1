//! Searching the library: a query language (`query`), case- and
//! accent-folding (`fold`), and the backend that answers a parsed query
//! with matching articles. Everything above this module talks to
//! [`SearchBackend`], so an index (SQLite FTS5) can replace the scan
//! without the UI noticing.

pub mod fold;
pub mod query;

use std::ops::Range;

pub use fold::fold;
pub use query::{FoldedArticle, Query};

use super::{Article, Library};

/// Answers a query with the library indexes of the articles whose text
/// matches it (state terms such as `is:unread` are left to the caller).
pub trait SearchBackend: Send + Sync {
    fn search(&self, query: &Query) -> Vec<usize>;
}

/// Scans every article's folded text: no index to keep, fast enough for
/// tens of thousands of articles.
pub struct ScanIndex {
    articles: Vec<FoldedArticle>,
}

impl ScanIndex {
    pub fn new(library: &Library) -> Self {
        Self { articles: library.articles.iter().map(folded).collect() }
    }
}

impl SearchBackend for ScanIndex {
    fn search(&self, query: &Query) -> Vec<usize> {
        (0..self.articles.len()).filter(|&i| query.matches_text(&self.articles[i])).collect()
    }
}

/// An article's searchable text, folded.
pub fn folded(article: &Article) -> FoldedArticle {
    let mut body = String::new();
    for block in &article.body {
        body.push_str(&fold(&block.text));
        body.push('\n');
    }
    FoldedArticle {
        title: fold(&article.title),
        authors: fold(&article.author_names().collect::<Vec<_>>().join(", ")),
        body,
        tags: fold(&article.tags.join(" ")),
        source: article.source.as_deref().map(fold).unwrap_or_default(),
    }
}

/// Where the query's words and phrases occur in one block of text: byte
/// ranges of the original, in order, not overlapping.
pub fn find_matches(text: &str, needles: &[&str]) -> Vec<Range<usize>> {
    if needles.is_empty() {
        return Vec::new();
    }
    let (folded, offsets) = fold::fold_with_offsets(text);
    let mut found: Vec<Range<usize>> = Vec::new();
    for needle in needles {
        let mut from = 0;
        while let Some(at) = folded[from..].find(needle) {
            let start = from + at;
            let end = start + needle.len();
            let original_end = offsets.get(end).copied().unwrap_or(text.len());
            found.push(offsets[start]..original_end);
            from = end.max(start + 1);
            while !folded.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for range in found {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_matching_articles() {
        let library = Library::sample();
        let index = ScanIndex::new(&library);
        let hits = index.search(&Query::parse("eelgrass"));
        assert!(!hits.is_empty());
        assert!(
            hits.iter().all(|&i| library.articles[i]
                .body
                .iter()
                .any(|b| b.text.to_lowercase().contains("eelgrass")))
        );
        let by_author = index.search(&Query::parse("author:wrona"));
        assert_eq!(by_author.len(), 3);
        assert_eq!(index.search(&Query::parse("")).len(), library.articles.len());
    }

    #[test]
    fn matches_map_back_to_original_bytes() {
        let text = "The Café at Noël; CAFE prices";
        let found = find_matches(text, &["cafe", "noel"]);
        let words: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["Café", "Noël", "CAFE"]);
    }

    #[test]
    fn overlapping_matches_merge() {
        let text = "night bus nights";
        let found = find_matches(text, &["night bus", "bus"]);
        assert_eq!(found, vec![Range { start: 0, end: 9 }]);
    }
}
