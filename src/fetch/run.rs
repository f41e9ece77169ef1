//! Fetching many feeds at once, politely: a bounded pool of workers, each
//! taking the next feed whose host has a free slot, retrying what the
//! server asks to retry, storing what is new, and reporting each feed as
//! it finishes.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use super::hosts::{Hosts, RetryPolicy, host_of};
use super::http::{Client, FetchError, Response, Validators};
use super::parse;
use super::store::{FeedDir, FeedState, Stored};
use super::subscriptions::Feed;

/// The limits a fetch runs under (see `[feeds]` in the config).
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub connections: usize,
    pub per_host: usize,
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_items: usize,
    pub retry: RetryPolicy,
}

impl From<&crate::config::FeedsConfig> for FetchOptions {
    fn from(config: &crate::config::FeedsConfig) -> Self {
        Self {
            connections: config.connections,
            per_host: config.per_host,
            timeout: Duration::from_secs(config.timeout),
            max_bytes: config.max_bytes,
            max_items: config.max_items,
            retry: RetryPolicy::default(),
        }
    }
}

/// How one feed went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    pub name: String,
    pub url: String,
    pub outcome: Result<Stored, String>,
    /// The feed answered 304 Not Modified.
    pub not_modified: bool,
    /// The feed moved for good to this address.
    pub moved_to: Option<String>,
    /// Items whose page could not be read for full text (their summary
    /// was kept).
    pub notes: Vec<String>,
}

/// What a whole fetch came to: "40 feeds, 37 new articles, 2 failed".
pub fn summary(reports: &[FeedReport]) -> String {
    let new: usize = reports.iter().filter_map(|r| r.outcome.as_ref().ok()).map(|s| s.new).sum();
    let failed = reports.iter().filter(|r| r.outcome.is_err()).count();
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    let mut text = format!(
        "{}, {new} new {}",
        plural(reports.len(), "feed"),
        if new == 1 { "article" } else { "articles" }
    );
    let updated: usize = reports.iter().filter_map(|r| r.outcome.as_ref().ok()).map(|s| s.updated).sum();
    if updated > 0 {
        text.push_str(&format!(", {updated} updated"));
    }
    text.push_str(&format!(", {failed} failed"));
    text
}

/// Fetches `feeds` into `root` (one directory per feed), calling `done`
/// as each finishes (from the worker that fetched it). Reports come back
/// in the order of `feeds`.
pub fn fetch(
    feeds: &[Feed],
    root: &Path,
    options: &FetchOptions,
    done: &(dyn Fn(&FeedReport) + Sync),
) -> Vec<FeedReport> {
    let client = Client::new(options.timeout, options.max_bytes);
    let hosts = Hosts::new(options.per_host);
    let queue: Mutex<VecDeque<usize>> = Mutex::new((0..feeds.len()).collect());
    let reports: Mutex<Vec<Option<FeedReport>>> = Mutex::new(vec![None; feeds.len()]);
    let workers = options.connections.clamp(1, feeds.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(index) = next_job(&queue, &hosts, feeds) {
                    let feed = &feeds[index];
                    let host = host_of(&feed.url);
                    let report = fetch_one(feed, root, options, &client, &hosts, &host);
                    hosts.release(&host);
                    done(&report);
                    reports.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(report);
                }
            });
        }
    });
    reports.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
}

/// The next feed whose host has a free slot (the slot taken), waiting
/// while every remaining feed's host is busy; `None` when none is left.
fn next_job(queue: &Mutex<VecDeque<usize>>, hosts: &Hosts, feeds: &[Feed]) -> Option<usize> {
    loop {
        {
            let mut queue = queue.lock().unwrap_or_else(|e| e.into_inner());
            if queue.is_empty() {
                return None;
            }
            if let Some(at) = queue.iter().position(|&i| hosts.try_acquire(&host_of(&feeds[i].url))) {
                return queue.remove(at);
            }
        }
        hosts.wait_a_little();
    }
}

