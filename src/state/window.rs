//! An article list as a window over the index: which list (a
//! [`ListSpec`]), how long it is, the selection, and a bounded cache of
//! rows around what is on screen. The rows come from the query layer;
//! this only knows which ones the screen needs next ([`ListWindow::wanted`]).
//!
//! A list is first filled (and filled again after a change of order,
//! search or library) from a [`Window`] worked out off the input path,
//! placed on the selected article; scrolling then asks for the pages next
//! to the rows it has, each a short index read.

use std::sync::Arc;

use super::selection::{Motion, Selection};
use crate::library::ArticleId;
use crate::library::index::catalog::{Anchor, Cursor, ListRow, ListSpec, Window};

/// How many rows around the screen are kept (and read ahead) beyond the
/// screen itself, on each side.
const MARGIN_SCREENS: usize = 1;
/// The most rows kept: a few screens, whatever the list's length.
const MAX_CACHED: usize = 600;

/// Rows the screen needs and the cache lacks.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetch {
    /// The `count` rows after the last one cached.
    After { cursor: Cursor, count: usize },
    /// The `count` rows before the first one cached.
    Before { cursor: Cursor, count: usize },
    /// The last `count` rows of the list.
    Last { count: usize },
    /// `count` rows from `position` (a jump far from anything cached).
    At { position: usize, count: usize },
    /// Rows of a gathered list, by row number, from `position`.
    Gathered { position: usize, rows: Vec<i64> },
}

#[derive(Debug, Clone, Default)]
pub struct ListWindow {
    spec: ListSpec,
    /// The request whose answer is awaited (older answers are dropped).
    ticket: u64,
    waiting: bool,
    /// Whether any answer arrived (before that, the list is unknown).
    known: bool,
    /// How many articles the list has, once counted (a search's rows come
    /// before its count).
    total: Option<usize>,
    /// The position of `rows[0]`.
    first: usize,
    rows: Vec<ListRow>,
    gathered: Option<Arc<[i64]>>,
    selection: Selection,
    /// Where to place the list before any row is known (the last
    /// session's article).
    placed: Option<Anchor>,
    /// Moves made before the list was known (keys typed at start), made
    /// once it is.
    early: Vec<Motion>,
}

impl ListWindow {
    pub fn new(spec: ListSpec) -> Self {
        Self { spec, ..Self::default() }
    }

    pub fn spec(&self) -> &ListSpec {
        &self.spec
    }

    /// Changes which list this is; its rows are asked for again.
    pub fn set_spec(&mut self, spec: ListSpec) {
        self.spec = spec;
    }

    /// Whether the list's rows are known (an answer arrived).
    pub fn is_known(&self) -> bool {
        self.known
    }

    /// Whether an answer for the current list is awaited.
    pub fn is_waiting(&self) -> bool {
        self.waiting
    }

    /// How many articles the list has (those read so far, while it is
    /// being counted).
    pub fn len(&self) -> usize {
        self.total.unwrap_or(self.first + self.rows.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the list's length is known.
    pub fn is_counted(&self) -> bool {
        self.total.is_some()
    }

    /// The list's length, counted after its first rows came.
    pub fn set_total(&mut self, ticket: u64, total: usize) {
        if ticket == self.ticket && self.known && self.total.is_none() {
            self.total = Some(total.max(self.first + self.rows.len()));
            self.selection.set_len(self.len());
        }
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// Where the list is to be placed when it is read again: on the
    /// selected article, or where it was.
    pub fn anchor(&self) -> Anchor {
        if !self.known
            && let Some(placed) = &self.placed
        {
            return placed.clone();
        }
        let row = self.selected_row();
        Anchor {
            id: row.map(|r| r.id),
            near: row.map(|r| r.cursor.clone()),
            position: self.selection.selected(),
        }
    }

    /// Where the list is to open (before it is first read).
    pub fn place(&mut self, anchor: Anchor) {
        self.placed = Some(anchor);
    }

    /// Notes that the list was asked for with `ticket`.
    pub fn expect(&mut self, ticket: u64) {
        self.ticket = ticket;
        self.waiting = true;
    }

    pub fn ticket(&self) -> u64 {
        self.ticket
    }

    /// Takes an answer; false if it is not the one awaited. The article
    /// selected now stays selected if the answer has it (the user may have
    /// moved since the question was asked).
    pub fn install(&mut self, ticket: u64, window: Window) -> bool {
        if ticket != self.ticket {
            return false;
        }
        let current = self.selected_id();
        self.waiting = false;
        self.known = true;
        self.placed = None;
        self.total = window.total;
        self.first = window.first;
        self.rows = window.rows;
        self.gathered = window.gathered;
        self.selection.set_len(self.len());
        let kept = current.and_then(|id| self.position_of(id));
        self.selection.select(kept.unwrap_or(window.selected));
        for motion in std::mem::take(&mut self.early) {
            self.selection.apply(motion);
        }
        self.trim();
        true
    }

    /// An answer that will not come (the query failed).
    pub fn give_up(&mut self, ticket: u64) {
        if ticket == self.ticket {
            self.waiting = false;
        }
    }

    /// The row at a position, if cached.
    pub fn row(&self, position: usize) -> Option<&ListRow> {
        position.checked_sub(self.first).and_then(|i| self.rows.get(i))
    }

    pub fn selected_row(&self) -> Option<&ListRow> {
        if self.is_empty() {
            return None;
        }
        self.row(self.selection.selected())
    }

    pub fn selected_id(&self) -> Option<ArticleId> {
        self.selected_row().map(|r| r.id)
    }

    /// The rows on screen, top to bottom (`None` for one not read yet).
    pub fn visible(&self) -> impl Iterator<Item = (usize, Option<&ListRow>)> + '_ {
        self.selection.visible().map(|position| (position, self.row(position)))
    }

    /// Where article `id` is, if among the rows cached.
    pub fn position_of(&self, id: ArticleId) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id).map(|i| self.first + i)
    }

