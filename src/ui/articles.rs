//! The article list: two lines per article (markers and title; author,
//! date and reading time), built only for the rows on screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState, Paragraph};

use super::fit::truncate;
use crate::app::App;
use crate::layout::Focus;
use crate::library::{Article, UNKNOWN_AUTHOR};
use crate::state::Browser;

pub fn render(app: &App, browser: &Browser, frame: &mut Frame, area: Rect) {
    let focused = browser.focus == Focus::List;
    let block = pane_block(
        app,
        focused,
        format!(" Articles {} ", super::header::grouped(browser.list.order().len())),
    );
    frame.render_widget(block, area);
    let rows = app.layout.list_rows;
    let theme = &app.theme.list;

    if browser.list.order().is_empty() {
        let text = if app.library.loaded {
            "No articles here. Press ! for problems, ? for help."
        } else {
            "Loading…"
        };
        frame.render_widget(Paragraph::new(text).style(theme.empty).alignment(Alignment::Center), rows);
        return;
    }

    let width = usize::from(rows.width);
    let items: Vec<ListItem> = browser
        .list
        .visible()
        .map(|(_, index)| ListItem::new(row(app, &app.library.library.articles[index], width)))
        .collect();
    let selected = browser.list.selection().selected() - browser.list.selection().offset();
    let highlight = if focused { theme.selected } else { theme.selected_unfocused };
    // A state local to this frame: the list only holds visible rows, so
    // ratatui never needs to scroll it.
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(List::new(items).highlight_style(highlight), rows, &mut state);
}

/// The bordered block of a pane, showing whether it has focus.
pub fn pane_block(app: &App, focused: bool, title: String) -> Block<'static> {
    let theme = &app.theme.border;
    let (border, title_style) =
        if focused { (theme.focused, theme.title_focused) } else { (theme.unfocused, theme.title_unfocused) };
    Block::bordered()
        .border_type(if focused { BorderType::Thick } else { BorderType::Rounded })
        .border_style(border)
        .title(Span::styled(title, title_style))
}

fn row(app: &App, article: &Article, width: usize) -> Text<'static> {
    let theme = &app.theme.list;
    let read = app.marks.is_read(article.id);
    let unread_marker = if read { Span::raw(" ") } else { Span::styled("●", theme.unread) };
    let bookmark_marker = if app.marks.is_bookmarked(article.id) {
        Span::styled("★", theme.bookmark)
    } else {
        Span::raw(" ")
    };
    let title_style = if read { theme.title_read } else { theme.title };
    let title = Span::styled(truncate(&article.title, width.saturating_sub(3)).into_owned(), title_style);

    let names: Vec<&str> = article.author_names().collect();
    let mut meta = if names.is_empty() { UNKNOWN_AUTHOR.to_owned() } else { names.join(", ") };
    if let Some(date) = article.date {
        meta.push_str(&format!(" · {}", date.day().format("%-d %b %Y")));
    }
    meta.push_str(&format!(" · {} min", article.reading_minutes.max(1)));
    let meta = Span::styled(truncate(&meta, width.saturating_sub(3)).into_owned(), theme.meta);
    Text::from(vec![
        Line::from(vec![unread_marker, bookmark_marker, Span::raw(" "), title]),
        Line::from(vec![Span::raw("   "), meta]),
    ])
}