/// Fetches, stores and records one feed (its host slot held).
fn fetch_one(
    feed: &Feed,
    root: &Path,
    options: &FetchOptions,
    client: &Client,
    hosts: &Hosts,
    host: &str,
) -> FeedReport {
    let dir = FeedDir::new(root, feed.name());
    let mut state = dir.state();
    if state.url != feed.url {
        // A new subscription, or a changed address: start unconditional.
        state = FeedState { url: feed.url.clone(), ..FeedState::default() };
    }
    let validators = Validators { etag: state.etag.clone(), last_modified: state.last_modified.clone() };
    let mut report = FeedReport {
        name: feed.name().to_owned(),
        url: feed.url.clone(),
        outcome: Ok(Stored::default()),
        not_modified: false,
        moved_to: None,
        notes: Vec::new(),
    };
    let result =
        get_with_retries(client, &feed.url, &validators, &options.retry, hosts, host).and_then(|response| {
            report.moved_to.clone_from(&response.moved_to);
            store_response(feed, &dir, options, client, hosts, response, &mut state, &mut report)
        });
    state.last_fetched = Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    match result {
        Ok(stored) => {
            state.last_status = Some(if report.not_modified { "not modified" } else { "ok" }.to_owned());
            report.outcome = Ok(stored);
        }
        Err(error) => {
            state.last_status = Some(error.clone());
            report.outcome = Err(error);
        }
    }
    state.articles = dir.count();
    if let Err(error) = dir.save_state(&state)
        && report.outcome.is_ok()
    {
        report.outcome = Err(format!("cannot write {}: {error}", dir.path.display()));
    }
    report
}

/// GET with the retries 429 and 503 allow (the host slot is let go while
/// waiting).
fn get_with_retries(
    client: &Client,
    url: &str,
    validators: &Validators,
    policy: &RetryPolicy,
    hosts: &Hosts,
    host: &str,
) -> Result<Response, String> {
    let mut attempt = 1;
    loop {
        match client.get(url, validators) {
            Ok(response) => return Ok(response),
            Err(error) => {
                let Some(asked) = error.retry_after() else { return Err(error.to_string()) };
                let Some(wait) = policy.wait(attempt, asked) else {
                    return Err(match asked {
                        Some(wait) => format!("{error} (retry after {} s)", wait.as_secs()),
                        None => error.to_string(),
                    });
                };
                hosts.release(host);
                std::thread::sleep(wait);
                hosts.acquire(host);
                attempt += 1;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn store_response(
    feed: &Feed,
    dir: &FeedDir,
    options: &FetchOptions,
    client: &Client,
    hosts: &Hosts,
    response: Response,
    state: &mut FeedState,
    report: &mut FeedReport,
) -> Result<Stored, String> {
    let Some(body) = response.body else {
        report.not_modified = true;
        return Ok(Stored::default());
    };
    let (_, mut items) = parse::feed_items(&body, response.content_type.as_deref(), &response.url)?;
    for item in &mut items {
        if !feed.tags.is_empty() {
            for tag in &feed.tags {
                if !item.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    item.tags.push(tag.clone());
                }
            }
        }
        if !feed.title.trim().is_empty() {
            item.source = Some(feed.title.trim().to_owned());
        }
    }
    if feed.full_text {
        full_text(dir, &mut items, options.max_items, client, hosts, report);
    }
    let stored = dir.store(&items, options.max_items).map_err(|e| format!("cannot store items: {e}"))?;
    // Only once the items are safe: the next fetch may then be conditional.
    state.etag = response.validators.etag;
    state.last_modified = response.validators.last_modified;
    Ok(stored)
}

/// Replaces each new item's summary with its page's article (at most
/// `max_new` pages); a page that fails keeps the summary, with a note.
fn full_text(
    dir: &FeedDir,
    items: &mut [crate::library::article::ParsedArticle],
    max_new: usize,
    client: &Client,
    hosts: &Hosts,
    report: &mut FeedReport,
) {
    let known: std::collections::HashSet<String> = std::fs::read_dir(&dir.path)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.get(..16)).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let keys: Vec<String> = super::store::identities(items).into_iter().map(|(key, _)| key).collect();
    let mut fetched = 0;
    for (item, key) in items.iter_mut().zip(keys) {
        if known.contains(&key) || fetched >= max_new {
            continue;
        }
        let Some(url) = item.url.clone() else { continue };
        fetched += 1;
        let host = host_of(&url);
        hosts.acquire(&host);
        let page = client.get(&url, &Validators::default());
        hosts.release(&host);
        let result = page.map_err(|e: FetchError| e.to_string()).and_then(|r| match r.body {
            Some(body) => parse::with_page(item, &body, r.content_type.as_deref()),
            None => Err("no page".to_owned()),
        });
        match result {
            Ok(article) => *item = article,
            Err(error) => {
                report.notes.push(format!("full text of {url}: {error}; the feed's summary is kept"))
            }
        }
    }
}
