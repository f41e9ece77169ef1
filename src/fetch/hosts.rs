//! Politeness: at most a few requests in flight to any one host, and a
//! retry policy for servers that ask us to slow down.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Requests in flight per host (`host:port`), shared by the workers.
#[derive(Debug)]
pub struct Hosts {
    per_host: usize,
    in_flight: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

impl Hosts {
    pub fn new(per_host: usize) -> Self {
        Self { per_host: per_host.max(1), in_flight: Mutex::new(HashMap::new()), freed: Condvar::new() }
    }

    /// Takes a slot for `host` if one is free.
    pub fn try_acquire(&self, host: &str) -> bool {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        let n = in_flight.entry(host.to_owned()).or_default();
        if *n < self.per_host {
            *n += 1;
            true
        } else {
            false
        }
    }

    /// Takes a slot for `host`, waiting for one.
    pub fn acquire(&self, host: &str) {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let n = in_flight.entry(host.to_owned()).or_default();
            if *n < self.per_host {
                *n += 1;
                return;
            }
            in_flight = self.freed.wait(in_flight).unwrap_or_else(|e| e.into_inner());
        }
    }

    pub fn release(&self, host: &str) {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = in_flight.get_mut(host) {
            *n = n.saturating_sub(1);
        }
        drop(in_flight);
        self.freed.notify_all();
    }

    /// Waits until any slot is freed (or a moment passes).
    pub fn wait_a_little(&self) {
        let in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self.freed.wait_timeout(in_flight, Duration::from_millis(50));
    }
}

/// The key requests to one server share: host and port.
pub fn host_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(url) => format!("{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0)),
        Err(_) => String::new(),
    }
}

/// When to ask again after 429 Too Many Requests or 503 Service
/// Unavailable: what `Retry-After` says if it is short enough, else a
/// doubling backoff; `None` once the attempts are spent or the server
/// wants longer than a fetch should wait (it is then reported).
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The longest wait worth making inside one fetch.
    pub max_wait: Duration,
    /// The first backoff when the server gives no `Retry-After`.
    pub base: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { attempts: 3, max_wait: Duration::from_secs(10), base: Duration::from_secs(1) }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` (`attempt` counts from 1).
    pub fn wait(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        let wait = retry_after.unwrap_or_else(|| self.base * 2u32.saturating_pow(attempt - 1));
        (wait <= self.max_wait).then_some(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_per_host() {
        let hosts = Hosts::new(2);
        assert!(hosts.try_acquire("a:80"));
        assert!(hosts.try_acquire("a:80"));
        assert!(!hosts.try_acquire("a:80"), "two at most");
        assert!(hosts.try_acquire("b:80"), "other hosts are free");
        hosts.release("a:80");
        assert!(hosts.try_acquire("a:80"));
        assert_eq!(host_of("https://News.example.org/feed"), "news.example.org:443");
        assert_eq!(host_of("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }

    #[test]
    fn retry_waits_as_asked_backs_off_and_gives_up() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.wait(1, Some(Duration::from_secs(2))), Some(Duration::from_secs(2)));
        assert_eq!(policy.wait(1, None), Some(Duration::from_secs(1)));
        assert_eq!(policy.wait(2, None), Some(Duration::from_secs(2)));
        assert_eq!(policy.wait(3, None), None, "three attempts in all");
        assert_eq!(policy.wait(1, Some(Duration::from_secs(3600))), None, "an hour is too long to wait");
    }
}
