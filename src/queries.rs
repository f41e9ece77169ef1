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
    Window { ticket: u64, window: Result<Window, String> },
    Counts(Counts),
}

/// Starts the worker; its answers come as [`Event::Answer`].
pub fn spawn(tx: Sender<Event>) -> Sender<Query> {
    let (jobs, inbox) = mpsc::channel::<Query>();
    thread::Builder::new()
        .name("queries".into())
        .spawn(move || serve(&inbox, &tx))
        .expect("spawn the query thread");
    jobs
}

fn serve(inbox: &Receiver<Query>, tx: &Sender<Event>) {
    let mut catalog: Option<Catalog> = None;
    while let Ok(first) = inbox.recv() {
        // Everything waiting, with the older questions about a list dropped.
        let mut batch = vec![first];
        batch.extend(inbox.try_iter());
        for query in newest(batch) {
            if let Query::Open { index, state } = &query {
                catalog = Catalog::open(index, state.as_deref()).ok();
                continue;
            }
            let Some(catalog) = &catalog else { continue };
            if let Some(answer) = answer(catalog, &query)
                && tx.send(Event::Answer(answer)).is_err()
            {
                return;
            }
        }
    }
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
