//! The reader pane: the visible slice of the wrapped article, a scrollbar
//! and the position in percent.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::articles::pane_block;
use super::fit::shown;
use crate::app::App;
use crate::layout::Focus;
use crate::state::Browser;
use crate::text::WrappedLine;
use crate::theme::ReaderTheme;

pub fn render(app: &App, browser: &Browser, frame: &mut Frame, area: Rect) {
    let focused = browser.focus == Focus::Reader;
    let reader = &browser.reader;
    let layout = &app.layout;
    if !app.prefs.full_width {
        let percent =
            if reader.article().is_some() { format!(" {}% ", reader.percent()) } else { String::new() };
        let block = pane_block(app, focused, " Reader ".to_owned())
            .title_bottom(Line::from(Span::styled(percent, app.theme.reader.position)).right_aligned());
        frame.render_widget(block, area);
    }
    let text_area = layout.reader_text;
    let Some(wrapped) = reader.wrapped() else {
        let message = if app.root().list.is_known() { "No article selected." } else { "Loading…" };
        frame.render_widget(
            Paragraph::new(message).style(app.theme.list.empty).alignment(Alignment::Center),
            text_area,
        );
        return;
    };
    let height = usize::from(text_area.height);
    let theme = &app.theme.reader;
    let lines: Vec<Line> =
        wrapped.lines.iter().skip(reader.scroll()).take(height).map(|l| styled_line(l, theme)).collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text), text_area);

    if wrapped.lines.len() > height && layout.scrollbar.height > 0 {
        let mut state = ScrollbarState::new(reader.max_scroll()).position(reader.scroll());
        let scrollbar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(app.theme.border.unfocused);
        frame.render_stateful_widget(scrollbar, layout.scrollbar, &mut state);
    }
}

/// A wrapped line with the theme's style for each span's marks.
pub fn styled_line(line: &WrappedLine, theme: &ReaderTheme) -> Line<'static> {
    Line::from(
        line.spans
            .iter()
            .map(|s| Span::styled(shown(&s.text).into_owned(), theme.style_for(s.marks)))
            .collect::<Vec<_>>(),
    )
}
