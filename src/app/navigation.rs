//! Moving around: focus, the history of screens, opening articles and
//! author pages, and the small actions on the article in front of the user.

use super::{App, Overlay};
use crate::action::Action;
use crate::layout::Focus;
use crate::library::Article;
use crate::library::index::catalog::{ListSpec, Scope};
use crate::state::{AuthorsIndex, Browser, Motion, Screen, Selection};

impl App {
    pub(super) fn back_or_quit(&mut self) {
        let at_top = self.depth() == 1 && self.focus() == Focus::List && !self.prefs.full_width;
        if at_top { self.quit(0) } else { self.back() }
    }

    /// One step back: the reader to its list, a filter being typed to the
    /// index, zen mode to the split view, else the previous screen.
    pub(super) fn back(&mut self) {
        let depth = self.depth();
        let full_width = self.prefs.full_width;
        match self.screens.last_mut().expect("the main screen is never popped") {
            Screen::Articles(browser)
            | Screen::AuthorPage { browser, .. }
            | Screen::PersonPage { browser, .. }
                if browser.focus == Focus::Reader || full_width =>
            {
                browser.focus = Focus::List;
                self.prefs.full_width = false;
                self.remember_position();
            }
            screen if screen.name_filter().is_some_and(|(filter, editing)| editing || !filter.is_empty()) => {
                if let Some((filter, editing)) = screen.name_filter_mut() {
                    *editing = false;
                    filter.clear();
                }
                self.reload_name_indexes();
            }
            _ if depth > 1 => {
                self.screens.pop();
                self.ensure_body();
                // Counts may have moved meanwhile (articles read).
                if self.screen().is_name_index() {
                    self.reload_name_indexes();
                }
            }
            // On the main list, Esc drops the search and the filters.
            _ if self.search.is_filtering() => {
                self.search.unread_only = false;
                self.search.bookmarked_only = false;
                self.search_input_changed(String::new());
                self.status_message("Search cleared");
            }
            _ => {}
        }
        self.relayout();
    }

    pub(super) fn push(&mut self, screen: Screen) {
        self.screens.push(screen);
        self.prefs.full_width = false;
        self.relayout();
        self.follow_selection();
    }

    pub(super) fn show_diagnostics(&mut self) {
        if !matches!(self.screen(), Screen::Diagnostics(_)) {
            let problems = self.problems();
            self.push(Screen::Diagnostics(problems));
        }
    }

    pub(super) fn open_authors_index(&mut self) {
        if !matches!(self.screen(), Screen::Authors(_)) {
            self.push(Screen::Authors(AuthorsIndex::default()));
            self.reload_name_indexes();
        }
    }

    /// `a`: the page of the author of the article in front of the user, or a
    /// chooser when it has several.
    pub(super) fn open_author_of_current(&mut self) {
        let article = match self.screen() {
            Screen::Authors(index) => {
                if let Some(author) = index.selected_key().map(str::to_owned) {
                    self.open_author_page(&author);
                }
                return;
            }
            // A person who also writes: their author page.
            Screen::PersonPage { page, browser } if page.author.is_some() && browser.focus == Focus::List => {
                let author = page.author.clone().expect("checked");
                return self.open_author_page(&author);
            }
            Screen::People(index) => {
                let key = index.selected_key().map(str::to_owned);
                let writes = key.filter(|k| {
                    self.library.catalog.as_ref().is_some_and(|c| c.author_articles(k).unwrap_or(0) > 0)
                });
                match writes {
                    Some(key) => self.open_author_page(&key),
                    None => self.status_message("Not an author in this library"),
                }
                return;
            }
            screen => screen.browser().and_then(Browser::focused_article),
        };
        let Some(article) = article else { return };
        let Some(catalog) = &self.library.catalog else { return };
        match catalog.authors_of(article).unwrap_or_default().as_slice() {
            [] => {}
            [(key, _)] => {
                let key = key.clone();
                self.open_author_page(&key);
            }
            several => {
                let authors = several.to_vec();
                let selection = Selection::new(authors.len());
                self.overlay = Some(Overlay::ChooseAuthor { authors, selection });
                self.relayout();
            }
        }
    }

