//! First come, first served for SQLite's one writer.
//!
//! SQLite has one write lock and no queue: a writer that finds it taken sleeps and looks again
//! (`busy_timeout`), and a writer that releases it and asks again at once usually wins over the
//! sleepers. A long job written as many short transactions (a roster of 100,000 rows) would
//! then still keep a login waiting for all of them. Writers of this process therefore take a
//! numbered turn before they begin, and each gets the lock in the order it asked.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct WriteTurns {
    state: Mutex<Turns>,
    changed: Condvar,
}

#[derive(Default)]
struct Turns {
    next_ticket: u64,
    serving: u64,
}

/// A writer's turn; the next one's begins when it is dropped.
pub struct Turn<'a> {
    turns: &'a WriteTurns,
    ticket: u64,
}

impl WriteTurns {
    /// Waits for this caller's turn, at most `patience`: a writer that waits longer (a turn
    /// held across a nested write, which would otherwise never end) goes on and queues on
    /// SQLite's own lock as it would without turns.
    pub fn take(&self, patience: Duration) -> Turn<'_> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        let deadline = Instant::now() + patience;
        while state.serving < ticket {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = self
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        Turn {
            turns: self,
            ticket,
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut state = self
            .turns
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // A writer that gave up waiting may finish after later ones: serving only moves on.
        state.serving = state.serving.max(self.ticket + 1);
        drop(state);
        self.turns.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::Arc;

    #[test]
    fn writers_are_served_in_the_order_they_asked() {
        let turns = Arc::new(WriteTurns::default());
        let order = Arc::new(Mutex::new(Vec::new()));
        let first = turns.take(Duration::from_secs(5));
        let mut waiting = Vec::new();
        for i in 0..4 {
            let (mine, order) = (turns.clone(), order.clone());
            waiting.push(std::thread::spawn(move || {
                let _turn = mine.take(Duration::from_secs(5));
                order.lock().unwrap().push(i);
            }));
            // Each asks after the one before.
            while turns.state.lock().unwrap().next_ticket < i + 2 {
                std::thread::yield_now();
            }
        }
        drop(first);
        for w in waiting {
            w.join().unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_writer_stops_waiting_after_its_patience() {
        let turns = WriteTurns::default();
        let held = turns.take(Duration::from_secs(5));
        let started = Instant::now();
        let late = turns.take(Duration::from_millis(50));
        assert!(started.elapsed() >= Duration::from_millis(50));
        drop(late);
        drop(held);
        // Turns go on afterwards.
        let next = turns.take(Duration::from_millis(50));
        assert_eq!(next.ticket, 2);
    }
}
