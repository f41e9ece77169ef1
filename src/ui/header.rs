//! The top line: where you are (library, counts, view).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::truncate;
use crate::app::App;
use crate::layout::Focus;
use crate::state::Screen;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme.header;
    let mut left =
        vec![Span::styled(" broadsheet ", theme.title), Span::raw(" "), Span::raw(app.library.label.clone())];
    if let Some(counts) = app.library.counts {
        left.push(Span::raw(format!(
            " · {} · {} · {} unread",
            count(counts.articles, "article"),
            count(counts.named_authors, "author"),
            grouped(counts.unread)
        )));
        if app.search.is_filtering() {
            let list = &app.root().list;
            let shown = match (list.is_known() && list.is_counted(), list.len()) {
                (false, _) => String::new(),
                (true, 1) => "1 match".to_owned(),
                (true, n) => format!("{} matches", grouped(n)),
            };
            let searching = if app.searching() {
                " (searching…)"
            } else if !list.is_counted() {
                " (counting…)"
            } else {
                ""
            };
            left.push(Span::styled(format!(" · {} {shown}{searching}", app.search.describe()), theme.view));
        }
    }
    // While a refresh parses files, or another broadsheet updates the index.
    match app.library.progress {
        Some(progress) => {
            left.push(Span::raw(format!(" · loading {}/{}", grouped(progress.done), grouped(progress.total))))
        }
        None if app.library.elsewhere => left.push(Span::raw(" · updated by another broadsheet…")),
        None if !app.library.refreshed => left.push(Span::raw(" · loading…")),
        None => {}
    }
    let view = match app.screen() {
        Screen::Diagnostics(_) => "Problems".to_owned(),
        Screen::Authors(_) => "Authors".to_owned(),
        Screen::AuthorPage { page, .. } => format!("Author: {}", truncate(&page.name, 30)),
        Screen::People(_) => "People".to_owned(),
        Screen::Sources(_) => "Sources".to_owned(),
        Screen::PersonPage { page, .. } => format!("Person: {}", truncate(&page.name, 30)),
        Screen::Articles(_) if app.prefs.full_width => "Reading (zen)".to_owned(),
        Screen::Articles(browser) => match browser.focus {
            Focus::List => "Articles".to_owned(),
            Focus::Reader => "Reading".to_owned(),
        },
    };
    let right = Line::from(Span::styled(format!("  {view} "), theme.view)).right_aligned();
    let [left_area, right_area] =
        area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(right.width() as u16)]));
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.bar), left_area);
    frame.render_widget(Paragraph::new(right).style(theme.bar), right_area);
}

/// "1 article", "12,345 articles".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{} {noun}s", grouped(n)) }
}

/// "12,345": digits in groups of three.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_well() {
        assert_eq!(super::count(1, "article"), "1 article");
        assert_eq!(super::count(0, "author"), "0 authors");
        assert_eq!(super::count(100_000, "article"), "100,000 articles");
        assert_eq!(super::count(1234, "article"), "1,234 articles");
    }
}
