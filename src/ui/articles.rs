//! The article list: two lines per article (markers and title; author,
//! date and reading time), built only for the rows on screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState, Paragraph};

use super::fit::truncate;
use crate::app::App;
use crate::layout::Focus;
use crate::library::UNKNOWN_AUTHOR;
use crate::library::index::catalog::ListRow;
use crate::state::Browser;

pub fn render(app: &App, browser: &Browser, frame: &mut Frame, area: Rect) {
    let focused = browser.focus == Focus::List;
    let title = if browser.list.is_known() && browser.list.is_counted() {
        format!(" Articles {} ", super::header::grouped(browser.list.len()))
    } else {
        " Articles … ".to_owned()
    };
    frame.render_widget(pane_block(app, focused, title), area);
    let rows = app.layout.list_rows;
    let theme = &app.theme.list;

    if browser.list.is_empty() {
        let text = if !browser.list.is_known() || (!app.library.refreshed && app.library.article_count() == 0)
        {
            "Loading…"
        } else {
            "No articles here. Press ! for problems, ? for help."
        };
        frame.render_widget(Paragraph::new(text).style(theme.empty).alignment(Alignment::Center), rows);
        return;
    }

    let width = usize::from(rows.width);
    let items: Vec<ListItem> = browser
        .list
        .visible()
        .map(|(_, found)| match found {
            Some(found) => ListItem::new(row(app, found, width)),
            // Not read yet (the index could not be read): a blank row.
            None => ListItem::new(Text::from(vec![Line::from("   …"), Line::from("")])),
        })
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

fn row(app: &App, article: &ListRow, width: usize) -> Text<'static> {
    let theme = &app.theme.list;
    let read = article.read;
    let unread_marker = if read { Span::raw(" ") } else { Span::styled("●", theme.unread) };
    let bookmark_marker =
        if article.bookmarked { Span::styled("★", theme.bookmark) } else { Span::raw(" ") };
    let title_style = if read { theme.title_read } else { theme.title };
    let title = Span::styled(truncate(&article.title, width.saturating_sub(3)).into_owned(), title_style);

    let mut meta =
        if article.authors.is_empty() { UNKNOWN_AUTHOR.to_owned() } else { article.authors.join(", ") };
    if let Some(date) = article.date {
        meta.push_str(&format!(" · {}", date.day().format("%-d %b %Y")));
    }
    meta.push_str(&format!(" · {} min", crate::library::stats::reading_minutes(article.words).max(1)));
    let meta = Span::styled(truncate(&meta, width.saturating_sub(3)).into_owned(), theme.meta);
    Text::from(vec![
        Line::from(vec![unread_marker, bookmark_marker, Span::raw(" "), title]),
        Line::from(vec![Span::raw("   "), meta]),
    ])
}
