//! Drawing: a pure function from `&App` to a frame. One module per part of
//! the screen; each reads state and the theme, and changes nothing.

mod articles;
mod diagnostics;
mod fit;
pub mod header;
mod help;
mod quotes;
mod reader;
mod status;

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Overlay};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH, View};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let layout = &app.layout;
    // The layout was computed for the size update last saw; a frame of
    // another size (a resize still in the queue) waits for its event.
    if layout.too_small || frame.area() != layout.area {
        render_too_small(frame);
        return;
    }
    header::render(app, frame, layout.header);
    status::render(app, frame, layout.status);
    match app.view {
        View::Articles => {
            if let Some(area) = layout.list {
                articles::render(app, frame, area);
            }
            if let Some(area) = layout.reader {
                reader::render(app, frame, area);
            }
        }
        View::Diagnostics => diagnostics::render(app, frame, layout.body),
    }
    match &app.overlay {
        Some(Overlay::Help(help)) => help::render(app, *help, frame),
        Some(Overlay::Quotes { quotes, selection }) => quotes::render(app, quotes, selection, frame),
        None => {}
    }
}

fn render_too_small(frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("Terminal too small: {}x{} (need {MIN_WIDTH}x{MIN_HEIGHT})", area.width, area.height);
    let paragraph = Paragraph::new(text)
        .style(Style::new().add_modifier(Modifier::BOLD))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

#[cfg(test)]
mod tests;