    pub fn set_visible_rows(&mut self, rows: usize) {
        self.selection.set_visible_rows(rows);
    }

    pub fn apply(&mut self, motion: Motion) {
        if self.known {
            self.selection.apply(motion);
        } else {
            self.early.push(motion);
        }
    }

    pub fn select(&mut self, position: usize) {
        self.selection.select(position);
    }

    /// The positions the screen needs: what is on it and a screen on
    /// either side.
    fn needed(&self) -> std::ops::Range<usize> {
        let screen = self.selection.visible_rows().max(1);
        let margin = screen * MARGIN_SCREENS;
        let start = self.selection.offset().saturating_sub(margin);
        // Uncounted, the list may go on past what was read.
        let end = (self.selection.offset() + screen + margin).min(self.total.unwrap_or(usize::MAX));
        start..end.max(start)
    }

    /// The next rows to read for the screen, if any are missing.
    pub fn wanted(&self) -> Option<Fetch> {
        if !self.known || self.total == Some(0) || (self.total.is_none() && self.rows.is_empty()) {
            return None;
        }
        let needed = self.needed();
        let cached = self.first..self.first + self.rows.len();
        if needed.start >= cached.start && needed.end <= cached.end {
            return None;
        }
        if let Some(gathered) = &self.gathered {
            return Some(Fetch::Gathered { position: needed.start, rows: gathered[needed.clone()].to_vec() });
        }
        let touching = !self.rows.is_empty() && needed.start <= cached.end && needed.end >= cached.start;
        if touching && needed.end > cached.end {
            let cursor = self.rows.last().map(|r| r.cursor.clone())?;
            return Some(Fetch::After { cursor, count: needed.end - cached.end });
        }
        if touching && needed.start < cached.start {
            let cursor = self.rows.first().map(|r| r.cursor.clone())?;
            return Some(Fetch::Before { cursor, count: cached.start - needed.start });
        }
        // A jump: to the end is a read from the end; elsewhere, by position.
        if Some(needed.end) == self.total {
            return Some(Fetch::Last { count: needed.len() });
        }
        Some(Fetch::At { position: needed.start, count: needed.len() })
    }

    /// Adds the rows read for `fetch`. Fewer rows than asked for means
    /// the list ended sooner than counted (articles went meanwhile).
    pub fn take(&mut self, fetch: &Fetch, rows: Vec<ListRow>) {
        let got = rows.len();
        let asked = match fetch {
            Fetch::After { count, .. }
            | Fetch::Before { count, .. }
            | Fetch::Last { count }
            | Fetch::At { count, .. } => *count,
            Fetch::Gathered { rows, .. } => rows.len(),
        };
        match fetch {
            Fetch::After { .. } => self.rows.extend(rows),
            Fetch::Before { .. } => {
                let mut rows = rows;
                rows.append(&mut self.rows);
                self.rows = rows;
                self.first = self.first.saturating_sub(got);
            }
            Fetch::Last { .. } => {
                self.first = self.len().saturating_sub(got);
                self.rows = rows;
            }
            Fetch::At { position, .. } | Fetch::Gathered { position, .. } => {
                self.first = *position;
                self.rows = rows;
            }
        }
        let ends_sooner = got < asked && matches!(fetch, Fetch::After { .. } | Fetch::At { .. });
        if ends_sooner {
            self.total = Some(self.first + self.rows.len());
        }
        self.selection.set_len(self.len());
        self.trim();
    }

    /// Keeps the cache bounded, dropping rows far from the screen.
    fn trim(&mut self) {
        if self.rows.len() <= MAX_CACHED {
            return;
        }
        let centre = self.selection.offset().saturating_sub(self.first);
        let start = centre.saturating_sub(MAX_CACHED / 2).min(self.rows.len() - MAX_CACHED);
        self.rows.drain(..start);
        self.rows.truncate(MAX_CACHED);
        self.first += start;
    }

    /// Shows a changed read or bookmarked mark on the rows cached.
    pub fn patch_marks(&mut self, id: ArticleId, read: Option<bool>, bookmarked: Option<bool>) {
        for row in self.rows.iter_mut().filter(|r| r.id == id) {
            if let Some(read) = read {
                row.read = read;
            }
            if let Some(bookmarked) = bookmarked {
                row.bookmarked = bookmarked;
            }
        }
    }
}
