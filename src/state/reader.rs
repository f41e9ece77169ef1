//! The reader pane: which article is shown, laid out at the pane's width,
//! and how far it is scrolled.

use std::collections::VecDeque;
use std::sync::Arc;

use super::selection::Motion;
use crate::library::search::find_matches;
use crate::library::{Article, ArticleId};
use crate::store::Position;
use crate::text::{Decorations, ReaderStyle, TextMatch, WrappedArticle, layout_article};

/// How many laid-out articles are kept for quick returns.
const CACHE_ENTRIES: usize = 16;

/// ...and at most this many wrapped lines in all, so a few huge articles
/// cannot fill memory with layouts (the newest one is always kept).
const CACHE_LINES: usize = 200_000;

#[derive(Debug, Clone, Default)]
pub struct Reader {
    /// The article shown.
    article: Option<ArticleId>,
    wrapped: Option<Arc<WrappedArticle>>,
    scroll: usize,
    /// Marks on top of the text: the focused quotation, search matches.
    decorations: Decorations,
    style: ReaderStyle,
    /// Text columns and rows available (set from the layout).
    width: u16,
    height: usize,
    cache: WrapCache,
}

/// Lines of context kept above a quotation or match scrolled into view.
const CONTEXT_LINES: usize = 2;

impl Reader {
    pub fn article(&self) -> Option<ArticleId> {
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

    /// Sets how text is laid out; the article is laid out again if it changed.
    pub fn set_style(&mut self, style: ReaderStyle, article: Option<&Article>) {
        if style != self.style {
            self.style = style;
            if let Some(article) = article {
                self.relayout(article);
            }
        }
    }

    pub fn focused_quote(&self) -> Option<usize> {
        self.decorations.focused_quote
    }

    pub fn current_match(&self) -> Option<usize> {
        self.decorations.current_match
    }

    /// How many search matches the shown article has.
    pub fn match_count(&self) -> usize {
        self.decorations.matches.len()
    }

    /// Shows `article` from the top.
    pub fn show(&mut self, article: &Article) {
        if self.article == Some(article.id) {
            return;
        }
        self.article = Some(article.id);
        self.scroll = 0;
        self.decorations.focused_quote = None;
        self.decorations.current_match = None;
        self.decorations.matches.clear();
        self.relayout(article);
    }

    /// The shown article's text changed (its body was read from its file):
    /// lays it out again, keeping the top line's place where it can.
    pub fn reload(&mut self, article: &Article) {
        let anchor = self.top_source();
        self.relayout(article);
        self.scroll = match (anchor, &self.wrapped) {
            (Some((block, offset)), Some(wrapped)) => wrapped.line_of(block, offset).unwrap_or(0),
            _ => 0,
        };
        self.clamp();
    }

    pub fn clear(&mut self) {
        self.article = None;
        self.wrapped = None;
        self.scroll = 0;
        self.decorations = Decorations::default();
    }

    /// Marks where `needles` (folded search words and phrases) occur.
    pub fn highlight(&mut self, needles: &[&str], article: &Article) {
        let matches: Vec<TextMatch> = article
            .body
            .iter()
            .enumerate()
            .flat_map(|(block, b)| {
                find_matches(&b.text, needles).into_iter().map(move |r| TextMatch {
                    block,
                    start: r.start,
                    end: r.end,
                })
            })
            .collect();
        if matches != self.decorations.matches {
            self.decorations.matches = matches;
            self.decorations.current_match = None;
            self.relayout(article);
        }
    }

    /// Moves to the next search match below the current one (or below the
    /// top of the view); false when there is none.
    pub fn next_match(&mut self, article: &Article) -> bool {
        let Some(wrapped) = &self.wrapped else { return false };
        let next = match self.decorations.current_match {
            Some(current) => (current + 1 < wrapped.match_lines.len()).then_some(current + 1),
            None => wrapped.match_lines.iter().position(|&line| line >= self.scroll),
        };
        self.focus_match(next, article)
    }

    /// Like [`Reader::next_match`], upwards.
    pub fn previous_match(&mut self, article: &Article) -> bool {
        let Some(wrapped) = &self.wrapped else { return false };
        let previous = match self.decorations.current_match {
            Some(current) => current.checked_sub(1),
            None => wrapped.match_lines.iter().rposition(|&line| line < self.scroll + self.height),
        };
        self.focus_match(previous, article)
    }

    /// Marks match `index` as current and scrolls it into view.
    pub fn focus_match(&mut self, index: Option<usize>, article: &Article) -> bool {
        let Some(index) = index.filter(|&i| i < self.decorations.matches.len()) else { return false };
        self.decorations.current_match = Some(index);
        self.relayout(article);
        if let Some(&line) = self.wrapped.as_ref().and_then(|w| w.match_lines.get(index)) {
            self.scroll_into_view(line, line);
        }
        true
    }

    /// Where the view is in the article, to come back to later (none at
    /// the very top).
    pub fn position(&self) -> Option<Position> {
        self.top_source().map(|(block, offset)| Position { block, offset })
    }

    /// Scrolls to a saved position.
    pub fn restore(&mut self, position: Position) {
        if let Some(line) = self.wrapped.as_ref().and_then(|w| w.line_of(position.block, position.offset)) {
            self.scroll = line;
            self.clamp();
        }
    }

    /// Marks the next quotation after the focused one (or, with none
    /// focused, the first at or below the top of the view) and scrolls it
    /// into view. Returns whether there was one.
    pub fn next_quote(&mut self, article: &Article) -> bool {
        let Some(wrapped) = &self.wrapped else { return false };
        let top_level = (0..article.quotes.len()).filter(|&i| article.quotes[i].depth == 0);
        let next = match self.decorations.focused_quote {
            Some(focus) => top_level.clone().find(|&i| i > focus),
            None => {
                top_level.clone().find(|&i| wrapped.quote_lines.get(i).is_some_and(|l| l.0 >= self.scroll))
            }
        };
        self.focus_quote(next, article)
    }

    /// Like [`Reader::next_quote`], backwards.
    pub fn previous_quote(&mut self, article: &Article) -> bool {
        let Some(wrapped) = &self.wrapped else { return false };
        let mut top_level = (0..article.quotes.len()).rev().filter(|&i| article.quotes[i].depth == 0);
        let previous = match self.decorations.focused_quote {
            Some(focus) => top_level.find(|&i| i < focus),
            None => top_level
                .find(|&i| wrapped.quote_lines.get(i).is_some_and(|l| l.0 < self.scroll + self.height)),
        };
        self.focus_quote(previous, article)
    }

    /// Marks quotation `index` and scrolls it into view.
    pub fn focus_quote(&mut self, index: Option<usize>, article: &Article) -> bool {
        let Some(index) = index else { return false };
        self.decorations.focused_quote = Some(index);
        self.relayout(article);
        if let Some(&(first, last)) = self.wrapped.as_ref().and_then(|w| w.quote_lines.get(index)) {
            self.scroll_into_view(first, last);
        }
        true
    }

    /// Scrolls so lines `first..=last` are visible, with a little context
    /// above when it has to move.
    fn scroll_into_view(&mut self, first: usize, last: usize) {
        let visible = self.scroll..self.scroll + self.height.max(1);
        if !visible.contains(&first) || !visible.contains(&last) {
            self.scroll = first.saturating_sub(CONTEXT_LINES);
        }
        self.clamp();
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
        self.wrapped = Some(self.cache.get(article, self.width.max(1), &self.decorations, self.style));
        self.clamp();
    }
}

/// What a layout depends on: the article and its text (which changes when
/// its file is read again), the width, the decorations, the style.
type LayoutKey = (ArticleId, u64, u16, Decorations, ReaderStyle);

/// A hash of an article's text, to tell a summary or an older copy from
/// the text read now.
fn text_hash(article: &Article) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(article.title.as_bytes());
    for block in &article.body {
        hasher.update(&[0]);
        hasher.update(block.text.as_bytes());
    }
    hasher.digest()
}

