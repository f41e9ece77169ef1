//! The reader pane: which article is shown, laid out at the pane's width,
//! and how far it is scrolled.

use std::collections::VecDeque;
use std::sync::Arc;

use super::selection::Motion;
use crate::library::{Article, ArticleId};
use crate::text::{WrappedArticle, layout_article};

/// How many laid-out articles are kept for quick returns.
const CACHE_ENTRIES: usize = 16;

#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// The library index of the article shown.
    article: Option<usize>,
    wrapped: Option<Arc<WrappedArticle>>,
    scroll: usize,
    /// Text columns and rows available (set from the layout).
    width: u16,
    height: usize,
    cache: WrapCache,
}

impl Reader {
    pub fn article(&self) -> Option<usize> {
        self.article
    }

    pub fn wrapped(&self) -> Option<&WrappedArticle> {
        self.wrapped.as_deref()
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Shows the article at library `index` from the top.
    pub fn show(&mut self, index: usize, article: &Article) {
        if self.article == Some(index) {
            return;
        }
        self.article = Some(index);
        self.scroll = 0;
        self.relayout(article);
    }

    pub fn clear(&mut self) {
        self.article = None;
        self.wrapped = None;
        self.scroll = 0;
    }

    /// Sets the text area; re-wraps the article if the width changed.
    pub fn set_viewport(&mut self, width: u16, height: usize, article: Option<&Article>) {
        self.height = height;
        if width != self.width {
            self.width = width;
            // Keep the reading position: the same text stays at the top.
            let anchor = self.top_source();
            if let Some(article) = article {
                self.relayout(article);
                self.scroll = match (anchor, &self.wrapped) {
                    (Some((block, offset)), Some(wrapped)) => wrapped.line_of(block, offset).unwrap_or(0),
                    _ => 0,
                };
            }
        }
        self.clamp();
    }

    /// The line count; 0 without an article.
    pub fn line_count(&self) -> usize {
        self.wrapped.as_ref().map_or(0, |w| w.lines.len())
    }

    pub fn max_scroll(&self) -> usize {
        self.line_count().saturating_sub(self.height.max(1))
    }

    pub fn apply(&mut self, motion: Motion) {
        self.scroll = match motion {
            Motion::Down(n) => self.scroll.saturating_add(n),
            Motion::Up(n) => self.scroll.saturating_sub(n),
            Motion::First => 0,
            Motion::Last => self.max_scroll(),
        };
        self.clamp();
    }

    /// How far through the article the view is, in percent (100 when the
    /// end is on screen).
    pub fn percent(&self) -> u16 {
        (self.scroll * 100).checked_div(self.max_scroll()).map_or(100, |p| p as u16)
    }

    fn clamp(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// The source position of the text at the top of the view; none at the
    /// very top, which stays the top whatever the width.
    fn top_source(&self) -> Option<(usize, usize)> {
        if self.scroll == 0 {
            return None;
        }
        let wrapped = self.wrapped.as_ref()?;
        wrapped.lines.iter().skip(self.scroll).find_map(|l| l.source)
    }

    fn relayout(&mut self, article: &Article) {
        self.wrapped = Some(self.cache.get(article, self.width.max(1)));
        self.clamp();
    }
}

/// Recently laid-out articles keyed by (article, width).
#[derive(Debug, Clone, Default)]
struct WrapCache {
    entries: VecDeque<((ArticleId, u16), Arc<WrappedArticle>)>,
}

impl WrapCache {
    fn get(&mut self, article: &Article, width: u16) -> Arc<WrappedArticle> {
        let key = (article.id, width);
        if let Some(pos) = self.entries.iter().position(|(k, _)| *k == key) {
            let entry = self.entries.remove(pos).expect("position is in range");
            let wrapped = Arc::clone(&entry.1);
            self.entries.push_front(entry);
            return wrapped;
        }
        let wrapped = Arc::new(layout_article(article, width));
        self.entries.push_front((key, Arc::clone(&wrapped)));
        self.entries.truncate(CACHE_ENTRIES);
        wrapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    fn reader_with(width: u16, height: usize) -> (Reader, Library) {
        let library = Library::sample();
        let mut reader = Reader::default();
        reader.set_viewport(width, height, None);
        reader.show(0, &library.articles[0]);
        (reader, library)
    }

    #[test]
    fn scrolls_within_bounds() {
        let (mut reader, _) = reader_with(30, 10);
        assert!(reader.line_count() > 10);
        reader.apply(Motion::Up(5));
        assert_eq!(reader.scroll(), 0);
        reader.apply(Motion::Last);
        assert_eq!(reader.scroll(), reader.line_count() - 10);
        assert_eq!(reader.percent(), 100);
        reader.apply(Motion::Down(1000));
        assert_eq!(reader.scroll(), reader.max_scroll());
    }

    #[test]
    fn resizing_keeps_the_reading_position() {
        let (mut reader, library) = reader_with(30, 10);
        reader.apply(Motion::Down(20));
        let top_text = reader.wrapped().unwrap().lines[reader.scroll()].text();
        reader.set_viewport(60, 10, Some(&library.articles[0]));
        let new_top = reader.wrapped().unwrap().lines[reader.scroll()].text();
        let first_word = top_text.split_whitespace().next().unwrap();
        assert!(new_top.contains(first_word), "{top_text:?} -> {new_top:?}");
        assert!(reader.scroll() < 20);
    }

    #[test]
    fn showing_another_article_starts_at_the_top() {
        let (mut reader, library) = reader_with(30, 10);
        reader.apply(Motion::Down(5));
        reader.show(1, &library.articles[1]);
        assert_eq!(reader.scroll(), 0);
        assert_eq!(reader.article(), Some(1));
    }

    #[test]
    fn cache_returns_the_same_layout() {
        let library = Library::sample();
        let mut cache = WrapCache::default();
        let a = cache.get(&library.articles[0], 40);
        let b = cache.get(&library.articles[0], 40);
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.get(&library.articles[0], 41);
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
