//! Measures how long a keypress takes to become a frame on screen: runs
//! broadsheet in a pseudo-terminal, types keys, and times the frame bytes.
//!
//! `cargo run --release --example key-latency -- [--keys 200] [--cache DIR] [PATH]...`
//!
//! It first reports the time from process start to the first frame with
//! articles in the list, and to the whole library loaded (the header no
//! longer says "loading"; on a library without an index yet, that is the
//! index built). Then, for each key, it records the time from writing the key to the last byte
//! of the frame it causes (a frame is the burst of output that follows,
//! ended by 30 ms of silence, which is not counted).

use std::io::{Read, Write};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use clap::Parser;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[derive(Parser)]
struct Args {
    /// How many keys to time for each key kind.
    #[arg(long, default_value_t = 100)]
    keys: usize,
    /// Terminal size.
    #[arg(long, default_value_t = 200)]
    cols: u16,
    #[arg(long, default_value_t = 50)]
    rows: u16,
    /// The cache directory (XDG_CACHE_HOME) holding the library index:
    /// give the same one twice to start from an index. Default: a fresh
    /// one, so the index is built.
    #[arg(long)]
    cache: Option<std::path::PathBuf>,
    /// The broadsheet binary.
    #[arg(long, default_value = "target/release/broadsheet")]
    binary: String,
    /// Library paths (the sample library if none).
    paths: Vec<String>,
}

const SILENCE: Duration = Duration::from_millis(30);

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: args.rows, cols: args.cols, pixel_width: 0, pixel_height: 0 })?;
    let binary = std::fs::canonicalize(&args.binary)?;
    let mut command = CommandBuilder::new(binary);
    command.cwd(std::env::current_dir()?);
    command.args(&args.paths);
    command.env("TERM", "xterm-256color");
    // A state file of its own: the user's is not touched, and every run
    // starts the same way (no remembered selection).
    let state = std::env::temp_dir().join(format!("broadsheet-key-latency-{}", std::process::id()));
    command.env("XDG_STATE_HOME", &state);
    // XDG paths must be absolute to count.
    let cache = match &args.cache {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            std::fs::canonicalize(dir)?
        }
        None => state.join("cache"),
    };
    command.env("XDG_CACHE_HOME", cache);
    let mut child = pair.slave.spawn_command(command)?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });

    // Wait for the list to show articles (the list's title counts its
    // rows), then for the header to stop saying "loading".
    let started = Instant::now();
    let size = |n: u16| std::num::NonZeroU16::new(n.max(1)).expect("not zero");
    let mut screen = vt100::Parser::new(size(args.rows), size(args.cols), 0);
    let populated = |text: &str| {
        text.split("Articles ").skip(1).any(|after| after.starts_with(|c: char| ('1'..='9').contains(&c)))
    };
    let loaded = |text: &str| populated(text) && !text.contains("loading");
    let mut first = None;
    let mut drawn = None;
    // A big library can take a while: allow ten minutes in all.
    loop {
        let text = screen.screen().contents();
        if drawn.is_none() && text.contains("broadsheet") {
            drawn = Some(started.elapsed());
        }
        if first.is_none() && populated(&text) {
            first = Some(started.elapsed());
        }
        if loaded(&text) {
            break;
        }
        let left = Duration::from_secs(600).saturating_sub(started.elapsed());
        let (at, bytes) =
            rx.recv_timeout(left).map_err(|_| anyhow::anyhow!("the library did not load in 600 s"))?;
        screen.process(&bytes);
        let text = screen.screen().contents();
        if drawn.is_none() && text.contains("broadsheet") {
            drawn = Some(at.duration_since(started));
        }
        if first.is_none() && populated(&text) {
            first = Some(at.duration_since(started));
        }
    }
    let whole = started.elapsed();
    settle(&rx, &mut screen);
    println!("first frame: {:.1} ms after process start", ms(drawn.unwrap_or(whole)));
    println!("first frame with articles listed: {:.1} ms after process start", ms(first.unwrap_or(whole)));
    println!("whole library loaded (no \"loading\"): {:.1} ms after process start", ms(whole));
    if args.keys == 0 {
        writer.write_all(b"\x03")?;
        child.wait()?;
        let _ = std::fs::remove_dir_all(&state);
        return Ok(());
    }

    for (label, keys) in [
        ("j/k in the list", ["j", "k"]),
        ("G/g in the list", ["G", "g"]),
        ("open/back", ["\r", "\x1b"]),
        ("A (authors index)/back", ["A", "\x1b"]),
        ("P (people index)/back", ["P", "\x1b"]),
        ("O (sources view)/back", ["O", "\x1b"]),
    ] {
        let mut times = Vec::with_capacity(args.keys);
        for i in 0..args.keys {
            let key = keys[i % 2];
            let sent = Instant::now();
            writer.write_all(key.as_bytes())?;
            writer.flush()?;
            if let Some(last) = frame_end(&rx, &mut screen) {
                times.push(last.duration_since(sent));
            }
            // Esc needs a pause before the next key or it starts a sequence.
            if key == "\x1b" {
                thread::sleep(Duration::from_millis(20));
            }
        }
        report(label, &mut times);
    }
    person_pages(&mut writer, &rx, &mut screen, args.keys)?;
    speaker_search(&mut writer, &rx, &mut screen, args.keys / 10)?;
    search_keystrokes(&mut writer, &rx, &mut screen, args.keys)?;
    // Peak memory after the list, articles, the authors index and searches.
    if let Some(kb) = child.process_id().and_then(peak_rss_kb) {
        println!("peak RSS of the TUI: {:.0} MB", kb as f64 / 1024.0);
    }
    writer.write_all(b"\x03")?;
    child.wait()?;
    let _ = std::fs::remove_dir_all(&state);
    Ok(())
}

