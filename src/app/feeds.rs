//! Fetching the feeds from inside the reader: `F` (or the interval)
//! starts a fetch on its own thread; its progress shows in the status
//! line, new articles arrive through the library refresh (the selection
//! and the reader stay where they are), and the feeds that failed are
//! listed in the problems view.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{App, Effect};
use crate::event::FetchMsg;
use crate::library::Diagnostic;
use crate::state::Level;

/// How long the progress line stays up without news.
const PROGRESS_DURATION: Duration = Duration::from_secs(120);

impl App {
    /// Starts a fetch: of every feed for `F`, of the feeds that are due
    /// for the interval's (`scheduled`).
    pub(super) fn start_fetch(&mut self, scheduled: bool) {
        if self.fetching.running {
            return self.status_message(self.fetching.describe());
        }
        self.fetching.started(Instant::now(), scheduled);
        self.effects.push(Effect::Fetch);
        self.status.show_for(self.fetching.describe(), Level::Info, Instant::now(), PROGRESS_DURATION);
    }

    pub(crate) fn fetch_message(&mut self, message: FetchMsg) {
        let now = Instant::now();
        match message {
            FetchMsg::Progress { done, total, new } => {
                self.fetching.progress = Some((done, total, new));
                self.status.show_for(self.fetching.describe(), Level::Info, now, PROGRESS_DURATION);
                if new > 0 {
                    // The watcher would see the files too; this is sooner.
                    self.effects.push(Effect::Reload);
                }
            }
            FetchMsg::Done { summary, failures } => {
                self.fetching.running = false;
                self.fetching.progress = None;
                self.fetching.problems = failures
                    .iter()
                    .map(|(feed, reason)| Diagnostic::error(Path::new(feed), None, reason))
                    .collect();
                self.effects.push(Effect::Reload);
                self.reload_problems();
                let summary = match &self.fetching.setup {
                    Some(setup) if self.fetching.outside => format!(
                        "{summary}; stored in {}, which this library does not include (start broadsheet without paths to read them)",
                        setup.root.display()
                    ),
                    _ => summary,
                };
                if failures.is_empty() {
                    self.status.show(summary, Level::Info, now);
                } else {
                    self.status.show(format!("{summary} (press ! for why)"), Level::Error, now);
                }
            }
            FetchMsg::Failed(reason) => {
                self.fetching.running = false;
                self.fetching.progress = None;
                self.report_problem(reason);
            }
        }
        self.dirty = true;
    }
}
