//! Background work on threads of its own: rounds every so often until stopped.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Work at rounds on its thread.
pub struct Running {
    stop: mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Running {
    /// Finishes the round in hand, runs the work's own stop (giving a lease up) and returns.
    pub fn stop(self) {
        drop(self.stop);
        let _ = self.thread.join();
    }
}

/// Runs `round` every `every` until stopped; a round that returns `true` found more to do and
/// is followed by the next at once. `on_stop` runs on the thread once the rounds have ended.
pub(crate) fn rounds(
    name: &str,
    every: Duration,
    mut round: impl FnMut() -> bool + Send + 'static,
    on_stop: impl FnOnce() + Send + 'static,
) -> Running {
    let (stop, stopped) = mpsc::channel::<()>();
    let work = move || {
        loop {
            let pause = if round() { Duration::ZERO } else { every };
            match stopped.recv_timeout(pause) {
                Err(RecvTimeoutError::Timeout) => {}
                _ => break,
            }
        }
        on_stop();
    };
    let thread = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(work)
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, name, "could not start a background thread");
            std::thread::spawn(|| {})
        });
    Running { stop, thread }
}
