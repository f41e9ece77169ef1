//! Everything the app reacts to, merged into one channel: terminal input
//! (read on its own thread), signals, and messages from the library loader.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use std::sync::Arc;

use crate::library::search::{Query, ScanIndex, SearchBackend};
use crate::library::{Library, LoadOptions, Progress};

#[derive(Debug)]
pub enum Event {
    Term(crossterm::event::Event),
    /// Reading the terminal failed (the pty went away): time to leave.
    InputClosed,
    Library(LibraryMsg),
    Signal(Signal),
    /// The answer to search number `generation`: matching library indexes.
    SearchResults {
        generation: u64,
        hits: Vec<usize>,
    },
}

#[derive(Debug)]
pub enum LibraryMsg {
    Progress(Progress),
    Loaded(Box<Library>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT, with its number.
    Terminate(i32),
    /// SIGTSTP from outside (Ctrl-z arrives as a key in raw mode).
    Stop,
    /// SIGCONT: we were resumed and must redraw everything.
    Continue,
}

/// The receiving end of the event channel, and the handle that makes more
/// senders for background work.
pub struct Events {
    rx: Receiver<Event>,
    tx: Sender<Event>,
}

impl Default for Events {
    fn default() -> Self {
        Self::new()
    }
}

impl Events {
    pub fn new() -> Self {
        let (tx, rx) = mpsc::channel();
        Self { rx, tx }
    }

    pub fn sender(&self) -> Sender<Event> {
        self.tx.clone()
    }

    /// Waits for the next event, until `deadline` at the latest.
    pub fn next(&self, deadline: Option<Instant>) -> Option<Event> {
        match deadline {
            None => self.rx.recv().ok(),
            Some(deadline) => self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).ok(),
        }
    }

    /// An event that is already waiting, without blocking.
    pub fn pending(&self) -> Option<Event> {
        self.rx.try_recv().ok()
    }
}

/// Reads terminal input forever on its own thread.
pub fn spawn_input(tx: Sender<Event>) {
    thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let event = match crossterm::event::read() {
                    Ok(event) => Event::Term(event),
                    Err(_) => Event::InputClosed,
                };
                let closed = matches!(event, Event::InputClosed);
                if tx.send(event).is_err() || closed {
                    break;
                }
            }
        })
        .expect("spawn the input thread");
}

/// Forwards termination and job-control signals as events.
#[cfg(unix)]
pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let handle = signals.handle();
    thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGTSTP => Signal::Stop,
                SIGCONT => Signal::Continue,
                other => Signal::Terminate(other),
            };
            if tx.send(Event::Signal(event)).is_err() {
                break;
            }
        }
    })?;
    Ok(handle)
}

/// Where the library comes from.
#[derive(Debug, Clone)]
pub enum LibrarySource {
    Sample,
    Paths(Vec<PathBuf>),
}

/// How often (at most) the loader reports progress.
const PROGRESS_PERIOD: Duration = Duration::from_millis(50);

/// Loads the library on a worker thread, reporting progress as it goes.
pub fn spawn_loader(tx: Sender<Event>, source: LibrarySource, options: LoadOptions) {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            let library = match source {
                LibrarySource::Sample => Library::sample(),
                LibrarySource::Paths(paths) => load_with_progress(&paths, options, &tx),
            };
            let _ = tx.send(Event::Library(LibraryMsg::Loaded(Box::new(library))));
        })
        .expect("spawn the loader thread");
}

fn load_with_progress(paths: &[PathBuf], options: LoadOptions, tx: &Sender<Event>) -> Library {
    let last_report = Mutex::new(None::<Instant>);
    Library::load_with_progress(paths, options, |progress| {
        let Ok(mut last) = last_report.try_lock() else { return };
        let due = last.is_none_or(|at| at.elapsed() >= PROGRESS_PERIOD) || progress.done == progress.total;
        if due {
            *last = Some(Instant::now());
            let _ = tx.send(Event::Library(LibraryMsg::Progress(progress)));
        }
    })
}

/// What the search worker is asked to do.
#[derive(Debug)]
pub enum SearchJob {
    /// Search this library from now on (its index is built on first use).
    Library(Arc<Library>),
    Query {
        generation: u64,
        query: Query,
    },
}

/// Runs searches off the input path. Only the newest query waiting is
/// answered: typing faster than searching never queues work.
pub fn spawn_searcher(tx: Sender<Event>) -> Sender<SearchJob> {
    let (jobs, inbox) = mpsc::channel::<SearchJob>();
    thread::Builder::new()
        .name("search".into())
        .spawn(move || {
            let mut library: Option<Arc<Library>> = None;
            let mut index: Option<ScanIndex> = None;
            while let Ok(job) = inbox.recv() {
                let mut latest = job;
                while let Ok(next) = inbox.try_recv() {
                    match next {
                        SearchJob::Library(new) => {
                            library = Some(new);
                            index = None;
                        }
                        query => latest = query,
                    }
                }
                match latest {
                    SearchJob::Library(new) => {
                        library = Some(new);
                        index = None;
                    }
                    SearchJob::Query { generation, query } => {
                        let Some(library) = &library else { continue };
                        let index = index.get_or_insert_with(|| ScanIndex::new(library));
                        let hits = index.search(&query);
                        if tx.send(Event::SearchResults { generation, hits }).is_err() {
                            break;
                        }
                    }
                }
            }
        })
        .expect("spawn the search thread");
    jobs
}
