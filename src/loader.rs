//! The library worker: loads the library off the input path and keeps it
//! up to date. With an index it shows the newest page at once, then every
//! summary, then refreshes the index from the files (stat only, parsing
//! just what changed) and sends the library again as changes are stored
//! (every few seconds while they last, and when they end). Without an
//! index it reads every file.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::event::Event;
use crate::library::index::{Index, Opened};
use crate::library::{Article, Library, LoadOptions, Progress};

/// What the worker tells the app.
#[derive(Debug)]
pub enum LibraryMsg {
    Progress(Progress),
    /// The newest articles, to draw while the whole library loads, and how
    /// many articles the index holds.
    Preview {
        articles: Vec<Article>,
        total: usize,
    },
    /// The whole library, new or changed.
    Loaded(Box<Library>),
    /// A refresh finished (with or without changes).
    Refreshed,
    /// Something the user should know, such as a rebuilt index.
    Notice(String),
}

/// Where the library comes from.
#[derive(Debug, Clone)]
pub enum LibrarySource {
    Sample,
    Paths {
        paths: Vec<PathBuf>,
        /// The index file; `None` reads every file at start instead.
        index: Option<PathBuf>,
    },
}

/// How many articles the first frame needs at most.
const PREVIEW_ARTICLES: usize = 200;
/// How often (at most) progress is reported.
const PROGRESS_PERIOD: Duration = Duration::from_millis(50);
/// The least time between two libraries sent during a refresh (each is
/// read back on a thread of its own, one at a time, beside the writer).
const RESEND_PERIOD: Duration = Duration::from_secs(2);

/// Asks the worker to look at the files again.
#[derive(Debug, Clone)]
pub struct LoaderHandle {
    jobs: Sender<()>,
}

impl LoaderHandle {
    /// Refreshes the library from the files (again, if one is under way:
    /// requests made meanwhile run once, after it).
    pub fn refresh(&self) {
        let _ = self.jobs.send(());
    }
}

/// Starts the worker. It loads at once, then refreshes on request and,
/// for an indexed library, every `every` (if given).
pub fn spawn(
    tx: Sender<Event>,
    source: LibrarySource,
    options: LoadOptions,
    every: Option<Duration>,
) -> LoaderHandle {
    let (jobs, inbox) = mpsc::channel();
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            let send = |msg: LibraryMsg| tx.send(Event::Library(msg)).is_ok();
            match source {
                LibrarySource::Sample => {
                    send(LibraryMsg::Loaded(Box::new(Library::sample())));
                    while inbox.recv().is_ok() {
                        send(LibraryMsg::Loaded(Box::new(Library::sample())));
                    }
                }
                LibrarySource::Paths { paths, index: None } => loop {
                    send_files(&paths, &options, &tx);
                    if inbox.recv().is_err() {
                        break;
                    }
                },
                LibrarySource::Paths { paths, index: Some(index) } => {
                    indexed(&paths, &index, &options, every, &inbox, &tx);
                }
            }
        })
        .expect("spawn the loader thread");
    LoaderHandle { jobs }
}

/// Reads every file and sends the library, then says the load is over
/// (which ends the progress shown).
fn send_files(paths: &[PathBuf], options: &LoadOptions, tx: &Sender<Event>) {
    let library = load_files(paths, options, tx);
    let _ = tx.send(Event::Library(LibraryMsg::Loaded(Box::new(library))));
    let _ = tx.send(Event::Library(LibraryMsg::Refreshed));
}

/// Reads every file, reporting progress as it goes.
fn load_files(paths: &[PathBuf], options: &LoadOptions, tx: &Sender<Event>) -> Library {
    let last_report = Mutex::new(None::<Instant>);
    Library::load_with_progress(paths, options.clone(), |progress| {
        let Ok(mut last) = last_report.try_lock() else { return };
        let due = last.is_none_or(|at| at.elapsed() >= PROGRESS_PERIOD) || progress.done == progress.total;
        if due {
            *last = Some(Instant::now());
            let _ = tx.send(Event::Library(LibraryMsg::Progress(progress)));
        }
    })
}

