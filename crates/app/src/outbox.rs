//! Notices to members: written to the outbox in the transaction of the change, delivered by the
//! [`Dispatcher`] after it has committed, so nobody hears of a change that was rolled back. The
//! dispatcher takes a lease in the database, so when several instances serve one database one
//! delivers at a time; an instance that stops leaves the rest for the next (docs/adr/0004-outbox-and-leases.md).

use crate::clock::Clock;
use huzhu_domain::ErrorCode;
use huzhu_store::{outbox, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// Something a member is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A claim of the member reached a new status.
    ClaimChanged {
        member_id: i64,
        claim_id: i64,
        status: String,
    },
}

impl Notice {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::ClaimChanged { .. } => "claim_changed",
        }
    }

    pub fn payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A channel that carries notices to members outside the SPA (SMS, the WeChat service
/// account). Delivery is at least once: a crash between sending and recording it sends again.
pub trait Notifier: Send + Sync {
    fn deliver(&self, notice: &Notice) -> Result<(), String>;
}

/// Writes notices to the log: the channel of development and of tests.
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn deliver(&self, n: &Notice) -> Result<(), String> {
        match n {
            Notice::ClaimChanged {
                member_id,
                claim_id,
                status,
            } => tracing::info!(member_id, claim_id, %status, "claim status changed"),
        }
        Ok(())
    }
}

/// The lease's name in the database.
const LEASE: &str = "outbox";

/// Delivers the outbox's notices in order.
pub struct Dispatcher {
    store: Store,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    holder: String,
    lease: Duration,
    batch: i64,
}

impl Dispatcher {
    /// `lease` is how long an instance that stops silently keeps the others waiting.
    pub fn new(
        store: Store,
        notifier: Arc<dyn Notifier>,
        clock: Arc<dyn Clock>,
        lease: Duration,
    ) -> Self {
        Self {
            store,
            notifier,
            clock,
            holder: uuid::Uuid::new_v4().to_string(),
            lease,
            batch: 200,
        }
    }

    /// One round: when this instance holds the lease, delivers what waits (up to a batch) and
    /// returns how many were delivered; otherwise delivers nothing.
    pub fn run_once(&self) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let until = now + chrono::Duration::from_std(self.lease).unwrap_or_default();
        let held = self
            .store
            .write(|c| outbox::take_lease(c, LEASE, &self.holder, now, until))?;
        if !held {
            return Ok(0);
        }
        let waiting = self.store.read(|c| outbox::waiting(c, self.batch))?;
        let mut delivered = 0;
        for w in waiting {
            let notice: Result<Notice, _> = serde_json::from_str(&w.payload);
            let outcome = match notice {
                Ok(n) => self.notifier.deliver(&n),
                Err(e) => Err(format!("unreadable notice: {e}")),
            };
            // Each delivery is recorded at once, under the lease, so a crash re-sends at most
            // the notice in hand.
            self.store.write(|c| {
                if !outbox::take_lease(c, LEASE, &self.holder, self.clock.now(), until)? {
                    return Err(StoreError::conflict(
                        ErrorCode::OutboxLeaseLost,
                        "another instance took the outbox lease",
                    ));
                }
                match &outcome {
                    Ok(()) => outbox::delivered(c, w.id, self.clock.now()),
                    Err(e) => outbox::failed(c, w.id, e),
                }
            })?;
            if outcome.is_ok() {
                delivered += 1;
            } else {
                // Keep order: a notice that fails is tried again next round before later ones.
                break;
            }
        }
        Ok(delivered)
    }

    /// Runs rounds every `every` on a thread of its own until the process ends.
    pub fn spawn(self, every: Duration) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || loop {
            match self.run_once() {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "outbox round failed; trying again"),
            }
            std::thread::sleep(every);
        })
    }
}
