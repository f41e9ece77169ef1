//! The lists as windows over the index. A list is asked for whole (its
//! length, and rows around the selected article) from the query worker
//! when it first shows and whenever its order, filters or the library
//! change; the answer comes back as an event. Scrolling reads the next
//! rows here, a page at a time from the rows it has: short index reads.

use std::collections::HashMap;
use std::time::Instant;

use super::{App, Effect};
use crate::action::Action;
use crate::event::{Answer, Query};
use crate::keymap::{Context, Key};
use crate::library::ArticleId;
use crate::library::index::IndexError;
use crate::library::index::catalog::{Catalog, ListRow, ListSpec, SourceRow};
use crate::state::Level;
use crate::state::{Fetch, Paged, Screen};

/// Rows asked for on each side of the selected article, at least.
const AROUND: usize = 50;

/// How many reads one step may make to cover the screen (normally one).
const MAX_FETCHES: usize = 4;

impl App {
    /// The library changed (or can first be read): the counts and every
    /// list are read again, each keeping its selected article.
    pub(super) fn library_changed(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        catalog.forget_cached();
        self.effects.push(Effect::Query(Query::Counts));
        for slot in 0..self.screens.len() {
            self.request_list(slot);
        }
        self.reload_author_page();
        self.reload_person_pages();
        self.reload_name_indexes();
        self.reload_problems();
        // The open article's file may be what changed.
        self.reread_shown();
        self.dirty = true;
    }

    /// Asks for the list of the screen at `slot` again.
    pub(super) fn request_list(&mut self, slot: usize) {
        let around = AROUND.max(self.layout.list_capacity() * 2);
        self.next_ticket += 1;
        let ticket = self.next_ticket;
        let Some(browser) = self.screens.get_mut(slot).and_then(Screen::browser_mut) else { return };
        if browser.quotes.is_some() {
            // A person page lists quotations, read by the page (see `fill`).
            return;
        }
        browser.list.expect(ticket);
        let (spec, anchor) = (browser.list.spec().clone(), browser.list.anchor());
        self.effects.push(Effect::Query(Query::Window { slot, ticket, spec, anchor, around }));
    }

    /// Gives the main list another spec (a search, an order, a filter).
    pub(super) fn set_root_spec(&mut self, spec: ListSpec) {
        if let Some(Screen::Articles(browser)) = self.screens.first_mut() {
            if *browser.list.spec() == spec && browser.list.is_known() {
                return;
            }
            browser.list.set_spec(spec);
        }
        self.request_list(0);
    }

    pub(super) fn take_answer(&mut self, answer: Answer) {
        match answer {
            Answer::Counts(counts) => self.take_counts(counts),
            Answer::Count { ticket, total } => {
                for browser in self.screens.iter_mut().filter_map(Screen::browser_mut) {
                    browser.list.set_total(ticket, total);
                }
            }
            Answer::Window { ticket, window } => {
                let Some(slot) =
                    self.screens.iter().position(|s| s.browser().is_some_and(|b| b.list.ticket() == ticket))
                else {
                    return;
                };
                let browser = self.screens[slot].browser_mut().expect("found as a browser");
                match window {
                    Ok(mut window) => {
                        lay_marks(&self.marked, &mut window.rows);
                        browser.list.install(ticket, window);
                    }
                    Err(error) => {
                        browser.list.give_up(ticket);
                        self.report_problem(format!("Cannot read the list: {error}"));
                    }
                }
                if slot + 1 == self.screens.len() {
                    self.follow_selection();
                    if std::mem::take(&mut self.open_when_listed) && slot == 0 {
                        self.open();
                    }
                }
            }
        }
        self.dirty = true;
    }

    /// New counts; says so when a refresh found problems it had not.
    fn take_counts(&mut self, counts: crate::library::index::catalog::Counts) {
        self.library.counts = Some(counts);
        if !self.library.refreshed || counts.problems == self.library.problems_told {
            return;
        }
        self.library.problems_told = counts.problems;
        if counts.problems > 0 {
            let key =
                self.keymap.keys_for(Context::Global, Action::ShowDiagnostics).first().map(Key::to_string);
            let hint = key.map(|k| format!(" (press {k} to see them)")).unwrap_or_default();
            let level = if counts.errors > 0 { Level::Error } else { Level::Info };
            let noun = if counts.problems == 1 { "problem" } else { "problems" };
            self.status.show(
                format!("{} {noun} while loading{hint}", counts.problems),
                level,
                Instant::now(),
            );
        }
    }

