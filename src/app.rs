//! The application: state, the update function, and the event loop.
//!
//! Events come in from one channel; keys become [`Action`]s through the
//! keymap; `update` changes state; a frame is drawn only when something
//! changed. Rendering (in `ui`) reads the state and never changes it.

use std::process::ExitCode;
use std::time::Instant;

use crossterm::event::{Event as TermEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::event::{Event, Events, LibraryMsg, Signal};
use crate::keymap::{Context, Key, Keymap};
use crate::layout::{AppLayout, Focus, LayoutInput, QUOTE_ROW_HEIGHT, View, help_area, quotes_area};
use crate::library::{Article, Library, Progress, Severity};
use crate::state::{ArticleList, Level, Motion, ReadMarks, Reader, Selection, StatusLine};
use crate::theme::Theme;

/// Lines the mouse wheel scrolls in the reader.
const WHEEL_LINES: usize = 3;

/// The library and what is known about loading it.
#[derive(Debug, Default)]
pub struct LibraryState {
    pub library: Library,
    /// How the header names the library ("sample library", a path...).
    pub label: String,
    pub progress: Option<Progress>,
    pub loaded: bool,
}

/// Settings the user can change while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefs {
    pub full_width: bool,
    pub list_percent: u16,
    pub max_text_width: u16,
}

/// The help overlay's scroll position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HelpState {
    pub scroll: usize,
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
}

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Running,
    Quit(u8),
}

/// Work that needs the terminal, done by the loop after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Suspend,
    /// Clear the screen and draw everything again.
    Redraw,
}

pub struct App {
    pub library: LibraryState,
    pub view: View,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub list: ArticleList,
    pub reader: Reader,
    pub diagnostics: Selection,
    pub marks: ReadMarks,
    pub status: StatusLine,
    pub prefs: Prefs,
    pub layout: AppLayout,
    pub keymap: Keymap,
    pub theme: Theme,
    mode: Mode,
    effects: Vec<Effect>,
    /// Something changed since the last frame.
    dirty: bool,
}

impl App {
    pub fn new(label: impl Into<String>, keymap: Keymap, theme: Theme, prefs: Prefs) -> Self {
        Self {
            library: LibraryState { label: label.into(), ..LibraryState::default() },
            view: View::Articles,
            focus: Focus::List,
            overlay: None,
            list: ArticleList::default(),
            reader: Reader::default(),
            diagnostics: Selection::default(),
            marks: ReadMarks::default(),
            status: StatusLine::default(),
            prefs,
            layout: AppLayout::default(),
            keymap,
            theme,
            mode: Mode::Running,
            effects: Vec::new(),
            dirty: true,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The article the reader shows, if any.
    pub fn current_article(&self) -> Option<&Article> {
        self.reader.article().and_then(|i| self.library.library.articles.get(i))
    }

    /// Where keys are looked up now.
    pub fn context(&self) -> Context {
        if let Some(overlay) = &self.overlay {
            match overlay {
                Overlay::Help(_) => Context::Help,
                Overlay::Quotes { .. } => Context::Quotes,
            }
        } else if self.view == View::Diagnostics {
            Context::Diagnostics
        } else {
            match self.focus {
                Focus::List => Context::List,
                Focus::Reader => Context::Reader,
            }
        }
    }

    // ----- events -----

    /// Handles one event from the channel.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Term(event) => self.handle_terminal(event),
            Event::InputClosed => self.quit(1),
            Event::Library(LibraryMsg::Progress(progress)) => self.set_progress(progress),
            Event::Library(LibraryMsg::Loaded(library)) => self.install_library(*library),
            Event::Signal(Signal::Terminate(signal)) => self.quit(128u8.saturating_add(signal as u8)),
            Event::Signal(Signal::Stop) => self.effects.push(Effect::Suspend),
            Event::Signal(Signal::Continue) => self.effects.push(Effect::Redraw),
        }
    }

