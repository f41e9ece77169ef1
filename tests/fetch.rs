//! Fetching, end to end: the real binary against loopback servers the
//! tests start (and which stop by themselves), with real feeds, every
//! kind of failure, and the library compared before and after.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use broadsheet::fetch::test_server::{Route, TestServer};

const LIFETIME: Duration = Duration::from_secs(120);

/// A home of its own: config, data, state and cache directories.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("config/broadsheet")).unwrap();
        fs::write(dir.path().join("config/broadsheet/config.toml"), config).unwrap();
        Self { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .output()
            .expect("run broadsheet")
    }

    fn feeds_toml(&self) -> PathBuf {
        self.dir.path().join("config/broadsheet/feeds.toml")
    }

    fn subscribe(&self, feeds: &[(&str, &str)]) {
        let text: String = feeds
            .iter()
            .map(|(title, url)| format!("[[feed]]\ntitle = \"{title}\"\nurl = \"{url}\"\n\n"))
            .collect();
        fs::write(self.feeds_toml(), text).unwrap();
    }

    fn feeds_dir(&self) -> PathBuf {
        self.dir.path().join("data/broadsheet/feeds")
    }

    /// Every stored article file and its bytes.
    fn library(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        for entry in walk(&self.feeds_dir()) {
            let name = entry.strip_prefix(self.feeds_dir()).unwrap().to_string_lossy().into_owned();
            if !name.rsplit('/').next().unwrap().starts_with('.') {
                files.insert(name, fs::read(&entry).unwrap());
            }
        }
        files
    }

    /// `broadsheet export` of the fetched articles, a record each, with
    /// what it said on standard error.
    fn exported(&self) -> (Vec<serde_json::Value>, String) {
        let exported = self.run(&["export", self.feeds_dir().to_str().unwrap()]);
        let records = String::from_utf8(exported.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (records, String::from_utf8_lossy(&exported.stderr).into_owned())
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const QUICK: &str = "[feeds]\ntimeout = 3\nmax_bytes = 65536\n";

fn rss(items: usize, suffix: &str) -> String {
    let items: String = (1..=items)
        .map(|i| {
            format!(
                "<item><title>Harbour note {i}{suffix}</title><guid isPermaLink=\"false\">harbour-{i}</guid>\
                 <link>https://harbour.example/notes/{i}</link><author>desk@harbour.example (Ines Vasquez)</author>\
                 <pubDate>Mon, 0{i} Sep 2025 08:00:00 +0200</pubDate>\
                 <description>&lt;p&gt;The ferry ran {i} times.&lt;/p&gt;&lt;p&gt;“We kept going,” said Tomas Berg.&lt;/p&gt;</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Harbour Ledger</title>{items}</channel></rss>"
    )
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title><id>urn:valley</id>
<entry><id>urn:valley:1</id><title>Bridge reopens</title><updated>2025-09-02T10:00:00Z</updated>
<author><name>Marta Nowak</name></author><content type="html">&lt;p&gt;Traffic is back on the bridge.&lt;/p&gt;</content></entry>
<entry><id>urn:valley:2</id><title>Mill closes</title><updated>2025-09-03T10:00:00Z</updated>
<summary>The mill stops after a century.</summary></entry></feed>"#;

const JSON_FEED: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Coast Daily",
 "items": [{"id": "c1", "title": "Seals counted", "content_text": "Forty seals on the sandbank.", "date_published": "2025-09-04T07:00:00Z"}]}"#;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn fetched_items_become_library_articles_and_a_refetch_is_conditional() {
    let server = TestServer::start(LIFETIME);
    server.route("/rss", Route::ok("application/rss+xml", rss(3, "")).with_etag("\"r1\""));
    server.route("/atom", Route::ok("application/atom+xml", ATOM).with_etag("\"a1\""));
    server.route(
        "/json",
        Route::ok("application/feed+json", gzip(JSON_FEED.as_bytes()))
            .header("Content-Encoding", "gzip")
            .with_etag("\"j1\""),
    );
    let home = Home::new(QUICK);
    home.subscribe(&[
        ("Harbour Ledger", &server.url("/rss")),
        ("Valley Post", &server.url("/atom")),
        ("Coast Daily", &server.url("/json")),
    ]);

    let first = home.run(&["fetch"]);
    let (out, err) = text(&first);
    assert!(first.status.success(), "{out}\n{err}");
    assert_eq!(out.trim(), "3 feeds, 6 new articles, 0 failed");
    assert!(server.counts.user_agent.lock().unwrap().starts_with("broadsheet/"));

    // The stored files are ordinary articles: read them back.
    let (records, stderr) = home.exported();
    assert_eq!(records.len(), 6, "{stderr}");
    let note = records.iter().find(|r| r["title"] == "Harbour note 2").unwrap();
    assert_eq!(note["authors"], serde_json::json!(["Ines Vasquez"]));
    assert_eq!(note["source"], "Harbour Ledger");
    assert_eq!(note["url"], "https://harbour.example/notes/2");
    assert_eq!(note["date"], "2025-09-02T08:00:00+02:00");
    assert_eq!(note["quotes"][0]["speaker"], "Tomas Berg");
    assert!(
        records
            .iter()
            .any(|r| r["title"] == "Seals counted" && r["paragraphs"][0] == "Forty seals on the sandbank.")
    );
    assert!(stderr.is_empty(), "no warnings: {stderr}");

    // Nothing new: every request conditional, no file written.
    let before = home.library();
    let requests = server.requests();
    let second = home.run(&["fetch"]);
    assert_eq!(text(&second).0.trim(), "3 feeds, 0 new articles, 0 failed");
    assert_eq!(server.requests() - requests, 3);
    assert_eq!(server.conditional(), 3, "every second request is conditional");
    assert_eq!(home.library(), before);

    // A changed item is rewritten, a new one added, one that left stays.
    server.route(
        "/rss",
        Route::ok("application/rss+xml", rss(4, "").replace("Harbour note 1<", "Harbour note 1, corrected<"))
            .with_etag("\"r2\""),
    );
    let third = home.run(&["fetch", "Harbour Ledger"]);
    assert_eq!(text(&third).0.trim(), "1 feed, 1 new article, 1 updated, 0 failed");
    let after = home.library();
    assert_eq!(after.len(), 7);
    assert!(after.values().any(|bytes| String::from_utf8_lossy(bytes).contains("Harbour note 1, corrected")));

    // The list knows each feed.
    let list = home.run(&["feeds", "list"]);
    let feeds: Vec<serde_json::Value> =
        String::from_utf8(list.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(feeds.len(), 3);
    assert_eq!(feeds[0]["title"], "Harbour Ledger");
    assert_eq!(feeds[0]["articles"], 4);
    assert_eq!(feeds[0]["last_status"], "ok");
    assert!(feeds[0]["last_fetched"].as_str().is_some_and(|t| t.starts_with("20")));
}

#[test]
fn every_failure_is_one_clear_line_exit_1_and_nothing_stored_is_lost() {
    let server = TestServer::start(LIFETIME);
    let kinds = [
        "not-found",
        "gone",
        "busy",
        "broken",
        "stalled",
        "loop",
        "oversize",
        "bomb",
        "bad-xml",
        "html-page",
    ];
    for kind in kinds {
        server.route(&format!("/{kind}"), Route::ok("application/rss+xml", rss(2, &format!(" ({kind})"))));
    }
    let home = Home::new(QUICK);
    let feeds: Vec<(String, String)> =
        kinds.iter().map(|k| (k.to_string(), server.url(&format!("/{k}")))).collect();
    let pairs: Vec<(&str, &str)> = feeds.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    home.subscribe(&pairs);
    let first = home.run(&["fetch"]);
    assert!(first.status.success(), "{:?}", text(&first));
    let before = home.library();
    assert_eq!(before.len(), 20);

    server.route("/not-found", Route::status(404));
    server.route("/gone", Route::status(410));
    server.route("/busy", Route::status(429).header("Retry-After", "1"));
    server.route("/broken", Route::status(500));
    server.route(
        "/stalled",
        Route { stall: true, ..Route::ok("application/rss+xml", rss(2, "").into_bytes()) },
    );
    server.route("/loop", Route::status(301).header("Location", "/loop2"));
    server.route("/loop2", Route::status(302).header("Location", "/loop"));
    server.route("/oversize", Route::ok("application/rss+xml", rss(2, &"x".repeat(70_000))));
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    bomb.write_all(b"<rss version=\"2.0\"><channel><title>").unwrap();
    bomb.write_all(&vec![b'a'; 8 << 20]).unwrap();
    server.route(
        "/bomb",
        Route::ok("application/rss+xml", bomb.finish().unwrap()).header("Content-Encoding", "gzip"),
    );
    server.route("/bad-xml", Route::ok("application/rss+xml", "<rss><channel><item><title>cut"));
    server.route(
        "/html-page",
        Route::ok("text/html", "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/real.xml\"></head><body>Hi</body></html>"),
    );
    let second = home.run(&["fetch"]);
    let (out, err) = text(&second);
    assert_eq!(second.status.code(), Some(1), "{out}\n{err}");
    assert_eq!(out.trim(), "10 feeds, 0 new articles, 10 failed");
    let lines: Vec<&str> = err.lines().collect();
    let line_of = |kind: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(&format!("{kind}: ")))
            .copied()
            .unwrap_or_else(|| panic!("no line for {kind}: {err}"))
    };
    assert_eq!(line_of("not-found"), "not-found: 404 Not Found");
    assert!(line_of("gone").contains("410 Gone") && line_of("gone").contains("feeds remove"));
    assert!(line_of("busy").contains("429") && line_of("busy").contains("Too Many Requests"));
    assert_eq!(line_of("broken"), "broken: 500 Internal Server Error");
    assert!(line_of("stalled").contains("timed out"), "{}", line_of("stalled"));
    assert!(line_of("loop").contains("redirect loop"));
    assert!(line_of("oversize").contains("over 65536 bytes"));
    assert!(line_of("bomb").contains("decompresses to over 65536 bytes"));
    assert!(line_of("bad-xml").starts_with("bad-xml: line 1: "), "{}", line_of("bad-xml"));
    assert!(
        line_of("html-page").contains("an HTML page, not a feed")
            && line_of("html-page").contains("/real.xml")
    );
    assert_eq!(lines.len(), 10, "one line per failed feed: {err}");
    assert_eq!(home.library(), before, "every stored article intact");
    // The busy server was asked again, as it said, before giving up.
    let list = String::from_utf8(home.run(&["feeds", "list"]).stdout).unwrap();
    assert!(list.contains("\"last_status\":\"404 Not Found\""), "{list}");
}

#[test]
fn a_charset_the_server_gets_wrong_is_read_right_and_a_permanent_move_is_kept() {
    let server = TestServer::start(LIFETIME);
    let latin1: Vec<u8> = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\u{e9}</title>\
        <item><title>Cr\u{e8}me br\u{fb}l\u{e9}e</title><guid>1</guid><description>D\u{e9}j\u{e0} vu.</description></item></channel></rss>"
        .chars()
        .map(|c| c as u8)
        .collect();
    server.route("/new", Route::ok("text/xml; charset=utf-8", latin1));
    server.route("/old", Route::status(301).header("Location", "/new"));
    let home = Home::new(QUICK);
    home.subscribe(&[("Cafe", &server.url("/old"))]);
    let out = home.run(&["fetch"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stderr.contains("moved permanently"), "{stderr}");
    assert!(fs::read_to_string(home.feeds_toml()).unwrap().contains(&server.url("/new")));
    let stored: Vec<String> =
        home.library().values().map(|b| String::from_utf8(b.clone()).unwrap()).collect();
    assert!(stored[0].contains("Crème brûlée") && stored[0].contains("Déjà vu"), "{}", stored[0]);
}

#[test]
fn feeds_add_finds_the_feed_a_page_links_to_and_opml_round_trips() {
    let server = TestServer::start(LIFETIME);
    server.route("/feed.xml", Route::ok("application/rss+xml", rss(1, "")));
    server.route(
        "/",
        Route::ok("text/html", "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body>News</body></html>"),
    );
    server.route("/nothing", Route::ok("text/html", "<html><body>No feed here</body></html>"));
    let home = Home::new(QUICK);
    let added = home.run(&["feeds", "add", &server.url("/"), "--tag", "local"]);
    assert!(added.status.success(), "{:?}", text(&added));
    let toml = fs::read_to_string(home.feeds_toml()).unwrap();
    assert!(
        toml.contains(&server.url("/feed.xml")) && toml.contains("Harbour Ledger") && toml.contains("local"),
        "{toml}"
    );
    let refused = home.run(&["feeds", "add", &server.url("/nothing")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused).1.contains("not a feed"));

    let exported = home.run(&["feeds", "export"]);
    let opml = String::from_utf8(exported.stdout).unwrap();
    assert!(opml.contains("<opml version=\"2.0\">") && opml.contains("xmlUrl="), "{opml}");
    let removed = home.run(&["feeds", "remove", "Harbour Ledger"]);
    assert!(removed.status.success());
    assert!(!fs::read_to_string(home.feeds_toml()).unwrap().contains("feed.xml"));
    let file = home.dir.path().join("subs.opml");
    fs::write(&file, opml).unwrap();
    let imported = home.run(&["feeds", "import", file.to_str().unwrap()]);
    assert!(text(&imported).0.contains("Imported 1 of 1"), "{:?}", text(&imported));
    let toml = fs::read_to_string(home.feeds_toml()).unwrap();
    assert!(toml.contains(&server.url("/feed.xml")) && toml.contains("local"), "{toml}");
    // An error in feeds.toml names its line.
    fs::write(home.feeds_toml(), "[[feed]]\nurl = \"https://a.example/rss\"\nfull_txt = true\n").unwrap();
    let broken = home.run(&["fetch"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(text(&broken).1.contains("feeds.toml:3:1"), "{:?}", text(&broken));
}

#[test]
fn many_feeds_on_many_hosts_never_more_than_two_at_once_per_host() {
    let servers: Vec<TestServer> = (0..10).map(|_| TestServer::start(LIFETIME)).collect();
    let mut feeds = Vec::new();
    for (s, server) in servers.iter().enumerate() {
        for f in 0..6 {
            let path = format!("/feed{f}");
            server.route(
                &path,
                Route::ok("application/rss+xml", rss(1, &format!(" {s}-{f}")))
                    .delayed(Duration::from_millis(100)),
            );
            feeds.push((format!("Feed {s}-{f}"), server.url(&path)));
        }
    }
    let home = Home::new(QUICK);
    let pairs: Vec<(&str, &str)> = feeds.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    home.subscribe(&pairs);
    let out = home.run(&["fetch"]);
    assert_eq!(text(&out).0.trim(), "60 feeds, 60 new articles, 0 failed");
    for server in &servers {
        assert_eq!(server.requests(), 6);
        assert!(
            server.most_in_flight() <= 2,
            "at most two at once per host, saw {}",
            server.most_in_flight()
        );
    }
    assert!(servers.iter().any(|s| s.most_in_flight() == 2), "hosts are fetched two at a time");
}

#[test]
fn full_text_stores_each_item_s_page_and_keeps_the_summary_of_a_page_that_fails() {
    let server = TestServer::start(LIFETIME);
    let item = |n: usize, link: &str| {
        format!(
            "<item><title>Harbour story {n}</title><guid>story-{n}</guid><link>{link}</link>\
             <author>desk@harbour.example (Ines Vasquez)</author><description>Only a summary, {n}.</description></item>"
        )
    };
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>Harbour</title>{}{}</channel></rss>",
        item(1, &server.url("/story/1")),
        item(2, &server.url("/story/2"))
    );
    server.route("/feed", Route::ok("application/rss+xml", feed));
    let page = "<!DOCTYPE html><html><head><title>Harbour story 1 | The Harbour Ledger</title>\
        <meta property=\"article:published_time\" content=\"2025-09-02T08:00:00Z\"></head><body>\
        <nav>Home · Sport · Weather</nav><article><h1>Harbour story 1</h1>\
        <p>The whole story starts here, with the ferry leaving at dawn and the gulls following it out past the breakwater.</p>\
        <p>It goes on with the harbourmaster counting boats, as she has every morning for eleven years, in a notebook.</p>\
        <p>“Nothing changes here except the weather,” she said, closing the notebook and looking out at the grey water.</p>\
        </article><footer>Subscribe to our newsletter</footer></body></html>";
    server.route("/story/1", Route::ok("text/html; charset=utf-8", page));
    server.route("/story/2", Route::status(500));
    let home = Home::new(QUICK);
    fs::write(
        home.feeds_toml(),
        format!("[[feed]]\ntitle = \"Harbour\"\nurl = \"{}\"\nfull_text = true\n", server.url("/feed")),
    )
    .unwrap();
    let out = home.run(&["fetch"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert_eq!(stdout.trim(), "1 feed, 2 new articles, 0 failed");
    assert!(
        stderr.contains("full text of") && stderr.contains("500") && stderr.contains("summary is kept"),
        "{stderr}"
    );
    let (records, _) = home.exported();
    let one = records.iter().find(|r| r["title"] == "Harbour story 1").unwrap();
    let paragraphs: Vec<&str> =
        one["paragraphs"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(paragraphs.iter().any(|p| p.starts_with("The whole story starts here")), "{paragraphs:?}");
    assert!(
        !paragraphs.iter().any(|p| p.contains("Subscribe") || p.contains("Only a summary")),
        "{paragraphs:?}"
    );
    assert_eq!(
        one["authors"],
        serde_json::json!(["Ines Vasquez"]),
        "the feed's author where the page names none"
    );
    let two = records.iter().find(|r| r["title"] == "Harbour story 2").unwrap();
    assert_eq!(two["paragraphs"], serde_json::json!(["Only a summary, 2."]));
    assert_eq!(server.requests(), 3, "the feed and each new item's page, once");
    // A second fetch asks for no page again: both items are known.
    home.run(&["fetch"]);
    assert_eq!(server.requests(), 4);
}
