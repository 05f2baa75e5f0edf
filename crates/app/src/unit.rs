//! The unit of work: a use case's changes, its audit entries, its notices and the answer kept
//! for its idempotency key, in one write transaction (docs/adr/0003-audit-trail.md,
//! docs/adr/0004-outbox-and-leases.md).

use crate::actor::Actor;
use crate::error::AppError;
use crate::outbox::Notice;
use crate::App;
use chrono::{DateTime, Utc};
use huzhu_domain::ErrorCode;
use huzhu_store::audit::{self, NewEntry};
use huzhu_store::idempotency::{self, Claimed};
use huzhu_store::{outbox, DbConn, StoreError};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// What happened, as a supervisor reads it: the use case, the thing it changed and the
/// business facts that changed (e.g. `claim.approve` of `claim:12`, amount 6000.00, status
/// reviewed → approved). Never a secret ballot's choice or a password.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub use_case: &'static str,
    /// `claim:12`, `member:5`, `batch:3`.
    pub subject: String,
    pub facts: Map<String, Value>,
}

impl Event {
    pub fn new(use_case: &'static str, subject: impl Into<String>) -> Self {
        Self {
            use_case,
            subject: subject.into(),
            facts: Map::new(),
        }
    }

    /// An event about `kind:id`.
    pub fn of(use_case: &'static str, kind: &str, id: i64) -> Self {
        Self::new(use_case, format!("{kind}:{id}"))
    }

    /// Adds a fact; a value that does not serialise is recorded as null.
    pub fn fact(mut self, name: &str, value: impl Serialize) -> Self {
        self.facts.insert(
            name.to_string(),
            serde_json::to_value(value).unwrap_or(Value::Null),
        );
        self
    }

    /// A status change `from → to`.
    pub fn moved(self, from: impl std::fmt::Display, to: impl std::fmt::Display) -> Self {
        self.fact("status", format!("{from} → {to}"))
    }
}

/// A use case's result with what must be written with it: one or more audit events, and the
/// notices for the outbox. The type makes an event part of every change.
#[derive(Debug)]
pub struct Done<T> {
    pub value: T,
    events: Vec<Event>,
    notices: Vec<Notice>,
}

impl<T> Done<T> {
    pub fn new(value: T, event: Event) -> Self {
        Self {
            value,
            events: vec![event],
            notices: Vec::new(),
        }
    }

    /// The outcome of a use case that found nothing to change (a refresh token that is
    /// unknown): no audit entry, as nothing was written.
    pub fn unchanged(value: T) -> Self {
        Self {
            value,
            events: Vec::new(),
            notices: Vec::new(),
        }
    }

    /// Another event of the same unit of work (a vote that enacts a resolution).
    pub fn and(mut self, event: Event) -> Self {
        self.events.push(event);
        self
    }

    pub fn notify(mut self, notice: Notice) -> Self {
        self.notices.push(notice);
        self
    }

    pub fn notify_all(mut self, notices: impl IntoIterator<Item = Notice>) -> Self {
        self.notices.extend(notices);
        self
    }
}

/// An `Idempotency-Key` with the request it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    caller: String,
    key: String,
    request_sha256: String,
}

impl IdempotencyKey {
    pub const MAX_CHARS: usize = 200;

    /// `request` is what identifies the request: its method, path and canonical body.
    pub fn new(actor: &Actor, key: &str, request: &[&[u8]]) -> Result<Self, AppError> {
        let key = key.trim();
        if key.is_empty() || key.len() > Self::MAX_CHARS || key.chars().any(char::is_control) {
            return Err(AppError::invalid(
                ErrorCode::IdempotencyKeyInvalid,
                "the Idempotency-Key is 1 to 200 visible characters",
            ));
        }
        let mut h = Sha256::new();
        for part in request {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        Ok(Self {
            caller: actor.label(),
            key: key.to_string(),
            request_sha256: hex::encode(h.finalize()),
        })
    }
}

/// The answer to a request that may carry an idempotency key: the status and the JSON body,
/// either made now or kept from the first time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

impl App {
    /// Runs `work` for `actor` in one write transaction and writes, in that same transaction,
    /// the audit entries and the notices it returns. An error from `work` or from writing them
    /// rolls everything back.
    pub fn change<T, E>(
        &self,
        actor: &Actor,
        work: impl FnOnce(&mut DbConn) -> Result<Done<T>, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let now = self.now();
        self.store.write(|c| {
            let done = work(c)?;
            self.record(c, actor, &done.events, &done.notices, now)?;
            Ok(done.value)
        })
    }

    /// As [`App::change`], for a request that moves money: with a key, the first answer is
    /// kept with the change and every later request with that key and the same request gets
    /// it again without doing anything; the same key with another request is refused.
    /// Concurrent requests with one key wait for the first (see `idempotency::claim`).
    pub fn change_once<T, E>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        work: impl FnOnce(&mut DbConn) -> Result<Done<T>, E>,
    ) -> Result<Answer, E>
    where
        T: Serialize,
        E: From<StoreError> + From<AppError>,
    {
        let now = self.now();
        self.store.write(|c| {
            if let Some(k) = key {
                match idempotency::claim(c, &k.caller, &k.key, &k.request_sha256, now)? {
                    Claimed::Fresh => {}
                    Claimed::Kept(kept) if kept.request_sha256 != k.request_sha256 => {
                        return Err(AppError::invalid(
                            ErrorCode::IdempotencyKeyReused,
                            "this Idempotency-Key was used for a different request; use a new key for a new request",
                        )
                        .into());
                    }
                    Claimed::Kept(kept) => {
                        return Ok(Answer {
                            status: kept.status,
                            body: kept.response,
                            replayed: true,
                        })
                    }
                }
            }
            let done = work(c)?;
            let body = serde_json::to_string(&done.value)
                .map_err(|e| StoreError::Corrupt(format!("answer not serialisable: {e}")))?;
            self.record(c, actor, &done.events, &done.notices, now)?;
            if let Some(k) = key {
                idempotency::answer(c, &k.caller, &k.key, status, &body)?;
            }
            Ok(Answer {
                status,
                body,
                replayed: false,
            })
        })
    }

    /// Records an attempt that was refused and that matters (a wrong password, an approval
    /// past the rules), in a transaction of its own as nothing else is written.
    pub fn refused(&self, actor: &Actor, event: Event, code: ErrorCode, message: &str) {
        let now = self.now();
        let event = event.fact("refused", code.as_str()).fact("reason", message);
        let written = self
            .store
            .write(|c| self.record(c, actor, std::slice::from_ref(&event), &[], now));
        if let Err(e) = written {
            tracing::error!(error = %e, use_case = event.use_case, "could not record a refusal in the audit trail");
        }
    }

    fn record(
        &self,
        c: &mut DbConn,
        actor: &Actor,
        events: &[Event],
        notices: &[Notice],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let at = now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let who = actor.label();
        for event in events {
            let mut details = Map::new();
            details.insert("name".into(), Value::String(actor.name.clone()));
            details.insert("via".into(), Value::String(actor.via.to_string()));
            if !actor.request_id.is_empty() {
                details.insert("request_id".into(), Value::String(actor.request_id.clone()));
            }
            details.insert("facts".into(), Value::Object(event.facts.clone()));
            let details = Value::Object(details).to_string();
            audit::append(
                c,
                &self.audit_key,
                &NewEntry {
                    at: &at,
                    actor: &who,
                    action: event.use_case,
                    subject: &event.subject,
                    details: &details,
                },
            )?;
        }
        for notice in notices {
            outbox::enqueue(c, notice.kind(), &notice.payload(), now)?;
        }
        Ok(())
    }
}
