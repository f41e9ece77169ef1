//! The library worker: keeps the index up to date with the files and tells
//! the app when there is something new to read in it. The app never gets
//! the articles from here, only news of the index: it reads what it shows
//! from the index itself, a page at a time.
//!
//! One process refreshes an index at a time (see [`WriteLock`]). Another
//! broadsheet doing it makes this one a follower: it says so, reads what
//! the other stores as it is committed, and refreshes itself once the
//! other is done (quickly: the files are then found unchanged).
//!
//! The sample library, and a library read without a kept index, get an
//! index of their own for the session (see [`ScratchIndex`]).

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::event::Event;
use crate::library::files::Files;
use crate::library::index::{Index, IndexError, Opened, ScratchIndex, WriteLock, file_identity, files_done};
use crate::library::{LoadOptions, Progress};

/// What the worker tells the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryMsg {
    /// The index to read the library from, now readable (perhaps still
    /// empty, or filling); sent again if the file is replaced.
    Ready(PathBuf),
    /// Articles were stored or removed: what is shown may have changed.
    Changed,
    Progress(Progress),
    /// A refresh ended (the whole library is in the index).
    Refreshed,
    /// Something the user should know, such as a rebuilt index.
    Notice(String),
    /// Another broadsheet is updating the index (or no longer is).
    Elsewhere(bool),
}

/// Where the library comes from.
#[derive(Debug, Clone)]
pub enum LibrarySource {
    Sample,
    Paths {
        paths: Vec<PathBuf>,
        /// The index file kept between sessions; `None` makes one for this
        /// session only.
        index: Option<PathBuf>,
    },
}

/// How often (at most) progress is reported.
const PROGRESS_PERIOD: Duration = Duration::from_millis(50);
/// The least time between two "changed" messages while storing (each
/// makes the app read its lists again).
const CHANGE_PERIOD: Duration = Duration::from_millis(400);
/// How often the index is looked at for changes made by another process.
const FOLLOW_PERIOD: Duration = Duration::from_millis(250);

/// Asks the worker to look at the files again; owns the session's index
/// (deleted when the handle goes).
#[derive(Debug)]
pub struct LoaderHandle {
    jobs: Sender<Job>,
    _scratch: ScratchIndex,
}

/// What the worker is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    /// Look at the files now (`R`, after an edit, a fetch).
    Refresh,
    /// The watcher saw files change: look once they settle.
    FilesChanged,
}

/// How long changes settle before a refresh: a fetch or a `cp -r` of many
/// files is one refresh, and a single new file is listed well within 2 s.
const WATCH_DEBOUNCE: Duration = Duration::from_millis(400);

/// The timed refresh used where the files cannot be watched.
const UNWATCHED_REFRESH: Duration = Duration::from_secs(30);

/// Watches `paths` (recursively): a file created, written, renamed or
/// removed asks for a refresh. Reading files (the reader's own, or
/// anyone's) is not a change, and neither are hidden files (temporary
/// files, a feed's state). `None` where watching is not possible (too many
/// directories for the system's limit, a file system without
/// notifications).
fn watch(paths: &[PathBuf], jobs: Sender<Job>) -> Option<notify::RecommendedWatcher> {
    use notify::event::{AccessKind, AccessMode};
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let changes = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Modify(_)
                | EventKind::Remove(_)
                | EventKind::Any
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        let visible = event
            .paths
            .iter()
            .any(|path| path.file_name().and_then(|n| n.to_str()).is_none_or(|name| !name.starts_with('.')));
        if changes && visible {
            let _ = jobs.send(Job::FilesChanged);
        }
    })
    .ok()?;
    for path in paths {
        watcher.watch(path, RecursiveMode::Recursive).ok()?;
    }
    Some(watcher)
}

impl LoaderHandle {
    /// Refreshes the library from the files (again, if one is under way:
    /// requests made meanwhile run once, after it).
    pub fn refresh(&self) {
        let _ = self.jobs.send(Job::Refresh);
    }
}

/// Starts the worker. It refreshes at once, then on request and, for a
/// kept index, every `every` (if given).
pub fn spawn(
    tx: Sender<Event>,
    source: LibrarySource,
    mut options: LoadOptions,
    every: Option<Duration>,
) -> LoaderHandle {
    let (jobs, inbox) = mpsc::channel();
    let watched = matches!(source, LibrarySource::Paths { .. });
    let (paths, kept) = match source {
        LibrarySource::Sample => {
            options.read.files = Files::Sample;
            (Files::Sample.default_roots(), None)
        }
        LibrarySource::Paths { paths, index } => (paths, index),
    };
    // Also where a kept index falls back to when it cannot be used.
    let scratch = ScratchIndex::new();
    let fallback = kept.is_some().then(|| scratch.path().to_path_buf());
    let every = every.filter(|_| kept.is_some());
    let path = kept.unwrap_or_else(|| scratch.path().to_path_buf());
    let watch_with = watched.then(|| jobs.clone());
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || Keeper::new(path, fallback, paths, options, tx).run(every, &inbox, watch_with))
        .expect("spawn the loader thread");
    LoaderHandle { jobs, _scratch: scratch }
}

