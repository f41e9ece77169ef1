//! Search and the reading state, end to end: the real binary in a pty, a
//! real state file, restarts and kill -9.
#![cfg(unix)]

mod support;

use std::path::Path;
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use support::{Options, Session};

fn start(state: &Path) -> Session {
    start_sized(state, 32)
}

fn start_sized(state: &Path, rows: u16) -> Session {
    let args = ["--state", state.to_str().unwrap()];
    let s = Session::start(Options { args: &args, cols: 110, rows, ..Options::default() });
    // The sample library has loaded.
    s.wait_for_text("Articles 24");
    s
}

#[test]
fn search_narrows_the_list_and_n_walks_the_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = start(&dir.path().join("state.db"));
    s.wait_for_text("Articles 24");
    s.send("/");
    s.send("lindqvist");
    s.wait_for_text("“lindqvist” 2 matches");
    s.wait_for_text("Articles 2");
    s.send("\r");
    s.send("n");
    s.wait_for("the reader on the first match", |screen| {
        screen.contents().lines().last().is_some_and(|l| l.trim_end().ends_with('%'))
    });
    for _ in 0..6 {
        s.send("n");
    }
    s.wait_for("the second matching article", |screen| {
        screen.contents().contains("Quay Street bridge to close")
    });
    std::thread::sleep(Duration::from_millis(50));
    s.send("\x1b");
    std::thread::sleep(Duration::from_millis(50));
    s.send("\x1b");
    s.wait_for_text("Articles 24");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn marks_and_position_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.db");
    // Short enough that the article scrolls.
    let mut s = start_sized(&state, 16);
    s.wait_for_text("24 unread");
    // Bookmark the newest article, open it and scroll: read, with a position.
    s.send("s");
    s.wait_for_text("Bookmarked:");
    s.send("\r");
    s.send("jjjjj");
    s.wait_for_text("23 unread");
    // The reader's first text row (the list pane takes the first 41 columns).
    let top_line = |screen: &vt100::Screen| {
        screen.contents().lines().nth(2).unwrap_or_default().chars().skip(44).collect::<String>()
    };
    let before = top_line(s.parser.lock().unwrap().screen());
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let mut s = start_sized(&state, 16);
    s.wait_for_text("23 unread");
    s.wait_for_text("★");
    // The last session reopens the article where it was left.
    s.wait_for("the reader at the saved position", |screen| top_line(screen) == before);
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_corrupt_state_file_still_opens_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.db");
    let garbage = b"definitely not sqlite".repeat(100);
    std::fs::write(&state, &garbage).unwrap();
    let mut s = start(&state);
    s.wait_for_text("Reading without saving: state file");
    // Marks still work for the session.
    s.send("s");
    s.wait_for_text("★");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read(&state).unwrap(), garbage, "the bad file is left untouched");
}

/// Bookmarks articles one after another and kills the process with
/// SIGKILL at a different moment each round: the file stays sound, every
/// bookmark the screen had shown is in it, and at most the keys still in
/// flight are missing.
#[test]
fn kill_dash_nine_loses_at_most_the_last_action() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..4u64 {
        let state = dir.path().join(format!("state-{round}.db"));
        let mut s = start(&state);
        let confirmed = 2 + round as usize;
        s.send("G");
        for n in 0..confirmed {
            if n > 0 {
                s.send("k");
            }
            s.send("s");
            s.wait_for(&format!("{} bookmarks on screen", n + 1), |screen| {
                screen.contents().matches('★').count() == n + 1
            });
        }
        // More keys in flight, then the kill, after a varying delay.
        s.send("kskskss");
        std::thread::sleep(Duration::from_millis(round * 7));
        kill(Pid::from_raw(s.pid()), Signal::SIGKILL).unwrap();
        s.wait_exit();
        drop(s);

        let conn = rusqlite::Connection::open(&state).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "round {round}");
        let bookmarks: i64 =
            conn.query_row("SELECT count(*) FROM marks WHERE bookmarked = 1", [], |r| r.get(0)).unwrap();
        let bookmarks = bookmarks as usize;
        assert!(
            (confirmed..=confirmed + 3).contains(&bookmarks),
            "round {round}: {bookmarks} bookmarks stored, {confirmed} confirmed on screen"
        );
    }
}

#[test]
fn an_unwritable_state_directory_is_reported_not_fatal() {
    // Nothing can create a directory under /proc, root included.
    let state = Path::new("/proc/broadsheet-test/state.db");
    let mut s = start(state);
    s.wait_for_text("Reading without saving: state file /proc/broadsheet-test/state.db");
    s.send("s");
    s.wait_for_text("★");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigterm_saves_the_session_before_leaving() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.db");
    let mut s = start(&state);
    s.send("jjj");
    s.wait_for_text("4/24");
    kill(Pid::from_raw(s.pid()), Signal::SIGTERM).unwrap();
    assert_eq!(s.wait_exit(), 143);
    s.assert_restored();
    let conn = rusqlite::Connection::open(&state).unwrap();
    let selected: String =
        conn.query_row("SELECT value FROM session WHERE key = 'selected'", [], |r| r.get(0)).unwrap();
    assert_eq!(selected.len(), 16, "the selected article's id was saved");
    drop(conn);
    let mut s = start(&state);
    s.wait_for_text("4/24");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
