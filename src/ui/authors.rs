//! The authors index: every author with article count and latest date,
//! sortable and filterable.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::articles::pane_block;
use super::fit::truncate;
use super::header::count;
use crate::app::App;
use crate::state::AuthorsIndex;

pub fn render(app: &App, index: &AuthorsIndex, frame: &mut Frame) {
    let layout = &app.layout;
    let Some(pane) = layout.panel else { return };
    let title = format!(" Authors {} ", super::header::grouped(index.list.len()));
    frame.render_widget(pane_block(app, true, title), pane);

    let theme = &app.theme;
    let filter = if index.editing {
        vec![
            Span::styled("filter: ", theme.status.hint),
            Span::styled(format!("{}▏", index.filter), theme.status.key),
        ]
    } else if index.filter.is_empty() {
        vec![Span::styled("/ filters, S sorts", theme.status.hint)]
    } else {
        vec![
            Span::styled("filter: ", theme.status.hint),
            Span::styled(index.filter.clone(), theme.status.key),
        ]
    };
    let mut heading =
        vec![Span::styled(format!("by {}", index.sort.label()), theme.list.meta), Span::raw(" · ")];
    heading.extend(filter);
    frame.render_widget(Paragraph::new(Line::from(heading)), layout.panel_heading);

    let rows = layout.panel_rows;
    if index.list.is_empty() {
        let text = if index.filter.is_empty() { "No authors." } else { "No author matches the filter." };
        frame.render_widget(Paragraph::new(text).style(theme.list.empty).alignment(Alignment::Center), rows);
        return;
    }
    let width = usize::from(rows.width);
    let items: Vec<ListItem> = index
        .list
        .visible()
        .map(|(_, author)| {
            let Some(author) = author else {
                return ListItem::new(Text::from(vec![Line::from(" …"), Line::from("")]));
            };
            let mut meta = count(author.articles, "article");
            if let Some(last) = author.latest {
                meta.push_str(&format!(" · latest {}", last.format("%-d %b %Y")));
            }
            if let Some(source) = &author.source {
                meta.push_str(&format!(" · {source}"));
            }
            ListItem::new(Text::from(vec![
                Line::from(Span::styled(
                    format!(" {}", truncate(&author.name, width.saturating_sub(1))),
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
