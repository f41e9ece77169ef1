//! The article list: an order over the library and a selection in it.

use super::selection::{Motion, Selection};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleList {
    /// Indexes into the library's articles, in display order.
    order: Vec<usize>,
    selection: Selection,
}

impl ArticleList {
    pub fn new(order: Vec<usize>) -> Self {
        Self { selection: Selection::new(order.len()), order }
    }

    pub fn order(&self) -> &[usize] {
        &self.order
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The library index of the selected article.
    pub fn selected_article(&self) -> Option<usize> {
        self.order.get(self.selection.selected()).copied()
    }

    /// Rows on screen: (position in the list, library index).
    pub fn visible(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.selection.visible().map(|position| (position, self.order[position]))
    }

    /// Replaces the order, keeping the selected article selected if it is
    /// still there.
    pub fn set_order(&mut self, order: Vec<usize>) {
        let current = self.selected_article();
        let position = current.and_then(|a| order.iter().position(|&i| i == a)).unwrap_or(0);
        self.order = order;
        self.selection.set_len(self.order.len());
        self.selection.select(position);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reordering_keeps_the_selected_article() {
        let mut l = ArticleList::new((0..5).collect());
        l.set_visible_rows(5);
        l.apply(Motion::Down(3));
        l.set_order(vec![4, 3, 2, 1, 0]);
        assert_eq!((l.selection().selected(), l.selected_article()), (1, Some(3)));
    }

    #[test]
    fn visible_rows_map_to_articles() {
        let mut l = ArticleList::new(vec![9, 8, 7, 6]);
        l.set_visible_rows(2);
        l.apply(Motion::Last);
        assert_eq!(l.visible().collect::<Vec<_>>(), [(2, 7), (3, 6)]);
    }
}
