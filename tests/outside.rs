//! Links, the clipboard, pipes and the editor, with stand-in programs that
//! record what they were given.
#![cfg(unix)]

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::{Options, Session};

/// A script that writes its arguments, one per line, to `out`.
fn recorder(dir: &Path, out: &Path) -> String {
    let script = dir.join("record-args");
    fs::write(
        &script,
        format!("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\n", out.display()),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script.to_string_lossy().into_owned()
}

fn article_with_link(dir: &Path, url: &str) -> String {
    let library = dir.join("library");
    fs::create_dir_all(&library).unwrap();
    let body = format!("title = \"Linked\"\nurl = '{url}'\nbody = \"Body text here.\"\n");
    fs::write(library.join("linked.toml"), body).unwrap();
    library.to_string_lossy().into_owned()
}

#[test]
fn o_opens_the_link_as_one_argument_and_y_copies_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("argv.txt");
    let browser = recorder(dir.path(), &out);
    let url = "https://ledger.example/a?b=1&c=\"x\";touch /tmp/p";
    let library = article_with_link(dir.path(), url);
    let mut s =
        Session::start(Options { args: &[&library], env: &[("BROWSER", &browser)], ..Options::default() });
    s.wait_for_text("Articles 1");
    s.send("o");
    s.wait_for_text("Opening https://ledger.example/a?b=1&c=%22x%22;touch%20/tmp/p");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !out.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let argv = fs::read_to_string(&out).unwrap();
    assert_eq!(argv.lines().collect::<Vec<_>>(), ["https://ledger.example/a?b=1&c=%22x%22;touch%20/tmp/p"]);
    s.send("y");
    s.wait_for_text("Copied https://ledger.example");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while clipboard(&s).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let copied: Vec<Vec<u8>> = clipboard(&s);
    assert_eq!(copied.len(), 1);
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD.decode(&copied[0]).unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), "https://ledger.example/a?b=1&c=%22x%22;touch%20/tmp/p");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

fn clipboard(s: &Session) -> Vec<Vec<u8>> {
    s.parser.lock().unwrap().callbacks().clipboard.clone()
}

#[test]
fn links_that_are_not_http_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("argv.txt");
    let browser = recorder(dir.path(), &out);
    let library = article_with_link(dir.path(), "file:///etc/passwd");
    let mut s =
        Session::start(Options { args: &[&library], env: &[("BROWSER", &browser)], ..Options::default() });
    s.wait_for_text("Articles 1");
    s.send("o");
    s.wait_for_text("Not opened: will not open file: links");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!out.exists());
}

#[test]
fn pipe_and_edit() {
    let dir = tempfile::tempdir().unwrap();
    let library = article_with_link(dir.path(), "https://x.example/");
    let piped = dir.path().join("piped.txt");
    let config = dir.path().join("config.toml");
    let edit = "sed -i s/Body/Edited/";
    fs::write(&config, format!("[commands]\npipe = \"tee '{}'\"\neditor = \"{edit}\"\n", piped.display()))
        .unwrap();
    let args = ["--config", config.to_str().unwrap(), &library];
    let mut s = Session::start(Options { args: &args, ..Options::default() });
    s.wait_for_text("Body text here.");
    s.send("|");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !fs::read_to_string(&piped).is_ok_and(|t| t.contains("Body text here."))
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.wait_for("the TUI back after the pipe", |screen| {
        screen.alternate_screen() && screen.contents().contains("Articles 1")
    });
    let text = fs::read_to_string(&piped).unwrap();
    assert!(text.starts_with("Linked\n") && text.contains("Body text here."), "{text}");
    s.send("e");
    s.wait_for_text("Edited text here.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
