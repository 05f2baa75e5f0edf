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
