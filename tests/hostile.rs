//! A directory of hostile files, for `check` and for the reader: escape
//! sequences, controls, invalid UTF-8, UTF-16, binary, empty, huge, very
//! long lines, ten thousand quote marks, RTL, combining marks, a FIFO, a
//! symlink loop. Everything finishes promptly, each problem is reported
//! once, and no escape byte from a file reaches the terminal.
#![cfg(unix)]

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use support::{Options, Session};

/// A config whose file size limit the hostile library's big file passes.
fn limited_config(dir: &Path) -> String {
    let path = dir.join("limited.toml");
    fs::write(&path, "[library]\nmax_file_size = 1048576\n").unwrap();
    path.to_str().unwrap().to_owned()
}

fn hostile_library(root: &Path) {
    let w = |name: &str, bytes: &[u8]| fs::write(root.join(name), bytes).unwrap();
    w("escapes.txt", b"Title\x1b]0;pwned\x07 here\n\nBody \x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4K\x07 and \x9b31m more.\n\nMore \x1b[>0q text.");
    w("controls.txt", b"Ctrl\x01\x02\x7f title\n\nA\x08B\x0bC\x0c body.");
    w("latin1.txt", b"Caf\xe9 title\n\nCaf\xe9 body.");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Wide title\n\nUTF-16 body.".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    w("utf16.txt", &utf16);
    w("binary.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3, 0, 0xff]);
    w("nul.md", &[0; 64]);
    w("empty.toml", b"");
    w("blank.txt", b"\n \n\t\n");
    let long_line = format!("Long line\n\n{}", "word ".repeat(20_000));
    w("long-line.txt", long_line.as_bytes());
    let marks = format!("Many marks\n\n{}", "“a” ‘b’ \"c\" «d» „e“ ".repeat(700));
    w("marks.txt", marks.as_bytes());
    w("rtl.txt", "עברית וערבית\n\nשלום עולם. مرحبا بالعالم. \u{202e}reversed\u{202c} text.".as_bytes());
    let zalgo = format!("Zalgo\n\nZ{}algo text.", "\u{301}\u{302}\u{303}".repeat(2000));
    w("zalgo.txt", zalgo.as_bytes());
    // Over the 1 MiB limit of `limited_config` (the default 16 MiB would
    // make the test slow in a debug build, not the reader).
    let huge = format!("Huge\n\n{}", "A line that repeats to make a very large article.\n\n".repeat(50_000));
    w("huge.txt", huge.as_bytes());
    w(
        "escapes.html",
        b"<html><head><title>Page \x1b]0;pwned\x07title</title><meta name=\"author\" content=\"Ann \x1b[31mLee\">\
          </head><body><article><h1>Page \x1b]0;pwned\x07title</h1><p>Body \x1b[2J\x1b[H text \x9b31m here.</p>\
          <p>More text \x1b]52;c;cm0gLXJmIH4K\x07 for the reader to show.</p></article></body></html>",
    );
    w(
        "escapes.rss",
        b"<rss><channel><title>Feed \x1b]0;pwned\x07</title><item><title>Item \x1b[2J title</title>\
          <description>&lt;p&gt;Text \x1b]52;c;cm0gLXJmIH4K\x07 here&lt;/p&gt;</description></item></channel></rss>",
    );
    nix::unistd::mkfifo(&root.join("pipe.txt"), nix::sys::stat::Mode::S_IRWXU).unwrap();
    std::os::unix::fs::symlink(".", root.join("loop")).unwrap();
}

#[test]
fn check_finishes_and_reports_each_problem_once() {
    let dir = tempfile::tempdir().unwrap();
    hostile_library(dir.path());
    let started = Instant::now();
    let config_dir = tempfile::tempdir().unwrap();
    let config = limited_config(config_dir.path());
    let out = Command::new(support::binary())
        .args(["--config", &config, "check", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.bytes().any(|b| b == 0x1b), "an escape byte reached stdout");
    let lines: Vec<&str> = stdout.lines().collect();
    let mut unique = lines.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "a problem reported twice:\n{stdout}");
    for expected in [
        "./binary.txt: error: binary data",
        "./nul.md: error: binary data",
        "./empty.toml: error: the file is empty",
        "./blank.txt: error: the file holds only blank lines",
        "./latin1.txt: warning: invalid UTF-8",
        "./huge.txt: warning: the file is larger than the limit",
        "symbolic link loop",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("pipe.txt"), "the FIFO is skipped without being opened");
    let export =
        Command::new(support::binary()).args(["export", "."]).current_dir(dir.path()).output().unwrap();
    let text = String::from_utf8(export.stdout).unwrap();
    assert!(!text.contains("\\u001b") && !text.contains('\u{1b}') && !text.contains('\u{202e}'));
    assert!(
        text.contains("for the reader to show")
            && text.contains("\"Page title\"")
            && text.contains("Ann Lee")
    );
    assert!(text.contains("Text here"), "the feed item, unescaped and cleaned");
    assert!(text.contains("UTF-16 body."));
}

#[test]
fn a_fifo_named_directly_is_skipped_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("named.txt");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let out = Command::new(support::binary()).args(["check", fifo.to_str().unwrap()]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a regular file or directory; skipped"));
}

#[test]
fn the_reader_stays_clean_and_responsive_over_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    hostile_library(dir.path());
    let path = dir.path().to_str().unwrap().to_owned();
    let config_dir = tempfile::tempdir().unwrap();
    let config = limited_config(config_dir.path());
    let mut s = Session::start(Options {
        args: &["--config", &config, &path],
        cols: 100,
        rows: 30,
        ..Options::default()
    });
    s.wait_for("the library loaded", |screen| screen.contents().contains("problems while loading"));
    // Visit every article: open it, go to its end, come back.
    for n in 0..11 {
        s.send("\r");
        s.send("G");
        s.send("]");
        s.wait_for("the reader", |screen| {
            screen.contents().lines().last().is_some_and(|l| l.trim_end().ends_with('%'))
        });
        std::thread::sleep(Duration::from_millis(30));
        s.send("\x1b");
        s.wait_for(&format!("back on the list ({n})"), |screen| {
            screen.contents().lines().last().is_some_and(|l| l.trim_end().ends_with(&format!("{}/11", n + 1)))
        });
        s.send("j");
    }
    s.send("!");
    s.wait_for_text("Problems");
    s.send("q");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let parser = s.parser.lock().unwrap();
    assert!(parser.callbacks().titles.is_empty(), "the window title changed");
    assert!(parser.callbacks().clipboard.is_empty(), "the clipboard was written");
    drop(parser);
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    for injected in ["\x1b]0;pwned", "\x1b]52;", "\x1b[>0q", "\u{202e}", "\x1b[2J\x1b[H"] {
        assert!(!raw.contains(injected), "{injected:?} reached the terminal");
    }
}
