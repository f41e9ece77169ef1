//! Everything the app reacts to, merged into one channel: terminal input
//! (read on its own thread), signals, messages from the library worker
//! (`loader`) and search results.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Instant;

use std::sync::Arc;

use crate::library::Library;
use crate::library::index::FtsIndex;
use crate::library::search::{Query, ScanIndex, SearchBackend};
pub use crate::loader::LibraryMsg;

#[derive(Debug)]
pub enum Event {
    Term(crossterm::event::Event),
    /// Reading the terminal failed (the pty went away): time to leave.
    InputClosed,
    Library(LibraryMsg),
    Signal(Signal),
    /// An article read from its file on the body worker, with the stamp
    /// of the file it was read from.
    Body {
        article: Box<crate::library::Article>,
        stamp: Option<crate::library::index::FileStamp>,
    },
    /// The answer to search number `generation`: matching library indexes.
    SearchResults {
        generation: u64,
        hits: Vec<usize>,
    },
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
    // Start crossterm's reader here, before the first frame is sized: it
    // watches SIGWINCH from then on, so a resize that comes before the
    // input thread first reads is not lost.
    let _ = crossterm::event::poll(std::time::Duration::ZERO);
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
            let mut backend: Option<Box<dyn SearchBackend>> = None;
            while let Ok(job) = inbox.recv() {
                let mut latest = job;
                while let Ok(next) = inbox.try_recv() {
                    match next {
                        SearchJob::Library(new) => {
                            library = Some(new);
                            backend = None;
                        }
                        query => latest = query,
                    }
                }
                match latest {
                    SearchJob::Library(new) => {
                        library = Some(new);
                        backend = None;
                    }
                    SearchJob::Query { generation, query } => {
                        let Some(library) = &library else { continue };
                        let backend = backend.get_or_insert_with(|| backend_for(library));
                        let hits = backend.search(&query);
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

/// Reads big article files off the input path: each job is an article's
/// summary, answered with the article read from its file. A job with a
/// newer one waiting is skipped (the user has moved on).
pub fn spawn_body_reader(
    tx: Sender<Event>,
    options: crate::library::load::ReadOptions,
) -> Sender<crate::library::Article> {
    let (jobs, inbox) = mpsc::channel::<crate::library::Article>();
    thread::Builder::new()
        .name("bodies".into())
        .spawn(move || {
            while let Ok(mut summary) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    summary = newer;
                }
                let stamp =
                    std::fs::metadata(&summary.path).ok().map(|m| crate::library::index::stamp_of(&m));
                let article = crate::library::load::reload_article(&summary, &options);
                if tx.send(Event::Body { article: Box::new(article), stamp }).is_err() {
                    break;
                }
            }
        })
        .expect("spawn the body reader thread");
    jobs
}

/// FTS5 over the library's index when it has one (and it opens), else a
/// scan of the bodies in memory.
fn backend_for(library: &Arc<Library>) -> Box<dyn SearchBackend> {
    if let Some(path) = &library.index
        && let Ok(index) = FtsIndex::open(path, Arc::clone(library))
    {
        return Box::new(index);
    }
    Box::new(ScanIndex::new(library))
}