/// Times opening a person page from the people index (Enter) and coming
/// back (Esc), walking down the index.
fn person_pages(
    writer: &mut Box<dyn Write + Send>,
    rx: &mpsc::Receiver<(Instant, Vec<u8>)>,
    screen: &mut vt100::Parser,
    keys: usize,
) -> anyhow::Result<()> {
    writer.write_all(b"P")?;
    writer.flush()?;
    settle(rx, screen);
    let mut times = Vec::with_capacity(keys);
    for i in 0..keys {
        let key: &[u8] = if i % 2 == 0 { b"\r" } else { b"\x1b" };
        let sent = Instant::now();
        writer.write_all(key)?;
        writer.flush()?;
        if let Some(last) = frame_end(rx, screen) {
            times.push(last.duration_since(sent));
        }
        if i % 2 == 1 {
            thread::sleep(Duration::from_millis(20));
            writer.write_all(b"j")?;
            writer.flush()?;
            settle(rx, screen);
        }
    }
    report("Enter (a person page)/back, from the people index", &mut times);
    writer.write_all(b"\x1b")?;
    writer.flush()?;
    thread::sleep(Duration::from_millis(20));
    settle(rx, screen);
    Ok(())
}

/// Times a `speaker:` search, typed at once, until the list shows its
/// answer.
fn speaker_search(
    writer: &mut Box<dyn Write + Send>,
    rx: &mpsc::Receiver<(Instant, Vec<u8>)>,
    screen: &mut vt100::Parser,
    runs: usize,
) -> anyhow::Result<()> {
    const NAMES: [&str; 3] = ["kowalczyk", "moreau", "takahashi"];
    let mut times = Vec::new();
    for run in 0..runs.max(3) {
        let name = NAMES[run % NAMES.len()];
        writer.write_all(b"/")?;
        writer.flush()?;
        settle(rx, screen);
        let query = format!("speaker:{name}");
        let sent = Instant::now();
        writer.write_all(query.as_bytes())?;
        writer.flush()?;
        let deadline = sent + Duration::from_secs(5);
        while let Ok((at, bytes)) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            screen.process(&bytes);
            let text = screen.screen().contents();
            let header = text.lines().next().unwrap_or_default();
            if header.contains(name) && !header.contains("searching") && header.contains("match") {
                times.push(at.duration_since(sent));
                break;
            }
        }
        writer.write_all(b"\r\x1b")?;
        writer.flush()?;
        thread::sleep(Duration::from_millis(20));
        settle(rx, screen);
    }
    report("speaker: search, typed at once, until its answer is listed", &mut times);
    Ok(())
}

