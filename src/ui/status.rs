//! The bottom line: a message if there is one, else key hints for where
//! you are; the position on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::truncate;
use crate::action::Action;
use crate::app::App;
use crate::keymap::Context;
use crate::layout::Focus;
use crate::state::Level;
use crate::state::{Screen, Selection};

/// The actions hinted at in each context, most useful first.
fn hinted(context: Context) -> &'static [Action] {
    match context {
        Context::List => &[
            Action::MoveDown,
            Action::Open,
            Action::Search,
            Action::AuthorPage,
            Action::AuthorsIndex,
            Action::ToggleHelp,
            Action::BackOrQuit,
        ],
        Context::Reader => &[
            Action::PageDown,
            Action::NextQuote,
            Action::ShowQuotes,
            Action::Back,
            Action::ToggleFullWidth,
            Action::ToggleHelp,
        ],
        Context::Help => &[Action::MoveDown, Action::Back],
        Context::Quotes => &[Action::MoveDown, Action::Open, Action::Back],
        Context::Diagnostics => &[Action::MoveDown, Action::Back, Action::ToggleHelp],
        Context::Authors => {
            &[Action::MoveDown, Action::Open, Action::Search, Action::CycleSort, Action::Back]
        }
        Context::Global => &[Action::ToggleHelp],
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme.status;
    let left: Line = if app.search.editing {
        Line::from(vec![
            Span::styled(" /", theme.key),
            Span::styled(format!("{}▏", app.search.input), theme.message),
            Span::styled("  Enter keep · Esc clear", theme.hint),
        ])
    } else {
        match app.status.message() {
            Some(message) => {
                let style = if message.level == Level::Error { theme.error } else { theme.message };
                let room = usize::from(area.width).saturating_sub(position(app).len() + 4);
                Line::from(Span::styled(format!(" {}", truncate(&message.text, room)), style))
            }
            None => hints(app),
        }
    };
    let right = Line::from(Span::styled(format!("  {} ", position(app)), theme.progress)).right_aligned();
    let [left_area, right_area] =
        area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(right.width() as u16)]));
    frame.render_widget(Paragraph::new(left).style(theme.bar), left_area);
    frame.render_widget(Paragraph::new(right).style(theme.bar), right_area);
}

fn hints(app: &App) -> Line<'static> {
    let theme = &app.theme.status;
    let context = app.context();
    let mut spans = vec![Span::raw(" ")];
    for &action in hinted(context) {
        let keys = app.keymap.keys_for(context, action);
        let Some(first) = keys.first() else { continue };
        let label = match action {
            Action::MoveDown => {
                let up = app
                    .keymap
                    .keys_for(context, Action::MoveUp)
                    .first()
                    .map(|k| format!("/{k}"))
                    .unwrap_or_default();
                format!("{first}{up}")
            }
            _ => first.to_string(),
        };
        spans.push(Span::styled(label, theme.key));
        spans.push(Span::styled(format!(" {}  ", action.hint()), theme.hint));
    }
    Line::from(spans)
}

/// "3/17" in the list, "42%" in the reader, progress while loading.
fn position(app: &App) -> String {
    if let (false, Some(progress)) = (app.library.refreshed, app.library.progress) {
        return format!("loading {}/{}", progress.done, progress.total);
    }
    let of = |s: &Selection| {
        if s.is_empty() { String::new() } else { format!("{}/{}", s.selected() + 1, s.len()) }
    };
    match app.screen() {
        Screen::Diagnostics(problems) => of(problems.selection()),
        Screen::Authors(index) => of(index.list.selection()),
        Screen::People(index) => of(index.list.selection()),
        Screen::Sources(index) => of(index.list.selection()),
        Screen::Articles(browser)
        | Screen::AuthorPage { browser, .. }
        | Screen::PersonPage { browser, .. } => {
            if browser.focus == Focus::Reader && browser.reader.article().is_some() {
                format!("{}%", browser.reader.percent())
            } else {
                of(browser.selection())
            }
        }
    }
}
