//! Notices to members: written to the outbox in the transaction of the change, delivered by the
//! [`Dispatcher`] after it has committed, so nobody hears of a change that was rolled back. The
//! dispatcher takes a lease in the database, so when several instances serve one database one
//! delivers at a time; an instance that stops leaves the rest for the next (docs/adr/0004-outbox-and-leases.md).

use crate::background::Running;
use crate::clock::Clock;
use chrono::{DateTime, Utc};
use huzhu_domain::ErrorCode;
use huzhu_store::{outbox, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
        status: huzhu_domain::claim_flow::ClaimStatus,
    },
}

impl Notice {
    /// The member told: their notices leave in the order they were written.
    pub fn recipient(&self) -> i64 {
        match self {
            Self::ClaimChanged { member_id, .. } => *member_id,
        }
    }

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

/// How a notice that failed is tried again: after `first_pause`, the pause doubling with each
/// failure up to `longest_pause`, and given up after `max_attempts` (then logged and counted,
/// so the later notices of that member go on). Defaults: 10 attempts, 10 s doubling to 1 h,
/// about two and a half hours in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub first_pause: Duration,
    pub longest_pause: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 10,
            first_pause: Duration::from_secs(10),
            longest_pause: Duration::from_secs(3600),
        }
    }
}

impl RetryPolicy {
    /// What becomes of a notice that has now failed `attempts` times.
    pub fn after_failure(&self, attempts: u32, now: DateTime<Utc>) -> outbox::Retry {
        if attempts >= self.max_attempts {
            return outbox::Retry::Abandoned(now);
        }
        let doubled = self
            .first_pause
            .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1)));
        let pause = doubled.min(self.longest_pause);
        outbox::Retry::At(now + chrono::Duration::from_std(pause).unwrap_or_default())
    }
}

/// How many failed notices are looked at to hold their members' later notices back.
const DEFERRED_LIMIT: i64 = 10_000;

/// How many waiting notices a round looks at, at most: the notices held back behind a failed
/// one are skipped, and a round stays bounded however many there are (a gateway outage).
const SCAN_LIMIT: usize = 5_000;

/// Delivers the outbox's notices in order.
pub struct Dispatcher {
    store: Store,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    holder: String,
    lease: Duration,
    batch: i64,
    retry: RetryPolicy,
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
            retry: RetryPolicy::default(),
        }
    }

    pub fn retrying(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
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
        // A member whose notice failed and waits out its pause hears nothing later before it.
        let mut held_back: HashMap<i64, i64> = HashMap::new();
        for d in self
            .store
            .read(|c| outbox::deferred(c, now, DEFERRED_LIMIT))?
        {
            if let Ok(n) = serde_json::from_str::<Notice>(&d.payload) {
                held_back.entry(n.recipient()).or_insert(d.id);
            }
        }
        let (mut delivered, mut attempted, mut examined, mut after) = (0, 0, 0, 0);
        while attempted < self.batch && examined < SCAN_LIMIT {
            let page = self
                .store
                .read(|c| outbox::ready(c, now, after, self.batch))?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for w in page {
                examined += 1;
                let notice: Result<Notice, _> = serde_json::from_str(&w.payload);
                let member = notice.as_ref().ok().map(Notice::recipient);
                if member.is_some_and(|m| held_back.get(&m).is_some_and(|first| *first < w.id)) {
                    continue;
                }
                attempted += 1;
                if self.attempt(&w, &notice, until)? {
                    delivered += 1;
                } else if let Some(m) = member {
                    held_back.entry(m).or_insert(w.id);
                }
                if attempted >= self.batch {
                    break;
                }
            }
        }
        Ok(delivered)
    }

    /// Hands one notice to the notifier and records the outcome at once, under the lease, so a
    /// crash re-sends at most the notice in hand; a failure is logged and scheduled again (or
    /// given up) by the retry policy. True when it was delivered.
    fn attempt(
        &self,
        w: &outbox::Waiting,
        notice: &Result<Notice, serde_json::Error>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let outcome = match notice {
            Ok(n) => self.notifier.deliver(n),
            Err(e) => Err(format!("unreadable notice: {e}")),
        };
        let attempts = u32::try_from(w.attempts).unwrap_or(0).saturating_add(1);
        let now = self.clock.now();
        let retry = self.retry.after_failure(attempts, now);
        self.store.write(|c| {
            if !outbox::take_lease(c, LEASE, &self.holder, now, until)? {
                return Err(StoreError::conflict(
                    ErrorCode::OutboxLeaseLost,
                    "another instance took the outbox lease",
                ));
            }
            match &outcome {
                Ok(()) => outbox::delivered(c, w.id, now),
                Err(e) => outbox::failed(c, w.id, e, retry),
            }
        })?;
        let Err(e) = outcome else { return Ok(true) };
        match retry {
            outbox::Retry::Abandoned(_) => {
                tracing::error!(notice = w.id, attempts, error = %e, "a notice could not be delivered and was given up")
            }
            outbox::Retry::At(at) => {
                tracing::warn!(notice = w.id, attempts, error = %e, %at, "a notice could not be delivered; it is tried again later")
            }
        }
        Ok(false)
    }

    /// Gives the lease up (an instance that stops), so another need not wait for it to run out.
    pub fn release(&self) -> Result<(), StoreError> {
        self.store
            .write(|c| outbox::release_lease(c, LEASE, &self.holder))
    }

    /// Runs rounds every `every` on a thread of its own until [`Running::stop`], which gives the
    /// lease up.
    pub fn spawn(self, every: Duration) -> Running {
        let me = Arc::new(self);
        let stopping = me.clone();
        crate::background::rounds(
            "outbox",
            every,
            move || match me.run_once() {
                Ok(n) => n > 0,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox round failed; trying again");
                    false
                }
            },
            move || {
                if let Err(e) = stopping.release() {
                    tracing::warn!(error = %e, "could not give the outbox lease up; it runs out by itself");
                }
            },
        )
    }
}
