//! A small box of two-line rows over the view, with one selected: the
//! quotes panel and the author chooser.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState};

use crate::app::App;
use crate::state::Selection;

/// The box's inner area, for sizing rows before drawing.
pub fn inner(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// Draws the box with its title and hint, and the rows of `selection`.
pub fn render(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    (title, hint): (String, &str),
    items: Vec<ListItem<'static>>,
    selection: &Selection,
) {
    let help = &app.theme.help;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(help.border)
        .title(Span::styled(title, help.section))
        .title_bottom(Line::from(Span::styled(hint.to_owned(), help.description)).right_aligned());
    let rows = block.inner(area);
    let mut state = ListState::default().with_selected(Some(selection.selected() - selection.offset()));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_stateful_widget(List::new(items).highlight_style(app.theme.list.selected), rows, &mut state);
}
