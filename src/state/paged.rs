//! A list read a page at a time by position: the authors index and the
//! problems view, whose rows come from the index as they come on screen.

use super::selection::{Motion, Selection};

/// How many rows are read at once beyond the screen, and kept at most.
const AHEAD: usize = 64;
const MAX_CACHED: usize = 512;

#[derive(Debug, Clone)]
pub struct Paged<T> {
    total: usize,
    /// The position of `rows[0]`.
    first: usize,
    rows: Vec<T>,
    selection: Selection,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Self { total: 0, first: 0, rows: Vec::new(), selection: Selection::default() }
    }
}

impl<T> Paged<T> {
    /// A list of `total` rows, none read yet.
    pub fn new(total: usize) -> Self {
        let mut paged = Self::default();
        paged.reset(total);
        paged
    }

    /// The list changed (another filter or order, a refresh): forgets the
    /// rows read, keeps the selection's place where the list still reaches.
    pub fn reset(&mut self, total: usize) {
        self.total = total;
        self.first = 0;
        self.rows.clear();
        self.selection.set_len(total);
    }

    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn row(&self, position: usize) -> Option<&T> {
        position.checked_sub(self.first).and_then(|i| self.rows.get(i))
    }

    pub fn selected(&self) -> Option<&T> {
        if self.total == 0 { None } else { self.row(self.selection.selected()) }
    }

    /// Rows on screen, top to bottom.
    pub fn visible(&self) -> impl Iterator<Item = (usize, Option<&T>)> + '_ {
        self.selection.visible().map(|position| (position, self.row(position)))
    }

    pub fn set_visible_rows(&mut self, rows: usize) {
        self.selection.set_visible_rows(rows);
    }

    pub fn apply(&mut self, motion: Motion) {
        self.selection.apply(motion);
    }

    pub fn select(&mut self, position: usize) {
        self.selection.select(position);
    }

    /// The positions to read (offset and count) for the screen, if any of
    /// its rows are missing.
    pub fn wanted(&self) -> Option<(usize, usize)> {
        let visible = self.selection.visible();
        let cached = self.first..self.first + self.rows.len();
        if visible.is_empty() || (visible.start >= cached.start && visible.end <= cached.end) {
            return None;
        }
        let start = visible.start.saturating_sub(AHEAD);
        let end = (visible.end + AHEAD).min(self.total);
        Some((start, end - start))
    }

    /// Takes the rows read from `start` (replacing what was kept).
    pub fn take(&mut self, start: usize, rows: Vec<T>) {
        self.first = start;
        self.rows = rows;
        self.rows.truncate(MAX_CACHED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_only_for_rows_it_lacks() {
        let mut paged: Paged<usize> = Paged::new(1000);
        paged.set_visible_rows(10);
        let (start, count) = paged.wanted().unwrap();
        assert_eq!((start, count), (0, 74));
        paged.take(start, (start..start + count).collect());
        assert_eq!(paged.wanted(), None);
        assert_eq!(paged.selected(), Some(&0));
        paged.apply(Motion::Last);
        let (start, count) = paged.wanted().unwrap();
        assert_eq!(start + count, 1000);
        paged.take(start, (start..start + count).collect());
        assert_eq!(paged.selected(), Some(&999));
        paged.reset(3);
        assert_eq!(paged.selection().selected(), 2);
        assert_eq!(paged.selected(), None, "rows are read again");
    }
}
