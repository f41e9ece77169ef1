//! Where everything goes on screen, as a pure function of the terminal size
//! and the view state. Update uses it for viewport sizes and mouse hits;
//! render uses the very same rectangles to draw.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

pub use crate::config::LayoutMode;

/// Below this, only a "too small" notice is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// From this width on, list and reader sit side by side.
pub const SPLIT_MIN_WIDTH: u16 = 80;
/// Rows per article in the list (title, then author and date).
pub const LIST_ROW_HEIGHT: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Articles,
    AuthorPage,
    Authors,
    People,
    Sources,
    PersonPage,
    Diagnostics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Reader,
}

/// What the layout depends on besides the terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutInput {
    pub view: View,
    pub focus: Focus,
    pub full_width: bool,
    /// List width in percent of the screen, when split.
    pub list_percent: u16,
    /// The widest the reader's text column may be.
    pub max_text_width: u16,
    pub mode: LayoutMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppLayout {
    pub area: Rect,
    pub too_small: bool,
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    /// The list pane (with its border) and the rows inside it.
    pub list: Option<Rect>,
    pub list_rows: Rect,
    /// The reader pane, the text column inside it, and its scrollbar column.
    pub reader: Option<Rect>,
    pub reader_text: Rect,
    pub scrollbar: Rect,
    /// An author or person page's top part (name, facts, chart), above its list.
    pub page_info: Option<Rect>,
    /// A full-width view (authors index, problems): its pane, a one-line
    /// heading inside it (the index's sort and filter), its rows, and a
    /// detail box below (the selected problem in full).
    pub panel: Option<Rect>,
    pub panel_heading: Rect,
    pub panel_rows: Rect,
    pub panel_detail: Option<Rect>,
    /// On a wide terminal, the authors and people indexes show the
    /// selected one's page beside the list: its pane.
    pub panel_preview: Option<Rect>,
}

/// From this width on, the authors and people indexes show the selected
/// one's page beside the list.
pub const PREVIEW_MIN_WIDTH: u16 = 140;

/// The author page's top part is at most this tall.
pub const PAGE_INFO_MAX_HEIGHT: u16 = 14;

impl AppLayout {
    pub fn compute(area: Rect, input: LayoutInput) -> Self {
        let mut layout = Self { area, ..Self::default() };
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            layout.too_small = true;
            return layout;
        }
        let [header, body, status] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        layout.header = header;
        layout.body = body;
        layout.status = status;
        match input.view {
            View::Diagnostics | View::Authors | View::People | View::Sources => {
                let detail_height = if input.view == View::Diagnostics && body.height >= 14 { 5 } else { 0 };
                let heading_height = u16::from(input.view != View::Diagnostics);
                let [pane, detail] =
                    body.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]));
                let previewed =
                    matches!(input.view, View::Authors | View::People) && area.width >= PREVIEW_MIN_WIDTH;
                let pane = if previewed {
                    let percent = input.list_percent.clamp(10, 90);
                    let [list, preview] = pane
                        .layout(&Layout::horizontal([Constraint::Percentage(percent), Constraint::Fill(1)]));
                    layout.panel_preview = Some(preview);
                    list
                } else {
                    pane
                };
                let [heading, rows] = pane
                    .inner(Margin::new(1, 1))
                    .layout(&Layout::vertical([Constraint::Length(heading_height), Constraint::Fill(1)]));
                layout.panel = Some(pane);
                layout.panel_heading = heading;
                layout.panel_rows = rows;
                layout.panel_detail = (detail_height > 0).then_some(detail);
                return layout;
            }
            View::Articles | View::AuthorPage | View::PersonPage => {}
        }
        let (list, reader) = if input.full_width {
            (None, Some(body))
        } else if input.mode == LayoutMode::Stacked && body.height >= 12 {
            let [list, reader] =
                body.layout(&Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]));
            (Some(list), Some(reader))
        } else if area.width >= SPLIT_MIN_WIDTH || input.mode == LayoutMode::Split {
            let percent = input.list_percent.clamp(10, 90);
            let [list, reader] =
                body.layout(&Layout::horizontal([Constraint::Percentage(percent), Constraint::Fill(1)]));
            (Some(list), Some(reader))
        } else {
            match input.focus {
                Focus::List => (Some(body), None),
                Focus::Reader => (None, Some(body)),
            }
        };
        if let Some(list) = list {
            layout.list = Some(list);
            let inner = list.inner(Margin::new(1, 1));
            if matches!(input.view, View::AuthorPage | View::PersonPage) {
                // The page's facts on top; at least a few articles below.
                let info = PAGE_INFO_MAX_HEIGHT
                    .min(inner.height.saturating_sub(2 * LIST_ROW_HEIGHT))
                    .min(inner.height / 2 + 3);
                let [info, rows] =
                    inner.layout(&Layout::vertical([Constraint::Length(info), Constraint::Fill(1)]));
                layout.page_info = Some(info);
                layout.list_rows = rows;
            } else {
                layout.list_rows = inner;
            }
        }
        if let Some(reader) = reader {
            layout.reader = Some(reader);
            let inner = if input.full_width { reader } else { reader.inner(Margin::new(1, 1)) };
            layout.scrollbar = Rect { x: reader.right().saturating_sub(1), width: 1, ..inner };
            let padded = inner.inner(Margin::new(2, 0));
            let width = padded.width.min(input.max_text_width);
            // Centre the text column when the pane is wider than it.
            let x = padded.x + (padded.width - width) / 2;
            layout.reader_text = Rect { x, width, ..padded };
        }
        layout
    }

    /// How many articles fit in the list.
    pub fn list_capacity(&self) -> usize {
        usize::from(self.list_rows.height / LIST_ROW_HEIGHT)
    }

    /// How many entries fit in a full-width view (two rows each).
    pub fn panel_capacity(&self) -> usize {
        usize::from(self.panel_rows.height / LIST_ROW_HEIGHT)
    }

    /// The list position under a screen row, if the row is in the list.
    pub fn list_position_at(&self, column: u16, row: u16, offset: usize) -> Option<usize> {
        let rows = self.list_rows;
        let inside = rows.contains(ratatui::layout::Position::new(column, row));
        inside.then(|| offset + usize::from((row - rows.y) / LIST_ROW_HEIGHT))
    }
}

