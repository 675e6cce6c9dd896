//! Memory the shell has freed, given back to the system once the preview rests.
//!
//! Typesetting a long plan allocates and frees tens of MB on several threads. glibc keeps what
//! was freed in each thread's arena, returning only the top of a heap, so after a few previews
//! the process stays resident at its peak although the memory is free: on the Long An plan
//! ~19 MiB of the shell's PSS (measured by calling `malloc_trim(0)` in the running app with a
//! debugger: 179 → 160 MiB). [`Trimmer`] asks glibc for it back after the preview has been
//! quiet for a while — never between a keystroke and its page, since the call locks every
//! arena in turn.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// How long the preview must rest before the freed memory is given back: longer than the
/// pause between two keystrokes, so a trim never runs while someone types.
pub const REST: Duration = Duration::from_millis(1500);

/// Gives freed memory back (by `release`) once no work has been reported for the rest time.
pub struct Trimmer {
    work: Sender<()>,
}

impl Trimmer {
    /// Starts the thread that waits for the rests; it ends with the `Trimmer`.
    pub fn start(rest: Duration, release: impl Fn() + Send + 'static) -> std::io::Result<Trimmer> {
        let (work, reported) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("vanban-trim".into())
            .spawn(move || {
                // Asleep until some work, then until a rest after it.
                while reported.recv().is_ok() {
                    loop {
                        match reported.recv_timeout(rest) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => {
                                release();
                                break;
                            }
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                }
            })?;
        Ok(Trimmer { work })
    }

    /// Work was done (a preview, a page drawn): memory may have been freed.
    pub fn worked(&self) {
        // The thread only ends with the Trimmer, so the send cannot fail while it is alive.
        let _ = self.work.send(());
    }
}

/// Asks the allocator to return the memory it holds free to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed() {
    // SAFETY: `malloc_trim` takes no pointer and touches only glibc's own free lists, under
    // the same locks as every other allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Elsewhere the allocator (Windows' heap, macOS's malloc) returns large free blocks itself.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed() {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn freed_memory_is_given_back_once_after_a_rest_never_while_work_goes_on() {
        let released = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&released);
        let trimmer = Trimmer::start(Duration::from_millis(400), move || {
            counted.fetch_add(1, Ordering::SeqCst);
        })
        .expect("thread");
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(
            released.load(Ordering::SeqCst),
            0,
            "no work yet, nothing to give back"
        );
        // Work every 20 ms for 1 s: far more often than the rest.
        for _ in 0..50 {
            trimmer.worked();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            released.load(Ordering::SeqCst),
            0,
            "given back while work went on"
        );
        std::thread::sleep(Duration::from_millis(1200));
        assert_eq!(
            released.load(Ordering::SeqCst),
            1,
            "given back once after the rest"
        );
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(
            released.load(Ordering::SeqCst),
            1,
            "given back again with no new work"
        );
        trimmer.worked();
        std::thread::sleep(Duration::from_millis(1200));
        assert_eq!(released.load(Ordering::SeqCst), 2);
    }
}
