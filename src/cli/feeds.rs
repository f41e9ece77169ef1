//! `broadsheet feeds ...` (the subscriptions) and `broadsheet fetch`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use crate::config::Config;
use crate::fetch::http::{Client, Validators};
use crate::fetch::store::{FeedDir, feeds_root};
use crate::fetch::subscriptions::{self, Feed, Subscriptions};
use crate::fetch::{FetchOptions, Which, opml, parse};

/// What `feeds` can do.
#[derive(Debug, clap::Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed (a web page that links to one will do): it is
    /// fetched once to check.
    Add {
        url: String,
        /// The name to show (default: the feed's own title).
        #[arg(long)]
        title: Option<String>,
        /// A tag for its articles (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Store each item's web page, not the feed's summary.
        #[arg(long)]
        full_text: bool,
    },
    /// Unsubscribe (articles already fetched stay in the library).
    Remove { name: String },
    /// The subscriptions as JSON Lines: url, title, tags, last_fetched,
    /// last_status, articles.
    List,
    /// Subscribe to every feed an OPML file lists (nested outlines become tags).
    Import { file: PathBuf },
    /// The subscriptions as OPML 2.0 on stdout.
    Export,
}

/// Where `feeds.toml` is, for `--config` or the default.
fn subscriptions_path(config_path: Option<&Path>) -> Result<PathBuf, String> {
    subscriptions::default_path(config_path)
        .ok_or_else(|| "no config directory to keep feeds.toml in".to_owned())
}

fn load(config_path: Option<&Path>) -> Result<Subscriptions, String> {
    Subscriptions::load(&subscriptions_path(config_path)?).map_err(|e| e.to_string())
}

fn root() -> Result<PathBuf, String> {
    feeds_root().ok_or_else(|| "no data directory to store fetched articles in".to_owned())
}

pub fn feeds(
    command: &FeedsCommand,
    config: &Config,
    config_path: Option<&Path>,
) -> Result<ExitCode, String> {
    let mut subs = load(config_path)?;
    match command {
        FeedsCommand::Add { url, title, tags, full_text } => {
            let options = FetchOptions::from(&config.feeds);
            let (url, feed_title) = check_feed(url, &options)?;
            let feed = Feed {
                title: title.clone().or(feed_title).unwrap_or_default(),
                url: url.clone(),
                tags: tags.clone(),
                full_text: *full_text,
                interval: 0,
            };
            let name = feed.name().to_owned();
            if !subs.add(feed) {
                return Err(format!("already subscribed to {url}"));
            }
            subs.save().map_err(|e| format!("cannot write {}: {e}", subs.path.display()))?;
            println!("Subscribed to {name} ({url}); `broadsheet fetch` fetches it.");
        }
        FeedsCommand::Remove { name } => {
            let feed = subs.remove(name).ok_or_else(|| format!("no subscription named {name:?}"))?;
            subs.save().map_err(|e| format!("cannot write {}: {e}", subs.path.display()))?;
            println!("Unsubscribed from {} (its fetched articles stay in the library).", feed.name());
        }
        FeedsCommand::List => {
            let root = root()?;
            let mut out = std::io::stdout().lock();
            for feed in &subs.feeds {
                let dir = FeedDir::new(&root, feed.name());
                let state = dir.state();
                let line = serde_json::json!({
                    "url": feed.url,
                    "title": feed.name(),
                    "tags": feed.tags,
                    "last_fetched": state.last_fetched,
                    "last_status": state.last_status,
                    "articles": dir.count(),
                });
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
        }
        FeedsCommand::Import { file } => {
            let text =
                std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let feeds = opml::import(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            let total = feeds.len();
            let added = feeds.into_iter().filter(|f| subs.add(f.clone())).count();
            subs.save().map_err(|e| format!("cannot write {}: {e}", subs.path.display()))?;
            println!("Imported {added} of {total} feeds ({} already subscribed).", total - added);
        }
        FeedsCommand::Export => {
            return super::print_bytes(opml::export(&subs.feeds).as_bytes());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Fetches `url` once: a feed gives its address and title; a page gives
/// the first feed it links to, checked the same way.
fn check_feed(url: &str, options: &FetchOptions) -> Result<(String, Option<String>), String> {
    let client = Client::new(options.timeout, options.max_bytes);
    let mut address = url.trim().to_owned();
    for _ in 0..2 {
        let response = client.get(&address, &Validators::default()).map_err(|e| format!("{address}: {e}"))?;
        let body = response.body.unwrap_or_default();
        let final_url = response.moved_to.unwrap_or(address.clone());
        match parse::feed_items(&body, response.content_type.as_deref(), &response.url) {
            Ok((title, _)) => return Ok((final_url, title)),
            Err(error) => {
                let text = String::from_utf8_lossy(&body);
                match parse::feed_links(&text, &response.url).into_iter().next() {
                    Some(link) if link != address => address = link,
                    _ => return Err(format!("{address}: not a feed ({error})")),
                }
            }
        }
    }
    Err(format!("{url}: no feed found"))
}

/// `broadsheet fetch [NAME]...`.
pub fn fetch(names: &[String], config: &Config, config_path: Option<&Path>) -> Result<ExitCode, String> {
    let setup = crate::fetch::Setup {
        subscriptions: subscriptions_path(config_path)?,
        root: root()?,
        options: FetchOptions::from(&config.feeds),
    };
    // Feeds with an interval of their own wait for it (a cron job may run
    // more often than they change); named feeds are fetched now.
    let which = if names.is_empty() { Which::Due } else { Which::Named(names.to_vec()) };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} feeds · {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let finished = setup.run(&which, &|done, total, new| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            bar.set_message(format!("{new} new"));
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let finished = finished?;
    if !finished.subscribed {
        println!("No subscriptions yet: `broadsheet feeds add URL` or `broadsheet feeds import FILE.opml`.");
        return Ok(ExitCode::SUCCESS);
    }
    let clean = crate::library::sanitize::clean_line;
    for (name, reason) in &finished.failures {
        eprintln!("{}: {}", clean(name), clean(reason));
    }
    for (name, to) in &finished.moved {
        eprintln!("{}: moved permanently to {}; feeds.toml now says so", clean(name), clean(to));
    }
    println!("{}", finished.summary);
    Ok(if finished.reports.iter().any(|r| r.outcome.is_err()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