fn indexed(
    paths: &[PathBuf],
    path: &Path,
    options: &LoadOptions,
    every: Option<Duration>,
    inbox: &Receiver<()>,
    tx: &Sender<Event>,
) {
    let send = |msg: LibraryMsg| tx.send(Event::Library(msg)).is_ok();
    let mut index = match Index::open(path) {
        Ok((index, opened)) => {
            if opened == Opened::Rebuilt {
                send(LibraryMsg::Notice("The library index could not be used; building it again".into()));
            }
            index
        }
        Err(error) => {
            send(LibraryMsg::Notice(format!("Reading every file instead of the index: {error}")));
            send_files(paths, options, tx);
            while inbox.recv().is_ok() {
                send_files(paths, options, tx);
            }
            return;
        }
    };
    let total = index.article_count().unwrap_or(0);
    // An empty index (new, or rebuilt) sends its first chunk at once.
    let mut empty = total == 0;
    if total > 0 {
        if let Ok(articles) = index.newest(PREVIEW_ARTICLES) {
            send(LibraryMsg::Preview { articles, total });
        }
        match index.load() {
            Ok(library) => {
                send(LibraryMsg::Loaded(Box::new(library)));
            }
            Err(error) => match index.rebuild() {
                Ok(rebuilt) => {
                    send(LibraryMsg::Notice(format!("Building the library index again: {error}")));
                    index = rebuilt;
                    empty = true;
                }
                Err(error) => {
                    send(LibraryMsg::Notice(format!("Reading every file instead of the index: {error}")));
                    send_files(paths, options, tx);
                    return;
                }
            },
        }
    }
    loop {
        if let Err(error) = refresh(&mut index, paths, options, empty, tx) {
            send(LibraryMsg::Notice(format!("Could not update the library index: {error}")));
        }
        send(LibraryMsg::Refreshed);
        empty = false;
        let request = match every {
            Some(period) => inbox.recv_timeout(period),
            None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        if request == Err(RecvTimeoutError::Disconnected) {
            break;
        }
        // Requests made during the refresh are answered by the next one.
        while inbox.try_recv().is_ok() {}
    }
}

/// One refresh: forget what went, store what changed chunk by chunk, and
/// send the library again when it changed: at once after the first chunk
/// of an empty index, so the list starts filling, then every few seconds,
/// read back beside the writer so storing does not wait for it.
fn refresh(
    index: &mut Index,
    paths: &[PathBuf],
    options: &LoadOptions,
    empty: bool,
    tx: &Sender<Event>,
) -> Result<(), crate::library::index::IndexError> {
    let send = |msg: LibraryMsg| tx.send(Event::Library(msg)).is_ok();
    let mut reading: Option<thread::JoinHandle<()>> = None;
    let plan = index.plan_refresh(paths, options)?;
    let mut changed = index.forget(&plan.removed, &plan.discovery)? > 0;
    let total = plan.to_parse;
    let mut done = 0;
    let mut last_progress = Instant::now();
    let mut last_sent: Option<Instant> = None;
    if total > 0 {
        send(LibraryMsg::Progress(Progress { done, total }));
    }
    while let Some(chunk) = plan.next_chunk() {
        done += crate::library::index::files_done(&chunk);
        changed |= index.store(chunk)? > 0;
        if last_progress.elapsed() >= PROGRESS_PERIOD || done == total {
            last_progress = Instant::now();
            send(LibraryMsg::Progress(Progress { done, total }));
        }
        let due = match last_sent {
            None => empty,
            Some(at) => at.elapsed() >= RESEND_PERIOD,
        };
        if changed && due && done < total && reading.as_ref().is_none_or(thread::JoinHandle::is_finished) {
            let (tx, path) = (tx.clone(), index.path().to_path_buf());
            reading = Some(thread::spawn(move || {
                if let Ok(library) = crate::library::index::load_snapshot(&path) {
                    let _ = tx.send(Event::Library(LibraryMsg::Loaded(Box::new(library))));
                }
            }));
            last_sent = Some(Instant::now());
            changed = false;
        }
    }
    index.finish_refresh()?;
    // The last library sent must be the one read after the last chunk.
    if let Some(reading) = reading {
        let _ = reading.join();
    }
    // Walk problems are few and cheap to send; an empty library must arrive too.
    if changed || !plan.discovery.is_empty() || (empty && last_sent.is_none()) {
        send(LibraryMsg::Loaded(Box::new(index.load()?)));
    }
    Ok(())
}
