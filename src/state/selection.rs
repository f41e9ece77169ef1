//! A selection in a list of known length, with the scroll offset that keeps
//! it visible. Shared by the article list and the diagnostics view.

/// A movement through a list or a document, independent of its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Down(usize),
    Up(usize),
    First,
    Last,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    len: usize,
    selected: usize,
    /// The first visible row.
    offset: usize,
    /// How many rows fit on screen (set from the layout).
    visible_rows: usize,
}

impl Selection {
    pub fn new(len: usize) -> Self {
        Self { len, ..Self::default() }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn visible_rows(&self) -> usize {
        self.visible_rows
    }

    /// Positions on screen, top to bottom.
    pub fn visible(&self) -> std::ops::Range<usize> {
        self.offset..(self.offset + self.visible_rows).min(self.len)
    }

    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.clamp();
    }

    pub fn set_visible_rows(&mut self, rows: usize) {
        self.visible_rows = rows;
        self.clamp();
    }

    pub fn apply(&mut self, motion: Motion) {
        let last = self.len.saturating_sub(1);
        self.selected = match motion {
            Motion::Down(n) => self.selected.saturating_add(n).min(last),
            Motion::Up(n) => self.selected.saturating_sub(n),
            Motion::First => 0,
            Motion::Last => last,
        };
        self.clamp();
    }

    /// Selects a position (a mouse click, a restored selection).
    pub fn select(&mut self, position: usize) {
        self.selected = position;
        self.clamp();
    }

    /// Keeps the selection in range and on screen, scrolling as little as
    /// possible.
    fn clamp(&mut self) {
        self.selected = self.selected.min(self.len.saturating_sub(1));
        let rows = self.visible_rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.len.saturating_sub(rows));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(len: usize, rows: usize) -> Selection {
        let mut s = Selection::new(len);
        s.set_visible_rows(rows);
        s
    }

    #[test]
    fn moves_stay_in_bounds() {
        let mut l = selection(5, 3);
        l.apply(Motion::Up(1));
        assert_eq!(l.selected(), 0);
        l.apply(Motion::Down(100));
        assert_eq!(l.selected(), 4);
        l.apply(Motion::First);
        assert_eq!(l.selected(), 0);
        l.apply(Motion::Last);
        assert_eq!((l.selected(), l.offset()), (4, 2));
    }

    #[test]
    fn selection_stays_visible() {
        let mut l = selection(10, 3);
        l.apply(Motion::Down(3));
        assert_eq!((l.selected(), l.offset()), (3, 1));
        l.apply(Motion::Up(2));
        assert_eq!((l.selected(), l.offset()), (1, 1));
        l.apply(Motion::Up(1));
        assert_eq!(l.offset(), 0);
        assert_eq!(l.visible(), 0..3);
    }

    #[test]
    fn shrinking_the_viewport_keeps_the_selection_visible() {
        let mut l = selection(10, 8);
        l.apply(Motion::Down(7));
        l.set_visible_rows(2);
        assert!(l.visible().contains(&l.selected()));
        l.set_visible_rows(0);
        assert_eq!(l.offset(), l.selected());
        l.set_len(3);
        assert_eq!(l.selected(), 2);
    }

    #[test]
    fn empty_is_harmless() {
        let mut l = selection(0, 3);
        l.apply(Motion::Down(1));
        l.apply(Motion::Last);
        assert_eq!(l.selected(), 0);
        assert_eq!(l.visible().count(), 0);
    }
}
