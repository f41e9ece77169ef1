//! The reader while news arrives: `F` fetches in the background and the
//! new articles join the list with the reader left where it was; a file
//! copied into the library by anything shows up by itself.

mod support;

use std::fs;
use std::time::Duration;

use broadsheet::fetch::test_server::{Route, TestServer};
use support::{Options, Session};

fn rss(items: usize) -> String {
    let items: String = (1..=items)
        .map(|i| {
            format!(
                "<item><title>Tide bulletin {i}</title><guid>tide-{i}</guid>\
                 <pubDate>Mon, 0{i} Sep 2025 08:00:00 +0000</pubDate>\
                 <description>High water at {i} o'clock.</description></item>"
            )
        })
        .collect();
    format!("<rss version=\"2.0\"><channel><title>Tide Office</title>{items}</channel></rss>")
}

#[test]
fn f_fetches_in_the_background_and_the_reader_stays_put() {
    let server = TestServer::start(Duration::from_secs(60));
    server.route("/tides", Route::ok("application/rss+xml", rss(3)).delayed(Duration::from_millis(300)));
    server.route("/missing", Route::status(404));
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/broadsheet");
    fs::create_dir_all(&config).unwrap();
    let library = home.path().join("articles");
    fs::create_dir_all(&library).unwrap();
    fs::write(
        library.join("pier.txt"),
        "Pier repairs finish early\n\nBy Ana Lind\n\nThe pier opens on Friday.\n",
    )
    .unwrap();
    fs::write(config.join("config.toml"), format!("[library]\npaths = [{:?}]\n", library.to_str().unwrap()))
        .unwrap();
    fs::write(
        config.join("feeds.toml"),
        format!(
            "[[feed]]\ntitle = \"Tide Office\"\nurl = \"{}\"\n\n[[feed]]\ntitle = \"Lost Feed\"\nurl = \"{}\"\n",
            server.url("/tides"),
            server.url("/missing")
        ),
    )
    .unwrap();
    let (config_home, data_home) = (home.path().join("config"), home.path().join("data"));
    let mut s = Session::start(Options {
        cols: 120,
        rows: 30,
        env: &[
            ("XDG_CONFIG_HOME", config_home.to_str().unwrap()),
            ("XDG_DATA_HOME", data_home.to_str().unwrap()),
        ],
        ..Options::default()
    });
    s.wait_for_text("Articles 1");
    s.send("\r");
    s.wait_for_text("The pier opens on Friday.");
    s.send("F");
    s.wait_for_text("fetching");
    s.wait_for_text("2 feeds, 3 new articles, 1 failed");
    s.wait_for_text("Articles 4");
    s.wait_for("the reader still on the same article, focused", |screen| {
        let text = screen.contents();
        text.contains("The pier opens on Friday.")
            && text.contains("Tide bulletin 3")
            && text.lines().last().is_some_and(|l| l.trim_end().ends_with('%'))
    });
    s.send("!");
    s.wait_for_text("Lost Feed");
    s.wait_for_text("404 Not Found");
    s.send("q");
    // The sources view: the feed with its counts and its last fetch.
    s.send("O");
    s.wait_for_text("Sources 2");
    s.wait_for("the feed's row, and the failing feed's after it", |screen| {
        let text = screen.contents();
        text.contains("Tide Office")
            && text.contains("3 articles · 3 unread")
            && text.contains("fetched 20")
            && text.contains("Lost Feed")
            && text.contains("0 articles · 0 unread")
            && text.contains("404 Not Found")
    });
    s.send("\r");
    s.wait_for_text("Articles 3");
    s.send("q");
    s.send("q");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    assert_eq!(server.requests(), 2);
}

#[test]
fn a_file_copied_into_the_library_appears_by_itself() {
    let library = tempfile::tempdir().unwrap();
    fs::write(
        library.path().join("first.txt"),
        "Harbour crane returns\n\nBy Ana Lind\n\nThe crane is back.\n",
    )
    .unwrap();
    let mut s = Session::start(Options {
        args: &[library.path().to_str().unwrap()],
        cols: 100,
        ..Options::default()
    });
    s.wait_for_text("Articles 1");
    std::thread::sleep(Duration::from_millis(300));
    let outside = tempfile::tempdir().unwrap();
    let file = outside.path().join("second.md");
    fs::write(&file, "# Night ferry cancelled\n\nStorm warnings kept the ferry in port.\n").unwrap();
    fs::copy(&file, library.path().join("second.md")).unwrap();
    s.wait_for_within("the copied file listed without R", Duration::from_secs(2), |screen| {
        screen.contents().contains("Night ferry cancelled")
    });
    s.wait_for_text("Articles 2");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