    /// The page of the author with `key`, their articles newest first.
    pub(super) fn open_author_page(&mut self, key: &str) {
        let Some(catalog) = &self.library.catalog else { return };
        let Ok(Some(page)) = catalog.author(key) else { return };
        let spec = ListSpec { scope: Scope::Author(key.to_owned()), ..ListSpec::default() };
        self.push(Screen::AuthorPage { page: Box::new(page), browser: Browser::new(spec) });
        self.request_list(self.screens.len() - 1);
    }

    pub(super) fn switch_focus(&mut self) {
        let Some(browser) = self.browser_mut() else { return };
        browser.focus = match browser.focus {
            Focus::List => Focus::Reader,
            Focus::Reader => Focus::List,
        };
        if browser.focus == Focus::List {
            self.prefs.full_width = false;
        }
        self.relayout();
    }

    pub(super) fn toggle_full_width(&mut self) {
        let Some(browser) = self.browser_mut() else { return };
        browser.focus = Focus::Reader;
        self.prefs.full_width = !self.prefs.full_width;
        self.relayout();
    }

    /// Enter: open the selected article, or the selected author's page.
    pub(super) fn open(&mut self) {
        match self.screen() {
            Screen::Authors(index) => {
                if let Some(author) = index.selected_key().map(str::to_owned) {
                    self.open_author_page(&author);
                }
            }
            Screen::People(index) => {
                if let Some(person) = index.selected_key().map(str::to_owned) {
                    self.open_person_page(&person);
                }
            }
            Screen::Sources(index) => {
                if let Some(source) = index.selected_key().map(str::to_owned) {
                    self.open_source(&source);
                }
            }
            Screen::Articles(_) | Screen::AuthorPage { .. } | Screen::PersonPage { .. } => {
                self.open_selected_article()
            }
            Screen::Diagnostics(_) => {}
        }
    }

    /// Focuses the reader on the selected article. A short article is read
    /// once opened; a longer one once the user scrolls in it.
    fn open_selected_article(&mut self) {
        self.follow_selection();
        let Some(browser) = self.browser_mut() else { return };
        browser.focus = Focus::Reader;
        let fits = browser.reader.max_scroll() == 0;
        let opened = browser.reader.article();
        self.relayout();
        if let Some(id) = opened.filter(|_| fits) {
            self.set_read(id, true);
        }
    }

    /// The article the user is looking at.
    pub(super) fn focused_article(&self) -> Option<&Article> {
        self.browser().and_then(Browser::focused_article).and_then(|id| self.article(id))
    }

    pub(super) fn toggle_read(&mut self) {
        let Some(article) = self.focused_article() else { return };
        let (id, title) = (article.id, article.title.clone());
        let now_read = !self.is_read(id);
        self.set_read(id, now_read);
        let verb = if now_read { "Marked read" } else { "Marked unread" };
        self.status_message(format!("{verb}: {title}"));
    }

    pub(super) fn toggle_bookmark(&mut self) {
        let Some(article) = self.focused_article() else { return };
        let (id, title) = (article.id, article.title.clone());
        let now_marked = !self.is_bookmarked(id);
        self.set_bookmark(id, now_marked);
        let verb = if now_marked { "Bookmarked" } else { "Bookmark removed" };
        self.status_message(format!("{verb}: {title}"));
    }

