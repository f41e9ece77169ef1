//! The application: state, the update function, and the event loop.
//!
//! Events come in from one channel; keys become [`Action`]s through the
//! keymap; `update` changes state; a frame is drawn only when something
//! changed. Rendering (in `ui`) reads the state and never changes it.
//!
//! The screens the user visits form a history stack (`screens`), each
//! keeping its own selection and scroll; overlays (help, quotes, the author
//! chooser) sit on top and take the keys while open.

mod input;
mod navigation;
mod outside;
mod overlays;
mod run;
mod search;

pub use run::{Runtime, run};

pub use outside::{CLIPBOARD_LIMIT, Commands, Outside};
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::event::{Event, LibraryMsg, SearchJob, Signal};
use crate::keymap::{Context, Key, Keymap};
use crate::layout::{AppLayout, Focus, LayoutInput, QUOTE_ROW_HEIGHT, quotes_area};
use crate::library::index::{FileStamp, stamp_of};
use crate::library::{Article, ArticleId, Library, Progress, Severity};
use crate::state::{Browser, Level, ReadMarks, Screen, SearchState, Selection, StatusLine};
use crate::store::{Change, Position, Saved};
use crate::theme::Theme;

/// Article files up to this size are read as they are selected (a few
/// milliseconds at most); bigger ones on the body worker.
const READ_NOW_LIMIT: u64 = 256 * 1024;

/// How long a problem with the state file stays in the status line.
const STORE_PROBLEM_DURATION: std::time::Duration = std::time::Duration::from_secs(15);

/// The library and what is known about loading it.
#[derive(Debug, Default)]
pub struct LibraryState {
    /// Shared with the search worker; articles never change once loaded.
    pub library: Arc<Library>,
    /// How the header names the library ("sample library", a path...).
    pub label: String,
    pub progress: Option<Progress>,
    pub loaded: bool,
    /// How many articles the index holds, while only the newest are shown.
    pub expected: Option<usize>,
    /// A newer library that arrived while the user was away from the main
    /// list: installed on the way back, so no screen changes under them.
    pub pending: Option<Box<Library>>,
    /// How an article's file is read when it is opened.
    pub read: crate::library::load::ReadOptions,
}

