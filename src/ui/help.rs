//! The help overlay, generated from the keymap in effect.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::fit::pad;
use crate::app::{App, HelpState};
use crate::layout::help_area;

pub fn render(app: &App, state: &HelpState, frame: &mut Frame) {
    let theme = &app.theme.help;
    let sections = app.keymap.help(&state.filter);
    let keys_width =
        sections.iter().flat_map(|s| &s.rows).map(|(keys, _)| keys.width()).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line> = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(section.title, theme.section)));
        for (keys, description) in &section.rows {
            lines.push(Line::from(vec![
                Span::styled(format!(" {}", pad(keys, keys_width)), theme.key),
                Span::styled(*description, theme.description),
            ]));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(" No key matches.", theme.description)));
    }
    let area = help_area(app.layout.area, lines.len());
    if area.width < 3 || area.height < 3 {
        return;
    }
    let hint = " type to filter · ↑↓ scroll · Esc close ";
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" Keys ", theme.section))
        .title_bottom(Line::from(Span::styled(hint, theme.description)).right_aligned());
    if !state.filter.is_empty() {
        block = block.title(Span::styled(format!(" {}▏", state.filter), theme.key));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(state.scroll).unwrap_or(u16::MAX), 0)).block(block),
        area,
    );
}
