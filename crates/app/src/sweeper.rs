//! Housekeeping that keeps tables from growing without bound: the answers kept for
//! `Idempotency-Key`s are forgotten after a configured number of days
//! (`HUZHU_IDEMPOTENCY_DAYS`, default 30), after which a key used again is a new request. Runs on
//! one instance at a time, under a lease like the outbox (docs/adr/0005-idempotency-in-the-unit-of-work.md).

use crate::background::Running;
use crate::clock::Clock;
use huzhu_store::{idempotency, outbox, Store, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// The lease's name in the database.
const LEASE: &str = "sweeper";

/// Answers forgotten per transaction; a sweep that reaches it goes on at once with the next.
const CHUNK: i64 = 5_000;

pub struct Sweeper {
    store: Store,
    clock: Arc<dyn Clock>,
    holder: String,
    keep: chrono::Duration,
    lease: Duration,
}

impl Sweeper {
    /// Keeps idempotency answers `keep_days` days; `lease` is how long an instance that stops
    /// silently keeps the others from sweeping.
    pub fn new(store: Store, clock: Arc<dyn Clock>, keep_days: u32, lease: Duration) -> Self {
        Self {
            store,
            clock,
            holder: uuid::Uuid::new_v4().to_string(),
            keep: chrono::Duration::days(i64::from(keep_days)),
            lease,
        }
    }

    /// One sweep of at most [`CHUNK`] answers when this instance holds the lease; returns how
    /// many answers were forgotten.
    pub fn run_once(&self) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let until = now + chrono::Duration::from_std(self.lease).unwrap_or_default();
        self.store.write(|c| {
            if !outbox::take_lease(c, LEASE, &self.holder, now, until)? {
                return Ok(0);
            }
            idempotency::forget_before(c, now - self.keep, CHUNK)
        })
    }

    /// Gives the lease up (an instance that stops).
    pub fn release(&self) -> Result<(), StoreError> {
        self.store
            .write(|c| outbox::release_lease(c, LEASE, &self.holder))
    }

    /// Sweeps every `every` until [`Running::stop`].
    pub fn spawn(self, every: Duration) -> Running {
        let me = Arc::new(self);
        let stopping = me.clone();
        crate::background::rounds(
            "sweeper",
            every,
            move || {
                match me.run_once() {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(
                        forgotten = n,
                        "forgot idempotency answers past their keeping"
                    ),
                    Err(e) => tracing::warn!(error = %e, "sweeping failed; trying again"),
                }
                false
            },
            move || {
                let _ = stopping
                    .store
                    .write(|c| outbox::release_lease(c, LEASE, &stopping.holder));
            },
        )
    }
}
