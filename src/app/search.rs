//! Search, sort and quick filters on the main list, and what the app
//! remembers between sessions (read marks, bookmarks, positions, the view).

use std::time::{Duration, Instant};

use super::{App, Effect};
use crate::layout::Focus;
use crate::library::ArticleId;
use crate::library::index::catalog::{Anchor, SortOrder, people_sort_label, sources_sort_label};
use crate::state::Screen;
use crate::store::{Change, Position};

/// How long typing must pause before a one- or two-letter word is
/// searched for.
const SHORT_WORD_PAUSE: Duration = Duration::from_millis(300);

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
        if self.screen().is_name_index() {
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

    /// The prompt's text changed: the main list follows (after a pause in
    /// typing when a word is still one or two letters long).
    pub(super) fn search_input_changed(&mut self, input: String) {
        self.search.set_input(input);
        if self.search.editing && self.search.query.has_short_word() {
            // Most likely more letters are coming: wait for a pause.
            self.search.due = Some(Instant::now() + SHORT_WORD_PAUSE);
        } else {
            self.apply_search();
        }
        self.dirty = true;
    }

    /// Shows the main list the search and filters ask for.
    fn apply_search(&mut self) {
        self.search.due = None;
        self.set_root_spec(self.search.spec());
    }

    /// Runs a search put off for a pause in typing, once it is due.
    pub(super) fn search_if_due(&mut self, now: Instant) {
        if self.search.due.is_some_and(|due| due <= now) {
            self.apply_search();
            self.fill();
            self.dirty = true;
        }
    }

    /// Whether the main list is waiting for a search's answer.
    pub fn searching(&self) -> bool {
        self.search.due.is_some() || (self.search.query.has_text() && self.root().list.is_waiting())
    }

    /// `S`: the next sort order (of the authors index where it is open).
    pub(super) fn cycle_sort(&mut self) {
        if let Some(Screen::Authors(index)) = self.screens.last_mut() {
            index.sort = index.sort.next();
            let label = index.sort.label();
            self.reload_name_indexes();
            return self.status_message(format!("Authors by {label}"));
        }
        if let Some(Screen::Sources(index)) = self.screens.last_mut() {
            index.sort = index.sort.next();
            let label = sources_sort_label(index.sort);
            self.reload_name_indexes();
            return self.status_message(format!("Sources by {label}"));
        }
        if let Some(Screen::People(index)) = self.screens.last_mut() {
            index.sort = index.sort.next();
            let label = people_sort_label(index.sort);
            self.reload_name_indexes();
            return self.status_message(format!("People by {label}"));
        }
        self.search.sort = self.search.sort.next();
        self.apply_search();
        self.status_message(format!("Sorted by {}", self.search.sort.label()));
    }

    pub(super) fn toggle_unread_only(&mut self) {
        self.search.unread_only = !self.search.unread_only;
        self.apply_search();
        self.status_message(if self.search.unread_only { "Unread articles only" } else { "All articles" });
    }

    pub(super) fn toggle_bookmarked_only(&mut self) {
        self.search.bookmarked_only = !self.search.bookmarked_only;
        self.apply_search();
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
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        let moved = match browser.reader.article().and_then(|id| bodies.article(id)) {
            Some(article) if forward => browser.reader.next_match(article),
            Some(article) => browser.reader.previous_match(article),
            None => false,
        };
        if moved {
            browser.focus = Focus::Reader;
            return self.relayout();
        }
        // On to the neighbouring article that has a match.
        let selection = browser.selection();
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
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let Some(article) = browser.reader.article().and_then(|id| bodies.article(id)) {
            let count = browser.reader.match_count();
            let target = if forward { 0 } else { count.saturating_sub(1) };
            browser.reader.focus_match(Some(target), article);
            browser.focus = Focus::Reader;
        }
        self.relayout();
    }

    /// Whether an article is read, from the rows on screen or the index.
    pub(super) fn is_read(&self, id: ArticleId) -> bool {
        self.marks_of(id).0
    }

    /// Whether an article is read and whether it is bookmarked.
    fn marks_of(&self, id: ArticleId) -> (bool, bool) {
        let shown = self.screens.iter().filter_map(Screen::browser).find_map(|b| {
            let position = b.list.position_of(id)?;
            b.list.row(position).map(|r| (r.read, r.bookmarked))
        });
        shown.or_else(|| self.library.catalog.as_ref().map(|c| c.marks(id))).unwrap_or((false, false))
    }

    /// Sets an article read or unread, and remembers it. The list is not
    /// filtered again (under "unread only" the row stays until the filter
    /// is applied again): rows jumping away while reading would confuse.
    pub(super) fn set_read(&mut self, id: ArticleId, read: bool) {
        if self.is_read(id) != read {
            self.effects.push(Effect::Persist(Change::Read(id, read)));
            self.patch_marks(id, Some(read), None);
            if let Some(counts) = &mut self.library.counts {
                counts.unread = if read { counts.unread.saturating_sub(1) } else { counts.unread + 1 };
            }
        }
    }

    pub(super) fn is_bookmarked(&self, id: ArticleId) -> bool {
        self.marks_of(id).1
    }

    pub(super) fn set_bookmark(&mut self, id: ArticleId, bookmarked: bool) {
        if self.is_bookmarked(id) != bookmarked {
            self.effects.push(Effect::Persist(Change::Bookmark(id, bookmarked)));
            self.patch_marks(id, None, Some(bookmarked));
        }
    }

    /// Remembers where the reader of the current screen is in its article.
    pub(super) fn remember_position(&mut self) {
        let Some(browser) = self.browser() else { return };
        let Some(id) = browser.reader.article() else { return };
        let position = browser.reader.position();
        if self.saved_position(id) != position {
            self.effects.push(Effect::Persist(Change::Position(id, position)));
        }
    }

    fn saved_position(&self, id: ArticleId) -> Option<Position> {
        let (block, offset) = self.library.catalog.as_ref()?.position(id)?;
        Some(Position { block, offset })
    }

    /// Puts the reader where the user left the article it now shows.
    pub(super) fn restore_position(&mut self) {
        let Some(id) = self.browser().and_then(|b| b.reader.article()) else { return };
        let Some(position) = self.saved_position(id) else { return };
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if browser.reader.scroll() == 0 {
            browser.reader.restore(position);
        }
    }

    /// Writes the view to come back to next time.
    pub(super) fn save_session(&mut self) {
        self.remember_position();
        let Some(Screen::Articles(root)) = self.screens.first() else { return };
        let selected = root.list.selected_id().map(|id| id.to_string());
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

    /// Brings back the last session's sort, filters, search and selection
    /// (the main list is then read placed on the selected article).
    pub(super) fn apply_session(&mut self) {
        let get = |key: &str| self.session.get(key).cloned().unwrap_or_default();
        if let Some(sort) = SortOrder::from_label(&get(SORT)) {
            self.search.sort = sort;
        }
        self.search.unread_only = get(UNREAD_ONLY) == "true";
        self.search.bookmarked_only = get(BOOKMARKED_ONLY) == "true";
        self.search.set_input(get(QUERY));
        let selected = u64::from_str_radix(&get(SELECTED), 16).ok().map(ArticleId);
        self.open_when_listed = selected.is_some() && get(FOCUS) == "reader";
        let spec = self.search.spec();
        if let Some(Screen::Articles(browser)) = self.screens.first_mut() {
            browser.list.set_spec(spec);
            browser.list.place(Anchor { id: selected, near: None, position: 0 });
        }
    }

    pub(super) fn select_and_follow(&mut self, position: usize) {
        if let Some(browser) = self.browser_mut() {
            browser.select(position);
        }
        self.follow_selection();
    }

    /// Marks the search's words in the article the reader shows.
    pub(super) fn highlight_matches(&mut self) {
        let needles = self.search.query.highlights();
        let bodies = &self.bodies;
        let Some(browser) = self.screens.last_mut().and_then(Screen::browser_mut) else { return };
        if let Some(article) = browser.reader.article().and_then(|id| bodies.article(id)) {
            browser.reader.highlight(&needles, article);
        }
    }
}
