//! The application: state, the update function, and the event loop.
//!
//! Events come in from one channel; keys become [`Action`]s through the
//! keymap; `update` changes state; a frame is drawn only when something
//! changed. Rendering (in `ui`) reads the state and never changes it.
//!
//! The screens the user visits form a history stack (`screens`), each
//! keeping its own selection and scroll; overlays (help, quotes, the author
//! chooser) sit on top and take the keys while open. Every list is a
//! window over the library index (see `lists`): the app holds the rows on
//! screen and a few more, never the library.

mod feeds;
mod headless;
mod input;
mod lists;
mod navigation;
mod outside;
mod overlays;
mod people;
mod run;
mod search;
mod sources;

pub use headless::Headless;
pub use run::{Runtime, run};

pub use outside::{CLIPBOARD_LIMIT, Commands, Outside};
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::event::{Event, LibraryMsg, Query, Signal};
use crate::keymap::{Context, Keymap};
use crate::layout::{AppLayout, Focus, LayoutInput, QUOTE_ROW_HEIGHT, quotes_area};
use crate::library::index::FileStamp;
use crate::library::index::catalog::{Catalog, Counts};
use crate::library::{Article, ArticleId, Progress};
use crate::state::{Browser, Level, Screen, SearchState, Selection, StatusLine};
use crate::store::Change;
use crate::theme::Theme;

/// Article files up to this size are read as they are selected (a few
/// milliseconds at most); bigger ones on the body worker.
const READ_NOW_LIMIT: u64 = 256 * 1024;

/// How long a problem with the state file stays in the status line.
const STORE_PROBLEM_DURATION: std::time::Duration = std::time::Duration::from_secs(15);

/// The library: the index it is read from, and what is known about it.
#[derive(Default)]
pub struct LibraryState {
    /// How the header names the library ("sample library", a path...).
    pub label: String,
    /// This thread's connection to the index, once it can be read.
    pub catalog: Option<Catalog>,
    /// The counts the header shows, once the query worker gave them.
    pub counts: Option<Counts>,
    pub progress: Option<Progress>,
    /// Whether a refresh finished: every file is in the index.
    pub refreshed: bool,
    /// Whether another broadsheet is updating the index.
    pub elsewhere: bool,
    /// How an article's file is read when it is opened.
    pub read: crate::library::load::ReadOptions,
    /// The reading state, as the index attaches it (see `Store::uri`).
    pub state_uri: Option<String>,
    /// How many problems the user was last told of.
    problems_told: usize,
}

impl std::fmt::Debug for LibraryState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryState")
            .field("label", &self.label)
            .field("index", &self.catalog.as_ref().map(Catalog::path))
            .field("counts", &self.counts)
            .field("progress", &self.progress)
            .field("refreshed", &self.refreshed)
            .finish_non_exhaustive()
    }
}

impl LibraryState {
    /// The article count for the header (0 until known).
    pub fn article_count(&self) -> usize {
        self.counts.map_or(0, |c| c.articles)
    }
}

/// How the screen is laid out and text is set (from the config; `z`
/// toggles `full_width` while reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefs {
    pub full_width: bool,
    pub list_percent: u16,
    pub max_text_width: u16,
    pub mode: crate::layout::LayoutMode,
    pub style: crate::text::ReaderStyle,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            full_width: false,
            list_percent: 38,
            max_text_width: 78,
            mode: crate::layout::LayoutMode::Auto,
            style: crate::text::ReaderStyle::default(),
        }
    }
}

/// The help overlay: its scroll position and what has been typed to
/// filter it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpState {
    pub scroll: usize,
    pub filter: String,
}

/// A box drawn over the view, which takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(HelpState),
    /// The open article's quotations (indexes into its quotes), one selected.
    Quotes {
        quotes: Vec<usize>,
        selection: Selection,
    },
    /// An article with several authors: whose page to open, as (key, name).
    ChooseAuthor {
        authors: Vec<(String, String)>,
        selection: Selection,
    },
}

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Running,
    Quit(u8),
}

/// Work outside the state, done by the loop after an update: the terminal,
/// the workers, the state file.
#[derive(Debug)]
pub enum Effect {
    Suspend,
    /// Clear the screen and draw everything again.
    Redraw,
    /// A question for the query worker.
    Query(Query),
    Persist(Change),
    Outside(Outside),
    /// Look at the library's files again (after editing a file).
    Reload,
    /// Read this article's (big) file on the body worker.
    LoadBody(Box<Article>),
    /// Fetch the feeds in the background.
    Fetch,
}