    fn handle_terminal(&mut self, event: TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = Key::from_event(key).and_then(|k| self.keymap.action(self.context(), k))
                {
                    self.update(action);
                }
            }
            TermEvent::Mouse(mouse) => self.handle_mouse(mouse),
            TermEvent::Resize(width, height) => self.resize(Rect::new(0, 0, width, height)),
            // Nothing takes text input yet; pasted text is ignored.
            TermEvent::Paste(_) | TermEvent::Key(_) | TermEvent::FocusGained | TermEvent::FocusLost => {}
        }
    }

    /// Drops an expired status message.
    pub fn tick(&mut self, now: Instant) {
        if self.status.expire(now) {
            self.dirty = true;
        }
    }

    /// The next time something timed happens.
    pub fn deadline(&self) -> Option<Instant> {
        self.status.deadline()
    }

    // ----- update -----

    /// Applies one action. Each arm is one step; the details live in small
    /// methods and in the state types.
    pub fn update(&mut self, action: Action) {
        self.dirty = true;
        match &self.overlay {
            Some(Overlay::Help(_)) => return self.update_help(action),
            Some(Overlay::Quotes { .. }) => return self.update_quotes_panel(action),
            None => {}
        }
        match action {
            Action::Quit => self.quit(0),
            Action::BackOrQuit => self.back_or_quit(),
            Action::Back => self.back(),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help(HelpState::default())),
            Action::NextQuote => self.step_quote(true),
            Action::PreviousQuote => self.step_quote(false),
            Action::ShowQuotes => self.open_quotes_panel(),
            Action::ShowDiagnostics => self.show_diagnostics(),
            Action::SwitchFocus => self.switch_focus(),
            Action::ToggleFullWidth => self.toggle_full_width(),
            Action::Open => self.open_selected(),
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Redraw => self.effects.push(Effect::Redraw),
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

    fn update_help(&mut self, action: Action) {
        let lines = self.keymap.help_line_count();
        let visible = usize::from(help_area(self.layout.area, lines).height.saturating_sub(2));
        let max = lines.saturating_sub(visible);
        match action {
            Action::Quit => self.quit(0),
            Action::ToggleHelp | Action::Back | Action::BackOrQuit => self.overlay = None,
            Action::Suspend => self.effects.push(Effect::Suspend),
            _ => {
                if let (Some(Overlay::Help(help)), Some(motion)) =
                    (&mut self.overlay, motion(action, visible))
                {
                    help.scroll = apply_scroll(help.scroll, motion, max);
                }
            }
        }
    }

    fn update_quotes_panel(&mut self, action: Action) {
        let Some(Overlay::Quotes { quotes, selection }) = &mut self.overlay else { return };
        match action {
            Action::Quit => self.quit(0),
            Action::ShowQuotes | Action::Back | Action::BackOrQuit => self.overlay = None,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Open => {
                let chosen = quotes.get(selection.selected()).copied();
                self.overlay = None;
                if let (Some(index), Some(article)) =
                    (chosen, self.reader.article().and_then(|i| self.library.library.articles.get(i)))
                {
                    self.reader.focus_quote(Some(index), article);
                    self.focus = Focus::Reader;
                    self.relayout();
                }
            }
            _ => {
                if let Some(motion) = motion(action, selection.visible_rows()) {
                    selection.apply(motion);
                }
            }
        }
    }

    /// `]` and `[`: the next or previous quotation of the open article.
    fn step_quote(&mut self, forward: bool) {
        let Some(article) = self.reader.article().and_then(|i| self.library.library.articles.get(i)) else {
            return;
        };
        let moved =
            if forward { self.reader.next_quote(article) } else { self.reader.previous_quote(article) };
        if moved {
            self.focus = Focus::Reader;
            self.relayout();
        } else {
            let text = match (article.quotes.is_empty(), forward) {
                (true, _) => "This article quotes nobody",
                (false, true) => "No more quotes below",
                (false, false) => "No more quotes above",
            };
            self.status.show(text, Level::Info, Instant::now());
        }
    }

    /// `"`: the list of the open article's quotations.
    fn open_quotes_panel(&mut self) {
        let Some(article) = self.reader.article().and_then(|i| self.library.library.articles.get(i)) else {
            return;
        };
        let quotes: Vec<usize> =
            (0..article.quotes.len()).filter(|&i| article.quotes[i].depth == 0).collect();
        if quotes.is_empty() {
            self.status.show("This article quotes nobody", Level::Info, Instant::now());
            return;
        }
        let mut selection = Selection::new(quotes.len());
        if let Some(focused) = self.reader.focused_quote().and_then(|f| quotes.iter().position(|&q| q == f)) {
            selection.select(focused);
        }
        self.overlay = Some(Overlay::Quotes { quotes, selection });
        self.relayout();
    }

    fn quit(&mut self, code: u8) {
        self.mode = Mode::Quit(code);
    }

    fn back_or_quit(&mut self) {
        let at_top = self.view == View::Articles && self.focus == Focus::List && !self.prefs.full_width;
        if at_top {
            self.quit(0);
        } else {
            self.back();
        }
    }

    fn back(&mut self) {
        if self.view != View::Articles {
            self.view = View::Articles;
        } else if self.prefs.full_width {
            self.prefs.full_width = false;
            self.focus = Focus::List;
        } else {
            self.focus = Focus::List;
        }
        self.relayout();
    }

    fn show_diagnostics(&mut self) {
        self.view = View::Diagnostics;
        self.relayout();
    }

    fn switch_focus(&mut self) {
        if self.view != View::Articles {
            return;
        }
        self.focus = match self.focus {
            Focus::List => Focus::Reader,
            Focus::Reader => Focus::List,
        };
        if self.focus == Focus::List {
            self.prefs.full_width = false;
        }
        self.relayout();
    }

    fn toggle_full_width(&mut self) {
        self.prefs.full_width = !self.prefs.full_width;
        if self.prefs.full_width {
            self.focus = Focus::Reader;
        }
        self.relayout();
    }

    fn open_selected(&mut self) {
        if self.view != View::Articles {
            self.view = View::Articles;
        }
        let Some(index) = self.list.selected_article() else { return };
        self.show_article(index);
        self.focus = Focus::Reader;
        let id = self.library.library.articles[index].id;
        self.marks.mark_read(id);
        self.relayout();
    }

    fn toggle_read(&mut self) {
        let Some(article) = self.focused_article() else { return };
        let (id, title) = (article.id, article.title.clone());
        let now_read = self.marks.toggle_read(id);
        let text = if now_read { format!("Marked read: {title}") } else { format!("Marked unread: {title}") };
        self.status.show(text, Level::Info, Instant::now());
    }

    fn toggle_bookmark(&mut self) {
        let Some(article) = self.focused_article() else { return };
        let (id, title) = (article.id, article.title.clone());
        let now_marked = self.marks.toggle_bookmark(id);
        let text =
            if now_marked { format!("Bookmarked: {title}") } else { format!("Bookmark removed: {title}") };
        self.status.show(text, Level::Info, Instant::now());
    }

    /// The article the user is looking at: the reader's, else the list's.
    fn focused_article(&self) -> Option<&Article> {
        let index = match self.focus {
            Focus::Reader => self.reader.article(),
            Focus::List => self.list.selected_article(),
        }?;
        self.library.library.articles.get(index)
    }

    fn move_focused(&mut self, action: Action) {
        match (self.view, self.focus) {
            (View::Diagnostics, _) => {
                let page = self.diagnostics.visible_rows();
                if let Some(motion) = motion(action, page) {
                    self.diagnostics.apply(motion);
                }
            }
            (View::Articles, Focus::List) => {
                if let Some(motion) = motion(action, self.list.selection().visible_rows()) {
                    self.list.apply(motion);
                    self.follow_selection();
                }
            }
            (View::Articles, Focus::Reader) => {
                if let Some(motion) = motion(action, self.reader.height()) {
                    self.reader.apply(motion);
                }
            }
        }
    }

    /// Shows the selected article in the reader (the reader previews the
    /// list's selection).
    fn follow_selection(&mut self) {
        match self.list.selected_article() {
            Some(index) => self.show_article(index),
            None => self.reader.clear(),
        }
    }

    fn show_article(&mut self, index: usize) {
        if let Some(article) = self.library.library.articles.get(index) {
            self.reader.show(index, article);
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        let at = Position::new(mouse.column, mouse.row);
        let in_list = self.layout.list.is_some_and(|r| r.contains(at));
        let in_reader = self.layout.reader.is_some_and(|r| r.contains(at));
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                if in_reader {
                    self.reader.apply(if down { Motion::Down(WHEEL_LINES) } else { Motion::Up(WHEEL_LINES) });
                } else if in_list {
                    self.list.apply(if down { Motion::Down(1) } else { Motion::Up(1) });
                    self.follow_selection();
                } else if self.view == View::Diagnostics {
                    self.diagnostics.apply(if down { Motion::Down(1) } else { Motion::Up(1) });
                } else {
                    return;
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(position) =
                    self.layout.list_position_at(mouse.column, mouse.row, self.list.selection().offset())
                {
                    if position >= self.list.order().len() {
                        return;
                    }
                    if position == self.list.selection().selected() && self.focus == Focus::List {
                        self.open_selected();
                    } else {
                        self.list.select(position);
                        self.focus = Focus::List;
                        self.follow_selection();
                    }
                } else if in_reader {
                    self.focus = Focus::Reader;
                } else {
                    return;
                }
            }
            _ => return,
        }
        self.dirty = true;
    }

    // ----- geometry -----

    /// Recomputes the layout for a new terminal size.
    pub fn resize(&mut self, area: Rect) {
        self.layout.area = area;
        self.relayout();
    }

    fn layout_input(&self) -> LayoutInput {
        LayoutInput {
            view: self.view,
            focus: self.focus,
            full_width: self.prefs.full_width,
            list_percent: self.prefs.list_percent,
            max_text_width: self.prefs.max_text_width,
        }
    }

    /// Lays the screen out again and gives each part its new size.
    fn relayout(&mut self) {
        self.layout = AppLayout::compute(self.layout.area, self.layout_input());
        self.dirty = true;
        self.list.set_visible_rows(self.layout.list_capacity());
        if let Some(Overlay::Quotes { selection, .. }) = &mut self.overlay {
            let rows = quotes_area(self.layout.area, selection.len()).height.saturating_sub(2);
            selection.set_visible_rows(usize::from(rows / QUOTE_ROW_HEIGHT));
        }
        self.diagnostics.set_visible_rows(self.layout.diagnostics_capacity());
        let text = self.layout.reader_text;
        let article = self.reader.article().and_then(|i| self.library.library.articles.get(i));
        self.reader.set_viewport(text.width, usize::from(text.height), article);
    }

    // ----- library -----

    fn set_progress(&mut self, progress: Progress) {
        self.library.progress = Some(progress);
        self.dirty = true;
    }

    /// Takes a freshly loaded library: sorts it, selects the newest article
    /// and reports problems.
    pub fn install_library(&mut self, library: Library) {
        let order = newest_first(&library);
        let errors = library.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let problems = library.diagnostics.len();
        self.library.library = library;
        self.library.loaded = true;
        self.library.progress = None;
        self.diagnostics = Selection::new(problems);
        self.reader.clear();
        self.list = ArticleList::new(order);
        self.relayout();
        self.follow_selection();
        if problems > 0 {
            let key =
                self.keymap.keys_for(Context::Global, Action::ShowDiagnostics).first().map(Key::to_string);
            let hint = key.map(|k| format!(" (press {k} to see them)")).unwrap_or_default();
            let level = if errors > 0 { Level::Error } else { Level::Info };
            let noun = if problems == 1 { "problem" } else { "problems" };
            self.status.show(format!("{problems} {noun} while loading{hint}"), level, Instant::now());
        }
        self.dirty = true;
    }
}

