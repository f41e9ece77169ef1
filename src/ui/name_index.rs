//! A full-width index of names (authors, people): a heading with the sort
//! and the filter, then two lines per name (the name, then its facts).

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::articles::pane_block;
use super::fit::truncate;
use crate::app::App;
use crate::state::NameIndex;

/// What an index shows besides its rows.
pub struct Labels<'a> {
    /// The pane's title ("Authors").
    pub title: &'a str,
    /// How it is sorted ("most articles").
    pub sort: &'a str,
    pub empty: &'a str,
    pub none_match: &'a str,
}

/// Draws `index`, each row as its name and a line of facts.
pub fn render<R, P>(
    app: &App,
    index: &NameIndex<R, P>,
    labels: &Labels<'_>,
    frame: &mut Frame,
    lines: impl Fn(&R) -> (String, String),
) {
    let layout = &app.layout;
    let Some(pane) = layout.panel else { return };
    let title = format!(" {} {} ", labels.title, super::header::grouped(index.list.len()));
    frame.render_widget(pane_block(app, true, title), pane);

    let theme = &app.theme;
    let filter = if index.editing {
        vec![
            Span::styled("filter: ", theme.status.hint),
            Span::styled(format!("{}▏", super::fit::shown(&index.filter)), theme.status.key),
        ]
    } else if index.filter.is_empty() {
        vec![Span::styled("/ filters, S sorts", theme.status.hint)]
    } else {
        vec![
            Span::styled("filter: ", theme.status.hint),
            Span::styled(super::fit::shown(&index.filter).into_owned(), theme.status.key),
        ]
    };
    let mut heading = vec![Span::styled(format!("by {}", labels.sort), theme.list.meta), Span::raw(" · ")];
    heading.extend(filter);
    frame.render_widget(Paragraph::new(Line::from(heading)), layout.panel_heading);

    let rows = layout.panel_rows;
    if index.list.is_empty() {
        let text = if index.filter.is_empty() { labels.empty } else { labels.none_match };
        frame.render_widget(Paragraph::new(text).style(theme.list.empty).alignment(Alignment::Center), rows);
        return;
    }
    let width = usize::from(rows.width);
    let items: Vec<ListItem> = index
        .list
        .visible()
        .map(|(_, row)| {
            let Some(row) = row else {
                return ListItem::new(Text::from(vec![Line::from(" …"), Line::from("")]));
            };
            let (name, meta) = lines(row);
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(
                    format!(" {}", truncate(&name, width.saturating_sub(1))),
                    theme.list.title,
                )),
                Line::from(Span::styled(
                    format!("   {}", truncate(&meta, width.saturating_sub(3))),
                    theme.list.meta,
                )),
            ]))
        })
        .collect();
    let selection = index.list.selection();
    let mut state = ListState::default().with_selected(Some(selection.selected() - selection.offset()));
    frame.render_stateful_widget(List::new(items).highlight_style(theme.list.selected), rows, &mut state);
}
