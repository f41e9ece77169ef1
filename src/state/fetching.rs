//! A fetch of the feeds from inside the reader (`F`, or every
//! `[feeds] interval`): whether one runs and how far it is, when the next
//! is due, and the feeds the last one could not fetch (listed first in
//! the problems view).

use std::time::{Duration, Instant};

use crate::library::Diagnostic;

#[derive(Debug, Clone, Default)]
pub struct Fetching {
    pub running: bool,
    /// Whether the running fetch is the interval's (it then skips feeds
    /// whose own `interval` has not passed) rather than asked for with `F`.
    pub scheduled: bool,
    /// Feeds done, feeds in all, new articles so far.
    pub progress: Option<(usize, usize, usize)>,
    /// How often to fetch while the reader runs, if at all.
    pub interval: Option<Duration>,
    pub next: Option<Instant>,
    /// The feeds the last fetch could not fetch.
    pub problems: Vec<Diagnostic>,
    /// Where fetches go and what they obey (none: fetching is not possible).
    pub setup: Option<crate::fetch::Setup>,
    /// Whether fetched articles land outside the library on screen (it
    /// was opened on other paths), so the user is told where they went.
    pub outside: bool,
    /// Each subscribed feed's last fetch (when, how it went), by the
    /// source name its articles carry: what the sources view shows.
    pub feeds: std::collections::HashMap<String, (Option<String>, Option<String>)>,
    /// Subscribed feeds no article names yet (never fetched, or never
    /// fetched well): listed after the sources the index knows.
    pub unlisted: Vec<String>,
}

impl Fetching {
    /// The unlisted feeds whose name contains `filter` (ignoring case).
    pub fn unlisted_matching(&self, filter: &str) -> Vec<&str> {
        let filter = filter.to_lowercase();
        self.unlisted
            .iter()
            .map(String::as_str)
            .filter(|name| name.to_lowercase().contains(&filter))
            .collect()
    }
}

impl Fetching {
    /// Fetch every `interval` from `now` on.
    pub fn every(interval: Duration, now: Instant) -> Self {
        Self { interval: Some(interval), next: Some(now + interval), ..Self::default() }
    }

    /// Whether a scheduled fetch is due.
    pub fn is_due(&self, now: Instant) -> bool {
        !self.running && self.next.is_some_and(|next| next <= now)
    }

    pub fn started(&mut self, now: Instant, scheduled: bool) {
        self.running = true;
        self.scheduled = scheduled;
        self.progress = None;
        self.next = self.interval.map(|interval| now + interval);
    }

    /// The line the status bar shows while it runs.
    pub fn describe(&self) -> String {
        match self.progress {
            Some((done, total, new)) => format!("fetching {done}/{total} · {new} new"),
            None => "fetching…".to_owned(),
        }
    }
}
