//! Searching the library: a query language (`query`) and case- and
//! accent-folding (`fold`). The index answers queries (see
//! `index::catalog`); what is here decides what a query means and finds
//! its words in an article's text for the reader to highlight.

pub mod fold;
pub mod query;

use std::ops::Range;

pub use fold::fold;
pub use query::{FoldedArticle, Query};

use super::Article;

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
        speakers: fold(&article.speakers.join(" ")),
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
    fn words_of_the_sample_are_found_from_their_start() {
        let library = crate::library::Library::sample();
        let matching = |query: &str| {
            let query = Query::parse(query);
            library.articles.iter().filter(|a| query.matches_text(&folded(a))).count()
        };
        let eelgrass = matching("eelgrass");
        assert!(eelgrass > 0 && eelgrass < library.articles.len());
        assert_eq!(matching("eelgr"), eelgrass);
        assert_eq!(matching("elgrass"), 0, "not from the middle of a word");
        assert_eq!(matching("author:wrona"), 3);
        assert_eq!(matching(""), library.articles.len());
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
