//! End-to-end: the real binary in a pseudo-terminal, driven with real keys.
#![cfg(unix)]

mod support;

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use support::{Options, Session};

/// The sample library's second-newest article (the list is newest first).
const SECOND_TITLE: &str = "A night at the library";

#[test]
fn read_an_article_page_to_its_end_go_back_and_quit() {
    let mut s = Session::start(Options::default());
    s.wait_for_text("Articles 24");
    assert!(s.parser.lock().unwrap().screen().alternate_screen());

    s.send("j");
    s.send("\r");
    s.wait_for("the reader focused on the second article", |screen| {
        let text = screen.contents();
        text.contains("Reading") && text.lines().nth(2).is_some_and(|l| l.contains(SECOND_TITLE))
    });
    s.send(" ");
    s.send("G");
    s.wait_for_text("100%");
    s.wait_for_text("go fast.");

    s.send("\x1b");
    s.wait_for("the list focused again", |screen| {
        screen.contents().lines().next().is_some_and(|l| l.trim_end().ends_with("Articles"))
    });

    s.send("?");
    s.wait_for_text("Everywhere");
    s.wait_for_text("Switch focus between list and reader");
    s.send("?");
    s.wait_for("help closed", |screen| !screen.contents().contains("Everywhere"));

    s.resize(60, 20);
    s.wait_for("the narrow layout (list only)", |screen| {
        let text = screen.contents();
        !text.contains("Reader") && text.contains("Articles 24")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    // The program never asks the terminal anything (cursor position,
    // device attributes): replies would arrive as keys.
    let raw = s.raw.lock().unwrap();
    let output = String::from_utf8_lossy(&raw);
    for query in ["\x1b[6n", "\x1b[c", "\x1b[>c", "\x1b[>0q"] {
        assert!(!output.contains(query), "sent the query {query:?}");
    }
}

#[test]
fn tiny_terminals_get_a_notice_not_a_panic() {
    let mut s = Session::start(Options { cols: 10, rows: 3, ..Options::default() });
    s.wait_for_text("Terminal");
    s.resize(100, 30);
    s.wait_for_text("Articles 24");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

fn signal_test(signal: Signal, expected: u32) {
    let mut s = Session::start(Options::default());
    s.wait_for_text("Articles 24");
    kill(Pid::from_raw(s.pid()), signal).expect("send the signal");
    assert_eq!(s.wait_exit(), expected);
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_test(Signal::SIGTERM, 143);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_test(Signal::SIGHUP, 129);
}

#[test]
fn sigint_restores_the_terminal() {
    signal_test(Signal::SIGINT, 130);
}

#[test]
fn a_panic_restores_the_terminal_and_exits_101() {
    let mut s = Session::start(Options { env: &[("BROADSHEET_TEST_PANIC", "1")], ..Options::default() });
    assert_eq!(s.wait_exit(), 101);
    s.assert_restored();
    s.wait_for_text("panic requested for testing");
}

#[test]
fn closing_the_terminal_ends_the_program() {
    let mut s = Session::start(Options::default());
    s.wait_for_text("Articles 24");
    s.close_pty();
    let started = Instant::now();
    s.wait_exit();
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
}

#[test]
fn mouse_wheel_and_click() {
    let mut s = Session::start(Options::default());
    s.wait_for_text("Articles 24");
    // SGR mouse: a left click on the third article's title row (1-based
    // coordinates: column 5, row 7 = the list's third entry).
    s.send("\x1b[<0;5;7M\x1b[<0;5;7m");
    s.wait_for_text("3/24");
    // The wheel over the reader scrolls it.
    s.send("\x1b[<65;70;10M");
    s.wait_for("the reader scrolled", |screen| {
        !screen.contents().contains(" 0% ") && screen.contents().contains('%')
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn escape_sequences_in_an_article_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.txt"),
        "Harmless\x1b]0;pwned\x07 title\n\nBody \x1b[2J\x1b[H text \x1b]52;c;cm0gLXJmIH4K\x07 end.\n\nMore \u{202e}text\u{202c} here.\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let mut s = Session::start(Options { args: &[path], ..Options::default() });
    s.wait_for_text("Harmless title");
    s.send("\r");
    s.wait_for_text("Body text end.");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let parser = s.parser.lock().unwrap();
    assert!(parser.callbacks().titles.is_empty(), "title changed: {:?}", parser.callbacks().titles);
    assert!(parser.callbacks().clipboard.is_empty(), "clipboard written");
    drop(parser);
    let raw = s.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("pwned") && !text.contains('\u{202e}'));
}

#[test]
fn the_reader_refuses_to_run_without_a_terminal() {
    let output = std::process::Command::new(support::binary()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a terminal") && stderr.contains("broadsheet export"), "{stderr}");
}

#[test]
fn ctrl_z_suspends_and_fg_resumes_with_a_full_redraw() {
    // Job control needs a shell: run broadsheet from an interactive bash.
    let mut s = Session::start(Options {
        program: Some("bash"),
        args: &["--norc", "--noprofile", "-i"],
        env: &[("PS1", "$ ")],
        ..Options::default()
    });
    s.wait_for_text("$");
    s.send(&format!("{} \r", support::binary()));
    s.wait_for_text("Articles 24");
    s.send("\x1a");
    s.wait_for("the shell back on the primary screen", |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    s.send("fg\r");
    s.wait_for("the reader redrawn", |screen| {
        screen.alternate_screen() && screen.contents().contains("Articles 24")
    });
    s.send("q");
    s.wait_for("the shell prompt after quitting", |screen| !screen.alternate_screen());
    s.send("exit\r");
    s.wait_exit();
}

#[test]
fn brackets_move_through_quotes_and_the_panel_lists_them() {
    let mut s = Session::start(Options::default());
    s.wait_for_text("Articles 24");
    s.send("\r");
    s.wait_for_text("3 quotes from 1 speaker");
    s.send("]");
    s.send("]");
    s.send("\"");
    s.wait_for_text("Quotes 3");
    s.wait_for_text("Astrid Kolle");
    s.wait_for_text("“We are just stubborn, and the sea is always there.”");
    s.send("G");
    s.send("\r");
    s.wait_for("the panel closed", |screen| !screen.contents().contains("Quotes 3"));
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn from_an_article_to_its_author_and_back() {
    let mut s = Session::start(Options { cols: 120, rows: 40, ..Options::default() });
    s.wait_for_text("Articles 24");
    // The sixth newest article is Mara Quist's (the list is newest first).
    s.send("jjjjj");
    s.wait_for_text("6/24");
    s.send("\r");
    s.wait_for_text("Mackerel arrive early");
    s.send("a");
    s.wait_for_text("Author: Mara Quist");
    s.wait_for_text("Mara Quist covers the coast");
    s.wait_for_text("Articles 5");
    for title in [
        "Mackerel arrive early",
        "Tide gauge readings",
        "Volunteers replant",
        "Fog strands",
        "Saltmere council backs",
    ] {
        s.wait_for_text(title);
    }
    s.send("j");
    s.wait_for_text("2/5");
    s.send("\r");
    // The reader already previews the article; focused, it shows a percentage.
    s.wait_for("the second article open in the reader", |screen| {
        let text = screen.contents();
        text.contains("The gauge at the end of the north pier")
            && text.lines().last().is_some_and(|l| l.trim_end().ends_with('%'))
    });
    s.send("\x1b");
    s.wait_for("the page's list focused on the same article", |screen| {
        let text = screen.contents();
        text.contains("Author: Mara Quist")
            && text.lines().last().is_some_and(|l| l.trim_end().ends_with("2/5"))
    });
    s.send("\x1b");
    // Back on the main screen, as it was left: the reader on the article.
    s.wait_for("the main screen's reader, where it was", |screen| {
        let text = screen.contents();
        !text.contains("Author:")
            && text.contains("Mackerel arrive early and the harbour smokehouse runs all night")
    });
    std::thread::sleep(Duration::from_millis(50));
    s.send("\x1b");
    s.wait_for("the main list, where it was", |screen| screen.contents().contains("6/24"));
    s.send("A");
    s.wait_for_text("Authors 10");
    for (name, count) in
        [("Ivo Brandt", 5), ("Mara Quist", 5), ("Nina Ortiz", 4), ("Tomasz Wrona", 3), ("Lena Hovland", 3)]
    {
        s.wait_for(&format!("{name} with {count} articles"), |screen| {
            let text = screen.contents();
            let lines: Vec<&str> = text.lines().collect();
            lines.windows(2).any(|w| w[0].contains(name) && w[1].contains(&format!("{count} articles")))
        });
    }
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn from_a_quotation_to_everything_its_speaker_said_and_back() {
    let mut s = Session::start(Options { cols: 130, rows: 40, ..Options::default() });
    s.wait_for_text("Articles 24");
    s.send("P");
    s.wait_for_text("People 33");
    s.send("/johan lund\r");
    s.wait_for_text("4 quotations in 1 article");
    s.send("\r");
    s.wait_for_text("Person: Johan Lund");
    s.wait_for_text("Quoted by: Lena Hovland (1)");
    s.wait_for_text("Quotations 4");
    // The second quotation, opened: the reader has focus, at that quotation.
    s.send("j");
    s.wait_for_text("2/4");
    s.send("\r");
    s.wait_for("the article open at the quotation", |screen| {
        let text = screen.contents();
        text.contains("Knots, needles, the cord cutting into a thumb")
            && text.lines().last().is_some_and(|l| l.trim_end().ends_with('%'))
    });
    s.send("\x1b");
    s.wait_for("the quotations again, where they were", |screen| {
        screen.contents().lines().last().is_some_and(|l| l.trim_end().ends_with("2/4"))
    });
    s.send("\x1b");
    s.wait_for_text("People 1");
    // From a quotation in the reader straight to its speaker.
    s.send("\x1b");
    s.wait_for_text("People 33");
    s.send("\x1b");
    s.wait_for_text("Articles 24");
    s.send("]");
    s.wait_for_text("3 quotes from 1 speaker");
    s.send("p");
    s.wait_for_text("Person: Astrid Kolle");
    s.send("q");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
