//! The problems view: every diagnostic of the library, the selected one in
//! full below the list.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState, Paragraph, Wrap};

use super::articles::pane_block;
use super::fit::truncate;
use crate::app::App;
use crate::library::{Diagnostic, Severity};
use crate::state::Paged;

pub fn render(app: &App, problems: &Paged<Diagnostic>, frame: &mut Frame) {
    let layout = &app.layout;
    let Some(pane) = layout.panel else { return };
    let block = pane_block(app, true, format!(" Problems {} ", super::header::grouped(problems.len())));
    frame.render_widget(block, pane);
    let rows = layout.panel_rows;
    let theme = &app.theme.diagnostics;
    if problems.is_empty() {
        let text = "No problems: every file loaded cleanly.";
        frame.render_widget(
            Paragraph::new(text).style(app.theme.list.empty).alignment(Alignment::Center),
            rows,
        );
        return;
    }
    let width = usize::from(rows.width);
    let items: Vec<ListItem> = problems
        .visible()
        .map(|(_, d)| {
            let Some(d) = d else {
                return ListItem::new(Text::from(vec![Line::from("…"), Line::from("")]));
            };
            ListItem::new(Text::from(vec![
                Line::from(vec![
                    severity(app, d),
                    Span::styled(
                        truncate(&d.location(), width.saturating_sub(10)).into_owned(),
                        theme.location,
                    ),
                ]),
                Line::from(Span::styled(
                    format!("  {}", truncate(&d.message, width.saturating_sub(2))),
                    theme.message,
                )),
            ]))
        })
        .collect();
    let selection = problems.selection();
    let mut state = ListState::default().with_selected(Some(selection.selected() - selection.offset()));
    frame.render_stateful_widget(List::new(items).highlight_style(app.theme.list.selected), rows, &mut state);

    if let (Some(detail), Some(d)) = (layout.panel_detail, problems.selected()) {
        let block =
            Block::bordered().border_type(BorderType::Rounded).border_style(app.theme.border.unfocused);
        let text = Text::from(vec![
            Line::from(vec![severity(app, d), Span::styled(d.location(), theme.location)]),
            Line::from(Span::styled(d.message.clone(), theme.message)),
        ]);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), detail);
    }
}

fn severity(app: &App, diagnostic: &Diagnostic) -> Span<'static> {
    let theme = &app.theme.diagnostics;
    match diagnostic.severity {
        Severity::Error => Span::styled("error   ", theme.error),
        Severity::Warning => Span::styled("warning ", theme.warning),
    }
}
