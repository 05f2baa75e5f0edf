use chrono::NaiveDate;
use huzhu_domain::contribution::ContributionChannel;
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::roster::EnrollmentBatchStatus;
use serde::{Deserialize, Serialize};

/// A member's own application for a plan that allows individual enrollment (gig workers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IndividualEnrollment {
    #[cfg_attr(feature = "openapi", schema(example = "XYT"))]
    pub plan_code: String,
    pub shares: u32,
}

/// A payment received for a policy. When the payments reach the premium the cover starts at
/// 00:00 CST of the day after `paid_on` (or the plan's fixed date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewContribution {
    pub policy_id: i64,
    /// Yuan with at most two decimals, e.g. `"72.00"`.
    #[cfg_attr(feature = "openapi", schema(example = "72.00"))]
    pub amount: String,
    pub channel: ContributionChannel,
    /// The payment's reference in that channel (bank serial number, receipt number); unique.
    pub reference: String,
    /// The CST day the money was received.
    pub paid_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionReceipt {
    pub id: i64,
    pub policy_id: i64,
    pub amount: String,
    pub channel: ContributionChannel,
    pub reference: String,
    pub paid_on: NaiveDate,
    /// All payments for the policy so far, this one included.
    pub paid_so_far: String,
    pub premium: String,
    /// Pending payment until fully paid, then active.
    pub policy_status: PolicyState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_period_end: Option<NaiveDate>,
}

pub use huzhu_domain::roster::{RosterIssue, RosterReport, UnitProblem};

/// A committed roster: its policies wait for one payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollmentBatch {
    pub id: i64,
    pub org_unit_id: i64,
    pub plan_code: String,
    pub member_count: i32,
    pub premium_total: String,
    pub status: EnrollmentBatchStatus,
    pub file_sha256: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<chrono::DateTime<chrono::Utc>>,
    pub policies: Vec<BatchPolicy>,
}

/// A committed roster in a list: the batch without its policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchSummary {
    pub id: i64,
    pub org_unit_id: i64,
    pub org_unit_name: String,
    pub plan_code: String,
    pub member_count: i32,
    pub premium_total: String,
    pub status: EnrollmentBatchStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchPolicy {
    pub policy_id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub id_number_masked: String,
    pub shares: i32,
    pub premium: String,
    pub status: PolicyState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_period_end: Option<NaiveDate>,
}

/// The union's payment for a whole batch: the amount must equal the batch's premium.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchPaymentRequest {
    pub amount: String,
    pub channel: ContributionChannel,
    pub reference: String,
    pub paid_on: NaiveDate,
}
