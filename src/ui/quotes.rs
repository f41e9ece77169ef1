//! The quotes panel: who said what in the open article.

use ratatui::Frame;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::ListItem;

use super::fit::truncate;
use super::panel;
use crate::app::App;
use crate::layout::quotes_area;
use crate::state::Selection;

/// What the panel shows where the text names no speaker.
const UNATTRIBUTED: &str = "unattributed";

pub fn render(app: &App, quotes: &[usize], selection: &Selection, frame: &mut Frame) {
    let Some(article) = app.current_article() else { return };
    let area = quotes_area(app.layout.area, quotes.len());
    if area.width < 6 || area.height < 4 {
        return;
    }
    let reader = &app.theme.reader;
    let width = usize::from(panel::inner(area).width);
    let items: Vec<ListItem> = selection
        .visible()
        .map(|position| {
            let quote = &article.quotes[quotes[position]];
            let speaker = match &quote.speaker {
                Some(name) => Span::styled(truncate(name, width).into_owned(), reader.speaker),
                None => Span::styled(UNATTRIBUTED, reader.meta),
            };
            let words = format!("  “{}”", quote.text.replace("\n\n", " ¶ "));
            ListItem::new(Text::from(vec![
                Line::from(speaker),
                Line::from(Span::styled(truncate(&words, width).into_owned(), reader.quote)),
            ]))
        })
        .collect();
    let title = format!(" Quotes {} ", quotes.len());
    panel::render(app, frame, area, (title, " Enter jump · Esc close "), items, selection);
}
