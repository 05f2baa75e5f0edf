//! How contributions arrive (docs/domain.md §3).

use serde::{Deserialize, Serialize};

/// The channel a contribution was paid through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContributionChannel {
    /// A bank transfer to the association's account.
    BankTransfer,
    /// Deducted from the union's dues (工会经费).
    UnionDues,
    /// Paid by the member online.
    Online,
    Cash,
}

crate::named::names!(ContributionChannel {
    BankTransfer = "bank_transfer",
    UnionDues = "union_dues",
    Online = "online",
    Cash = "cash",
});
