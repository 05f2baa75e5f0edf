//! The audit trail's use cases: verify it, take a signed checkpoint of its head, and verify it
//! against a checkpoint kept outside the system (docs/adr/0003-audit-trail.md).

use crate::actor::Actor;
use crate::error::AppResult;
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::audit::{Checkpoint, CheckpointBreak};
use huzhu_store::audit::{self, Verification};

impl App {
    pub fn verify_audit_trail(&self) -> AppResult<Verification> {
        Ok(self.store.read(|c| audit::verify(c, &self.audit_key))?)
    }

    /// A signed checkpoint of the head; taking one is itself recorded in the trail (before the
    /// checkpoint is taken, so the checkpoint covers it).
    pub fn audit_checkpoint(&self, actor: &Actor) -> AppResult<Checkpoint> {
        let now = self.now();
        self.change(actor, |_| {
            Ok::<_, crate::AppError>(Done::new((), Event::new("audit.checkpoint", "audit_trail")))
        })?;
        Ok(self
            .store
            .read(|c| audit::checkpoint(c, &self.audit_key, now))?)
    }

    /// The trail verified on its own and against `checkpoint`.
    pub fn verify_audit_trail_against(
        &self,
        checkpoint: &Checkpoint,
    ) -> AppResult<(Verification, Result<(), CheckpointBreak>)> {
        Ok(self
            .store
            .read(|c| audit::verify_with_checkpoint(c, &self.audit_key, checkpoint))?)
    }
}

/// A page of the trail, newest first, and the number of its newest entry.
#[derive(Debug, Clone)]
pub struct TrailPage {
    pub entries: Vec<audit::Entry>,
    pub head_seq: i64,
}

impl App {
    /// Entries before `before` (the newest when absent), at most `limit` (1–500).
    pub fn audit_page(&self, before: Option<i64>, limit: i64) -> AppResult<TrailPage> {
        let limit = limit.clamp(1, 500);
        Ok(self.store.read(|c| {
            Ok::<_, huzhu_store::StoreError>(TrailPage {
                entries: audit::page(c, before, limit)?,
                head_seq: audit::head_seq(c)?,
            })
        })?)
    }
}
