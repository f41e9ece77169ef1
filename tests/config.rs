//! The config file as a user meets it: copy the example, change a key and
//! a colour, start the reader; make a typo, get pointed at it.
#![cfg(unix)]

mod support;

use std::fs;

use support::{Options, Session};

#[test]
fn a_changed_key_and_colour_take_effect() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml")).unwrap();
    let config = example
        .replace("colors = \"auto\"", "colors = \"truecolor\"")
        .replace("# quote = \"#7fd1a0\"", "accent = \"#123456\"")
        .replace("[keys]", "[keys]\n[keys.global]\nmove_down = [\"x\", \"down\"]");
    assert_ne!(config, example, "the edits applied");
    let path = dir.path().join("config.toml");
    fs::write(&path, config).unwrap();
    let args = ["--config", path.to_str().unwrap()];
    let mut s = Session::start(Options { args: &args, ..Options::default() });
    s.wait_for_text("Articles 24");
    s.send("x");
    s.wait_for_text("2/24");
    s.send("j");
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(s.contents().contains("2/24"), "j is no longer bound");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(raw.contains("38;2;18;52;86"), "the accent colour #123456 is drawn");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_typo_is_pointed_at_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "[reader]\nmax_width = 70\njustfy = true\n").unwrap();
    let args = ["--config", path.to_str().unwrap()];
    let mut s = Session::start(Options { args: &args, ..Options::default() });
    assert_eq!(s.wait_exit(), 2);
    s.wait_for_text("config.toml:3:1: unknown field `justfy`");
    s.wait_for_text("did you mean `justify`?");
    s.wait_for_text("3 | justfy = true");
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}
