//! Search, sort and quick filters on the main list, and what the app
//! remembers between sessions (read marks, bookmarks, positions, the view).

use std::time::{Duration, Instant};

use super::{App, Effect};
use crate::event::SearchJob;
use crate::layout::Focus;
use crate::library::ArticleId;
use crate::state::{Screen, SortOrder};
use crate::store::Change;

/// How long typing must pause before a one-letter word is searched for.
const ONE_LETTER_PAUSE: Duration = Duration::from_millis(300);

/// Session keys in the state file.
const SELECTED: &str = "selected";
const QUERY: &str = "query";
const SORT: &str = "sort";
const UNREAD_ONLY: &str = "unread_only";
const BOOKMARKED_ONLY: &str = "bookmarked_only";
const FOCUS: &str = "focus";

impl App {
    /// `/`: type a search over the whole library (or, in the authors
    /// index, a filter of the names).
    pub(super) fn start_search(&mut self) {
        if matches!(self.screen(), Screen::Authors(_)) {
            return self.start_filter();
        }
        self.screens.truncate(1);
        self.prefs.full_width = false;
        if let Some(browser) = self.browser_mut() {
            browser.focus = Focus::List;
        }
        self.search.editing = true;
        self.relayout();
    }

    /// The prompt's text changed: search again (off the input path when
    /// the query has words) and narrow the list with what is known now.
    pub(super) fn search_input_changed(&mut self, input: String) {
        if self.search.set_input(input) {
            if self.search.editing && self.search.query.has_one_letter_word() {
                // Most likely more letters are coming: wait for a pause.
                self.search.due = Some(Instant::now() + ONE_LETTER_PAUSE);
            } else {
                self.send_search();
            }
        }
        self.refresh_list();
    }

    fn send_search(&mut self) {
        let job = SearchJob::Query { generation: self.search.generation, query: self.search.query.clone() };
        self.effects.push(Effect::Search(job));
    }

    /// Runs a search put off for a pause in typing, once it is due.
    pub(super) fn search_if_due(&mut self, now: Instant) {
        if self.search.due.is_some_and(|due| due <= now) {
            self.search.due = None;
            self.send_search();
        }
    }

    pub(super) fn take_search_results(&mut self, generation: u64, hits: &[usize]) {
        if self.search.accept(generation, hits, self.library.library.articles.len()) {
            self.refresh_list();
        }
    }

    /// Rebuilds the main list from the sort order and the filters, keeping
    /// the selected article when it is still there.
    pub(super) fn refresh_list(&mut self) {
        let order = self.search.filter(&self.sorted, &self.library.library, &self.marks);
        if let Some(Screen::Articles(browser)) = self.screens.first_mut() {
            browser.list.set_order(order);
        }
        self.follow_selection();
        self.dirty = true;
    }

    /// `S`: the next sort order (of the authors index where it is open).
    pub(super) fn cycle_sort(&mut self) {
        if let Some(Screen::Authors(index)) = self.screens.last_mut() {
            index.sort = index.sort.next();
            index.refresh(&self.library.library);
            let label = index.sort.label();
            return self.status_message(format!("Authors by {label}"));
        }
        self.search.sort = self.search.sort.next();
        self.resort();
        self.status_message(format!("Sorted by {}", self.search.sort.label()));
    }

    fn resort(&mut self) {
        self.sorted = self.search.sort.sorted(&self.library.library, &self.marks);
        self.refresh_list();
    }

    pub(super) fn toggle_unread_only(&mut self) {
        self.search.unread_only = !self.search.unread_only;
        self.refresh_list();
        self.status_message(if self.search.unread_only { "Unread articles only" } else { "All articles" });
    }

    pub(super) fn toggle_bookmarked_only(&mut self) {
        self.search.bookmarked_only = !self.search.bookmarked_only;
        self.refresh_list();
        self.status_message(if self.search.bookmarked_only {
            "Bookmarked articles only"
        } else {
            "All articles"
        });
    }

    /// `n` / `N`: the next or previous match in the article, then on into
    /// the next or previous article of the list.
    pub(super) fn step_match(&mut self, forward: bool) {
        if self.search.query.highlights().is_empty() {
            return self.status_message("No search to step through: press / to search");
        }
        let (library, bodies) = (&self.library.library, &self.bodies);
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        let moved = match browser.reader.article().and_then(|i| bodies.article(library, i)) {
            Some(article) if forward => browser.reader.next_match(article),
            Some(article) => browser.reader.previous_match(article),
            None => false,
        };
        if moved {
            browser.focus = Focus::Reader;
            return self.relayout();
        }
        // On to the neighbouring article that has a match.
        let selection = browser.list.selection();
        let (position, len) = (selection.selected(), selection.len());
        let next =
            if forward { (position + 1 < len).then_some(position + 1) } else { position.checked_sub(1) };
        let Some(next) = next else {
            return self.status_message(if forward {
                "No more matches below"
            } else {
                "No more matches above"
            });
        };
        self.select_and_follow(next);
        let (library, bodies) = (&self.library.library, &self.bodies);
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let Some(article) = browser.reader.article().and_then(|i| bodies.article(library, i)) {
            let count = browser.reader.match_count();
            let target = if forward { 0 } else { count.saturating_sub(1) };
            browser.reader.focus_match(Some(target), article);
            browser.focus = Focus::Reader;
        }
        self.relayout();
    }