/// Recently laid-out articles.
#[derive(Debug, Clone, Default)]
struct WrapCache {
    entries: VecDeque<(LayoutKey, Arc<WrappedArticle>)>,
}

impl WrapCache {
    fn get(
        &mut self,
        article: &Article,
        width: u16,
        decorations: &Decorations,
        style: ReaderStyle,
    ) -> Arc<WrappedArticle> {
        let text = text_hash(article);
        let found = self.entries.iter().position(|(k, _)| {
            k.0 == article.id && k.1 == text && k.2 == width && &k.3 == decorations && k.4 == style
        });
        if let Some(pos) = found {
            let entry = self.entries.remove(pos).expect("position is in range");
            let wrapped = Arc::clone(&entry.1);
            self.entries.push_front(entry);
            return wrapped;
        }
        let key = (article.id, text, width, decorations.clone(), style);
        let wrapped = Arc::new(layout_article(article, width, decorations, style));
        self.entries.push_front((key, Arc::clone(&wrapped)));
        self.entries.truncate(CACHE_ENTRIES);
        let mut lines: usize = self.entries.iter().map(|(_, w)| w.lines.len()).sum();
        while lines > CACHE_LINES && self.entries.len() > 1 {
            let (_, evicted) = self.entries.pop_back().expect("more than one entry");
            lines -= evicted.lines.len();
        }
        wrapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use crate::text::Marks;

    fn reader_with(width: u16, height: usize) -> (Reader, Library) {
        let library = Library::sample();
        let mut reader = Reader::default();
        reader.set_viewport(width, height, None);
        reader.show(&library.articles[0]);
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
        let target = (20..).find(|&i| reader.wrapped().unwrap().lines[i].source.is_some()).unwrap();
        reader.apply(Motion::Down(target));
        let top_text = reader.wrapped().unwrap().lines[reader.scroll()].text();
        reader.set_viewport(60, 10, Some(&library.articles[0]));
        let new_top = reader.wrapped().unwrap().lines[reader.scroll()].text();
        let first_word = top_text.split_whitespace().next().unwrap();
        assert!(new_top.contains(first_word), "{top_text:?} -> {new_top:?}");
        assert!(reader.scroll() < target);
    }

    #[test]
    fn showing_another_article_starts_at_the_top() {
        let (mut reader, library) = reader_with(30, 10);
        reader.apply(Motion::Down(5));
        reader.show(&library.articles[1]);
        assert_eq!(reader.scroll(), 0);
        assert_eq!(reader.article(), Some(library.articles[1].id));
    }

    #[test]
    fn quote_navigation_marks_and_scrolls() {
        let library = Library::sample();
        let article = library.articles.iter().find(|a| a.title.contains("seawall")).expect("sample");
        let mut reader = Reader::default();
        reader.set_viewport(40, 8, None);
        reader.show(article);
        assert!(reader.next_quote(article));
        assert_eq!(reader.focused_quote(), Some(0));
        assert!(reader.next_quote(article));
        assert_eq!(reader.focused_quote(), Some(1));
        let (first, last) = reader.wrapped().unwrap().quote_lines[1];
        assert!(reader.scroll() <= first && last < reader.scroll() + 8);
        let focused =
            reader.wrapped().unwrap().lines[first].spans.iter().any(|s| s.marks.contains(Marks::FOCUS));
        assert!(focused);
        assert!(reader.previous_quote(article));
        assert_eq!(reader.focused_quote(), Some(0));
        assert!(!reader.previous_quote(article));
        assert_eq!(reader.focused_quote(), Some(0));
        // Past the last quotation, nothing moves.
        while reader.next_quote(article) {}
        let top_level = article.quotes.iter().filter(|q| q.depth == 0).count();
        assert_eq!(reader.focused_quote(), Some(top_level - 1));
    }

    #[test]
    fn search_matches_are_marked_and_walked() {
        let library = Library::sample();
        let article = library.articles.iter().find(|a| a.title.contains("seawall")).expect("sample");
        let mut reader = Reader::default();
        reader.set_viewport(40, 6, None);
        reader.show(article);
        reader.highlight(&["lindqvist"], article);
        assert!(reader.match_count() >= 2);
        assert!(reader.next_match(article));
        assert_eq!(reader.current_match(), Some(0));
        assert!(reader.next_match(article));
        assert_eq!(reader.current_match(), Some(1));
        let line = reader.wrapped().unwrap().match_lines[1];
        assert!((reader.scroll()..reader.scroll() + 6).contains(&line));
        let current = reader.wrapped().unwrap().lines[line]
            .spans
            .iter()
            .any(|s| s.marks.contains(Marks::CURRENT) && s.text.to_lowercase().contains("lindqvist"));
        assert!(current);
        while reader.next_match(article) {}
        assert_eq!(reader.current_match(), Some(reader.match_count() - 1));
        assert!(reader.previous_match(article));
    }

    #[test]
    fn positions_come_back() {
        let (mut reader, library) = reader_with(30, 10);
        assert_eq!(reader.position(), None);
        let target = (15..).find(|&i| reader.wrapped().unwrap().lines[i].source.is_some()).unwrap();
        reader.apply(Motion::Down(target));
        let position = reader.position().unwrap();
        let top = reader.scroll();
        reader.show(&library.articles[1]);
        reader.show(&library.articles[0]);
        assert_eq!(reader.scroll(), 0);
        reader.restore(position);
        assert_eq!(reader.scroll(), top);
    }

    #[test]
    fn cache_drops_old_layouts_of_huge_articles() {
        use crate::library::load::{FileEntry, FileKind, parse_bytes};
        let text = format!("Huge\n\n{}", "one two three four five six\n\n".repeat(30_000));
        let path = std::path::PathBuf::from("huge.txt");
        let kind = FileKind::Articles(crate::library::FileType::Text);
        let outcome = parse_bytes(&path, kind, text.as_bytes(), false);
        let library = Library::build(vec![(FileEntry { path, kind }, outcome)], Vec::new());
        let mut cache = WrapCache::default();
        for width in [10, 11, 12, 13] {
            cache.get(&library.articles[0], width, &Decorations::default(), ReaderStyle::default());
        }
        let lines: usize = cache.entries.iter().map(|(_, w)| w.lines.len()).sum();
        assert!(cache.entries.len() < 4, "old layouts were kept");
        assert!(lines <= CACHE_LINES || cache.entries.len() == 1);
    }

    #[test]
    fn cache_returns_the_same_layout() {
        let library = Library::sample();
        let mut cache = WrapCache::default();
        let plain = Decorations::default();
        let a = cache.get(&library.articles[0], 40, &plain, ReaderStyle::default());
        let b = cache.get(&library.articles[0], 40, &plain, ReaderStyle::default());
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.get(&library.articles[0], 41, &plain, ReaderStyle::default());
        assert!(!Arc::ptr_eq(&a, &c));
        let focused = Decorations { focused_quote: Some(0), ..Decorations::default() };
        let d = cache.get(&library.articles[0], 40, &focused, ReaderStyle::default());
        assert!(cache.entries.len() <= CACHE_ENTRIES);
        assert!(!Arc::ptr_eq(&a, &d));
    }
}
