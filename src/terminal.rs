//! Entering and leaving the TUI, with every way out covered: normal exit,
//! panic, signals and suspend all go through [`restore`], which undoes
//! everything [`Tui::enter`] turned on and is safe to call twice.

use std::io::{self, Stdout, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Backend = CrosstermBackend<Stdout>;

/// The terminal while the TUI owns it. Dropping it restores the terminal.
pub struct Tui {
    pub terminal: Terminal<Backend>,
    mouse: bool,
}

impl Tui {
    /// Switches to raw mode and the alternate screen, with bracketed paste
    /// and (if wanted) mouse capture.
    pub fn enter(mouse: bool) -> io::Result<Self> {
        // crossterm 0.29 turns colour commands into a bare SGR reset under
        // NO_COLOR, which wipes bold/reverse; the theme honours NO_COLOR
        // instead, so crossterm must always emit what it is given.
        crossterm::style::force_color_output(true);
        install_panic_hook();
        set_up(mouse)?;
        let terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(Self { terminal, mouse })
    }

    /// Gives the terminal back to the shell and stops the process (SIGTSTP);
    /// returns once resumed, with the TUI set up again and fully redrawn.
    #[cfg(unix)]
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
        self.resume()
    }

    /// Gives the terminal to another program for the length of `f` (a
    /// pager, an editor), then takes it back and redraws everything.
    pub fn hand_over<T>(&mut self, f: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let result = f();
        self.resume()?;
        Ok(result)
    }

    /// Sets the terminal up again after a stop and forces a full redraw.
    pub fn resume(&mut self) -> io::Result<()> {
        set_up(self.mouse)?;
        self.clear()
    }

    /// Clears the screen so the next frame is drawn in full. Not
    /// `Terminal::clear`, which asks the terminal for the cursor position:
    /// a query whose reply races our input thread (and that a bare pty
    /// never answers), freezing the redraw.
    pub fn clear(&mut self) -> io::Result<()> {
        let size = self.terminal.size()?;
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // During a panic the hook has already restored the terminal.
        if !std::thread::panicking() {
            restore();
        }
    }
}

fn set_up(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(stdout, EnterAlternateScreen, EnableBracketedPaste, crossterm::cursor::Hide)?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

/// Undoes everything [`Tui::enter`] did. Idempotent, never panics, ignores
/// errors (the terminal may already be gone).
pub fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

/// Restores the terminal before the default panic message is printed, so
/// the message lands on a sane screen and the shell works afterwards.
fn install_panic_hook() {
    use std::sync::Once;
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