pub struct App {
    pub library: LibraryState,
    /// The history: the main article list first, the current screen last.
    screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// The last session's view, applied when the index can first be read.
    session: HashMap<String, String>,
    /// Whether the session's view was applied.
    session_applied: bool,
    /// Open the selected article once the main list arrives (the last
    /// session ended in the reader).
    open_when_listed: bool,
    /// Marks set this session (read, bookmarked; `None` where untouched),
    /// laid over every row read from the index (see `lists::lay_marks`).
    marked: HashMap<ArticleId, (Option<bool>, Option<bool>)>,
    /// Articles lately shown, read from their files.
    bodies: crate::state::Bodies,
    pub search: SearchState,
    pub fetching: crate::state::Fetching,
    /// Numbers the questions about lists, so late answers are known.
    next_ticket: u64,
    pub status: StatusLine,
    pub prefs: Prefs,
    pub layout: AppLayout,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The programs `|` and `e` run.
    pub commands: Commands,
    mode: Mode,
    effects: Vec<Effect>,
    /// Something changed since the last frame.
    dirty: bool,
}

impl App {
    pub fn new(label: impl Into<String>, keymap: Keymap, theme: Theme, prefs: Prefs) -> Self {
        let search = SearchState::default();
        Self {
            library: LibraryState { label: label.into(), ..LibraryState::default() },
            screens: vec![Screen::Articles(Browser::new(search.spec()))],
            overlay: None,
            session: HashMap::new(),
            session_applied: false,
            open_when_listed: false,
            marked: HashMap::new(),
            bodies: crate::state::Bodies::default(),
            search,
            fetching: crate::state::Fetching::default(),
            next_ticket: 0,
            status: StatusLine::default(),
            prefs,
            layout: AppLayout::default(),
            keymap,
            theme,
            commands: Commands::default(),
            mode: Mode::Running,
            effects: Vec::new(),
            dirty: true,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Starts from the view the state file remembers.
    pub fn restore(&mut self, session: HashMap<String, String>) {
        self.session = session;
    }

    /// Unread articles in the library.
    pub fn unread_count(&self) -> usize {
        self.library.counts.map_or(0, |c| c.unread)
    }

    /// Says in the status line that something did not work.
    pub fn report_problem(&mut self, message: impl Into<String>) {
        self.status.show(message, Level::Error, Instant::now());
        self.dirty = true;
    }

    /// Says in the status line that the state file cannot be used.
    pub fn report_store_problem(&mut self, message: impl Into<String>) {
        self.status.show_for(message, Level::Error, Instant::now(), STORE_PROBLEM_DURATION);
        self.dirty = true;
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Whether something changed since the last frame.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The screen on top of the history.
    pub fn screen(&self) -> &Screen {
        self.screens.last().expect("the main screen is never popped")
    }

    fn screen_mut(&mut self) -> &mut Screen {
        self.screens.last_mut().expect("the main screen is never popped")
    }

    /// The main list's screen.
    pub fn root(&self) -> &Browser {
        self.screens.first().and_then(Screen::browser).expect("the main screen is a list")
    }

    /// How many screens deep the user is (1 on the main list).
    pub fn depth(&self) -> usize {
        self.screens.len()
    }

    /// The list and reader of the current screen, if it has them.
    pub fn browser(&self) -> Option<&Browser> {
        self.screen().browser()
    }

    fn browser_mut(&mut self) -> Option<&mut Browser> {
        self.screen_mut().browser_mut()
    }

    /// Where the focus is on the current screen (the list for screens
    /// without a reader).
    pub fn focus(&self) -> Focus {
        self.browser().map_or(Focus::List, |b| b.focus)
    }

    /// The article the reader shows, if any (with its body once read).
    pub fn current_article(&self) -> Option<&Article> {
        self.browser().and_then(|b| b.reader.article()).and_then(|id| self.article(id))
    }

    /// Article `id` as read from its file (or its summary while a big file
    /// is read), if it was shown lately.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.bodies.article(id)
    }

    /// Makes sure article `id` can be shown: read from its file at once for
    /// a file of ordinary size, on the body worker for a big one (its
    /// summary from the index stands in meanwhile). A file changed since
    /// it was read is read again.
    fn load_body(&mut self, id: ArticleId) {
        let Some(catalog) = &self.library.catalog else { return };
        let summary = match self.bodies.article(id) {
            Some(known) => known.clone(),
            None => match catalog.summary(id) {
                Ok(Some(summary)) => summary,
                _ => return,
            },
        };
        let files = self.library.read.files;
        let stamp = files.stamp(&summary.path).ok();
        if stamp.is_some() && self.bodies.has(id, stamp) {
            return;
        }
        if stamp.is_some_and(|s| s.size > READ_NOW_LIMIT) {
            if self.bodies.start_loading(id) {
                let mut standing_in = summary.clone();
                standing_in.has_body = false;
                self.bodies.insert(standing_in, None);
                self.effects.push(Effect::LoadBody(Box::new(summary)));
            }
        } else {
            let article = crate::library::load::reload_article(&summary, &self.library.read);
            self.bodies.insert(article, stamp);
        }
    }

    /// An article read on the body worker: shown if the reader is on it.
    fn body_arrived(&mut self, article: Article, stamp: Option<FileStamp>) {
        let id = article.id;
        self.bodies.insert(article, stamp);
        if self.browser().and_then(|b| b.reader.article()) != Some(id) {
            return;
        }
        self.reload_reader(id);
        self.highlight_matches();
        self.restore_position();
        self.dirty = true;
    }

    /// The current reader shows article `id` as it is now read, keeping
    /// its place.
    fn reload_reader(&mut self, id: ArticleId) {
        let bodies = &self.bodies;
        if let (Some(browser), Some(article)) =
            (self.screens.last_mut().and_then(Screen::browser_mut), bodies.article(id))
        {
            browser.reader.reload(article);
        }
    }

    /// Makes sure the reader of the current screen has its article's body
    /// (coming back to a screen whose article left the cache).
    fn ensure_body(&mut self) {
        let Some(id) = self.browser().and_then(|b| b.reader.article()) else { return };
        if self.bodies.has(id, None) {
            return;
        }
        self.load_body(id);
        self.reload_reader(id);
    }

    /// Reads the article the reader shows again if its file changed, and
    /// shows the new text where the reader is.
    fn reread_shown(&mut self) {
        let Some(id) = self.browser().and_then(|b| b.reader.article()) else { return };
        let files = self.library.read.files;
        let stamp = self.bodies.article(id).and_then(|a| files.stamp(&a.path).ok());
        if stamp.is_some() && self.bodies.has(id, stamp) {
            return;
        }
        self.load_body(id);
        self.reload_reader(id);
        self.highlight_matches();
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        match (&self.overlay, self.screen()) {
            (Some(Overlay::Help(_)), _) => Context::Help,
            (Some(Overlay::Quotes { .. }), _) => Context::Quotes,
            (Some(Overlay::ChooseAuthor { .. }), _)
            | (None, Screen::Authors(_) | Screen::People(_) | Screen::Sources(_)) => Context::Authors,
            (None, Screen::Diagnostics(_)) => Context::Diagnostics,
            (
                None,
                Screen::Articles(browser)
                | Screen::AuthorPage { browser, .. }
                | Screen::PersonPage { browser, .. },
            ) => match browser.focus {
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
            },
        }
    }

    /// Handles one event from the channel, then reads the rows the
    /// screen now needs.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Term(event) => self.handle_terminal(event),
            Event::InputClosed => self.quit(1),
            Event::Library(message) => self.library_message(message),
            Event::Body { article, stamp } => self.body_arrived(*article, stamp),
            Event::Signal(Signal::Terminate(signal)) => self.quit(128u8.saturating_add(signal as u8)),
            Event::Signal(Signal::Stop) => self.effects.push(Effect::Suspend),
            Event::Signal(Signal::Continue) => self.effects.push(Effect::Redraw),
            Event::Answer(answer) => self.take_answer(answer),
            Event::Fetch(message) => self.fetch_message(message),
        }
        self.fill();
        self.follow_index_selection();
    }

