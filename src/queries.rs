//! The query worker: answers the questions about the index that may take
//! a while (a list placed on an article, which counts what comes before
//! it; a search's matches; the library's counts) off the input path, on
//! a connection of its own. Only the newest question for each list is
//! answered: typing faster than searching never queues work.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::event::Event;
use crate::library::index::catalog::{Anchor, Catalog, Counts, ListSpec, Window};

/// A question for the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Query {
    /// Read this index (with the reading state at this URI) from now on.
    Open { index: PathBuf, state: Option<String> },
    /// A list around an anchor, for the screen at `slot` of the history.
    Window { slot: usize, ticket: u64, spec: ListSpec, anchor: Anchor, around: usize },
    /// The library's counts, for the header.
    Counts,
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Window {
        ticket: u64,
        window: Result<Window, String>,
    },
    /// The length of a list whose first rows came uncounted.
    Count {
        ticket: u64,
        total: usize,
    },
    Counts(Counts),
}

/// Starts the worker; its answers come as [`Event::Answer`].
pub fn spawn(tx: Sender<Event>) -> Sender<Query> {
    let (jobs, inbox) = mpsc::channel::<Query>();
    let counter = Counter::spawn(tx.clone());
    thread::Builder::new()
        .name("queries".into())
        .spawn(move || serve(&inbox, &tx, &counter))
        .expect("spawn the query thread");
    jobs
}

fn serve(inbox: &Receiver<Query>, tx: &Sender<Event>, counter: &Counter) {
    let mut catalog: Option<Catalog> = None;
    while let Ok(first) = inbox.recv() {
        // Everything waiting, with the older questions about a list dropped.
        let mut batch = vec![first];
        batch.extend(inbox.try_iter());
        for query in newest(batch) {
            if let Query::Open { index, state } = &query {
                catalog = Catalog::open(index, state.as_deref()).ok();
                counter.ask(query);
                continue;
            }
            let Some(catalog) = &catalog else { continue };
            let Some(answer) = answer(catalog, &query) else { continue };
            // A search's rows go at once; its count follows from the
            // counter, so the next keystroke's rows never wait for it.
            if matches!(&answer, Answer::Window { window: Ok(w), .. } if w.total.is_none()) {
                counter.ask(query);
            }
            if tx.send(Event::Answer(answer)).is_err() {
                return;
            }
        }
    }
}

/// Counts searches on a connection of its own; a newer count stops the
/// one under way (its list is gone).
struct Counter {
    jobs: Sender<Query>,
    running: std::sync::Arc<std::sync::Mutex<Option<rusqlite::InterruptHandle>>>,
}

impl Counter {
    fn spawn(tx: Sender<Event>) -> Self {
        let (jobs, inbox) = mpsc::channel::<Query>();
        let running = std::sync::Arc::new(std::sync::Mutex::new(None));
        let handle = std::sync::Arc::clone(&running);
        thread::Builder::new()
            .name("counts".into())
            .spawn(move || {
                let mut catalog: Option<Catalog> = None;
                while let Ok(first) = inbox.recv() {
                    let mut batch = vec![first];
                    batch.extend(inbox.try_iter());
                    for query in newest(batch) {
                        if let Query::Open { index, state } = &query {
                            catalog = Catalog::open(index, state.as_deref()).ok();
                            if let (Ok(mut slot), Some(catalog)) = (handle.lock(), &catalog) {
                                *slot = Some(catalog.interrupt_handle());
                            }
                            continue;
                        }
                        let Some(catalog) = &catalog else { continue };
                        if let Some(counted) = count(catalog, &query)
                            && tx.send(Event::Answer(counted)).is_err()
                        {
                            return;
                        }
                    }
                }
            })
            .expect("spawn the count thread");
        Self { jobs, running }
    }

    fn ask(&self, query: Query) {
        if matches!(query, Query::Window { .. })
            && let Ok(slot) = self.running.lock()
            && let Some(handle) = slot.as_ref()
        {
            handle.interrupt();
        }
        let _ = self.jobs.send(query);
    }
}

/// The length of the list a window question was about (`None` if the
/// count was stopped by a newer one).
pub fn count(catalog: &Catalog, query: &Query) -> Option<Answer> {
    let Query::Window { ticket, spec, .. } = query else { return None };
    catalog.count(spec).ok().map(|total| Answer::Count { ticket: *ticket, total })
}

/// Answers one question (none for `Open`, which the caller handles).
pub fn answer(catalog: &Catalog, query: &Query) -> Option<Answer> {
    match query {
        Query::Open { .. } => None,
        Query::Window { ticket, spec, anchor, around, .. } => Some(Answer::Window {
            ticket: *ticket,
            window: catalog.window(spec, anchor, *around).map_err(|e| e.to_string()),
        }),
        Query::Counts => Some(Answer::Counts(catalog.counts().unwrap_or_default())),
    }
}

/// The questions worth answering, in order: for each list only the last
/// one asked, counts once; an `Open` drops what was asked before it.
fn newest(batch: Vec<Query>) -> Vec<Query> {
    let start = batch.iter().rposition(|q| matches!(q, Query::Open { .. })).unwrap_or(0);
    let batch = &batch[start..];
    let mut kept: Vec<Query> = Vec::new();
    for (i, query) in batch.iter().enumerate() {
        let superseded = batch[i + 1..].iter().any(|later| match (query, later) {
            (Query::Window { slot: a, .. }, Query::Window { slot: b, .. }) => a == b,
            (Query::Counts, Query::Counts) => true,
            _ => false,
        });
        if !superseded {
            kept.push(query.clone());
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(slot: usize, ticket: u64) -> Query {
        Query::Window { slot, ticket, spec: ListSpec::default(), anchor: Anchor::default(), around: 10 }
    }

    #[test]
    fn only_the_newest_question_about_each_list_is_answered() {
        let open = Query::Open { index: PathBuf::from("a.db"), state: None };
        let kept = newest(vec![window(0, 1), Query::Counts, window(1, 2), window(0, 3), Query::Counts]);
        assert_eq!(kept, vec![window(1, 2), window(0, 3), Query::Counts]);
        let kept = newest(vec![window(0, 1), open.clone(), window(0, 4)]);
        assert_eq!(kept, vec![open, window(0, 4)]);
    }
}
