//! The status line's transient message.

use std::time::{Duration, Instant};

/// How long a message stays before the key hints come back.
pub const MESSAGE_DURATION: Duration = Duration::from_secs(4);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub level: Level,
    pub expires: Instant,
}

#[derive(Debug, Clone, Default)]
pub struct StatusLine {
    message: Option<Message>,
}

impl StatusLine {
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn show(&mut self, text: impl Into<String>, level: Level, now: Instant) {
        self.show_for(text, level, now, MESSAGE_DURATION);
    }

    /// Like [`StatusLine::show`], for longer; an error is never replaced by
    /// a mere notice while it is up.
    pub fn show_for(&mut self, text: impl Into<String>, level: Level, now: Instant, duration: Duration) {
        let error_up = self.message.as_ref().is_some_and(|m| m.level == Level::Error && m.expires > now);
        if level == Level::Info && error_up {
            return;
        }
        self.message = Some(Message { text: text.into(), level, expires: now + duration });
    }

    /// When the status line next needs attention, if ever.
    pub fn deadline(&self) -> Option<Instant> {
        self.message.as_ref().map(|m| m.expires)
    }

    /// Drops an expired message; returns whether anything changed.
    pub fn expire(&mut self, now: Instant) -> bool {
        if self.message.as_ref().is_some_and(|m| m.expires <= now) {
            self.message = None;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_expire() {
        let mut status = StatusLine::default();
        let now = Instant::now();
        status.show("hello", Level::Info, now);
        assert!(!status.expire(now));
        assert!(status.message().is_some());
        assert!(status.expire(now + MESSAGE_DURATION));
        assert!(status.message().is_none());
        assert_eq!(status.deadline(), None);
        status.show("broken", Level::Error, now);
        status.show("notice", Level::Info, now);
        assert_eq!(status.message().unwrap().text, "broken");
    }
}
