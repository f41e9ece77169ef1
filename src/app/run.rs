//! The event loop: wait for events, update, do the effects, draw once.

use std::io::Write;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use base64::Engine;
use ratatui::layout::Rect;

use super::{App, CLIPBOARD_LIMIT, Effect, Mode, Outside};
use crate::event::{self, Events};
use crate::loader::LoaderHandle;
use crate::store::Store;
use crate::terminal::Tui;

/// What the loop needs besides the app and the terminal.
pub struct Runtime {
    /// Where read marks go; `None` when the state file cannot be used.
    pub store: Option<Store>,
    /// The library worker, asked to look at the files again after an
    /// edit or on request.
    pub loader: LoaderHandle,
    /// For the tests that prove a panic leaves the terminal usable.
    pub panic_after_first_frame: bool,
}

/// Runs the TUI until the user quits or a signal ends it; returns the exit
/// status (0, or 128+n after signal n).
pub fn run(tui: &mut Tui, mut app: App, events: &Events, mut runtime: Runtime) -> std::io::Result<ExitCode> {
    let queries = crate::queries::spawn(events.sender());
    let body_reader = event::spawn_body_reader(events.sender(), app.library.read.clone());
    let size = tui.terminal.size()?;
    app.resize(Rect::new(0, 0, size.width, size.height));
    loop {
        if app.is_dirty() {
            tui.terminal.draw(|frame| crate::ui::render(&app, frame))?;
            app.dirty = false;
            assert!(!runtime.panic_after_first_frame, "panic requested for testing");
        }
        // An event, or a deadline passed (a message expires, a search is due).
        if let Some(event) = events.next(app.deadline()) {
            app.handle_event(event);
            // Drain whatever else is waiting, then draw once.
            while app.mode == Mode::Running
                && let Some(event) = events.pending()
            {
                app.handle_event(event);
            }
        }
        app.tick(Instant::now());
        for effect in app.take_effects() {
            match effect {
                #[cfg(unix)]
                Effect::Suspend => tui.suspend()?,
                #[cfg(not(unix))]
                Effect::Suspend => {}
                Effect::Redraw => tui.resume()?,
                Effect::Query(query) => {
                    let _ = queries.send(query);
                }
                Effect::Persist(change) => {
                    if let Some(error) = runtime.store.as_ref().and_then(|s| s.apply(&change).err()) {
                        // Keep reading; stop trying to write after the first failure.
                        app.report_store_problem(format!("{error}; changes are no longer saved"));
                        runtime.store = None;
                    }
                }
                Effect::Outside(outside) => {
                    if let Err(message) = go_outside(tui, outside) {
                        app.report_problem(message);
                    }
                }
                Effect::Reload => runtime.loader.refresh(),
                Effect::LoadBody(summary) => {
                    let _ = body_reader.send(*summary);
                }
                Effect::Fetch => match &app.fetching.setup {
                    Some(setup) => {
                        if let Err(error) =
                            spawn_fetch(setup.clone(), app.fetching.scheduled, events.sender())
                        {
                            app.fetch_message(crate::event::FetchMsg::Failed(format!(
                                "Cannot fetch: {error}"
                            )));
                        }
                    }
                    None => app.fetch_message(crate::event::FetchMsg::Failed(
                        "No place to store fetched feeds (no data directory)".to_owned(),
                    )),
                },
            }
            app.dirty = true;
        }
        if let Mode::Quit(code) = app.mode {
            drop(queries);
            return Ok(ExitCode::from(code));
        }
    }
}

/// Fetches the feeds on a thread of its own, telling the loop how it goes.
fn spawn_fetch(
    setup: crate::fetch::Setup,
    scheduled: bool,
    tx: std::sync::mpsc::Sender<event::Event>,
) -> std::io::Result<()> {
    use crate::event::{Event, FetchMsg};
    std::thread::Builder::new().name("fetch".into()).spawn(move || {
        let progress = std::sync::Mutex::new(tx.clone());
        let which = if scheduled { crate::fetch::Which::Due } else { crate::fetch::Which::All };
        let result = setup.run(&which, &|done, total, new| {
            let tx = progress.lock().unwrap_or_else(|e| e.into_inner());
            let _ = tx.send(Event::Fetch(FetchMsg::Progress { done, total, new }));
        });
        let message = match result {
            Ok(finished) if !finished.subscribed => {
                FetchMsg::Failed("No subscriptions yet: `broadsheet feeds add URL` adds one".to_owned())
            }
            Ok(finished) => FetchMsg::Done { summary: finished.summary, failures: finished.failures },
            Err(reason) => FetchMsg::Failed(reason),
        };
        let _ = tx.send(Event::Fetch(message));
    })?;
    Ok(())
}

/// Opens, copies or runs; a failure comes back as a message for the
/// status line.
fn go_outside(tui: &mut Tui, outside: Outside) -> Result<(), String> {
    match outside {
        Outside::OpenUrl(url) => {
            webbrowser::open(&url).map_err(|e| format!("Could not open the browser: {e}"))
        }
        Outside::Copy(text) => {
            // OSC 52: the terminal puts the text on the clipboard. The text
            // is a checked URL, base64 encoded, and never long.
            let text: String = text.chars().take(CLIPBOARD_LIMIT).collect();
            let payload = base64::engine::general_purpose::STANDARD.encode(text);
            let mut out = std::io::stdout();
            write!(out, "\x1b]52;c;{payload}\x07").and_then(|()| out.flush()).map_err(|e| e.to_string())
        }
        Outside::Run { argv, input } => {
            let Some((program, args)) = argv.split_first() else {
                return Err("No command configured".into());
            };
            let status = tui
                .hand_over(|| {
                    let mut child = Command::new(program)
                        .args(args)
                        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::inherit() })
                        .spawn()?;
                    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
                        // A pager that quits early closes the pipe; that is fine.
                        let _ = stdin.write_all(text.as_bytes());
                    }
                    child.wait()
                })
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("Could not run {program}: {e}"))?;
            if status.success() { Ok(()) } else { Err(format!("{program} exited with {status}")) }
        }
    }
}
