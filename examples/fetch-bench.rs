//! The fetch benchmark: FEEDS feeds spread over HOSTS loopback servers
//! (each its own port, so the per-host limit applies to it), every
//! response delayed by DELAY ms; runs `broadsheet fetch` on them twice (the
//! second time nothing is new and every request is conditional) and
//! prints the wall time, the most requests any server had at once, and
//! how many were conditional. Peak memory comes from GNU time in
//! `scripts/fetch-bench.sh`.
//!
//! `cargo run --release --example fetch-bench -- [--feeds 500] [--hosts 50] [--delay 100]`

use std::process::Command;
use std::time::{Duration, Instant};

use broadsheet::fetch::test_server::{Route, TestServer};
use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 500)]
    feeds: usize,
    #[arg(long, default_value_t = 50)]
    hosts: usize,
    /// Milliseconds each answer waits.
    #[arg(long, default_value_t = 100)]
    delay: u64,
    /// Prefix for the fetch command (e.g. "/usr/bin/time -f ...").
    #[arg(long, default_value = "target/release/broadsheet")]
    binary: String,
}

fn feed(host: usize, n: usize) -> String {
    let items: String = (0..10)
        .map(|i| {
            format!(
                "<item><title>Dispatch {host}-{n}-{i}</title><guid>d-{host}-{n}-{i}</guid>\
                 <pubDate>Tue, 02 Sep 2025 0{}:00:00 +0000</pubDate><author>desk@example.org (Rosa Kowalczyk)</author>\
                 <description>&lt;p&gt;The council met on the quay, number {i}.&lt;/p&gt;&lt;p&gt;“We will be \
                 watching closely,” said Rosa Kowalczyk, who chairs it.&lt;/p&gt;</description></item>",
                i % 10
            )
        })
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Feed {host}-{n}</title>{items}</channel></rss>")
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let delay = Duration::from_millis(args.delay);
    let servers: Vec<TestServer> =
        (0..args.hosts).map(|_| TestServer::start(Duration::from_secs(600))).collect();
    let home = tempfile::tempdir()?;
    let config = home.path().join("config/broadsheet");
    std::fs::create_dir_all(&config)?;
    std::fs::write(config.join("config.toml"), "")?;
    let mut subscriptions = String::new();
    for n in 0..args.feeds {
        let host = n % args.hosts;
        let path = format!("/feed{n}.xml");
        let route =
            Route::ok("application/rss+xml", feed(host, n)).with_etag(&format!("\"{n}\"")).delayed(delay);
        servers[host].route(&path, route);
        subscriptions
            .push_str(&format!("[[feed]]\ntitle = \"Feed {n}\"\nurl = \"{}\"\n\n", servers[host].url(&path)));
    }
    std::fs::write(config.join("feeds.toml"), subscriptions)?;
    let run = |label: &str| -> anyhow::Result<()> {
        let words = shell_words::split(&args.binary)?;
        let (program, rest) = words.split_first().ok_or_else(|| anyhow::anyhow!("no binary"))?;
        let started = Instant::now();
        let output = Command::new(program)
            .args(rest)
            .arg("fetch")
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .output()?;
        let wall = started.elapsed();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("{label}: {:.2} s wall · {}", wall.as_secs_f64(), stdout.trim());
        for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
            println!("   {line}");
        }
        Ok(())
    };
    println!("{} feeds on {} hosts, each answer delayed {} ms", args.feeds, args.hosts, args.delay);
    run("first fetch")?;
    let most = servers.iter().map(TestServer::most_in_flight).max().unwrap_or(0);
    let requests: usize = servers.iter().map(TestServer::requests).sum();
    println!("   {requests} requests, at most {most} at once on any one host");
    for (n, server) in servers
        .iter()
        .enumerate()
        .flat_map(|(h, s)| (0..args.feeds).filter(move |n| n % args.hosts == h).map(move |n| (n, s)))
    {
        let path = format!("/feed{n}.xml");
        server.route(
            &path,
            Route::ok("application/rss+xml", feed(n % args.hosts, n)).with_etag(&format!("\"{n}\"")),
        );
    }
    let files = |dir: &std::path::Path| walk(dir);
    let before = files(&home.path().join("data"));
    run("second fetch, nothing new, no delay")?;
    let conditional: usize = servers.iter().map(TestServer::conditional).sum();
    let requests_now: usize = servers.iter().map(TestServer::requests).sum();
    println!(
        "   {} requests, {conditional} conditional; article files written: {}",
        requests_now - requests,
        walk(&home.path().join("data"))
            .iter()
            .filter(|(path, modified)| before.iter().all(|(p, m)| p != path || m != modified))
            .count()
    );
    Ok(())
}

/// Every article file under `dir` (not the feeds' hidden state files)
/// with its modification time.
fn walk(dir: &std::path::Path) -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        } else if let Ok(modified) = entry.metadata().and_then(|m| m.modified()) {
            out.push((path, modified));
        }
    }
    out
}
