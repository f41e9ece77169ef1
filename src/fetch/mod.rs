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

/// The feeds a scheduled fetch asks for: all but those with an
/// `interval` of their own that were fetched less than that long ago.
pub fn due(
    feeds: &[subscriptions::Feed],
    root: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<subscriptions::Feed> {
    feeds
        .iter()
        .filter(|feed| {
            if feed.interval == 0 {
                return true;
            }
            let last = store::FeedDir::new(root, feed.name()).state().last_fetched;
            let last = last.and_then(|l| chrono::DateTime::parse_from_rfc3339(&l).ok());
            last.is_none_or(|last| {
                now - last.with_timezone(&chrono::Utc) >= chrono::Duration::minutes(feed.interval as i64)
            })
        })
        .cloned()
        .collect()
}

impl Setup {
    /// Fetches the subscribed feeds (only those due, for a scheduled
    /// fetch); `progress` hears (done, total, new articles so far) as each
    /// feed finishes. Permanent moves are written to `feeds.toml`.
    pub fn run(
        &self,
        scheduled: bool,
        progress: &(dyn Fn(usize, usize, usize) + Sync),
    ) -> Result<Finished, String> {
        let mut subs = subscriptions::Subscriptions::load(&self.subscriptions).map_err(|e| e.to_string())?;
        if subs.feeds.is_empty() {
            return Err("No subscriptions yet: `broadsheet feeds add URL` adds one".to_owned());
        }
        let feeds =
            if scheduled { due(&subs.feeds, &self.root, chrono::Utc::now()) } else { subs.feeds.clone() };
        let total = feeds.len();
        let counted = std::sync::Mutex::new((0usize, 0usize));
        let reports = fetch(&feeds, &self.root, &self.options, &|report| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_with_its_own_interval_waits_for_it() {
        let root = tempfile::tempdir().unwrap();
        let feed = |title: &str, interval: u64| subscriptions::Feed {
            url: format!("https://{title}.example/rss"),
            title: title.to_owned(),
            interval,
            ..subscriptions::Feed::default()
        };
        let feeds = [feed("daily", 1440), feed("always", 0), feed("never-fetched", 60)];
        let now =
            chrono::DateTime::parse_from_rfc3339("2025-09-02T12:00:00Z").unwrap().with_timezone(&chrono::Utc);
        let state = |when: &str| store::FeedState {
            last_fetched: Some(when.to_owned()),
            ..store::FeedState::default()
        };
        store::FeedDir::new(root.path(), "daily").save_state(&state("2025-09-02T06:00:00Z")).unwrap();
        let names = |feeds: Vec<subscriptions::Feed>| feeds.into_iter().map(|f| f.title).collect::<Vec<_>>();
        assert_eq!(names(due(&feeds, root.path(), now)), ["always", "never-fetched"]);
        store::FeedDir::new(root.path(), "daily").save_state(&state("2025-09-01T11:00:00Z")).unwrap();
        assert_eq!(names(due(&feeds, root.path(), now)), ["daily", "always", "never-fetched"]);
    }
}
