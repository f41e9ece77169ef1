//! Fetching the news: the subscriptions (`feeds.toml`), polite HTTP, and
//! each new item stored as an ordinary Markdown file in the library, so
//! that everything else (index, search, authors, quotations, reading
//! state) works on fetched news unchanged. Nothing here knows the
//! terminal; the only files it writes are library files, its per-feed
//! state beside them, and `feeds.toml`.

pub mod hosts;
pub mod http;
pub mod opml;
pub mod parse;
mod run;
pub mod store;
pub mod subscriptions;
#[doc(hidden)]
pub mod test_server;

pub use run::{FeedReport, FetchOptions, fetch, summary};

use std::path::PathBuf;

/// Everything a fetch needs: where the subscriptions are, where items
/// go, and the limits.
#[derive(Debug, Clone)]
pub struct Setup {
    pub subscriptions: PathBuf,
    pub root: PathBuf,
    pub options: FetchOptions,
}

/// What a whole fetch came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub summary: String,
    /// The feeds that failed, with why (one line each).
    pub failures: Vec<(String, String)>,
    pub reports: Vec<FeedReport>,
}

impl Setup {
    /// Fetches every subscribed feed; `progress` hears (done, total, new
    /// articles so far) as each feed finishes. Permanent moves are written
    /// to `feeds.toml`.
    pub fn run(&self, progress: &(dyn Fn(usize, usize, usize) + Sync)) -> Result<Finished, String> {
        let mut subs = subscriptions::Subscriptions::load(&self.subscriptions).map_err(|e| e.to_string())?;
        if subs.feeds.is_empty() {
            return Err("No subscriptions yet: `broadsheet feeds add URL` adds one".to_owned());
        }
        let total = subs.feeds.len();
        let counted = std::sync::Mutex::new((0usize, 0usize));
        let reports = fetch(&subs.feeds, &self.root, &self.options, &|report| {
            let mut counted = counted.lock().unwrap_or_else(|e| e.into_inner());
            counted.0 += 1;
            counted.1 += report.outcome.as_ref().map_or(0, |s| s.new);
            progress(counted.0, total, counted.1);
        });
        let mut moved = false;
        for report in &reports {
            if let Some(to) = &report.moved_to {
                moved |= subs.set_url(&report.url, to);
            }
        }
        if moved {
            subs.save().map_err(|e| format!("cannot write {}: {e}", subs.path.display()))?;
        }
        let failures = reports
            .iter()
            .filter_map(|r| r.outcome.as_ref().err().map(|e| (r.name.clone(), e.clone())))
            .chain(reports.iter().flat_map(|r| r.notes.iter().map(|n| (r.name.clone(), n.clone()))))
            .collect();
        Ok(Finished { summary: summary(&reports), failures, reports })
    }
}
