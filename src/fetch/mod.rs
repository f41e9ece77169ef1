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

/// Which subscriptions a fetch asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Which {
    /// Every one (`F`).
    All,
    /// Those due: a feed with an `interval` of its own waits for it (the
    /// reader's schedule, `broadsheet fetch` from cron).
    Due,
    /// These, by name, title or address (`broadsheet fetch NAME...`).
    Named(Vec<String>),
}

/// What a whole fetch came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// "40 feeds, 37 new articles, 2 failed", and how many were not due.
    pub summary: String,
    /// The feeds that failed, and full-text pages that did, with why
    /// (one line each).
    pub failures: Vec<(String, String)>,
    /// The feeds that moved for good, with their new address (now in
    /// `feeds.toml`).
    pub moved: Vec<(String, String)>,
    pub reports: Vec<FeedReport>,
    /// Whether there were any subscriptions at all.
    pub subscribed: bool,
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
    /// Fetches the subscriptions `which` asks for; `progress` hears (done,
    /// total, new articles so far) as each feed finishes. Permanent moves
    /// are written to `feeds.toml`. A name that is no subscription is an
    /// error.
    pub fn run(
        &self,
        which: &Which,
        progress: &(dyn Fn(usize, usize, usize) + Sync),
    ) -> Result<Finished, String> {
        let mut subs = subscriptions::Subscriptions::load(&self.subscriptions).map_err(|e| e.to_string())?;
        let feeds = match which {
            Which::All => subs.feeds.clone(),
            Which::Due => due(&subs.feeds, &self.root, chrono::Utc::now()),
            Which::Named(names) => names
                .iter()
                .map(|name| subs.find(name).cloned().ok_or_else(|| format!("no subscription named {name:?}")))
                .collect::<Result<_, _>>()?,
        };
        let total = feeds.len();
        let counted = std::sync::Mutex::new((0usize, 0usize));
        let reports = fetch(&feeds, &self.root, &self.options, &|report| {
            let mut counted = counted.lock().unwrap_or_else(|e| e.into_inner());
            counted.0 += 1;
            counted.1 += report.outcome.as_ref().map_or(0, |s| s.new);
            progress(counted.0, total, counted.1);
        });
        let moved: Vec<(String, String)> = reports
            .iter()
            .filter_map(|r| {
                r.moved_to
                    .as_ref()
                    .filter(|to| subs.set_url(&r.url, to))
                    .map(|to| (r.name.clone(), to.clone()))
            })
            .collect();
        if !moved.is_empty() {
            subs.save().map_err(|e| format!("cannot write {}: {e}", subs.path.display()))?;
        }
        let failures = reports
            .iter()
            .filter_map(|r| r.outcome.as_ref().err().map(|e| (r.name.clone(), e.clone())))
            .chain(reports.iter().flat_map(|r| r.notes.iter().map(|n| (r.name.clone(), n.clone()))))
            .collect();
        let mut summary = summary(&reports);
        let waiting = subs.feeds.len() - feeds.len();
        if *which == Which::Due && waiting > 0 {
            summary.push_str(&format!(" ({waiting} not due yet: their interval has not passed)"));
        }
        Ok(Finished { summary, failures, moved, reports, subscribed: !subs.feeds.is_empty() })
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
