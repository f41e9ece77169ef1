//! A real terminal for end-to-end tests: the broadsheet binary runs in a
//! pseudo-terminal, its output feeds a vt100 screen, and tests type real key
//! bytes and wait (with deadlines, never fixed sleeps) for what they expect.

#![allow(dead_code)]

use std::io::Write;
use std::os::fd::BorrowedFd;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Records what a real terminal would do with title-setting sequences.
#[derive(Default)]
pub struct Recorder {
    pub titles: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    /// XDG_STATE_HOME for this run, unless the test chose one.
    _state_home: Option<tempfile::TempDir>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Box<dyn Write + Send>,
    pub parser: Arc<Mutex<vt100::Parser<Recorder>>>,
    /// Every byte the program wrote, for checks a screen model hides.
    pub raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
}

pub struct Options<'a> {
    pub args: &'a [&'a str],
    pub cols: u16,
    pub rows: u16,
    pub env: &'a [(&'a str, &'a str)],
    pub cwd: Option<&'a Path>,
    /// Run through an interactive shell (for job control).
    pub program: Option<&'a str>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Self { args: &[], cols: 100, rows: 30, env: &[], cwd: None, program: None }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("not zero")
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_broadsheet")
}

impl Session {
    pub fn start(options: Options<'_>) -> Self {
        let pty = native_pty_system();
        let size = PtySize { rows: options.rows, cols: options.cols, pixel_width: 0, pixel_height: 0 };
        let pair = pty.openpty(size).expect("open a pty");
        let mut command = CommandBuilder::new(options.program.unwrap_or(binary()));
        command.args(options.args);
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        // Keep the user's own config and state out of the tests.
        command.env("XDG_CONFIG_HOME", "/nonexistent-broadsheet-test-config");
        let state_home = tempfile::tempdir().expect("a state directory");
        command.env("XDG_STATE_HOME", state_home.path());
        // The library index is a cache: one per run, beside the state.
        command.env("XDG_CACHE_HOME", state_home.path().join("cache"));
        // Fetched feeds are part of the default library: none here.
        command.env("XDG_DATA_HOME", state_home.path().join("data"));
        for (key, value) in options.env {
            command.env(key, value);
        }
        if let Some(cwd) = options.cwd {
            command.cwd(cwd);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in the pty");
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().expect("the pty's file descriptor");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nonzero(options.rows),
            nonzero(options.cols),
            0,
            Recorder::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (parser_in, raw_in, stop_in) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&stop));
        // Polls rather than blocking in read(), so that closing the pty can
        // stop this thread first and really close every descriptor.
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop_in.load(Ordering::Relaxed) {
                // SAFETY: the master outlives this thread (see close_pty/drop).
                let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
                let mut fds = [PollFd::new(borrowed, PollFlags::POLLIN)];
                match poll(&mut fds, PollTimeout::from(20u16)) {
                    Ok(0) => continue,
                    Ok(_) => {}
                    Err(_) => break,
                }
                match nix::unistd::read(fd, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        parser_in.lock().unwrap().process(&buf[..n]);
                        raw_in.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Self {
            child,
            _state_home: Some(state_home),
            master: Some(pair.master),
            writer,
            parser,
            raw,
            stop,
            reader: Some(reader),
        }
    }

    /// Types bytes as a user would ("j", "\r" for Enter, "\x1b" for Esc).
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `check` holds for the screen, or fails showing it.
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        self.wait_for_within(what, TIMEOUT, check);
    }

    /// Like [`Session::wait_for`], with a deadline of its own.
    pub fn wait_for_within(&self, what: &str, timeout: Duration, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if check(self.parser.lock().unwrap().screen()) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |screen| screen.contents().contains(text));
    }

    /// Resizes the pty (the program gets SIGWINCH) and the screen model.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = PtySize { rows, cols, pixel_width: 0, pixel_height: 0 };
        self.master.as_ref().expect("the pty is open").resize(size).expect("resize");
        self.parser.lock().unwrap().set_size(nonzero(rows), nonzero(cols));
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                // Let the reader thread take in the last bytes.
                thread::sleep(Duration::from_millis(50));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen shows:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a child pid") as i32
    }

    /// Closes our end of the pty, as a terminal window closing does.
    pub fn close_pty(&mut self) {
        self.stop_reader();
        self.writer = Box::new(std::io::sink());
        self.master = None;
    }

    fn stop_reader(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }

    /// The terminal is back to normal: primary screen, visible cursor, no
    /// mouse reporting or bracketed paste, and the tty in canonical mode
    /// with echo.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste still on");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse capture still on");
        drop(parser);
        if let Some(termios) = self.master.as_ref().and_then(|m| m.get_termios()) {
            use nix::sys::termios::LocalFlags;
            assert!(termios.local_flags.contains(LocalFlags::ICANON), "raw mode left on (no ICANON)");
            assert!(termios.local_flags.contains(LocalFlags::ECHO), "raw mode left on (no ECHO)");
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        self.stop_reader();
    }
}
