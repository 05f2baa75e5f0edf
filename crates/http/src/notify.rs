//! Telling members that their claim moved. Members always see it in the SPA (the list comes
//! from the claim's recorded steps); other channels (SMS, the WeChat service account) sit behind
//! [`Notifier`], which in development only logs.

/// A claim of a member reached a new status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimNotice {
    pub member_id: i64,
    pub claim_id: i64,
    pub status: String,
}

/// A channel that carries notices to members outside the SPA.
pub trait Notifier: Send + Sync {
    fn claim_changed(&self, notice: &ClaimNotice);
}

/// Writes notices to the log: the channel of development and of tests.
pub struct LogNotifier;

impl Notifier for LogNotifier {
    fn claim_changed(&self, n: &ClaimNotice) {
        tracing::info!(
            member_id = n.member_id,
            claim_id = n.claim_id,
            status = %n.status,
            "claim status changed"
        );
    }
}
