//! The reader on an indexed library, end to end: the real binary in a pty
//! starting from its index, following files that are added, changed,
//! renamed and deleted between runs and while it runs, showing a changed
//! file's new text, and surviving a damaged index.
#![cfg(unix)]

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use support::{Options, Session};

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    let before = fs::metadata(&path).and_then(|m| m.modified()).ok();
    fs::write(&path, text).unwrap();
    // A later modification time even where timestamps are coarse.
    let later = before.map_or(SystemTime::now(), |t| t + Duration::from_secs(2));
    fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
}

fn article(title: &str, body: &str) -> String {
    format!("{title}\n\nBy Ana Lind\n\n{body}\n")
}

struct Library {
    _dir: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
}

fn library() -> Library {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    fs::create_dir(&root).unwrap();
    write(&root, "a.txt", &article("Alpha pier reopens", "The first body, about the pier."));
    write(&root, "b.txt", &article("Bravo market", "Stalls and stalls."));
    write(&root, "c.txt", &article("Charlie tide tables", "Printed at last."));
    let cache = dir.path().join("cache");
    Library { _dir: dir, root, cache }
}

fn start(library: &Library) -> Session {
    let root = library.root.to_str().unwrap().to_owned();
    let cache = library.cache.to_str().unwrap().to_owned();
    Session::start(Options {
        args: &[&root],
        cols: 110,
        rows: 24,
        env: &[("XDG_CACHE_HOME", &cache)],
        ..Options::default()
    })
}

fn quit(mut s: Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_list_follows_the_files_between_runs_and_while_running() {
    let library = library();
    let s = start(&library);
    s.wait_for_text("Articles 3");
    s.wait_for_text("Charlie tide tables");
    quit(s);
    let index: Vec<_> = fs::read_dir(library.cache.join("broadsheet")).unwrap().collect();
    assert!(!index.is_empty(), "the index was written to the cache directory");

    // Between runs: a new file, a changed title, a rename, a deletion.
    let root = &library.root;
    write(root, "d.txt", &article("Delta ferry fares", "Fares rose."));
    write(root, "a.txt", &article("Alpha pier reopens on Friday", "The first body, about the pier."));
    fs::rename(root.join("b.txt"), root.join("b-moved.txt")).unwrap();
    fs::remove_file(root.join("c.txt")).unwrap();
    let mut s = start(&library);
    s.wait_for("the refreshed list", |screen| {
        let text = screen.contents();
        text.contains("Articles 3")
            && text.contains("Alpha pier reopens on Friday")
            && text.contains("Bravo market")
            && text.contains("Delta ferry fares")
            && !text.contains("Charlie")
    });

    // While running: R looks at the files again.
    write(root, "e.txt", &article("Echo night bus", "It runs again."));
    fs::remove_file(root.join("d.txt")).unwrap();
    s.send("R");
    s.wait_for("the list after R", |screen| {
        let text = screen.contents();
        text.contains("Echo night bus") && !text.contains("Delta") && text.contains("Articles 3")
    });

    // By title, the first article (Alpha) is shown; its file changes
    // under it: the new text shows when it is shown again, and after a
    // refresh.
    s.send("S");
    s.send("S");
    s.wait_for_text("Sorted by title");
    s.send("g");
    s.send("\r");
    s.wait_for_text("The first body, about the pier.");
    write(root, "a.txt", &article("Alpha pier reopens on Friday", "A second body, written later."));
    s.send("\x1b");
    // Esc followed at once by a key would read as Alt and that key.
    std::thread::sleep(Duration::from_millis(100));
    s.send("j");
    s.wait_for_text("Stalls and stalls.");
    s.send("k");
    s.wait_for_text("A second body, written later.");
    write(root, "a.txt", &article("Alpha pier reopens on Friday", "A third body, after the refresh."));
    s.send("R");
    s.wait_for_text("A third body, after the refresh.");
    quit(s);
}

#[test]
fn a_big_article_is_read_on_the_side_and_shown() {
    let library = library();
    let paragraph = "The harbour board met again and talked about the dredging for a long time. ";
    let body: String = (0..4000).map(|n| format!("{paragraph}{n}\n\n")).collect();
    write(&library.root, "0-big.txt", &article("Aardvark report in full", &body));
    let mut s = start(&library);
    s.wait_for_text("Articles 4");
    s.send("g");
    s.wait_for_text("The harbour board met again");
    s.send("G");
    s.wait_for_text("Charlie tide tables");
    quit(s);
}

#[test]
fn a_damaged_index_is_rebuilt_and_the_reader_opens() {
    let library = library();
    let s = start(&library);
    s.wait_for_text("Articles 3");
    quit(s);
    for entry in fs::read_dir(library.cache.join("broadsheet")).unwrap() {
        fs::write(entry.unwrap().path(), b"not a database at all, just some words").unwrap();
    }
    let s = start(&library);
    s.wait_for_text("building it again");
    s.wait_for_text("Articles 3");
    s.wait_for_text("Charlie tide tables");
    quit(s);
}

#[test]
fn without_a_usable_cache_every_file_is_read() {
    let library = library();
    // A file where the cache directory should be: no index can be made.
    fs::write(&library.cache, b"not a directory").unwrap();
    let s = start(&library);
    s.wait_for_text("Reading every file instead of the index");
    s.wait_for("the list, loaded", |screen| {
        let text = screen.contents();
        text.contains("Charlie tide tables") && text.contains("3 articles") && !text.contains("loading")
    });
    quit(s);
}
