//! Everything the app reacts to, merged into one channel: terminal input
//! (read on its own thread), signals, messages from the library worker
//! (`loader`), answers from the query worker (`queries`) and article
//! bodies read from their files.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Instant;

pub use crate::loader::LibraryMsg;
pub use crate::queries::{Answer, Query};

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
    /// The query worker's answer to a question about the index.
    Answer(Answer),
    /// How a fetch of the feeds (`F`) is going.
    Fetch(FetchMsg),
}

/// News from a fetch running in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchMsg {
    /// One more feed done, of `total`; `new` articles stored so far.
    Progress { done: usize, total: usize, new: usize },
    /// All done: the summary line and the feeds that failed, with why.
    Done { summary: String, failures: Vec<(String, String)> },
    /// The fetch could not start (no feeds.toml, a broken one...).
    Failed(String),
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
