//! The threads that parse articles in parallel, a rayon pool of their own,
//! run a few nice steps below the rest of the program. Parsing works a chunk
//! ahead of storing; given the cores as often as the two index writers,
//! it finished early and waited while the writers, behind, left a core
//! idle at the end of every chunk. Yielding to them, it takes what they
//! leave and both cores stay busy (measured at 100,000 articles: 1.87
//! cores in use on average against 1.71). The reader's own thread gets
//! the same precedence while a library is indexed in the background.

use std::sync::OnceLock;

use rayon::{ThreadPool, ThreadPoolBuilder};

/// How many nice steps below the thread that starts them the workers run.
pub const LOWER_BY: i32 = 5;

/// Runs `work` on the parsing pool: its parallel iterators and joins use
/// the pool's lowered workers. The pool is made on first use (nothing is
/// started for commands that never parse); where it cannot be, `work` runs
/// on rayon's global pool.
pub fn install<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();
    match POOL.get_or_init(|| builder().build().ok()) {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

fn builder() -> ThreadPoolBuilder {
    ThreadPoolBuilder::new().thread_name(|i| format!("parse-{i}")).start_handler(|_| lower_this_thread())
}

/// Lowers the calling thread's priority by [`LOWER_BY`] (Linux sets it per
/// thread; elsewhere it is left as it is).
fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain calls on the calling thread's own id.
    unsafe {
        let me = libc::gettid() as libc::id_t;
        let now = libc::getpriority(libc::PRIO_PROCESS, me);
        libc::setpriority(libc::PRIO_PROCESS, me, (now + LOWER_BY).min(19));
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn priority() -> i32 {
        // SAFETY: a plain query of the calling thread's priority.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    fn workers_run_below_the_thread_that_starts_them() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| lower_this_thread())
            .build()
            .unwrap();
        let here = priority();
        assert_eq!(pool.install(priority), (here + LOWER_BY).min(19));
        assert_eq!(priority(), here, "the starting thread keeps its own");
    }
}