    /// Reads the rows the current screen shows that are not read yet.
    pub(super) fn fill(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        let result = match self.screens.last_mut().expect("the main screen is never popped") {
            Screen::PersonPage { page, browser } => match browser.quotes.as_mut() {
                Some(quotes) => match quotes.wanted() {
                    Some((start, count)) => {
                        catalog.person_quotes(&page.key, start, count).map(|rows| quotes.take(start, rows))
                    }
                    None => Ok(()),
                },
                None => Ok(()),
            },
            Screen::Articles(browser) | Screen::AuthorPage { browser, .. } => {
                let mut result = Ok(());
                for _ in 0..MAX_FETCHES {
                    let Some(fetch) = browser.list.wanted() else { break };
                    match read(catalog, browser.list.spec(), &fetch) {
                        Ok(mut rows) => {
                            lay_marks(&self.marked, &mut rows);
                            browser.list.take(&fetch, rows);
                        }
                        Err(error) => {
                            result = Err(error);
                            break;
                        }
                    }
                }
                result
            }
            Screen::Authors(index) => match index.list.wanted() {
                Some((start, count)) => catalog
                    .authors_page(index.sort, &index.filter, start, count)
                    .map(|rows| index.list.take(start, rows)),
                None => Ok(()),
            },
            // Subscribed feeds without articles come after the sources.
            Screen::Sources(index) => match index.list.wanted() {
                Some((start, count)) => {
                    catalog.sources_page(index.sort, &index.filter, start, count).map(|mut rows| {
                        let extra = self.fetching.unlisted_matching(&index.filter);
                        let listed = index.list.len() - extra.len();
                        let from = start.max(listed) - listed;
                        rows.extend(extra.iter().skip(from).take(count.saturating_sub(rows.len())).map(
                            |name| SourceRow {
                                name: (*name).to_owned(),
                                articles: 0,
                                unread: 0,
                                latest: None,
                                feed: None,
                            },
                        ));
                        for row in &mut rows {
                            row.feed = self.fetching.feeds.get(&row.name).cloned();
                        }
                        index.list.take(start, rows)
                    })
                }
                None => Ok(()),
            },
            Screen::People(index) => match index.list.wanted() {
                Some((start, count)) => catalog
                    .people_page(index.sort, &index.filter, start, count)
                    .map(|rows| index.list.take(start, rows)),
                None => Ok(()),
            },
            // The feeds the last fetch could not fetch come first.
            Screen::Diagnostics(problems) => match problems.wanted() {
                Some((start, count)) => {
                    let fetched = &self.fetching.problems;
                    let mut rows: Vec<_> = fetched.iter().skip(start).take(count).cloned().collect();
                    let from = start.saturating_sub(fetched.len());
                    catalog.diagnostics(from, count - rows.len()).map(|more| {
                        rows.extend(more);
                        problems.take(start, rows);
                    })
                }
                None => Ok(()),
            },
        };
        if let Err(error) = result {
            self.report_problem(format!("Cannot read the library index: {error}"));
        }
    }

    /// The authors and people indexes, counted again for their filters
    /// (keeping the selected name where they can).
    pub(super) fn reload_name_indexes(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        for screen in &mut self.screens {
            match screen {
                Screen::Authors(index) => {
                    let selected = index.selected_key().map(str::to_owned);
                    index.list.reset(catalog.authors_count(&index.filter).unwrap_or(0));
                    let position = selected.and_then(|key| {
                        catalog.author_position(index.sort, &index.filter, &key).ok().flatten()
                    });
                    index.list.select(position.unwrap_or(0));
                }
                Screen::Sources(index) => {
                    let selected = index.selected_key().map(str::to_owned);
                    let listed = catalog.sources_count(&index.filter).unwrap_or(0);
                    let extra = self.fetching.unlisted_matching(&index.filter);
                    index.list.reset(listed + extra.len());
                    let position = selected.and_then(|name| {
                        catalog
                            .source_position(index.sort, &index.filter, &name)
                            .ok()
                            .flatten()
                            .or_else(|| extra.iter().position(|e| *e == name).map(|i| listed + i))
                    });
                    index.list.select(position.unwrap_or(0));
                }
                Screen::People(index) => {
                    let selected = index.selected_key().map(str::to_owned);
                    index.list.reset(catalog.people_count(&index.filter).unwrap_or(0));
                    let position = selected.and_then(|key| {
                        catalog.person_position(index.sort, &index.filter, &key).ok().flatten()
                    });
                    index.list.select(position.unwrap_or(0));
                }
                _ => {}
            }
        }
    }

