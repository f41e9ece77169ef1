//! The boxes drawn over a view: help, the quotes panel, the author chooser.

use super::navigation::motion;
use super::{App, Effect, Overlay};
use crate::action::Action;
use crate::layout::{Focus, help_area};
use crate::state::{Motion, Screen, Selection};

impl App {
    pub(super) fn update_overlay(&mut self, action: Action) {
        match action {
            Action::Quit => return self.quit(0),
            Action::Suspend => return self.effects.push(Effect::Suspend),
            Action::Back | Action::BackOrQuit => {
                self.overlay = None;
                return;
            }
            _ => {}
        }
        match &mut self.overlay {
            Some(Overlay::Help(help)) => {
                if action == Action::ToggleHelp {
                    self.overlay = None;
                    return;
                }
                let lines = self.keymap.help_line_count(&help.filter);
                let visible = usize::from(help_area(self.layout.area, lines).height.saturating_sub(2));
                if let Some(motion) = motion(action, visible) {
                    help.scroll = apply_scroll(help.scroll, motion, lines.saturating_sub(visible));
                }
            }
            Some(Overlay::Quotes { quotes, selection }) => match action {
                Action::ShowQuotes => self.overlay = None,
                Action::PersonPage => {
                    let chosen = quotes.get(selection.selected()).copied();
                    match chosen.and_then(|q| self.speaker_key(q)) {
                        Some(key) => {
                            self.overlay = None;
                            self.open_person_page(&key);
                        }
                        None => self.status_message("Nobody is named as saying this"),
                    }
                }
                Action::Open => {
                    let chosen = quotes.get(selection.selected()).copied();
                    self.overlay = None;
                    self.jump_to_quote(chosen);
                }
                _ => move_selection(selection, action),
            },
            Some(Overlay::ChooseAuthor { authors, selection }) => match action {
                Action::Open | Action::AuthorPage => {
                    let chosen = authors.get(selection.selected()).map(|(key, _)| key.clone());
                    self.overlay = None;
                    if let Some(author) = chosen {
                        self.open_author_page(&author);
                    }
                }
                _ => move_selection(selection, action),
            },
            None => {}
        }
    }

    /// `"`: the list of the open article's quotations.
    pub(super) fn open_quotes_panel(&mut self) {
        let Some(article) = self.current_article() else { return };
        let quotes: Vec<usize> =
            (0..article.quotes.len()).filter(|&i| article.quotes[i].depth == 0).collect();
        if quotes.is_empty() {
            self.status_message("This article quotes nobody");
            return;
        }
        let mut selection = Selection::new(quotes.len());
        let focused = self.browser().and_then(|b| b.reader.focused_quote());
        if let Some(position) = focused.and_then(|f| quotes.iter().position(|&q| q == f)) {
            selection.select(position);
        }
        self.overlay = Some(Overlay::Quotes { quotes, selection });
        self.relayout();
    }

    fn jump_to_quote(&mut self, quote: Option<usize>) {
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let Some(article) = browser.reader.article().and_then(|id| bodies.article(id)) {
            browser.reader.focus_quote(quote, article);
            browser.focus = Focus::Reader;
        }
        self.relayout();
    }
}

fn move_selection(selection: &mut Selection, action: Action) {
    if let Some(motion) = motion(action, selection.visible_rows()) {
        selection.apply(motion);
    }
}

pub(super) fn apply_scroll(scroll: usize, motion: Motion, max: usize) -> usize {
    match motion {
        Motion::Down(n) => scroll.saturating_add(n).min(max),
        Motion::Up(n) => scroll.saturating_sub(n),
        Motion::First => 0,
        Motion::Last => max,
    }
}
