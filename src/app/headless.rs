//! The app without a terminal or worker threads, for tests and benches:
//! the library is indexed at once into a session index, and every effect
//! is carried out inline (the query worker's questions answered on a
//! connection of its own, marks written to a state kept in memory, bodies
//! read from their files), so a key's whole consequence is visible when
//! [`Headless::press`] returns.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::{App, Effect, Outside, Prefs};
use crate::event::{Event, LibraryMsg, Query};
use crate::keymap::{Key, Keymap};
use crate::library::LoadOptions;
use crate::library::files::Files;
use crate::library::index::catalog::Catalog;
use crate::library::index::{Index, ScratchIndex};
use crate::store::Store;
use crate::theme::Theme;

pub struct Headless {
    pub app: App,
    /// What the app asked to be done outside (opened, copied, run).
    pub outside: Vec<Outside>,
    /// How many fetches of the feeds the app started.
    pub fetches: usize,
    store: Store,
    index: Index,
    /// The query worker's connection.
    worker: Option<Catalog>,
    /// Answers kept back (see [`Headless::hold_answers`]).
    held: Option<Vec<crate::event::Answer>>,
    paths: Vec<PathBuf>,
    options: LoadOptions,
    _scratch: ScratchIndex,
}

impl Deref for Headless {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Headless {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

impl Headless {
    /// The embedded sample library at `width` × `height`.
    pub fn sample(width: u16, height: u16) -> Self {
        let options =
            LoadOptions { read: crate::library::load::ReadOptions::sample(), ..LoadOptions::default() };
        Self::start(Files::Sample.default_roots(), options, "sample library", width, height, |_| {})
    }

    /// The library at `paths` (read with default options).
    pub fn on(paths: &[PathBuf], width: u16, height: u16) -> Self {
        Self::start(paths.to_vec(), LoadOptions::default(), "test library", width, height, |_| {})
    }

    /// Like [`Headless::on`], with the store prepared first (marks and a
    /// session to come back to) by `prepare`.
    pub fn start(
        paths: Vec<PathBuf>,
        options: LoadOptions,
        label: &str,
        width: u16,
        height: u16,
        prepare: impl FnOnce(&Store),
    ) -> Self {
        let scratch = ScratchIndex::new();
        let (mut index, _) = Index::open(scratch.path()).expect("a session index");
        index.refresh(&paths, &options, |_, _, _| {}).expect("the library indexed");
        let store = Store::in_memory().expect("a state in memory");
        prepare(&store);
        let mut app = App::new(label, Keymap::default(), Theme::dark(), Prefs::default());
        app.library.read = options.read.clone();
        app.library.state_uri = Some(store.uri().to_owned());
        app.restore(store.session().expect("the session"));
        app.resize(Rect::new(0, 0, width, height));
        let mut headless = Self {
            app,
            outside: Vec::new(),
            fetches: 0,
            store,
            index,
            worker: None,
            held: None,
            paths,
            options,
            _scratch: scratch,
        };
        let path = headless.index.path().to_path_buf();
        headless.event(Event::Library(LibraryMsg::Ready(path)));
        headless.event(Event::Library(LibraryMsg::Refreshed));
        headless
    }

    /// The state the app's marks and session are written to.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Handles an event and everything it leads to.
    pub fn event(&mut self, event: Event) {
        self.app.handle_event(event);
        self.settle();
    }

    /// Presses a key given as in the config ("j", "ctrl-d"), the way the
    /// terminal would deliver it (so typed prompts see it too).
    pub fn press(&mut self, key: &str) {
        let key: Key = key.parse().expect("a valid key");
        self.event(Event::Term(TermEvent::Key(key.to_event())));
    }

    /// Types text as keystrokes.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.event(Event::Term(TermEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))));
        }
    }

    /// Lets time pass until whatever waits for a pause in typing is done.
    pub fn pause(&mut self) {
        if let Some(due) = self.app.deadline() {
            self.app.tick(due);
            self.settle();
        }
    }

    /// Resizes as the terminal would.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.app.resize(Rect::new(0, 0, width, height));
        self.settle();
    }

    /// Changes the library's files with `change`, then refreshes the
    /// index as the library worker would.
    pub fn change_files(&mut self, change: impl FnOnce()) {
        change();
        self.refresh();
    }

    fn refresh(&mut self) {
        self.index.refresh(&self.paths, &self.options, |_, _, _| {}).expect("the library indexed");
        self.event(Event::Library(LibraryMsg::Changed));
        self.event(Event::Library(LibraryMsg::Refreshed));
    }

    /// Answers the app's questions as they are asked but keeps the answers
    /// back until [`Headless::release_answers`], as a busy event loop would
    /// receive them late.
    pub fn hold_answers(&mut self) {
        self.held.get_or_insert_with(Vec::new);
    }

    /// Hands the app the answers held back, in order; answers at once again.
    pub fn release_answers(&mut self) {
        for answer in self.held.take().unwrap_or_default() {
            self.app.handle_event(Event::Answer(answer));
        }
        self.settle();
    }

    /// Carries out the app's effects until there are none.
    pub fn settle(&mut self) {
        loop {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                self.carry_out(effect);
            }
        }
    }

    fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::Query(Query::Open { index, state }) => {
                self.worker = Some(Catalog::open(&index, state.as_deref()).expect("the index opens"));
            }
            Effect::Query(query) => {
                let Some(worker) = &self.worker else { return };
                let answer = crate::queries::answer(worker, &query);
                let uncounted = matches!(&answer, Some(crate::event::Answer::Window { window: Ok(w), .. }) if w.total.is_none());
                let count = if uncounted { crate::queries::count(worker, &query) } else { None };
                for answer in answer.into_iter().chain(count) {
                    match &mut self.held {
                        Some(held) => held.push(answer),
                        None => self.app.handle_event(Event::Answer(answer)),
                    }
                }
            }
            Effect::Persist(change) => self.store.apply(&change).expect("the change is stored"),
            Effect::LoadBody(summary) => {
                let stamp = self.app.library.read.files.stamp(&summary.path).ok();
                let article = crate::library::load::reload_article(&summary, &self.app.library.read);
                self.app.handle_event(Event::Body { article: Box::new(article), stamp });
            }
            Effect::Reload => self.refresh(),
            Effect::Outside(outside) => self.outside.push(outside),
            Effect::Fetch => self.fetches += 1,
            Effect::Suspend | Effect::Redraw => {}
        }
    }
}
