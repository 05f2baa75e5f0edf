//! Paying approved claims (docs/domain.md §5): payments gathered in batches that a second person
//! approves before the bank file goes out, and the bank's answer for each payment.

use serde::{Deserialize, Serialize};

/// Where a payment batch stands: drafted by one person, approved by another, settled once the
/// bank's result has been imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PaymentBatchStatus {
    Draft,
    Approved,
    Settled,
}

crate::named::names!(PaymentBatchStatus {
    Draft = "draft",
    Approved = "approved",
    Settled = "settled",
});

/// What the bank said of one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PaymentStatus {
    /// Sent, or about to be; no answer yet.
    Pending,
    Paid,
    /// Refused by the bank (closed account, wrong name); the claim may be paid again.
    Failed,
}

crate::named::names!(PaymentStatus {
    Pending = "pending",
    Paid = "paid",
    Failed = "failed",
});
