//! Terminal input that is not a plain key-to-action lookup: text typed
//! into the authors filter, and the mouse.

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::App;
use crate::keymap::Key;
use crate::layout::Focus;
use crate::state::{Motion, Screen};

/// Lines the mouse wheel scrolls in the reader.
pub(super) const WHEEL_LINES: usize = 3;

impl App {
    pub(super) fn handle_terminal(&mut self, event: TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
                if self.type_into_help(key) {
                    return;
                }
                if self.overlay.is_none() && (self.type_into_search(key) || self.type_into_filter(key)) {
                    return;
                }
                if let Some(action) = Key::from_event(key).and_then(|k| self.keymap.action(self.context(), k))
                {
                    self.update(action);
                }
            }
            TermEvent::Mouse(mouse) => self.handle_mouse(mouse),
            TermEvent::Resize(width, height) => self.resize(Rect::new(0, 0, width, height)),
            TermEvent::Paste(text) => self.paste(&crate::library::sanitize::clean_line(&text)),
            TermEvent::Key(_) | TermEvent::FocusGained | TermEvent::FocusLost => {}
        }
    }

    /// The help overlay filters as you type; arrows, PgUp/PgDn and `?`
    /// still work, and Esc clears the filter before it closes.
    fn type_into_help(&mut self, key: KeyEvent) -> bool {
        let Some(super::Overlay::Help(help)) = &mut self.overlay else { return false };
        if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        match key.code {
            KeyCode::Char('?') => return false,
            KeyCode::Char(c) => help.filter.push(c),
            KeyCode::Backspace => {
                help.filter.pop();
            }
            KeyCode::Esc if !help.filter.is_empty() => help.filter.clear(),
            _ => return false,
        }
        help.scroll = 0;
        self.dirty = true;
        true
    }

    /// Pasted text goes into whichever prompt is open.
    fn paste(&mut self, text: &str) {
        if self.search.editing {
            let input = format!("{}{text}", self.search.input);
            self.search_input_changed(input);
        } else if let Some((filter, true)) = self.screen_mut().name_filter_mut().map(|(f, e)| (f, *e)) {
            filter.push_str(text);
            self.reload_name_indexes();
        }
        self.dirty = true;
    }

    /// While the search prompt is open it takes characters, Backspace,
    /// Enter (keep the search) and Esc (drop it). Returns whether the key
    /// was taken.
    fn type_into_search(&mut self, key: KeyEvent) -> bool {
        if !self.search.editing || key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        let mut input = self.search.input.clone();
        match key.code {
            KeyCode::Char(c) => input.push(c),
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Enter => {
                self.search.editing = false;
                self.dirty = true;
                return true;
            }
            KeyCode::Esc => {
                self.search.editing = false;
                input.clear();
            }
            _ => return false,
        }
        self.search_input_changed(input);
        true
    }

    /// A text prompt sees keys first: while the authors filter is being
    /// typed, characters, Backspace, Enter and Esc edit it. Returns whether
    /// the key was taken.
    fn type_into_filter(&mut self, key: KeyEvent) -> bool {
        let Some((filter, editing)) = self.screen_mut().name_filter_mut() else { return false };
        if !*editing || key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
            return false;
        }
        match key.code {
            KeyCode::Char(c) => filter.push(c),
            KeyCode::Backspace => {
                filter.pop();
            }
            KeyCode::Enter => *editing = false,
            KeyCode::Esc => {
                *editing = false;
                filter.clear();
            }
            // Arrows still move through what the filter leaves.
            _ => return false,
        }
        self.reload_name_indexes();
        self.dirty = true;
        true
    }

    pub(super) fn handle_mouse(&mut self, mouse: MouseEvent) {
        let at = Position::new(mouse.column, mouse.row);
        let layout = self.layout;
        let in_list = layout.list.is_some_and(|r| r.contains(at));
        let in_reader = layout.reader.is_some_and(|r| r.contains(at));
        let down = match mouse.kind {
            MouseEventKind::ScrollDown => true,
            MouseEventKind::ScrollUp => false,
            MouseEventKind::Down(MouseButton::Left) => return self.click(at, in_reader),
            _ => return,
        };
        let step = |n| if down { Motion::Down(n) } else { Motion::Up(n) };
        match self.screen_mut() {
            Screen::Articles(browser)
            | Screen::AuthorPage { browser, .. }
            | Screen::PersonPage { browser, .. } => {
                if in_reader {
                    browser.reader.apply(step(WHEEL_LINES));
                } else if in_list {
                    browser.apply(step(1));
                    self.follow_selection();
                } else {
                    return;
                }
            }
            Screen::Authors(index) => index.list.apply(step(1)),
            Screen::People(index) => index.list.apply(step(1)),
            Screen::Sources(index) => index.list.apply(step(1)),
            Screen::Diagnostics(problems) => problems.apply(step(1)),
        }
        self.dirty = true;
    }

    /// A click selects a list row (a second click on it opens it) or puts
    /// the focus in the reader.
    fn click(&mut self, at: Position, in_reader: bool) {
        let layout = self.layout;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let Some(position) = layout.list_position_at(at.x, at.y, browser.selection().offset()) {
            if position >= browser.len() {
                return;
            }
            if position == browser.selection().selected() && browser.focus == Focus::List {
                self.open();
            } else {
                browser.select(position);
                browser.focus = Focus::List;
                self.follow_selection();
                self.relayout();
            }
        } else if in_reader {
            browser.focus = Focus::Reader;
            self.relayout();
        } else {
            return;
        }
        self.dirty = true;
    }
}
