//! The settlement feed (一站式结算): the medical-insurance system reports a hospital stay it
//! settled, and the association answers what became of it (docs/domain.md §4). These are the
//! records of that exchange as both sides read them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One inpatient settlement as the medical-insurance system reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SettlementRecord {
    /// Unique in the medical-insurance system: the same number twice makes no second claim.
    pub settlement_number: String,
    pub id_number: String,
    pub admission: NaiveDate,
    pub discharge: NaiveDate,
    pub diagnosis_code: String,
    pub total_cost: String,
    pub pooled_fund_paid: String,
    pub in_catalogue_self_pay: String,
    pub out_of_catalogue_self_pay: String,
}

/// What became of one settlement record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementOutcome {
    pub settlement_number: String,
    /// `claims_created`, `not_covered`, `duplicate` or `invalid`.
    pub outcome: String,
    /// The claims made from it (now, or the first time for a duplicate).
    #[serde(default)]
    pub claims: Vec<SettlementClaim>,
    /// Why nothing was created: a reason or error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<crate::ErrorCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The field at fault, for `invalid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementClaim {
    pub claim_id: i64,
    pub plan_code: String,
    pub amount: String,
    /// Submitted (queued for review) or approved (small amounts, approved automatically).
    pub status: crate::claim_flow::ClaimStatus,
}