    /// `]` and `[`: the next or previous quotation of the open article.
    pub(super) fn step_quote(&mut self, forward: bool) {
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        let Some(article) = browser.reader.article().and_then(|id| bodies.article(id)) else { return };
        let moved =
            if forward { browser.reader.next_quote(article) } else { browser.reader.previous_quote(article) };
        if moved {
            browser.focus = Focus::Reader;
            self.relayout();
        } else {
            let text = match (article.quotes.is_empty(), forward) {
                (true, _) => "This article quotes nobody",
                (false, true) => "No more quotes below",
                (false, false) => "No more quotes above",
            };
            self.status_message(text);
        }
    }

    /// `/` in the authors index: typing filters the names.
    pub(super) fn start_filter(&mut self) {
        if let Some((_, editing)) = self.screen_mut().name_filter_mut() {
            *editing = true;
        }
    }

    pub(super) fn move_focused(&mut self, action: Action) {
        let layout = self.layout;
        match self.screen_mut() {
            Screen::Articles(browser)
            | Screen::AuthorPage { browser, .. }
            | Screen::PersonPage { browser, .. } => match browser.focus {
                Focus::List => {
                    if let Some(motion) = motion(action, browser.selection().visible_rows()) {
                        browser.apply(motion);
                        self.follow_selection();
                    }
                }
                Focus::Reader => {
                    if let Some(motion) = motion(action, browser.reader.height()) {
                        browser.reader.apply(motion);
                        // Scrolling through an article reads it.
                        let scrolled = browser.reader.scroll() > 0;
                        if let Some(id) = browser.reader.article().filter(|_| scrolled) {
                            self.set_read(id, true);
                        }
                    }
                }
            },
            Screen::Authors(index) => {
                if let Some(motion) = motion(action, layout.panel_capacity()) {
                    index.list.apply(motion);
                }
            }
            Screen::People(index) => {
                if let Some(motion) = motion(action, layout.panel_capacity()) {
                    index.list.apply(motion);
                }
            }
            Screen::Sources(index) => {
                if let Some(motion) = motion(action, layout.panel_capacity()) {
                    index.list.apply(motion);
                }
            }
            Screen::Diagnostics(problems) => {
                if let Some(motion) = motion(action, problems.selection().visible_rows()) {
                    problems.apply(motion);
                }
            }
        }
    }

    /// The reader previews the list's selection, where it was left, with
    /// the search's words marked.
    pub(super) fn follow_selection(&mut self) {
        // The selected row may be one the window has yet to read.
        self.fill();
        let (selected, shown, quote) = match self.browser() {
            Some(browser) => {
                (browser.selected_id(), browser.reader.article(), browser.selected_quote().map(|q| q.n))
            }
            None => return,
        };
        if selected == shown && selected.is_some() {
            self.highlight_matches();
            return self.focus_listed_quote(quote);
        }
        self.remember_position();
        if let Some(id) = selected {
            self.load_body(id);
        }
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        match selected.and_then(|id| bodies.article(id)) {
            Some(article) => browser.reader.show(article),
            None => browser.reader.clear(),
        }
        self.highlight_matches();
        if quote.is_some() {
            self.focus_listed_quote(quote);
        } else {
            self.restore_position();
        }
    }

    /// On a person page, the reader shows the selected quotation.
    fn focus_listed_quote(&mut self, quote: Option<usize>) {
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let (Some(n), Some(article)) = (quote, browser.reader.article().and_then(|id| bodies.article(id)))
        {
            browser.reader.focus_quote(Some(n), article);
        }
    }
}

/// The motion an action asks for, given the page size of its target.
pub(super) fn motion(action: Action, page: usize) -> Option<Motion> {
    let page = page.max(1);
    Some(match action {
        Action::MoveDown => Motion::Down(1),
        Action::MoveUp => Motion::Up(1),
        Action::First => Motion::First,
        Action::Last => Motion::Last,
        Action::HalfPageDown => Motion::Down(page.div_ceil(2)),
        Action::HalfPageUp => Motion::Up(page.div_ceil(2)),
        Action::PageDown => Motion::Down(page),
        Action::PageUp => Motion::Up(page),
        _ => return None,
    })
}