    /// On a wide terminal, the authors or people index shows the selected
    /// one's page beside the list: read it when the selection moves (two
    /// small index reads).
    pub(super) fn follow_index_selection(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        let room = self.layout.panel_preview.is_some();
        match self.screens.last_mut().expect("the main screen is never popped") {
            Screen::Authors(index) => {
                let key = index.selected_key().filter(|_| room);
                if key != index.preview.as_ref().map(|p| p.key.as_str()) {
                    index.preview = key.and_then(|k| catalog.author(k).ok().flatten()).map(Box::new);
                    self.dirty = true;
                }
            }
            Screen::People(index) => {
                let key = index.selected_key().filter(|_| room);
                if key != index.preview.as_ref().map(|p| p.key.as_str()) {
                    index.preview = key.and_then(|k| catalog.person(k).ok().flatten()).map(Box::new);
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

    /// Person pages' facts and quotations, read again (keeping the
    /// selected place).
    fn reload_person_pages(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        for screen in &mut self.screens {
            if let Screen::PersonPage { page, browser } = screen
                && let Ok(Some(fresh)) = catalog.person(&page.key)
            {
                if let Some(quotes) = browser.quotes.as_mut() {
                    quotes.reset(fresh.quotes);
                }
                **page = fresh;
            }
        }
    }

    /// The problems view, counted again.
    pub(super) fn reload_problems(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        let total = catalog.problem_count().unwrap_or(0) + self.fetching.problems.len();
        for screen in &mut self.screens {
            if let Screen::Diagnostics(problems) = screen {
                problems.reset(total);
            }
        }
    }

    /// Author pages' facts, read again.
    fn reload_author_page(&mut self) {
        let Some(catalog) = &self.library.catalog else { return };
        for screen in &mut self.screens {
            if let Screen::AuthorPage { page, .. } = screen
                && let Ok(Some(fresh)) = catalog.author(&page.key)
            {
                **page = fresh;
            }
        }
    }

    /// A new problems view.
    pub(super) fn problems(&self) -> Paged<crate::library::Diagnostic> {
        let total = self.library.catalog.as_ref().and_then(|c| c.problem_count().ok()).unwrap_or(0);
        Paged::new(total + self.fetching.problems.len())
    }

    /// Shows a mark set now on every list that has the article, and on
    /// every row read from the index from now on (see [`lay_marks`]).
    pub(super) fn patch_marks(&mut self, id: ArticleId, read: Option<bool>, bookmarked: Option<bool>) {
        let marked = self.marked.entry(id).or_default();
        marked.0 = read.or(marked.0);
        marked.1 = bookmarked.or(marked.1);
        for browser in self.screens.iter_mut().filter_map(Screen::browser_mut) {
            browser.list.patch_marks(id, read, bookmarked);
        }
    }
}

/// Lays the marks set this session over rows read from the index: rows
/// read before a mark was stored would otherwise undo it on screen.
fn lay_marks(marked: &HashMap<ArticleId, (Option<bool>, Option<bool>)>, rows: &mut [ListRow]) {
    if marked.is_empty() {
        return;
    }
    for row in rows {
        if let Some(&(read, bookmarked)) = marked.get(&row.id) {
            row.read = read.unwrap_or(row.read);
            row.bookmarked = bookmarked.unwrap_or(row.bookmarked);
        }
    }
}

/// Reads the rows a window asks for.
fn read(catalog: &Catalog, spec: &ListSpec, fetch: &Fetch) -> Result<Vec<ListRow>, IndexError> {
    match fetch {
        Fetch::After { cursor, count } => catalog.page_after(spec, Some(cursor), *count).map(|p| p.rows),
        Fetch::Before { cursor, count } => catalog.page_before(spec, Some(cursor), *count).map(|p| p.rows),
        Fetch::Last { count } => catalog.page_before(spec, None, *count).map(|p| p.rows),
        Fetch::At { position, count } => catalog.page_at(spec, *position, *count),
        Fetch::Gathered { rows, .. } => catalog.rows_at(rows),
    }
}