    /// Drops an expired status message; runs a search that waited for a
    /// pause in typing.
    pub fn tick(&mut self, now: Instant) {
        if self.status.expire(now) {
            self.dirty = true;
        }
        self.search_if_due(now);
        if self.fetching.is_due(now) {
            self.start_fetch(true);
        }
    }

    /// The next time something timed happens.
    pub fn deadline(&self) -> Option<Instant> {
        let fetch = self.fetching.next.filter(|_| !self.fetching.running);
        [self.status.deadline(), self.search.due, fetch].into_iter().flatten().min()
    }

    /// Applies one action. Overlays take it first; otherwise each arm is
    /// one step, with the details in `navigation` and the state types.
    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        if self.overlay.is_some() {
            return self.update_overlay(action);
        }
        match action {
            Action::Quit => self.quit(0),
            Action::BackOrQuit => self.back_or_quit(),
            Action::Back => self.back(),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help(HelpState::default())),
            Action::ShowDiagnostics => self.show_diagnostics(),
            Action::SwitchFocus => self.switch_focus(),
            Action::ToggleFullWidth => self.toggle_full_width(),
            Action::Open => self.open(),
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::NextQuote => self.step_quote(true),
            Action::PreviousQuote => self.step_quote(false),
            Action::ShowQuotes => self.open_quotes_panel(),
            Action::AuthorPage => self.open_author_of_current(),
            Action::AuthorsIndex => self.open_authors_index(),
            Action::PersonPage => self.open_person_of_current(),
            Action::PeopleIndex => self.open_people_index(),
            Action::SourcesIndex => self.open_sources_index(),
            Action::CycleSort => self.cycle_sort(),
            Action::Search => self.start_search(),
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::ToggleUnreadOnly => self.toggle_unread_only(),
            Action::ToggleBookmarkedOnly => self.toggle_bookmarked_only(),
            Action::OpenLink => self.open_link(),
            Action::CopyLink => self.copy_link(),
            Action::PipeArticle => self.pipe_article(),
            Action::EditArticle => self.edit_article(),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Redraw => self.effects.push(Effect::Redraw),
            Action::Reload => self.effects.push(Effect::Reload),
            Action::FetchFeeds => self.start_fetch(false),
            Action::MoveDown
            | Action::MoveUp
            | Action::First
            | Action::Last
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::PageDown
            | Action::PageUp => self.move_focused(action),
        }
    }

    /// Ends the loop after remembering where the user was.
    fn quit(&mut self, code: u8) {
        self.save_session();
        self.mode = Mode::Quit(code);
    }

    fn status_message(&mut self, text: impl Into<String>) {
        self.status.show(text, Level::Info, Instant::now());
    }

    /// Recomputes the layout for a new terminal size.
    pub fn resize(&mut self, area: Rect) {
        self.layout.area = area;
        self.relayout();
        self.fill();
    }

    fn layout_input(&self) -> LayoutInput {
        LayoutInput {
            view: self.screen().view(),
            focus: self.focus(),
            full_width: self.prefs.full_width && self.browser().is_some(),
            list_percent: self.prefs.list_percent,
            max_text_width: self.prefs.max_text_width,
            mode: self.prefs.mode,
        }
    }

    /// Lays the screen out again and gives each part its new size.
    fn relayout(&mut self) {
        self.layout = AppLayout::compute(self.layout.area, self.layout_input());
        self.dirty = true;
        let layout = self.layout;
        let bodies = &self.bodies;
        match self.screens.last_mut().expect("the main screen is never popped") {
            Screen::Articles(browser)
            | Screen::AuthorPage { browser, .. }
            | Screen::PersonPage { browser, .. } => {
                browser.set_visible_rows(layout.list_capacity());
                let text = layout.reader_text;
                let article = browser.reader.article().and_then(|id| bodies.article(id));
                browser.reader.set_style(self.prefs.style, article);
                browser.reader.set_viewport(text.width, usize::from(text.height), article);
            }
            Screen::Authors(index) => index.list.set_visible_rows(layout.panel_capacity()),
            Screen::People(index) => index.list.set_visible_rows(layout.panel_capacity()),
            Screen::Sources(index) => index.list.set_visible_rows(layout.panel_capacity()),
            Screen::Diagnostics(problems) => problems.set_visible_rows(layout.panel_capacity()),
        }
        let area = self.layout.area;
        match &mut self.overlay {
            Some(Overlay::Quotes { selection, .. } | Overlay::ChooseAuthor { selection, .. }) => {
                let rows = quotes_area(area, selection.len()).height.saturating_sub(2);
                selection.set_visible_rows(usize::from(rows / QUOTE_ROW_HEIGHT));
            }
            Some(Overlay::Help(_)) | None => {}
        }
    }

    fn library_message(&mut self, message: LibraryMsg) {
        match message {
            LibraryMsg::Ready(index) => self.open_index(index),
            LibraryMsg::Changed => self.library_changed(),
            LibraryMsg::Progress(progress) => self.library.progress = Some(progress),
            LibraryMsg::Refreshed => {
                self.library.progress = None;
                self.library.refreshed = true;
                self.effects.push(Effect::Query(Query::Counts));
            }
            LibraryMsg::Notice(text) => self.status.show(text, Level::Info, Instant::now()),
            LibraryMsg::Elsewhere(elsewhere) => {
                self.library.elsewhere = elsewhere;
                if elsewhere {
                    self.status_message(
                        "Another broadsheet is updating the index; showing what it has stored",
                    );
                }
            }
        }
        self.dirty = true;
    }

    /// The index can be read: reads every list from it, the first time
    /// with the last session's view.
    fn open_index(&mut self, index: PathBuf) {
        let state = self.library.state_uri.clone();
        match Catalog::open(&index, state.as_deref()) {
            Ok(catalog) => self.library.catalog = Some(catalog),
            Err(error) => return self.report_problem(format!("Cannot read the library index: {error}")),
        }
        self.effects.push(Effect::Query(Query::Open { index, state }));
        if !self.session_applied {
            self.session_applied = true;
            self.apply_session();
        }
        self.library_changed();
    }
}
