//! Choosing among an article's authors before opening a page.

use ratatui::Frame;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState};

use super::fit::truncate;
use super::header::count;
use crate::app::App;
use crate::layout::quotes_area;
use crate::state::Selection;

pub fn render(app: &App, authors: &[usize], selection: &Selection, frame: &mut Frame) {
    let area = quotes_area(app.layout.area, authors.len());
    if area.width < 6 || area.height < 4 {
        return;
    }
    let help = &app.theme.help;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(help.border)
        .title(Span::styled(" Whose page? ", help.section))
        .title_bottom(Line::from(Span::styled(" Enter open · Esc close ", help.description)).right_aligned());
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let library = &app.library.library;
    let items: Vec<ListItem> = selection
        .visible()
        .map(|position| {
            let author = &library.authors[authors[position]];
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(truncate(&author.name, width).into_owned(), app.theme.list.title)),
                Line::from(Span::styled(
                    format!("  {}", count(author.articles.len(), "article")),
                    app.theme.list.meta,
                )),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selection.selected() - selection.offset()));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_stateful_widget(
        List::new(items).highlight_style(app.theme.list.selected),
        inner,
        &mut state,
    );
}
