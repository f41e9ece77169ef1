//! The scripting commands stream: what they hold does not grow with the
//! library. Each command is run on a library and on one four times its
//! size (both big enough for the readers' largest batches), and its peak
//! memory may grow by far less than the text it read.
//! (The figures at 1,000,000 articles come from `scripts/bench.sh`.)
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};

use nix::sys::resource::{UsageWho, getrusage};

/// About 3 KB of text per article, as real news.
fn library(root: &Path, articles: usize) {
    let paragraph = "The harbour council met again on Thursday and talked about the ferry timetable, \
                     the market square and the new breakwater for most of the evening. ";
    for n in 0..articles {
        let dir = root.join(format!("{:03}", n / 100));
        std::fs::create_dir_all(&dir).unwrap();
        let mut text = format!("Harbour story {n}\n\nBy Writer {}\n\n", n % 40);
        for p in 0..12 {
            text.push_str(&format!("{paragraph}“Paragraph {p} of {n},” said Mayor Ola Berg.\n\n"));
        }
        std::fs::write(dir.join(format!("{n:05}.txt")), text).unwrap();
    }
}

/// The peak resident memory of the biggest child waited for so far, in KiB.
fn peak_of_children() -> i64 {
    getrusage(UsageWho::RUSAGE_CHILDREN).unwrap().max_rss()
}

fn run(args: &[&str], root: &Path) -> i64 {
    let status = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{args:?}: {status}");
    peak_of_children()
}

#[test]
fn streaming_commands_hold_about_the_same_at_four_times_the_size() {
    let dir = tempfile::tempdir().unwrap();
    let (small, big) = (dir.path().join("small"), dir.path().join("big"));
    library(&small, 1000);
    library(&big, 4000);
    // The text the big library adds, in KiB.
    let text_kib = 3000 * 3;
    for command in [&["export"][..], &["check"], &["search", "harbour"], &["authors"]] {
        // Peaks only grow: the small library's run sets the floor the big one is held to.
        let before = run(command, &small);
        let after = run(command, &big);
        // Half the added text: holding every article would cost all of it
        // and more, while the index build's chunks, which double up to a
        // cap well above these sizes, add about a fifth.
        assert!(
            after - before < text_kib / 2,
            "{command:?}: {before} KiB on 1,000 articles, {after} KiB on 4,000 ({text_kib} KiB more text)"
        );
    }
}
