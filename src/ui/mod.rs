//! Drawing: a pure function from `&App` to a frame. One module per part of
//! the screen; each reads state and the theme, and changes nothing.

mod articles;
mod author_page;
mod authors;
mod chooser;
mod diagnostics;
mod fit;
pub mod header;
mod help;
mod name_index;
mod panel;
mod people;
mod person_page;
mod quotes;
mod reader;
mod sources;
mod status;

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Overlay};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::state::{Browser, Screen};

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
    match app.screen() {
        Screen::Articles(browser) => render_browser(app, browser, frame),
        Screen::AuthorPage { page, browser } => {
            render_browser(app, browser, frame);
            if let Some(area) = layout.page_info {
                author_page::render(app, page, frame, area);
            }
        }
        Screen::PersonPage { page, browser } => {
            if let Some(area) = app.layout.list {
                person_page::render_quotes(app, browser, frame, area);
            }
            if let Some(area) = app.layout.reader {
                reader::render(app, browser, frame, area);
            }
            if let Some(area) = layout.page_info {
                person_page::render(app, page, frame, area);
            }
        }
        Screen::Authors(index) => {
            authors::render(app, index, frame);
            if let (Some(pane), Some(page)) = (layout.panel_preview, &index.preview) {
                let area = preview_area(app, frame, pane);
                author_page::render(app, page, frame, area);
            }
        }
        Screen::People(index) => {
            people::render(app, index, frame);
            if let (Some(pane), Some(page)) = (layout.panel_preview, &index.preview) {
                let area = preview_area(app, frame, pane);
                person_page::render(app, page, frame, area);
            }
        }
        Screen::Sources(index) => sources::render(app, index, frame),
        Screen::Diagnostics(problems) => diagnostics::render(app, problems, frame),
    }
    match &app.overlay {
        Some(Overlay::Help(help)) => help::render(app, help, frame),
        Some(Overlay::Quotes { quotes, selection }) => quotes::render(app, quotes, selection, frame),
        Some(Overlay::ChooseAuthor { authors, selection }) => chooser::render(app, authors, selection, frame),
        None => {}
    }
}

/// The pane beside a name index: its border drawn, the area inside.
fn preview_area(app: &App, frame: &mut Frame, pane: ratatui::layout::Rect) -> ratatui::layout::Rect {
    frame.render_widget(articles::pane_block(app, false, " Page ".to_owned()), pane);
    pane.inner(ratatui::layout::Margin::new(2, 1))
}

/// A list of articles and the reader beside it.
fn render_browser(app: &App, browser: &Browser, frame: &mut Frame) {
    if let Some(area) = app.layout.list {
        articles::render(app, browser, frame, area);
    }
    if let Some(area) = app.layout.reader {
        reader::render(app, browser, frame, area);
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
