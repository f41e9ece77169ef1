//! Several broadsheets on one library at once: readers started at the
//! same moment on a library with no index yet, and `broadsheet index`
//! beside them. One builds the index, the others follow it; every one
//! ends up listing every article, with no problem that is not there.
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use support::{Options, Session};

/// Articles enough that building the index takes a while.
const ARTICLES: usize = 600;

fn library(root: &Path) {
    for n in 0..ARTICLES {
        let dir = root.join(format!("{:02}", n % 12));
        std::fs::create_dir_all(&dir).unwrap();
        let text = format!(
            "Harbour note {n}\n\nBy Writer {}\n\nThe council met about the ferry for the {n}th time.\n\n\
             “We will see,” said Mayor Ola Berg. The tide was high and the market was busy.\n",
            n % 9
        );
        std::fs::write(dir.join(format!("{n:04}.txt")), text).unwrap();
    }
}

fn reader(root: &str, cache: &str, state: &str) -> Session {
    Session::start(Options {
        args: &[root],
        cols: 120,
        rows: 20,
        env: &[("XDG_CACHE_HOME", cache), ("XDG_STATE_HOME", state)],
        ..Options::default()
    })
}

/// Whether a reader shows the whole library, loaded, without problems.
fn shows_everything(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    text.contains(&format!("Articles {ARTICLES}"))
        && text.contains(&format!("{ARTICLES} articles"))
        && !text.contains("loading")
        && !text.contains("problem")
}

#[test]
fn four_readers_and_an_indexer_started_together_all_see_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let cache = dir.path().join("cache");
    let (root_text, cache_text) = (root.to_str().unwrap(), cache.to_str().unwrap());
    let states: Vec<PathBuf> = (0..4).map(|n| dir.path().join(format!("state-{n}"))).collect();
    let mut readers: Vec<Session> =
        states.iter().map(|state| reader(root_text, cache_text, state.to_str().unwrap())).collect();
    let indexer = Command::new(support::binary())
        .args(["index", root_text])
        .env("XDG_CACHE_HOME", cache_text)
        .output()
        .unwrap();
    assert!(indexer.status.success(), "{}", String::from_utf8_lossy(&indexer.stderr));
    let said = String::from_utf8_lossy(&indexer.stdout);
    assert!(said.contains(&format!("{ARTICLES} articles")), "{said}");
    for reader in &readers {
        reader.wait_for_within("every article, no problems", Duration::from_secs(60), shows_everything);
    }
    // Each still works: search, then quit cleanly.
    for reader in &mut readers {
        reader.send("/note 59");
        reader.wait_for("the search", |screen| screen.contents().contains("Harbour note 59"));
        reader.send("\r");
        reader.send("q");
        assert_eq!(reader.wait_exit(), 0);
    }
}

#[test]
fn indexers_started_together_build_one_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    library(&root);
    let cache = dir.path().join("cache");
    let run = || {
        Command::new(support::binary())
            .args(["index", root.to_str().unwrap()])
            .env("XDG_CACHE_HOME", &cache)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..4).map(|_| run()).collect();
    let mut parsed = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.contains(&format!("{ARTICLES} articles")), "{said}");
        parsed += said.split(" files read").next().unwrap().trim().parse::<usize>().unwrap();
    }
    // One of them read the files; the others found them indexed.
    assert_eq!(parsed, ARTICLES);
    let mut files: Vec<String> = std::fs::read_dir(cache.join("broadsheet"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".db"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "one index and its full-text file: {files:?}");
    assert_eq!(files[1], files[0].replace(".db", ".text.db"), "{files:?}");
}

/// The index file in a cache directory (the one that is not the full-text file).
fn index_in(cache: &Path) -> Option<PathBuf> {
    std::fs::read_dir(cache.join("broadsheet"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "db") && !p.to_string_lossy().ends_with(".text.db"))
}

#[test]
fn an_index_build_killed_midway_is_finished_by_the_next_and_search_agrees() {
    use broadsheet::library::index::catalog::{Catalog, ListSpec};
    use broadsheet::library::search::Query;
    const MANY: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    for n in 0..MANY {
        let folder = root.join(format!("{:02}", n % 20));
        std::fs::create_dir_all(&folder).unwrap();
        // A word of its own per article ("zq17x"), and one all share.
        let text = format!("Quay report {n}\n\nBy Writer {}\n\nThe quay saw zq{n}x today.\n", n % 7);
        std::fs::write(folder.join(format!("{n:04}.txt")), text).unwrap();
    }
    let cache = dir.path().join("cache");
    let index = |cache: &Path| {
        Command::new(support::binary())
            .args(["index", root.to_str().unwrap()])
            .env("XDG_CACHE_HOME", cache)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // Killed once some chunks are stored and more are to come.
    let mut first = index(&cache);
    let stored = |cache: &Path| -> usize {
        let Some(path) = index_in(cache) else { return 0 };
        Catalog::open(&path, None).ok().and_then(|c| c.counts().ok()).map_or(0, |c| c.articles)
    };
    let started = std::time::Instant::now();
    while stored(&cache) == 0 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let partial = stored(&cache);
    assert!(partial > 0 && partial < MANY, "killed midway, after {partial} articles");
    let second = index(&cache).wait().unwrap();
    assert!(second.success());
    let catalog = Catalog::open(&index_in(&cache).unwrap(), None).unwrap();
    let count =
        |query: &str| catalog.count(&ListSpec { query: Query::parse(query), ..ListSpec::default() }).unwrap();
    assert_eq!(catalog.counts().unwrap().articles, MANY, "killed after {partial}");
    assert_eq!(count("quay"), MANY);
    for n in (0..MANY).step_by(97) {
        assert_eq!(count(&format!("zq{n}x")), 1, "zq{n}x, killed after {partial}");
        assert_eq!(count(&format!("zq{n}x writer")), 1);
    }
}
