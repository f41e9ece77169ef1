//! Choosing among an article's authors before opening a page.

use ratatui::Frame;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::ListItem;

use super::fit::truncate;
use super::header::count;
use super::panel;
use crate::app::App;
use crate::layout::quotes_area;
use crate::state::Selection;

pub fn render(app: &App, authors: &[(String, String)], selection: &Selection, frame: &mut Frame) {
    let area = quotes_area(app.layout.area, authors.len());
    if area.width < 6 || area.height < 4 {
        return;
    }
    let width = usize::from(panel::inner(area).width);
    let catalog = app.library.catalog.as_ref();
    let items: Vec<ListItem> = selection
        .visible()
        .map(|position| {
            let (key, name) = &authors[position];
            let written = catalog.and_then(|c| c.author_articles(key).ok()).unwrap_or(0);
            let articles = format!("  {}", count(written, "article"));
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(truncate(name, width).into_owned(), app.theme.list.title)),
                Line::from(Span::styled(articles, app.theme.list.meta)),
            ]))
        })
        .collect();
    panel::render(
        app,
        frame,
        area,
        (" Whose page? ".to_owned(), " Enter open · Esc close "),
        items,
        selection,
    );
}