/// Times each keystroke of a typed search query (every keystroke searches
/// the whole library), starting a new search every few letters: the
/// keystroke's own frame, and, from the third letter on (shorter words
/// wait for a pause in typing by design), the time until the list shows
/// the search's answer (the header names the query and its matches).
fn search_keystrokes(
    writer: &mut Box<dyn Write + Send>,
    rx: &mpsc::Receiver<(Instant, Vec<u8>)>,
    screen: &mut vt100::Parser,
    keys: usize,
) -> anyhow::Result<()> {
    const WORDS: [&str; 4] = ["harbour", "council", "said", "minister"];
    let mut frames = Vec::with_capacity(keys);
    let mut answers = Vec::with_capacity(keys);
    let mut word = WORDS.iter().cycle();
    while frames.len() < keys {
        writer.write_all(b"/")?;
        writer.flush()?;
        settle(rx, screen);
        let word = word.next().expect("cycle");
        for (typed, letter) in word.chars().enumerate() {
            let sent = Instant::now();
            writer.write_all(letter.to_string().as_bytes())?;
            writer.flush()?;
            let query: String = word.chars().take(typed + 1).collect();
            // The list answers once the header names the query and no
            // longer says it is searching (its count may follow).
            let answered = |text: &str| {
                let header = text.lines().next().unwrap_or_default();
                header.contains(&format!("“{query}”")) && !header.contains("searching")
            };
            let mut frame = None;
            let mut answer = None;
            let deadline = sent + Duration::from_secs(5);
            while let Ok((at, bytes)) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                screen.process(&bytes);
                frame.get_or_insert(at);
                if typed >= 2 && answered(&screen.screen().contents()) {
                    answer = Some(at);
                    break;
                }
                if typed < 2 {
                    break;
                }
            }
            if let Some(at) = frame {
                frames.push(at.duration_since(sent));
            }
            if let Some(at) = answer {
                answers.push(at.duration_since(sent));
            }
            settle(rx, screen);
        }
        // Leave the prompt and clear the search.
        writer.write_all(b"\x1b")?;
        writer.flush()?;
        settle(rx, screen);
        thread::sleep(Duration::from_millis(20));
        writer.write_all(b"\x1b")?;
        writer.flush()?;
        settle(rx, screen);
    }
    report("search keystroke, its frame", &mut frames);
    report("search keystroke, the list answering it (3rd letter on)", &mut answers);
    Ok(())
}

/// Feeds the screen until the program is quiet.
fn settle(rx: &mpsc::Receiver<(Instant, Vec<u8>)>, screen: &mut vt100::Parser) {
    while let Ok((_, bytes)) = rx.recv_timeout(SILENCE) {
        screen.process(&bytes);
    }
}

/// The process's peak resident set (Linux `/proc`), in KiB.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Waits for a frame and returns when its last byte arrived (feeding the
/// screen model, so it stays what the terminal shows).
fn frame_end(rx: &mpsc::Receiver<(Instant, Vec<u8>)>, screen: &mut vt100::Parser) -> Option<Instant> {
    let (mut last, bytes) = rx.recv_timeout(Duration::from_secs(5)).ok()?;
    screen.process(&bytes);
    while let Ok((at, bytes)) = rx.recv_timeout(SILENCE) {
        screen.process(&bytes);
        last = at;
    }
    Some(last)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(label: &str, times: &mut [Duration]) {
    if times.is_empty() {
        println!("{label}: no frames");
        return;
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} keys)",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(times[times.len() - 1]),
        times.len()
    );
}