impl LibraryState {
    /// The article count for the header: the index's while previewing.
    pub fn article_count(&self) -> usize {
        self.expected.unwrap_or(self.library.articles.len())
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
    /// An article with several authors: whose page to open.
    ChooseAuthor {
        authors: Vec<usize>,
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
/// the search worker, the state file.
#[derive(Debug)]
pub enum Effect {
    Suspend,
    /// Clear the screen and draw everything again.
    Redraw,
    Search(SearchJob),
    Persist(Change),
    Outside(Outside),
    /// Read the library again (after editing a file).
    Reload,
    /// Read this article's (big) file on the body worker.
    LoadBody(Box<Article>),
}

pub struct App {
    pub library: LibraryState,
    /// The history: the main article list first, the current screen last.
    screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub marks: ReadMarks,
    /// How many of this library's articles are read (the marks may hold
    /// ids of articles from other libraries).
    read_here: usize,
    /// Where the user left each article they scrolled.
    positions: HashMap<ArticleId, Position>,
    /// The last session's view, applied when the library arrives.
    session: HashMap<String, String>,
    /// Whether the session's view was applied (to the first whole library).
    session_applied: bool,
    /// Bodies of the articles lately opened (for a library of summaries).
    bodies: crate::state::Bodies,
    pub search: SearchState,
    /// The library in the current sort order, before filtering.
    sorted: Vec<usize>,
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
        Self {
            library: LibraryState { label: label.into(), ..LibraryState::default() },
            screens: vec![Screen::Articles(Browser::default())],
            overlay: None,
            marks: ReadMarks::default(),
            read_here: 0,
            positions: HashMap::new(),
            session: HashMap::new(),
            session_applied: false,
            bodies: crate::state::Bodies::default(),
            search: SearchState::default(),
            sorted: Vec::new(),
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

    /// Starts from what the state file remembers.
    pub fn restore(&mut self, saved: Saved) {
        self.marks = ReadMarks::from_saved(saved.read, saved.bookmarked);
        self.positions = saved.positions;
        self.session = saved.session;
    }

    /// How many articles the main list shows (after search and filters).
    pub fn screens_root_len(&self) -> Option<usize> {
        self.screens.first().and_then(Screen::browser).map(|b| b.list.order().len())
    }

    /// Unread articles in the library.
    pub fn unread_count(&self) -> usize {
        self.library.article_count().saturating_sub(self.read_here)
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

    /// The screen on top of the history.
    pub fn screen(&self) -> &Screen {
        self.screens.last().expect("the main screen is never popped")
    }

    fn screen_mut(&mut self) -> &mut Screen {
        self.screens.last_mut().expect("the main screen is never popped")
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

    /// The article the reader shows, if any (with its body).
    pub fn current_article(&self) -> Option<&Article> {
        self.browser().and_then(|b| b.reader.article()).and_then(|i| self.article(i))
    }

    /// Library article `index`, with its body if it was loaded.
    pub fn article(&self, index: usize) -> Option<&Article> {
        self.bodies.article(&self.library.library, index)
    }

    /// Reads article `index`'s file if the library keeps only its summary
    /// and the copy here is missing or older than the file: at once for a
    /// file of ordinary size, on the body worker for a big one (the reader
    /// shows the summary until it arrives).
    fn load_body(&mut self, index: usize) {
        let library = &self.library.library;
        let Some(summary) = library.articles.get(index).filter(|a| !a.has_body) else { return };
        let stamp = std::fs::metadata(&summary.path).ok().map(|m| stamp_of(&m));
        if stamp.is_some() && self.bodies.has(summary.id, stamp) {
            return;
        }
        if stamp.is_some_and(|s| s.size > READ_NOW_LIMIT) {
            if self.bodies.start_loading(summary.id) {
                self.effects.push(Effect::LoadBody(Box::new(summary.clone())));
            }
        } else {
            self.bodies.insert(library.full_article(index, &self.library.read), stamp);
        }
    }

    /// An article read on the body worker: shown if the reader is on it.
    fn body_arrived(&mut self, article: Article, stamp: Option<FileStamp>) {
        let id = article.id;
        self.bodies.insert(article, stamp);
        let Some(index) = self.browser().and_then(|b| b.reader.article()) else { return };
        if self.library.library.articles.get(index).map(|a| a.id) != Some(id) {
            return;
        }
        let (library, bodies) = (&self.library.library, &self.bodies);
        if let (Some(browser), Some(article)) =
            (self.screens.last_mut().and_then(Screen::browser_mut), bodies.article(library, index))
        {
            browser.reader.reload(article);
        }
        self.highlight_matches();
        self.restore_position();
        self.dirty = true;
    }

    /// Makes sure the reader of the current screen has its article's body
    /// (coming back to a screen whose article left the cache).
    fn ensure_body(&mut self) {
        let Some(index) = self.browser().and_then(|b| b.reader.article()) else { return };
        let Some(id) = self.library.library.articles.get(index).filter(|a| !a.has_body).map(|a| a.id) else {
            return;
        };
        if !self.bodies.has(id, None) {
            self.load_body(index);
            let (library, bodies) = (&self.library.library, &self.bodies);
            if let (Some(browser), Some(article)) =
                (self.screens.last_mut().and_then(Screen::browser_mut), bodies.article(library, index))
            {
                browser.reader.reload(article);
            }
        }
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        match (&self.overlay, self.screen()) {
            (Some(Overlay::Help(_)), _) => Context::Help,
            (Some(Overlay::Quotes { .. }), _) => Context::Quotes,
            (Some(Overlay::ChooseAuthor { .. }), _) | (None, Screen::Authors(_)) => Context::Authors,
            (None, Screen::Diagnostics(_)) => Context::Diagnostics,
            (None, Screen::Articles(browser) | Screen::AuthorPage { browser, .. }) => match browser.focus {
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
            },
        }
    }

    /// Handles one event from the channel.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Term(event) => self.handle_terminal(event),
            Event::InputClosed => self.quit(1),
            Event::Library(message) => self.library_message(message),
            Event::Body { article, stamp } => self.body_arrived(*article, stamp),
            Event::Signal(Signal::Terminate(signal)) => self.quit(128u8.saturating_add(signal as u8)),
            Event::Signal(Signal::Stop) => self.effects.push(Effect::Suspend),
            Event::Signal(Signal::Continue) => self.effects.push(Effect::Redraw),
            Event::SearchResults { generation, hits } => self.take_search_results(generation, &hits),
        }
    }

    /// Drops an expired status message.
    pub fn tick(&mut self, now: Instant) {
        if self.status.expire(now) {
            self.dirty = true;
        }
        self.search_if_due(now);
    }

    /// The next time something timed happens.
    pub fn deadline(&self) -> Option<Instant> {
        [self.status.deadline(), self.search.due].into_iter().flatten().min()
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
        let (library, bodies) = (&self.library.library, &self.bodies);
        match self.screens.last_mut().expect("the main screen is never popped") {
            Screen::Articles(browser) | Screen::AuthorPage { browser, .. } => {
                browser.list.set_visible_rows(layout.list_capacity());
                let text = layout.reader_text;
                let article = browser.reader.article().and_then(|i| bodies.article(library, i));
                browser.reader.set_style(self.prefs.style, article);
                browser.reader.set_viewport(text.width, usize::from(text.height), article);
            }
            Screen::Authors(index) => index.selection.set_visible_rows(layout.panel_capacity()),
            Screen::Diagnostics(selection) => selection.set_visible_rows(layout.panel_capacity()),
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
            LibraryMsg::Progress(progress) => self.library.progress = Some(progress),
            LibraryMsg::Preview { articles, total } => self.show_preview(articles, total),
            LibraryMsg::Loaded(library) => self.install_library(*library),
            LibraryMsg::Refreshed => self.library.progress = None,
            LibraryMsg::Notice(text) => self.status.show(text, Level::Info, Instant::now()),
        }
        self.dirty = true;
    }

    /// The newest articles from the index, drawn while the rest loads.
    fn show_preview(&mut self, articles: Vec<Article>, total: usize) {
        if self.library.loaded {
            return;
        }
        let extras = crate::library::authors::Extras::default();
        let library = Library::from_summaries(articles, &HashMap::new(), &extras, Vec::new(), 0, None);
        self.install(library, true);
        self.library.expected = Some(total);
    }

    /// Takes a library: the first whole one comes with the last session's
    /// view; a newer one (after a refresh) keeps the user's view: the same
    /// article selected and open, the same search. Away from the main
    /// list, it waits until the user is back there.
    pub fn install_library(&mut self, library: Library) {
        self.install(library, false);
    }

    fn install(&mut self, library: Library, preview: bool) {
        let replacing = self.session_applied;
        if replacing && self.depth() > 1 {
            self.library.pending = Some(Box::new(library));
            return;
        }
        let problems_before = self.library.library.diagnostics.len();
        let errors = library.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let problems = library.diagnostics.len();
        // The view to keep: the selected article, the one open, and the focus.
        if replacing {
            self.remember_position();
        }
        let selected = self
            .browser()
            .and_then(|b| b.list.selected_article())
            .map(|i| self.library.library.articles[i].id);
        let focus = self.focus();
        let library = Arc::new(library);
        self.effects.push(Effect::Search(SearchJob::Library(Arc::clone(&library))));
        self.read_here = library.articles.iter().filter(|a| self.marks.is_read(a.id)).count();
        self.library.library = library;
        self.library.loaded = true;
        self.library.expected = None;
        self.library.pending = None;
        if self.overlay.as_ref().is_some_and(|o| !matches!(o, Overlay::Help(_))) {
            self.overlay = None;
        }
        self.sorted = self.search.sort.sorted(&self.library.library, &self.marks);
        self.screens = vec![Screen::Articles(Browser::new(self.sorted.clone()))];
        self.relayout();
        if !replacing && !preview {
            self.session_applied = true;
            self.apply_session();
        } else {
            self.search_input_changed(self.search.input.clone());
            let position = selected.and_then(|id| {
                let articles = &self.library.library.articles;
                self.browser().and_then(|b| b.list.order().iter().position(|&i| articles[i].id == id))
            });
            if let Some(position) = position {
                self.select_and_follow(position);
            }
            if focus == Focus::Reader {
                self.open();
            }
        }
        self.follow_selection();
        if problems > 0 && problems != problems_before {
            let key =
                self.keymap.keys_for(Context::Global, Action::ShowDiagnostics).first().map(Key::to_string);
            let hint = key.map(|k| format!(" (press {k} to see them)")).unwrap_or_default();
            let level = if errors > 0 { Level::Error } else { Level::Info };
            let noun = if problems == 1 { "problem" } else { "problems" };
            self.status.show(format!("{problems} {noun} while loading{hint}"), level, Instant::now());
        }
        self.dirty = true;
    }

    /// Back on the main list: take the library that arrived meanwhile.
    fn install_pending(&mut self) {
        if self.depth() == 1
            && let Some(library) = self.library.pending.take()
        {
            self.install_library(*library);
        }
    }
}