/// The worker's state.
struct Keeper {
    path: PathBuf,
    /// The session index to use instead when `path` cannot be.
    fallback: Option<PathBuf>,
    paths: Vec<PathBuf>,
    options: LoadOptions,
    tx: Sender<Event>,
    /// The index file last announced, to see it replaced.
    announced: Option<(u64, u64)>,
    /// A read connection whose data version shows commits by others.
    follower: Option<(rusqlite::Connection, i64)>,
    elsewhere: bool,
    /// Whether this process is storing articles now.
    refreshing: bool,
}

impl Keeper {
    fn new(
        path: PathBuf,
        fallback: Option<PathBuf>,
        paths: Vec<PathBuf>,
        options: LoadOptions,
        tx: Sender<Event>,
    ) -> Self {
        Self {
            path,
            fallback,
            paths,
            options,
            tx,
            announced: None,
            follower: None,
            elsewhere: false,
            refreshing: false,
        }
    }

    fn send(&self, message: LibraryMsg) -> bool {
        self.tx.send(Event::Library(message)).is_ok()
    }

    /// Refreshes at once, then as asked, as `every` says, and (given
    /// `watch_with`) whenever the files change: the watcher is set up after
    /// the first refresh, off the path to the first frame (a recursive
    /// watch of a big library takes a while); where watching fails, the
    /// files are looked at every [`UNWATCHED_REFRESH`] instead.
    fn run(
        mut self,
        mut every: Option<Duration>,
        inbox: &Receiver<Job>,
        mut watch_with: Option<Sender<Job>>,
    ) {
        let mut due = Some(Instant::now());
        let mut _watcher = None;
        loop {
            if due.is_none_or(|at| at > Instant::now())
                && let Some(jobs) = watch_with.take()
            {
                _watcher = watch(&self.paths, jobs);
                if _watcher.is_none() {
                    every = Some(every.map_or(UNWATCHED_REFRESH, |e| e.min(UNWATCHED_REFRESH)));
                    due = Some(Instant::now() + UNWATCHED_REFRESH);
                }
            }
            if due.is_some_and(|at| at <= Instant::now()) {
                match WriteLock::try_take(&self.path) {
                    Ok(Some(lock)) => {
                        self.set_elsewhere(false);
                        self.refresh_now();
                        drop(lock);
                        due = every.map(|period| Instant::now() + period);
                    }
                    // Someone else is at it: follow, and try again later.
                    Ok(None) => self.set_elsewhere(true),
                    Err(error) => match self.fallback.take() {
                        Some(fallback) => self.fall_back(fallback, &error),
                        None => {
                            self.send(LibraryMsg::Notice(format!(
                                "Could not update the library index: {error}"
                            )));
                            due = None;
                        }
                    },
                }
            }
            if !self.follow() {
                return;
            }
            let wait = match due {
                Some(at) => at.saturating_duration_since(Instant::now()).clamp(Duration::ZERO, FOLLOW_PERIOD),
                None => FOLLOW_PERIOD,
            };
            match inbox.recv_timeout(wait) {
                Ok(job) => {
                    // Requests made meanwhile are answered by the same refresh.
                    let mut now = job == Job::Refresh;
                    while let Ok(job) = inbox.try_recv() {
                        now |= job == Job::Refresh;
                    }
                    // Changes seen by the watcher come in bursts: wait for
                    // them to settle (a refresh already due stays due).
                    let at = if now { Instant::now() } else { Instant::now() + WATCH_DEBOUNCE };
                    due = Some(due.map_or(at, |d| d.min(at)));
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    /// The kept index cannot be used (no cache directory, no room): this
    /// session reads every file into an index of its own.
    fn fall_back(&mut self, fallback: PathBuf, error: &IndexError) {
        self.send(LibraryMsg::Notice(format!("Reading every file instead of the index: {error}")));
        self.path = fallback;
        self.announced = None;
        self.follower = None;
    }

    fn set_elsewhere(&mut self, elsewhere: bool) {
        if self.elsewhere != elsewhere {
            self.elsewhere = elsewhere;
            self.send(LibraryMsg::Elsewhere(elsewhere));
        }
    }

    /// Announces the index once it can be read (again, if it was
    /// replaced) and passes on commits made by others. While it is being
    /// filled, it is announced once it has articles, so the first list
    /// shown is not an empty one. False once the app is gone.
    fn follow(&mut self) -> bool {
        let identity = file_identity(&self.path);
        if identity.is_some() && identity != self.announced {
            let Ok(catalog) = crate::library::index::catalog::Catalog::open(&self.path, None) else {
                return true;
            };
            if (self.refreshing || self.elsewhere) && catalog.is_empty() {
                return true;
            }
            self.announced = identity;
            self.follower = crate::library::index::open_read_only(&self.path).ok().map(|c| (c, 0));
            if let Some((conn, version)) = &mut self.follower {
                *version = data_version(conn);
            }
            return self.send(LibraryMsg::Ready(self.path.clone()));
        }
        if let Some((conn, seen)) = &mut self.follower {
            let now = data_version(conn);
            if now != *seen {
                *seen = now;
                return self.send(LibraryMsg::Changed);
            }
        }
        true
    }

    /// Opens the index (making it, or making it again) and refreshes it;
    /// says when it is done, whatever happened.
    fn refresh_now(&mut self) {
        let opened = match (Index::open(&self.path), self.fallback.take()) {
            (Err(error), Some(fallback)) => {
                self.fall_back(fallback, &error);
                Index::open(&self.path)
            }
            (opened, _) => opened,
        };
        match opened {
            Ok((mut index, opened)) => {
                if opened == Opened::Rebuilt {
                    self.send(LibraryMsg::Notice(
                        "The library index could not be used; building it again".into(),
                    ));
                }
                self.refreshing = true;
                self.follow();
                if let Err(error) = self.store_changes(&mut index) {
                    self.send(LibraryMsg::Notice(format!("Could not update the library index: {error}")));
                }
                self.refreshing = false;
                self.follow();
            }
            Err(error) => {
                self.send(LibraryMsg::Notice(format!("Could not open the library index: {error}")));
            }
        }
        self.send(LibraryMsg::Refreshed);
    }

    /// One refresh: forget what went, store what changed chunk by chunk,
    /// and say that the index changed every so often while it does.
    fn store_changes(&mut self, index: &mut Index) -> Result<(), IndexError> {
        let plan = index.plan_refresh(&self.paths, &self.options)?;
        let mut changed = index.forget(&plan.removed, &plan.discovery)? > 0;
        let total = plan.to_parse;
        let mut done = 0;
        let mut last_progress = Instant::now();
        let mut last_change: Option<Instant> = None;
        if total > 0 {
            self.send(LibraryMsg::Progress(Progress { done, total }));
        }
        while let Some(chunk) = plan.next_chunk() {
            done += files_done(&chunk);
            changed |= index.store(chunk)? > 0;
            if self.announced.is_none() {
                self.follow();
            }
            if last_progress.elapsed() >= PROGRESS_PERIOD || done == total {
                last_progress = Instant::now();
                self.send(LibraryMsg::Progress(Progress { done, total }));
            }
            if changed && last_change.is_none_or(|at| at.elapsed() >= CHANGE_PERIOD) {
                self.announce_change();
                last_change = Some(Instant::now());
                changed = false;
            }
        }
        index.finish_refresh()?;
        if changed {
            self.announce_change();
        }
        Ok(())
    }

    /// Tells the app the index changed (the follower then has nothing to add).
    fn announce_change(&mut self) {
        if let Some((conn, seen)) = &mut self.follower {
            *seen = data_version(conn);
        }
        self.send(LibraryMsg::Changed);
    }
}

fn data_version(conn: &rusqlite::Connection) -> i64 {
    conn.pragma_query_value(None, "data_version", |r| r.get(0)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worker's messages until a refresh ends (or 10 s pass).
    fn messages(rx: &mpsc::Receiver<Event>) -> Vec<LibraryMsg> {
        let mut seen = Vec::new();
        while let Ok(Event::Library(message)) = rx.recv_timeout(Duration::from_secs(10)) {
            let done = message == LibraryMsg::Refreshed;
            seen.push(message);
            if done {
                break;
            }
        }
        seen
    }

    #[test]
    fn the_sample_gets_an_index_of_its_own_for_the_session() {
        let (tx, rx) = mpsc::channel();
        let handle = spawn(tx, LibrarySource::Sample, LoadOptions::default(), None);
        let seen = messages(&rx);
        let ready = seen.iter().find_map(|m| if let LibraryMsg::Ready(path) = m { Some(path) } else { None });
        let Some(path) = ready else { panic!("{seen:?}") };
        assert!(seen.contains(&LibraryMsg::Changed), "{seen:?}");
        assert_eq!(seen.last(), Some(&LibraryMsg::Refreshed));
        let catalog = crate::library::index::catalog::Catalog::open(path, None).unwrap();
        assert_eq!(catalog.counts().unwrap().articles, crate::library::Library::sample().articles.len());
        let path = path.clone();
        drop(handle);
        assert!(!path.exists(), "the session's index goes with it");
    }
}