/// Rows per quotation in the quotes panel (speaker, then the words).
pub const QUOTE_ROW_HEIGHT: u16 = 2;

/// A centred box at most `max_width` wide and as tall as `lines` of content
/// plus its border, within a margin of the screen.
fn overlay_area(area: Rect, lines: usize, max_width: u16) -> Rect {
    let width = area.width.saturating_sub(4).min(max_width);
    let content = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let height = area.height.saturating_sub(2).min(content);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// The help overlay's box.
pub fn help_area(area: Rect, lines: usize) -> Rect {
    overlay_area(area, lines, 76)
}

/// The quotes panel's box, for `quotes` quotations.
pub fn quotes_area(area: Rect, quotes: usize) -> Rect {
    overlay_area(area, quotes * usize::from(QUOTE_ROW_HEIGHT), 90)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(focus: Focus, full_width: bool) -> LayoutInput {
        LayoutInput {
            view: View::Articles,
            focus,
            full_width,
            list_percent: 38,
            max_text_width: 78,
            mode: LayoutMode::Auto,
        }
    }

    #[test]
    fn wide_terminals_split() {
        let l = AppLayout::compute(Rect::new(0, 0, 120, 40), input(Focus::List, false));
        let (list, reader) = (l.list.unwrap(), l.reader.unwrap());
        assert_eq!(list.width + reader.width, 120);
        assert_eq!(l.header.height + l.body.height + l.status.height, 40);
        assert!(l.reader_text.width <= 78 && l.reader_text.width > 40);
        assert_eq!(l.list_capacity(), 18);
    }

    #[test]
    fn narrow_terminals_show_one_pane() {
        let l = AppLayout::compute(Rect::new(0, 0, 60, 20), input(Focus::List, false));
        assert!(l.list.is_some() && l.reader.is_none());
        let l = AppLayout::compute(Rect::new(0, 0, 60, 20), input(Focus::Reader, false));
        assert!(l.list.is_none() && l.reader.is_some());
    }

    #[test]
    fn stacked_and_forced_split() {
        let stacked = LayoutInput { mode: LayoutMode::Stacked, ..input(Focus::List, false) };
        let l = AppLayout::compute(Rect::new(0, 0, 100, 40), stacked);
        let (list, reader) = (l.list.unwrap(), l.reader.unwrap());
        assert_eq!((list.width, reader.width), (100, 100));
        assert!(list.bottom() <= reader.y);
        let split = LayoutInput { mode: LayoutMode::Split, ..input(Focus::List, false) };
        let l = AppLayout::compute(Rect::new(0, 0, 60, 20), split);
        assert!(l.list.is_some() && l.reader.is_some());
    }

    #[test]
    fn full_width_centres_the_text() {
        let l = AppLayout::compute(Rect::new(0, 0, 200, 50), input(Focus::Reader, true));
        assert!(l.list.is_none());
        assert_eq!(l.reader_text.width, 78);
        let left = l.reader_text.x;
        let right = 200 - l.reader_text.right();
        assert!(left.abs_diff(right) <= 2, "{left} {right}");
    }

    #[test]
    fn tiny_terminals_are_too_small() {
        for (w, h) in [(0, 0), (10, 3), (19, 10), (80, 4)] {
            assert!(AppLayout::compute(Rect::new(0, 0, w, h), input(Focus::List, false)).too_small);
        }
        let l = AppLayout::compute(Rect::new(0, 0, 20, 5), input(Focus::Reader, false));
        assert!(!l.too_small);
        assert!(l.reader_text.width <= 20);
    }

    #[test]
    fn author_pages_put_facts_above_the_list() {
        let input = LayoutInput { view: View::AuthorPage, ..input(Focus::List, false) };
        let l = AppLayout::compute(Rect::new(0, 0, 120, 40), input);
        let info = l.page_info.unwrap();
        assert_eq!(info.bottom(), l.list_rows.y);
        assert!(info.height <= PAGE_INFO_MAX_HEIGHT && l.list_capacity() >= 2);
        let small = AppLayout::compute(Rect::new(0, 0, 30, 8), input);
        assert!(small.page_info.is_some_and(|i| i.bottom() <= small.list_rows.bottom()));
    }

    #[test]
    fn clicks_map_to_list_positions() {
        let l = AppLayout::compute(Rect::new(0, 0, 100, 30), input(Focus::List, false));
        let rows = l.list_rows;
        assert_eq!(l.list_position_at(rows.x, rows.y, 0), Some(0));
        assert_eq!(l.list_position_at(rows.x, rows.y + 3, 5), Some(6));
        assert_eq!(l.list_position_at(rows.x, 0, 0), None);
    }
}
