//! The reader on a library of saved pages, feeds and a dataset, end to
//! end: the real binary in a pty, an index built from them, and each kind
//! opened in the reader with its text (a dataset row read back from its
//! place in the file).
#![cfg(unix)]

mod support;

use std::fs;
use std::path::Path;

use support::{Options, Session};

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/formats"))
}

/// Searches for `query`, opens the first match and waits for `text` in
/// the reader; then back to the full list.
fn open_by_search(s: &mut Session, query: &str, text: &str) {
    s.send("/");
    s.send(query);
    s.send("\r");
    s.wait_for(&format!("one match for {query:?}"), |screen| screen.contents().contains("Articles 1 "));
    s.send("\r");
    s.wait_for(&format!("{text:?} in the reader"), |screen| {
        let contents = screen.contents();
        contents.contains(text) && contents.lines().last().is_some_and(|l| l.trim_end().ends_with('%'))
    });
    // Esc twice, apart: back to the list, then the search cleared (an Esc
    // right before the next key would read as Alt with it).
    s.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(50));
    s.send("\x1b");
    s.wait_for("the whole list again", |screen| screen.contents().contains("Articles 6 "));
    std::thread::sleep(std::time::Duration::from_millis(50));
}

#[test]
fn a_page_a_feed_item_and_a_dataset_row_open_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    fs::create_dir(&root).unwrap();
    for file in [
        "pages/jsonld-newsarticle.html",
        "feeds/rss-20.xml",
        "feeds/windows-1251.xml",
        "datasets/all-the-news.csv",
    ] {
        let name = Path::new(file).file_name().unwrap();
        fs::copy(fixtures().join(file), root.join(name)).unwrap();
    }
    let cache = dir.path().join("cache");
    let (root, cache) = (root.to_str().unwrap().to_owned(), cache.to_str().unwrap().to_owned());
    let mut s = Session::start(Options {
        args: &[&root],
        cols: 120,
        rows: 40,
        env: &[("XDG_CACHE_HOME", &cache)],
        ..Options::default()
    });
    // 1 page, 1 + 1 feed items, 3 dataset rows.
    s.wait_for("every article listed", |screen| {
        let contents = screen.contents();
        contents.contains("Articles 6 ") && !contents.contains("loading")
    });
    open_by_search(&mut s, "eelgrass", "Divers from the harbour club counted more than four thousand");
    open_by_search(&mut s, "engineers", "Engineers put the cost at €4.2 million.");
    open_by_search(&mut s, "паром", "Первый рейс ушёл в семь утра.");
    // The last row of the dataset, read from its offset in the file.
    open_by_search(&mut s, "ferry prices", "Fares rise ten percent in May.");
    open_by_search(&mut s, "lighthouse keeper", "After forty winters he hands over the keys.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