/// Library indexes ordered newest first; undated articles after dated ones,
/// by title.
pub fn newest_first(library: &Library) -> Vec<usize> {
    let mut order: Vec<usize> = (0..library.articles.len()).collect();
    let key = |i: &usize| {
        let a = &library.articles[*i];
        let date = a.date.map(|d| (d.day(), d.to_string()));
        (std::cmp::Reverse(date), a.title.to_lowercase())
    };
    order.sort_by_cached_key(key);
    order
}

/// The motion an action asks for, given the page size of its target.
fn motion(action: Action, page: usize) -> Option<Motion> {
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

fn apply_scroll(scroll: usize, motion: Motion, max: usize) -> usize {
    match motion {
        Motion::Down(n) => scroll.saturating_add(n).min(max),
        Motion::Up(n) => scroll.saturating_sub(n),
        Motion::First => 0,
        Motion::Last => max,
    }
}

/// Runs the TUI until the user quits or a signal ends it; returns the exit
/// status (0, or 128+n after signal n).
/// `panic_after_first_frame` exists for the tests that prove a panic
/// leaves the terminal usable.
pub fn run(
    tui: &mut crate::terminal::Tui,
    mut app: App,
    events: &Events,
    panic_after_first_frame: bool,
) -> std::io::Result<ExitCode> {
    let size = tui.terminal.size()?;
    app.resize(Rect::new(0, 0, size.width, size.height));
    loop {
        if app.dirty {
            tui.terminal.draw(|frame| crate::ui::render(&app, frame))?;
            app.dirty = false;
            assert!(!panic_after_first_frame, "panic requested for testing");
        }
        let Some(event) = events.next(app.deadline()) else {
            app.tick(Instant::now());
            continue;
        };
        app.handle_event(event);
        // Drain whatever else is waiting, then draw once.
        while app.mode == Mode::Running
            && let Some(event) = events.pending()
        {
            app.handle_event(event);
        }
        app.tick(Instant::now());
        for effect in app.take_effects() {
            match effect {
                #[cfg(unix)]
                Effect::Suspend => tui.suspend()?,
                #[cfg(not(unix))]
                Effect::Suspend => {}
                Effect::Redraw => tui.resume()?,
            }
            app.dirty = true;
        }
        if let Mode::Quit(code) = app.mode {
            return Ok(ExitCode::from(code));
        }
    }
}

#[cfg(test)]
impl App {
    /// An app on the sample library at a given size, for tests.
    pub fn for_tests(width: u16, height: u16) -> Self {
        let prefs = Prefs { full_width: false, list_percent: 38, max_text_width: 78 };
        let mut app = Self::new("sample library", Keymap::default(), Theme::dark(), prefs);
        app.resize(Rect::new(0, 0, width, height));
        app.install_library(Library::sample());
        app
    }

    /// Presses a key given as in the config ("j", "ctrl-d").
    pub fn press(&mut self, key: &str) {
        let key: Key = key.parse().expect("a valid key");
        if let Some(action) = self.keymap.action(self.context(), key) {
            self.update(action);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_on_the_newest_article_with_the_list_focused() {
        let app = App::for_tests(120, 40);
        assert_eq!(app.focus, Focus::List);
        let first = app.current_article().unwrap();
        let newest = app.library.library.articles.iter().filter_map(|a| a.date).map(|d| d.day()).max();
        assert_eq!(first.date.map(|d| d.day()), newest);
    }

    #[test]
    fn j_then_enter_opens_the_second_article() {
        let mut app = App::for_tests(120, 40);
        let second = app.list.order()[1];
        app.press("j");
        app.press("enter");
        assert_eq!(app.focus, Focus::Reader);
        assert_eq!(app.reader.article(), Some(second));
        assert!(app.marks.is_read(app.library.library.articles[second].id));
    }

    #[test]
    fn keys_in_the_reader_scroll_and_back_returns_to_the_list() {
        let mut app = App::for_tests(100, 20);
        app.press("enter");
        app.press("j");
        assert_eq!(app.reader.scroll(), 1);
        app.press("G");
        assert_eq!(app.reader.scroll(), app.reader.max_scroll());
        app.press("g");
        assert_eq!(app.reader.scroll(), 0);
        app.press("space");
        assert_eq!(app.reader.scroll(), app.reader.height().min(app.reader.max_scroll()));
        app.press("esc");
        assert_eq!(app.focus, Focus::List);
        app.press("q");
        assert_eq!(app.mode(), Mode::Quit(0));
    }

    #[test]
    fn q_in_the_reader_goes_back_first() {
        let mut app = App::for_tests(100, 30);
        app.press("l");
        app.press("q");
        assert_eq!((app.focus, app.mode()), (Focus::List, Mode::Running));
    }

    #[test]
    fn list_paging_and_ends() {
        let mut app = App::for_tests(100, 12);
        let len = app.list.order().len();
        app.press("G");
        assert_eq!(app.list.selection().selected(), len - 1);
        app.press("ctrl-u");
        assert!(app.list.selection().selected() < len - 1);
        app.press("home");
        assert_eq!(app.list.selection().selected(), 0);
        app.press("pagedown");
        assert_eq!(app.list.selection().selected(), app.list.selection().visible_rows());
        // The reader follows the selection.
        assert_eq!(app.reader.article(), app.list.selected_article());
    }

    #[test]
    fn tab_switches_focus_and_narrow_screens_show_one_pane() {
        let mut app = App::for_tests(60, 20);
        assert!(app.layout.list.is_some() && app.layout.reader.is_none());
        app.press("tab");
        assert_eq!(app.focus, Focus::Reader);
        assert!(app.layout.list.is_none() && app.layout.reader.is_some());
        app.press("tab");
        assert_eq!(app.focus, Focus::List);
    }

    #[test]
    fn zen_mode_and_back() {
        let mut app = App::for_tests(160, 40);
        app.press("z");
        assert!(app.prefs.full_width && app.layout.list.is_none());
        assert_eq!(app.layout.reader_text.width, 78);
        app.press("esc");
        assert!(!app.prefs.full_width && app.layout.list.is_some());
    }

    #[test]
    fn help_opens_scrolls_and_closes() {
        let mut app = App::for_tests(80, 12);
        let scroll = |app: &App| match &app.overlay {
            Some(Overlay::Help(help)) => help.scroll,
            other => panic!("help not open: {other:?}"),
        };
        app.press("?");
        assert_eq!(app.context(), Context::Help);
        app.press("j");
        assert_eq!(scroll(&app), 1);
        app.press("G");
        let bottom = scroll(&app);
        app.press("j");
        assert_eq!(scroll(&app), bottom);
        app.press("q");
        assert!(app.overlay.is_none());
        assert_eq!(app.mode(), Mode::Running);
    }

    #[test]
    fn brackets_walk_the_quotes_and_the_panel_jumps() {
        let mut app = App::for_tests(100, 20);
        let article = app.current_article().unwrap().clone();
        let top_level: Vec<usize> =
            (0..article.quotes.len()).filter(|&i| article.quotes[i].depth == 0).collect();
        assert!(top_level.len() >= 3);
        app.press("]");
        app.press("]");
        assert_eq!(app.focus, Focus::Reader);
        assert_eq!(app.reader.focused_quote(), Some(top_level[1]));
        app.press("[");
        assert_eq!(app.reader.focused_quote(), Some(top_level[0]));
        app.press("\"");
        assert_eq!(app.context(), Context::Quotes);
        app.press("G");
        app.press("enter");
        assert!(app.overlay.is_none());
        assert_eq!(app.reader.focused_quote(), Some(*top_level.last().unwrap()));
        let (first, _) = app.reader.wrapped().unwrap().quote_lines[*top_level.last().unwrap()];
        assert!(app.reader.scroll() <= first && first < app.reader.scroll() + app.reader.height());
    }

    #[test]
    fn no_quotes_gives_a_message() {
        let mut app = App::for_tests(100, 20);
        let position =
            app.list.order().iter().position(|&i| app.library.library.articles[i].quotes.is_empty());
        let Some(position) = position else { return };
        app.list.select(position);
        app.follow_selection();
        app.press("]");
        assert_eq!(app.status.message().unwrap().text, "This article quotes nobody");
        app.press("\"");
        assert!(app.overlay.is_none());
    }

    #[test]
    fn diagnostics_view_opens_and_closes() {
        let mut app = App::for_tests(100, 30);
        app.press("!");
        assert_eq!(app.view, View::Diagnostics);
        assert_eq!(app.diagnostics.len(), app.library.library.diagnostics.len());
        app.press("esc");
        assert_eq!(app.view, View::Articles);
    }

    #[test]
    fn marks_toggle_with_a_message() {
        let mut app = App::for_tests(100, 30);
        let id = app.current_article().unwrap().id;
        app.press("s");
        assert!(app.marks.is_bookmarked(id));
        assert!(app.status.message().unwrap().text.starts_with("Bookmarked"));
        app.press("m");
        assert!(app.marks.is_read(id));
        app.press("m");
        assert!(!app.marks.is_read(id));
    }

    #[test]
    fn signals_quit_with_128_plus_n() {
        let mut app = App::for_tests(100, 30);
        app.handle_event(Event::Signal(Signal::Terminate(15)));
        assert_eq!(app.mode(), Mode::Quit(143));
    }

    #[test]
    fn mouse_wheel_and_clicks() {
        let mut app = App::for_tests(120, 40);
        let rows = app.layout.list_rows;
        let click = |column, row| {
            Event::Term(TermEvent::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column,
                row,
                modifiers: crossterm::event::KeyModifiers::NONE,
            }))
        };
        app.handle_event(click(rows.x + 2, rows.y + 4));
        assert_eq!(app.list.selection().selected(), 2);
        app.handle_event(click(rows.x + 2, rows.y + 5));
        assert_eq!(app.focus, Focus::Reader);
        let reader = app.layout.reader.unwrap();
        app.handle_event(Event::Term(TermEvent::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: reader.x + 5,
            row: reader.y + 5,
            modifiers: crossterm::event::KeyModifiers::NONE,
        })));
        assert_eq!(app.reader.scroll(), WHEEL_LINES.min(app.reader.max_scroll()));
    }

    #[test]
    fn resizing_never_leaves_state_out_of_bounds() {
        let mut app = App::for_tests(120, 40);
        app.press("G");
        for (w, h) in [(0, 0), (1, 1), (10, 3), (30, 10), (79, 24), (80, 24), (200, 60), (20, 5)] {
            app.resize(Rect::new(0, 0, w, h));
            let s = app.list.selection();
            assert!(s.selected() < s.len());
            assert!(app.reader.scroll() <= app.reader.max_scroll());
        }
    }
}