    /// Sets an article read or unread, and remembers it. The list is not
    /// re-filtered (under "unread only" the row stays until the filter is
    /// applied again): rows jumping away while reading would be confusing.
    pub(super) fn set_read(&mut self, id: ArticleId, read: bool) {
        if self.marks.set_read(id, read) {
            self.read_here = if read { self.read_here + 1 } else { self.read_here.saturating_sub(1) };
            self.effects.push(Effect::Persist(Change::Read(id, read)));
        }
    }

    pub(super) fn set_bookmark(&mut self, id: ArticleId, bookmarked: bool) {
        if self.marks.is_bookmarked(id) != bookmarked {
            self.marks.toggle_bookmark(id);
            self.effects.push(Effect::Persist(Change::Bookmark(id, bookmarked)));
        }
    }

    /// Remembers where the reader of the current screen is in its article.
    pub(super) fn remember_position(&mut self) {
        let Some(browser) = self.browser() else { return };
        let Some(index) = browser.reader.article() else { return };
        let id = self.library.library.articles[index].id;
        let position = browser.reader.position();
        if self.positions.get(&id).copied() != position {
            match position {
                Some(position) => self.positions.insert(id, position),
                None => self.positions.remove(&id),
            };
            self.effects.push(Effect::Persist(Change::Position(id, position)));
        }
    }

    /// Puts the reader where the user left the article it now shows.
    pub(super) fn restore_position(&mut self) {
        let articles = &self.library.library.articles;
        let positions = &self.positions;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        let Some(index) = browser.reader.article() else { return };
        if browser.reader.scroll() == 0
            && let Some(&position) = positions.get(&articles[index].id)
        {
            browser.reader.restore(position);
        }
    }

    /// Writes the view to come back to next time.
    pub(super) fn save_session(&mut self) {
        self.remember_position();
        let Some(Screen::Articles(root)) = self.screens.first() else { return };
        let selected = root.list.selected_article().map(|i| self.library.library.articles[i].id.to_string());
        let focus = if root.focus == Focus::Reader { "reader" } else { "list" };
        let entries = [
            (SELECTED, selected.unwrap_or_default()),
            (QUERY, self.search.input.clone()),
            (SORT, self.search.sort.label().to_owned()),
            (UNREAD_ONLY, self.search.unread_only.to_string()),
            (BOOKMARKED_ONLY, self.search.bookmarked_only.to_string()),
            (FOCUS, focus.to_owned()),
        ];
        for (key, value) in entries {
            if self.session.get(key) != Some(&value) {
                self.session.insert(key.to_owned(), value.clone());
                self.effects.push(Effect::Persist(Change::Session(key.to_owned(), value)));
            }
        }
    }

    /// Brings back the last session's sort, filters, search and selection.
    pub(super) fn apply_session(&mut self) {
        let session = self.session.clone();
        let get = |key: &str| session.get(key).cloned().unwrap_or_default();
        if let Some(sort) = SortOrder::from_label(&get(SORT)).filter(|&s| s != self.search.sort) {
            self.search.sort = sort;
            self.sorted = sort.sorted(&self.library.library, &self.marks);
        }
        self.search.unread_only = get(UNREAD_ONLY) == "true";
        self.search.bookmarked_only = get(BOOKMARKED_ONLY) == "true";
        let query = get(QUERY);
        self.search_input_changed(query);
        let selected = get(SELECTED);
        let position = self.browser().and_then(|b| {
            b.list.order().iter().position(|&i| self.library.library.articles[i].id.to_string() == selected)
        });
        if let Some(position) = position {
            self.select_and_follow(position);
            if get(FOCUS) == "reader" {
                self.open();
            }
        }
    }

    pub(super) fn select_and_follow(&mut self, position: usize) {
        if let Some(browser) = self.browser_mut() {
            browser.list.select(position);
        }
        self.follow_selection();
    }

    /// Marks the search's words in the article the reader shows.
    pub(super) fn highlight_matches(&mut self) {
        let needles = self.search.query.highlights();
        let (library, bodies) = (&self.library.library, &self.bodies);
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let Some(article) = browser.reader.article().and_then(|i| bodies.article(library, i)) {
            browser.reader.highlight(&needles, article);
        }
    }
}
