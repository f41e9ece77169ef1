//! The quotes panel: who said what in the open article.

use ratatui::Frame;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState};

use super::fit::truncate;
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
    let help = &app.theme.help;
    let reader = &app.theme.reader;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(help.border)
        .title(Span::styled(format!(" Quotes {} ", quotes.len()), help.section))
        .title_bottom(Line::from(Span::styled(" Enter jump · Esc close ", help.description)).right_aligned());
    let inner = block.inner(area);
    let width = usize::from(inner.width);
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
    let mut state = ListState::default().with_selected(Some(selection.selected() - selection.offset()));
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    frame.render_stateful_widget(
        List::new(items).highlight_style(app.theme.list.selected),
        inner,
        &mut state,
    );
}
