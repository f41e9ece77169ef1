//! A window over a list: its size and the rows around one place in it,
//! which is what a view needs when its list is first shown or changes
//! (a new search, another order, a refresh that added articles).

use std::sync::Arc;

use super::Catalog;
use super::list::{Cursor, ListRow, ListSpec};
use crate::library::article::ArticleId;
use crate::library::index::IndexError;

/// Where a window is to be: on an article if the list still has it, else
/// where a row that went would have been, else at a position.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Anchor {
    pub id: Option<ArticleId>,
    /// The key of the row that was selected, for when `id` left the list.
    pub near: Option<Cursor>,
    /// The position to fall back on (clamped to the list).
    pub position: usize,
}

/// A list's size and some of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// How many articles the list has; `None` for a search whose matches
    /// are counted afterwards (see [`Catalog::count`]), so its first rows
    /// need not wait for every match to be counted.
    pub total: Option<usize>,
    /// The position of `rows[0]`.
    pub first: usize,
    pub rows: Vec<ListRow>,
    /// Where the anchor is (clamped into the list; 0 for an empty one).
    pub selected: usize,
    /// Every row of a gathered list, in order (see
    /// [`ListSpec::is_gathered`]); its pages are read with
    /// [`Catalog::rows_at`].
    pub gathered: Option<Arc<[i64]>>,
}

impl Catalog {
    /// The list `spec` around `anchor`: about `around` rows before it and
    /// after it. A search opens at its top, before it is counted.
    pub fn window(&self, spec: &ListSpec, anchor: &Anchor, around: usize) -> Result<Window, IndexError> {
        if spec.is_gathered() {
            return self.gathered_window(spec, anchor, around);
        }
        if spec.has_text() {
            let page = self.page_after(spec, None, around * 2 + 1)?;
            let total = page.complete.then_some(page.rows.len());
            return Ok(Window { total, first: 0, rows: page.rows, selected: 0, gathered: None });
        }
        let total = self.count(spec)?;
        let kept = match anchor.id {
            Some(id) => self.list_row_of(spec, id)?,
            None => None,
        };
        let found = match kept {
            Some(row) => Some(row),
            // The first row after where the selected one was.
            None => match &anchor.near {
                Some(near) => self.page_after(spec, Some(near), 1)?.rows.pop(),
                None => None,
            },
        };
        let Some(found) = found else {
            let selected = anchor.position.min(total.saturating_sub(1));
            let first = selected.saturating_sub(around);
            let rows = self.page_at(spec, first, around * 2 + 1)?;
            return Ok(Window { total: Some(total), first, rows, selected, gathered: None });
        };
        let selected = self.position_of_cursor(spec, &found.cursor)?;
        let mut rows = self.page_before(spec, Some(&found.cursor), around)?.rows;
        let first = selected - rows.len();
        let after = self.page_after(spec, Some(&found.cursor), around)?.rows;
        rows.push(found);
        rows.extend(after);
        Ok(Window { total: Some(total), first, rows, selected, gathered: None })
    }

    fn gathered_window(&self, spec: &ListSpec, anchor: &Anchor, around: usize) -> Result<Window, IndexError> {
        let gathered: Arc<[i64]> = self.gather(spec)?.into();
        let total = gathered.len();
        let kept = match anchor.id {
            Some(id) => self.row_of(id)?.and_then(|row| gathered.iter().position(|&r| r == row)),
            None => None,
        };
        let selected = kept.unwrap_or(anchor.position).min(total.saturating_sub(1));
        let first = selected.saturating_sub(around);
        let end = (selected + around + 1).min(total);
        let rows = self.rows_at(&gathered[first..end])?;
        Ok(Window { total: Some(total), first, rows, selected, gathered: Some(gathered) })
    }
}
